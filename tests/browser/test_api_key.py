"""With API keys configured, the pages ask for one: typed once per tab, sent with every request and WebSocket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, keyword_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KEY = "tab-key-0451"


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = keyword_server(tmp_path_factory.mktemp("keyed-db"), api_keys=[KEY])
    yield live
    live.stop()


def use_key(page: Page, key: str) -> None:
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Use").click()
    expect(page.get_by_text("set for this tab")).to_be_visible()


def test_practice_asks_for_the_key_then_works_with_it(page: Page, keyed_server: LiveServer) -> None:
    page.goto(f"{keyed_server.url}/practice")
    page.get_by_label("Your question").fill("What would help?")
    page.get_by_role("button", name="Check my question").click()
    expect(page.get_by_role("alert")).to_contain_text("Type the service's API key in the box at the top of the page.")

    use_key(page, KEY)
    expect(page.get_by_label("Situation", exact=True).locator("option")).to_have_count(25)  # drills load with the key
    page.get_by_label("Your question").fill("What would help?")
    page.get_by_role("button", name="Check my question").click()
    expect(page.get_by_role("region", name="What Coach heard")).to_contain_text("open question")

    page.get_by_role("button", name="Forget").click()
    expect(page.get_by_role("button", name="Use")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('coach-api-key')") is None


def test_the_live_page_connects_with_the_key(page: Page, keyed_server: LiveServer) -> None:
    page.goto(f"{keyed_server.url}/live")
    expect(page.get_by_role("alert")).to_contain_text("A valid API key is required")

    use_key(page, KEY)
    expect(page.locator("#status")).to_have_text("Connected. Ready.")


def test_without_configured_keys_the_pages_ask_for_none(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/practice")
    expect(page.get_by_label("Situation", exact=True).locator("option")).to_have_count(25)  # the page has loaded
    expect(page.get_by_label("API key")).to_have_count(0)


def test_the_key_is_not_kept_beyond_the_tab(page: Page, keyed_server: LiveServer) -> None:
    page.goto(f"{keyed_server.url}/practice")
    use_key(page, KEY)
    assert page.evaluate("localStorage.length") == 0
    other = page.context.new_page()
    other.goto(f"{keyed_server.url}/practice")
    expect(other.get_by_role("button", name="Use")).to_be_visible()  # a new tab starts without it
    other.close()


def test_the_sets_pages_use_the_key(page: Page, keyed_server: LiveServer) -> None:
    page.goto(f"{keyed_server.url}/sets")
    expect(page.get_by_role("alert")).to_contain_text("Type the service's API key in the box at the top of the page.")

    use_key(page, KEY)
    expect(page.get_by_text("No sets yet.")).to_be_visible()
    page.get_by_label("Name of the new set").fill("Keyed set")
    page.get_by_role("button", name="Create the set").click()
    page.get_by_role("link", name="Keyed set").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keyed set")

    page.goto(keyed_server.url)
    expect(page.get_by_label("Save to a set").locator("option")).to_have_text(["Don't save", "Keyed set", "New set…"])
