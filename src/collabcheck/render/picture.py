"""The picture of where each partner stands, in words and as an SVG for the Markdown report.

The sentence is not a caption: it is the picture for anyone who prefers or needs words (plain
mode, screen readers), so it says everything the picture shows: where each partner stands
on the say and on attention, which way each arrow points, the say put outside the
partnership, and how far apart the partners are (the report's own gaps). The SVG marks each
partner with their letter inside a shape of their own, so nothing depends on colour; its
only text is the axis labels, the letters and the facts of the sentence (kept whole in its
`<title>` and `<desc>`). Numbers come from `collabcheck.history.picture`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from collabcheck.history.picture import Arrow, Picture, Place
from collabcheck.render.safe import md_escape
from collabcheck.render.words import all_of, display_name, fmt1, number_word
from collabcheck.scoring.rules import LEANING

ACROSS = ("The other partner(s)", "Shared", "Me")  # the say, left to right
UP = ("Task", "Relationship")  # attention, bottom to top
OUTSIDE_LABEL = "Outside the partnership"
SHAPES = ("circle", "square", "triangle", "diamond", "hexagon", "star")


def letters(names: dict[str, str]) -> dict[str, str]:
    """Each partner's letter: their initial when no one else shares it, else A, B, C… in
    sitting order (a letter never names two partners)."""
    initials = {pid: (name.strip()[:1] or "?").upper() for pid, name in names.items()}
    if len(set(initials.values())) == len(initials) and all(i.isalpha() for i in initials.values()):
        return initials
    return {pid: chr(65 + k) for k, pid in enumerate(names)}


@dataclass(frozen=True)
class Move:
    """One partner's line of the sentence, with the directions it states (so a test can hold
    the words to the arrows): across/up are −1, 0, +1, or None when there is no arrow."""

    pid: str
    across: int | None
    up: int | None
    text: str


BANDS = {
    "task": ("on the task", "the task"),
    "balanced": ("balanced", "a balance"),
    "relationship": ("on the relationship", "the relationship"),
}


def _attention_band(x: float | None) -> str | None:
    """A partner's attention in the report's own bands (rules.LEANING), or None."""
    if x is None:
        return None
    if x <= -LEANING:
        return "task"
    if x >= LEANING:
        return "relationship"
    return "balanced"


def _say(place: Place, names: dict[str, str], thing: str = "the say") -> str:
    """Where a partner sees the say ('the say as shared'), from the report's perceived holder."""
    h = place.holder
    if h == "shared":
        return f"{thing} as shared"
    if h == "outside":
        return f"{thing} outside the partnership"
    if h == place.pid:
        return f"{thing} with themselves"
    return f"{thing} with {names.get(h, h)}" if h is not None else ""


def _rank(place: Place) -> int | None:
    """Where a holder's words sit on the line: the other(s) −1, shared 0, themselves +1."""
    h = place.holder
    if h is None or h == "outside":
        return None
    return 0 if h == "shared" else (1 if h == place.pid else -1)


def _others(pid: str, names: dict[str, str]) -> str:
    others = [n for p, n in names.items() if p != pid]
    return others[0] if len(others) == 1 else "the others"


def move(arrow: Arrow, names: dict[str, str]) -> Move:
    """The words for one partner: where they stand now, and how they moved since last time."""
    now, before, name = arrow.now, arrow.before, names.get(arrow.pid, arrow.pid)
    band = _attention_band(now.attention)
    sees = f"sees {_say(now, names)}" if now.holder else "gave no view of who has the say"
    steps = arrow.steps
    if steps is None:
        att = f"attention {BANDS[band][0]}" if band else "no view on attention"
        where = "" if now.on_plane else " (so they are not on the picture)"
        return Move(arrow.pid, None, None, f"{name} {sees}, with {att}{where}.")
    across, up = steps
    assert before is not None and band is not None
    was, is_ = _rank(before), _rank(now)
    if across and was is not None and is_ is not None and (is_ - was) * across > 0:
        say = f"moved from seeing {_say(before, names)} to seeing {_say(now, names, 'it')}"
    elif across > 0:
        say = f"{sees}, and moved towards having more of it themselves"
    elif across < 0:
        say = f"{sees}, and moved towards {_others(arrow.pid, names)} having more of it"
    else:
        say = f"still {sees}"
    was_band = _attention_band(before.attention)
    if up and was_band is not None and was_band != band:
        attn = f"attention moved from {BANDS[was_band][1]} to {BANDS[band][1]}"
    elif up:
        towards = "the relationship" if up > 0 else "the task"
        attn = f"attention is {BANDS[band][0]}, a little nearer {towards} than before"
    else:
        attn = f"attention is still {BANDS[band][0]}"
    return Move(arrow.pid, across, up, f"{name} {say}; {attn}.")


def _steps(x: float) -> str:
    shown = fmt1(x)
    shown = shown[:-2] if shown.endswith(".0") else shown
    return f"{shown} step" if shown == "1" else f"{shown} steps"


def moves(pic: Picture, names: dict[str, str]) -> list[Move]:
    return [move(a, names) for a in pic.arrows]


def fit_names(names: dict[str, str]) -> dict[str, str]:
    """Names as the sentence and the key show them: one line each, at most 60 characters."""
    return {pid: display_name(n, 60) for pid, n in names.items()}


def sentence(pic: Picture, names: dict[str, str], you: bool = True) -> str:
    """Everything the picture shows, in words (names as given, one line each fit to show);
    `you=False` speaks of the partners as "they" (a facilitator's board paper)."""
    names = fit_names(names)
    parts = [m.text for m in moves(pic, names)]
    for p in pic.outside:
        total = p.outside + p.placed
        parts.append(
            f"{names.get(p.pid, p.pid)} put the say outside the partnership on "
            f"{p.outside} of {total} question{'s' if total != 1 else ''}."
        )
    if pic.say_gap is not None:
        now = " now" if pic.has_before else ""
        who, are = ("you", "are") if you else ("they", "are")
        viewed = sum(1 for a in pic.arrows if a.now.holder is not None)
        if viewed < len(pic.arrows):  # a partner with no view is not among those compared
            who = all_of(viewed, len(pic.arrows)) if you else f"the {number_word(viewed)} who answered"
        gap = (
            f"{who}{now} see who has the say the same way"
            if fmt1(pic.say_gap) == "0.0"
            else f"on who has the say {who} {are}{now} {_steps(pic.say_gap)} apart"
        )
        parts.append(
            gap[0].upper()
            + gap[1:]
            + (
                f", and {fmt1(pic.attention_gap)} apart on attention."
                if pic.attention_gap is not None
                else "."
            )
        )
    if not pic.has_before:
        parts.append("There is no earlier sitting to draw arrows from.")
    return " ".join(parts)


# -- SVG ------------------------------------------------------------------------------------

SIZE, LEFT, TOP, PLANE = 440, 90, 20, 240  # canvas width; the plane's corner and side


def to_xy(say: float, attention: float) -> tuple[float, float]:
    """A place on the plane in SVG units (−2…2 across, −2…2 up)."""
    return (LEFT + (say + 2) / 4 * PLANE, TOP + (2 - attention) / 4 * PLANE)


def _shape(kind: str, x: float, y: float, r: float, extra: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {extra}/>'
    if kind == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {extra}/>'
    corners = {
        "triangle": [(0, -1.2), (1.1, 0.8), (-1.1, 0.8)],
        "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
        "hexagon": [(1, 0), (0.5, 0.9), (-0.5, 0.9), (-1, 0), (-0.5, -0.9), (0.5, -0.9)],
        "star": [
            (0, -1.3),
            (0.4, -0.4),
            (1.3, -0.3),
            (0.6, 0.3),
            (0.8, 1.2),
            (0, 0.7),
            (-0.8, 1.2),
            (-0.6, 0.3),
            (-1.3, -0.3),
            (-0.4, -0.4),
        ],
    }[kind]
    points = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in corners)
    return f'<polygon points="{points}" {extra}/>'


def key_lines(names: dict[str, str]) -> list[str]:
    """'J  Jo Okafor': which letter is whom, in sitting order."""
    mark = letters(names)
    return [f"{mark[pid]}  {display_name(name, 60)}" for pid, name in names.items()]


def svg(pic: Picture, names: dict[str, str], you: bool = True) -> str:
    """The picture as a standalone SVG (XML) document; `names` by partner id."""
    said = sentence(pic, names, you)
    mark = letters(names)
    key = key_lines(names)
    height = TOP + PLANE + 56 + 16 * len(key)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{height}" '
        f'viewBox="0 0 {SIZE} {height}" role="img" aria-labelledby="t d" '
        'font-family="sans-serif" font-size="12">',
        f'<title id="t">{escape(said)}</title><desc id="d">{escape(said)}</desc>',
        '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="black"/></marker></defs>',
        f'<rect x="{LEFT}" y="{TOP}" width="{PLANE}" height="{PLANE}" fill="white" stroke="black"/>',
        f'<line x1="{LEFT + PLANE / 2}" y1="{TOP}" x2="{LEFT + PLANE / 2}" y2="{TOP + PLANE}" '
        'stroke="grey" stroke-dasharray="4 3"/>',
        f'<line x1="{LEFT}" y1="{TOP + PLANE / 2}" x2="{LEFT + PLANE}" y2="{TOP + PLANE / 2}" '
        'stroke="grey" stroke-dasharray="4 3"/>',
    ]
    below = TOP + PLANE + 16
    for label, lx, ly, anchor in zip(
        ACROSS,
        (LEFT, LEFT + PLANE / 2, LEFT + PLANE),
        (below, below + 16, below),
        ("start", "middle", "end"),
        strict=True,
    ):
        out.append(f'<text x="{lx}" y="{ly}" text-anchor="{anchor}">{escape(label)}</text>')
    out.append(f'<text x="{LEFT - 6}" y="{TOP + 12}" text-anchor="end">{UP[1]}</text>')
    out.append(f'<text x="{LEFT - 6}" y="{TOP + PLANE}" text-anchor="end">{UP[0]}</text>')
    for k, a in enumerate(pic.arrows):
        shape, letter = SHAPES[k % len(SHAPES)], mark.get(a.pid, "?")
        point = a.now.point
        if point is None:
            continue
        x, y = to_xy(*point)
        before = a.before.point if a.before is not None else None
        if before is not None and a.steps != (0, 0):
            bx, by = to_xy(*before)
            out.append(_shape(shape, bx, by, 6, 'fill="none" stroke="black" stroke-dasharray="2 2"'))
            length = math.hypot(x - bx, y - by)
            if length > 24:  # the arrow stops at the edge of the shape, so its head shows
                ex, ey = x - (x - bx) * 15 / length, y - (y - by) * 15 / length
                out.append(
                    f'<line x1="{bx:.1f}" y1="{by:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" '
                    'stroke="black" stroke-width="1.5" marker-end="url(#head)"/>'
                )
        out.append(_shape(shape, x, y, 11, 'fill="white" stroke="black" stroke-width="2"'))
        out.append(
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-weight="bold">'
            f"{escape(letter)}</text>"
        )
    if pic.outside:
        bx = LEFT + PLANE + 12
        out.append(
            f'<rect x="{bx}" y="{TOP}" width="{SIZE - bx - 4}" height="{PLANE}" fill="white" '
            'stroke="black" stroke-dasharray="6 3"/>'
        )
        out.append(f'<text x="{bx + 4}" y="{TOP + 16}" font-size="10">Outside</text>')
        for n, p in enumerate(pic.outside):
            out.append(
                f'<text x="{bx + 4}" y="{TOP + 36 + 16 * n}" font-size="10">'
                f"{escape(mark.get(p.pid, '?'))} {p.outside} of {p.outside + p.placed}</text>"
            )
    for n, line in enumerate(key):
        out.append(f'<text x="{LEFT}" y="{below + 38 + 16 * n}">{escape(line)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


PICTURE_ALT = "Where each partner stands (the next paragraph says the same)"
PICTURE_HEADING = "Where each of you stands"


def link_target(svg_file: str) -> str:
    """A file path as a Markdown link target: forward slashes, and every character that could
    end or bend the link (a space, a bracket) written as %XX, so any file name links."""
    from urllib.parse import quote

    return quote(svg_file.replace("\\", "/"), safe="/._-~")


def markdown(pic: Picture, names: dict[str, str], svg_file: str | None, you: bool = True) -> str:
    """The picture for a Markdown report: the SVG (written beside the report as `svg_file`),
    then the sentence as a paragraph (the SVG's own title holds it too). Without an SVG file
    (the report went to the screen) the sentence stands alone: it says everything."""
    said = md_escape(sentence(pic, names, you))
    if svg_file is None:
        return f"{said}\n"
    return f"![{PICTURE_ALT}]({link_target(svg_file)})\n\n{said}\n"
