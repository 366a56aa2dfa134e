//! Page numbers and sizes from the query string, checked: a wrong value is a
//! 400 with a message naming the parameter, a page past the end is a 404.

use super::error::Error;

/// Lines per page on HTML lists and the API's default.
pub const DEFAULT_PER_PAGE: i64 = 20;
/// The most the API returns at once.
pub const MAX_PER_PAGE: i64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    pub page: i64,
    pub per_page: i64,
}

/// An empty value (`?page=`) counts as absent.
fn present(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}

impl Pagination {
    /// Reads `page` (from 1) and `per_page` (1 to 100).
    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<Self, Error> {
        let page = match present(page) {
            None => 1,
            Some(s) => s
                .parse::<i64>()
                .ok()
                .filter(|&n| (1..=1_000_000_000).contains(&n))
                .ok_or_else(|| {
                    Error::BadRequest(format!(
                        "Le paramètre « page » doit être un entier positif (reçu « {s} »)."
                    ))
                })?,
        };
        let per_page = match present(per_page) {
            None => DEFAULT_PER_PAGE,
            Some(s) => s
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_PER_PAGE).contains(n))
                .ok_or_else(|| {
                    Error::BadRequest(format!(
                        "Le paramètre « per_page » doit être un entier de 1 à {MAX_PER_PAGE} (reçu « {s} »)."
                    ))
                })?,
        };
        Ok(Self { page, per_page })
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    /// The last page for `total` lines (1 for an empty list).
    pub fn last_page(&self, total: i64) -> i64 {
        ((total + self.per_page - 1) / self.per_page).max(1)
    }

    /// A page past the end does not exist.
    pub fn check(&self, total: i64) -> Result<(), Error> {
        if self.page > self.last_page(total) {
            return Err(Error::NotFound(format!(
                "La page {} n’existe pas : cette liste compte {} page(s).",
                self.page,
                self.last_page(total)
            )));
        }
        Ok(())
    }

    pub fn has_next(&self, total: i64) -> bool {
        self.page < self.last_page(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_pages() {
        assert_eq!(
            Pagination::parse(None, None).unwrap(),
            Pagination {
                page: 1,
                per_page: 20
            }
        );
        assert_eq!(
            Pagination::parse(Some(""), Some("100")).unwrap().per_page,
            100
        );
        for bad in ["abc", "-1", "0", "1.5", "99999999999999999999"] {
            assert!(
                matches!(
                    Pagination::parse(Some(bad), None),
                    Err(Error::BadRequest(_))
                ),
                "{bad}"
            );
        }
        assert!(Pagination::parse(None, Some("101")).is_err());
        let p = Pagination::parse(Some("3"), Some("10")).unwrap();
        assert_eq!(p.offset(), 20);
        assert!(p.check(21).is_ok());
        assert!(matches!(p.check(20), Err(Error::NotFound(_))));
        assert!(Pagination::parse(None, None).unwrap().check(0).is_ok());
    }
}
