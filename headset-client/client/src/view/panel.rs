//! The class as the side panel shows it, as plain data: the drill (scenario, clock, pause,
//! locks), every participant (name, administration, role, link quality, muted, frozen, lead),
//! findings with their signers' names, the documents, readings per participant and the truth
//! once revealed. A toolkit turns it into widgets and words; nothing here is in a language.

use std::time::Duration;
use web_time::Instant;

use crossdock_protocol::drill::{Category, Documents, FindingStatus, Reading, ReadingValue, Tool};
use crossdock_protocol::phrase::{Phrase, ScenarioPhrase};
use crossdock_protocol::{ParticipantId, Role};

use crate::core::ClientCore;

/// One participant's row.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    /// Who.
    pub id: ParticipantId,
    /// Their name, as they wrote it.
    pub name: String,
    /// Their administration's country code.
    pub administration: String,
    /// Their locale.
    pub locale: String,
    /// Their role.
    pub role: Role,
    /// Round trip and loss per thousand, as the server measures them (instructors only).
    pub link: Option<(u16, u16)>,
    /// Muted by the instructor or by themselves.
    pub muted: bool,
    /// Frozen by the instructor.
    pub frozen: bool,
    /// The language they interpret into, if they are an interpreter.
    pub interprets: Option<String>,
    /// Has the lead.
    pub lead: bool,
    /// Their voice is heard now.
    pub talking: bool,
    /// This is the viewer.
    pub me: bool,
    /// Took part in this drill and has left.
    pub gone: bool,
}

/// One finding's row.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRow {
    /// Its id, for judging.
    pub id: u32,
    /// What was found.
    pub category: Category,
    /// Who marked it first, then who co-signed, by name.
    pub signers: Vec<String>,
    /// The instructor's judgement.
    pub status: FindingStatus,
}

/// A concealment, once revealed.
#[derive(Debug, Clone, PartialEq)]
pub struct TruthRow {
    /// The scenario's id for it.
    pub id: String,
    /// What it is.
    pub category: Category,
    /// How it is hidden, as the scenario says.
    pub description: String,
}

/// The drill clock: the time the server last gave, when it arrived, and whether it runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrillClock {
    /// Drill time when the state arrived.
    pub at_receipt: Duration,
    /// When it arrived.
    pub received: Instant,
    /// Stopped by the instructor.
    pub paused: bool,
    /// The scenario's time limit.
    pub limit: Option<Duration>,
}

impl DrillClock {
    /// Drill time at `now`: it runs on between messages unless paused.
    pub fn elapsed(&self, now: Instant) -> Duration {
        if self.paused { self.at_receipt } else { self.at_receipt + now.saturating_duration_since(self.received) }
    }
}

/// The risk-assessment stage as the panel shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskRow {
    /// Open: trainees choose, the doors stay shut.
    pub open: bool,
    /// The candidates' papers, in order.
    pub candidates: Vec<crossdock_protocol::drill::Candidate>,
    /// Which candidate is the container in the room.
    pub here: Option<usize>,
    /// What the viewer chose and why, once granted.
    pub mine: Option<(u8, Vec<crossdock_protocol::drill::RiskSign>)>,
    /// The viewer has chosen (also after a reconnection, when `mine` is forgotten).
    pub chosen: bool,
    /// Trainees present who have chosen, and trainees present.
    pub progress: (usize, usize),
}

/// Everything the side panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// The viewer.
    pub me: ParticipantId,
    /// The viewer's role: what the panel offers depends on it.
    pub role: Role,
    /// The scenario's name.
    pub scenario: String,
    /// Its randomisation seed.
    pub seed: u64,
    /// The drill clock.
    pub clock: DrillClock,
    /// The truth was revealed to everyone.
    pub revealed: bool,
    /// The container was re-sealed.
    pub resealed: bool,
    /// Trainees may not unmute themselves.
    pub self_unmute_locked: bool,
    /// New observers may join.
    pub observers_open: bool,
    /// Tools locked for trainees.
    pub locked_tools: Vec<Tool>,
    /// The session records voice.
    pub voice_recorded: bool,
    /// Participants, instructors first, then by name.
    pub people: Vec<PersonRow>,
    /// Findings, oldest first.
    pub findings: Vec<FindingRow>,
    /// The declared documents.
    pub documents: Documents,
    /// The risk-assessment stage, when the scenario has one.
    pub risk: Option<RiskRow>,
    /// Where the viewer stands in their class's curriculum, when they are a learner in one.
    pub standing: Option<crossdock_protocol::messages::StandingView>,
    /// The seal number fitted now.
    pub seal_number: String,
    /// Readings per participant, the newest reader first.
    pub readings: Vec<ReadingGroup>,
    /// The hidden truth, once this viewer may see it.
    pub truth: Option<Vec<TruthRow>>,
    /// Scenarios the viewer may switch to (instructors).
    pub library: Vec<String>,
    /// The debrief, while one is open.
    pub debrief: Option<DebriefRow>,
    /// Why the last debrief closed or could not open, when something went wrong.
    pub debrief_problem: Option<String>,
    /// The viewer may say phrases (instructors, trainees, an observer the instructor lets
    /// speak).
    pub may_say: bool,
    /// The scenario's own phrases, for the phrase picker.
    pub phrases: Vec<ScenarioPhrase>,
    /// Phrases said, newest last: who (named) and what.
    pub said: Vec<SaidRow>,
    /// The interpretation channel the viewer listens to (`None`: the floor).
    pub channel: Option<String>,
    /// The language the viewer interprets into, if they are an interpreter.
    pub interprets: Option<String>,
    /// The channels on offer: the languages someone in the room interprets into, sorted.
    pub channels: Vec<String>,
    /// The server runs a speech worker: live captions are on offer.
    pub captions_offered: bool,
    /// The latest captions, oldest first: who (named) and their words.
    pub captions: Vec<CaptionRow>,
    /// The hand the viewer points with, if they point.
    pub pointing: Option<crossdock_protocol::Hand>,
}

/// A live caption, as the panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaptionRow {
    /// Who spoke.
    pub by: ParticipantId,
    /// Their name, as they wrote it.
    pub name: String,
    /// The words, in the speaker's language.
    pub text: String,
    /// Final (a partial may still change).
    pub last: bool,
}

/// How many captions the panel lists.
pub const CAPTIONS_LISTED: usize = 6;

/// A phrase said, as the panel's log shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SaidRow {
    /// Who said it.
    pub by: ParticipantId,
    /// Their name, as they wrote it.
    pub name: String,
    /// What.
    pub phrase: Phrase,
    /// The scenario's own phrase it names, with its texts.
    pub own: Option<ScenarioPhrase>,
}

/// The debrief as the panel shows it: its clock and timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct DebriefRow {
    /// The drill replayed.
    pub drill: u32,
    /// Its length, in milliseconds.
    pub length_ms: u32,
    /// The clock, in milliseconds into the drill (run on between frames while it plays).
    pub at_ms: u32,
    /// The clock runs.
    pub playing: bool,
    /// Its speed, in quarters of real time.
    pub quarters: u8,
    /// The timeline, with each marker's participant named.
    pub markers: Vec<(crossdock_protocol::debrief::Marker, Option<String>)>,
}

impl Panel {
    /// The panel for `core`'s state, `talking` naming whose voice is heard now.
    pub fn from_core(core: &mut ClientCore, talking: &[ParticipantId]) -> Panel {
        let me = core.me();
        let people = core.mirror.people();
        let gone = &core.mirror.gone;
        let name = |id: ParticipantId| {
            people
                .iter()
                .chain(gone.get(&id))
                .find(|p| p.id == id)
                .map_or_else(|| format!("#{}", id.0), |p| p.display_name.clone())
        };
        let drill = &core.mirror.drill;
        let state = &drill.state;
        let mine = drill.flags.get(&me).cloned().unwrap_or_default();
        let mut channels: Vec<String> = people
            .iter()
            .filter_map(|p| drill.flags.get(&p.id).and_then(|f| f.interprets.clone()))
            .chain(mine.channel.clone())
            .collect();
        channels.sort();
        channels.dedup();
        let mut rows: Vec<PersonRow> = people
            .iter()
            .chain(gone.values())
            .map(|p| {
                let flags = drill.flags.get(&p.id).cloned().unwrap_or_default();
                PersonRow {
                    id: p.id,
                    name: p.display_name.clone(),
                    administration: p.administration.clone(),
                    locale: p.locale.clone(),
                    role: p.role,
                    link: drill.quality.iter().find(|q| q.participant == p.id).map(|q| (q.rtt_ms, q.loss_permille)),
                    muted: flags.muted,
                    frozen: flags.frozen,
                    interprets: flags.interprets,
                    lead: state.lead == Some(p.id),
                    talking: talking.contains(&p.id),
                    me: p.id == me,
                    gone: gone.contains_key(&p.id),
                }
            })
            .collect();
        rows.sort_by(|a, b| (role_order(a.role), &a.name).cmp(&(role_order(b.role), &b.name)));
        let findings = drill
            .findings
            .values()
            .map(|f| FindingRow {
                id: f.id,
                category: f.category,
                signers: f.signers.iter().map(|s| name(*s)).collect(),
                status: f.status,
            })
            .collect();
        let truth = drill.truth.as_ref().map(|t| {
            t.concealments
                .iter()
                .map(|c| TruthRow { id: c.id.clone(), category: c.category, description: c.description.clone() })
                .collect()
        });
        let risk = (!drill.risk.is_empty()).then(|| {
            let trainees: Vec<ParticipantId> =
                rows.iter().filter(|p| p.role == Role::Trainee && !p.gone).map(|p| p.id).collect();
            RiskRow {
                open: state.risk_open,
                candidates: drill.risk.clone(),
                here: drill.risk.iter().position(|c| c.container_number == core.mirror.look.number),
                mine: drill.my_choice.clone(),
                chosen: state.chosen.contains(&me),
                progress: (trainees.iter().filter(|t| state.chosen.contains(t)).count(), trainees.len()),
            }
        });
        let mut readings = group_readings(&drill.readings);
        for group in &mut readings {
            group.name = name(group.by);
        }
        Panel {
            me,
            role: core.welcome.role,
            scenario: state.scenario.clone(),
            seed: state.seed,
            clock: DrillClock {
                at_receipt: Duration::from_millis(state.elapsed_ms),
                received: drill.state_received,
                paused: state.paused,
                limit: state.time_limit_s.map(|s| Duration::from_secs(s.into())),
            },
            revealed: state.revealed,
            resealed: state.resealed,
            self_unmute_locked: state.self_unmute_locked,
            observers_open: state.observers_open,
            locked_tools: state.locked_tools.clone(),
            voice_recorded: core.welcome.voice_recorded,
            people: rows,
            findings,
            documents: drill.documents.clone(),
            risk,
            standing: core.standing.clone(),
            seal_number: state.seal_number.clone(),
            readings,
            truth,
            library: core.mirror.library.clone(),
            debrief: core.debrief.as_ref().map(|d| DebriefRow {
                drill: d.drill,
                length_ms: d.length_ms,
                at_ms: d.clock_ms(Instant::now()),
                playing: d.playing,
                quarters: d.quarters,
                markers: d
                    .markers
                    .iter()
                    .map(|m| (m.clone(), m.who.and_then(|id| d.person(id)).map(|p| p.display_name.clone())))
                    .collect(),
            }),
            debrief_problem: core.debrief_problem.clone(),
            may_say: match core.welcome.role {
                Role::Observer => !drill.flags.get(&me).is_some_and(|f| f.muted),
                _ => true,
            },
            phrases: drill.phrases.clone(),
            said: drill
                .said
                .iter()
                .map(|s| SaidRow {
                    by: s.by,
                    name: name(s.by),
                    phrase: s.phrase.clone(),
                    own: s.phrase.own(&drill.phrases).cloned(),
                })
                .collect(),
            pointing: mine.pointing,
            channel: mine.channel,
            interprets: mine.interprets,
            channels,
            captions_offered: core.welcome.captions,
            captions: drill
                .captions
                .iter()
                .rev()
                .take(CAPTIONS_LISTED)
                .rev()
                .map(|l| CaptionRow {
                    by: l.caption.by,
                    name: name(l.caption.by),
                    text: l.caption.text.clone(),
                    last: l.caption.last,
                })
                .collect(),
        }
    }
}

fn role_order(role: Role) -> u8 {
    match role {
        Role::Instructor => 0,
        Role::Trainee => 1,
        Role::Observer => 2,
    }
}

/// One participant's readings, newest first, each distinct reading once with how often it was
/// taken (reviewing the documents ten times is one line, not ten).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadingGroup {
    /// Who took them.
    pub by: ParticipantId,
    /// Their name (filled in by [`Panel::from_core`]).
    pub name: String,
    /// Tool, value and how many times; newest first.
    pub entries: Vec<(Tool, ReadingValue, usize)>,
}

/// `readings` (oldest first, as they arrive) grouped per participant, the participant with the
/// newest reading first.
pub fn group_readings(readings: &[Reading]) -> Vec<ReadingGroup> {
    let mut groups: Vec<ReadingGroup> = Vec::new();
    for r in readings.iter().rev() {
        let group = match groups.iter().position(|g| g.by == r.by) {
            Some(i) => &mut groups[i],
            None => {
                groups.push(ReadingGroup { by: r.by, name: String::new(), entries: Vec::new() });
                groups.last_mut().expect("just pushed")
            }
        };
        match group.entries.iter_mut().find(|(tool, value, _)| *tool == r.tool && *value == r.value) {
            Some((_, _, count)) => *count += 1,
            None => group.entries.push((r.tool, r.value.clone(), 1)),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
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
        assert_eq!(
            groups[0].entries,
            [(Tool::Scale, ReadingValue::Mass { kg: 14 }, 1), (Tool::Scale, ReadingValue::Mass { kg: 12 }, 1)]
        );
        assert_eq!(
            groups[1].entries,
            [(Tool::Documents, docs(), 3), (Tool::TapeMeasure, ReadingValue::Distance { mm: 5_800 }, 1)],
            "three reviews of the documents are one line"
        );
    }

    #[test]
    fn the_drill_clock_runs_between_messages_unless_paused() {
        let received = Instant::now();
        let later = received + Duration::from_secs(5);
        let clock = DrillClock { at_receipt: Duration::from_secs(60), received, paused: false, limit: None };
        assert_eq!(clock.elapsed(later), Duration::from_secs(65));
        assert_eq!(DrillClock { paused: true, ..clock }.elapsed(later), Duration::from_secs(60));
    }
}
