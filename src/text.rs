//! Folding text for comparison: lower case, no accents, plain apostrophes.
//!
//! Matching rules (chrome phrases, month names, anaphora, similarity) all work on
//! folded text so that "Décembre", "DECEMBRE" and "décembre" are one word.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower-cases, strips combining accents and maps typographic apostrophes and
/// ligatures to their plain forms. The result has the same word boundaries.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Most text is ASCII: no decomposition to look up.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            // Decomposing one character at a time drops the same marks as
            // decomposing the whole string: every mark is dropped anyway.
            _ => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }),
        }
    }
    out
}

/// The words of `s` (runs of letters and digits), folded.
pub fn folded_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Number of words in `s`, counted on white space.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Collapses every run of white space into one space and trims the ends.
pub fn squeeze_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("GOÏTA d’Armée Œuvre"), "goita d'armee oeuvre");
        assert_eq!(folded_words("l’État, 1er"), vec!["l", "etat", "1er"]);
        assert_eq!(squeeze_spaces("  a \t b  "), "a b");
    }
}
