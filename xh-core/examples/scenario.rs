//! The 14th Five-Year Plan targets assessed against a **SYNTHETIC**
//! 2021–2023 scenario. The numbers in `data/synthetic_2021_2023.csv` and
//! the GDP deflator below are invented to exercise every method; they are
//! not real data.
//!
//! ```text
//! cargo run -p xh-core --example scenario > docs/scenario.md   # the page
//! cargo run -p xh-core --example scenario -- --json            # every result as JSON
//! cargo run -p xh-core --example scenario -- --report          # the text report with section 五
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use xh_core::assess::{self, Assessment, Deflator, Options, Outcome};
use xh_core::catalog::{Catalog, Group};
use xh_core::display;
use xh_core::plan::RequiredPace;

/// The scenario's observations (SYNTHETIC).
const SCENARIO_CSV: &str = include_str!("data/synthetic_2021_2023.csv");

/// A SYNTHETIC GDP deflator: inflation of 2.0 %, 1.5 % and 1.0 % in
/// 2021–2023, so that the current-price GDP series can be compared with
/// the comparable-price growth target.
fn deflators() -> BTreeMap<String, Deflator> {
    BTreeMap::from([(
        "gdp".to_owned(),
        Deflator::Inflation(vec![(2021, 0.020), (2022, 0.015), (2023, 0.010)]),
    )])
}

fn scenario_catalog() -> xh_core::Result<Catalog> {
    let mut cat = xh_core::catalog::try_embedded()?.clone();
    cat.add_observations_csv(SCENARIO_CSV)?;
    Ok(cat)
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

fn pace(p: &RequiredPace, unit: &str) -> String {
    match p {
        RequiredPace::Rate(r) => format!("{}/yr", pct(*r)),
        RequiredPace::PointsPerYear(d) => format!("{d:+.2} pp/yr"),
        RequiredPace::AmountPerYear(a) => format!("{a:.2} {unit}/yr"),
        RequiredPace::Bound => "every year".to_owned(),
        RequiredPace::Met => "met".to_owned(),
        RequiredPace::Unknown => "—".to_owned(),
    }
}

fn why<T>(o: &Outcome<T>) -> String {
    match o {
        Outcome::Assessed(_) => String::new(),
        Outcome::InsufficientData {
            needed: Some(needed),
            available: Some(available),
            ..
        } => {
            format!("insufficient data ({available}/{needed})")
        }
        Outcome::InsufficientData { .. } => "insufficient data".to_owned(),
        Outcome::NotApplicable { .. } => "n/a (every-year bound)".to_owned(),
    }
}

fn row(id: &str, name: &str, a: &Assessment, unit: &str) -> String {
    let t = &a.target;
    let target = match t.kind {
        assess::TargetKind::Growth { rate } => format!("{} {}/yr", t.qualifier.symbol(), pct(rate)),
        assess::TargetKind::Level { value } => format!("{} {value} {unit}", t.qualifier.symbol()),
        assess::TargetKind::Change { amount } => format!("+{amount} {unit} (stock)"),
        assess::TargetKind::Cumulative { total } => format!("Σ {total} {unit}"),
        assess::TargetKind::EveryYear { bound } => {
            format!("{} {bound} {unit} each yr", t.qualifier.symbol())
        }
    };
    let (latest, required, projected, gap) = match &a.progress {
        Outcome::Assessed(p) => (
            format!("{:.2} ({})", p.latest.value, p.latest.year),
            pace(&p.required_pace, unit),
            p.projected_end
                .map_or("—".to_owned(), |v| format!("{v:.2}")),
            match (&p.gap_share, p.year_checks.is_empty()) {
                (Some(g), _) => format!("{:+.1}%", g * 100.0),
                (None, false) => format!(
                    "{}/{} yrs within",
                    p.year_checks.iter().filter(|c| c.within).count(),
                    p.year_checks.len()
                ),
                _ => "—".to_owned(),
            },
        ),
        o => (why(o), String::new(), String::new(), String::new()),
    };
    let eu = match &a.eurostat {
        Outcome::Assessed(r) => match r.ratio {
            Some(x) => format!("{} (R={x:.2})", r.class.en()),
            None => r.class.en().to_owned(),
        },
        o => why(o),
    };
    let un = match &a.unsd {
        Outcome::Assessed(r) => match r.score {
            Some(x) => format!("{} ({x:.2})", r.class.en()),
            None => r.class.en().to_owned(),
        },
        o => why(o),
    };
    let de = match &a.destatis {
        Outcome::Assessed(w) => w.class.en().to_owned(),
        o => why(o),
    };
    let pr = match &a.probability {
        Outcome::Assessed(p) => {
            // Never 0 or 100 % from a model, and how many growth rates it rests on.
            let n = display::growth_rates_used(a)
                .map_or("model given".to_owned(), |n| format!("n={n}"));
            let mc = display::probability(p.monte_carlo.probability);
            match p.closed_form {
                Some(c) => format!("{} (MC {mc}; {n})", display::probability(c)),
                None => format!("MC {mc} ({n})"),
            }
        }
        o => why(o),
    };
    format!("| `{id}` {name} | {target} | {latest} | {required} | {projected} | {gap} | {eu} | {un} | {de} | {pr} |")
}

fn markdown(cat: &Catalog) -> xh_core::Result<String> {
    let opts = Options::default();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# 14th Five-Year Plan targets against a SYNTHETIC 2021–2023 scenario\n"
    );
    let _ = writeln!(
        s,
        "> **⚠ SYNTHETIC DATA — NOT REAL STATISTICS.** Every 2021–2023 value below, every 2020 value \
         the report does not print (GDP, services revenue, retail sales, R&D intensity, the \
         rates and indices), and the GDP deflator were **invented** to exercise the assessment \
         methods. Nothing on this page describes the real economy of Xuhui District. Replace \
         `xh-core/examples/data/synthetic_2021_2023.csv` with published statistics to get a real \
         assessment.\n"
    );
    let _ = writeln!(
        s,
        "Generated by `cargo run -p xh-core --example scenario > docs/scenario.md`; do not edit by hand. \
         Methods, formulas and thresholds: [methodology.md](methodology.md).\n"
    );
    let _ = writeln!(s, "## The scenario\n");
    let _ = writeln!(
        s,
        "* Observations: `xh-core/examples/data/synthetic_2021_2023.csv` (columns `id,year,value,unit,status,note`; \
         every row is marked `SYNTHETIC scenario value (not real data)`), loaded with \
         `Catalog::add_observations_csv` into a copy of the embedded catalog. Where the report \
         gives a 2020 level (AI output 350亿元, life-health output 650亿元, patents 118件/万人, housing \
         renovation 37万m², 90 regional headquarters) that real base is kept. The life-expectancy target \
         is for all residents (居民), for whom the report gives no level: the 85.75岁 of 2020 is for \
         registered residents (户籍居民), another population, so that base is synthetic too."
    );
    let _ = writeln!(
        s,
        "* GDP: the synthetic levels are at current prices while the target (≈5 %/yr) is at comparable \
         prices, so they are deflated with a synthetic inflation path of 2.0 %, 1.5 %, 1.0 % (2021–2023). \
         Without it the assessment fails with `price_basis_mismatch`, by design."
    );
    let _ = writeln!(
        s,
        "* Options: the defaults (`Options::default()`): ratio cut-offs 0.95/0.60 with Open SDG's rule \
         for zeros and negatives, UNSD 0.95/0.10, Destatis 5 %/20 % of the remaining gap from the mean \
         of the last five annual changes (at least 4 consecutive values), 左右 band ±10 %, log-growth \
         model estimated from the series with a Student-t predictive (the estimated growth is \
         uncertain), {} Monte Carlo paths with seed {}.\n",
        opts.mc_paths, opts.seed
    );
    let _ = writeln!(s, "## Assessment, latest year 2023, target year 2025\n");
    let _ = writeln!(
        s,
        "| indicator | target | latest | required from latest | projected 2025 | gap vs required | Eurostat ratio | UNSD score | Destatis | P(attain) |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|");
    for (id, result) in assess::assess_group(cat, Group::Fyp14Targets, &deflators(), &opts) {
        let ind = cat.get(&id)?;
        let a = result?;
        let unit = ind.unit().zh();
        let _ = writeln!(s, "{}", row(&id, ind.name_zh(), &a, &unit));
    }
    let _ = writeln!(s, "\n## Reading the table\n");
    let _ = writeln!(
        s,
        "* *latest* is the 2023 value (for cumulative targets, the total of 2021–2023 flows; for GDP, \
         at 2020 comparable prices). *required from latest* is the pace needed in 2024–2025; *gap vs \
         required* is (projected − required)/|required| at the observed pace (for every-year bounds, \
         the years within the bound).\n\
         * Eurostat ratio `R = sign·d·CAGR_obs/|CAGR_req|` as Open SDG's sdg-build computes it \
         (cumulative targets: mean annual amounts); UNSD score `(x̂_2025 − x_2020)/(x* − x_2020)`; \
         Destatis: the mean of the last five annual changes extrapolated to 2025 (every-year bounds \
         and targets already met: the latest value and the direction of that mean); P(attain): \
         closed form under log-normal growth with the growth rate estimated from four points \
         (Student-t predictive, so not near 0 % or 100 % unless the data say so), with the seeded \
         Monte Carlo estimate (Monte Carlo only for cumulative totals and every-year bounds); `n` is the number of growth \
         rates between successive observations the model was fitted to (below five: indicative \
         only), and a model's probability is never shown as 0 or 100 % (`< 0.1 %`, `> 99.9 %`).\n\
         * Regional headquarters: the catalog's 90 家 is a stock (it has a +4 gross-addition figure), \
         so \"20 new in five years\" is assessed as the stock reaching 110 (`Change`)."
    );
    Ok(s)
}

fn main() -> ExitCode {
    let cat = match scenario_catalog() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => markdown(&cat),
        ["--json"] => {
            let all: Vec<_> =
                assess::assess_group(&cat, Group::Fyp14Targets, &deflators(), &Options::default())
                    .into_iter()
                    .filter_map(|(_, r)| r.ok())
                    .collect();
            Ok(serde_json::to_string_pretty(&all).expect("assessments serialise") + "\n")
        }
        // The report does not know where observations come from; say it here.
        ["--report"] => Ok(format!(
            "SYNTHETIC DATA, NOT REAL STATISTICS: the 2021–2023 observations assessed below are \
             invented (xh-core/examples/data/synthetic_2021_2023.csv)\n\n{}",
            xh_core::report::render_with(&cat, &deflators())
        )),
        other => {
            eprintln!("error: unknown arguments {other:?}; usage: scenario [--json | --report]");
            return ExitCode::from(2);
        }
    };
    match out {
        Ok(text) => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
