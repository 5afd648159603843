"""Transcript readers: WebVTT (Zoom, Teams), SRT, `Name: text` lines, Otter exports and JSON in; turns out.

    >>> from coach.transcript import parse_transcript
    >>> transcript = parse_transcript("Priya: We lost two nurses.\\nTom: What would help?\\n")
    >>> [(turn.speaker, turn.text) for turn in transcript.turns]
    [('Priya', 'We lost two nurses.'), ('Tom', 'What would help?')]

This package knows nothing of the classifier, the API or the CLI. Errors are :class:`coach.errors.TranscriptFormatError`
(naming the line and what was expected) and :class:`coach.errors.EmptyTranscriptError`.
"""

from coach.transcript.detect import SUPPORTED_EXTENSIONS, detect_format, parse_transcript, read_transcript
from coach.transcript.json_format import turns_from_records
from coach.transcript.model import FORMATS, ROLES, UNKNOWN_SPEAKER, Transcript, TranscriptFormat, Turn

__all__ = [
    "FORMATS",
    "ROLES",
    "SUPPORTED_EXTENSIONS",
    "UNKNOWN_SPEAKER",
    "Transcript",
    "TranscriptFormat",
    "Turn",
    "detect_format",
    "parse_transcript",
    "read_transcript",
    "turns_from_records",
]
