//! The plan report: a bilingual text dashboard of the 14th Five-Year Plan
//! targets and the 2021 annual plan, rendered from a catalog.
//!
//! The Rust example (`cargo run -p xh-core --example report`), the Python
//! CLI (`python -m xuhui`) and the C API all print this same text.
//!
//! Section 四 tracks every target against the published outcomes of
//! 2021–2025 ([`crate::outcomes`]). Section 五 assesses the targets
//! ([`crate::assess`](mod@crate::assess)) when the catalog holds user
//! observations after 2020 (added with [`Catalog::add_observations_csv`], or
//! `--observations FILE` on the command line);
//! for the embedded catalog it says how to add them. Section 六 lists the
//! rankings and full-coverage statements, section 七 the Shanghai-wide
//! figures the report quotes (never Xuhui's own targets). A bound without a
//! number is printed in the report's words (≤ 市政府下达的指标数).
//!
//! # Layout
//!
//! Every line fits [`MAX_WIDTH`] (100) terminal columns, measured with
//! [`crate::display::width`] (CJK two columns, East Asian ambiguous
//! characters one), and none ends in a space. Each row starts with the
//! indicator's Chinese and English names on a line of their own; the
//! numbers follow on an indented line in fixed columns. Numbers carry
//! thousands separators and their unit; `..` means not available, `n/a`
//! not applicable (the report ends with this key). Probabilities are never
//! printed as 0 or 100 % and state how many growth rates they rest on.
//!
//! # Examples
//!
//! ```
//! let text = xh_core::report::render(xh_core::catalog::embedded());
//! assert!(text.contains("人工智能及相关产业总产出"));
//! assert!(text.contains("704.0 亿元"));
//! assert!(text.lines().all(|l| xh_core::display::width(l) <= xh_core::report::MAX_WIDTH));
//! ```

mod layout;

use std::collections::BTreeMap;
use std::fmt::Write as _;

pub use layout::MAX_WIDTH;
use layout::{names, wrap, Table};

use crate::assess::{self, Assessment, Deflator, Outcome, TargetKind};
use crate::catalog::{Catalog, Figure, FigureKind, Group, Indicator, Qualifier, Scope};
use crate::display::{
    self, amount, figure_value, growth_rates_used, number, percent, qualifier_prefix,
    NOT_APPLICABLE, NOT_AVAILABLE,
};
use crate::outcomes::PublishedOutcomes;
use crate::plan::{self, RequiredPace, TargetSummary};
use crate::units::Unit;

/// Renders the dashboard as text.
pub fn render(catalog: &Catalog) -> String {
    render_with(catalog, &BTreeMap::new())
}

/// Renders the dashboard, deflating the series of each indicator id in
/// `deflators` before assessing it (section 五).
pub fn render_with(catalog: &Catalog, deflators: &BTreeMap<String, Deflator>) -> String {
    render_all(catalog, deflators, &assess::Options::default(), None)
}

/// Renders the dashboard with everything set: `deflators` as for
/// [`render_with`], `options` for the assessments of section 五 (e.g.
/// `check_plausibility: false` for observations whose jumps are real), and
/// section 四 from `published` instead of the embedded outcomes when given.
///
/// # Examples
///
/// ```
/// use std::collections::BTreeMap;
/// use xh_core::{assess, catalog, report};
/// let mut cat = catalog::embedded().clone();
/// // AI output: 350亿元 in 2020, then a real hundredfold jump.
/// cat.add_observations_csv("id,year,value\nai_output,2021,40000\n")?;
/// let checked = report::render(&cat);
/// assert!(checked.contains("40000 is 114.3 times") && checked.contains("wrong unit?"));
/// let options = assess::Options { check_plausibility: false, ..Default::default() };
/// let accepted = report::render_with_options(&cat, &BTreeMap::new(), &options, None);
/// assert!(!accepted.contains("wrong unit?"));
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn render_with_options(
    catalog: &Catalog,
    deflators: &BTreeMap<String, Deflator>,
    options: &assess::Options,
    published: Option<&PublishedOutcomes>,
) -> String {
    render_all(catalog, deflators, options, published)
}

/// Renders the dashboard with section 四 from `published` (a user's own
/// outcomes file) instead of the embedded outcomes.
pub fn render_with_outcomes(catalog: &Catalog, published: &PublishedOutcomes) -> String {
    render_all(
        catalog,
        &BTreeMap::new(),
        &assess::Options::default(),
        Some(published),
    )
}

fn render_all(
    catalog: &Catalog,
    deflators: &BTreeMap<String, Deflator>,
    options: &assess::Options,
    published: Option<&PublishedOutcomes>,
) -> String {
    let mut out = String::new();
    heading(&mut out, catalog);
    fyp14_section(&mut out, catalog);
    pace_section(&mut out, catalog);
    plan2021_section(&mut out, catalog);
    match published {
        Some(published) => out.push_str(&crate::outcomes::render_section(catalog, published)),
        None => match crate::outcomes::try_embedded() {
            Ok(embedded) => out.push_str(&crate::outcomes::render_section(catalog, embedded)),
            Err(e) => wrap(
                &mut out,
                &format!("四、目标实现情况 / How the targets turned out: error: {e}"),
                "",
                "    ",
            ),
        },
    }
    let _ = writeln!(out);
    assessment_section(&mut out, catalog, deflators, options);
    ranks_and_coverage_section(&mut out, catalog);
    other_scopes_section(&mut out, catalog);
    symbols(&mut out);
    out
}

fn heading(out: &mut String, catalog: &Catalog) {
    let src = catalog.source();
    let (mut report, mut user) = (0, 0);
    for (_, f) in catalog.figures() {
        if f.group() == Group::User {
            user += 1;
        } else {
            report += 1;
        }
    }
    let _ = writeln!(out, "xuhui · {}", src.title_zh);
    let _ = writeln!(out, "{}, delivered {}", src.title_en, src.delivered);
    let counts = format!(
        "{} · {} from the report, each with the sentence it was read from",
        display::count(catalog.len(), "indicator", "indicators"),
        display::count(report, "figure", "figures"),
    );
    wrap(out, &counts, "", "");
    if user > 0 {
        let _ = writeln!(
            out,
            "{} added by the user (not from the report)",
            display::count(user, "observation", "observations")
        );
    }
    let _ = writeln!(out);
}

/// Decimals to show for levels of an indicator: as many as its printed
/// levels have (at most 2), so derived values are not more precise than
/// the figures they come from.
fn level_decimals(ind: Option<&Indicator>) -> usize {
    ind.map_or(1, |i| {
        i.figures()
            .iter()
            .filter(|f| f.kind() == FigureKind::Level)
            .filter_map(|f| f.value().map(display::decimals))
            .max()
            .unwrap_or(0)
            .min(2)
    })
}

/// A value per year: `52 万平方米/yr` (decimals only where needed).
fn per_year(v: f64, unit: Unit) -> String {
    let d = (display::decimals(v) > 2).then_some(2);
    format!("{}/yr", amount(v, d, unit))
}

/// `37 万平方米`, with the year when it is not the column's year.
fn base_cell(b: &Figure, column_year: i32) -> String {
    let mut s = b
        .value()
        .map_or(NOT_AVAILABLE.to_owned(), |v| amount(v, None, b.unit()));
    if b.year_end() != column_year {
        let _ = write!(s, " ({})", b.year_end());
    }
    s
}

/// The level a target implies in its last year: compounded for growth,
/// base + change for a stock, the target itself for a level; `n/a` for
/// bounds and sums of flows, `..` when the report gives no base.
fn implied_cell(s: &TargetSummary) -> String {
    let t = &s.target;
    match t.kind() {
        // A bound in words implies no number.
        _ if t.value().is_none() => NOT_AVAILABLE.to_owned(),
        FigureKind::Level => figure_value(t),
        FigureKind::LevelEachYear
        | FigureKind::CumulativeGrowth
        | FigureKind::Rank
        | FigureKind::Coverage => NOT_APPLICABLE.to_owned(),
        FigureKind::CumulativeAmount | FigureKind::Change | FigureKind::GrossAddition => {
            match (&s.implied_end, &s.base) {
                (Some(v), Some(b)) => amount(*v, None, b.unit()),
                // A sum of flows implies no level.
                _ if t.kind() == FigureKind::CumulativeAmount => NOT_APPLICABLE.to_owned(),
                // A change of a stock the report gives no base for.
                _ => NOT_AVAILABLE.to_owned(),
            }
        }
        FigureKind::Growth | FigureKind::AverageGrowth => match (&s.implied_end, &s.base) {
            (Some(v), Some(b)) => format!(
                "{}{}",
                qualifier_prefix(t.qualifier()),
                amount(*v, Some(1), b.unit())
            ),
            _ => NOT_AVAILABLE.to_owned(),
        },
    }
}

/// The pace a plan target asks for, in the target's own terms: its rate
/// for a growth target, an amount a year for sums and stock changes.
fn plan_pace(s: &TargetSummary) -> String {
    let t = &s.target;
    match s.required {
        RequiredPace::Rate(x)
            if matches!(t.kind(), FigureKind::Growth | FigureKind::AverageGrowth) =>
        {
            format!(
                "{}{}/yr",
                qualifier_prefix(t.qualifier()),
                percent(t.value().unwrap_or(x * 100.0), None)
            )
        }
        RequiredPace::Rate(x) => format!("{}/yr", percent(x * 100.0, Some(2))),
        RequiredPace::PointsPerYear(p) => format!("{p:+.2} pp/yr"),
        RequiredPace::AmountPerYear(a) => per_year(a, t.unit()),
        RequiredPace::Bound => NOT_APPLICABLE.to_owned(),
        RequiredPace::Met => match &s.base {
            Some(b) => format!("met in {}", b.year_end()),
            None => "met".to_owned(),
        },
        RequiredPace::Unknown => NOT_AVAILABLE.to_owned(),
    }
}

fn fyp14_section(out: &mut String, catalog: &Catalog) {
    let rows = plan::fyp14_targets(catalog);
    let start = rows
        .iter()
        .map(|s| s.target.year_start())
        .min()
        .unwrap_or(2021);
    let end = rows
        .iter()
        .map(|s| s.target.year_end())
        .max()
        .unwrap_or(2025);
    let _ = writeln!(
        out,
        "一、“十四五”主要指标 / 14th Five-Year Plan main indicators, {start}–{end}"
    );
    let t = Table {
        indent: 4,
        widths: &[18, 28, 20],
    };
    t.header(
        out,
        &[
            &format!("基期 Base {}", start - 1),
            "目标 Target",
            &format!("隐含 Implied {end}"),
            "需要 Required",
        ],
        16,
    );
    for s in &rows {
        names(out, &s.name_zh, &s.name_en);
        let base = s
            .base
            .as_ref()
            .map_or(NOT_AVAILABLE.to_owned(), |b| base_cell(b, start - 1));
        t.line(
            out,
            &[
                &base,
                &figure_value(&s.target),
                &implied_cell(s),
                &plan_pace(s),
            ],
        );
    }
    let _ = writeln!(out);
}

fn pace_section(out: &mut String, catalog: &Catalog) {
    let _ = writeln!(
        out,
        "二、2021年计划与五年进度 / 2021 plan against the five-year pace"
    );
    let t = Table {
        indent: 4,
        widths: &[18, 28],
    };
    t.header(
        out,
        &["2021年 plan", "五年进度 5-year pace", "判断 Verdict"],
        18,
    );
    for c in plan::consistency_2021(catalog) {
        names(out, &c.name_zh, &c.name_en);
        let annual = format!(
            "{}{}",
            qualifier_prefix(c.annual_qualifier),
            amount(c.annual, None, c.unit)
        );
        let pace = format!(
            "{}{}",
            qualifier_prefix(c.five_year_qualifier),
            per_year(c.five_year_pace, c.unit)
        );
        let verdict = format!("{} {}", c.verdict.zh(), c.verdict.en());
        t.line(out, &[&annual, &pace, &verdict]);
    }
    let _ = writeln!(out);
}

fn plan2021_section(out: &mut String, catalog: &Catalog) {
    let _ = writeln!(
        out,
        "三、2021年主要预期指标 / 2021 targets, with the levels they imply"
    );
    let t = Table {
        indent: 4,
        widths: &[28, 18],
    };
    t.header(
        out,
        &["目标 Target 2021", "基期 Base 2020", "隐含 Implied 2021"],
        16,
    );
    for s in plan::targets(catalog, Group::Plan2021) {
        names(out, &s.name_zh, &s.name_en);
        let base = s
            .base
            .as_ref()
            .map_or(NOT_AVAILABLE.to_owned(), |b| base_cell(b, 2020));
        t.line(out, &[&figure_value(&s.target), &base, &implied_cell(&s)]);
    }
    let _ = writeln!(out);
}

// ---------------------------------------------------------------------------
// Section 五: the assessment.

/// The pace still needed, in the target's own terms: an amount a year for
/// a sum of flows and for a change of a stock (20 new headquarters), a
/// rate or percentage points a year otherwise.
fn required_cell(a: &Assessment, p: &assess::Progress, unit: Option<Unit>) -> String {
    let left = a.target.target_year - p.latest.year;
    match (a.target.kind, p.required_pace) {
        (_, RequiredPace::Met) => "met".to_owned(),
        (_, RequiredPace::Bound) => NOT_APPLICABLE.to_owned(),
        (_, RequiredPace::Unknown) => NOT_AVAILABLE.to_owned(),
        (TargetKind::Change { .. }, _) if left > 0 => {
            let per = (p.required_value - p.latest.value) / f64::from(left);
            let sign = if per > 0.0 { "+" } else { "" };
            match unit {
                Some(u) => format!("{sign}{}", per_year(per, u)),
                None => format!("{sign}{}/yr", number(per, Some(1))),
            }
        }
        (_, RequiredPace::Rate(x)) => format!("{}/yr", percent(x * 100.0, Some(2))),
        (_, RequiredPace::PointsPerYear(d)) => format!("{d:+.2} pp/yr"),
        (_, RequiredPace::AmountPerYear(v)) => match unit {
            Some(u) => per_year(v, u),
            None => format!("{}/yr", number(v, Some(1))),
        },
    }
}

fn level_text(v: f64, decimals: usize, unit: Option<Unit>) -> String {
    match unit {
        Some(u) => amount(v, Some(decimals), u),
        None => number(v, Some(decimals)),
    }
}

/// Years an every-year bound was broken: `no breach`, `breach 2022`.
fn breaches(p: &assess::Progress) -> String {
    let years: Vec<String> = p
        .year_checks
        .iter()
        .filter(|c| !c.within)
        .map(|c| c.year.to_string())
        .collect();
    match years.len() {
        0 => "no breach".to_owned(),
        1 => format!("breach {}", years[0]),
        _ => format!("breaches {}", years.join(", ")),
    }
}

/// The attainment probability with the number of growth rates behind it.
fn probability_cell(a: &Assessment) -> String {
    let Outcome::Assessed(pr) = &a.probability else {
        return outcome_gap(&a.probability);
    };
    let p = pr.closed_form.unwrap_or(pr.monte_carlo.probability);
    let broken = a
        .progress
        .assessed()
        .is_some_and(|g| g.year_checks.iter().any(|c| !c.within));
    if broken && p == 0.0 {
        // An observed year already broke the bound: certain, not modelled.
        return "0 %, missed".to_owned();
    }
    match growth_rates_used(a) {
        Some(n) => format!("{} (n={n})", display::probability(p)),
        None => format!("{} (model given)", display::probability(p)),
    }
}

/// `..` for too few observations, `n/a` for a method that does not apply.
fn outcome_gap<T>(o: &Outcome<T>) -> String {
    match o {
        Outcome::NotApplicable { .. } => NOT_APPLICABLE.to_owned(),
        _ => NOT_AVAILABLE.to_owned(),
    }
}

fn class_cells(a: &Assessment) -> [String; 3] {
    let eurostat = match &a.eurostat {
        Outcome::Assessed(r) => match r.ratio {
            Some(x) => format!("{} (R {x:.2})", r.class.en()),
            None => r.class.en().to_owned(),
        },
        o => outcome_gap(o),
    };
    let unsd = match &a.unsd {
        // "fair progress, acceleration needed": the class, without the advice.
        Outcome::Assessed(r) => {
            let label = r.class.en().split(',').next().unwrap_or_default();
            match r.score {
                Some(x) => format!("{label} ({x:.2})"),
                None => label.to_owned(),
            }
        }
        o => outcome_gap(o),
    };
    let destatis = match &a.destatis {
        Outcome::Assessed(w) => w.class.en().to_owned(),
        o => outcome_gap(o),
    };
    [eurostat, unsd, destatis]
}

fn assessment_section(
    out: &mut String,
    catalog: &Catalog,
    deflators: &BTreeMap<String, Deflator>,
    options: &assess::Options,
) {
    if !assess::has_observations_after(catalog, 2020) {
        wrap(
            out,
            "五、进展评估 / Progress assessment: no observations after 2020 in this catalog; to assess \
             the targets, add yours (CSV with the columns id,year,value[,unit]): --observations FILE \
             on the command line, or load them into a copy of the catalog (docs/scenario.md).",
            "",
            "    ",
        );
        let _ = writeln!(out);
        return;
    }
    let _ = writeln!(
        out,
        "五、进展评估 / Progress assessment, from the observations added to the catalog"
    );
    wrap(
        out,
        "Observations after 2020 are user data, not figures of the report; the targets are the \
         14th Five-Year Plan's. Methods and thresholds: docs/methodology.md.",
        "    ",
        "    ",
    );
    let _ = writeln!(out);
    let results = assess::assess_group(catalog, Group::Fyp14Targets, deflators, options);
    // The latest and the target year over the assessed targets (a plain
    // fold over i32: an iterator `max` of Options trips valgrind's
    // uninitialised-value check in optimised builds).
    let (mut latest_year, mut target_year) = (i32::MIN, i32::MIN);
    for a in results.iter().filter_map(|(_, r)| r.as_ref().ok()) {
        target_year = target_year.max(a.target.target_year);
        if let Outcome::Assessed(p) = &a.progress {
            latest_year = latest_year.max(p.latest.year);
        }
    }
    if latest_year == i32::MIN {
        latest_year = 2020;
    }
    if target_year == i32::MIN {
        target_year = 2025;
    }
    let name = |id: &str| {
        catalog
            .find(id)
            .map_or((id.to_owned(), String::new()), |i| {
                (i.name_zh().to_owned(), i.name_en().to_owned())
            })
    };

    let _ = writeln!(out, "  进度 Where each target stands");
    let t = Table {
        indent: 4,
        widths: &[20, 16, 22, 12],
    };
    t.header(
        out,
        &[
            &format!("最新 Latest {latest_year}"),
            "需要 Required",
            &format!("现速 At pace, {target_year}"),
            "差距 Gap",
            "P(attain)",
        ],
        16,
    );
    for (id, result) in &results {
        let (zh, en) = name(id);
        names(out, &zh, &en);
        let a = match result {
            Ok(a) => a,
            Err(e) => {
                wrap(out, &format!("error: {e}"), "    ", "      ");
                continue;
            }
        };
        let ind = catalog.find(id);
        let unit = a.target.unit;
        let d = level_decimals(ind);
        let Outcome::Assessed(p) = &a.progress else {
            t.line(out, &[&outcome_gap(&a.progress)]);
            continue;
        };
        let bound = matches!(a.target.kind, TargetKind::EveryYear { .. });
        let mut latest = level_text(p.latest.value, d, unit);
        if p.latest.year != latest_year {
            let _ = write!(latest, " ({})", p.latest.year);
        }
        let at_pace = match p.projected_end {
            _ if bound => NOT_APPLICABLE.to_owned(),
            Some(v) => level_text(v, d, unit),
            None => NOT_AVAILABLE.to_owned(),
        };
        let gap = match p.gap_share {
            _ if bound => breaches(p),
            Some(g) => {
                let sign = if g * 100.0 >= 0.05 { "+" } else { "" };
                format!("{sign}{}", percent(g * 100.0, Some(1)))
            }
            None => NOT_AVAILABLE.to_owned(),
        };
        t.line(
            out,
            &[
                &latest,
                &required_cell(a, p, unit),
                &at_pace,
                &gap,
                &probability_cell(a),
            ],
        );
    }
    let _ = writeln!(out);
    wrap(
        out,
        "Latest: for a total over the period, the total so far. Required: the pace needed from the \
         latest year. At pace: the level in the target year if the pace observed since 2020 holds; \
         gap: that level against the required one. P(attain): the probability of meeting the \
         target under a log-normal growth model fitted to the n growth rates between successive \
         observations; with n below 5 read it as indicative only.",
        "    ",
        "    ",
    );
    let _ = writeln!(out);

    let _ = writeln!(out, "  分类 The three published classifications");
    let t = Table {
        indent: 4,
        widths: &[30, 32],
    };
    t.header(
        out,
        &[
            "Eurostat ratio R",
            "UNSD progress score",
            "Destatis weather",
        ],
        16,
    );
    for (id, result) in &results {
        let Ok(a) = result else { continue };
        let (zh, en) = name(id);
        names(out, &zh, &en);
        let [eu, un, de] = class_cells(a);
        t.line(out, &[&eu, &un, &de]);
    }
    let _ = writeln!(out);
}

// ---------------------------------------------------------------------------
// Sections 六 and 七: figures that are neither paced nor assessed.

/// 六: the rankings and full-coverage statements, as figures.
fn ranks_and_coverage_section(out: &mut String, catalog: &Catalog) {
    let _ = writeln!(
        out,
        "六、排名与覆盖 / Rankings and full coverage (a lower rank is better)"
    );
    // The value goes last: a peer group's name can be long.
    let t = Table {
        indent: 4,
        widths: &[14, 28],
    };
    t.header(out, &["时期 Period", "来源 Part", "数值 Value"], 40);
    for (ind, f) in catalog
        .figures()
        .filter(|(_, f)| matches!(f.kind(), FigureKind::Rank | FigureKind::Coverage))
    {
        names(out, ind.name_zh(), ind.name_en());
        t.line(out, &[&f.period(), f.group().label_en(), &figure_value(f)]);
    }
    let _ = writeln!(out);
}

/// 七: figures of Shanghai or China the report quotes; never Xuhui's own
/// targets, so neither paced nor assessed.
fn other_scopes_section(out: &mut String, catalog: &Catalog) {
    wrap(
        out,
        "七、全市及全国数据 / Shanghai-wide and national figures quoted (not Xuhui's own; \
         not assessed)",
        "",
        "    ",
    );
    let t = Table {
        indent: 4,
        widths: &[36, 14, 14],
    };
    t.header(
        out,
        &["数值 Value", "时期 Period", "范围 Scope", "状态 Status"],
        12,
    );
    for (ind, f) in catalog
        .figures()
        .filter(|(ind, _)| ind.scope() != Scope::District)
    {
        names(out, ind.name_zh(), ind.name_en());
        t.line(
            out,
            &[
                &figure_value(f),
                &f.period(),
                ind.scope().label_en(),
                f.status().label_en(),
            ],
        );
    }
    let _ = writeln!(out);
}

fn symbols(out: &mut String) {
    let q = |q: Qualifier| format!("{}{} ({})", qualifier_prefix(q), q.label_en(), q.zh());
    let key = format!(
        "符号 Symbols: {NOT_AVAILABLE} not available · {NOT_APPLICABLE} not applicable · {} · {} · \
         {} · {} · pp percentage points (个百分点) · /yr a year · in 四: ✓ achieved, ✗ not achieved, \
         ? undetermined, ○ no published figure or not assessed",
        q(Qualifier::AtLeast),
        q(Qualifier::AtMost),
        q(Qualifier::About),
        q(Qualifier::MoreThan),
    );
    wrap(out, &key, "", "  ");
}
