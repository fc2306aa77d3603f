// The browser room's loader: reads the invite from the link's fragment (never sent to a
// server), or asks for the six-digit code from an invites sheet and redeems it; asks this server
// which browser certificates its WebTransport port shows, loads the wasm client and hands it the
// canvas. Everything after that is the Rust client (headset-client/web), its side panel listing
// the keys. The link: https://HOST:PORT/room#token=TOKEN[&name=NAME][&view=VIEW]
const say = (text) => { document.getElementById("say").textContent = text; };

// The page's words in the reader's language (GET /room/words), `{$name}` filled from `args`.
let words = {};
function w(key, args) {
  let text = words[key] ?? key;
  for (const [name, value] of Object.entries(args ?? {})) text = text.replaceAll(`{$${name}}`, String(value));
  return text;
}

async function main() {
  try {
    const languages = encodeURIComponent(navigator.languages.join(","));
    const answer = await (await fetch(`/room/words?languages=${languages}`)).json();
    words = answer.words;
    document.documentElement.lang = answer.language;
  } catch (e) {
    say(`Cannot reach this server (${e}). Is it running?`);
    return;
  }
  document.title = w("room-title");
  for (const el of document.querySelectorAll("[data-w]")) el.textContent = w(el.dataset.w);
  say(w("room-opening"));
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get("token") || (await askCode());
  let name = params.get("name") || localStorage.getItem("crossdock-name") || "";
  if (!name) {
    name = await askName();
  }
  localStorage.setItem("crossdock-name", name);
  let certificates;
  try {
    const answer = await fetch("/console/certificates");
    certificates = await answer.json();
  } catch (e) {
    say(w("room-no-server", { error: e }));
    return;
  }
  let wasm;
  try {
    wasm = await import("/room/crossdock_web.js");
    await wasm.default({ module_or_path: "/room/crossdock_web_bg.wasm" });
  } catch (e) {
    // The server says how to build the bundle when it has none.
    const why = await fetch("/room/crossdock_web.js").then((r) => (r.ok ? "" : r.text())).catch(() => "");
    say(why || w("room-not-loaded", { error: e }));
    return;
  }
  const hashes = certificates.hashes.map((h) => Uint8Array.from(atob(h), (c) => c.charCodeAt(0)));
  const url = `https://${location.hostname}:${certificates.port}/room`;
  const canvas = document.getElementById("scene");
  canvas.width = canvas.clientWidth * devicePixelRatio;
  canvas.height = canvas.clientHeight * devicePixelRatio;
  try {
    const room = await wasm.join(canvas, url, hashes, token, name, params.get("view") || "free",
      [...navigator.languages]);
    window.crossdockRoom = room;
    window.crossdockEnterVR = () => enterVR(room);
    offerVR(room);
    say("");
    canvas.focus();
    const watch = setInterval(() => {
      const now = JSON.parse(room.status());
      if (now.ended) {
        clearInterval(watch);
        say(w("room-closed", { reason: now.ended }));
      }
    }, 500);
  } catch (e) {
    say(`${e.message || e}`);
  }
}

// No invite in the link: the six digits from an invites sheet, redeemed by this server
// (POST /room/code) for the invite's token, which then stands in the page's fragment as if the
// link had carried it.
function askCode() {
  say("");
  const form = document.getElementById("code-form");
  form.hidden = false;
  const input = form.querySelector("input");
  input.focus();
  return new Promise((resolve) => form.addEventListener("submit", async (e) => {
    e.preventDefault();
    say(w("room-code-checking"));
    try {
      const answer = await fetch("/room/code", { method: "POST", body: input.value.slice(0, 16) });
      const body = await answer.json();
      if (answer.ok && body.token) {
        form.hidden = true;
        history.replaceState(null, "", `#token=${encodeURIComponent(body.token)}`);
        say(w("room-opening"));
        resolve(body.token);
      } else {
        say(w(`room-code-${body.error}`, { minutes: body.minutes }));
        input.select();
      }
    } catch (err) {
      say(w("room-no-server", { error: err }));
    }
  }));
}

// Enter VR: offered when the browser has an immersive-vr runtime (a headset's browser).
async function offerVR(room) {
  if (!navigator.xr || !(await navigator.xr.isSessionSupported("immersive-vr").catch(() => false))) return;
  const button = document.getElementById("enter-vr");
  button.hidden = false;
  button.addEventListener("click", () => enterVR(room).catch((e) => say(w("room-no-vr", { error: e.message || e }))));
}

// The WebXR glue: the session, an XR-compatible WebGL2 context and its layer; then on every
// XR frame the viewer, each view and each controller as numbers for the wasm client, which
// draws both eyes into the layer.
async function enterVR(room) {
  const session = await navigator.xr.requestSession("immersive-vr", { requiredFeatures: ["local-floor"] });
  const canvas = document.getElementById("xr");
  // Where the browser sizes the layer by its canvas (an emulator), the page's size; a headset's
  // browser gives the layer the display's own size whatever the canvas is.
  canvas.width = innerWidth * devicePixelRatio;
  canvas.height = innerHeight * devicePixelRatio;
  const gl = canvas.getContext("webgl2", { xrCompatible: true, antialias: false, alpha: false, depth: false });
  if (gl.makeXRCompatible) await gl.makeXRCompatible();
  const layer = new XRWebGLLayer(session, gl, { antialias: false, depth: false });
  session.updateRenderState({ baseLayer: layer });
  const space = await session.requestReferenceSpace("local-floor");
  await room.enter_xr(gl);
  canvas.hidden = false;
  document.getElementById("scene").hidden = true;
  document.getElementById("enter-vr").hidden = true;
  const head = new Float32Array(7);
  const views = new Float32Array(2 * 27);
  const hands = new Float32Array(2 * 20);
  const put = (array, at, transform) => {
    const p = transform.position, q = transform.orientation;
    array.set([p.x, p.y, p.z, q.x, q.y, q.z, q.w], at);
  };
  const seen = (window.crossdockXr = { frames: 0, poses: 0, error: null });
  const onFrame = (time, frame) => {
    session.requestAnimationFrame(onFrame);
    seen.frames++;
    try {
      draw(frame);
    } catch (e) {
      seen.error = `${e.message || e}`;
      throw e;
    }
  };
  const draw = (frame) => {
    const pose = frame.getViewerPose(space);
    if (!pose) return;
    seen.poses++;
    put(head, 0, pose.transform);
    const count = Math.min(pose.views.length, 2);
    for (let i = 0; i < count; i++) {
      const view = pose.views[i];
      const vp = layer.getViewport(view);
      views.set([vp.x, vp.y, vp.width, vp.height], i * 27);
      views.set(view.projectionMatrix, i * 27 + 4);
      put(views, i * 27 + 20, view.transform);
    }
    hands.fill(0);
    for (const source of session.inputSources) {
      const slot = source.handedness === "left" ? 0 : source.handedness === "right" ? 1 : -1;
      if (slot < 0 || !source.gripSpace) continue;
      const grip = frame.getPose(source.gripSpace, space);
      const aim = frame.getPose(source.targetRaySpace, space);
      if (!grip || !aim) continue;
      const at = slot * 20;
      hands[at] = 1;
      put(hands, at + 1, grip.transform);
      put(hands, at + 8, aim.transform);
      const pad = source.gamepad;
      hands[at + 15] = pad?.buttons[0]?.value ?? 0;
      hands[at + 16] = pad?.buttons[1]?.value ?? 0;
      hands[at + 17] = pad?.axes[2] ?? 0;
      hands[at + 18] = pad?.axes[3] ?? 0;
      hands[at + 19] = pad?.buttons[4]?.value ?? 0;
      seen[source.handedness] = pad ? [...pad.buttons].map((b) => b?.value ?? null) : null;
    }
    room.xr_frame(layer.framebuffer, layer.framebufferWidth, layer.framebufferHeight, head,
      views.subarray(0, count * 27), hands);
  };
  session.requestAnimationFrame(onFrame);
  session.addEventListener("end", () => {
    room.exit_xr();
    canvas.hidden = true;
    document.getElementById("scene").hidden = false;
    document.getElementById("enter-vr").hidden = false;
  });
}

// The name others will see over this person's head, asked once and remembered on this device.
function askName() {
  say("");
  const form = document.getElementById("name-form");
  form.hidden = false;
  const input = form.querySelector("input");
  input.focus();
  return new Promise((resolve) => form.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = input.value.trim();
    if (name) {
      form.hidden = true;
      say(w("room-opening"));
      resolve(name);
    }
  }));
}

main();
