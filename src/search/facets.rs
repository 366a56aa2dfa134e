//! Counts of persons, countries and years among all the hits of a search,
//! read from fast fields (one column lookup per hit) and tallied in arrays:
//! the cost follows the number of hits, with no term dictionary to walk.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// A country code as a number the index can hold: "RU" → 0x5255.
pub fn pack_code(code: &str) -> u64 {
    code.bytes()
        .take(4)
        .fold(0u64, |n, b| (n << 8) | u64::from(b.to_ascii_uppercase()))
}

/// The reverse of `pack_code`.
pub fn unpack_code(n: u64) -> String {
    let bytes: Vec<u8> = n
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Hits per person id, country (packed code) and year.
#[derive(Debug, Default)]
pub struct Counts {
    pub persons: HashMap<u64, u64>,
    pub countries: HashMap<u64, u64>,
    pub years: HashMap<u64, u64>,
}

impl Counts {
    /// The `k` largest counts, ties broken by key, as (key, count).
    pub fn top(map: &HashMap<u64, u64>, k: usize) -> Vec<(u64, u64)> {
        let mut all: Vec<(u64, u64)> = map.iter().map(|(&key, &n)| (key, n)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        all.truncate(k);
        all
    }
}

/// Tallies the fast fields `persons_field`, `countries_field` and `year_field`.
pub struct EntityCounts {
    pub persons_field: &'static str,
    pub countries_field: &'static str,
    pub year_field: &'static str,
}

pub struct SegmentCounts {
    persons: Column<u64>,
    countries: Column<u64>,
    years: Column<u64>,
    /// Dense tallies per segment: person ids are small integers.
    person_tally: Vec<u32>,
    country_tally: HashMap<u64, u64>,
    year_tally: HashMap<u64, u64>,
}

impl Collector for EntityCounts {
    type Fruit = Counts;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let fast = reader.fast_fields();
        Ok(SegmentCounts {
            persons: fast.u64(self.persons_field)?,
            countries: fast.u64(self.countries_field)?,
            years: fast.u64(self.year_field)?,
            person_tally: Vec::new(),
            country_tally: HashMap::new(),
            year_tally: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for fruit in fruits {
            for (mine, theirs) in [
                (&mut all.persons, fruit.persons),
                (&mut all.countries, fruit.countries),
                (&mut all.years, fruit.years),
            ] {
                for (key, n) in theirs {
                    *mine.entry(key).or_default() += n;
                }
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for id in self.persons.values_for_doc(doc) {
            let i = id as usize;
            if i >= self.person_tally.len() {
                self.person_tally.resize(i + 1, 0);
            }
            self.person_tally[i] += 1;
        }
        for code in self.countries.values_for_doc(doc) {
            *self.country_tally.entry(code).or_default() += 1;
        }
        for year in self.years.values_for_doc(doc) {
            *self.year_tally.entry(year).or_default() += 1;
        }
    }

    fn harvest(self) -> Counts {
        Counts {
            persons: self
                .person_tally
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(id, n)| (id as u64, u64::from(n)))
                .collect(),
            countries: self.country_tally,
            years: self.year_tally,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_pack_and_unpack() {
        for code in ["RU", "CN", "XK", "PS"] {
            assert_eq!(unpack_code(pack_code(code)), code);
        }
        assert_eq!(pack_code("ru"), pack_code("RU"));
    }
}
