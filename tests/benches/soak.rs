//! Soak: 64 participants (1 instructor, 47 trainees, 16 observers) on hotel Wi-Fi through the
//! impairment relay for N minutes (default 10; CI runs 2). Prints lost and out-of-order
//! reliable events (must be 0: the run fails otherwise), tick time p99, downlink per client,
//! and the process's memory after one minute and at the end.
//!
//! `cargo bench -p crossdock-tests --bench soak -- MINUTES`

use std::time::{Duration, Instant};

use crossdock_client::bot::{self, BotConfig, BotReport};
use crossdock_protocol::Role;
use crossdock_tests::bench::{runtime, start_server};
use crossdock_tests::relay::{Profile, Relay};

/// Poses per second per headset bot. 64 bots, the relay and the server share this machine's two
/// cores, so the soak runs its bots at 30 Hz (the server still ticks at 60 Hz).
const POSE_HZ: u32 = 30;

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// The upper bound of the histogram bucket holding the 99th percentile, from the text exposition.
fn tick_p99_ms(metrics: &str) -> f64 {
    let buckets: Vec<(f64, f64)> = metrics
        .lines()
        .filter_map(|l| l.strip_prefix("crossdock_tick_seconds_bucket{le=\""))
        .filter_map(|l| {
            let (le, count) = l.split_once("\"} ")?;
            Some((if le == "+Inf" { f64::INFINITY } else { le.parse().ok()? }, count.trim().parse().ok()?))
        })
        .collect();
    let total = buckets.last().map_or(0.0, |b| b.1);
    buckets.iter().find(|(_, c)| *c >= 0.99 * total).map_or(f64::NAN, |(le, _)| le * 1000.0)
}

fn main() {
    tracing_subscriber::fmt().with_env_filter("warn").with_writer(std::io::stderr).init();
    let minutes: f64 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10.0);
    let duration = Duration::from_secs_f64(minutes * 60.0);
    println!(
        "== soak: 64 participants (1 instructor, 47 trainees, 16 observers), hotel-wifi, {minutes} min, poses at {POSE_HZ} Hz"
    );
    let server_rt = runtime("srv", 1);
    let relay_rt = runtime("relay", 1);
    let bot_rt = runtime("bot", 1);
    let server = start_server(&server_rt, |c| c.max_participants_per_session = 64);
    let relay =
        relay_rt.block_on(Relay::impaired(server.server.local_addr(), Profile::hotel_wifi(), 2026)).expect("a relay");
    let bots = |role: Role, count: usize, seed: u64| {
        let mut invite =
            server.server.invite(crossdock_server::DEFAULT_SESSION, role, None, Duration::from_secs(24 * 3600));
        invite.server = relay.addr().to_string();
        BotConfig {
            people: Default::default(),
            invite,
            count,
            duration,
            rate_hz: POSE_HZ,
            seed,
            work: true,
            voice: Default::default(),
        }
    };
    let started = Instant::now();
    let runs = [bots(Role::Instructor, 1, 1), bots(Role::Trainee, 47, 2), bots(Role::Observer, 16, 3)]
        .map(|c| bot_rt.spawn(bot::run(c)));
    std::thread::sleep(Duration::from_secs(60).min(duration));
    let rss_minute = rss_mib();
    let reports: Vec<BotReport> = runs.into_iter().map(|r| bot_rt.block_on(r).expect("the bots finish")).collect();
    let rss_end = rss_mib();
    let metrics = server.server.metrics().render();
    server_rt.block_on(server.server.shutdown());

    let joined: usize = reports.iter().map(|r| r.joined).sum();
    let lost: usize = reports.iter().map(|r| r.reliable_lost).sum();
    let reordered: usize = reports.iter().map(|r| r.reliable_reordered).sum();
    let kbit = |r: &BotReport| r.bytes_in_per_s * 8.0 / 1000.0;
    println!("joined                      {joined} of 64 over {:.0} s", started.elapsed().as_secs_f64());
    println!("reliable events lost        {lost}");
    println!("reliable events reordered   {reordered}");
    println!("tick time p99               <= {:.2} ms", tick_p99_ms(&metrics));
    println!(
        "downlink per headset        {:.1} kbit/s (trainees), {:.1} kbit/s (observers)",
        kbit(&reports[1]),
        kbit(&reports[2])
    );
    println!(
        "pose latency p50/p99        {:.1} / {:.1} ms",
        reports[1].pose_latency_ms.p50, reports[1].pose_latency_ms.p99
    );
    println!("memory (process RSS)        {rss_minute:.1} MiB after 1 min, {rss_end:.1} MiB at the end");
    assert_eq!(joined, 64, "every participant joined");
    assert_eq!((lost, reordered), (0, 0), "reliable events must arrive exactly once, in order");
}
