//! Python bindings for [`xh_core`]: the native module `xuhui._xuhui`.
//!
//! The public Python package `xuhui` (in `python/xuhui/`) re-exports
//! everything defined here. The binding is thin by design: it converts
//! arguments, releases the GIL around the core's batch kernels, and maps
//! [`xh_core::Error`] onto typed Python exceptions. It contains no
//! formula; every number comes from xh-core.
//!
//! Layout mirrors the core: [`growth`] ↔ `xh_core::growth`/`xh_core::batch`,
//! [`units`] ↔ `xh_core::units`, [`share`] ↔ `xh_core::{Share,
//! PercentagePoints}`, [`catalog`] ↔ `xh_core::{catalog, plan, report}`,
//! [`assess`] ↔ `xh_core::assess`, [`outcomes`] ↔ `xh_core::outcomes`,
//! [`errors`] ↔ `xh_core::Error`; [`html`] holds the Jupyter tables, whose
//! text comes from `xh_core::display`.

use pyo3::prelude::*;

pub mod assess;
pub mod catalog;
pub mod convert;
pub mod errors;
pub mod growth;
pub mod html;
pub mod outcomes;
pub mod sanity;
pub mod share;
pub mod units;

/// The native module. Import `xuhui` instead.
#[pymodule]
fn _xuhui(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_function(wrap_pyfunction!(growth::cagr, m)?)?;
    m.add_function(wrap_pyfunction!(growth::project, m)?)?;
    m.add_function(wrap_pyfunction!(growth::years_to_reach, m)?)?;
    m.add_function(wrap_pyfunction!(growth::annualize, m)?)?;
    m.add_function(wrap_pyfunction!(growth::cumulate, m)?)?;
    m.add_function(wrap_pyfunction!(growth::chain, m)?)?;
    m.add_function(wrap_pyfunction!(growth::implied_previous, m)?)?;
    m.add_function(wrap_pyfunction!(growth::doubling_time, m)?)?;
    m.add_class::<units::PyUnit>()?;
    m.add_class::<units::PyExchangeRate>()?;
    sanity::register(m)?;
    m.add_class::<share::PyShare>()?;
    m.add_class::<share::PyPercentagePoints>()?;
    m.add_function(wrap_pyfunction!(catalog::embedded_catalog, m)?)?;
    m.add_class::<catalog::PyCatalog>()?;
    m.add_class::<catalog::PyIndicator>()?;
    m.add_class::<catalog::PyFigure>()?;
    m.add_class::<assess::PyAssessment>()?;
    m.add_function(wrap_pyfunction!(assess::assess, m)?)?;
    m.add_function(wrap_pyfunction!(assess::assess_json, m)?)?;
    m.add_function(wrap_pyfunction!(assess::assess_trend, m)?)?;
    m.add_function(wrap_pyfunction!(assess::simulate_paths, m)?)?;
    m.add_class::<outcomes::PyOutcomes>()?;
    m.add_function(wrap_pyfunction!(outcomes::outcomes, m)?)?;
    // What the classes' `__reduce__` name: pickle finds them by module and name.
    m.add_function(wrap_pyfunction!(catalog::_restore_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::_restore_indicator, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::_restore_figure, m)?)?;
    m.add_function(wrap_pyfunction!(assess::_restore_assessment, m)?)?;
    Ok(())
}
