"""Intranet only: nothing the site does leaves it, and it works from a file share.

Chromium records every request while a learner opens the home page, plays a video, searches
and opens a learning path: each one goes to the site itself. Then the whole built site is
opened from `file://` (no server at all): pages render, links navigate, search answers and
progress is kept. Last, the build itself runs with the network cut.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
PILL = "pillole/calendario-condiviso-cloud/index.html"
PATH = "percorsi/sicurezza-digitale-di-base.html"


def test_home_pill_video_search_and_path_request_only_the_site(served_sample: str, open_page) -> None:
    visit = open_page(served_sample + "index.html")
    page = visit.page
    page.locator(".md-header input[type=search]").fill("password")
    page.locator(".pillole-search__option").first.wait_for()
    page.goto(served_sample + PILL)
    video = page.locator("[data-pillole-slot=media] video")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('[data-pillole-slot=media] video').currentTime > 1")
    page.goto(served_sample + PATH)
    page.wait_for_load_state("networkidle")
    assert len(visit.requests) > 20
    assert any("/media/" in url for url in visit.requests)  # the video really streamed
    assert any("pillole-search/" in url for url in visit.requests)  # and the index was read
    assert visit.outside(served_sample) == []
    assert visit.errors == []


def test_no_page_loads_anything_from_the_internet(sample_site: Path) -> None:
    """What a browser fetches by itself (scripts, styles, images, fonts, frames) is relative;
    only plain links may point out (Material's 'Made with' credit)."""
    fetched = re.compile(r"""(?:<(?:script|img|iframe|source|track|video|audio)[^>]*\ssrc|<link[^>]*\shref|"""
                         r"""\sposter)=["']?(?:https?:)?//""", re.I)
    css_url = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)(?:https?:)?//""", re.I)
    offenders = []
    for file in sample_site.rglob("*"):
        if file.suffix in (".html", ".css"):
            text = file.read_text(encoding="utf-8", errors="replace")
            pattern = fetched if file.suffix == ".html" else css_url
            offenders += [f"{file.relative_to(sample_site)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []


def test_the_site_works_from_a_file_share(sample_site: Path, open_page) -> None:
    base = sample_site.as_uri() + "/"
    visit = open_page(base + "index.html")
    page = visit.page
    first = page.locator(".pillole-home .pillole-card__title").first
    title = first.inner_text()
    first.click()
    expect(page.locator("header.pillole-pill h1")).to_have_text(title)
    page.locator(".pillole-details .pillole-tag").first.click()
    page.wait_for_url(base + "tag/*.html")
    expect(page.locator(".pillole-card").first).to_be_visible()
    page.locator(".md-header input[type=search]").fill("password")
    option = page.locator(".pillole-search__option:not(.pillole-search__all)").first
    option.wait_for()
    option.click()
    expect(page.locator("header.pillole-pill h1")).to_be_visible()
    assert page.url.startswith(base + "pillole/")
    page.goto(base + "pillole/documenti-accessibili/index.html")
    page.get_by_role("button", name="Segna come completata").click()
    page.goto(base + "progressi.html")
    counts = page.locator("[data-count]").all_inner_texts()
    assert any(text.startswith("1 di") for text in counts), counts
    assert visit.outside(base) == []
    tracks = [e for e in visit.errors if e.startswith("Unsafe attempt to load URL") and "/media/" in e]
    assert [e for e in visit.errors if e not in tracks] == []  # tracks: see the next test


def test_captions_show_from_a_file_share(sample_site: Path, open_page) -> None:
    """Chromium refuses <track> files from file://; the player carries the page's cues."""
    visit = open_page(sample_site.as_uri() + "/" + PILL)
    video = visit.page.locator("[data-pillole-slot=media] video")
    tracks = video.evaluate(
        """v => Array.from(v.textTracks).filter(t => t.kind !== 'metadata')
                 .map(t => [t.kind, t.mode, t.cues ? t.cues.length : 0])""")
    transcript = visit.page.locator(".pillole-cue").count()
    chapters = visit.page.locator(".pillole-chapter").count()
    assert ["captions", "showing", transcript] in tracks and transcript > 0
    assert ["chapters", "hidden", chapters] in tracks and chapters > 0
    video.evaluate("v => { v.currentTime = 1; }")
    active = video.evaluate(
        """v => new Promise(done => setTimeout(() => {
            const track = Array.from(v.textTracks).find(t => t.kind === 'captions');
            done(track.activeCues ? track.activeCues.length : 0); }, 500))""")
    assert active == 1


def test_the_build_needs_no_network(tmp_path: Path) -> None:
    """As root the build runs in a network namespace with no interface but loopback; else
    every proxy points to a closed port, so any download would fail the build."""
    out = tmp_path / "site"
    argv = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if os.geteuid() == 0 and shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"]).returncode == 0:
        argv = ["unshare", "-n", *argv]
    else:
        dead = "http://127.0.0.1:9"
        env.update({name: dead for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")})
    built = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    assert (out / PILL).is_file() and (out / PATH).is_file()
