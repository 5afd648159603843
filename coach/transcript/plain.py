"""Plain-text transcripts, in two layouts.

``Name: text`` lines (format ``"text"``): each line that opens with a speaker's name and a colon starts a turn; other
lines continue the current speaker's turn. Otter's export (format ``"otter"``): a header line with the name and a
clock time (``Priya Shah  0:03`` or ``Priya Shah  1:02:03``), then the text lines; Otter's "Transcribed by" footer is
skipped. Consecutive turns of one speaker are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from coach.errors import TranscriptFormatError
from coach.transcript.lines import (
    MAX_NAME_WORDS,
    accepted_speakers,
    clean_text,
    content_lines,
    merge_turns,
    no_speech,
    quote,
    speaker_prefix,
)
from coach.transcript.model import Transcript, TranscriptFormat, Turn
from coach.transcript.timecode import parse_clock

_OTTER_HEADER: Final = re.compile(r"(?P<name>[^\W\d_][^:]{0,79}?)(?P<gap>[ \t]+)(?P<clock>(?:\d{1,2}:)?\d{1,2}:\d{2})")
_OTTER_FOOTER: Final = re.compile(r"transcribed by https?://otter\.ai\S*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OtterHeader:
    """An Otter speaker header: the name and the clock time in seconds."""

    name: str
    start: float


@dataclass(slots=True)
class _Paragraph:
    """A speaker's lines as the reader collects them."""

    speaker: str
    start: float | None
    lines: list[str] = field(default_factory=list)

    def turn(self) -> Turn:
        """The turn these lines make."""
        return Turn(speaker=self.speaker, text=clean_text(" ".join(self.lines)), start=self.start)


def otter_header(line: str, *, after_break: bool = True) -> OtterHeader | None:
    """The Otter header ``line`` is, if it is one.

    Name and time are apart by two spaces or a tab; one space will do on a line that opens the file or follows a blank
    line, where a sentence ending in a time ("see you at 10:30") is unlikely.
    """
    match = _OTTER_HEADER.fullmatch(line.strip())
    if match is None or (match["gap"] == " " and not after_break):
        return None
    name = match["name"].strip()
    start = parse_clock(match["clock"])
    if start is None or len(name.split()) > MAX_NAME_WORDS:
        return None
    return OtterHeader(name, start)


def parse_plain(content: str, source: str | None = None) -> Transcript:
    """The turns of a ``Name: text`` transcript; ``source`` names it in errors.

    Raises :class:`~coach.errors.TranscriptFormatError` when the first line names no speaker, and
    :class:`~coach.errors.EmptyTranscriptError` when no speaker says anything.
    """
    lines = content_lines(content)
    speakers = accepted_speakers(prefix.name for line in lines if (prefix := speaker_prefix(line)))
    paragraphs: list[_Paragraph] = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        prefix = speaker_prefix(line)
        if prefix is not None and (prefix.name in speakers or not paragraphs):
            paragraphs.append(_Paragraph(prefix.name, None, [prefix.text]))
        elif paragraphs:
            paragraphs[-1].lines.append(line)
        else:
            raise TranscriptFormatError(
                f"expected `Name: text` lines or an Otter export (`Name  0:03`, then text); found {quote(line)}; "
                "is this a transcript?",
                line=number,
                source=source,
            )
    return _transcript(paragraphs, "text", source)


def parse_otter(content: str, source: str | None = None) -> Transcript:
    """The turns of an Otter export (``Name  0:03`` header, then text lines); ``source`` names it in errors.

    Raises :class:`~coach.errors.TranscriptFormatError` when text comes before the first header, and
    :class:`~coach.errors.EmptyTranscriptError` when no speaker says anything.
    """
    paragraphs: list[_Paragraph] = []
    after_break = True
    for number, raw in enumerate(content_lines(content), 1):
        line = raw.strip()
        if not line:
            after_break = True
            continue
        header = otter_header(line, after_break=after_break)
        after_break = False
        if header is not None:
            paragraphs.append(_Paragraph(header.name, header.start))
        elif _OTTER_FOOTER.fullmatch(line):
            continue
        elif paragraphs:
            paragraphs[-1].lines.append(line)
        else:
            raise TranscriptFormatError(
                f"expected a speaker header like `Name  0:03`, found {quote(line)}", line=number, source=source
            )
    return _transcript(paragraphs, "otter", source)


def _transcript(paragraphs: list[_Paragraph], format: TranscriptFormat, source: str | None) -> Transcript:
    """The transcript of the collected paragraphs, or an error when nobody says anything."""
    if not paragraphs:
        raise no_speech("the file is empty; expected a transcript", source)
    turns = merge_turns(turn for paragraph in paragraphs if (turn := paragraph.turn()).text)
    if not turns:
        raise no_speech("no speech found: the transcript names speakers but none of them says anything", source)
    return Transcript(turns=turns, format=format)
