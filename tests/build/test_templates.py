"""A site changes Pillole's pages by overriding a template in its theme's custom_dir."""

from __future__ import annotations

from pathlib import Path

from support import Site


def test_a_custom_dir_template_overrides_the_pill_page(site: Site) -> None:
    site.config(theme={"name": "material", "language": "it", "font": False, "custom_dir": "overrides"})
    site.pill("calendario", title="Il calendario <script>alert(1)</script>")
    (site.root / "overrides" / "pillole").mkdir(parents=True)
    (site.root / "overrides" / "pillole" / "pill.html").write_text(
        '{% import "pillole/macros.html" as m with context %}'
        '<h1 class="acme-title">{{ pill.title }}</h1>'
        '<p class="acme-mentor">Spiegata da {{ m.links(mentors) }}</p>'
        '<div class="acme-body">{{ body }}</div>', encoding="utf-8")
    result = site.build()  # not --strict: the title's markup is a warning
    assert result.returncode == 0, result.stderr
    page = site.page("pillole/calendario/index.html")
    assert '<h1 class="acme-title">Il calendario &lt;script&gt;alert(1)&lt;/script&gt;</h1>' in page
    assert '<p class="acme-mentor">Spiegata da <a href="../../persone/giulia-rossi.html">Giulia Rossi</a></p>' in page
    assert '<div class="acme-body"><p>Testo della pillola.</p></div>' in page
    assert "pillole-meta" not in page  # the package's own pill.html was not used
    # every other page keeps the package's templates
    assert '<ul class="pillole-cards" data-pillole-progress-saved>' in site.page("tag/cloud.html")


def test_the_readme_example_override_builds(site: Site) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```jinja\n", 1)[1].split("```", 1)[0]
    site.config(theme={"name": "material", "language": "it", "font": False, "custom_dir": "overrides"})
    (site.root / "overrides" / "pillole").mkdir(parents=True)
    (site.root / "overrides" / "pillole" / "pill.html").write_text(example, encoding="utf-8")
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    page = site.page("pillole/calendario/index.html")
    assert '<p>Spiegata da <a href="../../persone/giulia-rossi.html">Giulia Rossi</a> · Base</p>' in page
