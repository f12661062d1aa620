"""Freshness (review_by and max_age_days) and the 'Stato della knowledge base' page."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess

import pytest

from support import Site


def age(site: Site, slug: str, day: dt.date) -> None:
    """Files last modified on `day` (outside git, the history comes from file times)."""
    stamp = dt.datetime(day.year, day.month, day.day, 12).timestamp()
    for file in (site.content / "pillole" / slug).iterdir():
        os.utime(file, (stamp, stamp))


@pytest.mark.ffmpeg  # makes a one-second recording without captions
def test_max_age_makes_old_pills_stale_and_the_status_page_lists_them(site: Site) -> None:
    site.config(plugins=[{"pillole": {"max_age_days": 365}}], nav=["index.md", "stato.md"])
    site.pill("vecchia", title="<script>x</script> vecchia", date=dt.date(2020, 1, 1), mentor="marco-bianchi",
              tags=["sicurezza"], area="innovazione", audience=["giulia-rossi"])
    age(site, "vecchia", dt.date(2021, 2, 3))
    site.pill("rivedere", title="Da rivedere", date=dt.date(2025, 1, 10), review_by=dt.date(2025, 6, 30))
    (site.content / "pillole/muta").mkdir(parents=True)
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "sine=d=1",
                    "-c:a", "aac", str(site.content / "pillole/muta/m.m4a")], check=True)
    site.pill("muta", title="Senza sottotitoli", media="m.m4a", date=dt.date(2026, 1, 5))

    checked = site.check()
    assert ("notice: content/pillole/vecchia/index.md: the pill was last changed on 2021-02-03, more than 365 days "
            "ago (max_age_days in mkdocs.yml); check it is still correct and commit a change, or set 'review_by:'"
            ) in checked.stdout
    built = site.build()
    assert built.returncode == 0, built.stderr
    assert ("Questa pillola non è stata aggiornata dal 3 febbraio 2021: alcune informazioni potrebbero non essere "
            "più attuali.") in site.page("pillole/vecchia/index.html")
    assert "pillole-stale" not in site.page("pillole/calendario/index.html")

    status = site.page("stato.html")
    assert "<script>x" not in status and "&lt;script&gt;x&lt;/script&gt; vecchia" in status
    assert '<a href="stato.html">Stato delle pillole' in site.page("index.html")  # in the footer, for staff
    section = {m[1]: m[2] for m in re.finditer(r'<h2 id="([a-z-]+)">.*?</h2>(.*?)(?=<h2 |</article>)', status, re.S)}
    stale = section["da-rivedere"]
    assert stale.index("Da rivedere") < stale.index("vecchia")  # the longest overdue first
    assert "più di 365 giorni dall&#39;ultima modifica" in stale and "data di revisione scelta dal mentor" in stale
    assert '<a href="pillole/muta/index.html">Senza sottotitoli</a>' in section["senza-sottotitoli"]
    assert "Calendario" in section["tag-poco-usati"] and "Cloud" not in section["tag-poco-usati"]
    assert re.search(r"Giulia Rossi</a></td><td>3</td>", section["mentor"])
    assert "Giulia Rossi" in section["destinatari"] and "Marco Bianchi" in section["mai-destinatari"]
    assert re.search(r"Innovazione</td><td>1</td><td><span class=\"pillole-bar\" style=\"width: 33%\">",
                     section["per-area"])
    months = re.findall(r"<td>(\w+ \d{4})</td><td>(\d+)</td>", section["per-mese"])
    assert months[0] == ("gennaio 2020", "1") and months[-1] == ("marzo 2026", "1")
    assert len(months) == 75  # every month in between, empty ones included
