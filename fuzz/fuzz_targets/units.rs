//! Unit parsing on arbitrary text: parse, and every parsed unit's Chinese
//! and English names parse back to it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xh_core::Unit;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(u) = Unit::parse(text) {
        assert_eq!(Unit::parse(&u.zh()).unwrap(), u);
        assert_eq!(Unit::parse(&u.en()).unwrap(), u);
        let _ = u.convert(1.0, u.dimension_base());
    }
});
