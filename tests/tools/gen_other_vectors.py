#!/usr/bin/env python3
"""Generate tests/vectors/units.json, catalog.json and outcomes.json.

Expected values are computed here independently of xuhui: unit conversions
with exact rational arithmetic (fractions), catalog answers read straight from
the data file, implied levels as exact rationals rounded once, outcome verdicts
by hand reasoning stated beside each case (the interval rule of
docs/methodology.md section 6, with the numbers worked out here).

    python3 tests/tools/gen_other_vectors.py
"""
from __future__ import annotations

import json
import struct
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "vectors"

# Exact factor of each unit to its dimension's base, and the dimension.
UNITS = {
    "元": ("cny", Fraction(1)), "万元": ("cny", Fraction(10**4)), "亿元": ("cny", Fraction(10**8)),
    "美元": ("usd", Fraction(1)), "万美元": ("usd", Fraction(10**4)), "亿美元": ("usd", Fraction(10**8)),
    "平方米": ("area", Fraction(1)), "万平方米": ("area", Fraction(10**4)), "公顷": ("area", Fraction(10**4)),
    "米": ("length", Fraction(1)), "公里": ("length", Fraction(10**3)),
    "小时": ("time", Fraction(1)), "天": ("time", Fraction(24)), "分钟": ("time", Fraction(1, 60)),
    "位次": ("rank", Fraction(1)),
    "人次": ("count:person-times", Fraction(1)), "万人次": ("count:person-times", Fraction(10**4)),
    "家": ("count:establishments", Fraction(1)), "台": ("count:machines", Fraction(1)),
    "%": ("percent", Fraction(1)), "个百分点": ("pp", Fraction(1)),
    "100 million yuan": ("cny", Fraction(10**8)), "ha": ("area", Fraction(10**4)), "km": ("length", Fraction(10**3)),
}


def convert_case(src, dst, value):
    (d1, f1), (d2, f2) = UNITS[src], UNITS[dst]
    case = {"function": "unit_convert", "args": {"from": src, "to": dst, "value": value}}
    if d1 != d2:
        case["error"] = "exchange_rate_required" if {d1, d2} == {"cny", "usd"} else "unit_mismatch"
    else:
        case["expected"] = float(Fraction(value) * f1 / f2)
    return case


def unit_cases():
    pairs = [
        ("亿元", "元", 198.1), ("元", "亿元", 19810000000.0), ("亿元", "万元", 198.1), ("万元", "亿元", 1981000.0),
        ("万平方米", "平方米", 424.0), ("公顷", "平方米", 596.0), ("万平方米", "公顷", 3.37), ("平方米", "公顷", 118900.0),
        ("公里", "米", 14.44), ("米", "公里", 5300.0), ("天", "小时", 2.0), ("小时", "天", 36.0),
        ("万人次", "人次", 37.9), ("亿美元", "美元", 12.5), ("万美元", "亿美元", 6.7),
        ("100 million yuan", "万元", 350.0), ("ha", "万平方米", 40.67), ("km", "公里", 15.0),
        ("亿元", "亿元", 0.1), ("%", "%", 43.2), ("元", "亿元", 1e-300), ("亿元", "元", 1e300),
        ("公顷", "亿元", 1.0), ("家", "台", 3.0), ("%", "个百分点", 3.55), ("亿美元", "亿元", 12.5),
        ("公里", "平方米", 1.0), ("人次", "家", 1.0),
        ("分钟", "小时", 5.0), ("小时", "分钟", 1.5), ("天", "分钟", 1.0), ("分钟", "天", 90.0),
        ("位次", "位次", 2.0), ("位次", "%", 1.0),
    ]
    cases = [convert_case(*p) for p in pairs]
    cases += [
        {"function": "unit_convert", "args": {"from": "万平光", "to": "平方米", "value": 3.37}, "error": "unknown_unit"},
        {"function": "unit_convert", "args": {"from": "亿元", "to": "", "value": 1.0}, "error": "unknown_unit"},
        {"function": "unit_convert", "args": {"from": "亿元", "to": "元", "value": "NaN"}, "error": "non_finite"},
        {"function": "unit_convert", "args": {"from": "亿元", "to": "元", "value": "Infinity"}, "error": "non_finite"},
    ]
    return cases


def bits(x: float) -> str:
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


def figure_text(ind, fig) -> str:
    """group|kind|value bits (empty without a number)|unit|status|qualifier|price basis|scope|universe|bound."""
    value = bits(fig["value"]) if "value" in fig else ""
    return "|".join([fig["group"], fig["kind"], value, fig["unit"], fig["status"], fig["qualifier"],
                     fig.get("price_basis", ""), ind.get("scope", "district"), fig.get("universe", ""),
                     fig.get("bound_text", "")])


def catalog_cases():
    data = json.loads((ROOT / "xh-core" / "data" / "gwr2021.json").read_text(encoding="utf-8"))
    cases = []
    for ind in data["indicators"]:
        cases.append({
            "function": "catalog_get",
            "args": {"id": ind["id"]},
            "expected_text": f'{ind["name_zh"]}|{ind["name_en"]}|{ind["unit"]}|{len(ind["figures"])}',
        })
    for bad in ["", "AI_OUTPUT", "ai output", "nope", "gdp "]:
        cases.append({"function": "catalog_get", "args": {"id": bad}, "error": "unknown_id"})
    for ind in data["indicators"]:
        for k, fig in enumerate(ind["figures"]):
            cases.append({"function": "catalog_figure", "args": {"id": ind["id"], "index": k},
                          "expected_text": figure_text(ind, fig)})
    cases.append({"function": "catalog_figure", "args": {"id": "nope", "index": 0}, "error": "unknown_id"})

    def implied(id_, group):
        ind = next(i for i in data["indicators"] if i["id"] == id_)
        target = next(f for f in ind["figures"] if f["group"] == group and f["status"] == "target"
                      and f["kind"] in ("average_growth", "growth"))
        bases = [f for f in ind["figures"] if f["kind"] == "level" and f["status"] in ("actual", "estimate")
                 and "value" in f and f["year_end"] <= target["year_start"] - 1]
        base = max(bases, key=lambda f: f["year_end"])
        if base.get("price_basis") != target.get("price_basis"):
            return {"error": "price_basis_mismatch"}
        if base["qualifier"] not in ("exact", "about"):
            return {"error": "invalid_argument"}
        n = target["year_end"] - base["year_end"]
        rate = Fraction(str(target["value"])) / 100
        return {"expected": float(Fraction(str(base["value"])) * (1 + rate) ** n), "max_ulp": 2}

    # gdp: the 2020 level is a current-price bound (跨越2000亿元大关), the rates
    # are at comparable prices, so no level is implied.
    for id_, group in [("ai_output", "fyp14_targets"), ("life_health_output", "fyp14_targets"),
                       ("budget_revenue", "plan_2021"), ("fixed_asset_investment", "plan_2021"),
                       ("gdp", "fyp14_targets"), ("gdp", "plan_2021")]:
        cases.append({"function": "implied_level", "args": {"id": id_, "group": group}, **implied(id_, group)})
    cases.append({"function": "implied_level", "args": {"id": "nope", "group": "fyp14_targets"}, "error": "unknown_id"})
    cases.append({"function": "implied_level", "args": {"id": "urban_unemployment_rate", "group": "fyp14_targets"},
                  "error": "invalid_argument"})
    return cases


def outcome_file(*outcomes):
    """A user's outcomes file (compact JSON, one line) with one source."""
    return json.dumps({
        "schema_version": 1,
        "sources": [{"id": "s", "title": "t", "publisher": "p", "date": "2026",
                     "address": "file:t", "reliability": "official"}],
        "outcomes": list(outcomes)}, ensure_ascii=False, separators=(",", ":"))


def published(id_, year, value, unit, qualifier="exact", kind="level", start=None, status="actual"):
    text = f"{value:g}"
    return {"indicator": id_, "period_start": start or year, "period_end": year, "kind": kind,
            "value": value, "value_text": text, "unit": unit, "status": status,
            "qualifier": qualifier, "source": "s", "quote": f"{id_} {text}{unit}"}


def outcome_cases():
    ai_2025 = Fraction(350) * Fraction(115, 100) ** 5  # 703.975…: the level 15 % a year implies
    assert 703 < ai_2025 < 704
    cases = []

    def case(outcomes, id_, group, expected, why):
        cases.append({"function": "outcome_verdict",
                      "args": {"outcomes": outcomes, "id": id_, "group": group},
                      "expected_text": expected, "why": why})

    f14, p21 = "fyp14_targets", "plan_2021"
    case(outcome_file(published("ai_output", 2025, 1000, "亿元", "more_than")), "ai_output", f14,
         "achieved", "(1000, inf) lies above 703.975")
    case(outcome_file(published("ai_output", 2025, 704, "亿元")), "ai_output", f14,
         "achieved", "704 >= 703.975")
    case(outcome_file(published("ai_output", 2025, 703, "亿元")), "ai_output", f14,
         "not_achieved", "703 < 703.975")
    case(outcome_file(published("ai_output", 2025, 600, "亿元", "more_than")), "ai_output", f14,
         "undetermined", "(600, inf) straddles 703.975")
    case(outcome_file(published("ai_output", 2025, 600, "亿元", "at_most")), "ai_output", f14,
         "not_achieved", "(-inf, 600] lies below 703.975")
    case(outcome_file(published("ai_output", 2024, 900, "亿元")), "ai_output", f14,
         "no_published_figure", "nothing for 2025")
    case(outcome_file(published("retail_sales", 2025, 2.5, "%", kind="average_growth", start=2021)),
         "retail_sales", f14, "not_achieved", "2.5 % a year < 3 %")
    case(outcome_file(published("retail_sales", 2025, 3, "%", "at_least", kind="average_growth", start=2021)),
         "retail_sales", f14, "achieved", "[3 %, inf) meets 3 %")
    case(outcome_file(published("budget_revenue", 2021, 220.54, "亿元")), "budget_revenue", p21,
         "achieved", "220.54 / 198.1 - 1 = 11.3 % >= 4.5 % (about 5 % with the 10 % tolerance)")
    case(outcome_file(published("budget_revenue", 2021, 200, "亿元")), "budget_revenue", p21,
         "not_achieved", "200 / 198.1 - 1 = 0.96 % < 4.5 %")
    case(outcome_file(published("gdp", 2021, 2300, "亿元")), "gdp", p21,
         "not_assessed", "a comparable-price growth target; a current-price level cannot stand in")
    case(outcome_file(published("gdp", 2021, 6.5, "%", kind="growth")), "gdp", p21,
         "achieved", "6.5 % >= 6 %")
    case(outcome_file(published("industrial_output", 2021, 750, "亿元", status="preliminary")),
         "industrial_output", p21, "achieved", "750 >= 530")
    case(outcome_file(published("urban_unemployment_rate", 2022, 5.8, "%")), "urban_unemployment_rate",
         f14, "not_achieved", "one year above the 5.5 % bound")
    case(outcome_file(published("urban_unemployment_rate", 2022, 4.8, "%")), "urban_unemployment_rate",
         f14, "no_published_figure", "within the bound in 2022, other years not published")
    case(outcome_file(*[published("housing_renovation", y, 52, "万平方米") for y in range(2021, 2026)]),
         "housing_renovation", f14, "achieved", "5 x 52 = 260, the five-year total")
    case(outcome_file(published("mnc_regional_hq", 2025, 110, "家")), "mnc_regional_hq", f14,
         "achieved", "110 - 90 (the 2020 stock) = 20 new")
    case(outcome_file(published("mnc_regional_hq", 2025, 105, "家")), "mnc_regional_hq", f14,
         "not_achieved", "105 - 90 = 15 < 20")
    # The embedded outcomes: verdicts a reader can check against docs/outcomes.md's quotes.
    case("", "ai_output", f14, "achieved", "突破千亿 (more than 1000) in 2025 > 703.975")
    case("", "rd_intensity", f14, "no_published_figure", "searched, not found")
    case("", "new_public_parking_spaces", p21, "achieved", "4116 > 2000")
    cases.append({"function": "outcome_verdict",
                  "args": {"outcomes": "", "id": "ai_ouput", "group": f14}, "error": "unknown_id"})
    cases.append({"function": "outcome_verdict",
                  "args": {"outcomes": "", "id": "rd_centres", "group": f14}, "error": "invalid_argument"})
    cases.append({"function": "outcome_verdict",
                  "args": {"outcomes": outcome_file(published("ai_output", 2030, 1, "亿元")),
                           "id": "ai_output", "group": f14}, "error": "invalid_catalog"})
    return cases


def write(name, cases, description):
    doc = {"description": description, "cases": cases}
    (OUT / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{name}: {len(cases)} cases")


if __name__ == "__main__":
    write("units.json", unit_cases(),
          "Unit conversions: expected = exact rational conversion rounded once; errors by kind.")
    write("catalog.json", catalog_cases(),
          "Catalog lookups: catalog_get expected_text = name_zh|name_en|unit|figure count read from the data "
          "file; catalog_figure expected_text = group|kind|value (IEEE-754 bits in hex, empty for a bound "
          "without a number)|unit|status|qualifier|price_basis|scope|universe|bound_text of figure `index`; "
          "implied_level = base level x (1 + target rate)^years, exact rational rounded once, or the error "
          "when the base is a bound or at another price basis.")
    write("outcomes.json", outcome_cases(),
          "Verdicts of targets against published outcomes (xh_core::outcomes): outcomes is a user's "
          "outcomes file as one-line JSON, or empty for the embedded file; expected_text is the verdict "
          "tag, reasoned by hand in each case's 'why'.")
