//! French stemming with a memory: the same Snowball stems as tantivy's own
//! `Stemmer`, but each word is stemmed once per thread. An archive's
//! vocabulary is small next to its text, so indexing and snippets (which stem
//! every word of every hit) spend most of their stemming time on lookups.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per thread before the memory starts over.
const MAX_WORDS: usize = 200_000;

thread_local! {
    static STEMS: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

/// Replaces the lower-cased word `word` by its French stem, in place: a
/// token's text is rewritten without a new string (most words are
/// remembered, and the lookup is most of the work).
fn stem_in_place(word: &mut String, stemmer: &rust_stemmers::Stemmer) {
    STEMS.with_borrow_mut(|stems| {
        if let Some(s) = stems.get(word.as_str()) {
            word.clear();
            word.push_str(s);
            return;
        }
        if stems.len() >= MAX_WORDS {
            stems.clear();
        }
        let s = stemmer.stem(word).into_owned();
        stems.insert(std::mem::replace(word, s.clone()), s);
    })
}

/// The token filter.
#[derive(Clone, Copy, Default)]
pub struct FrenchStemmer;

impl TokenFilter for FrenchStemmer {
    type Tokenizer<T: Tokenizer> = FrenchStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FrenchStemmerFilter<T> {
        FrenchStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct FrenchStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for FrenchStemmerFilter<T> {
    type TokenStream<'a> = FrenchStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FrenchStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::French),
        }
    }
}

pub struct FrenchStemmerStream<T> {
    tail: T,
    stemmer: rust_stemmers::Stemmer,
}

impl<T: TokenStream> TokenStream for FrenchStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_in_place(&mut self.tail.token_mut().text, &self.stemmer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Language, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn stems_as_tantivy_does_and_twice_alike() {
        let text = "coopérations coopération ambassadeurs relations présidentielles relations";
        let ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(FrenchStemmer)
            .build();
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::French))
            .build();
        assert_eq!(tokens(ours.clone(), text), tokens(theirs, text));
        assert_eq!(tokens(ours.clone(), text), tokens(ours, text));
    }
}
