"""Web-ready media on pill pages: transcode (cached), publish beside the page, play.

In a build, every missing rendition is transcoded before pages are rendered; failures
are collected and fail the build at the end with one line per failed file (or become
warnings and a "media non disponibile" notice when `media_failures: warning`).
In `mkdocs serve`, nothing waits for ffmpeg: cached results are published at once, new or
changed recordings are transcoded in a background thread while the page plays the
original, and the rebuild that follows picks up the finished entries.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..media import jobs
from ..media.ffmpeg_bin import FFmpegNotFound
from ..media.jobs import MediaResult
from ..media.site import cache_problem, media_cache_dir, media_settings, site_requests
from ..model import Pill
from ..render.pill import original_media
from ..render.player import render_player, render_unavailable
from ..render.view import MediaSummary
from .feature import Feature

log = logging.getLogger("mkdocs.plugins.pillole")


class _Background:
    """The one transcoding thread of a `mkdocs serve` process (serve reuses the plugin)."""

    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pillole-media")
    in_flight: set[str] = set()
    lock = threading.Lock()

    @classmethod
    def submit(cls, the_plan: jobs.Plan, todo: list[jobs.PlannedJob]) -> None:
        with cls.lock:
            fresh = [job for job in todo if job.key not in cls.in_flight]
            cls.in_flight.update(job.key or "" for job in fresh)
        if fresh:
            log.info("media: preparing %d recording(s) in the background", len(fresh))
            cls.executor.submit(cls._run, jobs.Plan(the_plan.cache, the_plan.ff, the_plan.settings, fresh))

    @classmethod
    def _run(cls, the_plan: jobs.Plan) -> None:
        """Transcode; the cache then touches its `updated` file, which `on_serve` watches."""
        try:
            summary = jobs.run(the_plan, progress=None)
            for failure in summary.failures:
                log.error("media: %s", failure)
        finally:
            with cls.lock:
                cls.in_flight.difference_update(job.key or "" for job in the_plan.jobs)


class MediaFeature(Feature):
    def on_files(self, files: Files) -> None:
        site = self.site
        options = dict(site.options)
        requests = site_requests(site.catalog, Path(site.config.docs_dir))
        self.results: dict[str, MediaResult] = {}
        self.pending: set[str] = set()
        self.failed: set[str] = set()
        if not requests:
            return
        cache_dir = media_cache_dir(site.project_dir, options)
        try:
            the_plan = jobs.plan(requests, cache_dir, media_settings(options))
        except FFmpegNotFound as exc:
            raise Abort(f"Pillole: {exc}") from None
        except OSError as exc:
            raise Abort(cache_problem(cache_dir, exc)) from None
        if the_plan.ff.fallback_notice():
            log.info(the_plan.ff.fallback_notice())
        if site.serving:
            todo = the_plan.todo
            _Background.submit(the_plan, todo)
            waiting = {id(job) for job in todo}
            self.pending = {job.request.id for job in todo}
            ready = jobs.Plan(the_plan.cache, the_plan.ff, the_plan.settings,
                              [job for job in the_plan.jobs if id(job) not in waiting])
            summary = jobs.run(ready, progress=None)
        else:
            try:
                summary = jobs.run(the_plan, jobs=options.get("media_jobs"))
            except OSError as exc:  # the cache's own memo; a job's failure is in the summary
                raise Abort(cache_problem(cache_dir, exc)) from None
        self.results = summary.results
        log.info("%s; %d ffmpeg processes started", summary.report().splitlines()[0], summary.processes)
        self._report(summary)
        self._publish(files)
        site.add_asset(files, "player.js", "js")
        site.add_asset(files, "player.css", "css")

    def _report(self, summary: jobs.Summary) -> None:
        if not summary.failures:
            return
        as_warnings = self.site.options.media_failures == "warning"
        for failure in summary.failures:
            self.failed.add(failure.id)
            (log.warning if as_warnings else log.error)("%s", failure)
        if not as_warnings:
            raise Abort("Pillole: " + summary.report()
                        + "\n(set 'media_failures: warning' to build the site without these recordings)")

    def _publish(self, files: Files) -> None:
        """Put each result's files beside its page; drop the originals the site no longer needs."""
        site = self.site
        catalog = site.catalog
        for slug, result in self.results.items():
            folder = catalog.pills[slug].folder
            for name, path in result.files().items():
                site.add_file(files, f"{folder}/media/{name}", abs_src_path=path)
            site.media[slug] = MediaSummary(
                kind=result.kind, duration=result.duration,
                poster=f"{folder}/media/{result.poster}" if result.poster else None,
                width=result.width, height=result.height)
            site.media_results[slug] = result
        published = set(self.results)
        for pill in catalog.pills.values():
            if pill.parent or not pill.media or pill.slug not in published:
                continue
            for name in (pill.media, pill.captions, pill.chapters if isinstance(pill.chapters, str) else None):
                original = files.get_file_from_path(f"{pill.folder}/{name}") if name else None
                if original is not None:
                    files.remove(original)

    def pill_media(self, pill: Pill, page: Page) -> str:
        site = self.site
        language = site.catalog.settings.language
        result = self.results.get(pill.slug)
        if result is not None:
            base = get_relative_url(f"{pill.folder}/media/", page.url)
            return render_player(result, base if base.endswith("/") else base + "/",
                                 site_key=site.site_key, captions_on=site.options.captions_default,
                                 lang=language)
        if pill.slug in self.pending:
            return original_media(site.view(page.url), pill) + render_unavailable(language, preparing=True)
        if pill.slug in self.failed:
            return render_unavailable(language)
        return ""
