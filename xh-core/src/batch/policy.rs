//! What a batch call does with an invalid element, and how the first
//! error among threads is found.

use std::str::FromStr;

use crate::error::{Error, Result};

/// What a batch call does with an invalid element.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ErrorPolicy {
    /// Fail with [`Error::AtIndex`] for the lowest invalid index.
    #[default]
    Raise,
    /// Write NaN for invalid elements and compute the others.
    Nan,
}

impl FromStr for ErrorPolicy {
    type Err = Error;
    fn from_str(s: &str) -> Result<ErrorPolicy> {
        match s {
            "raise" => Ok(ErrorPolicy::Raise),
            "nan" => Ok(ErrorPolicy::Nan),
            other => Err(Error::InvalidArgument {
                arg: "errors",
                message: format!("expected \"raise\" or \"nan\", got {other:?}"),
            }),
        }
    }
}

/// Applies `policy` to element `index` whose scalar result is `r`.
#[inline]
pub(super) fn settle(
    slot: &mut f64,
    index: usize,
    r: Result<f64>,
    policy: ErrorPolicy,
) -> Result<()> {
    match r {
        Ok(v) => *slot = v,
        Err(e) => match policy {
            ErrorPolicy::Nan => *slot = f64::NAN,
            ErrorPolicy::Raise => {
                return Err(Error::AtIndex {
                    index,
                    source: Box::new(e),
                })
            }
        },
    }
    Ok(())
}

/// The element index of a batch error ([`Error::AtIndex`]), to find the
/// first one.
pub(super) fn error_index(e: &Error) -> usize {
    match e {
        Error::AtIndex { index, .. } => *index,
        _ => 0,
    }
}
