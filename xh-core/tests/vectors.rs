//! Runs the shared vectors in `tests/vectors/growth*.json` against xh-core.
//!
//! Expected values are an independent mpmath reference (see
//! `tests/tools/gen_growth_vectors.py`), rounded once to double. Each result
//! must be within `max_ulp` (default 2) of it, and each error case must fail
//! with the named kind.

use std::path::PathBuf;

use serde_json::Value;

#[path = "../examples/conformance/dispatch.rs"]
mod dispatch;

use dispatch::{evaluate, json_float as num, positional, Outcome};

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
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
    let mut worst = 0u64;
    for (i, case) in cases.iter().enumerate() {
        let function = case["function"].as_str().unwrap();
        let args = positional(function, &case["args"]);
        let mut check = |function: &str| {
            let got = evaluate(function, &args);
            if let Some(kind) = case.get("error") {
                if !matches!(&got, Outcome::Error(k) if *k == kind.as_str().unwrap()) {
                    failures.push(format!(
                        "#{i} {function}({}) expected error {kind}, got {got:?}",
                        case["args"]
                    ));
                }
            } else if let Some(parts) = case.get("expected_contains") {
                let ok = matches!(&got, Outcome::Text(t)
                    if parts.as_array().unwrap().iter().all(|p| t.contains(p.as_str().unwrap())));
                if !ok {
                    failures.push(format!("#{i} {function}: {got:?} lacks one of {parts}"));
                }
            } else if let Some(text) = case.get("expected_text") {
                if got != Outcome::Text(text.as_str().unwrap().to_owned()) {
                    failures.push(format!(
                        "#{i} {function}({}) = {got:?}, expected {text}",
                        case["args"]
                    ));
                }
            } else {
                let expected = num(&case["expected"]);
                let max_ulp = case.get("max_ulp").and_then(Value::as_u64).unwrap_or(2);
                if let Outcome::Float(v) = got {
                    if max_ulp == 2 {
                        worst = worst.max(ulp_distance(v, expected));
                    }
                }
                match got {
                    Outcome::Float(v) if ulp_distance(v, expected) <= max_ulp => {}
                    Outcome::Float(v) => failures.push(format!(
                        "#{i} {function}({}) = {v:e}, expected {expected:e} ({} ulp > {max_ulp})",
                        case["args"],
                        ulp_distance(v, expected)
                    )),
                    other => {
                        failures.push(format!("#{i} {function}({}) gave {other:?}", case["args"]))
                    }
                }
            }
        };
        check(function);
        // Element-wise growth functions also go through the batch kernel.
        if GROWTH_ELEMENTWISE.contains(&function) {
            check(&format!("{function}[]"));
        }
    }
    eprintln!("{name}: max {worst} ulp over the cases with the default 2-ulp bound");
    assert!(
        failures.is_empty(),
        "{} of {} cases in {name} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

const GROWTH_ELEMENTWISE: [&str; 7] = [
    "cagr",
    "project",
    "years_to_reach",
    "annualize",
    "cumulate",
    "implied_previous",
    "doubling_time",
];

#[test]
fn handpicked_vectors() {
    assert!(run_file("growth.json") >= 60);
}

#[test]
fn generated_edge_vectors() {
    assert!(run_file("growth_edge.json") >= 200);
}

#[test]
fn exponent_limit_and_exact_chain_vectors() {
    assert!(run_file("growth_exact.json") >= 150);
}

#[test]
fn unit_vectors() {
    assert!(run_file("units.json") >= 30);
}

#[test]
fn catalog_vectors() {
    assert!(run_file("catalog.json") >= 100);
}

#[test]
fn sdmx_vectors() {
    assert!(run_file("sdmx.json") >= 10);
}

#[test]
fn ulp_distance_counts_across_zero() {
    assert_eq!(ulp_distance(1.0, 1.0), 0);
    assert_eq!(ulp_distance(1.0, f64::from_bits(1.0f64.to_bits() + 2)), 2);
    assert_eq!(ulp_distance(-0.0, 0.0), 0);
    assert_eq!(ulp_distance(-5e-324, 5e-324), 2);
}

#[test]
fn outcome_vectors() {
    assert!(run_file("outcomes.json") >= 20);
}
