"""Text that people typed (names, roles) or a facilitator wrote (bank text) made safe for markup.

Screens use Textual markup for bold headings; a name such as "[Sam]" or one with a newline
must show exactly as typed on one line and never break the markup around it.
"""

from __future__ import annotations

from textual.markup import escape

from collabcheck.render.words import display_name


def safe(text: str, limit: int | None = None) -> str:
    """One line, markup escaped: for names and any bank text placed inside markup."""
    return escape(display_name(text, limit))


def safe_block(text: str) -> str:
    """Markup escaped, line breaks kept: for longer bank text such as questions."""
    return escape(text)
