#!/usr/bin/env python3
"""Generate tests/vectors/assess.json, the language-neutral assessment cases.

Expected values never come from xuhui. They come from:

* hand reasoning (the first cases: every class boundary of the ratio and
  progress-chart methods, qualifiers, errors), written out below;
* the independent oracles in tests/oracles/ (written from the peers' code
  and texts): sdg_build_oracle (Open SDG's sdg-build, with and without a
  target, zeros, negatives, natural limits), destatis_oracle (the weather
  rule of dns-indikatoren.de), eurostat_oracle (Eurostat's trend without a
  target);
* mpmath, for the attainment probabilities (the Student-t predictive and
  the log-normal closed form).

    python3 tests/tools/gen_assess_vectors.py      (needs mpmath)

Every observation is SYNTHETIC, made up for the case.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import mpmath as mp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "oracles"))

import destatis_oracle  # noqa: E402
import eurostat_oracle  # noqa: E402
import sdg_build_oracle  # noqa: E402

mp.mp.dps = 40

FORMAT = {
    "method": "eurostat | unsd | destatis | probability (eurostat_ratio, unsd_progress, destatis_weather, "
              "attainment_probability: these take a target) | opensdg_trend | eurostat_trend (no target: "
              "these take polarity, optional limit (opensdg_trend) and base_year)",
    "target": "a Target as JSON: kind (growth: rate | level: value | change: amount | cumulative: total | "
              "every_year: bound), base_year, target_year; optional qualifier (exact, at_least, at_most, about, "
              "more_than; default exact), polarity (higher, lower, neutral; default higher), shape (compound, "
              "linear; default compound), price_basis (current, comparable)",
    "polarity": "trend methods: higher | lower",
    "limit": "opensdg_trend: optional natural limit of the indicator",
    "base_year": "trend methods: optional first year of the period",
    "observed": "[[year, value], ...] in the target's unit",
    "price_basis": "optional: the observed series' price basis",
    "deflator": "optional: {type: inflation | price_index, values: [[year, x], ...]}, applied to the series "
                "before the method",
    "options": "optional: Options fields overriding the defaults (e.g. model: {mu, sigma}, zero_rule: strict)",
    "expected": "either {error: <ErrorKind tag>} or {status: assessed | insufficient_data | not_applicable, "
                "class?, value?, needed?, available?}; value is the method's number: eurostat ratio R, unsd "
                "score, destatis deviation, probability closed form, the trends' progress value sign*d*CAGR; "
                "needed/available null when the data are unusable rather than too few",
    "source": "where the expected values come from: hand, oracle:<module>, mpmath",
    "tolerance": "values compare with |got - expected| <= 1e-12 * max(1, |expected|)",
}


# ---------------------------------------------------------------------------
# Hand-reasoned cases (ratio and progress-chart boundaries, qualifiers, errors).

G5 = {"kind": "growth", "base_year": 2020, "target_year": 2025, "rate": 0.05}
CUM = {"kind": "cumulative", "base_year": 2020, "target_year": 2025, "total": 100}
L80 = {"kind": "level", "base_year": 2020, "target_year": 2022, "value": 80, "polarity": "lower"}


def hand_cases() -> list[dict]:
    c = []

    def add(name, method, target, observed, expected, **extra):
        c.append({"name": name, "method": method, "target": target, "observed": observed,
                  "expected": expected, "source": "hand", **extra})

    # R = 0.04 / 0.05 (both CAGRs exact: 104/100 over one year, 5 %/yr target).
    add("ratio growth 4% vs 5% -> moderate", "eurostat", G5, [[2020, 100], [2021, 104]],
        {"status": "assessed", "class": "moderate_progress", "value": 0.8})
    # Cumulative: observed pace D/(t-b) against x*/(T-b) = 20 a year.
    for name, flow, cls, value in [
        ("ratio exactly 0.95 -> on_track (cumulative pace 19 vs 20)", 19, "on_track", 0.95),
        ("ratio just below 0.95 -> moderate", 18.99, "moderate_progress", 18.99 / 20),
        ("ratio exactly 0.60 -> moderate", 12, "moderate_progress", 0.6),
        ("ratio just below 0.60 -> insufficient", 11.9, "insufficient_progress", 11.9 / 20),
        ("ratio exactly 0 -> insufficient", 0, "insufficient_progress", 0.0),
        ("ratio negative -> moving_away", -1, "moving_away", -0.05),
    ]:
        add(name, "eurostat", CUM, [[2021, flow]], {"status": "assessed", "class": cls, "value": value})
    # Lower is better: CAGR_obs = -0.1, CAGR_req = sqrt(0.8) - 1, R = -(-0.1)/|req|.
    req = math.sqrt(0.8) - 1
    add("lower is better: 100 -> 90 against 80 by 2022", "eurostat", L80, [[2020, 100], [2021, 90]],
        {"status": "assessed", "class": "moderate_progress", "value": 0.1 / abs(req)})
    add("lower is better: rising is moving away", "eurostat", L80, [[2020, 100], [2021, 105]],
        {"status": "assessed", "class": "moving_away", "value": -0.05 / abs(req)})
    add("lower is better: below the target is achieved", "eurostat", L80, [[2020, 100], [2021, 79]],
        {"status": "assessed", "class": "achieved"})
    add("at_least inclusive: exactly the target is achieved", "eurostat",
        {"kind": "level", "base_year": 2020, "target_year": 2025, "value": 90, "qualifier": "at_least"},
        [[2020, 80], [2021, 90]], {"status": "assessed", "class": "achieved"})
    add("more_than exclusive: exactly the target is not achieved", "eurostat",
        {"kind": "level", "base_year": 2020, "target_year": 2025, "value": 90, "qualifier": "more_than"},
        [[2020, 80], [2021, 90]], {"status": "assessed", "class": "on_track"})
    add("one point only -> insufficient data", "eurostat", G5, [[2020, 100]],
        {"status": "insufficient_data", "needed": 2, "available": 1})
    add("target year before base year -> error", "eurostat",
        {"kind": "level", "base_year": 2020, "target_year": 2019, "value": 10}, [[2020, 1], [2021, 5]],
        {"error": "invalid_year"})
    add("comparable target, current series -> error", "eurostat", {**G5, "price_basis": "comparable"},
        [[2020, 100], [2021, 104]], {"error": "price_basis_mismatch"}, price_basis="current")
    # 107.1 deflated by 2 %: 105, exactly the 5 % a year required (R = 1).
    add("deflated series passes the guard", "eurostat", {**G5, "price_basis": "comparable"},
        [[2020, 100], [2021, 107.1]], {"status": "assessed", "class": "on_track", "value": 1.0},
        price_basis="current", deflator={"type": "inflation", "values": [[2021, 0.02]]})
    add("deflator missing a year -> error", "eurostat", {**G5, "price_basis": "comparable"},
        [[2020, 100], [2021, 104], [2022, 108]], {"error": "invalid_year"},
        price_basis="current", deflator={"type": "inflation", "values": [[2021, 0.02]]})
    add("duplicate year -> error", "eurostat", G5, [[2020, 100], [2020, 101]], {"error": "invalid_year"})
    add("strict zero rule: zero base -> insufficient data", "eurostat",
        {"kind": "level", "base_year": 2020, "target_year": 2025, "value": 10}, [[2020, 0], [2021, 5]],
        {"status": "insufficient_data", "needed": None, "available": None}, options={"zero_rule": "strict"})
    add("strict zero rule: zero target -> not applicable", "eurostat",
        {"kind": "level", "base_year": 2020, "target_year": 2025, "value": 0, "polarity": "lower"},
        [[2020, 10], [2021, 5]], {"status": "not_applicable"}, options={"zero_rule": "strict"})

    # UNSD: x̂_T = x_t (1 + CAGR)^(T - t); score = (x̂_T - x_a)/(x* - x_a).
    add("unsd 100->120, projected 144, target 200 -> 0.44 fair", "unsd",
        {"kind": "level", "base_year": 2020, "target_year": 2022, "value": 200}, [[2020, 100], [2021, 120]],
        {"status": "assessed", "class": "fair_progress", "value": 0.44})
    for name, flow, cls, value in [
        ("unsd exactly 0.95 -> on_track", 19, "on_track", 0.95),
        ("unsd exactly 0.10 -> fair", 2, "fair_progress", 0.1),
        ("unsd below 0.10 -> limited", 1.9, "limited_progress", 0.095),
        ("unsd negative -> deterioration", -1, "deterioration", -0.05),
    ]:
        add(name, "unsd", CUM, [[2021, flow]], {"status": "assessed", "class": cls, "value": value})
    add("unsd lower is better 100->95 against 80 by 2022", "unsd", L80, [[2020, 100], [2021, 95]],
        {"status": "assessed", "class": "fair_progress", "value": (95 * 0.95 - 100) / (80 - 100)})
    # A net balance of one sign: -40 -> -20 over two years, CAGR = sqrt(1/2) - 1,
    # projected -20 * 2^(-3/2) by 2025.
    proj = -20 * 2 ** -1.5
    add("unsd negative values of one sign are projected", "unsd",
        {"kind": "level", "base_year": 2020, "target_year": 2025, "value": -10}, [[2020, -40], [2022, -20]],
        {"status": "assessed", "class": "on_track", "value": (proj + 40) / 30})
    add("unsd zero base -> insufficient data", "unsd",
        {"kind": "level", "base_year": 2020, "target_year": 2025, "value": 10}, [[2020, 0], [2021, 5]],
        {"status": "insufficient_data", "needed": None, "available": None})
    add("unsd latest zero -> projected zero", "unsd",
        {"kind": "level", "base_year": 2020, "target_year": 2025, "value": -1, "polarity": "lower"},
        [[2020, 8], [2022, 0]], {"status": "assessed", "class": "fair_progress", "value": (0 - 8) / (-1 - 8)})
    return c


# ---------------------------------------------------------------------------
# Open SDG (sdg-build) through its oracle.

SDG = {"target_achieved": "achieved", "substantial_progress": "on_track", "moderate_progress": "moderate_progress",
       "limited_progress": "insufficient_progress", "deterioration": "moving_away"}


def sdg_target_case(name, series, target, target_year, polarity, base_year=2015):
    o = sdg_build_oracle.measure(dict(series), target=target, target_year=target_year,
                                 direction="positive" if polarity == "higher" else "negative", base_year=base_year)
    case = {"name": name, "method": "eurostat", "source": "oracle:sdg_build_oracle",
            "target": {"kind": "level", "value": target, "polarity": polarity, "base_year": base_year,
                       "target_year": target_year},
            "observed": [[y, v] for y, v in series]}
    if o["status"] == "error":
        case["expected"] = {"status": "insufficient_data"}
    elif o["status"] == "not_available":
        case["expected"] = {"status": "insufficient_data"}
    else:
        exp = {"status": "assessed", "class": SDG[o["status"]]}
        pv = o["progress_value"]
        if o["status"] != "target_achieved" and pv is not None and math.isfinite(pv):
            exp["value"] = pv
        case["expected"] = exp
    return case


def sdg_trend_case(name, series, polarity, limit=None, base_year=2015):
    o = sdg_build_oracle.measure(dict(series), direction="positive" if polarity == "higher" else "negative",
                                 limit=limit, base_year=base_year)
    case = {"name": name, "method": "opensdg_trend", "source": "oracle:sdg_build_oracle", "polarity": polarity,
            "base_year": base_year, "observed": [[y, v] for y, v in series]}
    if limit is not None:
        case["limit"] = limit
    if o["status"] in ("error", "not_available"):
        case["expected"] = {"status": "insufficient_data"}
    else:
        case["expected"] = {"status": "assessed", "class": SDG[o["status"]], "value": o["progress_value"]}
    return case


def sdg_cases() -> list[dict]:
    c = [
        sdg_target_case("open sdg: zero target, lower is better (0 -> 0.001)",
                        [(2015, 12.0), (2018, 9.0)], 0, 2030, "lower"),
        sdg_target_case("open sdg: zero target already reached", [(2015, 12.0), (2018, 0.0)], 0, 2030, "lower"),
        sdg_target_case("open sdg: zero base, rising, higher is better (0 -> 0.001)",
                        [(2015, 0.0), (2019, 3.0)], 10, 2030, "higher"),
        sdg_target_case("open sdg: zero base and zero latest, higher is better",
                        [(2015, 0.0), (2019, 0.0)], 5, 2030, "higher"),
        sdg_target_case("open sdg: negative base reverses the direction (net balance)",
                        [(2015, -40.0), (2020, -30.0)], -10, 2030, "higher"),
        sdg_target_case("open sdg: negative base moving away", [(2015, -40.0), (2020, -50.0)], -10, 2030, "higher"),
        sdg_target_case("open sdg: base and latest of opposite signs -> insufficient data",
                        [(2015, -4.0), (2020, 6.0)], 10, 2030, "higher"),
        sdg_target_case("open sdg: target equal to an unmet base, moving away",
                        [(2015, 50.0), (2020, 55.0)], 50, 2030, "lower"),
        sdg_target_case("open sdg: flat series short of its target", [(2015, 50.0), (2020, 50.0)], 60, 2030, "higher"),
        sdg_target_case("open sdg: base year missing -> next later year",
                        [(2014, 30.0), (2017, 40.0), (2021, 52.0)], 80, 2030, "higher"),
        sdg_target_case("open sdg: every point before the base year -> insufficient data",
                        [(2012, 30.0), (2014, 40.0)], 80, 2030, "higher"),
        sdg_target_case("open sdg: one point meeting the target -> achieved", [(2015, 90.0)], 80, 2030, "higher"),
        sdg_target_case("open sdg: one point short of the target -> insufficient data",
                        [(2015, 70.0)], 80, 2030, "higher"),
        sdg_target_case("open sdg: latest in the base year -> insufficient data",
                        [(2013, 60.0), (2014, 65.0), (2015, 70.0)], 80, 2030, "higher"),
    ]
    # Data after the target year: xuhui assesses as of the target year, so the
    # oracle's answer on the series up to it is the expectation.
    case = sdg_target_case("open sdg: data after the target year are not used",
                           [(2015, 100.0), (2019, 110.0), (2020, 118.0)], 120, 2020, "higher")
    case["observed"].append([2022, 90.0])
    c.append(case)
    # Without a target.
    c += [
        sdg_trend_case("open sdg trend: +1 % a year -> moderate", [(2015, 100.0), (2017, 102.01)], "higher"),
        sdg_trend_case("open sdg trend: +2 % a year -> on track", [(2015, 100.0), (2020, 100 * 1.02 ** 5)], "higher"),
        sdg_trend_case("open sdg trend: lower is better, rising -> moving away",
                       [(2015, 100.0), (2020, 110.0)], "lower"),
        sdg_trend_case("open sdg trend: flat -> insufficient progress", [(2015, 7.0), (2020, 7.0)], "higher"),
        sdg_trend_case("open sdg trend: natural limit, 97.4 -> 99.7 of 100",
                       [(2015, 97.4), (2022, 99.7)], "higher", limit=100),
        sdg_trend_case("open sdg trend: no limit, 97.4 -> 99.7", [(2015, 97.4), (2022, 99.7)], "higher"),
        sdg_trend_case("open sdg trend: base at the limit (C = 0), flat -> on track",
                       [(2015, 100.0), (2020, 100.0)], "higher", limit=100),
        sdg_trend_case("open sdg trend: limit 0 has no effect", [(2015, 5.0), (2020, 5.1)], "higher", limit=0),
        sdg_trend_case("open sdg trend: zero base (0 -> 0.001)", [(2015, 0.0), (2018, 2.0)], "lower"),
        sdg_trend_case("open sdg trend: negative values, higher is better",
                       [(2015, -20.0), (2020, -15.0)], "higher"),
        sdg_trend_case("open sdg trend: opposite signs -> insufficient data", [(2015, 3.0), (2020, -1.0)], "higher"),
        sdg_trend_case("open sdg trend: one point -> insufficient data", [(2015, 3.0)], "higher"),
        sdg_trend_case("open sdg trend: all before the base year -> insufficient data",
                       [(2010, 3.0), (2012, 4.0)], "higher"),
    ]
    return c


# ---------------------------------------------------------------------------
# Destatis through its oracle.

WEATHER = {"sun": "sunny", "sun_cloud": "slightly_cloudy", "cloud": "cloudy", "thunderstorm": "thunderstorm"}


def destatis_case(name, series, target, target_year, polarity, every_year=False, base_year=None):
    o = destatis_oracle.measure(dict(series), target=target, target_year=None if every_year else target_year,
                                direction=polarity, target_type="J" if every_year else "K", gaps="consecutive")
    kind = {"kind": "every_year", "bound": target} if every_year else {"kind": "level", "value": target}
    base_year = series[0][0] if base_year is None else base_year
    case = {"name": name, "method": "destatis", "source": "oracle:destatis_oracle",
            "target": {**kind, "polarity": polarity, "base_year": base_year, "target_year": target_year},
            "observed": [[y, v] for y, v in series]}
    if o["symbol"] == "not_assessed":
        case["expected"] = {"status": "insufficient_data", "needed": 4, "available": len(o["points"])}
    else:
        exp = {"status": "assessed", "class": WEATHER[o["symbol"]]}
        if "relative_shortfall" in o and o["symbol"] != "thunderstorm":
            exp["value"] = max(0.0, o["relative_shortfall"])
        case["expected"] = exp
    return case


def run(values, first=2020):
    return [(first + k, float(v)) for k, v in enumerate(values)]


def destatis_cases() -> list[dict]:
    # Four points ending in 2023 at 100; one year left to 2024; target 120.
    # Mean change m: projected 100 + m, miss (20 - m)/20.
    return [
        destatis_case("destatis miss exactly 5% -> slightly cloudy", run([43, 62, 81, 100]), 120, 2024, "higher"),
        destatis_case("destatis miss below 5% -> sunny", run([42, 61.5, 80.9, 100]), 120, 2024, "higher"),
        destatis_case("destatis miss exactly 20% -> slightly cloudy", run([52, 68, 84, 100]), 120, 2024, "higher"),
        destatis_case("destatis miss above 20% -> cloudy", run([52.3, 68.2, 84.1, 100]), 120, 2024, "higher"),
        destatis_case("destatis miss 4 of remaining 7 -> cloudy", run([100, 101, 102, 103]), 110, 2026, "higher"),
        destatis_case("destatis wrong direction -> thunderstorm", run([100, 99.5, 99, 98.5]), 110, 2026, "higher"),
        destatis_case("destatis flat short of the target -> thunderstorm", run([100, 100, 100, 100]), 110, 2026,
                      "higher"),
        destatis_case("destatis lower is better, on course -> sunny", run([100, 95, 90, 85]), 60, 2028, "lower"),
        destatis_case("destatis lower is better, too slow -> cloudy", run([100, 99, 98, 97]), 80, 2026, "lower"),
        destatis_case("destatis lower is better, rising -> thunderstorm", run([100, 101, 102, 103]), 80, 2026,
                      "lower"),
        destatis_case("destatis uses only the last six points",
                      run([10, 50, 100, 102, 104, 106, 108, 110], 2016), 140, 2030, "higher"),
        destatis_case("destatis three values -> insufficient data", run([100, 101, 102], 2021), 110, 2026, "higher"),
        destatis_case("destatis a gap breaks the run of consecutive years",
                      [(2018, 100.0), (2019, 101.0), (2021, 103.0), (2022, 104.0), (2023, 105.0)], 110, 2026,
                      "higher"),
        destatis_case("destatis met and improving -> sunny", run([90, 92, 94, 96]), 95, 2026, "higher"),
        destatis_case("destatis met but worsening -> slightly cloudy", run([99, 98, 97, 96]), 95, 2026, "higher"),
        destatis_case("destatis target year is the latest year, not met, improving -> cloudy",
                      run([80, 82, 84, 86]), 95, 2023, "higher"),
        destatis_case("destatis negative values are fine (absolute changes)", run([-40, -36, -32, -28]), -10, 2027,
                      "higher"),
        destatis_case("destatis every-year bound respected, improving -> sunny", run([5.4, 5.2, 5.1, 5.0], 2021),
                      5.5, 2025, "lower", every_year=True, base_year=2020),
        destatis_case("destatis every-year bound broken, not improving -> thunderstorm",
                      run([5.4, 5.5, 5.6, 5.7], 2021), 5.5, 2025, "lower", every_year=True, base_year=2020),
        destatis_case("destatis every-year bound broken, improving -> cloudy", run([6.2, 6.0, 5.9, 5.8], 2021),
                      5.5, 2025, "lower", every_year=True, base_year=2020),
    ]


# ---------------------------------------------------------------------------
# Eurostat without a target through its oracle.

def eurostat_trend_cases() -> list[dict]:
    c = []
    for name, series, polarity in [
        ("eurostat trend: +2 % a year -> significant progress", [(2018, 100.0), (2023, 100 * 1.02 ** 5)], "higher"),
        ("eurostat trend: +0.5 % a year -> moderate progress", [(2018, 100.0), (2023, 100 * 1.005 ** 5)], "higher"),
        ("eurostat trend: -0.5 % a year -> moderate movement away", [(2018, 100.0), (2023, 100 * 0.995 ** 5)],
         "higher"),
        ("eurostat trend: lower is better, +2 % -> significant movement away",
         [(2018, 100.0), (2023, 100 * 1.02 ** 5)], "lower"),
        ("eurostat trend: flat -> moderate movement away", [(2018, 5.0), (2023, 5.0)], "higher"),
        ("eurostat trend: only the last five years",
         [(2010, 1.0), (2017, 100.0), (2019, 90.0), (2023, 95.0)], "higher"),
        ("eurostat trend: one point in the period -> insufficient data", [(2010, 1.0), (2023, 95.0)], "higher"),
    ]:
        o = eurostat_oracle.measure(dict(series), direction=polarity, period="short")
        exp = ({"status": "insufficient_data"} if o["label"] == "not_assessed"
               else {"status": "assessed", "class": o["label"], "value": o["progress_value"]})
        c.append({"name": name, "method": "eurostat_trend", "source": "oracle:eurostat_oracle",
                  "polarity": polarity, "observed": [[y, v] for y, v in series], "expected": exp})
    c.append({"name": "eurostat trend: zero base -> insufficient data", "method": "eurostat_trend", "source": "hand",
              "polarity": "higher", "observed": [[2018, 0.0], [2023, 3.0]],
              "expected": {"status": "insufficient_data", "needed": None, "available": None}})
    return c


# ---------------------------------------------------------------------------
# Probabilities (mpmath).

def probability_cases() -> list[dict]:
    c = []
    model = {"mu": math.log(1.05), "sigma": 0.1}
    # Supplied model (known parameters): log-normal closed form over h = 2.
    median = 100 * 1.05 ** 2
    one_sigma = float(mp.mpf(median) * mp.exp(mp.mpf("0.1") * mp.sqrt(2)))
    phi = lambda x: float(mp.ncdf(x))  # noqa: E731
    for name, value, polarity, want in [
        ("closed form: median path exactly at target -> 0.5", median, "higher", 0.5),
        ("closed form: one sigma above the median -> Phi(-1)", one_sigma, "higher", phi(-1)),
        ("closed form: lower is better mirror -> 1 - Phi(-1)", one_sigma, "lower", 1 - phi(-1)),
    ]:
        c.append({"name": name, "method": "probability", "source": "mpmath",
                  "target": {"kind": "level", "base_year": 2020, "target_year": 2025, "value": value,
                             "polarity": polarity},
                  "observed": [[2023, 100]], "expected": {"status": "assessed", "value": want},
                  "options": {"model": model}})
    c.append({"name": "estimated model needs 3 points", "method": "probability", "source": "hand",
              "target": {"kind": "level", "base_year": 2020, "target_year": 2025, "value": 120},
              "observed": [[2020, 100], [2021, 110]],
              "expected": {"status": "insufficient_data", "needed": 3, "available": 2}})
    # Estimated model: Student-t predictive with k - 1 degrees of freedom.
    for name, obs, value, target_year in [
        ("student-t: four points, two years ahead", [[2020, 100], [2021, 106], [2022, 110], [2023, 117]], 130, 2025),
        ("student-t: four points, far above", [[2020, 100], [2021, 106], [2022, 110], [2023, 117]], 160, 2025),
        ("student-t: six points with a gap", [[2016, 50], [2017, 52], [2018, 55], [2020, 61], [2021, 60],
                                             [2023, 66]], 75, 2026),
    ]:
        c.append({"name": name, "method": "probability", "source": "mpmath",
                  "target": {"kind": "level", "base_year": obs[0][0], "target_year": target_year, "value": value},
                  "observed": obs, "expected": {"status": "assessed",
                                                "value": t_predictive(obs, value, target_year)}})
    c.append({"name": "log model with a zero value -> insufficient data", "method": "probability", "source": "hand",
              "target": {"kind": "level", "base_year": 2020, "target_year": 2025, "value": 120},
              "observed": [[2020, 100], [2021, 0], [2022, 110]],
              "expected": {"status": "insufficient_data", "needed": None, "available": None}})
    return c


def t_predictive(obs, value, target_year) -> float:
    """P(x_T >= value): (ln x_T - m)/S ~ t_{k-1}, m = ln x_t + h mu^, S = s sqrt(h + h^2/span),
    mu^ = ln(x_last/x_first)/span, s^2 = sum (d_i - mu^ dt_i)^2/dt_i / (k - 1)."""
    ys = [mp.mpf(y) for y, _ in obs]
    xs = [mp.log(mp.mpf(v)) for _, v in obs]
    span = ys[-1] - ys[0]
    mu = (xs[-1] - xs[0]) / span
    k = len(obs) - 1
    ss = sum((xs[i + 1] - xs[i] - mu * (ys[i + 1] - ys[i])) ** 2 / (ys[i + 1] - ys[i]) for i in range(k))
    s = mp.sqrt(ss / (k - 1))
    h = mp.mpf(target_year) - ys[-1]
    m = xs[-1] + h * mu
    scale = s * mp.sqrt(h + h * h / span)
    z = (mp.log(mp.mpf(value)) - m) / scale
    nu = mp.mpf(k - 1)
    # Upper tail of t_nu at z: 1/2 I_{nu/(nu+z^2)}(nu/2, 1/2) for z >= 0.
    tail = mp.betainc(nu / 2, mp.mpf(1) / 2, 0, nu / (nu + z * z), regularized=True) / 2
    return float(tail if z >= 0 else 1 - tail)


# ---------------------------------------------------------------------------
# Invalid requests.

def error_cases() -> list[dict]:
    t = {"kind": "level", "base_year": 2020, "target_year": 2025, "value": 10}
    return [
        {"name": "trend without a polarity -> error", "method": "opensdg_trend", "source": "hand",
         "observed": [[2020, 1], [2021, 2]], "expected": {"error": "invalid_argument"}},
        {"name": "trend of a neutral indicator -> error", "method": "opensdg_trend", "source": "hand",
         "polarity": "neutral", "observed": [[2020, 1], [2021, 2]], "expected": {"error": "invalid_argument"}},
        {"name": "trend with a target -> error", "method": "eurostat_trend", "source": "hand", "polarity": "higher",
         "target": t, "observed": [[2020, 1], [2021, 2]], "expected": {"error": "invalid_argument"}},
        {"name": "eurostat trend with a limit -> error", "method": "eurostat_trend", "source": "hand",
         "polarity": "higher", "limit": 100, "observed": [[2020, 1], [2021, 2]],
         "expected": {"error": "invalid_argument"}},
        {"name": "targeted method with a polarity of its own -> error", "method": "eurostat", "source": "hand",
         "polarity": "higher", "target": t, "observed": [[2020, 1], [2021, 2]],
         "expected": {"error": "invalid_argument"}},
        {"name": "targeted method without a target -> error", "method": "unsd", "source": "hand",
         "observed": [[2020, 1], [2021, 2]], "expected": {"error": "invalid_argument"}},
    ]


def too_little_cases() -> list[dict]:
    """One point, the latest in the base year, every point before it: no
    method can assess progress (hand reasoning: nothing after the base year)."""
    t = {"kind": "level", "base_year": 2020, "target_year": 2025, "value": 150}
    series = {
        "one point": [[2020, 100.0]],
        "latest in the base year": [[2017, 85.0], [2018, 90.0], [2019, 95.0], [2020, 100.0]],
        "every point before the base year": [[2016, 80.0], [2017, 85.0], [2018, 90.0], [2019, 95.0]],
    }
    return [{"name": f"{method}: {what} -> insufficient data", "method": method, "source": "hand",
             "target": t, "observed": obs, "expected": {"status": "insufficient_data"}}
            for what, obs in series.items() for method in ("eurostat", "unsd", "destatis", "probability")]


def main() -> None:
    cases = hand_cases() + sdg_cases() + destatis_cases() + eurostat_trend_cases() + probability_cases() \
        + too_little_cases() + error_cases()
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    doc = {
        "description": "Language-neutral test vectors for xh_core::assess (target tracking and trends). The Rust "
                       "runner is xh-core/tests/assess_vectors.rs; the Python and C bindings and the conformance "
                       "driver run the same file. Generated by tests/tools/gen_assess_vectors.py: expected values "
                       "from hand reasoning, the independent oracles in tests/oracles/, and mpmath; never from "
                       "xuhui. All observations are SYNTHETIC.",
        "format": FORMAT,
        "cases": cases,
    }
    out = ROOT / "tests" / "vectors" / "assess.json"
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"assess.json: {len(cases)} cases")


if __name__ == "__main__":
    main()
