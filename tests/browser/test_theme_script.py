"""Material's own script (its 114 kB bundle) arrives after the page: core.js loads it once the
page has loaded and painted its first content (the search page's results), so on a phone's
slow 4G it no longer shares the bandwidth with the stylesheets and the results
(browser.theme_script_later). These tests hold what that must not cost: Material's extras
still start (the header's title, back-to-top), Pillole's page hooks still run once a page,
and what a learner needs first works before the bundle, or without it.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
BUNDLE = "**/assets/javascripts/bundle.*.min.js"
#: When the bundle was asked for, and when the page's load event began (ms since navigation).
WHEN = """() => {
  const bundle = performance.getEntriesByType('resource').find(e => e.name.includes('/javascripts/bundle.'));
  return {bundle: bundle ? bundle.startTime : null, load: performance.getEntriesByType('navigation')[0].loadEventStart};
}"""


def test_material_starts_after_the_page_has_loaded_and_its_extras_work(served_sample: str, open_page) -> None:
    page = open_page(served_sample + "pillole/password-manager-e-mfa/index.html", **PHONE).page
    page.wait_for_function("window.document$ !== undefined")
    when = page.evaluate(WHEN)
    assert when["bundle"] is not None and when["bundle"] >= when["load"], when
    assert "js" in page.evaluate("document.documentElement.className.split(' ')")
    # Material's extras, which need its script: the header shows the page's title once its
    # heading has scrolled away, and "back to top" appears when the learner scrolls back up.
    title, top = page.locator(".md-header__title"), page.locator(".md-top")
    expect(top).to_have_js_property("hidden", True)  # Material's [hidden]: faded out, not display:none
    page.mouse.wheel(0, 3000)
    expect(title).to_have_class("md-header__title md-header__title--active")
    page.mouse.wheel(0, -300)
    expect(top).to_have_js_property("hidden", False)
    top.click()
    page.wait_for_function("window.scrollY === 0")


def test_the_page_hooks_run_once_when_material_arrives_late(served_sample: str, browser: Any) -> None:
    """Material replays the current page on `document$` to whoever subscribes: core.js, which
    started the page on DOMContentLoaded, does not start it a second time."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.add_init_script("""(() => {  // a hook of our own, registered as soon as core.js runs
          let pillole;
          Object.defineProperty(window, "Pillole", {configurable: true, get: () => pillole, set: value => {
            pillole = value;
            value.onPage(() => { window.pageStarts = (window.pageStarts || 0) + 1; });
          }});
        })()""")
        page.goto(served_sample + "index.html")
        page.wait_for_function("window.document$ !== undefined")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.pageStarts") == 1
        assert page.locator(".pillole-search").count() == 1  # the header's search box, once
    finally:
        context.close()


def test_the_search_results_show_before_material_is_asked_for(served_sample: str, browser: Any) -> None:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.add_init_script("""new MutationObserver((changes, observer) => {
          if (document.querySelector('.pillole-page__result')) { window.resultsAt = performance.now(); observer.disconnect(); }
        }).observe(document, {childList: true, subtree: true})""")
        page.goto(served_sample + "cerca/index.html?q=password")
        page.wait_for_function("window.document$ !== undefined")
        when = page.evaluate(WHEN)
        results_at = page.evaluate("window.resultsAt")
        assert results_at is not None and when["bundle"] is not None and when["bundle"] > results_at, (results_at, when)
        assert page.locator(".pillole-page__result").count() > 0
    finally:
        context.close()


def test_without_material_the_phone_menu_links_and_search_still_work(served_sample: str, browser: Any) -> None:
    """What a learner needs first never waits for the bundle: here it never comes at all."""
    context = browser.new_context(**PHONE)
    try:
        context.route(BUNDLE, lambda route: route.abort())
        page = context.new_page()
        page.goto(served_sample + "index.html")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.document$") is None
        page.locator("label.md-header__button[for=__drawer]").click()  # the menu: a checkbox and CSS
        drawer = page.locator(".md-nav--primary .md-nav__link", has_text="Percorsi").first
        expect(drawer).to_be_visible()
        drawer.click()
        page.wait_for_url("**/percorsi/index.html")
        page.locator(".pillole-search__open").click()  # Pillole's own search, from the header
        page.wait_for_url("**/cerca/index.html*")
        page.locator(".pillole-page__input").fill("password")
        page.locator(".pillole-page__input").press("Enter")
        expect(page.locator(".pillole-page__result").first).to_be_visible()
    finally:
        context.close()
