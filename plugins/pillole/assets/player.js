/* Pillole player: drives the large controls under the native <video>/<audio> (play, back 10
 * seconds, captions, the speed and quality menus) and adds what a learner needs: the resume
 * position (kept by the core's storage, per site), deep links ?t=90 that scroll to the player
 * and play, a big "Riproduci da 00:54" button when the browser refuses to start without a click, a notice
 * when the server cannot seek, and a transcript that follows playback.
 * Loaded by core.js on pages with a player. Our own small script: no framework, no CDN.
 * Works from file:// too. */
(function () {
  "use strict";

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

  /* play() without its promise's rejection reaching the console; `refused` gets the error
   * (NotAllowedError: the browser wants a click first). */
  function play(media, refused) {
    var promise = media.play();
    if (promise && promise.catch) promise.catch(function (error) { if (refused) refused(error); });
  }

  function init(root) {
    var media = root.querySelector("video, audio");
    if (!media) return;
    var posKey = "position:" + root.getAttribute("data-media-id");
    var playButton = root.querySelector("[data-play]");
    var rewindButton = root.querySelector("[data-rewind]");
    var captionsButton = root.querySelector("[data-captions-toggle]");
    var speedMenu = root.querySelector("select[data-speed]");
    var startButton = root.querySelector("[data-play-from]");
    var noSeek = root.querySelector("[data-noseek]");
    var transcript = root.querySelector("[data-transcript]");
    var cues = Pillole.all(".pillole-cue", root);
    var select = root.querySelector("[data-rendition]");
    var active = null;
    var lastSaved = 0;

    function whenReady(fn) {
      if (media.readyState >= 1) fn();
      else media.addEventListener("loadedmetadata", fn, { once: true });
    }

    function toggle() {
      if (media.paused || media.ended) play(media); else media.pause();
    }

    function showPlaying() {
      root.toggleAttribute("data-playing", !media.paused && !media.ended);
      if (!media.paused) startButton.hidden = true;
    }

    /* The menu follows the speed, whoever changed it (the menu, the browser's own menu). */
    function showSpeed() {
      Pillole.all("option", speedMenu).forEach(function (option) {
        option.selected = parseFloat(option.value) === media.playbackRate;
      });
    }

    function setSpeed(speed) {
      media.playbackRate = speed;
      showSpeed();
      store.set("speed", speed);
    }

    /* Without HTTP Range support (python -m http.server, some proxies) the browser can only
     * play from the start: `seekable` then ends at 0, and a seek silently starts over. */
    function canSeek() {
      var ranges = media.seekable;
      if (!(media.duration > 1) || !isFinite(media.duration)) return true;  // not known yet
      return ranges.length > 0 && ranges.end(ranges.length - 1) >= media.duration - 1;
    }

    function checkSeekable() {
      if (noSeek) noSeek.hidden = canSeek();
    }

    function seekTo(seconds) {
      media.currentTime = Math.max(0, Math.min(seconds, (media.duration || seconds) - 0.1));
    }

    /* Opened from a file share (file://), Chromium refuses <track> files: every file is its
     * own origin there. The transcript and the chapter list on the page hold the same cues,
     * so the player builds its captions and chapters tracks from them instead. */
    function cuesFromPage() {
      if (location.protocol !== "file:" || typeof VTTCue === "undefined") return;
      Pillole.all("track[kind=captions], track[kind=chapters]", media).forEach(function (element) {
        var kind = element.getAttribute("kind");
        var items = Pillole.all(kind === "captions" ? ".pillole-cue" : ".pillole-chapter", root);
        if (!items.length) return;
        var track = media.addTextTrack(kind, element.getAttribute("label") || kind, element.getAttribute("srclang") || "");
        items.forEach(function (item, i) {
          var start = parseFloat(item.getAttribute("data-start"));
          var next = items[i + 1] ? parseFloat(items[i + 1].getAttribute("data-start")) : 1e7;
          var end = parseFloat(item.getAttribute("data-end")) || next;
          var text = item.querySelector(".pillole-text");
          track.addCue(new VTTCue(start, end, (text || item).textContent));
        });
        element.parentNode.removeChild(element);
      });
    }

    function captionsShowing() {
      for (var i = 0; i < media.textTracks.length; i++) {
        if (media.textTracks[i].mode === "showing") return true;
      }
      return false;
    }

    function showCaptions(on) {
      for (var i = 0; i < media.textTracks.length; i++) {
        var track = media.textTracks[i];
        if (track.kind === "captions" || track.kind === "subtitles") track.mode = on ? "showing" : "hidden";
      }
      if (captionsButton) captionsButton.setAttribute("aria-pressed", on ? "true" : "false");
    }

    function setCaptions(on) {
      showCaptions(on);
      store.set("captions", on ? "on" : "off");
    }

    /* The transcript line being said gets highlighted; the page never scrolls by itself, so
     * the video stays where the learner put it. */
    function highlight() {
      var now = media.currentTime;
      var found = null;
      for (var i = 0; i < cues.length; i++) {
        var start = parseFloat(cues[i].getAttribute("data-start"));
        var end = parseFloat(cues[i].getAttribute("data-end"));
        if (now >= start && now < end) { found = cues[i]; break; }
      }
      if (found === active) return;
      if (active) { active.classList.remove("is-active"); active.removeAttribute("aria-current"); }
      active = found;
      if (!active) return;
      active.classList.add("is-active");
      active.setAttribute("aria-current", "true");
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
        if (playing) play(media);
      });
    }

    /* Brings the player into view when it is not wholly on screen (a deep link opened
     * further down, a phone held sideways). */
    function reveal() {
      Pillole.styled().then(function () {
        var box = media.getBoundingClientRect();
        if (box.top < 0 || box.bottom > window.innerHeight) media.scrollIntoView({ block: "center" });
      });
    }

    /* The browser refused to start playing without a click: one big button says where the
     * recording will start, and starts it. */
    function offerStart(seconds) {
      var icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = "▶ ";
      startButton.textContent = "";
      startButton.appendChild(icon);
      startButton.appendChild(document.createTextNode(Pillole.label("play_from", { time: Pillole.clock(seconds) })));
      startButton.hidden = false;
      startButton.focus({ preventScroll: true });
    }

    /* ?t=54: the learner came for that moment (a search result, a transcript line). */
    function playFrom(seconds) {
      reveal();
      whenReady(function () {
        checkSeekable();
        if (!canSeek()) return;  // the notice says why it starts from the beginning
        seekTo(seconds);
        play(media, function (error) {
          if (error && error.name === "NotAllowedError") offerStart(media.currentTime);
        });
      });
    }

    playButton.addEventListener("click", toggle);
    startButton.addEventListener("click", function () { play(media); });
    rewindButton.addEventListener("click", function () { seekTo(media.currentTime - 10); });
    if (captionsButton) captionsButton.addEventListener("click", function () { setCaptions(!captionsShowing()); });
    speedMenu.addEventListener("change", function () { setSpeed(parseFloat(speedMenu.value)); });

    root.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-seek]") : null;
      if (!link || !root.contains(link)) return;
      event.preventDefault();
      event.stopPropagation();  // the player's own business: not a page change for instant navigation
      seekTo(parseFloat(link.getAttribute("data-seek")));
      play(media);
      try { history.replaceState(null, "", link.getAttribute("href") + location.hash); } catch (e) { /* file:// may refuse */ }
    });

    if (transcript) {
      var folded = store.get("transcript");
      if (folded) transcript.open = folded === "open";
      transcript.addEventListener("toggle", function () { store.set("transcript", transcript.open ? "open" : "closed"); });
    }

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

    ["play", "pause", "ended"].forEach(function (name) { media.addEventListener(name, showPlaying); });
    ["loadedmetadata", "durationchange", "canplay"].forEach(function (name) { media.addEventListener(name, checkSeekable); });
    media.addEventListener("ratechange", showSpeed);
    media.addEventListener("timeupdate", function () {
      highlight();
      if (Math.abs(media.currentTime - lastSaved) >= 5) {
        lastSaved = media.currentTime;
        store.set(posKey, media.currentTime.toFixed(1));
      }
    });
    media.addEventListener("pause", function () { store.set(posKey, media.currentTime.toFixed(1)); });
    media.addEventListener("ended", function () { store.set(posKey, null); });

    /* Keys act on the video and on the controls under it; in the transcript and chapters the
     * arrows keep scrolling the page. */
    root.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey || target.tagName === "SELECT") return;
      if (target !== root && !target.closest(".pillole-screen, .pillole-controls")) return;
      var onButton = target.tagName === "BUTTON";
      var key = event.key;
      var handled = true;
      if (key === " " && !onButton) toggle();
      else if (key === "ArrowLeft") seekTo(media.currentTime - 5);
      else if (key === "ArrowRight") seekTo(media.currentTime + 5);
      else if ((key === "c" || key === "C") && captionsButton) setCaptions(!captionsShowing());
      else if ((key === "f" || key === "F") && media.tagName === "VIDEO" && media.requestFullscreen) {
        if (document.fullscreenElement) document.exitFullscreen(); else media.requestFullscreen();
      } else if (key === "m" || key === "M") media.muted = !media.muted;
      else handled = false;
      if (handled) event.preventDefault();
    });

    var savedSpeed = parseFloat(store.get("speed"));
    if (Pillole.all("option", speedMenu).some(function (o) { return parseFloat(o.value) === savedSpeed; })) setSpeed(savedSpeed);
    cuesFromPage();
    var captions = store.get("captions") || root.getAttribute("data-captions");
    showCaptions(captions === "on");
    showPlaying();

    var linked = parseTime(new URLSearchParams(location.search).get("t"));
    var resume = parseFloat(store.get(posKey));
    if (!isNaN(linked)) playFrom(linked);
    else if (resume > 5) whenReady(function () { if (canSeek() && resume < media.duration - 5) seekTo(resume); });
  }

  Pillole.each("[data-pillole-player]", init);
})();
