/* Pillole progress: what a learner has completed, kept in this browser (no server, no account).
 *
 * One storage entry per site, "pillole:<site>:progress" (core.js names it), keyed by pill slug
 * so that it survives a rebuild that adds or reorders steps. A pill is in progress once the
 * learner started it (played its recording, opened its text, tried its quiz) and done when it
 * was watched or listened to (90%), read to the end, or marked by hand, and its quiz (if any)
 * was passed. Finishing a path earns its badge: on the pill page that finished it, a dialog
 * celebrates and leads to the certificate and to the path to take next.
 * Pages say what they show through data attributes written by the build (render/learning.py,
 * templates learning.html, progress.html, pill_learning.html, the card in macros.html); this
 * script only reads them and toggles state. Loaded by core.js on pages with
 * [data-pillole-progress], and with [data-pillole-progress-saved] once some progress is saved.
 * Our own code: no framework, no CDN. */
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

  function show(element, visible) {
    if (element) element.hidden = !visible;
  }

  function number(el, name) {
    return parseFloat(el.getAttribute(name)) || 0;
  }

  /* "11 novembre 2026" in the site's language. */
  function longDate(iso) {
    return new Date(iso).toLocaleDateString(Pillole.language, { day: "numeric", month: "long", year: "numeric" });
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

  /* "done", "started" (the learner began it) or "todo". */
  function pillState(state, slug, hasQuiz, passMark) {
    if (pillDone(state, slug, hasQuiz, passMark)) return "done";
    return state.pills[slug] ? "started" : "todo";
  }

  function pathStatus(state, el) {
    var steps = words(el.getAttribute("data-steps"));
    var quizzes = words(el.getAttribute("data-quizzes"));
    var mark = number(el, "data-pass-mark");
    var status = { total: steps.length, done: 0, next: -1, started: false, steps: steps, quizzes: quizzes, mark: mark };
    steps.forEach(function (slug, index) {
      var done = pillDone(state, slug, quizzes.indexOf(slug) >= 0, mark);
      if (done) status.done += 1;
      else if (status.next < 0) status.next = index;
      if (state.pills[slug]) status.started = true;
    });
    status.complete = status.total > 0 && status.done === status.total;
    return status;
  }

  /* --- badges: earning one is a moment ----------------------------------------------------- */

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
    earned.forEach(function (e) { show(document.querySelector('[data-badge-toast="' + e.id + '"]'), true); });
    celebrate(earned[0].id);
  }

  /* The dialog of a finished path, on the pill page that finished it: focus goes into it and,
     when it closes, to the next step (the big button) or back where it was. */
  function celebrate(id) {
    var dialog = document.querySelector('[data-celebration="' + id + '"]');
    if (!dialog || dialog.open || typeof dialog.showModal !== "function") return;
    var before = document.activeElement;
    dialog.addEventListener("close", function () {
      var next = document.querySelector("[data-next-action]");
      var target = next && next.offsetParent !== null ? next : before;
      if (target && target.isConnected && typeof target.focus === "function") target.focus();
    }, { once: true });
    dialog.showModal();
    var main = dialog.querySelector("[data-celebration-main]");
    if (main) main.focus();
  }

  /* Moves focus to `element` after a click hid the button that had it, unless a dialog
     (the celebration) has just taken it. */
  function focusAfter(element) {
    if (element && !document.querySelector("dialog[open]")) element.focus();
  }

  /* --- what each page shows ---------------------------------------------------------------- */

  function renderSteps(state, el, status) {
    all("[data-step]", el).forEach(function (item) {
      var slug = item.getAttribute("data-step");
      var stepState = pillState(state, slug, status.quizzes.indexOf(slug) >= 0, status.mark);
      item.setAttribute("data-state", stepState);
      var text = item.querySelector("[data-state-label]");
      if (text) text.textContent = label("state_" + stepState);
      if (status.steps[status.next] === slug && status.started) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
  }

  function renderBadge(state, el, status) {
    var badge = state.badges[el.getAttribute("data-pillole-path")];
    var left = status.total - status.done;
    all("[data-left]", el).forEach(function (text) {
      text.textContent = label(left === 1 ? "badge_left_one" : "badge_left_many", { n: left });
    });
    if (el.classList.contains("pillole-badge-card")) el.setAttribute("data-state", badge ? "earned" : "goal");
    all("[data-goal]", el).forEach(function (goal) { show(goal, !badge); });
    all("[data-earned-only]", el).forEach(function (item) { show(item, !!badge); });
    all("[data-earned-on]", el).forEach(function (text) {
      text.textContent = badge && badge.at ? label("badge_earned_on", { date: longDate(badge.at) }) : "";
    });
    /* the path to take next: the first suggested whose badge is not earned yet */
    var suggested = false;
    all("[data-suggest]", el).forEach(function (item) {
      var take = !suggested && !state.badges[item.getAttribute("data-suggest")];
      show(item, take);
      suggested = suggested || take;
    });
  }

  function renderPath(state, el) {
    var status = pathStatus(state, el);
    var id = el.getAttribute("data-pillole-path");
    var earned = !!state.badges[id];
    var bar = el.querySelector("[data-bar]");
    if (bar) {
      var track = bar.parentNode;
      bar.style.width = (status.total ? (100 * status.done) / status.total : 0) + "%";
      track.setAttribute("aria-valuenow", String(status.done));
      track.toggleAttribute("data-complete", status.complete);
      /* it grows when the learner completes a pill, not when the page opens: the first width
         is laid out (offsetWidth) before the transition is switched on */
      if (!track.hasAttribute("data-ready") && bar.offsetWidth >= 0) track.setAttribute("data-ready", "");
    }
    all("[data-count]", el).forEach(function (count) {
      count.textContent = label("progress_count", { done: status.done, total: status.total });
    });
    var when = el.getAttribute("data-show");
    if (when === "started") el.hidden = !(status.started && !status.complete);
    if (when === "earned") el.hidden = !earned;
    all("[data-next-step]", el).forEach(function (link) {
      show(link, status.started && link.getAttribute("data-next-step") === status.steps[status.next]);
    });
    all("[data-unless-started]", el).forEach(function (item) { show(item, !status.started); });
    all("[data-unless-complete]", el).forEach(function (item) { show(item, !status.complete); });
    all("[data-path-done], [data-earned]", el).forEach(function (item) { show(item, status.complete || earned); });
    renderSteps(state, el, status);
    renderBadge(state, el, status);
    return status;
  }

  /* Home: "Continua" once the learner has completed a pill of a path they are following. */
  function renderContinue(el, statuses) {
    var following = all("[data-show=started]", el).some(function (card) { return !card.hidden; });
    var anyDone = statuses.some(function (status) { return status.done > 0; });
    el.hidden = !(following && anyDone);
  }

  /* Every pill card: "Completata" or "In corso". */
  function renderCard(state, card) {
    var cardState = pillState(state, card.getAttribute("data-pill"), number(card, "data-quiz") > 0,
                              number(card, "data-pass-mark"));
    card.setAttribute("data-state", cardState);
    var text = card.querySelector("[data-card-state]");
    if (!text) return;
    text.textContent = cardState === "todo" ? "" : label("state_" + cardState);
    text.hidden = cardState === "todo";
  }

  function renderPill(state, el) {
    var slug = el.getAttribute("data-pill");
    var pill = state.pills[slug] || {};
    var mark = number(el, "data-pass-mark");
    var done = pillDone(state, slug, number(el, "data-quiz") > 0, mark);
    var status = el.querySelector("[data-completion]");
    var text;
    if (done) text = label("pill_done");
    else if (pill.seen) text = label("need_quiz", { n: mark });
    else text = label(el.getAttribute("data-kind") === "text" ? "need_text" : "need_media");
    if (status.textContent !== text) status.textContent = text;
    el.querySelector(".pillole-completion").setAttribute("data-state", done ? "done" : pill.seen ? "started" : "todo");
    all("[data-unless-seen]", el).forEach(function (item) { show(item, !pill.seen); });
    all("[data-quiz-left]", el).forEach(function (item) { show(item, !!pill.seen && !done); });
    all("[data-when-done]", el).forEach(function (item) { show(item, done); });
  }

  function renderProgressPage(state, el) {
    all("[data-pill-done]", el).forEach(function (item) {
      item.hidden = !pillDone(state, item.getAttribute("data-pill-done"), number(item, "data-quiz") > 0,
                              number(item, "data-pass-mark"));
    });
    all("[data-list]", el).forEach(function (list) {
      var visible = all(":scope > li", list).some(function (item) { return !item.hidden; });
      var name = list.getAttribute("data-list");
      all('[data-empty="' + name + '"]', el).forEach(function (text) { show(text, !visible); });
      all('[data-with-list="' + name + '"]', el).forEach(function (extra) { show(extra, visible); });
    });
    var input = el.querySelector("[data-learner-name]");
    if (input && document.activeElement !== input) input.value = state.name;
    all("[data-certificate-name]", el).forEach(function (name) { name.textContent = state.name; });
    all("[data-certificate]", el).forEach(function (cert) {
      var badge = state.badges[cert.getAttribute("data-certificate")];
      var time = cert.querySelector("[data-certificate-date]");
      if (badge && badge.at && time) {
        time.setAttribute("datetime", badge.at.slice(0, 10));
        time.textContent = longDate(badge.at);
      }
    });
  }

  function render() {
    var state = read();
    var statuses = all("[data-pillole-path]").map(function (el) { return renderPath(state, el); });
    all(".pillole-card[data-pill]").forEach(function (card) { renderCard(state, card); });
    all("[data-continue]").forEach(function (el) { renderContinue(el, statuses); });
    all(".pillole-learn").forEach(function (el) { renderPill(state, el); });
    all(".pillole-progress").forEach(function (el) { renderProgressPage(state, el); });
    document.dispatchEvent(new CustomEvent("pillole:progress"));
    awardBadges(state);
  }

  /* --- completing a pill -------------------------------------------------------------------- */

  function markStarted(slug) {
    if (read().pills[slug]) return;
    update(function (s) { pillOf(s, slug).started = now(); });
  }

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
    media.addEventListener("play", function () { markStarted(slug); });
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
      markStarted(slug);  // opening a text is starting to read it
      watchReading(slug);
    } else {
      all("[data-pillole-slot=media] video, [data-pillole-slot=media] audio").forEach(function (media) {
        watchMedia(slug, media);
      });
    }
    el.querySelector("[data-mark-done]").addEventListener("click", function () {
      update(function (s) {
        var pill = pillOf(s, slug);
        pill.seen = "manual";
        pill.at = now();
      });
      var next = el.querySelector("[data-next-action]");
      focusAfter(next && next.offsetParent !== null ? next : el.querySelector("[data-completion]"));
    });
    var undo = el.querySelector("[data-undo]");
    undo.addEventListener("click", function () {
      update(function (s) {
        var pill = pillOf(s, slug);
        delete pill.seen;
        delete pill.at;
      });
      focusAfter(el.querySelector("[data-mark-done]"));
    });
  }

  /* --- "I miei progressi": name, certificate, export and import ----------------------------- */

  function merge(into, from) {
    Object.keys(from.pills).forEach(function (slug) {
      var theirs = from.pills[slug] || {};
      var ours = pillOf(into, slug);
      if (theirs.seen && !ours.seen) { ours.seen = theirs.seen; ours.at = theirs.at; }
      if (theirs.started && !ours.started) ours.started = theirs.started;
      if ((theirs.best || 0) > (ours.best || 0)) ours.best = theirs.best;
      ours.attempts = Math.max(ours.attempts || 0, theirs.attempts || 0);
    });
    Object.keys(from.badges || {}).forEach(function (id) {
      if (!into.badges[id]) into.badges[id] = from.badges[id];
    });
    if (!into.name && typeof from.name === "string") into.name = from.name;
  }

  /* Prints one certificate alone, on one A4 landscape page (learning.css, @page certificate):
     a copy of it goes into a sheet of its own that is all the print shows. */
  function printCertificate(cert) {
    var sheet = document.createElement("div");
    sheet.className = "pillole-print-sheet";
    sheet.setAttribute("aria-hidden", "true");
    sheet.appendChild(cert.cloneNode(true));
    document.body.appendChild(sheet);
    document.body.classList.add("pillole-printing");
    window.addEventListener("afterprint", function () {
      document.body.classList.remove("pillole-printing");
      sheet.remove();
    }, { once: true });
    window.print();
  }

  function setupCertificates(el) {
    var input = el.querySelector("[data-learner-name]");
    var needed = el.querySelector("[data-name-needed]");
    input.addEventListener("input", function () {
      update(function (s) { s.name = input.value.trim(); });
      if (input.value.trim()) show(needed, false);
    });
    all("[data-print]", el).forEach(function (button) {
      button.addEventListener("click", function () {
        if (!read().name) {
          show(needed, true);
          input.focus();
          return;
        }
        printCertificate(el.querySelector('[data-certificate="' + button.getAttribute("data-print") + '"]'));
      });
    });
    /* arriving from "Vedi l'attestato": the certificate is shown only now, so go to it now */
    var target = location.hash.indexOf("#attestato-") === 0 ? document.getElementById(location.hash.slice(1)) : null;
    if (target && !target.hidden) {
      Pillole.styled().then(function () {
        target.scrollIntoView();
        target.focus({ preventScroll: true });
      });
    }
  }

  function setupTransfer(el) {
    el.querySelector("[data-export]").addEventListener("click", function () {
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

  function setupProgressPage(el) {
    render();  // the certificates must be shown before a link to one of them is followed
    setupCertificates(el);
    setupTransfer(el);
  }

  /* --- for quiz.js ------------------------------------------------------------------------------ */

  Pillole.progress = {
    /* What the learner did with a pill: {seen, best, attempts, ...}, or {}. */
    pill: function (slug) { return read().pills[slug] || {}; },
    /* Counts a try and keeps the best score; returns the pill's record. */
    recordQuiz: function (slug, percent) {
      update(function (s) {
        var pill = pillOf(s, slug);
        pill.attempts = (pill.attempts || 0) + 1;
        pill.best = Math.max(pill.best || 0, percent);
        pill.last = percent;
      });
      return read().pills[slug];
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
