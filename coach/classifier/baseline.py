"""The scikit-learn baseline backend: word and character n-grams plus cues, then logistic regression.

The fitted pipeline is stored with skops, which refuses any type not named in ``TRUSTED_TYPES``: loading a model file
never runs arbitrary code the way a pickle would.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import skops.io as sio

from coach.classifier.base import UtterancePrediction, predictions_from_probabilities
from coach.errors import ModelError

MODEL_FILE = "model.skops"

#: Types outside skops' defaults that the baseline pipeline is made of; nothing else is loaded.
TRUSTED_TYPES = frozenset(
    {
        "coach.classifier.features.CueFeatures",
        "coach.classifier.features.CompactTfidfVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.pipeline.FeatureUnion",
        "sklearn.pipeline.Pipeline",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.linear_model.LogisticRegression",
        "numpy.float32",
        "numpy.float64",
        "numpy.int64",
        "numpy.dtype",
        "builtins.slice",
        "scipy.sparse._csr.csr_matrix",
    }
)


class BaselineClassifier:
    """Labels utterances with a fitted scikit-learn pipeline whose classes are the model's labels."""

    def __init__(self, pipeline: Any, config: dict[str, Any]) -> None:
        self._pipeline = pipeline
        self._config = config
        self._labels = tuple(str(label) for label in pipeline.classes_)

    @classmethod
    def from_dir(cls, directory: Path, config: dict[str, Any]) -> BaselineClassifier:
        path = directory / config.get("file", MODEL_FILE)
        if not path.is_file():
            raise ModelError(f"{path} is missing; retrain with `python -m training.train_baseline`.")
        untrusted = set(sio.get_untrusted_types(file=path))
        unexpected = untrusted - TRUSTED_TYPES
        if unexpected:
            raise ModelError(f"{path} contains types Coach does not trust: {sorted(unexpected)}")
        pipeline = sio.load(path, trusted=sorted(untrusted))
        return cls(pipeline, config)

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def info(self) -> dict[str, Any]:
        return dict(self._config)

    def predict(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[UtterancePrediction]:
        """Label ``texts``; the baseline reads each utterance alone, so ``contexts`` is ignored."""
        if not texts:
            return []
        probabilities = np.asarray(self._pipeline.predict_proba(list(texts)))
        return predictions_from_probabilities(texts, probabilities, self._labels)
