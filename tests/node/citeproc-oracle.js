// The test oracle for argdoc's citation styles: citeproc-js (the engine Zotero uses)
// renders the same CSL-JSON items with the official CSL style files.
//
// stdin: {"style": path to a .csl file, "locales": folder of locales-xx-XX.xml, "lang": "en-US",
//         "items": [CSL items], "notes": [[{"id", "locator"?, "label"?}, ...], ...]}
// stdout: {"citations": [text of each note or in-text citation, in order], "bibliography": [entries]}
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const items = Object.fromEntries(input.items.map((item) => [item.id, item]));
const sys = {
  retrieveItem: (id) => items[id],
  retrieveLocale: (lang) => {
    const file = path.join(input.locales, `locales-${lang}.xml`);
    // citeproc-js throws on a missing locale instead of falling back: fall back here.
    return fs.readFileSync(fs.existsSync(file) ? file : path.join(input.locales, "locales-en-US.xml"), "utf8");
  },
};
const engine = new CSL.Engine(sys, fs.readFileSync(input.style, "utf8"), input.lang, true);
engine.setOutputFormat("text");
engine.updateItems(input.items.map((item) => item.id));
const texts = [];
const done = [];
input.notes.forEach((cites, index) => {
  const citation = { citationItems: cites, properties: { noteIndex: index + 1 } };
  const [, changed] = engine.processCitationCluster(citation, done, []);
  // Every cluster whose text changed comes back (short forms, ibid.): apply them all.
  for (const [at, text] of changed) texts[at] = text;
  done.push([citation.citationID, index + 1]);
});
const made = engine.makeBibliography();
const bibliography = made ? made[1].map((entry) => entry.trim()) : [];
process.stdout.write(JSON.stringify({ citations: texts, bibliography }));
