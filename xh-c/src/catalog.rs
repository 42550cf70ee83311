//! The catalog: the static default (`xh_catalog_default`) and owned copies
//! (`xh_catalog_clone_default`, `xh_catalog_free`) to which a user adds
//! observations; handles (`xh_catalog`, `xh_indicator`, `xh_figure`),
//! `_len`/`_get` iteration, lookup by id, accessors, and the flat-table,
//! SDMX and report exports.
//!
//! xh-core's strings are not NUL-terminated, so every `xh_catalog` carries a
//! mirror of its core catalog with a `CString` for every text field. The
//! default catalog's mirror is built by the first call, is immutable and
//! lives for the whole process. An owned catalog holds its own mirror, freed
//! by `xh_catalog_free`. Observations are only ever appended to an
//! indicator's figures, and each mirrored figure is boxed, so adding
//! observations appends to the mirror without moving anything: every handle
//! and string handed out stays valid until the catalog is freed.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ffi::{c_char, CStr, CString};
use std::ptr::NonNull;
use std::sync::OnceLock;

use xh_core::catalog::{self, Catalog, Figure, Group, Indicator, Qualifier};
use xh_core::RowProblem;

use crate::ffi::{
    boundary, boundary_value, out_ptr, str_arg, write, write_text, Failure, FfiResult,
};
use crate::status::{set_last_error, xh_status};

/// A catalog: the indicators and figures of the 2021 Xuhui District
/// Government Work Report, plus, in an owned copy, the user's own
/// observations. Opaque.
///
/// * `xh_catalog_default` returns the embedded catalog: static and
///   immutable; never free it; share it freely between threads.
/// * `xh_catalog_clone_default` and `xh_catalog_clone` return an owned copy,
///   to which `xh_catalog_add_observations_csv`/`_json`/`_sdmx_csv` add
///   observations.
///   Free it with `xh_catalog_free`. Any number of threads may read an owned
///   catalog at once, but adding observations needs exclusive access: no
///   other call may use that catalog at the same time.
#[allow(non_camel_case_types)]
pub struct xh_catalog {
    pub(crate) core: Cow<'static, Catalog>,
    indicators: Vec<xh_indicator>,
}

/// One indicator of the catalog (e.g. `ai_output`). Opaque; borrowed from
/// its `xh_catalog` and valid as long as it: until the program exits for the
/// default catalog, until `xh_catalog_free` for an owned one.
#[allow(non_camel_case_types)]
pub struct xh_indicator {
    id: CString,
    name_zh: CString,
    name_en: CString,
    category: CString,
    scope: CString,
    unit: CString,
    polarity: CString,
    price_basis: Option<CString>,
    /// Boxed, so that appending observations never moves a figure a caller
    /// holds (the point of the box, which clippy cannot see).
    #[allow(clippy::vec_box)]
    figures: Vec<Box<xh_figure>>,
    /// Index in `figures` of the core's `Indicator::default_target`.
    default_target: Option<usize>,
}

/// One figure quoted in the report (or a user observation, group `"user"`):
/// a value with its unit, period, status and the sentence it comes from.
/// Opaque; borrowed from its indicator, valid as long as its catalog.
#[allow(non_camel_case_types)]
pub struct xh_figure {
    /// NaN for a bound without a number (`has_value` false).
    value: f64,
    base_value: f64,
    has_value: bool,
    year_start: i32,
    year_end: i32,
    unit: CString,
    base_unit: CString,
    kind: CString,
    status: CString,
    qualifier: CString,
    group: CString,
    section: CString,
    quote: CString,
    note: Option<CString>,
    price_basis: Option<CString>,
    universe: Option<CString>,
    bound_text: Option<CString>,
}

/// A `CString` of catalog text (which never contains NUL; one would be
/// dropped rather than cut the string short).
fn c(text: &str) -> CString {
    CString::new(text)
        .unwrap_or_else(|_| CString::new(text.replace('\0', "")).expect("NULs removed"))
}

fn mirror_figure(f: &Figure) -> xh_figure {
    xh_figure {
        value: f.value().unwrap_or(f64::NAN),
        base_value: f.base_value().unwrap_or(f64::NAN),
        has_value: f.value().is_some(),
        year_start: f.year_start(),
        year_end: f.year_end(),
        unit: c(&f.unit().zh()),
        base_unit: c(&f.unit().dimension_base().zh()),
        kind: c(f.kind().as_str()),
        status: c(f.status().as_str()),
        qualifier: c(f.qualifier().as_str()),
        group: c(f.group().as_str()),
        section: c(f.section()),
        quote: c(f.quote()),
        note: f.note().map(c),
        price_basis: f.price_basis().map(|p| c(p.as_str())),
        universe: f.universe().map(c),
        bound_text: f.bound_text().map(c),
    }
}

fn mirror_indicator(i: &Indicator) -> xh_indicator {
    xh_indicator {
        id: c(i.id()),
        name_zh: c(i.name_zh()),
        name_en: c(i.name_en()),
        category: c(i.category().as_str()),
        scope: c(i.scope().as_str()),
        unit: c(&i.unit().zh()),
        polarity: c(i.polarity().as_str()),
        price_basis: i.price_basis().map(|p| c(p.as_str())),
        figures: i
            .figures()
            .iter()
            .map(|f| Box::new(mirror_figure(f)))
            .collect(),
        default_target: i
            .default_target()
            .and_then(|t| i.figures().iter().position(|f| std::ptr::eq(f, t))),
    }
}

impl xh_catalog {
    fn new(core: Cow<'static, Catalog>) -> xh_catalog {
        let indicators = core.indicators().iter().map(mirror_indicator).collect();
        xh_catalog { core, indicators }
    }

    /// Whether this is the static default catalog (the only borrowed one).
    fn is_default(&self) -> bool {
        matches!(self.core, Cow::Borrowed(_))
    }

    /// Brings the mirror up to date after figures were appended to the core
    /// catalog: mirrors the new figures, moving none of the old ones.
    fn sync_mirror(&mut self) {
        for (mirror, ind) in self.indicators.iter_mut().zip(self.core.indicators()) {
            let figures = ind.figures();
            if figures.len() < mirror.figures.len() {
                // Never happens (xh-core only appends), but stay correct.
                *mirror = mirror_indicator(ind);
                continue;
            }
            let new = &figures[mirror.figures.len()..];
            mirror
                .figures
                .extend(new.iter().map(|f| Box::new(mirror_figure(f))));
        }
    }
}

impl xh_catalog {
    /// The core indicator and figure of a figure handle from this catalog.
    pub(crate) fn locate(&self, figure: *const xh_figure) -> Option<(&Indicator, &Figure)> {
        self.indicators
            .iter()
            .zip(self.core.indicators())
            .find_map(|(mirror, ind)| {
                let j = mirror
                    .figures
                    .iter()
                    .position(|f| std::ptr::eq(&**f, figure))?;
                Some((ind, ind.figures().get(j)?))
            })
    }
}

/// A reference to a catalog from a possibly NULL handle.
///
/// # Safety
///
/// `p` must be NULL or a live catalog handle.
pub(crate) unsafe fn catalog_arg<'a>(p: *const xh_catalog) -> FfiResult<&'a xh_catalog> {
    // SAFETY: forwarded contract.
    unsafe { handle(p) }.ok_or(Failure::Null("catalog"))
}

static DEFAULT: OnceLock<Result<xh_catalog, xh_core::Error>> = OnceLock::new();

fn default_catalog() -> Result<&'static xh_catalog, xh_core::Error> {
    DEFAULT
        .get_or_init(|| Ok(xh_catalog::new(Cow::Borrowed(catalog::try_embedded()?))))
        .as_ref()
        .map_err(Clone::clone)
}

/// A reference from a possibly NULL handle.
///
/// # Safety
///
/// `p` must be NULL or a handle this library returned.
unsafe fn handle<'a, T>(p: *const T) -> Option<&'a T> {
    // SAFETY: handles point into a live catalog's mirror (caller's contract).
    unsafe { p.as_ref() }
}

fn null_handle<T>(arg: &'static str, fallback: T) -> T {
    set_last_error(Failure::Null(arg).message());
    fallback
}

/// The catalog embedded in the library: the 2021 Xuhui District Government
/// Work Report. Borrowed and static: never free it; it is immutable and
/// may be used from any number of threads at once. The first call parses
/// and validates the embedded data; later calls are free.
///
/// Returns NULL only if the embedded data were invalid, which the test
/// suite rules out for every release (`xh_last_error_message` then says
/// why).
#[no_mangle]
pub extern "C" fn xh_catalog_default() -> *const xh_catalog {
    boundary_value(std::ptr::null(), || match default_catalog() {
        Ok(c) => c as *const xh_catalog,
        Err(e) => {
            set_last_error(e.to_string());
            std::ptr::null()
        }
    })
}

/// An owned copy of a catalog, for the observation loaders
/// (`xh_catalog_add_observations_csv`, `_json`, `_sdmx_csv`).
fn clone_into(source: &xh_catalog, out: NonNull<*mut xh_catalog>) {
    let owned = Box::new(xh_catalog::new(Cow::Owned(source.core.as_ref().clone())));
    // SAFETY: checked out-pointer (caller's contract).
    unsafe { write(out, Box::into_raw(owned)) };
}

/// Writes to `*out` a new, owned copy of the embedded catalog (the one
/// `xh_catalog_default` returns), to which the caller can add its own
/// observations with `xh_catalog_add_observations_csv`, `_json` or `_sdmx_csv`.
///
/// The copy belongs to the caller: free it with `xh_catalog_free`. Every
/// accessor and export accepts it. The handles and strings it hands out
/// (`xh_catalog_get`, `xh_indicator_id`, …) stay valid until it is freed,
/// including across calls that add observations.
///
/// ```c
/// xh_catalog *mine;
/// if (xh_catalog_clone_default(&mine) != XH_STATUS_OK) return 1;
/// const char csv[] = "id,year,value,unit\nai_output,2021,410,亿元\n";
/// size_t added;
/// xh_status s = xh_catalog_add_observations_csv(mine, (const uint8_t *)csv,
///                                               sizeof csv - 1, &added);
/// // ... use mine like any catalog ...
/// xh_catalog_free(mine);
/// ```
///
/// # Errors
///
/// `XH_STATUS_NULL_ARGUMENT` if `out` is NULL; `XH_STATUS_INVALID_CATALOG`
/// if the embedded data were invalid (ruled out by the test suite). `*out`
/// is written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_clone_default(out: *mut *mut xh_catalog) -> xh_status {
    boundary("xh_catalog_clone_default", || {
        let out = out_ptr(out, "out")?;
        clone_into(default_catalog()?, out);
        Ok(())
    })
}

/// Writes to `*out` a new, owned copy of `catalog` (the default catalog or
/// an owned one, with the observations added to it so far). Later changes to
/// either catalog do not affect the other. Free the copy with
/// `xh_catalog_free`.
///
/// # Errors
///
/// `XH_STATUS_NULL_ARGUMENT` if `catalog` or `out` is NULL. `*out` is
/// written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_clone(
    catalog: *const xh_catalog,
    out: *mut *mut xh_catalog,
) -> xh_status {
    boundary("xh_catalog_clone", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: NULL or a live catalog handle.
        let cat = unsafe { handle(catalog) }.ok_or(Failure::Null("catalog"))?;
        clone_into(cat, out);
        Ok(())
    })
}

/// Frees an owned catalog from `xh_catalog_clone_default` or
/// `xh_catalog_clone`, with every indicator, figure and string borrowed from
/// it. Afterwards none of them may be used.
///
/// `xh_catalog_free(NULL)` does nothing. Passing the default catalog (cast
/// to non-const) also does nothing: it is static and is never freed. Do not
/// free a catalog twice, or while another thread uses it.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_free(catalog: *mut xh_catalog) {
    boundary_value((), || {
        // SAFETY: NULL or a live catalog handle (caller's contract).
        let Some(cat) = (unsafe { handle(catalog) }) else {
            return;
        };
        if cat.is_default() {
            return;
        }
        // SAFETY: every non-default catalog comes from Box::into_raw in
        // clone_into, and the caller gives up its pointer here.
        drop(unsafe { Box::from_raw(catalog) });
    })
}

thread_local! {
    static LAST_PROBLEMS: RefCell<Vec<RowProblem>> = const { RefCell::new(Vec::new()) };
}

fn set_last_problems(problems: Vec<RowProblem>) {
    let _ = LAST_PROBLEMS.try_with(|slot| {
        if let Ok(mut p) = slot.try_borrow_mut() {
            *p = problems;
        }
    });
}

/// A `const uint8_t *` byte array of `len` bytes; NULL only when `len == 0`.
///
/// # Safety
///
/// When non-NULL, `p` must point to `len` readable bytes.
unsafe fn bytes_arg<'a>(p: *const u8, len: usize, arg: &'static str) -> FfiResult<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(Failure::Null(arg));
    }
    // SAFETY: non-NULL, len bytes, per the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(p, len) })
}

/// Shared body of the two observation loaders.
///
/// # Safety
///
/// As for `xh_catalog_add_observations_csv`.
unsafe fn add_observations(
    function: &'static str,
    catalog: *mut xh_catalog,
    data: *const u8,
    len: usize,
    added: *mut usize,
    load: fn(&mut Catalog, &[u8]) -> xh_core::Result<usize>,
) -> xh_status {
    set_last_problems(Vec::new());
    boundary(function, || {
        // SAFETY: NULL or a live catalog handle, not used by any other call
        // during this one (caller's contract).
        let cat = unsafe { catalog.as_mut() }.ok_or(Failure::Null("catalog"))?;
        // SAFETY: caller's contract for `data`.
        let bytes = unsafe { bytes_arg(data, len, "data") }?;
        if cat.is_default() {
            return Err(xh_core::Error::InvalidArgument {
                arg: "catalog",
                message: "the default catalog is immutable; add observations to a copy \
                          from xh_catalog_clone_default"
                    .to_owned(),
            }
            .into());
        }
        let Cow::Owned(core) = &mut cat.core else {
            unreachable!("a catalog that is not the default is owned");
        };
        let result = load(core, bytes);
        match result {
            Ok(n) => {
                cat.sync_mirror();
                if let Some(added) = NonNull::new(added) {
                    // SAFETY: non-NULL out-pointer (caller's contract).
                    unsafe { write(added, n) };
                }
                Ok(())
            }
            Err(e) => {
                if let xh_core::Error::InvalidObservations { problems } = &e {
                    set_last_problems(problems.clone());
                }
                Err(e.into())
            }
        }
    })
}

/// Adds the caller's own observations (e.g. 2021–2025 actuals) from CSV to
/// an owned catalog, all or nothing: the same as the Rust
/// `Catalog::add_observations_csv_bytes` and Python's
/// `Catalog.with_observations_csv`.
///
/// `data` holds `len` bytes of CSV: UTF-8 with or without a BOM, `\n` or
/// `\r\n` line ends, a header row naming the columns `id`, `year`, `value`
/// and optionally `unit`, `status` (`actual` or `estimate`) and `note`, in
/// any order, RFC 4180 quoting. Values are plain numbers (`3.5` with `亿元`
/// in the unit column, no `%` or thousands separators). It need not be
/// NUL-terminated.
///
/// Each observation becomes a figure of group `"user"`, kind `"level"`,
/// appended to its indicator's figures in the indicator's unit. Handles and
/// strings obtained from `catalog` before the call stay valid. When `added`
/// is not NULL, the number of observations added is written to `*added` on
/// `XH_STATUS_OK`.
///
/// # Errors
///
/// * `XH_STATUS_INVALID_OBSERVATIONS` if any row is bad (unknown id, year
///   out of range, non-numeric value, unit of the wrong dimension,
///   duplicate, wrong column count, not UTF-8 …). Nothing is added: the
///   catalog is exactly as before. The last error message lists the
///   problems (the first ten) with their line and column, e.g.
///   `2 invalid observation row(s): line 2 column 3: value "abc" is not a
///   number; line 3 column 1: unknown indicator id "nope"`;
///   `xh_last_observation_problems_len` and `xh_last_observation_problem`
///   give every one of them.
/// * `XH_STATUS_INVALID_ARGUMENT` if `catalog` is the default catalog,
///   which is immutable (clone it first with `xh_catalog_clone_default`).
/// * `XH_STATUS_NULL_ARGUMENT` if `catalog` is NULL, or `data` is NULL with
///   `len > 0`.
///
/// Not thread-safe for `catalog`: no other call may use the same catalog
/// while this one runs.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_add_observations_csv(
    catalog: *mut xh_catalog,
    data: *const u8,
    len: usize,
    added: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        add_observations(
            "xh_catalog_add_observations_csv",
            catalog,
            data,
            len,
            added,
            Catalog::add_observations_csv_bytes,
        )
    }
}

/// Adds observations from JSON to an owned catalog, all or nothing: the
/// same as the Rust `Catalog::add_observations_json_bytes`.
///
/// `data` holds `len` bytes of UTF-8 JSON (a BOM is allowed): an array of
/// objects with the keys `id`, `year`, `value` and optionally `unit`,
/// `status` and `note`, e.g.
/// `[{"id": "ai_output", "year": 2021, "value": 410, "unit": "亿元"}]`.
/// Problems name the line of the offending element (column 0), or the line
/// and column of malformed JSON. Everything else (`added`, errors, the
/// problems, handle validity, thread safety) is as for
/// `xh_catalog_add_observations_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_add_observations_json(
    catalog: *mut xh_catalog,
    data: *const u8,
    len: usize,
    added: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        add_observations(
            "xh_catalog_add_observations_json",
            catalog,
            data,
            len,
            added,
            Catalog::add_observations_json_bytes,
        )
    }
}

/// Adds observations from SDMX-CSV to an owned catalog, all or nothing: the
/// same as the Rust `Catalog::add_observations_sdmx_csv_bytes` and Python's
/// `Catalog.with_observations_sdmx_csv`.
///
/// `data` holds `len` bytes of SDMX-CSV 2.0 (`STRUCTURE,STRUCTURE_ID,…`
/// first) or 1.0 (`DATAFLOW,…` first), UTF-8 with or without a BOM, such
/// as an office's download in the structure of `xh_catalog_to_sdmx_structure`.
/// Rows are matched by `INDICATOR` code (the indicator id in upper case,
/// `AI_OUTPUT`) and `TIME_PERIOD` (`2021`), and `UNIT_MULT` is applied
/// (`410` with `UNIT_MEASURE` `CNY` and `UNIT_MULT` `8` is 410亿元). A row
/// of a report part (`REPORT_PART` other than `USER`) must repeat the
/// report's figure and is skipped, so a catalog's own
/// `xh_catalog_to_sdmx_csv` reads back into a fresh copy as the same
/// catalog. Everything else (`added`, errors, the problems with their line
/// and column, handle validity, thread safety) is as for
/// `xh_catalog_add_observations_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_add_observations_sdmx_csv(
    catalog: *mut xh_catalog,
    data: *const u8,
    len: usize,
    added: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        add_observations(
            "xh_catalog_add_observations_sdmx_csv",
            catalog,
            data,
            len,
            added,
            Catalog::add_observations_sdmx_csv_bytes,
        )
    }
}

/// The number of problems found by the calling thread's most recent
/// `xh_catalog_add_observations_csv`, `_json` or `_sdmx_csv` call: 0 after a success or
/// a failure for another reason (e.g. `XH_STATUS_NULL_ARGUMENT`), otherwise
/// every problem, not only the ten the last error message shows. They are
/// sorted by line and column.
#[no_mangle]
pub extern "C" fn xh_last_observation_problems_len() -> usize {
    boundary_value(0, || {
        LAST_PROBLEMS
            .try_with(|slot| slot.borrow().len())
            .unwrap_or(0)
    })
}

/// Problem `index` (0-based, below `xh_last_observation_problems_len()`) of
/// the calling thread's most recent failed observation load: writes its
/// 1-based line to `*line`, its 1-based column to `*column` (0 when the
/// whole row or input is at fault, and for JSON elements), and its message
/// (lowercase UTF-8, e.g. `value "abc" is not a number`) to `buf` with the
/// size-query protocol of `xh_unit_name_zh`.
///
/// # Errors
///
/// * `XH_STATUS_INVALID_ARGUMENT` if `index` is out of range;
/// * `XH_STATUS_BUFFER_TOO_SMALL` (`*needed` set, nothing else written);
/// * `XH_STATUS_NULL_ARGUMENT` if `line`, `column` or `needed` is NULL, or
///   `buf` is NULL with `len > 0`.
///
/// `*line` and `*column` are written only on `XH_STATUS_OK` (including a
/// size query).
#[no_mangle]
pub unsafe extern "C" fn xh_last_observation_problem(
    index: usize,
    line: *mut usize,
    column: *mut usize,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    boundary("xh_last_observation_problem", || {
        let line = out_ptr(line, "line")?;
        let column = out_ptr(column, "column")?;
        let needed = out_ptr(needed, "needed")?;
        let problem = LAST_PROBLEMS
            .try_with(|slot| slot.borrow().get(index).cloned())
            .ok()
            .flatten();
        let Some(problem) = problem else {
            return Err(xh_core::Error::InvalidArgument {
                arg: "index",
                message: format!(
                    "no observation problem {index}; the last load reported {}",
                    xh_last_observation_problems_len()
                ),
            }
            .into());
        };
        // SAFETY: caller's contract for `buf`, `len`.
        unsafe { write_text(&problem.message, buf, len, needed) }?;
        // SAFETY: checked out-pointers.
        unsafe {
            write(line, problem.line);
            write(column, problem.column);
        }
        Ok(())
    })
}

/// The number of indicators in `catalog` (0 if `catalog` is NULL).
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_len(catalog: *const xh_catalog) -> usize {
    boundary_value(0, || {
        // SAFETY: NULL or a handle from xh_catalog_default.
        match unsafe { handle(catalog) } {
            Some(c) => c.indicators.len(),
            None => null_handle("catalog", 0),
        }
    })
}

/// The indicator at `index` (0-based, in the report's order), or NULL if
/// `index >= xh_catalog_len(catalog)` or `catalog` is NULL. Together with
/// `xh_catalog_len` this iterates the catalog:
///
/// ```c
/// const xh_catalog *cat = xh_catalog_default();
/// for (size_t i = 0; i < xh_catalog_len(cat); i++)
///     puts(xh_indicator_id(xh_catalog_get(cat, i)));
/// ```
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_get(
    catalog: *const xh_catalog,
    index: usize,
) -> *const xh_indicator {
    boundary_value(std::ptr::null(), || {
        // SAFETY: NULL or a handle from xh_catalog_default.
        match unsafe { handle(catalog) } {
            Some(c) => c
                .indicators
                .get(index)
                .map_or(std::ptr::null(), |i| i as *const xh_indicator),
            None => null_handle("catalog", std::ptr::null()),
        }
    })
}

/// Looks up an indicator by its id (e.g. `"ai_output"`) and writes it to
/// `*out`.
///
/// # Errors
///
/// * `XH_STATUS_UNKNOWN_ID` if no indicator has this id;
/// * `XH_STATUS_NULL_ARGUMENT` if `catalog`, `id` or `out` is NULL;
/// * `XH_STATUS_INVALID_UTF8` if `id` is not UTF-8.
///
/// `*out` is written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_find(
    catalog: *const xh_catalog,
    id: *const c_char,
    out: *mut *const xh_indicator,
) -> xh_status {
    boundary("xh_catalog_find", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: NULL or a handle from xh_catalog_default.
        let cat = unsafe { handle(catalog) }.ok_or(Failure::Null("catalog"))?;
        // SAFETY: caller's contract for `id`.
        let id = unsafe { str_arg(id, "id") }?;
        let found = cat.core.get(id)?;
        let index = cat
            .core
            .indicators()
            .iter()
            .position(|i| std::ptr::eq(i, found))
            .expect("get returns an element of indicators()");
        // SAFETY: caller's contract for `out`.
        unsafe { write(out, &cat.indicators[index] as *const xh_indicator) };
        Ok(())
    })
}

/// Writes `text` (from a catalog export) to the caller's buffer.
///
/// # Safety
///
/// As for every text-returning function.
unsafe fn export(
    function: &'static str,
    catalog: *const xh_catalog,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
    render: impl FnOnce(&Catalog) -> String,
) -> xh_status {
    boundary(function, || {
        let needed = out_ptr(needed, "needed")?;
        // SAFETY: NULL or a handle from xh_catalog_default.
        let cat = unsafe { handle(catalog) }.ok_or(Failure::Null("catalog"))?;
        let text = render(&cat.core);
        // SAFETY: caller's contract for `buf`, `len`.
        unsafe { write_text(&text, buf, len, needed) }
    })
}

/// Writes the catalog's flat table (one row per figure, with a header row)
/// as UTF-8 CSV into `buf`: the same text as the Rust `Catalog::to_csv` and
/// Python's export. Uses the size-query protocol of `xh_unit_name_zh`:
///
/// ```c
/// size_t need;
/// xh_catalog_to_csv(cat, NULL, 0, &need);
/// char *csv = malloc(need);
/// xh_catalog_to_csv(cat, csv, need, &need);
/// ```
///
/// # Errors
///
/// `XH_STATUS_BUFFER_TOO_SMALL` (buffer left untouched, `*needed` set),
/// `XH_STATUS_NULL_ARGUMENT` (`catalog` or `needed` NULL, or `buf` NULL
/// with `len > 0`).
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_to_csv(
    catalog: *const xh_catalog,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        export(
            "xh_catalog_to_csv",
            catalog,
            buf,
            len,
            needed,
            Catalog::to_csv,
        )
    }
}

/// Writes the catalog's flat table as a UTF-8 JSON array of row objects
/// into `buf`: the same text as the Rust `Catalog::to_flat_json`. Buffers
/// and errors as for `xh_catalog_to_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_to_json(
    catalog: *const xh_catalog,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        export(
            "xh_catalog_to_json",
            catalog,
            buf,
            len,
            needed,
            Catalog::to_flat_json,
        )
    }
}

/// Writes every figure of the catalog (user observations included) as
/// UTF-8 SDMX-CSV 2.0 into `buf`: the header
/// `STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,REPORT_PART,FIGURE_KIND,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,QUALIFIER,PRICE_BASIS,COMMENT_OBS,NOTE`,
/// then one row per figure, e.g.
/// `dataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,AI_OUTPUT,RESULTS_2020,LEVEL,2020,350,CNY,8,E,,CURRENT,…`.
/// The same bytes as the Rust `Catalog::to_sdmx_csv` and Python's
/// `Catalog.to_sdmx_csv`; the codes are those of
/// `xh_catalog_to_sdmx_structure`. Buffers and errors as for
/// `xh_catalog_to_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_to_sdmx_csv(
    catalog: *const xh_catalog,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        export(
            "xh_catalog_to_sdmx_csv",
            catalog,
            buf,
            len,
            needed,
            Catalog::to_sdmx_csv,
        )
    }
}

/// Writes the SDMX-ML 2.1 structure message of the catalog's SDMX-CSV
/// (agency `XUHUI`, the code lists, the concept scheme, the data structure
/// definition `XUHUI:DSD_GWR2021(1.0)` and the dataflow
/// `XUHUI:DF_GWR2021(1.0)`) as UTF-8 XML into `buf`: the same bytes as the
/// Rust `Catalog::to_sdmx_structure`. Buffers and errors as for
/// `xh_catalog_to_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_to_sdmx_structure(
    catalog: *const xh_catalog,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        export(
            "xh_catalog_to_sdmx_structure",
            catalog,
            buf,
            len,
            needed,
            Catalog::to_sdmx_structure,
        )
    }
}

/// Writes the bilingual plan dashboard (the 14th Five-Year Plan targets,
/// the 2021 plan against the five-year pace, …) as UTF-8 text into `buf`:
/// the same text as `cargo run -p xh-core --example report` and
/// `python -m xuhui report`. Buffers and errors as for
/// `xh_catalog_to_csv`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_report(
    catalog: *const xh_catalog,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    // SAFETY: forwarded contract.
    unsafe {
        export(
            "xh_catalog_report",
            catalog,
            buf,
            len,
            needed,
            xh_core::report::render,
        )
    }
}

/// `xh_catalog_report` with `flags` for the assessments of the report's
/// section 五: `XH_ASSESS_DEFAULT`, or `XH_ASSESS_NO_PLAUSIBILITY_CHECK` to
/// accept observations that jump more than 100× (or grow more than tenfold
/// in a year), which the section otherwise reports as a probable unit slip.
/// The same text as `python -m xuhui report --no-check-plausibility`.
///
/// # Errors
///
/// As for `xh_catalog_to_csv`, and `XH_STATUS_INVALID_ARGUMENT` for flags
/// other than the `XH_ASSESS_*` ones.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_report_with(
    catalog: *const xh_catalog,
    flags: crate::assess::xh_assess_flags,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> xh_status {
    let options = match crate::assess::options_of(flags) {
        Ok(o) => o,
        Err(e) => return boundary("xh_catalog_report_with", || Err(e)),
    };
    // SAFETY: forwarded contract.
    unsafe {
        export(
            "xh_catalog_report_with",
            catalog,
            buf,
            len,
            needed,
            |c: &Catalog| {
                xh_core::report::render_with_options(
                    c,
                    &std::collections::BTreeMap::new(),
                    &options,
                    None,
                )
            },
        )
    }
}

/// The level implied at the end of an indicator's growth target: the
/// latest level before the target period projected at the target rate
/// (e.g. `"ai_output"`, `"fyp14_targets"`: 350亿元 in 2020 at 15 %/yr gives
/// 703.975…亿元 in 2025). Writes the value, in the indicator's unit, to
/// `*out`, and, unless `qualifier` is NULL, how that value bounds the true
/// one to `*qualifier`: `"about"` (左右) when the base or the rate is
/// approximate, else the rate's own qualifier (`"at_least"` for a rate of
/// 以上, `"exact"` for a plain one); a static string the caller must not
/// free.
///
/// `group` is one of `"results_2020"`, `"fyp13_record"`, `"fyp14_targets"`,
/// `"plan_2021"`, `"glossary"`, `"user"`.
///
/// # Errors
///
/// * `XH_STATUS_UNKNOWN_ID` for an unknown id;
/// * `XH_STATUS_PRICE_BASIS_MISMATCH` when the base level and the rate are
///   at different price bases (`"gdp"`: the 2020 level 跨越2000亿元大关 is at
///   current prices, the growth targets at comparable prices);
/// * `XH_STATUS_INVALID_ARGUMENT` for an unknown group, or an indicator with
///   no growth target of the district's own in that group, no level before
///   it, or only a bound there (more than, at least);
/// * `XH_STATUS_NULL_ARGUMENT`, `XH_STATUS_INVALID_UTF8`.
///
/// `*out` and `*qualifier` are written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_implied_target_level(
    catalog: *const xh_catalog,
    id: *const c_char,
    group: *const c_char,
    out: *mut f64,
    qualifier: *mut *const c_char,
) -> xh_status {
    boundary("xh_catalog_implied_target_level", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: NULL or a handle from xh_catalog_default.
        let cat = unsafe { handle(catalog) }.ok_or(Failure::Null("catalog"))?;
        // SAFETY: caller's contract for the strings.
        let (id, group) = unsafe { (str_arg(id, "id")?, str_arg(group, "group")?) };
        let group = Group::parse(group)?;
        let level = cat.core.implied_target_level(id, group)?;
        // SAFETY: caller's contract for `out` and a non-NULL `qualifier`.
        unsafe {
            write(out, level.value);
            if let Some(q) = NonNull::new(qualifier) {
                write(q, qualifier_text(level.qualifier).as_ptr());
            }
        }
        Ok(())
    })
}

/// The qualifier's tag as a C string that lives as long as the library.
fn qualifier_text(q: Qualifier) -> &'static CStr {
    static TEXTS: OnceLock<Vec<CString>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        Qualifier::ALL
            .iter()
            .map(|q| CString::new(q.as_str()).expect("qualifier tags have no NUL"))
            .collect()
    });
    let k = Qualifier::ALL.iter().position(|&x| x == q).unwrap_or(0);
    &texts[k]
}

/// Borrowed text of a possibly NULL handle: NULL (and a last error) when the
/// handle is NULL.
///
/// # Safety
///
/// `p` must be NULL or a handle this library returned.
unsafe fn text_of<'a, T: 'a>(
    p: *const T,
    arg: &'static str,
    field: impl FnOnce(&'a T) -> Option<&'a CStr>,
) -> *const c_char {
    boundary_value(std::ptr::null(), || {
        // SAFETY: forwarded contract; the text lives as long as the handle's
        // catalog, which the caller keeps alive.
        match unsafe { handle::<T>(p) } {
            Some(h) => field(h).map_or(std::ptr::null(), CStr::as_ptr),
            None => null_handle(arg, std::ptr::null()),
        }
    })
}

/// The indicator's id, e.g. `"ai_output"`: ASCII snake_case, stable across
/// releases. Borrowed (valid until the program exits; do not free). NULL if
/// `indicator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_id(indicator: *const xh_indicator) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(indicator, "indicator", |i| Some(&*i.id)) }
}

/// The indicator's Chinese name as printed in the report, e.g.
/// `"人工智能及相关产业总产出"`. Borrowed UTF-8; NULL if `indicator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_name_zh(indicator: *const xh_indicator) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(indicator, "indicator", |i| Some(&*i.name_zh)) }
}

/// The indicator's English name, e.g. `"Gross output of AI and related
/// industries"`. Borrowed UTF-8; NULL if `indicator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_name_en(indicator: *const xh_indicator) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(indicator, "indicator", |i| Some(&*i.name_en)) }
}

/// The indicator's unit in Chinese, e.g. `"亿元"` (pass it to
/// `xh_unit_convert`). Borrowed UTF-8; NULL if `indicator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_unit(indicator: *const xh_indicator) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(indicator, "indicator", |i| Some(&*i.unit)) }
}

/// The indicator's category tag: `"economy"`, `"innovation"`,
/// `"livelihood"`, `"environment"`, `"governance"`, `"infrastructure"`,
/// `"culture"`, `"health"` or `"public_safety"`. Borrowed; NULL if
/// `indicator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_category(indicator: *const xh_indicator) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(indicator, "indicator", |i| Some(&*i.category)) }
}

/// Whose quantity the indicator is: `"district"` (Xuhui's), `"municipal"`
/// (Shanghai's, e.g. the 百千万 food-safety targets) or `"national"`. Only
/// district targets are summarised and assessed. Borrowed; NULL if
/// `indicator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_scope(indicator: *const xh_indicator) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(indicator, "indicator", |i| Some(&*i.scope)) }
}

/// Which direction is an improvement: `"higher"`, `"lower"` or
/// `"neutral"`. Borrowed; NULL if `indicator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_polarity(indicator: *const xh_indicator) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(indicator, "indicator", |i| Some(&*i.polarity)) }
}

/// The price basis of a money indicator's growth figures and growth
/// targets, `"current"` or `"comparable"` (each figure states its own:
/// `xh_figure_price_basis`); NULL if it has none (not money) or `indicator`
/// is NULL. Borrowed.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_price_basis(indicator: *const xh_indicator) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(indicator, "indicator", |i| i.price_basis.as_deref()) }
}

/// The number of figures the report gives for this indicator (0 if
/// `indicator` is NULL).
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_figures_len(indicator: *const xh_indicator) -> usize {
    boundary_value(0, || {
        // SAFETY: NULL or a handle from this library.
        match unsafe { handle(indicator) } {
            Some(i) => i.figures.len(),
            None => null_handle("indicator", 0),
        }
    })
}

/// The figure at `index` (0-based, in the report's order), or NULL if
/// `index >= xh_indicator_figures_len(indicator)` or `indicator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_figure_get(
    indicator: *const xh_indicator,
    index: usize,
) -> *const xh_figure {
    boundary_value(std::ptr::null(), || {
        // SAFETY: NULL or a handle from this library.
        match unsafe { handle(indicator) } {
            Some(i) => i
                .figures
                .get(index)
                .map_or(std::ptr::null(), |f| &**f as *const xh_figure),
            None => null_handle("indicator", std::ptr::null()),
        }
    })
}

/// The target the indicator is assessed against when none is named: its
/// 14th Five-Year Plan target, else its 2021 annual target, else its first
/// target (the Rust `Indicator::default_target`, Python's
/// `xuhui.assess("id")`). NULL if it has no target or `indicator` is NULL.
/// Borrowed from the indicator.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_default_target(
    indicator: *const xh_indicator,
) -> *const xh_figure {
    boundary_value(std::ptr::null(), || {
        // SAFETY: NULL or a handle from this library.
        match unsafe { handle(indicator) } {
            Some(i) => i
                .default_target
                .and_then(|k| i.figures.get(k))
                .map_or(std::ptr::null(), |f| &**f as *const xh_figure),
            None => null_handle("indicator", std::ptr::null()),
        }
    })
}

/// A number field of a possibly NULL figure.
///
/// # Safety
///
/// `p` must be NULL or a handle this library returned.
unsafe fn figure_number<T: Copy>(
    p: *const xh_figure,
    fallback: T,
    field: impl FnOnce(&xh_figure) -> T,
) -> T {
    boundary_value(fallback, || {
        // SAFETY: forwarded contract.
        match unsafe { handle(p) } {
            Some(f) => field(f),
            None => null_handle("figure", fallback),
        }
    })
}

/// Whether the figure has a number. A few figures are bounds the report
/// states in words (城镇登记失业人数控制在市政府下达的指标数以内: at most the
/// city's quota): they have none, and `xh_figure_bound_text` says what
/// bounds them. False if `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_has_value(figure: *const xh_figure) -> bool {
    // SAFETY: forwarded contract.
    unsafe { figure_number(figure, false, |f| f.has_value) }
}

/// The figure's value as printed, in its unit (`xh_figure_unit`); growth
/// figures are in percent (`15` for 15 %). NaN if `figure` is NULL or has no
/// number (check `xh_figure_has_value` first).
#[no_mangle]
pub unsafe extern "C" fn xh_figure_value(figure: *const xh_figure) -> f64 {
    // SAFETY: forwarded contract.
    unsafe { figure_number(figure, f64::NAN, |f| f.value) }
}

/// The value converted to the base unit of its dimension
/// (`xh_figure_base_unit`: 元, 平方米, 米, %, 小时 or the count), so
/// figures in 万元 and 亿元 compare directly. NaN if `figure` is NULL or has
/// no number.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_base_value(figure: *const xh_figure) -> f64 {
    // SAFETY: forwarded contract.
    unsafe { figure_number(figure, f64::NAN, |f| f.base_value) }
}

/// The first year of the period the figure covers, e.g. 2021 for a
/// 2021–2025 target; equal to `xh_figure_year_end` for a single year. 0 if
/// `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_year_start(figure: *const xh_figure) -> i32 {
    // SAFETY: forwarded contract.
    unsafe { figure_number(figure, 0, |f| f.year_start) }
}

/// The last year of the period the figure covers, e.g. 2025. 0 if `figure`
/// is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_year_end(figure: *const xh_figure) -> i32 {
    // SAFETY: forwarded contract.
    unsafe { figure_number(figure, 0, |f| f.year_end) }
}

/// The figure's unit in Chinese, e.g. `"亿元"` or `"%"`. Borrowed UTF-8;
/// NULL if `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_unit(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| Some(&*f.unit)) }
}

/// The unit of `xh_figure_base_value`, e.g. `"元"`. Borrowed UTF-8; NULL if
/// `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_base_unit(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| Some(&*f.base_unit)) }
}

/// What the figure states: `"level"`, `"level_each_year"`, `"growth"`,
/// `"average_growth"`, `"cumulative_growth"`, `"change"`,
/// `"cumulative_amount"`, `"gross_addition"` (units added to a stock, not
/// its net change), `"rank"` (a place in the peer group
/// `xh_figure_universe`, unit 位次) or `"coverage"` (the percent of
/// `xh_figure_universe` covered; 全覆盖 is 100). Borrowed; NULL if `figure`
/// is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_kind(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| Some(&*f.kind)) }
}

/// `"actual"`, `"estimate"`, `"target"` or `"planned"` (the planned scale
/// of a project or programme). Borrowed; NULL if `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_status(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| Some(&*f.status)) }
}

/// How the report qualifies the value: `"exact"`, `"at_least"`,
/// `"at_most"`, `"about"` or `"more_than"`. Borrowed; NULL if `figure` is
/// NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_qualifier(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| Some(&*f.qualifier)) }
}

/// The part of the report the figure comes from: `"results_2020"`,
/// `"fyp13_record"`, `"fyp14_targets"`, `"plan_2021"`, `"glossary"` or
/// `"user"`. Borrowed; NULL if `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_group(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| Some(&*f.group)) }
}

/// The report's section heading for the figure. Borrowed UTF-8; NULL if
/// `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_section(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| Some(&*f.section)) }
}

/// The sentence of the report the figure is quoted from, verbatim.
/// Borrowed UTF-8; NULL if `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_quote(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| Some(&*f.quote)) }
}

/// An editorial note on the figure, or NULL if it has none (or `figure` is
/// NULL). Borrowed UTF-8.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_note(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| f.note.as_deref()) }
}

/// The figure's own price basis, `"current"` or `"comparable"`, for the
/// money and growth figures of a money indicator (the GDP level of 2020 is
/// at current prices, GDP growth at comparable prices); NULL otherwise or if
/// `figure` is NULL. Borrowed.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_price_basis(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| f.price_basis.as_deref()) }
}

/// For a `"rank"` figure the peer group ranked within (`"中心城区"`, the
/// central districts; `"全市"`), for a `"coverage"` figure the units
/// covered (`"街镇"`); NULL for other kinds or if `figure` is NULL.
/// Borrowed UTF-8.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_universe(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| f.universe.as_deref()) }
}

/// For a figure without a number (`xh_figure_has_value` false), what bounds
/// it in the report's words, e.g. `"市政府下达的指标数"` (the quota the
/// municipal government sets) with qualifier `"at_most"`; NULL for a
/// figure with a number or if `figure` is NULL. Borrowed UTF-8.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_bound_text(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| f.bound_text.as_deref()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(p: *const c_char) -> &'static str {
        assert!(!p.is_null());
        unsafe { CStr::from_ptr(p) }.to_str().unwrap()
    }

    #[test]
    fn mirror_matches_core() {
        let cat = xh_catalog_default();
        let core = catalog::embedded();
        assert_eq!(unsafe { xh_catalog_len(cat) }, core.len());
        for (k, ind) in core.indicators().iter().enumerate() {
            let h = unsafe { xh_catalog_get(cat, k) };
            assert_eq!(s(unsafe { xh_indicator_id(h) }), ind.id());
            assert_eq!(s(unsafe { xh_indicator_name_zh(h) }), ind.name_zh());
            assert_eq!(unsafe { xh_indicator_figures_len(h) }, ind.figures().len());
            assert_eq!(s(unsafe { xh_indicator_scope(h) }), ind.scope().as_str());
            let opt = |p: *const c_char| (!p.is_null()).then(|| s(p));
            for (j, fig) in ind.figures().iter().enumerate() {
                let f = unsafe { xh_indicator_figure_get(h, j) };
                assert_eq!(unsafe { xh_figure_has_value(f) }, fig.value().is_some());
                match fig.value() {
                    Some(v) => assert_eq!(unsafe { xh_figure_value(f) }.to_bits(), v.to_bits()),
                    None => assert!(unsafe { xh_figure_value(f) }.is_nan()),
                }
                assert_eq!(s(unsafe { xh_figure_quote(f) }), fig.quote());
                assert_eq!(
                    opt(unsafe { xh_figure_price_basis(f) }),
                    fig.price_basis().map(|p| p.as_str())
                );
                assert_eq!(opt(unsafe { xh_figure_universe(f) }), fig.universe());
                assert_eq!(opt(unsafe { xh_figure_bound_text(f) }), fig.bound_text());
            }
        }
        assert!(unsafe { xh_catalog_get(cat, core.len()) }.is_null());
    }

    #[test]
    fn find_and_implied_level() {
        let cat = xh_catalog_default();
        let mut ind = std::ptr::null();
        let st = unsafe { xh_catalog_find(cat, c"ai_output".as_ptr(), &mut ind) };
        assert_eq!(st, xh_status::Ok);
        assert_eq!(s(unsafe { xh_indicator_id(ind) }), "ai_output");
        let st = unsafe { xh_catalog_find(cat, c"nope".as_ptr(), &mut ind) };
        assert_eq!(st, xh_status::UnknownId);
        let mut v = 0.0;
        let st = unsafe {
            xh_catalog_implied_target_level(
                cat,
                c"ai_output".as_ptr(),
                c"fyp14_targets".as_ptr(),
                &mut v,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(st, xh_status::Ok);
        assert_eq!(format!("{v:.1}"), "704.0");
    }

    #[test]
    fn owned_catalog_takes_observations_and_keeps_handles() {
        let mut cat: *mut xh_catalog = std::ptr::null_mut();
        assert_eq!(unsafe { xh_catalog_clone_default(&mut cat) }, xh_status::Ok);
        assert_ne!(cat as *const xh_catalog, xh_catalog_default());
        let mut ai = std::ptr::null();
        assert_eq!(
            unsafe { xh_catalog_find(cat, c"ai_output".as_ptr(), &mut ai) },
            xh_status::Ok
        );
        let n0 = unsafe { xh_indicator_figures_len(ai) };
        let f0 = unsafe { xh_indicator_figure_get(ai, 0) };
        let quote0 = unsafe { xh_figure_quote(f0) };
        let csv = "id,year,value,unit\nai_output,2021,410,亿元\nai_output,2022,4600000,万元\n";
        let mut added = 0;
        let st =
            unsafe { xh_catalog_add_observations_csv(cat, csv.as_ptr(), csv.len(), &mut added) };
        assert_eq!(st, xh_status::Ok);
        assert_eq!(added, 2);
        assert_eq!(xh_last_observation_problems_len(), 0);
        // Old handles and strings are still the same objects.
        assert_eq!(unsafe { xh_indicator_figure_get(ai, 0) }, f0);
        assert_eq!(unsafe { xh_figure_quote(f0) }, quote0);
        assert_eq!(unsafe { xh_indicator_figures_len(ai) }, n0 + 2);
        let last = unsafe { xh_indicator_figure_get(ai, n0 + 1) };
        assert_eq!(unsafe { xh_figure_value(last) }, 460.0);
        assert_eq!(s(unsafe { xh_figure_group(last) }), "user");
        // The mirror matches the core catalog everywhere.
        let owned = unsafe { &*cat };
        for (m, ind) in owned.indicators.iter().zip(owned.core.indicators()) {
            assert_eq!(m.figures.len(), ind.figures().len());
            for (mf, f) in m.figures.iter().zip(ind.figures()) {
                assert_eq!(mf.has_value.then_some(mf.value), f.value());
                assert_eq!(mf.year_end, f.year_end());
            }
        }
        // A bad load changes nothing and reports every problem.
        let bad = "id,year,value\nai_output,2023,abc\nnope,2023,1\n";
        let st =
            unsafe { xh_catalog_add_observations_csv(cat, bad.as_ptr(), bad.len(), &mut added) };
        assert_eq!(st, xh_status::InvalidObservations);
        assert_eq!(added, 2);
        assert_eq!(unsafe { xh_indicator_figures_len(ai) }, n0 + 2);
        assert_eq!(xh_last_observation_problems_len(), 2);
        let (mut line, mut column, mut need) = (0, 0, 0);
        let mut buf = [0 as c_char; 64];
        let st = unsafe {
            xh_last_observation_problem(1, &mut line, &mut column, buf.as_mut_ptr(), 64, &mut need)
        };
        assert_eq!(st, xh_status::Ok);
        assert_eq!((line, column), (3, 1));
        assert_eq!(
            unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap(),
            "unknown indicator id \"nope\""
        );
        // The default catalog is immutable and never freed.
        let default = xh_catalog_default() as *mut xh_catalog;
        let st = unsafe {
            xh_catalog_add_observations_csv(default, csv.as_ptr(), csv.len(), std::ptr::null_mut())
        };
        assert_eq!(st, xh_status::InvalidArgument);
        unsafe { xh_catalog_free(default) };
        unsafe { xh_catalog_free(std::ptr::null_mut()) };
        assert_eq!(
            unsafe { xh_catalog_len(xh_catalog_default()) },
            catalog::embedded().len()
        );
        unsafe { xh_catalog_free(cat) };
    }
}
