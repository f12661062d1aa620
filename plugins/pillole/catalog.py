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
from bisect import bisect_left
from collections import defaultdict
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
#: The most candidates one tag or mentor brings to `related`: all of its pills when it has no
#: more, else the RELATED_WINDOW pills nearest in date to the pill. A tag on two thirds of a
#: site of 10,000 pills would otherwise make every pill page count 6,500 others (the square of
#: the site); a topic that broad says little, and its pills of the same weeks (a series, a
#: campaign) are the ones worth showing. Rare tags and mentors still bring all of theirs.
RELATED_WINDOW = 64


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
    #: person id by name, for names that come from elsewhere (git's contributors)
    person_by_name: dict[str, str] = field(default_factory=dict)
    #: position of each pill in `by_date` (the one order of the site: Catalog.pills_by_date)
    rank: dict[str, int] = field(default_factory=dict)
    #: for `related`: positions (in `by_date`) of the pills of each tag and mentor, ascending,
    #: and per position the pill's tags and mentors as bit sets (shared ones are counted in C)
    #: and its area
    _tag_ranks: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _mentor_ranks: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _tag_bits: list[int] = field(default_factory=list, repr=False)
    _mentor_bits: list[int] = field(default_factory=list, repr=False)
    _areas: list[str] = field(default_factory=list, repr=False)

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
        rank = browse.rank
        browse._tag_ranks = {tag: [rank[p.slug] for p in pills] for tag, pills in browse.by_tag.items()}
        browse._mentor_ranks = {who: [rank[p.slug] for p in pills] for who, pills in browse.by_mentor.items()}
        tag_bit = {tag: 1 << i for i, tag in enumerate(browse._tag_ranks)}
        mentor_bit = {who: 1 << i for i, who in enumerate(browse._mentor_ranks)}
        browse._tag_bits = [sum(tag_bit[t] for t in set(p.tags)) for p in browse.by_date]
        browse._mentor_bits = [sum(mentor_bit[m] for m in set(p.mentors)) for p in browse.by_date]
        browse._areas = [p.area for p in browse.by_date]
        for person in sorted(catalog.people.values(), key=lambda p: sort_key(p.name)):
            if person.team:
                browse.members[person.team].append(person)
        browse.person_by_name = {person.name: person.id for person in catalog.people.values()}
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
        itself never is. Each tag and mentor brings at most RELATED_WINDOW candidates, the
        nearest in date, so a page costs the same on a site of 1,000 or 100,000 pills.
        """
        own = self.rank.get(pill.slug)
        if own is None:  # not in the catalog this Browse was made from
            return []
        candidates: set[int] = set()
        for tag in pill.tags:
            candidates.update(_window(self._tag_ranks.get(tag, []), own))
        for mentor in pill.mentors:
            candidates.update(_window(self._mentor_ranks.get(mentor, []), own))
        candidates.discard(own)
        tag_bits, mentor_bits, areas = self._tag_bits, self._mentor_bits, self._areas
        tags, mentors, area = tag_bits[own], mentor_bits[own], pill.area
        scored = [(-(TAG_POINTS * (tag_bits[rank] & tags).bit_count()
                     + MENTOR_POINTS * (mentor_bits[rank] & mentors).bit_count()
                     + AREA_POINTS * (areas[rank] == area)), rank) for rank in candidates]
        return [self.by_date[rank] for _, rank in heapq.nsmallest(limit, scored)]

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


def _window(ranks: list[int], own: int) -> list[int]:
    """The RELATED_WINDOW entries of `ranks` (ascending) nearest to `own`: half before, half
    after, more on one side when the other runs out."""
    if len(ranks) <= RELATED_WINDOW:
        return ranks
    half = RELATED_WINDOW // 2
    start = min(max(0, bisect_left(ranks, own) - half), len(ranks) - RELATED_WINDOW - 1)
    return ranks[start:start + RELATED_WINDOW + 1]  # the pill itself may be among them

