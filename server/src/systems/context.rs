//! What a validated intent works with: who is acting ([`Actor`]) and the parts of the World an
//! intent or an instructor's command may read or change ([`Ctx`]). Shared by the intent rules
//! ([`super::intents`]) and the instructor's commands ([`super::instruct`]).

use bevy_ecs::prelude::*;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::drill::Finding;
use crossdock_protocol::messages::{DenyReason, Holder};
use crossdock_protocol::{Hand, ParticipantId, Role, ServerMsg};
use glam::Vec3;

use crate::geometry::{HandPose, hand_pose};
use crate::records::Record;
use crate::session::world::*;

/// Who is acting, copied out of the World so the queries stay free.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Their entity.
    pub entity: Entity,
    /// Their id.
    pub id: ParticipantId,
    /// Their role.
    pub role: Role,
    /// Frozen by the instructor.
    pub frozen: bool,
    /// Their latest pose.
    pub avatar: Option<AvatarPose>,
}

impl Actor {
    pub fn hand(&self, hand: Hand) -> Result<HandPose, DenyReason> {
        self.avatar.as_ref().map(|a| hand_pose(a, hand)).ok_or(DenyReason::OutOfReach)
    }

    pub fn hands(&self) -> [Vec3; 2] {
        self.avatar.as_ref().map_or([Vec3::splat(f32::MAX); 2], |a| [a.left.position(), a.right.position()])
    }

    pub fn holder(&self, hand: Hand) -> Holder {
        Holder { participant: self.id, hand }
    }
}

/// The parts of the World an intent may read or change.
#[derive(bevy_ecs::system::SystemParam)]
#[expect(missing_debug_implementations, reason = "a bundle of World borrows, built by bevy for one system run")]
pub struct Ctx<'w, 's> {
    /// The drill.
    pub drill: ResMut<'w, Drill>,
    /// The outbox.
    pub outbox: ResMut<'w, Outbox>,
    /// What the tick sends besides the outbox (closes).
    pub outgoing: ResMut<'w, Outgoing>,
    /// The journal.
    pub journal: ResMut<'w, Journal>,
    /// The clock.
    pub clock: Res<'w, Clock>,
    /// Id lookups.
    pub directory: Res<'w, Directory>,
    /// Participants.
    pub participants: Query<'w, 's, (Entity, &'static mut Participant, Option<&'static Avatar>)>,
    /// Cargo.
    pub items: Query<'w, 's, &'static mut Item>,
    /// Doors.
    pub doors: Query<'w, 's, &'static mut Door>,
    /// The seal.
    pub seals: Query<'w, 's, &'static mut Seal>,
    /// Metrics.
    pub telemetry: Res<'w, Telemetry>,
    /// The debrief.
    pub debrief: ResMut<'w, super::debrief::Debrief>,
    /// The scenarios an instructor may switch to.
    pub library: Res<'w, crate::library::Library>,
}

/// Replaces or adds a finding, tells everyone, journals it.
pub fn publish_finding(ctx: &mut Ctx, finding: Finding) {
    match ctx.drill.findings.iter_mut().find(|f| f.id == finding.id) {
        Some(f) => *f = finding.clone(),
        None => ctx.drill.findings.push(finding.clone()),
    }
    ctx.outbox.push(Dest::All, ServerMsg::FindingChanged(finding.clone()));
    ctx.journal.0.push(Record::Finding(finding));
}
