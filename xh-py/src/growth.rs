//! The growth functions: `xh_core::growth` for scalars, `xh_core::batch`
//! for arrays.
//!
//! Each Python function takes numbers or array-likes. When every argument
//! is a number (a `float`, an `int`, or anything else with `__float__`;
//! a rate argument also takes a catalog `Figure` in percent), the scalar
//! core function is called directly and a `float` is returned; a rate of
//! 1 or more warns with `PercentRateWarning` first. Otherwise the
//! arguments are converted and broadcast (see [`crate::convert`]), the GIL
//! is released, and the batch kernel fills a new `float64` array of the
//! broadcast shape, returned as the caller's kind of container (numpy or
//! masked array, pandas or polars Series; a 0-dimensional result as a
//! `float`). Missing elements (masked, `pd.NA`, null) are left out of the
//! computation and stay missing. With `out=`, the kernel writes into the
//! caller's C-contiguous float64 array of the broadcast shape instead, and
//! returns it.
//!
//! No arithmetic happens here: every number comes from xh-core.

use numpy::ndarray::ArrayD;
use numpy::{
    BorrowError, IntoPyArray, PyArrayDyn, PyArrayMethods, PyReadwriteArrayDyn, PyUntypedArray,
    PyUntypedArrayMethods,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyFloat;
use xh_core::batch::{self, ErrorPolicy};
use xh_core::{growth, Error, ErrorKind};

use crate::convert::{
    as_arg, as_scalar, broadcast_shape, combined_mask, fmt_shape, prepare, result_kind, wrap, Arg,
    Input, Kind, PolicyArg,
};
use crate::errors::{binding_error, guard, to_py_err, to_py_err_at, warn_if_percent, Panic};

type Scalar<const N: usize> = fn([f64; N]) -> Result<f64, Error>;
type Batch<const N: usize> = fn([&[f64]; N], &mut [f64], ErrorPolicy) -> Result<(), Error>;

/// One element-wise function: its argument names, which of them are rates
/// (checked by [`warn_if_percent`], and taking a `Figure` in percent), the
/// scalar and the batch form.
struct Function<const N: usize> {
    names: [&'static str; N],
    rates: &'static [usize],
    scalar: Scalar<N>,
    batch: Batch<N>,
}

/// The shared body of every element-wise function: the fast path for
/// plain floats, kept small, then everything else.
#[inline(always)]
fn elementwise<'py, const N: usize>(
    py: Python<'py>,
    f: &Function<N>,
    args: [&Bound<'py, PyAny>; N],
    errors: PolicyArg,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // Exact floats, the common case, are read without the int, subclass
    // and number-type checks.
    if out.is_none() {
        let mut values = [0.0; N];
        let mut floats = true;
        for k in 0..N {
            match args[k].cast_exact::<PyFloat>() {
                Ok(v) => values[k] = v.value(),
                Err(_) => {
                    floats = false;
                    break;
                }
            }
        }
        if floats {
            for &k in f.rates {
                warn_if_percent(py, f.names[k], values[k])?;
            }
            return scalar_call(py, f, values, errors.0);
        }
    }
    elementwise_general(py, f, args, errors.0, out)
}

/// The scalar function on `values`, as a float (NaN for an invalid one
/// under `errors="nan"`).
#[inline(always)]
fn scalar_call<'py, const N: usize>(
    py: Python<'py>,
    f: &Function<N>,
    values: [f64; N],
    policy: ErrorPolicy,
) -> PyResult<Bound<'py, PyAny>> {
    let result = guard(|| (f.scalar)(values)).map_err(|p| p.into_py_err(py))?;
    match (result, policy) {
        (Ok(v), _) => Ok(PyFloat::new(py, v).into_any()),
        (Err(_), ErrorPolicy::Nan) => Ok(PyFloat::new(py, f64::NAN).into_any()),
        (Err(e), _) => Err(to_py_err(py, &e, None)),
    }
}

/// Every call but the all-floats one: other number types, arrays,
/// Series, `out=`.
#[inline(never)]
fn elementwise_general<'py, const N: usize>(
    py: Python<'py>,
    f: &Function<N>,
    args: [&Bound<'py, PyAny>; N],
    policy: ErrorPolicy,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut values = [0.0; N];
    let mut scalars = [true; N];
    for k in 0..N {
        if let Ok(v) = args[k].cast_exact::<PyFloat>() {
            values[k] = v.value();
        } else if args[k].cast::<PyUntypedArray>().is_ok() {
            scalars[k] = false;
        } else {
            match as_scalar(py, f.names[k], args[k], f.rates.contains(&k))? {
                Some(v) => values[k] = v,
                None => scalars[k] = false,
            }
        }
    }
    for &k in f.rates {
        if scalars[k] {
            warn_if_percent(py, f.names[k], values[k])?;
        }
    }
    if out.is_none() && scalars.iter().all(|&s| s) {
        return scalar_call(py, f, values, policy);
    }

    // Array path: scalars as 0-d arrays, the rest converted.
    let mut converted: Vec<Arg<'py>> = Vec::with_capacity(N);
    for k in 0..N {
        converted.push(if scalars[k] {
            Arg {
                data: ArrayD::from_elem(vec![], values[k]).into_pyarray(py),
                mask: None,
                kind: Kind::Numpy,
            }
        } else {
            as_arg(py, f.names[k], args[k], f.rates.contains(&k))?
        });
    }
    let shape = shape_of(py, &f.names, &converted)?;
    let kind = result_kind(py, &f.names, &converted, &shape)?;
    let labels = match &kind {
        Kind::Pandas { index, .. } => Some(index.clone()),
        _ => None,
    };
    let missing = combined_mask(&converted, &shape)?;
    let has_missing = missing.as_deref().is_some_and(|m| m.iter().any(|&x| x));
    let at = At {
        shape: &shape,
        labels: labels.as_ref(),
    };
    if let Some(out) = out {
        if has_missing {
            return Err(binding_error(
                py,
                ErrorKind::InvalidArgument,
                "out",
                "out= cannot mark missing values, and an argument has some (masked, NA or \
                 null): call without out="
                    .to_owned(),
            ));
        }
        return elementwise_into(py, f, &converted, policy, out, &at);
    }
    let inputs = prepare_all(&f.names, &converted, &shape)?;
    // np.empty rather than np.zeros: a large zeroed array is fresh pages
    // from the kernel on every call (calloc), faulted in and cleared while
    // the kernel writes them, where an uninitialised one reuses freed
    // memory as numpy's own temporaries do (1e6 elements: ~5 % of the call).
    // SAFETY: f64 has no invalid bit patterns, and the array is returned
    // only after `run_batch` or `run_masked` succeeded, which write every
    // element (with either error policy); on an error it is dropped unread.
    let result = unsafe { PyArrayDyn::<f64>::new(py, shape.as_slice(), false) };
    {
        let mut rw = result.readwrite();
        match missing.as_deref() {
            Some(m) if has_missing => run_masked(py, &inputs, &mut rw, m, policy, f.batch, &at)?,
            _ => run_batch(py, &inputs, &mut rw, policy, f.batch, &at)?,
        }
    }
    wrap(py, result, missing.as_deref(), &kind)
}

/// Where an element of the result is, for error messages: the result's
/// shape, and a pandas index when the result is a Series.
struct At<'a, 'py> {
    shape: &'a [usize],
    labels: Option<&'a Bound<'py, PyAny>>,
}

impl At<'_, '_> {
    fn err(&self, py: Python<'_>, e: &Error) -> PyErr {
        to_py_err_at(py, e, Some(self.shape), self.labels)
    }
}

/// The broadcast shape of the arguments.
fn shape_of(py: Python<'_>, names: &[&'static str], args: &[Arg<'_>]) -> PyResult<Vec<usize>> {
    let shapes: Vec<Vec<usize>> = args.iter().map(|a| a.data.shape().to_vec()).collect();
    let named: Vec<(&str, &[usize])> = names
        .iter()
        .zip(&shapes)
        .map(|(n, s)| (*n, s.as_slice()))
        .collect();
    broadcast_shape(py, &named)
}

/// Every argument ready for the kernel (see [`prepare`]).
fn prepare_all<'py>(
    names: &[&'static str],
    args: &[Arg<'py>],
    shape: &[usize],
) -> PyResult<Vec<Input<'py>>> {
    args.iter()
        .zip(names)
        .map(|(a, n)| prepare(n, &a.data, shape))
        .collect()
}

/// Runs the batch kernel from `inputs` into `out` with the GIL released.
fn run_batch<const N: usize>(
    py: Python<'_>,
    inputs: &[Input<'_>],
    out: &mut PyReadwriteArrayDyn<'_, f64>,
    policy: ErrorPolicy,
    batch: Batch<N>,
    at: &At<'_, '_>,
) -> PyResult<()> {
    let slices: Vec<_> = inputs.iter().map(Input::as_slice).collect();
    let out_slice = out
        .as_slice_mut()
        .map_err(|e| Panic(e.to_string()).into_py_err(py))?;
    let refs: [&[f64]; N] = std::array::from_fn(|k| &*slices[k]);
    match py.detach(|| guard(|| batch(refs, out_slice, policy))) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(at.err(py, &e)),
        Err(p) => Err(p.into_py_err(py)),
    }
}

/// [`run_batch`] skipping the `missing` elements: the others are gathered,
/// computed, and put back; missing ones get NaN (under the mask, `pd.NA`
/// or null the result carries). An error names the element's place in the
/// whole result.
fn run_masked<const N: usize>(
    py: Python<'_>,
    inputs: &[Input<'_>],
    out: &mut PyReadwriteArrayDyn<'_, f64>,
    missing: &[bool],
    policy: ErrorPolicy,
    batch: Batch<N>,
    at: &At<'_, '_>,
) -> PyResult<()> {
    let keep: Vec<usize> = (0..missing.len()).filter(|&i| !missing[i]).collect();
    let slices: Vec<_> = inputs.iter().map(Input::as_slice).collect();
    let gathered: Vec<Vec<f64>> = slices
        .iter()
        .map(|s| {
            if s.len() == 1 {
                s.to_vec()
            } else {
                keep.iter().map(|&i| s[i]).collect()
            }
        })
        .collect();
    let mut computed = vec![0.0; keep.len()];
    let refs: [&[f64]; N] = std::array::from_fn(|k| gathered[k].as_slice());
    match py.detach(|| guard(|| batch(refs, &mut computed, policy))) {
        Ok(Ok(())) => {}
        Ok(Err(Error::AtIndex { index, source })) => {
            let e = Error::AtIndex {
                index: keep[index],
                source,
            };
            return Err(at.err(py, &e));
        }
        Ok(Err(e)) => return Err(at.err(py, &e)),
        Err(p) => return Err(p.into_py_err(py)),
    }
    let out_slice = out
        .as_slice_mut()
        .map_err(|e| Panic(e.to_string()).into_py_err(py))?;
    out_slice.fill(f64::NAN);
    for (&i, &v) in keep.iter().zip(&computed) {
        out_slice[i] = v;
    }
    Ok(())
}

/// The `out=` form: writes into the caller's array and returns it.
///
/// `out` must be a writeable, C-contiguous float64 array of exactly the
/// broadcast shape (no casting, no broadcasting of `out` itself). When it
/// shares memory with an input, that input is copied first, so in-place
/// calls such as `cagr(x, y, n, out=x)` read the old values.
fn elementwise_into<'py, const N: usize>(
    py: Python<'py>,
    f: &Function<N>,
    args: &[Arg<'py>],
    policy: ErrorPolicy,
    out: &Bound<'py, PyAny>,
    at: &At<'_, 'py>,
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
    let shape = at.shape;
    if target.shape() != shape {
        return Err(binding_error(
            py,
            ErrorKind::LengthMismatch,
            "out",
            format!(
                "out has shape {}, but the result has shape {}",
                fmt_shape(target.shape()),
                fmt_shape(shape)
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
    let mut inputs = prepare_all(&f.names, args, shape)?;
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
    run_batch(py, &inputs, &mut rw, policy, f.batch, at)?;
    drop(rw);
    Ok(target.clone().into_any())
}

/// The paragraph every element-wise function's docstring shares.
macro_rules! elementwise_doc {
    () => {
        "Arguments are numbers (float, int, Decimal, Fraction, ...) or array-likes
that broadcast together; the result is a float when every argument is a
number, else a float64 array of the broadcast shape: a pandas or polars
Series (same index and name) for Series in, a masked array for masked
arrays in, with missing elements (masked, NA, null) left missing.
``errors=\"raise\"`` raises for the first invalid element (``.index``,
the Series label for pandas, ``.arg``, ``.value`` say which);
``errors=\"nan\"`` writes NaN there instead. ``out=`` writes the result
into an existing C-contiguous float64 array of the broadcast shape and
returns it (its contents are unspecified after an exception). A rate
argument also takes a catalog Figure in percent (15 % is 0.15), and a
number of 1 or more there warns with ``PercentRateWarning``."
    };
}

/// One element-wise Python function over `xh_core::growth::$name` (scalars)
/// and `xh_core::batch::$name` (arrays): the docstring is the summary, the
/// shared paragraph and the errors it raises. `rates` lists the positions
/// of the rate arguments; `sig` is the text signature (the `errors`
/// default is not a Python literal in Rust).
macro_rules! elementwise_fn {
    (
        $(#[doc = $summary:literal])+
        fn $name:ident($($arg:ident),+);
        rates: [$($rate:literal),*];
        sig: $sig:literal;
        raises: $(#[doc = $raises:literal])+
    ) => {
        $(#[doc = $summary])+
        #[doc = ""]
        #[doc = elementwise_doc!()]
        #[doc = ""]
        $(#[doc = $raises])+
        #[pyfunction]
        #[pyo3(signature = ($($arg),+, *, errors = PolicyArg::RAISE, out = None), text_signature = $sig)]
        pub(crate) fn $name<'py>(
            py: Python<'py>,
            $($arg: &Bound<'py, PyAny>,)+
            errors: PolicyArg,
            out: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            const F: Function<{ [$(stringify!($arg)),+].len() }> = Function {
                names: [$(stringify!($arg)),+],
                rates: &[$($rate),*],
                scalar: |[$($arg),+]| growth::$name($($arg),+),
                batch: |[$($arg),+], out, p| batch::$name($($arg,)+ out, p),
            };
            elementwise(py, &F, [$($arg),+], errors, out)
        }
    };
}

elementwise_fn! {
    /// Compound annual growth rate from ``start`` to ``end`` over ``years``:
    /// ``(end / start) ** (1 / years) - 1`` (``xh_core::growth::cagr``).
    fn cagr(start, end, years);
    rates: [];
    sig: "(start, end, years, *, errors='raise', out=None)";
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
    rates: [1];
    sig: "(start, rate, years, *, errors='raise', out=None)";
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
    rates: [2];
    sig: "(start, target, rate, *, errors='raise', out=None)";
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
    rates: [];
    sig: "(cumulative_change, years, *, errors='raise', out=None)";
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
    rates: [0];
    sig: "(rate, years, *, errors='raise', out=None)";
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
    rates: [1];
    sig: "(current, growth, *, errors='raise', out=None)";
    raises:
    /// Raises ``NonFiniteError`` for NaN or infinite arguments,
    /// ``OutOfDomainError`` if growth <= -1; ``LengthMismatchError`` if shapes do not
    /// broadcast; ``TypeError`` for non-numeric input.
}

elementwise_fn! {
    /// The number of periods for a value to double at ``rate``:
    /// ``log(2) / log1p(rate)`` (``xh_core::growth::doubling_time``).
    fn doubling_time(rate);
    rates: [0];
    sig: "(rate, *, errors='raise', out=None)";
    raises:
    /// Raises ``NonFiniteError`` for NaN or infinite arguments,
    /// ``OutOfDomainError`` unless rate > 0 (nothing doubles without
    /// growth); ``LengthMismatchError`` if shapes do not
    /// broadcast; ``TypeError`` for non-numeric input.
}

/// The cumulative change of consecutive period rates, ``prod(1 + r) - 1``
/// (``xh_core::growth::chain``), within one ulp of the exact product
/// however much gains and losses cancel.
///
/// ``rates`` is a one-dimensional sequence, array or pandas/polars Series;
/// the result is a float. Raises ``OutOfDomainError`` (with ``.index``, the
/// Series label for a pandas Series) for a rate <= -1, ``NonFiniteError``
/// for NaN or inf, ``InvalidArgumentError`` for a multi-dimensional array
/// or missing values (masked, NA, null), ``TypeError`` naming the first
/// element that is not a number. Warns with ``PercentRateWarning`` for a
/// rate of 1 or more.
#[pyfunction]
#[pyo3(signature = (rates))]
pub(crate) fn chain(py: Python<'_>, rates: &Bound<'_, PyAny>) -> PyResult<f64> {
    let arg = as_arg(py, "rates", rates, true)?;
    if arg.data.ndim() != 1 {
        let e = Error::InvalidArgument {
            arg: "rates",
            message: format!(
                "expected a one-dimensional sequence, got shape {}",
                fmt_shape(arg.data.shape())
            ),
        };
        return Err(to_py_err(py, &e, None));
    }
    let shape = arg.data.shape().to_vec();
    let labels = match &arg.kind {
        Kind::Pandas { index, .. } => Some(index.clone()),
        _ => None,
    };
    if let Some(missing) = combined_mask(std::slice::from_ref(&arg), &shape)? {
        if let Some(first) = missing.iter().position(|&m| m) {
            let (_, text) = crate::errors::locate(py, first, Some(&shape), labels.as_ref())?;
            return Err(binding_error(
                py,
                ErrorKind::InvalidArgument,
                "rates",
                format!(
                    "rates has missing values (masked, NA or null), the first at element \
                     {text}; chain needs every period's rate: fill or drop them first"
                ),
            ));
        }
    }
    let input = prepare("rates", &arg.data, &shape)?;
    let slice = input.as_slice();
    if let Some((i, &r)) = slice.iter().enumerate().find(|(_, &r)| r >= 1.0) {
        warn_if_percent(py, &format!("rates[{i}]"), r)?;
    }
    let result = py.detach(|| guard(|| growth::chain(&slice)));
    match result {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(to_py_err_at(py, &e, Some(&shape), labels.as_ref())),
        Err(p) => Err(p.into_py_err(py)),
    }
}
