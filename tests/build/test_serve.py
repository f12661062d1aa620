"""`mkdocs serve` (the mentors' live preview) picks up edits and does not rebuild in a loop."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support import ENV, Site, make_clip, pill_text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _serve(site: Site) -> tuple[subprocess.Popen[str], int]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site.root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    return server, port


def _wait_for(url: str, text: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while text not in (page := _fetch(url)):
        assert time.monotonic() < deadline, f"{text!r} never appeared at {url}"
        time.sleep(0.5)
    return page


def test_live_preview_shows_an_edit_and_settles(site: Site) -> None:
    server, port = _serve(site)
    try:
        url = f"http://127.0.0.1:{port}/pillole/calendario/index.html"
        assert "<h1>Il calendario condiviso</h1>" in _fetch(url)
        site.pill("calendario", title="Il calendario <aggiornato>")
        deadline = time.monotonic() + 60
        while "<h1>Il calendario &lt;aggiornato&gt;</h1>" not in _fetch(url):
            assert time.monotonic() < deadline, "the edit never reached the preview"
            time.sleep(0.5)
        time.sleep(3)  # a plugin writing into docs_dir would now trigger build after build
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1]
    builds = len(re.findall(r"Building documentation", log))
    assert builds == 2, log
    assert "Traceback" not in log
    assert not any(p.suffix == ".html" for p in site.content.rglob("*"))


@pytest.mark.ffmpeg
def test_new_recording_does_not_block_the_preview(site: Site) -> None:
    make_clip(site.content / "pillole/calendario/video.mp4", seconds=3, size="320x180")
    site.pill("calendario", media="video.mp4")
    server, port = _serve(site)
    try:
        url = f"http://127.0.0.1:{port}/pillole/calendario/index.html"
        _wait_for(url, "<h1>Il calendario condiviso</h1>")
        _wait_for(url, '<source src="media/video-180.mp4"')  # the background transcode landed
        site.pill("calendario", media="video.mp4", title="Titolo nuovo")
        _wait_for(url, "<h1>Titolo nuovo</h1>")
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1]
    first_build = log.split("Documentation built")[0]
    assert "media: preparing 1 recording(s) in the background" in first_build, log
    assert log.rstrip().count("0 transcoded; 0 ffmpeg processes started") >= 2, log  # later builds: cache only
    assert "Traceback" not in log


def _search_text(site_url: str) -> str:
    """Every text shard of the served search index, concatenated."""
    manifest = _fetch(f"{site_url}/pillole-search/manifest.js")
    keys = re.search(r'"text":\{"keys":\[(.*?)\]', manifest)
    assert keys, manifest
    return "".join(_fetch(f"{site_url}/pillole-search/text/{key or '_'}.js")
                   for key in re.findall(r'"([^"]*)"', keys.group(1)))


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve-dirty"])
def test_an_edit_converts_only_the_edited_pill_and_search_keeps_every_pill(site: Site, dirty: bool) -> None:
    """After an edit the other pill pages are not converted again (their previous rendering,
    table of contents included, is reused), and the index still has every pill's words, also
    under `--dirty`, where MkDocs does not render unchanged pages at all."""
    site.pill("mfa", text=pill_text(title="MFA") + "\n## Secondo fattore\n\nParola zanzibar.\n")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
        cwd=site.root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/pillole/mfa/index.html", "zanzibar")
        site.pill("calendario", text=pill_text() + "\nParola timbuctu.\n")
        _wait_for(f"{base}/pillole/calendario/index.html", "timbuctu")
        mfa = _fetch(f"{base}/pillole/mfa/index.html")
        assert "zanzibar" in mfa and 'href="#secondo-fattore"' in mfa  # text and table of contents
        words = _wait_for_search(base, '"timbuctu"')
        assert '"zanzib"' in words  # the stem of the unchanged pill's word
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1]
    assert "Traceback" not in log
    if not dirty:  # (under --dirty MkDocs does not even ask for the unchanged page)
        assert "pages: 1 pill page(s) as the previous build rendered them" in log.split("Building documentation")[2], log


def _wait_for_search(base: str, term: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while term not in (words := _search_text(base)):
        assert time.monotonic() < deadline, f"{term!r} never reached the search index"
        time.sleep(0.5)
    return words
