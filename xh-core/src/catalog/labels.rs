//! Words for the catalog's codes, for tables and charts: "every year"
//! rather than `level_each_year`. The snake_case tags stay the data
//! format; these labels are only for people.

use super::model::{Category, FigureKind, Polarity, PriceBasis, Qualifier, Scope, Status};

impl Category {
    /// The English label, e.g. `"Public safety"`.
    ///
    /// ```
    /// use xh_core::catalog::Category;
    /// assert_eq!(Category::PublicSafety.label_en(), "Public safety");
    /// assert_eq!(Category::PublicSafety.label_zh(), "公共安全");
    /// ```
    pub fn label_en(self) -> &'static str {
        match self {
            Category::Economy => "Economy",
            Category::Innovation => "Innovation",
            Category::Livelihood => "Livelihood",
            Category::Environment => "Environment",
            Category::Governance => "Governance",
            Category::Infrastructure => "Infrastructure",
            Category::Culture => "Culture",
            Category::Health => "Health",
            Category::PublicSafety => "Public safety",
        }
    }

    /// The Chinese label, e.g. `"经济"`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Category::Economy => "经济",
            Category::Innovation => "科技创新",
            Category::Livelihood => "民生",
            Category::Environment => "生态环境",
            Category::Governance => "政府治理",
            Category::Infrastructure => "城市建设",
            Category::Culture => "文化",
            Category::Health => "卫生健康",
            Category::PublicSafety => "公共安全",
        }
    }
}

impl FigureKind {
    /// What the value measures, in English words: `"every year"` for
    /// [`FigureKind::LevelEachYear`].
    ///
    /// ```
    /// use xh_core::catalog::FigureKind;
    /// assert_eq!(FigureKind::LevelEachYear.label_en(), "every year");
    /// assert_eq!(FigureKind::AverageGrowth.label_zh(), "年均增长");
    /// ```
    pub fn label_en(self) -> &'static str {
        match self {
            FigureKind::Level => "level",
            FigureKind::LevelEachYear => "every year",
            FigureKind::Growth => "growth",
            FigureKind::AverageGrowth => "average annual growth",
            FigureKind::CumulativeGrowth => "growth over the period",
            FigureKind::Change => "change",
            FigureKind::CumulativeAmount => "total over the period",
            FigureKind::GrossAddition => "added (gross)",
            FigureKind::Rank => "rank",
            FigureKind::Coverage => "coverage",
        }
    }

    /// What the value measures, in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            FigureKind::Level => "水平",
            FigureKind::LevelEachYear => "每年",
            FigureKind::Growth => "增长",
            FigureKind::AverageGrowth => "年均增长",
            FigureKind::CumulativeGrowth => "累计增长",
            FigureKind::Change => "增减",
            FigureKind::CumulativeAmount => "累计",
            FigureKind::GrossAddition => "新增",
            FigureKind::Rank => "排名",
            FigureKind::Coverage => "覆盖",
        }
    }
}

impl Status {
    /// `"actual"`, `"estimate"`, `"target"` or `"planned"`.
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Actual => "actual",
            Status::Estimate => "estimate",
            Status::Target => "target",
            Status::Planned => "planned",
        }
    }

    /// `"实际"`, `"预计"`, `"目标"` or `"计划"`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Actual => "实际",
            Status::Estimate => "预计",
            Status::Target => "目标",
            Status::Planned => "计划",
        }
    }
}

impl Qualifier {
    /// `"at least"`, `"at most"`, `"about"`, `"more than"`, or `""` for
    /// an exact figure ([`Qualifier::zh`] gives the report's word).
    pub fn label_en(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::AtLeast => "at least",
            Qualifier::AtMost => "at most",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more than",
        }
    }
}

impl PriceBasis {
    /// `"current prices"` or `"comparable prices"`.
    ///
    /// ```
    /// use xh_core::catalog::PriceBasis;
    /// assert_eq!(PriceBasis::Comparable.label_en(), "comparable prices");
    /// assert_eq!(PriceBasis::Comparable.label_zh(), "可比价");
    /// ```
    pub fn label_en(self) -> &'static str {
        match self {
            PriceBasis::Current => "current prices",
            PriceBasis::Comparable => "comparable prices",
        }
    }

    /// `"现价"` or `"可比价"`.
    pub fn label_zh(self) -> &'static str {
        match self {
            PriceBasis::Current => "现价",
            PriceBasis::Comparable => "可比价",
        }
    }
}

impl Scope {
    /// `"Xuhui District"`, `"Shanghai"` or `"China"`.
    pub fn label_en(self) -> &'static str {
        match self {
            Scope::District => "Xuhui District",
            Scope::Municipal => "Shanghai",
            Scope::National => "China",
        }
    }

    /// `"徐汇区"`, `"全市"` or `"全国"`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Scope::District => "徐汇区",
            Scope::Municipal => "全市",
            Scope::National => "全国",
        }
    }
}

impl Polarity {
    /// `"higher is better"`, `"lower is better"` or `"neutral"`.
    pub fn label_en(self) -> &'static str {
        match self {
            Polarity::Higher => "higher is better",
            Polarity::Lower => "lower is better",
            Polarity::Neutral => "neutral",
        }
    }

    /// `"越高越好"`, `"越低越好"` or `"中性"`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Polarity::Higher => "越高越好",
            Polarity::Lower => "越低越好",
            Polarity::Neutral => "中性",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_words_not_a_tag() {
        for c in Category::ALL {
            assert!(!c.label_en().contains('_') && !c.label_zh().is_empty());
        }
        for k in FigureKind::ALL {
            assert!(!k.label_en().contains('_') && !k.label_zh().is_empty());
        }
        for s in Status::ALL {
            assert!(!s.label_zh().is_empty() && !s.label_en().contains('_'));
        }
        for q in Qualifier::ALL {
            assert!(!q.label_en().contains('_'));
        }
        for p in Polarity::ALL {
            assert!(!p.label_en().contains('_') && !p.label_zh().is_empty());
        }
    }
}
