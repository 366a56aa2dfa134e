//! Folding text for comparison: lower case, no accents, plain apostrophes.
//!
//! Matching rules (chrome phrases, month names, anaphora, similarity) all work on
//! folded text so that "Décembre", "DECEMBRE" and "décembre" are one word.

use std::borrow::Cow;
use std::sync::LazyLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower-cases, strips combining accents and maps typographic apostrophes and
/// ligatures to their plain forms. The result has the same word boundaries.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // Most text is ASCII: copy each run at once and lower-case it in place.
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        if run > 0 {
            let start = out.len();
            out.push_str(&rest[..run]);
            if let Some(pushed) = out.get_mut(start..) {
                pushed.make_ascii_lowercase();
            }
            rest = &rest[run..];
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        // Then Latin letters with accents, from a table made once.
        match (c as usize)
            .checked_sub(LATIN_FIRST)
            .and_then(|i| LATIN.get(i))
        {
            Some(&Some(plain)) => out.push(plain),
            _ => fold_char(c, &mut out),
        }
    }
    out
}

/// The start of `fold(s)`, at least `bytes` bytes of it when there are as
/// many: for a prefix test, without folding a whole paragraph. `fold` folds
/// each character alone, so the fold of a start of `s` starts `fold(s)`.
pub fn fold_start(s: &str, bytes: usize) -> String {
    let mut chars = bytes.max(1);
    loop {
        let end = s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i);
        let folded = fold(&s[..end]);
        if folded.len() >= bytes || end == s.len() {
            return folded;
        }
        // Marks folded away made it shorter: take more of it.
        chars *= 2;
    }
}

/// `char::is_alphanumeric`, answered without Unicode's tables for ASCII and
/// for the Latin letters of U+00C0..U+024F (every one a letter but × and ÷),
/// which are most of the characters of a French text.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{c0}'..='\u{24f}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphanumeric()
    }
}

/// `fold`, borrowing `s` when it is already folded (plain lower-case ASCII,
/// as most words of a French text are): for tokenizers that fold word by word.
pub fn fold_word(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(fold(s))
    }
}

/// The first character of the table of `fold`: U+00C0 (À).
const LATIN_FIRST: usize = 0xC0;

/// What `fold_char` makes of U+00C0..U+024F, where that is one character.
static LATIN: LazyLock<Vec<Option<char>>> = LazyLock::new(|| {
    (LATIN_FIRST..0x250)
        .map(|n| {
            let c = char::from_u32(n as u32)?;
            let mut folded = String::new();
            fold_char(c, &mut folded);
            let mut chars = folded.chars();
            match (chars.next(), chars.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
        .collect()
});

fn fold_char(c: char, out: &mut String) {
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

/// "MAÏGA" as "Maïga", "jean-yves" as "Jean-Yves": each part of a word
/// capitalised, the rest in lower case.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start_of_part = true;
    for c in s.chars() {
        if start_of_part {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_part = !c.is_alphanumeric();
    }
    out
}

/// Number of words in `s`, counted on white space.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Has `s` at least `n` words? Counting stops at the `n`th, so asking it of
/// a long paragraph costs no more than of a short line.
pub fn has_words(s: &str, n: usize) -> bool {
    n == 0 || s.split_whitespace().nth(n - 1).is_some()
}

/// Has `s` at most `n` words? Counting stops after the `n`th.
pub fn at_most_words(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_none()
}

/// Collapses every run of white space into one space and trims the ends.
pub fn squeeze_spaces(s: &str) -> String {
    // One pass over the bytes, copying each word whole: most characters are
    // ASCII, and only a few lead bytes can start Unicode's other white space.
    let mut out = String::with_capacity(s.len());
    let mut word: Option<usize> = None;
    let mut at = 0;
    while at < s.len() {
        let width = white_space_at(s, at);
        if width == 0 {
            word.get_or_insert(at);
            at += 1;
            continue;
        }
        if let Some(start) = word.take() {
            push_word(&mut out, &s[start..at]);
        }
        at += width;
    }
    if let Some(start) = word {
        push_word(&mut out, &s[start..]);
    }
    out
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// The length in bytes of the white space character (`char::is_whitespace`)
/// starting at byte `at` of `s`, 0 when there is none: the ASCII ones, and
/// after the lead bytes of U+0085, U+00A0, U+1680, U+2000 to U+205F and
/// U+3000, the character there when it is one.
fn white_space_at(s: &str, at: usize) -> usize {
    match s.as_bytes()[at] {
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => s[at..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squeezing_keeps_one_plain_space_between_words_whatever_the_spaces() {
        let by_words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let pieces = [
            "", " ", "  ", "a", "Été", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{85}", "\u{a0}",
            "\u{1680}", "\u{2002}", "\u{2009}", "\u{200b}", "\u{2028}", "\u{202f}", "\u{205f}",
            "\u{3000}", "é", "’", "\u{2014}", "1er",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}x{c}{a}");
                    assert_eq!(squeeze_spaces(&s), by_words(&s), "{s:?}");
                    let s = format!("{b}{c}");
                    assert_eq!(squeeze_spaces(&s), by_words(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn a_folded_start_starts_the_whole_fold_and_is_long_enough() {
        let marks = "e\u{301}".repeat(30);
        for s in [
            "",
            "Publié le 12 mars",
            "DATE DE PUBLICATION : 3 avril",
            "ŒUVRE’S",
            marks.as_str(),
            "e\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301} le 12 mars 2025",
        ] {
            let whole = fold(s);
            for bytes in [0, 1, 5, 20, 100] {
                let start = fold_start(s, bytes);
                assert!(whole.starts_with(&start), "{s:?} {bytes}");
                assert!(start.len() >= bytes.min(whole.len()), "{s:?} {bytes}");
            }
        }
    }

    #[test]
    fn white_space_is_found_by_its_lead_bytes_as_char_says() {
        for c in (0..=0x3000).filter_map(char::from_u32) {
            let width = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(white_space_at(&format!("{c}x"), 0), width, "{c:?}");
        }
    }

    #[test]
    fn word_characters_are_the_alphanumeric_ones() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("GOÏTA d’Armée Œuvre"), "goita d'armee oeuvre");
        assert_eq!(fold("l’État, 1er"), "l'etat, 1er");
        assert_eq!(squeeze_spaces("  a \t b  "), "a b");
    }

    #[test]
    fn a_word_is_borrowed_only_when_folding_leaves_it_as_it_is() {
        for word in ["accord", "2024", "Accord", "été", "l’an", "ŒUVRE", ""] {
            let folded = fold_word(word);
            assert_eq!(folded, fold(word), "{word:?}");
            assert_eq!(
                matches!(folded, Cow::Borrowed(_)),
                fold(word) == word,
                "{word:?}"
            );
        }
    }

    #[test]
    fn word_bounds_agree_with_the_count() {
        for text in ["", "un", "un deux", " un  deux\ttrois ", "a b c d e f g"] {
            for n in 0..9 {
                assert_eq!(has_words(text, n), word_count(text) >= n, "{text:?} {n}");
                assert_eq!(
                    at_most_words(text, n),
                    word_count(text) <= n,
                    "{text:?} {n}"
                );
            }
        }
    }

    #[test]
    fn the_latin_table_folds_as_the_general_path() {
        for n in 0x80..0x300 {
            let Some(c) = char::from_u32(n) else { continue };
            let mut general = String::new();
            fold_char(c, &mut general);
            assert_eq!(fold(&c.to_string()), general, "U+{n:04X}");
        }
    }
}
