"""``POST /v1/classify``: label utterances."""

from __future__ import annotations

from fastapi import APIRouter

from coach.api.dependencies import CoachDep, SettingsDep
from coach.api.errors import ApiError
from coach.api.schemas import ClassifyRequest, ClassifyResponse, ErrorResponse, PredictionOut

router = APIRouter()


def check_text_lengths(texts: list[str], max_chars: int, what: str = "Text", fix: str = "Split it into turns.") -> None:
    for index, text in enumerate(texts):
        if len(text) > max_chars:
            raise ApiError(
                422,
                "text_too_long",
                f"{what} {index} has {len(text)} characters; the limit is {max_chars}. {fix}",
            )


@router.post(
    "/classify",
    response_model=ClassifyResponse,
    summary="Label utterances",
    responses={413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)
def classify(request: ClassifyRequest, coach: CoachDep, settings: SettingsDep) -> ClassifyResponse:
    """Each text is labelled as one turn: every sentence gets a label, and the text the turn-level label.

    With ``context``, each text is read together with what was said just before it.
    """
    if len(request.utterances) > settings.max_batch:
        raise ApiError(
            422,
            "batch_too_large",
            f"{len(request.utterances)} utterances in one request; the limit is {settings.max_batch}. "
            "Send them in several requests.",
        )
    check_text_lengths(request.utterances, settings.max_text_chars)
    if request.context is not None:
        if len(request.context) != len(request.utterances):
            raise ApiError(
                422,
                "context_mismatch",
                f"{len(request.context)} contexts for {len(request.utterances)} utterances; give one context per "
                'utterance ("" where there is none), or leave "context" out.',
            )
        check_text_lengths(request.context, settings.max_text_chars, "Context", "Send the end of the previous turn.")
    predictions = coach.classify(request.utterances, request.context)
    return ClassifyResponse(
        model=str(coach.info.get("name", "unknown")),
        predictions=[PredictionOut.model_validate(p.to_dict()) for p in predictions],
    )
