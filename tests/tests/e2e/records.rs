//! Records a training centre can trust: scores from each trainee's own actions, learners who stay
//! one person, drills that never merge, names in every script kept as written, and xAPI that
//! reaches any learning record store once.

use std::time::{Duration, Instant};

use crossdock_client::Client;
use crossdock_protocol::drill::{Category, Command, Tool};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::snapshot::{EntityKey, decode_delta};
use crossdock_protocol::{Intent, ParticipantId, Role};
use crossdock_server::assessment;
use crossdock_server::lrs::{Lrs, Outbox};
use crossdock_server::records::{Record, Store};
use crossdock_tests::lrs::FakeLrs;
use crossdock_tests::*;
use glam::Vec3;

use super::drill::{at_the_doors, check_seal, drill_server, measure_length, open_doors, use_tool};

/// Pumps `client` until the drill's log holds a keyframe with `who`'s avatar in it.
async fn logged_standing(server: &TestServer, client: &mut Client, who: ParticipantId) {
    let deadline = Instant::now() + WAIT;
    loop {
        let (_, records) = server.drill_records();
        let logged = records.iter().any(|r| match &r.entry.record {
            Record::Keyframe(bytes) => decode_delta(bytes, None)
                .is_ok_and(|(_, s)| s.entities.iter().any(|(k, _)| *k == EntityKey::Avatar(who))),
            _ => false,
        });
        if logged {
            return;
        }
        assert!(Instant::now() < deadline, "a keyframe with participant {} was logged", who.0);
        wait_for(client, Duration::from_millis(50), |_| false).await;
    }
}

/// Stands `client` in the middle of the container and waits until the log has seen it there.
async fn stand_inside(server: &TestServer, client: &mut Client) {
    let at = Vec3::new(2.0, 1.65, 0.0);
    assert!(place(client, avatar(at, at + Vec3::new(0.2, -0.6, -0.3), at + Vec3::new(0.2, -0.6, 0.3))).await);
    let me = client.core.me();
    logged_standing(server, client, me).await;
}

#[tokio::test]
async fn an_idle_trainee_fails_every_shipped_scenario() {
    for (name, _) in crossdock_server::scenario::LIBRARY {
        let server = drill_server(name);
        let mut idle = server.join(Role::Trainee, "Idle").await;
        stand_inside(&server, &mut idle).await;
        let report = server.report();
        let t = &report.trainees[0];
        assert!(!t.passed && t.score < report.weights.pass, "{name}: an idle trainee scored {t:#?}");
        assert!(t.steps.is_empty() && t.hits.is_empty(), "{name}: {t:#?}");
    }
}

#[tokio::test]
async fn a_trainee_who_only_watched_cannot_outscore_the_one_who_did_the_work() {
    let server = drill_server("false-wall-20ft");
    let mut worker = server.join(Role::Trainee, "Somchai").await;
    let mut watcher = server.join(Role::Trainee, "Min-jun").await;
    stand_inside(&server, &mut watcher).await;
    use_tool(&mut worker, Tool::Documents, QPose::ZERO, None).await.unwrap();
    at_the_doors(&mut worker).await;
    check_seal(&mut worker).await;
    use_tool(&mut worker, Tool::XRay, QPose::ZERO, None).await.unwrap();
    open_doors(&mut worker).await;
    let tape = measure_length(&mut worker).await;
    let finding = Intent::MarkFinding { place: [300, 1200, 0], category: Category::FalseWall, evidence: vec![tape.id] };
    assert_eq!(act(&mut worker, finding).await, Ok(()));

    let report = server.report();
    let row = |name: &str| report.trainees.iter().find(|t| t.name == name).unwrap().clone();
    let (w, v) = (row("Somchai"), row("Min-jun"));
    assert!(w.score > v.score, "the worker {} must outscore the watcher {}", w.score, v.score);
    assert!(w.passed && !v.passed, "{w:#?}\n{v:#?}");
    assert_eq!((w.rank, v.rank), (1, 2));
    assert!(v.steps.is_empty(), "the team's steps are not the watcher's: {:?}", v.steps);
    assert_eq!(v.misses[0].shown_by, ["tape-measure", "scale", "flashlight"].map(str::to_owned).to_vec());
    assert_eq!(report.class.trainees, 2);
    assert_eq!(report.class.passed, 1);
    let md = assessment::markdown(&report, &assessment::words("en"));
    assert!(md.contains(&report.formula), "the report prints its formula");
    assert!(
        md.contains("Missed **FW1**: a reading with any of these would have shown it: Tape measure, Scale, Flashlight"),
        "{md}"
    );
    assert!(md.contains("| check the documents | 0."), "the team procedure names who: {md}");
    let thai = assessment::markdown(&report, &assessment::words("th"));
    assert!(thai.contains("พลาด **FW1**") && thai.contains("| ตรวจเอกสาร | 0."), "headings and labels in Thai: {thai}");
    let thai_formula = assessment::formula(&assessment::words("th"), &report.weights);
    assert!(thai.contains(&thai_formula) && thai_formula.contains("การตรวจพบ"), "the formula in Thai too");
}

/// The errors an HTML5 parser reports for `page` (none: it parses as written).
fn html_errors(page: &str) -> Vec<String> {
    use html5ever::tendril::TendrilSink;
    let dom = html5ever::parse_document(markup5ever_rcdom::RcDom::default(), Default::default()).one(page);
    dom.errors.borrow().iter().map(|e| e.to_string()).collect()
}

#[tokio::test]
async fn the_html_report_parses_shows_a_hostile_name_as_text_and_draws_each_trainees_trail() {
    let server = drill_server("false-wall-20ft");
    let hostile = "<img src=x onerror=alert(1)>";
    let mut worker = server.join(Role::Trainee, hostile).await;
    let mut watcher = server.join(Role::Trainee, "สมชาย ใจดี").await;
    stand_inside(&server, &mut watcher).await;
    at_the_doors(&mut worker).await;
    open_doors(&mut worker).await;
    let tape = measure_length(&mut worker).await;
    let finding = Intent::MarkFinding { place: [300, 1200, 0], category: Category::FalseWall, evidence: vec![tape.id] };
    assert_eq!(act(&mut worker, finding).await, Ok(()));
    let me = worker.core.me();
    logged_standing(&server, &mut worker, me).await;

    let report = server.report();
    let w = report.trainees.iter().find(|t| t.name == "สมชาย ใจดี").expect("the watcher");
    assert!(!w.trail.is_empty(), "the log gives a trail: {w:?}");
    assert!(
        w.looked_at.iter().any(|l| l.at.wall == assessment::coverage::Wall::Left),
        "facing -z inside: the left wall"
    );
    for (locale, found) in [("en", "Found <strong>FW1</strong>"), ("th", "<strong>FW1</strong>")] {
        let page = assessment::html(&report, &assessment::words(locale));
        assert_eq!(html_errors(&page), Vec::<String>::new(), "{locale}: the page parses");
        assert!(!page.contains("<img"), "the name is never markup");
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "it is shown as its characters");
        assert!(page.contains("สมชาย ใจดี"), "names in their own script");
        assert!(page.contains(found), "{locale}: {page}");
        assert_eq!(page.matches("<polyline").count(), 2, "a trail per trainee");
        assert!(page.contains("stroke=\"#b3261e\" stroke-width=\"3\""), "the finding is marked on the timeline");
        assert!(
            page.contains("@media print") && !page.contains("http://") || page.contains("http://www.w3.org/2000/svg")
        );
        assert!(!page.contains("src=\"http") && !page.contains("href=\"http"), "nothing is fetched");
    }
}

const CLASS: &str = "learner_id,display_name,administration,locale,lms_account
TH-0001,สมชาย ใจดี,TH,th,
KR-0002,김민준,KR,ko,kim.minjun
CN-0003,王伟,CN,zh-Hans,
VN-0004,Nguyễn Văn An,VN,vi,
";

#[tokio::test]
async fn personal_invites_keep_names_in_every_script_through_report_and_xapi() {
    let server = drill_server("false-wall-20ft");
    let class = crossdock_server::roster::parse(CLASS).unwrap();
    let mut clients = Vec::new();
    for learner in &class {
        let invite = server.server.invite_with(|c| {
            c.name = Some(learner.display_name.clone());
            c.learner = Some(learner.claim());
            c.single_use = true;
        });
        // The app's own name and administration lose to the roster's.
        let mut client = join(&invite, "typed on the headset").await.unwrap();
        use_tool(&mut client, Tool::Documents, QPose::ZERO, None).await.unwrap();
        clients.push(client);
    }
    let report = server.report();
    let statements = assessment::xapi(&report, "https://lms.rtc.example");
    for learner in &class {
        let row = report.trainees.iter().find(|t| t.learner.as_ref().unwrap().id == learner.learner_id).unwrap();
        assert_eq!(row.name, learner.display_name);
        assert_eq!(
            (row.administration.as_str(), row.locale.as_str()),
            (learner.administration.as_str(), learner.locale.as_str())
        );
        let account = learner.lms_account.clone().unwrap_or_else(|| learner.learner_id.clone());
        let mine: Vec<_> = statements
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["actor"]["account"]["name"] == account.as_str())
            .collect();
        assert!(!mine.is_empty(), "{account} has statements");
        assert!(mine.iter().all(|s| s["actor"]["name"] == learner.display_name.as_str()));
        assert!(mine.iter().all(|s| s["actor"]["account"]["homePage"] == "https://lms.rtc.example"));
    }
    let md = assessment::markdown(&report, &assessment::words("en"));
    for name in ["สมชาย ใจดี", "김민준", "王伟", "Nguyễn Văn An"] {
        assert!(md.contains(name), "{name} in the Markdown report");
    }
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("สมชาย ใจดี") && json.contains("Nguyễn Văn An"));
}

#[tokio::test]
async fn a_learner_who_joins_again_with_a_new_invite_is_the_same_participant() {
    let server = drill_server("false-wall-20ft");
    let first = server.personal_invite(Role::Trainee, "KR-0002", "김민준", "KR", "ko");
    let mut c = join(&first, "x").await.unwrap();
    let me = c.core.me();
    use_tool(&mut c, Tool::Documents, QPose::ZERO, None).await.unwrap();
    c.close(crossdock_protocol::CloseCode::Normal, "app closed");
    c.closed().await;
    // A fresh invite, no resume secret: a new device, the same learner.
    let again = server.personal_invite(Role::Trainee, "KR-0002", "김민준", "KR", "ko");
    let mut c = join(&again, "x").await.unwrap();
    assert_eq!(c.core.me(), me, "the learner keeps their participant id");
    at_the_doors(&mut c).await;
    check_seal(&mut c).await;
    let report = server.report();
    assert_eq!(report.trainees.len(), 1, "{:#?}", report.trainees);
    let steps: Vec<_> = report.trainees[0].steps.iter().map(|s| s.step.as_str()).collect();
    assert_eq!(steps, ["check-documents", "check-seal"], "both sittings' actions count for one person");
}

#[tokio::test]
async fn ending_a_drill_starts_the_next_and_their_reports_share_nothing() {
    let server = drill_server("false-wall-20ft");
    let mut i = server.join(Role::Instructor, "Khun Anan").await;
    let mut t = join(&server.personal_invite(Role::Trainee, "TH-0001", "สมชาย", "TH", "th"), "x").await.unwrap();
    use_tool(&mut t, Tool::Documents, QPose::ZERO, None).await.unwrap();
    assert_eq!(act(&mut i, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    at_the_doors(&mut t).await;
    check_seal(&mut t).await;

    let store = Store::open(server.data_dir()).unwrap();
    let drills = store.drills(Some("default")).unwrap();
    assert_eq!(drills.len(), 2, "{drills:#?}");
    assert_eq!(drills[0].ended, Some(crossdock_server::records::DrillEnd::Ended));
    assert_eq!(drills[1].ended, None);
    assert_eq!((drills[0].participants, drills[1].participants), (2, 2), "both carry on into drill 2");
    let report = |n: u32| assessment::report("default", n, &store.read_drill("default", n).unwrap()).unwrap();
    let (one, two) = (report(1), report(2));
    let steps = |r: &assessment::Report| r.trainees[0].steps.iter().map(|s| s.step.clone()).collect::<Vec<_>>();
    assert_eq!(steps(&one), ["check-documents"]);
    assert_eq!(steps(&two), ["check-seal"], "drill 2 starts from nothing");
    assert_eq!(one.trainees[0].participant, two.trainees[0].participant, "the same person in both");
    assert_eq!(one.ended, Some(crossdock_server::records::DrillEnd::Ended));
}

#[tokio::test]
async fn the_server_delivers_each_drill_once_to_an_lrs_in_the_version_it_speaks() {
    for (versions, expected) in [(&["1.0.3"][..], "1.0.3"), (&["1.0.3", "2.0.0"][..], "2.0.0")] {
        let lrs = FakeLrs::start(versions);
        let endpoint = lrs.endpoint.clone();
        let server = TestServer::start_with(|c| {
            c.scenario = "false-wall-20ft".into();
            c.lrs = Some(endpoint);
            c.lrs_auth = Some("centre:secret".into());
            c.lms_home_page = "https://lms.rtc.example".into();
        });
        let mut i = server.join(Role::Instructor, "Khun Anan").await;
        let mut learners = Vec::new();
        for (id, name) in [("TH-0001", "สมชาย"), ("CN-0003", "王伟")] {
            let mut c = join(&server.personal_invite(Role::Trainee, id, name, "TH", "th"), "x").await.unwrap();
            use_tool(&mut c, Tool::Documents, QPose::ZERO, None).await.unwrap();
            learners.push(c);
        }
        let _unnamed = server.join(Role::Trainee, "Walk-in").await;
        assert_eq!(act(&mut i, Intent::Instruct(Command::EndDrill)).await, Ok(()));
        // Each learner: attempted, completed, failed, performed check-documents, and decided
        // about the container and the cigarettes behind the false wall.
        assert!(lrs.wait_for(12, Duration::from_secs(20)), "delivered: {:#?}", lrs.received());
        assert!(!lrs.wait_for(13, Duration::from_secs(2)), "nothing more, nothing twice");
        let got = lrs.received();
        let ids: std::collections::BTreeSet<_> = got.iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids.len(), 12, "each statement once");
        assert!(got.iter().all(|r| r.header == expected), "header {expected}: {got:#?}");
        let declared = if expected == "2.0.0" { "2.0.0" } else { "1.0.0" };
        assert!(got.iter().all(|r| r.statement["version"] == declared));
        assert!(got.iter().all(|r| r.authorization.as_deref() == Some("Basic Y2VudHJlOnNlY3JldA==")));
        let outcomes = got.iter().filter(|r| r.statement["verb"]["id"].as_str().unwrap().ends_with("/failed")).count();
        assert_eq!(outcomes, 2, "one outcome per learner for the drill");
        assert!(
            got.iter().all(|r| r.statement["actor"]["account"]["name"] != "Walk-in"),
            "no statements for the unnamed"
        );
    }
}

fn statements() -> Vec<serde_json::Value> {
    (0..3)
        .map(|i| {
            serde_json::json!({
                "id": format!("00000000-0000-5000-8000-00000000000{i}"),
                "version": "2.0.0",
                "actor": { "account": { "homePage": "https://lms.example", "name": format!("L{i}") } },
                "verb": { "id": "http://adlnet.gov/expapi/verbs/attempted" },
                "object": { "id": "https://lms.example/scenarios/x" },
            })
        })
        .collect()
}

#[test]
fn statements_survive_failures_and_are_delivered_once() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeLrs::start(&["2.0.0"]);
    fake.fail_first(2);
    let lrs = Lrs { endpoint: fake.endpoint.clone(), basic_auth: None };
    let mut outbox = Outbox::open(dir.path()).unwrap();
    assert_eq!(outbox.enqueue(&statements()).unwrap(), 3);
    assert_eq!(outbox.enqueue(&statements()).unwrap(), 0, "queueing again adds nothing");
    let first = outbox.deliver(&lrs, 1_000).unwrap();
    assert_eq!((first.delivered, first.failed, first.pending), (1, 2, 2));
    assert!(first.error.unwrap().contains("503"));
    assert_eq!(outbox.deliver(&lrs, 1_500).unwrap().delivered, 0, "not due before the backoff");
    drop(outbox);
    let mut outbox = Outbox::open(dir.path()).unwrap();
    let second = outbox.deliver(&lrs, first.next_due_ms.unwrap()).unwrap();
    assert_eq!((second.delivered, second.pending), (2, 0));
    assert_eq!(outbox.deliver(&lrs, 10_000_000).unwrap().delivered, 0);
    assert_eq!(fake.received().len(), 3, "each statement arrived once");
}

#[test]
fn a_statement_the_lrs_refuses_is_reported_and_never_retried() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeLrs::start(&["1.0.3"]);
    let bad = "00000000-0000-5000-8000-000000000001";
    fake.refuse(bad);
    let lrs = Lrs { endpoint: fake.endpoint.clone(), basic_auth: None };
    let mut outbox = Outbox::open(dir.path()).unwrap();
    outbox.enqueue(&statements()).unwrap();
    let round = outbox.deliver(&lrs, 0).unwrap();
    assert_eq!((round.delivered, round.rejected, round.pending), (2, 1, 0));
    assert_eq!(round.version.as_deref(), Some("1.0.3"));
    for later in [10_000, 1_000_000, 100_000_000] {
        assert_eq!(outbox.deliver(&lrs, later).unwrap().pending, 0);
    }
    assert_eq!(fake.attempts(bad), 1, "a 400 is not retried");
    let rejected = outbox.rejected().unwrap();
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0].1.contains("HTTP 400"), "{rejected:?}");
}

#[test]
fn an_unreachable_lrs_leaves_statements_pending_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let lrs = Lrs { endpoint: format!("http://{closed}"), basic_auth: None };
    let mut outbox = Outbox::open(dir.path()).unwrap();
    outbox.enqueue(&statements()).unwrap();
    let round = outbox.deliver(&lrs, 0).unwrap();
    assert_eq!((round.delivered, round.failed, round.pending), (0, 3, 3));
    assert!(outbox.last_error("00000000-0000-5000-8000-000000000001").unwrap().unwrap().contains("cannot reach"));
}

#[tokio::test]
async fn forgetting_a_learner_leaves_a_pseudonym_and_keeps_the_statistics() {
    let server = drill_server("false-wall-20ft");
    let mut c = join(&server.personal_invite(Role::Trainee, "TH-0001", "สมชาย ใจดี", "TH", "th"), "x").await.unwrap();
    use_tool(&mut c, Tool::Documents, QPose::ZERO, None).await.unwrap();
    let before = server.report();
    let done = crossdock_server::records::retention::forget(server.data_dir(), "TH-0001").unwrap();
    assert!(done.pseudonym.starts_with("forgotten-") && done.drills == ["default/1"], "{done:?}");
    let after = server.report();
    let t = &after.trainees[0];
    assert_eq!(t.name, done.pseudonym);
    assert_eq!(t.learner.as_ref().unwrap().id, done.pseudonym);
    assert_eq!(
        (t.readings, t.score, t.administration.as_str()),
        (before.trainees[0].readings, before.trainees[0].score, "TH")
    );
    let json = serde_json::to_string(&after).unwrap() + &assessment::xapi(&after, "https://lms.example").to_string();
    assert!(!json.contains("สมชาย") && !json.contains("TH-0001"), "{json}");
    let err = crossdock_server::records::retention::forget(server.data_dir(), "TH-0001").unwrap_err();
    assert!(err.to_string().contains("no learner `TH-0001`"), "{err}");
}

#[tokio::test]
async fn an_instructors_bookmarks_reach_the_report_and_nobody_elses_do() {
    let server = drill_server("clean-20ft");
    let mut i = server.join(Role::Instructor, "Siti").await;
    let mut t = server.join(Role::Trainee, "Somchai").await;
    let bookmark = |note: &str| Intent::Instruct(Command::Bookmark { note: note.into() });
    assert_eq!(act(&mut i, bookmark("watch how Somchai checks the seal")).await, Ok(()));
    assert_eq!(act(&mut i, bookmark("")).await, Ok(()), "a note is optional");
    assert_eq!(act(&mut t, bookmark("me too")).await, Err(crossdock_protocol::messages::DenyReason::RoleForbids));
    let long = "x".repeat(crossdock_protocol::drill::MAX_NOTE + 1);
    assert_eq!(act(&mut i, bookmark(&long)).await, Err(crossdock_protocol::messages::DenyReason::Invalid));

    let report = server.report();
    let notes: Vec<(&str, &str)> = report.bookmarks.iter().map(|b| (b.by.as_str(), b.note.as_str())).collect();
    assert_eq!(notes, [("Siti", "watch how Somchai checks the seal"), ("Siti", "")]);
    assert!(report.bookmarks[0].at_s <= report.bookmarks[1].at_s);
    let md = assessment::markdown(&report, &assessment::words("en"));
    assert!(md.contains("## Bookmarks") && md.contains("watch how Somchai checks the seal"), "{md}");
    let page = assessment::html(&report, &assessment::words("ja"));
    assert!(page.contains("ブックマーク") && page.contains("watch how Somchai checks the seal"));
}

/// The visible text of an HTML page: no markup, no style sheet, entities decoded.
fn visible_text(page: &str) -> String {
    let page = match (page.find("<style>"), page.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &page[..a], &page[b..]),
        _ => page.to_owned(),
    };
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push('\n');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#42;", "*")
}

/// Runs of Latin letters left in `text` once what people and the scenario wrote is taken out.
fn english_left(text: &str, written: &[String]) -> Vec<String> {
    let mut text = text.to_owned();
    let mut written = written.to_vec();
    written.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for w in written.iter().filter(|w| !w.is_empty()) {
        text = text.replace(w.as_str(), " ");
    }
    let mut words: Vec<String> =
        text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).map(str::to_owned).collect();
    words.sort();
    words.dedup();
    words
}

#[tokio::test]
async fn a_thai_report_has_no_english_outside_names_and_scenario_text() {
    let server = TestServer::start();
    let mut instructor = server.join(Role::Instructor, "ครูฝึก สมศักดิ์").await;
    let mut t = server.join(Role::Trainee, "สมชาย ใจดี").await;
    let mut u = server.join(Role::Trainee, "김민준").await;
    let bots = tokio::spawn(crossdock_client::bot::run(crossdock_client::bot::BotConfig {
        people: crossdock_client::bot::BotPeople { names: vec!["王伟".into()], administrations: vec!["CN".into()] },
        invite: server.invite(Role::Trainee),
        count: 2,
        duration: Duration::from_secs(3),
        rate_hz: 30,
        seed: 5,
        work: true,
        voice: Default::default(),
    }));
    // Every kind of action the report tells: readings, doors, an opened package, a finding and
    // its co-signature, a re-seal, a bookmark, then the instructor's end.
    at_the_doors(&mut t).await;
    check_seal(&mut t).await;
    open_doors(&mut t).await;
    measure_length(&mut t).await;
    let finding = Intent::MarkFinding { place: [2000, 1000, 0], category: Category::FalseWall, evidence: vec![] };
    assert_eq!(act(&mut t, finding).await, Ok(()));
    assert_eq!(act(&mut u, Intent::CoSign { finding: 1 }).await, Ok(()));
    at_the_doors(&mut t).await;
    for door in t.core.mirror.doors() {
        assert_eq!(act(&mut t, Intent::SetDoor { door: door.id, open: false }).await, Ok(()));
    }
    assert_eq!(act(&mut t, Intent::Reseal { number: "TH 778812".into() }).await, Ok(()));
    let note = "ดูรอยเชื่อมตรงนี้".to_owned();
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::Bookmark { note: note.clone() })).await, Ok(()));
    assert!(bots.await.unwrap().joined >= 2);
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));

    let store = Store::open(server.data_dir()).unwrap();
    let records = store.read_drill(crossdock_server::DEFAULT_SESSION, 1).unwrap();
    let report = assessment::report(crossdock_server::DEFAULT_SESSION, 1, &records).unwrap();
    assert!(report.trainees.iter().any(|t| t.actions.len() >= 5), "the drill did things to tell");
    let scenario = crossdock_server::scenario::Scenario::load(&report.scenario).unwrap();
    // What people and the scenario wrote stays as written: names, the scenario's name and its
    // text, cargo labels and contents, seal and container numbers, notes, the drill's id.
    let mut written: Vec<String> = records
        .iter()
        .filter_map(|r| match &r.entry.record {
            Record::Joined(info) => Some(info.display_name.clone()),
            _ => None,
        })
        .collect();
    written.extend([report.scenario.clone(), report.drill_id(), note, "TH 778812".into(), scenario.seal.0.clone()]);
    written.extend(scenario.concealments.iter().map(|c| c.description.clone()));
    written.extend(scenario.concealments.iter().map(|c| c.id.clone()));
    written.extend(scenario.cargo.iter().flat_map(|c| [c.label.clone(), c.content.clone(), c.id.clone()]));
    written.push(scenario.look.number.clone());
    let html = assessment::html(&report, &assessment::words("th"));
    assert_eq!(english_left(&visible_text(&html), &written), Vec::<String>::new(), "English in the Thai HTML report");
    let md = assessment::markdown(&report, &assessment::words("th"));
    assert_eq!(english_left(&md, &written), Vec::<String>::new(), "English in the Thai Markdown report");
    let english = assessment::html(&report, &assessment::words("en"));
    assert!(!english_left(&visible_text(&english), &written).is_empty(), "the check can find English");
}

#[tokio::test]
async fn a_learners_decisions_across_drills_measure_their_detection_skill() {
    use crossdock_server::assessment::detection::Counts;
    let server = drill_server("false-wall-20ft");
    let mut i = server.join(Role::Instructor, "Khun Anan").await;
    let mut t = join(&server.personal_invite(Role::Trainee, "TH-0001", "สมชาย", "TH", "th"), "x").await.unwrap();
    let mark = |category: Category| Intent::MarkFinding { place: [300, 1200, 0], category, evidence: vec![] };
    // Drill 1: a false wall, flagged.
    assert_eq!(act(&mut t, mark(Category::FalseWall)).await, Ok(()));
    // Drill 2: a clean container, cleared.
    let switch = Command::SwitchScenario { name: "clean-20ft".into() };
    assert_eq!(act(&mut i, Intent::Instruct(switch)).await, Ok(()));
    assert!(wait_for(&mut t, WAIT, |c| c.core.mirror.drill.findings.is_empty()).await);
    // Drill 3: the clean container again, and narcotics flagged that are not there.
    assert_eq!(act(&mut i, Intent::Instruct(Command::Reset)).await, Ok(()));
    let third = |c: &mut Client| c.core.mirror.drill.state.drill == 3;
    assert!(wait_for(&mut t, WAIT, third).await, "the third drill started");
    assert_eq!(act(&mut t, mark(Category::Narcotics)).await, Ok(()));
    // Only ended drills count: their results are final.
    assert_eq!(act(&mut i, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    assert!(wait_for(&mut t, WAIT, |c| c.core.mirror.drill.state.drill == 4).await, "the fourth drill started");

    let store = Store::open(server.data_dir()).unwrap();
    let all = assessment::progress::progress(&store, &["TH-0001".to_owned()]).unwrap();
    let rows = &all[0].detection;
    let about: Vec<&str> = rows.iter().map(|r| r.about.as_str()).collect();
    // The false wall hid cigarettes: flagging the wall counts for what it hid.
    assert_eq!(about, ["container", "cigarettes", "narcotics"], "the container first, then each category");
    let container = &rows[0];
    assert_eq!(container.counts, Counts { hits: 1, misses: 0, false_alarms: 1, correct_rejections: 1 });
    // H = 1.5/2, F = 1.5/3: d′ = z(0.75) − z(0.5) = 0.674.
    let m = container.measures.expect("trials with and without something hidden");
    assert!((m.d_prime - 0.674_489_75).abs() < 1e-4, "d′ {}", m.d_prime);
    assert!(!m.conclusive, "three drills conclude nothing");
    assert_eq!(rows[1].counts, Counts { hits: 1, ..Counts::default() }, "the hidden cigarettes found");
    assert_eq!(rows[1].measures, None, "cigarettes were only ever there: no false-alarm rate");
    assert_eq!(rows[2].counts.false_alarms, 1);
    let thai = assessment::progress::markdown(&all, &assessment::words("th"));
    assert!(thai.contains("ทักษะการตรวจพบ") && thai.contains("0.67"), "{thai}");
    assert!(thai.contains("จำนวนการฝึกยังน้อยเกินกว่าจะสรุป"), "too few drills, said in Thai: {thai}");
}

#[tokio::test]
async fn a_class_runs_through_a_curriculum_the_careful_learner_advances_and_the_others_are_told_why_not() {
    use crossdock_server::curriculum::{Curriculum, Status, markdown, standing};
    let server = drill_server("clean-20ft");
    let mut i = server.join(Role::Instructor, "Khun Anan").await;
    let class =
        [("TH-0001", "สมชาย", "careful"), ("KR-0002", "김민준", "careless"), ("CN-0003", "王伟", "flags everything")];
    let mut learners = Vec::new();
    for (id, name, _) in class {
        learners.push(join(&server.personal_invite(Role::Trainee, id, name, "TH", "th"), "x").await.unwrap());
    }
    // The basic level's trained scenarios, clean containers among them, as the instructor runs
    // them one after another; each learner decides as their skill has it.
    let plan =
        ["swapped-seal-reefer", "clean-20ft", "weight-gap-20ft", "clean-20ft", "swapped-seal-reefer", "clean-20ft"];
    for (n, scenario) in plan.iter().enumerate() {
        let switch = Command::SwitchScenario { name: (*scenario).into() };
        assert_eq!(act(&mut i, Intent::Instruct(switch)).await, Ok(()));
        let hidden = *scenario != "clean-20ft";
        for (c, (_, _, skill)) in learners.iter_mut().zip(class) {
            let number = n as u32 + 2;
            assert!(wait_for(c, WAIT, move |c| c.core.mirror.drill.state.drill == number).await, "drill {number}");
            let category = match *scenario {
                "swapped-seal-reefer" => Category::SealTampering,
                "weight-gap-20ft" => Category::WeightDiscrepancy,
                _ => Category::Narcotics,
            };
            let flags = match skill {
                "careful" => hidden,
                "careless" => false,
                _ => true,
            };
            if flags {
                let mark = Intent::MarkFinding { place: [2000, 1000, 0], category, evidence: vec![] };
                assert_eq!(act(c, mark).await, Ok(()));
            }
        }
    }
    let last = i.core.mirror.drill.state.drill;
    assert_eq!(act(&mut i, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    assert!(wait_for(&mut i, WAIT, |c| c.core.mirror.drill.state.drill == last + 1).await, "the last drill ended");

    let store = Store::open(server.data_dir()).unwrap();
    let ids: Vec<String> = class.iter().map(|(id, _, _)| (*id).to_owned()).collect();
    let curriculum = Curriculum::load("container-examination").unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
    let all: Vec<_> =
        assessment::progress::progress(&store, &ids).unwrap().iter().map(|p| standing(&curriculum, p, now)).collect();
    let of = |id: &str| all.iter().find(|s| s.learner == id).unwrap();
    let [careful, careless, flagger] = ["TH-0001", "KR-0002", "CN-0003"].map(of);
    assert!(matches!(careful.levels[0].status, Status::Passed(_)), "{careful:#?}");
    assert_eq!(careful.levels[0].trained.counts.hits, 3);
    assert_eq!(careful.levels[1].status, Status::Open, "the careful learner advances");
    assert_eq!(careful.levels[1].next.as_deref(), Some("false-wall-20ft"));
    for other in [careless, flagger] {
        assert_eq!(other.levels[0].status, Status::Open, "{other:#?}");
        assert_eq!(other.levels[0].reasons.iter().map(|r| r.key).collect::<Vec<_>>(), ["standing-low"]);
        assert_eq!(other.levels[1].status, Status::Locked);
    }
    assert_eq!(careless.levels[0].trained.counts.misses, 3, "never flagging misses every hidden one");
    assert_eq!(flagger.levels[0].trained.counts.false_alarms, 3, "flagging everything raises every false alarm");
    let thai = markdown(&curriculum, &all, &assessment::words("th"));
    assert!(thai.contains("ผ่านเมื่อ") && thai.contains("ต่ำกว่า") && thai.contains("ต้องผ่าน basic ก่อน"), "{thai}");
    assert!(thai.contains("สถานะของ 김민준 (KR-0002)"), "each learner by name, in their own script: {thai}");

    // The careful learner's certificate, signed with the server's key: it verifies against that
    // key, and once changed it does not; the others get none.
    use crossdock_server::certificate::{CertificateError, Signed, issue, key_hex};
    let key = crossdock_server::identity::Identity::load(server.data_dir()).unwrap().token_key;
    let issued = assessment::rfc3339(now);
    let signed = issue(&curriculum, careful, "basic", "https://rtc.example", &issued, &key).unwrap();
    let page = signed.html(&assessment::words("en"));
    assert!(page.contains("สมชาย"), "the name in its own script");
    // For the docs' pictures: `CROSSDOCK_PAGES_OUT=DIR` keeps the pages, English and Thai.
    if let Ok(out) = std::env::var("CROSSDOCK_PAGES_OUT") {
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(format!("{out}/certificate-en.html"), &page).unwrap();
        std::fs::write(format!("{out}/certificate-th.html"), signed.html(&assessment::words("th"))).unwrap();
    }
    let read = Signed::from_html(&page).unwrap();
    assert_eq!(read.verify(Some(&key_hex(&key))), Ok(()));
    assert_eq!(read.certificate.drills, 7, "the drills that ended: the first (clean) and the six of the plan");
    let better = page.replacen("\"d_prime\":2.", "\"d_prime\":3.", 1);
    assert_eq!(Signed::from_html(&better).unwrap().verify(Some(&key_hex(&key))), Err(CertificateError::Forged));
    for other in [careless, flagger] {
        let refused = issue(&curriculum, other, "basic", "https://rtc.example", &issued, &key).unwrap_err();
        assert!(matches!(refused, CertificateError::NotPassed { .. }), "{refused}");
    }

    // xAPI: one `passed` per level passed, in the drill that passed it, whatever drill is sent.
    let mut levels = Vec::new();
    for d in store.drills(Some("default")).unwrap() {
        let report = assessment::report("default", d.number, &store.read_drill("default", d.number).unwrap()).unwrap();
        levels.extend(assessment::level_statements(&store, &report, "https://rtc.example").unwrap());
    }
    assert_eq!(levels.len(), 1, "{levels:#?}");
    assert_eq!(levels[0]["actor"]["account"]["name"], "TH-0001");
    assert_eq!(levels[0]["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
    assert!(levels[0]["object"]["id"].as_str().unwrap().ends_with("/curricula/container-examination/levels/basic"));
}
