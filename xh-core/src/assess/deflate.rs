//! The real-versus-nominal guard: a growth target at comparable prices
//! must be compared with a series at comparable prices.
//!
//! Chinese statistics state GDP growth at comparable (constant) prices but
//! publish GDP levels at current prices. Every assessment function checks
//! the series' declared price basis against the target's and returns
//! [`Error::PriceBasisMismatch`] when they differ; [`deflate`] converts a
//! current-price series with a caller-supplied deflator.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::series::{Series, YearValue};
use super::target::Target;
use crate::catalog::PriceBasis;
use crate::error::{Error, Result};
use crate::growth;

/// A price deflator, by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "values", rename_all = "snake_case")]
pub enum Deflator {
    /// A price index level per year, any base (e.g. 2020 = 100).
    PriceIndex(Vec<(i32, f64)>),
    /// The inflation rate of each year over the previous one, decimal
    /// (`0.02` is 2 %).
    Inflation(Vec<(i32, f64)>),
}

/// Converts a current-price series to comparable prices of its first year.
///
/// # Formula
///
/// `real_y = nominal_y · P_ref / P_y`, with `ref` the series' first year.
/// From an inflation path, `P_y / P_ref = ∏_{k = ref+1}^{y} (1 + π_k)`
/// ([`crate::chain`]). Real growth is then nominal growth deflated:
/// `(1 + g_real) = (1 + g_nominal) / (1 + π)`.
///
/// # Errors
///
/// * [`Error::InvalidArgument`] if the series is already at comparable
///   prices;
/// * [`Error::InvalidYear`] naming the first year the deflator lacks
///   (a price index needs every year of the series, an inflation path
///   every year after the first);
/// * [`Error::OutOfDomain`] for a price index ≤ 0 or an inflation rate ≤ −1;
///   [`Error::NonFinite`].
///
/// # Examples
///
/// ```
/// use xh_core::assess::{deflate, Deflator, Series};
/// use xh_core::catalog::PriceBasis;
///
/// let nominal = Series::new(&[(2020, 100.0), (2021, 107.1)])?
///     .with_price_basis(Some(PriceBasis::Current));
/// let real = deflate(&nominal, &Deflator::Inflation(vec![(2021, 0.02)]))?;
/// assert!((real.get(2021).unwrap() - 105.0).abs() < 1e-12);
/// assert_eq!(real.price_basis(), Some(PriceBasis::Comparable));
///
/// let err = deflate(&nominal, &Deflator::Inflation(vec![(2022, 0.02)])).unwrap_err();
/// assert_eq!(err.to_string(), "year must be covered by the deflator, got 2021");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn deflate(series: &Series, deflator: &Deflator) -> Result<Series> {
    if series.price_basis() == Some(PriceBasis::Comparable) {
        return Err(Error::InvalidArgument {
            arg: "series",
            message: "the series is already at comparable prices".to_owned(),
        });
    }
    let pts = series.points();
    let Some(first) = pts.first() else {
        return Ok(series
            .clone()
            .with_price_basis(Some(PriceBasis::Comparable)));
    };
    let missing = |year: i32| Error::InvalidYear {
        arg: "year",
        value: year,
        requirement: "covered by the deflator".to_owned(),
    };
    // Price level of each series year relative to the first.
    let relative: Vec<f64> = match deflator {
        Deflator::PriceIndex(index) => {
            let mut map = BTreeMap::new();
            for &(y, v) in index {
                map.insert(y, crate::check::positive("price_index", v)?);
            }
            let p0 = *map.get(&first.year).ok_or_else(|| missing(first.year))?;
            pts.iter()
                .map(|p| {
                    map.get(&p.year)
                        .map(|v| v / p0)
                        .ok_or_else(|| missing(p.year))
                })
                .collect::<Result<_>>()?
        }
        Deflator::Inflation(rates) => {
            let mut map = BTreeMap::new();
            for &(y, r) in rates {
                map.insert(y, crate::check::rate_above_minus_one("inflation", r)?);
            }
            let mut out = Vec::with_capacity(pts.len());
            for p in pts {
                let mut path = Vec::new();
                for y in first.year + 1..=p.year {
                    path.push(*map.get(&y).ok_or_else(|| missing(y))?);
                }
                out.push(1.0 + growth::chain(&path)?);
            }
            out
        }
    };
    let points = pts
        .iter()
        .zip(relative)
        .map(|(p, r)| YearValue {
            year: p.year,
            value: p.value / r,
        })
        .collect();
    Ok(Series::from_sorted(points, Some(PriceBasis::Comparable)))
}

/// Checks that `series` and `target` are at the same price basis (either
/// may be undeclared, which passes).
///
/// # Errors
///
/// [`Error::PriceBasisMismatch`] when both are declared and differ.
///
/// # Examples
///
/// ```
/// use xh_core::assess::{check_price_basis, Series, Target};
/// let cat = xh_core::catalog::embedded();
/// let gdp = cat.get("gdp")?;
/// let target = Target::from_figure(gdp, gdp.targets().next().unwrap())?;
/// let nominal = Series::from_indicator(gdp); // levels: current prices
/// let err = check_price_basis(&target, &nominal).unwrap_err();
/// assert_eq!(err.kind(), xh_core::ErrorKind::PriceBasisMismatch);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn check_price_basis(target: &Target, series: &Series) -> Result<()> {
    match (target.price_basis, series.price_basis()) {
        (Some(t), Some(s)) if t != s => Err(Error::PriceBasisMismatch {
            indicator: if target.indicator.is_empty() {
                "target".to_owned()
            } else {
                target.indicator.clone()
            },
            target_basis: t.to_string(),
            observed_basis: s.to_string(),
        }),
        _ => Ok(()),
    }
}
