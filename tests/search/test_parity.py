"""The browser pipeline (assets/search/italian.js in Chromium) gives the Python tokens.

If the two sides disagree on a single word, a Python-built index finds nothing for it in
the browser (issue 5: nltk vs lunr-languages on "competenza"), so every word counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pillole.search import italian, pipeline
from pillole.search.builder import ASSETS_DIR, lunr_js_path

WORDS_FILE = Path(__file__).with_name("italian_words.txt")
SENTENCES = [
    "L'intelligenza artificiale dell'azienda, un'app e l’università: perché no?",
    "Città, CITTÀ, citta e Citta\u0300 sono la stessa parola.",
    "Quest'anno all'ufficio nell'ambito dell’innovazione c'è più qualità.",
    "Parlandogli velocemente, finiscono per capirsi: è la comunicazione!",
]
ENGLISH = ["running", "companies", "searching", "mentoring", "generations", "don't", "café", "reverse"]

pytestmark = pytest.mark.browser


def italian_words() -> list[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def js(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><meta charset='utf-8'><title>parity</title>")
    page.add_script_tag(path=str(lunr_js_path()))
    page.add_script_tag(path=str(ASSETS_DIR / "italian.js"))
    yield page
    context.close()


def test_word_list_is_large_and_varied():
    words = italian_words()
    assert len(words) >= 500
    assert len(set(words)) == len(words)
    for sample in ("competenza", "comunicazioni", "velocemente", "città", "dell'azienda", "l’app", "finiscono"):
        assert sample in words


def test_italian_terms_match_in_chromium(js):
    texts = italian_words() + SENTENCES
    stops = sorted(pipeline.stop_words("it"))
    browser_terms = js.evaluate(
        "([texts, stops]) => texts.map(t => PilloleText.terms(t, 'it', stops))", [texts, stops])
    python_terms = [pipeline.terms(t, "it") for t in texts]
    mismatches = [(t, p, b) for t, p, b in zip(texts, python_terms, browser_terms) if p != b]
    assert not mismatches, mismatches[:20]
    assert sum(len(t) for t in python_terms) > 500


def test_stemmer_matches_on_raw_accented_words(js):
    """The stemmers themselves agree before folding too (accented vowels are in the algorithm)."""
    words = [w for w in italian_words() if "'" not in w and "’" not in w]
    browser_stems = js.evaluate("words => words.map(w => PilloleText.stemIt(w))", words)
    mismatches = [(w, italian.stem(w), b) for w, b in zip(words, browser_stems) if italian.stem(w) != b]
    assert not mismatches, mismatches[:20]


def test_english_terms_match_in_chromium(js):
    stops = sorted(pipeline.stop_words("en"))
    browser_terms = js.evaluate(
        "([texts, stops]) => texts.map(t => PilloleText.terms(t, 'en', stops))", [ENGLISH, stops])
    assert browser_terms == [pipeline.terms(t, "en") for t in ENGLISH]


def test_same_lunr_pipeline_label_on_both_sides(js):
    pipeline.lunr_function("it")
    from lunr.pipeline import Pipeline
    from lunr.token import Token

    assert "pillole-it" in Pipeline.registered_functions
    loaded = js.evaluate("""(stops) => {
        PilloleText.register(lunr, 'it', stops);
        const p = lunr.Pipeline.load(['pillole-it']);
        return p.run([new lunr.Token("Competenze", {}), new lunr.Token("della", {}), new lunr.Token("dell’Università", {})]).map(String);
    }""", sorted(pipeline.stop_words("it")))
    assert loaded == ["competent", "univers"]
    python = Pipeline.load(["pillole-it"]).run([Token("Competenze"), Token("della"), Token("dell’Università")])
    assert [str(t) for t in python] == loaded
