"""The media pipeline through a real `mkdocs build`: published renditions, the player on
the pill page, a cached second build, bad media reported without a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import ENV, Site, make_clip

pytestmark = pytest.mark.ffmpeg


def test_video_pill_is_published_with_player_and_cached(site: Site) -> None:
    folder = site.content / "pillole/calendario"
    make_clip(folder / "registrazione.mov")
    site.write("pillole/calendario/registrazione.it.srt", "1\n00:00:00,500 --> 00:00:02,000\nCiao <b>a tutti</b>\n")
    site.pill("calendario", media="registrazione.mov", captions="registrazione.it.srt",
              chapters=[{"at": "00:00", "title": "Inizio"}, {"at": "00:01", "title": "Fine"}])
    first = site.build("--strict")
    assert first.returncode == 0, first.stderr
    media = site.out / "pillole/calendario/media"
    assert {"video-180.mp4", "poster.jpg", "captions.vtt", "chapters.vtt"} <= {p.name for p in media.iterdir()}
    assert not (site.out / "pillole/calendario/registrazione.mov").exists()  # originals stay out of the site
    assert (media / "captions.vtt").read_text().startswith("WEBVTT")
    page = site.page("pillole/calendario/index.html")
    assert '<source src="media/video-180.mp4"' in page
    assert "Ciao a tutti" in page  # the transcript, without the markup
    assert re.search(r"<dt>Durata</dt><dd>00:03</dd>", page)
    card = site.page("tag/cloud.html")
    assert 'src="../pillole/calendario/media/poster.jpg"' in card
    assert "ffmpeg processes started" in first.stderr
    second = site.build("--strict")
    assert second.returncode == 0, second.stderr
    assert "0 transcoded; 0 ffmpeg processes started" in second.stderr


def test_without_a_system_ffmpeg_the_build_says_it_uses_the_bundled_one(site: Site) -> None:
    """A machine where only root could install ffmpeg: the build says, before transcoding,
    that the imageio-ffmpeg binary stands in, and publishes the recording with it."""
    make_clip(site.content / "pillole/calendario/registrazione.mp4")
    site.write("pillole/calendario/registrazione.it.vtt", "WEBVTT\n\n00:00.500 --> 00:02.000\nCiao\n")
    site.pill("calendario", media="registrazione.mp4", captions="registrazione.it.vtt")
    no_system_tools = {**ENV, "PATH": str(Path(sys.executable).parent)}  # the venv only: no ffmpeg, no git
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site.root,
                           env=no_system_tools, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    notice = "INFO    -  media: no system ffmpeg, so the one bundled with imageio-ffmpeg ("
    assert notice in built.stderr
    assert built.stderr.index(notice) < built.stderr.index("ffmpeg processes started")
    assert '<source src="media/video-180.mp4"' in site.page("pillole/calendario/index.html")
    with_system_ffmpeg = site.build("--strict")
    assert with_system_ffmpeg.returncode == 0, with_system_ffmpeg.stderr
    assert "no system ffmpeg" not in with_system_ffmpeg.stderr


def test_corrupt_media_fails_the_build_with_a_summary(site: Site) -> None:
    site.write("pillole/calendario/rotto.mp4", b"\x00\x00\x00\x18ftypmp42" + b"garbage" * 50)
    site.pill("calendario", media="rotto.mp4")
    built = site.build()
    assert built.returncode == 1
    assert "Traceback" not in built.stderr + built.stdout
    assert "media: 1 file(s) failed:" in built.stdout
    assert "[calendario]" in built.stdout and "rotto.mp4" in built.stdout


def test_media_failures_as_warnings_build_the_site(site: Site) -> None:
    site.write("pillole/calendario/vuoto.mp4", b"")
    site.pill("calendario", media="vuoto.mp4")
    site.config(plugins=[{"pillole": {"media_failures": "warning"}}])
    built = site.build()
    assert built.returncode == 0, built.stderr
    assert "WARNING" in built.stderr and "vuoto.mp4" in built.stderr
    assert "La registrazione non è disponibile." in site.page("pillole/calendario/index.html")
    assert site.build("--strict").returncode == 1
