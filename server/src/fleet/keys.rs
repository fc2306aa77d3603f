//! The names an Agones fleet and this server agree on.

/// The annotation (or label) an allocation sets to name the drill's session.
pub const SESSION_KEY: &str = "crossdock.dev/session";
/// The Agones counters kept current (declare them in the GameServer spec).
pub const PARTICIPANTS_COUNTER: &str = "participants";
/// See [`PARTICIPANTS_COUNTER`].
pub const OBSERVERS_COUNTER: &str = "observers";
