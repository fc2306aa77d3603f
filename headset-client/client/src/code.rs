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
use rustls::DigitallySignedStruct;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};

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
    let verifier: Arc<dyn ServerCertVerifier> = match pinned {
        Some(fp) => Arc::new(PinnedCert::new(fp, provider.clone())),
        None => Arc::new(FirstSight { seen: seen.clone(), provider: provider.clone() }),
    };
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

/// Accepts the certificate it is shown, and remembers its SHA-256 (checked against the
/// invite that comes back). Signatures are still verified.
#[derive(Debug)]
struct FirstSight {
    seen: Arc<Mutex<Option<[u8; 32]>>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for FirstSight {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let digest = ring::digest::digest(&ring::digest::SHA256, end_entity.as_ref());
        let mut fp = [0u8; 32];
        fp.copy_from_slice(digest.as_ref());
        tracing::warn!(
            fingerprint = %crossdock_protocol::invite::hex(&fp),
            "joining by code without the server's fingerprint: trusting the certificate shown this once"
        );
        *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Some(fp);
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}
