#!/usr/bin/env python3
"""Write tests/corpus/outcomes/: a user's own outcomes file (same schema as
xh-core/data/outcomes_2021_2025.json) and malformed variants of it, with
manifest.json saying what loading each must give.

Each entry: {"file", "expect": "ok", "outcomes": N} or
{"file", "expect": "error", "entry", "field", "contains"}: the load fails as
a whole with an invalid_catalog error naming that entry and field.
Rerun: python3 tests/tools/make_outcomes_corpus.py
"""
import copy
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "corpus" / "outcomes"
SMALL = {
    "schema_version": 1,
    "description": "a user's own outcomes file",
    "sources": [{"id": "mine", "title": "2026年某区政府工作报告", "publisher": "区政府",
                 "date": "2026-01", "address": "file:report.pdf", "reliability": "official"}],
    "outcomes": [
        {"indicator": "ai_output", "period_start": 2025, "period_end": 2025, "kind": "level",
         "value": 720, "value_text": "720", "unit": "亿元", "status": "actual",
         "qualifier": "exact", "source": "mine", "quote": "人工智能及相关产业总产出达到720亿元"},
        {"indicator": "retail_sales", "period_start": 2021, "period_end": 2025,
         "kind": "average_growth", "value": 2.5, "value_text": "2.5%", "unit": "%",
         "status": "actual", "qualifier": "exact", "source": "mine",
         "quote": "社会消费品零售总额年均增长2.5%"},
    ],
}
manifest = []


def write(name, obj):
    (OUT / name).write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def bad(name, index, change, entry, field, contains):
    o = copy.deepcopy(SMALL)
    o["outcomes"][index].update(change)
    write(name, o)
    manifest.append({"file": name, "expect": "error", "entry": entry, "field": field,
                     "contains": contains})


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write("ok_small.json", SMALL)
    manifest.append({"file": "ok_small.json", "expect": "ok", "outcomes": 2})
    ai, retail = "outcomes[0] (ai_output 2025)", "outcomes[1] (retail_sales 2025)"
    bad("unknown_indicator.json", 0, {"indicator": "ai_ouput"}, "outcomes[0] (ai_ouput 2025)",
        "indicator", "not a catalog indicator id")
    bad("value_not_in_quote.json", 0, {"value_text": "730"}, ai, "value_text", "is not in the quote")
    bad("value_mismatch.json", 0, {"value": 702}, ai, "value", "is not the number")
    bad("unit_mismatch.json", 0, {"unit": "万平方米"}, ai, "unit", "does not fit")
    bad("year_out_of_range.json", 0, {"period_start": 2030, "period_end": 2030},
        "outcomes[0] (ai_output 2030)", "period_end", "must end in 2020–2025")
    bad("unknown_source.json", 1, {"source": "theirs"}, retail, "source", "unknown source id")
    bad("unknown_field.json", 0, {"confidence": "high"}, "<file>", "json", "unknown field")
    bad("bad_status.json", 0, {"status": "estimated"}, "<file>", "json", "unknown variant")
    bad("growth_in_yuan.json", 1, {"unit": "亿元"}, retail, "unit", "does not fit")
    (OUT / "truncated.json").write_text(json.dumps(SMALL, ensure_ascii=False)[:200], encoding="utf-8")
    manifest.append({"file": "truncated.json", "expect": "error", "entry": "<file>",
                     "field": "json", "contains": "EOF"})
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")


if __name__ == "__main__":
    main()
