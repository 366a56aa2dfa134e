//! The listed communiqués of a listing narrowed by several of a person, a
//! country and an issuer (and dates), read off the index's filter fields:
//! their posting lists are intersected in about a millisecond, where SQLite
//! walked one filter's communiqués and looked each one up in the others'
//! tables (54 to 180 ms at a million communiqués for the bench's busiest
//! person and country). Every one selected comes with its day, so that a
//! page is found without a sort by SQLite: only the ids of the days around
//! the page go back to SQLite, which orders them as the listing does
//! (`Span`).

use std::ops::Bound;

use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TERMINATED, Term};

use super::build::day_of;
use super::facets::pack_code;
use super::{SearchError, SearchIndex};
use crate::domain::country::CountryCode;

/// What a narrowed listing keeps: a communiqué that names the person, names
/// the country (in any role), has a version from the issuer, and is dated
/// within the bounds; each one that is set.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    pub person: Option<i64>,
    pub country: Option<CountryCode>,
    /// An issuer's slug.
    pub issuer: Option<String>,
    /// First date, inclusive.
    pub from: Option<time::Date>,
    /// Last date, inclusive. Undated communiqués sort before every date, as
    /// the listing's sort key has them ("0000-00-00"), and are within it.
    pub to: Option<time::Date>,
}

/// One listed communiqué a narrowing keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    /// Days since 1970-01-01, `i64::MIN` when undated.
    pub day: i64,
    /// The listed communiqué's id.
    pub id: i64,
}

impl SearchIndex {
    /// Every listed communiqué `narrowing` keeps, newest day first (in no
    /// order within a day).
    pub fn narrowed(&self, narrowing: &Narrowing) -> Result<Vec<Selected>, SearchError> {
        let searcher = self.reader.searcher();
        let tables = self.entities.of(&searcher)?;
        let query = self.narrowing_query(narrowing);
        let weight = query.weight(EnableScoring::disabled_from_searcher(&searcher))?;
        let mut selected = Vec::new();
        for (reader, table) in searcher.segment_readers().iter().zip(&tables) {
            let ids = reader.fast_fields().u64("id")?;
            let alive = reader.alive_bitset();
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc))
                    && let Some(id) = ids.first(doc)
                {
                    let day = table.day(doc);
                    selected.push(Selected {
                        day: if day == i32::MIN {
                            i64::MIN
                        } else {
                            i64::from(day)
                        },
                        id: id as i64,
                    });
                }
                doc = scorer.advance();
            }
        }
        selected.sort_unstable_by(|a, b| b.day.cmp(&a.day).then(a.id.cmp(&b.id)));
        Ok(selected)
    }

    fn narrowing_query(&self, n: &Narrowing) -> BooleanQuery {
        let f = self.fields;
        let term = |term: Term| -> (Occur, Box<dyn Query>) {
            (
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            )
        };
        let mut clauses = Vec::new();
        if let Some(id) = n.person {
            clauses.push(term(Term::from_field_u64(f.person_ids, id as u64)));
        }
        if let Some(code) = n.country {
            clauses.push(term(Term::from_field_u64(f.country_codes, pack_code(code))));
        }
        if let Some(slug) = &n.issuer {
            clauses.push(term(Term::from_field_text(f.issuers, slug)));
        }
        if n.from.is_some() || n.to.is_some() {
            let bound = |d: Option<time::Date>| {
                d.map_or(Bound::Unbounded, |d| {
                    Bound::Included(Term::from_field_i64(f.date, day_of(d)))
                })
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(n.from), bound(n.to))),
            ));
        }
        if clauses.is_empty() {
            clauses.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
        }
        BooleanQuery::new(clauses)
    }
}

/// What SQLite is given to write a page of a narrowed listing: the ids of
/// every communiqué of the page's days, of which the listing's order skips
/// `skip` before the page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub ids: Vec<i64>,
    pub skip: usize,
}

impl Span {
    /// The span of entries `offset..offset + limit` of `selected` (newest
    /// day first, as `SearchIndex::narrowed` gives them); None past the end.
    /// A page's first and last days may hold more communiqués than the page
    /// shows: the listing orders a day by slug, which the index does not
    /// hold, so the whole of both days goes to SQLite.
    pub fn of(selected: &[Selected], offset: usize, limit: usize) -> Option<Self> {
        let first = selected.get(offset)?.day;
        let last_entry = offset.saturating_add(limit.max(1)).min(selected.len()) - 1;
        let last = selected[last_entry].day;
        let start = selected.partition_point(|s| s.day > first);
        let end = selected.partition_point(|s| s.day >= last);
        Some(Self {
            ids: selected[start..end].iter().map(|s| s.id).collect(),
            skip: offset - start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(days: &[i64]) -> Vec<Selected> {
        days.iter()
            .enumerate()
            .map(|(i, &day)| Selected { day, id: i as i64 })
            .collect()
    }

    #[test]
    fn a_span_holds_the_whole_of_the_days_a_page_starts_and_ends_in() {
        // Days 9, 8 8 8, 7, 5 5, undated.
        let s = days(&[9, 8, 8, 8, 7, 5, 5, i64::MIN]);
        // A page inside one day: the whole day, and where in it.
        assert_eq!(
            Span::of(&s, 2, 1),
            Some(Span {
                ids: vec![1, 2, 3],
                skip: 1
            })
        );
        // Across days: from the first entry of the first day to the last of
        // the last.
        assert_eq!(
            Span::of(&s, 3, 3),
            Some(Span {
                ids: vec![1, 2, 3, 4, 5, 6],
                skip: 2
            })
        );
        assert_eq!(
            Span::of(&s, 0, 2),
            Some(Span {
                ids: vec![0, 1, 2, 3],
                skip: 0
            })
        );
        // The last page, shorter than the limit, undated last.
        assert_eq!(
            Span::of(&s, 6, 5),
            Some(Span {
                ids: vec![5, 6, 7],
                skip: 1
            })
        );
        assert_eq!(Span::of(&s, 8, 5), None);
        assert_eq!(Span::of(&[], 0, 5), None);
    }
}
