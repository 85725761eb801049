"""Making text that came from a file safe to show: in a terminal, in JSON and in Markdown.

Snapshots live in shared repositories and anyone can edit one by hand, so a partner's name,
an item id or a file name can hold escape sequences (clear the screen, set the window
title, plant a hyperlink), bidirectional overrides that make text read backwards, or
Markdown and HTML. Every command writes its output through `terminal_safe` (or `json_safe`
for JSON), and every piece of file text put into Markdown goes through `md_escape`, so none
of it is ever executed: it is shown, visibly, as what it is (`\\x1b`, `\\u202e`).
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional controls, line and
# paragraph separators, and the byte-order mark: characters a terminal acts on, or that
# change how the text around them reads. Then lone surrogates: how Python holds the bytes of
# a file name that is not UTF-8, which no UTF-8 output can carry.
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff"
)
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
_UNSAFE_LINE_RE = re.compile(f"[{_UNSAFE}\t\n]")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that was not UTF-8, shown as that byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every control, escape and direction character shown as `\\x1b`, `\\u202e`…

    Newlines and tabs are kept: this is for whole reports. Linear in the length of the text.
    """
    return _UNSAFE_RE.sub(_visible, text)


def safe_line(text: str) -> str:
    """Like `terminal_safe`, and a newline or tab is shown too: for one-line messages, so a
    file name with a newline in it cannot forge a second message."""
    return _UNSAFE_LINE_RE.sub(_visible, text)


def _json_escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xD800 <= code <= 0xDFFF:  # not a character: its visible form, as JSON text
        return _visible(m).replace("\\", "\\\\")
    return f"\\u{code:04x}"


def json_safe(json_text: str) -> str:
    """JSON text with the same characters written as `\\uXXXX` escapes: the data is unchanged
    for any JSON reader, and a terminal shows the escapes instead of acting on them. A lone
    surrogate (a byte of a name that was not UTF-8) is not a character at all, so it becomes
    its visible form (`\\xe9`) and the JSON stays valid UTF-8 for the strictest reader.

    Only valid on JSON produced by `json.dumps`, where such characters can only be inside
    strings (outside strings JSON is plain ASCII).
    """
    if json_text.isascii() and "\x7f" not in json_text:
        return json_text  # nothing to escape: json.dumps escapes every other ASCII control
    return _UNSAFE_RE.sub(_json_escape, json_text)


# Everything Markdown (and the HTML inside it) could read as markup, links included.
_MD_RE = re.compile(r"[\\`*_\[\]<>#|~&]")
# What only means something at the start of a line: a rule (`---`), a heading underline
# (`===`) or a list (`- `, `+ `). A number such as -0.5 is left as it is.
_MD_START_RE = re.compile(r"^( *)([-+=])(?=[-+= ]|$)")
# What GitHub and others turn into a link with no markup at all: `https://…`, `www.…` and
# email addresses. An escaped `:`, `.` or `@` is shown the same but links nothing.
_MD_AUTOLINK_RE = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?<=\bwww)(\.)|(@)", re.IGNORECASE)


def md_escape(text: str) -> str:
    """Text as literal Markdown: every character that could start markup, a link or HTML
    is escaped with a backslash, and line breaks become spaces (one line, fit for a table
    cell, a heading or a list item). At its start, what would make a rule, a heading or a
    list is escaped too (an id of `---`), and a bare web or email address is kept from
    becoming a link."""
    out = _MD_RE.sub(r"\\\g<0>", text)
    out = out.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    out = _MD_AUTOLINK_RE.sub(lambda m: "\\" + m.group(), out)
    return _MD_START_RE.sub(r"\1\\\2", out, count=1)
