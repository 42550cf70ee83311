"""Observations as Python and pandas users hold them, reduced to
``(year, value, unit)`` triples for the Rust core.

This module only reads shapes and types. Everything about the values
(finite, units converted to the indicator's, a year given twice,
plausibility) is decided by the core, which names the year in its messages.

Accepted:

* a mapping ``{year: value}`` or ``{year: (value, unit)}``;
* ``(year, value)``, ``(year, value, unit)`` or ``(year, (value, unit))``
  items in any iterable;
* a pandas ``Series`` indexed by year: integers, ``2021.0``, ``"2021"``, or
  a ``DatetimeIndex`` / annual ``PeriodIndex``;
* a pandas or polars ``DataFrame`` with ``year`` and ``value`` columns and
  optionally ``unit`` (other columns are ignored; an ``id`` column must hold
  one id); a pandas frame without ``year`` may carry the years in its index
  (dates, annual periods, or an index named ``year``).

A year is an integer, an integral float (``2021.0``), a string of digits
(``"2021"``, ``"2021.0"``), a date or timestamp (its year), or an annual
period. Anything else raises ``TypeError`` saying exactly what is wrong,
e.g. ``year must be an integer, got '2021Q1' (str)``. Several dates in one
year (monthly data) raise ``InvalidObservationsError``: annual data is
needed.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from typing import Any, Iterable, Optional

from . import _xuhui

_YEAR_TEXT = re.compile(r"\s*([+-]?\d+)(?:\.0+)?\s*\Z")

Triple = tuple[int, float, Optional[str]]


def _describe(x: Any) -> str:
    return f"{x!r} ({type(x).__name__})"


def _module(x: Any) -> str:
    return type(x).__module__.split(".")[0]


def _invalid(message: str) -> Exception:
    e = _xuhui.InvalidObservationsError(message)
    e.problems = [(0, 0, message)]
    e.index = None
    e.arg = "observations"
    e.value = None
    return e


def _year(key: Any) -> tuple[int, bool]:
    """The year of a key, and whether the key was a date (for messages)."""
    if isinstance(key, bool):
        raise TypeError(f"year must be an integer, got {_describe(key)}")
    if isinstance(key, numbers.Integral):
        return int(key), False
    if isinstance(key, numbers.Real):
        f = float(key)
        if math.isfinite(f) and f.is_integer():
            return int(f), False
        raise TypeError(f"year must be an integer, got {_describe(key)}")
    if isinstance(key, str):
        m = _YEAR_TEXT.match(key)
        if m:
            return int(m.group(1)), False
        raise TypeError(f"year must be an integer, got {_describe(key)}")
    if isinstance(key, (_dt.date, _dt.datetime)):  # pandas.Timestamp is a datetime
        return key.year, True
    if _module(key) == "pandas" and type(key).__name__ == "Period":
        freq = str(getattr(key, "freqstr", ""))
        if freq.startswith(("Y", "A")):
            return int(key.year), False
        raise TypeError(f"year must be an annual period, got {key} (freq {freq})")
    if _module(key) == "numpy" and type(key).__name__ == "datetime64":
        return int(str(key)[:4]), True
    raise TypeError(f"year must be an integer, got {_describe(key)}")


def _value(v: Any, year: int) -> tuple[float, Optional[str]]:
    if isinstance(v, (tuple, list)) and len(v) == 2 and isinstance(v[1], (str, _xuhui.Unit)):
        value, _ = _value(v[0], year)
        return value, _unit_text(v[1])
    if _missing(v):
        return math.nan, None
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise TypeError(
            f"value for {year} must be a number or (number, unit), got {_describe(v)}"
        )
    return float(v), None


def _missing(x: Any) -> bool:
    """None, NaN or pandas' NA (an empty cell)."""
    if x is None or (_module(x) == "pandas" and type(x).__name__ == "NAType"):
        return True
    return isinstance(x, float) and math.isnan(x)


def _unit_text(unit: Any) -> Optional[str]:
    if _missing(unit):
        return None
    if isinstance(unit, _xuhui.Unit):
        return str(unit)
    if isinstance(unit, str):
        return unit
    raise TypeError(f"unit must be a unit text such as '亿元' or a Unit, got {_describe(unit)}")


def _from_items(items: Iterable[tuple[Any, Any, Any]], unit: Optional[str]) -> list[Triple]:
    out: list[Triple] = []
    dated: dict[int, Any] = {}
    for key, v, row_unit in items:
        year, is_date = _year(key)
        if is_date:
            if year in dated:
                raise _invalid(
                    f"observations: two dates in {year} ({dated[year]} and {key}); observations "
                    "are annual, so aggregate first (e.g. series.resample('YE').last())"
                )
            dated[year] = key
        value, own_unit = _value(v, year)
        given = own_unit if own_unit is not None else _unit_text(row_unit)
        out.append((year, value, given if given is not None else unit))
    return out


def _pairs(obj: Iterable[Any]) -> Iterable[tuple[Any, Any, Any]]:
    for item in obj:
        if isinstance(item, (str, bytes)) or not isinstance(item, (tuple, list)):
            raise TypeError(
                "observations must be a mapping {year: value} or (year, value) pairs, "
                f"got the item {_describe(item)}"
            )
        if len(item) == 2:
            yield item[0], item[1], None
        elif len(item) == 3:
            yield item[0], item[1], item[2]
        else:
            raise TypeError(
                "each observation must be (year, value) or (year, value, unit), "
                f"got {len(item)} items: {item!r}"
            )


def _frame_rows(columns: list[str], rows: Iterable[dict[str, Any]], index: Any = None):
    lower = {str(c).strip().lower(): c for c in columns}
    if "value" not in lower:
        raise TypeError(
            "a DataFrame of observations needs a 'value' column and a 'year' column "
            f"(and optionally 'unit'), got columns {list(columns)!r}"
        )
    year_col, unit_col, id_col = lower.get("year"), lower.get("unit"), lower.get("id")
    rows = list(rows)
    if id_col is not None:
        ids = {r[id_col] for r in rows}
        if len(ids) > 1:
            raise _invalid(
                f"observations: the 'id' column holds {len(ids)} indicators ({sorted(map(str, ids))}); "
                "select one first (e.g. df[df['id'] == 'ai_output'])"
            )
    if year_col is None:
        if index is None:
            raise TypeError(
                f"a DataFrame of observations needs a 'year' column, got columns {list(columns)!r}"
            )
        years = list(index)
    else:
        years = [r[year_col] for r in rows]
    for y, r in zip(years, rows):
        yield y, r[lower["value"]], (r[unit_col] if unit_col is not None else None)


def normalize(obj: Any, unit: Any = None) -> list[Triple]:
    """``(year, value, unit)`` triples from any accepted shape (see the
    module docs); ``unit`` applies to values without their own."""
    default = _unit_text(unit)
    if isinstance(obj, (str, bytes)):
        raise TypeError(
            "observations must be a mapping {year: value}, (year, value) pairs, a pandas Series "
            f"or a DataFrame with year/value columns, got {type(obj).__name__}; for CSV or JSON "
            "text use Catalog.with_observations_csv / with_observations_json"
        )
    kind = (_module(obj), type(obj).__name__)
    if kind == ("pandas", "DataFrame"):
        records = obj.to_dict("records")
        has_year = any(str(c).strip().lower() == "year" for c in obj.columns)
        # Without a year column, only an index that is years says so: dates,
        # periods or an index named "year" (not the default 0, 1, 2 …).
        dated = type(obj.index).__name__ in ("DatetimeIndex", "PeriodIndex")
        named = str(obj.index.name).strip().lower() == "year"
        index = obj.index if not has_year and (dated or named) else None
        return _from_items(_frame_rows(list(obj.columns), records, index), default)
    if kind == ("polars", "DataFrame"):
        return _from_items(_frame_rows(list(obj.columns), obj.to_dicts()), default)
    if kind == ("pandas", "Series"):
        return _from_items(((k, v, None) for k, v in obj.items()), default)
    if hasattr(obj, "items"):
        return _from_items(((k, v, None) for k, v in obj.items()), default)
    try:
        it = iter(obj)
    except TypeError:
        raise TypeError(
            "observations must be a mapping {year: value}, (year, value) pairs, a pandas Series "
            f"or a DataFrame with year/value columns, got {type(obj).__name__}"
        ) from None
    return _from_items(_pairs(it), default)
