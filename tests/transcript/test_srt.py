import pytest

from coach.errors import EmptyTranscriptError, TranscriptFormatError
from coach.transcript.model import UNKNOWN_SPEAKER, Turn
from coach.transcript.srt import is_srt_start, parse_srt

CASES = [
    (
        "numbered cues, speakers, consecutive cues merged",
        "1\n00:00:01,000 --> 00:00:03,500\nLeanne Brooks: Our contractor is three\nmonths behind.\n\n"
        "2\n00:00:03,600 --> 00:00:05,000\nLeanne Brooks: Nobody will give a date.\n\n"
        "3\n00:00:06,000 --> 00:00:07,250\nImran Ali: How many jobs?\n",
        [
            Turn("Leanne Brooks", "Our contractor is three months behind. Nobody will give a date.", 1.0, 5.0),
            Turn("Imran Ali", "How many jobs?", 6.0, 7.25),
        ],
    ),
    (
        "a cue without a speaker",
        "1\n00:00:01,000 --> 00:00:02,000\nKate: It sounds hard.\n\n2\n00:00:02,500 --> 00:00:03,000\n[laughter]\n",
        [Turn("Kate", "It sounds hard.", 1.0, 2.0), Turn(UNKNOWN_SPEAKER, "[laughter]", 2.5, 3.0)],
    ),
    (
        "no speakers at all",
        "1\n00:00:01,000 --> 00:00:02,000\nwhat would help\n\n2\n00:00:02,000 --> 00:00:03,000\nmore time\n",
        [Turn(UNKNOWN_SPEAKER, "what would help", 1.0, 2.0), Turn(UNKNOWN_SPEAKER, "more time", 2.0, 3.0)],
    ),
    (
        "formatting tags and positioning codes dropped",
        '1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Kate:</i> <font color="#fff">So, what now?</font>\n',
        [Turn("Kate", "So, what now?", 1.0, 2.0)],
    ),
    (
        "a dot for milliseconds and a missing cue number",
        "00:00:01.000 --> 00:00:02.000\nKate: Okay.\n",
        [Turn("Kate", "Okay.", 1.0, 2.0)],
    ),
    (
        "several blank lines, CRLF, numbers out of order",
        "\r\n7\r\n00:01:01,500 --> 00:01:02,000\r\nJoe: Why?\r\n\r\n\r\n\r\n"
        "3\r\n00:01:03,000 --> 00:01:04,000\r\nKate: Hm.\r\n",
        [Turn("Joe", "Why?", 61.5, 62.0), Turn("Kate", "Hm.", 63.0, 64.0)],
    ),
    (
        "cues with no text skipped",
        "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nKate: Hi.\n",
        [Turn("Kate", "Hi.", 3.0, 4.0)],
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[case[0] for case in CASES])
def test_parse_srt(name: str, content: str, expected: list[Turn]) -> None:
    transcript = parse_srt(content)
    assert transcript.format == "srt"
    assert list(transcript.turns) == expected


ERRORS = [
    (
        "text where a cue number should be",
        "1\n00:00:01,000 --> 00:00:02,000\nKate: Hi.\n\nJoe: Hello.\n",
        "captions.srt, line 5: expected a cue number like `1`, found 'Joe: Hello.'",
    ),
    (
        "a broken timing",
        "1\n00:00:01,000 --> 00:00:02,000\nKate: Hi.\n\n2\n00:00:03 --> 00:00:04\nJoe: Hello.\n",
        "captions.srt, line 6: expected a cue timing like `00:00:01,000 --> 00:00:04,000`, "
        "found '00:00:03 --> 00:00:04'",
    ),
    (
        "a cue number and nothing else",
        "1\n00:00:01,000 --> 00:00:02,000\nKate: Hi.\n\n2\n",
        "captions.srt, line 5: expected a cue timing like `00:00:01,000 --> 00:00:04,000` on the line after cue "
        "number 2, found none",
    ),
    (
        "ends before it starts",
        "1\n00:00:09,000 --> 00:00:02,000\nKate: Hi.\n",
        "captions.srt, line 2: the cue ends (00:00:02.000) before it starts (00:00:09.000)",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), ERRORS, ids=[case[0] for case in ERRORS])
def test_parse_srt_errors(name: str, content: str, message: str) -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_srt(content, "captions.srt")
    assert str(caught.value) == message


def test_parse_srt_without_speech() -> None:
    with pytest.raises(EmptyTranscriptError) as caught:
        parse_srt("1\n00:00:01,000 --> 00:00:02,000\n\n", "captions.srt")
    assert str(caught.value) == "captions.srt: no speech found: the SRT file has no cues with text"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("1", "00:00:01,000 --> 00:00:02,000", True),
        ("1", "Kate: Hi.", False),
        ("Kate: Hi.", "00:00:01,000 --> 00:00:02,000", False),
        ("1", None, False),
    ],
    ids=["number over timing", "number over text", "text over timing", "number alone"],
)
def test_is_srt_start(first: str, second: str | None, expected: bool) -> None:
    assert is_srt_start(first, second) is expected
