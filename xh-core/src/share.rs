//! Shares in percent versus changes in percentage points.
//!
//! A *share* is a level expressed as a percentage of a whole: the building
//! localisation rate 楼宇属地率 of 43.2 %, the R&D share of GDP, a coverage
//! rate. When a share moves from 39.65 % to 43.2 % it has risen by
//! **3.55 percentage points** (个百分点), not by 3.55 %; the relative change
//! is 8.95 %. Mixing the two is the most common error in reading plan
//! reports, so xh-core gives them distinct types:
//!
//! * [`Share`] ± [`PercentagePoints`] → [`Share`];
//! * [`Share`] − [`Share`] → [`PercentagePoints`];
//! * there is no `Share + Share`, and a relative change has to be asked for
//!   by name with [`Share::relative_change_to`], which returns a decimal rate
//!   like every function in [`crate::growth`].
//!
//! # Examples
//!
//! ```
//! use xh_core::{PercentagePoints, Share};
//!
//! let rate_2020 = Share::from_percent(43.2)?;
//! let rise = PercentagePoints::new(3.55)?;
//! let rate_2019 = rate_2020 - rise;
//! assert!((rate_2019.percent() - 39.65).abs() < 1e-12);
//!
//! // The same rise, as a relative change, is about 8.95 %.
//! let relative = rate_2019.relative_change_to(rate_2020)?;
//! assert!((relative - 0.0895334).abs() < 1e-6);
//! # Ok::<(), xh_core::Error>(())
//! ```

use std::fmt;
use std::ops::{Add, Neg, Sub};

use crate::check::finite;
use crate::error::{Error, Result};

/// A share of a whole, in percent (`43.2` means 43.2 %).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Share(f64);

/// A difference between two shares, in percentage points (个百分点).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PercentagePoints(f64);

impl Share {
    /// A share from its value in percent.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] if `percent` is NaN or infinite. Shares above
    /// 100 % are allowed: some ratios the report calls rates (e.g. an
    /// enrolment ratio) can exceed it.
    pub fn from_percent(percent: f64) -> Result<Share> {
        finite("percent", percent).map(Share)
    }

    /// A share from its value as a decimal fraction (`0.432` is 43.2 %).
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] if `fraction` is NaN or infinite.
    ///
    /// # Examples
    ///
    /// ```
    /// let s = xh_core::Share::from_fraction(0.5)?;
    /// assert_eq!(s.percent(), 50.0);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn from_fraction(fraction: f64) -> Result<Share> {
        finite("fraction", fraction).map(|f| Share(f * 100.0))
    }

    /// The share in percent.
    pub fn percent(self) -> f64 {
        self.0
    }

    /// The share as a decimal fraction (`43.2 %` → `0.432`).
    pub fn fraction(self) -> f64 {
        self.0 / 100.0
    }

    /// The relative change from `self` to `later`, as a decimal rate.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfDomain`] if `self` is not positive.
    pub fn relative_change_to(self, later: Share) -> Result<f64> {
        if self.0 <= 0.0 {
            return Err(Error::OutOfDomain {
                arg: "self",
                value: self.0,
                requirement: "positive for a relative change",
            });
        }
        Ok((later.0 - self.0) / self.0)
    }
}

impl PercentagePoints {
    /// A change of `points` percentage points.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] if `points` is NaN or infinite.
    pub fn new(points: f64) -> Result<PercentagePoints> {
        finite("points", points).map(PercentagePoints)
    }

    /// The number of percentage points.
    pub fn points(self) -> f64 {
        self.0
    }
}

impl Sub for Share {
    type Output = PercentagePoints;
    fn sub(self, earlier: Share) -> PercentagePoints {
        PercentagePoints(self.0 - earlier.0)
    }
}

impl Add<PercentagePoints> for Share {
    type Output = Share;
    fn add(self, change: PercentagePoints) -> Share {
        Share(self.0 + change.0)
    }
}

impl Sub<PercentagePoints> for Share {
    type Output = Share;
    fn sub(self, change: PercentagePoints) -> Share {
        Share(self.0 - change.0)
    }
}

impl Add for PercentagePoints {
    type Output = PercentagePoints;
    fn add(self, other: PercentagePoints) -> PercentagePoints {
        PercentagePoints(self.0 + other.0)
    }
}

impl Neg for PercentagePoints {
    type Output = PercentagePoints;
    fn neg(self) -> PercentagePoints {
        PercentagePoints(-self.0)
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:.*}%", p, self.0),
            None => write!(f, "{}%", self.0),
        }
    }
}

impl fmt::Display for PercentagePoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:+.*} pp", p, self.0),
            None => write!(f, "{:+} pp", self.0),
        }
    }
}
