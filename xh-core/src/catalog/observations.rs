//! Adding a user's own observations (e.g. 2021–2025 actuals) to a catalog.
//!
//! Input is CSV or JSON. Everything is validated before anything is added:
//! a bad row (unknown id, wrong unit, non-numeric value, duplicate year …)
//! makes the whole call fail with [`Error::InvalidObservations`], which lists
//! every problem with its line (and column, for CSV), and leaves the catalog
//! as it was.
//!
//! CSV: a header row naming the columns `id`, `year`, `value` and optionally
//! `unit`, `status` (`actual` or `estimate`) and `note`, in any order;
//! RFC 4180 quoting (read with the `csv` crate: quoted separators, doubled
//! quotes and line breaks inside quotes); UTF-8 with or without BOM; `\n`,
//! `\r\n` or `\r` line ends; blank lines are skipped.
//! Values are plain numbers: `3.5` with `亿元` in the unit column, not
//! `3.5亿`; no `%` signs or thousands separators (such cells are rejected
//! with a message that says what to write instead).
//!
//! JSON: an array of objects with the same keys.
//!
//! # Examples
//!
//! ```
//! let mut cat = xh_core::catalog::embedded().clone();
//! cat.add_observations_csv("id,year,value,unit\nai_output,2021,410,亿元\n")?;
//! assert_eq!(cat.get("ai_output")?.latest_level(2021).unwrap().value(), Some(410.0));
//!
//! let err = cat.add_observations_csv("id,year,value\nai_output,2022,abc\nnope,2022,1\n").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "2 invalid observation row(s): line 2 column 3: value \"abc\" is not a number; \
//!      line 3 column 1: unknown indicator id \"nope\""
//! );
//! # Ok::<(), xh_core::Error>(())
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::model::{Figure, Group, Status};
use super::validate::YEARS;
use super::{csv_input, Catalog};
use crate::error::{Error, Result, RowProblem};
use crate::units::Unit;

/// One observation supplied by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// The indicator id.
    pub id: String,
    /// The calendar year.
    pub year: i32,
    /// The level in that year.
    pub value: f64,
    /// Its unit; the indicator's unit when absent.
    #[serde(default)]
    pub unit: Option<String>,
    /// `actual` (default) or `estimate`.
    #[serde(default)]
    pub status: Option<String>,
    /// A free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Where a field sits in the input, for messages.
#[derive(Clone, Copy)]
pub(super) struct Place {
    pub(super) line: usize,
    /// Column per field (`ID`, `YEAR`, `VALUE`, `UNIT`, `STATUS`), 0 when
    /// unknown (JSON).
    pub(super) columns: [usize; 5],
}

/// An observation read from the input, with the unit already parsed when
/// the format gives it in parts (SDMX's `UNIT_MEASURE` and `UNIT_MULT`)
/// rather than as text, and where it sits.
pub(super) type Pending = (Observation, Option<Unit>, Place);

pub(super) const ID: usize = 0;
pub(super) const YEAR: usize = 1;
pub(super) const VALUE: usize = 2;
pub(super) const UNIT: usize = 3;
pub(super) const STATUS: usize = 4;

impl Catalog {
    /// Adds observations, all or nothing. Returns how many were added.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidObservations`] listing every problem (with the
    /// 1-based position in `observations` as the line); the catalog is
    /// unchanged.
    pub fn add_observations(&mut self, observations: &[Observation]) -> Result<usize> {
        let rows: Vec<_> = observations
            .iter()
            .enumerate()
            .map(|(i, o)| {
                (
                    o.clone(),
                    None,
                    Place {
                        line: i + 1,
                        columns: [0; 5],
                    },
                )
            })
            .collect();
        self.commit(rows, Vec::new())
    }

    /// Adds observations from CSV text, all or nothing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidObservations`] with every problem's line and column;
    /// the catalog is unchanged.
    pub fn add_observations_csv(&mut self, text: &str) -> Result<usize> {
        let (rows, problems) = parse_csv(text.strip_prefix('\u{feff}').unwrap_or(text));
        self.commit(rows, problems)
    }

    /// Adds observations from CSV bytes: UTF-8 with or without BOM. Other
    /// encodings (UTF-16, GBK …) are rejected with the line of the first
    /// undecodable byte.
    ///
    /// # Errors
    ///
    /// As [`Catalog::add_observations_csv`], plus encoding problems.
    pub fn add_observations_csv_bytes(&mut self, bytes: &[u8]) -> Result<usize> {
        let text = decode(bytes)?;
        self.add_observations_csv(text)
    }

    /// Adds observations from a JSON array of objects, all or nothing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidObservations`] with every problem's line; the catalog
    /// is unchanged.
    pub fn add_observations_json(&mut self, text: &str) -> Result<usize> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let parsed: Vec<serde_json::Value> = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                return Err(Error::InvalidObservations {
                    problems: vec![RowProblem {
                        line: e.line(),
                        column: e.column(),
                        message: format!("malformed JSON: {e}"),
                    }],
                })
            }
        };
        let lines = element_lines(text);
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        for (i, value) in parsed.into_iter().enumerate() {
            let line = lines.get(i).copied().unwrap_or(0);
            match serde_json::from_value::<Observation>(value) {
                Ok(o) => rows.push((
                    o,
                    None,
                    Place {
                        line,
                        columns: [0; 5],
                    },
                )),
                Err(e) => problems.push(RowProblem {
                    line,
                    column: 0,
                    message: format!("invalid observation: {e}"),
                }),
            }
        }
        self.commit(rows, problems)
    }

    /// Adds observations from JSON bytes (UTF-8, optional BOM).
    ///
    /// # Errors
    ///
    /// As [`Catalog::add_observations_json`], plus encoding problems.
    pub fn add_observations_json_bytes(&mut self, bytes: &[u8]) -> Result<usize> {
        let text = decode(bytes)?;
        self.add_observations_json(text)
    }

    /// Validates every row, then adds them all or none: the one place where
    /// observations from any format become figures.
    pub(super) fn commit(
        &mut self,
        rows: Vec<Pending>,
        mut problems: Vec<RowProblem>,
    ) -> Result<usize> {
        let mut accepted: Vec<(usize, Figure)> = Vec::new();
        let mut seen = HashSet::new();
        for (obs, parsed_unit, place) in rows {
            let at = |field: usize, message: String| RowProblem {
                line: place.line,
                column: place.columns[field],
                message,
            };
            let Some(&index) = self.index.get(obs.id.as_str()) else {
                problems.push(at(ID, self.unknown_id_message(&obs.id)));
                continue;
            };
            let ind = &self.indicators[index];
            let mut row_ok = true;
            if !YEARS.contains(&obs.year) {
                problems.push(at(
                    YEAR,
                    format!(
                        "year {} is outside {}..={}",
                        obs.year,
                        YEARS.start(),
                        YEARS.end()
                    ),
                ));
                row_ok = false;
            }
            if !obs.value.is_finite() {
                problems.push(at(
                    VALUE,
                    format!("value must be finite, got {}", obs.value),
                ));
                row_ok = false;
            }
            let parsed = match (parsed_unit, obs.unit.as_deref().map(str::trim)) {
                (Some(u), _) => Some(Ok(u)),
                (None, Some(text)) if !text.is_empty() => Some(Unit::parse(text)),
                (None, _) => None,
            };
            let unit = match parsed {
                None => Some(ind.unit),
                Some(parsed) => match parsed {
                    Ok(u) if u.dimension() == ind.unit.dimension() => Some(u),
                    Ok(u) => {
                        problems.push(at(
                            UNIT,
                            format!(
                                "unit {} does not match {}'s unit {}",
                                u.zh(),
                                ind.id,
                                ind.unit.zh()
                            ),
                        ));
                        None
                    }
                    Err(e) => {
                        problems.push(at(UNIT, e.to_string()));
                        None
                    }
                },
            };
            let status = match obs
                .status
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                None => Some(Status::Actual),
                Some(s) => match Status::parse(s) {
                    Ok(Status::Target) => {
                        problems.push(at(STATUS, "observations cannot be targets".to_owned()));
                        None
                    }
                    Ok(s) => Some(s),
                    Err(_) => {
                        problems.push(at(
                            STATUS,
                            format!("status {s:?} is not actual or estimate"),
                        ));
                        None
                    }
                },
            };
            let (Some(unit), Some(status), true) = (unit, status, row_ok) else {
                continue;
            };
            let duplicate_existing = ind
                .figures
                .iter()
                .any(|f| f.group == Group::User && f.year_end == obs.year);
            if duplicate_existing || !seen.insert((index, obs.year)) {
                problems.push(at(
                    YEAR,
                    format!("duplicate observation for {} in {}", ind.id, obs.year),
                ));
                continue;
            }
            // Store in the indicator's own unit so levels line up.
            let value = match unit.convert(obs.value, ind.unit) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(at(VALUE, e.to_string()));
                    continue;
                }
            };
            accepted.push((
                index,
                Figure::user_level(
                    ind,
                    value,
                    obs.year,
                    status,
                    obs.note.filter(|n| !n.trim().is_empty()),
                ),
            ));
        }
        if !problems.is_empty() {
            problems.sort_by_key(|p| (p.line, p.column));
            return Err(Error::InvalidObservations { problems });
        }
        let n = accepted.len();
        for (index, fig) in accepted {
            self.indicators[index].figures.push(fig);
        }
        Ok(n)
    }
}

pub(super) fn decode(bytes: &[u8]) -> Result<&str> {
    let problem = |line: usize, message: &str| Error::InvalidObservations {
        problems: vec![RowProblem {
            line,
            column: 0,
            message: message.to_owned(),
        }],
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(problem(1, "the input is UTF-16; save it as UTF-8"));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        problem(
            line,
            "the input is not valid UTF-8 (GBK or another legacy encoding?); save it as UTF-8",
        )
    })
}

fn parse_csv(text: &str) -> (Vec<Pending>, Vec<RowProblem>) {
    let (records, unterminated) = csv_input::records(text);
    let mut problems: Vec<RowProblem> = unterminated.into_iter().collect();
    let mut records = records.into_iter();
    let Some((header_line, header)) = records.next() else {
        problems.push(RowProblem {
            line: 1,
            column: 0,
            message: "empty input: expected a header row id,year,value[,unit][,status][,note]"
                .to_owned(),
        });
        return (Vec::new(), problems);
    };
    const NAMES: [&str; 6] = ["id", "year", "value", "unit", "status", "note"];
    let mut position = [usize::MAX; 6];
    for (col, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        match NAMES.iter().position(|n| *n == name) {
            Some(k) if position[k] == usize::MAX => position[k] = col,
            Some(_) => problems.push(RowProblem {
                line: header_line,
                column: col + 1,
                message: format!("duplicate column {name:?}"),
            }),
            None => problems.push(RowProblem {
                line: header_line,
                column: col + 1,
                message: format!("unknown column {name:?}; expected {}", NAMES.join(", ")),
            }),
        }
    }
    for (k, name) in NAMES.iter().enumerate().take(3) {
        if position[k] == usize::MAX {
            problems.push(RowProblem {
                line: header_line,
                column: 0,
                message: format!("missing column {name:?}"),
            });
        }
    }
    if !problems.is_empty() {
        return (Vec::new(), problems);
    }
    let mut rows = Vec::new();
    for (line, fields) in records {
        if fields.len() != header.len() {
            problems.push(RowProblem {
                line,
                column: 0,
                message: format!("expected {} columns, found {}", header.len(), fields.len()),
            });
            continue;
        }
        let cell = |k: usize| -> Option<&str> {
            (position[k] != usize::MAX).then(|| fields[position[k]].trim())
        };
        let column = |k: usize| {
            if position[k] == usize::MAX {
                0
            } else {
                position[k] + 1
            }
        };
        let mut row_problem = |k: usize, message: String| {
            problems.push(RowProblem {
                line,
                column: column(k),
                message,
            })
        };
        let id = cell(0).unwrap_or_default().to_owned();
        let year = match cell(1).unwrap_or_default() {
            y if whole_year(y).is_some() => whole_year(y),
            y => {
                row_problem(1, format!("year {y:?} is not a whole number"));
                None
            }
        };
        let value = match parse_value(cell(2).unwrap_or_default()) {
            Ok(v) => Some(v),
            Err(m) => {
                row_problem(2, m);
                None
            }
        };
        let (Some(year), Some(value)) = (year, value) else {
            continue;
        };
        let columns = [column(0), column(1), column(2), column(3), column(4)];
        rows.push((
            Observation {
                id,
                year,
                value,
                unit: cell(3).map(str::to_owned),
                status: cell(4).map(str::to_owned),
                note: cell(5).map(str::to_owned),
            },
            None,
            Place { line, columns },
        ));
    }
    (rows, problems)
}

/// A year cell: `2021`, or `2021.0` as spreadsheets and pandas write a
/// float column of years; `2021.5` is not a year.
fn whole_year(cell: &str) -> Option<i32> {
    let digits = match cell.split_once('.') {
        Some((y, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => y,
        Some(_) => return None,
        None => cell,
    };
    digits.parse().ok()
}

pub(super) fn parse_value(cell: &str) -> std::result::Result<f64, String> {
    if cell.is_empty() {
        return Err("value is empty".to_owned());
    }
    let plain = cell
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if plain {
        if let Ok(v) = cell.parse::<f64>() {
            return if v.is_finite() {
                Ok(v)
            } else {
                Err(format!("value {cell:?} is not finite"))
            };
        }
    }
    let hint = if cell.ends_with(['%', '％']) {
        "; write the number without % and put % in the unit column"
    } else if cell.ends_with(['万', '亿']) {
        "; write the number and put the magnitude in the unit column (e.g. 3.5 with 亿元)"
    } else if cell.contains(',') && cell.replace(',', "").parse::<f64>().is_ok() {
        "; remove the thousands separators"
    } else {
        ""
    };
    Err(format!("value {cell:?} is not a number{hint}"))
}

/// 1-based line of each top-level element of a JSON array.
fn element_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut depth, mut line) = (0usize, 1usize);
    let (mut in_string, mut escaped, mut expecting) = (false, false, false);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if expecting && !c.is_whitespace() && c != ']' {
            lines.push(line);
            expecting = false;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth == 1 && c == '[' {
                    expecting = true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expecting = true,
            _ => {}
        }
    }
    lines
}
