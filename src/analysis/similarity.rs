//! How much two texts share, measured on their content words.
//!
//! Used twice: to tell a caption or intertitle (it repeats the article around it)
//! from the headline of a new article, and to group reports of the same event.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::domain::french::{month_from_folded, weekday_from_folded};
use crate::domain::text::{fold, is_word_char};
use crate::domain::words::{WordFile, WordList};

/// The word lists below, as data.
static WORDS: WordFile = WordFile::new(
    "lexicon/words/similarity.txt",
    include_str!("../../lexicon/words/similarity.txt"),
);

/// French function words of four letters or more, which every text shares.
static STOPWORDS: WordList = WordList::new(&WORDS, "stopwords");

/// A set of content words, each kept as its 64-bit hash (`word_hash`): no
/// string to allocate per word; collisions are negligible at this width.
pub type Words = HashSet<u64, BuildHasherDefault<PreHashed>>;

/// The hasher of a set whose keys are already hashes.
#[derive(Default)]
pub struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Raised when the way words are counted changes in code (what `fold`
/// keeps, which words count): signatures kept by an archive are then
/// counted again.
const SIGNATURE_VERSION: u32 = 1;

/// Names the rules signatures are counted by: this code's version and the
/// word lists it reads. Signatures kept under another stamp are stale.
pub fn signature_rules() -> String {
    format!("{SIGNATURE_VERSION}-{:016x}", word_hash(WORDS.text()))
}

/// FNV-1a: fixed, so the same words hash the same in every process (the
/// signatures of two runs compare), and fast on short words.
pub fn word_hash(word: &str) -> u64 {
    word.bytes().fold(FNV_OFFSET, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

static STOPWORD_HASHES: LazyLock<Words> =
    LazyLock::new(|| STOPWORDS.iter().map(|w| word_hash(w)).collect());

/// The hashes of the content words of a text, in order, repeats included:
/// folded words of four letters or more, without function words, numbers,
/// months or weekdays (dates are compared on their own).
fn content_hashes(folded: &str) -> impl Iterator<Item = u64> + '_ {
    folded
        .split(|c: char| !is_word_char(c))
        .filter(|w| {
            w.len() >= 4
                && (w.is_ascii() || w.chars().count() >= 4)
                && !w.bytes().all(|b| b.is_ascii_digit())
                && month_from_folded(w).is_none()
                && weekday_from_folded(w).is_none()
        })
        .map(word_hash)
        .filter(|h| !STOPWORD_HASHES.contains(h))
}

/// Is the folded word one of the function words left out of comparisons?
pub fn is_stopword(folded: &str) -> bool {
    STOPWORD_HASHES.contains(&word_hash(folded))
}

/// The set of content words of a text (see `content_hashes`).
pub fn content_words(text: &str) -> Words {
    content_hashes(&fold(text)).collect()
}

/// Share of `part`'s words that also occur in `whole` (0 when `part` is empty).
pub fn containment(part: &Words, whole: &Words) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    part.intersection(whole).count() as f64 / part.len() as f64
}

/// Overlap of two texts relative to the shorter one: 1 when one text's words are
/// all in the other.
pub fn overlap(a: &Words, b: &Words) -> f64 {
    if a.len() <= b.len() {
        containment(a, b)
    } else {
        containment(b, a)
    }
}

/// A text's content words, hashed and sorted: compact enough to keep for every
/// communiqué of a run, and compared by one merge instead of hash lookups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    words: Box<[u32]>,
    sketch: Sketch,
}

impl Signature {
    pub fn of(text: &str) -> Self {
        Self::of_folded(&[&fold(text)])
    }

    /// The signature of texts folded already (`fold`), taken together: the
    /// same as of the texts joined by a line end, as no word spans two.
    pub fn of_folded(folded: &[&str]) -> Self {
        Self::from_hashes(
            folded
                .iter()
                .flat_map(|text| content_hashes(text))
                .map(|h| h as u32)
                .collect(),
        )
    }

    /// A signature kept as its hashes (`hashes`).
    pub fn from_hashes(mut hashes: Vec<u32>) -> Self {
        hashes.sort_unstable();
        hashes.dedup();
        Self {
            sketch: Sketch::of(&hashes),
            words: hashes.into_boxed_slice(),
        }
    }

    /// The hashes of its words, sorted: what is kept to compare it again.
    pub fn hashes(&self) -> &[u32] {
        &self.words
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// As `overlap` on the word sets: the share of the smaller signature's
    /// words found in the other (0 when either is empty).
    pub fn overlap(&self, other: &Signature) -> f64 {
        let (a, b) = self.smaller_first(other);
        if a.is_empty() {
            return 0.0;
        }
        shared_words(a, b, |_, _| false) as f64 / a.len() as f64
    }

    /// `self.overlap(other) >= share`, stopping the merge as soon as the
    /// answer is known: grouping asks this of every pair of a day's
    /// communiqués, and most pairs fall short well before the end.
    pub fn overlaps_at_least(&self, other: &Signature, share: f64) -> bool {
        let (a, b) = self.smaller_first(other);
        if a.is_empty() {
            return 0.0 >= share;
        }
        let len = a.len() as f64;
        // The fewest shared words that reach `share`, by the same division
        // as `overlap`.
        let Some(needed) = (0..=a.len()).find(|&m| m as f64 / len >= share) else {
            return false;
        };
        // Most pairs of a day's reports share far fewer words: their sketches
        // say so without the merge.
        if self.sketch.most_shared(&other.sketch) < needed {
            return false;
        }
        // Stop once enough are shared, or when even sharing every word left
        // of `a` would be too few.
        shared_words(a, b, |shared, left| {
            shared >= needed || shared + left < needed
        }) >= needed
    }

    fn smaller_first<'a>(&'a self, other: &'a Signature) -> (&'a [u32], &'a [u32]) {
        if self.len() <= other.len() {
            (&self.words, &other.words)
        } else {
            (&other.words, &self.words)
        }
    }
}

/// Bits of a sketch.
const SKETCH_BITS: u32 = 1024;

/// A signature's words as bits: each word sets one of `SKETCH_BITS` bits,
/// picked by its hash. Two signatures share at most as many words as the bits
/// both set, plus the words of either that found their bit set already (two
/// shared words on one bit set it once): a bound read in a few instructions,
/// where counting the words takes a merge of both lists.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sketch {
    bits: [u64; (SKETCH_BITS / 64) as usize],
    /// Words whose bit an earlier word had set.
    repeats: usize,
}

impl Default for Sketch {
    fn default() -> Self {
        Self::of(&[])
    }
}

impl Sketch {
    fn of(words: &[u32]) -> Self {
        let mut sketch = Self {
            bits: [0; (SKETCH_BITS / 64) as usize],
            repeats: 0,
        };
        for &w in words {
            // Multiplicative hashing spreads FNV's low bits over the range.
            let bit = w.wrapping_mul(0x9e37_79b1) >> (32 - SKETCH_BITS.trailing_zeros());
            let (cell, mask) = ((bit / 64) as usize, 1u64 << (bit % 64));
            if sketch.bits[cell] & mask != 0 {
                sketch.repeats += 1;
            }
            sketch.bits[cell] |= mask;
        }
        sketch
    }

    /// The most words the two signatures can share. Every shared word sets
    /// a bit both sketches have; the shared words beyond one per such bit
    /// found their bit set already in either signature, so they are at most
    /// the fewer `repeats` of the two.
    fn most_shared(&self, other: &Sketch) -> usize {
        let both: u32 = self
            .bits
            .iter()
            .zip(&other.bits)
            .map(|(a, b)| (a & b).count_ones())
            .sum();
        both as usize + self.repeats.min(other.repeats)
    }
}

/// Words two sorted signatures share, by one merge; `stop(shared, left of a)`
/// may end it early.
fn shared_words(a: &[u32], b: &[u32], mut stop: impl FnMut(usize, usize) -> bool) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() && !stop(shared, a.len() - i) {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {

    #[test]
    fn signatures_measure_what_word_sets_measure() {
        let a = "Le Ministre a reçu l'Ambassadeur du Japon pour parler de santé et d'éducation.";
        let b = "L'Ambassadeur du Japon reçu par le Ministre : santé, éducation, énergie solaire.";
        let expected = overlap(&content_words(a), &content_words(b));
        assert!((Signature::of(a).overlap(&Signature::of(b)) - expected).abs() < 1e-9);
        assert_eq!(Signature::of(a).overlap(&Signature::of(a)), 1.0);
        assert_eq!(Signature::of("").overlap(&Signature::of(a)), 0.0);
        // The early answer is the full merge's answer, at every threshold.
        let texts = [
            a,
            b,
            "",
            "Ministre Japon",
            "santé éducation énergie solaire ambassadeur",
        ];
        for x in texts {
            for y in texts {
                let (sx, sy) = (Signature::of(x), Signature::of(y));
                for share in [0.0, 0.2, 0.37, 0.5, 0.55, 0.6, 0.99, 1.0, 1.1] {
                    assert_eq!(
                        sx.overlaps_at_least(&sy, share),
                        sx.overlap(&sy) >= share,
                        "{x:?} {y:?} {share}"
                    );
                }
            }
        }
    }
    use super::*;

    /// Signatures of `n` words, `shared` of them from a common pool: from a
    /// few words to more words than the sketch has bits, so that shared
    /// words fall on one bit too.
    fn pair(next: &mut impl FnMut() -> u32, n: usize, m: usize, shared: usize) -> [Signature; 2] {
        let common: Vec<u32> = (0..shared).map(|_| next()).collect();
        let mut side = |len: usize| {
            let mut words = common.clone();
            words.extend((shared..len).map(|_| next()));
            Signature::from_hashes(words)
        };
        [side(n), side(m)]
    }

    #[test]
    fn the_sketch_never_turns_away_a_pair_that_shares_enough() {
        let mut seed: u32 = 0x2545_f491;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        let mut turned_away = 0;
        for n in [1, 5, 40, 150, 600, 2000] {
            for m in [1, 3, 40, 150, 2000] {
                for part in [0.0, 0.2, 0.39, 0.4, 0.41, 0.55, 0.7, 1.0] {
                    let shared = (n.min(m) as f64 * part) as usize;
                    let [a, b] = pair(&mut next, n, m, shared);
                    for share in [0.0, 0.25, 0.4, 0.55, 0.9, 1.0] {
                        let exact = a.overlap(&b) >= share;
                        assert_eq!(
                            a.overlaps_at_least(&b, share),
                            exact,
                            "{n} {m} {shared} {share}"
                        );
                        let needed = (share * n.min(m) as f64).ceil() as usize;
                        if a.sketch.most_shared(&b.sketch) < needed {
                            turned_away += 1;
                        }
                    }
                }
            }
        }
        // The bound does turn pairs away: most of those sharing little.
        assert!(turned_away > 200, "{turned_away}");
    }

    #[test]
    fn a_signature_of_folded_parts_is_that_of_the_joined_text() {
        let (title, body) = (
            "Coopération : le Mali et l’ŒUVRE",
            "Réunion bilatérale\n\nà Bamako, accords signés.",
        );
        assert_eq!(
            Signature::of_folded(&[&fold(title), &fold(body)]),
            Signature::of(&format!("{title}\n{body}"))
        );
        assert!(!Signature::of(title).is_empty());
    }

    #[test]
    fn content_words_skip_function_words_and_dates() {
        let w = content_words("Le mardi 24 juin 2025, dans cette salle, les Ambassadeurs réunis");
        let want: Words = ["ambassadeurs", "reunis", "salle"]
            .into_iter()
            .map(word_hash)
            .collect();
        assert_eq!(w, want);
    }

    #[test]
    fn overlap_is_relative_to_the_shorter_text() {
        let a = content_words("coopération énergie Russie Bamako");
        let b = content_words("coopération énergie Russie Bamako commission mixte session travail");
        assert_eq!(overlap(&a, &b), 1.0);
        assert_eq!(containment(&b, &a), 0.5);
        assert_eq!(containment(&Words::default(), &a), 0.0);
    }
}
