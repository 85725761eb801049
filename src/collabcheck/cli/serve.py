"""`collabcheck serve [--host H] [--port P]`: the app in a web browser, one sitting per tab.

For a partner who has never used a terminal, or who joins from another room: textual-serve
runs the same app for each browser tab that opens the address, as its own process, and that
process keeps its sitting in a folder of its own (see `collabcheck.tui.served`). It listens on
this computer only (127.0.0.1) unless a facilitator gives --host. Only requests naming this
server, from its own page, reach a sitting (`collabcheck.cli.serve_guard`); off this computer
the printed address also carries a secret, and a plain warning says who could connect. The
page itself (`web/app_index.html`) needs nothing from outside this computer.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from collabcheck.cli.serve_guard import COOKIE as COOKIE_NAME
from collabcheck.cli.serve_guard import Guard, new_secret
from collabcheck.core.errors import CollabcheckError

if TYPE_CHECKING:  # imported when a server starts, so the app starts without them
    from aiohttp import web
    from textual_serve.server import Server

SERVED_FLAG = "--served"  # hidden: how the server starts each tab's app
PAGE_FOLDER = Path(__file__).parent / "web"


def is_loopback(host: str) -> bool:
    """Whether only this computer can reach the address."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def tab_command(questions: str | None, snapshot_dir: Path, shared: bool = False) -> str:
    """The shell command textual-serve runs for each tab: this Python, this bank, this folder;
    with `shared`, tabs see every pair's sittings (the facilitator's --shared-tabs)."""
    args = [sys.executable, "-m", "collabcheck", SERVED_FLAG, "--dir", str(snapshot_dir.resolve())]
    if shared:
        args.append(SERVED_FLAG + "-shared")
    if questions:
        args += ["--questions", str(Path(questions).resolve())]
    return shlex.join(args)


def address(host: str, port: int) -> str:
    """The server's address as a browser needs it (an IPv6 host in brackets)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def guard_for(host: str, port: int) -> Guard:
    """The rules for a server on this address: a new secret unless only this computer can
    reach it."""
    return Guard(host, port, None if is_loopback(host) else new_secret())


def ready_lines(guard: Guard) -> list[str]:
    """What the server says once it is listening: the address to open, in plain words."""
    try:
        anywhere = ipaddress.ip_address(guard.host.strip("[]")).is_unspecified
    except ValueError:
        anywhere = False
    if anywhere:  # 0.0.0.0 or ::, every address this computer has
        lines = [
            f"collabcheck is ready. On this computer, open this address in a web browser: "
            f"{guard.link('127.0.0.1')}",
            f"From another computer, use this computer's name or network address in its "
            f"place, for example {guard.link('<this-computer>')}",
        ]
    else:
        lines = [f"collabcheck is ready. Open this address in a web browser: {guard.link()}"]
    if guard.secret:
        lines.append("Give the whole address, secret included, only to the people taking part.")
    return lines + ["Each browser tab is its own sitting. Press Ctrl+C here to stop."]


def warning(host: str, port: int) -> str | None:
    """The warning printed before a server others can reach starts; None on this computer only."""
    if is_loopback(host):
        return None
    return (
        f"Warning: anyone on this network who has the address printed below can open a "
        f"sitting on port {port}. Use this only on a network you trust, and stop it "
        "(Ctrl+C) when you have finished."
    )


def make_server(command: str, guard: Guard) -> Server:
    """A textual-serve Server that prints plain words, serves its page from this package,
    refuses any request the guard refuses, and builds its links from the address the
    browser used (so --host 0.0.0.0 still gives other computers working links)."""
    import asyncio
    import logging

    from aiohttp import web
    from textual_serve.server import Server

    async def say_when_listening() -> None:
        target = "127.0.0.1" if guard.host in ("0.0.0.0", "::") else guard.host.strip("[]")
        for _ in range(200):
            try:
                _, writer = await asyncio.open_connection(target, guard.port)
            except OSError:
                await asyncio.sleep(0.025)
                continue
            writer.close()
            break
        for line in ready_lines(guard):
            print(line, flush=True)

    def refused(reason: str) -> web.HTTPForbidden:
        return web.HTTPForbidden(text=reason + "\n")

    def parts(request: web.Request) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        return dict(request.headers), dict(request.query), dict(request.cookies)

    class PlainServer(Server):
        def initialize_logging(self) -> None:
            """Only problems in the server's window, so its address stays in view."""
            logging.basicConfig(level=logging.WARNING, format="%(message)s")
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

        async def on_startup(self, app: web.Application) -> None:
            """Say "ready" once the port answers (aiohttp starts listening after this)."""
            app["ready"] = asyncio.get_running_loop().create_task(say_when_listening())

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            reason = guard.refuse_page(*parts(request))
            if reason:
                raise refused(reason)
            self.public_url = f"{request.scheme}://{request.host}"
            response = await super().handle_index(request)
            response.headers["Cache-Control"] = "no-store"
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
                "'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
                f"connect-src 'self' ws://{request.host}; frame-ancestors 'none'"
            )
            if guard.secret:
                response.set_cookie(COOKIE_NAME, guard.secret, httponly=True, samesite="Strict")
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            reason = guard.refuse_socket(*parts(request))
            if reason:
                raise refused(reason)
            return await super().handle_websocket(request)

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            reason = guard.refuse_page(*parts(request))
            if reason:
                raise refused(reason)
            return await super().handle_download(request)

    return PlainServer(
        command, host=guard.host, port=guard.port, title="collabcheck", templates_path=PAGE_FOLDER
    )


def run_serve(args: argparse.Namespace) -> int:
    """Start the server; a port that is taken is one plain line and exit 2."""
    from collabcheck.core.bank import load_bank
    from collabcheck.core.paths import snapshot_dir

    bank = load_bank(Path(args.questions) if args.questions else None)  # broken: say so now
    host, port = args.host, args.port
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        raise CollabcheckError(
            None, "the browser version needs textual-serve (pip install textual-serve)"
        ) from None
    note = warning(host, port)
    if note:
        print(note, flush=True)
    if getattr(args, "shared_tabs", False):
        print(
            "Every tab can list and carry on any pair's unfinished sitting, and see past "
            "sittings (--shared-tabs).",
            flush=True,
        )
    guard = guard_for(host, port)
    try:
        if getattr(args, "plain", False):  # plain mode as web pages, for screen readers
            from collabcheck.cli.plain_web import serve_plain
            from collabcheck.core.paths import state_dir

            lines = ready_lines(guard)
            lines.insert(-1, "Plain pages: each step is a simple web page, for screen readers.")
            serve_plain(bank, snapshot_dir(args.dir), state_dir(None), guard, lines)
            return 0
        command = tab_command(args.questions, snapshot_dir(args.dir), getattr(args, "shared_tabs", False))
        make_server(command, guard).serve()
    except OSError as exc:
        raise CollabcheckError(
            None, f"cannot listen on {address(host, port)} ({exc.strerror or exc}); try another --port"
        ) from None
    return 0
