//! A language-neutral assessment request: JSON in, JSON out.
//!
//! This is the one entry point the Python and C bindings share for
//! assessments of caller-supplied data, and the format of the cases in
//! `tests/vectors/assess.json`. A request names a method, a [`Target`], the
//! observed `(year, value)` points, and optionally their price basis, a
//! [`Deflator`] and [`Options`]:
//!
//! ```json
//! {"method": "eurostat",
//!  "target": {"kind": "growth", "base_year": 2020, "target_year": 2025, "rate": 0.05},
//!  "observed": [[2020, 100], [2021, 104]]}
//! ```
//!
//! Rates are decimals: a growth target's `rate` or a deflator's inflation
//! rate of 1 (100 %) or more is rejected as a percent written where a
//! decimal is meant (`"rate": 5` for 5 %), unless the request sets
//! `"allow_rate_above_one": true`. The observations are checked for
//! plausibility ([`super::check_plausibility`]) unless the options set
//! `"check_plausibility": false`.
//!
//!
//! The methods without a target take a `polarity` instead, and optionally a
//! natural `limit` (Open SDG only) and a `base_year`:
//!
//! ```json
//! {"method": "opensdg_trend", "polarity": "higher", "limit": 100,
//!  "observed": [[2015, 97.4], [2022, 99.7]]}
//! ```
//!
//! The answer for `eurostat`, `unsd`, `destatis`, `probability`,
//! `opensdg_trend` and `eurostat_trend` is a summary
//! `{"status", "class", "value", "needed", "available", "reason"}` (absent
//! keys are null); `all` gives the full [`Assessment`].
//!
//! # Examples
//!
//! ```
//! let answer = xh_core::assess::evaluate_json(r#"{"method": "eurostat",
//!     "target": {"kind": "growth", "base_year": 2020, "target_year": 2025, "rate": 0.05},
//!     "observed": [[2020, 100], [2021, 104]]}"#)?;
//! let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
//! assert_eq!(v["class"], "moderate_progress");
//! # Ok::<(), xh_core::Error>(())
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{
    assess, attainment_probability, deflate, destatis_weather, eurostat_ratio, eurostat_trend,
    opensdg_trend, unsd_progress, Deflator, Options, Outcome, Series, Target, TrendSpec,
};
use crate::catalog::{Polarity, PriceBasis};
use crate::error::{Error, Result};

/// Which method a [`Request`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// [`eurostat_ratio`].
    Eurostat,
    /// [`unsd_progress`].
    Unsd,
    /// [`destatis_weather`].
    Destatis,
    /// [`attainment_probability`] (closed form).
    Probability,
    /// [`opensdg_trend`]: no target; `polarity`, optional `limit`.
    OpensdgTrend,
    /// [`eurostat_trend`]: no target; `polarity`.
    EurostatTrend,
    /// Every method with a target: the full [`super::Assessment`].
    All,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Eurostat => "eurostat",
            Method::Unsd => "unsd",
            Method::Destatis => "destatis",
            Method::Probability => "probability",
            Method::OpensdgTrend => "opensdg_trend",
            Method::EurostatTrend => "eurostat_trend",
            Method::All => "all",
        }
    }
    fn is_trend(self) -> bool {
        matches!(self, Method::OpensdgTrend | Method::EurostatTrend)
    }
}

/// An assessment request; see the module docs for the JSON form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The method to run.
    pub method: Method,
    /// The target (the methods with a target).
    #[serde(default)]
    pub target: Option<Target>,
    /// Which direction is better (the trend methods).
    #[serde(default)]
    pub polarity: Option<Polarity>,
    /// A natural limit of the indicator (`opensdg_trend` only).
    #[serde(default)]
    pub limit: Option<f64>,
    /// The first year of the trend's period (the trend methods).
    #[serde(default)]
    pub base_year: Option<i32>,
    /// Observed `(year, value)` points, in the target's unit.
    pub observed: Vec<(i32, f64)>,
    /// The observations' price basis, if they are money.
    #[serde(default)]
    pub price_basis: Option<PriceBasis>,
    /// A deflator applied to the observations first.
    #[serde(default)]
    pub deflator: Option<Deflator>,
    /// Options overriding the defaults.
    #[serde(default)]
    pub options: Option<Options>,
    /// Accept a target or inflation rate of 1 (100 %) or more; without it
    /// such a rate is taken for a percent written where a decimal is meant.
    #[serde(default)]
    pub allow_rate_above_one: bool,
}

/// Rejects a rate of 1 or more unless the request allows it.
fn check_rates(request: &Request) -> Result<()> {
    if request.allow_rate_above_one {
        return Ok(());
    }
    let reject = |arg: &'static str, rate: f64| match crate::sanity::rate_text(rate) {
        Some(m) => Err(Error::InvalidArgument {
            arg,
            message: format!(
                "{m} set \"allow_rate_above_one\": true in the request if {} is meant",
                crate::error::fmt_f64(rate)
            ),
        }),
        None => Ok(()),
    };
    if let Some(super::Target {
        kind: super::TargetKind::Growth { rate },
        ..
    }) = &request.target
    {
        reject("rate", *rate)?;
    }
    if let Some(Deflator::Inflation(rates)) = &request.deflator {
        for &(_, r) in rates {
            reject("inflation", r)?;
        }
    }
    Ok(())
}

fn summary<T>(o: &Outcome<T>, f: impl Fn(&T) -> (Option<&'static str>, Option<f64>)) -> Value {
    match o {
        Outcome::Assessed(t) => {
            let (class, value) = f(t);
            json!({"status": "assessed", "class": class, "value": value,
                   "needed": null, "available": null, "reason": null})
        }
        Outcome::InsufficientData {
            needed,
            available,
            reason,
        } => json!({"status": "insufficient_data", "class": null, "value": null,
                    "needed": needed, "available": available, "reason": reason}),
        Outcome::NotApplicable { reason } => json!({"status": "not_applicable", "class": null,
                    "value": null, "needed": null, "available": null, "reason": reason}),
    }
}

fn invalid(arg: &'static str, message: String) -> Error {
    Error::InvalidArgument { arg, message }
}

/// Runs a request.
///
/// # Errors
///
/// [`Error::InvalidArgument`] for a rate of 1 or more without
/// `allow_rate_above_one`; [`Error::InvalidObservations`] for implausible
/// observations unless `check_plausibility` is off; as the method run:
/// [`Error::InvalidYear`], [`Error::PriceBasisMismatch`],
/// [`Error::OutOfDomain`], [`Error::NonFinite`] …
///
/// # Examples
///
/// ```
/// let err = xh_core::assess::evaluate_json(r#"{"method": "eurostat",
///     "target": {"kind": "growth", "base_year": 2020, "target_year": 2025, "rate": 5},
///     "observed": [[2020, 100], [2021, 104]]}"#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "rate is invalid: 5 is 500 % a year (rates are decimals: 0.05 is 5 %); did you mean 0.05? \
///      set \"allow_rate_above_one\": true in the request if 5 is meant"
/// );
/// ```
pub fn evaluate(request: &Request) -> Result<Value> {
    let m = request.method;
    if m.is_trend() {
        if request.target.is_some() {
            return Err(invalid(
                "target",
                format!("method {} assesses a trend without a target", m.as_str()),
            ));
        }
    } else {
        for (arg, given) in [
            ("polarity", request.polarity.is_some()),
            ("limit", request.limit.is_some()),
            ("base_year", request.base_year.is_some()),
        ] {
            if given {
                return Err(invalid(
                    arg,
                    format!(
                        "{arg} applies to the trend methods (opensdg_trend, eurostat_trend), not to {}; \
                         the target holds the polarity and the base year",
                        m.as_str()
                    ),
                ));
            }
        }
    }
    check_rates(request)?;
    let mut series = Series::new(&request.observed)?.with_price_basis(request.price_basis);
    let opts = request.options.clone().unwrap_or_default();
    if let (true, Some(target)) = (opts.check_plausibility, &request.target) {
        super::check_plausibility(target, &series)?;
    }
    if let Some(d) = &request.deflator {
        series = deflate(&series, d)?;
    }
    if m.is_trend() {
        let polarity = request.polarity.ok_or_else(|| {
            invalid(
                "polarity",
                format!(
                    "method {} needs a polarity (\"higher\" or \"lower\")",
                    m.as_str()
                ),
            )
        })?;
        let spec = TrendSpec {
            polarity,
            limit: request.limit,
            base_year: request.base_year,
        };
        return Ok(match m {
            Method::OpensdgTrend => summary(&opensdg_trend(&series, &spec, &opts)?, |r| {
                (Some(r.class.as_str()), Some(r.value))
            }),
            _ => summary(&eurostat_trend(&series, &spec, &opts)?, |r| {
                (Some(r.class.as_str()), Some(r.value))
            }),
        });
    }
    let target = request
        .target
        .as_ref()
        .ok_or_else(|| invalid("target", format!("method {} needs a target", m.as_str())))?;
    target.validate()?;
    Ok(match m {
        Method::Eurostat => summary(&eurostat_ratio(target, &series, &opts)?, |r| {
            (Some(r.class.as_str()), r.ratio)
        }),
        Method::Unsd => summary(&unsd_progress(target, &series, &opts)?, |r| {
            (Some(r.class.as_str()), r.score)
        }),
        Method::Destatis => summary(&destatis_weather(target, &series, &opts)?, |r| {
            (Some(r.class.as_str()), r.deviation)
        }),
        Method::Probability => summary(&attainment_probability(target, &series, &opts)?, |r| {
            (None, r.closed_form)
        }),
        // `all` (the trend methods returned above).
        _ => serde_json::to_value(assess(target, &series, &opts)?).map_err(|e| {
            Error::InvalidArgument {
                arg: "request",
                message: format!("the assessment does not serialise: {e}"),
            }
        })?,
    })
}

/// Parses a JSON [`Request`], runs it, and returns the answer as compact
/// JSON (floats in shortest round-trip form, so equal answers are equal
/// strings in every language).
///
/// # Errors
///
/// [`Error::InvalidArgument`] naming the line and column of malformed or
/// invalid JSON; otherwise as [`evaluate`].
pub fn evaluate_json(request: &str) -> Result<String> {
    let request: Request = serde_json::from_str(request).map_err(|e| Error::InvalidArgument {
        arg: "request",
        message: e.to_string(),
    })?;
    let answer = evaluate(&request)?;
    Ok(answer.to_string())
}
