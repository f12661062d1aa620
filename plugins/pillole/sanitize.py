"""The HTML of every Markdown text, cleaned before it reaches a learner's browser.

Pills, learning paths and the site's own pages are written by many people, and Markdown
passes raw HTML through: a `<script>`, an `<img onerror=...>`, a `javascript:` link, an
`attr_list` attribute such as `{: onclick=... }`, a `<base href>` or a `<meta http-equiv>`
would run on the company's intranet origin. So the HTML that Markdown makes is cleaned with
nh3 (the Ammonia sanitizer) and an allowlist covering what Markdown, its usual extensions
(admonitions, tables, code, toc permalinks, attr_list classes and ids, details, tabs, task
lists, emoji) and the theme produce. Images must be files of the site: a remote image would
make the page request another host. Classes and ids the site's layout and scripts use
(`md-...`, `pillole-...`, the ids their scripts look up) are kept out of the text's reach.

`clean()` is what the build applies; `refusals()` names what cleaning removes, and
`warnings()` finds the line of the Markdown text each one comes from, so that `pillole check`
and the build report every removed construct where the author wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import nh3

from .model import ContentError, ContentPage

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul", "var", "wbr",
    "svg", "path", "g",  # emoji and icons drawn inline (Material's emoji extension)
})
#: Removed together with their content (text inside them is code or a hidden document).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "noscript", "template", "textarea", "title",
                                  "xmp", "noembed", "noframes"})
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "style", "align", "scope"},  # Markdown tables align with style=
    "td": {"colspan", "rowspan", "style", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "input": {"checked", "disabled", "name"},  # task lists and tabs (pymdownx)
    "label": {"for"},
    "svg": {"viewBox", "xmlns", "width", "height", "fill", "aria-hidden", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
    "g": {"fill"},
}
ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}, "input": {"type": {"checkbox", "radio"}}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Classes of the theme the text may use (buttons); every other `md-` class is the layout's.
THEME_CLASSES = frozenset({"md-button", "md-button--primary"})
#: Ids the theme's controls (drawer, search, table of contents ...) and Pillole's scripts look
#: up: an element of the text with one of them would take their place.
RESERVED_IDS = frozenset({"__drawer", "__search", "__toc", "__consent", "pillole-search-page"})
_TABS_NAME = re.compile(r"^__tabbed_\d+$")
_SCHEME = re.compile(r"^[\s\x00-\x1f]*[A-Za-z][A-Za-z0-9+.\-]*:")


def _reserved_class(name: str) -> bool:
    return name.startswith("pillole") or (name.startswith("md-") and name not in THEME_CLASSES)


def _reserved_id(value: str) -> bool:
    return value in RESERVED_IDS or value.startswith("__palette")


def _local(url: str) -> bool:
    """A path inside the site: no scheme, no host, not from the server's root."""
    url = url.strip()
    return bool(url) and not _SCHEME.match(url) and not url.startswith(("/", "\\"))


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Values nh3 cannot judge alone: where an image comes from, classes and ids the site's
    layout and scripts use, the names of tab groups."""
    if name == "src":
        return value if _local(value) else None
    if name == "class":
        kept = [part for part in value.split() if not _reserved_class(part)]
        return " ".join(kept) or None
    if name in ("id", "for"):
        return None if _reserved_id(value) else value
    if name == "name":
        return value if _TABS_NAME.match(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    attribute_filter=_attribute, tag_attribute_values=ATTRIBUTE_VALUES, url_schemes=set(URL_SCHEMES),
    filter_style_properties={"text-align"}, strip_comments=True,
)


def clean(html: str) -> str:
    """The HTML of a Markdown text with everything outside the allowlist removed."""
    return _CLEANER.clean(html)


# --- what cleaning removes, and where the author wrote it --------------------------------


@dataclass(frozen=True)
class Refusal:
    """One construct cleaning removes: what to tell the author, and what to look for in the
    Markdown text to find the line (`needle`, a regular expression)."""

    needle: str
    message: str
    hint: str


class _Elements(HTMLParser):
    """Start tags in document order, with the tags they sit in (for tables and SVG)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]], tuple[str, ...]]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs, tuple(self.open)))
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs, tuple(self.open)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
#: What an element needs around it to be parsed as itself (a lone <td> is dropped by HTML).
_CONTEXT = {"td": ("table", "tbody", "tr"), "th": ("table", "tbody", "tr"), "tr": ("table", "tbody"),
            "thead": ("table",), "tbody": ("table",), "tfoot": ("table",), "caption": ("table",),
            "colgroup": ("table",), "col": ("table", "colgroup"), "path": ("svg",), "g": ("svg",),
            "li": ("ul",), "dt": ("dl",), "dd": ("dl",), "summary": ("details",)}
_WHY_TAG = {
    "script": "pages cannot run scripts", "iframe": "pages cannot show other pages inside them",
    "object": "pages cannot embed other content", "embed": "pages cannot embed other content",
    "base": "it would send every link of the page elsewhere", "meta": "it could send the reader elsewhere",
    "form": "pages cannot send data", "style": "the site's theme sets the look",
    "link": "pages cannot load other files",
}


def refusals(html: str) -> list[Refusal]:
    """Every element and attribute of `html` that `clean()` removes, in document order.

    Each start tag is cleaned on its own (inside what it needs to stay itself, such as a
    table around a cell): whatever does not survive is what cleaning removes."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    out: list[Refusal] = []
    for tag, attrs, parents in parser.found:
        if tag not in TAGS or (tag in ("path", "g") and "svg" not in parents):
            why = _WHY_TAG.get(tag, "only the HTML that Markdown makes is kept")
            out.append(Refusal(rf"<\s*{re.escape(tag)}\b", f"<{tag}> was removed: {why}", "write the text in Markdown"))
            continue
        kept = _cleaned_attributes(tag, attrs)
        for name, value in attrs:
            value = value or ""
            if name in kept and _declarations(kept[name]) == _declarations(value) if name == "style" \
                    else name in kept and (name != "class" or kept[name] == value):
                continue
            out.append(_attribute_refusal(tag, name, value, kept.get(name)))
    return out


def _declarations(style: str) -> set[str]:
    """'text-align: left;' and 'text-align:left' alike (cleaning rewrites styles)."""
    return {re.sub(r"\s+", "", part) for part in style.split(";") if part.strip()}


def _cleaned_attributes(tag: str, attrs: list[tuple[str, str | None]]) -> dict[str, str]:
    """The attributes of one start tag that survive cleaning."""
    around = _CONTEXT.get(tag, ())
    written = "".join(f' {name}="{_quote(value or "")}"' for name, value in attrs)
    snippet = "".join(f"<{t}>" for t in around) + f"<{tag}{written}>" + "".join(f"</{t}>" for t in reversed(around))
    parser = _Elements()
    parser.feed(clean(snippet))
    parser.close()
    for found, found_attrs, _ in parser.found:
        if found == tag:
            return {name: value or "" for name, value in found_attrs}
    return {}


def _quote(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _attribute_refusal(tag: str, name: str, value: str, kept: str | None) -> Refusal:
    shown = value if len(value) <= 60 else value[:57] + "..."
    if name.startswith("on"):
        return Refusal(rf"\b{re.escape(name)}\s*=", f"the attribute {name} on <{tag}> was removed: pages cannot run scripts",
                       "remove it")
    if name == "src" and tag == "img":
        return Refusal(re.escape(value[:40]) if value else r"\bsrc\s*=",
                       f"the image '{shown}' was removed: images must be files of the site "
                       "(a page makes no requests to other sites)",
                       "save the image in the pill's folder and write ![description](name.png)")
    if name == "href":
        return Refusal(re.escape(value[:40]) if value else r"\bhref\s*=",
                       f"the link to '{shown}' was removed: links may lead to web pages (http, https), "
                       "e-mail addresses (mailto), phone numbers (tel) or pages of the site",
                       "link a web address or a page of the site")
    if name == "class":
        dropped = sorted(set(value.split()) - set((kept or "").split()))
        return Refusal(re.escape(dropped[0]) if dropped else r"\.",
                       f"the class {', '.join(dropped)} on <{tag}> was removed: it belongs to the site's layout",
                       "use another class name")
    if name in ("id", "for"):
        return Refusal(re.escape(value), f"the id '{shown}' on <{tag}> was removed: the site's layout uses it",
                       "choose another id")
    if name == "style":
        return Refusal(r"\bstyle\s*=", f"the style on <{tag}> was removed: the site's theme sets the look",
                       "use Markdown for emphasis, and leave colours and sizes to the theme")
    return Refusal(rf"\b{re.escape(name)}\b", f"the attribute {name} on <{tag}> was removed: it is not allowed in the text",
                   "remove it")


#: Markdown that may carry something `clean()` removes: raw HTML, attr_list braces, an image
#: from a URL or the server's root, a link with a scheme other than the allowed ones, a
#: reference definition (it may serve an image). A text with none of these is cleaned, but
#: never needs to be rendered to look for them: most texts have only plain web links. Each
#: pattern starts with its own characters and is searched only in texts that hold them: the
#: regular expression engine then skips to them, where one pattern of five alternatives
#: tried every position of the text (issue 17: a tenth of a millisecond per long text).
_RISKY = (
    ("<", re.compile(r"<[A-Za-z!/?]")),
    ("{", re.compile(r"\{[:#.]?[^}\n]*\}")),
    ("![", re.compile(r"!\[[^\]\n]*\]\(\s*<?(?:[A-Za-z][\w+.-]*:|[/\\])")),
    ("](", re.compile(r"\]\(\s*<?(?!(?:https?|mailto|tel):)[A-Za-z][\w+.-]*:")),
    ("]:", re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:", re.MULTILINE)),
)


def may_refuse(markdown: str) -> bool:
    """Cheap test: could rendering this text produce anything `clean()` removes?"""
    return any(mark in markdown and pattern.search(markdown) for mark, pattern in _RISKY)


_CODE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?^[ ]{0,3}\1[ \t]*$|`+[^`\n]*`+", re.MULTILINE | re.DOTALL)


def warnings(page: ContentPage, html: str) -> list[ContentError]:
    """One warning per construct `clean()` removes from `html` (the rendering of `page`),
    on the line of the page's Markdown where it is written: the first place after the
    previous one of the same kind, code left out, where the construct's text appears."""
    found = refusals(html)
    if not found:
        return []
    text = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), page.body)
    cursor: dict[str, int] = {}
    out = []
    for refusal in found:
        match = re.compile(refusal.needle, re.IGNORECASE).search(text, cursor.get(refusal.needle, 0))
        line = None
        if match:
            cursor[refusal.needle] = match.end()
            line = page.body_line + text.count("\n", 0, match.start())
        out.append(ContentError(page.shown, line, None, refusal.message, refusal.hint, "warning"))
    return out


#: The characters `clean()` may change in a text without markup (what the HTML parser reads
#: or writes differently): a title with none of them is its own cleaning (checked against
#: `clean()` on random texts: tests/unit/test_untrusted_policy.py).
_CLEANING_CHANGES = re.compile("[&<>\x00\r\u00a0\ufeff\ud800-\udfff]")


def toc_entry(anchor_id: str, title: str) -> tuple[str, str]:
    """A table-of-contents entry as the theme prints it, unescaped: the id inside
    `href="#..."` (of the sidebar and of the 'skip to content' link), the title as HTML.
    An attr_list id such as `a" onfocus="..."` would break out of the attribute. Most titles
    are plain words, which cleaning leaves as they are (nine calls in ten at 1,000 pills)."""
    return escape(anchor_id, quote=True), clean(title) if _CLEANING_CHANGES.search(title) else title


def clean_page(page: ContentPage, html: str) -> tuple[str, list[ContentError]]:
    """The build's step for one page: its cleaned HTML, and a warning per construct removed."""
    removed = sorted(warnings(page, html), key=lambda e: e.line or 0) if may_refuse(page.body) else []
    return clean(html), removed
