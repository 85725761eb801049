"""`collabcheck serve --plain`: plain mode as web pages, for screen readers and keyboards.

The browser version of the app draws on a canvas, which a screen reader cannot read. Here
the same conversation as `collabcheck --plain` (the very same code, `collabcheck.plain`) runs
for each visitor in a thread of its own, and each step is a real HTML page (see
`collabcheck.cli.plain_page`). Each sitting keeps its autosave in a folder of its own, as
each tab of `collabcheck serve` does, and carries on in a new tab with the same short code;
the snapshot written is plain mode's. Requests are checked as the app's are
(`collabcheck.cli.serve_guard`), and a form is accepted only from this server's own page.
"""

from __future__ import annotations

import asyncio
import hmac
import io
import secrets
import threading
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from collabcheck.cli.plain_page import page, start_page, step_from
from collabcheck.cli.serve_guard import COOKIE, Guard
from collabcheck.core import state
from collabcheck.core.bank import Bank
from collabcheck.tui import tab_code

if TYPE_CHECKING:  # imported when the server starts, so the app starts without it
    from aiohttp import web

IDLE = 3 * 60 * 60.0  # seconds a page may wait for an answer before its sitting is kept and ended
STEP = 45.0  # seconds an answer may take (a push takes up to 30) before the page says "working"
MAX_LINE = 4000  # characters of one answer
MAX_SESSIONS = 64


class Channel(io.TextIOBase):
    """Plain mode's input and output, between its thread and the web server.

    Plain mode writes each thing it says in one `write` and reads one line at a time; the
    server takes what was written since the last answer, and hands in the next answer."""

    def __init__(self, idle: float = IDLE) -> None:
        super().__init__()
        self.cond = threading.Condition()
        self.lines: deque[str] = deque()
        self.chunks: list[str] = []
        self.reads = 0  # how many times plain mode has asked for a line
        self.waiting = False
        self.finished = False
        self.ended = False
        self.idle = idle

    # plain mode's side
    def write(self, text: str) -> int:
        with self.cond:
            self.chunks.append(text)
        return len(text)

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        """Yes: a hand-over's clearing is understood (the page drops what came before)."""
        return True

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]  # typeshed: IOBase's is bytes
        with self.cond:
            self.reads += 1
            self.waiting = True
            self.cond.notify_all()
            self.cond.wait_for(lambda: bool(self.lines) or self.ended, timeout=self.idle)
            self.waiting = False
            return self.lines.popleft() if self.lines else ""  # "" is the end of input

    # the server's side
    def answer(self, line: str, timeout: float = STEP) -> None:
        """Hand in one line and wait until plain mode asks for the next (or finishes)."""
        with self.cond:
            if not self.waiting:
                return  # still working on the last answer: a double click
            asked = self.reads
            self.chunks = []
            self.lines.append(line.replace("\n", " ")[:MAX_LINE] + "\n")
            self.cond.notify_all()
            self.cond.wait_for(lambda: self.reads > asked or self.finished, timeout=timeout)

    def first(self, timeout: float = STEP) -> None:
        with self.cond:
            self.cond.wait_for(lambda: self.reads > 0 or self.finished, timeout=timeout)

    def end(self) -> None:
        with self.cond:
            self.ended = True
            self.cond.notify_all()

    def done(self) -> None:
        with self.cond:
            self.finished = True
            self.cond.notify_all()

    def shown(self) -> tuple[list[str], bool, bool]:
        """What was said since the last answer, whether a line is awaited, whether it ended."""
        with self.cond:
            return list(self.chunks), self.waiting and not self.finished, self.finished


class Visit:
    """One sitting in plain web pages: its folder, its code and plain mode's thread."""

    def __init__(self, bank: Bank, snapshot_dir: Path, state_root: Path, claim: state.Claim) -> None:
        self.id = secrets.token_urlsafe(16)
        self.claim = claim
        self.code = tab_code.code_for(tab_code.state_key(state_root), claim.folder)
        self.channel = Channel()
        self.thread = threading.Thread(
            target=self._run, args=(bank, snapshot_dir), daemon=True, name=f"plain-{self.id[:6]}"
        )

    def _run(self, bank: Bank, snapshot_dir: Path) -> None:
        from collabcheck.plain.flow import PlainSitting
        from collabcheck.plain.talk import Conversation

        try:
            stream = cast(TextIO, self.channel)
            sitting = PlainSitting(bank, snapshot_dir, self.claim.folder, stream, stream)
            sitting.talk = Conversation(stream, stream, width=1_000_000)  # the page wraps
            sitting.run()
        finally:
            self.claim.release()
            self.channel.done()


class PlainWeb:
    """The web server's handlers: the start page, a new or carried-on sitting, each step."""

    def __init__(self, bank: Bank, snapshot_dir: Path, state_root: Path, guard: Guard) -> None:
        self.bank = bank
        self.snapshot_dir = snapshot_dir
        self.state_root = state_root
        self.guard = guard
        self.visits: dict[str, Visit] = {}
        self.tries: dict[str, int] = {}

    def app(self) -> web.Application:
        from aiohttp import web

        app = web.Application(client_max_size=64 * 1024)
        app.add_routes(
            [
                web.get("/", self.start),
                web.post("/new", self.new),
                web.get("/s/{id}", self.show),
                web.post("/s/{id}", self.send),
            ]
        )
        app.on_shutdown.append(self.shutdown)
        return app

    def _refuse(self, request: web.Request, form: bool = False) -> None:
        from aiohttp import web

        headers, query, cookies = dict(request.headers), dict(request.query), dict(request.cookies)
        reason = self.guard.refuse_page(headers, query, cookies)
        if reason is None and form and not self.guard.origin_ok(headers.get("Origin"), headers.get("Host")):
            reason = "Only a page from this collabcheck server may send answers."
        if reason:
            raise web.HTTPForbidden(text=reason + "\n")

    @staticmethod
    def _html(text: str, status: int = 200) -> web.Response:
        from aiohttp import web

        response = web.Response(text=text, content_type="text/html", status=status)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        )
        return response

    def _waiting(self) -> list[Path]:
        return [f for f, _ in state.unfinished(self.state_root, self.bank.id, self.bank.version)]

    async def start(self, request: web.Request) -> web.Response:
        self._refuse(request)
        response = self._html(start_page(bool(await asyncio.to_thread(self._waiting))))
        if self.guard.secret:
            response.set_cookie(COOKIE, self.guard.secret, httponly=True, samesite="Strict")
        return response

    async def new(self, request: web.Request) -> web.Response:
        from aiohttp import web

        self._refuse(request, form=True)
        typed = str((await request.post()).get("code", "")).strip()
        claim = await asyncio.to_thread(self._claim, typed)
        if claim is None:
            who = request.remote or "?"
            self.tries[who] = self.tries.get(who, 0) + 1
            problem = (
                "No unfinished sitting has that code. Check it, or start a new sitting."
                if self.tries[who] < tab_code.TRIES
                else "That code was not found. Please start a new sitting."
            )
            return self._html(start_page(self.tries[who] < tab_code.TRIES, problem), status=200)
        if len(self.visits) >= MAX_SESSIONS:
            self._tidy()
        if len(self.visits) >= MAX_SESSIONS:
            claim.release()
            return self._html(
                start_page(
                    False, "Too many sittings are open at once on this computer. Please try again later."
                ),
                status=503,
            )
        visit = Visit(self.bank, self.snapshot_dir, self.state_root, claim)
        self.visits[visit.id] = visit
        visit.thread.start()
        await asyncio.to_thread(visit.channel.first)
        raise web.HTTPSeeOther(f"/s/{visit.id}")

    def _claim(self, typed: str) -> state.Claim | None:
        if not typed:
            return state.new_claim(self.state_root)
        key = tab_code.state_key(self.state_root)
        for folder in self._waiting():
            if tab_code.matches(typed, tab_code.code_for(key, folder)):
                return state.claim(folder)
        return None

    def _visit(self, request: web.Request) -> Visit:
        from aiohttp import web

        wanted = request.match_info["id"]
        for key, visit in self.visits.items():
            if hmac.compare_digest(key.encode(), wanted.encode()):
                return visit
        raise web.HTTPNotFound(
            text="This sitting's page is no longer open. Open the first "
            "page again and carry on with your code.\n"
        )

    async def show(self, request: web.Request) -> web.Response:
        self._refuse(request)
        visit = self._visit(request)
        chunks, waiting, finished = visit.channel.shown()
        step = step_from(chunks, waiting, visit.code, f"/s/{visit.id}")
        step.busy = not waiting and not finished
        return self._html(page(step))

    async def send(self, request: web.Request) -> web.Response:
        from aiohttp import web

        self._refuse(request, form=True)
        visit = self._visit(request)
        form = await request.post()
        line = str(form.get("line", "")).strip() or str(form.get("choice", "")).strip()
        await asyncio.to_thread(visit.channel.answer, line)
        if request.headers.get("Sec-Fetch-Mode") == "cors":  # the page's own script
            return await self.show(request)
        raise web.HTTPSeeOther(f"/s/{visit.id}")

    def _tidy(self) -> None:
        for key in [k for k, v in self.visits.items() if v.channel.finished]:
            del self.visits[key]

    async def shutdown(self, app: web.Application) -> None:
        """Stopping the server keeps every sitting, as the end of input does in plain mode."""
        for visit in self.visits.values():
            visit.channel.end()
        for visit in self.visits.values():
            await asyncio.to_thread(visit.thread.join, 10)


def serve_plain(bank: Bank, snapshot_dir: Path, state_root: Path, guard: Guard, ready: list[str]) -> None:
    """Run the plain web pages until Ctrl+C."""
    import logging

    from aiohttp import web

    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    site = PlainWeb(bank, snapshot_dir, state_root, guard)

    def say(*_args: object) -> None:
        for line in ready:
            print(line, flush=True)

    web.run_app(site.app(), host=guard.host, port=guard.port, print=say, access_log=None)
