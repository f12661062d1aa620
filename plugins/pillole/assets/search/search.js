/* Pillole search: the engine over the sharded index (see search/builder.py) and its UI
 * (header box with results as you type, and the search page with facets).
 * Everything is loaded with <script> tags relative to this file, so the site works from
 * file:// and under any sub-path; nothing but this small file loads before the first keystroke. */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = new URL(".", script.src).href;
  var STAMP = new URL(script.src).search;  // "?v=<build>" from the page: a rebuild is never half cached
  var ROOT = new URL(script.getAttribute("data-root") || "../", BASE).href;
  var PAGE = script.getAttribute("data-page") || "cerca/";
  var LANG = (script.getAttribute("data-lang") || document.documentElement.lang || "it").slice(0, 2) === "en" ? "en" : "it";
  var DROPDOWN_SIZE = 8;
  var PAGE_SIZE = 50;
  var FACET_SIZE = 12;
  var K1 = 1.2;

  var TEXT = {
    it: {
      label: "Cerca", placeholder: "Cerca nelle pillole (/)", results: "Risultati della ricerca",
      none: "Nessun risultato", one: "1 risultato", many: " risultati", all: "Tutti i risultati per",
      loading: "Ricerca in corso…", error: "La ricerca non è disponibile",
      facets: { area: "Area", technique: "Tecnica", level: "Livello", tag: "Tag", mentor: "Mentor", kind: "Formato", duration: "Durata" },
      filters: "Filtri", fuzzy: "Nessun risultato esatto: risultati simili"
    },
    en: {
      label: "Search", placeholder: "Search the pills (/)", results: "Search results",
      none: "No results", one: "1 result", many: " results", all: "All results for",
      loading: "Searching…", error: "Search is not available",
      facets: { area: "Area", technique: "Technique", level: "Level", tag: "Tag", mentor: "Mentor", kind: "Format", duration: "Duration" },
      filters: "Filters", fuzzy: "No exact results: similar results"
    }
  }[LANG];

  /* ---------- loading data files ---------- */

  var pending = {};
  var version = "";

  function entry(id) {
    if (!pending[id]) {
      var e = {};
      e.promise = new Promise(function (resolve, reject) { e.resolve = resolve; e.reject = reject; });
      pending[id] = e;
    }
    return pending[id];
  }

  /* Data files call this global with their kind, key and payload. */
  window.__pillole_search = function (kind, key, data) {
    entry(kind + ":" + (key === null ? "" : key)).resolve(data);
  };

  function addScript(path, onerror) {
    var s = document.createElement("script");
    s.src = BASE + path + (version ? "?v=" + version : STAMP);
    s.async = true;
    s.onload = function () { s.remove(); };
    s.onerror = function () { s.remove(); onerror(new Error("search: cannot load " + path)); };
    document.head.appendChild(s);
  }

  function loadData(kind, key, path) {
    var id = kind + ":" + key;
    var e = entry(id);
    if (!e.requested) {
      e.requested = true;
      addScript(path, e.reject);
    }
    return e.promise;
  }

  function loadCode(path) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = BASE + path + STAMP;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("search: cannot load " + path)); };
      document.head.appendChild(s);
    });
  }

  /* ---------- the engine ---------- */

  var engine = null;

  function Engine(manifest) {
    this.m = manifest;
    this.normalize = window.PilloleText.normalizer(manifest.lang, manifest.stop);
    window.PilloleText.register(window.lunr, manifest.lang, manifest.stop);
    this.headKeys = manifest.head.keys;
    this.headSet = toSet(manifest.head.keys);
    this.textKeys = manifest.text.keys;
    this.textSet = toSet(manifest.text.keys);
    this.indexes = {};
  }

  function toSet(list) {
    var s = Object.create(null);
    list.forEach(function (k) { s[k] = true; });
    return s;
  }

  function shardOf(term, set) {
    for (var n = term.length; n > 0; n--) if (set[term.slice(0, n)]) return term.slice(0, n);
    return set[""] ? "" : null;
  }

  /* True when a and b differ by at most one insertion, deletion or substitution. */
  function within1(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < la && j < lb) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (la > lb) i++; else if (lb > la) j++; else { i++; j++; }
    }
    return edits + (la - i) + (lb - j) <= 1;
  }

  /* The stems of every word one edit away from `word` (the first two letters kept, as for
   * fuzzyKeys). A typo often changes the stem itself ("competnze" stems apart from
   * "competenze"), so the typed word's neighbours are stemmed, not only compared. */
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  function variantStems(word, normalize) {
    var out = Object.create(null), head = word.slice(0, 2), tail = word.slice(2);
    function add(rest) { var t = normalize(head + rest); if (t) out[t] = true; }
    for (var i = 0; i <= tail.length; i++) {
      var before = tail.slice(0, i), after = tail.slice(i);
      for (var c = 0; c < LETTERS.length; c++) {
        add(before + LETTERS[c] + after);                               // insertion
        if (i < tail.length) add(before + LETTERS[c] + after.slice(1)); // substitution
      }
      if (i < tail.length) add(before + after.slice(1));                // deletion
      if (i + 1 < tail.length) add(before + after[1] + after[0] + after.slice(2));  // swap
    }
    return out;
  }

  /* Shards that may hold a term within one edit of `t`. The first two letters must match:
   * typos there would mean loading most of the index. */
  function fuzzyKeys(t, keys) {
    return keys.filter(function (k) {
      if (t.indexOf(k) === 0) return true;
      if (k.length < 3 || k.slice(0, 2) !== t.slice(0, 2)) return false;
      return within1(k, t.slice(0, k.length)) || within1(k, t.slice(0, k.length - 1)) || within1(k, t.slice(0, k.length + 1));
    });
  }

  Engine.prototype.fileOf = function (key) { return (this.m.files && this.m.files[key]) || key; };

  Engine.prototype.head = function (key) {
    if (!this.indexes[key]) {
      this.indexes[key] = loadData("head", key, "head/" + this.fileOf(key) + ".js").then(function (json) {
        return window.lunr.Index.load(json);
      });
    }
    return this.indexes[key];
  };

  Engine.prototype.text = function (key) {
    return loadData("text", key, "text/" + this.fileOf(key) + ".js");
  };

  /* Query words: every word gives an exact term; the word being typed also a prefix. */
  Engine.prototype.parse = function (query) {
    var self = this;
    var words = window.PilloleText.words(query);
    var typing = /[\p{L}\p{N}\p{M}]$/u.test(query);
    var items = [];
    words.forEach(function (w, i) {
      var term = self.normalize(w);
      var prefix = null;
      if (typing && i === words.length - 1 && w.length >= 3) {
        // A word still being typed may not have its ending yet: "competenz" must reach the
        // stem "competent", so long words drop their last two letters.
        prefix = w.length >= 7 ? w.slice(0, w.length - 2) : w;
      }
      if (term || prefix) items.push({ word: w, term: term, prefix: prefix });
    });
    return items;
  };

  /* Scores of one run, one slot per pill: typed arrays keep 10,000-pill queries cheap. */
  function Scores(n) {
    this.score = new Float64Array(n);
    this.words = new Uint32Array(n);  // bit j: query word j matched
    this.cue = new Int32Array(n).fill(-1);  // first cue of the rarest spoken query word
    this.cueWeight = new Float64Array(n);
    this.matched = {};  // index terms that matched, for highlighting
  }

  Engine.prototype.searchHead = function (items, fuzzy, acc) {
    var self = this;
    var clauses = {};
    function add(key, clause) { (clauses[key] = clauses[key] || []).push(clause); }
    items.forEach(function (it, j) {
      if (fuzzy) {
        [it.term, it.word].filter(function (t, k, all) { return t && t.length >= 5 && all.indexOf(t) === k; }).forEach(function (t) {
          fuzzyKeys(t, self.headKeys).forEach(function (key) { add(key, { near: t, j: j, skip: it.variants }); });
        });
        if (it.variants) Object.keys(it.variants).forEach(function (t) {
          var key = shardOf(t, self.headSet);
          if (key !== null) add(key, { term: t, j: j, boost: 1, variant: true });
        });
        return;
      }
      if (it.term) {
        var key = shardOf(it.term, self.headSet);
        if (key !== null) add(key, { term: it.term, j: j, boost: 3 });
      }
      if (it.prefix) {
        var own = shardOf(it.prefix, self.headSet);
        self.headKeys.forEach(function (k) {
          if (k === own || (k.length > it.prefix.length && k.indexOf(it.prefix) === 0)) add(k, { term: it.prefix, j: j, wildcard: true, boost: 1 });
        });
      }
    });
    return Promise.all(Object.keys(clauses).map(function (key) {
      return self.head(key).then(function (index) {
        // A typo: the shard's terms within one edit become exact clauses (a scan of a few
        // thousand short strings is cheaper than lunr's fuzzy automaton).
        var list = [], known = null;
        clauses[key].forEach(function (c) {
          if (c.variant) {  // hundreds of candidate stems: keep those this shard holds
            known = known || toSet(termsOf(index));
            if (known[c.term]) list.push(c);
            return;
          }
          if (!c.near) { list.push(c); return; }
          termsOf(index).forEach(function (term) {
            // a term that is also a variant stem is already a clause of its own
            if (within1(term, c.near) && !(c.skip && c.skip[term])) list.push({ term: term, j: c.j, boost: 1 });
          });
        });
        if (!list.length) return;
        var bits = {};  // index term -> query word bits, computed once per term
        index.query(function (q) {
          list.forEach(function (c) {
            q.term(c.term, {
              usePipeline: false, boost: c.boost,
              wildcard: c.wildcard ? window.lunr.Query.wildcard.TRAILING : window.lunr.Query.wildcard.NONE
            });
          });
        }).forEach(function (r) {
          var doc = parseInt(r.ref, 36);
          acc.score[doc] += r.score;
          for (var term in r.matchData.metadata) {
            if (bits[term] === undefined) {
              bits[term] = 0;
              list.forEach(function (c) {
                var ok = c.wildcard ? term.indexOf(c.term) === 0 : term === c.term;
                if (ok) bits[term] |= 1 << c.j;
              });
              acc.matched[term] = true;
            }
            acc.words[doc] |= bits[term];
          }
        });
      });
    }));
  };

  Engine.prototype.searchText = function (items, fuzzy, acc) {
    var self = this, n = this.m.count, boosts = this.m.text.boosts, fields = boosts.length, stride = fields + 2;
    var wanted = [];
    items.forEach(function (it, j) {
      if (fuzzy) {
        [it.term, it.word].filter(function (t, k, all) { return t && t.length >= 5 && all.indexOf(t) === k; }).forEach(function (t) {
          fuzzyKeys(t, self.textKeys).forEach(function (key) { wanted.push({ key: key, j: j, near: t, skip: it.variants }); });
        });
        if (it.variants) Object.keys(it.variants).forEach(function (t) {
          var key = shardOf(t, self.textSet);
          if (key !== null) wanted.push({ key: key, j: j, exact: t });
        });
      } else if (it.term) {
        var key = shardOf(it.term, self.textSet);
        if (key !== null) wanted.push({ key: key, j: j, exact: it.term });
      }
    });
    return Promise.all(wanted.map(function (w) {
      return self.text(w.key).then(function (shard) {
        var terms = w.exact !== undefined
          ? (shard[w.exact] ? [w.exact] : [])
          : Object.keys(shard).filter(function (term) { return within1(term, w.near) && !(w.skip && w.skip[term]); });
        terms.forEach(function (term) {
          acc.matched[term] = true;
          var p = shard[term], df = p.length / stride, bit = 1 << w.j;
          var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (fuzzy ? 0.5 : 1);
          var weights = boosts.map(function (b) { return b * idf; });
          for (var i = 0, doc = 0; i < p.length; i += stride) {  // [doc delta, tf per field..., cue]
            doc += p[i];
            for (var f = 0; f < fields; f++) if (p[i + 1 + f]) acc.score[doc] += sat(p[i + 1 + f]) * weights[f];
            acc.words[doc] |= bit;
            var cue = p[i + 1 + fields];
            if (cue >= 0 && idf > acc.cueWeight[doc]) { acc.cue[doc] = cue; acc.cueWeight[doc] = idf; }
          }
        });
      });
    }));
  };

  function termsOf(index) {
    if (!index.pilloleTerms) index.pilloleTerms = Object.keys(index.invertedIndex);
    return index.pilloleTerms;
  }

  function sat(tf) { return tf ? tf * (K1 + 1) / (tf + K1) : 0; }

  function bitCount(x) { var c = 0; while (x) { x &= x - 1; c++; } return c; }

  /* A search outcome: `all` lists every matching pill; `rank(limit, accept)` orders them
   * (more query words matched first, then score) keeping only `accept`ed pills. */
  function Outcome(query, items, acc, fuzzy) {
    var all = [], key = new Float64Array(acc.score.length);
    for (var d = 0; d < acc.words.length; d++) {
      if (acc.words[d]) { all.push(d); key[d] = bitCount(acc.words[d]) * 1e6 + acc.score[d]; }
    }
    this.query = query;
    this.all = all;
    this.total = all.length;
    this.fuzzy = fuzzy;
    this.empty = !items.length;
    this.matched = acc.matched;
    this.prefixes = items.map(function (it) { return it.prefix; }).filter(Boolean);
    this.rank = function (limit, accept) {
      var top = [];
      for (var i = 0; i < all.length; i++) {
        var doc = all[i];
        if (accept && !accept(doc)) continue;
        if (top.length === limit && key[doc] <= key[top[limit - 1]]) continue;
        var at = top.length < limit ? top.length : limit - 1;
        while (at > 0 && key[top[at - 1]] < key[doc]) { top[at] = top[at - 1]; at--; }
        top[at] = doc;
      }
      return top.map(function (doc) {
        return { doc: doc, score: acc.score[doc], count: bitCount(acc.words[doc]), cue: acc.cue[doc] };
      });
    };
  }

  /* Ranked results. When nothing matches exactly, words of 5+ letters are retried with one
   * typo allowed (on the stem and on the word as typed). */
  Engine.prototype.search = function (query) {
    var self = this;
    var items = this.parse(query).slice(0, 30);  // one bit per query word
    function run(fuzzy) {
      var acc = new Scores(self.m.count);
      if (!items.length) return Promise.resolve(new Outcome(query, items, acc, fuzzy));
      return Promise.all([self.searchHead(items, fuzzy, acc), self.searchText(items, fuzzy, acc)]).then(function () {
        return new Outcome(query, items, acc, fuzzy);
      });
    }
    return run(false).then(function (out) {
      var retry = items.some(function (it) { return it.word.length >= 5; });
      if (out.total || !retry) return out;
      items.forEach(function (it) { if (it.word.length >= 5) it.variants = variantStems(it.word, self.normalize); });
      return run(true);
    });
  };

  /* Display data of pills, by position in the index: {id, url, title, summary, kind, duration}. */
  Engine.prototype.docs = function (numbers) {
    var size = this.m.chunk;
    var chunks = {};
    numbers.forEach(function (d) { chunks[Math.floor(d / size)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return loadData("docs", c, "docs/" + c + ".js").then(function (rows) { return [parseInt(c, 10), rows]; });
    })).then(function (loaded) {
      var byChunk = {};
      loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
      var out = {};
      numbers.forEach(function (d) {
        var row = byChunk[Math.floor(d / size)][d % size];
        out[d] = { id: row[0], url: row[1], title: row[2], summary: row[3], kind: row[4], duration: row[5] };
      });
      return out;
    });
  };

  /* One transcript cue of a pill: [start seconds, text]. */
  Engine.prototype.cue = function (doc, index) {
    return loadData("cues", String(doc), "cues/" + doc + ".js").then(function (cues) { return cues[index]; });
  };

  Engine.prototype.facets = function () {
    return loadData("facets", "", "facets.js");
  };

  /* Results with what a result line shows: the pill's data (moments come separately). */
  Engine.prototype.present = function (hits) {
    return this.docs(hits.map(function (h) { return h.doc; })).then(function (docs) {
      return hits.map(function (h) { return { hit: h, doc: docs[h.doc], moment: null }; });
    });
  };

  /* Fills in the transcript moment of the items that have one: a second step, so that the
   * first results show before every pill's cues have arrived. */
  Engine.prototype.moments = function (items) {
    var self = this;
    return Promise.all(items.map(function (item) {
      if (item.hit.cue < 0) return null;
      return self.cue(item.hit.doc, item.hit.cue).then(function (cue) {
        item.moment = cue ? { start: cue[0], text: cue[1] } : null;
      });
    })).then(function () { return items; });
  };

  var starting = null;
  function ready() {
    if (!starting) {
      starting = Promise.all([
        loadCode("lunr.js"), loadCode("italian.js"), loadData("manifest", "", "manifest.js")
      ]).then(function (all) {
        version = all[2].version;
        engine = new Engine(all[2]);
        return engine;
      });
    }
    return starting;
  }

  /* ---------- presentation helpers ---------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  /* Text with the words that matched the query wrapped in <mark>; built as DOM nodes, so
   * titles containing markup show as text. */
  function highlight(text, out) {
    var frag = document.createDocumentFragment();
    var last = 0;
    String(text || "").replace(/[\p{L}\p{N}\p{M}]+/gu, function (word, at) {
      var folded = window.PilloleText.words(word);
      var hitWord = folded.some(function (f) {
        var t = engine.normalize(f);
        return (t && out.matched[t]) || out.prefixes.some(function (p) { return f.indexOf(p) === 0; });
      });
      if (hitWord) {
        frag.appendChild(document.createTextNode(text.slice(last, at)));
        frag.appendChild(el("mark", { text: word }));
        last = at + word.length;
      }
      return word;
    });
    frag.appendChild(document.createTextNode(String(text || "").slice(last)));
    return frag;
  }

  function clock(seconds) {
    var s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return h ? h + ":" + two(m) + ":" + two(r) : two(m) + ":" + two(r);
  }

  /* A site URL (relative to the root) as an href that works here, file:// included. */
  function href(url, seconds) {
    var u = new URL(url, ROOT);
    if (u.protocol === "file:" && /\/$/.test(u.pathname)) u.pathname += "index.html";
    if (seconds !== undefined) u.searchParams.set("t", String(Math.floor(seconds)));
    return u.href;
  }

  function pageHref(query) {
    var u = new URL(href(PAGE));
    if (query) u.searchParams.set("q", query);
    return u.href;
  }

  function countText(n) { return n === 0 ? TEXT.none : n === 1 ? TEXT.one : n + TEXT.many; }

  function resultBody(item, out) {
    var doc = item.doc;
    var parts = [
      el("span", { className: "pillole-search__title" }, [highlight(doc.title, out)]),
      doc.summary ? el("span", { className: "pillole-search__summary" }, [highlight(doc.summary, out)]) : null
    ];
    if (item.moment) {
      parts.push(el("span", { className: "pillole-search__moment" }, [
        el("span", { className: "pillole-search__time", text: clock(item.moment.start) }),
        " «", highlight(item.moment.text, out), "»"
      ]));
    }
    return parts;
  }

  function resultHref(item) {
    return item.moment ? href(item.doc.url, item.moment.start) : href(item.doc.url);
  }

  /* ---------- header box ---------- */

  var boxCount = 0;

  function HeaderBox(host) {
    var id = "pillole-search-" + (++boxCount);
    this.input = el("input", {
      id: id + "-input", type: "search", className: "pillole-search__input", placeholder: TEXT.placeholder,
      autocomplete: "off", spellcheck: "false", role: "combobox", "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": id + "-list"
    });
    this.list = el("ul", { id: id + "-list", role: "listbox", className: "pillole-search__list", "aria-label": TEXT.results });
    this.list.hidden = true;
    this.status = el("div", { className: "pillole-search__status", "aria-live": "polite", role: "status" });
    this.root = el("div", { className: "pillole-search", role: "search" }, [
      el("label", { "for": id + "-input", className: "pillole-search__label", text: TEXT.label }),
      this.input, this.status, this.list
    ]);
    host.appendChild(this.root);
    this.id = id;
    this.active = -1;
    this.options = [];
    this.seq = 0;
    this.shown = 0;
    var self = this;
    this.input.addEventListener("focus", function () { ready(); });
    this.input.addEventListener("input", function () { self.update(); });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    document.addEventListener("click", function (e) { if (!self.root.contains(e.target)) self.close(); });
    // Options are not links (a link inside role=option is a nested interactive control):
    // each carries its address and navigates itself.
    this.list.addEventListener("click", function (e) {
      var option = e.target.closest("[data-href]");
      if (option) window.location.href = option.getAttribute("data-href");
    });
  }

  HeaderBox.prototype.update = function () {
    var self = this, query = this.input.value, seq = ++this.seq;
    if (!query.trim()) { this.shown = seq; this.close(); this.status.textContent = ""; return; }
    ready().then(function (eng) {
      return eng.search(query).then(function (out) {
        return eng.present(out.rank(DROPDOWN_SIZE)).then(function (items) { return [out, items]; });
      });
    }).then(function (pair) {
      // While the learner types, show the newest answer so far rather than wait for the last.
      if (seq < self.shown) return;
      self.shown = seq;
      var out = pair[0], items = pair[1];
      if (out.empty) { self.close(); return; }
      self.render(out, items, false);
      if (items.some(function (item) { return item.hit.cue >= 0; })) {
        return engine.moments(items).then(function () { if (self.shown === seq) self.render(out, items, true); });
      }
    }).catch(function () {
      if (seq >= self.shown) self.status.textContent = TEXT.error;
    });
  };

  /* `keep`: the same answer again (now with moments), so the highlighted option stays. */
  HeaderBox.prototype.render = function (out, items, keep) {
    var self = this, active = keep ? this.active : -1;
    this.list.textContent = "";
    this.options = [];
    items.forEach(function (item, i) {
      var option = el("li", { id: self.id + "-opt-" + i, role: "option", "aria-selected": "false",
                              className: "pillole-search__option", "data-href": resultHref(item) }, resultBody(item, out));
      self.options.push(option);
      self.list.appendChild(option);
    });
    var all = el("li", { id: this.id + "-opt-all", role: "option", "aria-selected": "false",
                         className: "pillole-search__option pillole-search__all", "data-href": pageHref(out.query),
                         text: TEXT.all + " «" + out.query + "»" });
    this.options.push(all);
    this.list.appendChild(all);
    this.list.setAttribute("data-results", String(out.total));
    this.list.setAttribute("data-query", out.query);
    this.status.textContent = (out.fuzzy && out.total ? TEXT.fuzzy + ": " : "") + countText(out.total);
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    if (active >= 0) this.move(active + 1);
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  HeaderBox.prototype.move = function (delta) {
    if (!this.options.length) return;
    if (this.active >= 0) this.options[this.active].setAttribute("aria-selected", "false");
    var positions = this.options.length + 1;  // the input itself, then every option
    this.active = ((this.active + 1 + delta + positions) % positions) - 1;
    if (this.active < 0) { this.input.removeAttribute("aria-activedescendant"); return; }
    var option = this.options[this.active];
    option.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  HeaderBox.prototype.key = function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); this.move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); this.move(-1); }
    else if (e.key === "Escape") { this.close(); }
    else if (e.key === "Enter") {
      e.preventDefault();
      var option = this.active >= 0 ? this.options[this.active] : null;
      window.location.href = option ? option.getAttribute("data-href") : pageHref(this.input.value);
    }
  };

  HeaderBox.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  /* ---------- search page ---------- */

  function SearchPage(host) {
    var params = new URLSearchParams(window.location.search);
    this.input = el("input", { id: "pillole-page-input", type: "search", className: "pillole-page__input", autocomplete: "off", spellcheck: "false" });
    this.input.value = params.get("q") || "";
    this.status = el("p", { className: "pillole-page__status", "aria-live": "polite", role: "status" });
    this.facetBox = el("div", { className: "pillole-page__facets", role: "group", "aria-label": TEXT.filters });
    this.list = el("ol", { className: "pillole-page__results", "aria-label": TEXT.results });
    host.textContent = "";
    host.appendChild(el("div", { className: "pillole-page" }, [
      el("form", { className: "pillole-page__form", role: "search" }, [
        el("label", { "for": "pillole-page-input", className: "pillole-page__label", text: TEXT.label }), this.input
      ]),
      this.status,
      el("div", { className: "pillole-page__body" }, [this.facetBox, this.list])
    ]));
    this.selected = {};
    this.seq = 0;
    var self = this;
    host.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); self.update(); });
    this.input.addEventListener("input", function () { self.selected = {}; self.update(); });
    this.update();
  }

  SearchPage.prototype.update = function () {
    var self = this, query = this.input.value, seq = ++this.seq;
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    try { window.history.replaceState(null, "", url.href); } catch (err) { /* file:// may refuse */ }
    if (!query.trim()) { this.list.textContent = ""; this.facetBox.textContent = ""; this.status.textContent = ""; return; }
    this.status.textContent = TEXT.loading;
    ready().then(function (eng) {
      return Promise.all([eng.search(query), eng.facets()]);
    }).then(function (pair) {
      if (seq === self.seq) { self.out = pair[0]; self.table = pair[1]; self.render(); }
    }, function () {
      if (seq === self.seq) self.status.textContent = TEXT.error;
    });
  };

  SearchPage.prototype.passes = function (doc, except) {
    var sel = this.selected, table = this.table;
    return Object.keys(sel).every(function (name) {
      if (name === except) return true;
      var chosen = sel[name], mine = table[name].docs[doc];
      var any = Object.keys(chosen).filter(function (v) { return chosen[v]; });
      return !any.length || mine.some(function (v) { return chosen[v]; });
    });
  };

  SearchPage.prototype.render = function () {
    var self = this, out = this.out, table = this.table, seq = this.seq;
    var accept = function (doc) { return self.passes(doc); };
    var shown = out.all.filter(accept).length;
    this.status.textContent = (out.fuzzy && shown ? TEXT.fuzzy + ": " : "") + countText(shown);
    this.renderFacets(out.all, table);
    engine.present(out.rank(PAGE_SIZE, accept)).then(function (items) {
      return engine.moments(items);
    }).then(function (items) {
      if (seq !== self.seq) return;
      self.list.textContent = "";
      items.forEach(function (item) {
        self.list.appendChild(el("li", { className: "pillole-page__result" }, [
          el("a", { href: resultHref(item) }, resultBody(item, out))
        ]));
      });
    });
  };

  /* Facet counts: for each facet, the results that pass the filters of the other facets. */
  SearchPage.prototype.renderFacets = function (docs, table) {
    var self = this;
    this.facetBox.textContent = "";
    engine.m.facets.forEach(function (name) {
      var facet = table[name];
      if (!facet || !facet.values.length) return;
      var counts = facet.values.map(function () { return 0; });
      docs.forEach(function (doc) {
        if (self.passes(doc, name)) facet.docs[doc].forEach(function (v) { counts[v]++; });
      });
      var chosen = self.selected[name] || {};
      var boxes = [];
      var order = facet.values.map(function (value, v) { return v; }).filter(function (v) { return counts[v] || chosen[v]; });
      if (order.length > FACET_SIZE) {  // long facets (tags, mentors): the most frequent, and the chosen ones
        order.sort(function (a, b) { return counts[b] - counts[a] || a - b; });
        order = order.filter(function (v, i) { return i < FACET_SIZE || chosen[v]; }).sort(function (a, b) { return a - b; });
      }
      order.forEach(function (v) {
        var value = facet.values[v];
        var id = "pillole-facet-" + name + "-" + v;
        var box = el("input", { type: "checkbox", id: id, value: String(v) });
        box.checked = !!chosen[v];
        box.addEventListener("change", function () {
          self.selected[name] = self.selected[name] || {};
          self.selected[name][v] = box.checked;
          self.render();
          var again = document.getElementById(id);
          if (again) again.focus();
        });
        boxes.push(el("div", { className: "pillole-page__facet-value" }, [
          box, el("label", { "for": id }, [value + " ", el("span", { className: "pillole-page__count", text: "(" + counts[v] + ")" })])
        ]));
      });
      if (boxes.length) {
        self.facetBox.appendChild(el("fieldset", { className: "pillole-page__facet", "data-facet": name }, [
          el("legend", { text: TEXT.facets[name] || name })
        ].concat(boxes)));
      }
    });
  };

  /* ---------- start ---------- */

  function mountBox() {
    var host = document.querySelector("[data-pillole-search]");
    if (!host) {
      var header = document.querySelector(".md-header__inner");
      host = el("div", { className: "pillole-search__host" });
      if (header) header.insertBefore(host, header.querySelector(".md-header__source"));
      else document.body.insertBefore(host, document.body.firstChild);
    }
    return new HeaderBox(host);
  }

  function start() {
    var box = mountBox();
    var page = document.getElementById("pillole-search-page");
    if (page) new SearchPage(page);
    document.addEventListener("keydown", function (e) {
      var t = e.target, typing = t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName));
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        box.input.focus();
      }
    });
  }

  window.PilloleSearch = {
    ready: ready,
    search: function (q) { return ready().then(function (eng) { return eng.search(q); }); },
    present: function (hits) {
      return ready().then(function (eng) { return eng.present(hits).then(function (items) { return eng.moments(items); }); });
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
