//! Units by kind (DOMAIN.md §3), money normalisation to 元.

use ptg_syntax::ast::Unit;
use ptg_syntax::Decimal;

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    Money,
    Percent,
    People,
    Count,
    Physical,
    Time,
}

impl UnitKind {
    pub fn name(self, zh: bool) -> &'static str {
        match (self, zh) {
            (UnitKind::Money, true) => "金额",
            (UnitKind::Percent, true) => "百分比",
            (UnitKind::People, true) => "人数",
            (UnitKind::Count, true) => "数量",
            (UnitKind::Physical, true) => "物理量",
            (UnitKind::Time, true) => "时间",
            (UnitKind::Money, false) => "money",
            (UnitKind::Percent, false) => "percent",
            (UnitKind::People, false) => "people",
            (UnitKind::Count, false) => "count",
            (UnitKind::Physical, false) => "physical quantity",
            (UnitKind::Time, false) => "time",
        }
    }

    pub fn from_name(name: &str) -> Option<UnitKind> {
        Some(match name {
            "money" => UnitKind::Money,
            "percent" => UnitKind::Percent,
            "people" => UnitKind::People,
            "count" => UnitKind::Count,
            "physical" => UnitKind::Physical,
            "time" => UnitKind::Time,
            _ => return None,
        })
    }
}

/// The built-in unit table of DOMAIN.md §3.
pub const BUILTIN_UNITS: &[(UnitKind, &[&str])] = &[
    (UnitKind::Money, &["元", "万元", "亿元", "万"]),
    (UnitKind::Percent, &["%", "‰"]),
    (
        UnitKind::People,
        &["人", "人次", "名", "户", "家", "位", "对"],
    ),
    (
        UnitKind::Count,
        &[
            "个", "所", "间", "座", "处", "项", "件", "套", "台", "辆", "块", "种", "类", "批",
            "期", "次", "场", "例", "份", "本", "册", "张", "篇", "条", "盏", "棵", "株", "只",
            "头",
        ],
    ),
    (
        UnitKind::Physical,
        &[
            "吨",
            "千克",
            "公斤",
            "亩",
            "万亩",
            "平方米",
            "平方千米",
            "公顷",
            "米",
            "千米",
            "公里",
            "立方米",
            "千瓦",
            "千瓦时",
        ],
    ),
    (
        UnitKind::Time,
        &["年", "月", "日", "天", "小时", "周", "季度", "工作日", "岁"],
    ),
];

/// The unit table in force: the built-ins plus `[units]` from `ptg.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitTable {
    extra: Vec<(String, UnitKind)>,
}

impl UnitTable {
    pub fn with_extra(extra: Vec<(String, UnitKind)>) -> UnitTable {
        UnitTable { extra }
    }

    /// The kind of one simple unit (no `/`), with 万/亿 multipliers: `万人` is people.
    pub fn simple_kind(&self, unit: &str) -> Option<UnitKind> {
        if let Some((_, kind)) = self.extra.iter().find(|(name, _)| name == unit) {
            return Some(*kind);
        }
        if let Some((kind, _)) = BUILTIN_UNITS
            .iter()
            .find(|(_, names)| names.contains(&unit))
        {
            return Some(*kind);
        }
        // 万/亿 multipliers: `万人`, `亿元` (but `万` alone is in the table as money).
        let rest = unit.strip_prefix(['万', '亿']).filter(|r| !r.is_empty())?;
        self.simple_kind(rest)
    }

    /// The kind of one part of a unit written after a number, also reading the ordinary
    /// measure words the table does not list: `个` before a unit or a noun (`3个月` is
    /// time, `12个村` a count) and a unit counted in times (`户次`, `场次`, like `人次`).
    fn written_kind(&self, part: &str) -> Option<UnitKind> {
        if let Some(kind) = self.simple_kind(part) {
            return Some(kind);
        }
        if let Some(noun) = part.strip_prefix('个').filter(|r| !r.is_empty()) {
            return Some(self.simple_kind(noun).unwrap_or(UnitKind::Count));
        }
        let stem = part.strip_suffix('次').filter(|r| !r.is_empty())?;
        self.simple_kind(stem)
    }

    /// Classifies a unit written after a number; compound units take the kind of their
    /// first part and are known only when every part is.
    pub fn classify(&self, unit: &Unit) -> UnitInfo {
        let mut parts = unit.parts();
        let first = parts.next().unwrap_or_default();
        let mut kind = self.written_kind(first);
        let mut per_unit = false;
        for part in parts {
            per_unit = true;
            if self.written_kind(part).is_none() {
                kind = None;
            }
        }
        UnitInfo {
            kind,
            per_unit,
            bare_wan: first == "万",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitInfo {
    /// `None` when the unit (or a part of a compound unit) is not in the table.
    pub kind: Option<UnitKind>,
    /// A rate: `元/人`, `万元/块`.
    pub per_unit: bool,
    /// `万` alone as the (first) money unit.
    pub bare_wan: bool,
}

/// A money unit: 元, 万元 or 亿元 (`万` alone reads as 万元).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MoneyUnit {
    #[default]
    Yuan,
    WanYuan,
    YiYuan,
}

impl MoneyUnit {
    pub fn from_text(text: &str) -> Option<MoneyUnit> {
        match text {
            "元" => Some(MoneyUnit::Yuan),
            "万元" | "万" => Some(MoneyUnit::WanYuan),
            "亿元" => Some(MoneyUnit::YiYuan),
            _ => None,
        }
    }

    pub fn exponent(self) -> u32 {
        match self {
            MoneyUnit::Yuan => 0,
            MoneyUnit::WanYuan => 4,
            MoneyUnit::YiYuan => 8,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::WanYuan => "万元",
            MoneyUnit::YiYuan => "亿元",
        }
    }

    /// `amount` in this unit, as 元.
    pub fn to_yuan(self, amount: Decimal) -> Option<Decimal> {
        amount.checked_mul_pow10(self.exponent())
    }
}

/// Formats 元 with thousands separators: `1,188,000元`.
pub fn format_yuan(yuan: Decimal) -> String {
    let text = yuan.normalized().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let mut grouped = String::new();
    for (idx, ch) in int.chars().enumerate() {
        if idx > 0 && (int.len() - idx) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}元"),
        None => format!("{sign}{grouped}元"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ptg_syntax::lexer::normalize_width;
    use text_size::TextRange;

    fn unit(text: &str) -> Unit {
        Unit {
            text: normalize_width(text),
            range: TextRange::default(),
        }
    }

    #[test]
    fn kinds_of_units() {
        let table = UnitTable::default();
        assert_eq!(table.classify(&unit("万元")).kind, Some(UnitKind::Money));
        assert_eq!(table.classify(&unit("％")).kind, Some(UnitKind::Percent));
        assert_eq!(table.classify(&unit("万人")).kind, Some(UnitKind::People));
        assert_eq!(table.classify(&unit("万亩")).kind, Some(UnitKind::Physical));
        assert_eq!(table.classify(&unit("人数")).kind, None);
        assert_eq!(table.classify(&unit("个月")).kind, Some(UnitKind::Time));
        assert_eq!(table.classify(&unit("个工作日")).kind, Some(UnitKind::Time));
        assert_eq!(table.classify(&unit("个村")).kind, Some(UnitKind::Count));
        assert_eq!(table.classify(&unit("户次")).kind, Some(UnitKind::People));
        assert_eq!(table.classify(&unit("场次")).kind, Some(UnitKind::Count));
        assert_eq!(table.classify(&unit("次")).kind, Some(UnitKind::Count));
        let rate = table.classify(&unit("元/人/月"));
        assert_eq!(rate.kind, Some(UnitKind::Money));
        assert!(rate.per_unit);
        assert_eq!(table.classify(&unit("元/人数")).kind, None);
        assert!(table.classify(&unit("万")).bare_wan);
        let extended = UnitTable::with_extra(vec![("人数".into(), UnitKind::People)]);
        assert_eq!(
            extended.classify(&unit("人数")).kind,
            Some(UnitKind::People)
        );
    }

    #[test]
    fn money_in_yuan() {
        let amount = Decimal::parse("118.8").unwrap();
        assert_eq!(
            MoneyUnit::WanYuan.to_yuan(amount).unwrap(),
            Decimal::parse("1188000").unwrap()
        );
        assert_eq!(
            format_yuan(Decimal::parse("1188000.0").unwrap()),
            "1,188,000元"
        );
        assert_eq!(format_yuan(Decimal::parse("820000").unwrap()), "820,000元");
        assert_eq!(format_yuan(Decimal::parse("1234.5").unwrap()), "1,234.5元");
        assert_eq!(format_yuan(Decimal::parse("-100").unwrap()), "-100元");
    }
}
