//! `cargo bench -p xh-core`: a std-only timing harness (no criterion, so no
//! new dependency). For each case it runs a warm-up, then repeats the call
//! and reports the median of the repetitions as ns/element and
//! Melem/s. Arguments: an optional substring filter, e.g.
//! `cargo bench -p xh-core -- cagr`.
//!
//! Batch kernels run with `ErrorPolicy::Raise`, i.e. with full validation.
//! "threaded" is the public entry point (it splits across the available
//! cores above `batch::PARALLEL_THRESHOLD`); "1 thread" calls the same
//! kernel on chunks just below the threshold, one after the other.

use std::hint::black_box;
use std::time::{Duration, Instant};

use xh_core::batch::{self, ErrorPolicy};

/// A small deterministic generator (xorshift64*), so every run sees the
/// same inputs.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Times `f` (which processes `n` elements) and prints one line.
fn bench(filter: &str, name: &str, n: usize, mut f: impl FnMut()) {
    if !name.contains(filter) {
        return;
    }
    f(); // warm-up
    let once = {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    // Aim for about 0.5 s per case, between 5 and 2000 repetitions.
    let reps = ((0.5 / once.as_secs_f64().max(1e-9)) as usize).clamp(5, 2000);
    let times: Vec<Duration> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    let m = median(times).as_secs_f64();
    let ns = m * 1e9 / n as f64;
    println!(
        "{name:<44} n={n:<9} {:>11.3} ms  {ns:>8.3} ns/elem  {:>9.1} Melem/s",
        m * 1e3,
        n as f64 / m / 1e6
    );
}

type K3 = fn(&[f64], &[f64], &[f64], &mut [f64], ErrorPolicy) -> xh_core::Result<()>;
type K2 = fn(&[f64], &[f64], &mut [f64], ErrorPolicy) -> xh_core::Result<()>;
type Case3<'a> = (&'a str, K3, &'a [f64], &'a [f64], &'a [f64]);

fn sub(x: &[f64], i: usize, j: usize) -> &[f64] {
    if x.len() == 1 {
        x
    } else {
        &x[i..j]
    }
}

fn one_thread3(k: K3, a: &[f64], b: &[f64], c: &[f64], out: &mut [f64]) {
    let step = batch::PARALLEL_THRESHOLD - 1;
    let mut i = 0;
    while i < out.len() {
        let j = (i + step).min(out.len());
        k(
            sub(a, i, j),
            sub(b, i, j),
            sub(c, i, j),
            &mut out[i..j],
            ErrorPolicy::Raise,
        )
        .unwrap();
        i = j;
    }
}

fn one_thread2(k: K2, a: &[f64], b: &[f64], out: &mut [f64]) {
    let step = batch::PARALLEL_THRESHOLD - 1;
    let mut i = 0;
    while i < out.len() {
        let j = (i + step).min(out.len());
        k(
            sub(a, i, j),
            sub(b, i, j),
            &mut out[i..j],
            ErrorPolicy::Raise,
        )
        .unwrap();
        i = j;
    }
}

fn main() {
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    let filter = filter.as_str();

    // Scalar calls.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let m = 4096;
    let s: Vec<f64> = (0..m).map(|_| rng.range(1.0, 1000.0)).collect();
    let e: Vec<f64> = s.iter().map(|&x| x * rng.range(0.5, 3.0)).collect();
    let r: Vec<f64> = (0..m).map(|_| rng.range(-0.3, 0.5)).collect();
    let n: Vec<f64> = (0..m).map(|_| rng.range(1.0, 30.0)).collect();
    bench(filter, "scalar cagr", m, || {
        for i in 0..m {
            black_box(xh_core::cagr(black_box(s[i]), e[i], n[i]).unwrap());
        }
    });
    bench(filter, "scalar project", m, || {
        for i in 0..m {
            black_box(xh_core::project(black_box(s[i]), r[i], n[i]).unwrap());
        }
    });
    bench(filter, "scalar years_to_reach", m, || {
        for i in 0..m {
            let t = if r[i] > 0.0 { s[i] * 2.0 } else { s[i] * 0.5 };
            black_box(xh_core::years_to_reach(black_box(s[i]), t, r[i]).unwrap());
        }
    });
    bench(filter, "scalar annualize", m, || {
        for i in 0..m {
            black_box(xh_core::annualize(black_box(r[i]), n[i]).unwrap());
        }
    });
    bench(filter, "scalar cumulate", m, || {
        for i in 0..m {
            black_box(xh_core::cumulate(black_box(r[i]), n[i]).unwrap());
        }
    });
    bench(
        filter,
        "scalar libm (e/s).powf(1/n)-1 (reference)",
        m,
        || {
            for i in 0..m {
                black_box((black_box(e[i]) / s[i]).powf(1.0 / n[i]) - 1.0);
            }
        },
    );

    // Catalog lookup by id.
    let cat = xh_core::catalog::embedded();
    bench(
        filter,
        "catalog get(\"ai_output\") (per lookup)",
        1000,
        || {
            for _ in 0..1000 {
                let _ = black_box(cat.get(black_box("ai_output")));
            }
        },
    );

    // Batch kernels.
    for &size in &[1_000usize, 1_000_000, 10_000_000] {
        let mut rng = Rng(42 + size as u64);
        let start: Vec<f64> = (0..size).map(|_| rng.range(1.0, 1000.0)).collect();
        let end: Vec<f64> = start.iter().map(|&x| x * rng.range(0.5, 3.0)).collect();
        let rate: Vec<f64> = (0..size).map(|_| rng.range(-0.3, 0.5)).collect();
        let years: Vec<f64> = (0..size).map(|_| rng.range(1.0, 30.0)).collect();
        let target: Vec<f64> = start
            .iter()
            .zip(&rate)
            .map(|(&s, &r)| if r > 0.0 { s * 3.0 } else { s * 0.4 })
            .collect();
        let mut out = vec![0.0; size];
        let cases3: [Case3; 3] = [
            ("cagr", batch::cagr, &start, &end, &years),
            ("project", batch::project, &start, &rate, &years),
            (
                "years_to_reach",
                batch::years_to_reach,
                &start,
                &target,
                &rate,
            ),
        ];
        for (name, k, a, b, c) in cases3 {
            bench(filter, &format!("batch {name} threaded"), size, || {
                k(a, b, c, &mut out, ErrorPolicy::Raise).unwrap()
            });
            if size > batch::PARALLEL_THRESHOLD {
                bench(filter, &format!("batch {name} 1 thread"), size, || {
                    one_thread3(k, a, b, c, &mut out)
                });
            }
        }
        let cases2: [(&str, K2, &[f64], &[f64]); 2] = [
            ("annualize", batch::annualize, &rate, &years),
            ("cumulate", batch::cumulate, &rate, &years),
        ];
        for (name, k, a, b) in cases2 {
            bench(filter, &format!("batch {name} threaded"), size, || {
                k(a, b, &mut out, ErrorPolicy::Raise).unwrap()
            });
            if size > batch::PARALLEL_THRESHOLD {
                bench(filter, &format!("batch {name} 1 thread"), size, || {
                    one_thread2(k, a, b, &mut out)
                });
            }
        }
        // Broadcast years (a common case: one horizon for a whole panel).
        bench(filter, "batch cagr threaded, scalar years", size, || {
            batch::cagr(&start, &end, &[5.0], &mut out, ErrorPolicy::Raise).unwrap()
        });
        // Horizons of 1-7 years, where `project` and `cumulate` need only
        // the light logarithm (the years above, 1-30 per element, make
        // most blocks need both; see docs/methodology.md).
        if size > batch::PARALLEL_THRESHOLD {
            let short: Vec<f64> = years.iter().map(|y| 1.0 + (y - 1.0) * 6.0 / 29.0).collect();
            bench(filter, "batch project 1 thread, years 1-7", size, || {
                one_thread3(batch::project, &start, &rate, &short, &mut out)
            });
            bench(filter, "batch cumulate 1 thread, years 1-7", size, || {
                one_thread2(batch::cumulate, &rate, &short, &mut out)
            });
        }
        if size >= 1_000_000 {
            bench(
                filter,
                "reference: libm (e/s).powf(1/n)-1 loop",
                size,
                || {
                    for i in 0..size {
                        out[i] = (end[i] / start[i]).powf(1.0 / years[i]) - 1.0;
                    }
                    black_box(&out);
                },
            );
        }
    }
}
