//! The embedded catalog: borrowed, static, thread-safe handles
//! (`xh_catalog`, `xh_indicator`, `xh_figure`), `_len`/`_get` iteration,
//! lookup by id, accessors, and the flat-table and report exports.
//!
//! xh-core's strings are not NUL-terminated, so the first call builds a
//! mirror of the embedded catalog with a `CString` for every text field.
//! The mirror is immutable and lives for the whole process: every pointer
//! handed out stays valid until the program exits, and any number of threads
//! may read it at once.

use std::ffi::{c_char, CStr, CString};
use std::sync::OnceLock;

use xh_core::catalog::{self, Catalog, Figure, Group, Indicator};

use crate::ffi::{boundary, boundary_value, out_ptr, str_arg, write, write_text, Failure};
use crate::status::{set_last_error, xh_status};

/// The catalog: the indicators and figures of the 2021 Xuhui District
/// Government Work Report. Opaque; get it from `xh_catalog_default`. It is
/// static and immutable: never free it, share it freely between threads.
#[allow(non_camel_case_types)]
pub struct xh_catalog {
    core: &'static Catalog,
    indicators: Vec<xh_indicator>,
}

/// One indicator of the catalog (e.g. `ai_output`). Opaque; borrowed from
/// its `xh_catalog` and valid as long as it (that is, until the program
/// exits).
#[allow(non_camel_case_types)]
pub struct xh_indicator {
    id: CString,
    name_zh: CString,
    name_en: CString,
    category: CString,
    unit: CString,
    polarity: CString,
    price_basis: Option<CString>,
    figures: Vec<xh_figure>,
}

/// One figure quoted in the report: a value with its unit, period, status
/// and the sentence it comes from. Opaque; borrowed from its indicator.
#[allow(non_camel_case_types)]
pub struct xh_figure {
    value: f64,
    base_value: f64,
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
}

/// A `CString` of catalog text (which never contains NUL; one would be
/// dropped rather than cut the string short).
fn c(text: &str) -> CString {
    CString::new(text)
        .unwrap_or_else(|_| CString::new(text.replace('\0', "")).expect("NULs removed"))
}

fn mirror_figure(f: &Figure) -> xh_figure {
    xh_figure {
        value: f.value(),
        base_value: f.base_value(),
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
    }
}

fn mirror_indicator(i: &Indicator) -> xh_indicator {
    xh_indicator {
        id: c(i.id()),
        name_zh: c(i.name_zh()),
        name_en: c(i.name_en()),
        category: c(i.category().as_str()),
        unit: c(&i.unit().zh()),
        polarity: c(i.polarity().as_str()),
        price_basis: i.price_basis().map(|p| c(p.as_str())),
        figures: i.figures().iter().map(mirror_figure).collect(),
    }
}

static DEFAULT: OnceLock<Result<xh_catalog, xh_core::Error>> = OnceLock::new();

fn default_catalog() -> Result<&'static xh_catalog, xh_core::Error> {
    DEFAULT
        .get_or_init(|| {
            let core = catalog::try_embedded()?;
            Ok(xh_catalog {
                core,
                indicators: core.indicators().iter().map(mirror_indicator).collect(),
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// A reference from a possibly NULL handle.
///
/// # Safety
///
/// `p` must be NULL or a handle this library returned.
unsafe fn handle<'a, T>(p: *const T) -> Option<&'a T> {
    // SAFETY: handles point into the static mirror.
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
        let text = render(cat.core);
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

/// The level implied at the end of an indicator's growth target: the
/// latest level before the target period projected at the target rate
/// (e.g. `"ai_output"`, `"fyp14_targets"`: 350亿元 in 2020 at 15 %/yr gives
/// 703.975…亿元 in 2025). Writes the value, in the indicator's unit, to
/// `*out`.
///
/// `group` is one of `"results_2020"`, `"fyp13_record"`, `"fyp14_targets"`,
/// `"plan_2021"`, `"glossary"`, `"user"`.
///
/// # Errors
///
/// * `XH_STATUS_UNKNOWN_ID` for an unknown id;
/// * `XH_STATUS_INVALID_ARGUMENT` for an unknown group, or an indicator with
///   no growth target in that group or no level before it;
/// * `XH_STATUS_NULL_ARGUMENT`, `XH_STATUS_INVALID_UTF8`.
///
/// `*out` is written only on `XH_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn xh_catalog_implied_target_level(
    catalog: *const xh_catalog,
    id: *const c_char,
    group: *const c_char,
    out: *mut f64,
) -> xh_status {
    boundary("xh_catalog_implied_target_level", || {
        let out = out_ptr(out, "out")?;
        // SAFETY: NULL or a handle from xh_catalog_default.
        let cat = unsafe { handle(catalog) }.ok_or(Failure::Null("catalog"))?;
        // SAFETY: caller's contract for the strings.
        let (id, group) = unsafe { (str_arg(id, "id")?, str_arg(group, "group")?) };
        let group = Group::parse(group)?;
        let level = cat.core.implied_target_level(id, group)?;
        // SAFETY: caller's contract for `out`.
        unsafe { write(out, level.value) };
        Ok(())
    })
}

/// Borrowed text of a possibly NULL handle: NULL (and a last error) when the
/// handle is NULL.
///
/// # Safety
///
/// `p` must be NULL or a handle this library returned.
unsafe fn text_of<T: 'static>(
    p: *const T,
    arg: &'static str,
    field: impl FnOnce(&'static T) -> Option<&'static CStr>,
) -> *const c_char {
    boundary_value(std::ptr::null(), || {
        // SAFETY: forwarded contract; handles are 'static.
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

/// Which direction is an improvement: `"higher"`, `"lower"` or
/// `"neutral"`. Borrowed; NULL if `indicator` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_indicator_polarity(indicator: *const xh_indicator) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(indicator, "indicator", |i| Some(&*i.polarity)) }
}

/// The price basis of a money indicator, `"current"` or `"comparable"`;
/// NULL if it has none (not money) or `indicator` is NULL. Borrowed.
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
                .map_or(std::ptr::null(), |f| f as *const xh_figure),
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

/// The figure's value as printed, in its unit (`xh_figure_unit`); growth
/// figures are in percent (`15` for 15 %). NaN if `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_value(figure: *const xh_figure) -> f64 {
    // SAFETY: forwarded contract.
    unsafe { figure_number(figure, f64::NAN, |f| f.value) }
}

/// The value converted to the base unit of its dimension
/// (`xh_figure_base_unit`: 元, 平方米, 米, %, 小时 or the count), so
/// figures in 万元 and 亿元 compare directly. NaN if `figure` is NULL.
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
/// `"average_growth"`, `"cumulative_growth"`, `"change"` or
/// `"cumulative_amount"`. Borrowed; NULL if `figure` is NULL.
#[no_mangle]
pub unsafe extern "C" fn xh_figure_kind(figure: *const xh_figure) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { text_of(figure, "figure", |f| Some(&*f.kind)) }
}

/// `"actual"`, `"estimate"` or `"target"`. Borrowed; NULL if `figure` is
/// NULL.
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
            for (j, fig) in ind.figures().iter().enumerate() {
                let f = unsafe { xh_indicator_figure_get(h, j) };
                assert_eq!(
                    unsafe { xh_figure_value(f) }.to_bits(),
                    fig.value().to_bits()
                );
                assert_eq!(s(unsafe { xh_figure_quote(f) }), fig.quote());
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
            )
        };
        assert_eq!(st, xh_status::Ok);
        assert_eq!(format!("{v:.1}"), "704.0");
    }
}
