//! Persons named in an article, with every spelling seen and the title or
//! function written with each mention.
//!
//! A name is a run of capitalised words, particles allowed inside ("Bin", "Al",
//! "Ag", "dit", "de"). It is taken for a person when
//! - its shape says so: a family name in capitals beside a given name
//!   ("Assimi GOÏTA", "LI Xiang", "Christophe COLOMB"), or
//! - a title, honorific or function introduces it ("S.E.M. Hassan Al Balawi",
//!   "le Général de Division Abdoulaye Maïga", "le Ministre russe de l'Énergie,
//!   Sergueï Tsivilev"), or a function follows it ("Assimi Goïta, Président…").
//!
//! It is not a person inside a place's name ("Aéroport international Président
//! Modibo Keita"), nor when a word of it is an institution, a country or a city.
//! A family name alone ("DIOP", "Sacko") or a nickname ("dit Iron Biby") is
//! another spelling of the person the article has already named in full.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::countries;
use super::tokens::{Article, Token, Tokenized};
use crate::domain::person::{PersonMention, accent_score, same_folded_person};
use crate::domain::text::{at_most_words, fold, title_case};
use crate::domain::words::{PhraseList, WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/persons.txt",
    include_str!("../../../lexicon/words/persons.txt"),
);

/// Elided words: "l’Ambassadeur" is not a name "L’Ambassadeur".
static ELISIONS: WordList = WordList::new(&WORDS, "elisions");

/// Particles that may stand inside a name.
static PARTICLES: WordList = WordList::new(&WORDS, "particles");
/// Small words that may follow a particle inside a name: "RUIZ DE LA
/// FUENTE", "van der Berg", "de los Santos".
static SECOND_PARTICLES: WordList = WordList::new(&WORDS, "second_particles");
/// Titles of monarchs and of religious heads, who may be named by one name:
/// "l'Empereur Naruhito", "le Roi Mohammed VI".
static SOVEREIGN_TITLES: WordList = WordList::new(&WORDS, "sovereign_titles");
/// Particles written in lower case in a canonical name.
static LOWER_PARTICLES: WordList = WordList::new(&WORDS, "lower_particles");

/// Honorifics: they introduce a name and are not part of it.
static HONORIFICS: WordList = WordList::new(&WORDS, "honorifics");

/// Functions and ranks that introduce a name ("le Ministre Mossa Ag Attaher",
/// "l'Empereur malien « Abubakar II »") or follow it in apposition.
static ROLE_WORDS: WordList = WordList::new(&WORDS, "role_words");

/// Capitalised words that never belong to a person's name, besides functions,
/// honorifics and places (their own lists): institutions, events, and the
/// capitalised function words of French.
static NOT_NAME_WORDS: WordList = WordList::new(&WORDS, "not_name_words");

/// Words before a name that make it the name of a place or a thing.
static PLACE_WORDS: WordList = WordList::new(&WORDS, "place_words");

/// Words that announce another name for the person just named.
static ALIAS_MARKERS: PhraseList = PhraseList::new(&WORDS, "alias_markers");

/// Does the line name a function ("Le Secrétaire Général du Gouvernement,",
/// "P/Le Ministre et par ordre, Le Secrétaire Général")?
pub fn names_a_function(line: &str) -> bool {
    fold(line)
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| ROLE_WORDS.contains(w))
}

/// A word of the text: tokens joined by a hyphen or an apostrophe inside a
/// capitalised word ("AL-KHULAIFI", "Lee-Anne", "N’DAW").
#[derive(Debug, Clone)]
struct Word<'a> {
    start: usize,
    end: usize,
    folded: Cow<'a, str>,
    gap: Cow<'static, str>,
}

fn words<'a>(text: &'a str, tokens: &[Token<'a>]) -> Vec<Word<'a>> {
    let mut out: Vec<Word<'a>> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let first = i;
        while i + 1 < tokens.len()
            && matches!(&*tokens[i].gap, "-" | "’" | "'")
            && !(tokens[i].gap != "-" && ELISIONS.contains(tokens[i].folded.as_ref()))
            && (tokens[i].capitalised(text) && tokens[i + 1].capitalised(text)
                || tokens[i].gap == "-" && hyphen_joins_name(text, &tokens[i], &tokens[i + 1]))
        {
            i += 1;
        }
        let (start, end) = (tokens[first].start, tokens[i].end);
        out.push(Word {
            start,
            end,
            folded: if first == i {
                tokens[i].folded.clone()
            } else {
                Cow::Owned(fold(&text[start..end]))
            },
            gap: tokens[i].gap.clone(),
        });
        i += 1;
    }
    out
}

/// "Jin-woo" (a given name whose second part is in small letters),
/// "al-Sissi" (a particle hyphened to a family name).
fn hyphen_joins_name(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    let second = &text[b.start..b.end];
    a.capitalised(text)
        && !b.capitalised(text)
        && second.chars().count() <= 4
        && second.chars().all(char::is_alphabetic)
        || PARTICLES.contains(a.folded.as_ref()) && !a.capitalised(text) && b.capitalised(text)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Every letter a capital: "GOÏTA", "AL-KHULAIFI".
    Caps,
    /// A capital then small letters: "Assimi", "Lee-Anne".
    Capitalised,
    /// A particle that may stand inside a name.
    Particle,
    Other,
}

/// Every word of the lists that never belong to a name, in one set: looked up
/// for each word of every text.
fn never_in_names() -> &'static FxHashSet<&'static str> {
    static SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
        [&*NOT_NAME_WORDS, &*ROLE_WORDS, &*HONORIFICS, &*PLACE_WORDS]
            .into_iter()
            .flatten()
            .copied()
            .collect()
    });
    &SET
}

fn shape(text: &str, w: &Word<'_>) -> Shape {
    let s = &text[w.start..w.end];
    if PARTICLES.contains(w.folded.as_ref()) {
        return Shape::Particle;
    }
    // "al-Sissi": a particle hyphened to a capitalised name.
    if let Some((particle, rest)) = s.split_once('-')
        && PARTICLES.contains(fold(particle).as_str())
        && rest.starts_with(char::is_uppercase)
    {
        return Shape::Capitalised;
    }
    // Names start with a capital: most words are ruled out here, cheaply.
    // Functions, honorifics, places and the other listed words never belong
    // to a name.
    if s.chars()
        .find(|c| c.is_alphabetic())
        .is_none_or(|c| !c.is_uppercase())
        || never_in_names().contains(w.folded.as_ref())
        || crate::analysis::entities::countries::is_place_word(s)
    {
        return Shape::Other;
    }
    let mut letters = s.chars().filter(|c| c.is_alphabetic());
    let count = letters.clone().count();
    if count >= 2 && letters.all(char::is_uppercase) {
        return Shape::Caps;
    }
    if count >= 2 {
        return Shape::Capitalised;
    }
    Shape::Other
}

/// Roman numerals stay as written: "Abubakar II".
fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// The canonical form of one spelling.
fn canonical(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| {
            let f = fold(p);
            if is_roman(p) {
                (*p).to_owned()
            } else if LOWER_PARTICLES.contains(f.as_str()) {
                f
            } else if p
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            {
                title_case(p)
            } else {
                (*p).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A candidate name: a run of name words.
struct Candidate {
    first: usize,
    last: usize,
}

/// The runs of `ws` (of shapes `shapes`) that may be names.
fn candidates(text: &str, ws: &[Word<'_>], shapes: &[Shape]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    let is_name = |k: usize| matches!(shapes.get(k), Some(Shape::Caps | Shape::Capitalised));
    let spaced = |k: usize| ws[k].gap.trim().is_empty() && !ws[k].gap.is_empty();
    let capital = |k: usize| text[ws[k].start..ws[k].end].starts_with(char::is_uppercase);
    let lower = |k: usize| text[ws[k].start..ws[k].end].starts_with(char::is_lowercase);
    while i < ws.len() {
        // "El Haouès Riache", "Ould Bouna": a capitalised particle may open a
        // name, with a name after it.
        let particle_first = shapes[i] == Shape::Particle
            && capital(i)
            && i + 1 < ws.len()
            && spaced(i)
            && is_name(i + 1);
        if !(is_name(i) || particle_first) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i;
        while j + 1 < ws.len() && spaced(j) {
            let next = &ws[j + 1].folded;
            match shapes[j + 1] {
                Shape::Caps | Shape::Capitalised => {
                    j += 1;
                    last = j;
                }
                // A particle counts only with a name after it, or with a
                // second small word and a name ("RUIZ DE LA FUENTE").
                // "AES de la CEDEAO": small particles before an acronym join
                // no name ("RUIZ DE LA FUENTE" writes them in capitals).
                Shape::Particle
                    if j + 2 < ws.len()
                        && spaced(j + 1)
                        && !(lower(j + 1) && shapes.get(j + 2) == Some(&Shape::Caps))
                        && !(lower(j + 1)
                            && SECOND_PARTICLES.contains(ws[j + 2].folded.as_ref())
                            && shapes.get(j + 3) == Some(&Shape::Caps)) =>
                {
                    if is_name(j + 2) {
                        j += 2;
                        last = j;
                    } else if SECOND_PARTICLES.contains(ws[j + 2].folded.as_ref())
                        && j + 3 < ws.len()
                        && spaced(j + 2)
                        && is_name(j + 3)
                    {
                        j += 3;
                        last = j;
                    } else {
                        break;
                    }
                }
                // "Jean-Yves Le Drian": a capitalised article inside a name.
                Shape::Other
                    if matches!(&**next, "le" | "la")
                        && capital(j + 1)
                        && j + 2 < ws.len()
                        && spaced(j + 1)
                        && is_name(j + 2) =>
                {
                    j += 2;
                    last = j;
                }
                _ => break,
            }
        }
        if particle_first && last == first {
            i += 1;
            continue;
        }
        out.push(Candidate { first, last });
        i = last + 1;
    }
    out
}

/// The folded words before `i` in the same sentence, nearest first.
fn before<'w>(ws: &'w [Word<'_>], i: usize, n: usize) -> Vec<&'w str> {
    let mut out = Vec::new();
    let mut k = i;
    while k > 0 && out.len() < n {
        k -= 1;
        if ws[k].gap.contains(['.', '!', '?', '\n', ';']) && !is_abbreviation(&ws[k]) {
            break;
        }
        out.push(ws[k].folded.as_ref());
    }
    out
}

/// "M.", "S.E.M.", "Dr.": a full stop that ends an abbreviation, not a sentence.
fn is_abbreviation(w: &Word<'_>) -> bool {
    HONORIFICS.contains(w.folded.as_ref()) && w.folded.len() <= 3
}

/// Is the name introduced by a title, an honorific or a function, close before it?
fn introduced(text: &str, ws: &[Word<'_>], c: &Candidate) -> bool {
    let prev = before(ws, c.first, ROLE_REACH_AFTER_COMMA);
    if prev
        .first()
        .is_some_and(|w| HONORIFICS.contains(w) || ROLE_WORDS.contains(w))
    {
        return true;
    }
    // "le Burkinabè Ibrahim Traoré", "l'Ivoirien Jean-Claude Kassi Brou": a
    // nationality noun after an article introduces a person.
    if let [nationality, article, ..] = prev[..]
        && matches!(article, "le" | "la" | "l")
        && countries::is_demonym(nationality)
    {
        return true;
    }
    // "le Général de Division Abdoulaye Maïga", "le Ministre russe de l'Énergie, Sergueï
    // Tsivilev", "le ministre de l'Économie et des Finances Alousséni Sanou": a
    // function within the same clause, the name right after it, after its
    // complement and a comma, or after a complement of capitalised words.
    let Some(role_at) = prev.iter().position(|w| ROLE_WORDS.contains(w)) else {
        return false;
    };
    let gap_before = c.first.checked_sub(1).map_or("", |k| &*ws[k].gap);
    if gap_before.trim().ends_with(',') || role_at < 3 {
        return true;
    }
    role_at < ROLE_REACH
        && ws[c.first - role_at..c.first].iter().all(|w| {
            COMPLEMENT_WORDS.contains(w.folded.as_ref())
                || text[w.start..w.end].starts_with(char::is_uppercase)
        })
}

/// How many words back a function introduces a name written right after its
/// complement, and after a comma.
const ROLE_REACH: usize = 12;
const ROLE_REACH_AFTER_COMMA: usize = 18;
/// The small words of a function's complement ("de l'Économie et des Finances").
static COMPLEMENT_WORDS: WordList = WordList::new(&WORDS, "complement_words");

/// Is a function written right after the name ("Assimi Goïta, Président de…")?
fn apposition_after(ws: &[Word<'_>], c: &Candidate) -> bool {
    ws[c.last].gap.trim() == ","
        && ws
            .get(c.last + 1)
            .is_some_and(|w| ROLE_WORDS.contains(w.folded.as_ref()))
}

/// "a rencontré Vladimir Poutine à Moscou": inside a sentence, capitalised
/// words that are no institution, place or function can only be a name. Two to
/// four of them, after a small word of the same sentence.
fn mid_sentence_name(text: &str, ws: &[Word<'_>], c: &Candidate) -> bool {
    let n = c.last - c.first + 1;
    let Some(prev) = c.first.checked_sub(1).map(|k| &ws[k]) else {
        return false;
    };
    // "des Anciens Combattants", "aux Deux Saintes Mosquées": a plural
    // article before capitals makes them a common noun's phrase.
    (2..=4).contains(&n)
        && !matches!(prev.folded.as_ref(), "des" | "aux" | "les")
        && !prev.gap.contains(['.', '!', '?', '\n', ':', '«', '"'])
        && text[prev.start..prev.end]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        && ws[c.first..=c.last].iter().all(|w| {
            text[w.start..w.end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                || PARTICLES.contains(w.folded.as_ref())
        })
}

fn in_place_name(text: &str, ws: &[Word<'_>], c: &Candidate) -> bool {
    // "Aéroport international Président Modibo Keita": a place word governs the
    // name within the same phrase; "l'hôpital, Dr Moussa KONÉ" is a person, and
    // so is whoever follows a place that has its own name ("au palais de
    // Koulouba Cheikh Shakhboot…").
    let mut k = c.first;
    while k > 0 && c.first - k < 4 {
        k -= 1;
        let w = &ws[k];
        if !w.gap.trim().is_empty() && k + 1 < c.first
            || (k + 1 == c.first && !w.gap.trim().is_empty())
        {
            return false;
        }
        if HONORIFICS.contains(w.folded.as_ref()) && k + 1 == c.first {
            return false;
        }
        if text[w.start..w.end].starts_with(char::is_uppercase)
            && !ROLE_WORDS.contains(w.folded.as_ref())
            && !PLACE_WORDS.contains(w.folded.as_ref())
        {
            return false;
        }
        if PLACE_WORDS.contains(w.folded.as_ref()) {
            return true;
        }
    }
    false
}

/// Words that end a role phrase only when another participant follows: "le
/// Président de la Transition avec Vladimir POUTINE" gives Poutine no role.
static NOT_ROLE_ENDINGS: WordList = WordList::new(&WORDS, "not_role_endings");
/// A verb in the phrase makes it a clause, not a function (compared as written:
/// "a" is a verb, "à" is not).
static AUXILIARIES: WordList = WordList::new(&WORDS, "auxiliaries");

/// The functions written with a mention: an apposition after the name, else the
/// comma-separated phrases just before it that start with a function word
/// ("Président de la Transition, Chef de l’État, le Général d’Armée Assimi GOÏTA"
/// gives three).
fn roles_of(text: &str, ws: &[Word<'_>], c: &Candidate) -> Vec<String> {
    let clean = |from: usize, to: usize| -> Option<String> {
        let s = text[ws[from].start..ws[to].end].trim();
        (!s.is_empty() && at_most_words(s, 16)).then(|| s.to_owned())
    };
    if apposition_after(ws, c) {
        let from = c.last + 1;
        let mut to = from;
        for (k, w) in ws.iter().enumerate().skip(from) {
            to = k;
            if w.gap.contains([',', '.', ';', ':', '\n', '(', '«']) {
                break;
            }
        }
        return clean(from, to).into_iter().collect();
    }
    // What separates word k from the next: nothing, a comma, or the end of a
    // sentence, a quotation or a bracket.
    let delim = |k: usize| -> u8 {
        let g = &ws[k].gap;
        if g.contains(['.', ';', '!', '?', '\n', '«', '»', '(', ')', ':'])
            && !is_abbreviation(&ws[k])
        {
            2
        } else {
            u8::from(g.contains(','))
        }
    };
    let mut roles = Vec::new();
    let mut end = c.first;
    while end > 0 && delim(end - 1) < 2 {
        // The phrase [start, end) runs back to the previous comma.
        let mut start = end - 1;
        while start > 0 && delim(start - 1) == 0 {
            start -= 1;
        }
        // Honorifics and articles next to the name are not the function.
        let mut last = end;
        while last > start
            && (HONORIFICS.contains(ws[last - 1].folded.as_ref())
                || matches!(ws[last - 1].folded.as_ref(), "le" | "la" | "l" | "les"))
        {
            last -= 1;
        }
        if last > start {
            // The function word nearest the name, with the function words just
            // before it ("Ministre Secrétaire Général", "Premier ministre"); farther
            // words belong to the clause, not to the function.
            let is_role = |k: usize| ROLE_WORDS.contains(ws[k].folded.as_ref());
            let Some(mut first_role) = (start..last).rev().find(|&k| is_role(k)) else {
                break;
            };
            while first_role > start && is_role(first_role - 1) {
                first_role -= 1;
            }
            let phrase = &ws[first_role..last];
            if NOT_ROLE_ENDINGS.contains(ws[last - 1].folded.as_ref())
                || phrase
                    .iter()
                    .any(|w| AUXILIARIES.contains(text[w.start..w.end].to_lowercase().as_str()))
            {
                break;
            }
            if let Some(r) = clean(first_role, last - 1) {
                roles.insert(0, r);
            }
        }
        // A phrase before a comma may be another function of the same person.
        if start == 0 || delim(start - 1) != 1 {
            break;
        }
        end = start;
    }
    roles
}

struct Found {
    /// When it was last mentioned: a family name alone goes to the most recent.
    seen: usize,
    name: String,
    /// `name` folded, what other names are compared with.
    key: String,
    family: String,
    spellings: Vec<String>,
    roles: Vec<String>,
    best: String,
}

/// A text as both passes of `persons_in` read it: its words, their shapes
/// and its candidate names, made once.
struct Read<'a> {
    text: &'a str,
    ws: Vec<Word<'a>>,
    shapes: Vec<Shape>,
    cands: Vec<Candidate>,
}

impl<'a> Read<'a> {
    fn new(t: &Tokenized<'a>) -> Self {
        let ws = words(t.text, &t.tokens);
        let shapes: Vec<Shape> = ws.iter().map(|w| shape(t.text, w)).collect();
        let cands = candidates(t.text, &ws, &shapes);
        Self {
            text: t.text,
            ws,
            shapes,
            cands,
        }
    }
}

/// The persons an article names, in order of first mention.
pub fn persons(title: Option<&str>, body: &str) -> Vec<PersonMention> {
    persons_in(&Article::new(title, body))
}

/// As `persons`, on an article already tokenized.
pub fn persons_in(article: &Article) -> Vec<PersonMention> {
    let mut found: Vec<Found> = Vec::new();
    let mut clock = 0;
    let read: Vec<Read> = article.texts().into_iter().map(Read::new).collect();
    for (i, r) in read.iter().enumerate() {
        let (text, ws, shapes) = (r.text, r.ws.as_slice(), r.shapes.as_slice());
        // "Ibrahim Traoré Prend La Tête De L'AES": in a headline in title
        // case every word is capitalised, so names are only recognised
        // there once the text has named them.
        if i == 0 && is_title_case(text) {
            continue;
        }
        let mut last_person: Option<usize> = None;
        let mut last_end: Option<usize> = None;
        for c in &r.cands {
            let parts: Vec<&str> = ws[c.first..=c.last]
                .iter()
                .map(|w| &text[w.start..w.end])
                .collect();
            // "Cheikh Shakhboot bin Nahyan Al Nahyan": before a dynastic
            // name, Cheikh is a title (elsewhere a given name: Cheikh Tidiane).
            let parts: Vec<&str> = if parts.len() > 2
                && matches!(
                    fold(parts[0]).as_str(),
                    "cheikh" | "cheick" | "sheikh" | "cheikha"
                )
                && parts[2..]
                    .iter()
                    .any(|p| matches!(fold(p).as_str(), "bin" | "ben" | "ibn" | "al" | "bint"))
            {
                parts[1..].to_vec()
            } else {
                parts
            };
            let spelling = parts.join(" ");
            let n = parts.len();
            let caps = parts
                .iter()
                .filter(|p| {
                    !is_roman(p)
                        && shapes[c.first] != Shape::Other
                        && p.chars()
                            .filter(|ch| ch.is_alphabetic())
                            .all(char::is_uppercase)
                        && p.chars().filter(|ch| ch.is_alphabetic()).count() >= 2
                })
                .count();
            let small = parts
                .iter()
                .filter(|p| {
                    p.chars().skip(1).any(char::is_lowercase)
                        && p.starts_with(char::is_uppercase)
                        && !PARTICLES.contains(fold(p).as_str())
                })
                .count();
            let prev = before(ws, c.first, 6);

            // "plus connu sous le nom d'Iron Biby", "dit Iron Biby".
            if let Some(p) = last_person
                && ALIAS_MARKERS.iter().any(|m| {
                    prev.len() >= m.len() && m.iter().rev().zip(&prev).all(|(a, b)| a == b)
                })
            {
                if !found[p].spellings.contains(&spelling) {
                    found[p].spellings.push(spelling);
                }
                continue;
            }
            // A family name alone: another spelling of someone already named.
            let folded_last = fold(parts[parts.len() - 1]);
            let known = found
                .iter()
                .enumerate()
                .filter(|(_, f)| f.family == folded_last)
                .max_by_key(|(_, f)| f.seen)
                .map(|(i, _)| i);
            clock += 1;
            // "l'Empereur Naruhito": a sovereign may be named by one name.
            let sovereign = n == 1 && prev.first().is_some_and(|w| SOVEREIGN_TITLES.contains(w));
            if n == 1 && !sovereign {
                if let Some(p) = known {
                    if !found[p].spellings.contains(&spelling) {
                        found[p].spellings.push(spelling);
                    }
                    found[p].seen = clock;
                    last_person = Some(p);
                }
                continue;
            }
            // "Abou Dhabi": a place of the gazetteer; "des Anciens
            // Combattants": a plural article makes capitals a common noun's.
            if in_place_name(text, ws, c)
                || countries::is_place_word(&spelling)
                || prev.first().is_some_and(|w| matches!(*w, "des" | "aux")) && caps == 0
            {
                continue;
            }
            let by_shape = caps >= 1 && small >= 1;
            // "MM. Moussa Traoré, Amadou Diallo et …": a list of persons.
            let listed =
                c.first > 0 && last_end == Some(c.first - 1) && ws[c.first - 1].gap.trim() == ",";
            if !(by_shape
                || introduced(text, ws, c)
                || sovereign
                || apposition_after(ws, c)
                || mid_sentence_name(text, ws, c)
                || listed)
            {
                continue;
            }
            let name = canonical(&parts);
            let roles = roles_of(text, ws, c);
            let key = fold(&name);
            let idx = match found
                .iter()
                .position(|f| f.key == key || same_folded_person(&f.key, &key))
            {
                Some(i) => i,
                None => {
                    found.push(Found {
                        seen: 0,
                        family: fold(name.rsplit(' ').next().unwrap_or(&name)),
                        best: name.clone(),
                        name: name.clone(),
                        key: key.clone(),
                        spellings: Vec::new(),
                        roles: Vec::new(),
                    });
                    found.len() - 1
                }
            };
            let f = &mut found[idx];
            // The fullest form names the person ("Diomaye Faye", then
            // "Bassirou Diomaye Faye").
            if name.split(' ').count() > f.name.split(' ').count() {
                f.name.clone_from(&name);
                f.key = key;
                f.best = canonical(&parts);
            }
            f.seen = clock;
            if accent_score(&canonical(&parts)) > accent_score(&f.best) {
                f.best = canonical(&parts);
            }
            if !f.spellings.contains(&spelling) {
                f.spellings.push(spelling);
            }
            for r in roles {
                if !f.roles.contains(&r) {
                    f.roles.push(r);
                }
            }
            last_person = Some(idx);
            // "Abdoulaye Diop (Mali), Karamoko Traoré (Burkina Faso), …": a
            // bracket after a name leaves the list going on.
            last_end = Some(if ws[c.last].gap.contains('(') {
                (c.last + 1..ws.len().min(c.last + 5))
                    .find(|&k| ws[k].gap.contains(')'))
                    .unwrap_or(c.last)
            } else {
                c.last
            });
        }
    }
    // Further mentions of names found above, wherever they stand: at the start
    // of a sentence, in an all-capitals headline.
    for r in &read {
        let (text, ws) = (r.text, r.ws.as_slice());
        for c in &r.cands {
            let spelling = ws[c.first..=c.last]
                .iter()
                .map(|w| &text[w.start..w.end])
                .collect::<Vec<_>>()
                .join(" ");
            if c.last == c.first {
                continue;
            }
            let key = fold(&spelling);
            if let Some(f) = found.iter_mut().find(|f| f.key == key)
                && !f.spellings.contains(&spelling)
            {
                f.spellings.push(spelling);
            }
        }
    }
    found
        .into_iter()
        .map(|f| PersonMention {
            name: f.best,
            spellings: f.spellings,
            roles: f.roles,
        })
        .collect()
}

/// Is the text a headline in title case ("Ibrahim Traoré Prend La Tête De
/// L'AES")? French capitalises a headline's first word and its names; title
/// case capitalises its small words too.
fn is_title_case(text: &str) -> bool {
    let small: Vec<&str> = text
        .split_whitespace()
        .skip(1)
        .filter(|w| TITLE_SMALL_WORDS.contains(fold(w).as_str()))
        .collect();
    !small.is_empty()
        && small
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            * 2
            > small.len()
}

/// Small words that only title case capitalises inside a headline.
static TITLE_SMALL_WORDS: WordList = WordList::new(&WORDS, "title_small_words");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::person::same_person;

    fn names(text: &str) -> Vec<String> {
        persons(None, text).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn canonical_names() {
        assert_eq!(canonical(&["Assimi", "GOÏTA"]), "Assimi Goïta");
        assert_eq!(
            canonical(&["Mohammed", "Bin", "Abdulaziz", "AL-KHULAIFI"]),
            "Mohammed Bin Abdulaziz Al-Khulaifi"
        );
        assert_eq!(canonical(&["Erik", "DE", "FEIJTER"]), "Erik de Feijter");
        assert_eq!(canonical(&["LI", "Xiang"]), "Li Xiang");
        assert_eq!(canonical(&["Bah", "N’DAW"]), "Bah N’Daw");
        assert_eq!(canonical(&["Abubakar", "II"]), "Abubakar II");
        assert_eq!(
            canonical(&["Sékou", "dit", "Gaoussou", "CISSE"]),
            "Sékou dit Gaoussou Cisse"
        );
        assert!(!same_person(
            "Alousséni Sanou",
            "Cheick Ahmed Al-Hassan Sanou"
        ));
    }

    #[test]
    fn finds_people_by_shape_and_by_title() {
        let cases: &[(&str, &[&str])] = &[
            ("le Général d’Armée Assimi GOÏTA, a reçu", &["Assimi Goïta"]),
            (
                "Son Excellence M. LI Xiang, Ambassadeur désigné",
                &["Li Xiang"],
            ),
            (
                "S.E.M. Hassan Al Balawi, Ambassadeur de l’État de Palestine",
                &["Hassan Al Balawi"],
            ),
            (
                "Le Premier ministre, le Général de Division Abdoulaye Maïga, a reçu",
                &["Abdoulaye Maïga"],
            ),
            (
                "Le Ministre russe de l’Énergie, Sergueï Tsivilev, s’est félicité",
                &["Sergueï Tsivilev"],
            ),
            (
                "la nouvelle Chargée d’Affaires de l’Ambassade du Canada au Mali, Lee-Anne Hermann.",
                &["Lee-Anne Hermann"],
            ),
            (
                "l’expédition de l’Empereur malien « Abubakar II » bien avant Christophe COLOMB",
                &["Abubakar II", "Christophe Colomb"],
            ),
            (
                "Leurs Excellences Messieurs Erik DE FEIJTER et LI Xiang.",
                &["Erik de Feijter", "Li Xiang"],
            ),
            (
                "le Ministre Mossa Ag Attaher a salué",
                &["Mossa Ag Attaher"],
            ),
            ("LE PRÉSIDENT DE LA TRANSITION A REÇU", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(names(text), *want, "{text}");
        }
    }

    #[test]
    fn not_persons() {
        let cases: &[&str] = &[
            "à l’Aéroport international Président Modibo Keita -Sénou",
            "au Palais de Koulouba",
            "le Président de la Transition, Chef de l’État",
            "la Confédération des États du Sahel (AES)",
            "le Salon International de l’Artisanat du Mali",
            "les Jeux olympiques de Rio 2016",
            "KOULOUBA : Le Président reçoit",
        ];
        for text in cases {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn spellings_merge_and_namesakes_stay_apart() {
        let text = "M. Alousséni SANOU, Ministre de l’Économie. M. Cheick Ahmed Al-Hassan SANOU, plus connu sous le nom d’Iron Biby, du Burkina Faso. Le Ministre SANOU a parlé. Dr Oussouby SACKO a salué. Dr Sacko a conclu.";
        let found = persons(None, text);
        let summary: Vec<(&str, Vec<&str>)> = found
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.spellings.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(summary[0], ("Alousséni Sanou", vec!["Alousséni SANOU"]));
        // The family name alone goes to the Sanou named last.
        assert_eq!(
            summary[1],
            (
                "Cheick Ahmed Al-Hassan Sanou",
                vec!["Cheick Ahmed Al-Hassan SANOU", "Iron Biby", "SANOU"]
            )
        );
        assert_eq!(
            summary[2],
            ("Oussouby Sacko", vec!["Oussouby SACKO", "Sacko"])
        );
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].roles, vec!["Ministre de l’Économie"]);
        let goita = persons(
            None,
            "Le Président de la Transition, Chef de l’État, le Général d’Armée Assimi GOÏTA, a reçu",
        );
        assert_eq!(
            goita[0].roles,
            [
                "Président de la Transition",
                "Chef de l’État",
                "Général d’Armée"
            ]
        );
        let poutine = persons(
            Some("Rencontre du Président de la Transition avec Vladimir POUTINE"),
            "",
        );
        assert!(poutine[0].roles.is_empty());
    }

    #[test]
    fn nationalities_complements_particles_and_sovereigns() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Le sommet a réuni le Nigérien Mahamadou Issoufou et l’Ivoirienne Marie Kouassi.",
                &["Mahamadou Issoufou", "Marie Kouassi"],
            ),
            (
                "Le budget est défendu par le ministre de l’Économie et des Finances Mamadou Konaté devant les députés.",
                &["Mamadou Konaté"],
            ),
            (
                "Le ministre de la Défense et des Anciens Combattants a visité les Deux Saintes Mosquées.",
                &[],
            ),
            (
                "L’ambassadeur a remis ses lettres à l’Empereur Akihito, au palais.",
                &["Akihito"],
            ),
            (
                "Il a exprimé sa compassion au Guide, l’Ayatollah Ali Sistani, et au peuple.",
                &["Ali Sistani"],
            ),
            (
                "Son Excellence M. KIM Dae-jung, Ambassadeur, et M. Pedro SANCHEZ DE LA CRUZ, Ambassadeur.",
                &["Kim Dae-jung", "Pedro Sanchez de la Cruz"],
            ),
            (
                "Le sommet est présidé par le président égyptien Anouar al-Sadate.",
                &["Anouar al-Sadate"],
            ),
            (
                "Le ministre a reçu l’ambassadeur algérien à Bamako, El Mokhtar Benali, ce lundi.",
                &["El Mokhtar Benali"],
            ),
            (
                "L’émissaire d’Abou Dhabi a évoqué les sanctions de la CEDEAO et l’AES de la CEDEAO.",
                &[],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(names(text), *want, "{text}");
        }
        for (text, want) in [
            (
                "Le Président a reçu au palais de Koulouba Cheikh Hamdan bin Zayed Al Nahyan, ministre d’État.",
                &["Hamdan bin Zayed Al Nahyan"][..],
            ),
            (
                "Le président de la Banque ouest-africaine de développement (BOAD), Serge Ekué, a signé.",
                &["Serge Ekué"][..],
            ),
            (
                "En présence de ses homologues Abdoulaye Diop (Mali), Karim Traoré (Burkina Faso), Bakary Sangaré (Niger).",
                &["Abdoulaye Diop", "Karim Traoré", "Bakary Sangaré"][..],
            ),
            (
                "Le ministre Cheikh Tidiane Gadio a parlé.",
                &["Cheikh Tidiane Gadio"][..],
            ),
        ] {
            assert_eq!(names(text), want, "{text}");
        }
        // A shorter form is the same person, named by the fullest.
        assert_eq!(
            names("M. Toumani Touré a parlé. Le Président Amadou Toumani Touré a conclu."),
            ["Amadou Toumani Touré"]
        );
        // A headline in title case names no one the text does not name.
        let found = persons(
            Some("Le Président Reçoit Les Ambassadeurs De La Région Sahel"),
            "Les ambassadeurs ont été reçus ce lundi.",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn hard_cases_of_the_issue() {
        let cases: &[(&str, &[&str])] = &[
            (
                "la présence de M. Abdoulaye DIOP, Ministre",
                &["Abdoulaye Diop"],
            ),
            (
                "a reçu Dr Mohammed Bin Abdulaziz AL-KHULAIFI, Secrétaire d’État",
                &["Mohammed Bin Abdulaziz Al-Khulaifi"],
            ),
            ("rencontre avec Vladimir POUTINE", &["Vladimir Poutine"]),
            // named only inside a quotation, or in a list
            (
                "« Nous sommes prêts », a déclaré M. Moussa Mara devant la presse.",
                &["Moussa Mara"],
            ),
            (
                "en présence de MM. Moussa Traoré, Amadou Diallo et Fatoumata Koné.",
                &["Moussa Traoré", "Amadou Diallo", "Fatoumata Koné"],
            ),
            // in plain capitalisation, mid-sentence, with no title
            (
                "Le Président a rencontré Vladimir Poutine à Moscou.",
                &["Vladimir Poutine"],
            ),
            // all capitals, introduced by an honorific
            (
                "M. ABDOULAYE MAÏGA a reçu la délégation.",
                &["Abdoulaye Maïga"],
            ),
            // particles
            (
                "le Ministre Mossa Ag Attaher et M. Erik de Feijter",
                &["Mossa Ag Attaher", "Erik de Feijter"],
            ),
            (
                "M. Sékou dit Gaoussou CISSE, Ambassadeur",
                &["Sékou dit Gaoussou Cisse"],
            ),
            // titles alone, institutions, countries, places
            (
                "Le Chef de l’État a reçu le Premier ministre et le Président de la Commission.",
                &[],
            ),
            (
                "l’Union Africaine, la Banque Mondiale et la République Islamique d’Iran",
                &[],
            ),
            ("il s’est rendu à New York puis au Palais de Koulouba", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(names(text), *want, "{text}");
        }
    }

    #[test]
    fn a_name_at_the_start_of_a_sentence_is_found_once_named_elsewhere() {
        let text = "Le Premier ministre, Abdoulaye Maïga, a reçu les partenaires. Abdoulaye Maïga a ensuite présidé la séance.";
        let found = persons(Some("ABDOULAYE MAÏGA REÇOIT"), text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "Abdoulaye Maïga");
        assert_eq!(found[0].roles, ["Premier ministre"]);
    }
}
