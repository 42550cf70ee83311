//! Runs the shared vectors in `tests/vectors/growth*.json` against xh-core.
//!
//! Expected values are an independent mpmath reference (see
//! `tests/tools/gen_growth_vectors.py`), rounded once to double. Each result
//! must be within `max_ulp` (default 2) of it, and each error case must fail
//! with the named kind.

use std::path::PathBuf;

use serde_json::Value;
use xh_core::{growth, Error};

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn num(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().expect("number"),
        Value::String(s) => match s.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            other => panic!("bad float string {other}"),
        },
        other => panic!("not a float: {other}"),
    }
}

fn call(function: &str, args: &Value) -> Result<f64, Error> {
    let a = |k: &str| num(&args[k]);
    match function {
        "cagr" => growth::cagr(a("start"), a("end"), a("years")),
        "project" => growth::project(a("start"), a("rate"), a("years")),
        "years_to_reach" => growth::years_to_reach(a("start"), a("target"), a("rate")),
        "annualize" => growth::annualize(a("cumulative_change"), a("years")),
        "cumulate" => growth::cumulate(a("rate"), a("years")),
        "implied_previous" => growth::implied_previous(a("current"), a("growth")),
        "doubling_time" => growth::doubling_time(a("rate")),
        "chain" => {
            let rates: Vec<f64> = args["rates"].as_array().unwrap().iter().map(num).collect();
            growth::chain(&rates)
        }
        other => panic!("unknown function {other}"),
    }
}

/// Distance in units in the last place, counting across zero.
fn ulp_distance(a: f64, b: f64) -> u64 {
    fn key(x: f64) -> i64 {
        let bits = x.to_bits() as i64;
        if bits < 0 {
            i64::MIN - bits
        } else {
            bits
        }
    }
    key(a).abs_diff(key(b))
}

fn run_file(name: &str) -> usize {
    let text = std::fs::read_to_string(vectors_dir().join(name)).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let function = case["function"].as_str().unwrap();
        let got = call(function, &case["args"]);
        if let Some(kind) = case.get("error") {
            match &got {
                Err(e) if e.kind().as_str() == kind.as_str().unwrap() => {}
                other => failures.push(format!(
                    "#{i} {function}({}) expected error {kind}, got {other:?}",
                    case["args"]
                )),
            }
        } else {
            let expected = num(&case["expected"]);
            let max_ulp = case.get("max_ulp").and_then(Value::as_u64).unwrap_or(2);
            match got {
                Ok(v) if ulp_distance(v, expected) <= max_ulp => {}
                Ok(v) => failures.push(format!(
                    "#{i} {function}({}) = {v:e}, expected {expected:e} ({} ulp > {max_ulp})",
                    case["args"],
                    ulp_distance(v, expected)
                )),
                Err(e) => failures.push(format!("#{i} {function}({}) failed: {e}", case["args"])),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases in {name} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn handpicked_vectors() {
    assert!(run_file("growth.json") >= 60);
}

#[test]
fn generated_edge_vectors() {
    assert!(run_file("growth_edge.json") >= 200);
}

#[test]
fn ulp_distance_counts_across_zero() {
    assert_eq!(ulp_distance(1.0, 1.0), 0);
    assert_eq!(ulp_distance(1.0, f64::from_bits(1.0f64.to_bits() + 2)), 2);
    assert_eq!(ulp_distance(-0.0, 0.0), 0);
    assert_eq!(ulp_distance(-5e-324, 5e-324), 2);
}
