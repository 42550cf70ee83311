"""The shared vectors in tests/vectors/growth*.json, the same ones the Rust
and C suites run: each result within max_ulp (default 2) of the mpmath
reference, each error case failing with the named kind. The array form of
every function is also checked bit-for-bit against the scalar form."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import pytest

import xuhui
from conftest import PARAMS, bits, load_cases, num, ulp_distance

# The vectors use rates of 100 % and more on purpose.
pytestmark = pytest.mark.filterwarnings("ignore::xuhui.PercentRateWarning")

CASES = load_cases()
assert len(CASES) > 300, "the shared vectors are missing"


def call(function: str, args: dict[str, Any]) -> float:
    f = getattr(xuhui, function)
    if function == "chain":
        return f([num(r) for r in args["rates"]])
    return f(*(num(args[p]) for p in PARAMS[function]))


@pytest.mark.parametrize(("file", "pos", "case"), CASES, ids=[f"{f}:{i}:{c['function']}" for f, i, c in CASES])
def test_vector(file: str, pos: int, case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(xuhui.XuhuiError) as info:
            call(case["function"], case["args"])
        assert info.value.kind == case["error"]
        assert isinstance(info.value, xuhui.ERROR_CLASSES[case["error"]])
    else:
        got = call(case["function"], case["args"])
        expected = num(case["expected"])
        assert ulp_distance(got, expected) <= case.get("max_ulp", 2), (got, expected)


def test_array_form_is_bit_identical_to_scalar_form() -> None:
    by_function: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, _, case in CASES:
        if case["function"] != "chain":
            by_function[case["function"]].append(case["args"])
    for function, arg_list in by_function.items():
        f = getattr(xuhui, function)
        columns = [np.array([num(a[p]) for a in arg_list]) for p in PARAMS[function]]
        got = f(*columns, errors="nan")
        expect = [f(*(num(a[p]) for p in PARAMS[function]), errors="nan") for a in arg_list]
        np.testing.assert_array_equal(bits(got), bits(expect), err_msg=function)
