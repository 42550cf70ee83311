//! `xuhui.Unit` and `xuhui.ExchangeRate`: thin wrappers over
//! [`xh_core::Unit`] and [`xh_core::ExchangeRate`].

use std::hash::{Hash, Hasher};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};
use xh_core::{Currency, Error, ExchangeRate, Unit};

use crate::errors::to_py_err;

/// A unit of measure: a base unit (元, 平方米, 公顷, %, 家 …) times a power
/// of ten (万 = 10⁴, 亿 = 10⁸).
///
/// ``Unit("亿元")`` and ``Unit.parse("100 million yuan")`` parse Chinese
/// unit text as printed in the report or an English/SI spelling; unknown
/// text raises ``UnknownUnitError``.
#[pyclass(frozen, eq, hash, module = "xuhui", name = "Unit")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PyUnit(pub(crate) Unit);

impl From<Unit> for PyUnit {
    fn from(u: Unit) -> PyUnit {
        PyUnit(u)
    }
}

impl From<PyUnit> for Unit {
    fn from(u: PyUnit) -> Unit {
        u.0
    }
}

fn parse(py: Python<'_>, text: &str) -> PyResult<Unit> {
    Unit::parse(text).map_err(|e| to_py_err(py, &e, None))
}

/// A `Unit` or unit text.
fn unit_arg(py: Python<'_>, name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Unit> {
    if let Ok(u) = obj.cast::<PyUnit>() {
        return Ok(u.get().0);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse(py, &s.to_cow()?);
    }
    Err(PyTypeError::new_err(format!(
        "{name} must be a Unit or unit text, got {}",
        obj.get_type().name()?
    )))
}

#[pymethods]
impl PyUnit {
    /// Parses unit text, e.g. ``Unit("亿元")`` or ``Unit("ha")``.
    #[new]
    fn new(py: Python<'_>, text: &str) -> PyResult<PyUnit> {
        parse(py, text).map(PyUnit)
    }

    /// Parses Chinese unit text (``"亿元"``, ``"万平方米"``, ``"个百分点"``)
    /// or an English/SI spelling (``"100 million yuan"``, ``"10k m²"``,
    /// ``"pp"``). Raises ``UnknownUnitError``.
    #[staticmethod]
    fn parse(py: Python<'_>, text: &str) -> PyResult<PyUnit> {
        parse(py, text).map(PyUnit)
    }

    /// The Chinese text, e.g. ``"亿元"``.
    fn zh(&self) -> String {
        self.0.zh()
    }

    /// The English text, e.g. ``"100 million yuan"``.
    fn en(&self) -> String {
        self.0.en()
    }

    /// The power-of-ten multiplier (SDMX ``UNIT_MULT``): 4 for 万, 8 for 亿.
    #[getter]
    fn mult(&self) -> i8 {
        self.0.mult()
    }

    /// The dimension's base unit (元, 平方米, 米, %, 小时, or the count).
    fn dimension_base(&self) -> PyUnit {
        PyUnit(self.0.dimension_base())
    }

    /// Converts ``value`` in this unit to ``to`` (a ``Unit`` or unit text).
    ///
    /// Between currencies pass ``rate=ExchangeRate(...)``. Raises
    /// ``UnitMismatchError`` across dimensions, ``ExchangeRateRequiredError``
    /// between currencies without a rate, ``NonFiniteError`` for NaN or inf.
    #[pyo3(signature = (value, to, *, rate = None))]
    fn convert(
        &self,
        py: Python<'_>,
        value: f64,
        to: &Bound<'_, PyAny>,
        rate: Option<PyRef<'_, PyExchangeRate>>,
    ) -> PyResult<f64> {
        let to = unit_arg(py, "to", to)?;
        let result = match rate {
            Some(r) => self.0.convert_with_rate(value, to, r.rate),
            None => self.0.convert(value, to),
        };
        result.map_err(|e| to_py_err(py, &e, None))
    }

    /// Pickles as ``Unit(text)``: the Chinese text parses back to the
    /// same unit (the core's serde form).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, (String,))> {
        Ok((slf.get_type(), (slf.get().0.zh(),)))
    }

    fn __str__(&self) -> String {
        self.0.zh()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Unit({})", PyString::new(py, &self.0.zh()).repr()?))
    }
}

/// An exchange rate: ``rate`` units of ``to_currency`` per unit of
/// ``from_currency`` (ISO codes ``"CNY"``, ``"USD"``), e.g.
/// ``ExchangeRate("USD", "CNY", 6.9)``.
#[pyclass(frozen, eq, module = "xuhui", name = "ExchangeRate")]
#[derive(PartialEq)]
pub(crate) struct PyExchangeRate {
    rate: ExchangeRate,
}

fn currency(py: Python<'_>, arg: &'static str, code: &str) -> PyResult<Currency> {
    serde_json::from_value(serde_json::Value::String(code.to_uppercase())).map_err(|_| {
        let e = Error::InvalidArgument {
            arg,
            message: format!("expected a currency code \"CNY\" or \"USD\", got {code:?}"),
        };
        to_py_err(py, &e, None)
    })
}

/// The fields of a core `ExchangeRate`, read through its serde form (the
/// core type has no getters).
fn fields(rate: &ExchangeRate) -> (String, String, f64) {
    let v = serde_json::to_value(rate).unwrap_or_default();
    (
        v["from"].as_str().unwrap_or("?").to_owned(),
        v["to"].as_str().unwrap_or("?").to_owned(),
        v["rate"].as_f64().unwrap_or(f64::NAN),
    )
}

#[pymethods]
impl PyExchangeRate {
    #[new]
    fn new(
        py: Python<'_>,
        from_currency: &str,
        to_currency: &str,
        rate: f64,
    ) -> PyResult<PyExchangeRate> {
        let from = currency(py, "from_currency", from_currency)?;
        let to = currency(py, "to_currency", to_currency)?;
        let rate = ExchangeRate::new(from, to, rate).map_err(|e| to_py_err(py, &e, None))?;
        Ok(PyExchangeRate { rate })
    }

    /// The inverse rate.
    fn inverse(&self) -> PyExchangeRate {
        PyExchangeRate {
            rate: self.rate.inverse(),
        }
    }

    /// The source currency's ISO code.
    #[getter(from_currency)]
    fn source_currency(&self) -> String {
        fields(&self.rate).0
    }

    /// The destination currency's ISO code.
    #[getter(to_currency)]
    fn target_currency(&self) -> String {
        fields(&self.rate).1
    }

    /// Units of ``to_currency`` per unit of ``from_currency``.
    #[getter]
    fn rate(&self) -> f64 {
        fields(&self.rate).2
    }

    /// Equal rates hash alike (the rate is positive and finite, so its
    /// bits identify it).
    fn __hash__(&self) -> u64 {
        let (from, to, rate) = fields(&self.rate);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (from, to, rate.to_bits()).hash(&mut h);
        h.finish()
    }

    /// Pickles as ``ExchangeRate(from_currency, to_currency, rate)``.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, (String, String, f64))> {
        Ok((slf.get_type(), fields(&slf.get().rate)))
    }

    fn __repr__(&self) -> String {
        let (from, to, rate) = fields(&self.rate);
        format!("ExchangeRate('{from}', '{to}', {rate:?})")
    }
}
