"""``python -m xuhui``: the plan report, the flat table, target tracking
and quick growth calculations, without writing code.

    python -m xuhui                                  # bilingual plan report (same text as the Rust example)
    python -m xuhui report --observations obs.csv    # ... with section 五, the assessment of your data
    python -m xuhui report --observations obs.csv --inflation 2021=2%,2022=1.5%   # deflate GDP
    python -m xuhui assess ai_output 2021=410 2022=470          # one target against your observations
    python -m xuhui assess ai_output --observations obs.json --json
    python -m xuhui export --format csv              # flat table, one row per figure
    python -m xuhui export --format sdmx-csv         # every figure as SDMX-CSV 2.0 (or sdmx-structure)
    python -m xuhui export --format sdmx-csv --outcomes   # the published outcomes 2021-2025, same structure
    python -m xuhui project 350 15% 5                # 703.975 (rates: 0.15 or 15%)
    python -m xuhui years-to-reach 350 704 0.15      # years_to_reach works too

Rates are decimals (0.15 is 15 %) or carry a percent sign (15%); a bare
rate of 1 or more is used as given, with a warning that it is probably a
percent. Observation files are CSV (``id,year,value[,unit][,status][,note]``),
JSON (an array of such objects) or SDMX-CSV, chosen by ``--format`` or by
the file's extension and first line.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from . import _xuhui

_RATE_HELP = "as a decimal (0.15 is 15 %%) or with a percent sign (15%%)"

# name: (function, ((parameter, kind, help), ...), result kind)
# kinds: "level" (a positive amount), "rate", "change", "years"
_FUNCTIONS: dict[str, tuple[Callable[..., float], tuple[tuple[str, str, str], ...], str]] = {
    "cagr": (
        _xuhui.cagr,
        (
            ("start", "level", "the level at the start (positive), e.g. 350 for 350亿元"),
            ("end", "level", "the level at the end (positive), in the same unit"),
            ("years", "years", "the number of years (periods) between them"),
        ),
        "rate",
    ),
    "project": (
        _xuhui.project,
        (
            ("start", "level", "the level to grow from (positive), e.g. 350"),
            ("rate", "rate", f"the growth rate per year, {_RATE_HELP}"),
            ("years", "years", "the number of years (periods) to grow"),
        ),
        "level",
    ),
    "years_to_reach": (
        _xuhui.years_to_reach,
        (
            ("start", "level", "the level now (positive)"),
            ("target", "level", "the level to reach (positive), in the same unit"),
            ("rate", "rate", f"the growth rate per year, {_RATE_HELP}"),
        ),
        "years",
    ),
    "annualize": (
        _xuhui.annualize,
        (
            (
                "cumulative_change",
                "rate",
                "the total change over the period, as a decimal (-0.426 is -42.6 %%) or with a "
                "percent sign (-42.6%%)",
            ),
            ("years", "years", "the number of years the change took"),
        ),
        "rate",
    ),
    "cumulate": (
        _xuhui.cumulate,
        (
            ("rate", "rate", f"the growth rate per year, {_RATE_HELP}"),
            ("years", "years", "the number of years"),
        ),
        "change",
    ),
    "implied_previous": (
        _xuhui.implied_previous,
        (
            ("current", "level", "this year's level"),
            ("growth", "rate", f"this year's growth over the previous one, {_RATE_HELP}"),
        ),
        "level",
    ),
    "doubling_time": (
        _xuhui.doubling_time,
        (("rate", "rate", f"the growth rate per year, {_RATE_HELP}"),),
        "years",
    ),
}

# A negative percent such as -42.6% would look like an option to argparse.
_NEGATIVE_PERCENT = re.compile(r"-\d[\d.]*(?:[eE][+-]?\d+)?[%％]\Z")


class CliError(Exception):
    """A usage problem worth one line on stderr and exit status 2."""


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _number(text: str, what: str) -> float:
    try:
        v = float(text.strip().replace("\u2212", "-"))
    except ValueError:
        raise CliError(f"{what} must be a number, got {text!r}") from None
    return v


def _rate(text: str, what: str) -> float:
    """A rate: ``15%`` is 0.15; a bare number is a decimal, and one of 1 or
    more is used as given with a warning (the core's rule)."""
    t = text.strip()
    if t.endswith(("%", "％")):
        return _number(t[:-1], what) / 100.0
    v = _number(t, what)
    message = _xuhui._rate_warning(what, v)
    if message is not None:
        _warn(f"{message} Write {t}% for a percent; {t} is used as given.")
    return v


def _year_pairs(text: str, what: str, value: Callable[[str, str], float]) -> dict[int, float]:
    """``2021=2%,2022=0.015`` as ``{2021: 0.02, 2022: 0.015}``."""
    out: dict[int, float] = {}
    for item in filter(None, (s.strip() for s in text.split(","))):
        year, sep, v = item.partition("=")
        if not sep or not year.strip().isdigit():
            raise CliError(f"{what} must be YEAR=VALUE[,YEAR=VALUE...], got {item!r}")
        out[int(year)] = value(v, f"{what} {year.strip()}")
    if not out:
        raise CliError(f"{what} needs at least one YEAR=VALUE")
    return out


def _deflator(args: argparse.Namespace) -> Optional[dict[str, dict[int, float]]]:
    if args.inflation and args.price_index:
        raise CliError("give --inflation or --price-index, not both")
    if args.inflation:
        return {"inflation": _year_pairs(args.inflation, "inflation", _rate)}
    if args.price_index:
        return {"price_index": _year_pairs(args.price_index, "price index", _number)}
    return None


def _observation_format(path: Path, data: bytes, chosen: str) -> str:
    if chosen != "auto":
        return chosen
    if path.suffix.lower() == ".json":
        return "json"
    first = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip().upper()
    if first.startswith((b"STRUCTURE", b"DATAFLOW")):
        return "sdmx-csv"
    return "csv"


def _catalog(args: argparse.Namespace) -> Any:
    """The embedded catalog, with the observation file's rows added."""
    cat = _xuhui.catalog()
    path_text = getattr(args, "observations", None)
    if not path_text:
        return cat
    path = Path(path_text)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CliError(f"{path}: {e.strerror or e}") from None
    fmt = _observation_format(path, data, args.format_in)
    loader = {
        "csv": "with_observations_csv",
        "json": "with_observations_json",
        "sdmx-csv": "with_observations_sdmx_csv",
    }[fmt]
    load = getattr(cat, loader, None)
    if load is None:
        raise CliError(f"{path}: reading {fmt} observations needs a newer xuhui")
    try:
        return load(data)
    except _xuhui.XuhuiError as e:
        e.args = (f"{path}: {e}",)
        raise


def _sig(v: float, digits: int = 6) -> str:
    """``v`` to ``digits`` significant digits, without an exponent for
    ordinary magnitudes: 703.975, 367001600, 0.150008."""
    a = abs(v)
    if a == 0 or not 1e-4 <= a < 1e15:
        return f"{v:.{digits}g}"
    decimals = max(0, digits - 1 - math.floor(math.log10(a)))
    text = f"{v:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _shown(v: float, kind: str, unit: Optional[str]) -> str:
    """A result rounded for reading, with its unit."""
    if not math.isfinite(v):
        return repr(v)
    if kind == "rate":
        return f"{_sig(v)} ({v * 100:.2f} % a year)"
    if kind == "change":
        return f"{_sig(v)} ({v * 100:+.2f} % in total)"
    if kind == "years":
        return f"{v:.2f} years"
    return f"{_sig(v)} {unit}" if unit else _sig(v)


def _add_observation_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--observations",
        metavar="FILE",
        help="your observations: CSV with the columns id,year,value[,unit][,status][,note], "
        "JSON (an array of objects with those keys) or SDMX-CSV",
    )
    p.add_argument(
        "--format",
        dest="format_in",
        choices=("auto", "csv", "json", "sdmx-csv"),
        default="auto",
        help="the observation file's format (default: by extension and first line)",
    )


def _add_deflator_options(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument(
        "--inflation",
        metavar="YEAR=RATE,...",
        help="a deflator for targets at comparable prices (GDP): each year's inflation, "
        "e.g. 2021=2%%,2022=0.015 (decimals or with %%)",
    )
    g.add_argument(
        "--price-index",
        metavar="YEAR=LEVEL,...",
        help="a deflator as a price index level per year, any base, e.g. 2020=100,2021=102",
    )


# Export formats and the Catalog method that writes each.
_EXPORTS: dict[str, Callable[[_xuhui.Catalog], str]] = {
    "csv": _xuhui.Catalog.to_csv,
    "json": _xuhui.Catalog.to_json,
    "sdmx-csv": _xuhui.Catalog.to_sdmx_csv,
    "sdmx-structure": _xuhui.Catalog.to_sdmx_structure,
}

# The same formats of the published outcomes (--outcomes); one SDMX
# structure describes both exports.
_OUTCOME_EXPORTS: dict[str, Callable[[_xuhui.Outcomes, _xuhui.Catalog], str]] = {
    "csv": lambda o, _: o.to_csv(),
    "json": lambda o, _: o.to_json(),
    "sdmx-csv": lambda o, _: o.to_sdmx_csv(),
    "sdmx-structure": lambda _, cat: cat.to_sdmx_structure(),
}


def _add_plausibility_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-check-plausibility",
        dest="check_plausibility",
        action="store_false",
        help="accept observations that jump more than 100x (or grow more than tenfold in a "
        "year); by default such a series is stopped as a probable unit slip",
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m xuhui",
        description="The 2021 Xuhui District Government Work Report: plan report, target "
        "tracking, flat table export and growth calculations. Rates are decimals (0.15 is "
        "15 %) or carry a percent sign (15%).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"xuhui {_xuhui.__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    rp = sub.add_parser(
        "report",
        help="print the bilingual plan report (default); with --observations, assess the targets",
        description="The bilingual plan report. With --observations, section 五 assesses every "
        "14th Five-Year Plan target against the indicator's levels and your observations.",
    )
    _add_observation_options(rp)
    _add_deflator_options(rp)
    _add_plausibility_option(rp)
    ap = sub.add_parser(
        "assess",
        help="assess one indicator's target against your observations",
        description="Assess an indicator's target (its five-year target, else its 2021 one) "
        "against its levels in the report and your observations: required pace, Eurostat, "
        "UNSD and Destatis classes, probability of attainment.",
    )
    ap.add_argument("id", help="the indicator id, e.g. ai_output (python -m xuhui export lists them)")
    ap.add_argument(
        "points",
        nargs="*",
        metavar="YEAR=VALUE",
        help="observations on the command line, e.g. 2021=410 2022=470 (in --unit)",
    )
    ap.add_argument(
        "--unit",
        help="the unit of the YEAR=VALUE observations, e.g. 元 (default: the indicator's unit)",
    )
    _add_observation_options(ap)
    _add_deflator_options(ap)
    _add_plausibility_option(ap)
    ap.add_argument("--json", action="store_true", help="print the whole assessment as JSON")
    ex = sub.add_parser(
        "export",
        help="print the flat table, one row per figure",
        description="The flat table, one row per figure (with your observations, if given).",
    )
    ex.add_argument(
        "--format",
        choices=tuple(_EXPORTS),
        default="csv",
        help="the output format: the flat table as csv or json, or SDMX (sdmx-csv, sdmx-structure)",
    )
    ex.add_argument(
        "--observations",
        metavar="FILE",
        help="your observations to include (CSV, JSON or SDMX-CSV, by extension and first line)",
    )
    ex.add_argument(
        "--outcomes",
        action="store_true",
        help="export the published outcomes 2021-2025 instead of "
        "the report's figures; with sdmx-csv, in the same SDMX structure",
    )
    ex.set_defaults(format_in="auto")
    for name, (func, params, result) in _FUNCTIONS.items():
        dashed = name.replace("_", "-")
        aliases = [dashed] if dashed != name else []
        first_line = (func.__doc__ or name).strip().splitlines()[0].replace("``", "")
        first_line = first_line.rstrip(":.").replace("%", "%%")
        fp = sub.add_parser(
            name,
            aliases=aliases,
            help=f"{first_line} ({', '.join(n for n, _, _ in params)})",
            description=first_line,
        )
        fp.set_defaults(command=name)
        for param, _, text in params:
            fp.add_argument(param, help=text)
        if result == "level":
            fp.add_argument("--unit", help="the unit to print after the result, e.g. 亿元")
        fp.add_argument(
            "--exact", action="store_true", help="print the full-precision result (repr)"
        )
    return p


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `python -m xuhui | head`
        pass


def _run(args: argparse.Namespace) -> None:
    command = args.command or "report"
    if command == "report":
        cat = _catalog(args) if args.command else _xuhui.catalog()
        deflator = _deflator(args) if args.command else None
        deflators = None
        if deflator is not None:
            deflators = {i.id: deflator for i in cat.indicators() if i.price_basis == "comparable"}
        check = args.check_plausibility if args.command else True
        _write(cat.report(deflators=deflators, check_plausibility=check))
    elif command == "export":
        cat = _catalog(args)
        if args.outcomes:
            _write(_OUTCOME_EXPORTS[args.format](_xuhui.outcomes(), cat))
        else:
            _write(_EXPORTS[args.format](cat))
    elif command == "assess":
        cat = _catalog(args)
        points = _year_pairs(",".join(args.points), "observations", _number) if args.points else None
        a = cat.assess(
            args.id,
            points,
            unit=args.unit,
            deflator=_deflator(args),
            check_plausibility=args.check_plausibility,
        )
        _write(json.dumps(a.to_dict(), ensure_ascii=False, indent=1) + "\n" if args.json else f"{a}")
    else:
        func, params, result = _FUNCTIONS[command]
        values = [
            _rate(getattr(args, p), p) if kind == "rate" else _number(getattr(args, p), p)
            for p, kind, _ in params
        ]
        # _rate has already warned on the command line's terms; the
        # function's own PercentRateWarning would say it twice.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", _xuhui.PercentRateWarning)
            v = func(*values)
        _write(f"{v!r}\n" if args.exact else f"{_shown(v, result, getattr(args, 'unit', None))}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    argv = ["\u2212" + a[1:] if _NEGATIVE_PERCENT.match(a) else a for a in argv]
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        _run(args)
    except CliError as e:
        print(f"{parser.prog}: error: {e}", file=sys.stderr)
        return 2
    except _xuhui.XuhuiError as e:
        print(f"error [{e.kind}]: {e}", file=sys.stderr)
        if e.kind == "price_basis_mismatch":
            print("hint: pass a deflator: --inflation YEAR=RATE,... or --price-index YEAR=LEVEL,...",
                  file=sys.stderr)
        elif "check_plausibility" in str(e):
            print("hint: if the values are right, pass --no-check-plausibility", file=sys.stderr)
        return 1
    except TypeError as e:  # observations of a shape the package cannot read
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
