//! The language server in process, spoken to in JSON-RPC over an in-memory pipe. Every
//! feature is exercised on a line holding Chinese text and an emoji, in each position
//! encoding where positions matter.
//!
//! The fixtures in `tests/fixtures/` were produced by the CLI: `satisfaction.fmt.ptg` is
//! `ptg fmt - < satisfaction.ptg`, `satisfaction.fix.ptg` is `ptg check --fix - <
//! satisfaction.ptg`.

mod support;

use std::time::Duration;

use ptg_lsp::ServerOptions;
use serde_json::{json, Value};
use support::{apply_edits, capabilities, column, range_of, slice, TestClient};

const SATISFACTION: &str = include_str!("fixtures/satisfaction.ptg");
const SATISFACTION_FMT: &str = include_str!("fixtures/satisfaction.fmt.ptg");
const SATISFACTION_FIX: &str = include_str!("fixtures/satisfaction.fix.ptg");

/// The line the satisfaction finding is on.
const LINE: &str = "        \"服务对象满意度🙂\" 95%";

/// A file URI in a directory that does not exist, so no `ptg.toml` is found.
fn uri(name: &str) -> String {
    format!("file:///nonexistent-ptg-lsp-tests/{name}")
}

async fn client_with(encodings: Option<&[&str]>) -> TestClient {
    TestClient::start(json!({ "capabilities": capabilities(encodings) })).await
}

fn satisfaction_finding(published: &Value) -> Value {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "satisfaction-needs-lower-bound")
        .cloned()
        .unwrap_or_else(|| panic!("no satisfaction finding in {published}"))
}

#[tokio::test]
async fn encodings_are_negotiated_and_diagnostics_cover_exactly_the_value() {
    let line_no = SATISFACTION
        .lines()
        .position(|line| line == LINE)
        .expect("the fixture has the line") as u64;
    let byte = LINE.find("95%").expect("the value");
    let cases: [(Option<&[&str]>, &str); 5] = [
        (None, "utf-16"),
        (Some(&["utf-16"]), "utf-16"),
        (Some(&["utf-8"]), "utf-8"),
        (Some(&["utf-32"]), "utf-32"),
        // Emacs 30 eglot's offer.
        (Some(&["utf-32", "utf-8", "utf-16"]), "utf-8"),
    ];
    for (offered, expected) in cases {
        let mut client = client_with(offered).await;
        assert_eq!(client.encoding, expected, "offered {offered:?}");
        let uri = uri("satisfaction.ptg");
        client.open(&uri, SATISFACTION).await;
        let published = client.diagnostics(&uri).await;
        assert_eq!(published["version"], 1);
        let diag = satisfaction_finding(&published);
        let start = column(LINE, byte, expected);
        let end = column(LINE, byte + "95%".len(), expected);
        assert_eq!(
            diag["range"],
            json!({
                "start": { "line": line_no, "character": start },
                "end": { "line": line_no, "character": end },
            }),
            "{expected}"
        );
        assert_eq!(slice(SATISFACTION, &diag["range"], expected), "95%");
        // The columns really differ between the encodings on this line.
        let expected_start = match expected {
            "utf-8" => 36,
            "utf-32" => 19,
            _ => 20,
        };
        assert_eq!(start, expected_start);
        assert_eq!(diag["severity"], 2);
        assert_eq!(diag["source"], "ptg");
        assert_eq!(
            diag["codeDescription"]["href"],
            "https://github.com/ptg-toolkit/ptg/blob/main/docs/rules/satisfaction-needs-lower-bound.md"
        );
        assert!(diag.get("tags").is_none_or(Value::is_null));
        let message = diag["message"].as_str().expect("message");
        assert!(message.contains("服务对象满意度🙂"), "{message}");
        // The secondary label (the indicator's name) is related information.
        let related = &diag["relatedInformation"][0];
        assert_eq!(related["location"]["uri"], uri.as_str());
        assert_eq!(
            slice(SATISFACTION, &related["location"]["range"], expected),
            "\"服务对象满意度🙂\""
        );
    }
}

#[tokio::test]
async fn incremental_changes_apply_in_order_with_emoji_and_crlf() {
    let original = SATISFACTION.replace('\n', "\r\n");
    for encoding in ["utf-16", "utf-8", "utf-32"] {
        let offered = [encoding];
        let mut client = client_with(Some(&offered)).await;
        assert_eq!(client.encoding, encoding);
        let uri = uri("crlf.ptg");
        client.open(&uri, &original).await;
        // Several changes in one notification, each against the text the previous one left:
        // an edit right after the emoji, a replacement of the value, a line break removed
        // (CRLF joined) and added back, an insertion past the end of a line (clamped), and
        // an insertion at a position computed from the already-changed text.
        let mut text = original.clone();
        let mut changes = Vec::new();
        let mut change = |text: &mut String, from: (usize, usize), new_text: &str| {
            let (l0, c0) = support::position(text, from.0, encoding);
            let (l1, c1) = support::position(text, from.1, encoding);
            changes.push(json!({
                "range": {
                    "start": { "line": l0, "character": c0 },
                    "end": { "line": l1, "character": c1 },
                },
                "text": new_text,
            }));
            text.replace_range(from.0..from.1, new_text);
        };
        let emoji_end = text.find("🙂\" 95%").expect("emoji") + '🙂'.len_utf8();
        change(&mut text, (emoji_end, emoji_end), "😀");
        let value = text.find("95%").expect("value");
        change(&mut text, (value, value + 3), "≥ 96%");
        let crlf = text.find("\r\n").expect("a line break");
        change(&mut text, (crlf, crlf + 2), "");
        change(&mut text, (crlf, crlf), "\r\n");
        let value = text.find("≥ 96%").expect("value");
        change(
            &mut text,
            (value + "≥ 96%".len(), value + "≥ 96%".len()),
            " # 好🙂",
        );
        client
            .notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": changes }),
            )
            .await;
        // One more change past the end of a line: the column clamps to the line's end.
        let line_no = text[..text.find("# 好🙂").expect("comment")]
            .matches('\n')
            .count();
        client
            .notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": uri, "version": 3 },
                    "contentChanges": [{
                        "range": {
                            "start": { "line": line_no, "character": 999 },
                            "end": { "line": line_no, "character": 999 },
                        },
                        "text": "！",
                    }],
                }),
            )
            .await;
        let at = text.find("# 好🙂").expect("comment") + "# 好🙂".len();
        text.insert(at, '！');
        let published = client.diagnostics(&uri).await;
        assert_eq!(published["version"], 3, "{published}");
        let (server_text, version) = client.server_document(&uri).expect("open");
        assert_eq!(version, 3);
        assert_eq!(server_text, text, "{encoding}");
        assert!(server_text.contains("\"服务对象满意度🙂😀\" ≥ 96% # 好🙂！\r\n"));
        // The fixed value no longer draws the finding.
        let diags = published["diagnostics"].as_array().expect("diagnostics");
        assert!(
            diags
                .iter()
                .all(|d| d["code"] != "satisfaction-needs-lower-bound"),
            "{published}"
        );
    }
}

#[tokio::test]
async fn full_sync_changes_replace_the_text() {
    let mut client = client_with(None).await;
    let uri = uri("full.ptg");
    client.open(&uri, "年度 2024\n").await;
    client.diagnostics(&uri).await;
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": 7 },
                "contentChanges": [{ "text": SATISFACTION }],
            }),
        )
        .await;
    let published = client.diagnostics(&uri).await;
    assert_eq!(published["version"], 7);
    satisfaction_finding(&published);
    assert_eq!(
        client.server_document(&uri),
        Some((SATISFACTION.to_string(), 7))
    );
}

/// The document with the project's 产出指标 emptied to `{  }` and a comment with Chinese
/// text and an emoji on that line.
fn with_empty_output_block() -> (String, (u32, u32)) {
    let start = SATISFACTION.find("    产出指标 {").expect("产出指标");
    let end = SATISFACTION[start..].find("\n    }\n").expect("its end") + start + "\n    }".len();
    let text = format!(
        "{}    产出指标 {{  }} # 产出🙂{}",
        &SATISFACTION[..start],
        &SATISFACTION[end..]
    );
    let cursor = text.find("产出指标 {  }").expect("block") + "产出指标 { ".len();
    (text.clone(), support::position(&text, cursor, "utf-16"))
}

#[tokio::test]
async fn completion_inside_an_output_block_offers_its_categories() {
    let mut client = client_with(None).await;
    let uri = uri("completion.ptg");
    let (text, cursor) = with_empty_output_block();
    client.open(&uri, &text).await;
    let response = client.at("textDocument/completion", &uri, cursor).await;
    let items = response["result"].as_array().expect("items");
    let mut labels: Vec<&str> = items
        .iter()
        .map(|item| item["label"].as_str().expect("label"))
        .collect();
    labels.sort_unstable();
    let mut expected = vec!["数量指标", "质量指标", "时效指标"];
    expected.sort_unstable();
    assert_eq!(labels, expected, "{response}");
    for item in items {
        let edit = &item["textEdit"];
        assert_eq!(edit["range"]["start"], edit["range"]["end"]);
        assert_eq!(
            edit["range"]["start"],
            json!({ "line": cursor.0, "character": cursor.1 })
        );
    }
    let triggers =
        &client.initialize_result["capabilities"]["completionProvider"]["triggerCharacters"];
    assert_eq!(triggers, &json!([" ", "{"]));
}

#[tokio::test]
async fn hover_explains_the_value_and_the_rule() {
    for encoding in ["utf-16", "utf-8"] {
        let offered = [encoding];
        let mut client = client_with(Some(&offered)).await;
        let uri = uri("hover.ptg");
        client.open(&uri, SATISFACTION).await;
        let value = SATISFACTION.find("95%").expect("value") + 1;
        let pos = support::position(SATISFACTION, value, encoding);
        let response = client.at("textDocument/hover", &uri, pos).await;
        let hover = &response["result"];
        assert_eq!(hover["contents"]["kind"], "markdown", "{response}");
        let markdown = hover["contents"]["value"].as_str().expect("markdown");
        assert!(
            markdown.contains("satisfaction-needs-lower-bound"),
            "{markdown}"
        );
        assert!(slice(SATISFACTION, &hover["range"], encoding).contains("95"));
    }
}

#[tokio::test]
async fn formatting_gives_the_text_of_ptg_fmt() {
    for encoding in ["utf-16", "utf-32"] {
        let offered = [encoding];
        let mut client = client_with(Some(&offered)).await;
        let uri = uri("fmt.ptg");
        client.open(&uri, SATISFACTION).await;
        let response = client
            .request(
                "textDocument/formatting",
                json!({
                    "textDocument": { "uri": uri },
                    "options": { "tabSize": 2, "insertSpaces": true },
                }),
            )
            .await;
        let formatted = apply_edits(SATISFACTION, &response["result"], encoding);
        assert_eq!(formatted, SATISFACTION_FMT);
    }
}

#[tokio::test]
async fn formatting_refuses_documents_with_syntax_errors() {
    let mut client = client_with(None).await;
    let uri = uri("broken.ptg");
    let broken = SATISFACTION.replace("≥165人", "≥≥ 🙂");
    client.open(&uri, &broken).await;
    let response = client
        .request(
            "textDocument/formatting",
            json!({
                "textDocument": { "uri": uri },
                "options": { "tabSize": 2, "insertSpaces": true },
            }),
        )
        .await;
    let error = &response["error"];
    assert_eq!(error["code"], -32803, "{response}");
    let message = error["message"].as_str().expect("message");
    assert!(message.contains("语法错误"), "{message}");
}

#[tokio::test]
async fn quick_fix_gives_the_text_of_ptg_check_fix() {
    for encoding in ["utf-16", "utf-8", "utf-32"] {
        let offered = [encoding];
        let mut client = client_with(Some(&offered)).await;
        let uri = uri("fix.ptg");
        client.open(&uri, SATISFACTION).await;
        let published = client.diagnostics(&uri).await;
        let diag = satisfaction_finding(&published);
        let response = client
            .request(
                "textDocument/codeAction",
                json!({
                    "textDocument": { "uri": uri },
                    "range": diag["range"],
                    "context": { "diagnostics": [diag], "only": ["quickfix"] },
                }),
            )
            .await;
        let actions = response["result"].as_array().expect("actions");
        let fix = actions
            .iter()
            .find(|a| {
                a["diagnostics"].as_array().is_some_and(|d| {
                    d.iter()
                        .any(|d| d["code"] == "satisfaction-needs-lower-bound")
                })
            })
            .unwrap_or_else(|| panic!("no quick fix in {response}"));
        assert_eq!(fix["kind"], "quickfix");
        assert!(fix["title"].as_str().expect("title").contains("≥ 95%"));
        let edits = &fix["edit"]["changes"][uri.as_str()];
        assert_eq!(apply_edits(SATISFACTION, edits, encoding), SATISFACTION_FIX);
        assert!(actions.iter().all(|a| a["kind"] == "quickfix"));
    }
}

#[tokio::test]
async fn fix_all_source_action() {
    let mut client = client_with(None).await;
    let fixall = uri("fixall.ptg");
    client.open(&fixall, SATISFACTION).await;
    let kinds = &client.initialize_result["capabilities"]["codeActionProvider"]["codeActionKinds"];
    assert!(kinds
        .as_array()
        .expect("kinds")
        .contains(&json!("source.fixAll.ptg")));
    let response = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": fixall },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [], "only": ["source.fixAll"] },
            }),
        )
        .await;
    let actions = response["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{response}");
    assert_eq!(actions[0]["kind"], "source.fixAll.ptg");
    let edits = &actions[0]["edit"]["changes"][fixall.as_str()];
    assert_eq!(apply_edits(SATISFACTION, edits, "utf-16"), SATISFACTION_FIX);
    // Nothing to fix: no action.
    let clean = uri("clean.ptg");
    client.open(&clean, SATISFACTION_FIX).await;
    let response = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": clean },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [], "only": ["source.fixAll.ptg"] },
            }),
        )
        .await;
    assert_eq!(response["result"], json!([]));
}

/// A client that supports `documentChanges` gets the fix as a versioned document edit, so
/// it can refuse it once the document has moved on; others get `changes`.
#[tokio::test]
async fn fixes_name_the_document_version_where_the_client_allows() {
    let mut caps = capabilities(None);
    caps["workspace"]["workspaceEdit"] = json!({ "documentChanges": true });
    let mut client = TestClient::start(json!({ "capabilities": caps })).await;
    let doc = uri("versioned.ptg");
    client.open(&doc, SATISFACTION).await;
    let ask = json!({
        "textDocument": { "uri": doc },
        "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
        "context": { "diagnostics": [], "only": ["source.fixAll.ptg"] },
    });
    let response = client.request("textDocument/codeAction", ask.clone()).await;
    let edit = &response["result"][0]["edit"];
    assert!(edit.get("changes").is_none_or(Value::is_null), "{edit}");
    let change = &edit["documentChanges"][0];
    assert_eq!(change["textDocument"]["uri"], json!(doc));
    assert_eq!(change["textDocument"]["version"], json!(1));
    assert_eq!(
        apply_edits(SATISFACTION, &change["edits"], "utf-16"),
        SATISFACTION_FIX
    );
    // After an edit, the fix is of version 2.
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": doc, "version": 2 },
                "contentChanges": [{ "text": format!("{SATISFACTION}\n") }],
            }),
        )
        .await;
    let response = client.request("textDocument/codeAction", ask).await;
    let change = &response["result"][0]["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["version"], json!(2), "{response}");
}

fn find_symbol<'a>(symbols: &'a Value, name: &str) -> Option<&'a Value> {
    for symbol in symbols.as_array()? {
        if symbol["name"] == name {
            return Some(symbol);
        }
        if let Some(found) = find_symbol(&symbol["children"], name) {
            return Some(found);
        }
    }
    None
}

#[tokio::test]
async fn document_symbols_are_hierarchical() {
    let mut client = client_with(Some(&["utf-32"])).await;
    let uri = uri("symbols.ptg");
    client.open(&uri, SATISFACTION).await;
    let response = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let symbols = &response["result"];
    let department = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .find(|s| s["name"] == "某区残疾人联合会")
        .unwrap_or_else(|| panic!("no department in {response}"));
    assert_eq!(department["kind"], 3, "a namespace");
    let project = find_symbol(&department["children"], "残疾儿童康复救助🙂")
        .unwrap_or_else(|| panic!("no project in {response}"));
    assert!(
        slice(SATISFACTION, &project["selectionRange"], "utf-32").contains("残疾儿童康复救助🙂")
    );
    let indicator = find_symbol(&project["children"], "服务对象满意度🙂")
        .unwrap_or_else(|| panic!("no indicator in {response}"));
    assert!(slice(SATISFACTION, &indicator["range"], "utf-32").contains("服务对象满意度🙂"));
    assert!(
        slice(SATISFACTION, &indicator["selectionRange"], "utf-32").contains("服务对象满意度🙂")
    );
}

#[tokio::test]
async fn document_symbols_are_flat_for_clients_without_hierarchy() {
    let mut caps = capabilities(None);
    caps["textDocument"]["documentSymbol"] = json!({});
    let mut client = TestClient::start(json!({ "capabilities": caps })).await;
    let uri = uri("flat.ptg");
    client.open(&uri, SATISFACTION).await;
    let response = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let symbols = response["result"].as_array().expect("symbols");
    let indicator = symbols
        .iter()
        .find(|s| s["name"] == "服务对象满意度🙂")
        .unwrap_or_else(|| panic!("no indicator in {response}"));
    assert_eq!(indicator["location"]["uri"], uri.as_str());
    assert!(indicator["containerName"].is_string());
}

#[tokio::test]
async fn folding_ranges_keep_closing_braces_visible() {
    let mut client = client_with(None).await;
    let uri = uri("folding.ptg");
    client.open(&uri, SATISFACTION).await;
    let response = client
        .request(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let folds = response["result"].as_array().expect("folds");
    let lines: Vec<&str> = SATISFACTION.lines().collect();
    let line_of =
        |needle: &str| lines.iter().position(|l| l.contains(needle)).expect(needle) as u64;
    // The project block: from its `{` line to the line before its `}`.
    let project = line_of("项目 \"残疾儿童康复救助🙂\"");
    let project_end = lines.len() as u64 - 2;
    assert!(
        folds
            .iter()
            .any(|f| f["startLine"] == project && f["endLine"] == project_end - 1),
        "{response}"
    );
    // The satisfaction block around the emoji line.
    let block = line_of("服务对象满意度指标 {");
    let line = line_of(LINE.trim());
    assert!(
        folds
            .iter()
            .any(|f| f["startLine"] == block && f["endLine"] == line),
        "{response}"
    );
    assert!(folds.iter().all(|f| f["startCharacter"].is_null()));
}

#[tokio::test]
async fn definition_goes_to_the_first_occurrence() {
    for encoding in ["utf-16", "utf-8"] {
        let offered = [encoding];
        let mut client = client_with(Some(&offered)).await;
        let uri = uri("definition.ptg");
        let text =
            SATISFACTION.replace(LINE, &format!("{LINE}\n        \"服务对象满意度🙂\" ≥ 90%"));
        client.open(&uri, &text).await;
        let second = text
            .match_indices("服务对象满意度🙂")
            .nth(1)
            .expect("twice")
            .0
            + 3;
        let pos = support::position(&text, second, encoding);
        let response = client.at("textDocument/definition", &uri, pos).await;
        let result = &response["result"];
        let location = if result.is_array() {
            &result[0]
        } else {
            result
        };
        assert_eq!(location["uri"], uri.as_str(), "{response}");
        let target = support::byte_range(&text, &location["range"], encoding);
        let first = text.find("服务对象满意度🙂").expect("once");
        assert!(
            target.0 <= first && first < target.1,
            "{response}: {:?}",
            &text[target.0..target.1]
        );
        assert_eq!(
            range_of(&text, "服务对象满意度🙂", 0, encoding)["start"]["line"],
            location["range"]["start"]["line"]
        );
    }
}

#[tokio::test]
async fn closing_a_document_clears_its_diagnostics() {
    let mut client = client_with(None).await;
    let uri = uri("close.ptg");
    client.open(&uri, SATISFACTION).await;
    let published = client.diagnostics(&uri).await;
    satisfaction_finding(&published);
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let cleared = client.diagnostics(&uri).await;
    assert_eq!(cleared["diagnostics"], json!([]));
    assert!(client.server_document(&uri).is_none());
    // Closed: requests get nothing.
    let response = client.at("textDocument/hover", &uri, (0, 0)).await;
    assert!(response["result"].is_null(), "{response}");
}

#[tokio::test]
async fn stale_versions_are_never_published() {
    let mut client = TestClient::start_with(
        ServerOptions {
            debounce: Duration::from_millis(50),
            ..ServerOptions::default()
        },
        json!({}),
    )
    .await;
    let uri = uri("stale.ptg");
    let change = |version: i32, text: &str| {
        json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }],
            },
        })
    };
    let open = json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": uri, "languageId": "ptg", "version": 1, "text": SATISFACTION } },
    });
    client
        .send_batch(vec![
            open,
            change(2, SATISFACTION_FMT),
            change(3, SATISFACTION_FIX),
        ])
        .await;
    let published = client
        .all_diagnostics_until_quiet(&uri, Duration::from_millis(500))
        .await;
    assert_eq!(published.len(), 1, "{published:?}");
    assert_eq!(published[0]["version"], 3);
    assert_eq!(published[0]["diagnostics"], json!([]));
}

#[tokio::test]
async fn without_debounce_versions_only_move_forward() {
    let mut client = client_with(None).await;
    let uri = uri("forward.ptg");
    client.open(&uri, SATISFACTION).await;
    for version in 2..=6 {
        let text = if version % 2 == 0 {
            SATISFACTION_FIX
        } else {
            SATISFACTION
        };
        client
            .notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "text": text }],
                }),
            )
            .await;
    }
    let published = client
        .all_diagnostics_until_quiet(&uri, Duration::from_millis(300))
        .await;
    let versions: Vec<i64> = published
        .iter()
        .map(|p| p["version"].as_i64().expect("version"))
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(versions.last(), Some(&6));
    // Version 6 is the fixed text: no finding.
    assert_eq!(published.last().expect("some")["diagnostics"], json!([]));
}

#[tokio::test]
async fn unknown_documents_get_nothing() {
    let mut client = client_with(None).await;
    let uri = uri("never-opened.ptg");
    for method in [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
    ] {
        let response = client.at(method, &uri, (0, 0)).await;
        assert!(response["result"].is_null(), "{method}: {response}");
        assert!(response.get("error").is_none(), "{method}: {response}");
    }
    for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
        let response = client
            .request(method, json!({ "textDocument": { "uri": uri } }))
            .await;
        assert!(response["result"].is_null(), "{method}: {response}");
    }
    let response = client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        )
        .await;
    assert!(response["result"].is_null(), "{response}");
    // A change to an unknown document is ignored, not adopted.
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": "年度 2024" }] }),
        )
        .await;
    let response = client.at("textDocument/hover", &uri, (0, 0)).await;
    assert!(response["result"].is_null());
    assert!(client.server_document(&uri).is_none());
}

#[tokio::test]
async fn language_from_initialization_options_and_locale() {
    let english_message = |published: &Value| {
        satisfaction_finding(published)["message"]
            .as_str()
            .expect("message")
            .to_string()
    };
    for params in [
        json!({ "initializationOptions": { "lang": "en" } }),
        json!({ "locale": "en-US" }),
    ] {
        let mut client = TestClient::start(params.clone()).await;
        let uri = uri("en.ptg");
        client.open(&uri, SATISFACTION).await;
        let message = english_message(&client.diagnostics(&uri).await);
        assert!(
            message.contains("satisfaction value"),
            "{params}: {message}"
        );
    }
    let mut client = TestClient::start(json!({ "locale": "fr" })).await;
    let uri = uri("zh.ptg");
    client.open(&uri, SATISFACTION).await;
    let message = english_message(&client.diagnostics(&uri).await);
    assert!(message.contains("满意度指标"), "{message}");
    // A configuration change switches the language and re-publishes.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "ptg": { "lang": "en" } } }),
        )
        .await;
    let message = english_message(&client.diagnostics(&uri).await);
    assert!(message.contains("satisfaction value"), "{message}");
}

/// A fresh directory under the system's temporary directory.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ptg-lsp-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn file_uri(path: &std::path::Path) -> String {
    use std::str::FromStr;
    use tower_lsp_server::UriExt;
    let uri = tower_lsp_server::lsp_types::Uri::from_file_path(path).expect("absolute");
    let text = uri.as_str().to_string();
    assert!(tower_lsp_server::lsp_types::Uri::from_str(&text).is_ok());
    text
}

#[tokio::test]
async fn ptg_toml_is_discovered_and_reloaded() {
    let root = temp_dir("config");
    let sub = root.join("子目录🙂");
    std::fs::create_dir_all(&sub).expect("sub dir");
    std::fs::write(root.join("ptg.toml"), "lang = \"en\"\n").expect("write");
    let path = sub.join("满意度.ptg");
    std::fs::write(&path, SATISFACTION).expect("write");
    let uri = file_uri(&path);

    let mut client = client_with(None).await;
    client.open(&uri, SATISFACTION).await;
    let published = client.diagnostics(&uri).await;
    let message = satisfaction_finding(&published)["message"].clone();
    assert!(message
        .as_str()
        .expect("message")
        .contains("satisfaction value"));

    // The closest ptg.toml wins: one in the document's own directory turns the rule off.
    std::fs::write(
        sub.join("ptg.toml"),
        "[rules]\nsatisfaction-needs-lower-bound = \"off\"\n",
    )
    .expect("write");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&sub.join("ptg.toml")), "type": 1 }] }),
        )
        .await;
    let published = client.diagnostics(&uri).await;
    assert_eq!(published["diagnostics"], json!([]), "{published}");

    // Overrides match the path relative to the ptg.toml's directory; a save re-reads it.
    std::fs::write(
        sub.join("ptg.toml"),
        "[[overrides]]\npath = \"满意度.ptg\"\n[overrides.rules]\nsatisfaction-needs-lower-bound = \"error\"\n",
    )
    .expect("write");
    client
        .notify(
            "textDocument/didSave",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let published = client.diagnostics(&uri).await;
    assert_eq!(
        satisfaction_finding(&published)["severity"],
        1,
        "{published}"
    );

    // Problems in ptg.toml are published on the file itself.
    std::fs::write(sub.join("ptg.toml"), "no-such-key = 1\n").expect("write");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&sub.join("ptg.toml")), "type": 2 }] }),
        )
        .await;
    let config = client.diagnostics(&file_uri(&sub.join("ptg.toml"))).await;
    assert_eq!(
        config["diagnostics"][0]["code"], "invalid-config",
        "{config}"
    );
    // Mended: its diagnostics are cleared.
    std::fs::write(sub.join("ptg.toml"), "lang = \"zh\"\n").expect("write");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&sub.join("ptg.toml")), "type": 2 }] }),
        )
        .await;
    let config = client.diagnostics(&file_uri(&sub.join("ptg.toml"))).await;
    assert_eq!(config["diagnostics"], json!([]), "{config}");
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn an_unreadable_ptg_toml_is_reported_and_the_defaults_used() {
    let root = temp_dir("gbk");
    // "体系" in GBK: not UTF-8.
    std::fs::write(root.join("ptg.toml"), b"# \xcc\xe5\xcf\xb5\n").expect("write");
    let path = root.join("满意度🙂.ptg");
    let uri = file_uri(&path);
    let mut client = client_with(None).await;
    client.open(&uri, SATISFACTION).await;
    let message = client.notification("window/showMessage").await;
    assert_eq!(message["type"], 2, "{message}");
    let text = message["message"].as_str().expect("message");
    assert!(
        text.contains("UTF-8") && text.contains("ptg.toml"),
        "{text}"
    );
    let published = client.diagnostics(&uri).await;
    satisfaction_finding(&published);
    let _ = std::fs::remove_dir_all(&root);
}

#[tokio::test]
async fn non_file_documents_use_the_defaults() {
    let mut client = client_with(None).await;
    let uri = "untitled:Untitled-1";
    client.open(uri, SATISFACTION).await;
    let published = client.diagnostics(uri).await;
    satisfaction_finding(&published);
}
