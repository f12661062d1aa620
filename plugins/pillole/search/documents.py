"""The search documents: every pill as the index sees it, built from the site model and the
HTML each pill's text rendered to.

The text is read from the rendered HTML, tag by tag, so that whatever Markdown
extensions a site enables (admonitions, tables, attr_list), only the words a learner reads
reach the index; code blocks are left out (not what a learner searches for).
"""

from __future__ import annotations

from collections.abc import Sequence
import re
from html import unescape
from pathlib import Path

from ..media.captions import CaptionError, parse_captions, plain_text, read_track
from ..media.captions import Cue as Caption
from ..model import Pill
from ..sitemodel import SiteData
from .builder import Cue, SearchDocument

#: Elements whose text is not part of what the learner reads in the pill.
_SKIPPED = frozenset({"pre", "script", "style", "template"})
#: Elements after which words must not run together.
_BREAKS = frozenset({"p", "li", "td", "th", "br", "h1", "h2", "h3", "h4", "h5", "h6", "div", "dt", "dd",
                     "blockquote", "tr", "section", "details", "summary", "figcaption"})


#: Elements whose content is raw text, not markup (an HTML parser reads them so too).
_RAW_TEXT = frozenset({"script", "style"})
#: A tag (its name; quoted attribute values may hold ">"), a comment, or a declaration.
_MARKUP = re.compile(r"""<(/?)([a-zA-Z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<!--.*?-->|<![^>]*>""", re.S)


def html_text(html: str) -> str:
    """The words of an HTML fragment, as a learner reads them.

    The fragments are the cleaned HTML of Markdown (sanitize.py): a scan of its tags reads
    them as an HTML parser would, in a third of the time (issue 17: at 10,000 pills the
    parser was 5 s of the build). Script and style hold raw text up to their end tag."""
    parts: list[str] = []
    skipping = 0
    at = 0
    lowered: str | None = None
    while (tag := _MARKUP.search(html, at)) is not None:
        if not skipping:
            parts.append(html[at:tag.start()])
        at = tag.end()
        name = tag.group(2)
        if name is None:
            continue  # a comment or a declaration
        name = name.lower()
        if name in _RAW_TEXT and not tag.group(1):
            lowered = lowered or html.lower()
            end = lowered.find(f"</{name}", at)
            at = len(html) if end < 0 else end
            skipping += 1
        elif name in _SKIPPED:
            skipping = max(0, skipping - 1) if tag.group(1) else skipping + 1
        elif name in _BREAKS and not skipping:
            parts.append(" ")
    if not skipping:
        parts.append(html[at:])
    return " ".join(unescape("".join(parts)).split())


def _cues(site: SiteData, pill: Pill, docs_dir: Path) -> tuple[Cue, ...]:
    """The published (trimmed, clipped) captions when media ran, else the author's file."""
    result = site.media.results.get(pill.slug)
    cues: Sequence[Caption]
    if result is not None and result.cues:
        cues = result.cues
    elif pill.captions and not pill.parent:  # a clip's captions come from its media result
        path = docs_dir / pill.folder / pill.captions
        try:
            cues = parse_captions(read_track(path), pill.captions)
        except (OSError, CaptionError):
            return ()  # validation reports broken captions; search just goes without them
    else:
        return ()
    return tuple(Cue(start=cue.start, text=text) for cue in cues if (text := plain_text(cue.text)))


def search_documents(site: SiteData, urls: dict[str, str], docs_dir: Path) -> list[SearchDocument]:
    """Every pill, newest first (ties in rank favour new pills), `urls` giving its page's URL
    by slug; without its text, whose terms were made with its page (`build_index(terms=...)`)."""
    return [search_document(site, pill, "", urls.get(pill.slug, pill.url), docs_dir) for pill in site.browse.by_date]


def search_document(site: SiteData, pill: Pill, text: str, url: str, docs_dir: Path) -> SearchDocument:
    """One pill as the index sees it; `text`: its rendered text (see `html_text`)."""
    catalog = site.catalog
    settings = catalog.settings
    tags = [catalog.tags[t] for t in pill.tags if t in catalog.tags]
    mentors = [site.name_of(m) for m in pill.mentors]
    summary = site.summary(pill)
    return SearchDocument(
        id=pill.slug,
        url=url,
        title=pill.title,
        summary=pill.summary,
        tags=tuple(word for tag in tags for word in (tag.label, *tag.aliases)),
        people=(*mentors, *(site.name_of(a) for a in pill.audience)),
        body=text,
        cues=_cues(site, pill, docs_dir),
        facets={
            "area": [settings.areas.get(pill.area, pill.area)],
            "technique": [settings.techniques.get(pill.technique, pill.technique)],
            "level": [settings.levels.get(pill.level, pill.level)],
            "tag": [tag.label for tag in tags],
            "mentor": mentors,
        },
        kind=site.kind(pill),
        duration=summary.duration if summary else None,
    )
