"""The shipped sentence encoder (``models/encoder``): unit-length embeddings, close to PyTorch, meaning-aware."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coach.classifier.loading import models_dir
from coach.classifier.sentence_encoder import shared_encoder


def test_embeddings_have_unit_length() -> None:
    vectors = shared_encoder().embed(["What would help?", "We lost two volunteers in March.", "ok"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_recorded_parity_with_pytorch() -> None:
    parity = json.loads((models_dir() / "encoder" / "parity.json").read_text())
    assert parity["min_cosine_int8_vs_torch"] >= 0.97
    assert parity["nearest_neighbour_agreement"] == 1.0


@pytest.mark.parametrize(
    ("reference", "near", "far"),
    [
        ("Did you talk to your manager?", "How did the conversation with your manager go?", "Is there a budget?"),
        ("Are you worried about the audit?", "How do you feel about the audit?", "Who chairs the board?"),
        ("Have you thought about moving the meeting?", "What options do you see for the meeting?", "Mm-hmm."),
    ],
)
def test_a_rewording_is_closer_than_an_unrelated_sentence(reference: str, near: str, far: str) -> None:
    close, distant = shared_encoder().similarity(reference, [near, far])
    assert close > distant + 0.1
