//! The Crossdock client without a screen: everything a front end (headset, desktop window,
//! browser) or a scripted bot needs to take part in a drill.
//!
//! Sans-IO, always built (no tokio, sockets or threads: what a browser build needs):
//! - [`core`]: the client's state: mirror, snapshot/pose histories, server clock.
//! - [`mirror`]: the replicated World as a bevy_ecs World.
//! - [`debrief`]: a recorded drill an instructor plays back, in a mirror of its own.
//! - [`interp`]: jitter buffer and interpolation of remote avatars.
//! - [`clock`]: server clock estimate.
//! - [`view`]: what a front end shows, as plain data (the scene, the side panel).
//! - [`interact`]: input to intents, one mapping for desktop keys and XR controllers.
//!
//! Native network side (feature `net`, on by default):
//! - [`client`]: connect with an invite (certificate pinned), handshake, move bytes.
//! - [`drive`]: the client loop, one for every front end and the bots.
//! - [`link`]: the loop on its own thread, for the interactive front ends.
//! - [`bot`]: scripted clients for tests, load and demos (`crossdock-bot`).
//! - [`cli`]: the command-line pieces both binaries share.
//!
//! The local avatar is predicted by construction: it is drawn from local tracking every frame
//! and never waits for the network; the server leaves it out of this client's snapshots.

#[cfg(feature = "net")]
pub mod bot;
#[cfg(feature = "net")]
pub mod cli;
#[cfg(feature = "net")]
pub mod client;
pub mod clock;
#[cfg(feature = "net")]
pub mod code;
pub mod core;
pub mod debrief;
#[cfg(feature = "net")]
pub mod drive;
pub mod interact;
pub mod interp;
#[cfg(feature = "net")]
pub mod link;
pub mod mirror;
#[cfg(feature = "net")]
pub mod pin;
pub mod view;

#[cfg(feature = "net")]
pub use client::{Client, ConnectError, Details};
