"""The content-addressed cache: atomic entries, memoised hashes, concurrent writers."""

import multiprocessing
import os
from pathlib import Path

import pytest

from pillole.media.cache import MediaCache, settings_key


def write_one(out: Path) -> dict:
    (out / "a.txt").write_text("hello")
    return {"n": 1}


def test_put_then_get(tmp_path):
    cache = MediaCache(tmp_path)
    key = settings_key(input="x", height=1080)
    assert cache.get(key) is None
    entry = cache.put(key, write_one)
    assert entry.path == tmp_path / key[:2] / key
    assert (entry.path / "a.txt").read_text() == "hello" and entry.meta == {"n": 1}
    assert cache.get(key).meta == {"n": 1}
    assert not any((tmp_path / "tmp").iterdir())


def test_key_changes_with_any_setting():
    assert settings_key(a=1, b=2) == settings_key(b=2, a=1)
    assert settings_key(a=1, b=2) != settings_key(a=1, b=3)


def test_failed_build_publishes_nothing(tmp_path):
    cache = MediaCache(tmp_path)

    def broken(out: Path) -> dict:
        (out / "half.mp4").write_bytes(b"xx")
        raise RuntimeError("ffmpeg died")

    with pytest.raises(RuntimeError):
        cache.put("k" * 64, broken)
    assert cache.get("k" * 64) is None and cache.keys() == set()
    assert not any((tmp_path / "tmp").iterdir())


def test_truncated_entry_is_not_trusted_and_is_replaced(tmp_path):
    cache = MediaCache(tmp_path)
    entry = cache.put("a" * 64, write_one)
    (entry.path / "a.txt").write_text("hel")  # e.g. an interrupted copy of a CI cache
    assert cache.get("a" * 64) is None
    assert cache.put("a" * 64, write_one).path == entry.path
    assert cache.get("a" * 64) is not None


def _race(root: str, barrier) -> str:
    cache = MediaCache(root)
    barrier.wait()
    return cache.put("b" * 64, write_one).path.name


def test_two_processes_building_the_same_entry_both_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Manager().Barrier(4)
    with ctx.Pool(4) as pool:
        names = pool.starmap(_race, [(str(tmp_path), barrier)] * 4)
    assert names == ["b" * 64] * 4
    assert MediaCache(tmp_path).get("b" * 64) is not None


def test_file_hash_is_memoised_by_size_and_mtime(tmp_path, monkeypatch):
    src = tmp_path / "v.mp4"
    src.write_bytes(b"x" * 5000)
    cache = MediaCache(tmp_path / "cache")
    first = cache.file_hash(src)
    cache.save()
    again = MediaCache(tmp_path / "cache")
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("re-hashed an unchanged file"))
    assert again.file_hash(src) == first
    monkeypatch.undo()
    src.write_bytes(b"y" * 5000)
    os.utime(src, ns=(1, 1))
    assert again.file_hash(src) != first


def test_prune_keeps_what_is_used(tmp_path):
    cache = MediaCache(tmp_path)
    cache.put("c" * 64, write_one)
    cache.put("d" * 64, write_one)
    stale = tmp_path / "tmp" / "dead-build"
    stale.mkdir(parents=True)
    os.utime(stale, (0, 0))
    assert cache.prune({"c" * 64}) == ["d" * 64]
    assert cache.keys() == {"c" * 64} and not stale.exists()


def test_index_is_rewritten_only_when_it_changes(tmp_path):
    src = tmp_path / "v.mp4"
    src.write_bytes(b"x" * 10)
    cache = MediaCache(tmp_path / "cache")
    cache.file_hash(src)
    cache.save()
    index = tmp_path / "cache" / "index.json"
    os.utime(index, ns=(1, 1))
    again = MediaCache(tmp_path / "cache")
    again.file_hash(src)
    again.save()
    assert index.stat().st_mtime_ns == 1  # nothing new: a watcher sees no change
