"""``xuhui.plot``: a target drawn with matplotlib (an optional extra).

Every plotted number comes from the Rust core: the observed, required and
projected paths and the ranges are the arrays of
``xh_core::assess::trajectory`` (``Assessment.trajectory_arrays()``), the
acceptable region and the breaches come from ``Assessment.progress``; this
module only draws and labels them.

The chart follows the conventions of official statistics (Eurostat, ONS,
Destatis): a short bilingual title, the target as a subtitle, the y-axis
naming the unit only, thousands separators, the legend outside the data,
and a source line under the chart saying where each observation came from.
Chinese text needs a font with Chinese glyphs (see ``xuhui._fonts``);
without one the chart is drawn in English with one warning.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence, Union

import numpy as np

from . import _fonts, _observations, _xuhui

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

# Colours that stay apart for colour-blind readers and in greyscale.
_OBSERVED = "#1b4f8a"
_PUBLISHED_FILL = "#9dbbe0"
_REQUIRED = "#d9730d"
_PROJECTED = "#5b8fd0"
_ACCEPTABLE = "#2e8b57"
_BREACH = "#c0392b"

# Fewer growth rates than this: a range or probability is indicative only.
_FEW_RATES = 5


def _decimals(values: Iterable[float]) -> int:
    """Decimals the printed values were given with (at most 2)."""
    best = 0
    for v in values:
        if not np.isfinite(v):
            continue
        text = repr(round(float(v), 9))
        if "e" in text:
            continue
        frac = text.split(".")[1] if "." in text else ""
        frac = frac.rstrip("0")
        best = max(best, len(frac))
    return min(best, 2)


def _years(years: Iterable[int]) -> str:
    """``2021–2023`` for a run of years, ``2015, 2020`` otherwise."""
    ys = sorted(set(years))
    if not ys:
        return ""
    if len(ys) > 1 and ys[-1] - ys[0] == len(ys) - 1:
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(str(y) for y in ys)


class _Words:
    """Numbers, units and phrases for one chart, in Chinese + English or
    English only (without a font for Chinese)."""

    def __init__(self, a: _xuhui.Assessment, zh: bool, decimals: int) -> None:
        self.zh = zh
        self.unit = a.unit
        self.d = decimals

    def number(self, v: float, decimals: Optional[int] = None) -> str:
        d = self.d if decimals is None else decimals
        return f"{v:,.{d}f}"

    def unit_text(self) -> str:
        u = self.unit
        if u is None:
            return ""
        if self.zh:
            return u.zh()
        return u.en()

    def amount(self, v: float, decimals: Optional[int] = None) -> str:
        """``704 亿元``; in English ``704 (100 million yuan)``, ``5.5 %``.
        Never more decimals than the value needs (``85``, not ``85.00``)."""
        n = self.number(v, min(self.d if decimals is None else decimals, _decimals([v])))
        u = self.unit
        if u is None:
            return n
        if self.zh or u.mult == 0:
            return f"{n} {self.unit_text()}"
        return f"{n} ({u.en()})"

    def axis_unit(self) -> str:
        """The y-axis label: the unit only, ``亿元 (100 million yuan)``."""
        u = self.unit
        if u is None:
            return ""
        zh, en = u.zh(), u.en()
        if not self.zh or zh == en:
            return en
        return f"{zh} ({en})"


def _percent(rate: float) -> str:
    """A decimal rate as printed: ``0.15`` → ``15 %``."""
    v = round(rate * 100.0, 9)
    return f"{v:,.{_decimals([v])}f} %"


def _qualifier(q: str) -> str:
    return {"at_least": "≥ ", "at_most": "≤ ", "about": "≈ ", "more_than": "> "}.get(q, "")


def _catalog_years(
    a: _xuhui.Assessment,
    target_or_id: object,
    catalog: Optional[_xuhui.Catalog],
    given: set[int],
) -> tuple[set[int], dict[int, str], dict[str, Any]]:
    """The observed years that are figures of the report, the years whose
    level is a published outcome (``xuhui.outcomes().catalog()`` adds them
    with the citation as their note: ``“quote” — title, publisher, date,
    address``) with where it was published, and the report's source; empty
    for a target dict. Years in ``given`` (the observations passed to
    :func:`plot`) are the user's."""
    if a.name_zh is None:
        return set(), {}, {}
    cat = catalog if catalog is not None else _xuhui.catalog()
    ind = target_or_id if isinstance(target_or_id, _xuhui.Indicator) else cat.get(a.indicator)
    if ind is None:  # pragma: no cover - an assessed id is in its catalog
        return set(), {}, {}
    report = {f.year_end for f in ind.figures if f.kind == "level" and f.status != "target" and f.group != "user"}
    published = {}
    for f in ind.figures:
        note = f.note or ""
        if f.group == "user" and f.kind == "level" and note.startswith("\u201c") and _CITED in note:
            published[f.year_end] = note.split(_CITED, 1)[1]
    return report - given, {y: s for y, s in published.items() if y not in given}, dict(cat.source)


# What separates the quote from where it was published in an outcome's
# citation.
_CITED = "\u201d \u2014 "


def _source_name(cited: str, zh: bool) -> str:
    """Where an outcome was published, shortly: the document's title and id
    (the id alone without a Chinese font) for a source of the embedded
    outcomes, else the citation's first part (the title)."""
    for s in _xuhui.outcomes().sources():
        if cited == f"{s['title']}, {s['publisher']}, {s['date']}, {s['address']}":
            return f"{s['title']} ({s['id']})" if zh else s["id"]
    return cited.split(", ", 1)[0]


def _observation_years(observations: object, unit: object) -> set[int]:
    """The years of the observations given to :func:`plot` (already
    accepted by the core, so in a shape ``xuhui._observations`` reads)."""
    if observations is None:
        return set()
    return {year for year, _, _ in _observations.normalize(observations, unit)}


def _source_line(
    w: _Words, source: Mapping[str, Any], report: set[int], user: set[int], published: Mapping[int, str]
) -> str:
    if not source:
        return "Source: target and observations given by the user."
    title = source["title_en"]
    if w.zh:
        title = f"{source['title_zh']} / {title}"
    parts = [f"Source: {title} (delivered {source['delivered']}): the target"]
    if report:
        parts[0] += f" and the {_years(report)} {'level' if len(report) == 1 else 'levels'}"
    text = parts[0] + "."
    if published:
        by_source: dict[str, set[int]] = {}
        for year, cited in published.items():
            by_source.setdefault(_source_name(cited, w.zh), set()).add(year)
        for name, ys in sorted(by_source.items(), key=lambda kv: min(kv[1])):
            text += f" {_years(ys)}: published outcome, {name}."
    if user:
        text += f" {_years(user)}: user data, not from the report."
    return text


def plot(
    target_or_id: Union[str, _xuhui.Indicator, _xuhui.Figure, Mapping[str, Any]],
    observations: Any = None,
    ax: Optional[Axes] = None,
    *,
    unit: Union[str, _xuhui.Unit, None] = None,
    deflator: Optional[Mapping[str, Any]] = None,
    options: Optional[Mapping[str, Any]] = None,
    catalog: Optional[_xuhui.Catalog] = None,
    check_plausibility: bool = True,
    font: Optional[str] = None,
) -> Axes:
    """Draw a target: the observations, the path the target requires, the
    projection at the pace observed so far and its likely ranges.

    The numbers are the core's trajectory (``xuhui.assess(...)
    .trajectory_arrays()``), one value per year from the base year to the
    target year. A growth or level target is drawn as levels, a change of a
    stock ("20 new headquarters" on 90) as the stock, a total of annual
    flows as a running total, and an every-year bound ("≤ 5.5 %") as a
    shaded acceptable region with any breach marked; the y-axis says which.
    Ranges (80 % and 95 % by default, ``options={"band_coverages":
    [...]}``) need three observations; the legend says how many growth
    rates they rest on. A source line under the chart names the report
    and marks the years that are user data.

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
        The matplotlib Axes to draw on; a new figure (constrained layout)
        is made if None.
    unit, deflator, options, catalog, check_plausibility:
        As in :func:`xuhui.assess` (GDP, a comparable-price target, needs a
        deflator).
    font:
        A font family name or font file with Chinese glyphs. By default the
        first installed one of a preferred list (Noto Sans CJK SC, Source
        Han Sans, WenQuanYi …), rescanning the system's fonts once if
        matplotlib's font cache predates their installation. Without one
        the chart is in English only and a ``UserWarning`` (once per
        session) says which package to install.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    ImportError
        If matplotlib is not installed (``pip install 'xuhui[plot]'``).
    UnknownIdError
        For an unknown id.
    InvalidArgumentError
        If the indicator has no target, there is no observation to start
        from, or ``font`` is not an installed font with Chinese glyphs.
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
        catalog=catalog,
        check_plausibility=check_plausibility,
    )
    obs_years = _observation_years(observations, unit)
    arrays = a.trajectory_arrays()
    if arrays is None:
        reason = a.trajectory.get("reason", "")
        raise _xuhui.InvalidArgumentError(f"target_or_id: {a.indicator}: nothing to draw ({reason})")
    cjk = _fonts.cjk_font(font)
    rc: Any = {}
    if cjk is not None:
        rc["font.family"] = [*plt.rcParams["font.family"], cjk]
    # Texts of an Axes made elsewhere (title, axis label) exist already, so
    # the Chinese font is also passed to each text drawn.
    family = list(rc.get("font.family", plt.rcParams["font.family"]))
    with plt.rc_context(rc):
        if ax is None:
            from matplotlib.layout_engine import ConstrainedLayoutEngine

            _, ax = plt.subplots(figsize=(8.6, 4.6), layout=ConstrainedLayoutEngine(w_pad=0.08, h_pad=0.06))
        _draw(ax, a, arrays, cjk is not None, target_or_id, catalog, obs_years, family, _has_bold(cjk))
    return ax


def _has_bold(family: Optional[str]) -> bool:
    """Whether a bold face of `family` is installed (WenQuanYi Micro Hei has
    none; asking for it makes matplotlib log a warning)."""
    if family is None:
        return True
    from matplotlib import font_manager

    return any(f.name == family and f.weight in (600, 700, 800, 900, "bold") for f in font_manager.fontManager.ttflist)


def _draw(
    ax: Axes,
    a: _xuhui.Assessment,
    arrays: Mapping[str, Any],
    zh: bool,
    target_or_id: object,
    catalog: Optional[_xuhui.Catalog],
    obs_years: set[int],
    family: list[str],
    bold: bool = True,
) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    target = a.target
    kind = target["kind"]
    progress = a.progress if a.progress.get("status") == "assessed" else {}
    years = np.asarray(arrays["years"])
    base, end = int(years[0]), int(years[-1])
    observed = np.asarray(arrays["observed"], dtype=float)
    stated = {
        "level": target.get("value"),
        "every_year": target.get("bound"),
        "change": target.get("amount"),
        "cumulative": target.get("total"),
    }.get(kind)
    w = _Words(a, zh, _decimals([*observed[np.isfinite(observed)], *([stated] if stated is not None else [])]))

    # Which observed years are the report's figures and which are user data.
    report_years, published, source = _catalog_years(a, target_or_id, catalog, obs_years)
    seen = {int(y) for y, v in zip(years, observed) if np.isfinite(v)}
    if arrays["cumulative"]:
        seen.discard(base)  # the running total starts at 0; not an observation
    report_seen = seen & report_years
    published_seen = {y: published[y] for y in seen - report_years if y in published}
    user_seen = seen - report_years - set(published_seen)

    # Ranges first, so lines and points sit on top.
    n_rates = arrays.get("growth_rates")
    latest = progress.get("latest", {}).get("year", end)
    used = [y for y, _ in a.observed if y <= latest]
    model_years = f"{used[0]}–{used[-1]}" if used else ""
    for band in sorted(arrays["bands"], key=lambda b: -b["coverage"]):
        lower, upper = np.asarray(band["lower"]), np.asarray(band["upper"])
        keep = np.isfinite(lower) & np.isfinite(upper)
        if keep.sum() < 2:
            continue
        label = f"{band['coverage'] * 100:g} % range"
        if n_rates is not None:
            label += f" (n = {n_rates}{', indicative' if n_rates < _FEW_RATES else ''})"
        else:
            label += " (given model)"
        ax.fill_between(
            years[keep],
            lower[keep],
            upper[keep],
            color=_PROJECTED,
            alpha=0.13 if band["coverage"] > 0.9 else 0.22,
            linewidth=0,
            label=label,
        )

    required = np.asarray(arrays["required"], dtype=float)
    keep = np.isfinite(required)
    if kind != "every_year" and keep.sum() >= 2:
        ry, rv = years[keep], required[keep]
        if kind == "growth":
            label = f"required path: {_percent(target['rate'])} a year"
        elif kind == "cumulative":
            label = "required running total"
        elif kind == "change":
            label = f"required path: {target['amount']:+,g} by {end}"
        else:
            label = "required path"
        ax.plot(ry, rv, "--", color=_REQUIRED, linewidth=1.6, label=label)

    projected = np.asarray(arrays["projected"], dtype=float)
    keep = np.isfinite(projected)
    if keep.sum() >= 2:
        py_, pv = years[keep], projected[keep]
        anchor = progress.get("anchor", {}).get("year", base)
        label = f"at the {anchor}–{int(py_[0])} pace → {w.amount(pv[-1])} in {end}"
        ax.plot(py_, pv, "-.", color=_PROJECTED, linewidth=1.6, label=label)

    # Observations: one line, the report's figures filled, user data open.
    keep = np.isfinite(observed)
    if keep.any():
        ax.plot(years[keep], observed[keep], "-", color=_OBSERVED, linewidth=2.0, zorder=3)
    what = "running total" if arrays["cumulative"] else "stock" if kind == "change" else "observed"
    for chosen, fill, label in (
        (report_seen, _OBSERVED, f"{what}: report"),
        (set(published_seen), _PUBLISHED_FILL, f"{what}: published outcome"),
        (user_seen, "white", f"{what}: user data"),
    ):
        if not chosen:
            continue
        mask = np.array([int(y) in chosen for y in years]) & keep
        ax.plot(
            years[mask], observed[mask], "o", color=_OBSERVED, markerfacecolor=fill,
            markersize=6, markeredgewidth=1.6, linestyle="none", zorder=4, label=label,
        )

    if progress:
        _acceptable_region(ax, w, progress, base, end, kind == "every_year")

    # Axes: years as ticks, thousands separators, the unit as the y label.
    ax.set_xlim(base - 0.4, end + 0.4)
    ax.xaxis.set_major_locator(FixedLocator([float(y) for y in years]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{int(round(x))}"))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(_thousands(ax.yaxis))
    unit = w.axis_unit()
    if arrays["cumulative"]:
        ylabel = f"running total since {base}, {unit}" if unit else f"running total since {base}"
    elif kind == "change":
        ylabel = f"stock, {unit}" if unit else "stock"
    else:
        ylabel = unit
    ax.set_ylabel(ylabel, fontfamily=family)
    ax.grid(True, axis="y", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    # Title: the indicator's names; subtitle: the target in words.
    if a.name_en is not None:
        title = f"{a.name_zh}  {a.name_en}" if zh else a.name_en
        if zh and len(a.name_zh or "") * 2 + len(a.name_en) > 60:
            title = f"{a.name_zh}\n{a.name_en}"
    else:
        title = a.indicator or "target"
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold" if bold else "normal", pad=22, fontfamily=family)
    subtitle = f"Target: {_target_words(w, a, arrays)}"
    ax.annotate(
        subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(0, 7), textcoords="offset points",
        va="bottom", ha="left", fontsize=9, color="0.25", fontfamily=family,
    )

    handles, labels = ax.get_legend_handles_labels()
    # Data first, then what it is measured against, then the outlook.
    order = ("observed", "stock", "running total", "breach", "required", "target", "acceptable", "at the")
    rank = {lab: next((i for i, p in enumerate(order) if lab.startswith(p)), len(order)) for lab in labels}
    pairs = sorted(zip(handles, labels), key=lambda hl: (rank[hl[1]], hl[1] if rank[hl[1]] == len(order) else ""))
    handles, labels = [h for h, _ in pairs], [lab for _, lab in pairs]
    if handles:
        ax.legend(
            handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
            prop={"family": family, "size": 8.5},
        )

    note = _source_line(w, source, report_seen, user_seen, published_seen)
    if n_rates is not None and arrays["bands"]:
        rates = "rate" if n_rates == 1 else "rates"
        note += (
            f" Ranges: log-normal growth model fitted to the {n_rates} growth {rates} between"
            f" successive observations of {model_years}"
        )
        note += "; too few for firm bounds, indicative only." if n_rates < _FEW_RATES else "."
    # About as many characters as fit under the chart's column of the figure at 7.5 pt.
    figure: Any = ax.figure
    spec = ax.get_subplotspec()
    columns = spec.get_gridspec().ncols if spec is not None else 1
    chars = max(60, int(figure.get_figwidth() / columns * 72 / (7.5 * 0.56)) - 12)
    ax.annotate(
        "\n".join(textwrap.wrap(note, chars)), xy=(0, 0), xycoords="axes fraction", xytext=(0, -22),
        textcoords="offset points", va="top", ha="left", fontsize=7.5, color="0.35", fontfamily=family,
    )


def _target_words(w: _Words, a: _xuhui.Assessment, arrays: Mapping[str, Any]) -> str:
    """The target in words, with the units the chart can show."""
    t = a.target
    kind = t["kind"]
    q = _qualifier(t.get("qualifier", "exact"))
    b, e = t["base_year"], t["target_year"]
    if kind == "growth":
        text = f"{q}{_percent(t['rate'])} a year, {b}–{e}"
        req = np.asarray(arrays["required"], dtype=float)
        if np.isfinite(req[-1]):
            text += f" (→ {w.amount(req[-1])} in {e})"
        return text
    if kind == "level":
        return f"{q}{w.amount(t['value'], _decimals([t['value']]))} in {e}"
    if kind == "change":
        text = f"{q}{t['amount']:+,g} from {b} to {e}"
        req = np.asarray(arrays["required"], dtype=float)
        if np.isfinite(req[-1]):
            text += f", a stock of {w.amount(req[-1])}"
        return text
    if kind == "cumulative":
        return f"{q}{w.amount(t['total'], _decimals([t['total']]))} in total over {b + 1}–{e}"
    return f"{q}{w.amount(t['bound'], _decimals([t['bound']]))} every year, {b + 1}–{e}"


def _acceptance_text(w: _Words, acc: Mapping[str, Any]) -> str:
    """``≥ 704 亿元``, ``≤ 5.5 %``, ``4.5 %–5.5 %``."""
    lo, hi = acc.get("lower"), acc.get("upper")
    if lo is not None and hi is not None:
        return f"{w.number(lo)}–{w.amount(hi)}"
    if lo is not None:
        return f"{'≥' if acc.get('lower_inclusive', True) else '>'} {w.amount(lo)}"
    if hi is not None:
        return f"{'≤' if acc.get('upper_inclusive', True) else '<'} {w.amount(hi)}"
    return "any value"  # pragma: no cover - a target always bounds something


def _acceptable_region(
    ax: Axes, w: _Words, progress: Mapping[str, Any], base: int, end: int, every_year: bool
) -> None:
    """Shades the values that meet the target — over the whole period for
    an every-year bound, in the target year otherwise — and marks observed
    years that broke an every-year bound."""
    acc = progress.get("acceptance") or {}
    lo, hi = acc.get("lower"), acc.get("upper")
    checks = progress.get("year_checks") or []
    ax.autoscale_view()
    y0, y1 = ax.get_ylim()
    edges = [v for v in (lo, hi) if v is not None]
    if edges:
        span = (y1 - y0) or abs(edges[0]) or 1.0
        y0 = min(y0, min(edges) - 0.15 * span)
        y1 = max(y1, max(edges) + 0.15 * span)
    bottom = lo if lo is not None else y0
    top = hi if hi is not None else y1
    if every_year:
        x = [base + 0.5, end + 0.4]
        label = f"acceptable each year: {_acceptance_text(w, acc)}"
    else:
        x = [end - 0.3, end + 0.3]
        label = f"target {end}: {_acceptance_text(w, acc)}"
    ax.fill_between(x, [bottom, bottom], [top, top], color=_ACCEPTABLE, alpha=0.14, linewidth=0, label=label)
    for edge in edges:
        ax.hlines(edge, x[0], x[1], color=_ACCEPTABLE, linewidth=1.4)
    broken = [c for c in checks if not c["within"]]
    if every_year and broken:
        ax.plot(
            [c["year"] for c in broken], [c["value"] for c in broken], "X", color=_BREACH, markersize=9,
            linestyle="none", zorder=5, label=f"breach: {', '.join(str(c['year']) for c in broken)}",
        )
    ax.set_ylim(y0, y1)


def _tick_decimals(locs: Sequence[float]) -> int:
    """The fewest decimals (at most 4) that print every tick exactly."""
    for d in range(4):
        if all(abs(round(v, d) - v) < 1e-9 * max(1.0, abs(v)) for v in locs):
            return d
    return 4


def _thousands(axis: Any) -> Any:
    """Tick labels with thousands separators and the fewest decimals that
    tell the ticks apart."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _: f"{x:,.{_tick_decimals(list(axis.get_majorticklocs()))}f}")
