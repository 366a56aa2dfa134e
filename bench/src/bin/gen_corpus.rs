//! Writes the synthetic benchmark corpus:
//! `cargo run --release -p communiques-bench --bin gen_corpus -- --articles 1000000 --out DIR [--seed N] [--days N]`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes raw text dumps in the seeds' format, and truth.jsonl for the scorer.
#[derive(Parser)]
struct Args {
    /// How many articles to write.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Same seed, same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Dates over the last this many days up to mid-2026 (dense days),
    /// instead of every day from 1995.
    #[arg(long)]
    days: Option<usize>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match communiques_bench::corpus::generate_over(args.articles, args.seed, args.days, &args.out) {
        Ok(g) => {
            eprintln!(
                "{} articles ({} exact copies, {} rewordings of which {} by another source, {} same-day twins) in {} files; truth in {}",
                g.articles,
                g.exact_copies,
                g.rewordings,
                g.loose_rewordings,
                g.twins,
                g.files,
                args.out.join("truth.jsonl").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}
