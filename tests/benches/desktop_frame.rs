//! Frame time of the desktop window at 1920x1080 offscreen: the scene alone (the baseline,
//! measured in the same run) against the scene with the egui interface over it, drawn as the
//! window draws it (the side panel of a class of six from its cached picture, redrawn when it
//! changes; their name plates; the seal's tag), each frame waited on until the GPU is
//! done. On lavapipe (software Vulkan) the figures are CPU time; on a GPU they are the GPU's.
//!
//! `cargo bench -p crossdock-tests --bench desktop_frame` (needs a Vulkan driver).

use std::time::Instant;

use crossdock_protocol::Role;
use crossdock_render::cache::Cache;
use crossdock_render::overlay::Overlay;
use crossdock_render::{Layer, Renderer, capture};
use crossdock_tests::bench::FrameTimes;
use crossdock_tests::class;
use crossdock_ui::panel::{self, PanelInput, PanelState, UiMap, VoiceView};
use crossdock_ui::plates;

const SIZE: (u32, u32) = (1920, 1080);
const FRAMES: usize = 60;

fn main() {
    let (device, queue, adapter) = class::offscreen_device();
    let format = wgpu::TextureFormat::Rgba8UnormSrgb;
    let texture = capture::target(&device, format, SIZE);
    let target = texture.create_view(&Default::default());
    let mut renderer = Renderer::new(&device, format);
    let mut overlay = Overlay::new(&device, format);
    let mut plates_painter = Overlay::new(&device, format);
    let mut cache = Cache::new(&device, format);
    let (mut area, mut shown, mut again): (Option<panel::Area>, Option<u64>, bool) = (None, None, true);
    let words = crossdock_ui::i18n::words("th");
    let scene_input = class::scene(3.0);
    let boxes = renderer.prepare(&scene_input);
    let eye = scene_input.viewer;
    let aspect = SIZE.0 as f32 / SIZE.1 as f32;
    let half_y = 0.6f32;
    let half_x = (half_y.tan() * aspect).atan();
    let view_proj = class::view_proj(half_x, half_y, 0.0);
    let class = class::panel(Role::Instructor);
    let tags = plates::tags(&scene_input, &words);
    let mut state = PanelState::default();

    let wait = |device: &wgpu::Device| {
        device.poll(wgpu::PollType::wait_indefinitely()).expect("the GPU finishes");
    };
    let scene_only = |renderer: &mut Renderer| {
        renderer.draw(&device, &queue, &target, SIZE, &[Layer { view_proj, instances: &boxes }]);
    };
    let mut times = [Vec::new(), Vec::new()];
    let mut ui_cpu = Vec::new();
    for frame in 0..FRAMES + 5 {
        // Alternate, so drift on a busy machine hits both alike.
        for (which, with_ui) in [false, true].into_iter().enumerate() {
            let start = Instant::now();
            match area.filter(|_| with_ui) {
                // As the window does: the scene only where the panel does not cover it.
                Some(([x0, ..], _)) => renderer.draw_within(
                    &device,
                    &queue,
                    &target,
                    SIZE,
                    &[Layer { view_proj, instances: &boxes }],
                    [0, 0, x0 as u32, SIZE.1],
                ),
                _ => scene_only(&mut renderer),
            }
            if with_ui {
                let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(SIZE.0 as f32, SIZE.1 as f32));
                let raw = egui::RawInput { screen_rect: Some(screen), ..Default::default() };
                let input = PanelInput {
                    panel: &class,
                    voice: VoiceView { available: true, ..VoiceView::default() },
                    view: "free camera".into(),
                    following: None,
                    notices: &[],
                    now: Instant::now(),
                };
                let mut map = UiMap::new();
                let ui_start = Instant::now();
                // As the window does: the panel's egui only when what it shows changed (here the
                // clock's second) or egui asked for another frame, its picture redrawn into the
                // cache only when it changed; the plates' own egui every frame; then scene,
                // plates, panel.
                let second = class.clock.elapsed(Instant::now()).as_secs();
                if again || shown != Some(second) {
                    let output = overlay.ctx.run_ui(raw, |ui| {
                        let side = panel::side(ui, &words, &input, &mut state, &mut map);
                        area = Some(([side.rect.min.x, side.rect.min.y, side.rect.max.x, side.rect.max.y], side.fill));
                    });
                    again =
                        output.viewport_output.get(&egui::ViewportId::ROOT).is_some_and(|v| v.repaint_delay.is_zero());
                    shown = Some(second);
                    let (_, fill) = area.expect("the panel was laid out");
                    cache.update_egui(&device, &queue, &mut overlay, SIZE, output, fill);
                }
                let plates_output = plates::tags_pass(&plates_painter.ctx, SIZE, 1.0, view_proj, eye, &tags).0;
                if frame >= 5 {
                    ui_cpu.push(ui_start.elapsed());
                }
                let (rect, _) = area.expect("the panel was laid out");
                plates_painter.paint(&device, &queue, &target, SIZE, plates_output);
                cache.copy(&device, &queue, &target, SIZE, rect);
            }
            wait(&device);
            if frame >= 5 {
                times[which].push(start.elapsed());
            }
        }
    }
    let (base, ui) = (FrameTimes::of(&mut times[0]), FrameTimes::of(&mut times[1]));
    println!("== desktop frame, {}x{}, {FRAMES} frames each, on {adapter}", SIZE.0, SIZE.1);
    println!("frame                              p50 (ms)   p95 (ms)  mean (ms)");
    println!("{}", base.row("scene alone (baseline)"));
    println!("{}", ui.row("scene + panel + name plates"));
    println!("{}", FrameTimes::of(&mut ui_cpu).row("  of which egui's layout (CPU)"));
    println!("the interface adds {:.2} ms per frame at the median (target: at most 2 ms)", ui.p50 - base.p50);
    println!(
        "the panel's picture was redrawn {} times in {} frames (its clock ticks each second)",
        cache.redraws,
        FRAMES + 5
    );
}
