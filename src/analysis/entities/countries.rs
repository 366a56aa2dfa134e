//! Countries named in an article, by name, long official form, adjective (any
//! gender and number), compound ("russo-malienne", "Mali-Russie") or a city
//! that stands for the state ("Moscou", "La Haye"), and whether each is a
//! partner in the event or only mentioned.
//!
//! The knowledge is in `lexicon/countries.tsv` (`domain::country`); this file holds the rules:
//! - longest match first, so "Guinée-Bissau" is not "Guinée" and "RD Congo" not
//!   "Congo"; the file's exception phrases ("fleuve Niger", "côtes américaines")
//!   match too and cancel what they cover;
//! - names and cities must be capitalised, and a single word followed by another
//!   capitalised word is taken for part of a person's name ("Dominique Traoré");
//! - a country is a partner when it is in the headline, when its envoy, minister,
//!   delegation or nationals are named ("l'Ambassadeur de l'État de Palestine",
//!   "l'émissaire qatari", "ressortissants américains"), when the event is a visit
//!   to it, or when it is paired with Mali ("entre le Mali et l'Iran",
//!   "Mali-Russie", "sino-maliennes"). Mali itself is never listed.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::tokens::{Article, Token, phrase_key};
use crate::domain::country::{
    self, CountryMention, CountryRole, GazetteerRow, HOME, gazetteer_rows,
};
use crate::domain::text::{fold, fold_word, is_word_char};
use crate::domain::words::{WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/countries.txt",
    include_str!("../../../lexicon/words/countries.txt"),
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    /// A name written in capitals in the file ("RDC", "EAU", "USA"): matched
    /// only in capitals, so "l'Eau" is not the Emirates.
    Acronym,
    Adjective,
    City,
    /// A phrase that contains a country's word but does not mean the state.
    Exception,
}

/// The gazetteer's phrases as matching reads them: folded tokens to the
/// country (its position in `domain::country::countries`) and their kind.
struct Gazetteer {
    phrases: FxHashMap<Vec<String>, (usize, Kind)>,
    prefixes: FxHashMap<String, usize>,
    /// The longest phrase (in tokens) starting with each first token: most
    /// words start none, and are passed over with one lookup.
    starts: FxHashMap<String, usize>,
}

/// The matching tables, built once from the gazetteer's rows.
fn gazetteer() -> &'static Gazetteer {
    static G: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::build(gazetteer_rows()));
    &G
}

impl Gazetteer {
    fn build(rows: &[GazetteerRow]) -> Self {
        let mut g = Gazetteer {
            phrases: FxHashMap::default(),
            prefixes: FxHashMap::default(),
            starts: FxHashMap::default(),
        };
        for (idx, row) in rows.iter().enumerate() {
            for (list, kind) in [
                (&row.names, Kind::Name),
                (&row.adjectives, Kind::Adjective),
                (&row.cities, Kind::City),
                (&row.exceptions, Kind::Exception),
            ] {
                for phrase in list {
                    let key = phrase_key(phrase);
                    let acronym = kind == Kind::Name
                        && phrase.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && phrase
                            .chars()
                            .filter(|c| c.is_alphabetic())
                            .all(char::is_uppercase);
                    let kind = if acronym { Kind::Acronym } else { kind };
                    if let Some(first) = key.first() {
                        let longest = g.starts.entry(first.clone()).or_default();
                        *longest = (*longest).max(key.len());
                    }
                    // The first country to claim a phrase keeps it.
                    g.phrases.entry(key).or_insert((idx, kind));
                }
            }
            for prefix in &row.prefixes {
                g.prefixes.insert(fold(prefix), idx);
            }
        }
        g
    }
}

/// Is this word (or phrase) a country's name, adjective or city? Person
/// extraction uses it to keep "Niger" or "Moscou" out of names.
pub fn is_place_word(word: &str) -> bool {
    let g = gazetteer();
    // Most words start no phrase: their first token (as `tokenize` cuts and
    // folds it) is looked up alone, before the whole key is built.
    let first = word
        .split(|c: char| !is_word_char(c))
        .find(|t| !t.is_empty());
    first.is_some_and(|first| g.starts.contains_key(fold_word(first).as_ref()))
        && g.phrases
            .get(&phrase_key(word))
            .is_some_and(|&(_, kind)| kind != Kind::Exception)
}

/// Is the word a country's adjective or demonym ("Burkinabè", "ivoirienne")?
pub fn is_demonym(word: &str) -> bool {
    gazetteer()
        .phrases
        .get(&phrase_key(word))
        .is_some_and(|&(_, kind)| kind == Kind::Adjective)
}

/// One match in a text.
#[derive(Debug, Clone)]
struct Hit {
    country: usize,
    kind: Kind,
    /// Token range.
    first: usize,
    last: usize,
}

fn find(text: &str, tokens: &[Token<'_>]) -> Vec<Hit> {
    let g = gazetteer();
    let mut hits = Vec::new();
    let mut i = 0;
    'scan: while i < tokens.len() {
        let longest = g
            .starts
            .get(tokens[i].folded.as_ref())
            .copied()
            .unwrap_or(0);
        for len in (1..=longest.min(tokens.len() - i)).rev() {
            let span = &tokens[i..i + len];
            if span[..len - 1]
                .iter()
                .any(|t| t.breaks_after() || t.gap.contains(','))
            {
                continue;
            }
            let key: Vec<String> = span.iter().map(|t| t.folded.to_string()).collect();
            let Some(&(country, kind)) = g.phrases.get(&key) else {
                continue;
            };
            let first_cap = tokens[i].capitalised(text);
            let ok = match kind {
                Kind::Exception => false,
                Kind::Adjective => true,
                Kind::Name | Kind::City => {
                    first_cap && !(len == 1 && part_of_person_name(text, tokens, i))
                }
                Kind::Acronym => span.iter().all(|t| t.all_caps(text)),
            };
            if kind == Kind::Exception || ok {
                if ok {
                    hits.push(Hit {
                        country,
                        kind,
                        first: i,
                        last: i + len - 1,
                    });
                }
                i += len;
                continue 'scan;
            }
        }
        // "russo-malienne", "sino-maliennes": a prefix joined by a hyphen.
        if tokens[i].gap == "-"
            && let Some(&country) = g.prefixes.get(tokens[i].folded.as_ref())
        {
            hits.push(Hit {
                country,
                kind: Kind::Adjective,
                first: i,
                last: i,
            });
        }
        i += 1;
    }
    hits
}

/// "Dominique Traoré", "Victoria Nuland": a one-word place name followed by a
/// capitalised word in the same phrase is a person's name.
fn part_of_person_name(text: &str, tokens: &[Token<'_>], i: usize) -> bool {
    let next_is_name = tokens.get(i + 1).is_some_and(|n| {
        tokens[i].gap == " "
            && n.capitalised(text)
            && !gazetteer()
                .phrases
                .contains_key(&vec![n.folded.to_string()])
    });
    let after_honorific = i > 0
        && matches!(
            tokens[i - 1].folded.as_ref(),
            "m" | "mme" | "mlle" | "dr" | "pr" | "me"
        );
    next_is_name || after_honorific
}

/// Words that make a country a counterpart when they govern it: its envoys,
/// its leaders, its delegation, its nationals targeted by a measure.
static COUNTERPART_WORDS: WordList = WordList::new(&WORDS, "counterpart_words");

static LINKS: WordList = WordList::new(&WORDS, "links");
static HOME_WORDS: WordList = WordList::new(&WORDS, "home_words");
static VISIT_WORDS: WordList = WordList::new(&WORDS, "visit_words");

fn is_partner(tokens: &[Token<'_>], hits: &[Hit], hit: &Hit) -> bool {
    let i = hit.first;
    // The tokens before the hit in the same sentence, nearest first.
    let before: Vec<&Token<'_>> = tokens[..i]
        .iter()
        .rev()
        .take_while(|t| !t.breaks_after())
        .take(14)
        .collect();
    let word = |k: usize| before.get(k).map_or("", |t| t.folded.as_ref());

    // Paired with Mali: "Mali-Russie", "russo-malienne", "Mali – Japon".
    let joined = |a: &Token<'_>| a.gap.trim() == "-" || a.gap.trim() == "–";
    if (i > 0 && HOME_WORDS.contains(tokens[i - 1].folded.as_ref()) && joined(&tokens[i - 1]))
        || (joined(&tokens[hit.last])
            && tokens
                .get(hit.last + 1)
                .is_some_and(|n| HOME_WORDS.contains(n.folded.as_ref())))
    {
        return true;
    }
    // "entre le Mali et l'Iran", "entre Bamako et La Haye".
    if let Some(et) = before.iter().take(4).position(|t| t.folded == "et") {
        let rest = &before[et + 1..];
        if rest
            .iter()
            .take(4)
            .any(|t| HOME_WORDS.contains(t.folded.as_ref()))
            && rest.iter().take(6).any(|t| t.folded == "entre")
        {
            return true;
        }
    }
    match hit.kind {
        // "l'émissaire qatari", "son homologue russe", "ressortissants américains".
        Kind::Adjective => before
            .iter()
            .take(3)
            .any(|t| COUNTERPART_WORDS.contains(t.folded.as_ref())),
        Kind::Name | Kind::City | Kind::Acronym => {
            if !LINKS.contains(word(0)) {
                return false;
            }
            // "visite officielle en Fédération de Russie".
            if before
                .iter()
                .take(4)
                .any(|t| VISIT_WORDS.contains(t.folded.as_ref()))
            {
                return true;
            }
            // "l'Ambassadeur désigné de la République Islamique d'Iran", but not
            // "l'Ambassadeur du Mali à Genève": the envoy there is Mali's. A role
            // governs the nearest country, or a list of them ("du Burkina Faso
            // et du Niger").
            let mut k = i;
            let mut chain_start = i;
            while k > 0 && i - k < 14 {
                k -= 1;
                let t = &tokens[k];
                if t.breaks_after() {
                    return false;
                }
                // The hits are in order and never overlap (`find`): the one
                // holding k is the last to start at or before it.
                let holding = hits
                    .partition_point(|h| h.first <= k)
                    .checked_sub(1)
                    .map(|j| &hits[j])
                    .filter(|h| k <= h.last);
                if let Some(other) = holding {
                    if country::countries()[other.country].code == HOME {
                        return false;
                    }
                    let coordinated = tokens[other.last + 1..chain_start].iter().all(|t| {
                        LINKS.contains(t.folded.as_ref())
                            || matches!(t.folded.as_ref(), "et" | "ou")
                    });
                    if !coordinated {
                        return false;
                    }
                    chain_start = other.first;
                    k = other.first;
                    continue;
                }
                if HOME_WORDS.contains(t.folded.as_ref()) {
                    return false;
                }
                if COUNTERPART_WORDS.contains(t.folded.as_ref()) {
                    return true;
                }
            }
            false
        }
        Kind::Exception => false,
    }
}

/// The countries an article names, in order of first mention, with their role.
/// The headline counts for partners: it names the event's counterpart.
pub fn countries(title: Option<&str>, body: &str) -> Vec<CountryMention> {
    countries_in(&Article::new(title, body))
}

/// As `countries`, on an article already tokenized.
pub fn countries_in(article: &Article) -> Vec<CountryMention> {
    let mut found: Vec<CountryMention> = Vec::new();
    for (t, in_title) in [(&article.title, true), (&article.body, false)] {
        let (text, tokens) = (t.text, &t.tokens);
        let hits = find(text, tokens);
        for hit in &hits {
            let country = &country::countries()[hit.country];
            if country.code == HOME {
                continue;
            }
            let role = if in_title || is_partner(tokens, &hits, hit) {
                CountryRole::Partner
            } else {
                CountryRole::Mentioned
            };
            let words = text[tokens[hit.first].start..tokens[hit.last].end].to_owned();
            match found.iter_mut().find(|m| m.code == country.code) {
                Some(m) => {
                    m.role = m.role.max(role);
                    if !m.evidence.contains(&words) {
                        m.evidence.push(words);
                    }
                }
                None => found.push(CountryMention {
                    code: country.code,
                    role,
                    evidence: vec![words],
                }),
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(title: Option<&str>, body: &str) -> Vec<(String, &'static str)> {
        countries(title, body)
            .into_iter()
            .map(|m| (m.code.to_string(), m.role.as_str()))
            .collect()
    }

    fn codes(body: &str) -> Vec<String> {
        countries(None, body)
            .into_iter()
            .map(|m| m.code.to_string())
            .collect()
    }

    #[test]
    fn names_long_forms_adjectives_compounds_and_cities() {
        let cases: &[(&str, &[&str])] = &[
            ("la Fédération de Russie", &["RU"]),
            ("la République Populaire de Chine", &["CN"]),
            ("du Royaume des Pays-Bas", &["NL"]),
            ("l’État de Palestine", &["PS"]),
            ("aux États-Unis", &["US"]),
            ("l’émissaire qatari", &["QA"]),
            ("l’Ambassadeur iranien", &["IR"]),
            ("les ressortissants américains", &["US"]),
            ("les relations sino-maliennes", &["CN"]),
            ("la coopération russo-malienne", &["RU"]),
            ("la diaspora burkinabè et nigérienne", &["BF", "NE"]),
            ("entre Doha et Moscou", &["QA", "RU"]),
            ("entre Bamako et La Haye", &["NL"]),
            ("le sommet Russie-Afrique", &["RU"]),
            ("la commission mixte Mali-Russie", &["RU"]),
            ("la République du Mali et le peuple malien", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(codes(text), *want, "{text}");
        }
    }

    #[test]
    fn false_friends() {
        let cases: &[(&str, &[&str])] = &[
            ("l’Office du Niger et le fleuve Niger", &[]),
            ("le Niger et le Nigeria", &["NE", "NG"]),
            ("un nigérien et une nigériane", &["NE", "NG"]),
            ("la Guinée", &["GN"]),
            ("la Guinée-Bissau", &["GW"]),
            ("la Guinée équatoriale", &["GQ"]),
            ("le golfe de Guinée", &[]),
            ("le Congo", &["CG"]),
            ("la RD Congo", &["CD"]),
            ("la République démocratique du Congo", &["CD"]),
            ("les côtes américaines", &[]),
            ("un pays latino-américain", &[]),
            ("Mme Victoria Nuland et Dominique Traoré", &[]),
            ("à Victoria, aux Seychelles", &["SC"]),
            ("en Afrique, en Europe et au Sahel", &[]),
            ("les Jeux olympiques de Rio 2016", &[]),
            ("le Sud-Soudan et le Soudan du Sud", &["SS"]),
            ("le Ministre de l’Énergie et de l’Eau", &[]),
            ("les EAU et la RDC", &["AE", "CD"]),
        ];
        for (text, want) in cases {
            assert_eq!(codes(text), *want, "{text}");
        }
    }

    #[test]
    fn partners_and_mentions() {
        let p = |c: &str| (c.to_owned(), "partner");
        let m = |c: &str| (c.to_owned(), "mentioned");
        assert_eq!(
            roles(
                None,
                "le Président a reçu S.E.M. Hassan Al Balawi, Ambassadeur de l’État de Palestine au Mali."
            ),
            [p("PS")]
        );
        assert_eq!(
            roles(
                None,
                "Dr AL-KHULAIFI, Secrétaire d’État du Qatar. L’émissaire qatari a salué les liens entre Doha et les pays de la sous-région."
            ),
            [p("QA")]
        );
        assert_eq!(
            roles(None, "les relations bilatérales entre le Mali et l’Iran"),
            [p("IR")]
        );
        assert_eq!(
            roles(None, "lors de sa visite officielle en Fédération de Russie"),
            [p("RU")]
        );
        assert_eq!(
            roles(
                None,
                "le nouvel Ambassadeur du Mali à Genève, en Suisse, a été reçu."
            ),
            [m("CH")]
        );
        assert_eq!(
            roles(
                None,
                "la dépouille, en provenance d’Istanbul en Turquie, est arrivée."
            ),
            [m("TR")]
        );
        assert_eq!(
            roles(Some("Coopération Mali – Japon"), "Le programme avance."),
            [p("JP")]
        );
        assert_eq!(
            roles(
                None,
                "Le Ministre a reçu l’Ambassadeur de Corée du Sud en présence d’experts formés au Maroc."
            ),
            [p("KR"), m("MA")]
        );
    }
}
