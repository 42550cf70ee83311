//! The tidy flat table: one row per figure, as CSV or JSON.

use serde::{Deserialize, Serialize};

use super::{Catalog, Figure, Indicator};

/// One row of the flat table.
///
/// `base_value` is the value in its unit's dimension base (元, 平方米, 米,
/// %, count …) and `base_unit` names that base. A figure without a number
/// (a bound such as "within the city's quota") has no `value` or
/// `base_value` (an empty CSV cell, JSON `null`) and says what bounds it in
/// `bound_text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlatRow {
    /// Indicator id.
    pub id: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Category tag.
    pub category: String,
    /// Report part tag.
    pub group: String,
    /// Value as printed; `None` for a bound without a number.
    pub value: Option<f64>,
    /// Unit as printed (Chinese).
    pub unit: String,
    /// Value in the dimension's base unit; `None` without a number.
    pub base_value: Option<f64>,
    /// The base unit (Chinese).
    pub base_unit: String,
    /// First year of the period.
    pub year_start: i32,
    /// Last year of the period.
    pub year_end: i32,
    /// actual, estimate, target or planned.
    pub status: String,
    /// exact, at_least, at_most, about or more_than.
    pub qualifier: String,
    /// The figure kind (level, average_growth, cumulative_amount,
    /// gross_addition, rank, coverage …).
    pub target_kind: String,
    /// higher, lower or neutral.
    pub polarity: String,
    /// The figure's own price basis: current, comparable, or empty (not
    /// money; ranks and coverages).
    pub price_basis: String,
    /// Heading path in the report.
    pub section: String,
    /// The exact quote.
    pub quote: String,
    /// Note (OCR slips, interpretation, plausibility), or empty.
    pub note: String,
    /// Whose quantity it is: district, municipal or national.
    pub scope: String,
    /// What bounds a figure without a number, in the report's words, or
    /// empty.
    pub bound_text: String,
    /// The peer group of a rank or the units of a coverage, or empty.
    pub universe: String,
}

/// The flat table's columns, in order.
pub const COLUMNS: [&str; 22] = [
    "id",
    "name_zh",
    "name_en",
    "category",
    "group",
    "value",
    "unit",
    "base_value",
    "base_unit",
    "year_start",
    "year_end",
    "status",
    "qualifier",
    "target_kind",
    "polarity",
    "price_basis",
    "section",
    "quote",
    "note",
    "scope",
    "bound_text",
    "universe",
];

impl FlatRow {
    fn new(ind: &Indicator, fig: &Figure) -> FlatRow {
        FlatRow {
            id: ind.id.clone(),
            name_zh: ind.name_zh.clone(),
            name_en: ind.name_en.clone(),
            category: ind.category.as_str().to_owned(),
            group: fig.group.as_str().to_owned(),
            value: fig.value,
            unit: fig.unit.zh(),
            base_value: fig.base_value(),
            base_unit: fig.unit.dimension_base().zh(),
            year_start: fig.year_start,
            year_end: fig.year_end,
            status: fig.status.as_str().to_owned(),
            qualifier: fig.qualifier.as_str().to_owned(),
            target_kind: fig.kind.as_str().to_owned(),
            polarity: ind.polarity.as_str().to_owned(),
            price_basis: fig.price_basis.map_or("", |p| p.as_str()).to_owned(),
            section: fig.section.clone(),
            quote: fig.quote.clone(),
            note: fig.note.clone().unwrap_or_default(),
            scope: ind.scope.as_str().to_owned(),
            bound_text: fig.bound_text.clone().unwrap_or_default(),
            universe: fig.universe.clone().unwrap_or_default(),
        }
    }

    fn cells(&self) -> [String; 22] {
        [
            self.id.clone(),
            self.name_zh.clone(),
            self.name_en.clone(),
            self.category.clone(),
            self.group.clone(),
            self.value.map(format_number).unwrap_or_default(),
            self.unit.clone(),
            self.base_value.map(format_number).unwrap_or_default(),
            self.base_unit.clone(),
            self.year_start.to_string(),
            self.year_end.to_string(),
            self.status.clone(),
            self.qualifier.clone(),
            self.target_kind.clone(),
            self.polarity.clone(),
            self.price_basis.clone(),
            self.section.clone(),
            self.quote.clone(),
            self.note.clone(),
            self.scope.clone(),
            self.bound_text.clone(),
            self.universe.clone(),
        ]
    }
}

/// Shortest round-trip text of a float (`350`, `85.75`, `19810000000`).
pub(super) fn format_number(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e17 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// RFC 4180 quoting: only when needed, doubling inner quotes.
pub(crate) fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

impl Catalog {
    /// The flat table, one row per figure, in stable order.
    pub fn flat_rows(&self) -> Vec<FlatRow> {
        self.figures().map(|(i, f)| FlatRow::new(i, f)).collect()
    }

    /// The flat table as CSV (RFC 4180, UTF-8, `\n` line ends, header row).
    ///
    /// # Examples
    ///
    /// ```
    /// let csv = xh_core::catalog::embedded().to_csv();
    /// assert!(csv.starts_with("id,name_zh,name_en,category,group,value,unit,base_value,base_unit,"));
    /// ```
    pub fn to_csv(&self) -> String {
        let mut out = COLUMNS.join(",");
        out.push('\n');
        for row in self.flat_rows() {
            let cells = row.cells();
            let line: Vec<_> = cells.iter().map(|c| csv_field(c)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
        out
    }

    /// The flat table as a JSON array of objects.
    pub fn to_flat_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.flat_rows()).expect("rows serialise");
        s.push('\n');
        s
    }
}
