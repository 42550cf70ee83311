#!/usr/bin/env python3
"""Conformance runner (Python side): the protocol is in driver.py."""
from __future__ import annotations

import struct
import sys
import warnings

import numpy as np

import xuhui


def from_bits(h: str) -> float:
    return struct.unpack("<d", struct.pack("<Q", int(h, 16)))[0]


def bits(x: float) -> str:
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


def parse(arg: str):
    kind, value = arg[:2], arg[2:]
    if kind == "x:":
        return bytes.fromhex(value).decode("utf-8")
    return from_bits(value) if kind == "f:" else value


def text_result(text: str) -> str:
    if any(c in text for c in "\t\r\n"):
        return "x:" + text.encode("utf-8").hex()
    return "s:" + text


def sdmx_csv(observations: str) -> str:
    cat = xuhui.catalog()
    if observations:
        cat = cat.with_observations_sdmx_csv(observations)
    return cat.to_sdmx_csv()


def catalog_get(id_: str) -> str:
    ind = xuhui.catalog()[id_]
    return f"{ind.name_zh}|{ind.name_en}|{ind.unit.zh()}|{len(ind.figures)}"


def catalog_figure(id_: str, index: float) -> str:
    ind = xuhui.catalog()[id_]
    f = ind.figures[int(index)]
    value = "" if f.value is None else bits(f.value)
    return "|".join([f.group, f.kind, value, f.unit.zh(), f.status, f.qualifier, f.price_basis or "",
                     ind.scope, f.universe or "", f.bound_text or ""])


def evaluate(function: str, args: list):
    if function.endswith("[]"):
        fn = getattr(xuhui, function[:-2])
        out = fn(*(np.array([a], dtype=np.float64) for a in args), errors="raise")
        return float(out[0])
    if function == "chain":
        return xuhui.chain(args)
    if function == "unit_convert":
        return xuhui.Unit.parse(args[0]).convert(args[2], xuhui.Unit.parse(args[1]))
    if function == "catalog_get":
        return catalog_get(args[0])
    if function == "catalog_figure":
        return catalog_figure(args[0], args[1])
    if function == "assess":
        return xuhui.assess_json(args[0])
    if function == "outcome_verdict":
        out = xuhui.outcomes(args[0] or None)
        return out.verdict(args[1], args[2])
    if function == "sdmx_csv":
        return sdmx_csv(args[0])
    if function == "sdmx_structure":
        return xuhui.catalog().to_sdmx_structure()
    if function == "outcomes_sdmx_csv":
        return xuhui.outcomes(args[0] or None).to_sdmx_csv()
    if function == "implied_level":
        return xuhui.catalog().implied_target_level(args[0], args[1])["value"]
    return getattr(xuhui, function)(*args)


def main() -> None:
    # The vectors use rates of 100 % and more on purpose.
    warnings.simplefilter("ignore", xuhui.PercentRateWarning)
    out = []
    for line in sys.stdin.read().splitlines():
        if not line:
            continue
        cid, function, *raw = line.split("\t")
        try:
            result = evaluate(function, [parse(a) for a in raw])
            out.append(f"{cid}\tok\t{text_result(result)}" if isinstance(result, str) else f"{cid}\tok\tf:{bits(result)}")
        except xuhui.XuhuiError as e:
            out.append(f"{cid}\terr\t{e.kind}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
