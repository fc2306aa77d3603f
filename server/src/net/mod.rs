//! The async network edge: QUIC endpoint, per-connection tasks, and the closed set of events
//! they pass to the tick thread.
//!
//! **Architecture Invariant:** only this module knows quinn. A session's tick loop holds each
//! connection as a [`Peer`] handle at its edge ([`crate::session::edge`]); the tick itself sees
//! neither, and hears from the network only through [`NetEvent`]s on a bounded channel.
//!
//! The session reads [`event`], [`peer`] and [`voice`] directly (never this file, which
//! re-exports the connection tasks that call into the session registry): the import graph
//! stays free of cycles.

pub mod admin;
pub mod browser;
pub mod captions;
pub mod codes;
mod connection;
mod console;
mod endpoint;
pub mod event;
pub mod gate;
pub mod limits;
pub mod page;
pub mod peer;
mod shared;
mod timers;
pub mod voice;
mod webtransport;

pub use console::CONSOLE_WORDS;
pub use endpoint::{Endpoint, transport_config};
pub use event::{AckedTick, ClientId, NetEvent};
pub use peer::{PathCounters, Peer, PeerError};
pub use voice::{Route, VoiceRoutes};
