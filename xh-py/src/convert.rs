//! Turning Python arguments into `f64` scalars or contiguous `f64` arrays,
//! and results back into the caller's kind of container.
//!
//! * A Python `float` (including `numpy.float64`, a subclass) or `int` is a
//!   scalar and takes the fast path: no numpy call at all. So does any
//!   other number Python's `math` functions accept (an object with
//!   `__float__` or `__index__`, such as `Decimal` or `Fraction`), and, for
//!   a rate argument, a catalog `Figure` in percent.
//! * A float64 numpy array is used as is. Anything else goes through
//!   `numpy.asarray`: boolean, integer and floating dtypes are converted to
//!   `float64`; a sequence of Python numbers (`Decimal` and `Fraction`
//!   included) is converted element by element, and the first element that
//!   is not a number is named (its index and value) in the `TypeError`;
//!   an array of any other dtype (strings, complex, datetimes) is a
//!   `TypeError` naming the argument and the dtype.
//! * A pandas or polars `Series` is read through `to_numpy()` (no copy for
//!   float64 without missing values) and the result is a `Series` of the
//!   same library with the same index and name; a masked numpy array
//!   gives a masked array. Missing values (masked, `pd.NA`, polars null)
//!   stay missing in the result and are never computed.
//! * Shapes broadcast as in numpy. An input whose shape equals the result's
//!   and that is C-contiguous is read in place, without a copy; a
//!   single-element input is passed as one element; only an input that
//!   really has to be stretched (or is non-contiguous) is copied.
//!
//! The inputs are borrowed read-only through rust-numpy's borrow checker
//! while the GIL is released. That does not stop *other Python threads*
//! from writing to the same arrays meanwhile; like numpy itself, xuhui
//! leaves it to the caller not to mutate inputs during a call.

use std::borrow::Cow;

use numpy::ndarray::IxDyn;
use numpy::{
    PyArray1, PyArrayDescrMethods, PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArray,
    PyUntypedArrayMethods,
};
use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyInt, PyString, PyType};
use xh_core::batch::ErrorPolicy;
use xh_core::ErrorKind;

use crate::catalog::PyFigure;
use crate::errors::{binding_error, locate, to_py_err};

/// The `f64` value of a scalar argument, or `None` for an array-like.
///
/// Scalars are `float`, `int`, and any other object that is not a
/// container (no `__len__`, not a numpy array or numpy scalar) and has
/// `__float__` or `__index__`, as Python's `math` functions accept. A
/// `Figure` is a scalar where `rate_like` says the argument is a rate:
/// its value converted by its unit ([`xh_core::catalog::Figure::decimal`]).
pub(crate) fn as_scalar(
    py: Python<'_>,
    name: &str,
    obj: &Bound<'_, PyAny>,
    rate_like: bool,
) -> PyResult<Option<f64>> {
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Some(f.value()));
    }
    if obj.is_instance_of::<PyInt>() {
        return match obj.extract::<f64>() {
            Ok(v) => Ok(Some(v)),
            Err(_) => Err(PyOverflowError::new_err(format!(
                "{name} is an int too large to convert to float, got {}",
                short_repr(obj)
            ))),
        };
    }
    if obj.cast::<PyUntypedArray>().is_ok() {
        return Ok(None);
    }
    if rate_like {
        if let Ok(fig) = obj.cast::<PyFigure>() {
            return figure_rate(name, fig.get())
                .map(Some)
                .map_err(|message| binding_error(py, ErrorKind::UnitMismatch, name, message));
        }
    }
    if !is_number_like(py, obj)? {
        return Ok(None);
    }
    obj.extract::<f64>().map(Some).map_err(|e| {
        if e.is_instance_of::<PyOverflowError>(py) {
            PyOverflowError::new_err(format!(
                "{name} is too large to convert to float, got {}",
                short_repr(obj)
            ))
        } else {
            e
        }
    })
}

/// A figure's value as a rate: its decimal when it is in percent, else
/// the message of the `UnitMismatchError`.
fn figure_rate(name: &str, fig: &PyFigure) -> Result<f64, String> {
    fig.figure.decimal().ok_or_else(|| {
        format!(
            "{name} takes a rate, but figure {} ({}) is in {}, not %",
            fig.indicator_id(),
            fig.figure.period(),
            fig.figure.unit().zh()
        )
    })
}

/// Not a container, not a string and not a numpy object, with `__float__`
/// or `__index__`: `Decimal`, `Fraction`, and similar number types.
fn is_number_like(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return Ok(false);
    }
    let ty = obj.get_type();
    if ty.hasattr("__len__")? || obj.is_instance(numpy_generic(py)?)? {
        return Ok(false);
    }
    Ok(ty.hasattr("__float__")? || ty.hasattr("__index__")?)
}

/// `repr(obj)`, shortened to about 40 characters.
pub(crate) fn short_repr(obj: &Bound<'_, PyAny>) -> String {
    let text = obj
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "<unprintable>".to_owned());
    let n = text.chars().count();
    if n <= 40 {
        text
    } else {
        let head: String = text.chars().take(30).collect();
        format!("{head}… ({n} characters)")
    }
}

fn numpy_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static NUMPY: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    NUMPY
        .get_or_try_init(py, || py.import("numpy").map(Bound::unbind))
        .map(|m| m.bind(py))
}

pub(crate) fn numpy_generic(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static GENERIC: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    GENERIC
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(
                numpy_module(py)?
                    .getattr("generic")?
                    .cast_into::<PyType>()?
                    .unbind(),
            )
        })
        .map(|t| t.bind(py))
}

fn ndarray_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static NDARRAY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    NDARRAY
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(
                numpy_module(py)?
                    .getattr("ndarray")?
                    .cast_into::<PyType>()?
                    .unbind(),
            )
        })
        .map(|t| t.bind(py))
}

/// `sys.modules[module].attr` if that module is loaded: an object can only
/// be a pandas Series if pandas is imported, so xuhui never imports it.
fn loaded<'py>(py: Python<'py>, module: &str, attr: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    static MODULES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
    let modules = MODULES
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(
                py.import("sys")?
                    .getattr("modules")?
                    .cast_into::<PyDict>()?
                    .unbind(),
            )
        })?
        .bind(py);
    match modules.get_item(module)? {
        Some(m) => Ok(Some(m.getattr(attr)?)),
        None => Ok(None),
    }
}

fn is_instance_of_loaded(obj: &Bound<'_, PyAny>, module: &str, class: &str) -> PyResult<bool> {
    match loaded(obj.py(), module, class)? {
        Some(cls) => obj.is_instance(&cls),
        None => Ok(false),
    }
}

/// What kind of container an argument (and so the result) is.
#[derive(Clone)]
pub(crate) enum Kind<'py> {
    /// A numpy array, or anything numpy converts (lists, scalars).
    Numpy,
    /// A `numpy.ma.MaskedArray`.
    Masked,
    /// A pandas `Series`: its index and name; `nullable` for an extension
    /// dtype (`Float64`, `Int64`, Arrow), whose result keeps `pd.NA`.
    Pandas {
        index: Bound<'py, PyAny>,
        name: Bound<'py, PyAny>,
        nullable: bool,
    },
    /// A polars `Series` and its name.
    Polars { name: Bound<'py, PyAny> },
}

/// An array argument: its values, which of them are missing, and where it
/// came from.
pub(crate) struct Arg<'py> {
    pub(crate) data: Bound<'py, PyArrayDyn<f64>>,
    pub(crate) mask: Option<Bound<'py, PyArrayDyn<bool>>>,
    pub(crate) kind: Kind<'py>,
}

/// Any array-like argument as an [`Arg`], or a `TypeError` naming `name`
/// (and the first element that is not a number). For a `rate` argument a
/// sequence may hold catalog `Figure`s in percent.
pub(crate) fn as_arg<'py>(
    py: Python<'py>,
    name: &str,
    obj: &Bound<'py, PyAny>,
    rate: bool,
) -> PyResult<Arg<'py>> {
    if obj.get_type().is(ndarray_type(py)?) {
        let data = as_f64_array(py, name, obj, None, false, rate)?;
        return Ok(Arg {
            data,
            mask: None,
            kind: Kind::Numpy,
        });
    }
    if obj.cast::<PyUntypedArray>().is_ok() {
        if is_instance_of_loaded(obj, "numpy.ma", "MaskedArray")? {
            let ma = numpy_module(py)?.getattr("ma")?;
            let data = ma.call_method1("getdata", (obj,))?;
            let mask = ma
                .call_method1("getmaskarray", (obj,))?
                .cast_into::<PyArrayDyn<bool>>()?;
            let data = as_f64_array(py, name, &data, None, false, rate)?;
            return Ok(Arg {
                data,
                mask: Some(mask),
                kind: Kind::Masked,
            });
        }
        let data = as_f64_array(py, name, obj, None, false, rate)?;
        return Ok(Arg {
            data,
            mask: None,
            kind: Kind::Numpy,
        });
    }
    if is_instance_of_loaded(obj, "pandas", "Series")? {
        return pandas_arg(py, name, obj, rate);
    }
    if is_instance_of_loaded(obj, "polars", "Series")? {
        return polars_arg(py, name, obj, rate);
    }
    let data = as_f64_array(py, name, obj, None, true, rate)?;
    Ok(Arg {
        data,
        mask: None,
        kind: Kind::Numpy,
    })
}

fn pandas_arg<'py>(
    py: Python<'py>,
    name: &str,
    s: &Bound<'py, PyAny>,
    rate: bool,
) -> PyResult<Arg<'py>> {
    let index = s.getattr("index")?;
    let series_name = s.getattr("name")?;
    let numpy_dtype = numpy_module(py)?.getattr("dtype")?;
    if s.getattr("dtype")?.is_instance(&numpy_dtype)? {
        // numpy-backed: a view for float64, converted for other dtypes.
        let values = s.call_method0("to_numpy")?;
        let data = as_f64_array(py, name, &values, Some(&index), true, rate)?;
        let kind = Kind::Pandas {
            index,
            name: series_name,
            nullable: false,
        };
        return Ok(Arg {
            data,
            mask: None,
            kind,
        });
    }
    // An extension dtype (nullable, Arrow, categorical, strings): pd.NA is
    // missing; the values are read as float64 where they are numbers.
    let mask = s
        .call_method0("isna")?
        .call_method0("to_numpy")?
        .cast_into::<PyArrayDyn<bool>>()?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("dtype", "float64")?;
    kwargs.set_item("na_value", 0.0)?;
    let data = match s.call_method("to_numpy", (), Some(&kwargs)) {
        Ok(values) => as_f64_array(py, name, &values, Some(&index), true, rate)?,
        Err(_) => {
            kwargs.set_item("dtype", "object")?;
            let values = s.call_method("to_numpy", (), Some(&kwargs))?;
            as_f64_array(py, name, &values, Some(&index), true, rate)?
        }
    };
    let kind = Kind::Pandas {
        index,
        name: series_name,
        nullable: true,
    };
    Ok(Arg {
        data,
        mask: Some(mask),
        kind,
    })
}

fn polars_arg<'py>(
    py: Python<'py>,
    name: &str,
    s: &Bound<'py, PyAny>,
    rate: bool,
) -> PyResult<Arg<'py>> {
    let series_name = s.getattr("name")?;
    let nulls: usize = s.call_method0("null_count")?.extract()?;
    let mask = if nulls > 0 {
        Some(
            s.call_method0("is_null")?
                .call_method0("to_numpy")?
                .cast_into::<PyArrayDyn<bool>>()?,
        )
    } else {
        None
    };
    let values = s.call_method0("to_numpy")?;
    let data = as_f64_array(py, name, &values, None, true, rate)?;
    Ok(Arg {
        data,
        mask,
        kind: Kind::Polars { name: series_name },
    })
}

/// Any array-like as a `float64` array, or a `TypeError` naming `name`.
///
/// `labels` (a pandas index) names a bad element by label instead of
/// position. With `scan`, an array of a non-numeric dtype is read element
/// by element (it came from a list or a Series, where one bad element
/// makes the whole dtype non-numeric); a numpy array passed as such is
/// judged by its dtype. A `rate` sequence may hold `Figure`s in percent.
pub(crate) fn as_f64_array<'py>(
    py: Python<'py>,
    name: &str,
    obj: &Bound<'py, PyAny>,
    labels: Option<&Bound<'py, PyAny>>,
    scan: bool,
    rate: bool,
) -> PyResult<Bound<'py, PyArrayDyn<f64>>> {
    if let Ok(a) = obj.cast::<PyArrayDyn<f64>>() {
        return Ok(a.clone());
    }
    let untyped: Bound<'py, PyUntypedArray> = match obj.cast::<PyUntypedArray>() {
        Ok(u) => u.clone(),
        Err(_) => {
            let arr = numpy_module(py)?
                .call_method1("asarray", (obj,))
                .map_err(|e| {
                    PyTypeError::new_err(format!(
                        "{name} must be a number or an array of numbers; {}",
                        e.value(py)
                    ))
                })?;
            arr.cast_into::<PyUntypedArray>()?
        }
    };
    let dtype = untyped.dtype();
    match dtype.kind() {
        b'b' | b'i' | b'u' | b'f' => {
            let converted = untyped.call_method1("astype", ("float64",))?;
            Ok(converted.cast_into::<PyArrayDyn<f64>>()?)
        }
        b'O' => from_objects(py, name, untyped.as_any(), labels, rate),
        _ if scan || obj.cast::<PyUntypedArray>().is_err() => {
            let kwargs = PyDict::new(py);
            kwargs.set_item("dtype", "object")?;
            let objects = numpy_module(py)?.call_method("asarray", (obj,), Some(&kwargs))?;
            from_objects(py, name, &objects, labels, rate)
        }
        _ => Err(PyTypeError::new_err(format!(
            "{name} must be a number or an array of numbers, got an array of dtype {}",
            dtype.str()?
        ))),
    }
}

/// An object array as float64, element by element, or an error naming the
/// first element that is not a number.
fn from_objects<'py>(
    py: Python<'py>,
    name: &str,
    objects: &Bound<'py, PyAny>,
    labels: Option<&Bound<'py, PyAny>>,
    rate: bool,
) -> PyResult<Bound<'py, PyArrayDyn<f64>>> {
    let shape: Vec<usize> = objects.cast::<PyUntypedArray>()?.shape().to_vec();
    let flat = objects.call_method0("ravel")?.call_method0("tolist")?;
    let items: Vec<Bound<'py, PyAny>> = flat.try_iter()?.collect::<PyResult<_>>()?;
    let mut values = Vec::with_capacity(items.len());
    for (pos, item) in items.iter().enumerate() {
        match element_value(py, name, item, rate) {
            Ok(v) => values.push(v),
            Err(problem) => {
                return Err(bad_element(py, name, item, pos, &shape, labels, problem));
            }
        }
    }
    let arr = PyArray1::from_vec(py, values);
    arr.reshape(shape)
}

/// Why an element of a sequence is not a float.
enum Problem {
    NotNumber,
    TooLarge,
    /// A `Figure` as a rate, not in percent: the message.
    NotPercent(String),
}

/// One element of a sequence as a float (for a `rate`, a `Figure` in
/// percent is its decimal).
fn element_value(
    py: Python<'_>,
    name: &str,
    item: &Bound<'_, PyAny>,
    rate: bool,
) -> Result<f64, Problem> {
    if let Ok(f) = item.cast::<PyFloat>() {
        return Ok(f.value());
    }
    if rate {
        if let Ok(fig) = item.cast::<PyFigure>() {
            return figure_rate(name, fig.get()).map_err(Problem::NotPercent);
        }
    }
    let number = item.is_instance_of::<PyInt>() || is_number_like(py, item).unwrap_or(false);
    if !number {
        return Err(Problem::NotNumber);
    }
    item.extract::<f64>().map_err(|e| {
        if e.is_instance_of::<PyOverflowError>(py) {
            Problem::TooLarge
        } else {
            Problem::NotNumber
        }
    })
}

/// The `TypeError` (`OverflowError`, `UnitMismatchError`) for element
/// `pos` of an argument of shape `shape`, naming it by position or label,
/// with `.index`, `.arg` and `.value` set as on xuhui's own errors.
fn bad_element(
    py: Python<'_>,
    name: &str,
    item: &Bound<'_, PyAny>,
    pos: usize,
    shape: &[usize],
    labels: Option<&Bound<'_, PyAny>>,
    problem: Problem,
) -> PyErr {
    let what = match &problem {
        Problem::TooLarge => format!(
            "{name} is too large to convert to float, got {}",
            short_repr(item)
        ),
        Problem::NotNumber => format!("{name} must be a number, got {}", short_repr(item)),
        Problem::NotPercent(message) => message.clone(),
    };
    let make = || -> PyResult<PyErr> {
        let (index, message) = if shape.is_empty() {
            (py.None().into_bound(py), what.clone())
        } else {
            let (at, text) = locate(py, pos, Some(shape), labels)?;
            (at, format!("element {text}: {what}"))
        };
        let err = match problem {
            Problem::TooLarge => PyOverflowError::new_err(message),
            Problem::NotNumber => PyTypeError::new_err(message),
            Problem::NotPercent(_) => binding_error(py, ErrorKind::UnitMismatch, name, message),
        };
        let value = err.value(py);
        value.setattr("index", index)?;
        value.setattr("arg", name)?;
        value.setattr("value", item)?;
        Ok(err)
    };
    make().unwrap_or_else(|e| e)
}

/// The `errors=` argument: `"raise"` or `"nan"`. Another string is the
/// core's `InvalidArgumentError`; a value that is not a string is a
/// `TypeError` naming `errors` and its choices.
#[derive(Clone, Copy)]
pub(crate) struct PolicyArg(pub(crate) ErrorPolicy);

impl PolicyArg {
    /// The default, `errors="raise"`.
    pub(crate) const RAISE: PolicyArg = PolicyArg(ErrorPolicy::Raise);
}

impl<'a, 'py> FromPyObject<'a, 'py> for PolicyArg {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<PolicyArg> {
        if let Ok(s) = obj.cast::<PyString>() {
            return s
                .to_str()?
                .parse::<ErrorPolicy>()
                .map(PolicyArg)
                .map_err(|e| to_py_err(obj.py(), &e, None));
        }
        Err(PyTypeError::new_err(format!(
            "errors must be \"raise\" or \"nan\", got {}",
            short_repr(&obj.to_owned())
        )))
    }
}

/// The numpy broadcast of `shapes`, or a `LengthMismatchError` naming the
/// first argument that does not fit.
pub(crate) fn broadcast_shape(py: Python<'_>, shapes: &[(&str, &[usize])]) -> PyResult<Vec<usize>> {
    let mut out: Vec<usize> = Vec::new();
    let mut first: Option<&str> = None;
    for &(name, shape) in shapes {
        let ndim = out.len().max(shape.len());
        let mut next = vec![0; ndim];
        for k in 0..ndim {
            let a = if k < ndim - out.len() {
                1
            } else {
                out[k - (ndim - out.len())]
            };
            let b = if k < ndim - shape.len() {
                1
            } else {
                shape[k - (ndim - shape.len())]
            };
            next[k] = if a == b || b == 1 {
                a
            } else if a == 1 {
                b
            } else {
                return Err(binding_error(
                    py,
                    ErrorKind::LengthMismatch,
                    name,
                    format!(
                        "{name} has shape {}, which does not broadcast with shape {} of {}",
                        fmt_shape(shape),
                        fmt_shape(&out),
                        first.unwrap_or("the other arguments")
                    ),
                ));
            };
        }
        if first.is_none() {
            first = Some(name);
        }
        out = next;
    }
    Ok(out)
}

/// The kind of the result of a call on `args` (named `names`) with
/// broadcast shape `shape`: a pandas or polars `Series` if an argument is
/// one (every `Series` must then be of the result's length, and pandas
/// indexes equal: values are matched by position, never aligned), else
/// a masked array if an argument is one, else a numpy array.
pub(crate) fn result_kind<'py>(
    py: Python<'py>,
    names: &[&str],
    args: &[Arg<'py>],
    shape: &[usize],
) -> PyResult<Kind<'py>> {
    // The first pandas Series (its position, index and the common name),
    // the first polars Series.
    let mut pandas: Option<(usize, Bound<'py, PyAny>, Bound<'py, PyAny>)> = None;
    let mut polars: Option<(usize, Bound<'py, PyAny>)> = None;
    let mut nullable = args.iter().any(|a| a.mask.is_some());
    let mut masked = false;
    for (k, (name, arg)) in names.iter().zip(args).enumerate() {
        let series = matches!(arg.kind, Kind::Pandas { .. } | Kind::Polars { .. });
        if series && arg.data.shape() != shape {
            return Err(binding_error(
                py,
                ErrorKind::LengthMismatch,
                name,
                format!(
                    "{name} is a Series of length {}, but the result has shape {}; \
                     a Series is not broadcast",
                    arg.data.len(),
                    fmt_shape(shape)
                ),
            ));
        }
        let mixed = |first: usize, this: &str, other: &str| {
            binding_error(
                py,
                ErrorKind::InvalidArgument,
                name,
                format!(
                    "{name} is a {this} Series but {} is a {other} Series; pass Series of one library",
                    names[first]
                ),
            )
        };
        match &arg.kind {
            Kind::Pandas {
                index,
                name: series_name,
                nullable: n,
            } => {
                if let Some((first, _)) = &polars {
                    return Err(mixed(*first, "pandas", "polars"));
                }
                nullable |= *n;
                match &mut pandas {
                    None => pandas = Some((k, index.clone(), series_name.clone())),
                    Some((first, first_index, common)) => {
                        if !first_index.call_method1("equals", (index,))?.is_truthy()? {
                            return Err(binding_error(
                                py,
                                ErrorKind::InvalidArgument,
                                name,
                                format!(
                                    "{name} has a different index from {}; xuhui matches \
                                     Series by position, so align them first (e.g. with \
                                     Series.align)",
                                    names[*first]
                                ),
                            ));
                        }
                        if !common.eq(series_name).unwrap_or(false) {
                            *common = py.None().into_bound(py);
                        }
                    }
                }
            }
            Kind::Polars { name: series_name } => {
                if let Some((first, ..)) = &pandas {
                    return Err(mixed(*first, "polars", "pandas"));
                }
                if polars.is_none() {
                    polars = Some((k, series_name.clone()));
                }
            }
            Kind::Masked => masked = true,
            Kind::Numpy => {}
        }
    }
    Ok(match (pandas, polars) {
        (Some((_, index, name)), _) => Kind::Pandas {
            index,
            name,
            nullable,
        },
        (_, Some((_, name))) => Kind::Polars { name },
        _ if masked => Kind::Masked,
        _ => Kind::Numpy,
    })
}

/// Which elements of a result of shape `shape` are missing because an
/// argument's are (masked, `pd.NA`, polars null); `None` when no argument
/// can have missing values.
pub(crate) fn combined_mask(args: &[Arg<'_>], shape: &[usize]) -> PyResult<Option<Vec<bool>>> {
    let mut out: Option<Vec<bool>> = None;
    for arg in args {
        let Some(mask) = &arg.mask else { continue };
        let ro = mask.readonly();
        let view = ro.as_array();
        let Some(b) = view.broadcast(IxDyn(shape)) else {
            continue;
        };
        let acc = out.get_or_insert_with(|| vec![false; b.len()]);
        for (slot, &m) in acc.iter_mut().zip(b.iter()) {
            *slot |= m;
        }
    }
    Ok(out)
}

/// The result as the caller's kind of container: a float for a
/// 0-dimensional result, else an array or `Series` like the arguments
/// (see [`result_kind`]), with `missing` elements masked, `pd.NA` or null.
pub(crate) fn wrap<'py>(
    py: Python<'py>,
    data: Bound<'py, PyArrayDyn<f64>>,
    missing: Option<&[bool]>,
    kind: &Kind<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    if matches!(kind, Kind::Numpy) && data.ndim() > 0 {
        return Ok(data.into_any());
    }
    let shape = data.shape().to_vec();
    let len = data.len();
    let mask = || -> PyResult<Bound<'py, PyArrayDyn<bool>>> {
        let flat = missing.map_or_else(|| vec![false; len], <[bool]>::to_vec);
        PyArray1::from_vec(py, flat).reshape(shape.clone())
    };
    match kind {
        Kind::Numpy | Kind::Masked if shape.is_empty() => {
            if missing.is_some_and(|m| m.iter().any(|&x| x)) {
                return numpy_module(py)?.getattr("ma")?.getattr("masked");
            }
            let v = data
                .readonly()
                .as_slice()
                .ok()
                .and_then(|s| s.first().copied());
            Ok(PyFloat::new(py, v.unwrap_or(f64::NAN)).into_any())
        }
        Kind::Numpy => Ok(data.into_any()),
        Kind::Masked => {
            let kwargs = PyDict::new(py);
            kwargs.set_item("mask", mask()?)?;
            numpy_module(py)?
                .getattr("ma")?
                .call_method("MaskedArray", (data,), Some(&kwargs))
        }
        Kind::Pandas {
            index,
            name,
            nullable,
        } => {
            let pandas = loaded(py, "pandas", "Series")?;
            let (Some(series), Some(arrays)) = (pandas, loaded(py, "pandas", "arrays")?) else {
                return Ok(data.into_any());
            };
            let values = if *nullable {
                arrays.call_method1("FloatingArray", (data, mask()?))?
            } else {
                data.into_any()
            };
            let kwargs = PyDict::new(py);
            kwargs.set_item("index", index)?;
            kwargs.set_item("name", name)?;
            kwargs.set_item("copy", false)?;
            series.call((values,), Some(&kwargs))
        }
        Kind::Polars { name } => {
            let Some(series) = loaded(py, "polars", "Series")? else {
                return Ok(data.into_any());
            };
            let out = series.call1((name, data))?;
            match missing {
                Some(m) if m.iter().any(|&x| x) => {
                    let flags = series.call1(("missing", PyArray1::from_vec(py, m.to_vec())))?;
                    out.call_method1("set", (flags, py.None()))
                }
                _ => Ok(out),
            }
        }
    }
}

/// `(3,)`, `(2, 3)`, `()` as numpy prints shapes.
pub(crate) fn fmt_shape(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// An input prepared for a batch kernel: borrowed in place, or copied.
pub(crate) enum Input<'py> {
    /// Read in place; the borrow lasts as long as the call.
    Borrowed(PyReadonlyArrayDyn<'py, f64>),
    /// A broadcast or non-contiguous input, materialised in C order.
    Owned(Vec<f64>),
}

impl Input<'_> {
    /// The elements: length 1 or the size of the result.
    pub(crate) fn as_slice(&self) -> Cow<'_, [f64]> {
        match self {
            Input::Borrowed(ro) => match ro.as_slice() {
                Ok(s) => Cow::Borrowed(s),
                // Not reached: Borrowed is only built for contiguous arrays.
                Err(_) => Cow::Owned(ro.as_array().iter().copied().collect()),
            },
            Input::Owned(v) => Cow::Borrowed(v),
        }
    }
}

/// Prepares `arr` for a result of shape `shape` (which it broadcasts to).
pub(crate) fn prepare<'py>(
    name: &str,
    arr: &Bound<'py, PyArrayDyn<f64>>,
    shape: &[usize],
) -> PyResult<Input<'py>> {
    let ro = arr
        .try_readonly()
        .map_err(|e| PyTypeError::new_err(format!("{name} cannot be read: {e}")))?;
    let contiguous = arr.is_c_contiguous();
    if contiguous && (arr.len() == 1 || arr.shape() == shape) {
        return Ok(Input::Borrowed(ro));
    }
    let view = ro.as_array();
    if view.len() == 1 {
        return Ok(Input::Owned(view.iter().copied().collect()));
    }
    let data = match view.broadcast(IxDyn(shape)) {
        Some(b) => b.iter().copied().collect(),
        // Not reached: shapes were checked by broadcast_shape.
        None => view.iter().copied().collect(),
    };
    Ok(Input::Owned(data))
}

/// `json.loads(text)`: keeps the core's field order.
fn json_to_py<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

pub(crate) fn to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| {
        let e = xh_core::Error::InvalidArgument {
            arg: "value",
            message: format!("cannot serialise: {e}"),
        };
        crate::errors::err(py, &e)
    })?;
    json_to_py(py, &text)
}

/// HTML-escapes text for `_repr_html_`.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Python's `repr` of a string.
pub(crate) fn py_repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_string())
}
