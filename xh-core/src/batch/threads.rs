//! Splitting a batch call across the calling thread and the pool's
//! helpers.

use super::engine::BLOCK;
use super::policy::{error_index, settle, ErrorPolicy};
use crate::error::{Error, Result};

/// Inputs at least this long are split across threads.
pub const PARALLEL_THRESHOLD: usize = 1 << 16;

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
pub(super) fn run<F>(out: &mut [f64], policy: ErrorPolicy, f: F) -> Result<()>
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
        settle(slot, offset + j, f(offset + j), policy)?;
    }
    Ok(())
}

/// Elements per piece of a threaded call: a multiple of `BLOCK`, small
/// enough that the threads finish within a piece of each other, large
/// enough that taking the next piece (a lock) costs nothing measurable.
const PIECE: usize = 64 * BLOCK;

/// Splits `out` across threads when it pays and runs `chunk` on each piece
/// (with the piece's offset); the lowest-index error wins.
///
/// The threads (the calling one and `pool` helpers) take pieces on demand
/// rather than one equal part each, so a helper that wakes late or a core
/// that runs slower does not leave the others idle at the end.
pub(super) fn run_chunks<F>(out: &mut [f64], chunk: F) -> Result<()>
where
    F: Fn(usize, &mut [f64]) -> Result<()> + Sync,
{
    let n = out.len();
    let threads = threads_for(n);
    if threads <= 1 {
        return chunk(0, out);
    }
    let pieces = std::sync::Mutex::new(out.chunks_mut(PIECE).enumerate());
    let first_error: std::sync::Mutex<Option<Error>> = std::sync::Mutex::new(None);
    crate::pool::run(threads - 1, &|| loop {
        let next = pieces.lock().unwrap_or_else(|p| p.into_inner()).next();
        let Some((k, piece)) = next else {
            return;
        };
        if let Err(e) = chunk(k * PIECE, piece) {
            let mut first = first_error.lock().unwrap_or_else(|p| p.into_inner());
            if first
                .as_ref()
                .is_none_or(|f| error_index(&e) < error_index(f))
            {
                *first = Some(e);
            }
        }
    });
    match first_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
