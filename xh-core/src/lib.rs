//! # xh-core
//!
//! The figures of the **2021 Government Work Report of Xuhui District,
//! Shanghai** (delivered 2021-01-13) as a typed, sourced catalog, with the
//! growth mathematics analysts use to read a five-year plan.
//!
//! * [`growth`]: compound annual growth ([`cagr`]), projection
//!   ([`project`]), periods to a target ([`years_to_reach`]), annualising a
//!   cumulative change ([`annualize`], [`cumulate`], [`chain`]), the base
//!   implied by a growth figure ([`implied_previous`]), [`doubling_time`];
//! * [`batch`]: the same functions over slices, with broadcasting and an
//!   error policy;
//! * [`units`]: the report's units (亿元, 万平方米, 公顷, %, 个百分点 …),
//!   parsed, displayed and converted;
//! * [`Share`] and [`PercentagePoints`]: a change in a ratio is a
//!   percentage-point difference, never a relative one, and the types keep
//!   the two apart.
//!
//! Every fallible function returns [`Result`] with the crate's one
//! [`Error`] type: no panics, no NaN or infinity passed off as an answer.
//!
//! # Example
//!
//! The 14th Five-Year Plan wants the output of AI and related industries,
//! 350亿元 in 2020, to grow 15 % a year. That implies 704亿元 in 2025:
//!
//! ```
//! use xh_core::{project, Unit};
//!
//! let output_2025 = project(350.0, 0.15, 5.0)?;
//! assert_eq!(format!("{output_2025:.1}"), "704.0");
//!
//! let yi = Unit::parse("亿元")?;
//! let yuan = yi.convert(output_2025, Unit::parse("元")?)?;
//! assert!((yuan - 7.0397e10).abs() < 1e7);
//! # Ok::<(), xh_core::Error>(())
//! ```
//!
//! Rates are decimal fractions throughout (`0.15` is 15 %), as in
//! numpy-financial and spreadsheet functions.
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod assess;
pub mod batch;
pub mod catalog;
mod check;
mod error;
pub mod growth;
mod kernel;
mod math;
pub mod plan;
mod pool;
pub mod report;
pub mod sanity;
mod share;
#[cfg(test)]
mod test_rng;
pub mod units;

pub use error::{Error, ErrorKind, Result, RowProblem};

/// The README's Rust example, compiled and run as a doc-test.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
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
