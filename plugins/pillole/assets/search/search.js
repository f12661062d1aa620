/* Pillole search in the browser: the header box (results as you type) and the search page
 * (results with facets), over the engine (engine.js, pure and tested in Node) and the sharded
 * index (see search/builder.py).
 *
 * Loaded by core.js on every page, for the header box. The engine, lunr.js, the text pipeline
 * and the index files load on first use, with <script> elements relative to this file (JSON
 * over fetch is refused from file://), so the site works from a file share and under any
 * sub-path. Every word shown comes from the site's labels (Pillole.label). */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = new URL(".", script.src).href;
  var STAMP = new URL(script.src).search;  // "?v=<build>" from the core: a rebuild is never half cached
  var ROOT = Pillole.url(Pillole.config.root || "");
  var PAGE = (Pillole.config.search && Pillole.config.search.page) || "cerca/";
  var DROPDOWN_SIZE = 8;
  var PAGE_SIZE = 50;
  var FACET_SIZE = 12;
  var t = Pillole.label;

  /* ---------- loading the engine and the index ---------- */

  var pending = {};
  var version = "";
  var engine = null;
  var starting = null;

  function entry(id) {
    if (!pending[id]) {
      var e = {};
      e.promise = new Promise(function (resolve, reject) { e.resolve = resolve; e.reject = reject; });
      pending[id] = e;
    }
    return pending[id];
  }

  /* Index files call this global with their kind, key and payload. */
  window.__pillole_search = function (kind, key, data) {
    entry(kind + ":" + (key === null ? "" : key)).resolve(data);
  };

  /* The payload of one index file (the manifest's version keeps a rebuilt index consistent). */
  function loadData(kind, key, path) {
    var e = entry(kind + ":" + key);
    if (!e.requested) {
      e.requested = true;
      Pillole.load(BASE + path + (version ? "?v=" + version : STAMP)).catch(e.reject);
    }
    return e.promise;
  }

  function ready() {
    if (!starting) {
      starting = Promise.all([
        Pillole.load(BASE + "lunr.js" + STAMP), Pillole.load(BASE + "italian.js" + STAMP),
        Pillole.load(BASE + "engine.js" + STAMP), loadData("manifest", "", "manifest.js")
      ]).then(function (all) {
        version = all[3].version;
        engine = new window.PilloleSearchEngine.Engine(all[3], { lunr: window.lunr, text: window.PilloleText, load: loadData });
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
        var term = engine.normalize(f);
        return (term && out.matched[term]) || out.prefixes.some(function (p) { return f.indexOf(p) === 0; });
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

  function countText(n) { return n === 0 ? t("search_none") : n === 1 ? t("search_one") : t("search_many", { n: n }); }

  function resultBody(item, out) {
    var doc = item.doc;
    var parts = [
      el("span", { className: "pillole-search__title" }, [highlight(doc.title, out)]),
      doc.summary ? el("span", { className: "pillole-search__summary" }, [highlight(doc.summary, out)]) : null
    ];
    if (item.moment) {
      parts.push(el("span", { className: "pillole-search__moment" }, [
        el("span", { className: "pillole-search__time", text: Pillole.clock(item.moment.start) }),
        " «", highlight(item.moment.text, out), "»"
      ]));
    }
    return parts;
  }

  function resultHref(item) {
    return item.moment ? href(item.doc.url, item.moment.start) : href(item.doc.url);
  }

  /* ---------- header box ---------- */

  /* A magnifying glass, drawn here (24x24, in the header's colour). */
  var SEARCH_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.2"/>' +
    '<path d="M15 15l6 6" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>';
  var boxCount = 0;
  var boxes = [];  // the header boxes mounted so far (one, in Material's header)

  /* Whether the learner has a keyboard, as far as a page can tell: a mouse-like pointer.
   * The "/" shortcut is told only then (a phone has no "/" key to press). */
  function hasKeyboard() {
    return !!(window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches);
  }

  function HeaderBox(host) {
    var id = "pillole-search-" + (++boxCount);
    var keys = hasKeyboard();
    this.input = el("input", {
      id: id + "-input", type: "search", className: "pillole-search__input",
      placeholder: t(keys ? "search_placeholder_keys" : "search_placeholder"),
      autocomplete: "off", spellcheck: "false", role: "combobox", "aria-autocomplete": "list",
      "aria-expanded": "false", "aria-controls": id + "-list"
    });
    if (keys) this.input.setAttribute("aria-keyshortcuts", "/");
    this.list = el("ul", { id: id + "-list", role: "listbox", className: "pillole-search__list", "aria-label": t("search_results") });
    this.list.hidden = true;
    this.status = el("div", { className: "pillole-search__status", "aria-live": "polite", role: "status" });
    // On a phone the header has room for the site's name or for a box, not both: there the
    // box is a button that opens the search page (pillole.css shows one or the other).
    this.open = el("a", { className: "pillole-search__open", href: pageHref(""),
                          title: t("search"), "aria-label": t("search") });
    this.open.innerHTML = SEARCH_ICON;
    this.root = el("div", { className: "pillole-search", role: "search" }, [
      el("label", { "for": id + "-input", className: "pillole-search__label", text: t("search") }),
      this.input, this.status, this.list, this.open
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
    // Options are not links (a link inside role=option is a nested interactive control):
    // each carries its address and navigates itself.
    this.list.addEventListener("click", function (e) {
      var option = e.target.closest("[data-href]");
      if (option) Pillole.go(option.getAttribute("data-href"));
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
      if (seq >= self.shown) self.status.textContent = t("search_error");
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
                         text: t("search_all", { query: out.query }) });
    this.options.push(all);
    this.list.appendChild(all);
    this.list.setAttribute("data-results", String(out.total));
    this.list.setAttribute("data-query", out.query);
    this.status.textContent = (out.fuzzy && out.total ? t("search_fuzzy") + ": " : "") + countText(out.total);
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
      Pillole.go(option ? option.getAttribute("data-href") : pageHref(this.input.value));
    }
  };

  HeaderBox.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  /* ---------- search page ---------- */

  /* The page's state lives in its address: ?q=<words>&<facet>=<value>&... (a facet may
   * repeat), so a search can be shared, reloaded, and undone with the back button. */
  function readAddress() {
    var params = new URLSearchParams(window.location.search), chosen = {};
    params.forEach(function (value, name) {
      if (name === "q" || !value) return;
      (chosen[name] = chosen[name] || []).push(value);
    });
    return { query: params.get("q") || "", chosen: chosen };
  }

  var searchPage = null;  // the search page on screen, if any (instant navigation swaps it)

  /* The search page: binds to the elements of pillole/search.html (all there from the start,
   * so nothing moves when results arrive). Typing updates the address in place; a filter, or
   * a new query after a pause in typing, is a new step of the history. */
  function SearchPage(host) {
    this.host = host;
    this.path = window.location.pathname;
    this.input = host.querySelector(".pillole-page__input");
    this.status = host.querySelector(".pillole-page__status");
    this.facetBox = host.querySelector("[data-facets]");
    this.list = host.querySelector(".pillole-page__results");
    this.panel = host.querySelector(".pillole-page__filters");
    this.toggle = host.querySelector("[data-filters-toggle]");
    this.clear = host.querySelector("[data-filters-clear]");
    this.seq = 0;
    this.typing = false;  // true while the current history step is the query being typed
    var self = this;
    host.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      self.typing = false;
      self.input.blur();  // on a phone the keyboard goes away and the results show
      self.update();
    });
    this.input.addEventListener("input", function () {
      self.chosen = {};
      self.remember(!self.typing);
      self.typing = true;
      self.update();
    });
    this.toggle.addEventListener("click", function () { self.open(!self.panel.classList.contains("is-open")); });
    host.querySelector("[data-filters-done]").addEventListener("click", function () {
      self.open(false);
      self.toggle.focus();
    });
    this.clear.addEventListener("click", function () {
      self.chosen = {};
      self.remember(true);
      self.render();
    });
    Pillole.showing(this.restore());  // the first results: the theme's script waits for them
  }

  /* Shows or hides the filters (a phone's "Filtri" button; on wide screens they always show). */
  SearchPage.prototype.open = function (open) {
    this.panel.classList.toggle("is-open", open);
    this.toggle.setAttribute("aria-expanded", String(open));
  };

  /* The query and filters from the address (on arrival, and on the back button); resolves
   * once their results show. */
  SearchPage.prototype.restore = function () {
    var state = readAddress();
    this.input.value = state.query;
    this.chosen = state.chosen;
    this.typing = false;
    return this.update();
  };

  /* Writes the query and filters into the address: a new history step, or the current one. */
  SearchPage.prototype.remember = function (step) {
    var url = new URL(window.location.href), self = this;
    url.search = "";
    if (this.input.value) url.searchParams.set("q", this.input.value);
    Object.keys(this.chosen).forEach(function (name) {
      self.chosen[name].forEach(function (value) { url.searchParams.append(name, value); });
    });
    if (url.href === window.location.href) return;
    try {
      if (step) window.history.pushState(null, "", url.href);
      else window.history.replaceState(null, "", url.href);
    } catch (err) { /* an old browser from file:// may refuse: the page still works */ }
  };

  /* Searches the query in the box; resolves once the results show. */
  SearchPage.prototype.update = function () {
    var self = this, query = this.input.value, seq = ++this.seq;
    if (!query.trim()) {
      this.out = null;
      this.list.textContent = "";
      this.facetBox.textContent = "";
      this.status.textContent = "";
      this.counted();
      return Promise.resolve();
    }
    this.status.textContent = t("search_loading");
    return ready().then(function (eng) {
      return Promise.all([eng.search(query), eng.facets()]);
    }).then(function (pair) {
      if (seq === self.seq) { self.out = pair[0]; self.table = pair[1]; return self.render(); }
    }, function () {
      if (seq === self.seq) self.status.textContent = t("search_error");
    });
  };

  /* Whether pill `doc` passes the chosen filters (of every facet but `except`). */
  SearchPage.prototype.passes = function (doc, except) {
    var chosen = this.chosen, table = this.table;
    return Object.keys(chosen).every(function (name) {
      var facet = table[name];
      if (name === except || !facet || !chosen[name].length) return true;
      return facet.docs[doc].some(function (v) { return chosen[name].indexOf(facet.values[v]) >= 0; });
    });
  };

  /* How many filters are on, on the phone's button and in the "remove all" button. */
  SearchPage.prototype.counted = function () {
    var chosen = this.chosen, n = 0;
    Object.keys(chosen).forEach(function (name) { n += chosen[name].length; });
    this.toggle.textContent = n ? t("search_filters_count", { n: n }) : t("search_filters");
    this.clear.hidden = !n;
    this.panel.classList.toggle("is-filtered", n > 0);
  };

  /* Shows the results and facets of `this.out`; resolves once the results show. */
  SearchPage.prototype.render = function () {
    var self = this, out = this.out, seq = this.seq;
    if (!out) return Promise.resolve();
    var accept = function (doc) { return self.passes(doc); };
    var shown = out.all.filter(accept).length;
    this.status.textContent = (out.fuzzy && shown ? t("search_fuzzy") + ": " : "") + countText(shown);
    this.renderFacets(out.all, this.table);
    this.counted();
    var ranked = out.rank(PAGE_SIZE, accept);
    ranked.forEach(function (hit) { if (hit.cue >= 0) engine.cue(hit.doc, hit.cue); });  // with the pills' data, not after
    return engine.present(ranked).then(function (items) {
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
      var chosen = self.chosen[name] || [];
      var isChosen = function (v) { return chosen.indexOf(facet.values[v]) >= 0; };
      var order = facet.values.map(function (value, v) { return v; }).filter(function (v) { return counts[v] || isChosen(v); });
      if (order.length > FACET_SIZE) {  // long facets (tags, mentors): the most frequent, and the chosen ones
        order.sort(function (a, b) { return counts[b] - counts[a] || a - b; });
        order = order.filter(function (v, i) { return i < FACET_SIZE || isChosen(v); }).sort(function (a, b) { return a - b; });
      }
      var boxes = order.map(function (v) {
        var value = facet.values[v], id = "pillole-facet-" + name + "-" + v;
        var box = el("input", { type: "checkbox", id: id, value: value });
        box.checked = isChosen(v);
        box.addEventListener("change", function () {
          var now = (self.chosen[name] || []).filter(function (x) { return x !== value; });
          if (box.checked) now.push(value);
          if (now.length) self.chosen[name] = now; else delete self.chosen[name];
          self.typing = false;
          self.remember(true);
          self.render();
          var again = document.getElementById(id);
          if (again) again.focus();
        });
        return el("label", { "for": id, className: "pillole-page__facet-value" }, [
          box, el("span", {}, [value + " ", el("span", { className: "pillole-page__count", text: "(" + counts[v] + ")" })])
        ]);
      });
      if (boxes.length) {
        self.facetBox.appendChild(el("fieldset", { className: "pillole-page__facet", "data-facet": name }, [
          el("legend", { text: t(name) })
        ].concat(boxes)));
      }
    });
  };

  /* ---------- start ---------- */

  /* The header box: mounted once in Material's header, which instant navigation keeps; or in
   * a page's own [data-pillole-search] host. */
  Pillole.onPage(function () {
    boxes = boxes.filter(function (box) { return box.root.isConnected; });
    boxes.forEach(function (box) { box.close(); });
    if (document.querySelector(".pillole-search")) return;
    var host = document.querySelector("[data-pillole-search]");
    if (!host) {
      var header = document.querySelector(".md-header__inner");
      host = el("div", { className: "pillole-search__host" });
      if (header) header.insertBefore(host, header.querySelector(".md-header__source"));
      else document.body.insertBefore(host, document.body.firstChild);
    }
    boxes.push(new HeaderBox(host));
  });

  Pillole.each("[data-pillole-search-page]", function (host) { searchPage = new SearchPage(host); });

  /* The back and forward buttons between steps of one search: the page is the same, the
   * address holds the state. (Material's instant navigation loads other pages itself.) */
  window.addEventListener("popstate", function () {
    if (searchPage && searchPage.host.isConnected && window.location.pathname === searchPage.path) searchPage.restore();
  });

  document.addEventListener("click", function (e) {
    boxes.forEach(function (box) { if (!box.root.contains(e.target)) box.close(); });
  });

  document.addEventListener("keydown", function (e) {
    var target = e.target, typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
    var input = document.querySelector(".pillole-search__input");
    if (e.key === "/" && input && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
    }
  });

  window.PilloleSearch = {
    ready: ready,
    search: function (q) { return ready().then(function (eng) { return eng.search(q); }); },
    present: function (hits) {
      return ready().then(function (eng) { return eng.present(hits).then(function (items) { return eng.moments(items); }); });
    }
  };
})();
