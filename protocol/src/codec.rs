//! One size-limited bincode configuration for every decode, and length-prefixed stream framing.
//!
//! bincode 2.0.1 without a limit aborts the process on a length prefix that claims 2^40 bytes
//! (an allocation failure, not a panic). Every decode of network or disk bytes therefore goes
//! through [`decode`], whose configuration caps what a message may allocate, and every stream
//! frame's length is checked against [`MAX_FRAME`] before a byte of it is buffered.

use bincode::config::{Configuration, Limit, LittleEndian, Varint};
use bincode::{Decode, Encode};

/// The largest reliable-lane frame payload, in bytes. Larger frames close the connection.
pub const MAX_FRAME: usize = 256 * 1024;

/// Length prefix of a frame: a little-endian `u32`.
pub const FRAME_HEADER: usize = 4;

/// The one bincode configuration: little-endian, variable-length integers, [`MAX_FRAME`] limit.
pub type WireConfig = Configuration<LittleEndian, Varint, Limit<MAX_FRAME>>;

/// The configuration value for [`WireConfig`].
pub const CONFIG: WireConfig = bincode::config::standard().with_limit::<MAX_FRAME>();

/// Why bytes could not be decoded. Every variant is the peer's fault, never a panic.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// A frame's length prefix claims more than [`MAX_FRAME`] bytes.
    #[error("frame of {0} bytes exceeds the limit of {MAX_FRAME} bytes")]
    FrameTooLarge(usize),
    /// The bytes are not a valid message.
    #[error("malformed message: {0}")]
    Malformed(String),
    /// A message decoded but left bytes over.
    #[error("{0} trailing bytes after the message")]
    Trailing(usize),
    /// A bit-packed datagram ended early or holds an impossible value.
    #[error("malformed datagram: {0}")]
    Datagram(&'static str),
}

/// Decodes exactly one message from `bytes` under the wire limit.
pub fn decode<T: Decode<()>>(bytes: &[u8]) -> Result<T, DecodeError> {
    if bytes.len() > MAX_FRAME {
        return Err(DecodeError::FrameTooLarge(bytes.len()));
    }
    let (value, used) = bincode::decode_from_slice(bytes, CONFIG).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    if used != bytes.len() {
        return Err(DecodeError::Trailing(bytes.len() - used));
    }
    Ok(value)
}

/// Encodes a message body (no frame header).
pub fn encode<T: Encode>(value: &T) -> Vec<u8> {
    // Encoding into a Vec only fails past the limit, which no message we build reaches;
    // should one ever, it is sent truncated to nothing and the peer sees a malformed frame.
    bincode::encode_to_vec(value, CONFIG).unwrap_or_default()
}

/// Encodes a message as one frame: 4-byte little-endian length, then the bincode body.
pub fn encode_frame<T: Encode>(value: &T) -> Vec<u8> {
    let body = encode(value);
    let mut frame = Vec::with_capacity(FRAME_HEADER + body.len());
    frame.extend_from_slice(&(body.len() as u32).to_le_bytes());
    frame.extend_from_slice(&body);
    frame
}

/// Splits a byte stream into frames, refusing oversized ones before buffering them.
#[derive(Debug, Default)]
pub struct FrameDecoder {
    buf: Vec<u8>,
}

impl FrameDecoder {
    /// Appends bytes read from the stream.
    pub fn handle_bytes(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next whole message, decoded; `Ok(None)` until one has arrived. Every reader of the
    /// control stream (server and client) takes messages this way.
    pub fn next_message<T: Decode<()>>(&mut self) -> Result<Option<T>, DecodeError> {
        self.poll_frame()?.map(|body| decode(&body)).transpose()
    }

    /// The next complete frame's body, `Ok(None)` while more bytes are needed.
    pub fn poll_frame(&mut self) -> Result<Option<Vec<u8>>, DecodeError> {
        let Some(header) = self.buf.first_chunk::<FRAME_HEADER>() else {
            return Ok(None);
        };
        let len = u32::from_le_bytes(*header) as usize;
        if len > MAX_FRAME {
            return Err(DecodeError::FrameTooLarge(len));
        }
        if self.buf.len() < FRAME_HEADER + len {
            return Ok(None);
        }
        let body = self.buf[FRAME_HEADER..FRAME_HEADER + len].to_vec();
        self.buf.drain(..FRAME_HEADER + len);
        Ok(Some(body))
    }

    /// Bytes buffered but not yet returned as a frame.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::ClientMsg;

    #[test]
    fn allocation_bomb_is_an_error_not_an_abort() {
        // A `Vec<u8>` whose varint length prefix (0xfd = u64 follows) claims 2^40 bytes.
        let bomb = [0xfd, 0, 0, 0, 0, 0, 1, 0, 0];
        let started = std::time::Instant::now();
        assert!(decode::<Vec<u8>>(&bomb).is_err());
        assert!(decode::<ClientMsg>(&bomb).is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn oversized_frame_header_is_refused_before_buffering_the_body() {
        let mut frames = FrameDecoder::default();
        frames.handle_bytes(&(u32::MAX).to_le_bytes());
        assert_eq!(frames.poll_frame(), Err(DecodeError::FrameTooLarge(u32::MAX as usize)));
    }

    #[test]
    fn frames_split_across_reads_reassemble() {
        let frame = encode_frame(&ClientMsg::Ping { nonce: 7, client_time_us: 9 });
        let mut frames = FrameDecoder::default();
        let (a, b) = frame.split_at(3);
        frames.handle_bytes(a);
        assert_eq!(frames.poll_frame(), Ok(None));
        frames.handle_bytes(b);
        let body = frames.poll_frame().unwrap().unwrap();
        assert_eq!(decode::<ClientMsg>(&body), Ok(ClientMsg::Ping { nonce: 7, client_time_us: 9 }));
        assert_eq!(frames.buffered(), 0);
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut body = encode(&ClientMsg::Ping { nonce: 1, client_time_us: 2 });
        body.push(0);
        assert_eq!(decode::<ClientMsg>(&body), Err(DecodeError::Trailing(1)));
    }
}
