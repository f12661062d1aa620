"""The site around the pages, as a learner of 60 meets it on a phone (390x844) and a laptop
(1366x768): sizes and targets for older eyes and fingers, nothing wider than the phone, the
site's name whole in the phone's header, the status page out of the learners' menu but in the
footer, an Italian 404 page with the search wherever the server shows it, and pages that load
only their own stylesheets, minified, also when Material's instant navigation brings them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from pillole.browser import ASSETS_DIR, FEATURE_SCRIPTS, PAGE_STYLESHEETS, SITE_STYLESHEET
from pillole.minify import minified
from support import make_clip, serve_folder

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
DEVICES = {"phone": PHONE, "laptop": LAPTOP}
#: The pages measured: home, a list, a tag, the search page with results.
PAGES = {"home": "index.html", "list": "pillole/index.html", "tag": "tag/sicurezza.html",
         "search": "cerca/index.html?q=password"}
#: What must read at 16 px at least (the rest, secondary lines such as dates and counts, at 14).
MAIN_TEXT = (".md-typeset p:not([class*=__facts], [class*=__count], .pillole-feeds, .pillole-hint), .md-typeset li, .md-typeset dd, "
             ".pillole-card__title, .pillole-search__title, .pillole-tag, .md-typeset .md-button, "
             ".md-tabs__link, .md-header__topic, .pillole-page__facet-value")

#: Facts of the page a person sees: every visible piece of text and every control on screen.
MEASURE = """mainText => {
  const W = document.documentElement.clientWidth, H = document.documentElement.clientHeight;
  const shown = e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && r.right > 0 && r.left < W
      && !e.closest('[hidden]') && [...ancestors(e)].every(a => getComputedStyle(a).opacity !== '0');
  };
  function* ancestors(e) { for (let a = e; a && a !== document; a = a.parentElement) yield a; }
  const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
    ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' "' + (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 30) + '"';
  const ownText = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const scrolls = e => [...ancestors(e.parentElement)].some(a => /auto|scroll/.test(getComputedStyle(a).overflowX));
  const texts = [...document.body.querySelectorAll('*')].filter(e => ownText(e) && shown(e));
  const main = new Set(document.querySelectorAll(mainText));
  const small = texts.filter(e => parseFloat(getComputedStyle(e).fontSize) < (main.has(e) ? 16 : 14))
    .map(e => name(e) + ' ' + getComputedStyle(e).fontSize);
  const inSentence = e => [...e.parentElement.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const targets = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary')]
    .map(e => /checkbox|radio/.test(e.type) && e.labels && e.labels.length ? e.labels[0] : e)
    .filter(e => shown(e) && !(e.tagName === 'A' && inSentence(e)));
  const tiny = targets.filter(e => { const r = e.getBoundingClientRect(); return r.width < 44 || r.height < 44; })
    .map(e => { const r = e.getBoundingClientRect(); return name(e) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height); });
  const clipped = texts.filter(e => { const r = e.getBoundingClientRect(); return r.left >= 0 && r.right > W + 1 && !scrolls(e); })
    .map(name);
  const body = getComputedStyle(document.querySelector('.md-typeset')).color;
  return {small, tiny, clipped, targets: targets.length, texts: texts.length, height: H,
          overflow: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - W,
          titles: [...document.querySelectorAll('.md-typeset h1, .md-typeset h2')].filter(shown)
            .filter(h => getComputedStyle(h).color !== body).map(name)};
}"""


def _measure(page: Any) -> dict[str, Any]:
    return page.evaluate(MEASURE, MAIN_TEXT)


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("kind", PAGES)
def test_text_targets_and_width_fit_older_eyes_and_fingers(served_sample: str, open_page, kind: str,
                                                            device: str) -> None:
    visit = open_page(served_sample + PAGES[kind], **DEVICES[device])
    page = visit.page
    if kind == "search":
        page.locator(".pillole-page__result").first.wait_for()
        if device == "phone":  # the filters too: they are what a thumb taps
            page.locator("[data-filters-toggle]").click()
    page.evaluate("Pillole.ready()")
    facts = _measure(page)
    assert facts["texts"] > 20 and facts["targets"] > 5, facts
    assert facts["small"] == [], "text below 16 px (main) or 14 px (secondary)"
    assert facts["tiny"] == [], "controls smaller than 44x44 px"
    assert facts["titles"] == [], "titles not at the text's contrast"
    assert facts["overflow"] <= 0 and facts["clipped"] == [], "wider than the screen"
    assert visit.errors == []


def test_on_a_phone_the_menu_is_large_and_the_header_shows_the_site_name_whole(served_sample: str,
                                                                               open_page) -> None:
    page = open_page(served_sample + "index.html", **PHONE).page
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    expect(name).to_have_text("Pillole di reverse mentoring")
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")  # not cut
    page.locator(".md-header label[for=__drawer]").click()
    links = page.locator(".md-nav--primary .md-nav__link")
    expect(links.first).to_be_in_viewport()
    sizes = links.evaluate_all("""els => els.filter(e => e.offsetParent).map(e => {
        const r = e.getBoundingClientRect(); return [e.innerText.trim(), r.width, r.height, getComputedStyle(e).fontSize]; })""")
    entries = [s[0] for s in sizes]
    assert {"Home", "Pillole", "Percorsi", "Tag", "Persone", "Cerca"} <= set(entries) and "Stato" not in entries
    assert all(w >= 44 and h >= 44 and float(font[:-2]) >= 16 for _, w, h, font in sizes), sizes


def test_on_a_laptop_the_page_index_starts_below_its_title_fade(served_sample: str, open_page) -> None:
    """Material's sticky index title fades what scrolls under it (an 8 px shadow
    and its blur): the first entry's words start clear of it, not half hidden."""
    page = open_page(served_sample + "pillole/calendario-condiviso-cloud/index.html", **LAPTOP).page
    title = page.locator(".md-sidebar--secondary .md-nav__title").bounding_box()
    words = page.locator(".md-sidebar--secondary .md-nav__link").first.evaluate("""e => {
        const range = document.createRange(); range.selectNodeContents(e); return range.getBoundingClientRect().top; }""")
    assert title is not None and words >= title["y"] + title["height"] + 8, (title, words)


def test_the_status_page_is_for_staff_out_of_the_menu_and_in_the_footer(served_sample: str, open_page) -> None:
    page = open_page(served_sample + "index.html", **LAPTOP).page
    menu = page.locator(".md-tabs").get_by_role("link").all_inner_texts()
    assert "Stato" not in menu and "Cerca" in menu
    assert "Made with" not in page.locator(".md-footer").inner_text()
    page.locator(".md-footer").get_by_role("link", name="Stato delle pillole (per chi cura la formazione)").click()
    expect(page.locator(".md-content h1")).to_have_text("Stato delle pillole")
    text = page.locator(".md-content").inner_text()
    assert "review_by" not in text and "Da rivedere entro" in text


def _not_found_checks(page: Any, home: str) -> None:
    """The 404 page at `page`: Italian, styled, its search box and its way home."""
    assert page.locator("html").get_attribute("lang") == "it"
    expect(page.locator(".md-content h1")).to_have_text("Pagina non trovata")
    assert page.title().startswith("Pagina non trovata")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"  # Material's CSS
    assert page.locator(".pillole-notfound input").evaluate("e => e.getBoundingClientRect().height") >= 44
    page.evaluate("Pillole.ready()")
    expect(page.locator(".md-header .pillole-search")).to_be_attached()  # the header's box, by core.js
    assert page.get_by_role("link", name="Torna alla pagina iniziale").get_attribute("href") is not None
    page.locator(".pillole-notfound input").fill("password")
    page.locator(".pillole-notfound").get_by_role("button", name="Cerca").click()
    page.wait_for_url("**/cerca/index.html?q=password")
    expect(page.locator(".pillole-page__result").first).to_contain_text("Password")
    page.go_back()
    page.get_by_role("link", name="Torna alla pagina iniziale").click()
    page.wait_for_url(home)
    expect(page.locator("#ultime")).to_be_visible()


@pytest.mark.parametrize("device", DEVICES)
def test_an_address_that_does_not_exist_gets_the_italian_404_page_at_any_depth(sample_site: Path, open_page,
                                                                               device: str) -> None:
    base, stop = serve_folder(sample_site, not_found=True)  # under a sub-path, without site_url
    try:
        for missing in ("pillole/vecchia-pillola/index.html", "non-esiste.html", "tag/vecchio/pagina-3.html"):
            visit = open_page(base + missing, **DEVICES[device])
            _not_found_checks(visit.page, base + "index.html")
            assert visit.outside(base) == []
    finally:
        stop()


def test_the_404_page_works_from_a_file_share(sample_site: Path, open_page) -> None:
    visit = open_page((sample_site / "404.html").as_uri(), **PHONE)
    _not_found_checks(visit.page, (sample_site / "index.html").as_uri())
    assert [e for e in visit.errors if "Unsafe attempt" not in e] == []


def test_with_site_url_the_404_page_finds_the_root_from_it(site, open_page) -> None:
    base, stop = serve_folder(site.out, not_found=True)
    try:
        site.config(site_url=base)
        built = site.build("--strict")
        assert built.returncode == 0, built.stderr
        page = open_page(base + "persone/pillole/tag/nessuno.html", **LAPTOP).page  # a misleading address
        expect(page.locator(".md-content h1")).to_have_text("Pagina non trovata")
        page.get_by_role("link", name="Tutte le pillole").click()
        page.wait_for_url(base + "pillole/index.html")
    finally:
        stop()


def _linked(html: str) -> list[str]:
    """The names of Pillole's stylesheets a built page links."""
    import re
    return sorted(m.rsplit("/", 1)[1] for m in re.findall(r'<link rel="stylesheet" href="([^"?]*assets/pillole/[^"?]+)', html))


def test_each_page_links_only_the_stylesheets_it_uses(sample_site: Path) -> None:
    def page(path: str) -> list[str]:
        return _linked((sample_site / path).read_text(encoding="utf-8"))

    assert page("index.html") == ["learning.css", "pillole.css"]  # the paths, with the learner's progress
    assert page("tag/sicurezza.html") == ["pillole.css"]
    assert page("pillole/index.html") == ["pillole.css"]
    assert page("cerca/index.html") == ["pillole.css", "search.css"]
    assert page("stato.html") == ["pillole.css", "status.css"]
    assert page("percorsi/sicurezza-digitale-di-base.html") == ["learning.css", "pillole.css"]
    assert page("pillole/password-manager-e-mfa/index.html") == ["learning.css", "pillole.css", "player.css"]
    assert page("404.html") == ["pillole.css"]


def test_no_page_waits_for_a_script_before_showing_its_text(sample_site: Path) -> None:
    """Every script a page links is deferred, and the theme's own bundle is not linked at all:
    on a phone's 4G its 114 kB held the first paint back by half a second when it blocked,
    and the largest paint by 0.4-0.8 s when deferred. A placeholder tells core.js where it is,
    to load it after the page (test_theme_script.py)."""
    import re
    pages = [*sample_site.rglob("*.html")]
    assert len(pages) > 30
    for page in pages:
        if page.parent.name == "admin":  # the studio, for mentors, loads the CMS as it documents
            continue
        html = page.read_text(encoding="utf-8")
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        assert tags, page
        assert all(re.search(r"\s(defer|async)\b", tag) for tag in tags), (page, tags)
        assert not any("/javascripts/bundle." in tag for tag in tags), (page, tags)
        assert re.search(r'<script data-pillole-theme="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>', html), page


def test_the_search_page_asks_for_its_code_at_once_but_after_the_stylesheets(sample_site: Path) -> None:
    """The search code is preloaded (it would otherwise wait for core.js and search.js to run),
    at low priority, so the 73 kB never hold back the stylesheets and the first paint."""
    import re
    preloads = re.findall(r'<link rel="preload" as="script"[^>]*>', (sample_site / "cerca/index.html").read_text())
    assert {re.search(r'/([a-z]+\.js)\?', p).group(1) for p in preloads} == {  # type: ignore[union-attr]
        "search.js", "lunr.js", "italian.js", "engine.js", "manifest.js"}
    assert all('fetchpriority="low"' in p for p in preloads), preloads


def test_the_first_poster_of_a_list_loads_first_and_the_others_when_near(sample_site: Path) -> None:
    import re
    posters = re.findall(r'<img class="pillole-card__poster"[^>]*>', (sample_site / "tag/sicurezza.html").read_text())
    assert len(posters) >= 2
    assert 'fetchpriority="high"' in posters[0] and 'loading="lazy"' not in posters[0]
    assert all('loading="lazy"' in p and "fetchpriority" not in p for p in posters[1:])
    pill = (sample_site / "pillole/password-manager-e-mfa/index.html").read_text()  # related pills, at the foot
    assert not re.search(r'<img class="pillole-card__poster"[^>]*fetchpriority', pill)


def test_no_english_of_the_theme_on_italian_pages(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'aria-label="Tabs"' not in html and "Made with" not in html and "404 - Not found" not in html, page
    assert 'aria-label="Sezioni del sito"' in (sample_site / "index.html").read_text(encoding="utf-8")


def test_the_browser_files_are_served_minified(served_sample: str, open_page) -> None:
    visit = open_page(served_sample + "pillole/password-manager-e-mfa/index.html", **LAPTOP)
    page = visit.page
    page.evaluate("Pillole.ready()")
    fetched = {url.split("?")[0].rsplit("/", 1)[1]: url for url in visit.requests if "/assets/pillole/" in url}
    assert set(fetched) == {"core.js", "pillole.css", "learning.css", "player.css", "progress.js", "quiz.js",
                            "player.js"}, fetched
    sources = {**{name: ASSETS_DIR / name for name in FEATURE_SCRIPTS.values()}, SITE_STYLESHEET: ASSETS_DIR / SITE_STYLESHEET,
               **{Path(name).name: ASSETS_DIR / name for name in PAGE_STYLESHEETS.values()}}
    for name, url in fetched.items():
        served = page.request.get(url).text()
        if name == "core.js":
            assert served.endswith(minified(ASSETS_DIR / name))  # after the site's settings
        else:
            assert served == minified(sources[name]), name
        assert len(served) < 0.85 * len((ASSETS_DIR / name if name == "core.js" else sources[name]).read_text()), name


def test_a_page_reached_by_instant_navigation_brings_its_own_stylesheets(site, serve, open_page) -> None:
    make_clip(site.content / "pillole/video/video.mp4", seconds=2, size="160x90")
    site.write("pillole/video/video.it.vtt", "WEBVTT\n\n00:00.000 --> 00:01.500\nPrimo\n")
    site.pill("video", title="La pillola con il video", media="video.mp4", captions="video.it.vtt")
    base = serve(site.out)
    site.config(site_url=base, nav=[{"Home": "index.md"}, {"Cerca": "cerca/index.md"}],
                theme={"name": "material", "language": "it", "font": False, "features": ["navigation.instant", "navigation.tabs"]})
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    visit = open_page(base + "index.html", **LAPTOP)
    page = visit.page
    page.evaluate("window.firstPage = true")
    assert _linked(page.content()) == ["pillole.css"]

    page.locator(".md-tabs").get_by_role("link", name="Cerca").click()
    expect(page.locator(".md-content h1")).to_have_text("Cerca")
    page.locator(".pillole-page__input").fill("video")
    result = page.locator(".pillole-page__result a", has_text="La pillola con il video")
    expect(result).to_be_visible()
    assert page.locator(".pillole-page__body").evaluate("e => getComputedStyle(e).display") == "grid"  # search.css
    result.click()
    expect(page.locator(".md-content h1")).to_have_text("La pillola con il video")
    controls = page.locator(".pillole-controls")
    expect(controls).to_be_visible()
    assert controls.evaluate("e => getComputedStyle(e).display") == "flex"  # player.css
    assert page.locator(".pillole-completion").evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"  # learning.css
    assert page.evaluate("window.firstPage") is True  # no page was loaded in full
    assert sorted(_linked(page.content())) == ["learning.css", "pillole.css", "player.css"]

    page.go_back()  # Material brings the search page back, with the words searched
    expect(page.locator(".pillole-page__input")).to_have_value("video")
    expect(result).to_be_visible()
    assert visit.errors == []
