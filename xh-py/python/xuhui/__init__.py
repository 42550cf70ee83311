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

Rates are decimal fractions throughout (``0.15`` is 15 %).
"""

from __future__ import annotations

from . import _xuhui
from ._xuhui import (
    ERROR_CLASSES,
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
    PercentagePoints,
    PriceBasisMismatchError,
    ResultOverflowError,
    Share,
    UnitMismatchError,
    UnknownIdError,
    UnknownUnitError,
    UnreachableError,
    Unit,
    XuhuiError,
    annualize,
    cagr,
    chain,
    cumulate,
    doubling_time,
    implied_previous,
    project,
    years_to_reach,
)

__version__: str = _xuhui.__version__

__all__ = [
    "ERROR_CLASSES",
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
    "PercentagePoints",
    "PriceBasisMismatchError",
    "ResultOverflowError",
    "Share",
    "UnitMismatchError",
    "UnknownIdError",
    "UnknownUnitError",
    "UnreachableError",
    "Unit",
    "XuhuiError",
    "__version__",
    "annualize",
    "cagr",
    "chain",
    "cumulate",
    "doubling_time",
    "has_catalog",
    "implied_previous",
    "project",
    "years_to_reach",
]


def has_catalog() -> bool:
    """Whether this build embeds the report's catalog (``xuhui.catalog()``).

    The catalog bindings arrive with ``xh_core::catalog``; until then the
    growth functions, units and shares are available and this returns False.
    """
    return hasattr(_xuhui, "catalog")
