"""The `pillole` command: check content, and build or preview the site.

Subcommands register themselves in `COMMANDS` (name -> (help, add_arguments, run)) so that
each lives next to what it drives. Errors in content never print a traceback: they are
reported as lines `file:line: field: message; hint` and the exit code says what happened
(0 fine, 1 content errors, 2 usage or set-up problem).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, TextIO

from . import check_formats, scaffold
from .body_check import check_bodies
from .content import load_catalog
from .forked import cores
from .media import jobs
from .media.cache import MediaCache
from .media.draft import DraftError, write_draft
from .media.errors import MediaError
from .media.site import cache_problem, media_cache_dir, media_settings, site_requests, site_transcriber
from .media.ffmpeg_bin import FFmpegNotFound, find_ffmpeg
from .media.transcribe import TranscribeSetupError, check_library
from .model import ContentError
from .project import Project, ProjectError, read_project
from .i18n import Labels
from .report import summary

Runner = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Runner]] = {}


def command(name: str, help_text: str, arguments: Callable[[argparse.ArgumentParser], None]) -> Callable[[Runner], Runner]:
    def register(run: Runner) -> Runner:
        COMMANDS[name] = (help_text, arguments, run)
        return run
    return register


def _colour(text: str, code: str, stream: object) -> str:
    use = getattr(stream, "isatty", lambda: False)() and not os.environ.get("NO_COLOR")
    return f"\033[{code}m{text}\033[0m" if use else text


def print_problems(problems: list[ContentError], stream: TextIO = sys.stdout) -> None:
    colours = {"error": "31", "warning": "33", "notice": "36"}
    for problem in problems:
        label = _colour(problem.severity, colours[problem.severity], stream)
        print(f"{label}: {problem}", file=stream)


def _project(args: argparse.Namespace) -> Project:
    return read_project(Path(args.config_file))


def _config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="path to mkdocs.yml (default: ./mkdocs.yml)")


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    _config_argument(parser)
    parser.add_argument("--format", choices=("human", "github", "gitlab", "json"), default="human",
                        help="human (default), github (workflow annotations), "
                             "gitlab (Code Quality report JSON) or json")


def _ffmpeg_line() -> str:
    """Which ffmpeg the media pipeline will use, so a CI log shows it next to the problems."""
    try:
        return "ffmpeg: " + find_ffmpeg().describe()
    except (FFmpegNotFound, MediaError) as exc:
        return f"ffmpeg: {exc}"


@command("check", "validate content/ and report every problem (exit 1 on errors)", _check_arguments)
def run_check(args: argparse.Namespace) -> int:
    project = _project(args)
    catalog = load_catalog(project.docs_dir, project.settings, root=project.root, config_files=project.config_files,
                           jobs=cores())
    catalog.errors.extend(project.conflicts)
    catalog.errors.extend(_transcription_problems(project, Path(args.config_file)))
    catalog.errors.extend(check_bodies(catalog, project.markdown_extensions, project.options.allow_raw_html))
    pills = len(catalog.pills)
    totals = f"Pillole: {pills} pill{'s' if pills != 1 else ''}, {len(catalog.tags)} tags, " \
             f"{len(catalog.people)} people; {summary(catalog.errors)}"
    if args.format == "human":
        print_problems(catalog.errors)
        if any(pill.media for pill in catalog.pills.values()):
            print(_ffmpeg_line())
        print(totals)
    elif args.format == "github":
        print(check_formats.github(catalog.errors))
        print(totals)
    else:  # machine-readable on stdout, the human summary on stderr
        counts = {"pills": pills, "tags": len(catalog.tags), "people": len(catalog.people)}
        print(check_formats.gitlab(catalog.errors) if args.format == "gitlab"
              else check_formats.as_json(catalog.errors, counts))
        print(totals, file=sys.stderr)
    return 1 if catalog.has_errors else 0


def _transcription_problems(project: Project, config: Path) -> list[ContentError]:
    """A `transcribe_model` that is not installed, said before a build finds out."""
    try:
        if site_transcriber(project.root, project.options):
            check_library()
    except TranscribeSetupError as exc:
        rows = config.read_text(encoding="utf-8").splitlines()
        line = next((n for n, row in enumerate(rows, 1) if "transcribe_model" in row), None)
        return [ContentError(config.name, line, "transcribe_model", exc.message, exc.hint)]
    return []


def _new_arguments(parser: argparse.ArgumentParser) -> None:
    _config_argument(parser)
    parser.add_argument("title", help='the title of the pill, e.g. "Il calendario condiviso in cloud"')
    parser.add_argument("--summary", help="one sentence: what a colleague learns")
    parser.add_argument("--mentor", action="append", default=[],
                        help="person id or name from content/people.yml (several: comma-separated)")
    parser.add_argument("--tags", action="append", default=[], help="tag ids or aliases, comma-separated")
    parser.add_argument("--area", help="area id (see mkdocs.yml)")
    parser.add_argument("--technique", help="individuale, gruppo or informale (or as in mkdocs.yml)")
    parser.add_argument("--level", help="base, intermedio or avanzato (or as in mkdocs.yml)")
    parser.add_argument("--audience", action="append", default=[],
                        help="people or team ids the pill is addressed to, comma-separated")
    parser.add_argument("--media", help="a video or audio file to copy into the pill's folder")
    parser.add_argument("--captions", help="its captions (.vtt/.srt); default: one named like the media, beside it")
    parser.add_argument("--no-input", action="store_true", help="never ask, even in a terminal")


@command("new", "create a pill folder with its front-matter (asks for what is missing in a terminal)",
         _new_arguments)
def run_new(args: argparse.Namespace) -> int:
    project = _project(args)
    catalog = load_catalog(project.docs_dir, project.settings, root=project.root)
    labels = Labels(project.settings.language)
    try:
        folder = scaffold.pill_folder(project.docs_dir, args.title)
        if folder.exists():
            raise scaffold.ScaffoldError(f"{_shown(folder, project)} already exists; choose another title, "
                                         "or edit that pill")
        new = scaffold.resolve(scaffold.NewPill(
            title=args.title.strip(), summary=args.summary,
            mentors=scaffold.split_ids(",".join(args.mentor)), tags=scaffold.split_ids(",".join(args.tags)),
            area=args.area, technique=args.technique, level=args.level,
            audience=scaffold.split_ids(",".join(args.audience)),
            media=scaffold.existing_file(args.media) if args.media else None,
            captions=scaffold.existing_file(args.captions) if args.captions else None,
        ), catalog)
        if sys.stdin.isatty() and not args.no_input:
            print(f"New pill: {_shown(folder, project)}/index.md (Ctrl+C to stop; [default] in brackets)")
            scaffold.ask_missing(new, catalog, scaffold.Prompter(sys.stdin, sys.stdout))
        elif scaffold.missing(new):
            raise scaffold.ScaffoldError("missing " + ", ".join(scaffold.missing(new))
                                         + " (not in a terminal: nothing is asked)")
        index = scaffold.create_pill(project.docs_dir, new, labels)
    except scaffold.ScaffoldError as problem:
        print(f"pillole new: {problem}", file=sys.stderr)
        return 2
    shown = _shown(index, project)
    copied = [p.name for p in (new.media, new.captions) if p]
    print(f"Created {shown}" + (f" (copied {', '.join(copied)})" if copied else ""))
    problems = [p for p in load_catalog(project.docs_dir, project.settings, root=project.root).errors
                if p.path == shown]
    print_problems(problems)
    print(f"Next: write the text in {shown}, then: pillole check; git add {_shown(index.parent, project)}")
    return 1 if any(p.is_error for p in problems) else 0


def _shown(path: Path, project: Project) -> str:
    return Path(os.path.relpath(path, project.root)).as_posix()


def _media_arguments(parser: argparse.ArgumentParser) -> None:
    _config_argument(parser)
    parser.add_argument("--jobs", type=int, default=None, help="recordings transcoded at a time (default: the cores)")
    parser.add_argument("--shard", default=None, help="i/n: transcode only this CI job's share (e.g. 1/4)")
    parser.add_argument("--prune", action="store_true", help="then delete cache entries no pill uses")


@command("media", "transcode every recording into the media cache (what the build then publishes)", _media_arguments)
def run_media(args: argparse.Namespace) -> int:
    project = _project(args)
    if args.prune and args.shard:
        print("pillole: --prune needs the whole site; run it without --shard", file=sys.stderr)
        return 2
    try:
        shard = jobs.parse_shard(args.shard) if args.shard else None
    except ValueError as exc:
        print(f"pillole: {exc}", file=sys.stderr)
        return 2
    catalog = load_catalog(project.docs_dir, project.settings, root=project.root)
    if catalog.has_errors:
        print_problems([p for p in catalog.errors if p.is_error])
        return 1
    cache_dir = media_cache_dir(project.root, project.options)
    try:
        plan = jobs.plan(site_requests(catalog, project.docs_dir), cache_dir, media_settings(project.options), shard=shard,
                         transcriber=site_transcriber(project.root, project.options))
    except (FFmpegNotFound, TranscribeSetupError) as exc:
        print(f"pillole: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(cache_problem(cache_dir, exc), file=sys.stderr)
        return 2
    try:
        outcome = jobs.run(plan, jobs=args.jobs)
    except OSError as exc:  # the cache's own memo; a recording's failure is in the outcome
        print(cache_problem(cache_dir, exc), file=sys.stderr)
        return 2
    print(outcome.report())
    if outcome.other_shards:
        print(f"media: {len(outcome.other_shards)} left to the other shards")
    if args.prune:
        removed = MediaCache(cache_dir).prune(outcome.cache_keys())
        print(f"media: pruned {len(removed)} unused cache entr{'y' if len(removed) == 1 else 'ies'}")
    return 1 if outcome.failures else 0


def _transcribe_arguments(parser: argparse.ArgumentParser) -> None:
    _config_argument(parser)
    parser.add_argument("pill", help="the pill's id (its folder name), e.g. calendario-condiviso-cloud")


@command("transcribe", "write a pill's automatic captions as a draft .vtt beside its recording, to correct",
         _transcribe_arguments)
def run_transcribe(args: argparse.Namespace) -> int:
    project = _project(args)
    catalog = load_catalog(project.docs_dir, project.settings, root=project.root)
    try:
        draft = write_draft(args.pill, catalog, project.docs_dir, project.root, project.options,
                            media_cache_dir(project.root, project.options))
    except (TranscribeSetupError, FFmpegNotFound) as exc:
        print(f"pillole transcribe: {exc}", file=sys.stderr)
        return 2
    except DraftError as exc:
        print(f"pillole transcribe: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(cache_problem(media_cache_dir(project.root, project.options), exc), file=sys.stderr)
        return 2
    shown = _shown(draft, project)
    print(f"Draft written: {shown} (automatic: check names, acronyms and technical words)")
    print(f"Next: correct it, add 'captions: {draft.name}' to {_shown(draft.parent / 'index.md', project)}, "
          f"then: pillole check; git add {shown}")
    return 0


def _mkdocs_arguments(parser: argparse.ArgumentParser) -> None:
    _config_argument(parser)
    parser.add_argument("mkdocs_args", nargs=argparse.REMAINDER,
                        help="further options for mkdocs (e.g. --strict, -a 127.0.0.1:8001)")


def _mkdocs(verb: str, args: argparse.Namespace) -> int:
    """Run MkDocs in a child process, so that this package never imports it outside the adapter."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    argv = [sys.executable, "-m", "mkdocs", verb, "-f", str(args.config_file), *args.mkdocs_args]
    return subprocess.call(argv, env=env)


@command("build", "build the site (mkdocs build)", _mkdocs_arguments)
def run_build(args: argparse.Namespace) -> int:
    return _mkdocs("build", args)


@command("serve", "live preview of the site (mkdocs serve)", _mkdocs_arguments)
def run_serve(args: argparse.Namespace) -> int:
    return _mkdocs("serve", args)


def make_parser() -> argparse.ArgumentParser:
    """Every registered command (the CI template tests parse their command lines with it)."""
    parser = argparse.ArgumentParser(prog="pillole", description="Knowledge pills for reverse mentoring.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, arguments, _) in COMMANDS.items():
        arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command][2](args)
    except ProjectError as exc:
        print(f"pillole: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
