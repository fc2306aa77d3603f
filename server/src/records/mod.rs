//! Records: the append-only event log of every authoritative change, on SQLite by default.
//!
//! The tick journals what it changed; the [`Recorder`] thread commits each tick's journal in one
//! transaction (WAL, `synchronous = FULL`) and reports which batches are durable. The tick holds
//! back every acknowledgement and event of a batch until then, so an acknowledged change is
//! never missing after a crash. Replays ([`replay`]), reports and xAPI statements
//! ([`crate::assessment`]) are computed from this log alone.

mod entry;
pub mod replay;
pub mod retention;
mod rosters;
mod store;

pub use entry::*;
pub use rosters::Rosters;
pub use store::{DrillSummary, Recorder, Store, StoredRecord, UsedTokens, open_database};
