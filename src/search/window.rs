//! The hits a search looks at: the newest `limit` of those a query matches,
//! visited newest first across segments, so that the work of a search is
//! bounded by the window and not by how many communiqués match ("coopération"
//! matches half the archive). Beyond the window a search knows only that
//! there are more, as Lucene's and Elasticsearch's totals do past their
//! threshold.
//!
//! The index is written newest first (`build`), so a segment's documents
//! come in date order and its hits can be streamed; the segments are merged
//! by a heap. A segment whose documents are not in date order (one tantivy
//! merged from small updates) is read whole and sorted: bounded by its size,
//! which the update's merge policy keeps small.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, TERMINATED};

use super::facets::SegmentEntities;

/// Hits a search looks at, at most: totals are exact up to here, and counts
/// and relevance are computed among these, the newest. Lucene's threshold
/// (`IndexSearcher::TOTAL_HITS_THRESHOLD`): at 2,000 a phrase found in every
/// other communiqué cost a third more CPU (BENCHMARKS.md, eighth round).
pub const WINDOW: usize = 1_000;

/// One hit of the window.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub segment: SegmentOrdinal,
    pub doc: DocId,
    /// Days since 1970-01-01, `i32::MIN` when undated.
    pub day: i32,
    /// Relevance; 0 when the search did not score.
    pub score: Score,
}

impl Hit {
    /// Newest first; then the index's order, so that equal dates always
    /// come in the same order.
    fn newest_first(&self, other: &Self) -> Ordering {
        other
            .day
            .cmp(&self.day)
            .then(self.segment.cmp(&other.segment))
            .then(self.doc.cmp(&other.doc))
    }

    /// Best first; equal scores newest first.
    pub fn best_first(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.newest_first(other))
    }
}

/// The hits looked at, newest first.
pub struct Window {
    pub hits: Vec<Hit>,
    /// Every hit of the query is in `hits`: its length is the exact total.
    /// Otherwise there are more than `hits.len()`.
    pub complete: bool,
}

/// Where the next hits of one segment come from.
enum Source<'a> {
    /// A segment in date order: its scorer, read as the heap asks.
    Stream {
        scorer: Box<dyn Scorer>,
        table: &'a SegmentEntities,
        alive: Option<&'a tantivy::fastfield::AliveBitSet>,
    },
    /// A segment out of date order, read whole and sorted.
    Sorted(std::vec::IntoIter<Hit>),
}

impl Source<'_> {
    fn next(&mut self, segment: SegmentOrdinal, scoring: bool) -> Option<Hit> {
        match self {
            Source::Sorted(hits) => hits.next(),
            Source::Stream {
                scorer,
                table,
                alive,
            } => next_alive(&mut **scorer, segment, table, *alive, scoring),
        }
    }
}

fn next_alive(
    scorer: &mut dyn Scorer,
    segment: SegmentOrdinal,
    table: &SegmentEntities,
    alive: Option<&tantivy::fastfield::AliveBitSet>,
    scoring: bool,
) -> Option<Hit> {
    loop {
        let doc = scorer.doc();
        if doc == TERMINATED {
            return None;
        }
        let hit = alive.is_none_or(|a| a.is_alive(doc)).then(|| Hit {
            segment,
            doc,
            day: table.day(doc),
            score: if scoring { scorer.score() } else { 0.0 },
        });
        scorer.advance();
        if hit.is_some() {
            return hit;
        }
    }
}

/// The head of a source in the heap: its newest unread hit.
struct Head {
    hit: Hit,
    source: usize,
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Head {}
impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Head {
    /// The heap pops its greatest: the newest.
    fn cmp(&self, other: &Self) -> Ordering {
        other.hit.newest_first(&self.hit)
    }
}

/// The newest `limit` hits of `query`, scored when `scoring`; `tables` are
/// those of the searcher's segments, in order (`EntityTables::of`).
pub fn newest(
    searcher: &Searcher,
    tables: &[std::sync::Arc<SegmentEntities>],
    query: &dyn Query,
    scoring: bool,
    limit: usize,
) -> tantivy::Result<Window> {
    let enable = if scoring {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(enable)?;
    let readers = searcher.segment_readers();
    let mut sources = Vec::with_capacity(readers.len());
    for (ord, (reader, table)) in readers.iter().zip(tables).enumerate() {
        let ord = ord as SegmentOrdinal;
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        if table.newest_first() {
            sources.push(Source::Stream {
                scorer,
                table,
                alive,
            });
        } else {
            let mut hits = Vec::new();
            while let Some(hit) = next_alive(&mut *scorer, ord, table, alive, scoring) {
                hits.push(hit);
            }
            hits.sort_by(Hit::newest_first);
            sources.push(Source::Sorted(hits.into_iter()));
        }
    }
    let mut heap = BinaryHeap::with_capacity(sources.len());
    for (i, source) in sources.iter_mut().enumerate() {
        if let Some(hit) = source.next(i as SegmentOrdinal, scoring) {
            heap.push(Head { hit, source: i });
        }
    }
    let mut hits = Vec::with_capacity(limit.min(1024));
    while hits.len() < limit {
        let Some(Head { hit, source }) = heap.pop() else {
            break;
        };
        hits.push(hit);
        if let Some(next) = sources[source].next(source as SegmentOrdinal, scoring) {
            heap.push(Head { hit: next, source });
        }
    }
    Ok(Window {
        hits,
        complete: heap.is_empty(),
    })
}
