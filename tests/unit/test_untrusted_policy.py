"""The policies for untrusted content, as pure functions: which files a page accounts for
(boundary.py), what HTML survives cleaning (sanitize.py), which texts are too costly to
render and which page options pass (schema/body.py, schema/pages.py). The same rules run end to end in
tests/build/test_untrusted_content.py and tests/browser/test_hostile_texts.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pillole import boundary
from pillole.body_check import Renderer
from pillole.frontmatter import Document
from pillole.model import ContentPage
from pillole.sanitize import clean, may_refuse, refusals, toc_entry, warnings
from pillole.schema.body import body_problems, bracket_scan, html_reader_stop
from pillole.schema.pages import site_page_from
from support import PNG


@pytest.mark.parametrize("target, expected", [
    ("foto.png", "pillole/a/foto.png"),
    ("./img/foto%20bella.png", "pillole/a/img/foto bella.png"),
    ("../b/foto.png#top", "pillole/b/foto.png"),
    ("<foto.png>", "pillole/a/foto.png"),
    ("foto.png?v=2", "pillole/a/foto.png"),
    ("../../../etc/passwd", None),
    ("/etc/passwd", None),
    ("https://example.com/a.png", None),
    ("data:image/png;base64,AAAA", None),
    ("#titolo", None),
])
def test_link_targets_resolve_inside_the_docs_folder_only(target: str, expected: str | None) -> None:
    assert boundary.resolve("pillole/a/index.md", target) == expected


def test_body_targets_are_links_images_references_and_html_sources() -> None:
    body = ('![a](uno.png) [b](<due.pdf> "titolo") [c][r]\n\n[r]: tre.png\n'
            '<img src="quattro.png"> <a href=\'cinque.pdf\'>x</a>\n')
    assert boundary.body_targets(body) == ["uno.png", "due.pdf", "tre.png", "quattro.png", "cinque.pdf"]


def _found(tmp_path: Path, files: dict[str, bytes]) -> boundary.Scan:
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return boundary.scan(tmp_path, lambda p: p.relative_to(tmp_path.parent).as_posix())


def test_a_page_accounts_for_its_media_and_the_safe_files_it_links(tmp_path: Path) -> None:
    found = _found(tmp_path, {
        "pillole/a/index.md": b"", "pillole/a/v.mp4": b"x", "pillole/a/v.vtt": b"WEBVTT",
        "pillole/a/foto.png": PNG, "pillole/a/finta.jpg": b"<html>", "pillole/a/x.svg": b"<svg/>",
        "pillole/a/slide.pdf": b"%PDF-1.7", "pillole/a/resto.txt": b"", "people.yml": b"", "tags.yml": b"",
        ".gitignore": b"", "css/extra.css": b"",
    })
    source = boundary.Source("pillole/a/index.md", ("v.mp4", "v.vtt"),
                             "![f](foto.png) ![g](finta.jpg) ![s](x.svg) [p](slide.pdf)")
    result = boundary.account(found, [source], ["css/extra.css"], lambda p: p.relative_to(tmp_path).as_posix())
    assert result.published == {"pillole/a/index.md", "pillole/a/v.mp4", "pillole/a/v.vtt", "pillole/a/foto.png",
                                "pillole/a/slide.pdf", "css/extra.css"}
    assert [(p.path, p.message.split(":")[1].strip()) for p in result.problems] == [
        ("pillole/a/finta.jpg", "it is named .jpg but is not a JPEG image"),
        ("pillole/a/resto.txt", "no page accounts for it"),
        ("pillole/a/x.svg", "a page links to it, but only images (PNG, JPEG, GIF, WebP, AVIF) and PDF documents are"),
    ]
    assert all(p.severity == "warning" for p in result.problems)


def test_a_media_field_naming_a_page_type_is_not_published(tmp_path: Path) -> None:
    found = _found(tmp_path, {"pillole/a/index.md": b"", "pillole/a/video.html": b"<script>"})
    result = boundary.account(found, [boundary.Source("pillole/a/index.md", ("video.html",))], [], str)
    assert "pillole/a/video.html" not in result.published
    assert result.problems[0].message == "is not published: 'video.html' is not an audio or video file"


def test_the_scan_never_follows_links_and_names_every_refused_entry(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "ok.png").write_bytes(PNG)
    (docs / "a" / "same.png").symlink_to("ok.png")
    (docs / "a" / "up").symlink_to("..")
    (docs / "a" / "out.txt").symlink_to(tmp_path)
    found = boundary.scan(docs, lambda p: p.relative_to(tmp_path).as_posix())
    assert found.files == {"a/ok.png", "a/same.png"}
    assert found.refused == {"a/up", "a/out.txt"}
    assert [p.path for p in found.folder_links] == ["content/a/out.txt", "content/a/up"]
    assert found.readable(docs / "a" / "same.png") and not found.readable(docs / "a" / "up")


# --- sanitizer ---------------------------------------------------------------------------------

MARKDOWN_FEATURES = """# Titolo

!!! note "Nota"
    Testo *corsivo* e **grassetto**, `codice` e [un link](altra.md#sezione) e [sito](https://example.com).

| Sinistra | Destra |
|:---------|-------:|
| a        | b      |

```python
print("ciao")
```

- [x] fatto
- elenco

[Pulsante](altra.md){ .md-button .md-button--primary }

## Con attributi {: #mio-id .mia-classe }
"""


def test_what_markdown_and_its_extensions_make_survives_cleaning() -> None:
    renderer = Renderer([("admonition", {}), ("attr_list", {}), ("toc", {"permalink": True})])
    html = renderer.render(MARKDOWN_FEATURES)
    assert refusals(html) == []
    cleaned = clean(html)
    for kept in ('<div class="admonition note">', '<p class="admonition-title">Nota</p>', "<em>corsivo</em>",
                 '<a href="altra.md#sezione"', '<th style="text-align:left">', '<td style="text-align:right">',
                 '<code class="language-python">', 'class="md-button md-button--primary"',
                 '<h2 class="mia-classe" id="mio-id">', '<a class="headerlink" href="#mio-id"'):
        assert kept in cleaned, kept


def test_theme_extensions_html_survives_cleaning() -> None:
    """What pymdownx (details, tabbed, tasklist, highlight) and Material's emoji produce."""
    html = ('<details class="note" open><summary>Vedi</summary><p>x</p></details>'
            '<div class="tabbed-set tabbed-alternate"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" '
            'type="radio"><div class="tabbed-labels"><label for="__tabbed_1_1">A</label></div></div>'
            '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
            '<input type="checkbox" disabled checked><span class="task-list-indicator"></span></label> fatto</li></ul>'
            '<div class="highlight"><pre><span></span><code><span class="n">x</span></code></pre></div>'
            '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1h2"/></svg></span>')
    assert refusals(html) == []


@pytest.mark.parametrize("html, message", [
    ("<script>alert(1)</script>", "<script> was removed: pages cannot run scripts"),
    ('<img src="a.png" onerror="alert(1)">', "the attribute onerror on <img> was removed: pages cannot run scripts"),
    ('<img src="//example.com/a.png">', "the image '//example.com/a.png' was removed: images must be files of the site "
                                         "(a page makes no requests to other sites)"),
    ('<img src="/assets/logo.png">', "the image '/assets/logo.png' was removed: images must be files of the site "
                                     "(a page makes no requests to other sites)"),
    ('<img src="data:image/png;base64,AAAA">', "the image 'data:image/png;base64,AAAA' was removed: images must be files "
                                               "of the site (a page makes no requests to other sites)"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "the link to ' JaVaScRiPt:alert(1)' was removed: links may lead to web "
                                             "pages (http, https), e-mail addresses (mailto), phone numbers (tel) or "
                                             "pages of the site"),
    ('<p class="pillole-quiz md-header ok">x</p>', "the class md-header, pillole-quiz on <p> was removed: "
                                                  "it belongs to the site's layout"),
    ('<p id="__search">x</p>', "the id '__search' on <p> was removed: the site's layout uses it"),
    ('<input type="text" name="password">', "the attribute type on <input> was removed: it is not allowed in the text"),
    ('<svg onload="alert(1)"></svg>', "the attribute onload on <svg> was removed: pages cannot run scripts"),
    ("<form><button>x</button></form>", "<form> was removed: pages cannot send data"),
])
def test_each_construct_cleaning_removes_is_named(html: str, message: str) -> None:
    assert message in [r.message for r in refusals(html)]


def test_removed_constructs_are_placed_on_their_lines_code_left_out() -> None:
    body = "Esempio: `<script>` e\n\n```\n<script>\n```\n\n<script>x</script>\n\n<SCRIPT>y</SCRIPT>\n"
    html = Renderer([]).render(body)
    found = warnings(ContentPage("p", "p.md", body, 20), html)
    assert [(w.line, w.message.split(":")[0]) for w in found] == [(26, "<script> was removed"),
                                                                   (28, "<script> was removed")]


#: Pieces of Markdown: what cleaning removes once rendered, what looks like it, and text.
_PIECES = ("Testo", " ", "\n", "\n\n", "    ", "[a](https://x.it)", "[a](javascript:x)", "[a]( JaVaScRiPt:x)",
           "[a](<data:x>)", "![i](/etc/p.png)", "![i](//x.it/p.png)", "![i](img.png)", "![i](<http://x.it/a.png>)",
           "<script>x</script>", "<b>", "</p>", "<!-- c -->", "{: onclick=x }", "{ #__search }", "{.md-header}",
           "[r]: /x.png", "   [r]: javascript:x", "![r][r]", "<![x]", "<![CDATA[x]]>", "`<i>`", "](", "<", "{", "}", "]:", "!", "[", "]", "(")


@settings(max_examples=1500, deadline=None, database=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_a_text_cleaning_would_change_is_always_looked_at(text: str) -> None:
    """`may_refuse` lets the build skip rendering a text twice for its warnings: it must
    never skip one whose rendering loses something to cleaning."""
    if not body_problems(text, "p.md", 1) and refusals(Renderer([("attr_list", {})]).render(text)):
        assert may_refuse(text)


def test_toc_entries_cannot_break_out_of_their_attribute() -> None:
    assert toc_entry('a" onfocus="x', "Tre <img src=x onerror=y>") == ("a&quot; onfocus=&quot;x", 'Tre <img src="x">')


@settings(max_examples=3000, deadline=None, database=None)
@given(st.text(st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",)), max_size=12))
@example("\ufeffTitolo")
@example("Domande\r\nrisposte")
@example("Pro\u00a0e contro")
@example("A & B > C")
@example("Uno\x00due")
def test_a_toc_title_is_cleaned_as_the_page_is(title: str) -> None:
    """A title cleaning would leave as it is need not be cleaned: what the theme prints is
    what cleaning gives, with or without markup (lone surrogates aside: nh3 refuses them)."""
    assert toc_entry("a", title)[1] == clean(title)


# --- bounded texts, page options -----------------------------------------------------------


@pytest.mark.parametrize("text, cost", [
    ("[a](b) e [c](d)", 4 + 0 + 4),  # '[' to ']' (2 each) and '(' to ')' (2 each)
    ("a [b", 2),  # never closed: to the end
    (r"\[\[\[", 0),  # escaped: text
    ("<a <b>", 5 + 2),  # each '<' to the next '>'
])
def test_bracket_scan_counts_what_markdown_would_scan(text: str, cost: int) -> None:
    assert bracket_scan(text) == cost


@pytest.mark.parametrize("line, message", [
    (" " * 101 + "x", "indented by 101 spaces"),
    ("\t" * 26 + "x", "indented by 104 spaces"),  # a tab is 4 columns
    ("\u3000" * 101 + "x", "indented by 101 spaces"),  # any space, not only ASCII's
    ("> " * 21 + "x", "more than 20 lists or quotes"),
    ("* " * 21 + "x", "more than 20 lists or quotes"),
    ("+ " * 21 + "x", "more than 20 lists or quotes"),
    ("1. " * 21 + "x", "more than 20 lists or quotes"),
    ("\u0661) " * 21 + "x", "more than 20 lists or quotes"),  # Arabic-Indic digits number a list too
])
def test_a_line_nested_too_deep_is_refused_however_it_starts(line: str, message: str) -> None:
    """Lines are looked at only when they start with a space or a list or quote marker: each
    way of starting one is still caught, inside a paragraph of ordinary lines."""
    problems = body_problems(f"Prima riga.\n{line}\nUltima riga.\n", "p/index.md", 9)
    assert [(problem.line, message in problem.message) for problem in problems] == [(10, True)], problems


@pytest.mark.parametrize("text, line", [
    ("Testo\n\n<p>a <![x] b</p>", 3),
    ("Testo\n\n```\n<![ nel codice\n```", 4),  # MkDocs reads the lines of code too
    ("<![CDATA[dati]]> e <![if mso]>x<![endif]>", None),
    ("Un confronto: 3 <! [x]", None),
])
def test_a_declaration_the_html_reader_stops_on_is_refused(text: str, line: int | None) -> None:
    """Refused where this Python's HTML parser stops on it (3.11.7 does; Debian 12's patched
    3.11.2 reads it as HTML does): there MkDocs would stop too."""
    found = [(e.line, e.message) for e in body_problems(text, "p.md", 1)]
    stops = line is not None and html_reader_stop(text) is not None
    assert found == ([(line, "'<![' starts an HTML declaration that the site cannot read")] if stops else [])


def test_ordinary_texts_pass_the_bounds() -> None:
    sample = Path(__file__).resolve().parents[2] / "content" / "pillole"
    for index in sample.glob("*/index.md"):
        assert body_problems(index.read_text(encoding="utf-8"), str(index), 1) == [], index


def test_valid_page_options_are_kept_for_the_theme() -> None:
    options, errors = site_page_from(Document({"hide": ["toc", "footer"], "icon": "material/school", "status": "new",
                                               "search": {"exclude": True, "boost": 2}, "description": "Testo"}), "p.md")
    assert errors == []
    assert options == {"hide": ["toc", "footer"], "icon": "material/school", "status": "new",
                       "search": {"exclude": True, "boost": 2}, "description": "Testo"}
