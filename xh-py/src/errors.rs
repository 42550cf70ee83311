//! Python exception classes, one per [`xh_core::ErrorKind`], and the
//! conversion from [`xh_core::Error`].
//!
//! Every class derives from [`XuhuiError`], itself a `ValueError`, and
//! carries the core's stable tag in its `kind` attribute, so Python callers
//! can catch precisely (`except xuhui.OutOfDomainError`) or generically
//! (`except xuhui.XuhuiError`, `except ValueError`). Two classes have a
//! second built-in base: `UnknownIdError` is also a `KeyError`, and
//! `ResultOverflowError` is also an `OverflowError`.
//!
//! Instances carry `kind`, and where the core error says so, `arg` (the
//! argument's name), `value` (the offending value) and `index` (the
//! position of the first invalid element of an array call; an `int` for
//! one-dimensional results, a tuple for N-dimensional ones).
//! `InvalidObservationsError` also has `problems`, a list of
//! `(line, column, message)` tuples (column 0: the whole row).

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::{PyKeyError, PyOverflowError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use xh_core::{Error, ErrorKind};

create_exception!(
    xuhui,
    XuhuiError,
    PyValueError,
    "Base class of every error xuhui raises for invalid input or an undefined result.\n\n\
     ``kind`` is the core's stable snake_case tag (e.g. ``\"out_of_domain\"``)."
);
create_exception!(
    xuhui,
    NonFiniteError,
    XuhuiError,
    "A numeric argument is NaN or infinite (kind ``\"non_finite\"``)."
);
create_exception!(
    xuhui,
    OutOfDomainError,
    XuhuiError,
    "A finite argument is outside the function's domain (kind ``\"out_of_domain\"``)."
);
create_exception!(
    xuhui,
    UnreachableError,
    XuhuiError,
    "The target can never be reached at the given rate (kind ``\"unreachable\"``)."
);
create_exception!(
    xuhui,
    EmptyInputError,
    XuhuiError,
    "A sequence argument is empty where one element is needed (kind ``\"empty_input\"``)."
);
create_exception!(
    xuhui,
    LengthMismatchError,
    XuhuiError,
    "Array arguments do not broadcast together (kind ``\"length_mismatch\"``)."
);
create_exception!(
    xuhui,
    UnknownUnitError,
    XuhuiError,
    "A unit text xuhui does not know (kind ``\"unknown_unit\"``)."
);
create_exception!(
    xuhui,
    UnitMismatchError,
    XuhuiError,
    "A conversion between units of different dimensions (kind ``\"unit_mismatch\"``)."
);
create_exception!(
    xuhui,
    ExchangeRateRequiredError,
    XuhuiError,
    "A conversion between currencies without an exchange rate (kind ``\"exchange_rate_required\"``)."
);
create_exception!(
    xuhui,
    InvalidCatalogError,
    XuhuiError,
    "The embedded or a user-supplied catalog is malformed (kind ``\"invalid_catalog\"``)."
);
create_exception!(
    xuhui,
    InvalidObservationsError,
    XuhuiError,
    "User observations failed validation; nothing was loaded (kind ``\"invalid_observations\"``)."
);
create_exception!(
    xuhui,
    PriceBasisMismatchError,
    XuhuiError,
    "Constant-price target compared with current-price data (kind ``\"price_basis_mismatch\"``)."
);
create_exception!(
    xuhui,
    InvalidYearError,
    XuhuiError,
    "A year outside the supported range or a reversed period (kind ``\"invalid_year\"``)."
);
create_exception!(
    xuhui,
    InvalidArgumentError,
    XuhuiError,
    "A non-numeric argument is invalid, e.g. an unknown option (kind ``\"invalid_argument\"``)."
);

create_exception!(
    xuhui,
    PercentRateWarning,
    PyUserWarning,
    "A rate of 1 or more (100 % or more a period), which is most likely a\n\
     percentage meant as a decimal (``15`` for ``0.15``).\n\n\
     Rates are decimal fractions. For a real rate of 100 % or more, silence it\n\
     with ``warnings.filterwarnings(\"ignore\", category=xuhui.PercentRateWarning)``\n\
     (or inside ``with warnings.catch_warnings():``)."
);

/// `UnknownIdError(XuhuiError, KeyError)`, created at module initialisation.
static UNKNOWN_ID: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `ResultOverflowError(XuhuiError, OverflowError)`.
static RESULT_OVERFLOW: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Creates `class name(XuhuiError, extra)` in module `xuhui`, keeping
/// `BaseException.__str__` (a `KeyError` would otherwise quote the message).
fn two_base_class<'py>(
    py: Python<'py>,
    name: &str,
    extra: Bound<'py, PyType>,
    doc: &str,
) -> PyResult<Py<PyType>> {
    let builtins = py.import("builtins")?;
    let dict = PyDict::new(py);
    dict.set_item("__module__", "xuhui")?;
    dict.set_item("__doc__", doc)?;
    dict.set_item(
        "__str__",
        builtins.getattr("BaseException")?.getattr("__str__")?,
    )?;
    let bases = PyTuple::new(py, [py.get_type::<XuhuiError>(), extra])?;
    let cls = builtins
        .getattr("type")?
        .call1((name, bases, dict))?
        .cast_into::<PyType>()?;
    Ok(cls.unbind())
}

fn unknown_id_class(py: Python<'_>) -> PyResult<&Py<PyType>> {
    UNKNOWN_ID.get_or_try_init(py, || {
        two_base_class(
            py,
            "UnknownIdError",
            py.get_type::<PyKeyError>(),
            "No indicator or figure with this id (kind ``\"unknown_id\"``); also a KeyError.",
        )
    })
}

fn result_overflow_class(py: Python<'_>) -> PyResult<&Py<PyType>> {
    RESULT_OVERFLOW.get_or_try_init(py, || {
        two_base_class(
            py,
            "ResultOverflowError",
            py.get_type::<PyOverflowError>(),
            "The mathematically defined result does not fit in a float (kind ``\"overflow\"``); \
             also an OverflowError.",
        )
    })
}

/// The Python class for an error kind.
pub(crate) fn class_for(py: Python<'_>, kind: ErrorKind) -> PyResult<Bound<'_, PyType>> {
    Ok(match kind {
        ErrorKind::NonFinite => py.get_type::<NonFiniteError>(),
        ErrorKind::OutOfDomain => py.get_type::<OutOfDomainError>(),
        ErrorKind::Unreachable => py.get_type::<UnreachableError>(),
        ErrorKind::Overflow => result_overflow_class(py)?.bind(py).clone(),
        ErrorKind::EmptyInput => py.get_type::<EmptyInputError>(),
        ErrorKind::LengthMismatch => py.get_type::<LengthMismatchError>(),
        ErrorKind::UnknownUnit => py.get_type::<UnknownUnitError>(),
        ErrorKind::UnitMismatch => py.get_type::<UnitMismatchError>(),
        ErrorKind::ExchangeRateRequired => py.get_type::<ExchangeRateRequiredError>(),
        ErrorKind::UnknownId => unknown_id_class(py)?.bind(py).clone(),
        ErrorKind::InvalidCatalog => py.get_type::<InvalidCatalogError>(),
        ErrorKind::InvalidObservations => py.get_type::<InvalidObservationsError>(),
        ErrorKind::PriceBasisMismatch => py.get_type::<PriceBasisMismatchError>(),
        ErrorKind::InvalidYear => py.get_type::<InvalidYearError>(),
        ErrorKind::InvalidArgument => py.get_type::<InvalidArgumentError>(),
        // A kind added to the core later still maps onto the base class.
        _ => py.get_type::<XuhuiError>(),
    })
}

/// Registers every class in the module and sets each class's `kind`
/// attribute; also builds `ERROR_CLASSES`, a dict from tag to class.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<XuhuiError>();
    base.setattr("kind", py.None())?;
    m.add("XuhuiError", &base)?;
    let classes = PyDict::new(py);
    for kind in ErrorKind::ALL {
        let cls = class_for(py, kind)?;
        cls.setattr("kind", kind.as_str())?;
        m.add(cls.name()?.to_cow()?, &cls)?;
        classes.set_item(kind.as_str(), cls)?;
    }
    m.add("ERROR_CLASSES", classes)?;
    m.add("PercentRateWarning", py.get_type::<PercentRateWarning>())?;
    Ok(())
}

/// Warns with [`PercentRateWarning`] when the rate argument `arg` is 1 or
/// more (raises if a warnings filter turned the warning into an error).
#[inline]
pub(crate) fn warn_if_percent(py: Python<'_>, arg: &str, value: f64) -> PyResult<()> {
    // The core's rule (`xh_core::sanity`), shared with the command line and
    // the JSON request.
    if xh_core::sanity::rate_in_percent(value).is_some() {
        warn_percent(py, arg, value)?;
    }
    Ok(())
}

#[cold]
fn warn_percent(py: Python<'_>, arg: &str, value: f64) -> PyResult<()> {
    let shown = if value < 1e16 {
        format!("{value}")
    } else {
        format!("{value:e}")
    };
    let message = format!(
        "{arg}={shown} looks like a percentage: rates are decimal fractions, so {shown} % is \
         {arg}={}; for a real rate of 100 % or more, silence this warning with \
         warnings.filterwarnings(\"ignore\", category=xuhui.PercentRateWarning)",
        percent_as_decimal(value)
    );
    let category = py.get_type::<PercentRateWarning>();
    let message = std::ffi::CString::new(message).unwrap_or_default();
    PyErr::warn(py, &category, &message, 1)
}

/// `value` % as a decimal, written by moving the decimal point of the
/// shortest text of `value` (`15` → `0.15`, `1.1` → `0.011`), so the
/// text is the decimal the caller meant, free of binary rounding noise.
fn percent_as_decimal(value: f64) -> String {
    if value >= 1e16 {
        let text = format!("{value:e}");
        if let Some((mantissa, exp)) = text.split_once('e') {
            if let Ok(exp) = exp.parse::<i32>() {
                return format!("{mantissa}e{}", exp - 2);
            }
        }
        return text;
    }
    let text = format!("{value}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (head, moved) = if int.len() > 2 {
        (&int[..int.len() - 2], int[int.len() - 2..].to_owned())
    } else {
        ("0", format!("{int:0>2}"))
    };
    let digits = format!("{moved}{frac}");
    let digits = digits.trim_end_matches('0');
    if digits.is_empty() {
        head.to_owned()
    } else {
        format!("{head}.{digits}")
    }
}

#[cfg(test)]
mod percent_tests {
    use super::percent_as_decimal;

    #[test]
    fn the_decimal_point_moves_two_places() {
        for (value, text) in [
            (15.0, "0.15"),
            (1.0, "0.01"),
            (1.1, "0.011"),
            (7.0, "0.07"),
            (100.0, "1"),
            (250.0, "2.5"),
            (1234.5, "12.345"),
            (2.5167687569239896, "0.025167687569239896"),
            (1e300, "1e298"),
        ] {
            assert_eq!(percent_as_decimal(value), text, "{value}");
        }
    }
}

/// Builds the Python exception for `err`.
///
/// `shape` is the shape of an array call's result: for
/// [`Error::AtIndex`] on an N-dimensional result the flat index is shown
/// (and stored in `.index`) as an N-dimensional index tuple.
pub(crate) fn to_py_err(py: Python<'_>, err: &Error, shape: Option<&[usize]>) -> PyErr {
    to_py_err_at(py, err, shape, None)
}

/// [`to_py_err`] for an array call whose result is a pandas Series:
/// `labels` is its index, and [`Error::AtIndex`] names the label (in
/// `.index` and the message) instead of the position.
pub(crate) fn to_py_err_at(
    py: Python<'_>,
    err: &Error,
    shape: Option<&[usize]>,
    labels: Option<&Bound<'_, PyAny>>,
) -> PyErr {
    match build(py, err, shape, labels) {
        Ok(e) => e,
        Err(e) => e,
    }
}

/// Where element `index` of a result of shape `shape` is: the label in
/// `labels`, an N-dimensional index tuple, or the flat index; with its
/// text for a message (`'b'`, `(1, 2)`, `7`).
pub(crate) fn locate<'py>(
    py: Python<'py>,
    index: usize,
    shape: Option<&[usize]>,
    labels: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Bound<'py, PyAny>, String)> {
    if let Some(labels) = labels {
        let mut label = labels.get_item(index)?;
        // A numpy scalar label (an int64 index) as the Python number it is.
        if label.is_instance(crate::convert::numpy_generic(py)?)? {
            label = label.call_method0("item")?;
        }
        let text = label.repr()?.to_string();
        return Ok((label, text));
    }
    match shape {
        Some(shape) if shape.len() > 1 => {
            let idx = unravel(index, shape);
            let text = idx
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            Ok((PyTuple::new(py, &idx)?.into_any(), format!("({text})")))
        }
        _ => Ok((index.into_pyobject(py)?.into_any(), index.to_string())),
    }
}

fn build(
    py: Python<'_>,
    err: &Error,
    shape: Option<&[usize]>,
    labels: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyErr> {
    let (index, element, message): (Option<Bound<'_, PyAny>>, &Error, String) = match err {
        // A 0-dimensional result is a scalar: no element to name.
        Error::AtIndex { source, .. } if shape.is_some_and(<[usize]>::is_empty) => {
            (None, source.as_ref(), source.to_string())
        }
        Error::AtIndex { index, source } => {
            let (at, text) = locate(py, *index, shape, labels)?;
            (
                Some(at),
                source.as_ref(),
                format!("element {text}: {source}"),
            )
        }
        other => (None, other, other.to_string()),
    };
    let (arg, value) = match element {
        Error::NonFinite { arg, value } | Error::OutOfDomain { arg, value, .. } => {
            (Some(*arg), Some(*value))
        }
        Error::EmptyInput { arg }
        | Error::LengthMismatch { arg, .. }
        | Error::InvalidYear { arg, .. }
        | Error::InvalidArgument { arg, .. } => (Some(*arg), None),
        _ => (None, None),
    };
    let kind = err.kind();
    let cls = class_for(py, kind)?;
    let exc = cls.call1((message,))?;
    exc.setattr("kind", kind.as_str())?;
    exc.setattr("index", index)?;
    exc.setattr("arg", arg)?;
    exc.setattr("value", value)?;
    if let Error::InvalidObservations { problems } = element {
        let list: Vec<(usize, usize, String)> = problems
            .iter()
            .map(|p| (p.line, p.column, p.message.clone()))
            .collect();
        exc.setattr("problems", list)?;
    }
    Ok(PyErr::from_value(exc))
}

/// A typed error raised by the binding itself (not the core), e.g. for
/// array shapes that do not broadcast.
pub(crate) fn binding_error(py: Python<'_>, kind: ErrorKind, arg: &str, message: String) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let exc = class_for(py, kind)?.call1((message.clone(),))?;
        exc.setattr("kind", kind.as_str())?;
        exc.setattr("index", py.None())?;
        exc.setattr("arg", arg)?;
        exc.setattr("value", py.None())?;
        Ok(PyErr::from_value(exc))
    };
    match make() {
        Ok(e) => e,
        Err(e) => e,
    }
}

/// Row-major (C order) multi-index of a flat index.
fn unravel(mut flat: usize, shape: &[usize]) -> Vec<usize> {
    let mut idx = vec![0; shape.len()];
    for (slot, &dim) in idx.iter_mut().zip(shape).rev() {
        if dim > 0 {
            *slot = flat % dim;
            flat /= dim;
        }
    }
    idx
}

/// Runs `f`, turning a Rust panic into `XuhuiError` instead of letting
/// pyo3 raise `PanicException` (a `BaseException` that `except Exception`
/// would miss). The core promises not to panic; this is the safety net.
#[inline(always)]
pub(crate) fn guard<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Panic(msg)
    })
}

/// A caught panic's message.
pub(crate) struct Panic(pub(crate) String);

impl Panic {
    /// The `XuhuiError` (kind `"internal"`) reported for a caught panic.
    pub(crate) fn into_py_err(self, py: Python<'_>) -> PyErr {
        let err = XuhuiError::new_err(format!(
            "internal error in xuhui, please report it: {}",
            self.0
        ));
        let _ = err.value(py).setattr("kind", "internal");
        err
    }
}

/// The Python exception for a core error that belongs to no element.
pub(crate) fn err(py: Python<'_>, e: &Error) -> PyErr {
    to_py_err(py, e, None)
}

#[cfg(test)]
mod tests {
    use super::unravel;

    #[test]
    fn unravel_is_row_major() {
        assert_eq!(unravel(5, &[2, 3]), vec![1, 2]);
        assert_eq!(unravel(0, &[2, 3]), vec![0, 0]);
        assert_eq!(unravel(7, &[2, 2, 2]), vec![1, 1, 1]);
    }
}
