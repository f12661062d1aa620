"""The sharded CI layout end to end, as the templates run it: two jobs each transcode their
share (`pillole media --shard i/2`) into their own cache, the caches are merged by copying
the folders together, and the build then starts no ffmpeg at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ffmpeg

CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:01.000\nCiao\n"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)


def test_two_shards_merged_then_a_build_that_starts_no_ffmpeg(site, tmp_path: Path, landscape: Path,
                                                              portrait: Path, voice_memo: Path) -> None:
    for slug, media in (("calendario", landscape), ("verticale", portrait), ("vocale", voice_memo)):
        site.write(f"pillole/{slug}/{media.name}", media.read_bytes())
        site.write(f"pillole/{slug}/sottotitoli.vtt", CAPTIONS)
        site.pill(slug, title=slug.capitalize(), media=media.name, captions="sottotitoli.vtt")
    jobs = {name: tmp_path / name for name in ("shard-1", "shard-2", "build")}
    for folder in jobs.values():  # each CI job has its own checkout
        shutil.copytree(site.root, folder)

    done = 0
    for i in (1, 2):
        result = run([sys.executable, "-m", "pillole.cli", "media", "--shard", f"{i}/2"], jobs[f"shard-{i}"])
        assert result.returncode == 0, result.stdout + result.stderr
        done += int(result.stdout.split(" transcoded")[0].rsplit(" ", 1)[1])
    assert done == 3  # every recording transcoded once, by one of the two shards

    merged = jobs["build"] / ".cache" / "pillole"
    merged.mkdir(parents=True)
    for i in (1, 2):  # the merge: copy the shard caches together
        subprocess.run(["cp", "-a", f"{jobs[f'shard-{i}']}/.cache/pillole/.", str(merged)], check=True)
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict"], jobs["build"])
    assert built.returncode == 0, built.stderr
    assert "3 ready, 0 transcoded; 0 ffmpeg processes started" in built.stderr
