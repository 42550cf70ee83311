//! SDMX-CSV and the SDMX-ML structure message: what the export holds for
//! known figures of the report, that export then import gives the same
//! catalog, and that a rejected load changes nothing. (The malformed files
//! are in `tests/corpus/`; pysdmx, sdmx1 and the SDMX 2.1 schemas check
//! the output from the Python suite.)

use proptest::prelude::*;
use xh_core::catalog::{self, Catalog, Group};
use xh_core::outcomes;
use xh_core::{Error, ErrorKind};

const HEADER: &str = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,REPORT_PART,FIGURE_KIND,\
                      TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,QUALIFIER,PRICE_BASIS,\
                      COMMENT_OBS,NOTE";

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn export_holds_the_reports_figures() {
    let cat = catalog::embedded();
    let csv = cat.to_sdmx_csv();
    let rows = lines(&csv);
    assert_eq!(rows[0], HEADER);
    // One line per figure (no quote of the report spans lines).
    assert_eq!(rows.len() - 1, cat.figures().count());
    assert!(rows[1..]
        .iter()
        .all(|r| r.starts_with("dataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,")));
    // AI output, 350亿元 in 2020, an estimate (预计全年 …).
    let ai = "dataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,AI_OUTPUT,RESULTS_2020,LEVEL,2020,350,\
              CNY,8,E,,CURRENT,";
    assert_eq!(rows.iter().filter(|r| r.starts_with(ai)).count(), 1);
    // Its 14th FYP target: 15 % a year over 2021–2025, a time range.
    assert!(rows.iter().any(|r| r
        .contains(",AI_OUTPUT,FYP14_TARGETS,AVERAGE_GROWTH,2021-01-01/P5Y,15,PC,0,F,,CURRENT,")));
    // GDP about 5 % a year (左右), at comparable prices.
    assert!(rows.iter().any(|r| r.contains(
        ",GDP,FYP14_TARGETS,AVERAGE_GROWTH,2021-01-01/P5Y,5,PC,0,F,ABOUT,COMPARABLE,\
         提出地区生产总值年均增长5%左右,"
    )));
    // 万 is UNIT_MULT 4: old housing renovated in 2021, 37万平方米.
    assert!(rows
        .iter()
        .any(|r| r.contains(",PLAN_2021,") && r.contains(",37,M2,4,F,")));
    // Every five-year figure is a P5Y range starting on 1 January.
    for (ind, fig) in cat.figures() {
        if fig.year_end() - fig.year_start() == 4 {
            let range = format!(",{},", ind.id().to_uppercase());
            let period = format!(",{}-01-01/P5Y,", fig.year_start());
            assert!(
                rows.iter()
                    .any(|r| r.contains(&range) && r.contains(&period)),
                "{}",
                ind.id()
            );
        }
    }
    // The rows are the export's rows, in the same order.
    let sdmx_rows = cat.sdmx_rows();
    assert_eq!(sdmx_rows.len(), cat.figures().count());
    assert_eq!(sdmx_rows[0].indicator, "GDP");
    assert_eq!(sdmx_rows[0].time_period, "2020");
}

#[test]
fn quotes_and_notes_are_quoted_fields() {
    let mut cat = catalog::embedded().clone();
    cat.add_observations_csv(
        "id,year,value,unit,note\nai_output,2021,410,亿元,\"a, \"\"b\"\"\nc\"\n",
    )
    .unwrap();
    let csv = cat.to_sdmx_csv();
    // The user's figure follows the indicator's figures from the report.
    assert!(csv.contains(
        ",AI_OUTPUT,USER,LEVEL,2021,410,CNY,8,A,,CURRENT,,\"a, \"\"b\"\"\nc\"\ndataflow,"
    ));
}

fn with_observations() -> Catalog {
    let mut cat = catalog::embedded().clone();
    cat.add_observations_csv(
        "id,year,value,unit,status,note\n\
         ai_output,2021,410,亿元,actual,\"preliminary, \"\"first\"\" release\"\n\
         ai_output,2022,4.7e10,元,estimate,\n\
         housing_renovation,2021,37,万平方米,,\n\
         urban_unemployment_rate,2021,4.6,%,,\n\
         gdp,2021,0.1,亿元,,\"two\nlines\"\n",
    )
    .unwrap();
    cat
}

#[test]
fn export_then_import_gives_the_same_catalog() {
    let mine = with_observations();
    let csv = mine.to_sdmx_csv();
    let mut again = catalog::embedded().clone();
    assert_eq!(again.add_observations_sdmx_csv(&csv).unwrap(), 5);
    assert_eq!(again, mine);
    assert_eq!(again.to_sdmx_csv(), csv);

    // Only the user rows (an office's file has no report rows): the same.
    let user: String = lines(&csv)
        .into_iter()
        .enumerate()
        .filter(|(k, r)| *k == 0 || r.contains(",USER,"))
        .map(|(_, r)| format!("{r}\n"))
        .collect();
    // The quoted note spans two lines: keep its second line.
    let user = user.replace("\"two\n", "\"two\nlines\"\n");
    let mut again = catalog::embedded().clone();
    assert_eq!(again.add_observations_sdmx_csv(&user).unwrap(), 5);
    assert_eq!(again, mine);

    // Loading the same export twice is a duplicate, and changes nothing.
    let err = again.add_observations_sdmx_csv(&csv).unwrap_err();
    assert!(
        err.to_string()
            .contains("duplicate observation for ai_output in 2021"),
        "{err}"
    );
    assert_eq!(again, mine);
}

#[test]
fn unit_mult_is_applied() {
    let mut cat = catalog::embedded().clone();
    let n = cat
        .add_observations_sdmx_csv(
            "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\n\
             X:Y(1),AI_OUTPUT,2021,41000000000,CNY,0\n\
             X:Y(1),AI_OUTPUT,2022,4700000,CNY,4\n\
             X:Y(1),AI_OUTPUT,2023,5.3,CNY,10\n\
             X:Y(1),HOUSING_RENOVATION,2021,370000,M2,\n\
             X:Y(1),HOUSING_RENOVATION,2022,40,,4\n\
             X:Y(1),PARK_GREEN_AREA,2021,6060000,M2,0\n",
        )
        .unwrap();
    assert_eq!(n, 6);
    let level = |id: &str, year: i32| {
        let f = cat.get(id).unwrap().latest_level(year).unwrap();
        assert_eq!(f.year_end(), year);
        (f.value().unwrap(), f.unit().zh())
    };
    assert_eq!(level("ai_output", 2021), (410.0, "亿元".to_owned()));
    assert_eq!(level("ai_output", 2022), (470.0, "亿元".to_owned()));
    assert_eq!(level("ai_output", 2023), (530.0, "亿元".to_owned()));
    // No UNIT_MULT with a UNIT_MEASURE: units (0).
    assert_eq!(
        level("housing_renovation", 2021),
        (37.0, "万平方米".to_owned())
    );
    // UNIT_MULT without UNIT_MEASURE: the indicator's unit at that power.
    assert_eq!(
        level("housing_renovation", 2022),
        (40.0, "万平方米".to_owned())
    );
    // 6 060 000 m² is 606 ha.
    assert_eq!(level("park_green_area", 2021), (606.0, "公顷".to_owned()));
}

#[test]
fn report_rows_must_repeat_the_report() {
    let cat = catalog::embedded();
    let head = "STRUCTURE,STRUCTURE_ID,REF_AREA,INDICATOR,REPORT_PART,FIGURE_KIND,TIME_PERIOD,\
                OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,QUALIFIER\n";
    let row = |rest: &str| format!("{head}dataflow,XUHUI:DF_GWR2021(1.0),CN_310104,{rest}\n");
    // 350亿元 written as 3.5e10 yuan is the report's figure.
    let mut mine = cat.clone();
    let n = mine
        .add_observations_sdmx_csv(&row(
            "AI_OUTPUT,RESULTS_2020,LEVEL,2020,35000000000,CNY,0,E,",
        ))
        .unwrap();
    assert_eq!((n, &mine), (0, cat));
    for (rest, column, message) in [
        (
            "AI_OUTPUT,RESULTS_2020,LEVEL,2020,35000000000,CNY,0,A,",
            11,
            "the report's figure is E, not A",
        ),
        (
            "GDP,FYP14_TARGETS,AVERAGE_GROWTH,2021-01-01/P5Y,5,PC,0,F,AT_LEAST",
            12,
            "the report's figure is about, not at_least",
        ),
        (
            "GDP,FYP14_TARGETS,AVERAGE_GROWTH,2021-01-01/P5Y,5,HA,0,F,ABOUT",
            9,
            "cannot convert 公顷 to %",
        ),
        (
            "GDP,FYP14_TARGETS,GROWTH,2021-01-01/P5Y,5,PC,0,F,ABOUT",
            5,
            "the report has no GROWTH figure of gdp for 2021-01-01/P5Y in FYP14_TARGETS",
        ),
    ] {
        let mut mine = cat.clone();
        match mine.add_observations_sdmx_csv(&row(rest)) {
            Err(Error::InvalidObservations { problems }) => {
                assert_eq!(problems.len(), 1, "{problems:?}");
                assert_eq!(
                    (problems[0].line, problems[0].column),
                    (2, column),
                    "{rest}"
                );
                assert!(problems[0].message.contains(message), "{problems:?}");
                assert!(
                    problems[0]
                        .message
                        .ends_with("only observations (REPORT_PART USER) can be loaded"),
                    "{problems:?}"
                );
            }
            other => panic!("{rest}: {other:?}"),
        }
        assert_eq!(&mine, cat);
    }
}

#[test]
fn every_problem_of_a_file_is_listed() {
    let mut cat = catalog::embedded().clone();
    let err = cat
        .add_observations_sdmx_csv(
            "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
             dataflow,XUHUI:DF_GWR2021(1.0),I,NOPE,2021,x,99\n\
             dataflow,XUHUI:DF_GWR2021(1.0),I,AI_OUTPUT,2021,410,8\n\
             dataflow,XUHUI:DF_GWR2021(1.0),X,AI_OUTPUT,2021Q3,410,8\n",
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidObservations);
    let Error::InvalidObservations { problems } = &err else {
        unreachable!()
    };
    let at: Vec<_> = problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(at, [(2, 4), (2, 6), (2, 7), (4, 3), (4, 5)], "{err}");
    assert_eq!(&cat, catalog::embedded());
}

#[test]
fn structure_message_lists_the_catalog() {
    let cat = catalog::embedded();
    let xml = cat.to_sdmx_structure();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mes:Structure "));
    assert!(xml.ends_with("</mes:Structure>\n"));
    let indicators = xml
        .split("<str:Codelist id=\"CL_INDICATOR\"")
        .nth(1)
        .and_then(|s| s.split("</str:Codelist>").next())
        .unwrap();
    assert_eq!(indicators.matches("<str:Code id=").count(), cat.len());
    for ind in cat.indicators() {
        let code = format!("<str:Code id=\"{}\">", ind.id().to_uppercase());
        assert!(indicators.contains(&code), "{code}");
    }
    let parts = xml
        .split("<str:Codelist id=\"CL_REPORT_PART\"")
        .nth(1)
        .and_then(|s| s.split("</str:Codelist>").next())
        .unwrap();
    for g in Group::ALL {
        assert!(parts.contains(&format!("<str:Code id=\"{}\">", g.as_str().to_uppercase())));
    }
    // 万 and 亿 are codes 4 and 8, with their Chinese names.
    assert!(xml.contains(
        "<str:Code id=\"8\">\n          <com:Name xml:lang=\"en\">Hundreds of millions</com:Name>\n          \
         <com:Name xml:lang=\"zh\">亿</com:Name>"
    ));
    // Quotes in names are escaped.
    assert!(!xml.contains("\"\""));
    // Same text each call: nothing depends on the clock.
    assert_eq!(xml, cat.to_sdmx_structure());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any finite value survives SDMX-CSV bit for bit.
    #[test]
    fn values_round_trip(v in prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO) {
        let mut mine = catalog::embedded().clone();
        mine.add_observations(&[xh_core::catalog::Observation {
            id: "ai_output".into(), year: 2030, value: v, unit: None, status: None, note: None,
        }]).unwrap();
        let mut again = catalog::embedded().clone();
        again.add_observations_sdmx_csv(&mine.to_sdmx_csv()).unwrap();
        let got = again.get("ai_output").unwrap().latest_level(2030).unwrap().value();
        prop_assert_eq!(got.map(f64::to_bits), Some(v.to_bits()));
    }
}

/// Pieces of SDMX-CSV, valid and not, for random files.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(",".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\"".to_owned()),
        Just("dataflow,XUHUI:DF_GWR2021(1.0),I,".to_owned()),
        Just("CN_310104,".to_owned()),
        Just("AI_OUTPUT,".to_owned()),
        Just("HOUSING_RENOVATION,".to_owned()),
        Just("USER,LEVEL,".to_owned()),
        Just("RESULTS_2020,LEVEL,2020,350,CNY,8,E,,".to_owned()),
        Just("2021,".to_owned()),
        Just("2021-01-01/P5Y,".to_owned()),
        Just("410,CNY,8,A,,".to_owned()),
        Just("37,M2,4,E,,".to_owned()),
        "[0-9]{1,5}",
        "[ -~]{0,6}",
        "[\u{4e00}-\u{4e10}]{1,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A random file either loads (and its export reads back as the same
    /// catalog) or is rejected with a line, leaving the catalog unchanged.
    #[test]
    fn random_files_load_whole_or_not_at_all(
        header in prop_oneof![
            Just(HEADER.to_owned()),
            Just("DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT".to_owned()),
            Just("STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REPORT_PART,TIME_PERIOD,OBS_VALUE".to_owned()),
        ],
        body in prop::collection::vec(piece(), 0..40),
    ) {
        let text = format!("{header}\n{}", body.concat());
        let embedded = catalog::embedded();
        let mut cat = embedded.clone();
        match cat.add_observations_sdmx_csv(&text) {
            Ok(n) => {
                prop_assert_eq!(cat.figures().count(), embedded.figures().count() + n);
                let mut again = embedded.clone();
                again.add_observations_sdmx_csv(&cat.to_sdmx_csv()).unwrap();
                prop_assert_eq!(&again, &cat);
            }
            Err(e) => {
                prop_assert_eq!(&cat, embedded);
                prop_assert!(e.to_string().contains("line "), "{}", e);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The published outcomes 2021–2025 as SDMX-CSV.

/// The data rows of an SDMX-CSV text, as records keyed by column name.
fn records(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn outcome_row<'a>(
    rows: &'a [std::collections::HashMap<String, String>],
    indicator: &str,
    kind: &str,
    period: &str,
) -> &'a std::collections::HashMap<String, String> {
    let found: Vec<_> = rows
        .iter()
        .filter(|r| {
            r["INDICATOR"] == indicator && r["FIGURE_KIND"] == kind && r["TIME_PERIOD"] == period
        })
        .collect();
    assert_eq!(found.len(), 1, "{indicator} {kind} {period}");
    found[0]
}

#[test]
fn outcomes_export_one_row_per_published_figure() {
    let published = outcomes::embedded();
    let csv = published.to_sdmx_csv();
    assert_eq!(lines(&csv)[0], HEADER);
    let rows = records(&csv);
    // One observation per indicator, kind and period that has a published
    // value (SDMX keys are unique; other sources for a key go to NOTE).
    let keys: std::collections::HashSet<_> = published
        .outcomes
        .iter()
        .map(|o| (&o.indicator, o.kind, o.period_start, o.period_end))
        .collect();
    assert_eq!(rows.len(), keys.len());
    assert!(
        rows.len() < published.outcomes.len(),
        "the file has keys with several sources"
    );
    let also = rows
        .iter()
        .map(|r| r["NOTE"].matches("also published: ").count())
        .sum::<usize>();
    assert_eq!(rows.len() + also, published.outcomes.len());
    for r in &rows {
        assert_eq!(&r["STRUCTURE"], "dataflow");
        assert_eq!(&r["STRUCTURE_ID"], "XUHUI:DF_GWR2021(1.0)");
        assert_eq!(&r["REF_AREA"], "CN_310104");
        assert_eq!(&r["REPORT_PART"], "OUTCOMES_PUBLISHED");
        assert!(["A", "E"].contains(&r["OBS_STATUS"].as_str()), "{r:?}");
        assert!(!r["OBS_VALUE"].is_empty());
    }
    // Context figures (the city's, the nation's) are not the district's
    // indicators, and indicators searched without result have no row.
    for c in &published.context {
        let code = c.indicator.to_uppercase();
        assert!(rows.iter().all(|r| r["INDICATOR"] != code), "{code}");
    }
    for n in &published.searched_not_found {
        if published.of(&n.indicator).next().is_none() {
            let code = n.indicator.to_uppercase();
            assert!(rows.iter().all(|r| r["INDICATOR"] != code), "{code}");
        }
    }
    // The catalog's own export is unchanged by the outcomes.
    assert!(!catalog::embedded()
        .to_sdmx_csv()
        .contains("OUTCOMES_PUBLISHED"));
}

#[test]
fn outcomes_export_known_values() {
    let rows = records(&outcomes::embedded().to_sdmx_csv());
    // Budget revenue 2025: 309.25亿元, final, in the 2026 work report.
    let b = outcome_row(&rows, "BUDGET_REVENUE", "LEVEL", "2025");
    let got: Vec<&str> = [
        "OBS_VALUE",
        "UNIT_MEASURE",
        "UNIT_MULT",
        "OBS_STATUS",
        "QUALIFIER",
        "PRICE_BASIS",
    ]
    .iter()
    .map(|c| b[*c].as_str())
    .collect();
    assert_eq!(got, ["309.25", "CNY", "8", "A", "", "CURRENT"]);
    assert!(b["COMMENT_OBS"].starts_with("“完成区级一般公共预算收入309.25亿元” — "));
    assert!(b["COMMENT_OBS"].contains("徐汇报"));
    assert!(b["COMMENT_OBS"].ends_with("http://www.xuhuinews.com/news.php?id=13182"));
    // 万 is UNIT_MULT 4: 37万平方米 of old housing renovated in 2021.
    let h = outcome_row(&rows, "HOUSING_RENOVATION", "LEVEL", "2021");
    assert_eq!(
        (
            h["OBS_VALUE"].as_str(),
            h["UNIT_MEASURE"].as_str(),
            h["UNIT_MULT"].as_str()
        ),
        ("37", "M2", "4")
    );
    // A preliminary figure (预计) is E: industrial output 2021, 750亿元.
    let i = outcome_row(&rows, "INDUSTRIAL_OUTPUT", "LEVEL", "2021");
    assert_eq!(
        (i["OBS_VALUE"].as_str(), i["OBS_STATUS"].as_str()),
        ("750", "E")
    );
    // A bound keeps its qualifier: GDP 2024 突破3000亿元 (preliminary).
    let g = outcome_row(&rows, "GDP", "LEVEL", "2024");
    assert_eq!(
        (
            g["OBS_VALUE"].as_str(),
            g["QUALIFIER"].as_str(),
            g["OBS_STATUS"].as_str()
        ),
        ("3000", "MORE_THAN", "E")
    );
    // GDP 2025: three sources; the final number 4153.08 is the value, the
    // two bounds of 4000亿元 are in NOTE.
    let g = outcome_row(&rows, "GDP", "LEVEL", "2025");
    assert_eq!(
        (
            g["OBS_VALUE"].as_str(),
            g["QUALIFIER"].as_str(),
            g["OBS_STATUS"].as_str()
        ),
        ("4153.08", "", "A")
    );
    assert_eq!(g["NOTE"].matches("also published: ").count(), 2);
    assert!(
        g["NOTE"].contains("also published: MORE_THAN 4000 亿元 (preliminary): “"),
        "{}",
        g["NOTE"]
    );
    // A five-year average growth is a time range.
    let a = outcome_row(&rows, "GDP", "AVERAGE_GROWTH", "2017-01-01/P5Y");
    assert_eq!(
        (
            a["OBS_VALUE"].as_str(),
            a["UNIT_MEASURE"].as_str(),
            a["UNIT_MULT"].as_str()
        ),
        ("6", "PC", "0")
    );
}

#[test]
fn outcomes_structure_has_the_report_part() {
    let xml = catalog::embedded().to_sdmx_structure();
    assert!(
        xml.contains(
            "<str:Code id=\"OUTCOMES_PUBLISHED\">\n          \
         <com:Name xml:lang=\"en\">Outcomes published after the report"
        ),
        "{}",
        &xml[xml.find("OUTCOMES_PUBLISHED").unwrap_or(0)..][..300]
    );
    assert!(xml.contains("报告之后公布的实际数据"));
}

#[test]
fn outcomes_export_reads_back_as_the_published_observations() {
    let published = outcomes::embedded();
    let csv = published.to_sdmx_csv();
    let mut read = catalog::embedded().clone();
    let n = read.add_observations_sdmx_csv(&csv).unwrap();
    let mut direct = catalog::embedded().clone();
    assert_eq!(
        direct.add_observations(&published.observations()).unwrap(),
        n
    );
    // The same figures, values, statuses and notes as loading the
    // outcomes' observations directly.
    assert_eq!(read, direct);
    // Numbers checked by hand: the levels of one year from 2021 on that
    // are numbers (exact or 左右), one per indicator and year.
    let level = |id: &str, year: i32| {
        let ind = read.get(id).unwrap();
        let users: Vec<_> = ind
            .figures()
            .iter()
            .filter(|f| f.group() == Group::User && f.year_end() == year)
            .collect();
        assert_eq!(users.len(), 1, "{id} {year}");
        (users[0].value(), users[0].status().as_str())
    };
    assert_eq!(level("budget_revenue", 2025), (Some(309.25), "actual"));
    assert_eq!(level("budget_revenue", 2022), (Some(226.0), "estimate"));
    assert_eq!(level("gdp", 2025), (Some(4153.08), "actual"));
    assert_eq!(level("housing_renovation", 2021), (Some(37.0), "actual"));
    assert_eq!(level("ai_output", 2024), (Some(1000.0), "actual"));
    // Bounds, growth rates, five-year figures and 2020 figures are skipped.
    let count = |id: &str| {
        read.get(id)
            .unwrap()
            .figures()
            .iter()
            .filter(|f| f.group() == Group::User)
            .count()
    };
    assert_eq!(
        count("gdp"),
        2,
        "2022 and 2025; 2021 and 2024 are bounds, 2020 the base"
    );
    assert_eq!(count("modern_services_revenue"), 0);
    assert!(n >= 20);

    // The catalog's export and the outcomes' rows are one dataset: they
    // read back together.
    let both = catalog::embedded().to_sdmx_csv() + csv.split_once('\n').unwrap().1;
    let mut again = catalog::embedded().clone();
    assert_eq!(again.add_observations_sdmx_csv(&both).unwrap(), n);
    assert_eq!(again, direct);
    // Once loaded, they are the user's observations, and export as USER.
    let mut round = catalog::embedded().clone();
    round
        .add_observations_sdmx_csv(&read.to_sdmx_csv())
        .unwrap();
    assert_eq!(round, read);
}

#[test]
fn outcome_rows_are_checked_like_observations() {
    let row = |rest: &str| format!("{HEADER}\ndataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,{rest}\n");
    let mut cat = catalog::embedded().clone();
    // A growth rate or a bound is not an observation: read and skipped.
    let skipped = row("GDP,OUTCOMES_PUBLISHED,GROWTH,2025,5.5,PC,0,A,,,q,\n")
        + "dataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,GDP,OUTCOMES_PUBLISHED,LEVEL,2024,3000,CNY,8,E,MORE_THAN,CURRENT,q,\n";
    assert_eq!(cat.add_observations_sdmx_csv(&skipped).unwrap(), 0);
    assert_eq!(&cat, catalog::embedded());
    // A level with 左右 is loaded as its number, UNIT_MULT applied.
    let about = row("GDP,OUTCOMES_PUBLISHED,LEVEL,2023,3000000,CNY,4,E,ABOUT,CURRENT,quoted,");
    assert_eq!(cat.add_observations_sdmx_csv(&about).unwrap(), 1);
    let fig = cat.get("gdp").unwrap().latest_level(2023).unwrap();
    assert_eq!((fig.value(), fig.note()), (Some(300.0), Some("quoted")));
    // A bad value in an outcome level is an error with its line and column.
    let mut cat = catalog::embedded().clone();
    let err = cat
        .add_observations_sdmx_csv(&row(
            "GDP,OUTCOMES_PUBLISHED,LEVEL,2023,abc,CNY,8,A,,CURRENT,q,",
        ))
        .unwrap_err();
    let Error::InvalidObservations { problems } = &err else {
        panic!("{err}")
    };
    assert_eq!((problems[0].line, problems[0].column), (2, 9), "{err}");
    // A forecast is not a published outcome's status.
    let err = cat
        .add_observations_sdmx_csv(&row(
            "GDP,OUTCOMES_PUBLISHED,LEVEL,2023,3000,CNY,8,F,,CURRENT,q,",
        ))
        .unwrap_err();
    assert!(err.to_string().contains("targets"), "{err}");
    assert_eq!(&cat, catalog::embedded());
}
