// Drives the console's scenario editor in Debian's headless Chromium, as an instructor who is
// not a programmer would: an empty 20 ft dry van, six pallets (one dragged on the map), a
// misplaced one refused next to its field, cigarettes behind a false front wall with its weld
// seams, the seal and documents with two manifest lines; then Try it with a bot in the drill,
// Save, and share it as a signed pack (imported back; a tampered copy refused). Called by tests/web/run.sh, which then loads the saved file on a fresh server.
//
//   node editor.mjs CONSOLE_LINK HEADSET_BIN TRAINEE_INVITE_FILE OUT_DIR
import { chromium } from "playwright-core";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync, writeFileSync } from "node:fs";

const [consoleLink, headset, traineeInvite, out] = process.argv.slice(2);
const WAIT = 15_000;
const NAME = "walled-van";

function check(ok, what) {
  if (!ok) throw new Error(`editor: ${what}`);
  console.log(`editor: ok: ${what}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const context = await browser.newContext({ acceptDownloads: true, ignoreHTTPSErrors: true, viewport: { width: 1500, height: 1000 }, locale: "en-GB" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(consoleLink);
  await page.waitForSelector("#who:not(:empty)", { timeout: WAIT });
  await page.click("#tabs button[data-tab=editor]");
  await page.waitForSelector('#editor [data-field="name"] input', { timeout: WAIT });

  // Every change goes to the server to be checked; this waits for the answer to the last.
  const settled = () => page.waitForFunction(() => !ed.waiting && !ed.again, null, { timeout: WAIT });
  const field = (path) => page.locator(`#editor [data-field="${path}"]`).first();
  const fill = async (path, value) => {
    const control = field(path).locator("input, select").first();
    if (await control.evaluate((e) => e.tagName) === "SELECT") await control.selectOption(String(value));
    else await control.fill(String(value));
    await settled();
  };
  const vector = async (path, values) => {
    for (const [i, v] of values.entries()) await field(path).locator("input").nth(i).fill(String(v));
    await settled();
  };
  const add = async (list) => { await page.click(`#editor-${list} > .entries > button.add`); await settled(); };
  const status = () => page.textContent("#editor-status");

  check(await field("container").locator("select").inputValue() === "20ft-dry", "the editor opens on an empty 20 ft dry van");
  await fill("name", NAME);
  await fill("summary", "20 ft dry van of tiles; cigarettes behind a welded false front wall");
  await fill("container_number", "CDXU 604417 8");

  // Six pallets of tiles, two rows of three.
  const spots = [[1300, -600], [2600, -600], [3900, -600], [1300, 600], [2600, 600], [3900, 600]];
  for (const [i, [x, z]] of spots.entries()) {
    await page.selectOption("#editor-new-kind", "pallet");
    await page.click("#editor-add-cargo");
    await settled();
    await fill(`cargo[${i}].declared`, "Ceramic floor tiles (HS 6907.21)");
    await fill(`cargo[${i}].content`, "Ceramic floor tiles, 60 x 60 cm");
    if (i === 0) {
      // The first is dragged on the map from above, 500 mm along the container.
      const box = await page.locator('#editor-top g.cargo[data-cargo="0"] rect').boundingBox();
      const mmPerPixel = 5898 / (await page.locator("#editor-top rect.container").boundingBox()).width;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 500 / mmPerPixel, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      await settled();
      const moved = await page.evaluate(() => ed.draft.cargo[0].position_mm[0]);
      check(Math.abs(moved - 1200) < 60, `dragging the pallet on the map moved it along the container (to x = ${moved} mm)`);
    }
    await vector(`cargo[${i}].position_mm`, [x, 500, z]);
  }
  check(await page.evaluate(() => ed.draft.cargo.length) === 6 && await page.locator("body[data-editor=ok]").count() === 1,
    `six pallets placed, and it loads: ${await status()}`);

  // A pallet pushed out through the doors is refused, next to its position.
  await vector("cargo[5].position_mm", [5600, 500, 600]);
  const problem = page.locator('.field-problem[data-for="cargo[5].position_mm"]');
  await problem.waitFor({ timeout: WAIT });
  const beside = await problem.evaluate((p) => p.previousElementSibling?.dataset.field);
  check(beside === "cargo[5].position_mm" && (await problem.textContent()).includes("does not fit inside the container"),
    `a misplaced pallet is refused next to its field: "${await problem.textContent()}"`);
  check(await page.locator('#editor-top g.cargo.wrong').count() > 0, "the map marks the misplaced pallet");
  await page.screenshot({ path: `${out}/editor-problem.png` });
  await page.click("#editor-save");
  await settled();
  check((await status()).startsWith("It does not load yet") && await page.locator(`#scenario-switch option[value="${NAME}"]`).count() === 0,
    "Save refuses a draft that does not load");
  await vector("cargo[5].position_mm", [3900, 500, 600]);
  check(await problem.count() === 0, "the problem goes once the pallet is back inside");

  // Cigarettes behind a false front wall, with weld seams on it.
  await add("concealments");
  await fill("concealments[0].id", "FW1");
  await fill("concealments[0].category", "cigarettes");
  await fill("concealments[0].description", "About 400,000 cigarettes in a 600 mm cavity behind a welded false front wall");
  await fill("concealments[0].mass_kg", 800);
  await fill("concealments[0].indicators", "short-internal-length, fresh-welds, weight-gap");
  check(await page.evaluate(() => JSON.stringify(ed.draft.concealments[0].places)) === '[{"kind":"false-wall","depth_mm":600}]',
    "the concealment sits behind a 600 mm false wall");
  await add("marks");
  await add("marks");
  await fill("marks[0].concealment", "FW1");
  await fill("marks[1].concealment", "FW1");
  await vector("marks[1].at_mm", [0, 1190, -1166]);
  await vector("marks[1].size_mm", [16, 2360]);

  // The seal and the papers, two manifest lines.
  await fill("seal.number", "CDX-2026-004417");
  await fill("documents.shipper", "Guangzhou Hengda Ceramics Co., Ltd.");
  await fill("documents.consignee", "Siam Home Living Co., Ltd., Bangkok");
  await fill("documents.route", "CNCAN, VNSGN, THLCH");
  await fill("documents.seal_number", "CDX-2026-004417");
  const lines = [["Ceramic floor tiles", "6907.21", 6, 5400], ["Tile adhesive", "3214.90", 1, 300]];
  for (const [i, [description, hs, packages, gross]] of lines.entries()) {
    await page.click("#editor-documents > .entries > button.add");
    await settled();
    await fill(`documents.lines[${i}].description`, description);
    await fill(`documents.lines[${i}].hs_code`, hs);
    await fill(`documents.lines[${i}].packages`, packages);
    await fill(`documents.lines[${i}].gross_kg`, gross);
  }
  check(await page.locator("body[data-editor=ok]").count() === 1, `the drill loads: ${await status()}`);
  const toml = await page.textContent("#editor-toml");
  check(toml.includes('name = "walled-van"') && toml.includes("[[concealments]]") && toml.includes("fresh-weld"),
    "the file it would save reads as a scenario file");
  await page.click('#editor-cargo .picks button[data-cargo="2"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${out}/editor.png`, fullPage: true });

  // Try it: a drill of the draft in this session, with a bot in it.
  await page.click("#editor-try");
  await page.waitForFunction((name) => document.querySelector("#drill-line").textContent.includes(`draft/${name}`), NAME, { timeout: WAIT });
  check(true, `Try it started a drill of draft/${NAME} in the session`);
  const { stdout } = await promisify(execFile)(headset, ["bot", "--invite", `@${traineeInvite}`, "--count", "1", "--seconds", "6"]);
  const bots = JSON.parse(stdout.trim().split("\n").pop());
  check(bots.joined === 1 && bots.converged, `a bot walked the tried drill (${JSON.stringify(bots)})`);

  // Save it into the centre's library.
  await page.click("#editor-save");
  await page.waitForFunction((name) => document.querySelector("#editor-status").textContent.includes(`Saved as ${name}`), NAME, { timeout: WAIT });
  const listed = await page.locator(`#scenario-switch option[value="${NAME}"]`).count();
  check(listed === 1, "saved, and the scenario picker lists it");

  // Shared as a signed pack, made in the console; imported back, it is listed with its origin;
  // the same pack with a byte changed is refused and changes nothing.
  await page.click("#editor-share summary");
  await page.fill("#pack-name", "thai-cases");
  await page.fill("#pack-summary", "Anti-smuggling cases");
  await page.fill("#pack-publisher", "ศูนย์ฝึกอบรมศุลกากร");
  await page.fill("#pack-administration", "TH");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: WAIT }), page.click("#pack-make")]);
  const packPath = `${out}/${download.suggestedFilename()}`;
  await download.saveAs(packPath);
  check(download.suggestedFilename() === "thai-cases-1.0.0.cdpack", `the console made a signed pack: ${download.suggestedFilename()}`);
  const pack = readFileSync(packPath);
  const changed = Buffer.from(pack);
  changed[Math.floor(changed.length / 2)] ^= 1;
  writeFileSync(`${out}/tampered.cdpack`, changed);
  const before = await page.locator("#scenario-switch option").count();
  await page.setInputFiles("#pack-file", `${out}/tampered.cdpack`);
  await page.click("#pack-import");
  await page.waitForFunction(() => document.querySelector("#result").textContent.includes("changed after it was signed"), null, { timeout: WAIT });
  check(await page.locator("#scenario-switch option").count() === before, `a tampered pack is refused: ${await page.textContent("#result")}`);
  await page.setInputFiles("#pack-file", packPath);
  await page.click("#pack-import");
  await page.waitForFunction(() => document.querySelector("#pack-status").textContent.includes("thai-cases/walled-van"), null, { timeout: WAIT });
  const label = await page.locator('#scenario-switch option[value="thai-cases/walled-van"]').textContent();
  check(label.includes("thai-cases 1.0.0") && label.includes("ศูนย์ฝึกอบรมศุลกากร"), `the imported scenario is listed with where it came from: ${label}`);
  check(problems.length === 0, `no page errors (${problems.join("; ")})`);
} finally {
  await browser.close();
}
