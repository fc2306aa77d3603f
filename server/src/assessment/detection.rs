//! Detection skill as signal detection theory measures it, the way aviation-security screener
//! tests do (Hofer and Schwaninger; Michel et al. 2014 on cargo X-ray with Dutch Customs): every
//! decision is a trial, something hidden there or not, flagged or cleared. From the hit rate and
//! the false-alarm rate come d′, the skill of telling the two apart whatever one's readiness to
//! flag, and c, that readiness (above 0 cautious, below 0 flagging readily).
//!
//! A rate of 0 or 1 would make d′ infinite, so every rate gets the log-linear correction
//! (Hautus 1995: half a trial added to each count, one to each total), always, and the reports
//! say so. The 95 % band is d′ ± 1.96 of its standard error (Gourevitch and Galanter 1967); a
//! band wider than [`CONCLUSIVE_WIDTH`] says the trials are too few to conclude.

use serde::Serialize;
use statrs::distribution::{Continuous, ContinuousCDF, Normal};

/// The widest 95 % band of d′ that still concludes anything.
pub const CONCLUSIVE_WIDTH: f64 = 1.0;

/// One decision: was something hidden there, and did the learner flag it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trial {
    /// A concealment was there (signal).
    pub present: bool,
    /// The learner flagged it (a finding).
    pub flagged: bool,
}

/// The four outcomes of a set of trials.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Flagged, and there.
    pub hits: u32,
    /// Cleared, but there.
    pub misses: u32,
    /// Flagged, but not there.
    pub false_alarms: u32,
    /// Cleared, and not there.
    pub correct_rejections: u32,
}

impl Counts {
    /// Counts `trial`.
    pub fn add(&mut self, trial: Trial) {
        match (trial.present, trial.flagged) {
            (true, true) => self.hits += 1,
            (true, false) => self.misses += 1,
            (false, true) => self.false_alarms += 1,
            (false, false) => self.correct_rejections += 1,
        }
    }

    /// Trials with something hidden.
    pub fn signal(&self) -> u32 {
        self.hits + self.misses
    }

    /// Trials with nothing hidden.
    pub fn noise(&self) -> u32 {
        self.false_alarms + self.correct_rejections
    }
}

impl FromIterator<Trial> for Counts {
    fn from_iter<I: IntoIterator<Item = Trial>>(trials: I) -> Counts {
        let mut counts = Counts::default();
        trials.into_iter().for_each(|t| counts.add(t));
        counts
    }
}

/// What the counts say, corrected (see the module).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measures {
    /// Hit rate, corrected: (hits + ½) / (signal trials + 1).
    pub hit_rate: f64,
    /// False-alarm rate, corrected: (false alarms + ½) / (noise trials + 1).
    pub false_alarm_rate: f64,
    /// d′ = z(hit rate) − z(false-alarm rate).
    pub d_prime: f64,
    /// c = −(z(hit rate) + z(false-alarm rate)) / 2.
    pub criterion: f64,
    /// The 95 % band of d′: low, high.
    pub band: (f64, f64),
    /// The band is narrow enough to conclude from ([`CONCLUSIVE_WIDTH`]).
    pub conclusive: bool,
}

/// Counts and what they measure, together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Skill {
    /// The four outcomes.
    pub counts: Counts,
    /// d′, c and the band (`None` without trials of both kinds).
    pub measures: Option<Measures>,
}

impl Skill {
    /// The skill `counts` show.
    pub fn of(counts: Counts) -> Skill {
        Skill { counts, measures: measure(counts) }
    }

    /// The decisions counted.
    pub fn trials(&self) -> u32 {
        self.counts.signal() + self.counts.noise()
    }
}

/// The measures of `counts`; `None` without both a trial with something hidden and one without
/// (d′ compares the two).
pub fn measure(counts: Counts) -> Option<Measures> {
    let (signal, noise) = (counts.signal(), counts.noise());
    if signal == 0 || noise == 0 {
        return None;
    }
    let unit = Normal::standard();
    let rate = |k: u32, n: u32| (f64::from(k) + 0.5) / (f64::from(n) + 1.0);
    let (h, f) = (rate(counts.hits, signal), rate(counts.false_alarms, noise));
    let (zh, zf) = (unit.inverse_cdf(h), unit.inverse_cdf(f));
    let d_prime = zh - zf;
    let variance = |p: f64, z: f64, n: u32| p * (1.0 - p) / (f64::from(n) * unit.pdf(z).powi(2));
    let error = (variance(h, zh, signal) + variance(f, zf, noise)).sqrt();
    let band = (d_prime - 1.96 * error, d_prime + 1.96 * error);
    Some(Measures {
        hit_rate: h,
        false_alarm_rate: f,
        d_prime,
        criterion: -(zh + zf) / 2.0,
        band,
        conclusive: band.1 - band.0 <= CONCLUSIVE_WIDTH,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(hits: u32, misses: u32, false_alarms: u32, correct_rejections: u32) -> Counts {
        Counts { hits, misses, false_alarms, correct_rejections }
    }

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn a_worked_example_gives_the_textbook_figures() {
        // 20 of 25 hidden found, 5 of 25 clean flagged: H = 20.5/26, F = 5.5/26.
        let m = measure(counts(20, 5, 5, 20)).unwrap();
        assert!(near(m.hit_rate, 20.5 / 26.0) && near(m.false_alarm_rate, 5.5 / 26.0));
        assert!(near(m.d_prime, 1.602_189_058_563_9), "d′ {}", m.d_prime);
        assert!(near(m.criterion, 0.0), "unbiased: c {}", m.criterion);
        // Its standard error is 0.3991: the band is 1.56 wide, too few trials to conclude.
        assert!(near((m.band.1 - m.band.0) / 3.92, 0.399_093_475_395_176_1), "band {:?}", m.band);
        assert!(!m.conclusive);
        // Four times the trials, the same rates: a band half as wide, conclusive.
        let more = measure(counts(80, 20, 20, 80)).unwrap();
        assert!(more.band.1 - more.band.0 < (m.band.1 - m.band.0) * 0.55 && more.conclusive);
    }

    #[test]
    fn perfect_and_hopeless_rates_are_corrected_to_finite_figures() {
        // 10 of 10 found, none of 10 clean flagged: raw rates 1 and 0, z infinite.
        let perfect = measure(counts(10, 0, 0, 10)).unwrap();
        assert!(near(perfect.hit_rate, 10.5 / 11.0) && near(perfect.false_alarm_rate, 0.5 / 11.0));
        assert!(
            perfect.d_prime.is_finite() && near(perfect.d_prime, 2.0 * 1.690_621_629_584_898_4),
            "{}",
            perfect.d_prime
        );
        // And the opposite: every hidden one missed, every clean one flagged.
        let backwards = measure(counts(0, 10, 10, 0)).unwrap();
        assert!(near(backwards.d_prime, -perfect.d_prime));
    }

    #[test]
    fn an_idle_learner_and_one_who_flags_everything_have_no_skill_either_way() {
        let idle = measure(counts(0, 30, 0, 30)).unwrap();
        assert!(near(idle.d_prime, 0.0), "never flagging: d′ {}", idle.d_prime);
        assert!(idle.criterion > 1.5, "and very cautious: c {}", idle.criterion);
        let everything = measure(counts(30, 0, 30, 0)).unwrap();
        assert!(near(everything.d_prime, 0.0), "always flagging: d′ {}", everything.d_prime);
        assert!(everything.criterion < -1.5, "and flagging readily: c {}", everything.criterion);
        // Guessing at random (half flagged either way) is no skill either.
        let guess = measure(counts(15, 15, 15, 15)).unwrap();
        assert!(near(guess.d_prime, 0.0) && near(guess.criterion, 0.0));
    }

    #[test]
    fn without_trials_of_both_kinds_there_is_no_measure() {
        assert_eq!(measure(counts(5, 5, 0, 0)), None, "only hidden ones: no false-alarm rate");
        assert_eq!(measure(counts(0, 0, 2, 8)), None, "only clean ones: no hit rate");
        let trials = [(true, true), (true, false), (false, false), (false, true), (true, true)];
        let c: Counts = trials.iter().map(|&(present, flagged)| Trial { present, flagged }).collect();
        assert_eq!(c, counts(2, 1, 1, 1));
        assert_eq!((c.signal(), c.noise()), (3, 2));
    }
}
