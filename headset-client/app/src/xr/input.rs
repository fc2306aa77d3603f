//! Controllers: one action set with suggested bindings for the simple controller, Oculus Touch
//! and Valve Index. Grip grabs and releases, trigger uses the held tool, the thumbstick
//! teleports (push forward, release) and snap-turns (flick sideways), the menu button cycles
//! tools and the finding marker, X (Touch) or A (Index) on the left hand is push-to-talk, Y
//! (Touch) or B (Index) on the left hand, or the left menu button of a simple controller, shows
//! and hides the tablet.
//! Haptic pulse on grab.

use anyhow::{Context, Result};
use glam::{Quat, Vec3};
use openxr as xr;

use crossdock_client::interp::Pose;

/// Press above this, release below [`RELEASE`] (hysteresis for analogue grips and triggers).
const PRESS: f32 = crossdock_client::interact::TRIGGER_PRESS;
/// See [`PRESS`].
const RELEASE: f32 = 0.3;
/// One snap turn, radians.
pub const SNAP_TURN: f32 = std::f32::consts::FRAC_PI_6;

/// A button's edges this frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Edge {
    /// Went down this frame.
    pub pressed: bool,
    /// Went up this frame.
    pub released: bool,
}

/// Hysteresis on an analogue value.
#[derive(Debug, Clone, Copy, Default)]
pub struct Trigger {
    down: bool,
}

impl Trigger {
    /// Feeds this frame's value; returns the edges.
    pub fn update(&mut self, value: f32) -> Edge {
        if !self.down && value >= PRESS {
            self.down = true;
            Edge { pressed: true, released: false }
        } else if self.down && value <= RELEASE {
            self.down = false;
            Edge { pressed: false, released: true }
        } else {
            Edge::default()
        }
    }
}

/// Thumbstick gestures: flick sideways to turn, push forward and let go to teleport.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stick {
    turned: bool,
    aiming: bool,
}

/// What a thumbstick did this frame.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StickGesture {
    /// Radians to turn (positive: left, counter-clockwise seen from above).
    pub turn: f32,
    /// Pushed forward now (show the target).
    pub aiming: bool,
    /// Released after aiming: teleport.
    pub teleport: bool,
}

impl Stick {
    /// Feeds this frame's stick position.
    pub fn update(&mut self, x: f32, y: f32) -> StickGesture {
        let mut out = StickGesture::default();
        if !self.turned && x.abs() >= PRESS && y.abs() < PRESS {
            self.turned = true;
            out.turn = -x.signum() * SNAP_TURN;
        } else if x.abs() <= RELEASE {
            self.turned = false;
        }
        if y >= PRESS {
            self.aiming = true;
        } else if self.aiming && y <= RELEASE {
            self.aiming = false;
            out.teleport = true;
        }
        out.aiming = self.aiming;
        out
    }
}

/// The input of one frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct InputFrame {
    /// Grip poses (left, right) in the stage space, when tracked.
    pub hands: [Option<Pose>; 2],
    /// Grip button edges (left, right).
    pub grab: [Edge; 2],
    /// Trigger edges (left, right).
    pub use_tool: [Edge; 2],
    /// Menu pressed.
    pub menu: bool,
    /// The tablet's button pressed.
    pub tablet: bool,
    /// Push-to-talk held.
    pub talk: bool,
    /// Thumbstick gestures, both sticks together.
    pub stick: StickGesture,
    /// The thumbstick's forward push (-1 to 1), the stick pushed furthest: scrolls the tablet.
    pub stick_y: f32,
    /// The hand that points changed (a half-pressed trigger): to this one, or to none.
    pub point: Option<Option<crossdock_protocol::Hand>>,
}

/// The action set and its per-hand state.
pub struct Controls {
    set: xr::ActionSet,
    hands: [xr::Path; 2],
    grip: xr::Action<xr::Posef>,
    grab: xr::Action<f32>,
    use_tool: xr::Action<f32>,
    stick: xr::Action<xr::Vector2f>,
    menu: xr::Action<bool>,
    tablet: xr::Action<bool>,
    talk: xr::Action<bool>,
    haptic: xr::Action<xr::Haptic>,
    spaces: [xr::Space; 2],
    grab_state: [Trigger; 2],
    use_state: [Trigger; 2],
    half: [crossdock_client::interact::Half; 2],
    pointing: Option<crossdock_protocol::Hand>,
    stick_state: Stick,
}

impl std::fmt::Debug for Controls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Controls").finish_non_exhaustive()
    }
}

/// Interaction profiles and their bindings: (profile, [(action, path)]).
const BINDINGS: &[(&str, &[(&str, &str)])] = &[
    (
        "/interaction_profiles/khr/simple_controller",
        &[
            ("grip", "/user/hand/left/input/grip/pose"),
            ("grip", "/user/hand/right/input/grip/pose"),
            ("grab", "/user/hand/left/input/select/click"),
            ("grab", "/user/hand/right/input/select/click"),
            ("tablet", "/user/hand/left/input/menu/click"),
            ("menu", "/user/hand/right/input/menu/click"),
            ("haptic", "/user/hand/left/output/haptic"),
            ("haptic", "/user/hand/right/output/haptic"),
        ],
    ),
    (
        "/interaction_profiles/oculus/touch_controller",
        &[
            ("grip", "/user/hand/left/input/grip/pose"),
            ("grip", "/user/hand/right/input/grip/pose"),
            ("grab", "/user/hand/left/input/squeeze/value"),
            ("grab", "/user/hand/right/input/squeeze/value"),
            ("use", "/user/hand/left/input/trigger/value"),
            ("use", "/user/hand/right/input/trigger/value"),
            ("stick", "/user/hand/left/input/thumbstick"),
            ("stick", "/user/hand/right/input/thumbstick"),
            ("menu", "/user/hand/left/input/menu/click"),
            ("talk", "/user/hand/left/input/x/click"),
            ("tablet", "/user/hand/left/input/y/click"),
            ("haptic", "/user/hand/left/output/haptic"),
            ("haptic", "/user/hand/right/output/haptic"),
        ],
    ),
    (
        "/interaction_profiles/valve/index_controller",
        &[
            ("grip", "/user/hand/left/input/grip/pose"),
            ("grip", "/user/hand/right/input/grip/pose"),
            ("grab", "/user/hand/left/input/squeeze/value"),
            ("grab", "/user/hand/right/input/squeeze/value"),
            ("use", "/user/hand/left/input/trigger/value"),
            ("use", "/user/hand/right/input/trigger/value"),
            ("stick", "/user/hand/left/input/thumbstick"),
            ("stick", "/user/hand/right/input/thumbstick"),
            ("tablet", "/user/hand/left/input/b/click"),
            ("menu", "/user/hand/right/input/b/click"),
            ("talk", "/user/hand/left/input/a/click"),
            ("haptic", "/user/hand/left/output/haptic"),
            ("haptic", "/user/hand/right/output/haptic"),
        ],
    ),
];

impl Controls {
    /// Creates the actions, suggests the bindings and attaches the set to `session`.
    pub fn new<G: xr::Graphics>(instance: &xr::Instance, session: &xr::Session<G>) -> Result<Controls> {
        let set = instance.create_action_set("crossdock", "Crossdock", 0)?;
        let hands = [instance.string_to_path("/user/hand/left")?, instance.string_to_path("/user/hand/right")?];
        let grip = set.create_action::<xr::Posef>("grip", "Hand pose", &hands)?;
        let grab = set.create_action::<f32>("grab", "Grab and release", &hands)?;
        let use_tool = set.create_action::<f32>("use", "Use the tool", &hands)?;
        let stick = set.create_action::<xr::Vector2f>("stick", "Teleport and turn", &hands)?;
        let menu = set.create_action::<bool>("menu", "Tools and findings", &[])?;
        let talk = set.create_action::<bool>("talk", "Push to talk", &[])?;
        let tablet = set.create_action::<bool>("tablet", "Show or hide the tablet", &[])?;
        let haptic = set.create_action::<xr::Haptic>("haptic", "Grab pulse", &hands)?;
        for (profile, bindings) in BINDINGS {
            let mut list = Vec::new();
            for (action, path) in *bindings {
                let path = instance.string_to_path(path)?;
                list.push(match *action {
                    "grip" => xr::Binding::new(&grip, path),
                    "grab" => xr::Binding::new(&grab, path),
                    "use" => xr::Binding::new(&use_tool, path),
                    "stick" => xr::Binding::new(&stick, path),
                    "menu" => xr::Binding::new(&menu, path),
                    "talk" => xr::Binding::new(&talk, path),
                    "tablet" => xr::Binding::new(&tablet, path),
                    _ => xr::Binding::new(&haptic, path),
                });
            }
            // A runtime may not know every profile; the others still apply.
            if let Err(e) = instance.suggest_interaction_profile_bindings(instance.string_to_path(profile)?, &list) {
                tracing::warn!(profile, error = %e, "bindings not accepted");
            }
        }
        session.attach_action_sets(&[&set]).context("cannot attach the controller actions")?;
        let spaces = [
            grip.create_space(session, hands[0], xr::Posef::IDENTITY)?,
            grip.create_space(session, hands[1], xr::Posef::IDENTITY)?,
        ];
        Ok(Controls {
            set,
            hands,
            grip,
            grab,
            use_tool,
            stick,
            menu,
            tablet,
            talk,
            haptic,
            spaces,
            grab_state: Default::default(),
            use_state: Default::default(),
            half: Default::default(),
            pointing: None,
            stick_state: Default::default(),
        })
    }

    /// Syncs the actions and reads this frame's input, hands located in `stage` at `time`.
    pub fn read<G: xr::Graphics>(
        &mut self,
        session: &xr::Session<G>,
        stage: &xr::Space,
        time: xr::Time,
    ) -> Result<InputFrame> {
        session.sync_actions(&[(&self.set).into()])?;
        let mut frame = InputFrame::default();
        let mut stick = (0.0f32, 0.0f32);
        let seconds = time.as_nanos() as f64 / 1e9;
        for i in 0..2 {
            let hand = self.hands[i];
            if self.grip.is_active(session, hand)? {
                let location = self.spaces[i].locate(stage, time)?;
                let valid = xr::SpaceLocationFlags::POSITION_VALID | xr::SpaceLocationFlags::ORIENTATION_VALID;
                if location.location_flags.contains(valid) {
                    frame.hands[i] = Some(pose_of(location.pose));
                }
            }
            frame.grab[i] = self.grab_state[i].update(self.grab.state(session, hand)?.current_state);
            let trigger = self.use_tool.state(session, hand)?.current_state;
            frame.use_tool[i] = self.use_state[i].update(trigger);
            self.half[i].update(trigger, seconds);
            let s = self.stick.state(session, hand)?.current_state;
            if s.x.abs() + s.y.abs() > stick.0.abs() + stick.1.abs() {
                stick = (s.x, s.y);
            }
        }
        let menu = self.menu.state(session, xr::Path::NULL)?;
        frame.menu = menu.changed_since_last_sync && menu.current_state;
        let tablet = self.tablet.state(session, xr::Path::NULL)?;
        frame.tablet = tablet.changed_since_last_sync && tablet.current_state;
        frame.talk = self.talk.state(session, xr::Path::NULL)?.current_state;
        frame.stick = self.stick_state.update(stick.0, stick.1);
        frame.stick_y = stick.1;
        use crossdock_protocol::Hand;
        let half = self.half.map(|h| h.on());
        let pointing = if half[1] { Some(Hand::Right) } else { half[0].then_some(Hand::Left) };
        if pointing != self.pointing {
            self.pointing = pointing;
            frame.point = Some(pointing);
        }
        Ok(frame)
    }

    /// A short pulse on `hand` (0 left, 1 right).
    pub fn pulse<G: xr::Graphics>(&self, session: &xr::Session<G>, hand: usize) {
        let vibration = xr::HapticVibration::new()
            .amplitude(0.7)
            .frequency(xr::FREQUENCY_UNSPECIFIED)
            .duration(xr::Duration::from_nanos(60_000_000));
        if let Err(e) = self.haptic.apply_feedback(session, self.hands[hand], &vibration) {
            tracing::debug!(error = %e, "no haptic pulse");
        }
    }
}

/// An OpenXR pose as ours.
pub fn pose_of(p: xr::Posef) -> Pose {
    Pose {
        position: Vec3::new(p.position.x, p.position.y, p.position.z),
        rotation: Quat::from_xyzw(p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w).normalize(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grips_and_triggers_have_hysteresis() {
        let mut t = Trigger::default();
        assert_eq!(t.update(0.5), Edge::default());
        assert!(t.update(0.8).pressed);
        assert_eq!(t.update(0.5), Edge::default(), "held between the thresholds");
        assert!(t.update(0.1).released);
        assert_eq!(t.update(0.0), Edge::default());
    }

    #[test]
    fn the_stick_snap_turns_once_per_flick_and_teleports_on_release() {
        let mut s = Stick::default();
        assert_eq!(s.update(0.9, 0.0).turn, -SNAP_TURN, "right flick turns clockwise");
        assert_eq!(s.update(0.95, 0.0).turn, 0.0, "once per flick");
        s.update(0.0, 0.0);
        assert_eq!(s.update(-0.9, 0.0).turn, SNAP_TURN);
        s.update(0.0, 0.0);
        assert!(s.update(0.0, 0.9).aiming);
        let g = s.update(0.0, 0.1);
        assert!(g.teleport && !g.aiming);
        assert!(!s.update(0.0, 0.0).teleport);
    }
}
