/* Pillole search engine: queries the sharded index that search/builder.py writes.
 *
 * Pure: no DOM and no network of its own, so Node runs it as it is (tests/js/engine.test.js).
 * It gets lunr, the text pipeline (italian.js, the twin of search/pipeline.py) and
 * `load(kind, key, path)`, which returns the payload of one index file as a Promise:
 * search.js loads them with <script> elements, the Node tests read them from disk.
 *
 * A query opens only the shards its words need: `head` shards are lunr indexes of titles and
 * tags, `text` shards postings of the longer fields; results show data from `docs` chunks and
 * a transcript moment from `cues`. When nothing matches exactly, words of 5+ letters are
 * retried with one typo allowed (on the stem, on the word as typed, and on the stems of the
 * word's one-edit neighbours). Our own code: no framework, no CDN. */
(function (root) {
  "use strict";

  var K1 = 1.2;
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";

  function toSet(list) {
    var s = Object.create(null);
    list.forEach(function (k) { s[k] = true; });
    return s;
  }

  /* The shard of `term`: the longest key that is a prefix of it. */
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

  /* What a query looks up in one kind of shard (head or text), one lookup per shard and word:
   * {key, j (the query word), exact: a term} or, when fuzzy, {key, j, near: every term within
   * one edit of it, skip: terms already looked up exactly as variant stems}. */
  function lookups(items, fuzzy, keys, set) {
    var out = [];
    items.forEach(function (it, j) {
      if (!fuzzy) {
        var key = it.term ? shardOf(it.term, set) : null;
        if (key !== null) out.push({ key: key, j: j, exact: it.term });
        return;
      }
      [it.term, it.word].filter(function (t, k, all) { return t && t.length >= 5 && all.indexOf(t) === k; }).forEach(function (t) {
        fuzzyKeys(t, keys).forEach(function (k) { out.push({ key: k, j: j, near: t, skip: it.variants }); });
      });
      if (it.variants) Object.keys(it.variants).forEach(function (t) {
        var k = shardOf(t, set);
        if (k !== null) out.push({ key: k, j: j, exact: t, variant: true });
      });
    });
    return out;
  }

  /* The terms of a shard that `lookup` matches: `known` maps the shard's terms to their
   * postings, `terms()` lists them (only a typo lookup needs the list). */
  function matches(lookup, known, terms) {
    if (lookup.exact !== undefined) return Object.prototype.hasOwnProperty.call(known, lookup.exact) ? [lookup.exact] : [];
    return terms().filter(function (term) { return within1(term, lookup.near) && !(lookup.skip && lookup.skip[term]); });
  }

  function byKey(list) {
    var out = {};
    list.forEach(function (x) { (out[x.key] = out[x.key] || []).push(x); });
    return out;
  }

  function sat(tf) { return tf ? tf * (K1 + 1) / (tf + K1) : 0; }

  function bitCount(x) { var c = 0; while (x) { x &= x - 1; c++; } return c; }

  /* Scores of one run, one slot per pill: typed arrays keep 10,000-pill queries cheap. */
  function Scores(n) {
    this.score = new Float64Array(n);
    this.words = new Uint32Array(n);  // bit j: query word j matched
    this.cue = new Int32Array(n).fill(-1);  // first cue of the rarest spoken query word
    this.cueWeight = new Float64Array(n);
    this.matched = {};  // index terms that matched, for highlighting
  }

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

  /* `manifest`: the index's manifest.js payload; `lib`: {lunr, text (PilloleText), load}. */
  function Engine(manifest, lib) {
    this.m = manifest;
    this.lunr = lib.lunr;
    this.words = lib.text.words;
    this.load = lib.load;
    this.normalize = lib.text.normalizer(manifest.lang, manifest.stop);
    lib.text.register(lib.lunr, manifest.lang, manifest.stop);
    this.headKeys = manifest.head.keys;
    this.headSet = toSet(manifest.head.keys);
    this.textKeys = manifest.text.keys;
    this.textSet = toSet(manifest.text.keys);
    this.indexes = {};
  }

  Engine.prototype.fileOf = function (key) { return (this.m.files && this.m.files[key]) || key; };

  /* A head shard as a lunr index, with its terms (for typo lookups). */
  Engine.prototype.head = function (key) {
    var lunr = this.lunr;
    if (!this.indexes[key]) {
      this.indexes[key] = this.load("head", key, "head/" + this.fileOf(key) + ".js").then(function (json) {
        var index = lunr.Index.load(json), terms = null;
        return { index: index, known: index.invertedIndex, terms: function () { return terms || (terms = Object.keys(index.invertedIndex)); } };
      });
    }
    return this.indexes[key];
  };

  Engine.prototype.text = function (key) {
    return this.load("text", key, "text/" + this.fileOf(key) + ".js");
  };

  /* Query words: every word gives an exact term; the word being typed also a prefix. */
  Engine.prototype.parse = function (query) {
    var self = this;
    var words = this.words(query);
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

  Engine.prototype.searchHead = function (items, fuzzy, acc) {
    var self = this, lunr = this.lunr;
    var wanted = byKey(lookups(items, fuzzy, this.headKeys, this.headSet));
    if (!fuzzy) {
      items.forEach(function (it, j) {  // the word being typed: every term it starts
        if (!it.prefix) return;
        var own = shardOf(it.prefix, self.headSet);
        self.headKeys.forEach(function (k) {
          if (k === own || (k.length > it.prefix.length && k.indexOf(it.prefix) === 0)) {
            (wanted[k] = wanted[k] || []).push({ key: k, j: j, prefix: it.prefix });
          }
        });
      });
    }
    return Promise.all(Object.keys(wanted).map(function (key) {
      return self.head(key).then(function (shard) {
        var clauses = [];
        wanted[key].forEach(function (w) {
          if (w.prefix) { clauses.push({ term: w.prefix, j: w.j, boost: 1, wildcard: true }); return; }
          var boost = w.exact !== undefined && !w.variant && !fuzzy ? 3 : 1;
          matches(w, shard.known, shard.terms).forEach(function (term) { clauses.push({ term: term, j: w.j, boost: boost }); });
        });
        if (!clauses.length) return;
        var bits = {};  // index term -> query word bits, computed once per term
        shard.index.query(function (q) {
          clauses.forEach(function (c) {
            q.term(c.term, {
              usePipeline: false, boost: c.boost,
              wildcard: c.wildcard ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
            });
          });
        }).forEach(function (r) {
          var doc = parseInt(r.ref, 36);
          acc.score[doc] += r.score;
          for (var term in r.matchData.metadata) {
            if (bits[term] === undefined) {
              bits[term] = 0;
              clauses.forEach(function (c) {
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
    return Promise.all(lookups(items, fuzzy, this.textKeys, this.textSet).map(function (w) {
      return self.text(w.key).then(function (shard) {
        matches(w, shard, function () { return Object.keys(shard); }).forEach(function (term) {
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
    var self = this, size = this.m.chunk;
    var chunks = {};
    numbers.forEach(function (d) { chunks[Math.floor(d / size)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return self.load("docs", c, "docs/" + c + ".js").then(function (rows) { return [parseInt(c, 10), rows]; });
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
    return this.load("cues", String(doc), "cues/" + doc + ".js").then(function (cues) { return cues[index]; });
  };

  Engine.prototype.facets = function () {
    return this.load("facets", "", "facets.js");
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

  var api = { Engine: Engine, within1: within1, variantStems: variantStems, fuzzyKeys: fuzzyKeys, shardOf: shardOf };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PilloleSearchEngine = api;
})(typeof window !== "undefined" ? window : globalThis);
