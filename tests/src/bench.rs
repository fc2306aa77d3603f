//! Shared pieces of the benchmarks: named runtimes, per-thread CPU accounting, and the raw
//! quinn floor that Crossdock's figures are compared against in the same run.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::runtime::Runtime;

/// The real server for a benchmark: loopback, a temporary data dir, no admin port, started on
/// `rt` (whose threads' CPU is then the server's), after `tweak` adjusts its configuration.
pub fn start_server(rt: &Runtime, tweak: impl FnOnce(&mut crossdock_server::Config)) -> crate::TestServer {
    rt.block_on(async { crate::TestServer::start_with(tweak) })
}

/// A trainee invite to the default session of `server`, valid for a day.
pub fn trainee_invite(server: &crate::TestServer) -> crossdock_protocol::invite::Invite {
    server.server.invite(
        crossdock_server::DEFAULT_SESSION,
        crossdock_protocol::Role::Trainee,
        None,
        Duration::from_secs(24 * 3600),
    )
}

/// `count` bots joining with `invite` that stand and look around at `rate_hz` for `duration`
/// (no inspection work): the headsets and watchers of the cost benchmarks.
pub fn standing_bots(
    invite: crossdock_protocol::invite::Invite,
    count: usize,
    duration: Duration,
    rate_hz: u32,
    seed: u64,
) -> crossdock_client::bot::BotConfig {
    crossdock_client::bot::BotConfig {
        people: Default::default(),
        invite,
        count,
        duration,
        rate_hz,
        seed,
        work: false,
        voice: Default::default(),
    }
}

/// A multi-threaded runtime whose threads are named `name`, so their CPU can be told apart.
pub fn runtime(name: &str, threads: usize) -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .thread_name(name)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// CPU time so far of this process's threads whose name starts with a prefix: nanoseconds on
/// the CPU from `schedstat` where the kernel keeps it, else user + system time from `stat`
/// (10 ms units, too coarse for short windows).
pub fn thread_cpu(prefixes: &[&str]) -> Duration {
    let ticks_per_s = 100.0; // USER_HZ on Linux
    let mut total = Duration::ZERO;
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return Duration::ZERO };
    for task in tasks.flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if !prefixes.iter().any(|p| comm.trim_end().starts_with(p)) {
            continue;
        }
        let schedstat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
        if let Some(ns) = schedstat.split_whitespace().next().and_then(|v| v.parse::<u64>().ok()) {
            total += Duration::from_nanos(ns);
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        // Fields after the parenthesised name: state is field 3; utime and stime are 14 and 15.
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after.split_whitespace().collect();
        let field = |i: usize| fields.get(i - 3).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        total += Duration::from_secs_f64((field(14) + field(15)) as f64 / ticks_per_s);
    }
    total
}

/// CPU time so far of every thread of process `pid` (from `schedstat`, nanoseconds).
pub fn process_cpu(pid: u32) -> Duration {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return Duration::ZERO };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map(Duration::from_nanos)
        .sum()
}

/// What a raw quinn run measured.
#[derive(Debug, Default)]
pub struct RawRun {
    /// CPU the server's threads used during the measured window.
    pub server_cpu: Duration,
    /// The measured window.
    pub window: Duration,
    /// Latencies from a client's send to another client's receipt (relay mode), microseconds.
    pub latency_us: Vec<u64>,
}

/// How the raw server treats datagrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawMode {
    /// Each tick, send every client one datagram of `down` bytes; swallow what arrives.
    Tick {
        /// Bytes per downstream datagram.
        down: usize,
    },
    /// Forward every datagram at once to every other client; only the first `senders` clients
    /// send.
    Relay {
        /// How many clients send.
        senders: usize,
    },
}

/// Runs `clients` raw quinn clients that each send a `up`-byte datagram `hz` times a second to a
/// raw quinn server (threads named `raw-srv`), for `warmup + window`.
pub fn raw_quinn(clients: usize, hz: u32, up: usize, mode: RawMode, warmup: Duration, window: Duration) -> RawRun {
    let server_rt = runtime("raw-srv", 1);
    let client_rt = runtime("raw-cli", 1);
    let (endpoint, fingerprint) = server_rt.block_on(async { raw_server() });
    let addr = endpoint.local_addr().expect("bound");
    let conns: Arc<Mutex<Vec<quinn::Connection>>> = Arc::default();
    let period = Duration::from_secs_f64(1.0 / f64::from(hz));
    {
        let conns = conns.clone();
        server_rt.spawn(async move {
            while let Some(incoming) = endpoint.accept().await {
                let Ok(conn) = incoming.await else { continue };
                conns.lock().expect("not poisoned").push(conn.clone());
                let conns = conns.clone();
                tokio::spawn(async move {
                    if let RawMode::Tick { down } = mode {
                        let sender = conn.clone();
                        tokio::spawn(async move {
                            let mut ticker = tokio::time::interval(period);
                            loop {
                                ticker.tick().await;
                                if sender.send_datagram(Bytes::from(vec![7u8; down])).is_err() {
                                    return;
                                }
                            }
                        });
                    }
                    while let Ok(d) = conn.read_datagram().await {
                        if let RawMode::Relay { .. } = mode {
                            let peers = conns.lock().expect("not poisoned").clone();
                            for p in peers.iter().filter(|p| p.stable_id() != conn.stable_id()) {
                                let _ = p.send_datagram(d.clone());
                            }
                        }
                    }
                });
            }
        });
    }
    let epoch = Instant::now();
    let latency: Arc<Mutex<Vec<u64>>> = Arc::default();
    let measuring = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let client_conns: Vec<quinn::Connection> = client_rt.block_on(async {
        let mut out = Vec::new();
        for _ in 0..clients {
            out.push(raw_client(addr, fingerprint).await);
        }
        out
    });
    let senders = match mode {
        RawMode::Relay { senders } => senders,
        RawMode::Tick { .. } => clients,
    };
    for (i, conn) in client_conns.iter().enumerate() {
        let conn = conn.clone();
        let sends = i < senders;
        let latency = latency.clone();
        let measuring = measuring.clone();
        client_rt.spawn(async move {
            let mut ticker = tokio::time::interval(period);
            loop {
                tokio::select! {
                    _ = ticker.tick(), if sends => {
                        let mut payload = vec![0u8; up.max(8)];
                        payload[..8].copy_from_slice(&(epoch.elapsed().as_micros() as u64).to_le_bytes());
                        if conn.send_datagram(Bytes::from(payload)).is_err() { return; }
                    }
                    d = conn.read_datagram() => {
                        let Ok(d) = d else { return };
                        if matches!(mode, RawMode::Relay { .. }) && measuring.load(std::sync::atomic::Ordering::Relaxed) && d.len() >= 8 {
                            let sent = u64::from_le_bytes(d[..8].try_into().expect("8 bytes"));
                            latency.lock().expect("not poisoned").push((epoch.elapsed().as_micros() as u64).saturating_sub(sent));
                        }
                    }
                }
            }
        });
    }
    std::thread::sleep(warmup);
    measuring.store(true, std::sync::atomic::Ordering::Relaxed);
    let before = thread_cpu(&["raw-srv"]);
    std::thread::sleep(window);
    let server_cpu = thread_cpu(&["raw-srv"]) - before;
    measuring.store(false, std::sync::atomic::Ordering::Relaxed);
    for c in &client_conns {
        c.close(0u32.into(), b"done");
    }
    let latency_us = std::mem::take(&mut *latency.lock().expect("not poisoned"));
    client_rt.shutdown_timeout(Duration::from_secs(1));
    server_rt.shutdown_timeout(Duration::from_secs(1));
    RawRun { server_cpu, window, latency_us }
}

fn raw_server() -> (quinn::Endpoint, [u8; 32]) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("a certificate");
    let der = cert.cert.der().clone();
    let digest = ring_sha256(&der);
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .expect("TLS 1.3")
        .with_no_client_auth()
        .with_single_cert(vec![der], key)
        .expect("a matching key");
    tls.alpn_protocols = vec![b"raw".to_vec()];
    let crypto = quinn::crypto::rustls::QuicServerConfig::try_from(tls).expect("QUIC TLS");
    let mut config = quinn::ServerConfig::with_crypto(Arc::new(crypto));
    config.transport_config(Arc::new(crossdock_server::net::transport_config(Duration::from_secs(10), None)));
    let endpoint = quinn::Endpoint::server(config, "127.0.0.1:0".parse().expect("literal")).expect("bound");
    (endpoint, digest)
}

async fn raw_client(addr: SocketAddr, fingerprint: [u8; 32]) -> quinn::Connection {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .expect("TLS 1.3")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(crossdock_client::pin::PinnedCert::new(fingerprint, provider)))
        .with_no_client_auth();
    tls.alpn_protocols = vec![b"raw".to_vec()];
    let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls).expect("QUIC TLS");
    let mut endpoint = quinn::Endpoint::client("127.0.0.1:0".parse().expect("literal")).expect("bound");
    endpoint.set_default_client_config(quinn::ClientConfig::new(Arc::new(crypto)));
    endpoint.connect(addr, "localhost").expect("connect").await.expect("connected")
}

fn ring_sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref());
    out
}

/// Opens a QUIC connection to the invite's server (pinned certificate, Crossdock's ALPN),
/// completes the handshake, and drops it without a word: one stranger in a flood.
pub async fn handshake_only(invite: &crossdock_protocol::invite::Invite) {
    let _ = stranger(invite).await.map(|conn| conn.close(0u32.into(), b""));
}

/// Like [`handshake_only`], but stays silent until the server closes the connection; returns
/// the server's close code.
pub async fn handshake_only_and_wait(
    invite: &crossdock_protocol::invite::Invite,
) -> Option<crossdock_protocol::CloseCode> {
    match stranger(invite).await?.closed().await {
        quinn::ConnectionError::ApplicationClosed(c) => {
            crossdock_protocol::CloseCode::from_u32(c.error_code.into_inner() as u32)
        }
        _ => None,
    }
}

async fn stranger(invite: &crossdock_protocol::invite::Invite) -> Option<quinn::Connection> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let Ok(tls) = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13])
    else {
        return None;
    };
    let mut tls = tls
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(crossdock_client::pin::PinnedCert::new(
            invite.fingerprint,
            provider,
        )))
        .with_no_client_auth();
    tls.alpn_protocols = vec![crossdock_protocol::ALPN.to_vec()];
    let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls).ok()?;
    let mut endpoint = quinn::Endpoint::client("127.0.0.1:0".parse().expect("literal")).ok()?;
    endpoint.set_default_client_config(quinn::ClientConfig::new(Arc::new(crypto)));
    let addr = invite.server.parse::<SocketAddr>().ok()?;
    endpoint.connect(addr, "crossdock.local").ok()?.await.ok()
}

/// Frame times in milliseconds: median, 95th percentile and mean.
#[derive(Debug, Clone, Copy)]
pub struct FrameTimes {
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Mean.
    pub mean: f64,
}

impl FrameTimes {
    /// Of `times` (sorted in place; at least one).
    pub fn of(times: &mut [Duration]) -> FrameTimes {
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
        FrameTimes { p50: ms(times[times.len() / 2]), p95: ms(times[times.len() * 95 / 100]), mean: ms(mean) }
    }

    /// One row of a frame-time table: a label, then p50, p95, mean.
    pub fn row(&self, label: &str) -> String {
        format!("{label:<32} {:>10.2} {:>10.2} {:>10.2}", self.p50, self.p95, self.mean)
    }
}

/// A server binary running as its own process on a fresh data dir, for the benchmarks that
/// compare builds or read a whole process; stopped (or killed) when dropped.
#[derive(Debug)]
pub struct ServerProcess {
    child: std::process::Child,
    /// Its data dir (removed when dropped).
    pub data: tempfile::TempDir,
}

impl ServerProcess {
    /// Starts `bin` listening on a free loopback port with `args` and `envs` added, and waits
    /// (up to 30 s) for the invites it writes once it listens.
    pub fn start(bin: &std::path::Path, args: &[&str], envs: &[(&str, &str)]) -> ServerProcess {
        let data = tempfile::tempdir().expect("a temporary directory");
        let port = free_port();
        let child = std::process::Command::new(bin)
            .args(["--data-dir", &data.path().display().to_string(), "--listen", &format!("127.0.0.1:{port}")])
            .args(args)
            .envs(envs.iter().copied())
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(data.path().join("server.log")).expect("the server's log file"))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let server = ServerProcess { child, data };
        let invite_file = server.data.path().join("invites/trainee.txt");
        let started = Instant::now();
        while std::fs::read_to_string(&invite_file).map_or(true, |s| !s.ends_with('\n')) {
            assert!(started.elapsed() < Duration::from_secs(30), "{} wrote no invites", bin.display());
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// The end of what it logged (warnings and errors), to say why a run failed.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.data.path().join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The trainee invite it wrote for its first session.
    pub fn trainee_invite(&self) -> crossdock_protocol::invite::Invite {
        let link = std::fs::read_to_string(self.data.path().join("invites/trainee.txt")).expect("the invite");
        link.trim().parse().expect("an invite link")
    }

    /// Resident memory now, KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }

    /// Stops it with SIGTERM, killing it after 10 s.
    pub fn stop(&mut self) {
        let _ = std::process::Command::new("kill").args(["-TERM", &self.pid().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// A loopback port free now.
pub fn free_port() -> u16 {
    std::net::UdpSocket::bind("127.0.0.1:0").and_then(|s| s.local_addr()).map(|a| a.port()).expect("a free port")
}
