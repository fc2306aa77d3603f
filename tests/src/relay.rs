//! A user-space UDP relay between clients and the server on loopback, which a test can cut to
//! make a client vanish without a goodbye (this kernel has no netem).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::net::UdpSocket;
use tokio::task::JoinHandle;

/// Forwards datagrams from clients to `upstream` and back, until cut.
#[derive(Debug)]
pub struct Relay {
    addr: SocketAddr,
    cut: Arc<AtomicBool>,
    task: JoinHandle<()>,
}

impl Relay {
    /// Starts a relay on a free loopback port in front of `upstream`.
    pub async fn start(upstream: SocketAddr) -> std::io::Result<Relay> {
        let front = Arc::new(UdpSocket::bind("127.0.0.1:0").await?);
        let addr = front.local_addr()?;
        let cut = Arc::new(AtomicBool::new(false));
        let task = tokio::spawn(forward(front, upstream, cut.clone()));
        Ok(Relay { addr, cut, task })
    }

    /// Where clients should connect.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Drops every datagram from now on, both ways.
    pub fn cut(&self) {
        self.cut.store(true, Ordering::Relaxed);
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn forward(front: Arc<UdpSocket>, upstream: SocketAddr, cut: Arc<AtomicBool>) {
    let mut backs: HashMap<SocketAddr, Arc<UdpSocket>> = HashMap::new();
    let mut buf = vec![0u8; 65_536];
    // Dropping the set (when the relay's task is aborted) aborts every backward task.
    let mut tasks = tokio::task::JoinSet::new();
    while let Ok((n, from)) = front.recv_from(&mut buf).await {
        if cut.load(Ordering::Relaxed) {
            continue;
        }
        let back = match backs.get(&from) {
            Some(b) => b.clone(),
            None => {
                let Ok(socket) = UdpSocket::bind("127.0.0.1:0").await else { continue };
                let socket = Arc::new(socket);
                backs.insert(from, socket.clone());
                tasks.spawn(backward(socket.clone(), front.clone(), from, cut.clone()));
                socket
            }
        };
        let _ = back.send_to(&buf[..n], upstream).await;
    }
}

async fn backward(back: Arc<UdpSocket>, front: Arc<UdpSocket>, client: SocketAddr, cut: Arc<AtomicBool>) {
    let mut buf = vec![0u8; 65_536];
    while let Ok((n, _)) = back.recv_from(&mut buf).await {
        if !cut.load(Ordering::Relaxed) {
            let _ = front.send_to(&buf[..n], client).await;
        }
    }
}
