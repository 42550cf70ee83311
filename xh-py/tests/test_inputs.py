"""What the growth functions accept and give back: numbers of any type
Python's math functions take, sequences with a bad element (named),
masked arrays, pandas and polars Series (the same type out), catalog
Figures as rates, and the warning for a rate that looks like a percentage."""

from __future__ import annotations

import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import xuhui
from conftest import bits

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")


# ---- numbers ---------------------------------------------------------------


def test_decimal_and_fraction_are_numbers() -> None:
    ref = xuhui.cagr(350.0, 704.0, 5.0)
    assert xuhui.cagr(Decimal("350"), Decimal("704"), 5) == ref
    assert xuhui.cagr(Fraction(350), Fraction(704), Fraction(5)) == ref
    assert xuhui.project(Decimal("350"), Decimal("0.15"), 5) == xuhui.project(350.0, 0.15, 5.0)
    # In sequences too, mixed with floats.
    got = xuhui.cagr([Decimal("350"), Fraction(650), 700.0], 704, 5)
    np.testing.assert_array_equal(bits(got), bits(xuhui.cagr(np.array([350.0, 650.0, 700.0]), 704.0, 5.0)))
    assert xuhui.chain([Decimal("0.1"), Fraction(-1, 10)]) == xuhui.chain([0.1, -0.1])


def test_huge_numbers_name_the_argument() -> None:
    with pytest.raises(OverflowError, match=r"^start is an int too large to convert to float, got 1000"):
        xuhui.cagr(10**400, 2.0, 1.0)
    with pytest.raises(OverflowError, match=r"^end is too large to convert to float, got Fraction"):
        xuhui.cagr(1.0, Fraction(10**400), 1.0)


def test_strings_are_not_numbers() -> None:
    # float("1.5") parses text; math.sqrt("1.5") does not, and neither do we.
    with pytest.raises(TypeError, match=r"^start must be a number, got '350'$"):
        xuhui.cagr("350", 704.0, 5.0)


# ---- a bad element is named ----------------------------------------------


def test_bad_element_of_a_list_is_named() -> None:
    with pytest.raises(TypeError) as info:
        xuhui.cagr([350, "x"], 704, 5)
    assert str(info.value) == "element 1: start must be a number, got 'x'"
    assert (info.value.index, info.value.arg, info.value.value) == (1, "start", "x")  # type: ignore[attr-defined]

    with pytest.raises(TypeError, match=r"^element 1: rates must be a number, got 'x'$"):
        xuhui.chain([0.05, "x"])
    with pytest.raises(TypeError, match=r"^element \(1, 0\): years must be a number, got None$"):
        xuhui.cagr(1.0, 2.0, [[1.0], [None]])


def test_too_large_element_is_named() -> None:
    with pytest.raises(OverflowError) as info:
        xuhui.cagr([350, 10**400], 704, 5)
    assert str(info.value) == "element 1: start is too large to convert to float, got 100000000000000000000000000000… (401 characters)"
    assert info.value.index == 1  # type: ignore[attr-defined]


def test_bad_errors_option_names_errors_and_its_choices() -> None:
    with pytest.raises(TypeError) as info:
        xuhui.cagr(1.0, 2.0, 1.0, errors=None)  # type: ignore[call-overload]
    assert str(info.value) == 'errors must be "raise" or "nan", got None'
    with pytest.raises(xuhui.InvalidArgumentError, match=r'"raise" or "nan", got "ignore"'):
        xuhui.cagr(1.0, 2.0, 1.0, errors="ignore")  # type: ignore[call-overload]


def test_zero_d_array_errors_have_no_index() -> None:
    with pytest.raises(xuhui.OutOfDomainError) as info:
        xuhui.cagr(np.array(-1.0), 2.0, 1.0)
    assert info.value.index is None
    assert str(info.value) == "start must be positive and finite, got -1"
    # As for a float.
    with pytest.raises(xuhui.OutOfDomainError) as info:
        xuhui.cagr(-1.0, 2.0, 1.0)
    assert info.value.index is None


# ---- masked arrays ---------------------------------------------------------


def test_masked_in_masked_out() -> None:
    start = np.ma.array([350.0, -1.0, 650.0], mask=[False, True, False])
    got = xuhui.cagr(start, 704.0, 5.0)
    assert isinstance(got, np.ma.MaskedArray)
    np.testing.assert_array_equal(np.ma.getmaskarray(got), [False, True, False])
    assert got[0] == xuhui.cagr(350.0, 704.0, 5.0) and got[2] == xuhui.cagr(650.0, 704.0, 5.0)
    # A masked element is never computed: its invalid value raises nothing.
    # An invalid element that is not masked still raises, by its position.
    with pytest.raises(xuhui.OutOfDomainError) as info:
        xuhui.cagr(np.ma.array([350.0, -1.0, -2.0], mask=[False, True, False]), 704.0, 5.0)
    assert info.value.index == 2 and str(info.value).startswith("element 2: ")
    nan = xuhui.cagr(np.ma.array([350.0, -1.0, -2.0], mask=[False, True, False]), 704.0, 5.0, errors="nan")
    assert np.isnan(nan.data[2]) and not nan.mask[2] and nan.mask[1]


def test_masks_broadcast_and_combine() -> None:
    rate = np.ma.array([[0.05], [0.10]], mask=[[False], [True]])
    years = np.ma.array([1.0, 2.0, 3.0], mask=[False, False, True])
    got = xuhui.project(350.0, rate, years)
    assert got.shape == (2, 3)
    np.testing.assert_array_equal(np.ma.getmaskarray(got), [[False, False, True], [True, True, True]])
    assert got[0, 1] == xuhui.project(350.0, 0.05, 2.0)
    # Without any mask set, still a masked array.
    plain = xuhui.cagr(np.ma.array([350.0, 650.0]), 704.0, 5.0)
    assert isinstance(plain, np.ma.MaskedArray) and not np.ma.getmaskarray(plain).any()


def test_masked_values_and_out_do_not_mix() -> None:
    start = np.ma.array([350.0, -1.0], mask=[False, True])
    with pytest.raises(xuhui.InvalidArgumentError, match="missing values"):
        xuhui.cagr(start, 704.0, 5.0, out=np.empty(2))


def test_chain_refuses_missing_rates() -> None:
    with pytest.raises(xuhui.InvalidArgumentError, match=r"the first at element 1;"):
        xuhui.chain(np.ma.array([0.1, 0.2, 0.3], mask=[False, True, False]))
    assert xuhui.chain(np.ma.array([0.1, -0.1])) == xuhui.chain([0.1, -0.1])


# ---- pandas ----------------------------------------------------------------


def test_pandas_series_in_series_out() -> None:
    start = pd.Series([350.0, 650.0], index=["ai", "life"], name="output")
    got = xuhui.project(start, 0.15, 5)
    assert isinstance(got, pd.Series)
    assert list(got.index) == ["ai", "life"] and got.name == "output"
    assert got.dtype == np.float64
    assert got["ai"] == xuhui.project(350.0, 0.15, 5.0)
    # Two Series with the same index; different names give no name.
    end = pd.Series([704.0, 1000.0], index=["ai", "life"], name="target")
    rates = xuhui.cagr(start, end, 5)
    assert isinstance(rates, pd.Series) and rates.name is None
    assert rates["life"] == xuhui.cagr(650.0, 1000.0, 5.0)
    # With numpy arrays and scalars.
    mixed = xuhui.cagr(start, np.array([704.0, 1000.0]), 5)
    assert isinstance(mixed, pd.Series) and mixed.name == "output"


def test_pandas_errors_name_the_label() -> None:
    start = pd.Series([350.0, -1.0], index=[2020, 2021])
    with pytest.raises(xuhui.OutOfDomainError) as info:
        xuhui.cagr(start, 704.0, 5)
    assert info.value.index == 2021
    assert str(info.value) == "element 2021: start must be positive and finite, got -1"
    text = pd.Series([350, "x"], index=["a", "b"], dtype=object)
    with pytest.raises(TypeError, match=r"^element 'b': start must be a number, got 'x'$"):
        xuhui.cagr(text, 704.0, 5)
    with pytest.raises(xuhui.OutOfDomainError, match=r"^element 'b': rates must be greater than -1"):
        xuhui.chain(pd.Series([0.1, -2.0], index=["a", "b"]))


def test_pandas_na_stays_na() -> None:
    start = pd.Series([350.0, None, 650.0], dtype="Float64", index=list("abc"))
    got = xuhui.cagr(start, 704.0, 5)
    assert isinstance(got, pd.Series) and str(got.dtype) == "Float64"
    assert got.isna().tolist() == [False, True, False]
    assert got["c"] == xuhui.cagr(650.0, 704.0, 5.0)
    ints = xuhui.project(pd.Series([350, 650], dtype="Int64"), 0.15, 5)
    assert str(ints.dtype) == "Float64" and not ints.isna().any()


def test_pandas_series_are_matched_by_position_only_when_indexes_agree() -> None:
    a = pd.Series([350.0, 650.0], index=["x", "y"])
    b = pd.Series([704.0, 1000.0], index=["y", "x"])
    with pytest.raises(xuhui.InvalidArgumentError, match="different index"):
        xuhui.cagr(a, b, 5)
    with pytest.raises(xuhui.LengthMismatchError, match="a Series is not broadcast"):
        xuhui.project(a, np.array([[0.1], [0.2]]), 5)


# ---- polars ----------------------------------------------------------------


def test_polars_series_in_series_out() -> None:
    start = pl.Series("output", [350.0, 650.0])
    got = xuhui.project(start, 0.15, 5)
    assert isinstance(got, pl.Series) and got.name == "output"
    assert got.to_list() == [xuhui.project(350.0, 0.15, 5.0), xuhui.project(650.0, 0.15, 5.0)]
    with_null = xuhui.cagr(pl.Series("s", [350.0, None, -1.0]), 704.0, 5, errors="nan")
    assert with_null.is_null().to_list() == [False, True, False]
    assert np.isnan(with_null[2])
    with pytest.raises(xuhui.OutOfDomainError) as info:
        xuhui.cagr(pl.Series("s", [350.0, None, -1.0]), 704.0, 5)
    assert info.value.index == 2
    with pytest.raises(TypeError, match=r"^element 0: start must be a number, got '350'$"):
        xuhui.cagr(pl.Series("s", ["350", "x"]), 704.0, 5)
    with pytest.raises(xuhui.InvalidArgumentError, match="Series of one library"):
        xuhui.cagr(pl.Series([1.0]), pd.Series([2.0]), 5)


def test_chain_takes_series() -> None:
    assert xuhui.chain(pd.Series([0.1, -0.1])) == xuhui.chain([0.1, -0.1])
    assert xuhui.chain(pl.Series([0.1, -0.1])) == xuhui.chain([0.1, -0.1])
    with pytest.raises(xuhui.InvalidArgumentError, match="missing values"):
        xuhui.chain(pl.Series([0.1, None]))


# ---- numpy stays numpy -----------------------------------------------------


def test_numpy_in_numpy_out_reading_in_place() -> None:
    start = np.array([350.0, 650.0])
    got = xuhui.project(start, 0.15, 5)
    assert type(got) is np.ndarray
    assert type(xuhui.project([350.0, 650.0], 0.15, 5)) is np.ndarray


# ---- catalog figures as rates ------------------------------------------------


def test_figure_in_percent_is_a_rate() -> None:
    cat = xuhui.catalog()
    target = [f for f in cat["ai_output"].figures if f.kind == "average_growth"][0]
    assert target.value == 15.0 and target.rate == 0.15
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 15 % is converted, so no percent warning
        assert xuhui.project(350.0, target, 5) == xuhui.project(350.0, 0.15, 5.0)
        assert xuhui.doubling_time(target) == xuhui.doubling_time(0.15)
        np.testing.assert_array_equal(xuhui.project(np.array([350.0]), target, 5.0), [xuhui.project(350.0, 0.15, 5.0)])
    share = cat["green_coverage_rate"].figures[-1]  # a level in %, also a decimal by its unit
    assert xuhui.cumulate(share, 1) == share.value / 100
    level = cat["ai_output"].latest_level(2020)
    with pytest.raises(xuhui.UnitMismatchError, match=r"rate takes a rate, but figure ai_output \(2020\) is in 亿元"):
        xuhui.project(350.0, level, 5)  # type: ignore[arg-type]


def test_figures_in_a_sequence_of_rates() -> None:
    cat = xuhui.catalog()
    growth = cat.figures(group="fyp14_targets", kind="average_growth")[:3]
    assert xuhui.chain(growth) == xuhui.chain([f.value / 100 for f in growth])
    np.testing.assert_array_equal(
        xuhui.project(350.0, growth, 5), xuhui.project(350.0, np.array([f.value / 100 for f in growth]), 5)
    )
    level = cat["ai_output"].latest_level(2020)
    with pytest.raises(xuhui.UnitMismatchError) as info:
        xuhui.chain([growth[0], level])
    assert info.value.index == 1
    assert str(info.value).startswith("element 1: rates takes a rate, but figure ai_output (2020) is in 亿元")
    with pytest.raises(TypeError, match="element 0: start must be a number, got Figure"):
        xuhui.project([level], 0.05, 5)  # a level is not converted where a rate is not expected


# ---- percentages passed as rates -------------------------------------------


def test_rate_of_one_or_more_warns() -> None:
    with pytest.warns(xuhui.PercentRateWarning) as record:
        xuhui.project(350.0, 15, 5)
    message = str(record[0].message)
    assert "rate=15 looks like a percentage" in message and "rate=0.15" in message
    assert record[0].filename == __file__  # points at the caller
    for call in (
        lambda: xuhui.years_to_reach(350.0, 704.0, 15.0),
        lambda: xuhui.cumulate(1.0, 5),
        lambda: xuhui.doubling_time(7),
        lambda: xuhui.implied_previous(198.1, 2),
        lambda: xuhui.project(np.array([350.0]), 15, 5),
    ):
        with pytest.warns(xuhui.PercentRateWarning):
            call()
    with pytest.warns(xuhui.PercentRateWarning, match=r"rates\[1\]=5 looks like a percentage"):
        xuhui.chain([0.05, 5, 0.07])
    assert issubclass(xuhui.PercentRateWarning, UserWarning)


def test_decimal_rates_and_arrays_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xuhui.project(350.0, 0.15, 5)
        xuhui.cagr(350.0, 7000.0, 5)  # cagr has no rate argument
        xuhui.annualize(3.0, 5)  # a cumulative change of 300 % is ordinary
        xuhui.project(350.0, np.array([15.0]), 5)  # arrays are not scanned


def test_the_warning_can_be_silenced() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=xuhui.PercentRateWarning)
        assert xuhui.project(1.0, 1.0, 3) == 8.0
    with warnings.catch_warnings():
        warnings.simplefilter("error", xuhui.PercentRateWarning)
        with pytest.raises(xuhui.PercentRateWarning):
            xuhui.project(1.0, 1.0, 3)
