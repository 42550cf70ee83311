//! Calibration of the attainment probability: on simulated series with a
//! known growth and noise and four observed years, events given probability
//! `p` must happen at a rate within ±5 percentage points of the mean `p` of
//! their bin. The reliability table this prints is the one in
//! `docs/methodology.md` (the test checks that it is up to date).
//!
//! Design (every number SYNTHETIC): 20 000 series; true annual log-growth
//! `μ ~ U(−0.2, 0.3)` and noise `σ` log-uniform on `[0.005, 0.3]`; four
//! annual levels from 100; a horizon `h ∈ {1, …, 5}` years after the last
//! one; a target level `x_t·exp(h·g)` with `g ~ U(−0.2, 0.3)` drawn
//! independently of the truth (a plan does not know the future); the event
//! is that the simulated level `h` years on meets it.

use xh_core::assess::{Acceptance, GrowthModel, Rng, Series};

const SERIES: usize = 20_000;
const SEED: u64 = 20_210_113;

struct Forecast {
    honest: f64,
    plug_in: f64,
    hit: bool,
}

fn simulate() -> Vec<Forecast> {
    let mut rng = Rng::new(SEED);
    let mut out = Vec::with_capacity(SERIES);
    for _ in 0..SERIES {
        let mu = -0.2 + 0.5 * rng.next_f64();
        let sigma = (0.005f64.ln() + (0.3f64 / 0.005).ln() * rng.next_f64()).exp();
        let mut level = 100.0;
        let mut points = vec![(2020, level)];
        for year in 2021..=2023 {
            level *= (mu + sigma * rng.next_normal()).exp();
            points.push((year, level));
        }
        let h = 1 + (rng.next_u64() % 5) as i32;
        let g = -0.2 + 0.5 * rng.next_f64();
        let goal = level * (f64::from(h) * g).exp();
        let future =
            level * (f64::from(h) * mu + sigma * f64::from(h).sqrt() * rng.next_normal()).exp();
        let est = GrowthModel::estimate(&Series::new(&points).unwrap()).unwrap();
        let at = Acceptance::at_least(goal);
        out.push(Forecast {
            honest: est.probability(level, f64::from(h), &at).unwrap(),
            plug_in: est.model.probability(level, f64::from(h), &at).unwrap(),
            hit: future >= goal,
        });
    }
    out
}

/// Per bin of width 0.1: (forecasts, mean p, observed rate).
fn reliability(forecasts: &[Forecast], p: impl Fn(&Forecast) -> f64) -> Vec<(usize, f64, f64)> {
    let mut bins = vec![(0usize, 0.0f64, 0usize); 10];
    for f in forecasts {
        let k = ((p(f) * 10.0) as usize).min(9);
        bins[k].0 += 1;
        bins[k].1 += p(f);
        bins[k].2 += usize::from(f.hit);
    }
    bins.into_iter()
        .map(|(n, sum, hits)| (n, sum / n as f64, hits as f64 / n as f64))
        .collect()
}

fn table(honest: &[(usize, f64, f64)], plug_in: &[(usize, f64, f64)]) -> String {
    let mut s = String::from(
        "| p bin | series (t) | mean p (t) | observed (t) | series (plug-in) | mean p (plug-in) | observed (plug-in) |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for (k, (a, b)) in honest.iter().zip(plug_in).enumerate() {
        s += &format!(
            "| {:.1}–{:.1} | {} | {:.1} % | {:.1} % | {} | {:.1} % | {:.1} % |\n",
            k as f64 / 10.0,
            (k + 1) as f64 / 10.0,
            a.0,
            100.0 * a.1,
            100.0 * a.2,
            b.0,
            100.0 * b.1,
            100.0 * b.2
        );
    }
    s
}

fn worst(bins: &[(usize, f64, f64)]) -> f64 {
    bins.iter()
        .map(|&(_, p, rate)| (rate - p).abs())
        .fold(0.0, f64::max)
}

#[test]
fn the_probability_is_calibrated_and_the_plug_in_is_not() {
    let forecasts = simulate();
    let honest = reliability(&forecasts, |f| f.honest);
    let plug_in = reliability(&forecasts, |f| f.plug_in);
    let text = table(&honest, &plug_in);
    println!("{text}");
    for (k, &(n, p, rate)) in honest.iter().enumerate() {
        assert!(n >= 200, "bin {k} has only {n} forecasts");
        assert!(
            (rate - p).abs() <= 0.05,
            "bin {k}: events given {p:.3} happen at {rate:.3}\n{text}"
        );
    }
    // Treating the estimates as known is overconfident: the test tells the
    // two apart.
    assert!(worst(&plug_in) > 0.05, "{text}");
    let doc = include_str!("../../docs/methodology.md");
    assert!(
        doc.contains(&text),
        "docs/methodology.md's reliability table is out of date; it should be:\n{text}"
    );
}
