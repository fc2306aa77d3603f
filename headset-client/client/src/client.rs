//! The network driver: connect with an invite (pinning the certificate), run the handshake,
//! then move bytes between quinn and the [`ClientCore`].
//!
//! The connection is native QUIC (ALPN `crossdock/1`), or a WebTransport session on the
//! server's `/room` as a browser opens it ([`Client::connect_web`]): both are a
//! `web_transport_quinn::Session` (the native one raw), and everything after the connect is
//! the same.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use crossdock_protocol::codec::{FrameDecoder, encode_frame};
use crossdock_protocol::handshake::{ClientHandshake, Refusal, hello};
use crossdock_protocol::invite::Invite;
use crossdock_protocol::messages::Hello;
use crossdock_protocol::voice::{RelayedVoice, TAG_VOICE_RELAY};
use crossdock_protocol::{ALPN, ClientMsg, CloseCode, DecodeError, Intent, ROOM_PATH, ServerMsg};
use quinn::{TransportConfig, VarInt};
use web_transport_quinn::{Session, SessionError, WebTransportError};

use crate::core::{ClientCore, ClientEvent};
use crate::pin::PinnedCert;

/// How often the client proves it is alive, well inside the server's 10 s idle timeout.
pub const KEEP_ALIVE: Duration = Duration::from_secs(2);

/// How long a joining client waits for its first snapshot.
const FIRST_SNAPSHOT: Duration = Duration::from_secs(5);

/// Who is joining.
#[derive(Debug, Clone)]
pub struct Details {
    /// Display name (the token may fix another).
    pub display_name: String,
    /// ISO 3166-1 alpha-2 code of the customs administration.
    pub administration: String,
    /// BCP 47 locale.
    pub locale: String,
}

/// Why a connection could not be made or ended.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The address in the invite does not resolve.
    #[error("cannot resolve the server address `{0}` from the invite: check the link or your network")]
    Resolve(String),
    /// No QUIC connection (unreachable, wrong certificate, no such server).
    #[error("cannot reach the Crossdock server at {addr}: {reason}. Is it running, and is UDP port open?")]
    Unreachable {
        /// Where we tried.
        addr: String,
        /// What quinn said.
        reason: String,
    },
    /// The server refused the handshake.
    #[error("the server refused to let you join: {0}")]
    Refused(Refusal),
    /// The server broke the protocol.
    #[error("the server sent something this client cannot read: {0}")]
    Protocol(String),
    /// The connection ended.
    #[error("the connection to the server was lost: {0}")]
    Lost(String),
    /// Local I/O failed.
    #[error("local network error: {0}")]
    Io(#[from] std::io::Error),
}

/// Client transport bounds: a keep-alive, one bidirectional stream, modest windows. Over
/// WebTransport the server opens HTTP/3's control and QPACK streams, so `uni` allows them.
fn transport_config(uni: u32) -> TransportConfig {
    let mut t = TransportConfig::default();
    t.max_concurrent_bidi_streams(VarInt::from_u32(0))
        .max_concurrent_uni_streams(VarInt::from_u32(uni))
        .datagram_receive_buffer_size(Some(256 * 1024))
        // Poses are latest-wins: a slow path drops old ones rather than queueing them.
        .datagram_send_buffer_size(8 * 1024)
        .keep_alive_interval(Some(KEEP_ALIVE))
        .congestion_controller_factory(Arc::new(quinn::congestion::BbrConfig::default()))
        .ack_frequency_config(Some(ack_frequency()));
    t.max_idle_timeout(Duration::from_secs(10).try_into().ok());
    t
}

/// A connected, welcomed client.
#[derive(Debug)]
pub struct Client {
    /// The headless core the network feeds.
    pub core: ClientCore,
    conn: Session,
    send: web_transport_quinn::SendStream,
    control: ControlStream,
    /// Datagram payloads sent and received: (count, bytes) each way.
    pub datagrams: DatagramCounts,
    /// Every byte received, when [`Client::capture_wire`] asked for it.
    pub wire: Option<Vec<u8>>,
    /// Voice frames received, by speaker.
    pub voice_heard: std::collections::BTreeMap<crossdock_protocol::ParticipantId, Heard>,
    handshake_wire: Vec<u8>,
    _endpoint: quinn::Endpoint,
}

/// Datagram payload counters, QUIC overhead excluded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DatagramCounts {
    /// Datagrams sent.
    pub sent: u64,
    /// Payload bytes sent.
    pub sent_bytes: u64,
    /// Datagrams received.
    pub received: u64,
    /// Payload bytes received.
    pub received_bytes: u64,
}

/// Voice frames received from one speaker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Heard {
    /// Frames.
    pub frames: u64,
    /// Datagram bytes.
    pub bytes: u64,
    /// Frames marked as an all-call.
    pub all_call: u64,
    /// Frames marked as interpretation (an interpreter on our channel).
    pub interpretation: u64,
}

impl Client {
    /// Connects with `invite`, pinning its fingerprint, and joins.
    pub async fn connect(invite: &Invite, details: &Details) -> Result<Client, ConnectError> {
        Client::connect_with_hello(
            invite,
            hello(&invite.token, &details.display_name, &details.administration, &details.locale),
        )
        .await
    }

    /// Connects, or comes back after a lost connection: presents `resume` (the secret of the
    /// earlier welcome) so a server that still holds the place gives back the same identity,
    /// and retries with backoff (0.2 s doubling to 2 s) until `deadline` while the server is
    /// unreachable or restarting. Refusals other than a full server are final.
    pub async fn connect_resuming(
        invite: &Invite,
        details: &Details,
        resume: Option<String>,
        deadline: Instant,
    ) -> Result<Client, ConnectError> {
        let mut wait = Duration::from_millis(200);
        loop {
            let mut hello = hello(&invite.token, &details.display_name, &details.administration, &details.locale);
            hello.resume = resume.clone();
            match Client::connect_with_hello(invite, hello).await {
                Ok(client) => return Ok(client),
                Err(ConnectError::Refused(r))
                    if !matches!(r.code, CloseCode::ServerFull | CloseCode::ServerShutdown) =>
                {
                    return Err(ConnectError::Refused(r));
                }
                Err(e) if Instant::now() + wait >= deadline => return Err(e),
                Err(e) => {
                    tracing::info!(error = %e, retry_in_ms = wait.as_millis() as u64, "reconnecting");
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(2));
                }
            }
        }
    }

    /// Connects and sends `hello` as given (tests use it to present other versions or tokens).
    pub async fn connect_with_hello(invite: &Invite, hello: Hello) -> Result<Client, ConnectError> {
        let (endpoint, addr) = endpoint_for(&invite.server).await?;
        let unreachable = |e: &dyn std::fmt::Display| ConnectError::Unreachable {
            addr: invite.server.clone(),
            reason: e.to_string(),
        };
        let config = client_config(PinnedCert::new(invite.fingerprint, provider()), ALPN, 0)?;
        let conn = endpoint
            .connect_with(config, addr, "crossdock.local")
            .map_err(|e| unreachable(&e))?
            .await
            .map_err(|e| unreachable(&e))?;
        Client::join(endpoint, Session::raw(conn), hello).await
    }

    /// Connects as a browser does: a WebTransport session on the server's `/room` (ALPN `h3`),
    /// trusting the browser certificates whose SHA-256 `hashes` the server's page lists.
    pub async fn connect_web(
        invite: &Invite,
        hashes: Vec<[u8; 32]>,
        details: &Details,
    ) -> Result<Client, ConnectError> {
        let hello = hello(&invite.token, &details.display_name, &details.administration, &details.locale);
        let (endpoint, _) = endpoint_for(&invite.server).await?;
        let config = client_config(PinnedCert::any_of(hashes, provider()), b"h3", 4)?;
        let url = format!("https://{}{ROOM_PATH}", invite.server)
            .parse::<url::Url>()
            .map_err(|_| ConnectError::Resolve(invite.server.clone()))?;
        let session = web_transport_quinn::Client::new(endpoint.clone(), config)
            .connect(url)
            .await
            .map_err(|e| ConnectError::Unreachable { addr: invite.server.clone(), reason: e.to_string() })?;
        Client::join(endpoint, session, hello).await
    }

    /// Opens the control stream on `conn`, says `hello`, and waits for the world.
    async fn join(endpoint: quinn::Endpoint, conn: Session, hello: Hello) -> Result<Client, ConnectError> {
        let (send, recv) = conn.open_bi().await.map_err(|e| ConnectError::Lost(e.to_string()))?;
        let control = ControlStream { recv, frames: FrameDecoder::default(), buf: vec![0; 16 * 1024] };
        let mut client = Handshaking { conn, send, control, seen: Vec::new() };
        let mut hs = ClientHandshake::new(hello);
        if let Some(hello) = hs.poll_transmit() {
            client.write(&ClientMsg::Hello(hello)).await?;
        }
        let first = client.read().await?;
        let welcome = hs.handle_msg(first).map_err(ConnectError::Refused)?.clone();
        let init = match client.read().await? {
            ServerMsg::WorldInit(init) => *init,
            other => {
                return Err(ConnectError::Protocol(format!("expected the world description, got {other:?}")));
            }
        };
        let core = ClientCore::new(welcome, init, Instant::now());
        let Handshaking { conn, send, control, seen } = client;
        let mut client = Client {
            core,
            conn,
            send,
            control,
            datagrams: DatagramCounts::default(),
            wire: Some(seen),
            voice_heard: Default::default(),
            handshake_wire: Vec::new(),
            _endpoint: endpoint,
        };
        // Ready means holding the world: wait for the first snapshot (a full one).
        let first_snapshot = async {
            while client.core.newest_tick().is_none() {
                client.next_event().await?;
            }
            Ok::<_, ConnectError>(())
        };
        tokio::time::timeout(FIRST_SNAPSHOT, first_snapshot)
            .await
            .map_err(|_| ConnectError::Lost(format!("no world state within {FIRST_SNAPSHOT:?} of joining")))??;
        // What arrived while joining is kept for `capture_wire`; nothing more is unless asked.
        client.handshake_wire = client.wire.take().unwrap_or_default();
        Ok(client)
    }

    /// Waits for the next message or datagram and applies it to the core.
    ///
    /// Cancel-safe: partial frames stay buffered, so it can sit in a `select!`.
    pub async fn next_event(&mut self) -> Result<ClientEvent, ConnectError> {
        loop {
            if let Some(msg) = self.control.frames.next_message::<ServerMsg>().map_err(protocol)? {
                return self.core.handle_msg(msg, Instant::now()).map_err(protocol);
            }
            tokio::select! {
                read = self.control.fill(&self.conn, self.wire.as_mut()) => read?,
                datagram = self.conn.read_datagram() => match datagram {
                    Ok(bytes) => {
                        self.datagrams.received += 1;
                        if let Some(wire) = &mut self.wire {
                            wire.extend_from_slice(&bytes);
                        }
                        self.datagrams.received_bytes += bytes.len() as u64;
                        if bytes.first() == Some(&TAG_VOICE_RELAY) {
                            match RelayedVoice::decode(&bytes) {
                                Ok(voice) => {
                                    let heard = self.voice_heard.entry(voice.speaker).or_default();
                                    heard.frames += 1;
                                    heard.bytes += bytes.len() as u64;
                                    heard.all_call += u64::from(voice.frame.all_call);
                                    heard.interpretation += u64::from(voice.interpretation);
                                    return Ok(ClientEvent::Voice(voice));
                                }
                                // Voice is best effort: a bad frame is dropped, not fatal.
                                Err(e) => {
                                    tracing::debug!(error = %e, "dropped a malformed voice datagram");
                                    continue;
                                }
                            }
                        }
                        self.core.handle_datagram(&bytes, Instant::now()).map_err(protocol)?;
                        return Ok(ClientEvent::Applied);
                    }
                    Err(e) => return Err(lost(&self.conn, e.to_string())),
                },
            }
        }
    }

    /// Keeps every byte received in [`Client::wire`] from now on (tests audit what a role sees).
    /// The handshake's bytes are included.
    pub fn capture_wire(&mut self) {
        let handshake = std::mem::take(&mut self.handshake_wire);
        self.wire.get_or_insert(handshake);
    }

    /// Sends a message on the control stream.
    pub async fn send_msg(&mut self, msg: &ClientMsg) -> Result<(), ConnectError> {
        self.send.write_all(&encode_frame(msg)).await.map_err(|e| lost(&self.conn, e.to_string()))
    }

    /// Sends an intent; returns its sequence number.
    pub async fn send_intent(&mut self, intent: Intent) -> Result<u32, ConnectError> {
        let (seq, msg) = self.core.intent(intent);
        self.send_msg(&msg).await?;
        Ok(seq)
    }

    /// Sends a datagram (dropped silently if the connection cannot take it now: latest wins).
    pub fn send_datagram(&mut self, bytes: Vec<u8>) {
        self.datagrams.sent += 1;
        self.datagrams.sent_bytes += bytes.len() as u64;
        let _ = self.conn.send_datagram(Bytes::from(bytes));
    }

    /// Writes bytes on the control stream as they are, framed or not. Only for tests that
    /// play a misbehaving client; a real client never needs it.
    pub async fn danger_send_raw_control_bytes(&mut self, bytes: &[u8]) -> Result<(), ConnectError> {
        self.send.write_all(bytes).await.map_err(|e| lost(&self.conn, e.to_string()))
    }

    /// Waits until the connection closes and returns why.
    pub async fn wait_closed(&self) -> quinn::ConnectionError {
        quinn::Connection::closed(&self.conn).await
    }

    /// UDP bytes received and sent so far, QUIC overhead included.
    pub fn udp_bytes(&self) -> (u64, u64) {
        let stats = quinn::Connection::stats(&self.conn);
        (stats.udp_rx.bytes, stats.udp_tx.bytes)
    }

    /// UDP packets received and sent on this connection so far (each QUIC packet, ACK-only
    /// ones too; a GSO batch counts its segments).
    pub fn udp_packets(&self) -> (u64, u64) {
        let stats = quinn::Connection::stats(&self.conn);
        (stats.udp_rx.datagrams, stats.udp_tx.datagrams)
    }

    /// Closes the connection with a reason.
    pub fn close(&self, code: CloseCode, reason: &str) {
        self.conn.close(code.to_u32(), reason.as_bytes());
    }

    /// Waits until the close has been sent.
    pub async fn closed(self) {
        let _ = tokio::time::timeout(Duration::from_secs(1), self._endpoint.wait_idle()).await;
    }

    /// The underlying QUIC connection's close reason, once closed.
    pub fn close_reason(&self) -> Option<quinn::ConnectionError> {
        quinn::Connection::close_reason(&self.conn)
    }
}

struct Handshaking {
    conn: Session,
    send: web_transport_quinn::SendStream,
    control: ControlStream,
    /// Bytes read so far, for [`Client::capture_wire`].
    seen: Vec<u8>,
}

impl Handshaking {
    async fn write(&mut self, msg: &ClientMsg) -> Result<(), ConnectError> {
        self.send.write_all(&encode_frame(msg)).await.map_err(|e| lost(&self.conn, e.to_string()))
    }

    async fn read(&mut self) -> Result<ServerMsg, ConnectError> {
        loop {
            if let Some(msg) = self.control.frames.next_message().map_err(protocol)? {
                return Ok(msg);
            }
            self.control.fill(&self.conn, Some(&mut self.seen)).await?;
        }
    }
}

/// The reading side of the control stream: bytes in, whole messages out.
#[derive(Debug)]
struct ControlStream {
    recv: web_transport_quinn::RecvStream,
    frames: FrameDecoder,
    buf: Vec<u8>,
}

impl ControlStream {
    /// Reads what has arrived into the frame decoder (and onto `wire`, when capturing).
    /// Cancel-safe: quinn's `read` is.
    async fn fill(&mut self, conn: &Session, wire: Option<&mut Vec<u8>>) -> Result<(), ConnectError> {
        match self.recv.read(&mut self.buf).await {
            Ok(Some(n)) => {
                if let Some(wire) = wire {
                    wire.extend_from_slice(&self.buf[..n]);
                }
                self.frames.handle_bytes(&self.buf[..n]);
                Ok(())
            }
            Ok(None) => Err(ConnectError::Lost("the server ended the control stream".into())),
            Err(e) => Err(lost(conn, e.to_string())),
        }
    }
}

fn protocol(e: DecodeError) -> ConnectError {
    ConnectError::Protocol(e.to_string())
}

/// Turns a closed connection into the most useful error: the server's refusal if it gave one
/// (a native close code, or a WebTransport session's close capsule).
fn lost(conn: &Session, fallback: String) -> ConnectError {
    let refused = |code: u32, reason: String| {
        let code = CloseCode::from_u32(code).unwrap_or(CloseCode::ProtocolViolation);
        ConnectError::Refused(Refusal::new(code, reason))
    };
    match conn.close_reason() {
        Some(SessionError::WebTransportError(WebTransportError::Closed(code, reason))) => refused(code, reason),
        Some(SessionError::ConnectionError(quinn::ConnectionError::ApplicationClosed(close))) => {
            refused(close.error_code.into_inner() as u32, String::from_utf8_lossy(&close.reason).into_owned())
        }
        Some(other) => ConnectError::Lost(other.to_string()),
        None => ConnectError::Lost(fallback),
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A client endpoint for the server at `server` (`host:port`), and its address.
async fn endpoint_for(server: &str) -> Result<(quinn::Endpoint, SocketAddr), ConnectError> {
    let addr: SocketAddr = tokio::net::lookup_host(server)
        .await
        .map_err(|_| ConnectError::Resolve(server.to_owned()))?
        .next()
        .ok_or_else(|| ConnectError::Resolve(server.to_owned()))?;
    let bind: SocketAddr =
        if addr.is_ipv6() { "[::]:0".parse().expect("literal") } else { "0.0.0.0:0".parse().expect("literal") };
    Ok((quinn::Endpoint::client(bind)?, addr))
}

fn client_config(pin: PinnedCert, alpn: &[u8], uni: u32) -> Result<quinn::ClientConfig, ConnectError> {
    let tls_err = |e: rustls::Error| ConnectError::Protocol(format!("TLS setup failed: {e}"));
    let mut tls = rustls::ClientConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(tls_err)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(pin))
        .with_no_client_auth();
    tls.alpn_protocols = vec![alpn.to_vec()];
    let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls)
        .map_err(|e| ConnectError::Protocol(format!("TLS config unusable for QUIC: {e}")))?;
    let mut config = quinn::ClientConfig::new(Arc::new(crypto));
    config.transport_config(Arc::new(transport_config(uni)));
    Ok(config)
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
