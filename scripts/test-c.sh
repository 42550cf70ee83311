#!/usr/bin/env bash
# C suite: builds libxuhui, checks the header is current, installs into a
# temporary prefix, then compiles the C tests against the INSTALLED copy with
# `pkg-config --cflags --libs xuhui` and runs them three ways (plain, with
# -fsanitize=address,undefined, under valgrind), builds and runs the example
# with pkg-config and with CMake (find_package; cmake comes from the venv
# when the machine has none), and compiles the header as C++.
# The programs are tests/c/test_xuhui.c (every export) and tests/c/test_corpus.c
# (the malformed-data corpus, tests/corpus/manifest.json, flattened by python3).
# Usage: scripts/test-c.sh          (called by scripts/test-all.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need_tool() { command -v "$1" >/dev/null 2>&1; }
for tool in cargo gcc g++ valgrind python3; do
    need_tool "$tool" || { echo "error: $tool is required for the C tests" >&2; exit 1; }
done
if ! need_tool pkg-config; then
    # Debian's pkgconf provides it; on this project's machines it is part of
    # the base image, so this only runs on a machine that lacks it.
    if [ "$(id -u)" = 0 ] && need_tool apt-get; then
        echo "==> pkg-config is missing: installing Debian's pkgconf (apt-get)"
        apt-get update -qq && apt-get install -y -qq pkgconf
    else
        echo "error: pkg-config is required (Debian: apt-get install pkgconf)" >&2
        exit 1
    fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/xuhui-c.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

echo "--> header is what cbindgen 0.29.4 generates"
cargo test --locked -q -p xh-c --test header

echo "--> build and install into a temporary prefix"
CARGO_FLAGS=--locked xh-c/install.sh "$prefix"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
pkg-config --exists --print-errors xuhui xuhui-static
echo "    pkg-config --cflags --libs xuhui: $(pkg-config --cflags --libs xuhui)"
libdir=$(pkg-config --variable=libdir xuhui)

echo "--> the README's C quick start as written: shared, then static (xuhui-static.pc)"
python3 - README.md "$work" "$prefix" <<'PY'
import re, sys
readme, work, prefix = sys.argv[1:]
section = open(readme, encoding="utf-8").read().split("## C quick start", 1)[1]
code = re.search(r"```c\n(.*?)```", section, re.S).group(1)
open(f"{work}/ai.c", "w", encoding="utf-8").write(code)
lines = [l for b in re.findall(r"```sh\n(.*?)```", section, re.S) for l in b.splitlines() if l.startswith("cc ")]
assert len(lines) == 2, lines
with open(f"{work}/ai.sh", "w", encoding="utf-8") as f:
    for l in lines:
        f.write(re.sub(r"\s+#.*$", "", l).replace('"$HOME/.local', f'"{prefix}') + "\n")
PY
(
    cd "$work"
    mapfile -t recipe < ai.sh
    eval "${recipe[0]}" > ai_shared.txt
    ldd ./ai | grep "$libdir/libxuhui.so" >/dev/null || { echo "error: ai is not linked to libxuhui.so" >&2; exit 1; }
    eval "${recipe[1]}" > ai_static.txt
    if ldd ./ai | grep libxuhui >/dev/null; then echo "error: the static recipe links libxuhui.so" >&2; exit 1; fi
    grep -q "AI output in 2025: 704.0亿元" ai_shared.txt && cmp ai_shared.txt ai_static.txt
)
echo "    $(cat "$work/ai_static.txt") (shared and static)"

echo "--> shared vectors (tests/vectors/growth*.json) with xh-core's results"
cargo run --locked -q -p xh-c --example dump_vectors -- tests/vectors/growth*.json > "$work/vectors.txt"

echo "--> malformed-data corpus: tests/corpus/manifest.json as tab-separated lines"
# No JSON parser in C: flatten the manifest with the standard library's json.
python3 - tests/corpus/manifest.json > "$work/corpus.txt" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1], encoding="utf-8")):
    fields = [e["file"], e["format"], e["expect"]]
    if e["expect"] == "ok":
        fields.append(e["rows"])
    else:
        f = e["first"]
        fields += [e["problems"], f["line"], f["column"], f["contains"]]
    fields = [str(x) for x in fields]
    assert not any("\t" in x or "\n" in x for x in fields), fields
    print("\t".join(fields))
PY
echo "    $(wc -l < "$work/corpus.txt") files"
python3 - tests/corpus/outcomes/manifest.json > "$work/outcomes.txt" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1], encoding="utf-8")):
    if e["expect"] == "ok":
        fields = [e["file"], "ok", e["outcomes"]]
    else:
        fields = [e["file"], "error", e["entry"], e["field"], e["contains"]]
    fields = [str(x) for x in fields]
    assert not any("\t" in x or "\n" in x for x in fields), fields
    print("\t".join(fields))
PY

cflags=(-std=c99 -Wall -Wextra -Werror)
# Each C test program and its arguments.
tests=(test_xuhui test_corpus test_outcomes)
args_test_xuhui=("$work/vectors.txt")
args_test_corpus=("$work/corpus.txt" tests/corpus)
args_test_outcomes=("$work/outcomes.txt" tests/corpus/outcomes)
run_args() { local v="args_$1[@]"; printf '%s\0' "${!v}"; }

for t in "${tests[@]}"; do
    mapfile -d '' args < <(run_args "$t")
    echo "--> 1/3 $t, shared library, plain"
    # shellcheck disable=SC2046 # pkg-config output is meant to be split
    gcc "${cflags[@]}" -O2 -g "xh-c/tests/c/$t.c" -o "$work/$t" \
        $(pkg-config --cflags --libs xuhui) -lpthread -lm -Wl,-rpath,"$libdir"
    ldd "$work/$t" | grep "$libdir/libxuhui.so" >/dev/null || { # not -q: with pipefail, an early exit of grep can fail ldd (SIGPIPE)
        echo "error: $t is not linked against the installed libxuhui.so" >&2
        exit 1
    }
    "$work/$t" "${args[@]}" > "$work/$t.out"
    tail -n 3 "$work/$t.out"

    echo "--> 2/3 $t, static library (xuhui-static.pc, the README's recipe), -fsanitize=address,undefined"
    # shellcheck disable=SC2046
    gcc "${cflags[@]}" -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
        -fno-omit-frame-pointer "xh-c/tests/c/$t.c" -o "$work/${t}_asan" \
        $(pkg-config --cflags --libs xuhui-static) -lpthread -lm
    if ldd "$work/${t}_asan" | grep libxuhui >/dev/null; then
        echo "error: the sanitizer build should link libxuhui statically" >&2
        exit 1
    fi
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$work/${t}_asan" "${args[@]}" | tail -n 1

    echo "--> 3/3 $t under valgrind (errors and definite leaks fail)"
    # Rust's std keeps the main thread's handle for the whole process: valgrind
    # may call it "possibly lost"; only definite leaks count.
    # XH_TEST_VALGRIND: valgrind's FMA emulation may flip the sign of a zero
    # result; test_xuhui then tolerates +0/-0 (and says how often).
    XH_TEST_VALGRIND=1 valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
        --show-leak-kinds=definite "$work/$t" "${args[@]}" | grep -v "^  " | tail -n 3
done

echo "--> example: xh-c/examples/report.c"
# shellcheck disable=SC2046
gcc "${cflags[@]}" -O2 xh-c/examples/report.c -o "$work/report" \
    $(pkg-config --cflags --libs xuhui) -Wl,-rpath,"$libdir"
# The dashboard, the flat-table and the SDMX exports are byte-identical to the Rust example's.
for mode in "" --csv --json --sdmx-csv --sdmx-structure; do
    "$work/report" $mode > "$work/report_c.txt"
    cargo run --locked -q -p xh-core --example report -- $mode > "$work/report_rust.txt"
    cmp "$work/report_c.txt" "$work/report_rust.txt" || {
        echo "error: report.c ${mode:-(dashboard)} differs from the Rust example" >&2
        exit 1
    }
    echo "    report ${mode:-(dashboard)}: identical to cargo run -p xh-core --example report $mode"
done
"$work/report" > "$work/report.txt"
head -n 14 "$work/report.txt"
valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    "$work/report" --growth > "$work/growth.txt"
cat "$work/growth.txt"
grep -q "704.0" "$work/growth.txt" || { echo "error: report --growth lacks 704.0" >&2; exit 1; }

echo "--> CMake: find_package(xuhui CONFIG), xuhui::xuhui and xuhui::xuhui_static"
cmake=cmake
if ! need_tool cmake; then
    # CMake from the Python package registry (the wheel carries the
    # binaries), in the project's venv (scripts/test-python.sh makes it).
    [ -x .venv/bin/python ] || python3 -m venv .venv
    [ -x .venv/bin/cmake ] || .venv/bin/python -m pip install --quiet "cmake==4.4.4"
    cmake="$root/.venv/bin/cmake"
fi
echo "    $("$cmake" --version | head -n 1)"
"$cmake" -S xh-c/examples -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS="-Wall -Wextra -Werror" > "$work/cmake.log" 2>&1 ||
    { cat "$work/cmake.log"; exit 1; }
"$cmake" --build "$work/cmake" > "$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; exit 1; }
ldd "$work/cmake/report" | grep "$libdir/libxuhui.so" >/dev/null || {
    echo "error: the CMake build of report is not linked against the installed libxuhui.so" >&2
    exit 1
}
if ldd "$work/cmake/report_static" | grep libxuhui >/dev/null; then
    echo "error: report_static (xuhui::xuhui_static) should link libxuhui statically" >&2
    exit 1
fi
for exe in report report_static; do
    for mode in "" --csv --json --growth; do
        "$work/cmake/$exe" $mode > "$work/cmake_out.txt"
        "$work/report" $mode > "$work/pc_out.txt"
        cmp "$work/cmake_out.txt" "$work/pc_out.txt" || {
            echo "error: the CMake build of $exe ${mode:-(dashboard)} differs from the pkg-config build" >&2
            exit 1
        }
    done
    echo "    $exe (CMake): same output as the pkg-config build"
done
# The version file: what find_package accepts, relative to the installed
# version (before 1.0 the minor version must match, as in the SONAME).
IFS=. read -r major minor patch < <(pkg-config --modversion xuhui)
mkdir "$work/probe"
cat > "$work/probe/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.19)
project(probe LANGUAGES NONE)
find_package(xuhui ${WANT} CONFIG REQUIRED)
get_target_property(location xuhui::xuhui IMPORTED_LOCATION)
message(STATUS "xuhui ${xuhui_VERSION} at ${location}")
CMAKE
probe() { # PREFIX WANT: configures the probe; prints its status line
    rm -rf "$work/probe/build"
    "$cmake" -S "$work/probe" -B "$work/probe/build" -DCMAKE_PREFIX_PATH="$1" -DWANT="$2" 2>&1 |
        grep -- "-- xuhui " || true
}
if [ "$major" = 0 ]; then next_compatible="$major.$minor.$((patch + 1))"; else next_compatible="$((major + 1)).0"; fi
accepted=("" "$major.$minor" "$major.$minor.$patch" "$major.$minor...$major.$((minor + 2))" "0.0...<$((major + 1)).0")
refused=("$major.$((minor + 1))" "$((major + 1)).0" "$next_compatible" "$major.$((minor + 1))...$major.$((minor + 3))" "0.0...<$major.$minor")
[ "$major" = 0 ] && [ "$minor" -gt 0 ] && refused+=("0.$((minor - 1))")
for want in "${accepted[@]}"; do
    [ -n "$(probe "$prefix" "$want")" ] || { echo "error: find_package(xuhui $want) refused $major.$minor.$patch" >&2; exit 1; }
done
for want in "${refused[@]}"; do
    [ -z "$(probe "$prefix" "$want")" ] || { echo "error: find_package(xuhui $want) accepted $major.$minor.$patch" >&2; exit 1; }
done
echo "    find_package(xuhui VERSION): accepts ${accepted[*]:1}; refuses ${refused[*]}"
# The installed tree can be moved: the package finds its files from where it is.
cp -a "$prefix" "$work/moved"
probe "$work/moved" "" | grep -F "at $work/moved/lib/libxuhui.so" >/dev/null || {
    echo "error: the CMake package does not follow a moved prefix" >&2
    exit 1
}
echo "    a moved prefix: the imported targets point into it"

echo "--> header compiles as C99, C11 and C++ (-Wpedantic)"
printf '#include <xuhui.h>\nint main(void) { return (int)xh_status_name(XH_STATUS_OK)[0] == 0; }\n' > "$work/h.c"
# shellcheck disable=SC2046
for std in c99 c11; do
    gcc -std=$std -Wall -Wextra -Wpedantic -Werror -fsyntax-only $(pkg-config --cflags xuhui) "$work/h.c"
done
# shellcheck disable=SC2046
for std in c++11 c++17; do
    g++ -x c++ -std=$std -Wall -Wextra -Wpedantic -Werror -fsyntax-only $(pkg-config --cflags xuhui) "$work/h.c"
done

echo "==> C suite passed."
