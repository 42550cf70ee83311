//! Consistency rules for catalog files. Every rule names the entry and field.

use std::collections::HashSet;

use super::model::{Figure, FigureKind, Group, Indicator, Qualifier, Status};
use crate::error::Error;
use crate::units::Dimension;

pub(crate) const SCHEMA_VERSION: u32 = 2;

/// Years a figure may refer to.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

fn bad(entry: impl Into<String>, field: &str, message: impl Into<String>) -> Error {
    Error::InvalidCatalog {
        entry: entry.into(),
        field: field.to_owned(),
        message: message.into(),
    }
}

pub(crate) fn json_error(e: &serde_json::Error) -> Error {
    // serde_json's message already ends with "at line L column C".
    let what = match e.classify() {
        serde_json::error::Category::Data => "invalid field",
        serde_json::error::Category::Eof => "truncated JSON",
        _ => "malformed JSON",
    };
    bad(
        format!("<file> line {}", e.line()),
        "-",
        format!("{what}: {e}"),
    )
}

fn is_snake_case(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        && !id.ends_with('_')
        && !id.contains("__")
}

pub(crate) fn catalog(schema_version: &u32, indicators: &[Indicator]) -> Result<(), Error> {
    if *schema_version != SCHEMA_VERSION {
        return Err(bad(
            "<file>",
            "schema_version",
            format!("expected {SCHEMA_VERSION}, got {schema_version}"),
        ));
    }
    let mut ids = HashSet::new();
    for ind in indicators {
        indicator(ind)?;
        if !ids.insert(ind.id.as_str()) {
            return Err(bad(&ind.id, "id", "duplicate id"));
        }
    }
    Ok(())
}

pub(crate) fn indicator(ind: &Indicator) -> Result<(), Error> {
    let id = ind.id.as_str();
    if !is_snake_case(id) {
        return Err(bad(id, "id", "must be snake_case ascii ([a-z][a-z0-9_]*)"));
    }
    if ind.name_zh.trim().is_empty() {
        return Err(bad(id, "name_zh", "must not be empty"));
    }
    if ind.name_en.trim().is_empty() {
        return Err(bad(id, "name_en", "must not be empty"));
    }
    let money = matches!(ind.unit.dimension(), Dimension::Money(_));
    if money != ind.price_basis.is_some() {
        return Err(bad(
            id,
            "price_basis",
            if money {
                "money indicators must state current or comparable prices"
            } else {
                "only money indicators have a price basis"
            },
        ));
    }
    if ind.figures.is_empty() {
        return Err(bad(id, "figures", "must not be empty"));
    }
    let mut seen = HashSet::new();
    for (n, fig) in ind.figures.iter().enumerate() {
        let entry = format!("{id}.figures[{n}]");
        figure(ind, fig, &entry)?;
        let key = (
            fig.group,
            fig.kind,
            fig.year_start,
            fig.year_end,
            fig.status,
            fig.unit,
        );
        if !seen.insert(key) {
            return Err(bad(&entry, "kind", "duplicates an earlier figure of the same indicator, group, kind, period and status"));
        }
    }
    Ok(())
}

fn figure(ind: &Indicator, fig: &Figure, entry: &str) -> Result<(), Error> {
    let user = fig.group == Group::User;
    match (fig.value, &fig.bound_text) {
        (Some(v), None) if v.is_finite() => {}
        (Some(_), None) => return Err(bad(entry, "value", "must be finite")),
        (Some(_), Some(_)) => {
            return Err(bad(
                entry,
                "bound_text",
                "only a figure without a value states its bound in words",
            ))
        }
        (None, text) => {
            if user {
                return Err(bad(entry, "value", "user observations need a value"));
            }
            if text.as_deref().is_none_or(|t| t.trim().is_empty()) {
                return Err(bad(
                    entry,
                    "bound_text",
                    "a figure without a value must say what bounds it",
                ));
            }
            if !matches!(
                fig.qualifier,
                Qualifier::AtLeast | Qualifier::AtMost | Qualifier::MoreThan
            ) {
                return Err(bad(
                    entry,
                    "qualifier",
                    "a figure without a value must be a bound (at_least, at_most or more_than)",
                ));
            }
            if !matches!(fig.kind, FigureKind::Level | FigureKind::LevelEachYear) {
                return Err(bad(
                    entry,
                    "kind",
                    "only a level can be a bound without a value",
                ));
            }
        }
    }
    for (field, year) in [("year_start", fig.year_start), ("year_end", fig.year_end)] {
        if !YEARS.contains(&year) {
            return Err(bad(
                entry,
                field,
                format!("{year} is outside {}..={}", YEARS.start(), YEARS.end()),
            ));
        }
    }
    if fig.year_start > fig.year_end {
        return Err(bad(entry, "year_end", "must not be before year_start"));
    }
    let single_year = matches!(
        fig.kind,
        FigureKind::Level | FigureKind::Growth | FigureKind::Rank | FigureKind::Coverage
    );
    let multi_year = matches!(
        fig.kind,
        FigureKind::AverageGrowth
            | FigureKind::CumulativeGrowth
            | FigureKind::CumulativeAmount
            | FigureKind::LevelEachYear
    );
    if single_year && fig.year_start != fig.year_end {
        return Err(bad(
            entry,
            "year_start",
            format!("a {} figure covers one year", fig.kind),
        ));
    }
    if multi_year && fig.year_start == fig.year_end {
        return Err(bad(
            entry,
            "year_end",
            format!("a {} figure covers several years", fig.kind),
        ));
    }
    let growth_kind = matches!(
        fig.kind,
        FigureKind::Growth | FigureKind::AverageGrowth | FigureKind::CumulativeGrowth
    );
    let unit_ok = match fig.kind {
        _ if growth_kind => fig.unit.dimension() == Dimension::Percent,
        FigureKind::Rank => fig.unit.dimension() == Dimension::Rank,
        FigureKind::Coverage => fig.unit.dimension() == Dimension::Percent,
        FigureKind::Change if ind.unit.dimension() == Dimension::Percent => {
            fig.unit.dimension() == Dimension::PercentagePoints
        }
        _ => fig.unit.dimension() == ind.unit.dimension(),
    };
    if !unit_ok {
        return Err(bad(
            entry,
            "unit",
            format!(
                "{} is not a unit for a {} figure of an indicator in {}",
                fig.unit.zh(),
                fig.kind,
                ind.unit.zh()
            ),
        ));
    }
    match (fig.kind, fig.value) {
        (FigureKind::Rank, Some(v)) if v < 1.0 || v.fract() != 0.0 => {
            return Err(bad(entry, "value", "a rank is a whole number from 1"));
        }
        (FigureKind::Coverage, Some(v)) if !(0.0..=100.0).contains(&v) => {
            return Err(bad(
                entry,
                "value",
                "a coverage is a percentage from 0 to 100",
            ));
        }
        (FigureKind::GrossAddition, Some(v)) if v < 0.0 => {
            return Err(bad(entry, "value", "a gross addition is not negative"));
        }
        _ => {}
    }
    let needs_universe = matches!(fig.kind, FigureKind::Rank | FigureKind::Coverage);
    match (&fig.universe, needs_universe) {
        (Some(u), true) if !u.trim().is_empty() => {}
        (_, true) => {
            return Err(bad(
                entry,
                "universe",
                format!(
                    "a {} figure names its peer group or covered units",
                    fig.kind
                ),
            ))
        }
        (Some(_), false) => {
            return Err(bad(
                entry,
                "universe",
                "only rank and coverage figures name a universe",
            ))
        }
        (None, false) => {}
    }
    let money = matches!(ind.unit.dimension(), Dimension::Money(_));
    match (money && !needs_universe, fig.price_basis) {
        (true, None) => {
            return Err(bad(
                entry,
                "price_basis",
                "money figures must state current or comparable prices",
            ))
        }
        (false, Some(_)) => {
            return Err(bad(
                entry,
                "price_basis",
                "only the money and growth figures of a money indicator have a price basis",
            ))
        }
        (true, Some(b)) if growth_kind && Some(b) != ind.price_basis => {
            return Err(bad(
                entry,
                "price_basis",
                format!(
                    "growth figures take the indicator's price basis, {}",
                    ind.price_basis.map_or("none", |p| p.as_str())
                ),
            ))
        }
        _ => {}
    }
    let status_ok = match fig.group {
        Group::User | Group::Results2020 | Group::Fyp13Record => {
            matches!(fig.status, Status::Actual | Status::Estimate)
        }
        Group::Fyp14Targets | Group::Plan2021 | Group::Glossary => true,
    };
    if !status_ok {
        return Err(bad(
            entry,
            "status",
            format!("{} figures in {} are inconsistent", fig.status, fig.group),
        ));
    }
    if !user {
        if fig.quote.trim().is_empty() {
            return Err(bad(entry, "quote", "every report figure needs its quote"));
        }
        if fig.section.trim().is_empty() {
            return Err(bad(entry, "section", "must not be empty"));
        }
    }
    Ok(())
}
