//! SDMX: the catalog as SDMX-CSV 2.0 data with an SDMX-ML 2.1 structure
//! message, and observations read from SDMX-CSV 1.0 or 2.0.
//!
//! Statistical offices exchange indicators as SDMX (Statistical Data and
//! Metadata eXchange, ISO 17369); clients such as pysdmx and sdmx1 read it.
//! The formats follow:
//!
//! * SDMX-CSV 2.0.0, the data message field guide of the SDMX Technical
//!   Working Group (`sdmx-twg/sdmx-csv`, tag `v2.0.0`,
//!   `data-message/docs/sdmx-csv-field-guide.md`), on RFC 4180; and
//!   SDMX-CSV 1.0 (tag `v1.0`) for reading;
//! * SDMX-ML 2.1, Section 3A of the SDMX 2.1 standard, with its XML schemas
//!   (`SDMXMessage.xsd`, `SDMXStructure*.xsd`), against which the structure
//!   message validates.
//!
//! # The data structure
//!
//! Agency `XUHUI`; data structure definition `XUHUI:DSD_GWR2021(1.0)`;
//! dataflow `XUHUI:DF_GWR2021(1.0)`; concept scheme `XUHUI:CS_GWR2021(1.0)`.
//! One observation per figure, its key made of the dimensions:
//!
//! | component | role | content |
//! |---|---|---|
//! | `REF_AREA` | dimension | `CN_310104`, Xuhui District (administrative division code 310104) |
//! | `INDICATOR` | dimension | the indicator id in upper case: `ai_output` → `AI_OUTPUT` |
//! | `REPORT_PART` | dimension | the figure's group in upper case: `RESULTS_2020`, `FYP13_RECORD`, `FYP14_TARGETS`, `PLAN_2021`, `GLOSSARY`, `USER`; `OUTCOMES_PUBLISHED` for the published outcomes |
//! | `FIGURE_KIND` | dimension | `LEVEL`, `GROWTH`, `AVERAGE_GROWTH`, … (one indicator has a level and a growth rate for the same part and year) |
//! | `TIME_PERIOD` | time dimension | a year (`2020`), or an SDMX time range for a multi-year period: 2021–2025 is `2021-01-01/P5Y` |
//! | `OBS_VALUE` | primary measure | the value as printed, in the unit below (`350` for 350亿元) |
//! | `UNIT_MEASURE` | attribute, mandatory | the unit without its magnitude: `CNY`, `M2`, `HA`, `PC` (%), `PP` (个百分点), `ESTABLISHMENTS` (家) … |
//! | `UNIT_MULT` | attribute, mandatory | the power of ten of the magnitude: 万 → `4`, 亿 → `8`, none → `0` |
//! | `OBS_STATUS` | attribute, mandatory | `A` actual (normal value), `E` estimate (预计, estimated value; a preliminary published outcome too), `F` target (forecast value) |
//! | `QUALIFIER` | attribute | `AT_LEAST` (以上), `AT_MOST` (以内), `ABOUT` (左右), `MORE_THAN` (超过); empty when exact |
//! | `PRICE_BASIS` | attribute | `CURRENT` or `COMPARABLE` for money indicators, else empty |
//! | `COMMENT_OBS` | attribute | the exact quote from the report (empty for user observations); for a published outcome, the quote and its source's title, publisher, date and address |
//! | `NOTE` | attribute | the figure's note, if any |
//!
//! `OBS_STATUS` uses codes of the SDMX cross-domain code list
//! `CL_OBS_STATUS` (the structure declares the three it uses, with their
//! SDMX meanings). SDMX has no code for a policy target: a target is a
//! value expected for a future period, so it is `F`, forecast value, and
//! `REPORT_PART` tells a plan target (`FYP14_TARGETS`, `PLAN_2021`) from
//! anything else. An estimate (预计, a full-year figure given before the
//! year's data were final) is `E`.
//!
//! The header row is `STRUCTURE,STRUCTURE_ID,ACTION`, then the components
//! above in that order; every row is `dataflow,XUHUI:DF_GWR2021(1.0),I,…`
//! (action `I`, information). Numbers are written in the shortest form that
//! reads back to the same `f64`; fields are quoted only when needed; lines
//! end with `\n`.
//!
//! # Reading observations
//!
//! [`Catalog::add_observations_sdmx_csv`] reads an office's SDMX-CSV 1.0
//! (`DATAFLOW` first) or 2.0 (`STRUCTURE,STRUCTURE_ID` first) download that
//! uses these codes, all or nothing, naming the line and column of every
//! problem. Rows are matched by `INDICATOR` and `TIME_PERIOD`; `UNIT_MULT`
//! is applied (`410` with `UNIT_MEASURE` `CNY` and `UNIT_MULT` `8` is
//! 410亿元). Only `INDICATOR`, `TIME_PERIOD` and `OBS_VALUE` are required;
//! without a `REPORT_PART` column a row is a user observation. A row of a
//! report part must repeat the report's figure, and is then skipped, so
//! that a catalog's own export reads back into the embedded catalog as the
//! same catalog.
//!
//! # Published outcomes
//!
//! [`PublishedOutcomes::to_sdmx_csv`] writes the published outcomes
//! 2021–2025 with the same header and structure, in the report part
//! `OUTCOMES_PUBLISHED` (see there for the rows). It is a separate export:
//! [`Catalog::to_sdmx_csv`] holds the report's figures and the user's
//! observations only; the two concatenate into one dataset, since their
//! keys differ by `REPORT_PART`. Reading, a row of `OUTCOMES_PUBLISHED`
//! that is an observation (a level of one year from 2021 on, exact or
//! `ABOUT`) is added as one, with `COMMENT_OBS` as its note; the other
//! outcome rows (growth rates, bounds, several years, 2020) are skipped.
//!
//! # Examples
//!
//! ```
//! use xh_core::catalog;
//!
//! let cat = catalog::embedded();
//! let csv = cat.to_sdmx_csv();
//! assert!(csv.starts_with("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,REPORT_PART,"));
//! assert!(csv.contains(
//!     "dataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,AI_OUTPUT,RESULTS_2020,LEVEL,2020,350,CNY,8,E,"
//! ));
//!
//! // An office's SDMX-CSV 1.0 download: 4 100 000万元 is 410亿元.
//! let mut mine = cat.clone();
//! let added = mine.add_observations_sdmx_csv(
//!     "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\n\
//!      XUHUI:DF_GWR2021(1.0),AI_OUTPUT,2021,4100000,CNY,4\n",
//! )?;
//! assert_eq!(added, 1);
//! assert_eq!(mine.get("ai_output")?.latest_level(2021).unwrap().value(), Some(410.0));
//!
//! // Its export reads back into the embedded catalog as the same catalog.
//! let mut again = cat.clone();
//! again.add_observations_sdmx_csv(&mine.to_sdmx_csv())?;
//! assert_eq!(again, mine);
//! # Ok::<(), xh_core::Error>(())
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use super::export::format_number;
use super::model::{Figure, FigureKind, Group, Indicator, PriceBasis, Qualifier, Status};
use super::observations::{self, Observation, Pending, Place};
use super::{csv_input, Catalog};
use crate::error::{Error, Result, RowProblem};
use crate::outcomes::{OutcomeStatus, PublishedOutcome, PublishedOutcomes};
use crate::units::{BaseUnit, Counter, Unit};

/// The maintenance agency of the structures.
pub const AGENCY: &str = "XUHUI";
/// The version of every structure.
pub const VERSION: &str = "1.0";
/// The dataflow's id.
pub const DATAFLOW_ID: &str = "DF_GWR2021";
/// The data structure definition's id.
pub const DSD_ID: &str = "DSD_GWR2021";
/// The concept scheme's id.
pub const CONCEPT_SCHEME_ID: &str = "CS_GWR2021";
/// The `REF_AREA` code of Xuhui District: `CN_` and the district's
/// administrative division code (GB/T 2260), 310104.
pub const REF_AREA: &str = "CN_310104";
/// The SDMX-CSV `STRUCTURE_ID` of the exported rows.
pub const STRUCTURE_ID: &str = "XUHUI:DF_GWR2021(1.0)";
/// The `REPORT_PART` code of the published outcomes 2021–2025
/// ([`PublishedOutcomes::to_sdmx_csv`]): figures published after the
/// report, not part of it.
pub const OUTCOMES_PART: &str = "OUTCOMES_PUBLISHED";

/// What a component is in the data structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Dimension,
    TimeDimension,
    Measure,
    Attribute { mandatory: bool },
}

/// How a component's values are represented: a code list's id, or an SDMX
/// text type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repr {
    Codes(&'static str),
    Text(&'static str),
}

/// A component of the data structure, and the concept it stands for.
struct Component {
    id: &'static str,
    role: Role,
    repr: Repr,
    en: &'static str,
    zh: &'static str,
    about: &'static str,
}

const fn component(
    id: &'static str,
    role: Role,
    repr: Repr,
    en: &'static str,
    zh: &'static str,
    about: &'static str,
) -> Component {
    Component {
        id,
        role,
        repr,
        en,
        zh,
        about,
    }
}

const OPTIONAL: Role = Role::Attribute { mandatory: false };
const MANDATORY: Role = Role::Attribute { mandatory: true };

/// Every component, in the order of the CSV columns and the structure:
/// dimensions, the measure, then the attributes.
const COMPONENTS: [Component; 13] = [
    component(
        "REF_AREA",
        Role::Dimension,
        Repr::Codes("CL_AREA"),
        "Reference area",
        "地区",
        "The area the figure describes.",
    ),
    component(
        "INDICATOR",
        Role::Dimension,
        Repr::Codes("CL_INDICATOR"),
        "Indicator",
        "指标",
        "What is measured; the code is the catalog's indicator id in upper case.",
    ),
    component(
        "REPORT_PART",
        Role::Dimension,
        Repr::Codes("CL_REPORT_PART"),
        "Part of the report",
        "报告部分",
        "The part of the report the figure comes from; USER for observations added by a user; \
         OUTCOMES_PUBLISHED for figures published after the report.",
    ),
    component(
        "FIGURE_KIND",
        Role::Dimension,
        Repr::Codes("CL_FIGURE_KIND"),
        "Kind of figure",
        "数值类型",
        "What the value measures: a level, a growth rate, a change or a cumulative amount.",
    ),
    component(
        "TIME_PERIOD",
        Role::TimeDimension,
        Repr::Text("ObservationalTimePeriod"),
        "Time period",
        "时期",
        "A year, or a range of whole years (2021-01-01/P5Y is 2021 to 2025).",
    ),
    component(
        "OBS_VALUE",
        Role::Measure,
        Repr::Text("Double"),
        "Observation value",
        "数值",
        "The value as printed in the report, in UNIT_MEASURE times 10 to the power UNIT_MULT.",
    ),
    component(
        "UNIT_MEASURE",
        MANDATORY,
        Repr::Codes("CL_UNIT"),
        "Unit of measure",
        "计量单位",
        "The unit of the value, without its magnitude (万, 亿).",
    ),
    component(
        "UNIT_MULT",
        MANDATORY,
        Repr::Codes("CL_UNIT_MULT"),
        "Unit multiplier",
        "单位倍数",
        "The power of ten the value is expressed in: 4 for 万, 8 for 亿.",
    ),
    component(
        "OBS_STATUS",
        MANDATORY,
        Repr::Codes("CL_OBS_STATUS"),
        "Observation status",
        "数据状态",
        "A for a reported result, E for an estimate (预计), F for a plan target.",
    ),
    component(
        "QUALIFIER",
        OPTIONAL,
        Repr::Codes("CL_QUALIFIER"),
        "Qualifier",
        "限定词",
        "How the printed value bounds the true one (以上, 以内, 左右, 超过); absent when exact.",
    ),
    component(
        "PRICE_BASIS",
        OPTIONAL,
        Repr::Codes("CL_PRICE_BASIS"),
        "Price basis",
        "价格口径",
        "Current or comparable (constant) prices, for money indicators.",
    ),
    component(
        "COMMENT_OBS",
        OPTIONAL,
        Repr::Text("String"),
        "Observation comment",
        "原文",
        "The exact sentence of the report the figure is quoted from.",
    ),
    component(
        "NOTE",
        OPTIONAL,
        Repr::Text("String"),
        "Note",
        "备注",
        "A note on the figure, e.g. on an OCR slip it was read through.",
    ),
];

/// An SDMX code from a snake_case tag: `ai_output` → `AI_OUTPUT`.
fn code(tag: &str) -> String {
    tag.to_ascii_uppercase()
}

/// The value of `all` whose tag's code is `text`.
fn from_code<T: Copy>(all: &[T], tag: fn(T) -> &'static str, text: &str) -> Option<T> {
    all.iter().copied().find(|&v| code(tag(v)) == text)
}

/// The `UNIT_MEASURE` code of a base unit.
fn unit_code(base: BaseUnit) -> &'static str {
    match base {
        BaseUnit::Yuan => "CNY",
        BaseUnit::UsDollar => "USD",
        BaseUnit::SquareMetre => "M2",
        BaseUnit::Hectare => "HA",
        BaseUnit::Metre => "M",
        BaseUnit::Kilometre => "KM",
        BaseUnit::Percent => "PC",
        BaseUnit::PercentagePoint => "PP",
        BaseUnit::PerTenThousandPeople => "PER_10K_PERSONS",
        BaseUnit::YearOfAge => "YEARS",
        BaseUnit::Point => "POINTS",
        BaseUnit::Hour => "HOURS",
        BaseUnit::Day => "DAYS",
        BaseUnit::Minute => "MINUTES",
        BaseUnit::Rank => "RANK",
        BaseUnit::MicrogramPerCubicMetre => "UG_M3",
        BaseUnit::TonneCoalPerTenThousandYuan => "TCE_PER_10K_CNY",
        BaseUnit::TonnePerDay => "T_PER_DAY",
        BaseUnit::Count(c) => match c {
            Counter::Establishments => "ESTABLISHMENTS",
            Counter::Units => "UNITS",
            Counter::Pieces => "PIECES",
            Counter::Buildings => "BUILDINGS",
            Counter::Machines => "MACHINES",
            Counter::Persons => "PERSONS",
            Counter::PersonTimes => "PERSON_TIMES",
            Counter::Dwellings => "DWELLINGS",
            Counter::Households => "HOUSEHOLDS",
            Counter::Lines => "LINES",
            Counter::Projects => "PROJECTS",
            Counter::Times => "TIMES",
            Counter::Sites => "SITES",
            Counter::Cases => "CASES",
            Counter::Institutions => "INSTITUTIONS",
            Counter::Batches => "BATCHES",
            Counter::Structures => "STRUCTURES",
        },
    }
}

/// Every base unit, in the order of the `CL_UNIT` code list (`unit_code`
/// names each one; a test checks the list covers every code).
const BASE_UNITS: [BaseUnit; 35] = [
    BaseUnit::Yuan,
    BaseUnit::UsDollar,
    BaseUnit::SquareMetre,
    BaseUnit::Hectare,
    BaseUnit::Metre,
    BaseUnit::Kilometre,
    BaseUnit::Percent,
    BaseUnit::PercentagePoint,
    BaseUnit::PerTenThousandPeople,
    BaseUnit::YearOfAge,
    BaseUnit::Point,
    BaseUnit::Hour,
    BaseUnit::Day,
    BaseUnit::Minute,
    BaseUnit::Rank,
    BaseUnit::MicrogramPerCubicMetre,
    BaseUnit::TonneCoalPerTenThousandYuan,
    BaseUnit::TonnePerDay,
    BaseUnit::Count(Counter::Establishments),
    BaseUnit::Count(Counter::Units),
    BaseUnit::Count(Counter::Pieces),
    BaseUnit::Count(Counter::Buildings),
    BaseUnit::Count(Counter::Machines),
    BaseUnit::Count(Counter::Persons),
    BaseUnit::Count(Counter::PersonTimes),
    BaseUnit::Count(Counter::Dwellings),
    BaseUnit::Count(Counter::Households),
    BaseUnit::Count(Counter::Lines),
    BaseUnit::Count(Counter::Projects),
    BaseUnit::Count(Counter::Times),
    BaseUnit::Count(Counter::Sites),
    BaseUnit::Count(Counter::Cases),
    BaseUnit::Count(Counter::Institutions),
    BaseUnit::Count(Counter::Batches),
    BaseUnit::Count(Counter::Structures),
];

/// The `CL_UNIT_MULT` codes, 0 to 12, with their SDMX names and the Chinese
/// magnitude words.
const UNIT_MULTS: [(&str, &str); 13] = [
    ("Units", "个"),
    ("Tens", "十"),
    ("Hundreds", "百"),
    ("Thousands", "千"),
    ("Tens of thousands", "万"),
    ("Hundreds of thousands", "十万"),
    ("Millions", "百万"),
    ("Tens of millions", "千万"),
    ("Hundreds of millions", "亿"),
    ("Billions", "十亿"),
    ("Tens of billions", "百亿"),
    ("Hundreds of billions", "千亿"),
    ("Trillions", "万亿"),
];

/// English and Chinese names of a figure kind.
fn kind_names(kind: FigureKind) -> (&'static str, &'static str) {
    match kind {
        FigureKind::Level => ("Level", "水平"),
        FigureKind::LevelEachYear => ("Level in each year of the period", "期内每年水平"),
        FigureKind::Growth => ("Growth on the previous year, percent", "比上年增长(%)"),
        FigureKind::AverageGrowth => ("Average annual growth, percent", "年均增长(%)"),
        FigureKind::CumulativeGrowth => (
            "Cumulative growth over the period, percent",
            "期内累计增长(%)",
        ),
        FigureKind::Change => ("Absolute change", "变化量"),
        FigureKind::CumulativeAmount => ("Total over the period", "期内累计量"),
        FigureKind::GrossAddition => (
            "Gross addition (inflow, not the net change)",
            "新增(总流入)",
        ),
        FigureKind::Rank => ("Rank within a named peer group", "排名"),
        FigureKind::Coverage => ("Coverage of the named units, percent", "覆盖率(%)"),
    }
}

/// The `CL_OBS_STATUS` codes used, with the names of the SDMX cross-domain
/// code list.
fn status_names(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Actual => ("Normal value", "实际值"),
        Status::Estimate => ("Estimated value", "预计值"),
        Status::Target | Status::Planned => (
            "Forecast value (a plan target or a planned scale)",
            "预期值(规划目标或规划规模)",
        ),
    }
}

fn qualifier_names(q: Qualifier) -> (&'static str, &'static str) {
    match q {
        Qualifier::Exact => ("Exact", "确数"),
        Qualifier::AtLeast => ("At least (inclusive)", "以上"),
        Qualifier::AtMost => ("At most (inclusive)", "以内"),
        Qualifier::About => ("About", "左右"),
        Qualifier::MoreThan => ("More than (exclusive)", "超过"),
    }
}

fn price_basis_names(p: PriceBasis) -> (&'static str, &'static str) {
    match p {
        PriceBasis::Current => ("Current prices", "现价"),
        PriceBasis::Comparable => ("Comparable (constant) prices", "可比价"),
    }
}

/// `TIME_PERIOD` of a period of whole years: `2020`, or `2021-01-01/P5Y`.
fn time_period(year_start: i32, year_end: i32) -> String {
    if year_start == year_end {
        year_start.to_string()
    } else {
        format!("{year_start:04}-01-01/P{}Y", year_end - year_start + 1)
    }
}

/// The years of a `TIME_PERIOD`: `2021`, `2021-A1` or `2021-01-01/P5Y`.
fn parse_time_period(text: &str) -> std::result::Result<(i32, i32), String> {
    let year = |s: &str| {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    let range = || {
        let (start, duration) = text.split_once('/')?;
        let first = year(start.strip_suffix("-01-01")?)?;
        let years: i32 = duration
            .strip_prefix('P')?
            .strip_suffix('Y')
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))?
            .parse()
            .ok()
            .filter(|n| (1..=200).contains(n))?;
        Some((first, first + years - 1))
    };
    year(text)
        .or_else(|| year(text.strip_suffix("-A1")?))
        .map(|y| (y, y))
        .or_else(range)
        .ok_or_else(|| {
            format!(
                "TIME_PERIOD {text:?} is not a year (2021), an annual period (2021-A1) \
                 or a range of whole years (2021-01-01/P5Y)"
            )
        })
}

/// One SDMX observation: the value of every component for one figure.
///
/// [`SdmxRow::from_figure`] is the one place that maps a figure to SDMX;
/// [`Catalog::to_sdmx_csv`] writes these rows. Codes are those of the
/// structure message ([`Catalog::to_sdmx_structure`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SdmxRow {
    /// `REF_AREA`.
    pub ref_area: String,
    /// `INDICATOR`: the indicator id in upper case.
    pub indicator: String,
    /// `REPORT_PART`: the figure's group in upper case.
    pub report_part: String,
    /// `FIGURE_KIND`: the figure's kind in upper case.
    pub figure_kind: String,
    /// `TIME_PERIOD`: `2020` or `2021-01-01/P5Y`.
    pub time_period: String,
    /// `OBS_VALUE`: the value as printed; `None` (an empty cell) for a
    /// bound without a number, whose words go to `NOTE`.
    pub obs_value: Option<f64>,
    /// `UNIT_MEASURE`: the unit's code without its magnitude.
    pub unit_measure: String,
    /// `UNIT_MULT`: the unit's power of ten.
    pub unit_mult: i8,
    /// `OBS_STATUS`: `A`, `E` or `F`.
    pub obs_status: String,
    /// `QUALIFIER`, empty when exact.
    pub qualifier: String,
    /// `PRICE_BASIS`, empty when not money.
    pub price_basis: String,
    /// `COMMENT_OBS`: the quote.
    pub comment: String,
    /// `NOTE`.
    pub note: String,
}

impl SdmxRow {
    /// The row of one figure of an indicator.
    pub fn from_figure(ind: &Indicator, fig: &Figure) -> SdmxRow {
        SdmxRow {
            ref_area: REF_AREA.to_owned(),
            indicator: code(&ind.id),
            report_part: code(fig.group.as_str()),
            figure_kind: code(fig.kind.as_str()),
            time_period: time_period(fig.year_start, fig.year_end),
            obs_value: fig.value,
            unit_measure: unit_code(fig.unit.base()).to_owned(),
            unit_mult: fig.unit.mult(),
            obs_status: fig.status.sdmx_code().to_string(),
            qualifier: match fig.qualifier {
                Qualifier::Exact => String::new(),
                q => code(q.as_str()),
            },
            price_basis: fig
                .price_basis()
                .map_or_else(String::new, |p| code(p.as_str())),
            comment: fig.quote.clone(),
            note: match (&fig.bound_text, &fig.note) {
                (Some(b), Some(n)) => format!("bound: {b}. {n}"),
                (Some(b), None) => format!("bound: {b}"),
                (None, n) => n.clone().unwrap_or_default(),
            },
        }
    }

    /// The row of a published outcome of `published`: `REPORT_PART`
    /// [`OUTCOMES_PART`]; `OBS_STATUS` `A` for a final figure, `E` for a
    /// preliminary one (预计); `COMMENT_OBS` the
    /// [citation](PublishedOutcomes::citation) (the quote, then the
    /// source's title, publisher, date and address); `NOTE` the outcome's
    /// note, its conflict, and the figures of `others` (other sources for
    /// the same key).
    pub fn from_outcome(
        published: &PublishedOutcomes,
        o: &PublishedOutcome,
        others: &[&PublishedOutcome],
    ) -> SdmxRow {
        let mut note: Vec<String> = o.note.iter().cloned().collect();
        if let Some(c) = &o.conflict {
            note.push(format!("conflict: {c}"));
        }
        for other in others {
            note.push(format!(
                "also published: {}{} {} ({}): {}",
                match other.qualifier {
                    Qualifier::Exact => String::new(),
                    q => format!("{} ", code(q.as_str())),
                },
                format_number(other.value),
                other.unit.zh(),
                other.status.as_str(),
                published.citation(other)
            ));
        }
        SdmxRow {
            ref_area: REF_AREA.to_owned(),
            indicator: code(&o.indicator),
            report_part: OUTCOMES_PART.to_owned(),
            figure_kind: code(o.kind.as_str()),
            time_period: time_period(o.period_start, o.period_end),
            obs_value: Some(o.value),
            unit_measure: unit_code(o.unit.base()).to_owned(),
            unit_mult: o.unit.mult(),
            obs_status: match o.status {
                OutcomeStatus::Actual => Status::Actual,
                OutcomeStatus::Preliminary => Status::Estimate,
            }
            .sdmx_code()
            .to_string(),
            qualifier: match o.qualifier {
                Qualifier::Exact => String::new(),
                q => code(q.as_str()),
            },
            price_basis: o.price_basis.map_or_else(String::new, |p| code(p.as_str())),
            comment: published.citation(o),
            note: note.join("; "),
        }
    }

    /// The cells after `STRUCTURE,STRUCTURE_ID,ACTION`, in the order of
    /// `COMPONENTS`.
    fn cells(&self) -> [Cow<'_, str>; 13] {
        [
            Cow::Borrowed(&self.ref_area),
            Cow::Borrowed(&self.indicator),
            Cow::Borrowed(&self.report_part),
            Cow::Borrowed(&self.figure_kind),
            Cow::Borrowed(&self.time_period),
            Cow::Owned(self.obs_value.map_or_else(String::new, format_number)),
            Cow::Borrowed(&self.unit_measure),
            Cow::Owned(self.unit_mult.to_string()),
            Cow::Borrowed(&self.obs_status),
            Cow::Borrowed(&self.qualifier),
            Cow::Borrowed(&self.price_basis),
            Cow::Borrowed(&self.comment),
            Cow::Borrowed(&self.note),
        ]
    }
}

/// SDMX-CSV 2.0 text of `rows`: the header, then one line per row.
pub(crate) fn write_csv<'a>(rows: impl IntoIterator<Item = &'a SdmxRow>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header = ["STRUCTURE", "STRUCTURE_ID", "ACTION"]
        .into_iter()
        .chain(COMPONENTS.iter().map(|c| c.id));
    // Writing to a Vec cannot fail.
    writer.write_record(header).expect("in-memory write");
    for row in rows {
        let cells = row.cells();
        let fields = ["dataflow", STRUCTURE_ID, "I"]
            .into_iter()
            .chain(cells.iter().map(|c| c.as_ref()));
        writer.write_record(fields).expect("in-memory write");
    }
    let bytes = writer.into_inner().expect("in-memory write");
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

// ---------------------------------------------------------------------------
// The structure message.

/// A code: its id and English and Chinese names.
struct Code {
    id: String,
    en: String,
    zh: String,
}

fn code_of(id: impl Into<String>, en: impl Into<String>, zh: impl Into<String>) -> Code {
    Code {
        id: id.into(),
        en: en.into(),
        zh: zh.into(),
    }
}

/// The codes of a code list of the structure.
fn codes(list: &str, cat: &Catalog) -> Vec<Code> {
    match list {
        "CL_AREA" => vec![code_of(
            REF_AREA,
            "Xuhui District, Shanghai",
            "上海市徐汇区",
        )],
        "CL_INDICATOR" => cat
            .indicators
            .iter()
            .map(|i| code_of(code(&i.id), &*i.name_en, &*i.name_zh))
            .collect(),
        "CL_REPORT_PART" => Group::ALL
            .iter()
            .map(|g| code_of(code(g.as_str()), g.label_en(), g.label_zh()))
            .chain([code_of(
                OUTCOMES_PART,
                "Outcomes published after the report (2020 final figures and 2021–2025)",
                "报告之后公布的实际数据(2020年终值及2021—2025年)",
            )])
            .collect(),
        "CL_FIGURE_KIND" => FigureKind::ALL
            .iter()
            .map(|&k| {
                let (en, zh) = kind_names(k);
                code_of(code(k.as_str()), en, zh)
            })
            .collect(),
        "CL_UNIT" => BASE_UNITS
            .iter()
            .map(|&b| {
                let u = Unit::new(b, 0);
                code_of(unit_code(b), u.en(), u.zh())
            })
            .collect(),
        "CL_UNIT_MULT" => UNIT_MULTS
            .iter()
            .enumerate()
            .map(|(k, (en, zh))| code_of(k.to_string(), *en, *zh))
            .collect(),
        // A target and a planned scale share F (forecast value).
        "CL_OBS_STATUS" => Status::ALL
            .iter()
            .filter(|&&s| s != Status::Planned)
            .map(|&s| {
                let (en, zh) = status_names(s);
                code_of(s.sdmx_code().to_string(), en, zh)
            })
            .collect(),
        "CL_QUALIFIER" => Qualifier::ALL
            .iter()
            .filter(|&&q| q != Qualifier::Exact)
            .map(|&q| {
                let (en, zh) = qualifier_names(q);
                code_of(code(q.as_str()), en, zh)
            })
            .collect(),
        "CL_PRICE_BASIS" => PriceBasis::ALL
            .iter()
            .map(|&p| {
                let (en, zh) = price_basis_names(p);
                code_of(code(p.as_str()), en, zh)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Names of the code lists, in the order of `COMPONENTS`.
fn codelist_names(list: &str) -> (&'static str, &'static str) {
    match list {
        "CL_AREA" => ("Reference areas", "地区"),
        "CL_INDICATOR" => ("Indicators of the report", "报告指标"),
        "CL_REPORT_PART" => ("Parts of the report", "报告部分"),
        "CL_FIGURE_KIND" => ("Kinds of figure", "数值类型"),
        "CL_UNIT" => ("Units of measure", "计量单位"),
        "CL_UNIT_MULT" => ("Unit multipliers", "单位倍数"),
        "CL_OBS_STATUS" => (
            "Observation status (codes of the SDMX cross-domain list CL_OBS_STATUS)",
            "数据状态",
        ),
        "CL_QUALIFIER" => ("Qualifiers", "限定词"),
        "CL_PRICE_BASIS" => ("Price bases", "价格口径"),
        _ => ("", ""),
    }
}

/// XML text with `&`, `<`, `>`, `"` and `'` escaped.
fn xml_escape(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A small indented XML writer.
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)], end: &str) {
        self.indent();
        let _ = write!(self.out, "<{name}");
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"{}\"", xml_escape(v));
        }
        self.out.push_str(end);
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs, ">\n");
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs, "/>\n");
    }

    fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.tag(name, attrs, ">");
        let _ = writeln!(self.out, "{}</{name}>", xml_escape(text));
    }

    fn names(&mut self, en: &str, zh: &str) {
        self.text("com:Name", &[("xml:lang", "en")], en);
        self.text("com:Name", &[("xml:lang", "zh")], zh);
    }

    /// A `Ref` to an artefact of this agency.
    fn reference(&mut self, id: &str, package: &str, class: &str) {
        self.empty(
            "Ref",
            &[
                ("id", id),
                ("version", VERSION),
                ("agencyID", AGENCY),
                ("package", package),
                ("class", class),
            ],
        );
    }

    fn concept_identity(&mut self, id: &str) {
        self.open("str:ConceptIdentity", &[]);
        self.empty(
            "Ref",
            &[
                ("id", id),
                ("maintainableParentID", CONCEPT_SCHEME_ID),
                ("maintainableParentVersion", VERSION),
                ("agencyID", AGENCY),
                ("package", "conceptscheme"),
                ("class", "Concept"),
            ],
        );
        self.close("str:ConceptIdentity");
    }

    fn representation(&mut self, repr: Repr) {
        self.open("str:LocalRepresentation", &[]);
        match repr {
            Repr::Codes(list) => {
                self.open("str:Enumeration", &[]);
                self.reference(list, "codelist", "Codelist");
                self.close("str:Enumeration");
            }
            Repr::Text(text_type) => self.empty("str:TextFormat", &[("textType", text_type)]),
        }
        self.close("str:LocalRepresentation");
    }
}

/// `Prepared` of the structure message: the report's delivery date when the
/// catalog gives one as `YYYY-MM-DD`, so that the message is the same bytes
/// on every run and in every language.
fn prepared(cat: &Catalog) -> String {
    let d = cat.source.delivered.as_bytes();
    let is_date = d.len() == 10
        && d.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if is_date {
        format!("{}T00:00:00", cat.source.delivered)
    } else {
        "2021-01-13T00:00:00".to_owned()
    }
}

fn structure_message(cat: &Catalog) -> String {
    let mut x = Xml {
        out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        depth: 0,
    };
    x.open(
        "mes:Structure",
        &[
            (
                "xmlns:mes",
                "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
            ),
            (
                "xmlns:str",
                "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
            ),
            (
                "xmlns:com",
                "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
            ),
        ],
    );
    x.open("mes:Header", &[]);
    x.text("mes:ID", &[], "XUHUI_GWR2021_STRUCTURE");
    x.text("mes:Test", &[], "false");
    x.text("mes:Prepared", &[], &prepared(cat));
    x.empty("mes:Sender", &[("id", AGENCY)]);
    x.close("mes:Header");
    x.open("mes:Structures", &[]);

    x.open("str:OrganisationSchemes", &[]);
    x.open(
        "str:AgencyScheme",
        &[
            ("id", "AGENCIES"),
            ("agencyID", "SDMX"),
            ("version", "1.0"),
            ("isFinal", "false"),
        ],
    );
    x.names("SDMX Agency Scheme", "SDMX 机构表");
    x.open("str:Agency", &[("id", AGENCY)]);
    x.names(
        "xuhui: the 2021 Xuhui District Government Work Report as data (not an official publisher)",
        "xuhui：2021年徐汇区政府工作报告数据（非官方发布机构）",
    );
    x.close("str:Agency");
    x.close("str:AgencyScheme");
    x.close("str:OrganisationSchemes");

    let maintainable = |id: &'static str| {
        [
            ("id", id),
            ("agencyID", AGENCY),
            ("version", VERSION),
            ("isFinal", "false"),
        ]
    };
    x.open("str:Dataflows", &[]);
    x.open("str:Dataflow", &maintainable(DATAFLOW_ID));
    x.names(&cat.source.title_en, &cat.source.title_zh);
    x.open("str:Structure", &[]);
    x.reference(DSD_ID, "datastructure", "DataStructure");
    x.close("str:Structure");
    x.close("str:Dataflow");
    x.close("str:Dataflows");

    x.open("str:Codelists", &[]);
    for c in &COMPONENTS {
        let Repr::Codes(list) = c.repr else { continue };
        x.open("str:Codelist", &maintainable(list));
        let (en, zh) = codelist_names(list);
        x.names(en, zh);
        for code in codes(list, cat) {
            x.open("str:Code", &[("id", &code.id)]);
            x.names(&code.en, &code.zh);
            x.close("str:Code");
        }
        x.close("str:Codelist");
    }
    x.close("str:Codelists");

    x.open("str:Concepts", &[]);
    x.open("str:ConceptScheme", &maintainable(CONCEPT_SCHEME_ID));
    x.names(
        "Concepts of the Xuhui Government Work Report data",
        "徐汇区政府工作报告数据概念",
    );
    for c in &COMPONENTS {
        x.open("str:Concept", &[("id", c.id)]);
        x.names(c.en, c.zh);
        x.text("com:Description", &[("xml:lang", "en")], c.about);
        x.close("str:Concept");
    }
    x.close("str:ConceptScheme");
    x.close("str:Concepts");

    x.open("str:DataStructures", &[]);
    x.open("str:DataStructure", &maintainable(DSD_ID));
    x.names(
        "Figures of the 2021 Xuhui District Government Work Report",
        "2021年徐汇区政府工作报告数据",
    );
    x.open("str:DataStructureComponents", &[]);
    x.open("str:DimensionList", &[("id", "DimensionDescriptor")]);
    let mut position = 0;
    for c in COMPONENTS
        .iter()
        .filter(|c| matches!(c.role, Role::Dimension | Role::TimeDimension))
    {
        position += 1;
        let element = if c.role == Role::TimeDimension {
            "str:TimeDimension"
        } else {
            "str:Dimension"
        };
        x.open(
            element,
            &[("id", c.id), ("position", &position.to_string())],
        );
        x.concept_identity(c.id);
        x.representation(c.repr);
        x.close(element);
    }
    x.close("str:DimensionList");
    x.open("str:AttributeList", &[("id", "AttributeDescriptor")]);
    for c in &COMPONENTS {
        let Role::Attribute { mandatory } = c.role else {
            continue;
        };
        let status = if mandatory {
            "Mandatory"
        } else {
            "Conditional"
        };
        x.open(
            "str:Attribute",
            &[("id", c.id), ("assignmentStatus", status)],
        );
        x.concept_identity(c.id);
        x.representation(c.repr);
        x.open("str:AttributeRelationship", &[]);
        x.open("str:PrimaryMeasure", &[]);
        x.empty("Ref", &[("id", "OBS_VALUE")]);
        x.close("str:PrimaryMeasure");
        x.close("str:AttributeRelationship");
        x.close("str:Attribute");
    }
    x.close("str:AttributeList");
    x.open("str:MeasureList", &[("id", "MeasureDescriptor")]);
    for c in COMPONENTS.iter().filter(|c| c.role == Role::Measure) {
        x.open("str:PrimaryMeasure", &[("id", c.id)]);
        x.concept_identity(c.id);
        x.representation(c.repr);
        x.close("str:PrimaryMeasure");
    }
    x.close("str:MeasureList");
    x.close("str:DataStructureComponents");
    x.close("str:DataStructure");
    x.close("str:DataStructures");

    x.close("mes:Structures");
    x.close("mes:Structure");
    x.out
}

// ---------------------------------------------------------------------------
// Reading SDMX-CSV.

/// Columns xuhui reads besides the structure columns: the components, and
/// `FREQ` (must be `A`), `SERIES_KEY` and `OBS_KEY` (ignored).
const EXTRA_COLUMNS: [&str; 3] = ["FREQ", "SERIES_KEY", "OBS_KEY"];

/// The SDMX-CSV version of an input.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Version {
    /// `DATAFLOW` first.
    V1,
    /// `STRUCTURE,STRUCTURE_ID` first.
    V2,
}

/// Where each known column sits (0-based), from the header.
struct Layout {
    version: Version,
    columns: HashMap<&'static str, usize>,
}

impl Layout {
    fn at(&self, name: &str) -> Option<usize> {
        self.columns.get(name).copied()
    }

    /// The 1-based column of `name`, 0 when absent.
    fn column(&self, name: &str) -> usize {
        self.at(name).map_or(0, |c| c + 1)
    }
}

/// An id without the `: label` that SDMX-CSV's `labels=both` appends
/// (SDMX ids never contain a space).
fn strip_label(s: &str) -> &str {
    s.split_once(": ").map_or(s, |(id, _)| id).trim()
}

fn read_header(line: usize, header: &[String]) -> std::result::Result<Layout, Vec<RowProblem>> {
    let at = |column: usize, message: String| RowProblem {
        line,
        column,
        message,
    };
    let first = header[0].trim();
    let version =
        if first == "STRUCTURE" || (first.starts_with("STRUCTURE[") && first.ends_with(']')) {
            Version::V2
        } else if first == "DATAFLOW" {
            Version::V1
        } else {
            let hint = if first.contains([';', '\t']) {
                "; the separator must be a comma"
            } else {
                ""
            };
            return Err(vec![at(
                1,
                format!(
                    "not SDMX-CSV: the first column must be STRUCTURE (SDMX-CSV 2.0) or \
                 DATAFLOW (SDMX-CSV 1.0), got {first:?}{hint}"
                ),
            )]);
        };
    let mut problems = Vec::new();
    let mut columns = HashMap::new();
    let mut skip = 1;
    if version == Version::V2 {
        skip = 2;
        let second = header.get(1).map_or("", |s| s.trim());
        if second != "STRUCTURE_ID" {
            problems.push(at(
                2,
                format!("the second column of SDMX-CSV 2.0 must be STRUCTURE_ID, got {second:?}"),
            ));
        }
    }
    let known: Vec<&'static str> = COMPONENTS
        .iter()
        .map(|c| c.id)
        .chain(EXTRA_COLUMNS)
        .chain((version == Version::V2).then_some("ACTION"))
        .collect();
    for (k, cell) in header.iter().enumerate().skip(skip) {
        let name = strip_label(cell);
        match known.iter().find(|n| **n == name) {
            Some(n) => {
                if columns.insert(*n, k).is_some() {
                    problems.push(at(k + 1, format!("duplicate column {name:?}")));
                }
            }
            None => problems.push(at(
                k + 1,
                format!("unknown column {name:?}; xuhui reads {}", known.join(", ")),
            )),
        }
    }
    for required in ["INDICATOR", "TIME_PERIOD", "OBS_VALUE"] {
        if !columns.contains_key(required) {
            problems.push(at(0, format!("missing column {required:?}")));
        }
    }
    if problems.is_empty() {
        Ok(Layout { version, columns })
    } else {
        Err(problems)
    }
}

/// Whether `s` is an SDMX artefact reference `AGENCY:ID(VERSION)`.
fn is_structure_id(s: &str) -> bool {
    let id_ok = |t: &str| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'$' | b'-'))
    };
    let Some((agency, rest)) = s.split_once(':') else {
        return false;
    };
    let Some((id, version)) = rest.strip_suffix(')').and_then(|r| r.split_once('(')) else {
        return false;
    };
    agency.split('.').all(id_ok)
        && id_ok(id)
        && !version.is_empty()
        && version
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
}

/// The problems of one row.
struct Problems<'a> {
    line: usize,
    layout: &'a Layout,
    list: Vec<RowProblem>,
}

impl Problems<'_> {
    /// A problem in the column `name`.
    fn at(&mut self, name: &str, message: String) {
        let column = self.layout.column(name);
        self.at_column(column, message);
    }

    /// A problem in the 1-based `column` (0: the whole row).
    fn at_column(&mut self, column: usize, message: String) {
        self.list.push(RowProblem {
            line: self.line,
            column,
            message,
        });
    }
}

/// What one data row gives.
enum RowOutcome {
    /// A user observation to add.
    Observation(Box<Pending>),
    /// Nothing to add: a figure of the report, already in the catalog, or
    /// a published outcome that is not an observation (a growth rate, a
    /// bound, a period of several years, a 2020 figure).
    Skip,
}

/// Reads one data row. `first_structure` is the structure of the first
/// row (and its line), which every row must share.
struct RowReader<'a> {
    cat: &'a Catalog,
    layout: &'a Layout,
    indicators: HashMap<String, usize>,
    first_structure: Option<(String, usize)>,
}

impl RowReader<'_> {
    fn read(
        &mut self,
        line: usize,
        fields: &[String],
    ) -> std::result::Result<RowOutcome, Vec<RowProblem>> {
        let layout = self.layout;
        let mut problems = Problems {
            line,
            layout,
            list: Vec::new(),
        };
        let cell = |name: &str| layout.at(name).map(|k| fields[k].trim());

        // The structure: one per input.
        let (structure_column, structure) = match layout.version {
            Version::V2 => {
                let kind = fields[0].trim();
                if !matches!(
                    kind.to_ascii_lowercase().as_str(),
                    "dataflow" | "datastructure" | "dataprovision"
                ) {
                    problems.at_column(
                        1,
                        format!(
                            "STRUCTURE {kind:?} is not dataflow, datastructure or dataprovision"
                        ),
                    );
                }
                (2, (kind.to_ascii_lowercase(), strip_label(&fields[1])))
            }
            Version::V1 => (1, ("dataflow".to_owned(), strip_label(&fields[0]))),
        };
        let (kind, id) = structure;
        if !is_structure_id(id) {
            problems.at_column(
                structure_column,
                format!("structure {id:?} is not of the form AGENCY:ID(VERSION)"),
            );
        } else {
            let this = format!("{kind} {id}");
            match &self.first_structure {
                None => self.first_structure = Some((this, line)),
                Some((first, first_line)) if *first != this => problems.at_column(
                    structure_column,
                    format!(
                        "mixed structures: {this} differs from {first} on line {first_line}; \
                         load one structure at a time"
                    ),
                ),
                Some(_) => {}
            }
        }

        if let Some(action) = cell("ACTION").filter(|a| !a.is_empty()) {
            match action {
                "I" | "A" | "R" | "M" => {}
                "D" => problems.at(
                    "ACTION",
                    "ACTION D deletes data; only observations to add (I, A, R or M) can be loaded"
                        .to_owned(),
                ),
                other => problems.at(
                    "ACTION",
                    format!("unknown ACTION {other:?}; expected I, A, R or M"),
                ),
            }
        }
        if let Some(freq) = cell("FREQ").filter(|f| !f.is_empty() && *f != "A") {
            problems.at(
                "FREQ",
                format!("FREQ {freq:?} is not A: observations are annual"),
            );
        }
        if let Some(area) = cell("REF_AREA").map(strip_label).filter(|a| !a.is_empty()) {
            if area != REF_AREA {
                problems.at(
                    "REF_AREA",
                    format!("unknown REF_AREA code {area:?}; the catalog covers {REF_AREA} (Xuhui District)"),
                );
            }
        }
        let indicator_code = cell("INDICATOR").map(strip_label).unwrap_or_default();
        let index = self.indicators.get(indicator_code).copied();
        if index.is_none() {
            let hint = if self.indicators.contains_key(&code(indicator_code)) {
                format!("; codes are upper case: {}", code(indicator_code))
            } else {
                String::new()
            };
            problems.at(
                "INDICATOR",
                format!("unknown INDICATOR code {indicator_code:?}{hint}"),
            );
        }
        let part = cell("REPORT_PART")
            .map(strip_label)
            .filter(|c| !c.is_empty());
        // A published outcome is an observation like a user's, if any.
        let published = part == Some(OUTCOMES_PART);
        let group = match part {
            None => Some(Group::User),
            Some(_) if published => Some(Group::User),
            Some(c) => {
                let g = from_code(Group::ALL, Group::as_str, c);
                if g.is_none() {
                    problems.at("REPORT_PART", format!("unknown REPORT_PART code {c:?}"));
                }
                g
            }
        };
        let kind = match cell("FIGURE_KIND")
            .map(strip_label)
            .filter(|c| !c.is_empty())
        {
            None => Some(FigureKind::Level),
            Some(c) => {
                let k = from_code(FigureKind::ALL, FigureKind::as_str, c);
                if k.is_none() {
                    problems.at("FIGURE_KIND", format!("unknown FIGURE_KIND code {c:?}"));
                }
                k
            }
        };
        let period = match parse_time_period(cell("TIME_PERIOD").unwrap_or_default()) {
            Ok(p) => Some(p),
            Err(m) => {
                problems.at("TIME_PERIOD", m);
                None
            }
        };
        let raw_value = cell("OBS_VALUE").unwrap_or_default();
        // A report figure that is a bound without a number (within the
        // city's quota) is exported with an empty OBS_VALUE.
        let report_part = group.is_some_and(|g| g != Group::User);
        // (pysdmx writes such a missing value as NaN.)
        let value = if report_part && matches!(raw_value.trim(), "" | "NaN") {
            Some(None)
        } else {
            match observations::parse_value(raw_value) {
                Ok(v) => Some(Some(v)),
                Err(m) => {
                    problems.at("OBS_VALUE", m);
                    None
                }
            }
        };
        let base = match cell("UNIT_MEASURE")
            .map(strip_label)
            .filter(|c| !c.is_empty())
        {
            None => Some(None),
            Some(c) => {
                let b = BASE_UNITS.iter().copied().find(|&b| unit_code(b) == c);
                if b.is_none() {
                    problems.at("UNIT_MEASURE", format!("unknown UNIT_MEASURE code {c:?}"));
                }
                b.map(Some)
            }
        };
        let mult = match cell("UNIT_MULT").map(strip_label).filter(|c| !c.is_empty()) {
            None => Some(None),
            Some(c) => {
                let m = (c.len() <= 2 && c.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| c.parse::<i8>().ok())
                    .flatten()
                    .filter(|m| (0..UNIT_MULTS.len() as i8).contains(m));
                if m.is_none() {
                    problems.at(
                        "UNIT_MULT",
                        format!(
                            "UNIT_MULT {c:?} is not a power of ten from 0 to {} (4 for 万, 8 for 亿)",
                            UNIT_MULTS.len() - 1
                        ),
                    );
                }
                m.map(Some)
            }
        };
        let status = match cell("OBS_STATUS")
            .map(strip_label)
            .filter(|c| !c.is_empty())
        {
            None => Some(Status::Actual),
            Some(c) => {
                let s = Status::ALL
                    .iter()
                    .copied()
                    .find(|s| s.sdmx_code().to_string() == c);
                if s.is_none() {
                    problems.at(
                        "OBS_STATUS",
                        format!(
                            "OBS_STATUS {c:?} is not A (normal value), E (estimated value) \
                             or F (forecast value, a target)"
                        ),
                    );
                }
                s
            }
        };
        let qualifier = match cell("QUALIFIER").map(strip_label).filter(|c| !c.is_empty()) {
            None => Some(Qualifier::Exact),
            Some(c) => {
                let q = from_code(Qualifier::ALL, Qualifier::as_str, c);
                if q.is_none() {
                    problems.at("QUALIFIER", format!("unknown QUALIFIER code {c:?}"));
                }
                q
            }
        };
        let price_basis = match cell("PRICE_BASIS")
            .map(strip_label)
            .filter(|c| !c.is_empty())
        {
            None => Some(None),
            Some(c) => {
                let p = from_code(PriceBasis::ALL, PriceBasis::as_str, c);
                if p.is_none() {
                    problems.at("PRICE_BASIS", format!("unknown PRICE_BASIS code {c:?}"));
                }
                p.map(Some)
            }
        };
        let (
            Some(index),
            Some(group),
            Some(kind),
            Some((year_start, year_end)),
            Some(value),
            Some(base),
            Some(mult),
            Some(status),
            Some(qualifier),
            Some(price_basis),
            true,
        ) = (
            index,
            group,
            kind,
            period,
            value,
            base,
            mult,
            status,
            qualifier,
            price_basis,
            problems.list.is_empty(),
        )
        else {
            return Err(problems.list);
        };
        let ind = &self.cat.indicators[index];
        let unit_for = |default: Unit| match (base, mult) {
            (Some(b), m) => Some(Unit::new(b, m.unwrap_or(0))),
            (None, Some(m)) => Some(Unit::new(default.base(), m)),
            (None, None) => None,
        };
        let unit_column = if layout.at("UNIT_MEASURE").is_some() {
            layout.column("UNIT_MEASURE")
        } else {
            layout.column("UNIT_MULT")
        };

        if group != Group::User {
            return self
                .in_report(
                    ind,
                    group,
                    kind,
                    (year_start, year_end),
                    value,
                    &unit_for,
                    status,
                    qualifier,
                )
                .map(|()| RowOutcome::Skip)
                .map_err(|(name, message)| {
                    vec![RowProblem {
                        line,
                        column: if name == "UNIT" {
                            unit_column
                        } else {
                            layout.column(name)
                        },
                        message,
                    }]
                });
        }
        if published && !crate::outcomes::is_observation(kind, year_start, year_end, qualifier) {
            return Ok(RowOutcome::Skip);
        }
        if kind != FigureKind::Level {
            problems.at(
                "FIGURE_KIND",
                format!(
                    "only LEVEL observations can be loaded, got {}",
                    code(kind.as_str())
                ),
            );
        }
        // A published 左右 figure is loaded as its number, as
        // `PublishedOutcomes::observations` does.
        if qualifier != Qualifier::Exact && !published {
            problems.at(
                "QUALIFIER",
                format!(
                    "observations are exact values, got QUALIFIER {}",
                    code(qualifier.as_str())
                ),
            );
        }
        if year_start != year_end {
            problems.at(
                "TIME_PERIOD",
                format!(
                    "observations are single years, got {}",
                    time_period(year_start, year_end)
                ),
            );
        }
        // Observations are levels, and levels are at current prices.
        let level_basis = ind.price_basis.map(|_| PriceBasis::Current);
        if let Some(p) = price_basis {
            if Some(p) != level_basis {
                problems.at(
                    "PRICE_BASIS",
                    format!(
                        "PRICE_BASIS {} does not match {}'s levels, which are at {} prices",
                        code(p.as_str()),
                        ind.id,
                        level_basis.map_or("(no)", |b| b.as_str())
                    ),
                );
            }
        }
        // Only a report part's row may leave OBS_VALUE empty (parsed above).
        let Some(value) = value else {
            problems.at("OBS_VALUE", "value is empty".to_owned());
            return Err(problems.list);
        };
        if !problems.list.is_empty() {
            return Err(problems.list);
        }
        // A published outcome's note is its citation (COMMENT_OBS), as in
        // `PublishedOutcomes::observations`.
        let notes = if published {
            [cell("COMMENT_OBS"), cell("NOTE")]
        } else {
            [cell("NOTE"), cell("COMMENT_OBS")]
        };
        let note = notes
            .into_iter()
            .flatten()
            .find(|n| !n.is_empty())
            .map(str::to_owned);
        let observation = Observation {
            id: ind.id.clone(),
            year: year_start,
            value,
            unit: None,
            status: Some(status.as_str().to_owned()),
            note,
        };
        let place = Place {
            line,
            columns: [
                layout.column("INDICATOR"),
                layout.column("TIME_PERIOD"),
                layout.column("OBS_VALUE"),
                unit_column,
                layout.column("OBS_STATUS"),
            ],
        };
        Ok(RowOutcome::Observation(Box::new((
            observation,
            unit_for(ind.unit),
            place,
        ))))
    }

    /// Checks that a row of a report part repeats the report's figure.
    /// The error names the column at fault (`"UNIT"` for the unit columns).
    #[allow(clippy::too_many_arguments)]
    fn in_report(
        &self,
        ind: &Indicator,
        group: Group,
        kind: FigureKind,
        (year_start, year_end): (i32, i32),
        value: Option<f64>,
        unit_for: &dyn Fn(Unit) -> Option<Unit>,
        status: Status,
        qualifier: Qualifier,
    ) -> std::result::Result<(), (&'static str, String)> {
        let only_user = "only observations (REPORT_PART USER) can be loaded";
        let Some(fig) = ind.figures.iter().find(|f| {
            f.group == group
                && f.kind == kind
                && f.year_start == year_start
                && f.year_end == year_end
        }) else {
            return Err((
                "REPORT_PART",
                format!(
                    "the report has no {} figure of {} for {} in {}; {only_user}",
                    code(kind.as_str()),
                    ind.id,
                    time_period(year_start, year_end),
                    code(group.as_str())
                ),
            ));
        };
        let unit = unit_for(fig.unit).unwrap_or(fig.unit);
        let converted = value
            .map(|v| unit.convert(v, fig.unit))
            .transpose()
            .map_err(|e| ("UNIT", format!("{e}; {only_user}")))?;
        if converted != fig.value {
            return Err((
                "OBS_VALUE",
                format!(
                    "the report gives {} {} for {} in {}, not {}; {only_user}",
                    fig.value
                        .map_or_else(|| "no number".to_owned(), format_number),
                    fig.unit.zh(),
                    ind.id,
                    time_period(year_start, year_end),
                    value.map_or_else(|| "no number".to_owned(), format_number)
                ),
            ));
        }
        // A target and a planned scale are both F (forecast value).
        if status.sdmx_code() != fig.status.sdmx_code() {
            return Err((
                "OBS_STATUS",
                format!(
                    "the report's figure is {}, not {}; {only_user}",
                    fig.status.sdmx_code(),
                    status.sdmx_code()
                ),
            ));
        }
        if qualifier != fig.qualifier {
            return Err((
                "QUALIFIER",
                format!(
                    "the report's figure is {}, not {}; {only_user}",
                    fig.qualifier.as_str(),
                    qualifier.as_str()
                ),
            ));
        }
        Ok(())
    }
}

impl Catalog {
    /// The SDMX observation of every figure, in stable order (the
    /// indicators', then each indicator's figures', user observations
    /// included).
    pub fn sdmx_rows(&self) -> Vec<SdmxRow> {
        self.figures()
            .map(|(i, f)| SdmxRow::from_figure(i, f))
            .collect()
    }

    /// Every figure as SDMX-CSV 2.0 (see the [module docs](self) for the
    /// columns and codes), for pysdmx, sdmx1 and other SDMX tools; the
    /// structure is [`Catalog::to_sdmx_structure`].
    pub fn to_sdmx_csv(&self) -> String {
        write_csv(&self.sdmx_rows())
    }

    /// The SDMX-ML 2.1 structure message describing
    /// [`Catalog::to_sdmx_csv`]: the agency, the code lists (indicators,
    /// report parts, figure kinds, units, unit multipliers, observation
    /// status, qualifiers, price bases, area), the concept scheme, the data
    /// structure definition and the dataflow. It validates against the SDMX
    /// 2.1 XML schemas.
    ///
    /// # Examples
    ///
    /// ```
    /// let xml = xh_core::catalog::embedded().to_sdmx_structure();
    /// assert!(xml.contains(r#"<str:Code id="AI_OUTPUT">"#));
    /// assert!(xml.contains(r#"<str:DataStructure id="DSD_GWR2021" agencyID="XUHUI""#));
    /// ```
    pub fn to_sdmx_structure(&self) -> String {
        structure_message(self)
    }

    /// Adds observations from SDMX-CSV 1.0 or 2.0 text, all or nothing;
    /// returns how many were added.
    ///
    /// Rows are matched by `INDICATOR` code and `TIME_PERIOD`, and
    /// `UNIT_MULT` is applied; see the [module docs](self). Rows of a report
    /// part (`REPORT_PART` other than `USER`) must repeat the report's
    /// figure and are skipped, so the export of a catalog reads back into
    /// the embedded one as the same catalog.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidObservations`] listing every problem with its line
    /// and column (wrong header, unknown code, bad `UNIT_MULT` or
    /// `TIME_PERIOD`, mixed structures, …); the catalog is unchanged.
    pub fn add_observations_sdmx_csv(&mut self, text: &str) -> Result<usize> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (records, unterminated) = csv_input::records(text);
        let mut problems: Vec<RowProblem> = unterminated.into_iter().collect();
        let mut records = records.into_iter();
        let Some((header_line, header)) = records.next() else {
            problems.push(RowProblem {
                line: 1,
                column: 0,
                message: "empty input: expected an SDMX-CSV header row \
                          (STRUCTURE,STRUCTURE_ID,… or DATAFLOW,…)"
                    .to_owned(),
            });
            return Err(Error::InvalidObservations { problems });
        };
        let layout = match read_header(header_line, &header) {
            Ok(layout) => layout,
            Err(mut header_problems) => {
                problems.append(&mut header_problems);
                problems.sort_by_key(|p| (p.line, p.column));
                return Err(Error::InvalidObservations { problems });
            }
        };
        let mut reader = RowReader {
            cat: self,
            layout: &layout,
            indicators: self
                .indicators
                .iter()
                .enumerate()
                .map(|(k, i)| (code(&i.id), k))
                .collect(),
            first_structure: None,
        };
        let mut pending = Vec::new();
        for (line, fields) in records {
            if fields.len() != header.len() {
                problems.push(RowProblem {
                    line,
                    column: 0,
                    message: format!("expected {} columns, found {}", header.len(), fields.len()),
                });
                continue;
            }
            match reader.read(line, &fields) {
                Ok(RowOutcome::Observation(p)) => pending.push(*p),
                Ok(RowOutcome::Skip) => {}
                Err(mut p) => problems.append(&mut p),
            }
        }
        self.commit(pending, problems)
    }

    /// Adds observations from SDMX-CSV bytes: UTF-8 with or without BOM.
    ///
    /// # Errors
    ///
    /// As [`Catalog::add_observations_sdmx_csv`], plus encoding problems.
    pub fn add_observations_sdmx_csv_bytes(&mut self, bytes: &[u8]) -> Result<usize> {
        let text = observations::decode(bytes)?;
        self.add_observations_sdmx_csv(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::embedded;

    #[test]
    fn every_unit_has_one_code_and_reads_back() {
        let mut seen = std::collections::HashSet::new();
        for b in BASE_UNITS {
            assert!(seen.insert(unit_code(b)), "{b:?}");
            assert_eq!(
                BASE_UNITS
                    .iter()
                    .copied()
                    .find(|&x| unit_code(x) == unit_code(b)),
                Some(b)
            );
        }
        for (_, fig) in embedded().figures() {
            assert!(BASE_UNITS.contains(&fig.unit().base()), "{:?}", fig.unit());
            assert!((0..13).contains(&fig.unit().mult()), "{:?}", fig.unit());
        }
    }

    #[test]
    fn time_periods() {
        assert_eq!(time_period(2020, 2020), "2020");
        assert_eq!(time_period(2021, 2025), "2021-01-01/P5Y");
        assert_eq!(time_period(2016, 2020), "2016-01-01/P5Y");
        for (text, want) in [
            ("2020", (2020, 2020)),
            ("2021-A1", (2021, 2021)),
            ("2021-01-01/P5Y", (2021, 2025)),
            ("2021-01-01/P1Y", (2021, 2021)),
        ] {
            assert_eq!(parse_time_period(text), Ok(want), "{text}");
        }
        for bad in [
            "",
            "21",
            "20210",
            "2021-13",
            "2021Q1",
            "2021-Q1",
            "2021-06-01/P1Y",
            "2021-01-01/P0Y",
            "2021-01-01/P5M",
            "2021-01-01/",
            "2021/P5Y",
            "+2021",
            "２０２１",
        ] {
            assert!(parse_time_period(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn structure_ids() {
        assert!(is_structure_id("XUHUI:DF_GWR2021(1.0)"));
        assert!(is_structure_id("ESTAT:NA_MAIN(1.6.0)"));
        assert!(is_structure_id("SDMX.ECB:EXR(1.0.0-draft)"));
        for bad in [
            "",
            "XUHUI",
            "XUHUI:DF",
            "XUHUI:DF()",
            ":DF(1.0)",
            "XUHUI:D F(1.0)",
        ] {
            assert!(!is_structure_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn every_code_written_is_in_its_code_list() {
        let cat = embedded();
        let published = crate::outcomes::embedded();
        let text = cat.to_sdmx_csv();
        let outcome_rows = published.to_sdmx_csv();
        let text = text + outcome_rows.split_once('\n').map_or("", |(_, rows)| rows);
        let (records, problem) = csv_input::records(&text);
        assert!(problem.is_none());
        assert_eq!(
            records.len(),
            cat.figures().count() + published.sdmx_rows().len() + 1
        );
        let header = &records[0].1;
        for (k, c) in COMPONENTS.iter().enumerate() {
            assert_eq!(header[k + 3], c.id);
            let Repr::Codes(list) = c.repr else { continue };
            let ids: Vec<String> = codes(list, cat).into_iter().map(|c| c.id).collect();
            for (line, row) in &records[1..] {
                let v = &row[k + 3];
                let optional = c.role == OPTIONAL;
                assert!(
                    ids.contains(v) || (optional && v.is_empty()),
                    "line {line}: {} {v:?} not in {list}",
                    c.id
                );
            }
        }
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(
            xml_escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert!(matches!(xml_escape("plain 中文"), Cow::Borrowed(_)));
    }
}
