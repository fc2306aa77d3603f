//! Voice frames on the datagram lane: Opus packets the server relays without decoding.
//!
//! A client sends one datagram per 20 ms frame while it talks ([`TAG_VOICE`]); the server checks
//! the speaker may be heard (not muted, an observer only when allowed, all-call only from an
//! instructor) and forwards the same payload to everyone else in the session, prefixed with the
//! speaker's id ([`TAG_VOICE_RELAY`]). An interpreter's frames go only to the listeners on
//! their language's channel, marked as interpretation. Byte-aligned, little-endian; see
//! `PROTOCOL.md` §13.

use crate::DecodeError;
use crate::ids::ParticipantId;

/// Datagram tag: a voice frame from a client.
pub const TAG_VOICE: u8 = 0x04;
/// Datagram tag: a voice frame relayed by the server, with its speaker.
pub const TAG_VOICE_RELAY: u8 = 0x05;

/// Samples per second of every voice stream (Opus's full band).
pub const SAMPLE_RATE: u32 = 48_000;
/// Length of one frame in milliseconds.
pub const FRAME_MS: u32 = 20;
/// Samples (mono) in one frame.
pub const FRAME_SAMPLES: usize = (SAMPLE_RATE * FRAME_MS / 1000) as usize;
/// Largest Opus packet accepted: 20 ms at 160 kbit/s, far above the 24–32 kbit/s clients use.
pub const MAX_PAYLOAD: usize = 400;

/// Flag bit: an instructor's all-call, heard by everyone at full level regardless of distance.
const ALL_CALL: u8 = 0b0000_0001;
/// Flag bit, relayed frames only: an interpreter's voice on the listener's channel, heard at
/// full level from no particular place.
const INTERPRETATION: u8 = 0b0000_0010;

/// The longest language tag naming an interpretation channel (`ko`, `zh-Hans`, `pt-BR`).
pub const MAX_CHANNEL: usize = 16;

/// Whether `tag` may name a channel: a BCP 47-shaped tag of ASCII letters, digits and hyphens,
/// starting with a letter, at most [`MAX_CHANNEL`] bytes.
pub fn valid_channel(tag: &str) -> bool {
    tag.len() <= MAX_CHANNEL
        && tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// One frame of a speaker's voice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceFrame {
    /// Counts frames of this speaker's stream, wrapping; a gap is a lost frame.
    pub seq: u16,
    /// An instructor's all-call.
    pub all_call: bool,
    /// One Opus packet (20 ms, mono, 48 kHz), 1 to [`MAX_PAYLOAD`] bytes.
    pub payload: Vec<u8>,
}

/// A relayed frame: who spoke, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayedVoice {
    /// The speaker.
    pub speaker: ParticipantId,
    /// The frame as the speaker sent it (all-call cleared unless the speaker is an instructor).
    pub frame: VoiceFrame,
    /// An interpreter's voice on the channel this listener chose (not the floor).
    pub interpretation: bool,
}

impl VoiceFrame {
    /// The client's datagram: tag, seq (u16), flags (u8), payload.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.payload.len());
        out.push(TAG_VOICE);
        self.write(&mut out, 0);
        out
    }

    /// Decodes a client's voice datagram.
    pub fn decode(datagram: &[u8]) -> Result<VoiceFrame, DecodeError> {
        match datagram.split_first() {
            Some((&TAG_VOICE, rest)) => Ok(VoiceFrame::read(rest, ALL_CALL)?.0),
            _ => Err(DecodeError::Datagram("not a voice datagram")),
        }
    }

    fn write(&self, out: &mut Vec<u8>, extra: u8) {
        out.extend_from_slice(&self.seq.to_le_bytes());
        out.push(if self.all_call { ALL_CALL } else { 0 } | extra);
        out.extend_from_slice(&self.payload);
    }

    /// The frame and its flags byte; any flag outside `known` is refused.
    fn read(bytes: &[u8], known: u8) -> Result<(VoiceFrame, u8), DecodeError> {
        let [s0, s1, flags, payload @ ..] = bytes else {
            return Err(DecodeError::Datagram("voice frame shorter than its header"));
        };
        if flags & !known != 0 {
            return Err(DecodeError::Datagram("voice frame with unknown flags"));
        }
        if payload.is_empty() || payload.len() > MAX_PAYLOAD {
            return Err(DecodeError::Datagram("voice payload empty or over 400 bytes"));
        }
        let frame = VoiceFrame {
            seq: u16::from_le_bytes([*s0, *s1]),
            all_call: flags & ALL_CALL != 0,
            payload: payload.to_vec(),
        };
        Ok((frame, *flags))
    }
}

impl RelayedVoice {
    /// The server's datagram: tag, speaker (u16), then the frame as in [`VoiceFrame::encode`].
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(6 + self.frame.payload.len());
        out.push(TAG_VOICE_RELAY);
        out.extend_from_slice(&self.speaker.0.to_le_bytes());
        self.frame.write(&mut out, if self.interpretation { INTERPRETATION } else { 0 });
        out
    }

    /// Decodes a relayed voice datagram.
    pub fn decode(datagram: &[u8]) -> Result<RelayedVoice, DecodeError> {
        match datagram {
            [TAG_VOICE_RELAY, p0, p1, rest @ ..] => {
                let (frame, flags) = VoiceFrame::read(rest, ALL_CALL | INTERPRETATION)?;
                let speaker = ParticipantId(u16::from_le_bytes([*p0, *p1]));
                Ok(RelayedVoice { speaker, frame, interpretation: flags & INTERPRETATION != 0 })
            }
            _ => Err(DecodeError::Datagram("not a relayed voice datagram")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn frames_round_trip(seq: u16, all_call: bool, payload in proptest::collection::vec(any::<u8>(), 1..=MAX_PAYLOAD), speaker: u16, interpretation: bool) {
            let frame = VoiceFrame { seq, all_call, payload };
            prop_assert_eq!(VoiceFrame::decode(&frame.encode()), Ok(frame.clone()));
            let relayed = RelayedVoice { speaker: ParticipantId(speaker), frame, interpretation };
            prop_assert_eq!(RelayedVoice::decode(&relayed.encode()), Ok(relayed));
        }

        #[test]
        fn random_bytes_never_panic_the_voice_decoders(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = VoiceFrame::decode(&bytes);
            let _ = RelayedVoice::decode(&bytes);
        }
    }

    #[test]
    fn the_layout_is_the_documented_one() {
        let frame = VoiceFrame { seq: 0x0102, all_call: true, payload: vec![0xaa, 0xbb] };
        assert_eq!(frame.encode(), [TAG_VOICE, 0x02, 0x01, 0x01, 0xaa, 0xbb]);
        let relayed = RelayedVoice { speaker: ParticipantId(7), frame, interpretation: false };
        assert_eq!(relayed.encode(), [TAG_VOICE_RELAY, 7, 0, 0x02, 0x01, 0x01, 0xaa, 0xbb]);
        let interpreted = RelayedVoice { interpretation: true, ..relayed };
        assert_eq!(interpreted.encode(), [TAG_VOICE_RELAY, 7, 0, 0x02, 0x01, 0x03, 0xaa, 0xbb]);
    }

    #[test]
    fn channels_are_short_language_tags() {
        for good in ["ko", "zh-Hans", "pt-BR", "fil"] {
            assert!(valid_channel(good), "{good}");
        }
        for bad in ["", "-ko", "ko kr", "한국어", "a-very-long-language-tag", "ko\n"] {
            assert!(!valid_channel(bad), "{bad:?}");
        }
    }

    #[test]
    fn malformed_frames_are_refused() {
        assert!(VoiceFrame::decode(&[TAG_VOICE, 1, 0]).is_err(), "no flags byte");
        assert!(VoiceFrame::decode(&[TAG_VOICE, 1, 0, 0]).is_err(), "empty payload");
        assert!(VoiceFrame::decode(&[TAG_VOICE, 1, 0, 0x80, 9]).is_err(), "unknown flag");
        assert!(VoiceFrame::decode(&[TAG_VOICE, 1, 0, 0x02, 9]).is_err(), "interpretation is the server's to set");
        let mut big = vec![TAG_VOICE, 1, 0, 0];
        big.resize(4 + MAX_PAYLOAD + 1, 7);
        assert!(VoiceFrame::decode(&big).is_err(), "payload over the limit");
        assert!(RelayedVoice::decode(&[TAG_VOICE, 1, 0, 0, 9]).is_err(), "wrong tag");
    }
}
