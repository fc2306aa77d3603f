//! Crossdock in a browser: the same client core, renderer and interface as the native front
//! ends, compiled to wasm. The page (`page/room.html`, `page/room.js`, served by the server)
//! loads this module and calls [`join`]; from there everything is Rust:
//!
//! - [`net`]: the native protocol over a WebTransport session on the server's `/room`: the
//!   control stream and the datagrams feed the [`ClientCore`](crossdock_client::core::ClientCore).
//! - [`room`]: each animation frame: the camera (free, follow, overview), the keyboard and mouse,
//!   the local avatar's pose, and the scene drawn with `crossdock-render` on WebGL2.
//! - [`xr`]: Enter VR: the same scene for each eye of a WebXR `immersive-vr` session, the
//!   controllers as the native headset's gestures.
//!
//! On a native target the crate is empty: it is built by `headset-client/web/build.sh`.
#![cfg(target_arch = "wasm32")]
// wasm-bindgen's generated glue (the exported functions' shims) is unsafe code of its own.
#![allow(unsafe_code)]

mod input;
mod net;
mod room;
mod xr;

use wasm_bindgen::prelude::*;

pub use room::Room;

/// Joins the room at `url` (`https://HOST:PORT/room`) with `token`, trusting the browser
/// certificates whose SHA-256 `hashes` the server's page listed, and draws it into `canvas`.
/// `view` is the starting camera (`free`, `overview` or `follow:NAME`); `languages` the reader's
/// (the browser's list, first preferred).
#[wasm_bindgen]
pub async fn join(
    canvas: web_sys::HtmlCanvasElement,
    url: String,
    hashes: Vec<js_sys::Uint8Array>,
    token: String,
    name: String,
    view: String,
    languages: Vec<String>,
) -> Result<Room, JsError> {
    console_error_panic_hook::set_once();
    let hashes = hashes.iter().map(js_sys::Uint8Array::to_vec).collect();
    let language = crossdock_ui::i18n::choose(&languages.iter().map(String::as_str).collect::<Vec<_>>());
    let details = net::Details { name, administration: "XX".into(), locale: language.into() };
    let net = net::Net::connect(&url, hashes, &token, &details).await.map_err(|e| JsError::new(&e))?;
    Room::start(canvas, net, &view, language).await.map_err(|e| JsError::new(&e))
}
