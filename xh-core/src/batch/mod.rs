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
//! Large inputs are split across the available cores: the calling thread
//! and one helper thread per extra core, started by the first such call
//! and asleep between calls (after polling for 200 µs), take pieces of the
//! work in turn (if another call is using the helpers, scoped threads are
//! spawned instead). Below [`PARALLEL_THRESHOLD`] elements the call stays
//! on the calling thread.
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

mod engine;
mod policy;
mod threads;

use crate::error::{Error, Result};
use crate::growth;
use crate::kernel::{self, valid};
use engine::{chunk, isa, Elementwise};
use threads::{run, run_chunks};

pub use policy::ErrorPolicy;
pub use threads::PARALLEL_THRESHOLD;

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

macro_rules! batch_fn {
    ($(#[$doc:meta])* $name:ident, $kernel:ty, $($arg:ident),+) => {
        $(#[$doc])*
        ///
        /// # Errors
        ///
        /// [`Error::LengthMismatch`] if an input neither has length 1 nor
        /// `out.len()`; with [`ErrorPolicy::Raise`], [`Error::AtIndex`] for
        /// the first element the scalar function rejects.
        pub fn $name($($arg: &[f64],)+ out: &mut [f64], policy: ErrorPolicy) -> Result<()> {
            check_broadcast(out.len(), &[$((stringify!($arg), $arg.len())),+])?;
            struct K;
            impl Elementwise<{ [$(stringify!($arg)),+].len() }> for K {
                type Kernel = $kernel;
                #[inline(always)]
                fn checks(
                    [$($arg),+]: [f64; { [$(stringify!($arg)),+].len() }],
                ) -> ([u64; { [$(stringify!($arg)),+].len() }], [u64; { [$(stringify!($arg)),+].len() }]) {
                    valid::$name($($arg),+)
                }
                fn scalar([$($arg),+]: [f64; { [$(stringify!($arg)),+].len() }]) -> Result<f64> {
                    growth::$name($($arg),+)
                }
            }
            let isa = isa();
            run_chunks(out, |offset, part| chunk::<_, K>(isa, [$($arg),+], offset, part, policy))
        }
    };
}

batch_fn!(
    /// [`growth::cagr`] element-wise.
    cagr, kernel::CagrKernel, start, end, years
);
batch_fn!(
    /// [`growth::project`] element-wise.
    project, kernel::ProjectKernel, start, rate, years
);
batch_fn!(
    /// [`growth::years_to_reach`] element-wise.
    years_to_reach, kernel::YearsToReachKernel, start, target, rate
);
batch_fn!(
    /// [`growth::annualize`] element-wise.
    annualize, kernel::AnnualizeKernel, cumulative_change, years
);
batch_fn!(
    /// [`growth::cumulate`] element-wise.
    cumulate, kernel::CumulateKernel, rate, years
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
