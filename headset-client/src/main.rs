//! `crossdock-headset`: the Crossdock client. `bot` runs scripted clients.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use crossdock_headset::bot::{self, BotConfig};
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
