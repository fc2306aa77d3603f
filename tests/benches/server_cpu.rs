//! Server CPU per participant-tick for 16, 32 and 64 bots over loopback, beside a raw quinn
//! floor that sends the same number and size of datagrams in the same run.
//!
//! The server runs on threads named `srv-*` (tokio) and `tick-*` (the session), the bots on
//! `bot-*`, the raw floor's server on `raw-srv*`; CPU is read per thread from /proc.

use std::time::Duration;

use crossdock_client::bot::{self, BotConfig};
use crossdock_tests::bench::{RawMode, raw_quinn, runtime, start_server, thread_cpu, trainee_invite};

const HZ: u32 = 60;
const WARMUP: Duration = Duration::from_secs(2);
const WINDOW: Duration = Duration::from_secs(5);

fn main() {
    let counts: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let counts = if counts.is_empty() { vec![16, 32, 64] } else { counts };
    println!(
        "== server CPU per participant-tick, {HZ} Hz, loopback, {}s window after {}s warm-up",
        WINDOW.as_secs(),
        WARMUP.as_secs()
    );
    println!(
        "{:>5} {:>16} {:>16} {:>14} {:>14} {:>8}",
        "bots", "crossdock us/pt", "raw quinn us/pt", "crossdock core", "raw core", "ratio"
    );
    for n in counts {
        let (cpu, up, down) = crossdock(n);
        let raw = raw_quinn(n, HZ, up, RawMode::Tick { down }, WARMUP, WINDOW);
        let participant_ticks = n as f64 * f64::from(HZ) * WINDOW.as_secs_f64();
        let ours = cpu.as_secs_f64() * 1e6 / participant_ticks;
        let floor = raw.server_cpu.as_secs_f64() * 1e6 / participant_ticks;
        println!(
            "{n:>5} {ours:>16.2} {floor:>16.2} {:>13.1}% {:>13.1}% {:>8.2}",
            100.0 * cpu.as_secs_f64() / WINDOW.as_secs_f64(),
            100.0 * raw.server_cpu.as_secs_f64() / WINDOW.as_secs_f64(),
            ours / floor.max(1e-9)
        );
        println!("      (datagrams: {up} B up, {down} B down per participant-tick)");
    }
    println!("target: crossdock at most 1.5x the raw quinn floor");
}

/// Runs the real server with `n` working bots; returns its CPU over the window and the mean
/// datagram payload sizes up and down.
fn crossdock(n: usize) -> (Duration, usize, usize) {
    let server_rt = runtime("srv", 1);
    let bot_rt = runtime("bot", 1);
    let server = start_server(&server_rt, |c| c.max_participants_per_session = 128);
    let invite = trainee_invite(&server);
    let bots = BotConfig {
        people: Default::default(),
        invite,
        count: n,
        duration: WARMUP + WINDOW + Duration::from_secs(1),
        rate_hz: HZ,
        seed: 3,
        work: true,
        voice: Default::default(),
    };
    let run = bot_rt.spawn(bot::run(bots));
    std::thread::sleep(WARMUP);
    let before = thread_cpu(&["srv", "tick-"]);
    std::thread::sleep(WINDOW);
    let cpu = thread_cpu(&["srv", "tick-"]) - before;
    let report = bot_rt.block_on(run).expect("the bots finish");
    assert_eq!(report.joined, n, "every bot joined");
    server_rt.block_on(server.server.shutdown());
    (cpu, report.datagram_up_bytes.round() as usize, report.datagram_down_bytes.round() as usize)
}
