//! Linting a document one top-level entity at a time, from its runs
//! ([`ptg_syntax::chunks`]): the tree of one department is built, checked and dropped
//! before the next. Peak memory is the text, its tokens and the findings, not the tree of
//! the whole file (about 14 times the text), and the runs can go to several threads.
//!
//! The result is [`crate::lint`]'s exactly (`tests/stream.rs` checks it on every
//! fixture and on generated documents). A document where a run cannot stand for itself
//! is left to the whole path (`None`): a syntax error, a header after the first entity
//! (headers apply to the whole file), a file-wide suppression (`allow-file`).

use ptg_diagnostics::{sort, Diagnostic};
use ptg_syntax::ast::{Item, SourceFile};
use ptg_syntax::chunks::Chunks;
use ptg_syntax::trivia::Comment;
use ptg_syntax::Parse;
use text_size::{TextRange, TextSize};

use crate::engine::{lint, lint_with_line_starts, LintSettings, PARALLEL_MIN_BYTES};

/// [`crate::lint`] computed run by run, on up to `threads` threads; `None` for a
/// document that needs the whole parse.
pub fn lint_in_chunks(
    text: &str,
    settings: &LintSettings,
    threads: usize,
) -> Option<Vec<Diagnostic>> {
    let chunks = ptg_syntax::chunks::chunks(text)?;
    if chunks
        .directives()
        .any(|directive| directive.contains("allow-file"))
    {
        return None;
    }
    // The headers: every top-level item that is not an entity, all before the first
    // entity. Runs are parsed in order up to the run of the first entity.
    let mut headers: Vec<Item> = Vec::new();
    let mut first = None;
    for run in 0..chunks.len() {
        let mut entity = None;
        for item in chunks.parse(run)? {
            match item {
                Item::Entity(_) if entity.is_none() => entity = Some(item),
                _ if entity.is_some() => return None,
                _ => headers.push(item),
            }
        }
        if let Some(entity) = entity {
            first = Some((run, entity));
            break;
        }
    }
    let mut findings = Vec::new();
    let mut regions = Vec::new();
    let starts = ptg_semantic::model::line_starts(text);
    let cx = Cx {
        chunks: &chunks,
        text,
        settings,
        headers: &headers,
        starts: &starts,
    };
    if let Some((run, entity)) = first {
        let (found, region) = lint_entity(&cx, run, entity);
        findings.extend(found);
        regions.push(region);
        let rest: Vec<usize> = (run + 1..chunks.len()).collect();
        let threads = if text.len() < PARALLEL_MIN_BYTES {
            1
        } else {
            threads.clamp(1, rest.len().max(1))
        };
        let share = rest.len().div_ceil(threads).max(1);
        let work = |runs: &[usize]| lint_runs(&cx, runs);
        let done: Vec<Option<(Vec<Diagnostic>, Vec<TextRange>)>> = if threads <= 1 {
            vec![work(&rest)]
        } else {
            std::thread::scope(|scope| {
                let workers: Vec<_> = rest
                    .chunks(share)
                    .map(|runs| scope.spawn(move || work(runs)))
                    .collect();
                workers
                    .into_iter()
                    .map(|worker| match worker.join() {
                        Ok(done) => done,
                        Err(panic) => std::panic::resume_unwind(panic),
                    })
                    .collect()
            })
        };
        for part in done {
            let (found, part_regions) = part?;
            findings.extend(found);
            regions.extend(part_regions);
        }
    }
    // The headers, with every comment outside the entities' regions.
    let outside: Vec<Comment> = chunks
        .comments()
        .iter()
        .filter(|c| {
            let at = regions.partition_point(|r: &TextRange| r.end() <= c.range.start());
            regions.get(at).is_none_or(|r| !r.contains_range(c.range))
        })
        .cloned()
        .collect();
    let parse = mini_parse(text, headers, None, outside);
    findings.extend(lint(text, &parse, settings));
    sort(&mut findings);
    Some(findings)
}

/// What every run's lint shares.
struct Cx<'a> {
    chunks: &'a Chunks<'a>,
    text: &'a str,
    settings: &'a LintSettings,
    headers: &'a [Item],
    starts: &'a [TextSize],
}

/// The runs after the first entity's: each holds one entity or nothing (trivia at the
/// end); `None` for a syntax error or a header among them.
fn lint_runs(cx: &Cx<'_>, runs: &[usize]) -> Option<(Vec<Diagnostic>, Vec<TextRange>)> {
    let mut findings = Vec::new();
    let mut regions = Vec::new();
    for &run in runs {
        let mut items = cx.chunks.parse(run)?;
        if items.is_empty() {
            continue;
        }
        if items.len() > 1 || !matches!(items[0], Item::Entity(_)) {
            return None;
        }
        let entity = items.pop()?;
        let (found, region) = lint_entity(cx, run, entity);
        findings.extend(found);
        regions.push(region);
    }
    Some((findings, regions))
}

/// The findings of one entity: [`lint`] on the headers and the entity, with the
/// comments of its region (from the end of the headers in its run, or the run's start,
/// to the run's end), kept where they lie in that region: the headers' own findings come
/// from the headers' lint.
fn lint_entity(cx: &Cx<'_>, run: usize, entity: Item) -> (Vec<Diagnostic>, TextRange) {
    let range = cx.chunks.range(run);
    let start = cx
        .headers
        .iter()
        .map(|item| item.range().end())
        .filter(|end| range.contains(*end))
        .max()
        .unwrap_or(range.start());
    let region = TextRange::new(start, range.end());
    let comments = cx.chunks.comments_in(region).to_vec();
    let parse = mini_parse(cx.text, cx.headers.to_vec(), Some(entity), comments);
    let mut found = lint_with_line_starts(cx.text, &parse, cx.settings, cx.starts);
    found.retain(|d| region.contains_range(d.primary.range));
    (found, region)
}

/// A parse of the headers and at most one entity, with `comments`.
fn mini_parse(
    text: &str,
    mut items: Vec<Item>,
    entity: Option<Item>,
    comments: Vec<Comment>,
) -> Parse {
    items.extend(entity);
    Parse {
        file: SourceFile {
            items,
            range: TextRange::up_to(TextSize::try_from(text.len()).unwrap_or_default()),
        },
        errors: Vec::new(),
        comments,
    }
}
