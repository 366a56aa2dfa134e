//! How much two texts share, measured on their content words.
//!
//! Used twice: to tell a caption or intertitle (it repeats the article around it)
//! from the headline of a new article, and to group reports of the same event.

use std::collections::HashSet;

use crate::french::{month_from_folded, weekday_from_folded};
use crate::text::folded_words;

/// French function words of four letters or more, which every text shares.
const STOPWORDS: &[&str] = &[
    "dans",
    "pour",
    "avec",
    "sans",
    "sous",
    "entre",
    "vers",
    "chez",
    "leur",
    "leurs",
    "cette",
    "celle",
    "celui",
    "ceux",
    "elle",
    "elles",
    "nous",
    "vous",
    "sont",
    "etait",
    "etaient",
    "etre",
    "avoir",
    "avait",
    "plus",
    "moins",
    "tres",
    "aussi",
    "ainsi",
    "comme",
    "mais",
    "donc",
    "apres",
    "avant",
    "depuis",
    "lors",
    "tout",
    "tous",
    "toute",
    "toutes",
    "autre",
    "autres",
    "meme",
    "memes",
    "deux",
    "trois",
    "notamment",
    "egalement",
    "dont",
    "ont",
    "sera",
    "seront",
    "fait",
    "faire",
    "cela",
    "ceci",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "lequel",
    "laquelle",
    "lesquels",
    "auquel",
    "auxquels",
    "alors",
    "encore",
    "bien",
    "sein",
    "cadre",
    "part",
    "afin",
    "selon",
    "chaque",
    "leurs",
    "votre",
    "notre",
    "nos",
    "ses",
    "son",
    "sur",
    "par",
    "une",
    "des",
    "les",
    "qui",
    "que",
    "est",
    "aux",
    "ete",
    "pas",
    "ces",
];

/// The set of content words of a text: folded words of four letters or more,
/// without function words, numbers, months or weekdays (dates are compared on
/// their own).
pub fn content_words(text: &str) -> HashSet<String> {
    folded_words(text)
        .into_iter()
        .filter(|w| {
            w.chars().count() >= 4
                && !w.bytes().all(|b| b.is_ascii_digit())
                && !STOPWORDS.contains(&w.as_str())
                && month_from_folded(w).is_none()
                && weekday_from_folded(w).is_none()
        })
        .collect()
}

/// Share of `part`'s words that also occur in `whole` (0 when `part` is empty).
pub fn containment(part: &HashSet<String>, whole: &HashSet<String>) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    part.intersection(whole).count() as f64 / part.len() as f64
}

/// Overlap of two texts relative to the shorter one: 1 when one text's words are
/// all in the other.
pub fn overlap(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.len() <= b.len() {
        containment(a, b)
    } else {
        containment(b, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_skip_function_words_and_dates() {
        let w = content_words("Le mardi 24 juin 2025, dans cette salle, les Ambassadeurs réunis");
        let mut v: Vec<_> = w.into_iter().collect();
        v.sort();
        assert_eq!(v, vec!["ambassadeurs", "reunis", "salle"]);
    }

    #[test]
    fn overlap_is_relative_to_the_shorter_text() {
        let a = content_words("coopération énergie Russie Bamako");
        let b = content_words("coopération énergie Russie Bamako commission mixte session travail");
        assert_eq!(overlap(&a, &b), 1.0);
        assert_eq!(containment(&b, &a), 0.5);
        assert_eq!(containment(&HashSet::new(), &a), 0.0);
    }
}
