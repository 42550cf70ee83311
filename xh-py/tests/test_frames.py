"""DataFrames of the flat table and of an assessment: nulls for missing
values, categorical code columns, the unit in English, and the trajectory
as rows an analyst can chart."""

from __future__ import annotations

import math

import numpy as np
import pytest

import xuhui

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

CODES = {
    "category": ["economy", "innovation", "livelihood", "environment", "governance", "infrastructure", "culture", "health", "public_safety"],
    "group": ["results_2020", "fyp13_record", "fyp14_targets", "plan_2021", "glossary", "user"],
    "status": ["actual", "estimate", "target", "planned"],
    "qualifier": ["exact", "at_least", "at_most", "about", "more_than"],
    "target_kind": [
        "level", "level_each_year", "growth", "average_growth", "cumulative_growth", "change", "cumulative_amount",
        "gross_addition", "rank", "coverage",
    ],
    "polarity": ["higher", "lower", "neutral"],
    "price_basis": ["current", "comparable"],
    "scope": ["district", "municipal", "national"],
}
OPTIONAL_TEXT = ("price_basis", "section", "quote", "note", "bound_text", "universe")
# SYNTHETIC observations (亿元).
SYNTHETIC_AI = {2021: 400.0, 2022: 455.0, 2023: 520.0}


@pytest.fixture(scope="module")
def user_cat() -> xuhui.Catalog:
    # One SYNTHETIC user row: no section, quote or note.
    return xuhui.catalog().with_observations_csv("id,year,value\nai_output,2021,400\n")


def test_columns_are_the_flat_table_plus_unit_en(user_cat: xuhui.Catalog) -> None:
    df = user_cat.to_pandas()
    flat = list(user_cat.to_dicts()[0])
    assert list(df.columns) == flat[: flat.index("unit") + 1] + ["unit_en"] + flat[flat.index("unit") + 1 :]
    assert len(df) == len(user_cat.figures())
    ai = df[df["id"] == "ai_output"].iloc[0]
    assert (ai["unit"], ai["unit_en"]) == ("亿元", "100 million yuan")


def test_pandas_nulls_and_categoricals(user_cat: xuhui.Catalog) -> None:
    df = user_cat.to_pandas()
    for col, cats in CODES.items():
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
        assert list(df[col].cat.categories) == cats, col
    assert (df[list(OPTIONAL_TEXT)] == "").sum().sum() == 0
    user = df[df["group"] == "user"].iloc[0]
    assert all(pd.isna(user[c]) for c in ("section", "quote", "note"))
    assert pd.isna(df.loc[df["id"] == "mnc_regional_hq", "price_basis"]).all()
    assert df["price_basis"].notna().any()
    assert df["value"].dtype == np.float64 and df["year_end"].dtype == np.int64
    # The same rows as the dicts, with None where they hold "".
    rows = user_cat.to_dicts()
    for col in OPTIONAL_TEXT:
        want = [r[col] or None for r in rows]
        got = [None if pd.isna(v) else v for v in df[col]]
        assert got == want, col


def test_polars_and_arrow(user_cat: xuhui.Catalog) -> None:
    df = user_cat.to_polars()
    for col, cats in CODES.items():
        assert df.schema[col] == pl.Enum(cats), col
    for col in OPTIONAL_TEXT:
        assert df.filter(pl.col(col) == "").height == 0, col
    assert df.filter(pl.col("group") == "user")["note"].null_count() == 1
    table = pa.table(user_cat)
    assert table.num_rows == df.height
    assert table.column_names == df.columns
    for col in CODES:
        assert pa.types.is_dictionary(table.schema.field(col).type), col
    assert table.column("quote").null_count == 1
    assert pl.DataFrame(user_cat).schema["status"].base_type() in (pl.Categorical, pl.Enum)
    assert pd.DataFrame.from_arrow(user_cat).shape == user_cat.to_pandas().shape


def test_assessment_frame_is_the_trajectory() -> None:
    a = xuhui.assess("ai_output", SYNTHETIC_AI)
    df = a.to_frame()
    arrays = a.trajectory_arrays()
    assert arrays is not None
    assert list(df.columns) == ["year", "observed", "required", "projected", "lower_80", "upper_80", "lower_95", "upper_95"]
    assert list(df["year"]) == list(range(2020, 2026))
    for col in ("observed", "required", "projected"):
        np.testing.assert_array_equal(df[col].to_numpy(), arrays[col])
    for band in arrays["bands"]:
        pct = f"{band['coverage'] * 100:g}"
        np.testing.assert_array_equal(df[f"lower_{pct}"].to_numpy(), band["lower"])
    assert df["observed"].isna().sum() == 2 and math.isclose(df["observed"].iloc[3], 520.0)
    assert df.attrs == {
        "indicator": "ai_output",
        "unit": "亿元",
        "unit_en": "100 million yuan",
        "target": "15 % a year, 2020–2025",
        "cumulative": False,
        "growth_rates": 3,
    }
    p = a.to_frame("polars")
    assert p.columns == list(df.columns) and p["observed"].null_count() == 2
    running = xuhui.assess("housing_renovation", {2021: 40.0, 2022: 45.0, 2023: 47.0}).to_frame()
    assert running.attrs["cumulative"] is True and list(running["observed"][:4]) == [0.0, 40.0, 85.0, 132.0]
    empty = xuhui.assess({"kind": "level", "value": 10, "base_year": 2020, "target_year": 2025}, []).to_frame()
    assert list(empty.columns) == ["year", "observed", "required", "projected"] and len(empty) == 0
    with pytest.raises(xuhui.InvalidArgumentError, match="library"):
        a.to_frame("excel")
