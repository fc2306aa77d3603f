//! What to draw: [`build`] turns the client's [`SceneInput`] into boxes. Pure, so it is tested
//! without a GPU; the colours are public so screenshot checks can look for them. Text (names,
//! readings, the seal's number) is not boxes: `crossdock_ui::plates` draws it over the frame.

use crossdock_client::view::{SceneAvatar, SceneInput, participant_colour};
use crossdock_protocol::Role;
use crossdock_protocol::drill::FindingStatus;
use crossdock_protocol::units;
use glam::{Quat, Vec3};

use crate::Instance;

/// The clear colour: an overcast sky over the yard.
pub const SKY: wgpu::Color = wgpu::Color { r: 0.16, g: 0.17, b: 0.19, a: 1.0 };
/// The container's steel (walls, roof, front, doors): shipping-line blue.
pub const CONTAINER: [f32; 3] = [0.06, 0.22, 0.62];
/// The doors, a shade darker than the walls.
pub const DOORS: [f32; 3] = [0.045, 0.17, 0.5];
/// The container floor's plywood.
pub const FLOOR: [f32; 3] = [0.42, 0.3, 0.17];
/// The yard's concrete.
pub const YARD: [f32; 3] = [0.3, 0.3, 0.29];
/// The seal.
pub const SEAL: [f32; 3] = [0.95, 0.8, 0.1];
/// Instructor avatars.
pub const INSTRUCTOR: [f32; 3] = [0.95, 0.45, 0.1];
/// Trainee avatars.
pub const TRAINEE: [f32; 3] = [0.15, 0.7, 0.3];
/// Observer avatars.
pub const OBSERVER: [f32; 3] = [0.6, 0.6, 0.6];
/// Instructor highlights around items.
pub const HIGHLIGHT: [f32; 3] = [1.0, 0.95, 0.2];
/// The revealed truth.
pub const TRUTH: [f32; 3] = [1.0, 0.2, 0.35];
/// Where a reading was taken.
pub const READING: [f32; 3] = [0.6, 0.95, 1.0];
/// The bar over a speaking avatar.
pub const SPEAKING: [f32; 3] = [0.3, 1.0, 0.45];

/// Wall thickness, metres.
const WALL: f32 = 0.05;

/// The colour of a role's avatar.
pub fn role_color(role: Role) -> [f32; 3] {
    match role {
        Role::Instructor => INSTRUCTOR,
        Role::Trainee => TRAINEE,
        Role::Observer => OBSERVER,
    }
}

fn item_color(kind: &str) -> [f32; 3] {
    match kind {
        "pallet" => [0.55, 0.42, 0.25],
        "drum" | "barrel" => [0.25, 0.27, 0.3],
        "crate" => [0.5, 0.36, 0.2],
        "bag" | "sack" => [0.75, 0.7, 0.55],
        _ => [0.72, 0.56, 0.36],
    }
}

/// The boxes that draw `scene`.
pub fn build(scene: &SceneInput) -> Vec<Instance> {
    let mut out = Vec::with_capacity(512);
    container(scene, &mut out);
    if let Some(seal) = scene.seal {
        out.push(Instance::lit(seal, Quat::IDENTITY, Vec3::new(0.03, 0.08, 0.03), SEAL));
    }
    for item in &scene.items {
        out.push(Instance::lit(item.pose.position, item.pose.rotation, item.size, item_color(&item.kind)));
        if item.highlighted {
            frame(item.pose.position, item.pose.rotation, item.size * 1.06 + 0.02, HIGHLIGHT, &mut out);
        }
    }
    for avatar in &scene.avatars {
        avatar_boxes(avatar, &mut out);
    }
    for (_, place, status) in &scene.findings {
        let color = match status {
            FindingStatus::Open => [0.9, 0.1, 0.1],
            FindingStatus::Confirmed => [0.1, 0.85, 0.2],
            FindingStatus::Rejected => [0.45, 0.45, 0.45],
        };
        out.push(Instance::flat(*place + Vec3::Y * 0.25, Quat::IDENTITY, Vec3::new(0.03, 0.5, 0.03), color));
        out.push(Instance::flat(*place + Vec3::Y * 0.55, Quat::IDENTITY, Vec3::splat(0.1), color));
    }
    for (at, _, _) in &scene.readings {
        // Where a tool was used: a small marker under the reading's tag.
        out.push(Instance::flat(*at, Quat::IDENTITY, Vec3::splat(0.04), READING));
    }
    for (place, _) in &scene.truth {
        frame(*place, Quat::IDENTITY, Vec3::splat(0.6), TRUTH, &mut out);
    }
    if let Some((from, to)) = scene.pointer {
        segment(from, to, 0.012, INSTRUCTOR, &mut out);
    }
    out
}

fn container(scene: &SceneInput, out: &mut Vec<Instance>) {
    let [l, w, h] = units::size(scene.container_mm).to_array();
    if l <= 0.0 || w <= 0.0 || h <= 0.0 {
        return;
    }
    let q = Quat::IDENTITY;
    out.push(Instance::lit(Vec3::new(l / 2.0, -0.16, 0.0), q, Vec3::new(60.0, 0.2, 60.0), YARD));
    out.push(Instance::lit(
        Vec3::new(l / 2.0, -WALL / 2.0, 0.0),
        q,
        Vec3::new(l + 2.0 * WALL, WALL, w + 2.0 * WALL),
        FLOOR,
    ));
    if !scene.cutaway {
        let roof = Vec3::new(l + 2.0 * WALL, WALL, w + 2.0 * WALL);
        out.push(Instance::lit(Vec3::new(l / 2.0, h + WALL / 2.0, 0.0), q, roof, CONTAINER));
    }
    for side in [-1.0, 1.0] {
        let z = side * (w / 2.0 + WALL / 2.0);
        out.push(Instance::lit(Vec3::new(l / 2.0, h / 2.0, z), q, Vec3::new(l + 2.0 * WALL, h, WALL), CONTAINER));
    }
    out.push(Instance::lit(Vec3::new(-WALL / 2.0, h / 2.0, 0.0), q, Vec3::new(WALL, h, w), CONTAINER));
    // Corrugation ribs on the side walls, outside and in, so motion reads in the headset.
    for i in 0..(l / 0.6) as usize {
        let x = 0.3 + i as f32 * 0.6;
        for side in [-1.0, 1.0] {
            let z = side * (w / 2.0 + WALL * 1.2);
            out.push(Instance::lit(Vec3::new(x, h / 2.0, z), q, Vec3::new(0.08, h * 0.96, WALL * 0.6), DOORS));
        }
    }
    for door in &scene.doors {
        let (handle, open) = (door.handle, &door.open);
        let side = handle.z.signum();
        let hinge = Vec3::new(l + WALL, 0.0, side * w / 2.0);
        let (center, size) = if *open {
            (hinge + Vec3::new(w / 4.0, h / 2.0, side * WALL), Vec3::new(w / 2.0, h, WALL))
        } else {
            (Vec3::new(l + WALL / 2.0, h / 2.0, side * w / 4.0), Vec3::new(WALL, h, w / 2.0))
        };
        out.push(Instance::lit(center, q, size, DOORS));
        // Locking bars.
        if !*open {
            for bar in [0.3, 0.7] {
                let z = side * w / 2.0 * bar;
                out.push(Instance::lit(
                    Vec3::new(l + WALL * 1.5, h / 2.0, z),
                    q,
                    Vec3::new(0.03, h * 0.95, 0.04),
                    [0.5; 3],
                ));
            }
        }
    }
}

fn avatar_boxes(avatar: &SceneAvatar, out: &mut Vec<Instance>) {
    let color = role_color(avatar.role);
    let head = avatar.frame.head;
    if !avatar.me {
        out.push(Instance::lit(head.position, head.rotation, Vec3::new(0.18, 0.23, 0.2), color));
        // A visor shows where they look (forward is -z).
        let visor = head.position + head.rotation * Vec3::new(0.0, 0.02, -0.1);
        out.push(Instance::lit(visor, head.rotation, Vec3::new(0.16, 0.07, 0.03), [0.05, 0.05, 0.07]));
        // Shoulders under the head.
        let body = head.position - Vec3::Y * 0.45;
        let yaw = yaw_of(head.rotation);
        out.push(Instance::lit(body, yaw, Vec3::new(0.4, 0.55, 0.22), scale(color, 0.7)));
        // A band in their own colour round the head and across the chest: the overview tells
        // people of one role apart by it (the same colour marks their row in the panel).
        let own = participant_colour(avatar.id).map(|c| f32::from(c) / 255.0);
        out.push(Instance::lit(head.position + Vec3::Y * 0.1, head.rotation, Vec3::new(0.19, 0.05, 0.21), own));
        out.push(Instance::lit(body + Vec3::Y * 0.12, yaw, Vec3::new(0.41, 0.1, 0.23), own));
        if avatar.speaking {
            // A lit bar over the head while their voice plays.
            out.push(Instance::flat(
                head.position + Vec3::Y * 0.36,
                Quat::IDENTITY,
                Vec3::new(0.22, 0.04, 0.04),
                SPEAKING,
            ));
        }
    }
    let hand = scale(color, 1.25);
    for pose in [avatar.frame.left, avatar.frame.right] {
        out.push(Instance::lit(pose.position, pose.rotation, Vec3::new(0.07, 0.05, 0.12), hand));
    }
}

fn scale(c: [f32; 3], k: f32) -> [f32; 3] {
    c.map(|v| (v * k).min(1.0))
}

/// The rotation's turn about the vertical alone.
fn yaw_of(q: Quat) -> Quat {
    let forward = q * Vec3::NEG_Z;
    Quat::from_rotation_y((-forward.x).atan2(-forward.z))
}

/// A thin box from `a` to `b` (a pointer, a ray).
pub fn segment(a: Vec3, b: Vec3, thickness: f32, rgb: [f32; 3], out: &mut Vec<Instance>) {
    let d = b - a;
    let len = d.length();
    if len < 1e-4 {
        return;
    }
    let rot = Quat::from_rotation_arc(Vec3::Z, d / len);
    out.push(Instance::flat((a + b) / 2.0, rot, Vec3::new(thickness, thickness, len), rgb));
}

/// The twelve edges of a box.
fn frame(center: Vec3, rot: Quat, size: Vec3, rgb: [f32; 3], out: &mut Vec<Instance>) {
    let h = size / 2.0;
    let corners: Vec<Vec3> = (0..8)
        .map(|i| {
            let s = Vec3::new(
                if i & 1 == 0 { -1.0 } else { 1.0 },
                if i & 2 == 0 { -1.0 } else { 1.0 },
                if i & 4 == 0 { -1.0 } else { 1.0 },
            );
            center + rot * (s * h)
        })
        .collect();
    for i in 0..8usize {
        for bit in [1, 2, 4] {
            if i & bit == 0 {
                segment(corners[i], corners[i | bit], 0.02, rgb, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crossdock_client::interp::{AvatarFrame, Pose};
    use crossdock_client::view::{SceneDoor, SceneItem};
    use crossdock_protocol::drill::{ReadingValue, Tool};
    use crossdock_protocol::{NetId, ParticipantId};

    use super::*;

    fn container_scene() -> SceneInput {
        SceneInput {
            container_mm: [5_900, 2_350, 2_390],
            doors: vec![
                SceneDoor { id: NetId(1), handle: Vec3::new(5.95, 1.2, -0.55), open: false },
                SceneDoor { id: NetId(2), handle: Vec3::new(5.95, 1.2, 0.55), open: true },
            ],
            seal: Some(Vec3::new(5.95, 1.0, 0.45)),
            seal_number: Some("CN1234567".into()),
            items: vec![SceneItem {
                id: NetId(4),
                pose: Pose { position: Vec3::new(1.0, 0.5, 0.0), rotation: Quat::IDENTITY },
                size: Vec3::splat(1.0),
                kind: "pallet".into(),
                label: "MACHINE PARTS".into(),
                highlighted: true,
            }],
            avatars: vec![SceneAvatar {
                name: "Somchai".into(),
                administration: "TH".into(),
                role: Role::Trainee,
                frame: AvatarFrame {
                    head: Pose { position: Vec3::new(3.0, 1.6, 0.0), rotation: Quat::IDENTITY },
                    left: Pose { position: Vec3::new(2.8, 1.1, -0.2), rotation: Quat::IDENTITY },
                    right: Pose { position: Vec3::new(2.8, 1.1, 0.2), rotation: Quat::IDENTITY },
                },
                id: ParticipantId(2),
                me: false,
                speaking: false,
            }],
            findings: vec![(1, Vec3::new(0.3, 1.0, 0.0), FindingStatus::Open)],
            readings: vec![(Vec3::new(2.0, 1.2, 0.0), Tool::TapeMeasure, ReadingValue::Distance { mm: 5_250 })],
            pointer: None,
            viewer: Vec3::new(5.0, 1.6, 0.0),
            me: Some((ParticipantId(1), "Me".into(), Role::Instructor)),
            truth: Vec::new(),
            cutaway: false,
            voice_recorded: false,
        }
    }

    #[test]
    fn the_container_is_closed_on_five_sides_and_open_doors_swing_outside() {
        let boxes = build(&container_scene());
        let blue: Vec<&Instance> = boxes.iter().filter(|b| b.color[..3] == CONTAINER).collect();
        assert_eq!(blue.len(), 4, "roof, two side walls, front wall");
        let doors: Vec<&Instance> = boxes.iter().filter(|b| b.color[..3] == DOORS && b.center().x > 5.9).collect();
        assert_eq!(doors.len(), 2);
        assert!(doors.iter().any(|d| d.center().x > 6.2), "the open door stands outside the container");
        assert!(doors.iter().any(|d| d.center().x < 6.0), "the closed door stays in the door frame");
    }

    #[test]
    fn avatars_highlights_findings_and_readings_are_drawn() {
        let scene = container_scene();
        let boxes = build(&scene);
        assert!(boxes.iter().any(|b| b.color[..3] == TRAINEE), "a trainee's head");
        let own = participant_colour(ParticipantId(2)).map(|c| f32::from(c) / 255.0);
        assert_eq!(boxes.iter().filter(|b| b.color[..3] == own).count(), 2, "their own colour's bands");
        assert_eq!(boxes.iter().filter(|b| b.color[..3] == HIGHLIGHT).count(), 12, "a highlight frame");
        assert!(boxes.iter().any(|b| b.color == [0.9, 0.1, 0.1, 0.0]), "an open finding");
        assert!(boxes.iter().any(|b| b.color[..3] == READING), "where a reading was taken");

        let mut me = scene.clone();
        me.avatars[0].me = true;
        let mine = build(&me);
        assert!(!mine.iter().any(|b| b.color[..3] == TRAINEE), "the viewer's own head is not drawn");
        assert!(!boxes.iter().any(|b| b.color[..3] == SPEAKING), "silent: no speaking bar");
        let mut talking = scene.clone();
        talking.avatars[0].speaking = true;
        assert_eq!(build(&talking).iter().filter(|b| b.color[..3] == SPEAKING).count(), 1, "speaking bar");

        let mut local = scene.clone();
        let tracked = AvatarFrame {
            head: Pose { position: Vec3::new(4.0, 1.7, 0.1), rotation: Quat::IDENTITY },
            ..scene.avatars[0].frame
        };
        local.place_local(tracked);
        assert_eq!(local.avatars.len(), 2, "the tracked viewer joins the others");
        assert!(local.avatars.iter().any(|a| a.me && a.role == Role::Instructor && a.frame == tracked));
        assert_eq!(local.viewer, tracked.head.position);
    }
}
