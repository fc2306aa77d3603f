//! Objective checks of what was heard against what was said: alignment by cross-correlation
//! and two scores, used by the voice tests and benchmark.
//!
//! - waveform correlation after alignment (1 is identical up to gain);
//! - envelope correlation: the correlation of 10 ms log-energy envelopes, which tracks whether
//!   syllables arrive where they were spoken; it is what intelligibility rests on, and it
//!   forgives the phase changes a speech codec makes;
//! - the same, aligned half a second at a time ([`Scores::envelope_aligned`]): an adaptive
//!   jitter buffer stretches and shrinks the timeline by 20 ms now and then, which a listener
//!   does not notice but a single global alignment punishes.

/// Pearson correlation of two equally long series (0 when either is constant).
pub fn correlation(a: &[f32], b: &[f32]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let mean = |s: &[f32]| s[..n].iter().map(|x| f64::from(*x)).sum::<f64>() / n as f64;
    let (ma, mb) = (mean(a), mean(b));
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (x, y) = (f64::from(a[i]) - ma, f64::from(b[i]) - mb);
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 { 0.0 } else { ab / (aa * bb).sqrt() }
}

/// The delay (in samples, 0 to `max_lag`) at which `heard` best matches `said`: first on a
/// 1 kHz magnitude envelope, then sample by sample around it.
pub fn delay(said: &[f32], heard: &[f32], max_lag: usize) -> usize {
    const STEP: usize = 48;
    let envelope = |s: &[f32]| s.chunks(STEP).map(|c| c.iter().map(|x| x.abs()).sum::<f32>()).collect::<Vec<_>>();
    let (es, eh) = (envelope(said), envelope(heard));
    let coarse = best(&es, &eh, 0, max_lag / STEP);
    let lo = (coarse * STEP).saturating_sub(2 * STEP);
    best(said, heard, lo, (coarse * STEP + 2 * STEP).min(max_lag))
}

/// The lag in `lo..=hi` maximising the dot product of `a` and `b` shifted by it.
fn best(a: &[f32], b: &[f32], lo: usize, hi: usize) -> usize {
    (lo..=hi)
        .map(|lag| {
            let n = a.len().min(b.len().saturating_sub(lag));
            let dot: f64 = (0..n).map(|i| f64::from(a[i]) * f64::from(b[i + lag])).sum();
            (lag, dot)
        })
        .max_by(|x, y| x.1.total_cmp(&y.1))
        .map_or(0, |(lag, _)| lag)
}

/// Scores of `heard` against `said`, both mono 48 kHz, `heard` delayed by `lag` samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Waveform correlation.
    pub waveform: f64,
    /// 10 ms log-energy envelope correlation.
    pub envelope: f64,
    /// The envelope correlation of each half second at its own best alignment (within 60 ms
    /// of the global one), averaged.
    pub envelope_aligned: f64,
}

/// Scores `heard` against `said` at `lag`.
pub fn scores(said: &[f32], heard: &[f32], lag: usize) -> Scores {
    let heard = &heard[lag.min(heard.len())..];
    let n = said.len().min(heard.len());
    let log_energy = |s: &[f32]| {
        s.chunks(480)
            .map(|c| (c.iter().map(|x| x * x).sum::<f32>() / c.len() as f32 + 1e-6).log10())
            .collect::<Vec<_>>()
    };
    let (es, eh) = (log_energy(&said[..n]), log_energy(heard));
    Scores {
        waveform: correlation(&said[..n], &heard[..n]),
        envelope: correlation(&es, &eh[..es.len().min(eh.len())]),
        envelope_aligned: aligned(&es, &eh),
    }
}

/// Mean over half-second windows (50 envelope points) of the best correlation within ±6 points.
fn aligned(said: &[f32], heard: &[f32]) -> f64 {
    const WINDOW: usize = 50;
    const SEARCH: usize = 6;
    let windows: Vec<f64> = (0..said.len() / WINDOW)
        .map(|w| {
            let a = &said[w * WINDOW..(w + 1) * WINDOW];
            (0..=2 * SEARCH)
                .filter_map(|k| {
                    let start = (w * WINDOW + k).checked_sub(SEARCH)?;
                    heard.get(start..start + WINDOW).map(|b| correlation(a, b))
                })
                .fold(-1.0, f64::max)
        })
        .collect();
    windows.iter().sum::<f64>() / windows.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delayed_quieter_copy_is_found_and_scores_high() {
        let mut rng = fastrand::Rng::with_seed(4);
        let said: Vec<f32> =
            (0..48_000).map(|i| ((i / 2400) % 2) as f32 * (rng.f32() - 0.5) + 0.01 * (rng.f32() - 0.5)).collect();
        let mut heard = vec![0.0; 7_000];
        heard.extend(said.iter().map(|s| s * 0.3));
        let lag = delay(&said, &heard, 24_000);
        assert_eq!(lag, 7_000);
        let s = scores(&said, &heard, lag);
        assert!(s.waveform > 0.99 && s.envelope > 0.99 && s.envelope_aligned > 0.99, "{s:?}");
        let noise: Vec<f32> = (0..60_000).map(|_| rng.f32() - 0.5).collect();
        let s = scores(&said, &noise, lag);
        assert!(s.waveform.abs() < 0.1 && s.envelope < 0.3 && s.envelope_aligned < 0.6, "{s:?}");
    }
}
