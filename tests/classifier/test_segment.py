import pytest

from coach.classifier.segment import split_utterances

CASES = [
    ("one sentence", "What would help?", ["What would help?"]),
    (
        "three sentences",
        "Okay. So you feel stuck. What would help?",
        ["Okay.", "So you feel stuck.", "What would help?"],
    ),
    ("abbreviation kept", "Dr. Patel said no. Is that final?", ["Dr. Patel said no.", "Is that final?"]),
    ("blank", "   \n\t ", []),
    ("whitespace squeezed", "  so   um  ", ["so um"]),
    ("short caption not split", "so what would help you", ["so what would help you"]),
    (
        "long caption run split before a question",
        "so the rota basically fell apart after christmas because nobody owned it and the agency staff "
        "didnt know the system what would help you most right now",
        [
            "so the rota basically fell apart after christmas because nobody owned it and the agency staff "
            "didnt know the system",
            "what would help you most right now",
        ],
    ),
    ("trailing off", "I just… I don't know. Where do I start?", ["I just…", "I don't know.", "Where do I start?"]),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_split_utterances(name: str, text: str, expected: list[str]) -> None:
    assert split_utterances(text) == expected
