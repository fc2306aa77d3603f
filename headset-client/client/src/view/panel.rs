//! The side panel's content: participants (name, administration, role, round trip, loss), the
//! drill clock, findings and tool readings as they happen, and the truth once revealed, as plain
//! lines.

use std::time::Instant;

use crossdock_protocol::drill::{FindingStatus, Reading};
use crossdock_protocol::{ParticipantId, Role};

use crate::core::ClientCore;

/// How many findings the panel lists (newest last).
const RECENT: usize = 6;
/// How many participants' readings the panel lists, and how many lines each.
const READING_GROUPS: usize = 4;
const READINGS_EACH: usize = 3;

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
    /// The panel for `core`'s state at `now` (the drill clock runs between messages).
    pub fn from_core(core: &mut ClientCore, now: Instant) -> Panel {
        let people = core.mirror.people();
        let name = |id: ParticipantId| {
            people.iter().find(|p| p.id == id).map_or_else(|| format!("#{}", id.0), |p| p.display_name.clone())
        };
        let drill = &core.mirror.drill;
        let mut lines = Vec::new();
        let secs = drill.elapsed(now).as_secs();
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
            let signers: Vec<String> = f.signers.iter().map(|s| clip(&name(*s), 12)).collect();
            let text =
                format!("#{} {} by {} ({status})", f.id, f.category.as_str().replace('-', " "), signers.join(" + "));
            lines.push(line(clip(&text, 42), Tone::Text));
        }
        lines.push(line("", Tone::Text));
        lines.push(line("Readings", Tone::Heading));
        for group in group_readings(&drill.readings).into_iter().take(READING_GROUPS) {
            lines.push(line(clip(&name(group.by), 42), Tone::Text));
            for (text, count) in group.entries.iter().take(READINGS_EACH) {
                let times = if *count > 1 { format!(" x{count}") } else { String::new() };
                lines.push(line(clip(&format!("  {text}{times}"), 42), Tone::Reading));
            }
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

/// One participant's readings, newest first, each distinct reading once with how often it was
/// taken (reviewing the documents ten times is one line, not ten).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingGroup {
    /// Who took them.
    pub by: ParticipantId,
    /// Tool and value in words, and how many times; newest first.
    pub entries: Vec<(String, usize)>,
}

/// `readings` (oldest first, as they arrive) grouped per participant, the participant with the
/// newest reading first.
pub fn group_readings(readings: &[Reading]) -> Vec<ReadingGroup> {
    let mut groups: Vec<ReadingGroup> = Vec::new();
    for r in readings.iter().rev() {
        let text = format!("{}: {}", r.tool.name(), super::reading_text(&r.value));
        let group = match groups.iter().position(|g| g.by == r.by) {
            Some(i) => &mut groups[i],
            None => {
                groups.push(ReadingGroup { by: r.by, entries: Vec::new() });
                groups.last_mut().expect("just pushed")
            }
        };
        match group.entries.iter_mut().find(|(t, _)| *t == text) {
            Some((_, count)) => *count += 1,
            None => group.entries.push((text, 1)),
        }
    }
    groups
}

/// `s` cut to `n` characters, the last one a `~` when it was longer.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_owned() } else { s.chars().take(n - 1).chain(['~']).collect() }
}

#[cfg(test)]
mod tests {
    use crossdock_protocol::drill::{ReadingValue, Tool};
    use crossdock_protocol::quant::QPose;

    use super::*;

    fn reading(id: u32, by: u16, tool: Tool, value: ReadingValue) -> Reading {
        Reading {
            id,
            by: ParticipantId(by),
            tool,
            aim: QPose::ZERO,
            target: None,
            tick: crossdock_protocol::Tick(id),
            value,
        }
    }

    #[test]
    fn readings_group_per_participant_newest_first_with_repeats_folded() {
        let docs = || ReadingValue::Documents;
        let readings = vec![
            reading(1, 7, Tool::Documents, docs()),
            reading(2, 8, Tool::Scale, ReadingValue::Mass { kg: 12 }),
            reading(3, 7, Tool::Documents, docs()),
            reading(4, 7, Tool::TapeMeasure, ReadingValue::Distance { mm: 5_800 }),
            reading(5, 7, Tool::Documents, docs()),
            reading(6, 8, Tool::Scale, ReadingValue::Mass { kg: 14 }),
        ];
        let groups = group_readings(&readings);
        assert_eq!(groups.iter().map(|g| g.by.0).collect::<Vec<_>>(), [8, 7], "newest reader first");
        assert_eq!(groups[0].entries, [("scale: 14 kg".to_owned(), 1), ("scale: 12 kg".to_owned(), 1)]);
        assert_eq!(
            groups[1].entries,
            [("documents: documents reviewed".to_owned(), 3), ("tape measure: 5800 mm".to_owned(), 1)],
            "three reviews of the documents are one line"
        );
    }
}
