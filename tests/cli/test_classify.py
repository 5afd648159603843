import io
import json
from pathlib import Path

import pytest

from coach import Coach
from coach.cli.main import main
from tests.fakes import KeywordClassifier


def run_classify(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["classify", *args])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


@pytest.mark.usefixtures("use_tiny_model")
def test_plain_lines_from_stdin(monkeypatch, capsys) -> None:
    code, rows, _ = run_classify(monkeypatch, capsys, "What would help?\nYou should call HR.\n")
    assert code == 0
    assert [row["text"] for row in rows] == ["What would help?", "You should call HR."]
    for row in rows:
        assert set(row) >= {"text", "label", "confidence", "scores", "leading", "utterances"}


@pytest.mark.usefixtures("use_tiny_model")
def test_jsonl_keeps_other_fields(monkeypatch, capsys) -> None:
    line = json.dumps({"id": 7, "speaker": "Ana", "text": "Did you tell her?"})
    code, rows, _ = run_classify(monkeypatch, capsys, line + "\n")
    assert code == 0
    assert rows[0]["id"] == 7
    assert rows[0]["speaker"] == "Ana"


@pytest.mark.usefixtures("use_tiny_model")
def test_blank_lines_are_other_not_dropped(monkeypatch, capsys) -> None:
    code, rows, _ = run_classify(monkeypatch, capsys, "Okay.\n\n   \nWhat now?\n")
    assert code == 0
    assert [row["label"] for row in rows][1:3] == ["other", "other"]
    assert len(rows) == 4


@pytest.mark.usefixtures("use_tiny_model")
def test_file_argument_streams_many_lines(tmp_path: Path, capsys) -> None:
    path = tmp_path / "input.txt"
    path.write_text("What would help?\n" * 1000, encoding="utf-8")
    assert main(["classify", str(path), "--batch-size", "64"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1000


@pytest.mark.usefixtures("use_tiny_model")
@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("broken json", '{"text": "hi"', "line 1: looks like JSON but does not parse"),
        ("no text field", '{"utterance": "hi"}', "line 1: a JSON line needs a string field 'text'"),
        ("context not a string", '{"text": "hi", "context": ["a"]}', "line 1: 'context' must be a string"),
    ],
    ids=["broken json", "no text field", "context not a string"],
)
def test_bad_json_line_is_a_clear_error(monkeypatch, capsys, name: str, line: str, message: str) -> None:
    code, _, err = run_classify(monkeypatch, capsys, line + "\n")
    assert code == 2
    assert message in err


def test_missing_model_exit_code(monkeypatch, capsys, tmp_path: Path) -> None:
    monkeypatch.setenv("COACH_MODELS_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_MODEL", raising=False)
    code, _, err = run_classify(monkeypatch, capsys, "hi\n")
    assert code == 3
    assert "No model found" in err


def test_jsonl_context_reaches_the_model(monkeypatch, capsys) -> None:
    fake = KeywordClassifier()
    monkeypatch.setattr("coach.cli.classify.Coach.load", lambda model=None: Coach(fake))
    lines = [json.dumps({"text": "I'll ring her.", "context": "What will you do?"}), "Okay."]
    code, rows, _ = run_classify(monkeypatch, capsys, "\n".join(lines) + "\n")
    assert code == 0
    assert rows[0]["context"] == "What will you do?"
    assert fake.contexts == ["What will you do?", ""]
