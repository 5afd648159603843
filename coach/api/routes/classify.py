"""``POST /v1/classify``: label utterances."""

from __future__ import annotations

from fastapi import APIRouter

from coach.api.dependencies import CoachDep, SettingsDep
from coach.api.errors import ApiError
from coach.api.schemas import ClassifyRequest, ClassifyResponse, ErrorResponse, PredictionOut
from coach.classifier.segment import split_sentences

router = APIRouter()


def check_text_lengths(texts: list[str], max_chars: int, what: str = "Text", fix: str = "Split it into turns.") -> None:
    for index, text in enumerate(texts):
        if len(text) > max_chars:
            raise ApiError(
                422,
                "text_too_long",
                f"{what} {index} has {len(text)} characters; the limit is {max_chars}. {fix}",
            )


def check_sentence_count(texts: list[str], max_sentences: int) -> None:
    """Every sentence is a run of the model: bound them per request, whatever the texts look like."""
    sentences = sum(len(split_sentences(text)) for text in texts)
    if sentences > max_sentences:
        raise ApiError(
            413,
            "too_many_sentences",
            f"The request holds {sentences} sentences; the limit is {max_sentences}. Send them in several requests.",
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
    check_sentence_count(request.utterances, settings.max_sentences)
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
