"""The templates compiled once and kept in the cache folder (render/templates.py:
compiled_templates): the theme's and Pillole's, for the main process and every page worker."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
import material
import pytest
from mkdocs.theme import Theme

from pillole.i18n import Labels
from pillole.render.templates import OWN_TEMPLATES, Renderer, compile_ahead, compiled_templates
from support import Site


def _kept(cache: Path, environment: str, template: Path, name: str) -> Path:
    """Where the compiled `template` of `environment` is kept (Jinja's key: the name and the file)."""
    key = hashlib.sha1(f"{name}|{template}".encode()).hexdigest()
    return cache / f"templates-{jinja2.__version__}" / f"{environment}-{key}.cache"


def _compile_again(*args: object, **kwargs: object) -> None:
    raise AssertionError("compiled again")


def test_a_build_keeps_the_themes_and_pillole_s_templates_compiled(site: Site) -> None:
    site.config(plugins=[{"pillole": {"page_jobs": 2}}])
    done = site.build("--strict")
    assert done.returncode == 0, done.stderr
    cache = site.root / ".cache" / "pillole"
    theme = Path(material.__file__).parent / "templates"
    assert _kept(cache, "theme", theme / "main.html", "main.html").is_file()  # in MkDocs' environment
    assert _kept(cache, "pillole", OWN_TEMPLATES / "pillole" / "pill.html", "pillole/pill.html").is_file()
    assert not _kept(cache, "theme", OWN_TEMPLATES / "pillole" / "pill.html", "pillole/pill.html").exists()
    # compiled ahead (render/templates.py:compile_ahead), though no page of this site shows a
    # media notice: no worker would have compiled it
    assert _kept(cache, "pillole", OWN_TEMPLATES / "pillole" / "media_state.html", "pillole/media_state.html").is_file()
    first = site.page("pillole/calendario/index.html")
    again = site.build("--strict")
    assert again.returncode == 0, again.stderr
    assert site.page("pillole/calendario/index.html") == first


def test_a_template_compiled_by_an_earlier_renderer_is_not_compiled_again(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    labels = Labels("it")
    first = Renderer(labels, compiled=compiled_templates(tmp_path, "pillole")).render("pillole/footer.html", "a.html", generator=False)

    monkeypatch.setattr(jinja2.Environment, "compile", _compile_again)
    assert Renderer(labels, compiled=compiled_templates(tmp_path, "pillole")).render(
        "pillole/footer.html", "a.html", generator=False) == first
    with pytest.raises(AssertionError, match="compiled again"):  # without the kept ones, it would be
        Renderer(labels).render("pillole/footer.html", "a.html", generator=False)


def test_each_environment_has_its_own_compiled_templates(tmp_path: Path) -> None:
    """Jinja keys a compiled template by name and file only; autoescaping is compiled in. A
    template MkDocs' environment (no autoescaping) compiled first must still be escaped when
    Pillole's environment renders it."""
    (tmp_path / "t.html").write_text("{{ x }}", encoding="utf-8")
    cache = tmp_path / "cache"

    def render(environment: str, autoescape: bool) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=autoescape,
                                 bytecode_cache=compiled_templates(cache, environment))
        return env.get_template("t.html").render(x="<b>")

    assert render("theme", autoescape=False) == "<b>"
    assert render("pillole", autoescape=True) == "&lt;b&gt;"
    assert render("theme", autoescape=False) == "<b>"


def test_compiled_ahead_a_page_renders_without_compiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the build compiles in a forked process while it reads the content: the theme's
    main.html with every template it includes, imports or extends, and Pillole's own."""
    (tmp_path / "broken.html").write_text("{{ x|no_such_filter }}", encoding="utf-8")
    (tmp_path / "page.html").write_text('{% include "broken.html" ignore missing %}{% extends "main.html" %}', encoding="utf-8")
    theme = Path(material.__file__).parent / "templates"

    def environment() -> jinja2.Environment:  # MkDocs' (its filters), with a custom_dir
        env = Theme(name="material", custom_dir=str(tmp_path)).get_env()
        env.bytecode_cache = compiled_templates(tmp_path / "cache", "theme")
        return env

    compile_ahead(environment(), ["page.html"])  # a template that does not compile is left out
    assert _kept(tmp_path / "cache", "theme", theme / "partials" / "header.html", "partials/header.html").is_file()
    assert not _kept(tmp_path / "cache", "theme", tmp_path / "broken.html", "broken.html").exists()
    labels = Labels("it")
    Renderer(labels, compiled=compiled_templates(tmp_path / "cache", "pillole")).compile_own()

    monkeypatch.setattr(jinja2.Environment, "compile", _compile_again)
    for name in ("main.html", "partials/header.html", "partials/nav.html", "base.html"):
        environment().get_template(name)
    assert Renderer(labels, compiled=compiled_templates(tmp_path / "cache", "pillole")).render(
        "pillole/footer.html", "a.html", generator=False)
    Renderer(labels, compiled=compiled_templates(tmp_path / "cache", "pillole")).env.get_template("pillole/pill.html")
