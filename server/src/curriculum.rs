//! Curricula: a programme's levels, from the basics to advanced examination, each with the
//! scenarios it trains on and an unseen transfer set, what it needs first, and what passes it:
//! detection skill (d′ over the decisions about the whole container, [`crate::assessment::detection`])
//! at or above a threshold over enough drills, and no critical miss. The library in
//! `server/curricula/` is compiled in; a centre's own file is checked field by field like a
//! scenario.
//!
//! [`standing`] places a learner in a curriculum from their sittings alone (the event log, via
//! [`crate::assessment::progress`]): which levels they passed and when, where they stand in the
//! next one and why, and which drill comes next.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assessment::detection::{Counts, Skill, Trial, measure};
use crate::assessment::progress::Progress;
use crate::assessment::report::CONTAINER;
use crate::scenario::ScenarioError;

/// The curricula every server knows: `(name, file text)`.
pub const LIBRARY: [(&str, &str); 1] =
    [("container-examination", include_str!("../curricula/container-examination.toml"))];

/// A programme of levels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Curriculum {
    /// Its name (the file's, or the library's).
    pub name: String,
    /// What it is called.
    pub title: String,
    /// Its levels, in order.
    pub levels: Vec<Level>,
}

/// One level of a curriculum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Its id (`basic`).
    pub id: String,
    /// What it is called.
    pub title: String,
    /// Levels passed before this one opens.
    #[serde(default)]
    pub requires: Vec<String>,
    /// The scenarios it trains on (clean ones among them).
    pub trained: Vec<String>,
    /// Scenarios never trained on, measured apart (the transfer gap).
    #[serde(default)]
    pub transfer: Vec<String>,
    /// What passes it.
    pub pass: Pass,
    /// Days a pass holds before a retest is due.
    #[serde(default)]
    pub retest_days: Option<u32>,
}

/// What passes a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pass {
    /// The lowest d′ over the decisions about the whole container in the trained scenarios.
    pub d_prime: f64,
    /// The fewest such decisions (drills).
    pub trials: u32,
    /// Categories whose miss fails the level whatever d′ says.
    #[serde(default)]
    pub critical: Vec<String>,
    /// The lowest mean risk-assessment score (0 to 1) over its trained drills that open with
    /// that stage ([`crate::assessment::risk`]); none: not measured.
    #[serde(default)]
    pub risk: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: String,
    title: String,
    levels: Vec<toml::Spanned<Level>>,
}

impl Curriculum {
    /// The library's curriculum `name`, or the file at that path.
    pub fn load(name_or_path: &str) -> Result<Curriculum, ScenarioError> {
        let (name, text) = crate::scenario::library_or_file(&LIBRARY, name_or_path, "curriculum")?;
        Curriculum::parse(name, &text)
    }

    /// Parses and checks a curriculum file: every error names its file, line and field.
    pub fn parse(origin: &str, text: &str) -> Result<Curriculum, ScenarioError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let raw: File = toml::from_str(text).map_err(|e| ScenarioError {
            file: origin.to_owned(),
            line: e.span().map_or(0, |s| line_of(s.start)),
            field: String::new(),
            message: e.message().to_owned(),
        })?;
        let fail = |span: std::ops::Range<usize>, field: String, message: String| ScenarioError {
            file: origin.to_owned(),
            line: line_of(span.start),
            field,
            message,
        };
        if raw.levels.is_empty() {
            return Err(fail(0..0, "levels".into(), "name at least one level".into()));
        }
        let scenarios: Vec<&str> = crate::scenario::LIBRARY.iter().map(|(n, _)| *n).collect();
        let mut seen: Vec<&str> = Vec::new();
        for (i, spanned) in raw.levels.iter().enumerate() {
            let (span, level) = (spanned.span(), spanned.get_ref());
            let kebab =
                |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !kebab(&level.id) || seen.contains(&level.id.as_str()) {
                let message = format!("`{}` must be new, in lowercase letters, digits and hyphens", level.id);
                return Err(fail(span, format!("levels[{i}].id"), message));
            }
            for (j, needed) in level.requires.iter().enumerate() {
                if !seen.contains(&needed.as_str()) {
                    let message = format!("`{needed}` is not a level before this one ({})", seen.join(", "));
                    return Err(fail(span, format!("levels[{i}].requires[{j}]"), message));
                }
            }
            if level.trained.is_empty() {
                return Err(fail(span, format!("levels[{i}].trained"), "name at least one scenario".into()));
            }
            for (list, names) in [("trained", &level.trained), ("transfer", &level.transfer)] {
                for (j, name) in names.iter().enumerate() {
                    if !scenarios.contains(&name.as_str()) {
                        let message = format!("no library scenario `{name}` ({})", scenarios.join(", "));
                        return Err(fail(span, format!("levels[{i}].{list}[{j}]"), message));
                    }
                }
            }
            if let Some(j) = level.transfer.iter().position(|t| level.trained.contains(t)) {
                let message = "a transfer scenario must not be one it trains on".into();
                return Err(fail(span, format!("levels[{i}].transfer[{j}]"), message));
            }
            if !(0.0..=4.0).contains(&level.pass.d_prime) {
                return Err(fail(span, format!("levels[{i}].pass.d_prime"), "must be between 0 and 4".into()));
            }
            if !(1..=1000).contains(&level.pass.trials) {
                return Err(fail(span, format!("levels[{i}].pass.trials"), "must be between 1 and 1000".into()));
            }
            for (j, c) in level.pass.critical.iter().enumerate() {
                if crossdock_protocol::drill::Category::parse(c).is_none() {
                    return Err(fail(span, format!("levels[{i}].pass.critical[{j}]"), format!("`{c}` is no category")));
                }
            }
            if level.pass.risk.is_some_and(|r| !(0.0..=1.0).contains(&r)) {
                return Err(fail(span, format!("levels[{i}].pass.risk"), "must be between 0 and 1".into()));
            }
            if level.retest_days == Some(0) {
                return Err(fail(span, format!("levels[{i}].retest_days"), "must be at least 1".into()));
            }
            seen.push(&level.id);
        }
        Ok(Curriculum {
            name: raw.name,
            title: raw.title,
            levels: raw.levels.into_iter().map(toml::Spanned::into_inner).collect(),
        })
    }
}

/// Where a learner stands in one level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelStanding {
    /// The level's id.
    pub level: String,
    /// Passed, open, due for a retest, or locked.
    pub status: Status,
    /// The decisions about the whole container in its trained scenarios, and their d′.
    pub trained: Skill,
    /// The same over its transfer scenarios (never trained on).
    pub transfer: Skill,
    /// Misses in its critical categories, by category.
    pub critical_misses: Vec<String>,
    /// Why it is not passed (message keys of `server/locales/`, with their arguments).
    pub reasons: Vec<Reason>,
    /// The drill to take next, if the level is open: the trained scenario sat least.
    pub next: Option<String>,
}

/// A level's status for a learner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "status", content = "on")]
pub enum Status {
    /// Passed on this day (RFC 3339 of the drill that passed it).
    Passed(String),
    /// Passed on this day, and its retest is due.
    RetestDue(String),
    /// Open: training.
    Open,
    /// Needs other levels first.
    Locked,
}

/// Why a level is not passed: a message key and its arguments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The key (`standing-needs`, `standing-few`, `standing-low`, `standing-critical`).
    pub key: &'static str,
    /// Its arguments.
    pub args: Vec<(&'static str, String)>,
}

/// A learner's standing in a curriculum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    /// The learner id.
    pub learner: String,
    /// Their name in their latest drill.
    pub name: Option<String>,
    /// The curriculum's name.
    pub curriculum: String,
    /// Each level, in order.
    pub levels: Vec<LevelStanding>,
}

/// Where `progress`'s learner stands in `curriculum` at `now_unix_ms`: each level's decisions
/// counted in the order the drills were sat, a level passed on the first drill after which its
/// test holds (its prerequisites passed by then).
pub fn standing(curriculum: &Curriculum, progress: &Progress, now_unix_ms: u64) -> Standing {
    let mut passed: BTreeMap<&str, String> = BTreeMap::new();
    let mut levels = Vec::new();
    for level in &curriculum.levels {
        let (mut trained, mut transfer) = (Counts::default(), Counts::default());
        let mut critical_misses: Vec<String> = Vec::new();
        let mut risk_scores: Vec<f64> = Vec::new();
        let mut passed_on = None;
        for sitting in &progress.sittings {
            let container = sitting.decisions.iter().find(|d| d.about == CONTAINER);
            let trial = container.map(|d| Trial { present: d.present, flagged: d.flagged });
            let (in_trained, in_transfer) =
                (level.trained.contains(&sitting.scenario), level.transfer.contains(&sitting.scenario));
            if in_trained {
                trial.into_iter().for_each(|t| trained.add(t));
                risk_scores.extend(sitting.risk);
            } else if in_transfer {
                trial.into_iter().for_each(|t| transfer.add(t));
            }
            if in_trained || in_transfer {
                for d in &sitting.decisions {
                    let critical = level.pass.critical.contains(&d.about);
                    if critical && d.present && !d.flagged && !critical_misses.contains(&d.about) {
                        critical_misses.push(d.about.clone());
                    }
                }
            }
            let ready = level.requires.iter().all(|r| passed.get(r.as_str()).is_some_and(|on| *on <= sitting.started));
            let holds = measure(trained).is_some_and(|m| m.d_prime >= level.pass.d_prime)
                && trained.signal() + trained.noise() >= level.pass.trials
                && critical_misses.is_empty()
                && level.pass.risk.is_none_or(|needed| mean(&risk_scores).is_some_and(|m| m >= needed));
            if passed_on.is_none() && ready && holds && level.trained.contains(&sitting.scenario) {
                passed_on = Some(sitting.started.clone());
            }
        }
        let measures = measure(trained);
        let locked = !level.requires.iter().all(|r| passed.contains_key(r.as_str()));
        let status = match &passed_on {
            Some(on) => {
                let due = level.retest_days.is_some_and(|days| {
                    humantime::parse_rfc3339(on)
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .is_some_and(|at| {
                            now_unix_ms.saturating_sub(at.as_millis() as u64) > u64::from(days) * 86_400_000
                        })
                });
                if due { Status::RetestDue(on.clone()) } else { Status::Passed(on.clone()) }
            }
            None if locked => Status::Locked,
            None => Status::Open,
        };
        let mut reasons = Vec::new();
        if passed_on.is_none() {
            let missing: Vec<&str> =
                level.requires.iter().map(String::as_str).filter(|r| !passed.contains_key(r)).collect();
            if !missing.is_empty() {
                reasons.push(Reason { key: "standing-needs", args: vec![("levels", missing.join(", "))] });
            }
            let sat = trained.signal() + trained.noise();
            if sat < level.pass.trials {
                let args = vec![("sat", sat.to_string()), ("needed", level.pass.trials.to_string())];
                reasons.push(Reason { key: "standing-few", args });
            }
            if let Some(m) = measures.filter(|m| m.d_prime < level.pass.d_prime) {
                let args = vec![("d", format!("{:.2}", m.d_prime)), ("needed", format!("{:.2}", level.pass.d_prime))];
                reasons.push(Reason { key: "standing-low", args });
            } else if measures.is_none() && sat >= level.pass.trials {
                reasons.push(Reason { key: "standing-one-sided", args: Vec::new() });
            }
            if let Some(needed) = level.pass.risk {
                match mean(&risk_scores) {
                    None => reasons.push(Reason { key: "standing-risk-none", args: Vec::new() }),
                    Some(m) if m < needed => {
                        let args = vec![("score", format!("{m:.2}")), ("needed", format!("{needed:.2}"))];
                        reasons.push(Reason { key: "standing-risk-low", args });
                    }
                    Some(_) => {}
                }
            }
            if !critical_misses.is_empty() {
                reasons
                    .push(Reason { key: "standing-critical", args: vec![("categories", critical_misses.join(", "))] });
            }
        }
        let next = (status == Status::Open).then(|| {
            let sat = |name: &String| progress.sittings.iter().filter(|s| &s.scenario == name).count();
            level.trained.iter().min_by_key(|name| sat(name)).cloned().unwrap_or_default()
        });
        if let Some(on) = &passed_on {
            passed.insert(&level.id, on.clone());
        }
        levels.push(LevelStanding {
            level: level.id.clone(),
            status,
            trained: Skill::of(trained),
            transfer: Skill::of(transfer),
            critical_misses,
            reasons,
            next,
        });
    }
    let name = progress.sittings.last().map(|s| s.name.clone());
    Standing { learner: progress.learner.clone(), name, curriculum: curriculum.name.clone(), levels }
}

/// A level's status in words.
fn status_text(w: &crossdock_i18n::Words, status: &Status) -> String {
    let day = |on: &String| on.get(..10).unwrap_or(on).to_owned();
    match status {
        Status::Passed(on) => w.with("standing-passed", &[("on", day(on).into())]),
        Status::RetestDue(on) => w.with("standing-retest", &[("on", day(on).into())]),
        Status::Open => w.get("standing-open"),
        Status::Locked => w.get("standing-locked"),
    }
}

/// Why a level is not passed yet, and the drill to take next, each a sentence in words.
fn why(w: &crossdock_i18n::Words, standing: &LevelStanding) -> Vec<String> {
    let mut why: Vec<String> = standing
        .reasons
        .iter()
        .map(|r| w.with(r.key, &r.args.iter().map(|(k, v)| (*k, v.clone().into())).collect::<Vec<_>>()))
        .collect();
    if let Some(next) = &standing.next {
        why.push(w.with("standing-next", &[("scenario", next.clone().into())]));
    }
    why
}

/// Where `learner` stands in the library curriculum `name`, from the event log in `store`, in
/// `locale`'s words: what a learner's panel shows.
pub fn learner_view(
    store: &crate::records::Store,
    name: &str,
    learner: &str,
    locale: &str,
    now_unix_ms: u64,
) -> anyhow::Result<crossdock_protocol::messages::StandingView> {
    use crossdock_protocol::messages::{LevelStatus, LevelView, StandingView};
    let curriculum = library(name)?;
    let progress = crate::assessment::progress::progress(store, &[learner.to_owned()])?;
    let empty = Progress { learner: learner.to_owned(), sittings: Vec::new(), change: None, detection: Vec::new() };
    let progress = progress.into_iter().next().unwrap_or(empty);
    let standing = standing(&curriculum, &progress, now_unix_ms);
    let w = crate::assessment::words(locale);
    let levels = curriculum
        .levels
        .iter()
        .zip(&standing.levels)
        .map(|(level, s)| {
            let measure = s.trained.measures.map_or_else(
                || w.with("standing-measure-none", &[("drills", s.trained.trials().into())]),
                |m| {
                    let d = format!("{:.2}", m.d_prime);
                    w.with("standing-measure", &[("d", d.into()), ("drills", s.trained.trials().into())])
                },
            );
            LevelView {
                title: level.title.clone(),
                status: match s.status {
                    Status::Passed(_) => LevelStatus::Passed,
                    Status::RetestDue(_) => LevelStatus::RetestDue,
                    Status::Open => LevelStatus::Open,
                    Status::Locked => LevelStatus::Locked,
                },
                status_text: status_text(&w, &s.status),
                lines: std::iter::once(measure).chain(why(&w, s)).collect(),
            }
        })
        .collect();
    Ok(StandingView { curriculum: curriculum.title, levels })
}

/// Where the class of `learners` (a roster: id and name) stands in the library curriculum
/// `following`, in `locale`'s words: what the console's class tab shows, with the scenario most
/// of them need next.
pub fn class_standing(
    store: &crate::records::Store,
    following: Option<&str>,
    learners: &[(String, String)],
    locale: &str,
    now_unix_ms: u64,
) -> anyhow::Result<crossdock_protocol::console::ClassStanding> {
    use crossdock_protocol::console::{ClassStanding, LearnerStanding};
    let curricula =
        LIBRARY.iter().filter_map(|(name, _)| Some(((*name).to_owned(), Curriculum::load(name).ok()?.title))).collect();
    let mut class =
        ClassStanding { curricula, following: following.map(str::to_owned), learners: Vec::new(), next: None };
    let Some(curriculum) = following.map(library).transpose()? else {
        return Ok(class);
    };
    let w = crate::assessment::words(locale);
    let ids: Vec<String> = learners.iter().map(|(id, _)| id.clone()).collect();
    let all = crate::assessment::progress::progress(store, &ids)?;
    let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
    for (id, name) in learners {
        let empty = Progress { learner: id.clone(), sittings: Vec::new(), change: None, detection: Vec::new() };
        let progress = all.iter().find(|p| &p.learner == id).cloned().unwrap_or(empty);
        let standing = standing(&curriculum, &progress, now_unix_ms);
        let at = standing
            .levels
            .iter()
            .position(|l| !matches!(l.status, Status::Passed(_)))
            .unwrap_or(curriculum.levels.len().saturating_sub(1));
        let (level, s) = (&curriculum.levels[at], &standing.levels[at]);
        if let Some(next) = &s.next {
            *wanted.entry(next.clone()).or_default() += 1;
        }
        class.learners.push(LearnerStanding {
            learner: id.clone(),
            name: name.clone(),
            level: level.title.clone(),
            status: status_text(&w, &s.status),
            why: why(&w, s),
            next: s.next.clone(),
        });
    }
    // Most wanted first; a tie goes to the name first in order (the map's).
    class.next = wanted.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(name, _)| name.clone());
    Ok(class)
}

/// The library curriculum `name`, and never a file: the name a class follows came from the
/// network once.
fn library(name: &str) -> anyhow::Result<Curriculum> {
    let (name, text) = LIBRARY
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| anyhow::anyhow!("the class follows `{name}`, which this server's library does not have"))?;
    Curriculum::parse(name, text).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The mean of `scores`, if there are any.
fn mean(scores: &[f64]) -> Option<f64> {
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// Standings as Markdown, in `w`'s language: a table per learner, the reasons in words.
pub fn markdown(curriculum: &Curriculum, all: &[Standing], w: &crossdock_i18n::Words) -> String {
    use std::fmt::Write;
    let escape = crate::assessment::markdown::escape;
    let mut md = String::new();
    for s in all {
        let who = match &s.name {
            Some(name) => format!("{} ({})", escape(name), escape(&s.learner)),
            None => escape(&s.learner),
        };
        let title =
            w.with("standing-title", &[("curriculum", escape(&curriculum.title).into()), ("learner", who.into())]);
        let _ = writeln!(md, "# {title}\n");
        let _ = writeln!(
            md,
            "{}",
            crate::assessment::markdown::header(w, &["level", "status", "trained", "transfer", "why"])
        );
        for (level, standing) in curriculum.levels.iter().zip(&s.levels) {
            let figure = |skill: &Skill| {
                let d = skill.measures.map_or_else(|| "–".to_owned(), |m| format!("{:.2}", m.d_prime));
                format!("{d} ({})", skill.trials())
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                escape(&level.title),
                status_text(w, &standing.status),
                figure(&standing.trained),
                figure(&standing.transfer),
                why(w, standing).join(" ")
            );
        }
        let _ = writeln!(md, "\n{}\n", w.get("standing-explained"));
        md.push('\n');
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::progress::Sitting;
    use crate::assessment::report::Decision;

    fn sitting(day: u32, scenario: &str, decisions: &[(&str, bool, bool)]) -> Sitting {
        let decisions = decisions
            .iter()
            .map(|(about, present, flagged)| Decision {
                about: (*about).to_owned(),
                present: *present,
                flagged: *flagged,
                seconds: None,
            })
            .collect();
        Sitting::of(format!("2026-11-{day:02}T09:00:00Z"), scenario, "TH", decisions)
    }

    fn learner(sittings: Vec<Sitting>) -> Progress {
        Progress { learner: "TH-0001".into(), sittings, change: None, detection: Vec::new() }
    }

    /// A drill of `scenario` where the learner did what `skill` does.
    fn drill(day: u32, scenario: &str, skill: &str) -> Sitting {
        let hidden = scenario != "clean-20ft";
        let flagged = match skill {
            "careful" => hidden,
            "careless" => false,
            _ => true,
        };
        sitting(day, scenario, &[(CONTAINER, hidden, flagged)])
    }

    const NOW: u64 = 1_796_000_000_000; // 2026-11-30

    #[test]
    fn the_library_curriculum_parses_and_names_only_library_scenarios() {
        let c = Curriculum::load("container-examination").unwrap();
        assert_eq!(c.levels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["basic", "intermediate", "advanced"]);
        assert_eq!(c.levels[1].requires, ["basic"]);
        // The advanced level trains on scenarios that open with a risk assessment.
        let advanced = &c.levels[2];
        assert_eq!(advanced.pass.risk, Some(0.75));
        let staged = |name: &String| crate::scenario::Scenario::load(name).unwrap().risk.is_some();
        assert!(advanced.trained.iter().chain(&advanced.transfer).filter(|n| staged(n)).count() >= 3);
    }

    #[test]
    fn a_bad_curriculum_says_which_line_and_field() {
        let text = include_str!("../curricula/container-examination.toml");
        let cases = [
            (text.replace("requires = [\"basic\"]", "requires = [\"advanced\"]"), "levels[1].requires[0]"),
            (text.replace("\"weight-gap-20ft\"", "\"weight-gap-200ft\""), "levels[0].trained[1]"),
            (text.replace("critical = [\"radioactive\"]", "critical = [\"kryptonite\"]"), "levels[1].pass.critical[0]"),
            (text.replace("d_prime = 1.0", "d_prime = 9.0"), "levels[0].pass.d_prime"),
            (text.replace("transfer = [\"misdeclared-40hc\"]", "transfer = [\"clean-20ft\"]"), "levels[0].transfer[0]"),
        ];
        for (bad, field) in cases {
            let e = Curriculum::parse("centre.toml", &bad).unwrap_err();
            assert_eq!(e.field, field, "{e}");
            assert!(e.line > 1 && e.to_string().starts_with("centre.toml:"), "{e}");
        }
    }

    #[test]
    fn a_careful_learner_passes_the_first_level_and_opens_the_second_the_others_do_not() {
        let c = Curriculum::load("container-examination").unwrap();
        let plan =
            ["swapped-seal-reefer", "clean-20ft", "weight-gap-20ft", "clean-20ft", "swapped-seal-reefer", "clean-20ft"];
        let take = |skill: &str| learner(plan.iter().enumerate().map(|(i, s)| drill(i as u32 + 1, s, skill)).collect());

        let careful = standing(&c, &take("careful"), NOW);
        assert_eq!(careful.levels[0].status, Status::Passed("2026-11-06T09:00:00Z".into()), "{careful:#?}");
        assert!(careful.levels[0].reasons.is_empty());
        assert_eq!(careful.levels[1].status, Status::Open, "the next level opens");
        assert_eq!(careful.levels[1].next.as_deref(), Some("false-wall-20ft"), "and says what to take next");

        for skill in ["careless", "flags-everything"] {
            let s = standing(&c, &take(skill), NOW);
            assert_eq!(s.levels[0].status, Status::Open, "{skill}");
            let m = s.levels[0].trained.measures.unwrap();
            assert!(m.d_prime.abs() < 1e-9, "{skill}: no skill, d′ {}", m.d_prime);
            assert_eq!(s.levels[0].reasons.iter().map(|r| r.key).collect::<Vec<_>>(), ["standing-low"], "{skill}");
            assert_eq!(s.levels[1].status, Status::Locked);
            assert_eq!(s.levels[1].reasons[0].key, "standing-needs");
        }
        let few = standing(&c, &learner(vec![drill(1, "clean-20ft", "careful")]), NOW);
        assert_eq!(few.levels[0].reasons[0].key, "standing-few", "{few:#?}");
    }

    #[test]
    fn a_critical_miss_fails_a_level_whatever_d_prime_says_and_passes_expire() {
        let c = Curriculum::load("container-examination").unwrap();
        let mut sittings: Vec<Sitting> =
            ["swapped-seal-reefer", "clean-20ft", "weight-gap-20ft", "clean-20ft", "weight-gap-20ft", "clean-20ft"]
                .iter()
                .enumerate()
                .map(|(i, s)| drill(i as u32 + 1, s, "careful"))
                .collect();
        for day in 7..15 {
            let scenario = if day % 2 == 0 { "false-wall-20ft" } else { "clean-20ft" };
            sittings.push(drill(day, scenario, "careful"));
        }
        let passing = standing(&c, &learner(sittings.clone()), NOW);
        assert!(matches!(passing.levels[1].status, Status::Passed(_)), "{passing:#?}");
        // A radioactive source among the cargo, not flagged, early in the level.
        let mut missed = sittings.clone();
        missed[7] = sitting(8, "false-wall-20ft", &[(CONTAINER, true, true), ("radioactive", true, false)]);
        let s = standing(&c, &learner(missed), NOW);
        assert_eq!(s.levels[1].status, Status::Open);
        assert_eq!(s.levels[1].critical_misses, ["radioactive"]);
        assert!(s.levels[1].reasons.iter().any(|r| r.key == "standing-critical"));
        // Half a year on, the basic level's retest (180 days) is due.
        let later = NOW + 200 * 86_400_000;
        assert!(matches!(standing(&c, &learner(sittings), later).levels[0].status, Status::RetestDue(_)));
    }

    #[test]
    fn the_advanced_level_needs_risk_assessment_as_well_as_detection() {
        let c = Curriculum::load("container-examination").unwrap();
        let basic =
            ["swapped-seal-reefer", "clean-20ft", "weight-gap-20ft", "clean-20ft", "weight-gap-20ft", "clean-20ft"];
        let mut sittings: Vec<Sitting> =
            basic.iter().enumerate().map(|(i, s)| drill(i as u32 + 1, s, "careful")).collect();
        for day in 7..15 {
            let scenario = if day % 2 == 0 { "false-wall-20ft" } else { "clean-20ft" };
            sittings.push(drill(day, scenario, "careful"));
        }
        // Six advanced drills, every container judged right; the risk assessments `scores`.
        let advanced = |scores: [f64; 3]| {
            let mut all = sittings.clone();
            for (i, day) in (15..21).enumerate() {
                let mut s = drill(day, if i % 2 == 0 { "pallet-core-40ft" } else { "clean-20ft" }, "careful");
                s.risk = (i % 2 == 0).then(|| scores[i / 2]);
                all.push(s);
            }
            standing(&c, &learner(all), NOW)
        };
        let reads_papers = advanced([1.0, 0.7, 0.9]);
        assert!(matches!(reads_papers.levels[2].status, Status::Passed(_)), "{reads_papers:#?}");
        let opens_any = advanced([0.3, 0.7, 0.2]);
        assert_eq!(opens_any.levels[2].status, Status::Open, "detection alone does not pass it");
        let why: Vec<&str> = opens_any.levels[2].reasons.iter().map(|r| r.key).collect();
        assert_eq!(why, ["standing-risk-low"]);
        assert_eq!(opens_any.levels[2].reasons[0].args[0], ("score", "0.40".to_owned()));
        // Before any advanced drill: open, and no risk assessment chosen yet.
        let fresh = standing(&c, &learner(sittings.clone()), NOW);
        assert!(fresh.levels[2].reasons.iter().any(|r| r.key == "standing-risk-none"), "{fresh:#?}");
    }
}
