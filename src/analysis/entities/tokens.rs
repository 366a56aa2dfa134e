//! Words with their place in the text, their folded form and their case, and
//! what separates each from the next: what the entity rules look at.

use std::borrow::Cow;

use crate::domain::text::{fold_word, is_word_char};

/// The separator between two tokens; the common ones are not allocated.
fn gap(s: &str) -> Cow<'static, str> {
    match s {
        " " => Cow::Borrowed(" "),
        ", " => Cow::Borrowed(", "),
        ". " => Cow::Borrowed(". "),
        "-" => Cow::Borrowed("-"),
        "’" => Cow::Borrowed("’"),
        "'" => Cow::Borrowed("'"),
        "" => Cow::Borrowed(""),
        _ => Cow::Owned(s.to_owned()),
    }
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Borrowed from the text where folding leaves the word as it is (most
    /// words of a French text): no allocation for each word.
    pub folded: Cow<'a, str>,
    /// What separates it from the next token ("" at the end).
    pub gap: Cow<'static, str>,
}

impl Token<'_> {
    /// Starts with a capital letter.
    pub fn capitalised(&self, text: &str) -> bool {
        text[self.start..self.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Every letter is a capital (and there are at least two).
    pub fn all_caps(&self, text: &str) -> bool {
        let word = &text[self.start..self.end];
        word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word.chars().all(|c| !c.is_lowercase())
    }

    /// The gap to the next token ends a sentence or a clause.
    pub fn breaks_after(&self) -> bool {
        self.gap
            .contains(['.', '!', '?', ';', ':', '\n', '«', '»', '(', ')', '"'])
    }
}

/// Splits `text` into tokens: runs of letters and digits. Apostrophes and
/// hyphens separate tokens and stay visible in `gap`.
pub fn tokenize<'a>(text: &'a str) -> Vec<Token<'a>> {
    let mut tokens: Vec<Token<'a>> = Vec::new();
    let mut start = None;
    let push = |tokens: &mut Vec<Token<'a>>, s: usize, e: usize| {
        if let Some(prev) = tokens.last_mut() {
            prev.gap = gap(&text[prev.end..s]);
        }
        tokens.push(Token {
            start: s,
            end: e,
            folded: fold_word(&text[s..e]),
            gap: Cow::Borrowed(""),
        });
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(&mut tokens, s, i);
        }
    }
    if let Some(s) = start {
        push(&mut tokens, s, text.len());
    }
    if let Some(last) = tokens.last_mut() {
        last.gap = gap(&text[last.end..]);
    }
    tokens
}

/// A text and its tokens.
pub struct Tokenized<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token<'a>>,
}

impl<'a> Tokenized<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            tokens: tokenize(text),
        }
    }
}

/// An article's headline and body, tokenized once for every rule that reads
/// them (persons, countries).
pub struct Article<'a> {
    pub title: Tokenized<'a>,
    pub body: Tokenized<'a>,
}

impl<'a> Article<'a> {
    pub fn new(title: Option<&'a str>, body: &'a str) -> Self {
        Self {
            title: Tokenized::new(title.unwrap_or("")),
            body: Tokenized::new(body),
        }
    }

    /// The headline, then the body.
    pub fn texts(&self) -> [&Tokenized<'a>; 2] {
        [&self.title, &self.body]
    }
}

/// Folds a phrase of the gazetteer into its tokens, the way `tokenize` folds text.
pub fn phrase_key(phrase: &str) -> Vec<String> {
    tokenize(phrase)
        .into_iter()
        .map(|t| t.folded.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_gaps_and_case() {
        let text = "la République Islamique d’Iran, sino-maliennes.";
        let t = tokenize(text);
        let words: Vec<&str> = t.iter().map(|t| &*t.folded).collect();
        assert_eq!(
            words,
            [
                "la",
                "republique",
                "islamique",
                "d",
                "iran",
                "sino",
                "maliennes"
            ]
        );
        // Words already folded are borrowed from the text, not copied.
        assert!(matches!(t[0].folded, Cow::Borrowed("la")));
        assert!(matches!(t[1].folded, Cow::Owned(_)));
        assert_eq!(t[3].gap, "’");
        assert_eq!(t[5].gap, "-");
        assert!(!t[4].breaks_after() && t[6].breaks_after());
        assert!(t[1].capitalised(text) && !t[0].capitalised(text));
        assert_eq!(phrase_key("Côte d’Ivoire"), ["cote", "d", "ivoire"]);
    }
}
