"""Random YAML and random values thrown at loading and validation (hypothesis).

Content comes from many contributors, some of whom have never seen YAML: whatever they
write, Pillole must answer with ContentErrors (or accept it), never with a traceback.
Each property runs a few hundred examples; the crashes they found are pinned below as
plain regression tests.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import stat
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pillole.content import load_catalog
from pillole.frontmatter import Document, YamlProblem, parse_yaml, split_markdown
from pillole.model import Catalog, ContentError, ContentPage, Person, Pill, Settings, Tag, Team
from pillole.paths import path_from
from pillole.validate import (CONTROL, PILL_KEYS, PillContext, Reporter, body_problems, clips_from, people_from,
                              pill_from, tags_from)
from support import PNG

FUZZ = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

#: Bits of YAML syntax that random text rarely hits by chance: explicit tags, anchors and
#: aliases, flow collections, block indicators, quotes, dates, huge numbers.
FRAGMENTS = [
    "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!str ", "!!binary ", "!!set ", "!!omap ",
    "!!null ", "!!python/object:os.system ", "&a ", "*a", "<<: ", "? ", ": ", "- ", "[", "]", "{",
    "}", ",", "'", '"', "\\x00", "\\ud800", "|", ">", "#", "%YAML 1.1\n", "---\n", "...\n", "\n",
    "\n  ", "\t", "2026-02-30", "2026-13-01", "1:75", "00:00:04", "9" * 5000, "1e999", ".nan",
    "<script>window.__pwned=1</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
    "{{ jinja }}", "ü€😀", "\u202e", "yes", "no", "~", "null", "title", "media", "tags", "quiz",
    "answers", "correct", "chapters", "at", "trim", "start", "end", "clips", "slug", "mentor",
]
KEYS = list(PILL_KEYS) + ["hide", "id", "name", "team", "label", "aliases", "people", "teams"]

yaml_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-10**6, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes(),
    st.text(max_size=30), st.sampled_from(FRAGMENTS),
    st.sampled_from(["../x.mp4", "/etc/passwd", "C:\\v.mp4", "\\\\srv\\x.mp4", "https://x/v.mp4",
                     "a\x00b.mp4", ".", "", " ", "index.md", "giulia-rossi", "cloud", "tecnologia",
                     "00:10", "90", "x" * 300]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8), st.integers()), children, max_size=5),
    ),
    max_leaves=20,
)
front_matter = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), values, max_size=10)


def registry_catalog() -> Catalog:
    catalog = Catalog(Settings())
    catalog.people = {"giulia-rossi": Person("giulia-rossi", "Giulia Rossi", team="vendite")}
    catalog.teams = {"vendite": Team("vendite", "Vendite")}
    catalog.tags = {"cloud": Tag("cloud", "Cloud", aliases=("nuvola",))}
    return catalog


def validate_front(doc: Document, folder: Path) -> list[ContentError]:
    """Everything the loader does with one pill's front-matter."""
    catalog = registry_catalog()
    ctx = PillContext(catalog, folder, catalog.tag_index())
    pill, errors = pill_from(doc, "body", "p/index.md", folder.name, "pillole/x/index.md", ctx)
    assert all(isinstance(e, ContentError) for e in errors)
    if pill is not None:
        assert isinstance(pill, Pill)
        clips, clip_errors = clips_from(pill, doc, "p/index.md", ctx)
        assert all(isinstance(e, ContentError) for e in clip_errors)
        errors += clip_errors
    for error in errors:
        str(error)  # every message can be printed
    return errors


@pytest.fixture(scope="module")
def pill_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pillole") / "calendario"
    folder.mkdir()
    (folder / "index.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (folder / "c.mp4").write_bytes(b"\0")  # binary, as a recording is (text is refused)
    (folder / "c.vtt").write_text("WEBVTT\n", encoding="utf-8")
    return folder


@FUZZ
@given(text=yaml_text)
def test_random_yaml_front_matter_is_an_error_or_a_pill(text: str, pill_folder: Path) -> None:
    try:
        source = split_markdown(f"---\n{text}\n---\nCorpo\n")
    except YamlProblem as problem:
        assert problem.line is None or problem.line >= 1
        assert problem.message
        return
    validate_front(source.front, pill_folder)


@FUZZ
@given(text=yaml_text)
def test_random_yaml_registries_are_errors_or_entries(text: str) -> None:
    try:
        doc = parse_yaml(text)
    except YamlProblem:
        return
    people, teams, errors = people_from(doc, "people.yml")
    tags, tag_errors = tags_from(doc, "tags.yml")
    assert all(isinstance(e, ContentError) for e in errors + tag_errors)
    assert all(isinstance(p, Person) for p in people.values())
    assert all(isinstance(t, Tag) for t in tags.values())


@FUZZ
@given(data=front_matter)
def test_random_values_in_front_matter_are_errors_or_a_pill(data: dict, pill_folder: Path) -> None:
    validate_front(Document(data), pill_folder)


PATHLIKE = st.lists(st.sampled_from(["..", ".", "/", "\\", "c.mp4", "c.vtt", "C:", "~", "%2e%2e", "\x00",
                                     "file:", "//", "index.md", "link"]), max_size=6).map("".join)


@FUZZ
@given(fld=st.sampled_from(["media", "captions", "chapters"]), name=st.one_of(st.text(), PATHLIKE))
def test_random_file_names_never_reach_outside_the_pill_folder(fld: str, name: str, pill_folder: Path) -> None:
    doc = Document({"title": "T", "summary": "S", "mentor": "giulia-rossi", "tags": ["cloud"],
                    "area": "tecnologia", "media": "c.mp4", "captions": "c.vtt", fld: name})
    errors = validate_front(doc, pill_folder)
    written = CONTROL.sub("", name).strip()  # control characters are left out, with a warning
    if written and not any(e.field == fld and e.is_error for e in errors):  # blank: no file
        target = (pill_folder / written.replace("\\", "/")).resolve()
        assert target.parent == pill_folder.resolve() and target.is_file(), name


@FUZZ
@given(data=values)
def test_random_values_as_registries_are_errors_or_entries(data: object) -> None:
    for doc in (Document(data), Document({"people": data, "teams": data}), Document([data])):
        errors = people_from(doc, "people.yml")[2] + tags_from(doc, "tags.yml")[1]
        assert all(isinstance(e, ContentError) for e in errors)


PATH_KEYS_FUZZ = ["title", "description", "audience", "steps", "prerequisites", "badge", "pass_mark",
                  "section", "name", "icon"]
path_front = st.dictionaries(st.one_of(st.sampled_from(PATH_KEYS_FUZZ), st.text(max_size=8)), values, max_size=8)


@FUZZ
@given(data=path_front)
def test_random_values_in_a_learning_path_are_errors_or_a_path(data: dict, pill_folder: Path) -> None:
    catalog = registry_catalog()
    catalog.pills = {"calendario": Pill("calendario", "pillole/calendario/index.md", "T", "S", ("giulia-rossi",),
                                        ("cloud",), "tecnologia")}
    rep = Reporter("percorsi/p.md", Document(data))
    path = path_from(rep, "percorso", "percorsi/percorso.md", "", catalog, pill_folder.parent)
    assert all(isinstance(e, ContentError) for e in rep.errors)
    assert path is None or path.steps


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(pill=yaml_text, people=yaml_text, tags=yaml_text, path=yaml_text)
def test_random_files_in_a_content_folder_load_to_errors(tmp_path: Path, pill: str, people: str, tags: str,
                                                         path: str) -> None:
    docs = tmp_path / "content"
    folder = docs / "pillole" / "calendario"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(f"---\n{pill}\n---\nCorpo\n", encoding="utf-8", errors="surrogatepass")
    (docs / "people.yml").write_text(people, encoding="utf-8", errors="surrogatepass")
    (docs / "tags.yml").write_text(tags, encoding="utf-8", errors="surrogatepass")
    (docs / "percorsi").mkdir(exist_ok=True)
    (docs / "percorsi" / "percorso.md").write_text(f"---\n{path}\n---\n", encoding="utf-8", errors="surrogatepass")
    catalog = load_catalog(docs, root=tmp_path)
    assert all(isinstance(e, ContentError) for e in catalog.errors)


# --- the crashes the properties found, pinned ------------------------------------------


@pytest.mark.parametrize("text, message", [
    ("title: " + "9" * 5000, "invalid YAML: cannot read '9999"),
    ("title: !!float abc", "invalid YAML: cannot read 'abc' as a number"),
    ("title: !!int abc", "invalid YAML: cannot read 'abc' as a whole number"),
    ("title: !!bool abc", "invalid YAML: cannot read 'abc' as yes/no"),
    ("title: !!timestamp abc", "invalid YAML: cannot read 'abc' as a date"),
])
def test_explicit_tags_that_do_not_fit_their_value_are_yaml_errors(text: str, message: str) -> None:
    with pytest.raises(YamlProblem) as info:
        split_markdown(f"---\nsummary: s\n{text}\n---\n")
    assert info.value.message.startswith(message)
    assert info.value.line == 3


def test_an_alias_inside_itself_is_not_an_endless_loop(pill_folder: Path) -> None:
    source = split_markdown("---\ntitle: &t [*t]\ntags: &x {a: *x}\n---\n")
    errors = validate_front(source.front, pill_folder)
    assert "title: must be text, not a list" in [f"{e.field}: {e.message}" for e in errors]


def test_alias_bombs_are_read_quickly_and_reported_briefly(pill_folder: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    lines += ["date: *a8", "trim: {start: *a8}", "media: c.mp4",
              "quiz: [{question: Q, answers: [{text: a, correct: *a8}, {text: b}]}]"]
    started = time.monotonic()
    source = split_markdown("---\n" + "\n".join(lines) + "\n---\n")
    errors = validate_front(source.front, pill_folder)
    assert time.monotonic() - started < 5
    found = {e.field: e.message for e in errors}
    assert found["date"] == "must be a date, not a list"
    assert found["trim.start"] == "must be a time, not a list"
    assert found["quiz[0].answers[0].correct"] == "must be true or false, not a list"
    assert max(len(str(e)) for e in errors) < 300


@pytest.mark.parametrize("name, message", [
    ("a\x00b.mp4", "'ab.mp4' does not exist in the pill's folder"),  # after a warning: NUL left out
    ("x" * 5000, "is 5,000 characters long (at most 2,000)"),
])
def test_file_names_the_system_refuses_are_content_errors(name: str, message: str, pill_folder: Path) -> None:
    errors = validate_front(Document({"title": "T", "summary": "S", "mentor": "giulia-rossi", "tags": ["cloud"],
                                      "area": "tecnologia", "media": name, "captions": "c.vtt"}), pill_folder)
    assert [(e.field, e.message) for e in errors if e.is_error] == [("media", message)]


def test_deep_block_nesting_is_a_yaml_error() -> None:
    text = "".join(f"{' ' * i}k:\n" for i in range(3000))
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    assert "nest" in info.value.message


def test_not_a_number_and_infinite_times_are_refused(pill_folder: Path) -> None:
    doc = Document({"title": "T", "summary": "S", "mentor": "giulia-rossi", "tags": ["cloud"], "area": "tecnologia",
                    "media": "c.mp4", "captions": "c.vtt", "trim": {"start": math.nan, "end": math.inf}})
    errors = validate_front(doc, pill_folder)
    assert {e.field for e in errors} == {"trim.start", "trim.end"}


def test_dates_in_strange_places_do_not_crash(pill_folder: Path) -> None:
    doc = Document({"title": dt.date(2026, 1, 1), "summary": "S", "mentor": "giulia-rossi", "tags": ["cloud"],
                    "area": "tecnologia", "date": "2026-01-01"})
    errors = validate_front(doc, pill_folder)
    assert [str(e) for e in errors][0] == "p/index.md: title: must be text, not a date; write it on one line, in quotes if needed"


def test_sample_yaml_still_round_trips() -> None:
    doc = parse_yaml(yaml.safe_dump({"title": "Ciao", "date": dt.date(2026, 3, 1), "n": 10**20}))
    assert doc.data == {"title": "Ciao", "date": dt.date(2026, 3, 1), "n": 10**20}


# --- caption files: a mentor's export from any meeting tool ------------------------------

CUE_FRAGMENTS = ["WEBVTT", "\n", "\n\n", "00:00.000 --> 00:01.000", "00:00:01,000 --> 00:00:04,000", " --> ",
                 "99:99.999", "-1", "1", "NOTE ", "STYLE", "<v Giulia>", "</v>", "<script>", "&amp;", "\ufeff",
                 "\r\n", "::", ".", ","]
caption_text = st.lists(st.one_of(st.sampled_from(CUE_FRAGMENTS), st.text(max_size=10)), max_size=30).map("".join)


@FUZZ
@given(text=caption_text, name=st.sampled_from(["c.vtt", "c.srt", "c.txt"]))
def test_random_caption_files_are_caption_errors_or_cues(text: str, name: str) -> None:
    from pillole.media.captions import CaptionError, parse_captions, validate_cues, write_webvtt

    try:
        cues = parse_captions(text, name)
    except CaptionError as problem:
        assert problem.args
        return
    problems = validate_cues(cues, duration=10.0)
    assert all(isinstance(p, CaptionError) for p in problems)
    write_webvtt(cues)


# --- Markdown texts and stray files: the content boundary and the sanitizer -----------------

BODY_FRAGMENTS = [
    "[", "]", "(", ")", "](", "![", "<", ">", "*", "_", "`", "```\n", "\n", "\n\n", "- ", "> ", "1. ", "    ",
    "{: ", "}", "#", "## ", "!!! note\n    ", "|", "&", "&#x6a;", "\\", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">a</a>', "[x](javascript:alert(1))",
    "[r]: javascript:alert(1)\n", "![i](https://example.com/a.png)", "<iframe srcdoc='<script>alert(1)</script>'>",
    '{: onclick="alert(1)" }', "{: #pillole-x .md-header }", "<base href='https://e/'>", "<svg onload=alert(1)>",
    "<![CDATA[", "<!--", "-->", "<?", "<style>*{}</style>", "<math><mi xlink:href='javascript:alert(1)'>",
    "foto.png", "ciao", "ü😀",
]
body_text = st.lists(st.one_of(st.sampled_from(BODY_FRAGMENTS), st.text(max_size=8)), max_size=60).map("".join)


class _Active(HTMLParser):
    """Event attributes, script elements and script URLs left in cleaned HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "base", "meta", "object", "embed", "form", "style", "link"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "autofocus", "style") and tag not in ("td", "th"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                self.found.append(f"{tag} {name}={value}")
            if name == "src" and re.match(r"\s*(\w+:|//|/|\\)", value or ""):
                self.found.append(f"{tag} remote src={value}")


@FUZZ
@given(body=body_text)
def test_random_texts_are_refused_or_render_to_inert_html(body: str) -> None:
    from pillole.body_check import Renderer
    from pillole.sanitize import clean, warnings

    problems = body_problems(body, "p/index.md", 9)
    assert all(isinstance(p, ContentError) and p.line and p.line >= 9 for p in problems)
    if problems:
        return
    html = Renderer([("admonition", {}), ("attr_list", {}), ("toc", {"permalink": True})]).render(body)
    active = _Active()
    active.feed(clean(html))
    assert active.found == [], body
    for problem in warnings(ContentPage("p", "p/index.md", body, 9), html):
        assert problem.severity == "warning" and (problem.line is None or 9 <= problem.line <= 9 + body.count("\n"))


EXTRA_NAMES = st.sampled_from(["foto.png", "x.html", "d.svg", "note.md", "a.pdf", "s.js", "v.mp4", "c.vtt", "README",
                               ".nascosto", "index.md", "sub/x.png", "sub/index.md", "con spazio.png", "ü.png"])
EXTRA_KINDS = st.sampled_from(["png", "text", "link-out", "link-in", "link-dangling", "link-loop", "link-dir-in",
                               "fifo", "folder"])


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(extras=st.lists(st.tuples(EXTRA_NAMES, EXTRA_KINDS), max_size=6), body=body_text)
def test_random_files_in_a_pill_folder_publish_only_what_is_accounted_for(tmp_path: Path, extras, body: str) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    docs = root / "content"
    folder = docs / "pillole" / "calendario"
    folder.mkdir(parents=True)
    (docs / "people.yml").write_text("people:\n  - {id: giulia-rossi, name: Giulia}\n", encoding="utf-8")
    (docs / "tags.yml").write_text("- {id: cloud, label: Cloud}\n", encoding="utf-8")
    (root / "segreto.txt").write_text("segreto", encoding="utf-8")
    (folder / "index.md").write_text("---\ntitle: T\nsummary: S\nmentor: giulia-rossi\ntags: [cloud]\narea: tecnologia\n"
                                     "media: v.mp4\n---\n![f](foto.png) [a](a.pdf) [x](x.html) ![d](d.svg)\n" + body,
                                     encoding="utf-8")
    for name, kind in extras:
        path = folder / name
        if path.exists() or path.is_symlink() or name == "index.md":
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        {"png": lambda: path.write_bytes(PNG), "text": lambda: path.write_text("<script>alert(1)</script>"),
         "link-out": lambda: path.symlink_to(root / "segreto.txt"), "link-in": lambda: path.symlink_to(docs / "tags.yml"),
         "link-dangling": lambda: path.symlink_to("manca"), "link-loop": lambda: path.symlink_to(path.name),
         "link-dir-in": lambda: path.symlink_to(folder), "fifo": lambda: os.mkfifo(path),
         "folder": lambda: path.mkdir()}[kind]()
    catalog = load_catalog(docs, root=root)
    assert all(isinstance(e, ContentError) for e in catalog.errors)
    for src in catalog.published:
        target = docs / src
        assert target.resolve().is_relative_to(docs.resolve()) and stat.S_ISREG(os.stat(target).st_mode), src
        suffix = Path(src).suffix.lower()
        assert suffix in (".md", ".mp4", ".vtt", ".png", ".pdf"), src
        if suffix == ".png":
            assert target.read_bytes() == PNG
    shown = {e.path.removeprefix(f"{docs.name}/") for e in catalog.errors}
    for name, _ in extras:  # every stray entry is named in a message, or published
        if not (folder / name).is_symlink() and not (folder / name).exists() or name.startswith("."):
            continue
        relative = f"pillole/calendario/{name}"
        assert relative in catalog.published or any(s.endswith(relative) for s in shown) \
            or (folder / name).is_dir() and not (folder / name).is_symlink(), (name, catalog.errors)
