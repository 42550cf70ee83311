//! Where a target stands: the required path, the pace needed from the
//! latest observation, the projection at the observed pace, the gap, and
//! year-by-year trajectories for plotting.

use serde::Serialize;

use super::resolve::{model_for, resolve, settle, Ctx};
use super::series::{Series, YearValue};
use super::stats::{Params, Rng};
use super::target::{Acceptance, PathShape, Target, TargetKind};
use super::{Options, Outcome};
use crate::error::Result;
use crate::growth;
use crate::plan::RequiredPace;

/// One year of an every-year bound.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearCheck {
    /// The year.
    pub year: i32,
    /// The observed value.
    pub value: f64,
    /// Whether it respects the bound.
    pub within: bool,
}

/// Where a target stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// The start of the assessment: the base-year observation (or the
    /// first one after it); `(base_year, 0)` for cumulative targets.
    pub anchor: YearValue,
    /// The latest observation up to the target year; for cumulative
    /// targets the total so far.
    pub latest: YearValue,
    /// The target as stated: the level, the level a growth target implies,
    /// the total, or the bound.
    pub target_value: f64,
    /// The value that must be reached: the accepted value nearest to the
    /// anchor (the edge of a 左右 band; `target_value` otherwise), or
    /// `target_value` when the anchor already meets the target.
    pub required_value: f64,
    /// The values that meet the target.
    pub acceptance: Acceptance,
    /// The shape of the paths: the target's, except that a compound path
    /// through a zero or negative level is undefined and drawn linearly.
    pub shape: PathShape,
    /// Whether the latest value already meets it (every-year bounds:
    /// whether every observed year did).
    pub met: bool,
    /// The pace observed from the anchor to the latest observation.
    pub observed_pace: Option<RequiredPace>,
    /// The pace needed from the latest observation to the target year.
    pub required_pace: RequiredPace,
    /// The value in the target year at the observed pace.
    pub projected_end: Option<f64>,
    /// `projected_end − required_value`, in the indicator's unit (positive
    /// is above the requirement, which is good when higher is better).
    pub gap: Option<f64>,
    /// `gap / |required_value|`.
    pub gap_share: Option<f64>,
    /// The required path from the anchor year to the target year
    /// (cumulative targets: the running total).
    pub required_path: Vec<YearValue>,
    /// The path from the latest observation at the required pace.
    pub remaining_path: Vec<YearValue>,
    /// Every-year bounds: each observed year in the period.
    pub year_checks: Vec<YearCheck>,
}

fn linear_path(from: YearValue, to_year: i32, per_year: f64) -> Vec<YearValue> {
    (from.year..=to_year)
        .map(|y| YearValue {
            year: y,
            value: from.value + per_year * f64::from(y - from.year),
        })
        .collect()
}

fn compound_path(from: YearValue, to_year: i32, rate: f64) -> Result<Vec<YearValue>> {
    (from.year..=to_year)
        .map(|y| {
            Ok(YearValue {
                year: y,
                value: growth::project(from.value, rate, f64::from(y - from.year))?,
            })
        })
        .collect()
}

/// The required path, the pace needed from the latest observation, the
/// projection at the observed pace and the gap.
///
/// # Formula
///
/// With anchor `(a, x_a)`, latest `(t, x_t)`, target year `T` and required
/// value `x*`:
///
/// * compound (levels, growth targets): observed pace
///   `cagr(x_a, x_t, t − a)`, required pace `cagr(x_t, x*, T − t)`,
///   projection `project(x_t, observed, T − t)`, path
///   `project(x_a, cagr(x_a, x*, T − a), y − a)` (the target rate itself
///   for a growth target);
/// * linear (percent): observed `(x_t − x_a)/(t − a)` points a year,
///   required `(x* − x_t)/(T − t)`, projection `x_t + observed·(T − t)`;
/// * cumulative: done `D = Σ flows`, observed `D/(t − b)` a year, required
///   `(x* − D)/(T − t)` a year, projection `D + observed·(T − t)`;
/// * every-year bounds: each observed year checked against the bound.
///
/// A compound path through a zero or negative level (anchor, latest or
/// required value) is undefined; it is drawn linearly instead, in amounts a
/// year ([`Progress::shape`] says so). The gap is `projection − x*`, and as
/// a share `gap / |x*|`.
///
/// # Errors
///
/// Only for an invalid request, as [`super::assess`].
///
/// # Examples
///
/// ```
/// use xh_core::assess::{progress, Options, Series, Target, TargetKind};
/// use xh_core::plan::RequiredPace;
///
/// let t: Target = serde_json::from_str(
///     r#"{"kind": "level", "value": 121, "base_year": 2020, "target_year": 2022}"#,
/// ).unwrap();
/// let s = Series::new(&[(2020, 100.0), (2021, 110.0)])?;
/// let p = progress(&t, &s, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(p.required_pace, RequiredPace::Rate(0.1));
/// assert!((p.projected_end.unwrap() - 121.0).abs() < 1e-9);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn progress(target: &Target, series: &Series, opts: &Options) -> Result<Outcome<Progress>> {
    let ctx = match resolve(target, series, opts)? {
        Ok(c) => c,
        Err(o) => return Ok(o),
    };
    Ok(settle(progress_of(target, series, &ctx)))
}

fn progress_of(target: &Target, series: &Series, ctx: &Ctx) -> Result<Outcome<Progress>> {
    let ctx = ctx.clone();
    let (a, t, tt) = (ctx.anchor, ctx.latest, target.target_year);
    let left = f64::from(tt - t.year);
    let elapsed = f64::from(t.year - a.year);
    let x_req = ctx.required;
    let mut year_checks = Vec::new();
    let (observed_pace, required_pace, projected_end, required_path, remaining_path);
    let positive = a.value > 0.0 && t.value > 0.0 && x_req > 0.0;
    let shape = match target.shape {
        PathShape::Compound if !positive => PathShape::Linear,
        s => s,
    };
    // A percent target moves in points a year; a level drawn linearly
    // because it reaches zero moves in amounts a year.
    let per_year = |v: f64| match target.shape {
        PathShape::Linear => RequiredPace::PointsPerYear(v),
        PathShape::Compound => RequiredPace::AmountPerYear(v),
    };
    match (target.kind, shape) {
        (TargetKind::EveryYear { .. }, _) => {
            year_checks = series
                .between(target.base_year + 1, tt)
                .points()
                .iter()
                .map(|p| YearCheck {
                    year: p.year,
                    value: p.value,
                    within: ctx.acceptance.contains(p.value),
                })
                .collect();
            observed_pace = None;
            required_pace = RequiredPace::Bound;
            projected_end = None;
            required_path = (target.base_year + 1..=tt)
                .map(|y| YearValue {
                    year: y,
                    value: ctx.central,
                })
                .collect();
            remaining_path = (t.year..=tt)
                .map(|y| YearValue {
                    year: y,
                    value: ctx.central,
                })
                .collect();
        }
        (TargetKind::Cumulative { .. }, _) => {
            let n = f64::from(target.years());
            let obs = t.value / elapsed;
            observed_pace = Some(RequiredPace::AmountPerYear(obs));
            let need = if left > 0.0 {
                (x_req - t.value) / left
            } else {
                0.0
            };
            required_pace = pace_or_met(&ctx, left, RequiredPace::AmountPerYear(need));
            projected_end = Some(t.value + obs * left);
            required_path = linear_path(a, tt, x_req / n);
            remaining_path = linear_path(t, tt, need);
        }
        (_, PathShape::Linear) => {
            let n = f64::from(tt - a.year);
            let obs = (ctx.two_points()).then(|| (t.value - a.value) / elapsed);
            observed_pace = obs.map(per_year);
            let need = if left > 0.0 {
                (x_req - t.value) / left
            } else {
                0.0
            };
            required_pace = pace_or_met(&ctx, left, per_year(need));
            projected_end = obs.map(|o| t.value + o * left);
            required_path = if n > 0.0 {
                linear_path(a, tt, (x_req - a.value) / n)
            } else {
                vec![a]
            };
            remaining_path = linear_path(t, tt, need);
        }
        (kind, PathShape::Compound) => {
            let n = f64::from(tt - a.year);
            let obs = if ctx.two_points() {
                Some(growth::cagr(a.value, t.value, elapsed)?)
            } else {
                None
            };
            observed_pace = obs.map(RequiredPace::Rate);
            let need = if left > 0.0 && !ctx.met {
                Some(growth::cagr(t.value, x_req, left)?)
            } else {
                None
            };
            required_pace = match need {
                Some(r) => RequiredPace::Rate(r),
                None => pace_or_met(&ctx, left, RequiredPace::Unknown),
            };
            projected_end = match obs {
                Some(r) => Some(growth::project(t.value, r, left)?),
                None => None,
            };
            required_path = if n > 0.0 {
                let path_rate = match kind {
                    TargetKind::Growth { rate } if x_req == ctx.central => rate,
                    _ => growth::cagr(a.value, x_req, n)?,
                };
                compound_path(a, tt, path_rate)?
            } else {
                vec![a]
            };
            remaining_path = match need {
                Some(r) => compound_path(t, tt, r)?,
                None => vec![t],
            };
        }
    }
    let gap = projected_end.map(|p| p - x_req);
    Ok(Outcome::Assessed(Progress {
        anchor: a,
        latest: t,
        target_value: ctx.central,
        required_value: x_req,
        acceptance: ctx.acceptance,
        shape,
        met: ctx.met,
        observed_pace,
        required_pace,
        projected_end,
        gap,
        gap_share: gap.and_then(|g| (x_req != 0.0).then(|| g / x_req.abs())),
        required_path,
        remaining_path,
        year_checks,
    }))
}

fn pace_or_met(ctx: &Ctx, left: f64, pace: RequiredPace) -> RequiredPace {
    if ctx.met {
        RequiredPace::Met
    } else if left <= 0.0 {
        RequiredPace::Unknown
    } else {
        pace
    }
}

/// A confidence band: the central `coverage` share of the model's
/// distribution, per year of [`Trajectory::years`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    /// The coverage, e.g. `0.8`.
    pub coverage: f64,
    /// Lower edge per year (`None` before the latest observation).
    pub lower: Vec<Option<f64>>,
    /// Upper edge per year.
    pub upper: Vec<Option<f64>>,
}

/// Year-by-year arrays a plot can draw directly: one entry per year from
/// the base year to the target year. Cumulative targets are drawn as
/// running totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trajectory {
    /// Whether the values are running totals of annual flows.
    pub cumulative: bool,
    /// The years, base year to target year.
    pub years: Vec<i32>,
    /// Observations (running totals for cumulative targets).
    pub observed: Vec<Option<f64>>,
    /// The required path ([`Progress::required_path`]).
    pub required: Vec<Option<f64>>,
    /// The projection at the observed pace, from the latest observation.
    pub projected: Vec<Option<f64>>,
    /// Bands from the growth model ([`super::Options::band_coverages`]);
    /// empty when the model cannot be estimated (fewer than 3 points).
    pub bands: Vec<Band>,
}

/// The trajectories of a target: observed, required, projected and bands.
///
/// Bands for levels are the log-normal quantiles
/// `x_t · exp(μh ± z·σ√h)`; for cumulative targets they are Monte Carlo
/// quantiles of the running total ([`super::Options::mc_paths`] paths,
/// [`super::Options::seed`]).
///
/// # Errors
///
/// As [`progress`].
///
/// # Examples
///
/// ```
/// use xh_core::assess::{trajectory, Options, Series, Target};
/// let t: Target = serde_json::from_str(
///     r#"{"kind": "growth", "rate": 0.05, "base_year": 2020, "target_year": 2025}"#,
/// ).unwrap();
/// let s = Series::new(&[(2020, 100.0), (2021, 104.0), (2022, 109.0), (2023, 113.0)])?;
/// let tr = trajectory(&t, &s, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(tr.years, (2020..=2025).collect::<Vec<_>>());
/// assert_eq!(tr.observed[3], Some(113.0));
/// assert_eq!(tr.bands.len(), 2); // 80 % and 95 %
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn trajectory(target: &Target, series: &Series, opts: &Options) -> Result<Outcome<Trajectory>> {
    let p = match progress(target, series, opts)? {
        Outcome::Assessed(p) => p,
        Outcome::InsufficientData {
            needed,
            available,
            reason,
        } => {
            return Ok(Outcome::InsufficientData {
                needed,
                available,
                reason,
            })
        }
        Outcome::NotApplicable { reason } => return Ok(Outcome::NotApplicable { reason }),
    };
    let cumulative = Ctx::cumulative(target);
    let (b, tt) = (target.base_year, target.target_year);
    let years: Vec<i32> = (b..=tt).collect();
    let idx = |y: i32| (y - b) as usize;
    let mut observed = vec![None; years.len()];
    if cumulative {
        observed[0] = Some(0.0);
        let mut run = 0.0;
        for y in b + 1..=p.latest.year {
            run += series.get(y).unwrap_or(0.0);
            observed[idx(y)] = Some(run);
        }
    } else {
        for pt in series.between(b, tt).points() {
            observed[idx(pt.year)] = Some(pt.value);
        }
    }
    let mut required = vec![None; years.len()];
    for pt in &p.required_path {
        if pt.year >= b {
            required[idx(pt.year)] = Some(pt.value);
        }
    }
    let mut projected = vec![None; years.len()];
    let t = p.latest;
    let left = |y: i32| f64::from(y - t.year);
    if let Some(pace) = p.observed_pace {
        for y in t.year..=tt {
            projected[idx(y)] = match pace {
                RequiredPace::Rate(r) => Some(growth::project(t.value, r, left(y))?),
                RequiredPace::PointsPerYear(d) | RequiredPace::AmountPerYear(d) => {
                    Some(t.value + d * left(y))
                }
                _ => None,
            };
        }
    }
    let mut bands = Vec::new();
    let raw_latest = series.get(t.year).unwrap_or(t.value);
    if let Some(params) = model_for(series, t.year, opts) {
        if raw_latest > 0.0 {
            if cumulative {
                bands = cumulative_bands(&params, t, raw_latest, tt, b, opts)?;
            } else {
                for &c in &opts.band_coverages {
                    let mut lower = vec![None; years.len()];
                    let mut upper = vec![None; years.len()];
                    for y in t.year..=tt {
                        let (lo, hi) = match &params {
                            Params::Known(m) => m.band(t.value, left(y), c)?,
                            Params::Estimated(e) => e.band(t.value, left(y), c)?,
                        };
                        lower[idx(y)] = Some(lo);
                        upper[idx(y)] = Some(hi);
                    }
                    bands.push(Band {
                        coverage: c,
                        lower,
                        upper,
                    });
                }
            }
        }
    }
    Ok(Outcome::Assessed(Trajectory {
        cumulative,
        years,
        observed,
        required,
        projected,
        bands,
    }))
}

fn cumulative_bands(
    params: &Params,
    done: YearValue,
    latest_flow: f64,
    tt: i32,
    b: i32,
    opts: &Options,
) -> Result<Vec<Band>> {
    let h = (tt - done.year) as usize;
    let n = (tt - b + 1) as usize;
    if h == 0 {
        return Ok(opts
            .band_coverages
            .iter()
            .map(|&c| {
                let mut v = vec![None; n];
                v[n - 1] = Some(done.value);
                Band {
                    coverage: c,
                    lower: v.clone(),
                    upper: v,
                }
            })
            .collect());
    }
    let paths = opts.mc_paths;
    let mut totals = vec![0.0; paths * h];
    let mut rng = Rng::new(opts.seed);
    let ln0 = latest_flow.ln();
    for row in totals.chunks_exact_mut(h) {
        let model = params.draw(&mut rng);
        let (mut l, mut run) = (ln0, done.value);
        for cell in row {
            l += model.mu + model.sigma * rng.next_normal();
            run += l.exp();
            *cell = run;
        }
    }
    let mut out = Vec::new();
    for &c in &opts.band_coverages {
        let mut lower = vec![None; n];
        let mut upper = vec![None; n];
        let k0 = (done.year - b) as usize;
        lower[k0] = Some(done.value);
        upper[k0] = Some(done.value);
        for k in 0..h {
            let mut col: Vec<f64> = totals.iter().skip(k).step_by(h).copied().collect();
            col.sort_by(f64::total_cmp);
            let q = |p: f64| col[((p * (paths - 1) as f64).round() as usize).min(paths - 1)];
            lower[k0 + k + 1] = Some(q((1.0 - c) / 2.0));
            upper[k0 + k + 1] = Some(q((1.0 + c) / 2.0));
        }
        out.push(Band {
            coverage: c,
            lower,
            upper,
        });
    }
    Ok(out)
}
