from __future__ import annotations

import pytest

from coach.classifier import Coach, Prediction, UtterancePrediction
from coach.feedback.practice import explain
from coach.labels import LABELS
from tests.fakes import KeywordClassifier

COACH = Coach(KeywordClassifier())

EXPLAIN_CASES = [
    (
        "leading",
        "Have you thought about talking to HR?",
        "This is advice dressed as a question: it already contains a solution ('talking to HR'), so the presenter is "
        "steered rather than helped to think.",
    ),
    (
        "advice",
        "You should escalate it to your director.",
        "This is advice: it offers a solution ('escalating it to your director'), so it gives your answer instead of "
        "helping the presenter find their own.",
    ),
    (
        "open",
        "What would help?",
        "This is an open question: it invites the presenter to think and answer in their own words, rather than with "
        "a yes, a no or one fact.",
    ),
    (
        "closed yes/no",
        "Did you tell her?",
        "This is a closed question: it can be answered with a yes or a no, so it gathers information but does not "
        "open up the presenter's thinking.",
    ),
    (
        "closed fact",
        "How many people report to you?",
        "This is a closed question: it asks for one fact, so it gathers information but does not open up the "
        "presenter's thinking.",
    ),
    (
        "closed choice",
        "Is it the money or the people?",
        "This is a closed question: it offers a choice between answers you have already picked, so it gathers "
        "information but does not open up the presenter's thinking.",
    ),
    (
        "reflection",
        "It sounds like you're torn.",
        "This is a reflection: it gives back what you heard in your own words without adding a solution, which helps "
        "the presenter feel heard and think further.",
    ),
    (
        "story",
        "We lost two nurses in March.",
        "This is story: it tells what happened or what is, which is the presenter's job; from a member it moves the "
        "focus away from the presenter's problem.",
    ),
    (
        "other",
        "Okay.",
        "This keeps the conversation going (a greeting, thanks, agreement or talk about the process) but says nothing "
        "about the problem itself, so it counts neither way.",
    ),
    (
        "several sentences: the deciding one is quoted",
        "That sounds hard. Have you tried a rota?",
        "'Have you tried a rota?' is advice dressed as a question: it already contains a solution ('a rota'), so the "
        "presenter is steered rather than helped to think.",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), EXPLAIN_CASES, ids=[c[0] for c in EXPLAIN_CASES])
def test_explain(name: str, text: str, expected: str) -> None:
    (prediction,) = COACH.classify([text])
    assert explain(prediction) == expected


def test_unsure_predictions_say_so_in_the_same_sentence() -> None:
    scores = dict.fromkeys(LABELS, 0.05) | {"closed_question": 0.4, "open_question": 0.35}
    utterance = UtterancePrediction("Can you change it?", "closed_question", 0.4, scores, False)
    prediction = Prediction("Can you change it?", "closed_question", 0.4, scores, False, (utterance,))
    sentence = explain(prediction)
    assert sentence.endswith(", though the model is not sure and it could also be read as an open question.")
    assert sentence.count(".") == 1


def test_blank_text_is_other() -> None:
    (prediction,) = COACH.classify(["   "])
    assert explain(prediction).startswith("This keeps the conversation going")
