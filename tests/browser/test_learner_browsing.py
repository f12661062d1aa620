"""A learner browses the sample site in Chromium: tag -> pill -> mentor -> another pill, and
filters a list by level (with JavaScript off, every card stays visible)."""

from __future__ import annotations


def test_tag_to_pill_to_mentor_to_another_pill(served_sample: str, open_page) -> None:
    visit = open_page(served_sample + "tag/index.html")
    page = visit.page
    page.locator(".pillole-index a", has_text="Sicurezza informatica").click()
    page.wait_for_load_state()
    assert page.url.endswith("tag/sicurezza.html")
    assert page.locator("link[rel~=alternate][type='application/atom+xml']").count() == 2
    first = page.locator(".pillole-card__title").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("header.pillole-pill h1").inner_text() == title
    assert page.locator(".pillole-related .pillole-card").count() >= 1
    mentor = page.locator("header.pillole-pill .pillole-byline a[href*='persone/']").first
    name = mentor.inner_text()
    mentor.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == name
    others = page.locator("#mentor ~ .pillole-cards .pillole-card__title").filter(has_not_text=title)
    assert others.count() >= 1
    other = others.first.inner_text()
    others.first.click()
    page.wait_for_load_state()
    assert page.locator("header.pillole-pill h1").inner_text() == other != title
    assert visit.errors == []
    assert visit.outside(served_sample) == []


def test_level_filter_shows_one_level_and_all_again(served_sample: str, open_page) -> None:
    visit = open_page(served_sample + "aree/tecnologia.html")
    page = visit.page
    bar = page.locator("[data-pillole-filter]")
    assert bar.is_visible()
    cards = page.locator(".pillole-card")
    total = cards.count()
    base = bar.locator("button[data-level=base]")
    expected = int(base.locator(".pillole-count").inner_text())
    base.click()
    assert base.get_attribute("aria-pressed") == "true"
    assert page.locator(".pillole-card:visible").count() == expected < total
    levels = page.locator(".pillole-card:visible").evaluate_all("els => els.map(e => e.dataset.level)")
    assert set(levels) == {"base"}
    bar.locator("button[data-level='']").click()
    assert page.locator(".pillole-card:visible").count() == total
    assert visit.errors == []


def test_without_javascript_every_card_is_shown_and_no_filter_pretends(served_sample: str, open_page) -> None:
    visit = open_page(served_sample + "aree/tecnologia.html", java_script_enabled=False)
    page = visit.page
    assert not page.locator("[data-pillole-filter]").is_visible()
    assert page.locator(".pillole-card:visible").count() == page.locator(".pillole-card").count() > 1
