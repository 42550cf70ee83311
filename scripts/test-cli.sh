#!/usr/bin/env bash
# The README from a new user's side, on a fresh clone with nothing beside it:
#   * the two commands at the top of the README work in the clone (the report;
#     the Rust tests, which read the report text from inside the repository);
#   * no tracked file points outside the repository;
#   * the Rust quick start, pasted into a new crate that depends on the clone
#     by path, builds and runs;
#   * the Python quick start and every `python -m xuhui` command in README.md
#     and xh-py/README.md run (with the package scripts/test-python.sh built
#     into .venv), plus the command line's guard rails.
# The clone is of the committed HEAD: commit first. Usage: scripts/test-cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
py="$root/.venv/bin/python"
[ -x "$py" ] || { echo "error: run scripts/test-python.sh first (it creates .venv)" >&2; exit 1; }
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    echo "note: uncommitted changes are not in the clone" >&2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/xuhui-clone.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Compiled dependencies are shared with this checkout; the clone's crates are
# built from the clone (cargo keys artifacts by source path).
export CARGO_TARGET_DIR="$root/target"
fail() { echo "error: $*" >&2; exit 1; }

echo "--> a fresh clone, alone in its directory"
git clone --quiet "$root" "$work/xuhui"
clone="$work/xuhui"
[ "$(ls -A "$work")" = xuhui ] || fail "the clone is not alone"
cd "$clone"

echo "--> no tracked file points outside the repository"
if git grep -n -I -e '\.\./\.\./shared' -e '\.\./shared/' -e '/work/shared' -- . ':!scripts/test-cli.sh'; then
    fail "the files above read outside the repository"
fi

echo "--> the README's first command: cargo run -p xh-core --example report"
cargo run --locked -q -p xh-core --example report > "$work/report.txt"
grep -q "704.0" "$work/report.txt" || fail "the report lacks 704.0"
grep -q -- "--observations FILE" "$work/report.txt" || fail "the report's hint"

echo "--> the Rust tests that check every quote against the report text in the repository"
cargo test --locked -q -p xh-core --test catalog 2>&1 | grep "test result"

echo "--> the report example with --observations (documented in the README)"
printf 'id,year,value,unit\nai_output,2021,410,亿元\nai_output,2022,47000000000,元\n' > "$work/my_data.csv"
cargo run --locked -q -p xh-core --example report -- --observations "$work/my_data.csv" > "$work/report4.txt"
grep -q "五、进展评估 / Progress assessment, from the observations added to the catalog" "$work/report4.txt" ||
    fail "no assessment section"
# Names on their own line, the numbers on the next (470 亿元, the latest level).
sed -n '/^五、/,$p' "$work/report4.txt" | grep -A1 "^人工智能及相关产业总产出" | grep -q "^    470 亿元" ||
    fail "ai_output not assessed"

echo "--> the README's Rust quick start, pasted into a new crate"
mkdir -p "$work/quickstart/src"
cat > "$work/quickstart/Cargo.toml" <<EOF
[package]
name = "quickstart"
version = "0.1.0"
edition = "2021"

[dependencies]
xh-core = { path = "$clone/xh-core" }

[workspace]
EOF
"$py" - "$clone/README.md" "$work/quickstart/src/main.rs" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text.split("## Rust quick start", 1)[1]
code = re.search(r"```rust\n(.*?)```", section, re.S).group(1)
assert "fn main" in code and "\n# " not in code, "the quick start must be a complete program"
open(sys.argv[2], "w", encoding="utf-8").write(code)
PY
cp "$clone/Cargo.lock" "$work/quickstart/Cargo.lock"
(cd "$work/quickstart" && cargo run -q) > "$work/quickstart.txt"
grep -q "2025: 704.0亿元" "$work/quickstart.txt" || fail "quick start output: $(cat "$work/quickstart.txt")"
grep -q "^eurostat " "$work/quickstart.txt" || fail "quick start assessment"

echo "--> the README's Python quick start"
"$py" - "$clone/README.md" > "$work/python_quickstart.py" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text.split("## Python quick start", 1)[1]
print(re.search(r"```python\n(.*?)```", section, re.S).group(1))
PY
(cd "$work" && MPLBACKEND=Agg "$py" python_quickstart.py)

echo "--> every python -m xuhui command in README.md and xh-py/README.md"
printf '[{"id": "ai_output", "year": 2021, "value": 410}, {"id": "ai_output", "year": 2022, "value": 470}]\n' \
    > "$work/my_data.json"
"$py" - "$clone/README.md" "$clone/xh-py/README.md" > "$work/commands.txt" <<'PY'
import re, sys
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if line.startswith("python -m xuhui"):
                print(re.sub(r"\s+#.*$", "", line))
PY
[ "$(wc -l < "$work/commands.txt")" -ge 10 ] || fail "too few documented commands: $(cat "$work/commands.txt")"
while IFS= read -r cmd; do
    args=${cmd#python -m xuhui}
    # shellcheck disable=SC2086 # the documented arguments, split as a shell would
    (cd "$work" && "$py" -m xuhui $args > out.txt 2> err.txt) || {
        cat "$work/err.txt" >&2
        fail "documented command failed: $cmd"
    }
    echo "    ok: $cmd"
done < "$work/commands.txt"

echo "--> the command line's guard rails"
cli() { (cd "$work" && "$py" -m xuhui "$@"); }
[ "$(cli project 350 15% 5)" = "703.975" ] || fail "15% is 0.15"
out=$(cli project 350 15 5 2> "$work/err.txt")
[ "$out" = "367001600" ] || fail "a bare 15 is used as given, got $out"
grep -q "warning: rate 15 is 1500 % a year .*did you mean 0.15?" "$work/err.txt" || fail "no warning for a bare 15"
[ "$(cli years-to-reach 350 704 0.15)" = "$(cli years_to_reach 350 704 0.15)" ] || fail "dashed alias"
if cli assess ai_output 2021=4.1e10 > /dev/null 2> "$work/err.txt"; then fail "4.1e10 亿元 accepted"; fi
grep -q "values are in 亿元; 4.1e10 is 1.2e8 times the 2020 level 350: wrong unit?" "$work/err.txt" ||
    fail "the unit slip message: $(cat "$work/err.txt")"
cli assess ai_output 2021=4.1e10 --no-check-plausibility > /dev/null
if cli assess ai_ouput > /dev/null 2> "$work/err.txt"; then fail "a typo accepted"; fi
grep -q 'did you mean "ai_output"?' "$work/err.txt" || fail "no suggestion: $(cat "$work/err.txt")"
echo "==> the README works on a fresh clone"
