//! The OpenXR session lifecycle as an explicit state machine, driven by the runtime's
//! `SessionStateChanged` events. Pure: the frame loop feeds it events and does what it says.
//!
//! ```text
//! Idle ─▶ Ready ─(begin)─▶ Synchronized ─▶ Visible ─▶ Focused
//!   ▲                            ▲  │         ▲  │        │
//!   │                            │  ▼         │  ▼        ▼
//!   └──(end)── Stopping ◀────────┴──────────── (back down) ┘
//! LossPending ─▶ Exiting            any ─(request_exit)─▶ Stopping ─▶ Idle ─▶ Exiting
//! ```

/// Where the session is, as the runtime last said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Created, not yet asked to run.
    Idle,
    /// The runtime wants the session begun.
    Ready,
    /// Frames are synchronised with the display but not shown.
    Synchronized,
    /// Frames are shown; input goes elsewhere.
    Visible,
    /// Frames are shown and input is ours.
    Focused,
    /// The runtime wants the session ended.
    Stopping,
    /// The runtime is going away; the session must end now.
    LossPending,
    /// The session is over; the app should leave.
    Exiting,
}

/// What the frame loop must do after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing.
    None,
    /// Call `Session::begin`.
    Begin,
    /// Call `Session::end`.
    End,
    /// Leave the frame loop and tear down.
    Exit,
}

/// The lifecycle: current phase, whether the session is begun, and what was seen.
#[derive(Debug, Clone)]
pub struct Lifecycle {
    phase: Phase,
    running: bool,
    /// Every phase entered, in order (for logs and tests).
    pub history: Vec<Phase>,
}

impl Default for Lifecycle {
    fn default() -> Self {
        Lifecycle { phase: Phase::Idle, running: false, history: vec![Phase::Idle] }
    }
}

impl Lifecycle {
    /// The phase now.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Whether frames must be waited for, begun and ended (between begin and end).
    pub fn running(&self) -> bool {
        self.running
    }

    /// Whether the session ever reached focus.
    pub fn was_focused(&self) -> bool {
        self.history.contains(&Phase::Focused)
    }

    /// The runtime says the session entered `phase`.
    pub fn enter(&mut self, phase: Phase) -> Action {
        self.phase = phase;
        if self.history.last() != Some(&phase) {
            self.history.push(phase);
        }
        match phase {
            Phase::Ready if !self.running => {
                self.running = true;
                Action::Begin
            }
            Phase::Stopping if self.running => {
                self.running = false;
                Action::End
            }
            Phase::LossPending | Phase::Exiting => {
                self.running = false;
                Action::Exit
            }
            _ => Action::None,
        }
    }

    /// The runtime itself is being lost (`InstanceLossPending`).
    pub fn instance_lost(&mut self) -> Action {
        self.enter(Phase::LossPending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_normal_session_begins_on_ready_ends_on_stopping_and_exits() {
        let mut l = Lifecycle::default();
        assert_eq!(l.enter(Phase::Ready), Action::Begin);
        assert!(l.running());
        for p in [Phase::Synchronized, Phase::Visible, Phase::Focused, Phase::Visible, Phase::Synchronized] {
            assert_eq!(l.enter(p), Action::None);
        }
        assert!(l.was_focused());
        assert_eq!(l.enter(Phase::Stopping), Action::End);
        assert!(!l.running());
        assert_eq!(l.enter(Phase::Idle), Action::None);
        assert_eq!(l.enter(Phase::Exiting), Action::Exit);
        assert_eq!(l.history.first(), Some(&Phase::Idle));
        assert_eq!(l.history.last(), Some(&Phase::Exiting));
    }

    #[test]
    fn a_lost_runtime_exits_without_ending_and_ready_twice_begins_once() {
        let mut l = Lifecycle::default();
        assert_eq!(l.enter(Phase::Ready), Action::Begin);
        assert_eq!(l.enter(Phase::Ready), Action::None, "begin once");
        assert_eq!(l.instance_lost(), Action::Exit);
        assert!(!l.running() && !l.was_focused());
        let mut idle = Lifecycle::default();
        assert_eq!(idle.enter(Phase::Stopping), Action::None, "nothing to end before begin");
    }
}
