import pytest

from coach.classifier.question_form import asks_as_question, looks_like_question

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


ASKED = [
    ("inverted auxiliary", "Have you tried the bank.", True),
    ("caption, no mark", "could you not just ring her", True),
    ("wh opening", "what about ringing her", True),
    ("imperative with have", "Have a word with HR.", False),
    ("elliptical modal statement", "Could be worth a try.", False),
    ("emphatic do", "Do try the bank first.", False),
    ("pseudo-cleft", "What I would do is ring her.", False),
    ("question mark wins", "Have a word with HR?", True),
]


@pytest.mark.parametrize(("name", "text", "expected"), ASKED, ids=[case[0] for case in ASKED])
def test_asks_as_question_needs_the_wording_of_a_question(name: str, text: str, expected: bool) -> None:
    assert asks_as_question(text) is expected
