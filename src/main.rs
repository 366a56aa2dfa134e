//! Entry point: parse the command line, set up logging, run the command, and
//! turn its outcome into an exit status.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use communiques::cli::{Cli, Command, ExportFormat, ServeArgs};
use communiques::{db, export, extract, ingest, telemetry, web};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse_checked();
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
    let data = cli.data;
    match cli.command {
        Some(Command::Extract(args)) => {
            let stdout = std::io::stdout();
            let errors = if args.explain {
                extract::explain(&args.files, &mut stdout.lock())
            } else {
                extract::run(&args.files, &mut stdout.lock())
            }
            .context("writing to standard output")?;
            for e in &errors {
                eprintln!("error: {e}");
            }
            Ok(exit_code(errors.is_empty()))
        }
        Some(Command::Ingest(args)) => block_on(async move {
            let options = ingest::Options {
                rehash: args.rehash,
            };
            let summary = ingest::run_with(&data, &args.paths, options)
                .await
                .with_context(|| {
                    format!(
                        "ingest into {} failed; the archive is unchanged",
                        data.display()
                    )
                })?;
            println!("{summary}");
            eprintln!("time: {}", summary.timings);
            Ok(exit_code(!summary.failed()))
        }),
        Some(Command::Serve(args)) => block_on(async move { serve(&data, &args).await }),
        Some(Command::Export(args)) => block_on(async move {
            let format = match args.format {
                ExportFormat::Ndjson => export::Format::Ndjson,
                ExportFormat::Csv => export::Format::Csv,
            };
            let written = match &args.out {
                Some(path) => {
                    let file = std::fs::File::create(path)
                        .with_context(|| format!("{}: cannot create", path.display()))?;
                    export::write_archive(&data, format, &mut std::io::BufWriter::new(file)).await?
                }
                None => export::write_archive(&data, format, &mut std::io::stdout().lock()).await?,
            };
            eprintln!("{written} communiqués exported");
            Ok(ExitCode::SUCCESS)
        }),
        None => block_on(async move { serve(&data, &cli.serve).await }),
    }
}

fn block_on<F: Future<Output = anyhow::Result<ExitCode>>>(fut: F) -> anyhow::Result<ExitCode> {
    tokio::runtime::Runtime::new()
        .context("starting the async runtime")?
        .block_on(fut)
}

fn exit_code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Serves the archive, ingesting the seeds first when there is none yet.
async fn serve(data: &Path, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let found = db::archive_found(data).await.with_context(|| {
        format!(
            "{} is there but cannot be read; it is not taken for an empty folder",
            db::database_path(data).display()
        )
    })?;
    if found {
        // A current archive is served without a single write, so that a
        // read-only data folder (a replica's) serves.
        let stale = ingest::upgrade_needed(data)
            .await
            .with_context(|| format!("reading the archive in {}", data.display()))?;
        if !stale.is_empty() {
            let stale = stale.join(", ");
            eprintln!(
                "Bringing the archive in {} up to date: {stale}.",
                data.display()
            );
            ingest::upgrade(data).await.with_context(|| {
                format!(
                    "the archive in {dir} needs bringing up to date ({stale}), which needs write access: run `communiques --data {dir} serve` (or `ingest`) once where the folder is writable, then serve it read-only",
                    dir = data.display()
                )
            })?;
        }
    } else {
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
    web::serve(
        data,
        &args.static_dir,
        args.addr,
        args.public_url.as_deref(),
        args.cache_mb,
        args.search_window,
    )
    .await?;
    Ok(ExitCode::SUCCESS)
}
