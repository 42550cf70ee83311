//! Target assessment from C: a catalog target against observations the
//! caller passes in (`xh_assess_figure`, an owned `xh_assessment` handle
//! with accessors and `_free`), the required path and the trajectories into
//! caller arrays (size-query protocol), the closed-form attainment
//! probability, and the language-neutral JSON request (`xh_assess_json`).
//!
//! Nothing is computed here: every number comes from `xh_core::assess`.

use std::ffi::{c_char, CStr, CString};
use std::ptr::NonNull;

use xh_core::assess::{self, Acceptance, Assessment, Deflator, GrowthModel, Options, Outcome};
use xh_core::Error;

use crate::catalog::{catalog_arg, xh_catalog, xh_figure};
use crate::ffi::{
    boundary, boundary_value, out_ptr, slice_arg, str_arg, write, write_text, Failure, FfiResult,
};
use crate::status::{set_last_error, xh_status};

/// Which assessment method an `xh_assessment_*` accessor reads: one of the
/// `XH_METHOD_*` constants. Any other value gives NULL or
/// `XH_STATUS_INVALID_ARGUMENT`.
#[allow(non_camel_case_types)]
pub type xh_method = u32;

/// Required path, pace and gap. Outcome and reason only (no class); its
/// arrays come from `xh_assessment_required_path`.
pub const XH_METHOD_PROGRESS: xh_method = 0;
/// The Eurostat / Open SDG ratio method. Class `"achieved"`, `"on_track"`,
/// `"moderate_progress"`, `"insufficient_progress"` or `"moving_away"`;
/// value: the ratio R of observed to required rate.
pub const XH_METHOD_EUROSTAT: xh_method = 1;
/// The UNSD SDG Progress Chart. Class as the UNSD levels (e.g.
/// `"on_track"`, `"fair_progress"`); value: the score.
pub const XH_METHOD_UNSD: xh_method = 2;
/// The Destatis weather symbols. Class `"sunny"`, `"slightly_cloudy"`,
/// `"cloudy"` or `"thunderstorm"`; value: the relative deviation (none when
/// the symbol comes from the latest value: a target already met, or an
/// every-year bound).
pub const XH_METHOD_DESTATIS: xh_method = 3;
/// The attainment probability (log-normal growth; Student-t predictive when
/// the model is estimated). No class; value: the closed-form probability
/// (none for cumulative and every-year targets).
pub const XH_METHOD_PROBABILITY: xh_method = 4;
/// The trajectories for plotting. Outcome and reason only; the arrays come
/// from `xh_assessment_trajectory`.
pub const XH_METHOD_TRAJECTORY: xh_method = 5;

/// Which year-by-year array `xh_assessment_trajectory` writes: one of the
/// `XH_TRAJECTORY_*` constants.
#[allow(non_camel_case_types)]
pub type xh_trajectory_series = u32;

/// The observations (running totals for cumulative targets); NaN in years
/// without one.
pub const XH_TRAJECTORY_OBSERVED: xh_trajectory_series = 0;
/// The required path from the base year to the target year.
pub const XH_TRAJECTORY_REQUIRED: xh_trajectory_series = 1;
/// The projection at the observed pace from the latest observation; NaN
/// before it.
pub const XH_TRAJECTORY_PROJECTED: xh_trajectory_series = 2;

/// One method's outcome, with its tags as C strings.
struct MethodView {
    outcome: &'static CStr,
    class: Option<CString>,
    value: Option<f64>,
    reason: Option<CString>,
}

fn view<T>(o: &Outcome<T>, f: impl Fn(&T) -> (Option<&'static str>, Option<f64>)) -> MethodView {
    match o {
        Outcome::Assessed(t) => {
            let (class, value) = f(t);
            MethodView {
                outcome: c"assessed",
                class: class.map(crate_c),
                value,
                reason: None,
            }
        }
        Outcome::InsufficientData { reason, .. } => MethodView {
            outcome: c"insufficient_data",
            class: None,
            value: None,
            reason: Some(crate_c(reason)),
        },
        Outcome::NotApplicable { reason } => MethodView {
            outcome: c"not_applicable",
            class: None,
            value: None,
            reason: Some(crate_c(reason)),
        },
    }
}

fn crate_c(text: &str) -> CString {
    CString::new(text).unwrap_or_else(|_| CString::new(text.replace('\0', "")).expect("no NUL"))
}

/// The result of `xh_assess_figure`: every method's outcome for one
/// target. Opaque and owned by the caller: free it with
/// `xh_assessment_free`. Immutable, so any number of threads may read it at
/// once. The strings it returns live until it is freed.
#[allow(non_camel_case_types)]
pub struct xh_assessment {
    inner: Assessment,
    /// Indexed by `xh_method`.
    methods: [MethodView; 6],
    /// `inner.notes` as C strings.
    notes: Vec<CString>,
}

impl xh_assessment {
    fn new(inner: Assessment) -> xh_assessment {
        let methods = [
            view(&inner.progress, |_| (None, None)),
            view(&inner.eurostat, |r| (Some(r.class.as_str()), r.ratio)),
            view(&inner.unsd, |r| (Some(r.class.as_str()), r.score)),
            view(&inner.destatis, |r| (Some(r.class.as_str()), r.deviation)),
            view(&inner.probability, |r| (None, r.closed_form)),
            view(&inner.trajectory, |_| (None, None)),
        ];
        let notes = inner.notes.iter().map(|n| crate_c(n)).collect();
        xh_assessment {
            inner,
            methods,
            notes,
        }
    }
}

fn method_arg(method: xh_method) -> FfiResult<usize> {
    if method <= XH_METHOD_TRAJECTORY {
        Ok(method as usize)
    } else {
        Err(Failure::Core(Error::InvalidArgument {
            arg: "method",
            message: format!("expected an XH_METHOD_* constant (0 to 5), got {method}"),
        }))
    }
}

/// A `const int32_t *` array argument of `n` elements; NULL only if `n == 0`.
///
/// # Safety
///
/// When non-NULL, `p` must point to `n` readable `int32_t`.
unsafe fn years_arg<'a>(p: *const i32, n: usize, arg: &'static str) -> FfiResult<&'a [i32]> {
    if n == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(Failure::Null(arg));
    }
    // SAFETY: non-NULL, n elements (caller's contract).
    Ok(unsafe { std::slice::from_raw_parts(p, n) })
}

/// Which deflator `xh_assess_figure_with` applies to the series first: one
/// of the `XH_DEFLATOR_*` constants.
#[allow(non_camel_case_types)]
pub type xh_deflator_kind = u32;

/// No deflator: the series is assessed as it is.
pub const XH_DEFLATOR_NONE: xh_deflator_kind = 0;
/// Each year's inflation over the previous year, as a decimal (`0.02` is
/// 2 %); needs every year after the series' first.
pub const XH_DEFLATOR_INFLATION: xh_deflator_kind = 1;
/// A price index level per year, any base (e.g. 2020 = 100); needs every
/// year of the series.
pub const XH_DEFLATOR_PRICE_INDEX: xh_deflator_kind = 2;

/// Bit flags for `xh_assess_figure_with`: `XH_ASSESS_DEFAULT` or an OR of
/// the `XH_ASSESS_*` constants.
#[allow(non_camel_case_types)]
pub type xh_assess_flags = u32;

/// The defaults: the plausibility check on.
pub const XH_ASSESS_DEFAULT: xh_assess_flags = 0;
/// Accept a series that jumps by more than 100× between two observations
/// or grows more than tenfold (or falls to a tenth) in a year, which is
/// otherwise stopped with `XH_STATUS_INVALID_OBSERVATIONS` as a probable
/// unit slip. Set it only when such a jump is real.
pub const XH_ASSESS_NO_PLAUSIBILITY_CHECK: xh_assess_flags = 1;

/// The assessment options `flags` stand for, or an error naming them.
pub(crate) fn options_of(flags: xh_assess_flags) -> FfiResult<Options> {
    if flags & !XH_ASSESS_NO_PLAUSIBILITY_CHECK != 0 {
        return Err(Failure::Core(Error::InvalidArgument {
            arg: "flags",
            message: format!("expected XH_ASSESS_* flags, got {flags:#x}"),
        }));
    }
    Ok(Options {
        check_plausibility: flags & XH_ASSESS_NO_PLAUSIBILITY_CHECK == 0,
        ..Options::default()
    })
}

/// The caller's observations as the core takes them.
fn observed(years: &[i32], values: &[f64], unit: Option<&str>) -> Vec<(i32, f64, Option<String>)> {
    years
        .iter()
        .zip(values)
        .map(|(&y, &v)| (y, v, unit.map(str::to_owned)))
        .collect()
}

/// The shared body of `xh_assess_figure` and `xh_assess_figure_with`.
fn assess_into(
    cat: &xh_catalog,
    target: *const xh_figure,
    observed: &[(i32, f64, Option<String>)],
    deflator: Option<&Deflator>,
    opts: &Options,
    out: NonNull<*mut xh_assessment>,
) -> FfiResult<()> {
    if target.is_null() {
        return Err(Failure::Null("target"));
    }
    let (indicator, figure) = cat.locate(target).ok_or_else(|| {
        Failure::Core(Error::InvalidArgument {
            arg: "target",
            message: "is not a figure of this catalog".to_owned(),
        })
    })?;
    let assessment = assess::assess_observed(indicator, figure, observed, deflator, opts)?;
    let boxed = Box::new(xh_assessment::new(assessment));
    // SAFETY: checked out-pointer.
    unsafe { write(out, Box::into_raw(boxed)) };
    Ok(())
}

/// Assesses a target figure of a catalog against the indicator's levels and
/// the observations the caller passes in, and writes an owned result to
/// `*out` (free it with `xh_assessment_free`).
///
/// * `target` is a figure handle from `catalog` whose `xh_figure_status` is
///   `"target"` (e.g. the 14th Five-Year Plan's 15 %/yr for `ai_output`);
///   it becomes a target as the Rust `Target::from_figure` says (base year
///   the year before the period, the indicator's unit and price basis).
/// * The series assessed is the indicator's levels in `catalog` (the
///   report's 2020 level, and any observations added to an owned catalog),
///   plus `n` caller observations `(years[i], values[i])` in the
///   indicator's unit (`xh_indicator_unit`), which replace a catalog level
///   of the same year. `n` may be 0 (then `years` and `values` may be NULL).
///   Observations after the target year are not used.
/// * Every method runs with the default options (the published
///   thresholds, 20 000 Monte Carlo paths, seed 20210113), as the Rust
///   `xh_core::assess::assess`. For values in another unit, a deflator or
///   no plausibility check use `xh_assess_figure_with`; for other options
///   or hand-made targets, `xh_assess_json`.
///
/// Too few observations for a method, or values it cannot use (a zero
/// under a growth rate, values of opposite signs), is not an error: that
/// method's outcome is `"insufficient_data"` with a reason (see
/// `xh_assessment_outcome` and `xh_assessment_reason`), and the other
/// methods still answer.
///
/// ```c
/// int32_t years[] = {2021, 2022, 2023};
/// double values[] = {400.0, 455.0, 520.0};   // 亿元, synthetic
/// xh_assessment *a;
/// if (xh_assess_figure(cat, target, years, values, 3, &a) == XH_STATUS_OK) {
///     double r;
///     if (xh_assessment_value(a, XH_METHOD_EUROSTAT, &r) == XH_STATUS_OK)
///         printf("%s, R = %.2f\n", xh_assessment_class(a, XH_METHOD_EUROSTAT), r);
///     xh_assessment_free(a);
/// }
/// ```
///
/// # Errors
///
/// * `XH_STATUS_INVALID_ARGUMENT` if `target` is not a figure of `catalog`
///   or is not a target;
/// * `XH_STATUS_INVALID_OBSERVATIONS` for a NaN or infinite value or a
///   year given twice (the message names the year), and for a series that
///   cannot be in the indicator's unit (a jump of more than 100×, or more
///   than tenfold growth in a year: see `XH_ASSESS_NO_PLAUSIBILITY_CHECK`);
/// * `XH_STATUS_PRICE_BASIS_MISMATCH` for a comparable-price growth target
///   (GDP) against current-price levels: deflate them with
///   `xh_assess_figure_with`;
/// * `XH_STATUS_OUT_OF_DOMAIN` for a zero or negative level under a growth
///   path; `XH_STATUS_UNIT_MISMATCH` if the figure's unit does not convert;
/// * `XH_STATUS_NULL_ARGUMENT` if `catalog`, `target` or `out` is NULL, or
///   `years`/`values` is NULL with `n > 0`.
///
/// `*out` is written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_assess_figure(
    catalog: *const xh_catalog,
    target: *const xh_figure,
    years: *const i32,
    values: *const f64,
    n: usize,
    out: *mut *mut xh_assessment,
) -> xh_status {
    boundary("xh_assess_figure", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: NULL or a live catalog handle.
        let cat = unsafe { catalog_arg(catalog) }?;
        if target.is_null() {
            return Err(Failure::Null("target"));
        }
        // SAFETY: caller's contract for the arrays.
        let (years, values) = unsafe {
            (
                years_arg(years, n, "years")?,
                slice_arg(values, n, "values")?,
            )
        };
        let points = observed(years, values, None);
        assess_into(cat, target, &points, None, &Options::default(), out)
    })
}

/// `xh_assess_figure` with the choices a caller may need to make:
///
/// * `unit`: the unit of `values` as UTF-8 text (`"元"`, `"万元"`, `"%"`
///   …), converted to the indicator's unit; NULL means the values are in
///   the indicator's unit (`xh_indicator_unit`) already;
/// * a deflator, applied to the series before assessing it (needed for a
///   growth target at comparable prices, such as GDP, against levels at
///   current prices): `deflator_kind` `XH_DEFLATOR_INFLATION` with each
///   year's inflation as a decimal in `deflator_values` (`0.02` is 2 %),
///   or `XH_DEFLATOR_PRICE_INDEX` with index levels, for the years in
///   `deflator_years` (`deflator_n` of each); `XH_DEFLATOR_NONE` with
///   `deflator_n` 0 (the arrays may then be NULL) for none;
/// * `flags`: `XH_ASSESS_DEFAULT`, or `XH_ASSESS_NO_PLAUSIBILITY_CHECK` to
///   accept a series with a jump the check would stop.
///
/// ```c
/// int32_t years[] = {2021, 2022};
/// double values[] = {2260.0, 2330.0};            // 亿元 at current prices, synthetic
/// int32_t dy[] = {2022};
/// double inflation[] = {0.015};                  // 1.5 % in 2022
/// const xh_indicator *gdp;
/// xh_catalog_find(cat, "gdp", &gdp);
/// xh_assessment *a;
/// xh_status s = xh_assess_figure_with(cat, xh_indicator_default_target(gdp), years, values, 2,
///                                     NULL, XH_DEFLATOR_INFLATION, dy, inflation, 1,
///                                     XH_ASSESS_DEFAULT, &a);
/// ```
///
/// # Errors
///
/// As `xh_assess_figure`, and:
///
/// * `XH_STATUS_INVALID_OBSERVATIONS`, naming each year, for a `unit`
///   that does not parse or does not convert to the indicator's;
/// * `XH_STATUS_INVALID_YEAR` naming the first year the deflator lacks;
///   `XH_STATUS_OUT_OF_DOMAIN` for a price index ≤ 0 or an inflation rate
///   ≤ −1;
/// * `XH_STATUS_INVALID_ARGUMENT` for an unknown `deflator_kind` or flag,
///   or `XH_DEFLATOR_NONE` with `deflator_n` > 0;
/// * `XH_STATUS_NULL_ARGUMENT` for NULL arrays with a nonzero length;
///   `XH_STATUS_INVALID_UTF8` if `unit` is not UTF-8.
///
/// `*out` is written only on `XH_STATUS_OK`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn xh_assess_figure_with(
    catalog: *const xh_catalog,
    target: *const xh_figure,
    years: *const i32,
    values: *const f64,
    n: usize,
    unit: *const c_char,
    deflator_kind: xh_deflator_kind,
    deflator_years: *const i32,
    deflator_values: *const f64,
    deflator_n: usize,
    flags: xh_assess_flags,
    out: *mut *mut xh_assessment,
) -> xh_status {
    boundary("xh_assess_figure_with", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: NULL or a live catalog handle.
        let cat = unsafe { catalog_arg(catalog) }?;
        // SAFETY: caller's contract for the arrays and the string.
        let (years, values, dyears, dvalues, unit) = unsafe {
            (
                years_arg(years, n, "years")?,
                slice_arg(values, n, "values")?,
                years_arg(deflator_years, deflator_n, "deflator_years")?,
                slice_arg(deflator_values, deflator_n, "deflator_values")?,
                if unit.is_null() {
                    None
                } else {
                    Some(str_arg(unit, "unit")?)
                },
            )
        };
        let pairs: Vec<(i32, f64)> = dyears
            .iter()
            .copied()
            .zip(dvalues.iter().copied())
            .collect();
        let deflator = match deflator_kind {
            XH_DEFLATOR_NONE if deflator_n == 0 => None,
            XH_DEFLATOR_INFLATION => Some(Deflator::Inflation(pairs)),
            XH_DEFLATOR_PRICE_INDEX => Some(Deflator::PriceIndex(pairs)),
            other => {
                return Err(Failure::Core(Error::InvalidArgument {
                    arg: "deflator_kind",
                    message: if other == XH_DEFLATOR_NONE {
                        format!("XH_DEFLATOR_NONE takes no deflator values, got {deflator_n}")
                    } else {
                        format!("expected an XH_DEFLATOR_* constant (0 to 2), got {other}")
                    },
                }))
            }
        };
        let opts = options_of(flags)?;
        let points = observed(years, values, unit);
        assess_into(cat, target, &points, deflator.as_ref(), &opts, out)
    })
}

/// Frees an assessment from `xh_assess_figure`, with every string
/// borrowed from it. `xh_assessment_free(NULL)` does nothing.
#[no_mangle]
pub unsafe extern "C" fn xh_assessment_free(assessment: *mut xh_assessment) {
    boundary_value((), || {
        if !assessment.is_null() {
            // SAFETY: from Box::into_raw in xh_assess_figure; the caller
            // gives up its pointer.
            drop(unsafe { Box::from_raw(assessment) });
        }
    })
}

/// The method view of a possibly NULL assessment, or NULL and a last error.
///
/// # Safety
///
/// `a` must be NULL or a live assessment.
unsafe fn method_of<'a>(
    a: *const xh_assessment,
    method: xh_method,
) -> FfiResult<(&'a xh_assessment, &'a MethodView)> {
    // SAFETY: caller's contract.
    let a = unsafe { a.as_ref() }.ok_or(Failure::Null("assessment"))?;
    Ok((a, &a.methods[method_arg(method)?]))
}

/// Text of a method, NULL (and a last error) on a NULL handle or an
/// unknown method.
///
/// # Safety
///
/// `a` must be NULL or a live assessment.
unsafe fn method_text(
    a: *const xh_assessment,
    method: xh_method,
    field: impl FnOnce(&MethodView) -> Option<&CStr>,
) -> *const c_char {
    boundary_value(std::ptr::null(), || {
        // SAFETY: forwarded contract.
        match unsafe { method_of(a, method) } {
            Ok((_, m)) => field(m).map_or(std::ptr::null(), CStr::as_ptr),
            Err(f) => {
                set_last_error(f.message());
                std::ptr::null()
            }
        }
    })
}

/// Whether `method` could run: `"assessed"`, `"insufficient_data"` (too few
/// observations, or values the method cannot use; `xh_assessment_reason`
/// says which) or `"not_applicable"` (e.g. the ratio method for an
/// every-year bound).
/// Static; NULL if `assessment` is NULL or `method` unknown.
#[no_mangle]
pub unsafe extern "C" fn xh_assessment_outcome(
    assessment: *const xh_assessment,
    method: xh_method,
) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { method_text(assessment, method, |m| Some(m.outcome)) }
}

/// The class a method gives, as its stable snake_case tag, e.g.
/// `"moderate_progress"` (`XH_METHOD_EUROSTAT`), `"fair_progress"`
/// (`XH_METHOD_UNSD`) or `"slightly_cloudy"` (`XH_METHOD_DESTATIS`): the
/// same tags as the Rust `as_str` and the JSON answers. Borrowed, valid
/// until `xh_assessment_free`. NULL if the
/// method was not assessed, has no class (`XH_METHOD_PROGRESS`,
/// `XH_METHOD_PROBABILITY`, `XH_METHOD_TRAJECTORY`), or `assessment` is
/// NULL or `method` unknown.
#[no_mangle]
pub unsafe extern "C" fn xh_assessment_class(
    assessment: *const xh_assessment,
    method: xh_method,
) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { method_text(assessment, method, |m| m.class.as_deref()) }
}

/// Why a method was not assessed, e.g. `needs 2 observations …`; NULL when
/// it was assessed (or on a NULL handle or unknown method). Borrowed UTF-8,
/// valid until `xh_assessment_free`.
#[no_mangle]
pub unsafe extern "C" fn xh_assessment_reason(
    assessment: *const xh_assessment,
    method: xh_method,
) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { method_text(assessment, method, |m| m.reason.as_deref()) }
}

/// How many notes the assessment carries: what the caller should know
/// about the input that no method reports, e.g. observations after the
/// target year (which no method uses). 0 for a NULL handle (with a last
/// error).
#[no_mangle]
pub unsafe extern "C" fn xh_assessment_note_count(assessment: *const xh_assessment) -> usize {
    boundary_value(0, || {
        // SAFETY: caller's contract: NULL or a live assessment.
        match unsafe { assessment.as_ref() } {
            Some(a) => a.notes.len(),
            None => {
                set_last_error(Failure::Null("assessment").message());
                0
            }
        }
    })
}

/// Note `index` (from 0 to `xh_assessment_note_count` − 1), e.g.
/// `"2026: 900 is after the target year 2025 and was not used"`.
/// Borrowed UTF-8, valid until `xh_assessment_free`; NULL (with a last
/// error) for a NULL handle or an index out of range.
#[no_mangle]
pub unsafe extern "C" fn xh_assessment_note(
    assessment: *const xh_assessment,
    index: usize,
) -> *const c_char {
    boundary_value(std::ptr::null(), || {
        // SAFETY: caller's contract: NULL or a live assessment.
        let Some(a) = (unsafe { assessment.as_ref() }) else {
            set_last_error(Failure::Null("assessment").message());
            return std::ptr::null();
        };
        match a.notes.get(index) {
            Some(n) => n.as_ptr(),
            None => {
                set_last_error(format!(
                    "index is invalid: {index} is out of range, the assessment has {} notes",
                    a.notes.len()
                ));
                std::ptr::null()
            }
        }
    })
}

/// The number a method gives, written to `*out`: the ratio R
/// (`XH_METHOD_EUROSTAT`), the score (`XH_METHOD_UNSD`), the relative
/// deviation (`XH_METHOD_DESTATIS`) or the closed-form probability of
/// meeting the target (`XH_METHOD_PROBABILITY`); the same numbers as the
/// `"value"` of `xh_assess_json`'s answers.
///
/// # Errors
///
/// `XH_STATUS_INVALID_ARGUMENT` if the method was not assessed, gives no
/// number here (e.g. an achieved target has no ratio; cumulative targets
/// have no closed form; `XH_METHOD_PROGRESS` and `XH_METHOD_TRAJECTORY`
/// never do) or `method` is unknown; `XH_STATUS_NULL_ARGUMENT`. `*out` is
/// written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_assessment_value(
    assessment: *const xh_assessment,
    method: xh_method,
    out: *mut f64,
) -> xh_status {
    boundary("xh_assessment_value", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: caller's contract.
        let (_, m) = unsafe { method_of(assessment, method) }?;
        let value = m.value.ok_or_else(|| {
            Failure::Core(Error::InvalidArgument {
                arg: "method",
                message: match &m.reason {
                    Some(r) => format!("was not assessed: {}", r.to_string_lossy()),
                    None => "gives no value for this target".to_owned(),
                },
            })
        })?;
        // SAFETY: checked out-pointer.
        unsafe { write(out, value) };
        Ok(())
    })
}

/// Writes `points` into caller arrays with the size-query protocol for
/// arrays: `*needed` gets the number of points; NULL arrays with `len == 0`
/// are a query; a `len` below it is `XH_STATUS_BUFFER_TOO_SMALL` with
/// nothing written.
///
/// # Safety
///
/// `years` and `values` must be NULL or valid for `len` writes.
unsafe fn write_points(
    points: impl ExactSizeIterator<Item = (i32, f64)>,
    years: *mut i32,
    values: *mut f64,
    len: usize,
    needed: NonNull<usize>,
) -> FfiResult {
    let n = points.len();
    if len == 0 && years.is_null() && values.is_null() {
        // SAFETY: checked out-pointer.
        unsafe { write(needed, n) };
        return Ok(());
    }
    if years.is_null() {
        return Err(Failure::Null("years"));
    }
    if values.is_null() {
        return Err(Failure::Null("values"));
    }
    // SAFETY: checked out-pointer.
    unsafe { write(needed, n) };
    if len < n {
        return Err(Failure::BufferTooSmall { len, needed: n });
    }
    for (k, (y, v)) in points.enumerate() {
        // SAFETY: k < n <= len elements in each array.
        unsafe {
            *years.add(k) = y;
            *values.add(k) = v;
        }
    }
    Ok(())
}

/// Writes the required path of the target (from the anchor year, usually
/// the base year, to the target year; running totals for cumulative
/// targets) into the caller's arrays: `years[k]` and `values[k]`, in the
/// indicator's unit.
///
/// Size-query protocol for arrays: `*needed` receives the number of
/// points (on `XH_STATUS_OK` and `XH_STATUS_BUFFER_TOO_SMALL`);
/// `years == NULL && values == NULL && len == 0` is a size query; with
/// `len` below the number of points the call returns
/// `XH_STATUS_BUFFER_TOO_SMALL` and writes nothing else.
///
/// ```c
/// size_t n;
/// xh_assessment_required_path(a, NULL, NULL, 0, &n);
/// int32_t *years = malloc(n * sizeof *years);
/// double *values = malloc(n * sizeof *values);
/// xh_assessment_required_path(a, years, values, n, &n);
/// ```
///
/// # Errors
///
/// `XH_STATUS_INVALID_ARGUMENT` if progress was not assessed (see
/// `xh_assessment_outcome(a, XH_METHOD_PROGRESS)`);
/// `XH_STATUS_BUFFER_TOO_SMALL`; `XH_STATUS_NULL_ARGUMENT` if `assessment`
/// or `needed` is NULL, or an array is NULL when not querying.
#[no_mangle]
pub unsafe extern "C" fn xh_assessment_required_path(
    assessment: *const xh_assessment,
    years: *mut i32,
    values: *mut f64,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    boundary("xh_assessment_required_path", || {
        let needed = out_ptr(needed, "needed")?;
        // SAFETY: caller's contract.
        let (a, m) = unsafe { method_of(assessment, XH_METHOD_PROGRESS) }?;
        let Outcome::Assessed(p) = &a.inner.progress else {
            return Err(not_assessed("progress", m));
        };
        let points = p.required_path.iter().map(|yv| (yv.year, yv.value));
        // SAFETY: caller's contract for the arrays.
        unsafe { write_points(points, years, values, len, needed) }
    })
}

fn not_assessed(method: &str, m: &MethodView) -> Failure {
    Failure::Core(Error::InvalidArgument {
        arg: "assessment",
        message: format!(
            "{method} was not assessed: {}",
            m.reason
                .as_deref()
                .map_or_else(String::new, |r| r.to_string_lossy().into_owned())
        ),
    })
}

/// Writes one year-by-year trajectory array for plotting (one entry per
/// year from the base year to the target year) into the caller's arrays:
/// `XH_TRAJECTORY_OBSERVED`, `XH_TRAJECTORY_REQUIRED` or
/// `XH_TRAJECTORY_PROJECTED`. Years without a value (no observation, before
/// the projection starts) get NaN. Cumulative targets are running totals.
/// The same arrays as the Rust `Trajectory` and Python's `trajectory`.
///
/// Buffers, `needed` and errors as for `xh_assessment_required_path`
/// (the method is `XH_METHOD_TRAJECTORY`); an unknown `series` gives
/// `XH_STATUS_INVALID_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn xh_assessment_trajectory(
    assessment: *const xh_assessment,
    series: xh_trajectory_series,
    years: *mut i32,
    values: *mut f64,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    boundary("xh_assessment_trajectory", || {
        let needed = out_ptr(needed, "needed")?;
        // SAFETY: caller's contract.
        let (a, m) = unsafe { method_of(assessment, XH_METHOD_TRAJECTORY) }?;
        let Outcome::Assessed(t) = &a.inner.trajectory else {
            return Err(not_assessed("trajectory", m));
        };
        let column = match series {
            XH_TRAJECTORY_OBSERVED => &t.observed,
            XH_TRAJECTORY_REQUIRED => &t.required,
            XH_TRAJECTORY_PROJECTED => &t.projected,
            other => {
                return Err(Failure::Core(Error::InvalidArgument {
                    arg: "series",
                    message: format!("expected an XH_TRAJECTORY_* constant (0 to 2), got {other}"),
                }))
            }
        };
        let points = t
            .years
            .iter()
            .zip(column)
            .map(|(&y, v)| (y, v.unwrap_or(f64::NAN)));
        // SAFETY: caller's contract for the arrays.
        unsafe { write_points(points, years, values, len, needed) }
    })
}

/// The closed-form probability that a log-normal growth process meets a
/// target: starting from `start` > 0, with mean annual log-growth `mu` and
/// standard deviation `sigma` ≥ 0, after `years` ≥ 0 years, the value lands
/// in `[lower, upper]`. Pass `-INFINITY` for no lower bound and `INFINITY`
/// for no upper bound (e.g. `lower = 703.975, upper = INFINITY` for "at
/// least 703.975"). Writes the probability (0 to 1) to `*out`.
///
/// # Formula
///
/// With `m = ln(start) + mu·years` and `s = sigma·√years`,
/// `P = Φ((ln upper − m)/s) − Φ((ln lower − m)/s)`, Φ from the `libm` crate's
/// erfc (accurate in both tails); a bound ≤ 0 is below every value; with
/// `s = 0` the answer is 1 or 0. The Rust `GrowthModel::probability`.
///
/// # Errors
///
/// * `XH_STATUS_NON_FINITE` if `start`, `mu`, `sigma` or `years` is NaN or
///   infinite, or a bound is NaN, `lower` is `+INFINITY` or `upper` is
///   `-INFINITY`;
/// * `XH_STATUS_OUT_OF_DOMAIN` if `start` ≤ 0, `sigma` < 0, `years` < 0 or
///   `lower` > `upper`;
/// * `XH_STATUS_NULL_ARGUMENT` if `out` is NULL.
///
/// `*out` is written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_attainment_probability(
    start: f64,
    mu: f64,
    sigma: f64,
    years: f64,
    lower: f64,
    upper: f64,
    out: *mut f64,
) -> xh_status {
    boundary("xh_attainment_probability", || {
        let out = out_ptr(out, "out")?;
        let model = GrowthModel::new(mu, sigma)?;
        let acceptance = Acceptance::interval(lower, upper)?;
        let p = model.probability(start, years, &acceptance)?;
        // SAFETY: checked out-pointer.
        unsafe { write(out, p) };
        Ok(())
    })
}

/// Runs a language-neutral assessment request, JSON in and JSON out: the
/// same as the Rust `xh_core::assess::evaluate_json`, Python's
/// `xuhui.assess_json`, and the cases of `tests/vectors/assess.json`. Use it
/// for hand-made targets, deflators and non-default options.
///
/// `request` is NUL-terminated UTF-8 JSON such as
/// `{"method": "eurostat", "target": {"kind": "growth", "base_year": 2020,
/// "target_year": 2025, "rate": 0.05}, "observed": [[2020, 100], [2021,
/// 104]]}`; `method` is `"eurostat"`, `"unsd"`, `"destatis"`,
/// `"probability"` (closed form) or `"all"` (the full assessment), and
/// `price_basis`, `deflator` and `options` are optional. The methods without
/// a target, `"opensdg_trend"` and `"eurostat_trend"`, take a `polarity`
/// (`"higher"` or `"lower"`) instead of the target, and optionally a natural
/// `limit` (`opensdg_trend` only) and a `base_year`:
/// `{"method": "opensdg_trend", "polarity": "higher", "limit": 100,
/// "observed": [[2015, 97.4], [2022, 99.7]]}`. The answer, compact JSON,
/// goes to `buf` with the size-query protocol of `xh_unit_name_zh`: for one
/// method `{"status", "class", "value", "needed", "available", "reason"}`,
/// e.g. `{"available":null,"class":"moderate_progress",…}`. Data a method
/// cannot use (too few points, a zero under a growth rate, values of
/// opposite signs) are an answer with status `"insufficient_data"` and a
/// reason, not an error.
///
/// # Errors
///
/// Only for an invalid request: `XH_STATUS_INVALID_ARGUMENT` for malformed
/// JSON (the message names line and column), a missing `target` or
/// `polarity`, or a field the method does not take;
/// `XH_STATUS_INVALID_YEAR` (a year twice, a target year not after the base
/// year, a deflator missing a year), `XH_STATUS_PRICE_BASIS_MISMATCH`,
/// `XH_STATUS_OUT_OF_DOMAIN` (invalid options), `XH_STATUS_NON_FINITE`;
/// `XH_STATUS_BUFFER_TOO_SMALL`; `XH_STATUS_NULL_ARGUMENT`;
/// `XH_STATUS_INVALID_UTF8`.
///
/// The request is evaluated on every call, including a size query; a
/// `"probability"` or `"all"` request with Monte Carlo is deterministic
/// (seeded), so the second call gives the same text.
#[no_mangle]
pub unsafe extern "C" fn xh_assess_json(
    request: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    boundary("xh_assess_json", || {
        let needed = out_ptr(needed, "needed")?;
        // SAFETY: caller's contract for `request`.
        let request = unsafe { str_arg(request, "request") }?;
        let answer = assess::evaluate_json(request)?;
        // SAFETY: caller's contract for `buf`, `len`.
        unsafe { write_text(&answer, buf, len, needed) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{xh_catalog_default, xh_indicator_figures_len};
    use crate::catalog::{xh_catalog_find, xh_figure_status, xh_indicator_figure_get};
    use xh_core::assess::{Series, Target};

    fn ai_target() -> *const xh_figure {
        let cat = xh_catalog_default();
        let mut ind = std::ptr::null();
        assert_eq!(
            unsafe { xh_catalog_find(cat, c"ai_output".as_ptr(), &mut ind) },
            xh_status::Ok
        );
        (0..unsafe { xh_indicator_figures_len(ind) })
            .map(|j| unsafe { xh_indicator_figure_get(ind, j) })
            .find(|&f| unsafe { CStr::from_ptr(xh_figure_status(f)) } == c"target")
            .unwrap()
    }

    #[test]
    fn matches_core_assess() {
        let years = [2021, 2022, 2023];
        let values = [400.0, 455.0, 520.0];
        let mut a = std::ptr::null_mut();
        let st = unsafe {
            xh_assess_figure(
                xh_catalog_default(),
                ai_target(),
                years.as_ptr(),
                values.as_ptr(),
                3,
                &mut a,
            )
        };
        assert_eq!(st, xh_status::Ok);
        // The core, on the same inputs (the module docs' example).
        let mut cat = xh_core::catalog::embedded().clone();
        cat.add_observations_csv(
            "id,year,value\nai_output,2021,400\nai_output,2022,455\nai_output,2023,520\n",
        )
        .unwrap();
        let ai = cat.get("ai_output").unwrap();
        let t = Target::from_figure(ai, ai.targets().next().unwrap()).unwrap();
        let want = assess::assess(&t, &Series::from_indicator(ai), &Options::default()).unwrap();
        assert_eq!(unsafe { &(*a).inner }, &want);
        let class = unsafe { CStr::from_ptr(xh_assessment_class(a, XH_METHOD_EUROSTAT)) };
        assert_eq!(class, c"moderate_progress");
        let mut r = 0.0;
        assert_eq!(
            unsafe { xh_assessment_value(a, XH_METHOD_EUROSTAT, &mut r) },
            xh_status::Ok
        );
        assert_eq!(Some(r), want.eurostat.assessed().unwrap().ratio);
        unsafe { xh_assessment_free(a) };
    }
}
