//! Guard rails against the two commonest slips with plan figures: a rate
//! written in percent where a decimal is meant (`15` for 15 %), and a share
//! written as a fraction where percent is meant (`0.432` for 43.2 %).
//!
//! Both are heuristics, and legitimate values can trip them (a rate of
//! 150 % a year, a share of 0.4 %), so the functions here only say what a
//! value probably meant; each caller decides what to do. The Python
//! bindings and the command line warn; the JSON request API
//! ([`crate::assess::evaluate_json`]) rejects a target or inflation rate of
//! 1 or more unless the request sets `"allow_rate_above_one": true`.
//!
//! # Examples
//!
//! ```
//! use xh_core::sanity;
//!
//! assert_eq!(sanity::rate_in_percent(15.0), Some(0.15));
//! assert_eq!(sanity::rate_in_percent(0.15), None);
//! assert_eq!(
//!     sanity::rate_message("rate", 15.0).unwrap(),
//!     "rate 15 is 1500 % a year (rates are decimals: 0.15 is 15 %); did you mean 0.15?"
//! );
//!
//! assert_eq!(sanity::share_as_fraction(0.432), Some(43.2));
//! assert_eq!(sanity::share_as_fraction(43.2), None);
//! ```

use crate::error::fmt_f64;

/// The decimal rate that `rate` probably meant, if it looks like a percent:
/// a finite rate of 1 (100 % a year) or more. `None` for ordinary decimal
/// rates, negative rates and NaN.
pub fn rate_in_percent(rate: f64) -> Option<f64> {
    (rate.is_finite() && rate >= 1.0).then(|| tidy(rate / 100.0))
}

/// The warning for a rate argument `arg` that looks like a percent, naming
/// the value and the decimal it probably meant; `None` if it does not.
pub fn rate_message(arg: &str, rate: f64) -> Option<String> {
    Some(format!("{arg} {}", rate_text(rate)?))
}

/// [`rate_message`] without the argument's name.
pub(crate) fn rate_text(rate: f64) -> Option<String> {
    let meant = rate_in_percent(rate)?;
    Some(format!(
        "{} is {} % a year (rates are decimals: {} is {} %); did you mean {}?",
        fmt_f64(rate),
        fmt_f64(tidy(rate * 100.0)),
        fmt_f64(meant),
        fmt_f64(rate),
        fmt_f64(meant)
    ))
}

/// The percent that a share value probably meant, if it looks like a
/// fraction: finite, not zero, and strictly between −1 and 1 (`0.432` →
/// `43.2`). `None` otherwise.
pub fn share_as_fraction(percent: f64) -> Option<f64> {
    (percent.is_finite() && percent != 0.0 && percent.abs() < 1.0).then(|| tidy(percent * 100.0))
}

/// The warning for a share given as `percent` that looks like a fraction;
/// `None` if it does not.
pub fn share_message(percent: f64) -> Option<String> {
    let meant = share_as_fraction(percent)?;
    Some(format!(
        "share {v} is read as {v} % (shares are in percent); if {v} is a fraction, \
         the share is {} % (from_fraction({v}) says so)",
        fmt_f64(meant),
        v = fmt_f64(percent)
    ))
}

/// `v` rounded to 12 significant digits, so `0.432 · 100` shows as `43.2`.
fn tidy(v: f64) -> f64 {
    format!("{v:.11e}").parse().unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_of_one_or_more_look_like_percent() {
        assert_eq!(rate_in_percent(1.0), Some(0.01));
        assert_eq!(rate_in_percent(5.0), Some(0.05));
        assert_eq!(rate_in_percent(0.999), None);
        assert_eq!(rate_in_percent(-5.0), None);
        assert_eq!(rate_in_percent(f64::NAN), None);
        assert_eq!(rate_in_percent(f64::INFINITY), None);
        assert_eq!(rate_message("growth", 0.05), None);
        assert_eq!(
            rate_message("growth", 2.5).unwrap(),
            "growth 2.5 is 250 % a year (rates are decimals: 0.025 is 2.5 %); did you mean 0.025?"
        );
    }

    #[test]
    fn shares_below_one_look_like_fractions() {
        assert_eq!(share_as_fraction(0.0), None);
        assert_eq!(share_as_fraction(1.0), None);
        assert_eq!(share_as_fraction(-0.5), Some(-50.0));
        assert_eq!(share_as_fraction(f64::NAN), None);
        assert_eq!(
            share_message(0.432).unwrap(),
            "share 0.432 is read as 0.432 % (shares are in percent); if 0.432 is a fraction, \
             the share is 43.2 % (from_fraction(0.432) says so)"
        );
        assert_eq!(share_message(43.2), None);
    }
}
