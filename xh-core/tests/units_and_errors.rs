//! Units, shares versus percentage points, error messages, thread safety.

use xh_core::{
    annualize, cagr, project, years_to_reach, BaseUnit, Counter, Currency, Dimension, Error,
    ErrorKind, ExchangeRate, PercentagePoints, Share, Unit,
};

#[test]
fn parses_every_unit_the_report_prints() {
    let cases: &[(&str, BaseUnit, i8)] = &[
        ("元", BaseUnit::Yuan, 0),
        ("万元", BaseUnit::Yuan, 4),
        ("亿元", BaseUnit::Yuan, 8),
        ("亿美元", BaseUnit::UsDollar, 8),
        ("平方米", BaseUnit::SquareMetre, 0),
        ("万平方米", BaseUnit::SquareMetre, 4),
        ("公顷", BaseUnit::Hectare, 0),
        ("公里", BaseUnit::Kilometre, 0),
        ("%", BaseUnit::Percent, 0),
        ("个百分点", BaseUnit::PercentagePoint, 0),
        ("件/万人", BaseUnit::PerTenThousandPeople, 0),
        ("岁", BaseUnit::YearOfAge, 0),
        ("分", BaseUnit::Point, 0),
        ("家", BaseUnit::Count(Counter::Establishments), 0),
        ("幢", BaseUnit::Count(Counter::Buildings), 0),
        ("台", BaseUnit::Count(Counter::Machines), 0),
        ("人次", BaseUnit::Count(Counter::PersonTimes), 0),
        ("万人次", BaseUnit::Count(Counter::PersonTimes), 4),
        ("名", BaseUnit::Count(Counter::Persons), 0),
        (" 套 ", BaseUnit::Count(Counter::Dwellings), 0),
        ("户", BaseUnit::Count(Counter::Households), 0),
        ("微克/立方米", BaseUnit::MicrogramPerCubicMetre, 0),
        // English and SI spellings.
        ("100 million yuan", BaseUnit::Yuan, 8),
        ("CNY", BaseUnit::Yuan, 0),
        ("10k m²", BaseUnit::SquareMetre, 4),
        ("ha", BaseUnit::Hectare, 0),
        ("Percentage Points", BaseUnit::PercentagePoint, 0),
        ("pp", BaseUnit::PercentagePoint, 0),
        ("per 10k residents", BaseUnit::PerTenThousandPeople, 0),
    ];
    for &(text, base, mult) in cases {
        let u = Unit::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!((u.base(), u.mult()), (base, mult), "{text}");
        // Display round-trips through parse in both languages.
        assert_eq!(Unit::parse(&u.zh()).unwrap(), u, "{text} zh");
        assert_eq!(Unit::parse(&u.en()).unwrap(), u, "{text} en {}", u.en());
    }
    // Found by fuzzing (fuzz/fuzz_targets/units.rs): every multiplier's
    // English name must parse back.
    for text in [
        "千万例",
        "千元",
        "百万人次",
        "千万美元",
        "thousand m",
        "10 thousand m",
    ] {
        let u = Unit::parse(text).unwrap();
        assert_eq!(Unit::parse(&u.en()).unwrap(), u, "{text} -> {}", u.en());
    }
    for bad in ["", "万平光", "亿", "furlongs", "万万元"] {
        let e = Unit::parse(bad).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnknownUnit, "{bad}");
        assert_eq!(e.to_string(), format!("unknown unit {bad:?}"));
    }
}

#[test]
fn conversions_are_exact_powers_of_ten() {
    let u = |s| Unit::parse(s).unwrap();
    assert_eq!(u("亿元").convert(198.1, u("元")).unwrap(), 19_810_000_000.0);
    assert_eq!(u("元").convert(19_810_000_000.0, u("亿元")).unwrap(), 198.1);
    assert_eq!(u("万平方米").convert(424.0, u("公顷")).unwrap(), 424.0);
    assert_eq!(u("公顷").convert(596.0, u("万平方米")).unwrap(), 596.0);
    assert_eq!(u("公里").convert(14.44, u("米")).unwrap(), 14_440.0);
    assert_eq!(u("天").convert(2.0, u("小时")).unwrap(), 48.0);
    assert_eq!(u("万人次").convert(37.9, u("人次")).unwrap(), 379_000.0);
}

#[test]
fn conversions_across_dimensions_fail_with_reasons() {
    let u = |s| Unit::parse(s).unwrap();
    let e = u("公顷").convert(1.0, u("亿元")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnitMismatch);
    assert_eq!(
        e.to_string(),
        "cannot convert 公顷 to 亿元: area and money are different dimensions"
    );
    let e = u("家").convert(1.0, u("台")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot convert 家 to 台: counts of establishments are not counts of machines"
    );
    let e = u("%").convert(1.0, u("个百分点")).unwrap_err();
    assert!(e
        .to_string()
        .contains("a percentage-point change is not a percent change"));
    let e = u("亿美元").convert(12.5, u("亿元")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ExchangeRateRequired);
    assert_eq!(
        e.to_string(),
        "converting 亿美元 to 亿元 needs an exchange rate"
    );
    let rate = ExchangeRate::new(Currency::Usd, Currency::Cny, 6.5).unwrap();
    assert_eq!(
        u("亿美元")
            .convert_with_rate(12.5, u("亿元"), rate)
            .unwrap(),
        81.25
    );
    assert_eq!(
        u("亿元")
            .convert_with_rate(81.25, u("亿美元"), rate.inverse())
            .unwrap(),
        12.5
    );
    assert!(u("亿元").convert_with_rate(1.0, u("亿美元"), rate).is_err());
    assert!(ExchangeRate::new(Currency::Usd, Currency::Cny, 0.0).is_err());
    assert_eq!(
        u("元").convert(f64::NAN, u("亿元")).unwrap_err().kind(),
        ErrorKind::NonFinite
    );
    assert_eq!(u("元").dimension(), Dimension::Money(Currency::Cny));
    assert_eq!(u("亿元").dimension().as_str(), "money_cny");
    assert_eq!(u("幢").dimension().as_str(), "count_buildings");
    assert_eq!(
        (rate.from(), rate.to(), rate.rate()),
        (Currency::Usd, Currency::Cny, 6.5)
    );
    assert_eq!(Currency::parse(" usd ").unwrap(), Currency::Usd);
    assert_eq!(Currency::parse("人民币").unwrap(), Currency::Cny);
    assert_eq!(
        Currency::parse("EUR").unwrap_err().to_string(),
        "currency is invalid: expected CNY or USD, got \"EUR\""
    );
}

#[test]
fn shares_and_points_do_not_mix() {
    let a = Share::from_percent(39.65).unwrap();
    let b = Share::from_percent(43.2).unwrap();
    let diff: PercentagePoints = b - a;
    assert!((diff.points() - 3.55).abs() < 1e-12);
    assert!((a + diff).percent() - 43.2 < 1e-12);
    assert!((a.relative_change_to(b).unwrap() - 0.089_533_417_4).abs() < 1e-9);
    assert_eq!(format!("{:.2}", diff), "+3.55 pp");
    assert_eq!(format!("{:.1}", b), "43.2%");
    assert!(Share::from_percent(f64::NAN).is_err());
    assert!(Share::from_percent(0.0)
        .unwrap()
        .relative_change_to(b)
        .is_err());
}

#[test]
fn worked_examples_from_the_report() {
    assert_eq!(
        format!("{:.1}", project(350.0, 0.15, 5.0).unwrap()),
        "704.0"
    );
    assert_eq!(
        format!("{:.1}", project(650.0, 0.09, 5.0).unwrap()),
        "1000.1"
    );
    assert_eq!(
        format!("{:.2}", 100.0 * cagr(60.0, 118.0, 5.0).unwrap()),
        "14.48"
    );
    assert_eq!(
        format!("{:.2}", 100.0 * annualize(-0.426, 5.0).unwrap()),
        "-10.51"
    );
    assert_eq!(
        format!("{:.2}", 100.0 * cagr(542.0, 596.0, 5.0).unwrap()),
        "1.92"
    );
    // Defined edge results are returned, not errors.
    assert_eq!(project(123.0, 0.5, 0.0).unwrap(), 123.0);
    assert_eq!(years_to_reach(7.0, 7.0, -0.3).unwrap(), 0.0);
    // The tiny-rate case the naive formula gets wrong.
    assert_eq!(cagr(100.0, 110.0, 1.0).unwrap(), 0.1);
}

#[test]
fn error_messages_name_argument_and_value() {
    let msg = |r: Result<f64, Error>| r.unwrap_err().to_string();
    assert_eq!(
        msg(cagr(-3.0, 5.0, 1.0)),
        "start must be positive and finite, got -3"
    );
    assert_eq!(msg(cagr(3.0, f64::NAN, 1.0)), "end must be finite, got NaN");
    assert_eq!(
        msg(cagr(3.0, 5.0, 0.0)),
        "years must be positive and finite, got 0"
    );
    assert_eq!(
        msg(project(1.0, -1.0, 1.0)),
        "rate must be greater than -1, got -1"
    );
    assert_eq!(
        msg(project(1.0, 0.1, -2.0)),
        "years must be zero or positive, got -2"
    );
    assert_eq!(
        msg(years_to_reach(350.0, 1000.0, -0.02)),
        "target 1000 is unreachable from start 350 at rate -0.02"
    );
    assert_eq!(
        msg(project(1e300, 1.0, 100.0)),
        "project overflows: start=1e300, rate=1, years=100"
    );
    assert_eq!(
        msg(xh_core::chain(&[0.1, f64::INFINITY])),
        "element 1: rates must be finite, got inf"
    );
    assert_eq!(
        msg(cagr(1e-320, 1.0, 1.0)),
        "cagr overflows: start=1e-320, end=1, years=1"
    );
    // Kinds are stable, distinct tags.
    let tags: std::collections::HashSet<_> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(tags.len(), ErrorKind::ALL.len());
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Error>();
    check::<ErrorKind>();
    check::<Unit>();
    check::<Share>();
    check::<PercentagePoints>();
    check::<xh_core::catalog::Catalog>();
    check::<xh_core::catalog::Indicator>();
    check::<xh_core::catalog::Figure>();
    check::<xh_core::catalog::FlatRow>();
    check::<xh_core::plan::TargetSummary>();
    check::<xh_core::batch::ErrorPolicy>();
    check::<&'static xh_core::catalog::Catalog>();
}

#[test]
fn catalog_is_shared_across_threads() {
    let single: Vec<String> = xh_core::catalog::embedded()
        .indicators()
        .iter()
        .map(|i| i.id().to_owned())
        .collect();
    let handles: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(|| {
                let cat = xh_core::catalog::embedded();
                let ids: Vec<String> = cat.indicators().iter().map(|i| i.id().to_owned()).collect();
                let ai = cat
                    .implied_target_level("ai_output", xh_core::catalog::Group::Fyp14Targets)
                    .unwrap();
                (ids, ai.value.to_bits())
            })
        })
        .collect();
    let expected = project(350.0, 0.15, 5.0).unwrap().to_bits();
    for h in handles {
        let (ids, bits) = h.join().unwrap();
        assert_eq!(ids, single);
        assert_eq!(bits, expected);
    }
}
