//! Inspection tools: every reading computed from the one authoritative world and its truth.
//!
//! Pure functions over a [`Scene`] (a read-only view the tick assembles), so each tool's
//! physics is testable without a server. Forward is the aim pose's −z axis, as in OpenXR.

use crossdock_protocol::NetId;
use crossdock_protocol::drill::{Category, ReadingValue, Tool};
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::ray::{self, Room, Solid, Surface};
use crossdock_protocol::units;
use glam::{Quat, Vec3};

use crate::scenario::{Place, Scenario};
use crate::session::world::Item;

/// Contact tools (density meter, fiberscope) must touch within this distance, in metres.
pub const CONTACT: f32 = 0.3;
/// A tool must be within this distance of one of the user's hands, in metres.
pub const HAND_TO_TOOL: f32 = 0.5;
/// X-ray image size.
pub const XRAY_WIDTH: u16 = 96;
/// X-ray image rows.
pub const XRAY_HEIGHT: u16 = 24;
/// Natural background dose rate, nSv/h.
pub const BACKGROUND_NSV_H: f32 = 100.0;
/// Reading of a container wall with air behind it, kg/m³.
pub const WALL_DENSITY: f32 = 60.0;

/// The world as the tools see it.
#[derive(Debug)]
pub struct Scene<'a> {
    /// The scenario and its truth.
    pub scenario: &'a Scenario,
    /// The cargo where it is now.
    pub cargo: Vec<&'a Item>,
    /// Whether any rear door is open.
    pub doors_open: bool,
    /// The seal now: number, condition, where.
    pub seal: (String, String, Vec3),
}

/// What the ray hit (a solid is an index into `Scene::cargo`).
type Hit = Surface;

/// The room and its cargo as rays see them.
fn solids(scene: &Scene) -> (Room, Vec<Solid>) {
    let size = scene.scenario.container_size();
    let room = Room::new(size, scene.scenario.false_wall_depth().unwrap_or(0.0), scene.doors_open);
    let solids = scene
        .cargo
        .iter()
        .map(|c| Solid { center: c.pose.position(), rotation: c.pose.rotation(), half: c.half_extents })
        .collect();
    (room, solids)
}

/// Where the ray from `origin` along `dir` first meets a surface, and what it is.
fn cast(scene: &Scene, origin: Vec3, dir: Vec3) -> Option<(f32, Hit)> {
    let (room, solids) = solids(scene);
    ray::cast(&room, &solids, origin, dir)
}

/// Where a hand at `origin` pointing along `dir` puts its dot (the pointing gesture).
pub fn point(scene: &Scene, origin: Vec3, dir: Vec3) -> Option<Vec3> {
    let (room, solids) = solids(scene);
    ray::point(&room, &solids, origin, dir)
}

/// Reads a non-opening tool aimed at `aim`. `hands` are the user's hand positions.
pub fn read(
    tool: Tool,
    aim: QPose,
    target: Option<NetId>,
    scene: &Scene,
    hands: [Vec3; 2],
) -> Result<ReadingValue, DenyReason> {
    let origin = aim.position();
    let dir = (aim.rotation() * Vec3::NEG_Z).normalize_or(Vec3::NEG_X);
    let hand_held = || {
        if hands.iter().any(|h| h.distance(origin) <= HAND_TO_TOOL) { Ok(()) } else { Err(DenyReason::OutOfReach) }
    };
    let scenario = scene.scenario;
    Ok(match tool {
        Tool::Documents => ReadingValue::Documents,
        Tool::Scale => ReadingValue::Mass { kg: scenario.real_gross_kg().round() as u32 },
        Tool::XRay => xray(scene),
        Tool::SealCheck => {
            if origin.distance(scene.seal.2) > 1.0 {
                return Err(DenyReason::OutOfReach);
            }
            ReadingValue::Seal { number: scene.seal.0.clone(), condition: scene.seal.1.clone() }
        }
        Tool::TapeMeasure => {
            hand_held()?;
            let (t, _) = cast(scene, origin, dir).ok_or(DenyReason::OutOfReach)?;
            ReadingValue::Distance { mm: units::whole_mm(t) as u32 }
        }
        Tool::DensityMeter => {
            hand_held()?;
            let (t, hit) = cast(scene, origin, dir).filter(|(t, _)| *t <= CONTACT).ok_or(DenyReason::OutOfReach)?;
            let point = origin + dir * t;
            ReadingValue::Density { kg_m3: density_behind(scene, &hit, point).round() as u32 }
        }
        Tool::TraceDetector => {
            hand_held()?;
            let found = scenario.concealments.iter().find(|c| {
                matches!(c.category, Category::Narcotics | Category::Explosives)
                    && distance_to(scene, &c.place, c.position, origin) <= 1.0
            });
            ReadingValue::Trace {
                alarm: found.is_some(),
                class: found
                    .map(|c| c.substance.clone().unwrap_or_else(|| c.category.as_str().to_owned()))
                    .unwrap_or_default(),
            }
        }
        Tool::RadiationPager => {
            hand_held()?;
            let dose: f32 = scenario
                .concealments
                .iter()
                .filter_map(|c| {
                    let at = position_now(scene, &c.place, c.position);
                    c.dose_rate_nsv_h_at_1m.map(|d| d / at.distance_squared(origin).max(0.01))
                })
                .sum();
            ReadingValue::DoseRate { nsv_h: (BACKGROUND_NSV_H + dose).round() as u32 }
        }
        Tool::Fiberscope => {
            hand_held()?;
            let (_, hit) = cast(scene, origin, dir).filter(|(t, _)| *t <= CONTACT).ok_or(DenyReason::OutOfReach)?;
            ReadingValue::View { text: look_inside(scene, &hit) }
        }
        Tool::Flashlight => {
            hand_held()?;
            let text = match (target, cast(scene, origin, dir)) {
                (Some(_), _) if origin.distance(scene.seal.2) <= 1.0 => {
                    format!("The seal reads {}; it looks {}", scene.seal.0, scene.seal.1)
                }
                (_, Some((_, Hit::FrontWall))) if has_indicator(scenario, "fresh-welds") => {
                    "Fresh weld seams and new paint along the edges of the front wall".to_owned()
                }
                (_, Some((_, Hit::Solid(i)))) => {
                    format!("A {} labelled \"{}\"", scene.cargo[i].kind, scene.cargo[i].label)
                }
                _ => "Nothing unusual in the light".to_owned(),
            };
            ReadingValue::View { text }
        }
        Tool::PryBar | Tool::Drill | Tool::Knife => return Err(DenyReason::NotOpenable),
    })
}

/// Whether `tool` can open a package of `kind`.
pub fn can_open(tool: Tool, kind: &str) -> bool {
    match tool {
        Tool::Knife => matches!(kind, "carton" | "bag"),
        Tool::PryBar => matches!(kind, "pallet" | "drum" | "carton"),
        Tool::Drill => true,
        _ => false,
    }
}

fn has_indicator(scenario: &Scenario, name: &str) -> bool {
    scenario.concealments.iter().any(|c| c.indicators.iter().any(|i| i == name))
}

fn density_behind(scene: &Scene, hit: &Hit, point: Vec3) -> f32 {
    let scenario = scene.scenario;
    let size = scenario.container_size();
    let structure = scenario.concealments.iter().find_map(|c| match c.place {
        Place::Structure { .. } if c.position.distance(point) <= 0.5 => Some(c.mass_kg / 0.05),
        _ => None,
    });
    if let Some(d) = structure {
        return d;
    }
    match hit {
        Hit::Solid(i) => {
            let c = &scene.cargo[*i];
            c.mass_kg / (8.0 * c.half_extents.x * c.half_extents.y * c.half_extents.z)
        }
        Hit::FrontWall => match scenario.false_wall_depth() {
            Some(depth) => {
                let hidden: f32 = scenario
                    .concealments
                    .iter()
                    .filter(|c| matches!(c.place, Place::FalseWall { .. }))
                    .map(|c| c.mass_kg)
                    .sum();
                WALL_DENSITY + hidden / (depth * size.y * size.z)
            }
            None => WALL_DENSITY,
        },
        Hit::Door | Hit::Shell => WALL_DENSITY,
    }
}

fn look_inside(scene: &Scene, hit: &Hit) -> String {
    match hit {
        Hit::Solid(i) => format!(
            "Inside the {} labelled \"{}\": {}",
            scene.cargo[*i].kind, scene.cargo[*i].label, scene.cargo[*i].content
        ),
        Hit::FrontWall => {
            let hidden: Vec<&str> = scene
                .scenario
                .concealments
                .iter()
                .filter(|c| matches!(c.place, Place::FalseWall { .. }))
                .map(|c| c.description.as_str())
                .collect();
            if hidden.is_empty() {
                "Behind the front wall: the outer skin, nothing else".to_owned()
            } else {
                format!("Behind the front wall, a cavity: {}", hidden.join("; "))
            }
        }
        Hit::Door | Hit::Shell => "Behind the wall: the outer skin, nothing else".to_owned(),
    }
}

/// The package hiding a concealment, wherever it has been moved to.
fn host<'a>(scene: &Scene<'a>, place: &Place) -> Option<&'a Item> {
    match place {
        Place::Inside { cargo } => scene.cargo.iter().copied().find(|c| &c.scenario_id == cargo),
        _ => None,
    }
}

/// Where a concealment is now: its host package's centre, or where the scenario put it.
fn position_now(scene: &Scene, place: &Place, position: Vec3) -> Vec3 {
    host(scene, place).map_or(position, |c| c.pose.position())
}

/// Distance from `point` to where a concealment sits.
fn distance_to(scene: &Scene, place: &Place, position: Vec3, point: Vec3) -> f32 {
    match (place, host(scene, place)) {
        (_, Some(c)) => units::distance_to_box(point, c.pose.position(), c.pose.rotation(), c.half_extents),
        (Place::FalseWall { depth_mm }, _) => (point.x - units::metres(*depth_mm)).abs(),
        _ => point.distance(position),
    }
}

/// The X-ray: areal density seen from the side (x along the container, y up), 0–255.
fn xray(scene: &Scene) -> ReadingValue {
    let scenario = scene.scenario;
    let size = scenario.container_size();
    let (w, h) = (XRAY_WIDTH as usize, XRAY_HEIGHT as usize);
    let mut pixels = vec![0u8; w * h];
    let shell = 2.0 * 0.002 * 7850.0;
    for row in 0..h {
        let y = size.y * (1.0 - (row as f32 + 0.5) / h as f32);
        for col in 0..w {
            let x = size.x * (col as f32 + 0.5) / w as f32;
            let mut areal = shell;
            for c in &scene.cargo {
                let extent = rotated_extent(c.pose.rotation(), c.half_extents);
                if (x - c.pose.position().x).abs() <= extent.x && (y - c.pose.position().y).abs() <= extent.y {
                    areal +=
                        c.mass_kg / (8.0 * c.half_extents.x * c.half_extents.y * c.half_extents.z) * 2.0 * extent.z;
                }
            }
            for con in &scenario.concealments {
                areal += match con.place {
                    Place::FalseWall { depth_mm } if x <= units::metres(depth_mm) => {
                        con.mass_kg / (units::metres(depth_mm) * size.y)
                    }
                    Place::Load if y <= 0.1 => con.mass_kg / (size.x * 0.1),
                    Place::Structure { .. } if Vec3::new(x, y, con.position.z).distance(con.position) <= 0.3 => {
                        con.mass_kg / 0.09
                    }
                    _ => 0.0,
                };
            }
            pixels[row * w + col] = (areal / 8.0).round().min(255.0) as u8;
        }
    }
    ReadingValue::Image { width: XRAY_WIDTH, height: XRAY_HEIGHT, pixels }
}

fn rotated_extent(rotation: Quat, half: Vec3) -> Vec3 {
    let m = glam::Mat3::from_quat(rotation);
    m.x_axis.abs() * half.x + m.y_axis.abs() * half.y + m.z_axis.abs() * half.z
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(scenario: &Scenario) -> Vec<Item> {
        scenario
            .cargo
            .iter()
            .enumerate()
            .map(|(i, c)| Item {
                id: NetId(10 + i as u16),
                scenario_id: c.id.clone(),
                kind: c.kind.clone(),
                label: c.label.clone(),
                content: c.content.clone(),
                mass_kg: c.mass_kg,
                half_extents: Vec3::new(c.size_mm[0] as f32, c.size_mm[1] as f32, c.size_mm[2] as f32) / 2000.0,
                pose: QPose::new(c.position, Quat::IDENTITY),
                held: None,
                openable: c.openable,
                opened: false,
                model: None,
            })
            .collect()
    }

    fn scene<'a>(scenario: &'a Scenario, items: &'a [Item]) -> Scene<'a> {
        let size = scenario.container_size();
        let seal = (scenario.seal.0.clone(), scenario.seal.1.clone(), Vec3::new(size.x + 0.05, 1.0, 0.45));
        Scene { scenario, cargo: items.iter().collect(), doors_open: true, seal }
    }

    /// Standing at the doors, measuring along the container above the cargo.
    fn measure(scenario: &Scenario) -> u32 {
        let size = scenario.container_size();
        let aim = QPose::new(Vec3::new(size.x, size.y - 0.1, 0.0), Quat::from_rotation_y(std::f32::consts::FRAC_PI_2));
        match read(Tool::TapeMeasure, aim, None, &scene(scenario, &items(scenario)), [aim.position(); 2]).unwrap() {
            ReadingValue::Distance { mm } => mm,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_tape_measure_finds_the_false_wall() {
        let walled = Scenario::load("false-wall-20ft").unwrap();
        let clean = Scenario::load("clean-20ft").unwrap();
        assert!((measure(&clean) as i32 - 5898).abs() <= 2, "{}", measure(&clean));
        assert!((measure(&walled) as i32 - 5298).abs() <= 2, "{}", measure(&walled));
    }

    #[test]
    fn the_scale_shows_the_weight_gap_and_the_xray_the_cavity() {
        let s = Scenario::load("weight-gap-20ft").unwrap();
        let ReadingValue::Mass { kg } =
            read(Tool::Scale, QPose::ZERO, None, &scene(&s, &items(&s)), [Vec3::ZERO; 2]).unwrap()
        else {
            panic!()
        };
        assert!(kg as i64 - s.documents.declared_gross_kg as i64 >= 3000, "{kg} vs {}", s.documents.declared_gross_kg);

        let walled = Scenario::load("false-wall-20ft").unwrap();
        let clean = Scenario::load("clean-20ft").unwrap();
        let walled_items = items(&walled);
        let ReadingValue::Image { width, pixels, .. } = xray(&scene(&walled, &walled_items)) else { panic!() };
        let ReadingValue::Image { pixels: clean, .. } = xray(&scene(&clean, &items(&clean))) else { panic!() };
        let mid_row = 12 * width as usize;
        assert!(pixels[mid_row + 2] > clean[mid_row + 2] + 20, "the cavity shows dense at the front");
    }

    #[test]
    fn trace_and_radiation_tools_respond_near_their_sources_only() {
        let drugs = Scenario::load("pallet-core-40ft").unwrap();
        let drug_items = items(&drugs);
        let sc = scene(&drugs, &drug_items);
        let host = drugs.concealments[0].position;
        let near = QPose::new(host + Vec3::new(0.0, 0.8, 0.0), Quat::IDENTITY);
        let ReadingValue::Trace { alarm, class } =
            read(Tool::TraceDetector, near, None, &sc, [near.position(); 2]).unwrap()
        else {
            panic!()
        };
        assert!(alarm && class.contains("cocaine"));
        let far = QPose::new(Vec3::new(11.5, 2.2, 0.0), Quat::IDENTITY);
        let far_host = drugs.concealments.iter().all(|c| c.position.distance(far.position()) > 3.0);
        let ReadingValue::Trace { alarm, .. } = read(Tool::TraceDetector, far, None, &sc, [far.position(); 2]).unwrap()
        else {
            panic!()
        };
        assert!(!alarm || !far_host);

        let rad = Scenario::load("radioactive-20ft").unwrap();
        let src = rad.concealments[0].position;
        let dose = |p: Vec3| match read(
            Tool::RadiationPager,
            QPose::new(p, Quat::IDENTITY),
            None,
            &scene(&rad, &items(&rad)),
            [p; 2],
        )
        .unwrap()
        {
            ReadingValue::DoseRate { nsv_h } => nsv_h,
            other => panic!("{other:?}"),
        };
        assert!(dose(src + Vec3::new(0.0, 1.0, 0.0)) > 10 * dose(src + Vec3::new(5.0, 1.0, 0.0)));
    }

    #[test]
    fn a_tool_out_of_hand_or_out_of_contact_is_refused() {
        let s = Scenario::load("clean-20ft").unwrap();
        let aim = QPose::new(Vec3::new(3.0, 2.0, 0.0), Quat::IDENTITY);
        assert_eq!(
            read(Tool::TapeMeasure, aim, None, &scene(&s, &items(&s)), [Vec3::ZERO; 2]),
            Err(DenyReason::OutOfReach)
        );
        assert_eq!(
            read(Tool::DensityMeter, aim, None, &scene(&s, &items(&s)), [aim.position(); 2]),
            Err(DenyReason::OutOfReach)
        );
    }
}
