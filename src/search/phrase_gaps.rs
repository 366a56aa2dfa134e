//! Function words inside a quoted phrase stand for any one word, as a stop
//! filter that keeps positions has them in Lucene's and Elasticsearch's
//! French analysis: "conseil des ministres" is "conseil", a word, then
//! "ministres". Such a word ("des", "la", "et") is in nearly every text:
//! intersecting its postings and reading where it stands in each text was
//! the largest part of a phrase search on the index. A phrase keeps its
//! first and last words, and an excluded phrase is kept as typed (it only
//! takes results away). Snippets are cut from the phrase as typed.

use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, Term};

use crate::domain::words::{WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/search.txt",
    include_str!("../../lexicon/words/search.txt"),
);

/// Words that, inside a phrase, any word may stand for.
static GAPS: WordList = WordList::new(&WORDS, "phrase_gaps");

/// A phrase of the query: its terms as the parser reads them, and those
/// kept, at their positions.
#[derive(Debug, Clone)]
struct Thinned {
    typed: Vec<Term>,
    kept: Vec<(usize, Term)>,
}

/// The phrases of a query that have function words inside them.
#[derive(Debug, Clone, Default)]
pub struct PhraseGaps(Vec<Thinned>);

/// (position, text) of each token of `text`.
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push((t.position, t.text.clone()));
    }
    out
}

impl PhraseGaps {
    /// The phrases of `q` (between double quotes) on `field`, whose terms
    /// the analyzer `stemmed` gives (the parser's) and whose words
    /// `folded` gives at the same positions.
    pub fn of(index: &Index, field: Field, q: &str) -> Self {
        let tokenizers = index.tokenizers();
        let (Some(mut stemmed), Some(mut folded)) =
            (tokenizers.get(super::FRENCH), tokenizers.get(super::FOLDED))
        else {
            return Self::default();
        };
        let mut thinned = Vec::new();
        for phrase in q.split('"').skip(1).step_by(2) {
            let stems = tokens(&mut stemmed, phrase);
            let words = tokens(&mut folded, phrase);
            if stems.len() < 3 || stems.len() != words.len() {
                continue;
            }
            let last = stems.len() - 1;
            let kept: Vec<(usize, Term)> = stems
                .iter()
                .zip(&words)
                .enumerate()
                .filter(|(i, (_, (_, word)))| *i == 0 || *i == last || !GAPS.contains(word))
                .map(|(_, ((position, stem), _))| (*position, Term::from_field_text(field, stem)))
                .collect();
            if kept.len() < stems.len() {
                thinned.push(Thinned {
                    typed: stems
                        .iter()
                        .map(|(_, stem)| Term::from_field_text(field, stem))
                        .collect(),
                    kept,
                });
            }
        }
        Self(thinned)
    }

    /// `query` with its phrases thinned; None when none is (the query is
    /// then run as it is, not copied).
    pub fn apply(&self, query: &dyn Query) -> Option<Box<dyn Query>> {
        if self.0.is_empty() {
            return None;
        }
        self.rewrite(query)
    }

    /// The query rewritten, or None when nothing in it changes.
    fn rewrite(&self, query: &dyn Query) -> Option<Box<dyn Query>> {
        if let Some(phrase) = query.downcast_ref::<PhraseQuery>() {
            let terms = phrase.phrase_terms();
            let thinned = self.0.iter().find(|t| t.typed == terms)?;
            return Some(Box::new(PhraseQuery::new_with_offset(thinned.kept.clone())));
        }
        let boolean = query.downcast_ref::<BooleanQuery>()?;
        let mut changed = false;
        let clauses = boolean
            .clauses()
            .iter()
            .map(|(occur, clause)| {
                let rewritten = match occur {
                    Occur::MustNot => None,
                    _ => self.rewrite(&**clause),
                };
                changed |= rewritten.is_some();
                (*occur, rewritten.unwrap_or_else(|| clause.box_clone()))
            })
            .collect();
        changed.then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }
}
