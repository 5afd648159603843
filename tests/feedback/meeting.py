"""A small scripted meeting for tests: the opening, Jo's report-back, Amira's slot, Tunde's slot (ideas asked for in
its last part) and the close, as builder rows and as transcript turns one minute apart; and the same meeting with
members who mostly advise in both slots (``ADVISED_MEETING``) or in Tunde's (``ADVISED_SLOT_MEETING``), with no ideas
asked for in words Coach knows."""

from __future__ import annotations

from collections.abc import Sequence

from coach.transcript.model import Turn
from tests.feedback.builders import Row

FACILITATOR = "Ruth"


def questioning(presenter: str, members: Sequence[str], rounds: int) -> list[Row]:
    """A slot's questions and answers: each member asks in turn and the presenter answers at length."""
    rows: list[Row] = []
    for number in range(rounds):
        member = members[number % len(members)]
        rows.append((member, "member", "open_question", f"What happens for you when it goes wrong, {presenter}?"))
        rows.append((presenter, "member", "story", "I end up covering the shifts myself and going home late again."))
    return rows


def advising(presenter: str, members: Sequence[str], rounds: int) -> list[Row]:
    """A slot's advice: each member but every fourth suggests what to do, the presenter answers at length."""
    rows: list[Row] = []
    for number in range(rounds):
        member = members[number % len(members)]
        if number % 4 == 3:
            rows.append((member, "member", "open_question", f"What happens for you when it goes wrong, {presenter}?"))
        else:
            rows.append(
                (member, "member", "advice", f"You could ask the agency for the same people each week, {presenter}.")
            )
        rows.append((presenter, "member", "story", "I end up covering the shifts myself and going home late again."))
    return rows


def slot(
    presenter: str, members: Sequence[str], *, ideas: bool = False, rounds: int = 8, advised: bool = False
) -> list[Row]:
    rows: list[Row] = [
        (FACILITATOR, "member", "other", f"Thanks. {presenter}, over to you."),
        (
            presenter,
            "member",
            "story",
            "So this is about my team and the rota, which has been falling apart since May.",
        ),
        (presenter, "member", "story", "Two people left, and the agency staff do not know the ward at all."),
        (presenter, "member", "story", "I have tried everything I can think of and I am tired."),
    ]
    rows += (advising if advised else questioning)(presenter, members, rounds)
    if ideas:
        rows.append(
            (FACILITATOR, "member", "other", f"For the last part ideas are welcome, that's what {presenter} asked for.")
        )
        rows += [
            (members[0], "member", "advice", "You could ask the matron for a bank pool."),
            (presenter, "member", "other", "Good one."),
        ]
        rows += [
            (members[1], "member", "advice", "You should try a rota app."),
            (presenter, "member", "other", "Maybe."),
        ]
    rows.append((FACILITATOR, "member", "other", "What will you do?"))
    rows.append((presenter, "member", "story", "I'll ring the agency on Monday and talk to the matron."))
    return rows


MEETING: list[Row] = [
    (FACILITATOR, "member", "other", "Morning, everyone. Who would like time today?"),
    ("Amira", "member", "other", "I'd like twenty minutes."),
    ("Tunde", "member", "other", "Me too, please."),
    (FACILITATOR, "member", "other", "Lovely. First, Jo, you were going to tell us how it went."),
    ("Jo", "member", "story", "So last time I said I'd talk to my manager, and I did, and it went well."),
    ("Amira", "member", "open_question", "What did she say?"),
    ("Jo", "member", "story", "She agreed to the trial."),
    *slot("Amira", ["Tunde", "Jo", "Sam"]),
    *slot("Tunde", ["Amira", "Jo", "Sam"], ideas=True),
    (FACILITATOR, "member", "other", "Thank you, everyone. Next meeting is the ninth, same room."),
    ("Jo", "member", "other", "Bye all."),
]


_OPENING = MEETING[: MEETING.index(("Jo", "member", "story", "She agreed to the trial.")) + 1]
ADVISED_MEETING: list[Row] = [
    *_OPENING,
    *slot("Amira", ["Tunde", "Jo", "Sam"], advised=True),
    *slot("Tunde", ["Amira", "Jo", "Sam"], advised=True),
    *MEETING[-2:],
]
#: Amira's slot questioned, Tunde's mostly advised, and no ideas asked for in words Coach knows.
ADVISED_SLOT_MEETING: list[Row] = [
    *_OPENING,
    *slot("Amira", ["Tunde", "Jo", "Sam"]),
    *slot("Tunde", ["Amira", "Jo", "Sam"], advised=True),
    *MEETING[-2:],
]


def meeting_turns(rows: Sequence[Row] = MEETING) -> list[Turn]:
    """The rows as transcript turns (a speaker's consecutive rows joined), one minute apart."""
    turns: list[Turn] = []
    for speaker, _, _, text in rows:
        if turns and turns[-1].speaker == speaker:
            turns[-1] = Turn(speaker=speaker, text=f"{turns[-1].text} {text}", start=turns[-1].start)
        else:
            turns.append(Turn(speaker=speaker, text=text, start=60.0 * len(turns)))
    return turns
