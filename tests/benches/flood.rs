//! Connection flood: established participants' pose latency while strangers open QUIC
//! connections as fast as they can (each finishing the TLS handshake, then never saying Hello),
//! beside the same run's latency without the flood.
//!
//! Target: the flood slows pose latency (p50 and p99) by under 10 %.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use crossdock_client::bot::{self, BotConfig, Percentiles};
use crossdock_tests::bench::{runtime, start_server, trainee_invite};

const SECONDS: u64 = 8;
const FLOODERS: usize = 16;

fn main() {
    let server_rt = runtime("srv", 1);
    let bot_rt = runtime("bot", 1);
    let flood_rt = runtime("flood", 1);
    let server = start_server(&server_rt, |_| {});
    let invite = trainee_invite(&server);
    let run = |seed| {
        let config = BotConfig {
            people: Default::default(),
            invite: invite.clone(),
            count: 8,
            duration: Duration::from_secs(SECONDS),
            rate_hz: 60,
            seed,
            work: false,
            voice: Default::default(),
        };
        bot_rt.block_on(bot::run(config)).pose_latency_ms
    };
    println!("== connection flood: pose latency of 8 established bots, {SECONDS} s each, {FLOODERS} flooding tasks");
    let quiet = run(1);
    let stop = Arc::new(AtomicBool::new(false));
    let attempts = Arc::new(AtomicU64::new(0));
    for _ in 0..FLOODERS {
        let (stop, attempts, invite) = (stop.clone(), attempts.clone(), invite.clone());
        flood_rt.spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                // A stranger's connection: the full QUIC/TLS handshake, then silence and a drop.
                let _ =
                    tokio::time::timeout(Duration::from_secs(2), crossdock_tests::bench::handshake_only(&invite)).await;
                attempts.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
    let flooded = run(2);
    stop.store(true, Ordering::Relaxed);
    let rate = attempts.load(Ordering::Relaxed) as f64 / SECONDS as f64;
    let slower = |a: f64, b: f64| 100.0 * (b / a.max(1e-9) - 1.0);
    println!("{:<22} {:>10} {:>10}", "", "p50 ms", "p99 ms");
    println!("{:<22} {:>10.2} {:>10.2}", "without flood", quiet.p50, quiet.p99);
    println!("{:<22} {:>10.2} {:>10.2}", format!("flood ({rate:.0} conn/s)"), flooded.p50, flooded.p99);
    let (d50, d99) = (slower(quiet.p50, flooded.p50), slower(quiet.p99, flooded.p99));
    println!(
        "slowdown: p50 {d50:+.1} %, p99 {d99:+.1} % (target under 10 %) -> {}",
        if d50 < 10.0 && d99 < 10.0 { "MET" } else { "MISSED" }
    );
    let _: Percentiles = quiet;
    server_rt.block_on(server.server.shutdown());
}
