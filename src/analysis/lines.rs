//! Logical lines: a paragraph hard-wrapped by a PDF export or a mail client
//! is one line again, so that the segmenter reads one paragraph per line.
//!
//! A line is joined to the next one when it cannot end there: it ends no
//! sentence and the next line starts in lower case, or the line ends on a word
//! that needs a continuation ("de la", "et", a hyphen cut "aug-"), or the line
//! fills the width of its block of lines as wrapped text does. Headlines,
//! list items and short labels stay on their own lines.

use super::dates::date_line;
use crate::domain::text::{fold, has_words};
use crate::domain::words::{WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/lines.txt",
    include_str!("../../lexicon/words/lines.txt"),
);

/// One line as the segmenter reads it, with the file lines it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogicalLine {
    pub text: String,
    /// 1-based numbers of the first and last file lines joined into it.
    pub first: usize,
    pub last: usize,
}

/// Words a French line never ends on unless it is wrapped: articles,
/// prepositions, conjunctions, elided forms.
static CONTINUATION_WORDS: WordList = WordList::new(&WORDS, "continuation_words");

/// Wrapped text is set in a column: lines of a block this wide or narrower,
/// filled to this share of the widest, read as wrapped.
const MAX_WRAP_WIDTH: usize = 120;
const FULL_LINE_SHARE: f64 = 0.8;
const MIN_FULL_LINE_CHARS: usize = 50;
const MIN_WRAPPED_ROWS: usize = 3;

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '»' | '"' | '”' | ')' | '’'))
        .ends_with(['.', '!', '?', '…', ':', ';'])
}

/// "– adopté des projets", "1. Sur le rapport", "• point": a list item
/// starts its own line.
fn starts_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['–', '-', '—', '•', '·', '▪', '*', '(', '«', '"']) {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(['.', ')', '°'])
}

fn last_word(line: &str) -> String {
    let folded = fold(line.trim_end());
    folded
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_owned()
}

/// Does `line` break off a word, "aug-" before "menté"?
fn hyphen_cut(line: &str, next: &str) -> bool {
    let t = line.trim_end();
    t.ends_with('-')
        && t[..t.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
        && next.trim_start().starts_with(char::is_lowercase)
}

/// Should `line` be joined to `next`, in a block of `rows` lines `width` wide?
fn continues(line: &str, next: &str, (rows, width): (usize, usize)) -> bool {
    let (t, n) = (line.trim(), next.trim());
    if t.is_empty() || n.is_empty() || ends_sentence(t) || starts_list_item(n) {
        return false;
    }
    // "juillet 24, 2025" under a headline is its date, not its last words.
    if date_line(n).is_some() {
        return false;
    }
    if hyphen_cut(t, n) || n.starts_with(char::is_lowercase) || t.ends_with(',') {
        return true;
    }
    if CONTINUATION_WORDS.contains(last_word(t).as_str()) || t.ends_with(['\'', '’']) {
        return true;
    }
    let len = t.chars().count();
    let full = |chars: usize| chars as f64 >= FULL_LINE_SHARE * width as f64;
    // The next line goes on filling the column, or ends the paragraph.
    let next_is_prose = full(n.chars().count()) || ends_sentence(n) && has_words(n, 4);
    // Two lines are as often a caption over a paragraph as a wrapped one.
    rows >= MIN_WRAPPED_ROWS
        && width <= MAX_WRAP_WIDTH
        && len >= MIN_FULL_LINE_CHARS
        && full(len)
        && next_is_prose
}

/// The logical lines of a normalised text; blank lines are kept as they are.
pub fn logical_lines(text: &str) -> Vec<LogicalLine> {
    let raw: Vec<&str> = text.lines().collect();
    // The rows and width of each block of consecutive non-blank lines.
    let mut width = vec![(0usize, 0usize); raw.len()];
    let mut start = 0;
    while start < raw.len() {
        let mut end = start;
        while end < raw.len() && !raw[end].trim().is_empty() {
            end += 1;
        }
        let w = raw[start..end]
            .iter()
            .map(|l| l.trim().chars().count())
            .max()
            .unwrap_or(0);
        width[start..end].fill((end - start, w));
        start = end + 1;
    }
    let mut out: Vec<LogicalLine> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let mut text = raw[i].to_owned();
        let first = i + 1;
        while i + 1 < raw.len() && continues(raw[i], raw[i + 1], width[i]) {
            let next = raw[i + 1].trim();
            if hyphen_cut(&text, next) {
                let cut = text.trim_end().len() - 1;
                text.truncate(cut);
            } else {
                let kept = text.trim_end().len();
                text.truncate(kept);
                text.push(' ');
            }
            text.push_str(next);
            i += 1;
        }
        out.push(LogicalLine {
            text,
            first,
            last: i + 1,
        });
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        logical_lines(text).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn joins_wrapped_paragraphs() {
        let text = "Le ministre des Affaires étrangères et de la\nCoopération internationale, Abdoulaye Diop, a eu, le vendredi 8 décembre 2023 à\nBeijing, une séance de travail avec son homologue chinois, Wang Yi. La rencontre\ns’est tenue à la résidence d’État.\n\nLes prélèvements ont fortement aug-\nmenté au cours des campagnes.";
        assert_eq!(
            texts(text),
            vec![
                "Le ministre des Affaires étrangères et de la Coopération internationale, Abdoulaye Diop, a eu, le vendredi 8 décembre 2023 à Beijing, une séance de travail avec son homologue chinois, Wang Yi. La rencontre s’est tenue à la résidence d’État.",
                "",
                "Les prélèvements ont fortement augmenté au cours des campagnes.",
            ]
        );
        let lines = logical_lines(text);
        assert_eq!((lines[0].first, lines[0].last), (1, 4));
        assert_eq!((lines[2].first, lines[2].last), (6, 7));
    }

    #[test]
    fn keeps_headlines_list_items_and_sentences_apart() {
        let text = "Coopération Guinée – Mali\nConakry, le 1er aout 2024\nSon Excellence le Ministre a reçu l’Ambassadeur du Mali en audience ce jeudi.\nIl a salué la coopération.\nA l'issue de son ordre du jour, le Conseil a :\n– adopté des projets de texte ;\n– procédé à des nominations.";
        assert_eq!(texts(text).len(), 7, "{:#?}", texts(text));
        // A headline over a paragraph on the next line stays a headline.
        let text = "Koulouba : le chef de l’État reçoit un émissaire du président Erdogan\nLe président de la Transition a reçu hier au palais de Koulouba le vice-ministre turc des Affaires étrangères, porteur d’un message.";
        assert_eq!(texts(text).len(), 2);
        // A full line over a byline and share buttons is a headline.
        let text = "Sikasso : le ministre de la Santé inaugure le nouvel hôpital régional\nPar La Rédaction - 5 mars 2025\nPartager\nFacebook\nTwitter";
        assert_eq!(texts(text).len(), 5);
    }
}
