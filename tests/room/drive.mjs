// Drives the browser room in Debian's headless Chromium (playwright-core from tests/web): an
// observer opens the invite link, the wasm client joins over WebTransport and draws on WebGL2
// (SwiftShader). Every wait has a timeout; any step that does not hold fails the tier.
//
// Then a trainee in an emulated Quest 3 (iwer): Enter VR, 300 frames of two views, a carton
// grabbed with the grip and carried, seen to move by the observer. Last, someone with no link:
// the instructor's console makes an invites sheet, and its six-digit code typed on the room
// page (in the reader's language) opens the room; the side panel takes a click.
//
//   node drive.mjs OBSERVER_LINK TRAINEE_LINK CONSOLE_LINK OUT_DIR
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [link, traineeLink, consoleLink, out] = process.argv.slice(2);
const WAIT = 30_000;

function check(ok, what) {
  if (!ok) throw new Error(`room tier: ${what}`);
  console.log(`room tier: ok: ${what}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
});
try {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 720 }, locale: "th-TH" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") { problems.push(`console: ${m.text()}`); console.log(`browser: ${m.text()}`); } });
  page.on("request", (r) => { if (r.url().includes("token")) problems.push(`a token in a URL sent: ${r.url()}`); });
  // The first load as a 20 Mbit/s link with a 50 ms round trip would give it (Chromium's own
  // shaping of the page's HTTPS; the WebTransport session itself is not shaped), cache off.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions",
    { offline: false, latency: 50, downloadThroughput: 20e6 / 8, uploadThroughput: 20e6 / 8 });
  // What every reader loads: the page, its script and the bundle (the CJK font, fetched only
  // when a name or the language needs it, is counted apart).
  let loaded = 0;
  let optional = 0;
  const urls = new Map();
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => {
    if (/\.otf$/.test(urls.get(e.requestId) ?? "")) optional += e.encodedDataLength;
    else loaded += e.encodedDataLength;
  });
  const started = Date.now();
  await page.goto(link);
  const status = () => page.evaluate(() => window.crossdockRoom ? JSON.parse(window.crossdockRoom.status()) : null);
  await page.waitForFunction(() => window.crossdockRoom && JSON.parse(window.crossdockRoom.status()).frames >= 1,
    null, { timeout: WAIT });
  const firstFrame = Date.now() - started;
  const firstLoad = loaded;
  check(true, `the room's first frame ${firstFrame} ms after the link opened on a 20 Mbit/s, 50 ms link (${(firstLoad / 1048576).toFixed(2)} MiB over the wire)`);
  await page.waitForFunction(() => document.fonts.status === "loaded", null, { timeout: WAIT });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.waitForFunction(() => JSON.parse(window.crossdockRoom.status()).avatars >= 5, null, { timeout: WAIT });
  const before = await status();
  check(before.role === "observer", "the link joined as an observer");
  await page.waitForFunction((t) => JSON.parse(window.crossdockRoom.status()).tick > t + 60, before.tick, { timeout: WAIT });
  const moved = await page.waitForFunction((h) => JSON.parse(window.crossdockRoom.status()).hash !== h, before.hash,
    { timeout: WAIT }).then(() => true, () => false);
  check(moved, "the bots move: the mirror's world changes");
  const t0 = Date.now();
  const f0 = (await status()).frames;
  // A figure, not a budget (SwiftShader shares two cores with the server and five bots here):
  // ten frames, however long they take within a minute.
  await page.waitForFunction((f) => JSON.parse(window.crossdockRoom.status()).frames >= f + 10, f0, { timeout: 2 * WAIT });
  const overviewFrameMs = (Date.now() - t0) / 10;
  check(true, `drawing the overview at ${(1000 / overviewFrameMs).toFixed(1)} frames a second on SwiftShader`);
  const controls = Object.keys((await status()).panelControls);
  check(controls.includes("view-overview"), `the side panel beside the room (${controls.length} controls)`);
  await page.screenshot({ path: `${out}/observer-overview.png` });

  // The world hash: asked of the server, compared when the mirror holds exactly that tick.
  const converged = await page.evaluate(async (wait) => {
    const room = window.crossdockRoom;
    const deadline = Date.now() + wait;
    for (let nonce = 1; Date.now() < deadline; nonce++) {
      room.query_hash(nonce);
      const asked = Date.now();
      while (Date.now() - asked < 3000) {
        const answer = JSON.parse(room.status()).serverHash;
        if (answer && answer.same === true) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    return false;
  }, WAIT);
  check(converged, "the browser's mirror matches the server's world hash");

  // Follow the next participant (F2), as the desktop window does.
  await page.keyboard.press("F2");
  await page.waitForFunction(() => JSON.parse(window.crossdockRoom.status()).view.startsWith("follow:"), null,
    { timeout: WAIT });
  const framesAt = (await status()).frames;
  await page.waitForFunction((f) => JSON.parse(window.crossdockRoom.status()).frames > f + 5, framesAt, { timeout: WAIT });
  await page.screenshot({ path: `${out}/observer-follow.png` });
  const last = await status();
  writeFileSync(`${out}/status.json`, JSON.stringify({ firstFrameMs: firstFrame, ...last }, null, 2));

  check(last.ended === null, "the session is still open");

  // A trainee in an emulated Quest 3: the runtime installed before the page's scripts run.
  const iwer = readFileSync(require.resolve("iwer/build/iwer.min.js"), "utf8");
  // SwiftShader draws for every page on this machine's two cores: the observer leaves while
  // the headset runs its 300 frames (another comes to watch the grab), and the emulated
  // headset's layer is 960 by 540.
  await page.close();
  const headset = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 960, height: 540 }, locale: "vi-VN" });
  await headset.addInitScript({ content: `${iwer}
    window.iwerDevice = new IWER.XRDevice(IWER.metaQuest3, { stereoEnabled: true });
    window.iwerDevice.installRuntime({ forceInstall: true });` });
  const vr = await headset.newPage();
  vr.on("pageerror", (e) => problems.push(`headset page error: ${e.message}`));
  vr.on("console", (m) => { if (m.type() === "error") { problems.push(`headset console: ${m.text()}`); console.log(`headset: ${m.text()}`); } });
  await vr.goto(traineeLink);
  await vr.waitForFunction(() => window.crossdockRoom, null, { timeout: WAIT });
  await vr.locator("#enter-vr").waitFor({ state: "visible", timeout: WAIT });
  check(true, "the headset's browser offers Enter VR");
  await vr.evaluate(() => window.crossdockEnterVR());
  const vrStatus = () => vr.evaluate(() => JSON.parse(window.crossdockRoom.status()));
  const vrStart = Date.now();
  await vr.waitForFunction(() => JSON.parse(window.crossdockRoom.status()).xrFrames >= 300, null, { timeout: 300_000 });
  const inVr = await vrStatus();
  check(inVr.xrViews === 2, `300 XR frames submitted with ${inVr.xrViews} views each (${((300 * 1000) / (Date.now() - vrStart)).toFixed(1)} a second here)`);
  check(inVr.role === "trainee", "the headset joined as a trainee");

  // A second observer, in a small window, watches the grab.
  const watcher = await context.newPage();
  await watcher.setViewportSize({ width: 320, height: 180 });
  watcher.on("pageerror", (e) => problems.push(`watcher page error: ${e.message}`));
  await watcher.goto(link);
  await watcher.waitForFunction(() => window.crossdockRoom && JSON.parse(window.crossdockRoom.status()).avatars >= 1,
    null, { timeout: WAIT });

  // Reach for a carton: the headset beside it, the right controller just above it (both in
  // the tracking space, which the client places at the container's doors), then grip.
  const origin = await vr.evaluate(() => [...window.crossdockRoom.xr_origin()]);
  const cartons = JSON.parse(await vr.evaluate(() => window.crossdockRoom.items("carton")));
  // The bots have moved cartons about: take a free carton that the grip, closing a little above
  // it, takes wherever within 4 cm the emulated grip sits from the controller (the headset's
  // own choice, asked of the page: the nearest box within reach), the one nearest the doors.
  const around = [[0, 0, 0], [0.04, 0, 0], [-0.04, 0, 0], [0, 0.04, 0], [0, -0.03, 0], [0, 0, 0.04], [0, 0, -0.04]];
  const surely = async (c) => {
    for (const [dx, dy, dz] of around) {
      const at = [c.x + dx, c.y + c.h / 2 + 0.05 + dy, c.z + dz];
      const takes = JSON.parse(await vr.evaluate((p) => window.crossdockRoom.reaches(...p), at));
      if (takes?.item !== c.id) return false;
    }
    return true;
  };
  let carton = null;
  for (const c of cartons.filter((c) => c.holder === null).sort((a, b) => b.x - a.x)) {
    if (await surely(c)) { carton = c; break; }
  }
  if (!carton) throw new Error(`no carton is clear enough for the grip to be sure of it: ${JSON.stringify(cartons)}`);
  const local = (x, y, z) => {
    const [ox, , oz, yaw] = origin;
    const dx = x - ox, dz = z - oz, c = Math.cos(-yaw), s = Math.sin(-yaw);
    return [c * dx + s * dz, y, -s * dx + c * dz];
  };
  const hand = [carton.x, carton.y + carton.h / 2 + 0.05, carton.z];
  await vr.evaluate(([head, right]) => {
    window.iwerDevice.position.set(...head);
    window.iwerDevice.controllers.right.position.set(...right);
  }, [local(carton.x + 0.4, 1.65, carton.z), local(...hand)]);
  // The server judges reach by the hand it last heard of: squeeze once the watcher sees that hand
  // above the carton (the poses travel as datagrams, the grab on a stream; the emulated grip
  // sits a few centimetres from the controller's origin).
  await watcher.waitForFunction((h) => JSON.parse(window.crossdockRoom.avatars())
    .some((a) => Math.hypot(a.right[0] - h[0], a.right[1] - h[1], a.right[2] - h[2]) < 0.15), hand, { timeout: WAIT });
  await vr.evaluate(() => window.iwerDevice.controllers.right.updateButtonValue("squeeze", 1));
  const took = await vr.waitForFunction(() => {
    const held = JSON.parse(window.crossdockRoom.items("*")).filter((i) => i.holder !== null);
    return held.length > 0 && held;
  }, null, { timeout: WAIT }).then((h) => h.jsonValue(), () => []);
  const told = (await vrStatus()).notices;
  const tookIt = took.length === 1 && took[0].id === carton.id;
  check(tookIt, `the grip took carton ${carton.id}${tookIt ? "" : ` (held: ${JSON.stringify(took)}, told: ${JSON.stringify(told)})`}`);
  // Carry it 40 cm towards the doors, then let go.
  const carried = [carton.x + 0.4, hand[1], carton.z];
  await vr.evaluate((right) => window.iwerDevice.controllers.right.position.set(...right), local(...carried));
  await watcher.waitForFunction(([id, x]) => {
    const c = JSON.parse(window.crossdockRoom.items("carton")).find((c) => c.id === id);
    return c && Math.abs(c.x - x) < 0.05;
  }, [carton.id, carried[0]], { timeout: WAIT });
  check(true, "the observer sees the carton move with the headset's hand");
  await vr.evaluate(() => window.iwerDevice.controllers.right.updateButtonValue("squeeze", 0));
  await vr.waitForFunction((id) => JSON.parse(window.crossdockRoom.items("carton")).find((c) => c.id === id).holder === null,
    carton.id, { timeout: WAIT });
  check(true, "letting go of the grip released it");

  // The tablet: X on the left controller shows it in the left hand, the documents open on it.
  const headLocal = local(carton.x + 0.4, 1.65, carton.z);
  await vr.evaluate(([left, right]) => {
    window.iwerDevice.controllers.left.position.set(...left);
    window.iwerDevice.controllers.right.position.set(...right);
    window.iwerDevice.controllers.left.updateButtonValue("x-button", 1);
  }, [[headLocal[0] - 0.02, headLocal[1] - 0.36, headLocal[2] - 0.45], [headLocal[0] + 0.2, headLocal[1] - 0.3, headLocal[2] - 0.2]]);
  await vr.waitForFunction(() => JSON.parse(window.crossdockRoom.status()).tablet, null, { timeout: WAIT });
  await vr.evaluate(() => window.iwerDevice.controllers.left.updateButtonValue("x-button", 0));
  await vr.waitForFunction(() => JSON.parse(window.crossdockRoom.status()).tabletControls.includes("documents"), null,
    { timeout: WAIT });
  check(true, "X shows the tablet in the left hand, the shipment's documents on it");
  const shownAt = (await vrStatus()).xrFrames;
  await vr.waitForFunction((f) => JSON.parse(window.crossdockRoom.status()).xrFrames > f + 5, shownAt, { timeout: WAIT });
  await vr.screenshot({ path: `${out}/headset-eyes.png` });
  const vrLast = await vrStatus();
  writeFileSync(`${out}/status.json`, JSON.stringify({ firstFrameMs: firstFrame, firstLoadBytes: firstLoad,
    cjkFontBytes: optional, overviewFrameMs, observer: last, headset: vrLast }, null, 2));
  await headset.close();
  await watcher.close();

  // No link, only a code: the instructor's console makes the invites sheet...
  const desk = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 720 }, locale: "th-TH" });
  const consolePage = await desk.newPage();
  await consolePage.goto(consoleLink);
  await consolePage.click("button[data-tab='class']", { timeout: WAIT });
  await consolePage.click("#make-invites");
  await consolePage.waitForSelector("#sheet .invite .qr", { timeout: WAIT });
  const codes = await consolePage.locator("#sheet .code").evaluateAll((els) => els.map((e) => e.dataset.code));
  check(codes.length >= 1 && codes.every((c) => /^\d{6}$/.test(c)), `the console's sheet has six-digit codes (${codes.length})`);
  await consolePage.close();
  // ...and the code typed on the room page, first wrong, then right.
  const room = await desk.newPage();
  room.on("pageerror", (e) => problems.push(`code page error: ${e.message}`));
  await room.goto(new URL("/room", link).href);
  await room.locator("#code-form").waitFor({ state: "visible", timeout: WAIT });
  const words = await room.evaluate(() => fetch("/room/words?languages=th").then((r) => r.json()));
  const heading = await room.locator("#code-form h1").textContent();
  check(heading === words.words["room-code-heading"] && words.language === "th", `the page asks for the code in Thai: ${heading}`);
  const wrong = String((Number(codes[0]) + 500_001) % 1_000_000).padStart(6, "0");
  await room.fill("#code-form input", `${wrong.slice(0, 3)} ${wrong.slice(3)}`);
  await room.click("#code-form button");
  await room.waitForFunction((t) => document.getElementById("say").textContent === t, words.words["room-code-unknown"],
    { timeout: WAIT });
  check(true, "a wrong code is refused, in Thai, and the form stays");
  await room.fill("#code-form input", codes[0]);
  await room.click("#code-form button");
  await room.locator("#name-form").waitFor({ state: "visible", timeout: WAIT });
  await room.fill("#name-form input", "Siti Nurhaliza");
  await room.click("#name-form button");
  await room.waitForFunction(() => window.crossdockRoom && JSON.parse(window.crossdockRoom.status()).frames >= 2, null,
    { timeout: WAIT });
  const joined = await room.evaluate(() => JSON.parse(window.crossdockRoom.status()));
  check(joined.role === "trainee" && (await room.evaluate(() => location.hash)).startsWith("#token="),
    `the code opened the room as a ${joined.role}`);
  // The side panel takes the mouse: a click on the panel's overview button looks down on the
  // container (the trainee starts in their own free view; the bots may have gone by now).
  check(joined.view !== "overview", `the trainee starts in the ${joined.view} view`);
  const overviewButton = () => room.waitForFunction(() => JSON.parse(window.crossdockRoom.status()).panelControls["view-overview"],
    null, { timeout: WAIT }).then((h) => h.jsonValue());
  // Below the fold at 720 pixels: the mouse wheel over the panel scrolls it into view.
  let button = await overviewButton();
  for (let turns = 0; button[3] > 700 && turns < 20; turns++) {
    await room.mouse.move(button[0] + 20, 360);
    await room.mouse.wheel(0, 200);
    const frames = (await room.evaluate(() => JSON.parse(window.crossdockRoom.status()))).frames;
    await room.waitForFunction((f) => JSON.parse(window.crossdockRoom.status()).frames > f + 1, frames, { timeout: WAIT });
    button = await overviewButton();
  }
  check(button[3] <= 700, `the wheel scrolled the panel's view buttons into sight (at ${button[1]} px)`);
  await room.mouse.click((button[0] + button[2]) / 2, (button[1] + button[3]) / 2);
  await room.waitForFunction(() => JSON.parse(window.crossdockRoom.status()).view === "overview", null, { timeout: WAIT });
  check(true, "a click on the side panel's overview button moved the camera");
  // The phrase wheel: L opens it in the middle of the room's part of the page; the mouse
  // straight up from there and a click say "look here", which the server sends back to all.
  const controls2 = (await room.evaluate(() => JSON.parse(window.crossdockRoom.status()))).panelControls;
  const panelLeft = Math.min(...Object.values(controls2).map((r) => r[0])) - 9;
  await room.keyboard.press("KeyL");
  await room.mouse.move(panelLeft / 2, 360 - 130);
  const wheelAt = (await room.evaluate(() => JSON.parse(window.crossdockRoom.status()))).frames;
  await room.waitForFunction((f) => JSON.parse(window.crossdockRoom.status()).frames > f + 1, wheelAt, { timeout: WAIT });
  await room.screenshot({ path: `${out}/phrase-wheel.png` });
  await room.mouse.click(panelLeft / 2, 360 - 130);
  await room.waitForFunction(() => JSON.parse(window.crossdockRoom.status()).said.includes("look-here"), null,
    { timeout: WAIT });
  check(true, "the phrase wheel said \"look here\" and the server sent it back");
  const shownAt2 = (await room.evaluate(() => JSON.parse(window.crossdockRoom.status()))).frames;
  await room.waitForFunction((f) => JSON.parse(window.crossdockRoom.status()).frames > f + 3, shownAt2, { timeout: WAIT });
  await room.screenshot({ path: `${out}/trainee-panel.png` });
  check(problems.length === 0, `no page errors (${problems.join("; ")})`);
  console.log(`room tier: observer ${last.frames} frames, ${last.triangles} triangles and ${last.draws} draws a frame, ${last.datagrams} datagrams, pose latency p50 ${last.poseP50Ms} ms p99 ${last.poseP99Ms} ms`);
} catch (e) {
  for (const context of browser.contexts()) {
    for (const p of context.pages()) {
      const seen = await p.evaluate(() => [window.crossdockRoom?.status(), document.getElementById("say")?.textContent,
        window.crossdockXr]).catch((x) => x.message);
      console.log(`room tier: last status ${JSON.stringify(seen)}`);
    }
  }

  throw e;
} finally {
  await browser.close();
}
