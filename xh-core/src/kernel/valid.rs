//! Which arguments each kernel accepts: exactly those the argument
//! checks of the matching public function accept. Each check is an
//! unsigned key and a limit, the argument valid exactly when its key is
//! at most the limit, so the batch loops check a whole block with one
//! integer maximum per argument and one comparison at the end
//! (comparisons into masks, reduced per element, had cost a tenth of
//! the kernel's time: `docs/benchmarks-core.md`).

const SIGN: u64 = 1 << 63;
/// Bits of the largest finite double.
const MAX: u64 = f64::MAX.to_bits();

/// `x > 0`, finite: bits in `[1, MAX]` (0 wraps to the top).
#[inline(always)]
fn pos(x: f64) -> (u64, u64) {
    (x.to_bits().wrapping_sub(1), MAX - 1)
}
/// Finite: the bits without the sign, doubled.
#[inline(always)]
pub(crate) fn finite(x: f64) -> (u64, u64) {
    (x.to_bits() << 1, MAX << 1)
}
/// `x ≥ 0` (−0 included), finite: `x + 0` is +0 for −0, and any other
/// negative value has the sign bit set.
#[inline(always)]
fn non_neg(x: f64) -> (u64, u64) {
    ((x + 0.0).to_bits(), MAX)
}
/// `x > −1`, finite. A negative `x` (−0 included) is valid when
/// `|x| < 1`, i.e. its magnitude bits are below 1.0's; moved up by
/// `MAX + 1 − 1.0` they share the limit of the positive values.
#[inline(always)]
fn above_m1(x: f64) -> (u64, u64) {
    let b = x.to_bits();
    // Wraps for positive b, where it is not used.
    let shifted = (b ^ SIGN).wrapping_add(MAX + 1 - 1f64.to_bits());
    (if b >= SIGN { shifted } else { b }, MAX)
}

/// Splits per-argument `(key, limit)` pairs into keys and limits.
#[inline(always)]
fn split<const N: usize>(checks: [(u64, u64); N]) -> ([u64; N], [u64; N]) {
    (checks.map(|c| c.0), checks.map(|c| c.1))
}

/// Whether every key is within its limit.
#[inline(always)]
pub(crate) fn ok<const N: usize>((keys, limits): ([u64; N], [u64; N])) -> bool {
    let mut ok = true;
    for k in 0..N {
        ok &= keys[k] <= limits[k];
    }
    ok
}

#[inline(always)]
pub(crate) fn cagr(start: f64, end: f64, years: f64) -> ([u64; 3], [u64; 3]) {
    split([pos(start), pos(end), pos(years)])
}
#[inline(always)]
pub(crate) fn project(start: f64, rate: f64, years: f64) -> ([u64; 3], [u64; 3]) {
    split([finite(start), above_m1(rate), non_neg(years)])
}
#[inline(always)]
pub(crate) fn years_to_reach(start: f64, target: f64, rate: f64) -> ([u64; 3], [u64; 3]) {
    split([pos(start), pos(target), above_m1(rate)])
}
#[inline(always)]
pub(crate) fn annualize(change: f64, years: f64) -> ([u64; 2], [u64; 2]) {
    split([above_m1(change), pos(years)])
}
#[inline(always)]
pub(crate) fn cumulate(rate: f64, years: f64) -> ([u64; 2], [u64; 2]) {
    split([above_m1(rate), non_neg(years)])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys say exactly what the comparisons say.
    #[test]
    fn keys_match_comparisons() {
        let inf = f64::INFINITY;
        let mut xs = vec![
            0.0,
            -0.0,
            5e-324,
            -5e-324,
            1.0,
            -1.0,
            2.0,
            -2.0,
            0.5,
            -0.5,
            f64::MAX,
            -f64::MAX,
            inf,
            -inf,
            f64::NAN,
            -f64::NAN,
            f64::MIN_POSITIVE,
            1e300,
            -1e-300,
        ];
        for &x in &[1.0f64, -1.0, 0.0, f64::MAX, 5e-324] {
            xs.push(f64::from_bits(x.to_bits().wrapping_add(1)));
            xs.push(f64::from_bits(x.to_bits().wrapping_sub(1)));
        }
        // Random bit patterns: every exponent, both signs, NaN payloads.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            xs.push(f64::from_bits(state));
        }
        let check = |f: fn(f64) -> (u64, u64), x: f64| f(x).0 <= f(x).1;
        for &x in &xs {
            assert_eq!(check(pos, x), (x > 0.0) & (x < inf), "pos {x:e}");
            assert_eq!(check(finite, x), x.is_finite(), "finite {x:e}");
            assert_eq!(check(non_neg, x), (x >= 0.0) & (x < inf), "non_neg {x:e}");
            assert_eq!(check(above_m1, x), (x > -1.0) & (x < inf), "above_m1 {x:e}");
        }
    }
}
