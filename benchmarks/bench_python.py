#!/usr/bin/env python3
"""xuhui against numpy closed forms and numpy-financial, on the same arrays,
in one process. Prints times and ratios (>1 means xuhui is faster).

    .venv/bin/python benchmarks/bench_python.py            # full run
    .venv/bin/python benchmarks/bench_python.py --quick    # smaller sizes
    .venv/bin/python benchmarks/bench_python.py --allocator default
                                             # glibc's heap trimming left on

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
    """Best per-call wall time of `repeat` timings, seconds (after one
    warm-up). Short calls are repeated within a timing so each timing lasts
    at least about 20 ms, which keeps thread start-up jitter out of the
    minimum."""
    t = timeit.default_timer()
    fn()
    once = timeit.default_timer() - t
    number = max(1, int(0.02 / max(once, 1e-7)))
    times = []
    for _ in range(repeat):
        t = timeit.default_timer()
        for _ in range(number):
            fn()
        times.append((timeit.default_timer() - t) / number)
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
        reps = 5
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
            # npf.rate iterates until every element has converged, so its
            # time grows with the spread of the inputs; xuhui's does not.
            rng = np.random.default_rng(2)
            wide_e = s * 10 ** rng.uniform(-3, 3, n)
            wide_y = rng.uniform(1, 30, n)
            row("cagr vs npf.rate (e/s 1e-3..1e3, 1-30 y)", best(lambda: xuhui.cagr(s, wide_e, wide_y), 3),
                best(lambda: npf.rate(wide_y, 0, -s, wide_e), 1), n)
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


def reuse(sizes) -> None:
    """Both sides writing into preallocated buffers (xuhui's ``out=``, numpy's
    ``out=`` on each step): the steady state of a loop over scenarios, with
    no page faults on fresh output memory on either side."""
    for n in sizes:
        s, e, y, r = arrays(n)
        buf, tmp = np.empty(n), np.empty(n)
        reps = 5
        print(f"n = {n:.0e}, out= on both sides")

        def numpy_cagr():
            np.divide(e, s, out=buf)
            np.divide(1.0, y, out=tmp)
            np.power(buf, tmp, out=buf)
            np.subtract(buf, 1.0, out=buf)

        def numpy_project():
            np.add(r, 1.0, out=buf)
            np.power(buf, y, out=buf)
            np.multiply(buf, s, out=buf)

        t = s * (1 + r) ** y

        def numpy_years():
            np.divide(t, s, out=buf)
            np.log(buf, out=buf)
            np.log1p(r, out=tmp)
            np.divide(buf, tmp, out=buf)

        row("cagr vs numpy in place", best(lambda: xuhui.cagr(s, e, y, out=buf), reps),
            best(numpy_cagr, reps), n)
        row("project vs numpy in place", best(lambda: xuhui.project(s, r, y, out=buf), reps),
            best(numpy_project, reps), n)
        row("years_to_reach vs numpy in place",
            best(lambda: xuhui.years_to_reach(s, t, r, errors="nan", out=buf), reps), best(numpy_years, reps), n)


def scalar() -> None:
    """One call on Python floats, timed as a statement (no wrapper function
    around either side), best of 7 runs of 500 000."""
    env = {"xuhui": xuhui, "a": 350.0, "b": 704.0, "n": 5.0}
    number = 500_000

    def per_call(stmt: str) -> float:
        return min(timeit.repeat(stmt, globals=env, number=number, repeat=7)) / number

    ours = per_call("xuhui.cagr(a, b, n)")
    theirs = per_call("(b / a) ** (1 / n) - 1")
    print(f"scalar: xuhui.cagr(a, b, n) {ours * 1e9:.0f} ns, (b/a)**(1/n)-1 {theirs * 1e9:.0f} ns, "
          f"xuhui/python time ratio {ours / theirs:.2f}")


def import_cost() -> None:
    """``import xuhui`` right after ``import numpy``, in 21 fresh interpreters."""
    code = ("import time; t0 = time.perf_counter(); import numpy; t1 = time.perf_counter(); "
            "import xuhui; t2 = time.perf_counter(); print(t1 - t0, t2 - t1)")
    numpy_times, xuhui_times = [], []
    for _ in range(21):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        a, b = (float(x) for x in out.stdout.split())
        numpy_times.append(a)
        xuhui_times.append(b)
    print(f"import: numpy {statistics.median(numpy_times) * 1e3:.1f} ms, then xuhui "
          f"{statistics.median(xuhui_times) * 1e3:.1f} ms more (medians of 21 fresh interpreters)")


def peak_memory(n: int) -> None:
    """Peak RSS of one call above the RSS before it, in a fresh process.
    The peak is reset just before the call (``/proc/self/clear_refs`` = 5)
    and read from ``VmHWM``; inputs are filled in small chunks so building
    them leaves no high-water mark of its own."""
    code = textwrap.dedent(f"""
        import numpy as np, sys, xuhui

        def status(key):
            with open("/proc/self/status") as f:
                return next(int(l.split()[1]) for l in f if l.startswith(key))

        n, chunk = {n}, 1 << 16
        rng = np.random.default_rng(0)
        s = np.empty(n); e = np.empty(n); y = np.empty(n)
        for i in range(0, n, chunk):
            k = min(chunk, n - i)
            s[i:i + k] = rng.uniform(1, 1000, k)
            e[i:i + k] = s[i:i + k] * rng.uniform(0.5, 3, k)
            y[i:i + k] = rng.uniform(1, 10, k)
        xuhui.cagr(s[:10], e[:10], y[:10])
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        before = status("VmRSS")
        out = xuhui.cagr(s, e, y) if sys.argv[1] == "xuhui" else (e / s) ** (1 / y) - 1
        print(status("VmHWM") - before, out.nbytes, s.nbytes * 3)
    """)
    results = {}
    for who in ("xuhui", "numpy"):
        out = subprocess.run([sys.executable, "-c", code, who], capture_output=True, text=True, check=True)
        results[who] = [int(x) for x in out.stdout.split()]
    grew, out_bytes, in_bytes = results["xuhui"]
    numpy_grew = results["numpy"][0]
    out_mib = out_bytes / 2**20
    print(f"memory: {n:.0e} cagr: inputs {in_bytes / 2**20:.1f} MiB, output {out_mib:.1f} MiB; "
          f"peak RSS during the call +{grew / 1024:.1f} MiB for xuhui ({grew / 1024 - out_mib:+.1f} MiB beyond "
          f"the output: inputs are read in place), +{numpy_grew / 1024:.1f} MiB for the numpy expression "
          f"(its temporaries)")


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


def warm_memory(mib: int = 2048) -> None:
    """Touch and free `mib` MiB before timing. On a virtual machine the
    first write to guest memory the host has not backed yet is very slow
    (a 1e7 numpy expression took 540 ms instead of 38 ms here), and that
    would land on whichever side happens to allocate fresh memory first."""
    blocks = [np.ones(1 << 24) for _ in range(mib // 128)]
    del blocks


def steady_allocator() -> str:
    """Keep freed memory in the process (glibc malloc). By default glibc
    returns the top of the heap to the kernel once more than twice the
    largest freed block is free, so numpy's three 8 MB temporaries of a 1e6
    expression were faulted in afresh on some calls and not on others,
    depending on what else was allocated: the same expression timed at 1.9 ms
    or 4.3 ms within one run. With trimming off and large blocks from the
    heap, both sides reuse memory and numpy is timed at its fastest."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if platform.system() != "Linux" or not name:
        return "allocator: platform default"
    libc = ctypes.CDLL(name)
    m_trim_threshold, m_mmap_threshold = -1, -3
    ok = libc.mallopt(m_mmap_threshold, 1 << 30) and libc.mallopt(m_trim_threshold, 1 << 31)
    return "allocator: glibc, heap kept (mallopt)" if ok else "allocator: mallopt failed, default"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--allocator", choices=["kept", "default"], default="kept",
                        help="kept (default): glibc keeps freed memory, numpy at its fastest; "
                             "default: glibc's own trimming, as a plain interpreter runs")
    opts = parser.parse_args()
    print(f"python {platform.python_version()}, numpy {np.__version__}, numpy-financial {npf.__version__}, "
          f"xuhui {xuhui.__version__}, {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}")
    print(steady_allocator() if opts.allocator == "kept" else "allocator: glibc defaults (trimming on)")
    warm_memory(256 if opts.quick else 2048)
    sizes = [10**4, 10**5] if opts.quick else [10**4, 10**6, 10**7]
    batch(sizes, npf_rate_max=10**5 if opts.quick else 10**6)
    reuse(sizes[1:])
    monte_carlo(10**5 if opts.quick else 10**6)
    scalar()
    import_cost()
    peak_memory(10**6 if opts.quick else 10**7)
    accuracy()


if __name__ == "__main__":
    main()
