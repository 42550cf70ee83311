//! `xuhui.Share` and `xuhui.PercentagePoints`: wrappers over
//! [`xh_core::Share`] and [`xh_core::PercentagePoints`], keeping a level in
//! percent apart from a change in percentage points.

use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::IntoPyObjectExt;
use xh_core::{PercentagePoints, Share};

use crate::errors::to_py_err;

/// A share of a whole, in percent (``Share(43.2)`` is 43.2 %).
///
/// ``Share - Share`` gives ``PercentagePoints``; ``Share ± PercentagePoints``
/// gives a ``Share``; there is no ``Share + Share``. Ask for a relative
/// change by name with ``relative_change_to``.
#[pyclass(frozen, eq, ord, from_py_object, module = "xuhui", name = "Share")]
#[derive(Clone, Copy, PartialEq, PartialOrd)]
pub(crate) struct PyShare(pub(crate) Share);

/// A difference between two shares, in percentage points (个百分点).
#[pyclass(
    frozen,
    eq,
    ord,
    from_py_object,
    module = "xuhui",
    name = "PercentagePoints"
)]
#[derive(Clone, Copy, PartialEq, PartialOrd)]
pub(crate) struct PyPercentagePoints(pub(crate) PercentagePoints);

#[pymethods]
impl PyShare {
    /// A share from its value in percent. Raises ``NonFiniteError``.
    ///
    /// Warns with ``ShareFractionWarning`` for a value strictly between -1
    /// and 1 (other than 0), which looks like a fraction: ``Share(0.432)``
    /// is 0.432 %; for 43.2 % write ``Share(43.2)`` or
    /// ``Share.from_fraction(0.432)``.
    #[new]
    fn new(py: Python<'_>, percent: f64) -> PyResult<PyShare> {
        let share = Share::from_percent(percent).map_err(|e| to_py_err(py, &e, None))?;
        crate::sanity::warn_share(py, percent)?;
        Ok(PyShare(share))
    }

    /// A share from a decimal fraction (``0.432`` is 43.2 %). Raises
    /// ``NonFiniteError``.
    #[staticmethod]
    fn from_fraction(py: Python<'_>, fraction: f64) -> PyResult<PyShare> {
        Share::from_fraction(fraction)
            .map(PyShare)
            .map_err(|e| to_py_err(py, &e, None))
    }

    /// The share in percent.
    #[getter]
    fn percent(&self) -> f64 {
        self.0.percent()
    }

    /// The share as a decimal fraction (43.2 % → 0.432).
    #[getter]
    fn fraction(&self) -> f64 {
        self.0.fraction()
    }

    /// The relative change from this share to ``later``, as a decimal rate.
    /// Raises ``OutOfDomainError`` if this share is not positive.
    fn relative_change_to(&self, py: Python<'_>, later: PyShare) -> PyResult<f64> {
        self.0
            .relative_change_to(later.0)
            .map_err(|e| to_py_err(py, &e, None))
    }

    fn __add__(&self, change: PyPercentagePoints) -> PyShare {
        PyShare(self.0 + change.0)
    }

    fn __sub__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if let Ok(s) = other.extract::<PyShare>() {
            return PyPercentagePoints(self.0 - s.0).into_py_any(py);
        }
        if let Ok(pp) = other.extract::<PyPercentagePoints>() {
            return PyShare(self.0 - pp.0).into_py_any(py);
        }
        Ok(py.NotImplemented())
    }

    /// Pickles as ``Share(percent)``.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (f64,)) {
        (slf.get_type(), (slf.get().0.percent(),))
    }

    fn __repr__(&self) -> String {
        format!("Share({:?})", self.0.percent())
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

#[pymethods]
impl PyPercentagePoints {
    /// A change of ``points`` percentage points. Raises ``NonFiniteError``.
    #[new]
    fn new(py: Python<'_>, points: f64) -> PyResult<PyPercentagePoints> {
        PercentagePoints::new(points)
            .map(PyPercentagePoints)
            .map_err(|e| to_py_err(py, &e, None))
    }

    /// The number of percentage points.
    #[getter]
    fn points(&self) -> f64 {
        self.0.points()
    }

    fn __add__(&self, other: PyPercentagePoints) -> PyPercentagePoints {
        PyPercentagePoints(self.0 + other.0)
    }

    fn __neg__(&self) -> PyPercentagePoints {
        PyPercentagePoints(-self.0)
    }

    /// Pickles as ``PercentagePoints(points)``.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (f64,)) {
        (slf.get_type(), (slf.get().0.points(),))
    }

    fn __repr__(&self) -> String {
        format!("PercentagePoints({:?})", self.0.points())
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}
