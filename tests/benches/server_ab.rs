//! Two server binaries on the same workload, alternately, in one run: the previous main's and
//! this build's (`tests/benches/server_ab.sh` builds both). For 16, 32 and 64 working bots each
//! round starts a fresh server process, lets the bots warm up, then reads the whole process's
//! CPU over a window; the bots (this build's clients, in this process) report the UDP packets
//! each of them sent and received a second, and their pose latency (what clients see must not
//! change). The rounds alternate which binary goes first.
//!
//!   cargo bench -p crossdock-tests --bench server_ab -- OLD_BIN NEW_BIN [ROUNDS] [COUNTS...]

use std::path::{Path, PathBuf};
use std::time::Duration;

use crossdock_client::bot::{self, BotConfig};
use crossdock_tests::bench::{ServerProcess, process_cpu, runtime};

const HZ: u32 = 60;
const WARMUP: Duration = Duration::from_secs(3);
const WINDOW: Duration = Duration::from_secs(6);

/// One binary's run at one size.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Server CPU per participant-tick, microseconds.
    us_per_pt: f64,
    /// UDP packets a client received and sent a second.
    packets: (f64, f64),
    /// The server's resident memory at the window's end, KiB.
    rss_kib: u64,
    /// Pose latency from a bot's send to another bot's receipt, p50 and p99, ms.
    pose_ms: (f64, f64),
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let (Some(old), Some(new)) = (args.next(), args.next()) else {
        println!("usage: server_ab OLD_SERVER_BIN NEW_SERVER_BIN [ROUNDS] [COUNTS...]");
        std::process::exit(2);
    };
    let rest: Vec<usize> = args.filter_map(|a| a.parse().ok()).collect();
    let rounds = rest.first().copied().unwrap_or(3);
    let counts = if rest.len() > 1 { rest[1..].to_vec() } else { vec![16, 32, 64] };
    let bins = [PathBuf::from(old), PathBuf::from(new)];
    println!(
        "== server CPU per participant-tick, previous main vs this build, {HZ} Hz, loopback; {rounds} rounds, {}s window after {}s warm-up, alternating",
        WINDOW.as_secs(),
        WARMUP.as_secs()
    );
    println!(
        "{:>5} {:>10} {:>10} {:>7}   {:>17} {:>17}   {:>10} {:>10}",
        "bots", "old us/pt", "new us/pt", "ratio", "old pkts/s in/out", "new pkts/s in/out", "old MiB", "new MiB"
    );
    for n in counts {
        let mut runs: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
        for round in 0..rounds {
            let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
            for which in order {
                runs[which].push(measure(&bins[which], n));
            }
        }
        let median = |runs: &[Run], f: fn(&Run) -> f64| {
            let mut v: Vec<f64> = runs.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let [old, new] = &runs;
        let (o, w) = (median(old, |r| r.us_per_pt), median(new, |r| r.us_per_pt));
        println!(
            "{n:>5} {o:>10.2} {w:>10.2} {:>7.2}   {:>8.1}/{:<8.1} {:>8.1}/{:<8.1}   {:>10.1} {:>10.1}",
            w / o,
            median(old, |r| r.packets.0),
            median(old, |r| r.packets.1),
            median(new, |r| r.packets.0),
            median(new, |r| r.packets.1),
            median(old, |r| r.rss_kib as f64) / 1024.0,
            median(new, |r| r.rss_kib as f64) / 1024.0,
        );
        let each = |runs: &[Run]| runs.iter().map(|r| format!("{:.2}", r.us_per_pt)).collect::<Vec<_>>().join(" ");
        println!("      rounds: old {}; new {}", each(old), each(new));
        println!(
            "      pose latency p50/p99: old {:.1}/{:.1} ms, new {:.1}/{:.1} ms",
            median(old, |r| r.pose_ms.0),
            median(old, |r| r.pose_ms.1),
            median(new, |r| r.pose_ms.0),
            median(new, |r| r.pose_ms.1),
        );
    }
    println!("target: the new server at most 0.6 of the old at 16 and 64 participants (medians)");
}

/// Starts `bin` on a fresh data dir, runs `n` working bots against it, measures.
fn measure(bin: &Path, n: usize) -> Run {
    let mut server = ServerProcess::start(
        bin,
        &["--metrics", "off", "--scenario", "false-wall-20ft"],
        &[("CROSSDOCK_MAX_PARTICIPANTS_PER_SESSION", "256")],
    );
    let bot_rt = runtime("bot", 1);
    let bots = BotConfig {
        people: Default::default(),
        invite: server.trainee_invite(),
        count: n,
        duration: WARMUP + WINDOW + Duration::from_secs(1),
        rate_hz: HZ,
        seed: 3,
        work: true,
        voice: Default::default(),
    };
    let run = bot_rt.spawn(bot::run(bots));
    std::thread::sleep(WARMUP);
    let before = process_cpu(server.pid());
    std::thread::sleep(WINDOW);
    let cpu = process_cpu(server.pid()) - before;
    let rss_kib = server.rss_kib();
    let report = bot_rt.block_on(run).expect("the bots finish");
    assert_eq!(report.joined, n, "every bot joined {}: {:?}\n{}", bin.display(), report.errors, server.log_tail());
    server.stop();
    let participant_ticks = n as f64 * f64::from(HZ) * WINDOW.as_secs_f64();
    Run {
        us_per_pt: cpu.as_secs_f64() * 1e6 / participant_ticks,
        packets: (report.packets_in_per_s, report.packets_out_per_s),
        rss_kib,
        pose_ms: (report.pose_latency_ms.p50, report.pose_latency_ms.p99),
    }
}
