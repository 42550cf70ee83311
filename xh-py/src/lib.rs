//! Python bindings for xh-core (placeholder; see issue 5).
