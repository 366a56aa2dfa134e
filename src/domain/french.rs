//! French calendar names, read by the date parser and written by the pages.

use time::{Date, Month, Weekday};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// The month for a folded French month word, full or abbreviated
/// ("fevrier", "fev", "sept", "aout").
pub fn month_from_folded(word: &str) -> Option<Month> {
    let n = match word {
        "janvier" | "janv" => 1,
        "fevrier" | "fevr" | "fev" => 2,
        "mars" => 3,
        "avril" | "avr" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" | "juil" => 7,
        "aout" => 8,
        "septembre" | "sept" => 9,
        "octobre" | "oct" => 10,
        "novembre" | "nov" => 11,
        "decembre" | "dec" => 12,
        _ => return None,
    };
    Month::try_from(n).ok()
}

/// The weekday for a folded French weekday word.
pub fn weekday_from_folded(word: &str) -> Option<Weekday> {
    Some(match word {
        "lundi" => Weekday::Monday,
        "mardi" => Weekday::Tuesday,
        "mercredi" => Weekday::Wednesday,
        "jeudi" => Weekday::Thursday,
        "vendredi" => Weekday::Friday,
        "samedi" => Weekday::Saturday,
        "dimanche" => Weekday::Sunday,
        _ => return None,
    })
}

/// "2026-01-08" → the date (the form the archive stores).
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let mut parts = s.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
    let day = parts.next()?.parse().ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// "janvier" … "décembre".
pub fn month_name(month: Month) -> &'static str {
    MONTHS[usize::from(u8::from(month)) - 1]
}

/// "lundi" … "dimanche".
pub fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS[usize::from(day.number_days_from_monday())]
}

/// The long form readers expect: "jeudi 8 janvier 2026", "samedi 1er mars 2025".
pub fn long_date(date: Date) -> String {
    let day = match date.day() {
        1 => "1er".to_owned(),
        d => d.to_string(),
    };
    format!(
        "{} {} {} {}",
        weekday_name(date.weekday()),
        day,
        month_name(date.month()),
        date.year()
    )
}

/// "janvier 2026": French writes months in lower case, in headings too.
pub fn month_year(month: Month, year: i32) -> String {
    format!("{} {year}", month_name(month))
}

/// French typography for a sentence of the archive's own: the space before
/// « : ; ? ! » and after « made non-breaking, so that a line never starts
/// with one of them.
pub fn typeset(text: &str) -> String {
    const NBSP: char = '\u{a0}';
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' if matches!(chars.peek(), Some(':' | ';' | '?' | '!' | '»')) => out.push(NBSP),
            '«' if chars.peek() == Some(&' ') => {
                chars.next();
                out.push('«');
                out.push(NBSP);
            }
            c => out.push(c),
        }
    }
    out
}

/// A count as French writes it: groups of three digits apart by a narrow
/// no-break space ("10 000").
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_their_digits_by_three() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1000), "1\u{202f}000");
        assert_eq!(number(10_000), "10\u{202f}000");
        assert_eq!(number(1_234_567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn typesetting_makes_the_spaces_of_double_punctuation_non_breaking() {
        assert_eq!(
            typeset("Le paramètre « page » : deux fois ; pourquoi ? Non !"),
            "Le paramètre «\u{a0}page\u{a0}»\u{a0}: deux fois\u{a0}; pourquoi\u{a0}? Non\u{a0}!"
        );
        assert_eq!(typeset("12:30, https://x"), "12:30, https://x");
    }
    use time::macros::date;

    #[test]
    fn long_dates_read_as_in_french() {
        assert_eq!(long_date(date!(2026 - 01 - 08)), "jeudi 8 janvier 2026");
        assert_eq!(long_date(date!(2025 - 03 - 01)), "samedi 1er mars 2025");
        assert_eq!(month_year(Month::August, 2025), "août 2025");
    }

    #[test]
    fn reads_full_and_short_month_names() {
        assert_eq!(month_from_folded("aout"), Some(Month::August));
        assert_eq!(month_from_folded("sept"), Some(Month::September));
        assert_eq!(month_from_folded("septembre"), Some(Month::September));
        assert_eq!(month_from_folded("lundi"), None);
        assert_eq!(weekday_from_folded("mercredi"), Some(Weekday::Wednesday));
    }
}
