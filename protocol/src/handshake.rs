//! The handshake on the control stream: the client's `Hello`, the server's checks, and the
//! client's state machine that waits for `Welcome` or `Refused`.
//!
//! Token signatures are the server's business (it holds the key); this module checks what both
//! sides must agree on: protocol version, schema hash and the shape of the participant's details.

use crate::messages::{CloseCode, Hello, MAX_NAME, MAX_RESUME, MAX_TOKEN, ServerMsg, Welcome};
use crate::{PROTOCOL_VERSION, SCHEMA_HASH};

/// A refusal: the close code and a message that says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} ({code:?})")]
pub struct Refusal {
    /// The machine-readable reason; also the QUIC close code.
    pub code: CloseCode,
    /// What went wrong and what to do, for a person.
    pub message: String,
}

impl Refusal {
    /// A refusal with this code and message.
    pub fn new(code: CloseCode, message: impl Into<String>) -> Refusal {
        Refusal { code, message: message.into() }
    }
}

/// Builds the client's first message for this build.
pub fn hello(token: &str, display_name: &str, administration: &str, locale: &str) -> Hello {
    Hello {
        protocol_version: PROTOCOL_VERSION,
        schema_hash: SCHEMA_HASH,
        token: token.to_owned(),
        display_name: display_name.to_owned(),
        administration: administration.to_owned(),
        locale: locale.to_owned(),
        resume: None,
        role: None,
    }
}

/// The server's check of a `Hello`: version, schema, and participant details.
pub fn check_hello(hello: &Hello) -> Result<(), Refusal> {
    use std::cmp::Ordering;
    match hello.protocol_version.cmp(&PROTOCOL_VERSION) {
        Ordering::Less => {
            return Err(Refusal::new(
                CloseCode::ClientTooOld,
                format!(
                    "the client speaks Crossdock protocol {} but this server speaks {PROTOCOL_VERSION}: upgrade the client",
                    hello.protocol_version
                ),
            ));
        }
        Ordering::Greater => {
            return Err(Refusal::new(
                CloseCode::ServerTooOld,
                format!(
                    "the client speaks Crossdock protocol {} but this server speaks only {PROTOCOL_VERSION}: upgrade the server",
                    hello.protocol_version
                ),
            ));
        }
        Ordering::Equal => {}
    }
    if hello.schema_hash != SCHEMA_HASH {
        return Err(Refusal::new(
            CloseCode::SchemaMismatch,
            format!(
                "client and server builds disagree on the wire schema (client {:016x}, server {SCHEMA_HASH:016x}): install the same Crossdock release on both",
                hello.schema_hash
            ),
        ));
    }
    if hello.resume.as_ref().is_some_and(|r| r.len() > MAX_RESUME) {
        return Err(Refusal::new(CloseCode::BadHello, "the resume secret is too long"));
    }
    if hello.token.is_empty() || hello.token.len() > MAX_TOKEN {
        return Err(Refusal::new(
            CloseCode::BadToken,
            "the join token is missing or too long: ask the instructor for a new invite",
        ));
    }
    let name = hello.display_name.trim();
    if name.is_empty() || hello.display_name.len() > MAX_NAME || hello.display_name.chars().any(char::is_control) {
        return Err(Refusal::new(
            CloseCode::BadHello,
            format!("the display name must be 1 to {MAX_NAME} bytes of printable text"),
        ));
    }
    let admin_ok = hello.administration.len() == 2 && hello.administration.bytes().all(|b| b.is_ascii_uppercase());
    if !admin_ok {
        return Err(Refusal::new(
            CloseCode::BadHello,
            format!(
                "administration `{}` is not an ISO 3166-1 alpha-2 code such as TH, KR or CN",
                hello.administration.escape_debug()
            ),
        ));
    }
    let locale_ok =
        (2..=16).contains(&hello.locale.len()) && hello.locale.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !locale_ok {
        return Err(Refusal::new(
            CloseCode::BadHello,
            format!("locale `{}` is not a BCP 47 tag such as en, th, ko or zh-Hans", hello.locale.escape_debug()),
        ));
    }
    Ok(())
}

/// The client's side of the handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientHandshake {
    /// `Hello` still to be sent.
    Start(Hello),
    /// `Hello` sent; waiting for the answer.
    AwaitingWelcome,
    /// Welcomed.
    Joined(Welcome),
    /// Refused or broken; the connection is over.
    Failed(Refusal),
}

impl ClientHandshake {
    /// Starts a handshake that will send `hello`.
    pub fn new(hello: Hello) -> ClientHandshake {
        ClientHandshake::Start(hello)
    }

    /// The `Hello` to send, once.
    pub fn poll_transmit(&mut self) -> Option<Hello> {
        match std::mem::replace(self, ClientHandshake::AwaitingWelcome) {
            ClientHandshake::Start(hello) => Some(hello),
            other => {
                *self = other;
                None
            }
        }
    }

    /// Feeds the server's first message; returns the welcome once joined.
    pub fn handle_msg(&mut self, msg: ServerMsg) -> Result<&Welcome, Refusal> {
        let next = match (&*self, msg) {
            (ClientHandshake::AwaitingWelcome, ServerMsg::Welcome(w)) => ClientHandshake::Joined(w),
            (ClientHandshake::AwaitingWelcome, ServerMsg::Refused { code, message }) => {
                ClientHandshake::Failed(Refusal { code, message })
            }
            (_, other) => ClientHandshake::Failed(Refusal::new(
                CloseCode::ProtocolViolation,
                format!("the server answered the handshake with {}", kind(&other)),
            )),
        };
        *self = next;
        match self {
            ClientHandshake::Joined(w) => Ok(w),
            ClientHandshake::Failed(r) => Err(r.clone()),
            _ => unreachable!("handle_msg always ends in Joined or Failed"),
        }
    }
}

fn kind(msg: &ServerMsg) -> &'static str {
    match msg {
        ServerMsg::Welcome(_) => "a second Welcome",
        ServerMsg::Refused { .. } => "Refused",
        _ => "a message other than Welcome or Refused",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ParticipantId, Role, Tick};

    fn good() -> Hello {
        hello("tok", "Somchai", "TH", "th")
    }

    #[test]
    fn a_current_hello_passes() {
        assert_eq!(check_hello(&good()), Ok(()));
        assert_eq!(check_hello(&Hello { locale: "zh-Hans".into(), ..good() }), Ok(()));
    }

    #[test]
    fn version_mismatch_names_the_side_to_upgrade() {
        let old = check_hello(&Hello { protocol_version: PROTOCOL_VERSION - 1, ..good() }).unwrap_err();
        assert_eq!(old.code, CloseCode::ClientTooOld);
        assert!(old.message.contains("upgrade the client"));
        let new = check_hello(&Hello { protocol_version: PROTOCOL_VERSION + 1, ..good() }).unwrap_err();
        assert_eq!(new.code, CloseCode::ServerTooOld);
        assert!(new.message.contains("upgrade the server"));
        let schema = check_hello(&Hello { schema_hash: SCHEMA_HASH ^ 1, ..good() }).unwrap_err();
        assert_eq!(schema.code, CloseCode::SchemaMismatch);
    }

    #[test]
    fn bad_details_are_refused_with_bad_hello() {
        for bad in [
            Hello { display_name: "".into(), ..good() },
            Hello { display_name: "x".repeat(65), ..good() },
            Hello { display_name: "a\u{7}b".into(), ..good() },
            Hello { administration: "tha".into(), ..good() },
            Hello { locale: "e".into(), ..good() },
        ] {
            assert_eq!(check_hello(&bad).unwrap_err().code, CloseCode::BadHello, "{bad:?}");
        }
        assert_eq!(check_hello(&Hello { token: String::new(), ..good() }).unwrap_err().code, CloseCode::BadToken);
    }

    #[test]
    fn the_client_sends_hello_once_then_takes_the_welcome() {
        let mut hs = ClientHandshake::new(good());
        assert_eq!(hs.poll_transmit(), Some(good()));
        assert_eq!(hs.poll_transmit(), None);
        let welcome = Welcome {
            participant: ParticipantId(1),
            role: Role::Trainee,
            session: "s".into(),
            tick_hz: 60,
            server_time_us: 5,
            tick: Tick(9),
            resume: String::new(),
            voice_recorded: false,
            captions: false,
        };
        assert_eq!(hs.handle_msg(ServerMsg::Welcome(welcome.clone())), Ok(&welcome));
    }

    #[test]
    fn the_client_surfaces_a_refusal() {
        let mut hs = ClientHandshake::new(good());
        hs.poll_transmit();
        let err = hs.handle_msg(ServerMsg::Refused { code: CloseCode::TokenExpired, message: "expired".into() });
        assert_eq!(err.unwrap_err().code, CloseCode::TokenExpired);
        assert!(matches!(hs, ClientHandshake::Failed(_)));
    }
}
