"""Shared helpers for the xuhui test-suite."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"

# name -> (function's parameter names in order)
PARAMS: dict[str, tuple[str, ...]] = {
    "cagr": ("start", "end", "years"),
    "project": ("start", "rate", "years"),
    "years_to_reach": ("start", "target", "rate"),
    "annualize": ("cumulative_change", "years"),
    "cumulate": ("rate", "years"),
    "implied_previous": ("current", "growth"),
    "doubling_time": ("rate",),
}


def num(v: Any) -> float:
    """A vector value: a JSON number or "NaN"/"Infinity"/"-Infinity"."""
    if isinstance(v, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v]
    return float(v)


def load_cases() -> list[tuple[str, int, dict[str, Any]]]:
    """Every case of every growth vector file, as (file, position, case)."""
    out = []
    for path in sorted(VECTORS.glob("growth*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))["cases"]):
            out.append((path.name, i, case))
    return out


def ulp_distance(a: float, b: float) -> int:
    """Units in the last place between two doubles, counting across zero."""

    def key(x: float) -> int:
        bits = int(np.array(x, dtype=np.float64).view(np.int64))
        return -(2**63) - bits if bits < 0 else bits

    return abs(key(a) - key(b))


def bits(x: Any) -> np.ndarray:
    """The raw IEEE-754 bits of a float or float64 array."""
    return np.asarray(x, dtype=np.float64).view(np.int64)
