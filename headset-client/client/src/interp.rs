//! Interpolation of remote avatars through a small jitter buffer.
//!
//! Each remote avatar's samples are kept on its sender's timeline (the predicted display time
//! the sender stamped, on the server clock). A frame shows every remote avatar at
//! `now - delay`, where the delay covers one send interval plus the measured arrival jitter,
//! so motion stays smooth when datagrams arrive unevenly or one is lost.

use std::collections::VecDeque;

use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::quant::QPose;
use glam::{Quat, Vec3};

/// Samples kept per avatar.
const CAPACITY: usize = 32;

/// A pose as floats, ready to render.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    /// Position in metres, room frame.
    pub position: Vec3,
    /// Orientation.
    pub rotation: Quat,
}

impl From<QPose> for Pose {
    fn from(q: QPose) -> Pose {
        Pose { position: q.position(), rotation: q.rotation() }
    }
}

impl Pose {
    fn lerp(self, other: Pose, t: f32) -> Pose {
        Pose { position: self.position.lerp(other.position, t), rotation: self.rotation.slerp(other.rotation, t) }
    }
}

/// Head and hands as floats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AvatarFrame {
    /// The head.
    pub head: Pose,
    /// The left hand.
    pub left: Pose,
    /// The right hand.
    pub right: Pose,
}

impl From<AvatarPose> for AvatarFrame {
    fn from(a: AvatarPose) -> AvatarFrame {
        AvatarFrame { head: a.head.into(), left: a.left.into(), right: a.right.into() }
    }
}

/// One remote avatar's recent samples and its arrival jitter.
#[derive(Debug, Clone, Default)]
pub struct JitterBuffer {
    samples: VecDeque<(u64, AvatarFrame)>,
    /// Smoothed absolute deviation of (arrival - stamp) in microseconds (RFC 3550 style).
    jitter_us: f64,
    last_transit: Option<i64>,
}

impl JitterBuffer {
    /// Adds a sample stamped `time_us` (sender's display time, server clock) arriving at `arrival_us`.
    pub fn push(&mut self, time_us: u64, pose: AvatarFrame, arrival_us: u64) {
        if self.samples.back().is_some_and(|(t, _)| *t >= time_us) {
            return;
        }
        let transit = arrival_us as i64 - time_us as i64;
        if let Some(last) = self.last_transit {
            self.jitter_us += ((transit - last).abs() as f64 - self.jitter_us) / 16.0;
        }
        self.last_transit = Some(transit);
        if self.samples.len() == CAPACITY {
            self.samples.pop_front();
        }
        self.samples.push_back((time_us, pose));
    }

    /// The measured jitter in microseconds.
    pub fn jitter_us(&self) -> u64 {
        self.jitter_us as u64
    }

    /// The pose at `render_us`, interpolated between the samples around it; held at the newest
    /// sample when `render_us` is past it (no extrapolation), at the oldest when before it.
    pub fn sample(&self, render_us: u64) -> Option<AvatarFrame> {
        let after = self.samples.iter().position(|(t, _)| *t >= render_us);
        match after {
            None => self.samples.back().map(|(_, p)| *p),
            Some(0) => self.samples.front().map(|(_, p)| *p),
            Some(i) => {
                let (t0, a) = self.samples[i - 1];
                let (t1, b) = self.samples[i];
                let t = (render_us - t0) as f32 / (t1 - t0).max(1) as f32;
                Some(AvatarFrame {
                    head: a.head.lerp(b.head, t),
                    left: a.left.lerp(b.left, t),
                    right: a.right.lerp(b.right, t),
                })
            }
        }
    }

    /// How far behind the present to render: one send interval plus twice the jitter.
    pub fn delay_us(&self, send_interval_us: u64) -> u64 {
        send_interval_us + 2 * self.jitter_us()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(x: f32) -> AvatarFrame {
        let p = Pose { position: Vec3::new(x, 1.7, 0.0), rotation: Quat::IDENTITY };
        AvatarFrame { head: p, left: p, right: p }
    }

    #[test]
    fn samples_between_two_poses_are_interpolated() {
        let mut buf = JitterBuffer::default();
        buf.push(1_000, frame(0.0), 2_000);
        buf.push(2_000, frame(1.0), 3_000);
        let mid = buf.sample(1_500).unwrap();
        assert!((mid.head.position.x - 0.5).abs() < 1e-5);
        assert_eq!(buf.sample(5_000).unwrap().head.position.x, 1.0);
        assert_eq!(buf.sample(0).unwrap().head.position.x, 0.0);
    }

    #[test]
    fn late_samples_are_dropped_and_jitter_is_measured() {
        let mut buf = JitterBuffer::default();
        buf.push(1_000, frame(0.0), 2_000);
        buf.push(500, frame(9.0), 2_100);
        assert_eq!(buf.sample(400).unwrap().head.position.x, 0.0);
        for i in 1..50u64 {
            let wobble = if i % 2 == 0 { 4_000 } else { 0 };
            buf.push(1_000 + i * 16_000, frame(i as f32), 2_000 + i * 16_000 + wobble);
        }
        assert!(buf.jitter_us() > 2_000, "jitter {}", buf.jitter_us());
        assert!(buf.delay_us(16_667) > 16_667);
    }
}
