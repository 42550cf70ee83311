//! # libxuhui: the C interface of xuhui
//!
//! This crate builds `libxuhui.a` and `libxuhui.so` and, with cbindgen, the
//! header `include/xuhui.h`. C (and C++, cgo, R's `.Call`, …) gets the same
//! numbers as the Rust and Python users: every result comes from `xh-core`;
//! nothing here computes.
//!
//! # Conventions (as in rustls-ffi)
//!
//! * Every fallible function returns [`xh_status`]: `XH_STATUS_OK` (0) or an
//!   explicit, never-reused error code. Results come back through
//!   out-pointers, written only on success.
//! * After a failure, [`xh_last_error_message`] gives the calling thread's
//!   message; [`xh_status_name`] gives the stable tag of a code
//!   (`"out_of_domain"`), the same as the Rust `ErrorKind` and the Python
//!   exception's `kind`.
//! * A NULL pointer argument gives `XH_STATUS_NULL_ARGUMENT`, text that is
//!   not UTF-8 `XH_STATUS_INVALID_UTF8`; neither crashes.
//! * Every export runs inside a panic boundary: a Rust panic (a bug) becomes
//!   `XH_STATUS_PANIC`, never an unwind into C.
//! * Functions that return text use one size-query protocol (see
//!   [`xh_unit_name_zh`]).
//! * Everything is thread-safe: there is no global mutable state besides the
//!   thread-local last error.
//!
//! For Rust callers of the rlib the exports are `unsafe`: every pointer must
//! be NULL or valid for the documented number of elements, and strings must
//! be NUL-terminated. That is the C contract, stated in each function's
//! documentation in terms of its arguments.
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
// The safety contract of every export is the C contract written in its doc
// comment (which becomes the header's); a `# Safety` section on each would
// repeat "pointers must be valid" forty times.
#![allow(clippy::missing_safety_doc)]

pub mod assess;
pub mod catalog;
mod ffi;
pub mod growth;
pub mod outcomes;
pub mod status;
pub mod units;

pub use assess::*;
pub use catalog::*;
pub use growth::*;
pub use status::{xh_last_error_message, xh_status, xh_status_name};
pub use units::*;

use std::ffi::c_char;

/// The library version as a static, NUL-terminated string, e.g. `"0.1.0"`.
///
/// Compare with the header's `XUHUI_VERSION_MAJOR`, `XUHUI_VERSION_MINOR`
/// and `XUHUI_VERSION_PATCH` to check, at run time, that the library loaded
/// is the one the program was compiled against. Never NULL; do not free.
#[no_mangle]
pub extern "C" fn xh_version() -> *const c_char {
    let version: *const c_char = concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast();
    ffi::boundary_value(version, || version)
}

/// The workspace README's Rust example, compiled and run as a doc-test.
/// It lives in this crate, which is not published, because the README sits
/// outside xh-core's package (whose own README is its crate documentation).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct WorkspaceReadmeDoctests;
