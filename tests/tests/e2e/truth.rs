//! Who sees the hidden truth: nothing of it, and no score, reaches a trainee or an observer
//! before the reveal, by any path (the world on joining, reliable events, a debrief of the
//! running drill, the console's live frames, drills and report); instructors see it all along,
//! everyone once it is revealed. Each surface is read as its bytes arrive, decoded, and scanned
//! for the scenario's own words for what it hides.

use crossdock_client::Client;
use crossdock_protocol::console::{ConsoleCommand, ConsoleDown, ConsoleUp};
use crossdock_protocol::debrief::DebriefCommand;
use crossdock_protocol::drill::Command;
use crossdock_protocol::{Intent, Role};
use crossdock_server::scenario::Scenario;
use crossdock_tests::console::Console;
use crossdock_tests::{TestServer, WAIT, act, wait_for};

/// A scenario whose cartons hold undeclared goods: its package contents say what is hidden.
const SCENARIO: &str = "misdeclared-40hc";

/// The scenario's own words for what it hides, as the server would show them to an instructor.
fn secrets() -> Vec<String> {
    let scenario = Scenario::load(SCENARIO).expect("a library scenario");
    let secrets: Vec<String> = scenario.concealments.iter().map(|c| c.description.clone()).collect();
    assert!(!secrets.is_empty(), "{SCENARIO} hides something at its default seed");
    secrets
}

/// Everything `client` was told since it joined, as text: its world, its debrief, and the
/// reliable events that arrive within `until` of pumping (or until `done`).
async fn told(client: &mut Client, mut done: impl FnMut(&mut Client) -> bool) -> String {
    let mut seen = String::new();
    let deadline = std::time::Instant::now() + WAIT;
    while !done(client) && std::time::Instant::now() < deadline {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match tokio::time::timeout(left, client.next_event()).await {
            Ok(Ok(event)) => seen.push_str(&format!("{event:?}\n")),
            _ => break,
        }
    }
    seen.push_str(&format!("{:?}\n{:?}", client.core.mirror, client.core.debrief));
    seen
}

fn leaks<'a>(text: &str, secrets: &'a [String]) -> Vec<&'a str> {
    secrets.iter().filter(|s| text.contains(s.as_str())).map(String::as_str).collect()
}

async fn report(console: &mut Console, drill: u32) -> String {
    console.send(&ConsoleUp::Report { drill }).await.unwrap();
    console.until(WAIT, |m| if let ConsoleDown::Report { html, .. } = m { Some(html) } else { None }).await.unwrap()
}

#[tokio::test]
async fn before_the_reveal_no_trainee_or_observer_is_told_the_hidden_truth_on_any_surface() {
    let secrets = secrets();
    let server = TestServer::start_with(|c| c.scenario = SCENARIO.into());
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut trainee = server.join(Role::Trainee, "สมชาย ใจดี").await;
    let mut observer = server.join(Role::Observer, "Observer").await;
    let mut watching = Console::open(&server.server, &server.invite(Role::Observer).token, "th").await.unwrap();
    let mut steering = Console::open(&server.server, &server.invite(Role::Instructor).token, "en").await.unwrap();

    // No drill has ended: the debrief opens the running one, as recorded so far.
    let open = Intent::Instruct(Command::Debrief(DebriefCommand::Open { drill: 0 }));
    assert_eq!(act(&mut instructor, open).await, Ok(()));
    let debrief_open = |c: &mut Client| c.core.debrief.is_some();
    let to_trainee = told(&mut trainee, debrief_open).await;
    let to_observer = told(&mut observer, debrief_open).await;
    let to_instructor = told(&mut instructor, debrief_open).await;
    assert!(to_trainee.contains("DebriefOpened") && to_observer.contains("DebriefOpened"), "both saw it open");
    assert_eq!(leaks(&to_trainee, &secrets), Vec::<&str>::new(), "the trainee's world, events and debrief");
    assert_eq!(leaks(&to_observer, &secrets), Vec::<&str>::new(), "the observer's world, events and debrief");
    assert!(!leaks(&to_instructor, &secrets).is_empty(), "an instructor sees the truth all along");

    // The console an observer watches from: its frames, its drills list and the report.
    let mut frames = String::new();
    for _ in 0..3 {
        frames.push_str(&format!("{:?}", watching.frame(WAIT, |_| true).await.unwrap()));
    }
    watching.send(&ConsoleUp::Drills).await.unwrap();
    let drills = watching.until(WAIT, |m| matches!(m, ConsoleDown::Drills { .. }).then(|| format!("{m:?}"))).await;
    let public = report(&mut watching, 1).await;
    assert_eq!(leaks(&(frames + &drills.unwrap() + &public), &secrets), Vec::<&str>::new());
    let words = crossdock_server::assessment::words("th");
    assert!(public.contains(&words.get("report-withheld")), "the observer is told why, in their language");
    let heading = words.get("report-class");
    let heading = heading.split('{').next().unwrap_or_default();
    assert!(!public.contains(heading), "no class results: {heading}");
    assert!(!public.contains("class=\"passed\"") && !public.contains("class=\"failed\""), "no pass or fail");
    let whole = report(&mut steering, 1).await;
    assert!(!leaks(&whole, &secrets).is_empty(), "the instructor's console reads the whole report");

    // Once revealed, everyone may know.
    let seq = steering.command(ConsoleCommand::Reveal).await.unwrap();
    assert_eq!(steering.result(seq, WAIT).await.unwrap(), Ok(()));
    let knows = |c: &mut Client| {
        c.core.mirror.drill.state.revealed && !leaks(&format!("{:?}", c.core.mirror), &secrets).is_empty()
    };
    assert!(wait_for(&mut trainee, WAIT, knows).await, "the trainee is told at the reveal");
    assert!(!leaks(&report(&mut watching, 1).await, &secrets).is_empty(), "the observer's report is whole now");
}

#[tokio::test]
async fn a_debrief_of_an_ended_drill_shows_its_truth_and_the_next_drill_hides_its_goods_on_a_new_seed() {
    let secrets = secrets();
    let server = TestServer::start_with(|c| c.scenario = SCENARIO.into());
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut trainee = server.join(Role::Trainee, "김민준").await;
    let first = trainee.core.mirror.drill.state.seed;
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    let next = |c: &mut Client| c.core.mirror.drill.state.seed != first;
    assert!(wait_for(&mut trainee, WAIT, next).await, "End drill starts the next sitting on a new seed");
    let open = Intent::Instruct(Command::Debrief(DebriefCommand::Open { drill: 1 }));
    assert_eq!(act(&mut instructor, open).await, Ok(()));
    let seen = told(&mut trainee, |c| c.core.debrief.is_some()).await;
    assert!(seen.contains("DebriefOpened"));
    assert!(!leaks(&seen, &secrets).is_empty(), "the debrief of an ended drill shows what it hid");
}
