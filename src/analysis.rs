//! The ingest analysis: from a file's bytes to its articles, dated, with
//! their persons, countries and issuer, and how versions of one event are
//! told apart. Pure functions over text and the domain core: no SQL, no
//! HTTP, no index.

pub mod address;
pub mod clean;
pub mod dates;
pub mod dedupe;
pub mod entities;
pub mod headline;
pub mod issuer;
pub mod lines;
pub mod parse;
pub mod read;
pub mod segment;
pub mod similarity;
