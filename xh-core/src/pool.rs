//! Helper threads for the threaded batch calls, started on first use and
//! kept, so a call wakes a sleeping thread instead of spawning one (waking
//! is several times cheaper; the measurements are in `docs/benchmarks.md`).
//!
//! [`run`] runs one closure on the calling thread and on `extra` helpers
//! and returns when all have finished, like [`std::thread::scope`]. Only
//! one call uses the helpers at a time; a call that finds them busy (two
//! threads calling batch functions at once) spawns scoped threads as
//! before. Between calls a helper polls briefly before it sleeps (see
//! [`SPIN`]). After a `fork` the child has no helper threads, so a process id
//! other than the pool's makes a new pool.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

/// The work of one call, with its lifetime erased (see [`run`]).
type Job = &'static (dyn Fn() + Sync);
/// A panic's payload, carried back to the calling thread.
type Panic = Box<dyn Any + Send>;

enum State {
    Idle,
    Ready(Job),
    Running,
    Done(Option<Panic>),
}

/// One helper thread's mailbox.
struct Helper {
    state: Mutex<State>,
    /// Signalled when a job is posted.
    posted: Condvar,
    /// Signalled when the job has finished.
    finished: Condvar,
    /// Set with `Ready` and `Done` and cleared when they are taken, each
    /// under the lock (so a flag is never left over from an earlier job):
    /// hints for the waiting side to spin on before it sleeps on the
    /// condition variable. `state` alone decides.
    ready: AtomicBool,
    done: AtomicBool,
}

/// Spins until `flag` is set or `limit` has passed.
fn spin_until(flag: &AtomicBool, limit: Duration) {
    let start = Instant::now();
    loop {
        for _ in 0..64 {
            if flag.load(Ordering::Acquire) {
                return;
            }
            std::hint::spin_loop();
        }
        if start.elapsed() >= limit {
            return;
        }
    }
}

/// How long a helper that has finished a job keeps polling for the next
/// one, and a caller for its helpers' completion, before sleeping on the
/// condition variable. Waking a sleeping thread is slow where an idle
/// CPU halts (`docs/benchmarks.md`); back-to-back calls (a
/// Monte Carlo loop, a benchmark) find the helper awake instead, at the
/// price of at most this much spinning after a call.
const SPIN: Duration = Duration::from_micros(200);

/// A poisoned lock only means a panic elsewhere while it was held; the
/// state itself is always consistent (every update is one assignment).
fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Helper {
    fn serve(&self) {
        loop {
            spin_until(&self.ready, SPIN);
            let job = {
                let mut state = lock(&self.state);
                loop {
                    if let State::Ready(job) = *state {
                        *state = State::Running;
                        self.ready.store(false, Ordering::Relaxed);
                        break job;
                    }
                    state = self
                        .posted
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            let outcome = panic::catch_unwind(AssertUnwindSafe(job)).err();
            {
                let mut state = lock(&self.state);
                *state = State::Done(outcome);
                self.done.store(true, Ordering::Release);
            }
            self.finished.notify_one();
        }
    }

    fn post(&self, job: Job) {
        {
            let mut state = lock(&self.state);
            *state = State::Ready(job);
            self.ready.store(true, Ordering::Release);
        }
        self.posted.notify_one();
    }

    /// Waits for the posted job to finish; its panic, if it panicked.
    fn wait(&self) -> Option<Panic> {
        spin_until(&self.done, SPIN);
        let mut state = lock(&self.state);
        loop {
            if let State::Done(_) = *state {
                self.done.store(false, Ordering::Relaxed);
                return match std::mem::replace(&mut *state, State::Idle) {
                    State::Done(outcome) => outcome,
                    _ => unreachable!("checked just above"),
                };
            }
            state = self
                .finished
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

struct Pool {
    pid: u32,
    busy: AtomicBool,
    helpers: Vec<&'static Helper>,
}

/// The current pool; replaced (the old one leaked) only after a `fork`.
static POOL: Mutex<Option<&'static Pool>> = Mutex::new(None);

/// The pool, marked busy, if it is free and has at least `extra` helpers.
fn acquire(extra: usize) -> Option<&'static Pool> {
    static SIZE: OnceLock<usize> = OnceLock::new();
    let size = *SIZE.get_or_init(|| {
        std::thread::available_parallelism().map_or(0, |p| p.get().saturating_sub(1))
    });
    let pool = {
        let mut current = POOL.lock().unwrap_or_else(PoisonError::into_inner);
        match *current {
            Some(pool) if pool.pid == std::process::id() => pool,
            _ => {
                let pool: &'static Pool = Box::leak(Box::new(start(size)));
                *current = Some(pool);
                pool
            }
        }
    };
    if extra > pool.helpers.len() {
        return None;
    }
    pool.busy
        .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
        .ok()
        .map(|_| pool)
}

/// Starts up to `size` helper threads: as many as the system lets it (the
/// pool is made once per process, so a refused spawn is not retried on
/// every call).
fn start(size: usize) -> Pool {
    let mut helpers = Vec::with_capacity(size);
    for k in 0..size {
        let helper: &'static Helper = Box::leak(Box::new(Helper {
            state: Mutex::new(State::Idle),
            posted: Condvar::new(),
            finished: Condvar::new(),
            ready: AtomicBool::new(false),
            done: AtomicBool::new(false),
        }));
        let spawned = std::thread::Builder::new()
            .name(format!("xuhui-helper-{k}"))
            .spawn(move || helper.serve());
        if spawned.is_err() {
            break;
        }
        helpers.push(helper);
    }
    Pool {
        pid: std::process::id(),
        busy: AtomicBool::new(false),
        helpers,
    }
}

/// Waits for the helpers of a call and frees the pool, also when the
/// calling thread's own share of the work panics: the helpers may still be
/// using the job, which borrows from the caller's stack.
struct Posted {
    pool: &'static Pool,
    count: usize,
}

impl Posted {
    fn wait(mut self) -> Option<Panic> {
        let first = self.wait_all();
        self.count = 0;
        first
    }

    fn wait_all(&self) -> Option<Panic> {
        let mut first = None;
        for helper in &self.pool.helpers[..self.count] {
            if let Some(p) = helper.wait() {
                first.get_or_insert(p);
            }
        }
        first
    }
}

impl Drop for Posted {
    fn drop(&mut self) {
        // Only reached with count > 0 when unwinding; the helpers' own
        // panics then give way to the one in progress.
        let _ = self.wait_all();
        self.pool.busy.store(false, Ordering::Release);
    }
}

/// Runs `work` on the calling thread and on `extra` other threads at once,
/// and returns when every run has finished. A panic in any run is resumed
/// on the calling thread.
pub(crate) fn run(extra: usize, work: &(dyn Fn() + Sync)) {
    if extra == 0 {
        work();
        return;
    }
    let Some(pool) = acquire(extra) else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..extra).map(|_| scope.spawn(work)).collect();
            work();
            for h in handles {
                if let Err(p) = h.join() {
                    panic::resume_unwind(p);
                }
            }
        });
        return;
    };
    // SAFETY: the job borrows from this stack frame; `Posted` waits for
    // every helper it was posted to before this function returns or
    // unwinds, so no helper uses it afterwards.
    let job: Job = unsafe { std::mem::transmute::<&(dyn Fn() + Sync), Job>(work) };
    let mut posted = Posted { pool, count: 0 };
    for helper in &pool.helpers[..extra] {
        helper.post(job);
        posted.count += 1;
    }
    work();
    if let Some(p) = posted.wait() {
        panic::resume_unwind(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn extra() -> usize {
        std::thread::available_parallelism().map_or(0, |p| p.get() - 1)
    }

    #[test]
    fn every_thread_runs_the_work_once_per_call() {
        for _ in 0..1000 {
            let runs = AtomicUsize::new(0);
            run(extra(), &|| {
                runs.fetch_add(1, Ordering::Relaxed);
            });
            assert_eq!(runs.load(Ordering::Relaxed), extra() + 1);
        }
    }

    #[test]
    fn concurrent_callers_all_finish() {
        let total = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..200 {
                        run(extra(), &|| {
                            total.fetch_add(1, Ordering::Relaxed);
                        });
                    }
                });
            }
        });
        assert_eq!(total.load(Ordering::Relaxed), 4 * 200 * (extra() + 1));
    }

    #[test]
    fn a_panic_reaches_the_caller_and_the_pool_still_works() {
        if extra() == 0 {
            return;
        }
        let caller = std::thread::current().id();
        // In a helper.
        let r = panic::catch_unwind(|| {
            run(extra(), &|| {
                if std::thread::current().id() != caller {
                    panic!("helper");
                }
            })
        });
        assert_eq!(*r.unwrap_err().downcast::<&str>().unwrap(), "helper");
        // On the calling thread, while the helpers run.
        let r = panic::catch_unwind(|| {
            run(extra(), &|| {
                if std::thread::current().id() == caller {
                    panic!("caller");
                }
            })
        });
        assert_eq!(*r.unwrap_err().downcast::<&str>().unwrap(), "caller");
        let runs = AtomicUsize::new(0);
        run(extra(), &|| {
            runs.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(runs.load(Ordering::Relaxed), extra() + 1);
    }
}
