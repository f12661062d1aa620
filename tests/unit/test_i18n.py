"""The one label table: every language has every key, and the same placeholders."""

from __future__ import annotations

import re

from pillole.i18n import LABELS, LANGUAGES, Labels, site_language

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_language_has_every_key_with_the_same_placeholders() -> None:
    assert set(LABELS) == set(LANGUAGES)
    reference = LABELS[LANGUAGES[0]]
    for language in LANGUAGES:
        table = LABELS[language]
        assert set(table) == set(reference), f"{language}: {set(reference) ^ set(table)}"
        for key, text in table.items():
            assert set(_PLACEHOLDER.findall(text)) == set(_PLACEHOLDER.findall(reference[key])), (language, key)


def test_unknown_language_falls_back_to_the_default() -> None:
    assert site_language("fr") == LANGUAGES[0]
    assert Labels("fr").language == LANGUAGES[0]
    assert Labels("en")("search") == "Search"


def test_subset_keeps_placeholders_for_the_browser() -> None:
    assert Labels("it").subset(("progress_count",)) == {"progress_count": "{done} di {total} completate"}


def test_theme_words_are_corrections_in_languages_pillole_speaks() -> None:
    from pillole.i18n import THEME_WORDS

    assert set(THEME_WORDS) <= set(LANGUAGES)
    assert THEME_WORDS["it"]["tabs"] == "Sezioni del sito"  # Material's Italian leaves it "Tabs"
