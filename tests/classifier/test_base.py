import numpy as np
import pytest

from coach.classifier.base import predictions_from_probabilities
from coach.labels import LABELS


def _row(**probabilities: float) -> list[float]:
    return [probabilities.get(label, 0.0) for label in LABELS]


def test_an_open_reading_of_a_one_fact_question_becomes_closed() -> None:
    (prediction,) = predictions_from_probabilities(
        ["How often do you drink?"], np.array([_row(open_question=0.7, closed_question=0.2, story=0.1)]), LABELS
    )
    assert prediction.label == "closed_question"
    assert prediction.confidence == pytest.approx(0.9)
    assert prediction.scores["open_question"] == 0.0
    assert sum(prediction.scores.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "row", "label"),
    [
        ("What would help you most?", _row(open_question=0.7, closed_question=0.3), "open_question"),
        ("How many agencies have you rung?", _row(advice=0.5, open_question=0.4, closed_question=0.1), "advice"),
        ("Is it okay if I ask about Sam?", _row(open_question=0.6, closed_question=0.3, other=0.1), "open_question"),
        ("Have you tried the bank?", _row(story=0.6, closed_question=0.3, advice=0.1), "story"),
    ],
    ids=[
        "open question kept",
        "only an open reading is changed",
        "only a closed reading is made other",
        "only a question's reading is made advice",
    ],
)
def test_other_readings_are_left_as_the_model_gives_them(text: str, row: list[float], label: str) -> None:
    (prediction,) = predictions_from_probabilities([text], np.array([row]), LABELS)
    assert prediction.label == label


def test_a_closed_reading_of_asking_leave_becomes_other() -> None:
    (prediction,) = predictions_from_probabilities(
        ["Do you mind if I take a look at your arm?"],
        np.array([_row(closed_question=0.8, other=0.15, story=0.05)]),
        LABELS,
    )
    assert prediction.label == "other"
    assert prediction.confidence == pytest.approx(0.95)


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("Do you think you could quit drinking?", "closed_question"),
        ("Why don't you ring her tonight?", "open_question"),
    ],
)
def test_a_question_reading_of_advice_dressed_as_a_question_becomes_leading_advice(text: str, read_as: str) -> None:
    (prediction,) = predictions_from_probabilities(
        [text], np.array([_row(**{read_as: 0.7, "advice": 0.2, "other": 0.1})]), LABELS
    )
    assert (prediction.label, prediction.leading) == ("advice", True)
    assert prediction.confidence == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Is there anything that worries you about the move?", "closed_question"),
        ("Can you say more about that?", "open_question"),
        ("Couldn't you just say no to the extra shift?", "advice"),
    ],
    ids=["a yes/no question becomes closed", "a request to say more stays open", "advice wins over closed"],
)
def test_an_open_reading_of_a_yes_or_no_question_becomes_closed(text: str, label: str) -> None:
    (prediction,) = predictions_from_probabilities([text], np.array([_row(open_question=0.8, story=0.2)]), LABELS)
    assert prediction.label == label
