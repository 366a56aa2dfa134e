//! One token filter for what three of tantivy's did in turn: `LowerCaser`,
//! `AsciiFoldingFilter` and a `StopWordFilter` of the elisions. The same
//! tokens, in one pass over each word, where a French word with an accent
//! was lower-cased through Unicode's tables, copied, then folded and copied
//! again (the analyzers take a fifth less time; BENCHMARKS.md, sixteenth
//! round).

use std::mem;
use std::sync::LazyLock;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

use super::ELISIONS;

/// The longest elision, in bytes: a longer token is none.
const ELISION_MAX: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < ELISIONS.len() {
        if ELISIONS[i].len() > max {
            max = ELISIONS[i].len();
        }
        i += 1;
    }
    max
};

/// Characters below this have their lower-cased, folded form in `TABLE`:
/// ASCII, and the Latin letters of U+0080..U+024F, which are nearly every
/// letter of a French text that is not ASCII.
const TABLE_END: usize = 0x250;

/// Tantivy's two filters, on a whole text as one token.
fn tantivys_filters() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// What `filters` (`tantivys_filters`) make of `text`, into `out`.
fn by_tantivy(filters: &mut TextAnalyzer, text: &str, out: &mut String) {
    out.clear();
    if let Some(token) = filters.token_stream(text).next() {
        out.push_str(&token.text);
    }
}

/// The lower-cased, folded form of every character below `TABLE_END`,
/// asked of tantivy's filters themselves: both map a word character by
/// character, so a word's form is its characters' forms end to end.
static TABLE: LazyLock<Vec<Box<str>>> = LazyLock::new(|| {
    let mut filters = tantivys_filters();
    let mut form = String::new();
    (0..TABLE_END)
        .map(|n| {
            form.clear();
            if let Some(c) = char::from_u32(n as u32) {
                by_tantivy(&mut filters, c.encode_utf8(&mut [0; 4]), &mut form);
            }
            form.clone().into_boxed_str()
        })
        .collect()
});

/// `word` lower-cased and folded into `out` from `TABLE`; false, and `out`
/// unfinished, when a character of it is beyond the table.
fn fold_into(word: &str, out: &mut String) -> bool {
    out.clear();
    for c in word.chars() {
        match TABLE.get(c as usize) {
            Some(form) => out.push_str(form),
            None => return false,
        }
    }
    true
}

fn is_elision(word: &str) -> bool {
    word.len() <= ELISION_MAX && ELISIONS.contains(&word)
}

/// The token filter.
#[derive(Clone, Copy, Default)]
pub struct FoldFilter;

impl TokenFilter for FoldFilter {
    type Tokenizer<T: Tokenizer> = FoldTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldTokenizer<T> {
        LazyLock::force(&TABLE);
        FoldTokenizer {
            inner: tokenizer,
            buffer: String::new(),
            others: tantivys_filters(),
        }
    }
}

#[derive(Clone)]
pub struct FoldTokenizer<T> {
    inner: T,
    buffer: String,
    /// For the words with a character beyond `TABLE` (other scripts).
    others: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for FoldTokenizer<T> {
    type TokenStream<'a> = FoldStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldStream {
            tail: self.inner.token_stream(text),
            buffer: &mut self.buffer,
            others: &mut self.others,
        }
    }
}

pub struct FoldStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
    others: &'a mut TextAnalyzer,
}

impl<T: TokenStream> TokenStream for FoldStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            if token.text.is_ascii() {
                token.text.make_ascii_lowercase();
            } else {
                if !fold_into(&token.text, self.buffer) {
                    by_tantivy(self.others, &token.text, self.buffer);
                }
                mem::swap(&mut token.text, self.buffer);
            }
            if !is_elision(&token.text) {
                return true;
            }
        }
        false
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
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer, StopWordFilter};

    use super::*;

    /// Every token with its place: what the index keeps of it.
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    /// The three filters this one stands for, as the index had them.
    fn tantivys() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(StopWordFilter::remove(
                ELISIONS.iter().map(|s| (*s).to_owned()),
            ))
            .build()
    }

    fn ours() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(FoldFilter)
            .build()
    }

    #[test]
    fn every_character_of_the_table_and_beyond_folds_as_tantivy_folds_it() {
        // Each character alone, and between letters, as a word; up to the
        // end of the Basic Multilingual Plane and a few beyond it.
        let (mut theirs, mut mine) = (tantivys(), ours());
        let chars = (0..0x1_0000u32)
            .chain(0x1_d400..0x1_d500)
            .chain(0x1_f100..0x1_f200)
            .filter_map(char::from_u32);
        for c in chars {
            for text in [c.to_string(), format!("Ab{c}Cd"), format!("L{c}")] {
                assert_eq!(
                    tokens(&mut mine, &text),
                    tokens(&mut theirs, &text),
                    "{text:?} (U+{:04X})",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn texts_give_the_tokens_tantivys_filters_gave() {
        let (mut theirs, mut mine) = (tantivys(), ours());
        let mut texts = vec![
            "L'Ambassadeur d'Égypte QU'IL reçoit jusqu'à Lorsqu'il PUISQU'ELLE".to_owned(),
            "ÉTÉ Œuvre cœur Straße İstanbul ΣΊΣΥΦΟΣ Ünal Ærø ﬁn ﬂeur Ⅻ ½".to_owned(),
            format!("{} court", "x".repeat(41)),
            format!("{} long", "é".repeat(21)),
        ];
        let dev = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev/raw");
        let mut files: Vec<_> = std::fs::read_dir(&dev)
            .expect("the dev fixtures are there")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        assert!(files.len() > 10, "{} dev files", files.len());
        texts.extend(
            files
                .iter()
                .map(|f| std::fs::read_to_string(f).unwrap_or_default()),
        );
        for text in &texts {
            let expected = tokens(&mut theirs, text);
            assert!(!expected.is_empty());
            assert_eq!(tokens(&mut mine, text), expected);
        }
    }
}
