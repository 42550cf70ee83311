"""Exception classes, units, exchange rates, shares and percentage points."""

from __future__ import annotations

import pytest

import xuhui


def test_error_hierarchy_and_kinds() -> None:
    assert issubclass(xuhui.XuhuiError, ValueError)
    assert xuhui.XuhuiError.__module__ == "xuhui"
    assert len(xuhui.ERROR_CLASSES) == 15
    for kind, cls in xuhui.ERROR_CLASSES.items():
        assert issubclass(cls, xuhui.XuhuiError)
        assert cls.kind == kind
        assert cls.__module__ == "xuhui"
        assert cls.__doc__
        assert getattr(xuhui, cls.__name__) is cls
    assert issubclass(xuhui.UnknownIdError, KeyError)
    assert issubclass(xuhui.ResultOverflowError, OverflowError)


def test_unknown_id_message_is_not_quoted_like_keyerror() -> None:
    with pytest.raises(KeyError) as info:
        xuhui.catalog()["no_such_indicator"]
    assert str(info.value) == (
        'unknown indicator id "no_such_indicator" (Catalog.search finds indicators by name)'
    )
    assert info.value.kind == "unknown_id"


def test_unit_parse_convert_and_text() -> None:
    yi = xuhui.Unit("亿元")
    assert yi == xuhui.Unit.parse("100 million yuan")
    assert hash(yi) == hash(xuhui.Unit.parse("亿元"))
    assert (yi.zh(), yi.en(), yi.mult) == ("亿元", "100 million yuan", 8)
    assert repr(yi) == "Unit('亿元')" and str(yi) == "亿元"
    assert yi.convert(198.1, "万元") == 1_981_000.0
    assert yi.convert(1.0, xuhui.Unit("元")) == 1e8
    assert xuhui.Unit("公顷").convert(10.0, "平方米") == 100_000.0
    assert yi.dimension_base() == xuhui.Unit("元")


def test_unit_errors() -> None:
    with pytest.raises(xuhui.UnknownUnitError) as info:
        xuhui.Unit("万平光")
    assert info.value.kind == "unknown_unit"
    with pytest.raises(xuhui.UnitMismatchError):
        xuhui.Unit("公顷").convert(1.0, "亿元")
    with pytest.raises(xuhui.UnitMismatchError, match="percentage-point"):
        xuhui.Unit("%").convert(1.0, "个百分点")
    with pytest.raises(xuhui.ExchangeRateRequiredError):
        xuhui.Unit("亿美元").convert(1.0, "亿元")
    with pytest.raises(xuhui.NonFiniteError):
        xuhui.Unit("亿元").convert(float("inf"), "万元")
    with pytest.raises(TypeError):
        xuhui.Unit("亿元").convert(1.0, 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        xuhui.Unit("亿元").convert("1", "万元")  # type: ignore[arg-type]


def test_exchange_rate() -> None:
    rate = xuhui.ExchangeRate("USD", "CNY", 6.9)
    assert (rate.from_currency, rate.to_currency, rate.rate) == ("USD", "CNY", 6.9)
    assert repr(rate) == "ExchangeRate('USD', 'CNY', 6.9)"
    v = xuhui.Unit("亿美元").convert(12.5, "亿元", rate=rate)
    assert v == pytest.approx(86.25, rel=1e-15)
    assert rate.inverse().from_currency == "CNY"
    with pytest.raises(xuhui.InvalidArgumentError):
        xuhui.ExchangeRate("EUR", "CNY", 7.0)
    with pytest.raises(xuhui.OutOfDomainError):
        xuhui.ExchangeRate("USD", "CNY", -1.0)


def test_share_and_percentage_points() -> None:
    rate_2020 = xuhui.Share(43.2)
    rise = xuhui.PercentagePoints(3.55)
    rate_2019 = rate_2020 - rise
    assert isinstance(rate_2019, xuhui.Share)
    assert rate_2019.percent == pytest.approx(39.65, abs=1e-12)
    diff = rate_2020 - rate_2019
    assert isinstance(diff, xuhui.PercentagePoints)
    assert rate_2019.relative_change_to(rate_2020) == pytest.approx(0.0895334, abs=1e-6)
    assert rate_2020.fraction == pytest.approx(0.432)
    assert str(rise) == "+3.55 pp" and str(rate_2020) == "43.2%"
    assert repr(rate_2020) == "Share(43.2)"
    assert (-rise).points == -3.55 and (rise + rise).points == 7.1
    assert rate_2019 < rate_2020
    with pytest.raises(TypeError):
        rate_2020 + rate_2020  # type: ignore[operator]
    with pytest.raises(xuhui.NonFiniteError):
        xuhui.Share(float("nan"))
    with pytest.raises(xuhui.OutOfDomainError):
        xuhui.Share(0.0).relative_change_to(rate_2020)
