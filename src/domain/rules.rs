//! The versions of the reading rules a stored communiqué was read with: the
//! archive reads again what older rules read, and names its search index
//! after the entities' version.

/// The version of the rules that read headlines, dates and issuers
/// (`analysis::parse`): raise it when they change, and archives read their
/// communiqués again (their old addresses answer with a 301 to the new ones).
pub const READING_VERSION: i64 = 3;

/// The version of the rules that find persons and countries
/// (`analysis::entities`): ingest re-reads every stored communiqué read by
/// an older version, so an archive follows improvements of the rules.
pub const ENTITIES_VERSION: i64 = 2;
