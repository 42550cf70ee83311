"""The HTML tables Jupyter shows: one committed snapshot per repr
(tests/snapshots/*.html, reviewed by eye in a browser), and the rules a
reader relies on checked directly.

To accept a deliberate change, run with XUHUI_UPDATE_SNAPSHOTS=1 and
review the new files. Observations after 2020 are SYNTHETIC.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Callable

import pytest

import xuhui

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("XUHUI_UPDATE_SNAPSHOTS") == "1"
SYNTHETIC_AI = {2021: 400.0, 2022: 455.0, 2023: 520.0}
SYNTHETIC_JOBS = {2021: 4.8, 2022: 5.6, 2023: 4.9}

REPRS: dict[str, Callable[[], str]] = {
    "catalog": lambda: xuhui.catalog()._repr_html_(),
    "indicator": lambda: xuhui.catalog()["ai_output"]._repr_html_(),
    "figure": lambda: xuhui.catalog()["nonessential_general_expenditure"].figures[0]._repr_html_(),
    "assessment": lambda: xuhui.assess("ai_output", SYNTHETIC_AI)._repr_html_(),
    "assessment_bound": lambda: xuhui.assess("urban_unemployment_rate", SYNTHETIC_JOBS)._repr_html_(),
    "assessment_one_point": lambda: xuhui.assess("ai_output")._repr_html_(),
}


def visible_text(markup: str) -> str:
    """What a reader sees: the markup without the style sheet and tags."""
    markup = re.sub(r"<style>.*?</style>", "", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


@pytest.mark.parametrize("name", sorted(REPRS))
def test_repr_matches_snapshot(name: str) -> None:
    got = REPRS[name]()
    path = SNAPSHOTS / f"{name}.html"
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(got + "\n", encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path}; run with XUHUI_UPDATE_SNAPSHOTS=1 and review it"
    assert got + "\n" == path.read_text(encoding="utf-8"), f"{name} changed; see {path}"


@pytest.mark.parametrize("name", sorted(REPRS))
def test_styles_are_scoped_and_codes_are_words(name: str) -> None:
    markup = REPRS[name]()
    assert markup.startswith('<div class="xuhui-repr') and markup.endswith("</div>")
    css = re.search(r"<style>(.*?)</style>", markup, flags=re.S)
    assert css is not None
    for rule in filter(None, css.group(1).split("}")):
        for selector in rule.split("{")[0].split(","):
            assert selector.startswith("div.xuhui-repr "), selector
    text = visible_text(markup)
    # Codes as words: no snake_case tag outside an id.
    for tag in ("level_each_year", "average_growth", "fyp14_targets", "at_most", "moderate_progress"):
        assert tag not in text, (name, tag)
    # "1 point", never "1 points"; no dash standing for a missing value.
    assert not re.search(r"\b1 (points|figures|observations|indicators)\b", text), text
    assert "—" not in text


def test_numbers_right_units_unwrapped_and_in_english() -> None:
    ind = xuhui.catalog()["ai_output"]._repr_html_()
    assert '<td class="num">350 亿元</td>' in ind
    assert '<td class="unit en">100 million yuan</td>' in ind
    assert "text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap" in ind
    assert "科技创新 <span class=\"en\">Innovation</span>" in ind
    fig = visible_text(xuhui.catalog()["urban_unemployment_rate"].figures[-1]._repr_html_())
    assert "every year" in fig and "≤ 5.5 % every year" in fig
    cut = visible_text(REPRS["figure"]())
    assert "cut ≥ 10 %" in cut and "-10" not in cut.split("Note")[0]


def test_catalog_is_grouped_not_dumped() -> None:
    markup = REPRS["catalog"]()
    assert markup.count("<details>") == len({i.category for i in xuhui.catalog()})
    # Folded: the visible summary is one line per category.
    summaries = re.findall(r"<summary>(.*?)</summary>", markup)
    assert any("经济" in s and "Economy" in s and "28 indicators" in s for s in summaries)
    assert all(i.id in markup for i in xuhui.catalog())


def test_probabilities_state_their_basis() -> None:
    text = visible_text(REPRS["assessment"]())
    # One decimal within 1 % of either end, with the number of growth rates.
    assert re.search(r"\b0\.\d % \(n = 3\)", text) and "0.00 %" not in text
    assert "from only 3 growth rates between successive observations" in text and "indicative only" in text
    assert "4 observations, 2020–2023" in text
    one = visible_text(REPRS["assessment_one_point"]())
    assert "1 observation, 2020" in one and "needs 2 points, has 1" in one
    bound = visible_text(REPRS["assessment_bound"]())
    assert "missed: the bound was broken in 2022" in bound
    assert "2 of 3 observed years within the bound" in bound
