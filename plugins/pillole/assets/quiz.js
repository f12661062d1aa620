/* Pillole quiz: grades the self-assessment form of a pill page in the browser.
 *
 * A question is right when the learner ticks exactly its correct answers (one radio button,
 * or every right checkbox and no wrong one). After submitting, each answer says whether it
 * was right and shows its explanation; the score and the best score so far are kept by
 * progress.js (a passed quiz is part of completing the pill). "Riprova" starts over.
 * Loaded by core.js after progress.js on pages with a quiz. */
(function () {
  "use strict";

  var progress = Pillole.progress;
  var label = Pillole.label;
  var all = Pillole.all;

  function setup(quiz) {
    var learn = quiz.closest("[data-pill]");
    if (!learn) return;
    var slug = learn.getAttribute("data-pill");
    var mark = parseFloat(quiz.getAttribute("data-pass-mark")) || 0;
    var form = quiz.querySelector("form");
    var submit = form.querySelector("button[type=submit]");
    var retry = form.querySelector("[data-quiz-retry]");
    var result = form.querySelector("[data-quiz-result]");
    var questions = all(".pillole-quiz__question", form);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var unanswered = questions.filter(function (q) { return !q.querySelector("input:checked"); });
      if (unanswered.length) {
        result.textContent = label("quiz_answer_all");
        result.setAttribute("data-outcome", "incomplete");
        var first = unanswered[0].querySelector("input");
        if (first) first.focus();
        return;
      }
      var right = 0;
      questions.forEach(function (q) {
        var ok = true;
        all(".pillole-quiz__answer", q).forEach(function (answer) {
          var correct = answer.getAttribute("data-correct") === "1";
          var input = answer.querySelector("input");
          var chosen = input.checked;
          if (chosen !== correct) ok = false;
          input.disabled = true;
          answer.setAttribute("data-result", correct ? "right" : chosen ? "wrong" : "");
          var verdict = answer.querySelector("[data-verdict]");
          verdict.hidden = !(correct || chosen);
          verdict.textContent = correct ? label("quiz_right") : chosen ? label("quiz_wrong") : "";
          var why = answer.querySelector(".pillole-quiz__why");
          if (why) why.hidden = false;
        });
        q.setAttribute("data-result", ok ? "right" : "wrong");
        if (ok) right += 1;
      });
      var pct = Math.round((100 * right) / questions.length);
      var passed = pct >= mark;
      progress.recordQuiz(slug, pct);
      result.textContent = label("quiz_score", { right: right, total: questions.length, pct: pct }) + " " +
        label(passed ? "quiz_passed" : "quiz_failed");
      result.setAttribute("data-outcome", passed ? "passed" : "failed");
      submit.hidden = true;
      retry.hidden = false;
      retry.focus();
    });

    retry.addEventListener("click", function () {
      form.reset();
      all("input", form).forEach(function (input) { input.disabled = false; });
      all("[data-result]", form).forEach(function (el) { el.removeAttribute("data-result"); });
      all("[data-verdict], .pillole-quiz__why", form).forEach(function (el) { el.hidden = true; });
      result.textContent = "";
      result.removeAttribute("data-outcome");
      submit.hidden = false;
      retry.hidden = true;
      var first = form.querySelector("input");
      if (first) first.focus();
    });

  }

  /* The best score so far, under every quiz of the page; again whenever progress changes. */
  function showBest() {
    all("[data-pillole-quiz]").forEach(function (quiz) {
      var learn = quiz.closest("[data-pill]");
      var bestText = quiz.querySelector("[data-quiz-best]");
      var best = learn ? progress.best(learn.getAttribute("data-pill")) : undefined;
      bestText.hidden = best === undefined;
      if (best !== undefined) bestText.textContent = label("quiz_best", { pct: best });
    });
  }

  document.addEventListener("pillole:progress", showBest);
  Pillole.each("[data-pillole-quiz]", setup);
  Pillole.onPage(showBest);
})();
