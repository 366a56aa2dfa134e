//! The word lists the reading rules use, as data: `lexicon/words/*.txt`, compiled
//! into the binary and read once, at first use.
//!
//! A file holds sections; a section is a name in brackets followed by its
//! entries, one per line, in order (a rule may depend on it: the first prefix
//! that matches wins). `#` starts a comment line. An entry whose spaces
//! matter at either end is written in double quotes (`"share on "`). A
//! phrase list's entries are words separated by spaces (`nom de`).

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// One data file of word lists.
pub struct WordFile {
    /// Its path under the repository, for messages.
    name: &'static str,
    text: &'static str,
    sections: OnceLock<HashMap<&'static str, Vec<&'static str>>>,
}

impl WordFile {
    /// `text` is the file's contents (`include_str!`), `name` its path.
    pub const fn new(name: &'static str, text: &'static str) -> Self {
        Self {
            name,
            text,
            sections: OnceLock::new(),
        }
    }

    /// The file's contents, as compiled in.
    pub fn text(&self) -> &'static str {
        self.text
    }

    /// The entries of a section, in order.
    ///
    /// # Panics
    /// When the file has no such section: the files are compiled in, and
    /// `every_section_the_code_names_is_in_its_file` reads every one.
    pub fn section(&self, section: &str) -> &[&'static str] {
        self.sections
            .get_or_init(|| parse(self.text))
            .get(section)
            .unwrap_or_else(|| panic!("{}: no section [{section}]", self.name))
    }

    /// The names of the file's sections.
    pub fn section_names(&self) -> Vec<&'static str> {
        let mut names: Vec<_> = self
            .sections
            .get_or_init(|| parse(self.text))
            .keys()
            .copied()
            .collect();
        names.sort_unstable();
        names
    }
}

fn parse(text: &'static str) -> HashMap<&'static str, Vec<&'static str>> {
    let mut sections: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    let mut current: Option<&'static str> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.entry(name).or_default();
            current = Some(name);
            continue;
        }
        let entry = line
            .strip_prefix('"')
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or(line);
        if let Some(name) = current {
            sections.entry(name).or_default().push(entry);
        }
    }
    sections
}

/// A section of a word file, read at first use; it derefs to its entries,
/// in order, and answers `contains` from a hash set (the rules look words up
/// in every text).
pub struct WordList {
    file: &'static WordFile,
    section: &'static str,
    words: OnceLock<(Vec<&'static str>, FxHashSet<&'static str>)>,
}

impl WordList {
    pub const fn new(file: &'static WordFile, section: &'static str) -> Self {
        Self {
            file,
            section,
            words: OnceLock::new(),
        }
    }

    fn loaded(&self) -> &(Vec<&'static str>, FxHashSet<&'static str>) {
        self.words.get_or_init(|| {
            let words = self.file.section(self.section).to_vec();
            let set = words.iter().copied().collect();
            (words, set)
        })
    }

    /// Is `word` an entry of the list?
    pub fn contains(&self, word: &str) -> bool {
        self.loaded().1.contains(word)
    }
}

impl Deref for WordList {
    type Target = [&'static str];

    fn deref(&self) -> &Self::Target {
        &self.loaded().0
    }
}

/// A section of a word file whose entries are phrases, each read as its
/// words.
pub struct PhraseList {
    file: &'static WordFile,
    section: &'static str,
    phrases: OnceLock<Vec<Vec<&'static str>>>,
}

impl PhraseList {
    pub const fn new(file: &'static WordFile, section: &'static str) -> Self {
        Self {
            file,
            section,
            phrases: OnceLock::new(),
        }
    }
}

impl Deref for PhraseList {
    type Target = [Vec<&'static str>];

    fn deref(&self) -> &Self::Target {
        self.phrases.get_or_init(|| {
            self.file
                .section(self.section)
                .iter()
                .map(|p| p.split_whitespace().collect())
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static FILE: WordFile = WordFile::new(
        "test.txt",
        "# a comment\n[first]\nun\ndeux\n\n[second]\n\"share on \"\nnom de\n# inside\ntrois\n",
    );

    #[test]
    fn sections_keep_their_order_quotes_keep_their_spaces() {
        static FIRST: WordList = WordList::new(&FILE, "first");
        static SECOND: WordList = WordList::new(&FILE, "second");
        static PHRASES: PhraseList = PhraseList::new(&FILE, "second");
        assert_eq!(&*FIRST, &["un", "deux"]);
        assert!(FIRST.contains("deux") && !FIRST.contains("trois"));
        assert_eq!(&*SECOND, &["share on ", "nom de", "trois"]);
        assert_eq!(PHRASES[1], vec!["nom", "de"]);
        assert_eq!(FILE.section_names(), vec!["first", "second"]);
    }

    #[test]
    #[should_panic(expected = "test.txt: no section [third]")]
    fn a_missing_section_names_the_file() {
        FILE.section("third");
    }
}
