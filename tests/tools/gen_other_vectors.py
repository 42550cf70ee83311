#!/usr/bin/env python3
"""Generate tests/vectors/units.json and catalog.json.

Expected values are computed here independently of xuhui: unit conversions
with exact rational arithmetic (fractions), catalog answers read straight from
the data file, implied levels as exact rationals rounded once.

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
