//! The report as one self-contained HTML page to keep and print (`report --format html`): the
//! class, then a section per trainee (a page each in print) with their score explained, what
//! they found and missed, their timeline, and two pictures drawn from the log: their trail and
//! the floor they looked at from above, and the walls unrolled with where their gaze fell. The
//! pictures are inline SVG, the styles inline, nothing is fetched. Every participant-supplied
//! string goes through maud's escaping, so a name is shown as the characters it is.

use crossdock_i18n::{FluentValue, Words};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::coverage::Wall;
use super::markdown::{did, end, tools};
use super::report::{Floorplan, Report, TraineeReport};
use super::score::formula;

const STYLE: &str = "
:root { font-family: 'Noto Sans', 'Noto Sans Thai', 'Noto Sans CJK SC', 'Noto Sans CJK JP', 'Noto Sans CJK KR', system-ui, sans-serif; color: #1b1d21; }
body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #0a3a8c; padding-bottom: 0.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #c9ccd2; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
.passed { color: #11763a; font-weight: 600; } .failed { color: #b3261e; font-weight: 600; }
.muted { color: #5d636e; }
.withheld { background: #fff4d6; border: 1px solid #e0b84c; padding: 0.6em 0.9em; border-radius: 6px; }
.pictures { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: 0.5rem 0; flex: 1 1 26rem; } figcaption { font-size: 0.85rem; color: #5d636e; }
svg { width: 100%; height: auto; background: #fafbfc; border: 1px solid #d5d8de; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  section.trainee { break-before: page; }
  table, figure { break-inside: avoid; }
  svg { border-color: #999; }
}
";

/// Text safe as a message argument that will be HTML: escaped, and no `*` to fake emphasis.
fn arg(text: &str) -> FluentValue<'static> {
    FluentValue::from(escaped(text))
}

/// `text` escaped for the page, its `*` too (messages use `**` for emphasis).
fn escaped(text: &str) -> String {
    maud::html! { (text) }.into_string().replace('*', "&#42;")
}

/// A message whose arguments are already escaped, with its `**emphasis**` as `<strong>`.
fn message(text: String) -> Markup {
    let mut out = String::new();
    for (i, part) in text.split("**").enumerate() {
        if i % 2 == 1 {
            out.push_str("<strong>");
            out.push_str(part);
            out.push_str("</strong>");
        } else {
            out.push_str(part);
        }
    }
    if text.matches("**").count() % 2 == 1 {
        out.push_str("</strong>");
    }
    PreEscaped(out)
}

fn known(w: &Words, key: &str, fallback: &str) -> String {
    w.find(key).unwrap_or_else(|| fallback.to_owned())
}

fn list(items: &[String]) -> String {
    if items.is_empty() { "-".to_owned() } else { items.join(", ") }
}

fn result(w: &Words, passed: bool) -> Markup {
    let class = if passed { "passed" } else { "failed" };
    html! { span class=(class) { (w.get(if passed { "result-passed" } else { "result-failed" })) } }
}

/// The report as a page, in `w`'s language.
pub fn html(r: &Report, w: &Words) -> String {
    let title = w.with("report-title", &[("scenario", arg(&r.scenario)), ("drill", arg(&r.drill_id()))]);
    let status =
        r.ended.map_or_else(|| w.get("report-running"), |e| w.with("report-ended", &[("how", end(w, e).into())]));
    let instructors: Vec<String> = r.instructors.iter().map(|i| html! { (i) }.into_string()).collect();
    let summary = w.with(
        "report-summary",
        &[
            ("started", arg(&r.started)),
            ("seconds", format!("{:.0}", r.duration_s).into()),
            ("status", status.into()),
            ("seed", r.seed.to_string().into()),
            ("instructors", if instructors.is_empty() { w.get("report-none") } else { instructors.join(", ") }.into()),
        ],
    );
    let page = html! {
        (DOCTYPE)
        html lang=(w.language()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (message(title.clone())) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (message(title)) }
                    p { (message(summary)) }
                    @if let Some(o) = &r.origin { p.origin { (message(super::markdown::origin_line(w, o, escaped))) } }
                    p.muted { (w.with("report-scoring", &[("formula", formula(w, &r.weights).into())])) }
                }
                @if r.withheld {
                    section { p.withheld { (w.get("report-withheld")) } }
                } @else {
                section {
                    h2 { (w.get("report-hidden")) }
                    @if r.concealments.is_empty() { p { (w.get("report-clean")) } }
                    ul {
                        @for c in &r.concealments {
                            li {
                                strong { (c.id) } " (" (known(w, &format!("category-{}", c.category), &c.category)) "): "
                                (c.description) "; " (message(w.with("report-shown-by", &[("tools", arg(&list(&tools(w, &c.shown_by))))])))
                            }
                        }
                    }
                }
                (class(r, w))
                }
                (procedure(r, w))
                @if !r.said.is_empty() {
                    section {
                        h2 { (w.get("report-said")) }
                        table {
                            thead { tr { @for c in ["at", "by", "phrase"] { th { (w.get(&format!("col-{c}"))) } } } }
                            tbody { @for line in &r.said { tr { td { (format!("{:.1} s", line.at_s)) } td { (line.by) } td { (line.text(w)) } } } }
                        }
                    }
                }
                @if !r.transcript.is_empty() {
                    section {
                        h2 { (w.get("report-transcript")) }
                        table {
                            thead { tr { @for c in ["at", "by", "words", "channel"] { th { (w.get(&format!("col-{c}"))) } } } }
                            tbody { @for line in &r.transcript { tr {
                                td { (format!("{:.1} s", line.at_s)) } td { (line.by) } td { (line.text) }
                                td { (line.channel.clone().unwrap_or_else(|| w.get("report-floor"))) }
                            } } }
                        }
                    }
                }
                @if !r.bookmarks.is_empty() {
                    section {
                        h2 { (w.get("report-bookmarks")) }
                        table {
                            thead { tr { @for c in ["at", "by", "note"] { th { (w.get(&format!("col-{c}"))) } } } }
                            tbody { @for b in &r.bookmarks { tr { td { (format!("{:.1} s", b.at_s)) } td { (b.by) } td { (b.note) } } } }
                        }
                    }
                }
                @for t in &r.trainees { (trainee(r, t, w)) }
            }
        }
    };
    page.into_string()
}

fn class(r: &Report, w: &Words) -> Markup {
    let heading = w.with(
        "report-class",
        &[
            ("passed", r.class.passed.to_string().into()),
            ("trainees", r.class.trainees.to_string().into()),
            ("average", format!("{:.2}", r.class.average).into()),
        ],
    );
    let columns =
        ["rank", "trainee", "admin", "hits", "misses", "false-alarms", "examined", "procedure", "score", "result"];
    html! {
        section {
            h2 { (heading) }
            table {
                thead { tr { @for c in columns { th { (w.get(&format!("col-{c}"))) } } } }
                tbody {
                    @for t in &r.trainees {
                        tr {
                            td { (t.rank) }
                            td { (t.name) }
                            td { (t.administration) }
                            td { (list(&t.hits.iter().map(|h| format!("{} ({:.1} s)", h.concealment, h.seconds)).collect::<Vec<_>>())) }
                            td { (list(&t.misses.iter().map(|m| m.concealment.clone()).collect::<Vec<_>>())) }
                            td { (t.false_alarms.len()) }
                            td { (format!("{:.0} %", t.examined_share * 100.0)) }
                            td { (format!("{:.0} %", t.components.procedure * 100.0)) }
                            td { (format!("{:.2}", t.score)) }
                            td { (result(w, t.passed)) }
                        }
                    }
                }
            }
        }
    }
}

fn procedure(r: &Report, w: &Words) -> Markup {
    let heading = w.with(
        "report-team-procedure",
        &[("score", r.procedure.score.to_string().into()), ("max", r.procedure.max.to_string().into())],
    );
    html! {
        section {
            h2 { (heading) }
            table {
                thead { tr { @for c in ["step", "done-at", "by", "in-order"] { th { (w.get(&format!("col-{c}"))) } } } }
                tbody {
                    @for s in &r.procedure.steps {
                        tr {
                            td { (known(w, &format!("step-{}", s.step), &s.step)) }
                            td { (s.at_s.map_or_else(|| w.get("report-not-done"), |t| format!("{t:.1} s"))) }
                            td { (s.by_name.as_deref().unwrap_or("")) }
                            td { (w.get(if s.in_order { "report-yes" } else { "report-no" })) }
                        }
                    }
                }
            }
        }
    }
}

fn trainee(r: &Report, t: &TraineeReport, w: &Words) -> Markup {
    let line = super::markdown::score_line(w, r, t);
    let learner = t.learner.as_ref().map_or_else(|| w.get("report-unnamed"), |l| l.id.clone());
    let mut looked: Vec<&(String, u32)> = t.looked_at_cargo.iter().collect();
    looked.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let looked: Vec<String> = looked.iter().take(5).map(|(id, _)| id.clone()).collect();
    html! {
        section.trainee {
            h2 { @if !r.withheld { (t.rank) ". " } (t.name) " " span.muted { "(" (learner) ", " (t.administration) ")" } }
            @if !r.withheld { p { (message(line)) } }
            ul {
                li { (message(super::markdown::own_steps(w, t, |s| html! { (s) }.into_string()))) }
                li { (message(w.with("report-indicators", &[("tools", arg(&list(&tools(w, &t.tools_used))))]))) }
                @for h in &t.hits {
                    li { (message(w.with("report-found", &[("concealment", arg(&h.concealment)), ("finding", h.finding.to_string().into()), ("seconds", format!("{:.1}", h.seconds).into())]))) }
                }
                @for m in &t.misses {
                    @let hint = if m.taken.is_empty() {
                        w.with("report-hint-unread", &[("tools", arg(&list(&tools(w, &m.shown_by))))])
                    } else {
                        w.with("report-hint-unmarked", &[("tools", arg(&list(&tools(w, &m.taken))))])
                    };
                    li { (message(w.with("report-missed", &[("concealment", arg(&m.concealment)), ("hint", hint.into())]))) }
                }
                @if !t.false_alarms.is_empty() {
                    li { (w.with("report-false-alarms", &[("ids", t.false_alarms.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ").into())])) }
                }
                @if !looked.is_empty() {
                    li { (message(w.with("report-looked-cargo", &[("cargo", arg(&looked.join(", ")))]))) }
                }
                @if t.second_places > 0 {
                    li { (w.with("report-second-place", &[("count", t.second_places.into())])) }
                }
                @for line in super::markdown::risk_lines(w, t, |s| html! { (s) }.into_string()) {
                    li { (message(line)) }
                }
            }
            div.pictures {
                figure {
                    (top_down(&r.floorplan, t))
                    figcaption { (w.get("report-picture-trail")) }
                }
                figure {
                    (walls(&r.floorplan, t, w))
                    figcaption { (w.get("report-picture-walls")) }
                }
            }
            h3 { (w.get("report-timeline")) }
            figure {
                (timeline(r, t, w))
                figcaption { (w.get("report-picture-timeline")) }
            }
            @if t.actions.is_empty() {
                p { (w.get("report-idle")) }
            } @else {
                table {
                    thead { tr { th { (w.get("col-at")) } th { (w.get("col-did")) } } }
                    tbody { @for a in &t.actions { tr { td { (format!("{:.1} s", a.at_s)) } td { (did(w, &a.did, str::to_owned)) } } } }
                }
            }
        }
    }
}

/// `seconds` as `m:ss`.
fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The drill along a line: what they did (a mark a kind: readings blue, doors grey, seals
/// purple, findings red), when they spoke (green), and the instructors' bookmarks (orange flags),
/// with the minutes beneath.
fn timeline(r: &Report, t: &TraineeReport, w: &Words) -> Markup {
    use super::report::ActionKind;
    let width = 1000.0f64;
    let duration = r.duration_s.max(1.0);
    let x = |s: f64| format!("{:.1}", s / duration * width);
    let step = [10.0, 30.0, 60.0, 120.0, 300.0, 600.0].into_iter().find(|s| duration / s <= 10.0).unwrap_or(900.0);
    let ticks: Vec<f64> = (0..).map(|i| i as f64 * step).take_while(|s| *s <= duration).collect();
    let colour = |k: ActionKind| match k {
        ActionKind::Reading => "#1f6fd1",
        ActionKind::Door => "#6b7280",
        ActionKind::Seal => "#7b3fb5",
        ActionKind::Finding => "#b3261e",
    };
    let legend = [
        ("#1f6fd1", "timeline-reading"),
        ("#6b7280", "timeline-door"),
        ("#b3261e", "timeline-finding"),
        ("#2e9b4e", "timeline-speech"),
        ("#f08a24", "timeline-bookmark"),
    ];
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox="-20 -10 1040 150" role="img" {
            rect x="0" y="20" width="1000" height="50" fill="#f1f3f6" {}
            @for s in &ticks {
                line x1=(x(*s)) y1="20" x2=(x(*s)) y2="76" stroke="#c9ccd2" stroke-width="1" {}
                text x=(x(*s)) y="90" text-anchor="middle" font-size="12" fill="#5d636e" { (clock(*s)) }
            }
            @for sp in &t.speech {
                rect x=(x(sp.at_s)) y="56" width=(format!("{:.1}", (sp.seconds / duration * width).max(1.5))) height="10" fill="#2e9b4e" {}
            }
            @for a in &t.actions {
                line x1=(x(a.at_s)) y1="24" x2=(x(a.at_s)) y2="52" stroke=(colour(a.kind)) stroke-width="3" { title { (clock(a.at_s)) " " (did(w, &a.did, str::to_owned)) } }
            }
            @for (i, b) in r.bookmarks.iter().enumerate() {
                line x1=(x(b.at_s)) y1="2" x2=(x(b.at_s)) y2="70" stroke="#f08a24" stroke-width="2" {}
                rect x=(x(b.at_s)) y="2" width="18" height="12" fill="#f08a24" { title { (b.note) } }
                text x=(x(b.at_s)) y="12" dx="4" font-size="10" fill="#fff" { (i + 1) }
            }
            @for (i, (c, key)) in legend.iter().enumerate() {
                rect x=(i * 200) y="112" width="14" height="14" fill=(*c) {}
                text x=(i * 200 + 20) y="124" font-size="14" fill="#1b1d21" { (w.get(key)) }
            }
        }
    }
}

/// A coordinate in picture units, to the unit (a centimetre).
fn n(v: f32) -> String {
    format!("{v:.0}")
}

/// Metres to picture units.
const SCALE: f32 = 100.0;

fn heat(samples: u32, most: u32) -> f32 {
    (0.15 + 0.75 * samples as f32 / most.max(1) as f32).min(0.9)
}

/// The container from above: cargo, the floor cells looked at, the trail from its start (a
/// circle) to its end (a square), the doors at the right.
fn top_down(f: &Floorplan, t: &TraineeReport) -> Markup {
    let (w, h) = (f.length * SCALE, f.width * SCALE);
    let pad = 30.0;
    let cell = super::coverage::GAZE_CELL * SCALE;
    let floor: Vec<_> = t.looked_at.iter().filter(|l| l.at.wall == Wall::Floor).collect();
    let most = floor.iter().map(|l| l.samples).max().unwrap_or(1);
    let cargo_most = t.looked_at_cargo.iter().map(|(_, n)| *n).max().unwrap_or(1);
    let points: Vec<String> = t.trail.iter().map(|p| format!("{:.0},{:.0}", p.x * SCALE, p.z * SCALE)).collect();
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("{} {} {} {}", -pad, -pad, w + 2.0 * pad, h + 2.0 * pad)) role="img" {
            rect x="0" y="0" width=(n(w)) height=(n(h)) fill="#e9e4da" stroke="#0a3a8c" stroke-width="6" {}
            @if f.front > 0.0 {
                rect x="0" y="0" width=(n(f.front * SCALE)) height=(n(h)) fill="#9aa0a8" {}
            }
            @for l in &floor {
                rect x=(n(l.at.u as f32 * cell)) y=(n(l.at.v as f32 * cell)) width=(n(cell)) height=(n(cell)) fill="#f08a24" fill-opacity=(format!("{:.2}", heat(l.samples, most))) {}
            }
            @for c in &f.cargo {
                @let seen = t.looked_at_cargo.iter().find(|(id, _)| *id == c.id).map_or(0, |(_, n)| *n);
                rect x=(n(c.x * SCALE)) y=(n(c.z * SCALE)) width=(n(c.length * SCALE)) height=(n(c.width * SCALE)) fill="#b58b57" stroke="#5b4327" stroke-width="2" {}
                @if seen > 0 {
                    rect x=(n(c.x * SCALE)) y=(n(c.z * SCALE)) width=(n(c.length * SCALE)) height=(n(c.width * SCALE)) fill="#f08a24" fill-opacity=(format!("{:.2}", heat(seen, cargo_most))) {}
                }
            }
            line x1=(n(w)) y1="0" x2=(n(w)) y2=(n(h)) stroke="#1b1d21" stroke-width="10" stroke-dasharray="24 12" {}
            @if !points.is_empty() {
                polyline points=(points.join(" ")) fill="none" stroke="#0a3a8c" stroke-width="5" stroke-linejoin="round" {}
                @let (first, last) = (t.trail[0], t.trail[t.trail.len() - 1]);
                circle cx=(n(first.x * SCALE)) cy=(n(first.z * SCALE)) r="12" fill="#11763a" {}
                rect x=(n(last.x * SCALE - 10.0)) y=(n(last.z * SCALE - 10.0)) width="20" height="20" fill="#b3261e" {}
            }
        }
    }
}

/// The walls unrolled as seen from inside: the left wall (from the doors to the front), the
/// front wall, the right wall (from the front to the doors), each with where the gaze fell.
fn walls(f: &Floorplan, t: &TraineeReport, words: &Words) -> Markup {
    let (l, wd, h) = ((f.length - f.front) * SCALE, f.width * SCALE, f.height * SCALE);
    let cell = super::coverage::GAZE_CELL * SCALE;
    let gap = 20.0;
    let most = t.looked_at.iter().filter(|c| c.at.wall != Wall::Floor).map(|c| c.samples).max().unwrap_or(1);
    // Each wall's offset in the strip, and a cell's x within it.
    let place = |wall: Wall, u: i32| -> Option<f32> {
        let u = u as f32 * cell;
        match wall {
            Wall::Left => Some(f.length * SCALE - u - cell),
            Wall::Front => Some(l + gap + u),
            Wall::Right => Some(l + gap + wd + gap + u - f.front * SCALE),
            Wall::Floor | Wall::Roof => None,
        }
    };
    let total = l + wd + l + 2.0 * gap;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("-10 -10 {} {}", total + 20.0, h + 60.0)) role="img" {
            @for (x, width, label) in [(0.0, l, "wall-left"), (l + gap, wd, "wall-front"), (l + gap + wd + gap, l, "wall-right")] {
                rect x=(n(x)) y="0" width=(n(width)) height=(n(h)) fill="#dfe3e8" stroke="#0a3a8c" stroke-width="4" {}
                text x=(n(x + width / 2.0)) y=(n(h + 40.0)) text-anchor="middle" font-size="30" fill="#1b1d21" { (words.get(label)) }
            }
            @for c in t.looked_at.iter() {
                @if let Some(x) = place(c.at.wall, c.at.u) {
                    rect x=(n(x)) y=(n(h - (c.at.v as f32 + 1.0) * cell)) width=(n(cell)) height=(n(cell)) fill="#f08a24" fill-opacity=(format!("{:.2}", heat(c.samples, most))) {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::report::{Footprint, TrailPoint};

    #[test]
    fn a_hostile_name_is_shown_as_its_characters_and_emphasis_stays_ours() {
        assert_eq!(message("Found **A1** at 3 s".into()).into_string(), "Found <strong>A1</strong> at 3 s");
        let hostile = arg("<img src=x onerror=alert(1)> **bold**");
        let FluentValue::String(text) = hostile else { panic!() };
        assert!(!text.contains('<') && !text.contains('*'), "{text}");
    }

    #[test]
    fn the_pictures_draw_the_trail_and_cargo_to_scale() {
        let floor = Floorplan {
            length: 5.9,
            width: 2.35,
            height: 2.39,
            front: 0.6,
            cargo: vec![Footprint { id: "P1".into(), x: 1.0, z: 0.2, length: 1.2, width: 1.0 }],
        };
        let t = TraineeReport {
            trail: vec![TrailPoint { at_s: 0.0, x: 5.5, z: 1.2 }, TrailPoint { at_s: 1.0, x: 3.0, z: 1.0 }],
            ..TraineeReport::default()
        };
        let svg = top_down(&floor, &t).into_string();
        assert!(svg.contains("points=\"550,120 300,100\""), "{svg}");
        assert!(svg.contains("width=\"120\""), "the pallet is 1.2 m long");
    }
}
