//! The embedded, sourced catalog of the report's figures.
//!
//! The data live in `xh-core/data/gwr2021.json`, one human-editable JSON
//! file embedded at compile time. It is parsed and validated once, on first
//! use; a malformed or inconsistent file is reported with the entry and field
//! at fault (the test-suite loads it, so such a file cannot ship).
//!
//! Every [`Figure`] carries the exact quote it came from. Values that the
//! report implies but does not print (the 2025 AI output implied by 15 % a
//! year from 350亿元) are never stored: compute them with [`crate::growth`]
//! or [`Catalog::implied_target_level`].
//!
//! A figure is modelled as the report means it (`docs/catalog.md` has the
//! conventions and what is left out of the report, and why):
//!
//! * its [`FigureKind`]: a level, a growth rate, a gross addition to a stock
//!   (引进和认定4家, not a net change), a [`FigureKind::Rank`] within a named
//!   peer group (排名中心城区第一), a [`FigureKind::Coverage`] (全覆盖) …;
//! * its [`Status`]: a result, a target, or a [`Status::Planned`] scale;
//! * its own [`PriceBasis`] (the GDP level at current prices, GDP growth at
//!   comparable prices);
//! * a bound stated without a number has [`Figure::value`] `None` and says
//!   what bounds it in [`Figure::bound_text`];
//! * an indicator's [`Scope`]: Shanghai-wide figures are recorded but never
//!   taken for the district's own targets ([`Indicator::own_targets`],
//!   [`Indicator::assessable_targets`]).
//!
//! # Examples
//!
//! ```
//! use xh_core::catalog::{self, FigureFilter, Group, Status};
//!
//! let cat = catalog::embedded();
//! let ai = cat.get("ai_output")?;
//! assert_eq!(ai.name_zh(), "人工智能及相关产业总产出");
//! let level_2020 = ai.latest_level(2020).unwrap();
//! assert_eq!((level_2020.value(), level_2020.unit().zh()), (Some(350.0), "亿元".to_owned()));
//!
//! // Every 14th FYP target:
//! let targets = cat.figures_where(&FigureFilter {
//!     group: Some(Group::Fyp14Targets),
//!     status: Some(Status::Target),
//!     ..FigureFilter::default()
//! });
//! assert!(targets.len() >= 18);
//!
//! // The 2025 level implied by "年均增长15%":
//! let implied = cat.implied_target_level("ai_output", Group::Fyp14Targets)?;
//! assert_eq!(format!("{:.1}", implied.value), "704.0");
//! # Ok::<(), xh_core::Error>(())
//! ```

mod csv_input;
mod export;
mod labels;
mod model;
mod observations;
pub mod sdmx;
mod suggest;
mod validate;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::growth;

pub(crate) use export::csv_field;
pub use export::{FlatRow, COLUMNS as FLAT_COLUMNS};
pub(crate) use model::string_enum;
pub use model::{
    Category, Figure, FigureKind, Group, Indicator, Polarity, PriceBasis, Qualifier, Scope, Source,
    Status,
};
pub use observations::Observation;
pub use sdmx::SdmxRow;

/// The embedded data file, as text.
pub const EMBEDDED_JSON: &str = include_str!("../../data/gwr2021.json");

/// The catalog: the report's indicators and figures, plus any observations
/// a user added to their own copy.
///
/// Serialises to the same JSON schema as the data file; deserialising
/// validates, so a round trip is lossless and a bad file is rejected whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawCatalog", into = "RawCatalog")]
pub struct Catalog {
    source: Source,
    indicators: Vec<Indicator>,
    index: HashMap<String, usize>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    schema_version: u32,
    source: Source,
    indicators: Vec<Indicator>,
}

impl TryFrom<RawCatalog> for Catalog {
    type Error = Error;
    fn try_from(raw: RawCatalog) -> Result<Catalog> {
        validate::catalog(&raw.schema_version, &raw.indicators)?;
        let index = raw
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.clone(), i))
            .collect();
        Ok(Catalog {
            source: raw.source,
            indicators: raw.indicators,
            index,
        })
    }
}

impl From<Catalog> for RawCatalog {
    fn from(c: Catalog) -> RawCatalog {
        RawCatalog {
            schema_version: validate::SCHEMA_VERSION,
            source: c.source,
            indicators: c.indicators,
        }
    }
}

/// Which figures to select; `None` fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureFilter {
    /// Only indicators in this category.
    pub category: Option<Category>,
    /// Only figures from this part of the report.
    pub group: Option<Group>,
    /// Only figures whose period includes this year.
    pub year: Option<i32>,
    /// Only figures with this status.
    pub status: Option<Status>,
    /// Only figures of this kind.
    pub kind: Option<FigureKind>,
    /// Only indicators of this scope (district, municipal, national).
    pub scope: Option<Scope>,
}

impl FigureFilter {
    fn matches(&self, ind: &Indicator, fig: &Figure) -> bool {
        self.category.is_none_or(|c| c == ind.category)
            && self.scope.is_none_or(|s| s == ind.scope)
            && self.group.is_none_or(|g| g == fig.group)
            && self
                .year
                .is_none_or(|y| fig.year_start <= y && y <= fig.year_end)
            && self.status.is_none_or(|s| s == fig.status)
            && self.kind.is_none_or(|k| k == fig.kind)
    }
}

/// A level the report implies but does not print, computed from a base
/// level and a growth target.
///
/// `qualifier` carries the bounds of the inputs: `about` when the base or
/// the rate is 左右, the rate's bound (`at_least` for 增长6%以上) when the
/// base is exact, else `exact`. `price_basis` is the money basis shared by
/// the base and the rate (`None` for other indicators).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImpliedLevel {
    /// The indicator id.
    pub indicator: String,
    /// The base year.
    pub base_year: i32,
    /// The level in the base year.
    pub base_value: f64,
    /// The growth rate applied, as a decimal.
    pub rate: f64,
    /// The year of the implied level.
    pub year: i32,
    /// The implied level, in the base figure's unit.
    pub value: f64,
    /// That unit.
    pub unit: crate::units::Unit,
    /// How the implied level bounds the true one.
    pub qualifier: Qualifier,
    /// The price basis of the implied level, for money indicators.
    pub price_basis: Option<PriceBasis>,
}

impl Catalog {
    /// Parses and validates a catalog from JSON in the data-file schema.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCatalog`] naming the entry and field at fault (for a
    /// JSON syntax error: the line and column).
    pub fn from_json(text: &str) -> Result<Catalog> {
        let raw: RawCatalog = serde_json::from_str(text).map_err(|e| validate::json_error(&e))?;
        Catalog::try_from(raw)
    }

    /// Serialises the catalog in the data-file schema.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("catalog serialises");
        s.push('\n');
        s
    }

    /// The report this catalog was read from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The indicator with this id.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownId`], suggesting the nearest id:
    ///
    /// ```
    /// let err = xh_core::catalog::embedded().get("ai_ouput").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "unknown indicator id \"ai_ouput\"; did you mean \"ai_output\"? \
    ///      (Catalog.search finds indicators by name)"
    /// );
    /// ```
    pub fn get(&self, id: &str) -> Result<&Indicator> {
        self.find(id).ok_or_else(|| Error::UnknownId {
            id: id.to_owned(),
            suggestion: self.nearest_id(id).map(str::to_owned),
        })
    }

    /// The known id nearest to `id` (a typo, another case or spelling),
    /// if one is close; what [`Error::UnknownId`] suggests.
    pub fn nearest_id(&self, id: &str) -> Option<&str> {
        suggest::nearest(id, self.indicators.iter().map(|i| i.id.as_str()))
    }

    /// The indicator with this id, if any.
    pub fn find(&self, id: &str) -> Option<&Indicator> {
        self.index.get(id).map(|&i| &self.indicators[i])
    }

    /// Every indicator, in the stable order of the data file.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The number of indicators.
    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    /// Whether the catalog has no indicators (never true for the embedded one).
    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }

    /// Every figure with its indicator, in stable order.
    pub fn figures(&self) -> impl Iterator<Item = (&Indicator, &Figure)> {
        self.indicators
            .iter()
            .flat_map(|ind| ind.figures.iter().map(move |f| (ind, f)))
    }

    /// The figures matching `filter`, in stable order.
    pub fn figures_where(&self, filter: &FigureFilter) -> Vec<(&Indicator, &Figure)> {
        self.figures()
            .filter(|(ind, fig)| filter.matches(ind, fig))
            .collect()
    }

    /// Indicators in a category, in stable order.
    pub fn in_category(&self, category: Category) -> Vec<&Indicator> {
        self.indicators
            .iter()
            .filter(|i| i.category == category)
            .collect()
    }

    /// Indicators whose id, Chinese name or English name contains `text`
    /// (English and ids case-insensitively), in stable order.
    pub fn search(&self, text: &str) -> Vec<&Indicator> {
        let needle = text.trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        self.indicators
            .iter()
            .filter(|i| {
                i.name_zh.contains(text.trim())
                    || i.name_en.to_lowercase().contains(&needle)
                    || i.id.contains(&needle)
            })
            .collect()
    }

    /// The level implied at the end of a growth target of `group`
    /// (`average_growth` or `growth`), from the latest observed level
    /// before the target period.
    ///
    /// The base must be a point value (exact or 左右: a bound such as GDP's
    /// 跨越2000亿元大关 is not a level to compound from) at the same price
    /// basis as the rate: compounding a current-price level at a
    /// comparable-price rate mixes nominal and real terms. The result's
    /// [`ImpliedLevel::qualifier`] carries the inputs' qualifiers.
    ///
    /// # Formula
    ///
    /// `value = project(base_value, rate, year_end − base_year)`.
    ///
    /// # Errors
    ///
    /// * [`Error::UnknownId`];
    /// * [`Error::PriceBasisMismatch`] if the base level and the rate are at
    ///   different price bases (GDP: the 2020 level is at current prices,
    ///   the growth targets at comparable prices);
    /// * [`Error::InvalidArgument`] if the indicator has no growth target in
    ///   `group`, is not of the district's own scope, or has no point-value
    ///   level before the period.
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::catalog::{self, Group, Qualifier};
    /// let cat = catalog::embedded();
    /// let budget = cat.implied_target_level("budget_revenue", Group::Plan2021)?;
    /// assert_eq!(budget.qualifier, Qualifier::About); // 增长5%左右
    /// let gdp = cat.implied_target_level("gdp", Group::Fyp14Targets).unwrap_err();
    /// assert_eq!(gdp.kind(), xh_core::ErrorKind::PriceBasisMismatch);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn implied_target_level(&self, id: &str, group: Group) -> Result<ImpliedLevel> {
        let ind = self.get(id)?;
        let target = ind
            .own_targets()
            .find(|f| {
                f.group == group && matches!(f.kind, FigureKind::AverageGrowth | FigureKind::Growth)
            })
            .ok_or_else(|| Error::InvalidArgument {
                arg: "id",
                message: if ind.scope != Scope::District && ind.targets().next().is_some() {
                    format!("{id} is a {} indicator, not the district's own", ind.scope)
                } else {
                    format!("{id} has no growth target in {group}")
                },
            })?;
        let rate_value = target.try_value()?;
        let base =
            ind.latest_level(target.year_start - 1)
                .ok_or_else(|| Error::InvalidArgument {
                    arg: "id",
                    message: format!("{id} has no level before {}", target.year_start),
                })?;
        if let (Some(b), Some(t)) = (base.price_basis, target.price_basis) {
            if b != t {
                return Err(Error::PriceBasisMismatch {
                    indicator: id.to_owned(),
                    target_basis: t.as_str().to_owned(),
                    observed_basis: b.as_str().to_owned(),
                });
            }
        }
        if !matches!(base.qualifier, Qualifier::Exact | Qualifier::About) {
            return Err(Error::InvalidArgument {
                arg: "id",
                message: format!(
                    "{id}'s {} level is a bound ({} {}), not a level to compound from",
                    base.year_end,
                    base.qualifier.as_str().replace('_', " "),
                    report_number(base)
                ),
            });
        }
        let base_value = base.try_value()?;
        let rate = rate_value / 100.0;
        let years = f64::from(target.year_end - base.year_end);
        let qualifier = match (base.qualifier, target.qualifier) {
            (Qualifier::About, _) | (_, Qualifier::About) => Qualifier::About,
            (_, q) => q,
        };
        Ok(ImpliedLevel {
            indicator: id.to_owned(),
            base_year: base.year_end,
            base_value,
            rate,
            year: target.year_end,
            value: growth::project(base_value, rate, years)?,
            unit: base.unit,
            qualifier,
            price_basis: base.price_basis,
        })
    }
}

/// `2000亿元`: a figure's value with its unit, for messages.
fn report_number(f: &Figure) -> String {
    match f.value {
        Some(v) => format!("{v}{}", f.unit.zh()),
        None => f.bound_text.clone().unwrap_or_default(),
    }
}

static EMBEDDED: OnceLock<Result<Catalog>> = OnceLock::new();

/// The embedded catalog, parsed and validated on first use.
///
/// # Errors
///
/// [`Error::InvalidCatalog`] if the embedded data file is invalid. The
/// test-suite loads it, so a released build never returns this.
pub fn try_embedded() -> Result<&'static Catalog> {
    EMBEDDED
        .get_or_init(|| Catalog::from_json(EMBEDDED_JSON))
        .as_ref()
        .map_err(Clone::clone)
}

/// The embedded catalog.
///
/// # Panics
///
/// Only if the embedded data file were invalid, which the test-suite rules
/// out for every build it passes; use [`try_embedded`] to get the error
/// instead.
pub fn embedded() -> &'static Catalog {
    match try_embedded() {
        Ok(c) => c,
        Err(e) => panic!("the embedded catalog is invalid: {e}"),
    }
}
