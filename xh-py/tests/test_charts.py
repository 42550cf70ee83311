"""Image comparison of every kind of chart against committed baselines
(tests/baseline/*.png), with matplotlib's own comparison.

The images are reproducible on a clean machine: matplotlib is pinned in
requirements-test.txt (its wheels bundle their FreeType), Latin text is
DejaVu Sans shipped with matplotlib, Chinese text is WenQuanYi Micro Hei
(Debian's fonts-wqy-microhei, installed by scripts/test-python.sh), and
hinting is set as in matplotlib's own tests. To accept a deliberate change,
run with XUHUI_UPDATE_BASELINES=1 and look at the new images before
committing them.

Every observation after 2020 here is SYNTHETIC, made up to draw the charts.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pytest

import xuhui
from xuhui import _fonts

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.testing.compare import compare_images  # noqa: E402

BASELINE = Path(__file__).parent / "baseline"
UPDATE = os.environ.get("XUHUI_UPDATE_BASELINES") == "1"
PINNED_CJK = "WenQuanYi Micro Hei"
# Root-mean-square difference (0–255) tolerated: antialiasing noise only.
TOLERANCE = 2.0

# Pinned rendering settings (matplotlib's own testing settings, a fixed dpi).
RC = {
    "font.family": ["DejaVu Sans"],
    "text.hinting": "default",
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "svg.hashsalt": "xuhui",
}

# SYNTHETIC observations, one set per chart kind.
CHARTS: dict[str, tuple[str, Optional[dict[int, float]], Optional[str]]] = {
    # growth target: 15 % a year from 350亿元
    "growth": ("ai_output", {2021: 400.0, 2022: 455.0, 2023: 520.0}, PINNED_CJK),
    # a change of a stock: 20 new headquarters on 90
    "stock": ("mnc_regional_hq", {2021: 95.0, 2022: 99.0, 2023: 103.0}, PINNED_CJK),
    # a total of annual flows: 260万平方米 over five years
    "running_total": ("housing_renovation", {2021: 40.0, 2022: 45.0, 2023: 47.0}, PINNED_CJK),
    # an every-year bound, lower is better, one breach
    "bound": ("urban_unemployment_rate", {2020: 4.5, 2021: 4.8, 2022: 5.6, 2023: 4.9}, PINNED_CJK),
    # a level target, already above it
    "level": ("patents_per_10k", {2021: 121.0, 2022: 124.0, 2023: 127.0}, PINNED_CJK),
    # the report's base only: no ranges, no projection
    "base_only": ("patents_per_10k", None, PINNED_CJK),
    # no Chinese font: English only
    "english": ("ai_output", {2021: 400.0, 2022: 455.0, 2023: 520.0}, None),
}


@pytest.fixture(autouse=True)
def pinned_style() -> Iterator[None]:
    with mpl.rc_context(RC):
        yield
    plt.close("all")


def english_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fonts, "cjk_font", lambda font=None: None)


def check(name: str, draw: Callable[[], Any], tmp_path: Path) -> None:
    ax = draw()
    actual = tmp_path / f"{name}.png"
    ax.figure.savefig(actual)
    expected = BASELINE / f"{name}.png"
    if UPDATE:
        BASELINE.mkdir(exist_ok=True)
        shutil.copyfile(actual, expected)
        return
    assert expected.exists(), f"no baseline {expected}; run with XUHUI_UPDATE_BASELINES=1 and review it"
    diff = compare_images(str(expected), str(actual), tol=TOLERANCE)
    assert diff is None, f"{name}: {diff} (result kept in {tmp_path})"


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_matches_baseline(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    indicator, observations, font = CHARTS[name]
    if font is None:
        english_only(monkeypatch)
    else:
        if font not in _fonts._families():
            _fonts.rescan()
        assert font in _fonts._families(), f"the pinned font {font} is not installed: apt-get install fonts-wqy-microhei"
    check(name, lambda: xuhui.plot(indicator, observations, font=font), tmp_path)


def test_charts_say_what_they_draw() -> None:
    """The words on each chart, which the images alone would not pin."""
    texts = {}
    for name, (indicator, observations, font) in CHARTS.items():
        if font is None:
            continue
        ax = xuhui.plot(indicator, observations, font=font)
        legend = ax.get_legend()
        labels = [t.get_text() for t in legend.get_texts()] if legend else []
        texts[name] = (ax.get_ylabel(), labels, [t.get_text() for t in ax.texts])
    ylabel, labels, notes = texts["growth"]
    assert ylabel == "亿元 (100 million yuan)"
    assert "required path: 15 % a year" in labels
    assert "target 2025: ≥ 704 亿元" in labels
    assert "at the 2020–2023 pace → 677 亿元 in 2025" in labels
    assert "80 % range (n = 3, indicative)" in labels
    assert "observed: report" in labels and "observed: user data" in labels
    source = notes[-1].replace("\n", " ")
    assert "2021年上海市徐汇区政府工作报告" in source and "2020 level" in source
    assert "2021–2023: user data, not from the report" in source
    assert notes[0] == "Target: 15 % a year, 2020–2025 (→ 704 亿元 in 2025)"
    ylabel, labels, notes = texts["stock"]
    assert ylabel == "stock, 家 (establishments)"
    assert "target 2025: ≥ 110 家" in labels and "required path: +20 by 2025" in labels
    ylabel, labels, notes = texts["running_total"]
    assert ylabel == "running total since 2020, 万平方米 (10 thousand m²)"
    assert "target 2025: ≥ 260 万平方米" in labels
    ylabel, labels, notes = texts["bound"]
    assert ylabel == "%"
    assert "acceptable each year: ≤ 5.5 %" in labels and "breach: 2022" in labels
    assert not any(lab.startswith("required") or "base" in lab for lab in labels)
    ylabel, labels, notes = texts["base_only"]
    # Nothing drawn, nothing in the legend: no ranges from one point.
    assert not any("range" in lab or "pace" in lab for lab in labels)
    assert labels == ["observed: report", "required path", "target 2025: ≥ 120 件/万人"]
    # Thousands separators on the axis.
    ax = xuhui.plot("life_health_output", {2021: 700.0, 2022: 770.0, 2023: 830.0}, font=PINNED_CJK)
    ax.figure.canvas.draw()
    assert "1,000" in [t.get_text() for t in ax.get_yticklabels()]


def test_published_outcomes_are_named_on_the_source_line() -> None:
    """Levels from the published outcomes (``xuhui.outcomes().catalog()``)
    are neither the report nor user data: the source line names their
    document. 2022 here is SYNTHETIC user data."""
    titles = {s["id"]: s["title"] for s in xuhui.outcomes().sources()}
    published = [r for r in xuhui.outcomes().rows() if r["indicator"] == "ai_output" and r["year"] == 2024]
    assert published, "the outcomes file has ai_output's 2024 level"
    source_id = published[0]["source"]
    ax = xuhui.plot("ai_output", {2022: 470.0}, catalog=xuhui.outcomes().catalog(), font=PINNED_CJK)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"observed: report", "observed: published outcome", "observed: user data"} <= set(labels)
    source = ax.texts[-1].get_text().replace("\n", " ")
    assert f"2024: published outcome, {titles[source_id]} ({source_id})." in source, source
    assert "2022: user data, not from the report" in source and "2024: user data" not in source
