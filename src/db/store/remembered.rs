//! What an ingest run remembers of the communiqués it created, so grouping
//! keeps their keys without asking the database: persons by id, partner
//! countries and the files each was read from, in flat arrays indexed by
//! the communiqué's place in the run (its ids are given in order), a few
//! bytes per communiqué whatever the size of the run.

use std::collections::HashMap;

use crate::domain::country::CountryCode;

#[derive(Debug, Default)]
pub(super) struct Remembered {
    /// The run's first id: communiqué `first_id + i` is the `i`th.
    first_id: i64,
    persons: Vec<i64>,
    /// Where each communiqué's persons end in `persons`.
    persons_end: Vec<u32>,
    partners: Vec<CountryCode>,
    partners_end: Vec<u32>,
    /// The file each was first read from, by its number in `files`.
    first_file: Vec<u32>,
    /// Further files, for the few a later file of the run repeats.
    more_files: HashMap<i64, Vec<u32>>,
    /// SHA-256 of the files the run stored, in order.
    files: Vec<String>,
}

impl Remembered {
    pub fn new(first_id: i64) -> Self {
        Self {
            first_id,
            ..Self::default()
        }
    }

    /// Numbers a file the run stores.
    pub fn file(&mut self, sha256: &str) -> u32 {
        self.files.push(sha256.to_owned());
        u32::try_from(self.files.len() - 1).expect("fewer than 4 billion files a run")
    }

    /// Remembers the next communiqué the run created, read from `file`:
    /// its persons (each once, as its mentions are stored) and partners.
    pub fn created(
        &mut self,
        id: i64,
        persons: &[i64],
        partners: impl Iterator<Item = CountryCode>,
        file: u32,
    ) {
        debug_assert_eq!(id, self.first_id + self.first_file.len() as i64);
        let start = self.persons.len();
        for &p in persons {
            if !self.persons[start..].contains(&p) {
                self.persons.push(p);
            }
        }
        self.partners.extend(partners);
        self.persons_end.push(end(self.persons.len()));
        self.partners_end.push(end(self.partners.len()));
        self.first_file.push(file);
    }

    /// Communiqué `id`, when the run created it, was read from `file` too.
    pub fn read_again(&mut self, id: i64, file: u32) {
        if self.place(id).is_some() {
            self.more_files.entry(id).or_default().push(file);
        }
    }

    /// The communiqué's place in the run, when the run created it.
    fn place(&self, id: i64) -> Option<usize> {
        let place = usize::try_from(id.checked_sub(self.first_id)?).ok()?;
        (place < self.first_file.len()).then_some(place)
    }

    /// Did the run create communiqué `id`?
    pub fn holds(&self, id: i64) -> bool {
        self.place(id).is_some()
    }

    /// Communiqué `id`'s persons, partners and files (SHA-256), when the
    /// run created it.
    pub fn of(&self, id: i64) -> Option<(&[i64], &[CountryCode], Vec<&str>)> {
        let i = self.place(id)?;
        let range = |ends: &[u32]| {
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            start..ends[i] as usize
        };
        let files = std::iter::once(&self.first_file[i])
            .chain(self.more_files.get(&id).into_iter().flatten())
            .map(|&f| self.files[f as usize].as_str())
            .collect();
        Some((
            &self.persons[range(&self.persons_end)],
            &self.partners[range(&self.partners_end)],
            files,
        ))
    }
}

fn end(len: usize) -> u32 {
    u32::try_from(len).expect("fewer than 4 billion mentions a run")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_communique_gets_back_what_was_remembered_of_it() {
        let mut r = Remembered::new(10);
        let (a, b) = (r.file("aaa"), r.file("bbb"));
        let ml = CountryCode::try_from("ML".to_owned()).unwrap();
        r.created(10, &[3, 4, 3], [ml].into_iter(), a);
        r.created(11, &[], std::iter::empty(), b);
        r.read_again(10, b);
        r.read_again(9, b);
        assert_eq!(r.of(10), Some((&[3, 4][..], &[ml][..], vec!["aaa", "bbb"])));
        assert_eq!(r.of(11), Some((&[][..], &[][..], vec!["bbb"])));
        assert!(r.holds(11) && !r.holds(9) && !r.holds(12));
        assert_eq!(r.of(12), None);
    }
}
