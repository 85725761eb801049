"""Nothing but the page collabcheck serves can reach a sitting: the attacks, over real sockets.

A web page on another site opening a websocket to the port, a DNS-rebinding name in `Host`,
and (off this computer) anyone without the secret in the printed address are each refused
with 403 before any app starts; the real page and its own websocket still work."""

from __future__ import annotations

import asyncio
import http.client
from urllib.parse import urlsplit

import pytest

from collabcheck.cli.serve_guard import COOKIE, Guard

from .running import APP, serving

aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve")
pytestmark = pytest.mark.skipif(APP is None, reason="the collabcheck console script is not installed")


def get(port: int, path: str = "/", **headers: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


async def _socket(port: int, path: str, headers: dict[str, str]) -> int | str:
    """The HTTP status a websocket handshake gets, or 'open' with the app's first bytes."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(
                f"http://127.0.0.1:{port}{path}", headers=headers, timeout=aiohttp.ClientWSTimeout(ws_close=5)
            ) as ws:
                msg = await asyncio.wait_for(ws.receive(), 20)
                await ws.close()
                drawn = msg.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)
                return "open" if drawn else str(msg.type)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def socket_status(port: int, path: str = "/ws", **headers: str) -> int | str:
    return asyncio.run(_socket(port, path, headers))


def test_on_loopback_only_this_servers_own_page_reaches_a_sitting(tmp_path):
    with serving(tmp_path) as served:
        port, here = served.port, f"127.0.0.1:{served.port}"
        page = get(port)
        assert page.status == 200 and b"<title>collabcheck</title>" in page.body
        assert get(port, Host=f"localhost:{port}").status == 200
        # DNS rebinding: a foreign name that now points here
        rebound = get(port, Host=f"evil.example:{port}")
        assert rebound.status == 403 and b"evil.example" not in rebound.body
        assert get(port, Host="127.0.0.1:1").status == 403  # another port's page
        # another site's page asking for ours in the background
        assert get(port, Origin="http://evil.example").status == 403
        # websockets: another site's page, no Origin at all, a rebound Host
        assert socket_status(port, Origin="http://evil.example") == 403
        assert socket_status(port, Origin=f"http://{here}.evil.example") == 403
        assert socket_status(port) == 403
        assert socket_status(port, Host=f"evil.example:{port}", Origin=f"http://evil.example:{port}") == 403
        assert socket_status(port, "/download/anything", Origin="http://evil.example") == 403
        # the page's own websocket starts a sitting
        assert socket_status(port, Origin=f"http://{here}") == "open"
    # a quiet server: no access-log line under its address (refusals included)
    assert "GET /" not in served.after and "HTTP/1.1" not in served.after, served.after[-500:]


def test_off_loopback_the_printed_secret_is_needed(tmp_path):
    with serving(tmp_path, "0.0.0.0") as served:
        port, here = served.port, f"127.0.0.1:{served.port}"
        assert any(line.startswith("Warning:") for line in served.lines)
        secret = urlsplit(served.url).query.removeprefix("secret=")
        assert len(secret) >= 20
        without = get(port)
        assert without.status == 403 and b"secret" in without.body
        assert get(port, "/?secret=" + "x" * len(secret)).status == 403
        page = get(port, "/?" + urlsplit(served.url).query)
        assert page.status == 200
        cookie = page.getheader("Set-Cookie") or ""
        assert f"{COOKIE}={secret}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        # the page's websocket carries the cookie; without it, even from the right origin, no
        assert socket_status(port, Origin=f"http://{here}") == 403
        assert socket_status(port, Origin=f"http://{here}", Cookie=f"{COOKIE}=guess") == 403
        assert socket_status(port, Origin="http://evil.example", Cookie=f"{COOKIE}={secret}") == 403
        assert socket_status(port, Origin=f"http://{here}", Cookie=f"{COOKIE}={secret}") == "open"


@pytest.mark.parametrize(
    ("host", "header", "ok"),
    [
        ("127.0.0.1", "127.0.0.1:8000", True),
        ("127.0.0.1", "LOCALHOST:8000", True),
        ("127.0.0.1", "[::1]:8000", True),
        ("127.0.0.1", "127.0.0.1", False),  # port 80 implied
        ("127.0.0.1", "127.0.0.1:8000.evil", False),
        ("127.0.0.1", "evil.example:8000", False),
        ("127.0.0.1", "", False),
        ("127.0.0.1", "[::1", False),
        ("::1", "[::1]:8000", True),
        ("0.0.0.0", "192.168.1.20:8000", True),
        ("0.0.0.0", "evil.example:8000", False),
        ("192.168.1.20", "192.168.1.20:8000", True),
        ("192.168.1.20", "127.0.0.1:8000", False),
    ],
)
def test_host_names_this_server_only(host, header, ok):
    guard = Guard(host, 8000, None if host in ("127.0.0.1", "::1") else "s" * 22)
    assert guard.host_ok(header) is ok


def test_origin_must_be_the_page_at_that_host():
    guard = Guard("127.0.0.1", 8000)
    assert guard.origin_ok("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert not guard.origin_ok("http://localhost:8000", "127.0.0.1:8000")
    assert not guard.origin_ok("null", "127.0.0.1:8000")
    assert not guard.origin_ok(None, "127.0.0.1:8000")
