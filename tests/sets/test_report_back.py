"""The report-back matcher with the shipped sentence encoder."""

from __future__ import annotations

from coach.classifier.sentence_encoder import shared_encoder
from coach.sets.report_back import report_back, same_person


def test_names_match_by_first_name() -> None:
    assert same_person("Sam", "Sam Price")
    assert same_person("sam price", "Sam Price")
    assert not same_person("Sam", "Samira")
    assert not same_person("Sam Price", "Sam Jones")


def test_an_action_is_mentioned_only_by_its_owner_and_only_when_reported_on() -> None:
    actions = [
        {"id": "a", "speaker": "Niamh", "text": "ring the helpline tomorrow", "session_id": "s", "date": "2026-10-01"},
        {"id": "b", "speaker": "Niamh", "text": "ask Karen for a coffee off the ward", "session_id": "s", "date": "d"},
        {"id": "c", "speaker": "Gwen", "text": "book the room for next month", "session_id": "s", "date": "d"},
    ]
    utterances = [
        {"index": 0, "speaker": "Niamh", "text": "Morning all, sorry, the traffic was awful."},
        {
            "index": 1,
            "speaker": "Niamh",
            "text": "So I did phone the helpline in the end, they were useful.",
        },
        {"index": 2, "speaker": "Niamh", "text": "The ward's been short all month, to be honest."},
        {"index": 3, "speaker": "Ola", "text": "I booked the room for next month already."},
    ]
    found = {item["id"]: item for item in report_back(actions, utterances, shared_encoder())}
    assert found["a"]["mentioned"]
    assert found["a"]["index"] == 1
    assert found["a"]["quote"].startswith("So I did phone the helpline")
    assert not found["b"]["mentioned"]
    assert found["b"]["quote"] is None
    assert not found["c"]["mentioned"]  # someone else said it; Gwen said nothing
