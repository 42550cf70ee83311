//! The vectorised block engine: runs a [`Staged`] kernel over a block of
//! `BLOCK` elements one stage at a time, in an AVX-512, AVX2 or baseline
//! build of the same loops chosen at run time, then checks every input and
//! output of the block at once.
//!
//! A block where some element fails the check is revisited element by
//! element through the scalar function, which yields the error (or, for a
//! valid element whose kernel value is finite, the same bits). So batch
//! results, errors and error indices are exactly those of the scalar
//! functions. Why the loops are staged, split into functions of their own
//! and the block is 128 elements: `docs/benchmarks-core.md`.

use super::policy::{settle, ErrorPolicy};
use crate::error::Result;
use crate::kernel::{valid, Mid, Staged};

/// Elements per block: the unit of validation and of broadcasting. Small
/// enough for a block's inputs, output and stage values to stay in the L1
/// cache between the stage loops (`docs/benchmarks-core.md` compares sizes).
pub(super) const BLOCK: usize = 128;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Isa {
    #[cfg(target_arch = "x86_64")]
    Avx512,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    Base,
}

/// The best instruction set this CPU runs, detected once. Setting the
/// environment variable `XH_FORCE_BASELINE` (read on the first batch call)
/// selects the portable loop, for testing and comparison.
pub(super) fn isa() -> Isa {
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

/// An element-wise function of `N` arguments with a staged kernel.
pub(super) trait Elementwise<const N: usize> {
    type Kernel: Staged<N>;
    /// The arguments' validity keys and limits (see [`valid`]).
    fn checks(args: [f64; N]) -> ([u64; N], [u64; N]);
    #[inline(always)]
    fn valid(args: [f64; N]) -> bool {
        valid::ok(Self::checks(args))
    }
    fn scalar(args: [f64; N]) -> Result<f64>;
}

/// A row of [`Stages`]: one block, plus padding so that no two rows are a
/// multiple of 4 KiB apart (loads from one row could then be mistaken for
/// dependent on stores to another).
const ROW: usize = BLOCK + 8;

/// One block's [`Mid`] values between stages, a row per slot.
struct Stages {
    rows: [[f64; ROW]; 5],
}

/// A thread's working space for the block loops.
struct Scratch {
    stages: Stages,
    /// Block-sized copies of broadcast (length-1) inputs.
    broadcast: [[f64; BLOCK]; 3],
}

impl Scratch {
    fn new() -> Box<Scratch> {
        Box::new(Scratch {
            stages: Stages {
                rows: [[0.0; ROW]; 5],
            },
            broadcast: [[0.0; BLOCK]; 3],
        })
    }

    /// Runs `f` with this thread's scratch space, allocated on the
    /// thread's first call and then reused, so that short calls do not pay
    /// for allocating and zeroing it.
    fn with<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
        thread_local! {
            static SPARE: std::cell::Cell<Option<Box<Scratch>>> = const { std::cell::Cell::new(None) };
        }
        let mut scratch = SPARE.take().unwrap_or_else(Scratch::new);
        let r = f(&mut scratch);
        SPARE.set(Some(scratch));
        r
    }
}

// A block of at most `BLOCK` elements runs each stage of the kernel over
// the whole block before the next (`kernel::Staged`), keeping the values
// in between in `Stages`; a last loop checks inputs and outputs. Every
// loop is compiled as a function of its own for each instruction set:
// inlined into one function, LLVM interleaves the loops' bodies and spills
// registers (`docs/benchmarks-core.md`).

/// The first `n` elements of every input.
#[inline(always)]
fn heads<const N: usize>(ins: [&[f64]; N], n: usize) -> [&[f64]; N] {
    std::array::from_fn(|k| &ins[k][..n])
}

#[inline(always)]
fn args_at<const N: usize>(ins: &[&[f64]; N], i: usize) -> [f64; N] {
    std::array::from_fn(|k| ins[k][i])
}

/// The first `n` elements of each row.
#[inline(always)]
fn rows(scratch: &mut Stages, n: usize) -> [&mut [f64]; 5] {
    let [r0, r1, r2, r3, r4] = &mut scratch.rows;
    [
        &mut r0[..n],
        &mut r1[..n],
        &mut r2[..n],
        &mut r3[..n],
        &mut r4[..n],
    ]
}

/// Element `i`'s values from the first `width` rows.
#[inline(always)]
fn get(rows: &[&mut [f64]; 5], width: usize, i: usize) -> Mid {
    let mut m = [0.0; 5];
    for k in 0..width {
        m[k] = rows[k][i];
    }
    m
}

/// Stores element `i`'s values in the first `width` rows.
#[inline(always)]
fn put(rows: &mut [&mut [f64]; 5], width: usize, i: usize, m: Mid) {
    for k in 0..width {
        rows[k][i] = m[k];
    }
}

#[inline(always)]
fn start_loop<const N: usize, K: Elementwise<N>>(ins: [&[f64]; N], scratch: &mut Stages) {
    let n = ins[0].len();
    let ins = heads(ins, n);
    let mut rows = rows(scratch, n);
    for i in 0..n {
        put(
            &mut rows,
            K::Kernel::WIDTHS[0],
            i,
            K::Kernel::start(args_at(&ins, i)),
        );
    }
}

/// Middle stage `J` (0 to 3) in place.
#[inline(always)]
fn mid_loop<const N: usize, const J: usize, K: Elementwise<N>>(
    ins: [&[f64]; N],
    scratch: &mut Stages,
) {
    let n = ins[0].len();
    let ins = heads(ins, n);
    let mut rows = rows(scratch, n);
    let (w_in, w_out) = (K::Kernel::WIDTHS[J], K::Kernel::WIDTHS[J + 1]);
    for i in 0..n {
        let (m, args) = (get(&rows, w_in, i), args_at(&ins, i));
        let m = match J {
            0 => K::Kernel::mid0(m, args),
            1 => K::Kernel::mid1(m, args),
            2 => K::Kernel::mid2(m, args),
            _ => K::Kernel::mid3(m, args),
        };
        put(&mut rows, w_out, i, m);
    }
}

/// Which logarithm a block's elements need ([`Staged::light_ok`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Logs {
    Light,
    Full,
    Both,
}

/// Scans a block's arguments for the smallest and largest
/// [`Staged::light_key`] (an unsigned minimum and maximum, which vectorise
/// well), so a block of ordinary inputs runs one `mid0` loop with the light
/// logarithm only.
#[inline(always)]
fn logs_needed<const N: usize, K: Elementwise<N>>(ins: [&[f64]; N]) -> Logs {
    let n = ins[0].len();
    let ins = heads(ins, n);
    let (mut lo, mut hi) = (u64::MAX, 0u64);
    for i in 0..n {
        let key = K::Kernel::light_key(args_at(&ins, i));
        lo = lo.min(key);
        hi = hi.max(key);
    }
    let (min, max) = K::Kernel::LIGHT_KEYS;
    if lo >= min && hi <= max {
        Logs::Light
    } else if hi < min || lo > max {
        Logs::Full
    } else {
        Logs::Both
    }
}

/// The first middle stage in place with the full logarithm (`FULL`), or
/// with both and a choice per element (`!FULL`).
#[inline(always)]
fn mid0_full_loop<const N: usize, const FULL: bool, K: Elementwise<N>>(
    ins: [&[f64]; N],
    scratch: &mut Stages,
) {
    let n = ins[0].len();
    let ins = heads(ins, n);
    let mut rows = rows(scratch, n);
    let (w_in, w_out) = (K::Kernel::WIDTHS[0], K::Kernel::WIDTHS[1]);
    for i in 0..n {
        let (m, args) = (get(&rows, w_in, i), args_at(&ins, i));
        let m = if FULL {
            K::Kernel::mid0_full(m, args)
        } else {
            K::Kernel::mid0_either(m, args)
        };
        put(&mut rows, w_out, i, m);
    }
}

/// The last stage into `out`; `true` if every element is valid with a
/// finite value.
// Indexed loops, like the other stage loops: every slice has length `n`,
// so LLVM drops the bounds checks and vectorises.
#[allow(clippy::needless_range_loop)]
#[inline(always)]
fn finish_loop<const N: usize, K: Elementwise<N>>(
    ins: [&[f64]; N],
    scratch: &mut Stages,
    out: &mut [f64],
) -> bool {
    let n = out.len();
    let ins = heads(ins, n);
    let rows = rows(scratch, n);
    for i in 0..n {
        let m = get(&rows, K::Kernel::WIDTHS[K::Kernel::MIDDLE], i);
        out[i] = K::Kernel::finish(m, args_at(&ins, i));
    }
    // A loop of its own: with this reduction in the loop above, LLVM
    // unrolls that loop twice and spills. The largest key per argument
    // decides for the whole block.
    let mut keys = [0u64; N];
    let mut out_key = 0u64;
    for i in 0..n {
        let (k, _) = K::checks(args_at(&ins, i));
        for j in 0..N {
            keys[j] = keys[j].max(k[j]);
        }
        out_key = out_key.max(valid::finite(out[i]).0);
    }
    let (_, limits) = K::checks([0.0; N]);
    valid::ok((keys, limits)) & (out_key <= valid::finite(0.0).1)
}

/// One instruction-set build of `$block`: computes `out[i]` for a block of
/// at most `BLOCK` elements (every input has `out.len()` elements) and
/// returns `true` if every element is valid with a finite value.
macro_rules! block_function {
    ($block:ident, $(#[$isa:meta])*) => {
        $(#[$isa])*
        fn $block<const N: usize, K: Elementwise<N>>(
            ins: [&[f64]; N],
            out: &mut [f64],
            scratch: &mut Stages,
        ) -> bool {
            $(#[$isa])*
            #[inline(never)]
            fn start<const N: usize, K: Elementwise<N>>(ins: [&[f64]; N], s: &mut Stages) {
                start_loop::<N, K>(ins, s);
            }
            $(#[$isa])*
            #[inline(never)]
            fn mid<const N: usize, const J: usize, K: Elementwise<N>>(
                ins: [&[f64]; N],
                s: &mut Stages,
            ) {
                mid_loop::<N, J, K>(ins, s);
            }
            $(#[$isa])*
            #[inline(never)]
            fn mid0_full<const N: usize, const FULL: bool, K: Elementwise<N>>(
                ins: [&[f64]; N],
                s: &mut Stages,
            ) {
                mid0_full_loop::<N, FULL, K>(ins, s);
            }
            $(#[$isa])*
            #[inline(never)]
            fn finish<const N: usize, K: Elementwise<N>>(
                ins: [&[f64]; N],
                s: &mut Stages,
                out: &mut [f64],
            ) -> bool {
                finish_loop::<N, K>(ins, s, out)
            }
            let ins = heads(ins, out.len());
            start::<N, K>(ins, scratch);
            if K::Kernel::MIDDLE > 0 {
                match logs_needed::<N, K>(ins) {
                    Logs::Light => mid::<N, 0, K>(ins, scratch),
                    Logs::Full => mid0_full::<N, true, K>(ins, scratch),
                    Logs::Both => mid0_full::<N, false, K>(ins, scratch),
                }
            }
            if K::Kernel::MIDDLE > 1 {
                mid::<N, 1, K>(ins, scratch);
            }
            if K::Kernel::MIDDLE > 2 {
                mid::<N, 2, K>(ins, scratch);
            }
            if K::Kernel::MIDDLE > 3 {
                mid::<N, 3, K>(ins, scratch);
            }
            finish::<N, K>(ins, scratch, out)
        }
    };
}

block_function!(
    block_avx512,
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512dq,fma")]
);
block_function!(
    block_avx2,
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
);
block_function!(block_base,);

/// The `[start, end)` part of an input, or of its broadcast buffer.
#[inline]
fn part<'a>(xs: &'a [f64], buf: &'a [f64; BLOCK], start: usize, end: usize) -> &'a [f64] {
    if xs.len() == 1 {
        &buf[..end - start]
    } else {
        &xs[start..end]
    }
}

/// Asks for the next block of every array input to be brought into the
/// cache while this block is computed: each block is read by several
/// stage loops in turn, a pattern the hardware prefetchers follow poorly.
#[inline(always)]
fn prefetch_next<const N: usize>(ins: [&[f64]; N], from: usize) {
    #[cfg(target_arch = "x86_64")]
    for xs in ins {
        if xs.len() > from {
            let next = &xs[from..xs.len().min(from + BLOCK)];
            for line in next.chunks(8) {
                // SAFETY: prefetching is a hint and never faults; the pointer
                // is into a live slice anyway.
                unsafe {
                    std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                        line.as_ptr().cast(),
                    )
                };
            }
        }
    }
}

/// Computes `out`, elements `offset..offset + out.len()` of the result,
/// block by block.
pub(super) fn chunk<const N: usize, K: Elementwise<N>>(
    isa: Isa,
    ins: [&[f64]; N],
    offset: usize,
    out: &mut [f64],
    policy: ErrorPolicy,
) -> Result<()> {
    const { assert!(N <= 3, "Scratch::broadcast has room for three inputs") };
    Scratch::with(|scratch| {
        let Scratch { stages, broadcast } = scratch;
        // A length-1 input is broadcast through a block-sized buffer.
        for (k, xs) in ins.iter().enumerate() {
            if xs.len() == 1 {
                broadcast[k] = [xs[0]; BLOCK];
            }
        }
        blocks::<N, K>(isa, ins, offset, out, policy, stages, broadcast)
    })
}

fn blocks<const N: usize, K: Elementwise<N>>(
    isa: Isa,
    ins: [&[f64]; N],
    offset: usize,
    out: &mut [f64],
    policy: ErrorPolicy,
    scratch: &mut Stages,
    broadcast: &[[f64; BLOCK]; 3],
) -> Result<()> {
    for (j, ob) in out.chunks_mut(BLOCK).enumerate() {
        let start = offset + j * BLOCK;
        let end = start + ob.len();
        let parts: [&[f64]; N] = std::array::from_fn(|k| part(ins[k], &broadcast[k], start, end));
        prefetch_next(ins, end);
        let ok = match isa {
            // SAFETY: `isa()` checked that the CPU has these features.
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => unsafe { block_avx512::<N, K>(parts, ob, scratch) },
            // SAFETY: as above.
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => unsafe { block_avx2::<N, K>(parts, ob, scratch) },
            Isa::Base => block_base::<N, K>(parts, ob, scratch),
        };
        if !ok {
            for (i, slot) in ob.iter_mut().enumerate() {
                let args = args_at(&parts, i);
                if !(K::valid(args) && slot.is_finite()) {
                    settle(slot, start + i, K::scalar(args), policy)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel;

    use crate::test_rng::Rng;

    /// Mostly ordinary values, some extreme, some invalid.
    fn any(rng: &mut Rng) -> f64 {
        let k = rng.u();
        if k < 0.6 {
            rng.u() * 3.0 - 0.95
        } else if k < 0.9 {
            rng.mag(-300.0, 300.0)
        } else {
            [0.0, -1.0, 1.0, f64::NAN, f64::INFINITY, 5e-324, -0.0, 1e-17][(rng.u() * 8.0) as usize]
        }
    }

    /// The same value, or both NaN. (Which NaN comes out for invalid
    /// arguments may differ between the loops and the scalar kernel; it is
    /// never returned: invalid or non-finite elements go through the
    /// scalar function.)
    fn same(x: f64, y: f64) -> bool {
        x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
    }

    /// Every instruction-set build of the staged block loops gives the bits
    /// of the scalar kernel.
    fn same_bits<const N: usize, K: Elementwise<N>>() {
        let mut rng = Rng(7);
        let n = 20_000;
        same_bits_on::<N, K>(std::array::from_fn(|_| {
            (0..n).map(|_| any(&mut rng)).collect()
        }));
    }

    fn same_bits_on<const N: usize, K: Elementwise<N>>(ins: [Vec<f64>; N]) {
        let n = ins[0].len();
        // Blocks of many lengths up to BLOCK, so every loop's vector body
        // and remainder are covered.
        type Block<'a, const N: usize> = &'a mut dyn FnMut([&[f64]; N], &mut [f64], &mut Stages);
        let blocks = |f: Block<'_, N>| {
            let mut out = vec![0.0; n];
            let mut scratch = Scratch::new();
            let (mut i, mut len) = (0, 1);
            while i < n {
                let j = (i + len).min(n);
                f(
                    std::array::from_fn(|k| &ins[k][i..j]),
                    &mut out[i..j],
                    &mut scratch.stages,
                );
                i = j;
                len = (len + 37) % BLOCK + 1;
            }
            out
        };
        let base = blocks(&mut |ins, o, s| {
            block_base::<N, K>(ins, o, s);
        });
        for (i, v) in base.iter().enumerate() {
            let kernel = K::Kernel::kernel(std::array::from_fn(|k| ins[k][i]));
            assert!(same(*v, kernel), "base #{i}: {v:e} vs {kernel:e}");
        }
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                // SAFETY: features checked just above.
                let out = blocks(&mut |ins, o, s| unsafe {
                    block_avx2::<N, K>(ins, o, s);
                });
                for i in 0..n {
                    assert!(same(out[i], base[i]), "avx2 #{i}");
                }
            }
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512dq")
                && std::arch::is_x86_feature_detected!("fma")
            {
                // SAFETY: features checked just above.
                let out = blocks(&mut |ins, o, s| unsafe {
                    block_avx512::<N, K>(ins, o, s);
                });
                for i in 0..n {
                    assert!(same(out[i], base[i]), "avx512 #{i}");
                }
            }
        }
    }

    macro_rules! test_kernel {
        ($t:ident, $n:literal, $kernel:ty) => {
            struct $t;
            impl Elementwise<$n> for $t {
                type Kernel = $kernel;
                fn checks(_: [f64; $n]) -> ([u64; $n], [u64; $n]) {
                    ([0; $n], [0; $n])
                }
                fn scalar(_: [f64; $n]) -> Result<f64> {
                    unreachable!()
                }
            }
        };
    }
    test_kernel!(Cagr, 3, kernel::CagrKernel);
    test_kernel!(Project, 3, kernel::ProjectKernel);
    test_kernel!(Ytr, 3, kernel::YearsToReachKernel);
    test_kernel!(Ann, 2, kernel::AnnualizeKernel);
    test_kernel!(Cum, 2, kernel::CumulateKernel);

    /// Inputs on both sides of the light logarithm's limits on `years`
    /// (1/8 for cagr and annualize, 7 for cumulate, 10 for project), in
    /// runs of 200 elements, so blocks of every length need the light
    /// loop, the full one or both; each build of the loops must still give
    /// the scalar kernel's bits.
    #[test]
    fn blocks_mixing_light_and_full_logarithms_agree_bit_for_bit() {
        let mut rng = Rng(11);
        let n = 6_000;
        let years: Vec<f64> = (0..n)
            .map(|i| {
                let near = |limit: f64, u: f64| limit * (1.0 + (u - 0.5) * 0.1);
                match (i / 200) % 6 {
                    0 => 0.01 + rng.u() * 0.1,
                    1 => near(0.125, rng.u()),
                    2 => near(7.0, rng.u()),
                    3 => near(10.0, rng.u()),
                    4 => 15.0 + rng.u() * 15.0,
                    _ => 0.5 + rng.u() * 3.0,
                }
            })
            .collect();
        // Annual log growth x around and far beyond the range of ordinary
        // data, negative too.
        let x: Vec<f64> = (0..n)
            .map(|i| match i % 4 {
                0 => 3.5 * (1.0 + (rng.u() - 0.5) * 1e-9),
                1 => rng.u() * 0.6 - 0.3,
                2 => rng.u() * 7.0 - 3.5,
                _ => 3.5 + rng.u() * 100.0,
            })
            .collect();
        let growth: Vec<f64> = (0..n).map(|i| (x[i] * years[i]).exp_m1()).collect();
        let rate: Vec<f64> = x.iter().map(|x| (x / 4.0).exp_m1()).collect();
        let start: Vec<f64> = (0..n).map(|_| rng.mag(-3.0, 3.0)).collect();
        let end: Vec<f64> = (0..n).map(|i| start[i] * (1.0 + growth[i])).collect();
        same_bits_on::<3, Cagr>([start.clone(), end, years.clone()]);
        same_bits_on::<2, Ann>([growth, years.clone()]);
        same_bits_on::<3, Project>([start, rate.clone(), years.clone()]);
        same_bits_on::<2, Cum>([rate, years]);
    }

    #[test]
    fn instruction_set_variants_agree_bit_for_bit() {
        same_bits::<3, Cagr>();
        same_bits::<3, Project>();
        same_bits::<3, Ytr>();
        same_bits::<2, Ann>();
        same_bits::<2, Cum>();
    }
}
