from __future__ import annotations

import datetime as dt

import pytest

from pillole.frontmatter import InvalidDate, YamlProblem, parse_yaml, split_markdown
from pillole.timecode import clock, parse_time


def test_lines_of_keys_and_items_count_from_the_file_start() -> None:
    source = split_markdown("---\ntitle: A\ntags:\n  - x\n  - y\nquiz:\n  - question: Q\n---\nBody\n")
    assert source.front.lines["title"] == 2
    assert source.front.lines["tags[1]"] == 5
    assert source.front.lines["quiz[0].question"] == 7
    assert source.front.line("quiz[0].answers[3].text") == 7  # falls back to the closest parent
    assert source.body == "Body\n"
    assert source.body_line == 9


def test_impossible_date_is_kept_for_validation_not_raised() -> None:
    doc = parse_yaml("date: 2026-02-30\nother: 2026-02-28\n")
    assert isinstance(doc.data["date"], InvalidDate)
    assert doc.data["other"] == dt.date(2026, 2, 28)


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml("a: 1\nb:\n  c: 1\n  c: 2\n", offset=1)
    assert info.value.line == 5
    assert "first on line 4" in info.value.message


def test_no_front_matter_keeps_the_whole_text_as_body() -> None:
    source = split_markdown("# Titolo\n")
    assert not source.has_front_matter
    assert source.body == "# Titolo\n"


def test_byte_order_mark_is_ignored() -> None:
    assert split_markdown("\ufeff---\ntitle: A\n---\n").front.data == {"title": "A"}


@pytest.mark.parametrize("text, seconds", [
    ("90", 90.0), ("01:30", 90.0), ("00:01:30.5", 90.5), ("1:02:03", 3723.0), (75, 75.0), ("1,5", 1.5),
])
def test_parse_time(text: object, seconds: float) -> None:
    assert parse_time(text) == seconds


@pytest.mark.parametrize("text", ["1:75", "abc", "00:61:00", "-3", True])
def test_parse_time_refuses(text: object) -> None:
    with pytest.raises(ValueError):
        parse_time(text)


def test_clock() -> None:
    assert clock(133) == "02:13"
    assert clock(3733.4) == "1:02:13"
