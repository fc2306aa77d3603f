//! The desktop CI tier (`tests/desktop/run.sh`): the real `crossdock-headset desktop` window
//! under Xvfb on software Vulkan, joined as an observer while a bot stands in the container.
//! The screenshots must show the container and the bot's avatar. Ignored in `cargo test`: it
//! needs an X display and a Vulkan driver.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use crossdock_client::Client;
use crossdock_protocol::Role;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::units;
use crossdock_render::{capture, scene};
use crossdock_tests::TestServer;
use glam::{Quat, Vec3};

fn env_path(name: &str) -> PathBuf {
    PathBuf::from(std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run tests/desktop/run.sh")))
}

/// Runs the desktop client as an observer with `view` until it exits, keeping `bot` posing in
/// the container meanwhile; returns the screenshot's pixels.
async fn observe(server: &TestServer, bot: &mut Client, view: &str, shot: &std::path::Path) -> Vec<u8> {
    let invite = server.invite(Role::Observer).to_string();
    let mut child = Command::new(env_path("CROSSDOCK_HEADSET_BIN"))
        .args(["desktop", "--invite", &invite, "--name", "Supervisor", "--view", view, "--screenshot"])
        .arg(shot)
        .args(["--after", "3", "--seconds", "4", "--size", "1280x720"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the desktop client starts");
    let length = units::size(bot.core.mirror.container_mm).x;
    let head = QPose::new(Vec3::new(length - 2.5, 1.65, -0.3), Quat::from_rotation_y(1.2));
    let pose = AvatarPose {
        time: Default::default(),
        head,
        left: QPose::new(head.position() + Vec3::new(-0.1, -0.5, -0.25), Quat::IDENTITY),
        right: QPose::new(head.position() + Vec3::new(-0.1, -0.5, 0.25), Quat::IDENTITY),
    };
    let status = crossdock_tests::stand_until_exit(bot, pose, &mut child, Duration::from_secs(120), |_| {}).await;
    let mut stdout = String::new();
    std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut stdout).unwrap();
    assert!(status.success(), "the desktop client failed: {status}");
    let report: serde_json::Value = serde_json::from_str(stdout.lines().last().expect("a report")).unwrap();
    println!("desktop report ({view}): {report}");
    assert_eq!(report["role"], "observer");
    assert!(report["frames"].as_u64().unwrap() >= 10, "frames were drawn: {report}");
    let (w, h, rgba) = capture::load_png(shot).expect("the screenshot exists");
    assert_eq!((w, h), (1280, 720));
    rgba
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs an X display and Vulkan: run tests/desktop/run.sh"]
async fn an_observer_window_follows_a_bot_and_looks_down_on_the_container() {
    let out = std::env::var("CROSSDOCK_DESKTOP_OUT").map(PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    std::fs::create_dir_all(&out).unwrap();
    let server = TestServer::start();
    let mut bot = server.join(Role::Trainee, "Bot").await;

    let follow = observe(&server, &mut bot, "follow:Bot", &out.join("observer-follow.png")).await;
    let steel = capture::share_of(&follow, &[scene::CONTAINER, scene::DOORS], 0.55, 10.0);
    let trainee = capture::share_of(&follow, &[scene::TRAINEE], 0.55, 12.0);
    println!("follow: container {:.1} %, the bot's avatar {:.2} %", steel * 100.0, trainee * 100.0);
    assert!(steel >= 0.15, "the container covers only {:.1} %", steel * 100.0);
    assert!(trainee >= 0.005, "the bot's avatar covers only {:.2} %", trainee * 100.0);

    let overview = observe(&server, &mut bot, "overview", &out.join("observer-overview.png")).await;
    let steel = capture::share_of(&overview, &[scene::CONTAINER, scene::DOORS], 0.55, 10.0);
    let floor = capture::share_of(&overview, &[scene::FLOOR], 0.55, 10.0);
    let trainee = capture::share_of(&overview, &[scene::TRAINEE], 0.55, 12.0);
    println!(
        "overview: walls {:.1} %, floor {:.1} %, the bot's avatar {:.2} %",
        steel * 100.0,
        floor * 100.0,
        trainee * 100.0
    );
    assert!(steel + floor >= 0.1, "the container is in view from above");
    assert!(trainee > 0.0, "the bot is seen from above");
}
