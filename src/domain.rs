//! The domain core, at the bottom of every layer: what a communiqué, a date,
//! a person and a country are, the gazetteer and the word lists (data files
//! under `lexicon/`), person identity, slugs, hashes and French text. It knows
//! nothing of SQL, HTTP or the search index; `analysis`, `db`, `search` and
//! `web` build on it.

pub mod article;
pub mod country;
pub mod date;
pub mod french;
pub mod hash;
pub mod person;
pub mod rules;
pub mod slug;
pub mod text;
pub mod words;
