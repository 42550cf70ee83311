"""Finding a font with Chinese glyphs for matplotlib.

matplotlib keeps a cache of the fonts it has seen (``fontlist-*.json`` in
its cache directory). A font installed after the cache was written (say
``apt-get install fonts-noto-cjk`` in a running notebook) is not in it, so
looking the family up by name fails until the cache is deleted. Here a
miss triggers one rescan of the system's font files: fontconfig's list of
fonts covering Chinese (``fc-list :lang=zh``) when it is available, else
matplotlib's own directory scan; files the cache lacks are added to the
font manager and checked for the glyph 中.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from typing import Iterable, Optional

# Families with Simplified Chinese glyphs, best first.
PREFERRED = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)

# A character every Chinese font has and no Latin font does.
_PROBE = ord("中")

_rescanned = False
_warned = False

INSTALL_HINT = (
    "install a font with Chinese glyphs such as Noto Sans CJK (Debian/Ubuntu: "
    "apt-get install fonts-noto-cjk) or pass font='/path/to/font.otf'"
)


def _families() -> set[str]:
    """Font families matplotlib knows whose files still exist (a cache
    written before a font was removed lists it still)."""
    from matplotlib import font_manager

    return {f.name for f in font_manager.fontManager.ttflist if os.path.exists(f.fname)}


def _known_files() -> set[str]:
    from matplotlib import font_manager

    return {os.path.realpath(f.fname) for f in font_manager.fontManager.ttflist}


def _system_cjk_files() -> list[str]:
    """Font files that cover Chinese: fontconfig's answer, or every font
    file matplotlib's scan finds (checked for the glyph later)."""
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        try:
            out = subprocess.run(
                [fc_list, ":lang=zh", "--format", "%{file}\\n"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            ).stdout
            return sorted({line.strip() for line in out.splitlines() if line.strip()})
        except (OSError, subprocess.SubprocessError):
            pass
    from matplotlib import font_manager

    return sorted(set(font_manager.findSystemFonts()))


def _has_chinese(path: str) -> bool:
    from matplotlib import ft2font

    try:
        return ft2font.FT2Font(path).get_char_index(_PROBE) != 0
    except (OSError, RuntimeError, ValueError):
        return False


def _add_files(paths: Iterable[str]) -> list[str]:
    """Adds font files matplotlib does not know yet; returns the families
    of those with Chinese glyphs."""
    from matplotlib import font_manager

    known = _known_files()
    found: list[str] = []
    for path in paths:
        if os.path.realpath(path) in known or not _has_chinese(path):
            continue
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
        found.append(font_manager.FontProperties(fname=path).get_name())
    return found


def _pick(families: set[str], extra: Iterable[str] = ()) -> Optional[str]:
    for name in PREFERRED:
        if name in families:
            return name
    for name in extra:
        return name
    return None


def rescan() -> list[str]:
    """Rescans the system's fonts once per process; returns the Chinese
    families that were new to matplotlib."""
    global _rescanned
    if _rescanned:
        return []
    _rescanned = True
    return _add_files(_system_cjk_files())


def cjk_font(font: Optional[str] = None) -> Optional[str]:
    """The family to draw Chinese text with, or None (after one warning
    per process) when no installed font has Chinese glyphs.

    ``font`` is a family name or a font file; it must cover Chinese, else
    ``InvalidArgumentError``.
    """
    from . import _xuhui

    if font is not None:
        if os.path.isfile(font):
            if not _has_chinese(font):
                raise _xuhui.InvalidArgumentError(f"font: {font} has no Chinese glyphs")
            from matplotlib import font_manager

            if os.path.realpath(font) not in _known_files():
                font_manager.fontManager.addfont(font)
            return str(font_manager.FontProperties(fname=font).get_name())
        if font not in _families():
            rescan()
        if font not in _families():
            raise _xuhui.InvalidArgumentError(
                f"font: no installed font family named {font!r}; pass a family matplotlib knows or a font file"
            )
        return font
    name = _pick(_families())
    if name is None:
        name = _pick(_families(), rescan())
    if name is None:
        warn_missing()
    return name


def warn_missing() -> None:
    """Warns, once per process, that charts are drawn in English only."""
    global _warned
    if _warned:
        return
    _warned = True
    warnings.warn(
        "xuhui.plot: no font with Chinese glyphs found, so charts show the English text only; "
        + INSTALL_HINT,
        UserWarning,
        stacklevel=4,  # warn_missing <- cjk_font <- plot <- the caller
    )
