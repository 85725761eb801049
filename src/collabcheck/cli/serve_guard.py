"""Who may reach a sitting served by `collabcheck serve`: only the address it printed.

Any web page open in the same browser can try to open a websocket to a port on this computer,
and a name that first points elsewhere and then at 127.0.0.1 (DNS rebinding) can make a
foreign page look same-origin. So every request must name this server in `Host`, a websocket
must come from a page this server gave (`Origin`), and off this computer the printed address
carries a secret, kept afterwards in a cookie only this site is sent, as notebook servers do.
The checks are plain functions of the request's headers, so they are tested without a socket.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field

COOKIE = "collabcheck_secret"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def _unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def new_secret() -> str:
    """A secret too long to guess (128 bits), safe in an address."""
    return secrets.token_urlsafe(16)


@dataclass
class Guard:
    """The rules for one server: its address and, off this computer, its secret."""

    host: str
    port: int
    secret: str | None = None
    names: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        names = {_bracketed(self.host.lower())}
        if self.secret is None or _unspecified(self.host):
            names.update(LOOPBACK_NAMES)
        if _unspecified(self.host):  # every name this computer answers to
            for name in (socket.gethostname(), socket.getfqdn()):
                if name:
                    names.add(name.lower())
        self.names = names

    def host_ok(self, host_header: str | None) -> bool:
        """Whether `Host` names this server: one of its names (or, listening on every
        address, any address written as numbers), with this port."""
        if not host_header:
            return False
        value = host_header.strip().lower()
        if value.startswith("["):  # an IPv6 address, maybe with a port after the bracket
            name, _, rest = value.partition("]")
            name += "]"
            if rest and not rest.startswith(":"):
                return False
            port = rest[1:]
        else:
            name, _, port = value.partition(":")
        if (port or "80") != str(self.port):
            return False
        if name in self.names:
            return True
        return _unspecified(self.host) and _is_ip(name)

    def origin_ok(self, origin: str | None, host_header: str | None) -> bool:
        """Whether `Origin` is a page of this server: the same scheme-less address as Host."""
        if origin is None or host_header is None:
            return False
        return origin.strip().lower() == f"http://{host_header.strip().lower()}"

    def secret_ok(self, query: Mapping[str, str], cookies: Mapping[str, str]) -> bool:
        if self.secret is None:
            return True
        given = query.get("secret") or cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.secret.encode())

    def refuse_page(
        self, headers: Mapping[str, str], query: Mapping[str, str], cookies: Mapping[str, str]
    ) -> str | None:
        """Why a request for the page (or a download) is refused, or None to serve it."""
        if not self.host_ok(headers.get("Host")):
            return "This is not the address collabcheck is serving."
        origin = headers.get("Origin")
        if origin is not None and not self.origin_ok(origin, headers.get("Host")):
            return "Only a page from this collabcheck server may ask for that."
        if not self.secret_ok(query, cookies):
            return "This page needs the whole address collabcheck printed when it started, secret included."
        return None

    def refuse_socket(
        self, headers: Mapping[str, str], query: Mapping[str, str], cookies: Mapping[str, str]
    ) -> str | None:
        """Why a websocket is refused: the page's rules, and it must come from that page."""
        if not self.origin_ok(headers.get("Origin"), headers.get("Host")):
            return "Only a page from this collabcheck server may open a sitting."
        return self.refuse_page(headers, query, cookies)

    def link(self, host: str | None = None) -> str:
        """The address to print: this server's, with its secret if it has one."""
        shown = _bracketed(host or self.host)
        base = f"http://{shown}:{self.port}/"
        return f"{base}?secret={self.secret}" if self.secret else base
