#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod assess;
pub mod batch;
pub mod catalog;
mod check;
pub mod display;
mod error;
pub mod growth;
mod kernel;
mod math;
pub mod outcomes;
pub mod plan;
mod pool;
pub mod report;
pub mod sanity;
mod share;
#[cfg(test)]
mod test_rng;
pub mod units;

pub use error::{Error, ErrorKind, Result, RowProblem};

pub use assess::{
    assess, attainment_probability, destatis_weather, eurostat_ratio, progress, trajectory,
    unsd_progress, Assessment, Deflator, Options as AssessOptions, Outcome, ProgressClass,
    RatioClass, Series, Target, TargetKind, Weather,
};
pub use growth::{
    annualize, cagr, chain, cumulate, doubling_time, implied_previous, project, years_to_reach,
};
pub use share::{PercentagePoints, Share};
pub use units::{BaseUnit, Counter, Currency, Dimension, ExchangeRate, Unit};
