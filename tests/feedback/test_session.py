from __future__ import annotations

import pytest

from coach.classifier import Coach
from coach.errors import InputError
from coach.feedback.session import LabelledUtterance, Session, label_session, utterance_times
from coach.transcript.model import Transcript, Turn
from tests.fakes import KeywordClassifier


def transcript(*turns: Turn, presenter: str | None = None, facilitator: str | None = None) -> Transcript:
    return Transcript(turns=turns, format="json", presenter=presenter, facilitator=facilitator)


TURNS = (
    Turn("Ruth", "Okay. Shall we start?", 0.0, 4.0),
    Turn("Sam", "The rota keeps falling apart. I cover every weekend myself.", 5.0, 15.0),
    Turn("Ana", "That sounds exhausting. What would help?", 16.0, 20.0),
    Turn("Tom", "   ", 21.0, 22.0),
    Turn("Tom", "Have you thought about talking to HR?", 23.0, None),
)


def test_labels_every_turn_in_one_batched_call() -> None:
    fake = KeywordClassifier()
    session = label_session(transcript(*TURNS), Coach(fake))
    assert fake.calls == 1
    assert [(u.index, u.turn, u.speaker, u.label) for u in session.utterances] == [
        (0, 0, "Ruth", "other"),
        (1, 0, "Ruth", "other"),
        (2, 1, "Sam", "story"),
        (3, 1, "Sam", "story"),
        (4, 2, "Ana", "reflection"),
        (5, 2, "Ana", "open_question"),
        (6, 4, "Tom", "advice"),
    ]
    assert session.utterances[6].leading is True
    assert session.model == {"name": "keyword-fake", "version": "0"}


def test_utterance_times_follow_word_positions() -> None:
    session = label_session(transcript(*TURNS), Coach(KeywordClassifier()))
    times = [(u.start, u.end) for u in session.utterances]
    assert times[2:4] == [(5.0, 10.0), (10.0, 15.0)]  # five words each
    assert times[4:6] == [(16.0, 18.0), (18.0, 20.0)]  # three words each
    assert times[6] == (23.0, None)  # no end: the turn's start


TIME_CASES = [
    ("no start", [2, 2], None, 10.0, [(None, None), (None, None)]),
    ("start only", [2, 2], 3.0, None, [(3.0, None), (3.0, None)]),
    ("end before start", [1], 5.0, 4.0, [(5.0, None)]),
    ("shared by words", [1, 3], 0.0, 8.0, [(0.0, 2.0), (2.0, 8.0)]),
    ("shared by words, unevenly", [3, 1], 10.0, 14.0, [(10.0, 13.0), (13.0, 14.0)]),
    ("no words: shared evenly", [0, 0], 0.0, 8.0, [(0.0, 4.0), (4.0, 8.0)]),
    ("no utterances", [], 0.0, 8.0, []),
]


@pytest.mark.parametrize(("name", "words", "start", "end", "expected"), TIME_CASES, ids=[c[0] for c in TIME_CASES])
def test_utterance_times(
    name: str,
    words: list[int],
    start: float | None,
    end: float | None,
    expected: list[tuple[float | None, float | None]],
) -> None:
    assert utterance_times(words, start, end) == expected


ROLE_CASES = [
    ("argument names", {"presenter": "sam", "facilitator": "ruth"}, {}, ("Sam", "Ruth", ())),
    ("transcript names", {}, {"presenter": "Sam", "facilitator": "Ruth"}, ("Sam", "Ruth", ())),
    ("argument beats transcript", {"presenter": "Ana"}, {"presenter": "Sam"}, ("Ana", "Ruth", ("facilitator",))),
]


@pytest.mark.parametrize(("name", "given", "fields", "expected"), ROLE_CASES, ids=[c[0] for c in ROLE_CASES])
def test_roles_from_arguments_and_transcript(
    name: str, given: dict[str, str], fields: dict[str, str], expected: tuple[str, str, tuple[str, ...]]
) -> None:
    turns = (*TURNS, Turn("Ruth", "Thanks. Time check.", 30.0, 31.0))
    session = label_session(
        transcript(*turns, **fields), Coach(KeywordClassifier()), given.get("presenter"), given.get("facilitator")
    )
    assert (session.presenter, session.facilitator, session.roles.assumed) == expected
    assert {u.speaker: u.role for u in session.utterances}[expected[0]] == "presenter"


def test_roles_written_on_turns() -> None:
    turns = (Turn("Sam", "What now?", role="presenter"), Turn("Ana", "Did you ask?", role="member"))
    session = label_session(transcript(*turns), Coach(KeywordClassifier()))
    assert [u.role for u in session.utterances] == ["presenter", "member"]
    assert session.roles.assumed == ()


def test_conflicting_roles_on_turns_are_an_error() -> None:
    turns = (Turn("Sam", "Okay.", role="presenter"), Turn("Sam", "Right.", role="member"))
    with pytest.raises(InputError, match="turn 2: 'Sam' has role 'member' here but 'presenter' earlier"):
        label_session(transcript(*turns), Coach(KeywordClassifier()))


def test_unknown_presenter_is_an_error() -> None:
    with pytest.raises(InputError, match="no speaker called 'Bob' to be the presenter"):
        label_session(transcript(*TURNS), Coach(KeywordClassifier()), presenter="Bob")


def test_empty_transcript_gives_an_empty_session() -> None:
    session = label_session(transcript(), Coach(KeywordClassifier()))
    assert session.utterances == ()
    assert session.speakers == ()


def test_from_live_keeps_known_roles_and_infers_the_rest() -> None:
    live = [
        LabelledUtterance(0, 0, "Ruth", "facilitator", "Shall we start?", "other", 0.9, False),
        LabelledUtterance(1, 1, "Sam", "member", "We lost two nurses.", "story", 0.9, False),
        LabelledUtterance(2, 2, "Ana", "member", "What would help?", "open_question", 0.9, False),
    ]
    session = Session.from_live(
        live, None, "Nobody", {"Ruth": "facilitator"}, {"name": "m", "version": "1", "backend": "x"}
    )
    assert [u.role for u in session.utterances] == ["facilitator", "presenter", "member"]
    assert session.roles.assumed == ("presenter",)
    assert session.model == {"name": "m", "version": "1"}


def test_labelled_utterance_to_dict() -> None:
    utterance = LabelledUtterance(3, 1, "Ana", "member", "What would help?", "open_question", 0.8, False, 1.5, 2.0)
    assert utterance.to_dict() == {
        "index": 3,
        "turn": 1,
        "speaker": "Ana",
        "role": "member",
        "text": "What would help?",
        "label": "open_question",
        "confidence": 0.8,
        "leading": False,
        "start": 1.5,
        "end": 2.0,
    }
    assert utterance.words == 3


def test_each_turn_is_read_after_the_previous_speakers_turn() -> None:
    fake = KeywordClassifier()
    label_session(transcript(*TURNS), Coach(fake))
    assert fake.contexts == [
        "",
        "",
        "Okay. Shall we start?",
        "Okay. Shall we start?",
        "The rota keeps falling apart. I cover every weekend myself.",
        "The rota keeps falling apart. I cover every weekend myself.",
        "That sounds exhausting. What would help?",
    ]


def test_a_label_the_speakers_role_cannot_say_becomes_the_likeliest_it_can() -> None:
    scores = {"advice": 0.6, "story": 0.3, "other": 0.1}
    plan = LabelledUtterance(0, 0, "Sam", "member", "I'll ring her tomorrow.", "advice", 0.6, False, scores=scores)

    as_presenter = plan.with_role("presenter")
    as_facilitator = plan.with_role("facilitator")

    assert (as_presenter.role, as_presenter.label, as_presenter.confidence) == ("presenter", "story", 0.3)
    assert (as_facilitator.label, as_facilitator.leading) == ("story", False)
    assert plan.with_role("member") == plan


def test_the_presenters_plans_are_never_advice_in_a_session() -> None:
    turns = (
        Turn("Ana", "What will you do next?"),
        Turn("Sam", "You should call HR."),  # the keyword fake calls it advice; Sam is the presenter
    )
    session = label_session(transcript(*turns, presenter="Sam"), Coach(KeywordClassifier()))
    assert [(u.speaker, u.role, u.label) for u in session.utterances] == [
        ("Ana", "member", "open_question"),
        ("Sam", "presenter", "story"),
    ]
