//! Two texts compared word by word: the runs they share and the runs only
//! one of them has, for the comparison of two versions of a communiqué.

use std::time::Duration;

use similar::{Algorithm, ChangeTag, TextDiff};

/// Past this, the comparison settles for a coarser answer rather than hold
/// the request (texts of a few thousand words take well under it).
const DEADLINE: Duration = Duration::from_millis(200);

/// A run of one text: its words, and whether the other text has them too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    /// Only this text has these words.
    pub changed: bool,
}

/// The two texts as runs, each marked where the other differs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    pub left: Vec<Run>,
    pub right: Vec<Run>,
    /// Words only the left text has, and only the right.
    pub left_only: usize,
    pub right_only: usize,
}

fn push(runs: &mut Vec<Run>, text: &str, changed: bool) {
    match runs.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => runs.push(Run {
            text: text.to_owned(),
            changed,
        }),
    }
}

/// Compares `left` and `right` word by word (spaces and punctuation are
/// tokens too, so the runs give the texts back exactly).
pub fn words(left: &str, right: &str) -> Comparison {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(DEADLINE)
        .diff_unicode_words(left, right);
    let mut out = Comparison::default();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let word = text.chars().any(char::is_alphanumeric);
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut out.left, text, false);
                push(&mut out.right, text, false);
            }
            // A space or a sign alone joins the marked run it follows, or
            // stays unmarked: a mark around nothing shows nothing.
            ChangeTag::Delete => {
                let marked = word || out.left.last().is_some_and(|r| r.changed);
                push(&mut out.left, text, marked);
                out.left_only += usize::from(word);
            }
            ChangeTag::Insert => {
                let marked = word || out.right.last().is_some_and(|r| r.changed);
                push(&mut out.right, text, marked);
                out.right_only += usize::from(word);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(runs: &[Run]) -> String {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    fn changed(runs: &[Run]) -> Vec<&str> {
        runs.iter()
            .filter(|r| r.changed)
            .map(|r| r.text.trim())
            .collect()
    }

    #[test]
    fn the_words_that_differ_are_marked_on_their_side() {
        let left = "Le ministre a reçu mardi l’ambassadeur du Japon.";
        let right = "Le ministre a reçu jeudi l’ambassadeur du Japon à Bamako.";
        let c = words(left, right);
        assert_eq!(text(&c.left), left, "the runs give the text back");
        assert_eq!(text(&c.right), right);
        assert_eq!(changed(&c.left), ["mardi"]);
        assert_eq!(changed(&c.right), ["jeudi", "à Bamako"]);
        assert_eq!((c.left_only, c.right_only), (1, 3));
    }

    #[test]
    fn the_same_text_has_nothing_marked() {
        let c = words(
            "Un texte.\n\nDeux paragraphes.",
            "Un texte.\n\nDeux paragraphes.",
        );
        assert!(changed(&c.left).is_empty() && changed(&c.right).is_empty());
        assert_eq!((c.left_only, c.right_only), (0, 0));
    }
}
