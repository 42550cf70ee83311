"""Hypothesis: the array form equals the element-wise scalar form, bit for
bit, under both error policies, for arbitrary (including invalid) inputs;
`chain` stays within 2 ulp of the exact product of its rates."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import xuhui
from conftest import PARAMS, bits, ulp_distance

# Arbitrary inputs include rates of 100 % and more, on purpose.
pytestmark = pytest.mark.filterwarnings("ignore::xuhui.PercentRateWarning")

EDGES = [0.0, -0.0, 1e-300, -1e-300, 5e-324, 1e300, -1.0, -0.999999999999, 1.0, 2.0, 1e-10]
values = st.one_of(st.floats(width=64), st.sampled_from(EDGES), st.floats(-2.0, 2.0))


def columns(n_args: int) -> st.SearchStrategy[list[np.ndarray]]:
    return st.integers(0, 40).flatmap(
        lambda n: st.lists(
            st.one_of(hnp.arrays(np.float64, n, elements=values), hnp.arrays(np.float64, 1, elements=values)),
            min_size=n_args,
            max_size=n_args,
        )
    )


def scalar_nan(f, row: tuple[float, ...]) -> float:  # type: ignore[no-untyped-def]
    return f(*row, errors="nan")


@pytest.mark.parametrize("name", sorted(PARAMS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_array_equals_elementwise_scalar(name: str, data: st.DataObject) -> None:
    f = getattr(xuhui, name)
    cols = data.draw(columns(len(PARAMS[name])))
    try:
        (n,) = np.broadcast_shapes(*(c.shape for c in cols))
    except ValueError:
        with pytest.raises(xuhui.LengthMismatchError):
            f(*cols)
        return
    rows = [tuple(float(c[0] if len(c) == 1 else c[i]) for c in cols) for i in range(n)]
    got = f(*cols, errors="nan")
    expect = np.array([scalar_nan(f, r) for r in rows], dtype=np.float64)
    np.testing.assert_array_equal(bits(got), bits(expect.reshape(got.shape)))

    # errors="raise": the first element the scalar function rejects.
    first_bad = None
    for i, r in enumerate(rows):
        try:
            f(*r)
        except xuhui.XuhuiError as e:
            first_bad = (i, e.kind, str(e))
            break
    if first_bad is None:
        np.testing.assert_array_equal(bits(f(*cols)), bits(got))
    else:
        with pytest.raises(xuhui.XuhuiError) as info:
            f(*cols)
        assert (info.value.index, info.value.kind) == first_bad[:2]
        assert str(info.value) == f"element {first_bad[0]}: {first_bad[2]}"


def exact_chain(rates: list[float]) -> Fraction:
    p = Fraction(1)
    for r in rates:
        p *= 1 + Fraction(r)
    return p - 1


rates_30 = st.lists(st.floats(-0.3, 0.3), min_size=1, max_size=30)


@settings(max_examples=500, deadline=None)
@given(rates=rates_30)
def test_chain_within_2_ulp_of_the_exact_product(rates: list[float]) -> None:
    assert ulp_distance(xuhui.chain(rates), float(exact_chain(rates))) <= 2


@settings(max_examples=300, deadline=None)
@given(rates=rates_30, extra=st.sampled_from([0.0, 1e-16, -1e-16, 2.0**-60, 0.25]))
def test_chain_within_2_ulp_when_gains_and_losses_cancel(rates: list[float], extra: float) -> None:
    # The last rate undoes the others (to within about 2^-53), then moves
    # them by a little: the product is 1 plus almost nothing.
    undo = float(1 / (exact_chain(rates) + 1)) - 1
    rates = rates + [undo, extra]
    assert ulp_distance(xuhui.chain(rates), float(exact_chain(rates))) <= 2
