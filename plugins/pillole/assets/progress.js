/* Pillole progress: what a learner has completed, kept in this browser (no server, no account).
 *
 * One storage entry per site, "pillole:<site>:progress" (core.js names it), keyed by pill slug
 * so that it survives a rebuild that adds or reorders steps. A pill is done when it was
 * watched or listened to (90%), read to the end, or marked by hand, and its quiz (if any) was
 * passed. Pages say what they show through data attributes written by the build
 * (render/learning.py); this script only reads them and toggles state. Loaded by core.js on
 * pages with [data-pillole-progress]. Our own code: no framework, no CDN. */
(function () {
  "use strict";

  var FORMAT = "pillole-progress";
  var VERSION = 1;
  var WATCHED = 0.9;
  var READ_DWELL_MS = 2000;
  var ENTRY = "progress";
  var label = Pillole.label;
  var store = Pillole.store;

  var all = Pillole.all;

  function words(text) {
    return (text || "").split(/\s+/).filter(Boolean);
  }

  function now() {
    return new Date().toISOString();
  }

  /* --- storage -------------------------------------------------------------------------- */

  function empty() {
    return { version: VERSION, pills: {}, badges: {}, name: "" };
  }

  function isState(value) {
    return !!value && typeof value === "object" && !!value.pills && typeof value.pills === "object";
  }

  function read() {
    var state = store.read(ENTRY);
    if (!isState(state)) return empty();  // none yet, storage disabled or corrupt: start afresh
    state.badges = state.badges || {};
    state.name = state.name || "";
    return state;
  }

  /* Read, change, write: always from the stored value, so two open tabs add up. */
  function update(change) {
    var state = read();
    change(state);
    store.write(ENTRY, state);
    render();
  }

  function pillOf(state, slug) {
    return state.pills[slug] || (state.pills[slug] = {});
  }

  function pillDone(state, slug, hasQuiz, passMark) {
    var pill = state.pills[slug];
    if (!pill || !pill.seen) return false;
    return !hasQuiz || (pill.best || 0) >= passMark;
  }

  function pathStatus(state, el) {
    var steps = words(el.getAttribute("data-steps"));
    var quizzes = words(el.getAttribute("data-quizzes"));
    var mark = parseFloat(el.getAttribute("data-pass-mark")) || 0;
    var status = { total: steps.length, done: 0, next: -1, started: false };
    steps.forEach(function (slug, index) {
      var done = pillDone(state, slug, quizzes.indexOf(slug) >= 0, mark);
      if (done) status.done += 1;
      else if (status.next < 0) status.next = index;
      if (state.pills[slug]) status.started = true;
    });
    status.complete = status.total > 0 && status.done === status.total;
    status.steps = steps;
    status.quizzes = quizzes;
    status.mark = mark;
    return status;
  }

  /* --- what each page shows ---------------------------------------------------------------- */

  function awardBadges(state) {
    var earned = [];
    all("[data-pillole-path]").forEach(function (el) {
      var id = el.getAttribute("data-pillole-path");
      if (state.badges[id] || earned.some(function (e) { return e.id === id; })) return;
      if (pathStatus(state, el).complete) {
        earned.push({ id: id, name: el.getAttribute("data-badge-name"), icon: el.getAttribute("data-badge-icon") });
      }
    });
    if (!earned.length) return;
    update(function (s) {
      earned.forEach(function (e) { s.badges[e.id] = { at: now(), name: e.name, icon: e.icon }; });
    });
    var toast = document.querySelector("[data-badge-toast]");
    if (toast) {
      toast.textContent = earned.map(function (e) { return e.icon + " " + label("badge_earned", { name: e.name }); }).join(" ");
      toast.hidden = false;
    }
  }

  function renderPath(state, el) {
    var status = pathStatus(state, el);
    var id = el.getAttribute("data-pillole-path");
    var bar = el.querySelector("[data-bar]");
    if (bar) {
      bar.style.width = (status.total ? (100 * status.done) / status.total : 0) + "%";
      bar.parentNode.setAttribute("aria-valuenow", String(status.done));
    }
    var count = el.querySelector("[data-count]");
    if (count) count.textContent = label("progress_count", { done: status.done, total: status.total });
    var show = el.getAttribute("data-show");
    if (show === "started") el.hidden = !(status.started && !status.complete);
    if (show === "earned") el.hidden = !state.badges[id];
    var hrefs = words(el.getAttribute("data-hrefs"));
    all("[data-resume]", el).forEach(function (link) {
      link.hidden = status.complete;
      if (status.next >= 0 && hrefs[status.next]) link.setAttribute("href", hrefs[status.next]);
      link.textContent = label(status.started ? "resume" : "start_path");
    });
    all("[data-step]", el).forEach(function (item) {
      var slug = item.getAttribute("data-step");
      var done = pillDone(state, slug, status.quizzes.indexOf(slug) >= 0, status.mark);
      var stepState = done ? "done" : state.pills[slug] ? "started" : "todo";
      item.setAttribute("data-state", stepState);
      var text = item.querySelector("[data-state-label]");
      if (text) text.textContent = label("state_" + stepState);
      if (status.steps[status.next] === slug && status.started) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    var earned = el.querySelector("[data-earned]");
    if (earned) earned.hidden = !state.badges[id];
  }

  function renderPill(state, el) {
    var slug = el.getAttribute("data-pill");
    var pill = state.pills[slug] || {};
    var hasQuiz = parseInt(el.getAttribute("data-quiz"), 10) > 0;
    var mark = parseFloat(el.getAttribute("data-pass-mark")) || 0;
    var done = pillDone(state, slug, hasQuiz, mark);
    var box = el.querySelector(".pillole-completion");
    var status = el.querySelector("[data-completion]");
    var text;
    if (done) text = label("pill_done");
    else if (pill.seen) text = label("need_quiz", { n: mark });
    else text = label(el.getAttribute("data-kind") === "text" ? "need_text" : "need_media");
    if (status.textContent !== text) status.textContent = text;
    box.setAttribute("data-state", done ? "done" : pill.seen ? "started" : "todo");
    var button = el.querySelector("[data-mark-done]");
    button.textContent = label(pill.seen ? "mark_undone" : "mark_done");
    button.setAttribute("aria-pressed", pill.seen ? "true" : "false");
  }

  function renderProgressPage(state, el) {
    all("[data-pill-done]", el).forEach(function (item) {
      var slug = item.getAttribute("data-pill-done");
      item.hidden = !pillDone(state, slug, parseInt(item.getAttribute("data-quiz"), 10) > 0,
                              parseFloat(item.getAttribute("data-pass-mark")) || 0);
    });
    all("[data-list]", el).forEach(function (list) {
      var visible = all(":scope > li", list).some(function (item) { return !item.hidden; });
      var name = list.getAttribute("data-list");
      all('[data-empty="' + name + '"]', el).forEach(function (empty) { empty.hidden = visible; });
      all('[data-with-list="' + name + '"]', el).forEach(function (extra) { extra.hidden = !visible; });
    });
    var input = el.querySelector("[data-learner-name]");
    if (input && document.activeElement !== input) input.value = state.name;
    all("[data-certificate-name]", el).forEach(function (name) { name.textContent = state.name; });
    all("[data-certificate]", el).forEach(function (cert) {
      var badge = state.badges[cert.getAttribute("data-certificate")];
      var time = cert.querySelector("[data-certificate-date]");
      if (badge && badge.at && time) {
        time.setAttribute("datetime", badge.at.slice(0, 10));
        time.textContent = new Date(badge.at).toLocaleDateString(Pillole.language, { day: "numeric", month: "long", year: "numeric" });
      }
    });
  }

  function render() {
    var state = read();
    all("[data-pillole-path]").forEach(function (el) { renderPath(state, el); });
    all(".pillole-learn").forEach(function (el) { renderPill(state, el); });
    all(".pillole-progress").forEach(function (el) { renderProgressPage(state, el); });
    document.dispatchEvent(new CustomEvent("pillole:progress"));
    awardBadges(state);
  }

  /* --- completing a pill -------------------------------------------------------------------- */

  function markSeen(slug, how) {
    if ((read().pills[slug] || {}).seen) return;
    update(function (s) {
      var pill = pillOf(s, slug);
      pill.seen = how;
      pill.at = now();
    });
  }

  function watchMedia(slug, media) {
    function check() {
      if (media.duration && isFinite(media.duration) && media.currentTime >= WATCHED * media.duration) {
        media.removeEventListener("timeupdate", check);
        markSeen(slug, "media");
      }
    }
    media.addEventListener("timeupdate", check);
    media.addEventListener("ended", function () { markSeen(slug, "media"); });
  }

  /* A text pill is read when the end of its text stays in view for a moment (a glance at
     a page that happens to fit the screen is not reading it). */
  function watchReading(slug) {
    var body = document.querySelector(".pillole-body");
    if (!body || !("IntersectionObserver" in window)) return;
    var end = document.createElement("span");
    end.className = "pillole-body__end";
    end.setAttribute("aria-hidden", "true");
    body.appendChild(end);
    var timer = null;
    var observer = new IntersectionObserver(function (entries) {
      var visible = entries.some(function (entry) { return entry.isIntersecting; });
      clearTimeout(timer);
      if (!visible) return;
      timer = setTimeout(function () {
        observer.disconnect();
        if (end.isConnected) markSeen(slug, "text");  // not when the learner went to another page
      }, READ_DWELL_MS);
    });
    observer.observe(end);
  }

  function setupPill(el) {
    var slug = el.getAttribute("data-pill");
    if (el.getAttribute("data-kind") === "text") {
      watchReading(slug);
    } else {
      all("[data-pillole-slot=media] video, [data-pillole-slot=media] audio").forEach(function (media) {
        watchMedia(slug, media);
      });
    }
    el.querySelector("[data-mark-done]").addEventListener("click", function () {
      update(function (s) {
        var pill = pillOf(s, slug);
        if (pill.seen) { delete pill.seen; delete pill.at; } else { pill.seen = "manual"; pill.at = now(); }
      });
    });
  }

  /* --- "I miei progressi": name, certificate, export and import ----------------------------- */

  function merge(into, from) {
    Object.keys(from.pills).forEach(function (slug) {
      var theirs = from.pills[slug] || {};
      var ours = pillOf(into, slug);
      if (theirs.seen && !ours.seen) { ours.seen = theirs.seen; ours.at = theirs.at; }
      if ((theirs.best || 0) > (ours.best || 0)) ours.best = theirs.best;
      ours.attempts = Math.max(ours.attempts || 0, theirs.attempts || 0);
    });
    Object.keys(from.badges || {}).forEach(function (id) {
      if (!into.badges[id]) into.badges[id] = from.badges[id];
    });
    if (!into.name && typeof from.name === "string") into.name = from.name;
  }

  function setupProgressPage(el) {
    var input = el.querySelector("[data-learner-name]");
    if (input) {
      input.addEventListener("input", function () {
        update(function (s) { s.name = input.value.trim(); });
      });
    }
    all("[data-print]", el).forEach(function (button) {
      button.addEventListener("click", function () {
        var cert = el.querySelector('[data-certificate="' + button.getAttribute("data-print") + '"]');
        if (!read().name && input) { input.focus(); return; }
        document.body.classList.add("pillole-printing");
        cert.classList.add("is-printing");
        window.addEventListener("afterprint", function () {
          document.body.classList.remove("pillole-printing");
          cert.classList.remove("is-printing");
        }, { once: true });
        window.print();
      });
    });
    var exportButton = el.querySelector("[data-export]");
    exportButton.addEventListener("click", function () {
      var payload = { format: FORMAT, version: VERSION, site: Pillole.config.site, exported: now(), progress: read() };
      var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = label("export_file", { date: new Date().toISOString().slice(0, 10) });
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    });
    var importInput = el.querySelector("[data-import]");
    var result = el.querySelector("[data-import-result]");
    importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var data = null;
        try { data = JSON.parse(String(reader.result)); } catch (e) { /* reported below */ }
        if (!data || data.format !== FORMAT || !isState(data.progress)) {
          result.textContent = label("import_failed");
          return;
        }
        update(function (s) { merge(s, data.progress); });
        result.textContent = label("imported", { n: Object.keys(data.progress.pills).length });
        importInput.value = "";
      };
      reader.readAsText(file);
    });
  }

  /* --- for quiz.js ------------------------------------------------------------------------------ */

  Pillole.progress = {
    best: function (slug) { return (read().pills[slug] || {}).best; },
    /* Keep the best score; returns it. */
    recordQuiz: function (slug, percent) {
      update(function (s) {
        var pill = pillOf(s, slug);
        pill.attempts = (pill.attempts || 0) + 1;
        pill.best = Math.max(pill.best || 0, percent);
        pill.last = percent;
      });
      return read().pills[slug].best;
    }
  };

  /* Another tab of this site changed the progress. */
  window.addEventListener("storage", function (event) {
    if (event.key === store.key(ENTRY)) render();
  });
  Pillole.each(".pillole-learn[data-pill]", setupPill);
  Pillole.each(".pillole-progress", setupProgressPage);
  Pillole.onPage(render);
})();
