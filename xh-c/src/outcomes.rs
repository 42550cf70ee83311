//! The published outcomes 2021–2025 through a catalog handle: the rows, the
//! report's section 四 and the verdicts, from the embedded outcomes file or
//! the caller's own. Every text comes from `xh_core::outcomes`.

use std::borrow::Cow;
use std::os::raw::c_char;

use xh_core::catalog::{Catalog, Group};
use xh_core::outcomes::{self, PublishedOutcomes};

use crate::catalog::{catalog_arg, xh_catalog};
use crate::ffi::{boundary, out_ptr, str_arg, write_text, Failure, FfiResult};
use crate::status::xh_status;

/// The embedded outcomes (`outcomes_json` NULL) or the caller's file,
/// checked against `catalog`.
///
/// # Safety
///
/// `outcomes_json` must be NULL or NUL-terminated.
unsafe fn load<'a>(
    catalog: &Catalog,
    outcomes_json: *const c_char,
) -> FfiResult<Cow<'a, PublishedOutcomes>> {
    if outcomes_json.is_null() {
        return Ok(Cow::Borrowed(
            outcomes::try_embedded().map_err(Failure::Core)?,
        ));
    }
    // SAFETY: non-NULL and NUL-terminated per the contract.
    let text = unsafe { str_arg(outcomes_json, "outcomes_json") }?;
    Ok(Cow::Owned(
        PublishedOutcomes::from_json(text, catalog).map_err(Failure::Core)?,
    ))
}

/// Loads the outcomes (`NULL`: the embedded file) and writes what `render`
/// makes of them with the size-query protocol.
///
/// # Safety
///
/// The contracts of the public functions below.
unsafe fn outcomes_text(
    function: &'static str,
    catalog: *const xh_catalog,
    outcomes_json: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
    render: impl FnOnce(&Catalog, &PublishedOutcomes) -> String,
) -> xh_status {
    boundary(function, || {
        let needed = out_ptr(needed, "needed")?;
        // SAFETY: NULL or a live handle, per the contract.
        let cat = unsafe { catalog_arg(catalog) }?;
        // SAFETY: forwarded contract.
        let published = unsafe { load(&cat.core, outcomes_json) }?;
        let text = render(&cat.core, &published);
        // SAFETY: caller's contract for `buf`, `len`.
        unsafe { write_text(&text, buf, len, needed) }
    })
}

/// Writes the published outcomes 2021–2025 as UTF-8 CSV, one row per
/// published figure with a header row (`indicator, year, period_start,
/// period_end, kind, value, unit, status, qualifier, price_basis, scope,
/// source, source_title, publisher, date, address, reliability, quote,
/// value_text, note, conflict`): the Rust `PublishedOutcomes::to_csv`,
/// Python's `xuhui.outcomes().to_csv()`.
///
/// `outcomes_json` is NULL for the embedded outcomes file, or your own
/// file of the same schema as NUL-terminated UTF-8 JSON, checked against
/// `catalog` all or nothing. Buffers use the size-query protocol of
/// `xh_unit_name_zh`.
///
/// # Errors
///
/// * `XH_STATUS_INVALID_CATALOG` for a malformed outcomes file (the last
///   error message names the entry and field, e.g. `outcomes[0] (ai_output
///   2025)` and `value_text`);
/// * `XH_STATUS_INVALID_UTF8` if `outcomes_json` is not UTF-8;
/// * `XH_STATUS_BUFFER_TOO_SMALL` (buffer untouched, `*needed` set);
/// * `XH_STATUS_NULL_ARGUMENT` if `catalog` or `needed` is NULL, or `buf`
///   is NULL with `len > 0`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_outcomes_csv(
    catalog: *const xh_catalog,
    outcomes_json: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        outcomes_text(
            "xh_catalog_outcomes_csv",
            catalog,
            outcomes_json,
            buf,
            len,
            needed,
            |_, p| p.to_csv(),
        )
    }
}

/// The published outcomes as a UTF-8 JSON array of row objects (the CSV's
/// columns; the value and years as numbers, absent fields null). Arguments
/// and errors as for `xh_catalog_outcomes_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_outcomes_json(
    catalog: *const xh_catalog,
    outcomes_json: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        outcomes_text(
            "xh_catalog_outcomes_json",
            catalog,
            outcomes_json,
            buf,
            len,
            needed,
            |_, p| p.to_flat_json(),
        )
    }
}

/// Writes the published outcomes as UTF-8 SDMX-CSV 2.0, in the structure
/// of `xh_catalog_to_sdmx_structure` (the header of `xh_catalog_to_sdmx_csv`):
/// one row per indicator, kind and period in the report part
/// `OUTCOMES_PUBLISHED` (other sources for the same key in `NOTE`),
/// `OBS_STATUS` `A` for a final figure and `E` for a preliminary one,
/// `COMMENT_OBS` the quote with its source; context figures are left out.
/// The Rust `PublishedOutcomes::to_sdmx_csv`, Python's
/// `xuhui.outcomes().to_sdmx_csv()`. `xh_catalog_add_observations_sdmx_csv`
/// reads it back: the published levels that are numbers become
/// observations, the other rows are skipped. Arguments and errors as for
/// `xh_catalog_outcomes_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_outcomes_sdmx_csv(
    catalog: *const xh_catalog,
    outcomes_json: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        outcomes_text(
            "xh_catalog_outcomes_sdmx_csv",
            catalog,
            outcomes_json,
            buf,
            len,
            needed,
            |_, p| p.to_sdmx_csv(),
        )
    }
}

/// The report's section 四 (every 14th Five-Year Plan and 2021 target with
/// its verdict against the published outcomes, what it rests on and the
/// latest published figure) as UTF-8 text. Arguments and errors as for
/// `xh_catalog_outcomes_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_outcomes_report(
    catalog: *const xh_catalog,
    outcomes_json: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        outcomes_text(
            "xh_catalog_outcomes_report",
            catalog,
            outcomes_json,
            buf,
            len,
            needed,
            outcomes::render_section,
        )
    }
}

/// The verdict of one target, as its tag: `achieved`, `not_achieved`,
/// `undetermined`, `no_published_figure` or `not_assessed`, for the target
/// of indicator `id` in `group` (`"fyp14_targets"` or `"plan_2021"`).
/// `outcomes_json`, buffers and the other errors as for
/// `xh_catalog_outcomes_csv`.
///
/// # Errors
///
/// `XH_STATUS_UNKNOWN_ID` for an unknown id; `XH_STATUS_INVALID_ARGUMENT`
/// for an unknown group or an indicator without a target in it;
/// `XH_STATUS_NULL_ARGUMENT` if `id` or `group` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_outcome_verdict(
    catalog: *const xh_catalog,
    outcomes_json: *const c_char,
    id: *const c_char,
    group: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    boundary("xh_catalog_outcome_verdict", || {
        let needed = out_ptr(needed, "needed")?;
        // SAFETY: NULL or a live handle, per the contract.
        let cat = unsafe { catalog_arg(catalog) }?;
        // SAFETY: NULL or NUL-terminated, per the contract.
        let (id, group) = unsafe { (str_arg(id, "id")?, str_arg(group, "group")?) };
        let group = Group::parse(group).map_err(Failure::Core)?;
        // SAFETY: forwarded contract.
        let published = unsafe { load(&cat.core, outcomes_json) }?;
        let t = outcomes::verdict_of(&cat.core, &published, id, group).map_err(Failure::Core)?;
        // SAFETY: caller's contract for `buf`, `len`.
        unsafe { write_text(t.verdict.tag(), buf, len, needed) }
    })
}

/// The verdict of every 14th Five-Year Plan and 2021 target as a UTF-8
/// JSON array: one object per target with `indicator`, `target`,
/// `verdict` (`achieved`, `not_achieved`, `undetermined`,
/// `no_published_figure`, `not_assessed`), `measured`, `how`,
/// `preliminary`, `evidence`, `latest`, `interim` and `note`: the Rust
/// `outcomes::track`, Python's `Outcomes.verdicts()`. Arguments and errors
/// as for `xh_catalog_outcomes_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_outcomes_verdicts(
    catalog: *const xh_catalog,
    outcomes_json: *const c_char,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        outcomes_text(
            "xh_catalog_outcomes_verdicts",
            catalog,
            outcomes_json,
            buf,
            len,
            needed,
            outcomes::track_json,
        )
    }
}
