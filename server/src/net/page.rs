//! The console page and the browser room, over HTTPS: a few static files compiled into the
//! server (nothing is loaded from anywhere else), `/console/certificates`, the hashes of the
//! certificates the pages' WebTransport connections may meet, and `/room/*`, the browser
//! client's bundle from `room_bundle` (brotli or gzip for browsers that take it), with the room
//! page's words (`/room/words`) and its one form: six digits typed for the invite they stand for
//! (`POST /room/code`, PROTOCOL.md §16). The pages are a secure context, as WebTransport
//! requires; their data all comes over WebTransport, so nothing here needs a token.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use base64::Engine;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper::{Request, Response, StatusCode};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;

use super::browser::BrowserCerts;
use super::codes::{CodeError, JoinCodes, MAX_REQUEST};
use super::console::{CONSOLE_WORDS, words_of};

/// The page's files: path, content type, body.
const FILES: [(&str, &str, &str); 6] = [
    ("/", "text/html; charset=utf-8", include_str!("../../console/index.html")),
    ("/console.js", "text/javascript; charset=utf-8", include_str!("../../console/console.js")),
    ("/console.css", "text/css; charset=utf-8", include_str!("../../console/console.css")),
    ("/editor.js", "text/javascript; charset=utf-8", include_str!("../../console/editor.js")),
    ("/room", "text/html; charset=utf-8", include_str!("../../../headset-client/web/page/room.html")),
    ("/room.js", "text/javascript; charset=utf-8", include_str!("../../../headset-client/web/page/room.js")),
];

/// The browser room's bundle: the only files served from `room_bundle`, and their types.
const BUNDLE: [(&str, &str); 4] = [
    ("crossdock_web.js", "text/javascript; charset=utf-8"),
    ("crossdock_web_bg.wasm", "application/wasm"),
    ("NotoSansCJK-subset.otf", "font/otf"),
    ("OFL.txt", "text/plain; charset=utf-8"),
];

/// A bundle file larger than this is not served (the wasm is about 12 MB).
const MAX_BUNDLE_FILE: u64 = 64 << 20;

/// The room runs our wasm too (`'wasm-unsafe-eval'` compiles it; nothing evaluates strings).
const ROOM_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self' https:; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

/// Scripts only from here; styles from here or inline (a report's own `<style>`); WebTransport
/// to this server's QUIC port. Reports are shown in a sandboxed frame that runs no script.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
    connect-src 'self' https:; frame-src 'self' about:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Most page connections at once.
const MAX_CONNECTIONS: usize = 256;

/// What the page server needs.
#[derive(Debug)]
pub struct Page {
    /// The QUIC port browsers open WebTransport to.
    pub quic_port: u16,
    /// The certificates they may meet there.
    pub browser: Arc<BrowserCerts>,
    /// Where the browser room's bundle is.
    pub room_bundle: std::path::PathBuf,
    /// The short join codes the room page's form redeems.
    pub codes: Arc<JoinCodes>,
}

/// Serves the page on `addr` with `tls` until aborted.
pub fn serve(addr: SocketAddr, tls: rustls::ServerConfig, page: Page) -> Result<(SocketAddr, JoinHandle<()>)> {
    let listener = std::net::TcpListener::bind(addr).with_context(|| {
        format!(
            "cannot serve the console on tcp {addr}: is something else there? pick another with --console, or `off`"
        )
    })?;
    listener.set_nonblocking(true)?;
    let listener = TcpListener::from_std(listener)?;
    let bound = listener.local_addr()?;
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let page = Arc::new(page);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let task = tokio::spawn(async move {
        while let Ok((tcp, from)) = listener.accept().await {
            let Ok(permit) = slots.clone().try_acquire_owned() else { continue };
            let (acceptor, page) = (acceptor.clone(), page.clone());
            tokio::spawn(async move {
                let Ok(Ok(tls)) = tokio::time::timeout(Duration::from_secs(10), acceptor.accept(tcp)).await else {
                    return;
                };
                let service = hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
                    let page = page.clone();
                    async move {
                        Ok::<_, Infallible>(match (req.method(), req.uri().path()) {
                            (&hyper::Method::POST, "/room/code") => redeem(req, &page, from.ip()).await,
                            _ => answer(&req, &page),
                        })
                    }
                });
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(Duration::from_secs(10))
                    .serve_connection(hyper_util::rt::TokioIo::new(tls), service);
                let _ = tokio::time::timeout(Duration::from_secs(300), connection).await;
                drop(permit);
            });
        }
    });
    Ok((bound, task))
}

/// The TLS configuration of the page: the centre's certificate, or the server's own.
pub fn tls(
    chain: Vec<rustls::pki_types::CertificateDer<'static>>,
    key: rustls::pki_types::PrivateKeyDer<'static>,
) -> Result<rustls::ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut tls = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("TLS is unavailable")?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .context("the console's certificate does not match its key")?;
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tls)
}

fn answer(req: &Request<hyper::body::Incoming>, page: &Page) -> Response<Full<Bytes>> {
    let path = req.uri().path();
    if req.method() != hyper::Method::GET && req.method() != hyper::Method::HEAD {
        return respond(StatusCode::METHOD_NOT_ALLOWED, "text/plain", "the console only reads pages\n");
    }
    if path == "/console/certificates" {
        let hashes: Vec<String> =
            page.browser.hashes().iter().map(|h| base64::engine::general_purpose::STANDARD.encode(h)).collect();
        let body = serde_json::json!({ "port": page.quic_port, "hashes": hashes }).to_string();
        return respond(StatusCode::OK, "application/json", body);
    }
    if path == "/room/words" {
        return room_words(req.uri().query().unwrap_or(""));
    }
    if path == "/favicon.ico" {
        return respond(StatusCode::NO_CONTENT, "image/x-icon", "");
    }
    if let Some(name) = path.strip_prefix("/room/") {
        let accepts = req.headers().get(hyper::header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
        let takes = |coding: &str| accepts.split(',').any(|e| e.trim().split(';').next() == Some(coding));
        let encodings: Vec<(&str, &str)> =
            [("br", ".br"), ("gzip", ".gz")].into_iter().filter(|(coding, _)| takes(coding)).collect();
        return bundle_file(&page.room_bundle, name, &encodings);
    }
    match FILES.iter().find(|(p, _, _)| *p == path) {
        Some((p, kind, body)) => {
            let mut response = respond(StatusCode::OK, kind, *body);
            if p.starts_with("/room") {
                set(response.headers_mut(), "content-security-policy", ROOM_POLICY);
            }
            response
        }
        None => respond(StatusCode::NOT_FOUND, "text/plain", "no such page: the console is at /, the room at /room\n"),
    }
}

/// `GET /room/words?languages=th-TH,th,en`: the room page's words (the console catalogue's
/// `room-*` messages) in the first of the reader's languages the server has, as JSON
/// `{"language": "th", "words": {"room-opening": "...", ...}}`, `{$name}` where an argument goes.
fn room_words(query: &str) -> Response<Full<Bytes>> {
    let languages = url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "languages")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let asked: Vec<&str> = languages.split(',').map(str::trim).filter(|l| !l.is_empty()).take(16).collect();
    let words = crossdock_i18n::Words::new(&CONSOLE_WORDS, crossdock_i18n::choose(&CONSOLE_WORDS, &asked));
    let room = words_of(&words, &[CONSOLE_WORDS[0].1], |key| key.starts_with("room-"));
    let body = serde_json::json!({ "language": words.language(), "words": room }).to_string();
    respond(StatusCode::OK, "application/json", body)
}

/// `POST /room/code`: the six digits a person typed on the room page, for the invite they stand
/// for, spent now (PROTOCOL.md §16, the same codes and lockout as the QUIC redemption). Answers
/// `{"token": TOKEN}`, or `{"error": "malformed"|"unknown"|"locked", "minutes": N, "message":
/// ...}` with 400, 404 or 429; the page says it in the reader's language.
async fn redeem(req: Request<hyper::body::Incoming>, page: &Page, from: IpAddr) -> Response<Full<Bytes>> {
    let read = tokio::time::timeout(Duration::from_secs(10), Limited::new(req.into_body(), MAX_REQUEST).collect());
    let typed = match read.await {
        Ok(Ok(body)) => String::from_utf8_lossy(&body.to_bytes()).into_owned(),
        _ => String::new(),
    };
    let refused = |status: StatusCode, e: CodeError| {
        tracing::info!(%from, reason = %e, "join code refused on the room page");
        let (error, minutes) = match e {
            CodeError::Malformed => ("malformed", 0),
            CodeError::Unknown => ("unknown", 0),
            CodeError::Locked(minutes) => ("locked", minutes),
        };
        let body = serde_json::json!({ "error": error, "minutes": minutes, "message": e.to_string() });
        respond(status, "application/json", body.to_string())
    };
    match page.codes.redeem(from, &typed, crate::clock::unix_ms()) {
        Ok(link) => match link.parse::<crossdock_protocol::invite::Invite>() {
            Ok(invite) => {
                respond(StatusCode::OK, "application/json", serde_json::json!({ "token": invite.token }).to_string())
            }
            Err(e) => {
                tracing::error!(error = %e, "a join code stood for a link that is not an invite");
                refused(StatusCode::NOT_FOUND, CodeError::Unknown)
            }
        },
        Err(e @ CodeError::Malformed) => refused(StatusCode::BAD_REQUEST, e),
        Err(e @ CodeError::Unknown) => refused(StatusCode::NOT_FOUND, e),
        Err(e @ CodeError::Locked(_)) => refused(StatusCode::TOO_MANY_REQUESTS, e),
    }
}

/// A file of the room's bundle: its first compressed copy (`(coding, suffix)`, smallest first)
/// that the browser takes and that exists, else the file itself.
fn bundle_file(dir: &std::path::Path, name: &str, encodings: &[(&str, &str)]) -> Response<Full<Bytes>> {
    let Some((_, kind)) = BUNDLE.iter().find(|(n, _)| *n == name) else {
        return respond(StatusCode::NOT_FOUND, "text/plain", "no such file in the browser room's bundle\n");
    };
    let read = |path: std::path::PathBuf| -> Option<Vec<u8>> {
        let meta = std::fs::metadata(&path).ok()?;
        (meta.len() <= MAX_BUNDLE_FILE).then(|| std::fs::read(&path).ok()).flatten()
    };
    for (coding, suffix) in encodings {
        if let Some(body) = read(dir.join(format!("{name}{suffix}"))) {
            let mut response = respond(StatusCode::OK, kind, body);
            set(response.headers_mut(), "content-encoding", coding);
            set(response.headers_mut(), "vary", "accept-encoding");
            return response;
        }
    }
    match read(dir.join(name)) {
        Some(body) => respond(StatusCode::OK, kind, body),
        None => respond(
            StatusCode::NOT_FOUND,
            "text/plain",
            format!(
                "the browser room is not built on this server (nothing at {}): run headset-client/web/build.sh in the source tree, or set room_bundle\n",
                dir.join(name).display()
            ),
        ),
    }
}

fn set(headers: &mut hyper::HeaderMap, name: &'static str, value: &str) {
    if let Ok(value) = hyper::header::HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

fn respond(status: StatusCode, kind: &str, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    set(headers, "content-type", kind);
    set(headers, "content-security-policy", POLICY);
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "no-referrer");
    set(headers, "cache-control", "no-store");
    response
}
