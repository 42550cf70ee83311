//! The main job's section on the published outcomes: every target of the
//! report with its verdict, what it rests on, and the latest published
//! figure with its source.

use std::fmt::Write as _;

use super::model::{OutcomeStatus, PublishedOutcome, PublishedOutcomes};
use super::verdict::{rate_text, TargetTrack, Verdict};
use crate::catalog::{Catalog, Figure, FigureKind, Group, Qualifier};
use crate::display::{figure_value, number, qualifier_prefix, width as display_width};

/// The section, as text lines of at most about 100 display columns (two
/// lines a target: the target, then the verdict and the latest figure).
pub fn render_section(catalog: &Catalog, published: &PublishedOutcomes) -> String {
    let tracks = super::track(catalog, published);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "四、目标实现情况 / How the targets turned out: published outcomes 2021–2025"
    );
    let count = |f: fn(&Verdict) -> bool| tracks.iter().filter(|t| f(&t.verdict)).count();
    let summary = format!(
        "{} targets: {} achieved, {} not achieved, {} undetermined (bound), {} no published figure, {} not assessed",
        tracks.len(),
        count(|v| *v == Verdict::Achieved),
        count(|v| *v == Verdict::NotAchieved),
        count(|v| matches!(v, Verdict::Undetermined { .. })),
        count(|v| *v == Verdict::NoPublishedFigure),
        count(|v| matches!(v, Verdict::NotAssessed { .. })),
    );
    wrap(&mut out, &summary, "    ");
    let _ = writeln!(
        out,
        "    (P) rests on a preliminary (预计) figure; sources and quotes: --outcomes-csv, docs/outcomes.md"
    );
    for (group, title) in [
        (
            Group::Fyp14Targets,
            "  “十四五”目标 / 14th Five-Year Plan targets, 2021–2025",
        ),
        (Group::Plan2021, "  2021年目标 / 2021 targets"),
    ] {
        let _ = writeln!(out, "\n{title}");
        for t in tracks.iter().filter(|t| t.target.group() == group) {
            let name = catalog.find(&t.indicator).map_or("", |i| i.name_zh());
            let _ = writeln!(
                out,
                "  {} {name}: {}",
                mark(&t.verdict),
                target_text(&t.target)
            );
            wrap(
                &mut out,
                &Detail::new(t, catalog, published).line(),
                "      ",
            );
            if let (Some(note), Verdict::NoPublishedFigure | Verdict::NotAssessed { .. }) =
                (&t.note, &t.verdict)
            {
                wrap(&mut out, &format!("searched: {note}"), "      ");
            }
        }
    }
    out
}

/// Appends `text` as lines of at most [`WIDTH`] columns, broken at spaces,
/// each starting with `indent`.
fn wrap(out: &mut String, text: &str, indent: &str) {
    let mut line = String::from(indent);
    let words = text
        .split(' ')
        .flat_map(|w| split_wide(w, WIDTH - indent.len() - 2));
    for word in words {
        let fresh = line.len() == indent.len();
        if !fresh && display_width(&line) + 1 + display_width(&word) > WIDTH {
            let _ = writeln!(out, "{line}");
            line = format!("{indent}  ");
        } else if !fresh {
            line.push(' ');
        }
        line.push_str(&word);
    }
    let _ = writeln!(out, "{line}");
}

/// `word` cut into pieces of at most `width` columns (a run of CJK text has
/// no spaces to break at).
fn split_wide(word: &str, width: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    for c in word.chars() {
        let last = pieces.last_mut().expect("starts with one piece");
        if display_width(last) + display_width(c.encode_utf8(&mut [0; 4])) > width {
            pieces.push(String::new());
        }
        pieces.last_mut().expect("just pushed").push(c);
    }
    pieces
}

/// The widest line the section writes, in terminal columns.
const WIDTH: usize = 100;

fn mark(v: &Verdict) -> &'static str {
    match v {
        Verdict::Achieved => "✓",
        Verdict::NotAchieved => "✗",
        Verdict::Undetermined { .. } => "?",
        // Not "·", which separates items elsewhere in the report.
        Verdict::NoPublishedFigure | Verdict::NotAssessed { .. } => "○",
    }
}

fn qualified(q: Qualifier, v: f64, unit: &str) -> String {
    format!("{}{} {unit}", qualifier_prefix(q), number(v, None))
}

/// What a target asks, in a few words: the value as the plan report prints
/// it ([`crate::display::figure_value`]) with the period it is due in.
pub(crate) fn target_text(f: &Figure) -> String {
    let v = figure_value(f);
    let (a, b) = (f.year_start(), f.year_end());
    match f.kind() {
        // The value says the period already.
        FigureKind::CumulativeGrowth | FigureKind::CumulativeAmount => v,
        FigureKind::GrossAddition if a < b => v,
        FigureKind::AverageGrowth | FigureKind::LevelEachYear => format!("{v}, {a}–{b}"),
        FigureKind::Growth if f.value().is_some_and(|x| x >= 0.0) => format!("growth {v} in {b}"),
        _ => format!("{v} in {b}"),
    }
}

fn outcome_text(o: &PublishedOutcome) -> String {
    let unit = o.unit.zh();
    let what = match o.kind {
        FigureKind::Growth => format!("growth {}", qualified(o.qualifier, o.value, &unit)),
        FigureKind::AverageGrowth => format!(
            "{}–{} average growth {}",
            o.period_start,
            o.period_end,
            qualified(o.qualifier, o.value, &unit)
        ),
        _ => qualified(o.qualifier, o.value, &unit),
    };
    let p = if o.status == OutcomeStatus::Preliminary {
        ", P"
    } else {
        ""
    };
    format!("{what} ({}{p}; {})", o.period_end, o.source)
}

/// A target's verdict line in parts: the verdict, what was compared (or
/// why nothing could be), the pace so far, the latest published figure.
struct Detail {
    verdict: String,
    compared: Option<String>,
    interim: Option<String>,
    latest: Option<String>,
}

impl Detail {
    fn new(t: &TargetTrack, catalog: &Catalog, published: &PublishedOutcomes) -> Detail {
        let p = if t.preliminary { " (P)" } else { "" };
        let mut compared = t.measured.as_ref().map(|x| {
            let growth = matches!(
                t.target.kind(),
                FigureKind::Growth | FigureKind::AverageGrowth | FigureKind::CumulativeGrowth
            );
            let value = if growth {
                rate_text(x)
            } else {
                let unit = catalog
                    .find(&t.indicator)
                    .map_or_else(|| t.target.unit(), |i| i.unit());
                interval_text(x, &unit.zh())
            };
            format!("{} {value}", t.how)
        });
        if let Verdict::NotAssessed { reason } = &t.verdict {
            compared = Some(reason.clone());
        }
        let latest = match &t.latest {
            Some(o) if t.measured.is_none() || !t.evidence.contains(o) => {
                Some(format!("latest {}", outcome_text(o)))
            }
            None if t.verdict == Verdict::NoPublishedFigure
                && published.not_found(&t.indicator).is_some() =>
            {
                Some("searched".to_owned())
            }
            _ => None,
        };
        Detail {
            verdict: format!("{}{p}", t.verdict.label()),
            compared,
            interim: t.interim.clone(),
            latest,
        }
    }

    /// `verdict: compared; interim; latest`.
    fn line(&self) -> String {
        let mut s = self.verdict.clone();
        if let Some(c) = &self.compared {
            let _ = write!(s, ": {c}");
        }
        for part in [&self.interim, &self.latest].into_iter().flatten() {
            let _ = write!(s, "; {part}");
        }
        s
    }
}

fn interval_text(x: &super::Interval, unit: &str) -> String {
    let n = |v: f64| format!("{} {unit}", number(v, None));
    match (x.lower, x.upper) {
        (Some(l), Some(u)) if l == u => n(l),
        (Some(l), Some(u)) => format!("{} to {}", number(l, None), n(u)),
        (Some(l), None) => format!("{} {}", if x.lower_inclusive { "≥" } else { ">" }, n(l)),
        (None, Some(u)) => format!("{} {}", if x.upper_inclusive { "≤" } else { "<" }, n(u)),
        (None, None) => "any value".to_owned(),
    }
}

/// The outcomes page (`docs/outcomes.md`) as Markdown: the verdict of
/// every target, the published figures with their quotes, every source,
/// the conflicts, and what was searched without result.
pub fn render_markdown(catalog: &Catalog, published: &PublishedOutcomes) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# How the targets turned out: published outcomes 2021–2025\n"
    );
    let _ = writeln!(
        out,
        "Generated by `cargo run -p xh-core --example report -- --outcomes-md > docs/outcomes.md` \
         from `xh-core/data/outcomes_2021_2025.json`; do not edit by hand. Every figure below was \
         read in its source and is quoted verbatim; nothing is estimated. Growth over several \
         years and every verdict are computed by `xh_core::outcomes` (rules in \
         `docs/methodology.md`, \"Published outcomes\"). (P): the verdict rests on a preliminary \
         (预计) figure.\n"
    );
    let _ = writeln!(out, "## Verdicts\n");
    let _ = writeln!(
        out,
        "| indicator | target | verdict | what was compared | latest published |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for t in super::track(catalog, published) {
        let name = catalog.find(&t.indicator).map_or("", |i| i.name_zh());
        let d = Detail::new(&t, catalog, published);
        let compared = [&d.compared, &d.interim]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>();
        let _ = writeln!(
            out,
            "| {name} `{}` | {} ({}) | {} | {} | {} |",
            t.indicator,
            cell(&target_text(&t.target)),
            t.target.group().label_en(),
            d.verdict,
            cell(&compared.join("; ")),
            cell(d.latest.as_deref().unwrap_or("")),
        );
    }
    let _ = writeln!(out, "\n## Published figures\n");
    let _ = writeln!(
        out,
        "| indicator | period | kind | value | status | source | quote | note |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for o in published.outcomes.iter().chain(&published.context) {
        let period = if o.period_start == o.period_end {
            o.period_end.to_string()
        } else {
            format!("{}–{}", o.period_start, o.period_end)
        };
        let mut note = o.note.clone().unwrap_or_default();
        if let Some(c) = &o.conflict {
            note = format!("**conflict:** {c}. {note}");
        }
        if let Some(f) = o.revises(catalog) {
            let value = f
                .value()
                .map_or_else(|| "a bound".to_owned(), |v| number(v, None));
            note = format!(
                "revises the report's estimate ({value} {}). {note}",
                f.unit().zh()
            );
        }
        if let Some(s) = o.scope.filter(|s| *s != super::Scope::District) {
            note = format!("{} figure, context only. {note}", s.as_str());
        }
        let _ = writeln!(
            out,
            "| `{}` | {period} | {} | {} | {} | {} | {} | {} |",
            o.indicator,
            o.kind.as_str(),
            cell(&qualified(o.qualifier, o.value, &o.unit.zh())),
            o.status.as_str(),
            o.source,
            cell(&o.quote),
            cell(note.trim()),
        );
    }
    let _ = writeln!(out, "\n## Sources\n");
    let _ = writeln!(
        out,
        "| id | document | publisher | date | reliability | address |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for s in &published.sources {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | <{}> |",
            s.id,
            cell(&s.title),
            cell(&s.publisher),
            s.date,
            s.reliability.as_str(),
            s.address
        );
    }
    let _ = writeln!(out, "\n## Searched, not found\n");
    for n in &published.searched_not_found {
        let years: Vec<String> = n.years.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "* `{}` ({}): {}",
            n.indicator,
            years.join(", "),
            n.note.as_deref().unwrap_or("nothing found")
        );
    }
    out
}
