//! Frame time of a headset's two eyes (1440x1600 each, offscreen) with the tablet closed (the
//! baseline, measured in the same run) and open: the scene and the name plates, then the tablet
//! of an instructor's class of six drawn through each eye's projection. Each frame is waited on
//! until the GPU is done; on lavapipe (software Vulkan) the figures are CPU time.
//!
//! `cargo bench -p crossdock-tests --bench headset_frame` (needs a Vulkan driver).

use std::time::Instant;

use crossdock_client::interp::Pose;
use crossdock_protocol::Role;
use crossdock_render::overlay::Overlay;
use crossdock_render::{Layer, Renderer, capture};
use crossdock_tests::bench::FrameTimes;
use crossdock_tests::class;
use crossdock_ui::panel::{PanelInput, VoiceView};
use crossdock_ui::plates;
use crossdock_ui::tablet::{Placement, Tablet, TabletInput};
use glam::{Quat, Vec3};

const EYE: (u32, u32) = (1440, 1600);
const FRAMES: usize = 60;

fn main() {
    let (device, queue, adapter) = class::offscreen_device();
    let format = wgpu::TextureFormat::Rgba8UnormSrgb;
    let (_eyes, targets) = class::eye_targets(&device, format, EYE);
    let mut renderer = Renderer::new(&device, format);
    let mut plates_painter = Overlay::new(&device, format);
    let mut tablet_painter = Overlay::new(&device, format);
    let mut tablet = Tablet::default();
    let words = crossdock_ui::i18n::words("th");
    let scene_input = class::scene(2.5);
    let boxes = renderer.prepare(&scene_input);
    let head = scene_input.viewer;
    // Two eyes 64 mm apart, looking into the container (along -x; the left eye at +z).
    let view_projs = [0.032f32, -0.032].map(|z| class::view_proj(0.85, 0.85, z));
    let hand = Pose { position: head + Vec3::new(-0.55, -0.42, 0.2), rotation: Quat::IDENTITY };
    let placement = Placement::held(hand, head);
    let class = class::panel(Role::Instructor);
    let tags = plates::tags(&scene_input, &words);

    let mut times = [Vec::new(), Vec::new()];
    for frame in 0..FRAMES + 5 {
        // Alternate, so drift on a busy machine hits both alike.
        for (which, open) in [false, true].into_iter().enumerate() {
            let start = Instant::now();
            if open {
                let panel = PanelInput {
                    panel: &class,
                    voice: VoiceView { available: true, ..VoiceView::default() },
                    view: "instructor".into(),
                    following: None,
                    notices: &[],
                    now: Instant::now(),
                };
                tablet.update(&words, TabletInput { panel, pointer: None, press: None, scroll: 0.0 }, Instant::now());
                tablet_painter.update_textures(&device, &queue, tablet.take_textures());
            }
            let (centre, turn, size) = placement.slab();
            let slab = [crossdock_render::Instance::flat(centre, turn, size, crossdock_render::linear(tablet.fill()))];
            for (target, view_proj) in targets.iter().zip(view_projs) {
                renderer.draw(&device, &queue, target, EYE, &[Layer { view_proj, instances: &boxes }]);
                let text = plates::tags_pass(
                    &plates_painter.ctx,
                    EYE,
                    plates::pixels_per_point_for(EYE.0, 1.7),
                    view_proj,
                    head,
                    &tags,
                )
                .0;
                plates_painter.paint(&device, &queue, target, EYE, text);
                if open {
                    renderer.draw_over(&device, &queue, target, EYE, &Layer { view_proj, instances: &slab });
                    let jobs = placement.in_eye(tablet.jobs(), view_proj, EYE);
                    tablet_painter.paint_jobs(&device, &queue, target, EYE, 1.0, &jobs);
                }
            }
            device.poll(wgpu::PollType::wait_indefinitely()).expect("the GPU finishes");
            if frame >= 5 {
                times[which].push(start.elapsed());
            }
        }
    }
    let (closed, open) = (FrameTimes::of(&mut times[0]), FrameTimes::of(&mut times[1]));
    println!("== headset frame, two eyes of {}x{}, {FRAMES} frames each, on {adapter}", EYE.0, EYE.1);
    println!("frame                              p50 (ms)   p95 (ms)  mean (ms)");
    println!("{}", closed.row("tablet closed (baseline)"));
    println!("{}", open.row("tablet open"));
    // The left eye with the tablet open, as a picture of what the wearer sees.
    let out = std::env::var("CROSSDOCK_SHOT").unwrap_or_else(|_| "target/headset-tablet.png".into());
    let view_proj = view_projs[0];
    let (centre, turn, size) = placement.slab();
    let slab = [crossdock_render::Instance::flat(centre, turn, size, crossdock_render::linear(tablet.fill()))];
    let text =
        plates::tags_pass(&plates_painter.ctx, EYE, plates::pixels_per_point_for(EYE.0, 1.7), view_proj, head, &tags).0;
    let rgba = capture::render_rgba(&device, &queue, format, EYE, |target| {
        renderer.draw(&device, &queue, target, EYE, &[Layer { view_proj, instances: &boxes }]);
        plates_painter.paint(&device, &queue, target, EYE, text);
        renderer.draw_over(&device, &queue, target, EYE, &Layer { view_proj, instances: &slab });
        let jobs = placement.in_eye(tablet.jobs(), view_proj, EYE);
        tablet_painter.paint_jobs(&device, &queue, target, EYE, 1.0, &jobs);
    })
    .expect("the left eye renders");
    match capture::save_png(std::path::Path::new(&out), EYE, &rgba) {
        Ok(()) => println!("the left eye with the tablet open: {out}"),
        Err(e) => println!("could not write {out}: {e:#}"),
    }
    println!(
        "the open tablet adds {:.2} ms per frame at the median; it was laid out {} times in {} frames",
        open.p50 - closed.p50,
        tablet.layouts,
        FRAMES + 5
    );
}
