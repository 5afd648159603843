"""``GET /v1/health``, ``GET /v1/model`` and ``GET /v1/asyncapi.json``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from coach.api.asyncapi import asyncapi_document
from coach.api.dependencies import CoachDep, SettingsDep
from coach.api.schemas import Health, ModelInfo

router = APIRouter()


@router.get("/health", response_model=Health, summary="Is the service up, with its model loaded")
def health(coach: CoachDep, settings: SettingsDep) -> Health:
    return Health(status="ok", model=str(coach.info.get("name", "unknown")), api_key_required=bool(settings.api_keys))


@router.get("/asyncapi.json", summary="The live WebSocket protocol (/v1/live) as an AsyncAPI 3.0 document")
def asyncapi() -> dict[str, Any]:
    """Every client and server message of ``/v1/live`` with its schema, and an example exchange."""
    return asyncapi_document()


@router.get("/model", response_model=ModelInfo, summary="The model: name, version, labels and test figures")
def model(coach: CoachDep) -> ModelInfo:
    info = coach.info
    return ModelInfo(
        name=str(info.get("name", "unknown")),
        version=str(info.get("version", "0")),
        backend=str(info.get("backend", "unknown")),
        labels=list(coach.labels),
        metrics=headline_metrics(info.get("metrics", {})),
    )


def headline_metrics(metrics: dict[str, Any]) -> dict[str, Any]:
    """Macro-F1 and per-label F1 for each test set, without the confusion matrices."""
    headline: dict[str, Any] = {}
    for name, figures in metrics.items():
        if isinstance(figures, dict) and "macro_f1" in figures:
            headline[name] = {
                "macro_f1": figures["macro_f1"],
                "n": figures.get("n"),
                "f1": {label: row["f1"] for label, row in figures.get("per_label", {}).items()},
            }
    return headline
