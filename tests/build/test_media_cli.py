"""`pillole media`: CI shards fill separate caches; merged, they serve a build that starts
no ffmpeg; --prune drops entries that no pill uses any more."""

from __future__ import annotations

import shutil
import sys

import pytest

from support import Site, run, make_clip

pytestmark = pytest.mark.ffmpeg


def _media(site: Site, *args: str):
    return run([sys.executable, "-m", "pillole.cli", "media", *args], site.root)


def test_shards_merged_give_a_complete_cache(site: Site) -> None:
    for number in range(4):
        slug = f"pillola-{number}"
        make_clip(site.content / f"pillole/{slug}/video.mp4", seconds=1 + number / 2, size="160x90")  # distinct files
        site.pill(slug, media="video.mp4", title=f"Pillola {number}")
    done = []
    for shard in ("1/2", "2/2"):
        site.config(plugins=[{"pillole": {"cache_dir": f"cache-{shard[0]}"}}])
        result = _media(site, "--shard", shard, "--jobs", "2")
        assert result.returncode == 0, result.stdout + result.stderr
        done.append(int(result.stdout.split(" transcoded")[0].rsplit(" ", 1)[1]))
    assert sum(done) == 4 and all(done), done  # the work was split, none done twice
    merged = site.root / "merged"
    for shard in ("1", "2"):
        shutil.copytree(site.root / f"cache-{shard}", merged, dirs_exist_ok=True)
    site.config(plugins=[{"pillole": {"cache_dir": "merged"}}])
    built = site.build()  # not --strict: these test clips have no captions (a warning)
    assert built.returncode == 0, built.stderr
    assert "media: 4 ready, 0 transcoded; 0 ffmpeg processes started" in built.stderr


def test_prune_keeps_only_what_pills_use(site: Site) -> None:
    make_clip(site.content / "pillole/calendario/a.mp4", seconds=1, size="160x90")
    make_clip(site.content / "pillole/calendario/b.mp4", seconds=2, size="160x90")
    site.pill("calendario", media="a.mp4")
    assert _media(site).returncode == 0
    site.pill("calendario", media="b.mp4")
    assert _media(site).returncode == 0
    pruned = _media(site, "--prune")
    assert pruned.returncode == 0
    assert "pruned 1 unused cache entry" in pruned.stdout
    rebuilt = site.build()
    assert "0 transcoded; 0 ffmpeg processes started" in rebuilt.stderr


def test_bad_shard_is_a_usage_error(site: Site) -> None:
    result = _media(site, "--shard", "3/2")
    assert result.returncode == 2
    assert "shard 3/2: i must be between 1 and n" in result.stderr
