"""examples/dask_cluster.py on a real cluster: two worker processes with one
thread each. Results are bit-identical to one call; a bad element raises
its typed xuhui error on the client."""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
from collections.abc import Iterator
from types import ModuleType

import cloudpickle
import dask.array as da
import distributed
import numpy as np
import pytest

import xuhui
from conftest import REPO


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_cluster", REPO / "examples" / "dask_cluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    # The workers cannot import the example by name: ship its functions by value.
    cloudpickle.register_pickle_by_value(module)
    return module


example = load_example()


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with example.cluster(workers=2) as cluster, distributed.Client(cluster) as c:
        info = c.scheduler_info()["workers"]
        assert len(info) == 2 and all(w["nthreads"] == 1 for w in info.values())
        yield c


def test_workers_are_other_processes(client: distributed.Client) -> None:
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids


def test_bit_identical_to_one_call(client: distributed.Client) -> None:
    example.check_bit_identical(client)


def test_other_functions_and_broadcasting(client: distributed.Client) -> None:
    start, rate, years = example.inputs(120_000, seed=7)
    end = xuhui.project(start, rate, years)
    blocks = [da.from_array(x, chunks=50_000) for x in (start, end)]
    # A scalar argument travels as it is, as in one call.
    got = client.compute(da.map_blocks(xuhui.cagr, blocks[0], blocks[1], 5.0, dtype=float)).result()
    assert got.tobytes() == xuhui.cagr(start, end, 5.0).tobytes()
    grid = da.from_array(np.stack([start, end]), chunks=(1, 40_000))
    got = client.compute(da.map_blocks(xuhui.annualize, grid / 1e4, 3.0, dtype=float)).result()
    assert got.tobytes() == xuhui.annualize(np.stack([start, end]) / 1e4, 3.0).tobytes()


def test_typed_error_on_the_client(client: distributed.Client) -> None:
    err = example.check_typed_error(client, n=200_000, bad=123_456)
    assert type(err) is xuhui.OutOfDomainError
    # Chunks of 50 000: the bad element is element 23 456 of the chunk at 100 000.
    assert err.index == 23_456 and err.chunk_start == (100_000,)
    assert str(err) == "element 23456: rate must be greater than -1, got -1.5"
    assert isinstance(err, ValueError)
    back = pickle.loads(pickle.dumps(err))
    assert (type(back), back.index, back.chunk_start) == (xuhui.OutOfDomainError, 23_456, (100_000,))


def test_objects_travel_to_workers(client: distributed.Client) -> None:
    cat = xuhui.catalog().with_observations_csv("id,year,value\nai_output,2021,410\n")  # SYNTHETIC
    figure = cat["ai_output"].targets()[0]
    remote = client.submit(xuhui.assess, figure).result()
    assert remote == xuhui.assess(figure)
    assert remote.observed[-1] == (2021, 410.0)
