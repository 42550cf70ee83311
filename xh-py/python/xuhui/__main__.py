"""``python -m xuhui``: the plan report and the flat table.

    python -m xuhui                       # bilingual plan report (same text as the Rust example)
    python -m xuhui report                # the same
    python -m xuhui export --format csv   # flat table, one row per figure
    python -m xuhui export --format json
    python -m xuhui export --format sdmx-csv        # every figure as SDMX-CSV 2.0
    python -m xuhui export --format sdmx-structure  # its SDMX-ML 2.1 structure message
    python -m xuhui cagr 350 704 5        # quick calculations with the core's functions
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from . import _xuhui

_FUNCTIONS: dict[str, tuple[Callable[..., object], tuple[str, ...]]] = {
    "cagr": (_xuhui.cagr, ("start", "end", "years")),
    "project": (_xuhui.project, ("start", "rate", "years")),
    "years_to_reach": (_xuhui.years_to_reach, ("start", "target", "rate")),
    "annualize": (_xuhui.annualize, ("cumulative_change", "years")),
    "cumulate": (_xuhui.cumulate, ("rate", "years")),
    "implied_previous": (_xuhui.implied_previous, ("current", "growth")),
    "doubling_time": (_xuhui.doubling_time, ("rate",)),
}


# Export formats and the Catalog method that writes each.
_EXPORTS: dict[str, Callable[[_xuhui.Catalog], str]] = {
    "csv": _xuhui.Catalog.to_csv,
    "json": _xuhui.Catalog.to_json,
    "sdmx-csv": _xuhui.Catalog.to_sdmx_csv,
    "sdmx-structure": _xuhui.Catalog.to_sdmx_structure,
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m xuhui",
        description="The 2021 Xuhui District Government Work Report: plan report, "
        "flat table export and growth calculations.",
    )
    p.add_argument("--version", action="version", version=f"xuhui {_xuhui.__version__}")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("report", help="print the bilingual plan report (default)")
    ex = sub.add_parser(
        "export", help="print the flat table, one row per figure, or the catalog as SDMX"
    )
    ex.add_argument("--format", choices=tuple(_EXPORTS), default="csv")
    for name, (_, params) in _FUNCTIONS.items():
        fp = sub.add_parser(name, help=f"compute {name}({', '.join(params)})")
        for param in params:
            fp.add_argument(param, type=float)
    return p


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `python -m xuhui | head`
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    command = args.command or "report"
    try:
        if command == "report":
            _write(_xuhui.catalog().report())
        elif command == "export":
            _write(_EXPORTS[args.format](_xuhui.catalog()))
        else:
            func, params = _FUNCTIONS[command]
            _write(f"{func(*(getattr(args, p) for p in params))!r}\n")
    except _xuhui.XuhuiError as e:
        print(f"error [{e.kind}]: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
