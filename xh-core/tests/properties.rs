//! Property tests: no input panics or returns NaN/inf, and the functions
//! invert each other.

use proptest::prelude::*;
use xh_core::batch::{self, ErrorPolicy};
use xh_core::{
    annualize, cagr, chain, cumulate, doubling_time, implied_previous, project, years_to_reach,
};

/// Any f64 at all, including NaN, ±inf, ±0, subnormals.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(-1.0),
        Just(5e-324),
        -2.0..2.0f64,
    ]
}

fn level() -> impl Strategy<Value = f64> {
    (1e-6..1e9f64).prop_map(|x| x)
}

fn rate() -> impl Strategy<Value = f64> {
    -0.9..2.0f64
}

fn years() -> impl Strategy<Value = f64> {
    0.25..60.0f64
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(f64::MIN_POSITIVE)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn results_are_finite_or_typed_errors(a in any_f64(), b in any_f64(), c in any_f64()) {
        for v in [
            cagr(a, b, c),
            project(a, b, c),
            years_to_reach(a, b, c),
            annualize(a, b),
            cumulate(a, b),
            implied_previous(a, b),
            doubling_time(a),
            chain(&[a, b, c]),
        ]
        .into_iter()
        .flatten()
        {
            prop_assert!(v.is_finite(), "non-finite Ok({v}) for {a}, {b}, {c}");
        }
    }

    #[test]
    fn error_messages_are_lowercase_and_name_the_value(a in any_f64(), b in any_f64(), c in any_f64()) {
        if let Err(e) = cagr(a, b, c) {
            let msg = e.to_string();
            prop_assert!(msg.chars().next().unwrap().is_lowercase(), "{msg}");
            prop_assert!(msg.starts_with("start") || msg.starts_with("end") || msg.starts_with("years") || msg.starts_with("cagr"), "{msg}");
        }
    }

    #[test]
    fn project_inverts_cagr(s in level(), ratio in 1e-3..1e3f64, n in years()) {
        // Beyond this range a rate close to -1 rounds to -1 itself.
        let e = s * ratio;
        let r = cagr(s, e, n).unwrap();
        let back = project(s, r, n).unwrap();
        // The rate's own rounding is amplified by n: allow n·few ulp.
        prop_assert!(close(back, e, 1e-15 * (4.0 + 2.0 * n * (1.0 + r.abs()))), "{back} vs {e}");
    }

    #[test]
    fn annualize_inverts_cumulate(r in rate(), n in years()) {
        let c = cumulate(r, n);
        prop_assume!(c.is_ok());
        let c = c.unwrap();
        prop_assume!(c > -1.0);
        let back = annualize(c, n).unwrap();
        // Inherent conditioning: c's rounding is relative to 1 + c, and the
        // n-th root divides it by n.
        let tol = f64::EPSILON * (4.0 + 2.0 / (n * (1.0 + c))) * (1.0 + r) + 4.0 * f64::EPSILON * r.abs();
        prop_assert!((back - r).abs() <= tol, "{back} vs {r} (tol {tol})");
    }

    #[test]
    fn years_to_reach_inverts_project(s in level(), r in -0.5..1.0f64, n in years()) {
        prop_assume!(r.abs() > 1e-6);
        let e = project(s, r, n).unwrap();
        prop_assume!(e != s);
        let back = years_to_reach(s, e, r).unwrap();
        prop_assert!(close(back, n, 1e-10), "{back} vs {n}");
    }

    #[test]
    fn chain_matches_cumulate_for_constant_rates(r in rate(), k in 1usize..20) {
        let c1 = chain(&vec![r; k]).unwrap();
        let c2 = cumulate(r, k as f64).unwrap();
        prop_assert!(close(c1, c2, 1e-13) || (c1 - c2).abs() < 1e-15, "{c1} vs {c2}");
    }

    #[test]
    fn implied_previous_inverts_growth(v in level(), g in rate()) {
        let base = implied_previous(v, g).unwrap();
        prop_assert!(close(project(base, g, 1.0).unwrap(), v, 4e-16));
    }

    #[test]
    fn batch_equals_scalar_bit_for_bit(xs in proptest::collection::vec((any_f64(), any_f64(), any_f64()), 1..64)) {
        let a: Vec<f64> = xs.iter().map(|t| t.0).collect();
        let b: Vec<f64> = xs.iter().map(|t| t.1).collect();
        let c: Vec<f64> = xs.iter().map(|t| t.2).collect();
        let mut out = vec![0.0; xs.len()];
        batch::cagr(&a, &b, &c, &mut out, ErrorPolicy::Nan).unwrap();
        for i in 0..xs.len() {
            match cagr(a[i], b[i], c[i]) {
                Ok(v) => prop_assert_eq!(v.to_bits(), out[i].to_bits()),
                Err(_) => prop_assert!(out[i].is_nan()),
            }
        }
        let raised = batch::cagr(&a, &b, &c, &mut out, ErrorPolicy::Raise);
        let first_bad = (0..xs.len()).find(|&i| cagr(a[i], b[i], c[i]).is_err());
        match (raised, first_bad) {
            (Ok(()), None) => {}
            (Err(xh_core::Error::AtIndex { index, .. }), Some(i)) => prop_assert_eq!(index, i),
            (r, f) => prop_assert!(false, "{r:?} vs first bad {f:?}"),
        }
    }
}

#[test]
fn large_batches_split_across_threads_give_the_same_bits() {
    let n = batch::PARALLEL_THRESHOLD * 3 + 17;
    let start: Vec<f64> = (0..n).map(|i| 1.0 + i as f64).collect();
    let end: Vec<f64> = (0..n).map(|i| 2.0 + (i as f64) * 1.5).collect();
    let mut out = vec![0.0; n];
    batch::cagr(&start, &end, &[3.5], &mut out, ErrorPolicy::Raise).unwrap();
    for i in (0..n).step_by(997) {
        assert_eq!(
            out[i].to_bits(),
            cagr(start[i], end[i], 3.5).unwrap().to_bits()
        );
    }
    // The first invalid index is reported even when a later chunk also fails.
    let mut bad = start.clone();
    bad[n - 5] = -1.0;
    bad[n / 2] = f64::NAN;
    let err = batch::cagr(&bad, &end, &[3.5], &mut out, ErrorPolicy::Raise).unwrap_err();
    assert!(
        matches!(err, xh_core::Error::AtIndex { index, .. } if index == n / 2),
        "{err}"
    );
}

#[test]
fn broadcasting_rules() {
    let mut out = [0.0; 3];
    let err =
        batch::project(&[1.0, 2.0], &[0.1], &[1.0], &mut out, ErrorPolicy::Raise).unwrap_err();
    assert_eq!(err.to_string(), "start has length 2, expected 1 or 3");
    assert_eq!(
        batch::broadcast_len(&[("a", 1), ("b", 4), ("c", 1)]).unwrap(),
        4
    );
    assert!(batch::broadcast_len(&[("a", 2), ("b", 4)]).is_err());
    assert_eq!(batch::broadcast_len(&[("a", 0), ("b", 1)]).unwrap(), 0);
    let mut empty: [f64; 0] = [];
    batch::project(&[], &[0.1], &[1.0], &mut empty, ErrorPolicy::Raise).unwrap();
}
