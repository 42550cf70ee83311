//! Gives libxuhui.so a SONAME on Linux, so programs linked against it record
//! `libxuhui.so.0.MINOR` (0.x: every minor release may break the ABI) or
//! `libxuhui.so.MAJOR` from 1.0 on. install.sh installs the matching links.

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        let major = env!("CARGO_PKG_VERSION_MAJOR");
        let minor = env!("CARGO_PKG_VERSION_MINOR");
        let soname = if major == "0" {
            format!("libxuhui.so.0.{minor}")
        } else {
            format!("libxuhui.so.{major}")
        };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
