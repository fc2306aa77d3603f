//! xAPI statements for a drill report, in the profile documented in `docs/xapi-profile.md`.
//!
//! Actors are learners: an account on the centre's learning system (`homePage` = the configured
//! `lms_home_page`, `name` = the roster's LMS account or learner id). Trainees who joined with a
//! role invite have no learner id and get no statements (their results stay in the report).
//! Statement ids derive from the drill and the learner, so queueing or sending twice never
//! duplicates one in the learning record store.

use serde_json::{Value, json};

use super::report::{Report, TraineeReport, rfc3339};

/// The profile's IRI: verbs, activity types and extensions live under it.
pub const PROFILE: &str = "https://w3id.org/xapi/crossdock";

const ADL: &str = "http://adlnet.gov/expapi/verbs";

/// Namespace for statement and registration ids (UUID v5 of the DNS name `crossdock.local`).
fn namespace() -> uuid::Uuid {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_DNS, b"crossdock.local")
}

fn ext(name: &str) -> String {
    format!("{PROFILE}/extensions/{name}")
}

fn activity(id: String, kind: &str, name: String) -> Value {
    json!({
        "objectType": "Activity",
        "id": id,
        "definition": { "type": kind, "name": { "en": name } },
    })
}

/// Statements for every named trainee of the report: the drill's outcome (`attempted`,
/// `completed`, `passed` or `failed`), each detection (`detected`), each false alarm
/// (`flagged`), each procedure step of their own (`performed`) and each decision as a signal
/// detection trial (`decided`: the container as a whole, each category the scenario could hide
/// something in), and their choice in a risk-assessment stage (`chose`).
pub fn xapi(r: &Report, home_page: &str) -> Value {
    let ns = namespace();
    let drill_key = format!("{}/{}/{}", r.session, r.drill, r.started);
    let registration = uuid::Uuid::new_v5(&ns, format!("registration/{drill_key}").as_bytes());
    let scenario = activity(
        format!("{home_page}/scenarios/{}", r.scenario),
        "http://adlnet.gov/expapi/activities/simulation",
        format!("Container inspection drill: {}", r.scenario),
    );
    let instructor = r.instructors.first().map(|name| json!({ "objectType": "Agent", "name": name }));
    let start_ms = humantime::parse_rfc3339(&r.started)
        .map_or(0, |t| t.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64));
    let end_ms = start_ms + (r.duration_s * 1000.0) as u64;
    let at = |seconds: f64| rfc3339(start_ms + (seconds * 1000.0) as u64);
    let mut statements = Vec::new();
    for t in r.trainees.iter().filter(|t| t.learner.is_some()) {
        let mut push = |verb: &str, iri: String, object: &Value, timestamp: String, result: Option<Value>| {
            let learner = t.learner.as_ref().map_or("", |l| l.id.as_str());
            let object_id = object["id"].as_str().unwrap_or_default();
            let id = uuid::Uuid::new_v5(&ns, format!("statement/{drill_key}/{learner}/{verb}/{object_id}").as_bytes());
            let mut context = json!({
                "registration": registration.to_string(),
                "platform": "Crossdock",
                "language": t.locale,
                "contextActivities": { "grouping": [scenario.clone()] },
                "extensions": {
                    ext("session"): r.session,
                    ext("drill"): r.drill,
                    ext("seed"): r.seed,
                    ext("administration"): t.administration,
                },
            });
            if let Some(i) = &instructor {
                context["instructor"] = i.clone();
            }
            let mut statement = json!({
                "id": id.to_string(),
                "version": "2.0.0",
                "actor": actor(t, home_page),
                "verb": { "id": iri, "display": { "en": verb } },
                "object": object,
                "context": context,
                "timestamp": timestamp,
            });
            if let Some(result) = result {
                statement["result"] = result;
            }
            statements.push(statement);
        };
        let outcome = json!({
            "score": { "scaled": t.score, "raw": (t.score * 100.0).round(), "min": 0, "max": 100 },
            "success": t.passed,
            "completion": true,
            "duration": format!("PT{:.3}S", r.duration_s),
            "extensions": {
                ext("hits"): t.hits.len(),
                ext("misses"): t.misses.len(),
                ext("false-alarms"): t.false_alarms.len(),
                ext("examined-share"): t.examined_share,
                ext("procedure-share"): t.components.procedure,
                ext("detection-share"): t.components.detection,
            },
        });
        push("attempted", format!("{ADL}/attempted"), &scenario, rfc3339(start_ms), None);
        push("completed", format!("{ADL}/completed"), &scenario, rfc3339(end_ms), Some(outcome.clone()));
        let verdict = if t.passed { "passed" } else { "failed" };
        push(verdict, format!("{ADL}/{verdict}"), &scenario, rfc3339(end_ms), Some(outcome));
        for h in &t.hits {
            let concealment = activity(
                format!("{home_page}/scenarios/{}/concealments/{}", r.scenario, h.concealment),
                &format!("{PROFILE}/activity-types/concealment"),
                format!("Concealment {}", h.concealment),
            );
            let result = json!({
                "success": true,
                "duration": format!("PT{:.3}S", h.seconds),
                "extensions": { ext("finding"): h.finding },
            });
            push("detected", format!("{PROFILE}/verbs/detected"), &concealment, at(h.seconds), Some(result));
        }
        for id in &t.false_alarms {
            let finding = activity(
                format!("{home_page}/drills/{}/{}/findings/{id}", r.session, r.drill),
                &format!("{PROFILE}/activity-types/finding"),
                format!("Finding #{id}"),
            );
            push(
                "flagged",
                format!("{PROFILE}/verbs/flagged"),
                &finding,
                rfc3339(end_ms),
                Some(json!({ "success": false })),
            );
        }
        for s in &t.steps {
            let step = activity(
                format!("{home_page}/procedure/{}", s.step),
                &format!("{PROFILE}/activity-types/procedure-step"),
                format!("Procedure step: {}", s.step),
            );
            let result = json!({ "success": s.in_order, "extensions": { ext("in-order"): s.in_order } });
            push("performed", format!("{PROFILE}/verbs/performed"), &step, at(s.at_s.unwrap_or(0.0)), Some(result));
        }
        for d in &t.decisions {
            let decision = activity(
                format!("{home_page}/scenarios/{}/decisions/{}", r.scenario, d.about),
                &format!("{PROFILE}/activity-types/decision"),
                format!("Decision: {}", d.about),
            );
            let outcome = match (d.present, d.flagged) {
                (true, true) => "hit",
                (true, false) => "miss",
                (false, true) => "false-alarm",
                (false, false) => "correct-rejection",
            };
            let mut result = json!({
                "success": d.present == d.flagged,
                "response": if d.flagged { "flagged" } else { "cleared" },
                "extensions": { ext("hidden"): d.present, ext("outcome"): outcome },
            });
            if let Some(seconds) = d.seconds {
                result["duration"] = json!(format!("PT{seconds:.3}S"));
            }
            let when = d.seconds.map_or_else(|| rfc3339(end_ms), at);
            push("decided", format!("{PROFILE}/verbs/decided"), &decision, when, Some(result));
        }
        if let Some(choice) = &t.risk {
            let stage = activity(
                format!("{home_page}/scenarios/{}/risk-assessment", r.scenario),
                &format!("{PROFILE}/activity-types/risk-assessment"),
                format!("Risk assessment: {}", r.scenario),
            );
            let result = json!({
                "success": choice.choice >= 1.0,
                "score": { "scaled": choice.score, "raw": choice.score, "min": 0.0, "max": 1.0 },
                "response": choice.container,
                "duration": format!("PT{:.3}S", choice.seconds),
                "extensions": {
                    ext("candidate"): choice.chosen,
                    ext("signs-cited"): choice.cited,
                    ext("signs-missed"): choice.missed,
                    ext("signs-wrong"): choice.wrong,
                    ext("choice"): choice.choice,
                    ext("reasons"): choice.reasons,
                },
            });
            push("chose", format!("{PROFILE}/verbs/chose"), &stage, at(choice.seconds), Some(result));
        }
    }
    Value::Array(statements)
}

/// `passed` statements for the levels of the library's curricula that the report's named
/// trainees passed in this very drill (their standing over every drill they sat, from `store`):
/// one per learner and level, ever (its id derives from them), timestamped at the drill's end.
pub fn level_statements(store: &crate::records::Store, r: &Report, home_page: &str) -> anyhow::Result<Vec<Value>> {
    let ns = namespace();
    let named: Vec<&TraineeReport> = r.trainees.iter().filter(|t| t.learner.is_some()).collect();
    if named.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = named.iter().filter_map(|t| t.learner.as_ref().map(|l| l.id.clone())).collect();
    let all = super::progress::progress(store, &ids)?;
    let start_ms = humantime::parse_rfc3339(&r.started)
        .map_or(0, |t| t.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64));
    let end_ms = start_ms + (r.duration_s * 1000.0) as u64;
    let mut statements = Vec::new();
    for (name, _) in crate::curriculum::LIBRARY {
        let curriculum = crate::curriculum::Curriculum::load(name).map_err(|e| anyhow::anyhow!("{e}"))?;
        for progress in &all {
            let of = |t: &&&TraineeReport| t.learner.as_ref().is_some_and(|l| l.id == progress.learner);
            let Some(t) = named.iter().find(of) else { continue };
            let standing = crate::curriculum::standing(&curriculum, progress, end_ms);
            for (level, reached) in curriculum.levels.iter().zip(&standing.levels) {
                let on = match &reached.status {
                    crate::curriculum::Status::Passed(on) | crate::curriculum::Status::RetestDue(on) => on,
                    _ => continue,
                };
                if *on != r.started {
                    continue;
                }
                let learner = &progress.learner;
                let object = activity(
                    format!("{home_page}/curricula/{}/levels/{}", curriculum.name, level.id),
                    &format!("{PROFILE}/activity-types/level"),
                    format!("{}: {}", curriculum.title, level.title),
                );
                let id = uuid::Uuid::new_v5(
                    &ns,
                    format!("statement/level/{learner}/{}/{}", curriculum.name, level.id).as_bytes(),
                );
                let mut extensions = json!({
                    ext("d-prime"): reached.trained.measures.map(|m| (m.d_prime * 100.0).round() / 100.0),
                    ext("drills"): reached.trained.trials(),
                });
                if let Some(m) = reached.transfer.measures {
                    extensions[ext("transfer-d-prime")] = json!((m.d_prime * 100.0).round() / 100.0);
                }
                statements.push(json!({
                    "id": id.to_string(),
                    "version": "2.0.0",
                    "actor": actor(t, home_page),
                    "verb": { "id": format!("{ADL}/passed"), "display": { "en": "passed" } },
                    "object": object,
                    "result": { "success": true, "extensions": extensions },
                    "context": {
                        "platform": "Crossdock",
                        "language": t.locale,
                        "contextActivities": { "parent": [activity(
                            format!("{home_page}/curricula/{}", curriculum.name),
                            &format!("{PROFILE}/activity-types/curriculum"),
                            curriculum.title.clone(),
                        )] },
                        "extensions": { ext("session"): r.session, ext("drill"): r.drill },
                    },
                    "timestamp": rfc3339(end_ms),
                }));
            }
        }
    }
    Ok(statements)
}

/// The learner as an xAPI agent: their account on the centre's learning system.
fn actor(t: &TraineeReport, home_page: &str) -> Value {
    let learner = t.learner.as_ref().expect("only named trainees get statements");
    let account = learner.lms_account.clone().unwrap_or_else(|| learner.id.clone());
    json!({ "objectType": "Agent", "name": t.name, "account": { "homePage": home_page, "name": account } })
}
