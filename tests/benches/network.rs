//! Downlink per headset client in a 16-participant drill, on a clean link and on hotel Wi-Fi,
//! through the impairment relay; beside each, the same run's uplink.
//!
//! Targets: at most 256 kbit/s down on a clean link and 128 kbit/s on hotel Wi-Fi.

use std::time::Duration;

use crossdock_headset::bot::{self, BotConfig};
use crossdock_protocol::Role;
use crossdock_server::{Config, Server};
use crossdock_tests::bench::runtime;
use crossdock_tests::relay::{Profile, Relay};

fn main() {
    println!("== downlink per headset client, 16 participants at 60 Hz, 10 s");
    println!("{:<12} {:>14} {:>14} {:>10} {:>12}", "profile", "down kbit/s", "up kbit/s", "target", "pose p99");
    for (name, target) in [("clean", 256.0), ("regional", 256.0), ("hotel-wifi", 128.0)] {
        let profile = Profile::by_name(name).expect("a named profile");
        let rt = runtime("bench", 2);
        let dir = tempfile::tempdir().expect("a temporary directory");
        let report = rt.block_on(async {
            let config = Config {
                listen: "127.0.0.1:0".parse().expect("literal"),
                data_dir: dir.path().to_owned(),
                write_invites: false,
                metrics_listen: None,
                ..Config::default()
            };
            let server = Server::start(config).expect("the server starts");
            let relay = Relay::impaired(server.local_addr(), profile, 7).await.expect("a relay");
            let mut invite = server.invite("default", Role::Trainee, None, Duration::from_secs(600));
            invite.server = relay.addr().to_string();
            let bots =
                BotConfig { invite, count: 16, duration: Duration::from_secs(10), rate_hz: 60, seed: 9, work: true };
            let report = bot::run(bots).await;
            server.shutdown().await;
            report
        });
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
