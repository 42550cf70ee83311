#!/usr/bin/env bash
# C benchmark (issue 8): per-call cost of xh_cagr against inline pow, and
# xh_cagr_batch on 1e6/1e7 elements. Builds the release library and
# benchmarks/bench_c.c with gcc -O2, linked two ways (shared libxuhui.so
# through the PLT, as pkg-config gives it, and static libxuhui.a), and runs
# both. Not part of CI: timings depend on the machine.
# Usage: benchmarks/bench_c.sh [CALLS]     (default 1e7 scalar calls)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/xuhui-bench-c.XXXXXX")
trap 'rm -rf "$work"' EXIT

log=$(cargo rustc --locked -q --release -p xh-c --lib -- --print native-static-libs 2>&1) || {
    echo "$log" >&2
    exit 1
}
libs_private=$(printf '%s\n' "$log" | sed -n 's/^note: native-static-libs: //p' | tail -n 1)
release=${CARGO_TARGET_DIR:-$(pwd)/target}/release

# The .so has a SONAME (libxuhui.so.0.MINOR): give it that name at run time.
soname=$(objdump -p "$release/libxuhui.so" 2>/dev/null | sed -n 's/^ *SONAME *//p')
mkdir -p "$work/lib"
cp "$release/libxuhui.so" "$work/lib/${soname:-libxuhui.so}"
cflags=(-std=c99 -O2 -Wall -Wextra -Werror -Ixh-c/include)
gcc "${cflags[@]}" benchmarks/bench_c.c -o "$work/bench_shared" \
    -L"$release" -lxuhui -Wl,-rpath,"$work/lib" -lm
# shellcheck disable=SC2086 # libs_private is a list of flags
gcc "${cflags[@]}" benchmarks/bench_c.c -o "$work/bench_static" \
    "$release/libxuhui.a" ${libs_private:--lpthread -ldl -lm} -lm

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "compiler: $(gcc --version | head -n 1), -O2; $(rustc --version)"
echo
echo "== shared libxuhui.so (calls through the PLT)"
"$work/bench_shared" "$@"
echo
echo "== static libxuhui.a"
"$work/bench_static" "$@"
