//! Countries as the archive knows them: the gazetteer's rows (`lexicon/countries.tsv`:
//! the 193 members of the United Nations, plus Palestine, Kosovo and Taiwan),
//! each country's code and French name, and the role a country plays in a
//! communiqué.

use std::fmt;
use std::sync::LazyLock;

/// An ISO 3166-1 alpha-2 code, two ASCII capitals: "RU". Written in capitals
/// in the data and the JSON, in lower case in addresses (`web::urls`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Two ASCII letters, in either case; None otherwise.
    pub fn parse(s: &str) -> Option<Self> {
        match s.as_bytes() {
            &[a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Some(Self([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => None,
        }
    }

    /// "RU".
    pub fn as_str(&self) -> &str {
        // Two ASCII capitals by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// "ru", as addresses write it.
    pub fn lower(&self) -> String {
        self.as_str().to_ascii_lowercase()
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl TryFrom<String> for CountryCode {
    type Error = String;

    /// How a stored code is read back.
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s).ok_or_else(|| format!("not a country code: {s:?}"))
    }
}

impl serde::Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The archive's home country: never a partner, never listed.
pub const HOME: CountryCode = CountryCode(*b"ML");

/// Whether a country is a counterpart in the event or only named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CountryRole {
    Mentioned,
    Partner,
}

impl CountryRole {
    /// As stored and served: "partner" or "mentioned".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Partner => "partner",
            Self::Mentioned => "mentioned",
        }
    }
}

impl TryFrom<String> for CountryRole {
    type Error = String;

    /// How a stored role is read back.
    fn try_from(s: String) -> Result<Self, Self::Error> {
        match s.as_str() {
            "partner" => Ok(Self::Partner),
            "mentioned" => Ok(Self::Mentioned),
            _ => Err(format!("not a country's role: {s:?}")),
        }
    }
}

impl serde::Serialize for CountryRole {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A country found in an article, with the words that named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryMention {
    pub code: CountryCode,
    pub role: CountryRole,
    pub evidence: Vec<String>,
}

/// One country of the gazetteer.
#[derive(Debug, Clone)]
pub struct Country {
    pub code: CountryCode,
    /// The usual French name.
    pub name: String,
}

/// One line of the gazetteer, its columns split into their phrases.
#[derive(Debug, Clone)]
pub struct GazetteerRow {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: &'static str,
    /// French names, the usual one first.
    pub names: Vec<&'static str>,
    /// Adjectives and demonyms, any gender and number.
    pub adjectives: Vec<&'static str>,
    /// Compound prefixes ("russo", "sino").
    pub prefixes: Vec<&'static str>,
    /// Cities that stand for the state.
    pub cities: Vec<&'static str>,
    /// Phrases with a country's word that do not mean the state.
    pub exceptions: Vec<&'static str>,
}

/// The gazetteer's lines, in the file's order, read once from the file
/// compiled into the binary.
pub fn gazetteer_rows() -> &'static [GazetteerRow] {
    static ROWS: LazyLock<Vec<GazetteerRow>> =
        LazyLock::new(|| parse_rows(include_str!("../../lexicon/countries.tsv")));
    &ROWS
}

fn parse_rows(data: &'static str) -> Vec<GazetteerRow> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let col = |i: usize| cols.get(i).copied().unwrap_or("");
            let list = |i: usize| {
                col(i)
                    .split("; ")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            };
            GazetteerRow {
                code: col(0),
                names: list(1),
                adjectives: list(2),
                prefixes: list(3),
                cities: list(4),
                exceptions: list(5),
            }
        })
        .collect()
}

/// Every country of the gazetteer, in its order.
pub fn countries() -> &'static [Country] {
    static ALL: LazyLock<Vec<Country>> = LazyLock::new(|| {
        gazetteer_rows()
            .iter()
            .filter_map(|row| {
                Some(Country {
                    code: CountryCode::parse(row.code)?,
                    name: row.names.first().copied().unwrap_or(row.code).to_owned(),
                })
            })
            .collect()
    });
    &ALL
}

/// The country with this code.
pub fn by_code(code: CountryCode) -> Option<&'static Country> {
    countries().iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gazetteer_holds_every_state_by_its_code() {
        assert_eq!(countries().len(), gazetteer_rows().len());
        assert_eq!(countries().len(), 196);
        let code = |s| CountryCode::parse(s).unwrap();
        for c in ["ML", "ps", "XK", "tw", "RU"] {
            assert!(by_code(code(c)).is_some(), "{c}");
        }
        assert_eq!(by_code(code("nl")).unwrap().name, "Pays-Bas");
        assert!(by_code(code("zz")).is_none());
    }

    #[test]
    fn a_code_is_two_letters_in_either_case() {
        let ru = CountryCode::parse("ru").unwrap();
        assert_eq!(ru, CountryCode::parse("RU").unwrap());
        assert_eq!(
            (ru.as_str(), ru.lower(), ru.to_string()),
            ("RU", "ru".to_owned(), "RU".to_owned())
        );
        for bad in ["", "r", "rus", "r1", "é", "ru "] {
            assert_eq!(CountryCode::parse(bad), None, "{bad:?}");
        }
        assert_eq!(serde_json::to_string(&ru).unwrap(), "\"RU\"");
    }
}
