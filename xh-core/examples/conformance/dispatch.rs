//! Evaluates one conformance case by function name with positional
//! arguments. Shared by the conformance runner (`main.rs`) and the Rust
//! vector tests (`tests/vectors.rs`), so both exercise the same calls.
//!
//! Argument order per function (also in `tests/conformance/driver.py`):
//! cagr(start, end, years) · project(start, rate, years) ·
//! years_to_reach(start, target, rate) · annualize(cumulative_change, years) ·
//! cumulate(rate, years) · implied_previous(current, growth) ·
//! doubling_time(rate) · chain(rates…) · unit_convert(from, to, value) ·
//! catalog_get(id) · catalog_figure(id, index) · implied_level(id, group) ·
//! assess(request JSON) ·
//! outcome_verdict(outcomes JSON or "" for the embedded file, id, group) ·
//! sdmx_csv(observations: SDMX-CSV to load first, or empty) · sdmx_structure().
//! A function name ending in `[]` runs the batch kernel on length-1 slices.

#![allow(dead_code)]

use xh_core::batch::{self, ErrorPolicy};
use xh_core::catalog::{self, Group};
use xh_core::outcomes::PublishedOutcomes;
use xh_core::{growth, Error, Unit};

/// One positional argument.
#[derive(Debug, Clone)]
pub enum Arg {
    Float(f64),
    Text(String),
}

/// A result: a float, a text, or an error kind tag.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Float(f64),
    Text(String),
    Error(&'static str),
}

/// A float in a vector file: a JSON number, or `"NaN"`, `"Infinity"`,
/// `"-Infinity"`.
pub fn json_float(v: &serde_json::Value) -> f64 {
    match v {
        serde_json::Value::Number(n) => n.as_f64().expect("number"),
        serde_json::Value::String(s) => match s.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            other => panic!("bad float string {other}"),
        },
        other => panic!("not a float: {other}"),
    }
}

/// A vector case's `args` object in positional order (arrays spread).
pub fn positional(function: &str, args: &serde_json::Value) -> Vec<Arg> {
    let names = arg_names(function).unwrap_or_else(|| panic!("unknown function {function}"));
    let mut out = Vec::new();
    for name in names {
        match &args[*name] {
            serde_json::Value::Array(items) => {
                out.extend(items.iter().map(|v| Arg::Float(json_float(v))))
            }
            serde_json::Value::String(s)
                if !matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") =>
            {
                out.push(Arg::Text(s.clone()))
            }
            v => out.push(Arg::Float(json_float(v))),
        }
    }
    out
}

/// Argument names, in positional order, per function.
pub fn arg_names(function: &str) -> Option<&'static [&'static str]> {
    Some(match function.trim_end_matches("[]") {
        "cagr" => &["start", "end", "years"],
        "project" => &["start", "rate", "years"],
        "years_to_reach" => &["start", "target", "rate"],
        "annualize" => &["cumulative_change", "years"],
        "cumulate" => &["rate", "years"],
        "implied_previous" => &["current", "growth"],
        "doubling_time" => &["rate"],
        "chain" => &["rates"],
        "unit_convert" => &["from", "to", "value"],
        "catalog_get" => &["id"],
        "catalog_figure" => &["id", "index"],
        "implied_level" => &["id", "group"],
        "assess" => &["request"],
        "outcome_verdict" => &["outcomes", "id", "group"],
        "sdmx_csv" => &["observations"],
        "sdmx_structure" => &[],
        "outcomes_sdmx_csv" => &["outcomes"],
        _ => return None,
    })
}

fn float(args: &[Arg], i: usize) -> f64 {
    match args.get(i) {
        Some(Arg::Float(v)) => *v,
        other => panic!("argument {i} must be a float, got {other:?}"),
    }
}

fn text(args: &[Arg], i: usize) -> &str {
    match args.get(i) {
        Some(Arg::Text(s)) => s,
        other => panic!("argument {i} must be a text, got {other:?}"),
    }
}

type Batch3 = fn(&[f64], &[f64], &[f64], &mut [f64], ErrorPolicy) -> xh_core::Result<()>;
type Batch2 = fn(&[f64], &[f64], &mut [f64], ErrorPolicy) -> xh_core::Result<()>;

fn batch1(f: Batch3, a: f64, b: f64, c: f64) -> Result<f64, Error> {
    let mut out = [0.0];
    f(&[a], &[b], &[c], &mut out, ErrorPolicy::Raise).map(|()| out[0])
}

fn batch2(f: Batch2, a: f64, b: f64) -> Result<f64, Error> {
    let mut out = [0.0];
    f(&[a], &[b], &mut out, ErrorPolicy::Raise).map(|()| out[0])
}

/// Evaluates `function` on `args`.
///
/// # Panics
///
/// On an unknown function or malformed arguments: those are bugs in the
/// vectors or the driver, not outcomes to compare.
pub fn evaluate(function: &str, args: &[Arg]) -> Outcome {
    let f = |i| float(args, i);
    let result: Result<f64, Error> = match function {
        "cagr" => growth::cagr(f(0), f(1), f(2)),
        "project" => growth::project(f(0), f(1), f(2)),
        "years_to_reach" => growth::years_to_reach(f(0), f(1), f(2)),
        "annualize" => growth::annualize(f(0), f(1)),
        "cumulate" => growth::cumulate(f(0), f(1)),
        "implied_previous" => growth::implied_previous(f(0), f(1)),
        "doubling_time" => growth::doubling_time(f(0)),
        "chain" | "chain[]" => {
            let rates: Vec<f64> = (0..args.len()).map(f).collect();
            growth::chain(&rates)
        }
        "cagr[]" => batch1(batch::cagr, f(0), f(1), f(2)),
        "project[]" => batch1(batch::project, f(0), f(1), f(2)),
        "years_to_reach[]" => batch1(batch::years_to_reach, f(0), f(1), f(2)),
        "annualize[]" => batch2(batch::annualize, f(0), f(1)),
        "cumulate[]" => batch2(batch::cumulate, f(0), f(1)),
        "implied_previous[]" => batch2(batch::implied_previous, f(0), f(1)),
        "doubling_time[]" => {
            let mut out = [0.0];
            batch::doubling_time(&[f(0)], &mut out, ErrorPolicy::Raise).map(|()| out[0])
        }
        "unit_convert" => Unit::parse(text(args, 0))
            .and_then(|from| Unit::parse(text(args, 1)).map(|to| (from, to)))
            .and_then(|(from, to)| from.convert(f(2), to)),
        "catalog_get" => {
            return match catalog::embedded().get(text(args, 0)) {
                Ok(ind) => Outcome::Text(format!(
                    "{}|{}|{}|{}",
                    ind.name_zh(),
                    ind.name_en(),
                    ind.unit().zh(),
                    ind.figures().len()
                )),
                Err(e) => Outcome::Error(e.kind().as_str()),
            }
        }
        "catalog_figure" => {
            return match catalog::embedded().get(text(args, 0)) {
                Ok(ind) => {
                    let index = f(1);
                    let Some(fig) = ind.figures().get(index as usize) else {
                        panic!("figure {index} of {} is not in the catalog", ind.id());
                    };
                    Outcome::Text(figure_text(ind, fig))
                }
                Err(e) => Outcome::Error(e.kind().as_str()),
            };
        }
        "assess" => {
            return match xh_core::assess::evaluate_json(text(args, 0)) {
                Ok(answer) => Outcome::Text(answer),
                Err(e) => Outcome::Error(e.kind().as_str()),
            }
        }
        "outcome_verdict" => {
            return match outcome_verdict(text(args, 0), text(args, 1), text(args, 2)) {
                Ok(tag) => Outcome::Text(tag.to_owned()),
                Err(e) => Outcome::Error(e.kind().as_str()),
            }
        }
        "sdmx_csv" => {
            let mut cat = catalog::embedded().clone();
            let observations = text(args, 0);
            if !observations.is_empty() {
                if let Err(e) = cat.add_observations_sdmx_csv(observations) {
                    return Outcome::Error(e.kind().as_str());
                }
            }
            return Outcome::Text(cat.to_sdmx_csv());
        }
        "sdmx_structure" => return Outcome::Text(catalog::embedded().to_sdmx_structure()),
        "outcomes_sdmx_csv" => {
            return match published(text(args, 0)) {
                Ok(p) => Outcome::Text(p.to_sdmx_csv()),
                Err(e) => Outcome::Error(e.kind().as_str()),
            }
        }
        "implied_level" => Group::parse(text(args, 1)).and_then(|g| {
            catalog::embedded()
                .implied_target_level(text(args, 0), g)
                .map(|l| l.value)
        }),
        other => panic!("unknown function {other:?}"),
    };
    match result {
        Ok(v) => Outcome::Float(v),
        Err(e) => Outcome::Error(e.kind().as_str()),
    }
}

/// The published outcomes of `outcomes` (JSON, or "" for the embedded
/// outcomes), checked against the embedded catalog.
fn published(outcomes: &str) -> Result<std::borrow::Cow<'static, PublishedOutcomes>, Error> {
    Ok(if outcomes.is_empty() {
        std::borrow::Cow::Borrowed(xh_core::outcomes::try_embedded()?)
    } else {
        std::borrow::Cow::Owned(PublishedOutcomes::from_json(outcomes, catalog::embedded())?)
    })
}

/// The verdict tag of `id`'s target in `group` against `outcomes` (JSON,
/// or "" for the embedded outcomes).
fn outcome_verdict(outcomes: &str, id: &str, group: &str) -> Result<&'static str, Error> {
    let t = xh_core::outcomes::verdict_of(
        catalog::embedded(),
        &*published(outcomes)?,
        id,
        Group::parse(group)?,
    )?;
    Ok(t.verdict.tag())
}

/// `group|kind|value bits|unit|status|qualifier|price_basis|scope|universe|bound_text`
/// of a figure, the value as 16 hex digits of its IEEE-754 bits (empty for
/// a bound without a number).
fn figure_text(ind: &catalog::Indicator, fig: &catalog::Figure) -> String {
    [
        fig.group().as_str().to_owned(),
        fig.kind().as_str().to_owned(),
        fig.value()
            .map_or(String::new(), |v| format!("{:016x}", v.to_bits())),
        fig.unit().zh(),
        fig.status().as_str().to_owned(),
        fig.qualifier().as_str().to_owned(),
        fig.price_basis()
            .map_or(String::new(), |p| p.as_str().to_owned()),
        ind.scope().as_str().to_owned(),
        fig.universe().unwrap_or_default().to_owned(),
        fig.bound_text().unwrap_or_default().to_owned(),
    ]
    .join("|")
}
