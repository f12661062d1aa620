"""The player in Debian's Chromium: real transcoded media and our player.js (loaded by core.js),
from file:// (the site must work from file://, and it serves byte ranges, which seeking needs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from media_support import make_video
from pillole.media import jobs
from pillole.render.player import render_player
from support import publish_scripts

pytestmark = [pytest.mark.ffmpeg, pytest.mark.browser]

ASSETS = Path(__file__).resolve().parents[2] / "plugins" / "pillole" / "assets"


@pytest.fixture(scope="module")
def site(tmp_path_factory, media_dir, tall):
    """A page per media, its files under media/ as the adapter publishes them."""
    src = make_video(media_dir / "twelve.mp4", seconds=12)
    captions = media_dir / "twelve.it.vtt"
    captions.write_text("WEBVTT\n\n00:01.000 --> 00:03.000\nPrimo\n\n00:06.000 --> 00:08.000\nSecondo\n")
    requests = [jobs.MediaRequest("twelve", src, captions=captions), jobs.MediaRequest("tall", tall)]
    summary = jobs.run(jobs.plan(requests, tmp_path_factory.mktemp("cache")), progress=None)
    assert not summary.failures, summary.report()
    root = tmp_path_factory.mktemp("site") / "intranet"
    for slug, result in summary.results.items():
        folder = root / slug
        (folder / "media").mkdir(parents=True)
        for name, path in result.files().items():
            shutil.copy(path, folder / "media" / name)
        player = render_player(result, "media/")
        (folder / "index.html").write_text(
            '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="../player.css">'
            f"</head><body>{player}<script src=\"../assets/pillole/core.js\"></script></body></html>"
        )
    publish_scripts(root, site_key="test-site")
    shutil.copy(ASSETS / "player.css", root / "player.css")
    return root.as_uri() + "/"


@pytest.fixture(scope="module")
def page(site, browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors


def wait_time(page, predicate: str) -> None:
    page.wait_for_function(f"() => {{ const v = document.querySelector('video'); return {predicate}; }}",
                           timeout=15000)


def test_video_plays(page, site):
    page.goto(site + "twelve/index.html")
    wait_time(page, "v.readyState >= 1")
    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
    wait_time(page, "v.currentTime > 0.5 && v.readyState >= 2")
    captions = "Array.from(document.querySelector('video').textTracks).find(t => t.kind === 'captions')"
    assert page.evaluate(captions + ".mode") == "showing"


def test_transcript_click_seeks_and_highlights(page, site):
    page.goto(site + "twelve/index.html")
    wait_time(page, "v.readyState >= 1")
    page.evaluate("document.querySelector('video').muted = true")
    page.click(".pillole-transcript summary")
    page.click("a.pillole-time >> nth=1")
    wait_time(page, "v.currentTime >= 6 && v.currentTime < 8")
    page.wait_for_selector("li.pillole-cue.is-active >> text=Secondo")
    assert "t=6" in page.url


def test_deep_link_plays_from_that_time(page, site):
    page.goto(site + "twelve/index.html?t=4")
    wait_time(page, "!v.paused && v.currentTime >= 4 && v.currentTime < 8")
    page.evaluate("document.querySelector('video').pause()")


def test_speed_menu_buttons_and_keyboard(page, site):
    page.goto(site + "twelve/index.html")
    wait_time(page, "v.readyState >= 1")
    page.select_option("select[data-speed]", "1.5")
    assert page.evaluate("document.querySelector('video').playbackRate") == 1.5
    assert page.evaluate("localStorage.getItem('pillole:test-site:speed')") == "1.5"
    page.evaluate("document.querySelector('video').playbackRate = 2")  # the browser's own menu
    assert page.input_value("select[data-speed]") == "2"
    page.evaluate("document.querySelector('video').currentTime = 1")
    page.focus(".pillole-player")
    page.keyboard.press("ArrowRight")
    wait_time(page, "Math.abs(v.currentTime - 6) < 0.2")
    page.click("[data-rewind]")
    wait_time(page, "v.currentTime === 0")
    page.evaluate("document.querySelector('video').muted = true")
    page.click("[data-play]")
    wait_time(page, "!v.paused")
    page.keyboard.press("Space")  # on the focused play button: a click
    wait_time(page, "v.paused")


def test_resume_where_the_learner_left(page, site):
    page.goto(site + "twelve/index.html")
    wait_time(page, "v.readyState >= 1")
    page.evaluate("() => { const v = document.querySelector('video'); v.currentTime = 7; v.dispatchEvent(new Event('pause')); }")
    assert page.evaluate("localStorage.getItem('pillole:test-site:position:twelve')") == "7.0"
    page.goto(site + "twelve/index.html")
    wait_time(page, "v.readyState >= 1 && Math.abs(v.currentTime - 7) < 0.2")


def test_rendition_switch_keeps_the_time(page, site):
    page.goto(site + "tall/index.html")
    wait_time(page, "v.readyState >= 1")
    page.evaluate("document.querySelector('video').currentTime = 1.5")
    page.select_option("select[data-rendition]", label="480p")
    wait_time(page, "v.currentSrc.endsWith('video-480.mp4') && v.readyState >= 1 && Math.abs(v.currentTime - 1.5) < 0.2")
    assert page.evaluate("localStorage.getItem('pillole:test-site:rendition')") == "480"
