//! Assessment: what each trainee of one drill found, missed and did, computed from that drill's
//! event log alone, as JSON, Markdown or xAPI statements. The same log always gives the same
//! report, and a report never mixes two drills.
//!
//! Each trainee is scored on their own actions ([`score`] holds the formula); people are keyed
//! by participant id, which stays the same across drops, crashes and restarts, and by learner id
//! where a personal invite named one.

pub mod cohort;
pub mod coverage;
pub mod detection;
mod html;
pub(crate) mod markdown;
pub mod progress;
pub(crate) mod report;
pub mod risk;
pub mod score;
mod words;
mod xapi;

pub use html::html;
pub use markdown::markdown;
pub use report::*;
pub use score::formula;
pub use score::{Components, Weights};
pub use words::{LANGUAGES, locales, words};
pub use xapi::{PROFILE, level_statements, xapi};
