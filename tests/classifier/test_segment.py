import pytest

from coach.classifier.segment import split_all_utterances, split_utterances

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
        "caption run split after thanks and before a question",
        "thanks for that really helpful okay so who would like to ask the first question",
        ["thanks for that really helpful", "okay", "so who would like to ask the first question"],
    ),
    (
        "caption run split before a question",
        "so the rota basically fell apart after christmas because nobody owned it and the agency staff didnt know the "
        "system what would help you most right now",
        [
            "so the rota basically fell apart after christmas because nobody owned it and the agency staff didnt know "
            "the system",
            "what would help you most right now",
        ],
    ),
    (
        "caption run split before advice dressed as a question",
        "i think the team is exhausted honestly have you thought about asking the bank for cover",
        ["i think the team is exhausted", "honestly", "have you thought about asking the bank for cover"],
    ),
    (
        "punctuated text is never split on words",
        "Let us know what you need, and we will sort it.",
        ["Let us know what you need, and we will sort it."],
    ),
    ("trailing off", "I just… I don't know. Where do I start?", ["I just…", "I don't know.", "Where do I start?"]),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_split_utterances(name: str, text: str, expected: list[str]) -> None:
    assert split_utterances(text) == expected


#: Caption runs with embedded wh-clauses, and the clauses: each stays in one piece with the words that lead into it
#: ("let us know | what you need" would make the second half a question).
EMBEDDED = [
    (
        "we just drop what we are doing every time the phone goes and i have asked finance for figures on how much the "
        "overtime costs",
        ("drop what we are doing", "figures on how much the overtime costs"),
    ),
    (
        "so we went through all the staffing figures and i said just let us know what you need",
        ("let us know what you need",),
    ),
]


@pytest.mark.parametrize(("text", "clauses"), EMBEDDED)
def test_an_embedded_wh_clause_is_not_cut_from_what_leads_into_it(text: str, clauses: tuple[str, ...]) -> None:
    pieces = split_utterances(text)
    assert " ".join(pieces) == text
    for clause in clauses:
        assert any(clause in piece for piece in pieces), (clause, pieces)


def test_a_transcript_splits_as_each_turn_alone_with_its_caption_runs_tagged_together() -> None:
    texts = [case[1] for case in CASES] * 3 + [text for text, _ in EMBEDDED]  # punctuated, blank and caption turns
    assert split_all_utterances(texts) == [split_utterances(text) for text in texts]
    assert split_all_utterances(texts)[: len(CASES)] == [expected for _, _, expected in CASES]
