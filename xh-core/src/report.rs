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
//! # Examples
//!
//! ```
//! let text = xh_core::report::render(xh_core::catalog::embedded());
//! assert!(text.contains("人工智能及相关产业总产出"));
//! assert!(text.contains("704.0"));
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::assess::{self, Deflator, Outcome};
use crate::catalog::{Catalog, Figure, FigureKind, Group, Qualifier, Scope};
use crate::outcomes::PublishedOutcomes;
use crate::plan::{self, RequiredPace, TargetSummary};

/// Terminal display width: CJK and full-width characters take two columns.
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    let n = width(s);
    if n >= w {
        format!("{s} ")
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// A number as a reader expects it: `350`, `85.75`, `703.98` → `704.0` with `decimals`.
pub(crate) fn number(v: f64, decimals: Option<usize>) -> String {
    match decimals {
        Some(d) => format!("{v:.d$}"),
        None if v == v.trunc() && v.abs() < 1e15 => format!("{v:.0}"),
        None => {
            let s = format!("{v:.4}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    }
}

fn figure_text(f: &Figure) -> String {
    let q = match f.qualifier() {
        Qualifier::Exact => String::new(),
        q => format!("{} ", q.symbol()),
    };
    let Some(value) = f.value() else {
        // A bound without a number: the report's words.
        return format!("{q}{}", f.bound_text().unwrap_or("—"));
    };
    let v = number(value, None);
    let unit = f.unit().zh();
    let sep = if unit == "%" { "" } else { " " };
    let years = f.years();
    let universe = f.universe().unwrap_or("");
    match f.kind() {
        FigureKind::AverageGrowth => format!("{q}{v}%/yr"),
        FigureKind::Growth => format!("{q}{v}%"),
        FigureKind::CumulativeAmount => format!("{q}{v}{sep}{unit} in {years} yrs"),
        FigureKind::LevelEachYear => format!("{q}{v}{sep}{unit} each yr"),
        FigureKind::Change => format!("{q}+{v}{sep}{unit}"),
        FigureKind::GrossAddition if years > 1 => {
            format!("{q}+{v}{sep}{unit} added in {years} yrs")
        }
        FigureKind::GrossAddition => format!("{q}+{v}{sep}{unit} added"),
        FigureKind::Rank => format!("{q}No. {v} in {universe}"),
        FigureKind::Coverage => format!("{q}{v}% of {universe}"),
        _ => format!("{q}{v}{sep}{unit}"),
    }
}

fn base_text(b: &Figure) -> String {
    let unit = b.unit().zh();
    let sep = if unit == "%" { "" } else { " " };
    let v = b.value().map_or("—".to_owned(), |v| number(v, None));
    format!("{v}{sep}{unit} ({})", b.year_end())
}

fn required_text(r: RequiredPace, s: &TargetSummary) -> String {
    r.with_unit(&s.target.unit().zh()).to_string()
}

/// Renders the dashboard as text.
pub fn render(catalog: &Catalog) -> String {
    render_with(catalog, &BTreeMap::new())
}

/// Renders the dashboard, deflating the series of each indicator id in
/// `deflators` before assessing it (section 五).
pub fn render_with(catalog: &Catalog, deflators: &BTreeMap<String, Deflator>) -> String {
    render_all(catalog, deflators, None)
}

fn render_all(
    catalog: &Catalog,
    deflators: &BTreeMap<String, Deflator>,
    published: Option<&PublishedOutcomes>,
) -> String {
    let mut out = String::new();
    let src = catalog.source();
    let figures = catalog.figures().count();
    let _ = writeln!(out, "xuhui · {} / {}", src.title_zh, src.title_en);
    let _ = writeln!(
        out,
        "delivered {} · {} indicators · {} figures, each with its quote · source {}",
        src.delivered,
        catalog.len(),
        figures,
        src.file
    );
    let _ = writeln!(out);

    let _ = writeln!(
        out,
        "一、“十四五”主要指标 / 14th Five-Year Plan main indicators, 2021–2025"
    );
    let _ = writeln!(
        out,
        "{}{}{}{}需要 Required",
        pad("指标 Indicator", 40),
        pad("基期 Base", 18),
        pad("目标 Target", 24),
        pad("2025 implied", 16),
    );
    let _ = writeln!(out, "{}", "-".repeat(112));
    for s in plan::fyp14_targets(catalog) {
        let base = s.base.as_ref().map_or("—".to_owned(), base_text);
        let implied = match (&s.implied_end, &s.base) {
            (Some(v), Some(b)) if s.target.kind() != FigureKind::Level => {
                format!("{} {}", number(*v, Some(1)), b.unit().zh())
            }
            _ => "—".to_owned(),
        };
        let _ = writeln!(
            out,
            "{}{}{}{}{}",
            pad(&s.name_zh, 40),
            pad(&base, 18),
            pad(&figure_text(&s.target), 24),
            pad(&implied, 16),
            required_text(s.required, &s)
        );
        let _ = writeln!(out, "  {}", s.name_en);
    }
    let _ = writeln!(out);

    let _ = writeln!(
        out,
        "二、2021年计划与五年进度 / 2021 plan against the five-year pace"
    );
    let _ = writeln!(
        out,
        "{}{}{}判断 Verdict",
        pad("指标 Indicator", 40),
        pad("2021 plan", 18),
        pad("5-yr pace", 24),
    );
    let _ = writeln!(out, "{}", "-".repeat(112));
    for c in plan::consistency_2021(catalog) {
        let unit = if c.unit.zh() == "%" {
            "%".to_owned()
        } else {
            format!(" {}", c.unit.zh())
        };
        let q = |q: Qualifier| match q {
            Qualifier::Exact => String::new(),
            q => format!("{} ", q.symbol()),
        };
        let _ = writeln!(
            out,
            "{}{}{}{} {}",
            pad(&c.name_zh, 40),
            pad(
                &format!("{}{}{unit}", q(c.annual_qualifier), number(c.annual, None)),
                18
            ),
            pad(
                &format!(
                    "{}{}{unit}/yr",
                    q(c.five_year_qualifier),
                    number(c.five_year_pace, None)
                ),
                24
            ),
            c.verdict.zh(),
            c.verdict.en()
        );
        let _ = writeln!(out, "  {}", c.name_en);
    }
    let _ = writeln!(out);

    let _ = writeln!(
        out,
        "三、2021年其他预期指标 / Other 2021 targets, with the levels they imply"
    );
    let _ = writeln!(out, "{}", "-".repeat(112));
    for s in plan::targets(catalog, Group::Plan2021) {
        let implied = match (&s.implied_end, &s.base, s.target.kind()) {
            (Some(v), Some(b), FigureKind::Growth | FigureKind::AverageGrowth) => format!(
                "{} → {} {} (2021)",
                base_text(b),
                number(*v, Some(1)),
                b.unit().zh()
            ),
            (_, Some(b), FigureKind::Level) => format!("from {}", base_text(b)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{}{}{}",
            pad(&s.name_zh, 40),
            pad(&figure_text(&s.target), 24),
            implied
        );
        let _ = writeln!(out, "  {}", s.name_en);
    }
    let _ = writeln!(out);
    match published {
        Some(published) => out.push_str(&crate::outcomes::render_section(catalog, published)),
        None => match crate::outcomes::try_embedded() {
            Ok(embedded) => out.push_str(&crate::outcomes::render_section(catalog, embedded)),
            Err(e) => {
                let _ = writeln!(
                    out,
                    "四、目标实现情况 / How the targets turned out: error: {e}"
                );
            }
        },
    }
    let _ = writeln!(out);
    assessment_section(&mut out, catalog, deflators);
    let _ = writeln!(out);
    ranks_and_coverage_section(&mut out, catalog);
    let _ = writeln!(out);
    other_scopes_section(&mut out, catalog);
    out
}

/// Renders the dashboard with section 四 from `published` (a user's own
/// outcomes file) instead of the embedded outcomes.
pub fn render_with_outcomes(catalog: &Catalog, published: &PublishedOutcomes) -> String {
    render_all(catalog, &BTreeMap::new(), Some(published))
}

/// 六: the rankings and full-coverage statements, as figures.
fn ranks_and_coverage_section(out: &mut String, catalog: &Catalog) {
    let _ = writeln!(
        out,
        "六、排名与覆盖 / Rankings and full coverage (lower rank is better)"
    );
    let _ = writeln!(out, "{}", "-".repeat(112));
    for (ind, f) in catalog
        .figures()
        .filter(|(_, f)| matches!(f.kind(), FigureKind::Rank | FigureKind::Coverage))
    {
        let _ = writeln!(
            out,
            "{}{}{} · {}",
            pad(ind.name_zh(), 40),
            pad(&figure_text(f), 40),
            f.period(),
            f.group().label_en()
        );
        let _ = writeln!(out, "  {}", ind.name_en());
    }
}

/// 七: figures of Shanghai or China the report quotes; never Xuhui's own
/// targets, so neither paced nor assessed.
fn other_scopes_section(out: &mut String, catalog: &Catalog) {
    let _ = writeln!(
        out,
        "七、全市及全国数据 / Shanghai-wide and national figures quoted (not Xuhui's own; not assessed)"
    );
    let _ = writeln!(out, "{}", "-".repeat(112));
    for (ind, f) in catalog
        .figures()
        .filter(|(ind, _)| ind.scope() != Scope::District)
    {
        let _ = writeln!(
            out,
            "{}{}{}{} {}",
            pad(ind.name_zh(), 40),
            pad(&figure_text(f), 24),
            pad(&f.period(), 12),
            ind.scope(),
            f.status()
        );
        let _ = writeln!(out, "  {}", ind.name_en());
    }
}

fn outcome_text<T>(o: &Outcome<T>, f: impl Fn(&T) -> String) -> String {
    match o {
        Outcome::Assessed(t) => f(t),
        Outcome::InsufficientData { .. } => "no data".to_owned(),
        Outcome::NotApplicable { .. } => "n/a".to_owned(),
    }
}

fn assessment_section(out: &mut String, catalog: &Catalog, deflators: &BTreeMap<String, Deflator>) {
    if !assess::has_observations_after(catalog, 2020) {
        let _ = writeln!(
            out,
            "五、进展评估 / Progress assessment: no observations after 2020 in this catalog; to assess the \
             targets, add yours (CSV with the columns id,year,value[,unit]): --observations FILE on the \
             command line, or load them into a copy of the catalog"
        );
        return;
    }
    let _ = writeln!(
        out,
        "五、进展评估 / Progress assessment, from the observations added to the catalog"
    );
    let _ = writeln!(
        out,
        "{}{}{}{}{}{}P(attain)",
        pad("指标 Indicator", 40),
        pad("最新 Latest", 16),
        pad("需要 Required", 18),
        pad("Eurostat", 24),
        pad("UNSD", 22),
        pad("Destatis", 17),
    );
    let _ = writeln!(out, "{}", "-".repeat(148));
    let opts = assess::Options::default();
    for (id, result) in assess::assess_group(catalog, Group::Fyp14Targets, deflators, &opts) {
        let name = catalog
            .find(&id)
            .map_or(id.clone(), |i| i.name_zh().to_owned());
        let a = match result {
            Ok(a) => a,
            Err(e) => {
                let _ = writeln!(out, "{}error: {e}", pad(&name, 40));
                continue;
            }
        };
        let unit = a.target.unit.map_or(String::new(), |u| u.zh());
        let latest = outcome_text(&a.progress, |p| {
            format!("{} ({})", number(p.latest.value, Some(1)), p.latest.year)
        });
        let required = outcome_text(&a.progress, |p| match p.required_pace {
            // For a bound the observed years say more than "every year".
            RequiredPace::Bound => format!(
                "{}/{} yrs ok",
                p.year_checks.iter().filter(|c| c.within).count(),
                p.year_checks.len()
            ),
            pace => format!("{:.1}", pace.with_unit(&unit)),
        });
        let eu = outcome_text(&a.eurostat, |r| match r.ratio {
            Some(x) => format!("{} {x:.2}", r.class.en()),
            None => r.class.en().to_owned(),
        });
        let un = outcome_text(&a.unsd, |r| match r.score {
            Some(x) => format!("{} {x:.2}", r.class.as_str()),
            None => r.class.as_str().to_owned(),
        });
        let de = outcome_text(&a.destatis, |w| w.class.en().to_owned());
        let pr = outcome_text(&a.probability, |p| {
            format!(
                "{:.0}%",
                p.closed_form.unwrap_or(p.monte_carlo.probability) * 100.0
            )
        });
        let _ = writeln!(
            out,
            "{}{}{}{}{}{}{pr}",
            pad(&name, 40),
            pad(&latest, 16),
            pad(&required, 18),
            pad(&eu, 24),
            pad(&un, 22),
            pad(&de, 17),
        );
    }
}
