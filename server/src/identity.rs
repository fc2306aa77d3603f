//! The server's identity in its data dir: TLS certificate, token signing key, invites.
//!
//! On first start the server creates a self-signed ECDSA P-256 certificate and an Ed25519 token
//! signing key and keeps them; later starts reuse them, so invites and pinned fingerprints stay
//! valid across restarts. Files are written to a temporary name and renamed into place, so a
//! crash never leaves half a key behind.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use ring::signature::Ed25519KeyPair;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

const CERT: &str = "cert.der";
const CERT_KEY: &str = "cert-key.der";
const TOKEN_KEY: &str = "token-key.pk8";
const RESET_KEY: &str = "reset-key";

/// The server's certificate, its key, and the token signing key.
pub struct Identity {
    /// The DER certificate presented to clients.
    pub cert: CertificateDer<'static>,
    /// The certificate's private key (PKCS#8 DER).
    pub cert_key: PrivatePkcs8KeyDer<'static>,
    /// Signs and verifies join tokens.
    pub token_key: Ed25519KeyPair,
    /// Keys QUIC stateless resets; kept across restarts so that clients of a crashed server
    /// learn at once that their connection is gone, instead of waiting for the idle timeout.
    pub reset_key: [u8; 64],
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity").field("fingerprint", &self.fingerprint_hex()).finish_non_exhaustive()
    }
}

impl Identity {
    /// Loads the identity from `data_dir`, creating whatever is missing.
    pub fn load_or_create(data_dir: &Path) -> Result<Identity> {
        fs::create_dir_all(data_dir).with_context(|| {
            format!("cannot create the data dir {}: check its permissions or pass --data-dir", data_dir.display())
        })?;
        let cert_path = data_dir.join(CERT);
        let key_path = data_dir.join(CERT_KEY);
        if !cert_path.exists() || !key_path.exists() {
            let generated =
                rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "crossdock.local".to_owned()])
                    .context("cannot generate the self-signed certificate")?;
            write_private(&key_path, &generated.signing_key.serialize_der())?;
            write_private(&cert_path, generated.cert.der())?;
            tracing::info!(path = %cert_path.display(), "created a self-signed certificate");
        }
        let token_path = data_dir.join(TOKEN_KEY);
        if !token_path.exists() {
            let pkcs8 = Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new())
                .map_err(|_| anyhow::anyhow!("cannot generate the token signing key"))?;
            write_private(&token_path, pkcs8.as_ref())?;
            tracing::info!(path = %token_path.display(), "created a token signing key");
        }
        let reset_path = data_dir.join(RESET_KEY);
        if !reset_path.exists() {
            let mut key = [0u8; 64];
            ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut key)
                .map_err(|_| anyhow::anyhow!("cannot generate the stateless reset key"))?;
            write_private(&reset_path, &key)?;
        }
        Identity::load(data_dir)
    }

    /// Loads an existing identity; fails with a hint when the server never ran on `data_dir`.
    pub fn load(data_dir: &Path) -> Result<Identity> {
        let read = |name: &str| -> Result<Vec<u8>> {
            let path = data_dir.join(name);
            fs::read(&path).with_context(|| {
                format!(
                    "cannot read {}: start `crossdock-server --data-dir {}` once to create it",
                    path.display(),
                    data_dir.display()
                )
            })
        };
        let cert = CertificateDer::from(read(CERT)?);
        let cert_key = PrivatePkcs8KeyDer::from(read(CERT_KEY)?);
        let token_key = Ed25519KeyPair::from_pkcs8(&read(TOKEN_KEY)?).map_err(|e| {
            anyhow::anyhow!(
                "{} is not an Ed25519 PKCS#8 key ({e}); delete it to make a new one (old invites stop working)",
                data_dir.join(TOKEN_KEY).display()
            )
        })?;
        let reset_key = read(RESET_KEY)?.try_into().map_err(|_| {
            anyhow::anyhow!("{} is not 64 bytes; delete it to make a new one", data_dir.join(RESET_KEY).display())
        })?;
        Ok(Identity { cert, cert_key, token_key, reset_key })
    }

    /// An invite to `server` carrying `claims`, signed with the token key.
    pub fn invite(&self, server: &str, claims: &crate::token::Claims) -> crossdock_protocol::invite::Invite {
        crossdock_protocol::invite::Invite {
            server: server.to_owned(),
            fingerprint: self.fingerprint(),
            token: crate::token::sign(&self.token_key, claims),
        }
    }

    /// SHA-256 of the certificate: what invites carry and clients pin.
    pub fn fingerprint(&self) -> [u8; 32] {
        let digest = ring::digest::digest(&ring::digest::SHA256, &self.cert);
        let mut out = [0; 32];
        out.copy_from_slice(digest.as_ref());
        out
    }

    /// The fingerprint as lower-case hex.
    pub fn fingerprint_hex(&self) -> String {
        crossdock_protocol::invite::hex(&self.fingerprint())
    }

    /// The certificate key in the form rustls takes.
    pub fn private_key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(self.cert_key.clone_key())
    }
}

/// Writes `bytes` to `path` readable by the owner only, atomically.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(path, bytes, 0o600)
}

/// Writes `bytes` to `path` via a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let tmp: PathBuf = path.with_extension("tmp");
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("cannot move {} into place", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_is_created_once_and_reused() {
        let dir = std::env::temp_dir().join(format!("crossdock-identity-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let first = Identity::load_or_create(&dir).unwrap();
        let again = Identity::load_or_create(&dir).unwrap();
        assert_eq!(first.fingerprint(), again.fingerprint());
        assert_eq!(first.fingerprint_hex().len(), 64);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_identity_says_how_to_make_one() {
        let err = Identity::load(Path::new("/nonexistent/crossdock")).unwrap_err();
        assert!(format!("{err:#}").contains("start `crossdock-server --data-dir"));
    }
}
