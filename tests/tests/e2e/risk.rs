//! The risk-assessment stage: several containers' papers before any door opens, each trainee
//! choosing alone which to examine and why; the doors stay shut until all have chosen; the
//! report scores each choice against the scenario's signs (and withholds that while it runs).

use crossdock_protocol::console::ConsoleCommand;
use crossdock_protocol::drill::{Command, RiskSign};
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::{Intent, Role};
use crossdock_server::scenario::Scenario;
use crossdock_tests::console::Console;
use crossdock_tests::{WAIT, act, avatar, join, place, wait_for};
use glam::Vec3;

use crate::drill::drill_server;

const SCENARIO: &str = "pallet-core-40ft";

/// Both hands on the door handles.
async fn at_the_doors(c: &mut crossdock_client::Client) {
    let doors = c.core.mirror.doors();
    let (left, right) = (doors[0].handle.position(), doors[1].handle.position());
    let head = (left + right) / 2.0 + Vec3::new(0.5, 0.45, 0.0);
    assert!(place(c, avatar(head, left, right)).await);
}

#[tokio::test]
async fn trainees_choose_which_container_to_examine_before_any_door_opens_and_are_scored_for_it() {
    let server = drill_server(SCENARIO);
    let invite = |learner, name, admin, locale| server.personal_invite(Role::Trainee, learner, name, admin, locale);
    let mut careful = join(&invite("TH-0042", "สมชาย ใจดี", "TH", "th"), "สมชาย ใจดี").await.unwrap();
    let mut guesser = join(&invite("VN-0117", "Nguyễn Văn An", "VN", "vi"), "Nguyễn Văn An").await.unwrap();
    let mut instructor = server.join(Role::Instructor, "Siti").await;
    let state = &careful.core.mirror.drill.state;
    assert!(state.risk_open, "the stage opens with the drill");
    let scenario = Scenario::load(SCENARIO).unwrap().reseeded(state.seed);
    let risk = scenario.risk.clone().expect("the scenario has a risk-assessment stage");
    assert_eq!(careful.core.mirror.drill.risk, risk.candidates, "every trainee gets every candidate's papers");
    assert!(risk.candidates.len() >= 3);
    let riskiest = (0..risk.candidates.len()).max_by_key(|c| risk.risk(*c)).unwrap();
    let safest = (0..risk.candidates.len()).min_by_key(|c| risk.risk(*c)).unwrap();
    assert!(risk.risk(riskiest) > risk.risk(safest));

    // No door opens while the stage is open, not even the instructor's (the trainees are still
    // choosing), and only trainees choose.
    at_the_doors(&mut careful).await;
    let door = careful.core.mirror.doors()[0].id;
    assert_eq!(act(&mut careful, Intent::SetDoor { door, open: true }).await, Err(DenyReason::ChooseFirst));
    let choose = |candidate: usize, signs: Vec<RiskSign>| Intent::Choose { candidate: candidate as u8, signs };
    assert_eq!(act(&mut instructor, choose(riskiest, vec![])).await, Err(DenyReason::RoleForbids));
    assert_eq!(act(&mut careful, choose(99, vec![])).await, Err(DenyReason::Invalid), "no such candidate");
    let twice = vec![RiskSign::Route, RiskSign::Route];
    assert_eq!(act(&mut careful, choose(riskiest, twice)).await, Err(DenyReason::Invalid), "a sign cited twice");

    // The careful trainee reads the papers; the other takes the quietest-looking box for a reason
    // that is not in its papers.
    assert_eq!(act(&mut careful, choose(riskiest, risk.signs[riskiest].clone())).await, Ok(()));
    assert_eq!(careful.core.mirror.drill.my_choice, Some((riskiest as u8, risk.signs[riskiest].clone())));
    assert_eq!(act(&mut careful, choose(safest, vec![])).await, Err(DenyReason::ChoiceMade), "one choice each");
    let me = careful.core.me();
    assert!(wait_for(&mut instructor, WAIT, |c| c.core.mirror.drill.state.chosen == vec![me]).await);
    assert!(instructor.core.mirror.drill.state.risk_open, "one of two has chosen: the stage stays open");
    assert_eq!(act(&mut careful, Intent::SetDoor { door, open: true }).await, Err(DenyReason::ChooseFirst));
    let wrong = RiskSign::ALL.into_iter().find(|s| !risk.signs[safest].contains(s)).unwrap();
    assert_eq!(act(&mut guesser, choose(safest, vec![wrong])).await, Ok(()));
    assert!(wait_for(&mut careful, WAIT, |c| !c.core.mirror.drill.state.risk_open).await, "all chose: it closes");
    assert_eq!(act(&mut careful, Intent::SetDoor { door, open: true }).await, Ok(()), "the doors open now");

    // While the drill runs a trainee's report says what each chose, not what it was worth.
    let running = server.report().for_role(Role::Trainee);
    let seen = running.trainees.iter().find(|t| t.participant == me.0).unwrap().risk.clone().unwrap();
    assert!(seen.withheld && seen.score == 0.0 && seen.best.is_empty() && seen.chosen == riskiest as u32 + 1);

    // A restart's replay of the log keeps who chose and that the stage closed.
    let (_, records) = server.drill_records();
    let replayed = crossdock_server::records::replay::world_at(&records, records.last().unwrap().entry.tick).unwrap();
    assert!(!replayed.state.risk_open && replayed.state.chosen.len() == 2);

    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    let report = server.drill_report(1);
    let scored = |name: &str| report.trainees.iter().find(|t| t.name == name).unwrap().risk.clone().unwrap();
    let (good, poor) = (scored("สมชาย ใจดี"), scored("Nguyễn Văn An"));
    assert_eq!((good.choice, good.reasons, good.score), (1.0, 1.0, 1.0), "{good:?}");
    assert!(good.best.contains(&good.chosen) && good.container == risk.candidates[riskiest].container_number);
    assert!(poor.score < 0.5 && poor.wrong == vec![wrong.id().to_owned()], "{poor:?}");
    // Explained where it is shown, in the reader's language.
    let thai = crossdock_server::assessment::markdown(&report, &crossdock_server::assessment::words("th"));
    let line = thai.lines().find(|l| l.contains("คะแนนความเสี่ยง 1.00")).expect("the careful choice explained in Thai");
    assert!(line.contains("0.7 × การเลือก"), "{line}");
    let html = crossdock_server::assessment::html(&report, &crossdock_server::assessment::words("en"));
    assert!(html.contains(&format!("chose container {}", riskiest + 1)), "the HTML report tells the choice");
    // And an LRS hears of each choice.
    let statements = crossdock_server::assessment::xapi(&report, "https://lms.example");
    let chose: Vec<&serde_json::Value> = statements
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["verb"]["id"].as_str().is_some_and(|v| v.ends_with("/verbs/chose")))
        .collect();
    assert_eq!(chose.len(), 2, "one per trainee who chose");
    let scores: Vec<f64> = chose.iter().map(|s| s["result"]["score"]["scaled"].as_f64().unwrap()).collect();
    assert!(scores.contains(&1.0) && scores.iter().any(|s| *s < 0.5), "{scores:?}");
}

#[tokio::test]
async fn the_instructor_closes_the_stage_for_a_trainee_who_does_not_choose() {
    let server = drill_server(SCENARIO);
    let mut idle = server.join(Role::Trainee, "山田太郎").await;
    let mut instructor = server.join(Role::Instructor, "Siti").await;
    at_the_doors(&mut idle).await;
    let door = idle.core.mirror.doors()[0].id;
    assert_eq!(act(&mut idle, Intent::SetDoor { door, open: true }).await, Err(DenyReason::ChooseFirst));
    assert_eq!(act(&mut idle, Intent::Instruct(Command::CloseRiskStage)).await, Err(DenyReason::RoleForbids));
    // The instructor's console shows who has chosen and closes the stage.
    let token = server.invite(Role::Instructor).token;
    let mut console = Console::open(&server.server, &token, "th").await.unwrap();
    let frame = console.frame(WAIT, |f| f.drill.risk_open).await.expect("the console sees the stage");
    assert_eq!(frame.drill.chosen, 0);
    let seq = console.command(ConsoleCommand::CloseRiskStage).await.unwrap();
    assert_eq!(console.result(seq, WAIT).await.unwrap(), Ok(()));
    assert!(wait_for(&mut idle, WAIT, |c| !c.core.mirror.drill.state.risk_open).await);
    let again = Intent::Instruct(Command::CloseRiskStage);
    assert_eq!(act(&mut instructor, again).await, Err(DenyReason::NoChange));
    assert_eq!(act(&mut idle, Intent::SetDoor { door, open: true }).await, Ok(()));
    let late = Intent::Choose { candidate: 0, signs: vec![] };
    assert_eq!(act(&mut idle, late).await, Err(DenyReason::ChoiceMade), "the stage is over");
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    let report = server.drill_report(1);
    assert_eq!(report.trainees.len(), 1);
    assert_eq!(report.trainees[0].risk, None, "no choice, nothing scored");
}

#[tokio::test]
async fn the_stage_closes_when_the_only_trainee_still_to_choose_leaves() {
    let server = drill_server(SCENARIO);
    let mut chose = server.join(Role::Trainee, "김민준").await;
    let gone = server.join(Role::Trainee, "王伟").await;
    assert_eq!(act(&mut chose, Intent::Choose { candidate: 0, signs: vec![] }).await, Ok(()));
    assert!(chose.core.mirror.drill.state.risk_open, "one still to choose");
    gone.close(crossdock_protocol::CloseCode::Normal, "bye");
    assert!(wait_for(&mut chose, WAIT, |c| !c.core.mirror.drill.state.risk_open).await, "all who stay have chosen");
    let (_, records) = server.drill_records();
    let replayed = crossdock_server::records::replay::world_at(&records, records.last().unwrap().entry.tick).unwrap();
    assert!(!replayed.state.risk_open, "the log tells the same");
}
