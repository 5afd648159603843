"""The export path (PyTorch -> ONNX fp32 -> int8) and the ONNX backend agree with PyTorch, on a small random BERT,
for utterances read alone and with a context (the sentence pair's second segment)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from tokenizers import Tokenizer  # noqa: E402
from transformers import BertConfig, BertForSequenceClassification  # noqa: E402

from coach.classifier.encoding import encode, load_tokenizer  # noqa: E402
from coach.classifier.loading import read_config  # noqa: E402
from coach.classifier.onnx_backend import OnnxClassifier  # noqa: E402
from coach.labels import LABELS  # noqa: E402
from training.encoder import encoder_dir  # noqa: E402
from training.export_onnx import export_fp32, quantize, write_model_dir  # noqa: E402
from training.train_transformer import MAX_LENGTH, tensors  # noqa: E402

pytestmark = pytest.mark.slow

TEXTS = [
    "What would help?",
    "so um have you thought about just talking to the ward manager",
    "Okay.",
    "We lost two nurses in March and the agency ones don't know the system, so I end up covering.",
    "That sounds exhausting.",
    "Is it the money or the people?",
]
CONTEXTS = ["We lost two nurses.", "", "So what will you do?", "", "I cover every weekend myself.", ""]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Tokenizer, Path, Path]:
    torch.manual_seed(0)
    source = encoder_dir()
    tokenizer = load_tokenizer(source / "tokenizer.json", MAX_LENGTH)
    config = BertConfig(  # type: ignore[call-arg]
        vocab_size=tokenizer.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        num_labels=len(LABELS),
    )
    model = BertForSequenceClassification(config).eval()  # type: ignore[no-untyped-call]
    root = tmp_path_factory.mktemp("export")
    fp32 = root / "fp32" / "model.onnx"
    export_fp32(model, tokenizer, fp32)
    quantize(fp32, root / "int8" / "model.onnx")
    write_model_dir(source, root / "int8", {})
    return model, tokenizer, fp32, root / "int8"


@pytest.fixture(autouse=True)
def model_probabilities_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The backend's scores as the model gives them: the guideline's form rules would move them for some wordings
    ("have you thought about just talking to...")."""
    monkeypatch.setattr("coach.classifier.base.FORM_RULES", ())


def torch_probabilities(model: object, tokenizer: Tokenizer, texts: list[str], contexts: list[str]) -> np.ndarray:
    with torch.no_grad():
        batch = tensors(encode(tokenizer, texts, contexts))
        probabilities: np.ndarray = torch.softmax(model(**batch).logits, -1).numpy()  # type: ignore[operator]
        return probabilities


def test_fp32_onnx_matches_torch(exported: tuple[object, Tokenizer, Path, Path]) -> None:
    model, tokenizer, fp32, int8_dir = exported
    config = {**read_config(int8_dir), "file": str(fp32)}
    onnx = OnnxClassifier.from_dir(int8_dir, config).predict(TEXTS, CONTEXTS)
    expected = torch_probabilities(model, tokenizer, TEXTS, CONTEXTS)
    got = np.array([[p.scores[label] for label in LABELS] for p in onnx])
    np.testing.assert_allclose(got, expected, atol=1e-3)


def test_int8_model_is_small_and_close(exported: tuple[object, Tokenizer, Path, Path]) -> None:
    model, tokenizer, fp32, int8_dir = exported
    assert (int8_dir / "model.onnx").stat().st_size < fp32.stat().st_size / 2
    int8 = OnnxClassifier.from_dir(int8_dir, read_config(int8_dir)).predict(TEXTS, CONTEXTS)
    expected = torch_probabilities(model, tokenizer, TEXTS, CONTEXTS)
    got = np.array([[p.scores[label] for label in LABELS] for p in int8])
    np.testing.assert_allclose(got, expected, atol=0.05)
