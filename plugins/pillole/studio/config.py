"""The studio's configuration, built from mkdocs.yml and the registries at every build.

Decap CMS shows a form for each collection described in its configuration. Writing that
configuration by hand would let it drift from the content model (a new front-matter key, a
renamed vocabulary, a new team); here it is derived from the same constants the validation
uses (`validate.PILL_KEYS`, `SLUG`, the vocabularies in Settings, the registries), so the form
offers exactly what `pillole check` accepts. Nothing here does I/O: the result is a dict that
`site.write_admin` saves as JSON for `admin/studio.js`.

Labels and help texts are Italian: the studio is for the mentors of an Italian company.
"""

from __future__ import annotations

from typing import Any

from ..content import PEOPLE_FILE, PILLS_DIR, TAGS_FILE
from ..model import Catalog
from ..paths import PATHS_DIR
from ..timecode import CLOCK
from ..validate import LANGUAGE_CODE, SLUG, SUMMARY_MAX_CHARS
from .options import StudioOptions

Field = dict[str, Any]

#: Front-matter keys whose form field has another name: `chapters` may be a list (the
#: "Capitoli" list) or a WebVTT file (the "Capitoli da file" field); studio.js maps both.
FIELD_OF_KEY = {"chapters": ("chapters", "chapters_file")}
#: Recording bitrates (bits/s): a 5-minute screen recording stays near 40 MB, a voice
#: message near 2 MB; VP9 keeps text on screen sharp at this rate.
RECORDING = {"screen_bps": 1_000_000, "camera_bps": 700_000, "audio_bps": 64_000}

_TIME_HINT = "Minuti e secondi, per esempio 01:30 (oppure ore:minuti:secondi)."


def _string(name: str, label: str, hint: str = "", required: bool = True, **extra: Any) -> Field:
    return {"name": name, "label": label, "widget": "string", "required": required,
            **({"hint": hint} if hint else {}), **extra}


def _time(name: str, label: str, required: bool = True) -> Field:
    return _string(name, label, _TIME_HINT, required,
                   pattern=[CLOCK.pattern, "scrivi un tempo come 01:30 o 00:01:30"])


def _select(name: str, label: str, options: list[dict[str, str]], hint: str = "", *,
            multiple: bool = False, required: bool = True, **extra: Any) -> Field:
    field: Field = {"name": name, "label": label, "widget": "select", "options": options,
                    "multiple": multiple, "required": required, **extra}
    if hint:
        field["hint"] = hint
    return field


class ConfigBuilder:
    """One build's view of the content model, turned into Decap collections."""

    def __init__(self, catalog: Catalog, options: StudioOptions, docs_dir: str, repo_prefix: str) -> None:
        self.catalog = catalog
        self.options = options
        prefix = repo_prefix.strip("/")
        #: the docs folder as a path inside the git repository (what the git host's API uses)
        self.docs = f"{prefix}/{docs_dir.strip('/')}" if prefix else docs_dir.strip("/")

    # --- choice lists: labels a mentor recognises, ids written to the file ---------------

    def people_options(self) -> list[dict[str, str]]:
        teams = self.catalog.teams
        out = []
        for person in sorted(self.catalog.people.values(), key=lambda p: p.name.lower()):
            detail = ", ".join(x for x in (person.role, teams[person.team].name if person.team in teams else "") if x)
            out.append({"label": f"{person.name} ({detail})" if detail else person.name, "value": person.id})
        return out

    def audience_options(self) -> list[dict[str, str]]:
        teams = [{"label": f"Team: {team.name}", "value": team.id}
                 for team in sorted(self.catalog.teams.values(), key=lambda t: t.name.lower())]
        return teams + self.people_options()

    def tag_options(self) -> list[dict[str, str]]:
        out = []
        for tag in sorted(self.catalog.tags.values(), key=lambda t: t.label.lower()):
            also = f" (anche: {', '.join(tag.aliases)})" if tag.aliases else ""
            out.append({"label": tag.label + also, "value": tag.id})
        return out

    @staticmethod
    def vocabulary(choices: dict[str, str]) -> list[dict[str, str]]:
        return [{"label": label, "value": value} for value, label in choices.items()]

    def pill_options(self) -> list[dict[str, str]]:
        return [{"label": f"{pill.title} ({pill.slug})", "value": pill.slug}
                for pill in sorted(self.catalog.pills.values(), key=lambda p: p.title.lower())]

    # --- the pill form ---------------------------------------------------------------------

    def quiz_field(self, name: str = "quiz") -> Field:
        answer_fields = [
            _string("text", "Risposta"),
            {"name": "correct", "label": "È una risposta giusta", "widget": "boolean", "default": False,
             "required": False},
            {"name": "explanation", "label": "Spiegazione", "widget": "text", "required": False,
             "hint": "Compare dopo che il collega ha risposto: perché è giusta o sbagliata."},
        ]
        return {
            "name": name, "label": "Quiz di autoverifica", "label_singular": "domanda", "widget": "list",
            "required": False, "default": [], "collapsed": False, "summary": "{{fields.question}}",
            "hint": "Facoltativo: qualche domanda per verificare di aver capito. Ogni domanda ha almeno "
                    "due risposte e almeno una giusta.",
            "fields": [
                _string("question", "Domanda"),
                {"name": "answers", "label": "Risposte", "label_singular": "risposta", "widget": "list",
                 "min": 2, "default": [{"text": ""}, {"text": ""}], "collapsed": False, "summary": "{{fields.text}}", "fields": answer_fields},
            ],
        }

    def pill_fields(self) -> list[Field]:
        settings = self.catalog.settings
        tags, audience = self.tag_options(), self.audience_options()
        levels = self.vocabulary(settings.levels)
        return [
            _string("title", "Titolo", "Breve e concreto: dal titolo nasce anche l'indirizzo della pillola.",
                    widget="pillole-title"),
            _string("summary", "In breve",
                    f"Una frase che dica che cosa si impara (al massimo {SUMMARY_MAX_CHARS} caratteri).",
                    widget="pillole-text", max_length=SUMMARY_MAX_CHARS),
            _select("mentor", "Mentor", self.people_options(),
                    "Chi spiega: scrivi qualche lettera del nome e scegli dall'elenco.", multiple=True, min=1),
            _select("audience", "Destinatari", audience,
                    "Le persone o i team a cui la pillola è dedicata (la trovano in «Per te»).",
                    multiple=True, required=False),
            _select("tags", "Tag", tags, "Gli argomenti: scrivi una parola e scegli dall'elenco.",
                    multiple=True, min=1),
            _select("area", "Area", self.vocabulary(settings.areas)),
            _select("technique", "Tecnica", self.vocabulary(settings.techniques), required=False,
                    default=next(iter(settings.techniques))),
            _select("level", "Livello", levels, required=False, default=next(iter(settings.levels))),
            {"name": "media", "label": "Registrazione", "widget": "pillole-recording", "required": False,
             "hint": "Registra lo schermo, la videocamera o solo la voce, oppure carica un file che hai già. "
                     "Meglio pillole brevi: 3-5 minuti."},
            _string("language", "Lingua parlata", "Solo se nella registrazione non si parla la lingua del sito: "
                    "due lettere, per esempio en, de, fr (serve ai sottotitoli automatici).", required=False,
                    pattern=[LANGUAGE_CODE.pattern, "scrivi il codice della lingua, per esempio en"]),
            {"name": "captions", "label": "Sottotitoli", "widget": "file", "required": False,
             "hint": "Un file .vtt o .srt (molti strumenti per riunioni lo esportano).",
             "pattern": [r"\.(vtt|srt|VTT|SRT)$", "carica un file .vtt o .srt"]},
            {"name": "chapters", "label": "Capitoli", "label_singular": "capitolo", "widget": "list",
             "required": False, "default": [], "summary": "{{fields.at}} {{fields.title}}",
             "hint": "Facoltativi: i momenti della registrazione, in ordine di tempo.",
             "fields": [_time("at", "Inizia a"), _string("title", "Titolo del capitolo")]},
            {"name": "chapters_file", "label": "Capitoli da un file", "widget": "file", "required": False,
             "hint": "In alternativa all'elenco qui sopra: un file di capitoli WebVTT (.vtt).",
             "pattern": [r"\.(vtt|VTT)$", "carica un file .vtt"]},
            {"name": "trim", "label": "Taglio", "widget": "object", "required": False, "collapsed": True,
             "hint": "Per togliere i secondi morti all'inizio o alla fine della registrazione.",
             "fields": [_time("start", "Inizia da", required=False), _time("end", "Finisce a", required=False)]},
            {"name": "clips", "label": "Estratti", "label_singular": "estratto", "widget": "list",
             "required": False, "default": [], "collapsed": True, "summary": "{{fields.title}}",
             "hint": "Per dividere una registrazione lunga (un webinar) in pillole più brevi.",
             "fields": [
                 _string("slug", "Indirizzo dell'estratto", "Minuscole, cifre e trattini, per esempio webinar-parte-1.",
                         pattern=[SLUG.pattern, "usa solo minuscole, cifre e trattini"]),
                 _string("title", "Titolo"),
                 _string("summary", "In breve", widget="pillole-text", max_length=SUMMARY_MAX_CHARS),
                 _time("start", "Inizia a"), _time("end", "Finisce a"),
                 _select("tags", "Tag", tags, "Se vuoti, quelli della pillola.", multiple=True, required=False),
                 _select("audience", "Destinatari", audience, multiple=True, required=False),
                 _select("level", "Livello", levels, required=False),
                 self.quiz_field(),
             ]},
            self.quiz_field(),
            {"name": "date", "label": "Data", "widget": "datetime", "required": False, "default": "",
             "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False,
             "hint": "Facoltativa: se manca vale la data della prima pubblicazione."},
            {"name": "review_by", "label": "Da rivedere entro", "widget": "datetime", "required": False,
             "default": "", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False,
             "hint": "Facoltativa: dopo questa data la pillola viene segnalata come da aggiornare."},
            {"name": "body", "label": "Testo", "widget": "markdown", "required": False,
             "modes": ["rich_text", "raw"],
             "hint": "Il testo che accompagna la registrazione: passi, link, consigli."},
        ]

    def pills(self) -> dict[str, Any]:
        return {
            "name": "pillole", "label": "Pillole", "label_singular": "pillola",
            "description": "Una pillola è una breve registrazione con un testo, dedicata a uno o più colleghi.",
            "folder": f"{self.docs}/{PILLS_DIR}", "path": "{{slug}}/index", "extension": "md",
            "format": "pillole-pill", "create": True, "identifier_field": "title", "slug": "{{slug}}",
            "media_folder": "", "public_folder": "", "summary": "{{title}}",
            "sortable_fields": ["title", "date"], "fields": self.pill_fields(),
        }

    # --- learning paths and registries ------------------------------------------------------

    def paths(self) -> dict[str, Any]:
        pills = self.pill_options()
        step = {"name": "step", "label": "Pillola", "widget": "select", "options": pills}
        return {
            "name": "percorsi", "label": "Percorsi", "label_singular": "percorso",
            "description": "Una serie di pillole in ordine che si conclude con un badge.",
            "folder": f"{self.docs}/{PATHS_DIR}", "extension": "md", "format": "pillole-path",
            "create": True, "identifier_field": "title", "slug": "{{slug}}", "summary": "{{title}}",
            "filter": {"field": "title", "pattern": "."},  # index.md is the generated list of paths
            "fields": [
                _string("title", "Titolo", widget="pillole-title"),
                _string("description", "Descrizione", "Una frase: che cosa si sa fare alla fine."),
                _select("audience", "Destinatari", self.audience_options(), multiple=True, required=False),
                _select("prerequisites", "Prerequisiti",
                        [{"label": f"{p.title} ({p.id})", "value": p.id} for p in self.catalog.paths.values()],
                        "Percorsi da completare prima di questo.", multiple=True, required=False),
                {"name": "steps", "label": "Tappe", "label_singular": "gruppo di tappe", "widget": "list",
                 "min": 1, "summary": "{{fields.section}}",
                 "hint": "Le pillole in ordine; un gruppo con un titolo diventa una sezione del percorso.",
                 "fields": [_string("section", "Titolo della sezione", "Facoltativo.", required=False),
                            {"name": "steps", "label": "Pillole", "label_singular": "pillola", "widget": "list",
                             "min": 1, "field": step}]},
                {"name": "badge", "label": "Badge", "widget": "object", "fields": [
                    _string("name", "Nome del badge"),
                    _string("icon", "Icona", "Una sola emoji, per esempio 🛡️.", required=False),
                    _string("description", "Descrizione", required=False)]},
                {"name": "pass_mark", "label": "Soglia dei quiz (%)", "widget": "number", "value_type": "int",
                 "min": 0, "max": 100, "required": False,
                 "hint": "La percentuale di risposte giuste richiesta nei quiz delle pillole (di solito 70)."},
                {"name": "body", "label": "Introduzione", "widget": "markdown", "required": False},
            ],
        }

    def registries(self) -> list[dict[str, Any]]:
        """People and teams, and tags: one collection each, because Decap takes a file's format
        from its collection (tags.yml is a list, people.yml a mapping)."""
        registry_id = _string("id", "Identificativo", "Minuscole, cifre e trattini; non cambiarlo dopo averlo usato.",
                              pattern=[SLUG.pattern, "usa solo minuscole, cifre e trattini"])
        teams = [{"label": team.name, "value": team.id} for team in self.catalog.teams.values()]
        people = {
            "name": "persone", "label": "Persone e team", "file": f"{self.docs}/{PEOPLE_FILE}", "fields": [
                {"name": "teams", "label": "Team", "label_singular": "team", "widget": "list",
                 "required": False, "summary": "{{fields.name}}", "fields": [
                     registry_id, _string("name", "Nome"), _string("description", "Descrizione", required=False)]},
                {"name": "people", "label": "Persone", "label_singular": "persona", "widget": "list",
                 "summary": "{{fields.name}}", "fields": [
                     registry_id, _string("name", "Nome e cognome"), _string("role", "Ruolo", required=False),
                     _select("team", "Team", teams, required=False)]},
            ]}
        tags = {
            "name": "tag", "label": "Tag", "file": f"{self.docs}/{TAGS_FILE}", "fields": [
                {"name": "items", "label": "Tag", "label_singular": "tag", "widget": "list",
                 "summary": "{{fields.label}} ({{fields.id}})", "fields": [
                     registry_id, _string("label", "Nome mostrato"),
                     _string("description", "Descrizione", required=False),
                     {"name": "aliases", "label": "Sinonimi", "widget": "list", "required": False,
                      "hint": "Altre parole con cui i mentor possono indicare questo tag, separate da virgole."}]},
            ]}
        return [
            {"name": "persone", "label": "Persone e team", "format": "pillole-yaml", "files": [people],
             "editor": {"preview": False},
             "description": "Chi può essere mentor o destinatario di una pillola."},
            {"name": "tag", "label": "Tag", "format": "pillole-list", "files": [tags], "editor": {"preview": False},
             "description": "Gli argomenti delle pillole, con i loro sinonimi."},
        ]

    def backend(self) -> dict[str, Any]:
        o = self.options
        backend: dict[str, Any] = {"name": o.backend, "repo": o.repo, "branch": o.branch,
                                   "squash_merges": True,
                                   # the title of each merge request, and of the commit once merged
                                   "commit_messages": {
                                       "create": "Studio: nuovo {{path}}",
                                       "update": "Studio: modificato {{path}}",
                                       "delete": "Studio: eliminato {{path}}",
                                       "uploadMedia": "Studio: caricato {{path}}",
                                       "deleteMedia": "Studio: eliminato {{path}}"}}
        if o.backend == "gitlab":
            backend.update(auth_type="pkce", app_id=o.app_id)
        for key in ("base_url", "api_root", "auth_endpoint"):
            value = getattr(o, key)
            if value:
                backend[key] = value
        return backend


def studio_config(catalog: Catalog, options: StudioOptions, *, docs_dir: str = "content",
                  repo_prefix: str = "", preview_styles: tuple[str, ...] = ()) -> dict[str, Any]:
    """Everything `admin/studio.js` needs: Decap's configuration (`decap`) and Pillole's own
    data for the form's checks, the preview and the recorder (`pillole`).

    `docs_dir` is the docs folder relative to mkdocs.yml, `repo_prefix` the folder of
    mkdocs.yml inside the git repository ('' at its top); `preview_styles` are the site's
    stylesheets relative to the site root."""
    builder = ConfigBuilder(catalog, options, docs_dir, repo_prefix)
    decap: dict[str, Any] = {
        "load_config_file": False,
        "backend": builder.backend(),
        "locale": "it",
        "media_folder": f"{builder.docs}/{PILLS_DIR}",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [builder.pills(), builder.paths(), *builder.registries()],
    }
    if options.editorial_workflow:
        decap["publish_mode"] = "editorial_workflow"
    if options.local_backend:
        decap["local_backend"] = {"url": options.local_backend}
    return {
        "decap": decap,
        "pillole": {
            "slug_pattern": SLUG.pattern,
            "summary_max": SUMMARY_MAX_CHARS,
            "max_media_mb": options.max_media_mb,
            "recording": RECORDING,
            "pills": sorted(catalog.pills),
            "paths": sorted(catalog.paths),
            "people": {p.id: p.name for p in catalog.people.values()},
            "teams": {t.id: t.name for t in catalog.teams.values()},
            "tags": {t.id: t.label for t in catalog.tags.values()},
            "vocabularies": {"area": catalog.settings.areas, "technique": catalog.settings.techniques,
                             "level": catalog.settings.levels},
            "preview_styles": list(preview_styles),
        },
    }
