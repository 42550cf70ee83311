//! Attainment probability of a target under the log-normal growth model
//! of [`super::stats`], with the uncertainty of estimated parameters: a
//! closed form and a seeded Monte Carlo.

use serde::Serialize;

use super::resolve::{insufficient, resolve, settle, unusable, Ctx};
use super::series::{Series, YearValue};
use super::stats::{monte_carlo_probability, GrowthModel, McEstimate, Params, Rng};
use super::target::{Acceptance, Target, TargetKind};
use super::{Options, Outcome};
use crate::error::Result;

/// The probability of meeting a target by its target year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attainment {
    /// The growth model used (the point estimate when estimated).
    pub model: GrowthModel,
    /// Whether it was estimated from the series (else supplied).
    pub estimated: bool,
    /// The degrees of freedom of the Student-t predictive distribution,
    /// `k − 1` for `k` increments, when the model was estimated; `None` for
    /// a supplied model, whose parameters are taken as known (log-normal).
    pub degrees_of_freedom: Option<usize>,
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

/// P(meeting the target by the target year) under the log-normal growth
/// model, with the uncertainty of estimated parameters.
///
/// Needs an observation after the base year, and 3 points (2 increments)
/// up to the latest to estimate the model, or 1 point with
/// [`Options::model`] supplied; the values the model uses must be
/// positive.
///
/// # Formula
///
/// Level and growth targets: with an estimated model,
/// [`Estimate::probability`](super::Estimate::probability) (Student-t predictive with `k − 1` degrees of
/// freedom); with a supplied one, [`GrowthModel::probability`]; from the
/// latest observation over `h = T − t` years, and a Monte Carlo that draws
/// each path's parameters ([`super::Params`]). Cumulative targets: the simulated
/// flows `f_{t+k}` are added to the total so far, `P(D + Σf ∈ A)`.
/// Every-year bounds: `P(every simulated year ∈ A)`, and 0 if an observed
/// year already broke the bound.
///
/// # Errors
///
/// Only for an invalid request (see [`super::assess`]).
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
/// assert_eq!(a.degrees_of_freedom, Some(2));
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
    Ok(settle(attainment(target, series, &ctx, opts)))
}

fn attainment(
    target: &Target,
    series: &Series,
    ctx: &Ctx,
    opts: &Options,
) -> Result<Outcome<Attainment>> {
    if let Err(o) = ctx.after_base(target) {
        return Ok(o);
    }
    let from = ctx.latest_raw;
    let known = series.between(i32::MIN, from.year);
    let params = match opts.model {
        Some(m) => Params::Known(GrowthModel::new(m.mu, m.sigma)?),
        None => {
            if known.len() < 3 {
                return Ok(insufficient(
                    3,
                    known.len(),
                    format!(
                        "estimating log-growth needs 3 observations up to {} (or supply \
                         Options::model)",
                        from.year
                    ),
                ));
            }
            if let Some(p) = known.points().iter().find(|p| p.value <= 0.0) {
                return Ok(unusable(format!(
                    "the log-growth model needs positive values; the value in {} is {}",
                    p.year, p.value
                )));
            }
            Params::Estimated(GrowthModel::estimate(&known)?)
        }
    };
    let horizon = target.target_year - from.year;
    if from.value <= 0.0 && horizon > 0 {
        return Ok(unusable(format!(
            "the log-growth model needs a positive latest value; the value in {} is {}",
            from.year, from.value
        )));
    }
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
            let mut rng = Rng::new(seed);
            let mut hits = 0;
            for _ in 0..paths {
                let model = params.draw(&mut rng);
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
            let mut rng = Rng::new(seed);
            let mut hits = 0;
            for _ in 0..paths {
                let model = params.draw(&mut rng);
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
        _ => match &params {
            Params::Known(m) => (
                Some(m.probability(from.value, f64::from(horizon), &ctx.acceptance)?),
                monte_carlo_probability(from.value, m, h, &ctx.acceptance, paths, seed)?,
            ),
            Params::Estimated(e) => (
                Some(e.probability(from.value, f64::from(horizon), &ctx.acceptance)?),
                e.monte_carlo(from.value, h, &ctx.acceptance, paths, seed)?,
            ),
        },
    };
    Ok(Outcome::Assessed(Attainment {
        model: params.model(),
        estimated: matches!(params, Params::Estimated(_)),
        degrees_of_freedom: match &params {
            Params::Estimated(e) => Some(e.degrees_of_freedom()),
            Params::Known(_) => None,
        },
        from,
        horizon,
        acceptance: ctx.acceptance,
        closed_form,
        monte_carlo,
    }))
}
