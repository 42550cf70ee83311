//! Growth mathematics: compound annual growth, projection, required rates,
//! periods to a target, annualising cumulative changes.
//!
//! Rates are decimal fractions: `0.05` means 5 % a year, as in
//! numpy-financial and spreadsheet functions. Years may be fractional.
//!
//! Every function validates its inputs and returns a typed [`Error`] rather
//! than NaN, ±inf or a panic. Results are accurate to within about 2 ulp of
//! the exact value (in practice well under 1 ulp): logarithms are taken in
//! double-double precision (a ratio of levels as an exact mantissa ratio plus
//! an exponent difference, `1 + rate` as an exact sum), so the exponent of a
//! power does not amplify rounding errors, and the exponential rounds once.
//! The same branch-free code serves the scalar functions and the vectorised
//! [`crate::batch`] kernels, so both give the same bits.
//!
//! # Examples
//!
//! The 14th Five-Year Plan asks AI-industry output to grow 15 % a year from
//! 350亿元 in 2020:
//!
//! ```
//! use xh_core::growth::{project, cagr};
//!
//! let ai_2025 = project(350.0, 0.15, 5.0)?;
//! assert_eq!(format!("{ai_2025:.1}"), "704.0");
//!
//! // Patents per 10 000 people went from 60 to 118 over 2015–2020.
//! let rate = cagr(60.0, 118.0, 5.0)?;
//! assert_eq!(format!("{:.2}%", rate * 100.0), "14.48%");
//! # Ok::<(), xh_core::Error>(())
//! ```

use crate::check::{checked, finite, non_negative, positive, rate_above_minus_one};
use crate::error::{Error, Result};
use crate::kernel::{self, scalar};
use crate::math;

/// Compound annual growth rate from `start` to `end` over `years`.
///
/// # Formula
///
/// `cagr = (end / start)^(1 / years) − 1`, evaluated as
/// `expm1(ln(end / start) / years)` with `ln(end / start)` and the quotient
/// in double-double precision (the ratio never over- or underflows: its
/// mantissas and exponents are taken apart). With `years == 1` the result
/// is `(end − start) / start`, correctly rounded.
///
/// # Errors
///
/// * [`Error::NonFinite`] if any argument is NaN or infinite;
/// * [`Error::OutOfDomain`] if `start` or `end` is zero or negative, or
///   `years` is zero or negative;
/// * [`Error::Overflow`] if the rate does not fit in an `f64`.
///
/// # Examples
///
/// Park green space grew from 542 to 596 hectares over 2015–2020:
///
/// ```
/// let r = xh_core::cagr(542.0, 596.0, 5.0)?;
/// assert!((r - 0.019177).abs() < 1e-6);
///
/// let err = xh_core::cagr(-3.0, 5.0, 1.0).unwrap_err();
/// assert_eq!(err.to_string(), "start must be positive and finite, got -3");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn cagr(start: f64, end: f64, years: f64) -> Result<f64> {
    let start = positive("start", start)?;
    let end = positive("end", end)?;
    let years = positive("years", years)?;
    let rate = scalar::cagr(start, end, years);
    checked(
        "cagr",
        rate,
        &[("start", start), ("end", end), ("years", years)],
    )
}

/// The value after `years` periods of growth at `rate` from `start`.
///
/// # Formula
///
/// `project = start · (1 + rate)^years = start · exp(years · ln_1p(rate))`,
/// with `ln_1p(rate)` and the product in double-double precision and one
/// final rounding (a growth factor beyond the `f64` range is fine as long as
/// the result is not). `project(s, r, 0) == s` exactly.
///
/// # Errors
///
/// * [`Error::NonFinite`] if any argument is NaN or infinite;
/// * [`Error::OutOfDomain`] if `rate <= -1` or `years < 0`;
/// * [`Error::Overflow`] if the result does not fit in an `f64`.
///
/// # Examples
///
/// Life-health output of 650亿元 growing 9 % a year for five years:
///
/// ```
/// let v = xh_core::project(650.0, 0.09, 5.0)?;
/// assert_eq!(format!("{v:.1}"), "1000.1");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn project(start: f64, rate: f64, years: f64) -> Result<f64> {
    let start = finite("start", start)?;
    let rate = rate_above_minus_one("rate", rate)?;
    let years = non_negative("years", years)?;
    let v = scalar::project(start, rate, years);
    checked(
        "project",
        v,
        &[("start", start), ("rate", rate), ("years", years)],
    )
}

/// The number of periods needed to grow from `start` to `target` at `rate`.
///
/// # Formula
///
/// `years_to_reach = ln(target / start) / ln_1p(rate)`, both logarithms as
/// unevaluated sums with relative error below 2^-57 (a quotient of two
/// logarithms does not amplify their errors) and the quotient in
/// double-double; zero when `target == start`, whatever the rate.
///
/// # Errors
///
/// * [`Error::NonFinite`] if any argument is NaN or infinite;
/// * [`Error::OutOfDomain`] if `start` or `target` is not positive, or
///   `rate <= -1`;
/// * [`Error::Unreachable`] if the rate is zero or has the wrong sign for
///   the direction from `start` to `target`;
/// * [`Error::Overflow`] if the number of periods does not fit in an `f64`.
///
/// # Examples
///
/// ```
/// // From 350 to 1000 at 15 % a year takes about 7.5 years.
/// let n = xh_core::years_to_reach(350.0, 1000.0, 0.15)?;
/// assert!((n - 7.5115).abs() < 1e-4);
///
/// let err = xh_core::years_to_reach(350.0, 1000.0, -0.02).unwrap_err();
/// assert_eq!(err.kind(), xh_core::ErrorKind::Unreachable);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn years_to_reach(start: f64, target: f64, rate: f64) -> Result<f64> {
    let start = positive("start", start)?;
    let target = positive("target", target)?;
    let rate = rate_above_minus_one("rate", rate)?;
    let v = scalar::years_to_reach(start, target, rate);
    if v.is_nan() {
        return Err(Error::Unreachable {
            start,
            target,
            rate,
        });
    }
    checked(
        "years_to_reach",
        v,
        &[("start", start), ("target", target), ("rate", rate)],
    )
}

/// The average annual rate equivalent to a cumulative change over `years`.
///
/// # Formula
///
/// `annualize = (1 + cumulative_change)^(1 / years) − 1`, evaluated as
/// `expm1(ln_1p(cumulative_change) / years)` with the logarithm and the
/// quotient in double-double precision. With `years == 1` the change is
/// returned unchanged.
///
/// # Errors
///
/// * [`Error::NonFinite`] if an argument is NaN or infinite;
/// * [`Error::OutOfDomain`] if `cumulative_change <= -1` or `years <= 0`.
///
/// # Examples
///
/// PM2.5 concentration fell 42.6 % over the five years to 2020:
///
/// ```
/// let r = xh_core::annualize(-0.426, 5.0)?;
/// assert_eq!(format!("{:.2}%", r * 100.0), "-10.51%");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn annualize(cumulative_change: f64, years: f64) -> Result<f64> {
    let change = rate_above_minus_one("cumulative_change", cumulative_change)?;
    let years = positive("years", years)?;
    let rate = scalar::annualize(change, years);
    checked(
        "annualize",
        rate,
        &[("cumulative_change", change), ("years", years)],
    )
}

/// The cumulative change from growing at `rate` for `years`; the inverse of
/// [`annualize`].
///
/// # Formula
///
/// `cumulate = (1 + rate)^years − 1`, evaluated as
/// `expm1(years · ln_1p(rate))` with the logarithm and the product in
/// double-double precision. `cumulate(r, 0) == 0`, `cumulate(r, 1) == r`.
///
/// # Errors
///
/// * [`Error::NonFinite`] if an argument is NaN or infinite;
/// * [`Error::OutOfDomain`] if `rate <= -1` or `years < 0`;
/// * [`Error::Overflow`] if the result does not fit in an `f64`.
///
/// # Examples
///
/// Five years at the plan's 5 % a year add up to 27.6 %:
///
/// ```
/// let c = xh_core::cumulate(0.05, 5.0)?;
/// assert_eq!(format!("{:.1}%", c * 100.0), "27.6%");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn cumulate(rate: f64, years: f64) -> Result<f64> {
    let rate = rate_above_minus_one("rate", rate)?;
    let years = non_negative("years", years)?;
    let v = scalar::cumulate(rate, years);
    checked("cumulate", v, &[("rate", rate), ("years", years)])
}

/// The cumulative change from a sequence of period-on-period rates.
///
/// # Formula
///
/// `chain = ∏(1 + rᵢ) − 1`, with the product in double-double precision
/// (each `1 + rᵢ` an exact sum, the exponent kept apart so no partial
/// product over- or underflows) and `p − 1` exact where gains and losses
/// cancel; when the product lies so close to 1 that double-double cannot
/// resolve `p − 1`, it is formed again exactly (to as many bits as the
/// result needs). The result is within one ulp of the exact value for
/// every input, however much the rates cancel. An empty sequence is no
/// change (`0`); one rate is returned unchanged.
///
/// # Errors
///
/// * [`Error::AtIndex`] wrapping [`Error::NonFinite`] or
///   [`Error::OutOfDomain`] for the first rate that is not finite or is
///   `<= -1`;
/// * [`Error::Overflow`] if the result does not fit in an `f64`.
///
/// # Examples
///
/// ```
/// // +10 % then −10 % is a 1 % fall overall.
/// let c = xh_core::chain(&[0.10, -0.10])?;
/// assert!((c + 0.01).abs() < 1e-15);
///
/// // +25 % then −20 % cancels but for 0.2 not being a double: the exact
/// // product of the two doubles, minus 1, rounded once.
/// assert_eq!(xh_core::chain(&[0.25, -0.2])?, -1.3877787807814457e-17);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn chain(rates: &[f64]) -> Result<f64> {
    for (index, &r) in rates.iter().enumerate() {
        rate_above_minus_one("rates", r).map_err(|e| Error::AtIndex {
            index,
            source: Box::new(e),
        })?;
    }
    let c = kernel::chain::chain(rates);
    if c.is_finite() {
        Ok(c)
    } else {
        Err(Error::Overflow {
            function: "chain",
            inputs: format!("{} rates", rates.len()),
        })
    }
}

/// The previous-period value implied by a current value and its growth.
///
/// # Formula
///
/// `implied_previous = current / (1 + growth)`, with the rounding error of
/// `1 + growth` compensated.
///
/// # Errors
///
/// * [`Error::NonFinite`] if an argument is NaN or infinite;
/// * [`Error::OutOfDomain`] if `growth <= -1`;
/// * [`Error::Overflow`] if the result does not fit in an `f64`.
///
/// # Examples
///
/// District budget revenue was 198.1亿元 in 2020, up 2 %:
///
/// ```
/// let base = xh_core::implied_previous(198.1, 0.02)?;
/// assert_eq!(format!("{base:.1}"), "194.2");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn implied_previous(current: f64, growth: f64) -> Result<f64> {
    let current = finite("current", current)?;
    let growth = rate_above_minus_one("growth", growth)?;
    let (hi, lo) = math::two_sum(1.0, growth);
    let q = current / hi;
    // current / (hi + lo) = q · (1 − lo/hi + …); lo/hi < 2^-52, so the
    // first-order term suffices.
    let v = (-q).mul_add(lo / hi, q);
    checked(
        "implied_previous",
        v,
        &[("current", current), ("growth", growth)],
    )
}

/// The number of periods for a value to double at `rate`.
///
/// # Formula
///
/// `doubling_time = ln 2 / ln_1p(rate)`, in double-double precision.
///
/// # Errors
///
/// * [`Error::NonFinite`] if `rate` is NaN or infinite;
/// * [`Error::OutOfDomain`] if `rate <= 0` (nothing doubles without
///   growth);
/// * [`Error::Overflow`] if the result does not fit in an `f64`.
///
/// # Examples
///
/// ```
/// // At 15 % a year, AI output doubles in just under five years.
/// let t = xh_core::doubling_time(0.15)?;
/// assert!((t - 4.959).abs() < 1e-3);
///
/// let err = xh_core::doubling_time(-0.5).unwrap_err();
/// assert_eq!(err.to_string(), "rate must be positive and finite, got -0.5");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn doubling_time(rate: f64) -> Result<f64> {
    let rate = positive("rate", rate)?;
    let v = scalar::doubling_time(rate);
    checked("doubling_time", v, &[("rate", rate)])
}
