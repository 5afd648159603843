from __future__ import annotations

import pytest

from coach.errors import InputError
from coach.feedback.roles import Roles, TextReadings, assumption_note, match_speaker, resolve_roles
from coach.transcript.model import UNKNOWN_SPEAKER
from tests.feedback.builders import Row, utterances

#: A typical slice of a session: the facilitator manages the process, Sam tells the story, members ask.
SESSION: list[Row] = [
    ("Ruth", "member", "other", "Okay, shall we start?"),
    ("Sam", "member", "story", "The rota keeps falling apart."),
    ("Sam", "member", "story", "I cover every weekend."),
    ("Ana", "member", "open_question"),
    ("Sam", "member", "story", "My manager doesn't see it."),
    ("Tom", "member", "advice"),
    ("Sam", "member", "other", "Yeah."),
    ("Ruth", "member", "other", "Five minutes left."),
    ("Ana", "member", "story", "We had the same in Leeds."),
    ("Tom", "member", "closed_question"),
    ("Ruth", "member", "other", "Shall we move on to actions?"),
]

NAME_CASES = [
    ("explicit names, any case and spaces", "  sam ", "RUTH", {}, ("Sam", "Ruth", ())),
    ("declared on the turns", None, None, {"Ana": "presenter", "Tom": "facilitator"}, ("Ana", "Tom", ())),
    ("explicit name beats a declared role", "Sam", None, {"Ana": "presenter"}, ("Sam", "Ruth", ("facilitator",))),
    ("nothing given: both inferred", None, None, {}, ("Sam", "Ruth", ("presenter", "facilitator"))),
    ("presenter given: facilitator inferred", "Sam", None, {}, ("Sam", "Ruth", ("facilitator",))),
    ("declared member is never inferred", None, None, {"Ruth": "member"}, ("Sam", None, ("presenter",))),
]


@pytest.mark.parametrize(
    ("name", "presenter", "facilitator", "declared", "expected"), NAME_CASES, ids=[c[0] for c in NAME_CASES]
)
def test_roles_from_names_declarations_and_inference(
    name: str,
    presenter: str | None,
    facilitator: str | None,
    declared: dict[str, str],
    expected: tuple[str | None, str | None, tuple[str, ...]],
) -> None:
    roles = resolve_roles(utterances(SESSION), presenter, facilitator, declared)
    assert (roles.presenter, roles.facilitator, roles.assumed) == expected
    for speaker in ("Ana", "Tom", "Sam", "Ruth"):
        if speaker not in expected[:2]:
            assert roles.role_of(speaker) == "member"


def test_unknown_name_lists_the_speakers() -> None:
    with pytest.raises(InputError) as caught:
        resolve_roles(utterances(SESSION), presenter="Bob")
    assert str(caught.value) == (
        "no speaker called 'Bob' to be the presenter; the speakers in this transcript are: Ruth, Sam, Ana, Tom. "
        "Give the presenter's name as it appears in the transcript."
    )


def test_unknown_name_is_ignored_when_not_strict() -> None:
    roles = resolve_roles(utterances(SESSION), presenter="Bob", strict=False)
    assert roles.presenter == "Sam"
    assert "presenter" in roles.assumed


def test_same_person_cannot_hold_both_roles() -> None:
    with pytest.raises(InputError, match="'Sam' is given as both the presenter and the facilitator"):
        resolve_roles(utterances(SESSION), presenter="Sam", facilitator="sam")


def test_unknown_declared_role_is_an_error() -> None:
    with pytest.raises(InputError, match="speaker 'Ana' has role 'chair'; a role is one of presenter, member"):
        resolve_roles(utterances(SESSION), declared={"Ana": "chair"})


INFERENCE_CASES: list[tuple[str, list[Row], str | None, str | None]] = [
    ("empty", [], None, None),
    (
        "nobody told a story: no presenter",
        [("Ana", "member", "open_question"), ("Tom", "member", "advice")],
        None,
        None,
    ),
    (
        "the one answering questions is the presenter, however few stories they tell",
        [
            ("Ana", "member", "story", "We had the same problem in Leeds, a long time ago now."),
            ("Ana", "member", "story", "It took us a year to sort the rota out."),
            ("Tom", "member", "open_question"),
            ("Sam", "member", "other", "Hard to say, really."),
            ("Ana", "member", "closed_question"),
            ("Sam", "member", "story"),
            ("Tom", "member", "open_question"),
            ("Sam", "member", "other", "Not sure yet, to be honest."),
        ],
        "Sam",
        None,
    ),
    (
        "story share beats story count",
        [
            *[("Ana", "member", "story")] * 3,
            *[("Ana", "member", "open_question")] * 6,
            *[("Sam", "member", "story")] * 2,
        ],
        "Sam",
        None,
    ),
    (
        "no facilitator unless clear: two people with as much process talk",
        [
            ("Sam", "member", "story"),
            ("Ruth", "member", "other", "Shall we start?"),
            ("Ana", "member", "other", "Time check."),
            ("Sam", "member", "story"),
            ("Ruth", "member", "other", "Can everyone hear me?"),
            ("Ana", "member", "other", "Shall we move on to actions?"),
            ("Sam", "member", "story"),
        ],
        "Sam",
        None,
    ),
    (
        "backchannels are not process talk",
        [
            ("Ruth", "member", "other", "Shall we start?"),
            ("Sam", "member", "story"),
            ("Ana", "member", "other", "Thanks."),
            ("Sam", "member", "story"),
            ("Ruth", "member", "other", "Time check."),
            ("Sam", "member", "story"),
            ("Ana", "member", "other", "Great."),
        ],
        "Sam",
        "Ruth",
    ),
    (
        # The facilitator only opens, invites, keeps time and closes, and the model calls some of it advice.
        "a facilitator who only opens, invites, keeps time and closes",
        [
            ("Gill", "member", "other", "Morning, everyone. Amira, you bid for time last week, so over to you."),
            ("Amira", "member", "story", "Thanks. So the night rota has fallen apart since March."),
            ("Amira", "member", "story", "Two of my band sixes left and agency cover is patchy."),
            ("Gill", "member", "advice", "Let's open it up for questions. Who'd like to start?"),
            ("Tom", "member", "open_question", "What has the rota been like for you?"),
            ("Amira", "member", "story", "Exhausting, honestly. I cover most weekends."),
            ("Priya", "member", "closed_question", "Does your manager know?"),
            ("Amira", "member", "story", "She knows, but she's stretched too."),
            ("Tom", "member", "advice", "You could ask the bank for a block booking."),
            ("Gill", "member", "advice", "We've got ten minutes left, so maybe hold the ideas for now."),
            ("Priya", "member", "open_question", "What would a good month look like?"),
            ("Amira", "member", "story", "Nobody doing more than one weekend in four."),
            ("Gill", "member", "other", "Let's wrap up there. Thank you, everyone."),
        ],
        "Amira",
        "Gill",
    ),
    (
        # No stock phrase at all: she opens and hands the floor to people by name.
        "a facilitator who only hands the floor over by name",
        [
            ("Gill", "member", "other", "So, Tendai, last week you said the depot was short of drivers."),
            ("Tendai", "member", "story", "Still is. Three off long-term and the agency can't cover nights."),
            ("Kofi", "member", "open_question", "What does a bad night look like?"),
            ("Tendai", "member", "story", "Routes cancelled, and I'm on the phone to angry customers at six."),
            ("Gill", "member", "other", "Abla, you were next, I think."),
            ("Abla", "member", "closed_question", "Have you told the regional office?"),
            ("Tendai", "member", "story", "They know. They just keep sending the same agency."),
            ("Kofi", "member", "reflection", "So you're carrying it on your own."),
            ("Tendai", "member", "other", "Pretty much, yes."),
            ("Gill", "member", "other", "Good. Tendai, last word to you."),
            ("Tendai", "member", "story", "I'll ask regional for a named contact at the agency."),
        ],
        "Tendai",
        "Gill",
    ),
    (
        "a member naming the presenter in a question is no facilitator",
        [
            ("Kofi", "member", "open_question", "Tendai, what does a bad night look like?"),
            ("Tendai", "member", "story", "Routes cancelled, and I'm on the phone to angry customers at six."),
            ("Abla", "member", "closed_question", "Tendai, have you told the regional office?"),
            ("Tendai", "member", "story", "They know. They just keep sending the same agency."),
            ("Kofi", "member", "open_question", "Tendai, what would help most?"),
            ("Tendai", "member", "story", "A named contact at the agency, I think."),
        ],
        "Tendai",
        None,
    ),
    (
        "one to one: the person being questioned is the presenter, and there is no facilitator",
        [
            ("counsellor", "member", "other", "Thanks for coming in today."),
            ("client", "member", "other", "Sure."),
            ("counsellor", "member", "open_question", "What brings you here?"),
            ("client", "member", "story", "My doctor said my drinking is affecting my liver."),
            ("counsellor", "member", "reflection", "So it's your health that worries you."),
            ("client", "member", "other", "Yeah."),
            ("counsellor", "member", "closed_question", "Do you drink every day?"),
            ("client", "member", "other", "Most days, yes."),
            ("counsellor", "member", "open_question", "How do you feel about cutting down?"),
            ("client", "member", "story", "I think I could manage weekdays at least."),
        ],
        "client",
        None,
    ),
    (
        "one to one where the helper mostly informs: the presenter is the one talking about themselves, asking or not",
        [
            ("pharmacist", "member", "other", "Hi, I hear you had a question about your new tablets."),
            ("client", "member", "closed_question", "Can I take them with my evening glass of wine?"),
            ("pharmacist", "member", "story", "You're best to avoid alcohol with them; it makes you drowsy."),
            ("client", "member", "story", "I only have the one glass, to help me sleep."),
            ("pharmacist", "member", "story", "You may find they help your sleep anyway, after a week or so."),
            ("client", "member", "story", "I've been on nights since March, so my sleep is all over the place."),
            ("client", "member", "story", "And I worry I'll be groggy at work."),
            ("client", "member", "open_question", "What about my blood pressure tablets?"),
            ("pharmacist", "member", "story", "Those are fine alongside them; you can take both in the morning."),
            ("client", "member", "other", "Okay, thanks."),
        ],
        "client",
        None,
    ),
    (
        "a practice exchange: the facilitator playing the presenter is the facilitator",
        [
            ("Gwen", "member", "other", "Same as last time: I'm the presenter, you ask, and I'll stop you."),
            ("Tomasz", "member", "closed_question", "She's given a month's notice, hasn't she?"),
            ("Gwen", "member", "story", "Four weeks, yes."),
            ("Gwen", "member", "other", "That's a tag question, so open it out."),
            ("Tomasz", "member", "open_question", "Tell me about your deputy."),
            ("Gwen", "member", "story", "She's been my right arm for six years."),
            ("Tomasz", "member", "advice", "I think the real problem is that it all sits with one person."),
            ("Gwen", "member", "other", "That's your diagnosis. Ask me instead."),
        ],
        None,
        "Gwen",
    ),
    (
        "no facilitator from a single process turn",
        [("Ruth", "member", "other", "Shall we start?"), ("Sam", "member", "story")],
        "Sam",
        None,
    ),
    (
        "unnamed captions are never the presenter",
        [(UNKNOWN_SPEAKER, "member", "story"), ("Ana", "member", "open_question")],
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "given", "presenter", "facilitator"), INFERENCE_CASES, ids=[c[0] for c in INFERENCE_CASES]
)
def test_inference(name: str, given: list[Row], presenter: str | None, facilitator: str | None) -> None:
    roles = resolve_roles(utterances(given))
    assert (roles.presenter, roles.facilitator) == (presenter, facilitator)


def test_readings_kept_across_a_growing_session_give_the_same_roles() -> None:
    """A live session keeps what each turn was read as (``TextReadings``) and infers roles again as it grows: every
    case, read utterance by utterance with one session's readings, ends as it does read whole."""
    for _, given, presenter, facilitator in INFERENCE_CASES:
        readings = TextReadings()
        spoken = utterances(given)
        for end in range(1, len(spoken) + 1):
            assert resolve_roles(spoken[:end], readings=readings) == resolve_roles(spoken[:end])
        whole = resolve_roles(spoken, readings=readings)
        assert (whole.presenter, whole.facilitator) == (presenter, facilitator)


NOTE_CASES = [
    ("nothing assumed", Roles(("Sam",), {"Sam": "presenter"}, "Sam", None, ()), None),
    (
        "presenter assumed",
        Roles(("Sam",), {"Sam": "presenter"}, "Sam", None, ("presenter",)),
        "We assumed Sam was the presenter; pass --presenter NAME to change this.",
    ),
    (
        "both assumed",
        Roles(
            ("Sam", "Ruth"), {"Sam": "presenter", "Ruth": "facilitator"}, "Sam", "Ruth", ("presenter", "facilitator")
        ),
        "We assumed Sam was the presenter and Ruth was the facilitator; "
        "pass --presenter NAME or --facilitator NAME to change this.",
    ),
    (
        "no presenter found",
        Roles(("Ana",), {"Ana": "member"}),
        "We could not tell who the presenter was, so everyone counts as a member; pass --presenter NAME to set it.",
    ),
    (
        "no facilitator found",
        Roles(("Sam", "Ana"), {"Sam": "presenter", "Ana": "member"}, "Sam", None, ("presenter",), ("facilitator",)),
        "We assumed Sam was the presenter; pass --presenter NAME to change this. Nobody stood out as the facilitator, "
        "so everyone but the presenter counts as a member; pass --facilitator NAME to set it.",
    ),
    (
        "only the facilitator missing",
        Roles(("Sam", "Ana"), {"Sam": "presenter", "Ana": "member"}, "Sam", None, (), ("facilitator",)),
        "Nobody stood out as the facilitator, so everyone but the presenter counts as a member; "
        "pass --facilitator NAME to set it.",
    ),
    ("no speakers", Roles((), {}), None),
]


@pytest.mark.parametrize(("name", "roles", "expected"), NOTE_CASES, ids=[c[0] for c in NOTE_CASES])
def test_assumption_note(name: str, roles: Roles, expected: str | None) -> None:
    assert assumption_note(roles) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Sam Price", "Sam Price"), ("sam price", "Sam Price"), ("Sam", "Sam Price"), ("  zoë  ", "Zoe Adebayo")],
)
def test_a_name_matches_loosely_and_by_a_unique_first_name(name: str, expected: str) -> None:
    assert match_speaker(name, ["Sam Price", "Zoë Adebayo", "Tom Ng"], "presenter") == expected.replace("Zoe", "Zoë")


def test_a_first_name_two_speakers_share_asks_for_the_full_name() -> None:
    with pytest.raises(InputError, match="'Sam' could be Sam Price or Sam Jones; give the facilitator's full name"):
        match_speaker("Sam", ["Sam Price", "Sam Jones"], "facilitator")
