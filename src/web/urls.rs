//! Every address the archive gives, pages, JSON, feeds and facets alike:
//! handlers and templates build links here and nowhere else, so an address
//! is written one way (a country's code in lower case, the parameters of a
//! listing in one order).

use time::{Date, Month};

use crate::domain::country::CountryCode;

pub const HOME: &str = "/";
pub const COMMUNIQUES: &str = "/communiques";
pub const DATES: &str = "/dates";
pub const PERSONS: &str = "/personnes";
pub const COUNTRIES: &str = "/pays";
pub const ISSUERS: &str = "/emetteurs";
pub const ABOUT: &str = "/a-propos";
pub const SEARCH: &str = "/recherche";
pub const SEARCH_HELP: &str = "/recherche/aide";
/// The Atom feed of the listing (with its filters) and of a search.
pub const FEED: &str = "/communiques.atom";
pub const SEARCH_FEED: &str = "/recherche.atom";
pub const OPENSEARCH: &str = "/opensearch.xml";
pub const SITEMAP: &str = "/sitemap.xml";
/// The copy buttons' script.
pub const COPY_SCRIPT: &str = "/static/copy.js";

/// A fingerprinted stylesheet: `name` changes with its content.
pub fn stylesheet(name: &str) -> String {
    format!("/static/v/{name}")
}

pub fn communique(slug: &str) -> String {
    format!("{COMMUNIQUES}/{slug}")
}

/// The comparison of two versions of one event.
pub fn compare(left: &str, right: &str) -> String {
    format!("{COMMUNIQUES}/{left}/comparer/{right}")
}

pub fn person(slug: &str) -> String {
    format!("{PERSONS}/{slug}")
}

pub fn country(code: &CountryCode) -> String {
    format!("{COUNTRIES}/{}", code.lower())
}

pub fn issuer(slug: &str) -> String {
    format!("{ISSUERS}/{slug}")
}

pub fn year(year: impl YearNumber) -> String {
    let mut href = String::with_capacity(DATES.len() + 5);
    push_year(&mut href, year.number());
    href
}

pub fn month(year: i64, month: Month) -> String {
    let mut href = String::with_capacity(DATES.len() + 8);
    push_month(&mut href, year, month);
    href
}

/// `year`'s address, written at the end of `out` (a chart writes hundreds).
pub fn push_year(out: &mut String, year: i64) {
    out.push_str(DATES);
    out.push('/');
    out.push_str(itoa::Buffer::new().format(year));
}

/// `month`'s address, written at the end of `out`.
pub fn push_month(out: &mut String, year: i64, month: Month) {
    push_year(out, year);
    let m = u8::from(month);
    out.push('/');
    out.push(char::from(b'0' + m / 10));
    out.push(char::from(b'0' + m % 10));
}

/// A year as handlers and templates hold it: a number, or a reference to
/// one (templates pass their values by reference).
pub trait YearNumber {
    fn number(&self) -> i64;
}

impl YearNumber for i64 {
    fn number(&self) -> i64 {
        *self
    }
}

impl YearNumber for i32 {
    fn number(&self) -> i64 {
        i64::from(*self)
    }
}

impl<T: YearNumber + ?Sized> YearNumber for &T {
    fn number(&self) -> i64 {
        (**self).number()
    }
}

/// The JSON twins, under `/api/v1`.
pub mod api {
    use time::Month;

    use crate::domain::country::CountryCode;

    pub const ROOT: &str = "/api/v1";
    pub const COMMUNIQUES: &str = "/api/v1/communiques";
    pub const PERSONS: &str = "/api/v1/personnes";
    pub const COUNTRIES: &str = "/api/v1/pays";
    pub const ISSUERS: &str = "/api/v1/emetteurs";
    pub const ABOUT: &str = "/api/v1/a-propos";
    pub const DATES: &str = "/api/v1/dates";
    pub const SEARCH: &str = "/api/v1/recherche";
    pub const NDJSON: &str = "/api/v1/communiques.ndjson";
    pub const CSV: &str = "/api/v1/communiques.csv";

    // Each twin is its page's address under `ROOT`.

    pub fn communique(slug: &str) -> String {
        format!("{ROOT}{}", super::communique(slug))
    }

    pub fn compare(left: &str, right: &str) -> String {
        format!("{ROOT}{}", super::compare(left, right))
    }

    pub fn person(slug: &str) -> String {
        format!("{ROOT}{}", super::person(slug))
    }

    pub fn country(code: &CountryCode) -> String {
        format!("{ROOT}{}", super::country(code))
    }

    pub fn issuer(slug: &str) -> String {
        format!("{ROOT}{}", super::issuer(slug))
    }

    pub fn year(year: i64) -> String {
        format!("{ROOT}{}", super::year(year))
    }

    pub fn month(year: i64, month: Month) -> String {
        format!("{ROOT}{}", super::month(year, month))
    }
}

/// The parameters a listing, a search or a feed carries in its address,
/// written in one order: `q`, `personne`, `pays`, `emetteur`, `du`, `au`,
/// `tri`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    /// The words searched.
    pub q: Option<String>,
    /// A person's slug.
    pub person: Option<String>,
    pub country: Option<CountryCode>,
    /// An issuer's slug.
    pub issuer: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// `tri=…`: "date" for a search, "communiques" for the persons.
    pub order: Option<&'static str>,
}

impl Params {
    /// "personne=x&pays=ru&": each parameter followed by "&", empty when none.
    pub fn query(&self) -> String {
        let mut out = String::new();
        if let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            out.push_str(&format!("q={}&", encode(q)));
        }
        if let Some(p) = &self.person {
            out.push_str(&format!("personne={}&", encode(p)));
        }
        if let Some(c) = self.country {
            out.push_str(&format!("pays={}&", c.lower()));
        }
        if let Some(i) = &self.issuer {
            out.push_str(&format!("emetteur={}&", encode(i)));
        }
        if let Some(d) = self.from {
            out.push_str(&format!("du={d}&"));
        }
        if let Some(d) = self.to {
            out.push_str(&format!("au={d}&"));
        }
        if let Some(o) = self.order {
            out.push_str(&format!("tri={o}&"));
        }
        out
    }

    /// `path` with these parameters.
    pub fn at(&self, path: &str) -> String {
        match self.query().trim_end_matches('&') {
            "" => path.to_owned(),
            q => format!("{path}?{q}"),
        }
    }

    /// Page `page` of `path` with these parameters; the first page of a
    /// page is the address without a number.
    pub fn page(&self, path: &str, page: i64) -> String {
        if page == 1 {
            return self.at(path);
        }
        format!("{path}?{}page={page}", self.query())
    }

    /// Page `page` of an API list, which always names its page and size.
    pub fn api_page(&self, path: &str, page: i64, per_page: i64) -> String {
        format!("{path}?{}page={page}&per_page={per_page}", self.query())
    }

    /// The same, narrowed to a country.
    pub fn with_country(&self, code: CountryCode) -> Self {
        Self {
            country: Some(code),
            ..self.clone()
        }
    }

    /// The same, narrowed to a person.
    pub fn with_person(&self, slug: &str) -> Self {
        Self {
            person: Some(slug.to_owned()),
            ..self.clone()
        }
    }

    /// The same, narrowed to an issuer.
    pub fn with_issuer(&self, slug: &str) -> Self {
        Self {
            issuer: Some(slug.to_owned()),
            ..self.clone()
        }
    }

    /// The same, narrowed to a month (whatever dates it had).
    pub fn with_month(&self, year: i32, month: Month) -> Self {
        let first = Date::from_calendar_date(year, month, 1).ok();
        Self {
            from: first,
            to: first.and_then(|d| d.replace_day(month.length(year)).ok()),
            ..self.clone()
        }
    }

    /// The same, narrowed to a year (whatever dates it had).
    pub fn with_year(&self, year: i32) -> Self {
        let day = |m, d| Date::from_calendar_date(year, m, d).ok();
        Self {
            from: day(Month::January, 1),
            to: day(Month::December, 31),
            ..self.clone()
        }
    }
}

/// Encodes a query value as a form does: RFC 3986's unreserved characters
/// kept, a space as "+", every other byte in percent form.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char);
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn ru() -> CountryCode {
        CountryCode::parse("RU").unwrap()
    }

    #[test]
    fn addresses_write_codes_in_lower_case() {
        assert_eq!(country(&ru()), "/pays/ru");
        assert_eq!(api::country(&ru()), "/api/v1/pays/ru");
        assert_eq!(month(2025, Month::June), "/dates/2025/06");
        assert_eq!(api::month(2025, Month::June), "/api/v1/dates/2025/06");
        assert_eq!(communique("a-b"), "/communiques/a-b");
    }

    #[test]
    fn parameters_come_in_one_order_and_pages_after_them() {
        let p = Params {
            q: Some(" dîner d'État ".into()),
            person: Some("assimi-goita".into()),
            order: Some("date"),
            ..Params::default()
        }
        .with_country(ru());
        assert_eq!(
            p.at(SEARCH),
            "/recherche?q=d%C3%AEner+d%27%C3%89tat&personne=assimi-goita&pays=ru&tri=date"
        );
        assert_eq!(Params::default().page(COMMUNIQUES, 1), "/communiques");
        assert_eq!(
            Params::default().page(COMMUNIQUES, 2),
            "/communiques?page=2"
        );
        let year = Params::default().with_year(2025);
        assert_eq!(year.from, Some(date!(2025 - 01 - 01)));
        assert_eq!(
            year.api_page(api::COMMUNIQUES, 3, 5),
            "/api/v1/communiques?du=2025-01-01&au=2025-12-31&page=3&per_page=5"
        );
    }
}
