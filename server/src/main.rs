//! `crossdock-server`: runs the authoritative server, or one of its commands (invites, drills,
//! reports, progress, xAPI delivery, forgetting a learner).

mod commands;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use crossdock_protocol::Role;
use crossdock_server::identity::Identity;
use crossdock_server::{Config, Server};

/// Crossdock: the shared container-inspection room for customs training.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

/// Overrides for the configuration; each option's default and environment variable is in
/// `crossdock-server config --print-default`. `--config`, `--data-dir`, `--listen` and
/// `--public-addr` may stand anywhere on the line: every command reads the same configuration.
#[derive(Debug, clap::Args)]
struct RunArgs {
    /// TOML configuration file (see `config --print-default`); flags win over it.
    #[arg(long, env = "CROSSDOCK_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// UDP address to listen on [default 0.0.0.0:4433].
    #[arg(long, global = true)]
    listen: Option<SocketAddr>,
    /// Data directory: certificate, keys, invites, records [default ./crossdock-data].
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Scenario for new drills: a library name (see `scenarios`) or a TOML file [default: default].
    #[arg(long)]
    scenario: Option<String>,
    /// Simulation ticks per second [default 60].
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=240))]
    tick_hz: Option<u16>,
    /// `host:port` written into invites (default: the listen address, 0.0.0.0 shown as 127.0.0.1).
    #[arg(long, global = true)]
    public_addr: Option<String>,
    /// Host only these sessions (repeat the flag); tokens for others are refused. Default: any.
    #[arg(long = "session", value_delimiter = ',')]
    sessions: Vec<String>,
    /// TCP address for `/metrics` and `/health`, or `off` [default 127.0.0.1:9464].
    #[arg(long)]
    metrics: Option<String>,
    /// Where the browser console is served (HTTPS): `same` (the QUIC port's address, on TCP), a
    /// TCP address, or `off` [default same].
    #[arg(long)]
    console: Option<String>,
}

impl RunArgs {
    /// The configuration: defaults, then the file, then `CROSSDOCK_*`, then these flags.
    fn config(&self) -> Result<Config> {
        let mut config = Config::load(self.config.as_deref())?;
        if let Some(listen) = self.listen {
            config.listen = listen;
        }
        if let Some(dir) = &self.data_dir {
            config.data_dir = dir.clone();
        }
        if let Some(scenario) = &self.scenario {
            config.scenario = scenario.clone();
        }
        if let Some(hz) = self.tick_hz {
            config.tick_hz = hz;
        }
        if let Some(addr) = &self.public_addr {
            config.public_addr = Some(addr.clone());
        }
        if !self.sessions.is_empty() {
            config.sessions = Some(self.sessions.clone());
        }
        match self.metrics.as_deref() {
            None => {}
            Some("off") => config.metrics_listen = None,
            Some(addr) => {
                config.metrics_listen =
                    Some(addr.parse().with_context(|| {
                        format!("--metrics `{addr}` is not an address like 127.0.0.1:9464, nor `off`")
                    })?)
            }
        }
        if let Some(console) = &self.console {
            config.console = console.clone();
        }
        config.check()?;
        Ok(config)
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the configuration: every option with its default and meaning, or the one in effect.
    Config {
        /// The documented defaults, a starting point for a configuration file.
        #[arg(long, conflicts_with = "print")]
        print_default: bool,
        /// The configuration in effect after the file, the environment and the flags.
        #[arg(long)]
        print: bool,
    },
    /// Ask a running server's admin port whether it is healthy (exit status 0 if so): the
    /// container health check, without curl in the image.
    Health {
        /// The health endpoint [default: the admin port of the server running on the data dir,
        /// else the configured `metrics` address].
        #[arg(long)]
        url: Option<String>,
    },
    /// Create the certificate and keys in the data dir if it has none, and print the
    /// certificate's fingerprint (for a fleet's shared identity).
    Identity {
        /// Print instead the key learners' certificates are signed with, for other centres to
        /// check them by (`verify-certificate --key`).
        #[arg(long)]
        certificates: bool,
    },
    /// List the scenario library, one line each.
    Scenarios,
    /// List the drills in the event log: each sitting in each session, newest last.
    Drills {
        /// Only this session's drills.
        #[arg(long)]
        session: Option<String>,
        /// text or json.
        #[arg(long, default_value = "text")]
        format: ListFormat,
    },
    /// Write the assessment of one drill, from the event log.
    Report {
        /// The session whose latest drill to report [default: the first session the server hosts].
        #[arg(long)]
        session: Option<String>,
        /// The drill: `SESSION/NUMBER` as `drills` lists it, or a number in --session [default: the latest].
        #[arg(long)]
        drill: Option<String>,
        /// json, md (Markdown), html (one page with pictures, to keep and print) or xapi (the
        /// xAPI statements as a JSON array).
        #[arg(long, default_value = "md")]
        format: ReportFormat,
        /// The headings and labels in this language (en, th, ko, zh-Hans, vi, ja,
        /// ms, id); names and scenario text stay as written [default: the system's, else en].
        #[arg(long)]
        locale: Option<String>,
    },
    /// A learner's results across drills and dates (the pre/post comparison).
    Progress {
        #[command(flatten)]
        learners: Learners,
    },
    /// The curricula this server knows: their levels, scenarios and what passes each.
    Curricula,
    /// Where learners stand in a curriculum: each level passed (and when), or why not yet, and
    /// the drill to take next; from the event log alone.
    Standing {
        /// The curriculum: a library name (`curricula` lists them) or a file.
        #[arg(long, default_value = "container-examination")]
        curriculum: String,
        #[command(flatten)]
        learners: Learners,
    },
    /// A learner's certificate for a level they passed, as an HTML page to print (on standard
    /// output), signed with this server's key.
    Certificate {
        /// The curriculum: a library name or a file.
        #[arg(long, default_value = "container-examination")]
        curriculum: String,
        /// The learner id.
        #[arg(long)]
        learner: String,
        /// The level's id (`curricula` lists them).
        #[arg(long)]
        level: String,
        /// The page's words in this language (en, th, ko, zh-Hans, vi, ja, ms, id) [default:
        /// the system's, else en].
        #[arg(long)]
        locale: Option<String>,
    },
    /// Check a certificate page: its signature, and with `--key` the issuer's key; prints what
    /// was signed (trust that, not the page's text).
    VerifyCertificate {
        /// The page `certificate` wrote.
        file: PathBuf,
        /// The issuing centre's key (its `identity --certificates`), hex.
        #[arg(long)]
        key: Option<String>,
    },
    /// A cohort's detection skill over periods (before, after, months later): d′ per category,
    /// on trained and on unseen scenarios, per administration; an HTML page with a picture.
    Cohort {
        #[command(flatten)]
        who: Who,
        /// A period, NAME=YYYY-MM-DD..YYYY-MM-DD (repeat: pre, post, retention).
        #[arg(long, required = true)]
        period: Vec<crossdock_server::assessment::cohort::Period>,
        /// The curriculum that says which scenarios are trained on and which are transfer.
        #[arg(long, default_value = "container-examination")]
        curriculum: String,
        /// html or json.
        #[arg(long, default_value = "html")]
        format: CohortFormat,
        /// The page's words in this language (en, th, ko, zh-Hans, vi, ja, ms, id) [default:
        /// the system's, else en].
        #[arg(long)]
        locale: Option<String>,
    },
    /// Queue the xAPI statements of ended drills in the durable outbox and deliver them to the
    /// LRS, retrying with backoff; undelivered statements stay queued for the next run. The
    /// server does this by itself when `lrs` is configured; this catches up.
    XapiSend {
        /// Only this drill (`SESSION/NUMBER`) [default: every drill that ended].
        #[arg(long)]
        drill: Option<String>,
        /// The LRS's xAPI endpoint, e.g. `https://lrs.example/xapi` [default: the `lrs` option].
        #[arg(long)]
        lrs: Option<String>,
        /// `user:password` for the LRS [default: the `lrs_auth` option].
        #[arg(long)]
        auth: Option<String>,
        /// Stop retrying after this long, e.g. `2m`.
        #[arg(long, default_value = "2m", value_parser = humantime::parse_duration)]
        give_up_after: Duration,
    },
    /// Print one invite link for a role, or write a personal invite per learner of a class
    /// roster (links, QR codes and a printable sheet).
    Invite {
        /// instructor, trainee or observer [default trainee with --roster].
        #[arg(long, required_unless_present = "roster")]
        role: Option<Role>,
        /// A class roster (CSV: learner_id,display_name,administration,locale[,lms_account]):
        /// writes one single-use personal invite per learner to DATA/invites/SESSION/.
        #[arg(long, conflicts_with = "name")]
        roster: Option<PathBuf>,
        /// Session the invite admits to [default: the first session the server hosts].
        #[arg(long)]
        session: Option<String>,
        /// Display name fixed for the participant.
        #[arg(long)]
        name: Option<String>,
        /// How long the invite stays valid, e.g. `2h`, `30m`, `3days`.
        #[arg(long, default_value = "12h", value_parser = parse_ttl)]
        ttl: Duration,
        /// `host:port` the client should connect to [default: `public_addr`, else the listen address].
        #[arg(long)]
        server: Option<String>,
        /// Admit once: a second join with the same invite is refused (reconnects still work).
        #[arg(long)]
        single_use: bool,
        /// Print the browser console's link instead (the token in its fragment, which browsers
        /// never send): an instructor's steers the drill, an observer's watches.
        #[arg(long, conflicts_with_all = ["roster", "single_use"])]
        console: bool,
    },
    /// Pseudonymise a learner's personal data in the event log and delete their recorded voice,
    /// queued xAPI statements and invite files; the drills' statistics stay.
    Forget {
        /// The learner id.
        #[arg(long)]
        learner: String,
    },
    /// Scenario packs: make one of your scenarios, signed with this centre's key, to share;
    /// inspect or verify one; import one into the library; trust a publisher.
    #[command(subcommand)]
    Pack(PackCommand),
}

/// `pack`'s commands.
#[derive(Debug, Subcommand)]
enum PackCommand {
    /// Make a pack of scenario files (each with the models it names), signed with this centre's
    /// key (`identity --certificates` prints its public half, for the centres you share with).
    Create(Box<PackCreate>),
    /// Show what a pack holds and who signed it (after checking the signature).
    Inspect {
        /// The pack file.
        file: PathBuf,
    },
    /// Check a pack's signature and files, and whether this centre trusts its publisher (exit
    /// status 0 only if both).
    Verify {
        /// The pack file.
        file: PathBuf,
    },
    /// Add a pack to this centre's library after checking it (a running server lists it at
    /// once); a bad pack changes nothing.
    Import {
        /// The pack file.
        file: PathBuf,
    },
    /// Trust a publisher's key for imports (check it with them by another channel first).
    Trust {
        /// What to call the publisher.
        #[arg(long)]
        name: String,
        /// Their key, hex (their `crossdock-server identity --certificates`).
        #[arg(long)]
        key: String,
    },
}

/// `pack create`'s arguments.
#[derive(Debug, clap::Args)]
struct PackCreate {
    /// The scenario files.
    #[arg(required = true)]
    scenarios: Vec<PathBuf>,
    /// Where to write the pack (`NAME-VERSION.cdpack` if not given).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// The pack's name: lower-case letters, digits and dashes.
    #[arg(long)]
    name: String,
    /// Its version (`1.0.0`; give a changed pack a higher one).
    #[arg(long)]
    version: semver::Version,
    /// One line on what its drills train.
    #[arg(long)]
    summary: String,
    /// The publishing centre's name.
    #[arg(long)]
    publisher: String,
    /// The publishing administration (two letters).
    #[arg(long)]
    administration: String,
    /// Authors, comma-separated.
    #[arg(long, value_delimiter = ',')]
    authors: Vec<String>,
    /// The terms of use (an SPDX identifier such as CC-BY-4.0, or words).
    #[arg(long)]
    licence: String,
    /// The languages its texts are in, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "en")]
    languages: Vec<String>,
    /// The curriculum level it is written for.
    #[arg(long)]
    level: Option<String>,
}

/// Report formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    /// The report as JSON.
    Json,
    /// The report as Markdown.
    Md,
    /// One self-contained HTML page with the pictures, to keep and print.
    Html,
    /// xAPI statements.
    Xapi,
}

/// Whose results (`progress`, `standing`, `cohort`).
#[derive(Debug, clap::Args)]
struct Who {
    /// The learner id (repeat for several).
    #[arg(long, required_unless_present = "roster")]
    learner: Vec<String>,
    /// Every learner of this class roster.
    #[arg(long)]
    roster: Option<PathBuf>,
}

impl Who {
    /// The learner ids named and those of the roster.
    fn ids(&self) -> Result<Vec<String>> {
        let mut ids = self.learner.clone();
        if let Some(path) = &self.roster {
            ids.extend(crossdock_server::roster::load(path)?.into_iter().map(|l| l.learner_id));
        }
        Ok(ids)
    }
}

/// Whose results, and how they are written (`progress`, `standing`).
#[derive(Debug, clap::Args)]
struct Learners {
    #[command(flatten)]
    who: Who,
    /// md (Markdown) or json.
    #[arg(long, default_value = "md")]
    format: ProgressFormat,
    /// The headings and labels in this language (en, th, ko, zh-Hans, vi, ja,
    /// ms, id) [default: the system's, else en].
    #[arg(long)]
    locale: Option<String>,
}

/// Cohort report formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum CohortFormat {
    /// One page to keep and print.
    Html,
    /// Machine-readable.
    Json,
}

/// Progress formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ProgressFormat {
    /// Markdown tables.
    Md,
    /// JSON.
    Json,
}

/// List formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ListFormat {
    /// One line each.
    Text,
    /// JSON.
    Json,
}

/// An invite's validity: at least a minute, at most 90 days.
fn parse_ttl(text: &str) -> Result<Duration, String> {
    let ttl =
        humantime::parse_duration(text).map_err(|e| format!("`{text}` is not a duration like 2h or 3days: {e}"))?;
    if ttl < Duration::from_secs(60) {
        return Err(format!("an invite valid for {text} would expire before anyone could use it: give at least 1m"));
    }
    if ttl > Duration::from_secs(90 * 86_400) {
        return Err(format!("{text} is longer than 90 days: issue new invites for each course instead"));
    }
    Ok(ttl)
}

/// Runs the command; a failure is told in plain words (what went wrong, what to do), without
/// a backtrace, with exit status 1.
#[expect(clippy::print_stderr, reason = "the one place a failed command speaks to its user")]
fn main() -> std::process::ExitCode {
    run_command().map_or_else(
        |e| {
            eprintln!("crossdock-server: {e:#}");
            std::process::ExitCode::FAILURE
        },
        |()| std::process::ExitCode::SUCCESS,
    )
}

fn run_command() -> Result<()> {
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let Some(command) = cli.command else { return run(cli.run) };
    if let Command::Config { print_default: true, .. } = command {
        print!("{}", crossdock_server::config::DEFAULT_TOML);
        return Ok(());
    }
    let config = cli.run.config()?;
    match command {
        Command::Config { print, .. } => {
            anyhow::ensure!(print, "say what to print: `config --print-default` or `config --print`");
            print!("{}", config.to_toml()?);
            Ok(())
        }
        Command::Health { url } => commands::health(&config, url),
        Command::Identity { certificates } => {
            let identity = Identity::load_or_create(&config.data_dir)?;
            if certificates {
                println!("{}", crossdock_server::certificate::key_hex(&identity.token_key));
                return Ok(());
            }
            println!("{}", crossdock_protocol::invite::hex(&identity.fingerprint()));
            Ok(())
        }
        Command::Scenarios => commands::scenarios(&config),
        Command::Pack(command) => match command {
            PackCommand::Create(create) => {
                let PackCreate {
                    scenarios,
                    out,
                    name,
                    version,
                    summary,
                    publisher,
                    administration,
                    authors,
                    licence,
                    languages,
                    level,
                } = *create;
                let about = crossdock_server::pack::About {
                    name,
                    version,
                    summary,
                    publisher,
                    administration,
                    authors,
                    licence,
                    languages,
                    level,
                };
                commands::pack_create(&config, &scenarios, about, out)
            }
            PackCommand::Inspect { file } => commands::pack_inspect(&config, &file, false),
            PackCommand::Verify { file } => commands::pack_inspect(&config, &file, true),
            PackCommand::Import { file } => commands::pack_import(&config, &file),
            PackCommand::Trust { name, key } => {
                crossdock_server::pack::Trust::add(&config.data_dir, &name, &key)?;
                println!("trusted {name} ({}) for scenario packs", key.trim().to_ascii_lowercase());
                Ok(())
            }
        },
        Command::Drills { session, format } => {
            commands::drills(&config, session.as_deref(), matches!(format, ListFormat::Json))
        }
        Command::Report { session, drill, format, locale } => {
            let words = report_words(locale.as_deref())?;
            let (report, _) = commands::report(&config, session.as_deref(), drill.as_deref())?;
            match format {
                ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
                ReportFormat::Md => print!("{}", crossdock_server::assessment::markdown(&report, &words)),
                ReportFormat::Html => print!("{}", crossdock_server::assessment::html(&report, &words)),
                ReportFormat::Xapi => println!(
                    "{}",
                    serde_json::to_string_pretty(&crossdock_server::assessment::xapi(&report, &config.lms_home_page))?
                ),
            }
            Ok(())
        }
        Command::Progress { learners } => {
            let words = report_words(learners.locale.as_deref())?;
            let store = crossdock_server::records::Store::open(&config.data_dir)?;
            let progress = crossdock_server::assessment::progress::progress(&store, &learners.who.ids()?)?;
            match learners.format {
                ProgressFormat::Json => println!("{}", serde_json::to_string_pretty(&progress)?),
                ProgressFormat::Md => print!("{}", crossdock_server::assessment::progress::markdown(&progress, &words)),
            }
            Ok(())
        }
        Command::Curricula => {
            for (name, _) in crossdock_server::curriculum::LIBRARY {
                let c = crossdock_server::curriculum::Curriculum::load(name).map_err(|e| anyhow::anyhow!("{e}"))?;
                println!("{name}: {}", c.title);
                for level in &c.levels {
                    let needs = if level.requires.is_empty() {
                        String::new()
                    } else {
                        format!(", after {}", level.requires.join(", "))
                    };
                    println!(
                        "  {:<14} {} (d′ ≥ {} over {} drills{needs}; trains on {}; transfer {})",
                        level.id,
                        level.title,
                        level.pass.d_prime,
                        level.pass.trials,
                        level.trained.join(", "),
                        level.transfer.join(", ")
                    );
                }
            }
            Ok(())
        }
        Command::Standing { curriculum, learners } => {
            let words = report_words(learners.locale.as_deref())?;
            let curriculum =
                crossdock_server::curriculum::Curriculum::load(&curriculum).map_err(|e| anyhow::anyhow!("{e}"))?;
            let store = crossdock_server::records::Store::open(&config.data_dir)?;
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() as u64;
            let standings: Vec<_> = crossdock_server::assessment::progress::progress(&store, &learners.who.ids()?)?
                .iter()
                .map(|p| crossdock_server::curriculum::standing(&curriculum, p, now))
                .collect();
            match learners.format {
                ProgressFormat::Json => println!("{}", serde_json::to_string_pretty(&standings)?),
                ProgressFormat::Md => {
                    print!("{}", crossdock_server::curriculum::markdown(&curriculum, &standings, &words))
                }
            }
            Ok(())
        }
        Command::Certificate { curriculum, learner, level, locale } => {
            let words = report_words(locale.as_deref())?;
            let curriculum =
                crossdock_server::curriculum::Curriculum::load(&curriculum).map_err(|e| anyhow::anyhow!("{e}"))?;
            let store = crossdock_server::records::Store::open(&config.data_dir)?;
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() as u64;
            let progress = crossdock_server::assessment::progress::progress(&store, std::slice::from_ref(&learner))?;
            let standing = crossdock_server::curriculum::standing(&curriculum, &progress[0], now);
            let identity = Identity::load(&config.data_dir)?;
            let issued = crossdock_server::assessment::rfc3339(now);
            let signed = crossdock_server::certificate::issue(
                &curriculum,
                &standing,
                &level,
                &config.lms_home_page,
                &issued,
                &identity.token_key,
            )?;
            print!("{}", signed.html(&words));
            Ok(())
        }
        Command::VerifyCertificate { file, key } => {
            let page = read_limited(&file, crossdock_server::certificate::MAX_PAGE)?;
            let signed = crossdock_server::certificate::Signed::from_html(&page)?;
            signed.verify(key.as_deref())?;
            let c = &signed.certificate;
            println!(
                "valid: {} ({}) passed `{}` ({}) of {} on {}, d′ {:.2} over {} drills; issued by {} on {}",
                c.name,
                c.learner,
                c.level,
                c.level_title,
                c.curriculum_title,
                c.passed_on,
                c.d_prime,
                c.drills,
                c.issuer,
                c.issued
            );
            if key.is_none() {
                println!(
                    "signed with key {}: compare it with the issuing centre's (`identity --certificates`), or pass it as --key",
                    c.key
                );
            }
            Ok(())
        }
        Command::Cohort { who, period, curriculum, format, locale } => {
            let words = report_words(locale.as_deref())?;
            let curriculum =
                crossdock_server::curriculum::Curriculum::load(&curriculum).map_err(|e| anyhow::anyhow!("{e}"))?;
            let store = crossdock_server::records::Store::open(&config.data_dir)?;
            let all = crossdock_server::assessment::progress::progress(&store, &who.ids()?)?;
            let cohort = crossdock_server::assessment::cohort::cohort(&all, &period, Some(&curriculum));
            match format {
                CohortFormat::Html => print!("{}", crossdock_server::assessment::cohort::html(&cohort, &words)),
                CohortFormat::Json => println!("{}", serde_json::to_string_pretty(&cohort)?),
            }
            Ok(())
        }
        Command::XapiSend { drill, lrs, auth, give_up_after } => {
            commands::xapi_send(&config, drill.as_deref(), lrs, auth, give_up_after)
        }
        Command::Invite { role, roster, session, name, ttl, server, single_use, console } => {
            let invite = commands::InviteArgs { role, session, name, ttl, server, single_use, console };
            match roster {
                Some(path) => commands::roster_invites(&config, &path, invite),
                None => commands::invite(&config, invite),
            }
        }
        Command::Forget { learner } => commands::forget(&config, &learner),
    }
}

fn run(args: RunArgs) -> Result<()> {
    let config = args.config()?;
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.network_threads(cores))
        .thread_name("net")
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let server = Server::start(config.clone())?;
        println!("crossdock-server listening on udp {}", server.local_addr());
        println!("certificate sha256 fingerprint: {}", crossdock_protocol::invite::hex(&server.fingerprint()));
        for opened in server.opened() {
            println!("{opened}");
        }
        if let Some(admin) = server.admin_addr() {
            println!("metrics on http://{admin}/metrics, health on http://{admin}/health");
        }
        if let Some(lrs) = &config.lrs {
            println!("xAPI statements go to {lrs} when each drill ends");
        }
        println!("invites written to {}", config.data_dir.join("invites").display());
        println!("press Ctrl-C to stop");
        #[cfg(feature = "agones")]
        if config.agones {
            return crossdock_server::fleet::run(server, config.agones_shutdown_when_empty, None, stop_signal()).await;
        }
        stop_signal().await?;
        println!("shutting down");
        server.shutdown().await;
        Ok(())
    })
}

/// Waits for Ctrl-C or, on Unix, SIGTERM (what service managers and container engines send).
async fn stop_signal() -> Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .context("cannot listen for SIGTERM")?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r.context("cannot listen for Ctrl-C"),
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c().await.context("cannot listen for Ctrl-C")
}

/// The words of a report: the asked language (refused, with the choice, if we do not write
/// it), else the system's, else English.
fn report_words(locale: Option<&str>) -> Result<crossdock_i18n::Words> {
    use crossdock_server::assessment::{LANGUAGES, locales, words};
    let language = match locale {
        Some(asked) => crossdock_i18n::closest(&LANGUAGES, asked).ok_or_else(|| {
            anyhow::anyhow!("reports are not written in {asked}: use one of {}", locales().join(", "))
        })?,
        None => crossdock_i18n::choose(&LANGUAGES, &[]),
    };
    Ok(words(language))
}

/// The text of `path`, refused past `limit` bytes (a certificate page is small).
fn read_limited(path: &std::path::Path, limit: usize) -> Result<String> {
    use std::io::Read;
    let file = std::fs::File::open(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let mut text = String::new();
    file.take(limit as u64 + 1)
        .read_to_string(&mut text)
        .with_context(|| format!("`{}` is not text", path.display()))?;
    anyhow::ensure!(text.len() <= limit, "`{}` is larger than a certificate page ({limit} bytes)", path.display());
    Ok(text)
}
