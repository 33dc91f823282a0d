//! Exact decimal numbers: money must add up to the fen, so no `f64` anywhere near it.

use std::cmp::Ordering;
use std::fmt;

/// `mantissa × 10^-scale`, exact. 38 significant digits, more than any budget needs;
/// longer numbers are rejected by [`Decimal::parse`] rather than rounded.
#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// The largest scale kept; more fractional digits than this are rejected.
const MAX_SCALE: u32 = 28;

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    pub fn from_parts(mantissa: i128, scale: u32) -> Option<Decimal> {
        (scale <= MAX_SCALE).then_some(Decimal { mantissa, scale })
    }

    pub fn from_int(value: i64) -> Decimal {
        Decimal {
            mantissa: i128::from(value),
            scale: 0,
        }
    }

    /// Parses `118.8`, `7,395,500.0`, full-width digits and separators. Returns `None`
    /// for anything else, or when the number has more digits than fit exactly.
    pub fn parse(text: &str) -> Option<Decimal> {
        let mut mantissa: i128 = 0;
        let mut scale: u32 = 0;
        let mut seen_digit = false;
        let mut in_fraction = false;
        let mut negative = false;
        for (idx, ch) in text.chars().enumerate() {
            let ch = crate::lexer::ascii_twin(ch);
            match ch {
                '0'..='9' => {
                    let digit = i128::from(u32::from(ch) - u32::from('0'));
                    mantissa = mantissa.checked_mul(10)?.checked_add(digit)?;
                    seen_digit = true;
                    if in_fraction {
                        scale += 1;
                        if scale > MAX_SCALE {
                            return None;
                        }
                    }
                }
                ',' if !in_fraction && seen_digit => {}
                '.' if !in_fraction && seen_digit => in_fraction = true,
                '-' if idx == 0 => negative = true,
                _ => return None,
            }
        }
        if !seen_digit {
            return None;
        }
        Some(Decimal {
            mantissa: if negative { -mantissa } else { mantissa },
            scale,
        })
    }

    pub fn mantissa(self) -> i128 {
        self.mantissa
    }

    pub fn scale(self) -> u32 {
        self.scale
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// The same value without trailing fractional zeros (`400.000000` → `400`).
    #[must_use]
    pub fn normalized(self) -> Decimal {
        let mut res = self;
        while res.scale > 0 && res.mantissa % 10 == 0 {
            res.mantissa /= 10;
            res.scale -= 1;
        }
        res
    }

    /// Both numbers at the larger scale, or `None` on overflow.
    fn aligned(self, other: Decimal) -> Option<(i128, i128, u32)> {
        let scale = self.scale.max(other.scale);
        let lhs = self
            .mantissa
            .checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let rhs = other
            .mantissa
            .checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Some((lhs, rhs, scale))
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let (lhs, rhs, scale) = self.aligned(other)?;
        Some(Decimal {
            mantissa: lhs.checked_add(rhs)?,
            scale,
        })
    }

    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(-other)
    }

    /// Multiplies by `10^exp` (万 = 4, 亿 = 8).
    pub fn checked_mul_pow10(self, exp: u32) -> Option<Decimal> {
        let factor = 10i128.checked_pow(exp)?;
        if self.scale >= exp {
            Some(Decimal {
                mantissa: self.mantissa,
                scale: self.scale - exp,
            })
        } else {
            Some(Decimal {
                mantissa: self.mantissa.checked_mul(factor / 10i128.pow(self.scale))?,
                scale: 0,
            })
        }
    }

    /// The integer part, if the number has no fractional part and fits.
    pub fn to_u32(self) -> Option<u32> {
        let norm = self.normalized();
        if norm.scale != 0 {
            return None;
        }
        u32::try_from(norm.mantissa).ok()
    }
}

impl std::ops::Neg for Decimal {
    type Output = Decimal;

    fn neg(self) -> Decimal {
        Decimal {
            mantissa: -self.mantissa,
            scale: self.scale,
        }
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Decimal) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        match self.aligned(*other) {
            Some((lhs, rhs, _)) => lhs.cmp(&rhs),
            // Alignment overflows only for very long numbers: compare signs, then the
            // magnitudes digit by digit.
            None => {
                let (lhs, rhs) = (self.normalized(), other.normalized());
                let sign = lhs.mantissa.signum().cmp(&rhs.mantissa.signum());
                if sign != Ordering::Equal {
                    return sign;
                }
                let magnitude = |d: Decimal| {
                    let digits = d.mantissa.unsigned_abs().to_string();
                    let scale = d.scale as usize;
                    let padded = if digits.len() <= scale {
                        format!("{}{digits}", "0".repeat(scale - digits.len() + 1))
                    } else {
                        digits
                    };
                    let (int, frac) = padded.split_at(padded.len() - scale);
                    (int.trim_start_matches('0').to_string(), frac.to_string())
                };
                let ((li, lf), (ri, rf)) = (magnitude(lhs), magnitude(rhs));
                let width = lf.len().max(rf.len());
                let ord = li
                    .len()
                    .cmp(&ri.len())
                    .then_with(|| li.cmp(&ri))
                    .then_with(|| format!("{lf:0<width$}").cmp(&format!("{rf:0<width$}")));
                if lhs.mantissa < 0 {
                    ord.reverse()
                } else {
                    ord
                }
            }
        }
    }
}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let norm = self.normalized();
        norm.mantissa.hash(state);
        norm.scale.hash(state);
    }
}

impl fmt::Display for Decimal {
    /// Plain form without separators, keeping the scale as written (`400.000000`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = if digits.len() <= scale {
            format!("{}{digits}", "0".repeat(scale - digits.len() + 1))
        } else {
            digits
        };
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    #[test]
    fn parses_every_written_form() {
        assert_eq!(d("118.8").to_string(), "118.8");
        assert_eq!(d("7,395,500.0").to_string(), "7395500.0");
        assert_eq!(d("400.000000").normalized().to_string(), "400");
        assert_eq!(d("１２．５").to_string(), "12.5");
        assert_eq!(d("0.05").to_string(), "0.05");
        assert_eq!(d("-5").to_string(), "-5");
        assert!(Decimal::parse("").is_none());
        assert!(Decimal::parse("1.2.3").is_none());
        assert!(Decimal::parse(&"9".repeat(400)).is_none());
    }

    #[test]
    fn exact_arithmetic() {
        // 0.1 + 0.2 == 0.3 exactly, unlike f64.
        assert_eq!(d("0.1").checked_add(d("0.2")).unwrap(), d("0.3"));
        assert_eq!(d("118.8").checked_mul_pow10(4).unwrap(), d("1188000"));
        assert_eq!(d("1.23456").checked_mul_pow10(4).unwrap(), d("12345.6"));
        assert_eq!(d("580.000000"), d("580"));
        assert!(d("800000") < d("820000"));
        assert!(d("-1") < d("0.5"));
        assert_eq!(d("30").checked_sub(d("12.5")).unwrap(), d("17.5"));
        assert_eq!(d("2024").to_u32(), Some(2024));
        assert_eq!(d("20.5").to_u32(), None);
    }

    #[test]
    fn compares_far_apart_magnitudes() {
        let big = Decimal::from_parts(10i128.pow(37), 0).unwrap();
        let tiny = Decimal::from_parts(1, 28).unwrap();
        assert!(big > tiny);
        assert!(tiny < big);
        assert!(-big < -tiny);
        // Too far apart in scale to align.
        let a = Decimal::from_parts(5 * 10i128.pow(37), 0).unwrap();
        let b = Decimal::from_parts(4 * 10i128.pow(37) + 1, 28).unwrap();
        assert!(a > b);
        assert_eq!(b.cmp(&a), Ordering::Less);
        let c = Decimal::from_parts(4 * 10i128.pow(37), 0).unwrap();
        assert_eq!(
            c.cmp(&Decimal::from_parts(4 * 10i128.pow(37), 0).unwrap()),
            Ordering::Equal
        );
    }
}
