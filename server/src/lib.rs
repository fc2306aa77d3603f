//! The Crossdock authoritative server: a QUIC edge (tokio + quinn) in front of sessions that
//! each hold an inspection drill as a bevy_ecs World, ticking at a fixed rate.
//!
//! - [`net`]: endpoint, connections, the `NetEvent` channel and `Peer` handles.
//! - [`session`]: the session registry, the tick schedule and the World's components.
//! - [`systems`]: one tick system per file: receive, intents, simulate, replicate, send.
//! - [`identity`], [`token`]: certificate, signing key, join tokens.
//! - [`scenario`]: what a new session's World is built from.

pub mod assessment;
pub mod certificate;
pub mod clock;
pub mod config;
pub mod curriculum;
pub mod editor;
pub mod fleet;
pub mod geometry;
pub mod identity;
pub mod library;
pub mod lock;
pub mod lrs;
pub mod metrics;
pub mod net;
pub mod pack;
pub mod records;
pub mod roster;
pub mod scenario;
pub mod session;
pub mod systems;
pub mod token;
pub mod tools;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use crossdock_protocol::Role;
use crossdock_protocol::invite::Invite;

pub use config::Config;
pub use config::DEFAULT_SESSION;
use identity::Identity;
use session::{SessionTemplate, Sessions};

/// The longest [`Server::shutdown`] takes: stop timeouts (systemd, containers, Kubernetes'
/// termination grace) must be longer.
pub const DRAIN_BOUND: Duration = Duration::from_secs(10);

/// A running server. Must be started inside a tokio runtime.
#[derive(Debug)]
pub struct Server {
    endpoint: net::Endpoint,
    metrics: Arc<metrics::Metrics>,
    admin: Option<(SocketAddr, tokio::task::JoinHandle<()>)>,
    /// The console page, and the rotation of the browsers' certificates.
    console: Option<(SocketAddr, tokio::task::JoinHandle<()>)>,
    rotation: Option<tokio::task::JoinHandle<()>>,
    browser: Arc<net::browser::BrowserCerts>,
    sessions: Arc<Sessions>,
    identity: Arc<Identity>,
    config: Config,
    addr: SocketAddr,
    opened: Vec<session::Opened>,
    courier: Option<lrs::Courier>,
    retention: Option<tokio::task::JoinHandle<()>>,
    _lock: lock::DataDirLock,
}

impl Server {
    /// Locks the data dir, loads or creates the identity, opens the hosted sessions (resuming
    /// their drills where the log allows), binds the endpoint, and writes the invites.
    pub fn start(config: Config) -> Result<Server> {
        let scenario = library::Library::open(&config.data_dir)
            .load_or_file(&config.scenario)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut lock = lock::DataDirLock::acquire(&config.data_dir, config.listen)?;
        let metrics = Arc::new(metrics::Metrics::default());
        let identity = Arc::new(Identity::load_or_create(&config.data_dir)?);
        let retention =
            (config.retention_days > 0).then(|| prune_daily(config.data_dir.clone(), config.retention_days));
        let courier = match &config.lrs {
            Some(endpoint) => Some(lrs::Courier::start(
                config.data_dir.clone(),
                lrs::Lrs { endpoint: endpoint.clone(), basic_auth: config.lrs_auth.clone() },
                config.lms_home_page.clone(),
            )?),
            None => None,
        };
        let template = SessionTemplate {
            scenario,
            tick_hz: config.tick_hz.clamp(1, 240),
            max_participants: config.max_participants_per_session,
            max_observers: config.max_observers_per_session,
            data_dir: config.data_dir.clone(),
            metrics: metrics.clone(),
            reconnect_grace: config.reconnect_grace,
            record_voice: config.record_voice,
            // No worker, or one that will not start: the server runs as before, without captions.
            captions: config.captions_worker.as_deref().and_then(|command| {
                net::captions::CaptionWorker::start(command)
                    .map_err(|e| tracing::error!(error = %format!("{e:#}"), "live captions are off"))
                    .ok()
            }),
            resume_key: Arc::new(ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &identity.reset_key)),
            drill_ended: courier.as_ref().map(lrs::Courier::sender),
            gate: Arc::default(),
        };
        let sessions = Arc::new(Sessions::new(template, config.max_sessions));
        let mut opened = Vec::new();
        for name in config.hosted_sessions() {
            let (_, now) =
                sessions.open(&name).map_err(|r| anyhow::anyhow!("cannot open session `{name}`: {}", r.message))?;
            opened.extend(now);
        }
        // The centre's certificate, read once: for browsers' WebTransport and for the page.
        let centre = match (&config.console_cert, &config.console_key) {
            (Some(cert), Some(key)) => Some(net::browser::read_pem(cert, key)?),
            _ => None,
        };
        let browser = Arc::new(match &centre {
            Some((chain, key)) => net::browser::BrowserCerts::centre(chain.clone(), key)?,
            None => net::browser::BrowserCerts::rotating()?,
        });
        let endpoint =
            net::Endpoint::start(&config, identity.clone(), sessions.clone(), metrics.clone(), browser.clone())?;
        let addr = endpoint.local_addr()?;
        let admin = config.metrics_listen.map(|a| net::admin::serve(a, metrics.clone())).transpose()?;
        let console = match config.console_addr(addr).map_err(|e| anyhow::anyhow!("console: {e}"))? {
            None => None,
            Some(at) => {
                let tls = match &centre {
                    Some((chain, key)) => net::page::tls(chain.clone(), key.clone_key())?,
                    None => net::page::tls(vec![identity.cert.clone()], identity.private_key())?,
                };
                let serve = |at| {
                    let page = net::page::Page {
                        quic_port: public_port(&config, addr),
                        browser: browser.clone(),
                        room_bundle: config.room_bundle.clone(),
                        codes: endpoint.codes(),
                    };
                    net::page::serve(at, tls.clone(), page)
                };
                match serve(at) {
                    // A QUIC port the system picked may be taken on TCP: the page takes another.
                    Err(e) if config.console == "same" && config.listen.port() == 0 => {
                        tracing::debug!(error = %format!("{e:#}"), "the QUIC port's number is taken on TCP");
                        Some(serve(SocketAddr::new(at.ip(), 0))?)
                    }
                    served => Some(served?),
                }
            }
        };
        lock.describe(&lock::RunningServer {
            pid: std::process::id(),
            udp: addr,
            invites: config.invite_addr(addr),
            admin: admin.as_ref().map(|(a, _)| *a),
            console: console.as_ref().map(|(a, _)| *a),
        })?;
        if addr.ip().is_unspecified() && config.public_addr.is_none() {
            tracing::warn!(
                "the server listens on every interface ({addr}) but public_addr is not set, so its invites and console \
                 link name {}, which only this computer can reach: set public_addr (or --public-addr, \
                 CROSSDOCK_PUBLIC_ADDR) to the address participants reach",
                config.invite_addr(addr)
            );
        }
        let rotation = centre.is_none().then(|| net::browser::rotate_hourly(browser.clone()));
        let server = Server {
            endpoint,
            metrics,
            admin,
            console,
            rotation,
            browser,
            sessions,
            identity,
            config,
            addr,
            opened,
            courier,
            retention,
            _lock: lock,
        };
        if server.config.write_invites {
            server.write_invites()?;
        }
        Ok(server)
    }

    /// The UDP address bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The sessions opened at start, and whether each resumed its drill or started a new one.
    pub fn opened(&self) -> &[session::Opened] {
        &self.opened
    }

    /// The admin port's address (`/metrics`, `/health`), if it is on.
    pub fn admin_addr(&self) -> Option<SocketAddr> {
        self.admin.as_ref().map(|(a, _)| *a)
    }

    /// The server's metrics.
    pub fn metrics(&self) -> &metrics::Metrics {
        &self.metrics
    }

    /// SHA-256 of the certificate clients pin.
    pub fn fingerprint(&self) -> [u8; 32] {
        self.identity.fingerprint()
    }

    /// Where the console page is served, if it is.
    pub fn console_addr(&self) -> Option<SocketAddr> {
        self.console.as_ref().map(|(a, _)| *a)
    }

    /// The SHA-256 hashes of the certificates browsers may meet on the QUIC port (what the
    /// page pins; none with the centre's own certificate).
    pub fn console_certificates(&self) -> Vec<[u8; 32]> {
        self.browser.hashes()
    }

    /// The console's link for `session`: the page, with an instructor's token in the fragment
    /// (which browsers never send to the server).
    pub fn console_link(&self, session: &str, role: Role, ttl: Duration) -> Option<String> {
        let at = self.console_addr()?;
        let invite = self.invite(session, role, None, ttl);
        Some(console_link(&self.config.invite_addr(self.addr), at.port(), &invite.token))
    }

    /// A link into the browser room for `role` in `session` (the token in its fragment), when
    /// the page is served.
    pub fn room_link(&self, session: &str, role: Role, ttl: Duration) -> Option<String> {
        let at = self.console_addr()?;
        Some(self.invite(session, role, None, ttl).room_link(at.port()))
    }

    /// A fresh invite for `role` in `session`.
    pub fn invite(&self, session: &str, role: Role, name: Option<String>, ttl: Duration) -> Invite {
        make_invite(&self.identity, &self.config.invite_addr(self.addr), session, role, name, ttl)
    }

    /// An invite carrying hand-made claims (single-use invites, tests of refusals).
    pub fn invite_with(&self, change: impl FnOnce(&mut token::Claims)) -> Invite {
        let mut claims =
            token::claims(&self.identity.token_key, DEFAULT_SESSION, Role::Trainee, None, token::unix_now(), 3600);
        change(&mut claims);
        invite_for(&self.identity, &self.config.invite_addr(self.addr), &claims)
    }

    /// From now on hosts only `session`: invites for any other are refused (an allocated
    /// fleet server serves the one drill it was allocated for).
    pub fn host_only(&self, session: &str) {
        self.endpoint.host_only(session);
    }

    /// Headset participants (instructors and trainees) and observers connected now.
    pub fn occupancy(&self) -> (i64, i64) {
        let count =
            |role: Role| self.metrics.participants.get_or_create(&metrics::RoleLabels { role: role.to_string() }).get();
        (count(Role::Instructor) + count(Role::Trainee), count(Role::Observer))
    }

    /// Sessions running now.
    pub fn session_names(&self) -> Vec<String> {
        self.sessions.names()
    }

    /// Writes `invites/{instructor,trainee,observer}.txt` for the first session the server
    /// hosts, and `invites/SESSION/ROLE.txt` for each when it hosts several.
    pub fn write_invites(&self) -> Result<()> {
        let dir = self.config.data_dir.join("invites");
        let hosted = self.config.hosted_sessions();
        write_invite_files(&dir, |role| self.invite(&hosted[0], role, None, self.config.invite_ttl))?;
        if let Some(link) = self.console_link(&hosted[0], Role::Instructor, self.config.invite_ttl) {
            identity::write_private(&dir.join("console.txt"), format!("{link}\n").as_bytes())?;
        }
        // The same invites as links into the browser room (`https://HOST:PORT/room#token=...`).
        for role in Role::ALL {
            if let Some(link) = self.room_link(&hosted[0], role, self.config.invite_ttl) {
                identity::write_private(&dir.join(format!("room-{role}.txt")), format!("{link}\n").as_bytes())?;
            }
        }
        if hosted.len() > 1 {
            for session in &hosted {
                write_invite_files(&dir.join(session), |role| {
                    self.invite(session, role, None, self.config.invite_ttl)
                })?;
            }
        }
        Ok(())
    }

    /// Drains: stops accepting, tells every participant, commits every session's log, then
    /// closes the endpoint. Bounded to a few seconds, well inside a 10 s stop timeout.
    pub async fn shutdown(self) {
        self.endpoint.stop_accepting();
        let sessions = self.sessions.clone();
        let _ = tokio::task::spawn_blocking(move || sessions.shutdown()).await;
        // Give the writer tasks a moment to deliver the goodbyes before the endpoint closes.
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.endpoint.shutdown().await;
        for (_, task) in [self.admin, self.console].into_iter().flatten() {
            task.abort();
        }
        if let Some(task) = self.rotation {
            task.abort();
        }
        if let Some(task) = self.retention {
            task.abort();
        }
        if let Some(courier) = self.courier {
            courier.stop(Duration::from_secs(2));
        }
    }
}

/// The port browsers reach the QUIC endpoint on: `public_addr`'s, or the one bound.
fn public_port(config: &Config, bound: SocketAddr) -> u16 {
    config
        .public_addr
        .as_deref()
        .and_then(|a| a.rsplit_once(':'))
        .and_then(|(_, p)| p.parse().ok())
        .unwrap_or(bound.port())
}

/// Deletes drills past the retention period now and once a day after.
fn prune_daily(data_dir: std::path::PathBuf, days: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(86_400));
        loop {
            every.tick().await;
            let dir = data_dir.clone();
            let pruned =
                tokio::task::spawn_blocking(move || records::retention::prune(&dir, days, token::unix_now() * 1000))
                    .await;
            if let Ok(Err(e)) = pruned {
                tracing::error!(error = %format!("{e:#}"), "cannot delete drills past the retention period");
            }
        }
    })
}

/// Builds an invite signed with the identity's token key.
pub fn make_invite(
    identity: &Identity,
    server: &str,
    session: &str,
    role: Role,
    name: Option<String>,
    ttl: Duration,
) -> Invite {
    let claims = token::claims(&identity.token_key, session, role, name, token::unix_now(), ttl.as_secs());
    invite_for(identity, server, &claims)
}

/// An invite carrying `claims`, signed with the identity's token key.
pub fn invite_for(identity: &Identity, server: &str, claims: &token::Claims) -> Invite {
    identity.invite(server, claims)
}

/// The console page's link on the host of `server` (`host:port`, as invites name it), with
/// `token` in the fragment, which browsers never send to the server.
pub fn console_link(server: &str, console_port: u16, token: &str) -> String {
    let host = server.rsplit_once(':').map_or(server, |(h, _)| h);
    format!("https://{host}:{console_port}/#token={token}")
}

/// Writes one invite file per role into `dir`.
pub fn write_invite_files(dir: &Path, invite: impl Fn(Role) -> Invite) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    for role in Role::ALL {
        let path = dir.join(format!("{role}.txt"));
        identity::write_private(&path, format!("{}\n", invite(role)).as_bytes())?;
    }
    Ok(())
}
