"""What `collabcheck apart verify` checked in the repository's history, and whether it proves
a sitting apart fair: nobody could change an answer after seeing another's.

The checks are data (`core/apart_log.py`); this says each one to people, one line each, then
the verdict. Nothing is shown through colour or symbols alone: a check that failed says
"NOT OK" in words. The other sentences about a sitting apart are in `apart_words.py`.
"""

from __future__ import annotations

from collabcheck.core.apart_log import (
    NOT_COMMITTED,
    REVEAL_AFTER,
    REVEAL_MATCHES,
    SEAL_ONCE,
    Verification,
)
from collabcheck.render.words import display_name


def verify_lines(v: Verification, shown_folder: str) -> list[str]:
    """What `apart verify` checked, one line each, then the verdict."""
    if v.problem == "not-repo":
        return [f"{shown_folder} is not inside a git repository, so there is no history to check."]
    if v.problem or v.opened is None:
        return [v.problem]
    names_of = {m.id: display_name(m.name) for m in v.opened.partners}
    lines = [f"Checked {v.commits} commit{'s' if v.commits != 1 else ''} touching {shown_folder}."]
    for c in v.checks:
        mark = "ok:    " if c.ok else "NOT OK:"
        name, short = names_of.get(c.partner, c.partner), c.commit[:10]
        if c.what == SEAL_ONCE:
            text = (
                f"{name}'s seal was committed once ({short}) and never changed."
                if c.ok
                else f"{name}'s seal was committed ({short}) and then changed."
            )
        elif c.what == REVEAL_AFTER:
            text = (
                f"{name}'s reveal ({short}) was committed after every partner's seal."
                if c.ok
                else f"{name}'s reveal ({short}) was committed before every partner's seal was in."
            )
        elif c.what == REVEAL_MATCHES:
            text = (
                f"{name}'s revealed answers match their seal."
                if c.ok
                else f"{name}'s revealed answers do not match their seal."
            )
        elif c.what == NOT_COMMITTED:
            text = (
                f"{name} has not sealed yet, and nothing of theirs is revealed."
                if c.ok
                else f"{name}'s answers were revealed without a seal."
            )
        else:
            text = c.what
        lines.append(f"{mark} {text}")
    if v.ok:
        sealed = [c for c in v.checks if c.what == SEAL_ONCE]
        revealed = [c for c in v.checks if c.what == REVEAL_MATCHES]
        if revealed and len(revealed) == len(v.opened.partners):
            lines.append(
                "Proved: every seal was committed before any reveal, and every reveal "
                "matches its seal, so nobody could change an answer after seeing another's."
            )
        else:
            lines.append(
                f"So far so good: {len(sealed)} of {len(v.opened.partners)} partners have "
                "sealed, and nothing has been revealed out of turn."
            )
    else:
        lines.append("Not proved: see the lines marked NOT OK above.")
    return lines
