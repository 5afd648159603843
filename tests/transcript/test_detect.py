import codecs
from pathlib import Path

import pytest

from coach.errors import EmptyTranscriptError, TranscriptFormatError
from coach.transcript import SUPPORTED_EXTENSIONS, Turn, detect_format, parse_transcript, read_transcript
from coach.transcript.detect import decode_transcript, sniff_format
from coach.transcript.model import TranscriptFormat

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n"
SRT = "1\n00:00:01,000 --> 00:00:02,000\nAna: Hi.\n"
PLAIN = "Ana: Hi.\nBen: What now?\n"
OTTER = "Ana  0:01\nHi.\n\nBen  0:04\nWhat now?\n"
JSON = '{"turns": [{"speaker": "Ana", "text": "Hi."}]}'

FROM_CONTENT = [
    ("WEBVTT header", VTT, "vtt"),
    ("WEBVTT header after a blank line and a byte-order mark", "\ufeff\n" + VTT, "vtt"),
    ("SRT cue number over a timing", SRT, "srt"),
    ("JSON object", JSON, "json"),
    ("JSON list of objects", '[{"speaker": "Ana"}]', "json"),
    ("JSON list over lines", "[\n  {}\n]", "json"),
    ("Otter header", OTTER, "otter"),
    ("Name: text", PLAIN, "text"),
    ("Name: text with a lower-case name", "ana: hi\n", "text"),
]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bracketed time", "[00:01] Ana: hi\n"),
        ("prose", "We met on Thursday.\n"),
        ("a lone timing", "00:01.000 --> 00:02.000"),
    ],
    ids=["bracketed time", "prose", "a lone timing"],
)
def test_sniff_format_finds_nothing(name: str, content: str) -> None:
    assert sniff_format(content) is None


@pytest.mark.parametrize(("name", "content", "expected"), FROM_CONTENT, ids=[case[0] for case in FROM_CONTENT])
def test_detect_format_from_content(name: str, content: str, expected: TranscriptFormat) -> None:
    assert detect_format(content) == expected
    assert detect_format(content, "upload") == expected


FROM_EXTENSION = [
    ("vtt", "talk.vtt", VTT, "vtt"),
    ("upper-case extension", "TALK.VTT", VTT, "vtt"),
    ("srt", "captions.srt", SRT, "srt"),
    ("srt without cue numbers", "captions.srt", "00:00:01,000 --> 00:00:02,000\nAna: Hi.\n", "srt"),
    ("txt with Name: text", "notes.txt", PLAIN, "text"),
    ("txt with an Otter export", "otter.txt", OTTER, "otter"),
    ("txt that is not a transcript goes to the plain reader", "notes.txt", "hello there\n", "text"),
    ("json", "session.json", JSON, "json"),
    ("a path with folders", "/home/sam/sets/march/talk.vtt", VTT, "vtt"),
]


@pytest.mark.parametrize(
    ("name", "filename", "content", "expected"), FROM_EXTENSION, ids=[case[0] for case in FROM_EXTENSION]
)
def test_detect_format_from_extension(name: str, filename: str, content: str, expected: TranscriptFormat) -> None:
    assert detect_format(content, filename) == expected


DETECTION_ERRORS = [
    (
        "no extension, not a transcript",
        None,
        "\n\nhello there, this is my shopping list\n",
        "line 3: expected `Name: text` or a WEBVTT/SRT/JSON transcript; found 'hello there, this is my shopping list'; "
        "is this a transcript?",
    ),
    (
        "unsupported extension",
        "minutes.docx",
        PLAIN,
        "minutes.docx: unsupported file type '.docx'; expected one of .vtt, .srt, .txt, .json",
    ),
    (
        "a .vtt holding SRT",
        "talk.vtt",
        SRT,
        "talk.vtt, line 1: a file ending in .vtt should start with `WEBVTT`, found '1'; the content looks like SRT "
        "captions: should the file name end in .srt?",
    ),
    (
        "a .vtt holding Name: text",
        "talk.vtt",
        PLAIN,
        "talk.vtt, line 1: a file ending in .vtt should start with `WEBVTT`, found 'Ana: Hi.'; the content looks like "
        "`Name: text` lines: should the file name end in .txt?",
    ),
    (
        "a .txt holding WebVTT",
        "notes.txt",
        VTT,
        "notes.txt, line 1: a file ending in .txt should hold `Name: text` lines or an Otter export, found 'WEBVTT'; "
        "the content looks like WebVTT captions: should the file name end in .vtt?",
    ),
    (
        "a .srt holding WebVTT",
        "captions.srt",
        VTT,
        "captions.srt, line 1: a file ending in .srt should start with a cue number and a timing, found 'WEBVTT'; "
        "the content looks like WebVTT captions: should the file name end in .vtt?",
    ),
    (
        "a .json holding an Otter export",
        "session.json",
        OTTER,
        "session.json, line 1: a file ending in .json should hold a JSON object, found 'Ana 0:01'; the content looks "
        "like an Otter export: should the file name end in .txt?",
    ),
    (
        "a .txt holding JSON",
        "notes.txt",
        JSON,
        "notes.txt, line 1: a file ending in .txt should hold `Name: text` lines or an Otter export, found "
        '\'{"turns": [{"speaker": "Ana", "text": "H…\'; '
        "the content looks like JSON: should the file name end in .json?",
    ),
]


@pytest.mark.parametrize(
    ("name", "filename", "content", "message"), DETECTION_ERRORS, ids=[case[0] for case in DETECTION_ERRORS]
)
def test_detect_format_errors(name: str, filename: str | None, content: str, message: str) -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_transcript(content, filename)
    assert str(caught.value) == message


PLAIN_TURNS = [Turn("Ana", "Hi."), Turn("Ben", "What now?")]
PARSED = [
    ("vtt", VTT, None, "vtt", [Turn("Ana", "Hi.", 1.0, 2.0)]),
    ("srt", SRT, "x.srt", "srt", [Turn("Ana", "Hi.", 1.0, 2.0)]),
    ("text", PLAIN, None, "text", PLAIN_TURNS),
    ("otter", OTTER, "x.txt", "otter", [Turn("Ana", "Hi.", 1.0), Turn("Ben", "What now?", 4.0)]),
    ("json", JSON, "x.json", "json", [Turn("Ana", "Hi.")]),
    ("CRLF and a byte-order mark", "\ufeffAna: Hi.\r\nBen: What now?\r\n", "x.txt", "text", PLAIN_TURNS),
    ("old Mac line ends", "Ana: Hi.\rBen: What now?\r", None, "text", PLAIN_TURNS),
]


@pytest.mark.parametrize(("name", "content", "filename", "format", "turns"), PARSED, ids=[case[0] for case in PARSED])
def test_parse_transcript(
    name: str, content: str, filename: str | None, format: TranscriptFormat, turns: list[Turn]
) -> None:
    transcript = parse_transcript(content, filename)
    assert transcript.format == format
    assert list(transcript.turns) == turns


@pytest.mark.parametrize("content", ["", " \n\t\n", "\ufeff"], ids=["empty", "whitespace", "a byte-order mark only"])
def test_parse_transcript_empty(content: str) -> None:
    with pytest.raises(EmptyTranscriptError) as caught:
        parse_transcript(content, "talk.vtt")
    assert str(caught.value) == "talk.vtt: the file is empty; expected a transcript (.vtt, .srt, .txt, .json)"


@pytest.mark.parametrize(
    "content",
    ["WEBVTT\x00\x00\x01", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Ana: hi\x01\x02\x03\x04\x05"],
    ids=["NUL bytes", "an image", "control characters"],
)
def test_parse_transcript_binary(content: str) -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_transcript(content, "talk.vtt")
    assert str(caught.value) == (
        "talk.vtt: the file holds binary data, not text; expected a transcript (.vtt, .srt, .txt, .json)"
    )


def test_parse_transcript_with_no_filename_has_no_source() -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_transcript("WEBVTT\n\nhello there\n")
    assert caught.value.source is None
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("UTF-8", "Zoë: Où est-ce ?\n".encode()),
        ("UTF-8 with a byte-order mark", codecs.BOM_UTF8 + "Zoë: Où est-ce ?\n".encode()),
        ("UTF-16 with a byte-order mark", "Zoë: Où est-ce ?\n".encode("utf-16")),
    ],
    ids=["UTF-8", "UTF-8 with a byte-order mark", "UTF-16 with a byte-order mark"],
)
def test_read_transcript_encodings(name: str, raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_bytes(raw)
    assert read_transcript(path).turns == (Turn("Zoë", "Où est-ce ?"),)
    assert read_transcript(str(path)).turns == (Turn("Zoë", "Où est-ce ?"),)


def test_read_transcript_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_bytes("Ana: Hi.\nZoë: Où?\n".encode("latin-1"))
    with pytest.raises(TranscriptFormatError) as caught:
        read_transcript(path)
    assert str(caught.value) == (
        f"{path}, line 2: expected UTF-8 text, found the byte 0xeb; is this a transcript? "
        "Save it as UTF-8 text (.vtt, .srt, .txt, .json)"
    )


def test_read_transcript_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.vtt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    with pytest.raises(TranscriptFormatError, match=r"expected UTF-8 text, found the byte 0xff"):
        read_transcript(path)


def test_read_transcript_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_transcript(tmp_path / "nope.vtt")


def test_decode_transcript_reports_no_line_for_utf16() -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        decode_transcript(codecs.BOM_UTF16_LE + b"\x00\xd8", "x.txt")
    assert caught.value.line is None


def test_sniff_format_blank() -> None:
    assert sniff_format("\n \n") is None


def test_supported_extensions_cover_every_reader() -> None:
    assert set(SUPPORTED_EXTENSIONS) == {".vtt", ".srt", ".txt", ".json"}
