//! The socket read in time for the tick, not the moment each datagram lands.
//!
//! Sixty poses a second from each of 16 clients, at their own phases, woke the network thread
//! for nearly every datagram, and each then waited in its session's inbox for the tick anyway.
//! Now a ticking session opens the [`Gate`] a little before each tick ([`Gate::LEAD`]) and
//! closes it once the tick has taken in its inbox. While it is shut the socket is not even
//! registered with epoll: arrivals queue in the kernel and are read in one batch when it opens.
//! Sessions tick on one grid ([`crate::clock::on_grid`]), so their windows coincide.
//!
//! What the tick consumes arrives as before (it is read before the tick that takes it). What
//! does not wait for a tick (handshakes, a browser's console) waits for the next window, at most
//! a tick; while someone speaks, the session also has the socket read once mid-tick
//! ([`Gate::pulse`]), so relayed voice waits half a tick at most. With no session ticking the
//! gate stands open.

use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker, ready};
use std::time::Duration;

use quinn::udp::{RecvMeta, Transmit, UdpSocketState};
use quinn::{AsyncUdpSocket, UdpPoller};
use tokio::io::Interest;
use tokio::io::unix::{AsyncFd, AsyncFdRegisterError};

/// When the endpoint's socket is read: always, or (while sessions tick) in their windows.
#[derive(Debug, Default)]
pub struct Gate(Mutex<State>);

#[derive(Debug, Default)]
struct State {
    /// Sessions ticking: while there is one, the socket is read only in windows.
    ticking: usize,
    /// Sessions in a window now.
    open: usize,
    /// The endpoint's receiver, to wake when the gate opens.
    reader: Option<Waker>,
    /// A session asked for the queue to be read once, between its windows.
    pulse: bool,
    /// Opened and not yet read to the end: read without waiting for epoll.
    draining: bool,
    /// The reading end of the socket, registered with the runtime only while the gate is open.
    recv: Recv,
}

#[derive(Debug, Default)]
enum Recv {
    /// No socket (none bound yet, or its endpoint is gone).
    #[default]
    None,
    /// Not registered: its arrivals wake nobody.
    Shut(OwnedFd),
    /// Registered for readability.
    Open(AsyncFd<OwnedFd>),
}

impl State {
    fn readable(&self) -> bool {
        self.ticking == 0 || self.open > 0 || self.pulse
    }

    /// Takes the reading end out of the runtime's epoll set.
    fn shut(&mut self) {
        if let Recv::Open(_) = self.recv {
            let Recv::Open(fd) = std::mem::take(&mut self.recv) else { unreachable!() };
            self.recv = Recv::Shut(fd.into_inner());
        }
    }

    /// Puts the reading end into the runtime's epoll set (false before the socket is bound).
    fn register(&mut self) -> io::Result<bool> {
        if let Recv::Shut(_) = self.recv {
            let Recv::Shut(fd) = std::mem::take(&mut self.recv) else { unreachable!() };
            match register(fd, Interest::READABLE) {
                Ok(fd) => {
                    self.recv = Recv::Open(fd);
                    self.draining = true;
                }
                Err(e) => {
                    let (fd, e) = e.into_parts();
                    self.recv = Recv::Shut(fd);
                    return Err(e);
                }
            }
        }
        Ok(matches!(self.recv, Recv::Open(_)))
    }

    /// Wakes the endpoint's receiver when the gate has just opened.
    fn opened(&mut self, was: bool) {
        if !was
            && self.readable()
            && let Some(waker) = self.reader.take()
        {
            waker.wake();
        }
    }

    fn closed(&mut self, was: bool) {
        if was && !self.readable() {
            self.shut();
        }
    }
}

impl Gate {
    /// How long before its tick a session opens the gate: time for the network thread to read
    /// and hand a batch of datagrams to the session's inbox.
    pub const LEAD: Duration = Duration::from_millis(3);

    /// The longest the socket goes unread while sessions tick (a slow tick rate pulses it).
    pub const MOST_SHUT: Duration = Duration::from_millis(20);

    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A session ticks until the guard drops: the socket is read in windows from now on.
    pub fn ticking(self: &Arc<Self>) -> Ticking {
        let mut state = self.state();
        let was = state.readable();
        state.ticking += 1;
        state.closed(was);
        Ticking(self.clone())
    }

    /// Has the socket read once, to the end, now (a session's mid-tick read: voice relayed
    /// at once waits half a tick at most, not a whole one).
    pub fn pulse(&self) {
        let mut state = self.state();
        if !state.readable() {
            state.pulse = true;
            state.opened(false);
        }
    }

    /// Opens a window until the guard drops.
    pub fn window(self: &Arc<Self>) -> Window {
        let mut state = self.state();
        let was = state.readable();
        state.open += 1;
        state.opened(was);
        Window(self.clone())
    }
}

/// A ticking session's hold on the [`Gate`].
#[derive(Debug)]
pub struct Ticking(Arc<Gate>);

impl Drop for Ticking {
    fn drop(&mut self) {
        let mut state = self.0.state();
        let was = state.readable();
        state.ticking -= 1;
        state.opened(was);
    }
}

/// A window in which the socket is read.
#[derive(Debug)]
pub struct Window(Arc<Gate>);

impl Drop for Window {
    fn drop(&mut self) {
        let mut state = self.0.state();
        let was = state.readable();
        state.open -= 1;
        state.closed(was);
    }
}

/// The endpoint's UDP socket, read through a [`Gate`]: quinn's tokio socket in every other way.
#[derive(Debug)]
pub struct GatedSocket {
    /// The sending end, registered for writability only (a datagram landing wakes nobody).
    send: AsyncFd<std::net::UdpSocket>,
    udp: UdpSocketState,
    gate: Arc<Gate>,
}

impl GatedSocket {
    /// Wraps `socket`; its reading end (a duplicate of the descriptor) goes to `gate`.
    pub fn new(socket: std::net::UdpSocket, gate: Arc<Gate>) -> io::Result<GatedSocket> {
        socket.set_nonblocking(true)?;
        let udp = UdpSocketState::new((&socket).into())?;
        let recv = OwnedFd::from(socket.try_clone()?);
        {
            let mut state = gate.state();
            state.recv = Recv::Shut(recv);
        }
        let send = register(socket, Interest::WRITABLE).map_err(|e| e.into_parts().1)?;
        Ok(GatedSocket { send, udp, gate })
    }
}

impl Drop for GatedSocket {
    /// The reading end closes with the socket: the port is free once the endpoint is gone.
    fn drop(&mut self) {
        self.gate.state().recv = Recv::None;
    }
}

impl AsyncUdpSocket for GatedSocket {
    fn create_io_poller(self: Arc<Self>) -> Pin<Box<dyn UdpPoller>> {
        Box::pin(Writable(self))
    }

    fn try_send(&self, transmit: &Transmit) -> io::Result<()> {
        self.send.try_io(Interest::WRITABLE, |socket| self.udp.send(socket.into(), transmit))
    }

    fn poll_recv(
        &self,
        cx: &mut Context,
        bufs: &mut [io::IoSliceMut<'_>],
        meta: &mut [RecvMeta],
    ) -> Poll<io::Result<usize>> {
        let mut state = self.gate.state();
        if !state.reader.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            state.reader = Some(cx.waker().clone());
        }
        if !state.readable() {
            state.shut();
            return Poll::Pending;
        }
        if !state.register()? {
            return Poll::Pending;
        }
        let state = &mut *state;
        let Recv::Open(fd) = &state.recv else { unreachable!("registered just now") };
        // What queued while the gate was shut is read straight away, without waiting for epoll
        // to report it; a pulse ends there, a window reads on as datagrams land.
        if state.draining {
            match self.udp.recv(fd.into(), bufs, meta) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    state.draining = false;
                    if std::mem::take(&mut state.pulse) && !state.readable() {
                        state.shut();
                        return Poll::Pending;
                    }
                }
                read => return Poll::Ready(read),
            }
        }
        loop {
            let mut ready = ready!(fd.poll_read_ready(cx))?;
            if let Ok(read) = ready.try_io(|fd| self.udp.recv(fd.into(), bufs, meta)) {
                return Poll::Ready(read);
            }
        }
    }

    fn local_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.send.get_ref().local_addr()
    }

    fn may_fragment(&self) -> bool {
        self.udp.may_fragment()
    }

    fn max_transmit_segments(&self) -> usize {
        self.udp.max_gso_segments()
    }

    fn max_receive_segments(&self) -> usize {
        self.udp.gro_segments()
    }
}

/// Waits until the socket can send again.
#[derive(Debug)]
struct Writable(Arc<GatedSocket>);

impl UdpPoller for Writable {
    fn poll_writable(self: Pin<&mut Self>, cx: &mut Context) -> Poll<io::Result<()>> {
        self.0.send.poll_write_ready(cx).map_ok(|_| ())
    }
}

/// Registers `io` with the runtime for `interest` alone (tokio's sockets always register for
/// both, and a landing datagram would wake the thread for nothing).
#[allow(unsafe_code)]
fn register<T: AsRawFd>(io: T, interest: Interest) -> Result<AsyncFd<T>, AsyncFdRegisterError<T>> {
    // SAFETY: `T` is an `OwnedFd` or a `UdpSocket`: it owns its descriptor, which stays open and
    // the same for as long as the `AsyncFd` holds it.
    unsafe { AsyncFd::register_with_interest(io, interest) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gated socket and a client that sends to it.
    fn pair(gate: &Arc<Gate>) -> (GatedSocket, std::net::UdpSocket) {
        let server = std::net::UdpSocket::bind("127.0.0.1:0").expect("a loopback socket");
        let client = std::net::UdpSocket::bind("127.0.0.1:0").expect("a loopback socket");
        client.connect(server.local_addr().expect("bound")).expect("connects");
        (GatedSocket::new(server, gate.clone()).expect("wraps"), client)
    }

    /// The payload of the next datagram read within `wait`, if one is.
    async fn read(socket: &GatedSocket, wait: Duration) -> Option<Vec<u8>> {
        let mut buf = vec![0u8; 64 * 1024];
        let mut meta = [RecvMeta::default()];
        let got = {
            let mut bufs = [io::IoSliceMut::new(&mut buf)];
            let read = std::future::poll_fn(|cx| socket.poll_recv(cx, &mut bufs, &mut meta));
            tokio::time::timeout(wait, read).await.ok()?.expect("reads")
        };
        assert_eq!(got, 1);
        Some(buf[..meta[0].len].to_vec())
    }

    /// Long enough for a datagram on loopback to be read if the socket is being read.
    const QUIET: Duration = Duration::from_millis(150);
    const SOON: Duration = Duration::from_secs(5);

    #[tokio::test]
    async fn with_no_session_ticking_every_datagram_is_read_when_it_lands() {
        let gate = Arc::new(Gate::default());
        let (socket, client) = pair(&gate);
        client.send(b"hello").expect("sends");
        assert_eq!(read(&socket, SOON).await.as_deref(), Some(&b"hello"[..]));
    }

    #[tokio::test]
    async fn a_ticking_session_has_the_socket_read_in_its_windows_only() {
        let gate = Arc::new(Gate::default());
        let (socket, client) = pair(&gate);
        let ticking = gate.ticking();
        client.send(b"pose 1").expect("sends");
        assert_eq!(read(&socket, QUIET).await, None, "shut: the datagram waits in the kernel");

        let window = gate.window();
        assert_eq!(read(&socket, SOON).await.as_deref(), Some(&b"pose 1"[..]), "read when the window opens");
        client.send(b"pose 2").expect("sends");
        assert_eq!(read(&socket, SOON).await.as_deref(), Some(&b"pose 2"[..]), "and as they land within it");
        drop(window);

        client.send(b"pose 3").expect("sends");
        assert_eq!(read(&socket, QUIET).await, None, "shut again once the tick took its inbox");
        drop(ticking);
        assert_eq!(read(&socket, SOON).await.as_deref(), Some(&b"pose 3"[..]), "open for good when no session ticks");
    }

    #[tokio::test]
    async fn a_pulse_reads_what_queued_and_shuts_the_gate_again() {
        let gate = Arc::new(Gate::default());
        let (socket, client) = pair(&gate);
        let _ticking = gate.ticking();
        for frame in [&b"voice 1"[..], b"voice 2"] {
            client.send(frame).expect("sends");
        }
        assert_eq!(read(&socket, QUIET).await, None);
        gate.pulse();
        assert_eq!(read(&socket, SOON).await.as_deref(), Some(&b"voice 1"[..]));
        assert_eq!(read(&socket, SOON).await.as_deref(), Some(&b"voice 2"[..]));
        assert_eq!(read(&socket, QUIET).await, None, "read to the end: the pulse is over");
        client.send(b"voice 3").expect("sends");
        assert_eq!(read(&socket, QUIET).await, None, "what lands after the pulse waits for the next window");
        let _window = gate.window();
        assert_eq!(read(&socket, SOON).await.as_deref(), Some(&b"voice 3"[..]));
    }

    #[tokio::test]
    async fn the_port_is_free_once_the_socket_is_dropped() {
        let gate = Arc::new(Gate::default());
        let (socket, _client) = pair(&gate);
        let addr = socket.local_addr().expect("bound");
        drop(socket);
        std::net::UdpSocket::bind(addr).expect("the gate kept no copy of the socket open");
    }
}
