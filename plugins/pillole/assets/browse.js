/* Pillole browsing: the level filter of pill lists.
 * The filter bar is rendered hidden; this script shows it and hides the cards of the other
 * levels. Without JavaScript the bar stays hidden and every card is shown. Loaded by core.js
 * on pages with a filter bar. Our own small script: no framework, no CDN, nothing stored.
 * Works from file:// too. */
(function () {
  "use strict";

  function setup(bar) {
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
      if (status) status.textContent = level ? Pillole.label("filter_shown", { shown: shown, total: cards.length }) : "";
    }
    for (var k = 0; k < buttons.length; k++) {
      buttons[k].addEventListener("click", function (event) {
        apply(event.currentTarget.getAttribute("data-level"));
      });
    }
    bar.hidden = false;
  }

  Pillole.each("[data-pillole-filter]", setup);
})();
