/* Pillole quiz: grades the self-assessment form of a pill page in the browser.
 *
 * A question is right when the learner ticks exactly its correct answers (one radio button,
 * or every right checkbox and no wrong one). After each try, feedback is only about the
 * answers the learner gave: each says whether it was right and shows its explanation (a
 * multiple-choice question with right answers missing says so, without telling which).
 * The right answers the learner did not tick are shown once the quiz is passed, or from the
 * second try on, so that "Riprova" is thinking again, not copying. The score and the best
 * score so far are kept by progress.js (a passed quiz is part of completing the pill).
 * Loaded by core.js after progress.js on pages with a quiz. */
(function () {
  "use strict";

  var progress = Pillole.progress;
  var label = Pillole.label;
  var all = Pillole.all;

  function answerFeedback(answer, text, result) {
    var verdict = answer.querySelector("[data-verdict]");
    verdict.textContent = text;
    verdict.hidden = !text;
    var why = answer.querySelector(".pillole-quiz__why");
    if (why) why.hidden = !text;
    if (result) answer.setAttribute("data-result", result);
    else answer.removeAttribute("data-result");
  }

  /* Grades one question and gives feedback on the answers ticked; returns whether it is right. */
  function grade(question) {
    var ok = true, missed = false, wrongTicked = false;
    all(".pillole-quiz__answer", question).forEach(function (answer) {
      var correct = answer.getAttribute("data-correct") === "1";
      var input = answer.querySelector("input");
      var chosen = input.checked;
      input.disabled = true;
      if (chosen !== correct) ok = false;
      if (correct && !chosen) missed = true;
      if (chosen && !correct) wrongTicked = true;
      if (chosen) answerFeedback(answer, label(correct ? "quiz_chosen_right" : "quiz_chosen_wrong"), correct ? "right" : "wrong");
      else answerFeedback(answer, "", "");
    });
    var missing = question.querySelector("[data-missing]");
    missing.hidden = !(question.getAttribute("data-multiple") === "1" && missed && !wrongTicked);
    question.setAttribute("data-result", ok ? "right" : "wrong");
    return ok;
  }

  /* The right answers the learner did not tick, with their explanations. */
  function reveal(form) {
    all(".pillole-quiz__answer[data-correct='1']", form).forEach(function (answer) {
      if (!answer.querySelector("input").checked) answerFeedback(answer, label("quiz_right"), "revealed");
    });
    all("[data-missing]", form).forEach(function (missing) { missing.hidden = true; });
  }

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
      var right = questions.filter(grade).length;
      var pct = Math.round((100 * right) / questions.length);
      var passed = pct >= mark;
      var pill = progress.recordQuiz(slug, pct);
      var shown = passed || (pill.attempts || 0) >= 2;
      if (shown) reveal(form);
      result.textContent = label("quiz_score", { right: right, total: questions.length, pct: pct }) + " " +
        label(passed ? "quiz_passed" : shown ? "quiz_failed_again" : "quiz_failed");
      result.setAttribute("data-outcome", passed ? "passed" : "failed");
      submit.hidden = true;
      retry.hidden = false;
      retry.focus();
    });

    retry.addEventListener("click", function () {
      form.reset();
      all("input", form).forEach(function (input) { input.disabled = false; });
      all("[data-result]", form).forEach(function (el) { el.removeAttribute("data-result"); });
      all("[data-verdict], .pillole-quiz__why, [data-missing]", form).forEach(function (el) { el.hidden = true; });
      result.textContent = "";
      result.removeAttribute("data-outcome");
      submit.hidden = false;
      retry.hidden = true;
      var first = form.querySelector("input");
      if (first) first.focus();
    });
  }

  /* The best score so far, above every quiz of the page, when there is one worth showing (a
     first visit has none; 0% is no score); again whenever progress changes. */
  function showBest() {
    all("[data-pillole-quiz]").forEach(function (quiz) {
      var learn = quiz.closest("[data-pill]");
      var bestText = quiz.querySelector("[data-quiz-best]");
      var best = learn ? progress.pill(learn.getAttribute("data-pill")).best : undefined;
      var mark = parseFloat(quiz.getAttribute("data-pass-mark")) || 0;
      bestText.hidden = !(best > 0);
      if (best > 0) bestText.textContent = label(best >= mark ? "quiz_already_passed" : "quiz_best", { pct: best });
    });
  }

  document.addEventListener("pillole:progress", showBest);
  Pillole.each("[data-pillole-quiz]", setup);
  Pillole.onPage(showBest);
})();
