//! Moving a subtree by a byte offset: what an incremental re-parse does to the items after
//! an edit, whose text is unchanged but now starts elsewhere.

use text_size::{TextRange, TextSize};

use crate::ast::*;

/// Moves every range of a node by `delta` bytes. Callers guarantee that the result stays
/// within `0..=u32::MAX` (a node after an edit moves by the edit's length change).
pub(crate) trait Shift {
    fn shift(&mut self, delta: i64);
}

fn offset(at: TextSize, delta: i64) -> TextSize {
    let moved = i64::from(u32::from(at)) + delta;
    TextSize::from(u32::try_from(moved).unwrap_or(if moved < 0 { 0 } else { u32::MAX }))
}

impl Shift for TextRange {
    fn shift(&mut self, delta: i64) {
        *self = TextRange::new(offset(self.start(), delta), offset(self.end(), delta));
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, delta: i64) {
        if let Some(node) = self {
            node.shift(delta);
        }
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(&mut self, delta: i64) {
        for node in self {
            node.shift(delta);
        }
    }
}

impl<T: Shift> Shift for Box<T> {
    fn shift(&mut self, delta: i64) {
        (**self).shift(delta);
    }
}

impl<T> Shift for Spanned<T> {
    fn shift(&mut self, delta: i64) {
        self.range.shift(delta);
    }
}

impl Shift for Item {
    fn shift(&mut self, delta: i64) {
        match self {
            Item::Field(it) => it.shift(delta),
            Item::Entity(it) => it.shift(delta),
            Item::Category(it) => it.shift(delta),
            Item::Indicator(it) => it.shift(delta),
            Item::UnknownField(it) => {
                it.name.shift(delta);
                it.range.shift(delta);
            }
            Item::Error(range) => range.shift(delta),
        }
    }
}

impl Shift for Block {
    fn shift(&mut self, delta: i64) {
        self.l_brace.shift(delta);
        self.items.shift(delta);
        self.r_brace.shift(delta);
        self.range.shift(delta);
    }
}

impl Shift for Entity {
    fn shift(&mut self, delta: i64) {
        self.keyword.shift(delta);
        self.name.shift(delta);
        self.body.shift(delta);
        self.range.shift(delta);
    }
}

impl Shift for Category {
    fn shift(&mut self, delta: i64) {
        self.name.shift(delta);
        self.body.shift(delta);
        self.range.shift(delta);
    }
}

impl Shift for Indicator {
    fn shift(&mut self, delta: i64) {
        self.name.shift(delta);
        self.value.shift(delta);
        self.attrs.shift(delta);
        self.range.shift(delta);
    }
}

impl Shift for Field {
    fn shift(&mut self, delta: i64) {
        self.key_range.shift(delta);
        match &mut self.value {
            FieldValue::None => {}
            FieldValue::Text(it) => it.shift(delta),
            FieldValue::Texts(it) => it.shift(delta),
            FieldValue::Word(it) => it.shift(delta),
            FieldValue::Year(it) => it.shift(delta),
            FieldValue::Unit(it) => it.shift(delta),
            FieldValue::Quantity(it) => it.shift(delta),
            FieldValue::Quantities(it) => it.shift(delta),
        }
        self.block.shift(delta);
        self.range.shift(delta);
    }
}

impl Shift for Str {
    fn shift(&mut self, delta: i64) {
        self.range.shift(delta);
    }
}

impl Shift for Unit {
    fn shift(&mut self, delta: i64) {
        self.range.shift(delta);
    }
}

impl Shift for Quantity {
    fn shift(&mut self, delta: i64) {
        self.number.shift(delta);
        self.unit.shift(delta);
        self.range.shift(delta);
    }
}

impl Shift for Comparator {
    fn shift(&mut self, delta: i64) {
        self.range.shift(delta);
    }
}

impl Shift for Value {
    fn shift(&mut self, delta: i64) {
        match &mut self.kind {
            ValueKind::Bound { cmp, quantity } => {
                cmp.shift(delta);
                quantity.shift(delta);
            }
            ValueKind::Exact(quantity) => quantity.shift(delta),
            ValueKind::Range { lo, hi, separator } => {
                lo.shift(delta);
                hi.shift(delta);
                separator.shift(delta);
            }
            ValueKind::Deadline(deadline) => deadline.cmp.shift(delta),
            ValueKind::Period(_) => {}
            ValueKind::Qualitative(text) => text.shift(delta),
        }
        self.range.shift(delta);
    }
}
