"""`collabcheck serve [--host H] [--port P]`: the app in a web browser, one sitting per tab.

For a partner who has never used a terminal, or who joins from another room: textual-serve
runs the same app for each browser tab that opens the address, as its own process, and that
process keeps its sitting in a folder of its own (see `collabcheck.tui.served`). It listens on
this computer only (127.0.0.1) unless a facilitator gives --host; there is no login, so any
other address gets a plain warning.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from collabcheck.core.errors import CollabcheckError

SERVED_FLAG = "--served"  # hidden: how the server starts each tab's app


def is_loopback(host: str) -> bool:
    """Whether only this computer can reach the address."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def tab_command(questions: str | None, snapshot_dir: Path) -> str:
    """The shell command textual-serve runs for each tab: this Python, this bank, this folder."""
    args = [sys.executable, "-m", "collabcheck", SERVED_FLAG, "--dir", str(snapshot_dir.resolve())]
    if questions:
        args += ["--questions", str(Path(questions).resolve())]
    return shlex.join(args)


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def ready_lines(host: str, port: int) -> list[str]:
    """What the server says once it is listening: the address to open, in plain words."""
    try:
        anywhere = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        anywhere = False
    if anywhere:  # 0.0.0.0 or ::, every address this computer has
        lines = [f"collabcheck is ready. On this computer, open this address in a web browser: "
                 f"{address('127.0.0.1', port)}",
                 f"From another computer, use this computer's name or network address with port "
                 f"{port}, for example http://<this-computer>:{port}"]
    else:
        lines = [f"collabcheck is ready. Open this address in a web browser: {address(host, port)}"]
    return lines + ["Each browser tab is its own sitting. Press Ctrl+C here to stop."]


def warning(host: str, port: int) -> str | None:
    if is_loopback(host):
        return None
    return (f"Warning: there is no login. Anyone who can reach this computer on port {port} can "
            "open a sitting, and carry on any unfinished one. Use this only on a network you "
            "trust, and stop it (Ctrl+C) when you have finished.")


def make_server(command: str, host: str, port: int):  # textual_serve.Server
    """A textual-serve Server that prints plain words and builds its links from the address
    the browser used (so --host 0.0.0.0 still gives other computers working links)."""
    from textual_serve.server import Server

    class PlainServer(Server):
        async def on_startup(self, app) -> None:  # aiohttp Application
            for line in ready_lines(host, port):
                print(line, flush=True)

        async def handle_index(self, request):  # aiohttp types
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

    return PlainServer(command, host=host, port=port, title="collabcheck")


def run_serve(args: argparse.Namespace) -> int:
    """Start the server; a port that is taken is one plain line and exit 2."""
    from collabcheck.core.bank import load_bank
    from collabcheck.core.paths import snapshot_dir

    load_bank(Path(args.questions) if args.questions else None)  # a broken bank: say so now
    host, port = args.host, args.port
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        raise CollabcheckError(None, "the browser version needs textual-serve "
                                     "(pip install textual-serve)") from None
    note = warning(host, port)
    if note:
        print(note, flush=True)
    server = make_server(tab_command(args.questions, snapshot_dir(args.dir)), host, port)
    try:
        server.serve()
    except OSError as exc:
        raise CollabcheckError(None, f"cannot listen on {address(host, port)} "
                                     f"({exc.strerror or exc}); try another --port") from None
    return 0

