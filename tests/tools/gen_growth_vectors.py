#!/usr/bin/env python3
"""Generate tests/vectors/growth*.json with an independent mpmath reference.

The expected values are computed here, at 60 significant digits, from the
textbook formulas (not from xuhui), then rounded once to the nearest double;
`chain`, a product of rationals, is computed exactly with fractions.Fraction
(60 digits cannot hold a product whose gains and losses cancel to 1e-400).
Error cases carry the error kind xuhui must report. Rerun with:

    python3 tests/tools/gen_growth_vectors.py

Requires only mpmath. Output is deterministic (seeded).
"""
from __future__ import annotations

import json
import math
import random
import struct
from fractions import Fraction
from pathlib import Path

import mpmath as mp

mp.mp.dps = 60
OUT = Path(__file__).resolve().parents[1] / "vectors"


def enc(x):
    if isinstance(x, list):
        return [enc(v) for v in x]
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def F(x):
    return mp.mpf(x)


def to_double(v):
    d = float(v)
    if math.isinf(d):
        raise OverflowError
    return d


# ---- the exact definitions ---------------------------------------------
# `1 + rate` goes through log1p, never formed in 60 digits: a rate of
# 1e-300 would vanish from it (and `(1 + r)^n − 1` through expm1).
def ref_cagr(start, end, years):
    return (F(end) / F(start)) ** (1 / F(years)) - 1


def ref_project(start, rate, years):
    return F(start) * mp.exp(F(years) * mp.log1p(F(rate)))


def ref_years_to_reach(start, target, rate):
    if start == target:
        return mp.mpf(0)
    return mp.log(F(target) / F(start)) / mp.log1p(F(rate))


def ref_annualize(c, years):
    return mp.expm1(mp.log1p(F(c)) / F(years))


def ref_cumulate(rate, years):
    return mp.expm1(F(years) * mp.log1p(F(rate)))


def ref_chain(rates):
    """Exact: every double is a rational, and so is the product."""
    p = Fraction(1)
    for r in rates:
        p *= 1 + Fraction(r)
    return p - 1


def ref_implied_previous(current, growth):
    return F(current) / (1 + F(growth))


def ref_doubling_time(rate):
    return mp.log(2) / mp.log1p(F(rate))


REF = {
    "cagr": (ref_cagr, ["start", "end", "years"]),
    "project": (ref_project, ["start", "rate", "years"]),
    "years_to_reach": (ref_years_to_reach, ["start", "target", "rate"]),
    "annualize": (ref_annualize, ["cumulative_change", "years"]),
    "cumulate": (ref_cumulate, ["rate", "years"]),
    "chain": (ref_chain, ["rates"]),
    "implied_previous": (ref_implied_previous, ["current", "growth"]),
    "doubling_time": (ref_doubling_time, ["rate"]),
}


def ok(fn, *args, note="", max_ulp=2):
    f, names = REF[fn]
    value = to_double(f(*args))
    case = {"function": fn, "args": dict(zip(names, map(enc, args))), "expected": value}
    if max_ulp != 2:
        case["max_ulp"] = max_ulp
    if note:
        case["note"] = note
    return case


def err(fn, kind, *args, note=""):
    _, names = REF[fn]
    case = {"function": fn, "args": dict(zip(names, map(enc, args))), "error": kind}
    if note:
        case["note"] = note
    return case


NAN, INF = float("nan"), float("inf")


def handpicked():
    c = [
        # Worked examples from the report.
        ok("project", 350.0, 0.15, 5.0, note="AI output 2020 350亿元 at 15%/yr -> 2025 (704.0亿元)"),
        ok("project", 650.0, 0.09, 5.0, note="life-health output 650亿元 at 9%/yr -> 2025 (1000.1亿元)"),
        ok("cagr", 60.0, 118.0, 5.0, note="patents per 10k residents 2015->2020 (14.48%/yr)"),
        ok("annualize", -0.426, 5.0, note="PM2.5 -42.6% over five years (-10.51%/yr)"),
        ok("cagr", 542.0, 596.0, 5.0, note="park green 542->596 ha (1.92%/yr)"),
        ok("implied_previous", 198.1, 0.02, note="budget revenue 198.1亿元 up 2% -> 194.2亿元"),
        ok("cagr", 86.0, 113.0, 5.0, note="foreign HQ institutions 86->113"),
        ok("cagr", 84.5, 85.75, 5.0, note="life expectancy 84.5->85.75"),
        ok("annualize", -0.15, 5.0, note="energy intensity -15% over five years"),
        ok("cumulate", 0.05, 5.0, note="GDP about 5%/yr over the 14th FYP"),
        ok("project", 198.1, 0.05, 1.0, note="2021 budget revenue at about +5%"),
        ok("years_to_reach", 350.0, 1000.0, 0.15),
        ok("doubling_time", 0.15),
        ok("doubling_time", 0.05),
        ok("chain", [0.10, -0.10]),
        ok("chain", [0.025, 0.06, 0.05, 0.05, 0.05]),
        ok("chain", [0.075]),
        ok("chain", [-0.04, 0.03, 0.03]),
        # Ordinary values.
        ok("cagr", 100.0, 110.0, 1.0, note="exact 10%, where (e/s)-1 gives 0.10000000000000009"),
        ok("cagr", 100.0, 121.0, 2.0),
        ok("cagr", 3.0, 7.0, 2.5, note="fractional years"),
        ok("cagr", 1000.0, 1000.0000001, 5.0, note="tiny rate keeps relative accuracy"),
        ok("cagr", 1.0, 1.0 + 2 ** -40, 3.0, note="tiny rate"),
        ok("cagr", 5.0, 2.0, 3.0, note="decline"),
        ok("cagr", 1.0, 1e6, 10.0),
        ok("cagr", 2.0, 2.0, 7.0, note="no change"),
        ok("project", 100.0, 0.0, 10.0),
        ok("project", 100.0, 0.05, 0.0, note="zero years returns start"),
        ok("project", 1.0, 1e-10, 1e10, note="tiny rate, huge horizon"),
        ok("project", 1.0, -0.999999, 5.0, note="rate just above -1"),
        ok("project", -50.0, 0.03, 4.0, note="negative start scales"),
        ok("project", 123.456, -0.07, 2.5),
        ok("project", 1e-300, 0.5, 3.0, note="tiny start"),
        ok("project", 1e300, 0.01, 10.0, note="huge start"),
        ok("years_to_reach", 100.0, 100.0, 0.0, note="already there"),
        ok("years_to_reach", 100.0, 50.0, -0.1, note="decline to a lower target"),
        ok("years_to_reach", 1.0, 1.0 + 1e-12, 1e-9),
        ok("years_to_reach", 39.65, 43.2, 0.02),
        ok("annualize", 0.5, 4.0),
        ok("annualize", 1e-12, 5.0, note="tiny change"),
        ok("annualize", 0.3, 1.0, note="one year returns the change"),
        ok("annualize", -0.99, 0.5, note="fractional years below one"),
        ok("cumulate", -0.10513, 5.0),
        ok("cumulate", 0.15, 0.0),
        ok("cumulate", 1e-15, 3.0, note="tiny rate"),
        ok("cumulate", -0.9999, 7.0, note="near -1"),
        ok("cumulate", 2.0, 30.0, note="large result"),
        ok("implied_previous", 630.0, -0.04),
        ok("implied_previous", 1.0, 1e-17),
        ok("implied_previous", 7300.0, -0.04),
        ok("doubling_time", 1e-10, note="tiny rate"),
        ok("doubling_time", 1.0, note="doubles in one period"),
        # Errors.
        err("cagr", "out_of_domain", -3.0, 5.0, 1.0),
        err("cagr", "out_of_domain", 0.0, 5.0, 1.0),
        err("cagr", "out_of_domain", 5.0, 0.0, 1.0),
        err("cagr", "out_of_domain", 5.0, -1.0, 1.0),
        err("cagr", "out_of_domain", 1.0, 2.0, 0.0),
        err("cagr", "out_of_domain", 1.0, 2.0, -5.0),
        err("cagr", "non_finite", NAN, 2.0, 1.0),
        err("cagr", "non_finite", 1.0, INF, 1.0),
        err("cagr", "non_finite", 1.0, 2.0, -INF),
        err("cagr", "overflow", 1e-300, 1e300, 0.01, note="rate overflows f64"),
        err("project", "out_of_domain", 1.0, -1.0, 1.0),
        err("project", "out_of_domain", 1.0, -2.0, 1.0),
        err("project", "out_of_domain", 1.0, 0.05, -1.0),
        err("project", "non_finite", NAN, 0.05, 1.0),
        err("project", "non_finite", 1.0, INF, 1.0),
        err("project", "overflow", 1e300, 1.0, 100.0),
        err("years_to_reach", "unreachable", 350.0, 1000.0, -0.02),
        err("years_to_reach", "unreachable", 350.0, 100.0, 0.02),
        err("years_to_reach", "unreachable", 350.0, 1000.0, 0.0),
        err("years_to_reach", "out_of_domain", 0.0, 1000.0, 0.1),
        err("years_to_reach", "out_of_domain", 10.0, -1.0, 0.1),
        err("years_to_reach", "out_of_domain", 10.0, 20.0, -1.0),
        err("years_to_reach", "non_finite", 10.0, NAN, 0.1),
        err("annualize", "out_of_domain", -1.0, 5.0),
        err("annualize", "out_of_domain", 0.2, 0.0),
        err("annualize", "non_finite", INF, 5.0),
        err("cumulate", "out_of_domain", -1.5, 2.0),
        err("cumulate", "out_of_domain", 0.1, -2.0),
        err("cumulate", "overflow", 1e10, 100.0),
        err("cumulate", "non_finite", 0.1, NAN),
        err("chain", "out_of_domain", [0.1, -1.0]),
        err("chain", "non_finite", [NAN]),
        err("implied_previous", "out_of_domain", 100.0, -1.0),
        err("implied_previous", "non_finite", -INF, 0.1),
        err("doubling_time", "out_of_domain", 0.0, note="nothing doubles without growth: rate must be positive"),
        err("doubling_time", "out_of_domain", -0.05),
        err("doubling_time", "out_of_domain", -0.5),
        err("doubling_time", "out_of_domain", -1.0),
        err("doubling_time", "non_finite", NAN),
    ]
    c.append({"function": "chain", "args": {"rates": []}, "expected": 0.0, "note": "empty chain is no change"})
    return c


def generated(seed=20210113, per_function=40):
    """Edge magnitudes: 1e-300..1e300, subnormals, ±0.0, rates just above −1, fractional years."""
    rng = random.Random(seed)
    sub = 5e-324
    cases = []

    def magnitude():
        return 10 ** rng.uniform(-300, 300)

    def rate():
        k = rng.random()
        if k < 0.2:
            return -1 + 10 ** rng.uniform(-15, -1)  # just above -1
        if k < 0.4:
            return rng.choice([-1, 1]) * 10 ** rng.uniform(-16, -6)  # tiny
        if k < 0.8:
            return rng.uniform(-0.3, 0.5)  # ordinary
        return 10 ** rng.uniform(0, 2)  # large

    def years():
        return rng.choice([rng.uniform(0.1, 1), rng.uniform(1, 50), float(rng.randint(1, 30))])

    def attempt(fn, *args, **kw):
        try:
            cases.append(ok(fn, *args, **kw))
        except OverflowError:
            cases.append(err(fn, "overflow", *args))

    for _ in range(per_function):
        s = magnitude()
        attempt("cagr", s, s * 10 ** rng.uniform(-3, 3), years(), max_ulp=2)
        attempt("project", magnitude() * rng.choice([1, -1]), rate(), years(), max_ulp=2)
        a = magnitude()
        r = rate()
        t = a * (1 + r) ** rng.uniform(0.5, 20)
        if t != a and 0 < t < 1.7e308:
            attempt("years_to_reach", a, t, r, max_ulp=2)
        attempt("annualize", rate(), years(), max_ulp=2)
        attempt("cumulate", rate(), years(), max_ulp=2)
        attempt("implied_previous", magnitude(), rate(), max_ulp=2)
        r = rate()
        if r > 0:
            attempt("doubling_time", r, max_ulp=2)
    # Signed zeros and subnormals.
    cases += [
        ok("project", 0.0, 0.05, 3.0),
        ok("project", -0.0, 0.05, 3.0),
        ok("project", sub, 0.05, 3.0, note="subnormal start"),
        ok("project", 1.0, 0.05, -0.0, note="-0 years is zero years"),
        ok("cumulate", 0.0, 3.0),
        ok("cumulate", -0.0, 3.0),
        ok("cumulate", sub, 2.0, note="subnormal rate"),
        ok("annualize", 0.0, 3.0),
        ok("annualize", sub, 2.0, note="subnormal change"),
        ok("implied_previous", 0.0, 0.05),
        ok("implied_previous", sub, 0.5),
        ok("cagr", sub, sub, 2.0, note="subnormal levels, no change"),
        ok("cagr", sub, 2 * sub, 1.0, note="subnormal levels, doubling"),
        ok("cagr", 1e-300, 1e300, 100.0, note="end/start overflows, the rate does not; computed through logs", max_ulp=8),
        ok("cagr", 1e300, 1e-300, 1000.0, note="end/start underflows, the rate does not; computed through logs", max_ulp=8),
        ok("years_to_reach", sub, 1e-300, 0.5, note="from a subnormal"),
        err("doubling_time", "overflow", sub, note="subnormal rate: ln 2 / 5e-324 overflows"),
        err("cagr", "out_of_domain", 0.0, 1.0, 1.0),
        err("cagr", "out_of_domain", -0.0, 1.0, 1.0),
        err("cagr", "out_of_domain", 1.0, 2.0, -0.0),
        err("doubling_time", "out_of_domain", -0.0),
        err("annualize", "out_of_domain", 0.1, -0.0),
    ]
    return cases


def exponent_limits():
    """Exponents far beyond the double range (|x| up to 1e300 where
    exp(x) must be computed): the result underflows to 0 or -1, or
    overflows; years so short or so long that the exponent's magnitude
    passes 1e50 were once reported as overflows."""
    c = []
    for years in (1e-40, 1e-49, 1e-51, 1e-100, 1e-200, 1e-300, 1e-310, 5e-324):
        c.append(ok("annualize", -0.426, years, note="PM2.5 fall over a vanishing period: -1"))
        c.append(ok("cagr", 704.0, 350.0, years, note="decline over a vanishing period: -1"))
        c.append(err("cagr", "overflow", 350.0, 704.0, years, note="growth over a vanishing period overflows"))
        c.append(ok("cagr", 2.0, 2.0, years, note="no change, whatever the period"))
        c.append(ok("annualize", 0.0, years, note="no change, whatever the period"))
    for years in (1e40, 1e49, 1e51, 1e100, 1e200, 1e300, 1.7976931348623157e308):
        c.append(ok("cumulate", -0.5, years, note="halving for ever: -1"))
        c.append(ok("project", 350.0, -0.5, years, note="halving for ever: 0"))
        c.append(ok("project", -350.0, -0.5, years, note="halving for ever: -0"))
        c.append(ok("project", 350.0, 0.0, years, note="no growth for ever"))
        c.append(ok("cumulate", 0.0, years, note="no growth for ever"))
        c.append(err("cumulate", "overflow", 0.5, years))
        c.append(err("project", "overflow", 350.0, 0.5, years))
        c.append(ok("cumulate", -1e-300, years, note="a vanishing fall for a very long time"))
    return c


def chains(seed=2021):
    """chain against the exact product: cancellation of gains and losses
    (down to 2^-1060, a subnormal result) and random sequences. At most 64
    rates per case (the C runners' limit)."""
    rng = random.Random(seed)
    c = [
        ok("chain", [0.2, -0.1, 0.05, -0.12, 0.01], note="gains and losses cancel: 0.0078992000000000111"),
        ok("chain", [0.25, -0.2], note="cancels but for 0.2 not being a double"),
        ok("chain", [0.25, -0.2] * 32, note="64 rates cancelling in pairs"),
        ok("chain", [1.0, -0.5], note="exactly no change"),
        ok("chain", [0.5, -0.5]),
        ok("chain", [2.0 ** -100, -(2.0 ** -100)], note="(1 + a)(1 - a) - 1 = -a^2 = -2^-200"),
        ok("chain", [2.0 ** -200, -(2.0 ** -200)], note="-2^-400: beyond 250 bits"),
        ok("chain", [2.0 ** -530, -(2.0 ** -530)], note="-2^-1060: a subnormal result"),
        ok("chain", [2.0 ** -540, -(2.0 ** -540)], note="-2^-1080 rounds to -0"),
        ok("chain", [0.1, -0.1, 0.1, -0.1, 0.1, -0.1]),
        ok("chain", [1e308], note="one rate is returned unchanged"),
        ok("chain", [1e300, -0.999999999]),
        ok("chain", [-0.999999] * 60, note="falls to -1"),
        err("chain", "overflow", [1e10] * 40, note="1e400 overflows"),
        ok("chain", [1e10] * 30, note="1e300"),
        err("chain", "overflow", [1e300, 1e300]),
        ok("chain", [1e-300, -1e-300, 1e-300]),
        ok("chain", [5e-324, 5e-324], note="subnormal rates"),
    ]
    # Near-inverses: r2 = 1/(1 + r1) - 1 rounded, so the product is 1
    # within about 2^-53; a third rate closes the gap further.
    for _ in range(12):
        r1 = rng.uniform(-0.3, 0.3)
        r2 = 1 / (1 + r1) - 1
        c.append(ok("chain", [r1, r2], note="near-inverse pair"))
        r3 = float(1 / ((1 + Fraction(r1)) * (1 + Fraction(rng.uniform(-0.3, 0.3)))) - 1)
        c.append(ok("chain", [r1, rng.uniform(-0.3, 0.3), r3]))
    # Random sequences of 1-30 rates within ±30 %.
    for _ in range(40):
        n = rng.randint(1, 30)
        c.append(ok("chain", [rng.uniform(-0.3, 0.3) for _ in range(n)]))
    # Sequences whose last rate brings the product back near 1.
    for _ in range(20):
        rates = [rng.uniform(-0.3, 0.3) for _ in range(rng.randint(2, 29))]
        p = Fraction(1)
        for r in rates:
            p *= 1 + Fraction(r)
        rates.append(float(1 / p) - 1)
        c.append(ok("chain", rates, note="the last rate undoes the others"))
    return c


def write(name, cases, description):
    doc = {"description": description, "cases": cases}
    (OUT / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{name}: {len(cases)} cases")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    write(
        "growth.json",
        handpicked(),
        "Hand-picked growth cases: the report's worked examples, ordinary values, tiny/huge magnitudes and every error kind. "
        "expected = exact value (mpmath, 60 digits) rounded once to double; max_ulp defaults to 2.",
    )
    write(
        "growth_exact.json",
        exponent_limits() + chains(),
        "Exponents far beyond the double range (results that underflow to 0 or -1, or overflow) and chain against the "
        "exact product (fractions.Fraction): gains and losses cancelling down to a subnormal result, random sequences "
        "of 1-30 rates within +-30 %. expected = exact value rounded once; max_ulp defaults to 2.",
    )
    write(
        "growth_edge.json",
        generated(),
        "Generated edge cases (seed 20210113): magnitudes 1e-300..1e300, subnormals, signed zeros, rates just above -1, "
        "fractional years. expected = exact value (mpmath, 60 digits) rounded once; max_ulp as given.",
    )
