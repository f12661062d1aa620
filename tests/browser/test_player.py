"""The pill page and its player as a learner of 60 meets them, on a phone (390x844) and on a
laptop (1366x768), in Debian's Chromium on the real sample site.

The player is the first thing on the page, its controls are large and labelled, a link to a
moment (?t=54, from search results and the transcript) scrolls to the player and plays, or
offers one big button when the browser wants a click first; a server that cannot seek is
said in plain words; the transcript reads as text, follows playback and folds away.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from support import CHROMIUM, CHROMIUM_ARGS, serve_folder

VIDEO = "pillole/riconoscere-il-phishing/index.html"
WEBINAR = "pillole/webinar-ai-generativa/index.html"  # 1:17, with chapters
AUDIO = "pillole/lavorare-con-la-gen-z/index.html"
PORTRAIT = "pillole/smartphone-strumento-di-lavoro/index.html"  # 360x640, two renditions

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
DEVICES = {"phone": PHONE, "laptop": LAPTOP}
MEDIA = "[data-pillole-player] :is(video, audio)"


def _open(browser: Any, url: str, device: dict, **options: Any) -> Any:
    """A page at `url` once the player script has set it up (the context closes with the test)."""
    context = browser.new_context(**device, **options)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("Pillole.ready()")
    return page


@pytest.fixture
def contexts(browser: Any) -> Iterator[Any]:
    """`open(url, device)` -> page; every context it made is closed after the test."""
    made: list[Any] = []

    def open_(url: str, device: dict, **options: Any) -> Any:
        page = _open(browser, url, device, **options)
        made.append(page.context)
        return page

    yield open_
    for context in made:
        context.close()


def _box(page: Any, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


def _on_screen(page: Any, selector: str) -> bool:
    """`selector` lies wholly inside the window as it is scrolled now."""
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; }")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("pill", [VIDEO, AUDIO, PORTRAIT])
def test_the_player_is_in_the_first_viewport(pill: str, device: str, served_sample: str, contexts) -> None:
    page = contexts(served_sample + pill, DEVICES[device])
    assert page.evaluate("scrollY") == 0
    assert _on_screen(page, MEDIA), (_box(page, MEDIA), DEVICES[device]["viewport"])
    media = _box(page, MEDIA)
    # title, mentor and "Pensata per" above it; the details after it
    assert _box(page, "header.pillole-pill h1")["y"] < media["y"]
    byline = page.locator(".pillole-byline")
    expect(byline).to_contain_text("Mentor:")
    assert _box(page, ".pillole-byline")["y"] < media["y"]
    assert _box(page, ".pillole-details")["y"] > media["y"] + media["height"]
    if pill != PORTRAIT:  # a landscape or audio player shows its play button too
        assert _on_screen(page, "[data-play]")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("pill", [VIDEO, PORTRAIT])
def test_the_video_has_its_size_before_the_poster_or_the_recording_arrive(pill: str, device: str,
                                                                           served_sample: str, contexts) -> None:
    """No layout shift: the box the page lays out before any media file arrives is the box
    the video plays in (a portrait recording too)."""
    video = "[data-pillole-player] video"
    loaded = contexts(served_sample + pill, DEVICES[device])
    loaded.wait_for_function(f"() => document.querySelector('{video}').readyState >= 1")
    final = _box(loaded, video)
    context = loaded.context.browser.new_context(**DEVICES[device])
    try:
        page = context.new_page()
        page.route("**/media/**", lambda route: route.abort())  # poster and recording never come
        page.goto(served_sample + pill, wait_until="load")
        assert page.locator(video).evaluate("v => v.readyState") == 0
        early = _box(page, video)
        assert (round(early["width"]), round(early["height"])) == (round(final["width"]), round(final["height"]))
    finally:
        context.close()


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("pill", [WEBINAR, AUDIO, PORTRAIT])
def test_every_player_control_is_a_large_target_with_large_text(pill: str, device: str, served_sample: str,
                                                                 contexts) -> None:
    page = contexts(served_sample + pill, DEVICES[device])
    page.locator("[data-transcript]").evaluate("d => { d.open = true; }")
    controls = page.locator("[data-pillole-player] :is(button, select, summary, a)").evaluate_all(
        """els => els.filter(e => e.getClientRects().length).map(e => {
             const r = e.getBoundingClientRect();
             return [e.tagName + ' ' + e.textContent.trim().slice(0, 20), Math.round(r.width), Math.round(r.height)]; })""")
    assert len(controls) > 5
    small = [c for c in controls if c[1] < 44 or c[2] < 44]
    assert small == [], small
    # every word of the header and the player in at least 16 px; the keyboard help, a side note, 14
    sizes = page.evaluate(
        """() => {
             const out = [];
             for (const root of document.querySelectorAll('header.pillole-pill, [data-pillole-player]')) {
               const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
               for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                 const e = n.parentElement;
                 if (!n.textContent.trim() || !e.getClientRects().length || e.closest('video, audio')) continue;
                 out.push([e.closest('.pillole-keys') ? 14 : 16, parseFloat(getComputedStyle(e).fontSize),
                           n.textContent.trim().slice(0, 30)]);
               }
             }
             return out; }""")
    assert len(sizes) > 10
    tiny = [s for s in sizes if s[1] < s[0]]
    assert tiny == [], tiny
    # nothing sticks out of the page on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("pill,keys", [(VIDEO, "C per i sottotitoli"), (AUDIO, "frecce sinistra e destra")])
def test_keyboard_help_only_where_there_is_a_keyboard(pill: str, keys: str, served_sample: str, contexts) -> None:
    laptop = contexts(served_sample + pill, LAPTOP)
    hint = laptop.locator(".pillole-keys")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Con la tastiera")
    expect(hint).to_contain_text(keys)
    if pill == AUDIO:  # an audio pill has no captions or full screen to reach by key
        assert "sottotitoli" not in hint.inner_text() and "schermo" not in hint.inner_text()
    assert "J/L" not in laptop.inner_text("article") and " K " not in laptop.inner_text("article")
    phone = contexts(served_sample + pill, PHONE)
    expect(phone.locator(".pillole-keys")).to_be_hidden()


def _playing_from(page: Any, seconds: float) -> None:
    page.wait_for_function(
        f"() => {{ const m = document.querySelector('{MEDIA}'); return !m.paused && m.currentTime >= {seconds}; }}",
        timeout=15000)


SIDEWAYS = {"viewport": {"width": 844, "height": 390}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("device", ["phone", "laptop", "sideways"])
def test_a_link_to_a_moment_scrolls_to_the_player_and_plays(device: str, served_sample: str, contexts) -> None:
    viewport = {**DEVICES, "sideways": SIDEWAYS}[device]
    if device == "sideways":  # a phone held sideways: the video does not fit below the title
        assert not _on_screen(contexts(served_sample + WEBINAR, viewport), MEDIA)
    page = contexts(served_sample + WEBINAR + "?t=54", viewport)
    _playing_from(page, 54)
    assert _on_screen(page, MEDIA)
    expect(page.locator("[data-play-from]")).to_be_hidden()
    expect(page.locator("[data-play]")).to_have_text("❚❚ Pausa", use_inner_text=True)


@pytest.fixture(scope="module")
def strict_browser(browser: Any) -> Iterator[Any]:
    """Chromium with its own autoplay policy: no sound before the learner clicks (the tests'
    usual browser lets media play, to test everything else)."""
    args = [arg for arg in CHROMIUM_ARGS if not arg.startswith("--autoplay-policy")]
    strict = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    yield strict
    strict.close()


@pytest.mark.parametrize("device", DEVICES)
def test_when_the_browser_wants_a_click_one_big_button_plays_from_the_moment(
        device: str, served_sample: str, strict_browser: Any) -> None:
    page = _open(strict_browser, served_sample + WEBINAR + "?t=54", DEVICES[device])
    try:
        start = page.get_by_role("button", name="Riproduci da 00:54")
        expect(start).to_be_visible()
        expect(start).to_have_text("▶ Riproduci da 00:54")
        expect(start).to_be_focused()
        box = start.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44 and _on_screen(page, "[data-play-from]")
        media = page.locator(MEDIA)
        assert media.evaluate("m => m.paused") and abs(media.evaluate("m => m.currentTime") - 54) < 1
        start.click()
        _playing_from(page, 54)
        expect(start).to_be_hidden()
    finally:
        page.context.close()


@pytest.fixture(scope="module")
def served_without_ranges(sample_site: Path) -> Iterator[str]:
    base, stop = serve_folder(sample_site, ranges=False)
    yield base
    stop()


def test_a_server_that_cannot_seek_is_said_in_plain_words(served_without_ranges: str, served_sample: str,
                                                         sample_site: Path, contexts) -> None:
    notice = "Questa registrazione riparte sempre dall'inizio"
    for seekable in (served_sample, sample_site.as_uri() + "/"):  # an intranet server, a file share
        page = contexts(seekable + WEBINAR + "?t=54", PHONE)
        _playing_from(page, 54)
        expect(page.locator("[data-noseek]")).to_be_hidden()

    page = contexts(served_without_ranges + WEBINAR + "?t=54", PHONE)
    expect(page.locator("[data-noseek]")).to_be_visible()
    expect(page.locator("[data-noseek]")).to_contain_text(notice)
    assert page.locator(MEDIA).evaluate("m => m.currentTime") < 1  # it did not pretend to jump
    assert page.locator(MEDIA).evaluate("m => m.paused")
    expect(page.locator("[data-play-from]")).to_be_hidden()


def _kept(page: Any, state: str) -> None:
    """The transcript's state is saved (the details' toggle event comes after the click)."""
    page.wait_for_function("s => Object.keys(localStorage).some(k => k.endsWith(':transcript')"
                           " && localStorage.getItem(k) === s)", arg=state)


@pytest.mark.parametrize("device", DEVICES)
def test_the_transcript_reads_as_text_follows_playback_and_folds_away(device: str, served_sample: str,
                                                                     contexts) -> None:
    page = contexts(served_sample + WEBINAR, DEVICES[device])
    transcript = page.locator("[data-transcript]")
    lines = transcript.locator("li.pillole-cue")
    expect(lines.first).to_be_hidden()  # folded: the pill's own text comes right after the player
    transcript.locator("summary").click()
    expect(transcript.locator("summary")).to_have_text("Nascondi la trascrizione", use_inner_text=True)
    expect(lines.first).to_be_visible()
    # times are quiet buttons, the words plain text; no box that scrolls inside the page
    time = lines.nth(1).locator("a.pillole-time")
    assert time.evaluate("a => getComputedStyle(a).textDecorationLine") == "none"
    assert lines.nth(1).locator(".pillole-text").evaluate("e => e.closest('a')") is None
    assert transcript.locator("ol").evaluate(
        "o => getComputedStyle(o).overflowY === 'visible' && o.scrollHeight <= o.clientHeight + 1")
    # a time plays from its line; the highlight moves on with the recording
    second_end = float(lines.nth(1).get_attribute("data-end"))
    time.click()
    expect(lines.nth(1)).to_have_class("pillole-cue is-active")
    expect(lines.nth(1)).to_have_attribute("aria-current", "true")
    assert "?t=" in page.url
    page.locator(MEDIA).evaluate(f"m => {{ m.currentTime = {second_end - 0.3}; }}")
    expect(lines.nth(2)).to_have_class("pillole-cue is-active", timeout=10000)
    expect(lines.nth(1)).to_have_class("pillole-cue")
    # open stays open on the next visit; folded stays folded
    _kept(page, "open")
    page.reload(wait_until="load")
    page.evaluate("Pillole.ready()")
    expect(lines.first).to_be_visible()
    transcript.locator("summary").click()
    expect(lines.first).to_be_hidden()
    _kept(page, "closed")
    page.reload(wait_until="load")
    page.evaluate("Pillole.ready()")
    expect(lines.first).to_be_hidden()


def test_an_audio_pill_opens_with_its_transcript_to_read_along(served_sample: str, contexts) -> None:
    page = contexts(served_sample + AUDIO, PHONE)
    expect(page.locator("[data-transcript] li.pillole-cue").first).to_be_visible()
    assert page.locator("[data-captions-toggle]").count() == 0  # no picture to show captions on
    page.locator("[data-transcript] summary").click()  # folded by the learner: it stays so
    _kept(page, "closed")
    page.reload(wait_until="load")
    page.evaluate("Pillole.ready()")
    expect(page.locator("[data-transcript] li.pillole-cue").first).to_be_hidden()


def test_captions_are_a_button_not_a_menu_and_are_remembered(served_sample: str, contexts) -> None:
    page = contexts(served_sample + VIDEO, PHONE)
    button = page.get_by_role("button", name="Sottotitoli")
    showing = f"() => Array.from(document.querySelector('{MEDIA}').textTracks).some(t => t.mode === 'showing')"
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(showing) is True
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(showing) is False
    page.locator("select[data-speed]").select_option(label="0,75×")
    page.reload(wait_until="load")
    page.evaluate("Pillole.ready()")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(showing) is False
    assert page.locator(MEDIA).evaluate("m => m.playbackRate") == 0.75


@pytest.fixture(scope="module")
def browser_without_scripts(browser: Any) -> Iterator[Any]:
    """Chromium with JavaScript switched off in its settings, as a locked-down browser has it
    (Playwright's own switch leaves CSS believing scripts run)."""
    off = browser.browser_type.launch(executable_path=CHROMIUM,
                                      args=[*CHROMIUM_ARGS, "--blink-settings=scriptEnabled=false"])
    yield off
    off.close()


def test_without_javascript_the_transcript_still_links_to_each_moment(served_sample: str,
                                                                     browser_without_scripts: Any) -> None:
    context = browser_without_scripts.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(served_sample + WEBINAR, wait_until="load")
        assert page.evaluate("typeof Pillole") == "undefined"
        expect(page.locator(".pillole-controls")).to_be_hidden()  # they would do nothing
        expect(page.locator(MEDIA)).to_be_visible()  # the browser's own controls still play it
        page.locator("[data-transcript] summary").click()
        time = page.locator("li.pillole-cue a.pillole-time").nth(2)
        href = time.get_attribute("href")
        assert href.startswith("?t=")
        time.click()
        page.wait_for_url("**" + WEBINAR + href)
    finally:
        context.close()


def test_a_search_result_opens_the_moment_across_instant_navigation(site, serve, open_page) -> None:
    """Material's instant navigation swaps the page in without a reload: the player still
    scrolls into view and plays from the moment the result points to."""
    from support import make_clip

    make_clip(site.content / "pillole/phishing/phishing.mp4", seconds=12, size="160x90")
    site.write("pillole/phishing/phishing.it.vtt",
               "WEBVTT\n\n00:01.000 --> 00:03.000\nPrimo\n\n00:06.000 --> 00:11.500\nUn allegato sospetto\n")
    site.pill("phishing", title="Riconoscere il phishing", media="phishing.mp4", captions="phishing.it.vtt")
    base = serve(site.out)
    site.config(site_url=base, theme={"name": "material", "language": "it", "font": False,
                                      "features": ["navigation.instant"]})
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    page = open_page(base + "index.html", **PHONE).page
    page.evaluate("window.firstPage = true")
    page.locator(".md-header").get_by_role("link", name="Cerca").click()  # a phone's header: a button to the search page
    page.locator(".pillole-page__input").fill("allegato sospetto")
    result = page.locator(".pillole-page__result a", has_text="Riconoscere il phishing")
    expect(result).to_contain_text("00:06")
    result.click()
    page.wait_for_url("**/pillole/phishing/index.html?t=6")
    assert page.evaluate("window.firstPage") is True, "a full page load: instant navigation did not take it"
    _playing_from(page, 6)
    assert _on_screen(page, MEDIA)
