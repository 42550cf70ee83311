//! Units of measure: conversion and canonical names (`xh_unit_*`).
//!
//! Unit texts are UTF-8 C strings in the report's Chinese (`"亿元"`,
//! `"万平方米"`, `"公顷"`, `"个百分点"`) or an English/SI spelling
//! (`"100 million yuan"`, `"ha"`, `"pp"`), parsed by `xh_core::Unit::parse`.

use std::ffi::c_char;

use xh_core::units::{Currency, Dimension, ExchangeRate, Unit};

use crate::ffi::{boundary, out_ptr, str_arg, write, write_text, FfiResult};
use crate::status::xh_status;

/// Parses a unit argument.
///
/// # Safety
///
/// `p` must be NULL or a NUL-terminated string.
unsafe fn unit_arg(p: *const c_char, arg: &'static str) -> FfiResult<Unit> {
    // SAFETY: forwarded contract.
    let text = unsafe { str_arg(p, arg) }?;
    Ok(Unit::parse(text)?)
}

/// Converts `value` from unit `from` to unit `to`, writing the result to
/// `*out`.
///
/// Conversions stay within one dimension (money in one currency, area,
/// length, a count of one kind of thing, percent, …). A pure power-of-ten
/// change such as 亿元 → 万元 or 公顷 → 平方米 is one multiplication or
/// division, exact whenever the result is representable.
///
/// # Errors
///
/// * `XH_STATUS_UNKNOWN_UNIT` if `from` or `to` is not a unit xuhui knows;
/// * `XH_STATUS_NON_FINITE` if `value` is NaN or infinite;
/// * `XH_STATUS_UNIT_MISMATCH` across dimensions (hectares to yuan, percent
///   to percentage points) or between counts of different things;
/// * `XH_STATUS_EXCHANGE_RATE_REQUIRED` between currencies (use
///   `xh_unit_convert_with_rate`);
/// * `XH_STATUS_NULL_ARGUMENT`, `XH_STATUS_INVALID_UTF8` for bad pointers
///   or text.
///
/// `*out` is written only on `XH_STATUS_OK`.
///
/// # Example
///
/// ```c
/// double wan;
/// xh_unit_convert("亿元", 198.1, "万元", &wan); // 1981000
/// ```
#[no_mangle]
pub unsafe extern "C" fn xh_unit_convert(
    from: *const c_char,
    value: f64,
    to: *const c_char,
    out: *mut f64,
) -> xh_status {
    boundary("xh_unit_convert", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: caller's contract for the strings.
        let (from, to) = unsafe { (unit_arg(from, "from")?, unit_arg(to, "to")?) };
        let v = from.convert(value, to)?;
        // SAFETY: caller's contract for `out`.
        unsafe { write(out, v) };
        Ok(())
    })
}

/// Converts money between currencies: `value` in unit `from` (e.g.
/// `"亿美元"`) to unit `to` (e.g. `"亿元"`), at `rate` units of `to`'s
/// currency per one unit of `from`'s currency (e.g. 6.9 yuan per dollar).
/// Writes the result to `*out`. Between amounts in the same currency the
/// rate is ignored and this is `xh_unit_convert`.
///
/// # Errors
///
/// * `XH_STATUS_UNKNOWN_UNIT` if `from` or `to` is not a unit xuhui knows;
/// * `XH_STATUS_UNIT_MISMATCH` if either unit is not money;
/// * `XH_STATUS_NON_FINITE` or `XH_STATUS_OUT_OF_DOMAIN` unless `rate` is
///   positive and finite, `XH_STATUS_NON_FINITE` if `value` is not finite;
/// * `XH_STATUS_NULL_ARGUMENT`, `XH_STATUS_INVALID_UTF8` for bad pointers
///   or text.
///
/// `*out` is written only on `XH_STATUS_OK`.
///
/// # Example
///
/// ```c
/// double yi_yuan;
/// xh_unit_convert_with_rate("亿美元", 12.5, "亿元", 6.9, &yi_yuan); // 86.25
/// ```
#[no_mangle]
pub unsafe extern "C" fn xh_unit_convert_with_rate(
    from: *const c_char,
    value: f64,
    to: *const c_char,
    rate: f64,
    out: *mut f64,
) -> xh_status {
    boundary("xh_unit_convert_with_rate", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: caller's contract for the strings.
        let (from, to) = unsafe { (unit_arg(from, "from")?, unit_arg(to, "to")?) };
        let exchange = match (from.dimension(), to.dimension()) {
            (Dimension::Money(a), Dimension::Money(b)) => ExchangeRate::new(a, b, rate)?,
            // Not money: xh-core reports the mismatch whatever the rate.
            _ => ExchangeRate::new(Currency::Cny, Currency::Cny, 1.0)?,
        };
        let v = from.convert_with_rate(value, to, exchange)?;
        // SAFETY: caller's contract for `out`.
        unsafe { write(out, v) };
        Ok(())
    })
}

/// Writes the canonical Chinese name of `unit` into `buf`, e.g. `"万平方米"`
/// for `"10k m²"`, `"亿元"` for `"100 million yuan"`. Also a way to check
/// that a unit text is known.
///
/// # Buffers (the size-query protocol)
///
/// Every xuhui function that returns text works the same way:
///
/// * `needed` must not be NULL. On `XH_STATUS_OK` and on
///   `XH_STATUS_BUFFER_TOO_SMALL` it receives the buffer size the text
///   needs, including its terminating NUL.
/// * `buf == NULL` with `len == 0` is a size query: the call returns
///   `XH_STATUS_OK` and writes only `*needed`.
/// * If `len` is smaller than needed, the call returns
///   `XH_STATUS_BUFFER_TOO_SMALL` and leaves `buf` untouched (no partial
///   text).
/// * Otherwise the UTF-8 text and a NUL are written to `buf`.
///
/// ```c
/// size_t need;
/// xh_unit_name_zh("ha", NULL, 0, &need);
/// char *name = malloc(need);
/// xh_unit_name_zh("ha", name, need, &need); // "公顷"
/// ```
///
/// # Errors
///
/// `XH_STATUS_UNKNOWN_UNIT`, `XH_STATUS_BUFFER_TOO_SMALL`,
/// `XH_STATUS_NULL_ARGUMENT` (`unit` or `needed` NULL, or `buf` NULL with
/// `len > 0`), `XH_STATUS_INVALID_UTF8`.
#[no_mangle]
pub unsafe extern "C" fn xh_unit_name_zh(
    unit: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    boundary("xh_unit_name_zh", || {
        let needed = out_ptr(needed, "needed")?;
        // SAFETY: caller's contract for `unit`.
        let unit = unsafe { unit_arg(unit, "unit") }?;
        // SAFETY: caller's contract for `buf`, `len`.
        unsafe { write_text(&unit.zh(), buf, len, needed) }
    })
}

/// Writes the English name of `unit` into `buf`, e.g. `"100 million yuan"`
/// for `"亿元"`, `"10 thousand m²"` for `"万平方米"`. Buffers and errors as
/// for `xh_unit_name_zh`.
#[no_mangle]
pub unsafe extern "C" fn xh_unit_name_en(
    unit: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    boundary("xh_unit_name_en", || {
        let needed = out_ptr(needed, "needed")?;
        // SAFETY: caller's contract for `unit`.
        let unit = unsafe { unit_arg(unit, "unit") }?;
        // SAFETY: caller's contract for `buf`, `len`.
        unsafe { write_text(&unit.en(), buf, len, needed) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn convert_and_names() {
        let mut out = 0.0;
        let s = unsafe { xh_unit_convert(c"亿元".as_ptr(), 198.1, c"万元".as_ptr(), &mut out) };
        assert_eq!(s, xh_status::Ok);
        assert_eq!(out, 1_981_000.0);
        let s = unsafe { xh_unit_convert(c"公顷".as_ptr(), 1.0, c"亿元".as_ptr(), &mut out) };
        assert_eq!(s, xh_status::UnitMismatch);
        let s = unsafe {
            xh_unit_convert_with_rate(c"亿美元".as_ptr(), 12.5, c"亿元".as_ptr(), 6.9, &mut out)
        };
        assert_eq!(s, xh_status::Ok);
        assert!((out - 86.25).abs() < 1e-12);
        let s = unsafe {
            xh_unit_convert_with_rate(c"公顷".as_ptr(), 1.0, c"亿元".as_ptr(), 6.9, &mut out)
        };
        assert_eq!(s, xh_status::UnitMismatch);

        let mut buf = [0 as c_char; 32];
        let mut need = 0;
        let s = unsafe { xh_unit_name_zh(c"ha".as_ptr(), buf.as_mut_ptr(), 32, &mut need) };
        assert_eq!(s, xh_status::Ok);
        assert_eq!(unsafe { CStr::from_ptr(buf.as_ptr()) }, c"公顷");
        assert_eq!(need, "公顷".len() + 1);
        let s = unsafe { xh_unit_name_en(c"亿元".as_ptr(), buf.as_mut_ptr(), 5, &mut need) };
        assert_eq!(s, xh_status::BufferTooSmall);
        assert_eq!(need, "100 million yuan".len() + 1);
    }
}
