"""The shipped models on held-out data (our test split, real MRDA test meetings): floors, robustness, batching, leading.

These read the real annotated data and the real models in ``models/``: a worse model cannot land.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coach import Coach
from coach.classifier.loading import MODELS_DIR
from coach.labels import LABELS
from tests.models import recorded as tolerance
from training.data import CORPORA_DIR, CORPUS_FILES, annotated_split, read_corpus, strip_text
from training.evaluate import CORPUS_LABELS
from training.metrics import classification_metrics

pytestmark = pytest.mark.slow

#: Floors on our test split; the stripped copy may be at most 5 points below the punctuated one.
FLOORS = {"baseline": 0.85, "minilm-int8": 0.92}
#: Floors on the real MRDA test meetings, for the labels MRDA annotates directly (open, closed, advice, other).
MRDA_FLOORS = {"baseline": 0.78, "minilm-int8": 0.82}


@pytest.fixture(scope="module")
def test_rows() -> list[dict[str, object]]:
    return annotated_split("test")


@pytest.fixture(scope="module", params=sorted(FLOORS))
def model(request: pytest.FixtureRequest) -> tuple[str, Coach]:
    return request.param, Coach.load(request.param)


def macro_f1(coach: Coach, texts: list[str], gold: list[str]) -> float:
    predicted = [p.label for p in coach.classify_utterances(texts)]
    return float(classification_metrics(gold, predicted, LABELS)["macro_f1"])


def test_macro_f1_floor(model: tuple[str, Coach], test_rows: list[dict[str, object]]) -> None:
    name, coach = model
    texts, gold = [str(r["text"]) for r in test_rows], [str(r["label"]) for r in test_rows]
    assert macro_f1(coach, texts, gold) >= FLOORS[name]


@pytest.fixture(scope="module")
def mrda_test() -> tuple[list[str], list[str]]:
    if not (CORPORA_DIR / CORPUS_FILES["mrda"]).is_file():
        pytest.skip(f"the MRDA corpus is not at {CORPORA_DIR}")
    frame = read_corpus("mrda")
    labels = CORPUS_LABELS["mrda"]
    part = frame[(frame["split"] == "test") & frame["label"].isin(labels) & (frame["confidence"] == "direct")]
    return list(part["text"]), list(part["label"])


def test_real_meetings_floor(model: tuple[str, Coach], mrda_test: tuple[list[str], list[str]]) -> None:
    name, coach = model
    texts, gold = mrda_test
    predicted = [p.label for p in coach.classify_utterances(texts)]
    assert classification_metrics(gold, predicted, CORPUS_LABELS["mrda"])["macro_f1"] >= MRDA_FLOORS[name]


def test_stripped_text_within_five_points(model: tuple[str, Coach], test_rows: list[dict[str, object]]) -> None:
    _, coach = model
    texts, gold = [str(r["text"]) for r in test_rows], [str(r["label"]) for r in test_rows]
    punctuated = macro_f1(coach, texts, gold)
    stripped = macro_f1(coach, [strip_text(text) for text in texts], gold)
    assert stripped >= punctuated - 0.05


def test_recorded_metrics_match_the_model(model: tuple[str, Coach], test_rows: list[dict[str, object]]) -> None:
    name, coach = model
    recorded = json.loads((MODELS_DIR / name / "metrics.json").read_text())["ours_test_no_context"]["macro_f1"]
    texts, gold = [str(r["text"]) for r in test_rows], [str(r["label"]) for r in test_rows]
    assert macro_f1(coach, texts, gold) == pytest.approx(recorded, abs=tolerance.F1)


def test_batched_equals_one_by_one(model: tuple[str, Coach], test_rows: list[dict[str, object]]) -> None:
    _, coach = model
    texts = [str(r["text"]) for r in test_rows[:300]]
    batched = coach.classify(texts)
    single = [coach.classify([text])[0] for text in texts]
    assert [p.label for p in batched] == [p.label for p in single]
    for b, s in zip(batched, single, strict=True):
        assert b.scores == pytest.approx(s.scores, abs=0.01)


def test_leading_questions_are_flagged(model: tuple[str, Coach], test_rows: list[dict[str, object]]) -> None:
    _, coach = model
    leading = [str(r["text"]) for r in test_rows if r.get("leading")]
    flagged = sum(p.leading for p in coach.classify_utterances(leading))
    assert flagged / len(leading) >= 0.6


def test_transformer_beats_baseline_by_three_points(test_rows: list[dict[str, object]]) -> None:
    texts, gold = [str(r["text"]) for r in test_rows], [str(r["label"]) for r in test_rows]
    baseline = macro_f1(Coach.load("baseline"), texts, gold)
    transformer = macro_f1(Coach.load("minilm-int8"), texts, gold)
    assert transformer >= baseline + 0.03


def test_int8_within_one_point_of_fp32() -> None:
    parity = json.loads((Path(MODELS_DIR) / "minilm-int8" / "parity.json").read_text())
    assert parity["macro_f1_int8_onnx"] >= parity["macro_f1_fp32_onnx"] - 0.01
    assert parity["agreement_fp32_onnx_vs_torch"] >= 0.99
    # Read with their contexts, inputs are about twice as long and int8 drifts a little more: 98.9% of PyTorch's
    # labels kept (99.1% for the earlier model read alone), at no loss of macro-F1.
    assert parity["agreement_int8_onnx_vs_torch"] >= 0.985


def test_short_advice_dressed_as_a_question_is_advice(test_rows: list[dict[str, object]]) -> None:
    """Held-out "Have you considered an agency?"-style rows (leading, at most 8 words) are advice, while closed
    questions of the same shapes ("Have you met the treasurer?") stay closed; the previous release got 2 of 18."""
    coach = Coach.load("minilm-int8")
    short = [r for r in test_rows if r["leading"] and len(str(r["text"]).split()) <= 8]
    shapes = re.compile(r"(?i)(have|has|did|do|does|could|can|would|is|are)\b")
    lookalike = [r for r in test_rows if r["label"] == "closed_question" and shapes.match(str(r["text"]))]
    assert len(short) >= 15
    assert len(lookalike) >= 50

    def share(rows: list[dict[str, object]], label: str) -> float:
        predictions = coach.classify_utterances([str(r["text"]) for r in rows], [str(r["context"]) for r in rows])
        return sum(p.label == label for p in predictions) / len(rows)

    assert share(short, "advice") >= 0.85
    assert share(lookalike, "closed_question") >= 0.9
