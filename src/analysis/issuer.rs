//! The issuer tag that ends an official article: "PRIMATURE", "BIP/MAECI",
//! "CCRP PRÉSIDENCE", "Cellule de Communication et des Relations Publiques de la
//! Présidence", "Bureau de l'Information et de la Presse/MAECI", or a signed
//! author ("Kader Toé").
//!
//! Tags follow the last sentence of the article, on the same line or on their
//! own. They are recognised by shape (an acronym or an all-capitals name) or by
//! the institutional noun they start with, so tags never seen before are found.

use crate::domain::text::{fold, has_words, title_case, word_count};
use crate::domain::words::{WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/issuer.txt",
    include_str!("../../lexicon/words/issuer.txt"),
);

/// Nouns that open the name of a communication service or institution.
static INSTITUTION_HEADS: WordList = WordList::new(&WORDS, "institution_heads");

/// Does the folded text open with the head noun of an institution's name
/// ("presidence de la republique", "cellule de communication")?
pub fn starts_with_institution(folded: &str) -> bool {
    INSTITUTION_HEADS
        .iter()
        .any(|h| folded.starts_with(h) && folded[h.len()..].starts_with([' ', '/']))
}

/// Does `tag` read as the name of an issuing office?
pub fn is_issuer_tag(tag: &str) -> bool {
    let tag = tag.trim();
    // "Source : Primature" names an official body; "Source : Malijet" a
    // press source, which is no issuer.
    for lead in ["Source :", "Source:", "SOURCE :"] {
        if let Some(rest) = tag.strip_prefix(lead) {
            let rest = rest.trim();
            return is_issuer_tag(rest) || starts_with_institution(&format!("{} ", fold(rest)));
        }
    }
    let words = word_count(tag);
    if tag.is_empty() || words > 14 || tag.chars().count() > 120 {
        return false;
    }
    if tag.ends_with(['.', '!', '?', ':', ';', ',']) || tag.contains(['«', '»', '"']) {
        return false;
    }
    // "Conseil des ministres : trois ambassadeurs nommés": a kicker and its
    // headline, not an office.
    if tag
        .split_once(" : ")
        .is_some_and(|(_, rest)| has_words(rest, 3))
    {
        return false;
    }
    // "AT/MD (AMAP)", "(AFP)": a press agency's code, not an office.
    if tag.contains('(') {
        return false;
    }
    let letters: Vec<char> = tag.chars().filter(|c| c.is_alphabetic()).collect();
    let folded = fold(tag);
    let opens_with_institution = starts_with_institution(&folded);
    // "PRIMATURE", "CCRP PRÉSIDENCE", "BIP/MAECI"; longer capitals name an
    // office ("BUREAU DE L'INFORMATION…"), else they are an intertitle ("AU
    // CHAPITRE DES MESURES INDIVIDUELLES").
    if letters.len() >= 3
        && letters.iter().all(|c| c.is_uppercase())
        && (words <= 2 || words <= 6 && opens_with_institution)
    {
        return true;
    }
    // "CCRP/Primature", "CRP/Présidence": a service's initials and the
    // office it serves.
    if let Some((initials, office)) = tag.split_once('/')
        && words == 1
        && (2..=6).contains(&initials.chars().count())
        && initials.chars().all(char::is_uppercase)
        && (starts_with_institution(&format!("{} ", fold(office)))
            || office
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic()))
    {
        return true;
    }
    let capitalised = tag.chars().next().is_some_and(char::is_uppercase);
    capitalised && words >= 2 && opens_with_institution
}

/// Does a short line read as a signature, "Kader Toé", "Amadou B. Diarra"?
/// Two to four words, each capitalised, letters only.
pub fn is_signature(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && line.chars().count() <= 40
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && !words.iter().all(|w| w.chars().all(|c| !c.is_lowercase()))
}

/// Small words left out of an office's initials: "Bureau de l'Information et
/// de la Presse" is BIP.
static NOT_INITIALS: WordList = WordList::new(&WORDS, "not_initials");

/// Offices known by their initials (BIP, CCRP, DCRP, SGG): communication
/// services and secretariats. Ministries and embassies keep their names.
static INITIALS_HEADS: WordList = WordList::new(&WORDS, "initials_heads");

/// Where an office's name gives way to the body it belongs to: "… de la
/// Présidence", "… du MAECI".
static PARENT_LINKS: WordList = WordList::new(&WORDS, "parent_links");

/// The issuing body a tag names, whatever its spelling: "BIP/MAECI",
/// "Bureau de l'Information et de la Presse/MAECI" and "Bureau de
/// l'Information et de la Presse du MAECI" are all "BIP/MAECI"; "CCRP –
/// Primature" and "Cellule de Communication et des Relations Publiques de la
/// Primature" are "CCRP/Primature". An office written out is known by its
/// initials, the body it belongs to follows a slash.
pub fn canonical_issuer(tag: &str) -> String {
    let mut t = tag.trim();
    for lead in [
        "Source :", "Source:", "SOURCE :", "Avec ", "La ", "Le ", "L’", "L'",
    ] {
        if let Some(rest) = t.strip_prefix(lead) {
            t = rest.trim();
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for piece in t.split(['/', '–', '—']).flat_map(|p| p.split(" - ")) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        parts.extend(split_office(piece));
    }
    parts.join("/")
}

/// One piece of a tag as its parts: "CCRP PRÉSIDENCE" is CCRP and
/// Présidence; "Cellule de Communication … de la Présidence" is CCRP and
/// Présidence.
fn split_office(piece: &str) -> Vec<String> {
    let words: Vec<&str> = piece.split_whitespace().collect();
    // "CCRP PRÉSIDENCE": an acronym before a word.
    if words.len() == 2 && words.iter().all(|w| !w.chars().any(char::is_lowercase)) {
        return words.iter().map(|w| short_form(w)).collect();
    }
    // "… de la Présidence (de la République)", "… du MAECI": the first link
    // that a body's name follows.
    let mut links: Vec<(usize, usize)> = PARENT_LINKS
        .iter()
        .flat_map(|l| piece.match_indices(l).map(|(at, m)| (at, m.len())))
        .collect();
    links.sort_unstable();
    for (at, len) in links {
        let (office, parent) = (&piece[..at], piece[at + len..].trim());
        let head = parent.split_whitespace().next().unwrap_or("");
        if has_words(office, 2) {
            if is_acronym(head) {
                return vec![short_form(office), head.to_owned()];
            }
            if starts_with_institution(&format!("{} ", fold(head))) {
                return vec![short_form(office), title_case(head)];
            }
        }
    }
    vec![short_form(piece)]
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=8).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// An office by its initials when written out in several words, an acronym
/// as it is, a single word in title case.
fn short_form(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [one] if is_acronym(one) && !starts_with_institution(&format!("{} ", fold(one))) => {
            (*one).to_owned()
        }
        [one] => title_case(one),
        [first, ..] if !INITIALS_HEADS.contains(fold(first).as_str()) => {
            if name.chars().any(char::is_lowercase) {
                words.join(" ")
            } else {
                // In capitals: "AMBASSADE DU MALI" as "Ambassade du Mali".
                words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let lower = w.to_lowercase();
                        if i > 0 && NOT_INITIALS.contains(fold(w).as_str()) {
                            lower
                        } else {
                            title_case(w)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        }
        _ => words
            .iter()
            .map(|w| fold(w))
            .map(|w| w.rsplit(['\'', '’']).next().unwrap_or_default().to_owned())
            .filter(|w| !w.is_empty() && !NOT_INITIALS.contains(w.as_str()))
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_uppercase(),
    }
}

/// Splits a closing tag off the end of a paragraph: "… efforts communs. PRIMATURE"
/// gives ("… efforts communs.", "PRIMATURE"). The paragraph must end a sentence
/// before the tag.
pub fn split_trailing_tag(paragraph: &str) -> Option<(&str, &str)> {
    let trimmed = paragraph.trim_end();
    // Candidate cut points: after each sentence end followed by white space.
    let mut cuts: Vec<usize> = trimmed
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?' | '»' | '…')
                && trimmed[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    cuts.reverse();
    for cut in cuts.into_iter().take(2) {
        let (body, tag) = (&trimmed[..cut], trimmed[cut..].trim());
        if body.ends_with('»')
            && !body
                .trim_end_matches('»')
                .trim_end()
                .ends_with(['.', '!', '?'])
        {
            continue;
        }
        if has_words(body, 8) && is_issuer_tag(tag) {
            return Some((body.trim_end(), tag));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_tags_by_shape_and_by_institution() {
        for tag in [
            "PRIMATURE",
            "CCRP/Primature",
            "CCRP PRÉSIDENCE",
            "BIP/MAECI",
            "MMEIA",
            "Cellule de Communication et des Relations Publiques de la Présidence",
            "Bureau de l’Information et de la Presse/MAECI",
            "Service de Communication du Ministère de la Santé",
            "DIRCOM/MDAC",
        ] {
            assert!(is_issuer_tag(tag), "{tag}");
        }
        for not_tag in [
            "Le Président de la Transition a reçu.",
            "Mali",
            "Bureau",
            "un message de solidarité",
            "« Le Mali »",
            "AU CHAPITRE DES MESURES INDIVIDUELLES",
        ] {
            assert!(!is_issuer_tag(not_tag), "{not_tag}");
        }
    }

    #[test]
    fn splits_a_tag_off_the_last_sentence() {
        let p = "Il a ajouté que la fidélité au combat du peuple palestinien constitue un héritage précieux. PRIMATURE";
        assert_eq!(split_trailing_tag(p).map(|(_, t)| t), Some("PRIMATURE"));
        let p = "Le Gouvernement applique les mêmes conditions aux citoyens maliens d’entrée aux États-Unis.   Bureau de l’Information et de la Presse/MAECI";
        assert_eq!(
            split_trailing_tag(p).map(|(_, t)| t),
            Some("Bureau de l’Information et de la Presse/MAECI")
        );
        assert_eq!(
            split_trailing_tag("Le Mali a reçu les ambassadeurs de trois pays amis. Cette visite"),
            None
        );
        assert_eq!(split_trailing_tag("Une phrase courte. AES"), None);
    }

    #[test]
    fn one_body_whatever_the_spelling() {
        for (tags, body) in [
            (
                &[
                    "BIP/MAECI",
                    "Bureau de l’Information et de la Presse/MAECI",
                    "Bureau de l'Information et de la Presse du MAECI",
                ][..],
                "BIP/MAECI",
            ),
            (
                &[
                    "CCRP/Primature",
                    "CCRP – Primature",
                    "Cellule de Communication et des Relations Publiques de la Primature",
                ][..],
                "CCRP/Primature",
            ),
            (
                &[
                    "CCRP PRÉSIDENCE",
                    "Cellule de Communication et des Relations Publiques de la Présidence",
                ][..],
                "CCRP/Présidence",
            ),
            (&["PRIMATURE", "Source : Primature"][..], "Primature"),
            (&["MAECI"][..], "MAECI"),
            (
                &["La Cellule de Communication et des Relations Publiques de la Primature"][..],
                "CCRP/Primature",
            ),
            (
                &["Source : Ambassade du Mali au Japon"][..],
                "Ambassade du Mali au Japon",
            ),
            (
                &[
                    "Direction de la Communication et des Relations Publiques de la Présidence de la République",
                ][..],
                "DCRP/Présidence",
            ),
        ] {
            for tag in tags {
                assert_eq!(canonical_issuer(tag), body, "{tag}");
            }
        }
    }

    #[test]
    fn recognises_signatures() {
        assert!(is_signature("Kader Toé"));
        assert!(is_signature("Amadou B. Diarra"));
        assert!(!is_signature("PRÉSIDENCE"));
        assert!(!is_signature("Actualités"));
        assert!(!is_signature("Le Mali avance vite"));
    }
}
