//! The paragraph of a hit's text that a snippet is cut from. Tantivy's
//! snippets run the whole analyzer (tokens, folding, stop words, stems) over
//! every word they are given, which was two fifths of a search's time; a
//! snippet is one passage, so it is given the paragraph where most of the
//! query's words are, found by comparing folded text.

use memchr::memmem::Finder;

use crate::domain::text::fold;

/// The query's words: each stem, and the start of it. A Snowball stem is
/// not always the start of its words ("cheval" for "chevaux", "heureux" for
/// "heureuse"), its first letters are; a paragraph with the whole stem
/// counts twice one with only its start ("san" is in "sanitaire" too).
#[derive(Debug, Clone, Default)]
pub struct Passages {
    /// Each stem and its start, as searchers (SIMD, several times faster
    /// than `str::contains` on a paragraph).
    keys: Vec<(Finder<'static>, Finder<'static>)>,
}

/// A stem's letters kept to look for it: all of a short one, else all but
/// the last two, three at least.
fn key(stem: &str) -> String {
    let chars: Vec<char> = stem.chars().collect();
    let keep = if chars.len() <= 3 {
        chars.len()
    } else {
        (chars.len() - 2).max(3)
    };
    chars[..keep].iter().collect()
}

impl Passages {
    /// For the stems (folded, as the index holds them) of a query.
    pub fn new<'a>(stems: impl IntoIterator<Item = &'a str>) -> Self {
        let mut stems: Vec<&str> = stems.into_iter().filter(|s| !s.is_empty()).collect();
        stems.sort_unstable();
        stems.dedup();
        let keys = stems
            .into_iter()
            .map(|s| {
                (
                    Finder::new(s).into_owned(),
                    Finder::new(&key(s)).into_owned(),
                )
            })
            .collect();
        Self { keys }
    }

    /// The paragraph of `text` (paragraphs are separated by a blank line)
    /// holding the most of the query's words, the first of equals; None
    /// when the text is one paragraph or none holds any word, and the whole
    /// text is to be read.
    pub fn best<'a>(&self, text: &'a str) -> Option<&'a str> {
        if self.keys.is_empty() {
            return None;
        }
        let all = 2 * self.keys.len();
        let mut best: Option<(&str, usize)> = None;
        let mut paragraphs = 0;
        for paragraph in text.split("\n\n") {
            paragraphs += 1;
            let folded = fold(paragraph);
            let folded = folded.as_bytes();
            let found: usize = self
                .keys
                .iter()
                .map(|(stem, start)| {
                    if stem.find(folded).is_some() {
                        2
                    } else {
                        usize::from(start.find(folded).is_some())
                    }
                })
                .sum();
            if found > best.map_or(0, |(_, n)| n) {
                best = Some((paragraph, found));
                if found == all {
                    // No later paragraph can do better than every word
                    // whole, and the first of equals wins: the rest of a
                    // long text is not folded.
                    return (paragraph.len() < text.len()).then_some(paragraph);
                }
            }
        }
        best.filter(|_| paragraphs > 1).map(|(p, _)| p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paragraph_with_most_of_the_words_is_chosen() {
        let text = "Le Président a reçu le ministre.\n\n\
                    La coopération sanitaire a été évoquée.\n\n\
                    La coopération en matière de santé et d'éducation fut au cœur des échanges.\n\n\
                    La santé encore.";
        let passages = Passages::new(["cooper", "sant"]);
        assert_eq!(
            passages.best(text),
            Some("La coopération en matière de santé et d'éducation fut au cœur des échanges.")
        );
        // Stems that are not the start of their word: "cheval" (chevaux).
        let passages = Passages::new(["cheval"]);
        assert_eq!(
            passages.best("Rien.\n\nDes CHEVAUX furent offerts."),
            Some("Des CHEVAUX furent offerts.")
        );
    }

    #[test]
    fn a_paragraph_with_every_word_whole_is_the_first_of_equals() {
        let passages = Passages::new(["cooper", "sant"]);
        let text = "La santé.\n\nCoopération et santé.\n\nSanté et coopération.";
        assert_eq!(passages.best(text), Some("Coopération et santé."));
        let text = "Coopération et santé.\n\nSanté et coopération.";
        assert_eq!(passages.best(text), Some("Coopération et santé."));
        assert_eq!(
            passages.best("Coopération et santé."),
            None,
            "one paragraph: the whole text"
        );
    }

    #[test]
    fn the_whole_text_is_read_when_no_paragraph_stands_out() {
        let passages = Passages::new(["cooper"]);
        assert_eq!(
            passages.best("Une seule coopération."),
            None,
            "one paragraph"
        );
        assert_eq!(passages.best("Ceci.\n\nCela."), None, "no word found");
        assert_eq!(
            Passages::new([]).best("Ceci.\n\nCela."),
            None,
            "no word asked"
        );
    }
}
