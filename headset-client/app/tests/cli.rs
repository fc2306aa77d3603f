//! The headset binary's refusals a user meets first: no OpenXR runtime, a bad invite.

use std::process::Command;

fn headset(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crossdock-headset"))
        .args(args)
        .envs(env.iter().copied())
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("the binary runs");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A well-formed invite to a server that is not there.
fn nowhere() -> String {
    crossdock_protocol::invite::Invite { server: "127.0.0.1:9".into(), fingerprint: [7; 32], token: "dGVzdA".into() }
        .to_string()
}

#[test]
fn without_a_runtime_the_headset_client_says_what_to_install() {
    // A runtime manifest that does not exist: whether or not this machine has the OpenXR
    // loader, there is no runtime to load.
    let invite = nowhere();
    let (ok, stderr) =
        headset(&["xr", "--invite", &invite], &[("XR_RUNTIME_JSON", "/nonexistent/openxr_runtime.json")]);
    assert!(!ok);
    assert!(stderr.contains("install") && stderr.contains("Monado"), "{stderr}");
}

#[test]
fn a_malformed_invite_is_refused_before_anything_starts() {
    let (ok, stderr) = headset(&["xr", "--invite", "not an invite"], &[]);
    assert!(!ok);
    assert!(stderr.to_lowercase().contains("invite"), "{stderr}");
    let (ok, stderr) = headset(&["xr", "--invite", "@/nonexistent/invite.txt"], &[]);
    assert!(!ok);
    assert!(stderr.contains("cannot read the invite file"), "{stderr}");
}

#[test]
fn voice_that_cannot_start_says_why_before_joining() {
    let invite = nowhere();
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("speech.wav");
    std::fs::write(&bogus, b"not audio").unwrap();
    let (ok, stderr) = headset(&["bot", "--invite", &invite, "--audio-in", bogus.to_str().unwrap()], &[]);
    assert!(!ok);
    if cfg!(feature = "voice") {
        assert!(stderr.contains("cannot read") && stderr.contains("WAV"), "{stderr}");
    } else {
        assert!(stderr.contains("--features voice"), "a build without voice says how to get it: {stderr}");
    }
}
