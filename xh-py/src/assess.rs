//! Target tracking: `xuhui.assess`, `xuhui.assess_json`,
//! `xuhui.simulate_paths`, `Catalog.assess_group` and the frozen
//! `xuhui.Assessment`, over [`mod@xh_core::assess`].
//!
//! The binding converts arguments (an indicator id, `Indicator`, target
//! `Figure` or target dict; observations as a mapping or pairs; a deflator
//! and options as dicts), releases the GIL while the core runs, and wraps
//! the core's [`Assessment`]. Every number, class, path and band comes from
//! the core; the HTML table only formats them.

use std::collections::BTreeMap;
use std::sync::Arc;

use numpy::{PyArray1, PyArray2, PyArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use xh_core::assess::{
    self as core, Assessment, Deflator, Options, Outcome, Series, Target, TargetKind, TrendSpec,
};
use xh_core::catalog::{Catalog, Figure, Group, Indicator, Polarity, PriceBasis};
use xh_core::{Error, ErrorKind};

use crate::catalog::{embedded, hash_of, restorer, PyCatalog, PyFigure, PyIndicator, Reduced};
use crate::convert::{escape, py_repr, to_py};
use crate::errors::{binding_error, err, guard, warn_if_percent};
use crate::units::PyUnit;

/// Runs `f` without the GIL, turning a panic into `XuhuiError` and a core
/// error into its typed exception.
fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> xh_core::Result<T> + Send) -> PyResult<T> {
    match py.detach(|| guard(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(err(py, &e)),
        Err(p) => Err(p.into_py_err(py)),
    }
}

fn invalid(py: Python<'_>, arg: &str, message: String) -> PyErr {
    binding_error(py, ErrorKind::InvalidArgument, arg, message)
}

/// `json.dumps(obj)` parsed as `T` by serde (unknown fields and wrong types
/// are `InvalidArgumentError` naming `arg`).
fn from_json_obj<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    arg: &str,
    obj: &Bound<'_, PyAny>,
) -> PyResult<T> {
    let text: String = py
        .import("json")?
        .call_method1("dumps", (obj,))
        .map_err(|e| {
            PyTypeError::new_err(format!("{arg} must be a JSON-like dict: {}", e.value(py)))
        })?
        .extract()?;
    serde_json::from_str(&text).map_err(|e| invalid(py, arg, format!("{arg}: {e}")))
}

/// `(year, value)` pairs from a mapping (anything with `items()`, e.g. a
/// dict or a pandas Series indexed by year) or an iterable of pairs.
fn pairs(arg: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<(i32, f64)>> {
    let type_error = |detail: String| {
        PyTypeError::new_err(format!(
            "{arg} must be a mapping {{year: value}} or (year, value) pairs: {detail}"
        ))
    };
    if obj.is_instance_of::<PyString>() {
        return Err(type_error("got str".to_owned()));
    }
    let items = if obj.hasattr("items")? {
        obj.call_method0("items")?
    } else {
        obj.clone()
    };
    let mut out = Vec::new();
    for item in items.try_iter().map_err(|e| type_error(e.to_string()))? {
        let item = item?;
        // A tuple, or a two-element list (as JSON gives).
        let pair = item
            .extract::<(i32, f64)>()
            .or_else(|e| match item.cast::<PyList>() {
                Ok(l) if l.len() == 2 => Ok((l.get_item(0)?.extract()?, l.get_item(1)?.extract()?)),
                _ => Err(e),
            });
        let pair = pair.map_err(|e: PyErr| {
            let shown = item.repr().map_or_else(|_| "?".into(), |r| r.to_string());
            type_error(format!("{shown}: {e}"))
        })?;
        out.push(pair);
    }
    Ok(out)
}

/// A deflator: ``{"inflation": {year: rate}}``, ``{"price_index": {year:
/// level}}`` (mappings or pairs), or the core's JSON form ``{"type":
/// "inflation", "values": [[year, rate], ...]}``.
fn deflator_arg(py: Python<'_>, arg: &str, obj: &Bound<'_, PyAny>) -> PyResult<Deflator> {
    let bad = || {
        invalid(
            py,
            arg,
            format!(
                "{arg} must be {{\"inflation\": {{year: rate}}}}, {{\"price_index\": {{year: level}}}} \
                 or {{\"type\": \"inflation\"|\"price_index\", \"values\": [[year, x], ...]}}"
            ),
        )
    };
    let d = obj
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err(format!("{arg} must be a dict")))?;
    let (kind, values): (String, Bound<'_, PyAny>) = if d.contains("type")? {
        if d.len() != 2 {
            return Err(bad());
        }
        let values = d.get_item("values")?.ok_or_else(bad)?;
        (
            d.get_item("type")?
                .ok_or_else(bad)?
                .extract()
                .map_err(|_| bad())?,
            values,
        )
    } else if d.len() == 1 {
        let (k, v) = d.iter().next().ok_or_else(bad)?;
        (k.extract().map_err(|_| bad())?, v)
    } else {
        return Err(bad());
    };
    let values = pairs(arg, &values)?;
    match kind.as_str() {
        "inflation" => {
            for &(year, rate) in &values {
                warn_if_percent(py, &format!("{arg}['inflation'][{year}]"), rate)?;
            }
            Ok(Deflator::Inflation(values))
        }
        "price_index" => Ok(Deflator::PriceIndex(values)),
        _ => Err(bad()),
    }
}

/// Observations in any shape `xuhui._observations` reads (a mapping, pairs,
/// a pandas Series or DataFrame …), as `(year, value, unit)`; the core
/// converts the units and checks the values.
fn observed_arg(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    unit: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<(i32, f64, Option<String>)>> {
    let unit = match unit {
        Some(u) => u.clone(),
        None => py.None().into_bound(py),
    };
    py.import("xuhui._observations")?
        .call_method1("normalize", (obj, unit))?
        .extract()
}

fn options_arg(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Options> {
    match obj {
        None => Ok(Options::default()),
        Some(o) if o.is_none() => Ok(Options::default()),
        Some(o) => from_json_obj(py, "options", o),
    }
}

/// The indicator's default target ([`Indicator::default_target`]), or an
/// error naming the argument.
pub(crate) fn default_target(py: Python<'_>, ind: &Indicator) -> PyResult<Figure> {
    ind.default_target().cloned().ok_or_else(|| {
        invalid(
            py,
            "target_or_id",
            format!(
                "target_or_id: {} has no target to assess (Shanghai-wide targets and bounds \
                 without a number are not assessed)",
                ind.id()
            ),
        )
    })
}

/// Where an assessment's data comes from.
enum Source {
    /// A catalog figure: the indicator's levels (plus observations).
    Catalog {
        catalog: Arc<Catalog>,
        id: String,
        figure: Figure,
    },
    /// A target given as a dict: the observations are the series.
    Spec(Target),
}

fn source(
    py: Python<'_>,
    target: &Bound<'_, PyAny>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<Source> {
    let cat = || -> PyResult<Arc<Catalog>> {
        match catalog {
            Some(c) => Ok(c.get().0.clone()),
            None => embedded(py),
        }
    };
    if let Ok(id) = target.cast::<PyString>() {
        let catalog = cat()?;
        let ind = catalog.get(&id.to_cow()?).map_err(|e| err(py, &e))?;
        let figure = default_target(py, ind)?;
        let id = ind.id().to_owned();
        return Ok(Source::Catalog {
            catalog,
            id,
            figure,
        });
    }
    if let Ok(ind) = target.cast::<PyIndicator>() {
        let ind = ind.get();
        return Ok(Source::Catalog {
            catalog: ind.1.clone(),
            id: ind.0.id().to_owned(),
            figure: default_target(py, &ind.0)?,
        });
    }
    if let Ok(fig) = target.cast::<PyFigure>() {
        let fig = fig.get();
        return Ok(Source::Catalog {
            catalog: fig.catalog.clone(),
            id: fig.indicator_id().to_owned(),
            figure: fig.figure.clone(),
        });
    }
    if target.cast::<PyDict>().is_ok() {
        let spec: Target = from_json_obj(py, "target", target)?;
        // A percent where a decimal is meant: warned, as the growth
        // functions warn for their rate arguments.
        if let TargetKind::Growth { rate } = spec.kind {
            warn_if_percent(py, "target['rate']", rate)?;
        }
        return Ok(Source::Spec(spec));
    }
    Err(PyTypeError::new_err(format!(
        "target_or_id must be an indicator id, an Indicator, a target Figure or a target dict, got {}",
        target.get_type().name()?
    )))
}

fn price_basis_arg(py: Python<'_>, s: Option<&str>) -> PyResult<Option<PriceBasis>> {
    s.map(|s| match s {
        "current" => Ok(PriceBasis::Current),
        "comparable" => Ok(PriceBasis::Comparable),
        other => Err(invalid(
            py,
            "price_basis",
            format!("price_basis must be \"current\" or \"comparable\", got {other:?}"),
        )),
    })
    .transpose()
}

/// The arguments of `xuhui.assess` and `Catalog.assess` besides the target.
pub(crate) struct AssessArgs<'a, 'py> {
    pub(crate) observations: Option<&'a Bound<'py, PyAny>>,
    pub(crate) unit: Option<&'a Bound<'py, PyAny>>,
    pub(crate) deflator: Option<&'a Bound<'py, PyAny>>,
    pub(crate) options: Option<&'a Bound<'py, PyAny>>,
    pub(crate) price_basis: Option<&'a str>,
    pub(crate) check_plausibility: bool,
}

/// The shared body of `xuhui.assess` and `Catalog.assess`.
pub(crate) fn assess_impl(
    py: Python<'_>,
    target: &Bound<'_, PyAny>,
    args: AssessArgs<'_, '_>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyAssessment> {
    let AssessArgs {
        observations,
        unit,
        deflator,
        options,
        price_basis,
        check_plausibility,
    } = args;
    let src = source(py, target, catalog)?;
    let points = match observations {
        Some(o) if !o.is_none() => observed_arg(py, o, unit)?,
        _ => Vec::new(),
    };
    let deflator = match deflator {
        Some(d) if !d.is_none() => Some(deflator_arg(py, "deflator", d)?),
        _ => None,
    };
    let mut opts = options_arg(py, options)?;
    opts.check_plausibility &= check_plausibility;
    let kept = opts.clone();
    let basis = price_basis_arg(py, price_basis)?;
    match src {
        Source::Catalog {
            catalog,
            id,
            figure,
        } => {
            if basis.is_some() {
                return Err(invalid(
                    py,
                    "price_basis",
                    "price_basis applies to a target dict; a catalog indicator's levels are at current prices".to_owned(),
                ));
            }
            let (assessment, ind) = run(py, move || {
                let ind = catalog.get(&id)?;
                let a = core::assess_observed(ind, &figure, &points, deflator.as_ref(), &opts)?;
                Ok((a, ind.clone()))
            })?;
            Ok(PyAssessment::new(assessment, kept, Some(&ind)))
        }
        Source::Spec(target) => {
            let assessment = run(py, move || {
                core::assess_points(&target, &points, basis, deflator.as_ref(), &opts)
            })?;
            Ok(PyAssessment::new(assessment, kept, None))
        }
    }
}

/// `{indicator id: deflator}` (each as in `deflator_arg`); None is empty.
pub(crate) fn deflators_arg(
    py: Python<'_>,
    deflators: Option<&Bound<'_, PyAny>>,
) -> PyResult<BTreeMap<String, Deflator>> {
    let mut map = BTreeMap::new();
    if let Some(d) = deflators.filter(|d| !d.is_none()) {
        let d = d.cast::<PyDict>().map_err(|_| {
            PyTypeError::new_err("deflators must be a dict {indicator id: deflator}")
        })?;
        for (k, v) in d.iter() {
            let id: String = k.extract()?;
            map.insert(id, deflator_arg(py, "deflators", &v)?);
        }
    }
    Ok(map)
}

/// The shared body of `Catalog.assess_group`.
pub(crate) fn assess_group_impl<'py>(
    py: Python<'py>,
    catalog: &Arc<Catalog>,
    group: &str,
    deflators: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let g = Group::parse(group).map_err(|e| err(py, &e))?;
    let map = deflators_arg(py, deflators)?;
    let opts = options_arg(py, options)?;
    let kept = opts.clone();
    let cat = catalog.clone();
    let results = run(py, move || {
        opts.validate()?;
        Ok(core::assess_group(&cat, g, &map, &opts))
    })?;
    let out = PyList::empty(py);
    for (id, r) in results {
        let value: Bound<'py, PyAny> = match r {
            Ok(a) => {
                let ind = catalog.find(&id);
                Bound::new(py, PyAssessment::new(a, kept.clone(), ind))?.into_any()
            }
            Err(e) => err(py, &e).into_value(py).into_bound(py).into_any(),
        };
        out.append((id, value))?;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------

/// Every assessment of one target, from the Rust core
/// (``xh_core::assess::assess``): the required path and gap, the Eurostat
/// ratio method, the UNSD progress chart, the Destatis weather, the
/// attainment probability and the trajectories for a plot.
///
/// Each method's result is a dict with a ``status`` of ``"assessed"``,
/// ``"insufficient_data"`` (with ``needed``, ``available`` and ``reason``)
/// or ``"not_applicable"`` (with ``reason``): too little data is a result,
/// not an error. Build one with :func:`xuhui.assess`.
#[pyclass(frozen, module = "xuhui", name = "Assessment")]
pub(crate) struct PyAssessment {
    inner: Assessment,
    /// The options it was made with: a pickle carries them and the inputs,
    /// and unpickling runs the (deterministic, seeded) assessment again.
    options: Options,
    name_zh: Option<String>,
    name_en: Option<String>,
}

impl PyAssessment {
    fn new(inner: Assessment, options: Options, ind: Option<&Indicator>) -> PyAssessment {
        PyAssessment {
            inner,
            options,
            name_zh: ind.map(|i| i.name_zh().to_owned()),
            name_en: ind.map(|i| i.name_en().to_owned()),
        }
    }
}

/// What an `Assessment` pickles as: the target and options in the core's
/// JSON form, the series used (after any deflation) and its price basis,
/// and the indicator's names.
type AssessmentState = (
    String,
    Vec<(i32, f64)>,
    Option<&'static str>,
    String,
    Option<String>,
    Option<String>,
);

/// Rebuilds a pickled `Assessment` by running the core on the same target,
/// series and options: the assessment is a pure function of them (the
/// Monte Carlo generator is seeded), so the result is equal to the original.
#[pyfunction]
pub(crate) fn _restore_assessment(
    py: Python<'_>,
    target: &str,
    series: Vec<(i32, f64)>,
    price_basis: Option<&str>,
    options: &str,
    name_zh: Option<String>,
    name_en: Option<String>,
) -> PyResult<PyAssessment> {
    let target: Target =
        serde_json::from_str(target).map_err(|e| invalid(py, "target", format!("target: {e}")))?;
    let options: Options = serde_json::from_str(options)
        .map_err(|e| invalid(py, "options", format!("options: {e}")))?;
    let basis = price_basis_arg(py, price_basis)?;
    let opts = options.clone();
    let inner = run(py, move || {
        let series = Series::new(&series)?.with_price_basis(basis);
        core::assess(&target, &series, &opts)
    })?;
    Ok(PyAssessment {
        inner,
        options,
        name_zh,
        name_en,
    })
}

fn status<T>(o: &Outcome<T>) -> &'static str {
    match o {
        Outcome::Assessed(_) => "assessed",
        Outcome::InsufficientData { .. } => "insufficient_data",
        Outcome::NotApplicable { .. } => "not_applicable",
    }
}

/// A number for display: shortest round-trip text, or 4 significant
/// decimals for long ones.
fn show(v: f64) -> String {
    let s = format!("{v}");
    if s.len() > 10 {
        format!("{v:.4}")
    } else {
        s
    }
}

fn pct(v: f64) -> String {
    format!("{:.2}%", v * 100.0)
}

fn target_text(t: &Target) -> String {
    let unit = t.unit.map(|u| u.zh()).unwrap_or_default();
    let sep = if unit.is_empty() || unit == "%" {
        ""
    } else {
        " "
    };
    let what = match t.kind {
        TargetKind::Growth { rate } => format!("growth {}/yr", pct(rate)),
        TargetKind::Level { value } => format!("level {}{sep}{unit}", show(value)),
        TargetKind::Change { amount } => format!("change {:+}{sep}{unit}", amount),
        TargetKind::Cumulative { total } => format!("cumulative {}{sep}{unit}", show(total)),
        TargetKind::EveryYear { bound } => format!("every year {}{sep}{unit}", show(bound)),
    };
    let q = t.qualifier.as_str();
    let q = if q == "exact" {
        String::new()
    } else {
        format!(" ({q})")
    };
    format!("{what}{q}, {}→{}", t.base_year, t.target_year)
}

/// One method's row: (class tag, English, Chinese, value text) or why not.
fn outcome_cells<T>(o: &Outcome<T>, f: impl Fn(&T) -> (String, String)) -> (String, String) {
    match o {
        Outcome::Assessed(t) => f(t),
        Outcome::InsufficientData {
            needed: Some(needed),
            available: Some(available),
            reason,
        } => (
            "数据不足 insufficient data".to_owned(),
            format!("needs {needed} points, has {available}: {reason}"),
        ),
        Outcome::InsufficientData { reason, .. } => {
            ("数据不足 insufficient data".to_owned(), reason.clone())
        }
        Outcome::NotApplicable { reason } => ("不适用 not applicable".to_owned(), reason.clone()),
    }
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or_else(|| "—".to_owned(), f)
}

fn pace_text(p: &xh_core::plan::RequiredPace, unit: Option<xh_core::Unit>) -> String {
    p.with_unit(&unit.map(|u| u.zh()).unwrap_or_default())
        .to_string()
}

fn nan_array<'py>(py: Python<'py>, v: &[Option<f64>]) -> Bound<'py, PyArray1<f64>> {
    PyArray1::from_vec(py, v.iter().map(|x| x.unwrap_or(f64::NAN)).collect())
}

#[pymethods]
impl PyAssessment {
    /// The indicator id (free text for a target dict).
    #[getter]
    fn indicator(&self) -> &str {
        &self.inner.target.indicator
    }
    /// The indicator's Chinese name, or None for a target dict.
    #[getter]
    fn name_zh(&self) -> Option<&str> {
        self.name_zh.as_deref()
    }
    /// The indicator's English name, or None for a target dict.
    #[getter]
    fn name_en(&self) -> Option<&str> {
        self.name_en.as_deref()
    }
    /// The unit of the values, if known.
    #[getter]
    fn unit(&self) -> Option<PyUnit> {
        self.inner.target.unit.map(PyUnit)
    }
    /// The target assessed, as a dict (``kind``, its value, ``base_year``,
    /// ``target_year``, ``qualifier``, ``polarity``, ``shape``,
    /// ``price_basis``, ``unit``).
    #[getter]
    fn target<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.target)
    }
    /// The series used (after any deflation), as ``(year, value)`` pairs.
    #[getter]
    fn observed(&self) -> Vec<(i32, f64)> {
        self.inner
            .series
            .points()
            .iter()
            .map(|p| (p.year, p.value))
            .collect()
    }
    /// The series' price basis (``"current"``, ``"comparable"``) or None.
    #[getter]
    fn price_basis(&self) -> Option<&'static str> {
        self.inner.series.price_basis().map(|b| b.as_str())
    }
    /// Required path, pace needed from the latest observation, projection
    /// at the observed pace and gap (a dict with ``status``).
    #[getter]
    fn progress<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.progress)
    }
    /// Eurostat / Open SDG ratio method: ``class``, ``ratio`` and inputs.
    #[getter]
    fn eurostat<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.eurostat)
    }
    /// UNSD progress chart: ``class``, ``score`` and inputs.
    #[getter]
    fn unsd<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.unsd)
    }
    /// Destatis weather: ``class``, ``deviation`` and inputs.
    #[getter]
    fn destatis<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.destatis)
    }
    /// Attainment probability: ``closed_form``, ``monte_carlo`` and the model.
    #[getter]
    fn probability<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.probability)
    }
    /// Year-by-year ``observed``, ``required``, ``projected`` and ``bands``
    /// (lists with None where there is no value).
    #[getter]
    fn trajectory<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.trajectory)
    }
    /// The class tag of each method (``"eurostat"``, ``"unsd"``,
    /// ``"destatis"``), None where the method did not assess.
    #[getter]
    fn classes(&self) -> BTreeMap<&'static str, Option<&'static str>> {
        let a = &self.inner;
        BTreeMap::from([
            ("eurostat", a.eurostat.assessed().map(|r| r.class.as_str())),
            ("unsd", a.unsd.assessed().map(|r| r.class.as_str())),
            ("destatis", a.destatis.assessed().map(|r| r.class.as_str())),
        ])
    }
    /// The closed-form probability of meeting the target, or None.
    #[getter]
    fn attainment_probability(&self) -> Option<f64> {
        self.inner
            .probability
            .assessed()
            .and_then(|p| p.closed_form)
    }
    /// The trajectories as float64 numpy arrays (NaN where there is no
    /// value): a dict with ``years`` (int64), ``cumulative``, ``observed``,
    /// ``required``, ``projected`` and ``bands`` (a list of dicts with
    /// ``coverage``, ``lower``, ``upper``); None when the trajectory could
    /// not be assessed.
    fn trajectory_arrays<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(t) = self.inner.trajectory.assessed() else {
            return Ok(None);
        };
        let d = PyDict::new(py);
        let years: Vec<i64> = t.years.iter().map(|&y| i64::from(y)).collect();
        d.set_item("years", PyArray1::from_vec(py, years))?;
        d.set_item("cumulative", t.cumulative)?;
        d.set_item("observed", nan_array(py, &t.observed))?;
        d.set_item("required", nan_array(py, &t.required))?;
        d.set_item("projected", nan_array(py, &t.projected))?;
        let bands = PyList::empty(py);
        for b in &t.bands {
            let bd = PyDict::new(py);
            bd.set_item("coverage", b.coverage)?;
            bd.set_item("lower", nan_array(py, &b.lower))?;
            bd.set_item("upper", nan_array(py, &b.upper))?;
            bands.append(bd)?;
        }
        d.set_item("bands", bands)?;
        Ok(Some(d))
    }
    /// What to know about the input, e.g. observations after the target
    /// year, which no method uses (a list of str; empty when nothing).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.inner.notes.clone()
    }
    /// The whole assessment as a dict: the core's serialisation, the same
    /// as ``assess_json`` with ``"method": "all"``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Equal when every method's result, the target, the series and the
    /// indicator's names are equal.
    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.inner == other.inner && self.name_zh == other.name_zh && self.name_en == other.name_en
    }

    fn __hash__(&self) -> u64 {
        let t = &self.inner.target;
        hash_of((
            &t.indicator,
            t.base_year,
            t.target_year,
            self.inner.series.len(),
        ))
    }

    /// Pickles as the target, the series, the options and the names (see
    /// ``_restore_assessment``).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py, AssessmentState>> {
        let json = |arg: &'static str, r: serde_json::Result<String>| {
            r.map_err(|e| invalid(py, arg, format!("{arg}: cannot serialise: {e}")))
        };
        let a = &self.inner;
        Ok((
            restorer(py, "_restore_assessment")?,
            (
                json("target", serde_json::to_string(&a.target))?,
                self.observed(),
                self.price_basis(),
                json("options", serde_json::to_string(&self.options))?,
                self.name_zh.clone(),
                self.name_en.clone(),
            ),
        ))
    }

    /// Plain text, one line per method with rounded values and the unit
    /// (what ``python -m xuhui assess ID`` prints).
    fn __str__(&self) -> String {
        let name = match (&self.name_zh, &self.name_en) {
            (Some(zh), Some(en)) => format!("{zh} · {en}\n"),
            _ => String::new(),
        };
        format!("{name}{}", self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let a = &self.inner;
        let class = |c: Option<&'static str>, o: &str| -> PyResult<String> {
            match c {
                Some(c) => py_repr(py, c),
                None => py_repr(py, o),
            }
        };
        let p = match a.probability.assessed().and_then(|p| p.closed_form) {
            Some(p) => show(p),
            None => "None".to_owned(),
        };
        Ok(format!(
            "Assessment({}, {}, eurostat={}, unsd={}, destatis={}, probability={p})",
            py_repr(py, &a.target.indicator)?,
            py_repr(py, &target_text(&a.target))?,
            class(
                a.eurostat.assessed().map(|r| r.class.as_str()),
                status(&a.eurostat)
            )?,
            class(a.unsd.assessed().map(|r| r.class.as_str()), status(&a.unsd))?,
            class(
                a.destatis.assessed().map(|r| r.class.as_str()),
                status(&a.destatis)
            )?,
        ))
    }

    /// A bilingual table for Jupyter: each method with its class.
    fn _repr_html_(&self) -> String {
        let a = &self.inner;
        let name = match (&self.name_zh, &self.name_en) {
            (Some(zh), Some(en)) => format!("{} · {} ", escape(zh), escape(en)),
            _ => String::new(),
        };
        let head = format!(
            "<p><b>{name}</b><code>{}</code> · {} · {} points</p>",
            escape(&a.target.indicator),
            escape(&target_text(&a.target)),
            a.series.len()
        );
        let progress = outcome_cells(&a.progress, |p| {
            (
                if p.met {
                    "已达到 met"
                } else {
                    "未达到 not yet met"
                }
                .to_owned(),
                format!(
                    "required {} by {}; needs {} from {} ({}); projected {}; gap {}",
                    show(p.required_value),
                    a.target.target_year,
                    pace_text(&p.required_pace, a.target.unit),
                    p.latest.year,
                    show(p.latest.value),
                    opt(p.projected_end, show),
                    opt(p.gap_share, pct)
                ),
            )
        });
        let eurostat = outcome_cells(&a.eurostat, |r| {
            (
                format!("{} {}", r.class.zh(), r.class.en()),
                format!("R = {}", opt(r.ratio, show)),
            )
        });
        let unsd = outcome_cells(&a.unsd, |r| {
            (
                format!("{} {}", r.class.zh(), r.class.en()),
                format!("score = {}", opt(r.score, show)),
            )
        });
        let destatis = outcome_cells(&a.destatis, |r| {
            (
                format!("{} {}", r.class.zh(), r.class.en()),
                format!("deviation = {}", opt(r.deviation, pct)),
            )
        });
        let probability = outcome_cells(&a.probability, |r| {
            (
                opt(r.closed_form, pct),
                format!(
                    "μ = {}, σ = {}{}; Monte Carlo {} ± {}",
                    show(r.model.mu),
                    show(r.model.sigma),
                    if r.estimated {
                        " (estimated)"
                    } else {
                        " (supplied)"
                    },
                    pct(r.monte_carlo.probability),
                    pct(r.monte_carlo.standard_error)
                ),
            )
        });
        let rows = [
            ("进度 Progress", progress),
            ("欧盟统计局比率法 Eurostat ratio", eurostat),
            ("联合国统计司进度图 UNSD progress", unsd),
            ("德国联邦统计局天气法 Destatis weather", destatis),
            ("实现概率 Probability", probability),
        ];
        let body: String = rows
            .iter()
            .map(|(m, (c, d))| {
                format!(
                    "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
                    escape(m),
                    escape(c),
                    escape(d)
                )
            })
            .collect();
        format!(
            "{head}<table class=\"xuhui-assessment\"><thead><tr><th>方法 Method</th>\
             <th>结果 Class</th><th>详情 Details</th></tr></thead><tbody>{body}</tbody></table>"
        )
    }
}

// ---------------------------------------------------------------------------

/// Assess a plan target against observations (``xh_core::assess``).
///
/// ``target_or_id`` is an indicator id (``"ai_output"``), an ``Indicator``
/// (its five-year target, else its 2021 target), a target ``Figure``, or a
/// target dict in the core's JSON form, e.g. ``{"kind": "growth", "rate":
/// 0.05, "base_year": 2020, "target_year": 2025}`` (a ``rate``, or an
/// inflation rate in ``deflator``, of 1 or more warns with
/// ``PercentRateWarning``: rates are decimals).
///
/// ``observations`` are ``{year: value}`` or ``{year: (value, unit)}``,
/// ``(year, value)`` or ``(year, value, unit)`` pairs, a pandas Series
/// indexed by year (integers, ``DatetimeIndex`` or annual ``PeriodIndex``),
/// or a pandas/polars DataFrame with ``year``, ``value`` and optional
/// ``unit`` columns. Values without a unit are in ``unit`` (text such as
/// ``"元"`` or a ``Unit``), else in the target's unit; every value is
/// converted to the target's unit (``{2021: 4.1e10}`` with ``unit="元"`` is
/// 410亿元). For a catalog target they replace the levels of the same
/// years of the indicator in the catalog the id / Indicator / Figure came
/// from (``catalog`` for an id; default the embedded one); for a target
/// dict they are the series, at ``price_basis`` (``"current"``/
/// ``"comparable"``) if money. Observations after the target year are not
/// used and are listed in ``Assessment.notes``.
///
/// A series that cannot be in its unit is stopped with
/// ``InvalidObservationsError`` naming the unit (a jump of more than 100×
/// between two observations, or more than tenfold growth or a fall to a
/// tenth in a year): ``check_plausibility=False`` (or the option of the
/// same name) accepts it when it is real.
///
/// ``deflator``: ``{"inflation": {year: rate}}`` or ``{"price_index":
/// {year: level}}`` converts a current-price series first. ``options``: a
/// dict of ``xh_core::assess::Options`` fields (``about_tolerance``,
/// ``ratio_on_track``, ``model`` = ``{"mu", "sigma"}``, ``mc_paths``,
/// ``seed``, ``band_coverages`` …).
///
/// Too few observations is a result (``status`` ``"insufficient_data"``).
/// Raises ``PriceBasisMismatchError`` for a comparable-price target (GDP)
/// without a deflator, ``InvalidYearError`` for a target year not after
/// the base year or a deflator missing a year, ``OutOfDomainError`` for a
/// zero or negative level under a growth rate, ``InvalidObservationsError``
/// for bad observations, ``UnknownIdError`` for an unknown id,
/// ``InvalidArgumentError`` for a malformed target, deflator or options,
/// ``TypeError`` for arguments of the wrong type.
#[pyfunction]
#[pyo3(signature = (target_or_id, observations = None, *, unit = None, deflator = None, options = None, price_basis = None, catalog = None, check_plausibility = true))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn assess(
    py: Python<'_>,
    target_or_id: &Bound<'_, PyAny>,
    observations: Option<&Bound<'_, PyAny>>,
    unit: Option<&Bound<'_, PyAny>>,
    deflator: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
    price_basis: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
    check_plausibility: bool,
) -> PyResult<PyAssessment> {
    let args = AssessArgs {
        observations,
        unit,
        deflator,
        options,
        price_basis,
        check_plausibility,
    };
    assess_impl(py, target_or_id, args, catalog)
}

/// Run a JSON assessment request and return the JSON answer
/// (``xh_core::assess::evaluate_json``), the language-neutral form the
/// Rust, Python and C bindings share (see ``tests/vectors/assess.json``).
///
/// The request is ``{"method": "eurostat"|"unsd"|"destatis"|"probability"
/// |"all", "target": {...}, "observed": [[year, value], ...]}`` with
/// optional ``price_basis``, ``deflator`` and ``options``; or, without a
/// target, ``{"method": "opensdg_trend"|"eurostat_trend", "polarity":
/// "higher"|"lower", "observed": [...]}`` with optional ``limit``
/// (``opensdg_trend``) and ``base_year``. The answer for a single method is
/// ``{"status", "class", "value", "needed", "available", "reason"}``;
/// ``"all"`` gives the full assessment.
///
/// Raises ``InvalidArgumentError`` for malformed JSON (naming line and
/// column) and the method's typed errors otherwise.
#[pyfunction]
pub(crate) fn assess_json(py: Python<'_>, request: &str) -> PyResult<String> {
    run(py, || core::evaluate_json(request))
}

/// Assess the trend of an indicator without a target
/// (``xh_core::assess::opensdg_trend`` or ``eurostat_trend``).
///
/// ``observations`` are ``{year: value}`` (a dict or pandas Series) or
/// ``(year, value)`` pairs; ``polarity`` is ``"higher"`` or ``"lower"``
/// (which direction is better).
///
/// ``method="opensdg"`` (default): Open SDG's method (Statistics Canada's,
/// as ``sdg-build`` computes it), the direction-adjusted compound annual
/// growth from ``base_year`` (default the first observation) to the latest
/// against 1.5 % and 0.5 % a year, lowered by the natural-limit factor C
/// when a ``limit`` is given (e.g. 100 for a share in percent). Classes
/// ``"on_track"``, ``"moderate_progress"``, ``"insufficient_progress"``,
/// ``"moving_away"``.
///
/// ``method="eurostat"``: Eurostat's method for indicators without a
/// quantitative target, the growth over the last five years (or from
/// ``base_year``) against ±1 % a year (not verified against Eurostat's own
/// text; see docs/methodology.md). Classes ``"significant_progress"``,
/// ``"moderate_progress"``, ``"moderate_movement_away"``,
/// ``"significant_movement_away"``.
///
/// Returns a dict with ``status`` (``"assessed"`` or
/// ``"insufficient_data"`` with ``needed``, ``available`` and ``reason``)
/// and, when assessed, ``class``, ``value`` (the progress value),
/// ``observed_rate``, ``base``, ``latest`` …; the same as the core's
/// serialisation. ``options`` as for :func:`xuhui.assess`.
///
/// Raises ``InvalidArgumentError`` for a neutral or unknown polarity, an
/// unknown method, or a ``limit`` with ``method="eurostat"``,
/// ``NonFiniteError`` for NaN or infinite values or limit,
/// ``InvalidYearError`` for a year given twice, ``TypeError`` for
/// arguments of the wrong type.
#[pyfunction]
#[pyo3(signature = (observations, polarity, *, method = "opensdg", limit = None, base_year = None, options = None))]
pub(crate) fn assess_trend<'py>(
    py: Python<'py>,
    observations: &Bound<'py, PyAny>,
    polarity: &str,
    method: &str,
    limit: Option<f64>,
    base_year: Option<i32>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let points = pairs("observations", observations)?;
    let polarity = Polarity::parse(polarity).map_err(|e| err(py, &e))?;
    let opts = options_arg(py, options)?;
    let spec = TrendSpec {
        polarity,
        limit,
        base_year,
    };
    let value = match method {
        "opensdg" => {
            let o = run(py, move || {
                core::opensdg_trend(&Series::new(&points)?, &spec, &opts)
            })?;
            to_py(py, &o)?
        }
        "eurostat" => {
            let o = run(py, move || {
                core::eurostat_trend(&Series::new(&points)?, &spec, &opts)
            })?;
            to_py(py, &o)?
        }
        other => {
            return Err(invalid(
                py,
                "method",
                format!("method must be \"opensdg\" or \"eurostat\", got {other:?}"),
            ))
        }
    };
    Ok(value)
}

/// Simulate ``paths`` log-normal growth paths of ``years`` years from
/// ``start``: ``x[k+1] = x[k] * exp(mu + sigma * Z)`` with the core's
/// seeded generator (``xh_core::assess::simulate_paths``), GIL released.
///
/// Returns a float64 array of shape ``(paths, years)`` (the start is not
/// included); the same seed gives the same array on every platform.
///
/// Raises ``OutOfDomainError`` if ``start <= 0`` or ``sigma < 0``,
/// ``NonFiniteError`` for NaN or infinite arguments, ``EmptyInputError`` if
/// ``paths`` or ``years`` is 0, ``MemoryError`` if the array does not fit.
#[pyfunction]
#[pyo3(signature = (start, mu, sigma, years, paths, seed = 20_210_113))]
pub(crate) fn simulate_paths<'py>(
    py: Python<'py>,
    start: f64,
    mu: f64,
    sigma: f64,
    years: usize,
    paths: usize,
    seed: u64,
) -> PyResult<Bound<'py, PyArray2<f64>>> {
    let model = core::GrowthModel::new(mu, sigma).map_err(|e| err(py, &e))?;
    if paths == 0 || years == 0 {
        // The core names the empty argument; no array to allocate.
        let e = core::simulate_paths(start, &model, years, paths, seed, &mut [])
            .err()
            .unwrap_or(Error::EmptyInput { arg: "paths" });
        return Err(err(py, &e));
    }
    // numpy allocates (a MemoryError, not a panic, if it cannot).
    let out = py
        .import("numpy")?
        .call_method1("empty", ((paths, years),))?
        .cast_into::<PyArray2<f64>>()?;
    {
        let mut rw = out.readwrite();
        let slice = rw
            .as_slice_mut()
            .map_err(|e| crate::errors::Panic(e.to_string()).into_py_err(py))?;
        run(py, || {
            core::simulate_paths(start, &model, years, paths, seed, slice)
        })?;
    }
    Ok(out)
}
