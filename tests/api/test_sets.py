"""The sets' HTTP API on SQLite and PostgreSQL: a set's sessions over time, the report-back, corrections, deletion,
ownership by named API keys, and a database that is down."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select

from coach.feedback.report import API_SAVED_MODE_FIX, API_SAVED_OPEN_FIX
from coach.sets.tables import SessionRow
from tests.api.conftest import MakeClient
from tests.api.expect import error_of
from tests.feedback.meeting import ADVISED_MEETING, FACILITATOR, meeting_turns

FIRST: list[dict[str, Any]] = [
    {"speaker": "Sam", "text": "The rota keeps falling apart and I'm the one covering shifts.", "start": 0},
    {"speaker": "Priya", "text": "What matters most to you here?", "start": 60},
    {"speaker": "Sam", "text": "Not much, honestly. I keep patching it.", "start": 90},
    {"speaker": "Tom", "text": "Have you thought about an agency?", "start": 120},
    {"speaker": "Gwen", "text": "We're nearly at time. Sam, what will you do?", "start": 200},
    {"speaker": "Sam", "text": "I'm going to ring the agency manager tomorrow. And I'll talk to Priya about the rota."},
]
SECOND: list[dict[str, Any]] = [
    {
        "speaker": "Sam",
        "text": "So I did ring the agency manager, and the figures were worse than I thought.",
        "start": 0,
    },
    {"speaker": "Priya", "text": "How did that land with you?", "start": 40},
    {"speaker": "Sam", "text": "Badly, to be honest.", "start": 60},
]


@pytest.fixture
def client(make_client: MakeClient, database_url: str) -> TestClient:
    """The app on an empty database: SQLite, then PostgreSQL (see tests/conftest.py)."""
    return make_client(database_url=database_url)


def save(client: TestClient, set_id: str, turns: list[dict[str, Any]], date: str, **headers: str) -> Any:
    body: dict[str, Any] = {"turns": turns, "presenter": "Sam", "date": date}
    if any(turn["speaker"] == "Gwen" for turn in turns):
        body["facilitator"] = "Gwen"
    return client.post(f"/v1/sets/{set_id}/sessions", json=body, headers=headers)


def test_a_set_remembers_its_sessions_actions_and_report_back(client: TestClient) -> None:
    created = client.post("/v1/sets", json={"name": "  Wednesday set "})
    assert created.status_code == 201
    set_id = created.json()["id"]
    assert created.json()["name"] == "Wednesday set"

    first = save(client, set_id, FIRST, "2026-11-04")
    assert first.status_code == 201, first.text
    assert first.json()["report_back"] == []
    assert [a["text"] for a in first.json()["actions"]] == [
        "ring the agency manager tomorrow",
        "talk to Priya about the rota",
    ]
    second = save(client, set_id, SECOND, "2026-11-18")
    report = second.json()
    assert list(report)[:5] == ["session_id", "set_id", "set_name", "date", "report_back"]
    back = {item["text"]: item for item in report["report_back"]}
    assert back["ring the agency manager tomorrow"]["mentioned"]
    assert back["ring the agency manager tomorrow"]["quote"] == SECOND[0]["text"]
    assert not back["talk to Priya about the rota"]["mentioned"]

    overview = client.get(f"/v1/sets/{set_id}").json()
    assert [s["date"] for s in overview["sessions"]] == ["2026-11-04", "2026-11-18"]
    assert [point["questioning_ratio"] for point in overview["trend"]["set"]] == [0.5, 1.0]
    assert [a["text"] for a in overview["open_actions"]] == ["talk to Priya about the rota"]
    assert {m["name"] for m in overview["members"]} == {"Sam", "Priya", "Tom", "Gwen"}
    listed = client.get("/v1/sets").json()["sets"]
    assert [(s["name"], s["sessions"]) for s in listed] == [("Wednesday set", 2)]

    again = client.get(f"/v1/sets/{set_id}/sessions/{report['session_id']}").json()
    assert again["report_back"] == report["report_back"]
    assert again["summary"] == report["summary"]
    page = client.get(f"/v1/sets/{set_id}/sessions/{report['session_id']}", params={"format": "html"})
    assert page.headers["content-type"].startswith("text/html")
    assert "Report-back on earlier actions" in page.text
    assert page.headers["content-security-policy"]


def test_a_saved_report_is_the_documented_saved_report(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "Schema set"}).json()["id"]
    report = save(client, set_id, FIRST, "2026-11-04").json()
    schemas = client.get("/openapi.json").json()["components"]["schemas"]

    assert list(report)[:5] == ["session_id", "set_id", "set_name", "date", "report_back"]
    assert set(report) == set(schemas["SavedReport"]["properties"]) == set(schemas["SavedReport"]["required"])
    assert all(set(u) == set(schemas["SavedUtterance"]["properties"]) for u in report["utterances"])
    assert all(set(a) == set(schemas["SavedAction"]["properties"]) for a in report["actions"])
    assert not any(u["corrected"] for u in report["utterances"])


def test_a_correction_recomputes_the_report_and_is_exported_for_training(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "s"}).json()["id"]
    report = save(client, set_id, FIRST, "2026-11-04").json()
    advice = next(u for u in report["utterances"] if u["label"] == "advice")
    assert report["summary"]["questioning_ratio"] == 0.5
    path = f"/v1/sets/{set_id}/sessions/{report['session_id']}/utterances/{advice['index']}"
    corrected = client.patch(path, json={"label": "closed_question"})
    assert corrected.status_code == 200
    assert corrected.json()["summary"]["questioning_ratio"] == 1.0
    changed = corrected.json()["utterances"][advice["index"]]
    assert (changed["label"], changed["corrected"]) == ("closed_question", True)
    overview = client.get(f"/v1/sets/{set_id}").json()
    assert overview["sessions"][0]["questioning_ratio"] == 1.0

    exported = client.get("/v1/corrections")
    assert exported.headers["content-type"].startswith("application/x-ndjson")
    (row,) = [json.loads(line) for line in exported.text.splitlines()]
    assert row["text"] == advice["text"]
    assert (row["label"], row["previous_label"], row["role"]) == ("closed_question", "advice", "member")
    assert {"conversation_id", "speaker", "turn", "source", "style", "leading"} <= set(row)

    assert error_of(client.patch(path, json={"label": "suggestion"}), 422, "validation_error")
    beyond = f"/v1/sets/{set_id}/sessions/{report['session_id']}/utterances/999"
    assert (
        "its utterances are 0 to"
        in error_of(client.patch(beyond, json={"label": "advice"}), 404, "not_found")["message"]
    )


def test_deleting_a_session_then_a_set(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "s"}).json()["id"]
    session_id = save(client, set_id, FIRST, "2026-11-04").json()["session_id"]
    assert client.delete(f"/v1/sets/{set_id}/sessions/{session_id}").status_code == 204
    error_of(client.get(f"/v1/sets/{set_id}/sessions/{session_id}"), 404, "not_found")
    error_of(client.delete(f"/v1/sets/{set_id}/sessions/{session_id}"), 404, "not_found")
    assert client.delete(f"/v1/sets/{set_id}").status_code == 204
    error_of(client.get(f"/v1/sets/{set_id}"), 404, "not_found")
    error_of(save(client, set_id, FIRST, "2026-11-04"), 404, "not_found")


def test_an_uploaded_transcript_can_be_saved_with_a_date(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "s"}).json()["id"]
    transcript = "Sam: The rota keeps falling apart.\nPriya: What have you tried so far?\n"
    upload = {"file": ("session.txt", transcript.encode(), "text/plain")}
    saved = client.post(f"/v1/sets/{set_id}/sessions", files=upload, data={"presenter": "Sam", "date": "2026-10-07"})
    assert saved.status_code == 201, saved.text
    assert saved.json()["date"] == "2026-10-07"
    bad = client.post(f"/v1/sets/{set_id}/sessions", files=upload, data={"date": "next tuesday"})
    assert "YYYY-MM-DD" in error_of(bad, 422, "validation_error")["message"]
    extra = client.post(f"/v1/sets/{set_id}/sessions", files=upload, data={"colour": "blue"})
    assert "colour" in error_of(extra, 422, "validation_error")["message"]


def test_a_set_name_is_unique_per_owner_and_not_blank(client: TestClient) -> None:
    assert client.post("/v1/sets", json={"name": "Tuesday"}).status_code == 201
    error_of(client.post("/v1/sets", json={"name": "Tuesday"}), 409, "set_exists")
    error_of(client.post("/v1/sets", json={"name": "   "}), 422, "validation_error")


def test_a_set_belongs_to_the_named_key_that_made_it_even_after_rotation(
    make_client: MakeClient, tmp_path: Path, database_url: str
) -> None:
    keys = tmp_path / "keys"
    keys.write_text("ana:key-ana-1\nben:key-ben\n", encoding="utf-8")
    database = database_url
    client = make_client(api_keys_file=keys, database_url=database)
    set_id = client.post("/v1/sets", json={"name": "s"}, headers={"X-API-Key": "key-ana-1"}).json()["id"]
    session_id = save(client, set_id, FIRST, "2026-11-04", **{"X-API-Key": "key-ana-1"}).json()["session_id"]
    ben = {"X-API-Key": "key-ben"}
    for response in (
        client.get(f"/v1/sets/{set_id}", headers=ben),
        client.get(f"/v1/sets/{set_id}/sessions/{session_id}", headers=ben),
        client.patch(f"/v1/sets/{set_id}/sessions/{session_id}/utterances/0", json={"label": "advice"}, headers=ben),
        client.delete(f"/v1/sets/{set_id}", headers=ben),
        save(client, set_id, SECOND, "2026-11-18", **ben),
    ):
        error_of(response, 404, "not_found")
    assert client.get("/v1/sets", headers=ben).json() == {"sets": []}
    assert client.get("/v1/corrections", headers=ben).text == ""
    error_of(client.get("/v1/sets"), 401, "unauthorized")
    error_of(
        client.post(f"/v1/sets/{set_id}/sessions", content=b"{not json", headers={"content-type": "application/json"}),
        401,
        "unauthorized",
    )

    keys.write_text("ana:key-ana-2\nben:key-ben\n", encoding="utf-8")  # Ana's key is rotated
    rotated = make_client(api_keys_file=keys, database_url=database)
    assert rotated.get(f"/v1/sets/{set_id}", headers={"X-API-Key": "key-ana-2"}).status_code == 200
    error_of(rotated.get(f"/v1/sets/{set_id}", headers={"X-API-Key": "key-ana-1"}), 401, "unauthorized")


def test_a_database_that_is_down_is_a_503_and_the_service_keeps_running(
    make_client: MakeClient, tmp_path: Path
) -> None:
    client = make_client(database_url=f"sqlite:///{tmp_path / 'missing folder' / 'coach.db'}")
    down = error_of(client.post("/v1/sets", json={"name": "s"}), 503, "database_unavailable")
    assert "COACH_DATABASE_URL" in down["message"]
    error_of(client.get("/v1/sets"), 503, "database_unavailable")
    assert client.get("/v1/health").status_code == 200
    assert client.post("/v1/classify", json={"utterances": ["What would help?"]}).status_code == 200


def test_analysing_without_a_set_stores_nothing(make_client: MakeClient, tmp_path: Path) -> None:
    path = tmp_path / "untouched.db"
    client = make_client(database_url=f"sqlite:///{path}")
    report = client.post("/v1/sessions/analyze", json={"turns": FIRST, "presenter": "Sam", "facilitator": "Gwen"})
    assert report.status_code == 200
    assert [a["text"] for a in report.json()["actions"]] == [
        "ring the agency manager tomorrow",
        "talk to Priya about the rota",
    ]
    assert "report_back" not in report.json()
    if path.exists():
        engine = create_engine(f"sqlite:///{path}")
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(SessionRow)) == 0
        engine.dispose()


def test_a_meetings_actions_and_report_back_are_each_presenters(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "Ward managers"}).json()["id"]
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns()]
    first = client.post(f"/v1/sets/{set_id}/sessions", json={"turns": turns, "date": "2026-11-04"}).json()
    # The set keeps the meeting's structure: read again, the report has the same slots and the same figures.
    again = client.get(f"/v1/sets/{set_id}/sessions/{first['session_id']}").json()
    assert [slot["presenter"] for slot in again["slots"]] == [slot["presenter"] for slot in first["slots"]]
    assert [slot["presenter"] for slot in first["slots"]] == ["Amira", "Tunde"]
    assert again["summary"] == first["summary"]
    assert first["summary"]["member_counts"]["advice"] == 0  # the ideas Tunde asked for are not held against anyone
    assert {(action["speaker"], action["text"]) for action in first["actions"]} == {
        ("Amira", "ring the agency on Monday and talk to the matron"),
        ("Tunde", "ring the agency on Monday and talk to the matron"),
    }

    later = [
        {"speaker": "Ruth", "text": "Morning, everyone. Amira, how did it go?", "start": 0},
        {
            "speaker": "Amira",
            "text": "I did ring the agency on Monday, and the matron agreed to a bank pool.",
            "start": 30,
        },
        {"speaker": "Tunde", "text": "Good to hear. What did the agency say?", "start": 60},
        {"speaker": "Amira", "text": "They can cover two nights a week from March.", "start": 90},
    ]
    second = client.post(f"/v1/sets/{set_id}/sessions", json={"turns": later, "date": "2026-12-02"}).json()

    back = {item["speaker"]: item for item in second["report_back"]}
    assert back["Amira"]["mentioned"] is True
    assert back["Amira"]["quote"].startswith("I did ring the agency")
    assert back["Tunde"]["mentioned"] is False  # the same action, but Tunde said nothing of his own


def test_a_meeting_saved_from_a_form_with_its_mode_never_asks(client: TestClient) -> None:
    """The analyse page sends the mode chosen with the transcript as a form field: the saved meeting is read with it."""
    set_id = client.post("/v1/sets", json={"name": "Ward managers"}).json()["id"]
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns(ADVISED_MEETING)]
    upload = {"file": ("meeting.json", json.dumps({"turns": turns}).encode(), "application/json")}
    fields = {"facilitator": FACILITATOR, "date": "2026-12-02"}
    saved = client.post(f"/v1/sets/{set_id}/sessions", files=upload, data={**fields, "mode": "planned"})
    assert saved.status_code == 201, saved.text
    report = saved.json()
    assert {slot["mode"] for slot in report["slots"]} == {"planned"}
    assert report["feedback"]["planned_time_check"] is None
    assert report["summary"]["member_counts"]["advice"] == 0
    (listed,) = client.get(f"/v1/sets/{set_id}").json()["sessions"]
    assert (listed["questioning_ratio"], listed["planned_time_check"]) == (None, None)

    wrong = client.post(f"/v1/sets/{set_id}/sessions", files=upload, data={**fields, "mode": "ideas"})
    assert "mode 'ideas' is not one of" in error_of(wrong, 422, "validation_error")["message"]
    assert len(client.get(f"/v1/sets/{set_id}").json()["sessions"]) == 1  # nothing saved


def test_a_saved_meeting_asks_about_planned_time_until_the_set_answers(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "Ward managers"}).json()["id"]
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns(ADVISED_MEETING)]
    saved = client.post(f"/v1/sets/{set_id}/sessions", json={"turns": turns, "facilitator": "Ruth"}).json()
    path = f"/v1/sets/{set_id}/sessions/{saved['session_id']}"

    # Saved without an answer, the report keeps asking, in the words of a saved session, and so does the set.
    check = client.get(path).json()["feedback"]["planned_time_check"]
    assert check["share"] == 0.75
    assert f"If the presenters asked for ideas and experience, {API_SAVED_MODE_FIX}," in check["note"]
    slot_note = client.get(path).json()["slots"][1]["planned_time_check"]["note"]
    assert '"slot", from 0' in slot_note
    (listed,) = client.get(f"/v1/sets/{set_id}").json()["sessions"]
    assert (listed["questioning_ratio"], listed["planned_time_check"]) == (0.25, 0.75)

    # One slot was planned: only the other slot counts, and nothing asks any more.
    answered = client.put(f"{path}/modes", json={"mode": "planned", "slot": 0})
    assert answered.status_code == 200
    report = answered.json()
    assert [slot["mode"] for slot in report["slots"]] == ["planned", "open"]
    assert report["feedback"]["planned_time_check"] is None
    assert [slot["planned_time_check"] for slot in report["slots"]] == [None, None]
    assert report["summary"]["member_counts"]["advice"] == 6
    assert client.get(path).json()["slots"] == report["slots"]  # kept

    # The whole meeting was planned: nothing members said counts against them, in the report and the set's trend.
    report = client.put(f"{path}/modes", json={"mode": "planned"}).json()
    assert report["summary"]["member_counts"]["advice"] == 0
    (listed,) = client.get(f"/v1/sets/{set_id}").json()["sessions"]
    assert (listed["questioning_ratio"], listed["planned_time_check"]) == (None, None)

    assert (
        "no slot 2"
        in error_of(client.put(f"{path}/modes", json={"mode": "open", "slot": 2}), 422, "input_error")["message"]
    )
    assert error_of(client.put(f"{path}/modes", json={"mode": "combined"}), 422, "validation_error")
    assert error_of(client.put(f"/v1/sets/{set_id}/sessions/nope/modes", json={"mode": "open"}), 404, "not_found")


def test_a_saved_meeting_coach_read_as_planned_asks_whether_it_was_open(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "Ward managers"}).json()["id"]
    opening = (FACILITATOR, "member", "other", "Morning. Today's a planned meeting. Who'd like time?")
    rows = [opening, *ADVISED_MEETING[1:]]
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns(rows)]
    saved = client.post(f"/v1/sets/{set_id}/sessions", json={"turns": turns, "facilitator": FACILITATOR}).json()
    path = f"/v1/sets/{set_id}/sessions/{saved['session_id']}"

    check = client.get(path).json()["feedback"]["planned_time_check"]
    assert (check["read_as"], check["share"]) == ("planned", 0.75)
    assert f"If the meeting was open time, {API_SAVED_OPEN_FIX}, and it will." in check["note"]
    (listed,) = client.get(f"/v1/sets/{set_id}").json()["sessions"]
    assert (listed["questioning_ratio"], listed["planned_time_check"]) == (None, 0.75)

    report = client.put(f"{path}/modes", json={"mode": "open"}).json()
    assert report["feedback"]["planned_time_check"] is None  # answered: it asks no more
    assert report["summary"]["member_counts"]["advice"] == 12
    (listed,) = client.get(f"/v1/sets/{set_id}").json()["sessions"]
    assert listed["questioning_ratio"] == 0.25


def test_a_session_of_one_presenter_has_no_modes_to_set(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "s"}).json()["id"]
    report = save(client, set_id, FIRST, "2026-11-04").json()
    answer = client.put(f"/v1/sets/{set_id}/sessions/{report['session_id']}/modes", json={"mode": "planned"})
    assert "one presenter's session" in error_of(answer, 422, "input_error")["message"]
    after = client.get(f"/v1/sets/{set_id}/sessions/{report['session_id']}").json()
    assert after["summary"] == report["summary"]  # left as it was
