// The scenario editor, the console's own tab (instructors only). The draft is the scenario
// file's fields as JSON; every change is sent to the server, which checks it with the code
// that loads a file and answers with the first problem, by field, and the file it would save.
// The problem is shown next to its field. "Try it" starts the draft as a drill in this session;
// "Save" writes it into the centre's library. Every string from a draft is put on the page as
// text, never as markup.
"use strict";

const ed = { draft: null, choices: null, selected: null, waiting: false, again: false, submit: null, problems: [] };

/** Default size (mm) and mass (kg) of a new package of each kind. */
const NEW_CARGO = {
  pallet: [[1200, 1000, 1000], 800], carton: [[600, 400, 400], 20], drum: [[600, 900, 600], 180],
  bag: [[800, 300, 500], 50], loose: [[1000, 500, 1000], 100],
};
const PHRASE_LANGUAGES = ["en", "th", "ko", "ja", "zh-Hans", "vi", "id", "ms"];

// Paths: `cargo[2].size_mm[0]` ---------------------------------------------------------------

function steps(path) {
  return path.split(/\.|(?=\[)/).map((s) => (s.startsWith("[") ? Number(s.slice(1, -1)) : s));
}

function getPath(path) {
  return steps(path).reduce((v, k) => (v == null ? undefined : v[k]), ed.draft);
}

function setPath(path, value) {
  const keys = steps(path);
  let v = ed.draft;
  keys.slice(0, -1).forEach((k, i) => {
    if (v[k] == null) v[k] = typeof keys[i + 1] === "number" ? [] : {};
    v = v[k];
  });
  const last = keys[keys.length - 1];
  if (value === undefined) delete v[last];
  else v[last] = value;
}

// Talking to the server ----------------------------------------------------------------------

/** Sends the draft to be checked: one request in flight, the newest draft after it. */
function check() {
  if (ed.waiting) { ed.again = true; return; }
  ed.waiting = true;
  $("editor-status").textContent = w("editor-checking");
  send({ t: "check_scenario", draft: ed.draft });
}

/** Tries (`try_scenario`) or saves (`save_scenario`) the draft, after any check in flight. */
function submit(t) {
  if (!ed.draft) return;
  if (ed.waiting) { ed.submit = t; return; }
  ed.waiting = true;
  $("editor-status").textContent = w("editor-checking");
  send({ t, draft: ed.draft });
}

/** A request failed (the server says why in the header's line): the editor may ask again. */
function editorProblem() {
  ed.waiting = false;
  if (ed.again) { ed.again = false; check(); }
}

function editorDraft(msg) {
  const first = !ed.choices;
  ed.draft = msg.draft;
  ed.choices = msg.choices;
  if (first) fillScenarios($("editor-from"), state.scenarios ?? []);
  ed.selected = ed.draft.cargo?.length ? 0 : null;
  ed.problems = [];
  render();
  check();
}

function editorChecked(msg) {
  ed.waiting = false;
  ed.problems = msg.problems;
  $("editor-toml").textContent = msg.toml;
  if (msg.saved) {
    const trying = msg.saved.startsWith("draft/");
    $("editor-status").textContent = w(trying ? "editor-trying" : "editor-saved", { name: msg.saved });
    for (const select of [$("scenario-switch"), $("new-scenario"), $("editor-from")]) fillScenarios(select, msg.scenarios);
  } else if (msg.problems.length) {
    $("editor-status").textContent = w("editor-problem", { message: msg.problems[0].message });
  } else {
    const cargo = (ed.draft.cargo ?? []).reduce((n, c) => n + (c.count ?? 1), 0);
    $("editor-status").textContent = w("editor-ok", { cargo, concealments: (ed.draft.concealments ?? []).length });
  }
  document.body.dataset.editor = msg.problems.length ? "problem" : "ok";
  showProblems();
  if (ed.submit) {
    const t = ed.submit;
    ed.submit = null;
    ed.again = false;
    submit(t);
  } else if (ed.again) {
    ed.again = false;
    check();
  }
}

function fillScenarios(select, names) {
  const keep = select.value;
  const empties = select === $("editor-from")
    ? (ed.choices?.containers ?? []).map(([c]) => new Option(w("editor-empty", { container: c }), `empty:${c}`))
    : [];
  state.scenarios = names;
  select.replaceChildren(...empties, ...names.map((s) => new Option(scenarioLabel(s), s)));
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

/** Puts each problem next to the field it names (or the nearest field above it). */
function showProblems() {
  for (const p of document.querySelectorAll("#editor .field-problem")) p.remove();
  for (const i of document.querySelectorAll("#editor [aria-invalid]")) i.removeAttribute("aria-invalid");
  for (const problem of ed.problems) {
    // A package's field shows when that package is the one selected.
    const cargo = problem.field.match(/^cargo\[(\d+)\]/);
    if (cargo && Number(cargo[1]) !== ed.selected) { ed.selected = Number(cargo[1]); render(); return; }
    let path = problem.field;
    let target = null;
    while (path && !(target = document.querySelector(`#editor [data-field="${CSS.escape(path)}"]`))) {
      path = path.replace(/(\.[^.[]*|\[\d+\])$/, "");
    }
    target ??= $("editor-general");
    for (const input of target.querySelectorAll("input, select")) input.setAttribute("aria-invalid", "true");
    const note = el("p", { class: "field-problem", role: "alert", "data-for": problem.field }, problem.message);
    target.after(note);
  }
  drawViews();
}

// Fields ------------------------------------------------------------------------------------

/** A labelled input for `path`: text, int, number, check, or a select of `opts.options`
 * ([value, label] pairs); `opts.optional` leaves an empty text out, `opts.rerender` redraws the
 * form after a change (a change that changes other fields' choices). */
function input(path, labelKey, type, opts = {}) {
  const label = el("label", { class: "field", "data-field": path });
  label.append(el("span", {}, w(labelKey)));
  const value = getPath(path);
  let control;
  if (type === "select") {
    control = el("select");
    for (const [v, text] of opts.options ?? []) control.append(new Option(text, v));
    control.value = value ?? "";
  } else {
    control = el("input", { type: type === "check" ? "checkbox" : type === "text" ? "text" : "number" });
    if (type === "check") control.checked = !!value;
    else control.value = value ?? "";
    if (opts.placeholder !== undefined) control.placeholder = String(opts.placeholder);
    if (type === "number") control.step = "any";
  }
  control.addEventListener(type === "check" || type === "select" ? "change" : "input", () => {
    let v = control.value;
    if (type === "check") v = control.checked;
    else if (type === "int" || type === "number") v = v.trim() === "" ? undefined : Number(v);
    else if (opts.optional && v === "") v = undefined;
    setPath(path, v);
    if (opts.rerender) render();
    else drawViews();
    check();
  });
  label.append(control);
  return label;
}

/** Three (or two) numbers in one row: a vector field such as `size_mm`. */
function vector(path, labelKey, n) {
  const group = el("fieldset", { class: "vector", "data-field": path });
  group.append(el("legend", {}, w(labelKey)));
  for (let i = 0; i < n; i++) {
    const box = el("input", { type: "number", step: "10", "aria-label": `${w(labelKey)} ${i + 1}` });
    box.value = getPath(path)?.[i] ?? 0;
    box.addEventListener("input", () => {
      const v = [...(getPath(path) ?? Array(n).fill(0))];
      v[i] = Math.round(Number(box.value) || 0);
      setPath(path, v);
      drawViews();
      check();
    });
    group.append(box);
  }
  return group;
}

/** A comma-separated list of words. */
function words(path, labelKey) {
  const label = el("label", { class: "field", "data-field": path });
  label.append(el("span", {}, w(labelKey)));
  const box = el("input", { type: "text" });
  box.value = (getPath(path) ?? []).join(", ");
  box.addEventListener("input", () => {
    setPath(path, box.value.split(",").map((s) => s.trim()).filter(Boolean));
    check();
  });
  label.append(box);
  return label;
}

function button(labelKey, onClick, attrs) {
  const b = el("button", { type: "button", ...attrs }, w(labelKey));
  b.addEventListener("click", onClick);
  return b;
}

function section(id, labelKey, ...children) {
  const s = el("fieldset", { id, class: "editor-section" });
  s.append(el("legend", {}, w(labelKey)), ...children);
  return s;
}

/** A list of entries (`list` is a path to an array), each drawn by `entry`, with add and remove. */
function list(path, entry, fresh) {
  const box = el("div", { class: "entries", "data-field": path });
  (getPath(path) ?? []).forEach((_, i) => {
    const row = el("div", { class: "entry", "data-field": `${path}[${i}]` });
    row.append(...entry(`${path}[${i}]`, i), button("editor-remove", () => {
      getPath(path).splice(i, 1);
      render();
      check();
    }, { class: "remove" }));
    box.append(row);
  });
  box.append(button("editor-add", () => {
    setPath(`${path}[${(getPath(path) ?? []).length}]`, fresh());
    render();
    check();
  }, { class: "add" }));
  return box;
}

const choice = (names, prefix) => names.map((n) => [n, w(`${prefix}${n}`)]);

// The form ----------------------------------------------------------------------------------

function render() {
  const c = ed.choices;
  tidyPlaces();
  const form = $("editor-form");
  const general = section("editor-general", "editor-general",
    input("name", "editor-name", "text"),
    input("summary", "editor-summary", "text"),
    input("container", "editor-container", "select", { options: c.containers.map(([n]) => [n, n]), rerender: true }),
    input("container_number", "editor-container-number", "text", { optional: true }),
    input("time_limit_s", "editor-time-limit", "int"),
    input("seed", "editor-seed", "int"),
    procedure());
  form.replaceChildren(general, cargoSection(), concealments(), marks(), seal(), documents(), weights(), phrases());
  showProblems();
}

function procedure() {
  const box = el("fieldset", { class: "procedure", "data-field": "procedure" });
  box.append(el("legend", {}, w("editor-procedure")));
  for (const step of ed.choices.steps) {
    const label = el("label");
    const tick = el("input", { type: "checkbox" });
    tick.checked = (ed.draft.procedure ?? []).includes(step);
    tick.addEventListener("change", () => {
      const on = new Set(ed.draft.procedure ?? []);
      if (tick.checked) on.add(step);
      else on.delete(step);
      ed.draft.procedure = ed.choices.steps.filter((s) => on.has(s));
      check();
    });
    label.append(tick, " ", w(`step-${step}`));
    box.append(label);
  }
  return box;
}

function cargoSection() {
  const d = ed.draft;
  d.cargo ??= [];
  const picker = el("div", { class: "picks" });
  d.cargo.forEach((item, i) => {
    const pick = el("button", { type: "button", "aria-pressed": String(i === ed.selected), "data-cargo": i }, item.id || "?");
    pick.addEventListener("click", () => { ed.selected = i; render(); });
    picker.append(pick);
  });
  const kind = el("select", { id: "editor-new-kind", "aria-label": w("editor-kind") });
  for (const [v, text] of choice(ed.choices.kinds, "editor-kind-")) kind.append(new Option(text, v));
  picker.append(kind, button("editor-add", () => addCargo(kind.value), { id: "editor-add-cargo" }));
  const s = section("editor-cargo", "editor-cargo", picker);
  const i = ed.selected;
  if (i === null || !d.cargo[i]) {
    s.append(el("p", { class: "help" }, w("editor-none-selected")));
    return s;
  }
  const p = `cargo[${i}]`;
  s.append(
    el("div", { class: "tools" }),
    input(`${p}.id`, "editor-id", "text", { rerender: true }),
    input(`${p}.kind`, "editor-kind", "select", { options: choice(ed.choices.kinds, "editor-kind-") }),
    input(`${p}.declared`, "editor-declared", "text"),
    input(`${p}.content`, "editor-content", "text"),
    input(`${p}.mass_kg`, "editor-mass", "number"),
    vector(`${p}.size_mm`, "editor-size", 3),
    vector(`${p}.position_mm`, "editor-position", 3),
    input(`${p}.count`, "editor-count", "int", { placeholder: 1 }),
    input(`${p}.openable`, "editor-openable", "check"),
  );
  s.querySelector(".tools").append(
    button("editor-rotate", () => { const z = d.cargo[i].size_mm; [z[0], z[2]] = [z[2], z[0]]; render(); check(); }),
    button("editor-stack", () => { stack(i); render(); check(); }),
    button("editor-duplicate", () => {
      const copy = structuredClone(d.cargo[i]);
      copy.id = freshId(copy.id.replace(/\d+$/, "") || "X");
      copy.position_mm[2] = Math.min(copy.position_mm[2] + copy.size_mm[2] + 50, halfWidth() - copy.size_mm[2] / 2);
      d.cargo.push(copy);
      ed.selected = d.cargo.length - 1;
      render();
      check();
    }),
    button("editor-remove", () => { d.cargo.splice(i, 1); ed.selected = d.cargo.length ? 0 : null; render(); check(); }),
  );
  return s;
}

function freshId(prefix) {
  const taken = new Set((ed.draft.cargo ?? []).map((c) => c.id));
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function addCargo(kind) {
  const [size, mass] = NEW_CARGO[kind] ?? NEW_CARGO.carton;
  const item = {
    id: freshId(kind[0].toUpperCase()), kind, declared: "", content: "", mass_kg: mass,
    size_mm: [...size], position_mm: [size[0] / 2 + 100, size[1] / 2, 0], openable: true,
  };
  ed.draft.cargo.push(item);
  ed.selected = ed.draft.cargo.length - 1;
  render();
  check();
}

/** Sets package `i` on the highest package under it (or the floor). */
function stack(i) {
  const me = ed.draft.cargo[i];
  const [x, , z] = me.position_mm;
  const [sx, sy, sz] = me.size_mm;
  let floor = 0;
  ed.draft.cargo.forEach((o, j) => {
    if (j === i) return;
    for (let n = 0; n < (o.count ?? 1); n++) {
      const ox = o.position_mm[0] + n * (o.size_mm[0] + 50);
      const overlap = Math.abs(ox - x) < (o.size_mm[0] + sx) / 2 && Math.abs(o.position_mm[2] - z) < (o.size_mm[2] + sz) / 2;
      if (overlap) floor = Math.max(floor, o.position_mm[1] + o.size_mm[1] / 2);
    }
  });
  me.position_mm[1] = Math.round(floor + sy / 2);
}

function concealments() {
  const categories = choice(ed.choices.categories, "category-");
  const ids = () => (ed.draft.cargo ?? []).map((c) => [c.id, c.id]);
  return section("editor-concealments", "editor-concealments", list("concealments", (p) => [
    input(`${p}.id`, "editor-id", "text", { rerender: true }),
    input(`${p}.category`, "editor-category", "select", { options: categories }),
    input(`${p}.description`, "editor-description", "text"),
    input(`${p}.mass_kg`, "editor-mass", "number"),
    input(`${p}.probability`, "editor-probability", "number", { placeholder: 1 }),
    places(`${p}.places`, ids),
    words(`${p}.indicators`, "editor-indicators"),
  ], () => ({ id: `H${(ed.draft.concealments ?? []).length + 1}`, category: "false-wall", description: "", mass_kg: 0,
    places: [{ kind: "false-wall", depth_mm: 600 }], indicators: [] })));
}

function places(path, ids) {
  const box = el("fieldset", { class: "places" });
  box.append(el("legend", {}, w("editor-places")), list(path, (p) => {
    const kind = getPath(`${p}.kind`);
    const parts = [input(`${p}.kind`, "editor-place-kind", "select", { options: choice(ed.choices.places, "editor-place-"), rerender: true })];
    if (kind === "false-wall") parts.push(input(`${p}.depth_mm`, "editor-depth", "int"));
    if (kind === "inside") parts.push(input(`${p}.cargo`, "editor-inside", "select", { options: ids() }));
    if (kind === "structure") parts.push(vector(`${p}.position_mm`, "editor-at", 3));
    return parts;
  }, () => ({ kind: "load" })));
  return box;
}

/** Keeps a place's fields to those of its kind (a kind changed in the select). */
function tidyPlaces() {
  for (const c of ed.draft.concealments ?? []) {
    for (const place of c.places ?? []) {
      for (const k of Object.keys(place)) {
        const keep = { "false-wall": ["depth_mm"], inside: ["cargo"], structure: ["position_mm"] }[place.kind] ?? [];
        if (k !== "kind" && !keep.includes(k)) delete place[k];
      }
      if (place.kind === "false-wall") place.depth_mm ??= 600;
      if (place.kind === "inside") place.cargo ??= ed.draft.cargo?.[0]?.id ?? "";
      if (place.kind === "structure") place.position_mm ??= [1000, 0, 0];
    }
  }
}

function marks() {
  const hidden = () => [["", w("editor-always")], ...(ed.draft.concealments ?? []).map((c) => [c.id, c.id])];
  return section("editor-marks", "editor-marks", list("marks", (p) => [
    input(`${p}.kind`, "editor-mark-kind", "select", { options: choice(ed.choices.marks, "editor-mark-") }),
    input(`${p}.surface`, "editor-surface", "select", { options: choice(ed.choices.surfaces, "editor-surface-") }),
    vector(`${p}.at_mm`, "editor-mark-at", 3),
    vector(`${p}.size_mm`, "editor-mark-size", 2),
    input(`${p}.concealment`, "editor-mark-concealment", "select", { options: hidden(), optional: true }),
  ], () => {
    const [, height] = containerMm();
    const [first] = ed.draft.concealments ?? [];
    return { kind: "fresh-weld", surface: "front-wall", at_mm: [0, Math.round(height - 20), 0], size_mm: [2000, 16],
      ...(first ? { concealment: first.id } : {}) };
  }));
}

function seal() {
  return section("editor-seal", "editor-seal",
    input("seal.number", "editor-seal-number", "text"),
    input("seal.condition", "editor-seal-condition", "text"));
}

function documents() {
  return section("editor-documents", "editor-documents",
    input("documents.shipper", "editor-shipper", "text"),
    input("documents.consignee", "editor-consignee", "text"),
    words("documents.route", "editor-route"),
    input("documents.seal_number", "editor-doc-seal", "text"),
    el("h4", {}, w("editor-lines")),
    list("documents.lines", (p) => [
      input(`${p}.description`, "editor-description", "text"),
      input(`${p}.hs_code`, "editor-hs", "text"),
      input(`${p}.packages`, "editor-packages", "int"),
      input(`${p}.gross_kg`, "editor-gross", "int"),
    ], () => ({ description: "", hs_code: "", packages: 1, gross_kg: 100 })));
}

function weights() {
  const defaults = { detection: 0.5, procedure: 0.3, examined: 0.2, false_alarm: 0.1, pass: 0.6 };
  ed.draft.assessment ??= { ...defaults };
  return section("editor-assessment", "editor-assessment",
    ...[["detection", "editor-detection"], ["procedure", "editor-procedure-weight"], ["examined", "editor-examined"],
      ["false_alarm", "editor-false-alarm"], ["pass", "editor-pass"]]
      .map(([k, label]) => input(`assessment.${k}`, label, "number")));
}

function phrases() {
  return section("editor-phrases", "editor-phrases", list("phrases", (p) => [
    input(`${p}.id`, "editor-phrase-id", "text"),
    ...PHRASE_LANGUAGES.map((lang) => {
      const field = input(`${p}.text.${lang}`, "editor-phrase-text", "text", { optional: true });
      field.querySelector("span").textContent = `${w("editor-phrase-text")} (${lang})`;
      field.querySelector("input").lang = lang;
      return field;
    }),
  ], () => ({ id: `phrase-${(ed.draft.phrases ?? []).length + 1}`, text: { en: "" } })));
}

// The views ---------------------------------------------------------------------------------

function containerMm() {
  return ed.choices.containers.find(([n]) => n === ed.draft.container)?.[1] ?? [5898, 2393, 2352];
}

function halfWidth() {
  return containerMm()[2] / 2;
}

/** Both views: from above (x along, z across) and from the side (x along, y up). */
function drawViews() {
  if (!ed.draft) return;
  tidyPlaces();
  const [length, height, width] = containerMm();
  const wrong = new Set(ed.problems.map((p) => p.field.match(/^cargo\[(\d+)\]/)?.[1]).filter(Boolean).map(Number));
  const depth = (ed.draft.concealments ?? []).flatMap((c) => c.places ?? []).find((p) => p.kind === "false-wall")?.depth_mm;
  const draw = (svg, across, acrossSize, flip) => {
    const pad = 200;
    svg.setAttribute("viewBox", `${-pad} ${-pad} ${length + 2 * pad} ${acrossSize + 2 * pad}`);
    const top = (a) => (flip ? acrossSize - a : a + acrossSize / 2);
    const parts = [el("svg:rect", { class: "container", x: 0, y: 0, width: length, height: acrossSize }),
      el("svg:line", { class: "doors", x1: length, y1: 0, x2: length, y2: acrossSize })];
    if (depth) parts.push(el("svg:rect", { class: "false-wall", x: 0, y: 0, width: depth, height: acrossSize }));
    // The selected package last, so that it is drawn over the rest.
    const order = (ed.draft.cargo ?? []).map((c, i) => [c, i]);
    order.sort(([, a], [, b]) => (a === ed.selected) - (b === ed.selected));
    order.forEach(([c, i]) => {
      const [sx, sy, sz] = c.size_mm ?? [0, 0, 0];
      const [x, y, z] = c.position_mm ?? [0, 0, 0];
      const a = across === "z" ? z : y;
      const sa = across === "z" ? sz : sy;
      for (let n = 0; n < Math.max(1, c.count ?? 1); n++) {
        const cx = x + n * (sx + 50);
        const g = el("svg:g", { class: `cargo ${i === ed.selected ? "selected" : ""} ${wrong.has(i) ? "wrong" : ""}`, "data-cargo": i });
        g.append(el("svg:rect", { x: cx - sx / 2, y: top(a) - sa / 2, width: sx, height: sa }));
        g.append(el("svg:text", { x: cx, y: top(a) + 60 }, n ? "" : c.id));
        g.addEventListener("pointerdown", (e) => drag(e, svg, i, across, flip, acrossSize));
        parts.push(g);
      }
    });
    svg.replaceChildren(...parts);
  };
  draw($("editor-top"), "z", width, false);
  draw($("editor-side"), "y", height, true);
}

/** Drags package `i`: along the container and across (from above) or up (from the side). */
function drag(e, svg, i, across, flip, acrossSize) {
  e.preventDefault();
  if (ed.selected !== i) { ed.selected = i; render(); }
  const item = ed.draft.cargo[i];
  const toMm = (ev) => {
    const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(svg.getScreenCTM().inverse());
    return [p.x, flip ? acrossSize - p.y : p.y - acrossSize / 2];
  };
  const [startX, startA] = toMm(e);
  const [x0, y0, z0] = item.position_mm;
  const move = (ev) => {
    const [mx, ma] = toMm(ev);
    const snap = (v) => Math.round(v / 10) * 10;
    item.position_mm = across === "z" ? [snap(x0 + mx - startX), y0, snap(z0 + ma - startA)]
      : [snap(x0 + mx - startX), snap(y0 + ma - startA), z0];
    drawViews();
  };
  const up = () => {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    render();
    check();
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
}

// Sharing: packs ----------------------------------------------------------------------------

/** The label of a library scenario in a picker: its name, and the pack it came from. */
function scenarioLabel(name) {
  const o = state.origins?.[name];
  return o ? `${name} — ${w("scenario-from", o)}` : name;
}

$("pack-make").addEventListener("click", () => {
  const value = (id) => $(id).value.trim();
  const list = (id) => value(id).split(",").map((s) => s.trim()).filter(Boolean);
  if (!ed.draft) return;
  send({
    t: "export_pack",
    scenarios: [ed.draft.name],
    about: {
      name: value("pack-name"), version: value("pack-version"), summary: value("pack-summary"),
      publisher: value("pack-publisher"), administration: value("pack-administration").toUpperCase(),
      authors: list("pack-authors"), licence: value("pack-licence"), languages: list("pack-languages"),
    },
  });
});

function editorPack(msg) {
  const bytes = Uint8Array.from(atob(msg.base64), (c) => c.charCodeAt(0));
  const link = el("a", { href: URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" })), download: msg.file });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  $("pack-status").textContent = w("editor-pack-made", { file: msg.file });
}

$("pack-import").addEventListener("click", async () => {
  const file = $("pack-file").files?.[0];
  if (!file) return;
  // base64 takes a third more: a console message is at most 256 KiB.
  if (file.size > 180 * 1024) {
    $("pack-status").textContent = w("editor-pack-too-large", { kib: Math.ceil(file.size / 1024) });
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  send({ t: "import_pack", base64: btoa(binary) });
});

function editorImported(msg) {
  state.origins = { ...state.origins, ...msg.origins };
  $("pack-status").textContent = w(msg.already ? "editor-pack-already" : "editor-pack-imported", { names: msg.names.join(", ") });
  for (const select of [$("scenario-switch"), $("new-scenario"), $("editor-from")]) fillScenarios(select, msg.scenarios);
}

// The bar -----------------------------------------------------------------------------------

$("editor-open").addEventListener("click", () => {
  const from = $("editor-from").value;
  send(from.startsWith("empty:") ? { t: "edit_scenario", container: from.slice(6) } : { t: "edit_scenario", name: from });
});
$("editor-try").addEventListener("click", () => submit("try_scenario"));
$("editor-save").addEventListener("click", () => submit("save_scenario"));
