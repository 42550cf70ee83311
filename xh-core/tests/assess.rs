//! Target tracking: hand-computed cases, the Monte Carlo against the closed
//! form, numerics, errors, and every catalog target under the SYNTHETIC
//! scenario.

use std::collections::BTreeMap;

use xh_core::assess::{
    self, attainment_probability, erfc, monte_carlo_probability, normal_cdf, normal_quantile,
    progress, simulate_paths, trajectory, Acceptance, Deflator, GrowthModel, Options, Outcome,
    Series, Target,
};
use xh_core::catalog::{Group, PriceBasis};
use xh_core::plan::RequiredPace;
use xh_core::ErrorKind;

fn target(json: &str) -> Target {
    serde_json::from_str(json).unwrap()
}

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} vs {b}");
}

const SCENARIO: &str = include_str!("../examples/data/synthetic_2021_2023.csv");

fn scenario() -> xh_core::catalog::Catalog {
    let mut cat = xh_core::catalog::embedded().clone();
    cat.add_observations_csv(SCENARIO).unwrap();
    cat
}

fn gdp_deflator() -> BTreeMap<String, Deflator> {
    BTreeMap::from([(
        "gdp".to_owned(),
        Deflator::Inflation(vec![(2021, 0.020), (2022, 0.015), (2023, 0.010)]),
    )])
}

#[test]
#[allow(clippy::excessive_precision)] // mpmath digits
fn erfc_and_normal_reference_values() {
    // Reference values from mpmath at 30 digits.
    for (x, want) in [
        (0.0, 1.0),
        (0.1, 0.887_537_083_981_715_1),
        (0.5, 0.479_500_122_186_953_5),
        (1.0, 0.157_299_207_050_285_13),
        (2.0, 0.004_677_734_981_047_266),
        (5.0, 1.537_459_794_428_034_9e-12),
        (10.0, 2.088_487_583_762_545e-45),
        (-1.0, 1.842_700_792_949_714_9),
    ] {
        let got = erfc(x);
        assert!(
            (got - want).abs() <= 4.0 * f64::EPSILON * want,
            "erfc({x}) = {got:e}, want {want:e}"
        );
    }
    assert!(erfc(f64::NAN).is_nan());
    assert_eq!(erfc(f64::INFINITY), 0.0);
    assert_eq!(erfc(f64::NEG_INFINITY), 2.0);
    close(normal_cdf(-1.0), 0.158_655_253_931_457_05, 1e-16);
    for p in [1e-10, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999_999] {
        let x = normal_quantile(p).unwrap();
        // Limited by the rounding of x itself: |x|·ulp(x) relative.
        close(normal_cdf(x), p, 1e-14 * p);
    }
    close(
        normal_quantile(0.025).unwrap(),
        -1.959_963_984_540_054,
        1e-14,
    );
    assert_eq!(
        normal_quantile(0.0).unwrap_err().kind(),
        ErrorKind::OutOfDomain
    );
}

#[test]
fn progress_growth_target_hand_computed() {
    // 15 % a year from 350 (2020): 350 · 1.15⁵ = 703.975015625 in 2025.
    let t = target(r#"{"kind": "growth", "rate": 0.15, "base_year": 2020, "target_year": 2025}"#);
    let s = Series::new(&[(2020, 350.0), (2021, 400.0), (2022, 455.0), (2023, 520.0)]).unwrap();
    let p = progress(&t, &s, &Options::default()).unwrap();
    let p = p.assessed().unwrap();
    close(p.target_value, 703.975_015_625, 1e-9);
    // Required from 2023: (703.975015625 / 520)^(1/2) − 1.
    let RequiredPace::Rate(r) = p.required_pace else {
        panic!("{:?}", p.required_pace)
    };
    close(r, (703.975_015_625_f64 / 520.0).sqrt() - 1.0, 1e-14);
    // Observed (520/350)^(1/3) − 1 = 0.141 …, projected 520 · (1 + obs)².
    let obs = (520.0_f64 / 350.0).cbrt() - 1.0;
    close(p.projected_end.unwrap(), 520.0 * (1.0 + obs).powi(2), 1e-9);
    close(
        p.gap.unwrap(),
        p.projected_end.unwrap() - 703.975_015_625,
        1e-9,
    );
    assert_eq!(p.required_path.len(), 6);
    close(p.required_path[1].value, 402.5, 1e-12);
}

#[test]
fn progress_linear_cumulative_and_every_year() {
    // Percent target: linear path. 7 % (2020) → 9 % (2025); 8 % in 2023.
    let t = target(
        r#"{"kind": "level", "value": 9, "base_year": 2020, "target_year": 2025, "shape": "linear"}"#,
    );
    let s = Series::new(&[(2020, 7.0), (2023, 8.0)]).unwrap();
    let p = progress(&t, &s, &Options::default())
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    assert_eq!(p.required_pace, RequiredPace::PointsPerYear(0.5));
    close(p.projected_end.unwrap(), 8.0 + 2.0 / 3.0, 1e-12);
    close(p.gap_share.unwrap(), (8.0 + 2.0 / 3.0 - 9.0) / 9.0, 1e-12);
    close(p.required_path[1].value, 7.4, 1e-12);

    // Cumulative: 260 over 2021–2025; 37 + 45 + 50 = 132 done.
    let t =
        target(r#"{"kind": "cumulative", "total": 260, "base_year": 2020, "target_year": 2025}"#);
    let s = Series::new(&[(2020, 37.0), (2021, 37.0), (2022, 45.0), (2023, 50.0)]).unwrap();
    let p = progress(&t, &s, &Options::default())
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    assert_eq!(p.latest.value, 132.0);
    assert_eq!(p.required_pace, RequiredPace::AmountPerYear(64.0));
    assert_eq!(p.observed_pace, Some(RequiredPace::AmountPerYear(44.0)));
    assert_eq!(p.projected_end, Some(220.0));
    assert_eq!(p.gap, Some(-40.0));

    // A missing flow year: the total is unknown, which is insufficient data.
    let s = Series::new(&[(2021, 37.0), (2023, 50.0)]).unwrap();
    assert!(matches!(
        progress(&t, &s, &Options::default()).unwrap(),
        Outcome::InsufficientData { .. }
    ));

    // Every-year bound 以内: 5.5 itself is within, 5.6 is not.
    let t = target(
        r#"{"kind": "every_year", "bound": 5.5, "qualifier": "at_most", "polarity": "lower",
            "base_year": 2020, "target_year": 2025}"#,
    );
    let s = Series::new(&[(2021, 5.5), (2022, 5.6), (2023, 5.0)]).unwrap();
    let p = progress(&t, &s, &Options::default())
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    let within: Vec<bool> = p.year_checks.iter().map(|c| c.within).collect();
    assert_eq!(within, [true, false, true]);
    assert!(!p.met);
    let a = attainment_probability(&t, &s, &Options::default()).unwrap();
    assert_eq!(a.assessed().unwrap().closed_form, Some(0.0)); // already broken
}

#[test]
fn about_band_on_a_growth_rate() {
    // 5 %左右 with the default ±10 %: 4.5 % a year is enough.
    let t = target(
        r#"{"kind": "growth", "rate": 0.05, "qualifier": "about", "base_year": 2020, "target_year": 2025}"#,
    );
    let s = Series::new(&[(2020, 100.0), (2021, 104.6)]).unwrap();
    let p = progress(&t, &s, &Options::default())
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    close(p.required_value, 100.0 * 1.045_f64.powi(5), 1e-9);
    let r = assess::eurostat_ratio(&t, &s, &Options::default()).unwrap();
    let r = r.assessed().unwrap();
    close(r.ratio.unwrap(), 0.046 / 0.045, 1e-12);
    // A narrower band (±2 %) requires 4.9 %.
    let narrow = Options {
        about_tolerance: 0.02,
        ..Options::default()
    };
    let p = progress(&t, &s, &narrow)
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    close(p.required_value, 100.0 * 1.049_f64.powi(5), 1e-9);
}

#[test]
fn monte_carlo_agrees_with_closed_form() {
    let m = GrowthModel::new(0.04, 0.08).unwrap();
    for (threshold, seed) in [(110.0, 1), (120.0, 2), (135.0, 3)] {
        let acc = Acceptance::at_least(threshold);
        let exact = m.probability(100.0, 5.0, &acc).unwrap();
        let mc = monte_carlo_probability(100.0, &m, 5, &acc, 200_000, seed).unwrap();
        assert!(
            (mc.probability - exact).abs() < 4.0 * mc.standard_error,
            "threshold {threshold}: mc {} ± {} vs exact {exact}",
            mc.probability,
            mc.standard_error
        );
    }
    // Reproducible: the same seed gives the same paths, another seed does not.
    let mut a = vec![0.0; 1000 * 5];
    let mut b = vec![0.0; 1000 * 5];
    simulate_paths(100.0, &m, 5, 1000, 9, &mut a).unwrap();
    simulate_paths(100.0, &m, 5, 1000, 9, &mut b).unwrap();
    assert_eq!(a, b);
    simulate_paths(100.0, &m, 5, 1000, 10, &mut b).unwrap();
    assert_ne!(a, b);
    // Mean of ln(x_5/100) is 5μ within 4 standard errors.
    let mean = a.chunks(5).map(|r| (r[4] / 100.0).ln()).sum::<f64>() / 1000.0;
    assert!((mean - 0.2).abs() < 4.0 * 0.08 * 5f64.sqrt() / 1000f64.sqrt());
    assert_eq!(
        simulate_paths(100.0, &m, 5, 3, 1, &mut a)
            .unwrap_err()
            .kind(),
        ErrorKind::LengthMismatch
    );
}

#[test]
fn bands_are_lognormal_quantiles() {
    let t = target(r#"{"kind": "level", "value": 130, "base_year": 2020, "target_year": 2025}"#);
    let s = Series::new(&[(2020, 100.0), (2023, 112.0)]).unwrap();
    let opts = Options {
        model: Some(GrowthModel::new(0.03, 0.05).unwrap()),
        band_coverages: vec![0.95],
        ..Options::default()
    };
    let tr = trajectory(&t, &s, &opts)
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    let z = 1.959_963_984_540_054;
    let hi = tr.bands[0].upper[5].unwrap();
    close(hi, 112.0 * (0.06 + z * 0.05 * 2f64.sqrt()).exp(), 1e-9);
    assert_eq!(tr.bands[0].lower[2], None); // before the latest observation
    assert_eq!(tr.observed[3], Some(112.0));
    assert_eq!(tr.required[0], Some(100.0));
}

#[test]
fn price_basis_guard_and_deflator() {
    let cat = scenario();
    let gdp = cat.get("gdp").unwrap();
    let fig = gdp
        .targets()
        .find(|f| f.group() == Group::Fyp14Targets)
        .unwrap();
    let err = assess::assess_figure(gdp, fig, None, &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "gdp: target is at comparable prices but observations are at current prices; supply a deflator to convert"
    );
    let d = gdp_deflator();
    let a = assess::assess_figure(gdp, fig, d.get("gdp"), &Options::default()).unwrap();
    assert_eq!(a.series.price_basis(), Some(PriceBasis::Comparable));
    // 2021: 2260 / 1.02.
    close(a.series.get(2021).unwrap(), 2260.0 / 1.02, 1e-9);
    // A price index works the same way.
    let s = Series::new(&[(2020, 100.0), (2021, 110.0)])
        .unwrap()
        .with_price_basis(Some(PriceBasis::Current));
    let real = assess::deflate(
        &s,
        &Deflator::PriceIndex(vec![(2020, 200.0), (2021, 220.0)]),
    )
    .unwrap();
    close(real.get(2021).unwrap(), 100.0, 1e-12);
    let err = assess::deflate(&s, &Deflator::PriceIndex(vec![(2020, 200.0)])).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidYear);
    let err = assess::deflate(&real, &Deflator::PriceIndex(vec![])).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[test]
fn bad_input_is_a_typed_error() {
    let opts = Options::default();
    let t = target(r#"{"kind": "level", "value": 10, "base_year": 2020, "target_year": 2025}"#);
    // Zeros and negatives are data, not bad input: under Open SDG's rule
    // a zero base becomes 0.001; opposite signs give insufficient data;
    // under the strict rule a zero base gives insufficient data.
    let zero = Series::new(&[(2020, 0.0), (2021, 5.0)]).unwrap();
    let r = assess::eurostat_ratio(&t, &zero, &opts).unwrap();
    assert!(r.assessed().unwrap().notes[0].contains("0.001"), "{r:?}");
    let crossing = Series::new(&[(2020, -3.0), (2021, 5.0)]).unwrap();
    match assess::eurostat_ratio(&t, &crossing, &opts).unwrap() {
        Outcome::InsufficientData {
            needed: None,
            available: None,
            reason,
        } => assert_eq!(
            reason,
            "the base value (-3 in 2020) and the latest value (5 in 2021) have opposite signs, \
             so no growth rate connects them"
        ),
        other => panic!("{other:?}"),
    }
    let strict = Options {
        zero_rule: assess::ZeroRule::Strict,
        ..Options::default()
    };
    match assess::eurostat_ratio(&t, &zero, &strict).unwrap() {
        Outcome::InsufficientData { reason, .. } => assert_eq!(
            reason,
            "a growth rate needs positive values; the base value is 0 in 2020"
        ),
        other => panic!("{other:?}"),
    }
    let backwards =
        target(r#"{"kind": "level", "value": 10, "base_year": 2020, "target_year": 2020}"#);
    let s = Series::new(&[(2020, 1.0)]).unwrap();
    assert_eq!(
        assess::assess(&backwards, &s, &opts)
            .unwrap_err()
            .to_string(),
        "target_year must be after base_year 2020, got 2020"
    );
    assert_eq!(
        Series::new(&[(2020, f64::NAN)]).unwrap_err().kind(),
        ErrorKind::NonFinite
    );
    let bad = Options {
        ratio_moderate: 0.99,
        ..Options::default()
    };
    assert_eq!(
        assess::assess(&t, &s, &bad).unwrap_err().to_string(),
        "ratio_moderate must be between 0 and ratio_on_track, got 0.99"
    );
    // Too little data is a result, not an error.
    let a = assess::assess(&t, &Series::default(), &opts).unwrap();
    assert!(matches!(
        a.eurostat,
        Outcome::InsufficientData {
            needed: Some(2),
            available: Some(0),
            ..
        }
    ));
}

#[test]
fn every_catalog_target_under_the_synthetic_scenario() {
    let cat = scenario();
    let opts = Options::default();
    let d = gdp_deflator();
    let mut assessed = 0;
    for group in [Group::Fyp14Targets, Group::Plan2021] {
        for (id, result) in assess::assess_group(&cat, group, &d, &opts) {
            let a = result.unwrap_or_else(|e| panic!("{id} ({group}): {e}"));
            serde_json::to_string(&a).unwrap();
            if a.progress.assessed().is_some() {
                assessed += 1;
            }
        }
    }
    assert!(assessed >= 20, "{assessed}");
    // Without the deflator only GDP's targets fail, with the price-basis error.
    for group in [Group::Fyp14Targets, Group::Plan2021] {
        for (id, result) in assess::assess_group(&cat, group, &BTreeMap::new(), &opts) {
            if let Err(e) = result {
                assert_eq!(
                    (id.as_str(), e.kind()),
                    ("gdp", ErrorKind::PriceBasisMismatch)
                );
            }
        }
    }
    // Every 14th FYP target is assessed by the probability method.
    for (id, result) in assess::assess_group(&cat, Group::Fyp14Targets, &d, &opts) {
        assert!(result.unwrap().probability.assessed().is_some(), "{id}");
    }
}

#[test]
fn report_section_only_with_observations() {
    let plain = xh_core::report::render(xh_core::catalog::embedded());
    assert!(plain.contains("no observations after 2020"));
    assert!(!plain.contains("SYNTHETIC"));
    let text = xh_core::report::render_with(&scenario(), &gdp_deflator());
    assert!(text.contains(
        "五、进展评估 / Progress assessment, from the observations added to the catalog"
    ));
    // The observations are the caller's: the report does not call them synthetic.
    assert!(!text.contains("SYNTHETIC"));
    assert!(text.contains("一、“十四五”主要指标")); // earlier sections kept
}

#[test]
fn assessment_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<assess::Assessment>();
    check::<Options>();
    check::<Series>();
    check::<Target>();
}

#[test]
fn a_reversed_interval_is_an_error_not_a_probability_of_zero() {
    let m = GrowthModel::new(0.05, 0.1).unwrap();
    let reversed = Acceptance {
        lower: Some(120.0),
        lower_inclusive: true,
        upper: Some(110.0),
        upper_inclusive: true,
    };
    let e = m.probability(100.0, 5.0, &reversed).unwrap_err();
    assert_eq!(e.to_string(), "lower must be at most upper, got 120");
    let e = xh_core::assess::monte_carlo_probability(100.0, &m, 5, &reversed, 100, 1).unwrap_err();
    assert_eq!(e.kind(), xh_core::ErrorKind::OutOfDomain);
    // Open ends: the infinities of the C and JSON forms.
    let open = Acceptance::interval(f64::NEG_INFINITY, f64::INFINITY).unwrap();
    assert_eq!(m.probability(100.0, 5.0, &open).unwrap(), 1.0);
    let nan = Acceptance::interval(f64::NAN, 1.0).unwrap_err();
    assert_eq!(nan.to_string(), "lower must be finite, got NaN");
    assert!(Acceptance::interval(f64::INFINITY, f64::INFINITY).is_err());
}

#[test]
fn default_target_prefers_the_five_year_plan_then_2021() {
    let cat = xh_core::catalog::embedded();
    let default = |id: &str| {
        cat.get(id)
            .unwrap()
            .default_target()
            .map(|f| (f.group(), f.value().unwrap()))
    };
    // A five-year total (260) and a 2021 target (37): the five-year one.
    assert_eq!(
        default("housing_renovation"),
        Some((Group::Fyp14Targets, 260.0))
    );
    // Only a 2021 target.
    assert_eq!(
        default("new_public_charging_piles"),
        Some((Group::Plan2021, 300.0))
    );
    assert_eq!(default("rd_centres"), None);
}

#[test]
#[allow(clippy::excessive_precision)] // mpmath digits
fn student_t_reference_values() {
    // (x, ν, F_ν(x)) from mpmath at 40 digits: ½·I_{ν/(ν+x²)}(ν/2, ½).
    for (x, df, want) in [
        (-40.0, 1.0, 0.0079560899120258133183),
        (-6.0, 1.0, 0.052568456711253429951),
        (-2.5, 1.0, 0.12111894159084339872),
        (-1.0, 1.0, 0.25),
        (-0.3, 1.0, 0.40722642092225765968),
        (0.2, 1.0, 0.56283295818900118721),
        (1.0, 1.0, 0.75),
        (3.0, 1.0, 0.89758361765043327418),
        (12.0, 1.0, 0.97353532394041012455),
        (-40.0, 2.0, 0.00031220733609237031875),
        (-6.0, 2.0, 0.013335736607712385507),
        (-2.5, 2.0, 0.064805860110755404557),
        (-1.0, 2.0, 0.21132486540518711775),
        (-0.3, 2.0, 0.39624283042008880532),
        (0.2, 2.0, 0.57001400420140049399),
        (1.0, 2.0, 0.78867513459481288225),
        (3.0, 2.0, 0.95226701686664543397),
        (12.0, 2.0, 0.99656353316142076993),
        (-40.0, 3.0, 0.000017190340394579264142),
        (-6.0, 3.0, 0.0046363574461423337021),
        (-2.5, 3.0, 0.043853323504032773625),
        (-1.0, 3.0, 0.19550110947788532096),
        (-0.3, 3.0, 0.39188164601995952115),
        (0.2, 3.0, 0.57286483537686052736),
        (1.0, 3.0, 0.80449889052211467904),
        (3.0, 3.0, 0.97116555718878134571),
        (12.0, 3.0, 0.99937749209960533163),
        (-40.0, 4.0, 1.1670081613006342976e-6),
        (-6.0, 4.0, 0.0019412685234802552102),
        (-2.5, 4.0, 0.033383272405994072519),
        (-1.0, 4.0, 0.1869504831500294425),
        (-0.3, 4.0, 0.38956071413872985861),
        (0.2, 4.0, 0.57438149293153879589),
        (1.0, 4.0, 0.8130495168499705575),
        (3.0, 4.0, 0.98002901596414058636),
        (12.0, 4.0, 0.99986178572574851352),
        (-40.0, 9.0, 9.4914992246699132352e-12),
        (-6.0, 9.0, 0.00010124966103382032737),
        (-2.5, 9.0, 0.016930913841492869605),
        (-1.0, 9.0, 0.17171819806895675744),
        (-0.3, 9.0, 0.3854953518707624463),
        (0.2, 9.0, 0.5770366803427476417),
        (1.0, 9.0, 0.82828180193104324256),
        (3.0, 9.0, 0.9925218180447928926),
        (12.0, 9.0, 0.99999961500568885072),
    ] {
        let got = assess::student_t_cdf(x, df).unwrap();
        // The tail (x ≤ 0) to 1e-13 relative; near 1, to 1e-14 absolutely.
        let tol = if x <= 0.0 { 1e-13 * want } else { 1e-14 };
        assert!(
            (got - want).abs() <= tol,
            "F_{df}({x}) = {got:e}, want {want:e}"
        );
    }
    assert!(assess::student_t_cdf(f64::NAN, 3.0).unwrap().is_nan());
    assert_eq!(
        assess::student_t_cdf(1.0, 0.0).unwrap_err().kind(),
        ErrorKind::OutOfDomain
    );
}

#[test]
fn estimated_parameters_widen_the_predictive_and_the_monte_carlo_agrees() {
    // SYNTHETIC: four annual levels, three growth rates.
    let s = Series::new(&[(2020, 100.0), (2021, 106.0), (2022, 110.0), (2023, 117.0)]).unwrap();
    let est = GrowthModel::estimate(&s).unwrap();
    assert_eq!((est.increments, est.degrees_of_freedom()), (3, 2));
    for (threshold, seed) in [(118.0, 1), (125.0, 2), (135.0, 3), (150.0, 4)] {
        let acc = Acceptance::at_least(threshold);
        let exact = est.probability(117.0, 2.0, &acc).unwrap();
        let mc = est.monte_carlo(117.0, 2, &acc, 200_000, seed).unwrap();
        assert!(
            (mc.probability - exact).abs() < 4.0 * mc.standard_error,
            "threshold {threshold}: mc {} ± {} vs closed form {exact}",
            mc.probability,
            mc.standard_error
        );
        // Less extreme than the plug-in normal, on both sides of 1/2.
        let plug_in = est.model.probability(117.0, 2.0, &acc).unwrap();
        assert!(
            (exact - 0.5).abs() < (plug_in - 0.5).abs(),
            "{exact} vs {plug_in}"
        );
    }
    // Hand computation: m = ln 117 + 2μ̂, S = σ̂·√(2 + 4/3), ν = 2, and
    // F_2(t) = 1/2 + t/(2√(2 + t²)).
    let mu = (117.0f64 / 100.0).ln() / 3.0;
    let d = [
        (1.06f64).ln(),
        (110.0f64 / 106.0).ln(),
        (117.0f64 / 110.0).ln(),
    ];
    let s2 = d.iter().map(|x| (x - mu).powi(2)).sum::<f64>() / 2.0;
    let big_s = (s2 * (2.0 + 4.0 / 3.0)).sqrt();
    let t = ((130.0f64).ln() - (117.0f64).ln() - 2.0 * mu) / big_s;
    let want = 1.0 - (0.5 + t / (2.0 * (2.0 + t * t).sqrt()));
    let got = est
        .probability(117.0, 2.0, &Acceptance::at_least(130.0))
        .unwrap();
    close(got, want, 1e-13);
    // The band is the predictive's central interval.
    let (lo, hi) = est.band(117.0, 2.0, 0.8).unwrap();
    let p = est
        .probability(117.0, 2.0, &Acceptance::between(lo, hi))
        .unwrap();
    close(p, 0.8, 1e-12);
}

#[test]
fn zeros_negatives_and_one_point_are_outcomes_in_every_method() {
    let opts = Options::default();
    let t = target(
        r#"{"kind": "level", "value": 0, "polarity": "lower", "base_year": 2020, "target_year": 2030}"#,
    );
    // SYNTHETIC "eliminate" series.
    let s = Series::new(&[(2020, 12.0), (2021, 11.0), (2022, 9.5), (2023, 9.0)]).unwrap();
    let a = assess::assess(&t, &s, &opts).unwrap();
    let r = a.eurostat.assessed().unwrap();
    // CAGR_obs = (9/12)^(1/3) − 1, CAGR_req = (0.001/12)^(1/10) − 1.
    let obs = (9.0f64 / 12.0).powf(1.0 / 3.0) - 1.0;
    let req = (0.001f64 / 12.0).powf(0.1) - 1.0;
    close(r.ratio.unwrap(), -obs / req.abs(), 1e-14);
    assert!(a.unsd.assessed().is_some() && a.destatis.assessed().is_some());
    assert_eq!(
        a.progress.assessed().unwrap().shape,
        assess::PathShape::Linear
    );
    // A net balance: negative values of one sign are fine.
    let neg = Series::new(&[(2020, -40.0), (2021, -35.0), (2022, -30.0), (2023, -28.0)]).unwrap();
    let up = target(r#"{"kind": "level", "value": -10, "base_year": 2020, "target_year": 2030}"#);
    let a = assess::assess(&up, &neg, &opts).unwrap();
    let r = a.eurostat.assessed().unwrap();
    assert_eq!(r.sign, -1.0);
    assert!(r.ratio.unwrap() > 0.0, "{r:?}"); // rising towards -10
    assert!(matches!(a.probability, Outcome::InsufficientData { .. }));
    // One point, or the latest in the base year: insufficient everywhere.
    for pts in [
        vec![(2020, 5.0)],
        vec![(2018, 4.0), (2019, 4.5), (2020, 5.0)],
    ] {
        let s = Series::new(&pts).unwrap();
        let t = target(r#"{"kind": "level", "value": 9, "base_year": 2020, "target_year": 2025}"#);
        let a = assess::assess(&t, &s, &opts).unwrap();
        assert!(matches!(a.eurostat, Outcome::InsufficientData { .. }));
        assert!(matches!(a.unsd, Outcome::InsufficientData { .. }));
        assert!(matches!(a.destatis, Outcome::InsufficientData { .. }));
        assert!(matches!(a.probability, Outcome::InsufficientData { .. }));
    }
}

#[test]
fn destatis_follows_the_published_rule() {
    let opts = Options::default();
    let t = target(
        r#"{"kind": "level", "value": 70, "polarity": "lower", "base_year": 2017, "target_year": 2030}"#,
    );
    // 100 → 90 over 2018–2023: −2 a year, 76 by 2030, a miss of 6 on 20: 30 %.
    let s = Series::new(
        &(0..6)
            .map(|k| (2018 + k, 100.0 - 2.0 * f64::from(k)))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let w = assess::destatis_weather(&t, &s, &opts)
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    assert_eq!(
        (w.class, w.points, w.window),
        (assess::Weather::Cloudy, 6, (2018, 2023))
    );
    close(w.deviation.unwrap(), 0.3, 1e-12);
    // Only the last six points: an older point changes nothing.
    let longer = s.overridden_by(&[(2010, 500.0)]).unwrap();
    let w2 = assess::destatis_weather(&t, &longer, &opts)
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    assert_eq!(w2, w);
    // Three consecutive values are not enough; a gap breaks the run.
    let gap = Series::new(&[
        (2018, 100.0),
        (2019, 98.0),
        (2021, 96.0),
        (2022, 94.0),
        (2023, 92.0),
    ])
    .unwrap();
    match assess::destatis_weather(&t, &gap, &opts).unwrap() {
        Outcome::InsufficientData {
            needed,
            available,
            reason,
        } => {
            assert_eq!((needed, available), (Some(4), Some(3)));
            assert!(reason.contains("2021–2023"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // Met already and still improving: sunny; met but worsening: slightly cloudy.
    let met = Series::new(&[(2020, 69.0), (2021, 68.0), (2022, 67.0), (2023, 66.0)]).unwrap();
    let w = assess::destatis_weather(&t, &met, &opts)
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    assert_eq!(
        (w.class, w.procedure),
        (
            assess::Weather::Sunny,
            assess::WeatherProcedure::LatestValue
        )
    );
    let worse = Series::new(&[(2020, 60.0), (2021, 62.0), (2022, 64.0), (2023, 66.0)]).unwrap();
    let w = assess::destatis_weather(&t, &worse, &opts)
        .unwrap()
        .assessed()
        .cloned()
        .unwrap();
    assert_eq!(w.class, assess::Weather::SlightlyCloudy);
}
