//! The container's art, checked from rendered pixels: the numbers a trainee must read are
//! legible to an OCR engine (tesseract, from Debian), and the evidence a scenario describes is
//! drawn where it is and nowhere else. Run by `tests/art/run.sh`, which installs tesseract.

use std::path::{Path, PathBuf};
use std::process::Command;

use crossdock_render::{Renderer, capture};
use crossdock_tests::art::{Shot, render, scene_of};
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
