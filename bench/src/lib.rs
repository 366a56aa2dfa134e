//! The benchmark tools that are not part of the archive: the deterministic
//! corpus generator (`gen_corpus` writes it), kept out of the shipped
//! library and server.

pub mod corpus;
