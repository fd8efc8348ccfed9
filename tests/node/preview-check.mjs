// Drives `argdoc serve`'s live preview in headless Chromium as a writer uses it: the page is
// opened once, the paper is saved on disk, and the page must update by itself (this script
// never reloads it).
//
//   node preview-check.mjs URL PAPER.arg [EDITS]   (prints JSON on stdout)
//
// 1. EDITS times (default 1): a word of the title is changed and the file saved the way
//    editors save (a temporary file renamed over it); the time from the save to the page
//    showing the new title, with no problems over it, is one latency.
// 2. A save with a syntax error: the problems must appear over the page, and the last good
//    render (its title) must stay under them.
// 3. The good text saved again: the problems go and the new title shows.
// 4. The page's PDF link is fetched: a PDF, made on demand.
// Console errors (a Content-Security-Policy violation is one) and requests to anywhere but
// the preview are collected. The browser is the system's Chromium (CHROMIUM, else /usr/bin/chromium).

import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, paper, editsArg] = process.argv.slice(2);
if (!url || !paper) {
  console.error("usage: node preview-check.mjs URL PAPER.arg [EDITS]");
  process.exit(2);
}
const edits = Number(editsArg || 1);
const original = readFileSync(paper, "utf8");
const titleLine = original.match(/^title: (.*)$/m);
if (!titleLine) {
  console.error(`${paper} has no title: line to edit`);
  process.exit(2);
}

function save(text) {
  const temporary = `${paper}.${process.pid}.tmp~`;
  writeFileSync(temporary, text);
  renameSync(temporary, paper);
}

function withTitle(title) {
  return original.replace(/^title: .*$/m, `title: ${title}`);
}

// Resolves once the page shows `title` in its h1 with no problems over it (or the problems,
// with `problems`), across as many reloads as it takes; rejects after `timeout` ms.
async function shown(page, title, { problems = false, timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    try {
      const state = await page.evaluate(() => ({
        h1: document.querySelector("h1")?.textContent ?? "",
        problems: document.getElementById("argdoc-problems")?.textContent ?? null,
      }));
      if (state.h1.includes(title) && (problems ? state.problems !== null : state.problems === null)) return state;
    } catch {
      // the page is between two loads: ask again
    }
    await new Promise((done) => setTimeout(done, 2));
  }
  throw new Error(`the page did not show ${JSON.stringify(title)}${problems ? " with problems" : ""} in ${timeout} ms`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const origin = new URL(url).origin;
const result = { latencies_ms: [], consoleErrors: [], foreignRequests: [], navigations: 0 };
try {
  const page = await (await browser.newContext()).newPage();
  page.on("console", (message) => {
    if (message.type() === "error") result.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => result.consoleErrors.push(String(error)));
  page.on("request", (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith("data:")) result.foreignRequests.push(request.url());
  });
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) result.navigations += 1;
  });
  await page.goto(url, { waitUntil: "load" });
  await shown(page, titleLine[1]);
  result.liveBadge = await page.evaluate(() => document.getElementById("argdoc-state")?.textContent ?? null);

  let title = titleLine[1];
  for (let i = 1; i <= edits; i += 1) {
    title = `${titleLine[1]} (edit ${i})`;
    const started = performance.now();
    save(withTitle(title));
    await shown(page, title);
    result.latencies_ms.push(Math.round(performance.now() - started));
    await new Promise((done) => setTimeout(done, 150)); // let the watcher settle between saves
  }

  save(withTitle(title).replace(/^title: /m, "title "));
  const broken = await shown(page, title, { problems: true });
  result.problems = broken.problems;
  result.titleUnderProblems = broken.h1;

  title = `${titleLine[1]} (fixed)`;
  save(withTitle(title));
  await shown(page, title);
  result.fixedTitle = title;

  const href = await page.evaluate(() => document.querySelector("a[href$='.pdf']")?.getAttribute("href") ?? null);
  result.pdfLink = href;
  if (href) {
    result.pdf = await page.evaluate(async (link) => {
      const response = await fetch(link);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        magic: String.fromCharCode(...bytes.slice(0, 5)),
      };
    }, href);
  }
} finally {
  save(original);
  await browser.close();
}
console.log(JSON.stringify(result));
