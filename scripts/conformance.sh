#!/usr/bin/env bash
# Cross-language conformance: every file in tests/vectors/ through the Rust,
# Python and C runners; fails on any difference (see tests/conformance/driver.py).
# Needs the venv with xuhui installed (scripts/test-python.sh makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x "$py" ] || { echo "error: run scripts/test-python.sh first (it creates .venv)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/xuhui-conf.XXXXXX")
trap 'rm -rf "$work"' EXIT

cargo build --locked -q --release -p xh-core --example conformance
cargo build --locked -q --release -p xh-c
gcc -std=c99 -Wall -Wextra -Werror -O2 -Ixh-c/include tests/conformance/runner_c.c \
    target/release/libxuhui.a -lpthread -ldl -lm -o "$work/runner_c"

"$py" tests/conformance/driver.py \
    --runner rust=target/release/examples/conformance \
    --runner python="$py tests/conformance/runner_py.py" \
    --runner c="$work/runner_c"
