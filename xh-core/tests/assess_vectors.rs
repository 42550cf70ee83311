//! Runs `tests/vectors/assess.json`, the language-neutral assessment
//! vectors (the Python and C bindings run the same file).

use serde_json::Value;
use xh_core::assess::{evaluate, Request};

/// A case is a [`Request`] plus `name` and `expected`; running it goes
/// through the same entry point the Python and C bindings use.
fn run(case: &Value) -> xh_core::Result<Value> {
    let request: Request = serde_json::from_value(case.clone()).expect("case is a request");
    evaluate(&request)
}

#[test]
fn assess_vectors() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/assess.json"
    ))
    .unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let expected = &case["expected"];
        match (run(case), expected.get("error")) {
            (Err(e), Some(kind)) => {
                if e.kind().as_str() != kind.as_str().unwrap() {
                    failures.push(format!("{name}: error {} ({e}), expected {kind}", e.kind()));
                }
            }
            (Err(e), None) => failures.push(format!("{name}: unexpected error {e}")),
            (Ok(got), Some(kind)) => {
                failures.push(format!("{name}: got {got}, expected error {kind}"))
            }
            (Ok(got), None) => {
                for key in ["status", "class", "needed", "available"] {
                    if let Some(want) = expected.get(key) {
                        if &got[key] != want {
                            failures.push(format!("{name}: {key} {} != {want}", got[key]));
                        }
                    }
                }
                if let Some(want) = expected.get("value").and_then(Value::as_f64) {
                    match got["value"].as_f64() {
                        Some(v) if (v - want).abs() <= 1e-12 * want.abs().max(1.0) => {}
                        other => failures.push(format!("{name}: value {other:?} != {want}")),
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
