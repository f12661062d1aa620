"""Contributions are untrusted input: every class of attack through the real commands.

Each test breaks the minimal fixture site the way an attacker with commit rights would and
runs `mkdocs build`, `mkdocs build --strict` and `pillole check`, asserting the exact line a
mentor reads, the exit codes, that no traceback is shown, and that no byte of a canary file
outside content/ and no canary environment variable of the build ever reaches site/ or the
cache. The pill's body starts on line 9 of its index.md, a learning path's on line 10.
"""

from __future__ import annotations

import os
import socket
import stat
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import pytest
import yaml

from pillole.schema.body import html_reader_stop
from support import MARKDOWN, PNG, TOC_BREAKOUT, VECTORS, Site, path_text, pill_text

P = "content/pillole/calendario/index.md"
D = "content/pillole/calendario"
FILE_CANARY = "CANARY-FILE-5b0e27d4"
ENV_CANARY = "CANARY-ENV-91c3aa70"
ENV = {"PILLOLE_TEST_SECRET": ENV_CANARY}
def _canary(site: Site) -> Path:
    """A secret beside content/ (the CI runner's files): nothing of it may be published."""
    secret = site.root / "segreto.txt"
    secret.write_text(f"password={FILE_CANARY}\n", encoding="utf-8")
    (site.root / "fuori").mkdir(exist_ok=True)
    (site.root / "fuori" / "chiavi.txt").write_text(FILE_CANARY, encoding="utf-8")
    return secret


def _assert_no_canary(site: Site) -> None:
    for folder in (site.out, site.root / ".cache"):
        for file in folder.rglob("*") if folder.is_dir() else []:
            if file.is_file() and not file.is_symlink():
                data = file.read_bytes()
                assert FILE_CANARY.encode() not in data, file
                assert ENV_CANARY.encode() not in data, file


def _run_all(site: Site, expected: str, severity: str) -> None:
    """`expected` is reported by all three commands with the exit codes of its severity."""
    built = site.build(env=ENV)
    strict = site.build("--strict", env=ENV)
    checked = site.check(env=ENV)
    for result in (built, strict, checked):
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
    label = "ERROR   -  " if severity == "error" else "WARNING -  "
    assert f"{label}{expected}\n" in built.stderr, built.stderr
    assert f"{label}{expected}\n" in strict.stderr, strict.stderr
    assert f"{severity}: {expected}\n" in checked.stdout, checked.stdout
    assert (built.returncode, strict.returncode, checked.returncode) == \
        ((1, 1, 1) if severity == "error" else (0, 1, 0)), built.stderr + checked.stdout
    _assert_no_canary(site)


# --- links and special files ---------------------------------------------------------------


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def _device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        pytest.skip("creating a device file needs CAP_MKNOD")


LINKS: dict[str, tuple[Callable[[Site], object], str, str]] = {
    "file-link-outside": (
        lambda s: (s.content / "pillole/calendario/appunti.txt").symlink_to(_canary(s)),
        f"{D}/appunti.txt: is a link that points outside content/; copy the file into the pill's folder instead of linking it",
        "error",
    ),
    "link-to-environment": (
        lambda s: (s.content / "pillole/calendario/ambiente.txt").symlink_to("/proc/self/environ"),
        f"{D}/ambiente.txt: is a link that points outside content/; copy the file into the pill's folder instead of linking it",
        "error",
    ),
    "folder-link-outside": (
        lambda s: (_canary(s), (s.content / "pillole/calendario/altro").symlink_to(s.root / "fuori")),
        f"{D}/altro: is a link that points outside content/; move the folder into {D}/ instead of linking it",
        "error",
    ),
    "folder-link-to-root": (
        lambda s: (s.content / "pillole/calendario/radice").symlink_to("/"),
        f"{D}/radice: is a link that points outside content/; move the folder into {D}/ instead of linking it",
        "error",
    ),
    "folder-link-loop": (
        lambda s: (s.content / "pillole/calendario/giro").symlink_to(".."),
        f"{D}/giro: is a link that points to the folder content/pillole; the build would copy that folder again, "
        "or endlessly when the link leads back up; remove the link and keep each file in one place",
        "error",
    ),
    "link-loop": (
        lambda s: (s.content / "pillole/calendario/giro.png").symlink_to("giro.png"),
        f"{D}/giro.png: is a link that leads back to itself (a loop); it is not published; remove the link",
        "warning",
    ),
    "dangling-link": (
        lambda s: (s.content / "pillole/calendario/foto.png").symlink_to("manca.png"),
        f"{D}/foto.png: is a link to 'manca.png', which does not exist; it is not published; "
        "remove the link, or put the file itself here",
        "warning",
    ),
    "named-pipe": (
        lambda s: os.mkfifo(s.content / "pillole/calendario/tubo"),
        f"{D}/tubo: is a named pipe, not a file; remove it: only regular files can be published",
        "error",
    ),
    "socket": (
        lambda s: _socket(s.content / "pillole/calendario/presa"),
        f"{D}/presa: is a socket, not a file; remove it: only regular files can be published",
        "error",
    ),
    "device": (
        lambda s: _device(s.content / "pillole/calendario/nulla"),
        f"{D}/nulla: is a device, not a file; remove it: only regular files can be published",
        "error",
    ),
    "link-to-device": (
        lambda s: (s.content / "pillole/calendario/zeri.mp4").symlink_to("/dev/zero"),
        f"{D}/zeri.mp4: is a link that points outside content/; copy the file into the pill's folder instead of linking it",
        "error",
    ),
    "link-to-device-as-media": (
        lambda s: (s.pill("calendario", media="zeri.mp4", captions=None),
                   (s.content / "pillole/calendario/zeri.mp4").symlink_to("/dev/zero")),
        f"{P}:8: media: 'zeri.mp4' is a link that points outside the pill's folder; "
        "copy the file into the pill's folder instead of linking it",
        "error",
    ),
    "link-to-registry-outside": (
        lambda s: ((s.content / "tags.yml").unlink(), (s.content / "tags.yml").symlink_to(_canary(s))),
        "content/tags.yml: is a link that points outside content/; copy the file into content/ instead of linking it",
        "error",
    ),
}


@pytest.mark.parametrize("case", sorted(LINKS))
def test_links_and_special_files(site: Site, case: str) -> None:
    breaker, expected, severity = LINKS[case]
    breaker(site)
    _run_all(site, expected, severity)


def test_a_link_inside_content_to_a_regular_file_is_followed(site: Site) -> None:
    site.write("pillole/calendario/foto.png", PNG)
    (site.content / "pillole/calendario/stessa.png").symlink_to("foto.png")
    site.pill("calendario", pill_text().replace("Testo della pillola.", "![Foto](foto.png) ![Stessa](stessa.png)"))
    built = site.build("--strict", env=ENV)
    assert built.returncode == 0, built.stderr
    assert (site.out / "pillole/calendario/stessa.png").read_bytes() == PNG


# --- script in texts -------------------------------------------------------------------------

SCRIPT = "pages cannot run scripts"
LINK = ("links may lead to web pages (http, https), e-mail addresses (mailto), phone numbers (tel) or pages "
        "of the site; link a web address or a page of the site")


def vector_warnings(path: str, first: int) -> list[str]:
    """The warning for each vector of VECTORS in a file whose text starts on line `first`."""
    at = {n: first + n - 1 for n in range(1, 30)}  # line n of VECTORS
    return [
        f"{path}:{at[3]}: <script> was removed: {SCRIPT}; write the text in Markdown",
        f"{path}:{at[5]}: the attribute onerror on <img> was removed: {SCRIPT}; remove it",
        f"{path}:{at[7]}: <iframe> was removed: pages cannot show other pages inside them; write the text in Markdown",
        f"{path}:{at[9]}: the link to 'javascript:window.__pwned=1;alert(4)' was removed: {LINK}",
        f"{path}:{at[11]}: the attribute onclick on <h2> was removed: {SCRIPT}; remove it",
        f"{path}:{at[13]}: <base> was removed: it would send every link of the page elsewhere; write the text in Markdown",
        f"{path}:{at[15]}: <meta> was removed: it could send the reader elsewhere; write the text in Markdown",
        f"{path}:{at[17]}: the image 'https://attacker.example/logo.png' was removed: images must be files of the site "
        "(a page makes no requests to other sites); save the image in the pill's folder and write ![description](name.png)",
        f"{path}:{at[19]}: the attribute onerror on <img> was removed: {SCRIPT}; remove it",
        f"{path}:{at[21]}: the link to 'javascript:window.__pwned=1;alert(6)' was removed: {LINK}",
    ]


class _Attributes(HTMLParser):
    """Every element's tag and attribute names of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.names.update(name for name, _ in attrs)


def _assert_inert(page: str) -> None:
    """No element of the page has an event attribute, autofocus or an inline document."""
    found = _Attributes()
    found.feed(page)
    assert not {n for n in found.names if n.startswith("on") or n in ("autofocus", "srcdoc")}, found.names
    assert not found.tags & {"iframe", "base", "object", "embed", "form"}, found.tags


def _assert_clean(page: str) -> None:
    _assert_inert(page)
    for trace in ("__pwned", "attacker.example", "javascript:", "http-equiv"):
        assert trace not in page, trace


def _assert_warned(site: Site, expected: list[str]) -> None:
    site.config(markdown_extensions=MARKDOWN)
    built = site.build(env=ENV)
    strict = site.build("--strict", env=ENV)
    checked = site.check(env=ENV)
    assert (built.returncode, strict.returncode, checked.returncode) == (0, 1, 0), built.stderr + checked.stdout
    for line in expected:
        assert f"WARNING -  {line}\n" in built.stderr, (line, built.stderr)
        assert f"warning: {line}\n" in checked.stdout, (line, checked.stdout)
    assert built.stderr.count("was removed") == checked.stdout.count("was removed") == len(expected)
    _assert_no_canary(site)


def test_script_in_a_pill_text_is_removed_and_reported_on_its_line(site: Site) -> None:
    site.write("pillole/calendario/foto.png", PNG)
    site.pill("calendario", pill_text().replace("Testo della pillola.\n", VECTORS))
    _assert_warned(site, vector_warnings(P, 9))
    page = site.page("pillole/calendario/index.html")
    _assert_clean(page)
    assert '<img alt="Foto" src="foto.png">' in page  # the image of the pill's folder stays, published
    assert (site.out / "pillole/calendario/foto.png").read_bytes() == PNG
    assert '<a rel="noopener noreferrer">Apri</a>' in page


def test_script_in_a_learning_path_text_is_removed_and_reported_on_its_line(site: Site) -> None:
    site.write("percorsi/foto.png", PNG)
    site.learning_path("base", path_text(body=VECTORS.rstrip("\n")))
    _assert_warned(site, vector_warnings("content/percorsi/base.md", 10))
    page = site.page("percorsi/base.html")
    _assert_clean(page)
    assert '<img alt="Foto" src="foto.png">' in page


def test_script_in_a_page_of_the_site_is_removed(site: Site) -> None:
    site.write("foto.png", PNG)
    site.write("index.md", "---\ntitle: Home\n---\n" + VECTORS)
    _assert_warned(site, vector_warnings("content/index.md", 4))
    _assert_clean(site.page("index.html"))


def test_a_declaration_the_html_reader_stops_on_is_an_error_on_its_line(site: Site) -> None:
    """`<![x]` in a text: MkDocs reads every text with Python's HTML parser, which stops the
    build on it with a traceback where Python lacks a fix (3.11.7 does; Debian 12's 3.11.2
    has it). Refused before rendering there, as too costly texts are; built elsewhere."""
    text = "Testo della pillola.\n\n<p>Prima <![x] dopo</p>\n"
    site.pill("calendario", pill_text().replace("Testo della pillola.\n", text))
    built, checked = site.build(env=ENV), site.check(env=ENV)
    assert "Traceback" not in built.stderr + checked.stderr
    message = (f"{P}:11: '<![' starts an HTML declaration that the site cannot read; "
               "write a space after '<' (< ![), or &lt;![ outside code")
    if html_reader_stop(text) is not None:
        assert (built.returncode, checked.returncode) == (1, 1), built.stderr + checked.stdout + checked.stderr
        assert message in built.stderr and message in checked.stdout, built.stderr + checked.stdout
    else:
        assert (built.returncode, checked.returncode) == (0, 0), built.stderr + checked.stdout + checked.stderr
        assert message not in built.stderr and "<p>Prima " in site.page("pillole/calendario/index.html")


def test_heading_ids_cannot_break_out_of_the_table_of_contents(site: Site) -> None:
    site.config(markdown_extensions=MARKDOWN)
    site.pill("calendario", pill_text().replace("Testo della pillola.", "## Inizio\n\n" + TOC_BREAKOUT))
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    page = site.page("pillole/calendario/index.html")
    _assert_inert(page)
    assert '<a href="#fine&quot; autofocus tabindex=&quot;0&quot; onfocus=&quot;' in page  # the sidebar's link, inert


def test_an_administrator_may_allow_raw_html(site: Site) -> None:
    site.config(plugins=[{"pillole": {"allow_raw_html": True}}])
    site.pill("calendario", pill_text().replace("Testo della pillola.", '<div class="riquadro" style="color: red">Ciao</div>'))
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    assert '<div class="riquadro" style="color: red">Ciao</div>' in site.page("pillole/calendario/index.html")
    assert "was removed" not in site.check().stdout


# --- files no page accounts for --------------------------------------------------------------

EXTRA: dict[str, tuple[str, bytes, str]] = {  # file -> (content, expected warning after 'path: ')
    "pillole/calendario/pagina.html": ("", b"<script>window.__pwned=1</script>",
                                       "is not published: .html files can run script on the site; "
                                       "put the text in index.md, and convert pictures to PNG or JPEG"),
    "pillole/calendario/disegno.svg": ("", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                                       "is not published: .svg files can run script on the site; "
                                       "put the text in index.md, and convert pictures to PNG or JPEG"),
    "pillole/calendario/note.md": ("", b"# Note\n\n<script>alert(1)</script>\n",
                                   "is not published: only a pill's index.md, the learning paths in percorsi/ and the "
                                   "pages at the top of content/ become pages; move the text into the pill's index.md, "
                                   "or make it a page at the top of content/"),
    "pillole/calendario/vecchia.png": ("", PNG, "is not published: no page links to it; "
                                       "link it from the pill's text (e.g. ![description](vecchia.png)) or remove it"),
    "pillole/calendario/finta.png": ("![Finta](finta.png)", b"<html><script>alert(1)</script>",
                                     "is not published: it is named .png but is not a PNG image; "
                                     "save it again from an image or PDF program, with the right extension"),
    "pillole/calendario/slide.svg": ("![Slide](slide.svg)", b"<svg onload='alert(1)'/>",
                                     "is not published: a page links to it, but only images (PNG, JPEG, GIF, WebP, AVIF) "
                                     "and PDF documents are; convert it to one of those (an SVG or HTML file can run "
                                     "script on the site)"),
    "percorsi/appunti.txt": ("", b"x", "is not published: no page accounts for it; remove it, or name it in the "
                             "pill's front-matter (media, captions, chapters) or link it from the text"),
    "altro/pagina.md": ("", b"# Altro\n", "is not published: only a pill's index.md, the learning paths in percorsi/ "
                        "and the pages at the top of content/ become pages; move the text into the pill's index.md, "
                        "or make it a page at the top of content/"),
    "stato.md": ("", b"# Stato finto\n", "is not published: the site makes this page itself; rename the file"),
}


@pytest.mark.parametrize("name", sorted(EXTRA))
def test_files_no_page_accounts_for_are_not_published(site: Site, name: str) -> None:
    link, data, message = EXTRA[name]
    site.write(name, data)
    if link:
        site.pill("calendario", pill_text().replace("Testo della pillola.", link))
    _run_all(site, f"content/{name}: {message}", "warning")
    assert not (site.out / name).exists()
    assert not (site.out / name.replace(".md", ".html")).exists() or name == "stato.md"
    if name == "stato.md":
        assert "Stato finto" not in site.page("stato.html")


def test_the_pages_files_are_published(site: Site) -> None:
    """What a pill accounts for reaches the site: its page, its image and its PDF."""
    site.write("pillole/calendario/foto.png", PNG)
    site.write("pillole/calendario/dispensa.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    site.pill("calendario", pill_text().replace("Testo della pillola.", "![Foto](foto.png)\n\n[Dispensa](dispensa.pdf)"))
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    assert (site.out / "pillole/calendario/foto.png").is_file()
    assert (site.out / "pillole/calendario/dispensa.pdf").is_file()
    assert not (site.out / "people.yml").exists() and not (site.out / "tags.yml").exists()


# --- page options the theme reads -----------------------------------------------------------

PAGE_KEYS: dict[str, tuple[dict[str, object], str]] = {
    "template-path": ({"template": "../../../etc/passwd"},
                      f"{P}:8: template: cannot be set in a content file: every page uses the site's layout; remove 'template:'"),
    "template-theme": ({"template": "404.html"},
                       f"{P}:8: template: cannot be set in a content file: every page uses the site's layout; remove 'template:'"),
    "hide-number": ({"hide": 5}, f"{P}:8: hide: '5' is not a part of the page that can be hidden; "
                    "write a list of: navigation, toc, footer, path, tags, feedback, e.g. hide: [toc]"),
    "hide-unknown": ({"hide": ["toc", "sidebar"]}, f"{P}:8: hide: 'sidebar' is not a part of the page that can be hidden; "
                     "write a list of: navigation, toc, footer, path, tags, feedback, e.g. hide: [toc]"),
    "icon-path": ({"icon": "../../partials/header"}, f"{P}:8: icon: '../../partials/header' is not an icon of the theme; "
                  "write an icon name such as 'material/school' (see the icon search of Material for MkDocs)"),
    "icon-missing": ({"icon": "material/non-esiste-davvero"},
                     f"{P}:8: icon: 'material/non-esiste-davvero' is not an icon of the theme; "
                     "write an icon name such as 'material/school' (see the icon search of Material for MkDocs)"),
    "status-attribute": ({"status": 'new" onmouseover="alert(1)'},
                         f"{P}:8: status: 'new\" onmouseover=\"alert(1)' is not a page status; "
                         "write 'new' or 'deprecated' (or a status listed under extra.status in mkdocs.yml)"),
    "search-not-mapping": ({"search": "no"}, f"{P}:8: search: must be a mapping, not 'no'; "
                           "write search: {exclude: true} or search: {boost: 2}"),
    "search-boost": ({"search": {"boost": "molto"}}, f"{P}:9: search.boost: must be a number above 0 and at most 100; "
                     "write search: {boost: 2}"),
}


@pytest.mark.parametrize("case", sorted(PAGE_KEYS))
def test_page_options_are_validated(site: Site, case: str) -> None:
    fields, expected = PAGE_KEYS[case]
    site.pill("calendario", **fields)
    _run_all(site, expected, "error")


def test_valid_page_options_reach_the_page(site: Site) -> None:
    site.pill("calendario", hide=["toc", "feedback"], search={"boost": 2})
    site.write("index.md", "---\ntitle: Home\nicon: material/school\nhide: [navigation]\n---\nBenvenuti.\n")
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    assert 'data-md-component="sidebar" data-md-type="navigation" hidden' in site.page("index.html")


@pytest.mark.parametrize("front, expected", [
    ("title: Home\ntemplate: redirect.html\nlocation: javascript:alert(1)\n",
     ["content/index.md:3: template: cannot be set in a content file: every page uses the site's layout; remove 'template:'",
      "content/index.md:4: location: 'location' is not a known field; known fields: title, hide, template, description, "
      "icon, status, search"]),
    ("title: Home\nhide: 5\n",
     ["content/index.md:3: hide: '5' is not a part of the page that can be hidden; write a list of: navigation, toc, "
      "footer, path, tags, feedback, e.g. hide: [toc]"]),
])
def test_page_options_of_the_sites_own_pages_are_validated(site: Site, front: str, expected: list[str]) -> None:
    site.write("index.md", f"---\n{front}---\nBenvenuti.\n")
    for line in expected:
        _run_all(site, line, "error")


def test_titles_of_the_sites_own_pages_are_text(site: Site) -> None:
    site.write("index.md", '---\ntitle: "Home <img src=x onerror=alert(1)>"\ndescription: "\\" onfocus=alert(2) x=\\""\n---\nCiao\n')
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    page = site.page("index.html")
    assert "<img src=x" not in page and '" onfocus' not in page
    assert "Home &lt;img src=x onerror=alert(1)&gt;" in page


# --- control characters, sizes ---------------------------------------------------------------


def test_control_characters_in_a_title_are_left_out_and_feeds_stay_valid(site: Site) -> None:
    site.pill("calendario", title="Il calendario\x07\x1b condiviso")
    expected = (f"{P}:2: title: contains control characters (U+0007, U+001B); they are left out; "
                "retype the text: such characters come from copying out of other programs")
    _run_all(site, expected, "warning")
    feeds = list(site.out.rglob("*.xml"))
    assert feeds
    titles = [element.text for feed in feeds for element in ET.parse(feed).iter("{http://www.w3.org/2005/Atom}title")]
    assert "Il calendario condiviso" in titles


PATHOLOGICAL: dict[str, tuple[str, str]] = {
    "open-brackets": ("[" * 30000, f"{P}:9: this paragraph opens brackets ('[', '(' of a link, '<') that it never closes: "
                      "turning the text into a page would take minutes; close each bracket, or write \\[ \\( \\< for a "
                      "bracket shown as text"),
    "cdata": ("<![CDATA[" * 5000, f"{P}:9: this paragraph opens brackets ('[', '(' of a link, '<') that it never closes: "
              "turning the text into a page would take minutes; close each bracket, or write \\[ \\( \\< for a "
              "bracket shown as text"),
    "nested-lists": ("- " * 1000 + "x", f"{P}:9: the line opens more than 20 lists or quotes inside each other; "
                     "use fewer levels of lists or quotes"),
    "nested-emphasis": ("*a _b " * 2000 + "c_ d*" * 2000, f"{P}:9: this paragraph has 8,000 '*' and '_' (at most 500); "
                        "write \\* or \\_ for a character shown as text, or split the paragraph"),
    "huge": ("Parola " * 30000, f"{P}:9: the text is 210,001 characters long (at most 100,000); split it into several "
             "pages, or put long material in a PDF linked from the text"),
}


@pytest.mark.parametrize("case", sorted(PATHOLOGICAL))
def test_pathological_markdown_is_refused_before_rendering(site: Site, case: str) -> None:
    body, expected = PATHOLOGICAL[case]
    site.pill("calendario", pill_text().replace("Testo della pillola.", body))
    _run_all(site, expected, "error")


def test_pathological_markdown_in_a_learning_path_is_refused(site: Site) -> None:
    site.learning_path("base", path_text(body="[" * 30000))
    _run_all(site, "content/percorsi/base.md:10: this paragraph opens brackets ('[', '(' of a link, '<') that it never "
             "closes: turning the text into a page would take minutes; close each bracket, or write \\[ \\( \\< for a "
             "bracket shown as text", "error")


def test_thousands_of_tags_are_one_error_with_the_limit(site: Site) -> None:
    tags = [{"id": f"tag-{n}", "label": f"Tag {n}"} for n in range(3000)]
    site.write("tags.yml", yaml.safe_dump(tags, sort_keys=False))
    site.pill("calendario", tags=[t["id"] for t in tags])
    _run_all(site, f"{P}:5: tags: lists 3,000 entries (at most 20); keep the few that matter most in 'tags'", "error")
    assert site.check().stdout.count("error:") == 1


def test_a_huge_title_is_refused_with_the_limit(site: Site) -> None:
    site.pill("calendario", title="Calendario " * 1000)
    _run_all(site, f"{P}:2: title: is 10,999 characters long (at most 200); "
             "keep it short: the text of the page is the place for detail", "error")
