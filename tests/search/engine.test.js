/* The search engine in Node, as the build publishes it: no browser, no DOM.
 *
 * Run by test_engine_node.py (`node --test`) over the fixture index of conftest.py, built
 * with tiny shard budgets so that the eight pills spread over many shard files. Index files
 * are read from disk by the same `load(kind, key, path)` contract search.js fulfils with
 * <script> elements. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const DIR = process.env.PILLOLE_SEARCH_DIR;
globalThis.lunr = require(path.join(DIR, "lunr.js"));
require(path.join(DIR, "italian.js"));  // the text pipeline: globalThis.PilloleText
const { Engine, within1, variantStems } = require(path.join(DIR, "engine.js"));

/* An engine over the fixture index, and the list of index files it opened. */
async function open() {
  const opened = [];
  function load(kind, key, file) {
    opened.push(file);
    const text = fs.readFileSync(path.join(DIR, file), "utf8");
    let payload;
    new Function("__pillole_search", text)(function (k, kk, data) { payload = data; });
    return Promise.resolve(payload);
  }
  const manifest = await load("manifest", "", "manifest.js");
  opened.length = 0;
  const engine = new Engine(manifest, { lunr: globalThis.lunr, text: globalThis.PilloleText, load: load });
  return { engine, opened, manifest };
}

async function top(engine, query, n = 3) {
  const out = await engine.search(query);
  const items = await engine.moments(await engine.present(out.rank(n)));
  return { out, slugs: items.map((item) => item.doc.id), items };
}

test("Italian forms find the pill: plural, elision, no accent", async () => {
  const { engine } = await open();
  for (const [query, slug] of [["competenza", "competenze"], ["l'intelligenza", "intelligenza"],
                               ["citta", "citta"], ["UNIVERSITA", "citta"], ["agenda", "calendario"]]) {
    const { slugs, out } = await top(engine, query);
    assert.equal(out.fuzzy, false, query);
    assert.ok(slugs.includes(slug), `${query}: ${slugs}`);
  }
});

test("a word still being typed matches as a prefix", async () => {
  const { engine } = await open();
  const { slugs, out } = await top(engine, "calend");
  assert.equal(slugs[0], "calendario");
  assert.deepEqual(out.prefixes, ["calend"]);
});

test("one typo is forgiven only when nothing matches exactly", async () => {
  const { engine } = await open();
  for (const [query, slug] of [["calndario ", "calendario"], ["competnze ", "competenze"], ["pasword ", "password"]]) {
    const { slugs, out } = await top(engine, query);
    assert.equal(out.fuzzy, true, query);
    assert.equal(slugs[0], slug, query);
  }
  assert.equal((await engine.search("password ")).fuzzy, false);
});

test("stop words alone are no query", async () => {
  const { engine } = await open();
  const out = await engine.search("della e per il ");
  assert.equal(out.empty, true);
  assert.equal(out.total, 0);
});

test("more query words matched rank first, and accept() filters", async () => {
  const { engine } = await open();
  const out = await engine.search("calendario riunioni");
  const ranked = out.rank(10);
  const { slugs } = await top(engine, "calendario riunioni", 10);
  assert.equal(slugs[0], "calendario");  // both words; "riunioni" alone is also spoken in another pill
  assert.ok(slugs.includes("intelligenza"), slugs.join(" "));
  assert.deepEqual(ranked.map((hit) => hit.count).slice(0, 2), [2, 1]);
  const first = ranked[0].doc;
  assert.deepEqual(out.rank(10, (doc) => doc !== first).map((hit) => hit.doc), ranked.slice(1).map((hit) => hit.doc));
  assert.equal(out.rank(1).length, 1);
});

test("a spoken phrase gives the moment of the recording", async () => {
  const { engine } = await open();
  const { slugs, items } = await top(engine, "disponibilità della squadra");
  assert.equal(slugs[0], "calendario");
  assert.equal(items[0].moment.start, 133);
  assert.match(items[0].moment.text, /squadra/);
});

test("a query opens only the shards its words need", async () => {
  const { engine, opened, manifest } = await open();
  const shards = manifest.head.keys.length + manifest.text.keys.length;
  assert.ok(shards > 10, `the fixture index has ${shards} shards`);
  await engine.search("password ");
  const read = opened.filter((file) => /^(head|text)\//.test(file));
  assert.ok(read.length >= 1 && read.length <= 2, read.join(" "));
  assert.ok(!opened.some((file) => file.startsWith("docs/")), "results load their data only when shown");
});

test("within1 and the stems of a typo's neighbours", () => {
  assert.ok(within1("calendario", "calndario"));
  assert.ok(within1("abc", "abd") && within1("abc", "abcd") && within1("abc", "ab"));
  assert.ok(!within1("abc", "acb") && !within1("abc", "a"));
  const normalize = globalThis.PilloleText.normalizer("it", []);
  assert.ok(variantStems("competnze", normalize)[normalize("competenze")]);
});
