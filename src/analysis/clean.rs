//! Web chrome: which lines of a dump belong to the page around the articles.
//!
//! Dumps are text copied from news and institutional sites, so each line is
//! judged on its own: menus, counters, share buttons, bylines, page dates and
//! the markers that open a page's side bar or a list of other articles. The
//! phrases are those of French-language news sites in general (WordPress themes
//! and the like), not of one site.

use time::Date;

use super::dates::{date_line, date_line_without_dashes, find_dates};
use crate::domain::text::{at_most_words, fold, fold_start, has_words};
use crate::domain::words::{WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/clean.txt",
    include_str!("../../lexicon/words/clean.txt"),
);

/// What one line of a dump is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineClass {
    /// Empty or white space.
    Blank,
    /// Prose or a headline: something a reader reads.
    Text,
    /// One or two words with no sentence in them ("Actualités", "Kader Toé",
    /// "PRÉSIDENCE"): a label, a signature or an issuer tag, depending on where
    /// it stands; the segmenter decides.
    Short,
    /// A line that is only a date: the page's date or a side-bar date.
    PageDate(Date),
    /// "Bamako, le 22 mars 2025", "Fait à Ouagadougou, le 25 février 2023": a
    /// place and a date, which opens a letter or dates its signature. Part of
    /// the article it stands in.
    Dateline(Date),
    /// "Lire »": the end of a teaser.
    ReadMore,
    /// The start of what follows the article on a page: other articles, tags,
    /// previous/next links, side bars, footers.
    SectionBreak,
    /// "9 COMMENTAIRES", "Toutes les réactions :", "Laisser un commentaire": the
    /// heading of readers' comments, which are no article.
    Comments,
    /// Anything else that belongs to the page, not to an article.
    Chrome,
}

/// Whole lines (folded, bullets and end punctuation removed) that are chrome.
static CHROME_LINES: WordList = WordList::new(&WORDS, "chrome_lines");

/// Line beginnings that make the whole line chrome.
static CHROME_PREFIXES: WordList = WordList::new(&WORDS, "chrome_prefixes");

/// Words of a site's credit line ("WordPress Theme built by …", "Propulsé
/// par …"): the footer, wherever it stands.
static FOOTER_CREDITS: WordList = WordList::new(&WORDS, "footer_credits");
/// A credit line has at most this many words.
const MAX_CREDIT_WORDS: usize = 10;

/// Line beginnings that open what follows an article on a page.
static SECTION_PREFIXES: WordList = WordList::new(&WORDS, "section_prefixes");

/// Line beginnings (folded, counters removed) that head readers' comments.
static COMMENTS_PREFIXES: WordList = WordList::new(&WORDS, "comments_prefixes");

/// Spaces that set two columns apart on one line of a PDF's text.
const COLUMN_GAP: &str = "      ";
const MAX_COLUMN_LINE_WORDS: usize = 16;

const BULLETS: &[char] = &['•', '·', '▪', '◦', '►', '▸', '‣', '●'];

/// Classifies one line of a dump.
pub fn classify(line: &str) -> LineClass {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return LineClass::Blank;
    }
    // Two columns set side by side (a letterhead, signatures): a run of
    // spaces inside a short line (a paragraph may right-align its signature).
    if trimmed.contains(COLUMN_GAP) && at_most_words(trimmed, MAX_COLUMN_LINE_WORDS) {
        return LineClass::Chrome;
    }
    let folded = fold(trimmed);
    let bare = folded
        .trim_start_matches(|c: char| BULLETS.contains(&c) || c.is_whitespace())
        .trim_end_matches(|c: char| {
            matches!(c, ':' | '.' | '!' | '»' | '›' | '>') || c.is_whitespace()
        });
    if matches!(bare, "lire" | "lire la suite") && trimmed != bare {
        return LineClass::ReadMore;
    }
    if is_inline_read_also(bare) {
        return LineClass::Chrome;
    }
    // "Home | Politique | Sport | Société | …": a menu however long.
    if is_menu_row(trimmed) && trimmed.matches('|').count() >= 2 {
        return LineClass::Chrome;
    }
    if is_comments_heading(bare) {
        return LineClass::Comments;
    }
    if SECTION_PREFIXES.iter().any(|p| bare.starts_with(p)) {
        return LineClass::SectionBreak;
    }
    if let Some(date) = date_line_without_dashes(strip_date_label(trimmed)) {
        return LineClass::PageDate(date);
    }
    if let Some(date) = dated_byline(trimmed) {
        return LineClass::PageDate(date);
    }
    if let Some(date) = dateline(trimmed) {
        return LineClass::Dateline(date);
    }
    if is_post_stamp(trimmed) {
        return LineClass::Chrome;
    }
    match page_meta(trimmed, &folded) {
        Some(Some(date)) => return LineClass::PageDate(date),
        Some(None) => return LineClass::Chrome,
        None => {}
    }
    if CHROME_LINES.contains(bare)
        || CHROME_PREFIXES.iter().any(|p| bare.starts_with(p))
        || folded.contains("share on facebook")
        || folded.contains("tous droits reserves")
        || at_most_words(trimmed, MAX_CREDIT_WORDS)
            && FOOTER_CREDITS.iter().any(|c| folded.contains(c))
    {
        return LineClass::Chrome;
    }
    if is_counter(bare)
        || is_menu_item(trimmed)
        || is_byline(trimmed)
        || is_category(trimmed)
        || is_contact_row(trimmed)
        || is_archive_title(&folded)
    {
        return LineClass::Chrome;
    }
    if at_most_words(trimmed, 2)
        && !trimmed.ends_with(['.', '!', '?'])
        && !super::headline::is_document_line(trimmed)
    {
        return LineClass::Short;
    }
    LineClass::Text
}

/// Labels that pages print before their date: "Publié le", "Mis à jour le :",
/// "Date :".
fn strip_date_label(line: &str) -> &str {
    // The labels are at most 19 letters and a separator: the line's start is
    // all that needs folding.
    let folded = fold_start(line, 20);
    for label in [
        "publie le",
        "mis a jour le",
        "date de publication",
        "date",
        "le",
    ] {
        if let Some(rest) = folded.strip_prefix(label)
            && rest.starts_with([' ', ':'])
        {
            // Folding keeps character counts for these ASCII-foldable labels.
            let cut = line
                .char_indices()
                .nth(label.chars().count())
                .map_or(line.len(), |(i, _)| i);
            return line[cut..].trim_start_matches([' ', ':']);
        }
    }
    line
}

/// "20 janvier à 11:26 ·", "07/07/2025 09:41": a post's date stamp, with or
/// without its year, and nothing else but a time. (A stamp with its year is
/// read as the page's date before this.)
pub fn is_post_stamp(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['·', ' ', '•']);
    if !at_most_words(t, 6) {
        return false;
    }
    let found = find_dates(t, Some(2000));
    let Some(m) = found.first() else {
        return false;
    };
    let rest = format!("{} {}", &t[..m.start], &t[m.end..]);
    rest.split_whitespace().all(|w| {
        matches!(w, "à" | "a" | "le")
            || w.bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'h')
    })
}

/// "Par La Rédaction - 12 mars 2025", "Par Amadou Diarra | 12/03/2025": a byline
/// that carries the page date.
fn dated_byline(line: &str) -> Option<time::Date> {
    let rest = line
        .strip_prefix("Par ")
        .or_else(|| line.strip_prefix("par "))?;
    if !at_most_words(line, 12) {
        return None;
    }
    rest.split(['-', '–', '|', ','])
        .map(str::trim)
        .find_map(date_line)
}

/// Words that say a line is about the page, not the news: who posted it,
/// when it was updated, how long it takes to read, how many saw it.
static META_MARKERS: WordList = WordList::new(&WORDS, "meta_markers");
static BYLINE_WORDS: WordList = WordList::new(&WORDS, "byline_words");
/// A page-meta line has at most this many words.
const MAX_META_WORDS: usize = 14;

/// A line of page furniture, with the date it carries if any: "18 janvier
/// 2026 Non Par LA RÉDACTION", "avril 23, 2021 par Rédaction", "Publié
/// mercredi 15 janvier 2025 à 07:40", "12 mars 2025 à 17h32 - 214 vues",
/// "Publié il y a 3 heures", "Auteur: Serge Kouamé", "Actualité | Politique |
/// Sport". A date beside anything but byline words, a time of day or an
/// update marker is a headline's ("Conseil des ministres du 13 août 2025").
fn page_meta(line: &str, folded: &str) -> Option<Option<Date>> {
    if !at_most_words(line, MAX_META_WORDS)
        || line.ends_with(['.', '!', '?']) && !line.ends_with("...")
    {
        return None;
    }
    if is_menu_row(line) {
        return Some(None);
    }
    let starts_with_byline = ["auteur", "par ", "by ", "publie", "posted", "ecrit par"]
        .iter()
        .any(|p| folded.starts_with(p));
    let ago = folded
        .match_indices("il y a ")
        .any(|(i, m)| folded[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()));
    let marked = starts_with_byline || ago || META_MARKERS.iter().any(|m| folded.contains(m));
    let found = find_dates(&line.replace(" - ", " "), None);
    let dated = found.iter().find(|m| m.year_written);
    if marked {
        return Some(dated.map(|m| m.date));
    }
    let m = dated?;
    let normalised = line.replace(" - ", " ");
    let rest = format!("{} {}", &normalised[..m.start], &normalised[m.end..]);
    let words: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    let timed = words
        .iter()
        .any(|w| w.contains('h') && w.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        || rest.contains(':') && rest.bytes().any(|b| b.is_ascii_digit());
    let byline = words.iter().any(|w| BYLINE_WORDS.contains(w.as_str()));
    (timed || byline).then_some(Some(m.date))
}

/// "Actualité | Politique | Société", "Apanews | | Commenter |Imprimer": a row
/// of links split by bars, each a word or three.
fn is_menu_row(line: &str) -> bool {
    let parts: Vec<&str> = line.split(['|', '>', '»']).map(str::trim).collect();
    parts.len() >= 2
        && parts.iter().all(|p| at_most_words(p, 3))
        && !line.ends_with(['.', '!', '?'])
}

/// Words of the longest dateline: "Fait à Ouagadougou, le samedi 25 février 2023".
const MAX_DATELINE_WORDS: usize = 9;

/// "Bamako, le 22 mars 2025", "Conakry, le 1er aout 2024", "Fait à
/// Ouagadougou, le 25 février 2023": a capitalised place, a comma, a full date
/// that ends the line.
fn dateline(line: &str) -> Option<Date> {
    if !at_most_words(line, MAX_DATELINE_WORDS) || !line.starts_with(char::is_uppercase) {
        return None;
    }
    let (place, rest) = line.split_once(',')?;
    if !at_most_words(place, 4) || place.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim().trim_end_matches('.');
    let rest = rest.strip_prefix("le ").unwrap_or(rest);
    let found = find_dates(rest, None);
    let m = found.first()?;
    (m.start == 0 && m.end == rest.len() && m.year_written).then_some(m.date)
}

/// Markers of a link to another article ("Lire aussi", "À lire aussi").
pub static READ_ALSO: WordList = WordList::new(&WORDS, "read_also");

/// "Lire aussi : AES : les ministres … à Niamey", "| Lire aussi : Guinée : …":
/// a link to another article set inside this one, its headline on the
/// marker's line. Furniture; the text around it goes on.
fn is_inline_read_also(bare: &str) -> bool {
    let t = bare.trim_start_matches(['|', ' ', '-', '>']);
    READ_ALSO.iter().any(|m| {
        t.strip_prefix(m)
            .and_then(|r| r.trim_start().strip_prefix(':'))
            .is_some_and(|r| has_words(r, 3))
    })
}

/// Is this line a bare "Lire aussi" marker?
pub fn is_read_also_marker(line: &str) -> bool {
    let f = fold(line.trim());
    let bare = f.trim_end_matches([':', ' ', '.']);
    READ_ALSO.contains(bare)
}

/// "Commentaires via Facebook :", "9 COMMENTAIRES", "Commentaires (14)",
/// "Laisser un commentaire": a heading over readers' comments or their form.
fn is_comments_heading(bare: &str) -> bool {
    if COMMENTS_PREFIXES.iter().any(|p| bare.starts_with(p)) {
        return true;
    }
    // A count of comments ("9 commentaires", "1,1 k commentaires") and
    // nothing else: the counter that heads the list.
    let mut words = bare.split_whitespace().rev();
    matches!(
        words.next(),
        Some("commentaires" | "reponses" | "reactions")
    ) && words.all(|w| {
        w.bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'k')
    }) && has_words(bare, 2)
}

/// "0", "12", "1 234", "3 commentaires", "150 vues".
fn is_counter(bare: &str) -> bool {
    let mut words = bare.split_whitespace();
    let Some(n) = words.next() else { return false };
    n.bytes()
        .all(|b| b.is_ascii_digit() || b == b'k' || b == b',')
        && words.all(|w| {
            w.bytes().all(|b| b.is_ascii_digit() || b == b',')
                || matches!(
                    w,
                    "vues"
                        | "vue"
                        | "commentaires"
                        | "commentaire"
                        | "partages"
                        | "likes"
                        | "min"
                        | "minutes"
                        | "k"
                        | "m"
                        | "mentions"
                        | "j'aime"
                        | "j’aime"
                        | "followers"
                        | "abonnes"
                        | "•"
                        | "·"
                )
        })
}

/// "• Politique", "  • Faits Divers": items of a menu or a category list.
fn is_menu_item(line: &str) -> bool {
    let t = line.trim_start();
    // "- malikunafoninet", "- 12 févr.", "- 2 min de lecture": a dash and a
    // word or three is a row of page furniture, whatever ends it.
    if let Some(rest) = t.strip_prefix(['-', '–'])
        && rest.starts_with(' ')
        && at_most_words(rest, 3)
        && !rest.contains(['«', '"'])
        // "– Conseiller technique :" opens an item of a list in the text.
        && !rest.trim_end().ends_with([':', ';', ','])
    {
        return true;
    }
    let Some(rest) = t.strip_prefix(BULLETS) else {
        return false;
    };
    at_most_words(rest, 5) && !rest.trim_end().ends_with(['.', ';', '!', '?'])
}

/// "Actujet Par Actujet", "Par La Rédaction": a byline printed under a headline.
fn is_byline(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let by = words
        .iter()
        .position(|w| *w == "Par" || *w == "par" && words.len() <= 4);
    match by {
        Some(i) => words.len() <= 7 && i + 1 < words.len() && i <= 3 && !line.ends_with('.'),
        None => false,
    }
}

/// "Kadi, Moussa Tr, +223 76 41 .. .., Vous": names and telephone numbers,
/// as a chat's member list or a contact box prints them.
fn is_contact_row(line: &str) -> bool {
    let phone = line.match_indices('+').any(|(i, _)| {
        line[i + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_digit())
            .count()
            >= 3
    });
    phone && at_most_words(line, 16) && !ends_with_sentence(line)
}

/// "diplomatie Archives - Ministère des Affaires Étrangères": the title of a
/// site's archive page.
fn is_archive_title(folded: &str) -> bool {
    folded.contains(" archives - ") || folded.contains(" archives | ")
}

fn ends_with_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?'])
}

/// "Dans Politique", "Dans Société /politique": the category a page files a story in.
fn is_category(line: &str) -> bool {
    line.starts_with("Dans ") && at_most_words(line, 4) && !line.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use LineClass::*;

    #[test]
    fn classifies_lines() {
        let cases: &[(&str, LineClass)] = &[
            ("", Blank),
            ("   ", Blank),
            ("Lire »", ReadMore),
            ("Lire la suite »", ReadMore),
            ("Autres articles qui font l'actualité", SectionBreak),
            ("Mots clés: Alousseini SanouAssimi Goïta", SectionBreak),
            ("Article précédent", SectionBreak),
            ("    Nouvelles récentes", SectionBreak),
            ("    © 2025 Actujet", SectionBreak),
            (
                "Partagez cette page sur vos réseaux sociaux :",
                SectionBreak,
            ),
            ("Share on FacebookShare on Twitter", Chrome),
            ("Commentaires via Facebook :", Comments),
            ("12 COMMENTAIRES", Comments),
            ("Commentaires (3)", Comments),
            ("Toutes les réactions :", Comments),
            ("Laisser un commentaire", Comments),
            ("3 vues", Chrome),
            (
                "Lire aussi : Niger : le ministre reçoit une délégation",
                Chrome,
            ),
            ("| À lire aussi : Bamako accueille un forum", Chrome),
            ("Lire aussi", SectionBreak),
            ("Theme built by Studio Web.", Chrome),
            ("Propulsé par WordPress", Chrome),
            ("20 janvier à 11:26  ·", Chrome),
            ("Awa, Issa K, +223 70 12 .. .., Vous", Chrome),
            ("↪ Transféré plusieurs fois", Chrome),
            ("Suivez-nous sur nos réseaux pour ne rien rater", Chrome),
            (
                "diplomatie Archives - Ministère des Affaires étrangères",
                Chrome,
            ),
            ("News > Afrique", Chrome),
            (
                "Maghreb  |  Afrique de l'Ouest  |  Afrique Centrale  |  Afrique de l'Est  |  Afrique Australe",
                Chrome,
            ),
            ("412 k mentions J’aime • 689 k followers", Chrome),
            ("6,8 k", Chrome),
            ("Choix de l'éditeur | Version digest", Chrome),
            ("COMMUNIQUÉ CONJOINT", Text),
            ("14 mars à 9h30", Chrome),
            ("Aucun résultat", Chrome),
            ("Afficher tous les résultats", Chrome),
            ("  • Faits Divers", Chrome),
            ("    • Politique /gouvernance", Chrome),
            ("Actujet Par Actujet", Chrome),
            ("Dans Politique", Chrome),
            ("0", Chrome),
            ("ACTIONS", Chrome),
            ("Test Restez connecté", Chrome),
            ("Facebook", Chrome),
            ("WhatsApp", Chrome),
            (
                "Publié le 12/03/2025",
                PageDate(time::macros::date!(2025 - 03 - 12)),
            ),
            (
                "Publié le : mercredi 12 mars 2025",
                PageDate(time::macros::date!(2025 - 03 - 12)),
            ),
            (
                "Par La Rédaction - 12 mars 2025",
                PageDate(time::macros::date!(2025 - 03 - 12)),
            ),
            ("Publié le vendredi par la rédaction", Chrome),
            (
                "30 juillet 2025",
                PageDate(time::macros::date!(2025 - 07 - 30)),
            ),
            ("Actualités", Short),
            ("- 12 févr.", Chrome),
            ("- 2 min de lecture", Chrome),
            (
                "PRESIDENCE DE LA REPUBLIQUE                 RÉPUBLIQUE DU MALI",
                Chrome,
            ),
            (
                "Bamako, le 22 mars 2025",
                Dateline(time::macros::date!(2025 - 03 - 22)),
            ),
            (
                "Fait à Ouagadougou, le 25 février 2023",
                Dateline(time::macros::date!(2023 - 02 - 25)),
            ),
            (
                "08 - Novembre - 2024",
                PageDate(time::macros::date!(2024 - 11 - 08)),
            ),
            (
                "18 janvier 2026 Non Par LA RÉDACTION",
                PageDate(time::macros::date!(2026 - 01 - 18)),
            ),
            (
                "avril 23, 2021 par Rédaction",
                PageDate(time::macros::date!(2021 - 04 - 23)),
            ),
            (
                "Publié mercredi 15 janvier 2025 à 07:40",
                PageDate(time::macros::date!(2025 - 01 - 15)),
            ),
            (
                "12 mars 2025 à 17h32 - 214 vues",
                PageDate(time::macros::date!(2025 - 03 - 12)),
            ),
            ("Publié il y a 3 heures / Actualisé il y a 2 heures", Chrome),
            ("Dernière mise à jour à 09h36 le 09/12", Chrome),
            ("Auteur: Serge Kouamé - ivoirematin.com", Chrome),
            (
                "Actualité | Politique | Société | Sport | International",
                Chrome,
            ),
            (
                "Mali : Communiqué du Conseil des Ministres du mercredi 13 août 2025",
                Text,
            ),
            ("Communiqué du 30 décembre 2025", Text),
            ("Kader Toé", Short),
            ("PRÉSIDENCE", Short),
            ("Un mécanisme stratégique en marche", Text),
            (
                "Le Président de la Transition a reçu les Lettres de créance par courrier.",
                Text,
            ),
            (
                "• La coopération entre les deux pays s'est renforcée en matière de santé.",
                Text,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(&classify(line), want, "{line:?}");
        }
    }
}
