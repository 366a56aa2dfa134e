//! Which of the lines above a body is its headline, and the headline without
//! the furniture glued to it.
//!
//! Pages print several short lines before the text of an article: the site's
//! name, a menu, the headline (often twice, or inside a breadcrumb), a
//! caption, a lead cut with "…". Each candidate is weighed on its own shape
//! and on the rest of the page: a line printed again elsewhere on the page is
//! the headline; a line of links, a caption ("X accueillant Y", "Nom,
//! fonction"), a truncated teaser or a bare label is not. The first of the
//! best candidates wins; one that weighs too little gives no headline.

use super::issuer::{is_signature, starts_with_institution};
use crate::domain::text::{at_most_words, fold, has_words, squeeze_spaces, word_count};
use crate::domain::words::{WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/headline.txt",
    include_str!("../../lexicon/words/headline.txt"),
);

/// Why a candidate weighs what it weighs; shown by `extract --explain`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Weight {
    pub score: i32,
    pub reasons: Vec<&'static str>,
}

impl Weight {
    fn add(&mut self, points: i32, why: &'static str) {
        self.score += points;
        self.reasons.push(why);
    }
}

/// The least a candidate must weigh to be a headline.
pub const MIN_HEADLINE_SCORE: i32 = -1;
/// A candidate weighing this little is page furniture even under a headline.
pub const FURNITURE_SCORE: i32 = -3;

static SOCIAL_WORDS: WordList = WordList::new(&WORDS, "social_words");

/// Marks of a photo caption: who stands where, what a person is doing.
static CAPTION_MARKS: WordList = WordList::new(&WORDS, "caption_marks");
static CAPTION_PARTICIPLES: WordList = WordList::new(&WORDS, "caption_participles");

/// The weight of `line` as the headline of the text under it. `page` holds
/// the folded, squeezed lines of the whole file.
pub fn weigh(line: &str, page: &[String]) -> Weight {
    let mut w = Weight::default();
    let folded = squeeze_spaces(&fold(line));
    let words = word_count(line);
    if words < 4 {
        w.add(-1, "fewer than four words");
    }
    if words > 35 {
        w.add(-2, "as long as a paragraph");
    }
    let end = line.trim_end();
    if end.ends_with("...") || end.ends_with('…') || end.ends_with("(…)") {
        w.add(-3, "cut short with an ellipsis");
    }
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.iter().filter(|t| SOCIAL_WORDS.contains(t)).count() >= 2 {
        w.add(-4, "names social networks");
    }
    if is_link_row(line) {
        w.add(-3, "a row of capitalised links");
    }
    if is_caption(line, &folded, &tokens) {
        w.add(-2, "reads as a photo caption");
    }
    let office_name = starts_with_institution(&folded) && !has_kicker(line) && is_name_shaped(line);
    // A page reprints its headline; the page's own name (an office's)
    // printed again says nothing of the article.
    if words >= 3 && !office_name && is_repeated(&folded, page) {
        w.add(3, "printed again on the page");
    }
    if has_kicker(line) {
        w.add(1, "opens with a kicker ('Mali : …')");
    }
    if tokens.first().is_some_and(|t| DOCUMENT_NOUNS.contains(t)) {
        w.add(2, "names a document ('Communiqué …', 'Déclaration …')");
    }
    // "🇲🇱 64e ANNIVERSAIRE DE L’ARMÉE" decorates a post's headline; emoji
    // inside or after words are a comment's or a reaction's.
    let decorated = line
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| is_pictograph(c) || c == '*')
        && words >= 3;
    if !decorated && line.chars().any(is_pictograph) {
        w.add(-2, "carries emoji, as posts and comments do");
    }
    if is_signature(line) {
        w.add(-3, "a name alone, as a byline or signature");
    }
    if office_name {
        w.add(
            -2,
            "an office's name alone, as a letterhead or a page's name prints it",
        );
    }
    w
}

/// "Ministère de la Défense et des Anciens Combattants - Mali", "PRIMATURE DU
/// MALI": capitalised words and the small words of a name, no figure, no
/// verb in lower case.
fn is_name_shaped(line: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || matches!(c, '’' | '\'' | '-' | '–'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(
                    w,
                    "de" | "la"
                        | "le"
                        | "les"
                        | "des"
                        | "du"
                        | "d"
                        | "l"
                        | "et"
                        | "en"
                        | "à"
                        | "au"
                        | "aux"
                )
                || !w.chars().any(char::is_alphanumeric)
        })
}

/// Does the line open with a noun that titles an official text
/// ("COMMUNIQUÉ CONJOINT", "Déclaration …")?
pub fn is_document_line(line: &str) -> bool {
    let folded = fold(line);
    folded
        .split(|c: char| !c.is_alphanumeric())
        .find(|t| !t.is_empty())
        .is_some_and(|t| DOCUMENT_NOUNS.contains(t))
}

/// Nouns that open the title of an official text.
static DOCUMENT_NOUNS: WordList = WordList::new(&WORDS, "document_nouns");

/// Emoji and pictographs, which headlines do not carry.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

/// "Accueil Politique Sécurité Economie Société", "Facebook Twitter LinkedIn":
/// capitalised words with no small word between them (all-capitals headlines
/// excepted).
fn is_link_row(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 4
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
        // Links are written in title case ("Politique"), not in capitals.
        && words
            .iter()
            .filter(|w| {
                w.starts_with(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase)
            })
            .count()
            * 2
            >= words.len()
        // "Coopération Guinée – Mali": a dash joins the parties of a headline.
        && !line.contains([':', ',', '«', '–'])
        && !line.contains(" - ")
}

/// A caption names who is in the picture and what they do: "(g)", "Le
/// président X accueillant son homologue", "Assimi Goïta, Président de la
/// Transition".
fn is_caption(line: &str, folded: &str, tokens: &[&str]) -> bool {
    if CAPTION_MARKS.iter().any(|m| folded.contains(m)) {
        return true;
    }
    if tokens
        .iter()
        .take(8)
        .skip(1)
        .any(|t| CAPTION_PARTICIPLES.contains(t))
    {
        return true;
    }
    // "Nom Prénom, fonction": two or more capitalised words, then a comma.
    let Some((name, _)) = line.split_once(',') else {
        return false;
    };
    let name_words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&name_words.len())
        && name_words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !line.contains(':')
}

/// Is the line printed again on the page, alone or inside a longer line (a
/// breadcrumb, "Accueil » …")?
fn is_repeated(folded: &str, page: &[String]) -> bool {
    if folded.chars().count() < 15 {
        return false;
    }
    page.iter().filter(|l| l.contains(folded)).count() >= 2
}

/// "Mali : …", "AUDIENCE : …", "Niger-Mali : …": a word or three, a colon.
pub fn has_kicker(line: &str) -> bool {
    line.split_once(" : ")
        .or_else(|| line.split_once(": "))
        .is_some_and(|(head, tail)| at_most_words(head, 4) && has_words(tail, 3))
}

/// The index of the headline among `candidates` (in page order), with each
/// candidate's weight.
pub fn choose(candidates: &[&str], page: &[String]) -> (Option<usize>, Vec<Weight>) {
    let weights: Vec<Weight> = candidates.iter().map(|c| weigh(c, page)).collect();
    let best = weights
        .iter()
        .enumerate()
        .filter(|(_, w)| w.score >= MIN_HEADLINE_SCORE)
        // max_by_key keeps the last of equals: compare on (score, earlier first).
        .max_by_key(|(i, w)| (w.score, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    (best, weights)
}

/// The headline as written, without a site's name glued after it ("… -
/// adakar.com"), a "Publié le …" tail or a hashtag before it ("#Mali : ").
pub fn clean_title(title: &str) -> String {
    // Decoration of a post's headline: emoji, "*bold*" and "📢" marks.
    let mut t = title.trim().trim_matches(|c: char| {
        is_pictograph(c) || matches!(c, '*' | '_' | '\u{fe0f}' | '\u{200d}') || c.is_whitespace()
    });
    // "#Mali : Diplomatie : …", "#FAMa Diplomatie…"
    while let Some(rest) = t.strip_prefix('#') {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        t = rest[end..]
            .trim_start()
            .trim_start_matches(':')
            .trim_start();
    }
    // "Mali La rupture avec Kiev…": a category's word glued before a
    // headline that opens on its article.
    if let Some((first, rest)) = t.split_once(' ')
        && !first.contains([':', ',', '-'])
        && first.starts_with(char::is_uppercase)
        && ["La ", "Le ", "Les ", "L’", "L'", "Un ", "Une "]
            .iter()
            .any(|a| rest.starts_with(a))
        && has_words(rest, 4)
    {
        t = rest;
    }
    if let Some(i) = [" Publié le ", " publié le ", " Publie le ", " PUBLIÉ LE "]
        .iter()
        .filter_map(|p| t.find(p))
        .min()
    {
        t = t[..i].trim_end();
    }
    for sep in [" - ", " – ", " | ", " — "] {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && is_site_name(tail)
            && has_words(head, 3)
        {
            t = head.trim_end();
        }
    }
    t.to_owned()
}

/// "adakar.com", "www.maliweb.net", "Malijet.com": a web address.
fn is_site_name(s: &str) -> bool {
    let s = s.trim();
    at_most_words(s, 2)
        && s.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty()
                && (2..=4).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_lowercase())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| squeeze_spaces(&fold(l))).collect()
    }

    #[test]
    fn the_headline_printed_twice_wins_over_a_lead_and_a_label() {
        let lines = [
            "Poutine et Goïta ont évoqué la situation au Niger lors d’un entretien téléphonique",
            "Poutine et Goïta ont évoqué la situation au Niger lors d’un entretien téléphonique",
            "Le Président russe et son homologue ont fait le point sur la crise nigérienne et sur la coopération... 15.08.2023, Sputnik Afrique",
        ];
        let (best, _) = choose(&lines, &page(&lines));
        assert_eq!(best, Some(0));
    }

    #[test]
    fn captions_and_link_rows_lose_to_the_headline() {
        let lines = [
            "Accueil Politique Sécurité Economie Société Brèves Contact",
            "Le président Macky Sall accueillant son homologue malien Bah N’Daw au Palais",
            "Dakar : Macky Sall et Bah N’Daw veulent « une transition réussie » au Mali",
        ];
        let (best, weights) = choose(&lines, &page(&lines));
        assert_eq!(best, Some(2), "{weights:?}");
        // A caption alone is no headline.
        let lines = ["Assimi Goïta, Président de la transition malienne"];
        let (best, _) = choose(&lines, &page(&lines));
        assert_eq!(best, None);
        // Under the headline, the first of equals wins: a caption after it loses.
        let lines = [
            "Koulouba : le chef de l’État reçoit un émissaire du président Erdogan",
            "Le vice-ministre turc des Affaires étrangères à sa sortie d’audience au palais",
        ];
        assert_eq!(choose(&lines, &page(&lines)).0, Some(0));
    }

    #[test]
    fn an_official_text_is_titled_by_its_document_line_not_its_letterhead() {
        let lines = [
            "SECRETARIAT GENERAL DU GOUVERNEMENT",
            "COMMUNIQUE DU CONSEIL DES MINISTRES DU MERCREDI 1er DECEMBRE 2021",
            "CM N°2021-46/SGG",
        ];
        assert_eq!(choose(&lines, &page(&lines)).0, Some(1));
    }

    #[test]
    fn posts_with_emoji_and_bare_names_are_not_headlines() {
        let lines = [
            "Merci à la Russie pour son soutien 🇲🇱🇷🇺",
            "REMISE DE L’ÉTENDARD À LA FORCE UNIFIÉE DE LA CONFÉDÉRATION AES",
        ];
        assert_eq!(choose(&lines, &page(&lines)).0, Some(1));
        let lines = ["Omar Alieu Touray"];
        assert_eq!(choose(&lines, &page(&lines)).0, None);
    }

    #[test]
    fn a_posts_headline_wins_over_the_posters_name() {
        // The page's name above a post's date stamp, then the post's
        // headline decorated with flags.
        let lines = [
            "Ministère de l’Agriculture et de l’Élevage - Mali",
            "🇲🇱🇸🇳 SIGNATURE D’UN ACCORD SUR LA TRANSHUMANCE",
        ];
        let (best, weights) = choose(&lines, &page(&lines));
        assert_eq!(best, Some(1), "{weights:?}");
        assert_eq!(
            clean_title("*📢 COMMUNIQUÉ DU MINISTÈRE DE LA SANTÉ 🇲🇱*"),
            "COMMUNIQUÉ DU MINISTÈRE DE LA SANTÉ"
        );
        // An office's name in a dated headline is news, not a letterhead.
        let lines = ["Conseil des Ministres du mercredi 13 août 2025"];
        assert_eq!(choose(&lines, &page(&lines)).0, Some(0));
        assert!(is_document_line("COMMUNIQUE CONJOINT"));
        assert!(!is_document_line("Audience accordée"));
    }

    #[test]
    fn cleans_glued_furniture() {
        for (raw, want) in [
            (
                "Dakar : Macky Sall et Bah N’Daw veulent « une transition réussie » au Mali - adakar.com",
                "Dakar : Macky Sall et Bah N’Daw veulent « une transition réussie » au Mali",
            ),
            (
                "#Mali : Diplomatie : le nouvel ambassadeur remet ses lettres",
                "Diplomatie : le nouvel ambassadeur remet ses lettres",
            ),
            (
                "Le Mali et le Sénégal signent onze accords Publié le dimanche 15 novembre 2020 | Le Soleil",
                "Le Mali et le Sénégal signent onze accords",
            ),
            (
                "Ministère de la Défense et des Anciens Combattants - Mali",
                "Ministère de la Défense et des Anciens Combattants - Mali",
            ),
            (
                "Mali La rupture avec Kiev à la une des journaux",
                "La rupture avec Kiev à la une des journaux",
            ),
        ] {
            assert_eq!(clean_title(raw), want);
        }
    }
}
