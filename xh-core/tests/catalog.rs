//! The embedded catalog: sourcing, coverage, cross-checks, exports, user data.

use std::collections::BTreeMap;

use xh_core::catalog::{self, Catalog, FigureFilter, FigureKind, Group, Qualifier, Status};
use xh_core::{ErrorKind, PercentagePoints, Share};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_value_is_printed_in_its_quote() {
    // Guards against typos in the data file: the number (as printed, without
    // sign) must appear in the sentence it was read from.
    let cat = catalog::embedded();
    let wrong: Vec<String> = cat
        .figures()
        .filter(|(_, f)| {
            let v = f.value().abs();
            let text = if v == v.trunc() {
                format!("{v:.0}")
            } else {
                format!("{v}")
            };
            !squeeze(f.quote()).contains(&text)
        })
        .map(|(i, f)| format!("{} {} not in {:?}", i.id(), f.value(), f.quote()))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn coverage_of_all_four_groups() {
    let cat = catalog::embedded();
    let mut per_group: BTreeMap<Group, usize> = BTreeMap::new();
    for (_, f) in cat.figures() {
        *per_group.entry(f.group()).or_default() += 1;
    }
    let total: usize = per_group.values().sum();
    assert!(total >= 80, "only {total} figures");
    for g in [
        Group::Results2020,
        Group::Fyp13Record,
        Group::Fyp14Targets,
        Group::Plan2021,
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
    let expect = [
        ("gdp", FigureKind::AverageGrowth, 5.0, Qualifier::About),
        ("rd_intensity", FigureKind::Level, 9.0, Qualifier::Exact),
        (
            "patents_per_10k",
            FigureKind::Level,
            120.0,
            Qualifier::Exact,
        ),
        (
            "ai_output",
            FigureKind::AverageGrowth,
            15.0,
            Qualifier::Exact,
        ),
        (
            "life_health_output",
            FigureKind::AverageGrowth,
            9.0,
            Qualifier::Exact,
        ),
        (
            "mnc_regional_hq",
            FigureKind::CumulativeAmount,
            20.0,
            Qualifier::Exact,
        ),
        (
            "services_revenue",
            FigureKind::AverageGrowth,
            5.0,
            Qualifier::Exact,
        ),
        (
            "retail_sales",
            FigureKind::AverageGrowth,
            3.0,
            Qualifier::Exact,
        ),
        (
            "online_service_rate",
            FigureKind::Level,
            90.0,
            Qualifier::Exact,
        ),
        (
            "private_hq_new",
            FigureKind::CumulativeAmount,
            5.0,
            Qualifier::Exact,
        ),
        (
            "urban_unemployment_rate",
            FigureKind::LevelEachYear,
            5.5,
            Qualifier::AtMost,
        ),
        (
            "housing_renovation",
            FigureKind::CumulativeAmount,
            260.0,
            Qualifier::Exact,
        ),
        (
            "enrollment_rate",
            FigureKind::LevelEachYear,
            100.0,
            Qualifier::Exact,
        ),
        (
            "life_expectancy",
            FigureKind::Level,
            85.0,
            Qualifier::AtLeast,
        ),
        (
            "green_walkways",
            FigureKind::CumulativeAmount,
            15.0,
            Qualifier::Exact,
        ),
        (
            "green_coverage_rate",
            FigureKind::Level,
            32.0,
            Qualifier::Exact,
        ),
        (
            "beautiful_blocks_coverage",
            FigureKind::Level,
            45.0,
            Qualifier::Exact,
        ),
        (
            "public_safety_index",
            FigureKind::Level,
            90.0,
            Qualifier::AtLeast,
        ),
    ];
    for (id, kind, value, qualifier) in expect {
        let ind = cat.get(id).unwrap();
        let t = ind
            .targets()
            .find(|f| f.group() == Group::Fyp14Targets)
            .unwrap_or_else(|| panic!("{id} has no 14th FYP target"));
        assert_eq!(
            (t.kind(), t.value(), t.qualifier()),
            (kind, value, qualifier),
            "{id}"
        );
        assert_eq!(t.year_end(), 2025, "{id}");
    }
}

#[test]
fn plan_2021_targets() {
    let cat = catalog::embedded();
    let t = |id: &str| {
        cat.get(id)
            .unwrap()
            .targets()
            .find(|f| f.group() == Group::Plan2021)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    assert_eq!(
        (t("gdp").value(), t("gdp").qualifier()),
        (6.0, Qualifier::AtLeast)
    );
    assert_eq!(
        (t("budget_revenue").value(), t("budget_revenue").qualifier()),
        (5.0, Qualifier::About)
    );
    assert_eq!(t("industrial_output").value(), 530.0);
    assert_eq!(t("industrial_output").qualifier(), Qualifier::AtLeast);
    assert_eq!(t("fixed_asset_investment").value(), 10.0);
    assert_eq!(t("park_green_area").value(), 10.0);
    assert_eq!(t("youth_employment_assisted").value(), 680.0);
    assert_eq!(t("new_public_charging_piles").value(), 300.0);
    assert_eq!(t("new_public_parking_spaces").value(), 2000.0);
    assert_eq!(
        (
            t("elevator_installation").value(),
            t("elevator_installation").qualifier()
        ),
        (100.0, Qualifier::AtLeast)
    );
    assert_eq!(t("water_quality_class3_share").value(), 70.0);
}

#[test]
fn cross_check_foreign_hq_institutions() {
    // 90 MNC regional HQ + 23 R&D centres = 113 foreign HQ institutions.
    let cat = catalog::embedded();
    let level = |id: &str| cat.get(id).unwrap().latest_level(2020).unwrap().value();
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
    let rate_2019 = Share::from_percent(level.value()).unwrap()
        - PercentagePoints::new(change.value()).unwrap();
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
    let per_year = five_year.value() / f64::from(five_year.years());
    assert_eq!(per_year, 52.0);
    let plan_2021 = ind
        .targets()
        .find(|f| f.group() == Group::Plan2021)
        .unwrap();
    assert_eq!(plan_2021.value(), 37.0);
    assert!(plan_2021.value() < per_year);
    // The 13th FYP did 424万 m², 84.8万 m² a year.
    let record = ind
        .figures()
        .iter()
        .find(|f| f.group() == Group::Fyp13Record)
        .unwrap();
    assert_eq!(record.value(), 424.0);
}

#[test]
fn implied_levels_are_computed_not_stored() {
    let cat = catalog::embedded();
    let ai = cat
        .implied_target_level("ai_output", Group::Fyp14Targets)
        .unwrap();
    assert_eq!((ai.base_year, ai.base_value, ai.year), (2020, 350.0, 2025));
    assert!((ai.value - 703.975_015_625).abs() < 1e-9, "{}", ai.value);
    let lh = cat
        .implied_target_level("life_health_output", Group::Fyp14Targets)
        .unwrap();
    assert!((lh.value - 1_000.105_570_685).abs() < 1e-9, "{}", lh.value);
    let budget = cat
        .implied_target_level("budget_revenue", Group::Plan2021)
        .unwrap();
    assert!((budget.value - 208.005).abs() < 1e-9, "{}", budget.value);
    // No stored figure equals the implied 2025 AI level.
    assert!(cat.figures().all(|(_, f)| (f.value() - 704.0).abs() > 0.5));
}

#[test]
fn ocr_slips_carry_notes() {
    let cat = catalog::embedded();
    for (ind, f) in cat.figures() {
        if f.quote().contains("万平光") || f.quote().contains("粮修理") {
            let note = f
                .note()
                .unwrap_or_else(|| panic!("{} lacks an OCR note", ind.id()));
            assert!(
                note.contains("OCR") || note.contains("read as"),
                "{}: {note}",
                ind.id()
            );
        }
    }
    assert!(cat.figures().any(|(_, f)| f.quote().contains("万平光")));
}

#[test]
fn lookup_filter_search() {
    let cat = catalog::embedded();
    assert_eq!(cat.get("nope").unwrap_err().kind(), ErrorKind::UnknownId);
    assert_eq!(
        cat.get("nope").unwrap_err().to_string(),
        "unknown indicator id \"nope\""
    );
    let targets_2025 = cat.figures_where(&FigureFilter {
        group: Some(Group::Fyp14Targets),
        year: Some(2025),
        ..Default::default()
    });
    assert!(targets_2025
        .iter()
        .all(|(_, f)| f.status() == Status::Target));
    assert!(targets_2025.len() >= 18);
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
    let header = lines.next().unwrap();
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
        "quote",
    ] {
        assert!(header.split(',').any(|c| c == col), "missing column {col}");
    }
    let n = cat.figures().count();
    let rows = cat.flat_rows();
    assert_eq!(rows.len(), n);
    let budget = rows
        .iter()
        .find(|r| r.id == "budget_revenue" && r.target_kind == "level")
        .unwrap();
    assert_eq!((budget.value, budget.unit.as_str()), (198.1, "亿元"));
    assert_eq!(
        (budget.base_value, budget.base_unit.as_str()),
        (19_810_000_000.0, "元")
    );
    let park = rows
        .iter()
        .find(|r| r.id == "park_green_area" && r.year_end == 2015)
        .unwrap();
    assert_eq!(
        (park.base_value, park.base_unit.as_str()),
        (5_420_000.0, "平方米")
    );
    let json: Vec<xh_core::catalog::FlatRow> = serde_json::from_str(&cat.to_flat_json()).unwrap();
    assert_eq!(json, rows);
}

#[test]
fn malformed_catalogs_name_entry_and_field() {
    let good = catalog::EMBEDDED_JSON;
    let cases: [(&str, String, &str); 6] = [
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
    ];
    for (name, text, needle) in cases {
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
        (obs.value(), obs.unit().zh(), obs.group()),
        (410.0, "亿元".to_owned(), Group::User)
    );
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
