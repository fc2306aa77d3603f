//! `crossdock-bot`: scripted clients for demos, load and tests, without a GPU, window or XR
//! runtime (the same bots as `crossdock-headset bot`).

use clap::Parser;
use crossdock_client::cli::{self, BotArgs};

/// Crossdock bots: scripted participants that join a drill, move and inspect.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(flatten)]
    bots: BotArgs,
}

fn main() -> std::process::ExitCode {
    cli::main("crossdock-bot", || Cli::parse().bots.run())
}
