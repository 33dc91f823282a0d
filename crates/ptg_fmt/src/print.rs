//! The printer: walks the AST, writes canonical text, and places every comment.
//!
//! Comments belong to the constructs around them, decided on the source before anything
//! moves: own-line comments before an item lead it (and move with it when category blocks
//! are put in scheme order), a comment at the end of an item's last line trails it, a
//! comment after `{` on its line trails the header, comments before a `}` stay before it.
//! `# ptg: fmt off` … `# ptg: fmt on` regions are copied byte for byte.

use ptg_syntax::ast::*;
use ptg_syntax::lexer::normalize_width;
use ptg_syntax::{Comment, CommentPlacement, SyntaxKind};
use text_size::{TextRange, TextSize};

use crate::{CategoryOwner, FormatOptions};

/// Maps a category name as written to its canonical name and its position in the
/// scheme. `parent` is the canonical name of the enclosing 一级 (for a 二级 slot).
pub trait CategoryResolver {
    fn resolve(
        &self,
        owner: CategoryOwner,
        parent: Option<&str>,
        name: &str,
    ) -> Option<(String, usize)>;
}

const INDENT: &str = "  ";

pub(crate) struct Printer<'a> {
    text: &'a str,
    options: &'a FormatOptions<'a>,
    /// The comments of the text printed (all of them, or those of one run), in order.
    comments: &'a [Comment],
    used: Vec<bool>,
    /// Where each line of the whole text starts, for line numbers in O(log n).
    line_starts: &'a [TextSize],
    /// Top-level items were printed before the ones being printed (an earlier run): the
    /// first of these does not open the file.
    continued: bool,
    out: String,
}

/// Where each line of `text` starts.
pub(crate) fn line_starts(text: &str) -> Vec<TextSize> {
    std::iter::once(TextSize::from(0))
        .chain(text.match_indices('\n').map(|(idx, _)| size(idx + 1)))
        .collect()
}

/// Exactly one final newline (none for an empty output).
pub(crate) fn end_output(out: &mut String) {
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// A comment's text without trailing spaces.
fn comment_text<'t>(text: &'t str, comment: &Comment) -> &'t str {
    text[comment.range].trim_end()
}

fn directive<'t>(text: &'t str, comment: &Comment) -> Option<&'t str> {
    let body = comment_text(text, comment);
    let body = body.strip_prefix('#').or_else(|| body.strip_prefix('＃'))?;
    let rest = body.trim_start().strip_prefix("ptg:")?;
    Some(rest.trim())
}

fn is_fmt_off(text: &str, comment: &Comment) -> bool {
    directive(text, comment) == Some("fmt off")
}

fn is_fmt_on(text: &str, comment: &Comment) -> bool {
    directive(text, comment) == Some("fmt on")
}

fn size(offset: usize) -> TextSize {
    TextSize::try_from(offset).unwrap_or(TextSize::from(u32::MAX))
}

/// How an item sorts among its siblings: fields and indicators keep their place; category
/// blocks follow the scheme's order after them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sort {
    Keep,
    Category(usize),
}

/// An item of a block with the comments that belong to it.
struct Slot<'i> {
    item: &'i Item,
    sort: Sort,
    source_idx: usize,
    leading: Vec<usize>,
    trailing: Option<usize>,
    /// A blank line separated it from the previous item in the source.
    blank_before: bool,
}

impl<'a> Printer<'a> {
    /// A printer appending to `out` (the output of earlier runs, or empty).
    pub(crate) fn new(
        text: &'a str,
        comments: &'a [Comment],
        line_starts: &'a [TextSize],
        options: &'a FormatOptions<'a>,
        out: String,
    ) -> Self {
        Printer {
            text,
            options,
            comments,
            used: vec![false; comments.len()],
            line_starts,
            continued: false,
            out,
        }
    }

    /// Prints top-level items, whose source (with the comments around them) lies in
    /// `[start, end)`; `continued` when items were printed before them.
    pub(crate) fn print_top(
        &mut self,
        items: &[&'a Item],
        start: TextSize,
        end: TextSize,
        continued: bool,
    ) {
        self.continued = continued;
        self.print_items(items, 0, None, CategoryOwner::Project, true, start, end);
    }

    /// The output so far.
    pub(crate) fn into_output(self) -> String {
        self.out
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
    }

    fn line_of(&self, offset: TextSize) -> usize {
        self.line_starts.partition_point(|start| *start <= offset)
    }

    /// Whether the source has an empty line between `end` and `start`.
    fn blank_between(&self, end: TextSize, start: TextSize) -> bool {
        let (end, start) = (usize::from(end), usize::from(start).min(self.text.len()));
        if start <= end {
            return false;
        }
        let gap = &self.text[end..start];
        let mut lines = gap.split('\n');
        lines.next(); // The rest of the line where `end` is.
        let mut middle: Vec<&str> = lines.collect();
        middle.pop(); // The start of the line where `start` is.
        middle.iter().any(|line| line.trim().is_empty())
    }

    /// Unused comments starting in `[from, to)`.
    fn comments_in(&self, from: TextSize, to: TextSize) -> Vec<usize> {
        // Comments are in source order: start at the first one at or after `from`.
        let first = self.comments.partition_point(|c| c.range.start() < from);
        (first..self.comments.len())
            .take_while(|&idx| self.comments[idx].range.start() < to)
            .filter(|&idx| !self.used[idx])
            .collect()
    }

    /// The unused trailing comment on the source line of `offset`, starting in `[offset, before)`.
    fn trailing_at(&self, offset: TextSize, before: TextSize) -> Option<usize> {
        let line = self.line_of(offset);
        self.comments_in(offset, before).into_iter().find(|&idx| {
            let c = &self.comments[idx];
            c.placement == CommentPlacement::Trailing && self.line_of(c.range.start()) == line
        })
    }

    fn emit_own_line(&mut self, idx: usize, depth: usize) {
        if self.used[idx] {
            return;
        }
        self.used[idx] = true;
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.indent(depth);
        let text = comment_text(self.text, &self.comments[idx]).to_string();
        self.out.push_str(&text);
        self.out.push('\n');
    }

    fn emit_trailing(&mut self, idx: Option<usize>) {
        if let Some(idx) = idx {
            if !self.used[idx] {
                self.used[idx] = true;
                self.out.push_str("  ");
                let text = comment_text(self.text, &self.comments[idx]).to_string();
                self.out.push_str(&text);
            }
        }
    }

    /// Copies from the line of a `fmt off` comment to the end of its `fmt on` (or to the
    /// line before `limit`) byte for byte; returns where the copy ended.
    fn copy_verbatim(&mut self, off: usize, limit: TextSize) -> TextSize {
        let off_range = self.comments[off].range;
        let start = self.text[..usize::from(off_range.start())]
            .rfind('\n')
            .map_or(0, |idx| idx + 1);
        let mut end = None;
        for idx in self.comments_in(off_range.end(), limit) {
            if is_fmt_on(self.text, &self.comments[idx]) {
                end = Some(usize::from(self.comments[idx].range.end()));
                break;
            }
        }
        let end = end.unwrap_or_else(|| {
            // No `fmt on`: up to the end of the last line before `limit`.
            let limit = usize::from(limit).min(self.text.len());
            let cut = self.text[..limit].rfind('\n').unwrap_or(limit);
            cut.max(usize::from(off_range.end()))
        });
        for idx in self.comments_in(size(start), size(end)) {
            self.used[idx] = true;
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
            .push_str(self.text[start..end].trim_end_matches(['\r']));
        self.out.push('\n');
        size(end)
    }

    fn category_info(
        &self,
        category: &Category,
        owner: CategoryOwner,
        parent: Option<&str>,
    ) -> (String, usize) {
        let written = category.name.node.text.as_str();
        match self.options.categories {
            Some(resolver) => resolver
                .resolve(owner, parent, written)
                .unwrap_or_else(|| (written.to_string(), usize::MAX)),
            None => (written.to_string(), usize::MAX),
        }
    }

    /// Prints the items of one block (or of the file) at `depth`. `region` is where the
    /// block's content starts and ends in the source (after `{`, before `}`).
    #[expect(
        clippy::too_many_arguments,
        reason = "the printing context of one block"
    )]
    fn print_items(
        &mut self,
        items: &[&'a Item],
        depth: usize,
        parent_category: Option<&str>,
        owner: CategoryOwner,
        top_level: bool,
        region_start: TextSize,
        region_end: TextSize,
    ) {
        // Attach comments on the source, before anything moves.
        let mut slots: Vec<Slot<'_>> = Vec::with_capacity(items.len());
        let mut prev_end = region_start;
        let mut has_fmt_off = false;
        for (idx, item) in items.iter().enumerate() {
            let start = item.range().start();
            let mut leading = self.comments_in(prev_end, start);
            if let Some(prev) = slots.last_mut() {
                if let Some(first) = leading.first().copied() {
                    let c = &self.comments[first];
                    if c.placement == CommentPlacement::Trailing
                        && self.line_of(c.range.start()) == self.line_of(prev_end)
                    {
                        prev.trailing = Some(first);
                        leading.remove(0);
                    }
                }
            }
            has_fmt_off |= leading
                .iter()
                .any(|&c| is_fmt_off(self.text, &self.comments[c]));
            let lead_start = leading
                .first()
                .map_or(start, |&c| self.comments[c].range.start());
            let sort = match item {
                Item::Category(category) => {
                    Sort::Category(self.category_info(category, owner, parent_category).1)
                }
                _ => Sort::Keep,
            };
            slots.push(Slot {
                item,
                sort,
                source_idx: idx,
                leading,
                trailing: None,
                blank_before: idx > 0 && self.blank_between(prev_end, lead_start),
            });
            prev_end = item.range().end();
        }
        // The last item's trailing comment, then what is left before `}`: dangling.
        let mut dangling = self.comments_in(prev_end, region_end);
        if let (Some(last), Some(first)) = (slots.last_mut(), dangling.first().copied()) {
            let c = &self.comments[first];
            if c.placement == CommentPlacement::Trailing
                && self.line_of(c.range.start()) == self.line_of(prev_end)
            {
                last.trailing = Some(first);
                dangling.remove(0);
            }
        }
        let dangling_blank = match (slots.last(), dangling.first()) {
            (Some(last), Some(&c)) => {
                self.blank_between(last.item.range().end(), self.comments[c].range.start())
            }
            _ => false,
        };
        // The comments that open the file stay at its top whatever moves below them.
        let mut file_head = Vec::new();
        if top_level && !self.continued {
            if let Some(first) = slots.first_mut() {
                file_head = std::mem::take(&mut first.leading);
            }
        }
        let mut prev_comment_end: Option<TextSize> = None;
        for &c in &file_head {
            if let Some(end) = prev_comment_end {
                if self.blank_between(end, self.comments[c].range.start())
                    && !self.out.ends_with("\n\n")
                {
                    self.out.push('\n');
                }
            }
            prev_comment_end = Some(self.comments[c].range.end());
            if is_fmt_off(self.text, &self.comments[c]) {
                self.copy_verbatim(c, region_end);
                continue;
            }
            self.emit_own_line(c, depth);
        }
        if let (Some(end), Some(first)) = (prev_comment_end, slots.first()) {
            if self.blank_between(end, first.item.range().start()) {
                self.out.push('\n');
            }
        }
        // Headers first at the top level; category blocks in scheme order (not in a
        // block with a `fmt off` region, whose order must stay as written).
        if top_level {
            slots.sort_by_key(|slot| (header_rank(slot.item), slot.source_idx));
        } else if !has_fmt_off {
            slots.sort_by_key(|slot| (slot.sort, slot.source_idx));
        }
        let mut skip_until = TextSize::from(0);
        let mut prev: Option<&Item> = None;
        for slot in slots {
            let item = slot.item;
            if item.range().start() < skip_until {
                continue;
            }
            let blank = match prev {
                // The first item of a later run follows an entity of an earlier one.
                None => top_level && self.continued,
                Some(prev_item) if top_level => !(is_header(prev_item) && is_header(item)),
                Some(_) if matches!(item, Item::Entity(_)) => true,
                Some(_) => slot.blank_before,
            };
            if blank && !self.out.is_empty() && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
            let mut prev_comment_end: Option<TextSize> = None;
            for &c in &slot.leading {
                if self.used[c] {
                    continue;
                }
                // Keep one blank line between comment paragraphs.
                if let Some(end) = prev_comment_end {
                    if self.blank_between(end, self.comments[c].range.start())
                        && !self.out.ends_with("\n\n")
                    {
                        self.out.push('\n');
                    }
                }
                prev_comment_end = Some(self.comments[c].range.end());
                if is_fmt_off(self.text, &self.comments[c]) {
                    skip_until = self.copy_verbatim(c, region_end);
                    continue;
                }
                self.emit_own_line(c, depth);
            }
            if item.range().start() < skip_until {
                prev = Some(item);
                continue;
            }
            self.print_item(item, depth, parent_category, owner, slot.trailing);
            prev = Some(item);
        }
        if dangling_blank && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        for c in dangling {
            if is_fmt_off(self.text, &self.comments[c]) && !self.used[c] {
                self.copy_verbatim(c, region_end);
                continue;
            }
            self.emit_own_line(c, depth);
        }
    }

    /// Comments inside an item's header (between tokens of a multi-line item) print on
    /// their own lines before it, so that none is lost.
    fn header_comments(&mut self, range: TextRange, depth: usize) {
        for c in self.comments_in(range.start(), range.end()) {
            self.emit_own_line(c, depth);
        }
    }

    fn print_item(
        &mut self,
        item: &'a Item,
        depth: usize,
        parent_category: Option<&str>,
        owner: CategoryOwner,
        trailing: Option<usize>,
    ) {
        match item {
            Item::Field(field) => self.print_field(field, depth, trailing),
            Item::Entity(entity) => self.print_entity(entity, depth, trailing),
            Item::Category(category) => {
                let (name, _) = self.category_info(category, owner, parent_category);
                self.header_comments(
                    TextRange::new(category.range.start(), category.body.l_brace.start()),
                    depth,
                );
                self.indent(depth);
                self.out.push_str(&name);
                self.out.push(' ');
                let parent = if parent_category.is_none() {
                    Some(name.clone())
                } else {
                    parent_category.map(str::to_string)
                };
                self.print_block(&category.body, depth, parent.as_deref(), owner, trailing);
            }
            Item::Indicator(indicator) => {
                let header_end = indicator
                    .attrs
                    .as_ref()
                    .map_or(indicator.range.end(), |a| a.l_brace.start());
                self.header_comments(TextRange::new(indicator.range.start(), header_end), depth);
                self.indent(depth);
                self.out.push_str(&string(&indicator.name));
                if let Some(value) = &indicator.value {
                    self.out.push(' ');
                    self.out.push_str(&value_text(self.text, value));
                }
                match &indicator.attrs {
                    Some(attrs) => {
                        self.out.push(' ');
                        self.print_block(attrs, depth, None, owner, trailing);
                    }
                    None => {
                        self.emit_trailing(trailing);
                        self.out.push('\n');
                    }
                }
            }
            // Unknown fields and error items exist only in files with errors, which are
            // never formatted; print their source unchanged all the same.
            Item::UnknownField(unknown) => {
                self.indent(depth);
                self.out.push_str(&self.text[unknown.range]);
                self.out.push('\n');
            }
            Item::Error(range) => {
                self.indent(depth);
                self.out.push_str(&self.text[*range]);
                self.out.push('\n');
            }
        }
    }

    fn print_entity(&mut self, entity: &'a Entity, depth: usize, trailing: Option<usize>) {
        let header_end = entity
            .body
            .as_ref()
            .map_or(entity.range.end(), |b| b.l_brace.start());
        self.header_comments(TextRange::new(entity.range.start(), header_end), depth);
        self.indent(depth);
        self.out.push_str(match entity.kind {
            EntityKind::Department => "部门",
            EntityKind::Project => "项目",
            EntityKind::BudgetUnit => "单位",
        });
        if let Some(name) = &entity.name {
            self.out.push(' ');
            self.out.push_str(&string(name));
        }
        let owner = match entity.kind {
            EntityKind::Department => CategoryOwner::Department,
            _ => CategoryOwner::Project,
        };
        match &entity.body {
            Some(body) => {
                self.out.push(' ');
                self.print_block(body, depth, None, owner, trailing);
            }
            None => {
                self.emit_trailing(trailing);
                self.out.push('\n');
            }
        }
    }

    fn print_field(&mut self, field: &'a Field, depth: usize, trailing: Option<usize>) {
        let header_end = field
            .block
            .as_ref()
            .map_or(field.range.end(), |b| b.l_brace.start());
        self.header_comments(TextRange::new(field.range.start(), header_end), depth);
        self.indent(depth);
        let key = match field.key {
            FieldKey::Line(line) => line.as_str(),
            key => key.as_str(),
        };
        self.out.push_str(key);
        let value = field_value_text(self.text, &field.value);
        if !value.is_empty() {
            self.out.push(' ');
            self.out.push_str(&value);
        }
        match &field.block {
            Some(block) => {
                self.out.push(' ');
                self.print_block(block, depth, None, CategoryOwner::Project, trailing);
            }
            None => {
                self.emit_trailing(trailing);
                self.out.push('\n');
            }
        }
    }

    /// `{`, the items one per line, `}`. The caller has written the header; `trailing` is
    /// the comment after the closing `}`.
    fn print_block(
        &mut self,
        block: &'a Block,
        depth: usize,
        parent_category: Option<&str>,
        owner: CategoryOwner,
        trailing: Option<usize>,
    ) {
        self.out.push('{');
        let items: Vec<&Item> = block.items.iter().collect();
        let close = block.r_brace.map_or(block.range.end(), |r| r.start());
        let first = items.first().map_or(close, |item| item.range().start());
        let after_brace = self.trailing_at(block.l_brace.end(), first);
        self.emit_trailing(after_brace);
        // `{}` only when nothing is inside: a comment after `{` would swallow the `}`.
        if items.is_empty()
            && after_brace.is_none()
            && self.comments_in(block.l_brace.end(), close).is_empty()
        {
            self.out.push('}');
            self.emit_trailing(trailing);
            self.out.push('\n');
            return;
        }
        self.out.push('\n');
        self.print_items(
            &items,
            depth + 1,
            parent_category,
            owner,
            false,
            block.l_brace.end(),
            close,
        );
        self.indent(depth);
        self.out.push('}');
        self.emit_trailing(trailing);
        self.out.push('\n');
    }
}

fn header_rank(item: &Item) -> usize {
    match item {
        Item::Field(f) => match f.key {
            FieldKey::Year => 0,
            FieldKey::Scheme => 1,
            FieldKey::MoneyUnit => 2,
            _ => 3,
        },
        _ => 3,
    }
}

fn is_header(item: &Item) -> bool {
    matches!(item, Item::Field(f) if matches!(f.key, FieldKey::Year | FieldKey::Scheme | FieldKey::MoneyUnit))
}

/// A string literal in canonical form: ASCII quotes, content unchanged.
pub(crate) fn string(lit: &Str) -> String {
    match lit.style {
        QuoteStyle::Block => format!("\"\"\"{}\"\"\"", lit.text),
        QuoteStyle::Ascii | QuoteStyle::Curly => {
            let mut out = String::with_capacity(lit.text.len() + 2);
            out.push('"');
            for ch in lit.text.chars() {
                if ch == '"' || ch == '\\' {
                    out.push('\\');
                }
                out.push(ch);
            }
            out.push('"');
            out
        }
    }
}

/// A quantity with its number normalised, unless that would glue number and unit into
/// another token: `012月` (twelve months) printed `12月` would lex as a date, `02024年` as a
/// year. Then the number keeps its spelling from `src`.
fn quantity(src: &str, q: &Quantity) -> String {
    let number = q.number.node.normalized().to_string();
    let Some(unit) = &q.unit else {
        return number;
    };
    let text = format!("{number}{}", unit.text);
    let still_a_number = ptg_syntax::lex(&text).first().is_some_and(|t| {
        t.kind == SyntaxKind::Number && usize::from(t.range.end()) == number.len()
    });
    if still_a_number {
        text
    } else {
        format!("{}{}", &src[q.number.range], unit.text)
    }
}

fn field_value_text(src: &str, value: &FieldValue) -> String {
    match value {
        FieldValue::None => String::new(),
        FieldValue::Text(lit) => string(lit),
        FieldValue::Texts(lits) => lits.iter().map(string).collect::<Vec<_>>().join(" "),
        FieldValue::Word(word) => word.node.clone(),
        FieldValue::Year(year) => year.node.to_string(),
        FieldValue::Unit(unit) => unit.text.clone(),
        FieldValue::Quantity(q) => quantity(src, q),
        FieldValue::Quantities(qs) => qs
            .iter()
            .map(|q| {
                // A bare number in a spending plan reads as a percent.
                if q.unit.is_none() {
                    format!("{}%", q.number.node.normalized())
                } else {
                    quantity(src, q)
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn date_text(deadline: &Deadline) -> String {
    let date = deadline.date;
    let mut out = String::new();
    match (date.year, date.month, date.day) {
        (Some(year), Some(month), Some(DayOfMonth::Day(day))) => {
            out.push_str(&format!("{year:04}-{month:02}-{day:02}"));
        }
        _ => {
            if let Some(year) = date.year {
                // Four digits, as written: `0608年` printed as `608年` would not lex as a date.
                out.push_str(&format!("{year:04}年"));
            }
            if let Some(month) = date.month {
                out.push_str(&format!("{month}月"));
            }
            match date.day {
                Some(DayOfMonth::Day(day)) => out.push_str(&format!("{day}日")),
                Some(DayOfMonth::End) => out.push('底'),
                None => {}
            }
        }
    }
    if deadline.before {
        out.push('前');
    }
    out
}

pub(crate) fn value_text(src: &str, value: &Value) -> String {
    match &value.kind {
        ValueKind::Bound { cmp, quantity: q } => {
            format!("{} {}", cmp.op.symbol(), quantity(src, q))
        }
        ValueKind::Exact(q) => quantity(src, q),
        ValueKind::Range { lo, hi, .. } => {
            format!("{}~{}", quantity(src, lo), quantity(src, hi))
        }
        ValueKind::Deadline(deadline) => match deadline.cmp {
            Some(cmp) => format!("{} {}", cmp.op.symbol(), date_text(deadline)),
            None => date_text(deadline),
        },
        ValueKind::Period(period) => normalize_width(&period.text),
        ValueKind::Qualitative(lit) => string(lit),
    }
}

/// Every string content of items (names, texts, qualitative values), for the safety check.
pub(crate) fn string_contents(items: &[Item]) -> Vec<String> {
    fn walk(items: &[Item], out: &mut Vec<String>) {
        for item in items {
            match item {
                Item::Field(field) => {
                    match &field.value {
                        FieldValue::Text(lit) => out.push(lit.text.clone()),
                        FieldValue::Texts(lits) => out.extend(lits.iter().map(|l| l.text.clone())),
                        _ => {}
                    }
                    if let Some(block) = &field.block {
                        walk(&block.items, out);
                    }
                }
                Item::Entity(entity) => {
                    out.extend(entity.name.iter().map(|n| n.text.clone()));
                    if let Some(body) = &entity.body {
                        walk(&body.items, out);
                    }
                }
                Item::Category(category) => walk(&category.body.items, out),
                Item::Indicator(indicator) => {
                    out.push(indicator.name.text.clone());
                    if let Some(Value {
                        kind: ValueKind::Qualitative(lit),
                        ..
                    }) = indicator.value.as_deref()
                    {
                        out.push(lit.text.clone());
                    }
                    if let Some(attrs) = &indicator.attrs {
                        walk(&attrs.items, out);
                    }
                }
                Item::UnknownField(_) | Item::Error(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(items, &mut out);
    out
}
