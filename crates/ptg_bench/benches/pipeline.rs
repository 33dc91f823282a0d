//! Micro-benchmarks of each stage of `ptg check` and `ptg fmt` on one generated file of
//! 1k, 10k and 100k lines (seed 1), reported as bytes per second.
//!
//! ```text
//! cargo bench -p ptg_bench                      # everything
//! cargo bench -p ptg_bench -- lint              # one stage
//! PTG_BENCH_SIZES=1000,10000 cargo bench -p ptg_bench   # smaller sizes only
//! ```
//!
//! Stages: `lex` (logos tokens), `parse` (lex + trivia + chumsky parser + AST), `model`
//! (semantic model: schemes, units, money, dates), `lint` (model + every rule +
//! precedence + suppressions + severities; the parse is given), `check` (parse + lint:
//! what `ptg check` computes per file before rendering), `format` (`ptg_ide::format_text`:
//! printer + the safety re-parse; parse and model given).

use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use ptg_lint::LintSettings;
use ptg_semantic::{Model, ModelOptions};

const SIZES: &[usize] = &[1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

/// The sizes to run (`PTG_BENCH_SIZES=1000,10000` to skip the large one).
fn sizes() -> Vec<usize> {
    let wanted = std::env::var("PTG_BENCH_SIZES").ok();
    SIZES
        .iter()
        .copied()
        .filter(|n| {
            wanted
                .as_deref()
                .is_none_or(|list| list.split(',').any(|s| s.trim().parse() == Ok(*n)))
        })
        .collect()
}

fn corpus(lines: usize) -> &'static str {
    static CORPORA: OnceLock<Vec<(usize, String)>> = OnceLock::new();
    let all = CORPORA.get_or_init(|| {
        SIZES
            .iter()
            .map(|&n| (n, ptg_bench::single_file(1, n, ptg_bench::Format::Ptg)))
            .collect()
    });
    &all.iter()
        .find(|(n, _)| *n == lines)
        .expect("a known size")
        .1
}

#[divan::bench(args = sizes(), sample_count = 20, max_time = 5)]
fn lex(bencher: Bencher, lines: usize) {
    let text = corpus(lines);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| ptg_syntax::lex(black_box(text)));
}

#[divan::bench(args = sizes(), sample_count = 20, max_time = 5)]
fn parse(bencher: Bencher, lines: usize) {
    let text = corpus(lines);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| ptg_syntax::parse(black_box(text)));
}

#[divan::bench(args = sizes(), sample_count = 20, max_time = 5)]
fn model(bencher: Bencher, lines: usize) {
    let text = corpus(lines);
    let parse = ptg_syntax::parse(text);
    let options = ModelOptions::default();
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let model = Model::build(black_box(text), black_box(&parse), &options);
        black_box(model.projects.len())
    });
}

#[divan::bench(args = sizes(), sample_count = 20, max_time = 5)]
fn lint(bencher: Bencher, lines: usize) {
    let text = corpus(lines);
    let parse = ptg_syntax::parse(text);
    let settings = LintSettings::default();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| ptg_lint::lint(black_box(text), black_box(&parse), &settings));
}

#[divan::bench(args = sizes(), sample_count = 20, max_time = 5)]
fn check(bencher: Bencher, lines: usize) {
    let text = corpus(lines);
    let settings = LintSettings::default();
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let parse = ptg_syntax::parse(black_box(text));
        ptg_lint::lint(text, &parse, &settings)
    });
}

#[divan::bench(args = sizes(), sample_count = 20, max_time = 5)]
fn format(bencher: Bencher, lines: usize) {
    let text = corpus(lines);
    let parse = ptg_syntax::parse(text);
    let model = Model::build(text, &parse, &ModelOptions::default());
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        ptg_ide::format_text(black_box(text), black_box(&parse), &model).expect("formats")
    });
}

/// An offset in the middle of the file, right after the number of a value `≥ 90`, where
/// the unit is about to be typed: completion offers units there.
fn middle_of_a_value(text: &str) -> text_size::TextSize {
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let value = text[half..]
        .find("≥ ")
        .map_or(half, |i| half + i + "≥ ".len());
    let digits = text[value..]
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(0);
    text_size::TextSize::try_from(value + digits).expect("fits")
}

/// `ptg_ide` completion on an analysed snapshot (what the server does per request).
#[divan::bench(args = sizes(), sample_count = 20, max_time = 5)]
fn ide_completion(bencher: Bencher, lines: usize) {
    let text = corpus(lines);
    let doc = ptg_ide::Document::new(text.to_string(), LintSettings::default());
    let at = middle_of_a_value(text);
    assert!(!doc.completions(at).is_empty());
    bencher.bench(|| doc.completions(black_box(at)));
}

/// `ptg_ide` hover on an analysed snapshot.
#[divan::bench(args = sizes(), sample_count = 20, max_time = 5)]
fn ide_hover(bencher: Bencher, lines: usize) {
    let text = corpus(lines);
    let doc = ptg_ide::Document::new(text.to_string(), LintSettings::default());
    let at = middle_of_a_value(text);
    bencher.bench(|| doc.hover(black_box(at)));
}

/// `ptg_ide::Document::new`: what the server computes for each version of a document
/// (parse, lint with the rules on every core for a large document, line index).
#[divan::bench(args = sizes(), sample_count = 20, max_time = 5)]
fn ide_document(bencher: Bencher, lines: usize) {
    let text = corpus(lines);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| ptg_ide::Document::new(black_box(text).to_string(), LintSettings::default()));
}
