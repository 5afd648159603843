import pytest

from coach import Coach
from coach.classifier.base import UtterancePrediction
from coach.classifier.carried_on import carry_on
from coach.feedback.session import LabelledUtterance
from tests.classifier.fake import FirstWordClassifier


def said(text: str, label: str, confidence: float = 0.9) -> UtterancePrediction:
    scores = dict.fromkeys(("advice", "story", "reflection", "other", "open_question"), 0.02)
    scores[label] = confidence
    return UtterancePrediction(text, label, confidence, scores, leading=False)


@pytest.mark.parametrize(
    ("after", "label"),
    [
        ("Then you're out of the middle.", "reflection"),
        ("Not a visit, a whole shift.", "story"),
        ("Honestly.", "other"),
    ],
)
def test_a_sentence_after_advice_carries_it_on(after: str, label: str) -> None:
    advice = said("Do a night shift.", "advice", 0.8)
    carried = carry_on([advice, said(after, label)])
    assert [u.label for u in carried] == ["advice", "advice"]
    # The model's reading of the sentence is kept; the confidence is the advice's.
    assert carried[1].scores[label] == 0.9
    assert carried[1].confidence == 0.8


def test_a_run_of_reasons_carries_on_to_the_end() -> None:
    turn = [said("Ring her today.", "advice"), said("It's cheap.", "story"), said("Then it's done.", "reflection")]
    assert [u.label for u in carry_on(turn)] == ["advice"] * 3


@pytest.mark.parametrize(
    ("before", "after", "label"),
    [
        # Rule 4: the speaker's own experience told after advice is a story of its own.
        ("Do a night shift.", "We did that after the pandemic.", "story"),
        # A question after advice is read on its own.
        ("Do a night shift.", "What would the crew say?", "open_question"),
        # A story that is no anecdote of the speaker's own is not carried on.
        ("We lost two nurses.", "So it sounds like a hard month.", "reflection"),
    ],
)
def test_what_does_not_carry_advice_on(before: str, after: str, label: str) -> None:
    first = said(before, "advice" if before.startswith("Do") else "story")
    assert carry_on([first, said(after, label)])[1].label == label


def test_advice_is_not_carried_from_one_text_to_the_next() -> None:
    first, second = Coach(FirstWordClassifier()).classify(["You should ring her.", "Okay."])
    assert (first.label, second.label) == ("advice", "other")


def test_coach_labels_a_carried_sentence_advice_and_a_role_that_cannot_advise_falls_back_to_the_models_reading() -> (
    None
):
    (prediction,) = Coach(FirstWordClassifier()).classify(["You should ring her. Okay, over to you."])
    assert [u.label for u in prediction.utterances] == ["advice", "advice"]
    carried = LabelledUtterance.of(prediction.utterances[1], index=1, turn=0, speaker="Ruth", role="facilitator")
    assert carried.label == "other"


def test_how_the_speakers_own_anecdote_ended_is_the_story() -> None:
    turn = [
        said("We had a similar thing at Harfield two years ago with a Facebook post.", "story", 0.7),
        said("The station manager got everyone in the mess the same day.", "story"),
        said("It calmed things down a lot.", "reflection"),
    ]
    carried = carry_on(turn)
    assert [u.label for u in carried] == ["story"] * 3
    assert carried[2].confidence == 0.9


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # It speaks to the listener: a reflection.
        ("When I was at the county we had the same.", "So you're stuck between the two of them."),
        # No anecdote of the speaker's own to carry on.
        ("The county had the same.", "Sounds like a hard month."),
    ],
)
def test_what_does_not_carry_a_story_on(before: str, after: str) -> None:
    assert carry_on([said(before, "story"), said(after, "reflection")])[1].label == "reflection"
