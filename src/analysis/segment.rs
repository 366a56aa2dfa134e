//! Splitting a dump into articles, as a careful reader would.
//!
//! Lines are read in order (one line is one paragraph in these dumps). A line
//! that does not end a sentence is a headline candidate; the prose after it
//! decides whether it opens a new article or is a caption or intertitle of the
//! current one:
//! - hard ends: an issuer tag or signature, "Lire »", and the markers that open
//!   what follows an article on a page ("Autres articles…", "Mots clés…");
//! - a headline whose paragraph refers back ("Le lendemain", "Il a…", "Cette
//!   rencontre…") continues the article;
//! - otherwise a new article starts where the prose reports another event: a
//!   different date, or the same date with little in common.
//!
//! After a section marker only teasers count: a headline followed by a paragraph
//! of substance that dates its event; bare side-bar headlines are chrome.

use std::borrow::Cow;

use time::Date;

use super::clean::{LineClass, classify, is_post_stamp, is_read_also_marker};
use super::dates::{event_date, find_dates, opening_weekday};
use super::entities::persons::names_a_function;
use super::headline::{FURNITURE_SCORE, choose, clean_title, has_kicker, is_document_line};
use super::issuer::{is_issuer_tag, is_signature, split_trailing_tag};
use super::lines::{LogicalLine, logical_lines};
use super::similarity::{Words, containment, content_words, is_stopword};
use crate::domain::article::ArticleKind;
use crate::domain::french::weekday_from_folded;
use crate::domain::text::{at_most_words, fold, has_words, squeeze_spaces};
use crate::domain::words::{WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/segment.txt",
    include_str!("../../lexicon/words/segment.txt"),
);

/// An article as found in a file, before dates and entities are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub issuer: Option<String>,
    /// A signed byline closing the article ("Kader Toé"): its author, never
    /// its issuer.
    pub author: Option<String>,
    /// A date printed on its own line between the headline and the body.
    pub page_date: Option<Date>,
    pub kind: ArticleKind,
    /// 1-based line numbers of the first and last lines the article spans.
    pub first_line: usize,
    pub last_line: usize,
}

impl Segment {
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// A headline is longer than a label, ends no sentence and is no paragraph.
const MAX_HEADLINE_CHARS: usize = 300;
/// A teaser after a section marker has at least this much text: a sentence.
const MIN_TEASER_CHARS: usize = 80;
/// Below this share of words in common with the article so far, prose dated
/// like the article is still another article.
const SAME_DAY_NEW_ARTICLE: f64 = 0.2;
/// Below this share, prose dated differently is another article; above, it is a
/// report of the same visit that moves on to its next day.
const OTHER_DAY_NEW_ARTICLE: f64 = 0.5;

/// Does the line end a sentence (before closing quotes or brackets)?
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '»' | '"' | '”' | ')' | '’'))
        .ends_with(['.', '!', '?', '…'])
}

fn is_headline(line: &str) -> bool {
    (!ends_sentence(line) || is_question_headline(line))
        && !line.trim_end().ends_with([':', ';', ','])
        && line.chars().count() <= MAX_HEADLINE_CHARS
        && (has_words(line, 3) || is_document_line(line))
}

/// "Mali : quelle diplomatie pour 2026 ?", "Bamako dit non !": one short
/// sentence ending in a question or exclamation mark reads as a headline.
fn is_question_headline(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(['»', '"', '”', ' ']);
    t.ends_with(['?', '!'])
        && t.chars().count() <= 160
        && !t[..t.len() - 1].contains(['.', '?', '!'])
}

/// Question or exclamation lines left waiting at the end of an article are
/// its last sentences, not headlines of nothing.
fn flush_sentences(
    current: &mut Option<Builder>,
    headlines: &mut Vec<Candidate>,
    notes: &mut [LineNote],
) {
    if let Some(b) = current.as_mut().filter(|b| b.has_body())
        && !headlines.is_empty()
        && headlines.iter().all(|c| is_question_headline(&c.text))
    {
        for c in headlines.drain(..) {
            notes[c.note].role = Role::Body;
            notes[c.note].why = "a question or exclamation ending the article".into();
            b.push(c.text, notes[c.note].last);
        }
    }
}

/// Words by which a lead sets the day of its event without a date: "a reçu
/// hier", "a présidé lundi", "ce matin".
static DAY_WORDS: WordList = WordList::new(&WORDS, "day_words");

fn sets_its_day(sentence: &str) -> bool {
    fold(sentence)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .any(|w| DAY_WORDS.contains(w) || weekday_from_folded(w).is_some())
}

/// "Nommé par décret …, l’ancien officier", "Âgé de 63 ans, M. Maïga",
/// "Réunis à Marrakech …, les ministres": a paragraph that opens on a
/// participle or adjective phrase describes someone already introduced.
fn opens_with_participle(paragraph: &str) -> bool {
    let Some((clause, _)) = paragraph.split_once(',') else {
        return false;
    };
    let first = clause.split_whitespace().next().unwrap_or("");
    at_most_words(clause, MAX_FRONTED_WORDS)
        && first.starts_with(char::is_uppercase)
        && first.chars().count() > 3
        && PARTICIPLE_ENDINGS.iter().any(|e| first.ends_with(e))
        && !NOT_PARTICIPLES.contains(fold(first).as_str())
}

/// Words that end like participles and open sentences without being one.
static NOT_PARTICIPLES: WordList = WordList::new(&WORDS, "not_participles");

/// Endings of French past participles and of "âgé" as written.
static PARTICIPLE_ENDINGS: WordList = WordList::new(&WORDS, "participle_endings");

/// The length in bytes of the first sentence of a paragraph: up to a full
/// stop, question or exclamation mark followed by a capital, not after an
/// initial ("M. Diallo", "S.E. Monsieur").
fn first_sentence_len(paragraph: &str) -> usize {
    let bytes = paragraph.as_bytes();
    for (i, c) in paragraph.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let after = &paragraph[i + 1..];
        let next_is_capital = after
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase() || c == '«'));
        let word_before: &str = paragraph[..i]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let initial =
            word_before.chars().count() <= 1 && word_before.chars().all(char::is_uppercase);
        if next_is_capital && !initial && i > 0 && bytes[i - 1] != b'.' {
            return i + 1;
        }
    }
    paragraph.len()
}

/// Openers that refer back to what came before: a paragraph starting so
/// continues an article, it never opens one.
static ANAPHORIC_OPENERS: WordList = WordList::new(&WORDS, "anaphoric_openers");

/// After a demonstrative, words of time: "Ce jeudi 3 juillet", "Ce matin"
/// open a dated report, they refer back to nothing.
static TIME_NOUNS: WordList = WordList::new(&WORDS, "time_nouns");

static DEMONSTRATIVES: WordList = WordList::new(&WORDS, "demonstratives");

/// A fronted phrase before the subject has at most this many words.
const MAX_FRONTED_WORDS: usize = 16;
/// Subjects that can only refer back to persons already told of.
static SUBJECTS_REFERRING_BACK: WordList = WordList::new(&WORDS, "subjects_referring_back");

/// Does the paragraph open by referring back to earlier text?
pub fn is_anaphoric(paragraph: &str) -> bool {
    let folded = fold(paragraph);
    let starts = |p: &str| {
        folded.starts_with(p) && folded[p.len()..].starts_with(|c: char| !c.is_alphanumeric())
    };
    // "C'est ce samedi que la ministre…": a cleft that sets the day, not a
    // reference back.
    if let Some(rest) = folded.strip_prefix("c'est ") {
        let mut words = rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        if let (Some("ce" | "le" | "en"), Some(next)) = (words.next(), words.next())
            && (weekday_from_folded(next).is_some() || TIME_NOUNS.contains(next))
        {
            return false;
        }
    }
    if ANAPHORIC_OPENERS.iter().any(|p| starts(p)) {
        return true;
    }
    // "« Le Mali rompt avec Kiev », titre le quotidien…": a quotation and
    // who wrote it, as a press review or a report cites its sources.
    if paragraph.trim_start().starts_with('«')
        && let Some(close) = paragraph.find("», ")
        && paragraph[close + "», ".len()..].starts_with(char::is_lowercase)
    {
        return true;
    }
    // "Porteurs d'un message du Président, les deux ministres ont…": after
    // a fronted phrase, a subject that refers back.
    let refers_back = |main: &str| {
        SUBJECTS_REFERRING_BACK.iter().any(|p| {
            main.starts_with(p) && main[p.len()..].starts_with(|c: char| !c.is_alphanumeric())
        })
    };
    if folded.match_indices(", ").any(|(at, _)| {
        let fronted = &folded[..at];
        at_most_words(fronted, MAX_FRONTED_WORDS)
            && !fronted.contains(['.', '!', '?'])
            && refers_back(&folded[at + 2..])
    }) {
        return true;
    }
    // "Cette rencontre…", "Prenant la parole à l'occasion de cette audience…"; but
    // "Ce jeudi 3 juillet 2025, …" is a dated opening, not a reference.
    let first_sentence = folded.split(['.', '!', '?']).next().unwrap_or("");
    let words: Vec<&str> = first_sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    if let [first, second, ..] = words[..]
        && DEMONSTRATIVES.contains(first)
        && !TIME_NOUNS.contains(second)
        && weekday_from_folded(second).is_none()
    {
        return true;
    }
    // "Le ministre émirati a également évoqué…": an additive adverb on the
    // verb adds to what was told.
    if words
        .windows(2)
        .any(|w| matches!(w[0], "a" | "ont" | "est" | "sont") && ADDITIVES.contains(w[1]))
    {
        return true;
    }
    words.iter().any(|w| DEMONSTRATIVES.contains(w))
        && find_dates(first_sentence, Some(2000)).is_empty()
}

/// Adverbs that add to what was already told.
static ADDITIVES: WordList = WordList::new(&WORDS, "additives");

struct Builder {
    seg: Segment,
    /// The content words of the headline and of the paragraphs gathered so
    /// far (`words`): folded and hashed only when a rule first asks, as most
    /// paragraphs are added without any rule comparing words.
    words: std::cell::RefCell<Words>,
    /// How many paragraphs `words` holds.
    words_of: std::cell::Cell<usize>,
    /// `date()` as last read, under what it was read from (the paragraphs
    /// of the opening, the page date, the headline's length): once the
    /// opening is full it changes no more, and is not read again for each
    /// new paragraph.
    opening_date: std::cell::Cell<Option<(OpeningKey, Option<Date>)>>,
}

/// What `Builder::date` reads: the paragraphs in the opening and their bytes,
/// the page date, the headline's length.
type OpeningKey = ((usize, usize), Option<Date>, usize);

impl Builder {
    /// After a "Lire aussi" marker: one linked headline, then prose that goes
    /// on with this article (it refers back, or shares half its words)?
    fn resumes_after_link(&self, lines: &[LogicalLine], classes: &[LineClass]) -> bool {
        let mut rest = lines
            .iter()
            .zip(classes)
            .filter(|(_, c)| !matches!(c, LineClass::Blank | LineClass::Chrome));
        let Some((link, LineClass::Text)) = rest.next() else {
            return false;
        };
        let Some((next, LineClass::Text)) = rest.next() else {
            return false;
        };
        let (link, next) = (squeeze_spaces(&link.text), squeeze_spaces(&next.text));
        is_headline(&link)
            && !is_headline(&next)
            && (is_anaphoric(&next)
                || self.refers_back(&next)
                || containment(&content_words(&next), &self.words()) >= OTHER_DAY_NEW_ARTICLE)
    }

    /// Does the sentence name, in apposition between commas ("…, Igor
    /// Gromyko, a procédé"), a person whose family name the article has not
    /// written?
    fn introduces_someone_new(&self, sentence: &str) -> bool {
        let chunks: Vec<&str> = sentence.split(',').collect();
        chunks.len() >= 3
            && chunks[1..chunks.len() - 1].iter().any(|chunk| {
                let words: Vec<&str> = chunk.split_whitespace().collect();
                (2..=5).contains(&words.len())
                    && words[0].starts_with(char::is_uppercase)
                    && words.iter().all(|w| {
                        w.starts_with(char::is_uppercase)
                            || matches!(
                                *w,
                                "ag" | "ould" | "ben" | "bin" | "dit" | "de" | "el" | "al"
                            )
                    })
                    && words
                        .last()
                        .map(|w| content_words(w))
                        .is_some_and(|family| {
                            !family.is_empty() && family.is_disjoint(&self.words())
                        })
            })
    }

    /// "M. Maïga présidait…", "M. Bourita a rappelé…": in its opening
    /// sentence, an honorific before a family name alone that the article has
    /// already written refers back to someone it introduced; a new report
    /// introduces its persons in full.
    fn refers_back(&self, paragraph: &str) -> bool {
        let sentence = &paragraph[..first_sentence_len(paragraph)];
        let words: Vec<&str> = sentence.split_whitespace().collect();
        words.windows(2).enumerate().any(|(i, w)| {
            let name = w[1].trim_end_matches(|c: char| !c.is_alphanumeric());
            let alone = words
                .get(i + 2)
                .is_none_or(|n| !n.starts_with(char::is_uppercase));
            let known = content_words(name);
            SHORT_HONORIFICS.contains(w[0])
                && name.starts_with(char::is_uppercase)
                && alone
                && !known.is_empty()
                && known.is_subset(&self.words())
        })
    }

    fn new(title: Option<String>, page_date: Option<Date>, kind: ArticleKind, line: usize) -> Self {
        let words = title.as_deref().map(content_words).unwrap_or_default();
        Self {
            words: std::cell::RefCell::new(words),
            words_of: std::cell::Cell::new(0),
            seg: Segment {
                title,
                paragraphs: Vec::new(),
                issuer: None,
                author: None,
                page_date,
                kind,
                first_line: line,
                last_line: line,
            },
            opening_date: std::cell::Cell::new(None),
        }
    }

    /// A signature ends the article: its author. An official's signature
    /// under the function it signs for ("Le Secrétaire Général du
    /// Gouvernement," then "Mahamadou SANOGO") is also part of the text: the
    /// signatory is a person the communiqué names; a journalist's byline is not.
    fn sign(&mut self, name: String, line: usize) {
        let under_function = self.seg.paragraphs.last().is_some_and(|p| {
            p.trim_end().ends_with(',')
                || at_most_words(p, MAX_FUNCTION_WORDS) && !ends_sentence(p) && names_a_function(p)
        });
        if under_function {
            self.push(name.clone(), line);
        }
        self.seg.author = Some(name);
        self.seg.last_line = line;
    }

    fn push(&mut self, paragraph: String, line: usize) {
        self.seg.paragraphs.push(paragraph);
        self.seg.last_line = line;
    }

    /// The content words of the headline and of every paragraph so far;
    /// paragraphs are only ever added, so those of the paragraphs added since
    /// the last call are added to the set.
    fn words(&self) -> std::cell::Ref<'_, Words> {
        let paragraphs = &self.seg.paragraphs;
        if self.words_of.get() < paragraphs.len() {
            let mut words = self.words.borrow_mut();
            for p in &paragraphs[self.words_of.get()..] {
                words.extend(content_words(p));
            }
            self.words_of.set(paragraphs.len());
        }
        self.words.borrow()
    }

    fn has_body(&self) -> bool {
        !self.seg.paragraphs.is_empty()
    }

    /// The article's date as its opening gives it, read while splitting.
    fn date(&self) -> Option<Date> {
        let key = (
            self.opening_paragraphs(),
            self.seg.page_date,
            self.seg.title.as_deref().map_or(0, str::len),
        );
        if let Some((seen, date)) = self.opening_date.get()
            && seen == key
        {
            return date;
        }
        let date = event_date(
            self.seg.title.as_deref(),
            &self.opening(),
            self.seg.page_date,
        )
        .map(|(d, _)| d);
        self.opening_date.set(Some((key, date)));
        date
    }

    /// How many paragraphs `opening` takes, and their bytes.
    fn opening_paragraphs(&self) -> (usize, usize) {
        let (mut n, mut bytes) = (0, 0);
        for p in &self.seg.paragraphs {
            if bytes >= OPENING_CHARS {
                break;
            }
            n += 1;
            bytes += p.len();
        }
        (n, bytes)
    }

    /// The paragraphs of the article up to `OPENING_CHARS`: what splitting
    /// reads of the article so far to date it. Reading all of it for each
    /// new paragraph would cost the square of its length (a page of a
    /// thousand dated items under short headlines took seconds), and a
    /// report dates its event in its opening.
    fn opening(&self) -> String {
        self.seg.paragraphs[..self.opening_paragraphs().0].join("\n\n")
    }

    /// Does `candidate` (headlines and the paragraph after them) report another
    /// event than this article?
    fn is_other_event(&self, headlines: &[&str], paragraph: &str) -> bool {
        // Under no headline, only a lead that dates itself or sets its day
        // can open an article: most paragraphs are passed on that alone,
        // before the dearer readings below.
        if headlines.is_empty() {
            let lead = &paragraph[..first_sentence_len(paragraph)];
            if find_dates(lead, Some(PROBE_YEAR)).is_empty() && !sets_its_day(lead) {
                return false;
            }
        }
        if is_anaphoric(paragraph) || headlines.is_empty() && opens_with_participle(paragraph) {
            return false;
        }
        let mut text = headlines.join(". ");
        text.push_str(". ");
        // A new report dates its event in its opening sentence; a date further
        // on is background of the report being read ("nommés par décret du…").
        let lead_end = text.len() + first_sentence_len(paragraph);
        text.push_str(paragraph);
        if headlines.is_empty() && self.refers_back(paragraph) {
            return false;
        }
        let lead = |year: Option<i32>| {
            find_dates(&text, year).into_iter().find(|m| {
                !m.passing && m.start < lead_end && !in_participle_apposition(&text, m.start)
            })
        };
        // The article's own date is read (all its text so far) only when the
        // lead dates itself: most paragraphs do not, and reading it for each
        // of them would cost the square of an article's length.
        let (own, lead_date) = match lead(Some(PROBE_YEAR)) {
            None => (None, None),
            Some(_) => {
                let own = self.date();
                (own, lead(own.map(|d| d.year())))
            }
        };
        let theirs = lead_date.as_ref().map(|m| m.date);
        // "a reçu ce lundi…", then "a reçu vendredi 1er août 2025…": the
        // article told its day by a weekday; a lead dated on another weekday
        // tells another event.
        if own.is_none()
            && let Some(m) = &lead_date
            && m.weekday.is_some()
            && opening_weekday(&self.opening()).is_some_and(|w| w != m.date.weekday())
        {
            return true;
        }
        // "La Journée de l'Armée commémore le 20 janvier 1961": a date years
        // before the article's, in a paragraph under no headline, is history
        // the report recalls.
        if headlines.is_empty()
            && let (Some(a), Some(b)) = (theirs, own)
            && (b - a).whole_days() > HISTORY_DAYS
        {
            return false;
        }
        let shared = containment(&content_words(&text), &self.words());
        match (theirs, own) {
            // Undated, a report is still told apart by a headline of its own
            // ("Togo : …") or by a lead that sets its own day ("a reçu hier").
            (None, _) if headlines.iter().any(|h| has_kicker(h)) => shared < OTHER_DAY_NEW_ARTICLE,
            // "L'ambassadeur de Russie, Igor Gromyko, a procédé hier…": a
            // lead that sets its day and introduces, in full, someone the
            // article has not named tells another event.
            (None, _)
                if headlines.is_empty()
                    && sets_its_day(&paragraph[..first_sentence_len(paragraph)]) =>
            {
                shared < SAME_DAY_NEW_ARTICLE
                    || shared < OTHER_DAY_NEW_ARTICLE
                        && self.introduces_someone_new(&paragraph[..first_sentence_len(paragraph)])
            }
            (None, _) => false,
            (Some(a), Some(b)) if a != b => shared < OTHER_DAY_NEW_ARTICLE,
            _ => shared < SAME_DAY_NEW_ARTICLE,
        }
    }
}

/// Any year, to find whether a lead writes a date at all (a missing year
/// changes which date, not whether there is one).
const PROBE_YEAR: i32 = 2000;
/// What splitting reads of an article to date it (`Builder::opening`): the
/// dev set's longest article opening (dateline, lead and first paragraphs)
/// fits well within it.
const OPENING_CHARS: usize = 4000;

/// A function line over a signature has at most this many words.
const MAX_FUNCTION_WORDS: usize = 16;

/// A date this many days before the article's is history it recalls.
const HISTORY_DAYS: i64 = 366;

/// Honorifics that stand before a family name alone.
static SHORT_HONORIFICS: WordList = WordList::new(&WORDS, "short_honorifics");

/// "Le Dialogue National Inclusif, tenu à Bamako du 14 au 22 décembre 2019,
/// a formulé…": a date inside an apposition opened by a past participle
/// describes the subject; the sentence's own event is elsewhere.
fn in_participle_apposition(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(comma) = before.rfind(',') else {
        return false;
    };
    // The apposition is one clause: no sentence ends between it and the date.
    if before[comma..].contains(['.', ';', ':']) {
        return false;
    }
    let first = before[comma + 1..]
        .split_whitespace()
        .next()
        .map(fold)
        .unwrap_or_default();
    first.chars().count() > 3
        && ["e", "ee", "es", "ees", "u", "ue", "us", "ues", "is", "it"]
            .iter()
            .any(|e| first.ends_with(e))
        && !NOT_PARTICIPLES.contains(first.as_str())
        && at_most_words(&before[comma + 1..], 8)
}

/// "AU CHAPITRE DES MESURES INDIVIDUELLES", "SUR LE PLAN SÉCURITAIRE": a
/// heading in capitals that opens on a preposition names a part of a
/// document; a headline names its news.
fn is_section_heading(line: &str) -> bool {
    let letters = || line.chars().filter(|c| c.is_alphabetic());
    letters().count() >= 6
        && letters().all(char::is_uppercase)
        && line
            .split_whitespace()
            .next()
            .map(fold)
            .is_some_and(|w| SECTION_OPENERS.contains(w.as_str()))
}

/// Prepositions that open a document's section headings.
static SECTION_OPENERS: WordList = WordList::new(&WORDS, "section_openers");

/// What the segmenter made of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Page furniture: never part of an article.
    Chrome,
    Headline,
    /// A line between the headline and the text (lead, subtitle, caption),
    /// kept at the head of the body.
    Subhead,
    /// A headline-shaped line inside an article: an intertitle or a caption.
    Intertitle,
    Body,
    /// The body of an article listed after the page's own.
    Teaser,
    /// Place and date of a letter or of its signature, part of the body.
    Dateline,
    PageDate,
    /// The issuer tag or signature that ends an article.
    Tag,
    /// A marker that ends an article and opens what follows it on a page.
    Boundary,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chrome => "chrome",
            Role::Headline => "headline",
            Role::Subhead => "subhead",
            Role::Intertitle => "intertitle",
            Role::Body => "body",
            Role::Teaser => "teaser",
            Role::Dateline => "dateline",
            Role::PageDate => "page-date",
            Role::Tag => "tag",
            Role::Boundary => "boundary",
        }
    }
}

/// The role of one logical line and why: what `extract --explain` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineNote {
    /// 1-based file lines (several when a wrapped paragraph was joined).
    pub first: usize,
    pub last: usize,
    pub role: Role,
    pub why: Cow<'static, str>,
}

/// A headline-shaped line waiting for the text under it.
struct Candidate {
    /// Index of the logical line, and of its note.
    line: usize,
    note: usize,
    text: String,
}

/// Splits a normalised dump into its articles.
pub fn segment(text: &str) -> Vec<Segment> {
    segment_explained(text).0
}

/// Splits a normalised dump into its articles, with the role of every
/// non-blank line and the reason for it.
pub fn segment_explained(text: &str) -> (Vec<Segment>, Vec<LineNote>) {
    let lines = logical_lines(text);
    let mut classes: Vec<LineClass> = lines.iter().map(|l| classify(&l.text)).collect();
    // "Accueil Actualités Les présidents … au rang de...": a breadcrumb
    // ending in a cut copy of the headline printed below it.
    for i in 0..lines.len() {
        if classes[i] == LineClass::Text && is_cut_copy(&lines[i].text, &lines[i + 1..]) {
            classes[i] = LineClass::Chrome;
        }
    }
    let mut notes: Vec<LineNote> = Vec::with_capacity(lines.len());
    let mut out: Vec<Segment> = Vec::new();
    let mut current: Option<Builder> = None;
    let mut headlines: Vec<Candidate> = Vec::new();
    let mut headline_date: Option<Date> = None;
    let mut headline_date_under = false;
    let mut dateline: Option<usize> = None;
    let mut gap = true;
    let mut related = false;
    // Inside readers' comments: nothing is an article until a dated post
    // header or the page's own sections come back.
    let mut in_comments = false;
    // In a list after the article, a headline followed by its own date is an
    // item without text: the next headline starts a new item.
    let mut listed_item = false;
    // After a list marker above the first text: teasers until the article.
    let mut top_sidebar = false;
    // The headline a "Lire aussi" inside an article links to.
    let mut skip_link_headline = false;

    let close = |current: &mut Option<Builder>, out: &mut Vec<Segment>| {
        if let Some(b) = current.take()
            && keep(&b.seg)
        {
            out.push(b.seg);
        }
    };

    for (idx, (line, class)) in lines.iter().zip(&classes).enumerate() {
        let mut note = |role: Role, why: Cow<'static, str>| {
            notes.push(LineNote {
                first: line.first,
                last: line.last,
                role,
                why,
            });
            notes.len() - 1
        };
        if in_comments {
            match class {
                LineClass::Blank => continue,
                LineClass::PageDate(_) | LineClass::SectionBreak => in_comments = false,
                _ if is_post_stamp(&line.text) => in_comments = false,
                _ => {
                    note(
                        Role::Chrome,
                        "readers' comments (under a comments heading)".into(),
                    );
                    continue;
                }
            }
        }
        match class {
            LineClass::Blank => gap = true,
            LineClass::Comments
                if current.as_ref().is_some_and(Builder::has_body) || !out.is_empty() =>
            {
                flush_sentences(&mut current, &mut headlines, &mut notes);
                close(&mut current, &mut out);
                drop_candidates(
                    &mut headlines,
                    &mut notes,
                    "a headline with no text under it",
                );
                dateline = None;
                in_comments = true;
                notes.push(LineNote {
                    first: line.first,
                    last: line.last,
                    role: Role::Boundary,
                    why: "heads readers' comments: no article until a dated post or the page's next section".into(),
                });
                gap = true;
            }
            LineClass::Comments => {
                note(
                    Role::Chrome,
                    "a comments counter or link above the text".into(),
                );
                gap = true;
            }
            LineClass::Chrome => {
                note(
                    Role::Chrome,
                    "page furniture (menu, counter, share or byline line)".into(),
                );
                gap = true;
            }
            LineClass::PageDate(d) => {
                listed_item = related && !headlines.is_empty();
                // The first date under a headline is its date; a date above
                // every headline (the site's "today") counts only without one.
                if !headlines.is_empty() && !headline_date_under {
                    headline_date = Some(*d);
                    headline_date_under = true;
                } else if current.is_none() {
                    headline_date.get_or_insert(*d);
                }
                note(
                    Role::PageDate,
                    format!("a date with nothing but page words: {d}").into(),
                );
                gap = true;
            }
            LineClass::Dateline(d) => {
                let open = current
                    .as_ref()
                    .is_some_and(|b| b.has_body() && b.seg.issuer.is_none());
                if open && headlines.is_empty() {
                    let b = current.as_mut().expect("checked open above");
                    b.push(squeeze_spaces(&line.text), line.last);
                    note(
                        Role::Dateline,
                        format!("place and date ({d}) inside an article").into(),
                    );
                } else {
                    dateline = Some(idx);
                    note(
                        Role::Dateline,
                        format!("place and date ({d}) opening a text").into(),
                    );
                }
                gap = true;
            }
            LineClass::SectionBreak
                if (out.is_empty() && !current.as_ref().is_some_and(Builder::has_body))
                    || is_credit(&line.text)
                        && prose_follows(&lines[idx + 1..], &classes[idx + 1..]) =>
            {
                // A credit or a marker above the first text is furniture, not
                // the end of an article: "© aDakar.com par PMD" over a photo.
                // A list marker there ("Dans la même catégorie") opens a side
                // bar set above the article: its teasers are furniture too.
                if !is_credit(&line.text) {
                    top_sidebar = true;
                    drop_candidates(&mut headlines, &mut notes, "above a side bar");
                }
                notes.push(LineNote {
                    first: line.first,
                    last: line.last,
                    role: Role::Chrome,
                    why: "a credit or marker with the article's text still to come".into(),
                });
                gap = true;
            }
            LineClass::SectionBreak
                if !related
                    && is_read_also_marker(&line.text)
                    && current.as_ref().is_some_and(|b| {
                        b.has_body() && b.resumes_after_link(&lines[idx + 1..], &classes[idx + 1..])
                    }) =>
            {
                skip_link_headline = true;
                notes.push(LineNote {
                    first: line.first,
                    last: line.last,
                    role: Role::Chrome,
                    why: "'Lire aussi' inside the article: its text goes on after the link".into(),
                });
                gap = true;
            }
            LineClass::ReadMore | LineClass::SectionBreak => {
                flush_sentences(&mut current, &mut headlines, &mut notes);
                close(&mut current, &mut out);
                drop_candidates(
                    &mut headlines,
                    &mut notes,
                    "a headline with no text under it",
                );
                dateline = None;
                let why = if *class == LineClass::SectionBreak {
                    related = true;
                    "opens what follows the article on the page (other articles, tags, footer)"
                } else {
                    "'Lire »' ends a teaser"
                };
                notes.push(LineNote {
                    first: line.first,
                    last: line.last,
                    role: Role::Boundary,
                    why: why.into(),
                });
                gap = true;
            }
            LineClass::Short => {
                let text = squeeze_spaces(&line.text);
                let open = current
                    .as_ref()
                    .is_some_and(|b| b.has_body() && b.seg.issuer.is_none())
                    && headlines.is_empty();
                // "Abdoulaye DIOP" then "BIP/MAECI": the signatory, then the
                // office's tag that closes the text.
                if open
                    && is_signature(&text)
                    && !is_issuer_tag(&text)
                    && next_is_tag(&lines[idx + 1..], &classes[idx + 1..])
                    && let Some(b) = current.as_mut()
                {
                    b.sign(text, line.last);
                    notes.push(LineNote {
                        first: line.first,
                        last: line.last,
                        role: Role::Tag,
                        why: "a signature over the office's tag".into(),
                    });
                    gap = true;
                    continue;
                }
                let closes = open
                    && (next_is_boundary(&classes[idx + 1..])
                        || is_issuer_tag(&text)
                            && boundary_after_labels(&lines[idx + 1..], &classes[idx + 1..]))
                    && (is_issuer_tag(&text) || is_signature(&text));
                if closes {
                    let is_tag = is_issuer_tag(&text);
                    if let Some(b) = current.as_mut() {
                        if is_tag {
                            b.seg.issuer = Some(text);
                            b.seg.last_line = line.last;
                        } else {
                            b.sign(text, line.last);
                        }
                    }
                    let why = if is_tag {
                        "an issuer's tag after the last paragraph"
                    } else {
                        "a signed byline after the last paragraph: the author, not the issuer"
                    };
                    note(Role::Tag, why.into());
                    close(&mut current, &mut out);
                } else {
                    if related && std::mem::take(&mut listed_item) {
                        // "Actujet" over the site's blurb: a box of its own,
                        // not the text of the dated headline above.
                        drop_candidates(
                            &mut headlines,
                            &mut notes,
                            "an item of a list: a headline and its date, no text",
                        );
                    }
                    notes.push(LineNote {
                        first: line.first,
                        last: line.last,
                        role: Role::Chrome,
                        why: "a label of one or two words".into(),
                    });
                }
                gap = true;
            }
            LineClass::Text => {
                let text = squeeze_spaces(&line.text);
                let tagged = split_trailing_tag(&text);
                if tagged.is_none() && is_headline(&text) && std::mem::take(&mut skip_link_headline)
                {
                    notes.push(LineNote {
                        first: line.first,
                        last: line.last,
                        role: Role::Chrome,
                        why: "the headline a 'Lire aussi' links to".into(),
                    });
                    continue;
                }
                // "Le Ministre de la Défense …" then "Colonel Sadio CAMARA": a
                // function and its signatory close the text.
                if tagged.is_none()
                    && headlines.len() == 1
                    && is_signature(&text)
                    && names_a_function(&headlines[0].text)
                    && at_most_words(&headlines[0].text, MAX_FUNCTION_WORDS)
                    && let Some(b) = current.as_mut().filter(|b| {
                        b.has_body() && b.seg.issuer.is_none() && b.seg.author.is_none()
                    })
                {
                    let function = headlines.pop().expect("one candidate, checked above");
                    notes[function.note].role = Role::Body;
                    notes[function.note].why = "the function a signature signs for".into();
                    b.push(function.text, lines[function.line].last);
                    b.sign(text, line.last);
                    notes.push(LineNote {
                        first: line.first,
                        last: line.last,
                        role: Role::Tag,
                        why: "an official's signature under the function it signs for".into(),
                    });
                    gap = true;
                    continue;
                }
                if tagged.is_none() && is_headline(&text) {
                    if let Some(b) = current
                        .as_mut()
                        .filter(|b| b.has_body() && b.seg.issuer.is_none() && headlines.is_empty())
                    {
                        // A tag on its own line that is longer than a label.
                        if is_issuer_tag(&text) && next_is_boundary(&classes[idx + 1..]) {
                            b.seg.issuer = Some(text);
                            b.seg.last_line = line.last;
                            note(
                                Role::Tag,
                                "an office's name after the last paragraph".into(),
                            );
                            close(&mut current, &mut out);
                            gap = true;
                            continue;
                        }
                        // "Mohamed D. DIAWARA": a byline with an initial
                        // signs the article; what follows is another text.
                        if is_signature(&text) && b.seg.author.is_none() {
                            b.sign(text, line.last);
                            note(
                                Role::Tag,
                                "a signed byline after the last paragraph: the author, not the issuer"
                                    .into(),
                            );
                            close(&mut current, &mut out);
                            gap = true;
                            continue;
                        }
                    }
                    if std::mem::take(&mut listed_item) {
                        drop_candidates(
                            &mut headlines,
                            &mut notes,
                            "an item of a list: a headline and its date, no text",
                        );
                    }
                    let n = notes.len();
                    notes.push(LineNote {
                        first: line.first,
                        last: line.last,
                        role: Role::Chrome,
                        why: "a headline with no text under it".into(),
                    });
                    headlines.push(Candidate {
                        line: idx,
                        note: n,
                        text,
                    });
                    gap = false;
                    continue;
                }

                let (paragraph, tag) = match tagged {
                    Some((p, t)) => (p.to_owned(), Some(t.to_owned())),
                    None => (text.clone(), None),
                };
                let lead_in: Vec<&str> = headlines.iter().map(|c| c.text.as_str()).collect();
                // "AU CHAPITRE DES COMMUNICATIONS" inside a text heads its next
                // part: the text goes on unless the prose says otherwise.
                let sections_only =
                    !lead_in.is_empty() && lead_in.iter().all(|h| is_section_heading(h));
                let starts_new = match current.as_ref() {
                    None => true,
                    Some(b) if !b.has_body() => false,
                    // A part of the document being read, whatever it dates.
                    Some(_) if sections_only => false,
                    Some(b) if !headlines.is_empty() => b.is_other_event(&lead_in, &paragraph),
                    Some(b) => gap && b.is_other_event(&[], &paragraph),
                };
                let body_role = if related { Role::Teaser } else { Role::Body };
                if starts_new && top_sidebar {
                    if is_cut_short(&paragraph) {
                        drop_candidates(
                            &mut headlines,
                            &mut notes,
                            "a teaser's headline in a side bar above the article",
                        );
                        notes.push(LineNote {
                            first: line.first,
                            last: line.last,
                            role: Role::Chrome,
                            why: "a teaser cut short in a side bar above the article".into(),
                        });
                        gap = false;
                        continue;
                    }
                    top_sidebar = false;
                }
                if starts_new {
                    close(&mut current, &mut out);
                    if related && headlines.is_empty() {
                        // Prose in a side bar with no headline: a site blurb, not a teaser.
                        note(Role::Chrome, "prose in a side bar, with no headline".into());
                        gap = false;
                        continue;
                    }
                    let kind = if related {
                        ArticleKind::Related
                    } else {
                        ArticleKind::Main
                    };
                    // The head of this article: from its first candidate line to
                    // its text (a headline printed twice, or in a breadcrumb,
                    // is printed twice there; a letterhead repeated in the
                    // signature block is not).
                    let head_start = headlines.first().map_or(idx, |c| c.line);
                    let page: Vec<String> = lines[head_start..=idx]
                        .iter()
                        .filter(|l| !l.text.trim().is_empty())
                        .map(|l| squeeze_spaces(&fold(&l.text)))
                        .collect();
                    let (best, weights) = choose(&lead_in, &page);
                    // "… Publié le lundi 11 novembre 2019 | Le Sahel": the
                    // page date glued to the headline or to its copy.
                    if headline_date.is_none() {
                        headline_date = lead_in.iter().find_map(|h| glued_page_date(h));
                    }
                    let mut title = None;
                    let mut first_line = line.first;
                    let mut under: Vec<(usize, String)> = Vec::new();
                    for (i, (c, w)) in headlines.drain(..).zip(&weights).enumerate() {
                        let reasons = if w.reasons.is_empty() {
                            "plain".to_owned()
                        } else {
                            w.reasons.join(", ")
                        };
                        let n = &mut notes[c.note];
                        if Some(i) == best {
                            n.role = Role::Headline;
                            n.why =
                                format!("best headline candidate (score {}: {reasons})", w.score)
                                    .into();
                            first_line = lines[c.line].first;
                            title = Some(clean_title(&c.text));
                        } else if best.is_some_and(|b| i < b) {
                            n.why =
                                format!("above the headline (score {}: {reasons})", w.score).into();
                        } else if w.score <= FURNITURE_SCORE
                            || title
                                .as_deref()
                                .is_some_and(|t| is_headline_copy(t, &c.text))
                        {
                            n.why = format!(
                                "furniture under the headline (score {}: {reasons})",
                                w.score
                            )
                            .into();
                        } else {
                            n.role = Role::Subhead;
                            n.why =
                                format!("between headline and text (score {}: {reasons})", w.score)
                                    .into();
                            if title.is_none() && under.is_empty() {
                                first_line = lines[c.line].first;
                            }
                            under.push((lines[c.line].last, c.text));
                        }
                    }
                    let mut b = Builder::new(title, headline_date.take(), kind, first_line);
                    for (last, h) in under {
                        b.push(h, last);
                    }
                    current = Some(b);
                }
                let b = current
                    .as_mut()
                    .expect("an article is open: created above when none was");
                for c in headlines.drain(..) {
                    // Captions and intertitles stay in the body they belong to.
                    notes[c.note].role = Role::Intertitle;
                    notes[c.note].why = "a headline-shaped line inside an article".into();
                    b.push(c.text, lines[c.line].last);
                }
                if let Some(d) = dateline.take() {
                    b.push(squeeze_spaces(&lines[d].text), lines[d].last);
                }
                // A line that ends its sentence ends its paragraph: round-ups
                // set one item per line with no blank line between.
                gap = ends_sentence(&paragraph);
                b.push(paragraph, line.last);
                headline_date = None;
                headline_date_under = false;
                let why: Cow<'static, str> = match (&tag, starts_new) {
                    (Some(_), _) => "prose, ending with the issuer's tag".into(),
                    (None, true) => "prose that opens an article".into(),
                    (None, false) => "prose".into(),
                };
                notes.push(LineNote {
                    first: line.first,
                    last: line.last,
                    role: body_role,
                    why,
                });
                if let Some(tag) = tag {
                    b.seg.issuer = Some(tag);
                    close(&mut current, &mut out);
                    gap = true;
                }
            }
        }
    }
    flush_sentences(&mut current, &mut headlines, &mut notes);
    close(&mut current, &mut out);
    (out, notes)
}

/// The date of a "Publié le …" tail glued to a headline.
fn glued_page_date(headline: &str) -> Option<Date> {
    let folded = fold(headline);
    let at = folded.find(" publie le ")?;
    let tail = &folded[at + " publie le ".len()..];
    let tail = tail.split('|').next().unwrap_or(tail).trim();
    find_dates(tail, None)
        .into_iter()
        .find(|m| m.start == 0 && m.year_written)
        .map(|m| m.date)
}

/// Lines below a cut copy within which the full line is looked for.
const CUT_COPY_REACH: usize = 6;
/// Words of the cut line's end that must be found in the full one.
const CUT_COPY_WORDS: usize = 6;

/// Is `line` cut with an ellipsis and its last words printed whole in one of
/// the next lines?
fn is_cut_copy(line: &str, below: &[LogicalLine]) -> bool {
    let t = line.trim_end();
    let Some(rest) = t.strip_suffix("...").or_else(|| t.strip_suffix('…')) else {
        return false;
    };
    let folded = squeeze_spaces(&fold(rest));
    let words: Vec<&str> = folded.split(' ').collect();
    if words.len() < CUT_COPY_WORDS {
        return false;
    }
    let tail = words[words.len() - CUT_COPY_WORDS..].join(" ");
    below
        .iter()
        .take(CUT_COPY_REACH)
        .any(|l| squeeze_spaces(&fold(&l.text)).contains(&tail))
}

/// "… le ministre français de l’Europe et des...": a teaser's text, cut
/// off by the page in the middle of its sentence.
fn is_cut_short(paragraph: &str) -> bool {
    let t = paragraph.trim_end();
    let Some(rest) = t.strip_suffix("...").or_else(|| t.strip_suffix('…')) else {
        return false;
    };
    rest.trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Is `line` the headline again, alone or inside a breadcrumb or a "Publié
/// le …" line?
fn is_headline_copy(title: &str, line: &str) -> bool {
    let (t, l) = (squeeze_spaces(&fold(title)), squeeze_spaces(&fold(line)));
    l.contains(&t) || l.contains("publie le ")
}

/// "© aDakar.com par PMD", "Copyright AFP": a credit line, which ends a page
/// as its footer or sits under a photo.
fn is_credit(line: &str) -> bool {
    let t = fold(line.trim());
    t.starts_with('©') || t.starts_with("copyright")
}

/// Words of a paragraph of prose, as opposed to a headline or a footer line.
const PROSE_WORDS: usize = 25;

/// Does a paragraph of prose come later (so that a credit is not a footer)?
fn prose_follows(lines: &[LogicalLine], classes: &[LineClass]) -> bool {
    lines.iter().zip(classes).any(|(l, c)| {
        *c == LineClass::Text && has_words(&l.text, PROSE_WORDS) && ends_sentence(&l.text)
    })
}

/// Candidates that never got text under them stay chrome, with this reason.
fn drop_candidates(headlines: &mut Vec<Candidate>, notes: &mut [LineNote], why: &'static str) {
    for c in headlines.drain(..) {
        notes[c.note].why = why.into();
    }
}

/// Is the next line an office's tag?
fn next_is_tag(lines: &[LogicalLine], classes: &[LineClass]) -> bool {
    lines
        .iter()
        .zip(classes)
        .find(|(_, c)| !matches!(c, LineClass::Blank | LineClass::Chrome))
        .is_some_and(|(l, c)| {
            matches!(c, LineClass::Short | LineClass::Text) && is_issuer_tag(l.text.trim())
        })
}

/// Is nothing but a boundary ahead: the end, a section marker, "Lire »", or a
/// headline (as opposed to more prose of the same article)?
fn next_is_boundary(rest: &[LineClass]) -> bool {
    match rest
        .iter()
        .find(|c| !matches!(c, LineClass::Blank | LineClass::Chrome))
    {
        None => true,
        Some(LineClass::Text) => true,
        Some(LineClass::Short) => false,
        Some(_) => true,
    }
}

/// As `next_is_boundary`, passing over a side bar's labels ("Inter", "-")
/// before the next headline.
fn boundary_after_labels(lines: &[LogicalLine], classes: &[LineClass]) -> bool {
    let mut rest = lines
        .iter()
        .zip(classes)
        .filter(|(_, c)| !matches!(c, LineClass::Blank | LineClass::Chrome));
    loop {
        match rest.next() {
            None => return true,
            Some((l, LineClass::Short)) => {
                let t = l.text.trim();
                if is_issuer_tag(t) || is_signature(t) {
                    return false;
                }
            }
            Some((l, LineClass::Text)) => return is_headline(&squeeze_spaces(&l.text)),
            Some(_) => return true,
        }
    }
}

/// An article is kept when it has a body; a teaser in a list of other articles
/// must also have a headline and substance, and date its event.
fn keep(seg: &Segment) -> bool {
    if seg.paragraphs.is_empty() {
        return false;
    }
    let body = seg.body();
    if !has_words(&body, MIN_ARTICLE_WORDS) || addresses_reader(&body) {
        return false;
    }
    match seg.kind {
        ArticleKind::Main => true,
        // A teaser may give no date ("reçu vendredi"): its headline and a
        // sentence of text about it make it an item of the list (a site's
        // blurb under the last headline of a list shares none of its words).
        ArticleKind::Related => seg
            .title
            .as_deref()
            .is_some_and(|t| body.chars().count() >= MIN_TEASER_CHARS && shares_a_stem(t, &body)),
    }
}

/// Letters that make two words one stem ("consulat", "consulaires";
/// "cacao").
const STEM_CHARS: usize = 5;

/// Do two texts share a word's stem (its first letters, on words long
/// enough to have one)?
fn shares_a_stem(a: &str, b: &str) -> bool {
    let stems = |t: &str| -> std::collections::HashSet<String> {
        fold(t)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| {
                w.chars().count() >= STEM_CHARS
                    && !w.bytes().all(|b| b.is_ascii_digit())
                    && !is_stopword(w)
            })
            .map(|w| w.chars().take(STEM_CHARS).collect())
            .collect()
    };
    !stems(a).is_disjoint(&stems(b))
}

/// An article tells of something in a sentence or more; fewer words are a
/// counter, a credit or a site's name left at the end of a page.
const MIN_ARTICLE_WORDS: usize = 12;
/// A box that speaks to the reader is at most this long.
const MAX_READER_BOX_WORDS: usize = 60;

/// "Recevez chaque jour par email…", "Vous recevez cette infolettre parce
/// que…": a short text that addresses the reader (an imperative or "vous"
/// in its first words) is a newsletter or subscription box, not a report.
fn addresses_reader(body: &str) -> bool {
    if !at_most_words(body, MAX_READER_BOX_WORDS) {
        return false;
    }
    let folded = fold(body);
    let first: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    let imperative = first
        .first()
        .is_some_and(|w| w.len() > 4 && w.ends_with("ez"));
    imperative || first.iter().any(|w| matches!(*w, "vous" | "votre" | "vos"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<Option<String>> {
        segment(text).into_iter().map(|s| s.title).collect()
    }

    #[test]
    fn anaphoric_openers() {
        for p in [
            "Le lendemain, 25 juin 2025 à Kazan, des étudiants l'ont accueilli.",
            "Il a également évoqué les avancées notables.",
            "Prenant la parole à l’occasion de cette audience, le Président a parlé.",
            "Cette rencontre a permis de faire le point.",
            "« Le Mali rompt avec Kiev », titre sobrement le quotidien public.",
        ] {
            assert!(is_anaphoric(p), "{p}");
        }
        for p in [
            "C’est ce samedi que la ministre de l’Énergie a inauguré la centrale.",
            "Ce jeudi 3 juillet 2025, le Président de la Transition a reçu.",
            "Le Premier ministre a reçu ce jeudi 8 janvier 2026 l'Ambassadeur.",
            "Dans le cadre de sa visite officielle en Fédération de Russie, le Président a rencontré.",
            "Illustration du partenariat, le projet avance.",
        ] {
            assert!(!is_anaphoric(p), "{p}");
        }
    }

    #[test]
    fn a_tag_ends_an_article_and_the_next_headline_opens_one() {
        let text = "Audience à la Primature\n\nLe Premier ministre a reçu ce jeudi 8 janvier 2026 l’Ambassadeur de Palestine. PRIMATURE\n\nLe Premier reçoit la Chargée d’Affaires du Canada\n\nLe Premier ministre a reçu ce jeudi 8 janvier 2026 la Chargée d’Affaires du Canada. PRIMATURE\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].issuer.as_deref(), Some("PRIMATURE"));
        assert_eq!(
            segs[1].title.as_deref(),
            Some("Le Premier reçoit la Chargée d’Affaires du Canada")
        );
        assert_eq!(segs[1].paragraphs.len(), 1);
        assert!(segs[1].paragraphs[0].ends_with("du Canada."));
    }

    #[test]
    fn intertitles_and_captions_stay_in_their_article() {
        let text = "Visite du ministre à Sikasso\n\nLe ministre de la Santé a visité ce lundi 3 mars 2025 l’hôpital régional de Sikasso.\n\nUn hôpital rénové\n\nLes nouveaux blocs opératoires de l’hôpital régional ont été présentés au ministre.\n\nLe ministre a salué le personnel de l’hôpital de Sikasso le lundi 3 mars 2025\nIl a promis de nouveaux équipements.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 1, "{segs:#?}");
        assert_eq!(segs[0].paragraphs.len(), 5);
    }

    #[test]
    fn a_headline_over_another_event_opens_an_article() {
        let text = "Le Président a reçu ce mercredi 26 février 2025 le Secrétaire d’État du Qatar.\nLes deux parties ont salué la coopération.\n\nInauguration d’un pont à Kayes\nLe Premier ministre a inauguré le mardi 24 juin 2025 un pont sur le fleuve Sénégal à Kayes.\n";
        assert_eq!(
            titles(text),
            vec![None, Some("Inauguration d’un pont à Kayes".to_owned())]
        );
    }

    #[test]
    fn teasers_are_kept_and_side_bars_dropped() {
        let body = "Le Ministre a lancé, le 21 octobre 2024, à la Grande Chancellerie, deux sessions de formation de cinq jours à l’intention des secrétaires, assistants et chauffeurs de la Présidence de la République. La première session porte sur l’éthique du chauffeur.";
        let text = format!(
            "Titre principal de la page\n\n{body}\n\nAutres articles qui font l'actualité\n\nOuverture de deux sessions de formation\n\n{body}\n\nLire »\n\nMots clés: a b c\nArticle suivant\n\nFrance : un an de prison ferme pour un incendie\n\n    7 août 2025\n\nActujet – L’info qui va vite ! Un site d’actualités rapide et accessible, qui couvre l’essentiel de l’info : politique, société, économie, sport, culture et faits divers. Chaque jour, notre équipe vous livre des articles courts.\n"
        );
        let segs = segment(&text);
        let kinds: Vec<_> = segs
            .iter()
            .map(|s| (s.title.clone().unwrap(), s.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("Titre principal de la page".to_owned(), ArticleKind::Main),
                (
                    "Ouverture de deux sessions de formation".to_owned(),
                    ArticleKind::Related
                ),
            ]
        );
    }

    #[test]
    fn signature_and_page_date() {
        let text = "Accueil Politique\n\nLe Mali et la Russie renforcent leur coopération\n\nActujet Par Actujet\n30 juillet 2025\nDans Politique\n\nLe Président a accueilli la commission mixte à Bamako pour sa première session.\nKader Toé";
        let segs = segment(text);
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].issuer, None, "a byline is no issuer");
        assert_eq!(segs[0].author.as_deref(), Some("Kader Toé"));
        assert_eq!(segs[0].page_date, Some(time::macros::date!(2025 - 07 - 30)));
        assert_eq!(segs[0].first_line, 3);
        assert_eq!(segs[0].last_line, 10);
    }

    #[test]
    fn nothing_but_chrome_gives_no_article() {
        assert!(segment("• Accueil\n• Politique\nAucun résultat\n0\n© 2025 Site\n").is_empty());
    }

    #[test]
    fn paragraphs_that_carry_on_a_report_stay_in_it() {
        // A participle opener, a possessive, a decree's date, "les deux".
        let text = "Le colonel Goïta nomme un nouveau Premier ministre\n\nLe président de la Transition a nommé lundi 7 juin 2021 Choguel Kokalla Maïga Premier ministre par décret.\n\nÂgé de 63 ans, plusieurs fois ministre, M. Maïga présidait le comité stratégique du Mouvement depuis le 5 juin 2020.\n\nSa nomination intervient deux semaines après l’arrestation, le 24 mai 2021, du président de transition.\n\nNommé par décret n°2024-0467/PT-RM du 23 août 2024, l’ancien officier rejoint son poste en septembre.\n\nLes deux hommes se sont entretenus le 9 juin 2021 de la feuille de route.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 1, "{segs:#?}");
        assert_eq!(segs[0].paragraphs.len(), 5);
    }

    #[test]
    fn undated_reports_are_told_apart_by_their_headline_or_their_day() {
        // An undated item under a headline of its own opens an article.
        let text = "Ghana : le président reçoit le chef de la diplomatie malienne\n\nLe chef de l’Etat ghanéen a reçu ce jeudi 4 mai 2023 à Accra le ministre malien des Affaires étrangères, porteur d’un message.\n\nTogo : Faure Gnassingbé reçoit une délégation\n\nLe chef de l’Etat togolais a reçu à Lomé une délégation conduite par le ministre, avec laquelle il a évoqué le port autonome.\n";
        assert_eq!(segment(text).len(), 2);
        // In a round-up, a lead that sets its own day is a new item.
        let text = "Le ministre des Affaires étrangères a reçu ce lundi 3 mars 2025 l’ambassadeur de Chine pour évoquer la coopération minière.\n\nLe Conseil national de Transition a adopté vendredi, à une large majorité, la loi de programmation militaire et sécuritaire.\n";
        assert_eq!(segment(text).len(), 2);
    }

    #[test]
    fn an_intertitle_in_capitals_is_not_an_issuer_tag() {
        let text = "COMMUNIQUE DU CONSEIL DES MINISTRES\n\nLe Conseil des Ministres a tenu sa session ordinaire le mercredi 1er décembre 2021 au Palais de Koulouba.\n\nAU CHAPITRE DES MESURES INDIVIDUELLES\n\nLe Conseil des Ministres a procédé aux nominations suivantes : un ambassadeur à Abuja.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 1, "{segs:#?}");
        assert_eq!(segs[0].issuer, None);
    }

    #[test]
    fn round_up_items_one_per_line_and_new_actors() {
        // Items one per line, no blank line between: each sets its day.
        let text = "Le ministre de l’Intérieur a présidé ce jeudi 4 janvier 2024 à Kayes la réunion du comité régional de sécurité.\nLes ministres du Commerce des deux pays ont visité lundi le port sec de Kati pour évaluer le trafic des camions.\n";
        assert_eq!(segment(text).len(), 2);
        // A lead that sets its day and introduces someone new in apposition.
        let text = "Le ministre des Maliens de l’extérieur a présidé hier l’ouverture d’un atelier sur la mobilisation de la diaspora et de ses transferts vers le pays.\n\nL’ambassadeur de Chine au Mali, Chen Zhihong, a procédé hier à la remise d’un lot de vivres au Commissariat à la sécurité alimentaire du pays.\n";
        assert_eq!(segment(text).len(), 2);
        // A fronted phrase and a subject that refers back continue it.
        let text = "Le ministre des Affaires étrangères a été reçu ce jeudi 6 mars 2025 à Lomé par le président togolais, avec son collègue des Finances.\nPorteurs d’un message du président de la Transition, le colonel, les deux ministres ont évoqué la coopération.\nNommé par le Conseil des ministres en sa séance du 12 juin 2024 à Koulouba, le diplomate a transmis ses salutations.\n";
        assert_eq!(segment(text).len(), 1, "{:#?}", segment(text));
    }

    #[test]
    fn a_lead_on_another_weekday_than_the_article_is_another_event() {
        let text = "Le Président a reçu en audience ce lundi, au palais de Koulouba, le Secrétaire général de l’Organisation de la coopération islamique.\n\nLe Président de la Transition, Chef de l’État, le Général d’Armée Assimi GOÏTA, a reçu vendredi 1er août 2025 un appel du Président mauritanien au palais de Koulouba.\n";
        assert_eq!(segment(text).len(), 2);
    }

    #[test]
    fn a_signed_byline_ends_a_report_in_a_round_up() {
        let text = "Diplomatie : le ministre reçoit trois ambassadeurs\n\nLe ministre des Affaires étrangères a reçu ce mardi 14 janvier 2025 les copies figurées de trois ambassadeurs non-résidents.\n\nMoussa K. TRAORÉ\n\nLe Premier ministre a reçu hier une délégation du Fonds monétaire international conduite par son chef de mission.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 2, "{segs:#?}");
        assert_eq!(segs[0].author.as_deref(), Some("Moussa K. TRAORÉ"));
    }

    #[test]
    fn an_officials_signature_is_part_of_the_text_a_journalists_is_not() {
        let report = "Le Gouvernement condamne avec la dernière énergie l’attaque perpétrée ce samedi 22 mars 2025 contre une mosquée.";
        // Under the function it signs for, then the office's tag.
        let text = format!(
            "{report}\n\nLe Ministre des Affaires étrangères et de la Coopération internationale,\n\nAbdoulaye DIOP\n\nBIP/MAECI\n"
        );
        let segs = segment(&text);
        assert_eq!(segs.len(), 1, "{segs:#?}");
        assert_eq!(segs[0].author.as_deref(), Some("Abdoulaye DIOP"));
        assert_eq!(segs[0].issuer.as_deref(), Some("BIP/MAECI"));
        assert_eq!(
            segs[0].paragraphs.last().map(String::as_str),
            Some("Abdoulaye DIOP")
        );
        // Under a function line without a comma, with a rank.
        let text = format!(
            "{report}\n\nLe Ministre de la Défense et des Anciens Combattants\n\nColonel Sadio CAMARA\n"
        );
        let segs = segment(&text);
        assert_eq!(
            segs[0].paragraphs.last().map(String::as_str),
            Some("Colonel Sadio CAMARA")
        );
        // A journalist's byline under the last paragraph is no part of it.
        let segs = segment(&format!("{report}\n\nKader Toé\n"));
        assert_eq!(segs[0].author.as_deref(), Some("Kader Toé"));
        assert_eq!(segs[0].paragraphs.len(), 1);
    }

    #[test]
    fn readers_comments_are_no_articles() {
        // A comments heading ends the article; the comments under it are
        // furniture until a dated post header.
        let text = "Le ministre de la Défense en visite à Ankara\n\nLe ministre de la Défense a été reçu ce mardi 4 mars 2025 à Ankara par son homologue turc pour évoquer la formation des officiers.\n\nMoussa Diallo\n\n8 COMMENTAIRES\n\n1. Un lecteur de Ségou\n\nBravo au ministre ! Les vrais partenaires sont ceux qui livrent à temps et sans conditions, pas les autres donneurs de leçons.\n\n2. Awa\n\nEt la route de Kayes, on attend toujours les résultats promis depuis des années par les autorités.\n\nPage officielle du ministère\n12 mars 2025 à 10:02 ·\n\nLe ministre a présidé ce mercredi 12 mars 2025 la cérémonie de sortie de la promotion des élèves officiers à Koulikoro.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 2, "{segs:#?}");
        assert!(segs[0].body().ends_with("officiers."), "{segs:#?}");
        assert!(segs[1].body().starts_with("Le ministre a présidé"));
        // A comments counter above the text does not swallow the article.
        let text = "3 commentaires\n\nLe Premier ministre a reçu ce lundi 3 mars 2025 une délégation de la Banque mondiale conduite par sa directrice des opérations.\n";
        assert_eq!(segment(text).len(), 1);
    }

    #[test]
    fn a_text_that_says_nothing_or_speaks_to_the_reader_is_no_article() {
        let report = "Le ministre des Mines a signé ce jeudi 6 mars 2025 à Bamako une convention d’exploitation avec une société minière canadienne.";
        for tail in [
            "africanews.",
            "👍🏾 3  😢 5",
            "Recevez chaque jour par email l’essentiel de l’actualité africaine à ne pas manquer !",
            "Vous recevez cette lettre parce que vous êtes abonné aux services de notre agence.",
        ] {
            let text = format!(
                "Mines : une convention signée\n\n{report}\n\nLettre d’information\n\n{tail}\n"
            );
            let segs = segment(&text);
            assert_eq!(segs.len(), 1, "{tail}: {segs:#?}");
        }
    }

    #[test]
    fn read_also_inside_an_article_does_not_end_it() {
        let text = "Le ministre malien reçu à Dakar\n\nLe ministre des Affaires étrangères a été reçu ce jeudi 6 mars 2025 à Dakar par le président sénégalais pour évoquer le corridor routier.\n\nÀ lire aussi\n\nGhana : Accra accueille un sommet sur le cacao\n\nLe ministre malien a également évoqué avec le président sénégalais la relance du chemin de fer Dakar-Bamako.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 1, "{segs:#?}");
        assert_eq!(segs[0].paragraphs.len(), 2);
        // A teaser's text shares a stem with its headline, even when it
        // gives no date.
        let text = "Le ministre malien reçu à Dakar\n\nLe ministre des Affaires étrangères a été reçu ce jeudi 6 mars 2025 à Dakar par le président sénégalais pour évoquer le corridor routier.\n\nAutres actualités\n\nDiaspora : le consulat lance l’enrôlement biométrique\n\nLes ressortissants maliens sont invités à se rapprocher des services consulaires pour leur carte.\n";
        let kinds: Vec<_> = segment(text).into_iter().map(|s| s.kind).collect();
        assert_eq!(kinds, vec![ArticleKind::Main, ArticleKind::Related]);
        // At the end of a page the marker still opens the list of other news.
        let text = "Le ministre malien reçu à Dakar\n\nLe ministre des Affaires étrangères a été reçu ce jeudi 6 mars 2025 à Dakar par le président sénégalais pour évoquer le corridor routier.\n\nLire aussi\n\nGhana : Accra accueille un sommet sur le cacao\n\nLes pays producteurs de cacao se retrouvent à Accra pour harmoniser leurs prix, a annoncé le gouvernement ghanéen ce vendredi.\n";
        let kinds: Vec<_> = segment(text).into_iter().map(|s| s.kind).collect();
        assert_eq!(kinds, vec![ArticleKind::Main, ArticleKind::Related]);
    }

    #[test]
    fn side_bars_and_lists_around_the_article() {
        // A list marker above the first text: its cut-short teasers are
        // furniture and the page's article is found under them.
        let text = "Le ministre reçoit l’ambassadeur du Japon\n\nDans la même catégorie\n\nNiger : un forum sur l’eau à Niamey\n\nLes ministres de l’Hydraulique de la sous-région se retrouvent à Niamey pour un forum sur les...\n\nLe ministre reçoit l’ambassadeur du Japon\n\nLe ministre de l’Économie a reçu ce lundi 3 mars 2025 l’ambassadeur du Japon, venu lui présenter un don de riz.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 1, "{segs:#?}");
        assert!(segs[0].body().starts_with("Le ministre de l’Économie"));
        // After the article, headlines each with their date and no text are
        // items of a list; a site's blurb under them is no teaser.
        let text = "Le ministre reçoit l’ambassadeur du Japon\n\nLe ministre de l’Économie a reçu ce lundi 3 mars 2025 l’ambassadeur du Japon, venu lui présenter un don de riz.\n\nArticles récents\n\nNiger : un forum sur l’eau à Niamey\n\n2 mars 2025\n\nGhana : Accra accueille un sommet sur le cacao\n\n1 mars 2025\n\nNotre site\n\nNotre site est un site d’actualités rapide et accessible, qui couvre l’essentiel de l’info politique, économique et culturelle du pays.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 1, "{segs:#?}");
    }

    #[test]
    fn what_a_paragraph_recalls_does_not_open_an_article() {
        // A date years before the article's; a date in an apposition opened
        // by a participle; a family name after an honorific; an additive
        // adverb; a section heading in capitals.
        let text = "Le Président commémore la fête de l’Armée\n\nLe Président de la Transition a présidé ce lundi 20 janvier 2025 la cérémonie de la fête de l’Armée au camp de Kati, en présence de M. Ousmane Coulibaly.\n\nLa fête commémore le 20 janvier 1961, jour où l’armée nationale fut créée après l’indépendance.\n\nLe Forum de la jeunesse, tenu à Ségou du 4 au 6 décembre 2024, avait recommandé la création d’un service civique pour les jeunes.\n\nM. Coulibaly a rappelé que l’armée recrute chaque année des milliers de jeunes.\n\nLe ministre de la Défense a également salué la bravoure des soldats tombés.\n\nAU CHAPITRE DES DÉCORATIONS\n\nUne vingtaine d’officiers ont été décorés de la médaille du mérite militaire, signée par décret le 10 janvier 2025.\n\nAU CHAPITRE DES COMMUNICATIONS\n\nLe ministre a informé le Conseil de la tenue du forum de Ségou le 13 février 2025.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 1, "{segs:#?}");
        assert_eq!(segs[0].paragraphs.len(), 9);
    }

    #[test]
    fn a_kicker_headline_is_no_issuer_tag_and_a_date_line_no_headline_end() {
        let text = "Le ministre reçoit l’ambassadeur du Japon\n\nLe ministre de l’Économie a reçu ce lundi 3 mars 2025 l’ambassadeur du Japon, venu lui présenter un don de riz.\n\nAutres articles\n\nConseil des ministres : trois nouveaux ambassadeurs nommés\njuillet 24, 2025\nRéuni le mercredi 2 juillet 2025 à Koulouba, le Conseil des ministres a nommé trois nouveaux ambassadeurs.\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 2, "{segs:#?}");
        assert_eq!(
            segs[1].title.as_deref(),
            Some("Conseil des ministres : trois nouveaux ambassadeurs nommés")
        );
        assert_eq!(segs[0].issuer, None);
    }

    #[test]
    fn question_headlines_and_closing_exclamations() {
        let text = "Mali : quelle diplomatie pour 2026 ?\n\nLe ministre a présenté ce lundi 5 janvier 2026 les priorités de la diplomatie malienne devant la presse.\nVive la coopération !\n";
        let segs = segment(text);
        assert_eq!(segs.len(), 1);
        assert_eq!(
            segs[0].title.as_deref(),
            Some("Mali : quelle diplomatie pour 2026 ?")
        );
        assert_eq!(
            segs[0].paragraphs.last().map(String::as_str),
            Some("Vive la coopération !")
        );
    }
}
