//! Observations as a caller holds them, checked at the boundary: values
//! with their own units converted to the target's unit, and a series whose
//! values cannot be in the unit it claims (a jump of more than 100× between
//! two observations, or growth of more than tenfold, or a fall to less than
//! a tenth, in a year) stopped before any method runs.
//!
//! Problems are [`Error::InvalidObservations`] whose rows have line 0 (the
//! observations were values, not text) and whose messages name the year.

use super::deflate::{deflate, Deflator};
use super::series::Series;
use super::target::{Target, TargetKind};
use super::{assess, Assessment, Options};
use crate::catalog::{Figure, Indicator, PriceBasis};
use crate::error::{fmt_f64, Error, Result, RowProblem};
use crate::units::Unit;

/// A step between two observations larger than this factor (either way) is
/// a unit slip, whatever the years between them.
pub const MAX_JUMP: f64 = 100.0;

/// Growth by more than this factor a year (or a fall to less than its
/// inverse) is not a plausible level series (checked for every target kind
/// except cumulative ones, whose annual flows may vary widely).
pub const MAX_ANNUAL_FACTOR: f64 = 10.0;

fn problem(message: String) -> RowProblem {
    RowProblem {
        line: 0,
        column: 0,
        message,
    }
}

/// Converts `(year, value, unit)` observations to `(year, value)` in `unit`
/// (a point's unit `None` means it is already in `unit`). All problems are
/// collected, each naming its year: a non-finite value, a unit that does
/// not parse or convert, a unit given when `unit` is `None`, a year given
/// twice.
///
/// # Errors
///
/// [`Error::InvalidObservations`] listing every problem (line 0).
///
/// # Examples
///
/// ```
/// use xh_core::assess::convert_observed;
/// use xh_core::Unit;
///
/// let yi = Unit::parse("亿元")?;
/// let pts = convert_observed(&[(2021, 4.1e10, Some("元".into())), (2022, 470.0, None)], Some(yi))?;
/// assert_eq!(pts, vec![(2021, 410.0), (2022, 470.0)]);
///
/// let err = convert_observed(&[(2021, f64::NAN, None)], Some(yi)).unwrap_err();
/// assert_eq!(err.to_string(), "1 invalid observation row(s): 2021: value must be finite, got NaN");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn convert_observed(
    points: &[(i32, f64, Option<String>)],
    unit: Option<Unit>,
) -> Result<Vec<(i32, f64)>> {
    let mut out = Vec::with_capacity(points.len());
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (year, value, given) in points {
        let (year, value) = (*year, *value);
        if !seen.insert(year) {
            problems.push(problem(format!("{year}: given twice")));
            continue;
        }
        if !value.is_finite() {
            problems.push(problem(format!(
                "{year}: value must be finite, got {}",
                fmt_f64(value)
            )));
            continue;
        }
        let given = given.as_deref().map(str::trim).filter(|u| !u.is_empty());
        let converted = match (given, unit) {
            (None, _) => Ok(value),
            (Some(text), None) => Err(format!(
                "unit {text} was given but the target has no unit to convert to"
            )),
            (Some(text), Some(to)) => Unit::parse(text)
                .and_then(|from| from.convert(value, to))
                .map_err(|e| e.to_string()),
        };
        match converted {
            Ok(v) => out.push((year, v)),
            Err(m) => problems.push(problem(format!("{year}: {m}"))),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::InvalidObservations { problems })
    }
}

/// Assesses a catalog target figure against the indicator's levels
/// ([`Series::from_indicator`]) with the caller's observations converted to
/// the indicator's unit ([`convert_observed`]) and replacing levels of the
/// same years, deflated first when a deflator is given: the path the Python
/// and C bindings take for a catalog target.
///
/// # Errors
///
/// As [`convert_observed`], [`Target::from_figure`], [`deflate`] and
/// [`assess`] (including the plausibility check).
///
/// # Examples
///
/// ```
/// use xh_core::assess::{assess_observed, Options};
/// let cat = xh_core::catalog::embedded();
/// let ai = cat.get("ai_output")?;
/// let fig = ai.default_target().unwrap();
/// // 4.1e10 yuan is 410亿元:
/// let a = assess_observed(ai, fig, &[(2021, 4.1e10, Some("元".into()))], None, &Options::default())?;
/// assert_eq!(a.series.get(2021), Some(410.0));
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn assess_observed(
    indicator: &Indicator,
    figure: &Figure,
    observed: &[(i32, f64, Option<String>)],
    deflator: Option<&Deflator>,
    opts: &Options,
) -> Result<Assessment> {
    let target = Target::from_figure(indicator, figure)?;
    let points = convert_observed(observed, Some(indicator.unit()))?;
    let mut series = Series::from_indicator(indicator).overridden_by(&points)?;
    if let Some(d) = deflator {
        series = deflate(&series, d)?;
    }
    assess(&target, &series, opts)
}

/// Assesses a hand-made target against the caller's observations
/// converted to the target's unit ([`convert_observed`]), declared at
/// `price_basis` and deflated first when a deflator is given.
///
/// # Errors
///
/// As [`convert_observed`], [`deflate`] and [`assess`].
pub fn assess_points(
    target: &Target,
    observed: &[(i32, f64, Option<String>)],
    price_basis: Option<PriceBasis>,
    deflator: Option<&Deflator>,
    opts: &Options,
) -> Result<Assessment> {
    let points = convert_observed(observed, target.unit)?;
    let mut series = Series::new(&points)?.with_price_basis(price_basis);
    if let Some(d) = deflator {
        series = deflate(&series, d)?;
    }
    assess(target, &series, opts)
}

/// A number for a message: `350`, `4.1e10`, `1.2e8`, `0.0041`.
fn short(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e6).contains(&a) {
        let s = format!("{v:.1e}");
        s.replace(".0e", "e")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A factor for a message: `11.5`, `112.5`, `1.2e8`.
fn times(f: f64) -> String {
    if f < 1e3 {
        let s = format!("{f:.1}");
        s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
    } else {
        short(f)
    }
}

/// Stops a series that cannot be in the unit it claims: between any two
/// consecutive positive observations, a change by more than [`MAX_JUMP`]
/// either way, or (except for cumulative targets, whose series are annual
/// flows) by more than [`MAX_ANNUAL_FACTOR`] a year either way. Zero and
/// negative values are not compared.
///
/// [`super::assess`] runs this unless [`super::Options::check_plausibility`]
/// is off; turn it off when such a jump is real.
///
/// # Errors
///
/// [`Error::InvalidObservations`] with one row (line 0) naming the years,
/// the values, the unit and the factor.
///
/// # Examples
///
/// ```
/// use xh_core::assess::{check_plausibility, Series};
/// let cat = xh_core::catalog::embedded();
/// let ai = cat.get("ai_output")?;
/// let target = xh_core::assess::Target::from_figure(ai, ai.targets().next().unwrap())?;
/// // 4.1e10 yuan where 亿元 are meant:
/// let series = Series::from_indicator(ai).overridden_by(&[(2021, 4.1e10)])?;
/// let err = check_plausibility(&target, &series).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "1 invalid observation row(s): ai_output 2021: values are in 亿元; 4.1e10 is 1.2e8 times \
///      the 2020 level 350: wrong unit? (if the values are right, turn check_plausibility off)"
/// );
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn check_plausibility(target: &Target, series: &Series) -> Result<()> {
    let flows = matches!(target.kind, TargetKind::Cumulative { .. });
    let unit = target.unit.map(|u| u.zh());
    let who = if target.indicator.is_empty() {
        String::new()
    } else {
        format!("{} ", target.indicator)
    };
    let units = match &unit {
        Some(u) if !u.is_empty() => format!("values are in {u}; "),
        _ => String::new(),
    };
    for w in series.points().windows(2) {
        let (a, b) = (w[0], w[1]);
        if a.value <= 0.0 || b.value <= 0.0 {
            continue;
        }
        let factor = b.value / a.value;
        let years = f64::from(b.year - a.year);
        let annual = factor.powf(1.0 / years);
        let relation = if factor >= 1.0 {
            format!("{} times", times(factor))
        } else {
            format!("1/{} of", times(1.0 / factor))
        };
        let jump = !(1.0 / MAX_JUMP..=MAX_JUMP).contains(&factor);
        let steep = !flows && !(1.0 / MAX_ANNUAL_FACTOR..=MAX_ANNUAL_FACTOR).contains(&annual);
        if !jump && !steep {
            continue;
        }
        let message = if jump {
            format!(
                "{who}{}: {units}{} is {relation} the {} level {}: wrong unit? \
                 (if the values are right, turn check_plausibility off)",
                b.year,
                short(b.value),
                a.year,
                short(a.value)
            )
        } else {
            format!(
                "{who}{}: {units}{} is {relation} the {} level {} ({:+.0} % a year): \
                 wrong unit or a typo? (if the values are right, turn check_plausibility off)",
                b.year,
                short(b.value),
                a.year,
                short(a.value),
                (annual - 1.0) * 100.0
            )
        };
        return Err(Error::InvalidObservations {
            problems: vec![problem(message)],
        });
    }
    Ok(())
}

/// Notes on observations after the target year, which no method uses.
pub(crate) fn late_notes(target: &Target, series: &Series) -> Vec<String> {
    series
        .points()
        .iter()
        .filter(|p| p.year > target.target_year)
        .map(|p| {
            format!(
                "{}: {} is after the target year {} and was not used",
                p.year,
                short(p.value),
                target.target_year
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Series;

    fn growth(unit: &str) -> Target {
        serde_json::from_value(serde_json::json!({
            "indicator": "x", "kind": "growth", "rate": 0.05,
            "base_year": 2020, "target_year": 2025, "unit": unit
        }))
        .unwrap()
    }

    #[test]
    fn short_numbers() {
        assert_eq!(short(350.0), "350");
        assert_eq!(short(4.1e10), "4.1e10");
        assert_eq!(short(1.171_428_571e8), "1.2e8");
        assert_eq!(short(0.0041), "0.0041");
        assert_eq!(short(0.000_41), "4.1e-4");
        assert_eq!(short(11.714_285), "11.7143");
    }

    #[test]
    fn ordinary_series_pass() {
        let s =
            Series::new(&[(2020, 350.0), (2021, 410.0), (2022, 200.0), (2024, 1900.0)]).unwrap();
        check_plausibility(&growth("亿元"), &s).unwrap();
        // Zero and negative values are not compared.
        let s = Series::new(&[(2020, 0.0), (2021, 1e9), (2022, -5.0)]).unwrap();
        check_plausibility(&growth("亿元"), &s).unwrap();
    }

    #[test]
    fn jumps_and_steep_growth_are_stopped() {
        let s = Series::new(&[(2020, 4.5), (2021, 0.04)]).unwrap();
        let e = check_plausibility(&growth("%"), &s)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(
                "x 2021: values are in %; 0.04 is 1/112.5 of the 2020 level 4.5: wrong unit?"
            ),
            "{e}"
        );
        let s = Series::new(&[(2019, 4.4), (2020, 4.5), (2021, 0.3)]).unwrap();
        let e = check_plausibility(&growth("%"), &s)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("2021: values are in %; 0.3 is 1/15 of the 2020 level 4.5 (-93 % a year): wrong unit or a typo?"),
            "{e}"
        );
        let s = Series::new(&[(2020, 350.0), (2021, 410.0), (2022, 4700.0)]).unwrap();
        let e = check_plausibility(&growth("亿元"), &s)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(
                "2022: values are in 亿元; 4700 is 11.5 times the 2021 level 410 (+1046 % a year)"
            ),
            "{e}"
        );
        // A tenfold rise over three years is 2.15× a year: plausible.
        let s = Series::new(&[(2020, 10.0), (2023, 100.0)]).unwrap();
        check_plausibility(&growth("亿元"), &s).unwrap();
        // Cumulative targets hold annual flows: only jumps count.
        let mut t = growth("公顷");
        t.kind = TargetKind::Cumulative { total: 10.0 };
        let s = Series::new(&[(2021, 0.5), (2022, 20.0)]).unwrap();
        check_plausibility(&t, &s).unwrap();
        let s = Series::new(&[(2021, 0.5), (2022, 60.0)]).unwrap();
        assert!(check_plausibility(&t, &s).is_err());
    }

    #[test]
    fn every_catalog_series_is_plausible() {
        let cat = crate::catalog::embedded();
        for ind in cat.indicators() {
            for fig in ind.targets() {
                let Ok(t) = Target::from_figure(ind, fig) else {
                    continue;
                };
                let s = Series::from_indicator(ind);
                if let Err(e) = check_plausibility(&t, &s) {
                    panic!("{}: {e}", ind.id());
                }
            }
        }
    }

    #[test]
    fn conversion_names_each_year() {
        let yi = Unit::parse("亿元").unwrap();
        let e = convert_observed(
            &[
                (2021, 1.0, Some("公顷".into())),
                (2022, 2.0, Some("bananas".into())),
                (2022, 3.0, None),
                (2023, f64::INFINITY, None),
            ],
            Some(yi),
        )
        .unwrap_err();
        let Error::InvalidObservations { problems } = e else {
            panic!("{e:?}")
        };
        let msgs: Vec<_> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(
            msgs[0].starts_with("2021: cannot convert 公顷 to 亿元"),
            "{msgs:?}"
        );
        assert_eq!(msgs[1], "2022: unknown unit \"bananas\"");
        assert_eq!(msgs[2], "2022: given twice");
        assert_eq!(msgs[3], "2023: value must be finite, got inf");
        let e = convert_observed(&[(2021, 1.0, Some("元".into()))], None).unwrap_err();
        assert!(e.to_string().contains("no unit to convert to"), "{e}");
    }
}
