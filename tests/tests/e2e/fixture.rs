//! Logs that outlive versions: a drill recorded by an earlier release (committed under
//! `tests/fixtures/logs/`, one folder per release) still reports, replays keyframe by keyframe
//! (to the world hash the live server journaled, from the release that began journaling it),
//! seeks either way, and prints as HTML with today's code.

use crossdock_protocol::snapshot::decode_delta;
use crossdock_server::assessment;
use crossdock_server::records::replay::{Replay, verify, world_at};
use crossdock_server::records::{Record, Store};

/// Each release's log: its folder, the names of the trainees who were in the drill, whether it
/// journaled world hashes (record version 2), and the pack its scenario came from (version 4).
const RELEASES: [(&str, &[&str], bool, Option<&str>); 4] = [
    ("2026-11-28-d7e5a8a", &["Siti Nurhaliza", "สมชาย ใจดี", "김민준"], false, None),
    ("2026-11-28-f0eb72f", &["Siti Nurhaliza", "สมชาย ใจดี", "김민준"], true, None),
    ("2026-12-05-ff9900a", &["Siti Nurhaliza", "สมชาย ใจดี", "김민준"], true, None),
    ("2026-12-05-662793e", &["Siti Nurhaliza", "สมชาย ใจดี", "김민준"], true, Some("thai-cases")),
];

#[test]
fn a_drill_recorded_by_an_earlier_release_still_reports_and_replays() {
    for (release, trainees, hashed, pack) in RELEASES {
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/logs").join(release);
        // Opened in a copy: opening migrates the table, and the fixture stays as that release wrote it.
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(fixture.join("records.sqlite3"), dir.path().join("records.sqlite3")).unwrap();
        let store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{release}: {e:#}"));
        let session = store.sessions().unwrap().into_iter().next().expect("a session");
        let records = store.read(&session).unwrap_or_else(|e| panic!("{release}: {e:#}"));
        let drill = store.latest_drill(&session).unwrap();

        let report = assessment::report(&session, drill, &store.read_drill(&session, drill).unwrap()).unwrap();
        let mut names: Vec<&str> = report.trainees.iter().map(|t| t.name.as_str()).collect();
        names.sort();
        let mut expected = trainees.to_vec();
        expected.sort();
        assert_eq!(names, expected, "{release}: the same class");
        assert_eq!(report.origin.as_ref().map(|o| o.pack.as_str()), pack, "{release}: where its scenario came from");
        assert!(report.trainees.iter().any(|t| !t.trail.is_empty()), "{release}: trails from its keyframes");
        let page = assessment::html(&report, &assessment::words("en"));
        assert!(page.contains("<polyline") && page.contains(&report.scenario), "{release}: the page prints");

        // Every keyframe replays to exactly what it recorded.
        let keyframes: Vec<_> = records
            .iter()
            .filter_map(|r| match &r.entry.record {
                Record::Keyframe(bytes) => Some((r.entry.tick, decode_delta(bytes, None).unwrap().1)),
                _ => None,
            })
            .collect();
        assert!(keyframes.len() >= 20, "{release}: {} keyframes", keyframes.len());
        for (tick, snapshot) in &keyframes {
            let world = world_at(&records, *tick).unwrap_or_else(|e| panic!("{release} at {tick:?}: {e:#}"));
            assert_eq!(&world.continuous, snapshot, "{release}: the world at {tick:?} is the keyframe's");
        }
        // The live server's world hash at each keyframe, rebuilt.
        let (checked, differ) = verify(&records).unwrap();
        assert!(differ.is_empty(), "{release}: the replay differs from the live world at {differ:?}");
        assert_eq!(checked >= keyframes.len(), hashed, "{release}: {checked} hashes for {} keyframes", keyframes.len());
        // The debrief's replay, seeking forward then back to the same tick, gives the same world.
        let drill_records = store.read_drill(&session, drill).unwrap();
        let mut replay = Replay::new(drill_records.clone(), 60).unwrap();
        let middle = keyframes[keyframes.len() / 2].0;
        let before = format!("{:?}", world_at(&drill_records, middle).unwrap());
        let _ = replay.seek(keyframes.last().unwrap().0).unwrap();
        assert_eq!(format!("{:?}", replay.seek(middle).unwrap()), before, "{release}");
    }
}
