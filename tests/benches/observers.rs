//! Observers must not cost the headsets: 16 headset bots at 60 Hz alone, then the same 16 with
//! 64 observer bots in the same session, in one run. Prints the headsets' pose latency (send to
//! another headset's receipt) and the server's CPU in a measured window, and the ratios.
//!
//! Target: observers add at most 10 % to the headsets' p99 pose latency.

use std::time::Duration;

use crossdock_client::bot::{self, Percentiles};
use crossdock_protocol::Role;
use crossdock_tests::bench::{runtime, standing_bots, start_server, thread_cpu, trainee_invite};

const HZ: u32 = 60;
const HEADSETS: usize = 16;
const OBSERVERS: usize = 64;
/// Joins settle before the CPU window opens.
const WARMUP: Duration = Duration::from_secs(3);
const WINDOW: Duration = Duration::from_secs(8);

struct Run {
    latency: Percentiles,
    cpu_per_s: f64,
    observers_joined: usize,
}

fn main() {
    println!(
        "== {HEADSETS} headset bots at {HZ} Hz, without and with {OBSERVERS} observers, loopback, {}s window",
        WINDOW.as_secs()
    );
    let alone = run(0);
    let crowd = run(OBSERVERS);
    println!("{:>10} {:>12} {:>12} {:>16}", "observers", "p50 (ms)", "p99 (ms)", "server CPU (%)");
    for (n, r) in [(0, &alone), (crowd.observers_joined, &crowd)] {
        println!("{n:>10} {:>12.2} {:>12.2} {:>16.1}", r.latency.p50, r.latency.p99, r.cpu_per_s * 100.0);
    }
    println!(
        "ratios with observers: p99 latency {:.3}x, server CPU {:.2}x",
        crowd.latency.p99 / alone.latency.p99.max(1e-9),
        crowd.cpu_per_s / alone.cpu_per_s.max(1e-9)
    );
    println!("target: observers add at most 10 % to the headsets' p99 latency (ratio <= 1.10)");
}

fn run(observers: usize) -> Run {
    let server_rt = runtime("srv", 1);
    let bot_rt = runtime("bot", 1);
    let server = start_server(&server_rt, |_| {});
    let total = WARMUP + WINDOW + Duration::from_secs(1);
    let headsets = standing_bots(trainee_invite(&server), HEADSETS, total, HZ, 3);
    let observer =
        server.server.invite(crossdock_server::DEFAULT_SESSION, Role::Observer, None, Duration::from_secs(3600));
    let watchers = standing_bots(observer, observers, total, HZ, 4);
    let (report, watched, cpu) = bot_rt.block_on(async {
        let watching = tokio::spawn(bot::run(watchers));
        let headsets = tokio::spawn(bot::run(headsets));
        tokio::time::sleep(WARMUP).await;
        let before = thread_cpu(&["srv", "tick"]);
        tokio::time::sleep(WINDOW).await;
        let cpu = thread_cpu(&["srv", "tick"]) - before;
        (headsets.await.expect("headsets"), watching.await.expect("observers"), cpu)
    });
    assert_eq!(report.joined, HEADSETS, "every headset joined");
    assert_eq!(watched.joined, observers, "every observer joined");
    server_rt.block_on(server.server.shutdown());
    Run {
        latency: report.pose_latency_ms,
        cpu_per_s: cpu.as_secs_f64() / WINDOW.as_secs_f64(),
        observers_joined: watched.joined,
    }
}
