//! The plan report as a reader sees it in a terminal: its width, its
//! columns, its symbols and its wording.

use std::collections::BTreeMap;

use xh_core::assess::Deflator;
use xh_core::catalog::Catalog;
use xh_core::display::width;
use xh_core::report::{self, MAX_WIDTH};

const SCENARIO: &str = include_str!("../examples/data/synthetic_2021_2023.csv");

fn scenario() -> Catalog {
    let mut cat = xh_core::catalog::embedded().clone();
    cat.add_observations_csv(SCENARIO).unwrap();
    cat
}

fn reports() -> Vec<(&'static str, String)> {
    let gdp = BTreeMap::from([(
        "gdp".to_owned(),
        Deflator::Inflation(vec![(2021, 0.020), (2022, 0.015), (2023, 0.010)]),
    )]);
    vec![
        ("embedded", report::render(xh_core::catalog::embedded())),
        ("scenario", report::render(&scenario())),
        (
            "scenario + deflator",
            report::render_with(&scenario(), &gdp),
        ),
    ]
}

/// Terminal columns of one character, from UAX #11 for the characters
/// the report uses (independent of the crate under test): CJK ideographs,
/// CJK punctuation and full-width forms are wide; ASCII and the East Asian
/// ambiguous symbols the report prints are one column.
fn reference_width(c: char) -> usize {
    match c as u32 {
        0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFF60 => 2,
        0x20..=0x7E => 1,
        _ if "“”Ⅲ≤≥≈·–→²✓✗○".contains(c) => 1,
        _ => panic!(
            "the report prints {c:?} (U+{:04X}), outside the checked set",
            c as u32
        ),
    }
}

/// The display column (0-based) where each character of `line` starts.
fn columns(line: &str) -> Vec<(usize, char)> {
    let mut col = 0;
    line.chars()
        .map(|c| {
            let at = col;
            col += reference_width(c);
            (at, c)
        })
        .collect()
}

#[test]
fn every_line_fits_100_columns_without_trailing_spaces() {
    for (name, text) in reports() {
        for (i, line) in text.lines().enumerate() {
            let reference: usize = line.chars().map(reference_width).sum();
            assert_eq!(width(line), reference, "{name} line {}: {line}", i + 1);
            assert!(
                width(line) <= MAX_WIDTH,
                "{name} line {}: {} columns: {line}",
                i + 1,
                width(line)
            );
            assert_eq!(
                line,
                line.trim_end(),
                "{name} line {}: trailing space",
                i + 1
            );
        }
        // The widest lines use the room (not a 60-column report).
        assert!(text.lines().any(|l| width(l) > 90), "{name}");
    }
}

/// Every data line of every table starts each cell at its header's column,
/// counted in display columns (CJK units such as 万平方米 are two wide).
#[test]
fn table_cells_line_up_under_their_headers() {
    for (name, text) in reports() {
        let lines: Vec<&str> = text.lines().collect();
        let mut tables = 0;
        for (i, line) in lines.iter().enumerate() {
            let is_rule = line.trim_start().starts_with("----");
            if !is_rule {
                continue;
            }
            tables += 1;
            let header = columns(lines[i - 1]);
            // Header cells start after two or more spaces.
            let starts: Vec<usize> = header
                .windows(3)
                .filter(|w| w[0].1 == ' ' && w[1].1 == ' ' && w[2].1 != ' ')
                .map(|w| w[2].0)
                .collect();
            // Sections 一 to 三, the two tables of 五 (with observations
            // after 2020), then 六 and 七.
            let expected_cells: &[usize] = if name == "embedded" {
                &[4, 3, 3, 3, 4]
            } else {
                &[4, 3, 3, 5, 3, 3, 4]
            };
            let cells = expected_cells[tables - 1];
            assert_eq!(starts.len(), cells, "{name}: header {}", lines[i - 1]);
            let mut rows = 0;
            for row in lines[i + 1..].iter().take_while(|l| !l.is_empty()) {
                // Data lines are indented like the header; names are not.
                let data = row.starts_with("    ") && !row.starts_with("     ");
                if !data || row.starts_with("    error: ") {
                    continue;
                }
                let cells = columns(row);
                let at = |c: usize| cells.iter().find(|(x, _)| *x == c).map(|p| p.1);
                for &s in &starts {
                    assert_eq!(at(s - 1), Some(' '), "{name}: column {s} in {row:?}");
                    assert!(
                        at(s).is_some_and(|c| c != ' '),
                        "{name}: no cell at column {s} in {row:?}"
                    );
                }
                rows += 1;
            }
            assert!(rows > 0, "{name}: empty table under {}", lines[i - 1]);
        }
        let expected = if name == "embedded" { 5 } else { 7 };
        assert_eq!(tables, expected, "{name}");
    }
}

#[test]
fn one_meaning_per_symbol_and_one_label_style() {
    for (name, text) in reports() {
        // `..` not available and `n/a` not applicable; no dash for either.
        assert!(!text.contains('—'), "{name}");
        assert!(text.contains("符号 Symbols: .. not available · n/a not applicable"));
        for tag in [
            "on_track",
            "fair_progress",
            "moving_away",
            "slightly_cloudy",
            "level_each_year",
            "cumulative_amount",
        ] {
            assert!(!text.contains(tag), "{name}: {tag}");
        }
        // A readable source, not the seed file's name.
        assert!(!text.contains(".txt"), "{name}");
        assert!(text.contains("2021年上海市徐汇区政府工作报告"));
        // Never 0 or 100 % from a model.
        assert!(
            !text.contains("100.00 %") && !text.contains(" 0 % (n="),
            "{name}"
        );
    }
}

fn row_after<'a>(text: &'a str, section: &str, name: &str) -> &'a str {
    let from = text.find(section).unwrap();
    let at = from + text[from..].find(name).unwrap();
    text[at..].lines().nth(1).unwrap()
}

#[test]
fn targets_read_in_their_own_terms() {
    let text = report::render(&scenario());
    // 90 headquarters + 20 new: the implied stock, and the pace as a count
    // in every section.
    let hq = row_after(&text, "一、", "跨国公司地区总部");
    assert!(
        hq.contains("+20 家 added in 2021–2025") && hq.contains("110 家"),
        "{hq}"
    );
    assert!(hq.trim_end().ends_with("4 家/yr"), "{hq}");
    let hq4 = row_after(&text, "五、", "跨国公司地区总部");
    assert!(hq4.contains("家/yr") && !hq4.contains("%/yr"), "{hq4}");
    // 压减10%以上: a cut of at least 10 %.
    let cut = text
        .lines()
        .skip_while(|l| !l.contains("政府部门非急需非刚性一般性支出"))
        .find(|l| l.starts_with("    "))
        .unwrap();
    assert!(cut.contains("cut ≥ 10 %") && !cut.contains("-10"), "{cut}");
    // Thousands separators and the probability with its n.
    let ai = row_after(&text, "五、", "人工智能及相关产业总产出");
    assert!(ai.contains("0.8 % (n=3)"), "{ai}");
    let life = row_after(&text, "一、", "生命健康产业总产出");
    assert!(life.contains("1,000.1 亿元"), "{life}");
    // The plan's base is the report's 2020 level, not a later user value.
    let rd = row_after(&text, "一、", "全社会研发投入占地区生产总值比重");
    assert!(rd.trim_start().starts_with(".."), "{rd}");
    // An every-year bound: no pace, and its breaches named.
    let jobs = row_after(&text, "五、", "城镇调查失业率");
    assert!(jobs.contains("no breach"), "{jobs}");
}
