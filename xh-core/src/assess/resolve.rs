//! A target resolved against a series: the anchor and latest observation,
//! the acceptance region, whether the target is met, and whether there is
//! enough data; the starting point of every method. Also the choice of
//! growth model (supplied or estimated) that the path and probability
//! methods share.

use super::series::{Series, YearValue};
use super::stats::GrowthModel;
use super::target::{Acceptance, Target, TargetKind};
use super::{Options, Outcome};
use crate::error::Result;

/// The target resolved against a series: what every method starts from.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    /// Level targets: the first observation in `base_year ..= target_year`.
    /// Cumulative targets: `(base_year, 0)`.
    pub anchor: YearValue,
    /// Level targets: the last observation up to the target year.
    /// Cumulative targets: `(last flow year, total so far)`.
    pub latest: YearValue,
    /// The latest raw observation (the flow itself for cumulative targets).
    pub latest_raw: YearValue,
    pub central: f64,
    pub acceptance: Acceptance,
    pub required: f64,
    pub direction: f64,
    pub met: bool,
    pub points: usize,
}

impl Ctx {
    pub fn two_points(&self) -> bool {
        self.latest.year > self.anchor.year
    }
    pub fn cumulative(target: &Target) -> bool {
        matches!(target.kind, TargetKind::Cumulative { .. })
    }
}

pub(crate) fn insufficient<T>(needed: usize, available: usize, reason: String) -> Outcome<T> {
    Outcome::InsufficientData {
        needed,
        available,
        reason,
    }
}

/// Validates and resolves; `Err` for bad input, `Ok(Err(outcome))` for too
/// little data.
pub(crate) fn resolve<T>(
    target: &Target,
    series: &Series,
    opts: &Options,
) -> Result<std::result::Result<Ctx, Outcome<T>>> {
    target.validate()?;
    opts.validate()?;
    super::deflate::check_price_basis(target, series)?;
    let tol = opts.about_tolerance;
    let (b, t) = (target.base_year, target.target_year);
    match target.kind {
        TargetKind::Cumulative { .. } => {
            let flows = series.between(b + 1, t);
            let pts = flows.points();
            let Some(last) = pts.last().copied() else {
                return Ok(Err(insufficient(
                    1,
                    0,
                    format!("no annual flow observed in {}–{t}", b + 1),
                )));
            };
            if let Some(y) = (b + 1..=last.year).find(|y| flows.get(*y).is_none()) {
                return Ok(Err(insufficient(
                    (last.year - b) as usize,
                    pts.len(),
                    format!("the flow of {y} is missing, so the total so far is unknown"),
                )));
            }
            let done: f64 = pts.iter().map(|p| p.value).sum();
            let (central, acceptance) = target.acceptance(0.0, b, tol)?;
            let required = acceptance.nearest(0.0);
            Ok(Ok(Ctx {
                anchor: YearValue {
                    year: b,
                    value: 0.0,
                },
                latest: YearValue {
                    year: last.year,
                    value: done,
                },
                latest_raw: last,
                central,
                acceptance,
                required,
                direction: target.direction(0.0, required),
                met: acceptance.contains(done),
                points: pts.len(),
            }))
        }
        TargetKind::EveryYear { .. } => {
            let window = series.between(b + 1, t);
            let pts = window.points();
            let (Some(first), Some(last)) = (pts.first().copied(), pts.last().copied()) else {
                return Ok(Err(insufficient(
                    1,
                    0,
                    format!("no observation in {}–{t}", b + 1),
                )));
            };
            let (central, acceptance) = target.acceptance(first.value, first.year, tol)?;
            Ok(Ok(Ctx {
                anchor: first,
                latest: last,
                latest_raw: last,
                central,
                acceptance,
                required: central,
                direction: target.direction(first.value, central),
                met: pts.iter().all(|p| acceptance.contains(p.value)),
                points: pts.len(),
            }))
        }
        _ => {
            let window = series.between(b, t);
            let pts = window.points();
            let (Some(first), Some(last)) = (pts.first().copied(), pts.last().copied()) else {
                return Ok(Err(insufficient(
                    2,
                    0,
                    format!("no observation in {b}–{t}"),
                )));
            };
            if matches!(target.kind, TargetKind::Change { .. }) && first.year != b {
                return Ok(Err(insufficient(
                    2,
                    pts.len(),
                    format!("a change target needs the base-year ({b}) level"),
                )));
            }
            let (central, acceptance) = target.acceptance(first.value, first.year, tol)?;
            let required = acceptance.nearest(first.value);
            Ok(Ok(Ctx {
                anchor: first,
                latest: last,
                latest_raw: last,
                central,
                acceptance,
                required,
                direction: target.direction(first.value, required),
                met: acceptance.contains(last.value),
                points: pts.len(),
            }))
        }
    }
}

/// The supplied model, or one estimated from the points up to `latest`
/// (None when there are fewer than 3 or a value is not positive).
pub(crate) fn model_for(series: &Series, latest: i32, opts: &Options) -> Option<GrowthModel> {
    match opts.model {
        Some(m) => Some(m),
        None => GrowthModel::estimate(&series.between(i32::MIN, latest))
            .ok()
            .map(|e| e.model),
    }
}
