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
//! or score and the inputs used. Each method stands alone: too little data,
//! or values a method cannot use (a zero under a growth rate, a base and a
//! latest value of opposite signs), is that method's
//! [`Outcome::InsufficientData`] with a reason naming the years and values,
//! never an error that would hide the other methods. Only an invalid request
//! (a target year not after the base year, a price-basis mismatch, a
//! deflator missing a year, invalid options; NaN values and duplicate years
//! are rejected by [`Series::new`]) is a typed [`crate::Error`], never a
//! panic.
//!
//! | function | follows | needs |
//! |---|---|---|
//! | [`progress`] | required path, pace and gap | 1 point (2 for the observed pace) |
//! | [`eurostat_ratio`] | the ratio method of Eurostat and Open SDG (as `sdg-build` computes it) | 2 points |
//! | [`opensdg_trend`] | Open SDG / Statistics Canada without a target, natural limits | 2 points |
//! | [`eurostat_trend`] | Eurostat without a target (±1 %, last five years) | 2 points |
//! | [`unsd_progress`] | UNSD SDG Progress Chart (projection ratio) | 2 points |
//! | [`destatis_weather`] | Destatis weather symbols (dns-indikatoren.de) | 4 consecutive annual values |
//! | [`attainment_probability`] | log-normal growth with estimated parameters (Student-t predictive), closed form + Monte Carlo | 3 points, or 1 with a supplied model |
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

/// A public enum of classes with a snake_case tag and English and Chinese
/// labels.
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

mod deflate;
mod methods;
mod observed;
mod path;
mod probability;
mod request;
mod resolve;
mod series;
mod stats;
mod target;
mod text;
mod trend;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use deflate::{check_price_basis, deflate, Deflator};
pub use methods::{
    destatis_weather, eurostat_ratio, unsd_progress, DeviationBase, ProgressClass, RateMeasure,
    RatioAssessment, RatioClass, ScoreAssessment, Weather, WeatherAssessment, WeatherProcedure,
    ZeroRule, ZERO_REPLACEMENT,
};
pub use observed::{
    assess_observed, assess_points, check_plausibility, convert_observed, MAX_ANNUAL_FACTOR,
    MAX_JUMP,
};
pub use path::{progress, trajectory, Band, Progress, Trajectory, YearCheck};
pub use probability::{attainment_probability, Attainment};
pub use request::{evaluate, evaluate_json, Method, Request};
pub use series::{Series, YearValue};
pub use stats::{
    erfc, monte_carlo_probability, normal_cdf, normal_quantile, simulate_paths, student_t_cdf,
    Estimate, GrowthModel, McEstimate, Params, Rng,
};
pub use target::{Acceptance, PathShape, Target, TargetKind};
pub use trend::{
    eurostat_trend, limit_coefficient, opensdg_trend, MovementAssessment, MovementClass,
    TrendAssessment, TrendSpec,
};

use crate::catalog::{Catalog, Figure, Group, Indicator, Qualifier};
use crate::error::{Error, Result};

/// A method's answer: assessed, or why not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome<T> {
    /// The method ran; its result.
    Assessed(T),
    /// The data do not allow this method: too few observations (then
    /// `needed` and `available` count them), or values it cannot use, such
    /// as a base and a latest value of opposite signs (then both are
    /// `None`).
    InsufficientData {
        /// Points the method needs, when the problem is their number.
        needed: Option<usize>,
        /// Points available, when the problem is their number.
        available: Option<usize>,
        /// What is missing or unusable, naming the years and values.
        reason: String,
    },
    /// The method does not apply to this target (an every-year bound for
    /// a method that needs a target value, a target of the opposite sign to
    /// the base value for a growth rate).
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
    /// Open SDG trend (no target): `sign·d·CAGR ≥` this times the
    /// natural-limit factor is on track (0.015).
    pub trend_on_track: f64,
    /// Open SDG trend (no target): `sign·d·CAGR ≥` this times the
    /// natural-limit factor is moderate progress (0.005).
    pub trend_moderate: f64,
    /// UNSD: `score ≥` this is on track (0.95; not verified against the
    /// UNSD technical note).
    pub unsd_on_track: f64,
    /// UNSD: `score ≥` this is fair progress (0.10; not verified).
    pub unsd_fair: f64,
    /// Destatis: deviation `<` this is sunny (0.05).
    pub weather_sunny: f64,
    /// Destatis: deviation `≤` this is slightly cloudy (0.20).
    pub weather_slightly_cloudy: f64,
    /// Destatis: annual changes to average (5, from the six latest points).
    pub weather_window: i32,
    /// Destatis: consecutive annual values needed (4, as published).
    pub weather_min_points: usize,
    /// Destatis: what the deviation is relative to (the remaining gap).
    pub weather_deviation: DeviationBase,
    /// Eurostat trend: `|sign·d·CAGR|` above this is significant (0.01; not
    /// verified against Eurostat's annex).
    pub eurostat_trend_threshold: f64,
    /// Eurostat trend: the years of the default period (5, "short-term").
    pub eurostat_trend_years: i32,
    /// Zeros and negative values under a growth rate (Open SDG's rule).
    pub zero_rule: ZeroRule,
    /// The log-growth model; `None` (default) estimates it from the series.
    pub model: Option<GrowthModel>,
    /// Monte Carlo paths (20 000).
    pub mc_paths: usize,
    /// Monte Carlo seed (20210113, the report's date).
    pub seed: u64,
    /// Coverages of the trajectory bands ([0.80, 0.95]).
    pub band_coverages: Vec<f64>,
    /// Stop a series that cannot be in its unit before assessing it
    /// ([`check_plausibility`]; default on). Turn it off when a jump of
    /// more than 100× is real.
    pub check_plausibility: bool,
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
            weather_min_points: 4,
            weather_deviation: DeviationBase::RemainingGap,
            eurostat_trend_threshold: 0.01,
            eurostat_trend_years: 5,
            zero_rule: ZeroRule::OpenSdg,
            model: None,
            mc_paths: 20_000,
            seed: 20_210_113,
            band_coverages: vec![0.80, 0.95],
            check_plausibility: true,
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
    /// `0 ≤ sunny ≤ slightly_cloudy`, `weather_window ≥ 1`,
    /// `2 ≤ weather_min_points ≤ weather_window + 1`,
    /// `eurostat_trend_threshold ≥ 0`, `eurostat_trend_years ≥ 1`,
    /// `mc_paths ≥ 1`, band coverages strictly between 0 and 1, `sigma ≥ 0`).
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
        let most = usize::try_from(self.weather_window).unwrap_or(usize::MAX - 1) + 1;
        if self.weather_min_points < 2 || self.weather_min_points > most {
            return Err(Error::OutOfDomain {
                arg: "weather_min_points",
                value: self.weather_min_points as f64,
                requirement: "at least 2 and at most weather_window + 1",
            });
        }
        range(
            "eurostat_trend_threshold",
            self.eurostat_trend_threshold,
            0.0,
            f64::MAX,
            "at least 0",
        )?;
        if self.eurostat_trend_years < 1 {
            return Err(Error::OutOfDomain {
                arg: "eurostat_trend_years",
                value: f64::from(self.eurostat_trend_years),
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
    /// The ratio method of Eurostat and Open SDG (as sdg-build computes it).
    pub eurostat: Outcome<RatioAssessment>,
    /// UNSD progress chart.
    pub unsd: Outcome<ScoreAssessment>,
    /// Destatis weather.
    pub destatis: Outcome<WeatherAssessment>,
    /// Attainment probability.
    pub probability: Outcome<Attainment>,
    /// Arrays for plotting.
    pub trajectory: Outcome<Trajectory>,
    /// What the caller should know about the input, e.g. observations after
    /// the target year, which no method uses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Runs every method on one target. Each method gives its own outcome:
/// one that cannot assess these data (too few points, a zero under a growth
/// rate, opposite signs) says why, and the others still answer.
///
/// # Errors
///
/// Only for an invalid request:
///
/// * [`Error::InvalidYear`] if the target year is not after the base year;
/// * [`Error::PriceBasisMismatch`] if the series' declared price basis
///   differs from the target's (deflate it first: [`deflate`]);
/// * [`Error::NonFinite`], [`Error::OutOfDomain`], [`Error::EmptyInput`]
///   for invalid [`Options`] or an invalid target value;
/// * [`Error::InvalidObservations`] for a series that cannot be in its
///   unit ([`check_plausibility`]), unless [`Options::check_plausibility`]
///   is off.
pub fn assess(target: &Target, series: &Series, opts: &Options) -> Result<Assessment> {
    resolve::validate(target, series, opts)?;
    if opts.check_plausibility {
        check_plausibility(target, series)?;
    }
    Ok(Assessment {
        target: target.clone(),
        series: series.clone(),
        progress: progress(target, series, opts)?,
        eurostat: eurostat_ratio(target, series, opts)?,
        unsd: unsd_progress(target, series, opts)?,
        destatis: destatis_weather(target, series, opts)?,
        probability: attainment_probability(target, series, opts)?,
        trajectory: trajectory(target, series, opts)?,
        notes: observed::late_notes(target, series),
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

/// The targets of `group` that [`assess_group`] assesses, in catalog
/// order: the one place to filter which figures are assessed. Only those
/// the district can be assessed on ([`Indicator::assessable_targets`]):
/// Shanghai-wide targets and bounds without a number are left out.
fn group_targets(catalog: &Catalog, group: Group) -> impl Iterator<Item = (&Indicator, &Figure)> {
    catalog.indicators().iter().flat_map(move |ind| {
        ind.assessable_targets()
            .filter(move |f| f.group() == group)
            .map(move |f| (ind, f))
    })
}

/// Assesses every target of `group` in catalog order, with the deflator of
/// each indicator id in `deflators` (if any). Each target gets its own
/// result, and within it each method its own outcome, so one failure does
/// not hide the others.
pub fn assess_group(
    catalog: &Catalog,
    group: Group,
    deflators: &BTreeMap<String, Deflator>,
    opts: &Options,
) -> Vec<(String, Result<Assessment>)> {
    group_targets(catalog, group)
        .map(|(ind, f)| {
            (
                ind.id().to_owned(),
                assess_figure(ind, f, deflators.get(ind.id()), opts),
            )
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
