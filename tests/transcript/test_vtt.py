import pytest

from coach.errors import EmptyTranscriptError, TranscriptFormatError
from coach.transcript.model import UNKNOWN_SPEAKER, Turn
from coach.transcript.vtt import is_vtt_header, parse_vtt

ZOOM = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
Priya Shah: so the rota fell apart

2
00:00:04.500 --> 00:00:06.250
Priya Shah: after christmas

3
00:00:07.000 --> 00:00:09.000
Tom Reed: what would help
"""

TEAMS = """WEBVTT

8f2c1a/12-0
00:00:01.000 --> 00:00:03.000
<v Priya Shah>So the rota fell apart</v>

8f2c1a/12-1
00:00:03.040 --> 00:00:05.500
<v Priya Shah>after Christmas, and I&#39;m stuck.</v>

8f2c1a/13-0
00:00:06.000 --> 00:00:08.000
<v Tom Reed>What would help?</v>
"""

CASES = [
    (
        "zoom: speaker prefix, consecutive cues merged",
        ZOOM,
        [
            Turn("Priya Shah", "so the rota fell apart after christmas", 1.0, 6.25),
            Turn("Tom Reed", "what would help", 7.0, 9.0),
        ],
    ),
    (
        "teams: voice tags, a sentence split across cues",
        TEAMS,
        [
            Turn("Priya Shah", "So the rota fell apart after Christmas, and I'm stuck.", 1.0, 5.5),
            Turn("Tom Reed", "What would help?", 6.0, 8.0),
        ],
    ),
    (
        "no cue identifiers",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: Okay.\n\n00:00:03.000 --> 00:00:04.000\nBen: Did you ask?\n",
        [Turn("Ana", "Okay.", 1.0, 2.0), Turn("Ben", "Did you ask?", 3.0, 4.0)],
    ),
    (
        "minutes-and-seconds timestamps",
        "WEBVTT\n\n01:02.500 --> 01:04.000\nAna: Okay.\n",
        [Turn("Ana", "Okay.", 62.5, 64.0)],
    ),
    (
        "hours up to 24",
        "WEBVTT\n\n23:59:59.000 --> 24:00:00.000\nAna: Still here.\n",
        [Turn("Ana", "Still here.", 86_399.0, 86_400.0)],
    ),
    (
        "NOTE, STYLE and REGION blocks skipped",
        "WEBVTT\n\nSTYLE\n::cue { color: lime }\n\nREGION\nid:fred width:40%\n\nNOTE recorded on Zoom\n"
        "with two lines\n\nNOTE\n\n00:00:01.000 --> 00:00:02.000\nAna: Okay.\n",
        [Turn("Ana", "Okay.", 1.0, 2.0)],
    ),
    (
        "header title and metadata lines",
        "WEBVTT - Action learning set\nKind: captions\nLanguage: en\n\n1\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n",
        [Turn("Ana", "Hi.", 1.0, 2.0)],
    ),
    (
        "cue straight after the header, no blank line",
        "WEBVTT\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n",
        [Turn("Ana", "Hi.", 1.0, 2.0)],
    ),
    (
        "cue settings, tags and entities",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:start position:10%\n"
        "<c.yellow>Ana:</c> <i>Tom</i> &amp; I <00:00:01.500>agreed &lt;sort of&gt;\n",
        [Turn("Ana", "Tom & I agreed <sort of>", 1.0, 2.0)],
    ),
    (
        "voice with a class and no closing tag",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v.loud Ana Lima>Hello there.\n",
        [Turn("Ana Lima", "Hello there.", 1.0, 2.0)],
    ),
    (
        "two voices in one cue",
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>Is it Friday?</v>\n<v Ben>Yes.</v>\n",
        [Turn("Ana", "Is it Friday?", 1.0, 3.0), Turn("Ben", "Yes.", 1.0, 3.0)],
    ),
    (
        "cue text over two lines",
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nAna: we lost two nurses\nin march\n",
        [Turn("Ana", "we lost two nurses in march", 1.0, 3.0)],
    ),
    (
        "cues without a speaker are the unknown speaker's, never merged",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n\n00:00:02.000 --> 00:00:03.000\n[laughter]\n\n"
        "00:00:03.000 --> 00:00:04.000\nand then\n",
        [
            Turn("Ana", "Hi.", 1.0, 2.0),
            Turn(UNKNOWN_SPEAKER, "[laughter]", 2.0, 3.0),
            Turn(UNKNOWN_SPEAKER, "and then", 3.0, 4.0),
        ],
    ),
    (
        "no speaker anywhere is still a transcript",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nwe lost two nurses\n\n"
        "00:00:02.000 --> 00:00:03.000\nwhat would help\n",
        [Turn(UNKNOWN_SPEAKER, "we lost two nurses", 1.0, 2.0), Turn(UNKNOWN_SPEAKER, "what would help", 2.0, 3.0)],
    ),
    (
        "a lower-case phrase and colon used once is text, not a speaker",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhere's the thing: nobody owns it\n",
        [Turn(UNKNOWN_SPEAKER, "here's the thing: nobody owns it", 1.0, 2.0)],
    ),
    (
        "a lower-case display name used in several cues is a speaker",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\npriya: so\n\n00:00:03.000 --> 00:00:04.000\ntom: what\n\n"
        "00:00:05.000 --> 00:00:06.000\npriya: we\n\n00:00:07.000 --> 00:00:08.000\ntom: why\n",
        [
            Turn("priya", "so", 1.0, 2.0),
            Turn("tom", "what", 3.0, 4.0),
            Turn("priya", "we", 5.0, 6.0),
            Turn("tom", "why", 7.0, 8.0),
        ],
    ),
    (
        "a colon later in the text stays in the text",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: the plan: one rota\n",
        [Turn("Ana", "the plan: one rota", 1.0, 2.0)],
    ),
    (
        "empty cues skipped, CRLF line ends, byte-order mark",
        "\ufeffWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n\r\n00:00:03.000 --> 00:00:04.000\r\nAna: Hi.\r\n",
        [Turn("Ana", "Hi.", 3.0, 4.0)],
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[case[0] for case in CASES])
def test_parse_vtt(name: str, content: str, expected: list[Turn]) -> None:
    transcript = parse_vtt(content)
    assert transcript.format == "vtt"
    assert list(transcript.turns) == expected


ERRORS = [
    (
        "no header",
        "1\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n",
        "talk.vtt, line 1: expected `WEBVTT` on the first line of a WebVTT file, found '1'",
    ),
    (
        "text where a cue should start",
        "WEBVTT\n\nhello there\n",
        "talk.vtt, line 3: expected a cue timing like `00:00:01.000 --> 00:00:04.000`, found 'hello there'",
    ),
    (
        "identifier then text",
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n\n2\nBen: What now?\n",
        "talk.vtt, line 8: expected a cue timing like `00:00:01.000 --> 00:00:04.000`, found 'Ben: What now?'",
    ),
    (
        "single-dash arrow",
        "WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nAna: Hi.\n",
        "talk.vtt, line 4: expected a cue timing like `00:00:01.000 --> 00:00:04.000`, "
        "found '00:00:01.000 -> 00:00:02.000'",
    ),
    (
        "seconds out of range",
        "WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nAna: Hi.\n",
        "talk.vtt, line 3: expected a cue timing like `00:00:01.000 --> 00:00:04.000`, "
        "found '00:00:61.000 --> 00:01:02.000'",
    ),
    (
        "cue ends before it starts",
        "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nAna: Hi.\n",
        "talk.vtt, line 3: the cue ends (00:00:04.000) before it starts (00:00:05.000)",
    ),
    (
        "a time beyond 24 hours",
        "WEBVTT\n\n100:00:00.000 --> 100:00:01.000\nAna: Still here.\n",
        "talk.vtt, line 3: the cue's time is more than 24 hours into the session; Coach reads sessions of up to 24 "
        "hours",
    ),
    (
        "a long line is quoted short",
        "WEBVTT\n\nwe lost two nurses in march and the agency staff never came back\n",
        "talk.vtt, line 3: expected a cue timing like `00:00:01.000 --> 00:00:04.000`, "
        "found 'we lost two nurses in march and the agen…'",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), ERRORS, ids=[case[0] for case in ERRORS])
def test_parse_vtt_errors(name: str, content: str, message: str) -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_vtt(content, "talk.vtt")
    assert str(caught.value) == message
    assert caught.value.source == "talk.vtt"
    assert caught.value.line is not None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("header only", "WEBVTT\n", "talk.vtt: no speech found: the WebVTT file has no cues with text"),
        (
            "cues without text",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n00:00:03.000 --> 00:00:04.000\n<v Ana></v>\n",
            "talk.vtt: no speech found: the WebVTT file has no cues with text",
        ),
        ("blank", "\n\n", "talk.vtt: the file is empty; expected a WebVTT transcript"),
    ],
    ids=["header only", "cues without text", "blank"],
)
def test_parse_vtt_without_speech(name: str, content: str, message: str) -> None:
    with pytest.raises(EmptyTranscriptError) as caught:
        parse_vtt(content, "talk.vtt")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("line", "expected"),
    [("WEBVTT", True), ("WEBVTT - Zoom", True), ("WEBVTT\tx", True), ("WEBVTTX", False), ("webvtt", False)],
    ids=["bare", "with title", "tab", "glued", "lower case"],
)
def test_is_vtt_header(line: str, expected: bool) -> None:
    assert is_vtt_header(line) is expected
