"""The baseline's own feature pieces: the compact vectorizer survives a skops round trip unchanged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import skops.io as sio

from coach.classifier.features import CompactTfidfVectorizer

TEXTS = ["What would help?", "Have you thought about a pilot?", "so you feel stuck", "We lost two nurses in March."]


def test_compact_vectorizer_round_trip(tmp_path: Path) -> None:
    vectorizer = CompactTfidfVectorizer(ngram_range=(1, 2)).fit(TEXTS)
    sio.dump(vectorizer, tmp_path / "v.skops")
    loaded = sio.load(tmp_path / "v.skops", trusted=sio.get_untrusted_types(file=tmp_path / "v.skops"))
    assert loaded.vocabulary_ == vectorizer.vocabulary_
    unseen = ["What would a pilot help with?", "okay"]
    np.testing.assert_array_equal(loaded.transform(unseen).toarray(), vectorizer.transform(unseen).toarray())


def test_compact_vectorizer_saves_terms_as_one_array() -> None:
    vectorizer = CompactTfidfVectorizer().fit(TEXTS)
    state = vectorizer.__getstate__()
    assert "vocabulary_" not in state
    assert list(state["terms_"]) == sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
