//! The built-in scenario: a 20 ft dry van with two doors, a bolt seal and twelve pieces of cargo.
//!
//! Scenario files, concealments and the scenario library come with the drill; until then the
//! server knows this one scenario, named `default`.

use crossdock_protocol::quant::QPose;
use glam::{Quat, Vec3};

/// A piece of cargo as the scenario places it.
#[derive(Debug, Clone, PartialEq)]
pub struct CargoSpec {
    /// "pallet", "carton", ...
    pub kind: &'static str,
    /// The declared description.
    pub label: String,
    /// Size in millimetres (x, y, z).
    pub size_mm: [u32; 3],
    /// Where its centre starts, in metres in the room frame.
    pub position: Vec3,
}

/// A door as the scenario places it.
#[derive(Debug, Clone, PartialEq)]
pub struct DoorSpec {
    /// "left" or "right" seen from behind the container.
    pub name: &'static str,
    /// Where its handle is.
    pub handle: QPose,
}

/// Everything needed to build a session's World.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The scenario's name.
    pub name: String,
    /// Internal length (x), height (y) and width (z) in millimetres.
    pub container_mm: [u32; 3],
    /// The doors at the +x end.
    pub doors: Vec<DoorSpec>,
    /// The seal's number and pose.
    pub seal: (String, QPose),
    /// The cargo.
    pub cargo: Vec<CargoSpec>,
}

impl Scenario {
    /// Names of the scenarios this build knows.
    pub const BUILT_IN: [&'static str; 1] = ["default"];

    /// Looks a scenario up by name.
    pub fn by_name(name: &str) -> Result<Scenario, String> {
        match name {
            "default" => Ok(Scenario::default_20ft()),
            other => Err(format!("unknown scenario `{other}`: this build knows {}", Scenario::BUILT_IN.join(", "))),
        }
    }

    /// The built-in 20 ft dry van.
    pub fn default_20ft() -> Scenario {
        let (length, height, width) = (5.898, 2.393, 2.352);
        let mut cargo = Vec::new();
        for (i, z) in [-0.6f32, 0.6].into_iter().enumerate() {
            for (j, x) in [0.7f32, 2.0].into_iter().enumerate() {
                cargo.push(CargoSpec {
                    kind: "pallet",
                    label: format!("Pallet {} of ceramic tiles (HS 6907)", 2 * i + j + 1),
                    size_mm: [1200, 900, 1000],
                    position: Vec3::new(x, 0.45, z),
                });
            }
        }
        for k in 0..8 {
            let (row, col) = (k / 4, k % 4);
            cargo.push(CargoSpec {
                kind: "carton",
                label: format!("Carton {} of kitchenware (HS 7323)", k + 1),
                size_mm: [600, 400, 400],
                position: Vec3::new(3.2 + 0.7 * row as f32, 0.2, -0.9 + 0.6 * col as f32),
            });
        }
        let door_x = length + 0.05;
        Scenario {
            name: "default: 20 ft dry van, mixed kitchenware and tiles".to_owned(),
            container_mm: [(length * 1000.0) as u32, (height * 1000.0) as u32, (width * 1000.0) as u32],
            doors: vec![
                DoorSpec { name: "left", handle: QPose::new(Vec3::new(door_x, 1.2, -0.55), Quat::IDENTITY) },
                DoorSpec { name: "right", handle: QPose::new(Vec3::new(door_x, 1.2, 0.55), Quat::IDENTITY) },
            ],
            seal: ("CDX-2026-004417".to_owned(), QPose::new(Vec3::new(door_x, 1.0, 0.45), Quat::IDENTITY)),
            cargo,
        }
    }

    /// Internal size in metres (x, y, z).
    pub fn container_size(&self) -> Vec3 {
        Vec3::new(self.container_mm[0] as f32, self.container_mm[1] as f32, self.container_mm[2] as f32) / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_scenario_has_doors_a_seal_and_a_dozen_items_inside() {
        let s = Scenario::by_name("default").unwrap();
        assert_eq!(s.doors.len(), 2);
        assert!(s.cargo.len() >= 12);
        let size = s.container_size();
        for c in &s.cargo {
            let half = Vec3::new(c.size_mm[0] as f32, c.size_mm[1] as f32, c.size_mm[2] as f32) / 2000.0;
            assert!(c.position.x - half.x >= 0.0 && c.position.x + half.x <= size.x, "{c:?}");
            assert!(c.position.z.abs() + half.z <= size.z / 2.0, "{c:?}");
        }
    }

    #[test]
    fn unknown_scenarios_list_the_known_ones() {
        assert!(Scenario::by_name("nope").unwrap_err().contains("default"));
    }
}
