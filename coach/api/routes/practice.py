"""Practice: a trainee's question, its label and why, open ways to ask it, and drills with a presenter's situation.

Nothing is stored: a round of a drill is kept by the client, which sends its questions back for the summary.
"""

from __future__ import annotations

from fastapi import APIRouter

from coach.api.dependencies import CoachDep, RephraserDep, SettingsDep
from coach.api.errors import ApiError
from coach.api.routes.classify import check_text_lengths
from coach.api.schemas import (
    DrillList,
    ErrorResponse,
    PracticeRequest,
    PracticeResponse,
    RephrasingDetail,
    RoundRequest,
    RoundSummary,
    UtteranceLabel,
)
from coach.feedback.drills import Drill, drills, find_drill, summarise_round
from coach.feedback.practice import UNSURE_BELOW, analysis_of, decisive_utterance, explain

router = APIRouter()


@router.post(
    "/practice",
    response_model=PracticeResponse,
    summary="Check how a question is phrased",
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)
def practice(request: PracticeRequest, rephraser: RephraserDep, settings: SettingsDep) -> PracticeResponse:
    """For closed questions and advice, up to three open rephrasings come back, best first."""
    check_text_lengths([request.text], settings.max_text_chars)
    drill = _drill(request.drill_id)
    (prediction,) = rephraser.coach.classify([request.text])
    decisive = decisive_utterance(prediction)
    analysis = analysis_of(prediction)  # parsed once, for the explanation and the rephrasings
    suggestions = rephraser.rephrase(
        decisive.text if decisive is not None else prediction.text,
        prediction.label,
        topics=drill.topics if drill is not None else (),
        analysis=analysis,
    )
    return PracticeResponse(
        text=prediction.text,
        label=prediction.label,  # type: ignore[arg-type]
        confidence=prediction.confidence,
        uncertain=prediction.confidence < UNSURE_BELOW,
        leading=prediction.leading,
        explanation=explain(prediction, analysis),
        rephrasings=[s.text for s in suggestions],
        rephrasing_details=[RephrasingDetail.model_validate(s.to_dict()) for s in suggestions],
        utterances=[UtteranceLabel.model_validate(u.to_dict()) for u in prediction.utterances],
    )


@router.get("/practice/drills", response_model=DrillList, summary="Situations to practise with")
def list_drills() -> DrillList:
    """Presenters' opening accounts, across sectors, to practise asking questions about."""
    return DrillList.model_validate({"drills": [drill.to_dict() for drill in drills()]})


@router.post(
    "/practice/round",
    response_model=RoundSummary,
    summary="Summarise a round of practice questions",
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)
def practice_round(request: RoundRequest, coach: CoachDep, settings: SettingsDep) -> RoundSummary:
    """Open questions and reflections (good moves), questions that carried a solution, and the best question."""
    check_text_lengths(request.questions, settings.max_text_chars)
    _drill(request.drill_id)
    summary = summarise_round(coach.classify(request.questions))
    return RoundSummary.model_validate(summary.to_dict())


def _drill(drill_id: str | None) -> Drill | None:
    if drill_id is None:
        return None
    drill = find_drill(drill_id)
    if drill is None:
        raise ApiError(
            404, "unknown_drill", f"There is no drill '{drill_id}'; GET /v1/practice/drills lists the drills."
        )
    return drill
