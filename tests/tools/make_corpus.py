#!/usr/bin/env python3
"""Write tests/corpus/: malformed (and a few well-formed) observation files,
and manifest.json saying what loading each must give.

Each entry: {"file", "format": "csv"|"json"|"sdmx-csv", "expect": "ok", "rows": N} or
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

# The csv crate's reading: CRLF line ends and line breaks inside quotes keep line numbers right.
bad("crlf_bad_value.csv", (H + "ai_output,2021,410,亿元\nai_output,2022,x,亿元\n").replace("\n", "\r\n"), 1, 3, 3, 'value "x" is not a number')
bad("quoted_newline_then_bad.csv", "id,year,value,unit,note\nai_output,2021,410,亿元,\"two\nlines\"\nai_output,2022,x,亿元,\n", 1, 4, 3, 'value "x" is not a number')

# SDMX-CSV observations (Catalog::add_observations_sdmx_csv). Columns of S: STRUCTURE 1,
# STRUCTURE_ID 2, ACTION 3, INDICATOR 4, TIME_PERIOD 5, OBS_VALUE 6, UNIT_MEASURE 7, UNIT_MULT 8.
S = "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\n"
R = "dataflow,XUHUI:DF_GWR2021(1.0),I,"
# The full key, as xuhui writes it: ... REF_AREA 4, INDICATOR 5, REPORT_PART 6, FIGURE_KIND 7,
# TIME_PERIOD 8, OBS_VALUE 9, UNIT_MEASURE 10, UNIT_MULT 11, OBS_STATUS 12, QUALIFIER 13, PRICE_BASIS 14.
F = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,REPORT_PART,FIGURE_KIND,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,QUALIFIER,PRICE_BASIS\n"
K = R + "CN_310104,"


def sdmx_ok(name, data, rows):
    ok(name, data, rows, "sdmx-csv")


def sdmx_bad(name, data, problems, line, column, contains):
    bad(name, data, problems, line, column, contains, "sdmx-csv")


sdmx_ok("sdmx_ok_v2.csv", F + K + "AI_OUTPUT,USER,LEVEL,2021,410,CNY,8,A,,CURRENT\n" + K + "URBAN_UNEMPLOYMENT_RATE,USER,LEVEL,2021,4.6,PC,0,E,,\n", 2)
sdmx_ok("sdmx_ok_v1_office.csv", "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n"
        "SHSTAT:DF_XUHUI(2.0),AI_OUTPUT,2021,4100000,CNY,4,A\nSHSTAT:DF_XUHUI(2.0),AI_OUTPUT,2022-A1,470,CNY,8,E\n", 2)
sdmx_ok("sdmx_ok_labels_bom_crlf.csv", ("\ufeff" + "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR: Indicator,TIME_PERIOD: Time period,OBS_VALUE,NOTE\n"
        "dataflow,XUHUI:DF_GWR2021(1.0): Xuhui report,I,AI_OUTPUT: AI output,2021,410,\"preliminary,\nsee \"\"table 2\"\"\"\n").replace("\n", "\r\n"), 1)
sdmx_ok("sdmx_ok_report_rows.csv", F + K + "AI_OUTPUT,RESULTS_2020,LEVEL,2020,350,CNY,8,E,,CURRENT\n"
        + K + "GDP,FYP14_TARGETS,AVERAGE_GROWTH,2021-01-01/P5Y,5,PC,0,F,ABOUT,COMPARABLE\n" + K + "AI_OUTPUT,USER,LEVEL,2021,410,CNY,8,A,,\n", 1)
sdmx_ok("sdmx_ok_header_only.csv", S, 0)

sdmx_bad("sdmx_wrong_header.csv", "id,year,value\nai_output,2021,410\n", 1, 1, 1, "not SDMX-CSV")
sdmx_bad("sdmx_semicolon.csv", "STRUCTURE;STRUCTURE_ID;ACTION;INDICATOR;TIME_PERIOD;OBS_VALUE\ndataflow;XUHUI:DF_GWR2021(1.0);I;AI_OUTPUT;2021;410\n", 1, 1, 1, "the separator must be a comma")
sdmx_bad("sdmx_no_structure_id.csv", "STRUCTURE,ACTION,INDICATOR,TIME_PERIOD,OBS_VALUE\ndataflow,I,AI_OUTPUT,2021,410\n", 1, 1, 2, "must be STRUCTURE_ID")
sdmx_bad("sdmx_missing_obs_value.csv", "STRUCTURE,STRUCTURE_ID,INDICATOR,TIME_PERIOD\ndataflow,XUHUI:DF_GWR2021(1.0),AI_OUTPUT,2021\n", 1, 1, 0, 'missing column "OBS_VALUE"')
sdmx_bad("sdmx_unknown_column.csv", "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,COLOUR\nXUHUI:DF_GWR2021(1.0),AI_OUTPUT,2021,410,red\n", 1, 1, 5, 'unknown column "COLOUR"')
sdmx_bad("sdmx_unknown_indicator.csv", S + R + "AI_OUTPTU,2021,410,CNY,8\n", 1, 2, 4, 'unknown INDICATOR code "AI_OUTPTU"')
sdmx_bad("sdmx_lowercase_indicator.csv", S + R + "ai_output,2021,410,CNY,8\n", 1, 2, 4, "codes are upper case: AI_OUTPUT")
sdmx_bad("sdmx_unknown_unit.csv", S + R + "AI_OUTPUT,2021,410,YUAN,8\n", 1, 2, 7, 'unknown UNIT_MEASURE code "YUAN"')
sdmx_bad("sdmx_bad_unit_mult.csv", S + R + "AI_OUTPUT,2021,410,CNY,亿\n" + R + "AI_OUTPUT,2022,410,CNY,-1\n"
         + R + "AI_OUTPUT,2023,410,CNY,4.0\n" + R + "AI_OUTPUT,2024,410,CNY,13\n", 4, 2, 8, 'UNIT_MULT "亿" is not a power of ten from 0 to 12')
sdmx_bad("sdmx_bad_time_period.csv", S + R + "AI_OUTPUT,2021-Q1,410,CNY,8\n" + R + "AI_OUTPUT,2021-13,410,CNY,8\n"
         + R + "AI_OUTPUT,21,410,CNY,8\n" + R + "AI_OUTPUT,2021-06-01/P1Y,410,CNY,8\n", 4, 2, 5, 'TIME_PERIOD "2021-Q1" is not a year')
sdmx_bad("sdmx_range_observation.csv", S + R + "AI_OUTPUT,2021-01-01/P5Y,410,CNY,8\n", 1, 2, 5, "observations are single years")
sdmx_bad("sdmx_year_out_of_range.csv", S + R + "AI_OUTPUT,1800,410,CNY,8\n", 1, 2, 5, "year 1800 is outside")
sdmx_bad("sdmx_mixed_structures.csv", S + R + "AI_OUTPUT,2021,410,CNY,8\n" + "dataflow,XUHUI:DF_OTHER(1.0),I,AI_OUTPUT,2022,470,CNY,8\n", 1, 3, 2, "mixed structures")
sdmx_bad("sdmx_mixed_versions.csv", "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE\nXUHUI:DF_GWR2021(1.0),AI_OUTPUT,2021,410\nXUHUI:DF_GWR2021(1.1),AI_OUTPUT,2022,470\n", 1, 3, 1, "mixed structures")
sdmx_bad("sdmx_bad_structure_id.csv", S + "dataflow,XUHUI-DF_GWR2021,I,AI_OUTPUT,2021,410,CNY,8\n", 1, 2, 2, "is not of the form AGENCY:ID(VERSION)")
sdmx_bad("sdmx_bad_structure_kind.csv", S + "table,XUHUI:DF_GWR2021(1.0),I,AI_OUTPUT,2021,410,CNY,8\n", 1, 2, 1, 'STRUCTURE "table" is not dataflow')
sdmx_bad("sdmx_delete_action.csv", S + "dataflow,XUHUI:DF_GWR2021(1.0),D,AI_OUTPUT,2021,410,CNY,8\n", 1, 2, 3, "ACTION D deletes data")
sdmx_bad("sdmx_target_status.csv", F + K + "AI_OUTPUT,USER,LEVEL,2021,410,CNY,8,F,,\n", 1, 2, 12, "observations cannot be targets")
sdmx_bad("sdmx_unknown_status.csv", F + K + "AI_OUTPUT,USER,LEVEL,2021,410,CNY,8,P,,\n", 1, 2, 12, 'OBS_STATUS "P" is not A')
sdmx_bad("sdmx_growth_kind.csv", F + K + "AI_OUTPUT,USER,GROWTH,2021,17,PC,0,A,,\n", 1, 2, 7, "only LEVEL observations can be loaded")
sdmx_bad("sdmx_qualified.csv", F + K + "AI_OUTPUT,USER,LEVEL,2021,410,CNY,8,A,ABOUT,\n", 1, 2, 13, "observations are exact values")
sdmx_bad("sdmx_report_mismatch.csv", F + K + "AI_OUTPUT,RESULTS_2020,LEVEL,2020,351,CNY,8,E,,CURRENT\n", 1, 2, 9, "the report gives 350 亿元 for ai_output in 2020, not 351")
sdmx_bad("sdmx_not_in_report.csv", F + K + "AI_OUTPUT,PLAN_2021,LEVEL,2021,410,CNY,8,F,,CURRENT\n", 1, 2, 6, "the report has no LEVEL figure of ai_output")
sdmx_bad("sdmx_price_basis.csv", F + K + "GDP,USER,LEVEL,2021,2400,CNY,8,A,,COMPARABLE\n", 1, 2, 14, "PRICE_BASIS COMPARABLE does not match gdp's levels, which are at current prices")
sdmx_bad("sdmx_duplicate.csv", S + R + "AI_OUTPUT,2021,410,CNY,8\n" + R + "AI_OUTPUT,2021,4100000,CNY,4\n", 1, 3, 5, "duplicate observation for ai_output in 2021")
sdmx_bad("sdmx_wrong_dimension.csv", S + R + "AI_OUTPUT,2021,12,HA,0\n", 1, 2, 7, "does not match ai_output's unit 亿元")
sdmx_bad("sdmx_unknown_ref_area.csv", F + "dataflow,XUHUI:DF_GWR2021(1.0),I,CN,AI_OUTPUT,USER,LEVEL,2021,410,CNY,8,A,,\n", 1, 2, 4, 'unknown REF_AREA code "CN"')
sdmx_bad("sdmx_monthly.csv", "DATAFLOW,FREQ,INDICATOR,TIME_PERIOD,OBS_VALUE\nXUHUI:DF_GWR2021(1.0),M,AI_OUTPUT,2021,410\n", 1, 2, 2, 'FREQ "M" is not A')
sdmx_bad("sdmx_missing_value.csv", S + R + "AI_OUTPUT,2021,NaN,CNY,8\n" + R + "AI_OUTPUT,2022,,CNY,8\n", 2, 2, 6, 'value "NaN" is not a number')
sdmx_bad("sdmx_row_length.csv", S + R + "AI_OUTPUT,2021,410\n", 1, 2, 0, "expected 8 columns, found 6")
sdmx_bad("sdmx_truncated.csv", "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,NOTE\nXUHUI:DF_GWR2021(1.0),AI_OUTPUT,2021,410,\"cut off", 1, 2, 5, "unterminated quoted field")
sdmx_bad("sdmx_empty.csv", "", 1, 1, 0, "empty input")
sdmx_bad("sdmx_utf16.csv", b"\xff\xfe" + (S + R + "AI_OUTPUT,2021,410,CNY,8\n").encode("utf-16-le"), 1, 1, 0, "UTF-16")

(OUT / "manifest.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{len(entries)} corpus files")
