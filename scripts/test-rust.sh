#!/usr/bin/env bash
# Rust suite: formatting, lints, unit/integration/doc tests, warning-free docs.
# Arguments go to `cargo test` (e.g. `scripts/test-rust.sh -p xh-core --test assess`);
# with arguments, only the tests run (no fmt, clippy or docs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then
    exec cargo test --locked "$@"
fi
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
# xh-core as it would be published: packaged from the files inside xh-core/
# (tests that read the repository's other files are left out) and built
# from the package. --allow-dirty: a developer's uncommitted edits are
# packaged as they are; CI packages a clean clone.
cargo package -p xh-core --locked --allow-dirty --quiet
