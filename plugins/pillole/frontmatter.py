"""YAML reading that keeps line numbers, so every error can point at the line to fix.

MkDocs turns broken front-matter into empty metadata without a word; Pillole parses the
front-matter itself and reports YAML errors, duplicate keys and impossible dates with the
line they are on. Every loaded mapping comes with a table "dotted path -> line".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

import yaml

from .model import ContentError

T = TypeVar("T")


class InvalidDate(str):
    """A value written like a date that is no date (2026-02-30): kept as text so that
    validation reports it on its own field instead of failing the whole file."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml when built), with impossible dates kept as InvalidDate."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return InvalidDate(self.construct_scalar(node))

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        """PyYAML's constructors raise bare ValueError, KeyError ... on values that do not
        fit their tag (`!!int abc`, `!!bool maybe`, a 5000-digit number): turn them into a
        YAML error on the node's line, so the mentor gets a message instead of a traceback."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, IndexError, AttributeError, TypeError, OverflowError):
            kind = _TAG_KINDS.get(node.tag.rsplit(":", 1)[-1], "this kind of value")
            value = node.value if isinstance(node.value, str) else ""
            shown = value if len(value) <= 20 else value[:20] + "..."
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read '{shown}' as {kind}", node.start_mark) from None


#: What an explicit or implicit YAML tag asks a value to be, in a mentor's words.
_TAG_KINDS = {"int": "a whole number", "float": "a number", "bool": "yes/no", "timestamp": "a date",
              "binary": "base64 data"}

_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

class YamlProblem(Exception):
    """A YAML document that cannot be read; `line` is 1-based in the whole file."""

    def __init__(self, line: int | None, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


@dataclass
class Document:
    """A parsed YAML value with the line of every key and list item (1-based)."""

    data: Any
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, path: str, default: int | None = None) -> int | None:
        """The line of `path`, else of its closest parent ('quiz[0].answers' -> 'quiz[0]')."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return default


@dataclass
class MarkdownSource:
    """A Markdown file split into its front-matter document and body."""

    front: Document
    body: str
    body_line: int  # 1-based line where the body starts
    has_front_matter: bool


def _collect_lines(node: yaml.Node, path: str, offset: int, out: dict[str, int],
                   visited: set[int] | None = None) -> None:
    """Record the line of every key and item, and reject duplicate keys (YAML keeps the last).

    An alias shares its anchor's node: each node is walked once, so `&a [*a]` does not
    loop and nested aliases (a "billion laughs" file) do not take exponential time."""
    visited = set() if visited is None else visited
    if id(node) in visited:
        return
    visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                raise YamlProblem(
                    line,
                    f"'{key}' is written twice (first on line {seen[key]})",
                    "keep only one of them",
                )
            seen[key] = line
            child = f"{path}.{key}" if path else key
            out[child] = line
            _collect_lines(value_node, child, offset, out, visited)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = f"{path}[{index}]"
            out[child] = item.start_mark.line + 1 + offset
            _collect_lines(item, child, offset, out, visited)


def parse_yaml(text: str, offset: int = 0) -> Document:
    """Parse one YAML document; `offset` is how many lines precede it in its file."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(None)
        lines: dict[str, int] = {}
        _collect_lines(node, "", offset, lines)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlProblem(
            line,
            f"invalid YAML: {problem}",
            "check the indentation, and put values with ':' or '#' in quotes",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(offset + 1, f"invalid YAML: {exc}") from None
    except RecursionError:  # libyaml caps nesting itself; PyYAML's pure-Python parser does not
        raise YamlProblem(offset + 1, "invalid YAML: the values are nested too deeply",
                          "write fewer levels of indentation") from None
    finally:
        loader.dispose()
    return Document(data, lines)


def split_markdown(text: str) -> MarkdownSource:
    """Split `---` front-matter from the body, the way MkDocs does, but loudly.

    Raises YamlProblem when the front-matter is not closed or is not valid YAML.
    """
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return MarkdownSource(Document({}), text, 1, has_front_matter=False)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front_text = "\n".join(lines[1:index])
            document = parse_yaml(front_text, offset=1)
            body = "\n".join(lines[index + 1 :])
            return MarkdownSource(document, body, index + 2, has_front_matter=True)
    raise YamlProblem(
        1,
        "the front-matter that starts on line 1 is never closed",
        "add a line with only '---' after the last field",
    )


def read_markdown(path: Path, shown: str) -> tuple[MarkdownSource | None, ContentError | None]:
    """A Markdown file with front-matter, or None and the ContentError a mentor reads."""
    return _read(path, shown, split_markdown)


def read_yaml_file(path: Path, shown: str) -> tuple[Document | None, ContentError | None]:
    """A YAML registry, or None and the ContentError a mentor reads."""
    return _read(path, shown, parse_yaml)


def _read(path: Path, shown: str, parse: Callable[[str], T]) -> tuple[T | None, ContentError | None]:
    """Read UTF-8 text and parse it; invalid YAML (with its line) and non-UTF-8 text become
    a ContentError naming the file as `shown`."""
    try:
        return parse(path.read_text(encoding="utf-8")), None
    except YamlProblem as problem:
        return None, ContentError(shown, problem.line, None, problem.message, problem.hint)
    except UnicodeDecodeError:
        return None, ContentError(shown, None, None, "is not UTF-8 text", "save the file as UTF-8")
