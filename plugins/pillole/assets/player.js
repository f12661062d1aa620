/* Pillole player: adds to the native <video>/<audio> what a learner needs.
 * Speeds, resume position (kept by the core's storage, per site), deep links ?t=90,
 * a transcript that seeks and follows playback, keyboard use, rendition switch.
 * Loaded by core.js on pages with a player. Our own small script: no framework, no CDN.
 * Works from file:// too. */
(function () {
  "use strict";

  var SPEEDS = [1, 1.25, 1.5, 2];
  var store = Pillole.store;

  /* "90", "1:30", "1:02:03", "1m30s" -> seconds (NaN when not a time). */
  function parseTime(text) {
    if (!text) return NaN;
    var m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
    if (m && (m[1] || m[2] || m[3])) return (+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0);
    var parts = text.split(":");
    if (parts.length > 3) return NaN;
    var total = 0;
    for (var i = 0; i < parts.length; i++) {
      if (!/^\d+(\.\d+)?$/.test(parts[i])) return NaN;
      total = total * 60 + parseFloat(parts[i]);
    }
    return total;
  }

  function init(root) {
    var media = root.querySelector("video, audio");
    if (!media) return;
    var posKey = "position:" + root.getAttribute("data-media-id");
    var speedButtons = root.querySelectorAll("[data-speed]");
    var cues = Array.prototype.slice.call(root.querySelectorAll(".pillole-cue"));
    var transcript = root.querySelector(".pillole-transcript ol");
    var select = root.querySelector("[data-rendition]");
    var active = null;
    var lastSaved = 0;

    function whenReady(fn) {
      if (media.readyState >= 1) fn();
      else media.addEventListener("loadedmetadata", fn, { once: true });
    }

    /* The buttons follow the speed, whoever changed it (buttons, keys, the browser's menu). */
    function showSpeed() {
      for (var i = 0; i < speedButtons.length; i++) {
        var on = parseFloat(speedButtons[i].getAttribute("data-speed")) === media.playbackRate;
        speedButtons[i].setAttribute("aria-pressed", on ? "true" : "false");
      }
    }

    function setSpeed(speed) {
      media.playbackRate = speed;
      showSpeed();
      store.set("speed", speed);
    }

    function seek(seconds, play) {
      whenReady(function () {
        media.currentTime = Math.max(0, Math.min(seconds, (media.duration || seconds) - 0.1));
        if (play) { var p = media.play(); if (p && p.catch) p.catch(function () {}); }
      });
    }

    /* Opened from a file share (file://), Chromium refuses <track> files: every file is its
     * own origin there. The transcript and the chapter list on the page hold the same cues,
     * so the player builds its captions and chapters tracks from them instead. */
    function cuesFromPage() {
      if (location.protocol !== "file:" || typeof VTTCue === "undefined") return;
      var elements = media.querySelectorAll("track[kind=captions], track[kind=chapters]");
      Array.prototype.forEach.call(elements, function (element) {
        var kind = element.getAttribute("kind");
        var items = root.querySelectorAll(kind === "captions" ? ".pillole-cue" : ".pillole-chapter");
        if (!items.length) return;
        var track = media.addTextTrack(kind, element.getAttribute("label") || kind, element.getAttribute("srclang") || "");
        Array.prototype.forEach.call(items, function (item, i) {
          var start = parseFloat(item.getAttribute("data-seek"));
          var next = items[i + 1] ? parseFloat(items[i + 1].getAttribute("data-seek")) : 1e7;
          var end = parseFloat(item.getAttribute("data-end")) || next;
          var text = item.querySelector(".pillole-text");
          track.addCue(new VTTCue(start, end, (text || item).textContent));
        });
        element.parentNode.removeChild(element);
      });
    }

    function showCaptions(on) {
      for (var i = 0; i < media.textTracks.length; i++) {
        var track = media.textTracks[i];
        if (track.kind === "captions" || track.kind === "subtitles") track.mode = on ? "showing" : "hidden";
      }
    }

    function highlight() {
      var now = media.currentTime;
      var found = null;
      for (var i = 0; i < cues.length; i++) {
        var start = parseFloat(cues[i].getAttribute("data-seek"));
        var end = parseFloat(cues[i].getAttribute("data-end"));
        if (now >= start && now < end) { found = cues[i]; break; }
      }
      if (found === active) return;
      if (active) { active.classList.remove("is-active"); active.removeAttribute("aria-current"); }
      active = found;
      if (!active) return;
      active.classList.add("is-active");
      active.setAttribute("aria-current", "true");
      if (transcript) {  // scroll the transcript box only, never the page
        var top = active.offsetTop - transcript.offsetTop;
        if (top < transcript.scrollTop || top > transcript.scrollTop + transcript.clientHeight - active.offsetHeight) {
          transcript.scrollTop = top - transcript.clientHeight / 3;
        }
      }
    }

    function switchRendition(src) {
      var at = media.currentTime;
      var playing = !media.paused;
      var rate = media.playbackRate;
      media.src = src;
      media.load();
      whenReady(function () {
        media.currentTime = at;
        media.playbackRate = rate;
        if (playing) { var p = media.play(); if (p && p.catch) p.catch(function () {}); }
      });
    }

    for (var i = 0; i < speedButtons.length; i++) {
      speedButtons[i].addEventListener("click", function (event) {
        setSpeed(parseFloat(event.currentTarget.getAttribute("data-speed")));
      });
    }

    root.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("[data-seek]") : null;
      if (!link || !root.contains(link)) return;
      event.preventDefault();
      event.stopPropagation();  // the player's own business: not a page change for instant navigation
      seek(parseFloat(link.getAttribute("data-seek")), true);
      try { history.replaceState(null, "", link.getAttribute("href") + location.hash); } catch (e) { /* file:// may refuse */ }
    });

    if (select) {
      var wanted = store.get("rendition");
      for (var j = 0; j < select.options.length; j++) {
        if (select.options[j].getAttribute("data-height") === wanted && j !== select.selectedIndex) {
          select.selectedIndex = j;
          switchRendition(select.value);
        }
      }
      select.addEventListener("change", function () {
        store.set("rendition", select.options[select.selectedIndex].getAttribute("data-height"));
        switchRendition(select.value);
      });
    }

    media.addEventListener("timeupdate", function () {
      highlight();
      if (Math.abs(media.currentTime - lastSaved) >= 5) {
        lastSaved = media.currentTime;
        store.set(posKey, media.currentTime.toFixed(1));
      }
    });
    media.addEventListener("pause", function () { store.set(posKey, media.currentTime.toFixed(1)); });
    media.addEventListener("ended", function () { store.set(posKey, null); });

    root.addEventListener("keydown", function (event) {
      var tag = event.target.tagName;
      if (event.ctrlKey || event.metaKey || event.altKey || tag === "SELECT" || tag === "INPUT") return;
      var onControl = tag === "BUTTON" || tag === "A";
      var key = event.key;
      var handled = true;
      if ((key === " " && !onControl) || key === "k" || key === "K") {
        if (media.paused) media.play(); else media.pause();
      } else if (key === "j" || key === "J" || (key === "ArrowLeft" && tag !== "VIDEO" && tag !== "AUDIO")) {
        media.currentTime = Math.max(0, media.currentTime - (key === "ArrowLeft" ? 5 : 10));
      } else if (key === "l" || key === "L" || (key === "ArrowRight" && tag !== "VIDEO" && tag !== "AUDIO")) {
        media.currentTime = Math.min(media.duration || Infinity, media.currentTime + (key === "ArrowRight" ? 5 : 10));
      } else if (key === "c" || key === "C") {
        var showing = false;
        for (var t = 0; t < media.textTracks.length; t++) showing = showing || media.textTracks[t].mode === "showing";
        showCaptions(!showing);
      } else if (key === ">" || key === "<") {
        var index = SPEEDS.indexOf(media.playbackRate);
        index = Math.max(0, Math.min(SPEEDS.length - 1, (index < 0 ? 0 : index) + (key === ">" ? 1 : -1)));
        setSpeed(SPEEDS[index]);
      } else if ((key === "f" || key === "F") && media.requestFullscreen) {
        if (document.fullscreenElement) document.exitFullscreen(); else media.requestFullscreen();
      } else if (key === "m" || key === "M") {
        media.muted = !media.muted;
      } else {
        handled = false;
      }
      if (handled) event.preventDefault();
    });

    var savedSpeed = parseFloat(store.get("speed"));
    if (SPEEDS.indexOf(savedSpeed) >= 0) setSpeed(savedSpeed);
    media.addEventListener("ratechange", showSpeed);
    cuesFromPage();
    showCaptions(root.getAttribute("data-captions") === "on");

    var linked = parseTime(new URLSearchParams(location.search).get("t"));
    var resume = parseFloat(store.get(posKey));
    if (!isNaN(linked)) seek(linked, false);
    else if (resume > 5) whenReady(function () { if (resume < media.duration - 5) seek(resume, false); });
  }

  Pillole.each("[data-pillole-player]", init);
})();
