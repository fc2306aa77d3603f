//! Delta coding of poses against acknowledged baselines, and the client's pose datagram.
//!
//! A pose is coded against a baseline both sides hold: the newest one the receiver has
//! acknowledged, or [`QPose::ZERO`] when there is none. An unchanged pose costs one bit, a
//! head moving at walking pace a few bytes. [`PoseSender`] and [`PoseReceiver`] keep the
//! history on either side of the client → server lane.

use crate::bits::{BitIn, BitOut, POS_CLASSES, ROT_CLASSES, TIME_CLASSES};
use crate::codec::DecodeError;
use crate::ids::{ClientTime, Tick};
use crate::quant::{POS_LIMIT_MM, QPose, QRot, ROT_BITS, ROT_MAX};

/// Datagram tag: a client's avatar pose (plus its snapshot ack).
pub const TAG_POSE: u8 = 0x01;
/// Datagram tag: a server world delta (see [`crate::snapshot`]).
pub const TAG_SNAPSHOT: u8 = 0x02;
/// Datagram tag: a bare snapshot ack from a client that sends no pose (an observer).
pub const TAG_ACK: u8 = 0x03;

/// How many past poses each side keeps; a baseline further back is not used.
pub const POSE_HISTORY: usize = 64;

/// A participant's avatar: head and both hands, stamped with the predicted display time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AvatarPose {
    /// Predicted display time on the server's clock.
    pub time: ClientTime,
    /// The head (view space).
    pub head: QPose,
    /// The left grip.
    pub left: QPose,
    /// The right grip.
    pub right: QPose,
}

impl AvatarPose {
    /// The baseline used when there is none.
    pub const ZERO: AvatarPose =
        AvatarPose { time: ClientTime(0), head: QPose::ZERO, left: QPose::ZERO, right: QPose::ZERO };
}

/// Writes `pose` as a delta from `base`: one bit when unchanged.
pub fn write_qpose(out: &mut BitOut, base: &QPose, pose: &QPose) {
    if pose == base {
        out.bit(false);
        return;
    }
    out.bit(true);
    for axis in 0..3 {
        out.signed(POS_CLASSES, pose.pos[axis].wrapping_sub(base.pos[axis]));
    }
    if pose.rot.largest == base.rot.largest {
        out.bit(true);
        for i in 0..3 {
            out.signed(ROT_CLASSES, pose.rot.small[i] as i32 - base.rot.small[i] as i32);
        }
    } else {
        out.bit(false);
        out.bits(2, pose.rot.largest as u32);
        for s in pose.rot.small {
            out.bits(ROT_BITS, s as u32);
        }
    }
}

/// Reads a pose written by [`write_qpose`] against the same `base`.
pub fn read_qpose(input: &mut BitIn<'_>, base: &QPose) -> Result<QPose, DecodeError> {
    if !input.bit()? {
        return Ok(*base);
    }
    let mut pos = [0; 3];
    for (p, base) in pos.iter_mut().zip(base.pos) {
        *p = base.wrapping_add(input.signed(POS_CLASSES)?);
        if p.abs() > POS_LIMIT_MM {
            return Err(DecodeError::Datagram("position out of range"));
        }
    }
    let same_largest = input.bit()?;
    let largest = if same_largest { base.rot.largest } else { input.bits(2)? as u8 };
    let mut small = [0; 3];
    for (s, base) in small.iter_mut().zip(base.rot.small) {
        let v = if same_largest { base as i32 + input.signed(ROT_CLASSES)? } else { input.bits(ROT_BITS)? as i32 };
        if !(0..=ROT_MAX as i32).contains(&v) {
            return Err(DecodeError::Datagram("rotation out of range"));
        }
        *s = v as u16;
    }
    let rot = QRot { largest, small };
    Ok(QPose { pos, rot })
}

/// Writes an avatar as a delta from `base`.
pub fn write_avatar(out: &mut BitOut, base: &AvatarPose, pose: &AvatarPose) {
    out.signed(TIME_CLASSES, pose.time.0.wrapping_sub(base.time.0) as i32);
    write_qpose(out, &base.head, &pose.head);
    write_qpose(out, &base.left, &pose.left);
    write_qpose(out, &base.right, &pose.right);
}

/// Reads an avatar written by [`write_avatar`] against the same `base`.
pub fn read_avatar(input: &mut BitIn<'_>, base: &AvatarPose) -> Result<AvatarPose, DecodeError> {
    let time = ClientTime(base.time.0.wrapping_add(input.signed(TIME_CLASSES)? as u32));
    Ok(AvatarPose {
        time,
        head: read_qpose(input, &base.head)?,
        left: read_qpose(input, &base.left)?,
        right: read_qpose(input, &base.right)?,
    })
}

/// A decoded pose datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoseDatagram {
    /// The pose's sequence number (wrapping).
    pub seq: u16,
    /// The low 16 bits of the newest snapshot tick the client decoded, if any.
    pub snapshot_ack: Option<u16>,
    /// The pose.
    pub pose: AvatarPose,
}

/// Encodes an ack-only datagram (observers): tag, then the tick as 32 bits.
pub fn encode_ack(tick: Tick) -> Vec<u8> {
    let mut out = BitOut::new(TAG_ACK, 5);
    out.bits(32, tick.0);
    out.finish()
}

/// Decodes an ack-only datagram.
pub fn decode_ack(datagram: &[u8]) -> Result<Tick, DecodeError> {
    if datagram.first() != Some(&TAG_ACK) {
        return Err(DecodeError::Datagram("not an ack datagram"));
    }
    Ok(Tick(BitIn::new(datagram)?.bits(32)?))
}

/// A fixed ring of the last [`POSE_HISTORY`] poses by sequence number.
#[derive(Debug, Clone)]
struct PoseRing {
    slots: Vec<Option<(u16, AvatarPose)>>,
}

impl Default for PoseRing {
    fn default() -> Self {
        PoseRing { slots: vec![None; POSE_HISTORY] }
    }
}

impl PoseRing {
    fn insert(&mut self, seq: u16, pose: AvatarPose) {
        self.slots[seq as usize % POSE_HISTORY] = Some((seq, pose));
    }

    fn get(&self, seq: u16) -> Option<&AvatarPose> {
        match &self.slots[seq as usize % POSE_HISTORY] {
            Some((s, pose)) if *s == seq => Some(pose),
            _ => None,
        }
    }
}

/// The client's side of the pose lane: numbers poses and codes each against the newest
/// pose the server acknowledged.
#[derive(Debug, Clone, Default)]
pub struct PoseSender {
    next_seq: u16,
    acked: Option<u16>,
    sent: PoseRing,
}

impl PoseSender {
    /// Records the server's acknowledgement (from a snapshot's `pose_ack`).
    pub fn handle_ack(&mut self, seq: u16) {
        let newer = match self.acked {
            None => true,
            Some(old) => (seq.wrapping_sub(old) as i16) > 0,
        };
        if newer && self.sent.get(seq).is_some() {
            self.acked = Some(seq);
        }
    }

    /// The newest sequence number the server acknowledged.
    pub fn acked(&self) -> Option<u16> {
        self.acked
    }

    /// The sequence number the next pose will carry.
    pub fn next_seq(&self) -> u16 {
        self.next_seq
    }

    /// Builds the datagram for `pose`, acknowledging `snapshot_ack` to the server.
    pub fn poll_datagram(&mut self, pose: AvatarPose, snapshot_ack: Option<Tick>) -> Vec<u8> {
        let seq = self.next_seq;
        self.next_seq = seq.wrapping_add(1);
        let baseline = self
            .acked
            .filter(|&b| (1..POSE_HISTORY as u16).contains(&seq.wrapping_sub(b)))
            .and_then(|b| self.sent.get(b).map(|p| (b, *p)));
        let mut out = BitOut::new(TAG_POSE, 24);
        out.bits(16, seq as u32);
        match baseline {
            Some((b, _)) => out.bits(6, seq.wrapping_sub(b) as u32),
            None => out.bits(6, 0),
        }
        out.bit(snapshot_ack.is_some());
        if let Some(tick) = snapshot_ack {
            out.bits(16, tick.0);
        }
        write_avatar(&mut out, baseline.as_ref().map_or(&AvatarPose::ZERO, |(_, p)| p), &pose);
        self.sent.insert(seq, pose);
        out.finish()
    }
}

/// The server's side of the pose lane: decodes against its history, keeps only newer poses.
#[derive(Debug, Clone, Default)]
pub struct PoseReceiver {
    newest: Option<u16>,
    received: PoseRing,
}

/// What [`PoseReceiver::handle_datagram`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoseUpdate {
    /// A pose newer than any before it.
    Newer(PoseDatagram),
    /// A valid pose that arrived after a newer one; its ack is still useful.
    Stale {
        /// The snapshot ack it carried.
        snapshot_ack: Option<u16>,
    },
    /// Coded against a baseline this side no longer has; dropped (the client will resend).
    MissingBaseline,
}

impl PoseReceiver {
    /// The newest pose sequence number decoded: what to acknowledge.
    pub fn ack(&self) -> Option<u16> {
        self.newest
    }

    /// Decodes a pose datagram.
    pub fn handle_datagram(&mut self, datagram: &[u8]) -> Result<PoseUpdate, DecodeError> {
        if datagram.first() != Some(&TAG_POSE) {
            return Err(DecodeError::Datagram("not a pose datagram"));
        }
        let mut input = BitIn::new(datagram)?;
        let seq = input.bits(16)? as u16;
        let back = input.bits(6)? as u16;
        let snapshot_ack = if input.bit()? { Some(input.bits(16)? as u16) } else { None };
        let base = if back == 0 {
            AvatarPose::ZERO
        } else {
            match self.received.get(seq.wrapping_sub(back)) {
                Some(p) => *p,
                None => return Ok(PoseUpdate::MissingBaseline),
            }
        };
        let pose = read_avatar(&mut input, &base)?;
        self.received.insert(seq, pose);
        let newer = self.newest.is_none_or(|n| (seq.wrapping_sub(n) as i16) > 0);
        if !newer {
            return Ok(PoseUpdate::Stale { snapshot_ack });
        }
        self.newest = Some(seq);
        Ok(PoseUpdate::Newer(PoseDatagram { seq, snapshot_ack, pose }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glam::{Quat, Vec3};
    use proptest::prelude::*;

    fn avatar(t: f32) -> AvatarPose {
        let head = QPose::new(Vec3::new(1.0 + 0.3 * t, 1.7, 0.1 * t.sin()), Quat::from_rotation_y(0.5 * t));
        let left = QPose::new(Vec3::new(1.2 + t.sin(), 1.2, -0.3), Quat::from_rotation_x(t));
        let right = QPose::new(Vec3::new(1.2, 1.1 + 0.5 * t.cos(), 0.3), Quat::from_rotation_z(t));
        AvatarPose { time: ClientTime((t * 10_000.0) as u32), head, left, right }
    }

    #[test]
    fn poses_round_trip_with_and_without_baselines_and_acks() {
        let mut tx = PoseSender::default();
        let mut rx = PoseReceiver::default();
        for i in 0..200 {
            let pose = avatar(i as f32 / 60.0);
            let dgram = tx.poll_datagram(pose, (i % 3 == 0).then_some(Tick(i)));
            match rx.handle_datagram(&dgram).unwrap() {
                PoseUpdate::Newer(d) => {
                    assert_eq!(d.pose, pose);
                    assert_eq!(d.snapshot_ack, (i % 3 == 0).then_some(i as u16));
                }
                other => panic!("unexpected {other:?}"),
            }
            if i % 5 == 0 {
                tx.handle_ack(rx.ack().unwrap());
            }
        }
    }

    #[test]
    fn a_delta_against_an_acked_baseline_is_small() {
        let mut tx = PoseSender::default();
        let full = tx.poll_datagram(avatar(0.0), None);
        tx.handle_ack(0);
        let delta = tx.poll_datagram(avatar(1.0 / 60.0), None);
        assert!(delta.len() < full.len(), "{} vs {}", delta.len(), full.len());
        assert!(delta.len() <= 24, "delta of {} bytes", delta.len());
    }

    #[test]
    fn an_unknown_baseline_is_reported_not_guessed() {
        let mut tx = PoseSender::default();
        let _lost = tx.poll_datagram(avatar(0.0), None);
        tx.handle_ack(0);
        let dgram = tx.poll_datagram(avatar(0.1), None);
        let mut rx = PoseReceiver::default();
        assert_eq!(rx.handle_datagram(&dgram), Ok(PoseUpdate::MissingBaseline));
    }

    #[test]
    fn reordered_poses_are_stale_not_applied() {
        let mut tx = PoseSender::default();
        let a = tx.poll_datagram(avatar(0.0), None);
        let b = tx.poll_datagram(avatar(0.1), Some(Tick(4)));
        let mut rx = PoseReceiver::default();
        assert!(matches!(rx.handle_datagram(&b), Ok(PoseUpdate::Newer(_))));
        assert_eq!(rx.handle_datagram(&a), Ok(PoseUpdate::Stale { snapshot_ack: None }));
        assert_eq!(rx.ack(), Some(1));
    }

    #[test]
    fn ack_datagrams_round_trip() {
        assert_eq!(decode_ack(&encode_ack(Tick(0xdead_beef))), Ok(Tick(0xdead_beef)));
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic_the_pose_decoder(mut bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut rx = PoseReceiver::default();
            let _ = rx.handle_datagram(&bytes);
            if !bytes.is_empty() { bytes[0] = TAG_POSE; }
            let _ = rx.handle_datagram(&bytes);
            let _ = decode_ack(&bytes);
        }
    }
}
