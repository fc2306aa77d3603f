//! A browser's connection (WebTransport over HTTP/3, ALPN `h3`) on the server's own port: the
//! request's path says what it is for. `/room` carries the native protocol (`crossdock/1`
//! messages on one stream, poses and snapshots as datagrams: the browser client is a participant
//! like any other, [`super::connection`]); `/console` is the instructor's and observers' console
//! ([`super::console`]). Anything else is answered 404.

use std::sync::Arc;

use crossdock_protocol::ROOM_PATH;
use crossdock_protocol::console::CONSOLE_PATH;
use quinn::VarInt;

use super::event::ClientId;
use super::shared::Shared;

/// Runs one WebTransport connection from its request to its close.
pub(crate) async fn serve(conn: quinn::Connection, client: ClientId, shared: Arc<Shared>) {
    // HTTP/3 needs its control and QPACK streams, the CONNECT stream and ours.
    conn.set_max_concurrent_uni_streams(VarInt::from_u32(4));
    conn.set_max_concurrent_bi_streams(VarInt::from_u32(4));
    let request =
        match tokio::time::timeout(shared.config.handshake_timeout, web_transport_quinn::Request::accept(conn)).await {
            Ok(Ok(request)) => request,
            Ok(Err(e)) => return tracing::debug!(error = %e, "not a WebTransport request"),
            Err(_) => return tracing::debug!("no WebTransport request within the time limit"),
        };
    let path = request.url.path().to_owned();
    if path != CONSOLE_PATH && path != ROOM_PATH {
        let _ = request.reject(web_transport_quinn::http::StatusCode::NOT_FOUND).await;
        return;
    }
    let session = match request.ok().await {
        Ok(session) => session,
        Err(e) => return tracing::debug!(error = %e, "the WebTransport session did not open"),
    };
    if path == ROOM_PATH {
        super::connection::join(session, client, shared).await;
    } else {
        super::console::serve(session, client, shared).await;
    }
}
