//! The tick's systems, one per file, in pipeline order (see `session::schedule`).

pub mod instruct;
pub mod intents;
pub mod receive;
pub mod record;
pub mod replicate;
pub mod send;
pub mod simulate;
pub mod voice;
