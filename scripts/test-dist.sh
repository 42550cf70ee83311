#!/usr/bin/env bash
# Distribution suite: builds the Python package as it would be published,
# an abi3 wheel (`maturin build --release`) and an sdist (`maturin sdist`),
# installs each into a fresh virtual environment and runs
# xh-py/smoke_installed.py there from outside the source tree.
# Needs ./.venv with maturin (scripts/test-python.sh makes it). The wheel
# reuses that build (same target dir and profile); the sdist's two crates
# are compiled from its own sources, into the same target dir so that the
# dependencies are not compiled again (the builds of the extension share
# target/release/deps/lib_xuhui.so; both come from the same sources here).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
py=.venv/bin/python
[ -x "$py" ] || { echo "error: run scripts/test-python.sh first (it creates .venv)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/xuhui-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)

echo "--> maturin build --release (wheel) and maturin sdist"
(
    # maturin runs cargo; the venv's bin is on PATH for it.
    export PATH="$root/.venv/bin:$PATH"
    cd xh-py
    maturin build --release --locked --quiet --out "$work/dist" > "$work/build.log" 2>&1 ||
        { cat "$work/build.log"; exit 1; }
    maturin sdist --out "$work/dist" > "$work/sdist.log" 2>&1 || { cat "$work/sdist.log"; exit 1; }
)
wheel=$(ls "$work"/dist/*.whl)
sdist=$(ls "$work"/dist/*.tar.gz)
case "$(basename "$wheel")" in
    "xuhui-$version-cp310-abi3-"*.whl) echo "    wheel: $(basename "$wheel")" ;;
    *) echo "error: expected a cp310-abi3 wheel of xuhui $version, got $(basename "$wheel")" >&2; exit 1 ;;
esac
[ "$(basename "$sdist")" = "xuhui-$version.tar.gz" ] || {
    echo "error: expected the sdist xuhui-$version.tar.gz, got $(basename "$sdist")" >&2
    exit 1
}
# The sdist carries the core's embedded data and the lock file.
tar tzf "$sdist" > "$work/sdist.txt"
for f in Cargo.lock xh-core/data/gwr2021.json xh-py/src/lib.rs python/xuhui/_xuhui.pyi; do
    grep -qx "xuhui-$version/$f" "$work/sdist.txt" || { echo "error: the sdist lacks $f" >&2; exit 1; }
done
echo "    sdist: $(basename "$sdist"), $(wc -l < "$work/sdist.txt") files"

smoke() { # NAME ARTIFACT: a fresh venv, the artifact installed, the smoke test run in $work
    local venv="$work/venv-$1"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --verbose "$2" > "$work/pip-$1.log" 2>&1 ||
        { cat "$work/pip-$1.log"; exit 1; }
    # What cargo built for it (nothing for the wheel; the two crates for the sdist).
    grep -E "Compiling xh-|Finished .release" "$work/pip-$1.log" | sed 's/^ */    cargo: /' || true
    cp xh-py/smoke_installed.py "$work/smoke_installed.py"
    (cd "$work" && "$venv/bin/python" -I smoke_installed.py "$version")
}

echo "--> the wheel in a fresh venv"
smoke wheel "$wheel"
echo "--> the sdist in a fresh venv (pip builds it with maturin)"
# Cargo names path crates by their place in the workspace and keeps their
# sources' times, so an sdist unpacked with its files' original times would
# find the workspace's build of xh-core and xh-py fresh and compile
# nothing. Unpacked and touched, its two crates are compiled from its own
# sources; the dependencies come from the shared target dir.
mkdir "$work/sdist-src"
tar xzf "$sdist" -C "$work/sdist-src"
find "$work/sdist-src" -type f -exec touch {} +
smoke sdist "$work/sdist-src/xuhui-$version"
grep -q "Compiling xh-core" "$work/pip-sdist.log" && grep -q "Compiling xh-py" "$work/pip-sdist.log" || {
    echo "error: the sdist's crates were not compiled from its sources" >&2
    exit 1
}

echo "==> Distribution suite passed."
