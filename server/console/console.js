// The Crossdock console: one WebTransport session to the server's QUIC port, one bidirectional
// stream, the console protocol of PROTOCOL.md ("The console"): length-prefixed JSON. Every
// string a participant or a roster supplies is put on the page as text (textContent), never
// as markup.
"use strict";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const state = { words: {}, steer: false, seq: 1, writer: null, frame: null, selected: null, teleporting: null, tiles: new Map() };

// Words ------------------------------------------------------------------------------------

/** The largest roster sent, in KiB (a console message may be 256 KiB: room for the rest). */
const MAX_ROSTER_KIB = 240;

/** The word `key`, with `{$name}` filled in from `args`. */
function w(key, args) {
  let text = state.words[key] ?? key;
  for (const [name, value] of Object.entries(args ?? {})) text = text.replaceAll(`{$${name}}`, String(value));
  return text;
}

function translatePage() {
  for (const el of document.querySelectorAll("[data-w]")) {
    if (state.words[el.dataset.w] !== undefined) el.textContent = w(el.dataset.w);
  }
  document.documentElement.lang = state.language ?? "en";
  document.title = w("console-title");
}

// The wire ---------------------------------------------------------------------------------

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function send(msg) {
  if (!state.writer) return;
  const body = encoder.encode(JSON.stringify(msg));
  const frame = new Uint8Array(4 + body.length);
  new DataView(frame.buffer).setUint32(0, body.length);
  frame.set(body, 4);
  state.writer.write(frame).catch(() => {});
}

function command(cmd) {
  const seq = state.seq++;
  send({ t: "command", seq, command: cmd });
  $("result").textContent = "…";
}

async function readMessages(readable, onMessage) {
  const reader = readable.getReader();
  let buf = new Uint8Array(0);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const joined = new Uint8Array(buf.length + value.length);
    joined.set(buf);
    joined.set(value, buf.length);
    buf = joined;
    while (buf.length >= 4) {
      const len = new DataView(buf.buffer, buf.byteOffset).getUint32(0);
      if (len > 8 * 1024 * 1024) throw new Error("a message over the limit");
      if (buf.length < 4 + len) break;
      onMessage(JSON.parse(decoder.decode(buf.subarray(4, 4 + len))));
      buf = buf.slice(4 + len);
    }
  }
}

function base64Bytes(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** The token in an invite link (`crossdock://…?token=…`), a console link (`…#token=…`) or alone. */
function tokenOf(text) {
  const t = text.trim();
  const m = t.match(/[?#&]token=([A-Za-z0-9_\-.]+)/);
  return m ? m[1] : t;
}

async function connect(token) {
  $("login-status").textContent = w("login-connecting");
  try {
    const certs = await (await fetch("/console/certificates", { cache: "no-store" })).json();
    const options = certs.hashes.length
      ? { serverCertificateHashes: certs.hashes.map((h) => ({ algorithm: "sha-256", value: base64Bytes(h) })) }
      : {};
    const transport = new WebTransport(`https://${location.hostname}:${certs.port}/console`, options);
    await transport.ready;
    const stream = await transport.createBidirectionalStream();
    state.writer = stream.writable.getWriter();
    const language = navigator.languages?.[0] ?? navigator.language ?? "en";
    send({ t: "hello", version: 1, token, language });
    state.token = token;
    // The browser's own reason is in its language, not the reader's: it goes to the log only.
    transport.closed.then(
      (info) => lost(info?.reason),
      (e) => lost(e?.message ?? e),
    );
    await readMessages(stream.readable, handle);
  } catch (e) {
    lost(e?.message ?? e);
  }
}

function lost(reason) {
  state.writer = null;
  if (reason) console.info("console connection closed:", String(reason));
  if (state.refused) return;
  const line = $("login").hidden ? $("result") : $("login-status");
  line.textContent = w("login-lost");
  document.body.dataset.connection = "lost";
}

// Messages ---------------------------------------------------------------------------------

function handle(msg) {
  switch (msg.t) {
    case "welcome": return welcome(msg);
    case "refused":
      state.refused = true;
      sessionStorage.removeItem("crossdock-token");
      $("login-status").textContent = msg.message;
      return;
    case "frame": return frame(msg);
    case "result":
      $("result").textContent = msg.ok ? w("done") : w("denied", { reason: w(state.words[msg.reason] ? msg.reason : "deny-other") });
      return;
    case "drills": return drills(msg.drills);
    case "report": return report(msg);
    case "invites": return sheet(msg);
    case "class": return standing(msg);
    case "draft": return editorDraft(msg);
    case "checked": return editorChecked(msg);
    case "pack": return editorPack(msg);
    case "imported": return editorImported(msg);
    case "problem": editorProblem(); $("result").textContent = msg.message; return;
  }
}

function welcome(msg) {
  Object.assign(state, { words: msg.words, steer: msg.steer, language: msg.language });
  translatePage();
  $("who").textContent = w("who-you-are", { name: msg.name, role: w(`role-${msg.role}`), session: msg.session });
  $("login").hidden = true;
  $("tabs").hidden = false;
  // The room in 3D, in a new tab, with this console's token (in the fragment: never sent).
  const room = new URLSearchParams({ token: state.token, name: msg.name, view: "overview" });
  $("watch-3d").href = `/room#${room}`;
  showTab("live");
  $("steer").hidden = !msg.steer;
  $("watching").hidden = msg.steer;
  for (const el of document.querySelectorAll("#new-drill button, #make-invites, #follow")) el.disabled = !msg.steer;
  state.origins = msg.origins ?? {};
  for (const select of [$("scenario-switch"), $("new-scenario")]) fillScenarios(select, msg.scenarios);
  $("editor-tab").hidden = !msg.steer;
  document.body.dataset.connection = "open";
  document.body.dataset.role = msg.role;
}

// Live -------------------------------------------------------------------------------------

function clock(ms) {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function frame(f) {
  state.frame = f;
  const d = f.drill;
  const parts = [w("drill-heading", { number: d.number, scenario: d.scenario }),
    w(d.paused ? "drill-paused" : "drill-running"), w("drill-elapsed", { time: clock(d.elapsed_ms) })];
  if (d.revealed) parts.push(w("drill-revealed"));
  if (d.debrief) parts.push(w("drill-debrief", { drill: d.debrief }));
  $("drill-line").textContent = parts.join(" · ");
  document.body.dataset.paused = d.paused;
  $("pause").textContent = w(d.paused ? "steer-resume" : "steer-pause");
  $("pause").dataset.paused = d.paused;
  $("lock-unmute").textContent = w(d.self_unmute_locked ? "steer-unlock-unmute" : "steer-lock-unmute");
  $("observers").textContent = w(d.observers_open ? "steer-observers-open" : "steer-observers-closed");
  $("observers").setAttribute("aria-pressed", d.observers_open);
  $("debrief").textContent = w(d.debrief ? "steer-close-debrief" : "steer-open-debrief");
  // The risk assessment: how many trainees have chosen, and the instructor's way past it.
  const trainees = f.people.filter((p) => p.role === "trainee" && p.connected).length;
  $("risk").hidden = !d.risk_open;
  $("risk").textContent = w("steer-close-risk", { chosen: d.chosen, trainees });
  drawMap(f);
  drawPeople(f);
  drawFindings(f);
}

function el(tag, attrs, text) {
  const e = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Room millimetres to map units (decimetres), x along the container, z across. */
function view(f) {
  const [length, , width] = f.container_mm;
  const x0 = -1000, x1 = length + 4000, z0 = -width / 2 - 1500, z1 = width / 2 + 1500;
  return { x0, z0, w: (x1 - x0) / 100, h: (z1 - z0) / 100, x: (x) => (x - x0) / 100, z: (z) => (z - z0) / 100 };
}

function drawMap(f) {
  const svg = $("map");
  const v = view(f);
  svg.setAttribute("viewBox", `0 0 ${v.w} ${v.h}`);
  const [length, , width] = f.container_mm;
  const layer = el("svg:g");
  layer.append(el("svg:rect", { class: "container", x: v.x(0), y: v.z(-width / 2), width: length / 100, height: width / 100 }));
  // The doors at the far end, swung out when open.
  for (const door of f.doors) {
    const side = door.name === "left" ? -1 : 1;
    const hinge = { x: v.x(length), y: v.z((side * width) / 2) };
    const leaf = width / 200;
    const end = door.open ? { x: hinge.x + leaf, y: hinge.y } : { x: hinge.x, y: hinge.y - side * leaf };
    layer.append(el("svg:line", { class: `door ${door.open ? "open" : "closed"}`, "data-door": door.name,
      x1: hinge.x, y1: hinge.y, x2: end.x, y2: end.y }));
  }
  for (const item of f.items) {
    const g = el("svg:g", { class: `item${item.held ? " held" : ""}${item.opened ? " opened" : ""}`,
      transform: `translate(${v.x(item.x)} ${v.z(item.z)}) rotate(${-item.yaw / 10})` });
    g.append(el("svg:rect", { x: -item.half[0] / 100, y: -item.half[1] / 100, width: item.half[0] / 50, height: item.half[1] / 50 }));
    g.append(el("svg:title", {}, item.label));
    layer.append(g);
  }
  for (const finding of f.findings) {
    const [x, , z] = finding.at;
    const g = el("svg:g", { class: `pin ${finding.status}`, transform: `translate(${v.x(x)} ${v.z(z)})`, "data-finding": finding.id });
    g.append(el("svg:path", { d: "M0 -3 L2 0 L0 3 L-2 0 Z" }));
    g.append(el("svg:title", {}, `${finding.id}: ${w(`category-${finding.category}`)}`));
    layer.append(g);
  }
  const labels = [];
  // Pointing rays under the people: from the head to the dot where the hand's ray meets a
  // surface, in the pointer's colour.
  for (const p of f.people) {
    if (!p.at || !p.points_at) continue;
    const [x, , z] = p.at;
    const [px, , pz] = p.points_at;
    const style = p.colour ? `stroke: ${p.colour}; fill: ${p.colour}` : "";
    const g = el("svg:g", { class: "pointing", "data-points": p.id, "data-x": px, "data-z": pz, style });
    g.append(el("svg:line", { x1: v.x(x), y1: v.z(z), x2: v.x(px), y2: v.z(pz) }));
    g.append(el("svg:circle", { cx: v.x(px), cy: v.z(pz), r: 0.9 }));
    layer.append(g);
  }
  for (const p of f.people) {
    if (!p.at) continue;
    const [x, , z] = p.at;
    const yaw = p.yaw / 10;
    const g = el("svg:g", { class: `person ${p.role}${state.selected === p.id ? " selected" : ""}${p.talking ? " talking" : ""}`,
      "data-person": p.id, "data-x": x, "data-z": z, transform: `translate(${v.x(x)} ${v.z(z)})` });
    g.append(el("svg:line", { class: "gaze", x1: 0, y1: 0, x2: 4 * Math.cos((yaw * Math.PI) / 180), y2: 4 * Math.sin((yaw * Math.PI) / 180) }));
    g.append(el("svg:circle", { r: 1.6, style: p.colour ? `fill: ${p.colour}` : "" }));
    const dy = labelOffset(labels, v.x(x), v.z(z), p.name);
    g.append(el("svg:text", { y: dy }, p.name));
    g.addEventListener("click", (e) => { e.stopPropagation(); select(p.id); });
    layer.append(g);
  }
  svg.replaceChildren(layer);
}

/** Where a name goes under or over its dot (map units) so that it overlaps no name placed
 * before it: above, below, then further out on either side. */
function labelOffset(placed, x, y, name) {
  const width = 1.0 * [...name].length + 1;
  const height = 2;
  for (const dy of [-2.4, 3.8, -4.6, 6.0, -6.8, 8.2, -9.0]) {
    const box = { x0: x - width / 2, x1: x + width / 2, y0: y + dy - height * 0.8, y1: y + dy + height * 0.2 };
    if (!placed.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1)) {
      placed.push(box);
      return dy;
    }
  }
  return -2.4;
}

function select(id) {
  state.selected = state.selected === id ? null : id;
  for (const t of state.tiles.values()) t.root.classList.toggle("selected", t.id === state.selected);
}

$("map").addEventListener("click", (e) => {
  if (!state.teleporting || !state.frame) return;
  const svg = $("map");
  const box = svg.getBoundingClientRect();
  const v = view(state.frame);
  const x = Math.round(v.x0 + ((e.clientX - box.left) / box.width) * v.w * 100);
  const z = Math.round(v.z0 + ((e.clientY - box.top) / box.height) * v.h * 100);
  command({ do: "teleport", who: state.teleporting, to: [x, 0, z] });
  state.teleporting = null;
  $("map-help").textContent = "";
});

// The interface languages by their own names (as the headsets' panel shows them), for the
// interpreter picker: a channel is named the same for every reader.
const LANGUAGES = [
  ["en", "English"], ["th", "ไทย"], ["ko", "한국어"], ["zh-Hans", "中文"],
  ["vi", "Tiếng Việt"], ["ja", "日本語"], ["ms", "Bahasa Melayu"], ["id", "Bahasa Indonesia"],
];

function endonym(tag) {
  return LANGUAGES.find(([t]) => t === tag)?.[1] ?? tag;
}

function tile(p) {
  const root = el("li", { class: "tile", "data-person": p.id, "data-role": p.role });
  const parts = {};
  for (const name of ["name", "admin", "role", "net", "tool", "last", "badges"]) {
    parts[name] = el(name === "name" ? "strong" : "span", { class: name });
    root.append(parts[name]);
  }
  const actions = el("div", { class: "actions" });
  if (state.steer) {
    const button = (key, onClick) => {
      const b = el("button", { type: "button", "data-action": key }, w(key));
      b.addEventListener("click", onClick);
      actions.append(b);
      return b;
    };
    parts.mute = button("person-mute", () => command({ do: "mute", who: p.id, muted: !current(p.id).muted }));
    parts.freeze = button("person-freeze", () => command({ do: "freeze", who: p.id, frozen: !current(p.id).frozen }));
    button("person-summon", () => command({ do: "summon", who: p.id }));
    button("person-teleport", () => {
      state.teleporting = p.id;
      $("map-help").textContent = w("teleport-pick", { name: current(p.id).name });
    });
    button("person-lead", () => command({ do: "give_lead", who: p.id }));
    // An interpreter's voice reaches only those listening to their language.
    const interpret = el("select", { "data-action": "person-interpreter", title: w("person-interpreter") });
    interpret.append(el("option", { value: "" }, w("person-not-interpreter")));
    for (const [tag, name] of LANGUAGES) interpret.append(el("option", { value: tag }, name));
    interpret.addEventListener("click", (e) => e.stopPropagation());
    interpret.addEventListener("change", () => command({ do: "interpret", who: p.id, language: interpret.value || null }));
    actions.append(interpret);
    parts.interpret = interpret;
    button("person-remove", () => {
      if (confirm(w("person-remove-confirm", { name: current(p.id).name }))) command({ do: "remove", who: p.id });
    });
  }
  root.append(actions);
  root.addEventListener("click", () => select(p.id));
  return { id: p.id, root, parts };
}

function current(id) {
  return state.frame.people.find((p) => p.id === id) ?? {};
}

function drawPeople(f) {
  const list = $("people");
  const seen = new Set();
  f.people.forEach((p, i) => {
    seen.add(p.id);
    let t = state.tiles.get(p.id);
    if (!t) {
      t = tile(p);
      state.tiles.set(p.id, t);
    }
    // In the frame's order (by id); a tile already in place is not touched.
    if (list.children[i] !== t.root) list.insertBefore(t.root, list.children[i] ?? null);
    t.parts.name.textContent = p.name;
    t.parts.admin.textContent = p.administration;
    t.parts.role.textContent = w(`role-${p.role}`);
    t.parts.net.textContent = `${w("tile-rtt", { ms: p.rtt_ms })} · ${w("tile-loss", { percent: (p.loss_permille / 10).toFixed(1) })}`;
    t.parts.tool.textContent = p.tool ? w("tile-tool", { tool: w(`tool-${p.tool}`) }) : "";
    t.parts.last.textContent = p.last ? w("tile-last", { action: w(p.last) }) : "";
    const badges = [];
    if (p.talking) badges.push(w("tile-talking"));
    if (p.muted) badges.push(w("tile-muted"));
    if (p.frozen) badges.push(w("tile-frozen"));
    if (p.interprets) badges.push(w("tile-interprets", { language: endonym(p.interprets) }));
    if (f.drill.lead === p.id) badges.push(w("tile-lead"));
    if (p.left) badges.push(w("tile-left"));
    else if (!p.connected) badges.push(w("tile-away"));
    t.parts.badges.textContent = badges.join(" · ");
    t.root.dataset.left = Boolean(p.left);
    if (p.colour) t.root.style.borderLeftColor = p.colour;
    t.root.dataset.muted = p.muted;
    t.root.dataset.talking = p.talking;
    if (t.parts.mute) t.parts.mute.textContent = w(p.muted ? "person-unmute" : "person-mute");
    if (t.parts.freeze) t.parts.freeze.textContent = w(p.frozen ? "person-unfreeze" : "person-freeze");
    if (t.parts.interpret && document.activeElement !== t.parts.interpret) t.parts.interpret.value = p.interprets ?? "";
  });
  for (const [id, t] of state.tiles) {
    if (!seen.has(id)) {
      t.root.remove();
      state.tiles.delete(id);
    }
  }
  $("people-none").hidden = f.people.length > 0;
}

function drawFindings(f) {
  const names = new Map(f.people.map((p) => [p.id, p.name]));
  const items = f.findings.map((finding) => {
    const li = el("li", { class: `finding ${finding.status}`, "data-finding": finding.id });
    const by = finding.signers.map((s) => names.get(s) ?? `#${s}`).join(", ");
    li.append(el("strong", {}, `${finding.id}. ${w(`category-${finding.category}`)}`), " ",
      el("span", {}, w("finding-by", { names: by })), " ", el("em", {}, w(`finding-${finding.status}`)));
    if (state.steer) {
      for (const [key, confirmed] of [["finding-confirm", true], ["finding-reject", false]]) {
        const b = el("button", { type: "button" }, w(key));
        b.addEventListener("click", () => command({ do: "judge", finding: finding.id, confirmed }));
        li.append(b);
      }
    }
    return li;
  });
  // Only when something changed: buttons under the pointer stay put between frames.
  const key = JSON.stringify(f.findings);
  if (key !== state.findingsKey) {
    state.findingsKey = key;
    $("findings").replaceChildren(...items);
  }
  $("findings-none").hidden = f.findings.length > 0;
}

// Steering ---------------------------------------------------------------------------------

for (const b of document.querySelectorAll("#steer [data-do]")) {
  b.addEventListener("click", () => {
    const cmd = { do: b.dataset.do };
    if (b.dataset.who) cmd.who = b.dataset.who === "trainees" ? "trainees" : Number(b.dataset.who);
    if (b.dataset.muted) cmd.muted = b.dataset.muted === "true";
    if (b.dataset.frozen) cmd.frozen = b.dataset.frozen === "true";
    command(cmd);
  });
}
$("pause").addEventListener("click", () => command({ do: state.frame?.drill.paused ? "resume" : "pause" }));
$("rerandomise").addEventListener("click", () => command({ do: "rerandomise", seed: Math.floor(Math.random() * 2 ** 32) }));
$("switch").addEventListener("click", () => command({ do: "switch_scenario", name: $("scenario-switch").value }));
$("lock-unmute").addEventListener("click", () => command({ do: "lock_self_unmute", locked: !state.frame?.drill.self_unmute_locked }));
$("observers").addEventListener("click", () => command({ do: "admit_observers", open: !state.frame?.drill.observers_open }));
$("risk").addEventListener("click", () => command({ do: "close_risk_stage" }));
$("debrief").addEventListener("click", () => command(state.frame?.drill.debrief ? { do: "close_debrief" } : { do: "open_debrief", drill: 0 }));

// Class and invites ------------------------------------------------------------------------

$("new-drill").addEventListener("submit", (e) => {
  e.preventDefault();
  const roster = $("roster").value.trim();
  // The server takes at most 256 KiB a message: say so here rather than lose the connection.
  const kib = Math.ceil(new TextEncoder().encode(roster).length / 1024);
  if (kib > MAX_ROSTER_KIB) {
    $("result").textContent = w("problem-roster-too-large", { kib, max: MAX_ROSTER_KIB });
    return;
  }
  send({ t: "new_drill", scenario: $("new-scenario").value, roster: roster || null });
  $("result").textContent = "…";
});
$("make-invites").addEventListener("click", () => send({ t: "invites" }));
$("follow").addEventListener("click", () => {
  send({ t: "follow", curriculum: $("curriculum-pick").value || null });
  $("result").textContent = "…";
});
$("next-drill").addEventListener("click", () => {
  send({ t: "new_drill", scenario: $("next-drill").dataset.scenario, roster: null });
  $("result").textContent = "…";
});

/** The class in its curriculum: who stands where, and the drill most of them need next. */
function standing(c) {
  const pick = $("curriculum-pick");
  pick.replaceChildren(new Option(w("class-follows-none"), ""), ...c.curricula.map(([name, title]) => new Option(title, name)));
  pick.value = c.following ?? "";
  $("standing-none").hidden = c.learners.length > 0;
  $("standing").hidden = c.learners.length === 0;
  $("standing").tBodies[0].replaceChildren(...c.learners.map((l) => {
    const row = el("tr", { "data-learner": l.learner });
    row.append(el("td", {}, l.name), el("td", {}, l.level), el("td", {}, l.status), el("td", {}, l.why.join(" ")));
    return row;
  }));
  const next = $("next-drill");
  next.textContent = c.next ? w("class-next", { scenario: c.next }) : w("class-next-none");
  next.dataset.scenario = c.next ?? "";
  next.disabled = !c.next || !state.steer;
  $("result").textContent = "";
}
$("print-invites").addEventListener("click", () => {
  document.body.dataset.printing = "invites";
  window.print();
});
window.addEventListener("afterprint", () => delete document.body.dataset.printing);

/** A QR code as SVG squares, from its modules (`1` dark), row after row. */
function qr(modules, size) {
  const quiet = 4;
  const svg = el("svg:svg", { class: "qr", viewBox: `0 0 ${size + 2 * quiet} ${size + 2 * quiet}`, "shape-rendering": "crispEdges" });
  let d = "";
  for (let i = 0; i < modules.length; i++) {
    if (modules[i] === "1") d += `M${(i % size) + quiet} ${Math.floor(i / size) + quiet}h1v1h-1z`;
  }
  svg.append(el("svg:rect", { width: size + 2 * quiet, height: size + 2 * quiet, fill: "#fff" }), el("svg:path", { d, fill: "#000" }));
  return svg;
}

function sheet(s) {
  const cards = s.cards.map((c) => {
    const card = el("article", { class: "invite" });
    card.append(el("h3", {}, c.name ?? w(c.role === "observer" ? "class-any-observer" : "class-any-trainee")));
    if (c.administration) card.append(el("p", { class: "admin" }, c.administration));
    card.append(qr(c.qr, c.qr_size));
    card.append(el("p", { class: "code-label" }, w("class-code")));
    card.append(el("p", { class: "code", "data-code": c.code }, `${c.code.slice(0, 3)} ${c.code.slice(3)}`));
    card.append(el("p", { class: "link" }, c.link));
    return card;
  });
  const head = el("header", {});
  head.append(el("h2", {}, `${w("class-invites")}: ${s.session}`),
    el("p", {}, w("class-server", { server: s.server })),
    el("p", {}, w("class-expires", { time: s.expires.replace("T", " ").replace("Z", " UTC") })),
    el("p", { class: "help" }, w("class-sheet-help", { minutes: s.code_minutes, room: `${location.origin}/room` })));
  $("sheet").replaceChildren(head, el("div", { class: "cards" }));
  $("sheet").lastChild.append(...cards);
  $("print-invites").disabled = false;
}

// Drills and reports -----------------------------------------------------------------------

$("refresh-drills").addEventListener("click", () => send({ t: "drills" }));

function drills(list) {
  const rows = list.map((d) => {
    const tr = el("tr", { "data-drill": d.number });
    for (const text of [d.number, d.scenario, d.started.replace("T", " ").replace("Z", " UTC"), clock(d.seconds * 1000), d.trainees,
      w(d.running ? "drills-running" : "drills-ended")]) tr.append(el("td", {}, String(text)));
    const td = el("td", {});
    const open = el("button", { type: "button" }, w("drills-report"));
    open.addEventListener("click", () => send({ t: "report", drill: d.number }));
    td.append(open);
    if (state.steer) {
      const debrief = el("button", { type: "button" }, w("drills-debrief"));
      debrief.addEventListener("click", () => { command({ do: "open_debrief", drill: d.number }); showTab("live"); });
      td.append(debrief);
    }
    tr.append(td);
    return tr;
  });
  $("drill-table").tBodies[0].replaceChildren(...rows);
  $("drills-none").hidden = list.length > 0;
}

function report(r) {
  $("report-heading").textContent = w("report-heading", { drill: r.drill });
  // A sandboxed frame that runs no script: the report's names are escaped, and even if they
  // were not, nothing in it could act.
  $("report-frame").srcdoc = r.html;
  $("report").hidden = false;
}
$("print-report").addEventListener("click", () => $("report-frame").contentWindow?.print());
$("close-report").addEventListener("click", () => { $("report").hidden = true; });

// Tabs and start ---------------------------------------------------------------------------

function showTab(name) {
  for (const s of document.querySelectorAll(".tab")) s.hidden = s.id !== name;
  for (const b of document.querySelectorAll("#tabs button")) b.setAttribute("aria-selected", b.dataset.tab === name);
  if (name === "drills") send({ t: "drills" });
  if (name === "class") send({ t: "class" });
  // The editor opens on an empty 20 ft dry van (and learns the names fields may take).
  if (name === "editor" && !ed.draft) send({ t: "edit_scenario", container: "20ft-dry" });
}
for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));

$("login-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const token = tokenOf($("token").value);
  sessionStorage.setItem("crossdock-token", token);
  connect(token);
});

// A console link carries the token in its fragment, which the browser never sends: take it,
// and take it out of the address bar and the history.
{
  const fromLink = location.hash.includes("token=") ? tokenOf(location.hash) : null;
  if (fromLink) {
    history.replaceState(null, "", location.pathname);
    sessionStorage.setItem("crossdock-token", fromLink);
  }
  const token = sessionStorage.getItem("crossdock-token");
  if (token) connect(token);
}
