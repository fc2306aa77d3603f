//! A console as a browser runs it, from Rust: WebTransport to the server's QUIC port, pinning
//! the browser certificates by hash as a page does, then the console protocol. For the tests
//! and the benchmark that watches a drill from eight consoles.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossdock_protocol::console::{
    self, CONSOLE_PATH, CONSOLE_VERSION, ConsoleCommand, ConsoleDecoder, ConsoleDown, ConsoleUp, LiveFrame, MAX_DOWN,
};
use crossdock_server::Server;

/// An open console.
#[derive(Debug)]
pub struct Console {
    /// Kept open: dropping it closes the console.
    _session: web_transport_quinn::Session,
    send: web_transport_quinn::SendStream,
    recv: web_transport_quinn::RecvStream,
    decoder: ConsoleDecoder,
    buf: Vec<u8>,
    seq: u32,
    /// Bytes received so far.
    pub received: usize,
}

impl Console {
    /// Opens a console on `server` and says hello with `token`, in `language`.
    pub async fn open(server: &Server, token: &str, language: &str) -> Result<Console> {
        Console::open_at(server.local_addr(), server.console_certificates(), token, language).await
    }

    /// Opens a console on the server at `addr` whose browser certificates have `hashes`.
    pub async fn open_at(addr: SocketAddr, hashes: Vec<[u8; 32]>, token: &str, language: &str) -> Result<Console> {
        let hashes = hashes.iter().map(|h| h.to_vec()).collect();
        let client = web_transport_quinn::ClientBuilder::new().with_server_certificate_hashes(hashes)?;
        let url: url::Url = format!("https://{addr}{CONSOLE_PATH}").parse()?;
        let session = client.connect(url).await.context("the WebTransport session opens")?;
        let (send, recv) = session.open_bi().await?;
        let mut console = Console {
            _session: session,
            send,
            recv,
            decoder: ConsoleDecoder::new(MAX_DOWN),
            buf: vec![0; 64 * 1024],
            seq: 0,
            received: 0,
        };
        let hello = ConsoleUp::Hello { version: CONSOLE_VERSION, token: token.to_owned(), language: language.into() };
        console.send(&hello).await?;
        Ok(console)
    }

    /// Sends a message.
    pub async fn send(&mut self, msg: &ConsoleUp) -> Result<()> {
        self.send.write_all(&console::encode(msg)).await?;
        Ok(())
    }

    /// Sends a command; its `seq`.
    pub async fn command(&mut self, command: ConsoleCommand) -> Result<u32> {
        self.seq += 1;
        let seq = self.seq;
        self.send(&ConsoleUp::Command { seq, command }).await?;
        Ok(seq)
    }

    /// The next message, within `timeout`.
    pub async fn next(&mut self, timeout: Duration) -> Result<ConsoleDown> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(msg) = self.decoder.next_message::<ConsoleDown>()? {
                return Ok(msg);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let read = tokio::time::timeout(left, self.recv.read(&mut self.buf))
                .await
                .context("no console message in time")?;
            match read? {
                Some(n) => {
                    self.received += n;
                    self.decoder.handle_bytes(&self.buf[..n]);
                }
                None => anyhow::bail!("the server ended the console's stream"),
            }
        }
    }

    /// Reads until `pick` returns something, within `timeout`.
    pub async fn until<T>(&mut self, timeout: Duration, mut pick: impl FnMut(ConsoleDown) -> Option<T>) -> Result<T> {
        let deadline = Instant::now() + timeout;
        loop {
            let msg = self.next(deadline.saturating_duration_since(Instant::now())).await?;
            if let Some(found) = pick(msg) {
                return Ok(found);
            }
        }
    }

    /// The next live frame that satisfies `done`.
    pub async fn frame(&mut self, timeout: Duration, done: impl Fn(&LiveFrame) -> bool) -> Result<LiveFrame> {
        self.until(timeout, |msg| match msg {
            ConsoleDown::Frame(f) if done(&f) => Some(*f),
            _ => None,
        })
        .await
    }

    /// The answer to command `seq`: `Ok` or the reason's key.
    pub async fn result(&mut self, seq: u32, timeout: Duration) -> Result<Result<(), String>> {
        self.until(timeout, |msg| match msg {
            ConsoleDown::Result { seq: s, ok, reason } if s == seq => {
                Some(if ok { Ok(()) } else { Err(reason.unwrap_or_default()) })
            }
            _ => None,
        })
        .await
    }
}
