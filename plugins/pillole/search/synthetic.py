"""Synthetic Italian pills for the search benchmark and the scale tests.

Why: the issue sets its targets at 10,000 pills with 5-minute transcripts, far more than any
sample content. Words are drawn with a Zipf-like law from an Italian vocabulary of real,
inflected forms, so posting lists have the skewed lengths of real speech.
"""

from __future__ import annotations

import random
from itertools import accumulate, product

from pillole.search.builder import Cue, SearchDocument

NOUNS = """riunione riunioni calendario calendari competenza competenze conoscenza conoscenze
azienda aziende collega colleghi cliente clienti progetto progetti strumento strumenti
documento documenti cartella cartelle messaggio messaggi schermo piattaforma piattaforme
comunicazione organizzazione formazione innovazione soluzione soluzioni presentazione
applicazione applicazioni valutazione collaborazione condivisione inclusione discussione
esperienza esperienze differenza conferenza tendenza università possibilità opportunità
qualità identità attività comunità sostenibilità diversità tecnologia tecnologie strategia
sicurezza cambiamento apprendimento aggiornamento argomento momento lavoro lavoratori
utente utenti dirigente dirigenti generazione generazioni mentore mentori squadra squadre
ufficio uffici telefono videochiamata videochiamate password privacy dati algoritmo
algoritmi intelligenza rete reti archivio email posta foglio fogli tabella tabelle grafico
grafici report obiettivo obiettivi esercizio esercizi domanda domande risposta risposte
idea idee problema problemi processo processi cultura valori rispetto ascolto dialogo
parità genere equità benessere tempo settimana mese anno giornata pausa scadenza scadenze
cliente fornitore fornitori contratto contratti budget costo costi risultato risultati
prodotto prodotti servizio servizi mercato vendita vendite marketing social video audio
canale canali notifica notifiche account profilo profili app browser sito pagina pagine""".split()
_VERBS = """parlare parliamo parlando parlato lavorare lavoriamo lavorando lavorato imparare
impariamo imparando imparato insegnare insegniamo insegnato cercare cerchiamo cercando
organizzare organizziamo organizzando organizzato comunicare comunichiamo collaborare
collaboriamo condividere condividiamo condiviso condividendo scrivere scriviamo scritto
leggere leggiamo letto capire capisco capiamo capito finire finiamo finito gestire
gestiamo gestito gestendo usare usiamo usato usando creare creiamo creato salvare salviamo
salvato aprire apriamo aperto chiudere chiudiamo chiuso inviare inviamo inviato ricevere
riceviamo ricevuto provare proviamo provato mostrare mostriamo mostrato spiegare spieghiamo
spiegato vedere vediamo visto sapere sappiamo pensare pensiamo pensato decidere decidiamo
deciso migliorare miglioriamo migliorato semplificare semplifichiamo proteggere proteggiamo
protetto programmare pianificare pianifichiamo pianificato""".split()
_ADJECTIVES = """digitale digitali nuovo nuova nuovi nuove semplice semplici veloce veloci facile
facili difficile importante importanti utile utili pratico pratica pratici condiviso
condivisa sicuro sicura sicuri giovane giovani esperto esperta esperti creativo creativa
aperto aperta chiaro chiara efficace efficaci personale personali professionale inclusivo
inclusiva sostenibile innovativo innovativa automatico automatica""".split()
_ADVERBS = """velocemente facilmente semplicemente praticamente finalmente attivamente
sicuramente chiaramente davvero sempre spesso insieme subito ancora oggi domani""".split()
_FUNCTION = """il la le i gli un una di del della dei delle a al alla ai in nel nella con per su
e ma che non come quando anche poi quindi questo questa perché molto più se noi voi""".split()
FIRST_NAMES = """Giulia Marco Sara Luca Chiara Matteo Elena Andrea Francesca Davide Martina Paolo
Valentina Simone Federica Alessandro Silvia Lorenzo Anna Giorgio""".split()
LAST_NAMES = """Rossi Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Mancini
Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro""".split()
_AREAS = ("Tecnologia", "Diversità e inclusione", "Innovazione")
_TECHNIQUES = ("Individuale", "Di gruppo", "Informale")
_LEVELS = ("Base", "Intermedio", "Avanzato")
_TITLE_PATTERNS = (
    "Come usare {n1} per {n2}",
    "{N1} e {n2}: guida rapida",
    "Gestire {n1} in modo {a}",
    "{N1} {a} per {n2}",
    "Primi passi con {n1}",
    "Perché {n1} cambia {n2}",
)


class Words:
    """Weighted word sampler: content words follow a Zipf-like law, function words interleave."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        content = NOUNS + _VERBS + _ADJECTIVES + _ADVERBS
        rng.shuffle(content)
        self.content = content
        self.cumulative = list(accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(content))))

    def sentence(self, length: int) -> str:
        words = self.rng.choices(self.content, cum_weights=self.cumulative, k=length)
        for index in range(1, length, 3):
            words[index] = self.rng.choice(_FUNCTION)
        return " ".join(words).capitalize()


def synthetic_documents(count: int, seed: int = 5, transcript_seconds: int = 300) -> list[SearchDocument]:
    """`count` pills with titles, summaries, bodies and transcripts of `transcript_seconds`."""
    rng = random.Random(seed)
    words = Words(rng)
    names = [f"{first} {last}" for first, last in product(FIRST_NAMES, LAST_NAMES)]
    tags = sorted(set(NOUNS))[:120]
    docs = []
    for number in range(count):
        n1, n2 = rng.sample(NOUNS, 2)
        title = rng.choice(_TITLE_PATTERNS).format(
            n1=n1, n2=n2, N1=n1.capitalize(), a=rng.choice(_ADJECTIVES)
        )
        mentor = rng.choice(names)
        audience = rng.sample(names, 2)
        pill_tags = rng.sample(tags, 3)
        kind = rng.choice(("video", "video", "audio", "text"))
        cues: tuple[Cue, ...] = ()
        duration = None
        if kind != "text":
            duration = float(transcript_seconds)
            cues = tuple(Cue(start=float(t), text=words.sentence(10)) for t in range(0, transcript_seconds, 4))
        body = " ".join(words.sentence(rng.randint(10, 16)) + "." for _ in range(rng.randint(8, 14)))
        docs.append(
            SearchDocument(
                id=f"pillola-{number}",
                url=f"pillole/pillola-{number}/",
                title=title,
                summary=words.sentence(rng.randint(12, 18)) + ".",
                tags=tuple(pill_tags),
                people=(mentor, *audience),
                body=body,
                cues=cues,
                facets={
                    "area": [rng.choice(_AREAS)],
                    "technique": [rng.choice(_TECHNIQUES)],
                    "level": [rng.choice(_LEVELS)],
                    "tag": pill_tags,
                    "mentor": [mentor],
                },
                kind=kind,
                duration=duration,
            )
        )
    return docs
