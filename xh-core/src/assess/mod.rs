//! Target tracking: is a plan target on track, what pace does it need from
//! here, and how likely is it to be met?
//!
//! Everything here is a pure function of explicit inputs:
//!
//! * a [`Target`] — built from a catalog figure with
//!   [`Target::from_figure`] or by hand (it deserialises from JSON);
//! * a [`Series`] of `(year, value)` observations — from a catalog with
//!   [`Series::from_indicator`] (after [`crate::catalog::Catalog::add_observations_csv`])
//!   or by hand;
//! * [`Options`], whose [`Default`] holds the published thresholds.
//!
//! The results are `serde::Serialize` structs carrying the class, the ratio
//! or score and the inputs used. Too little data is a result,
//! [`Outcome::InsufficientData`], never an error; bad input (a target year
//! before the base year, a zero level under a CAGR, a price-basis mismatch,
//! a deflator missing a year) is a typed [`crate::Error`], never a panic.
//!
//! | function | follows | needs |
//! |---|---|---|
//! | [`progress`] | required path, pace and gap | 1 point (2 for the observed pace) |
//! | [`eurostat_ratio`] | Eurostat SDG ratio method / Open SDG | 2 points |
//! | [`eurostat_trend`] | the same without a target | 2 points |
//! | [`unsd_progress`] | UNSD SDG Progress Chart | 2 points |
//! | [`destatis_weather`] | Destatis Indikatorenbericht weather symbols | 2 points in the last 5 years |
//! | [`attainment_probability`] | log-normal growth, closed form + Monte Carlo | 3 points, or 1 with a supplied model |
//! | [`trajectory`] | arrays for plotting | as [`progress`]; bands need 3 |
//! | [`assess`] | all of the above | — |
//!
//! `docs/methodology.md` gives every formula, threshold and default.
//!
//! # Examples
//!
//! ```
//! use xh_core::assess::{self, Options, RatioClass, Series, Target};
//!
//! let mut cat = xh_core::catalog::embedded().clone();
//! // Synthetic numbers, for illustration only.
//! cat.add_observations_csv("id,year,value\nai_output,2021,400\nai_output,2022,455\nai_output,2023,520\n")?;
//! let ai = cat.get("ai_output")?;
//! let target = Target::from_figure(ai, ai.targets().next().unwrap())?;
//! let a = assess::assess(&target, &Series::from_indicator(ai), &Options::default())?;
//! let ratio = a.eurostat.assessed().unwrap();
//! assert_eq!(ratio.class, RatioClass::ModerateProgress); // 14.1 % a year against 15 %
//! # Ok::<(), xh_core::Error>(())
//! ```

mod deflate;
mod methods;
mod path;
mod probability;
mod request;
mod resolve;
mod series;
mod stats;
mod target;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use deflate::{check_price_basis, deflate, Deflator};
pub use methods::{
    destatis_weather, eurostat_ratio, eurostat_trend, unsd_progress, DeviationBase, ProgressClass,
    RateMeasure, RatioAssessment, RatioClass, ScoreAssessment, TrendAssessment, Weather,
    WeatherAssessment,
};
pub use path::{progress, trajectory, Band, Progress, Trajectory, YearCheck};
pub use probability::{attainment_probability, Attainment};
pub use request::{evaluate, evaluate_json, Method, Request};
pub use series::{Series, YearValue};
pub use stats::{
    erfc, monte_carlo_probability, normal_cdf, normal_quantile, simulate_paths, Estimate,
    GrowthModel, McEstimate, Rng,
};
pub use target::{Acceptance, PathShape, Target, TargetKind};

use crate::catalog::{Catalog, Figure, Group, Indicator, Qualifier};
use crate::error::{Error, Result};

/// A method's answer: assessed, or why not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome<T> {
    /// The method ran; its result.
    Assessed(T),
    /// Too few observations for this method.
    InsufficientData {
        /// Points the method needs.
        needed: usize,
        /// Points available.
        available: usize,
        /// What is missing, in words.
        reason: String,
    },
    /// The method does not apply to this kind of target.
    NotApplicable {
        /// Why not.
        reason: String,
    },
}

impl<T> Outcome<T> {
    /// The result, if assessed.
    pub fn assessed(&self) -> Option<&T> {
        match self {
            Outcome::Assessed(t) => Some(t),
            _ => None,
        }
    }
}

/// Thresholds and settings. [`Default`] holds the published values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Half-width of the 左右 band relative to the value (default
    /// [`Qualifier::DEFAULT_ABOUT_TOLERANCE`] = 0.10: "5%左右" is 4.5–5.5 %).
    pub about_tolerance: f64,
    /// Ratio method: `R ≥` this is on track (0.95).
    pub ratio_on_track: f64,
    /// Ratio method: `R ≥` this is moderate progress (0.60).
    pub ratio_moderate: f64,
    /// No-target trend: `d·CAGR ≥` this is on track (0.015).
    pub trend_on_track: f64,
    /// No-target trend: `d·CAGR ≥` this is moderate progress (0.005).
    pub trend_moderate: f64,
    /// UNSD: `score ≥` this is on track (0.95).
    pub unsd_on_track: f64,
    /// UNSD: `score ≥` this is fair progress (0.10).
    pub unsd_fair: f64,
    /// Destatis: deviation `<` this is sunny (0.05).
    pub weather_sunny: f64,
    /// Destatis: deviation `≤` this is slightly cloudy (0.20).
    pub weather_slightly_cloudy: f64,
    /// Destatis: years of changes to average (5).
    pub weather_window: i32,
    /// Destatis: what the deviation is relative to (the remaining gap).
    pub weather_deviation: DeviationBase,
    /// The log-growth model; `None` (default) estimates it from the series.
    pub model: Option<GrowthModel>,
    /// Monte Carlo paths (20 000).
    pub mc_paths: usize,
    /// Monte Carlo seed (20210113, the report's date).
    pub seed: u64,
    /// Coverages of the trajectory bands ([0.80, 0.95]).
    pub band_coverages: Vec<f64>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            about_tolerance: Qualifier::DEFAULT_ABOUT_TOLERANCE,
            ratio_on_track: 0.95,
            ratio_moderate: 0.60,
            trend_on_track: 0.015,
            trend_moderate: 0.005,
            unsd_on_track: 0.95,
            unsd_fair: 0.10,
            weather_sunny: 0.05,
            weather_slightly_cloudy: 0.20,
            weather_window: 5,
            weather_deviation: DeviationBase::RemainingGap,
            model: None,
            mc_paths: 20_000,
            seed: 20_210_113,
            band_coverages: vec![0.80, 0.95],
        }
    }
}

impl Options {
    /// Checks the settings.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] or [`Error::OutOfDomain`] for a threshold out
    /// of range (`0 ≤ about_tolerance < 1`, `0 ≤ moderate ≤ on_track`,
    /// `0 ≤ sunny ≤ slightly_cloudy`, `weather_window ≥ 1`, `mc_paths ≥ 1`,
    /// band coverages strictly between 0 and 1, `sigma ≥ 0`).
    pub fn validate(&self) -> Result<()> {
        fn range(arg: &'static str, v: f64, lo: f64, hi: f64, req: &'static str) -> Result<()> {
            crate::check::finite(arg, v)?;
            if v < lo || v > hi {
                return Err(Error::OutOfDomain {
                    arg,
                    value: v,
                    requirement: req,
                });
            }
            Ok(())
        }
        range(
            "about_tolerance",
            self.about_tolerance,
            0.0,
            1.0 - f64::EPSILON,
            "at least 0 and below 1",
        )?;
        range(
            "ratio_moderate",
            self.ratio_moderate,
            0.0,
            self.ratio_on_track,
            "between 0 and ratio_on_track",
        )?;
        range(
            "trend_moderate",
            self.trend_moderate,
            0.0,
            self.trend_on_track,
            "between 0 and trend_on_track",
        )?;
        range(
            "unsd_fair",
            self.unsd_fair,
            0.0,
            self.unsd_on_track,
            "between 0 and unsd_on_track",
        )?;
        range(
            "weather_sunny",
            self.weather_sunny,
            0.0,
            self.weather_slightly_cloudy,
            "between 0 and weather_slightly_cloudy",
        )?;
        crate::check::finite("ratio_on_track", self.ratio_on_track)?;
        crate::check::finite("trend_on_track", self.trend_on_track)?;
        crate::check::finite("unsd_on_track", self.unsd_on_track)?;
        crate::check::finite("weather_slightly_cloudy", self.weather_slightly_cloudy)?;
        if self.weather_window < 1 {
            return Err(Error::OutOfDomain {
                arg: "weather_window",
                value: f64::from(self.weather_window),
                requirement: "at least 1",
            });
        }
        if self.mc_paths == 0 {
            return Err(Error::EmptyInput { arg: "mc_paths" });
        }
        for &c in &self.band_coverages {
            range(
                "band_coverages",
                c,
                f64::MIN_POSITIVE,
                1.0 - f64::EPSILON,
                "strictly between 0 and 1",
            )?;
        }
        if let Some(m) = self.model {
            GrowthModel::new(m.mu, m.sigma)?;
        }
        Ok(())
    }
}

/// Every assessment of one target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The target assessed.
    pub target: Target,
    /// The series used (after any deflation).
    pub series: Series,
    /// Required path, pace and gap.
    pub progress: Outcome<Progress>,
    /// Eurostat / Open SDG ratio method.
    pub eurostat: Outcome<RatioAssessment>,
    /// UNSD progress chart.
    pub unsd: Outcome<ScoreAssessment>,
    /// Destatis weather.
    pub destatis: Outcome<WeatherAssessment>,
    /// Attainment probability.
    pub probability: Outcome<Attainment>,
    /// Arrays for plotting.
    pub trajectory: Outcome<Trajectory>,
}

/// Runs every method on one target.
///
/// # Errors
///
/// * [`Error::InvalidYear`] if the target year is not after the base year;
/// * [`Error::PriceBasisMismatch`] if the series' declared price basis
///   differs from the target's (deflate it first: [`deflate`]);
/// * [`Error::OutOfDomain`] for a zero or negative value under a CAGR or
///   the log-growth model;
/// * [`Error::NonFinite`], [`Error::OutOfDomain`] for invalid [`Options`].
pub fn assess(target: &Target, series: &Series, opts: &Options) -> Result<Assessment> {
    Ok(Assessment {
        target: target.clone(),
        series: series.clone(),
        progress: progress(target, series, opts)?,
        eurostat: eurostat_ratio(target, series, opts)?,
        unsd: unsd_progress(target, series, opts)?,
        destatis: destatis_weather(target, series, opts)?,
        probability: attainment_probability(target, series, opts)?,
        trajectory: trajectory(target, series, opts)?,
    })
}

/// Assesses a catalog figure against the indicator's levels
/// ([`Series::from_indicator`]), deflated first when a deflator is given.
///
/// # Errors
///
/// As [`Target::from_figure`], [`deflate`] and [`assess`]. Without a
/// deflator, a comparable-price growth target (GDP) fails with
/// [`Error::PriceBasisMismatch`].
pub fn assess_figure(
    indicator: &Indicator,
    figure: &Figure,
    deflator: Option<&Deflator>,
    opts: &Options,
) -> Result<Assessment> {
    let target = Target::from_figure(indicator, figure)?;
    let mut series = Series::from_indicator(indicator);
    if let Some(d) = deflator {
        series = deflate(&series, d)?;
    }
    assess(&target, &series, opts)
}

/// Assesses every target of `group` the district can be assessed on
/// ([`Indicator::assessable_targets`]: Shanghai-wide targets and bounds
/// without a number are left out) in catalog order, with the deflator of
/// each indicator id in `deflators` (if any). Each target gets its own
/// result, so one failure does not hide the others.
pub fn assess_group(
    catalog: &Catalog,
    group: Group,
    deflators: &BTreeMap<String, Deflator>,
    opts: &Options,
) -> Vec<(String, Result<Assessment>)> {
    catalog
        .indicators()
        .iter()
        .flat_map(|ind| {
            ind.assessable_targets()
                .filter(move |f| f.group() == group)
                .map(move |f| {
                    (
                        ind.id().to_owned(),
                        assess_figure(ind, f, deflators.get(ind.id()), opts),
                    )
                })
        })
        .collect()
}

/// Whether the catalog holds user observations after `year` (the report
/// shows its assessment section only then).
pub fn has_observations_after(catalog: &Catalog, year: i32) -> bool {
    catalog
        .figures()
        .any(|(_, f)| f.group() == Group::User && f.year_end() > year)
}
