//! Assessments without a target: Open SDG's trend method (Statistics
//! Canada's, with the natural-limit factor) and Eurostat's trend method for
//! indicators without a quantitative target.

use serde::{Deserialize, Serialize};

use super::methods::{rate_between, RatioClass};
use super::resolve::{insufficient, unusable};
use super::series::{Series, YearValue};
use super::{Options, Outcome};
use crate::catalog::Polarity;
use crate::error::{Error, Result};

labelled!(
    /// Eurostat's classes for an indicator without a quantitative target.
    MovementClass {
        /// `d·CAGR > 1 %`: significant progress towards the objective.
        SignificantProgress = "significant_progress", "significant progress", "显著进展";
        /// `0 < d·CAGR ≤ 1 %`: moderate progress.
        ModerateProgress = "moderate_progress", "moderate progress", "适度进展";
        /// `−1 % ≤ d·CAGR ≤ 0`: moderate movement away.
        ModerateMovementAway = "moderate_movement_away", "moderate movement away", "略有背离";
        /// `d·CAGR < −1 %`: significant movement away.
        SignificantMovementAway = "significant_movement_away", "significant movement away", "明显背离";
    }
);

/// What a trend is assessed on, besides the series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendSpec {
    /// Which direction is better (`higher` or `lower`; a neutral indicator
    /// has no direction of progress and is an invalid request).
    pub polarity: Polarity,
    /// A natural limit of the indicator (100 for a share in percent, 0 for
    /// a rate that cannot fall below zero): Open SDG's factor `C` lowers
    /// the thresholds as the base value nears it. Open SDG only.
    #[serde(default)]
    pub limit: Option<f64>,
    /// The first year of the assessed period. Open SDG: default the first
    /// observation; Eurostat: default five years before the latest
    /// ([`Options::eurostat_trend_years`]). Without an observation in that
    /// year, the next later one is used.
    #[serde(default)]
    pub base_year: Option<i32>,
}

impl TrendSpec {
    /// `+1` or `−1`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for [`Polarity::Neutral`];
    /// [`Error::NonFinite`] for a NaN or infinite limit.
    fn direction(&self) -> Result<f64> {
        if let Some(l) = self.limit {
            crate::check::finite("limit", l)?;
        }
        match self.polarity {
            Polarity::Higher => Ok(1.0),
            Polarity::Lower => Ok(-1.0),
            Polarity::Neutral => Err(Error::InvalidArgument {
                arg: "polarity",
                message: "a neutral indicator has no direction of progress to assess; give \
                          \"higher\" or \"lower\""
                    .to_owned(),
            }),
        }
    }
}

/// The base and latest observations of a trend, or why there are none.
fn endpoints<T>(
    series: &Series,
    from: Option<i32>,
) -> std::result::Result<(YearValue, YearValue), Outcome<T>> {
    let pts = series.points();
    let Some(&latest) = pts.last() else {
        return Err(insufficient(2, 0, "no observations".to_owned()));
    };
    let base = match from {
        None => pts[0],
        Some(y) => match pts.iter().find(|p| p.year >= y) {
            Some(p) => *p,
            None => {
                return Err(insufficient(
                    2,
                    0,
                    format!(
                        "no observation in or after the base year {y} (the latest is {})",
                        latest.year
                    ),
                ))
            }
        },
    };
    if base.year >= latest.year {
        let used = pts.iter().filter(|p| p.year >= base.year).count();
        return Err(insufficient(
            2,
            used,
            format!(
                "a trend needs an observation after {}, the first year of the period",
                base.year
            ),
        ));
    }
    Ok((base, latest))
}

/// Open SDG's natural-limit factor `C` for a base value `b` and a limit
/// `L`, as `sdg-build` computes it: with `b = |base|`, `L = |limit|`,
/// `C = 1` if `b ≥ 2L`; `1 − (b/L)^4.44` if `b ≤ L`; else
/// `1 − ((2L − b)/L)^4.44`.
///
/// # Examples
///
/// ```
/// use xh_core::assess::limit_coefficient;
/// assert_eq!(limit_coefficient(100.0, 100.0), 0.0); // at the limit
/// assert_eq!(limit_coefficient(250.0, 100.0), 1.0); // far from it
/// assert!((limit_coefficient(97.4, 100.0) - (1.0 - 0.974f64.powf(4.44))).abs() < 1e-15);
/// ```
pub fn limit_coefficient(base: f64, limit: f64) -> f64 {
    const A: f64 = 4.44;
    let (b, l) = (base.abs(), limit.abs());
    if b >= 2.0 * l {
        1.0
    } else if b <= l {
        1.0 - (b / l).powf(A)
    } else {
        1.0 - ((2.0 * l - b) / l).powf(A)
    }
}

/// Open SDG's trend assessment (no target).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendAssessment {
    /// The class (never [`RatioClass::Achieved`]).
    pub class: RatioClass,
    /// The progress value `sign·d·CAGR`.
    pub value: f64,
    /// `CAGR` from the base to the latest observation.
    pub observed_rate: f64,
    /// `d`: +1 higher is better, −1 lower is better.
    pub direction: f64,
    /// −1 when the base value is negative, else +1.
    pub sign: f64,
    /// The natural-limit factor `C` (`None` without a limit).
    pub coefficient: Option<f64>,
    /// The on-track threshold used, `trend_on_track·C`.
    pub on_track_threshold: f64,
    /// The moderate-progress threshold used, `trend_moderate·C`.
    pub moderate_threshold: f64,
    /// The base observation.
    pub base: YearValue,
    /// The latest observation.
    pub latest: YearValue,
    /// Adjustments made to the inputs (a zero base replaced by 0.001).
    pub notes: Vec<String>,
}

/// Open SDG's assessment of an indicator without a target (Statistics
/// Canada's method, as `sdg-build` computes it). Needs 2 points.
///
/// # Formula
///
/// `v = sign·d·CAGR` from the base to the latest observation (zeros and
/// negative values per [`Options::zero_rule`]). With a `limit`, the
/// thresholds are multiplied by [`limit_coefficient`]`(x_base, limit)`
/// (whatever the direction, as the code does). `v ≥ 1.5 %·C` on track,
/// `0.5 %·C ≤ v < 1.5 %·C` moderate progress, `0 ≤ v < 0.5 %·C`
/// insufficient progress, `v < 0` moving away (thresholds
/// [`Options::trend_on_track`], [`Options::trend_moderate`]).
///
/// # Errors
///
/// [`Error::InvalidArgument`] for a neutral polarity; [`Error::NonFinite`]
/// for a NaN or infinite limit; invalid [`Options`]. Data that do not allow
/// the method give [`Outcome::InsufficientData`].
///
/// # Examples
///
/// ```
/// use xh_core::assess::{opensdg_trend, Options, RatioClass, Series, TrendSpec};
/// use xh_core::catalog::Polarity;
/// let s = Series::new(&[(2020, 100.0), (2022, 102.01)])?; // +1 % a year
/// let spec = TrendSpec { polarity: Polarity::Higher, limit: None, base_year: None };
/// let r = opensdg_trend(&s, &spec, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(r.class, RatioClass::ModerateProgress);
/// // A share near its natural limit of 100 %: 97.4 → 99.7 is on track.
/// let share = Series::new(&[(2015, 97.4), (2022, 99.7)])?;
/// let spec = TrendSpec { limit: Some(100.0), ..spec };
/// let r = opensdg_trend(&share, &spec, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(r.class, RatioClass::OnTrack);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn opensdg_trend(
    series: &Series,
    spec: &TrendSpec,
    opts: &Options,
) -> Result<Outcome<TrendAssessment>> {
    opts.validate()?;
    let d = spec.direction()?;
    let (base, latest) = match endpoints(series, spec.base_year) {
        Ok(e) => e,
        Err(o) => return Ok(o),
    };
    let r = match rate_between(base, latest, opts.zero_rule, true) {
        Ok(r) => r,
        Err(reason) => return Ok(unusable(reason)),
    };
    let mut notes = Vec::new();
    if base.value == 0.0 {
        notes.push(format!(
            "the base value 0 in {} is replaced by 0.001 (Open SDG)",
            base.year
        ));
    }
    let coefficient = spec.limit.map(|l| limit_coefficient(base.value, l));
    let c = coefficient.unwrap_or(1.0);
    let (high, med, low) = (opts.trend_on_track * c, opts.trend_moderate * c, 0.0 * c);
    let value = r.sign * d * r.rate;
    let class = if value >= high {
        RatioClass::OnTrack
    } else if value >= med {
        RatioClass::ModerateProgress
    } else if value >= low {
        RatioClass::InsufficientProgress
    } else {
        RatioClass::MovingAway
    };
    Ok(Outcome::Assessed(TrendAssessment {
        class,
        value,
        observed_rate: r.rate,
        direction: d,
        sign: r.sign,
        coefficient,
        on_track_threshold: high,
        moderate_threshold: med,
        base,
        latest,
        notes,
    }))
}

/// Eurostat's trend assessment (no target).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovementAssessment {
    /// The class.
    pub class: MovementClass,
    /// The progress value `sign·d·CAGR`.
    pub value: f64,
    /// `CAGR` over the period.
    pub observed_rate: f64,
    /// `d`: +1 higher is better, −1 lower is better.
    pub direction: f64,
    /// −1 when the base value is negative, else +1.
    pub sign: f64,
    /// The first observation of the period.
    pub base: YearValue,
    /// The latest observation.
    pub latest: YearValue,
}

/// Eurostat's assessment of an indicator without a quantitative target in
/// its SDG monitoring report: the direction-adjusted compound annual growth
/// rate over the last five years (the "short-term" trend), against ±1 %.
/// Needs 2 points in the period.
///
/// Eurostat's methodological annex could not be consulted; the ±1 %
/// threshold and the boundaries are not verified against it
/// (`docs/methodology.md`), hence both are options.
///
/// # Formula
///
/// Period: from `base_year` (default: the latest year −
/// [`Options::eurostat_trend_years`]; the first observation in or after
/// it) to the latest observation. `v = sign·d·CAGR` (a zero base value or
/// values of opposite signs give insufficient data); with
/// `θ = `[`Options::eurostat_trend_threshold`] (0.01): `v > θ`
/// significant progress, `0 < v ≤ θ` moderate progress, `−θ ≤ v ≤ 0`
/// moderate movement away, `v < −θ` significant movement away.
///
/// # Errors
///
/// As [`opensdg_trend`]; a `limit` is an invalid argument (Eurostat has
/// none).
///
/// # Examples
///
/// ```
/// use xh_core::assess::{eurostat_trend, MovementClass, Options, Series, TrendSpec};
/// use xh_core::catalog::Polarity;
/// // Rising 2 % a year, lower is better: significant movement away.
/// let s = Series::new(&[(2018, 100.0), (2023, 100.0 * 1.02f64.powi(5))])?;
/// let spec = TrendSpec { polarity: Polarity::Lower, limit: None, base_year: None };
/// let r = eurostat_trend(&s, &spec, &Options::default())?.assessed().cloned().unwrap();
/// assert_eq!(r.class, MovementClass::SignificantMovementAway);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn eurostat_trend(
    series: &Series,
    spec: &TrendSpec,
    opts: &Options,
) -> Result<Outcome<MovementAssessment>> {
    opts.validate()?;
    let d = spec.direction()?;
    if let Some(l) = spec.limit {
        return Err(Error::InvalidArgument {
            arg: "limit",
            message: format!(
                "Eurostat's trend method has no natural limit (got {l}); a limit applies to \
                 opensdg_trend"
            ),
        });
    }
    let from = match (spec.base_year, series.points().last()) {
        (Some(y), _) => Some(y),
        (None, Some(l)) => Some(l.year - opts.eurostat_trend_years),
        (None, None) => None,
    };
    let (base, latest) = match endpoints(series, from) {
        Ok(e) => e,
        Err(o) => return Ok(o),
    };
    let r = match rate_between(base, latest, opts.zero_rule, false) {
        Ok(r) => r,
        Err(reason) => return Ok(unusable(reason)),
    };
    let value = r.sign * d * r.rate;
    let theta = opts.eurostat_trend_threshold;
    let class = if value > theta {
        MovementClass::SignificantProgress
    } else if value > 0.0 {
        MovementClass::ModerateProgress
    } else if value >= -theta {
        MovementClass::ModerateMovementAway
    } else {
        MovementClass::SignificantMovementAway
    };
    Ok(Outcome::Assessed(MovementAssessment {
        class,
        value,
        observed_rate: r.rate,
        direction: d,
        sign: r.sign,
        base,
        latest,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_coefficient_is_symmetric_about_the_limit() {
        for b in [10.0, 50.0, 90.0, 99.0] {
            let above = 200.0 - b;
            assert_eq!(limit_coefficient(b, 100.0), limit_coefficient(above, 100.0));
        }
        assert_eq!(limit_coefficient(0.0, 0.0), 1.0);
        assert_eq!(limit_coefficient(-100.0, 100.0), 0.0);
    }
}
