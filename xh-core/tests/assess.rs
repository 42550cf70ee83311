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
    for pts in [[(2020, 0.0), (2021, 5.0)], [(2020, -3.0), (2021, 5.0)]] {
        let s = Series::new(&pts).unwrap();
        let err = assess::eurostat_ratio(&t, &s, &opts).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::OutOfDomain, "{err}");
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
            needed: 2,
            available: 0,
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
    assert!(text.contains("五、进展评估 / Progress assessment"));
    assert!(text.contains("SYNTHETIC"));
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
