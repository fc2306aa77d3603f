//! Joining by short code: six digits from the invites sheet, told to the server at an address,
//! come back as the learner's invite (`PROTOCOL.md`, "Short join codes"). For headsets, where
//! nobody can type a link.
//!
//! The code's connection pins the server's certificate when the headset was given its
//! fingerprint (`--fingerprint`); otherwise it trusts the certificate it is shown this once,
//! and the invite that comes back must name that same certificate.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use crossdock_protocol::invite::{Invite, parse_fingerprint};

use crate::client::ConnectError;
use crate::pin::PinnedCert;

/// The ALPN of a code's redemption.
pub const CODE_ALPN: &[u8] = b"crossdock-code/1";

/// Asks the server at `server` (`host:port`) for the invite behind `code`.
pub async fn redeem(server: &str, code: &str, fingerprint: Option<&str>) -> Result<Invite, ConnectError> {
    let pinned = fingerprint
        .map(|f| {
            parse_fingerprint(f).ok_or_else(|| {
                ConnectError::Protocol(format!("`{f}` is not a certificate fingerprint (64 hex digits)"))
            })
        })
        .transpose()?;
    let addr: SocketAddr = tokio::net::lookup_host(server)
        .await
        .map_err(|_| ConnectError::Resolve(server.to_owned()))?
        .next()
        .ok_or_else(|| ConnectError::Resolve(server.to_owned()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let seen = Arc::new(Mutex::new(None));
    let verifier = Arc::new(match pinned {
        Some(fp) => PinnedCert::new(fp, provider.clone()),
        None => PinnedCert::first_sight(seen.clone(), provider.clone()),
    });
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| ConnectError::Protocol(format!("TLS setup failed: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    tls.alpn_protocols = vec![CODE_ALPN.to_vec()];
    let crypto = quinn::crypto::rustls::QuicClientConfig::try_from(tls)
        .map_err(|e| ConnectError::Protocol(format!("TLS config unusable for QUIC: {e}")))?;
    let bind: SocketAddr =
        if addr.is_ipv6() { "[::]:0".parse().expect("literal") } else { "0.0.0.0:0".parse().expect("literal") };
    let mut endpoint = quinn::Endpoint::client(bind)?;
    endpoint.set_default_client_config(quinn::ClientConfig::new(Arc::new(crypto)));
    let unreachable =
        |e: &dyn std::fmt::Display| ConnectError::Unreachable { addr: server.to_owned(), reason: e.to_string() };
    let conn =
        endpoint.connect(addr, "crossdock.local").map_err(|e| unreachable(&e))?.await.map_err(|e| unreachable(&e))?;
    let lost = |e: &dyn std::fmt::Display| ConnectError::Lost(e.to_string());
    let (mut send, mut recv) = conn.open_bi().await.map_err(|e| lost(&e))?;
    send.write_all(code.trim().as_bytes()).await.map_err(|e| lost(&e))?;
    send.finish().map_err(|e| lost(&e))?;
    // An invite link is a few hundred bytes; a refusal one sentence.
    let reply = recv.read_to_end(4096).await.map_err(|e| lost(&e))?;
    conn.close(0u32.into(), b"thanks");
    let reply = String::from_utf8_lossy(&reply);
    if let Some(message) = reply.strip_prefix("no ") {
        return Err(ConnectError::Refused(crossdock_protocol::handshake::Refusal::new(
            crossdock_protocol::CloseCode::BadToken,
            message.to_owned(),
        )));
    }
    let link = reply
        .strip_prefix("ok ")
        .ok_or_else(|| ConnectError::Protocol("the server's answer to a join code does not read".into()))?;
    let invite: Invite = link.trim().parse().map_err(|e| ConnectError::Protocol(format!("{e}")))?;
    let shown = pinned.or(*seen.lock().unwrap_or_else(|e| e.into_inner()));
    if shown != Some(invite.fingerprint) {
        return Err(ConnectError::Protocol(
            "the invite the server gave names another certificate than the one it showed: someone may be in the way; ask for the invite link".into(),
        ));
    }
    Ok(invite)
}
