//! Times searches on an archive's index, one at a time, without HTTP nor
//! SQLite: what one search costs the index alone.
//! `cargo run --release --example search_latency -- --data DIR [--runs N] [QUERY]...`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use communiques::search::SearchIndex;
use communiques::search::query::{Request, Words};

#[derive(Parser)]
struct Args {
    /// The archive's data folder.
    #[arg(long)]
    data: PathBuf,
    /// Runs per query; the median and the slowest are printed.
    #[arg(long, default_value_t = 21)]
    runs: usize,
    /// Restrict to a country code, as `pays=` does.
    #[arg(long)]
    country: Option<String>,
    /// Queries, as typed in the search box.
    #[arg(default_values_t = ["coopération santé".to_owned()])]
    queries: Vec<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let index = match SearchIndex::open(&args.data) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "{:<32} {:>9} {:>9} {:>9}",
        "query", "hits", "p50 ms", "max ms"
    );
    for q in &args.queries {
        let request = Request {
            words: Words::read(q),
            country: args
                .country
                .as_deref()
                .and_then(communiques::domain::country::CountryCode::parse),
            limit: 20,
            ..Request::default()
        };
        let mut times = Vec::with_capacity(args.runs);
        let mut hits = 0;
        for _ in 0..args.runs.max(1) {
            let start = Instant::now();
            match index.search(&request) {
                Ok(outcome) => hits = outcome.total,
                Err(e) => {
                    eprintln!("{q}: {e}");
                    return ExitCode::FAILURE;
                }
            }
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<32} {:>9} {:>9.2} {:>9.2}",
            q,
            hits,
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
    ExitCode::SUCCESS
}
