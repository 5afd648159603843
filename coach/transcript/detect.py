"""Picking the reader for a transcript, from its file extension or its content, and reading files.

The extension decides when there is one (``.vtt``, ``.srt``, ``.txt``, ``.json``; ``.txt`` holds ``Name: text`` lines or
an Otter export); content that plainly belongs to another format is an error that says so, not a guess. Without an
extension the content decides: a ``WEBVTT`` header, an SRT cue number over a timing, a JSON object, an Otter speaker
header, a ``Name: text`` line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from itertools import islice
from pathlib import Path, PurePath
from typing import Final

from coach.errors import TranscriptFormatError
from coach.transcript.json_format import parse_json
from coach.transcript.lines import content_lines, first_content_line, no_speech, quote, speaker_prefix
from coach.transcript.model import Transcript, TranscriptFormat
from coach.transcript.plain import otter_header, parse_otter, parse_plain
from coach.transcript.srt import is_srt_start, parse_srt
from coach.transcript.vtt import is_vtt_header, parse_vtt

SUPPORTED_EXTENSIONS: Final[dict[str, TranscriptFormat]] = {
    ".vtt": "vtt",
    ".srt": "srt",
    ".txt": "text",
    ".json": "json",
}
READERS: Final[dict[TranscriptFormat, Callable[[str, str | None], Transcript]]] = {
    "vtt": parse_vtt,
    "srt": parse_srt,
    "text": parse_plain,
    "otter": parse_otter,
    "json": parse_json,
}

_SUPPORTED: Final = ", ".join(SUPPORTED_EXTENSIONS)
_LOOKS_LIKE: Final[dict[TranscriptFormat, tuple[str, str]]] = {
    "vtt": ("WebVTT captions", ".vtt"),
    "srt": ("SRT captions", ".srt"),
    "text": ("`Name: text` lines", ".txt"),
    "otter": ("an Otter export", ".txt"),
    "json": ("JSON", ".json"),
}
_EXPECTED_START: Final[dict[TranscriptFormat, str]] = {
    "vtt": "should start with `WEBVTT`",
    "srt": "should start with a cue number and a timing",
    "text": "should hold `Name: text` lines or an Otter export",
    "otter": "should hold `Name: text` lines or an Otter export",
    "json": "should hold a JSON object",
}
_MAX_CONTROL_SHARE: Final = 0.01
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: An object, or a list of objects, lists or strings: not a caption line like ``[00:01] Ana: hi``.
_JSON_START: Final = re.compile(r"\{|\[\s*(?:[\[{\"\]]|$)")


def sniff_format(content: str) -> TranscriptFormat | None:
    """The format the first lines of ``content`` plainly show, or ``None`` when they show none."""
    lines = list(islice((line.strip() for line in content_lines(content) if line.strip()), 2))
    if not lines:
        return None
    first, second = lines[0], lines[1] if len(lines) > 1 else None
    if is_vtt_header(first):
        return "vtt"
    if _JSON_START.match(first):
        return "json"
    if is_srt_start(first, second):
        return "srt"
    if otter_header(first) is not None:
        return "otter"
    if speaker_prefix(first) is not None:
        return "text"
    return None


def detect_format(content: str, filename: str | None = None) -> TranscriptFormat:
    """The format to read ``content`` as: from the extension of ``filename`` when it has one, else from the content.

    Raises :class:`~coach.errors.TranscriptFormatError` for an unsupported extension, content that belongs to another
    format than its extension says, or content that looks like no transcript at all.
    """
    extension = PurePath(filename).suffix.lower() if filename else ""
    sniffed = sniff_format(content)
    if not extension:
        if sniffed is None:
            line, found = _first_line(content, filename)
            raise TranscriptFormatError(
                f"expected `Name: text` or a WEBVTT/SRT/JSON transcript; found {quote(found)}; is this a transcript?",
                line=line,
                source=filename,
            )
        return sniffed
    declared = SUPPORTED_EXTENSIONS.get(extension)
    if declared is None:
        raise TranscriptFormatError(
            f"unsupported file type '{extension}'; expected one of {_SUPPORTED}", source=filename
        )
    if declared == "text" and sniffed in ("text", "otter"):
        return sniffed
    if sniffed is None or sniffed == declared:
        return declared
    line, found = _first_line(content, filename)
    looks_like, suggested = _LOOKS_LIKE[sniffed]
    raise TranscriptFormatError(
        f"a file ending in {extension} {_EXPECTED_START[declared]}, found {quote(found)}; "
        f"the content looks like {looks_like}: should the file name end in {suggested}?",
        line=line,
        source=filename,
    )


def parse_transcript(content: str, filename: str | None = None) -> Transcript:
    """The transcript in ``content``, read as the format its ``filename`` or its content shows.

    ``filename`` (a name or path; only its extension is used to pick a reader) names the source in error messages.
    Raises :class:`~coach.errors.TranscriptFormatError` (what was expected, what was found, on which line) or
    :class:`~coach.errors.EmptyTranscriptError`; never returns an empty transcript.
    """
    if not content.removeprefix("\ufeff").strip():
        raise no_speech(f"the file is empty; expected a transcript ({_SUPPORTED})", filename)
    if _is_binary(content):
        raise TranscriptFormatError(
            f"the file holds binary data, not text; expected a transcript ({_SUPPORTED})", source=filename
        )
    return READERS[detect_format(content, filename)](content, filename)


def read_transcript(path: str | Path) -> Transcript:
    """The transcript in the file at ``path``: UTF-8 (a byte-order mark is fine; UTF-16 with one too).

    Raises what :func:`parse_transcript` raises, :class:`~coach.errors.TranscriptFormatError` for bytes that are not
    UTF-8 text, and :class:`OSError` when the file cannot be read.
    """
    source = str(path)
    return parse_transcript(decode_transcript(Path(path).read_bytes(), source), source)


def decode_transcript(raw: bytes, source: str | None = None) -> str:
    """The text of a transcript file's bytes: UTF-8 with or without a byte-order mark, or UTF-16 with one."""
    encoding = "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1 if encoding == "utf-8-sig" else None
        found = raw[error.start : error.start + 1].hex()
        raise TranscriptFormatError(
            f"expected UTF-8 text, found the byte 0x{found}; is this a transcript? "
            f"Save it as UTF-8 text ({_SUPPORTED})",
            line=line,
            source=source,
        ) from error


def _first_line(content: str, filename: str | None) -> tuple[int, str]:
    """The first non-blank line, which detection errors quote."""
    first = first_content_line(content_lines(content))
    if first is None:
        raise no_speech(f"the file is empty; expected a transcript ({_SUPPORTED})", filename)
    return first


def _is_binary(content: str) -> bool:
    """Whether ``content`` holds a NUL or more than a few control characters: a binary file decoded as text."""
    if "\x00" in content:
        return True
    return len(_CONTROL.findall(content)) > _MAX_CONTROL_SHARE * len(content)
