//! The tick's systems, one per file, in pipeline order (see `session::schedule`), and what
//! they share: the context of an intent ([`context`]) and how a drill starts ([`drill`]).
//! Systems compute: they read the [`crate::clock::Clock`] and write what they send to
//! [`crate::session::world::Outgoing`], so every rule is tested on a World without sockets
//! (`tests.rs`).

pub mod console;
pub mod context;
pub mod debrief;
pub mod drill;
pub mod instruct;
pub mod intents;
pub mod receive;
pub mod record;
pub mod replicate;
pub mod send;
pub mod simulate;
pub mod voice;

#[cfg(test)]
mod tests;
