//! `crossdock-headset`: the Crossdock client. `xr` runs the headset front end on the system's
//! OpenXR runtime; `bot` runs scripted clients.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use crossdock_headset::Details;
use crossdock_headset::bot::{self, BotConfig};
use crossdock_headset::desktop::DesktopOptions;
use crossdock_headset::desktop::camera::View;
use crossdock_headset::voice::{TalkMode, Voice, VoiceOptions};
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
        #[command(flatten)]
        voice: VoiceArgs,
    },
    /// Watch or join from a desktop window (observers, or trainees and instructors without a
    /// headset).
    Desktop {
        /// Invite link, or @FILE holding one.
        #[arg(long)]
        invite: String,
        #[command(flatten)]
        who: Who,
        /// The starting view: free, overview or follow:NAME.
        #[arg(long, default_value = "free")]
        view: View,
        /// Write the window's view as a PNG to this path...
        #[arg(long)]
        screenshot: Option<PathBuf>,
        /// ...this many seconds after the first frame.
        #[arg(long, default_value_t = 3.0, requires = "screenshot")]
        after: f64,
        /// Close the window after this many seconds.
        #[arg(long)]
        seconds: Option<f64>,
        /// Window size, WIDTHxHEIGHT.
        #[arg(long, default_value = "1280x720", value_parser = parse_size)]
        size: (u32, u32),
        #[command(flatten)]
        voice: VoiceArgs,
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
        /// Display names, comma-separated, in any script (bot i takes the i-th, in turn).
        #[arg(long, value_delimiter = ',')]
        names: Vec<String>,
        /// Administration codes, comma-separated (bot i takes the i-th, in turn).
        #[arg(long, value_delimiter = ',')]
        administrations: Vec<String>,
        /// Bot 0 speaks and listens (with --audio-in and --audio-out).
        #[command(flatten)]
        voice: VoiceArgs,
    },
}

/// Voice: how the microphone opens, and files in place of devices.
#[derive(Debug, clap::Args)]
struct VoiceArgs {
    /// How the microphone opens: vad (when you speak), push-to-talk (desktop: hold T; headset:
    /// hold X on Touch, A on Index), or off (listen only).
    #[arg(long = "voice", value_enum, default_value_t = TalkMode::Vad)]
    mode: TalkMode,
    /// Speak this WAV file instead of using the microphone.
    #[arg(long)]
    audio_in: Option<PathBuf>,
    /// Write what you hear to this WAV file (48 kHz stereo) instead of the speakers.
    #[arg(long)]
    audio_out: Option<PathBuf>,
    /// Start with the all-call on: everyone hears you at full level (instructors only).
    #[arg(long)]
    all_call: bool,
}

impl VoiceArgs {
    fn options(self) -> VoiceOptions {
        VoiceOptions { mode: self.mode, audio_in: self.audio_in, audio_out: self.audio_out, all_call: self.all_call }
    }
}

/// Who joins: shown to everyone in the session.
#[derive(Debug, clap::Args)]
struct Who {
    /// Display name (an invite that fixes a name wins) [default: Headset, or Desktop].
    #[arg(long)]
    name: Option<String>,
    /// Administration (country code).
    #[arg(long, default_value = "TH")]
    administration: String,
    /// Locale.
    #[arg(long, default_value = "en")]
    locale: String,
}

impl Who {
    fn details(self, default_name: &str) -> Details {
        Details {
            display_name: self.name.unwrap_or_else(|| default_name.to_owned()),
            administration: self.administration,
            locale: self.locale,
        }
    }
}

/// `1280x720`.
fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once('x').ok_or_else(|| format!("`{s}` is not WIDTHxHEIGHT"))?;
    let parse = |v: &str| v.parse::<u32>().ok().filter(|v| (64..=8192).contains(v));
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!("`{s}`: width and height must be 64 to 8192 pixels")),
    }
}

/// Seconds from a flag, checked.
fn seconds(name: &str, v: f64) -> Result<Duration> {
    anyhow::ensure!(v.is_finite() && v >= 0.0, "--{name} must be a number of seconds");
    Ok(Duration::from_secs_f64(v))
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

/// Runs the command; a failure is told in plain words (what went wrong, what to do), without
/// a backtrace, with exit status 1.
#[expect(clippy::print_stderr, reason = "the one place a failed command speaks to its user")]
fn main() -> std::process::ExitCode {
    run_command().map_or_else(
        |e| {
            eprintln!("crossdock-headset: {e:#}");
            std::process::ExitCode::FAILURE
        },
        |()| std::process::ExitCode::SUCCESS,
    )
}

fn run_command() -> Result<()> {
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()))
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Desktop { invite, who, view, screenshot, after, seconds: close_after, size, voice } => {
            let invite = read_invite(&invite)?;
            let after = seconds("after", after)?;
            let report = crossdock_headset::desktop::run(DesktopOptions {
                invite,
                details: who.details("Desktop"),
                view,
                screenshot: screenshot.map(|p| (p, after)),
                seconds: close_after.map(|s| seconds("seconds", s)).transpose()?,
                size,
                voice: voice.options(),
            })?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(())
        }
        Command::Xr { invite, who, screenshot, after, frames, resolution_scale, voice } => {
            let invite = read_invite(&invite)?;
            anyhow::ensure!(after.is_finite() && after >= 0.0, "--after must be a number of seconds");
            let report = crossdock_headset::xr::run(XrOptions {
                invite,
                details: who.details("Headset"),
                screenshot: screenshot.map(|p| (p, Duration::from_secs_f64(after))),
                frames,
                resolution_scale,
                voice: voice.options(),
            })?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(())
        }
        Command::Bot { invite, count, seconds, rate, seed, idle, names, administrations, voice } => {
            let invite = read_invite(&invite)?;
            anyhow::ensure!(seconds.is_finite() && seconds > 0.0, "--seconds must be a positive number");
            let config = BotConfig {
                invite,
                count,
                duration: Duration::from_secs_f64(seconds),
                rate_hz: rate,
                seed,
                work: !idle,
                voice: voice.options(),
                people: bot::BotPeople { names, administrations },
            };
            let voice = config.bot_voice().map(|v| Voice::start(&v)).transpose()?;
            let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
            let report = runtime.block_on(bot::run_speaking(config, voice));
            println!("{}", serde_json::to_string(&report)?);
            let why = report.errors.first().map_or("see the log above".to_owned(), Clone::clone);
            anyhow::ensure!(report.joined == count, "only {} of {count} bots joined: {why}", report.joined);
            Ok(())
        }
    }
}
