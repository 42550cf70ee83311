//! The main job: the plan report, printed from the embedded catalog.
//!
//! ```text
//! cargo run -p xh-core --example report                        # bilingual dashboard
//! cargo run -p xh-core --example report -- --json              # flat table as JSON
//! cargo run -p xh-core --example report -- --csv               # flat table as CSV
//! cargo run -p xh-core --example report -- --sdmx-csv          # every figure as SDMX-CSV 2.0
//! cargo run -p xh-core --example report -- --sdmx-structure    # its SDMX-ML 2.1 structure message
//! cargo run -p xh-core --example report -- --observations FILE # add your CSV observations:
//!                                                              # the report gains section 五, the assessment
//! cargo run -p xh-core --example report -- --observations FILE --no-check-plausibility
//!                                                              # ... accepting jumps the check would stop
//! cargo run -p xh-core --example report -- --outcomes-csv      # the published outcomes 2021–2025,
//! cargo run -p xh-core --example report -- --outcomes-json     # one row/object per published figure
//! cargo run -p xh-core --example report -- --outcomes-md       # docs/outcomes.md
//! cargo run -p xh-core --example report -- --outcomes-sdmx-csv # the published outcomes as SDMX-CSV 2.0
//!                                                              # (the structure of --sdmx-structure)
//! cargo run -p xh-core --example report -- --outcomes FILE     # your own outcomes file (same schema)
//! ```
//!
//! `FILE` is CSV with the columns `id,year,value[,unit][,status][,note]`
//! (see `xh_core::catalog` on user observations); it is loaded all or
//! nothing into a copy of the embedded catalog.

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str =
    "usage: report [--json | --csv | --sdmx-csv | --sdmx-structure | --outcomes-json | --outcomes-csv \
                     | --outcomes-md | --outcomes-sdmx-csv] [--observations FILE.csv [--no-check-plausibility]] [--outcomes FILE.json]";

fn main() -> ExitCode {
    let embedded = match xh_core::catalog::try_embedded() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut format = "report";
    let mut observations = None;
    let mut outcomes_file = None;
    let mut options = xh_core::assess::Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => format = "json",
            "--csv" => format = "csv",
            "--outcomes-json" => format = "outcomes-json",
            "--outcomes-csv" => format = "outcomes-csv",
            "--outcomes-md" => format = "outcomes-md",
            "--outcomes-sdmx-csv" => format = "outcomes-sdmx-csv",
            "--outcomes" => match args.next() {
                Some(path) => outcomes_file = Some(path),
                None => {
                    eprintln!("error: --outcomes needs a file; {USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--no-check-plausibility" => options.check_plausibility = false,
            "--sdmx-csv" => format = "sdmx-csv",
            "--sdmx-structure" => format = "sdmx-structure",
            "--observations" => match args.next() {
                Some(path) => observations = Some(path),
                None => {
                    eprintln!("error: --observations needs a file; {USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("error: unknown argument {other:?}; {USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let mut catalog = embedded.clone();
    if let Some(path) = observations {
        let loaded = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                catalog
                    .add_observations_csv_bytes(&bytes)
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = loaded {
            eprintln!("error: {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let published = match &outcomes_file {
        None => xh_core::outcomes::try_embedded().cloned(),
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| xh_core::Error::InvalidArgument {
                arg: "--outcomes",
                message: format!("{path}: {e}"),
            })
            .and_then(|text| xh_core::outcomes::PublishedOutcomes::from_json(&text, &catalog)),
    };
    let published = match published {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match format {
        "json" => catalog.to_flat_json(),
        "csv" => catalog.to_csv(),
        "outcomes-json" => published.to_flat_json() + "\n",
        "outcomes-csv" => published.to_csv(),
        "outcomes-md" => xh_core::outcomes::render_markdown(&catalog, &published),
        "outcomes-sdmx-csv" => published.to_sdmx_csv(),
        "sdmx-csv" => catalog.to_sdmx_csv(),
        "sdmx-structure" => catalog.to_sdmx_structure(),
        _ => xh_core::report::render_with_options(
            &catalog,
            &std::collections::BTreeMap::new(),
            &options,
            Some(&published),
        ),
    };
    // A closed pipe (`report | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
    ExitCode::SUCCESS
}
