//! A person as the archive knows them: the name as written in one article,
//! and when two spellings are one person.

use crate::domain::text::fold;

/// A person as named in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMention {
    /// "Given Family", normal capitalisation, accents of the best-written spelling.
    pub name: String,
    /// Every spelling seen in the article, as written.
    pub spellings: Vec<String>,
    /// Titles and functions written with the mentions.
    pub roles: Vec<String>,
}

/// How well a spelling is written: accents are information a capitalised or
/// plain spelling may have lost.
pub fn accent_score(s: &str) -> usize {
    s.chars().filter(|c| !c.is_ascii()).count()
}

/// Two spellings of one person: same family name, given names that differ by
/// at most one letter ("Alousséni" / "Alousseini"), or a shorter form of the
/// name ("Diomaye Faye" / "Bassirou Diomaye Faye").
pub fn same_person(a: &str, b: &str) -> bool {
    same_folded_person(&fold(a), &fold(b))
}

/// `same_person` of two names already folded (`text::fold`), for callers
/// that compare one name with many.
pub fn same_folded_person(fa: &str, fb: &str) -> bool {
    let (mut wa, mut wb) = (fa.split(' '), fb.split(' '));
    // Most pairs differ in their family name: answered before any vector.
    if wa.next_back() != wb.next_back() {
        return false;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (fa.split(' ').collect(), fb.split(' ').collect());
    // "Diomaye Faye" in "Bassirou Diomaye Faye": a shorter form of the name.
    if wa.len() != wb.len() {
        let (short, long) = if wa.len() < wb.len() {
            (&wa, &wb)
        } else {
            (&wb, &wa)
        };
        let mut rest = long.iter();
        return short.len() >= 2 && short.iter().all(|w| rest.any(|l| l == w));
    }
    let distance: usize = wa.iter().zip(&wb).map(|(x, y)| edit_distance(x, y)).sum();
    distance <= 1
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// A name as an index files it: (family, given), the family being the words
/// of `name` its sort key puts first ("Hossein Amir Abdollahian" under
/// "abdollahian hossein amir": ("Abdollahian", "Hossein Amir")). A name the
/// key does not order so is filed whole.
pub fn family_first(name: &str, sort_key: &str) -> (String, String) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let key: Vec<&str> = sort_key.split_whitespace().collect();
    for family in 1..words.len() {
        let tail = words[words.len() - family..].join(" ");
        if key.len() >= family && crate::domain::text::fold(&tail) == key[..family].join(" ") {
            return (tail, words[..words.len() - family].join(" "));
        }
    }
    (name.to_owned(), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_files_a_name_by_the_family_its_key_puts_first() {
        assert_eq!(
            family_first("Hossein Amir Abdollahian", "abdollahian hossein amir"),
            ("Abdollahian".to_owned(), "Hossein Amir".to_owned())
        );
        assert_eq!(
            family_first("Abdel Fattah al-Sissi", "al-sissi abdel fattah"),
            ("al-Sissi".to_owned(), "Abdel Fattah".to_owned())
        );
        assert_eq!(
            family_first("Raúl Hernández Ferrer", "hernandez ferrer raul"),
            ("Hernández Ferrer".to_owned(), "Raúl".to_owned())
        );
        assert_eq!(
            family_first("François", "francois"),
            ("François".to_owned(), String::new())
        );
    }

    #[test]
    fn a_letter_apart_or_a_shorter_form_is_the_same_person() {
        assert!(same_person("Alousséni Sanou", "Alousseini Sanou"));
        assert!(same_person("Diomaye Faye", "Bassirou Diomaye Faye"));
        assert!(!same_person(
            "Alousséni Sanou",
            "Cheick Ahmed Al-Hassan Sanou"
        ));
        assert!(!same_person("Moussa Traoré", "Moussa Diarra"));
    }

    #[test]
    fn accents_are_what_a_plain_spelling_lost() {
        assert!(accent_score("Goïta") > accent_score("Goita"));
    }
}
