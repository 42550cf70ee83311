//! `chain = ∏(1 + rᵢ) − 1` for rates that passed the argument checks,
//! within one ulp of the exact value for every input.
//!
//! A sum of logarithms, `expm1(Σ ln_1p(rᵢ))`, loses the result when gains
//! and losses cancel: each logarithm's error is relative to itself, and
//! the result can be many orders of magnitude smaller than the terms
//! (`[0.25, -0.2]` is `-1.4e-17`, from terms of ±0.22). So the product
//! itself is formed: `1 + rᵢ` is an exact double-double, the running
//! product a double-double with its exponent kept apart (it never over- or
//! underflows), and `p − 1` is exact where it cancels. That is enough
//! unless the product lies within about `n·2^-46` of 1; then the product
//! is formed again as an expansion (an unevaluated sum of as many doubles
//! as it needs, [`math::scale_expansion`]), first to about 250 bits, and
//! if even that cannot tell `p − 1` apart from its error, to about 1890
//! bits, beyond which no double result could change.

use crate::math::{self, fast_two_sum, frexp_pos, pow2_pair, two_prod, two_sum};

/// A product `(hi + lo) · 2^exp` with `hi ∈ [1, 2]`, `|lo| ≤ ulp(hi)/2`.
#[derive(Clone, Copy)]
struct Product {
    hi: f64,
    lo: f64,
    exp: f64,
}

impl Product {
    const ONE: Product = Product {
        hi: 1.0,
        lo: 0.0,
        exp: 0.0,
    };

    /// `self · (m + l) · 2^e` for `m ∈ [1, 2]`, `|l| ≤ 2^-52`. The relative
    /// error added is below 2^-100: the two-product is exact, the cross
    /// terms are below 2^-51 of the result and rounded once each, and
    /// `lo · l` (below 2^-104) is dropped.
    #[inline(always)]
    fn mul(self, (m, l, e): (f64, f64, f64)) -> Product {
        let (p, p_low) = two_prod(self.hi, m);
        let p_low = p_low + self.hi.mul_add(l, self.lo * m);
        let (h, low) = fast_two_sum(p, p_low);
        // h ∈ [1, 4]: halve it (exactly) back into [1, 2].
        let big = h >= 2.0;
        let s = if big { 0.5 } else { 1.0 };
        Product {
            hi: h * s,
            lo: low * s,
            exp: self.exp + e + if big { 1.0 } else { 0.0 },
        }
    }

    fn as_factor(self) -> (f64, f64, f64) {
        (self.hi, self.lo, self.exp)
    }
}

/// `1 + r` for `r > −1` as `(m, l, e)` with `1 + r = (m + l) · 2^e` exactly,
/// `m ∈ [1, 2)`, `|l| ≤ ulp(m)/2`.
///
/// `1 + r ≥ 2^-53` is positive and normal, and `l`, the rounding error of
/// `1 + r`, scales by `2^-e` exactly: it is 0 for `r ≤ −0.5` (Sterbenz),
/// scaled by 1 or 2 for `r < 1`, and otherwise a multiple of 2^-52 that is
/// 1 when `r ≥ 2^54` (so at least `2^-1023` after scaling).
#[inline(always)]
fn factor(r: f64) -> (f64, f64, f64) {
    let (h, l) = two_sum(1.0, r);
    let (m, e) = frexp_pos(h);
    let (p1, p2) = pow2_pair(-e);
    (m, (l * p1) * p2, e)
}

/// `∏(1 + rᵢ) − 1` for finite `rᵢ > −1`, rounded once (within one ulp,
/// in practice within 0.5 ulp + 2^-50 ulp); `inf` when it overflows.
pub(crate) fn chain(rates: &[f64]) -> f64 {
    match rates {
        [] => 0.0,
        [r] => *r,
        _ => with_fma(rates),
    }
}

/// [`chain_kernel`] with FMA enabled when the CPU has it (same bits).
fn with_fma(rates: &[f64]) -> f64 {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "fma")]
        fn fma(rates: &[f64]) -> f64 {
            chain_kernel(rates)
        }
        if cfg!(target_feature = "fma") || std::arch::is_x86_feature_detected!("fma") {
            // SAFETY: the CPU supports FMA (checked just above).
            return unsafe { fma(rates) };
        }
    }
    chain_kernel(rates)
}

/// Two to the power 45: the fast product is kept when its error bound,
/// `n · 2^-100` of the product, is below `2^-55` of the result.
const FAST_MARGIN: f64 = 35_184_372_088_832.0;

#[inline(always)]
fn chain_kernel(rates: &[f64]) -> f64 {
    let (c, sure) = chain_fast(rates);
    if sure {
        return c;
    }
    precise(rates, 250)
        .or_else(|| precise(rates, 1890))
        .unwrap_or(c)
}

/// `p − 1` from the double-double product, and whether its error bound
/// keeps it within a quarter of an ulp.
#[inline(always)]
fn chain_fast(rates: &[f64]) -> (f64, bool) {
    // Four independent running products, so consecutive multiplications
    // overlap instead of waiting for each other; combined in a fixed
    // order, so the result does not depend on anything but the input.
    let mut lanes = [Product::ONE; 4];
    let mut chunks = rates.chunks_exact(4);
    for c in &mut chunks {
        for k in 0..4 {
            lanes[k] = lanes[k].mul(factor(c[k]));
        }
    }
    for (k, &r) in chunks.remainder().iter().enumerate() {
        lanes[k] = lanes[k].mul(factor(r));
    }
    let p = lanes[0]
        .mul(lanes[1].as_factor())
        .mul(lanes[2].as_factor())
        .mul(lanes[3].as_factor());

    let (p1, p2) = pow2_pair(p.exp);
    let vh = (p.hi * p1) * p2;
    if vh == f64::INFINITY {
        return (vh, true);
    }
    let vl = (p.lo * p1) * p2;
    // vh − 1 is exact for vh ∈ [0.5, 2] (where it may cancel); elsewhere
    // its rounding error t is kept.
    let (s, t) = two_sum(vh, -1.0);
    let c = s + (t + vl);
    let steps = rates.len() as f64 + 3.0;
    (c, vh * steps <= c.abs() * FAST_MARGIN)
}

/// The product as an expansion scaled so that its largest component lies
/// in `[2^899, 2^901)`; components below `2^(900 − bits)` are dropped.
/// Returns `p − 1`, or `None` when the product is too far from 1 for this
/// path (never the case when the fast one gave way) or, for `bits < 1890`,
/// when the dropped parts could still change the result.
#[cold]
fn precise(rates: &[f64], bits: i32) -> Option<f64> {
    const TOP: f64 = 900.0;
    let (f1, f2) = pow2_pair(TOP - f64::from(bits));
    let floor = f1 * f2;
    let (t1, t2) = pow2_pair(TOP);
    let two_top = t1 * t2;
    let mut e = vec![two_top];
    let mut scale = -TOP;
    let (mut a, mut b, mut next) = (Vec::new(), Vec::new(), Vec::new());
    // The dropped parts, relative to the product at the time.
    let mut lost = 0.0f64;
    for &r in rates {
        let (m, l, fe) = factor(r);
        math::scale_expansion(&e, m, &mut a);
        math::scale_expansion(&e, l, &mut b);
        math::expansion_sum(&a, &b, &mut next);
        scale += fe;
        let top = next.iter().fold(0.0f64, |acc, x| acc.max(x.abs()));
        if top == 0.0 {
            return None;
        }
        let shift = TOP - frexp_pos(top).1;
        let (s1, s2) = pow2_pair(shift);
        scale -= shift;
        let mut dropped = 0.0;
        next.retain(|x| {
            let keep = x.abs() >= floor;
            if !keep {
                dropped += x.abs();
            }
            keep
        });
        for x in next.iter_mut() {
            *x = (*x * s1) * s2;
        }
        // Products that fell below the smallest normal double were
        // rounded: at most 2^-1074 each, far below `floor`.
        let rounded = (a.len() + b.len()) as f64 * f64::MIN_POSITIVE;
        lost += (dropped + rounded) * 2.0 / top;
        std::mem::swap(&mut e, &mut next);
    }
    // p − 1 = (Σ e − 2^-scale) · 2^scale.
    let k = -scale;
    if !(-1000.0..=1000.0).contains(&k) {
        return None;
    }
    let (k1, k2) = pow2_pair(k);
    math::expansion_sum(&e, &[-(k1 * k2)], &mut next);
    let v = math::expansion_value(&next);
    // The product's error, in the scaled units of `v` (the largest
    // component stays below 2^901).
    let bound = lost * 2.0 * two_top;
    if bits < 1890 && bound > v.abs() * 2f64.powi(-55) {
        return None;
    }
    let (s1, s2) = pow2_pair(scale);
    Some((v * s1) * s2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_are_exact() {
        for &r in &[
            0.1,
            -0.1,
            1e-300,
            -1e-300,
            5e-324,
            -0.999_999_999_999_999_9,
            f64::MAX,
            1e300,
            2f64.powi(54),
            2f64.powi(53) + 2.0,
            3.0,
        ] {
            let (m, l, e) = factor(r);
            assert!((1.0..2.0).contains(&m), "{r:e}");
            // (m + l)·2^e − 1 − r == 0, checked in an expansion (each
            // input ordered by magnitude).
            let (p1, p2) = pow2_pair(e);
            let mut sum = Vec::new();
            let ones = if r.abs() < 1.0 {
                [-r, -1.0]
            } else {
                [-1.0, -r]
            };
            math::expansion_sum(&[(l * p1) * p2, (m * p1) * p2], &ones, &mut sum);
            assert!(sum.is_empty(), "{r:e}: {sum:?}");
        }
    }

    #[test]
    fn cancelling_products_come_out_exact() {
        // (1 + 0.25)(1 − 0.2) = 1 + 1.25·(−0.2 − fl(−0.2))… exactly
        // −1.3877787807814457e-17 (0.2 is not a double).
        assert_eq!(chain(&[0.25, -0.2]), -1.3877787807814457e-17);
        // Products of powers of two are exact: (1.5)(0.5)(4/3 rounded)…
        assert_eq!(chain(&[1.0, -0.5]), 0.0);
        assert_eq!(chain(&[1.0, -0.5, 1.0, -0.5]), 0.0);
        assert_eq!(chain(&[0.5, -0.5]), -0.25);
    }

    fn ulps(a: f64, b: f64) -> u64 {
        let key = |x: f64| {
            let i = x.to_bits() as i64;
            if i < 0 {
                i64::MIN - i
            } else {
                i
            }
        };
        key(a).abs_diff(key(b))
    }

    /// The fast double-double product (with its bound deciding when to
    /// fall back) against the 1890-bit expansion, on sequences of up to
    /// 40 rates, half of them ending with a rate that undoes the others
    /// (the product is then 1 within about 2^-53).
    #[test]
    fn the_fast_product_agrees_with_the_exact_one() {
        let mut rng = crate::test_rng::Rng(11);
        let (mut fell_back, mut worst) = (0, 0);
        for i in 0..4_000 {
            let n = 2 + (rng.u() * 39.0) as usize;
            let mut rates: Vec<f64> = (0..n).map(|_| rng.u() * 0.6 - 0.3).collect();
            if i % 2 == 0 {
                let p: f64 = rates[..n - 1].iter().map(|r| 1.0 + r).product();
                rates[n - 1] = 1.0 / p - 1.0;
            }
            let exact = precise(&rates, 1890).unwrap();
            let got = chain(&rates);
            let d = ulps(got, exact);
            worst = worst.max(d);
            assert!(d <= 1, "{rates:?}: {got:e} against {exact:e}");
            fell_back += usize::from(!chain_fast(&rates).1);
        }
        eprintln!("chain: {fell_back} of 4000 took the exact path; worst {worst} ulp");
        assert!(fell_back > 1_000 && fell_back < 3_000, "{fell_back}");
    }

    #[test]
    fn long_cancelling_chains() {
        let rates: Vec<f64> = [0.25, -0.2].repeat(1_000);
        let exact = precise(&rates, 1890).unwrap();
        assert!(ulps(chain(&rates), exact) <= 1);
        // Each pair is 1 − 1.39e-17; two thousand rates.
        assert!((chain(&rates) / (1_000.0 * -1.3877787807814457e-17) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn overflow_and_underflow() {
        assert_eq!(chain(&[1e300, 1e300]), f64::INFINITY);
        assert_eq!(
            chain(&[-0.999_999, -0.999_999, -0.999_999, -0.999_999]),
            -1.0
        );
        let long = vec![0.3; 3000];
        assert_eq!(chain(&long), f64::INFINITY);
        let long = vec![-0.3; 3000];
        assert_eq!(chain(&long), -1.0);
    }
}
