"""A learner opens the home page and a pill page of the real sample site in Chromium."""

from __future__ import annotations

import re


def test_home_shows_latest_pills_and_areas(served_sample: str, open_page) -> None:
    visit = open_page(served_sample + "index.html")
    page = visit.page
    assert page.title().startswith("Pillole di reverse mentoring")
    cards = page.locator(".pillole-home .pillole-card")
    assert cards.count() == 8
    dates = page.locator(".pillole-home .pillole-card time").evaluate_all("els => els.map(e => e.dateTime)")
    assert dates == sorted(dates, reverse=True)
    areas = page.locator("#aree ~ ul a").all_inner_texts()
    assert areas == ["Tecnologia", "Diversità e inclusione", "Innovazione"]
    assert visit.errors == []
    assert visit.outside(served_sample) == []


def test_pill_page_shows_its_metadata_and_links_to_the_mentor(served_sample: str, open_page) -> None:
    visit = open_page(served_sample + "pillole/calendario-condiviso-cloud/index.html")
    page = visit.page
    header = page.locator("header.pillole-pill")
    assert header.locator("h1").inner_text() == "Il calendario condiviso in cloud"
    byline = header.locator(".pillole-byline").inner_text().splitlines()
    assert byline[0] == "Mentor: Giulia Rossi" and byline[1].startswith("Pensata per: ")
    details = page.locator(".pillole-details")
    facts = dict(zip(details.locator("dt").all_inner_texts(), details.locator("dd").all_inner_texts()))
    assert facts["Area"] == "Tecnologia"
    assert re.match(r"\d{1,2} \w+ 20\d\d", facts["Pubblicata"])
    assert page.locator("[data-pillole-slot=media] video, [data-pillole-slot=media] audio").count() >= 1
    assert page.locator(".pillole-body p").count() > 1
    header.locator(".pillole-byline a", has_text="Giulia Rossi").click()
    page.wait_for_load_state()
    assert page.url.endswith("persone/giulia-rossi.html")
    assert page.locator("h1").inner_text() == "Giulia Rossi"
    assert page.locator(".pillole-card").count() >= 1
    assert visit.errors == []
    assert visit.outside(served_sample) == []
