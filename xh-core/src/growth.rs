//! Growth mathematics: compound annual growth, projection, required rates,
//! periods to a target, annualising cumulative changes.
//!
//! Rates are decimal fractions: `0.05` means 5 % a year, as in
//! numpy-financial and spreadsheet functions. Years may be fractional.
//!
//! Every function validates its inputs and returns a typed [`Error`] rather
//! than NaN, ±inf or a panic. Results are accurate to within about 2 ulp of
//! the exact value on ordinary inputs; `docs/methodology.md` explains how
//! (the ratio of two levels goes through `ln_1p` when it is near 1, and the
//! rounding error of `1 + rate` is compensated before raising it to a power).
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

use crate::error::{fmt_f64, Error, Result};

// ---------------------------------------------------------------------------
// Argument checks. Each names the argument so the message can too.

#[inline]
pub(crate) fn finite(arg: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::NonFinite { arg, value })
    }
}

#[inline]
pub(crate) fn positive(arg: &'static str, value: f64) -> Result<f64> {
    if value.is_nan() || value.is_infinite() {
        Err(Error::NonFinite { arg, value })
    } else if value > 0.0 {
        Ok(value)
    } else {
        Err(Error::OutOfDomain {
            arg,
            value,
            requirement: "positive and finite",
        })
    }
}

#[inline]
pub(crate) fn non_negative(arg: &'static str, value: f64) -> Result<f64> {
    if value.is_nan() || value.is_infinite() {
        Err(Error::NonFinite { arg, value })
    } else if value >= 0.0 {
        // -0.0 passes and is treated as 0.
        Ok(value)
    } else {
        Err(Error::OutOfDomain {
            arg,
            value,
            requirement: "zero or positive",
        })
    }
}

#[inline]
pub(crate) fn rate_above_minus_one(arg: &'static str, value: f64) -> Result<f64> {
    if value.is_nan() || value.is_infinite() {
        Err(Error::NonFinite { arg, value })
    } else if value > -1.0 {
        Ok(value)
    } else {
        Err(Error::OutOfDomain {
            arg,
            value,
            requirement: "greater than -1",
        })
    }
}

fn overflow(function: &'static str, inputs: &[(&str, f64)]) -> Error {
    let inputs = inputs
        .iter()
        .map(|(k, v)| format!("{k}={}", fmt_f64(*v)))
        .collect::<Vec<_>>()
        .join(", ");
    Error::Overflow { function, inputs }
}

#[inline]
fn checked(function: &'static str, value: f64, inputs: &[(&str, f64)]) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(overflow(function, inputs))
    }
}

// ---------------------------------------------------------------------------
// Accurate building blocks.

/// `ln(num / den)` for positive finite arguments, without the rounding error
/// of `num / den` dominating when the ratio is close to 1.
#[inline]
pub(crate) fn ln_ratio(num: f64, den: f64) -> f64 {
    if num >= den * 0.5 && num <= den * 2.0 {
        // Sterbenz: num - den is exact here, so only the division rounds and
        // ln_1p keeps the full relative accuracy of a small log-ratio.
        ((num - den) / den).ln_1p()
    } else {
        let r = num / den;
        if r.is_finite() && r >= f64::MIN_POSITIVE {
            r.ln()
        } else {
            // The ratio itself over- or underflows; the logs do not.
            num.ln() - den.ln()
        }
    }
}

/// `1 + rate` as an unevaluated sum `hi + lo` (Knuth's TwoSum), exact.
#[inline]
fn one_plus(rate: f64) -> (f64, f64) {
    let hi = 1.0 + rate;
    let bb = hi - 1.0;
    let lo = (1.0 - (hi - bb)) + (rate - bb);
    (hi, lo)
}

/// `(bh + bl)^(eh + el)` for unevaluated sums with `|bl| ≪ |bh|`, `|el| ≪ |eh|`.
///
/// `pow(bh, eh)` is nearly correctly rounded in any modern libm; the low
/// parts enter as a first-order correction
/// `(1 + bl/bh)^eh · bh^el = exp(eh·ln_1p(bl/bh) + el·ln(bh))`, so the
/// rounding errors of forming `1 + rate`, `end / start` or `1 / years` do not
/// get amplified by the exponent.
#[inline]
fn pow_compensated(bh: f64, bl: f64, eh: f64, el: f64) -> f64 {
    let p = bh.powf(eh);
    if !p.is_finite() || p == 0.0 {
        return p;
    }
    let mut c = 0.0;
    if bl != 0.0 {
        c += eh * (bl / bh).ln_1p();
    }
    if el != 0.0 {
        c += el * bh.ln();
    }
    if c == 0.0 {
        p
    } else {
        p.mul_add(c.exp_m1(), p)
    }
}

/// `1 / x` as an unevaluated sum `hi + lo`.
#[inline]
fn recip(x: f64) -> (f64, f64) {
    let hi = 1.0 / x;
    let lo = (-hi).mul_add(x, 1.0) / x;
    (hi, lo)
}

/// `num / den` as an unevaluated sum `hi + lo`.
#[inline]
fn ratio(num: f64, den: f64) -> (f64, f64) {
    let hi = num / den;
    let lo = (-hi).mul_add(den, num) / den;
    (hi, if lo.is_finite() { lo } else { 0.0 })
}

/// `(1 + rate)^years` for `rate > -1`, with the rounding error of `1 + rate`
/// compensated.
#[inline]
pub(crate) fn growth_factor(rate: f64, years: f64) -> f64 {
    let (hi, lo) = one_plus(rate);
    pow_compensated(hi, lo, years, 0.0)
}

/// `(1 + rate)^years - 1`, accurate near 0 as well as far from it.
#[inline]
pub(crate) fn growth_factor_minus_one(rate: f64, years: f64) -> f64 {
    let y = years * rate.ln_1p();
    if y.abs() < 0.5 {
        // Near zero, expm1 avoids the cancellation in `factor - 1`.
        y.exp_m1()
    } else {
        // Far from zero, `factor - 1` loses at most a factor e/(e-1) and the
        // compensated power is more accurate than exp of a rounded product.
        growth_factor(rate, years) - 1.0
    }
}

// ---------------------------------------------------------------------------
// Public functions.

/// Compound annual growth rate from `start` to `end` over `years`.
///
/// # Formula
///
/// `cagr = (end / start)^(1 / years) − 1`, evaluated as
/// `expm1(ln(end / start) / years)`. When `end / start` lies in `[0.5, 2]`,
/// `ln(end / start)` is computed as `ln_1p((end − start) / start)`, where
/// the subtraction is exact. With `years == 1` the result is
/// `(end − start) / start`, correctly rounded.
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
    let rate = if years == 1.0 {
        (end - start) / start
    } else {
        let y = ln_ratio(end, start) / years;
        let (rh, rl) = ratio(end, start);
        if y.abs() < 0.5 || !rh.is_normal() {
            // Near zero expm1 is best; an end/start that over- or underflows
            // can only be handled through its logarithm.
            y.exp_m1()
        } else {
            // Far from zero expm1 would amplify the rounding of y by |y|.
            let (eh, el) = recip(years);
            pow_compensated(rh, rl, eh, el) - 1.0
        }
    };
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
/// evaluated as `start · pow(1 + rate, years)` with the rounding error of
/// `1 + rate` compensated. `project(s, r, 0) == s` exactly.
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
    if years == 0.0 {
        return Ok(start);
    }
    let v = start * growth_factor(rate, years);
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
/// `years_to_reach = ln(target / start) / ln_1p(rate)`; zero when
/// `target == start`, whatever the rate.
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
    if target == start {
        return Ok(0.0);
    }
    let needed = ln_ratio(target, start);
    let per_year = rate.ln_1p();
    if per_year == 0.0 || (needed > 0.0) != (per_year > 0.0) {
        return Err(Error::Unreachable {
            start,
            target,
            rate,
        });
    }
    checked(
        "years_to_reach",
        needed / per_year,
        &[("start", start), ("target", target), ("rate", rate)],
    )
}

/// The average annual rate equivalent to a cumulative change over `years`.
///
/// # Formula
///
/// `annualize = (1 + cumulative_change)^(1 / years) − 1`, evaluated as
/// `expm1(ln_1p(cumulative_change) / years)` near zero and as a compensated
/// power otherwise. With `years == 1` the change is returned unchanged.
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
    if years == 1.0 {
        return Ok(change);
    }
    let y = change.ln_1p() / years;
    let rate = if y.abs() < 0.5 {
        y.exp_m1()
    } else {
        let (bh, bl) = one_plus(change);
        let (eh, el) = recip(years);
        pow_compensated(bh, bl, eh, el) - 1.0
    };
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
/// `cumulate = (1 + rate)^years − 1`, evaluated as `expm1(years · ln_1p(rate))`
/// near zero and as a compensated power otherwise. `cumulate(r, 0) == 0`.
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
    if years == 0.0 {
        return Ok(0.0);
    }
    if years == 1.0 {
        return Ok(rate);
    }
    checked(
        "cumulate",
        growth_factor_minus_one(rate, years),
        &[("rate", rate), ("years", years)],
    )
}

/// The cumulative change from a sequence of period-on-period rates.
///
/// # Formula
///
/// `chain = ∏(1 + rᵢ) − 1`, evaluated as `expm1(Σ ln_1p(rᵢ))` with the sum
/// compensated (Neumaier). An empty sequence is no change: `0`.
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
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn chain(rates: &[f64]) -> Result<f64> {
    let mut sum = 0.0_f64;
    let mut comp = 0.0_f64;
    for (index, &r) in rates.iter().enumerate() {
        let r = rate_above_minus_one("rates", r).map_err(|e| Error::AtIndex {
            index,
            source: Box::new(e),
        })?;
        let term = r.ln_1p();
        let t = sum + term;
        comp += if sum.abs() >= term.abs() {
            (sum - t) + term
        } else {
            (term - t) + sum
        };
        sum = t;
    }
    if rates.len() == 1 {
        return Ok(rates[0]);
    }
    let total = sum + comp;
    if total.is_infinite() {
        return Err(Error::Overflow {
            function: "chain",
            inputs: format!("{} rates", rates.len()),
        });
    }
    let c = total.exp_m1();
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
    let (hi, lo) = one_plus(growth);
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
/// `doubling_time = ln 2 / ln_1p(rate)`.
///
/// # Errors
///
/// * [`Error::NonFinite`] if `rate` is NaN or infinite;
/// * [`Error::OutOfDomain`] if `rate <= -1`;
/// * [`Error::Unreachable`] if `rate <= 0` (nothing doubles without growth);
/// * [`Error::Overflow`] if the result does not fit in an `f64`.
///
/// # Examples
///
/// ```
/// // At 15 % a year, AI output doubles in just under five years.
/// let t = xh_core::doubling_time(0.15)?;
/// assert!((t - 4.959).abs() < 1e-3);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn doubling_time(rate: f64) -> Result<f64> {
    let rate = rate_above_minus_one("rate", rate)?;
    let per_year = rate.ln_1p();
    if per_year <= 0.0 {
        return Err(Error::Unreachable {
            start: 1.0,
            target: 2.0,
            rate,
        });
    }
    checked(
        "doubling_time",
        std::f64::consts::LN_2 / per_year,
        &[("rate", rate)],
    )
}
