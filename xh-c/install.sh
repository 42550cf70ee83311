#!/usr/bin/env bash
# Builds libxuhui in release mode and installs it under PREFIX:
#   PREFIX/include/xuhui.h
#   PREFIX/lib/libxuhui.a
#   PREFIX/lib/libxuhui.so.0.MINOR (the SONAME) with libxuhui.so -> it
#   PREFIX/lib/pkgconfig/xuhui.pc          (links libxuhui.so)
#   PREFIX/lib/pkgconfig/xuhui-static.pc   (links libxuhui.a by path)
#   PREFIX/lib/cmake/xuhui/xuhuiConfig.cmake and xuhuiConfigVersion.cmake
#     (imported targets xuhui::xuhui, shared, and xuhui::xuhui_static)
# Usage: xh-c/install.sh PREFIX        e.g. xh-c/install.sh /usr/local
# Then: PKG_CONFIG_PATH=PREFIX/lib/pkgconfig pkg-config --cflags --libs xuhui
#   or, in CMake: find_package(xuhui 0.1 CONFIG REQUIRED) with
#   CMAKE_PREFIX_PATH=PREFIX, and target_link_libraries(app PRIVATE xuhui::xuhui)
# The SONAME follows the compatibility promise: before 1.0 a minor release
# may break the ABI (libxuhui.so.0.MINOR), from 1.0 only a major one
# (libxuhui.so.MAJOR). The CMake version file accepts the same range.
# Extra cargo flags (e.g. --locked, --offline) can be passed in CARGO_FLAGS.
set -euo pipefail
if [ $# -ne 1 ]; then
    echo "usage: $0 PREFIX" >&2
    exit 2
fi
mkdir -p "$1"
prefix=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# One release build; rustc's note names the system libraries the static
# library needs (cargo replays it when the build is already fresh).
log=$(cargo rustc ${CARGO_FLAGS:-} --release -p xh-c --lib -- --print native-static-libs 2>&1) || {
    echo "$log" >&2
    exit 1
}
libs_private=$(printf '%s\n' "$log" | sed -n 's/^note: native-static-libs: //p' | tail -n 1)
if [ -z "$libs_private" ]; then
    libs_private="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
fi
target_dir=${CARGO_TARGET_DIR:-$root/target}
release="$target_dir/release"

header="$root/xh-c/include/xuhui.h"
version=$(sed -n 's/^#define XUHUI_VERSION "\(.*\)"$/\1/p' "$header")
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
if [ "$major" = 0 ]; then soname="libxuhui.so.0.$minor"; else soname="libxuhui.so.$major"; fi

install -d "$prefix/include" "$prefix/lib/pkgconfig"
install -m 644 "$header" "$prefix/include/xuhui.h"
install -m 644 "$release/libxuhui.a" "$prefix/lib/libxuhui.a"
install -m 755 "$release/libxuhui.so" "$prefix/lib/$soname"
ln -sfn "$soname" "$prefix/lib/libxuhui.so"
for pc in xuhui xuhui-static; do
    sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" -e "s|@LIBS_PRIVATE@|$libs_private|" \
        "$root/xh-c/$pc.pc.in" > "$prefix/lib/pkgconfig/$pc.pc"
done

# CMake: the package files locate the prefix from their own directory, so
# the installed tree can be moved. Link flags as a CMake list (-lm;-ldl …).
cmake_dir="$prefix/lib/cmake/xuhui"
install -d "$cmake_dir"
link_list=$(printf '%s' "$libs_private" | tr -s ' ' ';')
sed -e "s|@VERSION@|$version|" -e "s|@SONAME@|$soname|" -e "s|@LIBS_PRIVATE@|$link_list|" \
    "$root/xh-c/cmake/xuhuiConfig.cmake.in" > "$cmake_dir/xuhuiConfig.cmake"
sed -e "s|@VERSION@|$version|" -e "s|@SIZEOF_VOID_P@|$(( $(getconf LONG_BIT) / 8 ))|" \
    "$root/xh-c/cmake/xuhuiConfigVersion.cmake.in" > "$cmake_dir/xuhuiConfigVersion.cmake"
echo "installed libxuhui $version under $prefix"
