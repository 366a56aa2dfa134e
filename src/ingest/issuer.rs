//! The issuer tag that ends an official article: "PRIMATURE", "BIP/MAECI",
//! "CCRP PRÉSIDENCE", "Cellule de Communication et des Relations Publiques de la
//! Présidence", "Bureau de l'Information et de la Presse/MAECI", or a signed
//! author ("Kader Toé").
//!
//! Tags follow the last sentence of the article, on the same line or on their
//! own. They are recognised by shape (an acronym or an all-capitals name) or by
//! the institutional noun they start with, so tags never seen before are found.

use crate::text::{fold, word_count};

/// Nouns that open the name of a communication service or institution.
const INSTITUTION_HEADS: &[&str] = &[
    "cellule",
    "bureau",
    "service",
    "direction",
    "departement",
    "ministere",
    "secretariat",
    "presidence",
    "primature",
    "gouvernement",
    "agence",
    "office",
    "commission",
    "ambassade",
    "mission",
    "conseil",
    "cabinet",
    "division",
    "la cellule",
    "le bureau",
    "le service",
    "la direction",
    "le secretariat",
    "le ministere",
    "source",
];

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
    let words = word_count(tag);
    if tag.is_empty() || words > 14 || tag.chars().count() > 120 {
        return false;
    }
    if tag.ends_with(['.', '!', '?', ':', ';', ',']) || tag.contains(['«', '»', '"']) {
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
        if word_count(body) >= 8 && is_issuer_tag(tag) {
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
    fn recognises_signatures() {
        assert!(is_signature("Kader Toé"));
        assert!(is_signature("Amadou B. Diarra"));
        assert!(!is_signature("PRÉSIDENCE"));
        assert!(!is_signature("Actualités"));
        assert!(!is_signature("Le Mali avance vite"));
    }
}
