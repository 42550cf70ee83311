//! Consistency rules for catalog files. Every rule names the entry and field.

use std::collections::HashSet;

use super::model::{FigureKind, Group, Indicator, Status};
use crate::error::Error;
use crate::units::Dimension;

pub(crate) const SCHEMA_VERSION: u32 = 1;

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
        if !fig.value.is_finite() {
            return Err(bad(&entry, "value", "must be finite"));
        }
        for (field, year) in [("year_start", fig.year_start), ("year_end", fig.year_end)] {
            if !YEARS.contains(&year) {
                return Err(bad(
                    &entry,
                    field,
                    format!("{year} is outside {}..={}", YEARS.start(), YEARS.end()),
                ));
            }
        }
        if fig.year_start > fig.year_end {
            return Err(bad(&entry, "year_end", "must not be before year_start"));
        }
        let single_year = matches!(fig.kind, FigureKind::Level | FigureKind::Growth);
        let multi_year = matches!(
            fig.kind,
            FigureKind::AverageGrowth
                | FigureKind::CumulativeGrowth
                | FigureKind::CumulativeAmount
                | FigureKind::LevelEachYear
        );
        if single_year && fig.year_start != fig.year_end {
            return Err(bad(
                &entry,
                "year_start",
                format!("a {} figure covers one year", fig.kind),
            ));
        }
        if multi_year && fig.year_start == fig.year_end {
            return Err(bad(
                &entry,
                "year_end",
                format!("a {} figure covers several years", fig.kind),
            ));
        }
        let growth_kind = matches!(
            fig.kind,
            FigureKind::Growth | FigureKind::AverageGrowth | FigureKind::CumulativeGrowth
        );
        let unit_ok = if growth_kind {
            fig.unit.dimension() == Dimension::Percent
        } else if fig.kind == FigureKind::Change && ind.unit.dimension() == Dimension::Percent {
            fig.unit.dimension() == Dimension::PercentagePoints
        } else {
            fig.unit.dimension() == ind.unit.dimension()
        };
        if !unit_ok {
            return Err(bad(
                &entry,
                "unit",
                format!(
                    "{} is not a unit for a {} figure of an indicator in {}",
                    fig.unit.zh(),
                    fig.kind,
                    ind.unit.zh()
                ),
            ));
        }
        let is_target = fig.status == Status::Target;
        let target_group = matches!(fig.group, Group::Fyp14Targets | Group::Plan2021);
        if is_target != target_group && fig.group != Group::User {
            return Err(bad(
                &entry,
                "status",
                format!("{} figures in {} are inconsistent", fig.status, fig.group),
            ));
        }
        if fig.group == Group::User {
            if is_target {
                return Err(bad(&entry, "status", "user observations cannot be targets"));
            }
        } else {
            if fig.quote.trim().is_empty() {
                return Err(bad(&entry, "quote", "every report figure needs its quote"));
            }
            if fig.section.trim().is_empty() {
                return Err(bad(&entry, "section", "must not be empty"));
            }
        }
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
