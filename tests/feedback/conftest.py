"""Fixtures for the feedback tests: a keyword classifier instead of a model, and a short realistic session."""

from __future__ import annotations

from typing import Any

import pytest

from coach.classifier import Coach
from coach.classifier.sentence_encoder import shared_encoder
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import build_report
from coach.feedback.report_model import Report
from coach.feedback.session import Session, label_session
from coach.transcript.model import Transcript, Turn
from tests.fakes import KeywordClassifier

#: ``(speaker, text, start, end)``: Ruth facilitates, Sam presents, Priya, Tom and Ana are members.
SAMPLE_TURNS = [
    ("Ruth", "Okay. Shall we start?", 0, 4),
    ("Sam", "So the rota keeps falling apart. I'm the one covering shifts every weekend and my manager doesn't see it.",
     5, 20),
    ("Priya", "What has that been like for you?", 21, 24),
    ("Sam", "Exhausting, honestly. I feel like I am letting my family down and the team doesn't notice at all. "
     "Every Friday I dread the phone ringing, and it always does, and it is always me who goes in.", 25, 60),
    ("Tom", "Have you thought about talking to HR?", 300, 303),
    ("Ana", "You should escalate it to your director.", 304, 307),
    ("Sam", "Yeah, maybe.", 308, 309),
    ("Tom", "Did you tell your manager?", 310, 312),
    ("Sam", "Not yet, no.", 313, 314),
    ("Ana", "When I ran the Leeds office we had the same thing and we brought in an agency and it sorted it all out "
     "within a month or so and everyone was much happier afterwards because of it, honestly it was the best thing "
     "we ever did there.", 315, 340),
    ("Priya", "It sounds like you're carrying this alone.", 620, 623),
    ("Priya", "What would help most right now? <script>alert('x')</script>", 624, 628),
    ("Sam", "I think having someone share the weekend cover would change everything for me.", 630, 640),
    ("Ruth", "Thanks. Shall we move on to actions?", 900, 903),
]  # fmt: skip


def sample_transcript(**fields: Any) -> Transcript:
    turns = tuple(Turn(speaker, text, float(start), float(end)) for speaker, text, start, end in SAMPLE_TURNS)
    return Transcript(turns=turns, format="json", **fields)


@pytest.fixture
def fake_coach() -> Coach:
    return Coach(KeywordClassifier())


@pytest.fixture
def sample_session(fake_coach: Coach) -> Session:
    return label_session(sample_transcript(), fake_coach)


@pytest.fixture
def rephraser(fake_coach: Coach) -> Rephraser:
    return Rephraser(fake_coach, shared_encoder())


@pytest.fixture
def sample_report(sample_session: Session, rephraser: Rephraser) -> Report:
    return build_report(sample_session, rephraser=rephraser)


@pytest.fixture
def report_json(sample_report: Report) -> dict[str, Any]:
    """The sample report as API users and ``--format json`` see it."""
    return sample_report.to_dict()
