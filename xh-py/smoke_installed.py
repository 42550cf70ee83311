"""Smoke test of an installed xuhui (a wheel or an sdist build), run by
scripts/test-dist.sh from outside the source tree in a fresh virtual
environment: the package imports from site-packages, ships its stubs and
data, and computes, raises, pickles and reports as the tests expect.

Usage: python smoke_installed.py EXPECTED_VERSION
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import sysconfig
from pathlib import Path

import numpy as np

import xuhui
from xuhui import _xuhui


def main() -> None:
    expected_version = sys.argv[1]
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    package = Path(xuhui.__file__).resolve().parent
    assert package.parent == site, f"xuhui imported from {package}, not from {site}"
    assert xuhui.__version__ == expected_version, xuhui.__version__
    # One stable-ABI extension, the stubs and the typing marker.
    native = Path(_xuhui.__file__).name
    assert native.endswith(".abi3.so"), native
    for name in ("_xuhui.pyi", "py.typed", "__main__.py"):
        assert (package / name).is_file(), name

    # 350亿元 at 15 % a year for 5 years: 350 * 1.15**5 rounded once.
    assert xuhui.project(350.0, 0.15, 5) == 703.975015625
    arr = xuhui.cagr(np.array([350.0, -1.0]), 704.0, 5, errors="nan")
    assert arr[0] == xuhui.cagr(350.0, 704.0, 5) and np.isnan(arr[1])
    try:
        xuhui.cagr(np.array([350.0, -1.0]), 704.0, 5)
    except xuhui.OutOfDomainError as e:
        assert (e.kind, e.index) == ("out_of_domain", 1)
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is xuhui.OutOfDomainError and back.index == 1
    else:
        raise AssertionError("no OutOfDomainError")

    # The embedded catalog and an assessment, through pickle.
    cat = xuhui.catalog()
    assert len(cat) > 100 and cat["ai_output"].latest_level(2020).value == 350.0
    a = xuhui.assess("ai_output", {2021: 410.0})  # SYNTHETIC observation
    assert pickle.loads(pickle.dumps(a)) == a

    # The command line prints the plan report.
    out = subprocess.run(
        [sys.executable, "-m", "xuhui"], capture_output=True, text=True, check=True, encoding="utf-8"
    ).stdout
    assert "人工智能及相关产业总产出" in out and "704.0" in out, out[:500]
    print(f"smoke: xuhui {xuhui.__version__} from {package} ({native}): ok")


if __name__ == "__main__":
    main()
