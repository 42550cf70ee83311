//! The CSV observation loader on arbitrary bytes: no panic, and a failed
//! load leaves the catalog exactly as it was.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut cat = xh_core::catalog::embedded().clone();
    match cat.add_observations_csv_bytes(data) {
        Ok(n) => {
            let before = xh_core::catalog::embedded().figures().count();
            assert_eq!(cat.figures().count(), before + n);
        }
        Err(e) => {
            assert_eq!(&cat, xh_core::catalog::embedded());
            assert!(e.to_string().contains("line"), "{e}");
        }
    }
});
