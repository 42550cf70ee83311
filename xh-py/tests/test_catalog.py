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


def test_implied_level_respects_price_basis_and_qualifiers(cat: xuhui.Catalog) -> None:
    budget = cat.implied_target_level("budget_revenue", "plan_2021")
    assert (budget["qualifier"], budget["price_basis"]) == ("about", "current")  # 增长5%左右
    assert round(budget["value"], 3) == 208.005
    with pytest.raises(xuhui.PriceBasisMismatchError):  # a current-price level, comparable-price rates
        cat.implied_target_level("gdp")
    with pytest.raises(xuhui.InvalidArgumentError, match="municipal"):
        cat.implied_target_level("food_safety_demo_blocks", "glossary")


def test_price_basis_scope_and_new_kinds(cat: xuhui.Catalog) -> None:
    gdp = cat["gdp"]
    assert gdp.price_basis == "comparable"
    assert [(f.kind, f.price_basis) for f in gdp.figures] == [
        ("growth", "comparable"),
        ("level", "current"),
        ("average_growth", "comparable"),
        ("growth", "comparable"),
    ]
    assert cat["ai_output"].figures[0].price_basis == "current"
    assert cat["patents_per_10k"].figures[0].price_basis is None
    # Shanghai-wide figures keep their scope and are never Xuhui's targets.
    municipal = {i.id for i in cat if i.scope == "municipal"}
    assert "food_safety_demo_blocks" in municipal and len(municipal) == 4
    assert {f.indicator for f in cat.figures(scope="municipal")} == municipal
    assert cat["food_safety_demo_blocks"].targets() and not cat["food_safety_demo_blocks"].own_targets()
    with pytest.raises(xuhui.InvalidArgumentError, match="no target to assess"):
        xuhui.assess("food_safety_demo_blocks", {2021: 40.0})
    with pytest.raises(xuhui.InvalidArgumentError, match="municipal target"):
        xuhui.assess(cat["food_safety_demo_blocks"].targets()[0], {2021: 40.0})
    # Ranks and full coverage are figures with the group they refer to.
    rank = cat["smart_city_index"].figures[0]
    assert (rank.kind, rank.value, rank.unit.zh(), rank.universe) == ("rank", 1.0, "位次", "中心城区")
    assert repr(rank) == "Figure('smart_city_index', 'results_2020', 'rank', 'No. 1 in 中心城区', '2020', 'actual')"
    cover = cat.figures(kind="coverage")
    assert len(cover) == 5 and all(f.value == 100.0 and f.universe for f in cover)
    assert {f.status for f in cat["westbund_media_port_floor_area"].figures} == {"planned"}
    assert cat["mnc_regional_hq"].figures[0].kind == "gross_addition"


def test_a_bound_without_a_number(cat: xuhui.Catalog) -> None:
    quota = cat["registered_urban_unemployed"]
    target = quota.targets()[0]
    assert (target.value, target.base_value, target.rate) == (None, None, None)
    assert (target.qualifier, target.bound_text) == ("at_most", "市政府下达的指标数")
    assert target.to_dict()["bound_text"] == "市政府下达的指标数" and "value" not in target.to_dict()
    assert repr(target) == (
        "Figure('registered_urban_unemployed', 'plan_2021', 'level', '≤ 市政府下达的指标数', '2021', 'target')"
    )
    assert quota.assessable_targets() == []
    with pytest.raises(xuhui.InvalidArgumentError, match="no number"):
        xuhui.assess(target, {2021: 1000.0})
    row = next(r for r in cat.to_dicts() if r["id"] == "registered_urban_unemployed" and r["status"] == "target")
    assert (row["value"], row["base_value"], row["bound_text"]) == (None, None, "市政府下达的指标数")
    summary = {r["id"]: r for r in cat.target_summaries("plan_2021")}["registered_urban_unemployed"]
    assert summary["required"] == {"type": "unknown"} and summary["implied_end"] is None
    assert "registered_urban_unemployed" not in [c["id"] for c in cat.consistency_2021()]
    assert "≤ 市政府下达的指标数" in cat.report()
    assert "NaN" not in cat.to_csv() + cat.to_json() + cat.report()


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
    columns = list(cat.to_dicts()[0])
    assert list(df.columns) == [*columns[: columns.index("unit") + 1], "unit_en", *columns[columns.index("unit") + 1 :]]
    assert len(df) == len(cat.figures())
    assert {"scope", "bound_text", "universe", "price_basis"} <= set(df.columns)
    assert cat.to_polars().shape == (len(df), len(df.columns))
    table = pa.table(cat)
    assert table.num_rows == len(df)
    assert table.schema.field("value").type == pa.float64() and table.column("value").null_count == 2
    assert set(table.column("target_kind").to_pylist()) >= {"rank", "coverage", "gross_addition"}
    assert pl.DataFrame(cat).shape == (len(df), len(df.columns))
    assert pd.DataFrame.from_arrow(cat).shape == df.shape


def test_plot(cat: xuhui.Catalog) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    ax = xuhui.plot("ai_output", observations={2021: 410.0, 2022: 470.0})
    assert "人工智能" in ax.get_title(loc="left") and "AI" in ax.get_title(loc="left")
    assert ax.get_ylabel() == "亿元 (100 million yuan)"
    path = [line for line in ax.get_lines() if line.get_linestyle() == "--"][0]
    assert list(path.get_ydata()) == list(xuhui.project(350.0, 0.15, [0, 1, 2, 3, 4, 5]))
    ax.figure.savefig(io.BytesIO(), format="png")
    fig, ax2 = plt.subplots()
    assert xuhui.plot(cat["patents_per_10k"], ax=ax2) is ax2
    # The residents' target has no level of its own population to draw from
    # (the 85.75 of 2020 is for registered residents).
    with pytest.raises(xuhui.InvalidArgumentError, match="nothing to draw"):
        xuhui.plot(cat["life_expectancy_residents"], ax=ax2)
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
