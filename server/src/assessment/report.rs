//! The report: what each trainee found, missed and did in one drill, computed from its records.

use super::coverage::{Coverage, Looked};
use super::score::{Components, Weights};
use crate::records::{DrillEnd, Learner, Record, StoredRecord};
use crate::scenario::{ActiveConcealment, Place, Scenario};
use anyhow::{Context, Result};
use crossdock_protocol::drill::{Category, Command, Finding, ReadingValue, Tool};
use crossdock_protocol::messages::ParticipantInfo;
use crossdock_protocol::phrase::{Phrase, ScenarioPhrase};
use crossdock_protocol::snapshot::{EntityKey, EntityState, decode_delta};
use crossdock_protocol::units;
use crossdock_protocol::{Intent, ParticipantId, Role, Tick};
use glam::Vec3;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, UNIX_EPOCH};

/// How far from a concealment a finding may be placed and still count, in metres.
pub const FIND_RADIUS: f32 = 1.5;
/// Side of the floor cells that "share examined" counts, in metres.
pub const CELL: f32 = 0.5;

/// The assessment of one drill.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// The session (room).
    pub session: String,
    /// The drill's number in the session.
    pub drill: u32,
    /// The scenario.
    pub scenario: String,
    /// Its randomisation seed.
    pub seed: u64,
    /// The pack it came from, if it was imported (`Record::Origin`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::scenario::Origin>,
    /// When the drill started, RFC 3339.
    pub started: String,
    /// How long the log of the drill runs, in seconds.
    pub duration_s: f64,
    /// Why the drill ended; `None` while it runs.
    pub ended: Option<DrillEnd>,
    /// The formula and weights every score below used.
    pub weights: Weights,
    /// The formula in words.
    pub formula: String,
    /// What was hidden.
    pub concealments: Vec<ConcealmentSummary>,
    /// The team's procedure: who did each step first.
    pub procedure: Procedure,
    /// One entry per trainee, best score first.
    pub trainees: Vec<TraineeReport>,
    /// The class as a whole, and per administration.
    pub class: ClassSummary,
    /// Instructors present.
    pub instructors: Vec<String>,
    /// The container and its cargo seen from above, for the pictures.
    pub floorplan: Floorplan,
    /// Moments an instructor marked for the debrief, in order.
    pub bookmarks: Vec<Bookmark>,
    /// Phrases said, in time order.
    pub said: Vec<SaidLine>,
    /// The live captions, in time order: a transcript in each speaker's own language.
    pub transcript: Vec<TranscriptLine>,
    /// Whether an instructor revealed the truth during the drill.
    pub revealed: bool,
    /// The hidden truth and the scores were left out ([`Report::for_role`]): the drill was still
    /// running, unrevealed, and the reader is no instructor.
    pub withheld: bool,
}

impl Report {
    /// The report as `role` may read it now: whole for instructors, and for everyone once the
    /// truth was revealed or the drill ended (`Role::sees_truth`); otherwise what the room saw
    /// (who took part, what they did and marked, where they went) without the concealments, the
    /// false wall on the pictures, hits, misses, false alarms, decisions, scores or ranks.
    pub fn for_role(mut self, role: Role) -> Report {
        if role.sees_truth(self.revealed || self.ended.is_some()) {
            return self;
        }
        self.withheld = true;
        self.concealments.clear();
        self.floorplan.front = 0.0;
        self.class = ClassSummary { trainees: self.trainees.len() as u32, ..ClassSummary::default() };
        for t in &mut self.trainees {
            t.rank = 0;
            t.hits.clear();
            t.misses.clear();
            t.false_alarms.clear();
            // Whether something was hidden, decision by decision, is the truth itself.
            t.decisions.clear();
            t.risk = t.risk.take().map(super::risk::RiskChoice::withheld);
            t.components = Components::default();
            t.score = 0.0;
            t.passed = false;
        }
        self.trainees.sort_by_key(|t| t.participant);
        self
    }
}

/// A moment an instructor marked.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bookmark {
    /// Seconds into the drill.
    pub at_s: f64,
    /// Who marked it.
    pub by: String,
    /// Their note (may be empty).
    pub note: String,
}

/// One final live caption.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TranscriptLine {
    /// Seconds into the drill (when the caption was final).
    pub at_s: f64,
    /// Who spoke.
    pub by: String,
    /// What the speech worker heard, in the speaker's language.
    pub text: String,
    /// The interpretation channel it was on (`None`: the floor).
    pub channel: Option<String>,
}

/// A phrase someone said (`Intent::Say`), for the report's reader to read in their language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SaidLine {
    /// Seconds into the drill.
    pub at_s: f64,
    /// Who said it.
    pub by: String,
    /// The phrase's id (`look-here`, `tool:x-ray`, `category:false-wall`, `scenario:ID`).
    pub phrase: String,
    /// A scenario phrase's texts, (language, text), English first; empty for the others,
    /// which the catalogues translate.
    pub texts: Vec<(String, String)>,
}

impl SaidLine {
    /// The phrase in `w`'s language: the catalogues' words, or the scenario's own text in that
    /// language (else English); an unknown id as written.
    pub fn text(&self, w: &crossdock_i18n::Words) -> String {
        if !self.texts.is_empty() {
            let own = ScenarioPhrase { id: self.phrase.clone(), texts: self.texts.clone() };
            return own.text(w.language()).to_owned();
        }
        Phrase::from_id(&self.phrase)
            .and_then(|p| p.key())
            .and_then(|key| w.find(&key))
            .unwrap_or_else(|| self.phrase.clone())
    }
}

/// The container's inside from above, metres: x along its length (front wall 0, doors at
/// `length`), z across from the left wall.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Floorplan {
    /// Inside length.
    pub length: f32,
    /// Inside width.
    pub width: f32,
    /// Inside height.
    pub height: f32,
    /// Where the visible front wall stands (a false wall), 0 for none.
    pub front: f32,
    /// Each package where the drill started.
    pub cargo: Vec<Footprint>,
}

/// A package's place on the floor.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Footprint {
    /// The scenario's id.
    pub id: String,
    /// Its corner nearest the front wall and the left wall.
    pub x: f32,
    /// See `x`.
    pub z: f32,
    /// Along x.
    pub length: f32,
    /// Along z.
    pub width: f32,
}

/// Where a head was, seconds into the drill (metres, the floorplan's frame).
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct TrailPoint {
    /// Seconds into the drill.
    pub at_s: f64,
    /// Along the container.
    pub x: f32,
    /// Across it, from the left wall.
    pub z: f32,
}

impl Report {
    /// `SESSION/NUMBER`.
    pub fn drill_id(&self) -> String {
        format!("{}/{}", self.session, self.drill)
    }
}

/// A concealment, named for the report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConcealmentSummary {
    /// The scenario's id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// How it was hidden.
    pub description: String,
    /// What would have shown it.
    pub shown_by: Vec<String>,
}

/// Procedure steps in the order the scenario expects, as the team did them.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Procedure {
    /// Each expected step, in order.
    pub steps: Vec<Step>,
    /// Steps done in the expected order.
    pub score: u32,
    /// Steps expected.
    pub max: u32,
}

/// One procedure step.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Step {
    /// Its name.
    pub step: String,
    /// Seconds into the drill it was first done, if it was.
    pub at_s: Option<f64>,
    /// Who did it first (participant id).
    pub by: Option<u16>,
    /// Their display name.
    pub by_name: Option<String>,
    /// Done, and before every later step that was done.
    pub in_order: bool,
}

/// One trainee's results.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct TraineeReport {
    /// Place in the class, 1 for the best score (ties share a place).
    pub rank: u32,
    /// Participant id in the session.
    pub participant: u16,
    /// The learner a personal invite named; `None`: unnamed (a role invite).
    pub learner: Option<Learner>,
    /// Display name.
    pub name: String,
    /// Administration.
    pub administration: String,
    /// Locale.
    pub locale: String,
    /// Concealments this trainee's findings hit, with the time to detection.
    pub hits: Vec<Hit>,
    /// Concealments this trainee did not find, and what would have shown each.
    pub misses: Vec<Miss>,
    /// Ids of this trainee's findings that match nothing hidden.
    pub false_alarms: Vec<u32>,
    /// Their decisions as signal detection trials: the container as a whole, then each category
    /// a concealment of the scenario could be in (and any other they flagged).
    pub decisions: Vec<Decision>,
    /// Their choice in the risk-assessment stage, scored; `None` when the scenario has no such
    /// stage or they did not choose.
    pub risk: Option<super::risk::RiskChoice>,
    /// Share of the container floor this trainee's hands or tools came near, 0 to 1.
    pub examined_share: f64,
    /// The procedure steps this trainee did, first time each, in the order they did them.
    pub steps: Vec<Step>,
    /// The tools this trainee read the container with (the indicators they checked).
    pub tools_used: Vec<String>,
    /// What they did, in order.
    pub actions: Vec<Action>,
    /// Findings this trainee signed with someone else.
    pub joint_findings: u32,
    /// Tool readings taken.
    pub readings: u32,
    /// Seconds of speech relayed (20 ms per voice frame), from the log's talk spurts.
    pub spoke_s: f64,
    /// Talk spurts (stretches of speech without a pause over 400 ms).
    pub spurts: u32,
    /// Times they joined from a second place while still connected at the first (an invite
    /// used on two devices, or shared).
    pub second_places: u32,
    /// The parts of the score.
    pub components: Components,
    /// Scaled score, 0 to 1.
    pub score: f64,
    /// Passed (see [`score`]).
    pub passed: bool,
    /// When they spoke.
    pub speech: Vec<Spurt>,
    /// The path their head walked, a point a second.
    pub trail: Vec<TrailPoint>,
    /// The cells of walls, floor and roof their gaze fell on, and how often (ten times a second).
    pub looked_at: Vec<Looked>,
    /// The packages their gaze fell on, and how often.
    pub looked_at_cargo: Vec<(String, u32)>,
}

/// One decision a trainee made, as a signal detection trial ([`super::detection`]).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Decision {
    /// What about: [`CONTAINER`] (anything hidden at all) or a category's name.
    pub about: String,
    /// Something of it was hidden.
    pub present: bool,
    /// They flagged it: a finding of theirs (for the container, any finding).
    pub flagged: bool,
    /// Seconds from the drill's start to their first finding about it, if they flagged it.
    pub seconds: Option<f64>,
}

/// [`Decision::about`] for the container as a whole.
pub const CONTAINER: &str = "container";

/// A concealment found.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    /// The concealment.
    pub concealment: String,
    /// The finding that hit it.
    pub finding: u32,
    /// Seconds from the drill's start to the finding.
    pub seconds: f64,
}

/// A concealment missed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Miss {
    /// The concealment.
    pub concealment: String,
    /// The readings that would have shown it.
    pub shown_by: Vec<String>,
    /// Of those, the ones this trainee took (they had the evidence and did not mark it).
    pub taken: Vec<String>,
}

/// One thing a trainee did.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Action {
    /// Seconds into the drill.
    pub at_s: f64,
    /// What kind of thing, for the timeline's marks.
    pub kind: ActionKind,
    /// What (`markdown::did` says it in the reader's language).
    pub did: Did,
}

/// What someone did, as the report says it (in words only when it is shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "did", rename_all = "kebab-case")]
pub enum Did {
    /// Took a reading with a tool (its key, e.g. `x-ray`).
    Used {
        /// The tool's key.
        tool: String,
    },
    /// Opened a package, and what was in it.
    Opened {
        /// Its content, as the scenario wrote it.
        content: String,
    },
    /// Opened or closed a door.
    Door {
        /// Opened, or closed.
        open: bool,
    },
    /// Re-sealed the container with a new seal.
    Resealed {
        /// The new seal's number, as typed.
        number: String,
    },
    /// Marked or co-signed a finding.
    Finding {
        /// The finding.
        id: u32,
        /// Its category's key.
        category: String,
        /// A co-signature rather than the first mark.
        cosigned: bool,
    },
}

impl Did {
    /// Its mark on the timeline.
    pub fn kind(&self) -> ActionKind {
        match self {
            Did::Used { .. } | Did::Opened { .. } => ActionKind::Reading,
            Did::Door { .. } => ActionKind::Door,
            Did::Resealed { .. } => ActionKind::Seal,
            Did::Finding { .. } => ActionKind::Finding,
        }
    }
}

/// A tool's key in the domain's words (`tool-x-ray`) and the report's data.
pub fn tool_key(tool: Tool) -> String {
    crossdock_i18n::kebab(&format!("{tool:?}"))
}

/// Kinds of action, as the timeline marks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    /// A tool reading.
    Reading,
    /// A door opened or closed.
    Door,
    /// The container re-sealed.
    Seal,
    /// A finding marked or co-signed.
    Finding,
}

/// A stretch of speech: from when, how long (seconds).
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Spurt {
    /// Seconds into the drill.
    pub at_s: f64,
    /// Its length in seconds.
    pub seconds: f64,
}

/// The class: average, pass count, and the same per administration.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct ClassSummary {
    /// Trainees.
    pub trainees: u32,
    /// Trainees who passed.
    pub passed: u32,
    /// Mean score.
    pub average: f64,
    /// Per administration, by code.
    pub administrations: Vec<AdministrationSummary>,
}

/// One administration's trainees in a cross-border drill.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AdministrationSummary {
    /// Its code.
    pub administration: String,
    /// Trainees.
    pub trainees: u32,
    /// Trainees who passed.
    pub passed: u32,
    /// Mean score.
    pub average: f64,
    /// Concealments found by at least one of them.
    pub found: Vec<String>,
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The readings that reveal an indicator (the scenario format's indicator names).
pub fn revealed_by(indicator: &str) -> &'static [Tool] {
    match indicator {
        "short-internal-length" => &[Tool::TapeMeasure],
        "fresh-welds" | "new-paint" | "non-standard-stacking" => &[Tool::Flashlight],
        "weight-gap" => &[Tool::Scale],
        "density-anomaly" => &[Tool::DensityMeter, Tool::XRay],
        "trace" => &[Tool::TraceDetector],
        "radiation" => &[Tool::RadiationPager],
        "seal-mismatch" => &[Tool::SealCheck, Tool::Documents],
        "hs-mismatch" | "high-risk-route" => &[Tool::Documents],
        "odd-smell" => &[Tool::Fiberscope],
        _ => &[],
    }
}

/// The tools that would have shown a concealment: its indicators' readings, and for anything
/// inside a package, opening it.
fn shown_by(c: &ActiveConcealment) -> Vec<Tool> {
    let mut tools: BTreeSet<Tool> = c.indicators.iter().flat_map(|i| revealed_by(i).iter().copied()).collect();
    if matches!(c.place, Place::Inside { .. }) {
        tools.insert(Tool::Knife);
    }
    tools.into_iter().collect()
}

/// The procedure step a reading counts for.
fn step_of(tool: Tool, value: &ReadingValue) -> Option<&'static str> {
    match (tool, value) {
        (Tool::Documents, _) => Some("check-documents"),
        (Tool::SealCheck, _) => Some("check-seal"),
        (Tool::XRay, _) => Some("scan"),
        (_, ReadingValue::Opened { .. }) | (Tool::Fiberscope, _) => Some("intrusive"),
        _ => None,
    }
}

/// Whether a finding reports this concealment: matching category (a false wall or a weight
/// gap also counts for what they hide) and, where it has a place, close enough to it.
pub fn matches(finding: &Finding, c: &ActiveConcealment, hosts: &BTreeMap<String, Vec3>) -> bool {
    let indicated = |name: &str| c.indicators.iter().any(|i| i == name);
    // A weight gap or a seal mismatch is a real finding wherever the concealment causing it is.
    if (finding.category == Category::WeightDiscrepancy && (matches!(c.place, Place::Load) || indicated("weight-gap")))
        || (finding.category == Category::SealTampering
            && (matches!(c.place, Place::Seal) || indicated("seal-mismatch")))
    {
        return true;
    }
    let category_ok = finding.category == c.category
        || (finding.category == Category::FalseWall && matches!(c.place, Place::FalseWall { .. }));
    if !category_ok {
        return false;
    }
    let p = units::point(finding.place);
    match &c.place {
        Place::Load | Place::Seal => true,
        Place::FalseWall { depth_mm } => p.x <= units::metres(*depth_mm) + FIND_RADIUS,
        Place::Inside { cargo } => hosts.get(cargo).copied().unwrap_or(c.position).distance(p) <= FIND_RADIUS,
        Place::Structure { .. } => c.position.distance(p) <= FIND_RADIUS,
    }
}

/// Everything the report needs, folded from the drill's records in one pass.
#[derive(Default)]
struct Fold {
    people: BTreeMap<ParticipantId, ParticipantInfo>,
    learners: BTreeMap<ParticipantId, Learner>,
    findings: BTreeMap<u32, Finding>,
    talk: BTreeMap<ParticipantId, (u32, u32)>,
    /// (step, participant) → first tick; and each step's first doer.
    own_steps: BTreeMap<(ParticipantId, &'static str), Tick>,
    team_steps: BTreeMap<&'static str, (Tick, ParticipantId)>,
    tools: BTreeMap<ParticipantId, BTreeSet<Tool>>,
    readings: BTreeMap<ParticipantId, u32>,
    actions: BTreeMap<ParticipantId, Vec<(Tick, Did)>>,
    spurts: BTreeMap<ParticipantId, Vec<(Tick, u32)>>,
    near: BTreeMap<ParticipantId, BTreeSet<(i32, i32)>>,
    hosts: BTreeMap<String, Vec3>,
    coverage: Coverage,
    bookmarks: Vec<(Tick, ParticipantId, String)>,
    said: Vec<(Tick, ParticipantId, Phrase)>,
    transcript: Vec<(Tick, ParticipantId, String, Option<String>)>,
    last_tick: Tick,
    ended: Option<DrillEnd>,
    revealed: bool,
    second_places: BTreeMap<ParticipantId, u32>,
    /// Each trainee's choice in the risk-assessment stage: when, which candidate, the signs cited.
    choices: BTreeMap<ParticipantId, (Tick, u8, Vec<crossdock_protocol::drill::RiskSign>)>,
}

impl Fold {
    fn step(&mut self, name: &'static str, by: ParticipantId, tick: Tick) {
        self.own_steps.entry((by, name)).or_insert(tick);
        self.team_steps.entry(name).or_insert((tick, by));
    }

    fn act(&mut self, by: ParticipantId, tick: Tick, did: Did) {
        self.actions.entry(by).or_default().push((tick, did));
    }
}

/// A trainee's decisions, from their findings (`mine`): the container, then each category the
/// scenario could hide something in, and any other they flagged. A finding that reports a
/// concealment ([`matches`]: a false wall counts for what it hides) flags that concealment's
/// category; one that reports nothing flags its own (a false alarm there).
fn decisions(
    scenario: &Scenario,
    mine: &[&Finding],
    hosts: &BTreeMap<String, Vec3>,
    seconds: &dyn Fn(Tick) -> f64,
) -> Vec<Decision> {
    let flags: Vec<(Category, Tick)> = mine
        .iter()
        .map(|f| {
            let hit = scenario.concealments.iter().find(|c| matches(f, c, hosts));
            (hit.map_or(f.category, |c| c.category), f.tick)
        })
        .collect();
    let first = |of: &dyn Fn(Category) -> bool| flags.iter().filter(|(c, _)| of(*c)).map(|(_, t)| *t).min();
    let container = first(&|_| true);
    let mut out = vec![Decision {
        about: CONTAINER.to_owned(),
        present: !scenario.concealments.is_empty(),
        flagged: container.is_some(),
        seconds: container.map(seconds),
    }];
    let mut about: Vec<Category> = scenario.possible.clone();
    about.extend(flags.iter().map(|(c, _)| *c));
    about.sort();
    about.dedup();
    for category in about {
        let at = first(&|c| c == category);
        out.push(Decision {
            about: category.as_str().to_owned(),
            present: scenario.concealments.iter().any(|c| c.category == category),
            flagged: at.is_some(),
            seconds: at.map(seconds),
        });
    }
    out
}

/// Computes the report of drill `drill` of `session` from its records (the store's
/// `read_drill`). Records of an earlier drill before the last `ScenarioStarted` are ignored.
pub fn report(session: &str, drill: u32, records: &[StoredRecord]) -> Result<Report> {
    let start = records
        .iter()
        .rposition(|r| matches!(r.entry.record, Record::ScenarioStarted { .. }))
        .context("the log has no drill: was the session ever joined?")?;
    let records = &records[start..];
    let Record::ScenarioStarted { name, seed, source, unix_ms, tick_hz } = &records[0].entry.record else {
        unreachable!("rposition found a ScenarioStarted")
    };
    let scenario = Scenario::from_log(name, source, *seed).context("the logged scenario does not parse")?;
    let hz = f64::from((*tick_hz).max(1));
    let t0 = records[0].entry.tick;
    let seconds = |tick: Tick| round3(f64::from(tick.0.saturating_sub(t0.0)) / hz);
    let fold = fold(&scenario, *tick_hz, records);
    let weights = scenario.weights;

    let steps: Vec<Step> = scenario
        .procedure
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let first = fold.team_steps.get(name.as_str()).copied();
            let later_before = scenario.procedure[i + 1..]
                .iter()
                .filter_map(|n| fold.team_steps.get(n.as_str()))
                .any(|(t, _)| first.is_some_and(|(ft, _)| *t < ft));
            Step {
                step: name.clone(),
                at_s: first.map(|(t, _)| seconds(t)),
                by: first.map(|(_, p)| p.0),
                by_name: first.and_then(|(_, p)| fold.people.get(&p)).map(|p| p.display_name.clone()),
                in_order: first.is_some() && !later_before,
            }
        })
        .collect();
    let procedure =
        Procedure { score: steps.iter().filter(|s| s.in_order).count() as u32, max: steps.len() as u32, steps };

    let (x_cells, z_cells) = floor_cells(&scenario);
    let size = scenario.container_size();
    let half_width = size.z / 2.0;
    let total_cells = (x_cells * z_cells).max(1) as f64;
    let mut trainees: Vec<TraineeReport> = fold
        .people
        .values()
        .filter(|p| p.role == Role::Trainee)
        .map(|p| {
            let mine: Vec<&Finding> = fold.findings.values().filter(|f| f.signers.contains(&p.id)).collect();
            let used = fold.tools.get(&p.id).cloned().unwrap_or_default();
            let mut hits = Vec::new();
            let mut misses = Vec::new();
            for c in &scenario.concealments {
                match mine.iter().filter(|f| matches(f, c, &fold.hosts)).min_by_key(|f| f.tick) {
                    Some(f) => hits.push(Hit { concealment: c.id.clone(), finding: f.id, seconds: seconds(f.tick) }),
                    None => {
                        let tools = shown_by(c);
                        misses.push(Miss {
                            concealment: c.id.clone(),
                            shown_by: tools.iter().map(|t| tool_key(*t)).collect(),
                            taken: tools.iter().filter(|t| used.contains(t)).map(|t| tool_key(*t)).collect(),
                        });
                    }
                }
            }
            let false_alarms: Vec<u32> = mine
                .iter()
                .filter(|f| !scenario.concealments.iter().any(|c| matches(f, c, &fold.hosts)))
                .map(|f| f.id)
                .collect();
            let decisions = decisions(&scenario, &mine, &fold.hosts, &seconds);
            let examined = fold.near.get(&p.id).map_or(0, |cells| {
                cells.iter().filter(|(x, z)| (0..x_cells).contains(x) && (0..z_cells).contains(z)).count()
            });
            let own = own_steps(&scenario, &fold, p.id, &seconds, &p.display_name);
            let in_order = own.iter().filter(|s| s.in_order).count();
            let procedure_share = in_order as f64 / scenario.procedure.len().max(1) as f64;
            let detection = if scenario.concealments.is_empty() {
                if false_alarms.is_empty() { procedure_share } else { 0.0 }
            } else {
                hits.len() as f64 / scenario.concealments.len() as f64
            };
            let components = Components {
                detection: round3(detection),
                procedure: round3(procedure_share),
                examined: round3(examined as f64 / total_cells),
                false_alarms: false_alarms.len() as u32,
            };
            let score = components.score(&weights);
            TraineeReport {
                rank: 0,
                participant: p.id.0,
                learner: fold.learners.get(&p.id).cloned(),
                name: p.display_name.clone(),
                administration: p.administration.clone(),
                locale: p.locale.clone(),
                joint_findings: mine.iter().filter(|f| f.signers.len() > 1).count() as u32,
                readings: fold.readings.get(&p.id).copied().unwrap_or(0),
                spoke_s: round3(f64::from(fold.talk.get(&p.id).map_or(0, |t| t.1)) * 0.02),
                spurts: fold.talk.get(&p.id).map_or(0, |t| t.0),
                second_places: fold.second_places.get(&p.id).copied().unwrap_or(0),
                tools_used: used.iter().map(|t| tool_key(*t)).collect(),
                actions: fold
                    .actions
                    .get(&p.id)
                    .map(|a| {
                        a.iter()
                            .map(|(t, did)| Action { at_s: seconds(*t), kind: did.kind(), did: did.clone() })
                            .collect()
                    })
                    .unwrap_or_default(),
                hits,
                misses,
                false_alarms,
                decisions,
                risk: scenario.risk.as_ref().zip(fold.choices.get(&p.id)).map(|(risk, (tick, chosen, cited))| {
                    super::risk::assess(risk, usize::from(*chosen), cited, seconds(*tick))
                }),
                examined_share: components.examined,
                passed: components.passed(&weights, own.len()),
                steps: own,
                components,
                score,
                speech: fold.spurts.get(&p.id).map_or_else(Vec::new, |s| {
                    s.iter()
                        .map(|(start, ticks)| Spurt { at_s: seconds(*start), seconds: round3(f64::from(*ticks) / hz) })
                        .collect()
                }),
                trail: fold.coverage.trails.get(&p.id).map_or_else(Vec::new, |t| {
                    t.iter()
                        .map(|(tick, [x, z])| TrailPoint { at_s: seconds(*tick), x: *x, z: z + half_width })
                        .collect()
                }),
                looked_at: fold.coverage.cells.get(&p.id).map_or_else(Vec::new, |c| {
                    c.iter().map(|(at, samples)| Looked { at: *at, samples: *samples }).collect()
                }),
                looked_at_cargo: fold
                    .coverage
                    .cargo
                    .get(&p.id)
                    .map_or_else(Vec::new, |c| c.iter().map(|(id, n)| (id.clone(), *n)).collect()),
            }
        })
        .collect();
    trainees.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.participant.cmp(&b.participant)));
    for i in 0..trainees.len() {
        trainees[i].rank =
            if i > 0 && trainees[i].score == trainees[i - 1].score { trainees[i - 1].rank } else { i as u32 + 1 };
    }
    Ok(Report {
        session: session.to_owned(),
        drill,
        scenario: scenario.name.clone(),
        seed: scenario.seed,
        origin: records.iter().find_map(|r| match &r.entry.record {
            Record::Origin(origin) => Some(origin.clone()),
            _ => None,
        }),
        started: rfc3339(*unix_ms),
        duration_s: seconds(fold.last_tick),
        ended: fold.ended,
        formula: super::score::formula(&super::words::words("en"), &weights),
        weights,
        concealments: scenario
            .concealments
            .iter()
            .map(|c| ConcealmentSummary {
                id: c.id.clone(),
                category: c.category.as_str().to_owned(),
                description: c.description.clone(),
                shown_by: shown_by(c).into_iter().map(tool_key).collect(),
            })
            .collect(),
        procedure,
        class: class_summary(&trainees),
        trainees,
        instructors: fold
            .people
            .values()
            .filter(|p| p.role == Role::Instructor)
            .map(|p| p.display_name.clone())
            .collect(),
        revealed: fold.revealed,
        withheld: false,
        bookmarks: fold
            .bookmarks
            .iter()
            .map(|(tick, by, note)| Bookmark {
                at_s: seconds(*tick),
                by: fold.people.get(by).map_or_else(|| format!("#{}", by.0), |p| p.display_name.clone()),
                note: note.clone(),
            })
            .collect(),
        said: fold
            .said
            .iter()
            .map(|(tick, by, phrase)| SaidLine {
                at_s: seconds(*tick),
                by: fold.people.get(by).map_or_else(|| format!("#{}", by.0), |p| p.display_name.clone()),
                phrase: phrase.id(),
                texts: phrase.own(&scenario.phrases).map(|p| p.texts.clone()).unwrap_or_default(),
            })
            .collect(),
        transcript: fold
            .transcript
            .iter()
            .map(|(tick, by, text, channel)| TranscriptLine {
                at_s: seconds(*tick),
                by: fold.people.get(by).map_or_else(|| format!("#{}", by.0), |p| p.display_name.clone()),
                text: text.clone(),
                channel: channel.clone(),
            })
            .collect(),
        floorplan: Floorplan {
            length: size.x,
            width: size.z,
            height: size.y,
            front: scenario.false_wall_depth().unwrap_or(0.0),
            cargo: scenario
                .cargo
                .iter()
                .map(|c| {
                    let s = units::size(c.size_mm);
                    Footprint {
                        id: c.id.clone(),
                        x: c.position.x - s.x / 2.0,
                        z: c.position.z - s.z / 2.0 + half_width,
                        length: s.x,
                        width: s.z,
                    }
                })
                .collect(),
        },
    })
}

/// One pass over the drill's records.
fn fold(scenario: &Scenario, hz: u16, records: &[StoredRecord]) -> Fold {
    let mut f = Fold { coverage: Coverage::new(scenario, hz), ..Fold::default() };
    let mut item_ids: BTreeMap<u16, String> = BTreeMap::new();
    // Items are numbered after the two doors and the seal, in scenario order.
    for (i, c) in scenario.cargo.iter().enumerate() {
        item_ids.insert(4 + i as u16, c.id.clone());
        f.hosts.insert(c.id.clone(), c.position);
    }
    let half_width = scenario.container_size().z / 2.0;
    f.last_tick = records[0].entry.tick;
    for r in records {
        let tick = r.entry.tick;
        f.last_tick = tick;
        match &r.entry.record {
            Record::Joined(info) => {
                f.people.insert(info.id, info.clone());
            }
            Record::Identified { participant, learner } => {
                f.learners.insert(*participant, learner.clone());
            }
            Record::Reading(reading) => {
                if let Some(name) = step_of(reading.tool, &reading.value) {
                    f.step(name, reading.by, tick);
                }
                f.tools.entry(reading.by).or_default().insert(reading.tool);
                *f.readings.entry(reading.by).or_default() += 1;
                let did = match &reading.value {
                    ReadingValue::Opened { content, .. } => Did::Opened { content: content.clone() },
                    _ => Did::Used { tool: tool_key(reading.tool) },
                };
                f.act(reading.by, tick, did);
                f.near.entry(reading.by).or_default().insert(cell(reading.aim.position(), half_width));
            }
            Record::Applied { by, intent: Intent::SetDoor { open, .. } } => {
                if *open {
                    f.step("open-doors", *by, tick);
                }
                f.act(*by, tick, Did::Door { open: *open });
            }
            Record::Applied { intent: Intent::Instruct(Command::RevealTruth), .. } => f.revealed = true,
            Record::Applied { by, intent: Intent::Choose { candidate, signs } } => {
                f.choices.entry(*by).or_insert((tick, *candidate, signs.clone()));
            }
            Record::Applied { by, intent: Intent::Instruct(Command::Bookmark { note }) } => {
                f.bookmarks.push((tick, *by, note.clone()));
            }
            Record::Applied { by, intent: Intent::Say { phrase, .. } } => f.said.push((tick, *by, phrase.clone())),
            Record::Caption { participant, text, channel, .. } => {
                f.transcript.push((tick, *participant, text.clone(), channel.clone()))
            }
            Record::Applied { by, intent: Intent::Reseal { number } } => {
                f.step("reseal", *by, tick);
                f.act(*by, tick, Did::Resealed { number: number.clone() });
            }
            Record::Spoke { participant, frames, start, ticks, .. } => {
                let (spurts, total) = f.talk.entry(*participant).or_default();
                *spurts += 1;
                *total += frames;
                f.spurts.entry(*participant).or_default().push((*start, *ticks));
            }
            Record::Finding(finding) => {
                let before = f.findings.get(&finding.id).map_or(0, |old| old.signers.len());
                for (i, signer) in finding.signers.iter().enumerate().skip(before) {
                    f.step("mark-findings", *signer, tick);
                    let category = finding.category.as_str().to_owned();
                    f.act(*signer, tick, Did::Finding { id: finding.id, category, cosigned: i > 0 });
                }
                f.findings.insert(finding.id, finding.clone());
            }
            Record::Keyframe(bytes) => {
                let Ok((_, snapshot)) = decode_delta(bytes, None) else { continue };
                f.coverage.keyframe(tick, &snapshot);
                for (key, state) in &snapshot.entities {
                    match (key, state) {
                        (EntityKey::Avatar(p), EntityState::Avatar(a)) => {
                            let cells = f.near.entry(*p).or_default();
                            for hand in [a.left.position(), a.right.position()] {
                                for dx in [-CELL, 0.0, CELL] {
                                    for dz in [-CELL, 0.0, CELL] {
                                        cells.insert(cell(hand + Vec3::new(dx, 0.0, dz), half_width));
                                    }
                                }
                            }
                        }
                        (EntityKey::Item(id), EntityState::Item(pose)) => {
                            if let Some(sid) = item_ids.get(&id.0) {
                                f.hosts.insert(sid.clone(), pose.position());
                            }
                        }
                        _ => {}
                    }
                }
            }
            Record::DrillEnded { reason, .. } => f.ended = Some(*reason),
            Record::SecondPlace { participant } => *f.second_places.entry(*participant).or_default() += 1,
            _ => {}
        }
    }
    f
}

/// The steps `who` did, first time each, in the order they did them; in order when no step the
/// scenario expects later was done by them before it.
fn own_steps(
    scenario: &Scenario,
    f: &Fold,
    who: ParticipantId,
    seconds: &dyn Fn(Tick) -> f64,
    name: &str,
) -> Vec<Step> {
    let when = |step: &str| f.own_steps.iter().find(|((p, s), _)| *p == who && *s == step).map(|(_, t)| *t);
    let mut steps: Vec<(Tick, Step)> = scenario
        .procedure
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let t = when(step)?;
            let later_before = scenario.procedure[i + 1..].iter().filter_map(|n| when(n)).any(|lt| lt < t);
            Some((
                t,
                Step {
                    step: step.clone(),
                    at_s: Some(seconds(t)),
                    by: Some(who.0),
                    by_name: Some(name.to_owned()),
                    in_order: !later_before,
                },
            ))
        })
        .collect();
    steps.sort_by_key(|(t, _)| *t);
    steps.into_iter().map(|(_, s)| s).collect()
}

fn class_summary(trainees: &[TraineeReport]) -> ClassSummary {
    let mean =
        |scores: &[f64]| if scores.is_empty() { 0.0 } else { round3(scores.iter().sum::<f64>() / scores.len() as f64) };
    let mut by_admin: BTreeMap<&str, Vec<&TraineeReport>> = BTreeMap::new();
    for t in trainees {
        by_admin.entry(t.administration.as_str()).or_default().push(t);
    }
    ClassSummary {
        trainees: trainees.len() as u32,
        passed: trainees.iter().filter(|t| t.passed).count() as u32,
        average: mean(&trainees.iter().map(|t| t.score).collect::<Vec<_>>()),
        administrations: by_admin
            .into_iter()
            .map(|(admin, ts)| AdministrationSummary {
                administration: admin.to_owned(),
                trainees: ts.len() as u32,
                passed: ts.iter().filter(|t| t.passed).count() as u32,
                average: mean(&ts.iter().map(|t| t.score).collect::<Vec<_>>()),
                found: ts
                    .iter()
                    .flat_map(|t| t.hits.iter().map(|h| h.concealment.clone()))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
            })
            .collect(),
    }
}

fn floor_cells(scenario: &Scenario) -> (i32, i32) {
    let size = scenario.container_size();
    ((size.x / CELL).ceil() as i32, (size.z / CELL).ceil() as i32)
}

/// The floor cell under `p`, counting z from the left wall (`half_width` from the axis).
fn cell(p: Vec3, half_width: f32) -> (i32, i32) {
    ((p.x / CELL).floor() as i32, ((p.z + half_width) / CELL).floor() as i32)
}

/// A Unix-millisecond time as RFC 3339.
pub fn rfc3339(unix_ms: u64) -> String {
    humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(unix_ms)).to_string()
}
