"""xuhui: the figures and growth mathematics of the 2021 Government Work
Report of Xuhui District, Shanghai, over a Rust core (xh-core).

Growth functions (floats or numpy arrays in, float or float64 array out):

>>> import xuhui
>>> round(xuhui.project(350.0, 0.15, 5), 1)   # AI output 2020 -> 2025, 亿元
704.0
>>> round(xuhui.cagr(542.0, 596.0, 5), 6)     # park green space, 2015 -> 2020
0.019176

Array calls broadcast like numpy, release the GIL while the core works, and
take ``errors="raise"`` (default: raise for the first invalid element,
naming its index and value) or ``errors="nan"`` (invalid elements become NaN).

Every error is a :class:`XuhuiError` (a ``ValueError``) subclass with a
``kind`` attribute equal to the core's stable tag; wrong argument types
(strings, objects) raise ``TypeError``.

The report's figures, each with its quote:

>>> cat = xuhui.catalog()
>>> cat["ai_output"].name_zh
'人工智能及相关产业总产出'
>>> round(cat.implied_target_level("ai_output")["value"], 1)
704.0

Target tracking (Eurostat ratio, UNSD progress chart, Destatis weather,
attainment probability, trajectories), here on SYNTHETIC observations:

>>> a = xuhui.assess("ai_output", {2021: 400.0, 2022: 455.0, 2023: 520.0})
>>> a.classes["eurostat"]
'moderate_progress'

Rates are decimal fractions throughout (``0.15`` is 15 %); catalog growth
figures are in percent as printed (``Figure.rate`` gives the decimal, and a
``Figure`` in percent passed as a rate is converted). A rate of 1 or more
passed as a number warns with :class:`PercentRateWarning` (``15`` is
probably 15 %, ``0.15``).

pandas and polars Series in give a Series of the same library out (same
index and name); masked arrays give masked arrays, and missing values
(masked, ``pd.NA``, null) stay missing.
"""

from __future__ import annotations

from . import _xuhui
from ._plot import plot
from ._xuhui import (
    ERROR_CLASSES,
    Assessment,
    Catalog,
    Figure,
    Indicator,
    EmptyInputError,
    ExchangeRate,
    ExchangeRateRequiredError,
    InvalidArgumentError,
    InvalidCatalogError,
    InvalidObservationsError,
    InvalidYearError,
    LengthMismatchError,
    NonFiniteError,
    OutOfDomainError,
    Outcomes,
    PercentagePoints,
    PercentRateWarning,
    PriceBasisMismatchError,
    ResultOverflowError,
    Share,
    ShareFractionWarning,
    UnitMismatchError,
    UnknownIdError,
    UnknownUnitError,
    UnreachableError,
    Unit,
    XuhuiError,
    annualize,
    assess,
    assess_json,
    assess_trend,
    cagr,
    catalog,
    chain,
    cumulate,
    doubling_time,
    implied_previous,
    outcomes,
    project,
    simulate_paths,
    years_to_reach,
)

__version__: str = _xuhui.__version__

__all__ = [
    "ERROR_CLASSES",
    "Assessment",
    "Catalog",
    "Figure",
    "Indicator",
    "EmptyInputError",
    "ExchangeRate",
    "ExchangeRateRequiredError",
    "InvalidArgumentError",
    "InvalidCatalogError",
    "InvalidObservationsError",
    "InvalidYearError",
    "LengthMismatchError",
    "NonFiniteError",
    "OutOfDomainError",
    "Outcomes",
    "PercentagePoints",
    "PercentRateWarning",
    "PriceBasisMismatchError",
    "ResultOverflowError",
    "Share",
    "ShareFractionWarning",
    "UnitMismatchError",
    "UnknownIdError",
    "UnknownUnitError",
    "UnreachableError",
    "Unit",
    "XuhuiError",
    "__version__",
    "annualize",
    "assess",
    "assess_json",
    "assess_trend",
    "cagr",
    "catalog",
    "chain",
    "cumulate",
    "doubling_time",
    "implied_previous",
    "outcomes",
    "plot",
    "project",
    "simulate_paths",
    "years_to_reach",
]
