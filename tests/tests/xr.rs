//! The headset CI tier (`tests/xr/run.sh`): the real `crossdock-headset xr` on a real OpenXR
//! runtime, Monado with its simulated, turning headset and null compositor, in the Debian 13
//! root that `tests/xr/setup-runtime.sh` prepares. A bot in the same drill watches the headset
//! participant's head over the network.
//!
//! The instructor's headset passes only if the session reaches focus, at least 300 frames are
//! submitted, the bot sees the head turn, the tablet's "pause" clicked with the controller's ray
//! pauses the drill for the bot, the left eye's screenshot shows the container, and the client
//! exits with 0. A trainee's headset then shows the documents on its tablet and no instructor
//! control. Ignored in `cargo test`: it needs root (chroot) and the prepared runtime.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crossdock_protocol::Role;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::units;
use crossdock_render::capture;
use crossdock_tests::TestServer;
use glam::{Quat, Vec3};

/// Frames the client must submit.
const FRAMES: u64 = 300;
/// The runtime's environment: Monado's simulated devices, no display, software Vulkan.
const RUNTIME_ENV: &[&str] = &[
    "XR_RUNTIME_JSON=/usr/share/openxr/1/openxr_monado.json",
    "VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/lvp_icd.json",
    "XRT_COMPOSITOR_NULL=1",
    "XRT_NO_STDIN=1",
    "XDG_RUNTIME_DIR=/tmp/crossdock-xdg",
    "SIMULATED_ENABLE=1",
    "SIMULATED_ROTATE=1",
    "SIMULATED_LEFT=1",
    "SIMULATED_RIGHT=1",
    "RUST_LOG=info",
];

fn env_path(name: &str) -> PathBuf {
    PathBuf::from(std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run tests/xr/run.sh")))
}

/// A command run inside the runtime's root.
fn in_root(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("chroot");
    cmd.arg(root).arg("env").args(RUNTIME_ENV).args(args);
    cmd
}

/// Kills the child when dropped, so a failing assertion leaves no runtime behind.
struct Reaper(std::process::Child);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs root and the Monado runtime: run tests/xr/run.sh"]
async fn a_headset_under_monado_joins_renders_the_container_and_its_head_turns_for_the_others() {
    let root = env_path("CROSSDOCK_XR_ROOT");
    let binary = env_path("CROSSDOCK_HEADSET_BIN");
    let out = std::env::var("CROSSDOCK_XR_OUT").map(PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    std::fs::create_dir_all(&out).unwrap();

    let server = TestServer::start();
    let mut bot = server.join(Role::Trainee, "สมชาย ใจดี").await;
    // More of the class, in their own scripts, for the tablet's list.
    for name in ["김민준", "王伟", "Nguyễn Văn An"] {
        let mut other = server.join(Role::Trainee, name).await;
        tokio::spawn(async move { while other.next_event().await.is_ok() {} });
    }
    std::fs::copy(&binary, root.join("usr/local/bin/crossdock-headset")).expect("the client goes into the root");
    std::fs::write(root.join("tmp/crossdock-invite.txt"), server.invite(Role::Instructor).to_string()).unwrap();
    let xdg = root.join("tmp/crossdock-xdg");
    let _ = std::fs::remove_dir_all(&xdg);
    std::fs::create_dir_all(&xdg).unwrap();
    let _ = std::fs::remove_file(root.join("tmp/crossdock-left-eye.png"));

    let _monado = Reaper(
        in_root(&root, &["monado-service"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("monado-service starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while !xdg.join("monado_comp_ipc").exists() {
        assert!(Instant::now() < deadline, "monado-service never opened its socket in {}", xdg.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let mut headset = Reaper(
        in_root(
            &root,
            &[
                "/usr/local/bin/crossdock-headset",
                "xr",
                "--invite",
                "@/tmp/crossdock-invite.txt",
                "--name",
                "Headset",
                "--open-tablet",
                "--pin-tablet",
                "--press",
                "pause",
                "--press",
                "debrief-open",
                "--screenshot",
                "/tmp/crossdock-left-eye.png",
                "--after",
                "4",
                "--frames",
                &FRAMES.to_string(),
                "--resolution-scale",
                "3",
            ],
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the headset client starts"),
    );

    // The bot stands inside the container facing the doors, where the headset looks in from,
    // and records the headset participant's head orientation as the server relays it.
    let length = units::size(bot.core.mirror.container_mm).x;
    let bot_head = QPose::new(Vec3::new(length - 3.0, 1.6, 0.35), Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2));
    let bot_pose = AvatarPose {
        time: Default::default(),
        head: bot_head,
        left: QPose::new(bot_head.position() + Vec3::new(0.25, -0.5, -0.25), Quat::IDENTITY),
        right: QPose::new(bot_head.position() + Vec3::new(0.25, -0.5, 0.25), Quat::IDENTITY),
    };
    let mut seen: Vec<Quat> = Vec::new();
    let (mut paused, mut debriefed) = (false, false);
    let status =
        crossdock_tests::stand_until_exit(&mut bot, bot_pose, &mut headset.0, Duration::from_secs(300), |bot| {
            paused |= bot.core.mirror.drill.state.paused;
            debriefed |= bot.core.debrief.is_some();
            let people = bot.core.mirror.people();
            if let Some(id) = people.iter().find(|p| p.display_name == "Headset").map(|p| p.id)
                && let Some((_, pose)) = bot.core.mirror.avatars().into_iter().find(|(p, _)| *p == id)
            {
                seen.push(pose.head.rotation());
            }
        })
        .await;
    let mut stdout = String::new();
    std::io::Read::read_to_string(headset.0.stdout.as_mut().unwrap(), &mut stdout).unwrap();
    assert!(status.success(), "the headset client failed: {status}");
    let report: serde_json::Value =
        serde_json::from_str(stdout.lines().last().expect("a report line")).expect("the report is JSON");
    println!("headset report: {report}");
    assert_eq!(report["focused"], true, "the session reached focus: {report}");
    assert_eq!(report["exact_display_time"], true, "poses carry the runtime's display times: {report}");
    let frames = report["frames_submitted"].as_u64().unwrap();
    assert!(frames >= FRAMES, "{frames} frames submitted");
    let pressed = serde_json::json!(["pause", "debrief-open"]);
    assert_eq!(report["pressed"], pressed, "the ray clicked pause, then opened the debrief: {report}");
    assert!(paused, "the bot never saw the drill paused by the headset's tablet");
    assert!(debriefed, "the bot never saw the debrief the headset's tablet opened");
    let layouts = report["tablet_layouts"].as_u64().unwrap();
    assert!(layouts < frames / 2, "the tablet is laid out only when it changes: {layouts} layouts in {frames} frames");

    // The simulated head turns; the turn crossed the network to the bot.
    assert!(seen.len() >= 20, "the bot saw the headset's avatar only {} times", seen.len());
    // Angles from the first sample, a tenth of the run at a time: the head must move within
    // each tenth, well past the quantisation noise of the wire (about 0.3 degrees). (Each
    // tenth's mean is no measure: Monado's head wobbles, and a tenth that spans whole wobbles
    // has the same mean as the next however much the head moves.)
    let angles: Vec<f32> = seen.iter().map(|q| seen[0].angle_between(*q).to_degrees()).collect();
    let tenths: Vec<f32> = angles
        .chunks(angles.len().div_ceil(10))
        .map(|c| c.iter().cloned().fold(f32::MIN, f32::max) - c.iter().cloned().fold(f32::MAX, f32::min))
        .collect();
    let turned = angles.iter().cloned().fold(0.0f32, f32::max);
    println!(
        "the bot saw the headset's head {} times; the head's swing within each tenth of the run: {:.1?} degrees (max turn {turned:.1})",
        seen.len(),
        tenths
    );
    assert!(turned >= 3.0, "the head turned only {turned:.1} degrees as seen by the bot");
    let moving = tenths.iter().filter(|swing| **swing >= 1.0).count();
    assert!(moving + 1 >= tenths.len(), "the head did not keep moving through the run: {tenths:.1?}");

    let shot = root.join("tmp/crossdock-left-eye.png");
    let (w, h, rgba) = capture::load_png(&shot).expect("the screenshot exists");
    let container = capture::share_where(&rgba, capture::not_sky);
    println!("screenshot {w}x{h}: the container covers {:.1} % of the left eye", container * 100.0);
    assert!(container >= 0.3, "the container covers only {:.1} % of the screenshot", container * 100.0);
    // The wearer's own hands and forearms: an instructor's orange gloves in the lower half.
    let lower = &rgba[rgba.len() / 2..];
    let gloves = capture::share_where(lower, |[r, g, b]| {
        let [r, g, b] = [r, g, b].map(f32::from);
        r > 60.0 && r > g * 1.25 && g > b * 1.8
    });
    println!("the wearer's gloves cover {:.2} % of the lower half", gloves * 100.0);
    assert!(gloves >= 0.002, "the wearer's hands are not in view: {:.3} %", gloves * 100.0);
    std::fs::copy(&shot, out.join("headset-left-eye.png")).unwrap();
}

/// A trainee's headset with the tablet open: the tablet lists the documents and the class, and
/// offers none of the instructor's controls.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs root and the Monado runtime: run tests/xr/run.sh"]
async fn a_trainees_tablet_shows_the_documents_and_no_instructor_control() {
    let root = env_path("CROSSDOCK_XR_ROOT");
    let binary = env_path("CROSSDOCK_HEADSET_BIN");
    let server = TestServer::start();
    let mut bot = server.join(Role::Trainee, "Bot").await;
    std::fs::copy(&binary, root.join("usr/local/bin/crossdock-headset")).expect("the client goes into the root");
    std::fs::write(root.join("tmp/crossdock-invite.txt"), server.invite(Role::Trainee).to_string()).unwrap();
    let xdg = root.join("tmp/crossdock-xdg");
    let _ = std::fs::remove_dir_all(&xdg);
    std::fs::create_dir_all(&xdg).unwrap();
    let map = root.join("tmp/crossdock-tablet.json");
    let _ = std::fs::remove_file(&map);
    let _monado = Reaper(
        in_root(&root, &["monado-service"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("monado starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while !xdg.join("monado_comp_ipc").exists() {
        assert!(Instant::now() < deadline, "monado-service never opened its socket in {}", xdg.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let args = [
        "/usr/local/bin/crossdock-headset",
        "xr",
        "--invite",
        "@/tmp/crossdock-invite.txt",
        "--name",
        "Trainee",
        "--open-tablet",
        "--ui-map",
        "/tmp/crossdock-tablet.json",
        "--frames",
        "120",
        "--resolution-scale",
        "3",
    ];
    let mut headset = Reaper(
        in_root(&root, &args).stdout(Stdio::null()).stderr(Stdio::inherit()).spawn().expect("the client starts"),
    );
    let head = QPose::new(Vec3::new(2.0, 1.6, 0.0), Quat::IDENTITY);
    let pose = AvatarPose { time: Default::default(), head, left: head, right: head };
    let status =
        crossdock_tests::stand_until_exit(&mut bot, pose, &mut headset.0, Duration::from_secs(180), |_| {}).await;
    assert!(status.success(), "the headset client failed: {status}");
    let text = std::fs::read_to_string(&map).expect("the tablet wrote its controls");
    let controls: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let names: Vec<&String> = controls["controls"].as_object().expect("controls").keys().collect();
    println!("a trainee's tablet offers {names:?}");
    assert!(names.iter().any(|n| *n == "documents"), "the documents are on the tablet: {names:?}");
    assert!(names.iter().any(|n| n.starts_with("person:")), "and the class: {names:?}");
    let instructor = [
        "pause",
        "reset",
        "reveal",
        "end-drill",
        "bookmark",
        "switch-scenario",
        "mute-all",
        "confirm:",
        "mute:",
        "freeze:",
    ];
    let offered: Vec<&&String> = names.iter().filter(|n| instructor.iter().any(|c| n.starts_with(c))).collect();
    assert!(offered.is_empty(), "a trainee is offered instructor controls: {offered:?}");
}
