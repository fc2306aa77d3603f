//! The score: one formula, its weights written once here (a scenario may override them in its
//! `[assessment]` table), and printed in every report so a reader can check any row by hand.
//!
//! ```text
//! score = detection × D + procedure × P + examined × E − false alarms × F   (clamped to 0..1)
//! ```
//!
//! - **detection**: the share of the hidden concealments the trainee's own findings (marked or
//!   co-signed) hit; in a clean container, their own procedure share if they raised no false
//!   alarm (clearing a container counts only when it was inspected), else 0.
//! - **procedure**: the share of the scenario's procedure steps the trainee did themselves, in
//!   the expected order (co-signing a finding counts as marking it).
//! - **examined**: the share of the container floor their hands and tools came near.
//!
//! A trainee passes with a score of at least the pass mark *and* at least one procedure step of
//! their own: whatever the weights, somebody who did nothing never passes.

use serde::{Deserialize, Serialize};

/// The weights of the score and the pass mark.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// D: weight of detection.
    pub detection: f64,
    /// P: weight of the trainee's own procedure.
    pub procedure: f64,
    /// E: weight of the share examined.
    pub examined: f64,
    /// F: subtracted per false alarm.
    pub false_alarm: f64,
    /// The pass mark.
    pub pass: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { detection: 0.5, procedure: 0.3, examined: 0.2, false_alarm: 0.1, pass: 0.6 }
    }
}

impl Weights {
    /// Checks a scenario's override: each weight from 0 to 1, the positive ones summing to 1.
    pub fn check(&self) -> Result<(), String> {
        let all = [self.detection, self.procedure, self.examined, self.false_alarm, self.pass];
        if all.iter().any(|w| !(0.0..=1.0).contains(w)) {
            return Err("every weight and the pass mark are between 0 and 1".to_owned());
        }
        let sum = self.detection + self.procedure + self.examined;
        if (sum - 1.0).abs() > 1e-6 {
            return Err(format!("detection + procedure + examined must add up to 1, not {sum}"));
        }
        Ok(())
    }
}

/// One trainee's parts of the score, each 0 to 1 (false alarms counted).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Components {
    /// Detection.
    pub detection: f64,
    /// Own procedure, in order.
    pub procedure: f64,
    /// Share of the floor examined.
    pub examined: f64,
    /// False alarms raised.
    pub false_alarms: u32,
}

impl Components {
    /// The score these parts give, rounded to three places.
    pub fn score(&self, w: &Weights) -> f64 {
        let raw = w.detection * self.detection + w.procedure * self.procedure + w.examined * self.examined
            - w.false_alarm * f64::from(self.false_alarms);
        (raw.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
    }

    /// Whether these parts pass, given the trainee did `own_steps` procedure steps.
    pub fn passed(&self, w: &Weights, own_steps: usize) -> bool {
        own_steps > 0 && self.score(w) >= w.pass
    }
}

/// The scoring formula with `k`'s weights, in `w`'s language.
pub fn formula(w: &crossdock_i18n::Words, k: &Weights) -> String {
    let two = |v: f64| format!("{v:.2}").into();
    w.with(
        "report-formula",
        &[
            ("wd", two(k.detection)),
            ("wp", two(k.procedure)),
            ("we", two(k.examined)),
            ("wf", two(k.false_alarm)),
            ("pass", two(k.pass)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_who_did_nothing_passes_whatever_the_weights() {
        let idle = Components { detection: 0.0, procedure: 0.0, examined: 0.15, false_alarms: 0 };
        let w = Weights::default();
        assert!(idle.score(&w) < w.pass);
        let lenient = Weights { detection: 0.0, procedure: 0.0, examined: 1.0, false_alarm: 0.0, pass: 0.1 };
        assert!(lenient.check().is_ok());
        assert!(!idle.passed(&lenient, 0), "no step of one's own, no pass");
    }

    #[test]
    fn the_formula_adds_up_and_false_alarms_cost() {
        let w = Weights::default();
        let full = Components { detection: 1.0, procedure: 1.0, examined: 1.0, false_alarms: 0 };
        assert_eq!(full.score(&w), 1.0);
        let two_alarms = Components { false_alarms: 2, ..full };
        assert_eq!(two_alarms.score(&w), 0.8);
        assert!(Weights { detection: 0.9, ..w }.check().unwrap_err().contains("add up to 1"));
    }
}
