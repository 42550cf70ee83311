#!/usr/bin/env python3
"""The Python binding's own cost, A against B: two interpreters with
different builds of xuhui (e.g. two venvs, the commit before a change and
after it), timed alternately in fresh processes, so both see the same
machine load over the same minutes. Each round runs every case in each
interpreter; the table shows each case's minimum over the rounds (the
least disturbed run) and the median. Times are the process's CPU time
(all its threads), not wall time, so time the machine's other work takes
from the process while it waits does not count; with --wall, wall time.

    python benchmarks/ab_binding.py A=/path/to/venv-a/bin/python B=.venv/bin/python [--rounds 15]

Cases: scalar calls on floats (the fast path), numpy arrays of 10, 1e3
and 1e5 float64 elements (conversion and dispatch, then the kernel), a
scalar with an array, `chain` of 10 and 1e4 rates.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time, timeit
import numpy as np
import xuhui

clock = time.perf_counter if sys.argv[1] == "wall" else time.process_time

rng = np.random.default_rng(1)
def arrays(n):
    s = rng.uniform(1.0, 1000.0, n)
    return s, s * rng.uniform(0.5, 3.0, n), rng.uniform(1.0, 10.0, n), rng.uniform(-0.2, 0.3, n)
s10, e10, y10, r10 = arrays(10)
s3, e3, y3, r3 = arrays(1000)
s5, e5, y5, r5 = arrays(100_000)
rates10 = list(rng.uniform(-0.3, 0.3, 10))
rates4 = rng.uniform(-0.3, 0.3, 10_000)
env = dict(globals())
cases = {
    "cagr(a, b, n), floats": "xuhui.cagr(350.0, 704.0, 5.0)",
    "project(s, r, n), floats": "xuhui.project(350.0, 0.15, 5.0)",
    "doubling_time(r), float": "xuhui.doubling_time(0.15)",
    "cagr, numpy 10": "xuhui.cagr(s10, e10, y10)",
    "cagr, numpy 1e3": "xuhui.cagr(s3, e3, y3)",
    "cagr, numpy 1e5": "xuhui.cagr(s5, e5, y5)",
    "project, numpy 1e3 with scalar years": "xuhui.project(s3, r3, 5.0)",
    "chain, list of 10": "xuhui.chain(rates10)",
    "chain, numpy 1e4": "xuhui.chain(rates4)",
}
out = {}
for name, stmt in cases.items():
    t = timeit.Timer(stmt, globals=env, timer=clock)
    number, _ = t.autorange()
    number = max(number, 1)
    out[name] = min(t.repeat(repeat=5, number=number)) / number
print(json.dumps(out))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pythons", nargs=2, help="LABEL=/path/to/python, twice")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--wall", action="store_true", help="wall time instead of CPU time")
    args = ap.parse_args()
    labelled = [p.split("=", 1) for p in args.pythons]
    results: dict[str, dict[str, list[float]]] = {label: {} for label, _ in labelled}
    for _ in range(args.rounds):
        for label, python in labelled:
            clock = "wall" if args.wall else "cpu"
            run = subprocess.run([python, "-c", CHILD, clock], capture_output=True, text=True, check=True)
            for case, t in json.loads(run.stdout).items():
                results[label].setdefault(case, []).append(t)
    (a, _), (b, _) = labelled
    clock = "wall time" if args.wall else "process CPU time"
    print(f"{args.rounds} alternating rounds; {clock} per call, min (median) over the rounds")
    print(f"{'case':<40}{a:>22}{b:>22}{'min ' + b + '/' + a:>12}")
    for case in results[a]:
        ta, tb = results[a][case], results[b][case]

        def show(ts: list[float]) -> str:
            unit, scale = ("ns", 1e9) if min(ts) < 1e-5 else ("µs", 1e6)
            return f"{min(ts) * scale:.1f} ({statistics.median(ts) * scale:.1f}) {unit}"

        print(f"{case:<40}{show(ta):>22}{show(tb):>22}{min(tb) / min(ta):>12.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
