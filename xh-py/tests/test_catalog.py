"""The catalog bindings, dataframes, the plot and the command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

import xuhui


@pytest.fixture(scope="module")
def cat() -> xuhui.Catalog:
    return xuhui.catalog()


def test_lookup_iteration_and_repr(cat: xuhui.Catalog) -> None:
    ai = cat["ai_output"]
    assert ai.name_zh == "人工智能及相关产业总产出"
    assert ai.unit == xuhui.Unit("亿元")
    assert "ai_output" in cat and "nope" not in cat and 5 not in cat
    assert cat.get("nope") is None and cat.get("nope", 1) == 1
    ids = [i.id for i in cat]
    assert ids == cat.ids() and len(ids) == len(cat) > 100
    assert repr(ai).startswith("Indicator('ai_output', '人工智能及相关产业总产出'")
    assert repr(cat).startswith("<xuhui.Catalog: ")
    level = ai.latest_level(2020)
    assert level is not None and (level.value, level.unit.zh(), level.status) == (350.0, "亿元", "estimate")
    assert repr(level) == "Figure('ai_output', 'results_2020', 'level', '350 亿元', '2020', 'estimate')"


def test_classes_are_frozen(cat: xuhui.Catalog) -> None:
    ai = cat["ai_output"]
    with pytest.raises(AttributeError):
        ai.id = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ai.figures[0].value = 1.0  # type: ignore[misc]


def test_filters_and_search(cat: xuhui.Catalog) -> None:
    targets = cat.figures(group="fyp14_targets", status="target")
    assert len(targets) >= 18 and all(f.status == "target" for f in targets)
    growth = cat.figures(kind="average_growth", year=2023)
    assert all(f.year_start <= 2023 <= f.year_end for f in growth)
    assert [i.id for i in cat.search("生命健康")] == ["life_health_output"]
    assert "life_health_output" in [i.id for i in cat.search("LIFE")]
    assert all(i.category == "innovation" for i in cat.in_category("innovation"))
    with pytest.raises(xuhui.InvalidArgumentError, match="fyp14_targets"):
        cat.figures(group="fyp15")


def test_growth_targets(cat: xuhui.Catalog) -> None:
    ai = cat.implied_target_level("ai_output")
    assert ai["value"] == xuhui.project(350.0, 0.15, 5.0)
    lh = cat.implied_target_level("life_health_output")
    assert round(lh["value"], 1) == 1000.1
    rows = {r["id"]: r for r in cat.target_summaries()}
    assert rows["ai_output"]["required"] == {"type": "rate", "value": 0.15}
    assert any(c["verdict"] in ("ahead", "on_pace", "behind") for c in cat.consistency_2021())


def test_to_dict_and_html(cat: xuhui.Catalog) -> None:
    ai = cat["ai_output"]
    d = ai.to_dict()
    assert d["id"] == "ai_output" and isinstance(d["figures"], list)
    f = ai.figures[0].to_dict()
    assert f["indicator"] == "ai_output" and f["value"] == 350.0
    for html in (cat._repr_html_(), ai._repr_html_(), ai.figures[0]._repr_html_()):
        assert "<table" in html and "</table>" in html
    assert "人工智能及相关产业总产出" in ai._repr_html_()


def test_html_is_escaped(cat: xuhui.Catalog) -> None:
    evil = "id,year,value,unit,note\nai_output,2021,410,亿元,<script>alert('x')</script>\n"
    user = cat.with_observations_csv(evil)
    html = user["ai_output"]._repr_html_() + "".join(f._repr_html_() for f in user["ai_output"].figures)
    assert "<script>" not in html


def test_observations_all_or_nothing(cat: xuhui.Catalog) -> None:
    user = cat.with_observations_csv("id,year,value,unit\nai_output,2021,410,亿元\n")
    latest = user["ai_output"].latest_level(2021)
    assert latest is not None and latest.value == 410.0 and latest.group == "user"
    assert cat["ai_output"].latest_level(2021).value == 350.0  # type: ignore[union-attr]
    assert xuhui.catalog()["ai_output"].latest_level(2021).value == 350.0  # type: ignore[union-attr]
    with pytest.raises(xuhui.InvalidObservationsError) as info:
        cat.with_observations_csv("id,year,value\nai_output,2022,abc\nnope,2022,1\n")
    assert [p[:2] for p in info.value.problems] == [(2, 3), (3, 1)]
    user2 = cat.with_observations_json(b'[{"id": "ai_output", "year": 2021, "value": 400, "unit": "\xe4\xba\xbf\xe5\x85\x83"}]')
    assert user2["ai_output"].latest_level(2021).value == 400.0  # type: ignore[union-attr]
    with pytest.raises(TypeError):
        cat.with_observations_csv(5)  # type: ignore[arg-type]


def test_flat_table(cat: xuhui.Catalog) -> None:
    rows = cat.to_dicts()
    n_figures = len(cat.figures())
    assert len(rows) == n_figures
    assert list(rows[0]) == next(csv.reader(io.StringIO(cat.to_csv())))
    assert json.loads(cat.to_json()) == rows
    assert len(list(csv.DictReader(io.StringIO(cat.to_csv())))) == n_figures


def test_dataframes(cat: xuhui.Catalog) -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    df = cat.to_pandas()
    assert list(df.columns) == list(cat.to_dicts()[0]) and len(df) == len(cat.figures())
    assert cat.to_polars().shape == (len(df), len(df.columns))
    assert pa.table(cat).num_rows == len(df)
    assert pl.DataFrame(cat).shape == (len(df), len(df.columns))
    assert pd.DataFrame.from_arrow(cat).shape == df.shape


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning")
def test_plot(cat: xuhui.Catalog) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    ax = xuhui.plot("ai_output", observations={2021: 410.0, 2022: 470.0})
    assert "人工智能" in ax.get_title() and "AI" in ax.get_title()
    assert ax.get_xlabel() == "year"
    path = [line for line in ax.get_lines() if line.get_linestyle() == "--"][0]
    assert list(path.get_ydata()) == list(xuhui.project(350.0, 0.15, [0, 1, 2, 3, 4, 5]))
    ax.figure.savefig(io.BytesIO(), format="png")
    fig, ax2 = plt.subplots()
    assert xuhui.plot(cat["life_expectancy"], ax=ax2) is ax2
    gdp = cat.figures(group="fyp14_targets", kind="average_growth")[0]
    with pytest.raises(xuhui.PriceBasisMismatchError):  # comparable-price growth target
        xuhui.plot(gdp)
    # SYNTHETIC GDP levels (亿元, current prices) and inflation.
    xuhui.plot(gdp, {2020: 2000.0, 2021: 2160.0}, deflator={"inflation": {2021: 0.02}})
    with pytest.raises(xuhui.UnknownIdError):
        xuhui.plot("nope")
    with pytest.raises(TypeError):
        xuhui.plot(5)  # type: ignore[arg-type]
    plt.close("all")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xuhui", *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def test_cli_report_is_the_core_report(cat: xuhui.Catalog) -> None:
    r = run_cli()
    assert r.returncode == 0, r.stderr
    assert r.stdout == cat.report()
    assert "人工智能及相关产业总产出" in r.stdout and "704.0" in r.stdout
    assert run_cli("report").stdout == r.stdout


def test_cli_export(cat: xuhui.Catalog) -> None:
    assert run_cli("export", "--format", "csv").stdout == cat.to_csv()
    assert run_cli("export", "--format", "json").stdout == cat.to_json()
    assert run_cli("export", "--format", "xml").returncode == 2


def test_cli_calculations() -> None:
    r = run_cli("project", "350", "0.15", "5", "--exact")
    assert r.returncode == 0 and float(r.stdout) == xuhui.project(350.0, 0.15, 5.0)
    bad = run_cli("cagr", "-1", "2", "3")
    assert bad.returncode == 1 and "out_of_domain" in bad.stderr
