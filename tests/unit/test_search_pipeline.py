"""The Italian text pipeline (Python side): folding, elision, stop words, Snowball stemming."""

from __future__ import annotations

from pathlib import Path

import pytest

from pillole.search import italian, pipeline

WORDS_FILE = Path(__file__).resolve().parent.parent / "search" / "italian_words.txt"


def test_fold_lowercases_and_strips_accents() -> None:
    assert pipeline.fold("Perché CITTÀ Università") == "perche citta universita"
    assert pipeline.fold("citta\u0300") == "citta"  # decomposed input
    assert pipeline.fold("naïve Ørsted") == "naive ørsted"  # ø is a letter, not an accent


def test_words_split_at_apostrophes_and_punctuation() -> None:
    assert pipeline.words("L'intelligenza dell'azienda, un’app!") == [
        "l", "intelligenza", "dell", "azienda", "un", "app"]
    assert pipeline.words("e-mail 2026; ok_ciao") == ["e", "mail", "2026", "ok", "ciao"]


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("l'intelligenza", ["intelligent"]),
        ("dell'azienda", ["azi"]),
        ("un'app", ["app"]),
        ("nell’ambito", ["ambit"]),
        ("quest'anno", ["anno"]),
        ("competenza competenze", ["competent", "competent"]),
        ("conoscenza", ["conoscent"]),
        ("città citta", ["citt", "citt"]),
        ("università universita", ["univers", "univers"]),
        ("comunicazione comunicazioni", ["comun", "comun"]),
        ("velocemente", ["veloc"]),
        ("della e per il di che", []),
    ],
)
def test_italian_terms(text: str, terms: list[str]) -> None:
    assert pipeline.terms(text, "it") == terms


def test_accents_meet_after_folding() -> None:
    """Folding happens before stemming, so typing without accents finds accented words."""
    for accented, plain in [("perché", "perche"), ("possibilità", "possibilita"), ("caffè", "caffe"),
                            ("è", "e"), ("lunedì", "lunedi")]:
        assert pipeline.terms(accented) == pipeline.terms(plain)


def test_term_counts_are_the_counts_of_terms() -> None:
    """The index counts terms per distinct word; the counts must be those of the term list."""
    from collections import Counter

    text = ("Perché la CITTÀ e la città, dell'azienda e delle aziende: l'università "
            "e le università, naïve Ørsted e citta\u0300 " * 3)
    for lang in ("it", "en"):
        assert pipeline.term_counts(text, lang) == Counter(pipeline.terms(text, lang))
    assert pipeline.term_counts(text)["citt"] == 9  # CITTÀ, città, citta + grave accent, three times


def test_stop_words_are_folded_and_cover_elided_forms() -> None:
    stops = pipeline.stop_words("it")
    assert {"perche", "piu", "dell", "nell", "quest", "un", "l"} <= stops
    assert all(pipeline.fold(w) == w for w in stops)
    assert "competenza" not in stops and "azienda" not in stops


def test_english_uses_lunr_stemmer_and_stop_words() -> None:
    assert pipeline.terms("The running companies are searching", "en") == ["run", "compani", "search"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("parlandogli", "parl"),  # attached pronoun after a gerund
        ("parlarmi", "parl"),  # attached pronoun after an infinitive: -ar + e, then verb suffix
        ("divano", "divan"),  # the exception in the region definition
        ("aiuola", "aiuol"),  # i/u between vowels are consonants
        ("questo", "quest"),  # u after q
        ("psicologia", "psicolog"),
        ("amichevolmente", "amichevol"),
        ("sostenibilità", "sostenibil"),
        ("probabilità", "probabil"),  # -ità, then -abil in R2
        ("finiscono", "fin"),
        ("bianchi", "bianc"),  # ch -> c
    ],
)
def test_stemmer_known_cases(word: str, stem: str) -> None:
    assert italian.stem(word) == stem


def test_stemmer_agrees_with_snowball_reference() -> None:
    """The snowballstemmer package (the official generated code) as a reference, raw words."""
    snowball = pytest.importorskip("snowballstemmer").stemmer("italian")
    words = [w for w in WORDS_FILE.read_text(encoding="utf-8").split() if "'" not in w and "’" not in w
             and not w.startswith("#")]
    words = [w for w in words if w.isalpha()]
    mismatches = [(w, italian.stem(w), snowball.stemWord(w)) for w in words if italian.stem(w) != snowball.stemWord(w)]
    assert len(words) > 500 and not mismatches, mismatches[:10]


def test_lunr_pipeline_function_is_registered_and_splits_elisions() -> None:
    from lunr.pipeline import Pipeline
    from lunr.token import Token

    pipeline.lunr_function("it")
    assert pipeline.lunr_function("it") is Pipeline.registered_functions["pillole-it"]
    loaded = Pipeline.load(["pillole-it"])
    assert [str(t) for t in loaded.run([Token("Dell'Università"), Token("della")])] == ["univers"]
