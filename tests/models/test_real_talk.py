"""The shipped model on real talk nobody here wrote (AnnoMI test transcripts), roles, and the caption boundary tagger.

Floors sit a little under the figures recorded in ``models/*/metrics.json`` and ``roles.json``: a worse model, role
rule or tagger cannot land.
"""

from __future__ import annotations

import json

import pytest

from coach import Coach
from coach.classifier.boundaries import BOUNDARIES_DIR, BoundaryTagger
from coach.classifier.loading import MODELS_DIR
from coach.labels import LABELS
from tests.models import recorded as tolerance
from training.annomi import ANNOMI_FILE, read_annomi
from training.data import annotated_split
from training.evaluate import session_metrics
from training.evaluate_roles import annomi_cases, ours_cases, score
from training.metrics import classification_metrics
from training.train_boundaries import SOURCES, boundary_f1, gold_gaps, runs, tagger_gaps

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ANNOMI_FILE.is_file(), reason="the AnnoMI corpus is not in data/corpora"),
]

#: AnnoMI test transcripts, all six labels, as ``coach analyze`` labels them, against the labels with the guideline
#: annotation (recorded: 0.655; the previous model 0.671 on the same installs, 0.627 before the guideline annotation).
ANNOMI_FLOOR = 0.64
#: Presenter and facilitator both right (recorded: 39 of 40 of our test conversations, 78 of 79 AnnoMI transcripts).
ROLE_FLOORS = {"ours": 0.92, "annomi": 0.96}


@pytest.fixture(scope="module")
def coach() -> Coach:
    return Coach.load("minilm-int8")


def test_annomi_test_transcripts_floor(coach: Coach) -> None:
    annomi = read_annomi()
    result = session_metrics(coach, annomi[annomi["split"] == "test"], given_roles=False)
    assert result["macro_f1"] >= ANNOMI_FLOOR


def test_context_helps_or_holds_on_our_test_split(coach: Coach) -> None:
    rows = annotated_split("test")
    texts, contexts, gold = [r["text"] for r in rows], [r["context"] for r in rows], [r["label"] for r in rows]
    with_context = classification_metrics(gold, [p.label for p in coach.classify_utterances(texts, contexts)], LABELS)
    alone = classification_metrics(gold, [p.label for p in coach.classify_utterances(texts)], LABELS)
    assert with_context["macro_f1"] >= 0.92
    assert with_context["macro_f1"] >= alone["macro_f1"] - 0.005


def test_recorded_annomi_figures_match_the_model(coach: Coach) -> None:
    recorded = json.loads((MODELS_DIR / "minilm-int8" / "metrics.json").read_text())["annomi_test_sessions"]
    annomi = read_annomi()
    measured = session_metrics(coach, annomi[annomi["split"] == "test"], given_roles=False)
    assert measured["macro_f1"] == pytest.approx(recorded["macro_f1"], abs=tolerance.F1)


def test_roles_are_found_on_our_test_conversations_and_on_annomi(coach: Coach) -> None:
    assert score(ours_cases(coach))["both_right_share"] >= ROLE_FLOORS["ours"]
    assert score(annomi_cases(coach))["both_right_share"] >= ROLE_FLOORS["annomi"]


def test_boundary_tagger_matches_its_recorded_test_figures() -> None:
    recorded = json.loads((BOUNDARIES_DIR / "metrics.json").read_text())
    tagger = BoundaryTagger.load()
    for source in SOURCES:
        test_runs = runs(source, "test")
        measured = boundary_f1(gold_gaps(test_runs), tagger_gaps(tagger, test_runs) >= tagger.threshold)
        assert measured["f1"] == pytest.approx(recorded[f"{source}_test"]["f1"], abs=tolerance.F1)
