from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coach.classifier import Coach
from coach.cli.main import main
from coach.errors import ModelError
from tests.fakes import KeywordClassifier
from tests.feedback.conftest import SAMPLE_TURNS
from tests.feedback.meeting import ADVISED_MEETING, FACILITATOR, MEETING, meeting_turns, slot

PLAIN = """Ruth: Okay. Shall we start?
Sam: The rota keeps falling apart and I cover every weekend.
Priya: What has that been like for you?
Sam: Exhausting. My family hardly sees me at the weekends now.
Tom: Have you thought about talking to HR?
Ruth: Thanks. Shall we move on?
"""


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """``Coach.load`` gives a keyword classifier; the list records the model names asked for."""
    asked: list[str | None] = []

    def load(cls: type[Coach], model: str | None = None) -> Coach:
        asked.append(model)
        return Coach(KeywordClassifier())

    monkeypatch.setattr(Coach, "load", classmethod(load))
    return asked


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "session.txt"
    path.write_text(PLAIN, encoding="utf-8")
    return path


@pytest.fixture
def timed(tmp_path: Path) -> Path:
    path = tmp_path / "timed.json"
    turns = [{"speaker": s, "text": t, "start": a, "end": b} for s, t, a, b in SAMPLE_TURNS]
    path.write_text(json.dumps({"turns": turns}), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["analyze", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_report(capsys: pytest.CaptureFixture[str], plain: Path, fake_model: list[str | None]) -> None:
    code, out, err = run(capsys, str(plain), "--model", "tiny")
    assert code == 0
    assert err == ""
    report = json.loads(out)
    assert report["file"] == str(plain)
    assert 0 <= report["summary"]["questioning_ratio"] <= 1
    assert report["roles"]["presenter"] == "Sam"
    assert {u["speaker"] for u in report["utterances"]} == {"Ruth", "Sam", "Priya", "Tom"}
    assert fake_model == ["tiny"]


def test_presenter_and_facilitator_flags(capsys: pytest.CaptureFixture[str], plain: Path) -> None:
    code, out, _ = run(capsys, str(plain), "--presenter", "priya", "--facilitator", "Ruth")
    assert code == 0
    report = json.loads(out)
    assert (report["roles"]["presenter"], report["roles"]["facilitator"]) == ("Priya", "Ruth")
    assert report["roles"]["assumed"] == []
    assert report["speakers"]["Sam"]["role"] == "member"


def test_several_files_give_json_lines(capsys: pytest.CaptureFixture[str], plain: Path, timed: Path) -> None:
    code, out, _ = run(capsys, str(plain), str(timed), "--format", "json")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["file"] for line in lines] == [str(plain), str(timed)]


def test_text_report(capsys: pytest.CaptureFixture[str], timed: Path) -> None:
    code, out, _ = run(capsys, str(timed), "--format", "text")
    assert code == 0
    assert out.startswith("Coach session report\n")
    assert all(len(line) <= 80 for line in out.splitlines())


def test_several_text_reports_have_banners(capsys: pytest.CaptureFixture[str], plain: Path, timed: Path) -> None:
    code, out, _ = run(capsys, str(plain), str(timed), "--format", "text")
    assert code == 0
    assert out.count("Coach session report\n") == 2
    assert f"== {plain} ==" in out
    assert f"== {timed} ==" in out


def test_html_to_a_file(capsys: pytest.CaptureFixture[str], timed: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, _ = run(capsys, str(timed), "--format", "html", "-o", str(target))
    assert code == 0
    assert out == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;" in page


def test_several_html_reports_go_to_a_directory(
    capsys: pytest.CaptureFixture[str], plain: Path, timed: Path, tmp_path: Path
) -> None:
    target = tmp_path / "reports"
    code, _, _ = run(capsys, str(plain), str(timed), "--format", "html", "-o", str(target))
    assert code == 0
    assert sorted(p.name for p in target.iterdir()) == ["session.html", "timed.html"]


def test_json_to_a_file(capsys: pytest.CaptureFixture[str], plain: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, str(plain), "-o", str(target))
    assert code == 0
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["file"] == str(plain)


ERROR_CASES: list[tuple[str, list[str], str]] = [
    ("missing file", ["{dir}/nope.txt"], "{dir}/nope.txt: no such file; give a transcript file"),
    (
        "unknown presenter",
        ["{plain}", "--presenter", "Bob"],
        "{plain}: no speaker called 'Bob' to be the presenter; the speakers in this transcript are: Ruth, Sam, Priya, "
        "Tom.",
    ),
    (
        "several html files without a directory",
        ["{plain}", "{plain}", "--format", "html"],
        "with several files and --format html, give -o DIR",
    ),
    ("output is a directory", ["{plain}", "-o", "{dir}"], "is a directory; give a file to write the report to"),
    ("not a transcript", ["{bad}"], "bad.vtt"),
]


@pytest.mark.parametrize(("name", "args", "message"), ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_input_errors_exit_2(
    capsys: pytest.CaptureFixture[str], plain: Path, tmp_path: Path, name: str, args: list[str], message: str
) -> None:
    bad = tmp_path / "bad.vtt"
    bad.write_text("this is not a caption file\n", encoding="utf-8")
    fill: dict[str, Any] = {"plain": plain, "dir": tmp_path, "bad": bad}
    code, out, err = run(capsys, *(arg.format(**fill) for arg in args))
    assert code == 2
    assert out == ""
    assert err.startswith("coach: ")
    assert message.format(**fill) in err


def test_model_errors_exit_3(capsys: pytest.CaptureFixture[str], plain: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(cls: type[Coach], model: str | None = None) -> Coach:
        raise ModelError("No model found in models; expected one of minilm-int8, baseline.")

    monkeypatch.setattr(Coach, "load", classmethod(missing))
    code, _, err = run(capsys, str(plain))
    assert code == 3
    assert "No model found" in err


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], plain: Path, timed: Path
) -> None:
    _, _, err = run(capsys, str(plain), str(timed))
    assert err == ""


def test_nothing_said_reaches_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Sam: My manager is being investigated.\nAna: What would help?\n", encoding="utf-8")
    code, _, err = run(capsys, str(path), "--presenter", "Nobody")
    assert code == 2
    assert "investigated" not in err


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.json"
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns()]
    path.write_text(json.dumps({"turns": turns}), encoding="utf-8")
    return path


def test_a_meeting_with_each_presenter_given_by_the_time_their_slot_starts(
    capsys: pytest.CaptureFixture[str], meeting: Path
) -> None:
    code, out, _ = run(
        capsys, str(meeting), "--presenter", "Tunde@27:00", "--presenter", "amira@7:00", "--mode", "open"
    )

    report = json.loads(out)
    assert code == 0
    assert [(slot["presenter"], slot["start"]) for slot in report["slots"]] == [("Amira", 420.0), ("Tunde", 1620.0)]
    assert {part["mode"] for part in report["parts"]} == {"open"}
    assert "pass --presenter NAME@M:SS for each slot to change this" in report["roles"]["how_to_override"]


def test_parts_given_by_their_start_times_win(capsys: pytest.CaptureFixture[str], meeting: Path) -> None:
    code, out, _ = run(capsys, str(meeting), "--mode", "open", "--part", "planned@7:00", "--part", "open@27:00")

    report = json.loads(out)
    assert code == 0
    assert [(slot["presenter"], slot["mode"]) for slot in report["slots"]] == [("Amira", "planned"), ("Tunde", "open")]


def test_a_json_transcripts_own_slots_mode_and_parts_are_read_and_the_command_line_wins(
    capsys: pytest.CaptureFixture[str], meeting: Path
) -> None:
    document = json.loads(meeting.read_text(encoding="utf-8"))
    document.update(
        slots=[{"presenter": "Tunde", "start": 1620}, {"presenter": "Amira", "start": 420}],
        mode="open",
        parts=[{"mode": "planned", "start": 420}, {"mode": "open", "start": 1620}],
    )
    meeting.write_text(json.dumps(document), encoding="utf-8")

    code, out, _ = run(capsys, str(meeting))
    _, overridden, _ = run(capsys, str(meeting), "--part", "planned@27:00")

    assert code == 0
    report = json.loads(out)
    assert [(slot["presenter"], slot["start"], slot["mode"]) for slot in report["slots"]] == [
        ("Amira", 420.0, "planned"),
        ("Tunde", 1620.0, "open"),
    ]
    assert [slot["mode"] for slot in json.loads(overridden)["slots"]] == ["open", "planned"]


def test_a_part_needs_a_mode_and_a_time(capsys: pytest.CaptureFixture[str], meeting: Path) -> None:
    code, _, err = run(capsys, str(meeting), "--part", "ideas@7:00")

    assert code == 2
    assert "--part 'ideas@7:00': give each part as open@M:SS or planned@M:SS" in err


def test_the_text_report_shows_the_meeting(capsys: pytest.CaptureFixture[str], meeting: Path) -> None:
    code, out, _ = run(capsys, str(meeting), "--format", "text")

    words = " ".join(out.split())  # the text is wrapped
    assert code == 0
    assert "The meeting\n-----------\n" in out
    assert "Report-back on last time's actions: Jo reported back; not counted in members' figures." in words
    assert "Amira's slot (account, questions, actions): 100% of members' contributions were questions" in words


def _write(path: Path, rows: list[Any]) -> Path:
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns(rows)]
    path.write_text(json.dumps({"turns": turns, "facilitator": FACILITATOR}), encoding="utf-8")
    return path


def test_the_text_report_asks_whether_a_meeting_of_advice_was_planned(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _write(tmp_path / "advised.json", ADVISED_MEETING)

    code, out, _ = run(capsys, str(path), "--format", "text")
    _, planned, _ = run(capsys, str(path), "--format", "text", "--mode", "planned")

    words = " ".join(out.split())
    assert code == 0
    assert "Coach found no planned time, yet 75% of what members said in the slots was advice" in words
    assert "run it again with --mode planned (or --part planned@M:SS where planned time starts)" in words
    assert "Coach found no planned time" not in " ".join(planned.split())


def test_a_meeting_read_as_planned_throughout_says_how_to_read_it_open(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    opening = (FACILITATOR, "member", "other", "Morning, everyone. Today's a planned meeting. Who'd like time today?")
    path = _write(tmp_path / "announced.json", [opening, *ADVISED_MEETING[1:]])

    code, out, _ = run(capsys, str(path), "--format", "text")
    _, opened, _ = run(capsys, str(path), "--format", "text", "--mode", "open")

    words = " ".join(out.split())
    assert code == 0
    assert "Coach read every slot as planned time" in words
    assert "If the meeting was open time, run it again with --mode open, and it will." in words
    # Each slot is shown as planned; the opening is no planned discussion.
    assert "Amira's slot (account, questions, actions, planned)" in words
    assert "Planned discussion" not in words
    assert "Coach read every slot as planned time" not in " ".join(opened.split())


def test_a_planned_discussion_between_slots_is_shown_where_it_ran(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    discussion = [
        (FACILITATOR, "member", "other", "Right. So this is the bit we agreed last month: the tills."),
        ("Jo", "member", "story", "At mine it has got much worse since the summer."),
        ("Sam", "member", "advice", "Tell your team they never challenge anyone."),
        ("Amira", "member", "story", "Body cams have changed it for us."),
    ]
    rows = [*MEETING[:7], *slot("Amira", ["Tunde", "Jo", "Sam"]), *discussion, *slot("Tunde", ["Amira", "Jo", "Sam"])]
    path = _write(tmp_path / "discussion.json", rows)

    _, out, _ = run(capsys, str(path), "--format", "text")
    _, data, _ = run(capsys, str(path), "--format", "json")

    report = json.loads(data)
    (span,) = [span for span in report["phases"] if span["phase"] == "discussion"]
    said = [u["text"] for u in report["utterances"][span["start_index"] : span["end_index"] + 1]]
    assert said[0] == "Right."
    assert said[-1] == "Body cams have changed it for us."
    assert len([line for line in out.splitlines() if "Planned discussion" in line]) == 1


def test_several_presenters_need_their_start_times(capsys: pytest.CaptureFixture[str], meeting: Path) -> None:
    code, _, err = run(capsys, str(meeting), "--presenter", "Amira", "--presenter", "Tunde@27:00")

    assert code == 2
    assert "--presenter 'Amira': with several presenters, give each as NAME@M:SS" in err
