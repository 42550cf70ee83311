//! Batch forms of the element-wise growth functions, over slices.
//!
//! Each function takes its arguments as slices that broadcast: every input
//! has length 1 (a scalar) or `out.len()`. Results go into the caller's
//! `out`, so the Python and C bindings can hand over their own buffers and
//! nothing is copied. Each element is computed by exactly the scalar
//! function in [`crate::growth`], so batch and scalar results are
//! bit-identical.
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

/// Runs `f` over `out[i]` for every `i`, splitting across threads when it pays.
fn run<F>(out: &mut [f64], policy: ErrorPolicy, f: F) -> Result<()>
where
    F: Fn(usize) -> Result<f64> + Sync,
{
    let n = out.len();
    let threads = if n >= PARALLEL_THRESHOLD {
        std::thread::available_parallelism()
            .map_or(1, |p| p.get().min(n / (PARALLEL_THRESHOLD / 2)))
    } else {
        1
    };
    if threads <= 1 {
        return run_chunk(out, 0, policy, &f);
    }
    let chunk = n.div_ceil(threads);
    let results: Vec<Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = out
            .chunks_mut(chunk)
            .enumerate()
            .map(|(k, part)| {
                let f = &f;
                scope.spawn(move || run_chunk(part, k * chunk, policy, f))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    // Chunks are in index order, so the first error is the lowest index.
    results.into_iter().collect()
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
            run(out, policy, |i| growth::$name(at($a, i), at($b, i)))
        }
    };
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
            run(out, policy, |i| growth::$name(at($a, i), at($b, i), at($c, i)))
        }
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
batch2!(
    /// [`growth::implied_previous`] element-wise.
    implied_previous, current, growth
);

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
