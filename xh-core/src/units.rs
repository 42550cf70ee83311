//! Units of measure used in the report, as runtime values.
//!
//! A [`Unit`] is a [`BaseUnit`] (元, 平方米, 公顷, 家, % …) scaled by a power
//! of ten, the *unit multiplier*, modelled on SDMX's `UNIT_MULT` attribute:
//! 万 is 10⁴ and 亿 is 10⁸, so 亿元 is `{ base: Yuan, mult: 8 }`.
//!
//! Units parse from the Chinese text the report prints (`"亿元"`,
//! `"万平方米"`, `"个百分点"`, `"件/万人"`) and from English or SI spellings
//! (`"100 million yuan"`, `"ha"`, `"pp"`). Conversion works within a
//! [`Dimension`] and fails with a typed error across dimensions; converting
//! between currencies needs an explicit [`ExchangeRate`].
//!
//! # Examples
//!
//! ```
//! use xh_core::Unit;
//!
//! let yi = Unit::parse("亿元")?;
//! let wan = Unit::parse("万元")?;
//! assert_eq!(yi.convert(198.1, wan)?, 1_981_000.0);
//!
//! let ha = Unit::parse("公顷")?;
//! let sqm = Unit::parse("平方米")?;
//! assert_eq!(ha.convert(10.0, sqm)?, 100_000.0);
//!
//! // Hectares are not money.
//! assert!(ha.convert(1.0, yi).is_err());
//! assert_eq!(yi.en(), "100 million yuan");
//! # Ok::<(), xh_core::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use crate::check::finite;
use crate::error::{Error, Result};

/// A currency. Amounts in different currencies only convert with an
/// [`ExchangeRate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    /// Chinese yuan renminbi (元).
    Cny,
    /// United States dollar (美元).
    Usd,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
        }
    }

    /// Parses an ISO 4217 code (`"CNY"`, `"usd"`) or a Chinese name
    /// (`"人民币"`, `"元"`, `"美元"`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] naming the text.
    pub fn parse(text: &str) -> Result<Currency> {
        match text.trim().to_ascii_uppercase().as_str() {
            "CNY" | "RMB" | "人民币" | "元" => Ok(Currency::Cny),
            "USD" | "美元" => Ok(Currency::Usd),
            _ => Err(Error::InvalidArgument {
                arg: "currency",
                message: format!("expected CNY or USD, got {text:?}"),
            }),
        }
    }
}

/// A countable thing, named by its Chinese measure word (量词).
///
/// Counts of different things do not convert into each other: 家 (firms)
/// are not 台 (machines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Counter {
    /// 家: firms, institutions, shops.
    Establishments,
    /// 个: generic units (parking spaces, sites, items).
    Units,
    /// 件: items, patents.
    Pieces,
    /// 幢: buildings.
    Buildings,
    /// 台: machines, elevators.
    Machines,
    /// 人 or 名: persons.
    Persons,
    /// 人次: person-times (visits, payments).
    PersonTimes,
    /// 套: dwellings.
    Dwellings,
    /// 户: households.
    Households,
    /// 条: roads, lines.
    Lines,
    /// 项: items of work, projects.
    Projects,
    /// 次: occurrences.
    Times,
    /// 处: sites, locations.
    Sites,
    /// 例: cases.
    Cases,
    /// 所: schools, institutions.
    Institutions,
    /// 批: batches.
    Batches,
    /// 座: structures.
    Structures,
}

const COUNTERS: &[(Counter, &str, &str)] = &[
    (Counter::Establishments, "家", "establishments"),
    (Counter::Units, "个", "units"),
    (Counter::Pieces, "件", "pieces"),
    (Counter::Buildings, "幢", "buildings"),
    (Counter::Machines, "台", "machines"),
    (Counter::Persons, "人", "persons"),
    (Counter::PersonTimes, "人次", "person-times"),
    (Counter::Dwellings, "套", "dwellings"),
    (Counter::Households, "户", "households"),
    (Counter::Lines, "条", "lines"),
    (Counter::Projects, "项", "projects"),
    (Counter::Times, "次", "times"),
    (Counter::Sites, "处", "sites"),
    (Counter::Cases, "例", "cases"),
    (Counter::Institutions, "所", "institutions"),
    (Counter::Batches, "批", "batches"),
    (Counter::Structures, "座", "structures"),
];

impl Counter {
    /// The Chinese measure word.
    pub fn zh(self) -> &'static str {
        COUNTERS.iter().find(|c| c.0 == self).map_or("", |c| c.1)
    }

    /// The English plural noun.
    pub fn en(self) -> &'static str {
        COUNTERS.iter().find(|c| c.0 == self).map_or("", |c| c.2)
    }
}

/// What a unit measures. Values convert only within one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Dimension {
    /// Money in one currency.
    Money(Currency),
    /// Area; base square metre.
    Area,
    /// Length; base metre.
    Length,
    /// A count of one kind of thing.
    Count(Counter),
    /// A share or rate in percent.
    Percent,
    /// A difference of two shares, in percentage points.
    PercentagePoints,
    /// Items per 10 000 residents (每万人口 … 件).
    PerTenThousandPeople,
    /// Age in years (岁).
    Age,
    /// An index score in points (分).
    Score,
    /// Elapsed time; base hour.
    Duration,
    /// Mass concentration in air (μg/m³).
    Concentration,
    /// Energy used per unit of output (tonnes of standard coal per 10 000 yuan).
    EnergyIntensity,
    /// Mass per day (tonnes per day).
    MassFlow,
    /// A place in a ranking (第一 is 1); lower is better.
    Rank,
}

impl Dimension {
    /// A snake_case tag: `money_cny`, `area`, `count_establishments` …
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Money(Currency::Cny) => "money_cny",
            Dimension::Money(Currency::Usd) => "money_usd",
            Dimension::Area => "area",
            Dimension::Length => "length",
            Dimension::Count(Counter::Establishments) => "count_establishments",
            Dimension::Count(Counter::Units) => "count_units",
            Dimension::Count(Counter::Pieces) => "count_pieces",
            Dimension::Count(Counter::Buildings) => "count_buildings",
            Dimension::Count(Counter::Machines) => "count_machines",
            Dimension::Count(Counter::Persons) => "count_persons",
            Dimension::Count(Counter::PersonTimes) => "count_person_times",
            Dimension::Count(Counter::Dwellings) => "count_dwellings",
            Dimension::Count(Counter::Households) => "count_households",
            Dimension::Count(Counter::Lines) => "count_lines",
            Dimension::Count(Counter::Projects) => "count_projects",
            Dimension::Count(Counter::Times) => "count_times",
            Dimension::Count(Counter::Sites) => "count_sites",
            Dimension::Count(Counter::Cases) => "count_cases",
            Dimension::Count(Counter::Institutions) => "count_institutions",
            Dimension::Count(Counter::Batches) => "count_batches",
            Dimension::Count(Counter::Structures) => "count_structures",
            Dimension::Percent => "percent",
            Dimension::PercentagePoints => "percentage_points",
            Dimension::PerTenThousandPeople => "per_10k_people",
            Dimension::Age => "age",
            Dimension::Score => "score",
            Dimension::Duration => "duration",
            Dimension::Concentration => "concentration",
            Dimension::EnergyIntensity => "energy_intensity",
            Dimension::MassFlow => "mass_flow",
            Dimension::Rank => "rank",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Dimension::Money(_) => "money",
            Dimension::Area => "area",
            Dimension::Length => "length",
            Dimension::Count(_) => "a count",
            Dimension::Percent => "a percentage",
            Dimension::PercentagePoints => "percentage points",
            Dimension::PerTenThousandPeople => "a per-population ratio",
            Dimension::Age => "age",
            Dimension::Score => "a score",
            Dimension::Duration => "time",
            Dimension::Concentration => "a concentration",
            Dimension::EnergyIntensity => "an energy intensity",
            Dimension::MassFlow => "a mass flow",
            Dimension::Rank => "a rank",
        }
    }
}

/// A unit before its multiplier: 元, 平方米, 公顷, 家 …
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BaseUnit {
    /// 元, Chinese yuan.
    Yuan,
    /// 美元, US dollar.
    UsDollar,
    /// 平方米, square metre.
    SquareMetre,
    /// 公顷, hectare (10⁴ m²).
    Hectare,
    /// 米, metre.
    Metre,
    /// 公里, kilometre (10³ m).
    Kilometre,
    /// %, percent.
    Percent,
    /// 个百分点, percentage point.
    PercentagePoint,
    /// 件/万人, items per 10 000 residents.
    PerTenThousandPeople,
    /// 岁, years of age.
    YearOfAge,
    /// 分, index points.
    Point,
    /// 小时, hour.
    Hour,
    /// 天, day (24 hours).
    Day,
    /// 分钟, minute (1/60 hour).
    Minute,
    /// 微克/立方米, micrograms per cubic metre.
    MicrogramPerCubicMetre,
    /// 吨标准煤/万元, tonnes of standard coal equivalent per 10 000 yuan.
    TonneCoalPerTenThousandYuan,
    /// 吨/日, tonnes per day.
    TonnePerDay,
    /// 位次, a place in a ranking (第一 is 1).
    Rank,
    /// A count of things.
    Count(Counter),
}

impl BaseUnit {
    /// The dimension this base unit measures.
    pub fn dimension(self) -> Dimension {
        match self {
            BaseUnit::Yuan => Dimension::Money(Currency::Cny),
            BaseUnit::UsDollar => Dimension::Money(Currency::Usd),
            BaseUnit::SquareMetre | BaseUnit::Hectare => Dimension::Area,
            BaseUnit::Metre | BaseUnit::Kilometre => Dimension::Length,
            BaseUnit::Percent => Dimension::Percent,
            BaseUnit::PercentagePoint => Dimension::PercentagePoints,
            BaseUnit::PerTenThousandPeople => Dimension::PerTenThousandPeople,
            BaseUnit::YearOfAge => Dimension::Age,
            BaseUnit::Point => Dimension::Score,
            BaseUnit::Hour | BaseUnit::Day | BaseUnit::Minute => Dimension::Duration,
            BaseUnit::MicrogramPerCubicMetre => Dimension::Concentration,
            BaseUnit::TonneCoalPerTenThousandYuan => Dimension::EnergyIntensity,
            BaseUnit::TonnePerDay => Dimension::MassFlow,
            BaseUnit::Rank => Dimension::Rank,
            BaseUnit::Count(c) => Dimension::Count(c),
        }
    }

    /// How many of the dimension's base unit one of this is, as
    /// `(power_of_ten, numerator, denominator)`: small integers, so their
    /// products are exact.
    fn scale(self) -> (i32, f64, f64) {
        match self {
            BaseUnit::Hectare => (4, 1.0, 1.0),
            BaseUnit::Kilometre => (3, 1.0, 1.0),
            BaseUnit::Day => (0, 24.0, 1.0),
            BaseUnit::Minute => (0, 1.0, 60.0),
            _ => (0, 1.0, 1.0),
        }
    }

    fn zh(self) -> &'static str {
        match self {
            BaseUnit::Yuan => "元",
            BaseUnit::UsDollar => "美元",
            BaseUnit::SquareMetre => "平方米",
            BaseUnit::Hectare => "公顷",
            BaseUnit::Metre => "米",
            BaseUnit::Kilometre => "公里",
            BaseUnit::Percent => "%",
            BaseUnit::PercentagePoint => "个百分点",
            BaseUnit::PerTenThousandPeople => "件/万人",
            BaseUnit::YearOfAge => "岁",
            BaseUnit::Point => "分",
            BaseUnit::Hour => "小时",
            BaseUnit::Day => "天",
            BaseUnit::Minute => "分钟",
            BaseUnit::MicrogramPerCubicMetre => "微克/立方米",
            BaseUnit::TonneCoalPerTenThousandYuan => "吨标准煤/万元",
            BaseUnit::TonnePerDay => "吨/日",
            BaseUnit::Rank => "位次",
            BaseUnit::Count(c) => c.zh(),
        }
    }

    fn en(self) -> &'static str {
        match self {
            BaseUnit::Yuan => "yuan",
            BaseUnit::UsDollar => "US dollars",
            BaseUnit::SquareMetre => "m²",
            BaseUnit::Hectare => "ha",
            BaseUnit::Metre => "m",
            BaseUnit::Kilometre => "km",
            BaseUnit::Percent => "%",
            BaseUnit::PercentagePoint => "pp",
            BaseUnit::PerTenThousandPeople => "per 10k residents",
            BaseUnit::YearOfAge => "years",
            BaseUnit::Point => "points",
            BaseUnit::Hour => "hours",
            BaseUnit::Day => "days",
            BaseUnit::Minute => "minutes",
            BaseUnit::MicrogramPerCubicMetre => "μg/m³",
            BaseUnit::TonneCoalPerTenThousandYuan => "tce per 10k yuan",
            BaseUnit::TonnePerDay => "tonnes/day",
            BaseUnit::Rank => "place",
            BaseUnit::Count(c) => c.en(),
        }
    }
}

/// Chinese magnitude prefixes and their SDMX unit multipliers, longest first
/// so that 千万 wins over 千.
const ZH_MULTIPLIERS: &[(&str, i8)] = &[("千万", 7), ("百万", 6), ("亿", 8), ("万", 4), ("千", 3)];

const EN_MULTIPLIERS: &[(&str, i8)] = &[
    ("100 million ", 8),
    ("10 million ", 7),
    ("10 thousand ", 4),
    ("million ", 6),
    ("thousand ", 3),
    ("100m ", 8),
    ("10k ", 4),
    ("1e8 ", 8),
    ("1e4 ", 4),
];

/// Whole-unit spellings, Chinese and English, matched after the multiplier.
const SPELLINGS: &[(&str, BaseUnit)] = &[
    ("元", BaseUnit::Yuan),
    ("人民币", BaseUnit::Yuan),
    ("美元", BaseUnit::UsDollar),
    ("平方米", BaseUnit::SquareMetre),
    ("公顷", BaseUnit::Hectare),
    ("公里", BaseUnit::Kilometre),
    ("千米", BaseUnit::Kilometre),
    ("米", BaseUnit::Metre),
    ("%", BaseUnit::Percent),
    ("％", BaseUnit::Percent),
    ("个百分点", BaseUnit::PercentagePoint),
    ("百分点", BaseUnit::PercentagePoint),
    ("件/万人", BaseUnit::PerTenThousandPeople),
    ("件/每万人口", BaseUnit::PerTenThousandPeople),
    ("岁", BaseUnit::YearOfAge),
    ("分", BaseUnit::Point),
    ("小时", BaseUnit::Hour),
    ("天", BaseUnit::Day),
    ("分钟", BaseUnit::Minute),
    ("位次", BaseUnit::Rank),
    ("名", BaseUnit::Count(Counter::Persons)),
    ("微克/立方米", BaseUnit::MicrogramPerCubicMetre),
    ("吨标准煤/万元", BaseUnit::TonneCoalPerTenThousandYuan),
    ("吨/日", BaseUnit::TonnePerDay),
    ("μg/m³", BaseUnit::MicrogramPerCubicMetre),
    ("ug/m3", BaseUnit::MicrogramPerCubicMetre),
    ("tce per 10k yuan", BaseUnit::TonneCoalPerTenThousandYuan),
    ("tonnes/day", BaseUnit::TonnePerDay),
    ("t/d", BaseUnit::TonnePerDay),
    // English and SI.
    ("yuan", BaseUnit::Yuan),
    ("cny", BaseUnit::Yuan),
    ("rmb", BaseUnit::Yuan),
    ("usd", BaseUnit::UsDollar),
    ("us dollars", BaseUnit::UsDollar),
    ("dollars", BaseUnit::UsDollar),
    ("m²", BaseUnit::SquareMetre),
    ("m2", BaseUnit::SquareMetre),
    ("sq m", BaseUnit::SquareMetre),
    ("square metres", BaseUnit::SquareMetre),
    ("ha", BaseUnit::Hectare),
    ("hectares", BaseUnit::Hectare),
    ("km", BaseUnit::Kilometre),
    ("kilometres", BaseUnit::Kilometre),
    ("m", BaseUnit::Metre),
    ("metres", BaseUnit::Metre),
    ("percent", BaseUnit::Percent),
    ("pp", BaseUnit::PercentagePoint),
    ("percentage points", BaseUnit::PercentagePoint),
    ("percentage point", BaseUnit::PercentagePoint),
    ("per 10k residents", BaseUnit::PerTenThousandPeople),
    ("per 10k people", BaseUnit::PerTenThousandPeople),
    ("years", BaseUnit::YearOfAge),
    ("points", BaseUnit::Point),
    ("hours", BaseUnit::Hour),
    ("h", BaseUnit::Hour),
    ("days", BaseUnit::Day),
    ("d", BaseUnit::Day),
    ("minutes", BaseUnit::Minute),
    ("min", BaseUnit::Minute),
    ("place", BaseUnit::Rank),
    ("rank", BaseUnit::Rank),
];

/// A unit of measure: a [`BaseUnit`] times `10^mult`.
///
/// Serialises as its Chinese text (`"亿元"`), and deserialises through
/// [`Unit::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unit {
    base: BaseUnit,
    mult: i8,
}

impl Unit {
    /// A unit from its base and SDMX-style multiplier (power of ten).
    pub const fn new(base: BaseUnit, mult: i8) -> Unit {
        Unit { base, mult }
    }

    /// Percent, the unit of every growth figure.
    pub const PERCENT: Unit = Unit::new(BaseUnit::Percent, 0);

    /// Parses Chinese unit text as printed in the report (`"亿元"`,
    /// `"万平方米"`, `"万人次"`, `"个百分点"`, `"件/万人"`) or an English/SI
    /// spelling (`"100 million yuan"`, `"10k m²"`, `"ha"`, `"pp"`).
    /// Surrounding whitespace is ignored, English is case-insensitive.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownUnit`] naming the text.
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::{BaseUnit, Unit};
    /// let u = Unit::parse("万平方米")?;
    /// assert_eq!((u.base(), u.mult()), (BaseUnit::SquareMetre, 4));
    /// assert_eq!(Unit::parse("10k m²")?, u);
    /// assert!(Unit::parse("万平光").is_err()); // an OCR slip, not a unit
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Unit> {
        let unknown = || Error::UnknownUnit {
            text: text.to_owned(),
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(unknown());
        }
        let lower = trimmed.to_lowercase();
        for candidate in [trimmed, lower.as_str()] {
            if let Some(base) = lookup_base(candidate) {
                return Ok(Unit::new(base, 0));
            }
            for &(prefix, mult) in ZH_MULTIPLIERS.iter().chain(EN_MULTIPLIERS) {
                if let Some(rest) = candidate.strip_prefix(prefix) {
                    if let Some(base) = lookup_base(rest.trim()) {
                        return Ok(canonical(base, mult));
                    }
                }
            }
        }
        Err(unknown())
    }

    /// The base unit.
    pub fn base(self) -> BaseUnit {
        self.base
    }

    /// The power-of-ten multiplier (SDMX `UNIT_MULT`): 4 for 万, 8 for 亿.
    pub fn mult(self) -> i8 {
        self.mult
    }

    /// What the unit measures.
    pub fn dimension(self) -> Dimension {
        self.base.dimension()
    }

    /// The dimension's base unit: 元, 美元, 平方米, 米, %, 小时, or the count.
    /// The catalog's `base_value` column is expressed in it.
    pub fn dimension_base(self) -> Unit {
        let base = match self.base {
            BaseUnit::Hectare => BaseUnit::SquareMetre,
            BaseUnit::Kilometre => BaseUnit::Metre,
            BaseUnit::Day | BaseUnit::Minute => BaseUnit::Hour,
            b => b,
        };
        Unit::new(base, 0)
    }

    /// The Chinese text, e.g. `"亿元"`, `"万平方米"`, `"%"`.
    pub fn zh(self) -> String {
        let prefix = ZH_MULTIPLIERS
            .iter()
            .find(|m| m.1 == self.mult)
            .map_or_else(
                || {
                    if self.mult == 0 {
                        String::new()
                    } else {
                        format!("10^{}", self.mult)
                    }
                },
                |m| m.0.to_owned(),
            );
        format!("{prefix}{}", self.base.zh())
    }

    /// The English text, e.g. `"100 million yuan"`, `"10 thousand m²"`.
    pub fn en(self) -> String {
        let prefix = match self.mult {
            0 => String::new(),
            3 => "thousand ".to_owned(),
            4 => "10 thousand ".to_owned(),
            6 => "million ".to_owned(),
            7 => "10 million ".to_owned(),
            8 => "100 million ".to_owned(),
            m => format!("1e{m} "),
        };
        format!("{prefix}{}", self.base.en())
    }

    /// Converts `value` in this unit to `to`.
    ///
    /// The conversion is exact when it is a pure power of ten that `f64`
    /// can represent (万 ↔ 亿, 公顷 ↔ 平方米): one multiplication or
    /// division, one rounding.
    ///
    /// # Errors
    ///
    /// * [`Error::NonFinite`] if `value` is NaN or infinite;
    /// * [`Error::UnitMismatch`] across dimensions or between counts of
    ///   different things;
    /// * [`Error::ExchangeRateRequired`] between currencies (use
    ///   [`Unit::convert_with_rate`]).
    pub fn convert(self, value: f64, to: Unit) -> Result<f64> {
        let value = finite("value", value)?;
        let (from_dim, to_dim) = (self.dimension(), to.dimension());
        if from_dim != to_dim {
            if let (Dimension::Money(_), Dimension::Money(_)) = (from_dim, to_dim) {
                return Err(Error::ExchangeRateRequired {
                    from: self.zh(),
                    to: to.zh(),
                });
            }
            return Err(self.mismatch(to));
        }
        Ok(self.rescale(value, to))
    }

    /// Converts money between currencies at `rate`.
    ///
    /// # Errors
    ///
    /// * [`Error::UnitMismatch`] if either unit is not money or the rate's
    ///   currencies do not match the units';
    /// * [`Error::NonFinite`] if `value` is NaN or infinite.
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::{Currency, ExchangeRate, Unit};
    /// let usd = Unit::parse("亿美元")?;
    /// let cny = Unit::parse("亿元")?;
    /// let rate = ExchangeRate::new(Currency::Usd, Currency::Cny, 6.9)?;
    /// let v = usd.convert_with_rate(12.5, cny, rate)?;
    /// assert!((v - 86.25).abs() < 1e-12);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn convert_with_rate(self, value: f64, to: Unit, rate: ExchangeRate) -> Result<f64> {
        let value = finite("value", value)?;
        match (self.dimension(), to.dimension()) {
            (Dimension::Money(a), Dimension::Money(b)) if a == b => Ok(self.rescale(value, to)),
            (Dimension::Money(a), Dimension::Money(b)) if a == rate.from && b == rate.to => {
                let in_to_base = self.rescale(value, Unit::new(self.base, 0)) * rate.rate;
                Ok(Unit::new(to.base, 0).rescale(in_to_base, to))
            }
            (Dimension::Money(_), Dimension::Money(_)) => Err(Error::UnitMismatch {
                from: self.zh(),
                to: to.zh(),
                reason: format!(
                    "the exchange rate is {} per {}",
                    rate.to.code(),
                    rate.from.code()
                ),
            }),
            _ => Err(self.mismatch(to)),
        }
    }

    fn mismatch(self, to: Unit) -> Error {
        let (a, b) = (self.dimension(), to.dimension());
        let reason = match (a, b) {
            (Dimension::Count(x), Dimension::Count(y)) => {
                format!("counts of {} are not counts of {}", x.en(), y.en())
            }
            (Dimension::Percent, Dimension::PercentagePoints)
            | (Dimension::PercentagePoints, Dimension::Percent) => {
                "a percentage-point change is not a percent change".to_owned()
            }
            _ => format!(
                "{} and {} are different dimensions",
                a.describe(),
                b.describe()
            ),
        };
        Error::UnitMismatch {
            from: self.zh(),
            to: to.zh(),
            reason,
        }
    }

    /// Same-dimension rescaling with a single rounding where possible.
    fn rescale(self, value: f64, to: Unit) -> f64 {
        let (fe, fnum, fden) = self.base.scale();
        let (te, tnum, tden) = to.base.scale();
        let exp = fe + i32::from(self.mult) - te - i32::from(to.mult);
        let mut v = if exp >= 0 {
            value * pow10(exp)
        } else {
            value / pow10(-exp)
        };
        // Exact integer products: one day in minutes is 24·60 / (1·1).
        let (num, den) = (fnum * tden, fden * tnum);
        if num != den {
            if num != 1.0 {
                v *= num;
            }
            if den != 1.0 {
                v /= den;
            }
        }
        v
    }
}

fn pow10(e: i32) -> f64 {
    // Exact for e <= 22; beyond that powi's rounding is as good as any.
    10f64.powi(e)
}

/// One spelling per unit: a thousand metres is the kilometre (公里, 千米),
/// so that parsing a unit's own name always gives the same unit back.
fn canonical(base: BaseUnit, mult: i8) -> Unit {
    match base {
        BaseUnit::Metre if mult == 3 => Unit::new(BaseUnit::Kilometre, 0),
        _ => Unit::new(base, mult),
    }
}

fn lookup_base(text: &str) -> Option<BaseUnit> {
    if let Some((_, b)) = SPELLINGS.iter().find(|(s, _)| *s == text) {
        return Some(*b);
    }
    COUNTERS
        .iter()
        .find(|(_, zh, en)| *zh == text || *en == text)
        .map(|(c, _, _)| BaseUnit::Count(*c))
}

impl fmt::Display for Unit {
    /// Chinese by default; `{:#}` gives English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.write_str(&self.en())
        } else {
            f.write_str(&self.zh())
        }
    }
}

impl FromStr for Unit {
    type Err = Error;
    fn from_str(s: &str) -> Result<Unit> {
        Unit::parse(s)
    }
}

impl serde::Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.zh())
    }
}

impl<'de> serde::Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Unit, D::Error> {
        let s = String::deserialize(d)?;
        Unit::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// An exchange rate: `rate` units of `to` per unit of `from`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExchangeRate {
    from: Currency,
    to: Currency,
    rate: f64,
}

impl ExchangeRate {
    /// A rate of `rate` `to` per `from` (e.g. 6.9 CNY per USD).
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] or [`Error::OutOfDomain`] unless `rate` is
    /// positive and finite.
    pub fn new(from: Currency, to: Currency, rate: f64) -> Result<ExchangeRate> {
        let rate = crate::check::positive("rate", rate)?;
        Ok(ExchangeRate { from, to, rate })
    }

    /// The currency converted from.
    pub fn from(self) -> Currency {
        self.from
    }

    /// The currency converted to.
    pub fn to(self) -> Currency {
        self.to
    }

    /// Units of [`ExchangeRate::to`] per unit of [`ExchangeRate::from`].
    pub fn rate(self) -> f64 {
        self.rate
    }

    /// The inverse rate.
    pub fn inverse(self) -> ExchangeRate {
        ExchangeRate {
            from: self.to,
            to: self.from,
            rate: 1.0 / self.rate,
        }
    }
}
