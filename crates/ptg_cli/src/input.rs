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
    /// UTF-16 with a byte-order mark.
    Utf16 { little_endian: bool },
    /// Mostly valid GBK/GB18030 double-byte sequences.
    Gb18030,
    /// Something else; the first invalid byte is at this offset.
    Unknown { offset: usize, line: usize },
}

pub fn decode(bytes: Vec<u8>) -> Decoded {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Decoded::Invalid(EncodingGuess::Utf16 {
            little_endian: true,
        });
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Decoded::Invalid(EncodingGuess::Utf16 {
            little_endian: false,
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

/// The `invalid-encoding` diagnostic for a file, at line 1.
pub fn encoding_diagnostic(guess: EncodingGuess, filename: &str, lang: Lang) -> Diagnostic {
    let (message, help) = match (guess, lang) {
        (EncodingGuess::Gb18030, Lang::Zh) => (
            "文件不是 UTF-8 编码，看起来是 GBK/GB18030".to_string(),
            format!("转换为 UTF-8 后再检查：iconv -f GB18030 -t UTF-8 '{filename}' > 新文件.ptg（或在编辑器中“以 UTF-8 编码保存”）"),
        ),
        (EncodingGuess::Gb18030, Lang::En) => (
            "file is not UTF-8; it looks like GBK/GB18030".to_string(),
            format!("convert it to UTF-8 and check again: iconv -f GB18030 -t UTF-8 '{filename}' > new.ptg (or \"save with encoding UTF-8\" in your editor)"),
        ),
        (EncodingGuess::Utf16 { little_endian }, Lang::Zh) => (
            format!("文件是 UTF-16{} 编码，不是 UTF-8", if little_endian { "LE" } else { "BE" }),
            format!("转换为 UTF-8：iconv -f UTF-16 -t UTF-8 '{filename}' > 新文件.ptg"),
        ),
        (EncodingGuess::Utf16 { little_endian }, Lang::En) => (
            format!("file is UTF-16{}, not UTF-8", if little_endian { "LE" } else { "BE" }),
            format!("convert it: iconv -f UTF-16 -t UTF-8 '{filename}' > new.ptg"),
        ),
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
    fn gbk_is_recognised() {
        // "年度 2024\n部门" in GBK.
        let gbk = vec![
            0xC4, 0xEA, 0xB6, 0xC8, b' ', b'2', b'0', b'2', b'4', b'\n', 0xB2, 0xBF, 0xC3, 0xC5,
        ];
        assert_eq!(decode(gbk), Decoded::Invalid(EncodingGuess::Gb18030));
    }

    #[test]
    fn utf16_and_random_bytes() {
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'a', 0]),
            Decoded::Invalid(EncodingGuess::Utf16 {
                little_endian: true
            })
        );
        assert_eq!(
            decode(vec![b'a', b'\n', 0xFF, 0xFF, 0xFF]),
            Decoded::Invalid(EncodingGuess::Unknown { offset: 2, line: 2 })
        );
    }
}
