//! A typed observation series: `(year, value)` points, sorted, one per
//! year, finite, with an optional price basis.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{Group, Indicator, PriceBasis, Qualifier};
use crate::error::{Error, Result};

/// One observation: a value in a calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearValue {
    /// The calendar year.
    pub year: i32,
    /// The value, in the indicator's unit.
    pub value: f64,
}

/// Annual observations of one indicator, sorted by year, at most one per
/// year, every value finite. May be empty: the assessment functions then
/// report insufficient data rather than fail.
///
/// # Examples
///
/// ```
/// use xh_core::assess::Series;
/// let s = Series::new(&[(2022, 3.0), (2020, 1.0), (2021, 2.0)])?;
/// assert_eq!(s.years(), vec![2020, 2021, 2022]);
/// assert_eq!(s.get(2021), Some(2.0));
///
/// let err = Series::new(&[(2021, 1.0), (2021, 2.0)]).unwrap_err();
/// assert_eq!(err.to_string(), "year must be unique in the series, got 2021");
/// # Ok::<(), xh_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Series {
    points: Vec<YearValue>,
    price_basis: Option<PriceBasis>,
}

impl Series {
    /// A series from `(year, value)` pairs in any order.
    ///
    /// # Errors
    ///
    /// [`Error::AtIndex`] wrapping [`Error::NonFinite`] for a NaN or
    /// infinite value; [`Error::InvalidYear`] for a year given twice.
    pub fn new(points: &[(i32, f64)]) -> Result<Series> {
        let mut v = Vec::with_capacity(points.len());
        for (index, &(year, value)) in points.iter().enumerate() {
            if !value.is_finite() {
                return Err(Error::AtIndex {
                    index,
                    source: Box::new(Error::NonFinite {
                        arg: "value",
                        value,
                    }),
                });
            }
            v.push(YearValue { year, value });
        }
        v.sort_by_key(|p| p.year);
        if let Some(w) = v.windows(2).find(|w| w[0].year == w[1].year) {
            return Err(Error::InvalidYear {
                arg: "year",
                value: w[0].year,
                requirement: "unique in the series".to_owned(),
            });
        }
        Ok(Series {
            points: v,
            price_basis: None,
        })
    }

    /// The same series, declared to be at `basis` prices (`None`: not money,
    /// or unknown).
    pub fn with_price_basis(mut self, basis: Option<PriceBasis>) -> Series {
        self.price_basis = basis;
        self
    }

    /// The levels of an indicator in a catalog: every actual or estimated
    /// `level` figure for a single year whose qualifier is exact or 左右
    /// (a bound such as 跨越2000亿元大关 is not an observation), converted to
    /// the indicator's unit. A user observation replaces a report figure
    /// for the same year.
    ///
    /// Money levels are taken to be at **current** prices, as Chinese
    /// statistics publish them, even where the indicator's growth is
    /// measured at comparable prices (GDP): comparing such a series with a
    /// comparable-price growth target needs a deflator (see
    /// [`super::deflate`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::assess::Series;
    /// let cat = xh_core::catalog::embedded();
    /// let s = Series::from_indicator(cat.get("patents_per_10k")?);
    /// assert_eq!(s.years(), vec![2015, 2020]);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn from_indicator(indicator: &Indicator) -> Series {
        let mut by_year: BTreeMap<i32, (bool, f64)> = BTreeMap::new();
        for f in indicator.figures() {
            if !f.is_observed_level()
                || !matches!(f.qualifier(), Qualifier::Exact | Qualifier::About)
            {
                continue;
            }
            let Some(Ok(value)) = f.value().map(|v| f.unit().convert(v, indicator.unit())) else {
                continue;
            };
            let user = f.group() == Group::User;
            match by_year.get(&f.year_end()) {
                Some(&(true, _)) if !user => {}
                _ => {
                    by_year.insert(f.year_end(), (user, value));
                }
            }
        }
        Series {
            points: by_year
                .into_iter()
                .map(|(year, (_, value))| YearValue { year, value })
                .collect(),
            price_basis: indicator.price_basis().map(|_| PriceBasis::Current),
        }
    }

    /// This series with `points` added, a point replacing the value of its
    /// year (e.g. the caller's observations over an indicator's levels);
    /// the price basis is kept.
    ///
    /// # Errors
    ///
    /// As [`Series::new`] for `points` (non-finite values, a year twice).
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::assess::Series;
    /// let base = Series::new(&[(2020, 350.0), (2021, 400.0)])?;
    /// let s = base.overridden_by(&[(2021, 410.0), (2022, 470.0)])?;
    /// assert_eq!(s.values(), vec![350.0, 410.0, 470.0]);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn overridden_by(&self, points: &[(i32, f64)]) -> Result<Series> {
        let extra = Series::new(points)?;
        let mut by_year: BTreeMap<i32, f64> =
            self.points.iter().map(|p| (p.year, p.value)).collect();
        for p in &extra.points {
            by_year.insert(p.year, p.value);
        }
        Ok(Series {
            points: by_year
                .into_iter()
                .map(|(year, value)| YearValue { year, value })
                .collect(),
            price_basis: self.price_basis,
        })
    }

    /// The points, sorted by year.
    pub fn points(&self) -> &[YearValue] {
        &self.points
    }

    /// The years, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.points.iter().map(|p| p.year).collect()
    }

    /// The values, in year order.
    pub fn values(&self) -> Vec<f64> {
        self.points.iter().map(|p| p.value).collect()
    }

    /// The number of points.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The declared price basis, if any.
    pub fn price_basis(&self) -> Option<PriceBasis> {
        self.price_basis
    }

    /// The value in `year`, if observed.
    pub fn get(&self, year: i32) -> Option<f64> {
        self.points
            .binary_search_by_key(&year, |p| p.year)
            .ok()
            .map(|i| self.points[i].value)
    }

    /// The points with `from <= year <= to`, as a series with the same
    /// price basis.
    pub fn between(&self, from: i32, to: i32) -> Series {
        Series {
            points: self
                .points
                .iter()
                .copied()
                .filter(|p| from <= p.year && p.year <= to)
                .collect(),
            price_basis: self.price_basis,
        }
    }

    pub(crate) fn from_sorted(points: Vec<YearValue>, price_basis: Option<PriceBasis>) -> Series {
        Series {
            points,
            price_basis,
        }
    }
}
