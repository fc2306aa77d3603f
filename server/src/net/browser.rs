//! Certificates for browsers. A browser pins a self-signed certificate by hash
//! (`serverCertificateHashes`) only if it is ECDSA P-256 and valid for at most 14 days, so the
//! console's WebTransport connections get short-lived ones, made here and rotated: a new one
//! every [`ROTATE_EVERY`], each valid [`LIFETIME`], so two overlap and the page offers both
//! hashes. Native clients keep pinning the server's long-lived certificate; the choice is made
//! per connection by ALPN ([`Resolver`]). With the centre's own certificate configured
//! (`console_cert`), browsers get that one and need no hashes.

use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::{Context, Result};
use rustls::crypto::ring::sign::any_supported_type;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;

/// How long a browser certificate is valid: under the browsers' 14-day limit, with a day spare.
pub const LIFETIME: Duration = Duration::from_secs(13 * 86_400);
/// How often a new one is made (so the previous one still has a week when it is replaced).
pub const ROTATE_EVERY: Duration = Duration::from_secs(6 * 86_400);
/// Backdated this much, for clocks a little behind ours.
const SKEW: Duration = Duration::from_secs(3600);

/// The ALPN WebTransport (HTTP/3) connections negotiate.
pub const H3: &[u8] = b"h3";

/// One certificate made here.
#[derive(Debug)]
pub struct Made {
    key: Arc<CertifiedKey>,
    hash: [u8; 32],
    made: time::OffsetDateTime,
    expires: time::OffsetDateTime,
}

/// The certificates browsers get.
#[derive(Debug)]
pub enum BrowserCerts {
    /// Made and rotated here; newest last.
    Rotating(RwLock<Vec<Made>>),
    /// The centre's own (a public CA's): nothing to pin.
    Centre(Arc<CertifiedKey>),
}

impl BrowserCerts {
    /// Rotating self-signed certificates, the first made now.
    pub fn rotating() -> Result<BrowserCerts> {
        let certs = BrowserCerts::Rotating(RwLock::new(Vec::new()));
        certs.rotate(time::OffsetDateTime::now_utc())?;
        Ok(certs)
    }

    /// The centre's certificate chain and its key (as [`read_pem`] reads them).
    pub fn centre(chain: Vec<CertificateDer<'static>>, key: &PrivateKeyDer<'_>) -> Result<BrowserCerts> {
        let signing = any_supported_type(key).context("the console certificate's key is of a kind TLS cannot use")?;
        Ok(BrowserCerts::Centre(Arc::new(CertifiedKey::new(chain, signing))))
    }

    /// Makes a new certificate if the newest is [`ROTATE_EVERY`] old, and forgets expired ones.
    pub fn rotate(&self, now: time::OffsetDateTime) -> Result<()> {
        let BrowserCerts::Rotating(made) = self else { return Ok(()) };
        let mut made = made.write().unwrap_or_else(|e| e.into_inner());
        made.retain(|m| m.expires > now);
        if made.last().is_none_or(|m| now - m.made >= ROTATE_EVERY) {
            made.push(make(now)?);
            tracing::info!(certificates = made.len(), "made a new certificate for browsers");
        }
        Ok(())
    }

    /// The SHA-256 hashes a page pins, newest first (none for the centre's certificate).
    pub fn hashes(&self) -> Vec<[u8; 32]> {
        match self {
            BrowserCerts::Rotating(made) => {
                made.read().unwrap_or_else(|e| e.into_inner()).iter().rev().map(|m| m.hash).collect()
            }
            BrowserCerts::Centre(_) => Vec::new(),
        }
    }

    /// The certificate to present now: the newest.
    pub fn current(&self) -> Option<Arc<CertifiedKey>> {
        match self {
            BrowserCerts::Rotating(made) => {
                made.read().unwrap_or_else(|e| e.into_inner()).last().map(|m| m.key.clone())
            }
            BrowserCerts::Centre(key) => Some(key.clone()),
        }
    }
}

fn make(now: time::OffsetDateTime) -> Result<Made> {
    let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned()])?;
    params.not_before = now - SKEW;
    params.not_after = now - SKEW + LIFETIME;
    let key_pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
    let cert = params.self_signed(&key_pair)?;
    let der = CertificateDer::from(cert.der().to_vec());
    let hash = sha256(&der);
    let key = PrivateKeyDer::try_from(key_pair.serialize_der()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let signing = any_supported_type(&key).context("cannot sign with the browser certificate's key")?;
    Ok(Made { key: Arc::new(CertifiedKey::new(vec![der], signing)), hash, made: now, expires: now - SKEW + LIFETIME })
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    ring::digest::digest(&ring::digest::SHA256, bytes).as_ref().try_into().expect("32 bytes")
}

/// A certificate chain and its key from PEM files (the centre's, for the console).
pub fn read_pem(cert: &Path, key: &Path) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)> {
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("cannot read the certificate chain in {}: it must be PEM", cert.display()))?;
    anyhow::ensure!(!chain.is_empty(), "{} holds no certificate", cert.display());
    let key = PrivateKeyDer::from_pem_file(key)
        .with_context(|| format!("cannot read the private key in {}: it must be PEM", key.display()))?;
    Ok((chain, key))
}

/// Chooses the certificate by ALPN: browsers' (`h3`) or the pinned long-lived one.
#[derive(Debug)]
pub struct Resolver {
    /// What native clients pin.
    pub native: Arc<CertifiedKey>,
    /// What browsers get.
    pub browser: Arc<BrowserCerts>,
}

impl ResolvesServerCert for Resolver {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let browser = hello.alpn().is_some_and(|mut alpn| alpn.any(|p| p == H3));
        if browser { self.browser.current() } else { Some(self.native.clone()) }
    }
}

/// Rotates the browser certificates hourly until aborted.
pub fn rotate_hourly(certs: Arc<BrowserCerts>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            if let Err(e) = certs.rotate(time::OffsetDateTime::now_utc()) {
                tracing::error!(error = %format!("{e:#}"), "cannot make a new certificate for browsers");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_certificates_rotate_with_two_overlapping_and_none_over_fourteen_days() {
        let start = time::OffsetDateTime::now_utc();
        let certs = BrowserCerts::rotating().unwrap();
        assert_eq!(certs.hashes().len(), 1);
        certs.rotate(start + Duration::from_secs(86_400)).unwrap();
        assert_eq!(certs.hashes().len(), 1, "nothing new within the rotation period");
        certs.rotate(start + ROTATE_EVERY + Duration::from_secs(1)).unwrap();
        let both = certs.hashes();
        assert_eq!(both.len(), 2, "the old one stays valid beside the new one");
        certs.rotate(start + LIFETIME).unwrap();
        let later = certs.hashes();
        assert_eq!(later.len(), 2);
        assert!(later.contains(&both[0]) && !later.contains(&both[1]), "the expired one is forgotten");
        let BrowserCerts::Rotating(made) = &certs else { unreachable!() };
        for m in made.read().unwrap().iter() {
            assert!(m.expires - (m.made - SKEW) <= Duration::from_secs(14 * 86_400));
            let parsed = m.key.cert[0].as_ref();
            assert_eq!(sha256(parsed), m.hash);
        }
    }
}
