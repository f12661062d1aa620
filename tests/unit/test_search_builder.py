"""The index builder: shard keys, file layout, lunr head shards, postings, moments, facets."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from lunr.index import Index

from pillole.search import pipeline
from pillole.search.builder import (
    DOCS_PER_CHUNK,
    TEXT_STRIDE,
    Cue,
    SearchDocument,
    build_index,
    duration_label,
    file_key,
    lunr_js_path,
    shard_keys,
    shard_of,
    write_assets,
    write_head,
)
from pillole.search.synthetic import synthetic_documents


def read(path: Path) -> tuple[str, object, object]:
    """Parse a data file `__pillole_search(kind, key, data);` back into its three values."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("__pillole_search(") and text.endswith(");\n")
    return tuple(json.loads("[" + text[len("__pillole_search("):-3] + "]"))


DOCS = [
    SearchDocument(
        id="calendario", url="pillole/calendario/", title="Il calendario condiviso",
        summary="Pianificare riunioni senza email.", tags=("calendario", "agenda"),
        people=("Giulia Rossi", "Marco Bianchi"), body="Apri il calendario.",
        cues=(Cue(0, "Benvenuti."), Cue(12.5, "Condividere la disponibilità."), Cue(133, "La disponibilità conta.")),
        facets={"area": ["Tecnologia"], "tag": ["calendario", "agenda"], "mentor": ["Giulia Rossi"]},
        kind="video", duration=200.0),
    SearchDocument(
        id="competenze", url="pillole/competenze/", title="Competenze digitali",
        summary="Una mappa delle competenze.", tags=("competenze",), people=("Sara Colombo",),
        body="La competenza digitale.", facets={"area": ["Innovazione"], "tag": ["competenze"]}, kind="text"),
]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    build_index(DOCS, tmp_path, "it", head_budget=100, text_budget=120)
    return tmp_path


def test_shard_keys_respect_the_budget_and_cover_every_term() -> None:
    sizes = {"compet": 50, "competent": 60, "comun": 30, "cal": 10, "calend": 20, "zeta": 5}
    keys = shard_keys(sizes, 70)
    weight: dict[str, int] = {}
    for term, size in sizes.items():
        key = shard_of(term, set(keys))
        assert term.startswith(key)
        weight[key] = weight.get(key, 0) + size
    assert all(w <= 70 for w in weight.values())
    assert shard_keys(sizes, 10_000) == [""]  # everything fits one shard


def test_a_term_heavier_than_the_budget_gets_its_own_key() -> None:
    keys = shard_keys({"riunion": 500, "riso": 5, "casa": 5}, 100)
    assert keys == ["", "ri", "riunion"]  # no empty keys on the way down to the heavy term


def test_shard_of_is_the_longest_prefix() -> None:
    keys = {"", "c", "co", "comp"}
    assert shard_of("competent", keys) == "comp"
    assert shard_of("cort", keys) == "co"
    assert shard_of("zeta", keys) == ""


def test_file_keys_are_safe_names() -> None:
    assert file_key("") == "_"
    assert file_key("comp") == "comp"
    assert file_key("ø") == "xc3b8"


def test_layout_and_manifest(built: Path) -> None:
    kind, key, manifest = read(built / "manifest.js")
    assert (kind, key) == ("manifest", None)
    assert manifest["lang"] == "it" and manifest["count"] == 2
    assert set(manifest["stop"]) == pipeline.stop_words("it")
    assert manifest["text"]["fields"] == ["people", "summary", "body", "transcript"]
    assert len(manifest["text"]["boosts"]) == TEXT_STRIDE - 2 and manifest["chunk"] == DOCS_PER_CHUNK
    assert len(manifest["head"]["keys"]) > 1 and len(manifest["text"]["keys"]) > 1  # tiny budgets shard
    for key in manifest["head"]["keys"]:
        assert (built / "head" / f"{manifest['files'].get(key, key)}.js").exists()
    assert len(manifest["version"]) == 12


def test_head_shards_are_lunr_indexes_with_our_pipeline(built: Path) -> None:
    _, _, manifest = read(built / "manifest.js")
    key = shard_of("calendar", set(manifest["head"]["keys"]))
    kind, shard_key, data = read(built / "head" / f"{manifest['files'].get(key, key)}.js")
    assert (kind, shard_key) == ("head", key)
    assert data["pipeline"] == ["pillole-it"] and data["fields"] == ["title", "tags"]
    pipeline.lunr_function("it")
    index = Index.load(data)
    hits = index.search("calendari")  # the search pipeline stems it like the builder did
    assert [h["ref"] for h in hits] == ["0"]
    assert set(hits[0]["match_data"].metadata["calendar"]) == {"title", "tags"}


def test_text_postings_carry_fields_and_first_cue(built: Path) -> None:
    _, _, manifest = read(built / "manifest.js")
    term = pipeline.terms("disponibilità")[0]
    key = shard_of(term, set(manifest["text"]["keys"]))
    _, _, shard = read(built / "text" / f"{manifest['files'].get(key, key)}.js")
    # doc 0; people, summary, body tf 0; transcript tf 2; first cue 1
    assert shard[term] == [0, 0, 0, 0, 2, 1]
    competent = pipeline.terms("competenza")[0]
    key = shard_of(competent, set(manifest["text"]["keys"]))
    _, _, shard = read(built / "text" / f"{manifest['files'].get(key, key)}.js")
    assert shard[competent] == [1, 0, 1, 1, 0, -1]  # delta 1 -> doc 1; summary and body; never spoken
    rossi = pipeline.terms("Rossi")[0]
    key = shard_of(rossi, set(manifest["text"]["keys"]))
    _, _, shard = read(built / "text" / f"{manifest['files'].get(key, key)}.js")
    assert shard[rossi] == [0, 1, 0, 0, 0, -1]  # a person's name, in the people field


def test_docs_cues_and_facets(built: Path) -> None:
    _, chunk, rows = read(built / "docs" / "0.js")
    assert chunk == 0
    assert rows[0] == ["calendario", "pillole/calendario/", "Il calendario condiviso",
                       "Pianificare riunioni senza email.", "video", 200.0]
    _, doc, cues = read(built / "cues" / "0.js")
    assert doc == 0 and cues[2] == [133, "La disponibilità conta."]
    assert not (built / "cues" / "1.js").exists()
    _, _, facets = read(built / "facets.js")
    assert facets["kind"]["values"] == ["Testo", "Video"]
    assert facets["kind"]["docs"] == [[1], [0]]
    assert facets["duration"] == {"values": ["fino a 5 min"], "docs": [[0], []]}
    assert facets["tag"]["values"] == ["agenda", "calendario", "competenze"]


def test_rebuild_replaces_old_shards(tmp_path: Path) -> None:
    build_index(DOCS, tmp_path, head_budget=100, text_budget=120)
    build_index(DOCS[:1], tmp_path)
    assert sorted(p.name for p in (tmp_path / "head").iterdir()) == ["_.js"]


def test_a_rebuild_writes_over_the_previous_files_and_deletes_the_rest(tmp_path: Path) -> None:
    build_index(DOCS, tmp_path, head_budget=100, text_budget=120)
    manifest = (tmp_path / "manifest.js").stat().st_ino
    (tmp_path / "text" / "vecchio.js").write_text("una parte tolta")
    (tmp_path / "cues" / "vecchia").mkdir(parents=True)
    (tmp_path / "cues" / "vecchia" / "x.js").write_text("una parte tolta")
    (tmp_path / "altro.txt").write_text("non dell'indice")
    build_index(DOCS, tmp_path, head_budget=100, text_budget=120)
    assert (tmp_path / "manifest.js").stat().st_ino == manifest  # written over, not made again
    assert not (tmp_path / "text" / "vecchio.js").exists() and not (tmp_path / "cues" / "vecchia").exists()
    assert (tmp_path / "altro.txt").read_text() == "non dell'indice"


def test_duration_buckets() -> None:
    assert duration_label(None, "it") is None
    assert duration_label(300, "it") == "fino a 5 min"
    assert duration_label(301, "en") == "5-15 min"
    assert duration_label(3600, "it") == "oltre 15 min"


def test_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        build_index(DOCS, tmp_path, "fr")


def test_assets_come_from_us_and_from_mkdocs(tmp_path: Path) -> None:
    names = {p.name for p in write_assets(tmp_path)}
    assert names == {"italian.js", "engine.js", "search.js", "lunr.js"}
    assert 'lunr.version = "2.3.9"' in lunr_js_path().read_text(encoding="utf-8")


def test_synthetic_pills_scale_in_shards(tmp_path: Path) -> None:
    stats = build_index(synthetic_documents(300), tmp_path)
    assert stats.bytes["cues"] > stats.bytes["head"]  # transcripts dominate, and load per pill
    largest_head = max(p.stat().st_size for p in (tmp_path / "head").iterdir())
    assert largest_head < 100_000


def test_an_empty_site_still_gets_a_manifest(tmp_path: Path) -> None:
    stats = build_index([], tmp_path)
    _, _, manifest = read(tmp_path / "manifest.js")
    assert manifest["count"] == 0 and manifest["head"]["keys"] == [] and manifest["text"]["keys"] == []
    assert stats.files == 2  # manifest and facets


def test_a_rebuild_reads_again_only_the_edited_pill_and_writes_what_a_fresh_build_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` builds the index again after each save: the pills whose text did not
    change are not tokenized again, and the files are byte for byte those of a fresh build."""
    import dataclasses

    from pillole.build_memo import BuildMemo
    from pillole.search import builder

    docs = synthetic_documents(150)
    build_index(docs, tmp_path / "first", reuse=True)
    edited = list(docs)
    edited[7] = dataclasses.replace(docs[7], title="Un titolo nuovo", body=docs[7].body + " Novità assoluta.")
    tokenized: list[str] = []
    real = builder.text_terms
    monkeypatch.setattr(builder, "text_terms", lambda doc, lang: tokenized.append(doc.id) or real(doc, lang))
    build_index(edited, tmp_path / "again", reuse=True)
    assert tokenized == [docs[7].id]

    monkeypatch.setattr(builder, "_terms_memo", BuildMemo())
    monkeypatch.setattr(builder, "_head_memo", BuildMemo())
    build_index(edited, tmp_path / "fresh")  # without reuse: every pill, as `mkdocs build` does
    assert len(tokenized) == 1 + len(docs)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert files(tmp_path / "again") == files(tmp_path / "fresh") != files(tmp_path / "first")


def test_the_head_written_first_gives_the_index_the_whole_build_writes(tmp_path: Path) -> None:
    """A build writes the head while its pages are rendered, the text part after them: the
    files are those one call writes, and the head written first is not removed."""
    docs = synthetic_documents(120)
    build_index(docs, tmp_path / "one")
    head = write_head(docs, tmp_path / "two", "it")
    stats = build_index(docs, tmp_path / "two", "it", head=head)

    def tree(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert one == two
    assert any(name.startswith("head/") for name in two) and any(name.startswith("docs/") for name in two)
    assert stats.files == len(two)


def test_the_manifest_version_changes_with_the_head_and_with_the_text(tmp_path: Path) -> None:
    docs = synthetic_documents(30)

    def version(documents: list[SearchDocument]) -> str:
        build_index(documents, tmp_path)
        return read(tmp_path / "manifest.js")[2]["version"]  # type: ignore[index]

    first = version(docs)
    assert version(docs) == first
    assert version([replace(docs[0], title=docs[0].title + " nuovo"), *docs[1:]]) != first  # head only
    assert version([replace(docs[0], body=docs[0].body + " parolanuova"), *docs[1:]]) != first  # text only
