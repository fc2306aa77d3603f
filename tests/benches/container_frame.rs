//! The container's frame cost in a headset: two eyes of 1832x1920 (a standalone headset's
//! panels) looking into the largest shipped scenario from its doorway, with an instructor and
//! a trainee in view. The new procedural container against the previous renderer (its scene: a
//! box per wall, door, item and body part; its pipeline: one instanced cube, one directional
//! light, `previous_boxes.wgsl` as it was at d7e5a8a), and against that same box scene drawn
//! by today's pipeline, all in the same run on the same device; triangles and draw calls per eye
//! printed beside the frame times. Each frame is waited on; on lavapipe (software Vulkan) the
//! figures are CPU time.
//!
//! `cargo bench -p crossdock-tests --bench container_frame` (needs a Vulkan driver).

use std::time::Instant;

use crossdock_client::view::SceneInput;
use crossdock_protocol::units;
use crossdock_render::{Instance, Layer, Renderer, cost, scene};
use crossdock_server::scenario::LIBRARY;
use crossdock_tests::art::{Shot, crowd, scene_of, with_people};
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

/// The previous renderer, as it was at d7e5a8a: one pipeline of instanced, lit unit cubes.
struct Previous {
    pipeline: wgpu::RenderPipeline,
    camera: wgpu::Buffer,
    bind: wgpu::BindGroup,
    cube: wgpu::Buffer,
    instances: wgpu::Buffer,
    depth: wgpu::TextureView,
    count: u32,
}

impl Previous {
    fn new(device: &wgpu::Device, format: wgpu::TextureFormat, size: (u32, u32), boxes: &[Instance]) -> Previous {
        use wgpu::util::DeviceExt;
        let shader = device.create_shader_module(wgpu::include_wgsl!("previous_boxes.wgsl"));
        let camera = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("camera"),
            size: 80,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("camera"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX_FRAGMENT,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            }],
        });
        let bind = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("camera"),
            layout: &layout,
            entries: &[wgpu::BindGroupEntry { binding: 0, resource: camera.as_entire_binding() }],
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("boxes"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let buffers = [
            Some(wgpu::VertexBufferLayout {
                array_stride: 24,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &wgpu::vertex_attr_array![0 => Float32x3, 1 => Float32x3],
            }),
            Some(wgpu::VertexBufferLayout {
                array_stride: 80,
                step_mode: wgpu::VertexStepMode::Instance,
                attributes: &wgpu::vertex_attr_array![2 => Float32x4, 3 => Float32x4, 4 => Float32x4, 5 => Float32x4, 6 => Float32x4],
            }),
        ];
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("boxes"),
            layout: Some(&pipeline_layout),
            vertex: wgpu::VertexState {
                module: &shader,
                entry_point: Some("vs"),
                compilation_options: Default::default(),
                buffers: &buffers,
            },
            fragment: Some(wgpu::FragmentState {
                module: &shader,
                entry_point: Some("fs"),
                compilation_options: Default::default(),
                targets: &[Some(wgpu::ColorTargetState { format, blend: None, write_mask: wgpu::ColorWrites::ALL })],
            }),
            primitive: wgpu::PrimitiveState { cull_mode: Some(wgpu::Face::Back), ..Default::default() },
            depth_stencil: Some(wgpu::DepthStencilState {
                format: wgpu::TextureFormat::Depth32Float,
                depth_write_enabled: Some(true),
                depth_compare: Some(wgpu::CompareFunction::Less),
                stencil: Default::default(),
                bias: Default::default(),
            }),
            multisample: Default::default(),
            multiview_mask: None,
            cache: None,
        });
        // The unit cube, 36 vertices of (position, normal), counter-clockwise outside.
        let mut cube: Vec<f32> = Vec::with_capacity(36 * 6);
        for axis in 0..3 {
            for sign in [-1.0f32, 1.0] {
                let (u, v) = ((axis + 1) % 3, (axis + 2) % 3);
                let corner = |a: f32, b: f32| {
                    let mut p = [0.0f32; 6];
                    p[axis] = 0.5 * sign;
                    p[u] = a * 0.5;
                    p[v] = b * 0.5 * sign;
                    p[3 + axis] = sign;
                    p
                };
                let quad = [corner(-1.0, -1.0), corner(1.0, -1.0), corner(1.0, 1.0), corner(-1.0, 1.0)];
                for i in [0, 1, 2, 0, 2, 3] {
                    cube.extend_from_slice(&quad[i]);
                }
            }
        }
        let cube = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("cube"),
            contents: bytemuck::cast_slice(&cube),
            usage: wgpu::BufferUsages::VERTEX,
        });
        // Its instances: a model matrix and a colour whose alpha says lit (1) or not (0).
        let old: Vec<[[f32; 4]; 5]> = boxes
            .iter()
            .map(|b| {
                let lit = if b.color[3] < 0.5 { 0.0 } else { 1.0 };
                [b.model[0], b.model[1], b.model[2], b.model[3], [b.color[0], b.color[1], b.color[2], lit]]
            })
            .collect();
        let instances = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("instances"),
            contents: bytemuck::cast_slice(&old),
            usage: wgpu::BufferUsages::VERTEX,
        });
        let depth = device
            .create_texture(&wgpu::TextureDescriptor {
                label: Some("depth"),
                size: wgpu::Extent3d { width: size.0, height: size.1, depth_or_array_layers: 1 },
                mip_level_count: 1,
                sample_count: 1,
                dimension: wgpu::TextureDimension::D2,
                format: wgpu::TextureFormat::Depth32Float,
                usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
                view_formats: &[],
            })
            .create_view(&Default::default());
        Previous { pipeline, camera, bind, cube, instances, depth, count: old.len() as u32 }
    }

    fn draw(&self, device: &wgpu::Device, queue: &wgpu::Queue, target: &wgpu::TextureView, view_proj: glam::Mat4) {
        let light = Vec3::new(0.35, 1.0, 0.55).normalize().extend(0.0).to_array();
        let mut uniform = view_proj.to_cols_array().to_vec();
        uniform.extend_from_slice(&light);
        queue.write_buffer(&self.camera, 0, bytemuck::cast_slice(&uniform));
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("boxes") });
        {
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("boxes"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: target,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations { load: wgpu::LoadOp::Clear(scene::SKY), store: wgpu::StoreOp::Store },
                })],
                depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                    view: &self.depth,
                    depth_ops: Some(wgpu::Operations { load: wgpu::LoadOp::Clear(1.0), store: wgpu::StoreOp::Discard }),
                    stencil_ops: None,
                }),
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            pass.set_pipeline(&self.pipeline);
            pass.set_bind_group(0, &self.bind, &[]);
            pass.set_vertex_buffer(0, self.cube.slice(..));
            pass.set_vertex_buffer(1, self.instances.slice(..));
            pass.draw(0..36, 0..self.count);
        }
        queue.submit([encoder.finish()]);
    }
}

/// The people as they were drawn before bodies (at c756602): a head with visor and strap, a
/// torso under the head turned with it, a sash or bands, two gloves; their meshes as they were.
fn blobs(scene: &SceneInput, models: &mut crossdock_render::Models) -> Vec<Instance> {
    use crossdock_render::mesh::{Look, Material, Mesh, key};
    use crossdock_render::people;
    let cloth = Look::new([1.0; 3], Material::Cloth);
    let torso = models.mesh(key(("blob", "torso")), |_| {
        let mut m = Mesh::default();
        m.ellipsoid(Vec3::ZERO, Vec3::new(0.2, 0.3, 0.12), Quat::IDENTITY, (8, 14), cloth);
        m.ellipsoid(Vec3::new(0.0, 0.2, 0.0), Vec3::new(0.22, 0.09, 0.12), Quat::IDENTITY, (6, 14), cloth);
        m
    });
    let sash = models.mesh(key(("blob", "sash")), |_| {
        let mut m = Mesh::default();
        m.cuboid(Vec3::new(0.0, 0.02, 0.0), Vec3::new(0.44, 0.06, 0.26), Quat::from_rotation_z(0.6), cloth);
        m
    });
    let glove = models.mesh(key(("blob", "glove")), |_| {
        let mut m = Mesh::default();
        m.cuboid(Vec3::ZERO, Vec3::new(0.085, 0.03, 0.095), Quat::IDENTITY, cloth);
        for i in 0..4 {
            let x = -0.03 + i as f32 * 0.02;
            m.cuboid(Vec3::new(x, -0.006, -0.08), Vec3::new(0.017, 0.02, 0.07), Quat::from_rotation_x(-0.25), cloth);
        }
        m.cuboid(Vec3::new(0.05, -0.008, -0.02), Vec3::new(0.02, 0.02, 0.06), Quat::from_rotation_y(0.6), cloth);
        m.cylinder(Vec3::new(0.0, 0.0, 0.045), Vec3::new(0.0, 0.0, 0.09), 0.042, 10, cloth);
        m
    });
    let head = models.mesh(key(("person", "head")), |_| people::head());
    let visor = models.mesh(key(("person", "visor")), |_| people::visor());
    let strap = models.mesh(key(("person", "strap")), |_| people::strap());
    let mut out = Vec::new();
    for a in &scene.avatars {
        let h = a.frame.head;
        let at = glam::Mat4::from_rotation_translation(h.rotation, h.position);
        out.push(Instance::of(head, at, [0.78, 0.72, 0.66]));
        out.push(Instance::of(visor, at, [0.06; 3]));
        out.push(Instance::of(strap, at, [0.9, 0.3, 0.3]));
        let forward = h.rotation * Vec3::NEG_Z;
        let yaw = Quat::from_rotation_y((-forward.x).atan2(-forward.z));
        let chest = glam::Mat4::from_rotation_translation(yaw, h.position - Vec3::Y * 0.5);
        out.push(Instance::of(torso, chest, scene::TRAINEE));
        out.push(Instance::of(sash, chest, [0.9, 0.3, 0.3]));
        for p in [a.frame.left, a.frame.right] {
            out.push(Instance::of(
                glove,
                glam::Mat4::from_rotation_translation(p.rotation, p.position),
                scene::TRAINEE,
            ));
        }
    }
    out
}

/// Frame times of each instance list, alternated frame by frame so drift hits all alike.
fn time_frames(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    renderer: &mut Renderer,
    targets: &[wgpu::TextureView],
    view_projs: [glam::Mat4; 2],
    lists: &[&[Instance]],
) -> Vec<FrameTimes> {
    let mut times = vec![Vec::new(); lists.len()];
    for frame in 0..FRAMES + 2 {
        for (instances, spent) in lists.iter().zip(times.iter_mut()) {
            let start = Instant::now();
            for (target, view_proj) in targets.iter().zip(view_projs) {
                renderer.draw(device, queue, target, EYE, &[Layer { view_proj, instances }]);
            }
            device.poll(wgpu::PollType::wait_indefinitely()).expect("the GPU finishes");
            if frame >= 2 {
                spent.push(start.elapsed());
            }
        }
    }
    times.into_iter().map(|mut t| FrameTimes::of(&mut t)).collect()
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
            let (drawn, _) = scene::build(input, &mut models, &mut scene::Bodies::default(), 0.0);
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

    let previous = Previous::new(&device, format, EYE, &old);
    let mut times = [Vec::new(), Vec::new(), Vec::new()];
    for frame in 0..FRAMES + 2 {
        // Alternate, so drift on a busy machine hits all alike.
        for (which, spent) in times.iter_mut().enumerate() {
            let start = Instant::now();
            for (target, view_proj) in targets.iter().zip(view_projs) {
                match which {
                    0 => previous.draw(&device, &queue, target, view_proj),
                    1 => renderer.draw(&device, &queue, target, EYE, &[Layer { view_proj, instances: &old }]),
                    _ => renderer.draw(&device, &queue, target, EYE, &[Layer { view_proj, instances: &new }]),
                }
            }
            device.poll(wgpu::PollType::wait_indefinitely()).expect("the GPU finishes");
            if frame >= 2 {
                spent.push(start.elapsed());
            }
        }
    }
    let [previous_times, old_times, new_times] = times.map(|mut t| FrameTimes::of(&mut t));
    println!("container_frame on {adapter}: {name}, two eyes of {}x{}, {FRAMES} frames each", EYE.0, EYE.1);
    println!("{:<32} {:>10} {:>10} {:>10}", "ms per stereo frame", "p50", "p95", "mean");
    println!("{}   {tri_old} triangles, 1 draw call per eye", previous_times.row("previous renderer"));
    println!("{}   {tri_old} triangles, {draws_old} draw calls per eye", old_times.row("its boxes, today's pipeline"));
    println!("{}   {tri_new} triangles, {draws_new} draw calls per eye", new_times.row("procedural container"));
    println!(
        "budget per eye: 150000 triangles, 100 draw calls: {}",
        if tri_new <= 150_000 && draws_new <= 100 { "within" } else { "OVER" }
    );
    println!("frame time ratio (new / previous renderer, p50): {:.2}", new_times.p50 / previous_times.p50);

    // A class of sixteen in the same container: bodies against the blobs they replaced.
    let class16 = crowd(scene_of(name, true), 16, true);
    let mut empty = class16.clone();
    empty.avatars.clear();
    let room = renderer.prepare(&empty);
    let bodies = renderer.prepare(&class16);
    let mut blobbed = room.clone();
    blobbed.extend(blobs(&class16, &mut renderer.models));
    blobbed.sort_by_key(|i| i.mesh);
    let (tri_room, draws_room) = cost(&renderer.models, &room);
    let (tri_bodies, draws_bodies) = cost(&renderer.models, &bodies);
    let (tri_blobs, draws_blobs) = cost(&renderer.models, &blobbed);
    let shot = Shot::inside(&class16);
    let view_projs = [0.032f32, -0.032].map(|dz| {
        Shot { eye: shot.eye + Vec3::Z * dz, target: shot.target + Vec3::Z * dz, size: EYE, ..shot }.view_proj()
    });
    let lists: [&[Instance]; 3] = [&room, &blobbed, &bodies];
    let [room_t, blobs_t, bodies_t] =
        <[FrameTimes; 3]>::try_from(time_frames(&device, &queue, &mut renderer, &targets, view_projs, &lists))
            .expect("three lists");
    println!();
    println!("sixteen people in {name}, from the doorway, two eyes of {}x{}, {FRAMES} frames each", EYE.0, EYE.1);
    println!("{:<32} {:>10} {:>10} {:>10}", "ms per stereo frame", "p50", "p95", "mean");
    println!("{}   {tri_room} triangles, {draws_room} draw calls per eye", room_t.row("the container, nobody in it"));
    println!("{}   {tri_blobs} triangles, {draws_blobs} draw calls per eye", blobs_t.row("16 blobs (before)"));
    println!("{}   {tri_bodies} triangles, {draws_bodies} draw calls per eye", bodies_t.row("16 bodies (now)"));
    let per = |tri: u64| (tri - tri_room) / 16;
    println!(
        "per person: {} triangles as a body, {} as a blob; the bodies add {} draw calls per eye for all sixteen",
        per(tri_bodies),
        per(tri_blobs),
        draws_bodies - draws_room
    );
    println!(
        "people's share of the frame (p50): bodies {:.2} ms, blobs {:.2} ms",
        bodies_t.p50 - room_t.p50,
        blobs_t.p50 - room_t.p50
    );
    println!(
        "budget per eye with sixteen bodies: 150000 triangles, 100 draw calls: {}",
        if tri_bodies <= 150_000 && draws_bodies <= 100 { "within" } else { "OVER" }
    );
}
