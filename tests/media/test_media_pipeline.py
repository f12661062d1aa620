"""The media pipeline on real ffmpeg: every output probed and measured."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from media_support import ffprobe_json, integrated_loudness, make_video, mean_luma, mp4_boxes, stream
from pillole.media import jobs, runner
from pillole.media.cache import MediaCache
from pillole.media.commands import Segment
from pillole.media.ffmpeg_bin import find_ffmpeg
from pillole.media.probe import probe
from pillole.model import Chapter

pytestmark = pytest.mark.ffmpeg


@pytest.fixture(scope="module")
def built(tmp_path_factory, landscape, tall, portrait, black_lead_in, silent_video, voice_memo, media_dir):
    """One pipeline run over every good clip (shared by the output checks below)."""
    captions = media_dir / "landscape.it.srt"
    captions.write_text("1\n00:00:00,500 --> 00:00:01,500\nUno\n\n2\n00:00:02,000 --> 00:00:03,500\nDue\n")
    requests = [
        jobs.MediaRequest("landscape", landscape, captions=captions,
                          chapters=(Chapter(0, "Inizio"), Chapter(2, "Fine"))),
        jobs.MediaRequest("clip", landscape, Segment(1.5, 3.5), captions=captions),
        jobs.MediaRequest("tall", tall),
        jobs.MediaRequest("portrait", portrait),
        jobs.MediaRequest("black", black_lead_in),
        jobs.MediaRequest("silent", silent_video),
        jobs.MediaRequest("memo", voice_memo),
    ]
    cache = tmp_path_factory.mktemp("cache")
    summary = jobs.run(jobs.plan(requests, cache), jobs=2, progress=None)
    assert not summary.failures, summary.report()
    return requests, cache, summary


def test_videos_are_h264_aac_yuv420p_faststart(built):
    _, _, summary = built
    for result in summary.results.values():
        for rendition in result.renditions:
            path = result.entry / rendition.path
            data = ffprobe_json(path)
            video = stream(data, "video")
            assert (video["codec_name"], video["pix_fmt"]) == ("h264", "yuv420p")
            assert (video["width"], video["height"]) == (rendition.width, rendition.height)
            assert video["width"] % 2 == 0 and video["height"] % 2 == 0
            if result.id != "silent":
                assert stream(data, "audio")["codec_name"] == "aac"
            boxes = mp4_boxes(path)
            assert boxes.index("moov") < boxes.index("mdat"), boxes
            assert float(data["format"]["duration"]) == pytest.approx(result.duration, abs=0.1)


def test_light_rendition_only_for_tall_sources(built):
    results = built[2].results
    assert [r.height for r in results["tall"].renditions] == [540, 480]
    assert [r.height for r in results["landscape"].renditions] == [180]


def test_portrait_stands_upright(built):
    result = built[2].results["portrait"]
    video = stream(ffprobe_json(result.entry / result.renditions[0].path), "video")
    assert video["height"] > video["width"]
    assert not any("rotation" in side for side in video.get("side_data_list", []))
    assert probe(result.entry / result.renditions[0].path, find_ffmpeg()).rotation == 0


def test_loudness_is_normalised(built):
    results = built[2].results
    assert integrated_loudness(results["landscape"].entry / "video-180.mp4") == pytest.approx(-16, abs=1)
    assert integrated_loudness(results["memo"].entry / results["memo"].audio) == pytest.approx(-16, abs=1)


def test_audio_pill_m4a_and_waveform(built):
    memo = built[2].results["memo"]
    data = ffprobe_json(memo.entry / memo.audio)
    assert stream(data, "audio")["codec_name"] == "aac"
    assert not [s for s in data["streams"] if s["codec_type"] == "video"]
    boxes = mp4_boxes(memo.entry / memo.audio)
    assert boxes.index("moov") < boxes.index("mdat")
    wave = stream(ffprobe_json(memo.entry / memo.waveform), "video")
    assert (wave["codec_name"], wave["width"], wave["height"]) == ("png", 1280, 200)


def test_poster_is_not_black(built):
    black = built[2].results["black"]
    assert mean_luma(black.entry / black.poster) > 40
    image = stream(ffprobe_json(black.entry / black.poster), "video")
    assert (image["width"], image["height"]) == (320, 180)


def test_sprite_and_thumbnails_track(built):
    result = built[2].results["landscape"]
    sprite = stream(ffprobe_json(result.entry / result.sprite), "video")
    assert (sprite["width"], sprite["height"]) == (160, 90)  # 4 s: one thumbnail
    vtt = (result.entry / result.thumbnails_vtt).read_text()
    assert "sprite.jpg#xywh=0,0,160,90" in vtt


def test_clip_is_cut_and_its_captions_shifted(built):
    results = built[2].results
    clip = results["clip"]
    assert clip.duration == pytest.approx(2.0)
    data = ffprobe_json(clip.entry / clip.renditions[0].path)
    assert float(data["format"]["duration"]) == pytest.approx(2.0, abs=0.1)
    assert [(c.start, c.end, c.text) for c in clip.cues] == [(0.5, 2.0, "Due")]  # "Uno" was before the cut
    vtt = clip.captions_vtt.read_text()
    assert vtt.startswith("WEBVTT") and "00:00:00.500 --> 00:00:02.000\nDue" in vtt
    whole = results["landscape"]
    assert "00:00:00.500 --> 00:00:01.500\nUno" in whole.captions_vtt.read_text()  # SRT -> WebVTT
    assert "00:00:02.000 --> 00:00:04.000\nFine" in whole.chapters_vtt.read_text()
    assert clip.entry != whole.entry


def test_second_run_starts_no_ffmpeg_process(built):
    requests, cache, _ = built
    stamps = [(cache / name).stat().st_mtime_ns for name in ("updated", "index.json")]
    before = runner.processes_started()
    summary = jobs.run(jobs.plan(requests, cache), progress=None)
    assert summary.transcoded == 0 and summary.processes == 0
    assert runner.processes_started() == before
    assert [(cache / name).stat().st_mtime_ns for name in ("updated", "index.json")] == stamps  # serve stays idle
    assert set(summary.results) == {r.id for r in requests}


def test_a_new_process_finds_everything_cached(built):
    """Memoised hashes, probes and ffmpeg version: a fresh build runs no ffmpeg at all."""
    requests, cache, _ = built
    code = (
        "import sys; from pathlib import Path; from pillole.media import jobs;"
        f"reqs=[jobs.MediaRequest(i, Path(p)) for i, p in {[(r.id, str(r.src)) for r in requests]!r}];"
        f"s=jobs.run(jobs.plan(reqs, {str(cache)!r}), progress=None);"
        "print(s.processes, s.transcoded, len(s.failures))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0", "0"]


@pytest.mark.parametrize(
    "fixture, words",
    [
        ("empty", "the file is empty"),
        ("lfs_pointer", "this is a Git LFS pointer, not the video"),
        ("corrupt", "damaged"),
    ],
)
def test_bad_media_fails_clearly_and_the_rest_keeps_going(request, tmp_path, landscape, fixture, words):
    bad = request.getfixturevalue(fixture)
    summary = jobs.run(
        jobs.plan([jobs.MediaRequest("bad", bad), jobs.MediaRequest("good", landscape)], tmp_path), progress=None
    )
    assert set(summary.results) == {"good"}
    [failure] = summary.failures
    assert failure.id == "bad" and failure.error.path == str(bad) and words in failure.error.message
    assert "[bad]" in summary.report() and str(bad) in summary.report()
    if fixture == "corrupt":
        assert any("moov atom not found" in line or "Invalid data" in line for line in failure.error.ffmpeg_lines)
    if fixture == "lfs_pointer":
        assert "git lfs pull" in failure.error.hint


def test_timeout_is_reported(tmp_path, landscape):
    twice = [jobs.MediaRequest("slow", landscape), jobs.MediaRequest("same-file", landscape)]
    summary = jobs.run(jobs.plan(twice, tmp_path), progress=None, timeout=0.05)
    assert [f.id for f in summary.failures] == ["slow", "same-file"]  # one transcode, both reported
    assert all("did not finish within 0.05 s" in f.error.message for f in summary.failures)
    assert MediaCache(tmp_path).keys() == set()


def test_a_segment_outside_the_recording(tmp_path, landscape):
    requests = [jobs.MediaRequest("late", landscape, Segment(30, 40)),
                jobs.MediaRequest("typo", landscape, Segment(1, 400)),
                jobs.MediaRequest("rounded", landscape, Segment(1, 4.5))]
    the_plan = jobs.plan(requests, tmp_path)
    assert the_plan.todo == [the_plan.jobs[2]]  # nothing transcoded for the bad ones
    messages = {j.request.id: str(j.error) for j in the_plan.jobs}
    assert "outside the recording (4.0 s)" in messages["late"] and "outside" in messages["typo"]


def test_a_second_run_reads_the_captions_back_without_parsing_them(built, monkeypatch):
    requests, cache, first = built

    def parse_again(*args: object) -> None:
        raise AssertionError("the captions were parsed again")

    monkeypatch.setattr(jobs, "parse_captions", parse_again)
    summary = jobs.run(jobs.plan(requests, cache), progress=None)
    for name in ("landscape", "clip"):
        again, before = summary.results[name], first.results[name]
        assert again.cues == before.cues and again.captions_vtt.read_text() == before.captions_vtt.read_text()


def test_captions_past_the_end_fail_with_the_line(tmp_path, landscape):
    bad = tmp_path / "bad.vtt"
    bad.write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nok\n\n00:30.000 --> 00:31.000\nwrong file\n")
    jobs.run(jobs.plan([jobs.MediaRequest("x", landscape, captions=bad)], tmp_path / "c"), progress=None)
    # again: captions with errors are never kept, so every run reports them
    summary = jobs.run(jobs.plan([jobs.MediaRequest("x", landscape, captions=bad)], tmp_path / "c"), progress=None)
    [failure] = summary.failures
    assert (failure.error.path, failure.error.line, failure.error.field) == (str(bad), 6, "captions")
    assert str(failure.error) == (f"{bad}:6: captions: cue starts at 00:00:30.000, after the end of the media "
                                  "(00:00:04.000); were these captions made for another recording?")


def test_probe_without_ffprobe_uses_imageio_ffmpeg(portrait, voice_memo):
    ff = find_ffmpeg(search_path="")
    assert ff.source == "imageio-ffmpeg" and ff.ffprobe is None
    info = probe(portrait, ff)
    assert (info.kind, info.width, info.height, info.has_audio) == ("video", 180, 320, True)
    assert info.duration == pytest.approx(4, abs=0.1)
    assert probe(voice_memo, ff).kind == "audio"


def test_shards_merged_give_a_complete_cache(tmp_path, landscape, tall, portrait, silent_video):
    requests = [jobs.MediaRequest(p.stem, p) for p in (landscape, tall, portrait, silent_video)]
    merged = tmp_path / "merged"
    for i in (1, 2):
        shard_cache = tmp_path / f"shard{i}"
        summary = jobs.run(jobs.plan(requests, shard_cache, shard=(i, 2)), jobs=2, progress=None)
        assert not summary.failures
        assert len(summary.results) + len(summary.other_shards) == len(requests)
        subprocess.run(["cp", "-a", f"{shard_cache}/.", str(merged)], check=True)
    final = jobs.run(jobs.plan(requests, merged), progress=None)
    assert final.transcoded == 0 and final.processes == 0 and len(final.results) == len(requests)


def test_sigkill_mid_transcode_leaves_no_trusted_entry(tmp_path, media_dir):
    src = make_video(media_dir / "long.mp4", size="640x360", seconds=20)
    cache = tmp_path / "cache"
    code = (
        "import sys; from pathlib import Path; from pillole.media import jobs;"
        f"jobs.run(jobs.plan([jobs.MediaRequest('long', Path({str(src)!r}))], {str(cache)!r}), progress=None)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    deadline = time.monotonic() + 30
    while not list((cache / "tmp").glob("*/video-*.mp4")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list((cache / "tmp").glob("*/video-*.mp4")), "the transcode never started"
    os.killpg(proc.pid, signal.SIGKILL)  # the build and its ffmpeg, like a CI runner killing the job
    proc.wait()
    requests = [jobs.MediaRequest("long", src)]
    after_kill = jobs.plan(requests, cache)
    assert after_kill.jobs[0].entry is None  # the half-written output is not trusted
    summary = jobs.run(after_kill, progress=None)
    assert not summary.failures and summary.transcoded == 1
    result = summary.results["long"]
    data = ffprobe_json(result.entry / result.renditions[0].path)
    assert float(data["format"]["duration"]) == pytest.approx(20, abs=0.1)
    assert stream(data, "video")["codec_name"] == "h264"
