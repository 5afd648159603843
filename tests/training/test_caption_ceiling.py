from __future__ import annotations

import pytest

from training.caption_ceiling import with_true_ends, with_true_question_marks

CASES = [
    ("Okay. So you feel stuck? What would help?", "okay. so you feel stuck? what would help?",
     "okay so you feel stuck? what would help?"),
    ("Right, the rota -- it's gone again!", "right the rota it's gone again.", "right the rota it's gone again"),
    ("...", "", ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "ends", "marks"), CASES)
def test_caption_copies_keep_only_the_true_sentence_ends(text: str, ends: str, marks: str) -> None:
    assert with_true_ends(text) == ends
    assert with_true_question_marks(text) == marks
