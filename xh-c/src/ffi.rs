//! The boundary between C and Rust: panic catching, failures, and checked
//! conversion of C arguments (pointers, strings, arrays, buffers).
//!
//! Every exported function body runs inside [`boundary`] (for functions that
//! return `xh_status`) or [`boundary_value`] (for the few that return a
//! value), in the spirit of rustls-ffi's `ffi_panic_boundary!`: no unwind
//! ever crosses into C.

use std::any::Any;
use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;

use crate::status::{set_last_error, xh_status};

/// Why an exported call failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// An error from xh-core.
    Core(xh_core::Error),
    /// A required pointer argument was NULL.
    Null(&'static str),
    /// A string argument is not UTF-8.
    Utf8 {
        arg: &'static str,
        error: std::str::Utf8Error,
    },
    /// The caller's buffer cannot hold the result.
    BufferTooSmall { len: usize, needed: usize },
}

impl From<xh_core::Error> for Failure {
    fn from(e: xh_core::Error) -> Failure {
        Failure::Core(e)
    }
}

impl Failure {
    pub(crate) fn status(&self) -> xh_status {
        match self {
            Failure::Core(e) => xh_status::from_kind(e.kind()),
            Failure::Null(_) => xh_status::NullArgument,
            Failure::Utf8 { .. } => xh_status::InvalidUtf8,
            Failure::BufferTooSmall { .. } => xh_status::BufferTooSmall,
        }
    }

    pub(crate) fn message(&self) -> String {
        match self {
            Failure::Core(e) => e.to_string(),
            Failure::Null(arg) => format!("{arg} must not be NULL"),
            Failure::Utf8 { arg, error } => format!("{arg} is not valid UTF-8: {error}"),
            Failure::BufferTooSmall { len, needed } => {
                format!("buffer of {len} bytes is too small, {needed} needed")
            }
        }
    }
}

/// `Result<T, Failure>`.
pub(crate) type FfiResult<T = ()> = Result<T, Failure>;

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}

/// Runs an exported function's body: maps failures to a status and records
/// their message, and turns a panic into `XH_STATUS_PANIC`.
pub(crate) fn boundary(function: &'static str, body: impl FnOnce() -> FfiResult) -> xh_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => xh_status::Ok,
        Ok(Err(failure)) => {
            set_last_error(failure.message());
            failure.status()
        }
        Err(payload) => {
            set_last_error(format!(
                "internal error (panic) in {function}: {}; this is a bug in xuhui",
                panic_message(payload.as_ref())
            ));
            xh_status::Panic
        }
    }
}

/// Like [`boundary`] for the functions that return a value rather than a
/// status: a panic returns `on_panic` (and records a message).
pub(crate) fn boundary_value<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(v) => v,
        Err(payload) => {
            set_last_error(format!(
                "internal error (panic): {}; this is a bug in xuhui",
                panic_message(payload.as_ref())
            ));
            on_panic
        }
    }
}

/// A non-NULL out-pointer, to be written only once the result is known.
pub(crate) fn out_ptr<T>(p: *mut T, arg: &'static str) -> FfiResult<NonNull<T>> {
    NonNull::new(p).ok_or(Failure::Null(arg))
}

/// Writes `value` through a checked out-pointer.
///
/// # Safety
///
/// `p` must be valid for a write of `T` and suitably aligned (the caller's
/// contract for every out-pointer).
pub(crate) unsafe fn write<T>(p: NonNull<T>, value: T) {
    // SAFETY: forwarded to the caller.
    unsafe { p.as_ptr().write(value) }
}

/// A NUL-terminated UTF-8 string argument.
///
/// # Safety
///
/// `p` must be NULL or point to a NUL-terminated string that stays valid
/// and unmodified for `'a`.
pub(crate) unsafe fn str_arg<'a>(p: *const c_char, arg: &'static str) -> FfiResult<&'a str> {
    if p.is_null() {
        return Err(Failure::Null(arg));
    }
    // SAFETY: non-NULL and NUL-terminated per the caller's contract.
    let c = unsafe { CStr::from_ptr(p) };
    c.to_str().map_err(|error| Failure::Utf8 { arg, error })
}

/// A `const double *` array argument of `n` elements. NULL is accepted
/// only when `n == 0`.
///
/// # Safety
///
/// When non-NULL, `p` must point to `n` readable, aligned doubles that are
/// not written during `'a`.
pub(crate) unsafe fn slice_arg<'a>(
    p: *const f64,
    n: usize,
    arg: &'static str,
) -> FfiResult<&'a [f64]> {
    if n == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(Failure::Null(arg));
    }
    // SAFETY: non-NULL, n elements, per the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(p, n) })
}

/// Copies `text` and a terminating NUL into the caller's buffer, with the
/// size-query protocol shared by every function that returns text:
///
/// * `needed` must not be NULL; it receives the size needed, including the
///   NUL, on `XH_STATUS_OK` and on `XH_STATUS_BUFFER_TOO_SMALL`;
/// * `buf == NULL && len == 0` is a size query: `XH_STATUS_OK`, nothing
///   else written;
/// * `len` smaller than needed: `XH_STATUS_BUFFER_TOO_SMALL`, `buf` is not
///   touched;
/// * otherwise the text is copied and NUL-terminated.
///
/// # Safety
///
/// `buf` must be NULL or valid for `len` bytes of writes; `needed` must be
/// NULL or valid for a write.
pub(crate) unsafe fn write_text(
    text: &str,
    buf: *mut c_char,
    len: usize,
    needed: NonNull<usize>,
) -> FfiResult {
    let size = text.len() + 1;
    if buf.is_null() {
        if len != 0 {
            return Err(Failure::Null("buf"));
        }
        // SAFETY: checked out-pointer.
        unsafe { write(needed, size) };
        return Ok(());
    }
    // SAFETY: checked out-pointer.
    unsafe { write(needed, size) };
    if len < size {
        return Err(Failure::BufferTooSmall { len, needed: size });
    }
    // SAFETY: buf holds len >= size bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), text.len());
        *buf.add(text.len()) = 0;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last_error() -> String {
        let mut buf = [0 as c_char; 256];
        unsafe { crate::status::xh_last_error_message(buf.as_mut_ptr(), buf.len()) };
        unsafe { CStr::from_ptr(buf.as_ptr()) }
            .to_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let status = boundary("xh_test", || panic!("boom {}", 42));
        assert_eq!(status, xh_status::Panic);
        assert_eq!(
            last_error(),
            "internal error (panic) in xh_test: boom 42; this is a bug in xuhui"
        );
        assert_eq!(boundary_value(7, || -> i32 { panic!("static") }), 7);
        assert!(last_error().contains("static"));
    }

    #[test]
    fn failures_set_status_and_message() {
        let s = boundary("f", || Err(Failure::Null("out")));
        assert_eq!(s, xh_status::NullArgument);
        assert_eq!(last_error(), "out must not be NULL");
        let s = boundary("f", || {
            Err(xh_core::cagr(-3.0, 5.0, 1.0).unwrap_err().into())
        });
        assert_eq!(s, xh_status::OutOfDomain);
        assert_eq!(last_error(), "start must be positive and finite, got -3");
    }
}
