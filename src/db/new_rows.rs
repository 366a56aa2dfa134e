//! How a run reads back the rows it added: by their range of ids, at the end
//! of the table, when they are few beside the rows before them; by a scan of
//! a narrow index otherwise.
//!
//! SQLite plans `WHERE id >= ?` without knowing the bound: it takes the range
//! for a quarter of the table and prefers a covering index scanned whole. For
//! the thousand communiqués a daily run adds to a million, that read the
//! whole index (0.7 to 0.9 s a statement with the file out of the page
//! cache) where the range is a few pages (5 to 13 ms). When the run added
//! much, the index is the better read: a communiqué's row holds its texts
//! (about 6 KB, read through to reach the columns after them), an index
//! entry a few dozen bytes.

/// The ids a run gave, in order: from `first` up to `next` excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewRows {
    pub first: i64,
    pub next: i64,
}

/// How many rows before them, at least, for each new row, for the new rows
/// to be read by their range: about what a wide row costs against an index
/// entry, in bytes.
const ROWS_BEFORE_EACH: i64 = 256;

impl NewRows {
    /// Few beside the rows before them: read by their range of ids.
    pub fn few(self) -> bool {
        // The rows before them are those below `first`: ids start at 1.
        (self.next - self.first).saturating_mul(ROWS_BEFORE_EACH) < self.first
    }

    /// What a statement reads them from: `table` by its range of ids when
    /// they are few, else `table` through `narrow_index`, which must hold
    /// every column the statement asks.
    pub fn read_from(self, table: &str, narrow_index: &str) -> String {
        if self.few() {
            format!("{table} NOT INDEXED")
        } else {
            format!("{table} INDEXED BY {narrow_index}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_daily_run_is_few_beside_a_large_archive_and_a_first_run_is_not() {
        let daily = NewRows {
            first: 1_000_001,
            next: 1_001_001,
        };
        assert!(daily.few());
        assert_eq!(
            daily.read_from("communique", "communique_group"),
            "communique NOT INDEXED"
        );
        let first = NewRows { first: 1, next: 10 };
        assert!(!first.few());
        assert_eq!(
            first.read_from("communique", "communique_group"),
            "communique INDEXED BY communique_group"
        );
        // A thousand into a hundred thousand: a hundredth, read by the index.
        assert!(
            !NewRows {
                first: 100_001,
                next: 101_001
            }
            .few()
        );
        assert!(
            NewRows {
                first: 100_001,
                next: 100_001
            }
            .few(),
            "none added"
        );
    }
}
