//! Formatting a large document one top-level entity at a time, from its runs
//! ([`ptg_syntax::chunks`]): the tree of one department is built, printed, checked and
//! dropped before the next, so memory is the text, the output and one run's tree, not the
//! trees of the whole input and the whole output (about 30 times the text together).
//!
//! The output is [`crate::format_parsed`]'s exactly (`tests/runs.rs` checks it on every
//! fixture, and the `format` fuzz check on random documents). A document where a run
//! cannot be printed on its own is left to the whole path ([`Runs::new`] is `None`): a
//! syntax error, a top-level item other than an entity after the first entity (headers
//! move to the top of the file), a `# ptg: fmt off` region (it may span runs).

use ptg_syntax::ast::Item;
use ptg_syntax::chunks::Chunks;
use ptg_syntax::CommentPlacement;
use text_size::{TextRange, TextSize};

use crate::print::{self, Printer};
use crate::{verify, FormatError, FormatOptions};

/// A document ready to be formatted run by run, its headers parsed.
pub struct Runs<'t> {
    text: &'t str,
    chunks: Chunks<'t>,
    /// The items of the runs up to the first entity's (the headers and that entity).
    first: Vec<Item>,
    /// How many runs `first` spans.
    first_runs: usize,
}

impl<'t> Runs<'t> {
    /// `None` when the document needs the whole path (see the module's documentation).
    pub fn new(text: &'t str) -> Option<Runs<'t>> {
        let chunks = ptg_syntax::chunks::chunks(text)?;
        if chunks.is_empty()
            || chunks
                .directives()
                .any(|directive| directive.contains("fmt off") || directive.contains("fmt on"))
        {
            return None;
        }
        let mut first = Vec::new();
        let mut first_runs = 0;
        for run in 0..chunks.len() {
            let items = chunks.parse(run)?;
            first_runs = run + 1;
            let entity = items.iter().any(|item| matches!(item, Item::Entity(_)));
            first.extend(items);
            if entity {
                break;
            }
        }
        Some(Runs {
            text,
            chunks,
            first,
            first_runs,
        })
    }

    /// The top-level items before the first entity (the file's headers): what the
    /// category resolver's scheme comes from.
    pub fn headers(&self) -> impl Iterator<Item = &Item> + '_ {
        self.first
            .iter()
            .take_while(|item| !matches!(item, Item::Entity(_)))
    }

    /// The formatted document; `None` when a later run turns out to need the whole path
    /// (a syntax error in it, or a header after an entity).
    pub fn format(self, options: &FormatOptions<'_>) -> Option<Result<String, FormatError>> {
        let Runs {
            text,
            chunks,
            first,
            first_runs,
        } = self;
        let starts = print::line_starts(text);
        let text_end = TextSize::try_from(text.len()).ok()?;
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        // One piece at a time: its items, where its source starts, its last run.
        let mut piece = Some((first, TextSize::from(0), first_runs - 1));
        let mut next = first_runs;
        let mut continued = false;
        while let Some((items, start, last_run)) = piece.take() {
            let mut end = chunks.range(last_run).end();
            match next_piece(text, &chunks, next, end)? {
                Next::Piece(items, at) => {
                    end = at;
                    piece = Some((items, at, next));
                    next += 1;
                }
                // Only trivia after this run: they are this piece's (comments that end the
                // file print after its last item).
                Next::End => end = text_end,
            }
            let region = TextRange::new(start, end);
            let comments = chunks.comments_in(region);
            let refs: Vec<&Item> = items.iter().collect();
            let from = out.len();
            let mut printer = Printer::new(text, comments, &starts, options, out);
            printer.print_top(&refs, start, end, continued);
            out = printer.into_output();
            if let Err(err) = verify(text, comments, &items, &out[from..]) {
                return Some(Err(err));
            }
            continued = true;
        }
        print::end_output(&mut out);
        Some(Ok(out))
    }
}

/// What follows a piece whose last run ends at `end`.
enum Next {
    /// The entity of run `next`, and where its piece starts: after the comment on the line
    /// of the `}` that ends the previous piece (it trails that `}`), if there is one.
    Piece(Vec<Item>, TextSize),
    /// Nothing but trivia up to the end of the text.
    End,
}

/// `None` when run `next` has a syntax error or holds anything but one entity.
fn next_piece(text: &str, chunks: &Chunks<'_>, next: usize, end: TextSize) -> Option<Next> {
    if next >= chunks.len() {
        return Some(Next::End);
    }
    let items = chunks.parse(next)?;
    if items.is_empty() {
        // Only the last run can be empty: every other one ends with a `}`.
        return (next + 1 == chunks.len()).then_some(Next::End);
    }
    if items.len() > 1 || !matches!(items[0], Item::Entity(_)) {
        return None;
    }
    let range = chunks.range(next);
    let start = match chunks.comments_in(range).first() {
        Some(comment)
            if comment.placement == CommentPlacement::Trailing
                && !text[TextRange::new(end, comment.range.start())].contains('\n') =>
        {
            comment.range.end()
        }
        _ => end,
    };
    Some(Next::Piece(items, start))
}
