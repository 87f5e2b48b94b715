"""Sending one webhook request: to the checked address, with a timeout, no redirects
followed, and only the status code read back."""

from __future__ import annotations

import http.client
import socket
import ssl
from dataclasses import dataclass

from .addresses import AddressError, Target, resolve

TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Outcome:
    status_code: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to the checked address, with the certificate checked against the host name."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _said(error: Exception, timeout: float) -> str:
    """The failure in words an administrator can act on."""
    if isinstance(error, TimeoutError | socket.timeout):
        return f"No answer within {timeout:g} seconds"
    if isinstance(error, ConnectionRefusedError):
        return "Connection refused: nothing is listening at that address"
    if isinstance(error, ssl.SSLError):
        return f"The secure connection failed: {error.reason or error}"[:300]
    if isinstance(error, OSError) and error.strerror:
        return f"Could not connect: {error.strerror}"[:300]
    return f"{type(error).__name__}: {error}"[:300]


def post(
    url: str, body: bytes, headers: dict[str, str], timeout: float = TIMEOUT_SECONDS
) -> Outcome:
    try:
        target = resolve(url)
    except AddressError as error:
        return Outcome(None, str(error))
    make = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = make(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(1024)  # a little, so the connection closes cleanly; never kept
        return Outcome(response.status, None)
    except (OSError, http.client.HTTPException) as error:
        return Outcome(None, _said(error, timeout))
    finally:
        connection.close()
