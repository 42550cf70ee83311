#!/usr/bin/env bash
# Installs what the tests need (into ./.venv and ./target) and runs every
# test suite: Rust, Python, the Python wheel and sdist, C, and the
# cross-language conformance driver.
# Usage: scripts/test-all.sh        (what .ci/run calls)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> Rust: fmt, clippy, tests, doc-tests, docs"
scripts/test-rust.sh

echo "==> Python: venv, build, pytest, stubtest, notebook"
scripts/test-python.sh

echo "==> Distribution: abi3 wheel and sdist, each installed into a fresh venv and smoke-tested"
scripts/test-dist.sh
echo "==> The README on a fresh clone: its commands, quick starts and the command line"
scripts/test-cli.sh

echo "==> C: build, header check, install, tests under sanitizers and valgrind"
scripts/test-c.sh

echo "==> Conformance: tests/vectors/*.json through Rust, Python and C, bit for bit"
scripts/conformance.sh

echo "==> All suites passed."
