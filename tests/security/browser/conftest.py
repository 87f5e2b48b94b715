"""The browser tests' fixtures (live server, Chromium), for the CSP checks kept here."""

from tests.browser.conftest import (  # noqa: F401 - fixtures are found by name
    _live_server,
    _playwright,
    browser,
    live_server,
    new_context,
)
