"""Webhooks cannot be turned against the server's own network (SSRF): outside development
and tests, only https to hosts whose every address is public, connected to the address
that was checked; and a receiver that never answers is given up on."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from nedmatch.services.webhooks import addresses, transport
from nedmatch.services.webhooks.addresses import AddressError


@pytest.fixture
def production_rules(app: Flask) -> Iterator[None]:
    app.config["WEBHOOK_ALLOW_LOCAL"] = False
    yield
    app.config["WEBHOOK_ALLOW_LOCAL"] = True


def resolving_to(monkeypatch: pytest.MonkeyPatch, *found: str) -> list[tuple[str, int]]:
    """DNS answers with these addresses; any connection made is recorded, never opened."""
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, **kw: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in found
        ],
    )
    connected: list[tuple[str, int]] = []

    def refuse(address: tuple[str, int], *args: Any, **kwargs: Any) -> Any:
        connected.append(address)
        raise ConnectionRefusedError

    monkeypatch.setattr(socket, "create_connection", refuse)
    return connected


@pytest.mark.usefixtures("production_rules")
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://hr.example.nhs.uk/events", "https://"),
        ("https://localhost/events", "not this server"),
        ("ftp://hr.example.nhs.uk/", "https://"),
        ("https://user:pw@hr.example.nhs.uk/", "like https://"),
        ("https://hr.example.nhs.uk:port/", "port"),
    ],
)
def test_addresses_of_the_wrong_form_are_refused(url: str, message: str) -> None:
    with pytest.raises(AddressError, match=message):
        addresses.check_url(url)


@pytest.mark.usefixtures("production_rules")
@pytest.mark.parametrize(
    "found",
    [
        ("127.0.0.1",),
        ("10.1.2.3",),
        ("192.168.0.10",),
        ("169.254.169.254",),  # the cloud metadata service
        ("::1",),
        ("::ffff:10.0.0.1",),
        ("100.64.0.1",),  # carrier-grade NAT
        ("93.184.215.14", "10.0.0.5"),  # one public, one private: refused whole
    ],
)
def test_private_addresses_are_refused_and_never_connected_to(
    monkeypatch: pytest.MonkeyPatch, found: tuple[str, ...]
) -> None:
    connected = resolving_to(monkeypatch, *found)
    outcome = transport.post("https://hooks.example.com/x", b"{}", {})
    assert outcome.status_code is None
    assert "private or local" in (outcome.error or "")
    assert connected == []


@pytest.mark.usefixtures("production_rules")
def test_a_public_address_is_connected_to_as_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    connected = resolving_to(monkeypatch, "93.184.215.14")
    outcome = transport.post("https://hooks.example.com:8443/x?y=1", b"{}", {})
    assert connected == [("93.184.215.14", 8443)]
    assert outcome.error == "Connection refused: nothing is listening at that address"


def test_development_and_tests_may_send_to_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    target = addresses.resolve("http://127.0.0.1:8080/hook")
    assert (target.scheme, target.address, target.port, target.path) == (
        "http",
        "127.0.0.1",
        8080,
        "/hook",
    )


def test_a_receiver_that_never_answers_times_out() -> None:
    with socket.socket() as listener:  # accepts the connection, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        outcome = transport.post(f"http://127.0.0.1:{port}/", b"{}", {}, timeout=0.3)
    assert outcome.status_code is None
    assert outcome.error == "No answer within 0.3 seconds"
