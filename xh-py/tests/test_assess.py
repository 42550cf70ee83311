"""Target tracking: xuhui.assess, assess_json, Catalog.assess_group,
simulate_paths and the plot's trajectory.

Every observation below 2021 that is not in the report is SYNTHETIC, made
up for the test; none of it is real data.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

import numpy as np
import pytest

import xuhui
from conftest import VECTORS

# SYNTHETIC AI output, 亿元 (the 2020 base, 350, is the report's).
SYNTHETIC_AI = {2021: 400.0, 2022: 455.0, 2023: 520.0}

VECTOR_DOC = json.loads((VECTORS / "assess.json").read_text(encoding="utf-8"))
VECTOR_CASES: list[dict[str, Any]] = VECTOR_DOC["cases"]
assert len(VECTOR_CASES) >= 30, "the shared assessment vectors are missing"

# The method's number in the full assessment, per vector method.
VALUE_KEY = {"eurostat": "ratio", "unsd": "score", "destatis": "deviation", "probability": "closed_form"}


def close(got: float, want: float) -> bool:
    return abs(got - want) <= 1e-12 * max(1.0, abs(want))


def request(case: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in case.items() if k not in ("name", "expected")})


@pytest.mark.parametrize("case", VECTOR_CASES, ids=[c["name"] for c in VECTOR_CASES])
def test_assess_vector_via_json(case: dict[str, Any]) -> None:
    expected = case["expected"]
    if "error" in expected:
        with pytest.raises(xuhui.XuhuiError) as info:
            xuhui.assess_json(request(case))
        assert info.value.kind == expected["error"]
        assert isinstance(info.value, xuhui.ERROR_CLASSES[expected["error"]])
        return
    got = json.loads(xuhui.assess_json(request(case)))
    for key in ("status", "class", "needed", "available"):
        if key in expected:
            assert got[key] == expected[key], (key, got)
    if "value" in expected:
        assert close(got["value"], expected["value"]), got


TREND_METHODS = {"opensdg_trend": "opensdg", "eurostat_trend": "eurostat"}
# Request shapes the Python signatures cannot express (a trend without a
# polarity or with a target, a targeted method with a polarity of its own):
# only the JSON form can be malformed that way.
JSON_ONLY = [
    c["name"] for c in VECTOR_CASES
    if (c["method"] in TREND_METHODS and ("target" in c or "polarity" not in c))
    or (c["method"] not in TREND_METHODS and ("target" not in c or "polarity" in c))
]


def trend_via_python(case: dict[str, Any]) -> dict[str, Any]:
    return xuhui.assess_trend(
        [tuple(p) for p in case["observed"]],
        case["polarity"],
        method=TREND_METHODS[case["method"]],
        limit=case.get("limit"),
        base_year=case.get("base_year"),
        options=case.get("options"),
    )


@pytest.mark.parametrize(
    "case",
    [c for c in VECTOR_CASES if c["name"] not in JSON_ONLY],
    ids=[c["name"] for c in VECTOR_CASES if c["name"] not in JSON_ONLY],
)
def test_assess_vector_via_python_api(case: dict[str, Any]) -> None:
    """The same cases through xuhui.assess with a target dict (or
    xuhui.assess_trend for the methods without a target). assess runs every
    method, and each must stand alone: a case for one method never fails
    because another cannot use the data."""
    expected = case["expected"]
    if case["method"] in TREND_METHODS:
        if "error" in expected:
            with pytest.raises(xuhui.ERROR_CLASSES[expected["error"]]):
                trend_via_python(case)
            return
        result = trend_via_python(case)
        assert result["status"] == expected["status"], result
        if "class" in expected:
            assert result["class"] == expected["class"]
        if "value" in expected:
            assert close(result["value"], expected["value"])
        return
    kwargs: dict[str, Any] = {
        "deflator": case.get("deflator"),
        "options": case.get("options"),
        "price_basis": case.get("price_basis"),
    }
    observed = [tuple(p) for p in case["observed"]]
    if "error" in expected:
        kinds = {expected["error"]}
        if expected["error"] in ("invalid_year", "non_finite"):
            # The Python API checks observations at the boundary and names
            # the year: a duplicate year or a NaN is invalid_observations.
            kinds.add("invalid_observations")
        with pytest.raises(tuple(xuhui.ERROR_CLASSES[k] for k in sorted(kinds))):
            xuhui.assess(case["target"], observed, **kwargs)
        return
    a = xuhui.assess(case["target"], observed, **kwargs)
    result = getattr(a, case["method"])
    assert result["status"] == expected["status"]
    if "class" in expected:
        assert result["class"] == expected["class"]
        if case["method"] != "probability":
            assert a.classes[case["method"]] == expected["class"]
    for key in ("needed", "available"):
        if key in expected:
            assert result[key] == expected[key]
    if "value" in expected:
        assert close(result[VALUE_KEY[case["method"]]], expected["value"])


def test_assess_json_all_equals_to_dict() -> None:
    target = {"kind": "growth", "base_year": 2020, "target_year": 2025, "rate": 0.05}
    observed = [[2020, 100.0], [2021, 104.0], [2022, 109.0], [2023, 113.0]]  # SYNTHETIC
    answer = json.loads(xuhui.assess_json(json.dumps({"method": "all", "target": target, "observed": observed})))
    a = xuhui.assess(target, {y: v for y, v in observed})
    assert a.to_dict() == answer
    assert a.observed == [tuple(p) for p in observed]
    assert a.name_zh is None and a.indicator == ""


def test_assess_json_malformed_is_invalid_argument() -> None:
    with pytest.raises(xuhui.InvalidArgumentError) as info:
        xuhui.assess_json("{not json")
    assert info.value.kind == "invalid_argument" and "line 1" in str(info.value)
    with pytest.raises(xuhui.InvalidArgumentError):
        xuhui.assess_json(json.dumps({"method": "nope", "target": {}, "observed": []}))


def test_assess_catalog_target_on_synthetic_observations() -> None:
    a = xuhui.assess("ai_output", SYNTHETIC_AI)
    assert isinstance(a, xuhui.Assessment)
    assert a.indicator == "ai_output" and a.name_zh == "人工智能及相关产业总产出"
    assert a.target["kind"] == "growth" and a.target["rate"] == 0.15
    assert a.observed == [(2020, 350.0), (2021, 400.0), (2022, 455.0), (2023, 520.0)]
    # 350 → 520 over 3 years is 14.1 % a year against 15 %: moderate progress.
    assert a.eurostat["status"] == "assessed"
    assert a.classes == {"eurostat": "moderate_progress", "unsd": "fair_progress", "destatis": "cloudy"}
    cagr = xuhui.cagr(350.0, 520.0, 3)
    assert a.eurostat["observed_rate"] == cagr
    assert a.progress["status"] == "assessed" and a.progress["met"] is False
    p = a.attainment_probability
    assert p is not None and 0.0 <= p <= 1.0
    assert a.probability["closed_form"] == p
    assert a.unit == xuhui.Unit("亿元")
    # Same through the catalog, an Indicator, a Figure, pairs and pandas.
    cat = xuhui.catalog()
    fig = [f for f in cat["ai_output"].targets() if f.group == "fyp14_targets"][0]
    pairs = list(SYNTHETIC_AI.items())
    for other in (
        cat.assess("ai_output", SYNTHETIC_AI),
        xuhui.assess(cat["ai_output"], pairs),
        xuhui.assess(fig, pairs),
    ):
        assert other.to_dict() == a.to_dict()
    pd = pytest.importorskip("pandas")
    assert xuhui.assess("ai_output", pd.Series(SYNTHETIC_AI)).to_dict() == a.to_dict()
    # The catalog itself is unchanged.
    assert xuhui.assess("ai_output").observed == [(2020, 350.0)]


def test_assess_uses_the_catalog_the_target_came_from() -> None:
    user = xuhui.catalog().with_observations_csv(
        "id,year,value\n" + "".join(f"ai_output,{y},{v}\n" for y, v in SYNTHETIC_AI.items())
    )
    from_user = xuhui.assess(user["ai_output"])
    assert from_user.to_dict() == xuhui.assess("ai_output", SYNTHETIC_AI).to_dict()
    assert xuhui.assess("ai_output", catalog=user).to_dict() == from_user.to_dict()


def test_insufficient_data_is_a_result() -> None:
    a = xuhui.assess("ai_output")  # the 2020 base only
    for method in ("eurostat", "unsd", "destatis", "probability"):
        r = getattr(a, method)
        assert r["status"] == "insufficient_data", (method, r)
        assert r["available"] < r["needed"] and r["reason"]
    assert a.classes == {"eurostat": None, "unsd": None, "destatis": None}
    assert a.attainment_probability is None
    assert "insufficient_data" in repr(a)
    assert "数据不足 insufficient data" in a._repr_html_()
    # Required path still drawn from the base.
    arrays = a.trajectory_arrays()
    assert arrays is not None and arrays["bands"] == []
    # A hand-made target with no observation at all.
    empty = xuhui.assess({"kind": "level", "value": 10, "base_year": 2020, "target_year": 2025}, [])
    assert empty.progress["status"] == "insufficient_data"
    assert empty.trajectory_arrays() is None


def test_price_basis_guard_and_deflator() -> None:
    with pytest.raises(xuhui.PriceBasisMismatchError) as info:
        xuhui.assess("gdp")
    assert info.value.kind == "price_basis_mismatch" and "deflator" in str(info.value)
    # SYNTHETIC GDP levels and inflation.
    obs = {2021: 2160.0, 2022: 2280.0}
    infl = {2021: 0.02, 2022: 0.02}
    a = xuhui.assess("gdp", obs, deflator={"inflation": infl})
    b = xuhui.assess("gdp", obs, deflator={"type": "inflation", "values": list(infl.items())})
    assert a.to_dict() == b.to_dict()
    assert a.price_basis == "comparable"
    assert a.eurostat["status"] == "assessed"
    with pytest.raises(xuhui.InvalidYearError):
        xuhui.assess("gdp", obs, deflator={"inflation": {2021: 0.02}})
    with pytest.raises(xuhui.InvalidArgumentError):
        xuhui.assess("gdp", obs, deflator={"cpi": infl})


def test_bad_input_raises_typed_errors() -> None:
    growth = {"kind": "growth", "rate": 0.05, "base_year": 2020, "target_year": 2025}
    with pytest.raises(xuhui.InvalidYearError):
        xuhui.assess({**growth, "target_year": 2019}, {2020: 1.0})
    # A zero level is data, not bad input: each method says what it can do.
    zero = xuhui.assess(growth, {2020: 0.0, 2021: 1.0})
    assert zero.eurostat["status"] == "insufficient_data"
    assert zero.eurostat["reason"] == "a growth target needs a positive base level; the level in 2020 is 0"
    # Observation errors name the year, not a position.
    with pytest.raises(xuhui.InvalidObservationsError, match="2020: given twice"):
        xuhui.assess(growth, [(2020, 1.0), (2020, 2.0)])
    with pytest.raises(xuhui.InvalidObservationsError, match="2020: value must be finite, got NaN"):
        xuhui.assess(growth, {2020: math.nan})
    with pytest.raises(xuhui.InvalidObservationsError) as info:
        xuhui.assess("ai_output", {2021: math.nan})
    assert info.value.problems
    with pytest.raises(xuhui.InvalidArgumentError):
        xuhui.assess({"kind": "growth", "base_year": 2020}, {})
    with pytest.raises(xuhui.InvalidArgumentError):
        xuhui.assess(growth, {2020: 1.0}, options={"no_such_option": 1})
    with pytest.raises(xuhui.OutOfDomainError):
        xuhui.assess(growth, {2020: 1.0}, options={"ratio_moderate": 2.0})
    with pytest.raises(xuhui.InvalidArgumentError):
        xuhui.assess("ai_output", SYNTHETIC_AI, price_basis="comparable")
    with pytest.raises(xuhui.UnknownIdError):
        xuhui.assess("nope")
    with pytest.raises(TypeError):
        xuhui.assess(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        xuhui.assess("ai_output", "2021,400")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        xuhui.assess("ai_output", {2021.5: 400.0})


def test_options_change_thresholds() -> None:
    # SYNTHETIC: the same data is on track when the cut-off is lowered.
    a = xuhui.assess("ai_output", SYNTHETIC_AI, options={"ratio_on_track": 0.9, "ratio_moderate": 0.5})
    assert a.classes["eurostat"] == "on_track"
    m = xuhui.assess("ai_output", SYNTHETIC_AI, options={"model": {"mu": 0.2, "sigma": 0.05}})
    assert m.probability["estimated"] is False


def test_assess_group_on_synthetic_scenario() -> None:
    cat = xuhui.catalog()
    results = cat.assess_group("fyp14_targets")
    assert len(results) == len(cat.figures(group="fyp14_targets", status="target"))
    errors = {i: r for i, r in results if isinstance(r, xuhui.XuhuiError)}
    assert set(errors) == {"gdp"} and errors["gdp"].kind == "price_basis_mismatch"
    deflated = dict(cat.assess_group(deflators={"gdp": {"inflation": {}}}))
    assert isinstance(deflated["gdp"], xuhui.Assessment)
    with pytest.raises(xuhui.InvalidArgumentError):
        cat.assess_group("nope")


def test_repr_and_html_escape() -> None:
    a = xuhui.assess("ai_output", SYNTHETIC_AI)
    r = repr(a)
    assert r.startswith("Assessment('ai_output', '15 % a year, 2020–2025', eurostat='moderate_progress'")
    assert a.target_text == "15 % a year, 2020–2025"
    html = a._repr_html_()
    assert "<table" in html and "进展一般 moderate progress" in html and "多云 cloudy" in html
    assert "欧盟统计局" in html and "Eurostat" in html
    spec = {"indicator": "<b>&x", "kind": "level", "value": 10, "base_year": 2020, "target_year": 2025}
    h = xuhui.assess(spec, {2020: 5.0, 2021: 6.0})._repr_html_()
    assert "<b>&x" not in h and "&lt;b&gt;&amp;x" in h
    with pytest.raises((AttributeError, TypeError)):
        a.indicator = "x"  # type: ignore[misc]


def test_trajectory_arrays_are_the_core_trajectory() -> None:
    a = xuhui.assess("ai_output", SYNTHETIC_AI)
    arrays = a.trajectory_arrays()
    assert arrays is not None
    t = a.trajectory
    assert list(arrays["years"]) == t["years"] == list(range(2020, 2026))
    for key in ("observed", "required", "projected"):
        got = arrays[key]
        assert got.dtype == np.float64
        for g, w in zip(got, t[key]):
            assert (math.isnan(g) and w is None) or g == w
    assert [b["coverage"] for b in arrays["bands"]] == [0.8, 0.95]
    # The required path of a growth target is the compound path at 15 %.
    np.testing.assert_array_equal(arrays["required"], xuhui.project(350.0, 0.15, np.arange(6)))


def test_simulate_paths() -> None:
    x = xuhui.simulate_paths(100.0, 0.05, 0.1, 5, 1000, seed=42)
    assert x.shape == (1000, 5) and x.dtype == np.float64
    np.testing.assert_array_equal(x, xuhui.simulate_paths(100.0, 0.05, 0.1, 5, 1000, seed=42))
    assert not np.array_equal(x, xuhui.simulate_paths(100.0, 0.05, 0.1, 5, 1000, seed=43))
    # Log-growth over five years has mean 5·mu (loose 5-sigma check).
    logs = np.log(x[:, -1] / 100.0)
    assert abs(logs.mean() - 0.25) < 5 * 0.1 * math.sqrt(5) / math.sqrt(1000)
    flat = xuhui.simulate_paths(100.0, 0.05, 0.0, 3, 2)
    np.testing.assert_allclose(flat[1], 100.0 * np.exp(0.05 * np.arange(1, 4)), rtol=1e-14)
    with pytest.raises(xuhui.OutOfDomainError):
        xuhui.simulate_paths(0.0, 0.05, 0.1, 5, 10)
    with pytest.raises(xuhui.OutOfDomainError):
        xuhui.simulate_paths(1.0, 0.05, -0.1, 5, 10)
    with pytest.raises(xuhui.EmptyInputError):
        xuhui.simulate_paths(1.0, 0.05, 0.1, 0, 10)
    with pytest.raises(xuhui.EmptyInputError):
        xuhui.simulate_paths(1.0, 0.05, 0.1, 5, 0)
    with pytest.raises(xuhui.NonFiniteError):
        xuhui.simulate_paths(1.0, math.nan, 0.1, 5, 10)


def test_plot_draws_the_core_trajectory_with_bands() -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    ax = xuhui.plot("ai_output", observations=SYNTHETIC_AI)
    assert isinstance(ax, Axes)
    arrays = xuhui.assess("ai_output", SYNTHETIC_AI).trajectory_arrays()
    assert arrays is not None
    bands = [c for c in ax.collections if "range" in str(c.get_label())]
    assert sorted(str(c.get_label()) for c in bands) == ["80 % range (n = 3, indicative)", "95 % range (n = 3, indicative)"]
    required = [line for line in ax.get_lines() if line.get_linestyle() == "--"][0]
    np.testing.assert_array_equal(np.asarray(required.get_ydata()), arrays["required"])
    projected = [line for line in ax.get_lines() if line.get_linestyle() == "-."][0]
    keep = np.isfinite(arrays["projected"])
    np.testing.assert_array_equal(np.asarray(projected.get_ydata()), arrays["projected"][keep])
    ax.figure.savefig(io.BytesIO(), format="png")
    # Every catalog target with a base level draws; the others say why not.
    for ind in xuhui.catalog():
        if not ind.assessable_targets():
            continue
        deflator = {"inflation": {}} if ind.id == "gdp" else None
        fig, axn = plt.subplots()
        if xuhui.assess(ind, deflator=deflator).trajectory["status"] == "assessed":
            assert xuhui.plot(ind, ax=axn, deflator=deflator) is axn
        else:
            with pytest.raises(xuhui.InvalidArgumentError, match="nothing to draw"):
                xuhui.plot(ind, ax=axn, deflator=deflator)
        plt.close(fig)
    # Cumulative, every-year and linear targets on SYNTHETIC data.
    synthetic = {
        "housing_renovation": {2021: 37.0, 2022: 50.0, 2023: 55.0},  # running total drawn
        "urban_unemployment_rate": {2021: 4.6, 2022: 4.9, 2023: 4.7},
        "green_coverage_rate": {2020: 30.5, 2021: 30.8, 2022: 31.0, 2023: 31.3},
    }
    for id_, obs in synthetic.items():
        axk = xuhui.plot(id_, obs)
        arrays_k = xuhui.assess(id_, obs).trajectory_arrays()
        assert arrays_k is not None and arrays_k["bands"]
        assert any("range" in str(c.get_label()) for c in axk.collections), id_
        if id_ == "housing_renovation":
            assert arrays_k["cumulative"] and "running total" in axk.get_ylabel()
            np.testing.assert_array_equal(arrays_k["observed"][:4], [0.0, 37.0, 87.0, 142.0])
        if id_ == "urban_unemployment_rate":
            # The bound is a shaded region, not a required path.
            assert any(str(c.get_label()).startswith("acceptable each year: ≤ 5.5 %") for c in axk.collections)
            assert not any(line.get_linestyle() == "--" for line in axk.get_lines())
        axk.figure.savefig(io.BytesIO(), format="png")
    with pytest.raises(xuhui.PriceBasisMismatchError):
        xuhui.plot("gdp", {2021: 2160.0})
    plt.close("all")
