//! A learner's results across drills and dates: the pre/post comparison a training programme
//! reports. Computed from the event log like every report, one drill at a time.

use std::collections::BTreeMap;
use std::fmt::Write;

use crossdock_i18n::Words;

use anyhow::Result;
use serde::Serialize;

use super::detection::{Counts, Measures, Trial, measure};
use super::markdown::escape;
use super::report::{CONTAINER, Decision};
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
    /// Their administration then.
    pub administration: String,
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
    /// Their decisions (signal detection trials) in this drill.
    pub decisions: Vec<Decision>,
    /// Their risk-assessment score, 0 to 1, when the drill had that stage and they chose.
    pub risk: Option<f64>,
}

#[cfg(test)]
impl Sitting {
    /// A sitting of `scenario` begun at `started` with these decisions, nothing else in it.
    pub(crate) fn of(started: String, scenario: &str, administration: &str, decisions: Vec<Decision>) -> Sitting {
        Sitting {
            drill: format!("default/{started}"),
            started,
            scenario: scenario.to_owned(),
            name: "สมชาย".into(),
            administration: administration.to_owned(),
            score: 0.0,
            passed: false,
            hits: 0,
            hidden: 0,
            false_alarms: 0,
            procedure: 0.0,
            decisions,
            risk: None,
        }
    }
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
    /// Detection skill over every decision of every sitting: the container as a whole first,
    /// then each category.
    pub detection: Vec<Detection>,
}

/// Detection skill about one thing (the container as a whole, or a category) over many drills.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Detection {
    /// [`CONTAINER`] or a category's name.
    pub about: String,
    /// The four outcomes.
    pub counts: Counts,
    /// d′, c and the band (`None` without trials both with and without something hidden).
    pub measures: Option<Measures>,
    /// Mean seconds from a drill's start to their first flag about it, over the drills they
    /// flagged it.
    pub mean_seconds_to_flag: Option<f64>,
}

/// Detection skill from `decisions`, grouped by what they were about: the container first.
pub fn detection<'a>(decisions: impl IntoIterator<Item = &'a Decision>) -> Vec<Detection> {
    let mut by: BTreeMap<(bool, &str), (Counts, Vec<f64>)> = BTreeMap::new();
    for d in decisions {
        let (counts, times) = by.entry((d.about != CONTAINER, d.about.as_str())).or_default();
        counts.add(Trial { present: d.present, flagged: d.flagged });
        times.extend(d.seconds);
    }
    by.into_iter()
        .map(|((_, about), (counts, times))| Detection {
            about: about.to_owned(),
            counts,
            measures: measure(counts),
            mean_seconds_to_flag: (!times.is_empty()).then(|| times.iter().sum::<f64>() / times.len() as f64),
        })
        .collect()
}

/// The progress of each learner in `learners`, from every drill in `store` that ended: a
/// running drill's results are not final, and its decisions are the hidden truth until it ends.
pub fn progress(store: &Store, learners: &[String]) -> Result<Vec<Progress>> {
    let mut found: BTreeMap<&str, Vec<Sitting>> = learners.iter().map(|l| (l.as_str(), Vec::new())).collect();
    for drill in store.drills(None)?.into_iter().filter(|d| d.ended.is_some()) {
        let records = store.read_drill(&drill.session, drill.number)?;
        let named = records.iter().any(|r| {
            matches!(&r.entry.record, Record::Identified { learner, .. } if found.contains_key(learner.id.as_str()))
        });
        if !named {
            continue;
        }
        let report = super::report::report(&drill.session, drill.number, &records)?;
        for t in &report.trainees {
            let Some(learner) = t.learner.as_ref().map(|l| l.id.as_str()) else { continue };
            let Some(sittings) = found.get_mut(learner) else { continue };
            sittings.push(Sitting {
                drill: report.drill_id(),
                started: report.started.clone(),
                scenario: report.scenario.clone(),
                name: t.name.clone(),
                administration: t.administration.clone(),
                score: t.score,
                passed: t.passed,
                hits: t.hits.len() as u32,
                hidden: report.concealments.len() as u32,
                false_alarms: t.false_alarms.len() as u32,
                procedure: t.components.procedure,
                decisions: t.decisions.clone(),
                risk: t.risk.as_ref().map(|r| r.score),
            });
        }
    }
    Ok(found
        .into_iter()
        .map(|(learner, mut sittings)| {
            sittings.sort_by(|a, b| a.started.cmp(&b.started));
            let change = (sittings.len() > 1)
                .then(|| ((sittings[sittings.len() - 1].score - sittings[0].score) * 1000.0).round() / 1000.0);
            let detection = detection(sittings.iter().flat_map(|s| &s.decisions));
            Progress { learner: learner.to_owned(), sittings, change, detection }
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
        detection_markdown(&mut md, &p.detection, w);
    }
    md
}

/// The detection table of one learner, and what its figures mean.
fn detection_markdown(md: &mut String, rows: &[Detection], w: &Words) {
    let _ = writeln!(md, "\n### {}\n", w.get("progress-detection"));
    if rows.iter().all(|r| r.measures.is_none()) {
        let _ = writeln!(md, "{}", w.get("progress-detection-none"));
        return;
    }
    let columns = ["about", "hidden-found", "clean-flagged", "d-prime", "criterion", "time-to-flag"];
    let _ = writeln!(md, "{}", super::markdown::header(w, &columns));
    let of =
        |k: u32, n: u32| w.with("progress-found", &[("hits", k.to_string().into()), ("hidden", n.to_string().into())]);
    for r in rows {
        let about = if r.about == CONTAINER {
            w.get("detection-container")
        } else {
            w.find(&format!("category-{}", r.about)).unwrap_or_else(|| escape(&r.about))
        };
        let c = &r.counts;
        let (d, criterion) = match &r.measures {
            Some(m) => {
                let few = if m.conclusive { String::new() } else { format!(" ({})", w.get("progress-detection-few")) };
                (format!("{:.2} [{:.2}, {:.2}]{few}", m.d_prime, m.band.0, m.band.1), format!("{:+.2}", m.criterion))
            }
            None => ("–".to_owned(), "–".to_owned()),
        };
        let _ = writeln!(
            md,
            "| {about} | {} | {} | {d} | {criterion} | {} |",
            of(c.hits, c.signal()),
            of(c.false_alarms, c.noise()),
            r.mean_seconds_to_flag.map_or_else(|| "–".to_owned(), |s| format!("{s:.0} s")),
        );
    }
    let _ = writeln!(md, "\n{}", w.get("progress-detection-explained"));
}
