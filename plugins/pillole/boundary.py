"""The content boundary: which files of `content/` reach the site, and which never do.

Every byte under `content/` is untrusted (many contributors, merge requests, soon a browser
form), while MkDocs publishes every file of its docs folder and follows symbolic links. So
Pillole publishes only the files it can account for:

- the pages: each pill's `index.md`, the learning paths `percorsi/<id>.md`, and the site's own
  pages, the Markdown files at the top of `content/` (`index.md`, ...);
- the files a pill's front-matter names (`media`, `captions`, `chapters`), when their type is
  one the site plays or shows (audio/video, WebVTT, SRT);
- the images and PDF documents a page's text links to (`![...](grafico.png)`,
  `[slides](slides.pdf)`), when the file really is of its type;
- the files mkdocs.yml names (`extra_css`, `extra_javascript`, theme logo and favicon).

The registries (`people.yml`, `tags.yml`) are data, read by the build and never published.
Anything else is left out with a warning naming it. Only regular files inside `content/`
count: a symbolic link is followed only to a regular file inside `content/`; links that leave
it, links to folders (MkDocs would copy what they lead to, endlessly for a loop), named pipes,
devices and sockets are errors, and are never opened; broken links and loops are warnings.

Two steps, both pure apart from reading the folder: `scan()` walks the folder once without
following links; `account()` decides what is published from what the pages name.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from .media.formats import AUDIO_EXTENSIONS, VIDEO_EXTENSIONS
from .model import ContentError

#: What a page's text may link to and have published: type -> how such a file starts.
#: No SVG (it can carry script), no HTML, no scripts or styles: only passive formats.
ASSET_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".png": ("a PNG image", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("a JPEG image", (b"\xff\xd8\xff",)),
    ".jpeg": ("a JPEG image", (b"\xff\xd8\xff",)),
    ".gif": ("a GIF image", (b"GIF87a", b"GIF89a")),
    ".webp": ("a WebP image", (b"RIFF",)),
    ".avif": ("an AVIF image", (b"ftyp",)),  # at offset 4, see _looks_like
    ".pdf": ("a PDF document", (b"%PDF-",)),
}
#: What a pill's front-matter may name and have published beside its page (the original
#: recording is played when no web rendition is ready): audio/video, captions, chapters.
MEDIA_TYPES = VIDEO_EXTENSIONS + AUDIO_EXTENSIONS
TRACK_TYPES = (".vtt", ".srt")
#: Front-matter fields of a pill that name a file in its folder.
FILE_FIELDS = ("media", "captions", "chapters")
#: Data read by the build, never published.
DATA_FILES = ("people.yml", "tags.yml")

_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device"}

#: Link targets in Markdown and HTML: inline links and images `](x)`, reference definitions
#: `[id]: x`, and `src=` / `href=` attributes. Over-matching (a code example) only publishes
#: a file of an allowed type that exists anyway.
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_ATTRIBUTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass
class Scan:
    """The regular files of a docs folder, and every entry that is not one.

    Paths are relative to the docs folder, with '/'. `files` holds regular files, including
    links to regular files inside the folder; `refused` holds every entry with a problem
    (never read, never published); `folder_links` the links to folders, which must stop a
    build before MkDocs walks them."""

    docs_dir: Path
    files: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)
    folder_links: list[ContentError] = field(default_factory=list)
    problems: list[ContentError] = field(default_factory=list)

    def readable(self, path: Path) -> bool:
        """True for a regular file inside the docs folder (safe to open)."""
        try:
            relative = Path(os.path.abspath(path)).relative_to(self.docs_dir).as_posix()
        except ValueError:
            return False
        return relative in self.files


def scan(docs_dir: Path, display: Callable[[Path], str]) -> Scan:
    """Walk `docs_dir` once without following links; nothing is opened. `display` names a
    path in messages (relative to the project)."""
    docs_dir = Path(docs_dir).resolve()
    result = Scan(docs_dir)
    shown_docs = display(docs_dir)
    stack = [(str(docs_dir), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            result.problems.append(ContentError(
                display(Path(folder)), None, None,
                f"cannot be read ({exc.strerror or exc}); its files are not published",
                "check the folder's permissions", "warning"))
            continue
        for entry in entries:
            relative = prefix + entry.name
            try:
                if entry.is_symlink():
                    _link(result, Path(entry.path), relative, display, shown_docs)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, relative + "/"))
                elif entry.is_file(follow_symlinks=False):
                    result.files.add(relative)
                else:
                    kind = _KINDS.get(stat.S_IFMT(entry.stat(follow_symlinks=False).st_mode), "not a file")
                    _refuse(result, relative, ContentError(
                        display(Path(entry.path)), None, None, f"is {kind}, not a file",
                        "remove it: only regular files can be published"))
            except OSError as exc:  # vanished while walking, or unreadable
                _refuse(result, relative, ContentError(
                    display(Path(entry.path)), None, None, f"cannot be read ({exc.strerror or exc}); it is not published",
                    "check the file's permissions", "warning"))
    result.problems.sort(key=lambda e: e.path)
    result.folder_links.sort(key=lambda e: e.path)
    return result


def _link(result: Scan, path: Path, relative: str, display: Callable[[Path], str], shown_docs: str) -> None:
    """Sort one symbolic link: accepted only when it leads to a regular file inside the
    docs folder. The target is examined with stat(), never opened."""
    shown = display(path)
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        written = _readlink(path)
        _refuse(result, relative, ContentError(
            shown, None, None, f"is a link to '{written}', which does not exist; it is not published",
            "remove the link, or put the file itself here", "warning"))
        return
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, OSError) and exc.errno != errno.ELOOP:
            raise
        _refuse(result, relative, ContentError(
            shown, None, None, "is a link that leads back to itself (a loop); it is not published",
            "remove the link", "warning"))
        return
    inside = target.is_relative_to(result.docs_dir)
    mode = os.stat(target).st_mode
    if stat.S_ISDIR(mode):
        where = f"to the folder {display(target)}" if inside else f"outside {shown_docs}/"
        problem = ContentError(
            shown, None, None,
            f"is a link that points {where}" + ("; the build would copy that folder again, or endlessly "
                                                 "when the link leads back up" if inside else ""),
            f"move the folder into {display(path.parent)}/ instead of linking it" if not inside
            else "remove the link and keep each file in one place")
        result.folder_links.append(problem)
        _refuse(result, relative, problem)
    elif not inside:
        _refuse(result, relative, ContentError(
            shown, None, None, f"is a link that points outside {shown_docs}/",
            f"copy the file into {_home(relative, display(path.parent))} instead of linking it"))
    elif stat.S_ISREG(mode):
        result.files.add(relative)
    else:
        kind = _KINDS.get(stat.S_IFMT(mode), "not a file")
        _refuse(result, relative, ContentError(
            shown, None, None, f"is a link to {kind}, not to a file",
            "remove it: only regular files can be published"))


def _home(relative: str, parent: str) -> str:
    parts = relative.split("/")
    return "the pill's folder" if len(parts) == 3 and parts[0] == "pillole" else f"{parent}/"


def _refuse(result: Scan, relative: str, problem: ContentError) -> None:
    result.refused.add(relative)
    result.problems.append(problem)


def _readlink(path: Path) -> str:
    try:
        written = os.readlink(path)
    except OSError:
        return "?"
    return written if len(written) <= 80 else written[:77] + "..."


# --- what the pages account for ----------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A Markdown page read from the docs folder and the file names it gives: `fields`
    from front-matter (`media: clip.mp4`), `body` its text (links and images)."""

    src: str
    fields: tuple[str, ...] = ()
    body: str = ""


def front_matter_files(data: object) -> tuple[str, ...]:
    """The file names a pill's front-matter gives (valid or not: a file named by a pill with
    errors is reported with the pill, not as a stray file)."""
    if not isinstance(data, dict):
        return ()
    return tuple(str(data[key]).strip().replace("\\", "/") for key in FILE_FIELDS
                 if isinstance(data.get(key), (str, int, float)) and not isinstance(data.get(key), bool))


def body_targets(body: str) -> list[str]:
    """Every link or image target written in a Markdown body (or in its raw HTML): inline
    ones, then reference definitions, then HTML attributes (each looked for only when the
    text has the characters it needs: most texts have none of them)."""
    return [*(_INLINE.findall(body) if "](" in body else ()),
            *(_REFERENCE.findall(body) if "]:" in body else ()),
            *(_ATTRIBUTE.findall(body) if "<" in body else ())]


def resolve(page_src: str, target: str) -> str | None:
    """The docs-relative path a link on page `page_src` names, or None for a URL, an
    anchor, or a path leaving the docs folder."""
    target = target.strip().strip("<>").split("#", 1)[0].split("?", 1)[0]
    if not target or _SCHEME.match(target) or target.startswith(("/", "\\")):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), unquote(target)))
    if path == ".." or path.startswith("../"):
        return None
    return path


def _hidden(relative: str) -> bool:
    """What MkDocs itself never publishes (its default `exclude_docs`): dot files and folders,
    and the top-level `templates/` folder. Pillole does not warn about those."""
    return any(part.startswith(".") for part in relative.split("/")) or relative.startswith("templates/")


@dataclass
class Accounting:
    published: set[str]
    problems: list[ContentError]


def account(found: Scan, sources: Iterable[Source], config_files: Iterable[str],
            display: Callable[[Path], str], generated: Iterable[str] = ()) -> Accounting:
    """Which regular files are published, and a warning for each one that is not.

    `sources` are the Markdown pages the loader read (pills, paths, site pages); `config_files`
    the docs-relative files mkdocs.yml names; `generated` the pages Pillole makes itself (a
    file of the same name would be replaced)."""
    published: set[str] = set(f for f in config_files if f in found.files)
    reasons: dict[str, tuple[str, str]] = {}
    generated = set(generated)
    for source in sources:
        if source.src in generated:
            reasons[source.src] = ("is not published: the site makes this page itself",
                                   "rename the file")
            continue
        published.add(source.src)
        for name in source.fields:
            path = resolve(source.src, name) if name else None
            if path is None or path not in found.files:
                continue  # validation reports the field
            if path.lower().endswith(MEDIA_TYPES + TRACK_TYPES):
                published.add(path)
            else:
                reasons[path] = (f"is not published: '{posixpath.basename(path)}' is not an audio or video file",
                                 "name a recording (.mp4, .m4a, .mp3, .webm ...) in 'media:'")
        for target in body_targets(source.body):
            path = resolve(source.src, target)
            if path is None or path not in found.files or path in published:
                continue
            verdict = _asset_problem(found.docs_dir / path, path)
            if verdict is None:
                published.add(path)
            else:
                reasons.setdefault(path, verdict)
    problems = []
    for relative in sorted(found.files - published):
        if relative in DATA_FILES or _hidden(relative):
            continue
        message, hint = reasons.get(relative) or _stray(relative)
        problems.append(ContentError(display(found.docs_dir / relative), None, None, message, hint, "warning"))
    return Accounting(published, problems)


def _asset_problem(path: Path, relative: str) -> tuple[str, str] | None:
    """Why a file a page links to is not published, or None when it may be."""
    suffix = posixpath.splitext(relative)[1].lower()
    if suffix not in ASSET_TYPES:
        if suffix == ".md":
            return _stray(relative)
        return (f"is not published: a page links to it, but only images (PNG, JPEG, GIF, WebP, AVIF) "
                f"and PDF documents are",
                "convert it to one of those (an SVG or HTML file can run script on the site)")
    kind, starts = ASSET_TYPES[suffix]
    if not _looks_like(path, suffix, starts):
        return (f"is not published: it is named {suffix} but is not {kind}",
                "save it again from an image or PDF program, with the right extension")
    return None


def _looks_like(path: Path, suffix: str, starts: tuple[bytes, ...]) -> bool:
    """The file starts as its type says (read 16 bytes of a regular file, never more)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if suffix == ".avif":
        return head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")
    return head.startswith(starts)


def _stray(relative: str) -> tuple[str, str]:
    """The warning for a file no page accounts for, by kind."""
    suffix = posixpath.splitext(relative)[1].lower()
    if suffix == ".md":
        return ("is not published: only a pill's index.md, the learning paths in percorsi/ and the "
                "pages at the top of content/ become pages",
                "move the text into the pill's index.md, or make it a page at the top of content/")
    if suffix in ASSET_TYPES:
        return ("is not published: no page links to it",
                f"link it from the pill's text (e.g. ![description]({posixpath.basename(relative)})) or remove it")
    if suffix in (".vtt", ".srt"):  # e.g. the draft `pillole transcribe` wrote, being corrected
        return ("is not published: the pill's front-matter does not name it",
                f"when it is ready, add 'captions: {posixpath.basename(relative)}' (or 'chapters:') to the pill's index.md")
    if suffix in (".html", ".htm", ".svg", ".js", ".css", ".xml", ".xhtml"):
        return (f"is not published: {suffix} files can run script on the site",
                "put the text in index.md, and convert pictures to PNG or JPEG")
    return ("is not published: no page accounts for it",
            "remove it, or name it in the pill's front-matter (media, captions, chapters) or link it from the text")
