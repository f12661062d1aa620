"""Plan and run the media of a site: many files in parallel, cached, resumable, shardable.

`plan` does the cheap part (hash, probe, cache look-up) and never transcodes; `run` does
the ffmpeg work for what is missing, keeps going when a file fails and returns a summary
that names each failed file. Results of cached entries are rebuilt from their manifests,
so a build whose media did not change starts no ffmpeg process.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..model import Catalog, Chapter, Pill
from . import commands, runner
from .autocaptions import cues_from_words, words_in
from .cache import Entry, MediaCache, settings_key
from .captions import (
    CaptionError,
    Cue,
    chapter_cues,
    chapters_from_cues,
    parse_captions,
    parse_webvtt,
    read_track,
    shift_cues,
    validate_cues,
    write_webvtt,
)
from .commands import MediaSettings, Segment
from .errors import MediaError
from .ffmpeg_bin import FFmpeg, find_ffmpeg
from .integrity import check_complete
from .probe import PROBE_VERSION, MediaInfo, probe
from .transcribe import Transcriber, check_library, read_transcript

CAPTIONS_VTT = "captions.vtt"
CHAPTERS_VTT = "chapters.vtt"
#: Bump when the pipeline changes its outputs in a way settings do not capture.
PIPELINE_VERSION = 1
#: Bump when a captions file's published track or cues change for the same file (its
#: parsing, checks, shift or serialization): the cache keeps them by the file's text.
CAPTIONS_VERSION = 1


@dataclass(frozen=True)
class MediaRequest:
    """One recording (or a trim/clip of it) to publish.

    `id` names the pill (or derived clip pill) in errors and results. `captions` and a
    chapters file are timed on the original recording and get shifted to the segment;
    a front-matter chapter list is timed on the published (trimmed/clipped) media.
    `language` is the spoken one, for automatic captions when there is no captions file.
    `page` (the pill's index.md) and `chapter_lines` (the front-matter line of each
    listed chapter) let an error about a chapter point at the line to fix.
    """

    id: str
    src: Path
    segment: Segment = Segment()
    captions: Path | None = None
    chapters: tuple[Chapter, ...] | Path = ()
    language: str = "it"
    page: Path | None = None
    chapter_lines: tuple[int | None, ...] = ()


def request_for(pill: Pill, catalog: Catalog, docs_dir: str | os.PathLike[str]) -> MediaRequest | None:
    """The media request of a pill (None without media). A clip reads its parent's files."""
    if not pill.media:
        return None
    owner = catalog.pills.get(pill.parent, pill) if pill.parent else pill
    folder = Path(docs_dir) / owner.folder
    trim = pill.trim
    segment = Segment(trim.start or 0.0, trim.end) if trim else Segment()
    chapters: tuple[Chapter, ...] | Path = ()
    lines: tuple[int | None, ...] = ()
    if isinstance(pill.chapters, str):
        chapters = folder / pill.chapters
    else:
        chapters = tuple(pill.chapters)
        lines = tuple(pill.lines.get(f"chapters[{i}].at") for i in range(len(chapters)))
    return MediaRequest(
        pill.slug, folder / pill.media, segment, folder / pill.captions if pill.captions else None, chapters,
        pill.language or catalog.settings.language, page=Path(docs_dir) / pill.src, chapter_lines=lines,
    )


@dataclass(frozen=True)
class Rendition:
    height: int
    width: int
    path: str  # relative to the entry


@dataclass(frozen=True)
class MediaResult:
    """What a pill page needs: media facts and where each output file is.

    Media outputs are relative to `entry`; the text tracks live in their own small entry
    (editing a caption must not re-encode the video), so those two paths are absolute.
    """

    id: str
    kind: str
    duration: float
    width: int | None
    height: int | None
    entry: Path
    renditions: tuple[Rendition, ...] = ()
    poster: str | None = None
    sprite: str | None = None
    thumbnails_vtt: str | None = None
    audio: str | None = None
    waveform: str | None = None
    captions_vtt: Path | None = None
    chapters_vtt: Path | None = None
    cues: tuple[Cue, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    #: The cache entry of the automatic transcript the captions come from (None: hand-written
    #: captions, or none at all).
    transcript: Path | None = None

    @property
    def auto_captions(self) -> bool:
        """The captions were made by speech recognition: the player says so."""
        return self.transcript is not None and self.captions_vtt is not None

    def files(self) -> dict[str, Path]:
        """Public file name -> absolute path of every output to publish beside the page."""
        names = [r.path for r in self.renditions] + [
            n for n in (self.poster, self.sprite, self.thumbnails_vtt, self.audio, self.waveform) if n
        ]
        out = {name: self.entry / name for name in names}
        for track in (self.captions_vtt, self.chapters_vtt):
            if track:
                out[track.name] = track
        return out


@dataclass
class PlannedJob:
    request: MediaRequest
    key: str | None = None
    info: MediaInfo | None = None
    entry: Entry | None = None  # set when the cache already has the result
    error: MediaError | None = None
    selected: bool = True  # False when another shard builds it
    transcript_key: str | None = None  # set when automatic captions are wanted
    transcript: Entry | None = None  # set when the cache already has them
    transcript_selected: bool = True


@dataclass
class Plan:
    cache: MediaCache
    ff: FFmpeg
    settings: MediaSettings
    jobs: list[PlannedJob]
    processes: int = 0  # ffmpeg/ffprobe processes `plan` started (probes of new files)
    transcriber: Transcriber | None = None  # None: no automatic captions

    @property
    def todo(self) -> list[PlannedJob]:
        """Jobs this process must transcode (one per key: duplicates share the entry)."""
        seen: set[str] = set()
        out = []
        for job in self.jobs:
            if job.error is None and job.entry is None and job.selected and job.key not in seen:
                seen.add(job.key or "")
                out.append(job)
        return out

    @property
    def transcripts_todo(self) -> list[PlannedJob]:
        """Jobs whose recording this process must transcribe (one per transcript key)."""
        if self.transcriber is None:
            return []
        seen: set[str] = set()
        out = []
        for job in self.jobs:
            key = job.transcript_key
            if job.error is None and key and job.transcript is None and job.transcript_selected and key not in seen:
                seen.add(key)
                out.append(job)
        return out


    @property
    def pending(self) -> list[PlannedJob]:
        """Every job with work left, transcode or transcript (`mkdocs serve` runs them in the
        background and shows the original meanwhile)."""
        transcoding = {id(job) for job in self.todo}
        return self.todo + [job for job in self.transcripts_todo if id(job) not in transcoding]


@dataclass
class Failure:
    id: str
    error: MediaError

    def __str__(self) -> str:
        return f"[{self.id}] {self.error}"


@dataclass
class Summary:
    results: dict[str, MediaResult] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    other_shards: list[str] = field(default_factory=list)  # ids left to the other CI jobs
    transcoded: int = 0
    transcribed: int = 0  # recordings run through the speech recogniser
    processes: int = 0  # ffmpeg/ffprobe processes started by plan + run

    def cache_keys(self) -> set[str]:
        """Every cache entry the results use (media and text tracks): what `prune` keeps."""
        keys = set()
        for result in self.results.values():
            keys.add(result.entry.name)
            keys.update(track.parent.name for track in (result.captions_vtt, result.chapters_vtt) if track)
            if result.transcript:
                keys.add(result.transcript.name)
        return keys

    def report(self) -> str:
        """The end-of-build summary: one line per failed file."""
        if not self.failures:
            heard = f", {self.transcribed} transcribed" if self.transcribed else ""
            return f"media: {len(self.results)} ready, {self.transcoded} transcoded{heard}"
        lines = [f"media: {len(self.failures)} file(s) failed:"]
        lines += [f"  - {failure}" for failure in self.failures]
        return "\n".join(lines)


def parse_shard(text: str) -> tuple[int, int]:
    """"i/n" (1-based) -> (i, n)."""
    try:
        i, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"shard must be i/n, e.g. 1/4 (got {text!r})") from None
    if not 1 <= i <= n:
        raise ValueError(f"shard {text}: i must be between 1 and n")
    return i, n


def in_shard(key: str, shard: tuple[int, int] | None) -> bool:
    """Stable split by cache key, so every CI job agrees without talking to the others."""
    if shard is None:
        return True
    i, n = shard
    return int(key[:12], 16) % n == i - 1


def job_key(file_hash: str, segment: Segment, settings: MediaSettings, ff: FFmpeg) -> str:
    return settings_key(
        kind="media",
        input=file_hash,
        start=round(segment.start, 3),
        end=None if segment.end is None else round(segment.end, 3),
        settings=settings.key_data(),
        ffmpeg=ff.version,
        pipeline=PIPELINE_VERSION,
    )


def plan(
    requests: Sequence[MediaRequest],
    cache_dir: str | os.PathLike[str],
    settings: MediaSettings = MediaSettings(),
    shard: tuple[int, int] | None = None,
    ff: FFmpeg | None = None,
    workers: int | None = None,
    transcriber: Transcriber | None = None,
) -> Plan:
    """Hash, probe (memoised by content) and look up every request; transcode nothing.

    New files are hashed and probed `workers` at a time (default: the CPU count): on a
    first build this is the only work before transcoding starts. With a `transcriber`,
    recordings without a captions file also look up their automatic transcript; a
    transcript to make without faster-whisper installed raises TranscribeSetupError.
    """
    started = runner.processes_started()
    cache = MediaCache(cache_dir)
    ff = ff or find_ffmpeg(versions=cache.versions)
    jobs = [PlannedJob(request) for request in requests]
    if transcriber and any(r.captions is None for r in requests):
        transcriber.identity(cache)  # hash the model files once, before the threads need it

    def look_up(job: PlannedJob) -> None:
        request = job.request
        try:
            digest = cache.file_hash(request.src) if request.src.is_file() else None
            job.info = _probe_cached(cache, ff, request.src, digest)
            assert digest is not None  # probe raised for a missing file
            _check_segment(request, job.info)
            job.key = job_key(digest, request.segment, settings, ff)
        except MediaError as err:
            job.error = err
            return
        except OSError as exc:
            job.error = MediaError(str(request.src), f"cannot read the file: {exc.strerror}")
            return
        job.entry = cache.get(job.key)
        job.selected = in_shard(job.key, shard)
        if transcriber and request.captions is None and job.info.has_audio:
            job.transcript_key = transcriber.key(cache, digest, request.language)
            job.transcript = cache.get(job.transcript_key)
            job.transcript_selected = in_shard(job.transcript_key, shard)

    with ThreadPoolExecutor(max_workers=max(1, workers or os.cpu_count() or 1)) as pool:
        list(pool.map(look_up, jobs))
    cache.save()
    the_plan = Plan(cache, ff, settings, jobs, runner.processes_started() - started, transcriber)
    if the_plan.transcripts_todo:
        check_library()
    return the_plan


def _probe_cached(cache: MediaCache, ff: FFmpeg, src: Path, digest: str | None) -> MediaInfo:
    memo = f"{digest}:{ff.version}:{ff.source}:{PROBE_VERSION}"
    known = cache.probe_get(memo) if digest else None
    if known:
        return MediaInfo.from_dict(known)
    info = probe(src, ff)
    cache.probe_put(memo, info.to_dict())
    return info


#: A trim or clip may end this far past the recording (authors round up); more is a typo.
SEGMENT_TOLERANCE = 1.0


def _check_segment(request: MediaRequest, info: MediaInfo) -> None:
    seg = request.segment
    outside = seg.start >= info.duration or (seg.end is not None and seg.end <= seg.start)
    if outside or (seg.end is not None and seg.end > info.duration + SEGMENT_TOLERANCE):
        end = "end" if seg.end is None else f"{seg.end:g} s"
        raise MediaError(
            str(request.src),
            f"the segment {seg.start:g} s - {end} is outside the recording ({info.duration:.1f} s)",
            "check `trim`/`clips` in the front-matter",
        )


def run(
    the_plan: Plan,
    jobs: int | None = None,
    progress: TextIO | None = sys.stderr,
    timeout: float | None = None,
) -> Summary:
    """Transcode (and transcribe) what `plan` found missing, `jobs` at a time; never stops
    at a failure.

    `timeout` (seconds per ffmpeg command) defaults to 5 minutes + 10 x the media length.
    Recognition runs one recording at a time beside the transcodes (the model uses every
    core by itself). A recording whose recognition fails is still published, without
    automatic captions, and reported as a failure.
    """
    started = runner.processes_started()
    summary = Summary()
    made = _work(the_plan, jobs, progress, timeout)
    summary.transcoded, summary.transcribed = len(made.entries), len(made.heard)
    for job in the_plan.jobs:
        _collect(summary, the_plan.cache, job, made)
    the_plan.cache.save()
    if summary.transcoded or summary.transcribed:
        the_plan.cache.mark_updated()
    summary.processes = the_plan.processes + runner.processes_started() - started
    return summary


@dataclass
class _Made:
    """What one `run` made (or failed to make), by cache key."""

    entries: dict[str, Entry] = field(default_factory=dict)
    failed: dict[str, MediaError] = field(default_factory=dict)
    heard: dict[str, Entry] = field(default_factory=dict)  # transcripts
    not_heard: dict[str, MediaError] = field(default_factory=dict)


def _work(the_plan: Plan, jobs: int | None, progress: TextIO | None, timeout: float | None) -> _Made:
    """Every transcode (`jobs` at a time) and every recognition (one at a time), side by side."""
    todo, to_hear = the_plan.todo, the_plan.transcripts_todo
    meter = _Progress(progress, todo, to_hear)
    made = _Made()
    with ThreadPoolExecutor(max_workers=max(1, jobs or os.cpu_count() or 1)) as pool, \
            ThreadPoolExecutor(max_workers=1) as lane:
        futures = {pool.submit(_transcode, the_plan, job, timeout): job for job in todo}
        hearing = {lane.submit(_transcribe, the_plan, job, timeout, meter): job for job in to_hear}
        for future in as_completed([*futures, *hearing]):
            transcript = future in hearing
            job = hearing[future] if transcript else futures[future]
            key, results, errors = ((job.transcript_key or "", made.heard, made.not_heard) if transcript
                                    else (job.key or "", made.entries, made.failed))
            try:
                results[key] = future.result()
            except MediaError as err:
                errors[key] = err
            except Exception as exc:  # noqa: BLE001 - e.g. a full disk: report it, keep going
                errors[key] = MediaError(str(job.request.src), f"{type(exc).__name__}: {exc}")
            meter.done(job, key in errors, transcript=transcript)
    meter.close()
    return made


def _collect(summary: Summary, cache: MediaCache, job: PlannedJob, made: _Made) -> None:
    """The job's result, failure, or its being left to another shard, into `summary`."""
    job.error = job.error or made.failed.get(job.key or "")
    if job.error is not None:
        summary.failures.append(Failure(job.request.id, job.error))
        return
    job.transcript = job.transcript or made.heard.get(job.transcript_key or "")
    if job.transcript_key in made.not_heard:
        summary.failures.append(Failure(job.request.id, made.not_heard[job.transcript_key or ""]))
    entry = job.entry or made.entries.get(job.key or "")
    if entry is None:
        summary.other_shards.append(job.request.id)
        return
    try:
        summary.results[job.request.id] = _result(cache, job, entry)
    except CaptionError as err:
        error = MediaError(str(err.path), err.message, err.hint, line=err.line, field=err.field)
        summary.failures.append(Failure(job.request.id, error))
    except OSError as exc:
        summary.failures.append(Failure(job.request.id, MediaError(exc.filename or "?", str(exc.strerror))))


def _transcode(the_plan: Plan, job: PlannedJob, timeout: float | None) -> Entry:
    info, request, settings = job.info, job.request, the_plan.settings
    assert info is not None and job.key is not None
    duration = request.segment.duration(info)
    limit = timeout or 300 + 10 * duration

    def produce(out: Path) -> dict[str, Any]:
        argvs = commands.job_argvs(the_plan.ff.ffmpeg, request.src, info, request.segment, settings, out)
        for index, argv in enumerate(argvs):
            done = runner.run(argv, str(request.src), limit)
            if index == 0:  # the one command that decodes the whole segment
                check_complete(str(request.src), duration, out / commands.main_output(info, settings),
                               runner.useful_lines(done.stderr))
        meta: dict[str, Any] = {"info": info.to_dict(), "duration": duration}
        if info.kind == "video":
            layout = commands.sprite_layout(info, duration, settings)
            (out / commands.THUMBNAILS_VTT).write_text(commands.thumbnails_vtt(layout, duration))
            meta["renditions"] = [
                [h, commands.scaled_width(info, h), commands.video_name(h)]
                for h in commands.rendition_heights(info, settings)
            ]
        for name in _expected(info, settings):
            if not (out / name).is_file() or (out / name).stat().st_size == 0:
                raise MediaError(str(request.src), f"ffmpeg produced no {name}", "see the ffmpeg lines above")
        return meta

    return the_plan.cache.put(job.key, produce)


def _transcribe(the_plan: Plan, job: PlannedJob, timeout: float | None, meter: _Progress) -> Entry:
    """The automatic transcript of a job's whole recording, into the cache."""
    info, request, transcriber = job.info, job.request, the_plan.transcriber
    assert info is not None and job.transcript_key is not None and transcriber is not None
    produce = transcriber.produce(the_plan.ff, request.src, info, request.language,
                                  timeout or 300 + 10 * info.duration,
                                  lambda seconds: meter.advance(job.transcript_key or "", seconds))
    return the_plan.cache.put(job.transcript_key, produce)


def _expected(info: MediaInfo, settings: MediaSettings) -> list[str]:
    if info.kind == "audio":
        return [commands.AUDIO, commands.WAVEFORM]
    videos = [commands.video_name(h) for h in commands.rendition_heights(info, settings)]
    return videos + [commands.POSTER, commands.SPRITE, commands.THUMBNAILS_VTT]


def _result(cache: MediaCache, job: PlannedJob, entry: Entry) -> MediaResult:
    """MediaResult from an entry's manifest, plus the (cached) caption and chapter tracks."""
    info = MediaInfo.from_dict(entry.meta["info"])
    duration = float(entry.meta["duration"])
    request = job.request
    captions_vtt, cues = _captions_track(cache, request, info.duration)
    transcript = job.transcript if request.captions is None else None
    if transcript is not None:
        captions_vtt, cues = _auto_captions_track(cache, transcript, request.segment, duration)
    chapters_vtt, chapters = _chapters_track(cache, request, duration)
    common: dict[str, Any] = dict(
        id=request.id, kind=info.kind, duration=duration, entry=entry.path,
        captions_vtt=captions_vtt, chapters_vtt=chapters_vtt, cues=tuple(cues), chapters=tuple(chapters),
        transcript=transcript.path if transcript else None,
    )
    if info.kind == "audio":
        return MediaResult(**common, width=None, height=None, audio=commands.AUDIO, waveform=commands.WAVEFORM)
    renditions = tuple(Rendition(h, w, p) for h, w, p in entry.meta["renditions"])
    return MediaResult(
        **common, width=renditions[0].width, height=renditions[0].height, renditions=renditions,
        poster=commands.POSTER, sprite=commands.SPRITE, thumbnails_vtt=commands.THUMBNAILS_VTT,
    )


def _text_entry(cache: MediaCache, name: str, text: str) -> Path:
    """Publish a small text file through the cache (content-addressed like the media)."""
    key = settings_key(kind="track", name=name, text=text)

    def produce(out: Path) -> dict[str, Any]:
        (out / name).write_text(text, encoding="utf-8")
        return {}

    entry = cache.get(key) or cache.put(key, produce)
    return entry.path / name


def _captions_track(
    cache: MediaCache, request: MediaRequest, source_duration: float
) -> tuple[Path | None, list[Cue]]:
    """Captions checked against the original recording, then shifted to the segment. The
    track and its cues are kept in the cache by the file's text: a build reads them back
    instead of parsing, checking and writing them again (at 10,000 pills, a second of every
    build); a file with errors is never kept, so its errors are reported at every build."""
    if request.captions is None:
        return None, []
    seg = request.segment
    try:
        text = read_track(request.captions)
        key = settings_key(kind="captions", name=request.captions.name, text=text, start=seg.start,
                           end=seg.end, duration=source_duration, version=CAPTIONS_VERSION)
        entry = cache.get(key)
        if entry is None:
            cues = parse_captions(text, request.captions.name)
            errors = validate_cues(cues, source_duration)
            if errors:
                raise errors[0]
    except CaptionError as err:
        err.path, err.field = str(request.captions), "captions"
        raise
    if entry is None:
        shifted = cues if seg.is_whole else shift_cues(cues, seg.start, seg.end)

        def produce(out: Path) -> dict[str, Any]:
            (out / CAPTIONS_VTT).write_text(write_webvtt(shifted), encoding="utf-8")
            return {"cues": [astuple(cue) for cue in shifted]}

        entry = cache.put(key, produce)
    return entry.path / CAPTIONS_VTT, [Cue(*fields) for fields in entry.meta["cues"]]


def _auto_captions_track(
    cache: MediaCache, transcript: Entry, segment: Segment, duration: float
) -> tuple[Path | None, list[Cue]]:
    """Automatic captions of the segment: the words spoken in it, re-timed, made into cues."""
    words = words_in(read_transcript(transcript).words, segment.start, segment.end)
    cues = cues_from_words(words, duration)
    if not cues:  # nothing was said (music, silence): no empty captions track
        return None, []
    return _text_entry(cache, CAPTIONS_VTT, write_webvtt(cues)), cues


def _chapters_track(
    cache: MediaCache, request: MediaRequest, duration: float
) -> tuple[Path | None, list[Chapter]]:
    """A chapters file is timed on the recording (shifted); a front-matter list on the segment."""
    try:
        if isinstance(request.chapters, Path):
            cues = parse_webvtt(read_track(request.chapters))
            if not request.segment.is_whole:
                cues = shift_cues(cues, request.segment.start, request.segment.end)
            chapters, lines = chapters_from_cues(cues), [cue.line for cue in cues]
        else:
            chapters, lines = list(request.chapters), list(request.chapter_lines)
        if not chapters:
            return None, []
        cues = chapter_cues(chapters, duration, lines)
    except CaptionError as err:
        err.path = str(request.chapters) if isinstance(request.chapters, Path) else str(request.page or request.src)
        err.field = "chapters"
        raise
    return _text_entry(cache, CHAPTERS_VTT, write_webvtt(cues)), chapters


class _Progress:
    """A live bar with ETA on a terminal; a plain line per finished file otherwise (CI logs)."""

    def __init__(self, stream: TextIO | None, todo: list[PlannedJob], to_hear: Sequence[PlannedJob] = ()) -> None:
        self.stream = stream
        # a recording counts its length once for the transcode and once for recognition
        self.total = (sum(j.request.segment.duration(j.info) for j in todo if j.info)
                      + sum(j.info.duration for j in to_hear if j.info)) or 1.0
        self.count = len(todo) + len(to_hear)
        self._lock = threading.Lock()
        self.heard: dict[str, float] = {}  # seconds recognised so far, by transcript key
        self.done_seconds = 0.0
        self.finished = 0
        self.start = time.monotonic()
        self.tty = bool(stream and stream.isatty())
        self._stop = threading.Event()
        self._thread = None
        if self.tty and self.count:
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()

    def _line(self) -> str:
        elapsed = time.monotonic() - self.start
        share = self.done_seconds / self.total
        eta = f"ETA {_clock(elapsed / share - elapsed)}" if share > 0 else "ETA --:--"
        bar = "#" * int(share * 24)
        return f"media [{bar:<24}] {self.finished}/{self.count} {share:4.0%} {_clock(elapsed)} {eta}"

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            self._write("\r" + self._line())

    def _write(self, text: str) -> None:
        if self.stream:
            self.stream.write(text)
            self.stream.flush()

    def advance(self, key: str, seconds: float) -> None:
        """Part of a long recognition is done (called from the recognition thread)."""
        with self._lock:
            self.done_seconds += seconds
            self.heard[key] = self.heard.get(key, 0.0) + seconds

    def done(self, job: PlannedJob, failed: bool, transcript: bool = False) -> None:
        with self._lock:
            self.finished += 1
            if transcript:  # what `advance` already counted is replaced by the whole length
                self.done_seconds -= self.heard.pop(job.transcript_key or "", 0.0)
                self.done_seconds += job.info.duration if job.info else 0
            else:
                self.done_seconds += job.request.segment.duration(job.info) if job.info else 0
        status = "FAILED" if failed else "ok"
        what = f"{job.request.id} (automatic captions)" if transcript else job.request.id
        if self.tty:
            self._write(f"\r\033[K{what}: {status}\n" + self._line())
        elif self.stream:
            self._write(f"{self._line()} - {what}: {status}\n")

    def close(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
            self._write("\n")


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else (
        f"{seconds // 60}:{seconds % 60:02d}"
    )
