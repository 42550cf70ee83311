"""Every growth function in scalar and array form, broadcasting and dtypes."""

from __future__ import annotations

import os
import signal
import threading
import time
import warnings

import numpy as np
import pytest

import xuhui
from conftest import PARAMS, bits

# Ordinary valid arguments per function, and the scalar result's known value.
VALID = {
    "cagr": ((542.0, 596.0, 5.0), 0.019176484564618398),
    "project": ((350.0, 0.15, 5.0), 703.975015625),
    "years_to_reach": ((350.0, 1000.0, 0.15), 7.511),
    "annualize": ((-0.426, 5.0), -0.10508378224184999),
    "cumulate": ((0.05, 5.0), 0.2762815625),
    "implied_previous": ((198.1, 0.02), 194.2156862745098),
    "doubling_time": ((0.07,), 10.24),
}
# One invalid argument tuple per function, with the error class.
INVALID = {
    "cagr": ((-3.0, 5.0, 1.0), xuhui.OutOfDomainError),
    "project": ((1.0, -1.5, 1.0), xuhui.OutOfDomainError),
    "years_to_reach": ((350.0, 1000.0, -0.02), xuhui.UnreachableError),
    "annualize": ((-1.0, 5.0), xuhui.OutOfDomainError),
    "cumulate": ((0.1, -1.0), xuhui.OutOfDomainError),
    "implied_previous": ((float("nan"), 0.02), xuhui.NonFiniteError),
    "doubling_time": ((-0.1,), xuhui.OutOfDomainError),
}
FUNCS = sorted(PARAMS)


@pytest.mark.parametrize("name", FUNCS)
def test_scalar(name: str) -> None:
    args, expected = VALID[name]
    got = getattr(xuhui, name)(*args)
    assert type(got) is float
    assert got == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize("name", FUNCS)
def test_scalar_accepts_ints_and_numpy_scalars(name: str) -> None:
    f = getattr(xuhui, name)
    args, _ = VALID[name]
    ref = f(*args)
    assert f(*(np.float64(a) for a in args)) == ref
    assert type(f(*(np.float32(a) for a in args))) is float
    if name == "cagr":
        assert f(100, 121, 2) == f(100.0, 121.0, 2.0)


@pytest.mark.parametrize("name", FUNCS)
def test_array_matches_scalar(name: str) -> None:
    f = getattr(xuhui, name)
    args, _ = VALID[name]
    arrays = [np.full(7, a) * np.linspace(1.0, 1.1, 7) if k == 0 else a for k, a in enumerate(args)]
    got = f(*arrays)
    assert isinstance(got, np.ndarray) and got.dtype == np.float64 and got.shape == (7,)
    expect = [f(float(arrays[0][i]), *args[1:]) for i in range(7)]
    np.testing.assert_array_equal(bits(got), bits(expect))


@pytest.mark.parametrize("name", FUNCS)
def test_scalar_errors(name: str) -> None:
    args, cls = INVALID[name]
    f = getattr(xuhui, name)
    with pytest.raises(cls) as info:
        f(*args)
    assert isinstance(info.value, xuhui.XuhuiError)
    assert isinstance(info.value, ValueError)
    assert info.value.kind == cls.kind
    assert info.value.index is None
    assert np.isnan(f(*args, errors="nan"))


@pytest.mark.parametrize("name", FUNCS)
def test_array_errors_name_index_and_value(name: str) -> None:
    good, _ = VALID[name]
    bad, cls = INVALID[name]
    f = getattr(xuhui, name)
    cols = [np.array([g, g, b, g, b]) for g, b in zip(good, bad)]
    with pytest.raises(cls) as info:
        f(*cols)
    e = info.value
    assert e.index == 2
    assert str(e).startswith("element 2: ")
    assert e.kind == cls.kind
    out = f(*cols, errors="nan")
    assert np.isnan(out[[2, 4]]).all()
    assert np.isfinite(out[[0, 1, 3]]).all()
    assert out[0] == f(*good)


def test_error_names_argument_and_value() -> None:
    with pytest.raises(xuhui.OutOfDomainError) as info:
        xuhui.cagr(np.array([1.0, 2.0, -7.5]), 3.0, 2.0)
    e = info.value
    assert (e.index, e.arg, e.value) == (2, "start", -7.5)
    assert str(e) == "element 2: start must be positive and finite, got -7.5"


def test_nd_error_index_is_a_tuple() -> None:
    start = np.ones((2, 3))
    start[1, 2] = np.inf
    with pytest.raises(xuhui.NonFiniteError) as info:
        xuhui.cagr(start, 2.0, 1.0)
    assert info.value.index == (1, 2)
    assert str(info.value) == "element (1, 2): start must be finite, got inf"


def test_broadcasting_like_numpy() -> None:
    rates = np.array([[0.05], [0.10], [0.15]])
    years = np.arange(6)
    got = xuhui.project(350.0, rates, years)
    assert got.shape == (3, 6)
    for i in range(3):
        for j in range(6):
            assert got[i, j] == xuhui.project(350.0, float(rates[i, 0]), float(years[j]))


def test_shape_mismatch_is_length_mismatch_error() -> None:
    with pytest.raises(xuhui.LengthMismatchError) as info:
        xuhui.cagr(np.ones(3), np.ones(4), 1.0)
    assert info.value.kind == "length_mismatch"
    assert info.value.arg == "end"
    assert "end has shape (4,)" in str(info.value)


def test_zero_d_and_empty() -> None:
    assert type(xuhui.cagr(np.array(100.0), 121.0, 2.0)) is float
    out = xuhui.cagr(np.array([]), 1.0, 1.0)
    assert out.shape == (0,) and out.dtype == np.float64


@pytest.mark.parametrize("dtype", [np.int8, np.int64, np.uint32, np.float16, np.float32, ">f8", bool])
def test_numeric_dtypes_are_converted(dtype: object) -> None:
    start = np.array([1, 2, 4], dtype=dtype)
    got = xuhui.cagr(start, 8.0, 3.0)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, xuhui.cagr(start.astype(np.float64), 8.0, 3.0))


def test_lists_and_tuples() -> None:
    np.testing.assert_array_equal(
        xuhui.cagr([100, 60], (110, 118), 5), xuhui.cagr(np.array([100.0, 60.0]), np.array([110.0, 118.0]), 5.0)
    )


@pytest.mark.parametrize(
    "bad",
    ["100", np.array(["1", "2"]), None, np.array([1 + 2j]), object(), np.array([1, None], dtype=object),
     np.array(["2021-01-01"], dtype="datetime64[D]")],
)
def test_non_numeric_is_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="start must be a number"):
        xuhui.cagr(bad, 2.0, 1.0)


def test_non_contiguous_and_readonly_inputs() -> None:
    base = np.arange(1.0, 21.0)
    strided = base[::2]
    ro = np.arange(1.0, 11.0)
    ro.setflags(write=False)
    fortran = np.asfortranarray(np.arange(1.0, 7.0).reshape(2, 3))
    np.testing.assert_array_equal(xuhui.cagr(strided, 30.0, 2.0), xuhui.cagr(strided.copy(), 30.0, 2.0))
    np.testing.assert_array_equal(xuhui.cagr(ro, 30.0, 2.0), xuhui.cagr(ro.copy(), 30.0, 2.0))
    np.testing.assert_array_equal(
        xuhui.cagr(fortran, 30.0, 2.0), xuhui.cagr(np.ascontiguousarray(fortran), 30.0, 2.0)
    )
    # Inputs are never modified.
    assert base[0] == 1.0 and ro[0] == 1.0


@pytest.mark.parametrize("name", FUNCS)
def test_out_receives_the_same_bits_and_is_returned(name: str) -> None:
    f = getattr(xuhui, name)
    args, _ = VALID[name]
    arrays = [np.full((3, 4), a) * np.linspace(1.0, 1.1, 12).reshape(3, 4) if k == 0 else a for k, a in enumerate(args)]
    out = np.full((3, 4), -7.0)
    got = f(*arrays, out=out)
    assert got is out
    np.testing.assert_array_equal(bits(out), bits(f(*arrays)))


def test_out_with_nan_policy_and_large_threaded_arrays() -> None:
    rng = np.random.default_rng(3)
    start = rng.uniform(1, 1000, 200_000)
    start[12_345] = -1.0
    out = np.empty_like(start)
    xuhui.cagr(start, 500.0, 4.0, errors="nan", out=out)
    assert np.isnan(out[12_345])
    np.testing.assert_array_equal(bits(out), bits(xuhui.cagr(start, 500.0, 4.0, errors="nan")))
    with pytest.raises(xuhui.OutOfDomainError) as info:
        xuhui.cagr(start, 500.0, 4.0, out=out)
    assert info.value.index == 12_345


def test_out_may_alias_inputs() -> None:
    start = np.array([100.0, 60.0, 542.0])
    end = np.array([110.0, 118.0, 596.0])
    expected = xuhui.cagr(start, end, 5.0)
    in_place = start.copy()
    assert xuhui.cagr(in_place, end, 5.0, out=in_place) is in_place
    np.testing.assert_array_equal(in_place, expected)
    # Overlapping but shifted views of one buffer read the old values.
    buf = np.arange(1.0, 11.0)
    reference = xuhui.project(buf[2:8].copy(), 0.1, 1.0)
    xuhui.project(buf[2:8], 0.1, 1.0, out=buf[0:6])
    np.testing.assert_array_equal(buf[0:6], reference)
    np.testing.assert_array_equal(buf[6:], [7.0, 8.0, 9.0, 10.0])


def test_out_in_use_by_a_concurrent_call_is_a_clear_error() -> None:
    # While one thread's call reads x (with the GIL released), another
    # thread asking to write into x must get an error naming out, never an
    # internal error or a data race.
    x = np.random.default_rng(0).uniform(1.0, 100.0, 2_000_000)
    e = x * 2.0
    reader = threading.Thread(target=lambda: [xuhui.cagr(x, e, 5.0) for _ in range(3)])
    outcomes: list[str] = []
    reader.start()
    while reader.is_alive():
        try:
            xuhui.cagr(e, e, 5.0, out=np.empty_like(e))  # unrelated out: always fine
            xuhui.cagr(e, e, 5.0, out=x)
            outcomes.append("ok")
        except xuhui.InvalidArgumentError as err:
            assert err.arg == "out"
            assert "in use by another call" in str(err)
            outcomes.append("busy")
    reader.join()
    assert "busy" in outcomes


def test_out_must_fit_exactly() -> None:
    start = np.array([100.0, 60.0, 542.0])
    with pytest.raises(TypeError, match="out must be a float64 numpy array, got an array of dtype float32"):
        xuhui.cagr(start, 600.0, 5.0, out=np.empty(3, dtype=np.float32))
    with pytest.raises(TypeError, match="got list"):
        xuhui.cagr(start, 600.0, 5.0, out=[0.0, 0.0, 0.0])  # type: ignore[call-overload]
    with pytest.raises(xuhui.LengthMismatchError, match=r"out has shape \(4,\), but the result has shape \(3,\)") as info:
        xuhui.cagr(start, 600.0, 5.0, out=np.empty(4))
    assert info.value.arg == "out"
    with pytest.raises(xuhui.InvalidArgumentError, match="C-contiguous"):
        xuhui.cagr(start, 600.0, 5.0, out=np.empty(6)[::2])
    read_only = np.empty(3)
    read_only.setflags(write=False)
    with pytest.raises(xuhui.InvalidArgumentError, match="read-only"):
        xuhui.cagr(start, 600.0, 5.0, out=read_only)
    # Scalars need a 0-d out.
    zero_d = np.empty(())
    assert xuhui.cagr(1.0, 2.0, 1.0, out=zero_d) is zero_d and zero_d[()] == 1.0
    with pytest.raises(xuhui.LengthMismatchError):
        xuhui.cagr(1.0, 2.0, 1.0, out=np.empty(1))  # type: ignore[call-overload]


def test_bad_errors_option() -> None:
    with pytest.raises(xuhui.InvalidArgumentError, match="errors"):
        xuhui.cagr(1.0, 2.0, 1.0, errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match='errors must be "raise" or "nan", got None'):
        xuhui.cagr(1.0, 2.0, 1.0, errors=None)  # type: ignore[call-overload]


def test_huge_int_is_overflow_error() -> None:
    with pytest.raises(OverflowError, match="start"):
        xuhui.cagr(10**400, 2.0, 1.0)


def test_result_overflow() -> None:
    with pytest.raises(xuhui.ResultOverflowError) as info:
        xuhui.project(1e300, 0.5, 2000.0)
    assert isinstance(info.value, OverflowError)
    assert info.value.kind == "overflow"


def test_chain() -> None:
    assert xuhui.chain([0.1, -0.1]) == pytest.approx(-0.01, abs=1e-15)
    assert xuhui.chain(np.array([0.075])) == 0.075
    assert xuhui.chain(np.array([0.025, 0.06, 0.05, 0.05, 0.05])) == pytest.approx(0.2577595625, rel=1e-14)
    with pytest.raises(xuhui.OutOfDomainError) as info:
        xuhui.chain([0.1, -2.0])
    assert info.value.index == 1
    with pytest.raises(xuhui.InvalidArgumentError, match="rates"):
        xuhui.chain(np.ones((2, 2)))
    with pytest.raises(TypeError, match="element 0: rates must be a number, got 'a'"):
        xuhui.chain(["a"])
    # Gains and losses that cancel: the exact product of the doubles.
    assert xuhui.chain([0.2, -0.1, 0.05, -0.12, 0.01]) == 0.007899200000000011
    assert xuhui.chain([0.25, -0.2]) == -1.3877787807814457e-17


def test_doubling_time_needs_growth() -> None:
    for rate in (0.0, -0.5):
        with pytest.raises(xuhui.OutOfDomainError) as info:
            xuhui.doubling_time(rate)
        assert (info.value.arg, info.value.value) == ("rate", rate)
        assert str(info.value) == f"rate must be positive and finite, got {rate:g}"


def test_exponents_beyond_the_double_range_are_not_overflows() -> None:
    assert xuhui.annualize(-0.426, 1e-100) == -1.0
    assert xuhui.cagr(704, 350, 1e-100) == -1.0
    assert xuhui.cumulate(-0.5, 1e300) == -1.0
    assert xuhui.project(350, -0.5, 1e300) == 0.0
    with pytest.raises(xuhui.ResultOverflowError):
        xuhui.cagr(350, 704, 1e-100)


def test_large_arrays_multithreaded_core() -> None:
    # Above the core's parallel threshold: the result must not depend on threading.
    rng = np.random.default_rng(7)
    start = rng.uniform(1, 1000, 300_000)
    end = rng.uniform(1, 1000, 300_000)
    got = xuhui.cagr(start, end, 5.0)
    idx = rng.integers(0, start.size, 200)
    for i in idx:
        assert got[i] == xuhui.cagr(float(start[i]), float(end[i]), 5.0)


def test_python_threads_give_single_threaded_results() -> None:
    rng = np.random.default_rng(11)
    start = rng.uniform(1, 1000, 100_000)
    rate = rng.uniform(-0.5, 0.5, 100_000)
    ref = xuhui.project(start, rate, 5.0)
    results: list[np.ndarray] = [None] * 8  # type: ignore[list-item]

    def work(k: int) -> None:
        for _ in range(5):
            results[k] = xuhui.project(start, rate, 5.0)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        np.testing.assert_array_equal(bits(r), bits(ref))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_threaded_call_in_a_forked_child() -> None:
    # The parent's first large call starts the core's helper threads; a
    # forked child has none and must build its own instead of waiting on
    # threads that do not exist.
    start = np.full(200_000, 100.0)
    end = np.linspace(50.0, 300.0, 200_000)
    expected = xuhui.cagr(start, end, 5.0)
    read, write = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a process with threads.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            got = xuhui.cagr(start, end, 5.0)
            code = 0 if bits(got).tobytes() == bits(expected).tobytes() else 2
        finally:
            os.write(write, bytes([code]))
            os._exit(code)
    os.close(write)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.01)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail("the forked child's threaded call hung")
    assert os.read(read, 1) == b"\x00"
    os.close(read)
    assert os.waitstatus_to_exitcode(status) == 0


def test_module_surface() -> None:
    assert set(xuhui.__all__) <= set(dir(xuhui))
    for name in FUNCS + ["chain"]:
        assert getattr(xuhui, name).__doc__
    assert xuhui.__version__
