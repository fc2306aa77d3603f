//! The report as Markdown, for people: the class, then one section per trainee that explains
//! their score. Every participant-supplied string is escaped, so a name can never become a
//! table cell, a link or markup.

use std::fmt::Write;

use super::report::{Report, TraineeReport};

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

fn who(t: &TraineeReport) -> String {
    let id = t.learner.as_ref().map_or("unnamed".to_owned(), |l| escape(&l.id));
    format!("{} ({id})", escape(&t.name))
}

fn list(items: &[String]) -> String {
    if items.is_empty() { "-".to_owned() } else { items.iter().map(|s| escape(s)).collect::<Vec<_>>().join(", ") }
}

/// The report as Markdown.
pub fn markdown(r: &Report) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Drill report: {} ({})\n", escape(&r.scenario), escape(&r.drill_id()));
    let instructors = if r.instructors.is_empty() { "none".to_owned() } else { list(&r.instructors) };
    let status = r.ended.as_deref().map_or("still running".to_owned(), |e| format!("ended ({e})"));
    let _ = writeln!(
        md,
        "Started {}, {:.0} s of drill, {status}, seed {}. Instructors: {instructors}.\n",
        r.started, r.duration_s, r.seed
    );
    let _ = writeln!(md, "Scoring: {}.\n", r.formula);
    let _ = writeln!(md, "## Hidden\n");
    if r.concealments.is_empty() {
        let _ = writeln!(md, "Nothing: a clean container. Every finding is a false alarm.\n");
    }
    for c in &r.concealments {
        let _ = writeln!(
            md,
            "- **{}** ({}): {}; shown by: {}",
            escape(&c.id),
            c.category,
            escape(&c.description),
            list(&c.shown_by)
        );
    }
    let _ =
        writeln!(md, "\n## Class: {} of {} passed, average {:.2}\n", r.class.passed, r.class.trainees, r.class.average);
    if r.class.administrations.len() > 1 {
        let _ =
            writeln!(md, "| administration | trainees | passed | average | found |\n| --- | --- | --- | --- | --- |");
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
    let _ = writeln!(
        md,
        "| rank | trainee | admin | hits | misses | false alarms | examined | procedure | joint | spoke | score | result |"
    );
    let _ = writeln!(md, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for t in &r.trainees {
        let hits: Vec<String> = t.hits.iter().map(|h| format!("{} ({:.1} s)", h.concealment, h.seconds)).collect();
        let misses: Vec<String> = t.misses.iter().map(|m| m.concealment.clone()).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {:.0} % | {:.0} % | {} | {:.0} s | {:.2} | {} |",
            t.rank,
            who(t),
            escape(&t.administration),
            list(&hits),
            list(&misses),
            t.false_alarms.len(),
            t.examined_share * 100.0,
            t.components.procedure * 100.0,
            t.joint_findings,
            t.spoke_s,
            t.score,
            if t.passed { "passed" } else { "failed" }
        );
    }
    let _ = writeln!(md, "\n## Team procedure: {} of {} steps in order\n", r.procedure.score, r.procedure.max);
    let _ = writeln!(md, "| step | done at | by | in order |\n| --- | --- | --- | --- |");
    for s in &r.procedure.steps {
        let at = s.at_s.map_or("not done".to_owned(), |t| format!("{t:.1} s"));
        let by = s.by_name.as_deref().map_or(String::new(), escape);
        let _ = writeln!(md, "| {} | {at} | {by} | {} |", s.step, if s.in_order { "yes" } else { "no" });
    }
    for t in &r.trainees {
        trainee_section(&mut md, r, t);
    }
    md
}

fn trainee_section(md: &mut String, r: &Report, t: &TraineeReport) {
    let _ = writeln!(md, "\n## {}. {}, {}\n", t.rank, who(t), escape(&t.administration));
    let c = &t.components;
    let w = &r.weights;
    let _ = writeln!(
        md,
        "Score {:.2} = {:.2} × detection {:.2} + {:.2} × procedure {:.2} + {:.2} × examined {:.2} − {:.2} × {} false alarm(s): {}.\n",
        t.score,
        w.detection,
        c.detection,
        w.procedure,
        c.procedure,
        w.examined,
        c.examined,
        w.false_alarm,
        c.false_alarms,
        if t.passed { "passed" } else { "failed" }
    );
    let steps: Vec<String> = t
        .steps
        .iter()
        .map(|s| {
            format!("{} at {:.1} s{}", s.step, s.at_s.unwrap_or(0.0), if s.in_order { "" } else { " (out of order)" })
        })
        .collect();
    let _ = writeln!(md, "- Procedure steps of their own: {}", list(&steps));
    let _ = writeln!(md, "- Indicators checked with: {}", list(&t.tools_used));
    for h in &t.hits {
        let _ =
            writeln!(md, "- Found **{}** with finding #{} at {:.1} s", escape(&h.concealment), h.finding, h.seconds);
    }
    for m in &t.misses {
        let hint = if m.taken.is_empty() {
            format!("a reading with the {} would have shown it", list(&m.shown_by))
        } else {
            format!("their own {} reading showed it, but no finding was marked", list(&m.taken))
        };
        let _ = writeln!(md, "- Missed **{}**: {hint}", escape(&m.concealment));
    }
    if !t.false_alarms.is_empty() {
        let ids: Vec<String> = t.false_alarms.iter().map(|id| format!("#{id}")).collect();
        let _ = writeln!(md, "- False alarms: {}", ids.join(", "));
    }
    if t.actions.is_empty() {
        let _ = writeln!(md, "- Did nothing the log records.");
    } else {
        let _ = writeln!(md, "\n| at | did |\n| --- | --- |");
        for a in &t.actions {
            let _ = writeln!(md, "| {:.1} s | {} |", a.at_s, escape(&a.what));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_text() {
        assert_eq!(escape("a|b\n<img src=x onerror=alert(1)>"), "a\\|b &lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(escape("สมชาย ใจดี"), "สมชาย ใจดี");
        assert_eq!(escape("[x](javascript:1)"), "\\[x\\](javascript:1)");
    }
}
