"""Agreement with numpy-financial where the two compute the same quantity:

* ``npf.rate(n, 0, -start, end)``  is ``cagr(start, end, n)``;
* ``npf.fv(r, n, 0, -start)``      is ``project(start, r, n)``;
* ``npf.nper(r, 0, -start, target)`` is ``years_to_reach(start, target, r)``.

numpy-financial's ``rate`` is a Newton iteration with a 1e-6 stopping
tolerance (about 1e-12 absolute in practice), so it is compared with an
absolute tolerance; ``fv`` and ``nper`` are closed forms, compared relatively.
"""

from __future__ import annotations

import itertools

import numpy as np
import numpy_financial as npf
import pytest

import xuhui

STARTS = [1.0, 60.0, 350.0, 542.0, 1e6]
GROWTH = [0.5, 0.9, 1.02, 1.5, 2.0, 3.7]
YEARS = [1.0, 2.0, 5.0, 7.5, 10.0, 30.0]
RATES = [-0.3, -0.02, 0.001, 0.05, 0.15, 0.9]


def test_rate_matches_cagr() -> None:
    for s, g, n in itertools.product(STARTS, GROWTH, YEARS):
        expected = float(npf.rate(n, 0.0, -s, s * g))
        assert xuhui.cagr(s, s * g, n) == pytest.approx(expected, abs=1e-10)


def test_rate_matches_cagr_arrays() -> None:
    s, g, n = (np.array(v) for v in zip(*itertools.product(STARTS, GROWTH, YEARS)))
    expected = npf.rate(n, 0.0, -s, s * g)
    np.testing.assert_allclose(xuhui.cagr(s, s * g, n), expected, rtol=0, atol=1e-10)


def test_fv_matches_project() -> None:
    s, r, n = (np.array(v) for v in zip(*itertools.product(STARTS, RATES, YEARS)))
    np.testing.assert_allclose(xuhui.project(s, r, n), npf.fv(r, n, 0.0, -s), rtol=1e-13)


def test_nper_matches_years_to_reach() -> None:
    for s, g, r in itertools.product(STARTS, GROWTH, RATES):
        target = s * g
        if (g > 1) != (r > 0):
            with pytest.raises(xuhui.UnreachableError):
                xuhui.years_to_reach(s, target, r)
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            expected = float(npf.nper(r, 0.0, -s, target))
        assert xuhui.years_to_reach(s, target, r) == pytest.approx(expected, rel=1e-12)
