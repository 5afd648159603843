"""The utterance classifier: one interface, interchangeable backends, and the ``Coach`` facade."""

from coach.classifier.base import Classifier, Prediction, UtterancePrediction
from coach.classifier.coach import Coach

__all__ = ["Classifier", "Coach", "Prediction", "UtterancePrediction"]
