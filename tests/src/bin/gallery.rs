//! Renders the gallery in `docs/gallery/`: every shipped scenario from outside with its doors
//! shut and from its doorway with them open, and close-ups of a seal and of a false wall's weld.
//!
//! `cargo run -p crossdock-tests --features gpu --bin gallery [-- OUT_DIR]` (Vulkan: lavapipe will do).

use std::path::PathBuf;

use crossdock_render::{Renderer, capture};
use crossdock_server::scenario::LIBRARY;
use crossdock_tests::art::{Shot, render, scene_of, with_people};
use crossdock_tests::class::offscreen_device;

fn main() -> anyhow::Result<()> {
    let out = std::env::args().nth(1).map_or_else(|| PathBuf::from("docs/gallery"), PathBuf::from);
    let (device, queue, adapter) = offscreen_device();
    println!("rendering on {adapter} into {}", out.display());
    let mut renderer = Renderer::new(&device, wgpu::TextureFormat::Rgba8UnormSrgb);
    let mut shots = Vec::new();
    for (name, _) in LIBRARY {
        let shut = scene_of(name, false);
        shots.push((format!("{name}-outside.png"), shut.clone(), Shot::outside(&shut)));
        let open = with_people(scene_of(name, true));
        shots.push((format!("{name}-inside.png"), open.clone(), Shot::inside(&open)));
    }
    let shipped = scene_of(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/model-drill/drill.toml"), true);
    shots.push(("shipped-model.png".into(), shipped.clone(), Shot::inside(&shipped)));
    let seal = scene_of("swapped-seal-reefer", false);
    shots.push(("seal-close-up.png".into(), seal.clone(), Shot::seal(&seal)));
    let mut walled = scene_of("false-wall-20ft", true);
    walled.items.clear();
    let shot = Shot::front_wall(&walled);
    walled.flashlight = Some((shot.eye + glam::Vec3::new(0.0, -0.3, 0.0), (shot.target - shot.eye).normalize()));
    shots.push(("false-wall-weld.png".into(), walled, shot));
    for (i, (file, scene, shot)) in shots.iter().enumerate() {
        let rgba = render(&device, &queue, &mut renderer, scene, shot);
        capture::save_png(&out.join(file), shot.size, &rgba)?;
        println!("[{}/{}] {file}", i + 1, shots.len());
    }
    Ok(())
}
