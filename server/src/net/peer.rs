//! [`Peer`]: the tick thread's handle on one connection.
//!
//! The connection is a native QUIC one or a browser's WebTransport session: both are a
//! `web_transport_quinn::Session` (a native connection as a raw one), so the tick treats them
//! alike.
//!
//! Datagrams go straight to quinn (`send_datagram` is synchronous and cheap); reliable messages
//! go through a bounded queue to the connection's writer task, so a slow reader can never stall
//! the tick: when its queue is full it is disconnected as too slow.

use std::time::Duration;

use bytes::Bytes;
use crossdock_protocol::{CloseCode, ServerMsg};
use tokio::sync::mpsc;

/// What the writer task does next.
#[derive(Debug)]
pub(crate) enum Outgoing {
    /// Send a message on the control stream.
    Msg(ServerMsg),
    /// Say why, then close the connection.
    Close(CloseCode, String),
}

/// Why a reliable message could not be queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeerError {
    /// The client has not read its earlier messages; it should be disconnected.
    #[error("the client is not reading its messages")]
    TooSlow,
    /// The connection is gone.
    #[error("the connection is closed")]
    Gone,
}

/// A handle on one connection, cheap to clone.
#[derive(Debug, Clone)]
pub struct Peer {
    conn: web_transport_quinn::Session,
    reliable: mpsc::Sender<Outgoing>,
}

impl Peer {
    pub(crate) fn new(conn: web_transport_quinn::Session, reliable: mpsc::Sender<Outgoing>) -> Peer {
        Peer { conn, reliable }
    }

    /// Queues a message for the control stream.
    pub fn send_reliable(&self, msg: ServerMsg) -> Result<(), PeerError> {
        self.reliable.try_send(Outgoing::Msg(msg)).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => PeerError::TooSlow,
            mpsc::error::TrySendError::Closed(_) => PeerError::Gone,
        })
    }

    /// Sends a datagram; if it is larger than the path allows (or the path takes none), sends
    /// it on the control stream instead, wrapped in [`ServerMsg::Snapshot`]. One lock of the
    /// connection: quinn checks the size as it queues.
    pub fn send_unreliable_or_reliable(&self, bytes: Bytes) -> Result<(), PeerError> {
        use quinn::SendDatagramError::{Disabled, TooLarge, UnsupportedByPeer};
        match self.conn.send_datagram(bytes.clone()) {
            Ok(()) => Ok(()),
            Err(web_transport_quinn::SessionError::SendDatagramError(TooLarge | Disabled | UnsupportedByPeer)) => {
                self.send_reliable(ServerMsg::Snapshot(bytes.into()))
            }
            Err(_) => Err(PeerError::Gone),
        }
    }

    /// Sends a datagram that may be lost (voice); `false` if it was dropped here.
    pub fn send_datagram(&self, bytes: Bytes) -> bool {
        self.conn.send_datagram(bytes).is_ok()
    }

    /// Tells the client why, then closes the connection.
    pub fn close(&self, code: CloseCode, message: impl Into<String>) {
        let message = message.into();
        if self.reliable.try_send(Outgoing::Close(code, message.clone())).is_err() {
            self.conn.close(code.to_u32(), message.as_bytes());
        }
    }

    /// The largest datagram the path takes now, if datagrams are allowed.
    pub fn max_datagram_size(&self) -> Option<usize> {
        Some(self.conn.max_datagram_size()).filter(|max| *max > 0)
    }

    /// The current round-trip estimate.
    pub fn rtt(&self) -> Duration {
        self.conn.rtt()
    }

    /// Packets sent and lost so far, and the congestion window in bytes.
    pub fn path_counters(&self) -> PathCounters {
        // The QUIC connection's own counters (under a browser's session, the whole connection).
        let stats = quinn::Connection::stats(&self.conn);
        let path = stats.path;
        PathCounters {
            sent: path.sent_packets,
            lost: path.lost_packets,
            cwnd: path.cwnd,
            udp_rx: stats.udp_rx.bytes,
            udp_tx: stats.udp_tx.bytes,
        }
    }
}

/// Cumulative path counters, for rate adaptation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PathCounters {
    /// Packets sent.
    pub sent: u64,
    /// Packets declared lost.
    pub lost: u64,
    /// Congestion window, bytes.
    pub cwnd: u64,
    /// UDP bytes received from the client.
    pub udp_rx: u64,
    /// UDP bytes sent to the client.
    pub udp_tx: u64,
}
