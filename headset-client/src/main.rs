//! `crossdock-headset`: the Crossdock client. `xr` runs the headset front end on the system's
//! OpenXR runtime; `bot` runs scripted clients.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use crossdock_headset::Details;
use crossdock_headset::bot::{self, BotConfig};
use crossdock_headset::xr::XrOptions;
use crossdock_protocol::invite::Invite;

/// Crossdock client: join a shared container-inspection drill.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Join with a headset, through the system's OpenXR runtime (SteamVR, Monado, ...).
    Xr {
        /// Invite link, or @FILE holding one.
        #[arg(long)]
        invite: String,
        #[command(flatten)]
        who: Who,
        /// Write the left eye's image as a PNG to this path...
        #[arg(long)]
        screenshot: Option<PathBuf>,
        /// ...this many seconds after the session gained focus.
        #[arg(long, default_value_t = 5.0, requires = "screenshot")]
        after: f64,
        /// Leave after submitting this many frames (tests, demos).
        #[arg(long)]
        frames: Option<u64>,
        /// Scale of the runtime's recommended eye resolution (lower for software rendering).
        #[arg(long, default_value_t = 1.0)]
        resolution_scale: f32,
    },
    /// Run scripted clients; prints a JSON summary as the last line.
    Bot {
        /// Invite link, or @FILE holding one.
        #[arg(long)]
        invite: String,
        /// How many bots.
        #[arg(long, default_value_t = 1)]
        count: usize,
        /// How long they act, in seconds.
        #[arg(long, default_value_t = 10.0)]
        seconds: f64,
        /// Pose datagrams per second per bot.
        #[arg(long, default_value_t = 60)]
        rate: u32,
        /// Seed for the bots' choices.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Only move head and hands; leave cargo and doors alone.
        #[arg(long)]
        idle: bool,
    },
}

/// Who joins: shown to everyone in the session.
#[derive(Debug, clap::Args)]
struct Who {
    /// Display name (an invite that fixes a name wins).
    #[arg(long, default_value = "Headset")]
    name: String,
    /// Administration (country code).
    #[arg(long, default_value = "TH")]
    administration: String,
    /// Locale.
    #[arg(long, default_value = "en")]
    locale: String,
}

impl Who {
    fn details(self) -> Details {
        Details { display_name: self.name, administration: self.administration, locale: self.locale }
    }
}

/// Reads an invite given as a link or as `@FILE`.
fn read_invite(arg: &str) -> Result<Invite> {
    let text = match arg.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(Path::new(path)).with_context(|| {
            format!("cannot read the invite file {path}: start the server first, or pass the link itself")
        })?,
        None => arg.to_owned(),
    };
    Ok(text.trim().parse::<Invite>()?)
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Xr { invite, who, screenshot, after, frames, resolution_scale } => {
            let invite = read_invite(&invite)?;
            anyhow::ensure!(after.is_finite() && after >= 0.0, "--after must be a number of seconds");
            let report = crossdock_headset::xr::run(XrOptions {
                invite,
                details: who.details(),
                screenshot: screenshot.map(|p| (p, Duration::from_secs_f64(after))),
                frames,
                resolution_scale,
            })?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(())
        }
        Command::Bot { invite, count, seconds, rate, seed, idle } => {
            let invite = read_invite(&invite)?;
            anyhow::ensure!(seconds.is_finite() && seconds > 0.0, "--seconds must be a positive number");
            let config = BotConfig {
                invite,
                count,
                duration: Duration::from_secs_f64(seconds),
                rate_hz: rate,
                seed,
                work: !idle,
            };
            let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
            let report = runtime.block_on(bot::run(config));
            println!("{}", serde_json::to_string(&report)?);
            anyhow::ensure!(
                report.joined == count,
                "only {} of {count} bots joined (see the log above)",
                report.joined
            );
            Ok(())
        }
    }
}
