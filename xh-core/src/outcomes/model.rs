//! The outcomes file's types, its all-or-nothing loader and its flat
//! exports.

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Figure, FigureKind, PriceBasis, Qualifier, SdmxRow, Status};
use crate::error::{Error, Result};
use crate::units::{Dimension, Unit};

crate::catalog::string_enum!(
    /// How far a source can be trusted, best first.
    Reliability {
        /// The official document itself, or its publication by the
        /// district's own media.
        Official = "official",
        /// A verbatim reprint of an official document elsewhere.
        Reprint = "reprint",
        /// A news report quoting the figure.
        News = "news",
        /// A secondary page (portals, aggregators), often undated.
        Secondary = "secondary",
    }
);

crate::catalog::string_enum!(
    /// Whether a published figure is final.
    OutcomeStatus {
        /// A figure published as achieved.
        Actual = "actual",
        /// A preliminary figure (预计), published before the year's final
        /// statistics.
        Preliminary = "preliminary",
    }
);

crate::catalog::string_enum!(
    /// Whose figure it is.
    Scope {
        /// Xuhui District's own.
        District = "district",
        /// Shanghai as a whole.
        Municipal = "municipal",
        /// China as a whole.
        National = "national",
    }
);

/// A document outcomes were read in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSource {
    /// Short id used by the outcomes (`"gwr2026"`).
    pub id: String,
    /// The document's title as published.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or `"unknown …"` for an undated page.
    pub date: String,
    /// Where it was read.
    pub address: String,
    /// How far it can be trusted.
    pub reliability: Reliability,
    /// How it was read, what was not reachable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One published figure, as printed in its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedOutcome {
    /// The catalog indicator id (for context entries, an id of their own).
    pub indicator: String,
    /// First year of the period the figure covers.
    pub period_start: i32,
    /// Last year of the period (the year of a one-year figure).
    pub period_end: i32,
    /// `level`, `growth` (over the previous year), `average_growth` (a year
    /// on average over the period) or `cumulative_amount`.
    pub kind: FigureKind,
    /// The value as printed, in `unit`.
    pub value: f64,
    /// The part of the quote that prints the value (`"309.25"`, `"千亿"`).
    pub value_text: String,
    /// The unit as printed.
    pub unit: Unit,
    /// Final or preliminary.
    pub status: OutcomeStatus,
    /// 突破/超过 → more than; 以上 → at least; 左右/近 → about; else exact.
    pub qualifier: Qualifier,
    /// Current or comparable prices, for money and its growth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_basis: Option<PriceBasis>,
    /// The [`OutcomeSource::id`] it was read in.
    pub source: String,
    /// The exact sentence it came from.
    pub quote: String,
    /// How it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set when another source gives a different figure for the same thing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
    /// Whose figure it is (context entries only; outcomes are the district's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
}

/// An indicator searched for without a usable published figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotFound {
    /// The catalog indicator id.
    pub indicator: String,
    /// The years searched for.
    pub years: Vec<i32>,
    /// The searches tried.
    #[serde(default)]
    pub queries: Vec<String>,
    /// What was found instead (e.g. only qualitative statements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The outcomes file: sources, outcomes, context figures and the record of
/// what was searched without result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedOutcomes {
    /// The file's schema version (1).
    pub schema_version: u32,
    /// What the file is.
    #[serde(default)]
    pub description: String,
    /// Every document read.
    pub sources: Vec<OutcomeSource>,
    /// Published figures of the catalog's indicators.
    pub outcomes: Vec<PublishedOutcome>,
    /// Published figures that are not the catalog's indicators (the city's
    /// GDP growth, a combined count, an unused unit).
    #[serde(default)]
    pub context: Vec<PublishedOutcome>,
    /// Indicators and years searched for without result.
    #[serde(default)]
    pub searched_not_found: Vec<NotFound>,
}

/// The columns of [`PublishedOutcomes::to_csv`], in order.
pub const OUTCOME_COLUMNS: [&str; 21] = [
    "indicator",
    "year",
    "period_start",
    "period_end",
    "kind",
    "value",
    "unit",
    "status",
    "qualifier",
    "price_basis",
    "scope",
    "source",
    "source_title",
    "publisher",
    "date",
    "address",
    "reliability",
    "quote",
    "value_text",
    "note",
    "conflict",
];

/// The years outcomes may describe: the 2020 base (a later, final figure
/// for the report's estimate) and the plan period.
const FIRST_YEAR: i32 = 2020;
const LAST_YEAR: i32 = 2025;

fn invalid(entry: String, field: &str, message: impl Into<String>) -> Error {
    Error::InvalidCatalog {
        entry,
        field: field.to_owned(),
        message: message.into(),
    }
}

/// The number a value text prints: its digits, or a magnitude word the
/// sources use for a round figure (千亿 for 1000亿元).
fn printed_number(text: &str, unit: Unit) -> Option<f64> {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    match (text.contains("千亿"), unit.zh().as_str()) {
        (true, "亿元") => Some(1000.0),
        _ => None,
    }
}

impl PublishedOutcomes {
    /// Parses and checks an outcomes file against `catalog`, all or nothing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCatalog`] naming the entry (`outcomes[3] (gdp 2021)`)
    /// and the field at fault: malformed JSON or an unknown field, an
    /// unknown indicator or source id, a unit that does not convert to the
    /// indicator's, a year outside 2020–2025, a value that is not finite or
    /// not printed in its `value_text`, a `value_text` not in its quote.
    pub fn from_json(text: &str, catalog: &Catalog) -> Result<PublishedOutcomes> {
        let parsed: PublishedOutcomes = serde_json::from_str(text)
            .map_err(|e| invalid("<file>".to_owned(), "json", e.to_string()))?;
        parsed.validate(catalog)?;
        Ok(parsed)
    }

    fn validate(&self, catalog: &Catalog) -> Result<()> {
        if self.schema_version != 1 {
            return Err(invalid(
                "<file>".to_owned(),
                "schema_version",
                format!("expected 1, got {}", self.schema_version),
            ));
        }
        let mut ids = HashSet::new();
        for (i, s) in self.sources.iter().enumerate() {
            let entry = format!("sources[{i}] ({})", s.id);
            if s.id.is_empty() || !ids.insert(s.id.as_str()) {
                return Err(invalid(entry, "id", "must be non-empty and unique"));
            }
            for (field, v) in [("title", &s.title), ("address", &s.address)] {
                if v.trim().is_empty() {
                    return Err(invalid(entry, field, "must not be empty"));
                }
            }
        }
        for (i, o) in self.outcomes.iter().enumerate() {
            let entry = format!("outcomes[{i}] ({} {})", o.indicator, o.period_end);
            self.check_entry(o, &entry, &ids)?;
            let ind = catalog
                .find(&o.indicator)
                .ok_or_else(|| invalid(entry.clone(), "indicator", "not a catalog indicator id"))?;
            if o.scope.is_some_and(|s| s != Scope::District) {
                return Err(invalid(
                    entry,
                    "scope",
                    "outcomes are the district's own; put other scopes in context",
                ));
            }
            let growth = matches!(o.kind, FigureKind::Growth | FigureKind::AverageGrowth);
            let fits = if growth {
                o.unit.dimension() == Dimension::Percent
            } else {
                o.unit.convert(1.0, ind.unit()).is_ok()
            };
            if !fits {
                return Err(invalid(
                    entry,
                    "unit",
                    format!(
                        "{} does not fit a {} figure of {} (unit {})",
                        o.unit.zh(),
                        o.kind.as_str(),
                        o.indicator,
                        ind.unit().zh()
                    ),
                ));
            }
        }
        for (i, o) in self.context.iter().enumerate() {
            let entry = format!("context[{i}] ({} {})", o.indicator, o.period_end);
            self.check_entry(o, &entry, &ids)?;
            if o.scope.is_none() {
                return Err(invalid(entry, "scope", "a context figure needs a scope"));
            }
        }
        for (i, n) in self.searched_not_found.iter().enumerate() {
            let entry = format!("searched_not_found[{i}] ({})", n.indicator);
            if catalog.find(&n.indicator).is_none() {
                return Err(invalid(entry, "indicator", "not a catalog indicator id"));
            }
            if let Some(y) = n
                .years
                .iter()
                .find(|y| !(FIRST_YEAR..=LAST_YEAR).contains(*y))
            {
                return Err(invalid(
                    entry,
                    "years",
                    format!("must be {FIRST_YEAR}–{LAST_YEAR}, got {y}"),
                ));
            }
        }
        Ok(())
    }

    fn check_entry(
        &self,
        o: &PublishedOutcome,
        entry: &str,
        sources: &HashSet<&str>,
    ) -> Result<()> {
        let entry = entry.to_owned();
        if !(FIRST_YEAR..=LAST_YEAR).contains(&o.period_end) || o.period_start > o.period_end {
            return Err(invalid(
                entry,
                "period_end",
                format!(
                    "the period must end in {FIRST_YEAR}–{LAST_YEAR} and not start after it, got {}–{}",
                    o.period_start, o.period_end
                ),
            ));
        }
        let one_year = matches!(o.kind, FigureKind::Level | FigureKind::Growth);
        if one_year && o.period_start != o.period_end {
            return Err(invalid(
                entry,
                "period_start",
                format!("a {} figure covers one year", o.kind.as_str()),
            ));
        }
        if !matches!(
            o.kind,
            FigureKind::Level
                | FigureKind::Growth
                | FigureKind::AverageGrowth
                | FigureKind::CumulativeAmount
        ) {
            return Err(invalid(
                entry,
                "kind",
                format!("{} is not a kind of published outcome", o.kind.as_str()),
            ));
        }
        if !o.value.is_finite() {
            return Err(invalid(
                entry,
                "value",
                format!("must be finite, got {}", o.value),
            ));
        }
        if !sources.contains(o.source.as_str()) {
            return Err(invalid(
                entry,
                "source",
                format!("unknown source id {:?}", o.source),
            ));
        }
        if o.value_text.is_empty() || !o.quote.contains(&o.value_text) {
            return Err(invalid(
                entry,
                "value_text",
                format!("{:?} is not in the quote", o.value_text),
            ));
        }
        if printed_number(&o.value_text, o.unit) != Some(o.value) {
            return Err(invalid(
                entry,
                "value",
                format!("{} is not the number {:?} prints", o.value, o.value_text),
            ));
        }
        Ok(())
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&OutcomeSource> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The outcomes of one indicator, in file order.
    pub fn of(&self, indicator: &str) -> impl Iterator<Item = &PublishedOutcome> + '_ {
        let indicator = indicator.to_owned();
        self.outcomes
            .iter()
            .filter(move |o| o.indicator == indicator)
    }

    /// The search record of one indicator, if it was searched without
    /// result for some years.
    pub fn not_found(&self, indicator: &str) -> Option<&NotFound> {
        self.searched_not_found
            .iter()
            .find(|n| n.indicator == indicator)
    }

    /// One flat row per outcome and context figure, cells as text in
    /// [`OUTCOME_COLUMNS`] order (empty where a field is absent).
    pub fn rows(&self) -> Vec<Vec<String>> {
        self.outcomes
            .iter()
            .chain(&self.context)
            .map(|o| {
                let s = self.source(&o.source);
                let text = |f: fn(&OutcomeSource) -> String| s.map(f).unwrap_or_default();
                vec![
                    o.indicator.clone(),
                    o.period_end.to_string(),
                    o.period_start.to_string(),
                    o.period_end.to_string(),
                    o.kind.as_str().to_owned(),
                    crate::error::fmt_f64(o.value),
                    o.unit.zh(),
                    o.status.as_str().to_owned(),
                    o.qualifier.as_str().to_owned(),
                    o.price_basis
                        .map(|p| p.as_str().to_owned())
                        .unwrap_or_default(),
                    o.scope.unwrap_or(Scope::District).as_str().to_owned(),
                    o.source.clone(),
                    text(|s| s.title.clone()),
                    text(|s| s.publisher.clone()),
                    text(|s| s.date.clone()),
                    text(|s| s.address.clone()),
                    text(|s| s.reliability.as_str().to_owned()),
                    o.quote.clone(),
                    o.value_text.clone(),
                    o.note.clone().unwrap_or_default(),
                    o.conflict.clone().unwrap_or_default(),
                ]
            })
            .collect()
    }

    /// The flat table as CSV (RFC 4180 quoting), header first.
    pub fn to_csv(&self) -> String {
        let mut out = OUTCOME_COLUMNS.join(",");
        out.push('\n');
        for row in self.rows() {
            let cells: Vec<_> = row.iter().map(|c| crate::catalog::csv_field(c)).collect();
            let _ = writeln!(out, "{}", cells.join(","));
        }
        out
    }

    /// The flat table as a JSON array of objects, one per outcome and
    /// context figure, with the value as a number and absent fields null.
    pub fn to_flat_json(&self) -> String {
        let rows: Vec<serde_json::Value> = self
            .rows()
            .into_iter()
            .map(|row| {
                let mut obj = serde_json::Map::new();
                for (k, v) in OUTCOME_COLUMNS.iter().zip(row) {
                    let value = match *k {
                        "value" => v
                            .parse::<f64>()
                            .map_or(serde_json::Value::Null, serde_json::Value::from),
                        "year" | "period_start" | "period_end" => v
                            .parse::<i64>()
                            .map_or(serde_json::Value::Null, serde_json::Value::from),
                        _ if v.is_empty() => serde_json::Value::Null,
                        _ => serde_json::Value::String(v),
                    };
                    obj.insert((*k).to_owned(), value);
                }
                serde_json::Value::Object(obj)
            })
            .collect();
        serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_owned())
    }
}

/// Whether a published figure can be a catalog observation: a level of one
/// plan year (2021 on) that is a number rather than a bound (exact or 左右).
/// [`PublishedOutcomes::observations`] and the SDMX-CSV reader both use it.
pub(crate) fn is_observation(
    kind: FigureKind,
    period_start: i32,
    period_end: i32,
    qualifier: Qualifier,
) -> bool {
    kind == FigureKind::Level
        && period_start == period_end
        && period_end > FIRST_YEAR
        && matches!(qualifier, Qualifier::Exact | Qualifier::About)
}

impl PublishedOutcomes {
    /// Where an outcome was published, and the quote: `"{quote}" — {title},
    /// {publisher}, {date}, {address}`. The SDMX `COMMENT_OBS` of an
    /// outcome, and the note of the observation it loads as.
    pub fn citation(&self, o: &PublishedOutcome) -> String {
        match self.source(&o.source) {
            Some(s) => format!(
                "\u{201c}{}\u{201d} — {}, {}, {}, {}",
                o.quote, s.title, s.publisher, s.date, s.address
            ),
            None => format!("\u{201c}{}\u{201d} — {}", o.quote, o.source),
        }
    }

    /// The outcomes, one per indicator, kind and period (an SDMX key),
    /// ordered by indicator id, then last and first year, then kind. Where
    /// sources differ, the one kept is a number before a bound, then from
    /// the more reliable source, then final before preliminary (then the
    /// first in the file); `others` are the rest, in file order.
    pub(crate) fn one_per_key(&self) -> Vec<(&PublishedOutcome, Vec<&PublishedOutcome>)> {
        type Key<'a> = (&'a str, i32, i32, &'static str);
        let mut keyed: std::collections::BTreeMap<Key<'_>, Vec<&PublishedOutcome>> =
            Default::default();
        for o in &self.outcomes {
            keyed
                .entry((
                    o.indicator.as_str(),
                    o.period_end,
                    o.period_start,
                    o.kind.as_str(),
                ))
                .or_default()
                .push(o);
        }
        let rank = |o: &PublishedOutcome| {
            (
                !matches!(o.qualifier, Qualifier::Exact | Qualifier::About),
                self.source(&o.source).map(|s| s.reliability),
                o.status,
            )
        };
        keyed
            .into_values()
            .map(|all| {
                let mut best = 0;
                for (k, o) in all.iter().enumerate() {
                    if rank(o) < rank(all[best]) {
                        best = k;
                    }
                }
                let others = all
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != best)
                    .map(|(_, o)| *o)
                    .collect();
                (all[best], others)
            })
            .collect()
    }

    /// The SDMX observation of every published outcome (context figures,
    /// which are not the district's or not the catalog's indicators, are
    /// left out; indicators searched for without result have none), one
    /// per SDMX key: where sources give different figures for the same
    /// indicator, kind and period, the row holds one (a number before a
    /// bound, then the more reliable source, then final before
    /// preliminary) and its `NOTE` the others. Ordered by indicator id,
    /// then period. See [`SdmxRow::from_outcome`] for the columns.
    pub fn sdmx_rows(&self) -> Vec<SdmxRow> {
        self.one_per_key()
            .into_iter()
            .map(|(o, others)| SdmxRow::from_outcome(self, o, &others))
            .collect()
    }

    /// The published outcomes as SDMX-CSV 2.0: the header and structure of
    /// [`Catalog::to_sdmx_csv`] (one structure message,
    /// [`Catalog::to_sdmx_structure`], serves both), each row in the
    /// report part `OUTCOMES_PUBLISHED`, so its keys never collide with
    /// the catalog's and the two exports can be concatenated into one
    /// dataset. `OBS_STATUS` is `A` for a final figure and `E` for a
    /// preliminary one (预计); `UNIT_MEASURE`, `UNIT_MULT`, `QUALIFIER` and
    /// `PRICE_BASIS` are coded as for the catalog's figures; `COMMENT_OBS`
    /// is the quote with its source's title, publisher, date and address.
    ///
    /// [`Catalog::add_observations_sdmx_csv`] reads the rows that are
    /// observations (levels of one year from 2021 on that are numbers) as
    /// [`observations`](Self::observations) gives them, and skips the rest.
    ///
    /// # Examples
    ///
    /// ```
    /// let published = xh_core::outcomes::embedded();
    /// let csv = published.to_sdmx_csv();
    /// // Budget revenue 2025: 309.25亿元, final, quoted with its source.
    /// assert!(csv.contains(
    ///     "dataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,BUDGET_REVENUE,OUTCOMES_PUBLISHED,\
    ///      LEVEL,2025,309.25,CNY,8,A,,CURRENT,\"“完成区级一般公共预算收入309.25亿元” — "
    /// ));
    ///
    /// // Read back, the published levels are the catalog's observations.
    /// let mut cat = xh_core::catalog::embedded().clone();
    /// let n = cat.add_observations_sdmx_csv(&csv)?;
    /// assert_eq!(n, published.observations().len());
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn to_sdmx_csv(&self) -> String {
        crate::catalog::sdmx::write_csv(&self.sdmx_rows())
    }

    /// The published levels of the plan years (2021 on) that are numbers
    /// rather than bounds (exact or 左右), as catalog observations: one per
    /// indicator and year, from the most reliable source (a final figure
    /// before a preliminary one), with the [citation](Self::citation) as
    /// the note. Load them with [`Catalog::add_observations`] to run the
    /// assessment methods on what was published.
    ///
    /// ```
    /// let mut cat = xh_core::catalog::embedded().clone();
    /// let published = xh_core::outcomes::embedded();
    /// let n = cat.add_observations(&published.observations())?;
    /// assert!(n > 10);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn observations(&self) -> Vec<crate::catalog::Observation> {
        self.one_per_key()
            .into_iter()
            .map(|(o, _)| o)
            .filter(|o| is_observation(o.kind, o.period_start, o.period_end, o.qualifier))
            .map(|o| crate::catalog::Observation {
                id: o.indicator.clone(),
                year: o.period_end,
                value: o.value,
                unit: Some(o.unit.zh()),
                status: Some(
                    match o.status {
                        OutcomeStatus::Actual => "actual",
                        OutcomeStatus::Preliminary => "estimate",
                    }
                    .to_owned(),
                ),
                note: Some(self.citation(o)),
            })
            .collect()
    }
}

impl PublishedOutcome {
    /// The catalog figure this outcome revises: the report's 2020 estimate
    /// (预计) of the same kind and year, when this outcome is a later,
    /// published figure for it.
    pub fn revises<'c>(&self, catalog: &'c Catalog) -> Option<&'c Figure> {
        let ind = catalog.find(&self.indicator)?;
        ind.figures().iter().find(|f| {
            f.status() == Status::Estimate
                && f.kind() == self.kind
                && f.year_start() == self.period_start
                && f.year_end() == self.period_end
        })
    }
}
