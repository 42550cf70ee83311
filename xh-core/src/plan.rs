//! What the plan's targets imply: base values, implied end levels, the
//! required annual pace, and whether the 2021 annual plan keeps pace with
//! the 14th Five-Year Plan.
//!
//! Every number here is derived from catalog figures with
//! [`crate::growth`]; nothing is typed in.
//!
//! # Examples
//!
//! ```
//! use xh_core::plan::{self, Pace, RequiredPace};
//!
//! let cat = xh_core::catalog::embedded();
//! let rows = plan::fyp14_targets(cat);
//! let ai = rows.iter().find(|r| r.id == "ai_output").unwrap();
//! assert_eq!(format!("{:.1}", ai.implied_end.unwrap()), "704.0");
//! assert!(matches!(ai.required, RequiredPace::Rate(r) if r == 0.15));
//!
//! let checks = plan::consistency_2021(cat);
//! let gdp = checks.iter().find(|c| c.id == "gdp").unwrap();
//! assert_eq!(gdp.verdict, Pace::Ahead); // ≥6 % in 2021 against ≈5 % a year
//! let reno = checks.iter().find(|c| c.id == "housing_renovation").unwrap();
//! assert_eq!((reno.five_year_pace, reno.verdict), (52.0, Pace::Behind)); // 37 against 52万 m²
//! ```

use std::fmt;

use serde::Serialize;

use crate::assess::{Target, TargetKind};
use crate::catalog::{Catalog, Figure, FigureKind, Group, Indicator, Polarity, Qualifier};
use crate::growth;
use crate::units::{Dimension, Unit};

/// The annual pace a target requires.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum RequiredPace {
    /// Compound growth at this decimal rate a year.
    Rate(f64),
    /// A linear change of this many percentage points a year (for shares).
    PointsPerYear(f64),
    /// This amount of an annual flow every year (cumulative targets).
    AmountPerYear(f64),
    /// A bound to respect every year; no pace to keep.
    Bound,
    /// The base already satisfies the level target.
    Met,
    /// Not computable: the report gives no base value, or the target is a
    /// bound without a number (within the city's quota).
    Unknown,
}

impl RequiredPace {
    /// The pace as text with `unit` after an amount per year
    /// (`"4 家/yr"`); the other cases read as with [`Display`](fmt::Display).
    ///
    /// ```
    /// use xh_core::plan::RequiredPace;
    /// assert_eq!(RequiredPace::AmountPerYear(52.0).with_unit("万平方米").to_string(), "52 万平方米/yr");
    /// assert_eq!(RequiredPace::Rate(0.041).with_unit("亿元").to_string(), "4.10%/yr");
    /// ```
    pub fn with_unit(self, unit: &str) -> impl fmt::Display + '_ {
        PaceWithUnit { pace: self, unit }
    }
}

/// How a required pace reads: `4.10%/yr` (a rate, two decimals of a
/// percent), `+0.40 pp/yr` (percentage points), `52/yr` (an amount; the
/// formatter's precision, if given, sets its decimals), `every year` (a
/// bound), `met already`, `unknown (no base)`.
///
/// ```
/// use xh_core::plan::RequiredPace;
/// assert_eq!(RequiredPace::Rate(0.15).to_string(), "15.00%/yr");
/// assert_eq!(RequiredPace::PointsPerYear(0.4).to_string(), "+0.40 pp/yr");
/// assert_eq!(format!("{:.1}", RequiredPace::AmountPerYear(52.0)), "52.0/yr");
/// assert_eq!(RequiredPace::Bound.to_string(), "every year");
/// ```
impl fmt::Display for RequiredPace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            RequiredPace::Rate(x) => write!(f, "{:.2}%/yr", x * 100.0),
            RequiredPace::PointsPerYear(p) => write!(f, "{p:+.2} pp/yr"),
            RequiredPace::AmountPerYear(a) => {
                write!(f, "{}/yr", crate::display::compact(a, f.precision()))
            }
            RequiredPace::Bound => f.write_str("every year"),
            RequiredPace::Met => f.write_str("met already"),
            RequiredPace::Unknown => f.write_str("unknown (no base)"),
        }
    }
}

struct PaceWithUnit<'a> {
    pace: RequiredPace,
    unit: &'a str,
}

impl fmt::Display for PaceWithUnit<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pace {
            RequiredPace::AmountPerYear(a) => {
                let amount = crate::display::compact(a, f.precision());
                write!(f, "{amount} {}/yr", self.unit)
            }
            pace => fmt::Display::fmt(&pace, f),
        }
    }
}

/// One target with what it implies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSummary {
    /// Indicator id.
    pub id: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The target figure.
    pub target: Figure,
    /// The base level: the report's latest actual or estimated point value
    /// (exact or 左右) at or before the base year, at the target's price
    /// basis, if it prints one (not a bound, not user data).
    pub base: Option<Figure>,
    /// The level implied at the end of the period, in the base's unit: the
    /// compounded base for growth targets, the target itself for level
    /// targets, base + change for a change of a stock (90 headquarters +
    /// 20 new → 110).
    pub implied_end: Option<f64>,
    /// The annual pace required.
    pub required: RequiredPace,
}

/// The base a target is measured from: the report's latest observed
/// level at or before the target's base year (the year before a 2021–2025
/// or 2021 period, as [`Target::from_figure`] decides), if it is a point
/// value (a bound such as 跨越2000亿元大关 is not a base to compound from) at
/// the target's price basis (a current-price level is no base for a
/// comparable-price rate). Observations a user added are not the report's
/// plan and are left out.
fn base_of<'a>(ind: &'a Indicator, target: &Figure) -> Option<(&'a Figure, f64)> {
    let base_year =
        Target::from_figure(ind, target).map_or(target.year_start() - 1, |t| t.base_year);
    let b = ind
        .figures()
        .iter()
        .filter(|f| f.is_observed_level() && f.group() != Group::User && f.year_end() <= base_year)
        .max_by_key(|f| f.year_end())?;
    let same_basis = match (b.price_basis(), target.price_basis()) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let point = matches!(b.qualifier(), Qualifier::Exact | Qualifier::About);
    Some((b, b.value()?)).filter(|_| same_basis && point)
}

/// The change of a stock a target asks for, in `base`'s unit: "新增10公顷",
/// or "20 new headquarters" on a stock of 90 (a gross addition the
/// assessment reads as the stock's net change, [`Target::from_figure`]).
fn stock_change(ind: &Indicator, target: &Figure, base: &Figure) -> Option<f64> {
    match Target::from_figure(ind, target).ok()?.kind {
        TargetKind::Change { amount } => ind.unit().convert(amount, base.unit()).ok(),
        _ => None,
    }
}

fn summarise(ind: &Indicator, target: &Figure) -> TargetSummary {
    let base = base_of(ind, target);
    let years = |b: &Figure| f64::from(target.year_end() - b.year_end());
    let (implied_end, required) = match (target.kind(), target.value(), base) {
        // A bound without a number ("within the city's quota"): no pace.
        (_, None, _) => (None, RequiredPace::Unknown),
        (FigureKind::AverageGrowth | FigureKind::Growth, Some(v), Some((b, bv))) => {
            let rate = v / 100.0;
            (
                growth::project(bv, rate, years(b)).ok(),
                RequiredPace::Rate(rate),
            )
        }
        (FigureKind::AverageGrowth | FigureKind::Growth, Some(v), None) => {
            (None, RequiredPace::Rate(v / 100.0))
        }
        (FigureKind::Level, Some(v), Some((b, bv))) => {
            let end = target.unit().convert(v, b.unit()).ok();
            let met = end.is_some_and(|end| match ind.polarity() {
                Polarity::Lower => bv <= end,
                _ => bv >= end,
            });
            let pace = match (end, ind.unit().dimension()) {
                (Some(_), _) if met => RequiredPace::Met,
                (Some(end), Dimension::Percent) => {
                    RequiredPace::PointsPerYear((end - bv) / years(b))
                }
                (Some(end), _) => growth::cagr(bv, end, years(b))
                    .map_or(RequiredPace::Unknown, RequiredPace::Rate),
                (None, _) => RequiredPace::Unknown,
            };
            (end, pace)
        }
        (
            FigureKind::CumulativeAmount | FigureKind::GrossAddition | FigureKind::Change,
            Some(v),
            _,
        ) => (
            base.and_then(|(b, bv)| stock_change(ind, target, b).map(|c| bv + c)),
            RequiredPace::AmountPerYear(v / f64::from(target.years())),
        ),
        (FigureKind::LevelEachYear, Some(_), _) => (None, RequiredPace::Bound),
        _ => (None, RequiredPace::Unknown),
    };
    let base = base.map(|(b, _)| b.clone());
    TargetSummary {
        id: ind.id().to_owned(),
        name_zh: ind.name_zh().to_owned(),
        name_en: ind.name_en().to_owned(),
        target: target.clone(),
        base,
        implied_end,
        required,
    }
}

/// Every target of Xuhui's own in `group` ([`Indicator::own_targets`]: the
/// Shanghai-wide targets the report quotes are left out), in catalog order,
/// with what it implies. A bound without a number is listed with
/// [`RequiredPace::Unknown`].
pub fn targets(catalog: &Catalog, group: Group) -> Vec<TargetSummary> {
    catalog
        .indicators()
        .iter()
        .flat_map(|ind| {
            ind.own_targets()
                .filter(move |f| f.group() == group)
                .map(move |f| summarise(ind, f))
        })
        .collect()
}

/// The 14th Five-Year Plan's targets (2021–2025).
pub fn fyp14_targets(catalog: &Catalog) -> Vec<TargetSummary> {
    targets(catalog, Group::Fyp14Targets)
}

/// Whether a one-year plan keeps the five-year pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// The annual plan asks for more than the five-year pace.
    Ahead,
    /// The annual plan matches the pace (within the 左右 band where the
    /// five-year target is "about").
    OnPace,
    /// The annual plan asks for less.
    Behind,
}

impl Pace {
    /// A short label in English.
    pub fn en(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::OnPace => "on pace",
            Pace::Behind => "behind",
        }
    }
    /// A short label in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Pace::Ahead => "快于进度",
            Pace::OnPace => "符合进度",
            Pace::Behind => "慢于进度",
        }
    }
}

/// A 2021 annual target set against the 14th FYP pace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaceCheck {
    /// Indicator id.
    pub id: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The 2021 target, in the compared unit (percent growth, or the flow's unit).
    pub annual: f64,
    /// The 2021 target's qualifier.
    pub annual_qualifier: Qualifier,
    /// The five-year pace per year, in the same unit.
    pub five_year_pace: f64,
    /// The five-year target's qualifier.
    pub five_year_qualifier: Qualifier,
    /// The unit both are expressed in.
    pub unit: Unit,
    /// Ahead, on pace or behind, by the indicator's polarity.
    pub verdict: Pace,
}

/// Compares each 2021 target with the 14th FYP target of the same indicator,
/// where both can be put on an annual footing:
///
/// * growth against average growth (percent a year), at the same price
///   basis;
/// * a 2021 amount of a flow (or a gross addition) against a five-year
///   cumulative amount (or gross addition) / 5.
///
/// Only targets the district can be assessed on take part
/// ([`Indicator::assessable_targets`]): not Shanghai-wide targets, not a
/// bound without a number.
///
/// The verdict is *on pace* when the two are equal, or when the five-year
/// target is 左右 and the annual one lies within its band of
/// ±[`Qualifier::DEFAULT_ABOUT_TOLERANCE`]; otherwise *ahead* or *behind* by
/// the indicator's polarity.
pub fn consistency_2021(catalog: &Catalog) -> Vec<PaceCheck> {
    let mut out = Vec::new();
    for ind in catalog.indicators() {
        let Some(five) = ind
            .assessable_targets()
            .find(|f| f.group() == Group::Fyp14Targets)
        else {
            continue;
        };
        let Some(five_value) = five.value() else {
            continue;
        };
        for annual in ind
            .assessable_targets()
            .filter(|f| f.group() == Group::Plan2021)
        {
            let Some(annual_value) = annual.value() else {
                continue;
            };
            let pair = match (annual.kind(), five.kind()) {
                (FigureKind::Growth, FigureKind::AverageGrowth)
                    if annual.price_basis() == five.price_basis() =>
                {
                    Some((annual_value, five_value, Unit::PERCENT))
                }
                (
                    FigureKind::Level | FigureKind::CumulativeAmount | FigureKind::GrossAddition,
                    FigureKind::CumulativeAmount | FigureKind::GrossAddition,
                ) => annual
                    .unit()
                    .convert(annual_value, five.unit())
                    .ok()
                    .map(|a| (a, five_value / f64::from(five.years()), five.unit())),
                _ => None,
            };
            let Some((a, pace, unit)) = pair else {
                continue;
            };
            let band = if five.qualifier() == Qualifier::About {
                Qualifier::DEFAULT_ABOUT_TOLERANCE * pace.abs()
            } else {
                1e-9 * pace.abs()
            };
            let lower_better = ind.polarity() == Polarity::Lower;
            let verdict = if (a - pace).abs() <= band {
                Pace::OnPace
            } else if (a > pace) != lower_better {
                Pace::Ahead
            } else {
                Pace::Behind
            };
            out.push(PaceCheck {
                id: ind.id().to_owned(),
                name_zh: ind.name_zh().to_owned(),
                name_en: ind.name_en().to_owned(),
                annual: a,
                annual_qualifier: annual.qualifier(),
                five_year_pace: pace,
                five_year_qualifier: five.qualifier(),
                unit,
                verdict,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cat: &Catalog, id: &str) -> TargetSummary {
        fyp14_targets(cat).into_iter().find(|r| r.id == id).unwrap()
    }

    #[test]
    fn a_stock_target_implies_base_plus_change() {
        // 90 regional headquarters in 2020, 20 new ones by 2025: 110.
        let hq = row(crate::catalog::embedded(), "mnc_regional_hq");
        assert_eq!(hq.base.as_ref().and_then(Figure::value), Some(90.0));
        assert_eq!(hq.implied_end, Some(110.0));
        assert_eq!(hq.required, RequiredPace::AmountPerYear(4.0));
        // A sum of flows implies no level.
        let reno = row(crate::catalog::embedded(), "housing_renovation");
        assert_eq!(reno.implied_end, None);
    }

    #[test]
    fn the_plan_base_ignores_user_observations_after_the_base_year() {
        let mut cat = crate::catalog::embedded().clone();
        cat.add_observations_csv("id,year,value\nrd_intensity,2023,8\npatents_per_10k,2023,127\n")
            .unwrap();
        let rd = row(&cat, "rd_intensity");
        assert!(rd.base.is_none(), "{:?}", rd.base);
        assert_eq!(rd.required, RequiredPace::Unknown);
        let patents = row(&cat, "patents_per_10k");
        let base = patents.base.unwrap();
        assert_eq!((base.value(), base.year_end()), (Some(118.0), 2020));
        assert_eq!(patents.implied_end, Some(120.0));
    }
}
