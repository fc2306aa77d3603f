//! The native protocol over WebTransport, as PROTOCOL.md §16 maps it: one bidirectional stream
//! the client opens for the `crossdock/1` messages (length-prefixed bincode frames), and
//! WebTransport datagrams for poses, acknowledgements and snapshots. The browser is single
//! threaded: the state lives in an `Rc<RefCell<..>>`, and small tasks on the page's event loop
//! read the stream, read datagrams, write queued messages and ping once a second. No borrow is
//! held across an await.

use std::cell::RefCell;
use std::rc::Rc;

use crossdock_client::core::{ClientCore, ClientEvent};
use crossdock_client::view::Notice;
use crossdock_protocol::codec::{FrameDecoder, encode_frame};
use crossdock_protocol::handshake::{ClientHandshake, hello};
use crossdock_protocol::voice::TAG_VOICE_RELAY;
use crossdock_protocol::{ClientMsg, ServerMsg};
use futures_channel::mpsc;
use futures_util::StreamExt;
use web_time::Instant;

/// Who is joining.
#[derive(Debug, Clone)]
pub struct Details {
    pub name: String,
    pub administration: String,
    pub locale: String,
}

/// The connection's state, shared by its tasks and the frame loop.
#[derive(Debug)]
pub struct Shared {
    /// The client core the network feeds.
    pub core: ClientCore,
    /// Why the connection ended, once it has.
    pub ended: Option<String>,
    /// The server's newest world-hash answer (tick, hash), and whether our mirror held the same
    /// world at that tick (`None` until we have been there).
    pub state_hash: Option<(u32, u64, Option<bool>)>,
    /// While a world-hash question is open: our mirror's hash after each snapshot since it was
    /// asked, (tick, hash), oldest first. `None` otherwise: no hashing on every snapshot.
    hashes: Option<std::collections::VecDeque<(u32, u64)>>,
    /// Datagrams received.
    pub datagrams: u64,
    /// What the user should be told (refusals), newest last, the last 20.
    pub notices: Vec<Notice>,
}

impl Shared {
    /// A world-hash question goes out: keep the mirror's hash after each snapshot until the
    /// answer is settled.
    pub fn asking_hash(&mut self) {
        self.hashes.get_or_insert_with(Default::default);
    }

    /// Keeps the mirror's hash at `tick` (a few seconds of them) while a question is open, and
    /// settles an answer that came before its tick did.
    fn remember_hash(&mut self, tick: u32) {
        let Some(hashes) = &mut self.hashes else { return };
        let hash = self.core.mirror.hash();
        hashes.push_back((tick, hash));
        if hashes.len() > 256 {
            hashes.pop_front();
        }
        if let Some((t, h, seen @ None)) = &mut self.state_hash
            && *t == tick
        {
            *seen = Some(*h == hash);
            self.hashes = None;
        }
    }
}

/// A joined room's connection.
pub struct Net {
    pub shared: Rc<RefCell<Shared>>,
    session: web_transport_wasm::Session,
    out: mpsc::UnboundedSender<Vec<u8>>,
}

impl std::fmt::Debug for Net {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Net").finish_non_exhaustive()
    }
}

impl Net {
    /// Opens the session, says hello, waits for the welcome and the world, and starts the tasks.
    pub async fn connect(url: &str, hashes: Vec<Vec<u8>>, token: &str, who: &Details) -> Result<Net, String> {
        let url: url::Url = url.parse().map_err(|e| format!("`{url}` is not the room's address: {e}"))?;
        let client = web_transport_wasm::ClientBuilder::new().with_server_certificate_hashes(hashes);
        let session = client.connect(url.clone()).await.map_err(|e| {
            format!("cannot reach the Crossdock server at {url}: {e}. Is it running, and is its UDP port open?")
        })?;
        let (mut send, mut recv) = session.open_bi().await.map_err(|e| format!("the room did not open: {e}"))?;
        let mut handshake = ClientHandshake::new(hello(token, &who.name, &who.administration, &who.locale));
        if let Some(hello) = handshake.poll_transmit() {
            send.write(&encode_frame(&ClientMsg::Hello(hello))).await.map_err(|e| lost(&e))?;
        }
        let mut frames = FrameDecoder::default();
        let first = read(&mut recv, &mut frames, &session).await?;
        let welcome = handshake.handle_msg(first).map_err(|r| refused(&r.message))?.clone();
        let init = match read(&mut recv, &mut frames, &session).await? {
            ServerMsg::WorldInit(init) => *init,
            other => return Err(format!("the server sent {other:?} where the world's description belongs")),
        };
        let core = ClientCore::new(welcome, init, Instant::now());
        let shared = Rc::new(RefCell::new(Shared {
            core,
            ended: None,
            state_hash: None,
            hashes: Default::default(),
            datagrams: 0,
            notices: Vec::new(),
        }));
        let (out, rx) = mpsc::unbounded();
        wasm_bindgen_futures::spawn_local(read_control(recv, frames, shared.clone(), session.clone(), out.clone()));
        wasm_bindgen_futures::spawn_local(read_datagrams(session.clone(), shared.clone()));
        wasm_bindgen_futures::spawn_local(write_control(send, rx, shared.clone()));
        wasm_bindgen_futures::spawn_local(ping(out.clone(), shared.clone()));
        Ok(Net { shared, session, out })
    }

    /// Queues a message for the control stream.
    pub fn send(&self, msg: &ClientMsg) {
        let _ = self.out.unbounded_send(encode_frame(msg));
    }

    /// Sends a datagram now (dropped if the session cannot take it: latest wins).
    pub fn datagram(&self, bytes: &[u8]) {
        let _ = self.session.try_send_datagram(bytes);
    }

    /// Leaves the room.
    pub fn close(&self) {
        self.session.close(0, "left");
    }
}

fn refused(message: &str) -> String {
    format!("the server refused to let you join: {message}")
}

/// The server's reason, when it closed the session with one.
fn lost(e: &web_transport_wasm::Error) -> String {
    match e.code() {
        Some(_) => refused(&e.to_string()),
        None => format!("the connection to the server was lost: {e}"),
    }
}

async fn read(
    recv: &mut web_transport_wasm::RecvStream,
    frames: &mut FrameDecoder,
    session: &web_transport_wasm::Session,
) -> Result<ServerMsg, String> {
    loop {
        if let Some(msg) = frames.next_message::<ServerMsg>().map_err(|e| e.to_string())? {
            return Ok(msg);
        }
        match recv.read(64 * 1024).await {
            Ok(Some(bytes)) => frames.handle_bytes(&bytes),
            Ok(None) => return Err(lost_now(session).await),
            Err(e) => return Err(lost(&e)),
        }
    }
}

/// Why the session ended, read from its close.
async fn lost_now(session: &web_transport_wasm::Session) -> String {
    let e = session.closed().await;
    lost(&e)
}

async fn read_control(
    mut recv: web_transport_wasm::RecvStream,
    mut frames: FrameDecoder,
    shared: Rc<RefCell<Shared>>,
    session: web_transport_wasm::Session,
    out: mpsc::UnboundedSender<Vec<u8>>,
) {
    let ended = loop {
        match read(&mut recv, &mut frames, &session).await {
            Ok(msg) => {
                let mut s = shared.borrow_mut();
                let handled = s.core.handle_msg(msg, Instant::now());
                if let Some(ask) = s.core.standing_query() {
                    let _ = out.unbounded_send(encode_frame(&ask));
                }
                match handled {
                    Ok(ClientEvent::Closing { message, .. }) => break message,
                    Ok(ClientEvent::Event(msg)) => {
                        if let Some(notice) = Notice::of(&msg) {
                            s.notices.push(notice);
                            let excess = s.notices.len().saturating_sub(20);
                            s.notices.drain(..excess);
                        }
                    }
                    Ok(ClientEvent::StateHash { tick, hash, .. }) => {
                        let seen = s.hashes.iter().flatten().find(|(t, _)| *t == tick.0).map(|(_, h)| *h == hash);
                        s.state_hash = Some((tick.0, hash, seen));
                        if seen.is_some() {
                            s.hashes = None;
                        }
                    }
                    Ok(_) => {}
                    Err(e) => break format!("the server sent something this page cannot read: {e}"),
                }
            }
            Err(why) => break why,
        }
    };
    shared.borrow_mut().ended.get_or_insert(ended);
}

async fn read_datagrams(session: web_transport_wasm::Session, shared: Rc<RefCell<Shared>>) {
    while let Ok(bytes) = session.recv_datagram().await {
        // Voice is for the native clients for now: the page has no audio path yet.
        if bytes.first() == Some(&TAG_VOICE_RELAY) {
            continue;
        }
        let mut s = shared.borrow_mut();
        s.datagrams += 1;
        let before = s.core.newest_tick();
        if let Err(e) = s.core.handle_datagram(&bytes, Instant::now()) {
            s.ended.get_or_insert(format!("the server sent a snapshot this page cannot read: {e}"));
            return;
        }
        if let Some(tick) = s.core.newest_tick().filter(|t| Some(*t) != before) {
            s.remember_hash(tick.0);
        }
    }
}

async fn write_control(
    mut send: web_transport_wasm::SendStream,
    mut rx: mpsc::UnboundedReceiver<Vec<u8>>,
    shared: Rc<RefCell<Shared>>,
) {
    while let Some(bytes) = rx.next().await {
        if let Err(e) = send.write(&bytes).await {
            shared.borrow_mut().ended.get_or_insert(format!("the connection to the server was lost: {e}"));
            return;
        }
    }
}

/// A ping a second, for the server clock and the round trip.
async fn ping(out: mpsc::UnboundedSender<Vec<u8>>, shared: Rc<RefCell<Shared>>) {
    loop {
        sleep(1000).await;
        if shared.borrow().ended.is_some() {
            return;
        }
        let msg = shared.borrow().core.ping(Instant::now());
        if out.unbounded_send(encode_frame(&msg)).is_err() {
            return;
        }
    }
}

/// Waits `ms` milliseconds on the page's timer.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
