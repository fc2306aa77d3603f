//! Live captions: the speech worker beside the server.
//!
//! One worker process serves every session (its model is loaded once). The connection tasks
//! hand it each voice frame they relay, as it is (Opus, undecoded here), tagged with its stream
//! (`SESSION/PARTICIPANT`) and the speaker's language; the worker decodes, cuts speech into
//! segments and answers with partial and final texts, which go to the session's tick as
//! [`NetEvent::Caption`]. The tick decides who may read them, as it decides who may hear the
//! voice. The local protocol is one JSON object per line on the worker's stdin and stdout
//! (`PROTOCOL.md` §13, "Live captions"); `deploy/captions/worker.py` speaks it with
//! faster-whisper.
//!
//! Nothing waits on the worker: a frame that cannot be queued is dropped (counted), and a worker
//! that exits or never starts leaves voice as it was, captions off, with the reason in the log.

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use base64::Engine;
use crossdock_protocol::ParticipantId;
use crossdock_protocol::voice::VoiceFrame;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

use crate::net::event::NetEvent;

/// Frames queued for the worker; beyond, they are dropped (a stalled worker must not grow the
/// server's memory).
const QUEUE: usize = 1024;
/// The longest line read from the worker.
const MAX_LINE: usize = 16 * 1024;

/// The running speech worker.
#[derive(Debug)]
pub struct CaptionWorker {
    lines: mpsc::Sender<String>,
    /// Each session's inbox, by name, for the worker's answers.
    sessions: Mutex<HashMap<String, mpsc::Sender<NetEvent>>>,
    /// Cleared when the worker exits.
    running: AtomicBool,
    /// Frames dropped because the worker fell behind.
    pub dropped: std::sync::atomic::AtomicU64,
    /// The worker's process id, for figures (its CPU time).
    pub pid: Option<u32>,
}

/// What the worker says.
#[derive(Debug, serde::Deserialize)]
struct Answer {
    stream: Option<String>,
    segment: Option<u32>,
    text: Option<String>,
    #[serde(rename = "final")]
    last: Option<bool>,
    ready: Option<bool>,
    error: Option<String>,
}

impl CaptionWorker {
    /// Starts `command` (a program and its arguments, split at spaces). Needs a tokio runtime.
    pub fn start(command: &str) -> Result<Arc<CaptionWorker>> {
        let mut parts = command.split_whitespace();
        let program = parts.next().context("captions_worker is empty: name the speech worker's command")?;
        let mut child = tokio::process::Command::new(program)
            .args(parts)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| {
                format!("cannot start the speech worker `{command}`: run deploy/captions/install.sh, or unset captions_worker")
            })?;
        let pid = child.id();
        let (mut stdin, stdout) = (child.stdin.take().expect("piped"), child.stdout.take().expect("piped"));
        let (lines, mut queued) = mpsc::channel::<String>(QUEUE);
        let worker = Arc::new(CaptionWorker {
            lines,
            sessions: Mutex::new(HashMap::new()),
            running: AtomicBool::new(true),
            dropped: Default::default(),
            pid,
        });
        tokio::spawn(async move {
            while let Some(line) = queued.recv().await {
                if stdin.write_all(line.as_bytes()).await.is_err() {
                    break;
                }
            }
        });
        let reader = worker.clone();
        tokio::spawn(async move {
            let mut stdout = BufReader::new(stdout);
            let mut line = Vec::new();
            loop {
                line.clear();
                // A line at most MAX_LINE long: a runaway worker cannot grow the server.
                let read = (&mut stdout).take(MAX_LINE as u64 + 1).read_until(b'\n', &mut line).await;
                match read {
                    Ok(0) | Err(_) => break,
                    Ok(_) if line.len() > MAX_LINE => {
                        tracing::warn!("the speech worker wrote a line over 16 KiB; captions stop");
                        break;
                    }
                    Ok(_) => reader.answer(&line),
                }
            }
            reader.running.store(false, Ordering::Relaxed);
            let status = child.wait().await;
            tracing::error!(?status, "the speech worker exited: captions are off until the server restarts");
        });
        tracing::info!(command, "speech worker started");
        Ok(worker)
    }

    /// Whether the worker still runs.
    pub fn running(&self) -> bool {
        self.running.load(Ordering::Relaxed)
    }

    /// The feed for one session: frames in, its answers to `inbox`.
    pub fn feed(self: &Arc<Self>, session: &str, inbox: mpsc::Sender<NetEvent>) -> CaptionFeed {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner()).insert(session.to_owned(), inbox);
        CaptionFeed { worker: self.clone(), session: session.to_owned() }
    }

    fn answer(&self, line: &[u8]) {
        let answer: Answer = match serde_json::from_slice(line) {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(error = %e, "the speech worker wrote a line that is not an answer");
                return;
            }
        };
        if let Some(error) = answer.error {
            tracing::warn!(%error, "the speech worker");
            return;
        }
        if answer.ready == Some(true) {
            tracing::info!("the speech worker is ready");
            return;
        }
        let (Some(stream), Some(segment), Some(text)) = (answer.stream, answer.segment, answer.text) else { return };
        let Some((session, participant)) = stream.rsplit_once('/') else { return };
        let Ok(participant) = participant.parse::<u16>() else { return };
        let inbox = self.sessions.lock().unwrap_or_else(|e| e.into_inner()).get(session).cloned();
        if let Some(inbox) = inbox {
            let caption = crossdock_protocol::caption::Caption {
                by: ParticipantId(participant),
                segment,
                text: crossdock_protocol::caption::clean(&text),
                last: answer.last.unwrap_or(false),
            };
            let _ = inbox.try_send(NetEvent::Caption(caption));
        }
    }
}

/// One session's way to the worker.
#[derive(Debug, Clone)]
pub struct CaptionFeed {
    worker: Arc<CaptionWorker>,
    session: String,
}

impl CaptionFeed {
    /// Hands the worker a frame `speaker` (speaking `language`) was heard saying.
    pub fn frame(&self, speaker: ParticipantId, language: &str, frame: &VoiceFrame) {
        if !self.worker.running() {
            return;
        }
        let opus = base64::engine::general_purpose::STANDARD.encode(&frame.payload);
        let line = serde_json::json!({
            "t": "frame", "stream": format!("{}/{}", self.session, speaker.0), "seq": frame.seq,
            "language": language, "opus": opus,
        })
        .to_string()
            + "\n";
        if self.worker.lines.try_send(line).is_err() {
            self.worker.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}
