import json
from pathlib import Path

import pytest

from coach import Coach
from coach.classifier.baseline import BaselineClassifier
from coach.errors import ModelError


def test_tiny_baseline_loads_through_skops(use_tiny_model: Path) -> None:
    coach = Coach.load()
    assert isinstance(coach.classifier, BaselineClassifier)
    assert coach.info["name"] == "tiny"
    assert coach.classify(["What would help?"])[0].label == "open_question"


def test_batched_equals_one_by_one(use_tiny_model: Path) -> None:
    coach = Coach.load()
    texts = ["Did you tell her?", "You should call HR.", "Okay.", "We lost two nurses. What now?", ""]
    assert coach.classify(texts) == [coach.classify([text])[0] for text in texts]


def test_unknown_model_name_lists_available(tiny_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_MODELS_DIR", str(tiny_models_dir))
    with pytest.raises(ModelError, match=r"No model at 'nope'; available models: tiny\."):
        Coach.load("nope")


def test_unknown_backend(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"backend": "pickle"}))
    with pytest.raises(ModelError, match="names backend 'pickle'; expected 'sklearn' or 'onnx'"):
        Coach.load(tmp_path)


def test_untrusted_type_is_refused(tmp_path: Path) -> None:
    import skops.io as sio
    from sklearn.preprocessing import FunctionTransformer

    sio.dump(FunctionTransformer(func=print), tmp_path / "model.skops")
    (tmp_path / "config.json").write_text(json.dumps({"backend": "sklearn", "file": "model.skops"}))
    with pytest.raises(ModelError, match="contains types Coach does not trust"):
        Coach.load(tmp_path)
