//! The embedded catalog: sourcing, completeness, kinds, scope, price basis,
//! cross-checks, exports, user data.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;
use xh_core::assess::{self, Options, Target};
use xh_core::catalog::{
    self, Catalog, FigureFilter, FigureKind, Group, PriceBasis, Qualifier, Scope, Status,
};
use xh_core::plan::{self, RequiredPace};
use xh_core::{Dimension, ErrorKind, PercentagePoints, Share};

fn report_text() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/source/000_76b4af1a480cb2cd.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the report text must sit at {}: {e}", path.display()))
}

fn left_out() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/gwr2021_left_out.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A number as the report prints it: `350`, `85.75`.
fn printed(v: f64) -> String {
    let v = v.abs();
    if v == v.trunc() {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// Words that print a value without digits, with the value they print.
const WORD_VALUES: [(&str, f64); 7] = [
    ("第一", 1.0),
    ("第二名", 2.0),
    ("十佳", 10.0),
    ("全覆盖", 100.0),
    ("破亿", 1.0),
    ("近万", 1.0),
    ("全面消除", 0.0),
];

/// Byte ranges of every occurrence of `needle` in `haystack`.
fn occurrences(haystack: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    haystack
        .match_indices(needle)
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

/// The nearest char boundary at or before `i` (rust-version 1.89 has no
/// `str::floor_char_boundary`).
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `i`.
fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Every decimal number printed in Arabic digits, with its byte range.
fn numbers(text: &str) -> Vec<(usize, usize, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || (b[i] == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            out.push((start, i, text[start..i].to_owned()));
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn every_value_is_printed_in_its_quote() {
    // Guards against typos in the data file: the number (as printed, without
    // sign, or the words that print it: 第一, 全覆盖, 破亿 …) must appear in
    // the sentence it was read from, and so must the bound of a figure
    // without a number and the peer group of a rank.
    let cat = catalog::embedded();
    let mut wrong = Vec::new();
    for (i, f) in cat.figures() {
        let quote = squeeze(f.quote());
        match f.value() {
            Some(v) => {
                let as_word = WORD_VALUES
                    .iter()
                    .any(|(w, wv)| *wv == v.abs() && quote.contains(w));
                if !quote.contains(&printed(v)) && !as_word {
                    wrong.push(format!("{} {v} not in {quote:?}", i.id()));
                }
            }
            None => {
                let bound = f.bound_text().unwrap_or_default();
                if bound.is_empty() || !quote.contains(bound) {
                    wrong.push(format!("{} bound {bound:?} not in {quote:?}", i.id()));
                }
            }
        }
        if let Some(u) = f.universe() {
            if !quote.contains(u) {
                wrong.push(format!("{} universe {u:?} not in {quote:?}", i.id()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_number_of_the_report_is_catalogued_or_left_out_with_a_reason() {
    // "Every figure in the report": each number printed in Arabic digits is
    // the value (or a year of the period) of a figure whose quote contains
    // it, or lies in an excerpt of data/gwr2021_left_out.json, which says
    // why it is not a figure. Rankings (…第一) and 全覆盖 statements are
    // checked the same way.
    let report = squeeze(&report_text());
    let cat = catalog::embedded();
    let mut accepted: Vec<BTreeSet<String>> = vec![BTreeSet::new(); report.len()];
    let mut word_covered = vec![false; report.len()];
    for (_, f) in cat.figures() {
        let mut ok: BTreeSet<String> = [f.year_start(), f.year_end()]
            .iter()
            .map(|y| y.to_string())
            .collect();
        if let Some(v) = f.value() {
            ok.insert(printed(v));
        }
        let wordy = matches!(f.kind(), FigureKind::Rank | FigureKind::Coverage)
            || f.value().is_some_and(|v| v == 0.0 || v == 1.0);
        for (s, e) in occurrences(&report, &squeeze(f.quote())) {
            for slot in &mut accepted[s..e] {
                slot.extend(ok.iter().cloned());
            }
            if wordy {
                word_covered[s..e].iter_mut().for_each(|c| *c = true);
            }
        }
    }
    let doc = left_out();
    let reasons = doc["reasons"].as_object().unwrap();
    let mut excused = vec![false; report.len()];
    let mut unused = Vec::new();
    for entry in doc["left_out"].as_array().unwrap() {
        let excerpt = squeeze(entry["excerpt"].as_str().unwrap());
        let reason = entry["reason"].as_str().unwrap();
        assert!(reasons.contains_key(reason), "{excerpt}: reason {reason}");
        let found = occurrences(&report, &excerpt);
        assert!(
            !found.is_empty(),
            "left-out excerpt not in the report: {excerpt}"
        );
        let has_number = !numbers(&excerpt).is_empty();
        if !has_number {
            unused.push(excerpt.clone());
        }
        for (s, e) in found {
            excused[s..e].iter_mut().for_each(|c| *c = true);
        }
    }
    assert!(
        unused.is_empty(),
        "left-out excerpts without a number: {unused:?}"
    );
    let context = |s: usize, e: usize| {
        let start = floor_boundary(&report, s.saturating_sub(30));
        let end = ceil_boundary(&report, (e + 12).min(report.len()));
        report[start..end].to_owned()
    };
    let mut missed = Vec::new();
    for (s, e, n) in numbers(&report) {
        let catalogued = accepted[s..e].iter().all(|ok| ok.contains(&n));
        let is_excused = excused[s..e].iter().all(|&x| x);
        if !catalogued && !is_excused {
            missed.push(format!("{n} in …{}…", context(s, e)));
        }
    }
    for word in [
        "全覆盖",
        "第一",
        "第二名",
        "十佳",
        "破亿",
        "近万",
        "全面消除",
    ] {
        for (s, e) in occurrences(&report, word) {
            let prefix = &report[floor_boundary(&report, s.saturating_sub(30))..s];
            let ranking =
                word != "第一" || ["位居", "排名", "位列"].iter().any(|r| prefix.contains(r));
            if ranking && !word_covered[s..e].iter().all(|&x| x) {
                // 提升全覆盖、全过程、全天候城区治理能力 is an aspiration, not
                // a statement of coverage.
                if !report[e..].starts_with("、全过程") {
                    missed.push(format!("{word} in …{}…", context(s, e)));
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} numbers neither catalogued nor left out:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

#[test]
fn coverage_of_all_groups() {
    let cat = catalog::embedded();
    let mut per_group: BTreeMap<Group, usize> = BTreeMap::new();
    for (_, f) in cat.figures() {
        *per_group.entry(f.group()).or_default() += 1;
    }
    let total: usize = per_group.values().sum();
    assert!(total >= 190, "only {total} figures");
    for g in [
        Group::Results2020,
        Group::Fyp13Record,
        Group::Fyp14Targets,
        Group::Plan2021,
        Group::Glossary,
    ] {
        assert!(
            per_group.get(&g).copied().unwrap_or(0) >= 5,
            "{g}: {per_group:?}"
        );
    }
}

#[test]
fn fourteenth_plan_indicators_are_all_there() {
    let cat = catalog::embedded();
    use FigureKind::*;
    use Qualifier::*;
    let expect = [
        ("gdp", AverageGrowth, 5.0, About),
        ("rd_intensity", Level, 9.0, Exact),
        ("patents_per_10k", Level, 120.0, Exact),
        ("ai_output", AverageGrowth, 15.0, Exact),
        ("life_health_output", AverageGrowth, 9.0, Exact),
        ("mnc_regional_hq", GrossAddition, 20.0, Exact),
        ("services_revenue", AverageGrowth, 5.0, Exact),
        ("retail_sales", AverageGrowth, 3.0, Exact),
        ("online_service_rate", Level, 90.0, Exact),
        ("private_hq_new", CumulativeAmount, 5.0, Exact),
        ("urban_unemployment_rate", LevelEachYear, 5.5, AtMost),
        ("housing_renovation", CumulativeAmount, 260.0, Exact),
        ("enrollment_rate", LevelEachYear, 100.0, Exact),
        ("life_expectancy_residents", Level, 85.0, AtLeast),
        ("green_walkways", CumulativeAmount, 15.0, Exact),
        ("green_coverage_rate", Level, 32.0, Exact),
        ("beautiful_blocks_coverage", Level, 45.0, Exact),
        ("public_safety_index", Level, 90.0, AtLeast),
    ];
    for (id, kind, value, qualifier) in expect {
        let ind = cat.get(id).unwrap();
        let t = ind
            .targets()
            .find(|f| f.group() == Group::Fyp14Targets)
            .unwrap_or_else(|| panic!("{id} has no 14th FYP target"));
        assert_eq!(
            (t.kind(), t.value(), t.qualifier()),
            (kind, Some(value), qualifier),
            "{id}"
        );
        assert_eq!(t.year_end(), 2025, "{id}");
    }
    // The report prints 18 five-year targets of the 22 main indicators; the
    // count's note lists exactly those 18.
    let targets: BTreeSet<&str> = cat
        .figures_where(&FigureFilter {
            group: Some(Group::Fyp14Targets),
            status: Some(Status::Target),
            ..FigureFilter::default()
        })
        .iter()
        .map(|(i, _)| i.id())
        .collect();
    assert_eq!(targets.len(), 18);
    let expected: BTreeSet<&str> = expect.iter().map(|e| e.0).collect();
    assert_eq!(targets, expected);
    let count = cat.get("fyp14_main_indicators").unwrap().figures()[0].clone();
    assert_eq!(
        (count.value(), count.status(), count.quote()),
        (Some(22.0), Status::Actual, "拟定了22个经济社会发展主要指标")
    );
    let note = count.note().unwrap();
    let listed = cat
        .indicators()
        .iter()
        .filter(|i| note.contains(i.id()) && !note.contains(&format!("{}_", i.id())))
        .map(|i| i.id())
        .collect::<BTreeSet<_>>();
    assert_eq!(listed, expected, "{note}");
}

#[test]
fn the_eight_main_2021_indicators() {
    // 今年经济社会发展主要预期指标: eight, one of them a bound without a number.
    let cat = catalog::embedded();
    let main: Vec<(&str, Option<f64>, Qualifier)> = cat
        .figures()
        .filter(|(_, f)| {
            f.group() == Group::Plan2021
                && f.status() == Status::Target
                && f.section().ends_with("主要预期指标")
        })
        .map(|(i, f)| (i.id(), f.value(), f.qualifier()))
        .collect();
    assert_eq!(
        main,
        vec![
            ("gdp", Some(6.0), Qualifier::AtLeast),
            ("budget_revenue", Some(5.0), Qualifier::About),
            ("fixed_asset_investment", Some(10.0), Qualifier::Exact),
            ("services_revenue", Some(5.0), Qualifier::Exact),
            ("retail_sales", Some(3.0), Qualifier::Exact),
            ("industrial_output", Some(530.0), Qualifier::AtLeast),
            ("registered_urban_unemployed", None, Qualifier::AtMost),
            ("park_green_area", Some(10.0), Qualifier::Exact),
        ]
    );
    let t = |id: &str| {
        cat.get(id)
            .unwrap()
            .targets()
            .find(|f| f.group() == Group::Plan2021)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    assert_eq!(t("youth_employment_assisted").value(), Some(680.0));
    assert_eq!(t("new_public_charging_piles").value(), Some(300.0));
    assert_eq!(t("new_public_parking_spaces").value(), Some(2000.0));
    assert_eq!(
        (
            t("elevator_installation").value(),
            t("elevator_installation").qualifier()
        ),
        (Some(100.0), Qualifier::AtLeast)
    );
    assert_eq!(t("water_quality_class3_share").value(), Some(70.0));
}

#[test]
fn a_bound_without_a_number_is_modelled_and_handled_everywhere() {
    let cat = catalog::embedded();
    let ind = cat.get("registered_urban_unemployed").unwrap();
    assert_eq!(ind.figures().len(), 2);
    for f in ind.figures() {
        assert_eq!((f.value(), f.base_value()), (None, None));
        assert_eq!(f.qualifier(), Qualifier::AtMost);
        assert!(f.bound_text().unwrap().starts_with("市政府下达"));
        let err = f.try_value().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(err.to_string().contains("at most 市政府下达"), "{err}");
    }
    let target = ind.targets().next().unwrap();
    assert_eq!(target.bound_text(), Some("市政府下达的指标数"));
    // Not assessable; the assessment says why rather than computing with it.
    assert_eq!(ind.assessable_targets().count(), 0);
    let err = Target::from_figure(ind, target).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("no number"), "{err}");
    assert!(
        assess::assess_group(cat, Group::Plan2021, &BTreeMap::new(), &Options::default())
            .iter()
            .all(|(id, _)| id != "registered_urban_unemployed")
    );
    // Listed by the plan, with no pace.
    let row = plan::targets(cat, Group::Plan2021)
        .into_iter()
        .find(|r| r.id == "registered_urban_unemployed")
        .unwrap();
    assert_eq!(
        (row.implied_end, row.required),
        (None, RequiredPace::Unknown)
    );
    // Exported without a number: an empty cell, a JSON null, never NaN.
    let rows = cat.flat_rows();
    let flat = rows
        .iter()
        .find(|r| r.id == "registered_urban_unemployed" && r.status == "target")
        .unwrap();
    assert_eq!((flat.value, flat.base_value), (None, None));
    assert_eq!(flat.bound_text, "市政府下达的指标数");
    let csv = cat.to_csv();
    let line = csv
        .lines()
        .find(|l| l.starts_with("registered_urban_unemployed,") && l.contains(",target,"))
        .unwrap();
    assert!(line.contains(",plan_2021,,人,,人,2021,2021,"), "{line}");
    let json: Value = serde_json::from_str(&cat.to_flat_json()).unwrap();
    let obj = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "registered_urban_unemployed")
        .unwrap();
    assert!(obj["value"].is_null() && obj["base_value"].is_null());
    let report = xh_core::report::render(cat);
    assert!(report.contains("≤ 市政府下达的指标数"), "{report}");
    for text in [&csv, &cat.to_flat_json(), &report, &cat.to_json()] {
        assert!(!text.contains("NaN"));
    }
}

#[test]
fn scope_keeps_shanghai_wide_figures_out_of_the_district_s_plan_and_assessment() {
    let cat = catalog::embedded();
    let municipal: BTreeSet<&str> = cat
        .indicators()
        .iter()
        .filter(|i| i.scope() == Scope::Municipal)
        .map(|i| i.id())
        .collect();
    assert_eq!(
        municipal,
        BTreeSet::from([
            "municipal_talent_policy_articles",
            "food_safety_demo_blocks",
            "online_food_demo_stores",
            "physical_food_demo_stores",
        ])
    );
    let stores = cat.get("physical_food_demo_stores").unwrap();
    let t = stores.targets().next().unwrap();
    assert_eq!(
        (t.value(), t.unit().zh(), t.base_value()),
        (Some(2.0), "万家".to_owned(), Some(20_000.0))
    );
    assert_eq!((t.year_end(), t.group()), (2025, Group::Glossary));
    for id in &municipal {
        let ind = cat.get(id).unwrap();
        assert_eq!(ind.own_targets().count(), 0, "{id}");
        assert_eq!(ind.assessable_targets().count(), 0, "{id}");
        for f in ind.targets() {
            let err = Target::from_figure(ind, f).unwrap_err();
            assert!(err.to_string().contains("municipal target"), "{err}");
        }
    }
    for group in [Group::Glossary, Group::Plan2021, Group::Fyp14Targets] {
        assert!(plan::targets(cat, group)
            .iter()
            .all(|r| !municipal.contains(r.id.as_str())));
        assert!(
            assess::assess_group(cat, group, &BTreeMap::new(), &Options::default())
                .iter()
                .all(|(id, _)| !municipal.contains(id.as_str()))
        );
    }
    let flat = cat.flat_rows();
    assert!(flat
        .iter()
        .all(|r| (r.scope == "municipal") == municipal.contains(r.id.as_str())));
    assert!(xh_core::report::render(cat).contains("食品经营实体示范店"));

    // The plan-consistency check and the assessment honour a scope the data
    // file gives: mark retail sales (≈3 % a year, 3 % in 2021) municipal.
    let before = plan::consistency_2021(cat);
    assert!(before.iter().any(|c| c.id == "retail_sales"));
    let text = catalog::EMBEDDED_JSON.replacen(
        "\"category\": \"economy\",\n      \"unit\": \"亿元\",\n      \"polarity\": \"higher\",\n      \"price_basis\": \"current\",\n      \"figures\": [\n        {\n          \"group\": \"fyp14_targets\",\n          \"section\": \"二、关于《纲要(草案)》的说明 (二) “十四五”时期的主要任务\",\n          \"kind\": \"average_growth\",\n          \"value\": 3,",
        "\"category\": \"economy\",\n      \"scope\": \"municipal\",\n      \"unit\": \"亿元\",\n      \"polarity\": \"higher\",\n      \"price_basis\": \"current\",\n      \"figures\": [\n        {\n          \"group\": \"fyp14_targets\",\n          \"section\": \"二、关于《纲要(草案)》的说明 (二) “十四五”时期的主要任务\",\n          \"kind\": \"average_growth\",\n          \"value\": 3,",
        1,
    );
    let shifted = Catalog::from_json(&text).unwrap();
    assert_eq!(
        shifted.get("retail_sales").unwrap().scope(),
        Scope::Municipal
    );
    let after = plan::consistency_2021(&shifted);
    assert_eq!(after.len() + 1, before.len());
    assert!(after.iter().all(|c| c.id != "retail_sales"));
    assert!(plan::fyp14_targets(&shifted)
        .iter()
        .all(|r| r.id != "retail_sales"));
    assert!(assess::assess_group(
        &shifted,
        Group::Fyp14Targets,
        &BTreeMap::new(),
        &Options::default()
    )
    .iter()
    .all(|(id, _)| id != "retail_sales"));
    let scoped = shifted.figures_where(&FigureFilter {
        scope: Some(Scope::Municipal),
        ..FigureFilter::default()
    });
    assert!(scoped.iter().any(|(i, _)| i.id() == "retail_sales"));
}

#[test]
fn ranks_and_coverage_are_figures() {
    let cat = catalog::embedded();
    let ranks: Vec<(&str, f64, Qualifier, &str)> = cat
        .figures()
        .filter(|(_, f)| f.kind() == FigureKind::Rank)
        .map(|(i, f)| {
            (
                i.id(),
                f.value().unwrap(),
                f.qualifier(),
                f.universe().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranks,
        vec![
            (
                "new_fie_registered_capital",
                1.0,
                Qualifier::Exact,
                "中心城区"
            ),
            ("foreign_hq_institutions", 1.0, Qualifier::Exact, "中心城区"),
            ("smart_city_index", 1.0, Qualifier::Exact, "中心城区"),
            ("patents_per_10k", 1.0, Qualifier::Exact, "全市"),
            (
                "innovation_base_evaluation",
                2.0,
                Qualifier::Exact,
                "全国区域类城区组"
            ),
            ("life_expectancy", 1.0, Qualifier::Exact, "全市"),
            (
                "eldercare_institution_quality",
                1.0,
                Qualifier::Exact,
                "全市"
            ),
            (
                "home_eldercare_pilot_evaluation",
                10.0,
                Qualifier::AtMost,
                "全国第五批居家和社区养老服务改革试点"
            ),
        ]
    );
    for (_, f) in cat.figures().filter(|(_, f)| f.kind() == FigureKind::Rank) {
        assert_eq!(f.unit().dimension(), Dimension::Rank);
        assert_eq!(f.price_basis(), None);
    }
    let mut coverage: Vec<(&str, Group, Qualifier, &str)> = cat
        .figures()
        .filter(|(_, f)| f.kind() == FigureKind::Coverage)
        .map(|(i, f)| {
            assert_eq!((f.value(), f.unit().zh()), (Some(100.0), "%".to_owned()));
            (i.id(), f.group(), f.qualifier(), f.universe().unwrap())
        })
        .collect();
    coverage.sort_by_key(|c| (c.0, c.1));
    assert_eq!(
        coverage,
        vec![
            (
                "breakfast_outlets_coverage",
                Group::Results2020,
                Qualifier::About,
                "社区、园区、楼宇"
            ),
            (
                "food_safety_training_coverage",
                Group::Results2020,
                Qualifier::Exact,
                "主要食品经营单位从业人员"
            ),
            (
                "inclusive_childcare_coverage",
                Group::Results2020,
                Qualifier::Exact,
                "街镇"
            ),
            (
                "smart_health_stations",
                Group::Results2020,
                Qualifier::Exact,
                "街镇"
            ),
            (
                "smart_health_stations",
                Group::Glossary,
                Qualifier::Exact,
                "街镇"
            ),
        ]
    );
    // Ranks and coverages are never levels: the 18 smart health stations
    // stay the indicator's level, and the assessment ignores the 100 %.
    let sh = cat.get("smart_health_stations").unwrap();
    assert_eq!(sh.latest_level(2020).unwrap().value(), Some(18.0));
    let s = assess::Series::from_indicator(cat.get("patents_per_10k").unwrap());
    assert_eq!(s.years(), vec![2015, 2020]);
    assert_eq!(s.get(2020), Some(118.0));
    // Exported with their peer group.
    let rows = cat.flat_rows();
    let smart = rows.iter().find(|r| r.id == "smart_city_index").unwrap();
    assert_eq!(
        (
            smart.target_kind.as_str(),
            smart.value,
            smart.unit.as_str(),
            smart.universe.as_str()
        ),
        ("rank", Some(1.0), "位次", "中心城区")
    );
    let report = xh_core::report::render(cat);
    assert!(report.contains("No. 1 in 中心城区") && report.contains("100 % of 街镇"));
}

#[test]
fn price_basis_is_per_figure() {
    let cat = catalog::embedded();
    let gdp = cat.get("gdp").unwrap();
    for f in gdp.figures() {
        let want = if f.kind() == FigureKind::Level {
            PriceBasis::Current
        } else {
            PriceBasis::Comparable
        };
        assert_eq!(f.price_basis(), Some(want), "{}", f.quote());
    }
    let level = gdp
        .figures()
        .iter()
        .find(|f| f.kind() == FigureKind::Level)
        .unwrap();
    assert_eq!(level.quote(), "地区生产总值跨越2000亿元大关");
    assert_eq!(level.qualifier(), Qualifier::MoreThan);
    let rows = cat.flat_rows();
    let flat: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r.id == "gdp")
        .map(|r| (r.target_kind.as_str(), r.price_basis.as_str()))
        .collect();
    assert_eq!(
        flat,
        vec![
            ("growth", "comparable"),
            ("level", "current"),
            ("average_growth", "comparable"),
            ("growth", "comparable"),
        ]
    );
    // Every money figure states its basis; growth figures the indicator's.
    for ind in cat.indicators() {
        let money = matches!(ind.unit().dimension(), Dimension::Money(_));
        for f in ind.figures() {
            let ranked = matches!(f.kind(), FigureKind::Rank | FigureKind::Coverage);
            assert_eq!(f.price_basis().is_some(), money && !ranked, "{}", ind.id());
            if f.rate().is_some() {
                assert_eq!(f.price_basis(), ind.price_basis(), "{}", ind.id());
            }
        }
    }
}

#[test]
fn life_expectancy_populations_are_separate_indicators() {
    let cat = catalog::embedded();
    let registered = cat.get("life_expectancy").unwrap();
    let residents = cat.get("life_expectancy_residents").unwrap();
    assert_eq!(registered.name_zh(), "户籍居民人均期望寿命");
    assert!(registered.name_en().contains("registered"));
    assert_eq!(registered.targets().count(), 0);
    assert!(registered
        .figures()
        .iter()
        .all(|f| f.quote().contains("户籍居民")));
    assert_eq!(registered.latest_level(2020).unwrap().value(), Some(85.75));
    let target = residents.targets().next().unwrap();
    assert_eq!(target.quote(), "居民平均期望寿命达到85岁以上");
    assert!(!target.quote().contains("户籍"));
    // The registered residents' 85.75 is no base for the residents' target:
    // never "met", no pace.
    assert!(residents.latest_level(2020).is_none());
    let row = plan::fyp14_targets(cat)
        .into_iter()
        .find(|r| r.id == "life_expectancy_residents")
        .unwrap();
    assert_eq!((row.base, row.required), (None, RequiredPace::Unknown));
    let a = assess::assess_figure(residents, target, None, &Options::default()).unwrap();
    assert!(a.progress.assessed().is_none());
    assert!(target.note().unwrap().contains("85.75"));
}

#[test]
fn statuses_and_kinds_as_the_report_means_them() {
    let cat = catalog::embedded();
    // 剩余22幢: the stock left at the end of 2020, 36 − 11 − 3.
    let level = |id: &str| {
        cat.get(id)
            .unwrap()
            .latest_level(2020)
            .unwrap()
            .value()
            .unwrap()
    };
    let remaining = cat.get("small_beam_slab_remaining").unwrap();
    assert_eq!(remaining.targets().count(), 0);
    let r = &remaining.figures()[0];
    assert_eq!((r.status(), r.year_end()), (Status::Actual, 2020));
    assert_eq!(
        level("small_beam_slab_programme")
            - level("small_beam_slab_repair_started")
            - level("small_beam_slab_repair_completed"),
        r.value().unwrap()
    );
    assert!(r.note().unwrap().contains("36 − 11 − 3 = 22"));
    assert!(plan::targets(cat, Group::Plan2021)
        .iter()
        .all(|t| t.id != "small_beam_slab_remaining"));
    // Planned scales are not results.
    for ind in cat.indicators().iter().filter(|i| {
        (i.id().starts_with("westbund_") && (i.id().ends_with("_area")))
            || (i.id().starts_with("land_reserve_programme_") && !i.id().ends_with("_completed"))
    }) {
        for f in ind.figures() {
            assert_eq!(f.status(), Status::Planned, "{}", ind.id());
        }
        assert!(ind.latest_level(2100).is_none(), "{}", ind.id());
    }
    assert_eq!(
        cat.get("land_reserve_programme_completed")
            .unwrap()
            .figures()[0]
            .status(),
        Status::Actual
    );
    // 引进和认定 / 新增 / 新辟 are gross additions, not net changes.
    for (id, group, value) in [
        ("mnc_regional_hq", Group::Results2020, 4.0),
        ("rd_centres", Group::Results2020, 3.0),
        ("mnc_regional_hq", Group::Fyp14Targets, 20.0),
        ("park_green_area", Group::Plan2021, 10.0),
    ] {
        let f = cat
            .get(id)
            .unwrap()
            .figures()
            .iter()
            .find(|f| f.group() == group && f.kind() == FigureKind::GrossAddition)
            .unwrap_or_else(|| panic!("{id} {group}"));
        assert_eq!(f.value(), Some(value));
    }
    assert!(cat
        .figures()
        .filter(|(_, f)| f.kind() == FigureKind::Change)
        .all(|(i, _)| i.id() == "building_localisation_rate"));
    // 全面推进 / 实施 (2021: carry out) are not 完成 (2020: completed).
    for (done, works, year_2021) in [
        ("overhead_line_roads", "overhead_line_roads_in_works", 14.0),
        (
            "historic_building_repair",
            "historic_building_repair_works",
            6.5,
        ),
    ] {
        let d = cat.get(done).unwrap();
        assert_eq!(d.targets().count(), 0, "{done}");
        assert!(
            d.figures()[0].quote().starts_with("年内完成")
                || d.figures()[0].quote().starts_with("完成")
        );
        let w = cat.get(works).unwrap();
        let t = w.targets().next().unwrap();
        assert_eq!(t.value(), Some(year_2021));
        assert!(
            t.quote().contains("实施") || t.quote().contains("工程"),
            "{}",
            t.quote()
        );
    }
    assert!(cat
        .get("lilong_repair")
        .unwrap()
        .name_en()
        .contains("carried out"));
}

#[test]
fn plausibility_notes_state_what_the_report_prints() {
    let cat = catalog::embedded();
    let target = |id: &str| cat.get(id).unwrap().targets().next().unwrap().clone();
    let level = |id: &str| {
        cat.get(id)
            .unwrap()
            .latest_level(2020)
            .unwrap()
            .value()
            .unwrap()
    };
    // Industrial output: ≥530 in 2021 against 630 in 2020.
    let io = target("industrial_output");
    let fall = (io.value().unwrap() / level("industrial_output") - 1.0) * 100.0;
    assert_eq!(format!("{fall:.1}"), "-15.9");
    assert!(io.note().unwrap().contains("15.9 %"));
    // Patents: 120 by 2025 against 118 in 2020.
    let pt = target("patents_per_10k");
    let total = (pt.value().unwrap() / level("patents_per_10k") - 1.0) * 100.0;
    let yearly = xh_core::cagr(level("patents_per_10k"), pt.value().unwrap(), 5.0).unwrap() * 100.0;
    let note = pt.note().unwrap();
    assert!(note.contains(&format!("+{total:.1} %")), "{note}");
    assert!(note.contains(&format!("{yearly:.2} % a year")), "{note}");
    // Life expectancy: 85 for residents against 85.75 for registered residents.
    let le = target("life_expectancy_residents");
    assert!(le.value().unwrap() < level("life_expectancy"));
    assert!(le.note().unwrap().contains("below"));
}

#[test]
fn cross_check_foreign_hq_institutions() {
    // 90 MNC regional HQ + 23 R&D centres = 113 foreign HQ institutions.
    let cat = catalog::embedded();
    let level = |id: &str| {
        cat.get(id)
            .unwrap()
            .latest_level(2020)
            .unwrap()
            .value()
            .unwrap()
    };
    assert_eq!(
        level("mnc_regional_hq") + level("rd_centres"),
        level("foreign_hq_institutions")
    );
    assert_eq!(level("foreign_hq_institutions"), 113.0);
}

#[test]
fn cross_check_localisation_rate_in_percentage_points() {
    // 43.2 % in 2020, up 3.55 个百分点: 39.65 % in 2019 (not 43.2 / 1.0355).
    let cat = catalog::embedded();
    let ind = cat.get("building_localisation_rate").unwrap();
    let level = ind.latest_level(2020).unwrap();
    let change = ind
        .figures()
        .iter()
        .find(|f| f.kind() == FigureKind::Change)
        .unwrap();
    assert_eq!(change.unit().zh(), "个百分点");
    let rate_2019 = Share::from_percent(level.value().unwrap()).unwrap()
        - PercentagePoints::new(change.value().unwrap()).unwrap();
    assert!((rate_2019.percent() - 39.65).abs() < 1e-12);
}

#[test]
fn cross_check_renovation_pace() {
    // 260万 m² over five years needs 52万 m² a year; 2021 plans 37万 m².
    let cat = catalog::embedded();
    let ind = cat.get("housing_renovation").unwrap();
    let five_year = ind
        .targets()
        .find(|f| f.kind() == FigureKind::CumulativeAmount)
        .unwrap();
    let per_year = five_year.value().unwrap() / f64::from(five_year.years());
    assert_eq!(per_year, 52.0);
    let plan_2021 = ind
        .targets()
        .find(|f| f.group() == Group::Plan2021)
        .unwrap();
    assert_eq!(plan_2021.value(), Some(37.0));
    assert!(plan_2021.value().unwrap() < per_year);
    // The 13th FYP did 424万 m², 84.8万 m² a year.
    let record = ind
        .figures()
        .iter()
        .find(|f| f.group() == Group::Fyp13Record)
        .unwrap();
    assert_eq!(record.value(), Some(424.0));
}

#[test]
fn implied_levels_are_computed_not_stored() {
    let cat = catalog::embedded();
    let ai = cat
        .implied_target_level("ai_output", Group::Fyp14Targets)
        .unwrap();
    assert_eq!((ai.base_year, ai.base_value, ai.year), (2020, 350.0, 2025));
    assert!((ai.value - 703.975_015_625).abs() < 1e-9, "{}", ai.value);
    assert_eq!(
        (ai.qualifier, ai.price_basis),
        (Qualifier::Exact, Some(PriceBasis::Current))
    );
    let lh = cat
        .implied_target_level("life_health_output", Group::Fyp14Targets)
        .unwrap();
    assert!((lh.value - 1_000.105_570_685).abs() < 1e-9, "{}", lh.value);
    let budget = cat
        .implied_target_level("budget_revenue", Group::Plan2021)
        .unwrap();
    assert!((budget.value - 208.005).abs() < 1e-9, "{}", budget.value);
    assert_eq!(budget.qualifier, Qualifier::About); // 增长5%左右
                                                    // No stored figure equals the implied 2025 AI level.
    assert!(cat
        .figures()
        .all(|(_, f)| f.value().is_none_or(|v| (v - 704.0).abs() > 0.5)));
}

#[test]
fn implied_level_respects_price_basis_and_qualifiers() {
    let cat = catalog::embedded();
    // GDP: the 2020 level is a current-price bound, the rates comparable.
    for group in [Group::Fyp14Targets, Group::Plan2021] {
        let err = cat.implied_target_level("gdp", group).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PriceBasisMismatch, "{group}: {err}");
    }
    // Were the level at comparable prices, it would still be a bound.
    let text = catalog::EMBEDDED_JSON.replacen(
        "\"qualifier\": \"more_than\",\n          \"price_basis\": \"current\",\n          \"quote\": \"地区生产总值跨越2000亿元大关\"",
        "\"qualifier\": \"more_than\",\n          \"price_basis\": \"comparable\",\n          \"quote\": \"地区生产总值跨越2000亿元大关\"",
        1,
    );
    assert_ne!(text, catalog::EMBEDDED_JSON);
    let shifted = Catalog::from_json(&text).unwrap();
    let err = shifted
        .implied_target_level("gdp", Group::Fyp14Targets)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(
        err.to_string().contains("is a bound (more than 2000亿元)"),
        "{err}"
    );
    // Nor is the GDP target paced from that level by the plan.
    let row = plan::fyp14_targets(cat)
        .into_iter()
        .find(|r| r.id == "gdp")
        .unwrap();
    assert_eq!((row.base, row.implied_end), (None, None));
    // A Shanghai-wide indicator has no target of the district's own.
    let err = cat
        .implied_target_level("food_safety_demo_blocks", Group::Glossary)
        .unwrap_err();
    assert!(err.to_string().contains("municipal"), "{err}");
}

#[test]
fn ocr_slips_carry_notes() {
    let cat = catalog::embedded();
    let mut slips = 0;
    for (ind, f) in cat.figures() {
        if ["万平光", "粮修理", "十"].iter().any(|s| {
            f.quote().contains(s) && !f.quote().contains("十四五") && !f.quote().contains("十佳")
        }) {
            slips += 1;
            let note = f
                .note()
                .unwrap_or_else(|| panic!("{} lacks an OCR note", ind.id()));
            assert!(note.contains("OCR"), "{}: {note}", ind.id());
        }
    }
    assert_eq!(slips, 2);
}

#[test]
fn english_names_say_what_is_measured() {
    let cat = catalog::embedded();
    let name = |id: &str| cat.get(id).unwrap().name_en().to_owned();
    assert!(name("gdp").starts_with("District"));
    assert!(name("proposal_response_rate").contains("district People's Congress"));
    assert!(name("proposal_response_rate").contains("district CPPCC"));
    assert!(name("people_projects").contains("wellbeing"));
    assert!(!name("green_walkways").to_lowercase().contains("riverside"));
    assert!(name("enrollment_rate").contains("Kindergarten and school"));
    assert!(!name("tech_firms_ipo_pipeline").contains("STAR"));
    assert!(name("tech_firms_ipo_pipeline").contains("municipal"));
    assert!(name("life_expectancy").contains("registered"));
    assert!(!name("building_localisation_rate").contains("localisation"));
}

#[test]
fn lookup_filter_search() {
    let cat = catalog::embedded();
    assert_eq!(cat.get("nope").unwrap_err().kind(), ErrorKind::UnknownId);
    assert_eq!(
        cat.get("nope").unwrap_err().to_string(),
        "unknown indicator id \"nope\" (Catalog.search finds indicators by name)"
    );
    let targets_2025 = cat.figures_where(&FigureFilter {
        group: Some(Group::Fyp14Targets),
        year: Some(2025),
        ..Default::default()
    });
    assert!(targets_2025
        .iter()
        .all(|(_, f)| f.status() == Status::Target));
    assert_eq!(targets_2025.len(), 18);
    let zh = cat.search("人工智能");
    assert!(zh.iter().any(|i| i.id() == "ai_output"));
    let en = cat.search("UNEMPLOYMENT");
    assert!(en.iter().any(|i| i.id() == "urban_unemployment_rate"));
    assert!(cat.search("  ").is_empty());
    // Stable order: the data file's.
    let ids: Vec<_> = cat.indicators().iter().map(|i| i.id()).collect();
    let again: Vec<_> = catalog::embedded()
        .indicators()
        .iter()
        .map(|i| i.id())
        .collect();
    assert_eq!(ids, again);
}

#[test]
fn serde_round_trip_is_lossless() {
    let cat = catalog::embedded();
    let json = cat.to_json();
    let back = Catalog::from_json(&json).unwrap();
    assert_eq!(&back, cat);
    assert_eq!(back.to_json(), json);
}

#[test]
fn flat_exports() {
    let cat = catalog::embedded();
    let csv = cat.to_csv();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header, catalog::FLAT_COLUMNS);
    for col in [
        "id",
        "name_zh",
        "name_en",
        "value",
        "unit",
        "base_value",
        "base_unit",
        "year_start",
        "year_end",
        "status",
        "qualifier",
        "target_kind",
        "price_basis",
        "quote",
        "scope",
        "bound_text",
        "universe",
    ] {
        assert!(header.contains(&col), "missing column {col}");
    }
    let n = cat.figures().count();
    let rows = cat.flat_rows();
    assert_eq!(rows.len(), n);
    let budget = rows
        .iter()
        .find(|r| r.id == "budget_revenue" && r.target_kind == "level")
        .unwrap();
    assert_eq!((budget.value, budget.unit.as_str()), (Some(198.1), "亿元"));
    assert_eq!(
        (budget.base_value, budget.base_unit.as_str()),
        (Some(19_810_000_000.0), "元")
    );
    let park = rows
        .iter()
        .find(|r| r.id == "park_green_area" && r.year_end == 2015)
        .unwrap();
    assert_eq!(
        (park.base_value, park.base_unit.as_str()),
        (Some(5_420_000.0), "平方米")
    );
    let minutes = rows
        .iter()
        .find(|r| r.id == "public_culture_service_circle_minutes")
        .unwrap();
    assert_eq!(
        (minutes.base_value, minutes.base_unit.as_str()),
        (Some(10.0 / 60.0), "小时")
    );
    let statuses: BTreeSet<&str> = rows.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(
        statuses,
        BTreeSet::from(["actual", "estimate", "planned", "target"])
    );
    let json: Vec<xh_core::catalog::FlatRow> = serde_json::from_str(&cat.to_flat_json()).unwrap();
    assert_eq!(json, rows);
}

#[test]
fn malformed_catalogs_name_entry_and_field() {
    let good = catalog::EMBEDDED_JSON;
    let quota = "\"bound_text\": \"市政府下达的指标数\",\n";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "truncated",
            good[..good.len() / 2].to_owned(),
            "truncated JSON",
        ),
        (
            "bad unit",
            good.replacen("\"unit\": \"亿元\"", "\"unit\": \"万平光\"", 1),
            "unknown unit",
        ),
        (
            "bad status",
            good.replacen("\"status\": \"estimate\"", "\"status\": \"guess\"", 1),
            "unknown variant",
        ),
        (
            "dup id",
            good.replacen("\"id\": \"budget_revenue\"", "\"id\": \"gdp\"", 1),
            "entry gdp: field id: duplicate id",
        ),
        (
            "bad year",
            good.replacen("\"year_end\": 2020", "\"year_end\": 2019", 1),
            "field year_end",
        ),
        (
            "missing quote",
            good.replacen(
                "\"quote\": \"全年预计地区生产总值增长2.5%左右\"",
                "\"quote\": \"\"",
                1,
            ),
            "entry gdp.figures[0]: field quote",
        ),
        (
            "no value, no bound",
            good.replacen(&format!("          {quota}"), "", 1),
            "field bound_text: a figure without a value must say what bounds it",
        ),
        (
            "value and bound",
            good.replacen(quota, &format!("{quota}          \"value\": 1,\n"), 1),
            "field bound_text: only a figure without a value",
        ),
        (
            "rank without peer group",
            good.replacen("\"universe\": \"全国区域类城区组\",", "", 1),
            "field universe",
        ),
        (
            "coverage above 100",
            good.replacen(
                "\"kind\": \"coverage\",\n          \"value\": 100,",
                "\"kind\": \"coverage\",\n          \"value\": 120,",
                1,
            ),
            "a coverage is a percentage from 0 to 100",
        ),
        (
            "money figure without basis",
            good.replacen(",\n          \"price_basis\": \"current\"", "", 1),
            "field price_basis: money figures must state current or comparable prices",
        ),
        (
            "growth at the wrong basis",
            good.replacen(
                "\"qualifier\": \"about\",\n          \"price_basis\": \"comparable\"",
                "\"qualifier\": \"about\",\n          \"price_basis\": \"current\"",
                1,
            ),
            "growth figures take the indicator's price basis, comparable",
        ),
        (
            "target in the record",
            good.replacen(
                "\"status\": \"actual\",\n          \"qualifier\": \"more_than\"",
                "\"status\": \"target\",\n          \"qualifier\": \"more_than\"",
                1,
            ),
            "target figures in fyp13_record are inconsistent",
        ),
        (
            "bad scope",
            good.replacen("\"scope\": \"municipal\"", "\"scope\": \"city\"", 1),
            "unknown variant",
        ),
        (
            "a file of the first schema (no per-figure price basis)",
            good.replacen("\"schema_version\": 2", "\"schema_version\": 1", 1),
            "field schema_version: expected 2, got 1",
        ),
    ];
    for (name, text, needle) in cases {
        assert_ne!(text, good, "{name}: the edit did not apply");
        let err = Catalog::from_json(&text).expect_err(name);
        assert_eq!(err.kind(), ErrorKind::InvalidCatalog, "{name}");
        assert!(err.to_string().contains(needle), "{name}: {err}");
    }
}

#[test]
fn user_observations_all_or_nothing() {
    let mut cat = catalog::embedded().clone();
    let before = cat.clone();
    let bad = "id,year,value,unit\n\
               ai_output,2021,410,亿元\n\
               nope,2021,1,亿元\n\
               ai_output,2022,3.5亿,亿元\n\
               ai_output,2023,12,公顷\n\
               ai_output,2021,420,亿元\n\
               ai_output,1800,1,亿元\n\
               ai_output,2024\n";
    let err = cat.add_observations_csv(bad).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidObservations);
    let msg = err.to_string();
    for needle in [
        "line 3 column 1: unknown indicator id \"nope\"",
        "line 4 column 3: value \"3.5亿\" is not a number",
        "line 5 column 4: unit 公顷 does not match ai_output's unit 亿元",
        "line 6 column 2: duplicate observation for ai_output in 2021",
        "line 7 column 2: year 1800 is outside",
        "line 8: expected 4 columns, found 2",
    ] {
        assert!(msg.contains(needle), "missing {needle:?} in {msg}");
    }
    assert_eq!(cat, before, "nothing may be loaded from a bad file");

    let n = cat
        .add_observations_csv("\u{feff}id,value,year,unit\r\nai_output,41000000000,2021,元\r\nunemployment_placeholder_is_not_used,1,2021,%\r\n")
        .unwrap_err();
    assert_eq!(n.kind(), ErrorKind::InvalidObservations);
    let n = cat
        .add_observations_csv("\u{feff}id,value,year,unit\r\nai_output,41000000000,2021,元\r\n")
        .unwrap();
    assert_eq!(n, 1);
    let obs = cat.get("ai_output").unwrap().latest_level(2021).unwrap();
    assert_eq!(
        (obs.value(), obs.unit().zh(), obs.group(), obs.price_basis()),
        (
            Some(410.0),
            "亿元".to_owned(),
            Group::User,
            Some(PriceBasis::Current)
        )
    );
    // A catalog with observations still round-trips through JSON.
    assert_eq!(Catalog::from_json(&cat.to_json()).unwrap(), cat);
    // A second load of the same year is a duplicate.
    assert!(cat
        .add_observations_csv("id,year,value\nai_output,2021,1\n")
        .is_err());
    // JSON, with line numbers.
    let err = cat
        .add_observations_json("[\n {\"id\": \"gdp\", \"year\": 2021, \"value\": 1},\n {\"id\": \"zzz\", \"year\": 2021, \"value\": 1}\n]")
        .unwrap_err();
    assert!(err.to_string().contains("line 3"), "{err}");
    // Encodings.
    let utf16 = [0xFF, 0xFE, b'i', 0];
    assert!(cat
        .add_observations_csv_bytes(&utf16)
        .unwrap_err()
        .to_string()
        .contains("UTF-16"));
    let gbk = b"id,year,value\nai_output,2022,1\n\xc8\xcb,2022,1\n";
    assert!(cat
        .add_observations_csv_bytes(gbk)
        .unwrap_err()
        .to_string()
        .contains("line 3"));
    // The embedded catalog itself is never changed.
    assert!(
        catalog::embedded()
            .get("ai_output")
            .unwrap()
            .latest_level(2021)
            .unwrap()
            .year_end()
            == 2020
    );
}
