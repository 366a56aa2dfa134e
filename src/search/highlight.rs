//! The fragment of a text a snippet shows, and its words that match the
//! search: what tantivy's `SnippetGenerator` computes (the same words, the
//! same fragments, the same scores), without running the analyzer over every
//! word. Tantivy lower-cases, folds, filters and stems each word of the text
//! to compare it with the query's stems, which was a tenth of a search's
//! time; most words cannot stem to any of them, and their first letters say
//! so.
//!
//! A Snowball stem keeps the start of its words but for its last two letters
//! at most ("cheval" for "chevaux", "kai" for "Kaya"). A word whose folded
//! letters do not start with a term's key is not stemmed: only whether the
//! analyzer would drop it (too long, an elided article) is asked, since that
//! moves where fragments start. Letters are compared as long as their
//! folding is known (ASCII, and the accented Latin letters of `plain`); a
//! word with another letter before the key is decided by the analyzer
//! itself.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher, Term};

use super::ELISIONS;

/// Words of this many bytes or more are not indexed (`RemoveLongFilter`).
const LONGEST_WORD: usize = 40;

/// The longest elision, in characters: a longer word is never dropped as one
/// (lower-casing and folding never shorten a word).
const LONGEST_ELISION: usize = 7;

/// A query's terms in one field, ready to find in texts.
#[derive(Clone)]
pub struct Highlighter {
    /// Each term's text and weight, `1 / (1 + documents holding it)`, as
    /// tantivy's snippets weigh them; terms no document holds are left out.
    terms: BTreeMap<String, Score>,
    /// The letters a folded word starts with when it may stem to a term.
    keys: Vec<Vec<u8>>,
    /// The field's analyzer, for the words that may match.
    analyzer: TextAnalyzer,
    /// A fragment's length, in bytes of the text.
    max_bytes: usize,
}

/// A fragment of a text, and the ranges of it that match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet<'a> {
    pub fragment: &'a str,
    /// Byte ranges of `fragment`, in order.
    pub highlighted: Vec<Range<usize>>,
}

/// A fragment being read: its bounds in the text, its score, its matches.
struct Candidate {
    score: Score,
    start: usize,
    stop: usize,
    highlighted: Vec<Range<usize>>,
}

impl Candidate {
    fn new(start: usize) -> Self {
        Self {
            score: 0.0,
            start,
            stop: start,
            highlighted: Vec::new(),
        }
    }

    /// Does `self` beat `other`? The higher score; of equals, the one that
    /// starts (then ends) first, as tantivy chooses.
    fn beats(&self, other: &Self) -> bool {
        match self.score.partial_cmp(&other.score) {
            Some(std::cmp::Ordering::Greater) => true,
            Some(std::cmp::Ordering::Less) => false,
            _ => (self.start, self.stop) < (other.start, other.stop),
        }
    }
}

impl Highlighter {
    /// For the terms of `query` in `field`, weighed by `searcher`.
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        analyzer: TextAnalyzer,
        max_bytes: usize,
    ) -> tantivy::Result<Self> {
        let mut asked: BTreeSet<&Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                asked.insert(term);
            }
        });
        let mut terms = BTreeMap::new();
        for term in asked {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let documents = searcher.doc_freq(term)?;
            if documents > 0 {
                terms.insert(text.to_owned(), 1.0 / (1.0 + documents as Score));
            }
        }
        Ok(Self::of_terms(terms, analyzer, max_bytes))
    }

    /// For terms already weighed.
    pub fn of_terms(
        terms: BTreeMap<String, Score>,
        analyzer: TextAnalyzer,
        max_bytes: usize,
    ) -> Self {
        let mut keys: Vec<Vec<u8>> = terms.keys().map(|t| key(t)).collect();
        keys.sort();
        keys.dedup();
        Self {
            terms,
            keys,
            analyzer,
            max_bytes,
        }
    }

    /// The best fragment of `text`: the one whose matches weigh the most, the
    /// first of equals; empty when nothing in `text` matches.
    pub fn snippet<'a>(&self, text: &'a str) -> Snippet<'a> {
        let mut analyzer = self.analyzer.clone();
        let mut best: Option<Candidate> = None;
        let mut current = Candidate::new(0);
        for (from, to) in words(text) {
            let word = &text[from..to];
            let Some(weight) = self.read(&mut analyzer, word) else {
                continue;
            };
            if to - current.start > self.max_bytes {
                let next = Candidate::new(from);
                let done = std::mem::replace(&mut current, next);
                keep_better(&mut best, done);
            }
            current.stop = to;
            if let Some(weight) = weight {
                current.score += weight;
                current.highlighted.push(from..to);
            }
        }
        keep_better(&mut best, current);
        best.map_or_else(Snippet::default, |c| Snippet {
            fragment: &text[c.start..c.stop],
            highlighted: c
                .highlighted
                .iter()
                .map(|r| r.start - c.start..r.end - c.start)
                .collect(),
        })
    }

    /// How the analyzer reads `word`: None when it drops it, else the weight
    /// of the term it stems to, if any.
    fn read(&self, analyzer: &mut TextAnalyzer, word: &str) -> Option<Option<Score>> {
        if word.len() >= LONGEST_WORD {
            return None;
        }
        if self.keys.iter().any(|k| may_start_with(word, k)) {
            let mut stream = analyzer.token_stream(word);
            let token = stream.next()?;
            return Some(self.terms.get(&token.text).copied());
        }
        match is_elision(word) {
            Some(elided) => (!elided).then_some(None),
            // Folding may make an elision of it ("ĺ"): the analyzer says.
            None => analyzer.token_stream(word).next().map(|_| None),
        }
    }
}

/// Keeps in `best` the better of it and `candidate`, when `candidate`
/// matches anything.
fn keep_better(best: &mut Option<Candidate>, candidate: Candidate) {
    if candidate.score > 0.0 && best.as_ref().is_none_or(|b| !b.beats(&candidate)) {
        *best = Some(candidate);
    }
}

/// The letters every word that stems to `stem` starts with, folded: all but
/// its last two, its first at least. French Snowball rewrites no more than
/// the last two letters it keeps of a word ("chevaux" → "cheval", "heureuse"
/// → "heureux", "Kaya" → "kai", "évidemment" → "evident"), and never the
/// first but when it is the last ("y" → "i"). Shorter than
/// `passage::key`, which keeps short stems whole: a passage is only chosen
/// by its keys, where a word this one missed would be a mark missing.
fn key(stem: &str) -> Vec<u8> {
    let letters = stem.chars().count();
    let keep = if letters < 2 { 0 } else { (letters - 2).max(1) };
    let end = stem.char_indices().nth(keep).map_or(stem.len(), |(i, _)| i);
    stem.as_bytes()[..end].to_vec()
}

/// Could `word`, lower-cased and folded, start with `key`? No only when one
/// of its letters that fold to one ASCII letter (`plain`) differs, or it
/// ends, before any letter that does not.
fn may_start_with(word: &str, key: &[u8]) -> bool {
    let mut letters = word.chars();
    for &k in key {
        let Some(c) = letters.next() else {
            return false;
        };
        match plain(c) {
            Some(p) if p != k => return false,
            Some(_) => {}
            None => return true,
        }
    }
    true
}

/// The ASCII letter `c` is once lower-cased and folded, for ASCII and the
/// accented Latin letters of French and its neighbours; None for the others,
/// whose folding the analyzer alone knows.
fn plain(c: char) -> Option<u8> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase() as u8);
    }
    Some(match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => b'a',
        'ç' | 'Ç' => b'c',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => b'e',
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => b'i',
        'ñ' | 'Ñ' => b'n',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => b'o',
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => b'u',
        'ÿ' | 'ý' | 'Ÿ' | 'Ý' => b'y',
        _ => return None,
    })
}

/// Is `word` (not too long) an elided article or pronoun once lower-cased
/// and folded? None when one of its letters only the analyzer can fold.
fn is_elision(word: &str) -> Option<bool> {
    let mut folded = [0u8; LONGEST_ELISION];
    let mut len = 0;
    for c in word.chars() {
        if len == LONGEST_ELISION {
            // Folding never shortens a word.
            return Some(false);
        }
        folded[len] = plain(c)?;
        len += 1;
    }
    let folded = &folded[..len];
    Some(ELISIONS.iter().any(|e| e.as_bytes() == folded))
}

/// The byte ranges of `text`'s words, as tantivy's `SimpleTokenizer` cuts
/// them: runs of alphanumeric characters.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (from, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut to = text.len();
        for (i, c) in chars.by_ref() {
            if !c.is_alphanumeric() {
                to = i;
                break;
            }
        }
        Some((from, to))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::snippet::SnippetGenerator;

    fn french() -> TextAnalyzer {
        super::super::analyzer(true)
    }

    /// The stems of `words` weighed as `weights`, as a query holds them.
    fn terms(words: &[(&str, Score)]) -> BTreeMap<String, Score> {
        let mut analyzer = french();
        words
            .iter()
            .filter_map(|(w, score)| {
                let mut stream = analyzer.token_stream(w);
                stream.next().map(|t| (t.text.clone(), *score))
            })
            .collect()
    }

    /// A snippet's fragment and highlights.
    type Found = (String, Vec<Range<usize>>);

    /// Tantivy's snippet and ours.
    fn both(terms: &BTreeMap<String, Score>, text: &str, max: usize) -> (Found, Found) {
        let field =
            tantivy::schema::Schema::builder().add_text_field("text", tantivy::schema::TEXT);
        let theirs = SnippetGenerator::new(terms.clone(), french(), field, max).snippet(text);
        let ours = Highlighter::of_terms(terms.clone(), french(), max).snippet(text);
        (
            (theirs.fragment().to_owned(), theirs.highlighted().to_vec()),
            (ours.fragment.to_owned(), ours.highlighted),
        )
    }

    #[test]
    fn a_key_is_a_stem_but_its_last_two_letters() {
        assert_eq!(key("cheval"), b"chev");
        assert_eq!(key("kai"), b"k");
        assert_eq!(key("de"), b"d");
        assert_eq!(key("a"), b"");
        assert_eq!(key("évid"), "év".as_bytes());
    }

    #[test]
    fn elisions_are_known_without_the_analyzer_when_their_letters_are_plain() {
        assert_eq!(is_elision("L"), Some(true));
        assert_eq!(is_elision("Qu"), Some(true));
        assert_eq!(is_elision("à"), Some(false));
        assert_eq!(is_elision("où"), Some(false));
        assert_eq!(is_elision("lorsqu"), Some(true));
        assert_eq!(is_elision("lorsque"), Some(false));
        assert_eq!(is_elision("Anticonstitutionnel"), Some(false));
        assert_eq!(is_elision("ĺ"), None, "folded by the analyzer alone");
    }

    #[test]
    fn words_are_cut_as_tantivy_cuts_them() {
        let cut: Vec<&str> = words("L’État, 2024 — coopération-santé  «ok»")
            .map(|(a, b)| &"L’État, 2024 — coopération-santé  «ok»"[a..b])
            .collect();
        assert_eq!(cut, ["L", "État", "2024", "coopération", "santé", "ok"]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" ,; ").count(), 0);
    }

    #[test]
    fn a_word_is_stemmed_only_when_its_letters_may_start_a_key() {
        assert!(may_start_with("Coopération", b"cooper"));
        assert!(may_start_with("COOPERATIVES", b"cooper"));
        assert!(!may_start_with("Conseil", b"cooper"));
        assert!(!may_start_with("coop", b"cooper"), "ends before the key");
        assert!(may_start_with("Économie", b"econom"), "É is an e");
        assert!(may_start_with("coöpération", b"cooper"), "ö is an o");
        assert!(!may_start_with("coöp", b"cooper"), "ends before the key");
        assert!(
            !may_start_with("Secrétaire", b"sant"),
            "differs before the accent"
        );
        assert!(!may_start_with("sécurité", b"sant"), "é is an e");
        assert!(may_start_with("Sécurité", b"secur"));
        assert!(may_start_with("ŝa", b"sa"), "ŝ: the analyzer decides");
    }

    #[test]
    fn matches_tantivys_snippets_on_words_elisions_accents_and_long_words() {
        let text = "Le Président de la République a reçu l'ambassadeur de la République \
                    de Côte d'Ivoire. La coopération sanitaire et la coopération en matière \
                    de santé ont été évoquées, ainsi que l’État de droit. \
                    Anticonstitutionnellementanticonstitutionnellement ĺa santé. \
                    Les SANTÉS publiques, l'économie et les économies.";
        let queries: &[&[(&str, Score)]] = &[
            &[("coopération", 0.01), ("santé", 0.02)],
            &[("santé", 0.5)],
            &[("économie", 0.1), ("état", 0.3)],
            &[("république", 0.2), ("ambassadeur", 0.2)],
            &[("absent", 0.2)],
            &[("anticonstitutionnellementanticonstitutionnellement", 0.2)],
        ];
        for q in queries {
            let terms = terms(q);
            for max in [20, 60, 150, 240, 10_000] {
                let (theirs, ours) = both(&terms, text, max);
                assert_eq!(ours, theirs, "{q:?} in {max} bytes");
            }
        }
    }

    /// The stems of the dev set's texts (83 dumps of about 70 sources),
    /// searched for alone and beside others, highlights what tantivy's
    /// snippets do, in every paragraph and in the whole text.
    #[test]
    fn matches_tantivys_snippets_on_every_word_of_the_dev_set() {
        let raw = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev/raw");
        let mut files: Vec<_> = std::fs::read_dir(&raw)
            .expect("the dev set is in the repository")
            .map(|e| e.expect("a readable entry").path())
            .collect();
        files.sort();
        assert!(files.len() > 50, "{} dumps", files.len());
        let mut compared = 0;
        for path in files {
            let text = std::fs::read_to_string(&path).expect("a UTF-8 dump");
            let mut analyzer = french();
            let mut stems = BTreeSet::new();
            let mut stream = analyzer.token_stream(&text);
            while let Some(t) = stream.next() {
                stems.insert(t.text.clone());
            }
            let stems: Vec<String> = stems.into_iter().collect();
            // Every fourth stem, to keep the test quick in a debug build.
            for (i, stem) in stems.iter().enumerate().step_by(4) {
                let mut terms = BTreeMap::from([(stem.clone(), 0.5)]);
                if i % 3 == 0 {
                    // Beside two others, weighed apart.
                    terms.insert(stems[(i * 7 + 1) % stems.len()].clone(), 0.25);
                    terms.insert(stems[(i * 13 + 2) % stems.len()].clone(), 0.125);
                }
                let texts = std::iter::once(text.as_str()).chain(text.split("\n\n"));
                for t in texts.take(if i % 20 == 0 { usize::MAX } else { 1 }) {
                    let (theirs, ours) = both(&terms, t, 240);
                    assert_eq!(ours, theirs, "{} {terms:?}", path.display());
                    compared += 1;
                }
            }
        }
        assert!(compared > 4_000, "{compared} snippets compared");
    }
}
