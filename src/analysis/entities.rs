//! Entities named in an article: persons and countries, read from the headline
//! and the body. Gazetteers (titles, honorifics, countries) are data; the rules
//! that use them are written to generalise beyond any one site.

pub mod countries;
pub mod persons;
pub mod tokens;
