"""The text pre-checks: a Markdown body refused, before any Markdown runs, when rendering it
would take minutes or fail (too long, brackets left open, nesting deeper than Markdown can
follow, a declaration MkDocs' HTML reader stops on). Pills, learning paths and the site's
own pages all pass through `body_problems`.
"""

from __future__ import annotations

import bisect
import re

from markdown.htmlparser import htmlparser  # type: ignore[attr-defined]  # the copy MkDocs reads texts with

from ..model import ContentError

#: The longest text a page may have (about 15,000 words).
MAX_BODY = 100_000
#: How many characters Markdown may scan looking for the ends of brackets. Each '[', '(' of a
#: link or '<' is followed to its closing bracket, or to the end of its paragraph when there
#: is none: a few kilobytes of '[' take minutes. Ordinary text scans a few thousand.
MAX_BRACKET_SCAN = 1_000_000
#: Nesting that Markdown follows by recursion (and fails on, deep enough).
MAX_MARKERS = 20  # list or quote markers opening one line
MAX_INDENT = 100  # columns of indentation
MAX_EMPHASIS = 500  # '*' and '_' in one paragraph

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_MARKER = re.compile(r"[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))")
_BRACKET = re.compile(r"[\[\]()<>]")


def body_problems(body: str, path: str, first_line: int) -> list[ContentError]:
    """Refuse, before any Markdown runs, a text that would make it take minutes or fail:
    too long, brackets left open, nesting deeper than Markdown can follow. One error per
    kind of problem, on the line where it starts."""
    if len(body) > MAX_BODY:
        return [ContentError(path, first_line, None, f"the text is {len(body):,} characters long (at most {MAX_BODY:,})",
                             "split it into several pages, or put long material in a PDF linked from the text")]
    found: dict[str, ContentError] = {}
    scanned = 0
    worst: tuple[int, int] = (0, first_line)  # (scan cost, line) of the costliest paragraph
    for start, lines in _paragraphs(body):
        for offset, line in enumerate(lines):
            first = line[0]  # only a line that starts with a space or a marker can nest
            if first in ">-+*" or first.isspace() or first.isdecimal():
                _line_nesting(found, path, first_line + start + offset, line)
        text = "\n".join(lines)
        cost = bracket_scan(text) if _BRACKET.search(text) else 0
        scanned += cost
        worst = max(worst, (cost, first_line + start))
        emphasis = text.count("*") + text.count("_")
        if emphasis > MAX_EMPHASIS and "emphasis" not in found:
            found["emphasis"] = ContentError(
                path, first_line + start, None,
                f"this paragraph has {emphasis:,} '*' and '_' (at most {MAX_EMPHASIS})",
                "write \\* or \\_ for a character shown as text, or split the paragraph")
    stop = html_reader_stop(body) if "<![" in body else None
    if stop is not None:
        found["declaration"] = ContentError(path, first_line + stop - 1, None,
                                            "'<![' starts an HTML declaration that the site cannot read",
                                            "write a space after '<' (< ![), or &lt;![ outside code")
    if scanned > MAX_BRACKET_SCAN:
        found["brackets"] = ContentError(
            path, worst[1], None,
            "this paragraph opens brackets ('[', '(' of a link, '<') that it never closes: "
            "turning the text into a page would take minutes",
            "close each bracket, or write \\[ \\( \\< for a bracket shown as text")
    return sorted(found.values(), key=lambda e: e.line or 0)


def html_reader_stop(text: str) -> int | None:
    """The line (1-based) where the HTML parser MkDocs reads a page's whole text with (to find
    the ids links may point to) stops with an error, or None. Where Python's `html.parser`
    lacks a later fix (3.11.7 does; Debian 12's patched 3.11.2 does not), it stops with a
    traceback at `<![` followed by anything but the few keywords of SGML's marked sections
    (`<![x]`, `<![ `); so a text is refused only where it would stop the build."""
    parser = htmlparser.HTMLParser()
    try:
        parser.feed(text)
        parser.close()
    except AssertionError:
        return parser.getpos()[0]
    return None


def _paragraphs(body: str) -> list[tuple[int, list[str]]]:
    """(0-based first line, lines) of each block between blank lines, fenced code left out
    (Markdown does not read inside it). A fence counts only when it is closed by the same
    fence, as Python-Markdown's fenced_code requires: an unclosed one is read as text."""
    lines = body.split("\n")
    closers: dict[str, list[int]] = {}  # a bare fence line -> where it occurs (in order)
    for index, line in enumerate(lines if "```" in body or "~~~" in body else ()):
        match = _FENCE.match(line)
        if match and line.rstrip(" ") == match.group(1):
            closers.setdefault(match.group(1), []).append(index)
    fenced: set[int] = set()
    index = 0
    while closers and index < len(lines):
        match = _FENCE.match(lines[index])
        candidates = closers.get(match.group(1), []) if match else []
        after = bisect.bisect_right(candidates, index)
        if after == len(candidates):
            index += 1
            continue
        close = candidates[after]
        fenced.update(range(index, close + 1))
        index = close + 1
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for index, line in enumerate(lines):
        if index in fenced or not line.strip():
            if current:
                blocks.append((start, current))
            current = []
            continue
        if not current:
            start = index
        current.append(line)
    if current:
        blocks.append((start, current))
    return blocks


def _line_nesting(found: dict[str, ContentError], path: str, line_no: int, line: str) -> None:
    if "indent" not in found:
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        if indent > MAX_INDENT:
            found["indent"] = ContentError(path, line_no, None, f"the line is indented by {indent} spaces (at most {MAX_INDENT})",
                                           "use fewer levels of lists or quotes")
    if "markers" not in found:
        count, pos = 0, 0
        while count <= MAX_MARKERS and (match := _MARKER.match(line, pos)) and match.end() > pos:
            count, pos = count + 1, match.end()
        if count > MAX_MARKERS:
            found["markers"] = ContentError(path, line_no, None,
                                            f"the line opens more than {MAX_MARKERS} lists or quotes inside each other",
                                            "use fewer levels of lists or quotes")


def bracket_scan(text: str) -> int:
    """How many characters Markdown's link and HTML patterns scan in one paragraph: each
    '[' to its ']', each '(' after ']' to its ')', each '<' to the next '>', or to the end of
    the paragraph when never closed. Escaped brackets (\\[) are left out."""
    cost = 0
    squares: list[int] = []
    parens: list[int] = []
    angles: list[int] = []
    for match in _BRACKET.finditer(text):
        char, pos = match.group(), match.start()
        if pos and text[pos - 1] == "\\":
            continue
        if char == "[":
            squares.append(pos)
        elif char == "]":
            if squares:
                cost += pos - squares.pop()
        elif char == "(":
            if pos and text[pos - 1] == "]":
                parens.append(pos)
        elif char == ")":
            if parens:
                cost += pos - parens.pop()
        elif char == "<":
            angles.append(pos)
        elif angles:  # '>'
            cost += sum(pos - start for start in angles)
            angles.clear()
    end = len(text)
    return cost + sum(end - start for start in (*squares, *parens, *angles))
