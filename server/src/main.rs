//! `crossdock-server`: runs the authoritative server, or prints an invite.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use crossdock_protocol::Role;
use crossdock_server::identity::Identity;
use crossdock_server::{Config, DEFAULT_SESSION, Server};

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
/// `crossdock-server config --print-default`.
#[derive(Debug, clap::Args)]
struct RunArgs {
    /// TOML configuration file (see `config --print-default`); flags win over it.
    #[arg(long, env = "CROSSDOCK_CONFIG")]
    config: Option<PathBuf>,
    /// UDP address to listen on [default 0.0.0.0:4433].
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// Data directory: certificate, keys, invites, records [default ./crossdock-data].
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Scenario for new sessions: a library name (see `scenarios`) or a TOML file [default: default].
    #[arg(long)]
    scenario: Option<String>,
    /// Simulation ticks per second [default 60].
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=240))]
    tick_hz: Option<u16>,
    /// `host:port` written into invites (default: the listen address, 0.0.0.0 shown as 127.0.0.1).
    #[arg(long)]
    public_addr: Option<String>,
    /// Host only these sessions (repeat the flag); tokens for others are refused. Default: any.
    #[arg(long = "session", value_delimiter = ',')]
    sessions: Vec<String>,
    /// TCP address for `/metrics` and `/health`, or `off` [default 127.0.0.1:9464].
    #[arg(long)]
    metrics: Option<String>,
}

impl RunArgs {
    /// The configuration: defaults, then the file, then `CROSSDOCK_*`, then these flags.
    fn config(self) -> Result<Config> {
        let mut config = Config::load(self.config.as_deref())?;
        if let Some(listen) = self.listen {
            config.listen = listen;
        }
        if let Some(dir) = self.data_dir {
            config.data_dir = dir;
        }
        if let Some(scenario) = self.scenario {
            config.scenario = scenario;
        }
        if let Some(hz) = self.tick_hz {
            config.tick_hz = hz;
        }
        if let Some(addr) = self.public_addr {
            config.public_addr = Some(addr);
        }
        if !self.sessions.is_empty() {
            config.sessions = Some(self.sessions);
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
        /// The health endpoint.
        #[arg(long, default_value = "http://127.0.0.1:9464/health")]
        url: String,
    },
    /// Create the certificate and keys in a data dir if it has none, and print the certificate's
    /// fingerprint (for a fleet's shared identity).
    Identity {
        /// Data directory to hold the identity.
        #[arg(long, default_value = "crossdock-data")]
        data_dir: PathBuf,
    },
    /// List the scenario library, one line each.
    Scenarios,
    /// Write the assessment of a session's latest drill, from the event log.
    Report {
        /// Data directory holding the event log.
        #[arg(long, default_value = "crossdock-data")]
        data_dir: PathBuf,
        /// The session (`default` unless the invites named another).
        #[arg(long, default_value = DEFAULT_SESSION)]
        session: String,
        /// json, md (Markdown) or xapi (xAPI 2.0 statements as a JSON array).
        #[arg(long, default_value = "md")]
        format: ReportFormat,
        /// The training centre's home page, used in xAPI actor accounts and activity ids.
        #[arg(long, default_value = "https://crossdock.local")]
        home_page: String,
    },
    /// Queue a session's xAPI statements in the durable outbox and deliver them to an LRS,
    /// retrying with backoff; undelivered statements stay queued for the next run.
    XapiSend {
        /// Data directory holding the event log and the outbox.
        #[arg(long, default_value = "crossdock-data")]
        data_dir: PathBuf,
        /// The session.
        #[arg(long, default_value = DEFAULT_SESSION)]
        session: String,
        /// The LRS's xAPI endpoint, e.g. `https://lrs.example/xapi`.
        #[arg(long, env = "CROSSDOCK_LRS")]
        lrs: String,
        /// `user:password` for the LRS.
        #[arg(long, env = "CROSSDOCK_LRS_AUTH")]
        auth: Option<String>,
        /// The training centre's home page, used in actor accounts and activity ids.
        #[arg(long, default_value = "https://crossdock.local")]
        home_page: String,
        /// Stop retrying after this long, e.g. `2m`.
        #[arg(long, default_value = "2m", value_parser = humantime::parse_duration)]
        give_up_after: Duration,
    },
    /// Print one invite link for a role.
    Invite {
        /// Data directory of the server whose key signs the invite.
        #[arg(long, default_value = "crossdock-data")]
        data_dir: PathBuf,
        /// instructor, trainee or observer.
        #[arg(long)]
        role: Role,
        /// Session the invite admits to.
        #[arg(long, default_value = DEFAULT_SESSION)]
        session: String,
        /// Display name fixed for the participant.
        #[arg(long)]
        name: Option<String>,
        /// How long the invite stays valid, e.g. `2h`, `30m`, `3days`.
        #[arg(long, default_value = "12h", value_parser = humantime::parse_duration)]
        ttl: Duration,
        /// `host:port` the client should connect to.
        #[arg(long, default_value = "127.0.0.1:4433")]
        server: String,
        /// Admit once: a second join with the same invite is refused (reconnects still work).
        #[arg(long)]
        single_use: bool,
    },
}

/// Report formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    /// The report as JSON.
    Json,
    /// The report as Markdown.
    Md,
    /// xAPI 2.0 statements.
    Xapi,
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Invite { data_dir, role, session, name, ttl, server, single_use }) => {
            let identity = Identity::load(&data_dir)?;
            let mut claims = crossdock_server::token::claims(
                &identity.token_key,
                &session,
                role,
                name,
                crossdock_server::token::unix_now(),
                ttl.as_secs(),
            );
            claims.single_use = single_use;
            println!("{}", crossdock_server::invite_for(&identity, &server, &claims));
            Ok(())
        }
        Some(Command::Health { url }) => {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(3)))
                .http_status_as_error(false)
                .build()
                .into();
            let mut response =
                agent.get(&url).call().with_context(|| format!("no answer from {url}: is the server running?"))?;
            let status = response.status();
            let body = response.body_mut().read_to_string().unwrap_or_default();
            print!("{body}");
            anyhow::ensure!(status == 200, "{url} answered {status}: the server is not healthy");
            Ok(())
        }
        Some(Command::Identity { data_dir }) => {
            let identity = Identity::load_or_create(&data_dir)?;
            println!("{}", crossdock_protocol::invite::hex(&identity.fingerprint()));
            Ok(())
        }
        Some(Command::Scenarios) => {
            for (name, _) in crossdock_server::scenario::LIBRARY {
                let s = crossdock_server::scenario::Scenario::load(name).map_err(|e| anyhow::anyhow!("{e}"))?;
                let default = if name == crossdock_server::scenario::DEFAULT { " (default)" } else { "" };
                println!("{name:<22} {}{default}", s.summary);
            }
            Ok(())
        }
        Some(Command::Report { data_dir, session, format, home_page }) => {
            let store = crossdock_server::records::Store::open(&data_dir)?;
            let records = store.read(&session)?;
            anyhow::ensure!(
                !records.is_empty(),
                "no records for session `{session}` in {}: sessions with records are {:?}",
                data_dir.display(),
                store.sessions()?
            );
            let report = crossdock_server::assessment::report(&session, &records)?;
            match format {
                ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
                ReportFormat::Md => print!("{}", crossdock_server::assessment::markdown(&report)),
                ReportFormat::Xapi => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&crossdock_server::assessment::xapi(&report, &home_page))?
                    )
                }
            }
            Ok(())
        }
        Some(Command::XapiSend { data_dir, session, lrs, auth, home_page, give_up_after }) => {
            let records = crossdock_server::records::Store::open(&data_dir)?.read(&session)?;
            anyhow::ensure!(!records.is_empty(), "no records for session `{session}` in {}", data_dir.display());
            let report = crossdock_server::assessment::report(&session, &records)?;
            let statements = crossdock_server::assessment::xapi(&report, &home_page);
            let mut outbox = crossdock_server::lrs::Outbox::open(&data_dir)?;
            let added = outbox.enqueue(statements.as_array().map(Vec::as_slice).unwrap_or_default())?;
            println!("queued {added} new statement(s) for session {session}");
            let lrs = crossdock_server::lrs::Lrs { endpoint: lrs, basic_auth: auth };
            let deadline = std::time::Instant::now() + give_up_after;
            loop {
                let now_ms = crossdock_server::token::unix_now() * 1000;
                let round = outbox.deliver(&lrs, now_ms)?;
                println!("delivered {}, failed {}, pending {}", round.delivered, round.failed, round.pending);
                if round.pending == 0 {
                    return Ok(());
                }
                let wait = Duration::from_millis(round.next_due_ms.unwrap_or(now_ms).saturating_sub(now_ms).max(250));
                anyhow::ensure!(
                    std::time::Instant::now() + wait < deadline,
                    "{} statement(s) still pending; they stay queued in {} and go with the next xapi-send",
                    round.pending,
                    data_dir.display()
                );
                std::thread::sleep(wait);
            }
        }
        Some(Command::Config { print_default, print }) => {
            if print {
                print!("{}", cli.run.config()?.to_toml()?);
            } else {
                anyhow::ensure!(print_default, "say what to print: `config --print-default` or `config --print`");
                print!("{}", crossdock_server::config::DEFAULT_TOML);
            }
            Ok(())
        }
        None => run(cli.run),
    }
}

fn run(args: RunArgs) -> Result<()> {
    let config = args.config()?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let server = Server::start(config.clone())?;
        println!("crossdock-server listening on udp {}", server.local_addr());
        println!("certificate sha256 fingerprint: {}", crossdock_protocol::invite::hex(&server.fingerprint()));
        if let Some(admin) = server.admin_addr() {
            println!("metrics on http://{admin}/metrics, health on http://{admin}/health");
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
