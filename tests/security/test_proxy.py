"""Behind a load balancer the client's address comes from X-Forwarded-For, so rate limits
count people rather than the balancer; without trusted proxies the header is ignored."""

from __future__ import annotations

import pytest
from flask import request

from nedmatch import create_app


@pytest.mark.parametrize(("proxies", "expected"), [(0, "10.0.0.9"), (1, "203.0.113.7")])
def test_client_address_comes_from_trusted_proxies_only(proxies: int, expected: str) -> None:
    app = create_app("testing", TRUSTED_PROXY_COUNT=proxies)
    seen: list[str | None] = []
    app.before_request(lambda: seen.append(request.remote_addr))
    response = app.test_client().get(
        "/privacy",  # a page that needs no database
        headers={"X-Forwarded-For": "203.0.113.7"},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert response.status_code == 200
    assert seen == [expected]
