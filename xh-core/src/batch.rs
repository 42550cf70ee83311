//! Batch forms of the element-wise growth functions, over slices.
//!
//! Each function takes its arguments as slices that broadcast: every input
//! has length 1 (a scalar) or `out.len()`. Results go into the caller's
//! `out`, so the Python and C bindings can hand over their own buffers and
//! nothing is copied. `cagr`, `project`, `years_to_reach`, `annualize` and
//! `cumulate` run the same branch-free kernels as the scalar functions in
//! [`crate::growth`], vectorised (AVX-512 or AVX2 with FMA when the CPU has
//! them, chosen at run time, else a portable loop; all give the same bits),
//! so batch and scalar results are bit-identical; the other functions call
//! the scalar function per element.
//!
//! [`ErrorPolicy`] decides what an invalid element does: [`ErrorPolicy::Raise`]
//! returns [`Error::AtIndex`] for the first invalid element (by index, even
//! when the work is split across threads), [`ErrorPolicy::Nan`] writes NaN
//! there and computes the rest.
//!
//! Large inputs are split across the available cores with scoped threads;
//! below [`PARALLEL_THRESHOLD`] elements the call stays on the calling thread.
//!
//! # Examples
//!
//! ```
//! use xh_core::batch::{cagr, ErrorPolicy};
//!
//! let start = [100.0, 60.0, 542.0];
//! let end = [110.0, 118.0, 596.0];
//! let mut out = [0.0; 3];
//! cagr(&start, &end, &[5.0], &mut out, ErrorPolicy::Raise)?;
//! assert_eq!(out[1], xh_core::cagr(60.0, 118.0, 5.0)?);
//!
//! // A bad element: raise names it, nan skips it.
//! let err = cagr(&[1.0, -1.0], &[2.0], &[1.0], &mut [0.0; 2], ErrorPolicy::Raise).unwrap_err();
//! assert_eq!(err.to_string(), "element 1: start must be positive and finite, got -1");
//! let mut out = [0.0; 2];
//! cagr(&[1.0, -1.0], &[2.0], &[1.0], &mut out, ErrorPolicy::Nan)?;
//! assert!(out[0] == 1.0 && out[1].is_nan());
//! # Ok::<(), xh_core::Error>(())
//! ```

use std::str::FromStr;

use crate::error::{Error, Result};
use crate::growth;

/// What a batch call does with an invalid element.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ErrorPolicy {
    /// Fail with [`Error::AtIndex`] for the lowest invalid index.
    #[default]
    Raise,
    /// Write NaN for invalid elements and compute the others.
    Nan,
}

impl FromStr for ErrorPolicy {
    type Err = Error;
    fn from_str(s: &str) -> Result<ErrorPolicy> {
        match s {
            "raise" => Ok(ErrorPolicy::Raise),
            "nan" => Ok(ErrorPolicy::Nan),
            other => Err(Error::InvalidArgument {
                arg: "errors",
                message: format!("expected \"raise\" or \"nan\", got {other:?}"),
            }),
        }
    }
}

/// Inputs at least this long are split across threads.
pub const PARALLEL_THRESHOLD: usize = 1 << 16;

/// Checks that every input broadcasts to `n` elements.
pub fn check_broadcast(n: usize, inputs: &[(&'static str, usize)]) -> Result<()> {
    for &(arg, len) in inputs {
        if len != 1 && len != n {
            return Err(Error::LengthMismatch {
                arg,
                len,
                expected: n,
            });
        }
    }
    Ok(())
}

/// The broadcast length of inputs, each of length 1 or n.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if two inputs longer than 1 differ.
pub fn broadcast_len(inputs: &[(&'static str, usize)]) -> Result<usize> {
    let n = inputs.iter().map(|i| i.1).filter(|&l| l != 1).max();
    let n = n.unwrap_or(if inputs.iter().any(|i| i.1 == 1) {
        1
    } else {
        0
    });
    check_broadcast(n, inputs)?;
    Ok(n)
}

#[inline]
fn at(xs: &[f64], i: usize) -> f64 {
    if xs.len() == 1 {
        xs[0]
    } else {
        xs[i]
    }
}

/// How many threads to use for `n` elements.
fn threads_for(n: usize) -> usize {
    if n >= PARALLEL_THRESHOLD {
        std::thread::available_parallelism()
            .map_or(1, |p| p.get().min(n / (PARALLEL_THRESHOLD / 2)))
    } else {
        1
    }
}

/// Runs `f` over `out[i]` for every `i`, splitting across threads when it
/// pays (for the functions without a vectorised kernel).
fn run<F>(out: &mut [f64], policy: ErrorPolicy, f: F) -> Result<()>
where
    F: Fn(usize) -> Result<f64> + Sync,
{
    run_chunks(out, |offset, part| run_chunk(part, offset, policy, &f))
}

fn run_chunk<F>(out: &mut [f64], offset: usize, policy: ErrorPolicy, f: &F) -> Result<()>
where
    F: Fn(usize) -> Result<f64>,
{
    for (j, slot) in out.iter_mut().enumerate() {
        let index = offset + j;
        match f(index) {
            Ok(v) => *slot = v,
            Err(e) => match policy {
                ErrorPolicy::Nan => *slot = f64::NAN,
                ErrorPolicy::Raise => {
                    return Err(Error::AtIndex {
                        index,
                        source: Box::new(e),
                    })
                }
            },
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Vectorised kernels.
//
// Each block of `BLOCK` elements is computed with the branch-free kernel
// from `growth` (in an AVX-512, AVX2 or baseline build of the same loop,
// chosen at run time), and the loop also checks every input and output. A
// block where some element fails the check is revisited element by
// element through the scalar function, which yields the error (or, for a
// valid element whose kernel value is finite, the same bits). So batch
// results, errors and error indices are exactly those of the scalar
// functions.

/// Elements per block: the unit of validation and of broadcasting.
const BLOCK: usize = 512;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Isa {
    #[cfg(target_arch = "x86_64")]
    Avx512,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    Base,
}

/// The best instruction set this CPU runs, detected once. Setting the
/// environment variable `XH_FORCE_BASELINE` (read on the first batch call)
/// selects the portable loop, for testing and comparison.
fn isa() -> Isa {
    static ISA: std::sync::OnceLock<Isa> = std::sync::OnceLock::new();
    *ISA.get_or_init(detect_isa)
}

fn detect_isa() -> Isa {
    #[cfg(target_arch = "x86_64")]
    {
        if std::env::var_os("XH_FORCE_BASELINE").is_some() {
            return Isa::Base;
        }
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("fma")
        {
            return Isa::Avx512;
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            return Isa::Avx2;
        }
    }
    Isa::Base
}

/// A three-argument element-wise function.
trait Elementwise3 {
    fn valid(a: f64, b: f64, c: f64) -> bool;
    fn kernel(a: f64, b: f64, c: f64) -> f64;
    fn scalar(a: f64, b: f64, c: f64) -> Result<f64>;
}

/// A two-argument element-wise function.
trait Elementwise2 {
    fn valid(a: f64, b: f64) -> bool;
    fn kernel(a: f64, b: f64) -> f64;
    fn scalar(a: f64, b: f64) -> Result<f64>;
}

/// `out[i] = kernel(..)`; `true` if every element is valid with a finite
/// value. All slices have `out.len()` elements.
#[inline(always)]
fn block3<K: Elementwise3>(a: &[f64], b: &[f64], c: &[f64], out: &mut [f64]) -> bool {
    let n = out.len();
    let (a, b, c) = (&a[..n], &b[..n], &c[..n]);
    let mut ok = true;
    for i in 0..n {
        let v = K::kernel(a[i], b[i], c[i]);
        out[i] = v;
        ok &= K::valid(a[i], b[i], c[i]) & (v.abs() < f64::INFINITY);
    }
    ok
}

#[inline(always)]
fn block2<K: Elementwise2>(a: &[f64], b: &[f64], out: &mut [f64]) -> bool {
    let n = out.len();
    let (a, b) = (&a[..n], &b[..n]);
    let mut ok = true;
    for i in 0..n {
        let v = K::kernel(a[i], b[i]);
        out[i] = v;
        ok &= K::valid(a[i], b[i]) & (v.abs() < f64::INFINITY);
    }
    ok
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,fma")]
fn block3_avx512<K: Elementwise3>(a: &[f64], b: &[f64], c: &[f64], out: &mut [f64]) -> bool {
    block3::<K>(a, b, c, out)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn block3_avx2<K: Elementwise3>(a: &[f64], b: &[f64], c: &[f64], out: &mut [f64]) -> bool {
    block3::<K>(a, b, c, out)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,fma")]
fn block2_avx512<K: Elementwise2>(a: &[f64], b: &[f64], out: &mut [f64]) -> bool {
    block2::<K>(a, b, out)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn block2_avx2<K: Elementwise2>(a: &[f64], b: &[f64], out: &mut [f64]) -> bool {
    block2::<K>(a, b, out)
}

#[inline(never)]
fn block3_base<K: Elementwise3>(a: &[f64], b: &[f64], c: &[f64], out: &mut [f64]) -> bool {
    block3::<K>(a, b, c, out)
}

#[inline(never)]
fn block2_base<K: Elementwise2>(a: &[f64], b: &[f64], out: &mut [f64]) -> bool {
    block2::<K>(a, b, out)
}

/// The `[start, end)` part of an input, or of its broadcast buffer.
#[inline]
fn part<'a>(xs: &'a [f64], buf: &'a [f64; BLOCK], start: usize, end: usize) -> &'a [f64] {
    if xs.len() == 1 {
        &buf[..end - start]
    } else {
        &xs[start..end]
    }
}

/// Applies `policy` to element `index` whose scalar result is `r`.
#[inline]
fn settle(slot: &mut f64, index: usize, r: Result<f64>, policy: ErrorPolicy) -> Result<()> {
    match r {
        Ok(v) => *slot = v,
        Err(e) => match policy {
            ErrorPolicy::Nan => *slot = f64::NAN,
            ErrorPolicy::Raise => {
                return Err(Error::AtIndex {
                    index,
                    source: Box::new(e),
                })
            }
        },
    }
    Ok(())
}

fn chunk3<K: Elementwise3>(
    isa: Isa,
    [a, b, c]: [&[f64]; 3],
    offset: usize,
    out: &mut [f64],
    policy: ErrorPolicy,
) -> Result<()> {
    let fill = |xs: &[f64]| [if xs.len() == 1 { xs[0] } else { 0.0 }; BLOCK];
    let (ba, bb, bc) = (fill(a), fill(b), fill(c));
    for (k, ob) in out.chunks_mut(BLOCK).enumerate() {
        let start = offset + k * BLOCK;
        let end = start + ob.len();
        let (sa, sb, sc) = (
            part(a, &ba, start, end),
            part(b, &bb, start, end),
            part(c, &bc, start, end),
        );
        let ok = match isa {
            // SAFETY: `isa()` checked that the CPU has these features.
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => unsafe { block3_avx512::<K>(sa, sb, sc, ob) },
            // SAFETY: as above.
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => unsafe { block3_avx2::<K>(sa, sb, sc, ob) },
            Isa::Base => block3_base::<K>(sa, sb, sc, ob),
        };
        if !ok {
            for (j, slot) in ob.iter_mut().enumerate() {
                let (x, y, z) = (sa[j], sb[j], sc[j]);
                if !(K::valid(x, y, z) && slot.is_finite()) {
                    settle(slot, start + j, K::scalar(x, y, z), policy)?;
                }
            }
        }
    }
    Ok(())
}

fn chunk2<K: Elementwise2>(
    isa: Isa,
    [a, b]: [&[f64]; 2],
    offset: usize,
    out: &mut [f64],
    policy: ErrorPolicy,
) -> Result<()> {
    let fill = |xs: &[f64]| [if xs.len() == 1 { xs[0] } else { 0.0 }; BLOCK];
    let (ba, bb) = (fill(a), fill(b));
    for (k, ob) in out.chunks_mut(BLOCK).enumerate() {
        let start = offset + k * BLOCK;
        let end = start + ob.len();
        let (sa, sb) = (part(a, &ba, start, end), part(b, &bb, start, end));
        let ok = match isa {
            // SAFETY: `isa()` checked that the CPU has these features.
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => unsafe { block2_avx512::<K>(sa, sb, ob) },
            // SAFETY: as above.
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => unsafe { block2_avx2::<K>(sa, sb, ob) },
            Isa::Base => block2_base::<K>(sa, sb, ob),
        };
        if !ok {
            for (j, slot) in ob.iter_mut().enumerate() {
                let (x, y) = (sa[j], sb[j]);
                if !(K::valid(x, y) && slot.is_finite()) {
                    settle(slot, start + j, K::scalar(x, y), policy)?;
                }
            }
        }
    }
    Ok(())
}

/// Splits `out` across threads when it pays and runs `chunk` on each part
/// (with the part's offset); the lowest-index error wins.
fn run_chunks<F>(out: &mut [f64], chunk: F) -> Result<()>
where
    F: Fn(usize, &mut [f64]) -> Result<()> + Sync,
{
    let n = out.len();
    let threads = threads_for(n);
    if threads <= 1 {
        return chunk(0, out);
    }
    let size = n.div_ceil(threads);
    let results: Vec<Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = out
            .chunks_mut(size)
            .enumerate()
            .map(|(k, part)| {
                let chunk = &chunk;
                scope.spawn(move || chunk(k * size, part))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    // Parts are in index order, so the first error is the lowest index.
    results.into_iter().collect()
}

macro_rules! batch3 {
    ($(#[$doc:meta])* $name:ident, $a:ident, $b:ident, $c:ident) => {
        $(#[$doc])*
        ///
        /// # Errors
        ///
        /// [`Error::LengthMismatch`] if an input neither has length 1 nor
        /// `out.len()`; with [`ErrorPolicy::Raise`], [`Error::AtIndex`] for
        /// the first element the scalar function rejects.
        pub fn $name(
            $a: &[f64],
            $b: &[f64],
            $c: &[f64],
            out: &mut [f64],
            policy: ErrorPolicy,
        ) -> Result<()> {
            check_broadcast(
                out.len(),
                &[
                    (stringify!($a), $a.len()),
                    (stringify!($b), $b.len()),
                    (stringify!($c), $c.len()),
                ],
            )?;
            struct K;
            impl Elementwise3 for K {
                #[inline(always)]
                fn valid(a: f64, b: f64, c: f64) -> bool {
                    growth::valid::$name(a, b, c)
                }
                #[inline(always)]
                fn kernel(a: f64, b: f64, c: f64) -> f64 {
                    paste_kernel!($name)(a, b, c)
                }
                fn scalar(a: f64, b: f64, c: f64) -> Result<f64> {
                    growth::$name(a, b, c)
                }
            }
            let isa = isa();
            run_chunks(out, |offset, part| {
                chunk3::<K>(isa, [$a, $b, $c], offset, part, policy)
            })
        }
    };
}

macro_rules! batch2 {
    ($(#[$doc:meta])* $name:ident, $a:ident, $b:ident) => {
        $(#[$doc])*
        ///
        /// # Errors
        ///
        /// [`Error::LengthMismatch`] if an input neither has length 1 nor
        /// `out.len()`; with [`ErrorPolicy::Raise`], [`Error::AtIndex`] for
        /// the first element the scalar function rejects.
        pub fn $name($a: &[f64], $b: &[f64], out: &mut [f64], policy: ErrorPolicy) -> Result<()> {
            check_broadcast(out.len(), &[(stringify!($a), $a.len()), (stringify!($b), $b.len())])?;
            struct K;
            impl Elementwise2 for K {
                #[inline(always)]
                fn valid(a: f64, b: f64) -> bool {
                    growth::valid::$name(a, b)
                }
                #[inline(always)]
                fn kernel(a: f64, b: f64) -> f64 {
                    paste_kernel!($name)(a, b)
                }
                fn scalar(a: f64, b: f64) -> Result<f64> {
                    growth::$name(a, b)
                }
            }
            let isa = isa();
            run_chunks(out, |offset, part| chunk2::<K>(isa, [$a, $b], offset, part, policy))
        }
    };
}

macro_rules! paste_kernel {
    (cagr) => {
        growth::cagr_kernel
    };
    (project) => {
        growth::project_kernel
    };
    (years_to_reach) => {
        growth::years_to_reach_kernel
    };
    (annualize) => {
        growth::annualize_kernel
    };
    (cumulate) => {
        growth::cumulate_kernel
    };
}

batch3!(
    /// [`growth::cagr`] element-wise.
    cagr, start, end, years
);
batch3!(
    /// [`growth::project`] element-wise.
    project, start, rate, years
);
batch3!(
    /// [`growth::years_to_reach`] element-wise.
    years_to_reach, start, target, rate
);
batch2!(
    /// [`growth::annualize`] element-wise.
    annualize, cumulative_change, years
);
batch2!(
    /// [`growth::cumulate`] element-wise.
    cumulate, rate, years
);

/// [`growth::implied_previous`] element-wise.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if an input neither has length 1 nor
/// `out.len()`; with [`ErrorPolicy::Raise`], [`Error::AtIndex`] for the
/// first element the scalar function rejects.
pub fn implied_previous(
    current: &[f64],
    growth: &[f64],
    out: &mut [f64],
    policy: ErrorPolicy,
) -> Result<()> {
    check_broadcast(
        out.len(),
        &[("current", current.len()), ("growth", growth.len())],
    )?;
    run(out, policy, |i| {
        growth::implied_previous(at(current, i), at(growth, i))
    })
}

/// [`growth::doubling_time`] element-wise.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `rate` neither has length 1 nor
/// `out.len()`; with [`ErrorPolicy::Raise`], [`Error::AtIndex`] for the
/// first element the scalar function rejects.
pub fn doubling_time(rate: &[f64], out: &mut [f64], policy: ErrorPolicy) -> Result<()> {
    check_broadcast(out.len(), &[("rate", rate.len())])?;
    run(out, policy, |i| growth::doubling_time(at(rate, i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Rng(u64);
    impl Rng {
        fn u(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
        }
        /// Mostly ordinary values, some extreme, some invalid.
        fn any(&mut self) -> f64 {
            let k = self.u();
            if k < 0.6 {
                self.u() * 3.0 - 0.95
            } else if k < 0.9 {
                10f64.powf(self.u() * 600.0 - 300.0)
            } else {
                [0.0, -1.0, 1.0, f64::NAN, f64::INFINITY, 5e-324, -0.0, 1e-17]
                    [(self.u() * 8.0) as usize]
            }
        }
    }

    /// Every instruction-set variant of the loop gives the same bits.
    fn same_bits<K: Elementwise3>() {
        let mut rng = Rng(7);
        let n = 20_000;
        let a: Vec<f64> = (0..n).map(|_| rng.any()).collect();
        let b: Vec<f64> = (0..n).map(|_| rng.any()).collect();
        let c: Vec<f64> = (0..n).map(|_| rng.any()).collect();
        let mut base = vec![0.0; n];
        block3_base::<K>(&a, &b, &c, &mut base);
        for (i, v) in base.iter().enumerate() {
            assert_eq!(v.to_bits(), K::kernel(a[i], b[i], c[i]).to_bits());
        }
        #[cfg(target_arch = "x86_64")]
        {
            let mut out = vec![0.0; n];
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                // SAFETY: features checked just above.
                unsafe { block3_avx2::<K>(&a, &b, &c, &mut out) };
                for i in 0..n {
                    assert_eq!(out[i].to_bits(), base[i].to_bits(), "avx2 #{i}");
                }
            }
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512dq")
                && std::arch::is_x86_feature_detected!("fma")
            {
                // SAFETY: features checked just above.
                unsafe { block3_avx512::<K>(&a, &b, &c, &mut out) };
                for i in 0..n {
                    assert_eq!(out[i].to_bits(), base[i].to_bits(), "avx512 #{i}");
                }
            }
        }
    }

    macro_rules! k3 {
        ($t:ident, $kernel:path, $valid:path) => {
            struct $t;
            impl Elementwise3 for $t {
                fn valid(a: f64, b: f64, c: f64) -> bool {
                    $valid(a, b, c)
                }
                fn kernel(a: f64, b: f64, c: f64) -> f64 {
                    $kernel(a, b, c)
                }
                fn scalar(_: f64, _: f64, _: f64) -> Result<f64> {
                    unreachable!()
                }
            }
        };
    }
    k3!(Cagr, growth::cagr_kernel, growth::valid::cagr);
    k3!(Project, growth::project_kernel, growth::valid::project);
    k3!(
        Ytr,
        growth::years_to_reach_kernel,
        growth::valid::years_to_reach
    );
    k3!(Ann, two::annualize, two::ok);
    k3!(Cum, two::cumulate, two::ok);
    mod two {
        pub(super) fn annualize(a: f64, b: f64, _: f64) -> f64 {
            crate::growth::annualize_kernel(a, b)
        }
        pub(super) fn cumulate(a: f64, b: f64, _: f64) -> f64 {
            crate::growth::cumulate_kernel(a, b)
        }
        pub(super) fn ok(_: f64, _: f64, _: f64) -> bool {
            true
        }
    }

    #[test]
    fn instruction_set_variants_agree_bit_for_bit() {
        same_bits::<Cagr>();
        same_bits::<Project>();
        same_bits::<Ytr>();
        same_bits::<Ann>();
        same_bits::<Cum>();
    }
}
