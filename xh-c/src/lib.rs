//! C ABI for xh-core (placeholder; see issue 6).
