//! A browser console's session: WebTransport (HTTP/3, ALPN `h3`) on the server's own port.
//! The page opens `/console`, then one bidirectional stream, and speaks the console protocol
//! (`crossdock_protocol::console`): a hello with its token, then commands and requests; the
//! session sends it live frames several times a second.
//!
//! The token travels inside the stream, never in a URL. An instructor's token steers; an
//! observer's watches (its commands are refused by the tick, with the reason); a trainee's or a
//! personal single-use invite is refused: those are for headsets.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use crossdock_i18n::{FluentValue, Words};
use crossdock_protocol::console::{
    self, CONSOLE_VERSION, ConsoleDecoder, ConsoleDown, ConsoleUp, DrillRow, InviteCard, InviteSheet, MAX_UP, Welcome,
};
use crossdock_protocol::{CloseCode, Role};
use tokio::sync::mpsc;

use super::event::{ClientId, ConsoleLink, NetEvent};
use super::limits::{self, Bucket};
use super::shared::Shared;
use crate::records::Store;
use crate::{roster, token};

/// The console page's words, one file per language, English first (`server/console/locales/`).
pub static CONSOLE_WORDS: [(&str, &str); 8] = [
    ("en", include_str!("../../console/locales/en.ftl")),
    ("th", include_str!("../../console/locales/th.ftl")),
    ("ko", include_str!("../../console/locales/ko.ftl")),
    ("zh-Hans", include_str!("../../console/locales/zh-Hans.ftl")),
    ("vi", include_str!("../../console/locales/vi.ftl")),
    ("ja", include_str!("../../console/locales/ja.ftl")),
    ("ms", include_str!("../../console/locales/ms.ftl")),
    ("id", include_str!("../../console/locales/id.ftl")),
];

/// Answers queued for a page (live frames are not queued: the newest wins).
const QUEUE: usize = 64;
/// Bytes a console's connection may have unacknowledged: a live frame or two.
const SEND_WINDOW: u64 = 8 * 1024;
/// Bytes read from the stream at a time.
const READ_CHUNK: usize = 16 * 1024;

/// Why a console was turned away, as the page shows it.
struct Refusal {
    code: CloseCode,
    message: String,
}

/// Runs one console session, opened by [`super::webtransport`], to its close.
pub(crate) async fn serve(session: web_transport_quinn::Session, client: ClientId, shared: Arc<Shared>) {
    // Little in flight, so on a slow link the newest frame waits in its slot (replaced by the
    // next) instead of a backlog piling up in the stream.
    session.set_send_window(SEND_WINDOW);
    let stream = tokio::time::timeout(shared.config.handshake_timeout, session.accept_bi()).await;
    let Ok(Ok((mut send, recv))) = stream else {
        return tracing::debug!("the console opened no stream in time");
    };
    let mut reader = Reader { recv, decoder: ConsoleDecoder::new(MAX_UP), buf: vec![0; READ_CHUNK] };
    let hello = tokio::time::timeout(shared.config.handshake_timeout, reader.next()).await;
    let first = match hello {
        Ok(Ok(Some(Sent::Message(first)))) => Some(*first),
        _ => None,
    };
    let hello = match first {
        Some(ConsoleUp::Hello { version, token, language }) => (version, token, language),
        _ => {
            let refusal = Refusal {
                code: CloseCode::ProtocolViolation,
                message: "the console's first message must be its hello: reload the page".into(),
            };
            return refuse(&session, &mut send, refusal).await;
        }
    };
    let words = Words::new(&CONSOLE_WORDS, &hello.2);
    let (claims, inbox) = match admit(&shared, hello.0, &hello.1, &words) {
        Ok(ok) => ok,
        Err(refusal) => {
            tracing::info!(code = ?refusal.code, reason = %refusal.message, "console refused");
            shared.metrics.refused("console", refusal.code);
            return refuse(&session, &mut send, refusal).await;
        }
    };
    let role = claims.role;
    let name = claims.name.clone().unwrap_or_else(|| words.get(&format!("console-of-{role}")));
    let welcome = Welcome {
        session: claims.session.clone(),
        role: role.as_str().to_owned(),
        steer: role == Role::Instructor,
        name: name.clone(),
        language: words.language().to_owned(),
        words: all_words(&words),
        scenarios: crate::library::Library::open(&shared.config.data_dir).names(),
        origins: crate::library::Library::open(&shared.config.data_dir).origins(),
    };
    tracing::info!(session = %claims.session, %role, %name, "console admitted");
    let (tx, mut rx) = mpsc::channel::<Bytes>(QUEUE);
    let _ = tx.try_send(Bytes::from(console::encode(&ConsoleDown::Welcome(Box::new(welcome)))));
    let (frame, mut frames) = tokio::sync::watch::channel(Bytes::new());
    let link = ConsoleLink { messages: tx.clone(), frame };
    if inbox.send(NetEvent::ConsoleJoin { client, link, name, role }).await.is_err() {
        return;
    }
    let writer = tokio::spawn(async move {
        loop {
            // Answers first; then the newest frame, whichever came while the last write went out.
            let bytes = tokio::select! {
                biased;
                msg = rx.recv() => match msg {
                    Some(bytes) => bytes,
                    None => return,
                },
                changed = frames.changed() => match changed {
                    Ok(()) => frames.borrow_and_update().clone(),
                    Err(_) => return,
                },
            };
            if send.write_all(&bytes).await.is_err() {
                return;
            }
        }
    });
    let asker = Asker {
        shared: shared.clone(),
        session: claims.session.clone(),
        role,
        words: Arc::new(words),
        tx,
        busy: Arc::new(tokio::sync::Semaphore::new(1)),
    };
    let mut bucket = Bucket::new(limits::CONTROL_BURST, limits::CONTROL_RATE, Instant::now());
    let ended = loop {
        tokio::select! {
            msg = reader.next() => match msg {
                Ok(Some(Sent::Message(msg))) if bucket.take(Instant::now()) => {
                    if let Err(code) = asker.handle(client, *msg, &inbox).await {
                        break code;
                    }
                }
                // Said plainly, and the console carries on: nothing of it was kept.
                Ok(Some(Sent::TooLarge(len))) if bucket.take(Instant::now()) => {
                    let args = [("kib", len.div_ceil(1024).into()), ("max", (MAX_UP / 1024).into())];
                    asker.reply(ConsoleDown::Problem { message: asker.words.with("problem-too-large", &args) });
                }
                Ok(Some(_)) => break CloseCode::RateLimited,
                Ok(None) => break CloseCode::Normal,
                Err(code) => break code,
            },
            _ = session.closed() => break CloseCode::Normal,
        }
    };
    let _ = inbox.send(NetEvent::ConsoleLeave { client }).await;
    writer.abort();
    close(&session, ended.to_u32(), b"bye").await;
    tracing::info!(?ended, "console left");
}

/// What the page sent next: a message, or one too long to take (skipped, never kept).
enum Sent {
    Message(Box<ConsoleUp>),
    TooLarge(usize),
}

/// Reads console messages from the page's stream.
struct Reader {
    recv: web_transport_quinn::RecvStream,
    decoder: ConsoleDecoder,
    buf: Vec<u8>,
}

impl Reader {
    async fn next(&mut self) -> Result<Option<Sent>, CloseCode> {
        loop {
            match self.decoder.next_message::<ConsoleUp>() {
                Ok(Some(msg)) => return Ok(Some(Sent::Message(Box::new(msg)))),
                Ok(None) => {}
                Err(console::ConsoleError::TooLarge(len)) => return Ok(Some(Sent::TooLarge(len))),
                Err(console::ConsoleError::Malformed(_)) => return Err(CloseCode::ProtocolViolation),
            }
            match self.recv.read(&mut self.buf).await {
                Ok(Some(n)) => self.decoder.handle_bytes(&self.buf[..n]),
                Ok(None) => return Ok(None),
                Err(_) => return Err(CloseCode::Normal),
            }
        }
    }
}

async fn refuse(session: &web_transport_quinn::Session, send: &mut web_transport_quinn::SendStream, r: Refusal) {
    let msg = ConsoleDown::Refused { code: format!("{:?}", r.code), message: r.message.clone() };
    if send.write_all(&console::encode(&msg)).await.is_ok() && send.finish().is_ok() {
        let _ = tokio::time::timeout(Duration::from_millis(500), send.stopped()).await;
    }
    close(session, r.code.to_u32(), r.message.as_bytes()).await;
}

/// Closes the session with `code`: the close capsule goes out on the CONNECT stream first, and
/// the session (its HTTP/3 control streams with it) is held until the peer closes or a moment
/// passes, so a strict HTTP/3 client reads the code instead of a closed critical stream.
async fn close(session: &web_transport_quinn::Session, code: u32, reason: &[u8]) {
    session.close(code, reason);
    let _ = tokio::time::timeout(Duration::from_secs(2), session.closed()).await;
}

/// Checks the hello's version and token; the session's channel.
fn admit(
    shared: &Shared,
    version: u32,
    token: &str,
    words: &Words,
) -> Result<(token::Claims, mpsc::Sender<NetEvent>), Refusal> {
    if version != CONSOLE_VERSION {
        let message = words.get("refused-version");
        return Err(Refusal { code: CloseCode::BadHello, message });
    }
    let claims = token::verify(&shared.identity.token_key, token.trim(), token::unix_now())
        .map_err(|e| Refusal { code: e.code(), message: e.to_string() })?;
    if claims.role == Role::Trainee || claims.single_use {
        return Err(Refusal { code: CloseCode::WrongRole, message: words.get("refused-headset-invite") });
    }
    let hosted = shared.hosted.read().unwrap_or_else(|e| e.into_inner()).clone();
    if hosted.is_some_and(|h| !h.contains(&claims.session)) {
        let message = words.with("refused-session", &[("session", FluentValue::from(claims.session.as_str()))]);
        return Err(Refusal { code: CloseCode::WrongSession, message });
    }
    let (inbox, _) =
        shared.sessions.channel(&claims.session).map_err(|r| Refusal { code: r.code, message: r.message })?;
    Ok((claims, inbox))
}

/// Every message of the console's catalogue and the domain's (tools, roles, categories, steps,
/// refusals) in `words`' language, with `{$name}` where an argument goes (the page fills it in).
fn all_words(words: &Words) -> BTreeMap<String, String> {
    words_of(words, &[crossdock_i18n::DOMAIN[0].1, CONSOLE_WORDS[0].1], |_| true)
}

/// The messages named in the English `catalogues` that `keep` keeps, in `words`' language, with
/// `{$name}` where an argument goes: for a page's script to fill in.
pub(crate) fn words_of(words: &Words, catalogues: &[&str], keep: fn(&str) -> bool) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for english in catalogues {
        for line in english.lines() {
            let Some((key, value)) = line.split_once(" = ") else { continue };
            let plain = key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if key.is_empty() || !plain || !keep(key) {
                continue;
            }
            let args: Vec<(String, String)> = value
                .split("{ $")
                .skip(1)
                .filter_map(|rest| rest.split_once(" }").map(|(name, _)| (name.to_owned(), format!("{{${name}}}"))))
                .collect();
            let args: Vec<(&str, FluentValue<'_>)> =
                args.iter().map(|(n, v)| (n.as_str(), FluentValue::from(v.as_str()))).collect();
            out.insert(key.to_owned(), words.with(key, &args));
        }
    }
    out
}

/// Answers a console's requests; passes its commands to the session.
struct Asker {
    shared: Arc<Shared>,
    session: String,
    role: Role,
    words: Arc<Words>,
    tx: mpsc::Sender<Bytes>,
    /// One request answered at a time per console: a report of a long drill takes a while.
    busy: Arc<tokio::sync::Semaphore>,
}

impl Asker {
    async fn handle(&self, client: ClientId, msg: ConsoleUp, inbox: &mpsc::Sender<NetEvent>) -> Result<(), CloseCode> {
        let steer = self.role == Role::Instructor;
        match msg {
            ConsoleUp::Hello { .. } => return Err(CloseCode::ProtocolViolation),
            ConsoleUp::Command { seq, command } => {
                let event = NetEvent::ConsoleCommand { client, seq, command };
                inbox.send(event).await.map_err(|_| CloseCode::ServerShutdown)?;
                return Ok(());
            }
            // The class's standing is the learners' own record: the instructor's, like the sheet.
            ConsoleUp::NewDrill { .. }
            | ConsoleUp::Invites
            | ConsoleUp::Follow { .. }
            | ConsoleUp::Class
            | ConsoleUp::EditScenario { .. }
            | ConsoleUp::CheckScenario { .. }
            | ConsoleUp::TryScenario { .. }
            | ConsoleUp::SaveScenario { .. }
            | ConsoleUp::ExportPack { .. }
            | ConsoleUp::ImportPack { .. }
                if !steer =>
            {
                self.reply(ConsoleDown::Problem { message: self.words.get("deny-role-forbids") });
                return Ok(());
            }
            ConsoleUp::NewDrill { scenario, roster } => {
                if let Some(text) = roster {
                    match self.shared.rosters.set(&self.session, &text, crate::clock::unix_ms()) {
                        Ok(count) => {
                            tracing::info!(session = %self.session, learners = count, "a console set the class roster");
                        }
                        Err(e) => {
                            let message = self.words.with("problem-roster", &[("reason", FluentValue::from(e))]);
                            self.reply(ConsoleDown::Problem { message });
                            return Ok(());
                        }
                    }
                }
                let command = console::ConsoleCommand::SwitchScenario { name: scenario };
                let event = NetEvent::ConsoleCommand { client, seq: 0, command };
                inbox.send(event).await.map_err(|_| CloseCode::ServerShutdown)?;
                return Ok(());
            }
            // The draft is saved as `draft/NAME` (disk work, off the async threads), then the
            // session switches to it as to any library scenario.
            ConsoleUp::TryScenario { draft } => {
                let library = crate::library::Library::open(&self.shared.config.data_dir);
                let checked = tokio::task::spawn_blocking(move || crate::editor::save(&library, &draft, true))
                    .await
                    .map_err(|_| CloseCode::ServerShutdown)?;
                let switch = checked.saved.clone();
                self.reply(ConsoleDown::Checked(Box::new(checked)));
                if let Some(name) = switch {
                    tracing::info!(session = %self.session, scenario = %name, "a console tries a draft");
                    let command = console::ConsoleCommand::SwitchScenario { name };
                    let event = NetEvent::ConsoleCommand { client, seq: 0, command };
                    inbox.send(event).await.map_err(|_| CloseCode::ServerShutdown)?;
                }
                return Ok(());
            }
            request => {
                let Ok(permit) = self.busy.clone().try_acquire_owned() else {
                    self.reply(ConsoleDown::Problem { message: self.words.get("problem-busy") });
                    return Ok(());
                };
                // The store and the reports are disk work: off the async threads.
                let (shared, session, words, tx, role) =
                    (self.shared.clone(), self.session.clone(), self.words.clone(), self.tx.clone(), self.role);
                tokio::task::spawn_blocking(move || {
                    let answer = answer(&shared, &session, role, &words, request).unwrap_or_else(|e| {
                        tracing::warn!(error = %format!("{e:#}"), "a console request failed");
                        ConsoleDown::Problem { message: format!("{e:#}") }
                    });
                    // Free before the answer leaves: a page may ask again the moment it arrives.
                    drop(permit);
                    let _ = tx.blocking_send(Bytes::from(console::encode(&answer)));
                });
            }
        }
        Ok(())
    }

    fn reply(&self, msg: ConsoleDown) {
        let _ = self.tx.try_send(Bytes::from(console::encode(&msg)));
    }
}

/// Answers a request from a console of `role`: the drills, a report (as `role` may read it), the
/// invites sheet.
fn answer(
    shared: &Shared,
    session: &str,
    role: Role,
    words: &Words,
    request: ConsoleUp,
) -> anyhow::Result<ConsoleDown> {
    match request {
        ConsoleUp::Drills => {
            let store = Store::open(&shared.config.data_dir)?;
            let now_ms = crate::clock::unix_ms();
            let mut drills: Vec<DrillRow> = store
                .drills(Some(session))?
                .into_iter()
                .map(|d| DrillRow {
                    number: d.number,
                    scenario: d.scenario,
                    started: rfc3339(d.started_unix_ms / 1000),
                    // A running drill runs until now, whether or not anything was logged lately.
                    seconds: if d.ended.is_none() { now_ms.max(d.last_unix_ms) } else { d.last_unix_ms }
                        .saturating_sub(d.started_unix_ms)
                        / 1000,
                    running: d.ended.is_none(),
                    trainees: d.participants,
                })
                .collect();
            drills.sort_by_key(|d| std::cmp::Reverse(d.number));
            Ok(ConsoleDown::Drills { drills })
        }
        ConsoleUp::Report { drill } => {
            let store = Store::open(&shared.config.data_dir)?;
            let records = store.read_drill(session, drill)?;
            anyhow::ensure!(!records.is_empty(), "{}", words.with("problem-no-drill", &[("drill", drill.into())]));
            let report = crate::assessment::report(session, drill, &records)?.for_role(role);
            let html = crate::assessment::html(&report, &crate::assessment::words(words.language()));
            Ok(ConsoleDown::Report { drill, html })
        }
        ConsoleUp::Invites => Ok(ConsoleDown::Invites(Box::new(invite_sheet(shared, session)?))),
        ConsoleUp::Follow { curriculum } => {
            let problem = |e: String| anyhow::anyhow!("{}", words.with("problem-curriculum", &[("reason", e.into())]));
            let library: Vec<&str> = crate::curriculum::LIBRARY.iter().map(|(n, _)| *n).collect();
            // Only the library: a name from the network must never reach the file system.
            if let Some(name) = curriculum.as_deref().filter(|n| !library.contains(n)) {
                return Err(problem(format!("no curriculum `{name}` (there are: {})", library.join(", "))));
            }
            let now = crate::clock::unix_ms();
            shared.rosters.follow(session, curriculum.as_deref(), now).map_err(problem)?;
            tracing::info!(%session, curriculum = ?curriculum, "a console set the curriculum the class follows");
            class(shared, session, words)
        }
        ConsoleUp::Class => class(shared, session, words),
        ConsoleUp::EditScenario { name, container } => {
            let library = crate::library::Library::open(&shared.config.data_dir);
            let draft = match (name, container) {
                (_, Some(container)) => crate::editor::empty(&container),
                (Some(name), None) => crate::editor::draft_of(&library, &name),
                (None, None) => crate::editor::empty("20ft-dry"),
            };
            let draft =
                draft.map_err(|e| anyhow::anyhow!("{}", words.with("problem-scenario", &[("reason", e.into())])))?;
            Ok(ConsoleDown::Draft(Box::new(console::Draft { draft, choices: crate::editor::choices() })))
        }
        ConsoleUp::CheckScenario { draft } => Ok(ConsoleDown::Checked(Box::new(crate::editor::check(&draft).0))),
        ConsoleUp::SaveScenario { draft } => {
            let library = crate::library::Library::open(&shared.config.data_dir);
            let checked = crate::editor::save(&library, &draft, false);
            if let Some(name) = &checked.saved {
                tracing::info!(%session, scenario = %name, "a console saved a scenario into the library");
            }
            Ok(ConsoleDown::Checked(Box::new(checked)))
        }
        ConsoleUp::ExportPack { scenarios, about } => export_pack(shared, words, scenarios, about),
        ConsoleUp::ImportPack { base64 } => {
            use base64::Engine;
            let problem = |e: String| anyhow::anyhow!("{}", words.with("problem-pack", &[("reason", e.into())]));
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(base64.trim())
                .map_err(|_| problem("the file did not arrive whole (not base64)".into()))?;
            let own = crate::certificate::key_hex(&shared.identity.token_key);
            let trust = crate::pack::Trust::load(&shared.config.data_dir, &own).map_err(|e| problem(e.to_string()))?;
            let library = crate::library::Library::open(&shared.config.data_dir);
            let (names, already) = match library.import(&bytes, &trust).map_err(|e| problem(e.to_string()))? {
                crate::library::Imported::Added(names) => (names, false),
                crate::library::Imported::AlreadyThere(names) => (names, true),
            };
            tracing::info!(%session, scenarios = ?names, already, "a console imported a scenario pack");
            Ok(ConsoleDown::Imported { names, already, scenarios: library.names(), origins: library.origins() })
        }
        ConsoleUp::Hello { .. }
        | ConsoleUp::Command { .. }
        | ConsoleUp::NewDrill { .. }
        | ConsoleUp::TryScenario { .. } => {
            anyhow::bail!("not a request")
        }
    }
}

/// A pack of the centre's own scenarios, signed with this server's key, to download.
fn export_pack(
    shared: &Shared,
    words: &Words,
    scenarios: Vec<String>,
    about: console::PackAbout,
) -> anyhow::Result<ConsoleDown> {
    use base64::Engine;
    let problem = |e: String| anyhow::anyhow!("{}", words.with("problem-pack", &[("reason", e.into())]));
    let library = crate::library::Library::open(&shared.config.data_dir);
    let files = scenarios
        .iter()
        .map(|name| {
            library
                .own_file(name)
                .ok_or_else(|| problem(format!("`{name}` is not one of this centre's saved scenarios")))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let version = semver::Version::parse(about.version.trim())
        .map_err(|_| problem(format!("`{}` is not a version: write it as 1.0.0", about.version)))?;
    let about = crate::pack::About {
        name: about.name,
        version,
        summary: about.summary,
        publisher: about.publisher,
        administration: about.administration,
        authors: about.authors,
        licence: about.licence,
        languages: about.languages,
        level: None,
    };
    let paths: Vec<&std::path::Path> = files.iter().map(std::path::PathBuf::as_path).collect();
    let pack =
        crate::pack::Pack::create(&paths, about, &shared.identity.token_key).map_err(|e| problem(e.to_string()))?;
    let m = &pack.manifest;
    tracing::info!(pack = %m.name, version = %m.version, scenarios = m.scenarios.len(), "a console made a scenario pack");
    let bytes = pack.to_bytes();
    anyhow::ensure!(
        bytes.len() <= 6 * 1024 * 1024,
        "{}",
        words.with(
            "problem-pack",
            &[("reason", "it is over 6 MiB: make it with `crossdock-server pack create`".into())]
        )
    );
    let file = format!("{}-{}.cdpack", m.name, m.version);
    Ok(ConsoleDown::Pack { file, base64: base64::engine::general_purpose::STANDARD.encode(&bytes) })
}

/// The class tab: the session's roster in the curriculum it follows.
fn class(shared: &Shared, session: &str, words: &Words) -> anyhow::Result<ConsoleDown> {
    let store = Store::open(&shared.config.data_dir)?;
    let learners: Vec<(String, String)> =
        shared.rosters.get(session).unwrap_or_default().into_iter().map(|l| (l.learner_id, l.display_name)).collect();
    let following = shared.rosters.curriculum(session);
    let class = crate::curriculum::class_standing(
        &store,
        following.as_deref(),
        &learners,
        words.language(),
        crate::clock::unix_ms(),
    )?;
    Ok(ConsoleDown::Class(Box::new(class)))
}

fn rfc3339(unix_s: u64) -> String {
    humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + Duration::from_secs(unix_s)).to_string()
}

/// The invites sheet: a single-use personal invite per learner of the session's roster, or,
/// with no roster, the trainee and observer invites; each with its QR code and a fresh code.
fn invite_sheet(shared: &Shared, session: &str) -> anyhow::Result<InviteSheet> {
    let server = shared.config.invite_addr(shared.bound);
    let page_port = shared.config.console_addr(shared.bound).ok().flatten().map(|a| a.port());
    let identity = &shared.identity;
    let now = token::unix_now();
    let ttl = shared.config.invite_ttl.as_secs();
    let learners = shared.rosters.get(session);
    let mut invites: Vec<(Option<&roster::Learner>, Role, String)> = Vec::new();
    let sign = |role: Role, learner: Option<&roster::Learner>| {
        let name = learner.map(|l| l.display_name.clone());
        let mut claims = token::claims(&identity.token_key, session, role, name, now, ttl);
        if let Some(l) = learner {
            claims.single_use = true;
            claims.learner = Some(l.claim());
        }
        // A room link where the page is served (a browser opens it, the native apps read it),
        // else the native link.
        let invite = identity.invite(&server, &claims);
        match page_port {
            Some(port) => invite.room_link(port),
            None => invite.to_string(),
        }
    };
    match &learners {
        Some(learners) => {
            for learner in learners {
                invites.push((Some(learner), Role::Trainee, sign(Role::Trainee, Some(learner))));
            }
        }
        None => {
            for role in [Role::Trainee, Role::Observer] {
                invites.push((None, role, sign(role, None)));
            }
        }
    }
    let minted = crate::clock::unix_ms();
    let cards = invites
        .into_iter()
        .map(|(learner, role, link)| {
            let qr = qrcode::QrCode::with_error_correction_level(link.as_bytes(), qrcode::EcLevel::M)?;
            let modules: String =
                qr.to_colors().iter().map(|c| if *c == qrcode::Color::Dark { '1' } else { '0' }).collect();
            Ok(InviteCard {
                name: learner.map(|l| l.display_name.clone()),
                administration: learner.map(|l| l.administration.clone()),
                role: role.as_str().to_owned(),
                code: shared.codes.mint(link.clone(), minted)?,
                link,
                qr: modules,
                qr_size: qr.width() as u32,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(InviteSheet {
        session: session.to_owned(),
        server,
        expires: rfc3339(now + ttl),
        code_minutes: shared.codes.ttl().as_secs().div_ceil(60) as u32,
        cards,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_of_the_console_has_every_message() {
        assert_eq!(crossdock_i18n::problems(&CONSOLE_WORDS), Vec::<String>::new());
    }

    #[test]
    fn every_word_the_page_asks_for_is_in_the_catalogue() {
        let english = format!("{}\n{}", CONSOLE_WORDS[0].1, crossdock_i18n::DOMAIN[0].1);
        let page = [
            include_str!("../../console/index.html"),
            include_str!("../../console/console.js"),
            include_str!("../../console/editor.js"),
        ];
        let mut missing = Vec::new();
        for source in page {
            for (open, close) in [("data-w=\"", '"'), ("w(\"", '"')] {
                for rest in source.split(open).skip(1) {
                    let key = rest.split(close).next().unwrap_or_default();
                    if !english.lines().any(|l| l.starts_with(&format!("{key} = "))) {
                        missing.push(key.to_owned());
                    }
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new(), "words the page shows that no language has");
    }

    #[test]
    fn the_page_gets_its_words_with_their_arguments_marked_and_the_reports_categories() {
        let words = all_words(&Words::new(&CONSOLE_WORDS, "ko"));
        assert_eq!(words["drill-heading"], "훈련 {$number}: {$scenario}");
        assert_eq!(words["steer-pause"], "일시 정지");
        assert!(words.contains_key("category-false-wall") && words.contains_key("tool-x-ray"));
    }
}
