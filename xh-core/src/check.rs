//! Argument checks shared by the growth functions, the batch engine's
//! fallback and the assessment. Each names the argument it checks, so the
//! error can say which argument was wrong and what it was.

use crate::error::{fmt_f64, Error, Result};

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

pub(crate) fn overflow(function: &'static str, inputs: &[(&str, f64)]) -> Error {
    let inputs = inputs
        .iter()
        .map(|(k, v)| format!("{k}={}", fmt_f64(*v)))
        .collect::<Vec<_>>()
        .join(", ");
    Error::Overflow { function, inputs }
}

#[inline]
pub(crate) fn checked(function: &'static str, value: f64, inputs: &[(&str, f64)]) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(overflow(function, inputs))
    }
}
