"""Faults through the real `mkdocs build`: killed builds, builds at the same time, a cache
that cannot be written. The site must come out valid or the build must say clearly why not,
and the media cache must never hand a later build a half-written file.

(The media pipeline's own tests cover the same faults one level down, without MkDocs.)
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import ENV, Site
from pillole.media.cache import MediaCache

pytestmark = pytest.mark.ffmpeg


def _can_mount() -> bool:
    """Root with mount namespaces: mounts made inside `unshare -m` vanish with the process."""
    return (os.geteuid() == 0 and shutil.which("unshare") is not None
            and subprocess.run(["unshare", "-m", "mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", "/mnt"],
                               capture_output=True).returncode == 0)


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs root and `unshare -m` to mount a tmpfs / read-only bind")


def _media_pill(site: Site, seconds: int = 3) -> Path:
    folder = site.content / "pillole" / "calendario"
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", f"testsrc=s=640x360:r=25:d={seconds}", "-f", "lavfi", "-i", f"sine=f=440:d={seconds}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                    str(folder / "c.mp4")], check=True)
    (folder / "c.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nCiao\n", encoding="utf-8")
    site.pill("calendario", media="c.mp4", captions="c.vtt")
    return site.root / ".cache" / "pillole" / "media"


def _duration(path: Path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _assert_valid_media(out: Path, seconds: float) -> dict[str, bytes]:
    """Every published video plays for the whole recording; returns the files' bytes."""
    media = out / "pillole" / "calendario" / "media"
    videos = sorted(media.glob("*.mp4"))
    assert videos, sorted(p.name for p in media.iterdir()) if media.is_dir() else "no media folder"
    for video in videos:
        assert abs(_duration(video) - seconds) < 0.6, video
    page = (out / "pillole" / "calendario" / "index.html").read_text(encoding="utf-8")
    assert "media/" + videos[0].name in page
    return {p.name: p.read_bytes() for p in sorted(media.iterdir())}


def _assert_cache_entries_complete(cache: Path) -> None:
    store = MediaCache(cache)
    assert all(store.get(key) is not None for key in store.keys())


def _build(site: Site, *args: str, wrap: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    argv = [*(wrap or []), sys.executable, "-m", "mkdocs", "build", *args]
    return subprocess.run(argv, cwd=site.root, env=ENV, capture_output=True, text=True, timeout=600)


def test_build_killed_while_transcoding_then_run_again_is_valid(site: Site) -> None:
    cache = _media_pill(site, seconds=12)
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=site.root, env=ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(p.is_file() and p.stat().st_size > 0 for p in (cache / "tmp").glob("*/*")):
        assert build.poll() is None, "the build ended before ffmpeg wrote anything"
        assert time.monotonic() < deadline, "ffmpeg never started writing"
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it could be killed"
    os.killpg(build.pid, signal.SIGKILL)  # the build and its ffmpeg, as a CI runner kills a job
    build.wait()
    _assert_cache_entries_complete(cache)
    # On a fast machine the transcode may have finished between our look and the kill: then
    # its entry is complete and rightly reused; otherwise the half work must not be trusted.
    finished = bool(MediaCache(cache).keys())

    again = _build(site)
    assert again.returncode == 0, again.stderr
    assert f"{0 if finished else 1} transcoded" in again.stderr
    _assert_valid_media(site.out, 12)
    _assert_cache_entries_complete(cache)


def test_two_builds_at_once_share_one_cache(site: Site) -> None:
    cache = _media_pill(site, seconds=4)
    argv = [sys.executable, "-m", "mkdocs", "build", "-d"]
    builds = [subprocess.Popen([*argv, str(site.root / name)], cwd=site.root, env=ENV, text=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for name in ("out-a", "out-b")]
    errors = [b.communicate(timeout=600)[1] for b in builds]
    assert [b.returncode for b in builds] == [0, 0], errors
    first = _assert_valid_media(site.root / "out-a", 4)
    second = _assert_valid_media(site.root / "out-b", 4)
    assert first == second  # both read the one entry that won
    _assert_cache_entries_complete(cache)
    assert list((cache / "tmp").iterdir()) == []


def test_a_file_where_the_cache_folder_should_be_is_a_clear_error(site: Site) -> None:
    cache = _media_pill(site)
    cache.parent.parent.mkdir(parents=True)
    cache.parent.write_text("not a folder", encoding="utf-8")  # .cache/pillole, the configured cache_dir
    built = _build(site)
    assert built.returncode == 1
    said = built.stdout + built.stderr  # MkDocs prints the reason it stops on stdout
    assert f"Pillole: the media cache {cache} cannot be written (Not a directory" in said
    assert "set 'cache_dir' in mkdocs.yml to a writable folder" in said
    assert "Traceback" not in said
    media = subprocess.run([sys.executable, "-m", "pillole.cli", "media"], cwd=site.root, env=ENV,
                           capture_output=True, text=True, timeout=600)
    assert media.returncode == 2
    assert f"Pillole: the media cache {cache} cannot be written (Not a directory" in media.stderr
    assert "Traceback" not in media.stderr


def _in_namespace(cache: Path, mount: str) -> list[str]:
    """`unshare -m sh -c '<mount> && exec "$@"'`: the mount exists for the command only."""
    return ["unshare", "-m", "sh", "-c", f'{mount} && exec "$@"', "sh"]


@needs_mount
def test_read_only_cache_is_a_clear_error_when_cold_and_enough_when_warm(site: Site) -> None:
    cache = _media_pill(site)
    cache.mkdir(parents=True)
    read_only = _in_namespace(cache, f"mount --bind '{cache}' '{cache}' && mount -o remount,ro,bind '{cache}' '{cache}'")
    cold = _build(site, wrap=read_only)
    assert cold.returncode == 1
    said = cold.stdout + cold.stderr
    assert f"Pillole: the media cache {cache} cannot be written (Read-only file system" in said
    assert "Traceback" not in said
    assert list(cache.iterdir()) == []

    assert _build(site).returncode == 0  # fill the cache, then read it read-only (a restored CI cache)
    warm = _build(site, wrap=read_only)
    assert warm.returncode == 0, warm.stderr
    assert "0 ffmpeg processes started" in warm.stderr
    _assert_valid_media(site.out, 3)


@needs_mount
def test_full_disk_is_a_clear_error_and_leaves_no_entry_to_trust(site: Site) -> None:
    cache = _media_pill(site)
    cache.mkdir(parents=True)
    kept = site.root / "cache-after-full-disk"
    full = _in_namespace(cache, f"mount -t tmpfs -o size=40k tmpfs '{cache}'")
    argv = [*full, "sh", "-c", f'"$@"; status=$?; cp -a "{cache}/." "{kept}/"; exit $status', "sh",
            sys.executable, "-m", "mkdocs", "build"]
    kept.mkdir()
    built = subprocess.run(argv, cwd=site.root, env=ENV, capture_output=True, text=True, timeout=600)
    assert built.returncode == 1
    said = built.stdout + built.stderr
    assert "No space left on device" in built.stderr
    assert "Pillole: media: 1 file(s) failed" in said
    assert "Traceback" not in said

    shutil.rmtree(cache)
    kept.rename(cache)  # what the full disk held, now with room to spare
    _assert_cache_entries_complete(cache)
    again = _build(site)
    assert again.returncode == 0, again.stderr
    _assert_valid_media(site.out, 3)
