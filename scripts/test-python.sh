#!/usr/bin/env bash
# Python suite: builds the `xuhui` package (xh-py) into ./.venv and runs its
# pytest suite (every function scalar + array, shared vectors, hypothesis
# properties, numpy-financial comparisons, stubtest, the quickstart notebook
# in a real kernel) in development mode with every warning an error.
# Needs only python3 (with venv), cargo and the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    python3 -m venv .venv
fi
# Activate: maturin's build backend runs the `maturin` executable from PATH.
# shellcheck disable=SC1091
source .venv/bin/activate
PY=python
"$PY" -m pip install --quiet --upgrade pip
"$PY" -m pip install --quiet -r xh-py/requirements-test.txt

echo "==> building and installing xuhui (release)"
# maturin (pinned in requirements-test.txt) builds against the workspace's
# Cargo.lock and target dir, so a rebuild is incremental.
"$PY" -m pip install --quiet --no-build-isolation --force-reinstall --no-deps ./xh-py

echo "==> pytest"
cd xh-py
PYTHONDEVMODE=1 python -W error -m pytest -W error -p no:cacheprovider "$@"
