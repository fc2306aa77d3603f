//! Seeking in a recorded drill, as a debrief does: the world at 100 random ticks of a 30-minute
//! log (`records::replay::world_at`), p50 and p99, beside the baseline of replaying the whole
//! log to its end, in the same run. The log is the committed fixture's drill (three bots)
//! stretched to 30 minutes: its keyframes repeated, ten a second, as a long drill logs them.
//!
//! `cargo bench -p crossdock-tests --bench seek`

use std::time::{Duration, Instant};

use crossdock_protocol::Tick;
use crossdock_server::records::replay::world_at;
use crossdock_server::records::{Entry, Record, Store, StoredRecord};

const MINUTES: u32 = 30;
const SEEKS: usize = 100;

fn main() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/logs/2026-11-28-d7e5a8a");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture.join("records.sqlite3"), dir.path().join("records.sqlite3")).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let session = store.sessions().unwrap().remove(0);
    let recorded = store.read(&session).unwrap();
    let hz = recorded
        .iter()
        .find_map(|r| match &r.entry.record {
            Record::ScenarioStarted { tick_hz, .. } => Some(u32::from(*tick_hz)),
            _ => None,
        })
        .unwrap_or(60);
    let keyframes: Vec<&StoredRecord> =
        recorded.iter().filter(|r| matches!(r.entry.record, Record::Keyframe(_))).collect();
    let (first, last) = (keyframes[0].entry.tick.0, keyframes[keyframes.len() - 1].entry.tick.0);
    let span = last - first + hz / 10;

    // Everything the drill logged, then its keyframes again and again until 30 minutes.
    let mut log: Vec<StoredRecord> = recorded.clone();
    let end = first + MINUTES * 60 * hz;
    let mut shift = span;
    while first + shift < end {
        for k in &keyframes {
            let tick = k.entry.tick.0 + shift;
            if tick >= end {
                break;
            }
            let seq = log.len() as u64 + 1;
            log.push(StoredRecord { seq, entry: Entry { tick: Tick(tick), ..k.entry.clone() } });
        }
        shift += span;
    }
    let count = log.iter().filter(|r| matches!(r.entry.record, Record::Keyframe(_))).count();

    let start = Instant::now();
    world_at(&log, Tick(end)).unwrap();
    let whole = start.elapsed();

    let mut rng = fastrand::Rng::with_seed(7);
    let mut times: Vec<Duration> = (0..SEEKS)
        .map(|_| {
            let tick = Tick(rng.u32(first..end));
            let start = Instant::now();
            let world = world_at(&log, tick).unwrap();
            assert!(world.tick == tick);
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("seek: a {MINUTES}-minute log of {} records ({count} keyframes), {SEEKS} random seeks", log.len());
    println!("replay of the whole log (baseline)   {:>8.2} ms", ms(whole));
    println!("seek p50                              {:>8.2} ms", ms(times[SEEKS / 2]));
    println!("seek p99                              {:>8.2} ms", ms(times[SEEKS * 99 / 100]));
    println!(
        "target: 100 ms to show a seeked tick: {}",
        if ms(times[SEEKS * 99 / 100]) <= 100.0 { "within" } else { "OVER" }
    );
}
