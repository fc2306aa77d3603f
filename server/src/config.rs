//! The server's configuration: one typed struct. Every option's default and meaning is written
//! once, in `server/crossdock.toml` ([`DEFAULT_TOML`]); [`Config::default`] is that file parsed,
//! and a test keeps the two from drifting apart.
//!
//! Layers, later wins: the defaults, a TOML file (`--config`), `CROSSDOCK_*` environment
//! variables, command-line flags (applied by the binary).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// The session the invites written at start name.
pub const DEFAULT_SESSION: &str = "default";

/// The documented default configuration, printed by `crossdock-server config --print-default`.
pub const DEFAULT_TOML: &str = include_str!("../crossdock.toml");

/// The prefix of the environment variables that override the file.
pub const ENV_PREFIX: &str = "CROSSDOCK_";

/// Everything the server can be told. The meaning and default of each field is documented in
/// [`DEFAULT_TOML`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub listen: SocketAddr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_addr: Option<String>,
    pub data_dir: PathBuf,
    pub scenario: String,
    pub tick_hz: u16,
    pub max_participants_per_session: usize,
    pub max_observers_per_session: usize,
    pub max_connections: usize,
    pub max_sessions: usize,
    pub network_threads: usize,
    #[serde(with = "humantime_serde")]
    pub idle_timeout: Duration,
    #[serde(with = "humantime_serde")]
    pub handshake_timeout: Duration,
    #[serde(with = "humantime_serde")]
    pub reconnect_grace: Duration,
    pub record_voice: bool,
    /// The speech worker's command line, split at spaces: see `deploy/captions/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captions_worker: Option<String>,
    #[serde(default, with = "session_list", skip_serializing_if = "Option::is_none")]
    pub sessions: Option<Vec<String>>,
    pub lms_home_page: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lrs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lrs_auth: Option<String>,
    pub retention_days: u32,
    #[serde(with = "humantime_serde")]
    pub invite_ttl: Duration,
    pub write_invites: bool,
    /// The admin port; `None` is written `"off"`.
    #[serde(rename = "metrics", with = "addr_or_off")]
    pub metrics_listen: Option<SocketAddr>,
    /// `same`, `off` or a TCP address: see [`Config::console_addr`].
    pub console: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub console_cert: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub console_key: Option<PathBuf>,
    /// Where the browser room's bundle is (`headset-client/web/build.sh` writes it).
    pub room_bundle: PathBuf,
    #[serde(with = "humantime_serde")]
    pub join_code_ttl: Duration,
    pub agones: bool,
    #[serde(with = "humantime_serde")]
    pub agones_shutdown_when_empty: Duration,
}

impl Default for Config {
    fn default() -> Self {
        toml::from_str(DEFAULT_TOML).expect("server/crossdock.toml is a valid configuration (tested)")
    }
}

impl Config {
    /// The defaults, overlaid with `file` (if any), overlaid with `CROSSDOCK_*` variables.
    /// Errors name the file or variable and the option at fault.
    pub fn load(file: Option<&Path>) -> Result<Config> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            anyhow::ensure!(
                file.is_file(),
                "no configuration file at {}: write one with `crossdock-server config --print-default > {}`",
                file.display(),
                file.display()
            );
            figment = figment.merge(Toml::file_exact(file));
        }
        // Only option names: other `CROSSDOCK_*` variables belong to other commands
        // (`CROSSDOCK_LRS`) or name the file (`CROSSDOCK_CONFIG`).
        let names = Config::option_names();
        figment = figment.merge(
            Env::prefixed(ENV_PREFIX).filter(move |key| names.iter().any(|n| n.eq_ignore_ascii_case(key.as_str()))),
        );
        let config: Config = figment.extract().map_err(|e| {
            anyhow::anyhow!("{e}: see `crossdock-server config --print-default` for every option and its format")
        })?;
        config.check()?;
        Ok(config)
    }

    /// The names of every option, as the file and the environment spell them.
    pub fn option_names() -> Vec<String> {
        let all = Config {
            public_addr: Some(String::new()),
            sessions: Some(Vec::new()),
            lrs: Some(String::new()),
            lrs_auth: Some(String::new()),
            captions_worker: Some(String::new()),
            console_cert: Some(PathBuf::new()),
            console_key: Some(PathBuf::new()),
            ..Config::default()
        };
        match toml::Value::try_from(all) {
            Ok(toml::Value::Table(table)) => table.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Checks the values no type can: ranges and combinations.
    pub fn check(&self) -> Result<()> {
        anyhow::ensure!((1..=240).contains(&self.tick_hz), "tick_hz {} is outside 1 to 240", self.tick_hz);
        anyhow::ensure!(self.max_sessions > 0, "max_sessions is 0: the server could host nothing");
        anyhow::ensure!(self.max_connections > 0, "max_connections is 0: nobody could join");
        anyhow::ensure!(
            self.idle_timeout >= Duration::from_secs(1),
            "idle_timeout {:?} is under a second: clients would be dropped between keep-alives",
            self.idle_timeout
        );
        self.console_addr(self.listen).map_err(|e| anyhow::anyhow!("console: {e}"))?;
        anyhow::ensure!(
            self.console_cert.is_some() == self.console_key.is_some(),
            "console_cert and console_key go together: set both (the centre's certificate chain and its key), or neither"
        );
        anyhow::ensure!(
            self.join_code_ttl >= Duration::from_secs(60) && self.join_code_ttl <= Duration::from_secs(86_400),
            "join_code_ttl {:?} is outside a minute to a day",
            self.join_code_ttl
        );
        if let Some(sessions) = &self.sessions {
            anyhow::ensure!(!sessions.is_empty(), "sessions is an empty list: the server would refuse every invite");
            for s in sessions {
                check_session_name(s).map_err(|e| anyhow::anyhow!("sessions: {e}"))?;
            }
        }
        if let Some(addr) = &self.public_addr {
            check_server_addr(addr).map_err(|e| anyhow::anyhow!("public_addr: {e}"))?;
        }
        anyhow::ensure!(
            self.lms_home_page.starts_with("https://") || self.lms_home_page.starts_with("http://"),
            "lms_home_page `{}` is not a web address: write it like https://lms.example.org",
            self.lms_home_page
        );
        if let Some(lrs) = &self.lrs {
            anyhow::ensure!(
                lrs.starts_with("https://") || lrs.starts_with("http://"),
                "lrs `{lrs}` is not a web address: write the LRS's xAPI endpoint like https://lrs.example.org/xapi"
            );
        }
        if self.agones && !cfg!(feature = "agones") {
            anyhow::bail!(
                "agones = true, but this build has no Agones support: build with `cargo build --release --features agones`"
            );
        }
        Ok(())
    }

    /// The whole configuration as TOML, for logs and `config --print`.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).context("the configuration cannot be written as TOML")
    }

    /// How many threads the network's runtime runs: `network_threads`, or for 0 one for
    /// every four of `cores`, at least one.
    pub fn network_threads(&self, cores: usize) -> usize {
        if self.network_threads > 0 { self.network_threads } else { (cores / 4).max(1) }
    }

    /// The sessions the server opens at start and writes invites for: `sessions`, or `default`.
    pub fn hosted_sessions(&self) -> Vec<String> {
        self.sessions.clone().unwrap_or_else(|| vec![DEFAULT_SESSION.to_owned()])
    }

    /// Where the console page is served, given the QUIC endpoint's address: `None` when `off`.
    pub fn console_addr(&self, quic: SocketAddr) -> Result<Option<SocketAddr>, String> {
        match self.console.as_str() {
            "off" => Ok(None),
            "same" => Ok(Some(quic)),
            other => other
                .parse()
                .map(Some)
                .map_err(|_| format!("`{other}` is not \"same\", \"off\" or an address such as 0.0.0.0:8443")),
        }
    }

    /// The `host:port` invites name, given the address actually bound.
    pub fn invite_addr(&self, bound: SocketAddr) -> String {
        if let Some(addr) = &self.public_addr {
            return addr.clone();
        }
        let ip = if bound.ip().is_unspecified() {
            if bound.is_ipv6() { "[::1]".to_owned() } else { "127.0.0.1".to_owned() }
        } else if bound.is_ipv6() {
            format!("[{}]", bound.ip())
        } else {
            bound.ip().to_string()
        };
        format!("{ip}:{}", bound.port())
    }
}

/// Checks a session name: 1 to 64 letters, digits, `-`, `_` or `.` (it appears in file names,
/// drill ids such as `drill-7/3` and xAPI ids).
pub fn check_session_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a session needs a name, e.g. `drill-7`".to_owned());
    }
    if name.len() > 64 || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err(format!(
            "`{name}` is not a session name: use up to 64 letters, digits, `-`, `_` or `.`, e.g. `drill-7`"
        ));
    }
    Ok(())
}

/// Checks an address clients will connect to: `host:port`, with a host name or IP address
/// (IPv6 in brackets) and a port from 1 to 65535.
pub fn check_server_addr(addr: &str) -> Result<(), String> {
    let bad = || {
        format!(
            "`{addr}` is not an address clients can connect to: write host:port, e.g. 203.0.113.5:4433 or drill.example.org:4433"
        )
    };
    let (host, port) = addr.rsplit_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    if port == 0 || host.is_empty() {
        return Err(bad());
    }
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        v6.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        host.parse::<std::net::Ipv4Addr>().is_ok()
            || host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !label.starts_with('-')
            })
    };
    if !host_ok {
        return Err(bad());
    }
    Ok(())
}

/// `"127.0.0.1:9464"` or `"off"`.
mod addr_or_off {
    use std::net::SocketAddr;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(addr: &Option<SocketAddr>, s: S) -> Result<S::Ok, S::Error> {
        match addr {
            Some(addr) => s.collect_str(addr),
            None => s.serialize_str("off"),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SocketAddr>, D::Error> {
        let text = String::deserialize(d)?;
        if text == "off" {
            return Ok(None);
        }
        text.parse().map(Some).map_err(|_| {
            serde::de::Error::custom(format!("`{text}` is neither an address like 127.0.0.1:9464 nor \"off\""))
        })
    }
}

/// A list of session names, or one comma-separated string (how an environment variable says it).
mod session_list {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<String>),
        Text(String),
    }

    pub fn serialize<S: Serializer>(list: &Option<Vec<String>>, s: S) -> Result<S::Ok, S::Error> {
        list.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
        Ok(Some(match Either::deserialize(d)? {
            Either::List(list) => list,
            Either::Text(text) => text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_file_is_the_default_and_documents_every_option() {
        let config = Config::default();
        assert_eq!(config.listen, SocketAddr::from(([0, 0, 0, 0], 4433)));
        assert_eq!(config.idle_timeout, Duration::from_secs(10));
        assert_eq!(config.metrics_listen, Some(SocketAddr::from(([127, 0, 0, 1], 9464))));
        assert!(!config.agones);
        // Every option appears in the file, set or commented out, with a comment above it.
        let names = Config::option_names();
        assert!(names.len() >= 18 && names.contains(&"sessions".to_owned()), "{names:?}");
        for key in &names {
            let line = DEFAULT_TOML
                .lines()
                .position(|l| l.starts_with(&format!("{key} =")) || l.starts_with(&format!("# {key} =")))
                .unwrap_or_else(|| panic!("option `{key}` is not documented in crossdock.toml"));
            let above = DEFAULT_TOML.lines().nth(line - 1).unwrap();
            assert!(above.starts_with('#'), "option `{key}` has no comment above it");
        }
        // And what it prints parses back to the same configuration.
        let mut all = config.clone();
        all.public_addr = Some("drill.example.org:4433".into());
        all.sessions = Some(vec!["a".into()]);
        all.metrics_listen = None;
        assert_eq!(toml::from_str::<Config>(&all.to_toml().unwrap()).unwrap(), all);
    }

    #[test]
    fn network_threads_default_to_a_quarter_of_the_cores_and_at_least_one() {
        let mut config = Config::default();
        assert_eq!([1, 2, 16, 64].map(|cores| config.network_threads(cores)), [1, 1, 4, 16]);
        config.network_threads = 3;
        assert_eq!(config.network_threads(64), 3);
    }

    #[test]
    fn session_names_and_server_addresses_are_checked_with_the_reason() {
        assert!(check_session_name("drill-7").is_ok());
        assert!(check_session_name("").unwrap_err().contains("needs a name"));
        assert!(check_session_name("a/b").unwrap_err().contains("not a session name"));
        for good in ["127.0.0.1:4433", "drill.example.org:4433", "[::1]:4433", "crossdock:443"] {
            assert!(check_server_addr(good).is_ok(), "{good}");
        }
        for bad in ["not a host", "host", "host:0", ":4433", "1.2.3.4:99999", "[zz]:1", "a..b:1"] {
            assert!(check_server_addr(bad).unwrap_err().contains("host:port"), "{bad}");
        }
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail hands back its own error type
    fn file_then_environment_override_the_defaults_and_mistakes_are_named() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("site.toml", "tick_hz = 90\nmetrics = \"off\"\nsessions = [\"drill-7\"]\n")?;
            jail.set_env("CROSSDOCK_TICK_HZ", "72");
            jail.set_env("CROSSDOCK_LRS", "https://lrs.example/xapi");
            jail.set_env("CROSSDOCK_CONFIG", "site.toml"); // names the file, not an option
            let config = Config::load(Some(Path::new("site.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(config.tick_hz, 72, "the environment wins over the file");
            assert_eq!(config.metrics_listen, None);
            assert_eq!(config.sessions, Some(vec!["drill-7".to_owned()]));
            assert_eq!(config.listen, Config::default().listen);
            assert_eq!(config.lrs.as_deref(), Some("https://lrs.example/xapi"));

            jail.set_env("CROSSDOCK_SESSIONS", "a, b");
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.sessions, Some(vec!["a".to_owned(), "b".to_owned()]));

            jail.create_file("typo.toml", "tick_hzz = 90\n")?;
            let err = Config::load(Some(Path::new("typo.toml"))).unwrap_err().to_string();
            assert!(err.contains("tick_hzz") && err.contains("typo.toml"), "{err}");

            jail.create_file("bad.toml", "idle_timeout = \"soon\"\n")?;
            let err = Config::load(Some(Path::new("bad.toml"))).unwrap_err().to_string();
            assert!(err.contains("idle_timeout"), "{err}");

            jail.set_env("CROSSDOCK_TICK_HZ", "0");
            let err = Config::load(None).unwrap_err().to_string();
            assert!(err.contains("tick_hz"), "{err}");

            let err = Config::load(Some(Path::new("missing.toml"))).unwrap_err().to_string();
            assert!(err.contains("print-default"), "{err}");
            Ok(())
        });
    }
}
