//! Every decoder of hostile bytes, as one function per fuzz target. The cargo-fuzz targets in
//! `fuzz/` call these, and `cargo test` replays the committed corpus through them on stable,
//! so CI exercises what the fuzzer found.

use crossdock_protocol::codec::FrameDecoder;
use crossdock_protocol::delta::{PoseReceiver, decode_ack};
use crossdock_protocol::invite::Invite;
use crossdock_protocol::snapshot::{EntityKey, EntityState, Snapshot, decode_delta, decode_header};
use crossdock_protocol::{ClientMsg, NetId, ServerMsg, Tick, decode};

/// Decodes a control-stream message from a client.
pub fn client_msg(data: &[u8]) {
    let _ = decode::<ClientMsg>(data);
}

/// Decodes a control-stream message from the server (what a client reads).
pub fn server_msg(data: &[u8]) {
    if let Ok(ServerMsg::Snapshot(bytes)) = decode::<ServerMsg>(data) {
        snapshot_datagram(&bytes);
    }
}

/// Splits a stream into frames in uneven reads and decodes each.
pub fn frames(data: &[u8]) {
    let mut frames = FrameDecoder::default();
    for chunk in data.chunks(7) {
        frames.handle_bytes(chunk);
        loop {
            match frames.poll_frame() {
                Ok(Some(body)) => client_msg(&body),
                Ok(None) => break,
                Err(_) => return,
            }
        }
    }
}

/// Decodes pose and ack datagrams, twice so the second may use the first as a baseline.
pub fn pose_datagram(data: &[u8]) {
    let mut rx = PoseReceiver::default();
    let _ = rx.handle_datagram(data);
    let _ = rx.handle_datagram(data);
    let _ = decode_ack(data);
}

/// Decodes snapshot datagrams with and without a baseline.
pub fn snapshot_datagram(data: &[u8]) {
    let _ = decode_header(data);
    let _ = decode_delta(data, None);
    let base = Snapshot {
        tick: Tick(1),
        entities: vec![(EntityKey::Item(NetId(4)), EntityState::Item(crossdock_protocol::quant::QPose::ZERO))],
    };
    let _ = decode_delta(data, Some(&base));
}

/// Decodes voice datagrams both ways, and hands what decodes to the jitter buffer.
pub fn voice_datagram(data: &[u8]) {
    use crossdock_protocol::voice::{RelayedVoice, VoiceFrame};
    let _ = VoiceFrame::decode(data);
    if let Ok(relayed) = RelayedVoice::decode(data) {
        let mut buffer = crossdock_voice::jitter::JitterBuffer::default();
        let now = std::time::Instant::now();
        buffer.push(relayed.frame.seq, relayed.frame.payload, relayed.frame.all_call, now);
        let _ = buffer.pop(now + std::time::Duration::from_millis(200));
    }
}

/// Parses an invite link.
pub fn invite(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = text.parse::<Invite>();
    }
}

/// Verifies a join token against a key that did not sign it.
pub fn token(data: &[u8]) {
    use std::sync::OnceLock;
    static KEY: OnceLock<ring::signature::Ed25519KeyPair> = OnceLock::new();
    let key = KEY.get_or_init(|| {
        let pkcs8 = ring::signature::Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).expect("a key");
        ring::signature::Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("a key")
    });
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crossdock_server::token::verify(key, text, 1_800_000_000);
    }
}

/// Parses a scenario file (the server refuses files over 1 MiB before parsing).
pub fn scenario(data: &[u8]) {
    if data.len() <= 1 << 20
        && let Ok(text) = std::str::from_utf8(data)
    {
        let _ = crossdock_server::scenario::Scenario::parse("fuzz.toml", text, Some(1));
    }
}

/// A decoder under test.
pub type Target = fn(&[u8]);

/// Every target, by the name of its corpus folder.
pub const TARGETS: [(&str, Target); 9] = [
    ("client_msg", client_msg),
    ("server_msg", server_msg),
    ("frames", frames),
    ("pose_datagram", pose_datagram),
    ("snapshot_datagram", snapshot_datagram),
    ("invite", invite),
    ("token", token),
    ("scenario", scenario),
    ("voice_datagram", voice_datagram),
];
