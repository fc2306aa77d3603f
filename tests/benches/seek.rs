//! Seeking in a recorded drill, as a debrief does: the world at 100 random ticks of a 30-minute
//! log, p50 and p99, through the debrief's `Replay` (checkpoints every 5 s, folded forward from
//! the nearest) and through a fresh fold from the start (`world_at`, the baseline), in the same
//! run; with what opening the debrief costs (the first pass that keeps the checkpoints). The
//! log is the committed fixture's drill (three bots) stretched to 30 minutes: its keyframes
//! repeated, ten a second, as a long drill logs them.
//!
//! `cargo bench -p crossdock-tests --bench seek`

use std::time::{Duration, Instant};

use crossdock_protocol::Tick;
use crossdock_server::records::replay::{Replay, world_at};
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
    let mut replay = Replay::new(log.clone(), hz as u16).unwrap();
    let opening = start.elapsed();

    let ticks: Vec<Tick> = {
        let mut rng = fastrand::Rng::with_seed(7);
        (0..SEEKS).map(|_| Tick(rng.u32(first..end))).collect()
    };
    let time = |seek: &mut dyn FnMut(Tick) -> Tick| {
        let mut times: Vec<Duration> = ticks
            .iter()
            .map(|tick| {
                let start = Instant::now();
                assert_eq!(seek(*tick), *tick);
                start.elapsed()
            })
            .collect();
        times.sort();
        times
    };
    let fresh = time(&mut |tick| world_at(&log, tick).unwrap().tick);
    let cached = time(&mut |tick| replay.seek(tick).unwrap().tick);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("seek: a {MINUTES}-minute log of {} records ({count} keyframes), {SEEKS} random seeks", log.len());
    println!("opening the debrief (one pass, checkpoints)  {:>8.2} ms", ms(opening));
    println!("                                       p50        p99");
    for (name, times) in [("fold from the start (baseline)", &fresh), ("debrief replay (checkpoints)", &cached)] {
        println!("{name:<32} {:>8.2} ms {:>8.2} ms", ms(times[SEEKS / 2]), ms(times[SEEKS * 99 / 100]));
    }
    println!(
        "target: 100 ms to show a seeked tick: {}",
        if ms(cached[SEEKS * 99 / 100]) <= 100.0 { "within" } else { "OVER" }
    );
}
