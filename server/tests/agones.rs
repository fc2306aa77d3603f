//! The Agones integration against a mock SDK sidecar: a local gRPC server implementing the SDK
//! service (built from `tests/proto`), which records every call. The server must say Ready once
//! it listens, ping Health, host only the session its allocation names, keep the participant
//! counters current, and call Shutdown last, after its event log is committed.

use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossdock_client::{Client, ConnectError, Details};
use crossdock_protocol::invite::Invite;
use crossdock_protocol::{CloseCode, Role};
use crossdock_server::{Config, Server};
use tokio::sync::watch;
use tonic::{Request, Response, Status, Streaming};

#[allow(unused_qualifications, missing_debug_implementations, clippy::all)]
mod sdk {
    tonic::include_proto!("agones.dev.sdk");
}
#[allow(unused_qualifications, missing_debug_implementations, clippy::all)]
mod beta {
    tonic::include_proto!("agones.dev.sdk.beta");
}

/// What the sidecar was asked, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Call {
    Ready,
    Health,
    Counter(String, i64),
    /// Shutdown, with the number of records the session's log held at that moment.
    Shutdown {
        records: usize,
    },
}

#[derive(Clone)]
struct Sidecar {
    calls: Arc<Mutex<Vec<Call>>>,
    game_server: watch::Receiver<sdk::GameServer>,
    data_dir: PathBuf,
}

impl Sidecar {
    fn record(&self, call: Call) {
        self.calls.lock().unwrap().push(call);
    }
}

#[tonic::async_trait]
impl sdk::sdk_server::Sdk for Sidecar {
    async fn ready(&self, _: Request<sdk::Empty>) -> Result<Response<sdk::Empty>, Status> {
        self.record(Call::Ready);
        Ok(Response::new(sdk::Empty {}))
    }

    async fn shutdown(&self, _: Request<sdk::Empty>) -> Result<Response<sdk::Empty>, Status> {
        let records = crossdock_server::records::Store::open(&self.data_dir)
            .and_then(|s| s.read("drill-7"))
            .map(|r| r.len())
            .unwrap_or(0);
        self.record(Call::Shutdown { records });
        Ok(Response::new(sdk::Empty {}))
    }

    async fn health(&self, request: Request<Streaming<sdk::Empty>>) -> Result<Response<sdk::Empty>, Status> {
        let mut pings = request.into_inner();
        while pings.message().await?.is_some() {
            self.record(Call::Health);
        }
        Ok(Response::new(sdk::Empty {}))
    }

    async fn get_game_server(&self, _: Request<sdk::Empty>) -> Result<Response<sdk::GameServer>, Status> {
        Ok(Response::new(self.game_server.borrow().clone()))
    }

    type WatchGameServerStream =
        Pin<Box<dyn tokio_stream_like::Stream<Item = Result<sdk::GameServer, Status>> + Send + 'static>>;

    async fn watch_game_server(&self, _: Request<sdk::Empty>) -> Result<Response<Self::WatchGameServerStream>, Status> {
        let mut updates = self.game_server.clone();
        let stream = async_stream::stream! {
            loop {
                let current = updates.borrow_and_update().clone();
                yield Ok(current);
                if updates.changed().await.is_err() {
                    break;
                }
            }
        };
        Ok(Response::new(Box::pin(stream)))
    }
}

#[tonic::async_trait]
impl beta::sdk_server::Sdk for Sidecar {
    async fn update_counter(
        &self,
        request: Request<beta::UpdateCounterRequest>,
    ) -> Result<Response<beta::Counter>, Status> {
        let update =
            request.into_inner().counter_update_request.ok_or_else(|| Status::invalid_argument("no update"))?;
        let count = update.count.ok_or_else(|| Status::invalid_argument("only set-count is expected"))?;
        self.record(Call::Counter(update.name.clone(), count));
        Ok(Response::new(beta::Counter { name: update.name, count, capacity: 64 }))
    }
}

/// `futures_core::Stream`, as tonic's generated code names it.
mod tokio_stream_like {
    pub use tonic::codegen::tokio_stream::Stream;
}

fn game_server(state: &str, session: Option<&str>) -> sdk::GameServer {
    let mut meta = sdk::game_server::ObjectMeta { name: "crossdock-abc12".into(), ..Default::default() };
    if let Some(session) = session {
        meta.annotations.insert(crossdock_server::fleet::SESSION_KEY.into(), session.into());
    }
    sdk::GameServer { object_meta: Some(meta), status: Some(sdk::game_server::Status { state: state.into() }) }
}

async fn join(invite: &Invite) -> Result<Client, ConnectError> {
    let details = Details { display_name: "Somchai".into(), administration: "TH".into(), locale: "th".into() };
    Client::connect(invite, &details).await
}

/// Polls `done` on the recorded calls until it holds or `timeout` passes.
async fn wait_calls(calls: &Mutex<Vec<Call>>, timeout: Duration, done: impl Fn(&[Call]) -> bool) -> Vec<Call> {
    let deadline = Instant::now() + timeout;
    loop {
        let now = calls.lock().unwrap().clone();
        if done(&now) || Instant::now() > deadline {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_allocated_fleet_server_reports_ready_health_counters_and_shuts_down_after_the_drill() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().to_owned(),
        metrics_listen: None,
        write_invites: false,
        agones: true,
        ..Config::default()
    };
    let server = Server::start(config).unwrap();
    let ttl = Duration::from_secs(600);
    let trainee = server.invite("drill-7", Role::Trainee, None, ttl);
    let observer = server.invite("drill-7", Role::Observer, None, ttl);
    let stranger = server.invite("another-drill", Role::Trainee, None, ttl);

    let (allocate, updates) = watch::channel(game_server("Scheduled", None));
    let sidecar = Sidecar { calls: Arc::default(), game_server: updates, data_dir: dir.path().to_owned() };
    let calls = sidecar.calls.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let incoming = tonic::transport::server::TcpIncoming::from_listener(listener, true, None).unwrap();
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(sdk::sdk_server::SdkServer::new(sidecar.clone()))
            .add_service(beta::sdk_server::SdkServer::new(sidecar))
            .serve_with_incoming(incoming),
    );

    let fleet =
        tokio::spawn(crossdock_server::fleet::run(server, Duration::from_secs(1), Some(port), std::future::pending()));
    let seen = wait_calls(&calls, Duration::from_secs(20), |c| c.contains(&Call::Ready)).await;
    assert_eq!(seen.first(), Some(&Call::Ready), "Ready comes first: {seen:?}");

    // Allocation names the session; from then on, only its invites are admitted.
    allocate.send(game_server("Allocated", Some("drill-7"))).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match join(&stranger).await {
            Err(ConnectError::Refused(r)) if r.code == CloseCode::WrongSession => break,
            Ok(client) => client.close(CloseCode::Normal, "checking"),
            Err(e) => panic!("unexpected: {e}"),
        }
        assert!(Instant::now() < deadline, "the allocation never narrowed the hosted sessions");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let trainee = join(&trainee).await.expect("the allocated session's trainee joins");
    let observer = join(&observer).await.expect("the allocated session's observer joins");
    let counted = |c: &[Call]| {
        c.contains(&Call::Counter("participants".into(), 1)) && c.contains(&Call::Counter("observers".into(), 1))
    };
    let seen = wait_calls(&calls, Duration::from_secs(10), counted).await;
    assert!(counted(&seen), "counters follow the joins: {seen:?}");

    trainee.close(CloseCode::Normal, "drill done");
    observer.close(CloseCode::Normal, "drill done");
    let result = tokio::time::timeout(Duration::from_secs(20), fleet).await.expect("the drill ends on its own");
    result.unwrap().expect("the fleet run ends cleanly");

    let calls = calls.lock().unwrap().clone();
    assert_eq!(calls.first(), Some(&Call::Ready));
    let Some(Call::Shutdown { records }) = calls.last() else { panic!("Shutdown comes last: {calls:?}") };
    assert!(*records >= 2, "the log held the joins and leaves before Shutdown, got {records} records");
    assert_eq!(calls.iter().filter(|c| matches!(c, Call::Shutdown { .. })).count(), 1);
    let health = calls.iter().filter(|c| **c == Call::Health).count();
    assert!(health >= 1, "health pings while serving: {calls:?}");
    let participants: Vec<i64> = calls
        .iter()
        .filter_map(|c| match c {
            Call::Counter(name, n) if name == "participants" => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(participants.first(), Some(&0), "counted from zero: {participants:?}");
    assert!(participants.windows(2).any(|w| w == [1, 0]), "back to zero once they left: {participants:?}");
}
