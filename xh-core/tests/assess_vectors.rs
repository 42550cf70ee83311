//! Runs `tests/vectors/assess.json`, the language-neutral assessment
//! vectors (the Python and C bindings run the same file).

use serde_json::Value;
use xh_core::assess::{
    attainment_probability, deflate, destatis_weather, eurostat_ratio, unsd_progress, Deflator,
    Options, Outcome, Series, Target,
};
use xh_core::catalog::PriceBasis;

fn number_of<T>(o: &Outcome<T>, f: impl Fn(&T) -> (Option<String>, Option<f64>)) -> Value {
    match o {
        Outcome::Assessed(t) => {
            let (class, value) = f(t);
            serde_json::json!({"status": "assessed", "class": class, "value": value})
        }
        Outcome::InsufficientData {
            needed, available, ..
        } => {
            serde_json::json!({"status": "insufficient_data", "needed": needed, "available": available})
        }
        Outcome::NotApplicable { .. } => serde_json::json!({"status": "not_applicable"}),
    }
}

fn run(case: &Value) -> xh_core::Result<Value> {
    let target: Target = serde_json::from_value(case["target"].clone()).expect("target parses");
    let points: Vec<(i32, f64)> =
        serde_json::from_value(case["observed"].clone()).expect("observed parses");
    let mut series = Series::new(&points)?;
    if let Some(b) = case.get("price_basis") {
        let basis: PriceBasis = serde_json::from_value(b.clone()).expect("basis parses");
        series = series.with_price_basis(Some(basis));
    }
    if let Some(d) = case.get("deflator") {
        let d: Deflator = serde_json::from_value(d.clone()).expect("deflator parses");
        series = deflate(&series, &d)?;
    }
    let opts: Options = match case.get("options") {
        Some(o) => serde_json::from_value(o.clone()).expect("options parse"),
        None => Options::default(),
    };
    Ok(match case["method"].as_str().unwrap() {
        "eurostat" => number_of(&eurostat_ratio(&target, &series, &opts)?, |r| {
            (Some(r.class.as_str().to_owned()), r.ratio)
        }),
        "unsd" => number_of(&unsd_progress(&target, &series, &opts)?, |r| {
            (Some(r.class.as_str().to_owned()), r.score)
        }),
        "destatis" => number_of(&destatis_weather(&target, &series, &opts)?, |r| {
            (Some(r.class.as_str().to_owned()), r.deviation)
        }),
        "probability" => number_of(&attainment_probability(&target, &series, &opts)?, |r| {
            (None, r.closed_form)
        }),
        other => panic!("unknown method {other}"),
    })
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
