//! The adaptive jitter buffer: one per remote speaker.
//!
//! Sequence numbers count the speaker's 20 ms slots, sent or not, so silence keeps the schedule.
//! Frame `s` is due at the time it would arrive over the fastest recent path plus the spread
//! that covers 98 % of recent arrivals: `due(s) = t_ref + (s - s_ref)·20 ms + min(d) + target`,
//! where `d` is each frame's arrival offset from its 20 ms slot over the last four seconds and
//! `target = p98(d) - min(d)` (a late frame is as lost as a dropped one, and hotel Wi-Fi already
//! drops 5 %: covering 95 % doubled the loss to save a few milliseconds). The p98 is never the
//! single largest offset: over fewer than 100 arrivals it would be, and one reordered frame early
//! in a stream then set the depth 50 ms too deep for seconds (mouth-to-ear over its budget in
//! about 6 % of simulated hotel Wi-Fi briefings, against 0.6 % now); four seconds rather than two
//! steady the estimate the same way. A jittery path buys depth; a calm one gives it back. The buffer follows the target by repeating a concealed frame
//! (stretch) or skipping one (shrink): each frame plays within 20 ms of its due time.
//! A missing frame is recovered from the next one's in-band FEC when that has arrived, else
//! concealed; a frame that arrives after its turn is counted late and only teaches the target.

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use crossdock_protocol::voice::FRAME_MS;

const FRAME: Duration = Duration::from_millis(FRAME_MS as u64);
/// Arrivals remembered for the delay estimate: four seconds of speech.
const WINDOW: usize = 200;
/// Depth before enough arrivals have been seen to measure the path.
const INITIAL_TARGET: Duration = Duration::from_millis(60);
/// Bounds of the depth.
const MIN_TARGET: Duration = Duration::from_millis(10);
const MAX_TARGET: Duration = Duration::from_millis(400);
/// Frames concealed in a row before a talk spurt counts as over (a lost frame and the end of
/// speech look alike until then; Opus fades its concealment out).
const SPURT_END: u32 = 3;
/// Frames played between two skips while catching up.
const SKIP_EVERY: u32 = 5;
/// Silence after which a speaker's stream starts afresh (well inside the 16-bit slot counter's
/// 21 minutes).
const NEW_STREAM: Duration = Duration::from_secs(10);
/// Frames buffered at most; older ones are dropped.
const CAPACITY: usize = 64;

/// What to play this 20 ms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Playout {
    /// Nothing: the speaker is silent.
    Silence,
    /// Decode this frame.
    Frame {
        /// Its sequence number.
        seq: u16,
        /// The Opus packet.
        payload: Vec<u8>,
        /// An instructor's all-call.
        all_call: bool,
    },
    /// The frame is missing but the next has arrived: decode its in-band FEC copy.
    Recover {
        /// The next frame's Opus packet.
        next: Vec<u8>,
    },
    /// The frame is missing: let the decoder conceal it.
    Conceal,
}

/// Counters, for the stats line and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JitterStats {
    /// Frames pushed.
    pub received: u64,
    /// Frames played as sent.
    pub played: u64,
    /// Missing frames rebuilt from the next frame's FEC.
    pub recovered: u64,
    /// Missing frames concealed.
    pub concealed: u64,
    /// Frames that arrived after their turn (or twice).
    pub late: u64,
    /// Frames skipped to catch up after the target shrank or the path sped up.
    pub skipped: u64,
}

impl std::ops::AddAssign for JitterStats {
    fn add_assign(&mut self, other: JitterStats) {
        self.received += other.received;
        self.played += other.played;
        self.recovered += other.recovered;
        self.concealed += other.concealed;
        self.late += other.late;
        self.skipped += other.skipped;
    }
}

/// One speaker's buffer.
#[derive(Debug)]
pub struct JitterBuffer {
    frames: BTreeMap<u64, (Vec<u8>, bool)>,
    /// The sequence number (unwrapped) and arrival time all offsets are measured from.
    reference: Option<(u64, Instant)>,
    /// The newest unwrapped sequence number seen.
    newest: u64,
    /// Recent arrival offsets from their slot, microseconds (may be negative).
    offsets: VecDeque<i64>,
    /// `offsets` copied for picking the percentile, kept so an arrival allocates nothing.
    scratch: Vec<i64>,
    /// The next frame to play, while a talk spurt plays.
    next: Option<u64>,
    missing_run: u32,
    since_skip: u32,
    last_arrival: Option<Instant>,
    target: Duration,
    floor_us: i64,
    /// Counters.
    pub stats: JitterStats,
}

impl Default for JitterBuffer {
    fn default() -> Self {
        JitterBuffer {
            frames: BTreeMap::new(),
            reference: None,
            newest: 0,
            offsets: VecDeque::with_capacity(WINDOW),
            scratch: Vec::with_capacity(WINDOW),
            next: None,
            missing_run: 0,
            since_skip: 0,
            last_arrival: None,
            target: INITIAL_TARGET,
            floor_us: 0,
            stats: JitterStats::default(),
        }
    }
}

impl JitterBuffer {
    /// The current depth target (p98 minus minimum of recent arrival offsets).
    pub fn target(&self) -> Duration {
        self.target
    }

    /// Whether a talk spurt is playing.
    pub fn playing(&self) -> bool {
        self.next.is_some()
    }

    /// Takes a frame that arrived at `at`.
    pub fn push(&mut self, seq: u16, payload: Vec<u8>, all_call: bool, at: Instant) {
        self.stats.received += 1;
        if self.last_arrival.is_some_and(|last| at.saturating_duration_since(last) > NEW_STREAM) {
            // Silent long enough for the 16-bit slot counter to be ambiguous: start afresh.
            self.reference = None;
            self.offsets.clear();
            self.frames.clear();
            self.next = None;
        }
        self.last_arrival = Some(at);
        let seq = self.unwrap(seq);
        let (ref_seq, ref_at) = *self.reference.get_or_insert((seq, at));
        let slot_us = (seq as i64 - ref_seq as i64) * FRAME.as_micros() as i64;
        let offset = signed_micros(at, ref_at) - slot_us;
        if self.offsets.len() == WINDOW {
            self.offsets.pop_front();
        }
        self.offsets.push_back(offset);
        self.retarget();
        if self.next.is_some_and(|n| seq < n) || self.frames.contains_key(&seq) {
            self.stats.late += 1;
            return;
        }
        self.frames.insert(seq, (payload, all_call));
        while self.frames.len() > CAPACITY {
            self.frames.pop_first();
        }
    }

    /// What to play for the 20 ms starting at `now`.
    pub fn pop(&mut self, now: Instant) -> Playout {
        let Some(due_now) = self.due_seq(now) else { return Playout::Silence };
        let n = match self.next {
            Some(n) if due_now > n && self.since_skip >= SKIP_EVERY => {
                // Behind the schedule (the target shrank, or a burst arrived at once): drop one
                // frame, and no more than one per 100 ms, so the delay follows the path down
                // as well as up without audible jumps.
                self.since_skip = 0;
                self.stats.skipped += 1;
                self.frames.remove(&n);
                n + 1
            }
            Some(n) if n > due_now + 1 => {
                // Ahead of the schedule (the target grew): stretch by one concealed frame.
                self.stats.concealed += 1;
                return Playout::Conceal;
            }
            Some(n) => n,
            None => {
                // Idle: start with the oldest frame once it is due.
                let Some((&first, _)) = self.frames.first_key_value() else { return Playout::Silence };
                if first > due_now {
                    return Playout::Silence;
                }
                first
            }
        };
        self.since_skip = self.since_skip.saturating_add(1);
        self.next = Some(n + 1);
        if let Some((payload, all_call)) = self.frames.remove(&n) {
            self.missing_run = 0;
            self.stats.played += 1;
            return Playout::Frame { seq: n as u16, payload, all_call };
        }
        self.missing_run += 1;
        if self.frames.is_empty() && self.missing_run > SPURT_END {
            self.next = None;
            self.missing_run = 0;
            return Playout::Silence;
        }
        if let Some((next, _)) = self.frames.get(&(n + 1)) {
            self.stats.recovered += 1;
            return Playout::Recover { next: next.clone() };
        }
        self.stats.concealed += 1;
        Playout::Conceal
    }

    /// The newest frame due to have started playing by `now`, if any has been seen.
    fn due_seq(&self, now: Instant) -> Option<u64> {
        let (ref_seq, ref_at) = self.reference?;
        let since = signed_micros(now, ref_at) - self.floor_us - self.target.as_micros() as i64;
        let slots = since.div_euclid(FRAME.as_micros() as i64);
        Some((ref_seq as i64 + slots).max(0) as u64)
    }

    fn retarget(&mut self) {
        let offsets = &mut self.scratch;
        offsets.clear();
        offsets.extend(self.offsets.iter().copied());
        let Some(&floor) = offsets.iter().min() else { return };
        self.floor_us = floor;
        if offsets.len() < 10 {
            return;
        }
        // Never the largest: below 100 arrivals the p98 would be it, one outlier's.
        let rank = (offsets.len() * 98 / 100).min(offsets.len() - 2);
        let p98 = *offsets.select_nth_unstable(rank).1;
        let spread = Duration::from_micros((p98 - self.floor_us).max(0) as u64);
        self.target = (spread + Duration::from_millis(5)).clamp(MIN_TARGET, MAX_TARGET);
    }

    /// Extends a 16-bit sequence number to the one nearest the newest seen.
    fn unwrap(&mut self, seq: u16) -> u64 {
        if self.reference.is_none() {
            // Start well above zero so that frames from just before the first stay positive.
            self.newest = (1 << 16) + u64::from(seq);
            return self.newest;
        }
        let delta = seq.wrapping_sub(self.newest as u16) as i16 as i64;
        let unwrapped = (self.newest as i64 + delta).max(0) as u64;
        self.newest = self.newest.max(unwrapped);
        unwrapped
    }
}

fn signed_micros(a: Instant, b: Instant) -> i64 {
    match a.checked_duration_since(b) {
        Some(d) => d.as_micros() as i64,
        None => -(b.duration_since(a).as_micros() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays `arrivals` (seq, arrival offset in ms from t0) through a buffer popped every 20 ms
    /// for `ms` milliseconds; returns what was played, with the pop's time in ms.
    fn run(arrivals: &[(u16, u64)], ms: u64) -> (Vec<(u64, Playout)>, JitterBuffer) {
        let t0 = Instant::now();
        let mut jb = JitterBuffer::default();
        let mut pending: Vec<(u16, u64)> = arrivals.to_vec();
        pending.sort_by_key(|(_, at)| *at);
        let mut out = Vec::new();
        let mut i = 0;
        for tick in (0..ms).step_by(20) {
            while i < pending.len() && pending[i].1 <= tick {
                let (seq, at) = pending[i];
                jb.push(seq, vec![seq as u8], false, t0 + Duration::from_millis(at));
                i += 1;
            }
            out.push((tick, jb.pop(t0 + Duration::from_millis(tick))));
        }
        (out, jb)
    }

    fn played(out: &[(u64, Playout)]) -> Vec<u16> {
        out.iter()
            .filter_map(|(_, p)| match p {
                Playout::Frame { seq, .. } => Some(*seq),
                _ => None,
            })
            .collect()
    }

    fn in_order(seqs: &[u16]) -> bool {
        seqs.windows(2).all(|w| (w[1].wrapping_sub(w[0]) as i16) > 0)
    }

    #[test]
    fn a_steady_stream_plays_in_order_and_sheds_the_initial_depth() {
        let arrivals: Vec<(u16, u64)> = (0..50).map(|s| (s, 100 + 20 * s as u64)).collect();
        let (out, jb) = run(&arrivals, 1400);
        let seqs = played(&out);
        assert!(in_order(&seqs) && seqs.len() >= 46, "{seqs:?}");
        assert_eq!(jb.stats.skipped as usize, 50 - seqs.len(), "what was not played was skipped to catch up");
        let first = out.iter().find(|(_, p)| matches!(p, Playout::Frame { .. })).map(|(t, _)| *t);
        assert!(first.is_some_and(|t| (100..=180).contains(&t)), "first frame played at {first:?} ms");
        let last = out.iter().find(|(_, p)| matches!(p, Playout::Frame { seq: 49, .. })).map(|(t, _)| *t);
        assert!(last.is_some_and(|t| t <= 1080 + 20), "caught up with the calm path: {last:?} ms");
        assert_eq!(jb.stats.late, 0);
        assert_eq!(jb.stats.concealed, u64::from(SPURT_END), "only the tail after the last frame");
        assert!(jb.target() <= Duration::from_millis(10), "no jitter, minimal depth: {:?}", jb.target());
    }

    #[test]
    fn jitter_grows_the_target_and_it_covers_most_frames() {
        let mut rng = fastrand::Rng::with_seed(3);
        let arrivals: Vec<(u16, u64)> = (0..300).map(|s| (s, 100 + 20 * s as u64 + rng.u64(0..=60))).collect();
        let (out, jb) = run(&arrivals, 6400);
        assert!(jb.target() >= Duration::from_millis(45), "60 ms of jitter needs depth: {:?}", jb.target());
        let lost = jb.stats.late;
        assert!(lost <= 9, "the target covers ~98 % of arrivals: {lost} late of 300");
        assert!(played(&out).windows(2).all(|w| w[0] < w[1]), "in order");
    }

    #[test]
    fn one_reordered_frame_early_in_a_stream_does_not_set_the_depth() {
        // A calm path, but frame 5 comes 60 ms late: below 100 arrivals the p98 is the maximum,
        // and taking it would hold the whole stream 60 ms deeper.
        let arrivals: Vec<(u16, u64)> =
            (0..40).map(|s| (s, 100 + 20 * s as u64 + if s == 5 { 60 } else { 0 })).collect();
        let (_, jb) = run(&arrivals, 1000);
        assert!(jb.target() <= Duration::from_millis(10), "one outlier, no depth: {:?}", jb.target());
        let (_, twice) = run(
            &(0..40).map(|s| (s, 100 + 20 * s as u64 + if s == 5 || s == 9 { 60 } else { 0 })).collect::<Vec<_>>(),
            1000,
        );
        assert!(twice.target() >= Duration::from_millis(60), "two of 40 late buys depth: {:?}", twice.target());
    }

    #[test]
    fn a_lost_frame_is_recovered_from_the_next_or_concealed() {
        let arrivals: Vec<(u16, u64)> =
            (0..60).filter(|s| ![25, 30, 31].contains(s)).map(|s| (s, 100 + 20 * s as u64)).collect();
        let (out, _) = run(&arrivals, 1600);
        let kinds: Vec<&Playout> = out.iter().map(|(_, p)| p).filter(|p| **p != Playout::Silence).collect();
        let after = |seq: u16| {
            let i = kinds.iter().position(|p| matches!(p, Playout::Frame { seq: s, .. } if *s == seq)).expect("played");
            &kinds[i + 1..i + 4]
        };
        assert!(matches!(after(24)[0], Playout::Recover { next } if next == &vec![26u8]), "{kinds:?}");
        assert!(matches!(after(24)[1], Playout::Frame { seq: 26, .. }));
        assert_eq!(after(29)[0], &Playout::Conceal, "30 and 31 both lost: no FEC for 30");
        assert!(matches!(after(29)[1], Playout::Recover { next } if next == &vec![32u8]));
        assert!(matches!(after(29)[2], Playout::Frame { seq: 32, .. }));
    }

    #[test]
    fn sequence_numbers_wrap() {
        let arrivals: Vec<(u16, u64)> =
            (0..40u16).map(|i| (i.wrapping_add(u16::MAX - 19), 100 + 20 * i as u64)).collect();
        let (out, _) = run(&arrivals, 1200);
        let seqs = played(&out);
        assert!(in_order(&seqs) && seqs.len() >= 36, "{seqs:?}");
        assert!(seqs.windows(2).any(|w| w == [u16::MAX, 0]), "across the wrap: {seqs:?}");
    }

    #[test]
    fn a_pause_ends_the_spurt_and_the_next_one_starts_cleanly() {
        // Slots keep counting through the pause: the second spurt starts at slot 95.
        let arrivals: Vec<(u16, u64)> = (0..10).chain(95..105).map(|s| (s, 100 + 20 * s as u64)).collect();
        let (out, jb) = run(&arrivals, 2600);
        let seqs = played(&out);
        assert!(in_order(&seqs), "{seqs:?}");
        assert_eq!(seqs[seqs.len() - 10..], (95..105).collect::<Vec<_>>(), "the second spurt plays whole");
        assert_eq!(jb.stats.concealed, 2 * u64::from(SPURT_END), "only each spurt's tail: {:?}", jb.stats);
        assert!(out.iter().any(|(t, p)| (800..2000).contains(t) && *p == Playout::Silence), "silent between spurts");
    }

    #[test]
    fn garbage_sequence_numbers_neither_panic_nor_grow_the_buffer() {
        let t0 = Instant::now();
        let mut jb = JitterBuffer::default();
        let mut rng = fastrand::Rng::with_seed(9);
        for i in 0..5000u64 {
            jb.push(rng.u16(..), vec![1], rng.bool(), t0 + Duration::from_millis(i));
            let _ = jb.pop(t0 + Duration::from_millis(i));
            assert!(jb.frames.len() <= CAPACITY);
        }
    }
}
