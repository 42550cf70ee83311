//! # xh-core
//!
//! The figures of the **2021 Government Work Report of Xuhui District,
//! Shanghai** (delivered 2021-01-13) as a typed, sourced catalog, with the
//! growth mathematics analysts use to read a five-year plan and the target
//! tracking that says whether a plan is on course.
//!
//! * [`catalog`]: every figure of the report (2020 results, the 13th
//!   Five-Year Plan record, the 14th Five-Year Plan's targets, the 2021
//!   plan), each with its unit, period, status, qualifier and the exact
//!   quote it came from; your own observations added from CSV or JSON;
//! * [`assess`](mod@assess): a target against observations — the pace
//!   still needed, the Eurostat ratio class, the UNSD progress score, the
//!   Destatis weather, the probability of attainment — with units
//!   converted and implausible series stopped at the boundary;
//! * [`report`]: the bilingual plan dashboard;
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
//! * [`sanity`]: the guard rails for a percent given where a decimal rate
//!   is meant and a fraction where a percent share is meant.
//!
//! Every fallible function returns [`Result`] with the crate's one
//! [`Error`] type: no panics, no NaN or infinity passed off as an answer.
//!
//! # Examples
//!
//! A figure of the report, with its source sentence, and its target
//! assessed against observations (synthetic here), given in yuan and
//! converted to the indicator's 亿元:
//!
//! ```
//! use xh_core::assess::{assess_observed, Options, RatioClass};
//! use xh_core::catalog;
//!
//! let cat = catalog::embedded();
//! let ai = cat.get("ai_output")?; // 人工智能及相关产业总产出
//! let base = ai.latest_level(2020).unwrap();
//! assert_eq!((base.value(), base.unit().zh()), (350.0, "亿元".to_owned()));
//! assert!(base.quote().contains("350亿元"));
//!
//! let target = ai.default_target().unwrap(); // 年均增长15%, 2021–2025
//! let observed = [(2021, 4.1e10, Some("元".to_owned())), (2022, 4.7e10, Some("元".to_owned()))];
//! let a = assess_observed(ai, target, &observed, None, &Options::default())?;
//! assert_eq!(a.series.get(2022), Some(470.0));
//! assert_eq!(a.eurostat.assessed().unwrap().class, RatioClass::OnTrack);
//! println!("{a}"); // one line per method
//!
//! // A typo names the nearest id:
//! assert!(cat.get("ai_ouput").unwrap_err().to_string().contains("did you mean \"ai_output\"?"));
//! # Ok::<(), xh_core::Error>(())
//! ```
//!
//! The growth mathematics:
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
