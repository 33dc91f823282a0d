//! `Model::build_around` models one top-level entity, for IDE features at one position.
//! Whatever it models must come out exactly as in the whole-file model: the same
//! categories and indicators, resolved the same way, under the same scheme.

#[path = "../../../tests/support/files.rs"]
pub mod files;

use ptg_semantic::{Model, ModelOptions};
use text_size::TextSize;

#[test]
fn the_model_around_an_offset_agrees_with_the_whole_model() {
    let options = ModelOptions::default();
    let mut compared = 0;
    for (path, text) in &files::repository_ptg_texts(env!("CARGO_MANIFEST_DIR")) {
        let text = text.as_str();
        let parse = ptg_syntax::parse(text);
        let whole = Model::build(text, &parse, &options);
        // Offsets: the start of every line.
        let offsets = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .map(|at| TextSize::try_from(at).unwrap());
        for offset in offsets {
            let around = Model::build_around(text, &parse, &options, offset);
            let what = || format!("{} at {offset:?}", path.display());
            assert_eq!(around.scheme, whole.scheme, "{}", what());
            assert_eq!(around.money_unit, whole.money_unit, "{}", what());
            assert_eq!(around.year, whole.year, "{}", what());
            for info in &around.categories {
                let same = whole
                    .categories
                    .iter()
                    .find(|w| std::ptr::eq(w.ast, info.ast))
                    .unwrap_or_else(|| panic!("{}: a category the whole model lacks", what()));
                assert_eq!(same.resolved, info.resolved, "{}", what());
                assert_eq!(same.scheme, info.scheme, "{}", what());
                assert_eq!(same.parent.is_some(), info.parent.is_some(), "{}", what());
                compared += 1;
            }
            for info in &around.indicators {
                let same = whole
                    .indicators
                    .iter()
                    .find(|w| std::ptr::eq(w.ast, info.ast))
                    .unwrap_or_else(|| panic!("{}: an indicator the whole model lacks", what()));
                assert_eq!(
                    (same.level1, same.level2, same.role, same.scheme),
                    (info.level1, info.level2, info.role, info.scheme),
                    "{}",
                    what()
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 1000, "only {compared} comparisons");
}
