"""Finding and loading a model directory: ``models/<name>/config.json`` names the backend that reads it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from coach.classifier.base import Classifier
from coach.errors import ModelError

#: Where the shipped models live; ``COACH_MODELS_DIR`` points elsewhere.
MODELS_DIR = Path(__file__).resolve().parents[2] / "models"

#: Tried in order when no model is named: the transformer if it has been built, else the baseline.
DEFAULT_MODELS: tuple[str, ...] = ("minilm-int8", "baseline")


def models_dir() -> Path:
    return Path(os.environ.get("COACH_MODELS_DIR", MODELS_DIR))


def resolve_model_dir(model: str | Path | None = None) -> Path:
    """The directory of ``model``: a path, a name under the models directory, or the default when ``None``."""
    if model is None:
        model = os.environ.get("COACH_MODEL")
    if model is None:
        for name in DEFAULT_MODELS:
            if (models_dir() / name / "config.json").is_file():
                return models_dir() / name
        raise ModelError(f"No model found in {models_dir()}; expected one of {', '.join(DEFAULT_MODELS)}.")
    path = Path(model)
    if not path.is_dir():
        path = models_dir() / str(model)
    if not (path / "config.json").is_file():
        available = sorted(p.name for p in models_dir().glob("*") if (p / "config.json").is_file())
        raise ModelError(f"No model at {model!r}; available models: {', '.join(available) or 'none'}.")
    return path


def read_config(directory: Path) -> dict[str, Any]:
    try:
        config: dict[str, Any] = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ModelError(f"{directory / 'config.json'} cannot be read: {error}") from error
    metrics_path = directory / "metrics.json"
    if metrics_path.is_file():
        config["metrics"] = json.loads(metrics_path.read_text(encoding="utf-8"))
    return config


def load_classifier(model: str | Path | None = None) -> Classifier:
    """Load the classifier in ``model`` (see :func:`resolve_model_dir`) with the backend its config names."""
    directory = resolve_model_dir(model)
    config = read_config(directory)
    backend = config.get("backend")
    if backend == "sklearn":
        from coach.classifier.baseline import BaselineClassifier

        return BaselineClassifier.from_dir(directory, config)
    if backend == "onnx":
        from coach.classifier.onnx_backend import OnnxClassifier

        onnx_classifier: Classifier = OnnxClassifier.from_dir(directory, config)
        return onnx_classifier
    raise ModelError(f"{directory / 'config.json'} names backend {backend!r}; expected 'sklearn' or 'onnx'.")
