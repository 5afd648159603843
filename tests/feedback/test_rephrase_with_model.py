"""With the shipped model: every suggestion is an open question to it, keeps the situation, and says so."""

from __future__ import annotations

import pytest

from coach.classifier import Coach
from coach.errors import ModelError
from coach.feedback.rephrase import Rephraser
from tests.feedback.test_rephrase import CLOSED_AND_ADVICE


@pytest.fixture(scope="module")
def shipped() -> Rephraser:
    try:
        return Rephraser.load(Coach.load())
    except ModelError as error:  # the model is built by training/; until then there is nothing to check against
        pytest.skip(f"no shipped model: {error}")


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text", "label"), CLOSED_AND_ADVICE, ids=[c[0] for c in CLOSED_AND_ADVICE])
def test_suggestions_are_open_questions_to_the_model(shipped: Rephraser, name: str, text: str, label: str) -> None:
    suggestions = shipped.rephrase(text, label)
    assert suggestions, "no open question survived the model"
    texts = [s.text for s in suggestions]
    predictions = shipped.coach.classify_utterances(texts)
    wrong = {s: p.label for s, p in zip(texts, predictions, strict=True) if p.label != "open_question"}
    assert not wrong, f"not open questions to {shipped.coach.info.get('name')}: {wrong}"
    for suggestion, prediction in zip(suggestions, predictions, strict=True):
        assert suggestion.open_confidence == pytest.approx(prediction.scores["open_question"], abs=1e-4)
    assert any(not s.generic for s in suggestions), texts
