//! Scenario packs between centres: a pack made and signed on one server imports on another that
//! trusts its publisher, an instructor there switches to it, and the drill's report names the
//! pack; a changed byte or an unknown key is refused with its reason and changes nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crossdock_protocol::drill::Command;
use crossdock_protocol::{Intent, Role};
use crossdock_server::identity::Identity;
use crossdock_server::library::{Imported, Library};
use crossdock_server::pack::{About, Pack, PackError, Trust};
use crossdock_tests::{TestServer, WAIT, act, wait_for};

const NAME: &str = "thai-cases/reefer-wall";

/// A pack of one scenario (the shipped false wall, under another name), signed with `key`.
fn make_pack(key: &ring::signature::Ed25519KeyPair) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reefer-wall.toml");
    std::fs::write(&path, crossdock_server::scenario::LIBRARY[0].1).unwrap();
    let about = About {
        name: "thai-cases".into(),
        version: semver::Version::new(1, 2, 0),
        summary: "Anti-smuggling cases from the Thai Customs training centre".into(),
        publisher: "ศูนย์ฝึกอบรมศุลกากร".into(),
        administration: "TH".into(),
        authors: vec!["สมชาย ใจดี".into()],
        licence: "CC-BY-4.0".into(),
        languages: vec!["en".into(), "th".into()],
        level: Some("basic".into()),
    };
    Pack::create(&[&path], about, key).unwrap().to_bytes()
}

/// Every file under `dir`, with its bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn a_pack_signed_by_one_centre_runs_a_drill_at_another_that_trusts_it_and_a_bad_one_changes_nothing() {
    // The Thai centre makes the pack with its own key.
    let thai = TestServer::start();
    let thai_key = Identity::load(thai.data_dir()).unwrap().token_key;
    let pack = make_pack(&thai_key);

    // Another centre, running; it does not trust the Thai key yet.
    let other = TestServer::start();
    let own = crossdock_server::certificate::key_hex(&Identity::load(other.data_dir()).unwrap().token_key);
    let library = Library::open(other.data_dir());
    let trust = || Trust::load(other.data_dir(), &own).unwrap();
    let before = contents(&other.data_dir().join("library"));
    match library.import(&pack, &trust()) {
        Err(e @ PackError::UnknownPublisher { .. }) => {
            assert!(e.to_string().contains("pack trust"), "the refusal says what to do: {e}")
        }
        other => panic!("an unknown publisher's pack was not refused: {other:?}"),
    }

    // It trusts the Thai centre's key (confirmed by a call, say); a changed byte is still refused.
    let thai_hex = crossdock_server::certificate::key_hex(&thai_key);
    Trust::add(other.data_dir(), "Thai Customs training centre", &thai_hex).unwrap();
    for at in [pack.len() / 3, pack.len() / 2, pack.len() - 9] {
        let mut changed = pack.clone();
        changed[at] ^= 0x01;
        let refused = library.import(&changed, &trust()).expect_err("a changed pack imports");
        assert!(
            !matches!(refused, PackError::UnknownPublisher { .. }),
            "byte {at}: refused for the wrong reason: {refused}"
        );
    }
    // A pack from a key nobody trusts, claiming to be from the Thai centre.
    let stranger = {
        let pkcs8 = ring::signature::Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).unwrap();
        ring::signature::Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap()
    };
    assert!(matches!(library.import(&make_pack(&stranger), &trust()), Err(PackError::UnknownPublisher { .. })));
    assert_eq!(contents(&other.data_dir().join("library")), before, "the refused packs changed nothing");
    assert!(!library.names().contains(&NAME.to_owned()));

    // The pack itself imports, and the running server lists it to an instructor.
    assert_eq!(library.import(&pack, &trust()).unwrap(), Imported::Added(vec![NAME.into()]));
    let mut instructor = other.join(Role::Instructor, "Siti Nurhaliza").await;
    assert!(instructor.core.mirror.library.contains(&NAME.to_owned()), "{:?}", instructor.core.mirror.library);

    // A drill of it, with bots working it.
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::SwitchScenario { name: NAME.into() })).await, Ok(()));
    assert!(wait_for(&mut instructor, WAIT, |c| c.core.mirror.drill.state.scenario == NAME).await);
    let bots = crossdock_client::bot::run(crossdock_client::bot::BotConfig {
        people: crossdock_client::bot::BotPeople {
            names: vec!["김민준".into()], administrations: vec!["KR".into()]
        },
        invite: other.invite(Role::Trainee),
        count: 1,
        duration: Duration::from_secs(4),
        rate_hz: 30,
        seed: 3,
        work: true,
        voice: Default::default(),
    })
    .await;
    assert_eq!(bots.joined, 1);
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    let report = other.drill_report(2);
    assert_eq!(report.scenario, NAME);
    let origin = report.origin.clone().expect("the report names the pack");
    assert_eq!(
        (origin.pack.as_str(), origin.version.as_str(), origin.administration.as_str(), origin.key.as_str()),
        ("thai-cases", "1.2.0", "TH", thai_hex.as_str())
    );
    let words = crossdock_server::assessment::words("th");
    let page = crossdock_server::assessment::html(&report, &words);
    assert!(page.contains("thai-cases") && page.contains("ศูนย์ฝึกอบรมศุลกากร"), "the page names the pack and publisher");
    let md = crossdock_server::assessment::markdown(&report, &words);
    assert!(md.contains("**thai-cases** รุ่น 1.2.0"), "{md}");
    // The shipped scenario's drill before it names no pack; the next drill, reseeded, is the
    // pack's again.
    assert_eq!(other.drill_report(1).origin, None);
    assert_eq!(other.drill_report(3).origin, Some(origin));
}
