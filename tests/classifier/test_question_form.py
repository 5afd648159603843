import pytest

from coach.classifier.question_form import looks_like_question

CASES = [
    ("question mark", "The board knows?", True),
    ("caption disguised advice", "have you thought about going to hr", True),
    ("filler before why", "so um why don't you just ask her", True),
    ("tag question", "you've done that already, haven't you", True),
    ("statement advice", "You should go straight to HR.", False),
    ("story", "We lost two nurses in March.", False),
    ("request for elaboration", "Tell me more about the rota", True),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_looks_like_question(name: str, text: str, expected: bool) -> None:
    assert looks_like_question(text) is expected
