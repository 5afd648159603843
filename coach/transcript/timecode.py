"""Timestamps: cue timings (``00:01:02.500 --> 00:01:05.000``) and Otter clock times (``1:02``, ``1:02:03``)."""

from __future__ import annotations

import math
import re
from typing import Final

from coach.errors import TranscriptFormatError

#: The longest session Coach reads: times beyond it are refused, so no figure built on times can blow up.
MAX_SESSION_SECONDS: Final = 24 * 3600
MAX_HOUR_DIGITS: Final = 3
VTT_TIMING_EXAMPLE: Final = "`00:00:01.000 --> 00:00:04.000`"
SRT_TIMING_EXAMPLE: Final = "`00:00:01,000 --> 00:00:04,000`"

_TIMESTAMP: Final = r"(?:\d+:)?\d{2}:\d{2}[.,]\d{1,3}"
_TIMESTAMP_PARTS: Final = re.compile(
    r"(?:(?P<hours>\d+):)?(?P<minutes>\d{2}):(?P<seconds>\d{2})[.,](?P<fraction>\d{1,3})"
)
_CUE_TIMING: Final = re.compile(rf"(?P<start>{_TIMESTAMP})[ \t]+-->[ \t]+(?P<end>{_TIMESTAMP})(?:[ \t]+.*)?")
_CLOCK: Final = re.compile(r"(?:(?P<hours>\d{1,2}):)?(?P<minutes>\d{1,2}):(?P<seconds>\d{2})")


def parse_timestamp(value: str) -> float | None:
    """Seconds for ``HH:MM:SS.mmm`` or ``MM:SS.mmm`` (a comma works too); ``None`` when it is not one."""
    match = _TIMESTAMP_PARTS.fullmatch(value)
    if match is None:
        return None
    return _seconds(match["hours"], match["minutes"], match["seconds"], match["fraction"])


def check_cue_order(start: float, end: float, *, line: int, source: str | None) -> None:
    """Raise :class:`TranscriptFormatError` for a cue that ends before it starts or lies beyond 24 hours."""
    if max(start, end) > MAX_SESSION_SECONDS:
        raise TranscriptFormatError(
            "the cue's time is more than 24 hours into the session; Coach reads sessions of up to 24 hours",
            line=line,
            source=source,
        )
    if end < start:
        raise TranscriptFormatError(
            f"the cue ends ({format_timestamp(end)}) before it starts ({format_timestamp(start)})",
            line=line,
            source=source,
        )


def parse_cue_timing(line: str) -> tuple[float, float] | None:
    """``(start, end)`` in seconds for a cue timing line, cue settings ignored; ``None`` when it is not one."""
    match = _CUE_TIMING.fullmatch(line.strip())
    if match is None:
        return None
    start, end = parse_timestamp(match["start"]), parse_timestamp(match["end"])
    if start is None or end is None:
        return None
    return start, end


def parse_clock(value: str) -> float | None:
    """Seconds for an Otter clock time, ``M:SS`` or ``H:MM:SS``; ``None`` when it is not one."""
    match = _CLOCK.fullmatch(value)
    if match is None:
        return None
    return _seconds(match["hours"], match["minutes"], match["seconds"], None)


def format_timestamp(seconds: float) -> str:
    """``HH:MM:SS.mmm`` for ``seconds``, as error messages show a time."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> float | None:
    if int(seconds) >= 60 or int(minutes) >= 60:
        return None
    if hours is not None and len(hours) > MAX_HOUR_DIGITS:
        return math.inf  # far beyond any session; the caller says so, without turning thousands of digits into a number
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if fraction:
        return (total * 1000 + int(fraction.ljust(3, "0"))) / 1000
    return float(total)
