//! A body from three tracked points: the head and two hands a headset (or a desktop's camera)
//! sends, and nothing else. The neck hangs under the head; the torso follows the head's turn a
//! little late and bends at the hips when the head goes down; the arms reach the hands by
//! two-bone inverse kinematics, their elbows kept out of the torso; the feet stay planted and
//! step when the hips leave them behind. Sizes scale with the person's standing eye height, which
//! each [`Gait`] learns from how high the head goes, so a crouch bends the knees instead of
//! shrinking the person.
//!
//! Pure: [`Gait::pose`] takes the frame and the seconds since the last one, and the unit tests
//! hold the solver to its promises (reach, elbows, jitter, continuity).

use glam::{Quat, Vec3};

/// An eye height to start from before a person has stood up straight, metres.
pub const DEFAULT_EYE: f32 = 1.62;
/// The lowest and highest standing eye heights the body takes (a child-sized avatar for a seated
/// user without `--height-offset` would mislead; so would a giant).
const EYE_RANGE: (f32, f32) = (1.45, 1.85);

/// Lengths of a body, metres, from its standing eye height (anthropometric shares of stature:
/// eyes at 0.936, the seventh vertebra at 0.818, hip joints at 0.53, ankles at 0.039).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proportions {
    /// Standing eye height.
    pub eye: f32,
    /// Whole height.
    pub stature: f32,
    /// Neck base (the seventh vertebra) to hip joints, standing.
    pub spine: f32,
    /// Half the distance between the shoulder joints.
    pub shoulder: f32,
    /// Half the distance between the hip joints.
    pub hip: f32,
    /// Shoulder to elbow.
    pub upper_arm: f32,
    /// Elbow to wrist.
    pub forearm: f32,
    /// Hip joint to knee.
    pub thigh: f32,
    /// Knee to ankle.
    pub shin: f32,
    /// Ankle above the floor.
    pub ankle: f32,
}

impl Proportions {
    /// The lengths of a person whose eyes stand `eye` metres above the floor.
    pub fn of(eye: f32) -> Proportions {
        let stature = eye.clamp(EYE_RANGE.0, EYE_RANGE.1) / 0.936;
        Proportions {
            eye: stature * 0.936,
            stature,
            spine: stature * (0.818 - 0.53),
            shoulder: stature * 0.11,
            hip: stature * 0.05,
            upper_arm: stature * 0.172,
            forearm: stature * 0.157,
            thigh: stature * 0.245,
            shin: stature * 0.246,
            ankle: stature * 0.039,
        }
    }

    /// How far a shoulder reaches to the wrist.
    pub fn reach(&self) -> f32 {
        self.upper_arm + self.forearm
    }
}

/// Where the wrist sits behind a tracked hand (the grip pose is in the palm), in the hand's
/// frame (fingers along -z).
pub const WRIST: Vec3 = Vec3::new(0.0, 0.0, 0.075);

/// A posed arm: shoulder, elbow and wrist.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limb {
    /// Where it starts (shoulder or hip joint).
    pub root: Vec3,
    /// The middle joint (elbow or knee).
    pub mid: Vec3,
    /// Where it ends (wrist or ankle).
    pub end: Vec3,
}

/// A posed body, room frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Skeleton {
    /// Its lengths.
    pub size: Proportions,
    /// The body's turn about the vertical (the hips').
    pub yaw: Quat,
    /// The hip joints' midpoint.
    pub pelvis: Vec3,
    /// The seventh vertebra: where the neck meets the shoulders.
    pub neck: Vec3,
    /// The skull's base, under the head.
    pub skull: Vec3,
    /// The chest's turn: the body's yaw, then its lean forward from the hips.
    pub chest: Quat,
    /// Left arm, right arm.
    pub arms: [Limb; 2],
    /// Left leg, right leg (the end is the ankle).
    pub legs: [Limb; 2],
    /// Each foot's turn about the vertical.
    pub feet: [Quat; 2],
}

impl Skeleton {
    /// The body's forward direction on the floor.
    pub fn forward(&self) -> Vec3 {
        self.yaw * Vec3::NEG_Z
    }
}

/// The turn of `head` about the vertical, robust to looking straight down or up (then the top of
/// the head says which way the body faces).
pub fn head_yaw(head: Quat) -> f32 {
    let look = head * Vec3::NEG_Z;
    let top = head * Vec3::Y;
    let flat = Vec3::new(look.x, 0.0, look.z);
    // Looking down, the top of the head leans forward; looking up, backward.
    let from_top = Vec3::new(top.x, 0.0, top.z) * -look.y.signum();
    let weight = (1.0 - flat.length() / 0.5).clamp(0.0, 1.0);
    let f = flat + from_top * weight;
    (-f.x).atan2(-f.z)
}

/// Two-bone inverse kinematics: the middle joint and end of a limb from `root` with bones of
/// `upper` and `lower` metres reaching for `target`, bent towards `pole` (a direction). Out of
/// reach, the limb points straight at the target; too close, it folds as far as it can.
pub fn two_bone(root: Vec3, target: Vec3, upper: f32, lower: f32, pole: Vec3) -> Limb {
    let to = target - root;
    let along = to.normalize_or(Vec3::NEG_Y);
    let d = to.length().clamp((upper - lower).abs() + 1e-3, upper + lower - 1e-4);
    let bend = bend_direction(along, pole);
    // The law of cosines: how far along the root-target line the middle joint sits, and how far
    // off it.
    let a = (upper * upper - lower * lower + d * d) / (2.0 * d);
    let h = (upper * upper - a * a).max(0.0).sqrt();
    let mid = root + along * a + bend * h;
    Limb { root, mid, end: root + along * d }
}

/// The unit direction, across `along`, that `pole` leans to; a fixed one when `pole` lies along
/// the limb.
fn bend_direction(along: Vec3, pole: Vec3) -> Vec3 {
    let across = pole - along * along.dot(pole);
    let spare = along.any_orthonormal_vector();
    // Blend towards a fixed perpendicular as the pole lines up with the limb, so the joint turns
    // smoothly through the degenerate pose instead of flipping.
    let weight = (1.0 - across.length() / 0.25).clamp(0.0, 1.0);
    (across + spare * weight * 0.25).normalize_or(spare)
}

/// The elbow's pole in the chest's frame (x right, y up, -z forward) for the arm on `side` (-1
/// left, +1 right), given where the wrist is in that frame: elbows hang down and a little out and
/// back; a hand raised overhead or reaching behind swings them outward.
fn elbow_pole(side: f32, wrist: Vec3) -> Vec3 {
    let raised = ((wrist.y + 0.1) / 0.5).clamp(0.0, 1.0);
    let behind = (wrist.z / 0.3).clamp(0.0, 1.0);
    let out = 0.45 + 0.8 * raised + 0.6 * behind;
    Vec3::new(side * out, -1.0 + 1.2 * raised, 0.35 - 0.6 * behind).normalize()
}

/// How far a point in the chest's frame is from the torso's axis, as a share of the torso's
/// outline (an elliptic cylinder from the shoulders down to below the hips) with `margin`
/// metres of sleeve around it: below 1 inside; [`f32::MAX`] above or below the torso.
fn torso_share(local: Vec3, size: &Proportions, margin: f32) -> f32 {
    let half_width = size.shoulder * 0.78 + margin;
    let half_depth = size.stature * 0.075 + margin;
    if local.y >= 0.02 || local.y <= -size.spine - 0.1 {
        return f32::MAX;
    }
    (local.x / half_width).powi(2) + (local.z / half_depth).powi(2)
}

/// An arm from `shoulder` to the wrist behind `hand`, its elbow never inside the torso: it
/// turns about the shoulder-wrist line until it clears, and if no turn does (a hand reaching
/// across and beyond the body), the arm bends a little short of the hand.
fn arm(shoulder: Vec3, wrist: Vec3, side: f32, chest: Quat, neck: Vec3, size: &Proportions) -> Limb {
    let to_chest = chest.inverse();
    let local = |p: Vec3| to_chest * (p - neck);
    let pole = chest * elbow_pole(side, local(wrist));
    // How far outside the torso's outline an elbow is (1 and above: clear).
    let clearance = |mid: Vec3| torso_share(local(mid), size, 0.045);
    let reach = shoulder.distance(wrist).min(size.reach());
    let mut best: Option<(f32, Limb)> = None;
    for short in [0.0, 0.06, 0.12, 0.2] {
        let target = shoulder + (wrist - shoulder).normalize_or(Vec3::NEG_Y) * (reach - short);
        let limb = two_bone(shoulder, target, size.upper_arm, size.forearm, pole);
        let axis = (limb.end - limb.root).normalize_or(Vec3::NEG_Y);
        // Outward first, then either way, in steps of 15 degrees.
        for step in 0..=12 {
            for way in [side, -side] {
                let turn = Quat::from_axis_angle(axis, way * step as f32 * 15f32.to_radians());
                let turned = Limb { mid: limb.root + turn * (limb.mid - limb.root), ..limb };
                let clear = clearance(turned.mid);
                if clear >= 1.0 {
                    return turned;
                }
                if best.is_none_or(|(b, _)| clear > b) {
                    best = Some((clear, turned));
                }
            }
        }
    }
    best.map_or_else(|| two_bone(shoulder, wrist, size.upper_arm, size.forearm, pole), |(_, limb)| limb)
}

/// What a body remembers between frames: its turn, its standing height, where its feet are.
#[derive(Debug, Clone, PartialEq)]
pub struct Gait {
    eye: f32,
    yaw: f32,
    pelvis: Vec3,
    velocity: Vec3,
    feet: [Foot; 2],
    started: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Foot {
    /// Where it stands on the floor, and its turn.
    at: Vec3,
    yaw: f32,
    /// A step under way: from where, and how far through it (0..1).
    step: Option<(Vec3, f32, f32)>,
}

/// How long a step takes, seconds.
const STEP_TIME: f32 = 0.3;
/// How far the hips may leave a planted foot's place before it steps, metres.
const STEP_AFTER: f32 = 0.2;
/// How far the body's yaw may trail the head's, radians.
const MAX_TWIST: f32 = 0.9;
/// The fastest a body walks, metres a second.
const MAX_SPEED: f32 = 2.5;
/// How slowly a standing height is forgotten when the head stays lower (seconds).
const FORGET_HEIGHT: f32 = 300.0;
/// How quickly the body turns after the head (its time constant, seconds).
const TURN_LAG: f32 = 0.35;

impl Default for Gait {
    fn default() -> Gait {
        Gait {
            eye: DEFAULT_EYE,
            yaw: 0.0,
            pelvis: Vec3::ZERO,
            velocity: Vec3::ZERO,
            feet: [Foot { at: Vec3::ZERO, yaw: 0.0, step: None }; 2],
            started: false,
        }
    }
}

impl Gait {
    /// The body under `head` with hands at `hands` (none: they hang), `dt` seconds after the last
    /// pose.
    pub fn pose(&mut self, head: (Vec3, Quat), hands: Option<[(Vec3, Quat); 2]>, dt: f32) -> Skeleton {
        let dt = dt.clamp(0.0, 0.25);
        let (head_at, head_turn) = head;
        // Standing height: the highest the eyes go, forgotten slowly (a crouch is not a new
        // height; a different person in the same seat, after a while, is).
        let standing = head_at.y.clamp(EYE_RANGE.0, EYE_RANGE.1);
        if !self.started || standing > self.eye {
            self.eye = standing;
        } else {
            self.eye -= (self.eye - standing) * (dt / FORGET_HEIGHT).min(1.0);
        }
        let size = Proportions::of(self.eye);

        // The body turns after the head, late and never too far behind.
        let target = head_yaw(head_turn);
        if !self.started {
            self.yaw = target;
        }
        let behind = wrap(target - self.yaw);
        self.yaw += behind * (1.0 - (-dt / TURN_LAG).exp());
        let behind = wrap(target - self.yaw);
        if behind.abs() > MAX_TWIST {
            self.yaw = wrap(target - MAX_TWIST * behind.signum());
        }
        let yaw = Quat::from_rotation_y(self.yaw);
        let forward = yaw * Vec3::NEG_Z;

        // The neck under the skull, behind the eyes.
        let skull = head_at + head_turn * Vec3::new(0.0, -0.075, 0.085);
        let neck = skull - Vec3::Y * (size.stature * 0.06) + forward * 0.01;
        // Standing, the hips are under the neck; lower, the body bends at the hips first, then
        // at the knees.
        let neck_standing = size.stature * 0.818;
        let hip_standing = size.stature * 0.53;
        let drop = (neck_standing - neck.y).max(0.0);
        let hips_y = (hip_standing - 0.45 * drop).max(size.stature * 0.2);
        let cos_lean = ((neck.y - hips_y) / size.spine).clamp(70f32.to_radians().cos(), 1.0);
        let lean = cos_lean.acos();
        let spine = forward * lean.sin() + Vec3::Y * cos_lean;
        let pelvis = neck - spine * size.spine;
        let chest = Quat::from_axis_angle(yaw * Vec3::X, -lean) * yaw;

        if self.started && dt > 0.0 {
            let moved = (pelvis - self.pelvis) * Vec3::new(1.0, 0.0, 1.0) / dt;
            // A jump (a teleport, a debrief's seek) is not walking; walking is at most a run.
            let walked = if moved.length() > MAX_SPEED * 2.0 { Vec3::ZERO } else { moved.clamp_length_max(MAX_SPEED) };
            self.velocity = self.velocity.lerp(walked, (dt / 0.15).min(1.0));
        }
        self.pelvis = pelvis;

        let right = chest * Vec3::X;
        let arms = [-1.0f32, 1.0].map(|side| {
            let shoulder = neck + right * (side * size.shoulder) - chest * Vec3::Y * 0.035;
            let wrist = match hands {
                Some(hands) => {
                    let (at, turn) = hands[usize::from(side > 0.0)];
                    at + turn * WRIST
                }
                // No hands tracked: they hang at the sides.
                None => shoulder + right * (side * 0.05) - Vec3::Y * (size.reach() * 0.97),
            };
            arm(shoulder, wrist, side, chest, neck, &size)
        });

        let (legs, feet, pelvis) = self.legs(pelvis, yaw, &size, dt);
        self.started = true;
        Skeleton { size, yaw, pelvis, neck, skull, chest, arms, legs, feet }
    }

    /// Plants and steps the feet under `pelvis`, and bends the knees to reach them.
    /// The hips come down as far as a foot far from under them needs (they bob as one walks).
    fn legs(&mut self, pelvis: Vec3, yaw: Quat, size: &Proportions, dt: f32) -> ([Limb; 2], [Quat; 2], Vec3) {
        let ahead = self.velocity * (STEP_TIME * 0.6);
        let home = |side: f32| {
            let at = pelvis + yaw * Vec3::new(side * (size.hip + 0.03), 0.0, 0.0) + ahead;
            Vec3::new(at.x, 0.0, at.z)
        };
        for (i, side) in [(0usize, -1.0f32), (1, 1.0)] {
            let place = home(side);
            let foot = &mut self.feet[i];
            if !self.started || foot.at.distance(place) > 1.5 {
                // First seen, or moved far at once (a teleport, a debrief's seek): just stand.
                *foot = Foot { at: place, yaw: self.yaw, step: None };
            }
        }
        for i in 0..2 {
            let other_stepping = self.feet[1 - i].step.is_some();
            let side = if i == 0 { -1.0 } else { 1.0 };
            let place = home(side);
            let foot = &mut self.feet[i];
            match foot.step {
                Some((from, from_yaw, t)) => {
                    let t = (t + dt / STEP_TIME).min(1.0);
                    foot.at = from.lerp(place, smooth(t));
                    foot.yaw = from_yaw + wrap(self.yaw - from_yaw) * smooth(t);
                    foot.step = if t < 1.0 { Some((from, from_yaw, t)) } else { None };
                    if foot.step.is_none() {
                        foot.at = place;
                    }
                }
                None => {
                    let strayed = foot.at.distance(place) > STEP_AFTER;
                    let twisted = wrap(self.yaw - foot.yaw).abs() > 0.6;
                    if (strayed || twisted) && !other_stepping && dt > 0.0 {
                        foot.step = Some((foot.at, foot.yaw, 0.0));
                    }
                }
            }
        }
        let forward = yaw * Vec3::NEG_Z;
        let hip =
            |pelvis: Vec3, i: usize| pelvis + yaw * Vec3::new(if i == 0 { -size.hip } else { size.hip }, 0.0, 0.0);
        let ankles = [0usize, 1].map(|i| {
            let foot = self.feet[i];
            let lift = foot.step.map_or(0.0, |(_, _, t)| (t * std::f32::consts::PI).sin() * 0.09);
            foot.at + Vec3::Y * (size.ankle + lift)
        });
        let length = (size.thigh + size.shin) * 0.995;
        let mut pelvis = pelvis;
        for (i, ankle) in ankles.iter().enumerate() {
            let flat = (hip(pelvis, i) - *ankle) * Vec3::new(1.0, 0.0, 1.0);
            let highest = ankle.y + (length * length - flat.length_squared().min(length * length * 0.8)).sqrt();
            pelvis.y = pelvis.y.min(highest);
        }
        let legs = [0usize, 1].map(|i| {
            let side = if i == 0 { -1.0 } else { 1.0 };
            two_bone(hip(pelvis, i), ankles[i], size.thigh, size.shin, forward + yaw * Vec3::new(side * 0.15, 0.0, 0.0))
        });
        (legs, self.feet.map(|f| Quat::from_rotation_y(f.yaw)), pelvis)
    }
}

/// An angle brought into -π..π.
fn wrap(a: f32) -> f32 {
    let tau = std::f32::consts::TAU;
    (a + std::f32::consts::PI).rem_euclid(tau) - std::f32::consts::PI
}

fn smooth(t: f32) -> f32 {
    t * t * (3.0 - 2.0 * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEVEL: Quat = Quat::IDENTITY;

    /// Whether a point in the chest's frame lies inside the torso, with `margin` metres of sleeve.
    fn in_torso(local: Vec3, size: &Proportions, margin: f32) -> bool {
        torso_share(local, size, margin) < 1.0
    }

    fn standing(hands: [Vec3; 2]) -> Skeleton {
        let mut gait = Gait::default();
        gait.pose((Vec3::new(0.0, 1.65, 0.0), LEVEL), Some(hands.map(|h| (h, LEVEL))), 0.0)
    }

    fn dist(a: Vec3, b: Vec3) -> f32 {
        a.distance(b)
    }

    #[test]
    fn bones_keep_their_lengths_and_an_arm_out_of_reach_points_straight_at_the_hand() {
        let far = Vec3::new(1.5, 1.4, -1.5);
        let s = standing([Vec3::new(-0.3, 1.0, -0.3), far]);
        let p = s.size;
        for limb in s.arms {
            assert!((dist(limb.root, limb.mid) - p.upper_arm).abs() < 1e-4, "upper arm keeps its length");
            assert!(dist(limb.mid, limb.end) <= p.forearm + 1e-4, "the forearm never stretches");
        }
        let right = s.arms[1];
        assert!((dist(right.root, right.end) - p.reach()).abs() < 2e-3, "out of reach: the arm at full length");
        let towards = (far + WRIST - right.root).normalize();
        assert!((right.end - right.root).normalize().dot(towards) > 0.999, "and pointing at the hand");
        let left = s.arms[0];
        assert!(dist(left.end, Vec3::new(-0.3, 1.0, -0.3) + WRIST) < 1e-3, "in reach: the wrist meets the hand");

        // A hand pressed against the shoulder: the arm folds as far as it can.
        let folded = standing([s.arms[0].root + Vec3::new(0.0, -0.02, -0.03), Vec3::new(0.3, 1.0, -0.3)]);
        assert!((dist(folded.arms[0].root, folded.arms[0].mid) - p.upper_arm).abs() < 1e-4);
    }

    #[test]
    fn elbows_never_go_inside_the_torso() {
        // Hands everywhere in front of, beside, across and behind the body.
        let mut checked = 0;
        for x in -6..=6 {
            for y in 0..=8 {
                for z in -5..=3 {
                    let hand = Vec3::new(x as f32 * 0.1, 0.7 + y as f32 * 0.15, z as f32 * 0.1);
                    let s = standing([hand, hand * Vec3::new(-1.0, 1.0, 1.0)]);
                    for (i, limb) in s.arms.iter().enumerate() {
                        let wrist = s.chest.inverse() * (limb.end - s.neck);
                        if in_torso(wrist, &s.size, 0.12) {
                            // A hand inside the body: no elbow can be outside.
                            continue;
                        }
                        let local = s.chest.inverse() * (limb.mid - s.neck);
                        // The torso (without its sleeve margin) may hold the wrist of a hand
                        // placed inside it, never the elbow.
                        assert!(!in_torso(local, &s.size, 0.0), "elbow {i} inside the torso for a hand at {hand}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn elbows_bend_downward_and_outward_for_hands_held_in_front() {
        let s = standing([Vec3::new(-0.2, 1.1, -0.35), Vec3::new(0.2, 1.1, -0.35)]);
        for (limb, side) in s.arms.iter().zip([-1.0f32, 1.0]) {
            let straight = (limb.root + limb.end) / 2.0;
            let off = limb.mid - straight;
            assert!(off.y < 0.0, "the elbow hangs below the line from shoulder to wrist");
            assert!(off.x * side >= -0.01, "and not inward");
        }
    }

    #[test]
    fn jitter_in_the_hands_moves_the_elbows_no_more_than_the_hands() {
        let mut gait = Gait::default();
        let head = (Vec3::new(0.0, 1.65, 0.0), LEVEL);
        let base = [Vec3::new(-0.25, 1.15, -0.35), Vec3::new(0.25, 1.2, -0.4)];
        let first = gait.pose(head, Some(base.map(|h| (h, LEVEL))), 1.0 / 72.0);
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..500 {
            let mut noise = || Vec3::new(rng.f32() - 0.5, rng.f32() - 0.5, rng.f32() - 0.5) * 0.004;
            let hands = [base[0] + noise(), base[1] + noise()];
            let s = gait.pose(head, Some(hands.map(|h| (h, LEVEL))), 1.0 / 72.0);
            for (a, b) in s.arms.iter().zip(first.arms) {
                assert!(dist(a.mid, b.mid) < 0.01, "elbow jumped {} m for 4 mm of jitter", dist(a.mid, b.mid));
            }
            assert!(dist(s.pelvis, first.pelvis) < 1e-4, "the body does not shake with the hands");
        }
    }

    #[test]
    fn the_elbow_moves_continuously_as_the_hand_passes_overhead_and_behind() {
        let mut gait = Gait::default();
        let head = (Vec3::new(0.0, 1.65, 0.0), LEVEL);
        let s = gait.pose(head, Some([(Vec3::new(-0.3, 1.0, -0.3), LEVEL), (Vec3::new(0.3, 1.0, -0.3), LEVEL)]), 0.0);
        let shoulder = s.arms[1].root;
        // The right hand sweeps from in front, up over the head, down behind and back round
        // the side, at 0.9 of the arm's reach.
        let r = s.size.reach() * 0.9;
        let steps = 720;
        let mut last: Option<(Vec3, Vec3)> = None;
        for i in 0..=steps {
            let a = i as f32 / steps as f32 * std::f32::consts::TAU;
            let round = (r * r - 0.15 * 0.15).sqrt();
            let wrist = shoulder + Vec3::new(0.15, a.sin() * round, -a.cos() * round);
            let hand = wrist - WRIST;
            let s = gait.pose(head, Some([(Vec3::new(-0.3, 1.0, -0.3), LEVEL), (hand, LEVEL)]), 0.0);
            let (elbow, end) = (s.arms[1].mid, s.arms[1].end);
            if let Some((before, end_before)) = last {
                let hand_moved = dist(end, end_before);
                assert!(
                    dist(elbow, before) < hand_moved * 1.5 + 0.01,
                    "the elbow jumped {:.3} m while the hand moved {:.3} m at {:.0}°",
                    dist(elbow, before),
                    hand_moved,
                    a.to_degrees()
                );
            }
            last = Some((elbow, end));
        }
    }

    #[test]
    fn the_body_turns_after_the_head_late_and_never_far_behind() {
        let mut gait = Gait::default();
        let at = Vec3::new(2.0, 1.65, 0.0);
        gait.pose((at, LEVEL), None, 0.0);
        let turned = Quat::from_rotation_y(1.5);
        let s = gait.pose((at, turned), None, 1.0 / 72.0);
        let yaw = head_yaw(s.yaw);
        assert!((1.5 - yaw - MAX_TWIST).abs() < 1e-3, "the body trails the head by at most the twist: {yaw}");
        let mut s = s;
        for _ in 0..144 {
            s = gait.pose((at, turned), None, 1.0 / 72.0);
        }
        assert!((head_yaw(s.yaw) - 1.5).abs() < 0.02, "and catches up within two seconds");
        // Looking straight down or up still faces the body the same way.
        let down = Quat::from_rotation_y(1.5) * Quat::from_rotation_x(-1.55);
        let up = Quat::from_rotation_y(1.5) * Quat::from_rotation_x(1.55);
        assert!((head_yaw(down) - 1.5).abs() < 0.05 && (head_yaw(up) - 1.5).abs() < 0.05);
    }

    #[test]
    fn a_lower_head_bends_the_hips_and_knees_and_keeps_the_feet_on_the_floor() {
        let mut gait = Gait::default();
        let tall = gait.pose((Vec3::new(0.0, 1.7, 0.0), LEVEL), None, 0.0);
        assert!((tall.size.eye - 1.7).abs() < 1e-4, "the standing height from the head");
        let crouch = gait.pose((Vec3::new(0.0, 1.0, 0.0), Quat::from_rotation_x(-0.6)), None, 1.0 / 72.0);
        assert!((crouch.size.eye - tall.size.eye).abs() < 1e-3, "a crouch is not a shorter person");
        assert!(crouch.pelvis.y < tall.pelvis.y - 0.1, "the hips go down");
        let lean = (crouch.chest * Vec3::Y).dot(Vec3::Y);
        assert!(lean < 0.95, "the back bends forward");
        for leg in crouch.legs {
            assert!((dist(leg.root, leg.mid) - crouch.size.thigh).abs() < 1e-3);
            assert!((leg.end.y - crouch.size.ankle).abs() < 1e-3, "feet stay on the floor");
            let knee_ahead = (leg.mid - (leg.root + leg.end) / 2.0).dot(crouch.forward());
            assert!(knee_ahead > 0.05, "knees bend forward");
        }
    }

    #[test]
    fn a_jump_across_the_room_stands_the_body_where_it_lands() {
        let mut gait = Gait::default();
        let facing = Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2);
        gait.pose((Vec3::new(2.0, 1.65, 0.0), facing), None, 0.1);
        let s = gait.pose((Vec3::new(5.0, 1.65, 0.5), facing), None, 0.25);
        for leg in s.legs {
            assert!((leg.end.y - s.size.ankle).abs() < 1e-3, "both feet on the floor");
            assert!((leg.end - s.pelvis).length() < s.size.thigh + s.size.shin + 0.01, "under the body");
        }
        assert!(s.pelvis.y > s.size.stature * 0.45, "standing, not lying down: hips at {}", s.pelvis.y);
    }

    #[test]
    fn feet_step_to_follow_a_walking_body() {
        let mut gait = Gait::default();
        let dt = 1.0 / 72.0;
        let mut x = 0.0f32;
        let mut lifted = 0;
        let mut s = gait.pose((Vec3::new(x, 1.65, 0.0), Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2)), None, dt);
        for _ in 0..216 {
            // 1.2 m/s along +x, facing it.
            x += 1.2 * dt;
            s = gait.pose((Vec3::new(x, 1.65, 0.0), Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2)), None, dt);
            if s.legs.iter().any(|l| l.end.y > s.size.ankle + 0.02) {
                lifted += 1;
            }
            for leg in s.legs {
                assert!(dist(leg.root, leg.mid) <= s.size.thigh + 1e-3);
            }
            assert!(
                !(s.legs[0].end.y > s.size.ankle + 0.01 && s.legs[1].end.y > s.size.ankle + 0.01),
                "one foot at a time"
            );
        }
        assert!(lifted > 40, "the feet stepped ({lifted} frames with a foot in the air)");
        let under = (s.legs[0].end + s.legs[1].end) / 2.0;
        assert!((under.x - s.pelvis.x).abs() < 0.45, "the feet kept up with the body: {under} under {}", s.pelvis);
        // Standing still again, both feet come down.
        for _ in 0..72 {
            s = gait.pose((Vec3::new(x, 1.65, 0.0), Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2)), None, dt);
        }
        assert!(s.legs.iter().all(|l| (l.end.y - s.size.ankle).abs() < 1e-3), "both feet planted");
    }
}
