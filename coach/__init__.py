"""Coach: helps action learning sets stay in questioning mode."""

from coach.classifier import Classifier, Coach, Prediction, UtterancePrediction
from coach.labels import LABELS

__all__ = ["LABELS", "Classifier", "Coach", "Prediction", "UtterancePrediction"]
__version__ = "0.1.0"
