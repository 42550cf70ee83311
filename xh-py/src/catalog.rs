//! `xuhui.catalog()`, `xuhui.Catalog`, `xuhui.Indicator`, `xuhui.Figure`:
//! thin wrappers over [`xh_core::catalog`], [`xh_core::plan`] and
//! [`xh_core::report`].
//!
//! The classes are frozen. A `Catalog` shares its core catalog through an
//! `Arc`; adding observations returns a new `Catalog` and never changes
//! the embedded one. `Indicator` and `Figure` hold copies of the core
//! values, so they stay valid whatever happens to the catalog they came from.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use xh_core::catalog::{
    self, Category, Figure, FigureFilter, FigureKind, FlatRow, Group, Indicator, Polarity,
    PriceBasis, Qualifier, Scope, Status,
};
use xh_core::{display, plan, report};

use crate::convert::{escape, py_repr, to_py};
use crate::errors::{err, Panic};
use crate::html::{both, frame, key_values, td, td_html, thead};
use crate::units::PyUnit;

// ---------------------------------------------------------------------------

/// One number from the report (or a user observation): a level, a growth
/// rate, a change or a cumulative amount, with its period, status,
/// qualifier and the exact sentence it came from. Growth values are in
/// percent as printed (``15.0`` is 15 %); ``rate`` gives the decimal.
#[pyclass(frozen, module = "xuhui", name = "Figure")]
pub(crate) struct PyFigure {
    indicator: String,
    name_zh: String,
    name_en: String,
    pub(crate) figure: Figure,
    /// The catalog the figure came from (assessments read its levels).
    pub(crate) catalog: Arc<catalog::Catalog>,
}

impl PyFigure {
    fn new(cat: &Arc<catalog::Catalog>, ind: &Indicator, figure: &Figure) -> PyFigure {
        PyFigure {
            indicator: ind.id().to_owned(),
            name_zh: ind.name_zh().to_owned(),
            name_en: ind.name_en().to_owned(),
            figure: figure.clone(),
            catalog: cat.clone(),
        }
    }

    /// The id of the figure's indicator.
    pub(crate) fn indicator_id(&self) -> &str {
        &self.indicator
    }
}

#[pymethods]
impl PyFigure {
    /// The id of the indicator this figure belongs to.
    #[getter]
    fn indicator(&self) -> &str {
        &self.indicator
    }
    /// The part of the report: ``"results_2020"``, ``"fyp13_record"``,
    /// ``"fyp14_targets"``, ``"plan_2021"``, ``"glossary"`` or ``"user"``.
    #[getter]
    fn group(&self) -> &'static str {
        self.figure.group().as_str()
    }
    /// The heading path of the quote, in Chinese.
    #[getter]
    fn section(&self) -> &str {
        self.figure.section()
    }
    /// What the value measures: ``"level"``, ``"growth"``,
    /// ``"average_growth"``, ``"cumulative_growth"``, ``"change"``,
    /// ``"cumulative_amount"``, ``"level_each_year"``, ``"gross_addition"``
    /// (units added to a stock, not its net change), ``"rank"`` (a place in
    /// the peer group ``universe``, unit 位次) or ``"coverage"`` (the percent
    /// of ``universe`` covered; 全覆盖 is 100).
    #[getter]
    fn kind(&self) -> &'static str {
        self.figure.kind().as_str()
    }
    /// The value as printed, or None for a bound the report states without
    /// a number (then ``bound_text`` says what bounds it).
    #[getter]
    fn value(&self) -> Option<f64> {
        self.figure.value()
    }
    /// What bounds a figure without a number, in the report's words
    /// (``"市政府下达的指标数"``, the city's quota), else None.
    #[getter]
    fn bound_text(&self) -> Option<&str> {
        self.figure.bound_text()
    }
    /// ``"current"`` or ``"comparable"`` for the money and growth figures of
    /// a money indicator (the GDP level of 2020 is at current prices, GDP
    /// growth at comparable prices), else None.
    #[getter]
    fn price_basis(&self) -> Option<&'static str> {
        self.figure.price_basis().map(|p| p.as_str())
    }
    /// The peer group of a rank (``"中心城区"``) or the units of a coverage
    /// (``"街镇"``), else None.
    #[getter]
    fn universe(&self) -> Option<&str> {
        self.figure.universe()
    }
    /// The unit of ``value``.
    #[getter]
    fn unit(&self) -> PyUnit {
        PyUnit(self.figure.unit())
    }
    /// The value in the unit's dimension base (元, 平方米, 米, %, count …),
    /// or None for a figure without a number.
    #[getter]
    fn base_value(&self) -> Option<f64> {
        self.figure.base_value()
    }
    /// First calendar year of the period.
    #[getter]
    fn year_start(&self) -> i32 {
        self.figure.year_start()
    }
    /// Last calendar year of the period.
    #[getter]
    fn year_end(&self) -> i32 {
        self.figure.year_end()
    }
    /// Years spanned, ``year_end - year_start + 1``.
    #[getter]
    fn years(&self) -> i32 {
        self.figure.years()
    }
    /// ``"actual"``, ``"estimate"``, ``"target"`` or ``"planned"`` (the
    /// planned scale of a project or programme).
    #[getter]
    fn status(&self) -> &'static str {
        self.figure.status().as_str()
    }
    /// ``"exact"``, ``"at_least"``, ``"at_most"``, ``"about"`` or ``"more_than"``.
    #[getter]
    fn qualifier(&self) -> &'static str {
        self.figure.qualifier().as_str()
    }
    /// The exact quote from the report.
    #[getter]
    fn quote(&self) -> &str {
        self.figure.quote()
    }
    /// A note, or None.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.figure.note()
    }
    /// The value as a decimal rate for growth kinds (``15`` → ``0.15``), else None.
    #[getter]
    fn rate(&self) -> Option<f64> {
        self.figure.rate()
    }
    /// ``"2021–2025"`` or the single year.
    #[getter]
    fn period(&self) -> String {
        self.figure.period()
    }

    /// The figure as a dict in the data-file schema, plus ``indicator``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = to_py(py, &self.figure)?;
        let out = PyDict::new(py);
        out.set_item("indicator", &self.indicator)?;
        out.update(d.cast::<PyDict>()?.as_mapping())?;
        Ok(out.into_any())
    }

    /// Equal when the figure and its indicator (with any observations of
    /// its catalog) are equal: what an assessment of the figure reads.
    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.indicator == other.indicator
            && self.figure == other.figure
            && (Arc::ptr_eq(&self.catalog, &other.catalog)
                || self.catalog.find(&self.indicator) == other.catalog.find(&other.indicator))
    }

    fn __hash__(&self) -> u64 {
        let f = &self.figure;
        hash_of((
            &self.indicator,
            f.group().as_str(),
            f.kind().as_str(),
            f.year_start(),
            f.year_end(),
        ))
    }

    /// Pickles as its catalog (see ``Catalog.__reduce__``), the indicator
    /// id and the figure's position among the indicator's figures.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Reduced<'py, (CatalogState<'py>, String, usize)>> {
        let ind = self.catalog.get(&self.indicator).map_err(|e| err(py, &e))?;
        let position = ind
            .figures()
            .iter()
            .position(|f| *f == self.figure)
            .ok_or_else(|| {
                Panic("a figure is missing from its catalog".to_owned()).into_py_err(py)
            })?;
        Ok((
            restorer(py, "_restore_figure")?,
            (
                catalog_state(py, &self.catalog)?,
                self.indicator.clone(),
                position,
            ),
        ))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Figure({}, {}, {}, {}, {}, {})",
            py_repr(py, &self.indicator)?,
            py_repr(py, self.figure.group().as_str())?,
            py_repr(py, self.figure.kind().as_str())?,
            py_repr(py, &display::figure_value(&self.figure))?,
            py_repr(py, &self.figure.period())?,
            py_repr(py, self.figure.status().as_str())?,
        ))
    }

    /// A small bilingual table for Jupyter.
    fn _repr_html_(&self) -> String {
        let f = &self.figure;
        let mut rows = vec![
            (
                both("指标", "Indicator"),
                format!(
                    "{} <code>{}</code>",
                    both(&self.name_zh, &self.name_en),
                    escape(&self.indicator)
                ),
            ),
            (both("数值", "Value"), value_html(f)),
            (both("时期", "Period"), escape(&f.period())),
            (
                both("类型", "Kind"),
                both(f.kind().label_zh(), f.kind().label_en()),
            ),
            (
                both("状态", "Status"),
                both(f.status().label_zh(), f.status().label_en()),
            ),
            (
                both("来源", "Part"),
                both(f.group().label_zh(), f.group().label_en()),
            ),
        ];
        if !f.quote().is_empty() {
            rows.push((both("原文", "Quote"), escape(f.quote())));
        }
        if let Some(p) = f.price_basis() {
            rows.push((both("价格", "Prices"), both(p.label_zh(), p.label_en())));
        }
        if let Some(n) = f.note() {
            rows.push((both("备注", "Note"), escape(n)));
        }
        frame("figure", &key_values(&rows))
    }
}

/// A figure's value with its unit in Chinese and English:
/// `350 亿元 (100 million yuan)`.
fn value_html(f: &Figure) -> String {
    format!(
        "<span class=\"nowrap\">{}</span> {}",
        escape(&display::figure_value(f)),
        unit_en_html(f.unit())
    )
}

/// The English unit in a lighter tone, unless it is the same as the printed one (`%`).
fn unit_en_html(unit: xh_core::Unit) -> String {
    let en = unit.en();
    if en == display::unit_text(unit) {
        String::new()
    } else {
        format!("<span class=\"en nowrap\">({})</span>", escape(&en))
    }
}

/// `亿元 · 100 million yuan`.
fn unit_both(unit: xh_core::Unit) -> String {
    let (zh, en) = (display::unit_text(unit), unit.en());
    if zh == en {
        escape(&zh)
    } else {
        format!(
            "{} · <span class=\"en\">{}</span>",
            escape(&zh),
            escape(&en)
        )
    }
}

// ---------------------------------------------------------------------------

/// An indicator of the report: what is measured, in which unit, and every
/// figure the report gives for it.
#[pyclass(frozen, module = "xuhui", name = "Indicator")]
pub(crate) struct PyIndicator(
    pub(crate) Indicator,
    /// The catalog the indicator came from (assessments read it).
    pub(crate) Arc<catalog::Catalog>,
);

#[pymethods]
impl PyIndicator {
    /// The stable snake_case id, e.g. ``"ai_output"``.
    #[getter]
    fn id(&self) -> &str {
        self.0.id()
    }
    /// The Chinese name as the report words it.
    #[getter]
    fn name_zh(&self) -> &str {
        self.0.name_zh()
    }
    /// The English name.
    #[getter]
    fn name_en(&self) -> &str {
        self.0.name_en()
    }
    /// The policy area, e.g. ``"economy"``.
    #[getter]
    fn category(&self) -> &'static str {
        self.0.category().as_str()
    }
    /// Whose quantity it is: ``"district"`` (Xuhui's), ``"municipal"``
    /// (Shanghai's) or ``"national"``. Only district targets are summarised
    /// and assessed.
    #[getter]
    fn scope(&self) -> &'static str {
        self.0.scope().as_str()
    }
    /// The unit of the indicator's level.
    #[getter]
    fn unit(&self) -> PyUnit {
        PyUnit(self.0.unit())
    }
    /// ``"higher"``, ``"lower"`` or ``"neutral"``: which direction is better.
    #[getter]
    fn polarity(&self) -> &'static str {
        self.0.polarity().as_str()
    }
    /// ``"current"`` or ``"comparable"`` for money indicators: the basis of
    /// its growth figures and growth targets (each figure states its own in
    /// ``Figure.price_basis``); else None.
    #[getter]
    fn price_basis(&self) -> Option<&'static str> {
        self.0.price_basis().map(|p| p.as_str())
    }
    /// Every figure, in report order (user observations last).
    #[getter]
    fn figures(&self) -> Vec<PyFigure> {
        self.0
            .figures()
            .iter()
            .map(|f| PyFigure::new(&self.1, &self.0, f))
            .collect()
    }
    /// The targets among the figures, whatever their scope.
    fn targets(&self) -> Vec<PyFigure> {
        self.0
            .targets()
            .map(|f| PyFigure::new(&self.1, &self.0, f))
            .collect()
    }
    /// The targets that are Xuhui's own (none for a Shanghai-wide
    /// indicator).
    fn own_targets(&self) -> Vec<PyFigure> {
        self.0
            .own_targets()
            .map(|f| PyFigure::new(&self.1, &self.0, f))
            .collect()
    }
    /// The targets the assessment measures: Xuhui's own, with a number,
    /// not a rank or a coverage.
    fn assessable_targets(&self) -> Vec<PyFigure> {
        self.0
            .assessable_targets()
            .map(|f| PyFigure::new(&self.1, &self.0, f))
            .collect()
    }
    /// The latest actual or estimated level at or before ``year``, or None.
    fn latest_level(&self, year: i32) -> Option<PyFigure> {
        self.0
            .latest_level(year)
            .map(|f| PyFigure::new(&self.1, &self.0, f))
    }
    /// The indicator as a dict in the data-file schema.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    /// Equal when the indicators (names, unit, figures and any user
    /// observations) are equal.
    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.0 == other.0
    }

    fn __hash__(&self) -> u64 {
        hash_of(self.0.id())
    }

    /// Pickles as its catalog (see ``Catalog.__reduce__``) and its id.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Reduced<'py, (CatalogState<'py>, String)>> {
        Ok((
            restorer(py, "_restore_indicator")?,
            (catalog_state(py, &self.1)?, self.0.id().to_owned()),
        ))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Indicator({}, {}, {}, unit={}, figures={})",
            py_repr(py, self.0.id())?,
            py_repr(py, self.0.name_zh())?,
            py_repr(py, self.0.name_en())?,
            py_repr(py, &self.0.unit().zh())?,
            self.0.figures().len()
        ))
    }

    /// A small bilingual table of the indicator's figures for Jupyter.
    fn _repr_html_(&self) -> String {
        let ind = &self.0;
        let n = ind.figures().len();
        let head = format!(
            "<p><b>{}</b> <span class=\"en\">{}</span> <code>{}</code></p>\
             <p class=\"note\">{} · {} · {} · {}</p>",
            escape(ind.name_zh()),
            escape(ind.name_en()),
            escape(ind.id()),
            both(ind.category().label_zh(), ind.category().label_en()),
            unit_both(ind.unit()),
            both(ind.polarity().label_zh(), ind.polarity().label_en()),
            escape(&display::count(n, "figure", "figures")),
        );
        let rows: Vec<String> = ind
            .figures()
            .iter()
            .map(|f| {
                [
                    td_html(&both(f.group().label_zh(), f.group().label_en()), ""),
                    td(&f.period(), "num"),
                    td_html(&both(f.kind().label_zh(), f.kind().label_en()), ""),
                    td_html(&both(f.status().label_zh(), f.status().label_en()), ""),
                    td(&display::figure_value(f), "num"),
                    td(&f.unit().en(), "unit en"),
                    td(f.quote(), "quote"),
                ]
                .concat()
            })
            .collect();
        let head_row = thead(&[
            (&both("来源", "Part"), ""),
            (&both("时期", "Period"), "num"),
            (&both("类型", "Kind"), ""),
            (&both("状态", "Status"), ""),
            (&both("数值", "Value"), "num"),
            (&both("", "Unit"), ""),
            (&both("原文", "Quote"), ""),
        ]);
        frame(
            "indicator",
            &format!("{head}{}", crate::html::table(&head_row, &rows)),
        )
    }
}

// ---------------------------------------------------------------------------

/// The catalog of the report's indicators and figures.
///
/// ``catalog["ai_output"]`` looks an indicator up (``UnknownIdError``, also a
/// ``KeyError``, if absent); iterating yields indicators in the data file's
/// order; ``figures(...)`` filters, ``search(text)`` searches names and ids.
#[pyclass(frozen, module = "xuhui", name = "Catalog")]
pub(crate) struct PyCatalog(pub(crate) Arc<catalog::Catalog>);

pub(crate) fn embedded(py: Python<'_>) -> PyResult<Arc<catalog::Catalog>> {
    static EMBEDDED: OnceLock<Arc<catalog::Catalog>> = OnceLock::new();
    if let Some(c) = EMBEDDED.get() {
        return Ok(c.clone());
    }
    let c = catalog::try_embedded().map_err(|e| err(py, &e))?;
    Ok(EMBEDDED.get_or_init(|| Arc::new(c.clone())).clone())
}

/// The embedded catalog of the 2021 Xuhui Government Work Report.
#[pyfunction(name = "catalog")]
pub(crate) fn embedded_catalog(py: Python<'_>) -> PyResult<PyCatalog> {
    embedded(py).map(PyCatalog)
}

fn parse_opt<T>(
    py: Python<'_>,
    value: Option<&str>,
    parse: fn(&str) -> xh_core::Result<T>,
) -> PyResult<Option<T>> {
    value.map(|v| parse(v).map_err(|e| err(py, &e))).transpose()
}

/// The bytes of text or bytes data: a `str` as UTF-8, `bytes` as given
/// (UTF-8 with or without BOM; the core decodes and rejects the rest).
fn data_bytes<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<std::borrow::Cow<'a, [u8]>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned().into_bytes().into());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().into());
    }
    Err(PyTypeError::new_err(format!(
        "data must be str or bytes, got {}",
        obj.get_type().name()?
    )))
}

fn optional_import<'py>(
    py: Python<'py>,
    module: &str,
    method: &str,
) -> PyResult<Bound<'py, PyModule>> {
    py.import(module).map_err(|e| {
        let msg = format!(
            "Catalog.{method}() needs {module}, an optional dependency: pip install {module} ({})",
            e.value(py)
        );
        PyErr::new::<pyo3::exceptions::PyImportError, _>(msg)
    })
}

fn flat_row<'py>(py: Python<'py>, r: &FlatRow) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &r.id)?;
    d.set_item("name_zh", &r.name_zh)?;
    d.set_item("name_en", &r.name_en)?;
    d.set_item("category", &r.category)?;
    d.set_item("group", &r.group)?;
    d.set_item("value", r.value)?;
    d.set_item("unit", &r.unit)?;
    d.set_item("base_value", r.base_value)?;
    d.set_item("base_unit", &r.base_unit)?;
    d.set_item("year_start", r.year_start)?;
    d.set_item("year_end", r.year_end)?;
    d.set_item("status", &r.status)?;
    d.set_item("qualifier", &r.qualifier)?;
    d.set_item("target_kind", &r.target_kind)?;
    d.set_item("polarity", &r.polarity)?;
    d.set_item("price_basis", &r.price_basis)?;
    d.set_item("section", &r.section)?;
    d.set_item("quote", &r.quote)?;
    d.set_item("note", &r.note)?;
    d.set_item("scope", &r.scope)?;
    d.set_item("bound_text", &r.bound_text)?;
    d.set_item("universe", &r.universe)?;
    Ok(d)
}

/// Tags of a code column, in the core's order (the categories of a
/// DataFrame column).
fn tags<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|&t| as_str(t)).collect()
}

impl PyCatalog {
    /// A copy of this catalog with `data` (str or bytes) loaded by `add`,
    /// all or nothing; this catalog is never changed.
    fn with_added(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        add: fn(&mut catalog::Catalog, &[u8]) -> xh_core::Result<usize>,
    ) -> PyResult<PyCatalog> {
        let bytes = data_bytes(data)?;
        let mut c = (*self.0).clone();
        add(&mut c, &bytes).map_err(|e| err(py, &e))?;
        Ok(PyCatalog(Arc::new(c)))
    }

    /// The flat table as typed columns, handed to ``xuhui._frames`` to
    /// build a pandas, polars or Arrow table: missing text is None, the
    /// English unit sits after the unit, and each code column comes with
    /// its categories.
    fn frame<'py>(&self, py: Python<'py>, library: &str) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.0.flat_rows();
        let figures: Vec<&Figure> = self.0.figures().map(|(_, f)| f).collect();
        let text = |f: fn(&FlatRow) -> &str| -> Vec<&str> { rows.iter().map(f).collect() };
        let optional = |f: fn(&FlatRow) -> &str| -> Vec<Option<&str>> {
            rows.iter()
                .map(|r| Some(f(r)).filter(|s| !s.is_empty()))
                .collect()
        };
        let cols = PyDict::new(py);
        cols.set_item("id", text(|r| &r.id))?;
        cols.set_item("name_zh", text(|r| &r.name_zh))?;
        cols.set_item("name_en", text(|r| &r.name_en))?;
        cols.set_item("category", text(|r| &r.category))?;
        cols.set_item("group", text(|r| &r.group))?;
        cols.set_item("value", rows.iter().map(|r| r.value).collect::<Vec<_>>())?;
        cols.set_item("unit", text(|r| &r.unit))?;
        cols.set_item(
            "unit_en",
            figures.iter().map(|f| f.unit().en()).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "base_value",
            rows.iter().map(|r| r.base_value).collect::<Vec<_>>(),
        )?;
        cols.set_item("base_unit", text(|r| &r.base_unit))?;
        cols.set_item(
            "year_start",
            rows.iter().map(|r| r.year_start).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "year_end",
            rows.iter().map(|r| r.year_end).collect::<Vec<_>>(),
        )?;
        cols.set_item("status", text(|r| &r.status))?;
        cols.set_item("qualifier", text(|r| &r.qualifier))?;
        cols.set_item("target_kind", text(|r| &r.target_kind))?;
        cols.set_item("polarity", text(|r| &r.polarity))?;
        cols.set_item("price_basis", optional(|r| &r.price_basis))?;
        cols.set_item("section", optional(|r| &r.section))?;
        cols.set_item("quote", optional(|r| &r.quote))?;
        cols.set_item("note", optional(|r| &r.note))?;
        cols.set_item("scope", text(|r| &r.scope))?;
        cols.set_item("bound_text", optional(|r| &r.bound_text))?;
        cols.set_item("universe", optional(|r| &r.universe))?;
        let cats = PyDict::new(py);
        cats.set_item("category", tags(Category::ALL, Category::as_str))?;
        cats.set_item("group", tags(Group::ALL, Group::as_str))?;
        cats.set_item("status", tags(Status::ALL, Status::as_str))?;
        cats.set_item("qualifier", tags(Qualifier::ALL, Qualifier::as_str))?;
        cats.set_item("target_kind", tags(FigureKind::ALL, FigureKind::as_str))?;
        cats.set_item("polarity", tags(Polarity::ALL, Polarity::as_str))?;
        cats.set_item("price_basis", tags(PriceBasis::ALL, PriceBasis::as_str))?;
        cats.set_item("scope", tags(Scope::ALL, Scope::as_str))?;
        py.import("xuhui._frames")?
            .call_method1("catalog_frame", (library, cols, cats))
    }
}

#[pymethods]
impl PyCatalog {
    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __getitem__(&self, py: Python<'_>, id: &str) -> PyResult<PyIndicator> {
        self.0
            .get(id)
            .map(|i| PyIndicator(i.clone(), self.0.clone()))
            .map_err(|e| err(py, &e))
    }

    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        id.extract::<String>()
            .is_ok_and(|id| self.0.find(&id).is_some())
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyList::new(py, self.indicators())?
            .into_any()
            .try_iter()
            .map(Bound::into_any)
    }

    /// The indicator with this id, or ``default``.
    #[pyo3(signature = (id, default = None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self.0.find(id) {
            Some(i) => Ok(Bound::new(py, PyIndicator(i.clone(), self.0.clone()))?.into_any()),
            None => Ok(default.unwrap_or_else(|| py.None().into_bound(py))),
        }
    }

    /// Every indicator id, in stable order.
    fn ids(&self) -> Vec<String> {
        self.0
            .indicators()
            .iter()
            .map(|i| i.id().to_owned())
            .collect()
    }

    /// Every indicator, in stable order.
    fn indicators(&self) -> Vec<PyIndicator> {
        self.0
            .indicators()
            .iter()
            .map(|i| PyIndicator(i.clone(), self.0.clone()))
            .collect()
    }

    /// The figures matching every given filter, in stable order.
    ///
    /// ``category`` (e.g. ``"economy"``), ``group`` (e.g.
    /// ``"fyp14_targets"``), ``year`` (figures whose period includes it),
    /// ``status`` (``"actual"``, ``"estimate"``, ``"target"``,
    /// ``"planned"``), ``kind`` (e.g. ``"average_growth"``, ``"rank"``) and
    /// ``scope`` (``"district"``, ``"municipal"``, ``"national"``). An
    /// unknown tag raises ``InvalidArgumentError`` listing the accepted ones.
    #[pyo3(signature = (*, category = None, group = None, year = None, status = None, kind = None, scope = None))]
    #[allow(clippy::too_many_arguments)]
    fn figures(
        &self,
        py: Python<'_>,
        category: Option<&str>,
        group: Option<&str>,
        year: Option<i32>,
        status: Option<&str>,
        kind: Option<&str>,
        scope: Option<&str>,
    ) -> PyResult<Vec<PyFigure>> {
        let filter = FigureFilter {
            category: parse_opt(py, category, Category::parse)?,
            group: parse_opt(py, group, Group::parse)?,
            year,
            status: parse_opt(py, status, Status::parse)?,
            kind: parse_opt(py, kind, FigureKind::parse)?,
            scope: parse_opt(py, scope, Scope::parse)?,
        };
        Ok(self
            .0
            .figures_where(&filter)
            .into_iter()
            .map(|(i, f)| PyFigure::new(&self.0, i, f))
            .collect())
    }

    /// Indicators whose id, Chinese or English name contains ``text``.
    fn search(&self, text: &str) -> Vec<PyIndicator> {
        self.0
            .search(text)
            .into_iter()
            .map(|i| PyIndicator(i.clone(), self.0.clone()))
            .collect()
    }

    /// Indicators in a category, e.g. ``"innovation"``.
    fn in_category(&self, py: Python<'_>, category: &str) -> PyResult<Vec<PyIndicator>> {
        let c = Category::parse(category).map_err(|e| err(py, &e))?;
        Ok(self
            .0
            .in_category(c)
            .into_iter()
            .map(|i| PyIndicator(i.clone(), self.0.clone()))
            .collect())
    }

    /// The level implied at the end of a growth target of ``group``, as a
    /// dict (``indicator``, ``base_year``, ``base_value``, ``rate``,
    /// ``year``, ``value``, ``unit``, ``qualifier``: ``"about"`` when the
    /// base or the rate is 左右, ``price_basis``).
    ///
    /// Raises ``PriceBasisMismatchError`` when the base level and the rate
    /// are at different price bases (GDP: the 2020 level 跨越2000亿元大关 is
    /// at current prices, the growth targets at comparable prices), and
    /// ``InvalidArgumentError`` when the base is a bound rather than a
    /// level or the indicator has no growth target of the district's own.
    #[pyo3(signature = (id, group = "fyp14_targets"))]
    fn implied_target_level<'py>(
        &self,
        py: Python<'py>,
        id: &str,
        group: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let g = Group::parse(group).map_err(|e| err(py, &e))?;
        let level = self
            .0
            .implied_target_level(id, g)
            .map_err(|e| err(py, &e))?;
        to_py(py, &level)
    }

    /// Every target of ``group`` with its base, implied end level and the
    /// annual pace it requires, as a list of dicts (``xh_core::plan``).
    #[pyo3(signature = (group = "fyp14_targets"))]
    fn target_summaries<'py>(&self, py: Python<'py>, group: &str) -> PyResult<Bound<'py, PyAny>> {
        let g = Group::parse(group).map_err(|e| err(py, &e))?;
        to_py(py, &plan::targets(&self.0, g))
    }

    /// Each 2021 annual target set against the 14th Five-Year Plan's pace,
    /// as a list of dicts with a ``verdict`` (``xh_core::plan``).
    fn consistency_2021<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &plan::consistency_2021(&self.0))
    }

    /// Assess a target of this catalog: ``xuhui.assess(target_or_id,
    /// observations, ..., catalog=self)``; see :func:`xuhui.assess`.
    #[pyo3(signature = (target_or_id, observations = None, *, unit = None, deflator = None, options = None, check_plausibility = true))]
    fn assess(
        slf: &Bound<'_, Self>,
        target_or_id: &Bound<'_, PyAny>,
        observations: Option<&Bound<'_, PyAny>>,
        unit: Option<&Bound<'_, PyAny>>,
        deflator: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyAny>>,
        check_plausibility: bool,
    ) -> PyResult<crate::assess::PyAssessment> {
        let args = crate::assess::AssessArgs {
            observations,
            unit,
            deflator,
            options,
            price_basis: None,
            check_plausibility,
        };
        crate::assess::assess_impl(slf.py(), target_or_id, args, Some(slf))
    }

    /// Assess every target of ``group`` against this catalog's levels
    /// (``xh_core::assess::assess_group``), in catalog order.
    ///
    /// Returns a list of ``(indicator id, result)`` where each result is an
    /// ``Assessment`` or the ``XuhuiError`` instance that target raised
    /// (e.g. ``PriceBasisMismatchError`` for GDP without a deflator), so
    /// one failure does not hide the others. ``deflators`` maps indicator
    /// ids to deflators as in :func:`xuhui.assess`.
    #[pyo3(signature = (group = "fyp14_targets", *, deflators = None, options = None))]
    fn assess_group<'py>(
        &self,
        py: Python<'py>,
        group: &str,
        deflators: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::assess::assess_group_impl(py, &self.0, group, deflators, options)
    }

    /// A new catalog with the user's observations added (CSV text or bytes
    /// with columns ``id,year,value[,unit,status,note]``). All or nothing:
    /// any bad row raises ``InvalidObservationsError`` listing every
    /// problem with its line and column; this catalog is never changed.
    fn with_observations_csv(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<PyCatalog> {
        self.with_added(py, data, catalog::Catalog::add_observations_csv_bytes)
    }

    /// Like ``with_observations_csv``, for a JSON array of objects.
    fn with_observations_json(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<PyCatalog> {
        self.with_added(py, data, catalog::Catalog::add_observations_json_bytes)
    }

    /// A new catalog with observations added from SDMX-CSV 2.0
    /// (``STRUCTURE,STRUCTURE_ID,...``) or 1.0 (``DATAFLOW,...``) text or
    /// bytes, e.g. an office's download in the structure of
    /// ``to_sdmx_structure()``. Rows are matched by ``INDICATOR`` code (the
    /// id in upper case, ``AI_OUTPUT``) and ``TIME_PERIOD``, with
    /// ``UNIT_MULT`` applied (``410`` with ``UNIT_MEASURE`` ``CNY`` and
    /// ``UNIT_MULT`` ``8`` is 410亿元). Rows of a report part must repeat the
    /// report's figure and are skipped, so reading ``cat.to_sdmx_csv()``
    /// into ``xuhui.catalog()`` gives ``cat`` again. All or nothing, like
    /// ``with_observations_csv``.
    fn with_observations_sdmx_csv(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<PyCatalog> {
        self.with_added(py, data, catalog::Catalog::add_observations_sdmx_csv_bytes)
    }

    /// The report this catalog was read from, as a dict.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.0.source())
    }

    /// The flat table (one row per figure) as a list of dicts.
    fn to_dicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = self
            .0
            .flat_rows()
            .iter()
            .map(|r| flat_row(py, r))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, rows)
    }

    /// The flat table as a ``pandas.DataFrame`` (needs pandas, imported
    /// only when called: ``pip install 'xuhui[pandas]'``).
    ///
    /// The columns of :meth:`to_dicts` plus ``unit_en`` (the unit in
    /// English) after ``unit``; missing text (``price_basis``, ``section``,
    /// ``quote``, ``note``) is null, not ``""``; the code columns
    /// (``category``, ``group``, ``status``, ``qualifier``,
    /// ``target_kind``, ``polarity``, ``price_basis``) are categorical with
    /// every tag as a category, in the core's order.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        optional_import(py, "pandas", "to_pandas")?;
        self.frame(py, "pandas")
    }

    /// The flat table as a ``polars.DataFrame`` (needs polars, imported
    /// only when called: ``pip install 'xuhui[polars]'``); columns as in
    /// :meth:`to_pandas`, code columns as ``polars.Enum``.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        optional_import(py, "polars", "to_polars")?;
        self.frame(py, "polars")
    }

    /// The flat table as an Arrow C stream (the Arrow PyCapsule interface),
    /// so ``pyarrow.table(cat)``, ``polars.DataFrame(cat)`` and pandas'
    /// ``DataFrame.from_arrow(cat)`` read it directly. Needs pyarrow.
    /// Columns as in :meth:`to_pandas`, code columns dictionary-encoded.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        optional_import(py, "pyarrow", "__arrow_c_stream__")?;
        let table = self.frame(py, "arrow")?;
        table.call_method1("__arrow_c_stream__", (requested_schema,))
    }

    /// The flat table as CSV text (RFC 4180, header row).
    fn to_csv(&self) -> String {
        self.0.to_csv()
    }

    /// The flat table as JSON text (an array of objects).
    fn to_json(&self) -> String {
        self.0.to_flat_json()
    }

    /// Every figure (user observations included) as SDMX-CSV 2.0 text, for
    /// pysdmx, sdmx1 and other SDMX tools: one row per figure keyed by
    /// ``REF_AREA``, ``INDICATOR``, ``REPORT_PART``, ``FIGURE_KIND`` and
    /// ``TIME_PERIOD`` (a year, or ``2021-01-01/P5Y`` for 2021–2025), with
    /// ``OBS_VALUE`` as printed and the attributes ``UNIT_MEASURE``,
    /// ``UNIT_MULT`` (万 is 4, 亿 is 8), ``OBS_STATUS`` (A actual, E
    /// estimate, F target), ``QUALIFIER``, ``PRICE_BASIS``, ``COMMENT_OBS``
    /// (the quote) and ``NOTE``. The same bytes as the Rust and C exports.
    fn to_sdmx_csv(&self) -> String {
        self.0.to_sdmx_csv()
    }

    /// The SDMX-ML 2.1 structure message (agency, code lists, concept
    /// scheme, data structure definition, dataflow) of ``to_sdmx_csv()``.
    fn to_sdmx_structure(&self) -> String {
        self.0.to_sdmx_structure()
    }

    /// The whole catalog in the data-file schema, as JSON text.
    fn to_catalog_json(&self) -> String {
        self.0.to_json()
    }

    /// The bilingual plan report, the same text as the Rust example and
    /// ``python -m xuhui``. ``deflators`` maps indicator ids to deflators
    /// (as in :func:`xuhui.assess`) for the assessment section, which a
    /// catalog with observations after 2020 adds. ``check_plausibility=False``
    /// accepts observations that jump more than 100× (or grow more than
    /// tenfold in a year), which that section otherwise reports as a probable
    /// unit slip.
    #[pyo3(signature = (*, deflators = None, check_plausibility = true))]
    fn report(
        &self,
        py: Python<'_>,
        deflators: Option<&Bound<'_, PyAny>>,
        check_plausibility: bool,
    ) -> PyResult<String> {
        let map = crate::assess::deflators_arg(py, deflators)?;
        let options = xh_core::assess::Options {
            check_plausibility,
            ..Default::default()
        };
        Ok(report::render_with_options(&self.0, &map, &options, None))
    }

    /// Equal when source, indicators and figures (user observations
    /// included) are equal.
    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }

    fn __hash__(&self) -> u64 {
        hash_of((self.0.len(), self.0.figures().count()))
    }

    /// Pickles as ``None`` for the embedded catalog (every process has it)
    /// or as its JSON in the data-file schema, which is read back with the
    /// same validation as ``xh_core::catalog::Catalog::from_json``.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py, (CatalogState<'py>,)>> {
        Ok((
            restorer(py, "_restore_catalog")?,
            (catalog_state(py, &self.0)?,),
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "<xuhui.Catalog: {} · {} indicators, {} figures>",
            self.0.source().title_zh,
            self.0.len(),
            self.0.figures().count()
        )
    }

    /// A bilingual summary for Jupyter: the indicators grouped by
    /// category, each group folded (``<details>``) so 132 rows do not
    /// fill the page.
    fn _repr_html_(&self) -> String {
        let src = self.0.source();
        let figures = self.0.figures().count();
        let user = self
            .0
            .figures()
            .filter(|(_, f)| f.group() == Group::User)
            .count();
        let mut head = format!(
            "<p><b>{}</b> <span class=\"en\">{}</span> · delivered {}</p><p class=\"note\">{} · {}",
            escape(&src.title_zh),
            escape(&src.title_en),
            escape(&src.delivered),
            escape(&display::count(self.0.len(), "indicator", "indicators")),
            escape(&display::count(figures - user, "figure", "figures")),
        );
        if user > 0 {
            head.push_str(&escape(&format!(
                " · {} added by the user",
                display::count(user, "observation", "observations")
            )));
        }
        head.push_str(
            " · open a category to list its indicators; <code>cat[\"ai_output\"]</code> shows one</p>",
        );
        let head_row = thead(&[
            (&both("指标", "Indicator"), ""),
            ("id", ""),
            (&both("单位", "Unit"), ""),
            (&both("数据", "Figures"), "num"),
            (&both("目标", "Targets"), "num"),
        ]);
        let mut groups = String::new();
        for &c in Category::ALL {
            let inds = self.0.in_category(c);
            if inds.is_empty() {
                continue;
            }
            let targets: usize = inds.iter().map(|i| i.targets().count()).sum();
            let rows: Vec<String> = inds
                .iter()
                .map(|i| {
                    [
                        td_html(&both(i.name_zh(), i.name_en()), ""),
                        td_html(&format!("<code>{}</code>", escape(i.id())), ""),
                        td_html(&unit_both(i.unit()), "unit"),
                        td(&i.figures().len().to_string(), "num"),
                        td(&i.targets().count().to_string(), "num"),
                    ]
                    .concat()
                })
                .collect();
            groups.push_str(&format!(
                "<details><summary>{} · {} · {}</summary>{}</details>",
                both(c.label_zh(), c.label_en()),
                escape(&display::count(inds.len(), "indicator", "indicators")),
                escape(&display::count(targets, "target", "targets")),
                crate::html::table(&head_row, &rows)
            ));
        }
        frame("catalog", &format!("{head}{groups}"))
    }
}

// ---------------------------------------------------------------------------
// Pickling. The classes have no public constructor, so `__reduce__` names a
// private module function that rebuilds the object from its state.

/// A pickled catalog: `None` for the embedded one, else its JSON.
pub(crate) type CatalogState<'py> = Option<Bound<'py, PyString>>;

/// What `__reduce__` returns: the function that rebuilds, and its arguments.
pub(crate) type Reduced<'py, A> = (Bound<'py, PyAny>, A);

/// The rebuilding function `name` of the native module.
pub(crate) fn restorer<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("xuhui._xuhui")?.getattr(name)
}

pub(crate) fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// The state of a catalog in a pickle. The JSON text of the last catalog
/// pickled is kept and handed out again as the same Python string, so a
/// list of figures or indicators of one catalog carries its JSON once (the
/// pickler writes a repeated object once and refers back to it).
pub(crate) fn catalog_state<'py>(
    py: Python<'py>,
    cat: &Arc<catalog::Catalog>,
) -> PyResult<CatalogState<'py>> {
    static LAST: Mutex<Option<(Weak<catalog::Catalog>, Py<PyString>)>> = Mutex::new(None);
    let builtin = embedded(py)?;
    if Arc::ptr_eq(cat, &builtin) {
        return Ok(None);
    }
    // The lock is held only to read or swap the entry: nothing under it
    // allocates Python objects (a collection could run Python code that
    // pickles again on this thread).
    let cached = {
        let last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
        last.as_ref()
            // The weak reference keeps the allocation, so the address is not reused.
            .filter(|(weak, _)| std::ptr::eq(weak.as_ptr(), Arc::as_ptr(cat)))
            .map(|(_, text)| text.clone_ref(py))
    };
    if let Some(text) = cached {
        return Ok(Some(text.into_bound(py)));
    }
    if **cat == *builtin {
        return Ok(None);
    }
    let text = PyString::new(py, &cat.to_json());
    let old = LAST
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .replace((Arc::downgrade(cat), text.clone().unbind()));
    drop(old);
    Ok(Some(text))
}

/// The catalog of a pickle. Unpickling a list of figures or indicators
/// restores the same catalog once per item: the last one read is kept, so
/// they share one copy (as they did before pickling) and it is parsed once.
pub(crate) fn catalog_from_state(
    py: Python<'_>,
    state: Option<&str>,
) -> PyResult<Arc<catalog::Catalog>> {
    static LAST: Mutex<Option<(String, Arc<catalog::Catalog>)>> = Mutex::new(None);
    let Some(json) = state else {
        return embedded(py);
    };
    let cached = {
        let last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
        last.as_ref()
            .filter(|(text, _)| text == json)
            .map(|(_, cat)| cat.clone())
    };
    if let Some(cat) = cached {
        return Ok(cat);
    }
    let cat = Arc::new(catalog::Catalog::from_json(json).map_err(|e| err(py, &e))?);
    let old = LAST
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .replace((json.to_owned(), cat.clone()));
    drop(old);
    Ok(cat)
}

/// Rebuilds a pickled `Catalog`.
#[pyfunction]
pub(crate) fn _restore_catalog(py: Python<'_>, catalog: Option<&str>) -> PyResult<PyCatalog> {
    catalog_from_state(py, catalog).map(PyCatalog)
}

/// Rebuilds a pickled `Indicator`.
#[pyfunction]
pub(crate) fn _restore_indicator(
    py: Python<'_>,
    catalog: Option<&str>,
    id: &str,
) -> PyResult<PyIndicator> {
    let cat = catalog_from_state(py, catalog)?;
    let ind = cat.get(id).map_err(|e| err(py, &e))?.clone();
    Ok(PyIndicator(ind, cat))
}

/// Rebuilds a pickled `Figure`.
#[pyfunction]
pub(crate) fn _restore_figure(
    py: Python<'_>,
    catalog: Option<&str>,
    id: &str,
    position: usize,
) -> PyResult<PyFigure> {
    let cat = catalog_from_state(py, catalog)?;
    let ind = cat.get(id).map_err(|e| err(py, &e))?;
    let figure = ind.figures().get(position).ok_or_else(|| {
        let e = xh_core::Error::InvalidArgument {
            arg: "position",
            message: format!(
                "position must be below the {} figures of {id}, got {position}",
                ind.figures().len()
            ),
        };
        err(py, &e)
    })?;
    Ok(PyFigure::new(&cat, ind, figure))
}
