"""Guard rails, from the user's side: percent where a decimal rate is meant,
fractions where a percent share is meant, observations in the wrong unit or
in the shapes pandas users hold them, unknown ids, and the command line."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pytest

import xuhui

# Observations below are SYNTHETIC, for illustration only.
AI_YI = {2021: 410.0, 2022: 470.0}  # 亿元


def section5_row(report: str, name: str) -> str:
    """The first row of ``name`` in the report's assessment section: the
    indented lines after the name's own line, read as one line."""
    lines = report.split("五、进展评估", 1)[1].splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(name))
    cells = []
    for line in lines[at + 1 :]:
        if not line.startswith("    "):
            break
        cells.append(line.strip())
    return " ".join(cells)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xuhui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
    )


# --- shares -----------------------------------------------------------------


def test_share_warns_on_a_fraction() -> None:
    assert issubclass(xuhui.ShareFractionWarning, UserWarning)
    assert xuhui.ShareFractionWarning.__module__ == "xuhui"
    with pytest.warns(xuhui.ShareFractionWarning) as record:
        s = xuhui.Share(0.432)
    message = str(record[0].message)
    assert "0.432" in message and "43.2 %" in message and "from_fraction(0.432)" in message
    assert record[0].filename == __file__  # points at the caller's line
    assert s.percent == 0.432  # the value is kept as given
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert xuhui.Share(43.2).percent == 43.2
        assert xuhui.Share(0.0).percent == 0.0
        assert xuhui.Share(1.0).percent == 1.0
        assert xuhui.Share(150.0).percent == 150.0
        assert xuhui.Share.from_fraction(0.5) == xuhui.Share(50.0)
        assert abs(xuhui.Share.from_fraction(0.432).percent - 43.2) < 1e-12
    with pytest.warns(xuhui.ShareFractionWarning, match="-50 %"):
        xuhui.Share(-0.5)
    with pytest.raises(xuhui.NonFiniteError):
        xuhui.Share.from_fraction(math.nan)


# --- unknown ids ---------------------------------------------------------------


def test_unknown_ids_suggest_the_nearest() -> None:
    cat = xuhui.catalog()
    with pytest.raises(xuhui.UnknownIdError) as info:
        cat["ai_ouput"]
    assert str(info.value) == (
        'unknown indicator id "ai_ouput"; did you mean "ai_output"? '
        "(Catalog.search finds indicators by name)"
    )
    with pytest.raises(KeyError, match='did you mean "ai_output"'):
        xuhui.assess("AI-Output")
    with pytest.raises(xuhui.UnknownIdError, match='did you mean "gdp"'):
        xuhui.assess("gpd")
    # The CSV loader names it too.
    with pytest.raises(xuhui.InvalidObservationsError, match='did you mean "ai_output"'):
        cat.with_observations_csv("id,year,value\nai_outptu,2021,410\n")


# --- observations: units and plausibility -----------------------------------


def test_observations_take_a_unit_and_convert() -> None:
    base = xuhui.assess("ai_output", AI_YI).to_dict()
    in_yuan = {y: v * 1e8 for y, v in AI_YI.items()}
    assert xuhui.assess("ai_output", in_yuan, unit="元").to_dict() == base
    assert xuhui.assess("ai_output", in_yuan, unit=xuhui.Unit("元")).to_dict() == base
    pairs = {2021: (4.1e10, "元"), 2022: 470.0}
    assert xuhui.assess("ai_output", pairs).to_dict() == base
    assert xuhui.assess("ai_output", [(2021, 4.1e10, "元"), (2022, 470.0)]).to_dict() == base
    with pytest.raises(xuhui.InvalidObservationsError, match="2021: cannot convert 公顷 to 亿元"):
        xuhui.assess("ai_output", {2021: 1.0}, unit="公顷")
    with pytest.raises(xuhui.InvalidObservationsError, match='2021: unknown unit "bananas"'):
        xuhui.assess("ai_output", {2021: 1.0}, unit="bananas")


def test_wrong_unit_is_stopped_naming_the_unit() -> None:
    with pytest.raises(xuhui.InvalidObservationsError) as info:
        xuhui.assess("ai_output", {2021: 4.1e10})
    assert str(info.value) == (
        "1 invalid observation row(s): ai_output 2021: values are in 亿元; 4.1e10 is 1.2e8 times "
        "the 2020 level 350: wrong unit? (if the values are right, turn check_plausibility off)"
    )
    assert info.value.problems == [(0, 0, str(info.value).split(": ", 1)[1])]
    # A typo (10x in a year) is stopped too, but steady strong growth is not.
    with pytest.raises(xuhui.InvalidObservationsError, match=r"4100 is 11.7 times .* a year\)"):
        xuhui.assess("ai_output", {2021: 4100.0})
    xuhui.assess("ai_output", {2021: 700.0, 2022: 1400.0})
    # The override, as a keyword or an option.
    a = xuhui.assess("ai_output", {2021: 4.1e10}, check_plausibility=False)
    assert a.observed[-1] == (2021, 4.1e10)
    b = xuhui.assess("ai_output", {2021: 4.1e10}, options={"check_plausibility": False})
    assert a.to_dict() == b.to_dict()
    # Hand-made targets and the JSON API are checked the same way.
    growth = {"kind": "growth", "rate": 0.05, "base_year": 2020, "target_year": 2025, "unit": "亿元"}
    with pytest.raises(xuhui.InvalidObservationsError, match="values are in 亿元"):
        xuhui.assess(growth, {2020: 350.0, 2021: 4.1e10})
    request = {"method": "eurostat", "target": growth, "observed": [[2020, 350.0], [2021, 4.1e10]]}
    with pytest.raises(xuhui.InvalidObservationsError, match="wrong unit"):
        xuhui.assess_json(json.dumps(request))
    xuhui.assess_json(json.dumps({**request, "options": {"check_plausibility": False}}))


def test_plot_takes_units_and_the_override() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = xuhui.plot("ai_output", {2021: 4.1e10}, unit="元")
    observed = next(line for line in ax.lines if line.get_label() == "observed: user data")
    assert list(observed.get_ydata()) == [410.0]
    with pytest.raises(xuhui.InvalidObservationsError, match="wrong unit"):
        xuhui.plot("ai_output", {2021: 4.1e10})
    xuhui.plot("ai_output", {2021: 4.1e10}, check_plausibility=False)
    plt.close("all")


def test_late_observations_are_reported_not_dropped() -> None:
    a = xuhui.assess("ai_output", {**AI_YI, 2026: 900.0})
    assert a.notes == ["2026: 900 is after the target year 2025 and was not used"]
    assert "note         2026: 900 is after the target year 2025" in str(a)
    assert a.to_dict()["notes"] == a.notes
    assert xuhui.assess("ai_output", AI_YI).notes == []


# --- observations: shapes ---------------------------------------------------------


def test_pandas_and_polars_shapes() -> None:
    want = xuhui.assess("ai_output", AI_YI).to_dict()
    shapes: list[Any] = [
        pd.Series([410.0, 470.0], index=[2021, 2022]),
        pd.Series([410.0, 470.0], index=pd.DatetimeIndex(["2021-12-31", "2022-12-31"])),
        pd.Series([410.0, 470.0], index=pd.period_range("2021", periods=2, freq="Y")),
        pd.Series([410.0, 470.0], index=pd.Index([2021.0, 2022.0])),
        pd.DataFrame({"year": [2021, 2022], "value": [410.0, 470.0]}),
        pd.DataFrame({"Year": [2021, 2022], "Value": [4.1e10, 4.7e10], "Unit": ["元", "元"]}),
        pd.DataFrame({"value": [410.0, 470.0]}, index=pd.period_range("2021", periods=2, freq="Y")),
        pd.DataFrame({"id": ["ai_output"] * 2, "year": [2021, 2022], "value": [410.0, 470.0], "note": ["a", "b"]}),
        pl.DataFrame({"year": [2021, 2022], "value": [410.0, 470.0]}),
        {"2021": 410.0, "2022": 470.0},
        {2021.0: 410.0, 2022.0: 470.0},
        [(2021, 410.0), [2022, 470.0]],
        pd.DataFrame({"year": [2021, 2022], "value": [4.1e10, 470.0], "unit": ["元", None]}),
        {2021: (4.1e10, xuhui.Unit("元")), 2022: 470.0},
    ]
    for shape in shapes:
        assert xuhui.assess("ai_output", shape).to_dict() == want, shape


@pytest.mark.parametrize(
    ("observations", "error", "message"),
    [
        ({"2021a": 410.0}, TypeError, "year must be an integer, got '2021a' (str)"),
        ({2021.5: 410.0}, TypeError, "year must be an integer, got 2021.5 (float)"),
        ({True: 410.0}, TypeError, "year must be an integer, got True (bool)"),
        ({2021: "410"}, TypeError, "value for 2021 must be a number or (number, unit), got '410' (str)"),
        (
            pd.Series([1.0, 2.0], index=pd.period_range("2021Q1", periods=2, freq="Q")),
            TypeError,
            "year must be an annual period, got 2021Q1 (freq Q-DEC)",
        ),
        (
            pd.Series([400.0, 410.0], index=pd.DatetimeIndex(["2021-01-31", "2021-02-28"])),
            xuhui.InvalidObservationsError,
            "two dates in 2021",
        ),
        (pd.DataFrame({"yr": [2021], "value": [1.0]}), TypeError, "needs a 'year' column"),
        (pd.DataFrame({"year": [2021], "val": [1.0]}), TypeError, "needs a 'value' column"),
        (
            pd.DataFrame({"id": ["gdp", "ai_output"], "year": [2021, 2021], "value": [1.0, 2.0]}),
            xuhui.InvalidObservationsError,
            "the 'id' column holds 2 indicators",
        ),
        ([(2021,)], TypeError, "(year, value) or (year, value, unit)"),
        ("2021,410", TypeError, "for CSV or JSON text use Catalog.with_observations_csv"),
        (5, TypeError, "got int"),
    ],
)
def test_shapes_that_cannot_be_read_say_why(observations: Any, error: type, message: str) -> None:
    with pytest.raises(error) as info:
        xuhui.assess("ai_output", observations)
    assert message in str(info.value)


def test_nan_names_the_year_not_a_line() -> None:
    for obs in ({2021: 410.0, 2022: math.nan}, {2021: 410.0, 2022: None}):
        with pytest.raises(xuhui.InvalidObservationsError) as info:
            xuhui.assess("ai_output", obs)
        assert str(info.value) == "1 invalid observation row(s): 2022: value must be finite, got NaN"
        assert "line" not in str(info.value)


def test_csv_years_written_as_floats() -> None:
    cat = xuhui.catalog().with_observations_csv("id,year,value\nai_output,2021.0,410\n")
    assert cat["ai_output"].latest_level(2021).value == 410.0
    with pytest.raises(xuhui.InvalidObservationsError, match='year "2021.5" is not a whole number'):
        xuhui.catalog().with_observations_csv("id,year,value\nai_output,2021.5,410\n")


# --- the JSON API and rates -------------------------------------------------------


def test_json_api_rejects_a_percent_rate_unless_meant() -> None:
    growth = {"kind": "growth", "base_year": 2020, "target_year": 2025, "rate": 5}
    request = {"method": "eurostat", "target": growth, "observed": [[2020, 100], [2021, 104]]}
    with pytest.raises(xuhui.InvalidArgumentError) as info:
        xuhui.assess_json(json.dumps(request))
    assert "5 is 500 % a year" in str(info.value) and "did you mean 0.05?" in str(info.value)
    assert '"allow_rate_above_one": true' in str(info.value)
    answer = json.loads(xuhui.assess_json(json.dumps({**request, "allow_rate_above_one": True})))
    assert answer["status"] == "assessed"
    deflated = {
        "method": "eurostat",
        "target": {**growth, "rate": 0.05},
        "observed": [[2020, 100], [2021, 104]],
        "price_basis": "current",
        "deflator": {"type": "inflation", "values": [[2021, 2]]},
    }
    with pytest.raises(xuhui.InvalidArgumentError, match="inflation is invalid: 2 is 200 % a year"):
        xuhui.assess_json(json.dumps(deflated))


def test_assess_warns_on_a_percent_rate_in_a_target_dict() -> None:
    # The Python API warns where the JSON API refuses, as the growth
    # functions warn: a rate of 5 (500 % a year) is assessed as given.
    growth = {"kind": "growth", "base_year": 2020, "target_year": 2025, "rate": 5}
    observed = {2020: 100.0, 2021: 104.0, 2022: 109.0}
    with pytest.warns(xuhui.PercentRateWarning) as record:
        result = xuhui.assess(growth, observed)
    assert len(record) == 1
    message = str(record[0].message)
    assert "target['rate']=5 looks like a percentage" in message and "0.05" in message
    assert record[0].filename == __file__
    assert result.target["rate"] == 5  # assessed as given, not rescaled
    with pytest.warns(xuhui.PercentRateWarning, match=r"deflator\['inflation'\]\[2021\]=2 "):
        xuhui.assess(
            {**growth, "rate": 0.05},
            observed,
            price_basis="current",
            deflator={"inflation": {2021: 2.0, 2022: 0.02}},
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xuhui.assess({**growth, "rate": 0.05}, observed)


def test_report_takes_deflators() -> None:
    cat = xuhui.catalog().with_observations_csv(
        "id,year,value\ngdp,2021,2260\ngdp,2022,2330\n"  # SYNTHETIC, current prices
    )
    plain = cat.report()
    gdp_row = section5_row(plain, "地区生产总值")
    assert "error" in gdp_row and "supply a deflator" in gdp_row
    deflated = cat.report(deflators={"gdp": {"inflation": {2022: 0.015}}})
    gdp_row = section5_row(deflated, "地区生产总值")
    assert "error" not in gdp_row and gdp_row.startswith("2,296 亿元"), gdp_row  # deflated: 2295.6
    assert "五、进展评估 / Progress assessment, from the observations added to the catalog" in deflated
    assert "SYNTHETIC" not in deflated


# --- the command line -------------------------------------------------------------


def test_cli_rates_take_percent_and_warn_on_a_bare_percent() -> None:
    r = run_cli("project", "350", "15", "5")
    assert r.returncode == 0 and r.stdout == "367001600\n"
    assert "warning: rate 15 is 1500 % a year" in r.stderr and "did you mean 0.15?" in r.stderr
    assert "Write 15% for a percent" in r.stderr
    r = run_cli("project", "350", "15%", "5", "--unit", "亿元")
    assert (r.returncode, r.stdout, r.stderr) == (0, "703.975 亿元\n", "")
    assert run_cli("project", "350", "0.15", "5").stdout == "703.975\n"
    r = run_cli("annualize", "-42.6%", "5")
    assert r.returncode == 0 and r.stdout == "-0.105084 (-10.51 % a year)\n", r.stderr
    assert run_cli("cagr", "350", "704", "5").stdout == "0.150008 (15.00 % a year)\n"
    assert run_cli("cumulate", "15%", "5").stdout == "1.01136 (+101.14 % in total)\n"
    r = run_cli("project", "350", "fifteen", "5")
    assert r.returncode == 2 and "rate must be a number, got 'fifteen'" in r.stderr


def test_cli_dashed_and_underscored_names() -> None:
    for name in ("years-to-reach", "years_to_reach"):
        r = run_cli(name, "350", "704", "0.15")
        assert (r.returncode, r.stdout) == (0, "5.00 years\n"), r.stderr
    assert run_cli("doubling-time", "7%").stdout == run_cli("doubling_time", "0.07").stdout
    assert run_cli("implied-previous", "198.1", "2%").returncode == 0


def test_cli_every_argument_has_help() -> None:
    from xuhui.__main__ import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    seen = set()
    for name, p in sub.choices.items():  # type: ignore[union-attr]
        if id(p) in seen:
            continue
        seen.add(id(p))
        for action in p._actions:
            assert action.help, f"{name}: {action.dest} has no help"
        assert run_cli(name, "--help").returncode == 0
    rate_help = run_cli("project", "--help").stdout
    assert "as a decimal (0.15 is 15 %)" in rate_help and "(15%)" in rate_help


def test_report_takes_the_plausibility_override(tmp_path: Path) -> None:
    # A real hundredfold jump (the check cannot tell it from a unit slip):
    # reported as a probable slip unless the caller says it is real.
    csv = tmp_path / "jump.csv"
    csv.write_text("id,year,value\nai_output,2021,40000\n", encoding="utf-8")
    stopped = section5_row(run_cli("report", "--observations", str(csv)).stdout, "人工智能及相关产业总产出")
    assert stopped.startswith("error:") and "114.3 times" in stopped, stopped
    r = run_cli("report", "--observations", str(csv), "--no-check-plausibility")
    assert r.returncode == 0, r.stderr
    accepted = section5_row(r.stdout, "人工智能及相关产业总产出")
    assert accepted.startswith("40,000 亿元"), accepted
    cat = xuhui.catalog().with_observations_csv("id,year,value\nai_output,2021,40000\n")
    assert "wrong unit?" in cat.report()
    assert "wrong unit?" not in cat.report(check_plausibility=False)
    assert cat.report(check_plausibility=False) == r.stdout


def test_cli_assess_and_report_with_observations(tmp_path: Path) -> None:
    csv = tmp_path / "obs.csv"
    csv.write_text(
        "id,year,value,unit\nai_output,2021,410,亿元\nai_output,2022,470,亿元\n"
        "gdp,2021,2260,亿元\ngdp,2022,2330,亿元\n",  # SYNTHETIC
        encoding="utf-8",
    )
    js = tmp_path / "obs.json"
    js.write_text(
        json.dumps([{"id": "ai_output", "year": 2021, "value": 410}, {"id": "ai_output", "year": 2022, "value": 470}]),
        encoding="utf-8",
    )
    plain = run_cli("report")
    assert "--observations FILE" in plain.stdout
    assert "Catalog::" not in plain.stdout
    r = run_cli("report", "--observations", str(csv))
    assert r.returncode == 0, r.stderr
    assert "五、进展评估 / Progress assessment, from the observations added to the catalog" in r.stdout
    assert "SYNTHETIC" not in r.stdout
    ai_row = section5_row(r.stdout, "人工智能及相关产业总产出")
    assert ai_row.startswith("470 亿元"), ai_row
    r = run_cli("report", "--observations", str(csv), "--inflation", "2022=1.5%")
    gdp_row = section5_row(r.stdout, "地区生产总值")
    assert "error" not in gdp_row and gdp_row.startswith("2,296 亿元"), gdp_row
    assert section5_row(run_cli("report", "--observations", str(js)).stdout, "人工智能及相关产业总产出").startswith(
        "470 亿元"
    )
    # One target, one line per method, values with the unit.
    r = run_cli("assess", "ai_output", "2021=410", "2022=470")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[1] == "target       growth 15.0%/yr, 2020→2025 (ai_output, 亿元)"
    assert "observed     2020: 350.0 亿元 · 2021: 410.0 亿元 · 2022: 470.0 亿元" in r.stdout
    assert run_cli("assess", "ai_output", "--observations", str(js)).stdout == r.stdout
    assert run_cli("assess", "ai_output", "2021=4.1e10", "2022=4.7e10", "--unit", "元").stdout == r.stdout
    as_json = json.loads(run_cli("assess", "ai_output", "2021=410", "2022=470", "--json").stdout)
    assert as_json == xuhui.assess("ai_output", AI_YI).to_dict()
    r = run_cli("assess", "ai_output", "2021=4.1e10")
    assert r.returncode == 1 and "values are in 亿元; 4.1e10 is 1.2e8 times" in r.stderr
    assert "--no-check-plausibility" in r.stderr
    assert run_cli("assess", "ai_output", "2021=4.1e10", "--no-check-plausibility").returncode == 0
    r = run_cli("assess", "ai_ouput", "2021=410")
    assert r.returncode == 1 and 'did you mean "ai_output"?' in r.stderr
    r = run_cli("assess", "gdp", "--observations", str(csv))
    assert r.returncode == 1 and "supply a deflator" in r.stderr and "--inflation" in r.stderr
    r = run_cli("assess", "gdp", "--observations", str(csv), "--price-index", "2021=100,2022=101.5")
    assert r.returncode == 0 and "(comparable prices)" in r.stdout, r.stderr
    r = run_cli("assess", "gdp", "--observations", str(csv), "--inflation", "2022=1.5")
    assert "warning: inflation 2022 1.5 is 150 % a year" in r.stderr
    r = run_cli("report", "--observations", str(tmp_path / "missing.csv"))
    assert r.returncode == 2 and "missing.csv" in r.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("id,year,value\nai_output,2021,abc\n", encoding="utf-8")
    r = run_cli("report", "--observations", str(bad))
    assert r.returncode == 1 and "bad.csv" in r.stderr and "line 2 column 3" in r.stderr
    r = run_cli("export", "--observations", str(csv))
    assert r.returncode == 0 and "ai_output" in r.stdout and "2022" in r.stdout
