"""WebVTT captions, as Zoom and Teams save them.

Zoom names the speaker at the start of the cue text (``Priya Shah: so the rota...``); Teams wraps the text in a voice
tag (``<v Priya Shah>so the rota</v>``) and splits sentences across cues. Cue identifiers are optional; ``NOTE``,
``STYLE`` and ``REGION`` blocks are skipped; other tags (``<c>``, ``<i>``, inline timestamps) are dropped and
entities decoded. Consecutive cues of one speaker become one turn.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Final

from coach.errors import TranscriptFormatError
from coach.transcript.lines import (
    Block,
    accepted_speakers,
    blocks,
    clean_text,
    content_lines,
    first_content_line,
    merge_turns,
    no_speech,
    quote,
    speaker_prefix,
)
from coach.transcript.model import UNKNOWN_SPEAKER, Transcript, Turn
from coach.transcript.timecode import VTT_TIMING_EXAMPLE, check_cue_order, parse_cue_timing

_SKIPPED_BLOCKS: Final = ("NOTE", "STYLE", "REGION")
_VOICE: Final = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+(?P<name>[^>]*))?>")
_TAG: Final = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class _Segment:
    """The text of one cue (or one voice span of it) and the speaker its voice tag names, if any."""

    voice: str | None
    text: str
    start: float
    end: float


def is_vtt_header(line: str) -> bool:
    """Whether ``line`` is a WebVTT file's first line: ``WEBVTT``, maybe followed by a space and a title."""
    return line == "WEBVTT" or (line.startswith("WEBVTT") and line[6] in " \t")


def parse_vtt(content: str, source: str | None = None) -> Transcript:
    """The turns of a WebVTT file; ``source`` names it in errors.

    Raises :class:`~coach.errors.TranscriptFormatError` naming the line that breaks the format, and
    :class:`~coach.errors.EmptyTranscriptError` when no cue holds text.
    """
    lines = content_lines(content)
    first = first_content_line(lines)
    if first is None:
        raise no_speech("the file is empty; expected a WebVTT transcript", source)
    header_line, header = first
    if not is_vtt_header(header):
        raise TranscriptFormatError(
            f"expected `WEBVTT` on the first line of a WebVTT file, found {quote(header)}",
            line=header_line,
            source=source,
        )
    segments = [
        segment for block in blocks(lines, _end_of_header(lines, header_line)) for segment in _cue(block, source)
    ]
    speakers = accepted_speakers(
        prefix.name for segment in segments if segment.voice is None and (prefix := speaker_prefix(segment.text))
    )
    turns = merge_turns(turn for segment in segments if (turn := _turn(segment, speakers)).text)
    if not turns:
        raise no_speech("no speech found: the WebVTT file has no cues with text", source)
    return Transcript(turns=turns, format="vtt")


def _end_of_header(lines: list[str], header_line: int) -> int:
    """The index of the first line after the header block (the header line and any metadata lines under it)."""
    index = header_line
    while index < len(lines) and lines[index].strip() and "-->" not in lines[index]:
        index += 1
    return index


def _cue(block: Block, source: str | None) -> list[_Segment]:
    """The segments of one block: none for a NOTE, STYLE or REGION block or a cue without text."""
    _, first = block[0]
    if first.split(maxsplit=1)[0] in _SKIPPED_BLOCKS:
        return []
    # A cue may open with an identifier (a number, or a Teams GUID) before its timing line.
    has_identifier = len(block) > 1 and "-->" not in first and ("-->" in block[1][1] or len(first.split()) == 1)
    timing_index = 1 if has_identifier else 0
    line_number, timing_line = block[timing_index]
    timing = parse_cue_timing(timing_line)
    if timing is None:
        raise TranscriptFormatError(
            f"expected a cue timing like {VTT_TIMING_EXAMPLE}, found {quote(timing_line)}",
            line=line_number,
            source=source,
        )
    start, end = timing
    check_cue_order(start, end, line=line_number, source=source)
    payload = "\n".join(text for _, text in block[timing_index + 1 :])
    return [_Segment(voice, text, start, end) for voice, text in _voice_spans(payload) if text]


def _voice_spans(payload: str) -> list[tuple[str | None, str]]:
    """``(voice name or None, clean text)`` for each voice span of a cue's text; one unnamed span without voice tags."""
    matches = list(_VOICE.finditer(payload))
    if not matches:
        return [(None, _plain(payload))]
    spans: list[tuple[str | None, str]] = []
    if before := _plain(payload[: matches[0].start()]):
        spans.append((None, before))
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(payload)
        name = clean_text(html.unescape(match["name"] or ""))
        spans.append((name or UNKNOWN_SPEAKER, _plain(payload[match.end() : stop])))
    return spans


def _plain(text: str) -> str:
    """Cue text without tags, entities decoded, whitespace squeezed."""
    return clean_text(html.unescape(_TAG.sub("", text)))


def _turn(segment: _Segment, speakers: frozenset[str]) -> Turn:
    """The turn for one segment: its voice, else the ``Name:`` prefix of its text, else the unknown speaker."""
    if segment.voice is not None:
        return Turn(speaker=segment.voice, text=segment.text, start=segment.start, end=segment.end)
    prefix = speaker_prefix(segment.text)
    if prefix is not None and prefix.name in speakers:
        return Turn(speaker=prefix.name, text=prefix.text, start=segment.start, end=segment.end)
    return Turn(speaker=UNKNOWN_SPEAKER, text=segment.text, start=segment.start, end=segment.end)
