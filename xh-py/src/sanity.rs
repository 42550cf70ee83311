//! Guard rails over [`xh_core::sanity`]: `xuhui.ShareFractionWarning`,
//! which `Share` raises for a value that looks like a fraction, and the
//! rate check the command line uses for a bare rate of 1 or more.

use std::ffi::CString;

use pyo3::create_exception;
use pyo3::exceptions::PyUserWarning;
use pyo3::prelude::*;

create_exception!(
    xuhui,
    ShareFractionWarning,
    PyUserWarning,
    "A share was given a value strictly between -1 and 1 (other than 0), which\n\
     looks like a fraction where percent is meant: ``Share(0.432)`` is 0.432 %,\n\
     not 43.2 %. Write ``Share(43.2)`` or ``Share.from_fraction(0.432)``; filter\n\
     the warning if a share that small is meant."
);

/// Warns with `ShareFractionWarning` if `percent` looks like a fraction.
pub(crate) fn warn_share(py: Python<'_>, percent: f64) -> PyResult<()> {
    let Some(message) = xh_core::sanity::share_message(percent) else {
        return Ok(());
    };
    let message = CString::new(message).expect("no NUL in the core's message");
    let category = py.get_type::<ShareFractionWarning>();
    PyErr::warn(py, category.as_any(), &message, 1)
}

/// The warning for a rate argument that looks like a percent
/// (``xh_core::sanity::rate_message``), or None. Used by ``python -m
/// xuhui`` for a bare rate of 1 or more.
#[pyfunction]
pub(crate) fn _rate_warning(arg: &str, rate: f64) -> Option<String> {
    xh_core::sanity::rate_message(arg, rate)
}

/// Registers the warning class and the rate check.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add(
        "ShareFractionWarning",
        py.get_type::<ShareFractionWarning>(),
    )?;
    m.add_function(wrap_pyfunction!(_rate_warning, m)?)?;
    Ok(())
}
