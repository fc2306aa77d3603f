//! The room in a browser tab: each animation frame reads the client core, moves the camera or
//! the local avatar, sends the pose (at most once a server tick), and draws the scene, the
//! name plates and the side panel (the class, findings, documents, an instructor's commands:
//! `crossdock_ui::panel`, as in the desktop window, clicked with the mouse through [`UiInput`])
//! with the native renderer on WebGL2. Keys as in the desktop window: F1 free
//! camera (participants: your own eyes), F2 follow the next participant, F3 overview, C first
//! person / over the shoulder, drag to look, WASD to walk, Q/E down/up; participants G grab or
//! release, Space use the tool, Tab next tool, M mark a finding, O open or close a door; and an
//! instructor's keys (`Interaction::key`, shared with the desktop window).

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crossdock_client::interact::{Desk, Interaction, Reachable, avatar_pose, bring_here, say, within_reach};
use crossdock_client::interp::AvatarFrame;
use crossdock_client::view::{Panel, SceneInput};
use crossdock_protocol::{ClientMsg, Intent, Role};
use crossdock_render::overlay::Overlay;
use crossdock_render::side::{Shown, SidePanel};
use crossdock_render::{Layer, Renderer, projection};
use crossdock_ui::camera::{self, Camera, View};
use crossdock_ui::panel::{Action, UiMap, VoiceView};
use crossdock_ui::{Words, fonts, i18n, plates, wheel};
use glam::{Mat4, Vec3};
use wasm_bindgen::prelude::*;
use web_time::{Duration, Instant};

use crate::input::UiInput;
use crate::net::Net;
use crate::xr::{VIEW_FLOATS, Xr};

/// Vertical field of view, radians.
const FOV_Y: f32 = 1.2;
/// Walking and flying speed, metres per second.
const SPEED: f32 = 2.5;
/// Radians of turn per pixel of mouse drag.
const LOOK: f32 = 0.004;
/// Where the page finds the CJK font when a name or the language needs it.
const CJK_FONT: &str = "room/NotoSansCJK-subset.otf";
/// The narrowest page (CSS pixels) that shows the side panel beside the room.
const MIN_PANEL_PAGE: f32 = 720.0;
/// How often the side panel's class is read from the mirror.
const PANEL_REFRESH: Duration = Duration::from_millis(100);

/// The GPU side: WebGL2 through wgpu.
struct Gfx {
    surface: wgpu::Surface<'static>,
    device: wgpu::Device,
    queue: wgpu::Queue,
    config: wgpu::SurfaceConfiguration,
    renderer: Renderer,
    plates: Overlay,
    side: SidePanel,
}

/// Everything the frame loop keeps.
struct State {
    net: Net,
    gfx: Gfx,
    canvas: web_sys::HtmlCanvasElement,
    role: Role,
    words: Words,
    camera: Camera,
    placed: bool,
    keys: HashSet<String>,
    dragging: Option<(f64, f64)>,
    /// The mouse and keyboard for the side panel.
    ui: UiInput,
    /// Where the mouse is on the page (CSS pixels).
    pointer: Option<egui::Pos2>,
    /// The phrase wheel is open (L), and where its middle is (CSS pixels).
    wheel: Option<egui::Pos2>,
    /// The class as the panel shows it, and when it was read.
    class: Option<(Panel, Instant)>,
    /// Where the panel drew each named control when it last ran (CSS pixels).
    controls: UiMap,
    interaction: Interaction,
    last: Instant,
    last_pose: Option<Instant>,
    tick: Duration,
    frames: u64,
    /// Triangles and draw calls of the last frame.
    cost: (u64, usize),
    cjk: Cjk,
    /// An instructor froze the trainees (Z toggles).
    frozen: bool,
    /// The immersive session, while one runs.
    xr: Option<Xr>,
}

/// The CJK font's state: fetched only once something needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cjk {
    NotNeeded,
    Fetching,
    /// Fetched, and added to every egui context that paints text (a VR session's when it
    /// opens).
    Added(Rc<Vec<u8>>),
    Failed,
}

/// A joined room, drawn every animation frame; the page holds it.
#[wasm_bindgen]
#[allow(missing_debug_implementations)] // wasm-bindgen's handle; the state is not printable
pub struct Room {
    state: Rc<RefCell<State>>,
}

impl Room {
    pub(crate) async fn start(
        canvas: web_sys::HtmlCanvasElement,
        net: Net,
        view: &str,
        language: &str,
    ) -> Result<Room, String> {
        let gfx = open(&canvas).await?;
        let (role, tick_hz) = {
            let s = net.shared.borrow();
            (s.core.welcome.role, s.core.welcome.tick_hz.max(1))
        };
        let view: View = view.parse().unwrap_or(View::Free);
        let state = State {
            net,
            gfx,
            canvas: canvas.clone(),
            role,
            words: i18n::words(language),
            camera: Camera::new(view, &SceneInput::default()),
            placed: false,
            keys: HashSet::new(),
            dragging: None,
            ui: UiInput::default(),
            pointer: None,
            wheel: None,
            class: None,
            controls: UiMap::new(),
            interaction: Interaction::default(),
            last: Instant::now(),
            last_pose: None,
            tick: Duration::from_secs_f64(1.0 / f64::from(tick_hz)),
            frames: 0,
            cost: (0, 0),
            cjk: Cjk::NotNeeded,
            frozen: false,
            xr: None,
        };
        let state = Rc::new(RefCell::new(state));
        listen(&canvas, &state)?;
        animate(state.clone());
        Ok(Room { state })
    }
}

#[wasm_bindgen]
impl Room {
    /// What the page and its tests read: frames drawn, people, role, the newest tick, the
    /// mirror's world hash, where the side panel's controls are, why the connection ended, what
    /// the user was last told (a refusal's reason, for one).
    pub fn status(&self) -> String {
        let s = self.state.borrow();
        let mut shared = s.net.shared.borrow_mut();
        let people = shared.core.mirror.people().len();
        let avatars = shared.core.mirror.avatars().len();
        let hash = format!("{:016x}", shared.core.mirror.hash());
        let latency = &shared.core.pose_latency_us;
        let pose_ms = |q: f64| if latency.is_empty() { 0.0 } else { (latency.quantile_us(q) / 100) as f64 / 10.0 };
        let xr = s.xr.as_ref();
        let status = serde_json::json!({
            "frames": s.frames,
            "role": s.role.as_str(),
            "people": people,
            "avatars": avatars,
            "tick": shared.core.newest_tick().map(|t| t.0),
            "hash": hash,
            "serverHash": shared.state_hash.map(|(tick, hash, same)| {
                serde_json::json!({ "tick": tick, "hash": format!("{hash:016x}"), "same": same })
            }),
            "datagrams": shared.datagrams,
            "poseP50Ms": pose_ms(0.5),
            "poseP99Ms": pose_ms(0.99),
            "triangles": s.cost.0,
            "draws": s.cost.1,
            "view": view_name(&s.camera.view),
            "xrFrames": xr.map_or(0, |x| x.frames),
            "xrViews": xr.map_or(0, |x| x.views),
            "said": shared.core.mirror.drill.said.iter().map(|s| s.phrase.id()).collect::<Vec<_>>(),
            "panelControls": s.controls.iter().map(|(name, r)| (name.clone(), serde_json::json!([r.min.x, r.min.y, r.max.x, r.max.y]))).collect::<serde_json::Map<_, _>>(),
            "tablet": xr.is_some_and(|x| x.tablet.open),
            "tabletControls": xr.map_or_else(Vec::new, |x| x.tablet.map.iter().map(|(n, _)| n.clone()).collect()),
            "ended": shared.ended,
            "notices": shared.notices.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>(),
        })
        .to_string();
        drop(shared);
        status
    }

    /// Asks the server for its world hash; [`Room::status`] shows the answer once it comes.
    pub fn query_hash(&self, nonce: u32) {
        let s = self.state.borrow();
        s.net.shared.borrow_mut().asking_hash();
        s.net.send(&ClientMsg::QueryStateHash { nonce: u64::from(nonce) });
    }

    /// Presses a key as the keyboard would (`KeyG`, `F2`, ...): for the page's buttons.
    pub fn press(&self, code: &str) {
        key(&mut self.state.borrow_mut(), code);
    }

    /// Enter VR, part two: the page has an `immersive-vr` session and made `gl` (a WebGL2
    /// context with `xrCompatible: true`) its layer's context. Resolves once the headset's
    /// device is open; [`Room::xr_frame`] then draws each XR frame.
    pub fn enter_xr(&self, gl: web_sys::WebGl2RenderingContext) -> js_sys::Promise {
        let state = self.state.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let scene = SceneInput::from_core(&mut state.borrow().net.shared.borrow_mut().core, Instant::now());
            let mut xr = Xr::open(gl, &scene).await.map_err(|e| JsValue::from(JsError::new(&e)))?;
            let mut s = state.borrow_mut();
            if let Cjk::Added(bytes) = &s.cjk {
                xr.add_cjk(bytes);
            }
            s.xr = Some(xr);
            Ok(JsValue::UNDEFINED)
        })
    }

    /// One XR frame: the layer's framebuffer (`None`: the context's own) of `width` by
    /// `height`, the viewer's pose (position, orientation: 7 numbers), each view (27 numbers:
    /// viewport, projection, eye pose) and each controller, left then right (20 numbers:
    /// present, grip pose, aim pose, trigger, grip, thumbstick x and y, X or A).
    pub fn xr_frame(
        &self,
        framebuffer: Option<web_sys::WebGlFramebuffer>,
        width: u32,
        height: u32,
        head: &[f32],
        views: &[f32],
        hands: &[f32],
    ) {
        let mut guard = self.state.borrow_mut();
        let s = &mut *guard;
        let now = Instant::now();
        let mut scene = SceneInput::from_core(&mut s.net.shared.borrow_mut().core, now);
        let teleport = s.net.shared.borrow_mut().core.mirror.drill.teleport.take();
        fetch_cjk_if_needed(self.state.clone(), s, &scene);
        let Some(xr) = s.xr.as_mut() else { return };
        if let Some(to) = teleport {
            xr.teleport(crossdock_protocol::units::point(to));
        }
        let mut intents = xr.input(&scene, &mut s.interaction, head, hands);
        let Some(frame) = xr.frame else { return };
        if xr.tablet.open {
            let class = Panel::from_core(&mut s.net.shared.borrow_mut().core, &[]);
            for action in xr.update_tablet(&s.words, Some(&class), &[], now) {
                if let Action::Send(intent) = action {
                    intents.push(intent);
                }
            }
        }
        if s.role != Role::Observer {
            scene.place_local(frame);
        }
        scene.viewer = frame.head.position;
        if !xr.tablet.captions() {
            scene.captions.clear();
        }
        s.cost = xr.draw(&scene, &s.words, framebuffer, (width, height), views);
        if views.len() < VIEW_FLOATS {
            return;
        }
        send_pose(s, frame, now);
        if s.role != Role::Observer {
            for intent in intents {
                send_intent(s, intent);
            }
        }
    }

    /// The immersive session ended: back to the page's canvas.
    pub fn exit_xr(&self) {
        self.state.borrow_mut().xr = None;
    }

    /// Where the items of `kind` (`carton`, ..., `*` for all) are in the room, as the mirror holds them:
    /// JSON `[{"id":N,"x":..,"y":..,"z":..,"h":HEIGHT,"holder":N|null}]`. For the page's tests.
    pub fn items(&self, kind: &str) -> String {
        let s = self.state.borrow();
        let mut shared = s.net.shared.borrow_mut();
        let items: Vec<serde_json::Value> = shared
            .core
            .mirror
            .items()
            .into_iter()
            .filter(|i| kind == "*" || i.info.kind == kind)
            .map(|i| {
                let p = i.pose.position();
                serde_json::json!({
                    "id": i.info.id.0, "x": p.x, "y": p.y, "z": p.z,
                    "h": i.info.size_mm[1] as f32 / 1000.0,
                    "holder": i.info.holder.map(|h| h.participant.0),
                })
            })
            .collect();
        serde_json::Value::from(items).to_string()
    }

    /// What a grip closing at the room point (`x`, `y`, `z`) would take, decided as the headset
    /// decides it: `{"item":N}`, `{"door":N}` or `null`. For the page's tests.
    pub fn reaches(&self, x: f32, y: f32, z: f32) -> String {
        let s = self.state.borrow();
        let scene = SceneInput::from_core(&mut s.net.shared.borrow_mut().core, Instant::now());
        match within_reach(&scene, Vec3::new(x, y, z)) {
            Some(Reachable::Item(id)) => serde_json::json!({ "item": id.0 }),
            Some(Reachable::Door { door, .. }) => serde_json::json!({ "door": door.0 }),
            None => serde_json::Value::Null,
        }
        .to_string()
    }

    /// Where the other participants' heads and hands are, as the mirror last heard from the
    /// server: JSON `[{"id":N,"head":[x,y,z],"left":[..],"right":[..]}]`. For the page's tests.
    pub fn avatars(&self) -> String {
        let s = self.state.borrow();
        let mut shared = s.net.shared.borrow_mut();
        let at = |p: crossdock_protocol::quant::QPose| p.position().to_array();
        let avatars: Vec<serde_json::Value> = shared
            .core
            .mirror
            .avatars()
            .into_iter()
            .map(|(id, a)| serde_json::json!({ "id": id.0, "head": at(a.head), "left": at(a.left), "right": at(a.right) }))
            .collect();
        serde_json::Value::from(avatars).to_string()
    }

    /// Where the tracking space's origin stands in the room and its turn, in VR:
    /// `[x, y, z, yaw]`, for the page's tests to place the emulated controllers.
    pub fn xr_origin(&self) -> Vec<f32> {
        self.state.borrow().xr.as_ref().map_or_else(Vec::new, |x| x.origin())
    }

    /// Leaves the room.
    pub fn leave(&self) {
        self.state.borrow().net.close();
    }
}

/// The camera's view as the `view` link parameter writes it.
fn view_name(view: &View) -> String {
    match view {
        View::Free => "free".into(),
        View::Overview => "overview".into(),
        View::Follow { name, .. } => format!("follow:{name}"),
    }
}

async fn open(canvas: &web_sys::HtmlCanvasElement) -> Result<Gfx, String> {
    let mut desc = wgpu::InstanceDescriptor::new_without_display_handle();
    desc.backends = wgpu::Backends::GL;
    let instance = wgpu::Instance::new(desc);
    let surface = instance.create_surface(wgpu::SurfaceTarget::Canvas(canvas.clone())).map_err(|e| {
        format!("this browser cannot draw with WebGL2 ({e}): try a current Chrome, Edge or Quest Browser")
    })?;
    let adapter = instance
        .request_adapter(&wgpu::RequestAdapterOptions { compatible_surface: Some(&surface), ..Default::default() })
        .await
        .map_err(|e| format!("no WebGL2 adapter ({e}): turn on hardware acceleration, or try another browser"))?;
    let (device, queue) = adapter
        .request_device(&wgpu::DeviceDescriptor {
            label: Some("crossdock-web"),
            required_limits: wgpu::Limits::downlevel_webgl2_defaults().using_resolution(adapter.limits()),
            ..Default::default()
        })
        .await
        .map_err(|e| format!("cannot open the WebGL2 device: {e}"))?;
    let (width, height) = (canvas.width().max(1), canvas.height().max(1));
    let mut config =
        surface.get_default_config(&adapter, width, height).ok_or("the canvas has no usable colour format")?;
    if let Some(srgb) = surface.get_capabilities(&adapter).formats.iter().find(|f| f.is_srgb()) {
        config.format = *srgb;
    }
    surface.configure(&device, &config);
    let renderer = Renderer::new(&device, config.format);
    let plates = Overlay::new(&device, config.format);
    let side = SidePanel::new(&device, config.format);
    Ok(Gfx { surface, device, queue, config, renderer, plates, side })
}

/// Keyboard on the window, mouse on the canvas: the side panel gets them first (typing in it or
/// clicking it does not move the camera), then the room's keys and mouse-drag look.
fn listen(canvas: &web_sys::HtmlCanvasElement, state: &Rc<RefCell<State>>) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let on = |target: &web_sys::EventTarget, name: &str, f: Box<dyn FnMut(web_sys::Event)>| {
        let closure = Closure::wrap(f);
        let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        closure.forget();
    };
    let s = state.clone();
    on(
        &window,
        "keydown",
        Box::new(move |e| {
            let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            let mut s = s.borrow_mut();
            s.ui.key(e, true);
            if s.gfx.side.ctx().egui_wants_keyboard_input() {
                return;
            }
            let code = e.code();
            if matches!(code.as_str(), "Tab" | "Space" | "F1" | "F2" | "F3" | "F5" | "F8" | "F9") {
                e.prevent_default();
            }
            if !e.repeat() {
                key(&mut s, &code);
            }
            s.keys.insert(code);
        }),
    );
    let s = state.clone();
    on(
        &window,
        "keyup",
        Box::new(move |e| {
            if let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                let mut s = s.borrow_mut();
                s.ui.key(e, false);
                s.keys.remove(&e.code());
            }
        }),
    );
    let s = state.clone();
    on(
        canvas,
        "mousedown",
        Box::new(move |e| {
            let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() else { return };
            let mut s = s.borrow_mut();
            if s.wheel.is_some() && e.button() == 0 {
                wheel_click(&mut s);
                return;
            }
            s.ui.mouse(e);
            let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
            let on_panel = s.gfx.side.area().is_some_and(|([x0, ..], _)| e.client_x() as f64 * ratio >= f64::from(x0));
            if !on_panel {
                s.dragging = Some((e.client_x(), e.client_y()));
            }
        }),
    );
    let s = state.clone();
    on(
        &window,
        "mouseup",
        Box::new(move |e| {
            let mut s = s.borrow_mut();
            if let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() {
                s.ui.mouse(e);
            }
            s.dragging = None;
        }),
    );
    let s = state.clone();
    on(
        canvas,
        "mouseleave",
        Box::new(move |e| {
            if let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() {
                s.borrow_mut().ui.mouse(e);
            }
        }),
    );
    let s = state.clone();
    on(
        canvas,
        "wheel",
        Box::new(move |e| {
            if let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() {
                s.borrow_mut().ui.wheel(e);
            }
        }),
    );
    let s = state.clone();
    on(
        &window,
        "mousemove",
        Box::new(move |e| {
            let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() else { return };
            let mut s = s.borrow_mut();
            s.ui.mouse(e);
            s.pointer = Some(egui::pos2(e.client_x() as f32, e.client_y() as f32));
            if let Some((x, y)) = s.dragging {
                let (nx, ny) = (e.client_x(), e.client_y());
                s.camera.look(-((nx - x) as f32) * LOOK, -((ny - y) as f32) * LOOK);
                s.dragging = Some((nx, ny));
            }
        }),
    );
    Ok(())
}

/// Runs [`frame`] on every animation frame until the connection ends.
fn animate(state: Rc<RefCell<State>>) {
    let next: Rc<RefCell<Option<Closure<dyn FnMut()>>>> = Rc::new(RefCell::new(None));
    let again = next.clone();
    *next.borrow_mut() = Some(Closure::wrap(Box::new(move || {
        let go_on = frame(&state);
        if go_on && let (Some(window), Some(f)) = (web_sys::window(), again.borrow().as_ref()) {
            let _ = window.request_animation_frame(f.as_ref().unchecked_ref());
        }
    }) as Box<dyn FnMut()>));
    if let (Some(window), Some(f)) = (web_sys::window(), next.borrow().as_ref()) {
        let _ = window.request_animation_frame(f.as_ref().unchecked_ref());
    }
}

/// A key pressed: views for everyone, acts for participants.
fn key(s: &mut State, code: &str) {
    let scene = SceneInput::from_core(&mut s.net.shared.borrow_mut().core, Instant::now());
    match code {
        _ if s.camera.key(code, &scene) => {}
        // The phrase wheel, in the middle of the room's part of the page.
        "KeyL" => {
            s.wheel = match s.wheel {
                None => {
                    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()) as f32;
                    Some(s.gfx.side.middle((s.gfx.config.width, s.gfx.config.height), ratio))
                }
                Some(_) => None,
            }
        }
        _ => {
            let paused = s.net.shared.borrow().core.mirror.drill.state.paused;
            let desk = Desk { role: s.role, eye: s.camera.own_eye(), hand: s.camera.own_frame().right, paused };
            if let Some(intent) = s.interaction.key(&scene, desk, code, &mut s.frozen) {
                send_intent(s, intent);
            }
        }
    }
}

/// The local avatar's pose (an observer's acknowledgement instead) at most once a server tick,
/// however fast the display runs.
fn send_pose(s: &mut State, frame: AvatarFrame, now: Instant) {
    if s.last_pose.is_some_and(|t| now - t < s.tick) {
        return;
    }
    s.last_pose = Some(now);
    let datagram = if s.role != Role::Observer {
        Some(s.net.shared.borrow_mut().core.poll_pose_datagram(avatar_pose(&frame), now))
    } else {
        s.net.shared.borrow().core.ack_datagram()
    };
    if let Some(datagram) = datagram {
        s.net.datagram(&datagram);
    }
}

fn send_intent(s: &State, intent: Intent) {
    let (_, msg) = s.net.shared.borrow_mut().core.intent(intent);
    s.net.send(&msg);
}

/// One frame; false once the connection has ended (the page says why).
fn frame(state: &Rc<RefCell<State>>) -> bool {
    let mut guard = state.borrow_mut();
    let s = &mut *guard;
    if s.net.shared.borrow().ended.is_some() {
        return false;
    }
    // In VR the headset's frames draw and send the pose; the page's canvas rests.
    if s.xr.is_some() {
        return true;
    }
    let now = Instant::now();
    let dt = (now - s.last).as_secs_f32().min(0.1);
    s.last = now;
    let mut scene = SceneInput::from_core(&mut s.net.shared.borrow_mut().core, now);
    if !s.placed && scene.container_mm[0] > 0 {
        s.camera = Camera::new(s.camera.view.clone(), &scene);
        s.placed = true;
    }
    fetch_cjk_if_needed(state.clone(), s, &scene);
    if let Some(to) = s.net.shared.borrow_mut().core.mirror.drill.teleport.take()
        && s.role != Role::Observer
    {
        let to = crossdock_protocol::units::point(to);
        s.camera.position = Vec3::new(to.x, s.camera.position.y, to.z);
    }
    let walk = |k: &str| if s.keys.contains(k) { 1.0 } else { 0.0 };
    let step = Vec3::new(walk("KeyD") - walk("KeyA"), walk("KeyE") - walk("KeyQ"), walk("KeyS") - walk("KeyW"));
    if s.role != Role::Observer {
        s.camera.fly(Vec3::new(step.x, 0.0, step.z) * SPEED * dt);
    } else if step != Vec3::ZERO && s.camera.view == View::Free {
        s.camera.fly(step * SPEED * dt);
    }
    send_pose(s, s.camera.own_frame(), now);
    if s.role != Role::Observer {
        scene.place_local(s.camera.own_frame());
    }
    let eye = s.camera.eye(&scene);
    scene.viewer = eye.position;
    scene.cutaway = s.camera.cutaway(&scene);
    if !s.gfx.side.state.captions {
        scene.captions.clear();
    }
    let tags = plates::tags(&scene, &s.words);
    if s.class.as_ref().is_none_or(|(_, t)| now - *t >= PANEL_REFRESH) {
        s.class = Some((Panel::from_core(&mut s.net.shared.borrow_mut().core, &[]), now));
    }
    let following = match &s.camera.view {
        View::Follow { name, .. } => camera::followed(&scene, name).map(|a| a.id),
        _ => None,
    };
    let mut view = s.camera.describe(&scene, &s.words);
    if s.role != Role::Observer {
        view = format!("{view} · {}", crossdock_ui::text::mode(&s.words, s.interaction.mode));
    }
    let notices = s.net.shared.borrow().notices.clone();

    // The canvas follows its element's size on the page.
    let css = (s.canvas.client_width().max(1) as f32, s.canvas.client_height().max(1) as f32);
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()) as f32;
    let (width, height) = ((css.0 * ratio) as u32, (css.1 * ratio) as u32);
    let gfx = &mut s.gfx;
    if (width, height) != (gfx.config.width, gfx.config.height) {
        s.canvas.set_width(width);
        s.canvas.set_height(height);
        gfx.config.width = width;
        gfx.config.height = height;
        gfx.surface.configure(&gfx.device, &gfx.config);
    }
    let boxes = gfx.renderer.prepare(&scene);
    s.cost = crossdock_render::cost(&gfx.renderer.models, &boxes);
    let size = (gfx.config.width, gfx.config.height);
    // The side panel runs when something it shows changed or input came.
    // A narrow page (a phone, a small window) leaves the whole width to the room.
    let wide = css.0 >= MIN_PANEL_PAGE;
    let shown = Shown {
        class: s.class.as_ref().filter(|_| wide).map(|(class, _)| (class.clone(), class.clock.elapsed(now).as_secs())),
        voice: VoiceView { browser: true, ..VoiceView::default() },
        view,
        following,
        notice: notices.last().copied(),
        size,
    };
    let raw = s.ui.take(css, ratio);
    let mut map = UiMap::new();
    let ran = gfx.side.run(&gfx.device, &gfx.queue, raw, &s.words, shown, &notices, now, &mut map);
    let actions = ran.map_or_else(Vec::new, |ran| {
        set_cursor(&s.canvas, ran.platform.cursor_icon);
        s.controls = map;
        ran.actions
    });
    // The panel covers the right of the page: the scene is centred in what is left.
    let aspect = size.0 as f32 / size.1.max(1) as f32;
    let half_y = FOV_Y / 2.0;
    let half_x = (half_y.tan() * aspect).atan();
    let view_proj = Mat4::from_translation(Vec3::new(-gfx.side.shift(size.0), 0.0, 0.0))
        * projection(-half_x, half_x, half_y, -half_y, 0.05, 300.0)
        * Mat4::from_rotation_translation(eye.rotation, eye.position).inverse();
    let (wheel, pointer, words) = (s.wheel, s.pointer, &s.words);
    let text = plates::tags_pass_with(&gfx.plates.ctx, size, ratio, view_proj, eye.position, &tags, |painter| {
        if let Some(centre) = wheel {
            wheel::paint(painter, centre, words, pointer.and_then(|p| wheel::hovered(centre, p)));
        }
    })
    .0;
    let frame = match gfx.surface.get_current_texture() {
        wgpu::CurrentSurfaceTexture::Success(t) | wgpu::CurrentSurfaceTexture::Suboptimal(t) => t,
        _ => {
            gfx.surface.configure(&gfx.device, &gfx.config);
            return true;
        }
    };
    let target = frame.texture.create_view(&Default::default());
    let layers = [Layer { view_proj, instances: &boxes }];
    gfx.side.draw(&gfx.device, &gfx.queue, &target, size, (&mut gfx.renderer, &layers), (&mut gfx.plates, text));
    gfx.queue.present(frame);
    s.frames += 1;
    for action in actions {
        act(s, action, &scene);
    }
    true
}

/// A click with the phrase wheel open: says the phrase the mouse points at (about what the
/// user looks at), or opens the panel's picker ("more…"); the wheel closes either way.
fn wheel_click(s: &mut State) {
    let Some(centre) = s.wheel.take() else { return };
    match wheel::chosen(centre, s.pointer) {
        Some(wheel::Choice::Say(phrase)) => {
            let scene = SceneInput::from_core(&mut s.net.shared.borrow_mut().core, Instant::now());
            act(s, Action::Send(Intent::Say { phrase, at: None }), &scene);
        }
        Some(wheel::Choice::More) => s.gfx.side.state.open_phrases = Some(true),
        None => {}
    }
}

/// What the side panel asked for, as the desktop window does it.
fn act(s: &mut State, action: Action, scene: &SceneInput) {
    match action {
        _ if s.camera.act(&action, scene) => {}
        // A phrase is about what the user looks at.
        Action::Send(Intent::Say { phrase, at: None }) => send_intent(s, say(scene, phrase, s.camera.own_eye())),
        Action::Send(intent) => send_intent(s, intent),
        Action::TeleportHere(who) => send_intent(s, bring_here(who, s.camera.position)),
        Action::HighlightAimed => key(s, "KeyH"),
        Action::PointAhead => key(s, "KeyK"),
        // The page has no voice yet: the panel offers no voice control without it.
        Action::SetAllCall(_) | Action::SetFloorLevel(_) => {}
        Action::Follow(_) | Action::FreeView | Action::Overview | Action::ToggleFirstPerson => {}
    }
}

/// The mouse pointer over the canvas as egui asks (a hand over a button).
fn set_cursor(canvas: &web_sys::HtmlCanvasElement, icon: egui::CursorIcon) {
    let cursor = match icon {
        egui::CursorIcon::PointingHand => "pointer",
        egui::CursorIcon::Text => "text",
        egui::CursorIcon::ResizeHorizontal | egui::CursorIcon::ResizeColumn => "col-resize",
        _ => "default",
    };
    let _ = canvas.style().set_property("cursor", cursor);
}

/// Fetches the CJK font the first time a name on screen or the reader's language needs it.
fn fetch_cjk_if_needed(state: Rc<RefCell<State>>, s: &mut State, scene: &SceneInput) {
    if s.cjk != Cjk::NotNeeded {
        return;
    }
    let language = s.words.language();
    let needed =
        matches!(language, "ko" | "zh-Hans" | "ja") || scene.avatars.iter().any(|a| fonts::needs_cjk(&a.name)) || {
            // Everyone the class lists, those who have left included.
            let mut shared = s.net.shared.borrow_mut();
            let mirror = &mut shared.core.mirror;
            mirror.people().iter().chain(mirror.gone.values()).any(|p| fonts::needs_cjk(&p.display_name))
        };
    if !needed {
        return;
    }
    s.cjk = Cjk::Fetching;
    wasm_bindgen_futures::spawn_local(async move {
        let fetched = fetch_bytes(CJK_FONT).await;
        let mut s = state.borrow_mut();
        match fetched {
            Ok(bytes) => {
                fonts::add_cjk(&s.gfx.plates.ctx, bytes.clone());
                fonts::add_cjk(s.gfx.side.ctx(), bytes.clone());
                s.gfx.renderer.change_fonts(|ctx| fonts::add_cjk(ctx, bytes.clone()));
                if let Some(xr) = &mut s.xr {
                    xr.add_cjk(&bytes);
                }
                s.cjk = Cjk::Added(Rc::new(bytes));
            }
            Err(e) => {
                web_sys::console::warn_1(&format!("the CJK font could not be fetched: {e:?}").into());
                s.cjk = Cjk::Failed;
            }
        }
    });
}

async fn fetch_bytes(path: &str) -> Result<Vec<u8>, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(path)).await?.dyn_into()?;
    if !response.ok() {
        return Err(format!("{path}: HTTP {}", response.status()).into());
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
