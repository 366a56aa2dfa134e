//! The address of the page a dump was copied from, when the dump says it:
//! a copy made with the address bar, or a page saved as text, opens with
//! the address on a line of its own.

use crate::domain::words::{WordFile, WordList};

static WORDS: WordFile = WordFile::new(
    "lexicon/words/address.txt",
    include_str!("../../lexicon/words/address.txt"),
);

/// Extensions of files a page embeds (images, media, documents): such an
/// address is not the page's.
static FILE_EXTENSIONS: WordList = WordList::new(&WORDS, "file_extensions");

/// The dump's first non-empty line, when it is one `http(s)` address with a
/// host and not a file's.
pub fn page_address(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    if line.contains(char::is_whitespace) || line.contains(['<', '>', '"']) {
        return None;
    }
    let rest = line
        .strip_prefix("https://")
        .or_else(|| line.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    if !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
        return None;
    }
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    let last = path.rsplit('/').next().unwrap_or("");
    if let Some((_, extension)) = last.rsplit_once('.')
        && FILE_EXTENSIONS.contains(&extension.to_ascii_lowercase())
    {
        return None;
    }
    Some(line.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dump_that_opens_with_a_page_address_gives_it() {
        assert_eq!(
            page_address("\n  https://news.example.org/2023/08/15/visite-1061.html\nTitre\n")
                .as_deref(),
            Some("https://news.example.org/2023/08/15/visite-1061.html")
        );
        assert_eq!(
            page_address("http://www.example.ml/?p=12").as_deref(),
            Some("http://www.example.ml/?p=12")
        );
    }

    #[test]
    fn anything_else_gives_none() {
        for text in [
            "Titre\nhttps://news.example.org/a.html",
            "https://cdn.example.org/img/photo_1280x720.JPG",
            "https://news.example.org/a.html suite du texte",
            "https://localhost/page",
            "ftp://example.org/x",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(page_address(text), None, "{text:?}");
        }
    }
}
