//! Permanent links: `{yyyy-mm-dd}-{title words}`, a pure function of content.

use time::Date;

/// Slugs stay readable in a URL bar and in citations.
const MAX_SLUG_CHARS: usize = 80;

/// The slug of a communiqué: its date (or `sans-date`) and the words of its
/// headline (or, with none, of its first sentence), in lower-case ASCII.
pub fn slug(date: Option<Date>, title: Option<&str>, body: &str) -> String {
    let prefix = date.map_or_else(|| "sans-date".to_owned(), |d| d.to_string());
    let source = title.filter(|t| !t.trim().is_empty()).unwrap_or(body);
    let words = slugify(source, MAX_SLUG_CHARS - prefix.len() - 1);
    if words.is_empty() {
        prefix
    } else {
        format!("{prefix}-{words}")
    }
}

/// Lower-case ASCII words joined by hyphens, whole words only, at most `max`
/// characters: "Assimi Goïta" → "assimi-goita".
pub fn slugify(text: &str, max: usize) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut out = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = usize::from(!out.is_empty()) + word.len();
        if out.len() + extra > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// An issuer's address: the words of its issuing body ("BIP/MAECI" →
/// "bip-maeci"); bodies written alike but for case, accents or punctuation
/// are one issuer.
pub fn issuer_slug(body: &str) -> String {
    slugify(body, MAX_SLUG_CHARS)
}

/// The slug to use when `base` is already taken by another communiqué: the
/// start of the content hash keeps it deterministic.
pub fn disambiguate(base: &str, content_hash: &str, len: usize) -> String {
    format!("{base}-{}", &content_hash[..len.min(content_hash.len())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn bodies_written_alike_are_one_issuer() {
        assert_eq!(issuer_slug("BIP/MAECI"), "bip-maeci");
        assert_eq!(
            issuer_slug("CCRP/Présidence"),
            issuer_slug("CCRP PRÉSIDENCE")
        );
        assert_ne!(issuer_slug("Présidence"), issuer_slug("Primature"));
        assert_eq!(issuer_slug("—"), "", "no words, no address");
    }

    #[test]
    fn slugs_are_dated_ascii_and_short() {
        assert_eq!(
            slug(
                Some(date!(2026 - 01 - 05)),
                Some("Présentation des Lettres de créance : Les Pays-Bas et la Chine"),
                ""
            ),
            "2026-01-05-presentation-des-lettres-de-creance-les-pays-bas-et-la-chine"
        );
        assert_eq!(
            slug(
                None,
                None,
                "Le Président de la Transition, Chef de l’État, a reçu"
            ),
            "sans-date-le-president-de-la-transition-chef-de-l-etat-a-recu"
        );
        let long = slug(Some(date!(2025 - 01 - 01)), Some(&"mot ".repeat(100)), "");
        assert!(long.len() <= MAX_SLUG_CHARS && !long.ends_with('-'));
        assert_eq!(
            disambiguate("2025-01-01-x", "abcdef0123", 6),
            "2025-01-01-x-abcdef"
        );
    }
}
