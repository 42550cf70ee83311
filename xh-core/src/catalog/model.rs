//! The catalog's data types.

use serde::{Deserialize, Serialize};

use crate::units::{Dimension, Unit};

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
    /// The price basis of a money figure.
    ///
    /// Chinese statistical convention: GDP *growth* is measured at
    /// comparable (constant) prices, while levels are published at current
    /// prices. Each figure of a money indicator states its own basis (the
    /// GDP level 跨越2000亿元大关 is at current prices, the GDP growth rates
    /// at comparable prices); comparing a comparable-price growth target
    /// with a current-price series needs a deflator.
    PriceBasis {
        /// Current prices (nominal).
        Current = "current",
        /// Comparable, i.e. constant, prices (real).
        Comparable = "comparable",
    }
);

string_enum!(
    /// Whose quantity an indicator measures.
    ///
    /// The report quotes a few Shanghai-wide programmes (到2025年全市创建100个
    /// 示范街区; 市人才新政20条). They are recorded with their scope and are
    /// never summarised, paced or assessed as Xuhui's own targets: see
    /// [`Indicator::own_targets`] and [`Indicator::assessable_targets`].
    Scope {
        /// Xuhui District (the default).
        District = "district",
        /// Shanghai as a whole (全市, 市).
        Municipal = "municipal",
        /// China as a whole (全国, 国家).
        National = "national",
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
        /// Units added to a stock over the period (attracted, recognised,
        /// newly opened: 引进和认定, 新增, 新辟), before any exits: a gross
        /// inflow, not the net change of the stock.
        GrossAddition = "gross_addition",
        /// A place `r` in a ranking (第一 is 1) within the named peer group
        /// [`Figure::universe`]; unit 位次. Lower is better whatever the
        /// indicator's polarity.
        Rank = "rank",
        /// The share of the named units [`Figure::universe`] covered, in
        /// percent: 全覆盖 (full coverage) is 100.
        Coverage = "coverage",
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
        /// The planned scale of a project or programme (建筑面积约144万平方米,
        /// 土地收储目标共96项): neither a result nor a target to be assessed
        /// (SDMX `F`, forecast).
        Planned = "planned",
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
            Status::Target | Status::Planned => 'F',
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

/// One figure from the report (or from the user): a level, a growth rate,
/// a change, a cumulative amount, a gross addition, a rank or a coverage,
/// with its period, status, qualifier and the exact sentence it came from.
///
/// Most figures have a number ([`Figure::value`]). A few are bounds the
/// report states without one (城镇登记失业人数控制在市政府下达的指标数以内:
/// at most the city's quota): their value is `None`, their qualifier a
/// bound and [`Figure::bound_text`] says what bounds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub(crate) group: Group,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) section: String,
    pub(crate) kind: FigureKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) bound_text: Option<String>,
    pub(crate) unit: Unit,
    pub(crate) year_start: i32,
    pub(crate) year_end: i32,
    pub(crate) status: Status,
    pub(crate) qualifier: Qualifier,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) price_basis: Option<PriceBasis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) universe: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
}

impl Figure {
    /// A user observation of `indicator`'s level in `year`, in the
    /// indicator's unit (money at current prices, as published).
    pub(crate) fn user_level(
        indicator: &Indicator,
        value: f64,
        year: i32,
        status: Status,
        note: Option<String>,
    ) -> Figure {
        Figure {
            group: Group::User,
            section: String::new(),
            kind: FigureKind::Level,
            value: Some(value),
            bound_text: None,
            unit: indicator.unit,
            year_start: year,
            year_end: year,
            status,
            qualifier: Qualifier::Exact,
            price_basis: indicator.price_basis.map(|_| PriceBasis::Current),
            universe: None,
            quote: String::new(),
            note,
        }
    }

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
    /// The value as printed (growth in percent: `15.0` is 15 %), or `None`
    /// for a bound the report states without a number (see
    /// [`Figure::bound_text`]).
    pub fn value(&self) -> Option<f64> {
        self.value
    }
    /// The value, or an error for a figure without a number.
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidArgument`] naming the bound, e.g. `figure has
    /// no number: at most 市政府下达的指标数`.
    pub fn try_value(&self) -> crate::Result<f64> {
        self.value.ok_or_else(|| crate::Error::InvalidArgument {
            arg: "figure",
            message: format!(
                "the {} {} figure has no number: {} {}",
                self.period(),
                self.kind,
                self.qualifier.as_str().replace('_', " "),
                self.bound_text.as_deref().unwrap_or("an unstated bound")
            ),
        })
    }
    /// What bounds a figure that has no number, in the report's words
    /// (`"市政府下达的指标数"`, the quota the municipal government sets);
    /// `None` for a figure with a value.
    pub fn bound_text(&self) -> Option<&str> {
        self.bound_text.as_deref()
    }
    /// The unit of [`Figure::value`].
    pub fn unit(&self) -> Unit {
        self.unit
    }
    /// The value in the unit's dimension base (元, 平方米, 米, %, count …),
    /// or `None` for a figure without a number.
    pub fn base_value(&self) -> Option<f64> {
        self.value.map(|v| {
            self.unit
                .convert(v, self.unit.dimension_base())
                .unwrap_or(v)
        })
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
    /// Actual, estimate, target or planned.
    pub fn status(&self) -> Status {
        self.status
    }
    /// How the printed value bounds the true one.
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }
    /// Current or comparable prices, for the figures of a money indicator
    /// that measure money or its growth (not for ranks and coverages). The
    /// GDP level of 2020 is at current prices, the GDP growth rates at
    /// comparable prices.
    pub fn price_basis(&self) -> Option<PriceBasis> {
        self.price_basis
    }
    /// For a [`FigureKind::Rank`], the peer group ranked within
    /// (`"中心城区"`, the central districts; `"全市"`, all of Shanghai's
    /// districts); for a [`FigureKind::Coverage`], the units covered
    /// (`"街镇"`, sub-districts and towns). `None` for other kinds.
    pub fn universe(&self) -> Option<&str> {
        self.universe.as_deref()
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
        if matches!(
            self.kind,
            FigureKind::Growth | FigureKind::AverageGrowth | FigureKind::CumulativeGrowth
        ) {
            self.value.map(|v| v / 100.0)
        } else {
            None
        }
    }
    /// The value as a decimal fraction when the figure is in percent
    /// (`15 %` → `0.15`), whatever its kind: what a rate argument takes.
    /// `None` in any other unit, percentage points included (a difference
    /// of two shares is not a rate).
    pub fn decimal(&self) -> Option<f64> {
        if self.unit.dimension() != Dimension::Percent {
            return None;
        }
        let percent = self.unit.convert(self.value?, Unit::PERCENT).ok()?;
        Some(percent / 100.0)
    }
    /// `year_start–year_end`, or the single year.
    pub fn period(&self) -> String {
        if self.year_start == self.year_end {
            self.year_end.to_string()
        } else {
            format!("{}–{}", self.year_start, self.year_end)
        }
    }
    /// Whether this is an observed level: a single-year `level` figure with
    /// a number, reported as actual or estimated (not a target or a planned
    /// scale). Qualified bounds (超过, 以上) are observed levels too; the
    /// callers that need a point value also check [`Figure::qualifier`].
    pub fn is_observed_level(&self) -> bool {
        self.kind == FigureKind::Level
            && self.value.is_some()
            && matches!(self.status, Status::Actual | Status::Estimate)
            && self.year_start == self.year_end
    }
}

/// An indicator of the report: what is measured, in which unit, whose
/// quantity it is, and every figure the report gives for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub(crate) id: String,
    pub(crate) name_zh: String,
    pub(crate) name_en: String,
    pub(crate) category: Category,
    #[serde(
        default = "Scope::district",
        skip_serializing_if = "Scope::is_district"
    )]
    pub(crate) scope: Scope,
    pub(crate) unit: Unit,
    pub(crate) polarity: Polarity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) price_basis: Option<PriceBasis>,
    pub(crate) figures: Vec<Figure>,
}

impl Scope {
    fn district() -> Scope {
        Scope::District
    }
    fn is_district(&self) -> bool {
        *self == Scope::District
    }
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
    /// Whose quantity this is: Xuhui's (district), Shanghai's (municipal)
    /// or China's (national).
    pub fn scope(&self) -> Scope {
        self.scope
    }
    /// The unit the indicator's level is measured in.
    pub fn unit(&self) -> Unit {
        self.unit
    }
    /// Which direction is better.
    pub fn polarity(&self) -> Polarity {
        self.polarity
    }
    /// For a money indicator, the price basis its growth figures and growth
    /// targets are measured at (comparable for GDP, current otherwise).
    /// Each figure states its own basis: [`Figure::price_basis`].
    pub fn price_basis(&self) -> Option<PriceBasis> {
        self.price_basis
    }
    /// Every figure, in report order (user observations last).
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }
    /// The targets among the figures, whatever their scope.
    pub fn targets(&self) -> impl Iterator<Item = &Figure> {
        self.figures.iter().filter(|f| f.status == Status::Target)
    }
    /// The targets that are Xuhui's own: every target of a district
    /// indicator, none of a municipal or national one. The plan summaries
    /// ([`crate::plan`]) list these.
    pub fn own_targets(&self) -> impl Iterator<Item = &Figure> {
        let own = self.scope == Scope::District;
        self.targets().filter(move |_| own)
    }
    /// The targets the assessment can measure progress against: Xuhui's own
    /// targets ([`Indicator::own_targets`]) that have a number and are not
    /// a rank or a coverage. A bound without a number (within the city's
    /// quota) and Shanghai-wide targets are left out.
    ///
    /// # Examples
    ///
    /// ```
    /// let cat = xh_core::catalog::embedded();
    /// let quota = cat.get("registered_urban_unemployed")?;
    /// assert_eq!(quota.targets().count(), 1);      // ≤ the city's quota, no number
    /// assert_eq!(quota.assessable_targets().count(), 0);
    /// let blocks = cat.get("food_safety_demo_blocks")?;
    /// assert_eq!(blocks.assessable_targets().count(), 0); // a Shanghai-wide target
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn assessable_targets(&self) -> impl Iterator<Item = &Figure> {
        self.own_targets().filter(|f| {
            f.value.is_some() && !matches!(f.kind, FigureKind::Rank | FigureKind::Coverage)
        })
    }
    /// Checks that `figure` is one of [`Indicator::assessable_targets`]'s
    /// kind: a target of this indicator's own scope, with a number, not a
    /// rank or a coverage.
    ///
    /// # Errors
    ///
    /// [`crate::Error::InvalidArgument`] saying which condition fails.
    pub fn check_assessable(&self, figure: &Figure) -> crate::Result<()> {
        let fail = |why: String| {
            Err(crate::Error::InvalidArgument {
                arg: "figure",
                message: format!(
                    "{} {} figure of {}: {why}",
                    figure.period(),
                    figure.kind,
                    self.id
                ),
            })
        };
        if figure.status != Status::Target {
            return fail(format!("{}, not a target", figure.status));
        }
        if self.scope != Scope::District {
            return fail(format!(
                "a {} target, not one of the district's own",
                self.scope
            ));
        }
        if matches!(figure.kind, FigureKind::Rank | FigureKind::Coverage) {
            return fail("ranks and coverages are not assessed".to_owned());
        }
        if figure.value.is_none() {
            return fail(format!(
                "no number, only a bound: {} {}",
                figure.qualifier.as_str().replace('_', " "),
                figure.bound_text.as_deref().unwrap_or("an unstated bound")
            ));
        }
        Ok(())
    }
    /// The target an indicator is assessed against when none is named: of
    /// its [`Indicator::assessable_targets`], the 14th Five-Year Plan
    /// target, else the 2021 annual target, else the first (earliest year
    /// first within a group). `None` if it has none. Python's
    /// `xuhui.assess("ai_output")` and C's `xh_indicator_default_target` use
    /// this rule.
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
        self.assessable_targets()
            .min_by_key(|f| (rank(f), f.year_start))
    }
    /// The latest observed level ([`Figure::is_observed_level`]) at or
    /// before `year`, a user observation winning over a report figure of
    /// the same year.
    pub fn latest_level(&self, year: i32) -> Option<&Figure> {
        self.figures
            .iter()
            .filter(|f| f.is_observed_level() && f.year_end <= year)
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
