//! `xh_status`, the calling thread's last error message, and the status tags.

use std::cell::RefCell;
use std::ffi::{c_char, c_uint, CStr};

use xh_core::ErrorKind;

use crate::ffi::boundary_value;

/// The result of every fallible `xh_*` function.
///
/// `XH_STATUS_OK` is 0. Every other code is explicit and is never reused or
/// renumbered: new codes are only ever added.
///
/// * 1–99: errors of the C interface itself (a NULL pointer, a buffer too
///   small, text that is not UTF-8, a panic caught at the boundary);
/// * 100 and up: one code per xuhui error kind, in the order of the Rust
///   `xh_core::ErrorKind` enum. `xh_status_name` gives the same tag the
///   Rust and Python bindings use, e.g. `"out_of_domain"`.
///
/// After any status other than `XH_STATUS_OK`, `xh_last_error_message`
/// returns a readable message, e.g. `start must be positive and finite,
/// got -3`.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum xh_status {
    /// Success: the out-pointers have been written.
    Ok = 0,
    /// A pointer argument that must not be NULL was NULL.
    NullArgument = 1,
    /// A Rust panic was caught at the boundary. This is a bug in xuhui;
    /// please report it with the message from `xh_last_error_message`.
    Panic = 2,
    /// The caller's buffer is too small. The size needed, including the
    /// terminating NUL, was written to the function's `needed` out-pointer.
    BufferTooSmall = 3,
    /// A `const char *` argument is not valid UTF-8.
    InvalidUtf8 = 4,
    /// An error kind this version of the C interface does not know (reserved;
    /// should not occur).
    Unknown = 5,
    /// A numeric argument is NaN or ±infinity (`non_finite`).
    NonFinite = 100,
    /// A finite numeric argument is outside the function's domain
    /// (`out_of_domain`).
    OutOfDomain = 101,
    /// The target can never be reached from the start at the given rate
    /// (`unreachable`).
    Unreachable = 102,
    /// The mathematically defined result does not fit in a `double`
    /// (`overflow`).
    Overflow = 103,
    /// A sequence argument is empty where at least one element is needed
    /// (`empty_input`).
    EmptyInput = 104,
    /// Array arguments that must broadcast together have incompatible
    /// lengths (`length_mismatch`).
    LengthMismatch = 105,
    /// A unit text that xuhui does not know (`unknown_unit`).
    UnknownUnit = 106,
    /// A conversion between units of different dimensions, e.g. hectares to
    /// yuan (`unit_mismatch`).
    UnitMismatch = 107,
    /// A conversion between currencies without an exchange rate
    /// (`exchange_rate_required`).
    ExchangeRateRequired = 108,
    /// No indicator or figure with this id (`unknown_id`).
    UnknownId = 109,
    /// The catalog is malformed or inconsistent (`invalid_catalog`).
    InvalidCatalog = 110,
    /// User observations failed validation (`invalid_observations`).
    InvalidObservations = 111,
    /// A comparable-price target compared with current-price observations,
    /// or the reverse (`price_basis_mismatch`).
    PriceBasisMismatch = 112,
    /// A year out of range, or a period that ends before it starts
    /// (`invalid_year`).
    InvalidYear = 113,
    /// A non-numeric argument is invalid, e.g. an unknown error policy
    /// (`invalid_argument`).
    InvalidArgument = 114,
}

/// Every status, in code order.
const ALL: [xh_status; 21] = [
    xh_status::Ok,
    xh_status::NullArgument,
    xh_status::Panic,
    xh_status::BufferTooSmall,
    xh_status::InvalidUtf8,
    xh_status::Unknown,
    xh_status::NonFinite,
    xh_status::OutOfDomain,
    xh_status::Unreachable,
    xh_status::Overflow,
    xh_status::EmptyInput,
    xh_status::LengthMismatch,
    xh_status::UnknownUnit,
    xh_status::UnitMismatch,
    xh_status::ExchangeRateRequired,
    xh_status::UnknownId,
    xh_status::InvalidCatalog,
    xh_status::InvalidObservations,
    xh_status::PriceBasisMismatch,
    xh_status::InvalidYear,
    xh_status::InvalidArgument,
];

impl xh_status {
    /// The status for an xh-core error kind.
    pub fn from_kind(kind: ErrorKind) -> xh_status {
        match kind {
            ErrorKind::NonFinite => xh_status::NonFinite,
            ErrorKind::OutOfDomain => xh_status::OutOfDomain,
            ErrorKind::Unreachable => xh_status::Unreachable,
            ErrorKind::Overflow => xh_status::Overflow,
            ErrorKind::EmptyInput => xh_status::EmptyInput,
            ErrorKind::LengthMismatch => xh_status::LengthMismatch,
            ErrorKind::UnknownUnit => xh_status::UnknownUnit,
            ErrorKind::UnitMismatch => xh_status::UnitMismatch,
            ErrorKind::ExchangeRateRequired => xh_status::ExchangeRateRequired,
            ErrorKind::UnknownId => xh_status::UnknownId,
            ErrorKind::InvalidCatalog => xh_status::InvalidCatalog,
            ErrorKind::InvalidObservations => xh_status::InvalidObservations,
            ErrorKind::PriceBasisMismatch => xh_status::PriceBasisMismatch,
            ErrorKind::InvalidYear => xh_status::InvalidYear,
            ErrorKind::InvalidArgument => xh_status::InvalidArgument,
            // ErrorKind is non_exhaustive; a test keeps this arm unreachable
            // for every kind in ErrorKind::ALL.
            _ => xh_status::Unknown,
        }
    }

    /// The status with this code, if any.
    pub fn from_code(code: c_uint) -> Option<xh_status> {
        ALL.into_iter().find(|s| *s as c_uint == code)
    }

    /// The stable tag: `"ok"`, `"null_argument"`, … and for the codes from
    /// 100 up exactly `ErrorKind::as_str`.
    pub fn name(self) -> &'static CStr {
        match self {
            xh_status::Ok => c"ok",
            xh_status::NullArgument => c"null_argument",
            xh_status::Panic => c"panic",
            xh_status::BufferTooSmall => c"buffer_too_small",
            xh_status::InvalidUtf8 => c"invalid_utf8",
            xh_status::Unknown => c"unknown",
            xh_status::NonFinite => c"non_finite",
            xh_status::OutOfDomain => c"out_of_domain",
            xh_status::Unreachable => c"unreachable",
            xh_status::Overflow => c"overflow",
            xh_status::EmptyInput => c"empty_input",
            xh_status::LengthMismatch => c"length_mismatch",
            xh_status::UnknownUnit => c"unknown_unit",
            xh_status::UnitMismatch => c"unit_mismatch",
            xh_status::ExchangeRateRequired => c"exchange_rate_required",
            xh_status::UnknownId => c"unknown_id",
            xh_status::InvalidCatalog => c"invalid_catalog",
            xh_status::InvalidObservations => c"invalid_observations",
            xh_status::PriceBasisMismatch => c"price_basis_mismatch",
            xh_status::InvalidYear => c"invalid_year",
            xh_status::InvalidArgument => c"invalid_argument",
        }
    }
}

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Records `message` as the calling thread's last error.
pub(crate) fn set_last_error(message: String) {
    // During thread teardown the slot may be gone; the message is then lost,
    // which is harmless (nobody can ask for it any more).
    let _ = LAST_ERROR.try_with(|slot| {
        if let Ok(mut s) = slot.try_borrow_mut() {
            *s = message;
        }
    });
}

/// Copies the calling thread's last error message into `buf`.
///
/// The message describes the most recent call on this thread that returned
/// a status other than `XH_STATUS_OK`, e.g. `start must be positive and
/// finite, got -3`. Successful calls do not clear it (as with `errno`), so
/// read it only right after a failure. It is the empty string if no call on
/// this thread has failed yet. The text is UTF-8 and may contain Chinese
/// (unit names such as 亿元).
///
/// At most `len - 1` bytes are copied, cut at a UTF-8 character boundary,
/// and `buf` is always NUL-terminated when `len > 0`. Nothing is written
/// when `buf` is NULL or `len` is 0, which makes a size query:
///
/// ```c
/// size_t need = xh_last_error_message(NULL, 0);
/// char *msg = malloc(need);
/// xh_last_error_message(msg, need);
/// ```
///
/// Returns the buffer size needed for the whole message, including the
/// terminating NUL (so at least 1). If the result is larger than `len`, the
/// copy was truncated.
#[no_mangle]
pub unsafe extern "C" fn xh_last_error_message(buf: *mut c_char, len: usize) -> usize {
    boundary_value(0, || {
        LAST_ERROR
            .try_with(|slot| {
                let msg = slot.borrow();
                let bytes = msg.as_bytes();
                if !buf.is_null() && len > 0 {
                    let mut n = bytes.len().min(len - 1);
                    while n > 0 && !msg.is_char_boundary(n) {
                        n -= 1;
                    }
                    // SAFETY: the caller promises `buf` holds `len` bytes,
                    // and n + 1 <= len.
                    unsafe {
                        std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf.cast::<u8>(), n);
                        *buf.add(n) = 0;
                    }
                }
                bytes.len() + 1
            })
            .unwrap_or(1)
    })
}

/// The stable, static, NUL-terminated tag of a status code: `"ok"`,
/// `"null_argument"`, `"panic"`, `"buffer_too_small"`, `"invalid_utf8"`,
/// and for the codes from 100 up the xuhui error kind, e.g.
/// `"out_of_domain"`, exactly as the Rust and Python bindings and the shared
/// test vectors spell it. An unknown code gives `"unknown"`.
///
/// Never returns NULL; the string must not be freed.
#[no_mangle]
pub extern "C" fn xh_status_name(status: c_uint) -> *const c_char {
    boundary_value(c"unknown".as_ptr(), || {
        xh_status::from_code(status)
            .unwrap_or(xh_status::Unknown)
            .name()
            .as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code_and_tag() {
        let mut seen = std::collections::HashSet::new();
        for kind in ErrorKind::ALL {
            let s = xh_status::from_kind(kind);
            assert_ne!(s, xh_status::Unknown, "{kind} has no status");
            assert!(seen.insert(s), "{kind} shares a status");
            assert_eq!(s.name().to_str().unwrap(), kind.as_str());
            assert!(s as u32 >= 100);
        }
    }

    #[test]
    fn codes_follow_error_kind_order() {
        for (i, kind) in ErrorKind::ALL.into_iter().enumerate() {
            assert_eq!(xh_status::from_kind(kind) as usize, 100 + i);
        }
    }

    #[test]
    fn all_is_complete_and_unique() {
        let codes: std::collections::HashSet<u32> = ALL.iter().map(|s| *s as u32).collect();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(ALL.len(), 6 + ErrorKind::ALL.len());
        for s in ALL {
            assert_eq!(xh_status::from_code(s as u32), Some(s));
        }
        assert_eq!(xh_status::from_code(6), None);
        let unknown = unsafe { CStr::from_ptr(xh_status_name(999)) };
        assert_eq!(unknown, c"unknown");
    }
}
