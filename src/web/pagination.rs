//! A page of a list: its offset, its last page, and the 404 of a page past
//! the end (reading `page` and `per_page` is `request::query::Paging`'s).

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

impl Pagination {
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
    fn a_page_past_the_end_does_not_exist() {
        let p = Pagination {
            page: 3,
            per_page: 10,
        };
        assert_eq!(p.offset(), 20);
        assert!(p.check(21).is_ok());
        assert!(p.has_next(31) && !p.has_next(30));
        assert!(matches!(p.check(20), Err(Error::NotFound(_))));
        let first = Pagination {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        };
        assert!(first.check(0).is_ok(), "an empty list has its first page");
    }
}
