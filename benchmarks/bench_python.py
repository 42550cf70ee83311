#!/usr/bin/env python3
"""xuhui against numpy closed forms and numpy-financial, on the same arrays,
in one process. Prints times and ratios (>1 means xuhui is faster).

    .venv/bin/python benchmarks/bench_python.py            # full run
    .venv/bin/python benchmarks/bench_python.py --quick    # smaller sizes

Results and the machine they were measured on go in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import textwrap
import timeit

import numpy as np
import numpy_financial as npf

import xuhui


def best(fn, repeat: int = 5) -> float:
    """Best wall time of `repeat` runs, seconds (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        t = timeit.default_timer()
        fn()
        times.append(timeit.default_timer() - t)
    return min(times)


def row(label: str, ours: float, theirs: float, n: int) -> None:
    print(f"  {label:<44} xuhui {ours * 1e3:9.3f} ms   other {theirs * 1e3:10.3f} ms   "
          f"ratio {theirs / ours:7.2f}x   ({ours / n * 1e9:6.2f} ns/elem)")


def arrays(n: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    start = rng.uniform(1.0, 1000.0, n)
    end = start * rng.uniform(0.5, 3.0, n)
    years = rng.uniform(1.0, 10.0, n)
    rate = rng.uniform(-0.2, 0.3, n)
    return start, end, years, rate


def batch(sizes, npf_rate_max: int) -> None:
    for n in sizes:
        s, e, y, r = arrays(n)
        reps = 3 if n >= 10**7 else 5
        print(f"n = {n:.0e}")
        row("cagr vs (e/s)**(1/n)-1", best(lambda: xuhui.cagr(s, e, y), reps),
            best(lambda: (e / s) ** (1 / y) - 1, reps), n)
        row("project vs s*(1+r)**n", best(lambda: xuhui.project(s, r, y), reps),
            best(lambda: s * (1 + r) ** y, reps), n)
        t = s * (1 + r) ** y
        row("years_to_reach vs log(t/s)/log1p(r)", best(lambda: xuhui.years_to_reach(s, t, r, errors="nan"), reps),
            best(lambda: np.log(t / s) / np.log1p(r), reps), n)
        row("years_to_reach vs npf.nper", best(lambda: xuhui.years_to_reach(s, t, r, errors="nan"), reps),
            best(lambda: npf.nper(r, 0, -s, t), reps), n)
        row("project vs npf.fv", best(lambda: xuhui.project(s, r, y), reps),
            best(lambda: npf.fv(r, y, 0, -s), reps), n)
        if n <= npf_rate_max:
            row("cagr vs npf.rate", best(lambda: xuhui.cagr(s, e, y), 3),
                best(lambda: npf.rate(y, 0, -s, e), 1), n)
        else:
            print(f"  {'cagr vs npf.rate':<44} skipped above n = {npf_rate_max:.0e} (seconds per call)")


def monte_carlo(paths: int, years: int = 5) -> None:
    """Attainment Monte Carlo: log-normal paths, xuhui against numpy."""
    mu, sigma, start = 0.12, 0.08, 350.0

    def with_numpy():
        rng = np.random.default_rng(20210113)
        steps = rng.normal(mu, sigma, size=(paths, years))
        return start * np.exp(np.cumsum(steps, axis=1))

    ours = best(lambda: xuhui.simulate_paths(start, mu, sigma, years, paths, seed=20210113), 3)
    theirs = best(with_numpy, 3)
    row(f"simulate_paths {paths:.0e} x {years} vs numpy", ours, theirs, paths * years)


def scalar() -> None:
    a, b, n = 350.0, 704.0, 5.0
    number = 200_000
    ours = min(timeit.repeat(lambda: xuhui.cagr(a, b, n), number=number, repeat=5)) / number
    theirs = min(timeit.repeat(lambda: (b / a) ** (1 / n) - 1, number=number, repeat=5)) / number
    print(f"scalar: xuhui.cagr {ours * 1e9:.0f} ns, (b/a)**(1/n)-1 {theirs * 1e9:.0f} ns, "
          f"xuhui/python time ratio {ours / theirs:.2f}")


def import_cost() -> None:
    def run(code: str) -> float:
        times = []
        for _ in range(15):
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            times.append(float(out.stdout))
        return statistics.median(times)

    timer = "import time; t=time.perf_counter(); {}; print(time.perf_counter()-t)"
    numpy_only = run(timer.format("import numpy"))
    both = run(timer.format("import numpy, xuhui"))
    print(f"import: numpy {numpy_only * 1e3:.1f} ms, numpy+xuhui {both * 1e3:.1f} ms, "
          f"xuhui adds {(both - numpy_only) * 1e3:.1f} ms (median of 15 fresh interpreters)")


def peak_memory(n: int) -> None:
    """Peak RSS growth of one batch call, in a fresh process whose inputs are
    filled in small chunks (so building them leaves no high-water mark above
    inputs), against the size of the output."""
    code = textwrap.dedent(f"""
        import resource, numpy as np, xuhui
        n, chunk = {n}, 1 << 16
        rng = np.random.default_rng(0)
        s = np.empty(n); e = np.empty(n); y = np.empty(n)
        for i in range(0, n, chunk):
            k = min(chunk, n - i)
            s[i:i + k] = rng.uniform(1, 1000, k)
            e[i:i + k] = s[i:i + k] * rng.uniform(0.5, 3, k)
            y[i:i + k] = rng.uniform(1, 10, k)
        xuhui.cagr(s[:10], e[:10], y[:10])
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out = xuhui.cagr(s, e, y)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(before, after, out.nbytes, s.nbytes * 3)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    before, after, out_bytes, in_bytes = (int(x) for x in out)
    grew = (after - before) / 1024
    print(f"memory: {n:.0e} cagr: inputs {in_bytes / 2**20:.1f} MiB; the call raised peak RSS by {grew:.1f} MiB "
          f"for a {out_bytes / 2**20:.1f} MiB output, i.e. {grew - out_bytes / 2**20:+.1f} MiB beyond the output "
          f"(inputs are read in place, not copied)")


def accuracy() -> None:
    """Relative error on tiny rates, against a 50-digit mpmath reference."""
    try:
        import mpmath as mp
    except ImportError:
        print("accuracy: skipped (mpmath not installed)")
        return
    mp.mp.dps = 50
    growth = [1e-13, 1e-11, 1e-9, 1e-7, 1e-5]
    s = np.full(len(growth), 1000.0)
    e = s * (1 + np.array(growth))
    exact = [(mp.mpf(b) / mp.mpf(a)) ** (mp.mpf(1) / 5) - 1 for a, b in zip(s, e)]
    ours = xuhui.cagr(s, e, 5.0)
    closed = (e / s) ** (1 / 5) - 1
    print("accuracy on tiny rates, relative error against mpmath (same float inputs):")
    for g, x, o, c in zip(growth, exact, ours, closed):
        print(f"  growth {g:.0e} over 5 years: xuhui {float(abs((o - x) / x)):.1e}   "
              f"numpy closed form {float(abs((c - x) / x)):.1e}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    opts = parser.parse_args()
    print(f"python {platform.python_version()}, numpy {np.__version__}, numpy-financial {npf.__version__}, "
          f"xuhui {xuhui.__version__}, {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}")
    sizes = [10**4, 10**5] if opts.quick else [10**4, 10**6, 10**7]
    batch(sizes, npf_rate_max=10**5 if opts.quick else 10**6)
    monte_carlo(10**5 if opts.quick else 10**6)
    scalar()
    import_cost()
    peak_memory(10**6 if opts.quick else 10**7)
    accuracy()


if __name__ == "__main__":
    main()
