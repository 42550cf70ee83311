//! The SDMX-CSV observation loader on arbitrary bytes: no panic, a failed
//! load leaves the catalog exactly as it was, and what loads exports as
//! SDMX-CSV that reads back into the embedded catalog as the same catalog.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let embedded = xh_core::catalog::embedded();
    let mut cat = embedded.clone();
    match cat.add_observations_sdmx_csv_bytes(data) {
        Ok(n) => {
            assert_eq!(cat.figures().count(), embedded.figures().count() + n);
            let mut again = embedded.clone();
            again
                .add_observations_sdmx_csv(&cat.to_sdmx_csv())
                .expect("an export reads back");
            assert_eq!(again, cat);
        }
        Err(e) => {
            assert_eq!(&cat, embedded);
            assert!(e.to_string().contains("line"), "{e}");
        }
    }
});
