"""Plain-words pieces shared by the reports and the app, so both say the same thing the same way.

Nothing here knows about a screen or a terminal: these helpers turn answers and figures into
short UK-English phrases and character bars that never depend on colour.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collabcheck.scoring.results import Comparison, PracticeResult

from collabcheck.core.bank import AGREE_LABELS, FOCUS_LABELS
from collabcheck.scoring.rounding import round_half_up as _round_half_up
from collabcheck.scoring.rules import SEEN_DIFFERENTLY

# A big history rounds the same few figures hundreds of thousands of times; rounding depends
# only on the figure, so each is worked out once.
round_half_up = functools.lru_cache(maxsize=65536)(_round_half_up)

# How every report and the app explain "not sure": the same words everywhere.
UNSURE_WORDS = "counted, but left out of the scores"
UNSURE_NOTE = f'"Not sure" answers are {UNSURE_WORDS}.'
NUMBER_WORDS = {0: "none", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
EIGHTHS = " ▏▎▍▌▋▊▉"


DISPLAY_MAX = 200
"""Longest name, role or label shown: a name of a megabyte must not make a report of gigabytes."""


def folder_words(started_in: str | None, here: str) -> str:
    """Where an unfinished sitting will be saved, said before it is carried on: '' when it
    is the folder in use now (or the sitting is from before folders were kept)."""
    if started_in is None or started_in == here:
        return ""
    import os

    if not os.path.isdir(started_in):
        return f"It was started in {started_in}, which is no longer there, so it will be saved in {here}."
    return f"It will be saved where it was started: {started_in}."


def moved_words(started_in: str | None, here: str) -> str:
    """Said at saving when the folder a sitting was started in has gone."""
    return (
        f"The folder this sitting was started in, {started_in}, is no longer there, so it is saved in {here}."
    )


def path_lines(path: str | os.PathLike[str], width: int) -> list[str]:
    """A file's or folder's path as lines of at most `width` characters, for a notice too
    narrow to hold it on one line (the terminal would otherwise fold it in the middle of a
    name). Lines break only after a path separator or, inside a name too long for a line,
    after a '-', '_' or space (never a '.', which would part 'sitting.json'); only a run
    with no such break that is longer than a whole line is cut. The home folder is said as
    '~'; control characters are shown as escapes, never obeyed."""
    text = os.fspath(path)
    home = os.path.expanduser("~")
    if home not in ("~", os.sep) and text.startswith(home.rstrip(os.sep) + os.sep):
        text = "~" + text[len(home.rstrip(os.sep)) :]
    text = "".join(ch if ch.isprintable() else _escape(ch) for ch in text)
    width = max(width, 8)
    seps = re.escape(os.sep + (os.altsep or ""))
    lines = [""]
    for part in filter(None, re.split(f"(?<=[{seps}])", text)):
        if len(part) <= width:
            pieces = [part]
        else:  # a name too long for any line starts one of its own and is broken inside
            lines.append("")
            bits = re.split(r"(?<=[-_ ])", part)
            pieces = [bit[i : i + width] for bit in bits for i in range(0, len(bit), width)]
        for piece in filter(None, pieces):
            if lines[-1] and len(lines[-1]) + len(piece) > width:
                lines.append("")
            lines[-1] += piece
    return [line for line in lines if line]


def _escape(ch: str) -> str:
    """A character that must not reach a terminal as itself, as a visible escape."""
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


@functools.lru_cache(maxsize=1024)  # a programme's history names the same few people thousands of times
def display_name(name: str, limit: int | None = None) -> str:
    """A name fit for one line: whitespace (newlines, tabs) collapsed, control characters
    shown as escapes (`\\x1b`, never obeyed), and at most `limit` (else DISPLAY_MAX)
    characters, a cut marked with '…'."""
    limit = DISPLAY_MAX if limit is None else limit
    clean = name.lstrip()[: limit * 4 + 64]  # enough to fill `limit` after collapsing; keeps this linear
    clean = "".join(ch if ch.isprintable() or ch.isspace() else _escape(ch) for ch in clean)
    clean = re.sub(r"\s+", " ", clean).strip() or "?"
    if len(clean) > limit:
        clean = clean[: max(limit - 1, 1)] + "…"
    return clean


def text_lines(text: str) -> list[str]:
    """Free text (a reflection) as clean lines: control characters dropped, tabs as spaces,
    runs of blank lines as one, no blank lines at either end; the writer's line breaks kept."""
    out: list[str] = []
    for raw in text.splitlines():
        line = "".join(
            " " if ch.isspace() else ch for ch in raw.expandtabs(4) if ch.isprintable() or ch.isspace()
        ).rstrip()
        if line.strip() or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def number_word(n: int) -> str:
    return NUMBER_WORDS.get(n, str(n))


def plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def fmt(x: float | None, places: int = 1) -> str:
    """Every figure a person reads goes through here: fixed places, halves up, '–' for none."""
    if x is None:
        return "–"
    if not math.isfinite(x):
        return str(x)
    return format(round_half_up(x, places), "f")


def fmt1(x: float | None) -> str:
    """A score, gap or position to one decimal place: '3.3', '–'."""
    return fmt(x, 1)


def fmt2(x: float | None) -> str:
    """A priority to two decimal places, for facilitators who recompute by hand."""
    return fmt(x, 2)


def signed(x: float | None, places: int = 1) -> str:
    """A signed figure with a real minus sign: '−1.0', '+0.5', '0.0'."""
    if x is None:
        return "–"
    text = fmt(abs(x), places)
    if round_half_up(x, places) == 0:
        return text
    return ("−" if x < 0 else "+") + text


def bar(value: float | None, top: float = 5.0, width: int = 10, ascii_only: bool = False) -> str:
    """A bar `width` characters long at `top`; eighth blocks for precision, '#' when ascii_only."""
    if value is None:
        return " " * width
    filled = max(0.0, min(value / top, 1.0)) * width
    if ascii_only:
        n = round(filled)
        return ("#" * n).ljust(width)
    whole = int(filled)
    rest = int(round((filled - whole) * 8))
    if rest == 8:
        whole, rest = whole + 1, 0
    text = "█" * whole + (EIGHTHS[rest] if rest and whole < width else "")
    return text.ljust(width)


def agree_words(value: Any) -> str:
    """An agree answer as the person gave it: 'Agree (4)', 'Not sure', 'Skipped'."""
    if value is None:
        return "Skipped"
    if value == "unsure":
        return "Not sure"
    if isinstance(value, int) and value in AGREE_LABELS:
        return f"{AGREE_LABELS[value]} ({value})"
    return str(value)


def authority_words(value: Any, names: dict[str, str]) -> str:
    """An authority answer: 'Shared equally', 'More Sam', 'Mostly Alice', 'Less say for Cy',
    'Someone outside', 'Not sure', 'Skipped'."""
    if value is None:
        return "Skipped"
    if value == "shared":
        return "Shared equally"
    if value == "outside":
        return "Someone outside"
    if value == "unsure":
        return "Not sure"
    if isinstance(value, str) and ":" in value:
        how, who = value.split(":", 1)
        if how == "less":
            return f"Less say for {names.get(who, who)}"
        word = {"mostly": "Mostly", "more": "More"}.get(how, how)
        return f"{word} {names.get(who, who)}"
    return str(value)


def focus_words(value: Any) -> str:
    if value is None:
        return "Skipped"
    if value == "unsure":
        return "Not sure"
    return FOCUS_LABELS.get(value, str(value))


def answer_words(kind: str, value: Any, names: dict[str, str]) -> str:
    """Any answer in words, by the kind of its item."""
    if kind == "authority":
        return authority_words(value, names)
    if kind == "focus":
        return focus_words(value)
    return agree_words(value)


def position_words(position: float | None) -> str:
    """A focus position (−2 task … +2 relationship) in words."""
    if position is None:
        return "no answer"
    if position <= -2:
        return "all on the task"
    if position <= -1.5:
        return "nearly all on the task"
    if position <= -0.5:
        return "mostly the task"
    if position < 0.5:
        return "balanced"
    if position < 1.5:
        return "mostly the relationship"
    if position < 2:
        return "nearly all on the relationship"
    return "all on the relationship"


def figures_of(
    values: Mapping[str, float | None], names: dict[str, str], signed_: bool = False, limit: int | None = None
) -> str:
    """'Dr Amira 5.0, Tom 1.7': each partner's own figure, so that an average is never the
    only figure shown for views far apart. In order of name, so the order partners sat in
    never changes a sentence."""
    show = signed if signed_ else fmt1
    shown = sorted(
        (display_name(names.get(pid, pid), limit), pid, v) for pid, v in values.items() if v is not None
    )
    return ", ".join(f"{name} {show(v)}" for name, _, v in shown)


def focus_picture(positions: dict[str, float | None], names: dict[str, str]) -> str:
    """'Alice: mostly the task (−1.0); Sam: balanced (0.0)'."""
    return "; ".join(
        f"{names.get(pid, pid)}: {position_words(p)}" + (f" ({signed(p)})" if p is not None else "")
        for pid, p in positions.items()
    )


def join_words(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' ('' for none): the one way lists are said."""
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def all_of(n: int, of: int | None = None) -> str:
    """'both of you', 'all three of you'; when only `n` of the `of` partners answered, 'the
    two of you who answered' (never "both of you" to a trio where one gave no answer)."""
    if of is not None and n < of:
        return f"the {number_word(n)} of you who answered"
    return "both of you" if n == 2 else f"all {number_word(n)} of you"


def _two_or_more(partners: int) -> str:
    return "you both" if partners == 2 else "two or more of you"


def talk_first_empty(compared: int, partners: int) -> str:
    """What to say when nothing is two or more points apart, honest about how much was compared."""
    if compared == 0:
        return (
            f"There is not enough to compare yet: no question was answered by "
            f"{_two_or_more(partners)}, so this cannot show whether you see things the same way."
        )
    return (
        f"No answers are two or more points apart, on the {compared} "
        f"{plural(compared, 'question')} {_two_or_more(partners)} answered."
    )


def seen_differently(practices: list[PracticeResult], partners: int) -> str:
    """Which practices are seen differently (apart by the rule's threshold or more).

    Says so plainly when no practice was scored by two partners, rather than "none differ".
    """
    differ = [str(p.number) for p in practices if p.seen_differently]
    compared = sum(p.divergence is not None for p in practices)
    threshold = fmt1(SEEN_DIFFERENTLY)
    if differ:
        return (
            f"Seen differently (apart by {threshold} or more): "
            f"{plural(len(differ), 'practice')} {', '.join(differ)}."
        )
    if compared == 0:
        return f"No practice was scored by {_two_or_more(partners)}, so there is not enough to compare yet."
    if compared == len(practices):
        return f"No practice is seen differently (apart by {threshold} or more)."
    if compared == 1:
        return (
            f"The one practice {_two_or_more(partners)} scored is not seen differently "
            f"(apart by {threshold} or more)."
        )
    return (
        f"Of the {number_word(compared)} practices {_two_or_more(partners)} scored, none is "
        f"seen differently (apart by {threshold} or more)."
    )


def names_of(c: Comparison, limit: int | None = None) -> dict[str, str]:
    """Each partner's name fit for one line, by partner id, in sitting order."""
    return {p.id: display_name(p.name, limit) for p in c.partners}


def where_a_sitting_stopped(
    stage: str, everyone_finished: bool, partner_name: str, current_item: int, total: int
) -> str:
    """Where an unfinished sitting was left, in words partners recognise; the same in the
    app's welcome screen, the browser's list of sittings and plain mode."""
    if stage == "who":
        return "the names were still being typed"
    if stage == "together" or everyone_finished:
        return "everyone has answered, and the comparison is next"
    return f"{display_name(partner_name)}'s turn, question {current_item + 1} of {total}"
