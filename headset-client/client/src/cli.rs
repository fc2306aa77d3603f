//! The command-line pieces every client binary shares: reading an invite, logging, the bots'
//! arguments, and how a failed command speaks.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use crossdock_protocol::invite::Invite;
use crossdock_voice::{Voice, VoiceArgs};

use crate::bot::{self, BotConfig};

/// Run scripted clients; prints a JSON summary as the last line.
#[derive(Debug, clap::Args)]
pub struct BotArgs {
    /// Invite link, or @FILE holding one.
    #[arg(long)]
    pub invite: String,
    /// How many bots.
    #[arg(long, default_value_t = 1)]
    pub count: usize,
    /// How long they act, in seconds (Ctrl-C or SIGTERM ends them sooner; they still report).
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Pose datagrams per second per bot.
    #[arg(long, default_value_t = 60)]
    pub rate: u32,
    /// Seed for the bots' choices.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Only move head and hands; leave cargo and doors alone.
    #[arg(long)]
    pub idle: bool,
    /// Display names, comma-separated, in any script (bot i takes the i-th, in turn).
    #[arg(long, value_delimiter = ',')]
    pub names: Vec<String>,
    /// Administration codes, comma-separated (bot i takes the i-th, in turn).
    #[arg(long, value_delimiter = ',')]
    pub administrations: Vec<String>,
    /// Bot 0 speaks and listens (with --audio-in and --audio-out).
    #[command(flatten)]
    pub voice: VoiceArgs,
}

impl BotArgs {
    /// Runs the bots, prints their JSON summary, and fails unless every one joined.
    pub fn run(self) -> Result<()> {
        let invite = read_invite(&self.invite)?;
        let duration = seconds("seconds", self.seconds)?;
        anyhow::ensure!(!duration.is_zero(), "--seconds must be a positive number");
        let count = self.count;
        let config = BotConfig {
            invite,
            count,
            duration,
            rate_hz: self.rate,
            seed: self.seed,
            work: !self.idle,
            voice: self.voice.options(),
            people: bot::BotPeople { names: self.names, administrations: self.administrations },
        };
        let voice = config.bot_voice().map(|v| Voice::start(&v)).transpose()?;
        let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
        let report = runtime.block_on(async {
            let (stop, stopped) = tokio::sync::watch::channel(false);
            tokio::spawn(async move {
                interrupted().await;
                tracing::info!("asked to stop: the bots settle and report");
                let _ = stop.send(true);
                // The sender lives on, so the bots' wait is not cut short by its going.
                std::future::pending::<()>().await;
            });
            bot::run_until(config, voice, Some(stopped)).await
        });
        println!("{}", serde_json::to_string(&report)?);
        let why = report.errors.first().map_or("see the log above".to_owned(), Clone::clone);
        anyhow::ensure!(report.joined == count, "only {} of {count} bots joined: {why}", report.joined);
        Ok(())
    }
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// Seconds from a flag, checked.
pub fn seconds(name: &str, v: f64) -> Result<Duration> {
    anyhow::ensure!(v.is_finite() && v >= 0.0, "--{name} must be a number of seconds");
    Ok(Duration::from_secs_f64(v))
}

/// How a headset or desktop joins: an invite link, or a server and the short code from the
/// invites sheet.
#[derive(Debug, clap::Args)]
pub struct JoinArgs {
    /// Invite link, or @FILE holding one.
    #[arg(long, required_unless_present = "code")]
    pub invite: Option<String>,
    /// The server's `host:port`, to join with a short code instead of a link.
    #[arg(long, requires = "code", conflicts_with = "invite")]
    pub server: Option<String>,
    /// The six-digit code from the invites sheet (with --server); it admits once, for minutes.
    #[arg(long, requires = "server")]
    pub code: Option<String>,
    /// The server certificate's SHA-256 (64 hex digits, as the server prints it at start),
    /// pinned while the code is told; without it the certificate shown is trusted this once.
    #[arg(long, requires = "code")]
    pub fingerprint: Option<String>,
}

impl JoinArgs {
    /// The invite: read, or asked of the server for the code.
    pub fn invite(&self) -> Result<Invite> {
        match (&self.invite, &self.server, &self.code) {
            (Some(invite), _, _) => read_invite(invite),
            (None, Some(server), Some(code)) => {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
                let invite = runtime.block_on(crate::code::redeem(server, code, self.fingerprint.as_deref()))?;
                Ok(invite)
            }
            _ => anyhow::bail!("give --invite LINK, or --server HOST:PORT with --code NNNNNN"),
        }
    }
}

/// Reads an invite link, or `@FILE` holding one.
pub fn read_invite(arg: &str) -> Result<Invite> {
    let text = match arg.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(Path::new(path)).with_context(|| {
            format!("cannot read the invite file {path}: start the server first, or pass the link itself")
        })?,
        None => arg.to_owned(),
    };
    Ok(text.trim().parse::<Invite>()?)
}

/// Logs to stderr, `warn` and up unless `RUST_LOG` says otherwise. egui's painter warns on
/// every start that it prefers a non-sRGB target; ours is sRGB on purpose (the scene's colours
/// are linear) and egui paints correctly on it, so that one warning is not shown by default.
pub fn init_logging() {
    use std::io::IsTerminal;
    let default = "warn,egui_wgpu::renderer=error";
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| default.into()))
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
}

/// Runs a binary's command; a failure is told in plain words (what went wrong, what to do),
/// without a backtrace, with exit status 1.
#[expect(clippy::print_stderr, reason = "the one place a failed command speaks to its user")]
pub fn main(program: &str, command: impl FnOnce() -> Result<()>) -> std::process::ExitCode {
    init_logging();
    command().map_or_else(
        |e| {
            eprintln!("{program}: {e:#}");
            std::process::ExitCode::FAILURE
        },
        |()| std::process::ExitCode::SUCCESS,
    )
}
