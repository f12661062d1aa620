"""A pill's self-assessment quiz as a plain HTML form that `assets/quiz.js` brings to life.

The form is complete without JavaScript (questions and answers are readable). The right
answers travel in `data-correct` because a static site has no server to grade against:
the quiz is for the learner's own check, not an exam. Explanations are in the page,
hidden until the learner submits.
"""

from __future__ import annotations

from ..model import Pill
from .view import View, esc


def quiz_form(view: View, pill: Pill, pass_mark: int) -> str:
    """The quiz of `pill` ('' when it has none); `pass_mark` is the percent needed to pass."""
    if not pill.quiz:
        return ""
    t = view.labels
    questions = []
    for q_index, question in enumerate(pill.quiz):
        kind = "checkbox" if question.multiple else "radio"
        name = f"pillole-q{q_index}"
        answers = "".join(
            f'<li class="pillole-quiz__answer" data-correct="{"1" if answer.correct else "0"}">'
            f'<label><input type="{kind}" name="{name}" value="{a_index}"> {esc(answer.text)}</label>'
            f'<span class="pillole-quiz__verdict" data-verdict hidden></span>'
            + (f'<p class="pillole-quiz__why" hidden>{esc(answer.explanation)}</p>' if answer.explanation else "")
            + "</li>"
            for a_index, answer in enumerate(question.answers)
        )
        hint = t("quiz_multiple") if question.multiple else t("quiz_single")
        questions.append(
            f'<fieldset class="pillole-quiz__question" data-multiple="{"1" if question.multiple else "0"}">'
            f"<legend>{q_index + 1}. {esc(question.question)}</legend>"
            f'<p class="pillole-quiz__hint">{esc(hint)}</p>'
            f'<ul class="pillole-quiz__answers">{answers}</ul></fieldset>'
        )
    return (
        f'<section class="pillole-quiz" data-pillole-quiz data-pass-mark="{pass_mark}" aria-labelledby="quiz">'
        f'<h2 id="quiz">{esc(t("quiz"))}</h2>'
        f'<p class="pillole-quiz__intro">{esc(t("quiz_intro", n=pass_mark))}</p>'
        f'<p class="pillole-quiz__best" data-quiz-best hidden></p>'
        f'<form class="pillole-quiz__form" novalidate>{"".join(questions)}'
        f'<p class="pillole-quiz__result" data-quiz-result role="status" aria-live="polite"></p>'
        f'<p class="pillole-quiz__buttons">'
        f'<button type="submit" class="md-button md-button--primary">{esc(t("quiz_submit"))}</button> '
        f'<button type="button" class="md-button" data-quiz-retry hidden>{esc(t("quiz_retry"))}</button>'
        f"</p></form></section>"
    )
