//! The published assessment methods: the Eurostat / Open SDG ratio method,
//! the UN Statistics Division progress chart, and the Destatis "weather"
//! symbols.
//!
//! Each returns an [`Outcome`]: the class with its ratio or score and the
//! inputs used, or insufficient data (not an error), or not applicable
//! (every-year bounds, which are checked year by year in
//! [`super::Progress::year_checks`]).

use serde::{Deserialize, Serialize};

use super::resolve::{insufficient, resolve, Ctx};
use super::series::{Series, YearValue};
use super::target::{Target, TargetKind};
use super::{Options, Outcome};
use crate::catalog::Polarity;
use crate::error::Result;
use crate::growth;

macro_rules! labelled {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $tag:literal, $en:literal, $zh:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $tag)] $v,)+
        }
        impl $name {
            /// The snake_case tag (as serialised).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $tag,)+ }
            }
            /// The English label.
            pub fn en(self) -> &'static str {
                match self { $($name::$v => $en,)+ }
            }
            /// The Chinese label.
            pub fn zh(self) -> &'static str {
                match self { $($name::$v => $zh,)+ }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

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
        /// Sonne: the target is met, or missed by less than 5 %.
        Sunny = "sunny", "sunny", "晴";
        /// Leicht bewölkt: right direction, missed by 5–20 %.
        SlightlyCloudy = "slightly_cloudy", "slightly cloudy", "晴间多云";
        /// Bewölkt: right direction, missed by more than 20 %.
        Cloudy = "cloudy", "cloudy", "多云";
        /// Gewitter: moving in the wrong direction.
        Thunderstorm = "thunderstorm", "thunderstorm", "雷雨";
    }
);

/// What the Destatis deviation is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationBase {
    /// The remaining gap `|x* − x_t|` from the latest value (default).
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

/// The Eurostat / Open SDG ratio method's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioAssessment {
    /// The class.
    pub class: RatioClass,
    /// `R = d·observed/|required|`; `None` when the required rate is 0 or
    /// only one point is available for an achieved target.
    pub ratio: Option<f64>,
    /// The observed rate (anchor → latest), if two points exist.
    pub observed_rate: Option<f64>,
    /// The rate required from the anchor to reach the target on time.
    pub required_rate: Option<f64>,
    /// What the rates measure.
    pub measure: RateMeasure,
    /// `d`: +1 higher is better, −1 lower is better.
    pub direction: f64,
    /// The anchor (base-year observation).
    pub base: YearValue,
    /// The latest observation (cumulative: total so far).
    pub latest: YearValue,
    /// The target year.
    pub target_year: i32,
    /// The value that must be reached.
    pub required_value: f64,
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

/// The Eurostat SDG "ratio" method, as implemented by Open SDG.
///
/// Needs 2 points: the anchor (base-year observation) and a later one.
///
/// # Formula
///
/// `CAGR_obs = cagr(x_a, x_t, t − a)`, `CAGR_req = cagr(x_a, x*, T − a)`,
/// `R = d · CAGR_obs / |CAGR_req|`. A target already met is *achieved*;
/// otherwise `R ≥ 0.95` on track, `0.60 ≤ R < 0.95` moderate progress,
/// `0 ≤ R < 0.60` insufficient progress, `R < 0` moving away (thresholds
/// in [`Options`]). For cumulative targets xuhui uses mean annual amounts
/// instead of CAGRs: `D/(t − b)` against `x*/(T − b)`.
///
/// # Errors
///
/// Bad input (see [`super::assess`]); [`crate::Error::OutOfDomain`] for a
/// zero or negative value under a CAGR.
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
    let cumulative = Ctx::cumulative(target);
    let (a, t) = (ctx.anchor, ctx.latest);
    if !ctx.two_points() && !ctx.met {
        return Ok(insufficient(
            2,
            ctx.points,
            "the ratio method needs an observation after the base year".to_owned(),
        ));
    }
    let n = f64::from(target.target_year - a.year);
    // An achieved target observed only in its target year has no path.
    let (observed, required) = if cumulative {
        (Some(t.value / f64::from(t.year - a.year)), ctx.required / n)
    } else {
        let obs = if ctx.two_points() {
            Some(growth::cagr(a.value, t.value, f64::from(t.year - a.year))?)
        } else {
            None
        };
        let req = if n > 0.0 {
            growth::cagr(a.value, ctx.required, n)?
        } else {
            0.0
        };
        (obs, req)
    };
    let d = ctx.direction;
    let ratio = observed.and_then(|o| (required != 0.0).then(|| d * o / required.abs()));
    let class = if ctx.met {
        RatioClass::Achieved
    } else {
        match (ratio, observed) {
            (Some(r), _) => ratio_class(r, opts),
            (None, Some(o)) if d * o > 0.0 => RatioClass::OnTrack,
            (None, Some(o)) if d * o < 0.0 => RatioClass::MovingAway,
            _ => RatioClass::InsufficientProgress,
        }
    };
    Ok(Outcome::Assessed(RatioAssessment {
        class,
        ratio,
        observed_rate: observed,
        required_rate: Some(required),
        measure: if cumulative {
            RateMeasure::AnnualAmount
        } else {
            RateMeasure::Cagr
        },
        direction: d,
        base: a,
        latest: t,
        target_year: target.target_year,
        required_value: ctx.required,
    }))
}

/// The Eurostat / Open SDG trend assessment without a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendAssessment {
    /// The class (never [`RatioClass::Achieved`]).
    pub class: RatioClass,
    /// `CAGR` from the first to the last point.
    pub observed_rate: f64,
    /// `d`: +1 higher is better, −1 lower is better.
    pub direction: f64,
    /// The first point used.
    pub first: YearValue,
    /// The last point used.
    pub latest: YearValue,
}

/// The Eurostat / Open SDG assessment of an indicator without a
/// quantitative target. Needs 2 points.
///
/// # Formula
///
/// `c = d · cagr(x_first, x_last, years)`; `c ≥ 1.5 %` on track,
/// `0.5 % ≤ c < 1.5 %` moderate progress, `0 ≤ c < 0.5 %` insufficient
/// progress, `c < 0` moving away (thresholds in [`Options`]).
///
/// # Errors
///
/// [`crate::Error::InvalidArgument`] for a neutral polarity (no direction
/// to judge); [`crate::Error::OutOfDomain`] for a zero or negative value.
///
/// # Examples
///
/// ```
/// use xh_core::assess::{eurostat_trend, Options, RatioClass, Series};
/// use xh_core::catalog::Polarity;
/// let s = Series::new(&[(2020, 100.0), (2022, 102.01)])?; // +1 % a year
/// let r = eurostat_trend(&s, Polarity::Higher, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(r.class, RatioClass::ModerateProgress);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn eurostat_trend(
    series: &Series,
    polarity: Polarity,
    opts: &Options,
) -> Result<Outcome<TrendAssessment>> {
    opts.validate()?;
    let d = match polarity {
        Polarity::Higher => 1.0,
        Polarity::Lower => -1.0,
        Polarity::Neutral => {
            return Err(crate::Error::InvalidArgument {
                arg: "polarity",
                message: "a neutral indicator has no direction of progress to assess".to_owned(),
            })
        }
    };
    let pts = series.points();
    let (Some(&first), Some(&last)) = (pts.first(), pts.last()) else {
        return Ok(insufficient(2, 0, "no observations".to_owned()));
    };
    if pts.len() < 2 {
        return Ok(insufficient(
            2,
            1,
            "a trend needs two observations".to_owned(),
        ));
    }
    let rate = growth::cagr(first.value, last.value, f64::from(last.year - first.year))?;
    let c = d * rate;
    let class = if c >= opts.trend_on_track {
        RatioClass::OnTrack
    } else if c >= opts.trend_moderate {
        RatioClass::ModerateProgress
    } else if c >= 0.0 {
        RatioClass::InsufficientProgress
    } else {
        RatioClass::MovingAway
    };
    Ok(Outcome::Assessed(TrendAssessment {
        class,
        observed_rate: rate,
        direction: d,
        first,
        latest: last,
    }))
}

/// The UN Statistics Division progress chart's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreAssessment {
    /// The class.
    pub class: ProgressClass,
    /// `(x̂_T − x_a)/(x* − x_a)`; `None` if `x* = x_a`.
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

/// The UN Statistics Division SDG Progress Chart method. Needs 2 points.
///
/// # Formula
///
/// `x̂_T = x_t · (1 + CAGR_obs)^(T − t)` with
/// `CAGR_obs = cagr(x_a, x_t, t − a)`; `score = (x̂_T − x_a)/(x* − x_a)`.
/// Met already: *achieved*; `score ≥ 0.95` on track; `0.10 ≤ score < 0.95`
/// fair progress; `0 ≤ score < 0.10` limited progress; `score < 0`
/// deterioration. Cumulative targets: `x̂_T = D + (D/(t − b))·(T − t)`,
/// `x_a = 0`.
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
    let (a, t) = (ctx.anchor, ctx.latest);
    if !ctx.two_points() {
        return Ok(insufficient(
            2,
            ctx.points,
            "the progress chart needs an observation after the base year".to_owned(),
        ));
    }
    let left = f64::from(target.target_year - t.year);
    let elapsed = f64::from(t.year - a.year);
    let (rate, projected) = if Ctx::cumulative(target) {
        let pace = t.value / elapsed;
        (pace, t.value + pace * left)
    } else {
        let r = growth::cagr(a.value, t.value, elapsed)?;
        (r, growth::project(t.value, r, left)?)
    };
    let denom = ctx.required - a.value;
    let score = (denom != 0.0).then(|| (projected - a.value) / denom);
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

/// The Destatis weather method's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeatherAssessment {
    /// The symbol.
    pub class: Weather,
    /// Whether the target is already met (then [`Weather::Sunny`]).
    pub achieved: bool,
    /// The mean annual change over the window (cumulative: the mean flow).
    pub mean_annual_change: f64,
    /// The first and last year of the window.
    pub window: (i32, i32),
    /// The number of points in the window.
    pub points: usize,
    /// `x_t + mean·(T − t)`.
    pub projected: f64,
    /// The miss `max(0, d·(x* − x̂_T))` over the deviation base; `None`
    /// when achieved or moving the wrong way.
    pub deviation: Option<f64>,
    /// The latest observation (cumulative: total so far).
    pub latest: YearValue,
    /// The target year.
    pub target_year: i32,
    /// The value that must be reached.
    pub required_value: f64,
}

/// The Destatis "weather" method (Indikatorenbericht): extrapolate the
/// mean annual change of the last five years. Needs 2 points within the
/// window (1 flow for cumulative targets).
///
/// # Formula
///
/// Over the points of the last [`Options::weather_window`] years,
/// `m = (x_t − x_w)/(t − w)` (the mean of the annual changes when every
/// year is observed); cumulative targets use the mean of the flows in the
/// window. `x̂_T = x_t + m·(T − t)`. Met already: sunny. `d·m < 0`:
/// thunderstorm. Otherwise the deviation
/// `δ = max(0, d·(x* − x̂_T)) / |x* − x_t|` (or `/ |x*|`, see
/// [`DeviationBase`]): `δ < 5 %` sunny, `5 % ≤ δ ≤ 20 %` slightly cloudy,
/// `δ > 20 %` cloudy.
///
/// # Errors
///
/// Bad input (see [`super::assess`]).
///
/// # Examples
///
/// ```
/// use xh_core::assess::{destatis_weather, Options, Series, Target, Weather};
/// let t: Target = serde_json::from_str(
///     r#"{"kind": "level", "value": 110, "base_year": 2020, "target_year": 2025}"#,
/// ).unwrap();
/// // +1 a year: 105 by 2025, a miss of 5 on a remaining gap of 9.
/// let s = Series::new(&[(2020, 100.0), (2021, 101.0)])?;
/// let w = destatis_weather(&t, &s, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(w.class, Weather::Cloudy);
/// assert!((w.deviation.unwrap() - 5.0 / 9.0).abs() < 1e-12);
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
    if let Some(o) = not_applicable(target) {
        return Ok(o);
    }
    let t = ctx.latest;
    let w = opts.weather_window;
    let (mean, window, points) = if Ctx::cumulative(target) {
        let flows = series.between(t.year - w + 1, t.year);
        let pts = flows.points();
        let sum: f64 = pts.iter().map(|p| p.value).sum();
        (sum / pts.len() as f64, (pts[0].year, t.year), pts.len())
    } else {
        let win = series.between(t.year - w, t.year);
        let pts = win.points();
        if pts.len() < 2 {
            return Ok(insufficient(
                2,
                pts.len(),
                format!(
                    "the weather method needs two observations in {}–{}",
                    t.year - w,
                    t.year
                ),
            ));
        }
        let f = pts[0];
        (
            (t.value - f.value) / f64::from(t.year - f.year),
            (f.year, t.year),
            pts.len(),
        )
    };
    let projected = t.value + mean * f64::from(target.target_year - t.year);
    let d = ctx.direction;
    let (class, deviation) = if ctx.met {
        (Weather::Sunny, None)
    } else if d * mean < 0.0 {
        (Weather::Thunderstorm, None)
    } else {
        let miss = (d * (ctx.required - projected)).max(0.0);
        let base = match opts.weather_deviation {
            DeviationBase::RemainingGap => (ctx.required - t.value).abs(),
            DeviationBase::TargetValue => ctx.required.abs(),
        };
        let dev = if base > 0.0 {
            miss / base
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
        (class, dev.is_finite().then_some(dev))
    };
    Ok(Outcome::Assessed(WeatherAssessment {
        class,
        achieved: ctx.met,
        mean_annual_change: mean,
        window,
        points,
        projected,
        deviation,
        latest: t,
        target_year: target.target_year,
        required_value: ctx.required,
    }))
}
