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
//! The answer for `eurostat`, `unsd`, `destatis` and `probability` is a
//! summary `{"status", "class", "value", "needed", "available", "reason"}`
//! (absent keys are null); `all` gives the full [`Assessment`].
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
    assess, attainment_probability, deflate, destatis_weather, eurostat_ratio, unsd_progress,
    Deflator, Options, Outcome, Series, Target,
};
use crate::catalog::PriceBasis;
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
    /// Every method: the full [`super::Assessment`].
    All,
}

/// An assessment request; see the module docs for the JSON form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The method to run.
    pub method: Method,
    /// The target.
    pub target: Target,
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
    if let super::TargetKind::Growth { rate } = request.target.kind {
        reject("rate", rate)?;
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
    request.target.validate()?;
    check_rates(request)?;
    let mut series = Series::new(&request.observed)?.with_price_basis(request.price_basis);
    let opts = request.options.clone().unwrap_or_default();
    if opts.check_plausibility {
        super::check_plausibility(&request.target, &series)?;
    }
    if let Some(d) = &request.deflator {
        series = deflate(&series, d)?;
    }
    let target = &request.target;
    Ok(match request.method {
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
        Method::All => serde_json::to_value(assess(target, &series, &opts)?).map_err(|e| {
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
