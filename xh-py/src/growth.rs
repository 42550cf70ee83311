//! The growth functions: `xh_core::growth` for scalars, `xh_core::batch`
//! for arrays.
//!
//! Each Python function takes floats or array-likes. When every argument
//! is a Python `float` or `int`, the scalar core function is called
//! directly and a `float` is returned. Otherwise the arguments are
//! converted and broadcast (see [`crate::convert`]), the GIL is released,
//! and the batch kernel fills a new `float64` array of the broadcast shape
//! (a 0-dimensional result is returned as a `float`). With `out=`, the
//! kernel writes into the caller's C-contiguous float64 array of the
//! broadcast shape instead, and returns it.
//!
//! No arithmetic happens here: every number comes from xh-core.

use numpy::{
    BorrowError, PyArrayDyn, PyArrayMethods, PyReadwriteArrayDyn, PyUntypedArray,
    PyUntypedArrayMethods,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyFloat;
use xh_core::batch::{self, ErrorPolicy};
use xh_core::{growth, Error, ErrorKind};

use crate::convert::{as_f64_array, as_scalar, broadcast_shape, fmt_shape, prepare, Input};
use crate::errors::{binding_error, guard, to_py_err, Panic};

type Scalar<const N: usize> = fn([f64; N]) -> Result<f64, Error>;
type Batch<const N: usize> = fn([&[f64]; N], &mut [f64], ErrorPolicy) -> Result<(), Error>;

fn policy(py: Python<'_>, errors: &str) -> PyResult<ErrorPolicy> {
    errors.parse().map_err(|e: Error| to_py_err(py, &e, None))
}

/// The shared body of every element-wise function.
fn elementwise<'py, const N: usize>(
    py: Python<'py>,
    names: [&'static str; N],
    args: [&Bound<'py, PyAny>; N],
    errors: &str,
    out: Option<&Bound<'py, PyAny>>,
    scalar: Scalar<N>,
    batch: Batch<N>,
) -> PyResult<Bound<'py, PyAny>> {
    let policy = policy(py, errors)?;
    if let Some(out) = out {
        return elementwise_into(py, names, args, policy, out, batch);
    }

    // Fast path: all plain Python numbers. Exact floats, the common case,
    // are read without the int and subclass checks.
    let mut values = [0.0; N];
    let mut all_scalar = true;
    for k in 0..N {
        if let Ok(f) = args[k].cast_exact::<PyFloat>() {
            values[k] = f.value();
            continue;
        }
        match as_scalar(names[k], args[k])? {
            Some(v) => values[k] = v,
            None => {
                all_scalar = false;
                break;
            }
        }
    }
    if all_scalar {
        let result = guard(|| scalar(values)).map_err(|p| p.into_py_err(py))?;
        return match (result, policy) {
            (Ok(v), _) => Ok(PyFloat::new(py, v).into_any()),
            (Err(_), ErrorPolicy::Nan) => Ok(PyFloat::new(py, f64::NAN).into_any()),
            (Err(e), _) => Err(to_py_err(py, &e, None)),
        };
    }

    // Array path.
    let (arrays, shape) = arrays_and_shape(py, names, args)?;
    let inputs = prepare_all(names, &arrays, &shape)?;
    // np.empty rather than np.zeros: a large zeroed array is fresh pages
    // from the kernel on every call (calloc), faulted in and cleared while
    // the kernel writes them, where an uninitialised one reuses freed
    // memory as numpy's own temporaries do (1e6 elements: ~5 % of the call).
    // SAFETY: f64 has no invalid bit patterns, and the array is returned
    // only after `run_batch` succeeded, which writes every element (with
    // either error policy); on an error it is dropped unread.
    let out = unsafe { PyArrayDyn::<f64>::new(py, shape.as_slice(), false) };
    {
        let mut rw = out.readwrite();
        run_batch(py, &inputs, &mut rw, &shape, policy, batch)?;
    }
    if shape.is_empty() {
        let v: f64 = out
            .readonly()
            .as_slice()
            .ok()
            .and_then(|s| s.first().copied())
            .unwrap_or(f64::NAN);
        return Ok(PyFloat::new(py, v).into_any());
    }
    Ok(out.into_any())
}

/// The arguments as float64 arrays, and their broadcast shape.
#[allow(clippy::type_complexity)]
fn arrays_and_shape<'py, const N: usize>(
    py: Python<'py>,
    names: [&'static str; N],
    args: [&Bound<'py, PyAny>; N],
) -> PyResult<(Vec<Bound<'py, PyArrayDyn<f64>>>, Vec<usize>)> {
    let mut arrays: Vec<Bound<'py, PyArrayDyn<f64>>> = Vec::with_capacity(N);
    for k in 0..N {
        arrays.push(as_f64_array(py, names[k], args[k])?);
    }
    let shapes: Vec<Vec<usize>> = arrays.iter().map(|a| a.shape().to_vec()).collect();
    let named: Vec<(&str, &[usize])> = names
        .iter()
        .zip(&shapes)
        .map(|(n, s)| (*n, s.as_slice()))
        .collect();
    let shape = broadcast_shape(py, &named)?;
    Ok((arrays, shape))
}

/// Every argument ready for the kernel (see [`prepare`]).
fn prepare_all<'py, const N: usize>(
    names: [&'static str; N],
    arrays: &[Bound<'py, PyArrayDyn<f64>>],
    shape: &[usize],
) -> PyResult<Vec<Input<'py>>> {
    arrays
        .iter()
        .zip(names)
        .map(|(a, n)| prepare(n, a, shape))
        .collect()
}

/// Runs the batch kernel from `inputs` into `out` with the GIL released.
fn run_batch<const N: usize>(
    py: Python<'_>,
    inputs: &[Input<'_>],
    out: &mut PyReadwriteArrayDyn<'_, f64>,
    shape: &[usize],
    policy: ErrorPolicy,
    batch: Batch<N>,
) -> PyResult<()> {
    let slices: Vec<_> = inputs.iter().map(Input::as_slice).collect();
    let out_slice = out
        .as_slice_mut()
        .map_err(|e| Panic(e.to_string()).into_py_err(py))?;
    let refs: [&[f64]; N] = std::array::from_fn(|k| &*slices[k]);
    match py.detach(|| guard(|| batch(refs, out_slice, policy))) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(to_py_err(py, &e, Some(shape))),
        Err(p) => Err(p.into_py_err(py)),
    }
}

/// The `out=` form: writes into the caller's array and returns it.
///
/// `out` must be a writeable, C-contiguous float64 array of exactly the
/// broadcast shape (no casting, no broadcasting of `out` itself). When it
/// shares memory with an input, that input is copied first, so in-place
/// calls such as `cagr(x, y, n, out=x)` read the old values.
fn elementwise_into<'py, const N: usize>(
    py: Python<'py>,
    names: [&'static str; N],
    args: [&Bound<'py, PyAny>; N],
    policy: ErrorPolicy,
    out: &Bound<'py, PyAny>,
    batch: Batch<N>,
) -> PyResult<Bound<'py, PyAny>> {
    let target = out.cast::<PyArrayDyn<f64>>().map_err(|_| {
        let what = match out.cast::<PyUntypedArray>() {
            Ok(a) => a
                .dtype()
                .str()
                .map(|d| format!("an array of dtype {d}"))
                .unwrap_or_else(|_| "an array".to_owned()),
            Err(_) => out
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "another type".to_owned()),
        };
        PyTypeError::new_err(format!("out must be a float64 numpy array, got {what}"))
    })?;
    let (arrays, shape) = arrays_and_shape(py, names, args)?;
    if target.shape() != shape.as_slice() {
        return Err(binding_error(
            py,
            ErrorKind::LengthMismatch,
            "out",
            format!(
                "out has shape {}, but the result has shape {}",
                fmt_shape(target.shape()),
                fmt_shape(&shape)
            ),
        ));
    }
    if !target.is_c_contiguous() {
        return Err(binding_error(
            py,
            ErrorKind::InvalidArgument,
            "out",
            "out must be C-contiguous".to_owned(),
        ));
    }
    let mut inputs = prepare_all(names, &arrays, &shape)?;
    let mut rw = match target.try_readwrite() {
        Ok(rw) => rw,
        Err(BorrowError::NotWriteable) => {
            return Err(binding_error(
                py,
                ErrorKind::InvalidArgument,
                "out",
                "out is read-only".to_owned(),
            ))
        }
        Err(_) => {
            // `out` overlaps an input that is read in place: copy the
            // inputs, release their borrows, then write.
            let copies: Vec<Input<'py>> = inputs
                .iter()
                .map(|i| Input::Owned(i.as_slice().into_owned()))
                .collect();
            inputs = copies;
            // Still borrowed: another thread's call is using `out` right now.
            target.try_readwrite().map_err(|_| {
                binding_error(
                    py,
                    ErrorKind::InvalidArgument,
                    "out",
                    "out is in use by another call running at the same time".to_owned(),
                )
            })?
        }
    };
    run_batch(py, &inputs, &mut rw, &shape, policy, batch)?;
    drop(rw);
    Ok(target.clone().into_any())
}

/// The paragraph every element-wise function's docstring shares.
macro_rules! elementwise_doc {
    () => {
        "Arguments are floats or array-likes that broadcast together; the result
is a float when every argument is a scalar, else a float64 array of the
broadcast shape. ``errors=\"raise\"`` raises for the first invalid element
(``.index``, ``.arg``, ``.value`` say which); ``errors=\"nan\"`` writes NaN
there instead. ``out=`` writes the result into an existing
C-contiguous float64 array of the broadcast shape and returns it (its
contents are unspecified after an exception)."
    };
}

/// One element-wise Python function over `xh_core::growth::$name` (scalars)
/// and `xh_core::batch::$name` (arrays): the docstring is the summary, the
/// shared paragraph and the errors it raises.
macro_rules! elementwise_fn {
    (
        $(#[doc = $summary:literal])+
        fn $name:ident($($arg:ident),+);
        raises: $(#[doc = $raises:literal])+
    ) => {
        $(#[doc = $summary])+
        #[doc = ""]
        #[doc = elementwise_doc!()]
        #[doc = ""]
        $(#[doc = $raises])+
        #[pyfunction]
        #[pyo3(signature = ($($arg),+, *, errors = "raise", out = None))]
        pub(crate) fn $name<'py>(
            py: Python<'py>,
            $($arg: &Bound<'py, PyAny>,)+
            errors: &str,
            out: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            elementwise(
                py,
                [$(stringify!($arg)),+],
                [$($arg),+],
                errors,
                out,
                |[$($arg),+]| growth::$name($($arg),+),
                |[$($arg),+], out, p| batch::$name($($arg,)+ out, p),
            )
        }
    };
}

elementwise_fn! {
    /// Compound annual growth rate from ``start`` to ``end`` over ``years``:
    /// ``(end / start) ** (1 / years) - 1`` (``xh_core::growth::cagr``).
    fn cagr(start, end, years);
    raises:
    /// Raises ``NonFiniteError`` for NaN or infinite arguments,
    /// ``OutOfDomainError`` unless start, end and years are positive;
    /// ``ResultOverflowError`` if the rate overflows; ``LengthMismatchError`` if shapes do not
    /// broadcast; ``TypeError`` for non-numeric input.
}

elementwise_fn! {
    /// The value after ``years`` periods of growth at ``rate`` from ``start``:
    /// ``start * (1 + rate) ** years`` (``xh_core::growth::project``).
    fn project(start, rate, years);
    raises:
    /// Raises ``NonFiniteError`` for NaN or infinite arguments,
    /// ``OutOfDomainError`` if rate <= -1 or years < 0;
    /// ``ResultOverflowError`` if the result overflows; ``LengthMismatchError`` if shapes do not
    /// broadcast; ``TypeError`` for non-numeric input.
}

elementwise_fn! {
    /// The number of periods to grow from ``start`` to ``target`` at ``rate``:
    /// ``log(target / start) / log1p(rate)`` (``xh_core::growth::years_to_reach``).
    fn years_to_reach(start, target, rate);
    raises:
    /// Raises ``NonFiniteError`` for NaN or infinite arguments,
    /// ``OutOfDomainError`` unless start and target are positive and rate > -1;
    /// ``UnreachableError`` if the rate never gets there; ``LengthMismatchError`` if shapes do not
    /// broadcast; ``TypeError`` for non-numeric input.
}

elementwise_fn! {
    /// The average annual rate equivalent to a cumulative change over ``years``:
    /// ``(1 + cumulative_change) ** (1 / years) - 1`` (``xh_core::growth::annualize``).
    fn annualize(cumulative_change, years);
    raises:
    /// Raises ``NonFiniteError`` for NaN or infinite arguments,
    /// ``OutOfDomainError`` if cumulative_change <= -1 or years <= 0; ``LengthMismatchError`` if shapes do not
    /// broadcast; ``TypeError`` for non-numeric input.
}

elementwise_fn! {
    /// The cumulative change from growing at ``rate`` for ``years``:
    /// ``(1 + rate) ** years - 1`` (``xh_core::growth::cumulate``), the inverse
    /// of ``annualize``.
    fn cumulate(rate, years);
    raises:
    /// Raises ``NonFiniteError`` for NaN or infinite arguments,
    /// ``OutOfDomainError`` if rate <= -1 or years < 0;
    /// ``ResultOverflowError`` if the result overflows; ``LengthMismatchError`` if shapes do not
    /// broadcast; ``TypeError`` for non-numeric input.
}

elementwise_fn! {
    /// The previous value implied by ``current`` and its growth rate ``growth``:
    /// ``current / (1 + growth)`` (``xh_core::growth::implied_previous``).
    fn implied_previous(current, growth);
    raises:
    /// Raises ``NonFiniteError`` for NaN or infinite arguments,
    /// ``OutOfDomainError`` if growth <= -1; ``LengthMismatchError`` if shapes do not
    /// broadcast; ``TypeError`` for non-numeric input.
}

elementwise_fn! {
    /// The number of periods for a value to double at ``rate``:
    /// ``log(2) / log1p(rate)`` (``xh_core::growth::doubling_time``).
    fn doubling_time(rate);
    raises:
    /// Raises ``NonFiniteError`` for NaN or infinite arguments,
    /// ``OutOfDomainError`` if rate <= -1; ``UnreachableError``
    /// if rate <= 0; ``LengthMismatchError`` if shapes do not
    /// broadcast; ``TypeError`` for non-numeric input.
}

/// The cumulative change of consecutive period rates, ``prod(1 + r) - 1``
/// (``xh_core::growth::chain``).
///
/// ``rates`` is a one-dimensional sequence or array; the result is a float.
/// Raises ``OutOfDomainError`` (with ``.index``) for a rate <= -1,
/// ``NonFiniteError`` for NaN or inf, ``InvalidArgumentError`` for a
/// multi-dimensional array, ``TypeError`` for non-numeric input.
#[pyfunction]
#[pyo3(signature = (rates))]
pub(crate) fn chain(py: Python<'_>, rates: &Bound<'_, PyAny>) -> PyResult<f64> {
    let arr = as_f64_array(py, "rates", rates)?;
    if arr.ndim() != 1 {
        let e = Error::InvalidArgument {
            arg: "rates",
            message: format!(
                "expected a one-dimensional sequence, got shape {}",
                crate::convert::fmt_shape(arr.shape())
            ),
        };
        return Err(to_py_err(py, &e, None));
    }
    let shape = arr.shape().to_vec();
    let input = prepare("rates", &arr, &shape)?;
    let slice = input.as_slice();
    let result = py.detach(|| guard(|| growth::chain(&slice)));
    match result {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(to_py_err(py, &e, None)),
        Err(p) => Err(p.into_py_err(py)),
    }
}
