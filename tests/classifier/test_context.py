"""The context an utterance is read with, and how utterance and context are tokenized together."""

from __future__ import annotations

import pytest
from tokenizers import Tokenizer

from coach.classifier.context import MAX_CONTEXT_WORDS, previous_turn_contexts, trim_context
from coach.classifier.encoding import encode, load_tokenizer, pad
from coach.classifier.loading import MODELS_DIR


def test_each_turn_gets_the_previous_turn_of_another_speaker() -> None:
    speakers = ["Ruth", "Sam", "Sam", "Ana", "Sam"]
    texts = ["Over to you.", "The rota fell apart.", "Nobody owns it.", "What would help?", "Honestly, time."]
    assert previous_turn_contexts(speakers, texts) == [
        "",
        "Over to you.",
        "Over to you.",  # Sam again: still what Ruth said before Sam began
        "The rota fell apart. Nobody owns it.",
        "What would help?",
    ]


def test_context_keeps_the_last_words() -> None:
    long = " ".join(f"w{i}" for i in range(100))
    assert trim_context(long).split() == [f"w{i}" for i in range(100 - MAX_CONTEXT_WORDS, 100)]
    assert trim_context(None) == ""


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return load_tokenizer(MODELS_DIR / "minilm-int8" / "tokenizer.json", 24)


def test_without_context_an_utterance_is_encoded_alone(tokenizer: Tokenizer) -> None:
    alone, empty = encode(tokenizer, ["What would help?"]), encode(tokenizer, ["What would help?"], [""])
    assert alone[0].ids == empty[0].ids
    assert set(alone[0].type_ids) == {0}


def test_context_is_the_second_segment_and_gives_way_first(tokenizer: Tokenizer) -> None:
    (pair,) = encode(tokenizer, ["I'll ring her tomorrow."], ["So what will you do before Friday, do you think? " * 5])
    assert len(pair.ids) == 24
    assert pair.tokens[: pair.tokens.index("[SEP]")] == ["[CLS]", "i", "'", "ll", "ring", "her", "tomorrow", "."]
    assert 1 in pair.type_ids


def test_a_context_per_text_is_required(tokenizer: Tokenizer) -> None:
    with pytest.raises(ValueError, match="2 contexts for 1 texts"):
        encode(tokenizer, ["What would help?"], ["", ""])


def test_pad_right_pads_every_input(tokenizer: Tokenizer) -> None:
    arrays = pad(encode(tokenizer, ["Okay.", "What would help you most?"], ["", "We lost two nurses."]))
    assert {name: array.shape for name, array in arrays.items()} == {
        "input_ids": (2, arrays["input_ids"].shape[1]),
        "attention_mask": (2, arrays["input_ids"].shape[1]),
        "token_type_ids": (2, arrays["input_ids"].shape[1]),
    }
    assert arrays["attention_mask"][0].sum() < arrays["attention_mask"][1].sum()
    assert arrays["token_type_ids"][0].sum() == 0
