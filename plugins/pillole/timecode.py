"""Times as mentors write them ("90", "01:30", "00:01:30.5") and as players show them."""

from __future__ import annotations

import math
import re

#: A time as mentors write it ("SS", "MM:SS", "HH:MM:SS"); the studio checks times with it too.
CLOCK = re.compile(r"^(?:(\d+):)?(?:(\d{1,2}):)?(\d{1,2}(?:[.,]\d+)?)$")


def parse_time(value: object) -> float:
    """Seconds from a number or "SS", "MM:SS", "HH:MM:SS" with optional fraction.

    YAML already turns an unquoted 1:30 into 90 (sexagesimal), so numbers are seconds.
    Raises ValueError with a message fit for a mentor.
    """
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a time")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):  # YAML reads .nan and .inf as numbers
            raise ValueError(f"'{value}' is not a time")
        if value < 0:
            raise ValueError(f"'{value}' is negative")
        return float(value)
    text = str(value).strip()
    match = CLOCK.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a time")
    hours, minutes, seconds = match.groups()
    if minutes is None and hours is not None:  # "MM:SS" matched as hours:seconds
        hours, minutes = None, hours
    total = float(seconds.replace(",", "."))
    if minutes is not None:
        if total >= 60:
            raise ValueError(f"'{text}' has {seconds} seconds (at most 59)")
        total += int(minutes) * 60
    if hours is not None:
        if int(minutes or 0) >= 60:
            raise ValueError(f"'{text}' has {minutes} minutes (at most 59)")
        total += int(hours) * 3600
    return total


def format_time(seconds: float) -> str:
    """"02:13" or "1:02:13": how a transcript or a duration reads on a page."""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
