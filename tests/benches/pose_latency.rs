//! Pose latency from one bot's send to another bot's receipt, p50 and p99, over loopback,
//! beside a raw quinn relay (forward each datagram at once) measured in the same run.
//!
//! Crossdock applies poses on the tick, so its floor is the relay's plus up to one tick.

use std::time::Duration;

use crossdock_client::bot::{self, BotConfig, Percentiles};
use crossdock_tests::bench::{RawMode, raw_quinn, runtime, start_server, trainee_invite};

const HZ: u32 = 60;

fn main() {
    let seconds = 8.0;
    println!("== pose latency, send to another client's receipt, {HZ} Hz, loopback, {seconds}s");
    println!(
        "{:>5} {:>14} {:>14} {:>14} {:>14}",
        "bots", "crossdock p50", "crossdock p99", "raw relay p50", "raw relay p99"
    );
    for n in [8usize, 16] {
        let ours = crossdock(n, seconds);
        let mut raw = raw_quinn(
            n,
            HZ,
            24,
            RawMode::Relay { senders: n },
            Duration::from_secs(1),
            Duration::from_secs_f64(seconds),
        )
        .latency_us;
        let raw = Percentiles::of_micros(&mut raw);
        println!("{n:>5} {:>11.2} ms {:>11.2} ms {:>11.2} ms {:>11.2} ms", ours.p50, ours.p99, raw.p50, raw.p99);
    }
    let tick_ms = 1000.0 / f64::from(HZ);
    println!("target: crossdock p99 at most one tick + 2 ms = {:.2} ms", tick_ms + 2.0);
}

fn crossdock(n: usize, seconds: f64) -> Percentiles {
    let server_rt = runtime("srv", 1);
    let bot_rt = runtime("bot", 1);
    let server = start_server(&server_rt, |_| {});
    let invite = trainee_invite(&server);
    let bots = BotConfig {
        people: Default::default(),
        invite,
        count: n,
        duration: Duration::from_secs_f64(seconds),
        rate_hz: HZ,
        seed: 5,
        work: false,
        voice: Default::default(),
    };
    let report = bot_rt.block_on(bot::run(bots));
    assert_eq!(report.joined, n, "every bot joined");
    server_rt.block_on(server.server.shutdown());
    report.pose_latency_ms
}
