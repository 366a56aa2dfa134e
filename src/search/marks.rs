//! Which of a snippet's highlighted words to mark. Tantivy highlights every
//! word of a query wherever it is, so a phrase with a common word ("conseil
//! des ministres") marked every "de" of a passage; a phrase's words are
//! marked where they stand in the phrase's order, side by side (spaces,
//! punctuation and elided articles between them), and a word the query
//! also asks for on its own wherever it is.

use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

/// The query's phrases and its words asked for on their own.
#[derive(Clone)]
pub struct PhraseMarks {
    /// Each phrase of two words or more, as stems (as the index holds them).
    phrases: Vec<Vec<String>>,
    /// Stems asked for on their own, sorted.
    free: Vec<String>,
    /// The index's analyzer, to read a marked word's stem.
    analyzer: TextAnalyzer,
}

impl PhraseMarks {
    /// For a query whose terms are `terms` (each stem, and whether the
    /// query needs its positions: a phrase's word) and whose text is `q`
    /// (phrases between double quotes); None when it has no phrase of two
    /// words or more.
    pub fn new(
        mut analyzer: TextAnalyzer,
        terms: impl IntoIterator<Item = (String, bool)>,
        q: &str,
    ) -> Option<Self> {
        let mut free: Vec<String> = terms
            .into_iter()
            .filter(|(_, positions)| !positions)
            .map(|(stem, _)| stem)
            .collect();
        free.sort();
        free.dedup();
        // Between the first and second quote, the third and fourth…
        let phrases: Vec<Vec<String>> = q
            .split('"')
            .skip(1)
            .step_by(2)
            .map(|phrase| stems(&mut analyzer, phrase))
            .filter(|stems| stems.len() >= 2)
            .collect();
        (!phrases.is_empty()).then_some(Self {
            phrases,
            free,
            analyzer,
        })
    }

    /// The ranges of `fragment` to mark, of those tantivy `highlighted`.
    pub fn keep(&self, fragment: &str, highlighted: &[Range<usize>]) -> Vec<Range<usize>> {
        let mut analyzer = self.analyzer.clone();
        let mut kept = Vec::with_capacity(highlighted.len());
        // Runs of marked words side by side, each word with its stem.
        let mut run: Vec<(Range<usize>, String)> = Vec::new();
        for r in highlighted {
            let Some(word) = fragment.get(r.clone()) else {
                continue;
            };
            let joined = run
                .last()
                .is_some_and(|(last, _)| fragment.get(last.end..r.start).is_some_and(adjacent));
            if !joined {
                self.keep_run(&mut run, &mut kept);
            }
            let stem = stems(&mut analyzer, word)
                .into_iter()
                .next()
                .unwrap_or_default();
            run.push((r.clone(), stem));
        }
        self.keep_run(&mut run, &mut kept);
        kept
    }

    /// Moves to `kept` the words of `run` that stand in a phrase, or that
    /// the query asks for on their own.
    fn keep_run(&self, run: &mut Vec<(Range<usize>, String)>, kept: &mut Vec<Range<usize>>) {
        let mut mark: Vec<bool> = run
            .iter()
            .map(|(_, stem)| self.free.binary_search(stem).is_ok())
            .collect();
        for phrase in &self.phrases {
            for (start, here) in run.windows(phrase.len()).enumerate() {
                if here.iter().zip(phrase).all(|((_, stem), p)| stem == p) {
                    mark[start..start + phrase.len()].fill(true);
                }
            }
        }
        for ((r, _), marked) in run.drain(..).zip(mark) {
            if marked {
                kept.push(r);
            }
        }
    }
}

/// The stems `analyzer` reads in `text`.
fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut stems = Vec::new();
    while stream.advance() {
        stems.push(stream.token().text.clone());
    }
    stems
}

/// What lies between two words of a phrase as written: spaces and
/// punctuation, and elided articles ("Conseil de l'Union").
fn adjacent(gap: &str) -> bool {
    gap.chars().count() <= 4
        && gap
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| super::ELISIONS.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> TextAnalyzer {
        super::super::analyzer(true)
    }

    /// The query's terms as tantivy lists them: each word's stem, and
    /// whether it is a phrase's.
    fn terms(words: &[(&str, bool)]) -> Vec<(String, bool)> {
        let mut a = analyzer();
        words
            .iter()
            .map(|(w, phrase)| {
                let mut stream = a.token_stream(w);
                assert!(stream.advance(), "{w}");
                (stream.token().text.clone(), *phrase)
            })
            .collect()
    }

    /// The ranges tantivy would give: every word of `words` in `text`.
    fn every(text: &str, words: &[&str]) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let mut at = 0;
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            let start = text[at..].find(w).map(|i| at + i).unwrap_or(at);
            if !w.is_empty() && words.iter().any(|x| x.eq_ignore_ascii_case(w)) {
                ranges.push(start..start + w.len());
            }
            at = start + w.len();
        }
        ranges
    }

    fn marked(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
        ranges.iter().map(|r| text[r.clone()].to_owned()).collect()
    }

    #[test]
    fn a_phrase_word_is_marked_where_the_phrase_is_not_alone() {
        let marks = PhraseMarks::new(
            analyzer(),
            terms(&[("conseil", true), ("des", true), ("ministres", true)]),
            "\"conseil des ministres\"",
        )
        .expect("a phrase");
        let text = "Les éleveurs de la zone de Kita. Le rapport sera transmis au Conseil des Ministres avant la fin du mois de juin.";
        let kept = marks.keep(text, &every(text, &["de", "des", "conseil", "ministres"]));
        assert_eq!(marked(text, &kept), ["Conseil", "des", "Ministres"]);
        // Words of the phrase beside it, but not in it.
        let text = "la présentation des Conseil des Ministres de la veille";
        let kept = marks.keep(text, &every(text, &["de", "des", "conseil", "ministres"]));
        assert_eq!(marked(text, &kept), ["Conseil", "des", "Ministres"]);
        // In the wrong order.
        let text = "des Ministres du Conseil des Ministres";
        let kept = marks.keep(text, &every(text, &["des", "conseil", "ministres"]));
        assert_eq!(marked(text, &kept), ["Conseil", "des", "Ministres"]);
    }

    #[test]
    fn free_words_stay_marked_and_elisions_join_a_phrase() {
        let marks = PhraseMarks::new(
            analyzer(),
            terms(&[
                ("commission", true),
                ("de", true),
                ("union", true),
                ("santé", false),
            ]),
            "\"commission de l'Union\" santé",
        )
        .expect("a phrase");
        let text = "La santé de tous, dit la Commission de l'Union, et la commission seule.";
        let kept = marks.keep(text, &every(text, &["santé", "de", "commission", "union"]));
        assert_eq!(marked(text, &kept), ["santé", "Commission", "de", "Union"]);
    }

    #[test]
    fn without_a_phrase_every_mark_stays() {
        let free = || terms(&[("conseil", false), ("ministres", false)]);
        assert!(PhraseMarks::new(analyzer(), free(), "conseil ministres").is_none());
        // A phrase of one word is a word.
        assert!(PhraseMarks::new(analyzer(), free(), "\"conseil\" ministres").is_none());
    }
}
