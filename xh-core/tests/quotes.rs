//! Every quote of the embedded catalog is in the report text, which the
//! crate keeps as source data in `data/source/` (with its provenance).

use std::path::PathBuf;

use xh_core::catalog;

fn report_text() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/source/000_76b4af1a480cb2cd.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the report text must sit at {}: {e}", path.display()))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_quote_is_in_the_report_verbatim() {
    let report = squeeze(&report_text());
    let cat = catalog::embedded();
    let missing: Vec<String> = cat
        .figures()
        .filter(|(_, f)| !report.contains(&squeeze(f.quote())))
        .map(|(i, f)| format!("{}: {:?}", i.id(), f.quote()))
        .collect();
    assert!(
        missing.is_empty(),
        "quotes not in the report:\n{}",
        missing.join("\n")
    );
}
