//! Invite links: everything a client needs to join, in one line a trainer can send.
//!
//! `crossdock://HOST:PORT/?fp=SHA256HEX&token=TOKEN`: the server's address, the SHA-256
//! fingerprint of its certificate (pinned by the client, so a self-signed certificate is safe),
//! and the signed join token naming session and role.
//!
//! The same invite as a link into the browser room, which a browser opens and the native apps
//! read too (the invites sheet's QR codes carry it):
//! `https://HOST:PAGE_PORT/room#token=TOKEN&fp=SHA256HEX[&quic=PORT]`. Everything secret or
//! pinned is in the fragment, which browsers never send to a server; `quic` names the QUIC port
//! where it is not the page's.

use std::fmt;
use std::str::FromStr;

/// The URI scheme of invite links.
pub const SCHEME: &str = "crossdock://";

/// A parsed invite link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    /// `host:port`, with IPv6 hosts in brackets.
    pub server: String,
    /// SHA-256 of the server certificate (DER).
    pub fingerprint: [u8; 32],
    /// The signed join token.
    pub token: String,
}

/// Why an invite link could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InviteError {
    /// Not a `crossdock://` link.
    #[error(
        "an invite link starts with `crossdock://` (or is a room link, `https://…/room#token=…`); ask the instructor for the link printed by `crossdock-server invite`"
    )]
    Scheme,
    /// No `host:port`.
    #[error("the invite link has no server address (`host:port`) after `crossdock://`")]
    Server,
    /// `fp` missing or not 64 hex digits.
    #[error("the invite link's `fp` must be the server certificate's SHA-256 as 64 hex digits")]
    Fingerprint,
    /// `token` missing or holding characters a token never has.
    #[error("the invite link's `token` is missing or damaged; copy the whole link again")]
    Token,
}

/// Where the browser room's page is.
pub const ROOM_PAGE: &str = "/room";

impl Invite {
    /// This invite as a link into the browser room on `page_port` of the invite's host.
    pub fn room_link(&self, page_port: u16) -> String {
        let (host, quic) = self.server.rsplit_once(':').unwrap_or((self.server.as_str(), ""));
        let mut link =
            format!("https://{host}:{page_port}{ROOM_PAGE}#token={}&fp={}", self.token, hex(&self.fingerprint));
        if quic != page_port.to_string() {
            link.push_str(&format!("&quic={quic}"));
        }
        link
    }
}

/// Reads a browser room link (`https://HOST:PORT/room#...`) as an invite.
fn from_room_link(rest: &str) -> Result<Invite, InviteError> {
    let (place, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (server, path) = place.split_once('/').map_or((place, ""), |(s, p)| (s, p));
    if format!("/{}", path.trim_end_matches('/')) != ROOM_PAGE {
        return Err(InviteError::Scheme);
    }
    let (host, port) = server.rsplit_once(':').ok_or(InviteError::Server)?;
    let (mut fingerprint, mut token, mut quic) = (None, None, None);
    for pair in fragment.split('&') {
        match pair.split_once('=') {
            Some(("fp", v)) => fingerprint = parse_hex32(v),
            Some(("token", v)) => token = Some(v),
            Some(("quic", v)) => quic = Some(v),
            _ => {}
        }
    }
    let port = quic.unwrap_or(port);
    if host.is_empty() || port.parse::<u16>().is_err() || host.contains(['/', ' ']) {
        return Err(InviteError::Server);
    }
    let token = token
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)))
        .ok_or(InviteError::Token)?;
    Ok(Invite {
        server: format!("{host}:{port}"),
        fingerprint: fingerprint.ok_or(InviteError::Fingerprint)?,
        token: token.to_owned(),
    })
}

impl FromStr for Invite {
    type Err = InviteError;

    fn from_str(link: &str) -> Result<Self, Self::Err> {
        if let Some(rest) = link.trim().strip_prefix("https://") {
            return from_room_link(rest);
        }
        let rest = link.trim().strip_prefix(SCHEME).ok_or(InviteError::Scheme)?;
        let (server, query) = rest.split_once('?').unwrap_or((rest, ""));
        let server = server.trim_end_matches('/');
        let port_ok =
            server.rsplit_once(':').is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
        if !port_ok || server.contains(['/', ' ']) {
            return Err(InviteError::Server);
        }
        let (mut fingerprint, mut token) = (None, None);
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("fp", v)) => fingerprint = parse_hex32(v),
                Some(("token", v)) => token = Some(v),
                _ => {}
            }
        }
        let token = token
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)))
            .ok_or(InviteError::Token)?;
        Ok(Invite {
            server: server.to_owned(),
            fingerprint: fingerprint.ok_or(InviteError::Fingerprint)?,
            token: token.to_owned(),
        })
    }
}

impl fmt::Display for Invite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{SCHEME}{}/?fp={}&token={}", self.server, hex(&self.fingerprint), self.token)
    }
}

/// Lower-case hex of bytes, as fingerprints are shown.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fingerprint as [`hex`] writes it (64 hex digits), as bytes.
pub fn parse_fingerprint(s: &str) -> Option<[u8; 32]> {
    parse_hex32(s.trim())
}

fn parse_hex32(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Invite {
        Invite { server: "[::1]:4433".into(), fingerprint: [0xab; 32], token: "eyJ0.c2ln-_".into() }
    }

    #[test]
    fn invites_round_trip_through_their_link() {
        let link = sample().to_string();
        assert!(link.starts_with("crossdock://[::1]:4433/?fp=abab"));
        assert_eq!(link.parse::<Invite>(), Ok(sample()));
        assert_eq!(format!("  {link}\n").parse::<Invite>(), Ok(sample()));
    }

    #[test]
    fn room_links_carry_the_same_invite() {
        let same_port = sample().room_link(4433);
        assert!(same_port.starts_with("https://[::1]:4433/room#token=eyJ0.c2ln-_&fp=abab"), "{same_port}");
        assert_eq!(same_port.parse::<Invite>(), Ok(sample()));
        let other_port = sample().room_link(8443);
        assert!(other_port.ends_with("&quic=4433"), "{other_port}");
        assert_eq!(other_port.parse::<Invite>(), Ok(sample()));
        assert_eq!("https://h:1/room#fp=00".parse::<Invite>(), Err(InviteError::Token));
        assert_eq!("https://h:1/other#token=t".parse::<Invite>(), Err(InviteError::Scheme));
    }

    #[test]
    fn damaged_links_name_what_is_wrong() {
        assert_eq!("https://x:1/?fp=00".parse::<Invite>(), Err(InviteError::Scheme));
        assert_eq!("crossdock://nohost/?fp=00".parse::<Invite>(), Err(InviteError::Server));
        let fp = "ab".repeat(32);
        assert_eq!(format!("crossdock://h:1/?fp={fp}").parse::<Invite>(), Err(InviteError::Token));
        assert_eq!("crossdock://h:1/?fp=zz&token=t".parse::<Invite>(), Err(InviteError::Fingerprint));
        assert_eq!(format!("crossdock://h:1/?fp={fp}&token=a b").parse::<Invite>(), Err(InviteError::Token));
    }

    proptest! {
        #[test]
        fn random_links_never_panic(s in ".{0,200}") {
            let _ = s.parse::<Invite>();
            let _ = format!("crossdock://{s}").parse::<Invite>();
        }
    }
}
