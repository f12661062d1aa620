"""The words of the generated pages, Italian first, English available.

One table so that a translation is a matter of adding a column, and so that tests can
check that every label exists in every language.
"""

from __future__ import annotations

import datetime as dt

LABELS: dict[str, dict[str, str]] = {
    "it": {
        "pills": "Pillole",
        "all_pills": "Tutte le pillole",
        "latest_pills": "Ultime pillole",
        "areas": "Aree",
        "area": "Area",
        "technique": "Tecnica",
        "techniques": "Tecniche",
        "level": "Livello",
        "levels": "Livelli",
        "tags": "Tag",
        "tag": "Tag",
        "people": "Persone",
        "person": "Persona",
        "teams": "Team",
        "team": "Team",
        "mentor": "Mentor",
        "mentors": "Mentor",
        "for": "Per",
        "date": "Data",
        "duration": "Durata",
        "media_slot": "Registrazione",
        "media_pending": "La registrazione è in preparazione: ricarica la pagina tra poco.",
        "media_unavailable": "Media non disponibile.",
        "stale": "Questa pillola doveva essere rivista entro il {date}: alcune informazioni potrebbero non essere più attuali.",
        "clip_of": "Estratto da",
        "made_by": "Pillole di",
        "addressed_to": "Per te",
        "no_pills": "Ancora nessuna pillola.",
        "pill_count_one": "1 pillola",
        "pill_count_many": "{n} pillole",
        "see_all": "Vedi tutte",
        "in_area": "Pillole dell'area",
        "team_members": "Persone del team",
        "addressed_to_team": "Pillole per il team",
        "page": "Pagina",
        "previous": "Precedente",
        "next": "Successiva",
        "video": "video",
        "audio": "audio",
        "text": "testo",
        "quiz": "Quiz",
        "stale_age": "Questa pillola non è stata aggiornata dal {date}: alcune informazioni potrebbero non essere più attuali.",
        "history": "Creata il {created}, aggiornata il {updated}",
        "contributors": "contributori",
    },
    "en": {
        "pills": "Pills",
        "all_pills": "All pills",
        "latest_pills": "Latest pills",
        "areas": "Areas",
        "area": "Area",
        "technique": "Technique",
        "techniques": "Techniques",
        "level": "Level",
        "levels": "Levels",
        "tags": "Tags",
        "tag": "Tag",
        "people": "People",
        "person": "Person",
        "teams": "Teams",
        "team": "Team",
        "mentor": "Mentor",
        "mentors": "Mentors",
        "for": "For",
        "date": "Date",
        "duration": "Duration",
        "media_slot": "Recording",
        "media_pending": "The recording is being prepared: reload the page shortly.",
        "media_unavailable": "Media not available.",
        "stale": "This pill was due for review on {date}: some information may be out of date.",
        "clip_of": "Clip from",
        "made_by": "Pills by",
        "addressed_to": "For you",
        "no_pills": "No pills yet.",
        "pill_count_one": "1 pill",
        "pill_count_many": "{n} pills",
        "see_all": "See all",
        "in_area": "Pills in the area",
        "team_members": "Team members",
        "addressed_to_team": "Pills for the team",
        "page": "Page",
        "previous": "Previous",
        "next": "Next",
        "video": "video",
        "audio": "audio",
        "text": "text",
        "quiz": "Quiz",
        "stale_age": "This pill has not been updated since {date}: some information may be out of date.",
        "history": "Created on {created}, updated on {updated}",
        "contributors": "contributors",
    },
}

MONTHS = {
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


class Labels:
    """Labels of one language; unknown languages fall back to Italian."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LABELS else "it"
        self._table = LABELS[self.language]

    def __call__(self, key: str, **values: object) -> str:
        return self._table[key].format(**values)

    def count(self, n: int) -> str:
        return self("pill_count_one") if n == 1 else self("pill_count_many", n=n)

    def date(self, value: dt.date) -> str:
        """29 marzo 2026 / 29 March 2026."""
        return f"{value.day} {MONTHS[self.language][value.month - 1]} {value.year}"
