"""``coach analyze --set``, ``coach sets``, ``coach corrections export`` and ``coach db upgrade`` on a local SQLite
file, with the keyword classifier standing in for the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.classifier import Coach
from coach.cli.main import main
from coach.sets.database import head_revision
from tests.fakes import KeywordClassifier
from tests.feedback.meeting import ADVISED_MEETING, meeting_turns

FIRST = """Ruth: Okay. Shall we start?
Sam: The rota keeps falling apart and I cover every weekend.
Priya: What has that been like for you?
Tom: Have you thought about talking to HR?
Ruth: We're at time. Sam, what will you do?
Sam: I'm going to ring the agency manager tomorrow.
"""
SECOND = """Sam: So I did ring the agency manager, and it helped.
Priya: What changed after that?
"""


@pytest.fixture(autouse=True)
def local_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fresh database through COACH_DATABASE_URL, and the keyword classifier as the model."""
    monkeypatch.setattr(Coach, "load", classmethod(lambda cls, model=None: Coach(KeywordClassifier())))
    path = tmp_path / "coach.db"
    monkeypatch.setenv("COACH_DATABASE_URL", f"sqlite:///{path}")
    return path


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_set_workflow_from_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first, second = write(tmp_path, "one.txt", FIRST), write(tmp_path, "two.txt", SECOND)
    assert main(["analyze", str(first), "--set", "Wednesday set", "--date", "2026-11-04", "--presenter", "Sam"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [a["text"] for a in report["actions"]] == ["ring the agency manager tomorrow"]
    assert main(["analyze", str(second), "--set", "Wednesday set", "--date", "2026-11-18", "--presenter", "Sam"]) == 0
    captured = capsys.readouterr()
    (back,) = json.loads(captured.out)["report_back"]
    assert back["mentioned"]
    assert back["quote"] == "So I did ring the agency manager, and it helped."

    assert main(["sets", "list"]) == 0
    assert capsys.readouterr().out == "Wednesday set\t2 sessions\n"
    assert main(["sets", "show", "Wednesday set", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [s["date"] for s in shown["sessions"]] == ["2026-11-04", "2026-11-18"]
    assert shown["open_actions"] == []
    assert main(["sets", "show", "Wednesday set"]) == 0
    assert "2026-11-18" in capsys.readouterr().out

    assert main(["corrections", "export"]) == 0
    assert capsys.readouterr().out == ""


def test_deleting_a_set_asks_first(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    main(["analyze", str(write(tmp_path, "one.txt", FIRST)), "--set", "s"])
    capsys.readouterr()
    assert main(["sets", "delete", "s"]) == 2  # standard input is not a terminal here
    assert "--yes" in capsys.readouterr().err
    assert main(["sets", "delete", "s", "--yes"]) == 0
    assert main(["sets", "show", "s"]) == 2
    assert "no set named 's'" in capsys.readouterr().err


def test_db_upgrade_and_a_date_without_a_set(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["db", "upgrade"]) == 0
    assert f"-> {head_revision()}" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert "current" in capsys.readouterr().out
    assert main(["analyze", str(write(tmp_path, "one.txt", FIRST)), "--date", "2026-11-04"]) == 2
    assert "--set" in capsys.readouterr().err


def test_a_saved_meetings_modes_are_said_with_sets_mode(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns(ADVISED_MEETING)]
    path = write(tmp_path, "advised.json", json.dumps({"turns": turns, "facilitator": "Ruth"}))
    assert main(["analyze", str(path), "--set", "Ward", "--date", "2026-11-04", "--format", "text"]) == 0
    words = " ".join(capsys.readouterr().out.split())
    assert main(["sets", "show", "Ward", "--format", "json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)["sessions"]
    # The report saved asks, pointing to this session (not to run it again, which would save it twice).
    assert f'run coach sets mode "Ward" {listed["id"]} planned, and none of it will count' in words
    assert main(["sets", "show", "Ward"]) == 0
    assert f'was it planned time? coach sets mode "Ward" {listed["id"]} planned (or open)' in capsys.readouterr().out

    assert main(["sets", "mode", "Ward", "2026-11-04", "planned", "--slot", "amira"]) == 0
    assert capsys.readouterr().out == (
        "The session of 2026-11-04 in 'Ward' is now read as planned time in Amira's slot; members' questioning ratio "
        "25% (was 25%).\n"
    )
    assert main(["sets", "mode", "Ward", listed["id"], "planned"]) == 0
    assert "nothing members said counts in it now (was 25%)" in capsys.readouterr().out
    assert main(["sets", "show", "Ward", "--format", "json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)["sessions"]
    assert (listed["questioning_ratio"], listed["planned_time_check"]) == (None, None)
    assert main(["sets", "show", "Ward"]) == 0
    assert "was it planned time?" not in capsys.readouterr().out

    assert main(["sets", "mode", "Ward", "2026-11-05", "open"]) == 2
    assert (
        "no session on '2026-11-05' (or with that id); the set's sessions are on: 2026-11-04" in capsys.readouterr().err
    )
    assert main(["sets", "mode", "Ward", "2026-11-04", "open", "--slot", "Bob"]) == 2
    assert "no presenter called 'Bob' in this session; its presenters: Amira, Tunde" in capsys.readouterr().err
