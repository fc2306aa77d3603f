//! The side panel's content: participants (name, administration, role, round trip, loss), the
//! drill clock, findings and tool readings as they happen, and the truth once revealed, as plain
//! lines.

use crossdock_protocol::drill::FindingStatus;
use crossdock_protocol::{ParticipantId, Role};

use crate::core::ClientCore;

/// How many findings and readings the panel lists (newest last).
const RECENT: usize = 6;

/// What a line is, which sets how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A section heading.
    Heading,
    /// Plain text.
    Text,
    /// A participant, in their role's colour.
    Role(Role),
    /// A tool reading.
    Reading,
    /// Something everyone must notice (voice is recorded).
    Warning,
    /// The hidden truth, once revealed.
    Truth,
}

/// One line of the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text.
    pub text: String,
    /// What it is.
    pub tone: Tone,
}

/// The panel's content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Panel {
    /// Lines, top to bottom.
    pub lines: Vec<Line>,
}

fn line(text: impl Into<String>, tone: Tone) -> Line {
    Line { text: text.into(), tone }
}

impl Panel {
    /// The panel for `core`'s state; `view` names the current camera.
    pub fn from_core(core: &mut ClientCore) -> Panel {
        let people = core.mirror.people();
        let name = |id: ParticipantId| {
            people.iter().find(|p| p.id == id).map_or_else(|| format!("#{}", id.0), |p| p.display_name.clone())
        };
        let drill = &core.mirror.drill;
        let mut lines = Vec::new();
        let secs = drill.state.elapsed_ms / 1000;
        let paused = if drill.state.paused { "  PAUSED" } else { "" };
        lines.push(line(format!("{}  {:02}:{:02}{paused}", drill.state.scenario, secs / 60, secs % 60), Tone::Heading));
        if core.welcome.voice_recorded {
            lines.push(line("This session records voice", Tone::Warning));
        }
        lines.push(line("", Tone::Text));
        lines.push(line(format!("Participants ({})", people.len()), Tone::Heading));
        for p in &people {
            let quality = drill.quality.iter().find(|q| q.participant == p.id);
            let link = quality.map_or_else(String::new, |q| {
                format!("{:>4} ms {:>4.1} %", q.rtt_ms, f32::from(q.loss_permille) / 10.0)
            });
            let muted = if drill.flags.get(&p.id).is_some_and(|f| f.muted) { " muted" } else { "" };
            let text =
                format!("{:<14} {:<3} {:<10} {link}{muted}", clip(&p.display_name, 14), p.administration, p.role);
            lines.push(line(text, Tone::Role(p.role)));
        }
        lines.push(line("", Tone::Text));
        lines.push(line(format!("Findings ({})", drill.findings.len()), Tone::Heading));
        for f in drill.findings.values().rev().take(RECENT).rev() {
            let status = match f.status {
                FindingStatus::Open => "open",
                FindingStatus::Confirmed => "confirmed",
                FindingStatus::Rejected => "rejected",
            };
            let by = f.signers.first().map(|s| name(*s)).unwrap_or_default();
            lines.push(line(format!("#{} {:?} by {} ({status})", f.id, f.category, clip(&by, 12)), Tone::Text));
        }
        lines.push(line("", Tone::Text));
        lines.push(line("Readings", Tone::Heading));
        for r in drill.readings.iter().rev().take(RECENT).rev() {
            let text = format!("{} {:?}: {}", clip(&name(r.by), 10), r.tool, super::reading_text(&r.value));
            lines.push(line(clip(&text, 42), Tone::Reading));
        }
        if let Some(truth) = &drill.truth {
            lines.push(line("", Tone::Text));
            lines.push(line("Revealed", Tone::Truth));
            for c in &truth.concealments {
                lines.push(line(clip(&format!("{}: {}", c.id, c.description), 42), Tone::Truth));
            }
            if truth.concealments.is_empty() {
                lines.push(line("nothing was hidden", Tone::Truth));
            }
        }
        Panel { lines }
    }
}

/// `s` cut to `n` characters, the last one a `~` when it was longer.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_owned() } else { s.chars().take(n - 1).chain(['~']).collect() }
}
