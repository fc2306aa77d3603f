//! The headset CI tier (`tests/xr/run.sh`): the real `crossdock-headset xr` on a real OpenXR
//! runtime, Monado with its simulated, turning headset and null compositor, in the Debian 13
//! root that `tests/xr/setup-runtime.sh` prepares. A bot in the same drill watches the headset
//! participant's head over the network.
//!
//! It passes only if the session reaches focus, at least 300 frames are submitted, the bot sees
//! the head turn, the left eye's screenshot shows the container, and the client exits with 0.
//! Ignored in `cargo test`: it needs root (chroot) and the prepared runtime.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crossdock_protocol::Role;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::units;
use crossdock_render::{capture, scene};
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
    let mut bot = server.join(Role::Trainee, "Bot").await;
    std::fs::copy(&binary, root.join("usr/local/bin/crossdock-headset")).expect("the client goes into the root");
    std::fs::write(root.join("tmp/crossdock-invite.txt"), server.invite(Role::Trainee).to_string()).unwrap();
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
    let status =
        crossdock_tests::stand_until_exit(&mut bot, bot_pose, &mut headset.0, Duration::from_secs(300), |bot| {
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

    // The simulated head turns; the turn crossed the network to the bot.
    assert!(seen.len() >= 20, "the bot saw the headset's avatar only {} times", seen.len());
    // Angles from the first sample, a tenth of the run at a time: the head must move through
    // the run, well past the quantisation noise of the wire (about 0.3 degrees).
    let angles: Vec<f32> = seen.iter().map(|q| seen[0].angle_between(*q).to_degrees()).collect();
    let tenths: Vec<f32> =
        angles.chunks(angles.len().div_ceil(10)).map(|c| c.iter().sum::<f32>() / c.len() as f32).collect();
    let turned = angles.iter().cloned().fold(0.0f32, f32::max);
    println!(
        "the bot saw the headset's head {} times; mean turn from the first, by tenths of the run: {:.1?} degrees (max {turned:.1})",
        seen.len(),
        tenths
    );
    assert!(turned >= 3.0, "the head turned only {turned:.1} degrees as seen by the bot");
    let moving = tenths.windows(2).filter(|w| (w[1] - w[0]).abs() >= 0.5).count();
    assert!(moving >= tenths.len() / 2, "the head did not keep moving through the run: {tenths:.1?}");

    let shot = root.join("tmp/crossdock-left-eye.png");
    let (w, h, rgba) = capture::load_png(&shot).expect("the screenshot exists");
    let container = capture::share_of(&rgba, &[scene::CONTAINER, scene::DOORS], 0.55, 10.0);
    println!("screenshot {w}x{h}: container steel covers {:.1} % of the left eye", container * 100.0);
    assert!(container >= 0.15, "the container covers only {:.1} % of the screenshot", container * 100.0);
    std::fs::copy(&shot, out.join("headset-left-eye.png")).unwrap();
}
