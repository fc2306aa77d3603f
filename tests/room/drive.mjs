// Drives the browser room in Debian's headless Chromium (playwright-core from tests/web): an
// observer opens the invite link, the wasm client joins over WebTransport and draws on WebGL2
// (SwiftShader). Every wait has a timeout; any step that does not hold fails the tier.
//
//   node drive.mjs OBSERVER_LINK OUT_DIR
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [link, out] = process.argv.slice(2);
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
  const started = Date.now();
  await page.goto(link);
  const status = () => page.evaluate(() => window.crossdockRoom ? JSON.parse(window.crossdockRoom.status()) : null);
  await page.waitForFunction(() => window.crossdockRoom && JSON.parse(window.crossdockRoom.status()).frames >= 1,
    null, { timeout: WAIT });
  const firstFrame = Date.now() - started;
  check(true, `the room's first frame ${firstFrame} ms after the link opened`);
  await page.waitForFunction(() => JSON.parse(window.crossdockRoom.status()).avatars >= 5, null, { timeout: WAIT });
  const before = await status();
  check(before.role === "observer", "the link joined as an observer");
  await page.waitForFunction((t) => JSON.parse(window.crossdockRoom.status()).tick > t + 60, before.tick, { timeout: WAIT });
  const moved = await page.waitForFunction((h) => JSON.parse(window.crossdockRoom.status()).hash !== h, before.hash,
    { timeout: WAIT }).then(() => true, () => false);
  check(moved, "the bots move: the mirror's world changes");
  const t0 = Date.now();
  const f0 = (await status()).frames;
  await page.waitForFunction((f) => JSON.parse(window.crossdockRoom.status()).frames >= f + 30, f0, { timeout: WAIT });
  const fps = (30 * 1000) / (Date.now() - t0);
  check(true, `drawing at ${fps.toFixed(1)} frames a second on SwiftShader`);
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
  await page.waitForFunction((f) => JSON.parse(window.crossdockRoom.status()).frames > f + 30, framesAt, { timeout: WAIT });
  await page.screenshot({ path: `${out}/observer-follow.png` });
  const last = await status();
  writeFileSync(`${out}/status.json`, JSON.stringify({ firstFrameMs: firstFrame, ...last }, null, 2));
  check(last.ended === null, "the session is still open");
  check(problems.length === 0, `no page errors (${problems.join("; ")})`);
  console.log(`room tier: ${last.frames} frames, ${last.triangles} triangles and ${last.draws} draws a frame, ${last.datagrams} datagrams`);
} catch (e) {
  const page = browser.contexts()[0]?.pages()[0];
  if (page) console.log(`room tier: last status ${await page.evaluate(() => window.crossdockRoom?.status())}`);
  throw e;
} finally {
  await browser.close();
}
