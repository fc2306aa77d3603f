//! The Agones SDK side of [`super`]: only in builds with the `agones` feature.

use std::time::Duration;

use anyhow::{Context, Result};
use tokio::time::Instant;

use super::keys::{OBSERVERS_COUNTER, PARTICIPANTS_COUNTER, SESSION_KEY};
use crate::Server;

/// The whole life of a fleet server once `server` listens: connect to the sidecar (`sdk_port`,
/// or `AGONES_SDK_GRPC_PORT`), serve until the drill is over or `stop` resolves (SIGTERM),
/// drain the server (committing the log), then call Shutdown.
pub async fn run(
    server: Server,
    shutdown_when_empty: Duration,
    sdk_port: Option<u16>,
    stop: impl Future<Output = Result<()>>,
) -> Result<()> {
    let mut fleet = Fleet::connect(sdk_port).await?;
    let result = tokio::select! {
        r = stop => r,
        r = fleet.serve(&server, shutdown_when_empty) => r.map(|_| ()),
    };
    server.shutdown().await;
    // Only now: Agones deletes the pod once it hears Shutdown, and the log is committed.
    fleet.shutdown().await?;
    result
}

/// How often Health is pinged; Agones' default health period is 5 s.
const HEALTH_EVERY: Duration = Duration::from_secs(2);
/// How often the counters and the allocation are looked at.
const POLL_EVERY: Duration = Duration::from_millis(250);

/// A connection to the Agones SDK sidecar.
pub struct Fleet {
    sdk: agones::Sdk,
}

impl std::fmt::Debug for Fleet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fleet").finish_non_exhaustive()
    }
}

/// Why [`Fleet::serve`] returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrillOver {
    /// The allocated session had participants and then stayed empty.
    Empty { session: Option<String> },
}

impl Fleet {
    /// Connects to the sidecar on `port`, else `AGONES_SDK_GRPC_PORT`, else 9357.
    pub async fn connect(port: Option<u16>) -> Result<Fleet> {
        let sdk = agones::Sdk::new(port, Some(Duration::from_secs(30))).await.context(
            "cannot reach the Agones SDK sidecar (AGONES_SDK_GRPC_PORT, default 9357): run under Agones, or set agones = false",
        )?;
        Ok(Fleet { sdk })
    }

    /// Ready, Health, allocation and counters until the drill is over (see the module doc).
    pub async fn serve(&mut self, server: &Server, shutdown_when_empty: Duration) -> Result<DrillOver> {
        self.sdk.ready().await.context("Agones refused Ready")?;
        tracing::info!(addr = %server.local_addr(), "agones: ready");
        let health = self.sdk.health_check();
        let mut watch = self.sdk.watch_gameserver().await.context("cannot watch the GameServer")?;
        let mut health_tick = tokio::time::interval(HEALTH_EVERY);
        let mut poll = tokio::time::interval(POLL_EVERY);
        let mut session: Option<String> = None;
        let mut reported: Option<(i64, i64)> = None;
        let mut counters_work = true;
        let mut occupied = false;
        let mut empty_since: Option<Instant> = None;
        loop {
            tokio::select! {
                _ = health_tick.tick() => {
                    if health.send(()).await.is_err() {
                        tracing::warn!("agones: the health stream closed");
                    }
                }
                update = watch.message() => match update {
                    Ok(Some(gs)) => {
                        let allocated = gs.status.as_ref().is_some_and(|s| s.state == "Allocated");
                        if allocated && session.is_none() {
                            session = allocated_session(&gs);
                            match &session {
                                Some(name) => {
                                    tracing::info!(session = name, "agones: allocated");
                                    server.host_only(name);
                                }
                                None => tracing::warn!(
                                    "agones: allocated without a `{SESSION_KEY}` annotation or label; hosting any session"
                                ),
                            }
                        }
                    }
                    Ok(None) => {
                        tracing::warn!("agones: the GameServer watch ended; reconnecting");
                        watch = self.sdk.watch_gameserver().await.context("cannot watch the GameServer")?;
                    }
                    Err(e) => return Err(anyhow::anyhow!("the Agones GameServer watch failed: {e}")),
                },
                _ = poll.tick() => {
                    let now = server.occupancy();
                    if counters_work && reported != Some(now) {
                        match self.set_counters(now).await {
                            Ok(()) => reported = Some(now),
                            Err(e) => {
                                counters_work = false;
                                tracing::warn!(error = %e, "agones: cannot set the counters; declare `{PARTICIPANTS_COUNTER}` and `{OBSERVERS_COUNTER}` in the GameServer spec");
                            }
                        }
                    }
                    if now.0 > 0 {
                        occupied = true;
                        empty_since = None;
                    } else if occupied {
                        let since = *empty_since.get_or_insert_with(Instant::now);
                        if since.elapsed() >= shutdown_when_empty {
                            tracing::info!(session = ?session, "agones: the drill is over");
                            return Ok(DrillOver::Empty { session });
                        }
                    }
                }
            }
        }
    }

    async fn set_counters(&mut self, (participants, observers): (i64, i64)) -> Result<()> {
        let mut beta = self.sdk.beta().clone();
        beta.set_counter_count(PARTICIPANTS_COUNTER, participants).await?;
        beta.set_counter_count(OBSERVERS_COUNTER, observers).await?;
        Ok(())
    }

    /// Tells Agones this game server is done; call after the server drained.
    pub async fn shutdown(mut self) -> Result<()> {
        self.sdk.shutdown().await.context("Agones refused Shutdown")?;
        tracing::info!("agones: shutdown sent");
        Ok(())
    }
}

/// The session an allocation names: annotation first, then label.
fn allocated_session(gs: &agones::GameServer) -> Option<String> {
    let meta = gs.object_meta.as_ref()?;
    meta.annotations.get(SESSION_KEY).or_else(|| meta.labels.get(SESSION_KEY)).filter(|s| !s.is_empty()).cloned()
}
