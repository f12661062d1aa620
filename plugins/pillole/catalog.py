"""Ways through the catalog: by tag, by who made a pill, by who it is for, what goes together,
and which learning paths a pill is a step of.

A senior who was sent one pill must find the next one in a few clicks. `Browse` indexes the
catalog once per build (one pass over the pills, newest first), so that the generated pages,
the home page, the feeds and the related pills of a site of thousands of pills all stay
linear. Plain Python: the MkDocs adapter and the CLI read it the same way.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .model import DEFAULT_PASS_MARK, Catalog, LearningPath, Person, Pill, Tag, Team

#: Points a candidate earns towards being "related" to a pill. A shared tag weighs most (same
#: topic); the same mentor next (same voice, often a series); the same area only refines the
#: order among pills that already share a tag or a mentor, so that an area alone, which
#: covers a third of the site, never makes two pills related.
TAG_POINTS = 3
MENTOR_POINTS = 2
AREA_POINTS = 1
RELATED_LIMIT = 3


def initial(label: str) -> str:
    """The letter a label is filed under in an index: accents folded ('È' -> 'E'), digits '#'."""
    for char in unicodedata.normalize("NFKD", label):
        if char.isalpha():
            return char.upper()
        if char.isdigit():
            return "#"
    return "#"


def sort_key(label: str) -> str:
    """Alphabetical order as an Italian reader expects it: case and accents ignored."""
    folded = unicodedata.normalize("NFKD", label.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def paths_of(catalog: Catalog, slug: str) -> list[LearningPath]:
    """The paths a pill is a step of, in id order (a pill may sit in several)."""
    return [p for p in sorted(catalog.paths.values(), key=lambda p: p.id) if slug in p.steps]


def pass_mark_of(catalog: Catalog, slug: str) -> int:
    """The score a pill's quiz must reach: the strictest mark among its paths (so that passing
    it on the pill page passes it in every path), else the default."""
    return max((p.pass_mark for p in paths_of(catalog, slug)), default=DEFAULT_PASS_MARK)


@dataclass
class Browse:
    """The catalog indexed for browsing; every list is newest first."""

    catalog: Catalog
    by_date: list[Pill] = field(default_factory=list)
    by_tag: dict[str, list[Pill]] = field(default_factory=lambda: defaultdict(list))
    by_mentor: dict[str, list[Pill]] = field(default_factory=lambda: defaultdict(list))
    #: pills addressed to a person or a team id, directly
    by_audience: dict[str, list[Pill]] = field(default_factory=lambda: defaultdict(list))
    by_area: dict[str, list[Pill]] = field(default_factory=lambda: defaultdict(list))
    by_technique: dict[str, list[Pill]] = field(default_factory=lambda: defaultdict(list))
    members: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    #: position of each pill in `by_date` (the one order of the site: Catalog.pills_by_date)
    rank: dict[str, int] = field(default_factory=dict)
    #: slugs of by_tag and by_mentor, for `related` (counting strings runs in C)
    _tag_slugs: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _mentor_slugs: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, catalog: Catalog) -> Browse:
        browse = cls(catalog, catalog.pills_by_date())
        for position, pill in enumerate(browse.by_date):
            browse.rank[pill.slug] = position
            for tag in pill.tags:
                browse.by_tag[tag].append(pill)
            for mentor in pill.mentors:
                browse.by_mentor[mentor].append(pill)
            for who in pill.audience:
                browse.by_audience[who].append(pill)
            browse.by_area[pill.area].append(pill)
            browse.by_technique[pill.technique].append(pill)
        browse._tag_slugs = {tag: [p.slug for p in pills] for tag, pills in browse.by_tag.items()}
        browse._mentor_slugs = {who: [p.slug for p in pills] for who, pills in browse.by_mentor.items()}
        for person in sorted(catalog.people.values(), key=lambda p: sort_key(p.name)):
            if person.team:
                browse.members[person.team].append(person)
        return browse

    def for_person(self, person_id: str) -> list[Pill]:
        """"Per te": pills addressed to the person, or to their team, newest first, once each."""
        person = self.catalog.people.get(person_id)
        lists = [self.by_audience.get(person_id, [])]
        if person and person.team:
            lists.append(self.by_audience.get(person.team, []))
        seen: dict[str, Pill] = {}
        for pills in lists:
            for pill in pills:
                seen.setdefault(pill.slug, pill)
        return sorted(seen.values(), key=lambda p: self.rank[p.slug])

    def related(self, pill: Pill, limit: int = RELATED_LIMIT) -> list[Pill]:
        """The pills a learner should see next: best score first, then newest, then by slug.

        Only pills that share a tag or a mentor are candidates (see TAG_POINTS); the pill
        itself never is. Candidates come from the tag and mentor indexes, so the cost grows with
        the size of those lists, not with the square of the site.
        """
        tags: Counter[str] = Counter()
        for tag in pill.tags:
            tags.update(self._tag_slugs.get(tag, ()))
        mentors: Counter[str] = Counter()
        for mentor in pill.mentors:
            mentors.update(self._mentor_slugs.get(mentor, ()))
        pills, rank = self.catalog.pills, self.rank
        scores = {slug: TAG_POINTS * tags[slug] + MENTOR_POINTS * mentors[slug]
                  + (AREA_POINTS if pills[slug].area == pill.area else 0)
                  for slug in tags.keys() | mentors.keys() if slug != pill.slug}
        best = heapq.nsmallest(limit, scores, key=lambda slug: (-scores[slug], rank[slug]))
        return [pills[slug] for slug in best]

    def tag_count(self, tag_id: str) -> int:
        return len(self.by_tag.get(tag_id, []))

    def tags_by_initial(self) -> list[tuple[str, list[Tag]]]:
        """Every tag of the registry filed under its initial, both in alphabetical order."""
        groups: dict[str, list[Tag]] = defaultdict(list)
        for tag in sorted(self.catalog.tags.values(), key=lambda t: (sort_key(t.label), t.id)):
            groups[initial(tag.label)].append(tag)
        return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))

    def most_used_tags(self, limit: int) -> list[tuple[Tag, int]]:
        """The tags with most pills (at least one), ties in alphabetical order."""
        used = [(tag, self.tag_count(tag.id)) for tag in self.catalog.tags.values() if self.tag_count(tag.id)]
        used.sort(key=lambda item: (-item[1], sort_key(item[0].label), item[0].id))
        return used[:limit]

    def team_audiences(self) -> list[tuple[Team, int]]:
        """Teams that pills are addressed to, with how many, most first, ties by name."""
        teams = [(team, len(self.by_audience.get(team.id, []))) for team in self.catalog.teams.values()]
        teams = [item for item in teams if item[1]]
        teams.sort(key=lambda item: (-item[1], sort_key(item[0].name)))
        return teams
