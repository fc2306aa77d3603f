//! The impact a centre reports: a cohort's detection skill over periods (before training, after
//! it, months later), pooled over every decision its learners made in each period, per category,
//! on trained and on unseen (transfer) scenarios, and per administration; as one HTML page with
//! a picture, every figure explained in the reader's language.

use std::collections::BTreeMap;

use crossdock_i18n::Words;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Serialize;

use super::detection::{Counts, Measures, Skill, Trial, measure};
use super::progress::{Detection, Progress, detection};
use super::report::CONTAINER;
use crate::curriculum::Curriculum;

/// A named stretch of days, inclusive (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    /// Its name (`pre`, `post`, `retention`).
    pub name: String,
    /// The first day.
    pub from: String,
    /// The last day.
    pub to: String,
}

impl std::str::FromStr for Period {
    type Err = String;

    /// `NAME=FROM..TO`, days as `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Period, String> {
        let wrong =
            || format!("`{text}`: write a period as NAME=YYYY-MM-DD..YYYY-MM-DD, e.g. pre=2026-01-05..2026-01-09");
        let (name, days) = text.split_once('=').ok_or_else(wrong)?;
        let (from, to) = days.split_once("..").ok_or_else(wrong)?;
        let day = |d: &str| {
            let ok = d.len() == 10 && humantime::parse_rfc3339(&format!("{d}T00:00:00Z")).is_ok();
            ok.then(|| d.to_owned())
        };
        let (from, to) = (day(from).ok_or_else(wrong)?, day(to).ok_or_else(wrong)?);
        if name.is_empty() || from > to {
            return Err(wrong());
        }
        Ok(Period { name: name.to_owned(), from, to })
    }
}

/// One period's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodFigures {
    /// The period.
    pub period: Period,
    /// Learners who sat a drill in it.
    pub learners: u32,
    /// Drills sat in it, all learners together.
    pub drills: u32,
    /// Skill per thing decided about: the container first, then each category.
    pub detection: Vec<Detection>,
    /// About the whole container, in the curriculum's trained scenarios.
    pub trained: Skill,
    /// About the whole container, in its transfer scenarios.
    pub transfer: Skill,
    /// About the whole container, per administration.
    pub administrations: Vec<(String, Counts, Option<Measures>)>,
}

/// A cohort's figures over periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    /// The curriculum that says which scenarios are trained and which transfer, if any.
    pub curriculum: Option<String>,
    /// Each period, in the order given.
    pub periods: Vec<PeriodFigures>,
}

/// The figures of the learners in `all` over `periods`.
pub fn cohort(all: &[Progress], periods: &[Period], curriculum: Option<&Curriculum>) -> Cohort {
    let trained = |s: &str| curriculum.is_some_and(|c| c.levels.iter().any(|l| l.trained.iter().any(|t| t == s)));
    let transfer = |s: &str| curriculum.is_some_and(|c| c.levels.iter().any(|l| l.transfer.iter().any(|t| t == s)));
    let periods = periods
        .iter()
        .map(|period| {
            let within = |started: &str| {
                let day = started.get(..10).unwrap_or(started);
                period.from.as_str() <= day && day <= period.to.as_str()
            };
            let (mut learners, mut drills) = (0, 0);
            let (mut on_trained, mut on_transfer) = (Counts::default(), Counts::default());
            let mut by_admin: BTreeMap<String, Counts> = BTreeMap::new();
            let mut decisions = Vec::new();
            for p in all {
                let sat: Vec<_> = p.sittings.iter().filter(|s| within(&s.started)).collect();
                learners += u32::from(!sat.is_empty());
                drills += sat.len() as u32;
                for s in sat {
                    decisions.extend(s.decisions.iter());
                    let Some(d) = s.decisions.iter().find(|d| d.about == CONTAINER) else { continue };
                    let trial = Trial { present: d.present, flagged: d.flagged };
                    by_admin.entry(s.administration.clone()).or_default().add(trial);
                    if trained(&s.scenario) {
                        on_trained.add(trial);
                    } else if transfer(&s.scenario) {
                        on_transfer.add(trial);
                    }
                }
            }
            PeriodFigures {
                period: period.clone(),
                learners,
                drills,
                detection: detection(decisions),
                trained: Skill::of(on_trained),
                transfer: Skill::of(on_transfer),
                administrations: by_admin.into_iter().map(|(a, c)| (a, c, measure(c))).collect(),
            }
        })
        .collect();
    Cohort { curriculum: curriculum.map(|c| c.name.clone()), periods }
}

const STYLE: &str = "
:root { font-family: 'Noto Sans', 'Noto Sans Thai', 'Noto Sans CJK SC', 'Noto Sans CJK JP', 'Noto Sans CJK KR', system-ui, sans-serif; color: #1b1d21; }
body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #0a3a8c; padding-bottom: 0.2rem; margin-top: 1.8rem; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #c9ccd2; padding: 0.25rem 0.45rem; text-align: left; }
th { background: #eef1f6; } .muted { color: #5d636e; } .few { color: #9a5b00; }
svg { width: 100%; height: auto; background: #fafbfc; border: 1px solid #d5d8de; }
@page { size: A4; margin: 14mm; }
";

fn d(m: &Option<Measures>, w: &Words) -> Markup {
    match m {
        Some(m) => html! {
            (format!("{:.2} [{:.2}, {:.2}]", m.d_prime, m.band.0, m.band.1))
            @if !m.conclusive { " " span.few { (w.get("progress-detection-few")) } }
        },
        None => html! { "–" },
    }
}

fn about(a: &str, w: &Words) -> String {
    if a == CONTAINER {
        w.get("detection-container")
    } else {
        w.find(&format!("category-{a}")).unwrap_or_else(|| a.to_owned())
    }
}

/// The container's d′ per period as bars with their 95 % bands, trained and transfer side by side.
fn chart(c: &Cohort, w: &Words) -> Markup {
    let (width, height, top, base) = (720.0f64, 260.0f64, 20.0f64, 220.0f64);
    let scale = |v: f64| base - (v.clamp(0.0, 4.0) / 4.0) * (base - top);
    let slot = (width - 80.0) / c.periods.len().max(1) as f64;
    html! {
        svg viewBox=(format!("0 0 {width} {height}")) role="img" aria-label=(w.get("cohort-chart")) {
            @for v in 0..=4 {
                line x1="60" x2=(width - 10.0) y1=(scale(f64::from(v))) y2=(scale(f64::from(v))) stroke="#e1e4ea" {}
                text x="50" y=(scale(f64::from(v)) + 4.0) text-anchor="end" font-size="11" fill="#5d636e" { (v) }
            }
            @for (i, p) in c.periods.iter().enumerate() {
                @let x = 70.0 + slot * i as f64;
                @for (k, (m, colour)) in [(&p.trained.measures, "#0a3a8c"), (&p.transfer.measures, "#e08a00")].into_iter().enumerate() {
                    @if let Some(m) = m {
                        @let bx = x + 10.0 + k as f64 * (slot / 2.0 - 10.0);
                        @let bw = slot / 2.0 - 25.0;
                        rect x=(bx) y=(scale(m.d_prime.max(0.0))) width=(bw) height=(scale(0.0) - scale(m.d_prime.max(0.0))) fill=(colour) {}
                        line x1=(bx + bw / 2.0) x2=(bx + bw / 2.0) y1=(scale(m.band.0)) y2=(scale(m.band.1)) stroke="#1b1d21" stroke-width="1.5" {}
                    }
                }
                text x=(x + slot / 2.0) y=(base + 18.0) text-anchor="middle" font-size="12" { (p.period.name) }
            }
            rect x="70" y=(height - 18.0) width="10" height="10" fill="#0a3a8c" {}
            text x="84" y=(height - 9.0) font-size="11" { (w.get("cohort-trained")) }
            rect x="250" y=(height - 18.0) width="10" height="10" fill="#e08a00" {}
            text x="264" y=(height - 9.0) font-size="11" { (w.get("cohort-transfer")) }
        }
    }
}

/// The cohort report as one page, in `w`'s language.
pub fn html(c: &Cohort, w: &Words) -> String {
    html! {
        (DOCTYPE)
        html lang=(w.language()) {
            head { meta charset="utf-8"; title { (w.get("cohort-title")) } style { (PreEscaped(STYLE)) } }
            body {
                h1 { (w.get("cohort-title")) }
                @if let Some(name) = &c.curriculum { p.muted { (name) } }
                figure { (chart(c, w)) figcaption.muted { (w.get("cohort-chart")) } }
                p { (w.get("progress-detection-explained")) " " (w.get("cohort-explained")) }
                @for p in &c.periods {
                    h2 { (w.with("cohort-period", &[("name", p.period.name.clone().into()), ("from", p.period.from.clone().into()), ("to", p.period.to.clone().into())])) }
                    p.muted { (w.with("cohort-sat", &[("learners", p.learners.to_string().into()), ("drills", p.drills.to_string().into())])) }
                    table {
                        tr { th { (w.get("col-about")) } th { (w.get("col-hidden-found")) } th { (w.get("col-clean-flagged")) } th { (w.get("col-d-prime")) } th { (w.get("col-criterion")) } }
                        @for r in &p.detection {
                            @let found = w.with("progress-found", &[("hits", r.counts.hits.to_string().into()), ("hidden", r.counts.signal().to_string().into())]);
                            @let flagged = w.with("progress-found", &[("hits", r.counts.false_alarms.to_string().into()), ("hidden", r.counts.noise().to_string().into())]);
                            tr { td { (about(&r.about, w)) } td { (found) } td { (flagged) } td { (d(&r.measures, w)) } td { (r.measures.map_or_else(|| "–".to_owned(), |m| format!("{:+.2}", m.criterion))) } }
                        }
                    }
                    table {
                        tr { th { (w.get("cohort-trained")) } th { (w.get("cohort-transfer")) } th { (w.get("cohort-gap")) } }
                        tr {
                            td { (d(&p.trained.measures, w)) }
                            td { (d(&p.transfer.measures, w)) }
                            td { (match (&p.trained.measures, &p.transfer.measures) { (Some(a), Some(b)) => format!("{:+.2}", b.d_prime - a.d_prime), _ => "–".to_owned() }) }
                        }
                    }
                    table {
                        tr { th { (w.get("cohort-administration")) } th { (w.get("col-hidden-found")) } th { (w.get("col-clean-flagged")) } th { (w.get("col-d-prime")) } }
                        @for (admin, counts, m) in &p.administrations {
                            @let found = w.with("progress-found", &[("hits", counts.hits.to_string().into()), ("hidden", counts.signal().to_string().into())]);
                            @let flagged = w.with("progress-found", &[("hits", counts.false_alarms.to_string().into()), ("hidden", counts.noise().to_string().into())]);
                            tr { td { (admin) } td { (found) } td { (flagged) } td { (d(m, w)) } }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Decision;
    use crate::assessment::progress::Sitting;

    fn sat(day: &str, scenario: &str, admin: &str, present: bool, flagged: bool) -> Sitting {
        let decision = Decision { about: CONTAINER.into(), present, flagged, seconds: None };
        Sitting::of(format!("{day}T09:00:00Z"), scenario, admin, vec![decision])
    }

    #[test]
    fn periods_pool_their_decisions_and_split_trained_transfer_and_administrations() {
        let curriculum = Curriculum::load("container-examination").unwrap();
        let learner = |id: &str, admin: &str, before: bool| Progress {
            learner: id.into(),
            sittings: vec![
                // Before: guessing (flags the clean one too). After: right on both, and on an
                // unseen scenario misses.
                sat("2026-01-05", "weight-gap-20ft", admin, true, true),
                sat("2026-01-06", "clean-20ft", admin, false, before),
                sat("2026-03-02", "weight-gap-20ft", admin, true, true),
                sat("2026-03-03", "clean-20ft", admin, false, false),
                sat("2026-03-04", "misdeclared-40hc", admin, true, false),
                sat("2026-03-05", "misdeclared-40hc", admin, false, false),
                sat("2026-06-01", "swapped-seal-reefer", admin, true, true),
                sat("2026-06-02", "clean-20ft", admin, false, false),
                sat("2026-06-03", "misdeclared-40hc", admin, true, true),
                sat("2026-06-04", "clean-20ft", admin, false, false),
                sat("2026-06-05", "misdeclared-40hc", admin, false, false),
            ],
            change: None,
            detection: Vec::new(),
        };
        let all = [learner("A", "TH", true), learner("B", "VN", true)];
        let periods: Vec<Period> =
            ["pre=2026-01-01..2026-01-31", "post=2026-03-01..2026-03-31", "retention=2026-06-01..2026-06-30"]
                .iter()
                .map(|p| p.parse().unwrap())
                .collect();
        let c = cohort(&all, &periods, Some(&curriculum));
        let (pre, post) = (&c.periods[0], &c.periods[1]);
        assert_eq!((pre.learners, pre.drills, post.drills), (2, 4, 8));
        assert_eq!(pre.trained.counts, Counts { hits: 2, misses: 0, false_alarms: 2, correct_rejections: 0 });
        assert_eq!(post.trained.counts, Counts { hits: 2, misses: 0, false_alarms: 0, correct_rejections: 2 });
        assert!(post.trained.measures.unwrap().d_prime > pre.trained.measures.unwrap().d_prime + 1.0, "skill rose");
        assert_eq!(
            post.transfer.counts,
            Counts { misses: 2, correct_rejections: 2, ..Counts::default() },
            "unseen: missed"
        );
        let retained = c.periods[2].transfer.measures.unwrap();
        assert!(retained.d_prime > post.transfer.measures.unwrap().d_prime, "and found months later");
        assert_eq!(post.administrations.iter().map(|(a, _, _)| a.as_str()).collect::<Vec<_>>(), ["TH", "VN"]);
        let page = html(&c, &crate::assessment::words("th"));
        assert!(page.contains("<svg") && page.contains("post"), "a picture and the periods");
        // For the docs' pictures: `CROSSDOCK_PAGES_OUT=DIR` keeps the pages, English and Thai.
        if let Ok(out) = std::env::var("CROSSDOCK_PAGES_OUT") {
            std::fs::create_dir_all(&out).unwrap();
            std::fs::write(format!("{out}/cohort-th.html"), &page).unwrap();
            std::fs::write(format!("{out}/cohort-en.html"), html(&c, &crate::assessment::words("en"))).unwrap();
        }
        assert!("pre=2026-02-30..2026-01-01".parse::<Period>().is_err() && "pre".parse::<Period>().is_err());
    }
}
