//! The Crossdock client: a headless core that any front end drives, and the front ends.
//!
//! - [`client`]: connect with an invite (certificate pinned), handshake, move bytes.
//! - [`core`]: sans-IO client state: mirror, snapshot/pose histories, server clock.
//! - [`mirror`]: the replicated World as a bevy_ecs World.
//! - [`interp`]: jitter buffer and interpolation of remote avatars.
//! - [`clock`]: server clock estimate.
//! - [`bot`]: scripted clients for tests, load and demos.
//! - [`voice`]: capture, Opus, jitter buffer, spatial mix, playback (codec behind `voice`).
//!
//! The local avatar is predicted by construction: it is drawn from local tracking every frame
//! and never waits for the network; the server leaves it out of this client's snapshots.

pub mod bot;
pub mod client;
pub mod clock;
pub mod core;
pub mod desktop;
pub mod interact;
pub mod interp;
pub mod link;
pub mod mirror;
pub mod pin;
pub mod render;
pub mod voice;
pub mod xr;

pub use client::{Client, ConnectError, Details};
