/* Pillole browsing: the level filter of pill lists.
 * The filter bar is rendered hidden; this script shows it and hides the cards of the other
 * levels. Without JavaScript the bar stays hidden and every card is shown. Our own small
 * script: no framework, no CDN, nothing stored. Works from file:// too. */
(function () {
  "use strict";

  function setup(bar) {
    if (bar.getAttribute("data-ready")) return;
    bar.setAttribute("data-ready", "1");
    var buttons = bar.querySelectorAll("button[data-level]");
    var status = bar.querySelector(".pillole-filter__status");
    var list = bar.nextElementSibling;
    function apply(level) {
      var shown = 0;
      var cards = list ? list.querySelectorAll(".pillole-card") : [];
      for (var i = 0; i < cards.length; i++) {
        var keep = !level || cards[i].getAttribute("data-level") === level;
        cards[i].hidden = !keep;
        if (keep) shown++;
      }
      for (var j = 0; j < buttons.length; j++) {
        buttons[j].setAttribute("aria-pressed", buttons[j].getAttribute("data-level") === level ? "true" : "false");
      }
      if (status) status.textContent = level ? shown + " / " + cards.length : "";
    }
    for (var k = 0; k < buttons.length; k++) {
      buttons[k].addEventListener("click", function (event) {
        apply(event.currentTarget.getAttribute("data-level"));
      });
    }
    bar.hidden = false;
  }

  function init() {
    var bars = document.querySelectorAll("[data-pillole-filter]");
    for (var i = 0; i < bars.length; i++) setup(bars[i]);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init); /* Material's instant navigation, when enabled */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
