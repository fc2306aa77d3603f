//! One connection's task: handshake on the control stream, then read frames and datagrams and
//! turn them into [`NetEvent`]s; a writer task sends the tick's reliable messages.
//!
//! A native client's QUIC connection (ALPN `crossdock/1`) and a browser's WebTransport session
//! on `/room` run the same code: both are a `web_transport_quinn::Session`, the native one raw.
//!
//! Whatever the peer sends, this task never panics: bad bytes close the connection with a
//! reason code, and the session hears a `Leave` like for any other departure.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossdock_protocol::codec::{FrameDecoder, encode_frame};
use crossdock_protocol::delta::{PoseReceiver, PoseUpdate, TAG_ACK, TAG_POSE, decode_ack};
use crossdock_protocol::handshake::{Refusal, check_hello};
use crossdock_protocol::messages::Hello;
use crossdock_protocol::voice::{TAG_VOICE, VoiceFrame};
use crossdock_protocol::{ClientMsg, CloseCode, DecodeError, ServerMsg};
use tokio::sync::mpsc;
use tracing::Instrument;
use web_transport_quinn::{ReadError, Session, SessionError};

use super::event::{AckedTick, ClientId, NetEvent};
use super::limits::{self, Bucket};
use super::peer::Outgoing;
use super::peer::Peer;
use super::shared::Shared;
use super::voice::VoiceRoutes;
use crate::metrics::Metrics;
use crate::token;

/// Reliable messages queued per connection before it counts as too slow.
const OUTBOX: usize = 1024;
/// Bytes read from the control stream at a time.
const READ_CHUNK: usize = 16 * 1024;

/// Runs a participant's session (native, or a browser's on `/room`) from its hello to its close.
pub(crate) async fn join(session: Session, client: ClientId, shared: Arc<Shared>) {
    if let Err(refusal) = run(session.clone(), client, shared.clone()).await {
        tracing::info!(code = ?refusal.code, reason = %refusal.message, "refused");
        shared.metrics.refused("handshake", refusal.code);
        session.close(refusal.code.to_u32(), refusal.message.as_bytes());
        // A browser reads the code from the close capsule: give it the moment to go out.
        let _ = tokio::time::timeout(Duration::from_secs(2), session.closed()).await;
    }
}

/// Reads frames from the control stream.
struct ControlReader {
    recv: web_transport_quinn::RecvStream,
    frames: FrameDecoder,
    buf: Vec<u8>,
}

impl ControlReader {
    /// The next message; `Ok(None)` when the client finished the stream.
    async fn next(&mut self) -> Result<Option<ClientMsg>, Refusal> {
        loop {
            if let Some(msg) = self.frames.next_message::<ClientMsg>().map_err(violation)? {
                return Ok(Some(msg));
            }
            match self.recv.read(&mut self.buf).await {
                Ok(Some(n)) => self.frames.handle_bytes(&self.buf[..n]),
                Ok(None) => return Ok(None),
                Err(ReadError::SessionError(e)) => return Err(Refusal::new(close_code(&e), e.to_string())),
                Err(e) => return Err(Refusal::new(CloseCode::Normal, format!("control stream ended: {e}"))),
            }
        }
    }
}

fn violation(e: DecodeError) -> Refusal {
    let code = match e {
        DecodeError::FrameTooLarge(_) => CloseCode::FrameTooLarge,
        _ => CloseCode::ProtocolViolation,
    };
    Refusal::new(code, e.to_string())
}

async fn run(conn: Session, client: ClientId, shared: Arc<Shared>) -> Result<(), Refusal> {
    let accepted = tokio::time::timeout(shared.config.handshake_timeout, async {
        let (send, recv) = conn
            .accept_bi()
            .await
            .map_err(|e| Refusal::new(CloseCode::Normal, format!("closed before the handshake: {e}")))?;
        let mut reader = ControlReader { recv, frames: FrameDecoder::default(), buf: vec![0; READ_CHUNK] };
        let first = reader.next().await?;
        Ok::<_, Refusal>((send, reader, first))
    })
    .await
    .map_err(|_| Refusal::new(CloseCode::HandshakeTimeout, "no handshake within the time limit"))??;
    let (mut send, mut reader, first) = accepted;

    let hello = match first {
        Some(ClientMsg::Hello(hello)) => hello,
        _ => {
            return Err(Refusal::new(CloseCode::ProtocolViolation, "the first message must be Hello"));
        }
    };
    let admitted = admit(&hello, &shared);
    let (claims, session, replayed) = match admitted {
        Ok(ok) => ok,
        Err(refusal) => {
            refuse_on_stream(&mut send, &refusal).await;
            return Err(refusal);
        }
    };
    tracing::info!(session = %claims.session, role = %claims.role, name = %hello.display_name, "handshake passed");

    let (out_tx, out_rx) = mpsc::channel(OUTBOX);
    let peer = Peer::new(conn.clone(), out_tx);
    tokio::spawn(write_control(conn.clone(), send, out_rx).in_current_span());
    let connected = NetEvent::Connected { client, peer: Box::new(peer.clone()) };
    // An interpreter by the class roster (its `interprets` column): routed so from the start.
    let interprets = claims
        .learner
        .as_ref()
        .and_then(|l| shared.rosters.get(&claims.session)?.into_iter().find(|r| r.learner_id == l.id)?.interprets);
    let standing = Standing {
        learner: claims.learner.as_ref().map(|l| (l.id.clone(), l.locale.clone())),
        session: claims.session.clone(),
        shared: shared.clone(),
        busy: Arc::new(std::sync::atomic::AtomicBool::new(false)),
    };
    let join = NetEvent::Join {
        client,
        hello: Box::new(hello),
        role: claims.role,
        name: claims.name,
        learner: claims.learner.map(Box::new),
        interprets,
        replayed,
    };
    if session.inbox.send(connected).await.is_err() || session.inbox.send(join).await.is_err() {
        return Err(Refusal::new(CloseCode::ServerShutdown, "the session has ended"));
    }

    let code = serve(&conn, client, &peer, &mut reader, &session, &standing).await;
    let _ = session.inbox.send(NetEvent::Leave { client, code }).await;
    tracing::info!(?code, "left");
    Ok(())
}

/// Checks the hello and token, and finds the session's channel. The flag says the token was a
/// spent single-use one, admissible only to bring its participant back (`Hello::resume`).
fn admit(hello: &Hello, shared: &Shared) -> Result<(token::Claims, Joined, bool), Refusal> {
    check_hello(hello)?;
    let now = token::unix_now();
    let claims = token::verify(&shared.identity.token_key, &hello.token, now)
        .map_err(|e| Refusal::new(e.code(), e.to_string()))?;
    if let Some(role) = hello.role
        && role != claims.role
    {
        return Err(Refusal::new(
            CloseCode::WrongRole,
            format!(
                "this invite is for {} {}, but this app joins as {role}: open it in the app for {}s",
                claims.role.article(),
                claims.role,
                claims.role
            ),
        ));
    }
    let hosted = shared.hosted.read().unwrap_or_else(|e| e.into_inner()).clone();
    if let Some(hosted) = hosted
        && !hosted.contains(&claims.session)
    {
        return Err(Refusal::new(
            CloseCode::WrongSession,
            format!(
                "this server hosts {}, not `{}`: ask for an invite to this server's session",
                hosted.join(", "),
                claims.session
            ),
        ));
    }
    let mut replayed = false;
    if claims.single_use {
        let first =
            shared.used_tokens.lock().unwrap_or_else(|e| e.into_inner()).spend(claims.nonce, claims.expires_at, now);
        match first {
            Ok(true) => {}
            // A learner's personal invite admits that learner again within its validity (an
            // app that restarted, another device); the session lets only that learner back.
            Ok(false) if hello.resume.is_some() || claims.learner.is_some() => replayed = true,
            Ok(false) => return Err(token::replayed_refusal()),
            Err(e) => {
                return Err(Refusal::new(CloseCode::ServerFull, format!("the server cannot check the invite: {e:#}")));
            }
        }
    }
    let (inbox, voice) = shared.sessions.channel(&claims.session)?;
    Ok((claims, Joined { inbox, voice }, replayed))
}

/// Sends the refusal as a message before the connection closes, so the client can show it.
async fn refuse_on_stream(send: &mut web_transport_quinn::SendStream, refusal: &Refusal) {
    let frame = encode_frame(&ServerMsg::Refused { code: refusal.code, message: refusal.message.clone() });
    if send.write_all(&frame).await.is_ok() && send.finish().is_ok() {
        let _ = tokio::time::timeout(Duration::from_millis(500), send.stopped()).await;
    }
}

/// The session a connection joined: where its events go, and its voice routes.
#[derive(Clone)]
struct Joined {
    inbox: mpsc::Sender<NetEvent>,
    voice: Arc<VoiceRoutes>,
}

/// Answers a participant's `QueryStanding`: where the learner their personal invite names stands
/// in the curriculum their class follows (the console sets it), read from the event log off the
/// async threads, one answer at a time.
struct Standing {
    /// The learner and their locale, from the invite.
    learner: Option<(String, String)>,
    session: String,
    shared: Arc<Shared>,
    busy: Arc<std::sync::atomic::AtomicBool>,
}

impl Standing {
    fn ask(&self, peer: &Peer) {
        use std::sync::atomic::Ordering;
        let curriculum = self.shared.rosters.curriculum(&self.session);
        let (Some((learner, locale)), Some(curriculum)) = (self.learner.clone(), curriculum) else {
            let _ = peer.send_reliable(ServerMsg::Standing(None));
            return;
        };
        // One at a time: a second question while the first is read is answered by the first.
        if self.busy.swap(true, Ordering::AcqRel) {
            return;
        }
        let (shared, busy, peer) = (self.shared.clone(), self.busy.clone(), peer.clone());
        tokio::task::spawn_blocking(move || {
            let view = crate::records::Store::open(&shared.config.data_dir).and_then(|store| {
                crate::curriculum::learner_view(&store, &curriculum, &learner, &locale, crate::clock::unix_ms())
            });
            busy.store(false, Ordering::Release);
            match view {
                Ok(view) => drop(peer.send_reliable(ServerMsg::Standing(Some(view)))),
                Err(e) => tracing::warn!(error = %format!("{e:#}"), %learner, "cannot read a learner's standing"),
            }
        });
    }
}

/// Reads control frames until the connection ends, while a task of its own reads the datagrams
/// (so that a datagram, the most frequent thing a client sends, wakes only that task and not the
/// control stream's reader too); returns why it ended.
async fn serve(
    conn: &Session,
    client: ClientId,
    peer: &Peer,
    reader: &mut ControlReader,
    session: &Joined,
    standing: &Standing,
) -> CloseCode {
    let mut commands = Bucket::new(limits::CONTROL_BURST, limits::CONTROL_RATE, Instant::now());
    let mut datagrams =
        tokio::spawn(read_datagrams(conn.clone(), client, session.clone(), standing.shared.clone()).in_current_span());
    // Made once, not at every turn of the loop: a fresh future would register again each time.
    let uni = conn.accept_uni();
    tokio::pin!(uni);
    let result: Result<(), Refusal> = async {
        loop {
            tokio::select! {
                msg = reader.next() => match msg? {
                    None => return Ok(()),
                    Some(msg) => {
                        if !commands.take(Instant::now()) {
                            return Err(Refusal::new(
                                CloseCode::RateLimited,
                                format!("more than {} commands a second: slow down and rejoin", limits::CONTROL_RATE),
                            ));
                        }
                        handle_msg(client, peer, &session.inbox, standing, msg).await?
                    }
                },
                uni = &mut uni => match uni {
                    Ok(_) => {
                        return Err(Refusal::new(CloseCode::ProtocolViolation, "crossdock/1 has no unidirectional streams"));
                    }
                    Err(e) => return Err(Refusal::new(close_code(&e), e.to_string())),
                },
                ended = &mut datagrams => return ended.unwrap_or_else(|e| {
                    tracing::error!(error = %e, "the datagram reader stopped");
                    Err(Refusal::new(CloseCode::ServerShutdown, "the server failed to read this connection: rejoin"))
                }),
            }
        }
    }
    .await;
    if !datagrams.is_finished() {
        // Stopped before the session hears that this client left: nothing of theirs after it.
        datagrams.abort();
        let _ = datagrams.await;
    }
    match result {
        Ok(()) => {
            conn.close(CloseCode::Normal.to_u32(), b"bye");
            CloseCode::Normal
        }
        Err(refusal) => {
            if matches!(refusal.code, CloseCode::ProtocolViolation | CloseCode::FrameTooLarge | CloseCode::RateLimited)
            {
                tracing::warn!(code = ?refusal.code, reason = %refusal.message, "disconnecting a misbehaving client");
                peer.close(refusal.code, refusal.message.clone());
            }
            refusal.code
        }
    }
}

/// Reads a connection's datagrams until it closes or breaks the protocol. Over the rate they
/// are dropped: poses are latest-wins, and a voice frame lost here is concealed like one lost
/// on the path.
async fn read_datagrams(conn: Session, client: ClientId, session: Joined, shared: Arc<Shared>) -> Result<(), Refusal> {
    let mut poses = PoseReceiver::default();
    let now = Instant::now();
    let mut datagrams = Bucket::new(limits::DATAGRAM_BURST, limits::DATAGRAM_RATE, now);
    let mut voice = Bucket::new(limits::VOICE_BURST, limits::VOICE_RATE, now);
    loop {
        let bytes = conn.read_datagram().await.map_err(|e| Refusal::new(close_code(&e), e.to_string()))?;
        let bucket = if bytes.first() == Some(&TAG_VOICE) { &mut voice } else { &mut datagrams };
        if bucket.take(Instant::now()) {
            handle_datagram(client, &mut poses, &session, &shared.metrics, &bytes)?;
        }
    }
}

async fn handle_msg(
    client: ClientId,
    peer: &Peer,
    session: &mpsc::Sender<NetEvent>,
    standing: &Standing,
    msg: ClientMsg,
) -> Result<(), Refusal> {
    let event = match msg {
        ClientMsg::Hello(_) => {
            return Err(Refusal::new(CloseCode::ProtocolViolation, "Hello sent twice"));
        }
        ClientMsg::Ping { nonce, client_time_us } => {
            let server_time_us = crate::clock::server_time_us();
            let _ = peer.send_reliable(ServerMsg::Pong { nonce, client_time_us, server_time_us });
            return Ok(());
        }
        ClientMsg::QueryStanding => {
            standing.ask(peer);
            return Ok(());
        }
        ClientMsg::Intent { seq, intent } => NetEvent::Intent { client, seq, intent },
        ClientMsg::QueryStateHash { nonce } => NetEvent::QueryStateHash { client, nonce },
    };
    session.send(event).await.map_err(|_| Refusal::new(CloseCode::ServerShutdown, "the session has ended"))
}

fn handle_datagram(
    client: ClientId,
    poses: &mut PoseReceiver,
    session: &Joined,
    metrics: &Metrics,
    bytes: &[u8],
) -> Result<(), Refusal> {
    // Datagrams are latest-wins: when the tick is behind, dropping one is the right thing.
    let offer = |event| {
        let _ = session.inbox.try_send(event);
    };
    match bytes.first() {
        Some(&TAG_POSE) => match poses.handle_datagram(bytes).map_err(violation)? {
            PoseUpdate::Newer(d) => {
                offer(NetEvent::Pose { client, pose: d.pose, seq: d.seq, snapshot_ack: d.snapshot_ack })
            }
            PoseUpdate::Stale { snapshot_ack: Some(t) } => offer(NetEvent::Ack { client, tick: AckedTick::Low16(t) }),
            PoseUpdate::Stale { snapshot_ack: None } | PoseUpdate::MissingBaseline => {}
        },
        Some(&TAG_ACK) => offer(NetEvent::Ack { client, tick: AckedTick::Full(decode_ack(bytes).map_err(violation)?) }),
        Some(&TAG_VOICE) => {
            let frame = VoiceFrame::decode(bytes).map_err(violation)?;
            if let Some((_, frame)) = session.voice.relay(client, frame, metrics) {
                offer(NetEvent::Voice { client, frame });
            }
        }
        _ => {
            return Err(Refusal::new(CloseCode::ProtocolViolation, "unknown datagram tag"));
        }
    }
    Ok(())
}

fn close_code(e: &SessionError) -> CloseCode {
    match e {
        // Silence and a stateless reset both mean the client may come back: a drop, not a leave.
        SessionError::ConnectionError(quinn::ConnectionError::TimedOut | quinn::ConnectionError::Reset) => {
            CloseCode::TimedOut
        }
        SessionError::ConnectionError(quinn::ConnectionError::ApplicationClosed(c)) => {
            CloseCode::from_u32(c.error_code.into_inner() as u32).unwrap_or(CloseCode::Normal)
        }
        SessionError::WebTransportError(web_transport_quinn::WebTransportError::Closed(code, _)) => {
            CloseCode::from_u32(*code).unwrap_or(CloseCode::Normal)
        }
        SessionError::ConnectionError(quinn::ConnectionError::LocallyClosed) => CloseCode::Removed,
        _ => CloseCode::Normal,
    }
}

/// Writes the tick's reliable messages to the control stream, in order.
async fn write_control(conn: Session, mut send: web_transport_quinn::SendStream, mut rx: mpsc::Receiver<Outgoing>) {
    while let Some(out) = rx.recv().await {
        match out {
            Outgoing::Msg(msg) => {
                if send.write_all(&encode_frame(&msg)).await.is_err() {
                    return;
                }
            }
            Outgoing::Close(code, message) => {
                let frame = encode_frame(&ServerMsg::Closing { code, message: message.clone() });
                if send.write_all(&frame).await.is_ok() && send.finish().is_ok() {
                    let _ = tokio::time::timeout(Duration::from_millis(500), send.stopped()).await;
                }
                conn.close(code.to_u32(), message.as_bytes());
                return;
            }
        }
    }
}
