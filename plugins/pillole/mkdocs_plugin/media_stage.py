"""The media stage under MkDocs: transcode (cached) before pages are rendered, or, under
`mkdocs serve`, in the background.

In a build, every missing rendition is transcoded before pages are rendered; failures are
collected and fail the build with one line per failed file (or become warnings and a "media
non disponibile" notice when `media_failures: warning`). In `mkdocs serve`, nothing waits for
ffmpeg: cached results are published at once, new or changed recordings are transcoded in a
background thread while the page plays the original, and the rebuild that follows (the cache
touches its `updated` file, which the plugin's `on_serve` watches) picks up finished entries.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import Abort

from ..media import jobs
from ..media.ffmpeg_bin import FFmpegNotFound
from ..media.site import cache_problem, media_cache_dir, media_settings, site_requests, site_transcriber
from ..media.transcribe import TranscribeSetupError
from ..model import Catalog
from ..options import Options
from ..sitemodel import MediaState

log = logging.getLogger("mkdocs.plugins.pillole")


class _Background:
    """The one transcoding thread of a `mkdocs serve` process (serve reuses the plugin)."""

    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pillole-media")
    in_flight: set[str] = set()
    lock = threading.Lock()
    #: whether the live-reload server watches files yet (set by `watch_when_ready`, from
    #: `on_serve`, which runs after the first build: a short recording can be ready before)
    watching: Callable[[], bool] = staticmethod(lambda: False)

    @classmethod
    def submit(cls, the_plan: jobs.Plan, todo: list[jobs.PlannedJob]) -> None:
        with cls.lock:
            fresh = [job for job in todo if job.key not in cls.in_flight]
            cls.in_flight.update(job.key or "" for job in fresh)
        if fresh:
            log.info("media: preparing %d recording(s) in the background", len(fresh))
            cls.executor.submit(cls._run, jobs.Plan(the_plan.cache, the_plan.ff, the_plan.settings, fresh,
                                                    transcriber=the_plan.transcriber))

    @classmethod
    def _run(cls, the_plan: jobs.Plan) -> None:
        try:
            summary = jobs.run(the_plan, progress=None)  # touches the cache's `updated` file
            for failure in summary.failures:
                log.error("media: %s", failure)
        finally:
            with cls.lock:
                cls.in_flight.difference_update(job.key or "" for job in the_plan.jobs)
        if not cls.watching():
            # A short recording can be ready before the server starts watching, and that
            # change would be lost: touch the file again once the server watches.
            deadline = time.monotonic() + 120
            while not cls.watching() and time.monotonic() < deadline:
                time.sleep(0.2)
            the_plan.cache.mark_updated()


def watch_when_ready(is_watching: Callable[[], bool]) -> None:
    """Tell the background thread how to know that the live-reload server watches files."""
    _Background.watching = staticmethod(is_watching)


def run_media(catalog: Catalog, docs_dir: Path, project_dir: Path, options: Options, *, serving: bool) -> MediaState:
    """Plan and run the media of the site; stop the build (Abort) on failures unless
    `media_failures: warning`, and when ffmpeg or the cache is missing or unwritable."""
    requests = site_requests(catalog, docs_dir)
    if not requests:
        return MediaState()
    cache_dir = media_cache_dir(project_dir, options)
    try:
        the_plan = jobs.plan(requests, cache_dir, media_settings(options),
                             transcriber=site_transcriber(project_dir, options))
    except (FFmpegNotFound, TranscribeSetupError) as exc:
        raise Abort(f"Pillole: {exc}") from None
    except OSError as exc:
        raise Abort(cache_problem(cache_dir, exc)) from None
    if the_plan.ff.fallback_notice():
        log.info(the_plan.ff.fallback_notice())
    pending: frozenset[str] = frozenset()
    if serving:
        todo = the_plan.pending  # transcodes and automatic transcripts
        _Background.submit(the_plan, todo)
        waiting = {id(job) for job in todo}
        pending = frozenset(job.request.id for job in todo)
        ready = jobs.Plan(the_plan.cache, the_plan.ff, the_plan.settings,
                          [job for job in the_plan.jobs if id(job) not in waiting])
        summary = jobs.run(ready, progress=None)
    else:
        try:
            summary = jobs.run(the_plan, jobs=options.media_jobs)
        except OSError as exc:  # the cache's own memo; a job's failure is in the summary
            raise Abort(cache_problem(cache_dir, exc)) from None
    log.info("%s; %d ffmpeg processes started", summary.report().splitlines()[0], summary.processes)
    if summary.failures:
        as_warnings = options.media_failures == "warning"
        for failure in summary.failures:
            (log.warning if as_warnings else log.error)("%s", failure)
        if not as_warnings:
            raise Abort("Pillole: " + summary.report()
                        + "\n(set 'media_failures: warning' to build the site without these recordings)")
    return MediaState(summary.results, pending, frozenset(failure.id for failure in summary.failures))
