"""The meeting's structure from what people said: slots, phases, report-back, planned time, closing."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from coach.feedback.structure import GivenPart, GivenSlot, MeetingStructure, infer_structure
from tests.feedback.builders import Row, utterances
from tests.feedback.meeting import ADVISED_MEETING, FACILITATOR, MEETING, questioning, slot


def structure(rows: Sequence[Row], **given: object) -> MeetingStructure:
    return infer_structure(utterances(rows), FACILITATOR, **given)  # type: ignore[arg-type]


def phases(found: MeetingStructure) -> list[str]:
    return [span.phase for span in found.phases]


def test_a_meeting_of_two_slots_with_report_back_ideas_and_a_close() -> None:
    found = structure(MEETING)

    assert found.is_meeting
    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    hand_over = [u.index for u in utterances(MEETING) if u.text == "Thanks. Tunde, over to you."]
    assert found.slots[1].start_index == hand_over[0]
    assert found.slots[0].end_index == hand_over[0] - 1
    assert phases(found)[:2] == ["opening", "report_back"]
    assert [span.phase for span in found.slots[0].phases] == ["presenting", "questioning", "actions"]
    assert phases(found)[-1] == "closing"
    # Tunde asked for ideas: the rest of his slot is planned, and members' advice there does not count.
    ideas = next(u.index for u in utterances(MEETING) if u.text.startswith("For the last part ideas"))
    assert found.mode_of[ideas - 1] == "open"
    assert found.mode_of[ideas] == "planned"
    assert not found.counts_for_members(ideas + 1)
    assert found.counts_for_members(hand_over[0] + 5)
    # Report-back, the opening and the close are never members' figures.
    assert not any(found.counts_for_members(index) for index in range(7))


def test_a_session_of_one_presenter_is_not_a_meeting() -> None:
    rows = slot("Amira", ["Tunde", "Jo"])
    found = structure(rows)

    assert not found.is_meeting
    assert [slot.presenter for slot in found.slots] == ["Amira"]


def test_two_people_never_make_a_meeting_of_slots() -> None:
    rows = questioning("client", ["counsellor"], 12) + questioning("counsellor", ["client"], 12)
    assert structure(rows).slots == ()


def test_given_slots_and_mode_win() -> None:
    spoken = utterances(MEETING)
    given = [GivenSlot("Tunde", 20), GivenSlot("Jo", 3)]

    found = infer_structure(spoken, FACILITATOR, given, "planned")

    assert [(slot.presenter, slot.start_index) for slot in found.slots] == [("Jo", 3), ("Tunde", 20)]
    assert set(found.mode_of) == {"planned"}
    assert not any(found.counts_for_members(index) for index in range(len(spoken)))


def test_parts_given_set_the_mode_from_each_start_to_the_next_over_what_was_found_and_the_meetings_mode() -> None:
    spoken = utterances(MEETING)
    found = infer_structure(spoken, FACILITATOR)
    ideas = next(u.index for u in spoken if u.text.startswith("For the last part ideas"))
    assert found.mode_of[ideas] == "planned"

    parts = [GivenPart("open", ideas), GivenPart("planned", 12)]  # in any order
    marked = infer_structure(spoken, FACILITATOR, given_mode="open", given_parts=parts)

    assert set(marked.mode_of[:12]) == {"open"}  # before the first part: the meeting's mode given
    assert set(marked.mode_of[12:ideas]) == {"planned"}
    assert set(marked.mode_of[ideas:]) == {"open"}  # the ideas Tunde asked for count now
    assert [(part.mode, part.start_index) for part in marked.parts] == [
        ("open", 0),
        ("planned", 12),
        ("open", ideas),
    ]
    assert marked.slots == found.slots


def test_time_talk_about_the_plan_is_no_call_for_ideas() -> None:
    """A bit less time "than we planned" keeps a slot open until ideas are asked for."""
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"], ideas=True)]
    hand_over = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.")
    said = "Thanks. A bit less time than we planned, Tunde, sorry. Over to you."
    rows[hand_over + 1] = ("Tunde", "member", "story", "No problem. " + rows[hand_over + 1][3])
    rows[hand_over] = (FACILITATOR, "member", "other", said)
    found = structure(rows)

    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    ideas = next(k for k, row in enumerate(rows) if str(row[3]).startswith("For the last part ideas"))
    assert set(found.mode_of[:ideas]) == {"open"}
    assert set(found.mode_of[ideas : found.slots[1].end_index + 1]) == {"planned"}


@pytest.mark.parametrize(
    "move",
    [
        "Right, welcome back. So this is the bit we agreed last month: the tills.",
        "Right, welcome back. The half hour we set aside last month: the tills.",
        "Right, welcome back. Nobody's presenting in this part: the tills, from all of you.",
        "Okay. So, the tills. This is the time we promised ourselves in March.",
    ],
)
def test_a_planned_discussion_starts_in_the_turn_that_announced_a_break_before_it(move: str) -> None:
    """One facilitator's turn across a break: "then the planned session" is later, "this is the bit we agreed" now."""
    rows = [
        *slot("Amira", ["Tunde", "Jo", "Sam"]),
        *slot("Tunde", ["Amira", "Jo", "Sam"]),
        (FACILITATOR, "member", "other", "Okay, ten minutes' break, then the planned session."),
        (FACILITATOR, "member", "other", move),
        ("Jo", "member", "story", "At mine it has got much worse since the summer."),
        ("Sam", "member", "advice", "Tell your team they never challenge anyone."),
        ("Amira", "member", "story", "Body cams have changed it for us."),
        (FACILITATOR, "member", "other", "Thank you, everyone. Next meeting is the ninth, same room."),
    ]
    found = structure(rows)

    start, end = len(rows) - 5, len(rows) - 1
    assert set(found.phase_of[start:end]) == {"discussion"}
    assert set(found.mode_of[start:end]) == {"planned"}
    assert not found.counts_for_members(end - 2)  # Sam's advice was asked for


def test_report_back_starts_at_the_facilitators_call_when_the_member_only_answers_it() -> None:
    rows = [
        (FACILITATOR, "member", "other", "Morning, everyone. Amira and Tunde asked for time in the email."),
        ("Amira", "member", "other", "Morning."),
        (FACILITATOR, "member", "other", "Janine, you were going to speak to the chief executive."),
        ("Janine", "member", "story", "I did. It didn't go quite how I wanted, he agreed to half of it."),
        ("Amira", "member", "open_question", "What did you make of his answer?"),
        ("Janine", "member", "story", "That he wants the unit and not the bill for it."),
        *slot("Amira", ["Tunde", "Janine", "Sam"]),
        *slot("Tunde", ["Amira", "Janine", "Sam"]),
    ]
    found = structure(rows)

    assert found.phase_of[:2] == ("opening", "opening")
    assert set(found.phase_of[2:6]) == {"report_back"}
    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]


def test_a_planned_round_before_the_slots_is_no_slot_even_when_the_meeting_is_not_announced_as_planned() -> None:
    """The round agreed last month comes first: a member questioned in it for a while is not presenting."""
    rows = [
        (FACILITATOR, "member", "other", "Morning, all. Is the heating on in here?"),
        ("Jo", "member", "other", "It's on. It's just broken."),
        (FACILITATOR, "member", "other", "Amira and Tunde have the second half. Before that, the round we agreed."),
        ("Jo", "member", "other", "Fine by me."),
        (FACILITATOR, "member", "other", "Deborah, a few minutes on how you do it, and then we'll go round."),
        ("Deborah", "member", "story", "We allocate every morning at the huddle, and I rate everything waiting."),
        *questioning("Deborah", ["Jo", "Sam"], 5),
        (FACILITATOR, "member", "other", "Good. Let's stop there. Who's going first, then?"),
        ("Amira", "member", "story", "Me, I think. So this is about my team and the rota, falling apart since May."),
        *slot("Amira", ["Tunde", "Jo", "Sam"], rounds=12)[2:],
        *slot("Tunde", ["Amira", "Jo", "Sam"]),
    ]
    found = structure(rows)

    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    round_rows = range(4, 16)
    assert {found.phase_of[index] for index in round_rows} == {"discussion"}
    assert {found.mode_of[index] for index in round_rows} == {"planned"}
    assert found.mode_of[found.slots[0].start_index + 4] == "open"


def test_a_slot_after_a_planned_discussion_resumes_when_its_presenter_takes_the_floor() -> None:
    rows = [
        *slot("Amira", ["Tunde", "Jo", "Sam"]),
        (FACILITATOR, "member", "other", "As we agreed last time, Clive is with us on attendance. Ideas welcome."),
        ("Clive", "member", "story", "From September every school has an attendance lead and one calling script."),
        ("Jo", "member", "closed_question", "Is the money every year, or one year?"),
        ("Clive", "member", "story", "One year, and then we will see."),
        ("Sam", "member", "advice", "Put it in the budget now, then."),
        (FACILITATOR, "member", "other", "Thank you, Clive. We'll let you escape."),
        ("Tunde", "member", "story", "Right, mine. And I'm glad Clive has gone, because the trust is part of it."),
        *slot("Tunde", ["Amira", "Jo", "Sam"], rounds=12)[2:],
        (FACILITATOR, "member", "other", "Thank you, everyone. Next meeting is the ninth, same room."),
    ]
    found = structure(rows)

    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    discussion = next(k for k, row in enumerate(rows) if str(row[3]).startswith("As we agreed"))
    tunde = next(k for k, row in enumerate(rows) if str(row[3]).startswith("Right, mine."))
    assert set(found.phase_of[discussion : tunde - 1]) == {"discussion"}
    assert found.slots[1].start_index in (tunde - 1, tunde)  # the facilitator's thanks just before may hand over
    assert found.mode_of[tunde + 3] == "open"
    assert found.counts_for_members(tunde + 3)


def test_a_bid_for_time_before_report_back_is_no_part_of_the_bidders_slot() -> None:
    """Callum bids with a word on his problem, Lindsey reports back, then Callum's slot: it starts at the hand-over."""
    rows = [
        (FACILITATOR, "member", "other", "Morning, everyone. Who'd like time today?"),
        ("Callum", "member", "story", "Me please, it's the new ticketing tool."),
        ("Callum", "member", "story", "It's not going well, we went live three weeks ago."),
        ("Callum", "member", "story", "Half the team are logging calls on paper again."),
        (FACILITATOR, "member", "other", "Okay Callum, how long do you think?"),
        ("Callum", "member", "story", "Twenty-five, maybe thirty."),
        ("Jo", "member", "closed_question", "Is that the tool from head office?"),
        ("Callum", "member", "story", "That's the one, the one nobody on the desk asked for."),
        ("Sam", "member", "closed_question", "Fourteen fields a call, isn't it?"),
        ("Callum", "member", "story", "Fourteen, and every one of them mandatory."),
        ("Tunde", "member", "other", "I'd like some as well."),
        ("Bartek", "member", "other", "Hello, sorry, I'm here, I'm in the car."),
        (FACILITATOR, "member", "other", "Hi Bartek, you're a bit crackly."),
        ("Bartek", "member", "other", "Is that better?"),
        (FACILITATOR, "member", "other", "Much better."),
        ("Tunde", "member", "other", "Can we finish by twelve today?"),
        (FACILITATOR, "member", "other", "Yes, twelve at the latest."),
        (FACILITATOR, "member", "other", "Lovely. Lindsey, you were going to tell us how the handover went."),
        ("Lindsey", "member", "story", "So last time I said I'd get the night shift to write a handover."),
        ("Jo", "member", "open_question", "What happened between week one and week three?"),
        ("Lindsey", "member", "story", "I think the novelty wore off and I stopped checking it."),
        ("Sam", "member", "closed_question", "Is the template in the tool or separate?"),
        ("Lindsey", "member", "story", "It's a document on the shared drive, which, yes, I know."),
        ("Lindsey", "member", "story", "I want to keep it but cut it down to three boxes."),
        *slot("Callum", ["Tunde", "Jo", "Sam"]),
        *slot("Tunde", ["Callum", "Jo", "Sam"]),
    ]
    found = structure(rows)

    hand_over = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Callum, over to you.")
    assert (found.slots[0].presenter, found.slots[0].start_index) == ("Callum", hand_over)
    assert set(found.phase_of[17:hand_over]) == {"report_back"}


def test_a_members_story_just_before_the_next_slot_stays_in_the_slot_it_was_told_in() -> None:
    """Tunde tells his own story in Amira's slot; his slot starts where the facilitator hands it to him."""
    rows = slot("Amira", ["Tunde", "Jo", "Sam"])
    story = [
        ("Tunde", "member", "story", "I had this when we moved the asset system two years ago."),
        ("Tunde", "member", "story", "What I did was keep a tally of every call that went wrong."),
        ("Tunde", "member", "story", "By the end of the month the director could not argue with it."),
    ]
    rows[-4:-4] = story
    rows += slot("Tunde", ["Amira", "Jo", "Sam"])
    found = structure(rows)

    hand_over = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.")
    assert [(slot.presenter, slot.start_index) for slot in found.slots] == [("Amira", 0), ("Tunde", hand_over)]


def test_ideas_announced_for_after_the_questions_wait_for_their_turn() -> None:
    """At a slot's start, "questions first, then the ideas bit" keeps it open until the ideas are asked for."""
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"], ideas=True)]
    first = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.")
    rows.insert(first + 4, (FACILITATOR, "member", "other", "Thanks, Tunde. Questions first, then the ideas bit."))
    found = structure(rows)

    ideas = next(k for k, row in enumerate(rows) if str(row[3]).startswith("For the last part ideas"))
    assert set(found.mode_of[first:ideas]) == {"open"}
    assert found.mode_of[ideas] == "planned"


def test_a_call_for_someone_elses_report_back_leaves_a_bid_for_time_in_the_opening() -> None:
    rows = [
        (FACILITATOR, "member", "other", "Morning. Before the slots, Jo, you said you'd tell us how the trial went."),
        ("Amira", "member", "story", "Me, please, if there's room. It's the merger again."),
        ("Tunde", "member", "other", "I'd like some time as well."),
        (FACILITATOR, "member", "other", "Lovely. Jo, go ahead."),
        ("Jo", "member", "story", "So last time I said I'd talk to my manager, and I did."),
        ("Amira", "member", "open_question", "What did she say?"),
        ("Jo", "member", "story", "She agreed to the trial."),
        *slot("Amira", ["Tunde", "Jo", "Sam"]),
        *slot("Tunde", ["Amira", "Jo", "Sam"]),
    ]
    found = structure(rows)

    assert found.phase_of[:3] == ("opening", "opening", "opening")
    assert set(found.phase_of[3:7]) == {"report_back"}


def test_lets_come_to_what_youll_do_starts_the_actions() -> None:
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"])]
    cue = next(k for k, row in enumerate(rows) if row[3] == "What will you do?")
    rows[cue] = (FACILITATOR, "member", "other", "Let's come to what you'll do. Amira?")
    found = structure(rows)

    assert found.phase_of[cue - 1] == "questioning"
    assert found.phase_of[cue] == "actions"


@pytest.mark.parametrize(
    "call",
    [
        "Can I open it up for ideas now?",
        "Honestly, I'd love to pick your brains on this bit.",
        "What would you do in my shoes?",
        "Has anyone got experience of agency contracts?",
        "I'm after ideas really, anything.",
        "So advice is fine from here.",
        "How would you run it if it landed on you?",
        "Go on then, anybody's experience, anybody's tips.",
        "I'd like to hear from the people who've done it now.",
    ],
)
def test_a_presenter_asking_for_ideas_in_other_words_makes_the_rest_of_their_slot_planned(call: str) -> None:
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"])]
    asks = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.") + 9
    assert rows[asks][0] == "Tunde"
    rows[asks] = ("Tunde", "member", "other", call)
    actions = len(rows) - 2
    found = structure(rows)

    assert set(found.mode_of[:asks]) == {"open"}
    assert set(found.mode_of[asks:actions]) == {"planned"}


@pytest.mark.parametrize(
    ("speaker", "said"),
    [
        ("Tunde", "Anyone in my position would be furious, honestly."),
        (FACILITATOR, "We're slipping into advice mode. It's not ideas time yet, so questions please."),
    ],
)
def test_talk_of_ideas_that_does_not_ask_for_them_leaves_the_slot_open(speaker: str, said: str) -> None:
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"])]
    at = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.") + 9
    rows[at] = (speaker, "member", "other", said)

    assert set(structure(rows).mode_of) == {"open"}


def test_a_member_asking_what_others_would_do_does_not_make_the_slot_planned() -> None:
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"])]
    asks = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.") + 8
    assert rows[asks][0] == "Sam"
    rows[asks] = ("Sam", "member", "closed_question", "Has anyone got experience of agency contracts?")

    assert set(structure(rows).mode_of) == {"open"}


@pytest.mark.parametrize(
    "announced",
    [
        "Morning all. This is a themed session this month, on rotas.",
        "Morning all. Just to remind everybody, this month is the ideas session, like we agreed.",
    ],
)
def test_a_meeting_announced_in_other_words_as_planned_plans_every_slot(announced: str) -> None:
    rows = [(FACILITATOR, "member", "other", announced), *MEETING[1:]]

    assert set(structure(rows).mode_of) == {"planned"}


def test_talk_of_report_back_before_the_call_for_bids_only_announces_it() -> None:
    rows = [
        (
            FACILITATOR,
            "member",
            "other",
            "Morning, everyone. Bids first, then Jo, you were going to tell us how it went.",
        ),
        ("Jo", "member", "story", "Can I go second on the report-back? I've only just sat down after the bed meeting."),
        (FACILITATOR, "member", "other", "Of course. So, who'd like time today?"),
        *MEETING[1:],
    ]
    found = structure(rows)

    report_back = next(k for k, row in enumerate(rows) if str(row[3]).startswith("Lovely. First, Jo"))
    assert set(found.phase_of[:report_back]) == {"opening"}
    assert found.phase_of[report_back] == "report_back"


@pytest.mark.parametrize(
    "call",
    [
        "What are you taking from that?",
        "So where does that leave you?",
        "What's next for you, then?",
        "So between now and Friday, what's yours to do?",
    ],
)
def test_the_facilitator_asking_what_next_in_other_words_starts_the_actions(call: str) -> None:
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"])]
    actions = next(k for k, row in enumerate(rows) if row[3] == "What will you do?")
    rows[actions] = (FACILITATOR, "member", "other", call)

    assert structure(rows).phase_of[actions - 1 : actions + 2] == ("questioning", "actions", "actions")


@pytest.mark.parametrize(
    "call",
    [
        "Before we move on, how was that from your side?",
        "How were the questions for you?",
        "Amira, what was helpful and what wasn't?",
    ],
)
def test_the_facilitator_asking_how_it_was_after_the_actions_starts_the_review(call: str) -> None:
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"])]
    review = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.")
    rows[review:review] = [(FACILITATOR, "member", "other", call), ("Amira", "member", "other", "Hard, but good.")]

    assert structure(rows).phase_of[review - 1 : review + 2] == ("actions", "process_review", "process_review")


def test_a_slot_handed_over_starts_there_though_a_members_long_story_holds_the_focus_at_first() -> None:
    story = "When we went live with ours it went down on night two and we picked on paper for four hours."
    tunde = slot("Tunde", ["Amira", "Jo", "Sam"], rounds=10)
    asides = [row for teller in ("Sam", "Jo") * 5 for row in [(teller, "member", "story", story)] * 3]
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *tunde[:4], *asides, *tunde[4:]]
    hand_over = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.")
    found = structure(rows)

    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    assert found.slots[1].start_index == hand_over


def test_a_clinic_in_a_presenters_account_is_no_call_for_ideas() -> None:
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"])]
    at = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.") + 9
    rows[at] = ("Tunde", "member", "story", "The consultants say it's clinic over-running and they can't help it.")

    assert set(structure(rows).mode_of) == {"open"}


@pytest.mark.parametrize(
    "call", ["Janine, you were going to speak to the chief executive.", "Janine, can we hear where that got to?"]
)
def test_a_report_back_questioned_at_length_before_the_first_slot_is_no_slot(call: str) -> None:
    rows = [
        (FACILITATOR, "member", "other", "Morning, everyone. Amira and Tunde asked for time in the email."),
        ("Amira", "member", "other", "Morning."),
        (FACILITATOR, "member", "other", call),
        ("Janine", "member", "story", "It got somewhere. He agreed to half of it, and the board has the rest."),
        *questioning("Janine", ["Amira", "Tunde", "Sam"], 5),
        *slot("Amira", ["Tunde", "Janine", "Sam"]),
        *slot("Tunde", ["Amira", "Janine", "Sam"]),
    ]
    found = structure(rows)

    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    assert set(found.phase_of[2:14]) == {"report_back"}


def test_the_questions_only_rule_lifted_before_the_slots_starts_planned_time_that_is_nobodys_slot() -> None:
    """A visitor's session agreed last month comes first; the slots after it are open."""
    rows = [
        (FACILITATOR, "member", "other", "Morning. Amira and Tunde asked for slots in the email thread."),
        ("Jo", "member", "other", "Is there coffee?"),
        (
            FACILITATOR,
            "member",
            "other",
            "By the window. Bev, come in. Forty minutes, it's yours, and we're allowed opinions.",
        ),
        ("Bev", "member", "story", "Thanks. So the walkaround app went live in February across all nine depots."),
        *questioning("Bev", ["Jo", "Sam"], 5),
        (FACILITATOR, "member", "other", "Thank you, Bev. Right, Amira."),
        *slot("Amira", ["Tunde", "Jo", "Sam"], rounds=12)[1:],
        *slot("Tunde", ["Amira", "Jo", "Sam"]),
    ]
    found = structure(rows)

    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    assert set(found.phase_of[2:14]) == {"discussion"}
    assert set(found.mode_of[2:14]) == {"planned"}
    assert found.mode_of[found.slots[0].start_index + 4] == "open"


def test_the_rule_lifted_before_the_first_slot_with_the_slot_at_once_makes_a_planned_meeting() -> None:
    rows = list(MEETING)
    hand_over = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Amira, over to you.")
    rows[hand_over] = (
        FACILITATOR,
        "member",
        "other",
        "Thanks. This month I won't be stopping anybody telling a colleague what works. Amira, over to you.",
    )

    assert set(structure(rows).mode_of) == {"planned"}


MEANT_CALL = "Right, go on, let Tunde have everything you've got."


def _called_by_meaning(sentences: Sequence[str]) -> list[bool]:
    return [sentence == MEANT_CALL for sentence in sentences]


@pytest.mark.parametrize("taken_up", [True, False])
def test_a_call_for_ideas_known_only_by_its_meaning_counts_when_someone_takes_it_up(taken_up: bool) -> None:
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"])]
    at = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.") + 9
    rows[at] = (FACILITATOR, "member", "other", MEANT_CALL)
    if taken_up:
        rows[at + 1] = ("Sam", "member", "advice", "I'd put the rota on the wall and let them swap.")

    found = structure(rows, calls_for_ideas=_called_by_meaning)

    assert set(found.mode_of[:at]) == {"open"}
    assert found.mode_of[at] == ("planned" if taken_up else "open")  # reining advice in reads like a call
    assert set(structure(rows).mode_of) == {"open"}  # the phrases alone do not know it


MEANT_ANNOUNCEMENT = "As we said in March, nobody sits on their hands today."


def _announced_by_meaning(pieces: Sequence[str]) -> list[bool]:
    return [MEANT_ANNOUNCEMENT in piece for piece in pieces]


def _announced_in_the_opening(text: str) -> list[Row]:
    rows = list(ADVISED_MEETING)
    rows[0] = (FACILITATOR, "member", "other", f"Morning, everyone. {text} Who would like time today?")
    return rows


def test_an_opening_that_announces_a_planned_meeting_by_its_meaning_makes_every_slot_planned() -> None:
    rows = _announced_in_the_opening(MEANT_ANNOUNCEMENT)

    found = structure(rows, announces_planned=_announced_by_meaning)

    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    assert {found.mode_of[index] for slot in found.slots for index in range(slot.start_index, slot.end_index + 1)} == {
        "planned"
    }
    assert not any(found.counts_for_members(index) for index in range(len(found.mode_of)))
    assert set(structure(rows).mode_of) == {"open"}  # the phrases alone do not know it


def test_only_the_facilitators_opening_is_read_for_an_announcement_and_a_given_mode_wins() -> None:
    read: list[str] = []

    def announces(pieces: Sequence[str]) -> list[bool]:
        read.extend(pieces)
        return _announced_by_meaning(pieces)

    by_a_member = list(ADVISED_MEETING)
    by_a_member[1] = ("Amira", "member", "other", f"I'd like twenty minutes. {MEANT_ANNOUNCEMENT}")

    assert set(structure(by_a_member, announces_planned=announces).mode_of) == {"open"}
    assert "Morning, everyone. Who would like time today?" in read
    assert not any("twenty minutes" in piece or "rota" in piece for piece in read)
    announced = _announced_in_the_opening(MEANT_ANNOUNCEMENT)
    assert set(structure(announced, given_mode="open", announces_planned=announces).mode_of) == {"open"}


def test_report_back_between_two_slots_is_nobodys_slot() -> None:
    """A member who came late reports back after the first slot, called by the facilitator before the next."""
    reports = [
        (FACILITATOR, "member", "other", "Before Tunde, Sam, you were going to ring the agency. How did it go?"),
        ("Sam", "member", "story", "I rang them on the Monday and they agreed to send the same two people."),
        ("Jo", "member", "open_question", "What made them agree?"),
        ("Sam", "member", "story", "I told them we'd stop using them otherwise."),
    ]
    rows = [*MEETING[:7], *slot("Amira", ["Tunde", "Jo", "Sam"]), *reports, *slot("Tunde", ["Amira", "Jo", "Sam"])]
    spoken = utterances(rows)
    call = next(u.index for u in spoken if u.text.startswith("Before Tunde"))
    hand_over = next(u.index for u in spoken if u.text == "Thanks. Tunde, over to you.")

    found = structure(rows)

    amira, tunde = found.slots
    assert amira.end_index == call - 1
    assert tunde.start_index == hand_over
    assert set(found.phase_of[call:hand_over]) == {"report_back"}
    assert not any(found.counts_for_members(index) for index in range(call, hand_over))


def test_the_facilitators_thanks_a_few_turns_before_goodbye_start_the_closing() -> None:
    closing = [
        (FACILITATOR, "member", "other", "Okay, thank you everybody. I'll put a summary in the group."),
        ("Jo", "member", "other", "Who's watching the match on Saturday?"),
        ("Sam", "member", "other", "Not me, I've got a wedding."),
        (FACILITATOR, "member", "other", "I'll leave you to the football. Bye, everyone."),
    ]
    rows = [*MEETING[:7], *slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"]), *closing]
    thanks = next(u.index for u in utterances(rows) if u.text.startswith("Okay, thank you everybody"))

    found = structure(rows)

    assert found.slots[-1].end_index == thanks - 1
    assert set(found.phase_of[thanks:]) == {"closing"}
