"""``POST /v1/practice``: a trainee's question, its label, why, and open ways to ask it."""

from __future__ import annotations

from fastapi import APIRouter

from coach.api.dependencies import CoachDep, SettingsDep
from coach.api.routes.classify import check_text_lengths
from coach.api.schemas import ErrorResponse, PracticeRequest, PracticeResponse, UtteranceLabel
from coach.feedback.practice import explain
from coach.feedback.rephrase import open_rephrasings

router = APIRouter()


@router.post(
    "/practice",
    response_model=PracticeResponse,
    summary="Check how a question is phrased",
    responses={422: {"model": ErrorResponse}},
)
def practice(request: PracticeRequest, coach: CoachDep, settings: SettingsDep) -> PracticeResponse:
    """For closed questions and advice, two or three open rephrasings come back."""
    check_text_lengths([request.text], settings.max_text_chars)
    (prediction,) = coach.classify([request.text])
    return PracticeResponse(
        text=prediction.text,
        label=prediction.label,  # type: ignore[arg-type]
        confidence=prediction.confidence,
        leading=prediction.leading,
        explanation=explain(prediction),
        rephrasings=open_rephrasings(request.text, prediction.label),
        utterances=[UtteranceLabel.model_validate(u.to_dict()) for u in prediction.utterances],
    )
