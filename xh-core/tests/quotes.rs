//! Every quote of the embedded catalog is in the report text, which sits
//! outside the crate (the repository's `../shared/seed/`); this test is
//! therefore not part of the published package.

use std::path::PathBuf;

use xh_core::catalog;

fn report_text() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/seed/000_76b4af1a480cb2cd.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the report text must sit at {} (the repository's ../shared): {e}",
            path.display()
        )
    })
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
