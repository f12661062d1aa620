"""Shard selection and the failure summary (no ffmpeg)."""

import hashlib

import pytest

from pillole.media.errors import MediaError
from pillole.media.jobs import Failure, Summary, in_shard, parse_shard


def test_parse_shard():
    assert parse_shard("2/3") == (2, 3)
    for bad in ("0/3", "4/3", "x", "1-2"):
        with pytest.raises(ValueError):
            parse_shard(bad)


def test_shards_split_every_key_exactly_once():
    keys = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(200)]
    owners = [[i for i in (1, 2, 3) if in_shard(key, (i, 3))] for key in keys]
    assert all(len(o) == 1 for o in owners)
    assert {o[0] for o in owners} == {1, 2, 3}
    assert all(in_shard(key, None) for key in keys)


def test_summary_names_each_failed_file():
    summary = Summary(failures=[Failure("phishing", MediaError("pillole/phishing/p.mp4", "the file is empty"))])
    report = summary.report()
    assert "1 file(s) failed" in report and "[phishing] pillole/phishing/p.mp4: the file is empty" in report


def test_requests_for_pills_and_clips(tmp_path):
    from pathlib import Path

    from pillole.media.commands import Segment
    from pillole.media.jobs import request_for
    from pillole.model import Catalog, Chapter, Pill, Settings, Trim

    def pill(slug, **kw):
        return Pill(slug=slug, src=f"pillole/{slug}/index.md", title="t", summary="s", mentors=("a",),
                    tags=("x",), area="tecnologia", **kw)

    webinar = pill("webinar", media="w.mp4", captions="w.it.vtt", chapters=(Chapter(0, "Intro"),),
                   trim=Trim(4.0, None), lines={"chapters": 11, "chapters[0]": 12, "chapters[0].at": 12})
    clip = pill("clip-uno", media="w.mp4", captions="w.it.vtt", trim=Trim(60.0, 90.0), parent="webinar")
    catalog = Catalog(Settings(), pills={"webinar": webinar, "clip-uno": clip, "text": pill("text")})
    docs = Path("/docs")
    whole = request_for(webinar, catalog, docs)
    assert whole.src == docs / "pillole/webinar/w.mp4" and whole.segment == Segment(4.0, None)
    assert whole.captions == docs / "pillole/webinar/w.it.vtt" and whole.chapters == (Chapter(0, "Intro"),)
    assert whole.page == docs / "pillole/webinar/index.md" and whole.chapter_lines == (12,)  # for errors
    cut = request_for(clip, catalog, docs)
    assert cut.id == "clip-uno" and cut.src == docs / "pillole/webinar/w.mp4" and cut.segment == Segment(60, 90)
    assert request_for(catalog.pills["text"], catalog, docs) is None
    with_file = pill("f", media="f.mp4", chapters="f.chapters.vtt")
    assert request_for(with_file, catalog, docs).chapters == docs / "pillole/f/f.chapters.vtt"
    assert request_for(with_file, catalog, docs).chapter_lines == ()  # the file's cues carry their lines
