//! A multilingual class of six, drawn without a server: the scene and the side panel as a
//! front end would get them, and a GPU device without a window. The offscreen checks of the
//! desktop tier and the frame-time benchmark draw it.

use std::time::{Duration, Instant};

use crossdock_client::interp::{AvatarFrame, Pose};
use crossdock_client::view::{CaptionRow, DrillClock, FindingRow, Panel, PersonRow, SaidRow, SceneAvatar, SceneInput};
use crossdock_protocol::drill::{Category, Documents, FindingStatus, ManifestLine, Tool};
use crossdock_protocol::phrase::Phrase;
use crossdock_protocol::{ParticipantId, Role};
use glam::{Quat, Vec3};

/// The class: an instructor and five trainees, each named in their own script.
pub const CLASS: [(&str, &str, Role); 6] = [
    ("Siti Nurhaliza", "MY", Role::Instructor),
    ("สมชาย ใจดี", "TH", Role::Trainee),
    ("김민준", "KR", Role::Trainee),
    ("王伟", "CN", Role::Trainee),
    ("Nguyễn Văn An", "VN", Role::Trainee),
    ("山田太郎", "JP", Role::Trainee),
];

/// Where the viewer (the instructor) stands: inside the container, by the doors.
pub const VIEWER: Vec3 = Vec3::new(5.3, 1.6, 0.0);

/// The viewer's eyes looking into the container (along -x), through a perspective of
/// `half_x`, `half_y` (radians): the view-projection that [`scene`] is meant to be seen with.
pub fn view_proj(half_x: f32, half_y: f32, eye_offset: f32) -> glam::Mat4 {
    let eye = VIEWER + Vec3::new(0.0, 0.0, eye_offset);
    crossdock_render::projection(-half_x, half_x, half_y, -half_y, 0.03, 300.0)
        * glam::Mat4::look_at_rh(eye, eye - Vec3::X, Vec3::Y)
}

/// The trainees standing across the container `distance` metres ahead of the viewer, who is
/// the instructor.
pub fn scene(distance: f32) -> SceneInput {
    let avatars = CLASS
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, (name, administration, role))| {
            let at = Vec3::new(VIEWER.x - distance - 0.3 * (i % 2) as f32, 1.6, -1.2 + 0.45 * i as f32);
            let head = Pose { position: at, rotation: Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2) };
            let hand = |side: f32| Pose { position: head.position + Vec3::new(0.2 * side, -0.5, -0.2), ..head };
            SceneAvatar {
                id: ParticipantId(i as u16 + 1),
                name: (*name).to_owned(),
                administration: (*administration).to_owned(),
                role: *role,
                frame: AvatarFrame { head, left: hand(-1.0), right: hand(1.0) },
                me: false,
                speaking: i == 2,
                ghost: false,
                cues: Default::default(),
            }
        })
        .collect();
    SceneInput {
        container_mm: [5_898, 2_393, 2_352],
        avatars,
        seal: Some(Vec3::new(5.95, 1.0, 0.45)),
        seal_number: Some("CDX-2026-004417".into()),
        viewer: VIEWER,
        ..SceneInput::default()
    }
}

/// The side panel for the class, seen by `role`: everyone, two findings, the documents.
pub fn panel(role: Role) -> Panel {
    let people = CLASS
        .iter()
        .enumerate()
        .map(|(i, (name, administration, who))| PersonRow {
            id: ParticipantId(i as u16 + 1),
            name: (*name).to_owned(),
            administration: (*administration).to_owned(),
            locale: "en".into(),
            role: *who,
            link: Some((30 + 10 * i as u16, i as u16 * 3)),
            muted: i == 4,
            frozen: false,
            // The last one interprets into Japanese: the panel offers the channel.
            interprets: (i == 5).then(|| "ja".to_owned()),
            lead: i == 1,
            talking: i == 2,
            gone: false,
            me: i == 0,
        })
        .collect();
    let finding = |id: u32, category, signers: &[usize], status| FindingRow {
        id,
        category,
        signers: signers.iter().map(|i| CLASS[*i].0.to_owned()).collect(),
        status,
    };
    Panel {
        me: ParticipantId(1),
        role,
        scenario: "false-wall-20ft".into(),
        seed: 1,
        clock: DrillClock {
            at_receipt: Duration::from_secs(754),
            received: Instant::now(),
            paused: false,
            limit: Some(Duration::from_secs(1800)),
        },
        revealed: false,
        resealed: false,
        self_unmute_locked: false,
        observers_open: true,
        locked_tools: vec![],
        voice_recorded: false,
        people,
        findings: vec![
            finding(1, Category::FalseWall, &[1, 2], FindingStatus::Open),
            finding(2, Category::WeightDiscrepancy, &[3], FindingStatus::Confirmed),
        ],
        risk: None,
        standing: None,
        documents: Documents {
            shipper: "Ningbo Bright Kitchenware Co.".into(),
            consignee: "Bangkok Home Supply Ltd.".into(),
            route: vec!["CNNGB".into(), "THLCH".into()],
            seal_number: "CDX-2026-004417".into(),
            declared_gross_kg: 9_800,
            lines: vec![ManifestLine {
                description: "Stainless steel kitchenware".into(),
                hs_code: "7323.93".into(),
                packages: 420,
                gross_kg: 6_300,
            }],
        },
        seal_number: "CDX-2026-004417".into(),
        readings: vec![],
        truth: None,
        library: vec!["false-wall-20ft".into(), "clean-20ft".into()],
        debrief: None,
        debrief_problem: None,
        may_say: role != Role::Observer,
        phrases: vec![],
        said: vec![
            SaidRow {
                by: ParticipantId(2),
                name: CLASS[1].0.into(),
                phrase: Phrase::Book("fresh-welds".into()),
                own: None,
            },
            SaidRow { by: ParticipantId(3), name: CLASS[2].0.into(), phrase: Phrase::Tool(Tool::XRay), own: None },
        ],
        channel: None,
        pointing: None,
        interprets: None,
        channels: vec!["ja".into()],
        captions_offered: true,
        captions: vec![CaptionRow {
            by: ParticipantId(3),
            name: CLASS[2].0.into(),
            text: "용접 자국이 새것 같아요".into(),
            last: true,
        }],
    }
}

/// A GPU device without a window (lavapipe where there is no GPU).
pub fn offscreen_device() -> (wgpu::Device, wgpu::Queue, String) {
    let instance = wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle());
    let adapter = pollster::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions::default()))
        .expect("no Vulkan adapter: install mesa-vulkan-drivers (lavapipe) or run tests/desktop/run.sh");
    let name = adapter.get_info().name;
    let (device, queue) =
        pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor::default())).expect("a GPU device");
    (device, queue, name)
}

/// Two eyes' offscreen colour targets of `size` in `format`, and their views.
pub fn eye_targets(
    device: &wgpu::Device,
    format: wgpu::TextureFormat,
    size: (u32, u32),
) -> ([wgpu::Texture; 2], [wgpu::TextureView; 2]) {
    let eyes = [0, 1].map(|_| crossdock_render::capture::target(device, format, size));
    let views = eyes.each_ref().map(|t| t.create_view(&Default::default()));
    (eyes, views)
}
