"""The web pages at ``/``, ``/live``, ``/practice`` and ``/sets`` (with a set's page and a saved session's): static
files that talk only to this service."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from coach.feedback.render_html import report_script, standalone_script_source, stylesheet
from coach.labels import labels_script

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

#: Pages may load nothing from elsewhere and send nothing anywhere but this service.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)

#: The self-contained HTML report: its own inline styles, its one inline script (allowed by its hash), nothing
#: fetched.
REPORT_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src {standalone_script_source()}; img-src data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

router = APIRouter(include_in_schema=False)


def _page(filename: str) -> FileResponse:
    return FileResponse(
        STATIC_DIR / filename,
        media_type="text/html",
        headers={
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _asset(text: str, media_type: str) -> Response:
    return Response(
        text, media_type=media_type, headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    )


@router.get("/labels.js")
def labels_js() -> Response:
    """The label names and colours for the pages' scripts, from the one table in ``coach.labels``."""
    return _asset(labels_script(), "text/javascript")


@router.get("/report.js")
def report_js() -> Response:
    """The report's transcript filters and links, the same script the self-contained HTML report carries inline."""
    return _asset(report_script(), "text/javascript")


@router.get("/style.css")
def style_css() -> Response:
    """The one stylesheet of the pages and the HTML report."""
    return _asset(stylesheet(), "text/css")


@router.get("/")
def analyse_page() -> FileResponse:
    return _page("index.html")


@router.get("/live")
def live_page() -> FileResponse:
    return _page("live.html")


@router.get("/practice")
def practice_page() -> FileResponse:
    return _page("practice.html")


@router.get("/sets")
def sets_page() -> FileResponse:
    return _page("sets.html")


@router.get("/sets/view")
def set_page() -> FileResponse:
    """One set over time: ``/sets/view?id=<set id>``."""
    return _page("set.html")


@router.get("/sets/session")
def saved_session_page() -> FileResponse:
    """A saved session's report and labelled transcript: ``/sets/session?set=<set id>&session=<session id>``."""
    return _page("session.html")


def mount_pages(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
