"""The FastAPI application: ``create_app()`` builds it; ``coach serve`` runs it under uvicorn."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route, compile_path

from coach import __version__
from coach.api import log_redaction
from coach.api.dependencies import rephraser_for, require_api_key
from coach.api.errors import install_error_handlers
from coach.api.limits import BodySizeLimit
from coach.api.routes import classify, live, meta, practice, reports, sessions, sets
from coach.api.routes.pages import mount_pages
from coach.api.schemas import ErrorResponse
from coach.api.settings import Settings
from coach.classifier import Coach
from coach.labels import CLOSED_QUESTION
from coach.sets.live_store import LiveStore
from coach.sets.store import SetStore

logger = logging.getLogger("coach.api")

DESCRIPTION = """Coach labels what members of an action learning set say (open question, closed question, advice,
story, reflection, other) and turns the labels into feedback on how well the set stayed in questioning mode.

Nothing you send is logged, and nothing is stored unless you save a session to a set (`/v1/sets`): other transcripts
are processed in memory and forgotten."""


def create_app(settings: Settings | None = None, coach: Coach | None = None) -> FastAPI:
    """The app; loads the model once, at start-up, unless a ``coach`` is given (tests pass a small one)."""
    settings = settings or Settings()
    log_redaction.install()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "coach", None) is None:
            app.state.coach = Coach.load(settings.model)
            logger.info("model %s loaded", app.state.coach.info.get("name"))
            # The rephraser's parser and sentence encoder too, rather than on the first practice request.
            await run_in_threadpool(rephraser_for(app).rephrase, "Did you talk to her?", CLOSED_QUESTION)
            # The models, parser and word tables are millions of objects that live as long as the process: keep them
            # out of the garbage collector's full passes, which otherwise stall a request for about 200 ms now and then.
            gc.collect()
            gc.freeze()
        yield

    # The docs pages load Swagger UI and ReDoc from the fastapi-offline package, not a CDN: they work offline.
    app = FastAPIOffline(title="Coach", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.coach = coach
    app.state.set_store = SetStore.from_url(settings.database_url, settings.retention_days)
    app.state.live_sessions = LiveStore(
        app.state.set_store,
        settings.live_session_ttl_seconds,
        settings.max_live_sessions,
        settings.max_live_sessions_per_key,
        settings.nudge_interval_seconds,
    )
    install_error_handlers(app)

    api = APIRouter(prefix="/v1")
    api.include_router(meta.router, tags=["meta"])
    protected = [Depends(require_api_key)]
    shared_errors: dict[int | str, dict[str, Any]] = {
        401: {"model": ErrorResponse, "description": "no valid X-API-Key (only when keys are configured)"},
        413: {"model": ErrorResponse, "description": "the request body is over the limit"},
    }
    routers = (
        (classify.router, "classify"),
        (practice.router, "practice"),
        (sessions.router, "sessions"),
        (sets.router, "sets"),
        (reports.router, "reports"),
    )
    for router, tag in routers:
        api.include_router(router, tags=[tag], dependencies=protected, responses=shared_errors)
    api.include_router(live.router)
    # Each API route's path pattern and methods: for the key check before a body is read, and a 405's Allow header.
    app.state.route_methods = [
        (compile_path(api.prefix + route.path)[0], route.methods or set())
        for router in (meta.router, *(router for router, _ in routers))
        for route in router.routes
        if isinstance(route, Route)
    ]
    app.state.protected_paths = [
        compile_path(api.prefix + route.path)[0]
        for router, _ in routers
        for route in router.routes
        if isinstance(route, Route)
    ]
    app.include_router(api)
    mount_pages(app)
    if not settings.api_keys:
        _document_key_as_optional(app)

    # The last middleware added runs first: CORS wraps the body limit, so a browser can read the 413 too.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, timeout_seconds=settings.body_timeout_seconds)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key"],
        )
    return app


def _document_key_as_optional(app: FastAPI) -> None:
    """Without configured keys no key is needed: say so in the OpenAPI schema (an empty alternative in ``security``)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    if "security" in operation:
                        operation["security"] = [{}, *operation["security"]]
        return app.openapi_schema or generate()

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema
