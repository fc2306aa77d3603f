//! The container's art, checked from rendered pixels: the numbers a trainee must read are
//! legible to an OCR engine (tesseract, from Debian), and the evidence a scenario describes is
//! drawn where it is and nowhere else. Run by `tests/art/run.sh`, which installs tesseract.

use std::path::{Path, PathBuf};
use std::process::Command;

use crossdock_render::{Renderer, capture};
use crossdock_tests::art::{Shot, crowd, render, scene_of, with_people};
use crossdock_tests::class::offscreen_device;

fn out_dir() -> PathBuf {
    let out = std::env::var("CROSSDOCK_ART_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join("crossdock-art"));
    std::fs::create_dir_all(&out).unwrap();
    out
}

/// What tesseract reads in `png`, upper-cased with everything but letters and digits removed:
/// its readings with automatic layout, as one block, and as sparse text, one after the other
/// (each layout reads some pictures that another misses).
fn ocr(png: &Path) -> String {
    let mut all = String::new();
    for psm in ["3", "6", "11"] {
        let output = Command::new("tesseract")
            .arg(png)
            .arg("stdout")
            .args(["--psm", psm])
            .output()
            .expect("tesseract runs (tests/art/run.sh installs it)");
        assert!(output.status.success(), "tesseract failed: {}", String::from_utf8_lossy(&output.stderr));
        let text = String::from_utf8_lossy(&output.stdout);
        println!("{} (layout {psm}): {:?}", png.display(), text.split_whitespace().collect::<Vec<_>>());
        all.push_str(&compact(&text));
        all.push('|');
    }
    all
}

fn compact(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_uppercase()
}

#[test]
#[ignore = "needs tesseract and Vulkan: run tests/art/run.sh"]
fn the_container_number_and_the_seal_number_read_back_from_the_picture() {
    let (device, queue, adapter) = offscreen_device();
    println!("rendering on {adapter}");
    let mut renderer = Renderer::new(&device, wgpu::TextureFormat::Rgba8UnormSrgb);
    let out = out_dir();
    for name in ["false-wall-20ft", "swapped-seal-reefer", "misdeclared-40hc"] {
        let scene = scene_of(name, false);
        let shot = Shot::door_end(&scene);
        let path = out.join(format!("{name}-door-end.png"));
        capture::save_png(&path, shot.size, &render(&device, &queue, &mut renderer, &scene, &shot)).unwrap();
        let number = compact(&scene.look.number);
        assert!(
            ocr(&path).contains(&number),
            "{name}: the container number {number} is not legible in {}",
            path.display()
        );

        // As an officer checks a seal: at arm's length, in the flashlight's beam.
        let shot = Shot::seal(&scene);
        let mut lit = scene.clone();
        lit.flashlight = Some((shot.eye, (shot.target - shot.eye).normalize()));
        let path = out.join(format!("{name}-seal.png"));
        capture::save_png(&path, shot.size, &render(&device, &queue, &mut renderer, &lit, &shot)).unwrap();
        let seal = compact(scene.seal_number.as_deref().unwrap());
        assert!(ocr(&path).contains(&seal), "{name}: the seal number {seal} is not legible in {}", path.display());
    }
}

/// Whether a pixel shows a weld's heat tint: purple, red and blue both well above green
/// (nothing else in a container is that colour).
fn heat_tint([r, g, b]: [u8; 3]) -> bool {
    i16::from(r) > i16::from(g) + 25 && i16::from(b) > i16::from(g) + 40
}

#[test]
#[ignore = "needs Vulkan: run tests/art/run.sh"]
fn a_false_walls_welds_show_and_a_clean_front_wall_has_none() {
    let (device, queue, _) = offscreen_device();
    let mut renderer = Renderer::new(&device, wgpu::TextureFormat::Rgba8UnormSrgb);
    let out = out_dir();
    let mut shares = Vec::new();
    for name in ["false-wall-20ft", "clean-20ft"] {
        let mut scene = scene_of(name, true);
        scene.items.clear();
        let shot = Shot::front_wall(&scene);
        let rgba = render(&device, &queue, &mut renderer, &scene, &shot);
        capture::save_png(&out.join(format!("{name}-front-wall.png")), shot.size, &rgba).unwrap();
        let share = capture::share_where(&rgba, heat_tint);
        println!("{name}: heat tint on {:.3} % of the front wall picture", share * 100.0);
        shares.push(share);
    }
    assert!(shares[0] >= 0.002, "the false wall's welds are not to be seen: {:.4} %", shares[0] * 100.0);
    assert!(shares[1] < 0.0002, "the clean container shows heat tint: {:.4} %", shares[1] * 100.0);
}

/// What tesseract reads in `png` in `language` (`tha`, `kor`, `chi_sim`, `vie`), as one line,
/// whitespace removed: one script per pass reads each best.
fn ocr_in(png: &Path, language: &str) -> String {
    let output = Command::new("tesseract")
        .arg(png)
        .arg("stdout")
        .args(["-l", language, "--psm", "7"])
        .output()
        .expect("tesseract runs (tests/art/run.sh installs it and its languages)");
    assert!(output.status.success(), "tesseract failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The share of `expected`'s characters that `read` has in the same order (a longest common
/// subsequence over the expected length): 1.0 when every character came back.
fn read_share(expected: &str, read: &str) -> f32 {
    let (a, b): (Vec<char>, Vec<char>) = (expected.chars().collect(), read.chars().collect());
    let mut row = vec![0usize; b.len() + 1];
    for ca in &a {
        let mut diagonal = 0;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb { diagonal + 1 } else { row[j + 1].max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()] as f32 / a.len().max(1) as f32
}

#[test]
#[ignore = "needs tesseract and Vulkan: run tests/art/run.sh"]
fn a_phrase_over_a_trainee_reads_back_in_thai_korean_chinese_and_vietnamese() {
    use crossdock_client::view::SceneSaid;
    use crossdock_protocol::phrase::Phrase;
    use crossdock_render::overlay::Overlay;
    use crossdock_tests::class;
    use crossdock_ui::plates;

    let (device, queue, _) = offscreen_device();
    let format = wgpu::TextureFormat::Rgba8UnormSrgb;
    let mut renderer = Renderer::new(&device, format);
    let mut overlay = Overlay::new(&device, format);
    let out = out_dir();
    // A trainee two metres ahead says "fresh welds"; four readers, four scripts.
    let mut scene = class::scene(2.0);
    let speaker = scene.avatars[1].clone();
    let phrase = Phrase::Book("fresh-welds".into());
    scene.said = vec![SceneSaid {
        by: speaker.id,
        phrase: phrase.clone(),
        own: None,
        over: Some(speaker.frame.head.position),
        at: None,
    }];
    let size = (800, 450);
    let view_proj = class::view_proj((0.6f32.tan() * 16.0 / 9.0).atan(), 0.6, 0.0);
    let mut grid = vec![0u8; 4 * 1600 * 900];
    for (n, (language, tesseract)) in
        [("th", "tha"), ("ko", "kor"), ("zh-Hans", "chi_sim"), ("vi", "vie")].into_iter().enumerate()
    {
        let words = crossdock_ui::i18n::words(language);
        let expected = words.get(&phrase.key().unwrap());
        let tags = plates::tags(&scene, &words);
        // The picture as the reader sees it, for the docs' grid.
        let boxes = renderer.prepare(&scene);
        let (output, placed) = plates::tags_pass(&overlay.ctx, size, 1.0, view_proj, scene.viewer, &tags);
        let rgba = capture::render_rgba(&device, &queue, format, size, |target| {
            renderer.draw(&device, &queue, target, size, &[crossdock_render::Layer { view_proj, instances: &boxes }]);
            overlay.paint(&device, &queue, target, size, output);
        })
        .expect("rendered");
        let (gx, gy) = ((n % 2) * 800, (n / 2) * 450);
        for y in 0..450 {
            let from = y * 800 * 4;
            let to = ((gy + y) * 1600 + gx) * 4;
            grid[to..to + 800 * 4].copy_from_slice(&rgba[from..from + 800 * 4]);
        }
        // The bubble alone, three times the size, dark text on light, as OCR reads best.
        let bubble = placed.iter().find(|p| tags[p.tag].kind == plates::Kind::Said).expect("the phrase is on screen");
        let (ppp, zoom) = (3.0, 3.0);
        let big = ((size.0 as f32 * zoom) as u32, (size.1 as f32 * zoom) as u32);
        let said: Vec<plates::Tag> = tags.iter().filter(|t| t.kind == plates::Kind::Said).cloned().collect();
        let (output, _) = plates::tags_pass(&overlay.ctx, big, ppp, view_proj, scene.viewer, &said);
        let rgba = capture::render_rgba(&device, &queue, format, big, |target| {
            overlay.paint(&device, &queue, target, big, output);
        })
        .expect("rendered");
        let rect = bubble.rect;
        let (x0, y0) = (((rect.min.x + 8.0) * zoom) as u32, (rect.min.y * zoom) as u32);
        let (x1, y1) = (((rect.max.x) * zoom) as u32, (rect.max.y * zoom) as u32);
        let (w, h) = (x1.saturating_sub(x0).max(1), y1.saturating_sub(y0).max(1));
        let mut crop = Vec::with_capacity((w * h * 4) as usize);
        for y in y0..y0 + h {
            for x in x0..x0 + w {
                let i = ((y.min(big.1 - 1) * big.0 + x.min(big.0 - 1)) * 4) as usize;
                let light = rgba[i].max(rgba[i + 1]).max(rgba[i + 2]);
                crop.extend_from_slice(&[255 - light, 255 - light, 255 - light, 255]);
            }
        }
        let path = out.join(format!("phrase-{language}.png"));
        capture::save_png(&path, (w, h), &crop).unwrap();
        let read = ocr_in(&path, tesseract);
        let want: String = expected.chars().filter(|c| !c.is_whitespace()).collect();
        let share = read_share(&want, &read);
        println!("{language}: said {expected:?}, read {read:?} ({:.0} % of it)", share * 100.0);
        assert!(share >= 0.8, "{language}: the phrase {expected:?} reads back as {read:?}");
    }
    capture::save_png(&out.join("phrase-four-scripts.png"), (1600, 900), &grid).unwrap();
}

/// Whether a pixel is near `rgb` (0..1, linear as the instance has it, the picture sRGB).
fn near(pixel: [u8; 3], rgb: [f32; 3]) -> bool {
    let srgb = |c: f32| if c <= 0.0031308 { c * 12.92 } else { 1.055 * c.powf(1.0 / 2.4) - 0.055 } * 255.0;
    pixel.iter().zip(rgb).all(|(p, c)| (f32::from(*p) - srgb(c)).abs() < 40.0)
}

#[test]
#[ignore = "needs Vulkan: run tests/art/run.sh"]
fn people_point_at_the_weld_stand_as_a_class_and_come_back_as_ghosts() {
    use crossdock_client::interp::Pose;
    use crossdock_client::view::{Cues, HandShape};
    use crossdock_protocol::{Hand, ParticipantId};
    use glam::{Quat, Vec3};

    let (device, queue, _) = offscreen_device();
    let mut renderer = Renderer::new(&device, wgpu::TextureFormat::Rgba8UnormSrgb);
    let out = out_dir();

    // A trainee points at the false wall's side weld; another trainee sees it from behind.
    let mut scene = with_people(scene_of("false-wall-20ft", true));
    scene.items.clear();
    let weld = Vec3::new(0.6, 1.5, 1.15);
    let hand = Vec3::new(2.35, 1.35, 0.55);
    let toward = Quat::from_rotation_arc(Vec3::NEG_Z, (weld - hand).normalize());
    let pointer = &mut scene.avatars[1];
    pointer.frame.head = Pose { position: Vec3::new(2.6, 1.62, 0.35), rotation: Quat::from_rotation_y(1.35) };
    pointer.frame.right = Pose { position: hand, rotation: toward };
    pointer.frame.left = Pose { position: Vec3::new(2.45, 0.95, 0.15), rotation: Quat::from_rotation_y(1.35) };
    pointer.cues = Cues { pointing: Some(Hand::Right), hands: [HandShape::Open, HandShape::Point], ..Cues::default() };
    // The instructor further in, by the other wall, hands at rest.
    let facing = Quat::from_rotation_y(1.75);
    let at = Vec3::new(1.9, 1.7, -0.7);
    scene.avatars[0].frame.head = Pose { position: at, rotation: facing };
    scene.avatars[0].frame.left = Pose { position: at + facing * Vec3::new(-0.22, -0.62, -0.12), rotation: facing };
    scene.avatars[0].frame.right = Pose { position: at + facing * Vec3::new(0.22, -0.62, -0.12), rotation: facing };
    scene.aim_pointers();
    let dot = scene.avatars[1].cues.points_at.expect("the ray meets the false wall");
    assert!((dot.x - 0.6).abs() < 1e-3 && dot.distance(weld) < 0.05, "the dot at the weld: {dot}");
    let eye = Vec3::new(4.2, 1.7, -0.75);
    let shot = Shot { eye, target: Vec3::new(1.2, 1.4, 0.6), fov_y: 0.9, size: (1280, 800) };
    let rgba = render(&device, &queue, &mut renderer, &scene, &shot);
    capture::save_png(&out.join("pointing-at-the-weld.png"), shot.size, &rgba).unwrap();
    // The dot shows in the pointer's colour where the ray meets the wall.
    let clip = shot.view_proj().project_point3(dot);
    let (x, y) = (((clip.x + 1.0) / 2.0 * 1280.0) as usize, ((1.0 - clip.y) / 2.0 * 800.0) as usize);
    let own = crossdock_client::view::participant_colour(ParticipantId(2)).map(|c| f32::from(c) / 255.0);
    let at = |x: usize, y: usize| {
        let i = (y * 1280 + x) * 4;
        [rgba[i], rgba[i + 1], rgba[i + 2]]
    };
    let seen =
        (x - 2..=x + 2).flat_map(|x| (y - 2..=y + 2).map(move |y| (x, y))).filter(|(x, y)| near(at(*x, *y), own));
    assert!(seen.count() >= 5, "the dot in the pointer's colour at ({x}, {y}): {:?}", at(x, y));

    // A class of six facing the doors, seen from the doorway.
    let class = crowd(scene_of("false-wall-20ft", true), 6, false);
    let mut class = class;
    class.items.clear();
    let s = crossdock_protocol::units::size(class.container_mm);
    let shot = Shot {
        eye: Vec3::new(s.x + 1.6, 1.75, 0.9),
        target: Vec3::new(s.x - 2.0, 1.2, 0.0),
        fov_y: 0.95,
        size: (1280, 800),
    };
    let rgba = render(&device, &queue, &mut renderer, &class, &shot);
    capture::save_png(&out.join("class-of-six.png"), shot.size, &rgba).unwrap();
    let green = |[r, g, b]: [u8; 3]| {
        let (r, g, b) = (f32::from(r), f32::from(g), f32::from(b));
        g > 50.0 && g > r * 1.5 && g > b * 1.3
    };
    let vests = capture::share_where(&rgba, green);
    println!("trainee vests on {:.2} % of the class picture", vests * 100.0);
    assert!(vests > 0.01, "five trainees' vests show: {:.3} %", vests * 100.0);

    // A debrief: the recorded class as ghosts, the live instructor among them.
    let mut debrief = crowd(scene_of("false-wall-20ft", true), 6, false);
    debrief.items.clear();
    for ghost in &mut debrief.avatars[1..] {
        ghost.ghost = true;
    }
    let rgba = render(&device, &queue, &mut renderer, &debrief, &shot);
    capture::save_png(&out.join("debrief-ghosts.png"), shot.size, &rgba).unwrap();
    let solid = capture::share_where(&rgba, green);
    println!("trainee green on {:.2} % of the ghosts' picture", solid * 100.0);
    assert!(solid < vests * 0.8, "ghosts are seen through: {:.3} % against {:.3} %", solid * 100.0, vests * 100.0);
}
