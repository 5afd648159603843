import pytest

from coach.classifier.question_form import (
    asks_as_question,
    asks_for_one_fact,
    asks_permission,
    asks_yes_or_no,
    looks_like_question,
    suggests_by_question,
)

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


ONE_FACT = [
    ("how often, after backchannels", "Uh-huh So how often do you think you drink alcohol?", True),
    ("how many, caption", "how many people report to you", True),
    ("how long", "And how long have you been in marching band?", True),
    ("what time", "What time does the shift start?", True),
    ("when with an auxiliary", "When did she tell you?", True),
    ("how much of, a judgement", "How much of that do you think is hers?", False),
    ("when-clause before an open question", "When you imagine saying no, what do you notice?", False),
    ("open what", "What would help you most here?", False),
    ("how, open", "How did that feel?", False),
]


@pytest.mark.parametrize(("name", "text", "expected"), ONE_FACT, ids=[case[0] for case in ONE_FACT])
def test_asks_for_one_fact(name: str, text: str, expected: bool) -> None:
    assert asks_for_one_fact(text) is expected


PERMISSION = [
    ("do you mind if", "Do you mind if we explore this issue further?", True),
    ("okay with you", "Well, would it be okay with you if I explained what this programme is about?", True),
    ("caption", "is it alright if i ask about the crews rather than the politics", True),
    ("a question inside the frame", "Is it okay if I ask what happened after the meeting?", False),
    ("a real closed question", "Is it okay with your manager?", False),
]


@pytest.mark.parametrize(("name", "text", "expected"), PERMISSION, ids=[case[0] for case in PERMISSION])
def test_asks_permission(name: str, text: str, expected: bool) -> None:
    assert asks_permission(text) is expected


SUGGESTION = [
    ("do you think you could", "So, um, do you think you could quit drinking or?", True),
    ("why don't you", "why don't you just ring her", True),
    ("why not, with a verb", "Why not ask the union rep?", True),
    ("what if you", "What if you asked her first?", True),
    ("couldn't you just", "Couldn't you just say no to the extra shift?", True),
    ("wouldn't it be better", "Wouldn't it be better to wait until April?", True),
    ("have you considered X", "Have you considered going part-time?", True),
    ("a request to say more", "Why don't you tell us what happened?", False),
    ("a real why-question", "Why don't you trust him?", False),
    ("why not, alone", "Why not?", False),
    ("what if, a consequence", "What if you lose the contract?", False),
    ("asks for the presenter's own ideas", "Have you thought about what you'd do?", False),
    ("names no solution", "Have you tried anything yet?", False),
    ("points back", "Have you thought about that?", False),
    ("points back to several", "Have you thought about those things?", False),
    ("process", "Do you think we should move on?", False),
]


@pytest.mark.parametrize(("name", "text", "expected"), SUGGESTION, ids=[case[0] for case in SUGGESTION])
def test_suggests_by_question(name: str, text: str, expected: bool) -> None:
    assert suggests_by_question(text) is expected


YES_OR_NO = [
    ("is there", "Is there anything in particular that's worrying you right now?", True),
    ("do you feel", "Yeah. Do you feel like you're good on how much coffee you're drinking?", False),  # a turn: no
    ("do you feel, the sentence", "Do you feel like you're good on how much coffee you're drinking?", True),
    ("caption", "have you met the treasurer yet", True),
    ("a request to say more", "Can you say more about that?", False),
    ("a request to talk it through", "Would you like to talk us through it?", False),
    ("a preface", "Can I ask about Geoff?", False),
    ("asking leave", "Is it okay if I ask about Sam?", False),
    ("advice dressed as a question", "Couldn't you just say no?", False),
    ("the presenter's own ideas", "Have you thought about what you'd do?", False),
    ("a wh-question", "What would help?", False),
]


@pytest.mark.parametrize(("name", "text", "expected"), YES_OR_NO, ids=[case[0] for case in YES_OR_NO])
def test_asks_yes_or_no(name: str, text: str, expected: bool) -> None:
    assert asks_yes_or_no(text) is expected
