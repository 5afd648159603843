import json
from typing import Any

import pytest

from coach.errors import EmptyTranscriptError, TranscriptFormatError
from coach.transcript import turns_from_records
from coach.transcript.json_format import parse_json
from coach.transcript.model import Marked, Transcript, Turn


def doc(*turns: dict[str, Any], **fields: Any) -> str:
    return json.dumps({**fields, "turns": list(turns)})


CASES = [
    (
        "speaker and text only",
        doc({"speaker": "Ana", "text": "What would help?"}),
        Transcript(turns=(Turn("Ana", "What would help?"),), format="json"),
    ),
    (
        "roles, times, presenter and facilitator",
        doc(
            {"speaker": "Sam", "text": "Shall we start?", "role": "facilitator", "start": 0, "end": 2.5},
            {"speaker": "Kim", "text": "The rota broke.", "role": "presenter", "start": 3.0, "end": None},
            {"speaker": "Ana", "text": "Why?", "role": "member", "start": None},
            presenter="Kim",
            facilitator="Sam",
        ),
        Transcript(
            turns=(
                Turn("Sam", "Shall we start?", 0.0, 2.5, "facilitator"),
                Turn("Kim", "The rota broke.", 3.0, None, "presenter"),
                Turn("Ana", "Why?", None, None, "member"),
            ),
            format="json",
            presenter="Kim",
            facilitator="Sam",
        ),
    ),
    (
        "turns kept as given, not merged; whitespace squeezed; other keys ignored",
        doc(
            {"speaker": " Ana ", "text": "One.\n", "id": 1},
            {"speaker": "Ana", "text": "  Two   three. ", "confidence": 0.9},
            title="Set 4",
        ),
        Transcript(turns=(Turn("Ana", "One."), Turn("Ana", "Two three.")), format="json"),
    ),
    (
        "a meeting's slots, mode and parts, by turn or time",
        doc(
            {"speaker": "Amira", "text": "Mine's the rota.", "start": 0},
            {"speaker": "Tunde", "text": "Mine's the budget.", "start": 60},
            slots=[{"presenter": "Amira", "turn": 0}, {"presenter": " Tunde ", "start": 60}],
            mode="combined",
            parts=[{"mode": "planned", "start": 90.5}],
        ),
        Transcript(
            turns=(Turn("Amira", "Mine's the rota.", 0.0), Turn("Tunde", "Mine's the budget.", 60.0)),
            format="json",
            slots=(Marked("Amira", turn=0), Marked("Tunde", start=60.0)),
            mode="combined",
            parts=(Marked("planned", start=90.5),),
        ),
    ),
    (
        "null presenter and role",
        doc({"speaker": "Ana", "text": "Hi.", "role": None}, presenter=None),
        Transcript(turns=(Turn("Ana", "Hi."),), format="json"),
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[case[0] for case in CASES])
def test_parse_json(name: str, content: str, expected: Transcript) -> None:
    assert parse_json(content) == expected


SHAPE = '{"turns": [{"speaker": ..., "text": ...}]}'
SECONDS = "expected seconds from the start (a number, 0 or more)"
ROLES = 'expected "presenter", "member" or "facilitator"'
ERRORS = [
    ("not JSON", "hello", f"line 1: expected a JSON object like {SHAPE}, found 'hello'"),
    (
        "a missing comma",
        '{\n  "turns": [\n    {"speaker": "Ana" "text": "Hi."}\n  ]\n}',
        "line 3: not valid JSON: Expecting ',' delimiter at column 23",
    ),
    ("a list at the top", '[{"speaker": "Ana", "text": "Hi."}]', f"expected a JSON object like {SHAPE}, found a list"),
    (
        "no turns",
        '{"speaker": "Ana", "text": "Hi."}',
        f'expected a "turns" list like {SHAPE}, found the keys "speaker", "text"',
    ),
    ("an empty object", "{}", f'expected a "turns" list like {SHAPE}, found an empty object'),
    ("turns not a list", '{"turns": "Ana: Hi."}', "expected \"turns\" to be a list, found 'Ana: Hi.'"),
    ("turns an object", '{"turns": {"speaker": "Ana"}}', 'expected "turns" to be a list, found an object'),
    (
        "a turn that is a string",
        '{"turns": ["Ana: Hi."]}',
        'turns[0]: expected an object with "speaker" and "text", found \'Ana: Hi.\'',
    ),
    ("no speaker", doc({"text": "Hi."}), 'turns[0]: missing "speaker"; each turn needs "speaker" and "text"'),
    ("no text", doc({"speaker": "Ana"}), 'turns[0]: missing "text"; each turn needs "speaker" and "text"'),
    ("empty speaker", doc({"speaker": " ", "text": "Hi."}), "turns[0].speaker: expected a name, found an empty string"),
    ("speaker a number", doc({"speaker": 7, "text": "Hi."}), "turns[0].speaker: expected a name, found the number 7"),
    (
        "empty text",
        doc({"speaker": "Ana", "text": "Hi."}, {"speaker": "Ben", "text": ""}),
        "turns[1].text: expected what was said, found an empty string",
    ),
    ("text a list", doc({"speaker": "Ana", "text": ["Hi."]}), "turns[0].text: expected what was said, found a list"),
    ("text null", doc({"speaker": "Ana", "text": None}), "turns[0].text: expected what was said, found null"),
    ("unknown role", doc({"speaker": "Ana", "text": "Hi.", "role": "chair"}), f"turns[0].role: {ROLES}, found 'chair'"),
    (
        "start as a timestamp string",
        doc({"speaker": "Ana", "text": "Hi.", "start": "00:01:02"}),
        f"turns[0].start: {SECONDS}, found '00:01:02'",
    ),
    (
        "negative end",
        doc({"speaker": "Ana", "text": "Hi.", "end": -1}),
        f"turns[0].end: {SECONDS}, found the number -1",
    ),
    ("boolean start", doc({"speaker": "Ana", "text": "Hi.", "start": True}), f"turns[0].start: {SECONDS}, found true"),
    (
        "not-a-number start",
        '{"turns": [{"speaker": "Ana", "text": "Hi.", "start": NaN}]}',
        f"turns[0].start: {SECONDS}, found NaN",
    ),
    (
        "ends before it starts",
        doc({"speaker": "Ana", "text": "Hi.", "start": 5, "end": 4}),
        "turns[0]: ends (4.0 s) before it starts (5.0 s)",
    ),
    (
        "presenter not a string",
        doc({"speaker": "Ana", "text": "Hi."}, presenter=["Ana"]),
        "presenter: expected a speaker's name, found a list",
    ),
    (
        "slots not a list",
        doc({"speaker": "Ana", "text": "Hi."}, slots="Ana"),
        "expected \"slots\" to be a list, found 'Ana'",
    ),
    (
        "a slot without a presenter",
        doc({"speaker": "Ana", "text": "Hi."}, slots=[{"turn": 0}]),
        'slots[0]: expected an object with "presenter" and "turn" or "start", found an object',
    ),
    (
        "a slot with a turn and a time",
        doc({"speaker": "Ana", "text": "Hi."}, slots=[{"presenter": "Ana", "turn": 0, "start": 0}]),
        'slots[0]: give either "turn" or "start", not both or neither',
    ),
    (
        "a negative turn",
        doc({"speaker": "Ana", "text": "Hi."}, slots=[{"presenter": "Ana", "turn": -1}]),
        "slots[0].turn: expected a turn number (0 or more), found the number -1",
    ),
    (
        "a part of no known mode",
        doc({"speaker": "Ana", "text": "Hi."}, parts=[{"mode": "combined", "turn": 0}]),
        'parts[0].mode: expected "open" or "planned", found \'combined\'',
    ),
    (
        "an unknown mode",
        doc({"speaker": "Ana", "text": "Hi."}, mode="ideas"),
        'mode: expected "open", "planned" or "combined", found \'ideas\'',
    ),
    (
        "empty facilitator",
        doc({"speaker": "Ana", "text": "Hi."}, facilitator=""),
        "facilitator: expected a speaker's name, found an empty string",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), ERRORS, ids=[case[0] for case in ERRORS])
def test_parse_json_errors(name: str, content: str, message: str) -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_json(content, "session.json")
    assert str(caught.value) == f"session.json{', ' if message.startswith('line') else ': '}{message}"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("no turns", '{"turns": []}', 'session.json: no speech found: the "turns" list is empty'),
        ("blank", "  \n", "session.json: the file is empty; expected a JSON transcript"),
    ],
    ids=["no turns", "blank"],
)
def test_parse_json_without_speech(name: str, content: str, message: str) -> None:
    with pytest.raises(EmptyTranscriptError) as caught:
        parse_json(content, "session.json")
    assert str(caught.value) == message


def test_deep_nesting_is_a_format_error() -> None:
    with pytest.raises(TranscriptFormatError, match="nested too deeply"):
        parse_json("[" * 100_000 + "]" * 100_000)


def test_turns_from_records_for_an_api_body() -> None:
    records = [{"speaker": "Kim", "text": "The rota broke.", "role": "presenter"}, {"speaker": "Ana", "text": "Why?"}]
    assert turns_from_records(records) == (Turn("Kim", "The rota broke.", role="presenter"), Turn("Ana", "Why?"))


def test_turns_from_records_errors_have_no_source_without_one() -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        turns_from_records([{"speaker": "Ana", "text": ""}])
    assert str(caught.value) == "turns[0].text: expected what was said, found an empty string"
    assert caught.value.line is None
