//! The published outcomes 2021–2025: the data file's promises (every value
//! printed in its quote, ids, units and years known, revisions flagged),
//! the verdict rules on hand-made files, the report's section 四 as a
//! snapshot, docs/outcomes.md up to date, and the corpus of malformed
//! outcomes files. (These read the repository around the crate, so the
//! published package leaves them out; so does the docs check at the end.)

use std::path::PathBuf;

use serde_json::Value;
use xh_core::catalog::{self, FigureKind, Group};
use xh_core::outcomes::{self, PublishedOutcomes, Verdict};
use xh_core::Error;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn every_published_value_is_printed_in_its_quote() {
    let published = outcomes::embedded();
    assert!(
        published.outcomes.len() >= 50,
        "{}",
        published.outcomes.len()
    );
    for o in published.outcomes.iter().chain(&published.context) {
        assert!(o.quote.contains(&o.value_text), "{o:?}");
        // The digits of the value as printed, unless it is a magnitude word.
        if o.value_text.chars().any(|c| c.is_ascii_digit()) {
            let digits: String = o
                .value_text
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            assert_eq!(digits.parse::<f64>().unwrap(), o.value.abs(), "{o:?}");
        } else {
            assert_eq!(
                (o.value_text.contains("千亿"), o.value),
                (true, 1000.0),
                "{o:?}"
            );
        }
        assert!((2020..=2025).contains(&o.period_end), "{o:?}");
        let source = published.source(&o.source).expect("known source");
        assert!(!source.address.is_empty());
    }
}

#[test]
fn ids_and_units_are_the_catalogs() {
    let cat = catalog::embedded();
    let published = outcomes::embedded();
    for o in &published.outcomes {
        let ind = cat.get(&o.indicator).unwrap();
        match o.kind {
            FigureKind::Growth | FigureKind::AverageGrowth => assert_eq!(o.unit.zh(), "%"),
            _ => {
                o.unit.convert(1.0, ind.unit()).unwrap();
            }
        }
    }
    for n in &published.searched_not_found {
        cat.get(&n.indicator).unwrap();
    }
    // Context figures are never a catalog indicator's own.
    for o in &published.context {
        assert!(o.scope.is_some(), "{o:?}");
    }
}

#[test]
fn a_2020_figure_from_a_later_source_revises_the_reports_estimate() {
    let cat = catalog::embedded();
    let published = outcomes::embedded();
    let of = |id: &str, kind: FigureKind| {
        published
            .of(id)
            .find(|o| o.period_end == 2020 && o.kind == kind)
            .unwrap()
    };
    // The report said 预计 2.5 % 左右 for 2020 GDP growth.
    let gdp = of("gdp", FigureKind::Growth);
    let revised = gdp
        .revises(cat)
        .expect("the report's 2020 growth was an estimate");
    assert_eq!(revised.value(), Some(2.5));
    // The report's 2020 budget revenue was already actual.
    assert!(of("budget_revenue", FigureKind::Level)
        .revises(cat)
        .is_none());
}

fn file(outcomes: &str) -> String {
    format!(
        r#"{{"schema_version": 1, "sources": [{{"id": "s", "title": "t", "publisher": "p",
        "date": "2026", "address": "file:t", "reliability": "official"}}], "outcomes": [{outcomes}]}}"#
    )
}

fn level(id: &str, year: i32, value: &str, qualifier: &str, quote: &str) -> String {
    format!(
        r#"{{"indicator": "{id}", "period_start": {year}, "period_end": {year}, "kind": "level",
        "value": {value}, "value_text": "{value}", "unit": "亿元", "status": "actual",
        "qualifier": "{qualifier}", "source": "s", "quote": "{quote}"}}"#
    )
}

fn verdict_of(text: &str, id: &str, group: Group) -> outcomes::TargetTrack {
    let cat = catalog::embedded();
    let published = PublishedOutcomes::from_json(text, cat).unwrap();
    outcomes::track(cat, &published)
        .into_iter()
        .find(|t| t.indicator == id && t.target.group() == group)
        .unwrap()
}

#[test]
fn a_bound_decides_only_when_the_whole_interval_does() {
    // 15 % a year from 350 implies 703.975 in 2025.
    let ai = |value: &str, q: &str| {
        let text = file(&level(
            "ai_output",
            2025,
            value,
            q,
            &format!("总产出{value}亿元"),
        ));
        verdict_of(&text, "ai_output", Group::Fyp14Targets).verdict
    };
    assert_eq!(ai("1000", "more_than"), Verdict::Achieved);
    assert_eq!(ai("704", "exact"), Verdict::Achieved);
    assert_eq!(ai("703", "exact"), Verdict::NotAchieved);
    // More than 600: anywhere from 600 up, so the target may or may not be met.
    let lo = xh_core::cagr(350.0, 600.0, 5.0).unwrap();
    assert_eq!(
        ai("600", "more_than"),
        Verdict::Undetermined {
            lower: Some(lo),
            upper: None
        }
    );
    // At most 600: below 703.975 whatever it is.
    assert_eq!(ai("600", "at_most"), Verdict::NotAchieved);
}

#[test]
fn growth_is_derived_from_levels_only_at_current_prices() {
    // Budget revenue (current prices), 2021 target ≈ 5 %: from 198.1 to 220.54.
    let text = file(&level(
        "budget_revenue",
        2021,
        "220.54",
        "exact",
        "收入220.54亿元",
    ));
    let t = verdict_of(&text, "budget_revenue", Group::Plan2021);
    assert_eq!(t.verdict, Verdict::Achieved);
    let x = t.measured.unwrap();
    assert_eq!(x.lower, Some(xh_core::cagr(198.1, 220.54, 1.0).unwrap()));
    // GDP's growth target is at comparable prices: levels cannot stand in.
    let text = file(&level("gdp", 2021, "2300", "exact", "生产总值2300亿元"));
    let t = verdict_of(&text, "gdp", Group::Plan2021);
    assert!(
        matches!(t.verdict, Verdict::NotAssessed { .. }),
        "{:?}",
        t.verdict
    );
}

#[test]
fn every_year_bounds_fail_on_one_published_breach() {
    let rate = |year: i32, v: &str| {
        format!(
            r#"{{"indicator": "urban_unemployment_rate", "period_start": {year}, "period_end": {year},
            "kind": "level", "value": {v}, "value_text": "{v}%", "unit": "%", "status": "actual",
            "qualifier": "exact", "source": "s", "quote": "失业率{v}%"}}"#
        )
    };
    let t = verdict_of(
        &file(&rate(2022, "5.8")),
        "urban_unemployment_rate",
        Group::Fyp14Targets,
    );
    assert_eq!(t.verdict, Verdict::NotAchieved);
    let t = verdict_of(
        &file(&rate(2022, "4.8")),
        "urban_unemployment_rate",
        Group::Fyp14Targets,
    );
    assert_eq!(t.verdict, Verdict::NoPublishedFigure);
    assert!(t.interim.unwrap().contains("2022"));
    let all: Vec<String> = (2021..=2025).map(|y| rate(y, "5.0")).collect();
    let t = verdict_of(
        &file(&all.join(",")),
        "urban_unemployment_rate",
        Group::Fyp14Targets,
    );
    assert_eq!(t.verdict, Verdict::Achieved);
}

#[test]
fn the_embedded_verdicts_rest_on_the_published_figures() {
    let tracks = outcomes::track(catalog::embedded(), outcomes::embedded());
    let find = |id: &str, group: Group| {
        tracks
            .iter()
            .find(|t| t.indicator == id && t.target.group() == group)
            .unwrap()
    };
    let ai = find("ai_output", Group::Fyp14Targets);
    assert_eq!(ai.verdict, Verdict::Achieved);
    assert!(ai.preliminary, "突破千亿 was published as preliminary");
    assert!(ai
        .evidence
        .iter()
        .all(|o| o.indicator == "ai_output" && o.period_end == 2025));
    // Every verdict other than "no published figure" rests on evidence or
    // says why not.
    for t in &tracks {
        match &t.verdict {
            Verdict::NoPublishedFigure => assert!(t.measured.is_none()),
            Verdict::NotAssessed { reason } => assert!(!reason.is_empty()),
            _ => assert!(t.measured.is_some(), "{}", t.indicator),
        }
    }
    assert!(tracks.len() >= 40);
}

#[test]
fn published_levels_load_as_observations() {
    let published = outcomes::embedded();
    let mut cat = catalog::embedded().clone();
    let obs = published.observations();
    let n = cat.add_observations(&obs).unwrap();
    assert_eq!(n, obs.len());
    // One per indicator and year, and no bound among them.
    let budget_2022: Vec<_> = obs
        .iter()
        .filter(|o| o.id == "budget_revenue" && o.year == 2022)
        .collect();
    assert_eq!(budget_2022.len(), 1);
}

/// Compares `actual` with the committed file, or rewrites the file when
/// `XH_UPDATE_SNAPSHOTS` is set.
fn snapshot(path: PathBuf, actual: &str) {
    if std::env::var_os("XH_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} is stale: rerun with XH_UPDATE_SNAPSHOTS=1 and review the diff",
        path.display()
    );
}

#[test]
fn section_four_matches_its_snapshot() {
    let text = outcomes::render_section(catalog::embedded(), outcomes::embedded());
    snapshot(
        root().join("xh-core/tests/snapshots/outcomes_section.txt"),
        &text,
    );
    for line in text.lines() {
        assert!(!line.ends_with(' '), "trailing space: {line:?}");
    }
}

#[test]
fn docs_outcomes_md_is_generated_from_the_data() {
    let text = outcomes::render_markdown(catalog::embedded(), outcomes::embedded());
    snapshot(root().join("docs/outcomes.md"), &text);
}

#[test]
fn corpus_outcomes_files_load_or_fail_as_the_manifest_says() {
    let dir = root().join("tests/corpus/outcomes");
    let manifest: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert!(manifest.len() >= 10);
    for entry in &manifest {
        let name = entry["file"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let result = PublishedOutcomes::from_json(&text, catalog::embedded());
        match (entry["expect"].as_str().unwrap(), result) {
            ("ok", Ok(p)) => {
                assert_eq!(p.outcomes.len() as u64, entry["outcomes"].as_u64().unwrap())
            }
            (
                "error",
                Err(Error::InvalidCatalog {
                    entry: e,
                    field,
                    message,
                }),
            ) => {
                assert_eq!(e, entry["entry"].as_str().unwrap(), "{name}");
                assert_eq!(field, entry["field"].as_str().unwrap(), "{name}");
                assert!(
                    message.contains(entry["contains"].as_str().unwrap()),
                    "{name}: {message}"
                );
            }
            (want, got) => panic!("{name}: expected {want}, got {got:?}"),
        }
    }
}

#[test]
fn docs_quote_the_report_as_printed() {
    let root = root();
    for doc in ["README.md", "docs/methodology.md", "docs/catalog.md"] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        assert!(!text.contains("超过2000亿元"), "{doc}");
    }
}
