//! Join tokens: signed (Ed25519), expiring claims that name a session and a role.
//!
//! `base64url(claims) "." base64url(signature)`, where claims are bincode under the protocol's
//! limited configuration. Only the server's key signs them; clients carry them unread.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use bincode::{Decode, Encode};
use crossdock_protocol::{CloseCode, Role};
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};

/// Version of the claims layout (3: personal invites name a learner).
const CLAIMS_VERSION: u8 = 3;

/// What a token grants.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Claims {
    /// Layout version, [`CLAIMS_VERSION`].
    pub version: u8,
    /// Which key signed it: the first 8 bytes of the SHA-256 of its public key.
    pub key_id: [u8; 8],
    /// The session it admits to.
    pub session: String,
    /// The role it grants.
    pub role: Role,
    /// A display name the issuer fixed, overriding the client's.
    pub name: Option<String>,
    /// Not valid before this Unix time (seconds).
    pub not_before: u64,
    /// Not valid from this Unix time (seconds).
    pub expires_at: u64,
    /// Random, so two tokens with the same claims differ; single-use tokens are spent by it.
    pub nonce: u64,
    /// Admits once; a second use is refused (a dropped participant comes back with `resume`).
    pub single_use: bool,
    /// The learner a personal invite (from a class roster) is for; `None` for role invites.
    pub learner: Option<LearnerClaim>,
}

/// Who a personal invite admits: the roster's row, fixed by the issuer.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct LearnerClaim {
    /// The centre's id for the learner.
    pub id: String,
    /// Their administration's code (`TH`, `KR`, ...).
    pub administration: String,
    /// Their locale (`th`, `ko`, `zh-Hans`, ...).
    pub locale: String,
    /// Their account in the centre's learning system, when it differs from `id`.
    pub lms_account: Option<String>,
}

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not two base64url parts, or the claims do not decode.
    #[error("the join token is damaged: copy the whole invite link again")]
    Malformed,
    /// The signature does not match the claims: altered.
    #[error("the join token was altered: copy the whole invite link again, or ask for a new one")]
    BadSignature,
    /// Signed by another server's key.
    #[error("the join token was issued by another Crossdock server: use an invite from this one")]
    UnknownKey,
    /// Past its expiry.
    #[error("the join token expired {0} s ago: ask the instructor for a new invite")]
    Expired(u64),
    /// Before its start.
    #[error("the join token is valid only in {0} s: check this computer's clock or wait")]
    NotYetValid(u64),
}

impl TokenError {
    /// The close code a refusal carries.
    pub fn code(&self) -> CloseCode {
        match self {
            TokenError::Malformed | TokenError::BadSignature => CloseCode::BadToken,
            TokenError::UnknownKey => CloseCode::UnknownKey,
            TokenError::Expired(_) => CloseCode::TokenExpired,
            TokenError::NotYetValid(_) => CloseCode::TokenNotYetValid,
        }
    }
}

/// Signs claims into a token.
pub fn sign(key: &Ed25519KeyPair, claims: &Claims) -> String {
    let body = crossdock_protocol::codec::encode(claims);
    let sig = key.sign(&body);
    format!("{}.{}", URL_SAFE_NO_PAD.encode(&body), URL_SAFE_NO_PAD.encode(sig.as_ref()))
}

/// The id claims carry for `key`.
pub fn key_id(key: &Ed25519KeyPair) -> [u8; 8] {
    let digest = ring::digest::digest(&ring::digest::SHA256, key.public_key().as_ref());
    let mut id = [0u8; 8];
    id.copy_from_slice(&digest.as_ref()[..8]);
    id
}

/// Builds claims signed by `key` for `session` and `role`, valid from `now` for `ttl_secs`.
pub fn claims(
    key: &Ed25519KeyPair,
    session: &str,
    role: Role,
    name: Option<String>,
    now: u64,
    ttl_secs: u64,
) -> Claims {
    let mut nonce = [0u8; 8];
    // SystemRandom only fails when the OS has no entropy source; a zero nonce is still safe.
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut nonce);
    Claims {
        version: CLAIMS_VERSION,
        key_id: key_id(key),
        session: session.to_owned(),
        role,
        name,
        not_before: now.saturating_sub(60),
        expires_at: now.saturating_add(ttl_secs),
        nonce: u64::from_le_bytes(nonce),
        single_use: false,
        learner: None,
    }
}

/// Checks a token's signature and validity at `now` (Unix seconds).
pub fn verify(key: &Ed25519KeyPair, token: &str, now: u64) -> Result<Claims, TokenError> {
    let (body, sig) = token.split_once('.').ok_or(TokenError::Malformed)?;
    let body = URL_SAFE_NO_PAD.decode(body).map_err(|_| TokenError::Malformed)?;
    let sig = URL_SAFE_NO_PAD.decode(sig).map_err(|_| TokenError::Malformed)?;
    let claims: Claims = crossdock_protocol::decode(&body).map_err(|_| TokenError::Malformed)?;
    if claims.version != CLAIMS_VERSION {
        return Err(TokenError::Malformed);
    }
    if claims.key_id != key_id(key) {
        return Err(TokenError::UnknownKey);
    }
    UnparsedPublicKey::new(&ED25519, key.public_key().as_ref())
        .verify(&body, &sig)
        .map_err(|_| TokenError::BadSignature)?;
    if now >= claims.expires_at {
        return Err(TokenError::Expired(now - claims.expires_at));
    }
    if now < claims.not_before {
        return Err(TokenError::NotYetValid(claims.not_before - now));
    }
    Ok(claims)
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The refusal for a spent single-use token.
pub fn replayed_refusal() -> crossdock_protocol::handshake::Refusal {
    crossdock_protocol::handshake::Refusal::new(
        CloseCode::TokenReplayed,
        "this single-use invite was already used: ask the instructor for a new one",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Ed25519KeyPair {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).unwrap();
        Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap()
    }

    #[test]
    fn a_fresh_token_verifies_with_its_claims() {
        let key = key();
        let c = claims(&key, "drill-7", Role::Trainee, Some("Ji-woo".into()), 1_000_000, 3600);
        assert_eq!(verify(&key, &sign(&key, &c), 1_000_100), Ok(c));
    }

    #[test]
    fn each_bad_token_has_its_own_reason() {
        let key = key();
        let token = sign(&key, &claims(&key, "s", Role::Observer, None, 1_000_000, 60));
        assert_eq!(verify(&key, &token, 1_000_060), Err(TokenError::Expired(0)));
        assert_eq!(verify(&key, &token, 1_000_000 - 61), Err(TokenError::NotYetValid(1)));
        assert_eq!(verify(&self::key(), &token, 1_000_010), Err(TokenError::UnknownKey));
        let mut tampered = token.clone().into_bytes();
        tampered[3] ^= 1;
        let tampered = String::from_utf8(tampered).unwrap();
        assert!(matches!(
            verify(&key, &tampered, 1_000_010),
            Err(TokenError::BadSignature | TokenError::Malformed | TokenError::UnknownKey)
        ));
        let mut forged = claims(&key, "s", Role::Instructor, None, 1_000_000, 60);
        forged.role = Role::Instructor;
        let honest = sign(&key, &claims(&key, "s", Role::Observer, None, 1_000_000, 60));
        let (_, sig) = honest.split_once('.').unwrap();
        let forged = format!("{}.{sig}", URL_SAFE_NO_PAD.encode(crossdock_protocol::codec::encode(&forged)));
        assert_eq!(verify(&key, &forged, 1_000_010), Err(TokenError::BadSignature), "claims changed under a signature");
        assert_eq!(verify(&key, "no-dot", 1), Err(TokenError::Malformed));
        assert_eq!(verify(&key, "!!.!!", 1), Err(TokenError::Malformed));
        assert_eq!(TokenError::Expired(3).code(), CloseCode::TokenExpired);
    }
}
