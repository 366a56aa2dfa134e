//! What a typo-tolerant search found in a text: the words its fuzzy terms
//! match, found with the same folding and the same distances as the query,
//! so approximate results get highlighted snippets and a "did you mean".

use std::collections::HashMap;

use tantivy::tokenizer::TextAnalyzer;

/// Characters of a snippet, as for exact results.
const SNIPPET_CHARS: usize = 240;
/// Characters shown before the first match.
const LEAD_CHARS: usize = 60;

/// The fuzzy terms of an approximate search: folded words and the edits
/// each allows (one up to five letters, two beyond), transpositions
/// counting as one.
#[derive(Clone)]
pub struct Fuzzy {
    terms: Vec<(String, usize)>,
    analyzer: TextAnalyzer,
}

/// The distance a folded word of `len` letters allows; None below three
/// letters, which are not searched approximately.
pub fn distance(len: usize) -> Option<u8> {
    match len {
        0..3 => None,
        3..=5 => Some(1),
        _ => Some(2),
    }
}

impl Fuzzy {
    pub fn new(terms: Vec<(String, usize)>, analyzer: TextAnalyzer) -> Self {
        Self { terms, analyzer }
    }

    /// The byte ranges of `text`'s words that match a term, each with the
    /// term's index.
    fn matches(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            let found = self
                .terms
                .iter()
                .position(|(term, max)| strsim::osa_distance(term, &token.text) <= *max);
            if let Some(term) = found {
                out.push((token.offset_from, token.offset_to, term));
            }
        }
        out
    }

    /// A passage of `text` around its first match, escaped, the matching
    /// words in `<mark>`; empty when none matches.
    pub fn snippet_html(&self, text: &str) -> String {
        let matches = self.matches(text);
        let Some(&(first, _, _)) = matches.first() else {
            return String::new();
        };
        let start = floor_boundary(text, first.saturating_sub(LEAD_CHARS));
        let start = text[start..first]
            .find(' ')
            .filter(|_| start > 0)
            .map_or(start, |s| start + s + 1);
        let end = ceil_boundary(text, (start + SNIPPET_CHARS).min(text.len()));
        let end = if end < text.len() {
            text[start..end].rfind(' ').map_or(end, |s| start + s)
        } else {
            end
        };
        let mut html = String::with_capacity(end - start + 32);
        let mut at = start;
        for &(from, to, _) in matches.iter().filter(|m| m.0 >= start && m.1 <= end) {
            escape_into(&mut html, &text[at..from]);
            html.push_str("<mark>");
            escape_into(&mut html, &text[from..to]);
            html.push_str("</mark>");
            at = to;
        }
        escape_into(&mut html, &text[at..end]);
        html
    }

    /// The words the texts spell where the query has typos, most written
    /// first: "ambassaduers" → "ambassadeurs". None when the texts spell the
    /// query as it is.
    pub fn suggestion<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
        let mut seen: Vec<HashMap<String, usize>> = vec![HashMap::new(); self.terms.len()];
        for text in texts {
            for (from, to, term) in self.matches(text) {
                *seen[term].entry(text[from..to].to_lowercase()).or_default() += 1;
            }
        }
        let words: Vec<String> = seen
            .into_iter()
            .zip(&self.terms)
            .map(|(counts, (term, _))| {
                counts
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                    .map_or_else(|| term.clone(), |(word, _)| word)
            })
            .collect();
        let mut analyzer = self.analyzer.clone();
        let changed = words.iter().zip(&self.terms).any(|(w, (t, _))| {
            let mut stream = analyzer.token_stream(w);
            stream.next().is_some_and(|token| token.text != *t)
        });
        changed.then(|| words.join(" "))
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

pub(super) fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}
