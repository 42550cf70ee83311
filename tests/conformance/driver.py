#!/usr/bin/env python3
"""Cross-language conformance driver.

Runs every case of every file in tests/vectors/ through each language's
runner and fails on any difference: float results must be bit-identical
across languages, texts equal, and error cases must fail with the same kind.
Each result is also checked against the vector's expectation (error kind,
expected text, or within max_ulp, default 2, of the exact reference).

Usage:
    driver.py --runner rust='cmd …' --runner python='cmd …' --runner c='cmd …'

Runner protocol (stdin → stdout, one line per case):
    in:  ID<TAB>FUNCTION<TAB>ARG…      float args as f:<16 hex digits of the
                                       IEEE-754 bits>, texts as s:<utf-8>, or
                                       as x:<hex of the utf-8 bytes> when they
                                       hold a tab, CR or LF
    out: ID<TAB>ok<TAB>f:<hex> | ID<TAB>ok<TAB>s:<text> | ID<TAB>ok<TAB>x:<hex>
         | ID<TAB>err<TAB><kind>       a text result holding a tab, CR or LF
                                       is x:<hex>, any other s:<text>
A FUNCTION ending in [] asks for the batch (array) path on length-1 inputs.
"""
from __future__ import annotations

import argparse
import json
import math
import shlex
import struct
import subprocess
import sys
from pathlib import Path

VECTORS = Path(__file__).resolve().parents[1] / "vectors"

ARG_NAMES = {
    "cagr": ["start", "end", "years"],
    "project": ["start", "rate", "years"],
    "years_to_reach": ["start", "target", "rate"],
    "annualize": ["cumulative_change", "years"],
    "cumulate": ["rate", "years"],
    "implied_previous": ["current", "growth"],
    "doubling_time": ["rate"],
    "chain": ["rates"],
    "unit_convert": ["from", "to", "value"],
    "catalog_get": ["id"],
    "catalog_figure": ["id", "index"],
    "implied_level": ["id", "group"],
    "assess": ["request"],
    "outcome_verdict": ["outcomes", "id", "group"],
    "sdmx_csv": ["observations"],
    "sdmx_structure": [],
    "outcomes_sdmx_csv": ["outcomes"],
}
ELEMENTWISE = {"cagr", "project", "years_to_reach", "annualize", "cumulate", "implied_previous", "doubling_time"}
SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def bits(x: float) -> str:
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(h: str) -> float:
    return struct.unpack("<d", struct.pack("<Q", int(h, 16)))[0]


def encode_arg(v) -> list[str]:
    if isinstance(v, list):
        return [a for x in v for a in encode_arg(x)]
    if isinstance(v, str) and v not in SPECIAL:
        if any(c in v for c in "\t\r\n"):
            return ["x:" + v.encode("utf-8").hex()]
        return ["s:" + v]
    x = SPECIAL[v] if isinstance(v, str) else float(v)
    return ["f:" + bits(x)]


def as_assess_call(case: dict) -> dict:
    """An assess.json case (a request plus name and expected) as a call of
    `assess` with the request as compact JSON text."""
    request = {k: v for k, v in case.items() if k not in ("name", "expected")}
    call = {"function": "assess", "args": {"request": json.dumps(request, ensure_ascii=False, separators=(",", ":"))}}
    expected = case["expected"]
    if "error" in expected:
        call["error"] = expected["error"]
    else:
        call["expected_assessment"] = expected
    return call


def check_assessment(payload: str, expected: dict) -> str | None:
    got = json.loads(payload[2:])
    for key in ("status", "class", "needed", "available"):
        if key in expected and got.get(key) != expected[key]:
            return f"{key} {got.get(key)!r} != {expected[key]!r}"
    if "value" in expected:
        want, value = expected["value"], got.get("value")
        if value is None or abs(value - want) > 1e-12 * max(1.0, abs(want)):
            return f"value {value!r} != {want!r}"
    return None


def ulp_key(x: float) -> int:
    i = struct.unpack("<q", struct.pack("<d", x))[0]
    return -(1 << 63) - i if i < 0 else i


def load_cases():
    cases = []
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for n, case in enumerate(doc["cases"]):
            if "method" in case and "function" not in case:
                case = as_assess_call(case)
            fn = case["function"]
            if fn not in ARG_NAMES:
                raise SystemExit(f"{path.name}#{n}: the driver does not know function {fn!r}")
            args = [a for name in ARG_NAMES[fn] for a in encode_arg(case["args"][name])]
            variants = [fn, fn + "[]"] if fn in ELEMENTWISE else [fn]
            for variant in variants:
                cases.append((f"{path.stem}#{n}:{variant}", variant, args, case))
    return cases


def run(name: str, command: str, cases) -> dict[str, str]:
    stdin = "".join("\t".join([cid, fn, *args]) + "\n" for cid, fn, args, _ in cases)
    proc = subprocess.run(shlex.split(command), input=stdin.encode(), capture_output=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise SystemExit(f"{name} runner failed with exit code {proc.returncode}")
    out = {}
    for line in proc.stdout.decode().splitlines():
        cid, rest = line.split("\t", 1)
        out[cid] = rest
    missing = [cid for cid, *_ in cases if cid not in out]
    if missing:
        raise SystemExit(f"{name} runner gave no answer for {len(missing)} cases, e.g. {missing[:3]}")
    return out


def text_of(payload: str) -> str | None:
    """The text of an s: or x: result, else None."""
    if payload.startswith("s:"):
        return payload[2:]
    if payload.startswith("x:"):
        return bytes.fromhex(payload[2:]).decode("utf-8")
    return None


def check_expectation(result: str, case) -> str | None:
    status, _, payload = result.partition("\t")
    if "error" in case:
        return None if (status, payload) == ("err", case["error"]) else f"expected error {case['error']}"
    if status != "ok":
        return "unexpected error " + payload
    if "expected_assessment" in case:
        return check_assessment(payload, case["expected_assessment"])
    if "expected_text" in case:
        return None if text_of(payload) == case["expected_text"] else f"expected text {case['expected_text']!r}"
    if "expected_contains" in case:
        text = text_of(payload) or ""
        missing = [part for part in case["expected_contains"] if part not in text]
        return f"text lacks {missing[0]!r}" if missing else None
    expected = case["expected"]
    expected = SPECIAL[expected] if isinstance(expected, str) else float(expected)
    got = from_bits(payload[2:])
    dist = abs(ulp_key(got) - ulp_key(expected))
    limit = case.get("max_ulp", 2)
    return None if dist <= limit else f"{got!r} is {dist} ulp from {expected!r} (max {limit})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runner", action="append", required=True, metavar="LANG=COMMAND")
    opts = parser.parse_args()
    runners = dict(r.split("=", 1) for r in opts.runner)
    cases = load_cases()
    results = {lang: run(lang, cmd, cases) for lang, cmd in runners.items()}
    langs = list(runners)
    problems = []
    for cid, fn, args, case in cases:
        answers = {lang: results[lang][cid] for lang in langs}
        if len(set(answers.values())) != 1:
            problems.append(f"{cid} {fn}({' '.join(args)}): languages differ: {answers}")
            continue
        why = check_expectation(answers[langs[0]], case)
        if why:
            problems.append(f"{cid} {fn}: {why}")
    for p in problems[:50]:
        print("FAIL", p)
    files = len({cid.split('#')[0] for cid, *_ in cases})
    print(f"conformance: {len(cases)} calls from {files} vector files through {', '.join(langs)}: "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
