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
use crossdock_render::capture;
use crossdock_tests::{TestServer, wait_for};
use glam::{Quat, Vec3};

fn env_path(name: &str) -> PathBuf {
    PathBuf::from(std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run tests/desktop/run.sh")))
}

/// Runs the desktop client as an observer with `view` until it exits, keeping `bot` posing in
/// the container meanwhile; returns the screenshot's pixels.
async fn observe(server: &TestServer, bot: &mut Client, view: &str, shot: &std::path::Path) -> Vec<u8> {
    let length = units::size(bot.core.mirror.container_mm).x;
    let head = QPose::new(Vec3::new(length - 2.5, 1.65, -0.3), Quat::from_rotation_y(1.2));
    let pose = AvatarPose {
        time: Default::default(),
        head,
        left: QPose::new(head.position() + Vec3::new(-0.1, -0.5, -0.25), Quat::IDENTITY),
        right: QPose::new(head.position() + Vec3::new(-0.1, -0.5, 0.25), Quat::IDENTITY),
    };
    observe_posed(server, bot, pose, view, shot).await
}

/// [`observe`], the bot holding `pose`.
async fn observe_posed(
    server: &TestServer,
    bot: &mut Client,
    pose: AvatarPose,
    view: &str,
    shot: &std::path::Path,
) -> Vec<u8> {
    let invite = server.invite(Role::Observer).to_string();
    let mut child = Command::new(env_path("CROSSDOCK_HEADSET_BIN"))
        .args(["desktop", "--invite", &invite, "--name", "Supervisor", "--view", view, "--screenshot"])
        .arg(shot)
        .args(["--after", "3", "--seconds", "4", "--size", "1280x720"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the desktop client starts");
    let status = crossdock_tests::stand_until_exit(bot, pose, &mut child, Duration::from_secs(120), |_| {}).await;
    let mut stdout = String::new();
    std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut stdout).unwrap();
    assert!(status.success(), "the desktop client failed: {status}");
    let report: serde_json::Value = serde_json::from_str(stdout.lines().last().expect("a report")).unwrap();
    println!("desktop report ({view}): {report}");
    assert_eq!(report["role"], "observer");
    // It kept drawing, not one frame for the screenshot (how many is the benchmarks' business:
    // a software rasteriser on a busy machine draws few).
    assert!(report["frames"].as_u64().unwrap() >= 3, "frames were drawn: {report}");
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
    let steel = capture::share_where(&follow, capture::not_sky);
    let trainee = capture::share_where(&follow, green_vest);
    println!("follow: container {:.1} %, the bot's avatar {:.2} %", steel * 100.0, trainee * 100.0);
    assert!(steel >= 0.3, "the container covers only {:.1} %", steel * 100.0);
    assert!(trainee >= 0.005, "the bot's avatar covers only {:.2} %", trainee * 100.0);

    let overview = observe(&server, &mut bot, "overview", &out.join("observer-overview.png")).await;
    let steel = capture::share_where(&overview, capture::blue_paint);
    let drawn = capture::share_where(&overview, capture::not_sky);
    let trainee = capture::share_where(&overview, green_vest);
    println!(
        "overview: blue paint {:.1} %, all but sky {:.1} %, the bot's avatar {:.2} %",
        steel * 100.0,
        drawn * 100.0,
        trainee * 100.0
    );
    assert!(steel >= 0.02 && drawn >= 0.2, "the container is in view from above");
    assert!(trainee > 0.0, "the bot is seen from above");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs an X display and Vulkan: run tests/desktop/run.sh"]
async fn a_window_over_a_trainees_shoulder_sees_their_ray_and_dot_on_the_false_wall() {
    use crossdock_protocol::{Hand, Intent};
    let out = std::env::var("CROSSDOCK_DESKTOP_OUT").map(PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    std::fs::create_dir_all(&out).unwrap();
    let server = TestServer::start_with(|c| c.scenario = "false-wall-20ft".into());
    let mut bot = server.join(Role::Trainee, "Somchai").await;
    // Standing 2 m from the false wall, the right hand aimed at its side weld, head level.
    let weld = Vec3::new(0.6, 1.6, 1.1);
    let hand = Vec3::new(2.5, 1.35, 0.45);
    let facing = Quat::from_rotation_y(1.45);
    let pose = AvatarPose {
        time: Default::default(),
        head: QPose::new(Vec3::new(2.75, 1.65, 0.3), facing),
        left: QPose::new(Vec3::new(2.6, 1.0, 0.1), facing),
        right: QPose::new(hand, Quat::from_rotation_arc(Vec3::NEG_Z, (weld - hand).normalize())),
    };
    assert!(crossdock_tests::place(&mut bot, pose).await);
    assert_eq!(crossdock_tests::act(&mut bot, Intent::Point { hand: Some(Hand::Right) }).await, Ok(()));
    let shot = out.join("pointing-over-the-shoulder.png");
    let rgba = observe_posed(&server, &mut bot, pose, "follow:Somchai", &shot).await;
    // The ray and the dot are unlit: their colour as the window's sRGB shows it.
    let srgb = |c: u8| {
        let c = f32::from(c) / 255.0;
        let e = if c <= 0.0031308 { c * 12.92 } else { 1.055 * c.powf(1.0 / 2.4) - 0.055 };
        (e * 255.0).round() as i32
    };
    let own = crossdock_client::view::participant_colour(bot.core.me()).map(srgb);
    let theirs = |[r, g, b]: [u8; 3]| {
        let d = |a: u8, b: i32| (i32::from(a) - b).abs();
        d(r, own[0]) + d(g, own[1]) + d(b, own[2]) < 30
    };
    let share = capture::share_where(&rgba, theirs);
    // The same view once they stop pointing: the ray and the dot are what goes.
    assert_eq!(crossdock_tests::act(&mut bot, Intent::Point { hand: None }).await, Ok(()));
    let after = observe_posed(&server, &mut bot, pose, "follow:Somchai", &out.join("stopped-pointing.png")).await;
    let left = capture::share_where(&after, theirs);
    println!(
        "the pointer's unlit colour on {:.3} % of the window while pointing, {:.3} % after",
        share * 100.0,
        left * 100.0
    );
    assert!(share >= 0.0001, "the ray and the dot show in the pointer's colour: {:.4} %", share * 100.0);
    assert!(left < share / 3.0, "and go when they stop: {:.4} % left", left * 100.0);
}

/// Whether a pixel shows a trainee's green vest, however lit (in a dim container too): green
/// well above red and blue in proportion.
fn green_vest([r, g, b]: [u8; 3]) -> bool {
    let [r, g, b] = [r, g, b].map(f32::from);
    g > r * 1.4 + 10.0 && g > b * 1.2 + 8.0
}

/// The share of `rect`'s pixels (in a `width`-wide RGBA image) that are ink: brighter than the
/// dark plate behind the text.
fn ink(rgba: &[u8], width: u32, rect: egui::Rect) -> f32 {
    let (x0, y0) = (rect.min.x.max(0.0) as u32, rect.min.y.max(0.0) as u32);
    let (x1, y1) = (rect.max.x as u32, rect.max.y as u32);
    let (mut lit, mut all) = (0u32, 0u32);
    for y in y0..y1 {
        for x in x0..x1.min(width) {
            let i = ((y * width + x) * 4) as usize;
            if let Some(px) = rgba.get(i..i + 3) {
                all += 1;
                if px.iter().copied().max().unwrap_or(0) > 110 {
                    lit += 1;
                }
            }
        }
    }
    lit as f32 / all.max(1) as f32
}

#[test]
#[ignore = "needs Vulkan: run tests/desktop/run.sh"]
fn name_plates_and_panel_rows_show_every_script_in_ink_and_never_as_boxes() {
    use crossdock_render::overlay::Overlay;
    use crossdock_tests::class;
    use crossdock_ui::{panel, plates};

    let (device, queue, _) = class::offscreen_device();
    let format = wgpu::TextureFormat::Rgba8Unorm;
    let size = (1600, 900);
    let mut overlay = Overlay::new(&device, format);
    // A character no font of ours or of the system has would panic here instead of drawing a box.
    overlay.ctx.set_missing_glyph_policy(egui::epaint::text::MissingGlyphPolicy::Panic);
    let words = crossdock_ui::i18n::words("en");
    let out = std::env::var("CROSSDOCK_DESKTOP_OUT").map(PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    std::fs::create_dir_all(&out).unwrap();

    // The five trainees in a row, three metres ahead.
    let scene = class::scene(3.0);
    let tags = plates::tags(&scene, &words);
    let view_proj = class::view_proj((0.6f32.tan() * 16.0 / 9.0).atan(), 0.6, 0.0);
    let (output, placed) = plates::tags_pass(&overlay.ctx, size, 1.0, view_proj, scene.viewer, &tags);
    let rgba = capture::render_rgba(&device, &queue, format, size, |target| {
        overlay.paint(&device, &queue, target, size, output);
    })
    .expect("rendered");
    capture::save_png(&out.join("name-plates.png"), size, &rgba).unwrap();
    let people: Vec<&plates::Placed> =
        placed.iter().filter(|p| matches!(tags[p.tag].kind, plates::Kind::Person { .. })).collect();
    assert_eq!(people.len(), scene.avatars.len(), "every plate is on screen");
    for p in people {
        let text_area = egui::Rect::from_min_max(p.rect.min + egui::vec2(8.0, 2.0), p.rect.max - egui::vec2(2.0, 2.0));
        let share = ink(&rgba, size.0, text_area);
        println!("plate {:?}: ink {:.1} %", tags[p.tag].lines[0].0, share * 100.0);
        assert!(
            (0.04..0.6).contains(&share),
            "{:?}: ink covers {:.1} % of its plate",
            tags[p.tag].lines[0].0,
            share * 100.0
        );
    }

    // The same names as rows of the side panel.
    let class = class::panel(Role::Observer);
    let input = panel::PanelInput {
        panel: &class,
        voice: panel::VoiceView::default(),
        view: "overview".into(),
        following: None,
        notices: &[],
        now: std::time::Instant::now(),
    };
    let mut map = panel::UiMap::new();
    let mut state = panel::PanelState::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size.0 as f32, size.1 as f32));
    let raw = egui::RawInput { screen_rect: Some(screen), ..Default::default() };
    let output = overlay.ctx.run_ui(raw, |ui| {
        egui::Panel::right("class").exact_size(500.0).show(ui, |ui| {
            panel::show(ui, &words, &input, &mut state, &mut map);
        });
    });
    let rgba = capture::render_rgba(&device, &queue, format, size, |target| {
        overlay.paint(&device, &queue, target, size, output);
    })
    .expect("rendered");
    capture::save_png(&out.join("panel-rows.png"), size, &rgba).unwrap();
    for row in &class.people {
        let (_, rect) = map.iter().find(|(n, _)| *n == format!("person:{}", row.id.0)).expect("a row for everyone");
        let share = ink(&rgba, size.0, rect.shrink(1.0));
        println!("panel row {:?}: ink {:.1} %", row.name, share * 100.0);
        assert!((0.04..0.6).contains(&share), "{:?}: ink covers {:.1} % of its row", row.name, share * 100.0);
    }
}

/// The panel's controls as the window last wrote them (`--ui-map`): name → rect in pixels.
fn ui_map(path: &std::path::Path) -> std::collections::HashMap<String, [f32; 4]> {
    let Ok(text) = std::fs::read_to_string(path) else { return Default::default() };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else { return Default::default() };
    json["controls"]
        .as_object()
        .map(|c| {
            c.iter()
                .filter_map(|(k, v)| {
                    let r: Vec<f32> = v.as_array()?.iter().filter_map(|x| x.as_f64().map(|x| x as f32)).collect();
                    Some((k.clone(), [*r.first()?, *r.get(1)?, *r.get(2)?, *r.get(3)?]))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Pumps `bot` until the window's UI map has `control`, then clicks its middle with xdotool
/// (a real pointer event through the X server).
async fn click(bot: &mut Client, map: &std::path::Path, control: &str) {
    let mut found = None;
    let ok = wait_for(bot, Duration::from_secs(60), |_| {
        found = ui_map(map).get(control).copied();
        found.is_some()
    })
    .await;
    let [x0, y0, x1, y1] = found.filter(|_| ok).unwrap_or_else(|| panic!("the panel never showed {control}"));
    let (x, y) = (((x0 + x1) / 2.0) as i32, ((y0 + y1) / 2.0) as i32);
    xdotool(&["mousemove", "--window", &window(), &x.to_string(), &y.to_string(), "sleep", "0.2", "click", "1"]);
}

/// The window's X id.
fn window() -> String {
    let window =
        Command::new("xdotool").args(["search", "--sync", "--name", "^Crossdock$"]).output().expect("xdotool runs");
    String::from_utf8_lossy(&window.stdout).lines().last().expect("the window is found").to_owned()
}

/// Runs xdotool (real input events through the X server).
fn xdotool(args: &[&str]) {
    let status = Command::new("xdotool").args(args).status().expect("xdotool runs");
    assert!(status.success(), "xdotool {args:?} failed");
}

/// Waits, pumping `bot`, until `done` holds; the window must still be running.
async fn until(bot: &mut Client, child: &mut std::process::Child, what: &str, done: impl FnMut(&mut Client) -> bool) {
    let ok = wait_for(bot, Duration::from_secs(30), done).await;
    assert!(child.try_wait().expect("waitable").is_none(), "the window closed before {what}");
    assert!(ok, "the bot never saw {what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs an X display, Vulkan and xdotool: run tests/desktop/run.sh"]
async fn an_instructor_mutes_judges_and_switches_from_the_panel_and_an_observer_gets_no_controls() {
    use crossdock_protocol::Intent;
    use crossdock_protocol::drill::{Category, FindingStatus};
    use crossdock_tests::act;

    let out = std::env::var("CROSSDOCK_DESKTOP_OUT").map(PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    std::fs::create_dir_all(&out).unwrap();
    let server = TestServer::start();
    let mut bot = server.join(Role::Trainee, "김민준").await;
    let me = bot.core.me();
    let finding = Intent::MarkFinding { place: [1_000, 1_200, 0], category: Category::FalseWall, evidence: vec![] };
    assert_eq!(act(&mut bot, finding).await, Ok(()), "the trainee marks a finding to judge");

    let map = out.join("instructor-ui.json");
    let _ = std::fs::remove_file(&map);
    let invite = server.invite(Role::Instructor).to_string();
    let mut child = Command::new(env_path("CROSSDOCK_HEADSET_BIN"))
        .args(["desktop", "--invite", &invite, "--name", "Instructor", "--language", "en", "--seconds", "120"])
        .args(["--size", "1600x900", "--ui-map"])
        .arg(&map)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the desktop client starts");

    // Mute the trainee: open their row, then their mute button.
    click(&mut bot, &map, &format!("person:{}", me.0)).await;
    click(&mut bot, &map, &format!("mute:{}", me.0)).await;
    until(&mut bot, &mut child, "the mute", |c| c.core.mirror.drill.flags.get(&me).is_some_and(|f| f.muted)).await;
    // Make them the Korean interpreter.
    click(&mut bot, &map, &format!("interpret:{}:ko", me.0)).await;
    let interpreting =
        |c: &mut Client| c.core.mirror.drill.flags.get(&me).is_some_and(|f| f.interprets.as_deref() == Some("ko"));
    until(&mut bot, &mut child, "the interpreter", interpreting).await;
    // Close their row again: the controls below move back into the window.
    click(&mut bot, &map, &format!("person:{}", me.0)).await;
    let closed =
        wait_for(&mut bot, Duration::from_secs(30), |_| !ui_map(&map).contains_key(&format!("mute:{}", me.0))).await;
    assert!(closed, "the row's controls close");
    // Judge the finding.
    click(&mut bot, &map, "confirm:1").await;
    let confirmed =
        |c: &mut Client| c.core.mirror.drill.findings.get(&1).is_some_and(|f| f.status == FindingStatus::Confirmed);
    until(&mut bot, &mut child, "the judgement", confirmed).await;
    // Bookmark the moment for the debrief.
    click(&mut bot, &map, "bookmark").await;
    let marked = wait_for(&mut bot, Duration::from_secs(30), |_| !server.report().bookmarks.is_empty()).await;
    assert!(marked, "the bookmark reached the log");
    // The phrase wheel: L opens it in the middle of the scene's part of the window (left of the
    // panel); the mouse straight up from there, a click: "look here", heard by the trainee.
    let panel_left = ui_map(&map).values().map(|r| r[0]).fold(f32::MAX, f32::min) - 9.0;
    let (x, y) = ((panel_left / 2.0) as i32, 450 - 130);
    let window = window();
    xdotool(&["windowfocus", "--sync", &window]);
    xdotool(&["key", "--window", &window, "l"]);
    xdotool(&["mousemove", "--window", &window, &x.to_string(), &y.to_string(), "sleep", "0.3", "click", "1"]);
    let look_here = crossdock_protocol::phrase::Phrase::Book("look-here".into());
    until(&mut bot, &mut child, "the phrase from the wheel", |c| {
        c.core.mirror.drill.said.iter().any(|s| s.phrase == look_here)
    })
    .await;
    // Switch the scenario: pick one, then switch.
    let other = "clean-20ft";
    click(&mut bot, &map, &format!("scenario:{other}")).await;
    click(&mut bot, &map, "switch-scenario").await;
    until(&mut bot, &mut child, "the new scenario", |c| c.core.mirror.drill.state.scenario == other).await;
    child.kill().ok();
    child.wait().ok();

    // An observer's panel lists the class and offers none of it, but the channels: they listen
    // to the Korean interpreter.
    let map = out.join("observer-ui.json");
    let shot = out.join("interpreter-channels.png");
    let _ = std::fs::remove_file(&map);
    let _ = std::fs::remove_file(&shot);
    let invite = server.invite(Role::Observer).to_string();
    let mut child = Command::new(env_path("CROSSDOCK_HEADSET_BIN"))
        .args(["desktop", "--invite", &invite, "--name", "Observer", "--language", "ko", "--seconds", "60"])
        .args(["--size", "1600x900", "--screenshot"])
        .arg(&shot)
        .args(["--after", "20", "--ui-map"])
        .arg(&map)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the desktop client starts");
    let row = format!("person:{}", me.0);
    let listed = wait_for(&mut bot, Duration::from_secs(60), |_| ui_map(&map).contains_key(&row)).await;
    assert!(listed, "the observer's panel lists the trainee");
    click(&mut bot, &map, "channel:ko").await;
    let on_channel = |c: &mut Client| c.core.mirror.drill.flags.values().any(|f| f.channel.as_deref() == Some("ko"));
    until(&mut bot, &mut child, "the observer on the Korean channel", on_channel).await;
    until(&mut bot, &mut child, "the screenshot of the channels", |_| capture::load_png(&shot).is_ok()).await;
    child.kill().ok();
    child.wait().ok();
    let controls = ui_map(&map);
    let forbidden: Vec<&String> = controls
        .keys()
        .filter(|k| {
            ["mute:", "freeze:", "confirm:", "reject:", "remove:", "scenario:", "lock-tool:", "interpret:"]
                .iter()
                .any(|p| k.starts_with(p))
                || ["switch-scenario", "pause", "reset", "reveal", "end-drill", "mute-all", "rerandomise", "bookmark"]
                    .contains(&k.as_str())
        })
        .collect();
    assert!(forbidden.is_empty(), "an observer is offered {forbidden:?}");
    // Clicking a row still follows them (a view, not a command).
    assert!(controls.contains_key("view-overview"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs an X display, Vulkan and xdotool: run tests/desktop/run.sh"]
async fn an_instructor_opens_a_debrief_by_deep_link_and_drives_its_clock_from_the_panel() {
    use crossdock_protocol::Intent;
    use crossdock_protocol::drill::Command as Drill;
    use crossdock_tests::{act, avatar, place};

    let out = std::env::var("CROSSDOCK_DESKTOP_OUT").map(PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    std::fs::create_dir_all(&out).unwrap();
    let server = TestServer::start();
    let mut bot = server.join(Role::Trainee, "김민준").await;
    let mut instructor = server.join(Role::Instructor, "Lead").await;
    // The trainee walks down the container for a few seconds; then the drill ends.
    for step in 0..30 {
        let at = Vec3::new(5.0 - 0.12 * step as f32, 1.6, 0.3);
        assert!(place(&mut bot, avatar(at, at - Vec3::Y * 0.5, at - Vec3::Y * 0.4)).await);
        wait_for(&mut bot, Duration::from_millis(100), |_| false).await;
    }
    let note = "ดูตรงนี้".to_owned();
    assert_eq!(act(&mut instructor, Intent::Instruct(Drill::Bookmark { note })).await, Ok(()));
    assert_eq!(act(&mut instructor, Intent::Instruct(Drill::EndDrill)).await, Ok(()));

    // `--debrief 0 --at 0:02 --follow NAME`: the window opens the drill that just ended, moves
    // its clock to two seconds in, and rides along with the ghost.
    let map = out.join("debrief-ui.json");
    let shot = out.join("debrief.png");
    let _ = std::fs::remove_file(&map);
    let invite = server.invite(Role::Instructor).to_string();
    let mut child = Command::new(env_path("CROSSDOCK_HEADSET_BIN"))
        .args(["desktop", "--invite", &invite, "--name", "Instructor", "--language", "en", "--seconds", "120"])
        .args(["--debrief", "0", "--at", "0:02", "--follow", "김민준", "--size", "1600x900", "--ui-map"])
        .arg(&map)
        .arg("--screenshot")
        .arg(&shot)
        .args(["--after", "3"])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the desktop client starts");
    let at = |c: &Client| c.core.debrief.as_ref().map(|d| (d.at_ms, d.quarters, d.playing));
    until(&mut bot, &mut child, "the deep link", |c| at(c).is_some_and(|(ms, _, _)| ms == 2_000)).await;
    until(&mut bot, &mut child, "the screenshot", |_| capture::load_png(&shot).is_ok()).await;
    // The panel's controls drive everyone's clock.
    click(&mut bot, &map, "debrief-forward").await;
    until(&mut bot, &mut child, "a step", |c| at(c).is_some_and(|(ms, _, _)| ms == 2_100)).await;
    click(&mut bot, &map, "debrief-speed:8").await;
    until(&mut bot, &mut child, "2x", |c| at(c).is_some_and(|(_, q, _)| q == 8)).await;
    click(&mut bot, &map, "debrief-play").await;
    until(&mut bot, &mut child, "play", |c| at(c).is_some_and(|(ms, _, _)| ms > 2_100)).await;
    click(&mut bot, &map, "debrief-close").await;
    until(&mut bot, &mut child, "the close", |c| c.core.debrief.is_none()).await;
    child.kill().ok();
    child.wait().ok();
    let (w, h, rgba) = capture::load_png(&shot).expect("the debrief's screenshot");
    assert_eq!((w, h), (1600, 900));
    let drawn = capture::share_where(&rgba, capture::not_sky);
    println!("debrief: all but sky {:.1} %", drawn * 100.0);
    assert!(drawn >= 0.3, "the recorded container is in view");
    let controls = ui_map(&map);
    for control in ["debrief-timeline", "debrief-previous", "debrief-next", "debrief-back", "marker:0"] {
        assert!(controls.contains_key(control), "the panel offers {control}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs an X display, Vulkan and xdotool: run tests/desktop/run.sh"]
async fn a_trainee_chooses_which_container_to_examine_from_the_panel_in_thai() {
    let out = std::env::var("CROSSDOCK_DESKTOP_OUT").map(PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    std::fs::create_dir_all(&out).unwrap();
    let server = TestServer::start_with(|c| c.scenario = "pallet-core-40ft".into());
    let mut instructor = server.join(Role::Instructor, "Siti").await;
    assert!(instructor.core.mirror.drill.state.risk_open, "the drill opens with the risk assessment");

    // The class follows the library's curriculum (the console's class tab sets it): the
    // learner's panel shows where they stand.
    let token = server.invite(Role::Instructor).token;
    let mut console = crossdock_tests::console::Console::open(&server.server, &token, "th").await.unwrap();
    let follow = crossdock_protocol::console::ConsoleUp::Follow { curriculum: Some("container-examination".into()) };
    console.send(&follow).await.unwrap();
    let followed = console
        .until(Duration::from_secs(30), |d| match d {
            crossdock_protocol::console::ConsoleDown::Class(c) => Some(c),
            _ => None,
        })
        .await
        .unwrap();
    assert_eq!(followed.following.as_deref(), Some("container-examination"));

    let (map, shot) = (out.join("risk-ui.json"), out.join("risk-assessment-th.png"));
    let _ = std::fs::remove_file(&map);
    let _ = std::fs::remove_file(&shot);
    let invite = server.personal_invite(Role::Trainee, "TH-0042", "สมชาย ใจดี", "TH", "th").to_string();
    let mut child = Command::new(env_path("CROSSDOCK_HEADSET_BIN"))
        .args(["desktop", "--invite", &invite, "--name", "สมชาย ใจดี", "--language", "th", "--seconds", "90"])
        .args(["--size", "1600x900", "--view", "overview", "--after", "6", "--ui-map"])
        .arg(&map)
        .arg("--screenshot")
        .arg(&shot)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the desktop client starts");
    // The papers, first in the panel while the stage runs, before anything is ticked.
    until(&mut instructor, &mut child, "the screenshot", |_| capture::load_png(&shot).is_ok()).await;

    let stands = wait_for(&mut instructor, Duration::from_secs(30), |_| ui_map(&map).contains_key("standing")).await;
    assert!(stands, "the learner's panel shows where they stand");
    // Tick two signs, then choose the first container whose button is in the window.
    for sign in ["route", "parties"] {
        click(&mut instructor, &map, &format!("sign:{sign}")).await;
        let ticked = wait_for(&mut instructor, Duration::from_secs(30), |_| {
            ui_map(&map).contains_key(&format!("ticked:{sign}"))
        })
        .await;
        assert!(ticked, "the click ticked {sign}");
    }
    let controls = ui_map(&map);
    let (choice, _) = controls
        .iter()
        .filter(|(name, r)| name.starts_with("choose:") && r[3] < 900.0)
        .min_by_key(|(name, _)| name.to_owned())
        .expect("a choose button in the window");
    let number: u32 = choice.trim_start_matches("choose:").parse().unwrap();
    click(&mut instructor, &map, choice).await;
    until(&mut instructor, &mut child, "the choice", |c| !c.core.mirror.drill.state.risk_open).await;
    let gone = wait_for(&mut instructor, Duration::from_secs(30), |_| !ui_map(&map).contains_key("sign:route")).await;
    assert!(gone, "once chosen, the panel offers no second choice");
    child.kill().ok();
    child.wait().ok();

    // Back in the room as the same learner, once the stage is over: where they stand, near the top.
    let shot = out.join("standing-th.png");
    let _ = std::fs::remove_file(&shot);
    let mut child = Command::new(env_path("CROSSDOCK_HEADSET_BIN"))
        .args(["desktop", "--invite", &invite, "--name", "สมชาย ใจดี", "--language", "th", "--seconds", "60"])
        .args(["--size", "1600x900", "--view", "overview", "--after", "5", "--screenshot"])
        .arg(&shot)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the desktop client starts again");
    until(&mut instructor, &mut child, "the standing's screenshot", |_| capture::load_png(&shot).is_ok()).await;
    child.kill().ok();
    child.wait().ok();

    let report = server.report();
    let risk = report.trainees[0].risk.clone().expect("the choice is in the report");
    assert_eq!(risk.chosen, number);
    assert_eq!(risk.cited, vec!["route".to_owned(), "parties".to_owned()], "the ticked signs, in wire order");
}
