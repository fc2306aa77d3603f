//! A fake learning record store on 127.0.0.1 for the xAPI tests: it speaks only the versions it
//! is given (its `GET /about` lists them), refuses statements in any other version with 400 as
//! real 1.0.3 stores do, and remembers every statement it took with the header it came with.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// A statement the fake LRS accepted.
#[derive(Debug, Clone)]
pub struct Received {
    /// The `statementId` it was put under.
    pub id: String,
    /// The `X-Experience-API-Version` header it came with.
    pub header: String,
    /// The `Authorization` header, if any.
    pub authorization: Option<String>,
    /// The statement.
    pub statement: serde_json::Value,
}

#[derive(Debug, Default)]
struct State {
    versions: Vec<String>,
    fail_first: usize,
    refuse: Vec<String>,
    requests: usize,
    attempts: Vec<String>,
    received: Vec<Received>,
}

/// The fake LRS; it serves until the test process ends.
#[derive(Debug, Clone)]
pub struct FakeLrs {
    /// Its xAPI endpoint, `http://127.0.0.1:PORT/xapi`.
    pub endpoint: String,
    state: Arc<(Mutex<State>, Condvar)>,
}

impl FakeLrs {
    /// An LRS that speaks `versions` (e.g. `["1.0.3"]`).
    pub fn start(versions: &[&str]) -> FakeLrs {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let endpoint = format!("http://{}/xapi", listener.local_addr().expect("bound"));
        let state = Arc::new((
            Mutex::new(State { versions: versions.iter().map(|v| (*v).to_owned()).collect(), ..State::default() }),
            Condvar::new(),
        ));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let _ = serve(stream, &shared);
            }
        });
        FakeLrs { endpoint, state }
    }

    /// Answers the next `n` statement requests with 503.
    pub fn fail_first(&self, n: usize) {
        self.state.0.lock().expect("lock").fail_first = n;
    }

    /// Answers 400 to the statement with this id, every time.
    pub fn refuse(&self, id: &str) {
        self.state.0.lock().expect("lock").refuse.push(id.to_owned());
    }

    /// Every statement accepted, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        self.state.0.lock().expect("lock").received.clone()
    }

    /// How many times a statement id was put, accepted or not.
    pub fn attempts(&self, id: &str) -> usize {
        self.state.0.lock().expect("lock").attempts.iter().filter(|a| *a == id).count()
    }

    /// Waits until at least `count` statements were accepted; false if `timeout` passes first.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let (lock, ready) = &*self.state;
        let mut state = lock.lock().expect("lock");
        while state.received.len() < count {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            state = ready.wait_timeout(state, left).expect("lock").0;
        }
        true
    }
}

fn serve(mut stream: TcpStream, shared: &(Mutex<State>, Condvar)) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let (mut length, mut header, mut authorization) = (0usize, String::new(), None);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((&line, ""));
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0).min(1 << 20),
            "x-experience-api-version" => header = value.trim().to_owned(),
            "authorization" => authorization = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (lock, ready) = shared;
    let mut state = lock.lock().expect("lock");
    let (status, answer) = if method == "GET" && path.ends_with("/about") {
        ("200 OK", serde_json::json!({ "version": state.versions }).to_string())
    } else if method == "PUT" && path.contains("/statements?statementId=") {
        let id = path.rsplit('=').next().unwrap_or("").to_owned();
        state.attempts.push(id.clone());
        state.requests += 1;
        let statement: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let declared = statement["version"].as_str().unwrap_or("");
        let version_ok = state.versions.contains(&header)
            && (if header.starts_with("1.0.") { declared.starts_with("1.0.") } else { declared == header });
        if state.requests <= state.fail_first {
            ("503 Service Unavailable", String::new())
        } else if !version_ok {
            (
                "400 Bad Request",
                format!("{{\"error\":\"this LRS takes xAPI {:?}, got {header} / {declared}\"}}", state.versions),
            )
        } else if state.refuse.contains(&id) {
            ("400 Bad Request", "{\"error\":\"statement refused\"}".to_owned())
        } else {
            state.received.push(Received { id, header, authorization, statement });
            ready.notify_all();
            ("204 No Content", String::new())
        }
    } else {
        ("404 Not Found", String::new())
    };
    drop(state);
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        answer.len()
    )
}
