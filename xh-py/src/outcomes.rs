//! `xuhui.outcomes()`: the published outcomes 2021–2025 ↔
//! [`xh_core::outcomes`]. Loading, verdicts and every text come from the
//! core; this module converts.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyList;
use xh_core::catalog::Catalog;
use xh_core::outcomes::{self as core_outcomes, PublishedOutcomes};

use crate::catalog::{embedded, PyCatalog};
use crate::convert::to_py;
use crate::errors::err;

/// The published outcomes of the plan period 2021–2025, each read in its
/// source and quoted verbatim, with the catalog they refer to.
///
/// ``xuhui.outcomes()`` gives the embedded file; ``xuhui.outcomes(text)``
/// loads your own file of the same schema (all or nothing: an
/// ``InvalidCatalogError`` names the entry and field at fault).
#[pyclass(name = "Outcomes", module = "xuhui", frozen)]
pub struct PyOutcomes {
    inner: Arc<PublishedOutcomes>,
    catalog: Arc<Catalog>,
}

/// The published outcomes: the embedded file, or ``text`` (JSON of the same
/// schema) checked against ``catalog`` (default: the embedded catalog).
#[pyfunction]
#[pyo3(signature = (text = None, catalog = None))]
pub(crate) fn outcomes(
    py: Python<'_>,
    text: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyOutcomes> {
    let catalog = match catalog {
        Some(c) => c.get().0.clone(),
        None => embedded(py)?,
    };
    let inner = match text {
        None => core_outcomes::try_embedded().cloned(),
        Some(t) => PublishedOutcomes::from_json(t, &catalog),
    }
    .map_err(|e| err(py, &e))?;
    Ok(PyOutcomes {
        inner: Arc::new(inner),
        catalog,
    })
}

#[pymethods]
impl PyOutcomes {
    fn __len__(&self) -> usize {
        self.inner.outcomes.len()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyOutcomes>().is_ok_and(|o| {
            let o = o.get();
            o.inner == self.inner && o.catalog == self.catalog
        })
    }

    /// Pickles as the file's JSON and the catalog, reloaded (and checked)
    /// by ``xuhui.outcomes`` on the other side.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json = serde_json::to_string(&*self.inner).map_err(|e| {
            let e = xh_core::Error::InvalidArgument {
                arg: "outcomes",
                message: e.to_string(),
            };
            err(py, &e)
        })?;
        let load = py.import("xuhui._xuhui")?.getattr("outcomes")?;
        let catalog = Bound::new(py, PyCatalog(self.catalog.clone()))?;
        (load, (json, catalog))
            .into_pyobject(py)
            .map(|t| t.into_any())
    }

    fn __repr__(&self) -> String {
        format!(
            "Outcomes({} published figures, {} context, {} sources)",
            self.inner.outcomes.len(),
            self.inner.context.len(),
            self.inner.sources.len()
        )
    }

    /// One dict per published figure (outcomes, then context figures) with
    /// ``indicator, year, period_start, period_end, kind, value, unit,
    /// status, qualifier, price_basis, scope, source, source_title,
    /// publisher, date, address, reliability, quote, value_text, note,
    /// conflict`` (None where absent).
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json: serde_json::Value =
            serde_json::from_str(&self.inner.to_flat_json()).map_err(|e| {
                let e = xh_core::Error::InvalidArgument {
                    arg: "outcomes",
                    message: e.to_string(),
                };
                err(py, &e)
            })?;
        to_py(py, &json)
    }

    /// The rows as CSV text (RFC 4180 quoting), header first.
    fn to_csv(&self) -> String {
        self.inner.to_csv()
    }

    /// The rows as a JSON array of objects.
    fn to_json(&self) -> String {
        self.inner.to_flat_json()
    }

    /// The published outcomes as SDMX-CSV 2.0, in the structure of
    /// ``Catalog.to_sdmx_structure()`` (one structure serves both): one row
    /// per indicator, kind and period in the report part
    /// ``OUTCOMES_PUBLISHED`` (other sources for the same key in ``NOTE``);
    /// ``OBS_STATUS`` ``A`` for a final figure, ``E`` for a preliminary one;
    /// ``COMMENT_OBS`` the quote with its source. Context figures are left
    /// out. ``Catalog.with_observations_sdmx_csv`` reads it back: the
    /// published levels that are numbers become observations, the other
    /// rows are skipped (``docs/sdmx.md``).
    fn to_sdmx_csv(&self) -> String {
        self.inner.to_sdmx_csv()
    }

    /// The rows as a ``pandas.DataFrame`` (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pd = py.import("pandas")?;
        pd.getattr("DataFrame")?.call1((self.rows(py)?,))
    }

    /// Every document read: ``id, title, publisher, date, address,
    /// reliability, note``.
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sources)
    }

    /// The indicators and years searched for without result.
    fn searched_not_found<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.searched_not_found)
    }

    /// Where each 14th Five-Year Plan and 2021 target stands: one dict per
    /// target with ``indicator``, ``target`` (the report's figure),
    /// ``verdict`` (``achieved``, ``not_achieved``, ``undetermined``,
    /// ``no_published_figure``, ``not_assessed``), ``measured`` (the
    /// interval compared), ``how``, ``preliminary``, ``evidence``,
    /// ``latest``, ``interim`` and ``note``.
    fn verdicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let tracks = core_outcomes::track(&self.catalog, &self.inner);
        let items = tracks
            .iter()
            .map(|t| to_py(py, t))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// The verdict of ``id``'s target in ``group`` (``"fyp14_targets"`` or
    /// ``"plan_2021"``): ``achieved``, ``not_achieved``, ``undetermined``,
    /// ``no_published_figure`` or ``not_assessed``. Raises
    /// ``UnknownIdError`` for an unknown id, ``InvalidArgumentError`` if the
    /// indicator has no target in ``group``.
    fn verdict(&self, py: Python<'_>, id: &str, group: &str) -> PyResult<&'static str> {
        let group = xh_core::catalog::Group::parse(group).map_err(|e| err(py, &e))?;
        core_outcomes::verdict_of(&self.catalog, &self.inner, id, group)
            .map(|t| t.verdict.tag())
            .map_err(|e| err(py, &e))
    }

    /// The report's section 四 for these outcomes, as text.
    fn report(&self) -> String {
        core_outcomes::render_section(&self.catalog, &self.inner)
    }

    /// The outcomes page (``docs/outcomes.md``) as Markdown.
    fn markdown(&self) -> String {
        core_outcomes::render_markdown(&self.catalog, &self.inner)
    }

    /// A copy of the catalog with the published levels of 2021–2025 that
    /// are numbers, not bounds, added as observations (one per indicator
    /// and year, most reliable source first), so ``xuhui.assess`` runs on
    /// what was published.
    fn catalog(&self, py: Python<'_>) -> PyResult<PyCatalog> {
        let mut cat = (*self.catalog).clone();
        cat.add_observations(&self.inner.observations())
            .map_err(|e| err(py, &e))?;
        Ok(PyCatalog(Arc::new(cat)))
    }
}
