//! The integration suite: one binary (builds are slow on two cores), modules by
//! subject. The fixture archive is ingested once from the real `seeds/`.

mod about;
mod accessibility;
mod adversarial;
mod bench;
mod browse;
mod caching;
mod cli;
mod contract;
mod dev_set;
mod exports;
mod feeds;
mod incremental;
mod ingest;
mod issuers;
mod layers;
mod other_sites;
mod scorer;
mod search;
mod seeds;
mod support;
mod web;
