//! Where each target of the report stands against the published outcomes.
//!
//! Every published figure is an interval: an exact or "about" figure is the
//! point itself, 以上 `[v, ∞)`, 突破/超过 `(v, ∞)`, 以内 `(−∞, v]`. What a
//! target asks is an interval too (its acceptance set, as in
//! [`crate::assess::Target::acceptance_for`]). The verdict is
//! [`Verdict::Achieved`] only when the whole published interval lies in the
//! acceptance set, [`Verdict::NotAchieved`] only when none of it does, and
//! [`Verdict::Undetermined`] otherwise.
//!
//! What is compared, by target kind (all derived here, never stored):
//! * a level in the target year: the published level;
//! * growth in one year: the published growth at the target's price basis,
//!   else the growth between two published levels at current prices;
//! * average growth over the period: a published average for exactly the
//!   period, else the chained annual growth rates of every year, else the
//!   compound rate between the base-year level and the target-year level
//!   (at current prices only, so never for a comparable-price target);
//! * a change on the base (a stock target such as 20 new headquarters):
//!   the target-year level minus the base-year level;
//! * a total of annual flows: the sum of every year's published flow;
//! * a bound every year: every year's published value.
//!
//! Intervals pass through these formulas end by end, since each is
//! monotone in each argument.

use serde::Serialize;

use super::model::{OutcomeStatus, PublishedOutcome, PublishedOutcomes};
use crate::assess::{Acceptance, Target, TargetKind};
use crate::catalog::{Catalog, Figure, FigureKind, Group, Indicator, PriceBasis, Qualifier};
use crate::growth;

/// A published value as an interval (an [`Acceptance`] read as a set).
pub type Interval = Acceptance;

/// What the published outcomes say about one target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The whole published interval meets the target.
    Achieved,
    /// No value in the published interval meets the target.
    NotAchieved,
    /// Part of the published interval meets the target: a bound that does
    /// not decide. `lower`/`upper` are its ends in the target's terms.
    Undetermined {
        /// The interval's lower end, if any.
        lower: Option<f64>,
        /// The interval's upper end, if any.
        upper: Option<f64>,
    },
    /// Nothing published for the target year (see the search record).
    NoPublishedFigure,
    /// Figures exist but cannot be compared with this target.
    NotAssessed {
        /// Why, in terms of the figures.
        reason: String,
    },
}

impl Verdict {
    /// A short English label: `achieved`, `not achieved`,
    /// `undetermined (bound)`, `no published figure`, `not assessed`.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Achieved => "achieved",
            Verdict::NotAchieved => "not achieved",
            Verdict::Undetermined { .. } => "undetermined (bound)",
            Verdict::NoPublishedFigure => "no published figure",
            Verdict::NotAssessed { .. } => "not assessed",
        }
    }

    /// The Chinese label.
    pub fn label_zh(&self) -> &'static str {
        match self {
            Verdict::Achieved => "已实现",
            Verdict::NotAchieved => "未实现",
            Verdict::Undetermined { .. } => "待定",
            Verdict::NoPublishedFigure => "无公布数据",
            Verdict::NotAssessed { .. } => "未评估",
        }
    }
}

/// One target of the report tracked against the published outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetTrack {
    /// The indicator id.
    pub indicator: String,
    /// The target figure of the report.
    pub target: Figure,
    /// The verdict for the target year.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// What was compared with the target, in its terms (a decimal rate for
    /// growth targets, else a value in the indicator's unit), when anything
    /// was.
    pub measured: Option<Interval>,
    /// How `measured` was obtained, e.g. `"average growth 2020–2025 from
    /// levels"`.
    pub how: String,
    /// Whether a preliminary (预计) figure went into the verdict.
    pub preliminary: bool,
    /// The outcomes the verdict rests on.
    pub evidence: Vec<PublishedOutcome>,
    /// The latest published figure of the indicator, whatever its kind.
    pub latest: Option<PublishedOutcome>,
    /// For an average-growth target whose target year is not published:
    /// the pace so far against the target rate, e.g. `"on pace through
    /// 2024"`.
    pub interim: Option<String>,
    /// What the search record says, for targets without a figure.
    pub note: Option<String>,
}

/// Every 14th Five-Year Plan target and 2021 target of `catalog`, tracked
/// against `published`, in catalog order.
pub fn track(catalog: &Catalog, published: &PublishedOutcomes) -> Vec<TargetTrack> {
    let mut out = Vec::new();
    for ind in catalog.indicators() {
        for fig in ind.targets() {
            if matches!(fig.group(), Group::Fyp14Targets | Group::Plan2021) {
                out.push(track_one(ind, fig, published));
            }
        }
    }
    out
}

/// The track of `id`'s target in `group` (its first, if several).
///
/// # Errors
///
/// [`crate::Error::UnknownId`] for an unknown indicator id;
/// [`crate::Error::InvalidArgument`] if it has no target in `group`.
///
/// ```
/// use xh_core::{catalog::{self, Group}, outcomes};
/// let t = outcomes::verdict_of(catalog::embedded(), outcomes::embedded(), "ai_output", Group::Fyp14Targets)?;
/// assert_eq!(t.verdict.label(), "achieved");
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn verdict_of(
    catalog: &Catalog,
    published: &PublishedOutcomes,
    id: &str,
    group: Group,
) -> crate::Result<TargetTrack> {
    let ind = catalog.get(id)?;
    let fig = ind.targets().find(|f| f.group() == group).ok_or_else(|| {
        crate::Error::InvalidArgument {
            arg: "group",
            message: format!("{id} has no target in {}", group.as_str()),
        }
    })?;
    Ok(track_one(ind, fig, published))
}

impl Verdict {
    /// The snake_case tag of the JSON form: `achieved`, `not_achieved`,
    /// `undetermined`, `no_published_figure`, `not_assessed`.
    pub fn tag(&self) -> &'static str {
        match self {
            Verdict::Achieved => "achieved",
            Verdict::NotAchieved => "not_achieved",
            Verdict::Undetermined { .. } => "undetermined",
            Verdict::NoPublishedFigure => "no_published_figure",
            Verdict::NotAssessed { .. } => "not_assessed",
        }
    }
}

/// [`track`] as a compact JSON array, the form the C interface returns.
pub fn track_json(catalog: &Catalog, published: &PublishedOutcomes) -> String {
    serde_json::to_string(&track(catalog, published)).unwrap_or_else(|_| "[]".to_owned())
}

fn track_one(ind: &Indicator, fig: &Figure, published: &PublishedOutcomes) -> TargetTrack {
    let mut t = TargetTrack {
        indicator: ind.id().to_owned(),
        target: fig.clone(),
        verdict: Verdict::NoPublishedFigure,
        measured: None,
        how: String::new(),
        preliminary: false,
        evidence: Vec::new(),
        latest: latest(published, ind.id()),
        interim: None,
        note: published.not_found(ind.id()).and_then(|n| n.note.clone()),
    };
    let target = match Target::from_figure(ind, fig) {
        Ok(target) => target,
        Err(e) => {
            t.verdict = Verdict::NotAssessed {
                reason: e.to_string(),
            };
            return t;
        }
    };
    let ctx = Ctx {
        ind,
        published,
        target: &target,
    };
    let found = match target.kind {
        TargetKind::Level { .. } => ctx.level(target.target_year),
        TargetKind::Growth { .. } if target.years() == 1 => ctx.growth_in(target.target_year),
        TargetKind::Growth { .. } => ctx.average_growth(&mut t),
        TargetKind::Change { .. } => ctx.change(&mut t),
        TargetKind::Cumulative { .. } => ctx.cumulative(&mut t),
        TargetKind::EveryYear { .. } => ctx.every_year(&mut t),
    };
    if let Some((x, evidence, how)) = found {
        t.preliminary = evidence
            .iter()
            .any(|o| o.status == OutcomeStatus::Preliminary);
        t.verdict = judge(&x, &ctx.acceptance());
        t.measured = Some(x);
        t.evidence = evidence;
        t.how = how;
    } else if let Some(reason) = ctx.not_comparable() {
        if ctx.any_published() {
            t.verdict = Verdict::NotAssessed { reason };
        }
    }
    t
}

struct Ctx<'a> {
    ind: &'a Indicator,
    published: &'a PublishedOutcomes,
    target: &'a Target,
}

type Measured = (Interval, Vec<PublishedOutcome>, String);

impl Ctx<'_> {
    /// The target's acceptance set, in its own terms.
    fn acceptance(&self) -> Acceptance {
        let tol = Qualifier::DEFAULT_ABOUT_TOLERANCE;
        let t = self.target;
        match t.kind {
            // A rate is compared with a rate.
            TargetKind::Growth { rate } => t.acceptance_for(rate, 0.0, tol),
            TargetKind::Level { value } => {
                let from = self.base().and_then(|b| b.1.lower.or(b.1.upper));
                t.acceptance_for(value, from.unwrap_or(value), tol)
            }
            TargetKind::Change { amount } => t.acceptance_for(amount, 0.0, tol),
            TargetKind::Cumulative { total } => t.acceptance_for(total, 0.0, tol),
            TargetKind::EveryYear { bound } => t.acceptance_for(bound, bound, tol),
        }
    }

    /// The base-year level the report gives (its 2020 figure, actual or
    /// estimate), as `(year, interval)` in the indicator's unit: a printed
    /// bound (跨越2000亿元) stays a bound.
    fn base(&self) -> Option<(i32, Interval)> {
        let y = self.target.base_year;
        let f = self
            .ind
            .figures()
            .iter()
            .find(|f| f.is_observed_level() && f.year_end() == y)?;
        let to_unit = |v: f64| f.unit().convert(v, self.ind.unit()).ok();
        let v = to_unit(f.value()?)?;
        let x = match f.qualifier() {
            Qualifier::Exact | Qualifier::About => Acceptance::between(v, v),
            Qualifier::AtLeast => Acceptance::at_least(v),
            Qualifier::MoreThan => Acceptance::more_than(v),
            Qualifier::AtMost => Acceptance::at_most(v),
        };
        Some((y, x))
    }

    /// The best published outcome of `kind` for `year`: the most reliable
    /// source first, a final figure before a preliminary one.
    fn best(&self, kind: FigureKind, start: i32, end: i32) -> Option<&PublishedOutcome> {
        self.published
            .of(self.ind.id())
            .filter(|o| o.kind == kind && o.period_start == start && o.period_end == end)
            .filter(|o| kind == FigureKind::Level || self.basis_fits(o))
            .min_by_key(|o| {
                let rel = self.published.source(&o.source).map(|s| s.reliability);
                (rel, o.status)
            })
    }

    /// Whether a published growth figure is at the target's price basis
    /// (an unstated basis is taken as the target's).
    fn basis_fits(&self, o: &PublishedOutcome) -> bool {
        match (self.target.price_basis, o.price_basis) {
            (Some(t), Some(p)) => t == p,
            _ => true,
        }
    }

    /// Levels are at current prices: they give growth only for a
    /// current-price (or price-free) target.
    fn levels_give_growth(&self) -> bool {
        self.target.price_basis != Some(PriceBasis::Comparable)
    }

    /// The published level of `year` in the indicator's unit, or the
    /// report's own level for the base year.
    fn level(&self, year: i32) -> Option<Measured> {
        if let Some(o) = self.best(FigureKind::Level, year, year) {
            let x = interval(o);
            let x = convert(&x, |v| o.unit.convert(v, self.ind.unit()).ok())?;
            return Some((x, vec![o.clone()], format!("level {year}")));
        }
        let (y, x) = self.base().filter(|b| b.0 == year)?;
        Some((x, Vec::new(), format!("level {y} (the report)")))
    }

    fn growth_in(&self, year: i32) -> Option<Measured> {
        if let Some(o) = self.best(FigureKind::Growth, year, year) {
            let x = convert(&interval(o), |v| Some(v / 100.0))?;
            return Some((x, vec![o.clone()], format!("growth {year}")));
        }
        if !self.levels_give_growth() {
            return None;
        }
        let (a, mut ev_a, _) = self.level(year - 1)?;
        let (b, ev_b, _) = self.level(year)?;
        ev_a.extend(ev_b);
        Some((
            rate_between(&a, &b, 1.0)?,
            ev_a,
            format!("growth {year} from levels {}–{year}", year - 1),
        ))
    }

    fn average_growth(&self, t: &mut TargetTrack) -> Option<Measured> {
        let (by, ty) = (self.target.base_year, self.target.target_year);
        if let Some(o) = self.best(FigureKind::AverageGrowth, by + 1, ty) {
            let x = convert(&interval(o), |v| Some(v / 100.0))?;
            return Some((
                x,
                vec![o.clone()],
                format!("average growth {}–{ty}", by + 1),
            ));
        }
        // Every year's growth, chained.
        let years: Vec<_> = ((by + 1)..=ty)
            .map(|y| self.best(FigureKind::Growth, y, y))
            .collect();
        if years.iter().all(Option::is_some) {
            let picked: Vec<&PublishedOutcome> = years.into_iter().flatten().collect();
            let ends: Vec<Interval> = picked.iter().map(|o| interval(o)).collect();
            let n = f64::from(ty - by);
            let chained = |pick: fn(&Interval) -> Option<f64>| -> Option<f64> {
                let rates: Option<Vec<f64>> =
                    ends.iter().map(|x| pick(x).map(|v| v / 100.0)).collect();
                growth::annualize(growth::chain(&rates?).ok()?, n).ok()
            };
            let x = Acceptance {
                lower: chained(|x| x.lower),
                lower_inclusive: ends.iter().all(|x| x.lower_inclusive),
                upper: chained(|x| x.upper),
                upper_inclusive: ends.iter().all(|x| x.upper_inclusive),
            };
            let ev = picked.into_iter().cloned().collect();
            return Some((x, ev, format!("annual growth {}–{ty} chained", by + 1)));
        }
        if !self.levels_give_growth() {
            return None;
        }
        let (a, mut ev, _) = self.level(by)?;
        if let Some((b, ev_b, _)) = self.level(ty) {
            ev.extend(ev_b);
            let x = rate_between(&a, &b, f64::from(ty - by))?;
            return Some((x, ev, format!("average growth {by}–{ty} from levels")));
        }
        // The pace so far, from the latest published level.
        let latest = ((by + 1)..ty)
            .rev()
            .find_map(|y| self.level(y).map(|l| (y, l)));
        if let Some((y, (b, _, _))) = latest {
            if let Some(x) = rate_between(&a, &b, f64::from(y - by)) {
                let pace = match judge(&x, &self.acceptance()) {
                    Verdict::Achieved => "on pace",
                    Verdict::NotAchieved => "behind pace",
                    _ => "pace undetermined",
                };
                t.interim = Some(format!("{pace} through {y} ({})", rate_text(&x)));
            }
        }
        None
    }

    fn change(&self, t: &mut TargetTrack) -> Option<Measured> {
        let (by, ty) = (self.target.base_year, self.target.target_year);
        let (a, mut ev, _) = self.level(by)?;
        let difference = |b: &Interval| Acceptance {
            lower: b.lower.zip(a.upper).map(|(b, a)| b - a),
            lower_inclusive: b.lower_inclusive && a.upper_inclusive,
            upper: b.upper.zip(a.lower).map(|(b, a)| b - a),
            upper_inclusive: b.upper_inclusive && a.lower_inclusive,
        };
        let Some((b, ev_b, _)) = self.level(ty) else {
            // The change so far, from the latest published level.
            let latest = ((by + 1)..ty)
                .rev()
                .find_map(|y| self.level(y).map(|l| (y, l.0)));
            if let Some((y, b)) = latest {
                let unit = self.ind.unit().zh();
                t.interim = Some(format!("{} {unit} by {y}", signed_text(&difference(&b))));
            }
            return None;
        };
        ev.extend(ev_b);
        Some((difference(&b), ev, format!("level {ty} minus level {by}")))
    }

    fn cumulative(&self, t: &mut TargetTrack) -> Option<Measured> {
        let (by, ty) = (self.target.base_year, self.target.target_year);
        if let Some(o) = self.best(FigureKind::CumulativeAmount, by + 1, ty) {
            let x = convert(&interval(o), |v| o.unit.convert(v, self.ind.unit()).ok())?;
            return Some((x, vec![o.clone()], format!("total {}–{ty}", by + 1)));
        }
        let flows: Vec<_> = ((by + 1)..=ty).map(|y| (y, self.level(y))).collect();
        let known: Vec<_> = flows
            .iter()
            .filter_map(|(y, f)| f.as_ref().map(|f| (*y, f)))
            .collect();
        if known.len() < flows.len() {
            if !known.is_empty() {
                let years: Vec<String> = known.iter().map(|(y, _)| y.to_string()).collect();
                t.interim = Some(format!("published for {} only", years.join(", ")));
            }
            return None;
        }
        let sum = |pick: fn(&Interval) -> Option<f64>| -> Option<f64> {
            known.iter().map(|(_, f)| pick(&f.0)).sum::<Option<f64>>()
        };
        let x = Acceptance {
            lower: sum(|x| x.lower),
            lower_inclusive: known.iter().all(|(_, f)| f.0.lower_inclusive),
            upper: sum(|x| x.upper),
            upper_inclusive: known.iter().all(|(_, f)| f.0.upper_inclusive),
        };
        let ev = known.iter().flat_map(|(_, f)| f.1.clone()).collect();
        Some((x, ev, format!("sum of annual flows {}–{ty}", by + 1)))
    }

    fn every_year(&self, t: &mut TargetTrack) -> Option<Measured> {
        let (by, ty) = (self.target.base_year, self.target.target_year);
        let acc = self.acceptance();
        let years: Vec<_> = ((by + 1)..=ty).map(|y| (y, self.level(y))).collect();
        // One published breach decides, whatever the other years.
        for (y, l) in &years {
            if let Some((x, ev, _)) = l {
                if judge(x, &acc) == Verdict::NotAchieved {
                    return Some((*x, ev.clone(), format!("breached in {y}")));
                }
            }
        }
        let known: Vec<_> = years.iter().filter(|(_, l)| l.is_some()).collect();
        if known.len() < years.len() {
            if !known.is_empty() {
                let ys: Vec<String> = known.iter().map(|(y, _)| y.to_string()).collect();
                t.interim = Some(format!(
                    "within the bound in {} (other years not published)",
                    ys.join(", ")
                ));
            }
            return None;
        }
        // Every year within: the tightest common interval stands for all.
        let all: Vec<_> = known.iter().filter_map(|(_, l)| l.clone()).collect();
        let verdicts: Vec<Verdict> = all.iter().map(|l| judge(&l.0, &acc)).collect();
        let ev = all.iter().flat_map(|l| l.1.clone()).collect();
        let x = all
            .iter()
            .zip(&verdicts)
            .find(|(_, v)| **v != Verdict::Achieved)
            .map_or(all[0].0, |(l, _)| l.0);
        Some((x, ev, format!("every year {}–{ty}", by + 1)))
    }

    /// Why published figures cannot be compared, for a growth target at
    /// comparable prices with current-price levels only.
    fn not_comparable(&self) -> Option<String> {
        if !matches!(self.target.kind, TargetKind::Growth { .. }) || self.levels_give_growth() {
            return None;
        }
        let (by, ty) = (self.target.base_year, self.target.target_year);
        let years: Vec<String> = ((by + 1)..=ty)
            .filter(|y| self.best(FigureKind::Growth, *y, *y).is_some())
            .map(|y| y.to_string())
            .collect();
        let period = if by + 1 == ty {
            ty.to_string()
        } else {
            format!("{}–{ty}", by + 1)
        };
        let published = if years.is_empty() {
            format!("no growth published for {period}")
        } else {
            format!("growth published for {} of {period} only", years.join(", "))
        };
        Some(format!(
            "a growth target at comparable prices: {published}, and current-price levels cannot stand in for it"
        ))
    }

    fn any_published(&self) -> bool {
        self.published
            .of(self.ind.id())
            .any(|o| o.period_end > self.target.base_year)
    }
}

/// A published figure as an interval in its own unit.
fn interval(o: &PublishedOutcome) -> Interval {
    let v = o.value;
    match o.qualifier {
        Qualifier::Exact | Qualifier::About => Acceptance::between(v, v),
        Qualifier::AtLeast => Acceptance::at_least(v),
        Qualifier::MoreThan => Acceptance::more_than(v),
        Qualifier::AtMost => Acceptance::at_most(v),
    }
}

/// The interval with both ends mapped by the increasing `f`.
fn convert(x: &Interval, f: impl Fn(f64) -> Option<f64>) -> Option<Interval> {
    Some(Acceptance {
        lower: x.lower.map(&f).map_or(Some(None), |v| v.map(Some))?,
        upper: x.upper.map(&f).map_or(Some(None), |v| v.map(Some))?,
        ..*x
    })
}

/// The compound annual rate from a level in `a` to a level in `b` over
/// `years`: increasing in the end level, decreasing in the start level.
fn rate_between(a: &Interval, b: &Interval, years: f64) -> Option<Interval> {
    let rate = |start: Option<f64>, end: Option<f64>| -> Option<Option<f64>> {
        match (start, end) {
            (Some(s), Some(e)) => growth::cagr(s, e, years).ok().map(Some),
            _ => Some(None),
        }
    };
    Some(Acceptance {
        lower: rate(a.upper, b.lower)?,
        lower_inclusive: a.upper_inclusive && b.lower_inclusive,
        upper: rate(a.lower, b.upper)?,
        upper_inclusive: a.lower_inclusive && b.upper_inclusive,
    })
}

/// Whether the interval `x` lies inside `a` (achieved), outside it (not
/// achieved), or across its edge (undetermined).
pub(crate) fn judge(x: &Interval, a: &Acceptance) -> Verdict {
    // Is x's lower end at or above a's lower end, for every point of x?
    let above_lower = match (a.lower, x.lower) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(al), Some(xl)) => xl > al || (xl == al && (a.lower_inclusive || !x.lower_inclusive)),
    };
    let below_upper = match (a.upper, x.upper) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(au), Some(xu)) => xu < au || (xu == au && (a.upper_inclusive || !x.upper_inclusive)),
    };
    if above_lower && below_upper {
        return Verdict::Achieved;
    }
    // Disjoint: x ends below a starts, or starts above a ends.
    let ends_below = match (x.upper, a.lower) {
        (Some(xu), Some(al)) => xu < al || (xu == al && !(x.upper_inclusive && a.lower_inclusive)),
        _ => false,
    };
    let starts_above = match (x.lower, a.upper) {
        (Some(xl), Some(au)) => xl > au || (xl == au && !(x.lower_inclusive && a.upper_inclusive)),
        _ => false,
    };
    if ends_below || starts_above {
        Verdict::NotAchieved
    } else {
        Verdict::Undetermined {
            lower: x.lower,
            upper: x.upper,
        }
    }
}

/// The latest published figure of an indicator: the latest year, a level
/// before a growth figure, the most reliable source.
fn latest(published: &PublishedOutcomes, id: &str) -> Option<PublishedOutcome> {
    published
        .of(id)
        .max_by_key(|o| {
            let rel = published.source(&o.source).map(|s| s.reliability);
            (
                o.period_end,
                o.kind == FigureKind::Level,
                std::cmp::Reverse(rel),
                std::cmp::Reverse(o.status),
            )
        })
        .cloned()
}

/// A change interval as text: `+10`, `≥ +10`, `+5 to +8`.
fn signed_text(x: &Interval) -> String {
    let n = |v: f64| format!("{v:+}");
    match (x.lower, x.upper) {
        (Some(l), Some(u)) if l == u => n(l),
        (Some(l), Some(u)) => format!("{} to {}", n(l), n(u)),
        (Some(l), None) => format!("{} {}", if x.lower_inclusive { "≥" } else { ">" }, n(l)),
        (None, Some(u)) => format!("{} {}", if x.upper_inclusive { "≤" } else { "<" }, n(u)),
        (None, None) => "any change".to_owned(),
    }
}

/// A rate interval as text: `≥ 23.4 %`, `5.1 %`, `2.0 % to 3.0 %`.
pub(crate) fn rate_text(x: &Interval) -> String {
    let pct = |v: f64| format!("{:.1} %", v * 100.0);
    match (x.lower, x.upper) {
        (Some(l), Some(u)) if l == u => pct(l),
        (Some(l), Some(u)) => format!("{} to {}", pct(l), pct(u)),
        (Some(l), None) => format!("{} {}", if x.lower_inclusive { "≥" } else { ">" }, pct(l)),
        (None, Some(u)) => format!("{} {}", if x.upper_inclusive { "≤" } else { "<" }, pct(u)),
        (None, None) => "any".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_decide_only_when_the_whole_interval_does() {
        let target = Acceptance::at_least(1000.0);
        assert_eq!(
            judge(&Acceptance::more_than(1000.0), &target),
            Verdict::Achieved
        );
        assert_eq!(
            judge(&Acceptance::at_least(1000.0), &target),
            Verdict::Achieved
        );
        assert_eq!(
            judge(&Acceptance::between(999.0, 999.0), &target),
            Verdict::NotAchieved
        );
        assert_eq!(
            judge(&Acceptance::more_than(900.0), &target),
            Verdict::Undetermined {
                lower: Some(900.0),
                upper: None
            }
        );
        // (v, ∞) against "more than v": achieved; [v, ∞): v itself fails.
        let strict = Acceptance::more_than(5.0);
        assert_eq!(
            judge(&Acceptance::more_than(5.0), &strict),
            Verdict::Achieved
        );
        assert!(matches!(
            judge(&Acceptance::at_least(5.0), &strict),
            Verdict::Undetermined { .. }
        ));
        assert_eq!(
            judge(&Acceptance::at_most(5.0), &strict),
            Verdict::NotAchieved
        );
    }

    #[test]
    fn a_rate_between_bounded_levels_is_bounded_the_right_way() {
        // From exactly 350 to more than 1000 in five years.
        let x = rate_between(
            &Acceptance::between(350.0, 350.0),
            &Acceptance::more_than(1000.0),
            5.0,
        )
        .unwrap();
        let lo = growth::cagr(350.0, 1000.0, 5.0).unwrap();
        assert_eq!(
            (x.lower, x.lower_inclusive, x.upper),
            (Some(lo), false, None)
        );
    }
}
