"""``xuhui.plot``: a growth target drawn with matplotlib (an optional extra).

Every plotted number comes from the Rust core: the required path is
``xuhui.project`` over the years, the rate a level target needs is
``xuhui.cagr``, unit changes are ``Unit.convert``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Union

import numpy as np

from . import _xuhui

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

_GROWTH_KINDS = ("average_growth", "growth")
_PLOTTABLE = _GROWTH_KINDS + ("level", "level_each_year")

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


def _resolve(target_or_id: Any) -> tuple[_xuhui.Indicator, _xuhui.Figure]:
    """The indicator and the target figure to draw."""
    if isinstance(target_or_id, _xuhui.Figure):
        indicator = _xuhui.catalog()[target_or_id.indicator]
        return indicator, target_or_id
    if isinstance(target_or_id, _xuhui.Indicator):
        indicator = target_or_id
    elif isinstance(target_or_id, str):
        indicator = _xuhui.catalog()[target_or_id]
    else:
        raise TypeError(
            "target_or_id must be an indicator id, an Indicator or a Figure, "
            f"got {type(target_or_id).__name__}"
        )
    targets = [f for f in indicator.targets() if f.kind in _PLOTTABLE]
    # The five-year target first, then the 2021 plan.
    targets.sort(key=lambda f: (f.group != "fyp14_targets", f.year_start))
    if not targets:
        raise _xuhui.InvalidArgumentError(
            f"target_or_id: {indicator.id} has no growth or level target to plot"
        )
    return indicator, targets[0]


def _observation_points(observations: Any) -> list[tuple[float, float]]:
    if observations is None:
        return []
    items: Iterable[Any]
    if isinstance(observations, Mapping) or hasattr(observations, "items"):
        items = observations.items()
    else:
        items = observations
    points = []
    for pair in items:
        year, value = pair
        points.append((float(year), float(value)))
    return points


def plot(
    target_or_id: Union[str, _xuhui.Indicator, _xuhui.Figure],
    observations: Union[Mapping[int, float], Iterable[tuple[int, float]], None] = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a target: its base value, the path it requires, and observations.

    Parameters
    ----------
    target_or_id:
        An indicator id (``"ai_output"``), an ``Indicator`` (its five-year
        target is drawn, else its first growth or level target) or a target
        ``Figure``.
    observations:
        Extra observed levels in the indicator's base unit, as a mapping
        ``{year: value}`` (a pandas Series works) or ``(year, value)`` pairs.
        Levels the catalog already holds for the period (reported results,
        user observations) are drawn too.
    ax:
        The matplotlib Axes to draw on; a new figure is made if None.

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
        If the indicator has no plottable target or no base level.
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "xuhui.plot needs matplotlib, an optional dependency: pip install matplotlib"
        ) from e

    indicator, target = _resolve(target_or_id)
    base = indicator.latest_level(target.year_start - 1)
    if base is None:
        raise _xuhui.InvalidArgumentError(
            f"target_or_id: {indicator.id} has no level before {target.year_start} to start from"
        )
    unit = base.unit
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))

    base_year = base.year_end
    end_year = target.year_end
    years = list(range(base_year, end_year + 1))
    elapsed = [y - base_year for y in years]

    ax.plot([base_year], [base.value], "o", color="C0", label=f"base {base_year}: {base.value:g}")
    if target.kind in _GROWTH_KINDS:
        rate = target.rate
        assert rate is not None
        path = np.asarray(_xuhui.project(base.value, rate, elapsed))
        ax.plot(years, path, "--", color="C1", label=f"required path ({rate:.2%}/yr)")
        ax.plot([end_year], [path[-1]], "s", color="C1", label=f"implied {end_year}: {path[-1]:.1f}")
    elif target.kind == "level_each_year":
        bound = target.unit.convert(target.value, unit)
        ax.axhline(bound, linestyle=":", color="C3", label=f"bound each year: {bound:g}")
    else:
        end_value = target.unit.convert(target.value, unit)
        if unit.zh() == "%":
            # A share moves in percentage points: draw the straight line.
            ax.plot([base_year, end_year], [base.value, end_value], "--", color="C1",
                    label="required path")
        else:
            rate = _xuhui.cagr(base.value, end_value, end_year - base_year)
            path = np.asarray(_xuhui.project(base.value, rate, elapsed))
            ax.plot(years, path, "--", color="C1", label=f"required path ({rate:.2%}/yr)")
        ax.plot([end_year], [end_value], "s", color="C1", label=f"target {end_year}: {end_value:g}")

    reported = [
        (f.year_end, f.value if f.unit == unit else f.unit.convert(f.value, unit))
        for f in indicator.figures
        if f.kind == "level" and f.status != "target" and base_year < f.year_end
    ]
    points = reported + _observation_points(observations)
    if points:
        ax.plot([p[0] for p in points], [p[1] for p in points], "D", color="C2", label="observed")

    cjk = _cjk_font()
    title_kw: dict[str, Any] = {"fontfamily": [cjk, "DejaVu Sans"]} if cjk else {}
    ax.set_title(f"{indicator.name_zh}\n{indicator.name_en}", **title_kw)
    ax.set_xlabel("year")
    ax.set_ylabel(f"{indicator.name_en} ({unit.en()})")
    ax.set_xticks(years)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best", fontsize="small")
    return ax
