"""Every error Coach raises on purpose, in one place.

The edges translate them: the HTTP API into status codes, the CLI into exit codes and messages.

    CoachError
    ├── InputError                  the caller sent something Coach cannot use (HTTP 422, CLI exit 2)
    │   ├── TranscriptFormatError   a file that is not a transcript of a known format; names the line
    │   └── EmptyTranscriptError    a transcript with no speech in it
    └── ModelError                  the model on disk is missing, incomplete or fails its checks (HTTP 503, CLI exit 3)
"""

from __future__ import annotations


class CoachError(Exception):
    """Base class of every error Coach raises on purpose."""


class InputError(CoachError):
    """The input cannot be used; the message says what was expected, what was found and how to fix it."""


class TranscriptFormatError(InputError):
    """A transcript file that does not parse; ``line`` is 1-based, or ``None`` for the whole file."""

    def __init__(self, message: str, *, line: int | None = None, source: str | None = None) -> None:
        where = ", ".join(part for part in (source, f"line {line}" if line is not None else None) if part)
        super().__init__(f"{where}: {message}" if where else message)
        self.line = line
        self.source = source


class EmptyTranscriptError(InputError):
    """A transcript that parsed but holds no speech."""


class ModelError(CoachError):
    """The model directory is missing, incomplete or does not match what its config promises."""
