#!/usr/bin/env bash
# Regenerates include/xuhui.h with the pinned cbindgen (a dev-dependency of
# xh-c, so nothing is installed) and the version macros from Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
XH_UPDATE_HEADER=1 cargo test -p xh-c --test header --quiet -- header_is_up_to_date
echo "wrote xh-c/include/xuhui.h"
