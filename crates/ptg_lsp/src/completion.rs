//! `textDocument/completion`: `ptg_ide` completions with their replace ranges converted.

use tower_lsp_server::lsp_types as lsp;

use ptg_ide::CompletionKind;

use crate::convert::{from_proto, to_proto};
use crate::server::Snapshot;

/// A space (after `体系`, a name, a comparator …) and `{` (a block's contents) open the
/// list; editors already open it while a word (digits included, for units) is typed.
pub const TRIGGER_CHARACTERS: &[&str] = &[" ", "{"];

pub(crate) fn completion(
    snapshot: &Snapshot,
    params: &lsp::CompletionParams,
) -> Option<lsp::CompletionResponse> {
    let cx = snapshot.cx();
    let offset = from_proto::offset(cx, params.text_document_position.position);
    let items: Vec<lsp::CompletionItem> = snapshot
        .doc
        .completions(offset)
        .into_iter()
        .map(|item| {
            let snippet = item.is_snippet && snapshot.caps.snippets;
            let new_text = if item.is_snippet && !snippet {
                snippet_to_plain(&item.insert_text)
            } else {
                item.insert_text
            };
            lsp::CompletionItem {
                label: item.label,
                kind: Some(kind(item.kind)),
                detail: item.detail,
                documentation: item.documentation.map(|value| {
                    lsp::Documentation::MarkupContent(lsp::MarkupContent {
                        kind: lsp::MarkupKind::Markdown,
                        value,
                    })
                }),
                sort_text: Some(item.sort_text),
                insert_text_format: Some(if snippet {
                    lsp::InsertTextFormat::SNIPPET
                } else {
                    lsp::InsertTextFormat::PLAIN_TEXT
                }),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
                    to_proto::range(cx, item.replace),
                    new_text,
                ))),
                ..lsp::CompletionItem::default()
            }
        })
        .collect();
    (!items.is_empty()).then_some(lsp::CompletionResponse::Array(items))
}

fn kind(kind: CompletionKind) -> lsp::CompletionItemKind {
    match kind {
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Field => lsp::CompletionItemKind::FIELD,
        CompletionKind::Category => lsp::CompletionItemKind::MODULE,
        CompletionKind::Unit => lsp::CompletionItemKind::UNIT,
        CompletionKind::Comparator => lsp::CompletionItemKind::OPERATOR,
        CompletionKind::Scheme => lsp::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Snippet => lsp::CompletionItemKind::SNIPPET,
        CompletionKind::Value => lsp::CompletionItemKind::VALUE,
    }
}

/// A snippet's text with every tab stop at its default (a choice at its first option), for
/// clients without snippet support.
fn snippet_to_plain(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    // Nesting of `${…}` placeholders we are inside of.
    let mut depth = 0u32;
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.extend(chars.next()),
            '}' if depth > 0 => depth -= 1,
            '$' if chars.peek() == Some(&'{') => {
                chars.next();
                while chars.next_if(char::is_ascii_digit).is_some() {}
                match chars.next() {
                    Some(':') => depth += 1,
                    Some('|') => {
                        // A choice `${1|a,b|}`: keep the first option.
                        let mut first = true;
                        while let Some(c) = chars.next() {
                            match c {
                                '\\' => {
                                    let escaped = chars.next();
                                    if first {
                                        out.extend(escaped);
                                    }
                                }
                                '|' => {
                                    chars.next_if_eq(&'}');
                                    break;
                                }
                                ',' => first = false,
                                c if first => out.push(c),
                                _ => {}
                            }
                        }
                    }
                    // `${1}`: nothing to insert.
                    _ => {}
                }
            }
            '$' if chars.peek().is_some_and(char::is_ascii_digit) => {
                while chars.next_if(char::is_ascii_digit).is_some() {}
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snippet_to_plain;

    #[test]
    fn snippets_become_their_defaults() {
        assert_eq!(
            snippet_to_plain("\"${1:指标}\" ≥ ${2:90}%$0"),
            "\"指标\" ≥ 90%"
        );
        assert_eq!(
            snippet_to_plain("${1|国家2021,河南|} {\n\t$0\n}"),
            "国家2021 {\n\t\n}"
        );
        assert_eq!(snippet_to_plain("${1:a ${2:b}} \\$5 $1"), "a b $5 ");
        assert_eq!(snippet_to_plain("${1}🙂"), "🙂");
    }
}
