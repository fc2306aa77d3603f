//! A stand-in for the speech worker (`deploy/captions/worker.py`) that speaks its local
//! protocol without a model, for the end-to-end tests: it counts each stream's frames and
//! "hears" them as text, a partial every 10 frames and a final one every 25 (`heard 25 frames
//! in ko`), so what reaches whom can be checked without speech recognition.

use std::collections::HashMap;
use std::io::{BufRead, Write};

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    writeln!(out, r#"{{"ready": true}}"#).unwrap();
    out.flush().unwrap();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else {
            writeln!(out, r#"{{"error": "not JSON"}}"#).unwrap();
            continue;
        };
        let (Some(stream), Some(language)) = (msg["stream"].as_str(), msg["language"].as_str()) else { continue };
        let (frames, segment) = counts.entry(stream.to_owned()).or_insert((0, 1));
        *frames += 1;
        let answer = |last: bool, frames: u32, segment: u32| {
            serde_json::json!({
                "stream": stream, "segment": segment, "text": format!("heard {frames} frames in {language}"), "final": last,
            })
        };
        if *frames == 25 {
            writeln!(out, "{}", answer(true, *frames, *segment)).unwrap();
            (*frames, *segment) = (0, *segment + 1);
        } else if *frames % 10 == 0 {
            writeln!(out, "{}", answer(false, *frames, *segment)).unwrap();
        }
        out.flush().unwrap();
    }
}
