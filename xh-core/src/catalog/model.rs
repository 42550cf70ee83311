//! The catalog's data types.

use serde::{Deserialize, Serialize};

use crate::units::Unit;

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $tag:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $tag)] $variant),+
        }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The snake_case tag used in the data file and the exports.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $tag),+ }
            }
            /// Parses the snake_case tag.
            ///
            /// # Errors
            ///
            /// [`crate::Error::InvalidArgument`] naming the accepted tags.
            pub fn parse(text: &str) -> crate::Result<$name> {
                match text {
                    $($tag => Ok($name::$variant),)+
                    other => Err(crate::Error::InvalidArgument {
                        arg: stringify!($name),
                        message: format!(
                            "expected one of {}, got {other:?}",
                            [$($tag),+].join(", ")
                        ),
                    }),
                }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<$name> {
                $name::parse(s)
            }
        }
    };
}

pub(crate) use string_enum;

string_enum!(
    /// The policy area an indicator belongs to.
    Category {
        /// Output, revenue, investment, trade.
        Economy = "economy",
        /// R&D, patents, AI and life-science industries.
        Innovation = "innovation",
        /// Employment, housing, social security, education.
        Livelihood = "livelihood",
        /// Air, water, green space, waste.
        Environment = "environment",
        /// Government services and administration.
        Governance = "governance",
        /// Roads, parking, construction projects.
        Infrastructure = "infrastructure",
        /// Culture, tourism, heritage.
        Culture = "culture",
        /// Public health and medical services.
        Health = "health",
        /// Public safety and security.
        PublicSafety = "public_safety",
    }
);

string_enum!(
    /// Which direction of change is an improvement.
    Polarity {
        /// Higher values are better (output, green space).
        Higher = "higher",
        /// Lower values are better (unemployment, PM2.5).
        Lower = "lower",
        /// Neither (counts of cases handled, programme sizes).
        Neutral = "neutral",
    }
);

string_enum!(
    /// The price basis of a money indicator.
    ///
    /// Chinese statistical convention: GDP *growth* is measured at
    /// comparable (constant) prices, while levels are published at current
    /// prices. Comparing a comparable-price growth target with a
    /// current-price series needs a deflator.
    PriceBasis {
        /// Current prices (nominal).
        Current = "current",
        /// Comparable, i.e. constant, prices (real).
        Comparable = "comparable",
    }
);

string_enum!(
    /// The part of the report a figure comes from.
    Group {
        /// Part 一: the 2020 results.
        Results2020 = "results_2020",
        /// Part 一: the 13th Five-Year Plan record, 2016–2020.
        Fyp13Record = "fyp13_record",
        /// Part 二: the 14th Five-Year Plan main indicators, 2021–2025.
        Fyp14Targets = "fyp14_targets",
        /// Parts 三–四: the 2021 annual targets and tasks.
        Plan2021 = "plan_2021",
        /// 名词解释: statistical figures in the glossary.
        Glossary = "glossary",
        /// Observations added by the user (not from the report).
        User = "user",
    }
);

string_enum!(
    /// What a figure's value measures.
    FigureKind {
        /// The indicator's value in `year_end` (a stock, or that year's flow).
        Level = "level",
        /// A bound the level must respect in every year of the period.
        LevelEachYear = "level_each_year",
        /// Year-on-year relative change in `year_end`, in percent.
        Growth = "growth",
        /// Average annual growth over the period, in percent; the base year
        /// is `year_start - 1`.
        AverageGrowth = "average_growth",
        /// Total relative change over the period, in percent.
        CumulativeGrowth = "cumulative_growth",
        /// Absolute change over the period (or on the previous year), in the
        /// figure's unit (e.g. 个百分点 for a share).
        Change = "change",
        /// Sum of an annual flow over the period.
        CumulativeAmount = "cumulative_amount",
    }
);

string_enum!(
    /// Whether a figure is a result, an estimate or a target (SDMX
    /// `OBS_STATUS`: A, E, F).
    Status {
        /// A reported result (SDMX `A`, normal value).
        Actual = "actual",
        /// An estimate, 预计 (SDMX `E`).
        Estimate = "estimate",
        /// A plan target (SDMX `F`, forecast).
        Target = "target",
    }
);

string_enum!(
    /// How the printed value bounds the true one.
    ///
    /// * 以上 / 不少于 → [`Qualifier::AtLeast`] (inclusive, ≥);
    /// * 以内 / 不超过 → [`Qualifier::AtMost`] (inclusive, ≤);
    /// * 左右 / 约 → [`Qualifier::About`], a band of ±[`Qualifier::DEFAULT_ABOUT_TOLERANCE`]
    ///   of the value (so "5%左右" is 4.5 %–5.5 %);
    /// * 超过 / 超 / 余 → [`Qualifier::MoreThan`] (exclusive, >);
    /// * no qualifier → [`Qualifier::Exact`].
    Qualifier {
        /// As printed.
        Exact = "exact",
        /// 以上: at least, inclusive.
        AtLeast = "at_least",
        /// 以内: at most, inclusive.
        AtMost = "at_most",
        /// 左右: about.
        About = "about",
        /// 超过: more than, exclusive.
        MoreThan = "more_than",
    }
);

impl Status {
    /// The SDMX `OBS_STATUS` code.
    pub fn sdmx_code(self) -> char {
        match self {
            Status::Actual => 'A',
            Status::Estimate => 'E',
            Status::Target => 'F',
        }
    }
}

impl Qualifier {
    /// Default half-width of the 左右 band, relative to the value: 10 %.
    pub const DEFAULT_ABOUT_TOLERANCE: f64 = 0.10;

    /// The mathematical symbol: `=`, `≥`, `≤`, `≈`, `>`.
    pub fn symbol(self) -> &'static str {
        match self {
            Qualifier::Exact => "=",
            Qualifier::AtLeast => "≥",
            Qualifier::AtMost => "≤",
            Qualifier::About => "≈",
            Qualifier::MoreThan => ">",
        }
    }

    /// The Chinese word the report uses.
    pub fn zh(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::AtLeast => "以上",
            Qualifier::AtMost => "以内",
            Qualifier::About => "左右",
            Qualifier::MoreThan => "超过",
        }
    }
}

impl Group {
    /// A short English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Group::Results2020 => "2020 results",
            Group::Fyp13Record => "13th FYP record 2016–2020",
            Group::Fyp14Targets => "14th FYP targets 2021–2025",
            Group::Plan2021 => "2021 plan",
            Group::Glossary => "glossary",
            Group::User => "user data",
        }
    }

    /// A short Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Group::Results2020 => "2020年工作回顾",
            Group::Fyp13Record => "“十三五”成就",
            Group::Fyp14Targets => "“十四五”主要指标",
            Group::Plan2021 => "2021年主要预期指标",
            Group::Glossary => "名词解释",
            Group::User => "用户数据",
        }
    }
}

/// One number from the report (or from the user): a level, a growth rate,
/// a change or a cumulative amount, with its period, status, qualifier and
/// the exact sentence it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub(crate) group: Group,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) section: String,
    pub(crate) kind: FigureKind,
    pub(crate) value: f64,
    pub(crate) unit: Unit,
    pub(crate) year_start: i32,
    pub(crate) year_end: i32,
    pub(crate) status: Status,
    pub(crate) qualifier: Qualifier,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
}

impl Figure {
    /// The part of the report it comes from.
    pub fn group(&self) -> Group {
        self.group
    }
    /// The heading path of the quote, in Chinese (empty for user data).
    pub fn section(&self) -> &str {
        &self.section
    }
    /// What the value measures.
    pub fn kind(&self) -> FigureKind {
        self.kind
    }
    /// The value as printed (growth in percent: `15.0` is 15 %).
    pub fn value(&self) -> f64 {
        self.value
    }
    /// The unit of [`Figure::value`].
    pub fn unit(&self) -> Unit {
        self.unit
    }
    /// The value in the unit's dimension base (元, 平方米, 米, %, count …).
    pub fn base_value(&self) -> f64 {
        self.unit
            .convert(self.value, self.unit.dimension_base())
            .unwrap_or(self.value)
    }
    /// First calendar year of the period (inclusive).
    pub fn year_start(&self) -> i32 {
        self.year_start
    }
    /// Last calendar year of the period (inclusive).
    pub fn year_end(&self) -> i32 {
        self.year_end
    }
    /// Number of years the period spans, `year_end - year_start + 1`. For
    /// growth kinds this is the number of compounding periods from the base
    /// year `year_start - 1`.
    pub fn years(&self) -> i32 {
        self.year_end - self.year_start + 1
    }
    /// Actual, estimate or target.
    pub fn status(&self) -> Status {
        self.status
    }
    /// How the printed value bounds the true one.
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }
    /// The exact quote from the report (empty for user data).
    pub fn quote(&self) -> &str {
        &self.quote
    }
    /// A note, e.g. on an OCR slip the figure was read through.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
    /// The value as a decimal rate, for growth kinds (`15` → `0.15`).
    pub fn rate(&self) -> Option<f64> {
        matches!(
            self.kind,
            FigureKind::Growth | FigureKind::AverageGrowth | FigureKind::CumulativeGrowth
        )
        .then_some(self.value / 100.0)
    }
    /// `year_start–year_end`, or the single year.
    pub fn period(&self) -> String {
        if self.year_start == self.year_end {
            self.year_end.to_string()
        } else {
            format!("{}–{}", self.year_start, self.year_end)
        }
    }
}

/// An indicator of the report: what is measured, in which unit, and every
/// figure the report gives for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub(crate) id: String,
    pub(crate) name_zh: String,
    pub(crate) name_en: String,
    pub(crate) category: Category,
    pub(crate) unit: Unit,
    pub(crate) polarity: Polarity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) price_basis: Option<PriceBasis>,
    pub(crate) figures: Vec<Figure>,
}

impl Indicator {
    /// The stable snake_case id, e.g. `"ai_output"`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The Chinese name as the report words it.
    pub fn name_zh(&self) -> &str {
        &self.name_zh
    }
    /// The English name.
    pub fn name_en(&self) -> &str {
        &self.name_en
    }
    /// The policy area.
    pub fn category(&self) -> Category {
        self.category
    }
    /// The unit the indicator's level is measured in.
    pub fn unit(&self) -> Unit {
        self.unit
    }
    /// Which direction is better.
    pub fn polarity(&self) -> Polarity {
        self.polarity
    }
    /// Current or comparable prices, for money indicators.
    pub fn price_basis(&self) -> Option<PriceBasis> {
        self.price_basis
    }
    /// Every figure, in report order (user observations last).
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }
    /// The targets among the figures.
    pub fn targets(&self) -> impl Iterator<Item = &Figure> {
        self.figures.iter().filter(|f| f.status == Status::Target)
    }
    /// The target an indicator is assessed against when none is named: its
    /// 14th Five-Year Plan target, else its 2021 annual target, else its
    /// first target (earliest year first within a group). `None` if it has
    /// no target. Python's `xuhui.assess("ai_output")` and C's
    /// `xh_indicator_default_target` use this rule.
    ///
    /// ```
    /// let cat = xh_core::catalog::embedded();
    /// let gdp = cat.get("gdp")?.default_target().unwrap();
    /// assert_eq!(gdp.quote(), "提出地区生产总值年均增长5%左右");
    /// assert!(cat.get("covid_local_cases")?.default_target().is_none());
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn default_target(&self) -> Option<&Figure> {
        let rank = |f: &Figure| match f.group {
            Group::Fyp14Targets => 0,
            Group::Plan2021 => 1,
            _ => 2,
        };
        self.targets().min_by_key(|f| (rank(f), f.year_start))
    }
    /// The latest actual or estimated level at or before `year`.
    pub fn latest_level(&self, year: i32) -> Option<&Figure> {
        self.figures
            .iter()
            .filter(|f| {
                f.kind == FigureKind::Level && f.status != Status::Target && f.year_end <= year
            })
            .max_by_key(|f| (f.year_end, f.group == Group::User))
    }
}

/// Where the catalog's figures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The report's Chinese title.
    pub title_zh: String,
    /// The report's English title.
    pub title_en: String,
    /// The date it was delivered, ISO 8601.
    pub delivered: String,
    /// The file name of the text it was read from.
    pub file: String,
}
