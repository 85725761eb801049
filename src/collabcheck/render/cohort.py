"""A programme at a glance in words: text (80 columns), Markdown for a board paper, JSON, CSV.

A facilitator reads this to decide which partnerships to call first, so each row leads with
its flags and says why in plain words, with the figures beside them. Every figure is the
comparison's own (through `collabcheck.history.cohort`); each practice's gap is shown with
every partner's score, never an average alone. With `hide` the partnerships and partners
appear only as codes (P01, P01-A), for a paper that leaves the room: no name, partner id,
file name or folder is written, in any format.
"""

from __future__ import annotations

import textwrap
from typing import Any

from collabcheck.history.build import PairHistory
from collabcheck.history.cohort import Cohort, Flag, Row
from collabcheck.history.read import PRACTICES
from collabcheck.render.history import long_date, short_title, sparkline
from collabcheck.render.safe import md_escape
from collabcheck.render.words import display_name, fmt1, join_words, number_word
from collabcheck.scoring.results import far_apart

GAP_NOTE = (
    "Gaps run from 0 (the partners see it the same way) upwards; who has the say from 0 "
    "to 4. Each flag's rule is in the README (A programme at a glance)."
)
LEANING = {
    "task": "leans to the task",
    "relationship": "leans to the relationship",
    "balanced": "balanced",
    "split": "split (one to the task, another to the relationship)",
    None: "no answers",
}
GAP_NAMES = {
    "authority": "who has the say",
    "focus": "attention (task or relationship)",
    "overall": "all taken together",
}


class Names:
    """How partnerships and partners are named: as written, or as codes (`hide`)."""

    def __init__(self, hide: bool) -> None:
        self.hide = hide

    def pair(self, row: Row) -> str:
        if self.hide:
            return row.code
        names = [display_name(n, 40) for n in row.history.names]
        return f"{join_words(names)} ({row.pair})"

    def partner(self, row: Row, pid: str) -> str:
        if self.hide:
            return row.partner_codes.get(pid, "?")
        for s in reversed(row.history.sittings):
            if pid in s.partners:
                return display_name(s.names[s.partners.index(pid)], 40)
        return pid

    def partners(self, row: Row) -> list[tuple[str, str]]:
        """(partner id, name or code) for everyone at the latest sitting, in sitting order."""
        return [(pid, self.partner(row, pid)) for pid in row.last.partners]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def pattern_words(row: Row, names: Names) -> str:
    """The shape of the partners' views of who has the say, in the third person: the report's
    pattern sentence (`render.power.pattern_sentence`) for a facilitator, with "most" only
    where every partner named answered "mostly"."""
    latest = row.latest
    pid, holders = latest.get("pattern_id"), latest.get("holders") or {}
    left_out: dict[str, str] = latest.get("left_out") or {}
    strength: dict[str, str] = latest.get("strength") or {}
    # A partner not sure on every say question has no view: the words speak of those who
    # answered, never as if they were everyone ("both" of a trio).
    full = len(holders) >= len(latest.get("partners") or ())
    answered = f"the {number_word(len(holders))} who answered"
    everyone = ("both" if len(holders) == 2 else "all") if full else answered
    one = "one" if full else f"of {answered}, one"
    each = "each" if full else f"each of {answered}"
    amount = "most" if holders and all(strength.get(p) == "most" for p in holders) else "more"
    if pid == "all-shared":
        return f"{everyone} see it as shared"
    if pid == "same-holder":
        who = next(iter(holders.values()))
        return f"{everyone} see {names.partner(row, who)} holding {amount} of it"
    if pid == "same-left-out":
        who = next(iter(left_out.values()), "?")
        return f"{everyone} see {names.partner(row, who)} with less say"
    if pid == "one-left-out":
        who = next(iter(left_out.values()))
        seers = sorted(names.partner(row, p) for p in left_out)
        if list(left_out) == [who]:
            return f"not all see it as shared; {names.partner(row, who)} sees themselves with less say"
        verb = "sees" if len(seers) == 1 else "see"
        return f"not all see it as shared; {join_words(seers)} {verb} {names.partner(row, who)} with less say"
    if pid == "left-out-differs":
        return "not all see it as shared; they see different partners with less say"
    return {
        "outside": f"{everyone} see it outside the partnership",
        "some-outside": (
            f"{one} sees it outside the partnership, the other does not"
            if len(holders) == 2
            else "some see it outside the partnership, others do not"
        ),
        "shared-and-held": (
            f"{one} sees it as shared, the other does not"
            if len(holders) == 2
            else "some see it as shared, others do not"
        ),
        "each-self": f"{each} sees themselves holding {amount} of it",
        "each-other": f"{each} sees another holding {amount} of it",
        "mixed": "they see different people holding it",
    }.get(str(pid), "not enough answers to compare")


def flag_words(flag: Flag, row: Row) -> str:
    """One flag as a plain sentence naming the figures that raised it."""
    f = flag.facts
    if flag.id == "widened":
        parts = [f"{GAP_NAMES[g['gap']]} ({fmt1(g['before'])} → {fmt1(g['now'])})" for g in f["gaps"]]
        return f"Further apart than last time on {join_words(parts)}."
    if flag.id == "overdue":
        return (
            f"No sitting for {_plural(f['months'], 'month')} (last on {long_date(f['last'])}; "
            f"the limit is {f['limit']})."
        )
    n = f["count"]
    return (
        f"{_plural(n, 'sitting')} not committed to the repository yet, so the team cannot "
        f"see {'them' if n > 1 else 'it'}."
    )


def chosen_words(row: Row, names: Names | None = None) -> str:
    """The practice chosen last and how it went since; where the partners' scores for it are
    far apart (then or now), each partner's figures first, so the combined change is never the
    only figure given for views far apart (property 15)."""
    c = row.chosen
    if c is None:
        return "No practice chosen yet."
    head = f"Chose practice {c.practice} ({short_title(c.title)}) on {long_date(c.chosen_at)}"
    if not c.measured:
        return head + "; no sitting since."
    basis = " (on the questions asked at both sittings)" if c.common else ""
    change = f"{fmt1(c.before)} → {fmt1(c.now)}{basis}, {c.direction or 'cannot be compared'}"
    each = _each_partner(row, str(c.practice), names or Names(False))
    return f"{head}: by partner, {each}; together, {change}." if each else f"{head}: {change}."


def _apart(record: dict[str, Any], practice: str) -> bool:
    """A kept sitting's partners far apart on a practice, by the rule's own test."""
    scores = (record.get("scores") or {}).get(practice) or {}
    return far_apart((record.get("divergence") or {}).get(practice), scores)


def _each_partner(row: Row, practice: str, names: Names) -> str:
    """'Alice 4.0 → 5.0, Sam 1.7 → 1.7' when the practice is far apart, then or now ('' if not)."""
    then, now = row.chosen_record, row.latest
    if not (_apart(then, practice) or _apart(now, practice)):
        return ""
    before = (then.get("scores") or {}).get(practice) or {}
    after = (now.get("scores") or {}).get(practice) or {}
    parts = [
        f"{names.partner(row, pid)} {fmt1(before.get(pid))} → {fmt1(after.get(pid))}"
        for pid in dict.fromkeys([*before, *after])
    ]
    return ", ".join(sorted(parts))


def committed_words(row: Row) -> str:
    if row.uncommitted:
        return f"{row.uncommitted} not committed"
    if any(s.committed is None for s in row.history.sittings):
        return "not in a git repository"
    return "all committed"


def attention_words(row: Row) -> str:
    return f"{LEANING.get(row.latest.get('leaning'), 'no answers')}, gap {fmt1(row.last.focus_divergence)}"


def practice_rows(row: Row) -> list[tuple[str, list[float | None], float | None]]:
    """Per practice at the latest sitting: label, each partner's score (in sitting order), gap."""
    scores = row.latest.get("scores") or {}
    out = []
    for k in PRACTICES:
        by = scores.get(k) or {}
        out.append(
            (
                f"{k} {short_title(row.history.titles.get(int(k), ''))}",
                [by.get(pid) for pid in row.last.partners],
                row.last.divergence.get(k),
            )
        )
    return out


def _head(cohort: Cohort, names: Names) -> list[str]:
    n, s = len(cohort.rows), cohort.history.sitting_count
    where = "" if names.hide else f" in {cohort.history.folder}"
    return [
        f"{_plural(n, 'partnership')}, {_plural(s, 'sitting')}{where}.",
        f"As of {long_date(cohort.today.isoformat())}; those needing attention first are at "
        f"the top. A sitting is overdue after {_plural(cohort.overdue_months, 'month')}.",
    ]


def _skipped_line(cohort: Cohort, names: Names) -> str | None:
    n = len(cohort.history.skipped)
    if not n:
        return None
    where = " (run without --hide-names to see which)" if names.hide else " (listed on stderr)"
    return f"{_plural(n, 'file')} could not be read and {'were' if n > 1 else 'was'} left out{where}."


def render_text(cohort: Cohort, hide: bool = False, width: int = 80) -> str:
    """The programme as plain text: a table of every partnership, then each one's detail."""
    names = Names(hide)
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="   ")
    out = [
        "A programme at a glance",
        *(line for h in _head(cohort, names) for line in textwrap.wrap(h, width)),
        *textwrap.wrap(GAP_NOTE, width),
        "",
    ]
    if not cohort.rows:
        out.append("No sittings here yet.")
    else:
        out.append(f"{'#':>3}  {'Partnership':<30} {'Last sat':<12} {'Sat':>3}  {'Say gap':>7}  Flags")
        for n, row in enumerate(cohort.rows, start=1):
            flags = ", ".join(f.id for f in row.flags) or "none"
            out.append(
                f"{n:>3}  {_cut(names.pair(row), 30):<30} {_short_date(row.last.taken_at):<12} "
                f"{len(row.history.sittings):>3}  {fmt1(row.last.authority_divergence):>7}  {flags}"
            )
    for n, row in enumerate(cohort.rows, start=1):
        out += ["", *wrap.wrap(f"{n}. {names.pair(row)}")]
        for f in row.flags:
            out += textwrap.wrap(
                "! " + flag_words(f, row), width, initial_indent="   ", subsequent_indent="     "
            )
        out += wrap.wrap(
            f"   Last sat on {long_date(row.last.taken_at)}; "
            f"{_plural(len(row.history.sittings), 'sitting')}; {committed_words(row)}."
        )
        out += wrap.wrap(
            f"   Who has the say: {pattern_words(row, names)}; gap "
            f"{fmt1(row.last.authority_divergence)} (over time: "
            f"{sparkline(row.say_gaps, 0, 4)})."
        )
        out += wrap.wrap(f"   Attention: {attention_words(row)}.")
        people = names.partners(row)
        legend = ", ".join(f"{_letter(k)} {nm}" for k, (_, nm) in enumerate(people))
        out += wrap.wrap("   Partners: " + legend)
        cols = "".join(f"{_letter(k):>5}" for k in range(len(people)))
        out.append(f"   {'Practice':<30}{cols}  {'Gap':>4}")
        for label, scores, gap in practice_rows(row):
            cells = "".join(f"{fmt1(v):>5}" for v in scores)
            out.append(f"   {_cut(label, 30):<30}{cells}  {fmt1(gap):>4}")
        out += wrap.wrap("   " + chosen_words(row, names))
    skipped = _skipped_line(cohort, names)
    if skipped:
        out += ["", *textwrap.wrap(skipped, width)]
    if cohort.history.source:
        out += ["", *textwrap.wrap(f"Source: {cohort.history.source}", width)]
    return "\n".join(out) + "\n"


def _letter(k: int) -> str:
    return chr(65 + k) if k < 26 else f"#{k + 1}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _short_date(iso: str) -> str:
    d = long_date(iso).split(" ")
    return f"{d[0]} {d[1][:3]} {d[2]}"


def picture_names(row: Row, names: Names) -> dict[str, str]:
    """The names a partnership's picture uses: as written, or codes (`hide`)."""
    return dict(names.partners(row))


def render_markdown(cohort: Cohort, hide: bool = False, pictures: dict[str, str] | None = None) -> str:
    """For a board paper: one table row per partnership, then each partnership's detail, with
    its picture where `pictures` names an SVG file for it (by partnership)."""
    from collabcheck.render.picture import markdown

    names = Names(hide)
    out = ["# A programme at a glance", "", *(md_escape(h) for h in _head(cohort, names)), "", GAP_NOTE, ""]
    if cohort.rows:
        out += [
            "| # | Partnership | Last sat | Sittings | Who has the say | Attention | "
            "Gap by practice (1–5) | Chosen | Committed | Flags |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
    for n, row in enumerate(cohort.rows, start=1):
        gaps = " / ".join(fmt1(row.last.divergence.get(k)) for k in PRACTICES)
        chosen = (
            "–"
            if row.chosen is None
            else (f"{row.chosen.practice}: {row.chosen.direction or 'no sitting since'}")
        )
        flags = "; ".join(flag_words(f, row) for f in row.flags) or "none"
        out.append(
            f"| {n} | {md_escape(names.pair(row))} | {long_date(row.last.taken_at)} | "
            f"{len(row.history.sittings)} | {md_escape(pattern_words(row, names))}, gap "
            f"{fmt1(row.last.authority_divergence)} | {attention_words(row)} | {gaps} | "
            f"{chosen} | {committed_words(row)} | {md_escape(flags)} |"
        )
    for n, row in enumerate(cohort.rows, start=1):
        people = names.partners(row)
        out += ["", f"## {n}. {md_escape(names.pair(row))}", ""]
        out += [f"- **{md_escape(flag_words(f, row))}**" for f in row.flags]
        out += [
            f"- Last sat on {long_date(row.last.taken_at)}; "
            f"{_plural(len(row.history.sittings), 'sitting')}; {committed_words(row)}.",
            f"- Who has the say: {md_escape(pattern_words(row, names))}; gap "
            f"{fmt1(row.last.authority_divergence)} (over time: "
            f"{' → '.join(fmt1(v) for v in row.say_gaps)}).",
            f"- Attention: {attention_words(row)}.",
            f"- {md_escape(chosen_words(row, names))}",
            "",
        ]
        if pictures and row.pair in pictures:
            pic = markdown(row.picture(), picture_names(row, names), pictures[row.pair], you=False)
            out += [pic.rstrip("\n"), ""]
        out += [
            "| Practice | " + " | ".join(md_escape(nm) for _, nm in people) + " | Gap |",
            "|---|" + "---|" * (len(people) + 1),
        ]
        for label, scores, gap in practice_rows(row):
            out.append(f"| {md_escape(label)} | " + " | ".join(fmt1(v) for v in scores) + f" | {fmt1(gap)} |")
    skipped = _skipped_line(cohort, names)
    if skipped:
        out += ["", md_escape(skipped)]
    if cohort.history.source:
        out += ["", f"Source: {md_escape(cohort.history.source)}"]
    return "\n".join(out) + "\n"


def row_json(row: Row, names: Names) -> dict[str, Any]:
    """One partnership's row: the figures, the flags (with their words) and the say over time."""
    latest, last = row.latest, row.last
    code = names.hide
    ids = {pid: names.partner(row, pid) for pid in last.partners}

    def key(pid: str) -> str:
        return row.partner_codes.get(pid, "?") if code else pid

    c = row.chosen
    scores = latest.get("scores") or {}
    return {
        "pair": row.code if code else row.pair,
        "code": row.code,
        "names": [] if code else list(row.history.names),
        "partners": [{"id": key(pid), "name": ids[pid]} for pid in last.partners],
        "sittings": len(row.history.sittings),
        "first_taken_at": row.history.sittings[0].taken_at,
        "last_taken_at": last.taken_at,
        "months_since": row.months_since,
        "practices": {
            k: {
                "combined": last.practices.get(k),
                "gap": last.divergence.get(k),
                "scores": {key(p): v for p, v in (scores.get(k) or {}).items()},
            }
            for k in PRACTICES
        },
        "say": {
            "pattern_id": latest.get("pattern_id"),
            "pattern": pattern_words(row, names),
            "gap": last.authority_divergence,
            "gaps": row.say_gaps,
            "holders": {
                key(p): (key(h) if h not in ("shared", "outside") else h)
                for p, h in (latest.get("holders") or {}).items()
            },
        },
        "attention": {
            "leaning": latest.get("leaning"),
            "gap": last.focus_divergence,
            "positions": {key(p): v for p, v in (latest.get("positions") or {}).items()},
        },
        "suggested": last.suggested,
        "chosen": None
        if c is None
        else {
            "practice": c.practice,
            "chosen_at": c.chosen_at,
            "from": c.before,
            "now": c.now,
            "change": c.change,
            "direction": c.direction,
            "text": chosen_words(row, names),
        },
        "committed": None if any(s.committed is None for s in row.history.sittings) else not row.uncommitted,
        "uncommitted": row.uncommitted,
        "flags": [
            {
                "id": f.id,
                "text": flag_words(f, row),
                **({k: v for k, v in f.facts.items() if k != "files"} if code else f.facts),
            }
            for f in row.flags
        ],
    }


def render_json(cohort: Cohort, hide: bool = False) -> dict[str, Any]:
    names = Names(hide)
    h = cohort.history
    return {
        "folder": None if hide else h.folder,
        "today": cohort.today.isoformat(),
        "overdue_months": cohort.overdue_months,
        "partnerships": [row_json(r, names) for r in cohort.rows],
        "skipped": (
            len(h.skipped)
            if hide
            else [{"file": s.file, "error": s.error, "line": s.line} for s in h.skipped]
        ),
        "source": h.source,
    }


CSV_COLUMNS = [
    "pair",
    "taken_at",
    "partner",
    "question",
    "kind",
    "answer",
    "score",
    "gap",
    "category",
    "accountability",
    "file",
]


def csv_rows(comparison: Any, pair: str, partner_codes: dict[str, str] | None, file: str) -> list[list[Any]]:
    """Tidy rows for one sitting: one per partner and compared question, with the report's
    own figures (`answer`, `score` after reversal or the attention position, `gap`).
    With `partner_codes`, partner ids (also inside answers like 'mostly:sam') become codes
    and the file is left out."""

    def who(pid: str) -> str:
        return partner_codes.get(pid, "?") if partner_codes is not None else pid

    def answer(value: Any) -> Any:
        if value is None:
            return ""
        if partner_codes is not None and isinstance(value, str) and ":" in value:
            how, pid = value.split(":", 1)
            return f"{how}:{who(pid)}"
        return value

    out = []
    when = comparison.taken_at.isoformat()
    for item in comparison.all_items():
        gap = item.divergence if item.kind == "authority" else item.spread
        for p in comparison.partners:
            score = item.scores.get(p.id) if item.kind != "authority" else None
            out.append(
                [
                    pair,
                    when,
                    who(p.id),
                    item.id,
                    item.kind,
                    answer(item.answers.get(p.id)),
                    "" if score is None else score,
                    "" if gap is None else gap,
                    item.category or "",
                    "true" if item.accountability else "",
                    "" if partner_codes is not None else file,
                ]
            )
    return out


def pair_label(p: PairHistory) -> str:
    """A partnership's names as one line, for a screen's table."""
    return join_words([display_name(n, 40) for n in p.names])
