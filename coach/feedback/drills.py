"""Practice drills: a presenter's situation to ask questions about, and the summary of a trainee's round.

The situations are in ``drills.json`` beside this module (fictional, written for Coach; see its ``source``). A round is
kept by the client; :func:`summarise_round` reads the questions it asked, so nothing is stored on the server.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from coach.classifier import Prediction
from coach.labels import ADVICE, CLOSED_QUESTION, OPEN_QUESTION, REFLECTION

DRILLS_FILE = Path(__file__).with_name("drills.json")


@dataclass(frozen=True)
class Drill:
    """A presenter's opening account (``situation``) and the ``topics`` a good question might explore."""

    id: str
    title: str
    sector: str
    presenter: str
    situation: str
    topics: tuple[str, ...]
    example_question: str

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "topics": list(self.topics)}


@dataclass(frozen=True)
class RoundSummary:
    """How a round went: counts of good moves (open questions, reflections), closed questions and questions that
    carried a solution, the best question, and one sentence to take away."""

    questions: int
    open_questions: int
    reflections: int
    closed_questions: int
    carried_solution: int
    best_question: str | None
    message: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@cache
def drills() -> tuple[Drill, ...]:
    data = json.loads(DRILLS_FILE.read_text(encoding="utf-8"))
    return tuple(Drill(**{**item, "topics": tuple(item["topics"])}) for item in data["drills"])


def find_drill(drill_id: str) -> Drill | None:
    return next((drill for drill in drills() if drill.id == drill_id), None)


def summarise_round(predictions: Sequence[Prediction]) -> RoundSummary:
    """The summary of a round of questions, each already labelled."""
    labels = [p.label for p in predictions]
    open_count, reflections = labels.count(OPEN_QUESTION), labels.count(REFLECTION)
    closed, advice = labels.count(CLOSED_QUESTION), labels.count(ADVICE)
    candidates = [p for p in predictions if p.label == OPEN_QUESTION] or [
        p for p in predictions if p.label == REFLECTION
    ]
    best = max(candidates, key=lambda p: p.confidence).text if candidates else None
    return RoundSummary(
        questions=len(predictions),
        open_questions=open_count,
        reflections=reflections,
        closed_questions=closed,
        carried_solution=advice,
        best_question=best,
        message=_message(len(predictions), open_count + reflections, closed, advice),
    )


def _message(total: int, good: int, closed: int, advice: int) -> str:
    if total == 0:
        return "Ask a question about the situation to start the round."
    moves = f"{good} of your {total} {'question was' if total == 1 else 'questions were'} open or reflective"
    if advice:
        tip = (
            f"{advice} carried a solution of your own: next round, ask what the presenter has already tried or "
            "what options they see"
        )
    elif closed:
        tip = f"{closed} could be answered with a yes, a no or one fact: try starting with what or how"
    else:
        tip = "every one of them left the presenter room to think"
    return f"{moves}; {tip}."
