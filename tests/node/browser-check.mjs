// Opens argdoc's HTML files in headless Chromium and reports what a reader's browser sees.
//
//   node browser-check.mjs OUT_DIR FILE.html [FILE.html ...]   (prints JSON on stdout)
//
// Each file is opened three ways: a desktop window, the same in dark mode, and a
// phone. For each: a screenshot (OUT_DIR/<stem>-<view>.png), an axe-core run
// (every rule axe runs by default), console errors (a Content-Security-Policy
// violation is one), every request that is not the file itself, whether the page
// scrolls sideways, and whether argdoc's fonts and stylesheet took effect.
//
// axe is evaluated through the DevTools protocol, which the page's strict CSP
// does not govern, so the page is tested exactly as a reader gets it.
// The browser is the system's Chromium (CHROMIUM, else /usr/bin/chromium).

import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error("usage: node browser-check.mjs OUT_DIR FILE.html [FILE.html ...]");
  process.exit(2);
}

const axeSource = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const views = [
  { name: "desktop", viewport: { width: 1200, height: 900 }, colorScheme: "light" },
  { name: "dark", viewport: { width: 1200, height: 900 }, colorScheme: "dark" },
  { name: "phone", viewport: { width: 390, height: 844 }, colorScheme: "light", isMobile: true, hasTouch: true },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

const results = [];
try {
  for (const file of files) {
    const url = pathToFileURL(resolve(file)).href;
    for (const view of views) {
      const { name, ...options } = view;
      const context = await browser.newContext(options);
      const page = await context.newPage();
      const consoleErrors = [];
      const requests = [];
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => consoleErrors.push(String(error)));
      page.on("request", (request) => {
        if (request.url() !== url && !request.url().startsWith("data:")) requests.push(request.url());
      });
      await page.goto(url, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready);
      const screenshot = join(outDir, `${basename(file, ".html")}-${name}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      await page.evaluate(axeSource);
      const axe = await page.evaluate(async () => {
        // Every rule axe runs by default (WCAG 2.x A/AA and best practices).
        const outcome = await window.axe.run(document, { resultTypes: ["violations"] });
        return {
          version: window.axe.version,
          violations: outcome.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
          })),
        };
      });
      const page_facts = await page.evaluate(() => ({
        horizontalOverflow: document.documentElement.scrollWidth > window.innerWidth + 1,
        serifLoaded: document.fonts.check('16px "Argdoc Serif"'),
        bodyFont: getComputedStyle(document.body).fontFamily,
        headingColour: getComputedStyle(document.querySelector("h1")).color,
        background: getComputedStyle(document.documentElement).backgroundColor,
        // #11: where section 1 starts, in screens from the top; and whether the tension map
        // fits its frame, or else scrolls with a hint shown above it.
        firstSectionScreens: (() => {
          const section = document.querySelector("main section.section");
          return section ? (section.getBoundingClientRect().top + window.scrollY) / window.innerHeight : null;
        })(),
        map: (() => {
          const frame = document.querySelector(".map-frame");
          const hint = document.querySelector(".map-hint");
          if (!frame) return null;
          return {
            fits: frame.scrollWidth <= frame.clientWidth + 1,
            scrolls: getComputedStyle(frame).overflowX === "auto",
            hintShown: hint !== null && hint.getBoundingClientRect().height > 0,
            shadowed: getComputedStyle(frame).backgroundImage.includes("gradient"),
          };
        })(),
      }));
      results.push({ file, view: name, screenshot, consoleErrors, requests, axe, ...page_facts });
      await context.close();
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
