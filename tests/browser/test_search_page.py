"""The search page of the sample site, as a learner uses it on a phone (390x844) and a laptop
(1366x768): results first, filters behind one "Filtri" button on the phone and in a narrow
column on the laptop, the query and filters in the address (shared, reloaded, undone with the
back button), nothing moving when results arrive, and the "/" shortcut told only where there
is a keyboard.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
SEARCH = "cerca/index.html"
RESULT = ".pillole-page__result"
#: Layout shifts not caused by the learner (the metric behind Lighthouse's CLS), from the start.
WATCH_SHIFTS = """window.__shifts = []; new PerformanceObserver(list => { for (const e of list.getEntries())
    if (!e.hadRecentInput) window.__shifts.push([e.value, e.sources.map(s => s.node ? s.node.nodeName + '.'
    + s.node.className : '?')]); }).observe({type: 'layout-shift', buffered: true});"""


def _query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _box(page: Any, selector: str) -> dict[str, float]:
    return page.locator(selector).first.bounding_box()


def test_on_a_phone_the_first_result_shows_at_once_and_filters_wait_behind_one_button(served_sample: str,
                                                                                      open_page) -> None:
    page = open_page(served_sample + SEARCH, **PHONE).page
    page.locator(".pillole-page__input").fill("password")
    first = page.locator(RESULT).first
    expect(first).to_contain_text("Password manager")
    box = first.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box  # whole, in the first screenful
    filters, toggle = page.locator(".pillole-page__filters"), page.locator("[data-filters-toggle]")
    expect(filters).to_be_hidden()
    expect(toggle).to_have_text("Filtri")
    expect(toggle).to_have_attribute("aria-expanded", "false")

    toggle.click()
    expect(filters).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    filters.locator("fieldset[data-facet=level]").get_by_label("Intermedio").check()
    expect(toggle).to_have_text("Filtri (1)")
    expect(page.locator(".pillole-page__status")).to_have_text("3 risultati")
    assert _query(page) == {"q": ["password"], "level": ["Intermedio"]}
    page.get_by_role("button", name="Mostra i risultati").click()
    expect(filters).to_be_hidden()
    assert page.locator(".md-header .pillole-search__input").is_hidden()  # the header shows the site's name


def test_on_a_laptop_filters_are_a_narrow_column_beside_the_results(served_sample: str, open_page) -> None:
    page = open_page(served_sample + SEARCH + "?q=password", **LAPTOP).page
    expect(page.locator(RESULT).first).to_be_visible()
    expect(page.locator("[data-filters-toggle]")).to_be_hidden()
    filters, results = _box(page, ".pillole-page__filters"), _box(page, ".pillole-page__results")
    assert filters["x"] + filters["width"] <= results["x"]  # side by side, filters first
    assert results["width"] >= 2.5 * filters["width"] and results["width"] >= 0.6 * 1366 - 200, (filters, results)
    assert _box(page, RESULT)["y"] < 768
    assert page.locator(".md-sidebar--primary").is_hidden() and page.locator(".md-sidebar--secondary").is_hidden()


@pytest.mark.parametrize("device", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_query_and_filters_live_in_the_address_and_the_back_button_undoes_them(served_sample: str, open_page,
                                                                              device: dict) -> None:
    page = open_page(served_sample + SEARCH + "?q=password&level=Intermedio", **device).page
    page_input, status = page.locator(".pillole-page__input"), page.locator(".pillole-page__status")
    expect(page_input).to_have_value("password")
    expect(status).to_have_text("3 risultati")
    level = page.locator("fieldset[data-facet=level]")
    expect(level.get_by_label("Intermedio")).to_be_checked()
    if device is PHONE:
        expect(page.locator("[data-filters-toggle]")).to_have_text("Filtri (1)")
        page.locator("[data-filters-toggle]").click()

    page.locator("fieldset[data-facet=area]").get_by_label("Tecnologia").check()
    expect(status).to_have_text("1 risultato")
    assert _query(page) == {"q": ["password"], "level": ["Intermedio"], "area": ["Tecnologia"]}
    page.go_back()
    expect(status).to_have_text("3 risultati")
    assert _query(page) == {"q": ["password"], "level": ["Intermedio"]}
    expect(page.locator("fieldset[data-facet=area]").get_by_label("Tecnologia")).not_to_be_checked()

    page_input.fill("phishing")  # a new search: one new step, filters cleared
    expect(page.locator(RESULT).first).to_contain_text("phishing")
    assert _query(page) == {"q": ["phishing"]}
    page.go_back()
    expect(page_input).to_have_value("password")
    expect(status).to_have_text("3 risultati")
    page.go_forward()
    expect(page_input).to_have_value("phishing")

    shared = page.url  # the address alone brings back the same search, in a new tab
    again = open_page(shared, **device).page
    expect(again.locator(".pillole-page__input")).to_have_value("phishing")
    expect(again.locator(RESULT).first).to_contain_text("phishing")


@pytest.mark.parametrize("device", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_nothing_moves_when_the_results_arrive(served_sample: str, browser: Any, device: dict) -> None:
    context = browser.new_context(**device)
    context.add_init_script(WATCH_SHIFTS)
    page = context.new_page()
    page.goto(served_sample + SEARCH + "?q=password&level=Intermedio")
    expect(page.locator(RESULT)).to_have_count(3)
    page.locator(".pillole-page__facet").first.wait_for(state="attached")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.__shifts") == []
    context.close()


def test_the_slash_shortcut_is_told_only_where_there_is_a_keyboard(served_sample: str, open_page) -> None:
    laptop = open_page(served_sample + "index.html", **LAPTOP).page
    box = laptop.locator(".md-header .pillole-search__input")
    expect(box).to_have_attribute("placeholder", "Cerca nelle pillole (tasto /)")
    laptop.keyboard.press("/")
    expect(box).to_be_focused()
    phone = open_page(served_sample + "index.html", **PHONE).page
    box = phone.locator(".md-header .pillole-search__input")
    expect(box).to_have_attribute("placeholder", "Cerca nelle pillole")
    assert box.get_attribute("aria-keyshortcuts") is None
    phone.locator(".md-header").get_by_role("link", name="Cerca").click()  # the header's button
    phone.wait_for_url("**/" + SEARCH)
    expect(phone.locator(".pillole-page__input")).to_be_visible()
