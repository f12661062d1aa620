"""A learner who uses only the keyboard: search, open a pill, play, toggle captions, answer
the quiz. Every step is reached with Tab and done with keys; no click, no mouse."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

VIDEO = "[data-pillole-slot=media] video"


def tab_to(page: Any, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches `selector` (or sits inside a match)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!(document.activeElement && document.activeElement.closest(s))", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def test_search_open_play_captions_and_quiz_with_the_keyboard_only(served_sample: str, open_page) -> None:
    visit = open_page(served_sample + "index.html")
    page = visit.page

    tab_to(page, ".md-header input[type=search]")
    page.keyboard.type("phishing", delay=20)
    page.locator(".pillole-search__option").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pillole/riconoscere-il-phishing/index.html*")
    expect(page.locator("header.pillole-pill h1")).to_be_visible()

    # a result found in the transcript (?t=) plays at once; Space on the play button toggles
    paused = f"() => document.querySelector('{VIDEO}').paused"
    tab_to(page, "[data-pillole-player] button")
    if not page.evaluate(paused):
        page.keyboard.press("Space")
        page.wait_for_function(paused)
    page.keyboard.press("Space")
    page.wait_for_function(f"() => {{ const v = document.querySelector('{VIDEO}'); return !v.paused && v.currentTime > 0.5; }}")
    showing = "() => Array.from(document.querySelector('" + VIDEO + "').textTracks).some(t => t.mode === 'showing')"
    before = page.evaluate(showing)
    page.keyboard.press("c")
    assert page.evaluate(showing) is (not before)
    page.keyboard.press("c")
    assert page.evaluate(showing) is before
    page.keyboard.press("Space")
    assert page.evaluate(paused)

    questions = page.locator(".pillole-quiz__question").count()
    assert questions >= 1
    for index in range(questions):
        tab_to(page, f".pillole-quiz__question:nth-of-type({index + 1}) input")
        page.keyboard.press("Space")
    tab_to(page, ".pillole-quiz button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-quiz-result]")).to_be_visible()
    assert page.locator(".pillole-quiz input:checked").count() == questions
    assert visit.errors == []
