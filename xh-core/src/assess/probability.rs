//! Attainment probability of a target under the log-normal growth model
//! of [`super::stats`]: a closed form and a seeded Monte Carlo.

use serde::Serialize;

use super::resolve::{insufficient, resolve};
use super::series::Series;
use super::series::YearValue;
use super::stats::{monte_carlo_probability, GrowthModel, McEstimate, Rng};
use super::target::Acceptance;
use super::target::{Target, TargetKind};
use super::{Options, Outcome};
use crate::check::positive;
use crate::error::Result;

/// The probability of meeting a target by its target year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attainment {
    /// The growth model used.
    pub model: GrowthModel,
    /// Whether it was estimated from the series (else supplied).
    pub estimated: bool,
    /// The latest observation the simulation starts from (the latest flow
    /// for cumulative targets).
    pub from: YearValue,
    /// Years from the latest observation to the target year.
    pub horizon: i32,
    /// What counts as meeting the target (the total for cumulative
    /// targets, each year's value for every-year bounds).
    pub acceptance: Acceptance,
    /// The closed form, for level and growth targets (and where the answer
    /// is certain); `None` for cumulative totals and every-year bounds,
    /// which have no closed form.
    pub closed_form: Option<f64>,
    /// The seeded Monte Carlo estimate.
    pub monte_carlo: McEstimate,
}

/// P(meeting the target by the target year) under the log-normal model.
///
/// Needs 3 points (2 increments) to estimate the model, or 1 point with
/// [`Options::model`] supplied.
///
/// # Formula
///
/// Level and growth targets: [`GrowthModel::probability`] from the latest
/// observation over `h = T − t` years, and [`monte_carlo_probability`].
/// Cumulative targets: the simulated flows `f_{t+k}` are added to the total
/// so far, `P(D + Σf ∈ A)`. Every-year bounds: `P(every simulated year ∈
/// A)`, and 0 if an observed year already broke the bound.
///
/// # Errors
///
/// Bad input (see [`super::assess`]); [`crate::Error::OutOfDomain`] if a value
/// used by the model is zero or negative.
///
/// # Examples
///
/// ```
/// use xh_core::assess::{attainment_probability, Options, Series, Target};
/// let t: Target = serde_json::from_str(
///     r#"{"kind": "growth", "rate": 0.05, "base_year": 2020, "target_year": 2025}"#,
/// ).unwrap();
/// let s = Series::new(&[(2020, 100.0), (2021, 106.0), (2022, 110.0), (2023, 117.0)])?;
/// let a = attainment_probability(&t, &s, &Options::default())?.assessed().cloned().unwrap();
/// let p = a.closed_form.unwrap();
/// assert!(p > 0.5 && p < 1.0);
/// assert!((a.monte_carlo.probability - p).abs() < 4.0 * a.monte_carlo.standard_error);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn attainment_probability(
    target: &Target,
    series: &Series,
    opts: &Options,
) -> Result<Outcome<Attainment>> {
    let ctx = match resolve(target, series, opts)? {
        Ok(c) => c,
        Err(o) => return Ok(o),
    };
    let from = ctx.latest_raw;
    let known = series.between(i32::MIN, from.year);
    let (model, estimated) = match opts.model {
        Some(m) => (GrowthModel::new(m.mu, m.sigma)?, false),
        None => {
            if known.len() < 3 {
                return Ok(insufficient(
                    3,
                    known.len(),
                    "estimating log-growth needs 3 observations (or supply Options::model)"
                        .to_owned(),
                ));
            }
            (GrowthModel::estimate(&known)?.model, true)
        }
    };
    let horizon = target.target_year - from.year;
    let h = horizon as usize;
    let (paths, seed) = (opts.mc_paths, opts.seed);
    let certain = |yes: bool| {
        let p = if yes { 1.0 } else { 0.0 };
        (
            Some(p),
            McEstimate {
                probability: p,
                standard_error: 0.0,
                paths: 0,
                seed,
            },
        )
    };
    let (closed_form, monte_carlo) = match target.kind {
        _ if horizon == 0 => certain(ctx.met),
        TargetKind::EveryYear { .. } if !ctx.met => certain(false),
        TargetKind::EveryYear { .. } => {
            positive("value", from.value)?;
            let mut rng = Rng::new(seed);
            let mut hits = 0;
            for _ in 0..paths {
                let mut l = from.value.ln();
                let mut ok = true;
                for _ in 0..h {
                    l += model.mu + model.sigma * rng.next_normal();
                    ok &= ctx.acceptance.contains(l.exp());
                }
                hits += usize::from(ok);
            }
            (None, McEstimate::from_hits(hits, paths, seed))
        }
        TargetKind::Cumulative { .. } => {
            positive("value", from.value)?;
            let mut rng = Rng::new(seed);
            let mut hits = 0;
            for _ in 0..paths {
                let mut l = from.value.ln();
                let mut total = ctx.latest.value;
                for _ in 0..h {
                    l += model.mu + model.sigma * rng.next_normal();
                    total += l.exp();
                }
                hits += usize::from(ctx.acceptance.contains(total));
            }
            (None, McEstimate::from_hits(hits, paths, seed))
        }
        _ => (
            Some(model.probability(from.value, f64::from(horizon), &ctx.acceptance)?),
            monte_carlo_probability(from.value, &model, h, &ctx.acceptance, paths, seed)?,
        ),
    };
    Ok(Outcome::Assessed(Attainment {
        model,
        estimated,
        from,
        horizon,
        acceptance: ctx.acceptance,
        closed_form,
        monte_carlo,
    }))
}
