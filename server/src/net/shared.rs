//! What every connection task shares: the configuration, the identity, the sessions, and the
//! console's codes and rosters.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crate::config::Config;
use crate::identity::Identity;
use crate::metrics::Metrics;
use crate::session::Sessions;

/// What every connection task shares.
#[derive(Debug)]
pub(crate) struct Shared {
    pub config: Config,
    /// The sessions admitted (`config.sessions` until an allocation narrows it); `None`: any.
    pub hosted: std::sync::RwLock<Option<Vec<String>>>,
    pub identity: Arc<Identity>,
    pub sessions: Arc<Sessions>,
    pub next_client: AtomicU64,
    pub metrics: Arc<Metrics>,
    pub used_tokens: std::sync::Mutex<crate::records::UsedTokens>,
    /// The address the endpoint bound (invites name it, or `public_addr`).
    pub bound: std::net::SocketAddr,
    /// Short join codes handed out on invites sheets.
    pub codes: Arc<super::codes::JoinCodes>,
    /// Class rosters a console set, by session: the invites sheet's learners (kept on disk).
    pub rosters: crate::records::Rosters,
}
