"""xuhui's batch functions on a Dask cluster of worker processes.

Each chunk of a Dask array goes to a worker process, which calls the same
xuhui function on its NumPy block; the result is bit for bit the result of
one call on the whole array, since every element is computed alone by the
same kernel. A bad element raises the typed xuhui error on the client.

    python examples/dask_cluster.py                  # the checks, on 2 worker processes
    python examples/dask_cluster.py --bench          # also the throughput table of docs/scale.md

Needs ``pip install "dask[distributed]"`` besides xuhui. The functions
here are what xh-py/tests/test_dask.py runs.
"""

from __future__ import annotations

import argparse
import logging
import os
import time
import warnings
from typing import Any, Callable, Iterator, Optional

import dask.array as da
import numpy as np
from dask.distributed import Client, LocalCluster

import xuhui

# Elements per chunk. xuhui splits one call of 65 536 elements or more
# across the cores itself; below that a call stays on its worker's thread.
CHUNK = 50_000


def cluster(workers: int = 2) -> LocalCluster:
    """A cluster of ``workers`` processes with one thread each, on this machine."""
    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )


def inputs(n: int, seed: int = 2021) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(start, rate, years)``: plausible levels, growth rates and horizons."""
    rng = np.random.default_rng(seed)
    return rng.uniform(50.0, 5000.0, n), rng.uniform(-0.05, 0.25, n), rng.uniform(1.0, 10.0, n)


def with_chunk_start(func: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """``func`` for ``map_blocks``: a xuhui error from a chunk also carries
    ``chunk_start``, the position of the chunk's first element in the whole
    array (the error's ``index`` counts within the chunk)."""

    def block(*args: Any, block_info: Optional[dict[Any, Any]] = None, **kwargs: Any) -> np.ndarray:
        try:
            return func(*args, **kwargs)
        except xuhui.XuhuiError as e:
            if block_info is not None and None in block_info:
                e.chunk_start = tuple(lo for lo, _ in block_info[None]["array-location"])  # type: ignore[attr-defined]
            raise

    block.__name__ = getattr(func, "__name__", "xuhui_block")
    return block


def project_on_cluster(
    client: Client, start: np.ndarray, rate: np.ndarray, years: np.ndarray, chunk: int = CHUNK, **kwargs: Any
) -> np.ndarray:
    """``xuhui.project(start, rate, years, **kwargs)`` with the chunks on the cluster's workers.

    The arrays travel inside the task graph; Dask warns when a graph passes
    10 MiB (data made or loaded by the workers is the better pattern, as in
    ``bench``)."""
    blocks = [da.from_array(x, chunks=chunk) for x in (start, rate, years)]
    func = with_chunk_start(xuhui.project)
    result = da.map_blocks(func, *blocks, dtype=np.float64, **kwargs)
    return client.compute(result).result()  # type: ignore[no-any-return]


def check_bit_identical(client: Client, n: int = 300_000) -> None:
    """The cluster's result has the bits of one call, also with NaN for bad elements."""
    start, rate, years = inputs(n)
    on_cluster = project_on_cluster(client, start, rate, years)
    assert on_cluster.tobytes() == xuhui.project(start, rate, years).tobytes()
    rate[7], start[n - 3] = -1.5, float("nan")  # a rate below -100 %, a NaN level
    on_cluster = project_on_cluster(client, start, rate, years, errors="nan")
    assert on_cluster.tobytes() == xuhui.project(start, rate, years, errors="nan").tobytes()
    assert np.isnan(on_cluster[[7, n - 3]]).all()


def check_typed_error(client: Client, n: int = 200_000, bad: int = 123_456) -> xuhui.XuhuiError:
    """A bad element raises its xuhui error class on the client; returns it."""
    start, rate, years = inputs(n)
    rate[bad] = -1.5  # a fall of more than 100 % a year
    try:
        project_on_cluster(client, start, rate, years)
    except xuhui.OutOfDomainError as e:
        assert e.kind == "out_of_domain" and e.arg == "rate" and e.value == -1.5
        assert e.chunk_start[0] + e.index == bad  # type: ignore[attr-defined]
        return e
    raise AssertionError("no OutOfDomainError from the cluster")


def timed(fn: Callable[[], Any], repeat: int) -> float:
    """The best of ``repeat`` wall-clock times of ``fn()``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench(client: Client, sizes: list[int], chunks: list[int], repeat: int) -> Iterator[str]:
    """Markdown rows: xuhui.project on the cluster against one process.

    Two cluster cases: the arrays sent from the client and the whole result
    returned (``from_array`` … ``compute``), and the data made on the
    workers with only a sum returned (``da.random`` … ``sum``), the usual
    shape of a Dask job. One process does the same with NumPy and one call.
    """
    yield "| elements | chunk | one process, whole array | cluster, arrays sent and returned | cluster, made and summed on the workers |"
    yield "|---:|---:|---:|---:|---:|"
    for n in sizes:
        start, rate, years = inputs(n)
        one = timed(lambda: xuhui.project(start, rate, years), repeat)
        # The same generator as da.random's (NumPy's RandomState), in one process.
        def made_here() -> float:
            state = np.random.RandomState(2021)
            made = (state.uniform(50.0, 5000.0, n), state.uniform(-0.05, 0.25, n), state.uniform(1.0, 10.0, n))
            return float(xuhui.project(*made).sum())

        one_gen = timed(made_here, repeat)
        for chunk in chunks:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "Sending large graph", UserWarning)
                sent = timed(lambda: project_on_cluster(client, start, rate, years, chunk), repeat)
            state = da.random.RandomState(2021)
            made = (
                state.uniform(50.0, 5000.0, n, chunks=chunk),
                state.uniform(-0.05, 0.25, n, chunks=chunk),
                state.uniform(1.0, 10.0, n, chunks=chunk),
            )
            summed = da.map_blocks(xuhui.project, *made, dtype=np.float64).sum()
            on_workers = timed(lambda: client.compute(summed).result(), repeat)

            def rate_of(seconds: float) -> str:
                return f"{n / seconds / 1e6:.1f} M/s ({seconds * 1e3:.0f} ms)"

            yield (
                f"| {n:,} | {chunk:,} | {rate_of(one)}; with NumPy inputs and a sum {rate_of(one_gen)} "
                f"| {rate_of(sent)} | {rate_of(on_workers)} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--bench", action="store_true", help="print the throughput table")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--chunks", type=int, nargs="+", default=[50_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with cluster(args.workers) as c, Client(c) as client:
        check_bit_identical(client)
        err = check_typed_error(client)
        print(f"{args.workers} worker processes: results bit-identical to one call; a bad element raised {err!r}")
        if args.bench:
            print(f"os.cpu_count() = {os.cpu_count()}, xuhui {xuhui.__version__}, best of {args.repeat}")
            for line in bench(client, args.sizes, args.chunks, args.repeat):
                print(line)


if __name__ == "__main__":
    main()
