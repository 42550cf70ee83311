"""Chinese text in charts: an installed CJK font is found (even when
matplotlib's font cache predates it), ``font=`` picks one, and without any
the chart is drawn in English with one warning naming the package to
install.

scripts/test-python.sh installs a CJK font (fonts-wqy-microhei) where it
can; without one, test_a_cjk_font_is_installed fails rather than skipping
the "font present" half.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from pathlib import Path
from typing import Iterator

import pytest

import xuhui
from xuhui import _fonts

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.text import Text  # noqa: E402

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
# SYNTHETIC observations (亿元), for drawing only.
SYNTHETIC_AI = {2021: 400.0, 2022: 455.0, 2023: 520.0}


@pytest.fixture(autouse=True)
def fresh_lookup(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts as a new session: no rescan done, no warning given."""
    monkeypatch.setattr(_fonts, "_rescanned", False)
    monkeypatch.setattr(_fonts, "_warned", False)
    yield
    plt.close("all")


@contextlib.contextmanager
def cache_without_cjk() -> Iterator[None]:
    """matplotlib's font list without any Chinese font, as a cache written
    before `apt-get install` would be; restored (and its lookups
    forgotten) afterwards."""
    saved = font_manager.fontManager.ttflist
    font_manager.fontManager.ttflist = [f for f in saved if not _fonts._has_chinese(f.fname)]
    font_manager.fontManager._findfont_cached.cache_clear()
    try:
        yield
    finally:
        font_manager.fontManager.ttflist = saved
        font_manager.fontManager._findfont_cached.cache_clear()


def chart_texts(ax: object) -> list[str]:
    return [t.get_text() for t in ax.figure.findobj(Text) if t.get_text()]  # type: ignore[attr-defined]


def cjk_files() -> list[str]:
    return [f for f in _fonts._system_cjk_files() if _fonts._has_chinese(f)]


def test_a_cjk_font_is_installed() -> None:
    assert cjk_files(), "no font with Chinese glyphs: install fonts-wqy-microhei (scripts/test-python.sh does as root)"


def test_found_font_draws_chinese_without_missing_glyphs(recwarn: pytest.WarningsRecorder) -> None:
    ax = xuhui.plot("ai_output", SYNTHETIC_AI)
    ax.figure.canvas.draw()
    texts = chart_texts(ax)
    assert any("人工智能及相关产业总产出" in t for t in texts)
    assert any("亿元 (100 million yuan)" == t for t in texts)
    # Axes made before the call (their title and labels already exist).
    fig, axes = plt.subplots(1, 2, figsize=(16, 4.8), layout="constrained")
    xuhui.plot("ai_output", SYNTHETIC_AI, ax=axes[0])
    xuhui.plot("mnc_regional_hq", {2021: 95.0}, ax=axes[1])
    fig.canvas.draw()
    assert not [w for w in recwarn if "missing" in str(w.message) or "Chinese" in str(w.message)]
    assert not [w for w in recwarn if "collapsed" in str(w.message)]


def test_a_font_installed_after_the_cache_was_written_is_found() -> None:
    with cache_without_cjk():
        assert _fonts._pick(_fonts._families()) is None
        name = _fonts.cjk_font()
        assert name is not None and _fonts._rescanned
        assert name in _fonts._families()
        ax = xuhui.plot("ai_output", SYNTHETIC_AI)
        assert any("人工智能" in t for t in chart_texts(ax))


def test_a_removed_font_still_in_the_cache_is_not_picked(monkeypatch: pytest.MonkeyPatch) -> None:
    # A cache written while Noto Sans CJK was installed, the font since removed.
    gone = dataclasses.replace(
        font_manager.fontManager.ttflist[0], name="Noto Sans CJK SC", fname="/nonexistent/NotoSansCJK.ttc"
    )
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [gone, *font_manager.fontManager.ttflist])
    picked = _fonts.cjk_font()
    assert picked is not None and any(
        f.name == picked and Path(f.fname).exists() for f in font_manager.fontManager.ttflist
    )


def test_font_argument_takes_a_family_or_a_file() -> None:
    path = cjk_files()[0]
    family = font_manager.FontProperties(fname=path).get_name()
    assert _fonts.cjk_font(family) == family
    assert _fonts.cjk_font(path) == family
    ax = xuhui.plot("ai_output", SYNTHETIC_AI, font=path)
    assert ax.title.get_fontfamily()[-1] == family
    with pytest.raises(xuhui.InvalidArgumentError, match="no installed font family named 'No Such Font'"):
        xuhui.plot("ai_output", font="No Such Font")
    latin = str(Path(mpl.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    with pytest.raises(xuhui.InvalidArgumentError, match="no Chinese glyphs"):
        xuhui.plot("ai_output", font=latin)


def test_without_a_cjk_font_the_chart_is_english_with_one_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    # An empty font directory for the rescan, and a cache without Chinese fonts.
    monkeypatch.setattr(_fonts, "_system_cjk_files", lambda: [])
    with cache_without_cjk(), pytest.warns(UserWarning) as record:
        charts = [xuhui.plot(i, SYNTHETIC_AI if i == "ai_output" else None) for i in ("ai_output", "patents_per_10k")]
        for ax in charts:
            ax.figure.canvas.draw()
    messages = [str(w.message) for w in record]
    assert len(messages) == 1, messages
    assert "no font with Chinese glyphs" in messages[0] and "apt-get install fonts-noto-cjk" in messages[0]
    for ax in charts:
        texts = chart_texts(ax)
        assert not [t for t in texts if CJK.search(t)], texts
    texts = chart_texts(charts[0])
    assert "Gross output of AI and related industries" in texts
    assert "100 million yuan" in texts
