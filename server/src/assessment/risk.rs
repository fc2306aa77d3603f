//! The risk-assessment stage, scored: a trainee chose which of several containers to examine
//! and cited the signs in its papers that called for it. The choice earns its candidate's risk
//! against the highest on offer; the reasons earn their agreement with the signs truly in the
//! chosen papers. Pure: the report computes it from the log.

use crossdock_protocol::drill::RiskSign;
use serde::Serialize;

use crate::scenario::Risk;

/// The choice's share of the risk score; the reasons have the rest.
pub const CHOICE_WEIGHT: f64 = 0.7;

/// One trainee's choice, scored.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct RiskChoice {
    /// The candidate chosen, numbered from 1 as trainees saw them.
    pub chosen: u32,
    /// Its container number.
    pub container: String,
    /// Seconds from the drill's start to the choice.
    pub seconds: f64,
    /// The signs they cited.
    pub cited: Vec<String>,
    /// The chosen papers' risk (their signs) and the highest on offer.
    pub risk: u32,
    /// The highest risk among the candidates.
    pub highest: u32,
    /// The candidates with the highest risk, numbered from 1.
    pub best: Vec<u32>,
    /// Cited signs that are in the chosen papers.
    pub right: Vec<String>,
    /// Cited signs that are not.
    pub wrong: Vec<String>,
    /// Signs in the chosen papers they did not cite.
    pub missed: Vec<String>,
    /// `risk / highest` (1 when no candidate shows a sign).
    pub choice: f64,
    /// Agreement of the reasons with the chosen papers' signs: 2·right / (2·right + wrong +
    /// missed), 1 when there was nothing to cite and nothing was.
    pub reasons: f64,
    /// `0.7 × choice + 0.3 × reasons`, 0 to 1.
    pub score: f64,
    /// The scoring was left out: the drill runs and the reader may not see the truth.
    pub withheld: bool,
}

impl RiskChoice {
    /// What the trainee did, without what it was worth (the signs are the hidden truth).
    pub fn withheld(self) -> RiskChoice {
        RiskChoice {
            chosen: self.chosen,
            container: self.container,
            seconds: self.seconds,
            cited: self.cited,
            withheld: true,
            ..RiskChoice::default()
        }
    }
}

/// Scores choosing `chosen` (0-based) of `risk`'s candidates for the reasons `cited`.
pub fn assess(risk: &Risk, chosen: usize, cited: &[RiskSign], seconds: f64) -> RiskChoice {
    let highest = (0..risk.candidates.len()).map(|c| risk.risk(c)).max().unwrap_or(0);
    let truth: &[RiskSign] = risk.signs.get(chosen).map_or(&[], Vec::as_slice);
    let ids = |signs: &mut dyn Iterator<Item = &RiskSign>| signs.map(|s| s.id().to_owned()).collect::<Vec<_>>();
    let right = ids(&mut cited.iter().filter(|s| truth.contains(s)));
    let wrong = ids(&mut cited.iter().filter(|s| !truth.contains(s)));
    let missed = ids(&mut truth.iter().filter(|s| !cited.contains(s)));
    let choice = if highest == 0 { 1.0 } else { risk.risk(chosen) as f64 / highest as f64 };
    let denominator = 2 * right.len() + wrong.len() + missed.len();
    let reasons = if denominator == 0 { 1.0 } else { (2 * right.len()) as f64 / denominator as f64 };
    RiskChoice {
        chosen: chosen as u32 + 1,
        container: risk.candidates.get(chosen).map(|c| c.container_number.clone()).unwrap_or_default(),
        seconds,
        cited: ids(&mut cited.iter()),
        risk: risk.risk(chosen) as u32,
        highest: highest as u32,
        best: (0..risk.candidates.len()).filter(|c| risk.risk(*c) == highest).map(|c| c as u32 + 1).collect(),
        right,
        wrong,
        missed,
        choice: round3(choice),
        reasons: round3(reasons),
        score: round3(CHOICE_WEIGHT * choice + (1.0 - CHOICE_WEIGHT) * reasons),
        withheld: false,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    fn staged() -> Risk {
        Scenario::load("misdeclared-40hc").expect("ships").risk.expect("has a risk stage")
    }

    #[test]
    fn the_high_risk_container_for_its_own_reasons_scores_full_marks() {
        let risk = staged();
        let best = (0..risk.candidates.len()).max_by_key(|c| risk.risk(*c)).unwrap();
        let scored = assess(&risk, best, &risk.signs[best], 12.0);
        assert_eq!((scored.choice, scored.reasons, scored.score), (1.0, 1.0, 1.0));
        assert!(scored.best.contains(&scored.chosen) && scored.wrong.is_empty() && scored.missed.is_empty());
        // The right container for the wrong reasons: the choice counts, the reasons do not.
        let wrong: Vec<RiskSign> = RiskSign::ALL.into_iter().filter(|s| !risk.signs[best].contains(s)).collect();
        let guessed = assess(&risk, best, &wrong, 12.0);
        assert_eq!((guessed.choice, guessed.reasons), (1.0, 0.0));
        assert!((guessed.score - CHOICE_WEIGHT).abs() < 1e-9);
    }

    #[test]
    fn choosing_at_random_does_not_score_on_average() {
        let risk = staged();
        let n = risk.candidates.len();
        let best = (0..n).map(|c| assess(&risk, c, &risk.signs[c], 0.0).score).fold(0.0, f64::max);
        // Every candidate equally likely, each cited with every subset of signs equally likely.
        let subsets = 1usize << RiskSign::ALL.len();
        let mut total = 0.0;
        for c in 0..n {
            for mask in 0..subsets {
                let cited: Vec<RiskSign> = RiskSign::ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, s)| s)
                    .collect();
                total += assess(&risk, c, &cited, 0.0).score;
            }
        }
        let random = total / (n * subsets) as f64;
        println!("risk score: the riskiest for its signs {best:.3}, a random choice for random reasons {random:.3}");
        assert_eq!(best, 1.0);
        assert!(random < 0.6, "a random choice averages {random:.3}");
    }

    #[test]
    fn withholding_keeps_what_was_done_and_drops_its_worth() {
        let risk = staged();
        let scored = assess(&risk, 0, &[RiskSign::Route], 3.0).withheld();
        assert_eq!((scored.chosen, scored.cited.as_slice(), scored.withheld), (1, &["route".to_owned()][..], true));
        assert_eq!((scored.score, scored.highest, scored.best.len(), scored.right.len()), (0.0, 0, 0, 0));
    }
}
