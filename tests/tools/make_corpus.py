#!/usr/bin/env python3
"""Write tests/corpus/: malformed (and a few well-formed) observation files,
and manifest.json saying what loading each must give.

Each entry: {"file", "format": "csv"|"json", "expect": "ok", "rows": N} or
{"file", "format", "expect": "error", "problems": N, "first": {"line", "column", "contains"}}.
A column of 0 means the whole row (or file). Rerun: python3 tests/tools/make_corpus.py
"""
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "corpus"
H = "id,year,value,unit\n"
entries = []


def put(name, data, fmt, expect, **kw):
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    (OUT / name).write_bytes(raw)
    entries.append({"file": name, "format": fmt, "expect": expect, **kw})


def ok(name, data, rows, fmt="csv"):
    put(name, data, fmt, "ok", rows=rows)


def bad(name, data, problems, line, column, contains, fmt="csv"):
    put(name, data, fmt, "error", problems=problems, first={"line": line, "column": column, "contains": contains})


OUT.mkdir(exist_ok=True)
ok("ok_basic.csv", H + "ai_output,2021,410,亿元\nai_output,2022,470,亿元\ngdp,2021,2400,亿元\n", 3)
ok("ok_bom.csv", "\ufeff" + H + "ai_output,2021,410,亿元\n", 1)
ok("ok_crlf.csv", (H + "ai_output,2021,410,亿元\nlife_health_output,2021,700,亿元\n").replace("\n", "\r\n"), 2)
ok("ok_quoted_note.csv", "id,year,value,unit,note\nai_output,2021,410,亿元,\"estimate, \"\"preliminary\"\"\nsecond line\"\n", 1)
ok("ok_reordered_columns.csv", "unit,value,id,year\n亿元,410,ai_output,2021\n", 1)
ok("ok_unit_conversion.csv", H + "ai_output,2021,41000000000,元\npark_green_area,2021,6060000,平方米\n", 2)
ok("ok_status_estimate.csv", "id,year,value,unit,status\nai_output,2021,410,亿元,estimate\n", 1)
ok("ok_blank_lines.csv", H + "ai_output,2021,410,亿元\n\n\n", 1)
ok("ok_no_unit_column.csv", "id,year,value\nurban_unemployment_rate,2021,4.6\n", 1)
ok("ok_header_only.csv", H, 0)
ok("ok_basic.json", json.dumps([{"id": "ai_output", "year": 2021, "value": 410, "unit": "亿元"},
                                {"id": "urban_unemployment_rate", "year": 2021, "value": 4.6}], ensure_ascii=False, indent=1), 2, "json")
ok("ok_bom.json", "\ufeff" + json.dumps([{"id": "gdp", "year": 2021, "value": 2400}]), 1, "json")
ok("ok_empty_array.json", "[]", 0, "json")

bad("truncated_row.csv", H + "ai_output,2021,410,亿元\nai_output,2022", 1, 3, 0, "expected 4 columns, found 2")
bad("truncated_quote.csv", "id,year,value,unit,note\nai_output,2021,410,亿元,\"unterminated", 1, 2, 5, "unterminated quoted field")
bad("truncated.json", '[{"id": "ai_output", "year": 2021, "value": 41', 1, 1, 46, "malformed JSON", "json")
bad("gbk.csv", (H + "ai_output,2021,410,亿元\n").encode("gbk"), 1, 2, 0, "not valid UTF-8")
bad("utf16le.csv", b"\xff\xfe" + (H + "ai_output,2021,410,亿元\n").encode("utf-16-le"), 1, 1, 0, "UTF-16")
bad("utf16be.csv", b"\xfe\xff" + (H + "ai_output,2021,410,亿元\n").encode("utf-16-be"), 1, 1, 0, "UTF-16")
bad("too_many_columns.csv", H + "ai_output,2021,410,亿元,extra\n", 1, 2, 0, "expected 4 columns, found 5")
bad("too_few_columns.csv", H + "ai_output,2021\n", 1, 2, 0, "expected 4 columns, found 2")
bad("thousands_separator.csv", H + 'gdp,2021,"2,400",亿元\n', 1, 2, 3, "remove the thousands separators")
bad("magnitude_suffix.csv", H + "ai_output,2021,3.5亿,亿元\n", 1, 2, 3, "put the magnitude in the unit column")
bad("percent_sign.csv", H + "urban_unemployment_rate,2021,4.6%,%\n", 1, 2, 3, "without %")
bad("duplicate_rows.csv", H + "ai_output,2021,410,亿元\nai_output,2021,410,亿元\n", 1, 3, 2, "duplicate observation for ai_output in 2021")
bad("unknown_id.csv", H + "ai_outptu,2021,410,亿元\n", 1, 2, 1, 'unknown indicator id "ai_outptu"')
bad("year_out_of_range.csv", H + "ai_output,1800,1,亿元\nai_output,2200,1,亿元\n", 2, 2, 2, "year 1800 is outside")
bad("year_not_integer.csv", H + "ai_output,2021.5,410,亿元\n", 1, 2, 2, "is not a whole number")
bad("non_numeric.csv", H + "ai_output,2021,abc,亿元\nai_output,2022,n/a,亿元\n", 2, 2, 3, 'value "abc" is not a number')
bad("empty_value.csv", H + "ai_output,2021,,亿元\n", 1, 2, 3, "value is empty")
bad("nan_value.csv", H + "ai_output,2021,NaN,亿元\nai_output,2022,inf,亿元\nai_output,2023,1e999,亿元\n", 3, 2, 3, "is not a number")
bad("ocr_unit.csv", H + "housing_renovation,2021,37,万平光\n", 1, 2, 4, 'unknown unit "万平光"')
bad("wrong_dimension.csv", H + "ai_output,2021,12,公顷\n", 1, 2, 4, "does not match ai_output's unit 亿元")
bad("target_status.csv", "id,year,value,unit,status\nai_output,2021,410,亿元,target\n", 1, 2, 5, "cannot be targets")
bad("missing_column.csv", "id,year,unit\nai_output,2021,亿元\n", 1, 1, 0, 'missing column "value"')
bad("unknown_column.csv", "id,year,value,colour\nai_output,2021,410,red\n", 1, 1, 4, 'unknown column "colour"')
bad("empty.csv", "", 1, 1, 0, "empty input")
bad("not_array.json", '{"id": "ai_output", "year": 2021, "value": 410}', 1, 1, 0, "malformed JSON", "json")
bad("wrong_types.json", '[\n {"id": "ai_output", "year": "2021", "value": 410}\n]', 1, 2, 0, "invalid observation", "json")
bad("unknown_field.json", '[\n {"id": "ai_output", "year": 2021, "value": 410, "colour": "red"}\n]', 1, 2, 0, "unknown field", "json")
bad("unknown_id.json", '[\n {"id": "gdp", "year": 2021, "value": 1},\n\n {"id": "nope", "year": 2021, "value": 1}\n]', 1, 4, 0, 'unknown indicator id "nope"', "json")
bad("tab_separated.csv", "id\tyear\tvalue\nai_output\t2021\t410\n", 4, 1, 0, "missing column")
bad("semicolon_separated.csv", "id;year;value\nai_output;2021;410,5\n", 4, 1, 0, "missing column")
bad("duplicate_header.csv", "id,year,value,ID\nai_output,2021,410,x\n", 1, 1, 4, 'duplicate column "id"')
bad("negative_year.csv", H + "ai_output,-2021,410,亿元\n", 1, 2, 2, "year -2021 is outside")
bad("many_problems.csv", H + "nope,2021,1,亿元\nai_output,x,1,亿元\nai_output,2021,y,亿元\nai_output,2021,1,公顷\n", 4, 2, 1, "unknown indicator id")

(OUT / "manifest.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{len(entries)} corpus files")
