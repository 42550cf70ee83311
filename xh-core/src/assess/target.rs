//! What a target asks for: its kind, period, qualifier and direction, and
//! the set of values that meet it.

use serde::{Deserialize, Serialize};

use crate::catalog::{
    Figure, FigureKind, Group, Indicator, Polarity, PriceBasis, Qualifier, Status,
};
use crate::error::{Error, Result};
use crate::growth;
use crate::units::{Dimension, Unit};

/// What a target measures. Values are in the indicator's unit; rates are
/// decimal fractions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TargetKind {
    /// Average annual growth at `rate` from the base year ("年均增长15%");
    /// implies the level `base · (1 + rate)^years` in the target year.
    Growth {
        /// The annual rate, decimal (`0.15`).
        rate: f64,
    },
    /// A level to reach in the target year ("达到120件").
    Level {
        /// The level.
        value: f64,
    },
    /// A change on the base-year level ("新增10公顷"), i.e. the level
    /// `base + amount` in the target year.
    Change {
        /// The change, in the indicator's unit.
        amount: f64,
    },
    /// A total of annual flows over `base_year + 1 ..= target_year`
    /// ("五年完成260万平方米"); the series holds each year's flow.
    Cumulative {
        /// The total.
        total: f64,
    },
    /// A bound to respect in every year of the period
    /// ("失业率稳定在5.5%以内").
    EveryYear {
        /// The bound.
        bound: f64,
    },
}

/// How a level target's year-by-year path is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathShape {
    /// Compound growth at a constant rate (levels).
    #[default]
    Compound,
    /// A constant change per year (shares and rates in percent).
    Linear,
}

/// A target, on explicit inputs.
///
/// Build it from a catalog figure with [`Target::from_figure`] or field by
/// field (every assessment function validates it first). Deserialises from
/// JSON such as
/// `{"kind": "growth", "rate": 0.05, "base_year": 2020, "target_year": 2025}`
/// (the other fields default to: qualifier `exact`, polarity `higher`,
/// shape `compound`, no price basis, no unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The indicator id (free text for hand-made targets).
    #[serde(default)]
    pub indicator: String,
    /// What is asked.
    #[serde(flatten)]
    pub kind: TargetKind,
    /// The base year: the year before the period starts (2020 for a
    /// 2021–2025 plan).
    pub base_year: i32,
    /// The last year of the period.
    pub target_year: i32,
    /// How the printed value bounds the true one.
    #[serde(default = "exact")]
    pub qualifier: Qualifier,
    /// Which direction is better.
    #[serde(default = "higher")]
    pub polarity: Polarity,
    /// Compound (levels) or linear (percent) path.
    #[serde(default)]
    pub shape: PathShape,
    /// The price basis the target is stated at, for money indicators.
    #[serde(default)]
    pub price_basis: Option<PriceBasis>,
    /// The unit of the values, if known.
    #[serde(default)]
    pub unit: Option<Unit>,
}

fn exact() -> Qualifier {
    Qualifier::Exact
}
fn higher() -> Polarity {
    Polarity::Higher
}

impl Target {
    /// The target stated by a catalog figure of an indicator.
    ///
    /// * `growth`, `average_growth` → [`TargetKind::Growth`];
    ///   `cumulative_growth` → [`TargetKind::Growth`] at the annualised
    ///   rate ([`crate::annualize`]);
    /// * `level` → [`TargetKind::Level`]; `change` → [`TargetKind::Change`];
    /// * `level_each_year` → [`TargetKind::EveryYear`];
    /// * `cumulative_amount` → [`TargetKind::Cumulative`], except when the
    ///   indicator's levels are a stock — recognised by a `change` figure
    ///   in the catalog, as for the 90 regional headquarters (+4 in 2020) —
    ///   where the total is a change of the stock: [`TargetKind::Change`].
    ///
    /// The base year is `year_start − 1`. A figure for a single year (a
    /// level "达到120件" in 2025) states only its end year: its base year is
    /// the year before the plan period — 2020 for the 14th FYP and the 2021
    /// plan — or, for other groups, the year of the latest reported level
    /// before it. Values are converted to the
    /// indicator's unit; the path is linear for percent indicators and
    /// compound otherwise; a growth target takes the indicator's price
    /// basis, a money level target is at current prices.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if the figure is not a target;
    /// [`Error::UnitMismatch`] if its unit does not convert to the
    /// indicator's.
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::assess::{Target, TargetKind};
    /// let cat = xh_core::catalog::embedded();
    /// let ai = cat.get("ai_output")?;
    /// let t = Target::from_figure(ai, ai.targets().next().unwrap())?;
    /// assert_eq!(t.kind, TargetKind::Growth { rate: 0.15 });
    /// assert_eq!((t.base_year, t.target_year), (2020, 2025));
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn from_figure(indicator: &Indicator, figure: &Figure) -> Result<Target> {
        if figure.status() != Status::Target {
            return Err(Error::InvalidArgument {
                arg: "figure",
                message: format!(
                    "{} figure for {} is {}, not a target",
                    figure.period(),
                    indicator.id(),
                    figure.status()
                ),
            });
        }
        // Scope, a number, not a rank or coverage: the catalog's rule.
        indicator.check_assessable(figure)?;
        let value = figure.try_value()?;
        let to_unit = |v: f64| -> Result<f64> {
            let from = figure.unit();
            let to = indicator.unit();
            if from.dimension() == Dimension::PercentagePoints
                && to.dimension() == Dimension::Percent
            {
                return Ok(v);
            }
            from.convert(v, to)
        };
        let stock = indicator
            .figures()
            .iter()
            .any(|f| matches!(f.kind(), FigureKind::Change | FigureKind::GrossAddition));
        let kind = match figure.kind() {
            FigureKind::Growth | FigureKind::AverageGrowth => TargetKind::Growth {
                rate: value / 100.0,
            },
            FigureKind::CumulativeGrowth => TargetKind::Growth {
                rate: growth::annualize(value / 100.0, f64::from(figure.years()))?,
            },
            FigureKind::Level => TargetKind::Level {
                value: to_unit(value)?,
            },
            // A gross addition is measured by the stock's net change, a
            // lower bound of it (exits are not reported): meeting the
            // target on net change means meeting it.
            FigureKind::Change | FigureKind::GrossAddition => TargetKind::Change {
                amount: to_unit(value)?,
            },
            FigureKind::LevelEachYear => TargetKind::EveryYear {
                bound: to_unit(value)?,
            },
            FigureKind::CumulativeAmount if stock => TargetKind::Change {
                amount: to_unit(value)?,
            },
            FigureKind::CumulativeAmount => TargetKind::Cumulative {
                total: to_unit(value)?,
            },
            // check_assessable has rejected these; an error, never a panic.
            FigureKind::Rank | FigureKind::Coverage => {
                return Err(Error::InvalidArgument {
                    arg: "figure",
                    message: format!("a {} figure is not assessed", figure.kind()),
                })
            }
        };
        let growth_kind = matches!(kind, TargetKind::Growth { .. });
        let shape = if indicator.unit().dimension() == Dimension::Percent {
            PathShape::Linear
        } else {
            PathShape::Compound
        };
        let price_basis = match (figure.price_basis(), indicator.price_basis()) {
            (Some(b), _) => Some(b),
            (None, Some(b)) if growth_kind => Some(b),
            (None, Some(_)) => Some(PriceBasis::Current),
            (None, None) => None,
        };
        let base_year = if figure.year_start() < figure.year_end() {
            figure.year_start() - 1
        } else {
            match figure.group() {
                Group::Fyp14Targets | Group::Plan2021 => 2020,
                _ => indicator
                    .figures()
                    .iter()
                    .filter(|f| {
                        f.kind() == FigureKind::Level
                            && f.status() != Status::Target
                            && f.group() != Group::User
                            && f.year_end() < figure.year_end()
                    })
                    .map(Figure::year_end)
                    .max()
                    .unwrap_or(figure.year_start() - 1),
            }
        };
        let t = Target {
            indicator: indicator.id().to_owned(),
            kind,
            base_year,
            target_year: figure.year_end(),
            qualifier: figure.qualifier(),
            polarity: indicator.polarity(),
            shape,
            price_basis,
            unit: Some(indicator.unit()),
        };
        t.validate()?;
        Ok(t)
    }

    /// Checks the target's own consistency.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidYear`] if `target_year <= base_year`;
    /// [`Error::NonFinite`] for a NaN or infinite value;
    /// [`Error::OutOfDomain`] for a growth rate `<= -1`.
    pub fn validate(&self) -> Result<()> {
        if self.target_year <= self.base_year {
            return Err(Error::InvalidYear {
                arg: "target_year",
                value: self.target_year,
                requirement: format!("after base_year {}", self.base_year),
            });
        }
        match self.kind {
            TargetKind::Growth { rate } => {
                crate::check::rate_above_minus_one("rate", rate)?;
            }
            TargetKind::Level { value } => {
                crate::check::finite("value", value)?;
            }
            TargetKind::Change { amount } => {
                crate::check::finite("amount", amount)?;
            }
            TargetKind::Cumulative { total } => {
                crate::check::finite("total", total)?;
            }
            TargetKind::EveryYear { bound } => {
                crate::check::finite("bound", bound)?;
            }
        }
        Ok(())
    }

    /// The number of years in the period, `target_year − base_year`.
    pub fn years(&self) -> i32 {
        self.target_year - self.base_year
    }

    /// `+1` when higher is better, `−1` when lower is better; for a neutral
    /// indicator the sign of the required change `to − from` (`+1` if 0).
    pub fn direction(&self, from: f64, to: f64) -> f64 {
        match self.polarity {
            Polarity::Higher => 1.0,
            Polarity::Lower => -1.0,
            Polarity::Neutral => {
                if to < from {
                    -1.0
                } else {
                    1.0
                }
            }
        }
    }

    /// The values that meet a target of `value` under this target's
    /// qualifier and polarity.
    ///
    /// * 以上 `at_least`: `[v, ∞)`; 超过 `more_than`: `(v, ∞)`;
    ///   以内 `at_most`: `(−∞, v]` — whatever the polarity;
    /// * 左右 `about`: the band `[v − h, v + h]`, `h = tolerance·|v|`, open on
    ///   the better side (higher: `[v − h, ∞)`, lower: `(−∞, v + h]`,
    ///   neutral: the band itself);
    /// * `exact`: `[v, ∞)` when higher is better, `(−∞, v]` when lower is
    ///   better, and for a neutral indicator the half-line beyond `v` seen
    ///   from `from`.
    ///
    /// For a growth target call this with the implied end level; the 左右
    /// band of a growth target is on the rate, see [`Target::acceptance`].
    pub fn acceptance_for(&self, value: f64, from: f64, tolerance: f64) -> Acceptance {
        let h = tolerance * value.abs();
        self.accept(value, value - h, value + h, from)
    }

    fn accept(&self, v: f64, lo: f64, hi: f64, from: f64) -> Acceptance {
        match self.qualifier {
            Qualifier::AtLeast => Acceptance::at_least(v),
            Qualifier::MoreThan => Acceptance::more_than(v),
            Qualifier::AtMost => Acceptance::at_most(v),
            Qualifier::About => match self.polarity {
                Polarity::Higher => Acceptance::at_least(lo),
                Polarity::Lower => Acceptance::at_most(hi),
                Polarity::Neutral => Acceptance::between(lo, hi),
            },
            Qualifier::Exact => {
                if self.direction(from, v) > 0.0 {
                    Acceptance::at_least(v)
                } else {
                    Acceptance::at_most(v)
                }
            }
        }
    }

    /// The central end value and the acceptance set, from a start value
    /// `from` in year `from_year` (the base-year level; for cumulative
    /// targets ignored).
    ///
    /// For [`TargetKind::Growth`] the end value is
    /// `project(from, rate, target_year − from_year)` and a 左右 band of
    /// ±`tolerance·|rate|` on the rate becomes the level band
    /// `[project(from, rate − h), project(from, rate + h)]`.
    ///
    /// # Errors
    ///
    /// As [`crate::project`] for growth targets.
    pub fn acceptance(
        &self,
        from: f64,
        from_year: i32,
        tolerance: f64,
    ) -> Result<(f64, Acceptance)> {
        match self.kind {
            TargetKind::Growth { rate } => {
                let n = f64::from(self.target_year - from_year);
                let end = growth::project(from, rate, n)?;
                let h = tolerance * rate.abs();
                let lo = growth::project(from, (rate - h).max(-1.0 + f64::EPSILON), n)?;
                let hi = growth::project(from, rate + h, n)?;
                Ok((end, self.accept(end, lo, hi, from)))
            }
            TargetKind::Level { value } => Ok((value, self.acceptance_for(value, from, tolerance))),
            TargetKind::Change { amount } => {
                let end = from + amount;
                let h = tolerance * amount.abs();
                Ok((end, self.accept(end, end - h, end + h, from)))
            }
            TargetKind::Cumulative { total } => {
                Ok((total, self.acceptance_for(total, 0.0, tolerance)))
            }
            TargetKind::EveryYear { bound } => {
                Ok((bound, self.acceptance_for(bound, from, tolerance)))
            }
        }
    }
}

/// An interval of accepted values; `None` is an open end (±∞).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// The lower bound, if any.
    pub lower: Option<f64>,
    /// Whether the lower bound itself is accepted.
    pub lower_inclusive: bool,
    /// The upper bound, if any.
    pub upper: Option<f64>,
    /// Whether the upper bound itself is accepted.
    pub upper_inclusive: bool,
}

impl Acceptance {
    /// `[v, ∞)`.
    pub fn at_least(v: f64) -> Acceptance {
        Acceptance {
            lower: Some(v),
            lower_inclusive: true,
            upper: None,
            upper_inclusive: false,
        }
    }
    /// `(v, ∞)`.
    pub fn more_than(v: f64) -> Acceptance {
        Acceptance {
            lower_inclusive: false,
            ..Acceptance::at_least(v)
        }
    }
    /// `(−∞, v]`.
    pub fn at_most(v: f64) -> Acceptance {
        Acceptance {
            lower: None,
            lower_inclusive: false,
            upper: Some(v),
            upper_inclusive: true,
        }
    }
    /// `[lo, hi]`.
    pub fn between(lo: f64, hi: f64) -> Acceptance {
        Acceptance {
            lower: Some(lo),
            lower_inclusive: true,
            upper: Some(hi),
            upper_inclusive: true,
        }
    }

    /// The closed interval from `lower` to `upper`, where `-∞` as `lower`
    /// or `+∞` as `upper` leaves that end open (e.g. `interval(703.975, ∞)`
    /// is "at least 703.975").
    ///
    /// # Errors
    ///
    /// * [`Error::NonFinite`] if a bound is NaN, `lower` is `+∞` or
    ///   `upper` is `−∞`;
    /// * [`Error::OutOfDomain`] if `lower > upper`.
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::assess::Acceptance;
    /// let a = Acceptance::interval(703.975, f64::INFINITY)?;
    /// assert_eq!(a, Acceptance::at_least(703.975));
    /// let err = Acceptance::interval(2.0, 1.0).unwrap_err();
    /// assert_eq!(err.to_string(), "lower must be at most upper, got 2");
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn interval(lower: f64, upper: f64) -> Result<Acceptance> {
        let bound = |arg: &'static str, v: f64, open: f64| {
            if v == open {
                Ok(None)
            } else if v.is_finite() {
                Ok(Some(v))
            } else {
                Err(Error::NonFinite { arg, value: v })
            }
        };
        let (lower, upper) = (
            bound("lower", lower, f64::NEG_INFINITY)?,
            bound("upper", upper, f64::INFINITY)?,
        );
        // An open end is not "included", as in `at_least` and `at_most`.
        let a = Acceptance {
            lower,
            lower_inclusive: lower.is_some(),
            upper,
            upper_inclusive: upper.is_some(),
        };
        a.validate()?;
        Ok(a)
    }

    /// Checks that the bounds are finite and ordered; the probability
    /// functions call it, so a reversed interval is an error rather than a
    /// probability of 0.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] for a NaN or infinite bound,
    /// [`Error::OutOfDomain`] if `lower > upper`.
    pub fn validate(&self) -> Result<()> {
        if let Some(l) = self.lower {
            crate::check::finite("lower", l)?;
        }
        if let Some(u) = self.upper {
            crate::check::finite("upper", u)?;
        }
        if let (Some(l), Some(u)) = (self.lower, self.upper) {
            if l > u {
                return Err(Error::OutOfDomain {
                    arg: "lower",
                    value: l,
                    requirement: "at most upper",
                });
            }
        }
        Ok(())
    }

    /// Whether `x` is accepted.
    ///
    /// ```
    /// use xh_core::assess::Acceptance;
    /// assert!(Acceptance::at_least(90.0).contains(90.0));
    /// assert!(!Acceptance::more_than(90.0).contains(90.0));
    /// assert!(Acceptance::at_most(5.5).contains(5.5));
    /// ```
    pub fn contains(&self, x: f64) -> bool {
        let above = match self.lower {
            None => true,
            Some(l) if self.lower_inclusive => x >= l,
            Some(l) => x > l,
        };
        let below = match self.upper {
            None => true,
            Some(u) if self.upper_inclusive => x <= u,
            Some(u) => x < u,
        };
        above && below
    }

    /// The accepted value nearest to `from`: the value that must be
    /// reached (`from` itself when it is accepted).
    pub fn nearest(&self, from: f64) -> f64 {
        if self.contains(from) {
            return from;
        }
        match (self.lower, self.upper) {
            (Some(l), _) if from <= l => l,
            (_, Some(u)) if from >= u => u,
            (Some(l), _) => l,
            (_, Some(u)) => u,
            (None, None) => from,
        }
    }
}
