//! The QUIC endpoint: TLS and transport bounds, and the accept loop with its connection cap.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use crossdock_protocol::codec::{FRAME_HEADER, MAX_FRAME};
use crossdock_protocol::{ALPN, CloseCode};
use quinn::{TransportConfig, VarInt};
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;
use tracing::Instrument;

use super::browser::{BrowserCerts, H3, Resolver};
use super::codes::CODE_ALPN;
use super::connection;
use super::event::ClientId;
use super::shared::Shared;
use crate::config::Config;
use crate::identity::Identity;
use crate::session::Sessions;

/// Bytes of datagrams quinn may queue per connection before it drops the oldest.
pub const DATAGRAM_SEND_BUFFER: usize = 16 * 1024;

/// Transport bounds for both sides; quinn's defaults are not safe for a public server.
///
/// One bidirectional stream (the control stream), windows sized to one maximum frame, a small
/// datagram receive buffer (latest wins anyway) and a short idle timeout. Three unidirectional
/// streams, because the same port serves browsers (HTTP/3 opens its control and QPACK streams
/// at once, and Chromium refuses a server that allows fewer); the native protocol has none, and
/// a native client that opens one is disconnected.
pub fn transport_config(idle_timeout: Duration, keep_alive: Option<Duration>) -> TransportConfig {
    let mut t = TransportConfig::default();
    t.max_concurrent_bidi_streams(VarInt::from_u32(1))
        .max_concurrent_uni_streams(VarInt::from_u32(3))
        .stream_receive_window(VarInt::from_u32((2 * (MAX_FRAME + FRAME_HEADER)) as u32))
        .receive_window(VarInt::from_u32((4 * (MAX_FRAME + FRAME_HEADER)) as u32))
        .send_window(8 * 1024 * 1024)
        .datagram_receive_buffer_size(Some(128 * 1024))
        // Small on purpose: when a path slows, old snapshots are dropped (quinn drops the oldest)
        // instead of queueing into seconds of latency; the next delta covers them.
        .datagram_send_buffer_size(DATAGRAM_SEND_BUFFER)
        .keep_alive_interval(keep_alive)
        .congestion_controller_factory(Arc::new(quinn::congestion::BbrConfig::default()))
        .ack_frequency_config(Some(ack_frequency()));
    // 10 s is far inside QUIC's idle-timeout range, so the conversion cannot fail.
    t.max_idle_timeout(idle_timeout.try_into().ok());
    t
}

/// The listening endpoint and its accept loop.
#[derive(Debug)]
pub struct Endpoint {
    endpoint: quinn::Endpoint,
    accept: JoinHandle<()>,
    shared: Arc<Shared>,
}

impl Endpoint {
    /// Binds `config.listen` and starts accepting.
    pub fn start(
        config: &Config,
        identity: Arc<Identity>,
        sessions: Arc<Sessions>,
        metrics: Arc<crate::metrics::Metrics>,
        browser: Arc<BrowserCerts>,
    ) -> Result<Endpoint> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let native = rustls::sign::CertifiedKey::from_der(
            vec![identity.cert.clone()],
            identity.private_key(),
            &provider,
        )
        .context(
            "the certificate in the data dir does not match its key: delete cert.der and cert-key.der to make new ones",
        )?;
        let mut tls = rustls::ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13])
            .context("TLS 1.3 is unavailable")?
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(Resolver { native: Arc::new(native), browser }));
        // Native clients, browser consoles (WebTransport over HTTP/3) and short join codes, on
        // one port: the ALPN decides (and which certificate the connection gets).
        tls.alpn_protocols = vec![ALPN.to_vec(), H3.to_vec(), CODE_ALPN.to_vec()];
        tls.max_early_data_size = 0;
        let crypto = quinn::crypto::rustls::QuicServerConfig::try_from(tls).context("TLS config unusable for QUIC")?;
        let mut server = quinn::ServerConfig::with_crypto(Arc::new(crypto));
        server.transport_config(Arc::new(transport_config(config.idle_timeout, None)));
        let reset_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &identity.reset_key);
        let socket = std::net::UdpSocket::bind(config.listen).with_context(|| {
            format!(
                "cannot listen on udp {}: is another server running there? pick another with --listen",
                config.listen
            )
        })?;
        // Connection ids must validate after a restart too, or the restarted server drops the old
        // clients' packets instead of answering them with a stateless reset.
        let cid_key = u64::from_le_bytes(identity.reset_key[..8].try_into().expect("64-byte key"));
        let mut endpoint_config = quinn::EndpointConfig::new(Arc::new(reset_key));
        endpoint_config.cid_generator(move || Box::new(quinn_proto::HashedConnectionIdGenerator::from_key(cid_key)));
        let endpoint = quinn::Endpoint::new(
            endpoint_config,
            Some(server),
            socket,
            Arc::new(super::timers::CoarseTimers(sessions.gate())),
        )?;
        let bound = endpoint.local_addr()?;
        let shared = Arc::new(Shared {
            config: config.clone(),
            hosted: std::sync::RwLock::new(config.sessions.clone()),
            identity,
            sessions,
            next_client: AtomicU64::new(1),
            metrics,
            used_tokens: std::sync::Mutex::new(crate::records::UsedTokens::open(&config.data_dir)?),
            bound,
            codes: Arc::new(super::codes::JoinCodes::open(
                &config.data_dir,
                config.join_code_ttl,
                crate::clock::unix_ms(),
            )?),
            rosters: crate::records::Rosters::open(&config.data_dir)?,
        });
        let accept =
            tokio::spawn(accept_loop(endpoint.clone(), shared.clone(), config.max_connections).in_current_span());
        Ok(Endpoint { endpoint, accept, shared })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> Result<SocketAddr> {
        Ok(self.endpoint.local_addr()?)
    }

    /// The short join codes, for the room page's form to redeem too.
    pub fn codes(&self) -> Arc<super::codes::JoinCodes> {
        self.shared.codes.clone()
    }

    /// Admits invites for `session` only, from now on.
    pub fn host_only(&self, session: &str) {
        *self.shared.hosted.write().unwrap_or_else(|e| e.into_inner()) = Some(vec![session.to_owned()]);
    }

    /// Refuses new connections from now on; established ones carry on.
    pub fn stop_accepting(&self) {
        self.accept.abort();
        self.endpoint.set_server_config(None);
    }

    /// Tells every client the server is going, and waits briefly for the goodbyes to leave.
    pub async fn shutdown(self) {
        self.accept.abort();
        self.endpoint.close(CloseCode::ServerShutdown.to_u32().into(), b"server shutting down");
        let _ = tokio::time::timeout(Duration::from_secs(2), self.endpoint.wait_idle()).await;
    }
}

async fn accept_loop(endpoint: quinn::Endpoint, shared: Arc<Shared>, max_connections: usize) {
    let slots = Arc::new(Semaphore::new(max_connections));
    // TLS handshakes are the dear part of a connection: past this rate new ones are refused
    // with one cheap packet, so a flood of strangers cannot starve the participants' tick.
    let mut handshakes = super::limits::Bucket::new(
        super::limits::HANDSHAKE_BURST,
        super::limits::HANDSHAKE_RATE,
        std::time::Instant::now(),
    );
    while let Some(incoming) = endpoint.accept().await {
        if !handshakes.take(std::time::Instant::now()) {
            shared.metrics.refused("handshake", "HandshakeRate");
            incoming.refuse();
            continue;
        }
        // Under load, make new clients prove their address first (a QUIC retry), so a flood
        // of spoofed handshakes costs the server one stateless packet each.
        if slots.available_permits() < max_connections / 2 && !incoming.remote_address_validated() {
            let _ = incoming.retry();
            continue;
        }
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            tracing::warn!(addr = %incoming.remote_address(), max_connections, "connection refused: server full");
            incoming.refuse();
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            handle(incoming, shared).await;
            drop(permit);
        });
    }
}

/// Runs one connection from its first packet to its close: the ALPN it negotiated says what it
/// is (a native participant, a browser, a join code).
async fn handle(incoming: quinn::Incoming, shared: Arc<Shared>) {
    let client = ClientId(shared.next_client.fetch_add(1, Ordering::Relaxed));
    let span = tracing::info_span!("conn", client = client.0, addr = %incoming.remote_address());
    async move {
        let conn = match incoming.await {
            Ok(conn) => conn,
            Err(e) => {
                tracing::debug!(error = %e, "QUIC handshake failed");
                return;
            }
        };
        let alpn = conn
            .handshake_data()
            .and_then(|d| d.downcast::<quinn::crypto::rustls::HandshakeData>().ok())
            .and_then(|d| d.protocol);
        match alpn.as_deref() {
            Some(H3) => super::webtransport::serve(conn, client, shared).await,
            Some(CODE_ALPN) => super::codes::serve(conn, &shared.codes).await,
            _ => connection::join(web_transport_quinn::Session::raw(conn), client, shared).await,
        }
    }
    .instrument(span)
    .await
}

/// Fewer ACK-only packets: the peer is asked to acknowledge every
/// [`crossdock_protocol::ACK_ELICITING_THRESHOLD`] packets or [`crossdock_protocol::ACK_DELAY_MS`],
/// so its ACKs ride on its own datagrams (a peer without the extension ignores it).
fn ack_frequency() -> quinn::AckFrequencyConfig {
    let mut ack = quinn::AckFrequencyConfig::default();
    ack.ack_eliciting_threshold(VarInt::from_u32(crossdock_protocol::ACK_ELICITING_THRESHOLD))
        .max_ack_delay(Some(Duration::from_millis(crossdock_protocol::ACK_DELAY_MS)));
    ack
}
