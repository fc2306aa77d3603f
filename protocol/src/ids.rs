//! Newtypes for the numbers that cross the wire, so that a tick is never mistaken for an id.

use bincode::{Decode, Encode};

/// A participant within one session, assigned by the server at join. Never reused in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Encode, Decode)]
pub struct ParticipantId(pub u16);

/// A replicated, non-avatar entity (cargo item, door, seal) within one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Encode, Decode)]
pub struct NetId(pub u16);

/// A simulation step of one session. Ticks start at 0 when the session's World is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Encode, Decode)]
pub struct Tick(pub u32);

impl Tick {
    /// Rebuilds a full tick from its low 16 bits, taking the candidate nearest to `near`.
    ///
    /// Acks carry only 16 bits; at 60 Hz that is unambiguous for nine minutes either side.
    pub fn from_low16(low: u16, near: Tick) -> Tick {
        let back = (near.0 as u16).wrapping_sub(low) as i16;
        Tick(near.0.wrapping_sub(back as i32 as u32))
    }

    /// The tick after this one.
    pub fn next(self) -> Tick {
        Tick(self.0.wrapping_add(1))
    }
}

/// Server-clock time in units of 100 microseconds, wrapping after about five days.
///
/// Poses carry it (the predicted display time, converted to the server's clock) so that remote
/// avatars are interpolated on their sender's timeline and latency can be measured end to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Encode, Decode)]
pub struct ClientTime(pub u32);

impl ClientTime {
    /// Converts microseconds on the server's clock.
    pub fn from_micros(us: u64) -> ClientTime {
        ClientTime((us / 100) as u32)
    }

    /// Microseconds on the server's clock, assuming `self` lies within 2^31 units of `near_us`.
    pub fn to_micros_near(self, near_us: u64) -> u64 {
        let near = ClientTime::from_micros(near_us);
        let diff = self.0.wrapping_sub(near.0) as i32 as i64;
        (near_us / 100).saturating_add_signed(diff) * 100
    }
}

/// What a participant may do; named by the join token, never chosen by the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub enum Role {
    /// Directs the scenario; sees everything.
    Instructor,
    /// Inspects: moves, grabs, opens, uses tools, marks findings.
    Trainee,
    /// Watches from a desktop; never changes the world.
    Observer,
}

impl Role {
    /// All roles, in wire order.
    pub const ALL: [Role; 3] = [Role::Instructor, Role::Trainee, Role::Observer];

    /// The lower-case name used in invites, file names and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Instructor => "instructor",
            Role::Trainee => "trainee",
            Role::Observer => "observer",
        }
    }

    /// "a" or "an", as English puts it before the role's name.
    pub fn article(self) -> &'static str {
        match self {
            Role::Instructor | Role::Observer => "an",
            Role::Trainee => "a",
        }
    }

    /// Whether this role may change the world (grab, open, move).
    pub fn may_act(self) -> bool {
        !matches!(self, Role::Observer)
    }

    /// Whether this role may see a drill's hidden truth (its concealments, every package's real
    /// content, everyone's scores): instructors always; trainees and observers once the truth
    /// was revealed or the drill is over. The one rule every surface that sends bytes obeys.
    pub fn sees_truth(self, revealed_or_over: bool) -> bool {
        self == Role::Instructor || revealed_or_over
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown role `{s}`: expected instructor, trainee or observer"))
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which hand holds or acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub enum Hand {
    /// The left hand.
    Left,
    /// The right hand.
    Right,
}

/// Twelve colours far apart, one per participant (by id), so the overview tells people apart;
/// the same colour marks their body in the scene, their row in the panel and their dot and
/// tile on the console's map.
pub const PARTICIPANT_COLOURS: [[u8; 3]; 12] = [
    [230, 25, 75],
    [60, 180, 75],
    [255, 225, 25],
    [0, 130, 200],
    [245, 130, 48],
    [145, 30, 180],
    [70, 240, 240],
    [240, 50, 230],
    [210, 245, 60],
    [250, 190, 212],
    [0, 128, 128],
    [170, 110, 40],
];

/// A participant's colour.
pub fn participant_colour(id: ParticipantId) -> [u8; 3] {
    PARTICIPANT_COLOURS[usize::from(id.0) % PARTICIPANT_COLOURS.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low16_ticks_rebuild_across_the_wrap() {
        assert_eq!(Tick::from_low16(5, Tick(10)), Tick(5));
        assert_eq!(Tick::from_low16(0xfffe, Tick(0x1_0002)), Tick(0xfffe));
        assert_eq!(Tick::from_low16(3, Tick(0x1_fffe)), Tick(0x2_0003));
    }

    #[test]
    fn client_time_round_trips_near_a_reference() {
        let us = 123_456_700;
        assert_eq!(ClientTime::from_micros(us).to_micros_near(us + 5_000_000), us);
    }

    #[test]
    fn roles_parse_from_their_names_only() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("admin".parse::<Role>().is_err());
    }
}
