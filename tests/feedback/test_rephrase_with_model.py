"""Every suggested rephrasing must be an open question to the shipped model, not only to our rules."""

from __future__ import annotations

import pytest

from coach.classifier import Coach
from coach.errors import ModelError
from coach.feedback.rephrase import open_rephrasings
from tests.feedback.test_rephrase import CLOSED_AND_ADVICE


@pytest.fixture(scope="module")
def shipped() -> Coach:
    try:
        return Coach.load()
    except ModelError as error:  # the model is built by training/; until then there is nothing to check against
        pytest.skip(f"no shipped model: {error}")


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text", "label"), CLOSED_AND_ADVICE, ids=[c[0] for c in CLOSED_AND_ADVICE])
def test_suggestions_are_open_questions_to_the_model(shipped: Coach, name: str, text: str, label: str) -> None:
    suggestions = open_rephrasings(text, label)
    predictions = shipped.classify(suggestions)
    wrong = {s: p.label for s, p in zip(suggestions, predictions, strict=True) if p.label != "open_question"}
    assert not wrong, f"not open questions to {shipped.info.get('name')}: {wrong}"
