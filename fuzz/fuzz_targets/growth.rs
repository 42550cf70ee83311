//! Every growth function on arbitrary bit patterns: a finite result or a
//! typed error, never a panic, NaN or infinity; batch equals scalar.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xh_core::batch::{self, ErrorPolicy};

fuzz_target!(|data: &[u8]| {
    let floats: Vec<f64> = data
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap()))
        .collect();
    if floats.len() < 3 {
        return;
    }
    let (a, b, c) = (floats[0], floats[1], floats[2]);
    let results = [
        xh_core::cagr(a, b, c),
        xh_core::project(a, b, c),
        xh_core::years_to_reach(a, b, c),
        xh_core::annualize(a, b),
        xh_core::cumulate(a, b),
        xh_core::implied_previous(a, b),
        xh_core::doubling_time(a),
        xh_core::chain(&floats),
    ];
    for r in results {
        match r {
            Ok(v) => assert!(v.is_finite(), "non-finite result {v}"),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    let n = floats.len() / 3;
    let (s, rest) = floats.split_at(n);
    let (e, y) = rest.split_at(n);
    let mut out = vec![0.0; n];
    if batch::cagr(s, e, &y[..n], &mut out, ErrorPolicy::Nan).is_ok() {
        for i in 0..n {
            match xh_core::cagr(s[i], e[i], y[i]) {
                Ok(v) => assert_eq!(v.to_bits(), out[i].to_bits()),
                Err(_) => assert!(out[i].is_nan()),
            }
        }
    }
});
