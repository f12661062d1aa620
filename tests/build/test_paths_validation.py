"""Every learning-path rule through a real `mkdocs build` and `pillole check`.

Each case adds one broken path to the minimal fixture site (pill 'calendario', people
giulia-rossi and marco-bianchi, team vendite) and asserts the exact line a mentor reads.
Front-matter lines of the default path: 2 title, 3 description, 4 steps, 5 its first item,
6 badge, 7 badge.name, 8 badge.icon; added keys follow from line 9.
"""

from __future__ import annotations

from typing import Callable

import pytest

from support import Site, path_text

B = "content/percorsi/base.md"

CASES: dict[str, tuple[Callable[[Site], object], str]] = {
    "unknown-pill": (
        lambda s: s.learning_path("base", steps=["calendaro"]),
        f"{B}:5: steps[0]: 'calendaro' is not a known pill; did you mean 'calendario'?",
    ),
    "unknown-pill-in-section": (
        lambda s: s.learning_path("base", steps=[{"section": "Inizio", "steps": ["calendario", "meteo"]}]),
        f"{B}:8: steps[0].steps[1]: 'meteo' is not a known pill; "
        "use the name of a folder in content/pillole/ or a clip's slug",
    ),
    "step-twice": (
        lambda s: s.learning_path("base", steps=["calendario", {"section": "Ripasso", "steps": ["calendario"]}]),
        f"{B}:8: steps[1].steps[0]: 'calendario' is already a step of this path (line 5); list each pill once",
    ),
    "no-steps": (
        lambda s: s.learning_path("base", steps=[]),
        f"{B}:4: steps: must be a non-empty list of pill ids; "
        "write each step on a line starting with '- ', e.g. '- password-manager-e-mfa'",
    ),
    "section-without-steps": (
        lambda s: s.learning_path("base", steps=[{"section": "Inizio"}]),
        f"{B}:5: steps[0].steps: needs a list of at least one pill id; "
        "write the section's steps below it: 'steps: [slug-1, slug-2]'",
    ),
    "unknown-prerequisite": (
        lambda s: (s.learning_path("avanzato", title="Avanzato"), s.learning_path("base", prerequisites=["avanzata"])),
        f"{B}:10: prerequisites[0]: 'avanzata' is not a known path; did you mean 'avanzato'?",
    ),
    "prerequisite-cycle": (
        lambda s: (s.learning_path("avanzato", prerequisites=["esperto"]),
                   s.learning_path("esperto", prerequisites=["base"]),
                   s.learning_path("base", prerequisites=["avanzato"])),
        f"{B}:10: prerequisites[0]: prerequisites form a cycle: base → avanzato → esperto → base; "
        "a path cannot require itself, even through other paths; remove one of these prerequisites",
    ),
    "prerequisite-itself": (
        lambda s: s.learning_path("base", prerequisites="base"),
        f"{B}:9: prerequisites: prerequisites form a cycle: base → base; "
        "a path cannot require itself, even through other paths; remove one of these prerequisites",
    ),
    "unknown-audience": (
        lambda s: s.learning_path("base", audience=["vendit"]),
        f"{B}:10: audience[0]: 'vendit' is not a known person or team; did you mean 'vendite'?",
    ),
    "pass-mark-over-100": (
        lambda s: s.learning_path("base", pass_mark=120),
        f"{B}:9: pass_mark: '120' is not a percentage from 0 to 100; write a whole number, e.g. pass_mark: 70",
    ),
    "pass-mark-text": (
        lambda s: s.learning_path("base", pass_mark="tanto"),
        f"{B}:9: pass_mark: 'tanto' is not a percentage from 0 to 100; write a whole number, e.g. pass_mark: 70",
    ),
    "missing-badge": (
        lambda s: s.learning_path("base", badge=None),
        f"{B}: badge: is required; add 'badge: {{name: ..., icon: \"🛡️\", description: ...}}'",
    ),
    "badge-icon-not-emoji": (
        lambda s: s.learning_path("base", badge={"name": "Guardiano", "icon": "shield"}),
        f"{B}:8: badge.icon: 'shield' is not an emoji; "
        "write one emoji in quotes, e.g. icon: \"🛡️\" (icon names are not supported)",
    ),
    "missing-title": (
        lambda s: s.learning_path("base", title=None),
        f"{B}: title: is required; add 'title: ...'",
    ),
    "unknown-key": (
        lambda s: s.learning_path("base", prerequisite=["x"]),
        f"{B}:9: prerequisite: 'prerequisite' is not a known field; did you mean 'prerequisites'?",
    ),
    "reserved-index": (
        lambda s: s.learning_path("index"),
        "content/percorsi/index.md: 'index.md' is reserved for the generated list of paths; "
        "rename the file, e.g. 'percorso-base.md'",
    ),
    "yaml-syntax": (
        lambda s: s.learning_path("base", "---\ntitle: [Base\nsteps: x\n---\nTesto\n"),
        f"{B}:3: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'; "
        "check the indentation, and put values with ':' or '#' in quotes",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_path_rule_is_reported_by_build_and_check(site: Site, case: str) -> None:
    breaker, expected = CASES[case]
    breaker(site)
    site.assert_rejected(expected)


def test_valid_path_builds_clean(site: Site) -> None:
    site.learning_path("base", path_text(pass_mark="80%", prerequisites=[], audience=["vendite"]))
    built = site.build("--strict")
    assert built.returncode == 0, built.stderr
    assert site.check().returncode == 0
