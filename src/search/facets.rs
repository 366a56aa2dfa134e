//! Counts of persons, countries and years among the hits a search looked
//! at (`window`). Each segment's values, and its dates, are read from the
//! fast fields once into plain arrays (`EntityTables`); a hit then costs a
//! few reads side by side and as many increments of a fast-hash map.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::{DocId, SegmentReader};

use super::window::Hit;

use crate::domain::country::CountryCode;

/// A country code as a number the index can hold: "RU" → 0x5255.
pub fn pack_code(code: CountryCode) -> u64 {
    code.as_str()
        .bytes()
        .fold(0u64, |n, b| (n << 8) | u64::from(b))
}

/// The reverse of `pack_code`; None for a number no code packs to.
pub fn unpack_code(n: u64) -> Option<CountryCode> {
    let bytes: Vec<u8> = n
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    CountryCode::parse(std::str::from_utf8(&bytes).ok()?)
}

/// Hits per person id, country (packed code) and year.
#[derive(Debug, Default)]
pub struct Counts {
    pub persons: FxHashMap<u64, u64>,
    pub countries: FxHashMap<u64, u64>,
    pub years: FxHashMap<u64, u64>,
}

impl Counts {
    /// The `k` largest counts, ties broken by key, as (key, count).
    pub fn top(map: &FxHashMap<u64, u64>, k: usize) -> Vec<(u64, u64)> {
        let mut all: Vec<(u64, u64)> = map.iter().map(|(&key, &n)| (key, n)).collect();
        let order = |a: &(u64, u64), b: &(u64, u64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        // Only the first `k` need an order: hundreds of persons are counted.
        if k < all.len() {
            all.select_nth_unstable_by(k, order);
            all.truncate(k);
        }
        all.sort_unstable_by(order);
        all
    }
}

/// The fast fields that are tallied, in the order of `Counts`' maps.
const FIELDS: [&str; 3] = ["person_ids", "country_codes", "year"];

/// The persons, countries and years of every document of a segment, as plain
/// arrays in memory. Read from the fast fields once per segment: tantivy's
/// columns answer one document at a time through their multi-value index,
/// which cost about 90 ns per hit and most of a large search. A document's
/// values sit side by side, so a hit touches one or two cache lines.
pub struct SegmentEntities {
    /// Document `d` has the slots `slots[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    slots: Vec<u32>,
    /// What each slot stands for: (which of `FIELDS`, value).
    values: Vec<(usize, u64)>,
    /// Each document's date, as days since 1970-01-01 (`i32::MIN` undated).
    days: Vec<i32>,
    /// The documents come newest first (`build` writes them so).
    newest_first: bool,
}

impl SegmentEntities {
    fn read(reader: &SegmentReader) -> tantivy::Result<Self> {
        let fast = reader.fast_fields();
        let columns: Vec<Column<u64>> = FIELDS
            .iter()
            .map(|name| fast.u64(name))
            .collect::<tantivy::Result<_>>()?;
        let max_doc = reader.max_doc() as usize;
        let mut slot_of: HashMap<(usize, u64), u32> = HashMap::new();
        let mut values = Vec::new();
        let mut starts = Vec::with_capacity(max_doc + 1);
        let mut slots = Vec::with_capacity(max_doc * 4);
        starts.push(0);
        let dates = fast.i64("date")?;
        let days: Vec<i32> = (0..reader.max_doc())
            .map(|doc| {
                dates
                    .first(doc)
                    .map_or(i32::MIN, |d| i32::try_from(d).unwrap_or(i32::MIN))
            })
            .collect();
        let newest_first = days.windows(2).all(|w| w[0] >= w[1]);
        for doc in 0..reader.max_doc() {
            for (field, column) in columns.iter().enumerate() {
                for value in column.values_for_doc(doc) {
                    let slot = *slot_of.entry((field, value)).or_insert_with(|| {
                        values.push((field, value));
                        (values.len() - 1) as u32
                    });
                    slots.push(slot);
                }
            }
            starts.push(slots.len() as u32);
        }
        Ok(Self {
            starts,
            slots,
            values,
            days,
            newest_first,
        })
    }

    /// A document's date, as days since 1970-01-01 (`i32::MIN` undated).
    pub fn day(&self, doc: DocId) -> i32 {
        self.days.get(doc as usize).copied().unwrap_or(i32::MIN)
    }

    /// Do the segment's documents come newest first?
    pub fn newest_first(&self) -> bool {
        self.newest_first
    }

    fn slots(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.slots[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Memory held, in bytes.
    pub fn bytes(&self) -> usize {
        4 * (self.starts.len() + self.slots.len() + self.days.len()) + 16 * self.values.len()
    }
}

/// The entities of each segment an index has, read on first use: the index
/// a server reads does not change under it, so they are read once.
#[derive(Default)]
pub struct EntityTables {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentEntities>>>,
}

impl EntityTables {
    /// The table of a segment, read now if it was not yet.
    pub fn segment(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentEntities>> {
        let id = reader.segment_id();
        if let Some(table) = self.lock().get(&id) {
            return Ok(table.clone());
        }
        // Read outside the lock; two first searches may both read, one wins.
        let table = Arc::new(SegmentEntities::read(reader)?);
        Ok(self.lock().entry(id).or_insert(table).clone())
    }

    /// The tables of a searcher's segments, in its order.
    pub fn of(&self, searcher: &tantivy::Searcher) -> tantivy::Result<Vec<Arc<SegmentEntities>>> {
        searcher
            .segment_readers()
            .iter()
            .map(|r| self.segment(r))
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentEntities>>> {
        // A panic while holding the lock leaves the map whole: keep using it.
        self.segments
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Counts {
    /// The persons, countries and years of `hits`, whose segments' tables
    /// are `tables` (by segment ordinal).
    pub fn of(hits: &[Hit], tables: &[Arc<SegmentEntities>]) -> Self {
        // A few thousand values for a window of hits: counted straight into
        // maps with a fast hash. Counting by slot in arrays as long as each
        // segment's values zeroed a megabyte a search, and its page faults
        // cost more than the counting.
        let mut counts = Counts {
            persons: FxHashMap::with_capacity_and_hasher(hits.len(), Default::default()),
            countries: FxHashMap::with_capacity_and_hasher(256, Default::default()),
            years: FxHashMap::with_capacity_and_hasher(64, Default::default()),
        };
        for hit in hits {
            let table = &tables[hit.segment as usize];
            for &slot in table.slots(hit.doc) {
                let (field, value) = table.values[slot as usize];
                let map = match field {
                    0 => &mut counts.persons,
                    1 => &mut counts.countries,
                    _ => &mut counts.years,
                };
                *map.entry(value).or_default() += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_counts_come_largest_first_ties_by_key() {
        let map: FxHashMap<u64, u64> = [(7, 3), (2, 5), (9, 3), (4, 1), (1, 3)]
            .into_iter()
            .collect();
        assert_eq!(Counts::top(&map, 3), [(2, 5), (1, 3), (7, 3)]);
        assert_eq!(
            Counts::top(&map, 10),
            [(2, 5), (1, 3), (7, 3), (9, 3), (4, 1)]
        );
        assert_eq!(Counts::top(&map, 0), []);
    }

    #[test]
    fn codes_pack_and_unpack() {
        for code in ["RU", "CN", "XK", "PS"] {
            let code = CountryCode::parse(code).unwrap();
            assert_eq!(unpack_code(pack_code(code)), Some(code));
        }
        assert_eq!(pack_code(CountryCode::parse("RU").unwrap()), 0x5255);
        assert_eq!(unpack_code(0), None);
    }
}
