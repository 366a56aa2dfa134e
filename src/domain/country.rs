//! Countries as the archive knows them: the gazetteer's rows (`data/countries.tsv`:
//! the 193 members of the United Nations, plus Palestine, Kosovo and Taiwan),
//! each country's code and French name, and the role a country plays in a
//! communiqué.

use std::sync::LazyLock;

/// The archive's home country: never a partner, never listed.
pub const HOME: &str = "ML";

/// Whether a country is a counterpart in the event or only named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CountryRole {
    Mentioned,
    Partner,
}

impl CountryRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Partner => "partner",
            Self::Mentioned => "mentioned",
        }
    }
}

/// A country found in an article, with the words that named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryMention {
    pub code: String,
    pub role: CountryRole,
    pub evidence: Vec<String>,
}

/// One country of the gazetteer.
#[derive(Debug, Clone)]
pub struct Country {
    pub code: String,
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
        LazyLock::new(|| parse_rows(include_str!("../../data/countries.tsv")));
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
            .map(|row| Country {
                code: row.code.to_owned(),
                name: row.names.first().copied().unwrap_or(row.code).to_owned(),
            })
            .collect()
    });
    &ALL
}

/// The country with this ISO code (upper or lower case).
pub fn by_code(code: &str) -> Option<&'static Country> {
    countries()
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gazetteer_holds_every_state_by_its_code() {
        assert_eq!(countries().len(), 196);
        for code in ["ML", "ps", "XK", "tw", "RU"] {
            assert!(by_code(code).is_some(), "{code}");
        }
        assert_eq!(by_code("nl").unwrap().name, "Pays-Bas");
        assert!(by_code("zz").is_none());
    }
}
