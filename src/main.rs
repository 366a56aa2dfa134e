//! Entry point: parse the command line, set up logging, run the command, and
//! turn its outcome into an exit status.

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use communiques::cli::{Cli, Command};
use communiques::{db, extract, ingest, telemetry};

fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(Command::Extract(args)) = &cli.command {
        let stdout = std::io::stdout();
        let errors = extract::run(&args.files, &mut stdout.lock()).context("writing to standard output")?;
        for e in &errors {
            eprintln!("error: {e}");
        }
        return Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
    }
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        match cli.command {
            Some(Command::Ingest(args)) => {
                let summary = ingest::run(&cli.data, &args.paths)
                    .await
                    .with_context(|| format!("ingest into {} failed; the archive is unchanged", cli.data.display()))?;
                println!("{summary}");
                Ok(if summary.failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
            }
            Some(Command::Serve(args)) => serve(&cli.data, &args).await,
            None => serve(&cli.data, &cli.serve).await,
            Some(Command::Extract(_)) => unreachable!("handled before the runtime starts"),
        }
    })
}

async fn serve(data: &std::path::Path, args: &communiques::cli::ServeArgs) -> anyhow::Result<ExitCode> {
    if !db::has_archive(data).await {
        eprintln!(
            "No archive in {}: ingesting {} first.",
            data.display(),
            args.seeds.display()
        );
        let summary = ingest::run(data, std::slice::from_ref(&args.seeds))
            .await
            .context("first ingest failed")?;
        eprintln!("{summary}");
        if summary.added == 0 {
            anyhow::bail!("nothing could be ingested from {}", args.seeds.display());
        }
    }
    //TMP web::serve(data, args.addr).await?;
    Ok(ExitCode::SUCCESS)
}
