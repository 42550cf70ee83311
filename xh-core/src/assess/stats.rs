//! The statistics behind the attainment probability and the bands: the
//! normal distribution functions, the log-normal growth model and its
//! estimate, a seeded random generator and Monte Carlo.
//!
//! # Model
//!
//! Annual log-growth `ln(x_{y+1} / x_y)` is i.i.d. Normal(μ, σ²). From the
//! latest observation `x_t`, the level `h` years ahead is
//! `x_{t+h} = x_t · exp(μh + σ√h · Z)`, `Z ~ N(0, 1)`.
//!
//! The parameters are estimated from the observed series
//! ([`GrowthModel::estimate`]) or supplied by the caller
//! ([`super::Options::model`]). A supplied model is taken as known: the
//! level is log-normal. An estimated one is not: [`Estimate::probability`]
//! uses the predictive distribution that accounts for the estimation error
//! of μ̂ and σ̂ (Student-t with `k − 1` degrees of freedom for `k`
//! increments), and the Monte Carlo draws the parameters of each path
//! accordingly ([`Estimate::monte_carlo`]).

use serde::{Deserialize, Serialize};
use statrs::distribution::{Continuous, ContinuousCDF, StudentsT};

use super::series::Series;
use super::target::Acceptance;
use crate::check::{finite, non_negative, positive};
use crate::error::{Error, Result};
use crate::kernel::ln_ratio;

// ---------------------------------------------------------------------------
// Normal distribution.

/// The complementary error function, `erfc(x) = 1 − erf(x)`.
///
/// # Formula
///
/// The `libm` crate's `erfc`, a port of musl's (FreeBSD's) rational
/// approximations: within 2 ulp of the exact value where the result is
/// normal, right into the subnormal tail, the same bits on every platform
/// (`docs/dependencies.md` measures it against mpmath and against the
/// hand-written Cody version it replaced). NaN gives NaN.
///
/// # Examples
///
/// ```
/// use xh_core::assess::erfc;
/// assert!((erfc(1.0) - 0.157_299_207_050_285_13).abs() < 1e-16);
/// assert_eq!(erfc(0.0), 1.0);
/// assert!(erfc(27.0) > 0.0); // 5.2e-319, a subnormal
/// assert_eq!(erfc(30.0), 0.0);
/// ```
pub fn erfc(x: f64) -> f64 {
    libm::erfc(x)
}

/// The standard normal cumulative distribution function Φ.
///
/// # Formula
///
/// `Φ(x) = erfc(−x/√2) / 2`, accurate in both tails (no cancellation in
/// `1 − Φ`).
///
/// # Examples
///
/// ```
/// use xh_core::assess::normal_cdf;
/// assert_eq!(normal_cdf(0.0), 0.5);
/// assert!((normal_cdf(1.96) - 0.975_002_104_851_780).abs() < 1e-15);
/// assert!((normal_cdf(-10.0) - 7.619_853_024_160_527e-24).abs() < 1e-37);
/// ```
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x * std::f64::consts::FRAC_1_SQRT_2)
}

/// The standard normal quantile Φ⁻¹(p).
///
/// # Formula
///
/// P. J. Acklam's rational approximation (relative error 1.15e-9), refined
/// by one Halley step on `Φ(x) − p` using [`erfc`], which brings it to
/// about 1e-15.
///
/// # Errors
///
/// [`Error::NonFinite`] for NaN; [`Error::OutOfDomain`] unless `0 < p < 1`.
///
/// # Examples
///
/// ```
/// use xh_core::assess::normal_quantile;
/// assert!((normal_quantile(0.975)? - 1.959_963_984_540_054).abs() < 1e-14);
/// assert!(normal_quantile(1.0).is_err());
/// # Ok::<(), xh_core::Error>(())
/// ```
#[allow(clippy::excessive_precision)] // Acklam's published digits
pub fn normal_quantile(p: f64) -> Result<f64> {
    let p = finite("p", p)?;
    if !(p > 0.0 && p < 1.0) {
        return Err(Error::OutOfDomain {
            arg: "p",
            value: p,
            requirement: "strictly between 0 and 1",
        });
    }
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const LOW: f64 = 0.024_25;
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    let mut x = if p < LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p <= 1.0 - LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -tail((-2.0 * (-p).ln_1p()).sqrt())
    };
    // One Halley step. Work in the tail nearest to p so that e is accurate.
    let e = if x <= 0.0 {
        normal_cdf(x) - p
    } else {
        (1.0 - p) - normal_cdf(-x)
    };
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
    x -= u / (1.0 + x * u / 2.0);
    Ok(x)
}

// ---------------------------------------------------------------------------
// Student-t distribution.

fn students_t(df: f64) -> Result<StudentsT> {
    let df = positive("degrees_of_freedom", df)?;
    StudentsT::new(0.0, 1.0, df).map_err(|_| Error::OutOfDomain {
        arg: "degrees_of_freedom",
        value: df,
        requirement: "positive",
    })
}

/// The Student-t cumulative distribution function `F_ν(x)` with `df`
/// degrees of freedom.
///
/// # Formula
///
/// `F_ν(x) = ½·I_{ν/(ν+x²)}(ν/2, ½)` for `x ≤ 0` and `1 − F_ν(−x)` above,
/// with the regularised incomplete beta function `I` of the `statrs` crate
/// (checked against mpmath in the test-suite: relative error below 1e-13
/// in both tails for the degrees of freedom used here). NaN gives NaN.
///
/// # Errors
///
/// [`Error::OutOfDomain`] unless `df > 0`; [`Error::NonFinite`] for a
/// NaN or infinite `df`.
///
/// # Examples
///
/// ```
/// use xh_core::assess::student_t_cdf;
/// assert_eq!(student_t_cdf(0.0, 3.0)?, 0.5);
/// // One degree of freedom is the Cauchy distribution: F(1) = 3/4.
/// assert!((student_t_cdf(1.0, 1.0)? - 0.75).abs() < 1e-15);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn student_t_cdf(x: f64, df: f64) -> Result<f64> {
    let df = finite("degrees_of_freedom", df)?;
    let t = students_t(df)?;
    if x.is_nan() {
        return Ok(f64::NAN);
    }
    Ok(t.cdf(x))
}

/// `P(a ≤ T ≤ b)` for a Student-t `T`, taking each tail from the side where
/// it is small (no cancellation in `1 − F`).
fn t_interval(t: &StudentsT, a: f64, b: f64) -> f64 {
    if a >= 0.0 {
        t.sf(a) - t.sf(b)
    } else {
        t.cdf(b) - t.cdf(a)
    }
}

/// The Student-t quantile `F_ν⁻¹(p)`: `statrs`' inverse refined by Newton
/// steps on [`student_t_cdf`].
fn t_quantile(t: &StudentsT, p: f64) -> f64 {
    let mut x = t.inverse_cdf(p);
    for _ in 0..3 {
        // f(x) = Γ((ν+1)/2)/(√(νπ)Γ(ν/2))·(1 + x²/ν)^(−(ν+1)/2)
        let f = Continuous::pdf(t, x);
        if f.is_nan() || f <= 0.0 || !x.is_finite() {
            break;
        }
        let e = if x <= 0.0 {
            t.cdf(x) - p
        } else {
            (1.0 - p) - t.sf(x)
        };
        x -= e / f;
    }
    x
}

// ---------------------------------------------------------------------------
// The model.

/// Annual log-growth ~ Normal(`mu`, `sigma`²).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrowthModel {
    /// Mean annual log-growth μ (`0.05` ≈ 5.1 % a year).
    pub mu: f64,
    /// Standard deviation σ of annual log-growth (≥ 0).
    pub sigma: f64,
}

/// A model estimated from a series, with what it was estimated from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// The estimated model.
    pub model: GrowthModel,
    /// The number of year-to-year increments used.
    pub increments: usize,
    /// The first and last year used.
    pub years: (i32, i32),
}

impl Estimate {
    /// The degrees of freedom of the predictive distribution, `k − 1` for
    /// `k` increments.
    pub fn degrees_of_freedom(&self) -> usize {
        self.increments.saturating_sub(1)
    }

    /// The years the estimate spans, `t_last − t_first`.
    pub fn span(&self) -> f64 {
        f64::from(self.years.1 - self.years.0)
    }

    /// The scale of the predictive log-level `years` ahead,
    /// `σ̂·√(h + h²/span)`: the future growth's own variance `σ²h` plus the
    /// variance `h²σ²/span` of `h·μ̂`.
    pub fn predictive_scale(&self, years: f64) -> f64 {
        self.model.sigma * (years + years * years / self.span()).sqrt()
    }

    fn t(&self) -> Result<StudentsT> {
        let df = self.degrees_of_freedom();
        if df == 0 {
            return Err(Error::InvalidArgument {
                arg: "estimate",
                message: "a predictive distribution needs at least 2 increments".to_owned(),
            });
        }
        students_t(df as f64)
    }

    /// The probability that the level `years` after `start` lies in
    /// `acceptance`, with the parameters estimated rather than known.
    ///
    /// # Formula
    ///
    /// With `k` annual increments (`ν = k − 1`), `m = ln(start) + μ̂h` and
    /// `S = σ̂√(h + h²/span)`, `(ln x_{t+h} − m)/S` follows a Student-t
    /// with `ν` degrees of freedom (`docs/methodology.md` derives it), so
    /// `P = F_ν((ln U − m)/S) − F_ν((ln L − m)/S)` for the accepted `[L, U]`.
    /// With `S = 0` the answer is 1 or 0 by whether `start·exp(μ̂h)` is
    /// accepted.
    ///
    /// # Errors
    ///
    /// As [`GrowthModel::probability`]; [`Error::InvalidArgument`] for an
    /// estimate from fewer than 2 increments.
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::assess::{Acceptance, GrowthModel, Series};
    /// let s = Series::new(&[(2020, 100.0), (2021, 106.0), (2022, 110.0), (2023, 117.0)])?;
    /// let est = GrowthModel::estimate(&s)?;
    /// let at = Acceptance::at_least(140.0);
    /// let honest = est.probability(117.0, 2.0, &at)?;
    /// let plug_in = est.model.probability(117.0, 2.0, &at)?;
    /// // Three growth rates say little: the honest answer is less extreme.
    /// assert!(plug_in < honest && honest < 0.5);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn probability(&self, start: f64, years: f64, acceptance: &Acceptance) -> Result<f64> {
        let start = positive("start", start)?;
        let years = non_negative("years", years)?;
        acceptance.validate()?;
        let t = self.t()?;
        let m = start.ln() + self.model.mu * years;
        let s = self.predictive_scale(years);
        if s == 0.0 {
            return Ok(if acceptance.contains(m.exp()) {
                1.0
            } else {
                0.0
            });
        }
        let z = |b: f64| {
            if b <= 0.0 {
                f64::NEG_INFINITY
            } else {
                (b.ln() - m) / s
            }
        };
        let lower = acceptance.lower.map_or(f64::NEG_INFINITY, z);
        let upper = acceptance.upper.map_or(f64::INFINITY, z);
        Ok(t_interval(&t, lower, upper).clamp(0.0, 1.0))
    }

    /// The central `coverage` band of the predictive level `years` after
    /// `start`: `start·exp(μ̂h ± q·S)` with `q = F_ν⁻¹((1 + coverage)/2)`.
    ///
    /// # Errors
    ///
    /// As [`GrowthModel::band`].
    pub fn band(&self, start: f64, years: f64, coverage: f64) -> Result<(f64, f64)> {
        let start = positive("start", start)?;
        let years = non_negative("years", years)?;
        if !(coverage > 0.0 && coverage < 1.0) {
            return Err(Error::OutOfDomain {
                arg: "coverage",
                value: coverage,
                requirement: "strictly between 0 and 1",
            });
        }
        let t = self.t()?;
        let q = t_quantile(&t, (1.0 + coverage) / 2.0);
        let m = start.ln() + self.model.mu * years;
        let s = self.predictive_scale(years);
        Ok(((m - q * s).exp(), (m + q * s).exp()))
    }

    /// Monte Carlo estimate of [`Estimate::probability`]: each path first
    /// draws its own parameters (see [`Params`]) and then `years` annual
    /// steps, as [`monte_carlo_probability`] does with known ones.
    ///
    /// # Errors
    ///
    /// As [`simulate_paths`]; as [`Estimate::probability`] for too few
    /// increments.
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::assess::{Acceptance, GrowthModel, Series};
    /// let s = Series::new(&[(2020, 100.0), (2021, 106.0), (2022, 110.0), (2023, 117.0)])?;
    /// let est = GrowthModel::estimate(&s)?;
    /// let at = Acceptance::at_least(130.0);
    /// let exact = est.probability(117.0, 2.0, &at)?;
    /// let mc = est.monte_carlo(117.0, 2, &at, 100_000, 7)?;
    /// assert!((mc.probability - exact).abs() < 4.0 * mc.standard_error);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn monte_carlo(
        &self,
        start: f64,
        years: usize,
        acceptance: &Acceptance,
        paths: usize,
        seed: u64,
    ) -> Result<McEstimate> {
        self.t()?;
        mc_levels(
            start,
            Params::Estimated(*self),
            years,
            acceptance,
            paths,
            seed,
        )
    }
}

/// Where the parameters of a simulated path come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Params {
    /// Known (supplied): every path uses them; no random numbers are spent.
    Known(GrowthModel),
    /// Estimated: each path draws `σ*² = σ̂²·ν/χ²_ν` and then
    /// `μ* ~ N(μ̂, σ*²/span)` (the posterior of `(μ, σ²)` under the prior
    /// `∝ 1/σ²`, whose predictive is exactly the Student-t of
    /// [`Estimate::probability`]).
    Estimated(Estimate),
}

impl Params {
    /// The parameters of the next path.
    pub fn draw(&self, rng: &mut Rng) -> GrowthModel {
        match self {
            Params::Known(m) => *m,
            Params::Estimated(e) => {
                let nu = e.degrees_of_freedom();
                let mut chi2 = 0.0;
                for _ in 0..nu {
                    let z = rng.next_normal();
                    chi2 += z * z;
                }
                let sigma = if chi2 > 0.0 {
                    e.model.sigma * (nu as f64 / chi2).sqrt()
                } else {
                    e.model.sigma
                };
                let mu = e.model.mu + sigma * rng.next_normal() / e.span().sqrt();
                GrowthModel { mu, sigma }
            }
        }
    }

    /// The point estimate (or the known model).
    pub fn model(&self) -> GrowthModel {
        match self {
            Params::Known(m) => *m,
            Params::Estimated(e) => e.model,
        }
    }
}

impl GrowthModel {
    /// A model with the given parameters.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`]; [`Error::OutOfDomain`] if `sigma < 0`.
    pub fn new(mu: f64, sigma: f64) -> Result<GrowthModel> {
        Ok(GrowthModel {
            mu: finite("mu", mu)?,
            sigma: non_negative("sigma", sigma)?,
        })
    }

    /// Estimates μ and σ from every point of `series`.
    ///
    /// # Formula
    ///
    /// With increments `dᵢ = ln(xᵢ / xᵢ₋₁)` over `Δᵢ = tᵢ − tᵢ₋₁` years
    /// (gaps allowed), `μ̂ = Σdᵢ / ΣΔᵢ = ln(x_last / x_first) / (t_last −
    /// t_first)` and `σ̂² = Σ (dᵢ − μ̂Δᵢ)² / Δᵢ / (k − 1)` for `k`
    /// increments (unbiased for Brownian increments; with annual data it is
    /// the sample variance of the annual log-growth rates).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] with fewer than 3 points (2 increments);
    /// [`Error::OutOfDomain`] if a value is zero or negative (log-growth is
    /// undefined).
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::assess::{GrowthModel, Series};
    /// let s = Series::new(&[(2020, 100.0), (2021, 110.0), (2022, 121.0)])?;
    /// let est = GrowthModel::estimate(&s)?;
    /// assert!((est.model.mu - 1.1f64.ln()).abs() < 1e-15);
    /// assert!(est.model.sigma < 1e-7);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn estimate(series: &Series) -> Result<Estimate> {
        let pts = series.points();
        if pts.len() < 3 {
            return Err(Error::InvalidArgument {
                arg: "series",
                message: format!(
                    "estimating log-growth needs at least 3 points, got {}",
                    pts.len()
                ),
            });
        }
        for p in pts {
            positive("value", p.value)?;
        }
        let first = pts[0];
        let last = pts[pts.len() - 1];
        let span = f64::from(last.year - first.year);
        let mu = ln_ratio(last.value, first.value) / span;
        let mut ss = 0.0;
        for w in pts.windows(2) {
            let dt = f64::from(w[1].year - w[0].year);
            let d = ln_ratio(w[1].value, w[0].value);
            ss += (d - mu * dt).powi(2) / dt;
        }
        let k = pts.len() - 1;
        let sigma = (ss / (k - 1) as f64).sqrt();
        Ok(Estimate {
            model: GrowthModel::new(mu, sigma)?,
            increments: k,
            years: (first.year, last.year),
        })
    }

    /// The probability that `start · exp(μh + σ√h·Z)` lies in `acceptance`.
    ///
    /// # Formula
    ///
    /// With `m = ln(start) + μh` and `s = σ√h`,
    /// `P = Φ((ln U − m)/s) − Φ((ln L − m)/s)` for the acceptance interval
    /// `[L, U]` (an open end contributes 0 or 1; a bound ≤ 0 is below every
    /// log-normal value). Inclusive and exclusive bounds give the same
    /// probability for a continuous distribution. With `s = 0` the result
    /// is 1 or 0 by whether `start · exp(μh)` is accepted.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfDomain`] if `start` is not positive, `years` is
    /// negative or the acceptance interval is reversed
    /// ([`Acceptance::validate`]); [`Error::NonFinite`].
    ///
    /// # Examples
    ///
    /// ```
    /// use xh_core::assess::{Acceptance, GrowthModel};
    /// // Drift ln 1.05, σ 0.02, 5 years from 100: P(x ≥ 100·1.05⁵) = 1/2.
    /// let m = GrowthModel::new(1.05f64.ln(), 0.02)?;
    /// let p = m.probability(100.0, 5.0, &Acceptance::at_least(100.0 * 1.05f64.powi(5)))?;
    /// assert!((p - 0.5).abs() < 1e-12);
    /// # Ok::<(), xh_core::Error>(())
    /// ```
    pub fn probability(&self, start: f64, years: f64, acceptance: &Acceptance) -> Result<f64> {
        let start = positive("start", start)?;
        let years = non_negative("years", years)?;
        acceptance.validate()?;
        let m = start.ln() + self.mu * years;
        let s = self.sigma * years.sqrt();
        if s == 0.0 {
            return Ok(if acceptance.contains(m.exp()) {
                1.0
            } else {
                0.0
            });
        }
        // P(X ≤ b) for a log-normal X.
        let below = |b: f64| {
            if b <= 0.0 {
                0.0
            } else {
                normal_cdf((b.ln() - m) / s)
            }
        };
        let upper = acceptance.upper.map_or(1.0, below);
        let lower = acceptance.lower.map_or(0.0, below);
        Ok((upper - lower).clamp(0.0, 1.0))
    }

    /// The central `coverage` band of `start · exp(μh + σ√h·Z)`.
    ///
    /// # Formula
    ///
    /// `start · exp(μh ± z·σ√h)` with `z = Φ⁻¹((1 + coverage)/2)`.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfDomain`] unless `0 < coverage < 1`, `start > 0` and
    /// `years ≥ 0`.
    pub fn band(&self, start: f64, years: f64, coverage: f64) -> Result<(f64, f64)> {
        let start = positive("start", start)?;
        let years = non_negative("years", years)?;
        let z = normal_quantile((1.0 + coverage) / 2.0).map_err(|_| Error::OutOfDomain {
            arg: "coverage",
            value: coverage,
            requirement: "strictly between 0 and 1",
        })?;
        let m = start.ln() + self.mu * years;
        let s = self.sigma * years.sqrt();
        Ok(((m - z * s).exp(), (m + z * s).exp()))
    }
}

// ---------------------------------------------------------------------------
// Random numbers.

/// A small, fast, seedable generator: xoshiro256** (Blackman and Vigna,
/// 2018) seeded through SplitMix64, with standard normals by Marsaglia's
/// polar method. The same seed gives the same stream on every platform.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
    spare: Option<f64>,
}

impl Rng {
    /// A generator seeded with `seed` (any value, including 0).
    pub fn new(seed: u64) -> Rng {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
            spare: None,
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A uniform number in `[0, 1)` with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal number (polar method; pairs are cached).
    pub fn next_normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.next_f64() - 1.0;
            let v = 2.0 * self.next_f64() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let f = (-2.0 * s.ln() / s).sqrt();
                self.spare = Some(v * f);
                return u * f;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Monte Carlo.

fn check_mc(start: f64, years: usize, paths: usize) -> Result<f64> {
    let start = positive("start", start)?;
    if paths == 0 {
        return Err(Error::EmptyInput { arg: "paths" });
    }
    if years == 0 {
        return Err(Error::EmptyInput { arg: "years" });
    }
    Ok(start)
}

/// Simulates `paths` paths of `years` annual levels into `out`, row-major
/// (`out[p * years + k]` is path `p` in year `k + 1` after the start).
/// The batch entry point for large runs (e.g. 10⁶ paths × 5 years): no
/// allocation, one pass.
///
/// # Formula
///
/// `x_{k+1} = x_k · exp(μ + σ·Z_k)`, `x_0 = start`, with the `Z_k` drawn
/// in order from [`Rng::new(seed)`](Rng::new), path by path.
///
/// # Errors
///
/// [`Error::OutOfDomain`] if `start ≤ 0`; [`Error::EmptyInput`] if `paths`
/// or `years` is 0; [`Error::LengthMismatch`] unless
/// `out.len() == paths * years`.
///
/// # Examples
///
/// ```
/// use xh_core::assess::{simulate_paths, GrowthModel};
/// let m = GrowthModel::new(0.05, 0.1)?;
/// let mut out = vec![0.0; 3 * 5];
/// simulate_paths(100.0, &m, 5, 3, 42, &mut out)?;
/// let mut again = vec![0.0; 15];
/// simulate_paths(100.0, &m, 5, 3, 42, &mut again)?;
/// assert_eq!(out, again); // reproducible
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn simulate_paths(
    start: f64,
    model: &GrowthModel,
    years: usize,
    paths: usize,
    seed: u64,
    out: &mut [f64],
) -> Result<()> {
    let start = check_mc(start, years, paths)?;
    let model = GrowthModel::new(model.mu, model.sigma)?;
    if out.len() != paths.saturating_mul(years) {
        return Err(Error::LengthMismatch {
            arg: "out",
            len: out.len(),
            expected: paths.saturating_mul(years),
        });
    }
    let mut rng = Rng::new(seed);
    let ln0 = start.ln();
    for row in out.chunks_exact_mut(years) {
        let mut l = ln0;
        for cell in row {
            l += model.mu + model.sigma * rng.next_normal();
            *cell = l.exp();
        }
    }
    Ok(())
}

/// A Monte Carlo estimate of a probability.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct McEstimate {
    /// The share of paths that met the target.
    pub probability: f64,
    /// Its standard error, `√(p(1 − p)/n)`.
    pub standard_error: f64,
    /// The number of paths `n`.
    pub paths: usize,
    /// The seed used.
    pub seed: u64,
}

impl McEstimate {
    pub(crate) fn from_hits(hits: usize, paths: usize, seed: u64) -> McEstimate {
        let p = hits as f64 / paths as f64;
        McEstimate {
            probability: p,
            standard_error: (p * (1.0 - p) / paths as f64).sqrt(),
            paths,
            seed,
        }
    }
}

/// Monte Carlo estimate of the probability that the level `years` years
/// after `start` lies in `acceptance`; agrees with
/// [`GrowthModel::probability`] within its standard error.
///
/// Paths are simulated year by year exactly as in [`simulate_paths`] but
/// not stored.
///
/// # Errors
///
/// As [`simulate_paths`].
///
/// # Examples
///
/// ```
/// use xh_core::assess::{monte_carlo_probability, Acceptance, GrowthModel};
/// let m = GrowthModel::new(0.04, 0.05)?;
/// let target = Acceptance::at_least(120.0);
/// let exact = m.probability(100.0, 5.0, &target)?;
/// let mc = monte_carlo_probability(100.0, &m, 5, &target, 100_000, 7)?;
/// assert!((mc.probability - exact).abs() < 4.0 * mc.standard_error);
/// # Ok::<(), xh_core::Error>(())
/// ```
pub fn monte_carlo_probability(
    start: f64,
    model: &GrowthModel,
    years: usize,
    acceptance: &Acceptance,
    paths: usize,
    seed: u64,
) -> Result<McEstimate> {
    let model = GrowthModel::new(model.mu, model.sigma)?;
    mc_levels(start, Params::Known(model), years, acceptance, paths, seed)
}

fn mc_levels(
    start: f64,
    params: Params,
    years: usize,
    acceptance: &Acceptance,
    paths: usize,
    seed: u64,
) -> Result<McEstimate> {
    let start = check_mc(start, years, paths)?;
    acceptance.validate()?;
    let mut rng = Rng::new(seed);
    let ln0 = start.ln();
    let mut hits = 0usize;
    for _ in 0..paths {
        let model = params.draw(&mut rng);
        let mut l = ln0;
        for _ in 0..years {
            l += model.mu + model.sigma * rng.next_normal();
        }
        if acceptance.contains(l.exp()) {
            hits += 1;
        }
    }
    Ok(McEstimate::from_hits(hits, paths, seed))
}
