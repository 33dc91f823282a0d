//! Behavioural tests of `ptg_line_index` with concrete numbers.

use ptg_line_index::{char_width, str_width, ColumnUnit, LineIndex, Position, TextRange, TextSize};
use ColumnUnit::{Char, DisplayWidth, Utf16, Utf8};

fn ts(n: u32) -> TextSize {
    TextSize::new(n)
}

fn pos(line: u32, column: u32) -> Position {
    Position::new(line, column)
}

/// Byte offset of the first occurrence of `needle` in `text`.
fn find(text: &str, needle: &str) -> TextSize {
    ts(u32::try_from(text.find(needle).expect("needle present")).unwrap())
}

const TARGET: &str = "\"项目成本\" ≤ 118.8万元";

#[test]
fn cjk_line_columns_of_le_sign() {
    let index = LineIndex::new(TARGET);
    let le = find(TARGET, "≤");
    assert_eq!(le, ts(15));
    assert_eq!(index.position(TARGET, le, Utf8), pos(0, 15));
    assert_eq!(index.position(TARGET, le, Char), pos(0, 7));
    assert_eq!(index.position(TARGET, le, Utf16), pos(0, 7));
    assert_eq!(index.position(TARGET, le, DisplayWidth), pos(0, 11));
    for (unit, column) in [(Utf8, 15), (Char, 7), (Utf16, 7), (DisplayWidth, 11)] {
        assert_eq!(index.offset(TARGET, pos(0, column), unit), le, "{unit:?}");
    }
}

#[test]
fn cjk_line_end_and_number() {
    let index = LineIndex::new(TARGET);
    let end = index.len();
    assert_eq!(end, ts(30));
    // `≤` (3 bytes), space, "118.8" (5), then 万元 (2 × 3 bytes).
    assert_eq!(index.position(TARGET, end, Utf8), pos(0, 30));
    assert_eq!(index.position(TARGET, end, Char), pos(0, 16));
    assert_eq!(index.position(TARGET, end, Utf16), pos(0, 16));
    assert_eq!(index.position(TARGET, end, DisplayWidth), pos(0, 22));
    let wan = find(TARGET, "万");
    assert_eq!(wan, ts(24));
    assert_eq!(index.position(TARGET, wan, Char), pos(0, 14));
    assert_eq!(index.position(TARGET, wan, DisplayWidth), pos(0, 18));
}

#[test]
fn full_width_punctuation() {
    let text = "达到95％，（含）x";
    let index = LineIndex::new(text);
    for c in ['，', '％', '（', '）'] {
        assert_eq!(char_width(c), 2, "{c}");
        assert_eq!(c.len_utf8(), 3);
    }
    let x = find(text, "x");
    // 达到 = 2 chars, 95 = 2, ％，（含） = 5 chars.
    assert_eq!(x, ts(6 + 2 + 15));
    assert_eq!(index.position(text, x, Utf8), pos(0, 23));
    assert_eq!(index.position(text, x, Char), pos(0, 9));
    assert_eq!(index.position(text, x, Utf16), pos(0, 9));
    assert_eq!(index.position(text, x, DisplayWidth), pos(0, 16));
    assert_eq!(str_width(text), 17);
}

#[test]
fn astral_emoji_next_to_chinese() {
    let text = "目标😀完成";
    let index = LineIndex::new(text);
    assert_eq!(char_width('😀'), 2);
    let emoji = find(text, "😀");
    let after = find(text, "完");
    assert_eq!((emoji, after), (ts(6), ts(10)));
    assert_eq!(index.position(text, emoji, Utf16), pos(0, 2));
    assert_eq!(index.position(text, after, Utf8), pos(0, 10));
    assert_eq!(index.position(text, after, Char), pos(0, 3));
    assert_eq!(index.position(text, after, Utf16), pos(0, 4));
    assert_eq!(index.position(text, after, DisplayWidth), pos(0, 6));
    // Offsets inside the emoji round down to its start.
    for inside in 7..10 {
        for unit in ColumnUnit::ALL {
            assert_eq!(
                index.position(text, ts(inside), unit),
                index.position(text, emoji, unit),
                "{inside} {unit:?}"
            );
        }
    }
    // The middle of the surrogate pair rounds down to the emoji.
    assert_eq!(index.offset(text, pos(0, 3), Utf16), emoji);
    assert_eq!(index.offset(text, pos(0, 4), Utf16), after);
    // The second cell of a wide character rounds down too.
    assert_eq!(index.offset(text, pos(0, 5), DisplayWidth), emoji);
    assert_eq!(index.offset(text, pos(0, 1), DisplayWidth), ts(0));
    assert_eq!(index.offset(text, pos(0, 3), DisplayWidth), ts(3));
    // Bytes in the middle of a character round down.
    assert_eq!(index.offset(text, pos(0, 8), Utf8), emoji);
    assert_eq!(index.offset(text, pos(0, 2), Utf8), ts(0));
}

#[test]
fn offsets_inside_multibyte_chars_round_down() {
    let text = "a项b";
    let index = LineIndex::new(text);
    for inside in [2, 3] {
        assert_eq!(index.position(text, ts(inside), Utf8), pos(0, 1));
        assert_eq!(index.position(text, ts(inside), Char), pos(0, 1));
        assert_eq!(index.position(text, ts(inside), Utf16), pos(0, 1));
        assert_eq!(index.position(text, ts(inside), DisplayWidth), pos(0, 1));
    }
    assert_eq!(index.position(text, ts(4), Char), pos(0, 2));
    assert_eq!(index.position(text, ts(4), DisplayWidth), pos(0, 3));
}

#[test]
fn crlf_is_one_break() {
    let text = "指标\r\n值";
    let index = LineIndex::new(text);
    assert_eq!(index.line_count(), 2);
    assert_eq!(index.line_start(1), Some(ts(8)));
    assert_eq!(
        index.line_range(0, false),
        Some(TextRange::new(ts(0), ts(6)))
    );
    assert_eq!(
        index.line_range(0, true),
        Some(TextRange::new(ts(0), ts(8)))
    );
    assert_eq!(index.line_of(ts(6)), 0);
    assert_eq!(index.line_of(ts(7)), 0);
    assert_eq!(index.line_of(ts(8)), 1);
    assert_eq!(index.position(text, ts(6), Char), pos(0, 2));
    // Between "\r" and "\n": rounds down to the "\r".
    assert_eq!(index.position(text, ts(7), Char), pos(0, 2));
    assert_eq!(index.position(text, ts(7), Utf8), pos(0, 6));
    assert_eq!(index.position(text, ts(8), Utf16), pos(1, 0));
    assert_eq!(index.position(text, ts(11), DisplayWidth), pos(1, 2));
    // A column past the end of the line stops before "\r\n".
    assert_eq!(index.offset(text, pos(0, 3), Char), ts(6));
    assert_eq!(index.offset(text, pos(0, 100), Utf8), ts(6));
    assert_eq!(index.offset(text, pos(1, 1), Char), ts(11));
}

#[test]
fn lone_cr_is_a_break() {
    let text = "a\rb\n\rc\r";
    let index = LineIndex::new(text);
    // "a", "b", "", "c", "".
    assert_eq!(index.line_count(), 5);
    let starts: Vec<_> = (0..5).map(|l| index.line_start(l).unwrap()).collect();
    assert_eq!(starts, [ts(0), ts(2), ts(4), ts(5), ts(7)]);
    assert_eq!(index.position(text, ts(2), Char), pos(1, 0));
    assert_eq!(index.position(text, ts(4), Char), pos(2, 0));
    assert_eq!(index.position(text, ts(6), Char), pos(3, 1));
    assert_eq!(index.position(text, ts(7), Char), pos(4, 0));
    assert_eq!(index.offset(text, pos(0, 5), Char), ts(1));
    assert_eq!(index.offset(text, pos(3, 5), Utf16), ts(6));
    assert_eq!(index.offset(text, pos(4, 0), Utf16), ts(7));
    assert_eq!(
        index.line_range(2, true),
        Some(TextRange::new(ts(4), ts(5)))
    );
}

#[test]
fn cr_cr_lf_is_two_breaks() {
    let index = LineIndex::new("x\r\r\ny");
    assert_eq!(index.line_count(), 3);
    assert_eq!(index.line_start(1), Some(ts(2)));
    assert_eq!(index.line_start(2), Some(ts(4)));
    assert_eq!(
        index.line_range(1, false),
        Some(TextRange::new(ts(2), ts(2)))
    );
}

#[test]
fn bom_is_a_zero_width_char() {
    let text = "\u{FEFF}项a";
    let index = LineIndex::new(text);
    assert_eq!(char_width('\u{FEFF}'), 0);
    let xiang = ts(3);
    assert_eq!(index.position(text, xiang, Utf8), pos(0, 3));
    assert_eq!(index.position(text, xiang, Char), pos(0, 1));
    assert_eq!(index.position(text, xiang, Utf16), pos(0, 1));
    assert_eq!(index.position(text, xiang, DisplayWidth), pos(0, 0));
    assert_eq!(index.position(text, ts(6), DisplayWidth), pos(0, 2));
    assert_eq!(index.position(text, ts(1), Char), pos(0, 0));
    assert_eq!(index.offset(text, pos(0, 1), Char), xiang);
    assert_eq!(index.offset(text, pos(0, 1), Utf16), xiang);
    assert_eq!(index.offset(text, pos(0, 3), Utf8), xiang);
    // Display column 0 is shared by offsets 0 and 3: the smallest wins.
    assert_eq!(index.offset(text, pos(0, 0), DisplayWidth), ts(0));
    assert_eq!(index.offset(text, pos(0, 2), DisplayWidth), ts(6));
}

#[test]
fn empty_text() {
    let index = LineIndex::new("");
    assert!(index.is_empty());
    assert_eq!(index.len(), ts(0));
    assert_eq!(index.line_count(), 1);
    assert_eq!(index.line_start(0), Some(ts(0)));
    assert_eq!(index.line_start(1), None);
    assert_eq!(index.line_range(0, true), Some(TextRange::empty(ts(0))));
    assert_eq!(index.line_of(ts(0)), 0);
    assert_eq!(index.line_of(ts(10)), 0);
    for unit in ColumnUnit::ALL {
        assert_eq!(index.position("", ts(0), unit), pos(0, 0));
        assert_eq!(index.position("", ts(5), unit), pos(0, 0));
        assert_eq!(index.offset("", pos(0, 0), unit), ts(0));
        assert_eq!(index.offset("", pos(0, 7), unit), ts(0));
        assert_eq!(index.offset("", pos(3, 7), unit), ts(0));
        assert_eq!(index.offset("", pos(u32::MAX, u32::MAX), unit), ts(0));
    }
}

#[test]
fn trailing_newline_makes_an_empty_last_line() {
    let index = LineIndex::new("a\n");
    assert_eq!(index.line_count(), 2);
    assert_eq!(index.line_start(1), Some(ts(2)));
    assert_eq!(index.line_range(1, true), Some(TextRange::empty(ts(2))));
    assert_eq!(index.position("a\n", ts(2), Char), pos(1, 0));
}

#[test]
fn text_without_trailing_newline() {
    let text = "第一行\n第二行";
    let index = LineIndex::new(text);
    assert_eq!(index.line_count(), 2);
    assert_eq!(index.len(), ts(19));
    assert_eq!(
        index.line_range(1, true),
        Some(TextRange::new(ts(10), ts(19)))
    );
    assert_eq!(index.line_range(1, false), index.line_range(1, true));
    assert_eq!(index.position(text, ts(19), Char), pos(1, 3));
    assert_eq!(index.position(text, ts(19), DisplayWidth), pos(1, 6));
    assert_eq!(index.position(text, ts(9), Char), pos(0, 3));
    assert_eq!(index.position(text, ts(9), DisplayWidth), pos(0, 6));
}

#[test]
fn past_end_of_line_and_past_last_line() {
    let text = "项目\n成本 ≤ 1\n";
    let index = LineIndex::new(text);
    assert_eq!(index.line_count(), 3);
    assert_eq!(index.len(), ts(20));
    for unit in ColumnUnit::ALL {
        // Past the end of line 0: before its "\n".
        assert_eq!(index.offset(text, pos(0, 50), unit), ts(6), "{unit:?}");
        assert_eq!(
            index.offset(text, pos(0, u32::MAX), unit),
            ts(6),
            "{unit:?}"
        );
        assert_eq!(index.offset(text, pos(1, 99), unit), ts(19), "{unit:?}");
        // Past the last line: the end of the text.
        assert_eq!(index.offset(text, pos(3, 0), unit), ts(20), "{unit:?}");
        assert_eq!(
            index.offset(text, pos(u32::MAX, 0), unit),
            ts(20),
            "{unit:?}"
        );
        // Offsets past the end clamp to the end.
        assert_eq!(index.position(text, ts(100), unit), pos(2, 0), "{unit:?}");
        assert_eq!(
            index.position(text, ts(u32::MAX), unit),
            pos(2, 0),
            "{unit:?}"
        );
    }
    assert_eq!(index.line_of(ts(100)), 2);
}

#[test]
fn ascii_lines_take_the_fast_path_consistently() {
    let text = "ab\tc\nxy";
    let index = LineIndex::new(text);
    for unit in ColumnUnit::ALL {
        assert_eq!(index.position(text, ts(4), unit), pos(0, 4));
        assert_eq!(index.position(text, ts(7), unit), pos(1, 2));
        assert_eq!(index.offset(text, pos(0, 3), unit), ts(3));
        assert_eq!(index.offset(text, pos(0, 9), unit), ts(4));
    }
}

#[test]
fn control_and_combining_chars_have_zero_width() {
    assert_eq!(char_width('\t'), 1);
    assert_eq!(char_width('\u{0}'), 0);
    assert_eq!(char_width('\u{7}'), 0);
    assert_eq!(char_width('\u{7F}'), 0);
    assert_eq!(char_width('\u{301}'), 0);
    assert_eq!(char_width('\u{200B}'), 0);
    assert_eq!(char_width('a'), 1);
    assert_eq!(char_width('≤'), 1);
    assert_eq!(char_width('项'), 2);
    assert_eq!(str_width("e\u{301}项\t😀"), 1 + 2 + 1 + 2);
    let text = "x\u{7}y";
    let index = LineIndex::new(text);
    assert_eq!(index.position(text, ts(2), DisplayWidth), pos(0, 1));
    assert_eq!(index.position(text, ts(2), Char), pos(0, 2));
    assert_eq!(index.offset(text, pos(0, 1), DisplayWidth), ts(1));
    assert_eq!(index.offset(text, pos(0, 2), DisplayWidth), ts(3));
}

#[test]
fn unit_lengths() {
    assert_eq!(ColumnUnit::ALL.map(|u| u.char_len('😀')), [4, 1, 2, 2]);
    assert_eq!(ColumnUnit::ALL.map(|u| u.char_len('项')), [3, 1, 1, 2]);
    assert_eq!(
        ColumnUnit::ALL.map(|u| u.char_len('\u{FEFF}')),
        [3, 1, 1, 0]
    );
    assert_eq!(ColumnUnit::ALL.map(|u| u.str_len(TARGET)), [30, 16, 16, 22]);
}

// ---------------------------------------------------------------------------
// Property checks against a naive reference implementation.

const SAMPLES: &[&str] = &[
    "",
    "a",
    "\n",
    "\r\n",
    "\r",
    TARGET,
    "\u{FEFF}目标：\r\n  \"项目成本\" ≤ 118.8万元；\n😀达成率 ≥ 95％（含）\r末行",
    "a\r\rb\n\n\r\nc😀\u{301}\t\u{7}x",
    "Ｈｅｌｌｏ，ｗｏｒｌｄ！\n𝕏𝕐\r\n",
];

/// Whether `offset` is strictly between the "\r" and "\n" of a CRLF.
fn inside_crlf(text: &str, offset: usize) -> bool {
    offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n')
}

/// Position computed from scratch by walking the text from its start.
fn naive_position(text: &str, offset: usize, unit: ColumnUnit) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    if inside_crlf(text, offset) {
        offset -= 1;
    }
    let mut line = 0;
    let mut column = 0;
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                column = 0;
            }
            c => column += unit.char_len(c),
        }
    }
    pos(line, column)
}

fn has_zero_width(text: &str) -> bool {
    text.chars()
        .any(|c| c != '\n' && c != '\r' && char_width(c) == 0)
}

fn check_text(text: &str) {
    let index = LineIndex::new(text);
    assert_eq!(usize::from(index.len()), text.len());
    let len = u32::try_from(text.len()).unwrap();
    for offset in 0..=len + 3 {
        let o = offset as usize;
        for unit in ColumnUnit::ALL {
            let p = index.position(text, ts(offset), unit);
            assert_eq!(
                p,
                naive_position(text, o, unit),
                "{text:?} {offset} {unit:?}"
            );
            let back = index.offset(text, p, unit);
            assert!(
                text.is_char_boundary(back.into()),
                "{text:?} {offset} {unit:?}"
            );
            let exact = o <= text.len() && text.is_char_boundary(o) && !inside_crlf(text, o);
            if exact && (unit != DisplayWidth || !has_zero_width(text)) {
                assert_eq!(back, ts(offset), "{text:?} {offset} {unit:?}");
            } else {
                assert!(back <= ts(offset), "{text:?} {offset} {unit:?}");
                assert_eq!(
                    index.position(text, back, unit),
                    p,
                    "{text:?} {offset} {unit:?}"
                );
            }
        }
    }
    // Arbitrary positions: never panic, land on a char boundary of the
    // requested line (or the end of the text), and are monotonic in the column.
    for line in 0..index.line_count() + 2 {
        for unit in ColumnUnit::ALL {
            let mut previous = None;
            for column in 0..40 {
                let o = index.offset(text, pos(line, column), unit);
                assert!(o <= index.len());
                assert!(text.is_char_boundary(o.into()));
                match index.line_range(line, false) {
                    Some(range) => assert!(range.contains_inclusive(o)),
                    None => assert_eq!(o, index.len()),
                }
                if let Some(previous) = previous {
                    assert!(previous <= o);
                }
                previous = Some(o);
            }
        }
    }
    // Line lookup agrees with the line starts.
    for offset in 0..=len {
        let line = index.line_of(ts(offset));
        let range = index.line_range(line, true).unwrap();
        let last = line + 1 == index.line_count();
        assert!(range.start() <= ts(offset));
        assert!(ts(offset) < range.end() || (last && ts(offset) == range.end()));
    }
}

#[test]
fn round_trip_on_samples() {
    for text in SAMPLES {
        check_text(text);
    }
}

#[test]
fn round_trip_on_pseudo_random_texts() {
    const ALPHABET: &[char] = &[
        'a', ' ', '\t', '\n', '\r', '项', '≤', '，', '％', '😀', '\u{FEFF}', '\u{301}', '\u{7}',
        'é', '𝕏',
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let len = next() % 24;
        let text: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        check_text(&text);
    }
}

/// `LineIndex::edit` gives what indexing the edited text from scratch gives, on random
/// texts of CJK, emoji, `\r`, `\n`, `\r\n` and tabs, under random replacements
/// (including ones that split or join a `\r\n`).
#[test]
fn edit_equals_a_new_index() {
    const PIECES: &[&str] = &[
        "a", "甲", "🙂", "\t", " ", "\r", "\n", "\r\n", "≥90%", "\r\r\n",
    ];
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut edits = 0;
    for _ in 0..3000 {
        let text: String = (0..next(40)).map(|_| PIECES[next(PIECES.len())]).collect();
        let old = LineIndex::new(&text);
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        let a = boundaries[next(boundaries.len())];
        let b = boundaries[next(boundaries.len())];
        let (start, old_end) = (a.min(b), a.max(b));
        let insert: String = (0..next(4)).map(|_| PIECES[next(PIECES.len())]).collect();
        let new_text = format!("{}{}{}", &text[..start], insert, &text[old_end..]);
        let edited = old.edit(&new_text, start, old_end, start + insert.len());
        assert_eq!(
            edited,
            LineIndex::new(&new_text),
            "{text:?} with {start}..{old_end} replaced by {insert:?}"
        );
        edits += 1;
    }
    assert_eq!(edits, 3000);
}
