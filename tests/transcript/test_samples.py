"""The sample transcripts under ``samples/`` and the shipped ``examples/`` read as they should."""

import contextlib
import logging
from pathlib import Path

import pytest

from coach.errors import CoachError, TranscriptFormatError
from coach.transcript import UNKNOWN_SPEAKER, Transcript, read_transcript

SAMPLES = Path(__file__).parent / "samples"
EXAMPLES = Path(__file__).parents[2] / "examples"

GOOD = [
    # file, format, turns, speakers in order of first turn, first turn (speaker, start), presenter, facilitator
    (
        "zoom.vtt", "vtt", 23,
        ("Helen Price", "Grace Adebayo", "Tom Fielding", "Aisha Khan", "Mark Ellis"),
        ("Helen Price", 2.4), None, None,
    ),
    (
        "teams.vtt", "vtt", 22,
        ("Fiona Walsh", "Daniel Osei", "Ruth Carter", "Sanjay Mehta", "Claire Dunn", "Owen Hughes"),
        ("Fiona Walsh", 1.1), None, None,
    ),
    (
        "captions.srt", "srt", 23,
        ("Pauline Reid", "Leanne Brooks", "Imran Ali", "Kate Morgan", "Joe Bennett", UNKNOWN_SPEAKER),
        ("Pauline Reid", 0.8), None, None,
    ),
    ("plain.txt", "text", 21, ("Bernard", "Sophie", "Raj", "Emma", "Chris", "Nadia"), ("Bernard", None), None, None),
    (
        "otter.txt", "otter", 21,
        ("Alan Stewart", "Marcus Hale", "Jess Whitmore", "Priyanka Das", "Liam O'Connor"),
        ("Alan Stewart", 2.0), None, None,
    ),
    (
        "session.json", "json", 21,
        ("Margaret Shaw", "Hannah Lewis", "Gareth Jones", "Yusuf Ahmed", "Lucy Grant"),
        ("Margaret Shaw", 5.0), "Hannah Lewis", "Margaret Shaw",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "format", "turns", "speakers", "first", "presenter", "facilitator"), GOOD, ids=[case[0] for case in GOOD]
)
def test_good_sample(
    file: str,
    format: str,
    turns: int,
    speakers: tuple[str, ...],
    first: tuple[str, float | None],
    presenter: str | None,
    facilitator: str | None,
) -> None:
    transcript = read_transcript(SAMPLES / file)
    assert transcript.format == format
    assert len(transcript.turns) == turns
    assert transcript.speakers == speakers
    assert (transcript.turns[0].speaker, transcript.turns[0].start) == first
    assert (transcript.presenter, transcript.facilitator) == (presenter, facilitator)
    assert_well_formed(transcript)


@pytest.mark.parametrize(
    ("file", "speaker", "passage"),
    [
        ("teams.vtt", "Daniel Osei", "Thanks, Fiona. So I lead a small policy team, six of us, and"),
        ("zoom.vtt", "Grace Adebayo", "on the Saturday morning. My team are exhausted"),
        ("captions.srt", "Leanne Brooks", "Our repairs contractor is three months behind on damp and mould jobs"),
        ("plain.txt", "Sophie", "count staff time. And on paper they're right."),
        ("otter.txt", "Marcus Hale", "an offer from a competitor. If Dan goes"),
        ("session.json", "Hannah Lewis", "about forty percent. I've tried making the training mandatory"),
    ],
    ids=["teams cues", "zoom cues", "srt cues over two lines", "plain continuation lines", "otter paragraphs", "json"],
)
def test_merged_turn_reads_on(file: str, speaker: str, passage: str) -> None:
    turn = read_transcript(SAMPLES / file).turns[1]
    assert turn.speaker == speaker
    assert passage in turn.text


def test_json_sample_roles() -> None:
    roles = {turn.speaker: turn.role for turn in read_transcript(SAMPLES / "session.json").turns}
    assert roles == {
        "Margaret Shaw": "facilitator",
        "Hannah Lewis": "presenter",
        "Gareth Jones": "member",
        "Yusuf Ahmed": "member",
        "Lucy Grant": "member",
    }


BAD = [
    (
        "not_a_transcript.txt",
        "line 1: expected `Name: text` lines or an Otter export (`Name  0:03`, then text); "
        "found 'Agenda for the set meeting, Thursday 14…'; is this a transcript?",
    ),
    (
        "broken.vtt",
        "line 12: expected a cue timing like `00:00:01.000 --> 00:00:04.000`, found '00:00:13.300 - 00:00:19.870'",
    ),
    ("bad.json", 'turns[2].role: expected "presenter", "member" or "facilitator", found \'chair\''),
]


@pytest.mark.parametrize(("file", "message"), BAD, ids=[case[0] for case in BAD])
def test_bad_sample(file: str, message: str) -> None:
    path = SAMPLES / file
    with pytest.raises(TranscriptFormatError) as caught:
        read_transcript(path)
    separator = ", " if message.startswith("line") else ": "
    assert str(caught.value) == f"{path}{separator}{message}"


EXAMPLE_FILES = [
    ("zoom_session.vtt", "vtt", "Priya Sharma", "Julie Marsh"),
    ("teams_session.vtt", "vtt", "Samira Haddad", "Keith Allen"),
    ("otter_session.txt", "otter", "Joanne McBride", "Ann Whitfield"),
    ("session.json", "json", "Craig Donnelly", "Ruth Okafor"),
]


@pytest.mark.parametrize(
    ("file", "format", "presenter", "facilitator"), EXAMPLE_FILES, ids=[case[0] for case in EXAMPLE_FILES]
)
def test_example(file: str, format: str, presenter: str, facilitator: str) -> None:
    transcript = read_transcript(EXAMPLES / file)
    assert transcript.format == format
    assert 40 <= len(transcript.turns) <= 80
    starts = [turn.start for turn in transcript.turns if turn.start is not None]
    assert len(starts) == len(transcript.turns)
    assert 20 * 60 <= starts[-1] - starts[0] <= 40 * 60
    members = set(transcript.speakers) - {presenter, facilitator}
    assert {presenter, facilitator} <= set(transcript.speakers)
    assert 3 <= len(members) <= 5
    assert_well_formed(transcript)


def test_zoom_example_is_in_caption_style() -> None:
    texts = [turn.text for turn in read_transcript(EXAMPLES / "zoom_session.vtt").turns]
    assert all(text == text.lower() for text in texts)
    assert not any(mark in text for text in texts for mark in ".?!")


def test_json_example_names_roles() -> None:
    transcript = read_transcript(EXAMPLES / "session.json")
    assert (transcript.presenter, transcript.facilitator) == ("Craig Donnelly", "Ruth Okafor")
    assert {turn.role for turn in transcript.turns} == {"presenter", "member", "facilitator"}


def test_the_meeting_example_names_its_facilitator_and_leaves_the_presenters_to_be_found() -> None:
    transcript = read_transcript(EXAMPLES / "meeting.json")
    assert (transcript.presenter, transcript.facilitator) == (None, "Helen Okafor")
    assert len(transcript.turns) >= 60
    assert all(turn.role is None and turn.start is not None for turn in transcript.turns)
    assert len(transcript.speakers) == 6
    assert_well_formed(transcript)


def test_examples_readme_names_every_example() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "fictional" in readme
    for file in [*(case[0] for case in EXAMPLE_FILES), "meeting.json"]:
        assert f"`{file}`" in readme


def test_reading_logs_and_prints_nothing(caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)
    for path in [*SAMPLES.iterdir(), *EXAMPLES.glob("*.*")]:
        with contextlib.suppress(CoachError):
            read_transcript(path)
    assert caplog.records == []
    assert capsys.readouterr() == ("", "")


def assert_well_formed(transcript: Transcript) -> None:
    """Every turn has a speaker and text; no two consecutive turns of one named speaker; starts never go back."""
    for turn in transcript.turns:
        assert turn.speaker.strip()
        assert turn.text.strip()
        assert turn.text == " ".join(turn.text.split())
    if transcript.format != "json":
        for previous, turn in zip(transcript.turns, transcript.turns[1:], strict=False):
            assert turn.speaker != previous.speaker or turn.speaker == UNKNOWN_SPEAKER
    starts = [turn.start for turn in transcript.turns if turn.start is not None]
    assert starts == sorted(starts)
