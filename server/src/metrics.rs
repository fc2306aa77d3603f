//! Server metrics in the Prometheus text format: tick time, participants per role, UDP bytes,
//! each participant's round trip and loss, refusals by reason, event-log health.

use std::sync::atomic::AtomicU64;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// Labels naming a role.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RoleLabels {
    /// instructor, trainee or observer.
    pub role: String,
}

/// Labels naming a traffic direction.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct DirectionLabels {
    /// in or out (from the server's side).
    pub direction: String,
}

/// Labels naming a participant.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ParticipantLabels {
    /// The session.
    pub session: String,
    /// The participant id within it.
    pub participant: String,
}

/// Labels naming a refusal.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RefusalLabels {
    /// `handshake` (connection refused) or `intent` (intent denied).
    pub stage: String,
    /// The close code or deny reason.
    pub reason: String,
}

/// Every metric the server exports.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    /// Seconds each tick's systems took.
    pub tick_seconds: Histogram,
    /// Participants present, by role.
    pub participants: Family<RoleLabels, Gauge>,
    /// UDP bytes, by direction.
    pub udp_bytes: Family<DirectionLabels, Counter>,
    /// Smoothed round trip per participant, seconds.
    pub rtt_seconds: Family<ParticipantLabels, Gauge<f64, AtomicU64>>,
    /// Recent loss per participant, 0 to 1.
    pub loss_ratio: Family<ParticipantLabels, Gauge<f64, AtomicU64>>,
    /// Refusals by stage and reason.
    pub refusals: Family<RefusalLabels, Counter>,
    /// Sessions whose event log stopped writing (health fails while non-zero).
    pub log_failures: Gauge,
    /// Sessions running.
    pub sessions: Gauge,
    /// Voice frames: `relayed` (once per listener) and `muted` (dropped: the speaker is muted, or
    /// not routed yet).
    pub voice_frames: Family<VoiceLabels, Counter>,
}

/// Labels of the voice counter.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct VoiceLabels {
    /// `relayed` or `muted`.
    pub outcome: &'static str,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("crossdock");
        let tick_seconds = Histogram::new(exponential_buckets(0.000_05, 2.0, 14));
        let participants = Family::<RoleLabels, Gauge>::default();
        let udp_bytes = Family::<DirectionLabels, Counter>::default();
        let rtt_seconds = Family::<ParticipantLabels, Gauge<f64, AtomicU64>>::default();
        let loss_ratio = Family::<ParticipantLabels, Gauge<f64, AtomicU64>>::default();
        let refusals = Family::<RefusalLabels, Counter>::default();
        let log_failures = Gauge::default();
        let sessions = Gauge::default();
        let voice_frames = Family::<VoiceLabels, Counter>::default();
        registry.register("tick_seconds", "Time the tick's systems took", tick_seconds.clone());
        registry.register("participants", "Participants present, by role", participants.clone());
        registry.register("udp_bytes", "UDP bytes to and from participants", udp_bytes.clone());
        registry.register("rtt_seconds", "Smoothed round trip per participant", rtt_seconds.clone());
        registry.register("loss_ratio", "Recent packet loss per participant", loss_ratio.clone());
        registry.register("refusals", "Connections refused and intents denied, by reason", refusals.clone());
        registry.register("log_failures", "Sessions whose event log stopped writing", log_failures.clone());
        registry.register("sessions", "Sessions running", sessions.clone());
        registry.register(
            "voice_frames",
            "Voice frames relayed (per listener) or dropped as muted",
            voice_frames.clone(),
        );
        Metrics {
            registry,
            tick_seconds,
            participants,
            udp_bytes,
            rtt_seconds,
            loss_ratio,
            refusals,
            log_failures,
            sessions,
            voice_frames,
        }
    }
}

impl Metrics {
    /// The text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }

    /// Counts a refusal.
    pub fn refused(&self, stage: &str, reason: impl std::fmt::Debug) {
        self.refusals.get_or_create(&RefusalLabels { stage: stage.to_owned(), reason: format!("{reason:?}") }).inc();
    }
}
