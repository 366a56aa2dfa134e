//! Turning what a user typed into a tantivy query, leniently: words are ANDed,
//! "quoted phrases", -exclusions and OR work, anything else is read as words.
//! When nothing matches, a retry tolerates typos (edit distance 1 for words of
//! up to five letters, 2 beyond).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, QueryParser, RangeQuery,
    TermQuery,
};
use tantivy::schema::IndexRecordOption;

use super::highlight::Highlighter;
use super::marks::PhraseMarks;
use super::passage::Passages;
use super::phrase_gaps::PhraseGaps;
use tantivy::{Searcher, Term};

use super::approximate::{self, Fuzzy, escape_into};
use super::build::day_of;
use super::facets::{Counts, pack_code, unpack_code};
use super::window::{self, Hit};
use super::{FOLDED, SearchError, SearchIndex};
use crate::domain::country::CountryCode;

/// Longest query read, in characters; beyond is a clear 400, not a slow search.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Words read from a query.
const MAX_WORDS: usize = 32;
/// Weight of the words found in a headline, over their weight in the text.
const HEADLINE_BOOST: f32 = 2.0;
/// The share of headlines beyond which a word is too common to rank them.
const COMMON_IN_HEADLINES: f64 = 0.25;
/// A snippet's length, in bytes of the text (tantivy's "characters").
const SNIPPET_BYTES: usize = 240;
/// Facet values returned per kind.
const FACET_VALUES: usize = 10;

/// What to search.
#[derive(Debug, Clone)]
pub struct Request {
    pub words: Words,
    /// A person id.
    pub person: Option<i64>,
    pub country: Option<CountryCode>,
    /// An issuer's slug.
    pub issuer: Option<String>,
    /// Inclusive dates.
    pub from: Option<time::Date>,
    pub to: Option<time::Date>,
    pub by_date: bool,
    pub offset: usize,
    pub limit: usize,
    /// Hits looked at, at most (`window::WINDOW` unless told otherwise).
    pub window: usize,
}

impl Default for Request {
    fn default() -> Self {
        Self {
            words: Words::default(),
            person: None,
            country: None,
            issuer: None,
            from: None,
            to: None,
            by_date: false,
            offset: 0,
            limit: 0,
            window: window::WINDOW,
        }
    }
}

/// What a search found.
pub struct Outcome {
    /// How many communiqués match when `exact`; otherwise how many the
    /// search looked at (`window::WINDOW`), and more match.
    pub total: usize,
    /// `total` is the number of matches, and the counts and the ranking
    /// cover them all. Otherwise they cover the `total` newest matches.
    pub exact: bool,
    /// Listed communiqué ids, best first (or newest first).
    pub ids: Vec<i64>,
    /// The typo-tolerant retry was used.
    pub approximate: bool,
    /// (code, hits)
    pub countries: Vec<(CountryCode, u64)>,
    /// (person id, hits)
    pub persons: Vec<(i64, u64)>,
    /// (year, hits), newest first
    pub years: Vec<(String, u64)>,
    /// What finds the query's words in a text, the paragraph of a text to
    /// give it, and which of the words to mark when the query has phrases.
    snippets: Option<(Highlighter, Passages, Option<PhraseMarks>)>,
    /// The typo-tolerant terms, when they found the results.
    fuzzy: Option<Fuzzy>,
}

impl Outcome {
    /// What the texts spell where an approximate search's words have typos:
    /// the "did you mean" of its page. None for exact results.
    pub fn suggestion<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
        self.fuzzy.as_ref()?.suggestion(texts)
    }

    /// The passage of `text` that best matches, escaped, the matched words in
    /// `<mark>`; empty when nothing matched in it.
    pub fn snippet_html(&self, text: &str) -> String {
        if let Some(fuzzy) = &self.fuzzy {
            return fuzzy.snippet_html(text);
        }
        let Some((g, passages, marks)) = &self.snippets else {
            return String::new();
        };
        // The paragraph most of the words are in, else (or when none of
        // them is found there) the whole text.
        let snippet = passages
            .best(text)
            .map(|p| g.snippet(p))
            .filter(|s| !s.highlighted.is_empty())
            .unwrap_or_else(|| g.snippet(text));
        let fragment = snippet.fragment;
        let highlighted = match marks {
            Some(marks) => marks.keep(fragment, &snippet.highlighted),
            None => snippet.highlighted,
        };
        let mut html = String::with_capacity(fragment.len() + 32);
        let mut at = 0;
        for r in &highlighted {
            if r.start < at || r.end > fragment.len() {
                continue;
            }
            escape_into(&mut html, &fragment[at..r.start]);
            html.push_str("<mark>");
            escape_into(&mut html, &fragment[r.start..r.end]);
            html.push_str("</mark>");
            at = r.end;
        }
        escape_into(&mut html, &fragment[at..]);
        html
    }
}

/// The words of a search as the index reads them: the query typed,
/// sanitised once (`sanitize`) where the request is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(String);

impl Words {
    pub fn read(q: &str) -> Self {
        Self(sanitize(q))
    }

    /// Nothing to search for ("💥", "-").
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Keeps what the query language of the archive means — words, "phrases",
/// -exclusions, OR — and makes everything else plain words: field syntax,
/// brackets, boosts, wildcards and control characters cannot reach the parser.
fn sanitize(q: &str) -> String {
    let mut cleaned = String::with_capacity(q.len());
    for c in q.chars() {
        match c {
            c if c.is_alphanumeric() => cleaned.push(c),
            '"' | '«' | '»' | '“' | '”' => cleaned.push('"'),
            '-' => cleaned.push('-'),
            _ => cleaned.push(' '),
        }
    }
    // An unbalanced quote is dropped.
    if cleaned.matches('"').count() % 2 == 1
        && let Some(i) = cleaned.rfind('"')
    {
        cleaned.replace_range(i..=i, " ");
    }
    let mut words: Vec<String> = Vec::new();
    let mut in_phrase = false;
    for raw in cleaned.split_inclusive([' ', '"']) {
        let quote = raw.ends_with('"');
        let word = raw.trim_end_matches([' ', '"']);
        // "-" only excludes at the start of a word; a lone or trailing one is nothing.
        let word = word.trim_end_matches('-');
        let word = if in_phrase {
            word.trim_start_matches('-')
        } else {
            word
        };
        let minus = word.starts_with('-');
        let core = word.trim_start_matches('-');
        if !core.is_empty() && words.len() < MAX_WORDS {
            let core = core
                .split('-')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let mut w = if minus && !in_phrase {
                format!("-{core}")
            } else {
                core
            };
            if matches!(w.as_str(), "AND" | "OR" | "NOT") && in_phrase {
                w = w.to_lowercase();
            }
            words.push(w);
        }
        if quote {
            // A minus just before an opening quote excludes the phrase.
            let excluded = !in_phrase && core.is_empty() && raw.starts_with('-');
            words.push(if excluded { "-\"" } else { "\"" }.to_owned());
            in_phrase = !in_phrase;
        }
    }
    // Re-join: quotes stick to the words they enclose.
    let mut out = String::new();
    let mut open = false;
    for w in words {
        if w == "\"" || w == "-\"" {
            if open {
                out.push('"');
            } else {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&w);
            }
            open = !open;
        } else {
            if !out.is_empty() && !out.ends_with('"') || (out.ends_with('"') && !open) {
                out.push(' ');
            }
            out.push_str(&w);
        }
    }
    let out = french_operators(&out.replace("-\"\"", "").replace("\"\"", ""));
    // Operators with nothing to join are words no more.
    let parts: Vec<&str> = out.split(' ').filter(|s| !s.is_empty()).collect();
    let n = parts.len();
    parts
        .iter()
        .enumerate()
        .filter(|&(i, p)| !(matches!(*p, "AND" | "OR") && (i == 0 || i + 1 == n)))
        .map(|(_, p)| *p)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The French operators, in capitals as OR is written: "OU" is OR, "ET" is
/// AND, and "SAUF" excludes the word or the phrase that follows. In a
/// phrase, and in lower case, they are words.
fn french_operators(q: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_phrase = false;
    let mut exclude = false;
    for token in q.split(' ').filter(|t| !t.is_empty()) {
        let opens = !in_phrase && token.starts_with('"');
        if !in_phrase && !opens {
            match token {
                "OU" => {
                    out.push("OR".to_owned());
                    continue;
                }
                "ET" => {
                    out.push("AND".to_owned());
                    continue;
                }
                "SAUF" => {
                    exclude = true;
                    continue;
                }
                _ => {}
            }
        }
        let word = if exclude && !in_phrase && !token.starts_with('-') {
            format!("-{token}")
        } else {
            token.to_owned()
        };
        exclude = false;
        if token.matches('"').count() % 2 == 1 {
            in_phrase = !in_phrase;
        }
        out.push(word);
    }
    out.join(" ")
}

/// Does the query require something (as opposed to excluding only)? The
/// words of an excluded phrase (`-"conseil des ministres"`) require
/// nothing.
fn has_positive(q: &str) -> bool {
    let mut in_phrase = false;
    let mut phrase_excluded = false;
    for w in q.split(' ').filter(|w| !w.is_empty()) {
        let opens = !in_phrase && w.trim_start_matches('-').starts_with('"');
        if opens {
            phrase_excluded = w.starts_with('-');
        }
        let required = if in_phrase || opens {
            !phrase_excluded
        } else {
            !w.starts_with('-') && !matches!(w, "AND" | "OR" | "NOT")
        };
        if required {
            return true;
        }
        if w.matches('"').count() % 2 == 1 {
            in_phrase = !in_phrase;
        }
    }
    false
}

impl SearchIndex {
    fn parser(&self) -> QueryParser {
        let mut p = QueryParser::for_index(&self.index, vec![self.fields.text]);
        p.set_conjunction_by_default();
        p
    }

    /// Ranks higher the hits whose headline has the words: optional clauses,
    /// looked up only for documents the words already matched. A word in
    /// more than `COMMON_IN_HEADLINES` of the headlines ("de", "ministre")
    /// is left out, as Lucene's common terms are: it tells little about
    /// which headline is about the search (its weight is a fraction of a
    /// rare word's), and walking its postings beside every hit was a fifth
    /// of a phrase search.
    fn headline_boost(&self, searcher: &Searcher, q: &str) -> Option<Box<dyn Query>> {
        let mut analyzer = self.index.tokenizers().get(super::FRENCH)?;
        let common = (searcher.num_docs() as f64 * COMMON_IN_HEADLINES) as u64;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in q
            .split(' ')
            .filter(|w| !w.starts_with('-') && !matches!(*w, "AND" | "OR" | "NOT"))
        {
            let mut stream = analyzer.token_stream(w.trim_matches('"'));
            while let Some(t) = stream.next() {
                let term = Term::from_field_text(self.fields.title, &t.text);
                // An unreadable count keeps the word: it only weighs.
                if searcher.doc_freq(&term).is_ok_and(|n| n > common) {
                    continue;
                }
                clauses.push((
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                ));
            }
        }
        (!clauses.is_empty()).then(|| {
            Box::new(BoostQuery::new(
                Box::new(BooleanQuery::new(clauses)),
                HEADLINE_BOOST,
            )) as Box<dyn Query>
        })
    }

    fn filters(&self, req: &Request) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let term = |field, value: u64| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_u64(field, value),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(id) = req.person {
            clauses.push((Occur::Must, term(f.person_ids, id as u64)));
        }
        if let Some(code) = req.country {
            clauses.push((Occur::Must, term(f.country_codes, pack_code(code))));
        }
        if let Some(slug) = &req.issuer {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.issuers, slug),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if req.from.is_some() || req.to.is_some() {
            let lower = req.from.map_or(
                Bound::Excluded(Term::from_field_i64(f.date, i64::MIN)),
                |d| Bound::Included(Term::from_field_i64(f.date, day_of(d))),
            );
            let upper = req.to.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_i64(f.date, day_of(d)))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        clauses
    }

    /// The exact query: the parsed text and the filters.
    fn exact(&self, searcher: &Searcher, req: &Request, q: &str) -> Box<dyn Query> {
        let mut clauses = self.filters(req);
        if !q.is_empty() {
            let (text, _errors) = self.parser().parse_query_lenient(q);
            clauses.push((Occur::Must, text));
            if let Some(boost) = self.headline_boost(searcher, q) {
                clauses.push((Occur::Should, boost));
            }
        }
        if q.is_empty() || !has_positive(q) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The typo-tolerant query: each word of the text, within an edit distance.
    fn approximate(&self, req: &Request, q: &str) -> Option<(Box<dyn Query>, Fuzzy)> {
        let mut analyzer = self.index.tokenizers().get(FOLDED)?;
        let mut clauses = self.filters(req);
        let mut terms = Vec::new();
        for w in q
            .split(' ')
            .filter(|w| !w.starts_with('-') && !matches!(*w, "AND" | "OR" | "NOT"))
        {
            let mut stream = analyzer.token_stream(w.trim_matches('"'));
            while let Some(t) = stream.next() {
                let Some(distance) = approximate::distance(t.text.chars().count()) else {
                    continue;
                };
                let term = Term::from_field_text(self.fields.folded, &t.text);
                clauses.push((
                    Occur::Must,
                    Box::new(FuzzyTermQuery::new(term, distance, true)),
                ));
                terms.push((t.text.clone(), usize::from(distance)));
            }
        }
        if terms.is_empty() {
            return None;
        }
        let query = Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>;
        Some((query, Fuzzy::new(terms, analyzer)))
    }

    /// Runs a search: total, one page of ids, facet counts, and what makes snippets.
    pub fn search(&self, req: &Request) -> Result<Outcome, SearchError> {
        let searcher = self.reader.searcher();
        let q = req.words.as_str();
        let exact = self.exact(&searcher, req, q);
        // Run with the function words inside phrases as gaps; the snippets
        // are cut from the phrases as typed.
        let thinned = PhraseGaps::of(&self.index, self.fields.text, q).apply(&*exact);
        let matching = thinned.as_deref().unwrap_or(&*exact);
        let mut found = self.run(&searcher, matching, req)?;
        let mut fuzzy = None;
        // The retry is for plain words: with phrases, exclusions or OR, the user
        // asked for something precise, and a tolerant match would ignore it.
        let plain = !q.contains('"')
            && !q
                .split(' ')
                .any(|w| w.starts_with('-') || matches!(w, "OR" | "AND" | "NOT"));
        if found.total == 0
            && plain
            && has_positive(q)
            && let Some((query, terms)) = self.approximate(req, q)
        {
            let retry = self.run(&searcher, &*query, req)?;
            if retry.total > 0 {
                found = retry;
                fuzzy = Some(terms);
            }
        }
        let Found {
            total,
            exact: complete,
            ids,
            counts: facets,
        } = found;
        // Approximate results are highlighted from their fuzzy terms
        // (`approximate::Fuzzy`): tantivy's snippets see no terms in them.
        let snippets = if has_positive(q) && fuzzy.is_none() {
            let analyzer = self.index.tokenizer_for_field(self.fields.text)?;
            let g = Highlighter::new(
                &searcher,
                &*exact,
                self.fields.text,
                analyzer,
                SNIPPET_BYTES,
            )?;
            let mut stems = Vec::new();
            exact.query_terms(&mut |term, positions| {
                if term.field() == self.fields.text
                    && let Some(stem) = term.value().as_str()
                {
                    stems.push((stem.to_owned(), positions));
                }
            });
            let passages = Passages::new(stems.iter().map(|(s, _)| s.as_str()));
            let marks = self
                .index
                .tokenizers()
                .get(super::FRENCH)
                .and_then(|analyzer| PhraseMarks::new(analyzer, stems, q));
            Some((g, passages, marks))
        } else {
            None
        };
        let mut years: Vec<(String, u64)> = Counts::top(&facets.years, FACET_VALUES + 1)
            .into_iter()
            .filter(|(year, _)| *year > 0)
            .take(FACET_VALUES)
            .map(|(year, n)| (year.to_string(), n))
            .collect();
        years.sort_by(|a, b| b.0.cmp(&a.0));
        Ok(Outcome {
            total,
            exact: complete,
            ids,
            approximate: fuzzy.is_some(),
            fuzzy,
            countries: Counts::top(&facets.countries, FACET_VALUES)
                .into_iter()
                .filter_map(|(code, n)| Some((unpack_code(code)?, n)))
                .collect(),
            persons: Counts::top(&facets.persons, FACET_VALUES)
                .into_iter()
                .map(|(id, n)| (id as i64, n))
                .collect(),
            years,
            snippets,
        })
    }

    /// Looks at the newest `WINDOW` hits of `query` (`window`): their
    /// number, the page asked for among them (best first, or newest first)
    /// and their counts.
    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        req: &Request,
    ) -> Result<Found, SearchError> {
        let tables = self.entities.of(searcher)?;
        let window = window::newest(searcher, &tables, query, !req.by_date, req.window.max(1))?;
        let counts = Counts::of(&window.hits, &tables);
        let total = window.hits.len();
        let mut hits = window.hits;
        let end = req.offset.saturating_add(req.limit.max(1)).min(total);
        if !req.by_date {
            // Only the hits up to the page's end need to be in order.
            if end < total {
                hits.select_nth_unstable_by(end, Hit::best_first);
                hits.truncate(end);
            }
            hits.sort_by(Hit::best_first);
        }
        // The ids come from their fast field: no stored document to read.
        let mut columns = HashMap::new();
        let mut ids = Vec::with_capacity(end.saturating_sub(req.offset));
        for hit in hits.get(req.offset..end).unwrap_or_default() {
            let column = match columns.entry(hit.segment) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(
                    searcher
                        .segment_reader(hit.segment)
                        .fast_fields()
                        .u64("id")?,
                ),
            };
            if let Some(id) = column.first(hit.doc) {
                ids.push(id as i64);
            }
        }
        Ok(Found {
            total,
            exact: window.complete,
            ids,
            counts,
        })
    }
}

/// What `SearchIndex::run` found.
struct Found {
    total: usize,
    exact: bool,
    ids: Vec<i64>,
    counts: Counts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizing_keeps_the_language_and_drops_the_rest() {
        let cases: &[(&str, &str)] = &[
            ("coopération Russie", "coopération Russie"),
            ("\"Pays-Bas\" -Chine", "\"Pays-Bas\" -Chine"),
            ("Qatar OR Japon", "Qatar OR Japon"),
            ("title:Russie", "title Russie"),
            ("(a AND b)^2 *", "a AND b 2"),
            ("\"sans fin", "sans fin"),
            ("- -- OR", ""),
            ("l’Ambassadeur d’Iran", "l Ambassadeur d Iran"),
            ("«Le Mali»", "\"Le Mali\""),
            ("💥\u{7}goïta", "goïta"),
            // The French operators, in capitals.
            ("Qatar OU Japon", "Qatar OR Japon"),
            ("Mali ET Niger", "Mali AND Niger"),
            ("coopération SAUF Russie", "coopération -Russie"),
            ("Mali SAUF \"Burkina Faso\"", "Mali -\"Burkina Faso\""),
            ("\"pain ET beurre\" ou café", "\"pain ET beurre\" ou café"),
            // A minus before a phrase excludes it, as SAUF does.
            ("Mali -\"Burkina Faso\"", "Mali -\"Burkina Faso\""),
            ("Mali -«Burkina Faso»", "Mali -\"Burkina Faso\""),
            ("Mali -\"\" Niger", "Mali Niger"),
            ("\"Mali -Niger\"", "\"Mali Niger\""),
            ("OU Japon SAUF", "Japon"),
        ];
        for (q, want) in cases {
            assert_eq!(sanitize(q), *want, "{q:?}");
        }
        assert!(sanitize(&"mot ".repeat(100)).split(' ').count() <= MAX_WORDS);
    }

    /// The ids of a search over documents given newest first: (title, body).
    fn ranked(docs: &[(&str, &str)], q: &str) -> Vec<i64> {
        use crate::search::build::{Build, Document};
        let dir = tempfile::tempdir().unwrap();
        let mut build = Build::start(dir.path(), "test").unwrap().unwrap();
        let start = time::macros::date!(2025 - 01 - 01);
        let documents: Vec<Document> = docs
            .iter()
            .enumerate()
            .map(|(i, (title, body))| Document {
                id: i as i64 + 1,
                date: Some(start - time::Duration::days(i as i64)),
                titles: vec![(*title).to_owned()],
                bodies: vec![(*body).to_owned()],
                ..Document::default()
            })
            .collect();
        build.add(&documents).unwrap();
        build.finish().unwrap();
        let index = SearchIndex::open(dir.path()).unwrap();
        let request = Request {
            words: Words::read(q),
            limit: 10,
            ..Request::default()
        };
        index.search(&request).unwrap().ids
    }

    #[test]
    fn a_word_in_most_headlines_does_not_rank_them() {
        let body = "La Russie et le Mali : visite de travail du ministre.";
        // "de" is in four headlines of five. The first two headlines are as
        // long and differ only by "du" and "de", and their texts (headline
        // and body) hold the same words.
        let first = format!("{body} De.");
        let second = format!("{body} Du.");
        let docs = [
            ("Russie : visite du ministre", first.as_str()),
            ("Russie : visite de ministre", second.as_str()),
            ("Compte rendu de séance", "Rien."),
            ("Liste de diffusion", "Rien."),
            ("Note de service", "Rien."),
        ];
        // "de" and "Russie" weigh nothing there: equals, the newer first.
        assert_eq!(ranked(&docs, "de Russie"), [1, 2]);
        // A word of one headline in five still ranks it: "travail".
        let docs = [
            ("Russie : visite", body),
            ("Russie : travail", body),
            ("Compte rendu de séance", "Rien."),
            ("Liste de diffusion", "Rien."),
            ("Note de service", "Rien."),
        ];
        assert_eq!(ranked(&docs, "travail"), [2, 1]);
    }

    /// Inside a phrase, an article, a preposition fused with one or "et"
    /// stands for any one word (Lucene's French stop words, positions
    /// kept); the phrase's other words, its order, its ends and the
    /// distance between its words hold; an excluded phrase is excluded as
    /// typed.
    #[test]
    fn function_words_inside_a_phrase_stand_for_any_one_word() {
        let docs = [
            ("Un", "Le Conseil des Ministres a adopté le projet."),
            ("Deux", "Le conseil aux ministres a été donné."),
            ("Trois", "Le conseil a réuni les ministres de la région."),
            ("Quatre", "Les ministres du conseil se sont réunis."),
            ("Cinq", "Un conseil des chefs de ministres."),
        ];
        let found = |q: &str| {
            let mut ids = ranked(&docs, q);
            ids.sort_unstable();
            ids
        };
        assert_eq!(found("\"conseil des ministres\""), [1, 2]);
        // Each function word is one word: three gaps, three words.
        assert_eq!(found("\"réuni les ministres de la région\""), [3]);
        assert!(found("\"réuni les ministres de région\"").is_empty());
        // A word that is no function word is kept where it stands.
        assert_eq!(found("\"conseil a réuni les ministres\""), [3]);
        assert!(found("\"conseil a adopté les ministres\"").is_empty());
        // The ends are kept: "des ministres" is a phrase of two words (the
        // stem of "des" is that of "de"), not "ministres" alone.
        assert_eq!(found("\"des ministres\""), [1, 5]);
        assert_eq!(found("\"ministres du conseil\""), [4]);
        // Excluded, the phrase is as typed: "conseil aux ministres" stays.
        assert_eq!(
            found("conseil SAUF \"conseil des ministres\""),
            [2, 3, 4, 5]
        );
        assert_eq!(found("conseil -\"conseil des ministres\""), [2, 3, 4, 5]);
        // An excluded phrase alone: everything else, as "-mot" alone.
        assert_eq!(found("SAUF \"conseil des ministres\""), [2, 3, 4, 5]);
        assert_eq!(found("-\"conseil des ministres\" -chefs"), [2, 3, 4]);
        assert!(has_positive("-\"conseil des\" \"ministres du\""));
        assert!(has_positive("-Mali \"conseil des\""));
        assert!(!has_positive("-\"Mali\" -Niger"));
    }
}
