//! The end-to-end harness: the real server in process on `127.0.0.1:0` with real QUIC, real
//! clients, and helpers that wait on events with timeouts (never sleep-and-hope).

#[cfg(feature = "gpu")]
pub mod art;
pub mod bench;
#[cfg(feature = "gpu")]
pub mod class;
pub mod console;
pub mod fuzzing;
pub mod lrs;
pub mod relay;

use std::time::{Duration, Instant};

use crossdock_client::core::ClientEvent;
use crossdock_client::{Client, ConnectError, Details};
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::invite::Invite;
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::{ClientMsg, Intent, Role};
use crossdock_server::{Config, Server};
use glam::{Quat, Vec3};

/// How long a helper waits for an event before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);

/// A server running in this process, with its data dir in a temporary folder.
#[derive(Debug)]
pub struct TestServer {
    /// The server.
    pub server: Server,
    _dir: tempfile::TempDir,
}

impl TestServer {
    /// Starts a server with default settings on a free loopback port.
    pub fn start() -> TestServer {
        TestServer::start_with(|_| {})
    }

    /// Starts a server after `tweak` adjusts its configuration.
    pub fn start_with(tweak: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut config = Config {
            listen: "127.0.0.1:0".parse().expect("literal address"),
            data_dir: dir.path().to_owned(),
            write_invites: false,
            metrics_listen: None,
            ..Config::default()
        };
        tweak(&mut config);
        let server = Server::start(config).expect("the server starts");
        TestServer { server, _dir: dir }
    }

    /// The server's data directory (certificate, keys, event log).
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// The event log of the default session so far.
    pub fn records(&self) -> Vec<crossdock_server::records::StoredRecord> {
        let store = crossdock_server::records::Store::open(self.data_dir()).expect("the event log opens");
        store.read(crossdock_server::DEFAULT_SESSION).expect("the event log reads")
    }

    /// The records of the default session's latest drill.
    pub fn drill_records(&self) -> (u32, Vec<crossdock_server::records::StoredRecord>) {
        let store = crossdock_server::records::Store::open(self.data_dir()).expect("the event log opens");
        let drill = store.latest_drill(crossdock_server::DEFAULT_SESSION).expect("the event log reads");
        (drill, store.read_drill(crossdock_server::DEFAULT_SESSION, drill).expect("the event log reads"))
    }

    /// The report of the default session's latest drill.
    pub fn report(&self) -> crossdock_server::assessment::Report {
        let (drill, _) = self.drill_records();
        self.drill_report(drill)
    }

    /// The report of the default session's drill `drill`.
    pub fn drill_report(&self, drill: u32) -> crossdock_server::assessment::Report {
        let store = crossdock_server::records::Store::open(self.data_dir()).expect("the event log opens");
        let records = store.read_drill(crossdock_server::DEFAULT_SESSION, drill).expect("the event log reads");
        crossdock_server::assessment::report(crossdock_server::DEFAULT_SESSION, drill, &records).expect("a report")
    }

    /// A personal invite for `learner` (as a class roster would give) in the default session.
    pub fn personal_invite(&self, role: Role, learner: &str, name: &str, administration: &str, locale: &str) -> Invite {
        self.server.invite_with(|claims| {
            claims.role = role;
            claims.name = Some(name.to_owned());
            claims.learner = Some(crossdock_server::token::LearnerClaim {
                id: learner.to_owned(),
                administration: administration.to_owned(),
                locale: locale.to_owned(),
                lms_account: None,
            });
        })
    }

    /// An invite for `role` in the default session.
    pub fn invite(&self, role: Role) -> Invite {
        self.server.invite(crossdock_server::DEFAULT_SESSION, role, None, Duration::from_secs(600))
    }

    /// An invite for `role` in the default session that leads through `relay`.
    pub fn invite_via(&self, relay: &relay::Relay, role: Role) -> Invite {
        Invite { server: relay.addr().to_string(), ..self.invite(role) }
    }

    /// Joins the default session as `role` through `relay`.
    pub async fn join_via(&self, relay: &relay::Relay, role: Role, name: &str) -> Client {
        join(&self.invite_via(relay, role), name).await.expect("the client joins through the relay")
    }

    /// Joins the default session as `role`.
    pub async fn join(&self, role: Role, name: &str) -> Client {
        join(&self.invite(role), name).await.expect("the client joins")
    }
}

/// Joins with an invite.
pub async fn join(invite: &Invite, name: &str) -> Result<Client, ConnectError> {
    let details = Details { display_name: name.to_owned(), administration: "TH".to_owned(), locale: "th".to_owned() };
    Client::connect(invite, &details).await
}

/// Waits (up to [`WAIT`]) for the server to close `client`'s connection; its close code, if
/// it closed with one of ours.
pub async fn closed_with(client: &Client) -> Option<crossdock_protocol::CloseCode> {
    match tokio::time::timeout(WAIT, client.wait_closed()).await {
        Ok(quinn::ConnectionError::ApplicationClosed(c)) => {
            crossdock_protocol::CloseCode::from_u32(c.error_code.into_inner() as u32)
        }
        _ => None,
    }
}

/// Pumps `client`'s events until `done` holds; false if `timeout` passes first.
pub async fn wait_for(client: &mut Client, timeout: Duration, mut done: impl FnMut(&mut Client) -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if done(client) {
            return true;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, client.next_event()).await {
            Ok(Ok(_)) => {}
            Ok(Err(_)) | Err(_) => return done(client),
        }
    }
}

/// Pumps several clients together until `done` holds for all of them.
pub async fn wait_all(clients: &mut [Client], timeout: Duration, done: impl Fn(&mut Client) -> bool + Copy) -> bool {
    let deadline = Instant::now() + timeout;
    for client in clients.iter_mut() {
        let left = deadline.saturating_duration_since(Instant::now());
        if !wait_for(client, left, done).await {
            return false;
        }
    }
    true
}

/// A standing avatar with both hands at the given places.
pub fn avatar(head: Vec3, left: Vec3, right: Vec3) -> AvatarPose {
    AvatarPose {
        time: Default::default(),
        head: QPose::new(head, Quat::IDENTITY),
        left: QPose::new(left, Quat::IDENTITY),
        right: QPose::new(right, Quat::IDENTITY),
    }
}

/// Sends `pose` until the server acknowledges it, so an intent that depends on it is judged
/// against it.
pub async fn place(client: &mut Client, pose: AvatarPose) -> bool {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        let seq = client.core.next_pose_seq();
        let dgram = client.core.poll_pose_datagram(pose, Instant::now());
        client.send_datagram(dgram);
        let acked = |c: &mut Client| c.core.pose_acked().is_some_and(|a| (a.wrapping_sub(seq) as i16) >= 0);
        if wait_for(client, Duration::from_millis(300), acked).await {
            return true;
        }
    }
    false
}

/// Sends an intent and waits for the server's answer.
pub async fn act(client: &mut Client, intent: Intent) -> Result<(), DenyReason> {
    let seq = client.send_intent(intent).await.expect("the intent is sent");
    answer(client, seq).await
}

/// Waits for the answer to intent `seq`.
pub async fn answer(client: &mut Client, seq: u32) -> Result<(), DenyReason> {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        match tokio::time::timeout(WAIT, client.next_event()).await {
            Ok(Ok(ClientEvent::Granted { seq: s })) if s == seq => return Ok(()),
            Ok(Ok(ClientEvent::Denied { seq: s, reason })) if s == seq => return Err(reason),
            Ok(Ok(_)) => {}
            other => panic!("no answer to intent {seq}: {other:?}"),
        }
    }
    panic!("no answer to intent {seq} within {WAIT:?}")
}

/// Asks the server for its world hash and waits until the mirror has caught up to it.
/// True when they match.
pub async fn converged(client: &mut Client) -> bool {
    let deadline = Instant::now() + WAIT;
    let mut nonce = 100;
    while Instant::now() < deadline {
        nonce += 1;
        client.send_msg(&ClientMsg::QueryStateHash { nonce }).await.expect("the query is sent");
        let Some((tick, hash)) = state_hash(client, nonce).await else { continue };
        let caught_up =
            wait_for(client, Duration::from_secs(2), |c| c.core.newest_tick().is_some_and(|t| t >= tick)).await;
        if caught_up && client.core.mirror.hash() == hash {
            return true;
        }
    }
    false
}

/// Waits for the answer to hash query `nonce`.
async fn state_hash(client: &mut Client, nonce: u64) -> Option<(crossdock_protocol::Tick, u64)> {
    loop {
        match tokio::time::timeout(Duration::from_secs(2), client.next_event()).await {
            Ok(Ok(ClientEvent::StateHash { nonce: n, tick, hash })) if n == nonce => return Some((tick, hash)),
            Ok(Ok(_)) => {}
            _ => return None,
        }
    }
}

/// Keeps `bot` standing at `pose` (30 poses a second) and reading its events until `child`
/// exits, calling `each` after every pose; the child's exit status. Fails past `timeout`.
pub async fn stand_until_exit(
    bot: &mut Client,
    pose: AvatarPose,
    child: &mut std::process::Child,
    timeout: Duration,
    mut each: impl FnMut(&mut Client),
) -> std::process::ExitStatus {
    let mut tick = tokio::time::interval(Duration::from_millis(33));
    let deadline = Instant::now() + timeout;
    loop {
        tokio::select! {
            event = bot.next_event() => { event.expect("the bot stays connected"); }
            _ = tick.tick() => {
                let datagram = bot.core.poll_pose_datagram(pose, Instant::now());
                bot.send_datagram(datagram);
                each(bot);
                if let Some(status) = child.try_wait().expect("the child can be waited on") {
                    return status;
                }
                assert!(Instant::now() < deadline, "the child process did not finish within {timeout:?}");
            }
        }
    }
}
