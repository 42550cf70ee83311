"""DataFrames from the core's exports (pandas, polars, Arrow).

The native module hands over typed columns (missing text as None) and the
categories of each code column; this module only builds the tables, so
every value still comes from the Rust core. Each library is imported when
its method is called, never at ``import xuhui``.
"""

from __future__ import annotations

import importlib
from typing import Any, Mapping, Sequence


def _library(name: str) -> Any:
    """The optional library, imported on first use (untyped here: not
    every installation has its stubs)."""
    return importlib.import_module(name)


# Column types of the flat table that are not text.
_FLOAT = frozenset({"value", "base_value"})
_INT = frozenset({"year_start", "year_end"})


def catalog_frame(library: str, columns: Mapping[str, Sequence[Any]], categories: Mapping[str, Sequence[str]]) -> Any:
    """The flat table as a pandas or polars DataFrame, or a pyarrow Table.

    ``columns`` maps each column name to its values in order; the columns
    named in ``categories`` are code columns with those categories.
    """
    if library == "pandas":
        pd = _library("pandas")

        data = {
            name: (
                pd.Categorical(values, categories=list(categories[name]))
                if name in categories
                else pd.array(values, dtype="float64" if name in _FLOAT else "int64" if name in _INT else "str")
            )
            for name, values in columns.items()
        }
        return pd.DataFrame(data)
    if library == "polars":
        pl = _library("polars")

        schema = {name: _polars_type(pl, name, categories) for name in columns}
        return pl.DataFrame(dict(columns), schema=schema)
    if library == "arrow":
        pa = _library("pyarrow")

        arrays = [_arrow_array(pa, name, values, categories) for name, values in columns.items()]
        return pa.Table.from_arrays(arrays, names=list(columns))
    raise ValueError(f"library must be 'pandas', 'polars' or 'arrow', got {library!r}")


def _polars_type(pl: Any, name: str, categories: Mapping[str, Sequence[str]]) -> Any:
    if name in categories:
        return pl.Enum(list(categories[name]))
    if name in _FLOAT:
        return pl.Float64
    if name in _INT:
        return pl.Int32
    return pl.String


def _arrow_array(pa: Any, name: str, values: Sequence[Any], categories: Mapping[str, Sequence[str]]) -> Any:
    if name in categories:
        cats = list(categories[name])
        index = {c: i for i, c in enumerate(cats)}
        codes = pa.array([None if v is None else index[v] for v in values], type=pa.int8())
        return pa.DictionaryArray.from_arrays(codes, pa.array(cats, type=pa.string()))
    if name in _FLOAT:
        return pa.array(values, type=pa.float64())
    if name in _INT:
        return pa.array(values, type=pa.int32())
    return pa.array(values, type=pa.string())


def assessment_frame(library: str, columns: Mapping[str, Sequence[Any]], attrs: Mapping[str, Any]) -> Any:
    """An assessment's trajectory, one row per year: ``year`` (int) and
    float columns with nulls where a path has no value. ``attrs`` (the
    indicator, unit and whether values are running totals) become
    ``DataFrame.attrs`` in pandas."""
    if library == "pandas":
        pd = _library("pandas")

        data = {
            name: pd.array(values, dtype="int64" if name == "year" else "float64") for name, values in columns.items()
        }
        df = pd.DataFrame(data)
        df.attrs.update(attrs)
        return df
    if library == "polars":
        pl = _library("polars")

        schema = {name: pl.Int32 if name == "year" else pl.Float64 for name in columns}
        return pl.DataFrame(dict(columns), schema=schema)
    raise ValueError(f"library must be 'pandas' or 'polars', got {library!r}")
