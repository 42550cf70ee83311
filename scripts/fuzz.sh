#!/usr/bin/env bash
# Bounded fuzzing of xh-core with cargo-fuzz (libFuzzer) on stable Rust.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# Installs cargo-fuzz if missing. Corpora persist in fuzz/corpus/<target>;
# crashes land in fuzz/artifacts/<target> and must become regression tests.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in growth units observations_csv observations_json observations_sdmx; do
  mkdir -p "fuzz/corpus/$target"
  # Seed the loaders with the malformed-data corpus.
  case "$target" in
    observations_csv) cp tests/corpus/*.csv "fuzz/corpus/$target/" ;;
    observations_json) cp tests/corpus/*.json "fuzz/corpus/$target/"; rm -f "fuzz/corpus/$target/manifest.json" ;;
    observations_sdmx) cp tests/corpus/sdmx_*.csv "fuzz/corpus/$target/" ;;
  esac
  log="$(mktemp)"
  cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$secs" -print_final_stats=1 >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  files=$(find "fuzz/corpus/$target" -type f | wc -l)
  echo "fuzz $target: ${secs}s, ${runs} executions, corpus ${files} files, no crashes"
done
