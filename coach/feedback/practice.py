"""Plain-words explanations for a trainee: why a text got its label, in one sentence."""

from __future__ import annotations

import re

from coach.classifier import Prediction, UtterancePrediction
from coach.feedback.question_analysis import Analysis, analyse, suggested_solution
from coach.labels import ADVICE, CLOSED_QUESTION, OPEN_QUESTION, OTHER, REFLECTION, STORY

#: Below this confidence the explanation says the model was unsure, and what else it considered.
UNSURE_BELOW = 0.5

_READABLE = {
    OPEN_QUESTION: "an open question",
    CLOSED_QUESTION: "a closed question",
    ADVICE: "advice",
    STORY: "story",
    REFLECTION: "a reflection",
    OTHER: "conversation-keeping talk",
}

#: Why a closed question is closed, by its shape (``question_analysis.analyse``); other shapes get the yes/no reason.
_CLOSED_REASONS = {
    "choice": "it offers a choice between answers you have already picked",
    "fact": "it asks for one fact",
    "count": "it asks for one fact",
    "check": "it can be answered with a yes, a no or one short fact",
}
_YES_NO = "it can be answered with a yes or a no"


def explain(prediction: Prediction, analysis: Analysis | None = None) -> str:
    """One sentence, in plain words, on why ``prediction``'s text got its label.

    The sentence is about the utterance that decided the label; for a text of several sentences it says which one.
    ``analysis``: that utterance already analysed for its label (:func:`analysis_of`), to parse it once.
    """
    decisive = decisive_utterance(prediction)
    text = decisive.text if decisive is not None else prediction.text
    leading = decisive.leading if decisive is not None else prediction.leading
    subject = f"'{_short(text)}'" if decisive is not None and len(prediction.utterances) > 1 else "This"
    reason = _reason(prediction.label, text, leading, subject, analysis)
    return reason + _hedge(prediction.scores, prediction.label, prediction.confidence) + "."


def analysis_of(prediction: Prediction) -> Analysis | None:
    """The deciding sentence of a closed question or piece of advice, analysed (topics, the asker's solution), for
    both the explanation and the rephrasings; ``None`` for other labels."""
    if prediction.label not in {ADVICE, CLOSED_QUESTION}:
        return None
    decisive = decisive_utterance(prediction)
    return analyse(decisive.text if decisive is not None else prediction.text, prediction.label)


def decisive_utterance(prediction: Prediction) -> UtterancePrediction | None:
    """The sentence that decided a text's label: a leading one first, then the most confident with the label."""
    candidates = [u for u in prediction.utterances if u.label == prediction.label]
    if not candidates:
        return None
    leading = [u for u in candidates if u.leading]
    return max(leading or candidates, key=lambda u: u.confidence)


def _reason(label: str, text: str, leading: bool, subject: str, analysis: Analysis | None) -> str:
    """The explanation, without its final full stop; ``subject`` is "This" or the quoted deciding sentence."""
    if label == ADVICE:
        solution = suggested_solution(text, analysis)
        contains = f"it already contains a solution ('{solution}')" if solution else "it already points to a solution"
        if leading:
            return (
                f"{subject} is advice dressed as a question: {contains}, so the presenter is steered rather than "
                "helped to think"
            )
        offers = contains.replace("it already contains", "it offers")
        return f"{subject} is advice: {offers}, so it gives your answer instead of helping the presenter find their own"
    if label == OPEN_QUESTION:
        return (
            f"{subject} is an open question: it invites the presenter to think and answer in their own words, rather "
            "than with a yes, a no or one fact"
        )
    if label == CLOSED_QUESTION:
        why = _CLOSED_REASONS.get((analysis or analyse(text, CLOSED_QUESTION)).kind, _YES_NO)
        return (
            f"{subject} is a closed question: {why}, so it gathers information but does not open up the presenter's "
            "thinking"
        )
    if label == REFLECTION:
        return (
            f"{subject} is a reflection: it gives back what you heard in your own words without adding a solution, "
            "which helps the presenter feel heard and think further"
        )
    if label == STORY:
        return (
            f"{subject} is story: it tells what happened or what is, which is the presenter's job; from a member it "
            "moves the focus away from the presenter's problem"
        )
    return (
        f"{subject} keeps the conversation going (a greeting, thanks, agreement or talk about the process) but says "
        "nothing about the problem itself, so it counts neither way"
    )


def _hedge(scores: dict[str, float], label: str, confidence: float) -> str:
    if confidence >= UNSURE_BELOW:
        return ""
    others = sorted(((p, name) for name, p in scores.items() if name != label), reverse=True)
    if not others:
        return ""
    return f", though the model is not sure and it could also be read as {_READABLE.get(others[0][1], others[0][1])}"


def _short(text: str, limit: int = 80) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
