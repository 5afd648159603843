"""What the readers share: numbered lines and blocks, quoting a line in an error, speaker prefixes, merging turns.

Error messages quote at most :data:`QUOTE_LIMIT` characters of the line they name: enough to find it, not enough to
repeat what a person said.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final

from coach.errors import EmptyTranscriptError
from coach.transcript.model import UNKNOWN_SPEAKER, Turn

QUOTE_LIMIT: Final = 40
MAX_NAME_WORDS: Final = 6

_NAME_PREFIX: Final = re.compile(
    r"(?P<name>[^\W\d_][^:?!;\"“”<>{}\[\]=*#]{0,79}?)[ \t]*:(?:\s+|$)(?P<text>.*)", re.DOTALL
)
_PARENTHESES: Final = re.compile(r"\([^)]*\)")
_NAME_PARTICLES: Final = frozenset(
    {"al", "bin", "binti", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von"}
)

Block = list[tuple[int, str]]
"""Consecutive non-blank lines as ``(line number, stripped text)``; line numbers are 1-based."""


@dataclass(frozen=True, slots=True)
class SpeakerPrefix:
    """A line or cue that opens with ``Name:``; ``text`` is what follows the colon."""

    name: str
    text: str


def content_lines(content: str) -> list[str]:
    """The lines of ``content`` with a byte-order mark dropped; numbered as an editor numbers them."""
    return content.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def first_content_line(lines: list[str]) -> tuple[int, str] | None:
    """``(line number, stripped text)`` of the first non-blank line, or ``None`` when all are blank."""
    return next(((number, line.strip()) for number, line in enumerate(lines, 1) if line.strip()), None)


def blocks(lines: list[str], start: int = 0) -> list[Block]:
    """The blank-line separated blocks of ``lines[start:]``."""
    found: list[Block] = []
    current: Block = []
    for index in range(start, len(lines)):
        text = lines[index].strip()
        if text:
            current.append((index + 1, text))
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def quote(line: str) -> str:
    """``line`` in single quotes for an error message, whitespace squeezed and cut to :data:`QUOTE_LIMIT` characters."""
    text = "".join(char if char.isprintable() else "\ufffd" for char in " ".join(line.split()))
    if len(text) > QUOTE_LIMIT:
        text = text[:QUOTE_LIMIT].rstrip() + "…"
    return f"'{text}'"


def clean_text(text: str) -> str:
    """``text`` with runs of whitespace squeezed to one space and the ends stripped."""
    return " ".join(text.split())


def speaker_prefix(text: str) -> SpeakerPrefix | None:
    """The ``Name:`` that opens ``text``, if it could be a speaker's name (starts with a letter, a few words)."""
    match = _NAME_PREFIX.fullmatch(text.strip())
    if match is None:
        return None
    name = match["name"].strip()
    if len(_PARENTHESES.sub(" ", name).split()) > MAX_NAME_WORDS:
        return None
    return SpeakerPrefix(name, clean_text(match["text"]))


def looks_like_name(name: str) -> bool:
    """Whether every word of ``name`` (outside parentheses) is capitalised, a number, or a particle like ``van``."""
    words = _PARENTHESES.sub(" ", name).split()
    return bool(words) and all(
        word[0].isupper() or word[0].isdigit() or word.lower() in _NAME_PARTICLES for word in words
    )


def accepted_speakers(names: Iterable[str]) -> frozenset[str]:
    """The prefixes to read as speakers: names used twice or more, and capitalised names.

    A sentence that happens to open with a phrase and a colon ("here's the thing: nobody owns it") is rarely repeated
    word for word, while a speaker's name is; a lower-case display name used once stays part of the text.
    """
    counts = Counter(names)
    return frozenset(name for name, count in counts.items() if count >= 2 or looks_like_name(name))


def merge_turns(turns: Iterable[Turn]) -> tuple[Turn, ...]:
    """Consecutive turns of the same speaker (and role) merged into one: texts joined by a space, first start, last end.

    Turns of :data:`UNKNOWN_SPEAKER` are never merged: nothing says they are the same person.
    """
    merged: list[Turn] = []
    for turn in turns:
        previous = merged[-1] if merged else None
        if (
            previous is None
            or turn.speaker != previous.speaker
            or turn.role != previous.role
            or turn.speaker == UNKNOWN_SPEAKER
        ):
            merged.append(turn)
            continue
        merged[-1] = replace(
            previous,
            text=f"{previous.text} {turn.text}",
            start=previous.start if previous.start is not None else turn.start,
            end=turn.end if turn.end is not None else previous.end,
        )
    return tuple(merged)


def no_speech(message: str, source: str | None) -> EmptyTranscriptError:
    """An :class:`EmptyTranscriptError` whose message names the source like a format error does."""
    return EmptyTranscriptError(f"{source}: {message}" if source else message)
