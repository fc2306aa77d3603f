// Drives the browser console in Debian's headless Chromium (playwright-core, pointed at
// /usr/bin/chromium), as an instructor and as an observer would. Called by tests/web/run.sh
// with the server's console links; every wait has a timeout, and any step that does not hold
// fails the tier with what was seen.
//
//   node drive.mjs INSTRUCTOR_LINK OBSERVER_LINK OUT_DIR
import { chromium } from "playwright-core";
import { writeFileSync } from "node:fs";

const [instructorLink, observerLink, out] = process.argv.slice(2);
const WAIT = 15_000;
const HOSTILE = "<img src=x onerror=alert(1)>";
const ROSTER = `learner_id,display_name,administration,locale
TH-0417,สมชาย ใจดี,TH,th
KR-2291,김민준,KR,ko
CN-0932,王伟,CN,zh-Hans
VN-1150,Nguyễn Văn An,VN,vi
ID-0077,${HOSTILE},ID,id
`;

function check(ok, what) {
  if (!ok) throw new Error(`web tier: ${what}`);
  console.log(`web tier: ok: ${what}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  // The page's own certificate is the development server's self-signed one; its WebTransport
  // connection pins the browser certificates by hash, as any browser does.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
  page.on("request", (r) => { if (r.url().includes("token")) problems.push(`a token in a URL sent: ${r.url()}`); });

  // Log in: the console link carries the instructor's token in its fragment.
  await page.goto(instructorLink);
  await page.waitForSelector("#who:not(:empty)", { timeout: WAIT });
  check(!page.url().includes("token"), "the token is out of the address bar once read");
  check(await page.locator("#steer").isVisible(), "the instructor's console shows the steering controls");
  const watch = await page.locator("#watch-3d").getAttribute("href");
  check(watch.startsWith("/room#token=") && await page.locator("#watch-3d").isVisible(), "the console offers Watch in 3D (the room, the token in its fragment)");

  // The bots on the map: a position changes between two reads.
  await page.waitForFunction(() => document.querySelectorAll("#map g.person").length >= 3, null, { timeout: WAIT });
  const positions = () => page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll("#map g.person")].map((g) => [g.dataset.person, `${g.dataset.x},${g.dataset.z}`])));
  const first = await positions();
  await page.waitForFunction((before) => [...document.querySelectorAll("#map g.person")]
    .some((g) => before[g.dataset.person] !== undefined && before[g.dataset.person] !== `${g.dataset.x},${g.dataset.z}`), first, { timeout: WAIT });
  check(true, `a bot moved on the map (${Object.keys(first).length} on it)`);

  // A hostile display name is shown as its characters, and nothing ran.
  const hostile = page.locator(".tile .name", { hasText: HOSTILE });
  await hostile.first().waitFor({ timeout: WAIT });
  check(await hostile.first().textContent() === HOSTILE, "a hostile name shows as text on its tile");
  check(await page.locator("#people img, #map image").count() === 0, "no element was made from a name");
  const tiles = await page.locator(".tile").count();

  // An observer watches from a Thai browser, in Thai, and cannot pause: no control, and a
  // forced command is refused with the reason.
  const thai = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 }, locale: "th-TH" });
  const watcher = await thai.newPage();
  watcher.on("pageerror", (e) => problems.push(`observer page error: ${e.message}`));
  await watcher.goto(observerLink);
  await watcher.waitForSelector("#who:not(:empty)", { timeout: WAIT });
  check(!(await watcher.locator("#steer").isVisible()), "the observer's console has no steering controls");
  await watcher.waitForFunction(() => document.querySelectorAll("#map g.person").length >= 3, null, { timeout: WAIT });
  await watcher.evaluate(() => command({ do: "pause" }));
  await watcher.waitForFunction((text) => document.getElementById("result").textContent === text,
    "ถูกปฏิเสธ: บทบาทของคุณทำสิ่งนี้ไม่ได้", { timeout: WAIT });
  check(await watcher.locator("html").getAttribute("lang") === "th", "the observer's console speaks Thai");
  await watcher.screenshot({ path: `${out}/console-observer-th.png` });
  check(await page.locator("body").getAttribute("data-paused") === "false", "the observer's pause was refused, the drill runs on");

  // Pause: the page says so (the server's frame), and the bots see it (their report, later).
  await page.click("#pause");
  await page.waitForSelector("body[data-paused='true']", { timeout: WAIT });
  check((await page.locator("#drill-line").textContent()).includes("paused"), "the instructor paused the drill");
  await watcher.waitForSelector("body[data-paused='true']", { timeout: WAIT });
  check(true, "the observer's console sees the pause");
  await page.click("#pause");
  await page.waitForSelector("body[data-paused='false']", { timeout: WAIT });

  // Mute one trainee from their tile.
  const tile = page.locator(".tile[data-role='trainee']").first();
  const name = await tile.locator(".name").textContent();
  await tile.locator("button[data-action='person-mute']").click();
  await page.waitForFunction((n) => [...document.querySelectorAll(".tile")]
    .some((t) => t.querySelector(".name").textContent === n && t.dataset.muted === "true"), name, { timeout: WAIT });
  check(true, `muted ${name}`);
  await page.screenshot({ path: `${out}/console-live.png` });

  // A new drill with the class's roster, then its invites sheet: a card per learner with their
  // name, a QR code and a six-digit code; printed.
  await page.click("button[data-tab='class']");
  await page.fill("#roster", ROSTER);
  await page.click("#new-drill button[type='submit']");
  await page.waitForFunction(() => document.getElementById("drill-line").textContent.startsWith("Drill 2"), null, { timeout: WAIT });
  check(true, "a new drill started with the class roster");
  await page.click("#make-invites");
  await page.waitForSelector("#sheet .invite .qr", { timeout: WAIT });
  const codes = await page.locator("#sheet .code").evaluateAll((els) => els.map((e) => e.dataset.code));
  const names = await page.locator("#sheet .invite h3").allTextContents();
  check(codes.length === 5 && codes.every((c) => /^\d{6}$/.test(c)), `the sheet has ${codes.length} cards with six-digit codes`);
  check(names.includes("김민준") && names.includes(HOSTILE), `the cards name the learners as written: ${names.join(", ")}`);
  await page.screenshot({ path: `${out}/console-invites.png`, fullPage: true });
  // The class follows the library's curriculum: each learner's level and why, the next drill.
  await page.selectOption("#curriculum-pick", "container-examination");
  await page.click("#follow");
  await page.waitForFunction(() => document.querySelectorAll("#standing tbody tr").length === 5, null, { timeout: WAIT });
  const learners = await page.locator("#standing tbody tr td:first-child").allTextContents();
  check(learners.includes(HOSTILE) && learners.includes("김민준"), `the class tab names each learner as written: ${learners.join(", ")}`);
  const next = await page.locator("#next-drill").textContent();
  check(!(await page.locator("#next-drill").isDisabled()) && next.length > 0, `it offers the drill most need next: ${next}`);
  await page.locator("#curriculum").screenshot({ path: `${out}/console-class.png` });
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.click("#print-invites");
  check(await page.evaluate(() => window.printed) === 1, "Print asks the browser to print");
  await page.emulateMedia({ media: "print" });
  check(!(await page.locator("body > header").isVisible()) && await page.locator("#sheet").isVisible(), "printed, only the sheet shows");
  await page.pdf({ path: `${out}/invites.pdf`, format: "A4" });
  await page.emulateMedia({ media: "screen" });
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));

  // The drills of the session, and the running drill's report in its frame.
  await page.click("button[data-tab='drills']");
  await page.waitForSelector("#drill-table tbody tr", { timeout: WAIT });
  await page.locator("#drill-table tbody tr[data-drill='1'] button").first().click();
  await page.waitForSelector("#report:not([hidden])", { timeout: WAIT });
  const frame = page.frameLocator("#report-frame");
  await frame.locator("h1").first().waitFor({ timeout: WAIT });
  check((await frame.locator("body").textContent()).includes(HOSTILE), "the report shows the hostile name as text");
  await page.screenshot({ path: `${out}/console-report.png` });

  check(problems.length === 0, `nothing went wrong on the pages${problems.length ? `: ${problems.join("; ")}` : ""}`);
  writeFileSync(`${out}/console.json`, JSON.stringify({ tiles, codes: codes.length, muted: name }));
} finally {
  await browser.close();
}
