//! The main job: the plan report, printed from the embedded catalog.
//!
//! ```text
//! cargo run -p xh-core --example report            # bilingual dashboard
//! cargo run -p xh-core --example report -- --json  # flat table as JSON
//! cargo run -p xh-core --example report -- --csv   # flat table as CSV
//! ```

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let catalog = match xh_core::catalog::try_embedded() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => xh_core::report::render(catalog),
        ["--json"] => catalog.to_flat_json(),
        ["--csv"] => catalog.to_csv(),
        ["-h" | "--help"] => {
            println!("usage: report [--json | --csv]");
            return ExitCode::SUCCESS;
        }
        other => {
            eprintln!("error: unknown arguments {other:?}; usage: report [--json | --csv]");
            return ExitCode::from(2);
        }
    };
    // A closed pipe (`report | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
    ExitCode::SUCCESS
}
