//! Running the real `crossdock-server` binary from tests: start it on a loopback port and wait
//! until it says it is ready, or run one of its commands.

#![allow(dead_code, reason = "each test binary uses its own share of these helpers")]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crossdock_protocol::invite::Invite;

/// A server process and what it printed before it was ready.
pub struct Running {
    /// The process.
    pub child: Child,
    /// The UDP address it bound.
    pub addr: SocketAddr,
    /// Its stdout up to "invites written".
    pub said: Vec<String>,
}

/// Starts the server binary on `listen` with `data_dir` and `extra` flags; waits for it to
/// report ready (20 s at most).
pub fn start(data_dir: &Path, listen: &str, extra: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossdock-server"))
        .args(["--listen", listen, "--metrics", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut bound = None;
    let mut said = Vec::new();
    while Instant::now() < deadline {
        match lines.next() {
            Some(Ok(line)) if line.starts_with("invites written") => {
                // Keep draining, so the server never writes into a closed pipe.
                std::thread::spawn(move || lines.for_each(drop));
                return Running { child, addr: bound.expect("the server printed its address"), said };
            }
            Some(Ok(line)) => {
                if let Some(addr) = line.strip_prefix("crossdock-server listening on udp ") {
                    bound = addr.trim().parse().ok();
                }
                said.push(line);
            }
            _ => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not report ready; it said {said:?}");
}

impl Running {
    /// `kill -9`, and reap it.
    pub fn kill(mut self) {
        self.child.kill().expect("the server is killed");
        self.child.wait().expect("the server is reaped");
    }
}

/// A failing test never leaves a server behind.
impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `crossdock-server ARGS` with `env` to its end.
pub fn command(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crossdock-server"))
        .args(args)
        .env_remove("CROSSDOCK_CONFIG")
        .env_remove("CROSSDOCK_PUBLIC_ADDR")
        .env_remove("CROSSDOCK_DATA_DIR")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("the server binary runs")
}

/// The trainee invite the server wrote at start.
pub fn invite(data_dir: &Path) -> Invite {
    std::fs::read_to_string(data_dir.join("invites/trainee.txt")).unwrap().trim().parse().unwrap()
}
