//! Reading files: decoding bytes to text, and recognising what a non-UTF-8 file is.

use ptg_diagnostics::{Diagnostic, Lang, Severity, TextRange};

pub const INVALID_ENCODING: (&str, &str) = ("invalid-encoding", "E003");

/// What the bytes of a file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// UTF-8 text (a leading BOM removed).
    Text(String),
    /// Not UTF-8.
    Invalid(EncodingGuess),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingGuess {
    /// UTF-16, with or without a byte-order mark.
    Utf16 { little_endian: bool, bom: bool },
    /// Mostly valid GBK/GB18030 double-byte sequences.
    Gb18030,
    /// Something else; the first invalid byte is at this offset.
    Unknown { offset: usize, line: usize },
}

pub fn decode(bytes: Vec<u8>) -> Decoded {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Decoded::Invalid(EncodingGuess::Utf16 {
            little_endian: true,
            bom: true,
        });
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Decoded::Invalid(EncodingGuess::Utf16 {
            little_endian: false,
            bom: true,
        });
    }
    if let Some(little_endian) = utf16_without_bom(&bytes) {
        return Decoded::Invalid(EncodingGuess::Utf16 {
            little_endian,
            bom: false,
        });
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Text(text),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            if looks_like_gb18030(&bytes) {
                Decoded::Invalid(EncodingGuess::Gb18030)
            } else {
                let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
                Decoded::Invalid(EncodingGuess::Unknown { offset, line })
            }
        }
    }
}

/// UTF-16 without a byte-order mark (`Some(little_endian)`): the high byte of the many
/// ASCII characters (spaces, digits, quotes, braces, newlines) is NUL, always at the same
/// parity, and the other parity has (almost) no NUL. Text with a stray NUL is not UTF-16.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.contains(&0) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = bytes.len() / 2;
    if odd * 8 >= units && even * 20 <= odd {
        Some(true)
    } else if even * 8 >= units && odd * 20 <= even {
        Some(false)
    } else {
        None
    }
}

/// Whether nearly all non-ASCII bytes pair up as GBK/GB18030 double-byte characters
/// (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F) or GB18030 four-byte sequences.
fn looks_like_gb18030(bytes: &[u8]) -> bool {
    let mut idx = 0;
    let mut good = 0usize;
    let mut bad = 0usize;
    while idx < bytes.len() {
        let byte = bytes[idx];
        if byte < 0x80 {
            idx += 1;
            continue;
        }
        let lead_ok = (0x81..=0xFE).contains(&byte);
        match bytes.get(idx + 1).copied() {
            Some(trail) if lead_ok && (0x40..=0xFE).contains(&trail) && trail != 0x7F => {
                good += 1;
                idx += 2;
            }
            Some(digit) if lead_ok && digit.is_ascii_digit() => {
                // Four-byte GB18030: lead, 0x30–0x39, 0x81–0xFE, 0x30–0x39.
                let four = bytes
                    .get(idx + 2)
                    .is_some_and(|b| (0x81..=0xFE).contains(b))
                    && bytes.get(idx + 3).is_some_and(u8::is_ascii_digit);
                if four {
                    good += 1;
                    idx += 4;
                } else {
                    bad += 1;
                    idx += 1;
                }
            }
            _ => {
                bad += 1;
                idx += 1;
            }
        }
    }
    good > 0 && bad * 20 <= good
}

/// `text` as one POSIX shell word: single quotes, with `'` written `'\\''`.
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The `invalid-encoding` diagnostic for a file, at line 1.
pub fn encoding_diagnostic(guess: EncodingGuess, filename: &str, lang: Lang) -> Diagnostic {
    // The hint is a command to copy: a file name must not be able to add to it.
    let quoted = sh_quote(filename);
    let (message, help) = match (guess, lang) {
        (EncodingGuess::Gb18030, Lang::Zh) => (
            "文件不是 UTF-8 编码，看起来是 GBK/GB18030".to_string(),
            format!("转换为 UTF-8 后再检查：iconv -f GB18030 -t UTF-8 {quoted} > 新文件.ptg（或在编辑器中“以 UTF-8 编码保存”）"),
        ),
        (EncodingGuess::Gb18030, Lang::En) => (
            "file is not UTF-8; it looks like GBK/GB18030".to_string(),
            format!("convert it to UTF-8 and check again: iconv -f GB18030 -t UTF-8 {quoted} > new.ptg (or \"save with encoding UTF-8\" in your editor)"),
        ),
        (EncodingGuess::Utf16 { little_endian, bom }, Lang::Zh) => {
            let order = if little_endian { "LE" } else { "BE" };
            // Without a BOM iconv must be told the byte order.
            let from = if bom { "" } else { order };
            (
                format!(
                    "文件是 UTF-16{order} 编码{}，不是 UTF-8",
                    if bom { "" } else { "（没有 BOM）" }
                ),
                format!("转换为 UTF-8：iconv -f UTF-16{from} -t UTF-8 {quoted} > 新文件.ptg"),
            )
        }
        (EncodingGuess::Utf16 { little_endian, bom }, Lang::En) => {
            let order = if little_endian { "LE" } else { "BE" };
            let from = if bom { "" } else { order };
            (
                format!(
                    "file is UTF-16{order}{}, not UTF-8",
                    if bom { "" } else { " without a BOM" }
                ),
                format!("convert it: iconv -f UTF-16{from} -t UTF-8 {quoted} > new.ptg"),
            )
        }
        (EncodingGuess::Unknown { offset, line }, Lang::Zh) => (
            format!("文件不是 UTF-8 编码（第 {line} 行，字节偏移 {offset} 处无效）"),
            "请将文件另存为 UTF-8 编码".to_string(),
        ),
        (EncodingGuess::Unknown { offset, line }, Lang::En) => (
            format!("file is not valid UTF-8 (invalid byte at line {line}, byte offset {offset})"),
            "save the file as UTF-8".to_string(),
        ),
    };
    let (rule, code) = INVALID_ENCODING;
    Diagnostic::new(rule, code, Severity::Error, TextRange::default(), message).with_note(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("年度 2024".as_bytes().to_vec()),
            Decoded::Text("年度 2024".into())
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("年度".as_bytes());
        assert_eq!(decode(bom), Decoded::Text("年度".into()));
    }

    #[test]
    fn file_names_in_the_hint_are_one_shell_word() {
        assert_eq!(sh_quote("甲.ptg"), "'甲.ptg'");
        assert_eq!(
            sh_quote("a'; rm -rf ~; '.ptg"),
            r"'a'\''; rm -rf ~; '\''.ptg'"
        );
        let diag = encoding_diagnostic(EncodingGuess::Gb18030, "x'$(id)'.ptg", Lang::Zh);
        assert!(
            diag.notes[0].contains(r"'x'\''$(id)'\''.ptg'"),
            "{:?}",
            diag.notes
        );
    }

    #[test]
    fn gbk_is_recognised() {
        // "年度 2024\n部门" in GBK.
        let gbk = vec![
            0xC4, 0xEA, 0xB6, 0xC8, b' ', b'2', b'0', b'2', b'4', b'\n', 0xB2, 0xBF, 0xC3, 0xC5,
        ];
        assert_eq!(decode(gbk), Decoded::Invalid(EncodingGuess::Gb18030));
    }

    #[test]
    fn utf16_without_bom_is_not_mistaken_for_gbk() {
        let text = "年度 2024\n部门 \"某局\" {}\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(le),
            Decoded::Invalid(EncodingGuess::Utf16 {
                little_endian: true,
                bom: false
            })
        );
        assert_eq!(
            decode(be),
            Decoded::Invalid(EncodingGuess::Utf16 {
                little_endian: false,
                bom: false
            })
        );
        // A stray NUL in UTF-8 text is not UTF-16: the parser reports it.
        let nul = "年度 2024\n目\0标 \"x\"\n".as_bytes().to_vec();
        assert!(matches!(decode(nul), Decoded::Text(_)));
    }

    #[test]
    fn utf16_and_random_bytes() {
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'a', 0]),
            Decoded::Invalid(EncodingGuess::Utf16 {
                little_endian: true,
                bom: true
            })
        );
        assert_eq!(
            decode(vec![b'a', b'\n', 0xFF, 0xFF, 0xFF]),
            Decoded::Invalid(EncodingGuess::Unknown { offset: 2, line: 2 })
        );
    }
}
