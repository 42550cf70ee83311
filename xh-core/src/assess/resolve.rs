//! A target resolved against a series: the anchor and latest observation,
//! the acceptance region, whether the target is met, and whether there is
//! enough data; the starting point of every method. Also the choice of
//! growth model (supplied or estimated) that the path and probability
//! methods share.

use super::series::{Series, YearValue};
use super::stats::{GrowthModel, Params};
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
    /// `Err` with insufficient data unless an observation falls after the
    /// base year (before it the plan's progress cannot be assessed).
    pub fn after_base<T>(&self, target: &Target) -> std::result::Result<(), Outcome<T>> {
        if self.latest.year > target.base_year {
            return Ok(());
        }
        Err(insufficient(
            2,
            self.points,
            format!(
                "no observation after the base year {}; the latest is {}",
                target.base_year, self.latest.year
            ),
        ))
    }
    pub fn cumulative(target: &Target) -> bool {
        matches!(target.kind, TargetKind::Cumulative { .. })
    }
}

/// Too few points: `needed`, `available` and why.
pub(crate) fn insufficient<T>(needed: usize, available: usize, reason: String) -> Outcome<T> {
    Outcome::InsufficientData {
        needed: Some(needed),
        available: Some(available),
        reason,
    }
}

/// Values the method cannot use (opposite signs, a zero under a growth
/// rate): insufficient data without counts.
pub(crate) fn unusable<T>(reason: String) -> Outcome<T> {
    Outcome::InsufficientData {
        needed: None,
        available: None,
        reason,
    }
}

/// The checks that make a request invalid (an error rather than an
/// outcome): the target's own consistency, the options, and the price
/// basis of the series against the target's.
pub(crate) fn validate(target: &Target, series: &Series, opts: &Options) -> Result<()> {
    target.validate()?;
    opts.validate()?;
    super::deflate::check_price_basis(target, series)
}

/// A method's result once the request is valid: an arithmetic failure the
/// method's own checks did not foresee (an overflow on extreme values)
/// becomes insufficient data for this method alone, never an error that
/// would hide the other methods' answers.
pub(crate) fn settle<T>(result: Result<Outcome<T>>) -> Outcome<T> {
    match result {
        Ok(o) => o,
        Err(e) => unusable(match e.kind() {
            crate::ErrorKind::Overflow => {
                "a growth rate or projection overflows for these values".to_owned()
            }
            _ => "a growth rate or projection is undefined for these values".to_owned(),
        }),
    }
}

/// Validates and resolves; `Err` for bad input, `Ok(Err(outcome))` for too
/// little or unusable data.
pub(crate) fn resolve<T>(
    target: &Target,
    series: &Series,
    opts: &Options,
) -> Result<std::result::Result<Ctx, Outcome<T>>> {
    validate(target, series, opts)?;
    Ok(resolve_valid(target, series, opts))
}

fn no_observation<T>(series: &Series, from: i32, to: i32, needed: usize) -> Outcome<T> {
    let reason = match (series.points().first(), series.points().last()) {
        (None, _) | (_, None) => "no observations".to_owned(),
        (_, Some(last)) if last.year < from => format!(
            "no observation in {from}–{to}: every observation is before {from} (the latest is {})",
            last.year
        ),
        (Some(first), _) if first.year > to => format!(
            "no observation in {from}–{to}: every observation is after {to} (the first is {})",
            first.year
        ),
        _ => format!("no observation in {from}–{to}"),
    };
    insufficient(needed, 0, reason)
}

fn resolve_valid<T>(
    target: &Target,
    series: &Series,
    opts: &Options,
) -> std::result::Result<Ctx, Outcome<T>> {
    let tol = opts.about_tolerance;
    let (b, t) = (target.base_year, target.target_year);
    match target.kind {
        TargetKind::Cumulative { .. } => {
            let flows = series.between(b + 1, t);
            let pts = flows.points();
            let Some(last) = pts.last().copied() else {
                return Err(no_observation(series, b + 1, t, 1));
            };
            if let Some(y) = (b + 1..=last.year).find(|y| flows.get(*y).is_none()) {
                return Err(insufficient(
                    (last.year - b) as usize,
                    pts.len(),
                    format!("the flow of {y} is missing, so the total so far is unknown"),
                ));
            }
            let done: f64 = pts.iter().map(|p| p.value).sum();
            let (central, acceptance) =
                target.acceptance(0.0, b, tol).map_err(|e| settle(Err(e)))?;
            let required = acceptance.nearest(0.0);
            Ok(Ctx {
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
            })
        }
        TargetKind::EveryYear { .. } => {
            let window = series.between(b + 1, t);
            let pts = window.points();
            let (Some(first), Some(last)) = (pts.first().copied(), pts.last().copied()) else {
                return Err(no_observation(series, b + 1, t, 1));
            };
            let (central, acceptance) = target
                .acceptance(first.value, first.year, tol)
                .map_err(|e| settle(Err(e)))?;
            Ok(Ctx {
                anchor: first,
                latest: last,
                latest_raw: last,
                central,
                acceptance,
                required: central,
                direction: target.direction(first.value, central),
                met: pts.iter().all(|p| acceptance.contains(p.value)),
                points: pts.len(),
            })
        }
        _ => {
            let window = series.between(b, t);
            let pts = window.points();
            let (Some(first), Some(last)) = (pts.first().copied(), pts.last().copied()) else {
                return Err(no_observation(series, b, t, 2));
            };
            if matches!(target.kind, TargetKind::Change { .. }) && first.year != b {
                return Err(insufficient(
                    2,
                    pts.len(),
                    format!(
                        "a change target needs the base-year ({b}) level; the first observation in {b}–{t} is {}",
                        first.year
                    ),
                ));
            }
            if matches!(target.kind, TargetKind::Growth { .. }) && first.value <= 0.0 {
                return Err(unusable(format!(
                    "a growth target needs a positive base level; the level in {} is {}",
                    first.year, first.value
                )));
            }
            let (central, acceptance) = target
                .acceptance(first.value, first.year, tol)
                .map_err(|e| settle(Err(e)))?;
            // The accepted value nearest to the anchor (a 左右 band's near
            // edge); the target itself when the anchor already meets it.
            let required = if acceptance.contains(first.value) {
                central
            } else {
                acceptance.nearest(first.value)
            };
            Ok(Ctx {
                anchor: first,
                latest: last,
                latest_raw: last,
                central,
                acceptance,
                required,
                direction: target.direction(first.value, required),
                met: acceptance.contains(last.value),
                points: pts.len(),
            })
        }
    }
}

/// The supplied model (known parameters), or one estimated from the points
/// up to `latest` (None when there are fewer than 3 or a value is not
/// positive).
pub(crate) fn model_for(series: &Series, latest: i32, opts: &Options) -> Option<Params> {
    match opts.model {
        Some(m) => Some(Params::Known(m)),
        None => GrowthModel::estimate(&series.between(i32::MIN, latest))
            .ok()
            .map(Params::Estimated),
    }
}
