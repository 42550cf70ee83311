"""Every public object and every exception survives pickling (and copying),
equal to itself; worker processes of a multiprocessing pool get and return
them intact."""

from __future__ import annotations

import copy
import math
import multiprocessing
import pickle
from typing import Any, Callable

import numpy as np
import pytest

import xuhui
from xuhui import _xuhui

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)

# SYNTHETIC observations (not from the report), as in the other tests.
OBS_CSV = "id,year,value\nai_output,2021,410\nai_output,2022,470\nlife_expectancy,2021,84.2\n"
OBS_JSON = '[{"id": "patents_per_10k", "year": 2021, "value": 130.0, "note": "synthetic"}]'


def round_trip(x: Any, protocol: int = pickle.HIGHEST_PROTOCOL) -> Any:
    return pickle.loads(pickle.dumps(x, protocol=protocol))


def user_catalog() -> xuhui.Catalog:
    return xuhui.catalog().with_observations_csv(OBS_CSV).with_observations_json(OBS_JSON)


def assert_survives(x: Any) -> None:
    """Equal after every pickle protocol and after copy/deepcopy."""
    for protocol in PROTOCOLS:
        y = round_trip(x, protocol)
        assert type(y) is type(x)
        assert y == x and not (y != x), (protocol, x)
        assert repr(y) == repr(x)
    assert copy.copy(x) == x and copy.deepcopy(x) == x
    if type(x).__hash__ is not None:
        assert hash(round_trip(x)) == hash(x)


def test_values() -> None:
    units = {f.unit for f in xuhui.catalog().figures()}
    units |= {u.dimension_base() for u in units}
    units |= {xuhui.Unit(t) for t in ("万美元", "ha", "10k m²", "pp", "件/万人")}
    assert len(units) > 15
    for u in units:
        assert_survives(u)
    for x in (
        xuhui.ExchangeRate("USD", "CNY", 6.9),
        xuhui.ExchangeRate("usd", "CNY", 6.9).inverse(),
        xuhui.Share(43.2),
        xuhui.Share(-0.0),
        xuhui.PercentagePoints(3.55),
        xuhui.PercentagePoints(-1e-300),
    ):
        assert_survives(x)
    # The rate keeps every bit.
    rate = xuhui.ExchangeRate("USD", "CNY", 0.1 + 0.2)
    assert round_trip(rate).rate == 0.1 + 0.2


def test_equality_tells_values_apart() -> None:
    assert xuhui.Unit("亿元") != xuhui.Unit("万元")
    assert xuhui.ExchangeRate("USD", "CNY", 6.9) != xuhui.ExchangeRate("USD", "CNY", 7.0)
    assert xuhui.ExchangeRate("USD", "CNY", 6.9) != xuhui.ExchangeRate("CNY", "USD", 6.9)
    assert xuhui.ExchangeRate("USD", "CNY", 6.9) != 6.9
    assert xuhui.Share(1.0) != xuhui.Share(1.5)
    assert xuhui.PercentagePoints(1.0) != xuhui.PercentagePoints(1.5)


def test_embedded_catalog_travels_as_a_reference() -> None:
    cat = xuhui.catalog()
    assert_survives(cat)
    # The embedded catalog is in every process: its pickle names it only.
    assert len(pickle.dumps(cat)) < 200
    assert len(pickle.dumps(cat["ai_output"].figures[0])) < 200


def test_catalog_with_observations() -> None:
    cat = user_catalog()
    back = round_trip(cat)
    assert back == cat and back != xuhui.catalog()
    assert back.to_catalog_json() == cat.to_catalog_json()
    user = back.figures(group="user")
    assert sorted((f.indicator, f.year_start, f.value) for f in user) == [
        ("ai_output", 2021, 410.0),
        ("ai_output", 2022, 470.0),
        ("life_expectancy", 2021, 84.2),
        ("patents_per_10k", 2021, 130.0),
    ]
    assert [f.note for f in user if f.indicator == "patents_per_10k"] == ["synthetic"]
    assert_survives(cat)
    # A catalog with observations that change nothing (none) is the embedded one.
    assert round_trip(xuhui.catalog().with_observations_csv("id,year,value\n")) == xuhui.catalog()


def test_indicators_and_figures() -> None:
    for cat in (xuhui.catalog(), user_catalog()):
        indicators = cat.indicators()
        figures = cat.figures()
        assert len(figures) > 150
        assert round_trip(indicators) == indicators
        assert round_trip(figures) == figures
        for protocol in PROTOCOLS:
            assert round_trip(figures, protocol) == figures
        for x in indicators[:3] + figures[:3]:
            assert_survives(x)
    # Figures of a user catalog keep the observations an assessment reads.
    fig = user_catalog()["ai_output"].targets()[0]
    back = round_trip(fig)
    assert back == fig and back != xuhui.catalog()["ai_output"].targets()[0]
    assert xuhui.assess(back) == xuhui.assess(fig)
    assert xuhui.assess(back).observed[-1] == (2022, 470.0)
    # A list of figures of one catalog carries the catalog's JSON once.
    one = len(pickle.dumps(user_catalog()))
    assert len(pickle.dumps(user_catalog().figures())) < one + 100 * len(figures)


def test_distinct_figures_and_indicators_are_unequal() -> None:
    cat = xuhui.catalog()
    figures = cat.figures()
    assert len(set(figures)) > 1
    assert all(a != b for a, b in zip(figures, figures[1:]))
    assert cat["ai_output"] != cat["gdp"]
    assert cat["ai_output"] != user_catalog()["ai_output"]
    assert cat["gdp"] == user_catalog()["gdp"]  # no observation for it


def test_assessments() -> None:
    cat = user_catalog()
    results = cat.assess_group()
    assessments = [r for _, r in results if isinstance(r, xuhui.Assessment)]
    assert len(assessments) > 10
    back = round_trip(results)
    assert [i for i, _ in back] == [i for i, _ in results]
    for (_, a), (_, b) in zip(results, back):
        if isinstance(a, xuhui.Assessment):
            assert b == a and b.to_dict() == a.to_dict()
            assert (b.name_zh, b.name_en) == (a.name_zh, a.name_en)
        else:
            assert type(b) is type(a) and str(b) == str(a) and b.kind == a.kind
    for a in assessments[:2]:
        assert_survives(a)
    assert assessments[0] != assessments[1]


def test_assessment_keeps_its_inputs() -> None:
    # SYNTHETIC GDP levels and inflation: the deflated series and its price basis.
    gdp = xuhui.assess("gdp", {2021: 2160.0, 2022: 2280.0}, deflator={"inflation": {2021: 0.02, 2022: 0.02}})
    back = round_trip(gdp)
    assert back == gdp and back.price_basis == "comparable" and back.observed == gdp.observed
    # A target dict, a price basis and non-default options (seed, paths).
    target = {"kind": "growth", "rate": 0.05, "base_year": 2020, "target_year": 2025, "price_basis": "current"}
    options = {"mc_paths": 500, "seed": 7, "band_coverages": [0.5]}
    a = xuhui.assess(target, {2020: 100.0, 2021: 103.0, 2022: 109.0}, options=options, price_basis="current")
    default = xuhui.assess(target, {2020: 100.0, 2021: 103.0, 2022: 109.0}, price_basis="current")
    assert a != default  # the options matter ...
    b = round_trip(a)
    assert b == a and b.to_dict() == a.to_dict()  # ... and travel with it
    assert b.name_zh is None and b.probability["monte_carlo"]["paths"] == 500


def raised(f: Callable[[], Any]) -> xuhui.XuhuiError:
    with pytest.raises(xuhui.XuhuiError) as info:
        f()
    return info.value


def error_cases() -> list[xuhui.XuhuiError]:
    cat = xuhui.catalog()
    growth = {"kind": "growth", "rate": 0.05, "base_year": 2020, "target_year": 2025}
    return [
        raised(lambda: xuhui.cagr(math.nan, 2.0, 1.0)),
        raised(lambda: xuhui.cagr(np.array([[1.0, 1.0], [1.0, -1.0]]), 2.0, 5.0)),
        raised(lambda: xuhui.years_to_reach(350.0, 1000.0, -0.02)),
        raised(lambda: xuhui.project(1e300, 0.9, 100.0)),
        raised(lambda: xuhui.simulate_paths(1.0, 0.05, 0.1, 5, 0)),
        raised(lambda: xuhui.cagr(np.ones(2), np.ones(3), 1.0)),
        raised(lambda: xuhui.Unit("万平光")),
        raised(lambda: xuhui.Unit("公顷").convert(1.0, "亿元")),
        raised(lambda: xuhui.Unit("亿美元").convert(1.0, "亿元")),
        raised(lambda: cat["no_such_indicator"]),
        raised(lambda: _xuhui._restore_catalog('{"schema_version": 1}')),
        raised(lambda: cat.with_observations_csv("id,year,value\nno_such,2021,1\nai_output,x,2\n")),
        raised(lambda: xuhui.assess("gdp")),
        raised(lambda: xuhui.assess({**growth, "target_year": 2019}, {2020: 1.0})),
        raised(lambda: xuhui.cagr(1.0, 2.0, 1.0, errors="ignore")),  # type: ignore[call-overload]
    ]


def test_every_exception() -> None:
    errors = error_cases()
    assert {e.kind for e in errors} == set(xuhui.ERROR_CLASSES)
    errors.append(xuhui.XuhuiError("a message"))
    for e in errors:
        for protocol in PROTOCOLS:
            b = round_trip(e, protocol)
            assert type(b) is type(e)
            assert str(b) == str(e) and b.args == e.args
            assert b.kind == e.kind
            assert b.__dict__.keys() == e.__dict__.keys()
            for key, value in e.__dict__.items():
                got = b.__dict__[key]
                if isinstance(value, float) and math.isnan(value):
                    assert math.isnan(got)
                else:
                    assert got == value, key
    by_kind = {e.kind: e for e in errors}
    assert round_trip(by_kind["out_of_domain"]).index == (1, 1)
    assert round_trip(by_kind["out_of_domain"]).value == -1.0
    assert round_trip(by_kind["non_finite"]).arg == "start"
    problems = round_trip(by_kind["invalid_observations"]).problems
    assert problems == by_kind["invalid_observations"].problems and len(problems) == 2
    assert isinstance(round_trip(by_kind["unknown_id"]), KeyError)
    assert isinstance(round_trip(by_kind["overflow"]), OverflowError)


# Worker functions: module-level, so a spawned process can import them.
def _echo(x: Any) -> Any:
    return x


def _assess(figure: xuhui.Figure) -> xuhui.Assessment:
    return xuhui.assess(figure)


def _cagr(start: np.ndarray) -> np.ndarray:
    return xuhui.cagr(start, 704.0, 5.0)  # type: ignore[return-value]


def test_multiprocessing_pool() -> None:
    cat = user_catalog()
    objects: list[Any] = [
        xuhui.Unit("万平方米"),
        xuhui.ExchangeRate("USD", "CNY", 6.9),
        xuhui.Share(43.2),
        xuhui.PercentagePoints(3.55),
        cat,
        cat["ai_output"],
        cat["ai_output"].targets()[0],
        cat.assess("ai_output"),
        raised(lambda: xuhui.cagr(np.array([350.0, -1.0]), 704.0, 5.0)),
    ]
    targets = [f for f in cat.figures(group="fyp14_targets") if f.indicator in ("ai_output", "life_expectancy")]
    # spawn: fresh interpreters, so everything crosses by pickle, both ways.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        echoed = pool.map(_echo, objects)
        assessed = pool.map(_assess, targets)
        ok = pool.apply(_cagr, (np.array([350.0, 400.0]),))
        with pytest.raises(xuhui.OutOfDomainError) as info:
            pool.apply(_cagr, (np.array([350.0, -1.0, 2.0]),))
        pool.close()
        pool.join()
    for got, sent in zip(echoed[:-1], objects[:-1]):
        assert type(got) is type(sent) and got == sent
    err = echoed[-1]
    assert type(err) is xuhui.OutOfDomainError and err.index == 1 and str(err) == str(objects[-1])
    assert assessed == [xuhui.assess(f) for f in targets]
    assert assessed[0].observed[-1] == (2022, 470.0)  # the worker had the observations
    assert ok.tobytes() == xuhui.cagr(np.array([350.0, 400.0]), 704.0, 5.0).tobytes()  # type: ignore[union-attr]
    assert info.value.kind == "out_of_domain" and info.value.index == 1
    assert str(info.value) == "element 1: start must be positive and finite, got -1"
