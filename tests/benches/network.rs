//! Downlink per headset client in a 16-participant drill, on a clean link and on hotel Wi-Fi,
//! through the impairment relay; beside each, the same run's uplink.
//!
//! Targets: at most 256 kbit/s down on a clean link and 128 kbit/s on hotel Wi-Fi.

use std::time::Duration;

use crossdock_client::bot::{self, BotConfig};
use crossdock_tests::bench::{runtime, start_server, trainee_invite};
use crossdock_tests::relay::{Profile, Relay};

fn main() {
    println!("== downlink per headset client, 16 participants at 60 Hz, 10 s");
    println!("{:<12} {:>14} {:>14} {:>10} {:>12}", "profile", "down kbit/s", "up kbit/s", "target", "pose p99");
    for (name, target) in [("clean", 256.0), ("regional", 256.0), ("hotel-wifi", 128.0)] {
        let profile = Profile::by_name(name).expect("a named profile");
        let rt = runtime("bench", 2);
        let server = start_server(&rt, |_| {});
        let report = rt.block_on(async {
            let relay = Relay::impaired(server.server.local_addr(), profile, 7).await.expect("a relay");
            let mut invite = trainee_invite(&server);
            invite.server = relay.addr().to_string();
            let bots = BotConfig {
                people: Default::default(),
                invite,
                count: 16,
                duration: Duration::from_secs(10),
                rate_hz: 60,
                seed: 9,
                work: true,
                voice: Default::default(),
            };
            bot::run(bots).await
        });
        rt.block_on(server.server.shutdown());
        let kbit = |bytes_per_s: f64| bytes_per_s * 8.0 / 1000.0;
        let down = kbit(report.bytes_in_per_s);
        println!(
            "{name:<12} {down:>14.1} {:>14.1} {:>10} {:>9.1} ms  {}",
            kbit(report.bytes_out_per_s),
            format!("<= {target}"),
            report.pose_latency_ms.p99,
            if down <= target { "MET" } else { "MISSED" }
        );
        assert_eq!(report.joined, 16, "every bot joined");
    }
}
