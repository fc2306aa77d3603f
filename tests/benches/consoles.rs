//! A browser console must cost the headsets no more than an observer does: 16 headset bots at
//! 60 Hz alone, then with 8 observer bots, then with 8 consoles (WebTransport on the same port,
//! live frames 5 times a second), in one run. Prints the headsets' pose latency (send to another
//! headset's receipt), the server's CPU in a measured window, what the consoles received, and
//! the ratios against the headsets alone.
//!
//! Target: 8 consoles add at most 5 % to the headsets' p99 pose latency (ratio <= 1.05).

use std::time::{Duration, Instant};

use crossdock_client::bot::{self, Percentiles};
use crossdock_protocol::Role;
use crossdock_protocol::console::ConsoleDown;
use crossdock_tests::bench::{runtime, standing_bots, start_server, thread_cpu, trainee_invite};
use crossdock_tests::console::Console;

const HZ: u32 = 60;
const HEADSETS: usize = 16;
const WATCHERS: usize = 8;
/// Joins settle before the CPU window opens.
const WARMUP: Duration = Duration::from_secs(3);
const WINDOW: Duration = Duration::from_secs(8);

#[derive(Clone, Copy, PartialEq)]
enum Watchers {
    None,
    Observers,
    Consoles,
}

struct Run {
    latency: Percentiles,
    cpu_per_s: f64,
    /// Frames and bytes the consoles received, in all.
    frames: usize,
    bytes: usize,
}

fn main() {
    println!(
        "== {HEADSETS} headset bots at {HZ} Hz: alone, with {WATCHERS} observers, with {WATCHERS} consoles; loopback, {}s window",
        WINDOW.as_secs()
    );
    let alone = run(Watchers::None);
    let observers = run(Watchers::Observers);
    let consoles = run(Watchers::Consoles);
    println!("{:>18} {:>10} {:>10} {:>16}", "watching", "p50 (ms)", "p99 (ms)", "server CPU (%)");
    for (name, r) in [("nobody", &alone), ("8 observers", &observers), ("8 consoles", &consoles)] {
        println!("{name:>18} {:>10.2} {:>10.2} {:>16.1}", r.latency.p50, r.latency.p99, r.cpu_per_s * 100.0);
    }
    let seconds = (WARMUP + WINDOW).as_secs_f64();
    println!(
        "consoles received {:.1} frames/s each, {:.1} kB/s each",
        consoles.frames as f64 / WATCHERS as f64 / seconds,
        consoles.bytes as f64 / WATCHERS as f64 / seconds / 1000.0
    );
    for (name, r) in [("observers", &observers), ("consoles", &consoles)] {
        println!(
            "ratios with {name}: p99 latency {:.3}x, server CPU {:.2}x",
            r.latency.p99 / alone.latency.p99.max(1e-9),
            r.cpu_per_s / alone.cpu_per_s.max(1e-9)
        );
    }
    println!("target: consoles add at most 5 % to the headsets' p99 latency (ratio <= 1.05)");
}

fn run(watchers: Watchers) -> Run {
    let server_rt = runtime("srv", 1);
    let bot_rt = runtime("bot", 1);
    // The consoles are other machines (tablets): their own thread, not the headsets'.
    let console_rt = runtime("con", 1);
    let server = start_server(&server_rt, |_| {});
    let total = WARMUP + WINDOW + Duration::from_secs(1);
    let headsets = standing_bots(trainee_invite(&server), HEADSETS, total, HZ, 3);
    let observer =
        server.server.invite(crossdock_server::DEFAULT_SESSION, Role::Observer, None, Duration::from_secs(3600));
    let instructor =
        server.server.invite(crossdock_server::DEFAULT_SESSION, Role::Instructor, None, Duration::from_secs(3600));
    let observers = standing_bots(observer, if watchers == Watchers::Observers { WATCHERS } else { 0 }, total, HZ, 4);
    let (report, watched, received, cpu) = bot_rt.block_on(async {
        let watching = tokio::spawn(bot::run(observers));
        let mut consoles = Vec::new();
        if watchers == Watchers::Consoles {
            for _ in 0..WATCHERS {
                let (addr, hashes) = (server.server.local_addr(), server.server.console_certificates());
                let token = instructor.token.clone();
                consoles.push(console_rt.spawn(async move {
                    let mut console = Console::open_at(addr, hashes, &token, "en").await.expect("a console opens");
                    let mut frames = 0;
                    let end = Instant::now() + total;
                    while let Ok(msg) = console.next(end.saturating_duration_since(Instant::now())).await {
                        frames += usize::from(matches!(msg, ConsoleDown::Frame(_)));
                    }
                    (frames, console.received)
                }));
            }
        }
        let headsets = tokio::spawn(bot::run(headsets));
        tokio::time::sleep(WARMUP).await;
        let before = thread_cpu(&["srv", "tick"]);
        tokio::time::sleep(WINDOW).await;
        let cpu = thread_cpu(&["srv", "tick"]) - before;
        let mut received = (0, 0);
        for console in consoles {
            let (f, b) = console.await.expect("a console");
            received = (received.0 + f, received.1 + b);
        }
        (headsets.await.expect("headsets"), watching.await.expect("observers"), received, cpu)
    });
    assert_eq!(report.joined, HEADSETS, "every headset joined");
    if watchers == Watchers::Observers {
        assert_eq!(watched.joined, WATCHERS, "every observer joined");
    }
    if watchers == Watchers::Consoles {
        assert!(received.0 >= WATCHERS * 10, "the consoles watched: {} frames", received.0);
    }
    server_rt.block_on(server.server.shutdown());
    Run {
        latency: report.pose_latency_ms,
        cpu_per_s: cpu.as_secs_f64() / WINDOW.as_secs_f64(),
        frames: received.0,
        bytes: received.1,
    }
}
