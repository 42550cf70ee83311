//! The malformed-data corpus in `tests/corpus/` (see its manifest.json):
//! each file loads as expected or is rejected naming line and column, and a
//! rejected load never changes the catalog.

use std::path::PathBuf;

use serde_json::Value;
use xh_core::catalog::{self, Catalog};
use xh_core::{Error, ErrorKind};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus")
}

fn load(cat: &mut Catalog, format: &str, bytes: &[u8]) -> Result<usize, Error> {
    match format {
        "csv" => cat.add_observations_csv_bytes(bytes),
        "json" => cat.add_observations_json_bytes(bytes),
        "sdmx-csv" => cat.add_observations_sdmx_csv_bytes(bytes),
        other => panic!("unknown format {other}"),
    }
}

#[test]
fn corpus_files_behave_as_the_manifest_says() {
    let manifest: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("manifest.json")).unwrap())
            .unwrap();
    assert!(manifest.iter().filter(|e| e["expect"] == "error").count() >= 30);
    assert!(
        manifest
            .iter()
            .filter(|e| e["expect"] == "error" && e["format"] == "sdmx-csv")
            .count()
            >= 25
    );
    let pristine = catalog::embedded();
    let mut failures = Vec::new();
    for entry in &manifest {
        let file = entry["file"].as_str().unwrap();
        let bytes = std::fs::read(corpus().join(file)).unwrap();
        let mut cat = pristine.clone();
        let result = load(&mut cat, entry["format"].as_str().unwrap(), &bytes);
        match (entry["expect"].as_str().unwrap(), result) {
            ("ok", Ok(n)) if n as u64 == entry["rows"].as_u64().unwrap() => {}
            ("error", Err(Error::InvalidObservations { problems })) => {
                let first = &entry["first"];
                let p = &problems[0];
                let want = (
                    first["line"].as_u64().unwrap() as usize,
                    first["column"].as_u64().unwrap() as usize,
                );
                if problems.len() as u64 != entry["problems"].as_u64().unwrap()
                    || (p.line, p.column) != want
                    || !p.message.contains(first["contains"].as_str().unwrap())
                {
                    failures.push(format!("{file}: got {problems:?}, expected {entry}"));
                }
                if &cat != pristine {
                    failures.push(format!("{file}: a rejected load changed the catalog"));
                }
            }
            (_, other) => failures.push(format!("{file}: got {other:?}, expected {entry}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn huge_files() {
    // ~20 000 valid rows (every indicator × 150 years) load.
    let cat0 = catalog::embedded();
    let mut csv = String::from("id,year,value\n");
    for ind in cat0.indicators() {
        for year in 1950..2100 {
            csv.push_str(&format!("{},{year},{}\n", ind.id(), year % 97 + 1));
        }
    }
    let rows = csv.lines().count() - 1;
    let mut cat = cat0.clone();
    assert_eq!(cat.add_observations_csv(&csv).unwrap(), rows);

    // 200 000 rows with one bad row at the end: rejected, naming that line.
    let mut big = String::from("id,year,value\n");
    for i in 0..200_000 {
        big.push_str(&format!("ai_output,{},{}\n", 1950 + i % 150, i));
    }
    let mut cat = cat0.clone();
    let err = cat.add_observations_csv(&big).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidObservations);
    // Duplicate years from the 151st row on; the message lists 10 and counts the rest.
    assert!(
        err.to_string()
            .contains("line 152 column 2: duplicate observation"),
        "{}",
        &err.to_string()[..200]
    );
    assert!(err.to_string().contains("and 199840 more"));
    assert_eq!(&cat, cat0);
}
