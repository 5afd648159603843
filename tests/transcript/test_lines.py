"""The helpers the readers share, the timestamps, and the model."""

import dataclasses

import pytest

from coach.transcript.lines import (
    SpeakerPrefix,
    accepted_speakers,
    blocks,
    content_lines,
    looks_like_name,
    merge_turns,
    quote,
    speaker_prefix,
)
from coach.transcript.model import UNKNOWN_SPEAKER, Transcript, Turn
from coach.transcript.timecode import format_timestamp, parse_clock, parse_cue_timing, parse_timestamp


@pytest.mark.parametrize(
    ("name", "line", "expected"),
    [
        ("short", "hello there", "'hello there'"),
        ("whitespace squeezed", "  hello \t there ", "'hello there'"),
        ("exactly forty characters", "a" * 40, "'" + "a" * 40 + "'"),
        (
            "cut after forty characters",
            "we lost two nurses in march and the agency",
            "'we lost two nurses in march and the agen…'",
        ),
        ("control characters replaced", "a\x07b", "'a\ufffdb'"),
    ],
    ids=["short", "whitespace squeezed", "forty characters", "cut after forty characters", "control characters"],
)
def test_quote(name: str, line: str, expected: str) -> None:
    assert quote(line) == expected


PREFIXES = [
    ("name and text", "Priya Shah: so the rota", SpeakerPrefix("Priya Shah", "so the rota")),
    ("space before the colon", "Priya :  so", SpeakerPrefix("Priya", "so")),
    ("name only", "Priya:", SpeakerPrefix("Priya", "")),
    ("only the first colon", "Ana: the plan: one rota", SpeakerPrefix("Ana", "the plan: one rota")),
    ("brackets are not words", "Sam Lee (NHS England, Leeds): Hi", SpeakerPrefix("Sam Lee (NHS England, Leeds)", "Hi")),
    ("accented name", "Zoë Ødegård: Hei", SpeakerPrefix("Zoë Ødegård", "Hei")),
    ("a time", "10:30 works", None),
    ("a web address", "https://example.org", None),
    ("no space after the colon", "Ana:hello", None),
    ("a question mark before the colon", "Really? Then: ask", None),
    ("too many words", "So what I think we are all saying here: yes", None),
    ("no colon", "hello there", None),
]


@pytest.mark.parametrize(("name", "text", "expected"), PREFIXES, ids=[case[0] for case in PREFIXES])
def test_speaker_prefix(name: str, text: str, expected: SpeakerPrefix | None) -> None:
    assert speaker_prefix(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Priya Shah", True),
        ("Speaker 1", True),
        ("Anna van der Berg", True),
        ("PRIYA", True),
        ("Sam (facilitator)", True),
        ("here's the thing", False),
        ("priya", False),
    ],
    ids=["capitalised", "numbered", "particles", "upper case", "bracketed role", "a phrase", "lower case"],
)
def test_looks_like_name(name: str, expected: bool) -> None:
    assert looks_like_name(name) is expected


def test_accepted_speakers() -> None:
    names = ["Priya", "tom", "tom", "here's the thing", "Speaker 2"]
    assert accepted_speakers(names) == frozenset({"Priya", "tom", "Speaker 2"})


def test_content_lines_and_blocks() -> None:
    lines = content_lines("\ufeffa\r\nb\r\n\r\n\rc\n")
    assert lines == ["a", "b", "", "", "c", ""]
    assert blocks(lines) == [[(1, "a"), (2, "b")], [(5, "c")]]
    assert blocks(lines, 2) == [[(5, "c")]]


MERGES = [
    ("empty", [], []),
    (
        "same speaker joined, first start, last end",
        [Turn("Ana", "One", 1.0, 2.0), Turn("Ana", "two", 3.0, 4.0), Turn("Ben", "Three", 5.0, 6.0)],
        [Turn("Ana", "One two", 1.0, 4.0), Turn("Ben", "Three", 5.0, 6.0)],
    ),
    (
        "missing times filled from the other turn",
        [Turn("Ana", "One", None, 2.0), Turn("Ana", "two", 3.0, None)],
        [Turn("Ana", "One two", 3.0, 2.0)],
    ),
    (
        "the same speaker later is a new turn",
        [Turn("Ana", "One"), Turn("Ben", "Two"), Turn("Ana", "Three")],
        [Turn("Ana", "One"), Turn("Ben", "Two"), Turn("Ana", "Three")],
    ),
    (
        "unknown speakers never merged",
        [Turn(UNKNOWN_SPEAKER, "One"), Turn(UNKNOWN_SPEAKER, "Two")],
        [Turn(UNKNOWN_SPEAKER, "One"), Turn(UNKNOWN_SPEAKER, "Two")],
    ),
    (
        "a different role is a new turn",
        [Turn("Ana", "One", role="member"), Turn("Ana", "Two", role="presenter")],
        [Turn("Ana", "One", role="member"), Turn("Ana", "Two", role="presenter")],
    ),
]


@pytest.mark.parametrize(("name", "turns", "expected"), MERGES, ids=[case[0] for case in MERGES])
def test_merge_turns(name: str, turns: list[Turn], expected: list[Turn]) -> None:
    assert list(merge_turns(turns)) == expected


TIMESTAMPS = [
    ("hours", "01:02:03.450", 3723.45),
    ("minutes only", "02:03.450", 123.45),
    ("comma", "00:00:01,250", 1.25),
    ("one-digit fraction", "00:00:01.5", 1.5),
    ("many hours", "123:00:00.000", 442_800.0),
    ("minutes out of range", "00:60:00.000", None),
    ("seconds out of range", "00:00:60.000", None),
    ("no fraction", "00:00:01", None),
    ("one-digit minutes", "0:01.000", None),
]


@pytest.mark.parametrize(("name", "value", "expected"), TIMESTAMPS, ids=[case[0] for case in TIMESTAMPS])
def test_parse_timestamp(name: str, value: str, expected: float | None) -> None:
    assert parse_timestamp(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("00:00:01.000 --> 00:00:04.000", (1.0, 4.0)),
        ("  00:00:01.000\t-->  00:00:04.000 line:0 align:start ", (1.0, 4.0)),
        ("00:01.000 --> 00:04.000", (1.0, 4.0)),
        ("00:00:01.000-->00:00:04.000", None),
        ("00:00:01.000 --> soon", None),
        ("hello there", None),
    ],
    ids=["plain", "settings and tabs", "short", "no spaces", "no end", "text"],
)
def test_parse_cue_timing(line: str, expected: tuple[float, float] | None) -> None:
    assert parse_cue_timing(line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0:03", 3.0), ("12:34", 754.0), ("1:02:03", 3723.0), ("1:2", None), ("0:60", None), ("soon", None)],
    ids=["seconds", "minutes", "hours", "one-digit seconds", "seconds out of range", "text"],
)
def test_parse_clock(value: str, expected: float | None) -> None:
    assert parse_clock(value) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0.0, "00:00:00.000"), (3723.45, "01:02:03.450"), (59.9996, "00:01:00.000")],
    ids=["zero", "hours", "rounded up"],
)
def test_format_timestamp(seconds: float, expected: str) -> None:
    assert format_timestamp(seconds) == expected


def test_transcript_speakers_in_order_of_first_turn() -> None:
    transcript = Transcript(turns=(Turn("Sam", "Hi."), Turn("Ana", "Hello."), Turn("Sam", "Shall we?")), format="text")
    assert transcript.speakers == ("Sam", "Ana")


def test_model_is_frozen() -> None:
    turn = Turn("Ana", "Hi.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        turn.text = "changed"  # type: ignore[misc]
