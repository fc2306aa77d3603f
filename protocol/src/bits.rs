//! Bit-level writing and reading for datagrams, over `bitstream-io`, with the two codes the hot
//! lane uses: zigzag for signed deltas and a 2-bit size class ahead of each value.
//!
//! A *class code* with widths `[a, b, c, d]` writes 2 bits naming the smallest class whose width
//! holds the value, then the value in that many bits, most significant bit first.

use bitstream_io::{BigEndian, BitRead, BitReader};

use crate::codec::DecodeError;

/// Class widths for a millimetre position delta (zigzag), up to ±2^21 mm.
pub const POS_CLASSES: [u32; 4] = [4, 7, 11, 22];
/// Class widths for a smallest-three component delta (zigzag), up to ±511.
pub const ROT_CLASSES: [u32; 4] = [2, 4, 7, 10];
/// Class widths for a time delta in 100 µs units (zigzag of a wrapping `i32`).
pub const TIME_CLASSES: [u32; 4] = [8, 12, 18, 32];
/// Class widths for a count of entries.
pub const COUNT_CLASSES: [u32; 4] = [4, 8, 12, 16];
/// Class widths for the gap between consecutive entity keys.
pub const KEY_CLASSES: [u32; 4] = [4, 8, 12, 18];

/// Maps signed to unsigned so that small magnitudes stay small: 0, -1, 1, -2 → 0, 1, 2, 3.
pub fn zigzag(v: i32) -> u32 {
    ((v << 1) ^ (v >> 31)) as u32
}

/// The inverse of [`zigzag`].
pub fn unzigzag(v: u32) -> i32 {
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

/// Writes a datagram: a tag byte, then bit-packed fields, padded with zero bits to a byte.
///
/// The server writes one of these per client per tick, so it packs bits into a 64-bit
/// accumulator itself (about 1 ns a field) rather than going through `bitstream-io`'s generic
/// writer (about 9 ns a field, measured by the `wire` benchmark). [`BitIn`] reads with
/// `bitstream-io`: reading hostile bytes is where a well-tried library earns its keep.
#[derive(Debug)]
pub struct BitOut {
    buf: Vec<u8>,
    acc: u64,
    pending: u32,
}

impl BitOut {
    /// Starts a datagram with its tag byte.
    pub fn new(tag: u8, capacity: usize) -> BitOut {
        BitOut::reuse(tag, Vec::with_capacity(capacity))
    }

    /// Starts a datagram with its tag byte in `buf` (cleared first), keeping its capacity.
    pub fn reuse(tag: u8, mut buf: Vec<u8>) -> BitOut {
        buf.clear();
        buf.push(tag);
        BitOut { buf, acc: 0, pending: 0 }
    }

    /// Writes the low `bits` bits (0..=32) of `value`, most significant first.
    #[inline]
    pub fn bits(&mut self, bits: u32, value: u32) {
        debug_assert!(bits <= 32);
        let mask = if bits >= 32 { u64::from(u32::MAX) } else { (1u64 << bits) - 1 };
        // Fewer than 32 bits are pending before the write, so at most 63 after it.
        self.acc = (self.acc << bits) | (u64::from(value) & mask);
        self.pending += bits;
        if self.pending >= 32 {
            self.pending -= 32;
            self.buf.extend_from_slice(&((self.acc >> self.pending) as u32).to_be_bytes());
            self.acc &= (1u64 << self.pending) - 1;
        }
    }

    /// Writes one bit.
    #[inline]
    pub fn bit(&mut self, bit: bool) {
        self.bits(1, bit as u32);
    }

    /// Writes `value` with a 2-bit class prefix. `value` must fit `widths[3]` bits.
    #[inline]
    pub fn class(&mut self, widths: [u32; 4], value: u32) {
        let fits = |w: u32| w >= 32 || value < (1 << w);
        let class = if fits(widths[0]) {
            0
        } else if fits(widths[1]) {
            1
        } else if fits(widths[2]) {
            2
        } else {
            3
        };
        debug_assert!(widths[3] >= 32 || value < (1 << widths[3]), "{value} exceeds {widths:?}");
        self.bits(2, class as u32);
        self.bits(widths[class], value);
    }

    /// Bits written after the tag byte so far.
    pub fn position(&self) -> usize {
        (self.buf.len() - 1) * 8 + self.pending as usize
    }

    /// Writes `len` bits of `from` (a [`BitOut::finish`]ed datagram) starting `start` bits
    /// after its tag byte: bits another writer produced, copied 56 at a time.
    pub fn copy_bits(&mut self, from: &[u8], start: usize, len: usize) {
        // The 64 bits from the byte holding `at` cover any 56 bits starting in it (past the
        // end, zeros).
        let window = |at: usize| {
            let byte = at / 8;
            let eight = match from.get(byte..byte + 8) {
                Some(eight) => eight.try_into().expect("eight bytes"),
                None => {
                    let tail = from.get(byte..).unwrap_or_default();
                    let mut eight = [0u8; 8];
                    eight[..tail.len()].copy_from_slice(tail);
                    eight
                }
            };
            u64::from_be_bytes(eight) << (at % 8)
        };
        let mut at = start + 8;
        let end = at + len;
        // Whole bytes out of the accumulator: fewer than 8 bits stay, and 56 more fit beside.
        while self.pending >= 8 {
            self.pending -= 8;
            self.buf.push((self.acc >> self.pending) as u8);
        }
        self.acc &= (1u64 << self.pending) - 1;
        while end - at >= 56 {
            let joined = (self.acc << 56) | (window(at) >> 8);
            self.buf.extend_from_slice(&(joined >> self.pending).to_be_bytes()[1..]);
            self.acc = joined & ((1u64 << self.pending) - 1);
            at += 56;
        }
        while at < end {
            let n = (end - at).min(32) as u32;
            self.bits(n, (window(at) >> (64 - n)) as u32);
            at += n as usize;
        }
    }

    /// Writes a signed value zigzagged with a class prefix.
    pub fn signed(&mut self, widths: [u32; 4], value: i32) {
        self.class(widths, zigzag(value));
    }

    /// Pads to a byte and returns the datagram.
    pub fn finish(mut self) -> Vec<u8> {
        while self.pending >= 8 {
            self.pending -= 8;
            self.buf.push((self.acc >> self.pending) as u8);
        }
        if self.pending > 0 {
            self.buf.push((self.acc << (8 - self.pending)) as u8);
        }
        self.buf
    }
}

/// Reads a datagram written by [`BitOut`]. Running out of bits is an error, never a panic.
pub struct BitIn<'a> {
    r: BitReader<&'a [u8], BigEndian>,
}

impl std::fmt::Debug for BitIn<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BitIn").finish_non_exhaustive()
    }
}

const SHORT: DecodeError = DecodeError::Datagram("datagram ended early");

impl<'a> BitIn<'a> {
    /// Starts reading after the tag byte, which the caller has already matched.
    pub fn new(datagram: &'a [u8]) -> Result<BitIn<'a>, DecodeError> {
        let body = datagram.get(1..).ok_or(SHORT)?;
        Ok(BitIn { r: BitReader::endian(body, BigEndian) })
    }

    /// Reads `bits` bits (1..=32).
    pub fn bits(&mut self, bits: u32) -> Result<u32, DecodeError> {
        self.r.read_var::<u32>(bits).map_err(|_| SHORT)
    }

    /// Reads one bit.
    pub fn bit(&mut self) -> Result<bool, DecodeError> {
        self.r.read_bit().map_err(|_| SHORT)
    }

    /// Reads a class-coded value.
    pub fn class(&mut self, widths: [u32; 4]) -> Result<u32, DecodeError> {
        let class = self.bits(2)? as usize;
        self.bits(widths[class])
    }

    /// Reads a zigzagged, class-coded value.
    pub fn signed(&mut self, widths: [u32; 4]) -> Result<i32, DecodeError> {
        self.class(widths).map(unzigzag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn zigzag_round_trips(v in any::<i32>()) {
            prop_assert_eq!(unzigzag(zigzag(v)), v);
        }

        #[test]
        fn class_codes_round_trip(values in proptest::collection::vec(any::<u32>(), 1..20)) {
            let mut out = BitOut::new(9, 64);
            for &v in &values {
                out.class(TIME_CLASSES, v);
                out.signed(POS_CLASSES, (v % (1 << 21)) as i32 - (1 << 20));
            }
            let bytes = out.finish();
            prop_assert_eq!(bytes[0], 9);
            let mut input = BitIn::new(&bytes).unwrap();
            for &v in &values {
                prop_assert_eq!(input.class(TIME_CLASSES).unwrap(), v);
                prop_assert_eq!(input.signed(POS_CLASSES).unwrap(), (v % (1 << 21)) as i32 - (1 << 20));
            }
        }
    }

    proptest! {
        #[test]
        fn copied_bits_are_the_bits_written(
            source in proptest::collection::vec((1u32..=32, any::<u32>()), 0..40),
            before in proptest::collection::vec((1u32..=32, any::<u32>()), 0..4),
            cut in any::<(usize, usize)>(),
        ) {
            let mask = |(n, v): (u32, u32)| if n == 32 { v } else { v & ((1 << n) - 1) };
            let mut from = BitOut::new(1, 64);
            let mut bits: Vec<bool> = Vec::new();
            for &(n, v) in &source {
                from.bits(n, v);
                bits.extend((0..n).rev().map(|i| mask((n, v)) >> i & 1 == 1));
            }
            let from = from.finish();
            let start = cut.0 % (bits.len() + 1);
            let len = cut.1 % (bits.len() - start + 1);
            let (mut copied, mut written) = (BitOut::new(2, 8), BitOut::new(2, 8));
            for &(n, v) in &before {
                copied.bits(n, v);
                written.bits(n, v);
            }
            copied.copy_bits(&from, start, len);
            for &bit in &bits[start..start + len] {
                written.bit(bit);
            }
            prop_assert_eq!(copied.position(), written.position());
            prop_assert_eq!(copied.finish(), written.finish());
        }
    }

    #[test]
    fn small_values_take_the_small_class() {
        let mut out = BitOut::new(0, 8);
        out.signed(POS_CLASSES, -3);
        // tag (8 bits) + class (2) + 4 bits = 14 bits -> 2 bytes.
        assert_eq!(out.finish().len(), 2);
    }

    #[test]
    fn reading_past_the_end_is_an_error() {
        let mut input = BitIn::new(&[0, 0xff]).unwrap();
        assert!(input.bits(8).is_ok());
        assert!(input.bit().is_err());
        assert!(BitIn::new(&[]).is_err());
    }
}
