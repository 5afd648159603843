"""What the pages show, worked out in Python: percentages and clock times as a person reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
OTTER = REPO / "examples" / "otter_session.txt"
ZOOM_VTT = REPO / "tests" / "transcript" / "samples" / "zoom.vtt"
SESSION_JSON = REPO / "tests" / "transcript" / "samples" / "session.json"
NOT_A_TRANSCRIPT = REPO / "tests" / "transcript" / "samples" / "not_a_transcript.txt"


def write_vtt(path: Path, turns: list[tuple[str, str]], gap: int) -> Path:
    """``turns`` (speaker, text) written to ``path`` as WebVTT, one cue per turn, ``gap`` seconds apart."""

    def stamp(seconds: int) -> str:
        return f"00:{seconds // 60:02d}:{seconds % 60:02d}.000"

    cues = [
        f"{k + 1}\n{stamp(k * gap)} --> {stamp(k * gap + gap - 1)}\n{speaker}: {text}\n"
        for k, (speaker, text) in enumerate(turns)
    ]
    path.write_text("WEBVTT\n\n" + "\n".join(cues), encoding="utf-8")
    return path


def percent(ratio: float) -> str:
    """A ratio as the pages print it: ``0.3385`` -> ``"34%"``."""
    return f"{round(ratio * 100)}%"


def clock(seconds: float) -> str:
    """Seconds as the pages print them: ``359.0`` -> ``"5:59"``, ``3725`` -> ``"1:02:05"``."""
    whole = round(seconds)
    hours, minutes, rest = whole // 3600, whole % 3600 // 60, whole % 60
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"


def service_report(base_url: str, path: Path, **form: str) -> dict[str, Any]:
    """The report the service itself gives for ``path``: what the page should be showing."""
    response = httpx.post(
        f"{base_url}/v1/sessions/analyze", files={"file": (path.name, path.read_bytes())}, data=form, timeout=30
    )
    response.raise_for_status()
    report: dict[str, Any] = response.json()
    return report


def service_error(base_url: str, path: Path) -> str:
    response = httpx.post(f"{base_url}/v1/sessions/analyze", files={"file": (path.name, path.read_bytes())}, timeout=30)
    assert response.status_code == 422, response.text
    message: str = response.json()["error"]["message"]
    return message


def create_set(base_url: str, name: str) -> str:
    """A new set, made through the service; its id."""
    response = httpx.post(f"{base_url}/v1/sets", json={"name": name}, timeout=30)
    response.raise_for_status()
    set_id: str = response.json()["id"]
    return set_id


def save_session(base_url: str, set_id: str, transcript: str, date: str, **roles: str) -> dict[str, Any]:
    """``transcript`` (``Name: text`` lines) saved to the set for ``date``, as the analyse page saves it; the report."""
    response = httpx.post(
        f"{base_url}/v1/sets/{set_id}/sessions",
        files={"file": ("pasted.txt", transcript.encode("utf-8"))},
        data={"date": date, **roles},
        timeout=60,
    )
    response.raise_for_status()
    report: dict[str, Any] = response.json()
    return report
