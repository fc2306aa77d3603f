//! The local admin port: `GET /metrics` (Prometheus text) and `GET /health`. Plain HTTP/1.1
//! on a port the config names (loopback by default), one short request per connection.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::metrics::Metrics;

/// The most request bytes read before the request is refused.
const MAX_REQUEST: usize = 8 * 1024;

/// Serves metrics and health until aborted.
pub fn serve(addr: SocketAddr, metrics: Arc<Metrics>) -> Result<(SocketAddr, JoinHandle<()>)> {
    let listener = std::net::TcpListener::bind(addr)
        .with_context(|| format!("cannot listen for metrics on tcp {addr}: pick another with --metrics, or `off`"))?;
    listener.set_nonblocking(true)?;
    let listener = TcpListener::from_std(listener)?;
    let bound = listener.local_addr()?;
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let metrics = metrics.clone();
            tokio::spawn(async move {
                let _ = tokio::time::timeout(Duration::from_secs(5), answer(stream, &metrics)).await;
            });
        }
    });
    Ok((bound, task))
}

async fn answer(mut stream: tokio::net::TcpStream, metrics: &Metrics) -> std::io::Result<()> {
    let mut request = Vec::with_capacity(512);
    let mut buf = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 || request.len() + n > MAX_REQUEST {
            return Ok(());
        }
        request.extend_from_slice(&buf[..n]);
    }
    let line = request.split(|b| *b == b'\r').next().unwrap_or_default();
    let mut parts = line.split(|b| *b == b' ');
    let (method, path) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let (status, kind, body) = match (method, path) {
        (b"GET", b"/metrics") => ("200 OK", "text/plain; version=0.0.4; charset=utf-8", metrics.render()),
        (b"GET", b"/health") => {
            let failures = metrics.log_failures.get();
            let body = format!(
                "{{\"status\":\"{}\",\"sessions\":{},\"log_failures\":{failures}}}\n",
                if failures == 0 { "ok" } else { "degraded" },
                metrics.sessions.get()
            );
            (if failures == 0 { "200 OK" } else { "503 Service Unavailable" }, "application/json", body)
        }
        _ => ("404 Not Found", "text/plain", "try /metrics or /health\n".to_owned()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.shutdown().await
}
