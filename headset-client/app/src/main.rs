//! `crossdock-headset`: the Crossdock client. `xr` runs the headset front end on the system's
//! OpenXR runtime; `bot` runs scripted clients.

mod desktop;
mod ui_map;
mod xr;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};
use crossdock_client::Details;
use crossdock_client::cli::{self, BotArgs, JoinArgs, seconds};
use crossdock_ui::camera::View;
use crossdock_voice::VoiceArgs;
use desktop::DesktopOptions;
use xr::XrOptions;

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
        #[command(flatten)]
        join: JoinArgs,
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
        /// Show the tablet from the start (Y on Touch, B on Index, or the left menu button shows
        /// and hides it).
        #[arg(long)]
        open_tablet: bool,
        /// Pin the tablet in the air in front of you instead of holding it in the left hand.
        #[arg(long)]
        pin_tablet: bool,
        /// Click this tablet control once it is shown (repeatable; names as `--ui-map` writes
        /// them, e.g. `pause`, `mute:3`): the right controller's ray and trigger, scripted.
        #[arg(long, requires = "open_tablet")]
        press: Vec<String>,
        /// Write where each tablet control is (JSON, points on the tablet) to this file.
        #[arg(long)]
        ui_map: Option<PathBuf>,
        /// Raise the room by this many metres for a seated wearer (negative lowers it).
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        height_offset: f32,
        #[command(flatten)]
        voice: VoiceArgs,
    },
    /// Watch or join from a desktop window (observers, or trainees and instructors without a
    /// headset).
    Desktop {
        #[command(flatten)]
        join: JoinArgs,
        #[command(flatten)]
        who: Who,
        /// The starting view: free, overview or follow:NAME.
        #[arg(long, default_value = "free")]
        view: View,
        /// Follow this participant (live, or a ghost in a debrief) over their shoulder: the
        /// same as `--view follow:NAME`.
        #[arg(long, conflicts_with = "view")]
        follow: Option<String>,
        /// Instructors: open this recorded drill of the session as a debrief on joining (0:
        /// the one that ended last, or the running one so far).
        #[arg(long)]
        debrief: Option<u32>,
        /// Instructors: once the debrief is open, move its clock here (`12:34`, `1:02:03` or
        /// seconds).
        #[arg(long, value_parser = parse_at, requires = "debrief")]
        at: Option<u32>,
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
        /// The interface's language (en, th, ko, zh-Hans, vi, ja, ms, id) [default: the
        /// invite's, then the system's].
        #[arg(long)]
        language: Option<String>,
        /// Write where each control of the panel is drawn (JSON) to this file, every frame:
        /// for tests and tools that drive the window.
        #[arg(long)]
        ui_map: Option<PathBuf>,
        /// Start with live captions shown (the panel's checkbox turns them on and off).
        #[arg(long)]
        captions: bool,
        #[command(flatten)]
        voice: VoiceArgs,
    },
    /// Run scripted clients; prints a JSON summary as the last line.
    Bot(BotArgs),
}

/// Who joins: shown to everyone in the session.
#[derive(Debug, clap::Args)]
struct Who {
    /// Display name (an invite that fixes a name wins) [default: Headset, or Desktop].
    #[arg(long)]
    name: Option<String>,
    /// Administration (country code) [default: the locale's country, e.g. KR for ko-KR, or
    /// its language's (th: TH, ko: KR, zh: CN, vi: VN, ja: JP, ms: MY, id: ID); XX when neither
    /// says].
    #[arg(long)]
    administration: Option<String>,
    /// Locale (BCP 47, e.g. th-TH), told to the server for the records [default: the
    /// system's].
    #[arg(long)]
    locale: Option<String>,
}

impl Who {
    fn details(self, default_name: &str) -> Details {
        let locale = self.locale.or_else(crossdock_ui::i18n::system_locale).unwrap_or_else(|| "en".to_owned());
        Details {
            display_name: self.name.unwrap_or_else(|| default_name.to_owned()),
            administration: self.administration.unwrap_or_else(|| administration_of(&locale)),
            locale,
        }
    }
}

/// The administration a locale suggests: its country (`ko-KR`: KR), else its language's home
/// (`th`: TH), else `XX` (unknown), never somebody else's.
fn administration_of(locale: &str) -> String {
    let mut parts = locale.split(['-', '_', '.']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    if let Some(region) = parts.find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic())) {
        return region.to_ascii_uppercase();
    }
    let home = match language.as_str() {
        "th" => "TH",
        "ko" => "KR",
        "zh" => "CN",
        "vi" => "VN",
        "ja" => "JP",
        "ms" => "MY",
        "id" | "in" => "ID",
        _ => "XX",
    };
    home.to_owned()
}

/// `12:34`, `1:02:03` or seconds, as milliseconds.
fn parse_at(s: &str) -> Result<u32, String> {
    crossdock_protocol::debrief::parse_clock(s)
        .ok_or_else(|| format!("`{s}` is not a time in the drill: use MINUTES:SECONDS (12:34), H:MM:SS or seconds"))
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

fn main() -> std::process::ExitCode {
    cli::main("crossdock-headset", run_command)
}

fn run_command() -> Result<()> {
    match Cli::parse().command {
        Command::Desktop {
            join,
            who,
            view,
            follow,
            debrief,
            at,
            screenshot,
            after,
            seconds: close_after,
            size,
            language,
            ui_map,
            captions,
            voice,
        } => {
            if let Some(language) = &language {
                anyhow::ensure!(
                    crossdock_ui::i18n::closest(language).is_some(),
                    "there is no {language} interface: use one of {}",
                    crossdock_ui::i18n::LANGUAGES.map(|(tag, _)| tag).join(", ")
                );
            }
            let invite = join.invite()?;
            let after = seconds("after", after)?;
            let report = desktop::run(DesktopOptions {
                invite,
                details: who.details("Desktop"),
                view: follow.map_or(view, |name| View::Follow { name, first_person: false }),
                debrief: debrief.map(|drill| (drill, at)),
                screenshot: screenshot.map(|p| (p, after)),
                seconds: close_after.map(|s| seconds("seconds", s)).transpose()?,
                size,
                voice: voice.options(),
                language,
                ui_map,
                captions,
            })?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(())
        }
        Command::Xr {
            join,
            who,
            screenshot,
            after,
            frames,
            resolution_scale,
            open_tablet,
            pin_tablet,
            press,
            ui_map,
            height_offset,
            voice,
        } => {
            anyhow::ensure!(
                height_offset.is_finite() && height_offset.abs() <= 1.5,
                "--height-offset {height_offset}: give metres between -1.5 and 1.5"
            );
            let invite = join.invite()?;
            let report = xr::run(XrOptions {
                invite,
                details: who.details("Headset"),
                screenshot: screenshot.map(|p| seconds("after", after).map(|after| (p, after))).transpose()?,
                frames,
                resolution_scale,
                voice: voice.options(),
                open_tablet,
                pin_tablet,
                press,
                ui_map,
                height_offset,
            })?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(())
        }
        Command::Bot(bots) => bots.run(),
    }
}

#[cfg(test)]
mod tests {
    use super::administration_of;

    #[test]
    fn the_administration_follows_the_locale_and_is_never_guessed_as_thai() {
        assert_eq!(administration_of("ko-KR"), "KR");
        assert_eq!(administration_of("th"), "TH");
        assert_eq!(administration_of("zh-Hans-CN"), "CN");
        assert_eq!(administration_of("vi_VN.UTF-8"), "VN");
        assert_eq!(administration_of("en"), "XX");
        assert_eq!(administration_of("en-AU"), "AU");
    }
}
