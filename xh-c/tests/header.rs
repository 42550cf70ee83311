//! The committed header `include/xuhui.h` must be exactly what the pinned
//! cbindgen (0.29.4, a dev-dependency) generates from the sources and
//! `cbindgen.toml`. Regenerate with `./generate-header.sh`, which runs this
//! test with `XH_UPDATE_HEADER=1`.

use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The version macros, from Cargo.toml, so they can never drift.
fn version_macros() -> String {
    format!(
        "\n/** The version of xuhui this header belongs to (see xh_version()). */\n\
         #define XUHUI_VERSION \"{}\"\n\
         #define XUHUI_VERSION_MAJOR {}\n\
         #define XUHUI_VERSION_MINOR {}\n\
         #define XUHUI_VERSION_PATCH {}",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
    )
}

fn generate(dir: &Path) -> String {
    let mut config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    config.after_includes = Some(version_macros());
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen failed");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("header is UTF-8")
}

#[test]
fn header_is_up_to_date() {
    let dir = crate_dir();
    let path = dir.join("include/xuhui.h");
    let fresh = generate(&dir);
    if std::env::var_os("XH_UPDATE_HEADER").is_some() {
        std::fs::write(&path, &fresh).expect("write header");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        let line = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || committed.lines().count().min(fresh.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "xh-c/include/xuhui.h is stale (first difference at line {line}); \
             run xh-c/generate-header.sh and commit the result"
        );
    }
}

#[test]
fn header_has_the_promised_shape() {
    let header = generate(&crate_dir());
    for needle in [
        "#ifndef XUHUI_H",
        "extern \"C\" {",
        "XH_STATUS_OK = 0",
        "XH_STATUS_NULL_ARGUMENT = 1",
        "XH_STATUS_PANIC = 2",
        "XH_STATUS_NON_FINITE = 100",
        "#define XUHUI_VERSION_MAJOR",
        "size_t xh_last_error_message(char *buf,",
        "xh_status xh_cagr(double start,",
        "xh_status xh_chain(const double *rates,",
    ] {
        assert!(header.contains(needle), "header lacks {needle:?}");
    }
}
