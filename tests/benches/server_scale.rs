//! How many classes one machine holds: a release server binary hosting sessions of 16 working
//! bots (a centre's busy day is several classes at once), at 16, 64 and 256 participants. For
//! each size it prints the whole process's CPU per participant-tick, its resident memory per
//! participant (above the same server idle), and the tick's time at p50 and p99 from the
//! server's own histogram; then how many classes of 16 one core holds at 60 Hz, from the last
//! (largest) size's CPU per participant-tick, and whether the tick's p99 stayed under half its period at every size.
//! The figures for `deploy/README.md`'s fleet sizing.
//!
//!   cargo bench -p crossdock-tests --bench server_scale -- SERVER_BIN [COUNTS...]
//!
//! (`tests/benches/server_scale.sh` builds the server in release and runs this.)

use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Duration;

use crossdock_client::bot::{self, BotConfig};
use crossdock_tests::bench::{ServerProcess, free_port, process_cpu, runtime};

const HZ: u32 = 60;
const CLASS: usize = 16;
const WARMUP: Duration = Duration::from_secs(4);
const WINDOW: Duration = Duration::from_secs(8);

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let Some(bin) = args.next().map(PathBuf::from) else {
        println!("usage: server_scale SERVER_BIN [COUNTS...]");
        std::process::exit(2);
    };
    let counts: Vec<usize> = args.filter_map(|a| a.parse().ok()).collect();
    let counts = if counts.is_empty() { vec![16, 64, 256] } else { counts };
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "== server scaling: sessions of {CLASS} working bots at {HZ} Hz, loopback, {cores} cores shared with the bots; {}s window after {}s warm-up",
        WINDOW.as_secs(),
        WARMUP.as_secs()
    );
    println!(
        "{:>12} {:>8} {:>10} {:>10} {:>12} {:>14} {:>14}",
        "participants", "sessions", "us/pt", "RSS MiB", "KiB/person", "tick p50 ms", "tick p99 ms"
    );
    let half_period_ms = 1000.0 / f64::from(HZ) / 2.0;
    let mut busiest = 0.0f64;
    let mut under_half = true;
    for n in counts {
        let sessions = n.div_ceil(CLASS);
        let m = measure(&bin, sessions);
        println!(
            "{:>12} {sessions:>8} {:>10.2} {:>10.1} {:>12.0} {:>14} {:>14}",
            sessions * CLASS,
            m.us_per_pt,
            m.rss_kib as f64 / 1024.0,
            m.rss_kib.saturating_sub(m.idle_rss_kib) as f64 / (sessions * CLASS) as f64,
            m.tick_p50_ms.map_or("-".into(), |v| format!("≤ {v:.2}")),
            m.tick_p99_ms.map_or("-".into(), |v| format!("≤ {v:.2}")),
        );
        busiest = m.us_per_pt;
        under_half &= m.tick_p99_ms.is_some_and(|p| p < half_period_ms);
    }
    let per_class_per_core = 1e6 / (CLASS as f64 * f64::from(HZ) * busiest);
    println!(
        "classes of {CLASS} per core at {HZ} Hz: {per_class_per_core:.1} (from the last row's CPU per participant-tick, {busiest:.2} us: a machine full of classes); tick p99 under half the period ({half_period_ms:.2} ms) at every size: {}",
        if under_half { "yes" } else { "no" }
    );
}

/// What one size measured.
struct Measured {
    us_per_pt: f64,
    rss_kib: u64,
    idle_rss_kib: u64,
    /// Upper bounds of the histogram buckets holding the 50th and 99th percentile tick.
    tick_p50_ms: Option<f64>,
    tick_p99_ms: Option<f64>,
}

/// Starts `bin` hosting `sessions` sessions, fills each with a class of working bots, measures.
fn measure(bin: &std::path::Path, sessions: usize) -> Measured {
    let names: Vec<String> = (1..=sessions).map(|i| format!("class-{i}")).collect();
    let metrics_port = free_port();
    let mut server = ServerProcess::start(
        bin,
        &["--metrics", &format!("127.0.0.1:{metrics_port}"), "--scenario", "false-wall-20ft"],
        &[("CROSSDOCK_SESSIONS", &names.join(",")), ("CROSSDOCK_MAX_SESSIONS", &sessions.max(32).to_string())],
    );
    let idle_rss_kib = server.rss_kib();
    let data_dir = server.data.path().display().to_string();
    let bot_rt = runtime("bot", 2);
    // A class at a time: the server takes at most 100 new handshakes a second (a burst of 100),
    // and refuses the rest as a flood.
    let stagger = Duration::from_millis(250);
    let joining = stagger * sessions as u32;
    let runs: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let out = std::process::Command::new(bin)
                .args(["invite", "--role", "trainee", "--session", name, "--data-dir", &data_dir])
                .output()
                .expect("the invite command runs");
            assert!(out.status.success(), "invite for {name}: {}", String::from_utf8_lossy(&out.stderr));
            let invite = String::from_utf8_lossy(&out.stdout).trim().parse().expect("an invite link");
            let bots = BotConfig {
                people: Default::default(),
                invite,
                count: CLASS,
                duration: joining + WARMUP + WINDOW + Duration::from_secs(1),
                rate_hz: HZ,
                seed: 3 + i as u64,
                work: true,
                voice: Default::default(),
            };
            let run = bot_rt.spawn(bot::run(bots));
            std::thread::sleep(stagger);
            run
        })
        .collect();
    std::thread::sleep(WARMUP);
    let before_cpu = process_cpu(server.pid());
    let before_ticks = tick_histogram(metrics_port);
    std::thread::sleep(WINDOW);
    let cpu = process_cpu(server.pid()) - before_cpu;
    let after_ticks = tick_histogram(metrics_port);
    let rss_kib = server.rss_kib();
    for run in runs {
        let report = bot_rt.block_on(run).expect("the bots finish");
        assert_eq!(report.joined, CLASS, "every bot joined: {:?}\n{}", report.errors, server.log_tail());
    }
    server.stop();
    // The window's own ticks: the cumulative counts after, less those before.
    let window: Vec<(f64, u64)> = after_ticks
        .iter()
        .map(|&(le, count)| (le, count - before_ticks.iter().find(|b| b.0 == le).map_or(0, |b| b.1)))
        .collect();
    let participant_ticks = (sessions * CLASS) as f64 * f64::from(HZ) * WINDOW.as_secs_f64();
    Measured {
        us_per_pt: cpu.as_secs_f64() * 1e6 / participant_ticks,
        rss_kib,
        idle_rss_kib,
        tick_p50_ms: quantile_bound(&window, 0.5),
        tick_p99_ms: quantile_bound(&window, 0.99),
    }
}

/// The server's tick histogram: (bucket upper bound in seconds, cumulative count), `+Inf` last.
fn tick_histogram(port: u16) -> Vec<(f64, u64)> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("the metrics port answers");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("a read timeout");
    stream.write_all(b"GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n").expect("the request is sent");
    let mut body = String::new();
    stream.take(4 << 20).read_to_string(&mut body).expect("the metrics are read");
    body.lines()
        .filter_map(|l| l.strip_prefix("crossdock_tick_seconds_bucket{le=\""))
        .filter_map(|l| {
            let (le, count) = l.split_once("\"} ")?;
            let le = if le == "+Inf" { f64::INFINITY } else { le.parse().ok()? };
            Some((le, count.trim().parse().ok()?))
        })
        .collect()
}

/// The upper bound, in milliseconds, of the bucket holding quantile `q` of `buckets`.
fn quantile_bound(buckets: &[(f64, u64)], q: f64) -> Option<f64> {
    let total = buckets.last()?.1;
    if total == 0 {
        return None;
    }
    let rank = (q * total as f64).ceil() as u64;
    buckets.iter().find(|(_, count)| *count >= rank).map(|(le, _)| le * 1000.0)
}
