//! The crate's one error type.

use std::fmt;

/// Every error xh-core can return.
///
/// Messages are lowercase, name the offending argument and show its value,
/// e.g. `start must be positive and finite, got -3`. Match on
/// [`Error::kind`] when you need a stable, language-neutral tag (the Python
/// and C bindings expose the same tags).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A numeric argument is NaN or ±infinity.
    #[error("{arg} must be finite, got {}", fmt_f64(*.value))]
    NonFinite {
        /// The argument's name, as in the function signature.
        arg: &'static str,
        /// The value received.
        value: f64,
    },
    /// A finite numeric argument is outside the function's domain.
    #[error("{arg} must be {requirement}, got {}", fmt_f64(*.value))]
    OutOfDomain {
        /// The argument's name, as in the function signature.
        arg: &'static str,
        /// The value received.
        value: f64,
        /// What the argument must be, e.g. `"positive"` or `"greater than -1"`.
        requirement: &'static str,
    },
    /// The target can never be reached from the start at the given rate
    /// (wrong sign of growth, or zero growth towards a different value).
    #[error(
        "target {} is unreachable from start {} at rate {}",
        fmt_f64(*.target),
        fmt_f64(*.start),
        fmt_f64(*.rate)
    )]
    Unreachable {
        /// The starting value.
        start: f64,
        /// The value to reach.
        target: f64,
        /// The per-period growth rate (decimal fraction).
        rate: f64,
    },
    /// The mathematically defined result does not fit in an `f64`.
    #[error("{function} overflows: {inputs}")]
    Overflow {
        /// The function whose result overflowed.
        function: &'static str,
        /// The inputs, formatted as `name=value` pairs.
        inputs: String,
    },
    /// A sequence argument is empty where at least one element is needed.
    #[error("{arg} must not be empty")]
    EmptyInput {
        /// The argument's name.
        arg: &'static str,
    },
    /// Array arguments that must broadcast together have incompatible lengths.
    #[error("{arg} has length {len}, expected 1 or {expected}")]
    LengthMismatch {
        /// The argument's name.
        arg: &'static str,
        /// Its length.
        len: usize,
        /// The length the other arguments imply.
        expected: usize,
    },
    /// An element of a batch input is invalid; wraps the element's error.
    #[error("element {index}: {source}")]
    AtIndex {
        /// Position of the first invalid element.
        index: usize,
        /// What is wrong with it.
        source: Box<Error>,
    },
    /// A unit text that xh-core does not know.
    #[error("unknown unit {text:?}")]
    UnknownUnit {
        /// The text that failed to parse.
        text: String,
    },
    /// A conversion between units of different dimensions (e.g. hectares to yuan).
    #[error("cannot convert {from} to {to}: {reason}")]
    UnitMismatch {
        /// The source unit, as displayed in Chinese.
        from: String,
        /// The destination unit, as displayed in Chinese.
        to: String,
        /// Why not, e.g. `"area and money are different dimensions"`.
        reason: String,
    },
    /// A conversion between currencies without an exchange rate.
    #[error("converting {from} to {to} needs an exchange rate")]
    ExchangeRateRequired {
        /// The source unit.
        from: String,
        /// The destination unit.
        to: String,
    },
    /// No indicator (or figure) with this id. The message suggests the
    /// nearest known id, if one is close, and points to `Catalog.search`.
    #[error("unknown indicator id {id:?}{}", did_you_mean(.suggestion.as_deref()))]
    UnknownId {
        /// The id looked up.
        id: String,
        /// The nearest known id, if one is close (a typo, another case).
        suggestion: Option<String>,
    },
    /// The embedded or a user-supplied catalog file is malformed or inconsistent.
    #[error("invalid catalog: entry {entry}: field {field}: {message}")]
    InvalidCatalog {
        /// The indicator id (and figure index) at fault, or `"<file>"`.
        entry: String,
        /// The field at fault.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// User observations failed validation; nothing was loaded.
    #[error("{} invalid observation row(s): {}", .problems.len(), join_problems(.problems))]
    InvalidObservations {
        /// Every problem found, in input order.
        problems: Vec<RowProblem>,
    },
    /// A growth target at comparable (constant) prices was compared with a
    /// current-price series, or the reverse, without a deflator.
    #[error("{indicator}: target is at {target_basis} prices but observations are at {observed_basis} prices; supply a deflator to convert")]
    PriceBasisMismatch {
        /// The indicator id.
        indicator: String,
        /// The target's price basis.
        target_basis: String,
        /// The observations' price basis.
        observed_basis: String,
    },
    /// A period whose end is before its start, or a year outside the supported range.
    #[error("{arg} must be {requirement}, got {value}")]
    InvalidYear {
        /// The argument's name.
        arg: &'static str,
        /// The year received.
        value: i32,
        /// What it must be.
        requirement: String,
    },
    /// An argument that is not numeric is invalid (e.g. an unknown option).
    #[error("{arg} is invalid: {message}")]
    InvalidArgument {
        /// The argument's name.
        arg: &'static str,
        /// What is wrong, including the value.
        message: String,
    },
}

/// One problem found while loading user observations.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RowProblem {
    /// 1-based line number in the input (the header is line 1 for CSV);
    /// 0 when the observations were values rather than text (a mapping of
    /// year to value), and the message names the year instead.
    pub line: usize,
    /// 1-based column number, or 0 when the whole row is at fault.
    pub column: usize,
    /// What is wrong, lowercase.
    pub message: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else if self.column == 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(
                f,
                "line {} column {}: {}",
                self.line, self.column, self.message
            )
        }
    }
}

fn join_problems(problems: &[RowProblem]) -> String {
    const SHOWN: usize = 10;
    let mut s = problems
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > SHOWN {
        s.push_str(&format!("; and {} more", problems.len() - SHOWN));
    }
    s
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!("; did you mean {s:?}? (Catalog.search finds indicators by name)"),
        None => " (Catalog.search finds indicators by name)".to_owned(),
    }
}

/// Formats a float the way users typed it: `-3`, `0.05`, `NaN`, `inf`, `1e300`.
pub(crate) fn fmt_f64(v: f64) -> String {
    if v.is_nan() {
        "NaN".to_owned()
    } else if v.is_infinite() {
        if v > 0.0 { "inf" } else { "-inf" }.to_owned()
    } else if v != 0.0 && (v.abs() >= 1e16 || v.abs() < 1e-6) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A stable, language-neutral tag for each [`Error`] variant.
///
/// The Python exception classes and the C status codes map one-to-one onto
/// these tags; the shared test vectors name them by [`ErrorKind::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// See [`Error::NonFinite`].
    NonFinite,
    /// See [`Error::OutOfDomain`].
    OutOfDomain,
    /// See [`Error::Unreachable`].
    Unreachable,
    /// See [`Error::Overflow`].
    Overflow,
    /// See [`Error::EmptyInput`].
    EmptyInput,
    /// See [`Error::LengthMismatch`].
    LengthMismatch,
    /// See [`Error::UnknownUnit`].
    UnknownUnit,
    /// See [`Error::UnitMismatch`].
    UnitMismatch,
    /// See [`Error::ExchangeRateRequired`].
    ExchangeRateRequired,
    /// See [`Error::UnknownId`].
    UnknownId,
    /// See [`Error::InvalidCatalog`].
    InvalidCatalog,
    /// See [`Error::InvalidObservations`].
    InvalidObservations,
    /// See [`Error::PriceBasisMismatch`].
    PriceBasisMismatch,
    /// See [`Error::InvalidYear`].
    InvalidYear,
    /// See [`Error::InvalidArgument`].
    InvalidArgument,
}

impl ErrorKind {
    /// Every kind, in declaration order (the C status codes follow it).
    pub const ALL: [ErrorKind; 15] = [
        ErrorKind::NonFinite,
        ErrorKind::OutOfDomain,
        ErrorKind::Unreachable,
        ErrorKind::Overflow,
        ErrorKind::EmptyInput,
        ErrorKind::LengthMismatch,
        ErrorKind::UnknownUnit,
        ErrorKind::UnitMismatch,
        ErrorKind::ExchangeRateRequired,
        ErrorKind::UnknownId,
        ErrorKind::InvalidCatalog,
        ErrorKind::InvalidObservations,
        ErrorKind::PriceBasisMismatch,
        ErrorKind::InvalidYear,
        ErrorKind::InvalidArgument,
    ];

    /// The snake_case tag, e.g. `"out_of_domain"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NonFinite => "non_finite",
            ErrorKind::OutOfDomain => "out_of_domain",
            ErrorKind::Unreachable => "unreachable",
            ErrorKind::Overflow => "overflow",
            ErrorKind::EmptyInput => "empty_input",
            ErrorKind::LengthMismatch => "length_mismatch",
            ErrorKind::UnknownUnit => "unknown_unit",
            ErrorKind::UnitMismatch => "unit_mismatch",
            ErrorKind::ExchangeRateRequired => "exchange_rate_required",
            ErrorKind::UnknownId => "unknown_id",
            ErrorKind::InvalidCatalog => "invalid_catalog",
            ErrorKind::InvalidObservations => "invalid_observations",
            ErrorKind::PriceBasisMismatch => "price_basis_mismatch",
            ErrorKind::InvalidYear => "invalid_year",
            ErrorKind::InvalidArgument => "invalid_argument",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The variant's stable tag. For [`Error::AtIndex`] this is the kind of
    /// the wrapped element error, so a batch call and the scalar call on the
    /// same bad element report the same kind.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NonFinite { .. } => ErrorKind::NonFinite,
            Error::OutOfDomain { .. } => ErrorKind::OutOfDomain,
            Error::Unreachable { .. } => ErrorKind::Unreachable,
            Error::Overflow { .. } => ErrorKind::Overflow,
            Error::EmptyInput { .. } => ErrorKind::EmptyInput,
            Error::LengthMismatch { .. } => ErrorKind::LengthMismatch,
            Error::AtIndex { source, .. } => source.kind(),
            Error::UnknownUnit { .. } => ErrorKind::UnknownUnit,
            Error::UnitMismatch { .. } => ErrorKind::UnitMismatch,
            Error::ExchangeRateRequired { .. } => ErrorKind::ExchangeRateRequired,
            Error::UnknownId { .. } => ErrorKind::UnknownId,
            Error::InvalidCatalog { .. } => ErrorKind::InvalidCatalog,
            Error::InvalidObservations { .. } => ErrorKind::InvalidObservations,
            Error::PriceBasisMismatch { .. } => ErrorKind::PriceBasisMismatch,
            Error::InvalidYear { .. } => ErrorKind::InvalidYear,
            Error::InvalidArgument { .. } => ErrorKind::InvalidArgument,
        }
    }
}

/// `Result<T, xh_core::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
