//! Text for people: numbers with thousands separators, percentages and
//! probabilities stated no more precisely than they are known, plural
//! nouns, a figure's value as a statistical table prints it, and the
//! display width of text in a terminal.
//!
//! The plan report ([`crate::report`]) and the Python tables use these, so
//! a figure reads the same everywhere.
//!
//! # Display width
//!
//! [`width`] counts terminal columns with the `unicode-width` crate: CJK
//! ideographs and full-width forms take two columns, combining marks none.
//! East Asian *ambiguous* characters (“ ” Ⅲ ≤ ≥ ≈ — · ²) count as **one**
//! column, as the Unicode default for non-East-Asian contexts and as
//! terminal emulators draw them unless set to a CJK ambiguous width. The
//! report keeps such characters out of padded cells where it can (names
//! sit on their own line), so its columns line up either way.
//!
//! # Examples
//!
//! ```
//! use xh_core::display;
//!
//! assert_eq!(display::number(4500.0, None), "4,500");
//! assert_eq!(display::number(703.975, Some(1)), "704.0");
//! assert_eq!(display::percent(5.5, None), "5.5 %");
//! assert_eq!(display::probability(0.0), "< 0.1 %");
//! assert_eq!(display::probability(0.1374), "14 %");
//! assert_eq!(display::count(1, "point", "points"), "1 point");
//! assert_eq!(display::width("地区生产总值 GDP"), 16);
//! ```

use unicode_width::UnicodeWidthStr;

use crate::assess::{Assessment, Outcome, Target, TargetKind};
use crate::catalog::{Figure, FigureKind, Qualifier, Status};
use crate::units::{Dimension, Unit};

/// Terminal columns `s` takes (East Asian ambiguous characters count one;
/// see the module docs).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` followed by spaces up to `columns` display columns (unchanged when
/// it is already that wide or wider).
pub fn pad(s: &str, columns: usize) -> String {
    let w = width(s);
    let mut out = String::with_capacity(s.len() + columns.saturating_sub(w));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

/// Groups the digits of an integer part in threes: `"4500"` → `"4,500"`.
fn group_thousands(int: &str) -> String {
    let digits = int.len();
    let mut out = String::with_capacity(digits + digits / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number with thousands separators: `decimals` fixed places, or (with
/// `None`) the shortest text that reads back as `v` (`85.75`, `350`).
///
/// NaN and infinities print as `..` (not available).
///
/// ```
/// use xh_core::display::number;
/// assert_eq!(number(19_810_000_000.0, None), "19,810,000,000");
/// assert_eq!(number(-1234.5, None), "-1,234.5");
/// assert_eq!(number(0.126, Some(2)), "0.13");
/// ```
pub fn number(v: f64, decimals: Option<usize>) -> String {
    if !v.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let text = match decimals {
        Some(d) => format!("{:.d$}", v.abs()),
        None => format!("{}", v.abs()),
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    // No "-0": a value that rounds to zero prints without a sign.
    if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    out.push_str(&group_thousands(int));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A number without separators for one-line texts (a required pace, an
/// assessment's summary): `decimals` fixed places, or (with `None`) an
/// integer as is and other values to at most four decimals (`0.3333`).
pub(crate) fn compact(v: f64, decimals: Option<usize>) -> String {
    match decimals {
        Some(d) => format!("{v:.d$}"),
        None if v == v.trunc() && v.abs() < 1e15 => format!("{v:.0}"),
        None => {
            let s = format!("{v:.4}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    }
}

/// The number of decimals in the shortest text of `v` (`5.5` → 1, `350`
/// → 0), at most 6: the precision a printed figure was given with.
pub fn decimals(v: f64) -> usize {
    if !v.is_finite() {
        return 0;
    }
    let s = format!("{}", v.abs());
    s.split_once('.').map_or(0, |(_, f)| f.len().min(6))
}

/// A value in percent with a space before the sign: `5.5 %`.
pub fn percent(value: f64, decimals: Option<usize>) -> String {
    format!("{} %", number(value, decimals))
}

/// A probability as a reader should see it: never `0 %` or `100 %` from
/// a model — `< 0.1 %` and `> 99.9 %` instead — one decimal within 1 % of
/// either end, whole percents otherwise.
///
/// ```
/// use xh_core::display::probability;
/// assert_eq!(probability(1.0), "> 99.9 %");
/// assert_eq!(probability(0.0042), "0.4 %");
/// assert_eq!(probability(0.5), "50 %");
/// assert_eq!(probability(0.996), "99.6 %");
/// ```
pub fn probability(p: f64) -> String {
    if !p.is_finite() {
        return NOT_AVAILABLE.to_owned();
    }
    let pct = p * 100.0;
    if pct < 0.1 {
        "< 0.1 %".to_owned()
    } else if pct > 99.9 {
        "> 99.9 %".to_owned()
    } else if !(1.0..=99.0).contains(&pct) {
        percent(pct, Some(1))
    } else {
        percent(pct, Some(0))
    }
}

/// `"1 point"`, `"3 points"`.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Not available: the source gives no value (Eurostat and ONS style).
pub const NOT_AVAILABLE: &str = "..";
/// Not applicable: the measure has no meaning for this row.
pub const NOT_APPLICABLE: &str = "n/a";

/// The unit as printed after a number: `亿元`, `%`, and `pp` for
/// percentage points (个百分点).
pub fn unit_text(unit: Unit) -> String {
    match unit.dimension() {
        Dimension::PercentagePoints => "pp".to_owned(),
        _ => unit.zh(),
    }
}

/// A number and its unit: `350 亿元`, `5.5 %`, `3.55 pp`.
pub fn amount(v: f64, decimals: Option<usize>, unit: Unit) -> String {
    format!("{} {}", number(v, decimals), unit_text(unit))
}

/// The qualifier as a prefix: `"≥ "`, `"≤ "`, `"≈ "`, `"> "`, or nothing.
pub fn qualifier_prefix(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::AtLeast => "≥ ",
        Qualifier::AtMost => "≤ ",
        Qualifier::About => "≈ ",
        Qualifier::MoreThan => "> ",
    }
}

/// A growth rate in words: positive rates as `≥ 6 %`, falls as `down 4 %`
/// and planned falls as a cut, with the qualifier turned round so that
/// "压减10%以上" (growth ≤ −10 %) reads `cut ≥ 10 %`.
fn growth_text(value: f64, q: Qualifier, status: Status, suffix: &str) -> String {
    if value >= 0.0 {
        return format!("{}{}{suffix}", qualifier_prefix(q), percent(value, None));
    }
    let word = if matches!(status, Status::Target | Status::Planned) {
        "cut"
    } else {
        "down"
    };
    let flipped = match q {
        Qualifier::AtLeast => Qualifier::AtMost,
        Qualifier::AtMost => Qualifier::AtLeast,
        Qualifier::MoreThan => Qualifier::MoreThan,
        other => other,
    };
    let prefix = match (q, flipped) {
        // "growth > −x %" is "a cut of less than x %".
        (Qualifier::MoreThan, _) => "< ",
        (_, f) => qualifier_prefix(f),
    };
    format!("{word} {prefix}{}{suffix}", percent(-value, None))
}

/// A figure's value as a table prints it, with qualifier and unit:
///
/// | kind | text |
/// |---|---|
/// | level | `≥ 90 分`, `350 亿元` |
/// | level each year | `≤ 5.5 % every year` |
/// | growth | `≥ 6 %`, `down 4 %`, `cut ≥ 10 %` (压减10%以上) |
/// | average growth | `≈ 5 %/yr` |
/// | cumulative growth | `down 42.6 % over 2016–2020` |
/// | change | `+4 家`, `+3.55 pp` |
/// | cumulative amount | `260 万平方米 in 2021–2025` |
/// | gross addition | `+20 家 added in 2021–2025`, `+4 家 added` |
/// | rank | `No. 1 in 中心城区` |
/// | coverage | `100 % of 街道` |
/// | a bound in words | `≤ 市政府下达的指标数` |
///
/// ```
/// let cat = xh_core::catalog::embedded();
/// let cut = cat.get("nonessential_general_expenditure")?.targets().next().unwrap();
/// assert_eq!(xh_core::display::figure_value(cut), "cut ≥ 10 %");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn figure_value(f: &Figure) -> String {
    let q = f.qualifier();
    let Some(v) = f.value() else {
        // A bound without a number: the report's words.
        return format!(
            "{}{}",
            qualifier_prefix(q),
            f.bound_text().unwrap_or(NOT_AVAILABLE)
        );
    };
    let universe = f.universe().unwrap_or(NOT_AVAILABLE);
    match f.kind() {
        FigureKind::Level => format!("{}{}", qualifier_prefix(q), amount(v, None, f.unit())),
        FigureKind::LevelEachYear => format!(
            "{}{} every year",
            qualifier_prefix(q),
            amount(v, None, f.unit())
        ),
        FigureKind::Growth => growth_text(v, q, f.status(), ""),
        FigureKind::AverageGrowth => growth_text(v, q, f.status(), "/yr"),
        FigureKind::CumulativeGrowth => {
            growth_text(v, q, f.status(), &format!(" over {}", f.period()))
        }
        FigureKind::Change => format!(
            "{}{}{}",
            qualifier_prefix(q),
            if v > 0.0 { "+" } else { "" },
            amount(v, None, f.unit())
        ),
        FigureKind::CumulativeAmount => format!(
            "{}{} in {}",
            qualifier_prefix(q),
            amount(v, None, f.unit()),
            f.period()
        ),
        FigureKind::GrossAddition if f.years() > 1 => format!(
            "{}+{} added in {}",
            qualifier_prefix(q),
            amount(v, None, f.unit()),
            f.period()
        ),
        FigureKind::GrossAddition => format!(
            "{}+{} added",
            qualifier_prefix(q),
            amount(v, None, f.unit())
        ),
        FigureKind::Rank => format!(
            "{}No. {} in {universe}",
            qualifier_prefix(q),
            number(v, None)
        ),
        FigureKind::Coverage => {
            format!("{}{} of {universe}", qualifier_prefix(q), percent(v, None))
        }
    }
}

/// A decimal rate in percent with the decimals it needs: `0.15` →
/// `15 %` (not `15.000000000000002 %`).
pub fn rate(r: f64) -> String {
    percent(round_for_display(r * 100.0), None)
}

/// Rounds away the last bits a decimal-to-binary product leaves
/// (`0.15 * 100` is `15.000000000000002`) without losing printed digits.
fn round_for_display(v: f64) -> f64 {
    if v.is_finite() && v.abs() < 1e9 {
        (v * 1e9).round() / 1e9
    } else {
        v
    }
}

/// What an assessed target asks for, in words:
///
/// | kind | text |
/// |---|---|
/// | growth | `15 % a year, 2020–2025`, `cut ≥ 10 % a year, 2020–2021` |
/// | level | `≥ 90 分 in 2025` |
/// | change | `+20 家 from 2020 to 2025` |
/// | cumulative | `260 万平方米 in total, 2021–2025` |
/// | every year | `≤ 5.5 % every year, 2021–2025` |
///
/// ```
/// use xh_core::assess::Target;
/// let t: Target = serde_json::from_str(
///     r#"{"kind": "growth", "rate": 0.15, "base_year": 2020, "target_year": 2025}"#,
/// ).unwrap();
/// assert_eq!(xh_core::display::target_text(&t), "15 % a year, 2020–2025");
/// ```
pub fn target_text(t: &Target) -> String {
    let q = qualifier_prefix(t.qualifier);
    let amt = |v: f64| match t.unit {
        Some(u) => amount(v, None, u),
        None => number(v, None),
    };
    let (b, e) = (t.base_year, t.target_year);
    match t.kind {
        TargetKind::Growth { rate } => {
            let text = growth_text(
                round_for_display(rate * 100.0),
                t.qualifier,
                Status::Target,
                " a year",
            );
            format!("{text}, {b}–{e}")
        }
        TargetKind::Level { value } => format!("{q}{} in {e}", amt(value)),
        TargetKind::Change { amount } => format!(
            "{q}{}{} from {b} to {e}",
            if amount > 0.0 { "+" } else { "" },
            amt(amount)
        ),
        TargetKind::Cumulative { total } => {
            format!("{q}{} in total, {}–{e}", amt(total), b + 1)
        }
        TargetKind::EveryYear { bound } => {
            format!("{q}{} every year, {}–{e}", amt(bound), b + 1)
        }
    }
}

/// How many growth rates between successive observations the attainment
/// probability and the trajectory bands of `a` were estimated from, or
/// `None` when the growth model was supplied ([`crate::assess::Options::model`]) or not
/// assessed. Three points give two rates: say so next to any probability
/// or band.
pub fn growth_rates_used(a: &Assessment) -> Option<usize> {
    match &a.probability {
        Outcome::Assessed(p) if p.estimated => Some(
            a.series
                .between(i32::MIN, p.from.year)
                .len()
                .saturating_sub(1),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands_and_never_print_minus_zero() {
        assert_eq!(number(0.0, None), "0");
        assert_eq!(number(999.0, None), "999");
        assert_eq!(number(1000.0, None), "1,000");
        assert_eq!(number(123_456.789, Some(1)), "123,456.8");
        assert_eq!(number(-0.04, Some(1)), "0.0");
        assert_eq!(number(-0.06, Some(1)), "-0.1");
        assert_eq!(number(f64::NAN, None), "..");
        assert_eq!(number(1e21, None), "1,000,000,000,000,000,000,000");
        assert_eq!(decimals(85.75), 2);
        assert_eq!(decimals(350.0), 0);
    }

    #[test]
    fn probabilities_never_claim_certainty() {
        assert_eq!(probability(0.0), "< 0.1 %");
        assert_eq!(probability(0.000_99), "< 0.1 %");
        assert_eq!(probability(0.001), "0.1 %");
        assert_eq!(probability(0.0099), "1.0 %");
        assert_eq!(probability(0.01), "1 %");
        assert_eq!(probability(0.99), "99 %");
        assert_eq!(probability(0.9991), "> 99.9 %");
        assert_eq!(probability(1.0), "> 99.9 %");
        assert_eq!(probability(f64::NAN), "..");
    }

    #[test]
    fn width_counts_cjk_as_two_and_ambiguous_as_one() {
        assert_eq!(width("中"), 2);
        assert_eq!(width("“一网通办”"), 10);
        assert_eq!(width("Ⅲ类"), 3);
        assert_eq!(width("≤ 5.5 %"), 7);
        assert_eq!(pad("万平方米", 10), "万平方米  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    #[test]
    fn figure_values_read_as_words() {
        let cat = crate::catalog::embedded();
        let text = |id: &str, group: crate::catalog::Group| {
            let ind = cat.get(id).unwrap();
            figure_value(ind.targets().find(|f| f.group() == group).unwrap())
        };
        use crate::catalog::Group::{Fyp14Targets, Plan2021};
        assert_eq!(text("gdp", Fyp14Targets), "≈ 5 %/yr");
        assert_eq!(text("gdp", Plan2021), "≥ 6 %");
        assert_eq!(
            text("urban_unemployment_rate", Fyp14Targets),
            "≤ 5.5 % every year"
        );
        assert_eq!(
            text("housing_renovation", Fyp14Targets),
            "260 万平方米 in 2021–2025"
        );
        assert_eq!(
            text("nonessential_general_expenditure", Plan2021),
            "cut ≥ 10 %"
        );
        let pm = cat.get("pm25_concentration").unwrap();
        assert_eq!(figure_value(&pm.figures()[0]), "down 42.6 % over 2016–2020");
        let hq = cat.get("mnc_regional_hq").unwrap();
        let change = hq
            .figures()
            .iter()
            .find(|f| f.kind() == FigureKind::GrossAddition)
            .unwrap();
        assert_eq!(figure_value(change), "+4 家 added");
        let five = hq.targets().next().unwrap();
        assert_eq!(figure_value(five), "+20 家 added in 2021–2025");
        let rank = cat
            .figures()
            .find(|(_, f)| f.kind() == FigureKind::Rank)
            .unwrap()
            .1;
        assert!(
            figure_value(rank).starts_with("No. 1 in "),
            "{}",
            figure_value(rank)
        );
        let quota = cat.get("registered_urban_unemployed").unwrap();
        let bound = quota.targets().next().unwrap();
        assert_eq!(figure_value(bound), "≤ 市政府下达的指标数");
    }
}
