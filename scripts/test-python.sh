#!/usr/bin/env bash
# Python suite: builds the `xuhui` package (xh-py) into ./.venv and runs its
# pytest suite (every function scalar + array, shared vectors, hypothesis
# properties, numpy-financial comparisons, stubtest, the quickstart notebook
# in a real kernel, chart images against baselines, HTML snapshots) in
# development mode with every warning an error.
# Needs python3 (with venv), cargo and the package registries; as root on
# Debian it installs the CJK font the chart tests pin (fonts-wqy-microhei).
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

# The chart tests draw Chinese text with a pinned CJK font, WenQuanYi Micro
# Hei (Debian's fonts-wqy-microhei, 1.6 MB), and check the no-font path by
# hiding every CJK font. Install it where we may; without it those tests
# fail with a message saying so (they are not skipped).
if ! fc-list 2>/dev/null | grep -q "WenQuanYi Micro Hei"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "==> installing fonts-wqy-microhei (the CJK font the chart tests pin)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null \
            || { apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null; }
    else
        echo "warning: fonts-wqy-microhei is not installed and cannot be (not root / no apt-get);" \
             "the chart and font tests will fail" >&2
    fi
fi

echo "==> pytest"
cd xh-py
PYTHONDEVMODE=1 python -W error -m pytest -W error -p no:cacheprovider "$@"
