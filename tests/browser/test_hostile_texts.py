"""Hostile texts in Chromium: nothing a contributor writes runs, and no page reaches out.

A pill, a learning path and the home page each carry every script vector of
support.VECTORS (raw script, event attributes, an iframe with its own document, javascript:
links inline and by reference, attr_list attributes, <base>, <meta refresh>, a remote image)
and a heading id built to break out of the table of contents; the pill's folder also holds
an HTML page and an SVG with script. On every page the build writes, in Chromium: no dialog
opens, no script of theirs runs (also when every element gets the events an inline handler
waits for), and no request leaves the site. The files no page accounts for are not there.
"""

from __future__ import annotations

from support import MARKDOWN, PNG, TOC_BREAKOUT, VECTORS, path_text, pill_text

TEXT = VECTORS + "\n" + TOC_BREAKOUT
#: Every element of the page gets the events an inline handler could wait for: one left in
#: the page (onerror, onload, onmouseover, onfocus ...) would run.
FIRE_EVERY_EVENT = """() => {
  for (const element of document.querySelectorAll("body *"))
    for (const type of ["mouseover", "mouseenter", "focus", "click", "load", "error", "toggle"])
      if (!(type === "click" && element.closest("a[href], button, label, input"))) element.dispatchEvent(new Event(type));
}"""


def test_hostile_texts_never_run_nor_reach_out(site, serve, open_page) -> None:
    site.config(markdown_extensions=MARKDOWN)
    for folder in ("pillole/calendario/", "percorsi/", ""):
        site.write(folder + "foto.png", PNG)
    site.pill("calendario", pill_text().replace("Testo della pillola.\n", TEXT))
    site.learning_path("base", path_text(body=TEXT))
    site.write("index.md", "---\ntitle: Home\n---\n" + TEXT)
    site.write("pillole/calendario/pagina.html", "<script>alert('html')</script>")
    site.write("pillole/calendario/disegno.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'svg\')"/>')
    built = site.build()
    assert built.returncode == 0, built.stderr
    base = serve(site.out)

    visit = open_page(base + "index.html")
    page = visit.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # 404.html is MkDocs' error page for a server's root: it links its assets from '/'.
    pages = sorted(p.relative_to(site.out).as_posix() for p in site.out.rglob("*.html") if p.name != "404.html")
    assert {"index.html", "pillole/calendario/index.html", "percorsi/base.html"} <= set(pages)
    for relative in pages:
        page.goto(base + relative)
        page.wait_for_load_state("load")
        for _ in range(6):  # focus moves through the page: an autofocus or onfocus would fire
            page.keyboard.press("Tab")
        page.evaluate(FIRE_EVERY_EVENT)
        assert page.evaluate("typeof window.__pwned") == "undefined", relative

    page.goto(base + "pillole/calendario/index.html")
    page.locator(".pillole-body a", has_text="Apri").click()  # its javascript: link is gone
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(".pillole-body img[alt=Foto]").evaluate("img => img.complete && img.naturalWidth") == 1

    for unpublished in ("pillole/calendario/pagina.html", "pillole/calendario/disegno.svg"):
        response = page.goto(base + unpublished)
        assert response is not None and response.status == 404, unpublished

    assert dialogs == []
    assert visit.outside(base) == [], "\n".join(visit.requests)
