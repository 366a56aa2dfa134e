//! The command line: `communiques [serve|ingest|extract]`, every flag also an
//! environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A read-only web archive of official communiqués.
#[derive(Debug, Parser)]
#[command(name = "communiques", version, about)]
pub struct Cli {
    /// Folder that holds the archive (the SQLite database).
    #[arg(long, env = "COMMUNIQUES_DATA", default_value = "data", global = true)]
    pub data: PathBuf,

    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub serve: ServeArgs,
}

impl Cli {
    /// Parses the command line, refusing serve's flags written before a
    /// command ("communiques --addr … serve"): they would be ignored.
    pub fn parse_checked() -> Self {
        Self::try_parse_checked(std::env::args_os()).unwrap_or_else(|e| e.exit())
    }

    pub fn try_parse_checked<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::parser::ValueSource;
        use clap::{CommandFactory, FromArgMatches};

        let matches = Self::command().try_get_matches_from(args)?;
        if let Some((command, _)) = matches.subcommand() {
            let serve_flags = ServeArgs::augment_args(clap::Command::new("serve"));
            for arg in serve_flags.get_arguments() {
                if matches.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine) {
                    let flag = arg.get_long().unwrap_or_default();
                    return Err(Self::command().error(
                        clap::error::ErrorKind::ArgumentConflict,
                        format!(
                            "--{flag} is a flag of serve and would be ignored before `{command}`: write `communiques serve --{flag} …` (or `communiques --{flag} …`, which serves)"
                        ),
                    ));
                }
            }
        }
        Self::from_arg_matches(&matches)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the archive over HTTP (the default when no command is given).
    Serve(ServeArgs),
    /// Read text dumps into the archive: idempotent, all or nothing per run.
    Ingest(IngestArgs),
    /// Print the articles found in files as JSON Lines, without any database.
    Extract(ExtractArgs),
    /// Write the whole archive as NDJSON or CSV.
    Export(ExportArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "COMMUNIQUES_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Dumps to ingest first when the data folder holds no archive yet.
    #[arg(long, env = "COMMUNIQUES_SEEDS", default_value = "seeds")]
    pub seeds: PathBuf,

    /// Folder whose static files (style.css) replace the copies built into
    /// the binary, to work on them without rebuilding; the built-in ones are
    /// served when it does not hold them.
    #[arg(long, env = "COMMUNIQUES_STATIC", default_value = "static")]
    pub static_dir: PathBuf,

    /// The archive's public address, for absolute links (sitemap, canonical
    /// links, citations); defaults to http:// and the listening address.
    #[arg(long, env = "COMMUNIQUES_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Memory, in MiB, for rendered pages kept until the archive changes
    /// (0: render every request).
    #[arg(long, env = "COMMUNIQUES_CACHE_MB", default_value_t = 64)]
    pub cache_mb: u64,

    /// Hits a search looks at, at most, the newest: totals are exact up to
    /// here ("plus de N" beyond), and ranking and counts are among them
    /// [default: 1000].
    #[arg(long, env = "COMMUNIQUES_SEARCH_WINDOW",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    pub search_window: Option<usize>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders (folders are walked for *.txt).
    #[arg(default_value = "seeds")]
    pub paths: Vec<PathBuf>,
    /// Read and hash every file: without it, a file found at the path, with
    /// the size and modification time, an earlier run read it with is
    /// recognised by the hash recorded then.
    #[arg(long)]
    pub rehash: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Text dumps to read.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Instead of JSON, tell for each line the role it got and why, and for
    /// each article the dates found and which one won.
    #[arg(long)]
    pub explain: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_subcommand_means_serve_with_defaults() {
        let cli = Cli::try_parse_from(["communiques"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.serve.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(cli.data, PathBuf::from("data"));
    }

    #[test]
    fn serve_flags_before_a_command_are_refused_not_ignored() {
        let cli = Cli::try_parse_checked(["communiques", "--addr", "127.0.0.1:9000"]).unwrap();
        assert_eq!(cli.serve.addr.to_string(), "127.0.0.1:9000");
        let cli =
            Cli::try_parse_checked(["communiques", "serve", "--addr", "127.0.0.1:9000"]).unwrap();
        let Some(Command::Serve(args)) = cli.command else {
            panic!("serve")
        };
        assert_eq!(args.addr.to_string(), "127.0.0.1:9000");
        for command in ["serve", "ingest", "export"] {
            let err = Cli::try_parse_checked(["communiques", "--addr", "127.0.0.1:9000", command])
                .unwrap_err();
            assert!(
                err.to_string().contains("--addr is a flag of serve"),
                "{command}: {err}"
            );
        }
        // The data folder is every command's, before or after it.
        let cli = Cli::try_parse_checked(["communiques", "--data", "d", "ingest", "x"]).unwrap();
        assert_eq!(cli.data, PathBuf::from("d"));
        let cli = Cli::try_parse_checked(["communiques", "ingest", "--data", "d", "x"]).unwrap();
        assert_eq!(cli.data, PathBuf::from("d"));
    }
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Ndjson,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// NDJSON (one JSON object per line) or CSV (a header row, fields quoted).
    #[arg(
        long,
        env = "COMMUNIQUES_EXPORT_FORMAT",
        value_enum,
        default_value = "ndjson"
    )]
    pub format: ExportFormat,
    /// File to write; standard output when absent.
    #[arg(long, env = "COMMUNIQUES_EXPORT_OUT")]
    pub out: Option<PathBuf>,
}
