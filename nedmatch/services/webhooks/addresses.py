"""Where a webhook may be sent. A team member types the address, so the server must not
be turned against its own network (SSRF): production sends only over https, to hosts whose
every address is public, and connects to the address it checked (a second DNS lookup
cannot swap in a private one). Development and tests may use http to this machine."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
URL_MAX = 500


class AddressError(ValueError):
    """An address webhooks may not be sent to; the message says why."""


@dataclass(frozen=True, slots=True)
class Target:
    scheme: str
    host: str  # as written, for the Host header and the certificate check
    port: int
    path: str  # with its query
    address: str  # the checked IP address to connect to


def allow_local() -> bool:
    """Development and tests send to receivers on this machine; production never."""
    return bool(current_app.config.get("WEBHOOK_ALLOW_LOCAL"))


def check_url(url: str) -> str:
    """The address, tidied, if its form is allowed (before any DNS lookup)."""
    url = url.strip()
    if len(url) > URL_MAX:
        raise AddressError(f"The address must be {URL_MAX} characters or fewer.")
    parts = urlsplit(url)
    local = (parts.hostname or "").lower() in LOCAL_HOSTS
    if parts.scheme != "https" and not (parts.scheme == "http" and local and allow_local()):
        raise AddressError("Enter an address that starts with https://")
    if not parts.hostname or parts.username or parts.password:
        raise AddressError("Enter an address like https://hr.example.nhs.uk/nedmatch-events")
    if local and not allow_local():
        raise AddressError("The address must be on the internet, not this server.")
    try:
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError as error:
        raise AddressError("The address has a port that is not a number.") from error
    return url


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(url: str) -> Target:
    """The address to connect to, or AddressError when it is not allowed now."""
    url = check_url(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise AddressError(f"{host} could not be found.") from error
    # IPv4 first: many servers have no IPv6 route out.
    addresses = sorted({str(info[4][0]) for info in found}, key=lambda a: (":" in a, a))
    if not addresses:
        raise AddressError(f"{host} could not be found.")
    if not allow_local() and not all(_public(a) for a in addresses):
        # Every address must be public: a host with one private address is refused whole.
        raise AddressError(f"{host} is a private or local address; webhooks are not sent there.")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(parts.scheme, host, port, path, addresses[0])
