//! The commands of `crossdock-server` beside running the server. Each takes the one layered
//! configuration, so a data dir or public address set in a file or `CROSSDOCK_*` holds for all.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use crossdock_protocol::Role;
use crossdock_server::Config;
use crossdock_server::assessment::{self, Report};
use crossdock_server::identity::Identity;
use crossdock_server::library::{Imported, Library};
use crossdock_server::pack::{self, Pack, Trust};
use crossdock_server::records::Store;
use crossdock_server::{config, roster, token};

/// `health`: asks the admin port: `url` if given, else the one the server running on the data
/// dir bound (its lock file says), else the configured one.
pub fn health(config: &Config, url: Option<String>) -> Result<()> {
    let url = match url {
        Some(url) => url,
        None => match crossdock_server::lock::running(&config.data_dir)? {
            Some(running) => {
                let admin = running.admin.with_context(|| {
                    format!(
                        "the server on {} ({running}) has its admin port off (metrics = \"off\"): turn it on to ask it",
                        config.data_dir.display()
                    )
                })?;
                format!("http://{admin}/health")
            }
            None => {
                let admin = config.metrics_listen.context(
                    "the admin port is off in this configuration (metrics = \"off\"), and no server runs on this data dir",
                )?;
                format!("http://{admin}/health")
            }
        },
    };
    let url = url.as_str();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(3)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut response =
        agent.get(url).call().with_context(|| format!("no answer from {url}: is the server running?"))?;
    let status = response.status();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    print!("{body}");
    anyhow::ensure!(status == 200, "{url} answered {status}: the server is not healthy");
    Ok(())
}

/// The session a command means: the one named, else the first the server hosts.
fn session_or_default(config: &Config, session: Option<&str>) -> Result<String> {
    let session = session.map_or_else(|| config.hosted_sessions()[0].clone(), str::to_owned);
    config::check_session_name(&session).map_err(|e| anyhow::anyhow!("--session: {e}"))?;
    Ok(session)
}

/// `SESSION/NUMBER`, or `NUMBER` in `session`.
fn parse_drill(text: &str, session: &str) -> Result<(String, u32)> {
    let (s, n) = text.rsplit_once('/').unwrap_or((session, text));
    let n: u32 = n.parse().ok().filter(|n| *n > 0).with_context(|| {
        format!("--drill `{text}` is not a drill: write SESSION/NUMBER as `crossdock-server drills` lists it")
    })?;
    Ok((s.to_owned(), n))
}

/// The store, with a clear message when the data dir has no log at all.
fn store(config: &Config) -> Result<Store> {
    anyhow::ensure!(
        config.data_dir.join("records.sqlite3").is_file(),
        "no event log in {}: run the server there first, or point --data-dir (or data_dir) at its data dir",
        config.data_dir.display()
    );
    Store::open(&config.data_dir)
}

/// `drills`.
pub fn drills(config: &Config, session: Option<&str>, json: bool) -> Result<()> {
    let drills = store(config)?.drills(session)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&drills)?);
        return Ok(());
    }
    if drills.is_empty() {
        println!("no drills{}", session.map_or(String::new(), |s| format!(" in session {s}")));
    }
    for d in drills {
        let status = d.ended.map_or("running or interrupted".to_owned(), |e| format!("ended: {}", e.as_str()));
        println!(
            "{:<20} {:<22} started {}  {} participant(s)  {status}",
            d.id(),
            d.scenario,
            assessment::rfc3339(d.started_unix_ms),
            d.participants
        );
    }
    Ok(())
}

/// The report of the drill asked for (the session's latest by default), and the store.
pub fn report(config: &Config, session: Option<&str>, drill: Option<&str>) -> Result<(Report, Store)> {
    let store = store(config)?;
    let session = session_or_default(config, session)?;
    let (session, number) = match drill {
        Some(text) => parse_drill(text, &session)?,
        None => {
            let latest = store.latest_drill(&session)?;
            anyhow::ensure!(
                latest > 0,
                "no drills in session `{session}` in {}: sessions with records are {:?}",
                config.data_dir.display(),
                store.sessions()?
            );
            (session, latest)
        }
    };
    let records = store.read_drill(&session, number)?;
    anyhow::ensure!(
        !records.is_empty(),
        "no drill {session}/{number} in {}: `crossdock-server drills` lists them",
        config.data_dir.display()
    );
    Ok((assessment::report(&session, number, &records)?, store))
}

/// `xapi-send`: queue the statements of the drill asked for (or of every drill that ended),
/// then deliver until nothing is pending or `give_up_after` passes.
pub fn xapi_send(
    config: &Config,
    drill: Option<&str>,
    lrs: Option<String>,
    auth: Option<String>,
    give_up_after: Duration,
) -> Result<()> {
    let endpoint = lrs.or_else(|| config.lrs.clone()).context(
        "no learning record store: give --lrs https://lrs.example/xapi, or set `lrs` in the configuration (CROSSDOCK_LRS)",
    )?;
    let lrs = crossdock_server::lrs::Lrs { endpoint, basic_auth: auth.or_else(|| config.lrs_auth.clone()) };
    let store = store(config)?;
    let reports: Vec<Report> = match drill {
        Some(text) => {
            let (session, number) = parse_drill(text, &session_or_default(config, None)?)?;
            vec![assessment::report(&session, number, &store.read_drill(&session, number)?)?]
        }
        None => store
            .drills(None)?
            .into_iter()
            .filter(|d| d.ended.is_some())
            .map(|d| assessment::report(&d.session, d.number, &store.read_drill(&d.session, d.number)?))
            .collect::<Result<_>>()?,
    };
    let mut outbox = crossdock_server::lrs::Outbox::open(&config.data_dir)?;
    let (mut added, mut unnamed) = (0, 0);
    for report in &reports {
        let mut statements = assessment::xapi(report, &config.lms_home_page).as_array().cloned().unwrap_or_default();
        statements.extend(assessment::level_statements(&store, report, &config.lms_home_page)?);
        added += outbox.enqueue(&statements)?;
        unnamed += report.trainees.iter().filter(|t| t.learner.is_none()).count();
    }
    println!("queued {added} new statement(s) from {} drill(s)", reports.len());
    if unnamed > 0 {
        println!(
            "{unnamed} trainee result(s) came from role invites without a learner id and stay in the reports only \
             (use personal invites: `invite --roster`)"
        );
    }
    let deadline = std::time::Instant::now() + give_up_after;
    loop {
        let now_ms = token::unix_now() * 1000;
        let round = outbox.deliver(&lrs, now_ms)?;
        let version = round.version.as_deref().map_or(String::new(), |v| format!(" (xAPI {v})"));
        println!(
            "delivered {}, failed {}, refused {}, pending {}{version}",
            round.delivered, round.failed, round.rejected, round.pending
        );
        if round.pending == 0 {
            let rejected = outbox.rejected()?;
            if let Some((id, error)) = rejected.first() {
                anyhow::bail!(
                    "the LRS refused {} statement(s) as wrong and they will not be retried; the first, {id}: {error}",
                    rejected.len()
                );
            }
            return Ok(());
        }
        let wait = Duration::from_millis(round.next_due_ms.unwrap_or(now_ms).saturating_sub(now_ms).max(250));
        anyhow::ensure!(
            std::time::Instant::now() + wait < deadline,
            "{} statement(s) still pending ({}); they stay queued in {} and go with the next xapi-send",
            round.pending,
            round.error.unwrap_or_default(),
            config.data_dir.display()
        );
        std::thread::sleep(wait);
    }
}

/// What `invite` was asked for.
#[derive(Debug)]
pub struct InviteArgs {
    pub role: Option<Role>,
    pub session: Option<String>,
    pub name: Option<String>,
    pub ttl: Duration,
    pub server: Option<String>,
    pub single_use: bool,
    pub console: bool,
}

/// The address invites name, checked: `--server`, else what the server running on the data dir
/// advertises (its lock file), else what the configuration would; with a warning when only this
/// machine could reach it although the server listens on every interface.
fn invite_server(config: &Config, server: Option<String>) -> Result<String> {
    let running = crossdock_server::lock::running(&config.data_dir)?;
    let listens = running.as_ref().map_or(config.listen, |r| r.udp);
    let addr = match (server, &running) {
        (Some(addr), _) => addr,
        (None, Some(running)) => running.invites.clone(),
        (None, None) => config.invite_addr(config.listen),
    };
    config::check_server_addr(&addr).map_err(|e| anyhow::anyhow!("--server: {e}"))?;
    let host = addr.rsplit_once(':').map_or(addr.as_str(), |(h, _)| h).trim_start_matches('[').trim_end_matches(']');
    let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if loopback && listens.ip().is_unspecified() {
        let how = if running.is_some() { "listens" } else { "is configured to listen" };
        tracing::warn!(
            "this invite names {addr}, which only this computer can reach, while the server {how} on every \
             interface ({listens}): set public_addr (or --public-addr, CROSSDOCK_PUBLIC_ADDR) to the address participants reach"
        );
    }
    Ok(addr)
}

/// The session an invite is for, refused when the server would refuse it.
fn invite_session(config: &Config, session: Option<&str>) -> Result<String> {
    let session = session_or_default(config, session)?;
    if let Some(hosted) = &config.sessions {
        anyhow::ensure!(
            hosted.contains(&session),
            "this server hosts only {}: an invite to `{session}` would be refused (change `sessions`, or pick one of those)",
            hosted.join(", ")
        );
    }
    Ok(session)
}

/// `invite --role`.
pub fn invite(config: &Config, args: InviteArgs) -> Result<()> {
    let role = args.role.context("say which role the invite is for: --role instructor|trainee|observer")?;
    let session = invite_session(config, args.session.as_deref())?;
    let server = invite_server(config, args.server)?;
    if let Some(name) = &args.name {
        anyhow::ensure!(
            !name.trim().is_empty() && name.chars().count() <= 64 && !name.chars().any(char::is_control),
            "--name must be 1 to 64 characters on one line"
        );
    }
    let identity = Identity::load(&config.data_dir)?;
    let mut claims =
        token::claims(&identity.token_key, &session, role, args.name, token::unix_now(), args.ttl.as_secs());
    claims.single_use = args.single_use;
    let invite = crossdock_server::invite_for(&identity, &server, &claims);
    if args.console {
        anyhow::ensure!(
            role != Role::Trainee,
            "a console is for instructors and observers: --role instructor or observer"
        );
        let page = match crossdock_server::lock::running(&config.data_dir)? {
            Some(running) => running.console,
            None => config.console_addr(config.listen).map_err(|e| anyhow::anyhow!("console: {e}"))?,
        };
        let page = page.context("the console is off (console = \"off\"): turn it on to open it in a browser")?;
        println!("{}", crossdock_server::console_link(&server, page.port(), &invite.token));
    } else {
        println!("{invite}");
    }
    Ok(())
}

/// `invite --roster`: one single-use personal invite per learner, their QR codes and the sheet.
pub fn roster_invites(config: &Config, path: &Path, args: InviteArgs) -> Result<()> {
    let learners = roster::load(path)?;
    let role = args.role.unwrap_or(Role::Trainee);
    let session = invite_session(config, args.session.as_deref())?;
    let server = invite_server(config, args.server)?;
    let identity = Identity::load(&config.data_dir)?;
    let now = token::unix_now();
    let invites: Vec<roster::PersonalInvite> = learners
        .into_iter()
        .map(|learner| {
            let mut claims = token::claims(
                &identity.token_key,
                &session,
                role,
                Some(learner.display_name.clone()),
                now,
                args.ttl.as_secs(),
            );
            claims.single_use = true;
            claims.learner = Some(learner.claim());
            let link = crossdock_server::invite_for(&identity, &server, &claims).to_string();
            roster::PersonalInvite { learner, link }
        })
        .collect();
    // `2026-11-27T20:44:40Z` as people read it: `2026-11-27 20:44 UTC`.
    let until =
        humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + Duration::from_secs(now + args.ttl.as_secs()));
    let expires = format!("{} UTC", until.to_string()[..16].replacen('T', " ", 1));
    let dir = config.data_dir.join("invites").join(&session);
    let sheet = roster::write(&dir, &session, &expires, &invites)?;
    println!("wrote {} personal {role} invite(s) for session {session} to {}", invites.len(), dir.display());
    println!("each learner: ID.txt (the link), ID.png and ID.svg (its QR code); valid once, until {expires}");
    println!("printable sheet: {}", sheet.display());
    if invites.iter().any(|i| i.learner.interprets.is_some()) {
        println!(
            "note: the roster names interpreters; the server routes them so when the roster is set from the console \
             (New drill, with this roster), or name them from the panel or the console (Interpreter)"
        );
    }
    Ok(())
}

/// `forget --learner`.
pub fn forget(config: &Config, learner: &str) -> Result<()> {
    if let Some(holder) = crossdock_server::lock::holder(&config.data_dir)? {
        anyhow::bail!(
            "a Crossdock server ({holder}) is using {}: stop it first, so it forgets the learner too",
            config.data_dir.display()
        );
    }
    let done = crossdock_server::records::retention::forget(&config.data_dir, learner)?;
    println!(
        "learner {learner} is now {} in {} drill(s): {}",
        done.pseudonym,
        done.drills.len(),
        done.drills.join(", ")
    );
    println!(
        "rewrote {} record(s), deleted {} voice frame(s), {} queued xAPI statement(s) and {} invite file(s)",
        done.rewritten, done.voice_deleted, done.statements_dropped, done.invites_deleted
    );
    if done.statements_delivered > 0 {
        println!(
            "{} statement(s) had already reached the learning record store: ask its operator to erase the actor {learner}",
            done.statements_delivered
        );
    }
    Ok(())
}

/// `scenarios`: the library, shipped and imported, a line each.
pub fn scenarios(config: &Config) -> Result<()> {
    for entry in Library::open(&config.data_dir).entries() {
        let name = &entry.name;
        let summary = match Library::open(&config.data_dir).load(name) {
            Ok(s) => s.summary,
            Err(e) => format!("(does not load: {e})"),
        };
        let default = if name == crossdock_server::scenario::DEFAULT { " (default)" } else { "" };
        let from = entry
            .origin
            .map(|o| format!(" [pack {} {} by {} ({})]", o.pack, o.version, o.publisher, o.administration))
            .unwrap_or_default();
        println!("{name:<22} {summary}{default}{from}");
    }
    Ok(())
}

/// `pack create`.
pub fn pack_create(
    config: &Config,
    scenarios: &[std::path::PathBuf],
    about: pack::About,
    out: Option<std::path::PathBuf>,
) -> Result<()> {
    let identity = Identity::load_or_create(&config.data_dir)?;
    let out = out.unwrap_or_else(|| format!("{}-{}.cdpack", about.name, about.version).into());
    let paths: Vec<&Path> = scenarios.iter().map(std::path::PathBuf::as_path).collect();
    let made = Pack::create(&paths, about, &identity.token_key)?;
    let bytes = made.to_bytes();
    std::fs::write(&out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "wrote {} ({} KiB): {} scenario(s), signed with key {}",
        out.display(),
        bytes.len().div_ceil(1024),
        made.manifest.scenarios.len(),
        made.manifest.key
    );
    println!(
        "centres that import it must trust that key: crossdock-server pack trust --name \"{}\" --key {}",
        made.manifest.publisher, made.manifest.key
    );
    Ok(())
}

fn read_pack(file: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(file).with_context(|| format!("cannot read {}", file.display()))?.len();
    anyhow::ensure!(
        size <= pack::MAX_PACK,
        "{} is {} MiB; a pack is at most {} MiB",
        file.display(),
        size >> 20,
        pack::MAX_PACK >> 20
    );
    std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))
}

/// `pack inspect` and `pack verify` (which fails unless the publisher is trusted).
pub fn pack_inspect(config: &Config, file: &Path, verify: bool) -> Result<()> {
    let opened = Pack::open(&read_pack(file)?)?;
    let m = &opened.manifest;
    println!("{} {}: {}", m.name, m.version, m.summary);
    println!("published by {} ({}), key {}", m.publisher, m.administration, m.key);
    if !m.authors.is_empty() {
        println!("authors: {}", m.authors.join(", "));
    }
    println!("licence: {}; languages: {}", m.licence, m.languages.join(", "));
    if let Some(level) = &m.level {
        println!("level: {level}");
    }
    println!("pack sha256 {}", opened.sha256);
    for f in &m.files {
        let scenario = if m.scenarios.contains(&f.path) { " (scenario)" } else { "" };
        println!("  {:<40} {:>9} bytes  {}{scenario}", f.path, f.bytes, &f.sha256[..16.min(f.sha256.len())]);
    }
    println!("signature: good; every file is the one signed");
    let identity = Identity::load_or_create(&config.data_dir)?;
    let trust = Trust::load(&config.data_dir, &crossdock_server::certificate::key_hex(&identity.token_key))?;
    match trust.check(&opened) {
        Ok(p) => println!("publisher: trusted here as {}", p.name),
        Err(e) if verify => return Err(e.into()),
        Err(e) => println!("publisher: {e}"),
    }
    Ok(())
}

/// `pack import`.
pub fn pack_import(config: &Config, file: &Path) -> Result<()> {
    let identity = Identity::load_or_create(&config.data_dir)?;
    let trust = Trust::load(&config.data_dir, &crossdock_server::certificate::key_hex(&identity.token_key))?;
    match Library::open(&config.data_dir).import(&read_pack(file)?, &trust)? {
        Imported::Added(names) => println!("imported into the library: {}", names.join(", ")),
        Imported::AlreadyThere(names) => println!("already in the library, unchanged: {}", names.join(", ")),
    }
    Ok(())
}
