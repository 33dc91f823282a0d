//! docs/configuration.md: its complete example is tests/config/full.toml, and every TOML
//! block in it parses without a diagnostic.

use std::path::PathBuf;

use ptg_config::parse;
use ptg_diagnostics::Lang;

fn read(path: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn toml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim() == "```toml" => current = Some(String::new()),
            Some(block) if line.trim() == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[test]
fn complete_example_is_the_fixture() {
    let docs = read("docs/configuration.md");
    let blocks = toml_blocks(&docs);
    assert_eq!(blocks[0], read("tests/config/full.toml"));
}

#[test]
fn every_block_is_clean() {
    let docs = read("docs/configuration.md");
    let blocks = toml_blocks(&docs);
    assert!(blocks.len() >= 3);
    for block in blocks {
        for lang in [Lang::Zh, Lang::En] {
            let (_, diags) = parse(&block, lang);
            assert!(diags.is_empty(), "{block}\n{diags:#?}");
        }
    }
}
