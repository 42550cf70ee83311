"""The malformed-data corpus (tests/corpus/manifest.json) from Python: each
file loads as the manifest says or is rejected naming line and column, and a
rejected load leaves the catalog unchanged."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import xuhui

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_corpus_file(entry: dict) -> None:
    cat = xuhui.catalog()
    before = cat.to_csv()
    data = (CORPUS / entry["file"]).read_bytes()
    load = {
        "csv": cat.with_observations_csv,
        "json": cat.with_observations_json,
        "sdmx-csv": cat.with_observations_sdmx_csv,
    }[entry["format"]]
    if entry["expect"] == "ok":
        loaded = load(data)
        assert len(loaded.figures()) == len(cat.figures()) + entry["rows"]
    else:
        with pytest.raises(xuhui.InvalidObservationsError) as info:
            load(data)
        problems = info.value.problems
        assert len(problems) == entry["problems"]
        line, column, message = problems[0]
        first = entry["first"]
        assert (line, column) == (first["line"], first["column"])
        assert first["contains"] in message
        assert info.value.kind == "invalid_observations"
    assert cat.to_csv() == before


def test_corpus_has_at_least_30_bad_files() -> None:
    assert sum(e["expect"] == "error" for e in MANIFEST) >= 30
    assert sum(e["expect"] == "error" and e["format"] == "sdmx-csv" for e in MANIFEST) >= 25
