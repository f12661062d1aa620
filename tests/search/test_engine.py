"""The fixture index queried in Chromium: Italian forms, typos, transcript moments, the UI.

The site is opened from file:// (no server) unless a test says otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from support import publish_scripts

pytestmark = pytest.mark.browser

SEARCH = """async (q) => {
  const out = await PilloleSearch.search(q);
  const items = await PilloleSearch.present(out.rank(5));
  return {total: out.total, fuzzy: out.fuzzy,
          slugs: items.map(i => i.doc.id),
          moments: items.map(i => i.moment && [i.moment.start, i.moment.text])};
}"""


def search(page: Any, query: str) -> dict:
    return page.evaluate(SEARCH, query)


@pytest.fixture
def home(page: Any, search_site: Path) -> Any:
    page.goto((search_site / "index.html").as_uri())
    return page


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("competenza", "competenze"),  # singular finds the plural title
        ("competenze digitali", "competenze"),
        ("l'intelligenza", "intelligenza"),  # elision
        ("dell’intelligenza artificiale", "intelligenza"),  # typographic apostrophe
        ("citta", "citta"),  # no accent finds "città"
        ("università", "citta"),
        ("UNIVERSITA", "citta"),
        ("riunione", "calendario"),  # summary says "riunioni"
        ("marco bianchi", "calendario"),  # audience names
        ("gestori", "password"),
        ("inclusivo", "inclusione"),
        ("agenda", "calendario"),  # tag alias
    ],
)
def test_italian_forms_find_the_pill(home: Any, query: str, slug: str) -> None:
    result = search(home, query)
    assert slug in result["slugs"][:3], result


@pytest.mark.parametrize(("query", "slug"), [("calndario ", "calendario"), ("pasword ", "password"),
                                             ("inclusiove ", "inclusione"), ("artficiale ", "intelligenza"),
                                             # typos that change the stem itself
                                             ("competnze ", "competenze"), ("conpetenze ", "competenze")])
def test_one_typo_is_forgiven_when_nothing_matches(home: Any, query: str, slug: str) -> None:
    """A trailing space: the word is complete, so no prefix search rescues the typo."""
    result = search(home, query)
    assert result["fuzzy"] and result["slugs"][0] == slug, result


def test_stop_words_alone_find_nothing(home: Any) -> None:
    assert search(home, "della e per il ")["total"] == 0


def test_transcript_hit_returns_the_moment(home: Any) -> None:
    result = search(home, "disponibilità della squadra")
    assert result["slugs"][0] == "calendario"
    start, text = result["moments"][0]
    assert start == 133 and "squadra" in text


def test_header_box_shows_results_and_links_to_the_moment(home: Any, search_site: Path) -> None:
    home.fill(".pillole-search__input", "riassumere le riunioni")
    option = home.locator(".pillole-search__option:not(.pillole-search__all)").first
    option.locator(".pillole-search__moment").wait_for()  # moments follow the first results
    assert "L'intelligenza artificiale in ufficio" in option.inner_text()
    assert "01:01 «" in option.inner_text()
    assert option.locator("mark").first.inner_text().lower().startswith("riassum")
    href = option.get_attribute("data-href")
    assert href.endswith("pillole/intelligenza/index.html?t=61"), href  # file:// needs index.html
    assert "risultat" in home.locator(".pillole-search__status").inner_text()


def test_keyboard_only(home: Any, search_site: Path) -> None:
    home.keyboard.press("/")
    assert home.evaluate("document.activeElement.classList.contains('pillole-search__input')")
    home.keyboard.type("password")
    home.wait_for_function("document.querySelector('.pillole-search__list').dataset.query === 'password'")
    home.keyboard.press("ArrowDown")
    home.locator("[aria-selected=true] .pillole-search__moment").wait_for()  # the selection survives it
    box = home.locator(".pillole-search__input")
    active = box.get_attribute("aria-activedescendant")
    assert active and home.locator(f"#{active}").get_attribute("aria-selected") == "true"
    home.keyboard.press("Enter")
    home.wait_for_url("**/pillole/password/index.html?t=3")  # the spoken "password" at 00:03


def test_enter_without_selection_opens_the_search_page_with_facets(home: Any) -> None:
    home.fill(".pillole-search__input", "linguaggio")
    home.locator(".pillole-search__option").first.wait_for()
    home.keyboard.press("Enter")
    home.wait_for_url("**/cerca/index.html?q=linguaggio")
    home.locator(".pillole-page__result").first.wait_for()
    assert home.locator(".pillole-page__input").input_value() == "linguaggio"


def test_search_page_facets_filter_with_counts(page: Any, search_site: Path) -> None:
    page.goto((search_site / "cerca" / "index.html").as_uri() + "?q=password%20intelligenza%20linguaggio")
    results = page.locator(".pillole-page__result")
    results.first.wait_for()
    assert results.count() == 3
    kind = page.locator("fieldset[data-facet=kind]")
    assert "Video (1)" in kind.inner_text() and "Audio (1)" in kind.inner_text()
    kind.get_by_label("Audio").check()
    page.wait_for_function("document.querySelectorAll('.pillole-page__result').length === 1")
    assert "intelligenza" in results.first.inner_text().lower()
    assert page.locator(".pillole-page__status").inner_text() == "1 risultato"
    page.locator(".pillole-page__input").fill("password")
    page.wait_for_function("location.search.includes('q=password')")


def test_served_under_a_sub_path(page: Any, served: str) -> None:
    page.goto(served + "index.html")
    page.fill(".pillole-search__input", "calendario condiviso")
    option = page.locator(".pillole-search__option").first
    option.wait_for()
    assert option.get_attribute("data-href").startswith(served + "pillole/calendario/")


def test_escapes_titles(tmp_path: Path, page: Any, page_template: str) -> None:
    from pillole.search.builder import SearchDocument, build_index

    build_index([SearchDocument(id="x", url="pillole/x/", title="<img src=x onerror=alert(1)> trappola")],
                tmp_path / "pillole-search")
    publish_scripts(tmp_path, "it")
    (tmp_path / "index.html").write_text(page_template.format(lang="it", up="", main=""))
    page.goto((tmp_path / "index.html").as_uri())
    page.fill(".pillole-search__input", "trappola")
    title = page.locator(".pillole-search__title").first
    title.wait_for()
    assert "<img" in title.inner_text() and page.locator(".pillole-search__list img").count() == 0


def test_english_site(tmp_path: Path, page: Any, page_template: str) -> None:
    """lang 'en': lunr's English stemmer on both sides, English labels."""
    from pillole.search.builder import Cue, SearchDocument, build_index

    docs = [SearchDocument(id="mentoring", url="pills/mentoring/", title="Reverse mentoring that works",
                           summary="Juniors teaching seniors.", kind="video", duration=60.0,
                           cues=(Cue(0, "Hello."), Cue(30, "The companies running these programmes learn fast.")))]
    build_index(docs, tmp_path / "pillole-search", "en")
    publish_scripts(tmp_path, "en")
    (tmp_path / "index.html").write_text(page_template.format(lang="en", up="", main=""))
    page.goto((tmp_path / "index.html").as_uri())
    assert page.locator(".pillole-search__input").get_attribute("placeholder").startswith("Search")
    page.fill(".pillole-search__input", "company runs ")
    option = page.locator(".pillole-search__option:not(.pillole-search__all)").first
    option.locator(".pillole-search__moment").wait_for()
    assert "00:30 «" in option.inner_text()
    assert page.locator(".pillole-search__status").inner_text() == "1 result"
