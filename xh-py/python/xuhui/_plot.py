"""``xuhui.plot``: a target drawn with matplotlib (an optional extra).

Every plotted number comes from the Rust core: the observed, required and
projected paths and the confidence bands are the arrays of
``xh_core::assess::trajectory`` (``Assessment.trajectory_arrays()``); this
module only draws them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Union

import numpy as np

from . import _xuhui

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

# Fonts that have Chinese glyphs, in order of preference. Without one,
# matplotlib draws the Chinese title as boxes and warns "Glyph ... missing".
_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    for name in _CJK_FONTS:
        if name in available:
            return name
    return None


def _finite(years: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = np.isfinite(values)
    return years[keep], values[keep]


def plot(
    target_or_id: Union[str, _xuhui.Indicator, _xuhui.Figure, Mapping[str, Any]],
    observations: Any = None,
    ax: Optional[Axes] = None,
    *,
    unit: Union[str, _xuhui.Unit, None] = None,
    deflator: Optional[Mapping[str, Any]] = None,
    options: Optional[Mapping[str, Any]] = None,
    check_plausibility: bool = True,
) -> Axes:
    """Draw a target: observations, the required path, the projection at the
    observed pace and its confidence bands.

    The arrays are the core's trajectory (``xuhui.assess(...)
    .trajectory_arrays()``): one value per year from the base year to the
    target year; cumulative targets are drawn as running totals. Bands
    (80 % and 95 % by default, ``options={"band_coverages": [...]}``) need
    three observations.

    Parameters
    ----------
    target_or_id:
        An indicator id (``"ai_output"``), an ``Indicator`` (its five-year
        target is drawn, else its 2021 target), a target ``Figure``, or a
        target dict as in :func:`xuhui.assess`.
    observations:
        Extra observed levels in any shape :func:`xuhui.assess` takes (a
        mapping ``{year: value}``, ``(year, value)`` pairs, a pandas Series
        or DataFrame …); levels the catalog already holds are drawn too.
    ax:
        The matplotlib Axes to draw on; a new figure is made if None.
    unit, deflator, options, check_plausibility:
        As in :func:`xuhui.assess` (GDP, a comparable-price target, needs a
        deflator).

    Returns
    -------
    matplotlib.axes.Axes
        Labelled in English, with the Chinese name in the title.

    Raises
    ------
    ImportError
        If matplotlib is not installed (``pip install 'xuhui[plot]'``).
    UnknownIdError
        For an unknown id.
    InvalidArgumentError
        If the indicator has no target, or no observation to start from.
    PriceBasisMismatchError
        For a comparable-price target without a deflator.
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "xuhui.plot needs matplotlib, an optional dependency: pip install matplotlib"
        ) from e

    a = _xuhui.assess(
        target_or_id,
        observations,
        unit=unit,
        deflator=deflator,
        options=options,
        check_plausibility=check_plausibility,
    )
    arrays = a.trajectory_arrays()
    if arrays is None:
        reason = a.trajectory.get("reason", "")
        raise _xuhui.InvalidArgumentError(f"target_or_id: {a.indicator}: nothing to draw ({reason})")
    target = a.target
    years = arrays["years"]
    end_year = int(years[-1])
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))

    for band in sorted(arrays["bands"], key=lambda b: -b["coverage"]):
        lower, upper = band["lower"], band["upper"]
        keep = np.isfinite(lower) & np.isfinite(upper)
        ax.fill_between(years[keep], lower[keep], upper[keep], color="C0",
                        alpha=0.12 if band["coverage"] > 0.9 else 0.22, linewidth=0,
                        label=f"{band['coverage']:.0%} band")

    ry, rv = _finite(years, arrays["required"])
    if target["kind"] == "every_year":
        ax.plot(ry, rv, ":", color="C3", label=f"bound each year: {rv[-1]:g}" if len(rv) else "bound")
    elif len(rv):
        label = "required path"
        if target["kind"] == "growth":
            label += f" ({target['rate']:.2%}/yr)"
        ax.plot(ry, rv, "--", color="C1", label=label)
        ax.plot([ry[-1]], [rv[-1]], "s", color="C1", label=f"required {end_year}: {rv[-1]:.1f}")

    py_, pv = _finite(years, arrays["projected"])
    if len(pv) > 1:
        ax.plot(py_, pv, "-.", color="C0", label=f"projected {end_year}: {pv[-1]:.1f}")

    oy, ov = _finite(years, arrays["observed"])
    if len(ov):
        ax.plot([oy[0]], [ov[0]], "o", color="C0", label=f"base {oy[0]}: {ov[0]:g}")
    if len(ov) > 1:
        ax.plot(oy[1:], ov[1:], "D", color="C2", label="observed")

    cjk = _cjk_font()
    title_kw: dict[str, Any] = {"fontfamily": [cjk, "DejaVu Sans"]} if cjk else {}
    if a.name_zh is not None:
        ax.set_title(f"{a.name_zh}\n{a.name_en}", **title_kw)
    else:
        ax.set_title(a.indicator or "target")
    unit = a.unit
    what = a.name_en or a.indicator or "value"
    if arrays["cumulative"]:
        what += ", running total"
    ax.set_ylabel(f"{what} ({unit.en()})" if unit is not None else what)
    ax.set_xlabel("year")
    ax.set_xticks(years)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best", fontsize="small")
    return ax
