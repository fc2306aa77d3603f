//! Replays the fuzz corpus (`fuzz/corpus/<target>/*`) through every decoder on stable Rust,
//! plus seeds made here: valid messages, their truncations and bit flips, and the allocation
//! bomb and its variants. Nothing may panic, and the bombs must fail fast.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossdock_protocol::codec::{encode, encode_frame};
use crossdock_protocol::delta::PoseSender;
use crossdock_protocol::drill::{Command, Tool};
use crossdock_protocol::messages::Hello;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::voice::{RelayedVoice, VoiceFrame};
use crossdock_protocol::{ClientMsg, Intent, NetId, ParticipantId, Tick};
use crossdock_tests::fuzzing::{self, TARGETS};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus")
}

/// Valid inputs of every kind, for seeding the fuzzer and for mutation here.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let hello = ClientMsg::Hello(Hello {
        protocol_version: 1,
        schema_hash: crossdock_protocol::SCHEMA_HASH,
        token: "abc.def".into(),
        display_name: "Somchai".into(),
        administration: "TH".into(),
        locale: "th".into(),
        resume: Some("00ff".into()),
        role: Some(crossdock_protocol::Role::Trainee),
    });
    let intent = ClientMsg::Intent {
        seq: 7,
        intent: Intent::UseTool { tool: Tool::TapeMeasure, aim: QPose::ZERO, target: Some(NetId(3)) },
    };
    let command = ClientMsg::Intent { seq: 8, intent: Intent::Instruct(Command::Rerandomise { seed: 5 }) };
    let mut poses = PoseSender::default();
    let pose = poses.poll_datagram(crossdock_protocol::delta::AvatarPose::ZERO, Some(Tick(3)));
    let snapshot = crossdock_protocol::snapshot::encode_delta(
        &crossdock_protocol::snapshot::Snapshot {
            tick: Tick(9),
            entities: vec![(
                crossdock_protocol::snapshot::EntityKey::Item(NetId(4)),
                crossdock_protocol::snapshot::EntityState::Item(QPose::ZERO),
            )],
        },
        None,
        None,
        Some(2),
    )
    .bytes;
    let mut frames = encode_frame(&hello);
    frames.extend(encode_frame(&intent));
    vec![
        ("client_msg", encode(&hello)),
        ("client_msg", encode(&intent)),
        ("client_msg", encode(&command)),
        ("frames", frames),
        ("pose_datagram", pose),
        ("snapshot_datagram", snapshot),
        ("invite", format!("crossdock://127.0.0.1:4433/?fp={}&token=abc.def", "ab".repeat(32)).into_bytes()),
        ("token", b"eyJ2IjoxfQ.c2lnbmF0dXJl".to_vec()),
        ("scenario", include_bytes!("../../../server/scenarios/clean-20ft.toml").to_vec()),
        ("voice_datagram", VoiceFrame { seq: 9, all_call: true, payload: vec![0x78, 1, 2, 3] }.encode()),
        (
            "voice_datagram",
            RelayedVoice {
                speaker: ParticipantId(2),
                frame: VoiceFrame { seq: 9, all_call: false, payload: vec![0x78; 60] },
                interpretation: true,
            }
            .encode(),
        ),
    ]
}

/// Length prefixes that claim far more than is there, in every integer width.
fn bombs() -> Vec<Vec<u8>> {
    vec![
        vec![0xfd, 0, 0, 0, 0, 0, 1, 0, 0],
        vec![0xfc, 0xff, 0xff, 0xff, 0x7f],
        vec![0xfb, 0xff, 0xff],
        vec![0x00, 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        vec![0x01, 0x07, 0xfd, 0, 0, 0, 0, 0, 1, 0, 0],
        vec![0xff, 0xff, 0xff, 0xff],
    ]
}

#[test]
fn the_fuzz_corpus_and_mutated_seeds_never_panic_any_decoder() {
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    if let Ok(targets) = std::fs::read_dir(corpus_dir()) {
        for target in targets.flatten() {
            let name = target.file_name().to_string_lossy().into_owned();
            for file in std::fs::read_dir(target.path()).into_iter().flatten().flatten() {
                inputs.push((name.clone(), std::fs::read(file.path()).unwrap()));
            }
        }
    }
    assert!(inputs.len() >= 9, "the committed corpus is there: {} files", inputs.len());
    for (target, seed) in seeds() {
        for cut in 0..seed.len().min(64) {
            inputs.push((target.into(), seed[..cut].to_vec()));
        }
        for bit in 0..(seed.len() * 8).min(512) {
            let mut flipped = seed.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            inputs.push((target.into(), flipped));
        }
    }
    for (target, input) in &inputs {
        let run = TARGETS.iter().find(|(n, _)| n == target).map(|(_, f)| *f).unwrap_or(fuzzing::client_msg);
        run(input);
    }
}

#[test]
fn allocation_bombs_fail_fast_in_every_decoder() {
    for bomb in bombs() {
        let started = Instant::now();
        for (_, run) in TARGETS {
            run(&bomb);
        }
        assert!(started.elapsed() < Duration::from_secs(1), "{bomb:?} took {:?}", started.elapsed());
    }
}

/// Writes the seeds as the fuzzer's starting corpus: `cargo test -p crossdock-tests -- --ignored write_fuzz_seed_corpus`.
#[test]
#[ignore = "writes files; run by hand when the wire format changes"]
fn write_fuzz_seed_corpus() {
    for (i, (target, seed)) in seeds().into_iter().enumerate() {
        let dir = corpus_dir().join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("seed-{i}")), seed).unwrap();
    }
    for (i, bomb) in bombs().into_iter().enumerate() {
        let dir = corpus_dir().join("client_msg");
        std::fs::write(dir.join(format!("bomb-{i}")), bomb).unwrap();
    }
}
