"""The published outcomes 2021–2025 from Python: the embedded file, the
verdicts, a user's own file and its malformed variants (the corpus shared
with Rust and C), and a catalog with the published levels loaded."""

import json
from pathlib import Path

import pytest

import xuhui

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus" / "outcomes"
REQUIRED = {"indicator", "year", "value", "unit", "status", "qualifier", "price_basis",
            "source", "quote", "reliability"}


def test_rows_carry_source_quote_and_reliability():
    out = xuhui.outcomes()
    rows = out.rows()
    assert len(out) >= 50 and len(rows) >= len(out)
    assert REQUIRED <= set(rows[0])
    for r in rows:
        assert r["value_text"] in r["quote"], r
        assert r["reliability"] in {"official", "reprint", "news", "secondary"}
        assert 2020 <= r["year"] <= 2025
    # Absent fields are None, not "".
    assert any(r["price_basis"] is None for r in rows)
    budget = [r for r in rows if r["indicator"] == "budget_revenue" and r["year"] == 2025
              and r["unit"] == "亿元"]
    assert [r["value"] for r in budget] == [309.25]
    assert budget[0]["quote"] == "完成区级一般公共预算收入309.25亿元"


def test_csv_and_pandas_agree_with_rows():
    out = xuhui.outcomes()
    csv_text = out.to_csv()
    assert csv_text.splitlines()[0].startswith("indicator,year,period_start")
    assert len(json.loads(out.to_json())) == len(out.rows())
    pd = pytest.importorskip("pandas")
    df = out.to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == len(out.rows())


def test_verdicts_say_what_they_rest_on():
    verdicts = xuhui.outcomes().verdicts()
    ai = next(v for v in verdicts if v["indicator"] == "ai_output"
              and v["target"]["group"] == "fyp14_targets")
    assert ai["verdict"] == "achieved" and ai["preliminary"] is True
    assert ai["evidence"][0]["quote"] == "产业总产出突破千亿规模"
    rd = next(v for v in verdicts if v["indicator"] == "rd_intensity")
    assert rd["verdict"] == "no_published_figure"
    assert {v["verdict"] for v in verdicts} <= {
        "achieved", "not_achieved", "undetermined", "no_published_figure", "not_assessed"}


def test_report_section_and_markdown():
    out = xuhui.outcomes()
    text = out.report()
    assert text.startswith("四、目标实现情况")
    assert "人工智能及相关产业总产出" in text
    assert "## Sources" in out.markdown()


def test_a_users_file_loads_all_or_nothing():
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest:
        text = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        if entry["expect"] == "ok":
            assert len(xuhui.outcomes(text)) == entry["outcomes"]
            continue
        with pytest.raises(xuhui.InvalidCatalogError) as info:
            xuhui.outcomes(text)
        message = str(info.value)
        assert entry["entry"] in message and entry["field"] in message, (entry, message)
        assert entry["contains"] in message, (entry, message)


def test_a_users_outcomes_decide_the_verdict():
    text = (CORPUS / "ok_small.json").read_text(encoding="utf-8")
    verdicts = xuhui.outcomes(text).verdicts()
    ai = next(v for v in verdicts if v["indicator"] == "ai_output"
              and v["target"]["group"] == "fyp14_targets")
    # 720 in 2025 against 703.975 implied by 15 % a year from 350.
    assert ai["verdict"] == "achieved" and ai["preliminary"] is False
    retail = next(v for v in verdicts if v["indicator"] == "retail_sales"
                  and v["target"]["group"] == "fyp14_targets")
    assert retail["verdict"] == "not_achieved"  # 2.5 % a year against 3 %


def test_catalog_with_published_levels_assesses_them():
    cat = xuhui.outcomes().catalog()
    assert len(cat) == len(xuhui.catalog())
    a = xuhui.assess("ai_output", catalog=cat)
    assert a.indicator == "ai_output"


def test_outcomes_pickle_equal_to_themselves():
    import pickle

    out = xuhui.outcomes()
    back = pickle.loads(pickle.dumps(out))
    assert back == out and back is not out
    assert back.verdicts() == out.verdicts()
    mine = xuhui.outcomes((CORPUS / "ok_small.json").read_text(encoding="utf-8"))
    assert pickle.loads(pickle.dumps(mine)) == mine and mine != out
