//! The published assessment methods with a target: the ratio method of
//! Eurostat and Open SDG, the UN Statistics Division progress chart, and the
//! Destatis "weather" symbols. (The methods without a target are in
//! `trend.rs`.)
//!
//! Each returns an [`Outcome`]: the class with its ratio or score and the
//! inputs used; insufficient data (too few points, or values the method
//! cannot use, with the years and values in the reason); or not applicable.
//! Only an invalid request is an error.

use serde::{Deserialize, Serialize};

use super::resolve::{insufficient, resolve, settle, unusable, Ctx};
use super::series::{Series, YearValue};
use super::target::{Acceptance, Target, TargetKind};
use super::{Options, Outcome};
use crate::error::Result;
use crate::growth;

labelled!(
    /// Eurostat / Open SDG progress classes.
    RatioClass {
        /// The target is already met.
        Achieved = "achieved", "achieved", "已实现";
        /// `R ≥ 0.95` (no target: `d·CAGR ≥ 1.5 %`): on track / significant progress.
        OnTrack = "on_track", "on track", "符合进度";
        /// `0.60 ≤ R < 0.95` (no target: `0.5 % ≤ d·CAGR < 1.5 %`).
        ModerateProgress = "moderate_progress", "moderate progress", "进展一般";
        /// `0 ≤ R < 0.60` (no target: `0 ≤ d·CAGR < 0.5 %`).
        InsufficientProgress = "insufficient_progress", "insufficient progress", "进展不足";
        /// `R < 0`: moving away from the target.
        MovingAway = "moving_away", "moving away", "背离目标";
    }
);

labelled!(
    /// UN Statistics Division progress-chart classes.
    ProgressClass {
        /// The target is already met.
        Achieved = "achieved", "achieved", "已实现";
        /// `score ≥ 0.95`: target met or almost met by the target year.
        OnTrack = "on_track", "on track", "有望实现";
        /// `0.10 ≤ score < 0.95`: fair progress, acceleration needed.
        FairProgress = "fair_progress", "fair progress, acceleration needed", "需加快";
        /// `0 ≤ score < 0.10`: limited or no progress.
        LimitedProgress = "limited_progress", "limited or no progress", "进展有限";
        /// `score < 0`: deterioration.
        Deterioration = "deterioration", "deterioration", "倒退";
    }
);

labelled!(
    /// Destatis weather symbols (Indikatorenbericht zur Deutschen
    /// Nachhaltigkeitsstrategie).
    Weather {
        /// Sonne: missed by less than 5 % of the remaining gap, or met and
        /// not deteriorating.
        Sunny = "sunny", "sunny", "晴";
        /// Leicht bewölkt: right direction, missed by 5–20 %; or met but
        /// deteriorating.
        SlightlyCloudy = "slightly_cloudy", "slightly cloudy", "晴间多云";
        /// Bewölkt: right direction, missed by more than 20 %.
        Cloudy = "cloudy", "cloudy", "多云";
        /// Gewitter: the distance to the target does not shrink.
        Thunderstorm = "thunderstorm", "thunderstorm", "雷雨";
    }
);

/// How values of zero or below are treated under a growth rate (the ratio
/// method and the trends; the UNSD projection uses the same signs rule but
/// never replaces a zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroRule {
    /// As Open SDG's `sdg-build` does (default): a target or base value of
    /// 0 is replaced by 0.001; a negative base value reverses the desired
    /// direction (`sign = −1`); a base and a latest value of opposite signs
    /// give insufficient data.
    #[default]
    OpenSdg,
    /// Growth rates need positive values: a zero or negative base, latest
    /// or target value gives insufficient data (or not applicable for the
    /// target).
    Strict,
}

/// What a zero target or base value is replaced by under
/// [`ZeroRule::OpenSdg`] (sdg-build's constant).
pub const ZERO_REPLACEMENT: f64 = 0.001;

/// What the Destatis deviation is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationBase {
    /// The remaining gap `|x* − x_t|` from the latest value (default, as
    /// published).
    #[default]
    RemainingGap,
    /// The target value `|x*|`.
    TargetValue,
}

/// How the observed and required rates of the ratio method are measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateMeasure {
    /// Compound annual growth rates (decimal).
    Cagr,
    /// Mean annual amounts of a flow (cumulative targets).
    AnnualAmount,
}

/// A growth rate between two observations, after the [`ZeroRule`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rate {
    /// `(x_t/x_b)^(1/(t − b)) − 1`, with `x_b` after any zero replacement.
    pub rate: f64,
    /// `−1` for a negative base value, else `+1`.
    pub sign: f64,
    /// The base value used (0.001 for a replaced zero).
    pub base: f64,
}

/// The compound annual rate from `base` to `latest` (`latest.year >
/// base.year`) as sdg-build computes it, or why it is undefined. With
/// `replace_zero` a zero base becomes [`ZERO_REPLACEMENT`] under
/// [`ZeroRule::OpenSdg`]; without it a zero base is unusable.
pub(crate) fn rate_between(
    base: YearValue,
    latest: YearValue,
    rule: ZeroRule,
    replace_zero: bool,
) -> std::result::Result<Rate, String> {
    let (b, t) = (base.value, latest.value);
    // sdg-build replaces a zero base before it compares the signs.
    let used = if b == 0.0 && replace_zero {
        ZERO_REPLACEMENT
    } else {
        b
    };
    match rule {
        ZeroRule::Strict => {
            for (what, p) in [("base", base), ("latest", latest)] {
                if p.value <= 0.0 {
                    return Err(format!(
                        "a growth rate needs positive values; the {what} value is {} in {}",
                        p.value, p.year
                    ));
                }
            }
        }
        ZeroRule::OpenSdg => {
            if b == 0.0 && !replace_zero {
                return Err(format!(
                    "a growth rate needs a nonzero base value; the base value is 0 in {}",
                    base.year
                ));
            }
            if (used > 0.0 && t < 0.0) || (used < 0.0 && t > 0.0) {
                return Err(format!(
                    "the base value ({b} in {}) and the latest value ({t} in {}) have opposite \
                     signs, so no growth rate connects them",
                    base.year, latest.year
                ));
            }
        }
    }
    let sign = if b < 0.0 { -1.0 } else { 1.0 };
    let years = f64::from(latest.year - base.year);
    let rate = if t == 0.0 {
        -1.0
    } else {
        growth::cagr(used.abs(), t.abs(), years).map_err(|_| {
            format!(
                "the growth rate from {used} in {} to {t} in {} overflows",
                base.year, latest.year
            )
        })?
    };
    Ok(Rate {
        rate,
        sign,
        base: used,
    })
}

/// The Eurostat / Open SDG ratio method's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioAssessment {
    /// The class.
    pub class: RatioClass,
    /// `R = sign·d·observed/|required|`; `None` when the required rate is 0
    /// or there is no observed rate (an achieved target observed once, or a
    /// base and latest value of opposite signs).
    pub ratio: Option<f64>,
    /// The observed rate (anchor → latest), if it exists.
    pub observed_rate: Option<f64>,
    /// The rate required from the anchor to reach the target on time.
    pub required_rate: Option<f64>,
    /// What the rates measure.
    pub measure: RateMeasure,
    /// `d`: +1 higher is better, −1 lower is better.
    pub direction: f64,
    /// Open SDG's `sign`: −1 when the base value is negative (the desired
    /// direction of the growth rate is then reversed), else +1.
    pub sign: f64,
    /// The anchor (base-year observation).
    pub base: YearValue,
    /// The latest observation (cumulative: total so far).
    pub latest: YearValue,
    /// The target year.
    pub target_year: i32,
    /// The value the required rate runs to: the value that must be
    /// reached, or the target itself when the base value already meets it.
    pub required_value: f64,
    /// Adjustments made to the inputs (a zero replaced by 0.001).
    pub notes: Vec<String>,
}

fn ratio_class(r: f64, opts: &Options) -> RatioClass {
    if r >= opts.ratio_on_track {
        RatioClass::OnTrack
    } else if r >= opts.ratio_moderate {
        RatioClass::ModerateProgress
    } else if r >= 0.0 {
        RatioClass::InsufficientProgress
    } else {
        RatioClass::MovingAway
    }
}

fn not_applicable<T>(target: &Target) -> Option<Outcome<T>> {
    matches!(target.kind, TargetKind::EveryYear { .. }).then(|| Outcome::NotApplicable {
        reason: "an every-year bound is checked year by year (see progress.year_checks)".to_owned(),
    })
}

/// The acceptance set with its bounds at 0 moved to 0.001, as sdg-build's
/// replaced target is compared with the latest value.
fn replace_zero_bounds(a: &Acceptance) -> Acceptance {
    let f = |v: f64| if v == 0.0 { ZERO_REPLACEMENT } else { v };
    Acceptance {
        lower: a.lower.map(f),
        upper: a.upper.map(f),
        ..*a
    }
}

/// The ratio method of Eurostat's SDG monitoring and Open SDG, computed as
/// Open SDG's `sdg-build` computes it.
///
/// Needs 2 points: the anchor (base-year observation) and a later one; a
/// target already met by a single point is *achieved*, as in sdg-build.
///
/// # Formula
///
/// `CAGR_obs = (x_t/x_a)^(1/(t − a)) − 1`,
/// `CAGR_req = (x*/x_a)^(1/(T − a)) − 1`, `R = sign·d·CAGR_obs/|CAGR_req|`.
/// A target already met is *achieved*; otherwise `R ≥ 0.95` on track,
/// `0.60 ≤ R < 0.95` moderate progress, `0 ≤ R < 0.60` insufficient
/// progress, `R < 0` moving away (thresholds in [`Options`]). Zeros and
/// negative values follow [`Options::zero_rule`] ([`ZeroRule`]). For
/// cumulative targets xuhui uses mean annual amounts instead of CAGRs:
/// `D/(t − b)` against `x*/(T − b)`.
///
/// # Errors
///
/// Only for an invalid request (see [`super::assess`]); data that do not
/// allow the method give [`Outcome::InsufficientData`] with the reason.
///
/// # Examples
///
/// ```
/// use xh_core::assess::{eurostat_ratio, Options, RatioClass, Series, Target};
/// // 5 % a year required; 4 % observed: R = 0.8 → moderate progress.
/// let t: Target = serde_json::from_str(
///     r#"{"kind": "growth", "rate": 0.05, "base_year": 2020, "target_year": 2025}"#,
/// ).unwrap();
/// let s = Series::new(&[(2020, 100.0), (2021, 104.0)])?;
/// let r = eurostat_ratio(&t, &s, &Options::default())?.assessed().cloned().unwrap();
/// assert!((r.ratio.unwrap() - 0.8).abs() < 1e-12);
/// assert_eq!(r.class, RatioClass::ModerateProgress);
///
/// // "Eliminate": a target of 0 is Open SDG's 0.001, not an error.
/// let zero: Target = serde_json::from_str(
///     r#"{"kind": "level", "value": 0, "polarity": "lower", "base_year": 2020, "target_year": 2030}"#,
/// ).unwrap();
/// let s = Series::new(&[(2020, 40.0), (2023, 30.0)])?;
/// let r = eurostat_ratio(&zero, &s, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(r.class, RatioClass::InsufficientProgress);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn eurostat_ratio(
    target: &Target,
    series: &Series,
    opts: &Options,
) -> Result<Outcome<RatioAssessment>> {
    let ctx = match resolve(target, series, opts)? {
        Ok(c) => c,
        Err(o) => return Ok(o),
    };
    if let Some(o) = not_applicable(target) {
        return Ok(o);
    }
    Ok(settle(ratio(target, &ctx, opts)))
}

fn ratio(target: &Target, ctx: &Ctx, opts: &Options) -> Result<Outcome<RatioAssessment>> {
    let (a, t) = (ctx.anchor, ctx.latest);
    let d = ctx.direction;
    let n = f64::from(target.target_year - a.year);
    let mut notes = Vec::new();
    let assessed = |class, ratio, observed, required, measure, sign, notes, required_value| {
        Outcome::Assessed(RatioAssessment {
            class,
            ratio,
            observed_rate: observed,
            required_rate: required,
            measure,
            direction: d,
            sign,
            base: a,
            latest: t,
            target_year: target.target_year,
            required_value,
            notes,
        })
    };
    if Ctx::cumulative(target) {
        if !ctx.two_points() && !ctx.met {
            return Ok(insufficient(
                2,
                ctx.points,
                "the ratio method needs a flow after the base year".to_owned(),
            ));
        }
        let observed = t.value / f64::from(t.year - a.year);
        let required = ctx.required / n;
        let ratio = (required != 0.0).then(|| d * observed / required.abs());
        let class = match (ctx.met, ratio) {
            (true, _) => RatioClass::Achieved,
            (false, Some(r)) => ratio_class(r, opts),
            (false, None) => sign_class(d * observed),
        };
        return Ok(assessed(
            class,
            ratio,
            Some(observed),
            Some(required),
            RateMeasure::AnnualAmount,
            1.0,
            notes,
            ctx.required,
        ));
    }
    let rule = opts.zero_rule;
    let target_value = ctx.required;
    // sdg-build replaces a target of 0 by 0.001 before it compares the
    // latest value with it.
    let zero_target = rule == ZeroRule::OpenSdg && target_value == 0.0;
    let (required_value, met) = if zero_target {
        notes.push("the target 0 is replaced by 0.001 (Open SDG)".to_owned());
        (
            ZERO_REPLACEMENT,
            replace_zero_bounds(&ctx.acceptance).contains(t.value),
        )
    } else {
        (target_value, ctx.met)
    };
    if rule == ZeroRule::OpenSdg && a.value == 0.0 {
        notes.push(format!(
            "the base value 0 in {} is replaced by 0.001 (Open SDG)",
            a.year
        ));
    }
    let achieved_without_rate = |notes| {
        assessed(
            RatioClass::Achieved,
            None,
            None,
            None,
            RateMeasure::Cagr,
            if a.value < 0.0 { -1.0 } else { 1.0 },
            notes,
            target_value,
        )
    };
    if !ctx.two_points() {
        if met {
            return Ok(achieved_without_rate(notes));
        }
        return Ok(insufficient(
            2,
            ctx.points,
            format!(
                "the ratio method needs an observation after {}, the only one in {}–{}",
                a.year, target.base_year, target.target_year
            ),
        ));
    }
    let observed = match rate_between(a, t, rule, true) {
        Ok(r) => r,
        Err(_) if met => return Ok(achieved_without_rate(notes)),
        Err(reason) => return Ok(unusable(reason)),
    };
    // The required rate runs from the base value used to the target.
    let target_ok = match rule {
        ZeroRule::OpenSdg => required_value / observed.base > 0.0,
        ZeroRule::Strict => required_value > 0.0,
    };
    if !target_ok {
        if met {
            return Ok(achieved_without_rate(notes));
        }
        return Ok(Outcome::NotApplicable {
            reason: match rule {
                ZeroRule::OpenSdg => format!(
                    "the target ({target_value}) and the base value ({} in {}) have opposite \
                     signs, so no growth rate leads from one to the other",
                    a.value, a.year
                ),
                ZeroRule::Strict => {
                    format!("a growth rate needs a positive target; the target is {target_value}")
                }
            },
        });
    }
    let required = if n > 0.0 {
        growth::cagr(observed.base.abs(), required_value.abs(), n)?
    } else {
        0.0
    };
    let progress = observed.sign * d * observed.rate;
    let ratio = (required != 0.0).then(|| progress / required.abs());
    let class = match (met, ratio) {
        (true, _) => RatioClass::Achieved,
        (false, Some(r)) => ratio_class(r, opts),
        (false, None) => sign_class(progress),
    };
    Ok(assessed(
        class,
        ratio,
        Some(observed.rate),
        Some(required),
        RateMeasure::Cagr,
        observed.sign,
        notes,
        target_value,
    ))
}

/// With a required rate of 0 (the required value equals the anchor but is
/// not accepted) the ratio is ±∞ or undefined: the class follows the sign
/// of the direction-adjusted observed rate.
fn sign_class(progress: f64) -> RatioClass {
    if progress > 0.0 {
        RatioClass::OnTrack
    } else if progress < 0.0 {
        RatioClass::MovingAway
    } else {
        RatioClass::InsufficientProgress
    }
}

/// The UN Statistics Division progress chart's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreAssessment {
    /// The class.
    pub class: ProgressClass,
    /// `(x̂_T − x_a)/(x* − x_a)`; `None` when the base value already meets
    /// the target (`x* = x_a`, or a target on the far side).
    pub score: Option<f64>,
    /// The projected value `x̂_T` in the target year.
    pub projected: f64,
    /// The observed rate used for the projection (CAGR, or the mean annual
    /// amount for cumulative targets).
    pub observed_rate: f64,
    /// The anchor (base-year observation).
    pub base: YearValue,
    /// The latest observation (cumulative: total so far).
    pub latest: YearValue,
    /// The target year.
    pub target_year: i32,
    /// The value that must be reached.
    pub required_value: f64,
}

/// The UN Statistics Division SDG Progress Chart method (projection ratio).
/// Needs 2 points.
///
/// The UNSD technical note itself could not be consulted; the formula and
/// cut-offs follow published adaptations of it (`docs/methodology.md`).
///
/// # Formula
///
/// `x̂_T = x_t · (1 + CAGR_obs)^(T − t)` with
/// `CAGR_obs = (x_t/x_a)^(1/(t − a)) − 1`; `score = (x̂_T − x_a)/(x* − x_a)`.
/// Met already: *achieved*; `score ≥ 0.95` on track; `0.10 ≤ score < 0.95`
/// fair progress; `0 ≤ score < 0.10` limited progress; `score < 0`
/// deterioration. A base and latest value of the same sign may be negative;
/// a zero base value, or values of opposite signs, give insufficient data.
/// Cumulative targets: `x̂_T = D + (D/(t − b))·(T − t)`, `x_a = 0`.
///
/// # Errors
///
/// As [`eurostat_ratio`].
///
/// # Examples
///
/// ```
/// use xh_core::assess::{unsd_progress, Options, ProgressClass, Series, Target};
/// let t: Target = serde_json::from_str(
///     r#"{"kind": "level", "value": 200, "base_year": 2020, "target_year": 2022}"#,
/// ).unwrap();
/// // 100 → 120 in one year, projected 144 in 2022: score (144−100)/(200−100) = 0.44.
/// let s = Series::new(&[(2020, 100.0), (2021, 120.0)])?;
/// let r = unsd_progress(&t, &s, &Options::default())?.assessed().cloned().unwrap();
/// assert!((r.score.unwrap() - 0.44).abs() < 1e-12);
/// assert_eq!(r.class, ProgressClass::FairProgress);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn unsd_progress(
    target: &Target,
    series: &Series,
    opts: &Options,
) -> Result<Outcome<ScoreAssessment>> {
    let ctx = match resolve(target, series, opts)? {
        Ok(c) => c,
        Err(o) => return Ok(o),
    };
    if let Some(o) = not_applicable(target) {
        return Ok(o);
    }
    Ok(settle(unsd(target, &ctx, opts)))
}

fn unsd(target: &Target, ctx: &Ctx, opts: &Options) -> Result<Outcome<ScoreAssessment>> {
    let (a, t) = (ctx.anchor, ctx.latest);
    if !ctx.two_points() {
        return Ok(insufficient(
            2,
            ctx.points,
            format!(
                "the progress chart needs an observation after {}, the only one in {}–{}",
                a.year, target.base_year, target.target_year
            ),
        ));
    }
    let left = f64::from(target.target_year - t.year);
    let elapsed = f64::from(t.year - a.year);
    let (rate, projected) = if Ctx::cumulative(target) {
        let pace = t.value / elapsed;
        (pace, t.value + pace * left)
    } else {
        let r = match rate_between(a, t, opts.zero_rule, false) {
            Ok(r) => r.rate,
            Err(reason) => return Ok(unusable(reason)),
        };
        let projected = if t.value == 0.0 {
            0.0
        } else {
            growth::project(t.value, r, left)?
        };
        (r, projected)
    };
    // With the base value already meeting the target the ratio of changes
    // is undefined (0/0) or points the wrong way: no score.
    let denom = ctx.required - a.value;
    let score =
        (denom != 0.0 && !ctx.acceptance.contains(a.value)).then(|| (projected - a.value) / denom);
    let class = if ctx.met {
        ProgressClass::Achieved
    } else {
        match score {
            Some(s) if s >= opts.unsd_on_track => ProgressClass::OnTrack,
            Some(s) if s >= opts.unsd_fair => ProgressClass::FairProgress,
            Some(s) if s >= 0.0 => ProgressClass::LimitedProgress,
            Some(_) => ProgressClass::Deterioration,
            None if ctx.acceptance.contains(projected) => ProgressClass::OnTrack,
            None if ctx.direction * (projected - a.value) < 0.0 => ProgressClass::Deterioration,
            None => ProgressClass::LimitedProgress,
        }
    };
    Ok(Outcome::Assessed(ScoreAssessment {
        class,
        score,
        projected,
        observed_rate: rate,
        base: a,
        latest: t,
        target_year: target.target_year,
        required_value: ctx.required,
    }))
}

/// Which of Destatis' procedures gave the symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeatherProcedure {
    /// Type "K", a target value in a target year: the mean annual change
    /// is extrapolated to the target year and the miss graded.
    Projection,
    /// Type "J", a value to keep every year, also used when the target is
    /// already met or the target year is the latest year: the latest value
    /// against the target, and the direction of the mean change.
    LatestValue,
}

/// The Destatis weather method's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeatherAssessment {
    /// The symbol.
    pub class: Weather,
    /// Which procedure gave it.
    pub procedure: WeatherProcedure,
    /// Whether the latest value meets the target.
    pub achieved: bool,
    /// The mean of the annual changes in the window (cumulative: the mean
    /// flow).
    pub mean_annual_change: f64,
    /// The first and last year of the window.
    pub window: (i32, i32),
    /// The number of points in the window.
    pub points: usize,
    /// `x_t + mean·(T − t)` (the procedure [`WeatherProcedure::Projection`]).
    pub projected: Option<f64>,
    /// The miss `max(0, d·(x* − x̂_T))` over the deviation base; `None`
    /// for [`WeatherProcedure::LatestValue`] or a thunderstorm.
    pub deviation: Option<f64>,
    /// The latest observation (cumulative: total so far).
    pub latest: YearValue,
    /// The target year.
    pub target_year: i32,
    /// The value that must be reached.
    pub required_value: f64,
}

/// The trailing run of consecutive years ending at `last` in `points`, at
/// most `max` points long.
fn consecutive_run(points: &[YearValue], last: i32, max: usize) -> Vec<YearValue> {
    let mut run: Vec<YearValue> = Vec::new();
    for p in points.iter().rev().skip_while(|p| p.year > last) {
        match run.last() {
            None if p.year == last => run.push(*p),
            Some(q) if q.year - p.year == 1 => run.push(*p),
            _ => break,
        }
        if run.len() == max {
            break;
        }
    }
    run.reverse();
    run
}

/// The Destatis "weather" symbols of the German Sustainable Development
/// Strategy's indicator report, as published on dns-indikatoren.de
/// ("Status der Indikatoren"): extrapolate the mean of the last five annual
/// changes to the target year and grade the miss.
///
/// Needs [`Options::weather_min_points`] (4) consecutive annual values
/// ending with the latest observation, which must be after the base year;
/// uses at most [`Options::weather_window`] + 1 (6) of them. The window may
/// reach before the base year. Cumulative targets use the running total from
/// `(base year, 0)`, so the changes are the annual flows.
///
/// # Formula
///
/// `m = (x_t − x_f)/(t − f)` over the window `f..=t` (the mean of its
/// annual changes). If the target is met, or the target year is the latest
/// year, or the target is an every-year bound (Destatis' type J): met and
/// `d·m ≥ 0` sunny, met and `d·m < 0` slightly cloudy, not met and
/// `d·m > 0` cloudy, otherwise thunderstorm. Else (type K):
/// `x̂_T = x_t + m·(T − t)`; `d·m ≤ 0` (the distance does not shrink)
/// thunderstorm; otherwise `δ = max(0, d·(x* − x̂_T))/|x* − x_t|` (or
/// `/|x*|`, see [`DeviationBase`]): `δ < 5 %` sunny, `5 % ≤ δ ≤ 20 %`
/// slightly cloudy, `δ > 20 %` cloudy.
///
/// # Errors
///
/// Only for an invalid request (see [`super::assess`]).
///
/// # Examples
///
/// ```
/// use xh_core::assess::{destatis_weather, Options, Series, Target, Weather};
/// let t: Target = serde_json::from_str(
///     r#"{"kind": "level", "value": 110, "base_year": 2020, "target_year": 2026}"#,
/// ).unwrap();
/// // +1 a year: 106 by 2026, a miss of 4 on a remaining gap of 7.
/// let s = Series::new(&[(2020, 100.0), (2021, 101.0), (2022, 102.0), (2023, 103.0)])?;
/// let w = destatis_weather(&t, &s, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(w.class, Weather::Cloudy);
/// assert!((w.deviation.unwrap() - 4.0 / 7.0).abs() < 1e-12);
/// // Flat: the distance does not shrink.
/// let flat = Series::new(&[(2020, 100.0), (2021, 100.0), (2022, 100.0), (2023, 100.0)])?;
/// let w = destatis_weather(&t, &flat, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(w.class, Weather::Thunderstorm);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn destatis_weather(
    target: &Target,
    series: &Series,
    opts: &Options,
) -> Result<Outcome<WeatherAssessment>> {
    let ctx = match resolve(target, series, opts)? {
        Ok(c) => c,
        Err(o) => return Ok(o),
    };
    Ok(weather(target, series, &ctx, opts))
}

fn weather(
    target: &Target,
    series: &Series,
    ctx: &Ctx,
    opts: &Options,
) -> Outcome<WeatherAssessment> {
    if let Err(o) = ctx.after_base(target) {
        return o;
    }
    let t = ctx.latest;
    let max = usize::try_from(opts.weather_window).unwrap_or(1) + 1;
    let levels: Vec<YearValue> = if Ctx::cumulative(target) {
        // The running total from (base year, 0): its changes are the flows.
        let mut run = 0.0;
        std::iter::once(ctx.anchor)
            .chain(
                series
                    .between(target.base_year + 1, t.year)
                    .points()
                    .iter()
                    .map(|p| {
                        run += p.value;
                        YearValue {
                            year: p.year,
                            value: run,
                        }
                    }),
            )
            .collect()
    } else {
        series.points().to_vec()
    };
    let window = consecutive_run(&levels, t.year, max);
    let need = opts.weather_min_points;
    if window.len() < need {
        let first = window.first().map_or(t.year, |p| p.year);
        return insufficient(
            need,
            window.len(),
            format!(
                "the weather method needs {need} consecutive annual values ending in {}; {} \
                 {} observed ({first}–{})",
                t.year,
                window.len(),
                if window.len() == 1 { "is" } else { "are" },
                t.year
            ),
        );
    }
    let f = window[0];
    let mean = (t.value - f.value) / f64::from(t.year - f.year);
    let d = ctx.direction;
    let every_year = matches!(target.kind, TargetKind::EveryYear { .. });
    let achieved = ctx.acceptance.contains(t.value);
    let base = |class, procedure, projected, deviation| {
        Outcome::Assessed(WeatherAssessment {
            class,
            procedure,
            achieved,
            mean_annual_change: mean,
            window: (f.year, t.year),
            points: window.len(),
            projected,
            deviation,
            latest: t,
            target_year: target.target_year,
            required_value: ctx.required,
        })
    };
    if achieved || every_year || target.target_year <= t.year {
        let class = match (achieved, d * mean) {
            (true, m) if m >= 0.0 => Weather::Sunny,
            (true, _) => Weather::SlightlyCloudy,
            (false, m) if m > 0.0 => Weather::Cloudy,
            (false, _) => Weather::Thunderstorm,
        };
        return base(class, WeatherProcedure::LatestValue, None, None);
    }
    let projected = t.value + mean * f64::from(target.target_year - t.year);
    if d * mean <= 0.0 {
        return base(
            Weather::Thunderstorm,
            WeatherProcedure::Projection,
            Some(projected),
            None,
        );
    }
    let miss = (d * (ctx.required - projected)).max(0.0);
    let denom = match opts.weather_deviation {
        DeviationBase::RemainingGap => (ctx.required - t.value).abs(),
        DeviationBase::TargetValue => ctx.required.abs(),
    };
    let dev = if denom > 0.0 {
        miss / denom
    } else if miss > 0.0 {
        f64::INFINITY
    } else {
        0.0
    };
    let class = if dev < opts.weather_sunny {
        Weather::Sunny
    } else if dev <= opts.weather_slightly_cloudy {
        Weather::SlightlyCloudy
    } else {
        Weather::Cloudy
    };
    base(
        class,
        WeatherProcedure::Projection,
        Some(projected),
        dev.is_finite().then_some(dev),
    )
}
