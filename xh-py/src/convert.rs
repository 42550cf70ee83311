//! Turning Python arguments into `f64` scalars or contiguous `f64` slices.
//!
//! * A Python `float` (including `numpy.float64`, a subclass) or `int` is a
//!   scalar and takes the fast path: no numpy call at all.
//! * Anything else goes through `numpy.asarray`. Boolean, integer and
//!   floating dtypes are converted to `float64` (a `float64` array in
//!   native byte order is used as is); any other dtype (strings, objects,
//!   complex, datetimes) is a `TypeError` naming the argument.
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
    PyArrayDescrMethods, PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArray,
    PyUntypedArrayMethods,
};
use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyFloat, PyInt, PyString};
use xh_core::ErrorKind;

use crate::errors::binding_error;

/// The `f64` value of a Python `float` or `int`, or `None` for anything else.
pub(crate) fn as_scalar(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Some(f.value()));
    }
    if obj.is_instance_of::<PyInt>() {
        return match obj.extract::<f64>() {
            Ok(v) => Ok(Some(v)),
            Err(_) => Err(PyOverflowError::new_err(format!(
                "{name} is an int too large to convert to float"
            ))),
        };
    }
    Ok(None)
}

fn numpy_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static NUMPY: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    NUMPY
        .get_or_try_init(py, || py.import("numpy").map(Bound::unbind))
        .map(|m| m.bind(py))
}

/// Any array-like as a `float64` array, or a `TypeError` naming `name`.
pub(crate) fn as_f64_array<'py>(
    py: Python<'py>,
    name: &str,
    obj: &Bound<'py, PyAny>,
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
        _ => {
            let what = if obj.is_instance_of::<PyUntypedArray>() {
                format!("an array of dtype {}", dtype.str()?)
            } else {
                format!("{}", obj.get_type().name()?)
            };
            Err(PyTypeError::new_err(format!(
                "{name} must be a number or an array of numbers, got {what}"
            )))
        }
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
