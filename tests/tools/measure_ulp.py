#!/usr/bin/env python3
"""Measure xuhui's accuracy: max ulp error per function against mpmath.

Inputs: every non-error case in tests/vectors/growth*.json, plus N random
"ordinary" inputs per function (levels 1e-3..1e6, rates -0.5..1, years
0.5..30; for chain, sequences of 1..30 rates within +-30 %, and as many
whose last rate undoes the others, so the product is 1 within about
2^-53; seeded). chain's reference is the exact product (fractions.Fraction).
xuhui is called through the Python binding, which is bit-identical to Rust
and C (tests/conformance/driver.py proves it).

    .venv/bin/python tests/tools/measure_ulp.py [N]      (default N = 20000)
"""
from __future__ import annotations

import json
import random
import struct
import sys
import warnings
from fractions import Fraction
from pathlib import Path

import mpmath as mp

import xuhui

mp.mp.dps = 50
VECTORS = Path(__file__).resolve().parents[1] / "vectors"


def key(x: float) -> int:
    i = struct.unpack("<q", struct.pack("<d", x))[0]
    return -(1 << 63) - i if i < 0 else i


def ulps(got: float, exact) -> int:
    return abs(key(got) - key(float(exact)))


F = mp.mpf


def exact_chain(rates) -> Fraction:
    p = Fraction(1)
    for r in rates:
        p *= 1 + Fraction(r)
    return p - 1


REF = {
    "cagr": lambda s, e, n: (F(e) / F(s)) ** (1 / F(n)) - 1,
    "project": lambda s, r, n: F(s) * mp.exp(F(n) * mp.log1p(F(r))),
    "years_to_reach": lambda s, t, r: mp.log(F(t) / F(s)) / mp.log1p(F(r)),
    "annualize": lambda c, n: mp.expm1(mp.log1p(F(c)) / F(n)),
    "cumulate": lambda r, n: mp.expm1(F(n) * mp.log1p(F(r))),
    "implied_previous": lambda v, g: F(v) / (1 + F(g)),
    "doubling_time": lambda r: mp.log(2) / mp.log1p(F(r)),
    "chain": lambda *rates: exact_chain(rates),
}
NAMES = {
    "cagr": ["start", "end", "years"], "project": ["start", "rate", "years"],
    "years_to_reach": ["start", "target", "rate"], "annualize": ["cumulative_change", "years"],
    "cumulate": ["rate", "years"], "implied_previous": ["current", "growth"], "doubling_time": ["rate"],
    "chain": ["rates"],
}


def ordinary(fn: str, rng: random.Random):
    level = lambda: 10 ** rng.uniform(-3, 6)
    rate = lambda: rng.uniform(-0.5, 1.0)
    years = lambda: rng.uniform(0.5, 30)
    if fn == "cagr":
        s = level()
        return s, s * 10 ** rng.uniform(-1, 1), years()
    if fn == "project":
        return level(), rate(), years()
    if fn == "years_to_reach":
        s, r = level(), rate()
        return s, s * (1 + r) ** years(), r
    if fn in ("annualize", "cumulate"):
        return rate(), years()
    if fn == "implied_previous":
        return level(), rate()
    if fn == "chain":
        rates = [rng.uniform(-0.3, 0.3) for _ in range(rng.randint(1, 30))]
        if rng.random() < 0.5:
            # The last rate undoes the others: gains and losses cancel.
            rates.append(float(1 / (exact_chain(rates) + 1)) - 1)
        return tuple(rates)
    return (rng.uniform(0.001, 1.0),)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rng = random.Random(2021)
    vector_cases = {fn: [] for fn in REF}
    for path in sorted(VECTORS.glob("growth*.json")):
        for case in json.loads(path.read_text())["cases"]:
            if case["function"] in REF and "expected" in case:
                args = [case["args"][k] for k in NAMES[case["function"]]]
                if case["function"] == "chain":
                    args = args[0]
                if all(isinstance(a, float | int) for a in args):
                    vector_cases[case["function"]].append((tuple(float(a) for a in args), case["expected"]))
    print(f"{'function':<18}{'random inputs':>14}{'max ulp':>9}{'mean ulp':>10}{'vector cases':>14}{'max ulp':>9}")
    # Rates of 100 % or more are meant here.
    warnings.simplefilter("ignore", xuhui.PercentRateWarning)
    for fn, ref in REF.items():
        f = getattr(xuhui, fn)
        if fn == "chain":
            f = lambda *rates: xuhui.chain(rates)  # noqa: E731
        rand = [ordinary(fn, rng) for _ in range(n)]
        errs = []
        for args in rand:
            try:
                errs.append(ulps(f(*args), ref(*args)))
            except xuhui.XuhuiError:
                pass
        # Vector expectations are already the exact value rounded once.
        verr = [ulps(f(*a), expected) for a, expected in vector_cases[fn]]
        print(f"{fn:<18}{len(errs):>14}{max(errs):>9}{sum(errs) / len(errs):>10.3f}{len(verr):>14}{max(verr):>9}")


if __name__ == "__main__":
    main()
