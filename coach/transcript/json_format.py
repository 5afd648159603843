"""Coach's JSON transcript.

The shape: ``{"turns": [{"speaker", "text", "role"?, "start"?, "end"?}], "presenter"?, "facilitator"?}``, and for a
meeting ``"slots"?: [{"presenter", "turn" or "start"}]``, ``"mode"?`` (open, planned or combined) and
``"parts"?: [{"mode", "turn" or "start"}]``, as the API's JSON takes them.

Turns are taken as given (not merged): a JSON producer has already decided where turns begin and end. Other keys are
ignored, so that exports from other tools with extra fields (ids, confidences) still read.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Final

from coach.errors import TranscriptFormatError
from coach.transcript.lines import clean_text, content_lines, first_content_line, no_speech, quote
from coach.transcript.model import MEETING_MODES, ROLES, Marked, Transcript, Turn

_SHAPE: Final = '{"turns": [{"speaker": ..., "text": ...}]}'


def parse_json(content: str, source: str | None = None) -> Transcript:
    """The turns of a JSON transcript; ``source`` names it in errors.

    Raises :class:`~coach.errors.TranscriptFormatError` for text that is not JSON (naming the line), a document without
    a ``turns`` list, or a turn with a missing or wrong field; :class:`~coach.errors.EmptyTranscriptError` for no turns.
    """
    first = first_content_line(content_lines(content))
    if first is None:
        raise no_speech("the file is empty; expected a JSON transcript", source)
    text = content.removeprefix("\ufeff")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos == len(text) - len(text.lstrip()):
            message = f"expected a JSON object like {_SHAPE}, found {quote(first[1])}"
        else:
            message = f"not valid JSON: {error.msg} at column {error.colno}"
        raise TranscriptFormatError(message, line=error.lineno, source=source) from error
    except RecursionError as error:
        raise TranscriptFormatError("not valid JSON: nested too deeply", source=source) from error
    if not isinstance(document, dict):
        raise TranscriptFormatError(f"expected a JSON object like {_SHAPE}, found {_describe(document)}", source=source)
    if "turns" not in document:
        keys = ", ".join(f'"{key}"' for key in list(document)[:5])
        found = f"the keys {keys}" if keys else "an empty object"
        raise TranscriptFormatError(f'expected a "turns" list like {_SHAPE}, found {found}', source=source)
    return Transcript(
        turns=turns_from_records(document["turns"], source=source),
        format="json",
        presenter=_optional_name(document, "presenter", source),
        facilitator=_optional_name(document, "facilitator", source),
        slots=_marked(document, "slots", "presenter", None, source),
        mode=_mode(document, source),
        parts=_marked(document, "parts", "mode", ("open", "planned"), source),
    )


def turns_from_records(records: object, *, source: str | None = None) -> tuple[Turn, ...]:
    """Turns from a list of ``{"speaker", "text", "role"?, "start"?, "end"?}`` mappings, each checked.

    ``speaker`` and ``text`` must be non-empty strings, ``role`` one of presenter, member or facilitator (or null),
    ``start`` and ``end`` seconds (0 or more, ``end`` not before ``start``). Errors name the turn (``turns[3].role``).
    Raises :class:`~coach.errors.TranscriptFormatError`, or :class:`~coach.errors.EmptyTranscriptError` for no turns.
    """
    if isinstance(records, str | bytes) or not isinstance(records, Sequence):
        raise TranscriptFormatError(f'expected "turns" to be a list, found {_describe(records)}', source=source)
    if not records:
        raise no_speech('no speech found: the "turns" list is empty', source)
    return tuple(_turn(record, f"turns[{index}]", source) for index, record in enumerate(records))


def _turn(record: object, where: str, source: str | None) -> Turn:
    """The turn for one record; ``where`` names it in errors."""
    if not isinstance(record, Mapping):
        raise TranscriptFormatError(
            f'{where}: expected an object with "speaker" and "text", found {_describe(record)}', source=source
        )
    for key in ("speaker", "text"):
        if key not in record:
            raise TranscriptFormatError(
                f'{where}: missing "{key}"; each turn needs "speaker" and "text"', source=source
            )
    speaker, text = record["speaker"], record["text"]
    if not isinstance(speaker, str) or not speaker.strip():
        raise TranscriptFormatError(f"{where}.speaker: expected a name, found {_describe(speaker)}", source=source)
    if not isinstance(text, str) or not text.strip():
        raise TranscriptFormatError(f"{where}.text: expected what was said, found {_describe(text)}", source=source)
    role = record.get("role")
    if role is not None and role not in ROLES:
        raise TranscriptFormatError(
            f'{where}.role: expected "presenter", "member" or "facilitator", found {_describe(role)}', source=source
        )
    start, end = _seconds(record, "start", where, source), _seconds(record, "end", where, source)
    if start is not None and end is not None and end < start:
        raise TranscriptFormatError(f"{where}: ends ({end} s) before it starts ({start} s)", source=source)
    return Turn(speaker=clean_text(speaker), text=clean_text(text), start=start, end=end, role=role)


def _seconds(record: Mapping[object, object], key: str, where: str, source: str | None) -> float | None:
    """The number of seconds under ``key``, or ``None`` when absent or null."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise TranscriptFormatError(
            f"{where}.{key}: expected seconds from the start (a number, 0 or more), found {_describe(value)}",
            source=source,
        )
    return float(value)


def _optional_name(document: Mapping[str, object], key: str, source: str | None) -> str | None:
    """The presenter's or facilitator's name, or ``None`` when absent or null."""
    value = document.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise TranscriptFormatError(f"{key}: expected a speaker's name, found {_describe(value)}", source=source)
    return clean_text(value)


def _marked(
    document: Mapping[str, object], key: str, what: str, choices: tuple[str, ...] | None, source: str | None
) -> tuple[Marked, ...]:
    """The stretches listed under ``key``, each with ``what`` (a name, or one of ``choices``) and exactly one of
    ``turn`` (from 0) or ``start`` (seconds); none when absent or null."""
    records = document.get(key)
    if records is None:
        return ()
    if isinstance(records, str | bytes) or not isinstance(records, Sequence):
        raise TranscriptFormatError(f'expected "{key}" to be a list, found {_describe(records)}', source=source)
    marked = []
    for index, record in enumerate(records):
        where = f"{key}[{index}]"
        if not isinstance(record, Mapping) or what not in record:
            raise TranscriptFormatError(
                f'{where}: expected an object with "{what}" and "turn" or "start", found {_describe(record)}',
                source=source,
            )
        value = record[what]
        if choices is not None and value not in choices:
            expected = " or ".join(f'"{choice}"' for choice in choices)
            raise TranscriptFormatError(f"{where}.{what}: expected {expected}, found {_describe(value)}", source=source)
        if not isinstance(value, str) or not value.strip():
            raise TranscriptFormatError(f"{where}.{what}: expected a name, found {_describe(value)}", source=source)
        turn, start = record.get("turn"), _seconds(record, "start", where, source)
        if turn is not None and (isinstance(turn, bool) or not isinstance(turn, int) or turn < 0):
            raise TranscriptFormatError(
                f"{where}.turn: expected a turn number (0 or more), found {_describe(turn)}", source=source
            )
        if (turn is None) == (start is None):
            raise TranscriptFormatError(f'{where}: give either "turn" or "start", not both or neither', source=source)
        marked.append(Marked(clean_text(value), turn, start))
    return tuple(marked)


def _mode(document: Mapping[str, object], source: str | None) -> str | None:
    """The meeting's mode, or ``None`` when absent or null."""
    mode = document.get("mode")
    if mode is not None and mode not in MEETING_MODES:
        expected = ", ".join(f'"{m}"' for m in MEETING_MODES[:-1]) + f' or "{MEETING_MODES[-1]}"'
        raise TranscriptFormatError(f"mode: expected {expected}, found {_describe(mode)}", source=source)
    return mode if isinstance(mode, str) else None


def _describe(value: object) -> str:
    """A short description of a JSON value for an error message; strings are quoted and cut short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "Infinity"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return quote(value) if value.strip() else "an empty string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, Sequence):
        return "a list"
    return f"a {type(value).__name__}"
