"""Fixtures for the browser tests: the real app under uvicorn on a free loopback port, and headless Chromium.

The app runs in a background thread with a deterministic :class:`~tests.fakes.KeywordClassifier`, so what each page
shows follows from its input, and keeps its sets in a throw-away SQLite file (never the user's own database). Every
page a test opens records the requests it makes: any that leave this machine, any uncaught script error and any
Content-Security-Policy violation fail the test.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, expect, sync_playwright

from coach.api.app import create_app
from coach.api.settings import Settings
from coach.classifier import Coach
from coach.errors import CoachError
from tests.fakes import KeywordClassifier

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "screenshots"
#: Generous, because the CPU is shared with other work; nothing in a test waits for a fixed time.
TIMEOUT_MS = 10_000


@dataclass
class LiveServer:
    """The app served on ``http://127.0.0.1:{port}`` from a background thread."""

    app: FastAPI
    sock: socket.socket = field(repr=False)
    server: uvicorn.Server = field(init=False, repr=False)
    thread: threading.Thread = field(init=False, repr=False)

    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        settings = {"log_level": "warning", **self.options}
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, ws="websockets-sansio", lifespan="on", **settings
        )
        self.server = uvicorn.Server(config)
        # The socket is already bound and listening, so requests queue until the server accepts them: no race.
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


def serve(app: FastAPI, **options: Any) -> LiveServer:
    """``app`` under uvicorn in a background thread; ``options`` go to ``uvicorn.Config`` (e.g. ``log_level``)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return LiveServer(app, sock, options).start()


def throwaway_settings(directory: Path, **options: Any) -> Settings:
    """Settings whose sets' database is a new SQLite file in ``directory`` (a test's temporary folder)."""
    return Settings(database_url=f"sqlite:///{directory / 'coach.db'}", **options)


def keyword_server(directory: Path, **options: Any) -> LiveServer:
    """The real app with the keyword classifier and a throw-away database in ``directory``; ``options`` are settings."""
    return serve(create_app(throwaway_settings(directory, **options), coach=Coach(KeywordClassifier())))


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real app with the keyword classifier instead of a trained model."""
    live = keyword_server(tmp_path_factory.mktemp("server-db"))
    yield live
    live.stop()


@pytest.fixture(scope="session")
def model_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real app with the shipped model, loaded as ``coach serve`` loads it; skips when no model can be loaded."""
    try:
        coach = Coach.load()
    except (CoachError, OSError, ValueError) as error:
        pytest.skip(f"no shipped model could be loaded: {error}")
    live = serve(create_app(throwaway_settings(tmp_path_factory.mktemp("model-server-db")), coach=coach))
    yield live
    live.stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    expect.set_options(timeout=TIMEOUT_MS)
    yield chromium
    chromium.close()


@dataclass
class Traffic:
    """What a browser context asked for, and what went wrong in its pages."""

    urls: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("websocket", lambda ws: self.urls.append(ws.url))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp_violations.append(message.text)

    def external(self) -> list[str]:
        """URLs that are neither on this machine's loopback address (HTTP or WebSocket) nor local to the page."""
        return [url for url in self.urls if not is_local(url)]

    def check(self) -> None:
        assert self.external() == [], "the pages loaded something from elsewhere"
        assert self.page_errors == [], "a script failed in the page"
        assert self.csp_violations == [], "the Content-Security-Policy blocked something"


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("blob", "data", "about"):
        return True
    return parts.scheme in ("http", "ws") and parts.hostname == "127.0.0.1"


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


def new_context(browser: Browser, traffic: Traffic, **options: object) -> BrowserContext:
    context = browser.new_context(accept_downloads=True, **options)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    context.on("page", traffic.watch)
    return context


@pytest.fixture
def context(browser: Browser, traffic: Traffic) -> Iterator[BrowserContext]:
    """A fresh browser profile at laptop width; checks afterwards that its pages stayed on this service."""
    ctx = new_context(browser, traffic, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()
    traffic.check()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def phone(browser: Browser, traffic: Traffic) -> Iterator[Page]:
    """A page in a phone-sized browser (375 px wide, touch), with the same checks as ``context``."""
    ctx = new_context(
        browser, traffic, viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield ctx.new_page()
    ctx.close()
    traffic.check()


Screenshot = Callable[[Page, str], Path]


@pytest.fixture
def screenshot() -> Screenshot:
    """``screenshot(page, "name")`` saves the whole page to ``tests/screenshots/name.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
