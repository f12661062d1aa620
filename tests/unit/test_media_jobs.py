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
