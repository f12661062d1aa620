"""The studio's configuration is derived from the content model: every front-matter key has a
field, choices come from the registries and vocabularies, and IT's options are checked."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pillole.model import Catalog, Person, Pill, Settings, Tag, Team
from pillole.paths import BADGE_KEYS, PATH_KEYS
from pillole.studio.config import FIELD_OF_KEY, studio_config
from pillole.studio.options import DEFAULT_LOCAL_BACKEND, StudioError, studio_options
from pillole.timecode import parse_time
from pillole.validate import CLIP_KEYS, PERSON_KEYS, PILL_KEYS, SLUG, TAG_KEYS, TEAM_KEYS

GITLAB = {"backend": "gitlab", "repo": "formazione/pillole", "app_id": "abc123",
          "base_url": "https://gitlab.example.it"}


def catalog() -> Catalog:
    settings = Settings(areas={"tecnologia": "Tecnologia", "persone": "Persone e culture"})
    cat = Catalog(settings)
    cat.teams = {"vendite": Team("vendite", "Direzione vendite")}
    cat.people = {"giulia-rossi": Person("giulia-rossi", "Giulia Rossi", "Digital specialist", "vendite"),
                  "marco-bianchi": Person("marco-bianchi", "Marco Bianchi")}
    cat.tags = {"cloud": Tag("cloud", "Cloud", aliases=("nuvola",)), "mfa": Tag("mfa", "Autenticazione a più fattori")}
    cat.pills = {"calendario": Pill("calendario", "pillole/calendario/index.md", "Il calendario", "x",
                                    ("giulia-rossi",), ("cloud",), "tecnologia")}
    return cat


def config(**options: Any) -> dict[str, Any]:
    opts = studio_options({**GITLAB, **options})
    assert opts is not None
    return studio_config(catalog(), opts, docs_dir="content", preview_styles=("assets/stylesheets/main.x.min.css",))


def collection(cfg: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in cfg["decap"]["collections"] if c["name"] == name)


def fields(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in items}


def test_every_front_matter_key_of_a_pill_has_a_field() -> None:
    pill = fields(collection(config(), "pillole")["fields"])
    for key in PILL_KEYS:
        assert set(FIELD_OF_KEY.get(key, (key,))) <= set(pill), key
    assert set(pill) - {"body"} <= {name for key in PILL_KEYS for name in FIELD_OF_KEY.get(key, (key,))}
    assert set(fields(pill["clips"]["fields"])) == set(CLIP_KEYS)
    quiz = fields(pill["quiz"]["fields"])
    assert set(quiz) == {"question", "answers"}
    assert set(fields(quiz["answers"]["fields"])) == {"text", "correct", "explanation"}
    assert quiz["answers"]["min"] == 2
    assert set(fields(pill["trim"]["fields"])) == {"start", "end"}
    assert set(fields(pill["chapters"]["fields"])) == {"at", "title"}


def test_every_key_of_paths_and_registries_has_a_field() -> None:
    cfg = config()
    path = fields(collection(cfg, "percorsi")["fields"])
    assert set(path) - {"body"} == set(PATH_KEYS)
    assert set(fields(path["badge"]["fields"])) == set(BADGE_KEYS)
    files = {c["name"]: fields(c["files"][0]["fields"]) for c in (collection(cfg, "persone"), collection(cfg, "tag"))}
    assert set(fields(files["persone"]["people"]["fields"])) == set(PERSON_KEYS)
    assert set(fields(files["persone"]["teams"]["fields"])) == set(TEAM_KEYS)
    assert set(fields(files["tag"]["items"]["fields"])) == set(TAG_KEYS)


def test_pills_live_in_their_own_folder_with_their_media() -> None:
    pills = collection(config(), "pillole")
    assert pills["folder"] == "content/pillole"
    assert pills["path"] == "{{slug}}/index"
    assert (pills["media_folder"], pills["public_folder"]) == ("", "")
    assert pills["format"] == "pillole-pill"


def test_choices_show_names_and_labels_and_write_ids() -> None:
    pill = fields(collection(config(), "pillole")["fields"])
    assert pill["mentor"]["widget"] == "select" and pill["mentor"]["multiple"]
    assert {"label": "Giulia Rossi (Digital specialist, Direzione vendite)", "value": "giulia-rossi"} in pill["mentor"]["options"]
    assert {"label": "Marco Bianchi", "value": "marco-bianchi"} in pill["mentor"]["options"]
    assert all(o["value"] != "vendite" for o in pill["mentor"]["options"])  # a team never mentors
    assert {"label": "Team: Direzione vendite", "value": "vendite"} in pill["audience"]["options"]
    assert {"label": "Cloud (anche: nuvola)", "value": "cloud"} in pill["tags"]["options"]
    assert pill["area"]["options"] == [{"label": "Tecnologia", "value": "tecnologia"},
                                       {"label": "Persone e culture", "value": "persone"}]
    assert pill["technique"]["default"] == "individuale"


def test_required_fields_are_those_pillole_check_requires() -> None:
    pill = fields(collection(config(), "pillole")["fields"])
    required = {name for name, f in pill.items() if f.get("required", True)}
    assert required == {"title", "summary", "mentor", "tags", "area"}


def test_patterns_are_the_validation_rules() -> None:
    pill = fields(collection(config(), "pillole")["fields"])
    clip = fields(pill["clips"]["fields"])
    assert clip["slug"]["pattern"][0] == SLUG.pattern
    time_pattern = re.compile(fields(pill["chapters"]["fields"])["at"]["pattern"][0])
    for text in ("90", "01:30", "1:30", "00:01:30.5", "12"):
        assert time_pattern.match(text)
        parse_time(text)
    for text in ("1m30", "", "ab:cd"):
        assert not time_pattern.match(text)
        with pytest.raises(ValueError):
            parse_time(text)
    data = config()["pillole"]
    assert data["slug_pattern"] == SLUG.pattern
    assert data["pills"] == ["calendario"]
    assert data["tags"] == {"cloud": "Cloud", "mfa": "Autenticazione a più fattori"}


def test_gitlab_self_hosted_with_pkce_and_the_editorial_workflow() -> None:
    cfg = config()["decap"]
    backend = cfg["backend"]
    assert backend["name"] == "gitlab" and backend["auth_type"] == "pkce" and backend["app_id"] == "abc123"
    assert backend["base_url"] == "https://gitlab.example.it"
    assert backend["api_root"] == "https://gitlab.example.it/api/v4"
    assert cfg["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in cfg
    assert cfg["load_config_file"] is False


def test_github_and_a_local_proxy() -> None:
    opts = studio_options({"backend": "github", "repo": "org/pillole", "base_url": "https://oauth.example.it",
                           "local_backend": True, "editorial_workflow": False})
    assert opts is not None
    cfg = studio_config(catalog(), opts)["decap"]
    assert cfg["backend"]["name"] == "github" and "auth_type" not in cfg["backend"]
    assert cfg["backend"]["base_url"] == "https://oauth.example.it"
    assert cfg["local_backend"] == {"url": DEFAULT_LOCAL_BACKEND}
    assert "publish_mode" not in cfg


def test_repository_prefix_when_the_site_is_in_a_subfolder() -> None:
    opts = studio_options(GITLAB)
    assert opts is not None
    cfg = studio_config(catalog(), opts, docs_dir="content", repo_prefix="sito/")["decap"]
    assert collection({"decap": cfg}, "pillole")["folder"] == "sito/content/pillole"
    files = [collection({"decap": cfg}, name)["files"][0]["file"] for name in ("persone", "tag")]
    assert files == ["sito/content/people.yml", "sito/content/tags.yml"]


@pytest.mark.parametrize("raw", [None, False, {}])
def test_the_studio_is_off_unless_configured(raw: Any) -> None:
    assert studio_options(raw) is None


@pytest.mark.parametrize(("raw", "message"), [
    ({"backend": "gitlub", "repo": "a/b"}, "backend: 'gitlub' is not a git host the studio knows"),
    ({"backend": "github"}, "repo: None is not a repository path"),
    ({"backend": "gitlab", "repo": "a/b"}, "app_id: GitLab needs the id of the OAuth application"),
    ({**GITLAB, "base_url": "gitlab.example.it"}, "base_url: 'gitlab.example.it' is not an address"),
    ({**GITLAB, "max_media_mb": "tanti"}, "max_media_mb: 'tanti' is not a size in megabytes"),
    ({**GITLAB, "repositorio": "x"}, "repositorio: not a studio option"),
    ("gitlab", "must be a mapping"),
])
def test_options_that_cannot_work_are_explained(raw: Any, message: str) -> None:
    with pytest.raises(StudioError, match=re.escape(message)):
        studio_options(raw)
