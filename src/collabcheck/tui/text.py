"""Text that people typed (names, roles) or a facilitator wrote (bank text) made safe for markup.

Screens use Textual markup for bold headings; a name such as "[Sam]" or one with a newline
must show exactly as typed on one line and never break the markup around it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collabcheck.render.words import display_name

if TYPE_CHECKING:
    from textual import events

# The zero-width non-joiner and joiner: parts of Persian names and of many emoji, which Python
# does not count as printable, so a box that takes only printable keys would drop them.
JOINERS = frozenset("\u200c\u200d")


def typed(event: events.Key) -> str | None:
    """The character a key types into a box: a printable one, or a joiner; else None."""
    char = event.character
    return char if char is not None and (event.is_printable or char in JOINERS) else None


def _escape_all(text: str) -> str:
    """Every "[" escaped. Textual's own `escape` leaves brackets it does not take for a tag
    (so "Dev [GP]" lost "[GP]" on screen); escaping each one shows any text exactly as typed."""
    return text.replace("[", "\\[")


def safe(text: str, limit: int | None = None) -> str:
    """One line, markup escaped: for names and any bank text placed inside markup."""
    return _escape_all(display_name(text, limit))


def safe_block(text: str) -> str:
    """Markup escaped, line breaks kept: for longer bank text such as questions."""
    return _escape_all(text)
