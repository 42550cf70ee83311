//! Published outcomes of the plan period 2021–2025, sourced and quoted, and
//! where each target of the report stands against them.
//!
//! The data live in `xh-core/data/outcomes_2021_2025.json`, beside the
//! report's catalog but separate from it: the catalog is what the 2021
//! report says; these are figures the district (and others) published
//! afterwards, each read in its source: the later government work reports,
//! statistical and environment releases, news. Every entry carries its
//! source (title, publisher, date, address), a reliability grade, the exact
//! quote and the part of the quote that prints the value. Nothing is
//! estimated or derived in the file: growth over several years, growth
//! between two levels and every verdict are computed here at run time.
//! Indicators searched for without result are listed as such, so a report
//! can say "no published figure" instead of leaving a blank.
//!
//! A bound is an interval: 突破1000亿元 is `(1000, ∞)`. A target counts as
//! achieved only when the whole interval meets it, as not achieved only
//! when none of it does, and as undetermined otherwise ([`Verdict`]).
//!
//! # Examples
//!
//! ```
//! use xh_core::outcomes::{self, Verdict};
//!
//! let published = outcomes::embedded();
//! let cat = xh_core::catalog::embedded();
//! let tracks = outcomes::track(cat, published);
//! // AI output: 15 % a year from 350亿元 in 2020; "突破千亿" in 2025.
//! let ai = tracks.iter().find(|t| t.indicator == "ai_output").unwrap();
//! assert_eq!(ai.verdict, Verdict::Achieved);
//! # Ok::<(), xh_core::Error>(())
//! ```

mod model;
mod render;
mod verdict;

use std::sync::OnceLock;

pub(crate) use model::is_observation;
pub use model::{
    NotFound, OutcomeSource, OutcomeStatus, PublishedOutcome, PublishedOutcomes, Reliability,
    Scope, OUTCOME_COLUMNS,
};
pub use render::{render_markdown, render_section};
pub use verdict::{track, track_json, verdict_of, Interval, TargetTrack, Verdict};

use crate::error::Result;

/// The embedded outcomes file, as text.
pub const EMBEDDED_JSON: &str = include_str!("../../data/outcomes_2021_2025.json");

static EMBEDDED: OnceLock<Result<PublishedOutcomes>> = OnceLock::new();

/// The embedded published outcomes, parsed and checked against the embedded
/// catalog on first use.
///
/// # Errors
///
/// [`crate::Error::InvalidCatalog`] naming the entry and field at fault (the
/// test-suite loads the file, so such a file cannot ship).
pub fn try_embedded() -> Result<&'static PublishedOutcomes> {
    EMBEDDED
        .get_or_init(|| {
            PublishedOutcomes::from_json(EMBEDDED_JSON, crate::catalog::try_embedded()?)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The embedded published outcomes.
///
/// # Panics
///
/// Only if the embedded data file were invalid, which the test-suite rules
/// out; use [`try_embedded`] to get the error instead.
pub fn embedded() -> &'static PublishedOutcomes {
    match try_embedded() {
        Ok(o) => o,
        Err(e) => panic!("the embedded outcomes file is invalid: {e}"),
    }
}
