//! The container's frame cost in a headset: two eyes of 1832x1920 (a standalone headset's
//! panels) looking into the largest shipped scenario from its doorway, with an instructor and
//! a trainee in view. The new procedural container against the previous renderer's scene (a
//! box per wall, door, item and body part, flat-shaded), both drawn in the same run through
//! the same device; triangles and draw calls per eye printed beside the frame times. Each frame
//! is waited on; on lavapipe (software Vulkan) the figures are CPU time.
//!
//! `cargo bench -p crossdock-tests --bench container_frame` (needs a Vulkan driver).

use std::time::Instant;

use crossdock_client::view::SceneInput;
use crossdock_protocol::units;
use crossdock_render::{Instance, Layer, Renderer, cost, scene};
use crossdock_server::scenario::LIBRARY;
use crossdock_tests::art::{Shot, scene_of, with_people};
use crossdock_tests::bench::FrameTimes;
use crossdock_tests::class;
use glam::{Quat, Vec3};

const EYE: (u32, u32) = (1832, 1920);
const FRAMES: usize = 12;

/// The previous renderer's scene: one flat-shaded box per wall, door, item and body part.
fn boxes(scene: &SceneInput) -> Vec<Instance> {
    let s = units::size(scene.container_mm);
    let (q, blue, wall) = (Quat::IDENTITY, [0.06, 0.22, 0.62], 0.05);
    let mut out = vec![
        Instance::lit(Vec3::new(s.x / 2.0, -0.16, 0.0), q, Vec3::new(60.0, 0.2, 60.0), [0.3; 3]),
        Instance::lit(Vec3::new(s.x / 2.0, -wall / 2.0, 0.0), q, Vec3::new(s.x, wall, s.z), [0.42, 0.3, 0.17]),
        Instance::lit(Vec3::new(s.x / 2.0, s.y + wall / 2.0, 0.0), q, Vec3::new(s.x, wall, s.z), blue),
        Instance::lit(Vec3::new(-wall / 2.0, s.y / 2.0, 0.0), q, Vec3::new(wall, s.y, s.z), blue),
    ];
    for side in [-1.0, 1.0] {
        out.push(Instance::lit(Vec3::new(s.x / 2.0, s.y / 2.0, side * s.z / 2.0), q, Vec3::new(s.x, s.y, wall), blue));
        for i in 0..(s.x / 0.6) as usize {
            let at = Vec3::new(0.3 + i as f32 * 0.6, s.y / 2.0, side * (s.z / 2.0 + wall));
            out.push(Instance::lit(at, q, Vec3::new(0.08, s.y, wall * 0.6), blue));
        }
        let door = Vec3::new(s.x + s.z / 4.0, s.y / 2.0, side * (s.z / 2.0 + wall));
        out.push(Instance::lit(door, q, Vec3::new(s.z / 2.0, s.y, wall), blue));
    }
    for item in &scene.items {
        out.push(Instance::lit(item.pose.position, item.pose.rotation, item.size, [0.72, 0.56, 0.36]));
    }
    for a in &scene.avatars {
        let head = a.frame.head;
        out.push(Instance::lit(head.position, head.rotation, Vec3::new(0.18, 0.23, 0.2), [0.15, 0.7, 0.3]));
        out.push(Instance::lit(head.position - Vec3::Y * 0.45, q, Vec3::new(0.4, 0.55, 0.22), [0.1, 0.5, 0.2]));
        for hand in [a.frame.left, a.frame.right] {
            out.push(Instance::lit(hand.position, hand.rotation, Vec3::new(0.07, 0.05, 0.12), [0.2, 0.8, 0.4]));
        }
    }
    out
}

fn main() {
    let (device, queue, adapter) = class::offscreen_device();
    let format = wgpu::TextureFormat::Rgba8UnormSrgb;
    let (_eyes, targets) = class::eye_targets(&device, format, EYE);
    let mut renderer = Renderer::new(&device, format);

    // The largest scenario: the one whose container, cargo and people cost the most triangles.
    let (name, input) = LIBRARY
        .iter()
        .map(|(name, _)| (*name, with_people(scene_of(name, true))))
        .max_by_key(|(_, input)| {
            let mut models = crossdock_render::Models::default();
            let (drawn, _) = scene::build(input, &mut models);
            cost(&models, &drawn).0
        })
        .expect("the library has scenarios");
    let shot = Shot::inside(&input);
    let new = renderer.prepare(&input);
    let old = boxes(&input);
    let (tri_new, draws_new) = cost(&renderer.models, &new);
    let (tri_old, draws_old) = cost(&renderer.models, &old);
    let view_projs = [0.032f32, -0.032].map(|dz| {
        Shot { eye: shot.eye + Vec3::Z * dz, target: shot.target + Vec3::Z * dz, size: EYE, ..shot }.view_proj()
    });

    let mut times = [Vec::new(), Vec::new()];
    for frame in 0..FRAMES + 2 {
        // Alternate, so drift on a busy machine hits both alike.
        for (which, instances) in [&old, &new].into_iter().enumerate() {
            let start = Instant::now();
            for (target, view_proj) in targets.iter().zip(view_projs) {
                renderer.draw(&device, &queue, target, EYE, &[Layer { view_proj, instances }]);
            }
            device.poll(wgpu::PollType::wait_indefinitely()).expect("the GPU finishes");
            if frame >= 2 {
                times[which].push(start.elapsed());
            }
        }
    }
    let [old_times, new_times] = times.map(|mut t| FrameTimes::of(&mut t));
    println!("container_frame on {adapter}: {name}, two eyes of {}x{}, {FRAMES} frames each", EYE.0, EYE.1);
    println!("{:<32} {:>10} {:>10} {:>10}", "ms per stereo frame", "p50", "p95", "mean");
    println!("{}   {tri_old} triangles, {draws_old} draw calls per eye", old_times.row("previous boxes"));
    println!("{}   {tri_new} triangles, {draws_new} draw calls per eye", new_times.row("procedural container"));
    println!(
        "budget per eye: 150000 triangles, 100 draw calls: {}",
        if tri_new <= 150_000 && draws_new <= 100 { "within" } else { "OVER" }
    );
    println!("frame time ratio (new / previous, p50): {:.2}", new_times.p50 / old_times.p50);
}
