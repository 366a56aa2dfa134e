//! Full-text search with tantivy: the schema, the French analysis, and the
//! index a server reads. The index holds one document per listed communiqué
//! (a group of versions: all their texts), ids only; records come from SQLite,
//! from which the index can always be rebuilt (`build`).

pub mod approximate;
pub mod build;
pub mod facets;
mod fold;
mod highlight;
pub mod marks;
pub mod narrowed;
pub mod passage;
mod phrase_gaps;
pub mod query;
mod read_only;
pub mod stem;
pub mod window;

use std::path::{Path, PathBuf};

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, ReloadPolicy};

/// Analyzer of text fields: words, lower case, accents folded, elided articles
/// dropped ("l'Ambassadeur" → "ambassadeur"), French stems.
pub const FRENCH: &str = "fr";
/// Analyzer of the field used for typo-tolerant retries: no stemming, so the
/// edit distance is measured on words as written.
pub const FOLDED: &str = "fr_folded";

/// Bump when the schema or the analysis changes: the index is then rebuilt.
pub const SCHEMA_VERSION: u32 = 4;

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    /// Everything a word may be found in: headlines, texts, the names of the
    /// persons and countries. One field, so that a word is one posting list
    /// to walk rather than a union of several.
    pub text: Field,
    /// Headlines again, without positions: only to rank a word found in a
    /// headline above one found in a text.
    pub title: Field,
    /// Headlines and texts, not stemmed, for typo-tolerant retries (which
    /// need no frequencies nor positions).
    pub folded: Field,
    /// Days since 1970-01-01; `i64::MIN` when unknown, so undated sort last.
    pub date: Field,
    /// Person ids (several per document), for filters and counts.
    pub person_ids: Field,
    /// Country codes, packed (`facets::pack_code`), for filters and counts.
    pub country_codes: Field,
    /// The year, for counts; 0 when unknown.
    pub year: Field,
    /// Issuers' slugs (any version's), for filters.
    pub issuers: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, record: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(record),
        )
    };
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | STORED | FAST),
        text: b.add_text_field(
            "text",
            text(FRENCH, IndexRecordOption::WithFreqsAndPositions),
        ),
        title: b.add_text_field("title", text(FRENCH, IndexRecordOption::WithFreqs)),
        folded: b.add_text_field("folded", text(FOLDED, IndexRecordOption::Basic)),
        date: b.add_i64_field("date", INDEXED | FAST),
        person_ids: b.add_u64_field("person_ids", INDEXED | FAST),
        country_codes: b.add_u64_field("country_codes", INDEXED | FAST),
        year: b.add_u64_field("year", FAST),
        issuers: b.add_text_field("issuers", STRING),
    };
    (b.build(), fields)
}

/// Elided articles and pronouns, folded: "l'", "d'", "qu'"…
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
];

fn analyzer(stem: bool) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(fold::FoldFilter);
    if stem {
        base.filter(stem::FrenchStemmer).build()
    } else {
        base.build()
    }
}

/// Registers the analyzers: tantivy keeps their names, not their code.
pub fn register(index: &Index) {
    index.tokenizers().register(FRENCH, analyzer(true));
    index.tokenizers().register(FOLDED, analyzer(false));
}

/// Where the live index of a data folder is: `index/CURRENT` names its folder.
pub fn current_pointer(data_dir: &Path) -> PathBuf {
    data_dir.join("index").join("CURRENT")
}

/// The index a server reads: one reader for the process, a fresh searcher per
/// request.
pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// Persons, countries and years per document, for the counts of a search.
    pub entities: facets::EntityTables,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("{}: no search index; run `communiques ingest`", .0.display())]
    Missing(PathBuf),
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
}

impl SearchIndex {
    /// Opens the live index of a data folder.
    pub fn open(data_dir: &Path) -> Result<Self, SearchError> {
        let pointer = current_pointer(data_dir);
        let name =
            std::fs::read_to_string(&pointer).map_err(|_| SearchError::Missing(pointer.clone()))?;
        let dir = data_dir.join("index").join(name.trim());
        if !dir.is_dir() {
            return Err(SearchError::Missing(dir));
        }
        let directory =
            read_only::ReadOnlyDirectory::open(&dir).map_err(tantivy::TantivyError::from)?;
        let index = Index::open(directory)?;
        register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let (_, fields) = schema();
        // Read the tables now rather than during the first searches.
        let entities = facets::EntityTables::default();
        let mut bytes = 0;
        for segment in reader.searcher().segment_readers() {
            bytes += entities.segment(segment)?.bytes();
        }
        tracing::debug!(bytes, "search counts tables read");
        Ok(Self {
            index,
            reader,
            fields,
            entities,
        })
    }
}
