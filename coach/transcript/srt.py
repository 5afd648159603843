"""SubRip (``.srt``) captions: numbered cues, ``HH:MM:SS,mmm`` timings, the speaker as ``Name: text`` when named.

Formatting tags (``<i>``, ``<font>``) and positioning codes (``{\\an8}``) are dropped. Consecutive cues of one speaker
become one turn; a cue that names nobody is the unknown speaker's.
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
    merge_turns,
    no_speech,
    quote,
    speaker_prefix,
)
from coach.transcript.model import UNKNOWN_SPEAKER, Transcript, Turn
from coach.transcript.timecode import SRT_TIMING_EXAMPLE, check_cue_order, parse_cue_timing

_MARKUP: Final = re.compile(r"<[^>]*>|\{\\[^}]*\}")


@dataclass(frozen=True, slots=True)
class _Cue:
    """One cue's clean text and timing."""

    text: str
    start: float
    end: float


def is_srt_start(first: str, second: str | None) -> bool:
    """Whether two lines open an SRT cue: a cue number, then a timing."""
    return first.isdigit() and second is not None and "-->" in second


def parse_srt(content: str, source: str | None = None) -> Transcript:
    """The turns of an SRT file; ``source`` names it in errors.

    Raises :class:`~coach.errors.TranscriptFormatError` naming the line that breaks the format, and
    :class:`~coach.errors.EmptyTranscriptError` when no cue holds text.
    """
    cues = [cue for block in blocks(content_lines(content)) if (cue := _cue(block, source)).text]
    if not cues:
        raise no_speech("no speech found: the SRT file has no cues with text", source)
    speakers = accepted_speakers(prefix.name for cue in cues if (prefix := speaker_prefix(cue.text)))
    return Transcript(turns=merge_turns(turn for cue in cues if (turn := _turn(cue, speakers)).text), format="srt")


def _cue(block: Block, source: str | None) -> _Cue:
    """The cue in one block: an optional cue number, the timing line, then text lines."""
    line_number, first = block[0]
    if first.isdigit():
        if len(block) == 1:
            raise TranscriptFormatError(
                f"expected a cue timing like {SRT_TIMING_EXAMPLE} on the line after cue number {first}, found none",
                line=line_number,
                source=source,
            )
        line_number, first = block[1]
        text_lines = block[2:]
    elif "-->" in first:
        text_lines = block[1:]
    else:
        raise TranscriptFormatError(
            f"expected a cue number like `1`, found {quote(first)}", line=line_number, source=source
        )
    timing = parse_cue_timing(first)
    if timing is None:
        raise TranscriptFormatError(
            f"expected a cue timing like {SRT_TIMING_EXAMPLE}, found {quote(first)}", line=line_number, source=source
        )
    start, end = timing
    check_cue_order(start, end, line=line_number, source=source)
    text = clean_text(html.unescape(_MARKUP.sub("", " ".join(text for _, text in text_lines))))
    return _Cue(text, start, end)


def _turn(cue: _Cue, speakers: frozenset[str]) -> Turn:
    """The turn for one cue: the ``Name:`` prefix of its text when it names a speaker, else the unknown speaker."""
    prefix = speaker_prefix(cue.text)
    if prefix is not None and prefix.name in speakers:
        return Turn(speaker=prefix.name, text=prefix.text, start=cue.start, end=cue.end)
    return Turn(speaker=UNKNOWN_SPEAKER, text=cue.text, start=cue.start, end=cue.end)
