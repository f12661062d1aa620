/* Pillole core: the one script every page links. It loads the feature scripts a page needs.
 *
 * How the browser side is put together (decided in issue 13, ready for issue 14):
 * - The build writes this file with one line before it, `window.PilloleConfig = {...}`
 *   (pillole/browser.py): the site's storage namespace, its language, every label the scripts
 *   show (from pillole/i18n.py, the one table) and where each feature script is, relative to
 *   this file. It is the same on every page, so an instant navigation needs nothing new.
 * - Feature scripts (progress, quiz, player, browse, search) are loaded on demand, when the
 *   page holds their elements (FEATURES below), with a classic <script> element: the site must
 *   work from file://, where browsers refuse ES modules. They run in the order of FEATURES
 *   (async = false), so quiz.js finds progress.js. A page loads only what it uses, also after
 *   an instant navigation to a page that needs more.
 * - A feature registers `Pillole.onPage(fn)` (work on the whole page) or
 *   `Pillole.each(selector, fn)` (once per element): both run for the current page and again
 *   after each of Material's instant navigations (`navigation.instant` swaps the page content
 *   without reloading any script; Material announces each page on `document$`). Without
 *   Material, the page starts on DOMContentLoaded. Listeners on document or window belong at
 *   the top level of a feature script, which runs once, so they never pile up.
 * - Material's own script (its 114 kB bundle) is not linked by the pages: the build leaves a
 *   placeholder, <script data-pillole-theme="...bundle.js">, and this file loads the bundle
 *   once the page has loaded and shown its first content (`Pillole.showing`). On a phone's
 *   slow 4G it no longer shares the bandwidth with the stylesheets, the poster and the search
 *   results, and nothing on screen needs it early: links, tabs and the drawer work without
 *   it; its extras (back-to-top, the header's title, instant navigation) come a moment later.
 *   The bundle starts on DOMContentLoaded, long past by then, so it hears that event once
 *   more; from then on the pages come on Material's `document$`, as when it loads first.
 * - Storage: localStorage entries named "pillole:<site>:<name>", the names of the first
 *   releases, so learners keep what they saved. Storage errors (disabled, private mode, full)
 *   are swallowed: the site still works, it just forgets.
 * Our own small script: no framework, no CDN. */
(function () {
  "use strict";

  var config = window.PilloleConfig || {};
  var script = document.currentScript;
  var HERE = script && script.src ? script.src : location.href;
  var LABELS = config.labels || {};
  var MODULES = config.modules || {};
  var PREFIX = "pillole:" + (config.site || "site") + ":";
  /* Feature name -> the elements that need it (and, if named, the storage entry that must
   * exist too: home and lists of pills show the learner's progress, so they need progress.js
   * only once there is some); in the order the scripts must run. */
  var FEATURES = [
    ["progress", "[data-pillole-progress]"],
    ["progress", "[data-pillole-progress-saved]", "progress"],
    ["quiz", "[data-pillole-quiz]"],
    ["player", "[data-pillole-player]"],
    ["browse", "[data-pillole-filter]"],
    ["search", "body"]  // the header search box is on every page
  ];
  var hooks = [];
  var scripts = {};  // url -> Promise of its run
  var features = {};  // feature name -> Promise of its script's run
  var started = false;
  var showing = [];  // Promises of the page's first content (Pillole.showing); null once the theme loads

  /* --- loading scripts ------------------------------------------------------------------ */

  /* An address relative to this file (the site root is config.root). */
  function url(path) {
    return new URL(path, HERE).href;
  }

  /* Runs the classic script at `src` once; resolves when it has run. Scripts inserted here
   * run in insertion order (async = false), whatever order they arrive in. */
  function load(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.src = src;
        element.async = false;
        element.onload = function () { element.remove(); resolve(); };
        element.onerror = function () { element.remove(); reject(new Error("Pillole: cannot load " + src)); };
        document.head.appendChild(element);
      });
    }
    return scripts[src];
  }

  /* A feature script's address: versioned by the build, so a new build is never half cached. */
  function featureUrl(path) {
    return url(path) + (config.version ? "?v=" + config.version : "");
  }

  /* --- pages ---------------------------------------------------------------------------- */

  function run(fn) {
    try {
      fn(document);
    } catch (error) {  // one broken feature must not stop the others; the console still says it
      setTimeout(function () { throw error; });
    }
  }

  function start() {
    started = true;
    FEATURES.forEach(function (feature) {
      var name = feature[0];
      var needs = feature[2];
      if (MODULES[name] && !features[name] && document.querySelector(feature[1]) &&
          (!needs || store.get(needs) !== null)) {
        features[name] = load(featureUrl(MODULES[name]));
        features[name].catch(function (error) { setTimeout(function () { throw error; }); });
      }
    });
    hooks.slice().forEach(run);
  }

  /* `fn(document)` for the current page and for every page after it. */
  function onPage(fn) {
    hooks.push(fn);
    if (started) run(fn);
  }

  /* The elements matching `selector` in `scope` (default: the page), as an array. */
  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  /* `fn(element)` once for each element matching `selector`, on every page. */
  function each(selector, fn) {
    var seen = new WeakSet();
    onPage(function () {
      all(selector).forEach(function (element) {
        if (seen.has(element)) return;
        seen.add(element);
        fn(element);
      });
    });
  }

  /* Resolves once the feature scripts asked for so far have run, and so have set up the
   * current page: for tests, and for code that must wait for a feature. */
  function ready() {
    var runs = Object.keys(features).map(function (name) {
      return features[name].catch(function () { /* reported by start */ });
    });
    return Promise.all(runs).then(function () {});
  }

  /* Resolves once the stylesheets the page links have arrived (or failed, or after 3 s). After
   * an instant navigation, the new content's own stylesheets (browser.PAGE_STYLESHEETS) load
   * while its scripts already run: a script that scrolls to an element waits for them, or the
   * layout moves under it once they apply. */
  function styled() {
    var pending = all('link[rel="stylesheet"]').filter(function (link) { return !link.sheet; });
    return Promise.race([
      Promise.all(pending.map(function (link) {
        return new Promise(function (resolve) {
          link.addEventListener("load", resolve, { once: true });
          link.addEventListener("error", resolve, { once: true });
        });
      })),
      new Promise(function (resolve) { setTimeout(resolve, 3000); })
    ]).then(function () {});
  }

  /* Goes to `href` as a click on a link would: Material's instant navigation takes it when it
   * can. The same page with other parameters (?t=90) needs a real load, which Material skips. */
  function go(href) {
    var target = new URL(href, location.href);
    if (target.pathname === location.pathname && target.search !== location.search) {
      location.href = target.href;
      return;
    }
    var link = document.createElement("a");
    link.href = target.href;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  /* The page's first content shows when `promise` settles (the search page's results): the
   * theme's script waits for it, so it never competes with it for the network. */
  function showFirst(promise) {
    if (showing) showing.push(Promise.resolve(promise).catch(function () { /* the feature says so itself */ }));
  }

  /* --- the theme's script, late ------------------------------------------------------------ */

  /* Follows Material's instant navigations, once its `document$` exists: it replays the page
   * it announced last, which the core has started already. */
  function follow(document$) {
    var replayed = started;
    document$.subscribe(function () {
      if (replayed) replayed = false;
      else start();
    });
  }

  /* Loads Material's bundle from the placeholder the build left (browser.theme_script_later),
   * after the page's `load` and the paint of its first content (or 5 s, should that never
   * come), then lets it start. */
  function loadTheme() {
    var holder = document.querySelector("script[data-pillole-theme]");
    if (!holder || window.document$) return;
    var src = new URL(holder.getAttribute("data-pillole-theme"), document.baseURI).href;
    var shown = Promise.race([Promise.all(showing), new Promise(function (resolve) { setTimeout(resolve, 5000); })]);
    holder.remove();
    showing = null;
    shown.then(function () {
      return new Promise(function (resolve) {  // after the frame that paints it
        requestAnimationFrame(function () { setTimeout(resolve, 0); });
      });
    }).then(function () {
      return load(src);
    }).then(function () {
      document.dispatchEvent(new Event("DOMContentLoaded"));  // the event Material's bundle waits for
      if (window.document$) follow(window.document$);
    }).catch(function (error) { setTimeout(function () { throw error; }); });
  }

  /* --- labels, storage, time ------------------------------------------------------------ */

  /* The label `key` with its {placeholders} filled from `values`. A key the build did not hand
   * over (browser.SCRIPT_LABELS) shows as itself, and says so in the console. */
  function label(key, values) {
    var known = Object.prototype.hasOwnProperty.call(LABELS, key);
    if (!known) console.error("Pillole: no label " + key);
    var text = known ? LABELS[key] : key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

  var store = {
    /* The localStorage key of `name` on this site. */
    key: function (name) { return PREFIX + name; },
    get: function (name) {
      try { return localStorage.getItem(PREFIX + name); } catch (e) { return null; }
    },
    /* Saves `value` as text; null removes the entry. */
    set: function (name, value) {
      try {
        if (value === null) localStorage.removeItem(PREFIX + name);
        else localStorage.setItem(PREFIX + name, String(value));
      } catch (e) { /* storage disabled or full: the site still works, it just forgets */ }
    },
    /* The entry as JSON, or null when missing or unreadable. */
    read: function (name) {
      try { return JSON.parse(store.get(name)); } catch (e) { return null; }
    },
    write: function (name, value) { store.set(name, JSON.stringify(value)); }
  };

  /* 75 -> "01:15", 3725 -> "1:02:05": times as transcripts show them. */
  function clock(seconds) {
    var s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return h ? h + ":" + two(m) + ":" + two(r) : two(m) + ":" + two(r);
  }

  window.Pillole = {
    config: config,
    language: config.language || document.documentElement.lang || "it",
    url: url,
    load: load,
    all: all,
    onPage: onPage,
    each: each,
    ready: ready,
    styled: styled,
    showing: showFirst,
    go: go,
    label: label,
    store: store,
    clock: clock
  };

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
  if (document.readyState === "complete") loadTheme();
  else window.addEventListener("load", loadTheme, { once: true });
})();
