//! `communiques`: a read-only web archive of official communiqués.
//!
//! The pipeline is read → segment → extract → dedupe → store → serve; see
//! ARCHITECTURE.md for the map. `ingest` turns text dumps into articles,
//! `db` keeps them in SQLite, `web` serves them as HTML and JSON.

pub mod analysis;
pub mod cli;
pub mod db;
pub mod domain;
pub mod export;
pub mod extract;
pub mod faults;
pub mod ingest;
pub mod parallel;
pub mod search;
pub mod telemetry;
pub mod web;
