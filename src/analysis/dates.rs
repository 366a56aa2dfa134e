//! French dates in prose: "ce mercredi 26 février 2025", "lundi 05 janvier",
//! "le 1er mars", "du 21 au 28 juin 2025", "05/01/2026", "janvier 26, 2026".
//!
//! `find_dates` lists every date written in a text with what surrounds it;
//! `event_date` picks the date of the event an article reports.

use std::borrow::Cow;

use time::{Date, Month};

use crate::domain::date::{DateBasis, YearlessDay};
use crate::domain::french::{month_from_folded, weekday_from_folded};
use crate::domain::text::{at_most_words, fold, fold_word, is_word_char};
use crate::domain::words::{WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/dates.txt",
    include_str!("../../lexicon/words/dates.txt"),
);

/// A date written in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub date: Date,
    /// Byte range in the text it was found in.
    pub start: usize,
    pub end: usize,
    /// The weekday written with it ("mardi 24 juin").
    pub weekday: Option<time::Weekday>,
    /// The year was written, not inferred.
    pub year_written: bool,
    /// Introduced as a reference point, not as the event: "depuis le", "jusqu'au",
    /// "prévue le", "le 25 octobre prochain", "né le".
    pub passing: bool,
    /// Part of a span "du 21 au 28 juin": an event of several days, or a period
    /// mentioned in passing.
    pub range: bool,
    /// The last day of a span.
    pub span_end: bool,
}

/// A leap year, so that every day of the calendar can be read without one.
const LEAP_PROBE_YEAR: i32 = 2024;

#[derive(Debug, Clone)]
struct Token<'a> {
    start: usize,
    end: usize,
    folded: Cow<'a, str>,
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            tokens.push(Token {
                start: s,
                end: i,
                folded: fold_word(&text[s..i]),
            });
        }
    }
    if let Some(s) = start {
        tokens.push(Token {
            start: s,
            end: text.len(),
            folded: fold_word(&text[s..]),
        });
    }
    tokens
}

fn day_of(word: &str) -> Option<u8> {
    let digits = word.strip_suffix("er").unwrap_or(word);
    if word == "premier" {
        return Some(1);
    }
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits != word && digits != "1" {
        return None; // only "1er" takes the suffix
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// A date being read, before its year is known.
struct Partial {
    day: u8,
    month: Month,
    year: Option<i32>,
    weekday: Option<time::Weekday>,
    first: usize,
    last: usize,
    range: bool,
    /// The last day of a span, which never dates an event.
    end: bool,
}

/// What lies between two tokens.
fn gap<'a>(text: &'a str, tokens: &[Token], i: usize) -> &'a str {
    &text[tokens[i].end..tokens[i + 1].start]
}

fn is_space_gap(g: &str) -> bool {
    g.chars().all(|c| c.is_whitespace() || c == ',') && g.chars().filter(|&c| c == ',').count() <= 1
}

/// Reads "[weekday] day month [year]" or "[weekday] month day, year" at `i`.
fn read_prose(text: &str, t: &[Token], i: usize) -> Option<Partial> {
    let mut j = i;
    let weekday = weekday_from_folded(&t[j].folded);
    if weekday.is_some() {
        if j + 1 >= t.len() || !is_space_gap(gap(text, t, j)) {
            return None;
        }
        j += 1;
    }
    let next_ok = |k: usize| k + 1 < t.len() && is_space_gap(gap(text, t, k));
    let abbrev_ok = |k: usize| {
        k + 1 < t.len() && {
            let g = gap(text, t, k);
            is_space_gap(g) || g.trim_start().starts_with('.') && is_space_gap(&g.trim_start()[1..])
        }
    };
    // day month [year]
    if let Some(day) = day_of(&t[j].folded)
        && next_ok(j)
        && let Some(month) = month_from_folded(&t[j + 1].folded)
    {
        let year = abbrev_ok(j + 1)
            .then(|| year_of(&t[j + 2].folded))
            .flatten();
        return Some(Partial {
            day,
            month,
            year,
            weekday,
            first: i,
            last: if year.is_some() { j + 2 } else { j + 1 },
            range: false,
            end: false,
        });
    }
    // month day, year (the order of some page headers)
    if let Some(month) = month_from_folded(&t[j].folded)
        && next_ok(j)
        && next_ok(j + 1)
        && let (Some(day), Some(year)) = (day_of(&t[j + 1].folded), year_of(&t[j + 2].folded))
    {
        return Some(Partial {
            day,
            month,
            year: Some(year),
            weekday,
            first: i,
            last: j + 2,
            range: false,
            end: false,
        });
    }
    None
}

/// Reads "dd/mm/yyyy", "dd.mm.yyyy" or "dd-mm-yyyy" at `i`.
fn read_numeric(text: &str, t: &[Token], i: usize) -> Option<Partial> {
    if i + 2 >= t.len() {
        return None;
    }
    let sep = gap(text, t, i);
    if !matches!(sep, "/" | "." | "-") || gap(text, t, i + 1) != sep {
        return None;
    }
    // "…-territoriale-28-05-2025-660x380": figures inside a file name or an
    // address, joined to words by the same separators, are no date.
    let glued_before = i > 0 && matches!(gap(text, t, i - 1), "-" | "_" | "/");
    let glued_after = i + 3 < t.len() && matches!(gap(text, t, i + 2), "-" | "_" | "/");
    if glued_before || glued_after {
        return None;
    }
    // "2025-03-12" (ISO order) or "12/03/2025" (French order).
    let (day, month, year) = if let Some(year) = year_of(&t[i].folded) {
        let day = day_of(&t[i + 2].folded).filter(|_| t[i + 2].folded.len() <= 2)?;
        (day, &t[i + 1].folded, year)
    } else {
        let day = day_of(&t[i].folded).filter(|_| t[i].folded.len() <= 2)?;
        (day, &t[i + 1].folded, year_of(&t[i + 2].folded)?)
    };
    let month: u8 = month.parse().ok()?;
    let month = Month::try_from(month).ok()?;
    Some(Partial {
        day,
        month,
        year: Some(year),
        weekday: None,
        first: i,
        last: i + 2,
        range: false,
        end: false,
    })
}

static PASSING_BEFORE: WordList = WordList::new(&WORDS, "passing_before");
static PASSING_AFTER: WordList = WordList::new(&WORDS, "passing_after");
/// Texts whose date is theirs, not the event's: "le décret n°2024-0712/PT-RM
/// du 20 décembre 2024", "l'Accord de financement conclu à Bamako, le 23
/// septembre 2021", "la loi n°2025-005 du 12 mai 2025".
static DOCUMENT_NOUNS: WordList = WordList::new(&WORDS, "document_nouns");
/// How far back a document noun governs a date: "décret n°2024-0712/PT-RM du"
/// is seven words.
const DOCUMENT_REACH: usize = 8;

/// What ends a sentence, for `same_sentence` and `sentence_around`.
const SENTENCE_ENDS: [char; 4] = ['.', '!', '?', '\n'];

/// Is the byte range inside one sentence (no full stop, newline, ? or ! in it)?
fn same_sentence(text: &str, a: usize, b: usize) -> bool {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    !text[lo..hi].contains(SENTENCE_ENDS)
}

/// The byte positions `p` for which `same_sentence(text, p, at)` holds lie
/// from the first returned to the second, both included.
fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let from = text[..at].rfind(SENTENCE_ENDS).map_or(0, |end| end + 1);
    let to = text[at..]
        .find(SENTENCE_ENDS)
        .map_or(text.len(), |end| at + end);
    (from, to)
}

/// Every date written in `text`, in order. A year left out ("lundi 05 janvier")
/// is taken from the same sentence, else from the nearest date that has one,
/// else from `fallback_year`; when a weekday is written, the nearest year that
/// agrees with it wins. Dates whose year cannot be known are left out.
pub fn find_dates(text: &str, fallback_year: Option<i32>) -> Vec<DateMention> {
    let t = tokenize(text);
    let mut partials: Vec<Partial> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if let Some(p) = read_prose(text, &t, i).or_else(|| read_numeric(text, &t, i)) {
            i = p.last + 1;
            // "du 21 au 28 juin 2025", "les 22 et 23 décembre 2025": the
            // first day shares the month and year.
            let f = p.first;
            if f >= 3
                && matches!(
                    (t[f - 3].folded.as_ref(), t[f - 1].folded.as_ref()),
                    ("du" | "le", "au") | ("les" | "des" | "ces", "et")
                )
                && is_space_gap(gap(text, &t, f - 2))
                && let Some(d1) = day_of(&t[f - 2].folded)
            {
                partials.push(Partial {
                    day: d1,
                    month: p.month,
                    year: p.year,
                    weekday: None,
                    first: f - 2,
                    last: f - 2,
                    range: true,
                    end: false,
                });
                partials.push(Partial {
                    range: true,
                    end: true,
                    ..p
                });
                continue;
            }
            partials.push(p);
        } else {
            i += 1;
        }
    }

    let years: Vec<(usize, i32)> = t
        .iter()
        .filter_map(|tok| year_of(&tok.folded).map(|y| (tok.start, y)))
        .collect();
    let mut out = Vec::new();
    for (k, p) in partials.iter().enumerate() {
        let start = t[p.first].start;
        let end = t[p.last].end;
        let year = p
            .year
            .or_else(|| {
                // The years of the date's sentence (`same_sentence`): after
                // the last sentence end before the date, up to the first one
                // after it, found once rather than for every year.
                let (from, to) = sentence_around(text, start);
                years
                    .iter()
                    .filter(|(pos, _)| (from..=to).contains(pos))
                    .min_by_key(|(pos, _)| pos.abs_diff(start))
                    .map(|&(_, y)| y)
            })
            .or_else(|| partials[..k].iter().rev().find_map(|q| q.year))
            .or_else(|| partials[k + 1..].iter().find_map(|q| q.year))
            .or(fallback_year);
        let Some(mut year) = year else { continue };
        if let (None, Some(wd)) = (p.year, p.weekday) {
            // The written weekday settles the year when the text left it out.
            // News reports events soon after the years they mention, rarely
            // before: look one year back and six ahead, nearest first.
            if let Some(y) = [0, 1, -1, 2, 3, 4, 5, 6]
                .iter()
                .map(|d| year + d)
                .find(|&y| {
                    Date::from_calendar_date(y, p.month, p.day).is_ok_and(|d| d.weekday() == wd)
                })
            {
                year = y;
            }
        }
        let Ok(date) = Date::from_calendar_date(year, p.month, p.day) else {
            continue;
        };
        let before = t[p.first.saturating_sub(3)..p.first]
            .iter()
            .filter(|tok| same_sentence(text, tok.end, start));
        // "depuis ce lundi 13 janvier": since this very day, the event's start.
        let this_day = p.first > 0 && t[p.first - 1].folded == "ce";
        let mut passing = !this_day
            && before
                .clone()
                .any(|tok| PASSING_BEFORE.contains(tok.folded.as_ref()));
        // A document's date is background ("le décret du 20 décembre 2024"),
        // unless a weekday makes it the news ("un décret signé lundi 7 juin").
        passing |= p.weekday.is_none()
            && t[p.first.saturating_sub(DOCUMENT_REACH)..p.first]
                .iter()
                .filter(|tok| same_sentence(text, tok.end, start))
                .any(|tok| DOCUMENT_NOUNS.contains(tok.folded.as_ref()));
        // "… et européennes... 03.05.2022, Sputnik": the stamp of a cut teaser.
        passing |=
            text[..start].trim_end().ends_with("...") || text[..start].trim_end().ends_with('…');
        if let Some(next) = t.get(p.last + 1) {
            passing |= PASSING_AFTER.contains(next.folded.as_ref())
                && is_space_gap(&text[end..next.start]);
        }
        out.push(DateMention {
            date,
            start,
            end,
            weekday: p.weekday,
            year_written: p.year.is_some(),
            passing,
            range: p.range,
            span_end: p.end,
        });
    }
    out
}

/// Words of the longest date line: "le mercredi 1er janvier 2025 à 10 h 30"
/// has 9; the margin is for spaced digits and odd spacing.
const MAX_DATE_LINE_WORDS: usize = 16;

/// `date_line` of the line with its spaced dashes taken out ("12 - 03 -
/// 2025", "Lundi - 12 mars 2025"). What `date_line` refuses at once is asked
/// before the copy: a line without a digit, or one longer than a date line
/// even without its dashes (taking them out removes words, never adds one).
pub fn date_line_without_dashes(line: &str) -> Option<Date> {
    if !line.bytes().any(|b| b.is_ascii_digit())
        || line
            .split_whitespace()
            .filter(|w| *w != "-")
            .nth(MAX_DATE_LINE_WORDS)
            .is_some()
    {
        return None;
    }
    date_line(&line.replace(" - ", " "))
}

/// Is the whole line a date and nothing else ("30 juillet 2025",
/// "lundi, janvier 26, 2026", "05/01/2026")? Page headers and side bars print such
/// lines; they are not prose.
pub fn date_line(line: &str) -> Option<Date> {
    let trimmed = line.trim();
    // Cheap refusals first, as most lines are paragraphs: a date line writes
    // its year in digits and is a date and a time at most.
    if !trimmed.bytes().any(|b| b.is_ascii_digit())
        || trimmed
            .split_whitespace()
            .nth(MAX_DATE_LINE_WORDS)
            .is_some()
    {
        return None;
    }
    let found = find_dates(trimmed, None);
    let first = found.first()?;
    let rest = format!("{}{}", &trimmed[..first.start], &trimmed[first.end..]);
    let rest_is_noise = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            // a time of day may follow: "à 10h30", "10:30"
            let f = fold(w);
            f == "a" || f == "le" || f.bytes().all(|b| b.is_ascii_digit() || b == b'h')
        });
    (first.year_written && rest_is_noise).then_some(first.date)
}

/// The latest year written in a text: the context a year left out is read
/// in when the page gives no date.
fn latest_year(text: &str) -> Option<i32> {
    // A year is a word of four ASCII digits: found by its digits, without
    // cutting the whole text into words.
    let bytes = text.as_bytes();
    let mut latest = None;
    let mut at = 0;
    while let Some(skip) = bytes[at..].iter().position(u8::is_ascii_digit) {
        let start = at + skip;
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |n| start + n);
        at = end;
        let alone = !text[..start].chars().next_back().is_some_and(is_word_char)
            && !text[end..].chars().next().is_some_and(is_word_char);
        if end - start == 4 && alone {
            latest = latest.max(year_of(&text[start..end]));
        }
    }
    latest
}

/// Words of a paragraph that is only a place and a date ("Conakry, le 14
/// janvier 2022"): the dateline of a letter or a dispatch.
const MAX_DATELINE_WORDS: usize = 9;

/// Where the first paragraph of prose starts: after a dateline paragraph, if
/// any.
fn first_prose(body: &str) -> usize {
    body.split("\n\n")
        .scan(0, |at, p| {
            let start = *at;
            *at += p.len() + 2;
            Some((start, p))
        })
        .find(|(_, p)| !at_most_words(p, MAX_DATELINE_WORDS))
        .map_or(0, |(start, _)| start)
}

/// The year a date that leaves it out is read in: the page's, else the
/// latest year the text writes.
fn context_year(title: Option<&str>, body: &str, page_date: Option<Date>) -> Option<i32> {
    page_date
        .map(|d| d.year())
        .or_else(|| latest_year(body).or_else(|| title.and_then(latest_year)))
}

/// How strongly a date reads as that of the event reported: its place in the
/// text (the opening sentence of the first paragraph, or a dateline), a
/// weekday written with it ("ce mardi 30 janvier 2024"), a year written.
fn event_weight(body: &str, first_prose: usize, m: &DateMention) -> i32 {
    let mut w = 0;
    let para_start = body[..m.start].rfind("\n\n").map_or(0, |i| i + 2);
    let para_end = body[m.start..]
        .find("\n\n")
        .map_or(body.len(), |i| m.start + i);
    let paragraph = &body[para_start..para_end];
    let is_dateline = at_most_words(paragraph, MAX_DATELINE_WORDS);
    if is_dateline {
        w += 1;
    } else if para_start == first_prose {
        w += 1;
        let lead = paragraph.find(". ").map_or(paragraph.len(), |i| i + 1);
        if m.start - para_start < lead {
            w += 1;
        }
    }
    if m.weekday.is_some() {
        w += 2;
    }
    if !m.year_written {
        w -= 1;
    }
    w
}

/// The body's weightiest date not in passing. A day inside a span the text
/// gives ("du 23 au 25 février", and "Fait à …, le 25 février") is a day of
/// that event: the span's first day stands for it, with the best weight of
/// its days. Of equals, the nearest to the page's date wins (a report follows
/// its event), then the first.
fn weightiest(
    body: &str,
    first_prose: usize,
    found: &[DateMention],
    page_date: Option<Date>,
) -> Option<Date> {
    let spans: Vec<(Date, Date)> = found
        .iter()
        .enumerate()
        .filter(|(_, m)| m.range && !m.span_end)
        .filter_map(|(i, m)| {
            let end = found[i + 1..].iter().find(|e| e.span_end)?;
            (end.date > m.date).then_some((m.date, end.date))
        })
        .collect();
    let mut weighed: Vec<(Date, i32)> = Vec::new();
    for m in found.iter().filter(|m| !m.passing) {
        let w = event_weight(body, first_prose, m);
        let date = spans
            .iter()
            .find(|(a, b)| (*a..=*b).contains(&m.date))
            .map_or(m.date, |(a, _)| *a);
        if m.span_end && date == m.date {
            continue;
        }
        match weighed.iter_mut().find(|(d, _)| *d == date) {
            Some(entry) => entry.1 = entry.1.max(w),
            None => weighed.push((date, w)),
        }
    }
    let distance = |d: Date| page_date.map_or(0, |p| (p - d).whole_days().abs());
    weighed
        .iter()
        .enumerate()
        .max_by_key(|(i, (d, w))| (*w, std::cmp::Reverse(distance(*d)), std::cmp::Reverse(*i)))
        .map(|(_, (d, _))| *d)
}

/// The date of the event an article reports: of the body's dates not in
/// passing (and not the last day of a span), the one that weighs most (the
/// first of equals), else one in the headline, else the page date printed
/// with the article.
pub fn event_date(
    title: Option<&str>,
    body: &str,
    page_date: Option<Date>,
) -> Option<(Date, DateBasis)> {
    let fallback_year = context_year(title, body, page_date);
    let in_body = find_dates(body, fallback_year);
    let first_prose = first_prose(body);
    // "a reçu ce lundi …, reconduit le 29 juin 2022": once the opening names
    // the event's weekday, a date on another weekday is another event.
    let named = named_weekday(body, first_prose);
    let fits: Vec<DateMention> = in_body
        .into_iter()
        .filter(|m| m.weekday.is_some() || m.range || named.is_none_or(|w| m.date.weekday() == w))
        .collect();
    if let Some(date) = weightiest(body, first_prose, &fits, page_date) {
        return Some((date, DateBasis::Body));
    }
    if let Some(m) = title.and_then(|t| {
        find_dates(t, fallback_year)
            .into_iter()
            .find(|m| !m.passing)
    }) {
        return Some((m.date, DateBasis::Title));
    }
    // "Le Premier ministre a échangé vendredi avec…" under a page dated
    // lundi 7 juillet: the Friday before the page's date.
    page_date.map(|d| {
        (
            named_weekday_before(body, first_prose, d).unwrap_or(d),
            DateBasis::PageDate,
        )
    })
}

/// The event's day when neither the text nor the page writes a year
/// anywhere ("PEKIN, 8 décembre (Xinhua) -- … a rencontré vendredi …"): the
/// date `event_date` would choose, less its year, with the weekday written
/// with it or named alone in the opening. A dated version of the same event
/// can complete it; the text alone cannot, so `event_date` gives no date.
pub fn yearless_event_day(
    title: Option<&str>,
    body: &str,
    page_date: Option<Date>,
) -> Option<YearlessDay> {
    if context_year(title, body, page_date).is_some() {
        return None;
    }
    // Read in a probe year: only the day, the month and the weekday written
    // with them are kept.
    let first_prose = first_prose(body);
    let in_body = find_dates(body, Some(LEAP_PROBE_YEAR));
    let (date, weekday_written) = match weightiest(body, first_prose, &in_body, None) {
        Some(date) => (
            date,
            in_body
                .iter()
                .find(|m| m.date == date)
                .and_then(|m| m.weekday),
        ),
        None => {
            let m = title.and_then(|t| {
                find_dates(t, Some(LEAP_PROBE_YEAR))
                    .into_iter()
                    .find(|m| !m.passing)
            })?;
            (m.date, m.weekday)
        }
    };
    let weekday = weekday_written.or_else(|| named_weekday(body, first_prose));
    Some(YearlessDay {
        month: date.month(),
        day: date.day(),
        weekday,
    })
}

/// The weekday a text's opening paragraph names alone ("a reçu ce lundi").
pub fn opening_weekday(body: &str) -> Option<time::Weekday> {
    named_weekday(body, first_prose(body))
}

/// A weekday named alone in the opening paragraph ("ce mardi", "vendredi
/// dernier", "lundi soir"), not as part of a date.
fn named_weekday(body: &str, first_prose: usize) -> Option<time::Weekday> {
    let paragraph = body.get(first_prose..)?.split("\n\n").next()?;
    let tokens = tokenize(paragraph);
    tokens.iter().enumerate().find_map(|(i, t)| {
        let day = weekday_from_folded(&t.folded)?;
        // A weekday before a day of the month is part of a date, read above.
        let dated = tokens
            .get(i + 1)
            .is_some_and(|n| n.folded.bytes().next().is_some_and(|b| b.is_ascii_digit()));
        (!dated).then_some(day)
    })
}

/// The day a weekday named alone in the opening paragraph ("ce mardi",
/// "vendredi dernier", "lundi soir") falls on, counted back from the page's
/// date: the report was published on or after its event.
fn named_weekday_before(body: &str, first_prose: usize, page_date: Date) -> Option<Date> {
    let day = named_weekday(body, first_prose)?;
    let back =
        (page_date.weekday().number_days_from_monday() + 7 - day.number_days_from_monday()) % 7;
    page_date.checked_sub(time::Duration::days(i64::from(back)))
}

/// How the event date of an article was decided, line by line: every date
/// found with what qualifies it, then the one chosen and by which rule.
pub fn date_reasons(title: Option<&str>, body: &str, page_date: Option<Date>) -> Vec<String> {
    let fallback_year = context_year(title, body, page_date);
    let first_prose = first_prose(body);
    let describe = |place: &str, text: &str, m: &DateMention| {
        let mut marks = Vec::new();
        if m.passing {
            marks.push("in passing");
        }
        if m.span_end {
            marks.push("last day of a span");
        } else if m.range {
            marks.push("first day of a span");
        }
        if m.weekday.is_some() {
            marks.push("weekday written");
        }
        if !m.year_written {
            marks.push("year deduced");
        }
        let quoted: String = text[m.start..m.end].chars().take(60).collect();
        format!(
            "candidate {} in the {place}: \"{quoted}\"{}{}",
            m.date,
            if marks.is_empty() { "" } else { " — " },
            marks.join(", ")
        )
    };
    let mut out: Vec<String> = find_dates(body, fallback_year)
        .iter()
        .map(|m| {
            format!(
                "{} (weight {})",
                describe("body", body, m),
                event_weight(body, first_prose, m)
            )
        })
        .collect();
    if let Some(t) = title {
        out.extend(
            find_dates(t, fallback_year)
                .iter()
                .map(|m| describe("headline", t, m)),
        );
    }
    if let Some(d) = page_date {
        out.push(format!("page date {d}"));
    }
    out.push(match event_date(title, body, page_date) {
        Some((d, DateBasis::Body)) => format!(
            "chosen {d}: the body's weightiest date not in passing (opening sentence +2, first paragraph or dateline +1, weekday +2, year deduced -1; a span's days count for its first; of equals the nearest the page date, then the first)"
        ),
        Some((d, DateBasis::Title)) => {
            format!("chosen {d}: the headline's date, as the body has none that is not in passing")
        }
        Some((d, DateBasis::PageDate)) if Some(d) != page_date => format!(
            "chosen {d}: the weekday the opening paragraph names, counted back from the page date"
        ),
        Some((d, DateBasis::PageDate)) => {
            format!("chosen {d}: the page date, as the text gives none")
        }
        Some((d, DateBasis::Version)) => format!("chosen {d}: a dated version's"),
        None => match yearless_event_day(title, body, page_date) {
            Some(day) => format!(
                "no date of its own: the text gives the day {}{} but no year anywhere, and the page none; a dated version of the same event on a day that fits gives the year",
                day.month_day(),
                day.weekday.map(|w| format!(" ({w})")).unwrap_or_default()
            ),
            None => "no date: the text gives none and the page none".to_owned(),
        },
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_date_line_with_dashes_is_read_as_without_them() {
        let long = "le - ".repeat(20) + "12 mars 2025";
        for line in [
            "12 - 03 - 2025",
            "Lundi - 12 mars 2025",
            "12 mars 2025 - 10 h 30",
            "sans chiffre - aucun",
            "- - - - - - - - - - - - - - - - - - - - 12 mars 2025",
            "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze 12 mars 2025",
            long.as_str(),
            "",
        ] {
            assert_eq!(
                date_line_without_dashes(line),
                date_line(&line.replace(" - ", " ")),
                "{line:?}"
            );
        }
        assert_eq!(
            date_line_without_dashes("Mercredi - 12 mars 2025"),
            Some(date!(2025 - 03 - 12))
        );
    }

    #[test]
    fn a_sentence_around_a_position_is_where_same_sentence_holds() {
        for text in [
            "",
            "Le 12 mars. Puis 2024 ! Et? Enfin\nle 3 avril 2023.",
            "...",
            "sans fin de phrase 2025",
            "é. à! ü?\n",
        ] {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let (from, to) = sentence_around(text, at);
                for p in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    assert_eq!(
                        (from..=to).contains(&p),
                        same_sentence(text, p, at),
                        "{text:?} at {at}, position {p}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_latest_year_is_the_largest_word_of_four_digits_in_range() {
        let by_words = |t: &str| {
            t.split(|c: char| !is_word_char(c))
                .filter_map(year_of)
                .max()
        };
        for text in [
            "",
            "le 12 mars 2024 et le 3 avril 2023",
            "en 2019, puis 2031.",
            "2024",
            "a2024 2024b 2024é é2024 20245 12024 1899 2101 2100 1900",
            "décret n°2025-005/P-RM du 12 mai 2025",
            "l’an 2020’ (2021) «2022»",
            "année٢٠٢٤ 2024\u{a0}2026",
            "Ⅻ2024 2017ⅻ",
        ] {
            assert_eq!(latest_year(text), by_words(text), "{text:?}");
        }
    }

    #[test]
    fn a_day_written_without_any_year_is_kept_for_a_version_to_complete() {
        // An agency's dateline with no year, a weekday named alone later.
        let body = "TUNIS, 14 mars (Agence) -- Le ministre a reçu jeudi son homologue pour des entretiens sur la coopération.";
        assert_eq!(event_date(None, body, None), None);
        let day = yearless_event_day(None, body, None).expect("a day");
        assert_eq!((day.month, day.day), (Month::March, 14));
        assert_eq!(day.weekday, Some(time::Weekday::Thursday));
        assert!(day.fits(date!(2024 - 03 - 14)));
        assert!(!day.fits(date!(2023 - 03 - 14)), "a Tuesday");
        assert!(!day.fits(date!(2024 - 03 - 15)));
        // A weekday written with the day is the one kept.
        let day = yearless_event_day(None, "Le conseil s'est réuni le mercredi 29 février au palais, sous la présidence du chef de l'État.", None).expect("a day");
        assert_eq!(
            (day.month, day.day, day.weekday),
            (Month::February, 29, Some(time::Weekday::Wednesday))
        );
        // Stored and read back.
        assert_eq!(
            YearlessDay::from_stored(
                &day.month_day(),
                day.weekday.map(|w| i64::from(w.number_from_monday()))
            ),
            Some(day)
        );
        assert_eq!(YearlessDay::from_stored("02-30", None), None);
    }

    #[test]
    fn a_year_anywhere_or_a_page_date_leaves_no_day_to_complete() {
        let body = "TUNIS, 14 mars (Agence) -- Le ministre a reçu jeudi son homologue, comme en 2019, pour des entretiens.";
        assert_eq!(yearless_event_day(None, body, None), None);
        let body = "TUNIS, 14 mars (Agence) -- Le ministre a reçu jeudi son homologue pour des entretiens.";
        assert_eq!(
            yearless_event_day(None, body, Some(date!(2024 - 03 - 15))),
            None
        );
        assert_eq!(
            yearless_event_day(
                None,
                "Le ministre a reçu hier son homologue pour des entretiens.",
                None
            ),
            None
        );
    }

    fn first(text: &str) -> Option<Date> {
        find_dates(text, None).first().map(|m| m.date)
    }

    #[test]
    fn reads_prose_dates() {
        let cases: &[(&str, Option<Date>)] = &[
            (
                "ce mercredi 26 février 2025, à Dr",
                Some(date!(2025 - 02 - 26)),
            ),
            ("le 5 janvier 2026", Some(date!(2026 - 01 - 05))),
            ("le 1er mars 2025", Some(date!(2025 - 03 - 01))),
            ("le 1 er mars 2025", None),
            ("le 22 FEVRIER 2024", Some(date!(2024 - 02 - 22))),
            ("le 3 déc. 2025", Some(date!(2025 - 12 - 03))),
            ("le 15 aout 2025", Some(date!(2025 - 08 - 15))),
            ("05/01/2026", Some(date!(2026 - 01 - 05))),
            ("publié 2025-03-12", Some(date!(2025 - 03 - 12))),
            ("2025-2026", None),
            ("lundi, janvier 26, 2026", Some(date!(2026 - 01 - 26))),
            ("le 31 février 2025", None),
            ("en novembre 2026", None),
            ("le 12 mai", None),
            ("plus de 87 kg en 2017", None),
        ];
        for (text, want) in cases {
            assert_eq!(first(text), *want, "{text}");
        }
    }

    #[test]
    fn infers_a_missing_year_from_the_sentence_and_the_weekday() {
        let text =
            "Ce premier jour ouvrable de la nouvelle année 2026, lundi 05 janvier, a été marqué";
        assert_eq!(first(text), Some(date!(2026 - 01 - 05)));
        // The weekday wins over a context year it contradicts: 5 January 2026 is a Monday.
        let found = find_dates("lundi 5 janvier", Some(2025));
        assert_eq!(found[0].date, date!(2026 - 01 - 05));
        // Without any year the date is left out rather than guessed.
        assert!(find_dates("le 12 mai", None).is_empty());
        // From an earlier date of the same text.
        let found = find_dates("Le 3 mars 2024, X. Puis le 5 mars, Y.", None);
        assert_eq!(found[1].date, date!(2024 - 03 - 05));
    }

    #[test]
    fn marks_dates_in_passing_and_spans() {
        let found = find_dates(
            "se sont tenus du 21 au 28 juin 2025 ; prendront fin le 25 octobre prochain ; depuis le 3 mai 2020",
            Some(2024),
        );
        let summary: Vec<_> = found
            .iter()
            .map(|m| (m.date.day(), m.range, m.passing))
            .collect();
        assert_eq!(
            summary,
            vec![
                (21, true, false),
                (28, true, false),
                (25, false, true),
                (3, false, true)
            ]
        );
    }

    #[test]
    fn picks_the_event_date() {
        let body = "Il a rappelé la Constitution promulguée depuis le 22 juillet 2023. Ce samedi 29 juillet 2023, il a reçu";
        assert_eq!(
            event_date(None, body, None),
            Some((date!(2023 - 07 - 29), DateBasis::Body))
        );
        assert_eq!(
            event_date(
                Some("Communiqué du 30 décembre 2025"),
                "Le Ministère informe",
                None
            ),
            Some((date!(2025 - 12 - 30), DateBasis::Title))
        );
        assert_eq!(
            event_date(None, "Un mois après Moscou.", Some(date!(2025 - 07 - 30))),
            Some((date!(2025 - 07 - 30), DateBasis::PageDate))
        );
        assert_eq!(event_date(None, "Sans date.", None), None);
    }

    #[test]
    fn a_span_an_event_a_weekday_and_the_page_date() {
        let body_date = |body: &str, page| event_date(None, body, page).map(|(d, _)| d);
        // A day inside a span of the text stands for the span's first day.
        assert_eq!(
            body_date(
                "Le ministre a effectué une visite à Niamey du 23 au 25 février 2023.\n\nFait à Niamey, le 25 février 2023",
                None
            ),
            Some(date!(2023 - 02 - 23))
        );
        assert_eq!(
            body_date(
                "Niamey, 19 septembre 2024 Les délégations ont bouclé, au terme de travaux tenus les 18 et 19 septembre 2024, un accord.",
                None
            ),
            Some(date!(2024 - 09 - 18))
        );
        // Of equals, the nearest the page's date.
        assert_eq!(
            body_date(
                "Réunis le 5 février 2019 à Niamey, les ministres ont parlé.\n\nLe ministre a effectué une visite le samedi 9 novembre 2019.",
                Some(date!(2019 - 11 - 11))
            ),
            Some(date!(2019 - 11 - 09))
        );
        // A weekday named alone counts back from the page's date.
        assert_eq!(
            body_date(
                "Le Premier ministre a échangé vendredi avec la coordonnatrice des Nations unies.",
                Some(date!(2025 - 07 - 07))
            ),
            Some(date!(2025 - 07 - 04))
        );
        // The event's weekday rules out a date on another weekday.
        assert_eq!(
            body_date(
                "Le Président a reçu ce lundi le représentant spécial, dont le mandat a été renouvelé le 29 juin 2022.",
                None
            ),
            None
        );
        // A span is the event's even when the opening names its first weekday.
        assert_eq!(
            body_date(
                "Les chefs d’État sont attendus ce lundi à Bamako pour le sommet prévu les 22 et 23 décembre 2025.",
                None
            ),
            Some(date!(2025 - 12 - 22))
        );
        // A speech's date is background; a decree signed on a weekday is news.
        assert_eq!(
            body_date(
                "Les ministres ont adhéré à l’initiative annoncée dans le discours du 6 novembre 2023.",
                None
            ),
            None
        );
        assert_eq!(
            body_date(
                "Le colonel a nommé le Premier ministre par un décret signé lundi 7 juin 2021.",
                None
            ),
            Some(date!(2021 - 06 - 07))
        );
        // Figures in a file name are no date.
        assert_eq!(
            body_date(
                "mission-ua-administration-28-05-2025-660x380Le ministre a reçu mercredi la mission.",
                None
            ),
            None
        );
        // The stamp after a cut teaser is no event date.
        assert_eq!(
            body_date(
                "Les autorités ont dénoncé les accords... 03.05.2022, Agence",
                None
            ),
            None
        );
    }

    #[test]
    fn recognises_date_lines() {
        assert_eq!(date_line("30 juillet 2025"), Some(date!(2025 - 07 - 30)));
        assert_eq!(
            date_line("  lundi, janvier 26, 2026"),
            Some(date!(2026 - 01 - 26))
        );
        assert_eq!(
            date_line("le 7 août 2025 à 10h30"),
            Some(date!(2025 - 08 - 07))
        );
        assert_eq!(
            date_line("Programme Officiel PMU Mali – Mardi 3 Juin 2025"),
            None
        );
        assert_eq!(date_line("7 août"), None);
    }
}
