//! Assessment: what each trainee found, missed and did, computed from the event log alone, as
//! JSON, Markdown or xAPI 2.0 statements. The same log always gives the same report.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::time::{Duration, UNIX_EPOCH};

use anyhow::{Context, Result};
use crossdock_protocol::drill::{Category, Finding, Reading, ReadingValue, Tool};
use crossdock_protocol::messages::ParticipantInfo;
use crossdock_protocol::snapshot::{EntityKey, EntityState, decode_delta};
use crossdock_protocol::{Intent, ParticipantId, Role};
use glam::Vec3;
use serde::Serialize;
use serde_json::json;

use crate::records::{Record, StoredRecord};
use crate::scenario::{ActiveConcealment, Place, Scenario};

/// How far from a concealment a finding may be placed and still count, in metres.
pub const FIND_RADIUS: f32 = 1.5;
/// Side of the floor cells that "share examined" counts, in metres.
pub const CELL: f32 = 0.5;
/// A trainee passes at this scaled score.
pub const PASS: f64 = 0.6;

/// The assessment of one drill (the session's latest scenario run).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// The session.
    pub session: String,
    /// The scenario.
    pub scenario: String,
    /// Its randomisation seed.
    pub seed: u64,
    /// When the drill started, RFC 3339.
    pub started: String,
    /// How long the log of the drill runs, in seconds.
    pub duration_s: f64,
    /// What was hidden.
    pub concealments: Vec<ConcealmentSummary>,
    /// The team's procedure.
    pub procedure: Procedure,
    /// One entry per trainee.
    pub trainees: Vec<TraineeReport>,
    /// Instructors present.
    pub instructors: Vec<String>,
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
}

/// Procedure steps in the order the scenario expects.
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
    /// Who did it first.
    pub by: Option<u16>,
    /// Done, and before every later step that was done.
    pub in_order: bool,
}

/// One trainee's results.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TraineeReport {
    /// Participant id in the session.
    pub participant: u16,
    /// Display name.
    pub name: String,
    /// Administration.
    pub administration: String,
    /// Locale.
    pub locale: String,
    /// Concealments this trainee's findings hit, with the time to detection.
    pub hits: Vec<Hit>,
    /// Concealments this trainee did not find.
    pub misses: Vec<String>,
    /// Ids of this trainee's findings that match nothing hidden.
    pub false_alarms: Vec<u32>,
    /// Share of the container floor this trainee's hands or tools came near, 0 to 1.
    pub examined_share: f64,
    /// Procedure steps this trainee was first to do.
    pub steps_done: Vec<String>,
    /// Findings this trainee signed with someone else.
    pub joint_findings: u32,
    /// Tool readings taken.
    pub readings: u32,
    /// Seconds of speech relayed (20 ms per voice frame), from the log's talk spurts.
    pub spoke_s: f64,
    /// Talk spurts (stretches of speech without a pause over 400 ms).
    pub spurts: u32,
    /// Scaled score, 0 to 1.
    pub score: f64,
    /// Score at least [`PASS`].
    pub passed: bool,
}

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

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The records of the session's latest drill, with its scenario and start.
struct Drill<'a> {
    scenario: Scenario,
    records: &'a [StoredRecord],
    unix_ms: u64,
    hz: f64,
}

impl Drill<'_> {
    fn seconds(&self, tick: crossdock_protocol::Tick) -> f64 {
        round3(f64::from(tick.0.saturating_sub(self.records[0].entry.tick.0)) / self.hz)
    }
}

fn latest_drill(records: &[StoredRecord]) -> Result<Drill<'_>> {
    let start = records
        .iter()
        .rposition(|r| matches!(r.entry.record, Record::ScenarioStarted { .. }))
        .context("the log has no drill: was the session ever joined?")?;
    let Record::ScenarioStarted { name, seed, source, unix_ms, tick_hz } = &records[start].entry.record else {
        unreachable!("rposition found a ScenarioStarted")
    };
    let scenario = Scenario::parse(name, source, Some(*seed)).context("the logged scenario does not parse")?;
    Ok(Drill { scenario, records: &records[start..], unix_ms: *unix_ms, hz: f64::from((*tick_hz).max(1)) })
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
    let p = Vec3::new(finding.place[0] as f32, finding.place[1] as f32, finding.place[2] as f32) / 1000.0;
    match &c.place {
        Place::Load | Place::Seal => true,
        Place::FalseWall { depth_mm } => p.x <= *depth_mm as f32 / 1000.0 + FIND_RADIUS,
        Place::Inside { cargo } => hosts.get(cargo).copied().unwrap_or(c.position).distance(p) <= FIND_RADIUS,
        Place::Structure { .. } => c.position.distance(p) <= FIND_RADIUS,
    }
}

/// Computes the report of the session's latest drill.
pub fn report(session: &str, records: &[StoredRecord]) -> Result<Report> {
    let drill = latest_drill(records)?;
    let scenario = &drill.scenario;
    let mut people: BTreeMap<ParticipantId, ParticipantInfo> = BTreeMap::new();
    for r in records {
        if let Record::Joined(info) = &r.entry.record {
            people.insert(info.id, info.clone());
        }
    }
    let mut findings: BTreeMap<u32, Finding> = BTreeMap::new();
    let mut readings: Vec<Reading> = Vec::new();
    let mut talk: BTreeMap<ParticipantId, (u32, u32)> = BTreeMap::new();
    let mut firsts: BTreeMap<&str, (crossdock_protocol::Tick, ParticipantId)> = BTreeMap::new();
    let mut near: BTreeMap<ParticipantId, BTreeSet<(i32, i32)>> = BTreeMap::new();
    let mut hosts: BTreeMap<String, Vec3> = BTreeMap::new();
    let mut item_ids: BTreeMap<u16, String> = BTreeMap::new();
    // Items are numbered after the two doors and the seal, in scenario order.
    for (i, c) in scenario.cargo.iter().enumerate() {
        item_ids.insert(4 + i as u16, c.id.clone());
        hosts.insert(c.id.clone(), c.position);
    }
    let half_width = scenario.container_size().z / 2.0;
    let mut last_tick = drill.records[0].entry.tick;
    for r in drill.records {
        let tick = r.entry.tick;
        last_tick = tick;
        let mut step = |name: &'static str, by: ParticipantId| {
            firsts.entry(name).or_insert((tick, by));
        };
        match &r.entry.record {
            Record::Reading(reading) => {
                let name = match (&reading.tool, &reading.value) {
                    (Tool::Documents, _) => Some("check-documents"),
                    (Tool::SealCheck, _) => Some("check-seal"),
                    (Tool::XRay, _) => Some("scan"),
                    (_, ReadingValue::Opened { .. }) | (Tool::Fiberscope, _) => Some("intrusive"),
                    _ => None,
                };
                if let Some(name) = name {
                    step(name, reading.by);
                }
                let at = reading.aim.position();
                near.entry(reading.by).or_default().insert(cell(at, half_width));
                readings.push(reading.clone());
            }
            Record::Applied { by, intent: Intent::SetDoor { open: true, .. } } => step("open-doors", *by),
            Record::Applied { by, intent: Intent::Reseal { .. } } => step("reseal", *by),
            Record::Spoke { participant, frames, .. } => {
                let (spurts, total) = talk.entry(*participant).or_default();
                *spurts += 1;
                *total += frames;
            }
            Record::Finding(f) => {
                step("mark-findings", f.signers[0]);
                findings.insert(f.id, f.clone());
            }
            Record::Keyframe(bytes) => {
                let Ok((_, snapshot)) = decode_delta(bytes, None) else { continue };
                for (key, state) in &snapshot.entities {
                    match (key, state) {
                        (EntityKey::Avatar(p), EntityState::Avatar(a)) => {
                            let cells = near.entry(*p).or_default();
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
                                hosts.insert(sid.clone(), pose.position());
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    let steps: Vec<Step> = scenario
        .procedure
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let first = firsts.get(name.as_str()).copied();
            let later_before = scenario.procedure[i + 1..]
                .iter()
                .filter_map(|n| firsts.get(n.as_str()))
                .any(|(t, _)| first.is_some_and(|(ft, _)| *t < ft));
            Step {
                step: name.clone(),
                at_s: first.map(|(t, _)| drill.seconds(t)),
                by: first.map(|(_, p)| p.0),
                in_order: first.is_some() && !later_before,
            }
        })
        .collect();
    let procedure =
        Procedure { score: steps.iter().filter(|s| s.in_order).count() as u32, max: steps.len() as u32, steps };

    let (x_cells, z_cells) = floor_cells(scenario);
    let total_cells = (x_cells * z_cells).max(1) as f64;
    let trainees = people
        .values()
        .filter(|p| p.role == Role::Trainee)
        .map(|p| {
            let mine: Vec<&Finding> = findings.values().filter(|f| f.signers.contains(&p.id)).collect();
            let mut hits = Vec::new();
            let mut misses = Vec::new();
            for c in &scenario.concealments {
                match mine.iter().filter(|f| matches(f, c, &hosts)).min_by_key(|f| f.tick) {
                    Some(f) => {
                        hits.push(Hit { concealment: c.id.clone(), finding: f.id, seconds: drill.seconds(f.tick) })
                    }
                    None => misses.push(c.id.clone()),
                }
            }
            let false_alarms: Vec<u32> = mine
                .iter()
                .filter(|f| !scenario.concealments.iter().any(|c| matches(f, c, &hosts)))
                .map(|f| f.id)
                .collect();
            let examined = near.get(&p.id).map_or(0, |cells| {
                cells.iter().filter(|(x, z)| (0..x_cells).contains(x) && (0..z_cells).contains(z)).count()
            });
            let examined_share = round3(examined as f64 / total_cells);
            let steps_done: Vec<String> =
                procedure.steps.iter().filter(|s| s.by == Some(p.id.0)).map(|s| s.step.clone()).collect();
            let found = if scenario.concealments.is_empty() {
                if false_alarms.is_empty() { 1.0 } else { 0.0 }
            } else {
                hits.len() as f64 / scenario.concealments.len() as f64
            };
            let order = f64::from(procedure.score) / f64::from(procedure.max.max(1));
            let score = round3(
                (0.6 * found + 0.2 * order + 0.2 * examined_share - 0.1 * false_alarms.len() as f64).clamp(0.0, 1.0),
            );
            TraineeReport {
                participant: p.id.0,
                name: p.display_name.clone(),
                administration: p.administration.clone(),
                locale: p.locale.clone(),
                joint_findings: mine.iter().filter(|f| f.signers.len() > 1).count() as u32,
                readings: readings.iter().filter(|r| r.by == p.id).count() as u32,
                spoke_s: round3(f64::from(talk.get(&p.id).map_or(0, |t| t.1)) * 0.02),
                spurts: talk.get(&p.id).map_or(0, |t| t.0),
                hits,
                misses,
                false_alarms,
                examined_share,
                steps_done,
                score,
                passed: score >= PASS,
            }
        })
        .collect();
    Ok(Report {
        session: session.to_owned(),
        scenario: scenario.name.clone(),
        seed: scenario.seed,
        started: rfc3339(drill.unix_ms),
        duration_s: drill.seconds(last_tick),
        concealments: scenario
            .concealments
            .iter()
            .map(|c| ConcealmentSummary {
                id: c.id.clone(),
                category: c.category.as_str().to_owned(),
                description: c.description.clone(),
            })
            .collect(),
        procedure,
        trainees,
        instructors: people.values().filter(|p| p.role == Role::Instructor).map(|p| p.display_name.clone()).collect(),
    })
}

fn floor_cells(scenario: &Scenario) -> (i32, i32) {
    let size = scenario.container_size();
    ((size.x / CELL).ceil() as i32, (size.z / CELL).ceil() as i32)
}

/// The floor cell under `p`, counting z from the left wall (`half_width` from the axis).
fn cell(p: Vec3, half_width: f32) -> (i32, i32) {
    ((p.x / CELL).floor() as i32, ((p.z + half_width) / CELL).floor() as i32)
}

fn rfc3339(unix_ms: u64) -> String {
    humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(unix_ms)).to_string()
}

/// The report as Markdown, for people.
pub fn markdown(r: &Report) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Drill report: {} ({})\n", r.scenario, r.session);
    let instructors = if r.instructors.is_empty() { "none".to_owned() } else { r.instructors.join(", ") };
    let _ = writeln!(
        md,
        "Started {}, {:.0} s of drill, seed {}. Instructors: {instructors}.\n",
        r.started, r.duration_s, r.seed
    );
    let _ = writeln!(md, "## Hidden\n");
    if r.concealments.is_empty() {
        let _ = writeln!(md, "Nothing: a clean container. Every finding is a false alarm.\n");
    }
    for c in &r.concealments {
        let _ = writeln!(md, "- **{}** ({}): {}", c.id, c.category, c.description);
    }
    let _ = writeln!(md, "\n## Procedure: {} of {} steps in order\n", r.procedure.score, r.procedure.max);
    let _ = writeln!(md, "| step | done at | by | in order |\n| --- | --- | --- | --- |");
    for s in &r.procedure.steps {
        let at = s.at_s.map_or("not done".to_owned(), |t| format!("{t:.1} s"));
        let by = s.by.map_or(String::new(), |b| format!("#{b}"));
        let _ = writeln!(md, "| {} | {at} | {by} | {} |", s.step, if s.in_order { "yes" } else { "no" });
    }
    let _ = writeln!(md, "\n## Trainees\n");
    let _ =
        writeln!(md, "| trainee | admin | hits | misses | false alarms | examined | joint | spoke | score | result |");
    let _ = writeln!(md, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for t in &r.trainees {
        let hits: Vec<String> = t.hits.iter().map(|h| format!("{} ({:.1} s)", h.concealment, h.seconds)).collect();
        let _ = writeln!(
            md,
            "| {} (#{}) | {} | {} | {} | {} | {:.0} % | {} | {:.0} s | {:.2} | {} |",
            t.name,
            t.participant,
            t.administration,
            if hits.is_empty() { "-".to_owned() } else { hits.join(", ") },
            if t.misses.is_empty() { "-".to_owned() } else { t.misses.join(", ") },
            t.false_alarms.len(),
            t.examined_share * 100.0,
            t.joint_findings,
            t.spoke_s,
            t.score,
            if t.passed { "passed" } else { "failed" }
        );
    }
    md
}

/// Namespace for statement and registration ids (UUID v5 of the DNS name `crossdock.local`).
fn namespace() -> uuid::Uuid {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_DNS, b"crossdock.local")
}

/// xAPI 2.0 statements for the report: per trainee `attempted`, `completed` and `passed` or
/// `failed`. Ids derive from session, drill start, trainee and verb, so a retry never
/// duplicates a statement in the learning record store.
pub fn xapi(r: &Report, home_page: &str) -> serde_json::Value {
    let ns = namespace();
    let registration = uuid::Uuid::new_v5(&ns, format!("registration/{}/{}", r.session, r.started).as_bytes());
    let activity = json!({
        "objectType": "Activity",
        "id": format!("{home_page}/scenarios/{}", r.scenario),
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/simulation",
            "name": { "en": format!("Container inspection drill: {}", r.scenario) },
        },
    });
    let instructor = r.instructors.first().map(|name| {
        json!({ "objectType": "Agent", "name": name, "account": { "homePage": home_page, "name": format!("instructor:{name}") } })
    });
    let start_ms = humantime::parse_rfc3339(&r.started)
        .map_or(0, |t| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64));
    let mut statements = Vec::new();
    for t in &r.trainees {
        let actor = json!({
            "objectType": "Agent",
            "name": t.name,
            "account": { "homePage": format!("{home_page}/administrations/{}", t.administration), "name": format!("{}:{}", t.administration, t.name) },
        });
        let verdict = if t.passed {
            ("passed", "http://adlnet.gov/expapi/verbs/passed")
        } else {
            ("failed", "http://adlnet.gov/expapi/verbs/failed")
        };
        for (verb, iri, at_ms, with_result) in [
            ("attempted", "http://adlnet.gov/expapi/verbs/attempted", start_ms, false),
            ("completed", "http://adlnet.gov/expapi/verbs/completed", start_ms + (r.duration_s * 1000.0) as u64, true),
            (verdict.0, verdict.1, start_ms + (r.duration_s * 1000.0) as u64, true),
        ] {
            let id = uuid::Uuid::new_v5(
                &ns,
                format!("statement/{}/{}/{}/{verb}", r.session, r.started, t.participant).as_bytes(),
            );
            let mut context = json!({
                "registration": registration.to_string(),
                "platform": "Crossdock",
                "language": t.locale,
                "extensions": { format!("{home_page}/extensions/session"): r.session, format!("{home_page}/extensions/seed"): r.seed },
            });
            if let Some(i) = &instructor {
                context["instructor"] = i.clone();
            }
            let mut statement = json!({
                "id": id.to_string(),
                "version": "2.0.0",
                "actor": actor,
                "verb": { "id": iri, "display": { "en": verb } },
                "object": activity,
                "context": context,
                "timestamp": rfc3339(at_ms),
            });
            if with_result {
                statement["result"] = json!({
                    "score": { "scaled": t.score, "raw": (t.score * 100.0).round(), "min": 0, "max": 100 },
                    "success": t.passed,
                    "completion": true,
                    "duration": format!("PT{:.3}S", r.duration_s),
                    "extensions": {
                        format!("{home_page}/extensions/hits"): t.hits.len(),
                        format!("{home_page}/extensions/misses"): t.misses.len(),
                        format!("{home_page}/extensions/false-alarms"): t.false_alarms.len(),
                        format!("{home_page}/extensions/examined-share"): t.examined_share,
                    },
                });
            }
            statements.push(statement);
        }
    }
    serde_json::Value::Array(statements)
}
