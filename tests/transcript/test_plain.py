import pytest

from coach.errors import EmptyTranscriptError, TranscriptFormatError
from coach.transcript.model import Turn
from coach.transcript.plain import OtterHeader, otter_header, parse_otter, parse_plain

PLAIN_CASES = [
    (
        "one line per turn",
        "Sophie: The trustees want to cut the walk.\nRaj: Do you have figures?\n",
        [Turn("Sophie", "The trustees want to cut the walk."), Turn("Raj", "Do you have figures?")],
    ),
    (
        "continuation lines join the current speaker",
        "Sophie: And on paper they're right.\nBut the walk is where people find us.\n\nRaj: What would help?\n",
        [
            Turn("Sophie", "And on paper they're right. But the walk is where people find us."),
            Turn("Raj", "What would help?"),
        ],
    ),
    (
        "consecutive lines of one speaker merged",
        "Sophie: One.\nSophie: Two.\nRaj: Three?\n",
        [Turn("Sophie", "One. Two."), Turn("Raj", "Three?")],
    ),
    (
        "a lower-case phrase with a colon continues the turn",
        "Sophie: I'll say it plainly.\nhere's the thing: nobody owns it.\n",
        [Turn("Sophie", "I'll say it plainly. here's the thing: nobody owns it.")],
    ),
    (
        "names with spaces, particles, apostrophes and a role in brackets",
        "Liam O'Connor: Hi.\nAnna van der Berg: Hello.\nSam Lee (facilitator): Shall we start?\n",
        [
            Turn("Liam O'Connor", "Hi."),
            Turn("Anna van der Berg", "Hello."),
            Turn("Sam Lee (facilitator)", "Shall we start?"),
        ],
    ),
    (
        "a time in the text is not a speaker",
        "Ana: We meet at 10:30 on Fridays.\n10:45 is too late.\n",
        [Turn("Ana", "We meet at 10:30 on Fridays. 10:45 is too late.")],
    ),
    (
        "a web address is not a speaker",
        "Ana: The form is at\nhttps://example.org/form\n",
        [Turn("Ana", "The form is at https://example.org/form")],
    ),
    (
        "a name on its own line, text below",
        "Ana:\nWe lost two nurses.\nBen: Why?\n",
        [Turn("Ana", "We lost two nurses."), Turn("Ben", "Why?")],
    ),
    (
        "a speaker with nothing to say is dropped",
        "Ana: Hello.\nBen:\nCara: Hi.\n",
        [Turn("Ana", "Hello."), Turn("Cara", "Hi.")],
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), PLAIN_CASES, ids=[case[0] for case in PLAIN_CASES])
def test_parse_plain(name: str, content: str, expected: list[Turn]) -> None:
    transcript = parse_plain(content)
    assert transcript.format == "text"
    assert list(transcript.turns) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "prose",
            "\nWe met on Thursday and talked about the rota.\nAna: hello\n",
            "notes.txt, line 2: expected `Name: text` lines or an Otter export (`Name  0:03`, then text); "
            "found 'We met on Thursday and talked about the…'; is this a transcript?",
        ),
        (
            "a caption timing",
            "00:00:01.000 --> 00:00:02.000\nAna: hello\n",
            "notes.txt, line 1: expected `Name: text` lines or an Otter export (`Name  0:03`, then text); "
            "found '00:00:01.000 --> 00:00:02.000'; is this a transcript?",
        ),
    ],
    ids=["prose", "a caption timing"],
)
def test_parse_plain_errors(name: str, content: str, message: str) -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_plain(content, "notes.txt")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("blank", " \n\n", "notes.txt: the file is empty; expected a transcript"),
        (
            "speakers who say nothing",
            "Ana:\nBen:\n",
            "notes.txt: no speech found: the transcript names speakers but none of them says anything",
        ),
    ],
    ids=["blank", "speakers who say nothing"],
)
def test_parse_plain_without_speech(name: str, content: str, message: str) -> None:
    with pytest.raises(EmptyTranscriptError) as caught:
        parse_plain(content, "notes.txt")
    assert str(caught.value) == message


OTTER = """Alan Stewart  0:02
Okay, let's get going.

Marcus Hale  0:08
So I manage the southern team.

Marcus Hale  1:05
If Dan goes, I lose a quarter of the pipeline.
And the others look up to him.

Jess Whitmore  1:02:03
Has Dan said he'll accept?


Transcribed by https://otter.ai
"""

OTTER_CASES = [
    (
        "headers, repeated speaker merged, hours, footer skipped",
        OTTER,
        [
            Turn("Alan Stewart", "Okay, let's get going.", 2.0),
            Turn(
                "Marcus Hale",
                "So I manage the southern team. If Dan goes, I lose a quarter of the pipeline. "
                "And the others look up to him.",
                8.0,
            ),
            Turn("Jess Whitmore", "Has Dan said he'll accept?", 3723.0),
        ],
    ),
    (
        "tab, one space after a blank line, no blank lines between paragraphs",
        "Ana\t0:01\nHello.\nBen  0:05\nWhat now?\n\nAna 0:09\nWe wait.\n",
        [Turn("Ana", "Hello.", 1.0), Turn("Ben", "What now?", 5.0), Turn("Ana", "We wait.", 9.0)],
    ),
    (
        "a sentence ending in a time, inside a paragraph, is text",
        "Ana  0:01\nWe could meet\nthen at 10:30\n",
        [Turn("Ana", "We could meet then at 10:30", 1.0)],
    ),
    (
        "a header with no text below is dropped",
        "Ana  0:01\n\nBen  0:04\nHi.\n",
        [Turn("Ben", "Hi.", 4.0)],
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), OTTER_CASES, ids=[case[0] for case in OTTER_CASES])
def test_parse_otter(name: str, content: str, expected: list[Turn]) -> None:
    transcript = parse_otter(content)
    assert transcript.format == "otter"
    assert list(transcript.turns) == expected


def test_parse_otter_text_before_any_header() -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_otter("Session notes\nAna  0:01\nHello.\n", "otter.txt")
    assert str(caught.value) == "otter.txt, line 1: expected a speaker header like `Name  0:03`, found 'Session notes'"


@pytest.mark.parametrize(
    ("line", "after_break", "expected"),
    [
        ("Priya Shah  0:03", False, OtterHeader("Priya Shah", 3.0)),
        ("Priya Shah  12:34", False, OtterHeader("Priya Shah", 754.0)),
        ("Priya Shah  1:02:03", False, OtterHeader("Priya Shah", 3723.0)),
        ("Speaker 1  0:03", False, OtterHeader("Speaker 1", 3.0)),
        ("Priya Shah 0:03", True, OtterHeader("Priya Shah", 3.0)),
        ("Priya Shah 0:03", False, None),
        ("Priya Shah  0:75", False, None),
        ("Priya: at 0:03", True, None),
        ("so we said we would all meet again at 10:30", True, None),
        ("0:03", True, None),
    ],
    ids=[
        "two spaces",
        "minutes",
        "hours",
        "numbered speaker",
        "one space after a break",
        "one space mid-paragraph",
        "seconds out of range",
        "a name with a colon",
        "a long sentence",
        "a time alone",
    ],
)
def test_otter_header(line: str, after_break: bool, expected: OtterHeader | None) -> None:
    assert otter_header(line, after_break=after_break) == expected
