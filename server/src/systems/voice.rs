//! Voice: publish who may be heard and who listens (the connections relay each frame by these
//! routes the moment it arrives, undecoded), and keep who spoke when in the event log, with
//! the frames themselves only where the session records voice; pass live captions on by the
//! same rules.

use std::collections::HashMap;

use bevy_ecs::prelude::*;
use crossdock_protocol::caption::Caption;
use crossdock_protocol::{ParticipantId, Role, ServerMsg};

use crate::net::event::ClientId;
use crate::net::voice::Route;
use crate::records::Record;
use crate::session::world::*;

/// Publishes the routes (through [`Outgoing`]) when they changed: a join or leave, a mute, a
/// welcome, an interpreter named, a channel chosen. Runs after
/// validation (a mute holds before its grant goes out) and after sending (a welcomed newcomer
/// hears from then on).
pub fn publish_routes(
    people: Query<(Entity, &Participant, &Replication, Has<Absent>)>,
    mut outgoing: ResMut<Outgoing>,
    mut last: Local<Vec<(u64, Route)>>,
    mut order: Local<Vec<(u64, Entity)>>,
) {
    // Compared where they stand, borrowed, in a list kept from tick to tick: most ticks nothing
    // changed, and nothing is copied or allocated.
    order.clear();
    order.extend(people.iter().map(|(e, p, ..)| (p.client.0, e)));
    order.sort_unstable_by_key(|(client, _)| *client);
    let now = |entity: Entity| people.get(entity).map(|(_, p, rep, absent)| fields(p, rep.welcomed, absent));
    let same = order.len() == last.len()
        && order.iter().zip(last.iter()).all(|((c, e), (lc, route))| c == lc && now(*e) == Ok(route_fields(route)));
    if same {
        return;
    }
    let routes: Vec<(u64, Route)> = order.iter().filter_map(|(c, e)| now(*e).ok().map(|f| (*c, route(f)))).collect();
    let published: HashMap<ClientId, Route> = routes.iter().map(|(c, r)| (ClientId(*c), r.clone())).collect();
    outgoing.0.push(Out::Routes(published));
    *last = routes;
}

/// What a [`Route`] is made of, borrowed: id, heard, all-call, listening, interprets, channel,
/// language.
type RouteFields<'a> = (ParticipantId, bool, bool, bool, Option<&'a str>, Option<&'a str>, &'a str);

/// A participant's route: heard unless muted or away, an instructor's all-call, listening once
/// welcomed and while present, their interpretation, channel and language.
fn fields(p: &Participant, welcomed: bool, absent: bool) -> RouteFields<'_> {
    (
        p.info.id,
        !p.flags.muted && !absent,
        p.info.role == Role::Instructor,
        welcomed && !absent,
        p.flags.interprets.as_deref(),
        p.flags.channel.as_deref(),
        &p.info.locale,
    )
}

fn route_fields(r: &Route) -> RouteFields<'_> {
    (r.id, r.heard, r.all_call, r.listening, r.interprets.as_deref(), r.channel.as_deref(), &r.language)
}

fn route((id, heard, all_call, listening, interprets, channel, language): RouteFields<'_>) -> Route {
    Route {
        id,
        heard,
        all_call,
        listening,
        interprets: interprets.map(str::to_owned),
        channel: channel.map(str::to_owned),
        language: language.to_owned(),
    }
}

/// Notes the frames the connections relayed: talk spurts, and the frames when recording.
pub fn talk(
    mut inbox: ResMut<VoiceInbox>,
    mut talkers: Query<(&Participant, &mut Talk)>,
    clock: Res<Clock>,
    info: Res<SessionInfo>,
    mut journal: ResMut<Journal>,
) {
    let now = clock.tick;
    for (entity, frame) in inbox.0.drain(..) {
        let Ok((speaker, mut talk)) = talkers.get_mut(entity) else { continue };
        talk.0 = Some(match talk.0 {
            Some(s) => Spurt { last: now, frames: s.frames + 1, all_call: s.all_call || frame.all_call, ..s },
            None => Spurt { start: now, last: now, frames: 1, all_call: frame.all_call },
        });
        if info.record_voice {
            let (participant, seq, payload) = (speaker.info.id, frame.seq, frame.payload);
            journal.0.push(match speaker.flags.interprets.clone() {
                None => Record::Voice { participant, seq, payload },
                Some(language) => Record::Interpreted { participant, language, seq, payload },
            });
        }
    }
    let gap = (SPURT_GAP.as_secs_f64() * f64::from(clock.hz)).ceil() as u32;
    for (p, mut talk) in &mut talkers {
        if let Some(s) = talk.0
            && now.0.wrapping_sub(s.last.0) > gap
        {
            journal.0.push(spoke(p, s));
            talk.0 = None;
        }
    }
}

/// The record of a finished spurt.
pub fn spoke(p: &Participant, s: Spurt) -> Record {
    Record::Spoke {
        participant: p.info.id,
        start: s.start,
        ticks: s.last.0.wrapping_sub(s.start.0),
        frames: s.frames,
        all_call: s.all_call,
    }
}

/// A caption from the speech worker: to whoever the speaker's voice reaches (everyone for the
/// floor, an interpreter's channel for an interpreter; nobody while the speaker is muted), the
/// speaker included; a final one with words goes into the log.
pub fn caption(world: &mut World, caption: Caption) {
    let Some(entity) = world.resource::<Directory>().participants.get(&caption.by).copied() else { return };
    let Some(speaker) = world.get::<Participant>(entity) else { return };
    if speaker.flags.muted {
        return;
    }
    let channel = speaker.flags.interprets.clone();
    if caption.last && !caption.text.is_empty() {
        let record = Record::Caption {
            participant: caption.by,
            segment: caption.segment,
            text: caption.text.clone(),
            channel: channel.clone(),
        };
        world.resource_mut::<Journal>().0.push(record);
    }
    let Some(language) = channel else {
        world.resource_mut::<Outbox>().push(Dest::All, ServerMsg::Caption(caption));
        return;
    };
    let listeners: Vec<Entity> = world
        .query::<(Entity, &Participant)>()
        .iter(world)
        .filter(|(e, p)| {
            *e == entity || (p.flags.interprets.is_none() && p.flags.channel.as_deref() == Some(language.as_str()))
        })
        .map(|(e, _)| e)
        .collect();
    let mut outbox = world.resource_mut::<Outbox>();
    for e in listeners {
        outbox.push(Dest::One(e), ServerMsg::Caption(caption.clone()));
    }
}
