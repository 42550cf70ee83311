//! Guard rails at the boundary, as a Rust user meets them: unknown ids,
//! percent rates in JSON requests, observations in the wrong unit, late
//! observations, CSV years written as floats, shares from fractions.

use xh_core::assess::{self, assess_observed, assess_points, evaluate_json, Options, Target};
use xh_core::catalog::{self, Catalog};
use xh_core::{sanity, Error, ErrorKind, Share};

fn ai() -> &'static xh_core::catalog::Indicator {
    catalog::embedded().get("ai_output").unwrap()
}

#[test]
fn unknown_ids_suggest_the_nearest_and_point_to_search() {
    let cat = catalog::embedded();
    for (typo, near) in [
        ("ai_ouput", "ai_output"),
        ("AI_Output", "ai_output"),
        ("gpd", "gdp"),
    ] {
        let e = cat.get(typo).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnknownId);
        assert_eq!(
            e.to_string(),
            format!(
                "unknown indicator id {typo:?}; did you mean {near:?}? (Catalog.search finds indicators by name)"
            )
        );
        assert_eq!(cat.nearest_id(typo), Some(near));
    }
    assert_eq!(cat.nearest_id("unemployment_of_martians"), None);
    // Every id is its own nearest id, so the rule never points elsewhere.
    for ind in cat.indicators() {
        assert_eq!(cat.nearest_id(ind.id()), Some(ind.id()));
    }
    let mut mine = cat.clone();
    let e = mine
        .add_observations_csv("id,year,value\nai_outptu,2021,410\n")
        .unwrap_err();
    assert!(
        e.to_string().ends_with(
            "line 2 column 1: unknown indicator id \"ai_outptu\"; did you mean \"ai_output\"?"
        ),
        "{e}"
    );
}

#[test]
fn json_requests_reject_a_percent_rate_unless_meant() {
    let req = |rate: &str, extra: &str| {
        format!(
            r#"{{"method": "eurostat", {extra} "target": {{"kind": "growth", "base_year": 2020,
                "target_year": 2025, "rate": {rate}}}, "observed": [[2020, 100], [2021, 104]]}}"#
        )
    };
    let e = evaluate_json(&req("15", "")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.to_string().contains("did you mean 0.15?"), "{e}");
    let e = evaluate_json(&req("1", "")).unwrap_err();
    assert!(e.to_string().contains("did you mean 0.01?"), "{e}");
    evaluate_json(&req("0.99", "")).unwrap();
    evaluate_json(&req("15", r#""allow_rate_above_one": true,"#)).unwrap();
    assert_eq!(sanity::rate_in_percent(15.0), Some(0.15));
    assert_eq!(sanity::rate_in_percent(0.15), None);
}

#[test]
fn observations_in_another_unit_are_converted() {
    let ai = ai();
    let fig = ai.default_target().unwrap();
    let opts = Options::default();
    let yi = assess_observed(
        ai,
        fig,
        &[(2021, 410.0, None), (2022, 470.0, None)],
        None,
        &opts,
    )
    .unwrap();
    let yuan = assess_observed(
        ai,
        fig,
        &[
            (2021, 4.1e10, Some("元".into())),
            (2022, 4.7e6, Some("万元".into())),
        ],
        None,
        &opts,
    )
    .unwrap();
    assert_eq!(yi, yuan);
}

#[test]
fn a_series_in_the_wrong_unit_is_stopped_unless_allowed() {
    let ai = ai();
    let fig = ai.default_target().unwrap();
    let e =
        assess_observed(ai, fig, &[(2021, 4.1e10, None)], None, &Options::default()).unwrap_err();
    let Error::InvalidObservations { problems } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(
        (problems.len(), problems[0].line, problems[0].column),
        (1, 0, 0)
    );
    assert_eq!(
        problems[0].message,
        "ai_output 2021: values are in 亿元; 4.1e10 is 1.2e8 times the 2020 level 350: wrong unit? \
         (if the values are right, turn check_plausibility off)"
    );
    let off = Options {
        check_plausibility: false,
        ..Options::default()
    };
    let a = assess_observed(ai, fig, &[(2021, 4.1e10, None)], None, &off).unwrap();
    assert_eq!(a.series.get(2021), Some(4.1e10));
    // The report shows the problem on the target's row instead of failing.
    let mut cat: Catalog = catalog::embedded().clone();
    cat.add_observations_csv("id,year,value\nai_output,2021,41000000000\n")
        .unwrap();
    // The message is wrapped to the report's width: read it as one line.
    let text = xh_core::report::render(&cat);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("error: 1 invalid observation row(s): ai_output 2021: values are in 亿元")
    );
}

#[test]
fn hand_made_targets_convert_to_their_unit_and_name_years() {
    let target: Target = serde_json::from_str(
        r#"{"kind": "level", "value": 120, "base_year": 2020, "target_year": 2025, "unit": "件"}"#,
    )
    .unwrap();
    let e = assess_points(
        &target,
        &[(2020, 90.0, None), (2021, f64::NAN, None)],
        None,
        None,
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "1 invalid observation row(s): 2021: value must be finite, got NaN"
    );
}

#[test]
fn observations_after_the_target_year_are_noted() {
    let ai = ai();
    let fig = ai.default_target().unwrap();
    let a = assess_observed(
        ai,
        fig,
        &[
            (2021, 410.0, None),
            (2026, 900.0, None),
            (2027, 1000.0, None),
        ],
        None,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(
        a.notes,
        [
            "2026: 900 is after the target year 2025 and was not used",
            "2027: 1000 is after the target year 2025 and was not used"
        ]
    );
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["notes"][0], a.notes[0]);
    let a = assess::assess(
        &Target::from_figure(ai, fig).unwrap(),
        &assess::Series::from_indicator(ai),
        &Options::default(),
    )
    .unwrap();
    assert!(a.notes.is_empty());
    assert!(serde_json::to_value(&a).unwrap().get("notes").is_none());
}

#[test]
fn csv_years_written_as_floats_are_years() {
    let mut cat = catalog::embedded().clone();
    cat.add_observations_csv("id,year,value\nai_output,2021.0,410\nai_output,2022.00,470\n")
        .unwrap();
    assert_eq!(
        cat.get("ai_output")
            .unwrap()
            .latest_level(2022)
            .unwrap()
            .value(),
        Some(470.0)
    );
    let e = cat
        .add_observations_csv("id,year,value\nai_output,2023.5,1\nai_output,2023.,1\n")
        .unwrap_err();
    let Error::InvalidObservations { problems } = e else {
        panic!()
    };
    assert_eq!(problems.len(), 2);
    assert!(problems[0]
        .message
        .contains("\"2023.5\" is not a whole number"));
}

#[test]
fn shares_from_fractions() {
    assert_eq!(
        Share::from_fraction(0.5).unwrap(),
        Share::from_percent(50.0).unwrap()
    );
    assert_eq!(sanity::share_as_fraction(0.432), Some(43.2));
    assert_eq!(
        Share::from_fraction(f64::NAN).unwrap_err().kind(),
        ErrorKind::NonFinite
    );
}
