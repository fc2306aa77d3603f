//! The browser console's protocol: what a training centre's console page and the server say to
//! each other over one WebTransport bidirectional stream (`PROTOCOL.md`, "The console").
//!
//! JSON, because the other end is a web page: each message is a 4-byte big-endian length and
//! that many bytes of UTF-8 JSON, an object whose `t` names the message. Lengths are checked
//! before anything is buffered ([`ConsoleDecoder`]): [`MAX_UP`] towards the server,
//! [`MAX_DOWN`] towards the page. Sans-IO like the rest of this crate.

use serde::{Deserialize, Serialize};

use crate::ParticipantId;
use crate::debrief::DebriefCommand;
use crate::drill::{Command, Target};

/// The console protocol's version, in the page's first message.
pub const CONSOLE_VERSION: u32 = 1;

/// The path a console's WebTransport session asks for (`https://HOST:PORT/console`).
pub const CONSOLE_PATH: &str = "/console";

/// The longest message a page may send: a pasted roster fits many times over.
pub const MAX_UP: usize = 256 * 1024;

/// The longest message the server sends (a report, an invites sheet with its QR codes).
pub const MAX_DOWN: usize = 8 * 1024 * 1024;

/// Live frames a second: enough for a map that moves, cheap for the tick.
pub const FRAMES_PER_SECOND: u32 = 5;

/// Whom a console command addresses: one participant (by id), or every trainee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Who {
    /// One participant.
    One(u16),
    /// `"trainees"`.
    All(AllTrainees),
}

/// The word `"trainees"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllTrainees {
    /// Every trainee.
    Trainees,
}

impl From<Who> for Target {
    fn from(who: Who) -> Target {
        match who {
            Who::One(id) => Target::One(ParticipantId(id)),
            Who::All(_) => Target::AllTrainees,
        }
    }
}

/// What an instructor's console can ask of the drill: the instructor's commands, with their
/// JSON names, and the console's own (who may watch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum ConsoleCommand {
    /// Stop the drill clock.
    Pause,
    /// Start it again.
    Resume,
    /// Back to the scenario's start, same seed.
    Reset,
    /// End this drill (its results are final) and start the next sitting.
    EndDrill,
    /// Another scenario from the server's library.
    SwitchScenario {
        /// Its name.
        name: String,
    },
    /// Another randomisation seed (a number up to 2^53, what JSON numbers carry exactly).
    Rerandomise {
        /// The seed.
        seed: u64,
    },
    /// Mute or unmute.
    Mute {
        /// Whom.
        who: Who,
        /// Muted or not.
        muted: bool,
    },
    /// Forbid or allow trainees to unmute themselves.
    LockSelfUnmute {
        /// Locked or not.
        locked: bool,
    },
    /// Freeze or unfreeze.
    Freeze {
        /// Whom.
        who: Who,
        /// Frozen or not.
        frozen: bool,
    },
    /// Bring participants to the container's doors.
    Summon {
        /// Whom.
        who: Who,
    },
    /// Move participants to a place (millimetres, the room frame).
    Teleport {
        /// Whom.
        who: Who,
        /// Where.
        to: [i32; 3],
    },
    /// Give a trainee the lead.
    GiveLead {
        /// Whom.
        who: u16,
    },
    /// Remove a participant from the session.
    Remove {
        /// Whom.
        who: u16,
    },
    /// Show everyone the hidden truth.
    Reveal,
    /// Confirm or reject a finding.
    Judge {
        /// The finding.
        finding: u32,
        /// Confirmed or rejected.
        confirmed: bool,
    },
    /// Open a recorded drill's debrief for everyone in the room (0: the last one).
    OpenDebrief {
        /// The drill's number.
        drill: u32,
    },
    /// Close the debrief.
    CloseDebrief,
    /// Let observers join, or turn new ones away (those already watching stay).
    AdmitObservers {
        /// Open or not.
        open: bool,
    },
    /// Make a participant the interpreter into a language (`ko`, `th`, ...), or stop (`null`).
    Interpret {
        /// Whom.
        who: u16,
        /// Into which language.
        language: Option<String>,
    },
    /// Close the risk-assessment stage before every trainee has chosen.
    CloseRiskStage,
}

impl ConsoleCommand {
    /// The instructor command this is: the console's JSON spelling of the one `Command` every
    /// surface gives.
    pub fn to_command(&self) -> Command {
        match self.clone() {
            ConsoleCommand::Pause => Command::Pause,
            ConsoleCommand::Resume => Command::Resume,
            ConsoleCommand::Reset => Command::Reset,
            ConsoleCommand::EndDrill => Command::EndDrill,
            ConsoleCommand::SwitchScenario { name } => Command::SwitchScenario { name },
            ConsoleCommand::Rerandomise { seed } => Command::Rerandomise { seed },
            ConsoleCommand::Mute { who, muted } => Command::Mute { who: who.into(), muted },
            ConsoleCommand::LockSelfUnmute { locked } => Command::LockSelfUnmute { locked },
            ConsoleCommand::Freeze { who, frozen } => Command::Freeze { who: who.into(), frozen },
            ConsoleCommand::Summon { who } => Command::Summon { who: who.into() },
            ConsoleCommand::Teleport { who, to } => Command::Teleport { who: who.into(), to },
            ConsoleCommand::GiveLead { who } => Command::GiveLead { who: ParticipantId(who) },
            ConsoleCommand::Remove { who } => Command::Remove { who: ParticipantId(who) },
            ConsoleCommand::Reveal => Command::RevealTruth,
            ConsoleCommand::Judge { finding, confirmed } => Command::Judge { finding, confirmed },
            ConsoleCommand::OpenDebrief { drill } => Command::Debrief(DebriefCommand::Open { drill }),
            ConsoleCommand::CloseDebrief => Command::Debrief(DebriefCommand::Close),
            ConsoleCommand::AdmitObservers { open } => Command::AdmitObservers { open },
            ConsoleCommand::Interpret { who, language } => Command::Interpret { who: ParticipantId(who), language },
            ConsoleCommand::CloseRiskStage => Command::CloseRiskStage,
        }
    }
}

/// What the page sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum ConsoleUp {
    /// The first message: who this is (the token, never in a URL), and the reader's language.
    Hello {
        /// [`CONSOLE_VERSION`].
        version: u32,
        /// A join token: an instructor's steers, an observer's watches.
        token: String,
        /// A BCP 47 tag (`navigator.language`).
        language: String,
    },
    /// Do something to the drill (instructors only); answered by [`ConsoleDown::Result`].
    Command {
        /// Echoed in the answer.
        seq: u32,
        /// What.
        command: ConsoleCommand,
    },
    /// The session's drills, running and past.
    Drills,
    /// A drill's report (HTML), to read and print.
    Report {
        /// The drill's number.
        drill: u32,
    },
    /// Start a new drill of a scenario (with its own seed: re-randomise for another), with a
    /// class roster (CSV, as `invite --roster` reads) or none; instructors only. Answered like
    /// a command, by a [`ConsoleDown::Result`] with `seq` 0.
    NewDrill {
        /// The scenario's name.
        scenario: String,
        /// The roster, as CSV text; none keeps the current one.
        roster: Option<String>,
    },
    /// The invites sheet: a personal invite per learner of the roster (or one per role), each
    /// with its QR code and a fresh short code; instructors only.
    Invites,
    /// Where the class stands in the curriculum it follows; answered by [`ConsoleDown::Class`].
    Class,
    /// Make the class follow a library curriculum (`None`: none); instructors only. Answered by
    /// [`ConsoleDown::Class`], or a [`ConsoleDown::Problem`] naming those there are.
    Follow {
        /// The curriculum's name.
        curriculum: Option<String>,
    },
    /// The scenario editor: a library scenario (or, with `container`, an empty container of
    /// that type) as a draft to edit; answered by [`ConsoleDown::Draft`]. Instructors only.
    EditScenario {
        /// The library scenario to start from.
        name: Option<String>,
        /// An empty container of this type (`20ft-dry`, ...) instead.
        container: Option<String>,
    },
    /// Check a draft as the author types; answered by [`ConsoleDown::Checked`].
    CheckScenario {
        /// The draft: the scenario file's fields as JSON (`PROTOCOL.md`, "The scenario editor").
        draft: serde_json::Value,
    },
    /// Check the draft and, if it loads, start it as a new drill in this session (saved as
    /// `draft/NAME` in the library); answered by a [`ConsoleDown::Checked`], then a
    /// [`ConsoleDown::Result`] with `seq` 0 for the switch.
    TryScenario {
        /// The draft.
        draft: serde_json::Value,
    },
    /// Check the draft and, if it loads, save it into the centre's library under its name;
    /// answered by a [`ConsoleDown::Checked`] with `saved` set.
    SaveScenario {
        /// The draft.
        draft: serde_json::Value,
    },
    /// Make a pack of the centre's own scenarios, signed with this server's key; answered by
    /// [`ConsoleDown::Pack`]. Instructors only.
    ExportPack {
        /// The centre's own scenarios to put in it (library names).
        scenarios: Vec<String>,
        /// What the pack is and who publishes it.
        about: PackAbout,
    },
    /// Import a pack into the library (checked as `crossdock-server pack import` checks it);
    /// answered by [`ConsoleDown::Imported`], or a [`ConsoleDown::Problem`] saying why not.
    /// Instructors only.
    ImportPack {
        /// The pack file, base64 (a pack of at most about 180 KiB fits a console message; a
        /// larger one is imported with `crossdock-server pack import`).
        base64: String,
    },
}

/// What a pack made in the console says of itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackAbout {
    /// Lower-case letters, digits and dashes.
    pub name: String,
    /// A semantic version (`1.0.0`).
    pub version: String,
    /// One line on what its drills train.
    pub summary: String,
    /// The publishing centre.
    pub publisher: String,
    /// The publishing administration (two letters).
    pub administration: String,
    /// Who wrote it.
    pub authors: Vec<String>,
    /// The terms of use.
    pub licence: String,
    /// The languages of its texts.
    pub languages: Vec<String>,
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum ConsoleDown {
    /// The hello passed: what this console may do, and its words.
    Welcome(Box<Welcome>),
    /// The hello failed (then the session closes): why, in plain words.
    Refused {
        /// A `CloseCode` name (`TokenExpired`, `BadToken`, ...).
        code: String,
        /// What went wrong and what to do.
        message: String,
    },
    /// The room now, several times a second.
    Frame(Box<LiveFrame>),
    /// A command's outcome.
    Result {
        /// The command's `seq`.
        seq: u32,
        /// Applied or not.
        ok: bool,
        /// Why not: a key of the console's words (`deny-role-forbids`, ...).
        reason: Option<String>,
    },
    /// The session's drills, newest first.
    Drills {
        /// The drills.
        drills: Vec<DrillRow>,
    },
    /// A drill's report, as a standalone HTML page (every participant string escaped).
    Report {
        /// The drill.
        drill: u32,
        /// The page.
        html: String,
    },
    /// The invites sheet.
    Invites(Box<InviteSheet>),
    /// The class in its curriculum.
    Class(Box<ClassStanding>),
    /// A scenario to edit, and the names its fields may take.
    Draft(Box<Draft>),
    /// What checking a draft found.
    Checked(Box<Checked>),
    /// A pack made by [`ConsoleUp::ExportPack`], to download.
    Pack {
        /// A file name for it (`NAME-VERSION.cdpack`).
        file: String,
        /// The pack file, base64.
        base64: String,
    },
    /// A pack was imported (or was already there).
    Imported {
        /// Its scenarios' library names.
        names: Vec<String>,
        /// Whether this exact pack was already in the library.
        already: bool,
        /// The library now.
        scenarios: Vec<String>,
        /// Where each imported scenario came from, by name.
        origins: std::collections::BTreeMap<String, OriginView>,
    },
    /// A request (not a command) failed: why, in the reader's language.
    Problem {
        /// What went wrong and what to do.
        message: String,
    },
}

/// A scenario for the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The scenario file's fields as JSON.
    pub draft: serde_json::Value,
    /// The names fields may take.
    pub choices: EditorChoices,
}

/// The names a scenario's fields may take, for the editor's pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorChoices {
    /// Container types, with their inside (length, height, width in millimetres).
    pub containers: Vec<(String, [u32; 3])>,
    /// Cargo kinds.
    pub kinds: Vec<String>,
    /// Concealment categories.
    pub categories: Vec<String>,
    /// Kinds of place a concealment may take.
    pub places: Vec<String>,
    /// Kinds of mark.
    pub marks: Vec<String>,
    /// Surfaces a mark may be on.
    pub surfaces: Vec<String>,
    /// Procedure steps, in the usual order.
    pub steps: Vec<String>,
}

/// What checking a draft found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    /// What is wrong, if anything (loading stops at the first problem).
    pub problems: Vec<FieldProblem>,
    /// The file the draft makes, as it would be saved.
    pub toml: String,
    /// The library name it was saved as ([`ConsoleUp::SaveScenario`], [`ConsoleUp::TryScenario`]).
    pub saved: Option<String>,
    /// The library now, when something was saved.
    pub scenarios: Vec<String>,
}

/// One problem in a draft, where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The field, as a path such as `cargo[3].position_mm` (empty: the whole draft).
    pub field: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// What a console learns when it is let in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Welcome {
    /// The session.
    pub session: String,
    /// `instructor` or `observer` (a trainee's token is refused).
    pub role: String,
    /// Whether this console may steer (an instructor's).
    pub steer: bool,
    /// Who, as the token or the page names them.
    pub name: String,
    /// The language of `words`.
    pub language: String,
    /// The page's words in that language, by key; `{$name}` marks where a value goes.
    pub words: std::collections::BTreeMap<String, String>,
    /// The scenarios the server's library has.
    pub scenarios: Vec<String>,
    /// Where the imported ones came from, by name (a scenario picker shows it).
    #[serde(default)]
    pub origins: std::collections::BTreeMap<String, OriginView>,
}

/// Where an imported scenario came from, as a picker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginView {
    /// The pack.
    pub pack: String,
    /// Its version.
    pub version: String,
    /// Who published it.
    pub publisher: String,
    /// Their administration.
    pub administration: String,
}

/// The room at one moment: the drill, the container, the cargo, the people, the findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveFrame {
    /// The session's tick.
    pub tick: u32,
    /// The drill.
    pub drill: DrillView,
    /// The container's inside, millimetres: length (x), height (y), width (z); the doors are
    /// at x = 0, the room's origin at the middle of the door end's floor.
    pub container_mm: [u32; 3],
    /// The doors.
    pub doors: Vec<DoorView>,
    /// The cargo.
    pub items: Vec<ItemView>,
    /// Everyone in the session, connected or holding their place.
    pub people: Vec<PersonView>,
    /// The findings marked so far.
    pub findings: Vec<FindingView>,
}

/// The drill's state, as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillView {
    /// Its number in the session.
    pub number: u32,
    /// The scenario.
    pub scenario: String,
    /// Its seed.
    pub seed: u64,
    /// Paused.
    pub paused: bool,
    /// Running time.
    pub elapsed_ms: u64,
    /// The limit, if any.
    pub time_limit_s: Option<u32>,
    /// The truth is out.
    pub revealed: bool,
    /// Trainees may not unmute themselves.
    pub self_unmute_locked: bool,
    /// Who leads.
    pub lead: Option<u16>,
    /// The container is re-sealed.
    pub resealed: bool,
    /// New observers may join.
    pub observers_open: bool,
    /// The drill whose debrief is open, if one is.
    pub debrief: Option<u32>,
    /// The risk-assessment stage runs (§12 of PROTOCOL.md): trainees choose, doors stay shut.
    pub risk_open: bool,
    /// How many trainees have chosen in it.
    pub chosen: u32,
}

/// A door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorView {
    /// Its id.
    pub id: u32,
    /// `left` or `right`.
    pub name: String,
    /// Open.
    pub open: bool,
}

/// A piece of cargo, seen from above.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    /// Its id.
    pub id: u32,
    /// Its label (scenario text, shown as written).
    pub label: String,
    /// Centre, millimetres: x (along), z (across).
    pub x: i32,
    /// See `x`.
    pub z: i32,
    /// Half its footprint, millimetres.
    pub half: [u32; 2],
    /// Turned about the vertical, tenths of a degree.
    pub yaw: i32,
    /// Someone holds it.
    pub held: bool,
    /// Opened.
    pub opened: bool,
}

/// A participant: their place on the map and their tile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    /// Their id.
    pub id: u16,
    /// Their name, as they wrote it (show it as text).
    pub name: String,
    /// Their administration's code.
    pub administration: String,
    /// `instructor`, `trainee` or `observer`.
    pub role: String,
    /// Connected (not holding their place after a drop).
    pub connected: bool,
    /// Where the head is, millimetres (none before the first pose, or for observers).
    pub at: Option<[i32; 3]>,
    /// Which way they look, tenths of a degree about the vertical (0: along +x).
    pub yaw: i32,
    /// Round trip, milliseconds.
    pub rtt_ms: u32,
    /// Lost snapshots, per thousand.
    pub loss_permille: u32,
    /// The tool they used last (`x-ray`, ...).
    pub tool: Option<String>,
    /// What they did last: a key of the console's words (`action-grab`, ...).
    pub last: Option<String>,
    /// Speaking now.
    pub talking: bool,
    /// Muted.
    pub muted: bool,
    /// Frozen.
    pub frozen: bool,
    /// Took part in this drill and has left (their name stays on their pins and readings).
    #[serde(default)]
    pub left: bool,
    /// Their colour, `#rrggbb`: the same as on their body and panel row in the headsets.
    #[serde(default)]
    pub colour: String,
    /// The language they interpret into, if they are an interpreter.
    #[serde(default)]
    pub interprets: Option<String>,
    /// Where their pointing hand's ray meets a surface, millimetres, while they point.
    #[serde(default)]
    pub points_at: Option<[i32; 3]>,
}

/// A finding's pin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingView {
    /// Its id.
    pub id: u32,
    /// Where, millimetres.
    pub at: [i32; 3],
    /// Its category (`false-wall`, ...).
    pub category: String,
    /// Who marked it, then co-signers.
    pub signers: Vec<u16>,
    /// `open`, `confirmed` or `rejected`.
    pub status: String,
}

/// One drill of the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillRow {
    /// Its number.
    pub number: u32,
    /// Its scenario.
    pub scenario: String,
    /// When it started (RFC 3339, UTC).
    pub started: String,
    /// How long it ran, seconds.
    pub seconds: u64,
    /// Still running.
    pub running: bool,
    /// Trainees in it.
    pub trainees: u32,
}

/// The class in the curriculum it follows: each learner of the roster, where they stand, and the
/// drill most of them need next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassStanding {
    /// The library's curricula: name and title.
    pub curricula: Vec<(String, String)>,
    /// The one the class follows, if any.
    pub following: Option<String>,
    /// The roster's learners, in its order (empty without a roster or a curriculum).
    pub learners: Vec<LearnerStanding>,
    /// The scenario most learners need next (what "start the next drill" starts), if any.
    pub next: Option<String>,
}

/// One learner in [`ClassStanding`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerStanding {
    /// The centre's id.
    pub learner: String,
    /// Their name, in their own script.
    pub name: String,
    /// The level they work on (the first not passed), or the last one when all are passed.
    pub level: String,
    /// Its status, in the reader's words.
    pub status: String,
    /// The measure, why not yet and the next drill, in the reader's words.
    pub why: Vec<String>,
    /// The scenario they need next, if any.
    pub next: Option<String>,
}

/// Invites to print or show: one card each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteSheet {
    /// The session.
    pub session: String,
    /// The server's address, for headsets that join by code.
    pub server: String,
    /// Until when the invites admit (RFC 3339, UTC).
    pub expires: String,
    /// Short codes last this many minutes.
    pub code_minutes: u32,
    /// The cards.
    pub cards: Vec<InviteCard>,
}

/// One invite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCard {
    /// Whose (the learner's name, or none for a role invite).
    pub name: Option<String>,
    /// Their administration's code, if a learner.
    pub administration: Option<String>,
    /// `trainee`, `observer`, `instructor`.
    pub role: String,
    /// The invite link.
    pub link: String,
    /// Six digits a headset can be told instead.
    pub code: String,
    /// The QR code of `link`: `size` rows of `size` modules, `1` dark, row after row.
    pub qr: String,
    /// Modules per row.
    pub qr_size: u32,
}

/// Why a console message could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsoleError {
    /// Longer than the side's limit.
    #[error("a console message of {0} bytes is over the limit")]
    TooLarge(usize),
    /// Not a message this protocol has.
    #[error("a console message does not read: {0}")]
    Malformed(String),
}

/// One message as it goes on the stream: its length, then its JSON.
pub fn encode<T: Serialize>(msg: &T) -> Vec<u8> {
    let json = serde_json::to_vec(msg).expect("console messages always serialise");
    let mut out = Vec::with_capacity(4 + json.len());
    out.extend_from_slice(&(json.len() as u32).to_be_bytes());
    out.extend_from_slice(&json);
    out
}

/// Splits a byte stream into messages, checking each length against a limit before buffering.
#[derive(Debug)]
pub struct ConsoleDecoder {
    limit: usize,
    buf: Vec<u8>,
    /// Bytes of a refused (too long) message still to come: dropped as they arrive.
    skip: usize,
}

impl ConsoleDecoder {
    /// A decoder for messages of at most `limit` bytes.
    pub fn new(limit: usize) -> ConsoleDecoder {
        ConsoleDecoder { limit, buf: Vec::new(), skip: 0 }
    }

    /// Takes bytes as they arrive (the rest of a refused message is dropped, never kept).
    pub fn handle_bytes(&mut self, bytes: &[u8]) {
        let dropped = self.skip.min(bytes.len());
        self.skip -= dropped;
        self.buf.extend_from_slice(&bytes[dropped..]);
    }

    /// The next whole message, if one has arrived.
    pub fn next_message<T: for<'de> Deserialize<'de>>(&mut self) -> Result<Option<T>, ConsoleError> {
        let Some(head) = self.buf.get(..4) else { return Ok(None) };
        let len = u32::from_be_bytes(head.try_into().expect("four bytes")) as usize;
        if len > self.limit {
            // Refused, and skipped as it streams past: the stream goes on with the next message.
            let have = self.buf.len() - 4;
            if have >= len {
                self.buf.drain(..4 + len);
            } else {
                self.skip = len - have;
                self.buf.clear();
            }
            return Err(ConsoleError::TooLarge(len));
        }
        if self.buf.len() < 4 + len {
            return Ok(None);
        }
        let msg = serde_json::from_slice(&self.buf[4..4 + len]).map_err(|e| ConsoleError::Malformed(e.to_string()));
        self.buf.drain(..4 + len);
        msg.map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_read_as_the_page_writes_them() {
        let up: ConsoleUp =
            serde_json::from_str(r#"{"t":"command","seq":7,"command":{"do":"mute","who":3,"muted":true}}"#).unwrap();
        let ConsoleUp::Command { seq: 7, command } = up else { panic!("not a command: {up:?}") };
        assert_eq!(command.to_command(), Command::Mute { who: Target::One(ParticipantId(3)), muted: true });
        let all: ConsoleCommand = serde_json::from_str(r#"{"do":"freeze","who":"trainees","frozen":true}"#).unwrap();
        assert_eq!(all.to_command(), Command::Freeze { who: Target::AllTrainees, frozen: true });
        let admit: ConsoleCommand = serde_json::from_str(r#"{"do":"admit_observers","open":false}"#).unwrap();
        assert_eq!(admit.to_command(), Command::AdmitObservers { open: false });
        let close: ConsoleCommand = serde_json::from_str(r#"{"do":"close_risk_stage"}"#).unwrap();
        assert_eq!(close.to_command(), Command::CloseRiskStage);
        assert!(serde_json::from_str::<ConsoleCommand>(r#"{"do":"format_disk"}"#).is_err());
    }

    #[test]
    fn the_decoder_splits_a_stream_and_refuses_a_long_message_before_buffering_it() {
        let hello = ConsoleUp::Hello { version: CONSOLE_VERSION, token: "t".into(), language: "th".into() };
        let mut bytes = encode(&hello);
        bytes.extend(encode(&ConsoleUp::Drills));
        let mut decoder = ConsoleDecoder::new(MAX_UP);
        for chunk in bytes.chunks(3) {
            decoder.handle_bytes(chunk);
        }
        assert_eq!(decoder.next_message::<ConsoleUp>().unwrap(), Some(hello));
        assert_eq!(decoder.next_message::<ConsoleUp>().unwrap(), Some(ConsoleUp::Drills));
        assert_eq!(decoder.next_message::<ConsoleUp>().unwrap(), None);

        let mut decoder = ConsoleDecoder::new(MAX_UP);
        decoder.handle_bytes(&((MAX_UP + 1) as u32).to_be_bytes());
        assert_eq!(decoder.next_message::<ConsoleUp>(), Err(ConsoleError::TooLarge(MAX_UP + 1)));
        // The rest of it streams past unkept, and the next message reads as usual.
        for chunk in vec![b'x'; MAX_UP + 1].chunks(16 * 1024) {
            decoder.handle_bytes(chunk);
            assert_eq!(decoder.next_message::<ConsoleUp>().unwrap(), None);
            assert!(decoder.buf.is_empty(), "nothing of a refused message is kept");
        }
        decoder.handle_bytes(&encode(&ConsoleUp::Drills));
        assert_eq!(decoder.next_message::<ConsoleUp>().unwrap(), Some(ConsoleUp::Drills));
        let mut decoder = ConsoleDecoder::new(MAX_UP);
        decoder.handle_bytes(&encode(&"not a message"));
        assert!(matches!(decoder.next_message::<ConsoleUp>(), Err(ConsoleError::Malformed(_))));
    }
}
