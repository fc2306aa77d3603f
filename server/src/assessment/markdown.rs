//! The report as Markdown, for people: the class, then one section per trainee that explains
//! their score, its headings and labels in the reader's language (`report --locale`; the
//! words are `server/locales/*.ftl`). Every participant-supplied string is escaped, so a name
//! can never become a table cell, a link or markup; names and scenario text stay as written.

use std::fmt::Write;

use crossdock_i18n::Words;

use super::report::{Did, Report, TraineeReport};

use super::score::formula;
use crate::records::DrillEnd;

/// `text` safe inside Markdown (and HTML rendered from it): one line, markup characters escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Why a drill ended, in `w`'s language.
pub(crate) fn end(w: &Words, end: DrillEnd) -> String {
    w.get(&format!("report-end-{}", crossdock_i18n::kebab(&format!("{end:?}"))))
}

/// Tools by their keys (`x-ray`), in `w`'s language.
pub(crate) fn tools(w: &Words, keys: &[String]) -> Vec<String> {
    keys.iter().map(|k| w.find(&format!("tool-{k}")).unwrap_or_else(|| k.clone())).collect()
}

/// What someone did, in `w`'s language; the text a scenario or a participant supplied (a
/// content, a seal number) made safe by `escape`.
pub(crate) fn did(w: &Words, did: &Did, escape: impl Fn(&str) -> String) -> String {
    match did {
        Did::Used { tool } => w.with("did-use", &[("tool", tools(w, std::slice::from_ref(tool)).remove(0).into())]),
        Did::Opened { content } => w.with("did-open-package", &[("content", escape(content).into())]),
        Did::Door { open: true } => w.get("did-open-door"),
        Did::Door { open: false } => w.get("did-close-door"),
        Did::Resealed { number } => w.with("did-reseal", &[("number", escape(number).into())]),
        Did::Finding { id, category, cosigned } => {
            let category = w.find(&format!("category-{category}")).unwrap_or_else(|| escape(category));
            let key = if *cosigned { "did-cosign" } else { "did-mark" };
            w.with(key, &[("id", id.to_string().into()), ("category", category.into())])
        }
    }
}

fn who(w: &Words, t: &TraineeReport) -> String {
    let id = t.learner.as_ref().map_or_else(|| w.get("report-unnamed"), |l| escape(&l.id));
    format!("{} ({id})", escape(&t.name))
}

fn list(items: &[String]) -> String {
    if items.is_empty() { "-".to_owned() } else { items.iter().map(|s| escape(s)).collect::<Vec<_>>().join(", ") }
}

/// A table's header row and its rule, from column message keys.
pub(crate) fn header(w: &Words, columns: &[&str]) -> String {
    let names: Vec<String> = columns.iter().map(|c| w.get(&format!("col-{c}"))).collect();
    format!("| {} |\n|{}", names.join(" | "), " --- |".repeat(columns.len()))
}

/// A message key's words, or `fallback` as written when there is no such message (a step a
/// scenario file invented).
fn known(w: &Words, key: &str, fallback: &str) -> String {
    w.find(key).unwrap_or_else(|| escape(fallback))
}

fn result(w: &Words, passed: bool) -> String {
    w.get(if passed { "result-passed" } else { "result-failed" })
}

/// "Score 0.62 = 0.50 × detection ...": how `t`'s score was made, in `w`'s language.
pub(crate) fn score_line(w: &Words, r: &Report, t: &TraineeReport) -> String {
    let (c, k) = (&t.components, &r.weights);
    let two = |v: f64| format!("{v:.2}").into();
    w.with(
        "report-score-line",
        &[
            ("score", two(t.score)),
            ("wd", two(k.detection)),
            ("d", two(c.detection)),
            ("wp", two(k.procedure)),
            ("p", two(c.procedure)),
            ("we", two(k.examined)),
            ("e", two(c.examined)),
            ("wf", two(k.false_alarm)),
            ("f", c.false_alarms.to_string().into()),
            ("result", result(w, t.passed).into()),
        ],
    )
}

/// "Procedure steps of their own: ..." for `t`, a step the scenario named itself (not one of
/// ours) made safe by `escape`.
pub(crate) fn own_steps(w: &Words, t: &TraineeReport, escape: impl Fn(&str) -> String) -> String {
    let steps: Vec<String> = t
        .steps
        .iter()
        .map(|s| {
            let step = w.find(&format!("step-{}", s.step)).unwrap_or_else(|| escape(&s.step));
            let seconds = format!("{:.1}", s.at_s.unwrap_or(0.0));
            let at = w.with("report-step-at", &[("step", step.into()), ("seconds", seconds.into())]);
            if s.in_order { at } else { format!("{at} {}", w.get("report-out-of-order")) }
        })
        .collect();
    let steps = if steps.is_empty() { "-".to_owned() } else { steps.join(", ") };
    w.with("report-own-steps", &[("steps", steps.into())])
}

/// What `t` chose in the risk-assessment stage, and (unless withheld) what it was worth, each
/// line a sentence; the container number (scenario text) made safe by `escape`.
pub(crate) fn risk_lines(w: &Words, t: &TraineeReport, escape: impl Fn(&str) -> String) -> Vec<String> {
    let Some(r) = &t.risk else { return Vec::new() };
    let signs = |ids: &[String]| {
        let names: Vec<String> = ids.iter().map(|id| w.get(&format!("sign-{id}"))).collect();
        if names.is_empty() { w.get("report-risk-nothing") } else { names.join(", ") }
    };
    let mut lines = vec![w.with(
        "report-risk",
        &[
            ("number", r.chosen.into()),
            ("container", escape(&r.container).into()),
            ("seconds", format!("{:.1}", r.seconds).into()),
            ("signs", signs(&r.cited).into()),
        ],
    )];
    if !r.withheld {
        let best: Vec<String> = r.best.iter().map(u32::to_string).collect();
        lines.push(w.with(
            "report-risk-score",
            &[
                ("risk", r.risk.into()),
                ("highest", r.highest.into()),
                ("best", best.join(", ").into()),
                ("choice", format!("{:.2}", r.choice).into()),
                ("reasons", format!("{:.2}", r.reasons).into()),
                ("right", signs(&r.right).into()),
                ("wrong", signs(&r.wrong).into()),
                ("missed", signs(&r.missed).into()),
                ("score", format!("{:.2}", r.score).into()),
            ],
        ));
    }
    lines
}

/// The report as Markdown, in `w`'s language.
/// Where an imported scenario came from, its texts put through `escape` for the page or file
/// it goes into (they are the publisher's words).
pub fn origin_line(w: &Words, o: &crate::scenario::Origin, escape: impl Fn(&str) -> String) -> String {
    w.with(
        "report-origin",
        &[
            ("pack", escape(&o.pack).into()),
            ("version", escape(&o.version).into()),
            ("publisher", escape(&o.publisher).into()),
            ("administration", escape(&o.administration).into()),
            ("sha", o.sha256.get(..12).unwrap_or(&o.sha256).to_owned().into()),
        ],
    )
}

pub fn markdown(r: &Report, w: &Words) -> String {
    let mut md = String::new();
    let title =
        w.with("report-title", &[("scenario", escape(&r.scenario).into()), ("drill", escape(&r.drill_id()).into())]);
    let _ = writeln!(md, "# {title}\n");
    let instructors = if r.instructors.is_empty() { w.get("report-none") } else { list(&r.instructors) };
    let status =
        r.ended.map_or_else(|| w.get("report-running"), |e| w.with("report-ended", &[("how", end(w, e).into())]));
    let summary = w.with(
        "report-summary",
        &[
            ("started", r.started.clone().into()),
            ("seconds", format!("{:.0}", r.duration_s).into()),
            ("status", status.into()),
            ("seed", r.seed.to_string().into()),
            ("instructors", instructors.into()),
        ],
    );
    let _ = writeln!(md, "{summary}\n");
    if let Some(o) = &r.origin {
        let _ = writeln!(md, "{}\n", origin_line(w, o, escape));
    }
    let _ = writeln!(md, "{}\n", w.with("report-scoring", &[("formula", formula(w, &r.weights).into())]));
    let _ = writeln!(md, "## {}\n", w.get("report-hidden"));
    if r.concealments.is_empty() {
        let _ = writeln!(md, "{}\n", w.get("report-clean"));
    }
    for c in &r.concealments {
        let category = known(w, &format!("category-{}", c.category), &c.category);
        let shown = w.with("report-shown-by", &[("tools", list(&tools(w, &c.shown_by)).into())]);
        let _ = writeln!(md, "- **{}** ({category}): {}; {shown}", escape(&c.id), escape(&c.description));
    }
    let class = w.with(
        "report-class",
        &[
            ("passed", r.class.passed.to_string().into()),
            ("trainees", r.class.trainees.to_string().into()),
            ("average", format!("{:.2}", r.class.average).into()),
        ],
    );
    let _ = writeln!(md, "\n## {class}\n");
    if r.class.administrations.len() > 1 {
        let _ = writeln!(md, "{}", header(w, &["administration", "trainees", "passed", "average", "found"]));
        for a in &r.class.administrations {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {:.2} | {} |",
                escape(&a.administration),
                a.trainees,
                a.passed,
                a.average,
                list(&a.found)
            );
        }
        md.push('\n');
    }
    let columns = [
        "rank",
        "trainee",
        "admin",
        "hits",
        "misses",
        "false-alarms",
        "examined",
        "procedure",
        "joint",
        "spoke",
        "score",
        "result",
    ];
    let _ = writeln!(md, "{}", header(w, &columns));
    for t in &r.trainees {
        let hits: Vec<String> = t.hits.iter().map(|h| format!("{} ({:.1} s)", h.concealment, h.seconds)).collect();
        let misses: Vec<String> = t.misses.iter().map(|m| m.concealment.clone()).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {:.0} % | {:.0} % | {} | {:.0} s | {:.2} | {} |",
            t.rank,
            who(w, t),
            escape(&t.administration),
            list(&hits),
            list(&misses),
            t.false_alarms.len(),
            t.examined_share * 100.0,
            t.components.procedure * 100.0,
            t.joint_findings,
            t.spoke_s,
            t.score,
            result(w, t.passed)
        );
    }
    let team = w.with(
        "report-team-procedure",
        &[("score", r.procedure.score.to_string().into()), ("max", r.procedure.max.to_string().into())],
    );
    let _ = writeln!(md, "\n## {team}\n");
    let _ = writeln!(md, "{}", header(w, &["step", "done-at", "by", "in-order"]));
    for s in &r.procedure.steps {
        let at = s.at_s.map_or_else(|| w.get("report-not-done"), |t| format!("{t:.1} s"));
        let by = s.by_name.as_deref().map_or(String::new(), escape);
        let step = known(w, &format!("step-{}", s.step), &s.step);
        let in_order = w.get(if s.in_order { "report-yes" } else { "report-no" });
        let _ = writeln!(md, "| {step} | {at} | {by} | {in_order} |");
    }
    if !r.bookmarks.is_empty() {
        let _ = writeln!(md, "\n## {}\n", w.get("report-bookmarks"));
        let _ = writeln!(md, "{}", header(w, &["at", "by", "note"]));
        for b in &r.bookmarks {
            let _ = writeln!(md, "| {:.1} s | {} | {} |", b.at_s, escape(&b.by), escape(&b.note));
        }
    }
    if !r.said.is_empty() {
        let _ = writeln!(md, "\n## {}\n", w.get("report-said"));
        let _ = writeln!(md, "{}", header(w, &["at", "by", "phrase"]));
        for line in &r.said {
            let _ = writeln!(md, "| {:.1} s | {} | {} |", line.at_s, escape(&line.by), escape(&line.text(w)));
        }
    }
    if !r.transcript.is_empty() {
        let _ = writeln!(md, "\n## {}\n", w.get("report-transcript"));
        let _ = writeln!(md, "{}", header(w, &["at", "by", "words", "channel"]));
        for line in &r.transcript {
            let channel = line.channel.clone().unwrap_or_else(|| w.get("report-floor"));
            let _ = writeln!(
                md,
                "| {:.1} s | {} | {} | {} |",
                line.at_s,
                escape(&line.by),
                escape(&line.text),
                escape(&channel)
            );
        }
    }
    for t in &r.trainees {
        trainee_section(&mut md, w, r, t);
    }
    md
}

fn trainee_section(md: &mut String, w: &Words, r: &Report, t: &TraineeReport) {
    let _ = writeln!(md, "\n## {}. {}, {}\n", t.rank, who(w, t), escape(&t.administration));
    let line = score_line(w, r, t);
    let _ = writeln!(md, "{line}\n");
    let _ = writeln!(md, "- {}", own_steps(w, t, escape));
    let _ = writeln!(md, "- {}", w.with("report-indicators", &[("tools", list(&tools(w, &t.tools_used)).into())]));
    for h in &t.hits {
        let found = w.with(
            "report-found",
            &[
                ("concealment", escape(&h.concealment).into()),
                ("finding", h.finding.to_string().into()),
                ("seconds", format!("{:.1}", h.seconds).into()),
            ],
        );
        let _ = writeln!(md, "- {found}");
    }
    for m in &t.misses {
        let hint = if m.taken.is_empty() {
            w.with("report-hint-unread", &[("tools", list(&tools(w, &m.shown_by)).into())])
        } else {
            w.with("report-hint-unmarked", &[("tools", list(&tools(w, &m.taken)).into())])
        };
        let missed = w.with("report-missed", &[("concealment", escape(&m.concealment).into()), ("hint", hint.into())]);
        let _ = writeln!(md, "- {missed}");
    }
    if !t.false_alarms.is_empty() {
        let ids: Vec<String> = t.false_alarms.iter().map(|id| format!("#{id}")).collect();
        let _ = writeln!(md, "- {}", w.with("report-false-alarms", &[("ids", ids.join(", ").into())]));
    }
    if t.second_places > 0 {
        let _ = writeln!(md, "- {}", w.with("report-second-place", &[("count", t.second_places.into())]));
    }
    for line in risk_lines(w, t, escape) {
        let _ = writeln!(md, "- {line}");
    }
    if t.actions.is_empty() {
        let _ = writeln!(md, "- {}", w.get("report-idle"));
    } else {
        let _ = writeln!(md, "\n{}", header(w, &["at", "did"]));
        for a in &t.actions {
            let _ = writeln!(md, "| {:.1} s | {} |", a.at_s, did(w, &a.did, escape));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::words::{LANGUAGES, words};

    #[test]
    fn every_report_language_has_every_message() {
        assert_eq!(crossdock_i18n::problems(&LANGUAGES), Vec::<String>::new());
        let thai = words("th-TH");
        assert_eq!(thai.language(), "th");
        assert!(header(&thai, &["rank", "score"]).starts_with("| อันดับ | คะแนน |"));
        assert_eq!(known(&thai, "step-invented-by-a-scenario", "count-pallets"), "count-pallets");
    }

    #[test]
    fn hostile_names_stay_text() {
        assert_eq!(escape("a|b\n<img src=x onerror=alert(1)>"), "a\\|b &lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(escape("สมชาย ใจดี"), "สมชาย ใจดี");
        assert_eq!(escape("[x](javascript:1)"), "\\[x\\](javascript:1)");
    }
}
