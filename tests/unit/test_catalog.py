"""Browse: the indexes behind tag, person and team pages, and the scoring of related pills."""

from __future__ import annotations

import datetime as dt

from pillole.catalog import Browse, initial, sort_key
from pillole.model import Catalog, Person, Pill, Settings, Tag, Team


def pill(slug: str, tags: tuple[str, ...], mentor: str = "giulia", area: str = "tecnologia",
         day: int | None = 1, audience: tuple[str, ...] = ()) -> Pill:
    return Pill(slug=slug, src=f"pillole/{slug}/index.md", title=slug.title(), summary="…",
                mentors=(mentor,), tags=tags, area=area, audience=audience,
                date=dt.date(2026, 3, day) if day else None)


def catalog(*pills: Pill) -> Catalog:
    cat = Catalog(Settings())
    cat.tags = {t: Tag(t, label) for t, label in
                (("cloud", "Cloud"), ("email", "Email"), ("etica", "Etica"), ("ai", "Ànalisi"), ("5g", "5G"))}
    cat.teams = {"vendite": Team("vendite", "Vendite")}
    cat.people = {"giulia": Person("giulia", "Giulia"), "luca": Person("luca", "Luca"),
                  "marco": Person("marco", "Marco", team="vendite")}
    cat.pills = {p.slug: p for p in pills}
    return cat


def test_related_scores_shared_tags_then_mentor_then_area() -> None:
    base = pill("base", ("cloud", "email"))
    browse = Browse.of(catalog(
        base,
        pill("two-tags", ("cloud", "email"), mentor="luca", area="innovazione", day=2),  # 6
        pill("tag-mentor", ("cloud",), day=3),                                          # 3 + 2 + 1
        pill("tag-area", ("email",), mentor="luca", day=4),                              # 3 + 1
        pill("mentor-only", ("etica",), area="innovazione", day=5),                      # 2
        pill("area-only", ("etica",), mentor="luca", day=6),                             # never related
    ))
    assert [p.slug for p in browse.related(base, limit=10)] == ["tag-mentor", "two-tags", "tag-area", "mentor-only"]
    assert [p.slug for p in browse.related(base, limit=2)] == ["tag-mentor", "two-tags"]


def test_related_ties_are_broken_by_date_then_slug_and_never_include_the_pill() -> None:
    base = pill("base", ("cloud",), mentor="luca")
    browse = Browse.of(catalog(base, pill("b-old", ("cloud",), day=1), pill("a-new", ("cloud",), day=9),
                               pill("c-old", ("cloud",), day=1), pill("undated", ("cloud",), day=None)))
    assert [p.slug for p in browse.related(base, limit=10)] == ["a-new", "b-old", "c-old", "undated"]


def test_for_person_merges_direct_and_team_audiences_once_newest_first() -> None:
    browse = Browse.of(catalog(pill("direct", ("cloud",), day=1, audience=("marco",)),
                               pill("team", ("cloud",), day=5, audience=("vendite",)),
                               pill("both", ("cloud",), day=3, audience=("marco", "vendite")),
                               pill("other", ("cloud",), day=4, audience=("luca",))))
    assert [p.slug for p in browse.for_person("marco")] == ["team", "both", "direct"]
    assert browse.for_person("giulia") == []
    assert [p.name for p in browse.members["vendite"]] == ["Marco"]
    assert [(team.id, n) for team, n in browse.team_audiences()] == [("vendite", 2)]


def test_tags_are_filed_by_initial_with_accents_folded_and_digits_last() -> None:
    browse = Browse.of(catalog(pill("x", ("cloud", "email")), pill("y", ("cloud",))))
    groups = [(letter, [t.id for t in tags]) for letter, tags in browse.tags_by_initial()]
    assert groups == [("A", ["ai"]), ("C", ["cloud"]), ("E", ["email", "etica"]), ("#", ["5g"])]
    assert [(t.id, n) for t, n in browse.most_used_tags(5)] == [("cloud", 2), ("email", 1)]
    assert initial("Èquipe") == "E" and sort_key("Àbaco") < sort_key("abete")


def test_a_huge_tag_brings_the_pills_nearest_in_date_and_a_rare_tag_all_of_its_own() -> None:
    """A tag on every pill of a big site must not make each page count all the others: it
    brings the RELATED_WINDOW pills nearest in date. A rare tag still finds its pair, however
    far apart in time (here the oldest and the newest pill), with the huge tag counted too."""
    from pillole.catalog import RELATED_WINDOW

    start = dt.date(2020, 1, 1)
    count = RELATED_WINDOW * 4
    pills = [pill(f"p{n:04d}", ("cloud",), mentor=f"m{n}", area="innovazione") for n in range(count)]
    for n, each in enumerate(pills):
        each.date = start + dt.timedelta(days=n)
    pills[0].tags = pills[-1].tags = ("cloud", "etica")
    browse = Browse.of(catalog(*pills))

    assert [p.slug for p in browse.related(pills[0], limit=1)] == [pills[-1].slug]
    middle = pills[count // 2]
    half = RELATED_WINDOW // 2  # the nearest, as many on each side, newest first (all score the same)
    assert [p.slug for p in browse.related(middle, limit=count)] == [
        p.slug for p in reversed(pills[count // 2 - half:count // 2 + half + 1]) if p is not middle]
    newest = browse.related(pills[-2], limit=count)  # at the end of the list: one after, the rest before
    assert [p.slug for p in newest] == [p.slug for p in reversed(pills[-RELATED_WINDOW - 1:]) if p is not pills[-2]]
