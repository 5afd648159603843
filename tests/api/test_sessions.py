"""``POST /v1/sessions/analyze``: JSON turns or an uploaded transcript in, the report (JSON or HTML) out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import MakeClient
from tests.api.expect import assert_error, error_of
from tests.feedback.meeting import ADVISED_MEETING, meeting_turns

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "tests" / "transcript" / "samples"
EXAMPLES = ROOT / "examples"

TURNS = {
    "presenter": "Sam",
    "turns": [
        {"speaker": "Sam", "text": "The rota keeps falling apart and I'm the one covering shifts.", "start": 0},
        {"speaker": "Priya", "text": "What would help you most?", "start": 6.5},
        {"speaker": "Tom", "text": "Have you thought about an agency?", "start": 9},
        {"speaker": "Priya", "text": "That sounds exhausting. How does it feel?"},
    ],
}


def upload(client: TestClient, path: Path, **form: str) -> Any:
    return client.post("/v1/sessions/analyze", files={"file": (path.name, path.read_bytes())}, data=form)


def test_json_turns_give_the_report(client: TestClient) -> None:
    response = client.post("/v1/sessions/analyze", json=TURNS)

    assert response.status_code == 200
    report = response.json()
    assert report["model"] == {"name": "keyword-fake", "version": "0"}
    assert report["roles"]["presenter"] == "Sam"
    assert [(u["speaker"], u["role"], u["label"]) for u in report["utterances"]] == [
        ("Sam", "presenter", "story"),
        ("Priya", "member", "open_question"),
        ("Tom", "member", "advice"),
        ("Priya", "member", "reflection"),
        ("Priya", "member", "open_question"),
    ]
    assert report["utterances"][1]["start"] == 6.5
    assert report["summary"]["questioning_ratio"] == pytest.approx(3 / 4)
    assert report["summary"]["leading_questions"] == 1


def test_the_report_is_served_through_its_documented_model(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    served = schema["paths"]["/v1/sessions/analyze"]["post"]["responses"]["200"]["content"]["application/json"]
    report_schema = schema["components"]["schemas"][served["schema"]["$ref"].rsplit("/", 1)[1]]
    report = client.post("/v1/sessions/analyze", json=TURNS).json()

    assert set(report) == set(report_schema["properties"]) == set(report_schema["required"])
    feedback_schema = schema["components"]["schemas"]["Feedback"]
    assert set(report["feedback"]) == set(feedback_schema["properties"])
    window_schema = schema["components"]["schemas"]["Window"]
    assert all(set(window) == set(window_schema["properties"]) for window in report["timeline"]["windows"])


def test_json_turns_with_format_html_give_the_web_page(client: TestClient) -> None:
    response = client.post("/v1/sessions/analyze?format=html", json=TURNS)

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text.startswith("<!DOCTYPE html>")
    assert "Have you thought about an agency?" in response.text


FILES = [
    # file, its first speaker
    (SAMPLES / "zoom.vtt", "Helen Price"),
    (SAMPLES / "teams.vtt", "Fiona Walsh"),
    (SAMPLES / "captions.srt", "Pauline Reid"),
    (SAMPLES / "plain.txt", "Bernard"),
    (SAMPLES / "otter.txt", "Alan Stewart"),
    (SAMPLES / "session.json", "Margaret Shaw"),
    (EXAMPLES / "zoom_session.vtt", "Julie Marsh"),
    (EXAMPLES / "teams_session.vtt", "Keith Allen"),
    (EXAMPLES / "otter_session.txt", "Ann Whitfield"),
    (EXAMPLES / "session.json", "Ruth Okafor"),
]


@pytest.mark.parametrize(("path", "first_speaker"), FILES, ids=[f"{p.parent.name}/{p.name}" for p, _ in FILES])
def test_an_uploaded_transcript_of_each_format_gives_the_report(
    client: TestClient, path: Path, first_speaker: str
) -> None:
    response = upload(client, path)

    assert response.status_code == 200, response.text
    report = response.json()
    assert report["utterances"][0]["speaker"] == first_speaker
    assert len(report["utterances"]) >= 20
    assert sum(report["summary"]["counts"].values()) == len(report["utterances"])


def test_an_uploaded_transcript_with_format_html_gives_the_web_page(client: TestClient) -> None:
    response = client.post(
        "/v1/sessions/analyze?format=html",
        files={"file": ("plain.txt", (SAMPLES / "plain.txt").read_bytes())},
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "Bernard" in response.text


def test_presenter_and_facilitator_in_the_form_name_the_roles(client: TestClient) -> None:
    response = upload(client, SAMPLES / "plain.txt", presenter="Sophie", facilitator="Bernard")

    roles = response.json()["roles"]
    assert (roles["presenter"], roles["facilitator"]) == ("Sophie", "Bernard")


def test_a_utf16_transcript_with_a_byte_order_mark_is_read(client: TestClient) -> None:
    text = (SAMPLES / "plain.txt").read_text(encoding="utf-8")

    response = client.post("/v1/sessions/analyze", files={"file": ("plain.txt", text.encode("utf-16"))})

    assert response.status_code == 200
    assert response.json()["utterances"][0]["speaker"] == "Bernard"


BAD_FILES: list[tuple[str, str, bytes, str]] = [
    (
        "not a transcript",
        "not_a_transcript.txt",
        (SAMPLES / "not_a_transcript.txt").read_bytes(),
        "not_a_transcript.txt, line 1: expected `Name: text` lines or an Otter export (`Name  0:03`, then text); "
        "found 'Agenda for the set meeting, Thursday 14…'; is this a transcript?",
    ),
    (
        "broken cue timing",
        "broken.vtt",
        (SAMPLES / "broken.vtt").read_bytes(),
        "broken.vtt, line 12: expected a cue timing like `00:00:01.000 --> 00:00:04.000`, "
        "found '00:00:13.300 - 00:00:19.870'",
    ),
    (
        "unknown role",
        "bad.json",
        (SAMPLES / "bad.json").read_bytes(),
        'bad.json: turns[2].role: expected "presenter", "member" or "facilitator", found \'chair\'',
    ),
    (
        "a picture",
        "photo.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "photo.png, line 1: expected UTF-8 text, found the byte 0x89; is this a transcript? "
        "Save it as UTF-8 text (.vtt, .srt, .txt, .json)",
    ),
    (
        "unsupported extension",
        "notes.docx",
        b"Ana: hello there",
        "notes.docx: unsupported file type '.docx'; expected one of .vtt, .srt, .txt, .json",
    ),
    (
        "vtt content in a .srt file",
        "captions.srt",
        (SAMPLES / "zoom.vtt").read_bytes(),
        "captions.srt, line 1: a file ending in .srt should start with a cue number and a timing, found 'WEBVTT'; "
        "the content looks like WebVTT captions: should the file name end in .vtt?",
    ),
]


@pytest.mark.parametrize(("filename", "content", "message"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_a_file_that_is_not_a_readable_transcript_is_refused_naming_the_problem(
    client: TestClient, filename: str, content: bytes, message: str
) -> None:
    response = client.post("/v1/sessions/analyze", files={"file": (filename, content)})

    assert_error(response, 422, "input_error", message)


def test_an_empty_file_is_refused_as_holding_no_speech(client: TestClient) -> None:
    response = client.post("/v1/sessions/analyze", files={"file": ("empty.vtt", b"")})

    assert_error(
        response,
        422,
        "input_error",
        "empty.vtt: the file is empty; expected a transcript (.vtt, .srt, .txt, .json)",
    )


FORMS: list[tuple[str, dict[str, Any], str]] = [
    (
        "no file field",
        {"data": {"presenter": "Sam"}, "files": {"transcript": ("a.txt", b"Ana: hi")}},
        "The form needs a 'file' field holding the transcript as an uploaded file (.vtt, .srt, .txt or .json); "
        "found no such field.",
    ),
    (
        "file as a text field",
        {"data": {"file": "Ana: What would help?"}, "files": {"other": ("a.txt", b"x")}},
        "The form needs a 'file' field holding the transcript as an uploaded file (.vtt, .srt, .txt or .json); "
        "found a text field.",
    ),
]


@pytest.mark.parametrize(("form", "message"), [c[1:] for c in FORMS], ids=[c[0] for c in FORMS])
def test_a_form_without_an_uploaded_file_is_refused(client: TestClient, form: dict[str, Any], message: str) -> None:
    response = client.post("/v1/sessions/analyze", **form)

    assert_error(response, 422, "validation_error", message)


def test_a_broken_multipart_body_is_refused(client: TestClient) -> None:
    response = client.post(
        "/v1/sessions/analyze", content=b"--x\r\nbroken", headers={"content-type": "multipart/form-data"}
    )

    assert_error(response, 422, "validation_error", "The form cannot be read: Missing boundary in multipart.")


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", ""], ids=["text", "urlencoded", "none"]
)
def test_a_body_that_is_neither_json_nor_a_form_upload_is_refused(client: TestClient, content_type: str) -> None:
    response = client.post("/v1/sessions/analyze", content=b"Ana: hello", headers={"content-type": content_type})

    assert_error(
        response,
        415,
        "unsupported_media_type",
        "Send the transcript as application/json turns or as a multipart/form-data file upload.",
    )


def turn(**fields: Any) -> dict[str, Any]:
    return {"turns": [{"speaker": "Ana", "text": "We lost two nurses.", **fields}]}


INVALID_JSON: list[tuple[str, Any, str]] = [
    ("no turns", {}, "turns: Field required"),
    ("empty turns", {"turns": []}, "turns: List should have at least 1 item after validation, not 0"),
    ("turn without text", {"turns": [{"speaker": "Ana"}]}, "turns.0.text: Field required"),
    ("blank text", turn(text="  "), "turns.0.text: must not be blank; send some words"),
    ("empty speaker", turn(speaker=""), "turns.0.speaker: String should have at least 1 character"),
    ("overlong speaker", turn(speaker="A" * 201), "turns.0.speaker: String should have at most 200 characters"),
    ("unknown role", turn(role="chair"), "turns.0.role: Input should be 'presenter', 'member' or 'facilitator'"),
    ("negative start", turn(start=-1), "turns.0.start: a time cannot be negative: give seconds from the session's start"),  # noqa: E501
    (
        "start over 24 hours",
        turn(start=86_401),
        "turns.0.start: 86401 s is more than 24 hours into the session: give seconds from the session's start, at most "
        "86400 (24:00:00)",
    ),
    ("end before start", turn(start=90, end=60), "turns.0: the turn ends (60.0) before it starts (90.0); swap or fix the times"),  # noqa: E501
    ("only zero-width characters", turn(text="\u200b\u200d\ufeff"), "turns.0.text: must not be blank; send some words"),
    ("start as words", turn(start="soon"), "turns.0.start: Input should be a valid number, unable to parse string as a number"),  # noqa: E501
    ("extra turn field", turn(mood="tense"), "turns.0.mood: Extra inputs are not permitted"),
    ("blank presenter", {**turn(), "presenter": " "}, "presenter: must not be blank; send some words"),
    ("a list, not an object", [], "body: Input should be an object"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "problem"), [c[1:] for c in INVALID_JSON], ids=[c[0] for c in INVALID_JSON])
def test_invalid_json_turns_are_refused_naming_the_field(client: TestClient, body: Any, problem: str) -> None:
    response = client.post("/v1/sessions/analyze", json=body)

    assert_error(response, 422, "validation_error", f"The request is not valid: {problem}")


@pytest.mark.parametrize("number", [b"Infinity", b"NaN", b"1e400"], ids=["infinity", "nan", "overflow"])
def test_a_time_that_is_not_a_finite_number_is_refused(client: TestClient, number: bytes) -> None:
    body = b'{"turns": [{"speaker": "Ana", "text": "We lost two nurses.", "start": ' + number + b"}]}"

    response = client.post("/v1/sessions/analyze", content=body, headers={"content-type": "application/json"})

    assert_error(
        response, 422, "validation_error", "The request is not valid: turns.0.start: Input should be a finite number"
    )


def test_a_presenter_who_is_not_a_speaker_is_refused_naming_the_speakers(client: TestClient) -> None:
    response = client.post("/v1/sessions/analyze", json={**turn(), "presenter": "Nobody"})

    assert_error(
        response,
        422,
        "input_error",
        "no speaker called 'Nobody' to be the presenter; the speakers in this transcript are: Ana. "
        "Give the presenter's name as it appears in the transcript.",
    )


def test_a_speaker_with_two_roles_is_refused(client: TestClient) -> None:
    body = {"turns": [*turn(role="presenter")["turns"], *turn(role="member")["turns"]]}

    response = client.post("/v1/sessions/analyze", json=body)

    assert_error(
        response,
        422,
        "input_error",
        "turn 2: 'Ana' has role 'member' here but 'presenter' earlier; give each speaker one role",
    )


def test_an_unknown_format_is_refused(client: TestClient) -> None:
    response = client.post("/v1/sessions/analyze?format=pdf", json=TURNS)

    assert_error(
        response, 422, "validation_error", "The request is not valid: query.format: Input should be 'json' or 'html'"
    )


def test_a_transcript_over_max_turns_is_refused_with_the_limit(make_client: MakeClient) -> None:
    client = make_client(max_turns=3)

    response = client.post("/v1/sessions/analyze", json=TURNS)

    assert_error(response, 413, "too_many_turns", "The transcript has 4 turns; the limit is 3.")


def meeting_json(**fields: Any) -> dict[str, Any]:
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns()]
    return {"turns": turns, **fields}


def turn_of(body: dict[str, Any], text: str) -> int:
    return next(number for number, turn in enumerate(body["turns"]) if turn["text"].startswith(text))


def test_a_meeting_of_several_presenters_is_read_slot_by_slot(client: TestClient) -> None:
    report = client.post("/v1/sessions/analyze", json=meeting_json()).json()

    assert [slot["presenter"] for slot in report["slots"]] == ["Amira", "Tunde"]
    assert report["reported_back"]["speakers"] == ["Jo"]
    assert [part["mode"] for part in report["parts"]] == ["open", "planned", "open"]
    # Presenters are members in each other's slots; only open slot time counts, so the ideas Tunde asked for are
    # not held against anyone, and neither is Jo's report-back.
    assert report["speakers"]["Amira"]["role"] == report["speakers"]["Tunde"]["role"] == "member"
    assert report["summary"]["member_counts"]["advice"] == 0
    assert report["summary"]["questioning_ratio"] == 1.0
    assert report["slots"][1]["mode"] == "combined"
    assert [a["text"] for a in report["slots"][0]["actions"]] == ["ring the agency on Monday and talk to the matron"]
    assert report["roles"]["how_to_override"] == (
        "We read 2 presenters' slots (Amira, Tunde); give the slots field (each presenter with the turn or time "
        "their slot starts) to change this."
    )


def test_a_meeting_whose_members_mostly_advised_asks_whether_it_was_planned(client: TestClient) -> None:
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns(ADVISED_MEETING)]

    inferred = client.post("/v1/sessions/analyze", json={"turns": turns, "facilitator": "Ruth"}).json()
    planned = client.post("/v1/sessions/analyze", json={"turns": turns, "facilitator": "Ruth", "mode": "planned"})

    check = inferred["feedback"]["planned_time_check"]
    assert (check["share"], check["contributions"]) == (0.75, 16)
    assert 'send "mode": "planned" (or the planned parts)' in check["note"]
    assert [slot["planned_time_check"]["share"] for slot in inferred["slots"]] == [0.75, 0.75]
    assert inferred["summary"]["member_counts"]["advice"] == 12
    # Read as planned, as the note offers: nothing members said is held against them, and the note has done its job.
    assert planned.status_code == 200
    assert planned.json()["feedback"]["planned_time_check"] is None
    assert [slot["mode"] for slot in planned.json()["slots"]] == ["planned", "planned"]
    assert planned.json()["summary"]["member_counts"]["advice"] == 0


def test_slots_and_mode_given_win(client: TestClient) -> None:
    body = meeting_json()
    tunde = turn_of(body, "Thanks. Tunde")
    body["slots"] = [{"presenter": "amira", "start": 7 * 60.0}, {"presenter": "Tunde", "turn": tunde}]
    body["mode"] = "open"

    report = client.post("/v1/sessions/analyze", json=body).json()

    assert [slot["presenter"] for slot in report["slots"]] == ["Amira", "Tunde"]
    assert {part["mode"] for part in report["parts"]} == {"open"}
    assert report["summary"]["member_counts"]["advice"] == 2  # open time: the ideas count as advice now


def test_parts_given_win_from_where_each_starts(client: TestClient) -> None:
    body = meeting_json()
    tunde = turn_of(body, "Thanks. Tunde")
    # Amira's slot was planned time, Tunde's open throughout: his set's ideas count against them now.
    body["parts"] = [{"mode": "open", "turn": tunde}, {"mode": "planned", "start": 7 * 60.0}]

    report = client.post("/v1/sessions/analyze", json=body).json()

    assert [slot["presenter"] for slot in report["slots"]] == ["Amira", "Tunde"]
    assert [slot["mode"] for slot in report["slots"]] == ["planned", "open"]
    assert report["summary"]["member_counts"]["advice"] == 2


def test_parts_given_to_one_named_presenters_session_read_it_as_their_slot(client: TestClient) -> None:
    body = meeting_json(presenter="Amira")
    whole = client.post("/v1/sessions/analyze", json=body).json()
    body["parts"] = [{"mode": "planned", "turn": turn_of(body, "For the last part ideas")}]

    report = client.post("/v1/sessions/analyze", json=body).json()

    assert whole["slots"] == []
    assert whole["summary"]["member_counts"]["advice"] > 0
    assert [(slot["presenter"], slot["start_index"]) for slot in report["slots"]] == [("Amira", 0)]
    assert [part["mode"] for part in report["parts"]] == ["open", "planned"]
    assert report["summary"]["member_counts"]["advice"] == 0


def test_a_part_needs_one_start_inside_the_transcript_and_its_own(client: TestClient) -> None:
    both = meeting_json(parts=[{"mode": "planned", "turn": 3, "start": 60}])
    error = error_of(client.post("/v1/sessions/analyze", json=both), 422, "validation_error")
    assert "give the planned part either a turn or a start time, not both or neither" in str(error)

    combined = meeting_json(parts=[{"mode": "combined", "turn": 3}])
    error_of(client.post("/v1/sessions/analyze", json=combined), 422, "validation_error")

    late = meeting_json(parts=[{"mode": "planned", "start": 20_000}])
    assert_error(
        client.post("/v1/sessions/analyze", json=late),
        422,
        "input_error",
        "the planned part at 05:33:20.000 starts after the end of the transcript",
    )
    same = meeting_json(parts=[{"mode": "planned", "turn": 5}, {"mode": "open", "turn": 5}])
    assert_error(
        client.post("/v1/sessions/analyze", json=same),
        422,
        "input_error",
        "two of the parts given start at the same point; give each part its own start",
    )


def test_a_slot_needs_one_start_and_a_presenter_who_spoke(client: TestClient) -> None:
    both = meeting_json(slots=[{"presenter": "Amira", "turn": 3, "start": 60}])
    error = error_of(client.post("/v1/sessions/analyze", json=both), 422, "validation_error")
    assert "give the slot of Amira either a turn or a start time, not both or neither" in str(error)

    nobody = meeting_json(slots=[{"presenter": "Zara", "turn": 3}])
    error = error_of(client.post("/v1/sessions/analyze", json=nobody), 422, "input_error")
    assert "no speaker called 'Zara' to be the presenter" in error["message"]


def test_an_uploaded_meeting_takes_slots_and_mode_as_form_fields(client: TestClient, tmp_path: Path) -> None:
    path = tmp_path / "meeting.json"
    path.write_text(json.dumps(meeting_json()), encoding="utf-8")
    slots = json.dumps([{"presenter": "Amira", "start": 420}, {"presenter": "Tunde", "start": 1620}])

    report = upload(client, path, slots=slots, mode="planned").json()

    assert [slot["presenter"] for slot in report["slots"]] == ["Amira", "Tunde"]
    assert {part["mode"] for part in report["parts"]} == {"planned"}
    open_from_tunde = upload(client, path, slots=slots, mode="planned", parts='[{"mode": "open", "start": 1620}]')
    assert [slot["mode"] for slot in open_from_tunde.json()["slots"]] == ["planned", "open"]
    assert_error(
        upload(client, path, parts='[{"mode": "planned"}]'),
        422,
        "validation_error",
        "The parts field cannot be read (give the planned part either a turn or a start time, not both or neither). "
        'Give a JSON list such as [{"mode": "open", "turn": 0}, {"mode": "planned", "start": 3600}].',
    )
    assert_error(
        upload(client, path, slots='[{"presenter": "Amira"}]'),
        422,
        "validation_error",
        "The slots field cannot be read (give the slot of Amira either a turn or a start time, not both "
        'or neither). Give a JSON list such as [{"presenter": "Amira", "start": 35}, {"presenter": "Tunde", "turn": '
        "40}].",
    )


def test_two_slots_cannot_start_at_the_same_point(client: TestClient) -> None:
    body = meeting_json(slots=[{"presenter": "Amira", "turn": 5}, {"presenter": "Tunde", "turn": 5}])

    error = error_of(client.post("/v1/sessions/analyze", json=body), 422, "input_error")

    assert error["message"] == "the slots of Amira and Tunde start at the same point; give each slot its own start"


def test_a_meeting_with_one_presenter_named_is_read_as_that_presenters_session(client: TestClient) -> None:
    report = client.post("/v1/sessions/analyze", json=meeting_json(presenter="Amira")).json()

    assert (report["slots"], report["roles"]["presenter"]) == ([], "Amira")
    assert report["speakers"]["Tunde"]["role"] == "member"
