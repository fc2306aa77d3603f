//! The server's configuration: one typed struct, every default documented here.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything the server can be told. [`Config::default`] holds every default.
#[derive(Debug, Clone)]
pub struct Config {
    /// UDP address to listen on. Default `0.0.0.0:4433`.
    pub listen: SocketAddr,
    /// `host:port` that invites name; default: `listen` with an unspecified IP shown as 127.0.0.1.
    pub public_addr: Option<String>,
    /// Where the certificate, keys, invites and records live. Default `./crossdock-data`.
    pub data_dir: PathBuf,
    /// The scenario every new session starts with. Default `default`.
    pub scenario: String,
    /// Simulation ticks per second. Default 60.
    pub tick_hz: u16,
    /// Most headset participants (instructors and trainees) per session. Default 32.
    pub max_participants_per_session: usize,
    /// Most observers per session. Default 64.
    pub max_observers_per_session: usize,
    /// Most connections the process accepts at once, all sessions together. Default 512.
    pub max_connections: usize,
    /// Most sessions the process hosts at once. Default 32.
    pub max_sessions: usize,
    /// A connection silent this long is dropped (clients keep alive more often). Default 10 s.
    pub idle_timeout: Duration,
    /// The sessions this server hosts; `None` hosts any session a valid token names. Tokens for
    /// other sessions are refused with `WrongSession`. Default `None`.
    pub sessions: Option<Vec<String>>,
    /// How long a dropped participant's place (avatar, held items, slot) is held for them to
    /// come back with their resume secret. Default 30 s.
    pub reconnect_grace: Duration,
    /// A connection must finish the handshake within this. Default 5 s.
    pub handshake_timeout: Duration,
    /// How long the invites written at start stay valid. Default 12 h.
    pub invite_ttl: Duration,
    /// Write `invites/*.txt` at start. Default true.
    pub write_invites: bool,
    /// TCP address of the local admin port (`/metrics`, `/health`); `None` turns it off.
    /// Default `127.0.0.1:9464`.
    pub metrics_listen: Option<SocketAddr>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([0, 0, 0, 0], 4433)),
            public_addr: None,
            data_dir: PathBuf::from("crossdock-data"),
            scenario: "default".to_owned(),
            tick_hz: 60,
            max_participants_per_session: 32,
            max_observers_per_session: 64,
            max_connections: 512,
            max_sessions: 32,
            idle_timeout: Duration::from_secs(10),
            handshake_timeout: Duration::from_secs(5),
            reconnect_grace: Duration::from_secs(30),
            sessions: None,
            invite_ttl: Duration::from_secs(12 * 3600),
            write_invites: true,
            metrics_listen: Some(SocketAddr::from(([127, 0, 0, 1], 9464))),
        }
    }
}

impl Config {
    /// The `host:port` invites name, given the address actually bound.
    pub fn invite_addr(&self, bound: SocketAddr) -> String {
        if let Some(addr) = &self.public_addr {
            return addr.clone();
        }
        let ip = if bound.ip().is_unspecified() {
            if bound.is_ipv6() { "[::1]".to_owned() } else { "127.0.0.1".to_owned() }
        } else if bound.is_ipv6() {
            format!("[{}]", bound.ip())
        } else {
            bound.ip().to_string()
        };
        format!("{ip}:{}", bound.port())
    }
}
