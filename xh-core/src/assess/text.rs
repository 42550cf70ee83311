//! An assessment as plain text, one method a line: what the command line
//! (`python -m xuhui assess ID`) prints and Python's `str(assessment)`.

use std::fmt;

use super::target::{Target, TargetKind};
use super::{Assessment, Outcome};
use crate::display::compact as number;

/// A value with its unit: `704.0 亿元`, `4.5%`.
fn with_unit(v: f64, unit: &str) -> String {
    let v = number(v, Some(decimals(v)));
    match unit {
        "" => v,
        "%" => format!("{v}%"),
        u => format!("{v} {u}"),
    }
}

/// Decimals that keep about four significant digits, at most 2 for levels.
fn decimals(v: f64) -> usize {
    match v.abs() {
        a if a >= 100.0 || a == 0.0 => 1,
        _ => 2,
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// The target in words: `growth 15.0%/yr, 2020→2025`.
pub(crate) fn target_text(t: &Target) -> String {
    let unit = t.unit.map(|u| u.zh()).unwrap_or_default();
    let what = match t.kind {
        TargetKind::Growth { rate } => format!("growth {}/yr", pct(rate)),
        TargetKind::Level { value } => format!("level {}", with_unit(value, &unit)),
        TargetKind::Change { amount } => {
            let sign = if amount >= 0.0 { "+" } else { "" };
            format!("change {sign}{}", with_unit(amount, &unit))
        }
        TargetKind::Cumulative { total } => format!("total {}", with_unit(total, &unit)),
        TargetKind::EveryYear { bound } => format!("every year {}", with_unit(bound, &unit)),
    };
    let q = match t.qualifier.as_str() {
        "exact" => String::new(),
        q => format!(" ({q})"),
    };
    format!("{what}{q}, {}→{}", t.base_year, t.target_year)
}

fn outcome<T>(o: &Outcome<T>, f: impl Fn(&T) -> String) -> String {
    match o {
        Outcome::Assessed(t) => f(t),
        Outcome::InsufficientData { reason, .. } => format!("insufficient data: {reason}"),
        Outcome::NotApplicable { reason } => format!("not applicable: {reason}"),
    }
}

/// Plain text, one line per method, values rounded with their unit:
///
/// ```text
/// target       growth 15.0%/yr, 2020→2025 (ai_output, 亿元)
/// observed     2020: 350.0 亿元 · 2021: 410.0 亿元
/// progress     not yet met; needs 14.6%/yr from 2021 to reach 704.0 亿元 in 2025; …
/// eurostat     on track (R = 1.14)
/// …
/// ```
impl fmt::Display for Assessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.target;
        let unit = t.unit.map(|u| u.zh()).unwrap_or_default();
        let about = match (t.indicator.as_str(), unit.as_str()) {
            ("", "") => String::new(),
            ("", u) => format!(" ({u})"),
            (id, "") => format!(" ({id})"),
            (id, u) => format!(" ({id}, {u})"),
        };
        writeln!(f, "target       {}{about}", target_text(t))?;
        let observed = self
            .series
            .points()
            .iter()
            .map(|p| format!("{}: {}", p.year, with_unit(p.value, &unit)))
            .collect::<Vec<_>>();
        let basis = self
            .series
            .price_basis()
            .map_or(String::new(), |b| format!(" ({b} prices)"));
        writeln!(
            f,
            "observed     {}{basis}",
            if observed.is_empty() {
                "none".to_owned()
            } else {
                observed.join(" · ")
            }
        )?;
        let progress = outcome(&self.progress, |p| {
            let state = if p.met { "met" } else { "not yet met" };
            let mut s = format!(
                "{state}; needs {} from {} to reach {} in {}",
                p.required_pace.with_unit(&unit),
                p.latest.year,
                with_unit(p.required_value, &unit),
                t.target_year
            );
            if let Some(pace) = p.observed_pace {
                s.push_str(&format!("; observed {}", pace.with_unit(&unit)));
            }
            if let Some(end) = p.projected_end {
                s.push_str(&format!(
                    "; projected {} in {}",
                    with_unit(end, &unit),
                    t.target_year
                ));
            }
            if let Some(g) = p.gap_share {
                s.push_str(&format!(" (gap {:+.1}%)", g * 100.0));
            }
            s
        });
        writeln!(f, "progress     {progress}")?;
        let eurostat = outcome(&self.eurostat, |r| match r.ratio {
            Some(x) => format!("{} (R = {x:.2})", r.class.en()),
            None => r.class.en().to_owned(),
        });
        writeln!(f, "eurostat     {eurostat}")?;
        let unsd = outcome(&self.unsd, |r| match r.score {
            Some(x) => format!("{} (score {x:.2})", r.class.en()),
            None => r.class.en().to_owned(),
        });
        writeln!(f, "unsd         {unsd}")?;
        let destatis = outcome(&self.destatis, |w| match w.deviation {
            Some(d) => format!("{} (deviation {})", w.class.en(), pct(d)),
            None => w.class.en().to_owned(),
        });
        writeln!(f, "destatis     {destatis}")?;
        let probability = outcome(&self.probability, |p| {
            let mc = format!(
                "Monte Carlo {} ± {}",
                pct(p.monte_carlo.probability),
                pct(p.monte_carlo.standard_error)
            );
            match p.closed_form {
                Some(c) => format!("{} ({mc})", pct(c)),
                None => mc,
            }
        });
        writeln!(f, "probability  {probability}")?;
        for n in &self.notes {
            writeln!(f, "note         {n}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::assess::{assess, Options, Series, Target};

    #[test]
    fn text_has_one_line_per_method_with_units() {
        let cat = crate::catalog::embedded();
        let ai = cat.get("ai_output").unwrap();
        let target = Target::from_figure(ai, ai.targets().next().unwrap()).unwrap();
        let series = Series::from_indicator(ai)
            .overridden_by(&[(2021, 410.0), (2022, 470.0), (2026, 900.0)])
            .unwrap();
        let a = assess(&target, &series, &Options::default()).unwrap();
        let text = a.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "target       growth 15.0%/yr, 2020→2025 (ai_output, 亿元)"
        );
        assert!(lines[1].starts_with("observed     2020: 350.0 亿元 · 2021: 410.0 亿元"));
        assert!(
            lines[2].starts_with("progress     not yet met; needs "),
            "{text}"
        );
        assert!(lines[2].contains("to reach 704.0 亿元 in 2025"), "{text}");
        assert!(lines[3].starts_with("eurostat     "), "{text}");
        assert!(lines[6].starts_with("probability  "), "{text}");
        assert_eq!(
            lines[7],
            "note         2026: 900 is after the target year 2025 and was not used"
        );
    }
}
