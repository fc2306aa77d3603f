//! Certificate pinning: the client trusts exactly the certificate whose SHA-256 the invite names
//! (or, as a browser does over WebTransport, one of the hashes the server's page lists).
//!
//! This is what makes a development server's self-signed certificate safe to use: the invite,
//! delivered out of band, carries the fingerprint. Signatures are still checked, so only the
//! holder of the pinned certificate's key can complete the handshake.

use std::sync::{Arc, Mutex};

use rustls::DigitallySignedStruct;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};

/// Accepts only the server certificate with the pinned SHA-256 fingerprint (or, unpinned, the
/// first one shown, remembering its fingerprint).
#[derive(Debug)]
pub struct PinnedCert {
    /// Any of these; empty: the first one shown.
    fingerprints: Vec<[u8; 32]>,
    seen: Arc<Mutex<Option<[u8; 32]>>>,
    provider: Arc<CryptoProvider>,
}

impl PinnedCert {
    /// Pins `fingerprint`, verifying signatures with `provider`.
    pub fn new(fingerprint: [u8; 32], provider: Arc<CryptoProvider>) -> PinnedCert {
        PinnedCert::any_of(vec![fingerprint], provider)
    }

    /// Pins any of `fingerprints` (a server's rotating browser certificates: two overlap).
    pub fn any_of(fingerprints: Vec<[u8; 32]>, provider: Arc<CryptoProvider>) -> PinnedCert {
        PinnedCert { fingerprints, seen: Arc::default(), provider }
    }

    /// Trusts the certificate shown (its signatures still verified) and writes its fingerprint
    /// to `seen`, for a caller that checks it afterwards (a join code's invite must name it).
    pub fn first_sight(seen: Arc<Mutex<Option<[u8; 32]>>>, provider: Arc<CryptoProvider>) -> PinnedCert {
        PinnedCert { fingerprints: Vec::new(), seen, provider }
    }
}

impl ServerCertVerifier for PinnedCert {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let digest = ring::digest::digest(&ring::digest::SHA256, end_entity.as_ref());
        let mut shown = [0u8; 32];
        shown.copy_from_slice(digest.as_ref());
        match self.fingerprints.first() {
            Some(_) if self.fingerprints.contains(&shown) => Ok(ServerCertVerified::assertion()),
            Some(pinned) => Err(rustls::Error::General(format!(
                "the server's certificate (sha256 {}) is not the one the invite names ({}): the invite is for another server, or someone is in the way",
                crossdock_protocol::invite::hex(&shown),
                crossdock_protocol::invite::hex(pinned)
            ))),
            None => {
                tracing::warn!(
                    fingerprint = %crossdock_protocol::invite::hex(&shown),
                    "no fingerprint to pin: trusting the certificate shown this once"
                );
                *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Some(shown);
                Ok(ServerCertVerified::assertion())
            }
        }
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
