//! A learner's results across drills and dates: the pre/post comparison a training programme
//! reports. Computed from the event log like every report, one drill at a time.

use std::collections::BTreeMap;
use std::fmt::Write;

use crossdock_i18n::Words;

use anyhow::Result;
use serde::Serialize;

use super::markdown::escape;
use crate::records::{Record, Store};

/// One drill of one learner.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Sitting {
    /// `SESSION/NUMBER`.
    pub drill: String,
    /// When it started, RFC 3339.
    pub started: String,
    /// The scenario.
    pub scenario: String,
    /// The learner's display name then.
    pub name: String,
    /// Score, 0 to 1.
    pub score: f64,
    /// Passed.
    pub passed: bool,
    /// Concealments found.
    pub hits: u32,
    /// Concealments hidden.
    pub hidden: u32,
    /// False alarms.
    pub false_alarms: u32,
    /// Share of the procedure done in order.
    pub procedure: f64,
}

/// A learner's sittings, oldest first, and the change from the first to the last.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Progress {
    /// The learner id.
    pub learner: String,
    /// Every drill they took part in.
    pub sittings: Vec<Sitting>,
    /// Last score minus first score (`None` with fewer than two sittings).
    pub change: Option<f64>,
}

/// The progress of each learner in `learners`, from every drill in `store`.
pub fn progress(store: &Store, learners: &[String]) -> Result<Vec<Progress>> {
    let mut found: BTreeMap<&str, Vec<Sitting>> = learners.iter().map(|l| (l.as_str(), Vec::new())).collect();
    for drill in store.drills(None)? {
        let records = store.read_drill(&drill.session, drill.number)?;
        let named = records.iter().any(|r| {
            matches!(&r.entry.record, Record::Identified { learner, .. } if found.contains_key(learner.id.as_str()))
        });
        if !named {
            continue;
        }
        let report = super::report::report(&drill.session, drill.number, &records)?;
        for t in &report.trainees {
            let Some(sittings) = t.learner.as_ref().and_then(|l| found.get_mut(l.id.as_str())) else { continue };
            sittings.push(Sitting {
                drill: report.drill_id(),
                started: report.started.clone(),
                scenario: report.scenario.clone(),
                name: t.name.clone(),
                score: t.score,
                passed: t.passed,
                hits: t.hits.len() as u32,
                hidden: report.concealments.len() as u32,
                false_alarms: t.false_alarms.len() as u32,
                procedure: t.components.procedure,
            });
        }
    }
    Ok(found
        .into_iter()
        .map(|(learner, mut sittings)| {
            sittings.sort_by(|a, b| a.started.cmp(&b.started));
            let change = (sittings.len() > 1)
                .then(|| ((sittings[sittings.len() - 1].score - sittings[0].score) * 1000.0).round() / 1000.0);
            Progress { learner: learner.to_owned(), sittings, change }
        })
        .collect())
}

/// Progress as Markdown, in `w`'s language: one table per learner.
pub fn markdown(all: &[Progress], w: &Words) -> String {
    let mut md = format!("# {}\n", w.get("progress-title"));
    for p in all {
        let _ = writeln!(md, "\n## {}\n", escape(&p.learner));
        if p.sittings.is_empty() {
            let _ = writeln!(md, "{}", w.get("progress-none"));
            continue;
        }
        let columns = ["started", "drill", "scenario", "name", "found", "false-alarms", "procedure", "score", "result"];
        let _ = writeln!(md, "{}", super::markdown::header(w, &columns));
        for s in &p.sittings {
            let found = w.with(
                "progress-found",
                &[("hits", s.hits.to_string().into()), ("hidden", s.hidden.to_string().into())],
            );
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {found} | {} | {:.0} % | {:.2} | {} |",
                s.started,
                escape(&s.drill),
                escape(&s.scenario),
                escape(&s.name),
                s.false_alarms,
                s.procedure * 100.0,
                s.score,
                w.get(if s.passed { "result-passed" } else { "result-failed" })
            );
        }
        if let Some(change) = p.change {
            let _ = writeln!(md, "\n{}", w.with("progress-change", &[("change", format!("{change:+.2}").into())]));
        }
    }
    md
}
