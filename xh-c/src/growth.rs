//! Growth functions: scalar (`xh_cagr` …) and batch (`xh_cagr_batch` …).
//!
//! Every number comes from `xh_core::growth` (scalar) and `xh_core::batch`
//! (arrays); this module only converts arguments and results.

use std::ptr::NonNull;

use xh_core::batch::ErrorPolicy;
use xh_core::{batch, growth, Error};

use crate::ffi::{boundary, out_ptr, slice_arg, write, Failure, FfiResult};
use crate::status::xh_status;

/// What a batch function does with an element the scalar function rejects.
///
/// One of `XH_ERROR_POLICY_RAISE` and `XH_ERROR_POLICY_NAN`; any other value
/// fails with `XH_STATUS_INVALID_ARGUMENT`.
#[allow(non_camel_case_types)]
pub type xh_error_policy = u32;

/// Stop at the first (lowest-index) invalid element and return its status;
/// its index goes to `*bad_index`.
pub const XH_ERROR_POLICY_RAISE: xh_error_policy = 0;

/// Write NaN for invalid elements, compute the others, return
/// `XH_STATUS_OK`.
pub const XH_ERROR_POLICY_NAN: xh_error_policy = 1;

fn policy_arg(policy: xh_error_policy) -> FfiResult<ErrorPolicy> {
    match policy {
        XH_ERROR_POLICY_RAISE => Ok(ErrorPolicy::Raise),
        XH_ERROR_POLICY_NAN => Ok(ErrorPolicy::Nan),
        other => Err(Failure::Core(Error::InvalidArgument {
            arg: "policy",
            message: format!(
                "expected XH_ERROR_POLICY_RAISE (0) or XH_ERROR_POLICY_NAN (1), got {other}"
            ),
        })),
    }
}

/// Runs a scalar function and writes its result to `out` on success.
fn scalar(
    function: &'static str,
    out: *mut f64,
    f: impl FnOnce() -> xh_core::Result<f64>,
) -> xh_status {
    boundary(function, || {
        let out = out_ptr(out, "out")?;
        let v = f()?;
        // SAFETY: caller's contract for `out`.
        unsafe { write(out, v) };
        Ok(())
    })
}

fn overlaps(a: *const f64, n: usize, b: *const f64, m: usize) -> bool {
    let (a0, b0) = (a as usize, b as usize);
    let size = std::mem::size_of::<f64>();
    n != 0 && m != 0 && a0 < b0 + m * size && b0 < a0 + n * size
}

/// Converts the arguments of a batch function and runs `kernel`.
///
/// An input that overlaps `out` (e.g. `out == start` for an in-place call) is
/// copied first, so the kernel never sees aliased slices.
///
/// # Safety
///
/// Every pointer must satisfy the batch functions' documented contract.
unsafe fn run_batch<const N: usize>(
    function: &'static str,
    inputs: [(&'static str, *const f64, usize); N],
    out: *mut f64,
    n_out: usize,
    policy: xh_error_policy,
    bad_index: *mut usize,
    kernel: impl FnOnce([&[f64]; N], &mut [f64], ErrorPolicy) -> xh_core::Result<()>,
) -> xh_status {
    boundary(function, || {
        let policy = policy_arg(policy)?;
        if n_out != 0 && out.is_null() {
            return Err(Failure::Null("out"));
        }
        let mut raw: [&[f64]; N] = [&[]; N];
        for (k, &(arg, p, n)) in inputs.iter().enumerate() {
            // SAFETY: caller's contract for input arrays.
            raw[k] = unsafe { slice_arg(p, n, arg) }?;
        }
        // Inputs that overlap `out` are copied before `out` is borrowed
        // mutably; `raw` is not used after this point.
        let copies: [Option<Vec<f64>>; N] = std::array::from_fn(|k| {
            let (_, p, n) = inputs[k];
            overlaps(p, n, out, n_out).then(|| raw[k].to_vec())
        });
        let slices: [&[f64]; N] = std::array::from_fn(|k| match &copies[k] {
            Some(copy) => copy.as_slice(),
            None => raw[k],
        });
        let out: &mut [f64] = if n_out == 0 {
            &mut []
        } else {
            // SAFETY: non-NULL, n_out writable doubles per the contract, and
            // no input slice aliases it (overlapping inputs were copied).
            unsafe { std::slice::from_raw_parts_mut(out, n_out) }
        };
        match kernel(slices, out, policy) {
            Ok(()) => Ok(()),
            Err(e) => {
                if let (Error::AtIndex { index, .. }, Some(bad)) = (&e, NonNull::new(bad_index)) {
                    // SAFETY: caller's contract for `bad_index`.
                    unsafe { write(bad, *index) };
                }
                Err(e.into())
            }
        }
    })
}

/// Compound annual growth rate from `start` to `end` over `years`:
/// `(end / start)^(1 / years) - 1`, written to `*out`.
///
/// Computed by xh-core with a compensated formula (within 2 ulp of exact on
/// ordinary inputs). Rates are decimal fractions: 0.15 is 15 %.
///
/// # Errors
///
/// * `XH_STATUS_NON_FINITE` if an argument is NaN or infinite;
/// * `XH_STATUS_OUT_OF_DOMAIN` if `start`, `end` or `years` is zero or
///   negative;
/// * `XH_STATUS_OVERFLOW` if the rate does not fit in a double;
/// * `XH_STATUS_NULL_ARGUMENT` if `out` is NULL.
///
/// `*out` is written only on `XH_STATUS_OK`.
///
/// # Example
///
/// ```c
/// double r;
/// if (xh_cagr(542.0, 596.0, 5.0, &r) == XH_STATUS_OK)
///     printf("%.2f%%\n", r * 100.0); // 1.92%
/// ```
#[no_mangle]
pub unsafe extern "C" fn xh_cagr(start: f64, end: f64, years: f64, out: *mut f64) -> xh_status {
    scalar("xh_cagr", out, || growth::cagr(start, end, years))
}

/// The value after `years` periods of growth at `rate` from `start`:
/// `start * (1 + rate)^years`, written to `*out`.
///
/// # Errors
///
/// * `XH_STATUS_NON_FINITE` if an argument is NaN or infinite;
/// * `XH_STATUS_OUT_OF_DOMAIN` if `rate <= -1` or `years < 0`;
/// * `XH_STATUS_OVERFLOW` if the result does not fit in a double;
/// * `XH_STATUS_NULL_ARGUMENT` if `out` is NULL.
///
/// `*out` is written only on `XH_STATUS_OK`.
///
/// # Example
///
/// AI output of 350亿元 in 2020 growing 15 % a year gives 704.0亿元 in 2025:
///
/// ```c
/// double v;
/// xh_project(350.0, 0.15, 5.0, &v); // 703.975015625
/// ```
#[no_mangle]
pub unsafe extern "C" fn xh_project(start: f64, rate: f64, years: f64, out: *mut f64) -> xh_status {
    scalar("xh_project", out, || growth::project(start, rate, years))
}

/// The number of periods needed to grow from `start` to `target` at
/// `rate`: `ln(target / start) / ln(1 + rate)`, written to `*out`. Zero
/// when `target == start`.
///
/// # Errors
///
/// * `XH_STATUS_NON_FINITE` if an argument is NaN or infinite;
/// * `XH_STATUS_OUT_OF_DOMAIN` if `start` or `target` is not positive, or
///   `rate <= -1`;
/// * `XH_STATUS_UNREACHABLE` if the rate is zero or has the wrong sign for
///   the direction from `start` to `target`;
/// * `XH_STATUS_OVERFLOW` if the number of periods does not fit in a double;
/// * `XH_STATUS_NULL_ARGUMENT` if `out` is NULL.
///
/// `*out` is written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_years_to_reach(
    start: f64,
    target: f64,
    rate: f64,
    out: *mut f64,
) -> xh_status {
    scalar("xh_years_to_reach", out, || {
        growth::years_to_reach(start, target, rate)
    })
}

/// The average annual rate equivalent to a cumulative change over `years`:
/// `(1 + cumulative_change)^(1 / years) - 1`, written to `*out`.
///
/// # Errors
///
/// * `XH_STATUS_NON_FINITE` if an argument is NaN or infinite;
/// * `XH_STATUS_OUT_OF_DOMAIN` if `cumulative_change <= -1` or `years <= 0`;
/// * `XH_STATUS_NULL_ARGUMENT` if `out` is NULL.
///
/// `*out` is written only on `XH_STATUS_OK`.
///
/// # Example
///
/// PM2.5 fell 42.6 % over five years: `xh_annualize(-0.426, 5.0, &r)` gives
/// about -0.1051 (-10.51 % a year).
#[no_mangle]
pub unsafe extern "C" fn xh_annualize(
    cumulative_change: f64,
    years: f64,
    out: *mut f64,
) -> xh_status {
    scalar("xh_annualize", out, || {
        growth::annualize(cumulative_change, years)
    })
}

/// The cumulative change from growing at `rate` for `years`:
/// `(1 + rate)^years - 1`, written to `*out`; the inverse of
/// `xh_annualize`.
///
/// # Errors
///
/// * `XH_STATUS_NON_FINITE` if an argument is NaN or infinite;
/// * `XH_STATUS_OUT_OF_DOMAIN` if `rate <= -1` or `years < 0`;
/// * `XH_STATUS_OVERFLOW` if the result does not fit in a double;
/// * `XH_STATUS_NULL_ARGUMENT` if `out` is NULL.
///
/// `*out` is written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_cumulate(rate: f64, years: f64, out: *mut f64) -> xh_status {
    scalar("xh_cumulate", out, || growth::cumulate(rate, years))
}

/// The cumulative change from `n` period-on-period rates:
/// `(1 + rates[0]) * … * (1 + rates[n-1]) - 1`, written to `*out`, within
/// one ulp of the exact product however much gains and losses cancel.
/// With `n == 0` the result is 0 (no change), and `rates` may then be NULL.
///
/// # Errors
///
/// * `XH_STATUS_NON_FINITE` or `XH_STATUS_OUT_OF_DOMAIN` for the first rate
///   that is not finite or is `<= -1` (the message names its index);
/// * `XH_STATUS_OVERFLOW` if the result does not fit in a double;
/// * `XH_STATUS_NULL_ARGUMENT` if `out` is NULL, or `rates` is NULL while
///   `n > 0`.
///
/// `*out` is written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_chain(rates: *const f64, n: usize, out: *mut f64) -> xh_status {
    boundary("xh_chain", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: caller's contract for `rates`.
        let rates = unsafe { slice_arg(rates, n, "rates") }?;
        let v = growth::chain(rates)?;
        // SAFETY: caller's contract for `out`.
        unsafe { write(out, v) };
        Ok(())
    })
}

/// The previous-period value implied by a current value and its growth:
/// `current / (1 + growth)`, written to `*out`.
///
/// # Errors
///
/// * `XH_STATUS_NON_FINITE` if an argument is NaN or infinite;
/// * `XH_STATUS_OUT_OF_DOMAIN` if `growth <= -1`;
/// * `XH_STATUS_OVERFLOW` if the result does not fit in a double;
/// * `XH_STATUS_NULL_ARGUMENT` if `out` is NULL.
///
/// `*out` is written only on `XH_STATUS_OK`.
///
/// # Example
///
/// Budget revenue of 198.1亿元, up 2 %, implies 194.2亿元 the year before.
#[no_mangle]
pub unsafe extern "C" fn xh_implied_previous(
    current: f64,
    growth: f64,
    out: *mut f64,
) -> xh_status {
    scalar("xh_implied_previous", out, || {
        growth::implied_previous(current, growth)
    })
}

/// The number of periods for a value to double at `rate`:
/// `ln 2 / ln(1 + rate)`, written to `*out`.
///
/// # Errors
///
/// * `XH_STATUS_NON_FINITE` if `rate` is NaN or infinite;
/// * `XH_STATUS_OUT_OF_DOMAIN` if `rate <= 0` (nothing doubles without
///   growth);
/// * `XH_STATUS_OVERFLOW` if the result does not fit in a double;
/// * `XH_STATUS_NULL_ARGUMENT` if `out` is NULL.
///
/// `*out` is written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_doubling_time(rate: f64, out: *mut f64) -> xh_status {
    scalar("xh_doubling_time", out, || growth::doubling_time(rate))
}

/// `xh_cagr` over arrays: `out[i] = cagr(start[i], end[i], years[i])` for
/// `i < n_out`.
///
/// # Broadcasting
///
/// Each input array has its own length, which must be 1 or `n_out`. An
/// input of length 1 is a scalar used for every element (pass `&x, 1`).
/// Any other length fails with `XH_STATUS_LENGTH_MISMATCH` before anything
/// is computed. With `n_out == 0` nothing is computed; a pointer whose
/// length is 0 may be NULL.
///
/// # Memory
///
/// The inputs are read in place and results go straight into the caller's
/// `out` (`n_out` doubles); nothing is copied. `out` may be the same array
/// as an input (in place); an input that overlaps `out` is then copied
/// first. Large arrays are split across the CPU cores; the call returns
/// when all of `out` is done. Every element equals, bit for bit, the scalar
/// function's result.
///
/// # Errors and `policy`
///
/// * `XH_ERROR_POLICY_RAISE`: the first (lowest-index) element the scalar
///   function rejects gives that function's status (e.g.
///   `XH_STATUS_OUT_OF_DOMAIN`); its index is written to `*bad_index` when
///   `bad_index` is not NULL. The message names the index.
/// * `XH_ERROR_POLICY_NAN`: rejected elements are set to NaN, the others
///   computed, and the call returns `XH_STATUS_OK`.
/// * `XH_STATUS_LENGTH_MISMATCH` for an input of a length other than 1 or
///   `n_out`; `XH_STATUS_INVALID_ARGUMENT` for an unknown policy;
///   `XH_STATUS_NULL_ARGUMENT` for a NULL array whose length is not 0.
///
/// On failure the contents of `out` are unspecified (some elements may have
/// been written); `*bad_index` is written only for an element error under
/// `XH_ERROR_POLICY_RAISE`.
///
/// # Example
///
/// ```c
/// double start[] = {100.0, 60.0, 542.0}, end[] = {110.0, 118.0, 596.0};
/// double years = 5.0, out[3];
/// size_t bad;
/// xh_status s = xh_cagr_batch(start, 3, end, 3, &years, 1, out, 3,
///                             XH_ERROR_POLICY_RAISE, &bad);
/// ```
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn xh_cagr_batch(
    start: *const f64,
    n_start: usize,
    end: *const f64,
    n_end: usize,
    years: *const f64,
    n_years: usize,
    out: *mut f64,
    n_out: usize,
    policy: xh_error_policy,
    bad_index: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        run_batch(
            "xh_cagr_batch",
            [
                ("start", start, n_start),
                ("end", end, n_end),
                ("years", years, n_years),
            ],
            out,
            n_out,
            policy,
            bad_index,
            |[a, b, c], out, p| batch::cagr(a, b, c, out, p),
        )
    }
}

/// `xh_project` over arrays: `out[i] = project(start[i], rate[i],
/// years[i])`. Broadcasting, memory, policy and errors as for
/// `xh_cagr_batch`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn xh_project_batch(
    start: *const f64,
    n_start: usize,
    rate: *const f64,
    n_rate: usize,
    years: *const f64,
    n_years: usize,
    out: *mut f64,
    n_out: usize,
    policy: xh_error_policy,
    bad_index: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        run_batch(
            "xh_project_batch",
            [
                ("start", start, n_start),
                ("rate", rate, n_rate),
                ("years", years, n_years),
            ],
            out,
            n_out,
            policy,
            bad_index,
            |[a, b, c], out, p| batch::project(a, b, c, out, p),
        )
    }
}

/// `xh_years_to_reach` over arrays: `out[i] = years_to_reach(start[i],
/// target[i], rate[i])`. Broadcasting, memory, policy and errors as for
/// `xh_cagr_batch`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn xh_years_to_reach_batch(
    start: *const f64,
    n_start: usize,
    target: *const f64,
    n_target: usize,
    rate: *const f64,
    n_rate: usize,
    out: *mut f64,
    n_out: usize,
    policy: xh_error_policy,
    bad_index: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        run_batch(
            "xh_years_to_reach_batch",
            [
                ("start", start, n_start),
                ("target", target, n_target),
                ("rate", rate, n_rate),
            ],
            out,
            n_out,
            policy,
            bad_index,
            |[a, b, c], out, p| batch::years_to_reach(a, b, c, out, p),
        )
    }
}

/// `xh_annualize` over arrays: `out[i] = annualize(cumulative_change[i],
/// years[i])`. Broadcasting, memory, policy and errors as for
/// `xh_cagr_batch`.
#[no_mangle]
pub unsafe extern "C" fn xh_annualize_batch(
    cumulative_change: *const f64,
    n_cumulative_change: usize,
    years: *const f64,
    n_years: usize,
    out: *mut f64,
    n_out: usize,
    policy: xh_error_policy,
    bad_index: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        run_batch(
            "xh_annualize_batch",
            [
                ("cumulative_change", cumulative_change, n_cumulative_change),
                ("years", years, n_years),
            ],
            out,
            n_out,
            policy,
            bad_index,
            |[a, b], out, p| batch::annualize(a, b, out, p),
        )
    }
}

/// `xh_cumulate` over arrays: `out[i] = cumulate(rate[i], years[i])`.
/// Broadcasting, memory, policy and errors as for `xh_cagr_batch`.
#[no_mangle]
pub unsafe extern "C" fn xh_cumulate_batch(
    rate: *const f64,
    n_rate: usize,
    years: *const f64,
    n_years: usize,
    out: *mut f64,
    n_out: usize,
    policy: xh_error_policy,
    bad_index: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        run_batch(
            "xh_cumulate_batch",
            [("rate", rate, n_rate), ("years", years, n_years)],
            out,
            n_out,
            policy,
            bad_index,
            |[a, b], out, p| batch::cumulate(a, b, out, p),
        )
    }
}

/// `xh_implied_previous` over arrays: `out[i] = implied_previous(current[i],
/// growth[i])`. Broadcasting, memory, policy and errors as for
/// `xh_cagr_batch`.
#[no_mangle]
pub unsafe extern "C" fn xh_implied_previous_batch(
    current: *const f64,
    n_current: usize,
    growth: *const f64,
    n_growth: usize,
    out: *mut f64,
    n_out: usize,
    policy: xh_error_policy,
    bad_index: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        run_batch(
            "xh_implied_previous_batch",
            [
                ("current", current, n_current),
                ("growth", growth, n_growth),
            ],
            out,
            n_out,
            policy,
            bad_index,
            |[a, b], out, p| batch::implied_previous(a, b, out, p),
        )
    }
}

/// `xh_doubling_time` over arrays: `out[i] = doubling_time(rate[i])`.
/// Broadcasting, memory, policy and errors as for `xh_cagr_batch`.
#[no_mangle]
pub unsafe extern "C" fn xh_doubling_time_batch(
    rate: *const f64,
    n_rate: usize,
    out: *mut f64,
    n_out: usize,
    policy: xh_error_policy,
    bad_index: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        run_batch(
            "xh_doubling_time_batch",
            [("rate", rate, n_rate)],
            out,
            n_out,
            policy,
            bad_index,
            |[a], out, p| batch::doubling_time(a, out, p),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr::{null, null_mut};

    #[test]
    fn scalar_matches_core_bit_for_bit() {
        let mut out = 0.0;
        assert_eq!(
            unsafe { xh_cagr(60.0, 118.0, 5.0, &mut out) },
            xh_status::Ok
        );
        assert_eq!(
            out.to_bits(),
            growth::cagr(60.0, 118.0, 5.0).unwrap().to_bits()
        );
        out = 42.0;
        assert_eq!(
            unsafe { xh_cagr(-1.0, 118.0, 5.0, &mut out) },
            xh_status::OutOfDomain
        );
        assert_eq!(out, 42.0, "out written on failure");
        assert_eq!(
            unsafe { xh_cagr(1.0, 2.0, 1.0, null_mut()) },
            xh_status::NullArgument
        );
    }

    #[test]
    fn batch_in_place_and_bad_index() {
        let mut xs = [100.0, 60.0, -1.0, 542.0];
        let end = [110.0];
        let years = [5.0];
        let mut bad = usize::MAX;
        let p = xs.as_mut_ptr();
        let s = unsafe {
            xh_cagr_batch(
                p,
                4,
                end.as_ptr(),
                1,
                years.as_ptr(),
                1,
                p,
                4,
                XH_ERROR_POLICY_RAISE,
                &mut bad,
            )
        };
        assert_eq!(s, xh_status::OutOfDomain);
        assert_eq!(bad, 2);
        let mut xs = [100.0, 60.0, -1.0, 542.0];
        let p = xs.as_mut_ptr();
        let s = unsafe {
            xh_cagr_batch(
                p,
                4,
                end.as_ptr(),
                1,
                years.as_ptr(),
                1,
                p,
                4,
                XH_ERROR_POLICY_NAN,
                null_mut(),
            )
        };
        assert_eq!(s, xh_status::Ok);
        assert_eq!(
            xs[0].to_bits(),
            growth::cagr(100.0, 110.0, 5.0).unwrap().to_bits()
        );
        assert_eq!(
            xs[1].to_bits(),
            growth::cagr(60.0, 110.0, 5.0).unwrap().to_bits()
        );
        assert!(xs[2].is_nan());
    }

    #[test]
    fn batch_rejects_bad_policy_lengths_and_nulls() {
        let mut out = [0.0; 2];
        let one = [1.0];
        let s =
            unsafe { xh_doubling_time_batch(one.as_ptr(), 1, out.as_mut_ptr(), 2, 9, null_mut()) };
        assert_eq!(s, xh_status::InvalidArgument);
        let three = [0.1, 0.2, 0.3];
        let s = unsafe {
            xh_doubling_time_batch(three.as_ptr(), 3, out.as_mut_ptr(), 2, 0, null_mut())
        };
        assert_eq!(s, xh_status::LengthMismatch);
        let s = unsafe { xh_doubling_time_batch(null(), 1, out.as_mut_ptr(), 2, 0, null_mut()) };
        assert_eq!(s, xh_status::NullArgument);
        let s = unsafe { xh_doubling_time_batch(one.as_ptr(), 1, null_mut(), 2, 0, null_mut()) };
        assert_eq!(s, xh_status::NullArgument);
        let s = unsafe { xh_doubling_time_batch(null(), 0, null_mut(), 0, 0, null_mut()) };
        assert_eq!(s, xh_status::Ok);
    }

    #[test]
    fn overlap_detection() {
        let xs = [0.0f64; 8];
        let p = xs.as_ptr();
        assert!(overlaps(p, 4, p, 4));
        assert!(overlaps(p, 4, p.wrapping_add(3), 4));
        assert!(!overlaps(p, 4, p.wrapping_add(4), 4));
        assert!(!overlaps(p, 0, p, 4));
    }
}
