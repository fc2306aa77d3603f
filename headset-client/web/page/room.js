// The browser room's loader: reads the invite from the link's fragment (never sent to a
// server), asks this server which browser certificates its WebTransport port shows, loads the
// wasm client and hands it the canvas. Everything after that is the Rust client
// (headset-client/web). The link: https://HOST:PORT/room#token=TOKEN[&name=NAME][&view=VIEW]
const say = (text) => { document.getElementById("say").textContent = text; };

const KEYS = {
  observer: "F1 free · F2 follow next · F3 overview · C first person / shoulder · drag to look · WASD QE to fly",
  participant: "WASD walk · drag to look · G grab / release · Space use tool · Tab next tool · M mark · O door · F2 follow · F3 overview",
};

async function main() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get("token");
  if (!token) {
    say("This page needs an invite: open the link your instructor sent (it ends in #token=…).");
    return;
  }
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
    say(`Cannot ask this server for its certificates (${e}). Is it running?`);
    return;
  }
  let wasm;
  try {
    wasm = await import("/room/crossdock_web.js");
    await wasm.default({ module_or_path: "/room/crossdock_web_bg.wasm" });
  } catch (e) {
    const why = await fetch("/room/crossdock_web.js").then((r) => (r.ok ? "" : r.text())).catch(() => "");
    say(why || `The browser room could not load (${e}).`);
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
    say("");
    const status = JSON.parse(room.status());
    const keys = document.getElementById("keys");
    keys.textContent = status.role === "observer" ? KEYS.observer : KEYS.participant;
    keys.hidden = false;
    canvas.focus();
    const watch = setInterval(() => {
      const now = JSON.parse(room.status());
      if (now.ended) {
        clearInterval(watch);
        say(`The room closed: ${now.ended}`);
      }
    }, 500);
  } catch (e) {
    say(`${e.message || e}`);
  }
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
      say("Opening the room…");
      resolve(name);
    }
  }));
}

main();
