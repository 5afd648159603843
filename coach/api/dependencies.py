"""What routes receive through ``Depends``: the loaded model, the settings, and the API-key check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from coach.api.auth import UNAUTHORIZED_MESSAGE, key_is_valid
from coach.api.errors import ApiError
from coach.api.settings import Settings
from coach.classifier import Coach
from coach.classifier.sentence_encoder import shared_encoder
from coach.feedback.rephrase import Rephraser

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="needed only when keys are configured")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_coach(request: Request) -> Coach:
    coach: Coach = request.app.state.coach
    return coach


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)], key: Annotated[str | None, Depends(_api_key_header)]
) -> None:
    if not key_is_valid(settings, key):
        raise ApiError(401, "unauthorized", UNAUTHORIZED_MESSAGE)


def rephraser_for(app: Any) -> Rephraser:
    """A rephraser around the app's model: a light wrapper, as the parser and sentence encoder are loaded once."""
    return Rephraser(app.state.coach, shared_encoder())


def get_rephraser(request: Request) -> Rephraser:
    return rephraser_for(request.app)


CoachDep = Annotated[Coach, Depends(get_coach)]
RephraserDep = Annotated[Rephraser, Depends(get_rephraser)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
