"""What every model of a file shares: the values found in more than one file, and one line
per problem.

The models of each kind of file (core/models.py for snapshots, core/state_model.py,
core/bank_model.py, history/cache_model.py) build on these, so a slug, a text that can be
saved and the words for what is wrong are declared once. `explain` turns a model's errors into
one line: the place in the file in its own terms, then what is wrong in plain words.
Imports pydantic, so it is imported only where a file is read through its model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, ValidationError
from pydantic_core import PydanticCustomError

from collabcheck.core.slug import is_slug

SLUG_WORDS = "must be a slug (a-z, 0-9 and '-')"


def problem(message: str) -> PydanticCustomError:
    """A rule broken, in plain words; `explain` puts the place in the file in front."""
    return PydanticCustomError("collabcheck", message)


def _slug(value: str) -> str:
    if not is_slug(value):
        raise problem(SLUG_WORDS)
    return value


def _savable(value: str) -> str:
    """Text that can be written as UTF-8: a lone surrogate (half of a character, which some
    terminals and JSON files carry) would make every later save fail."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise problem("holds a broken character (half of a pair) that cannot be saved") from None
    return value


Slug = Annotated[str, AfterValidator(_slug)]
Text = Annotated[str, AfterValidator(_savable)]


# -- one line per problem ----------------------------------------------------------------------

WORDS = {
    "missing": "is missing",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be a table",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "datetime_type": "must be a date and time with an offset, like 2026-11-28T15:30:00+00:00",
    "extra_forbidden": "is not something collabcheck keeps here",
    "string_too_short": "is empty",
}
_MEMBERS = {"SummaryModel", "RefusedModel", "AgreedModel", "ContextModel", "NoteModel"}
# What the spec calls a missing key where "is missing" alone would not say enough.
MISSING = {
    "taken_at": "has no 'taken_at' (when the sitting happened)",
    "pair": "'pair' is missing or not text",
    "bank": "'bank' is missing or not text",
    "bank_version": "'bank_version' is missing or not a whole number",
    "partners": "there must be 2 to 6 [[partners]]",
}
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str, limit: int = 60) -> str:
    """A key as a message shows it: as written (quoted when TOML would quote it), short."""
    shown = key if len(key) <= limit else key[: limit - 1] + "…"
    if _BARE.fullmatch(key):
        return shown
    return json.dumps(shown, ensure_ascii=False)


def place(*loc: Any) -> str:
    """A place in a file in its own terms: `answers.sam."embed.approved"`, `partners[2].id`
    (counting [[partners]] tables from 1, as a person reading the file does)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + _key(str(part))
    return out


def explain(
    exc: ValidationError,
    shown: Callable[[list[Any]], str] = lambda loc: place(*loc),
    words: dict[str, str] | None = None,
) -> str:
    """The first thing wrong, as one line without the file's name: where, then what.

    `shown` names the place; a file whose tables are known by their ids (a question bank's
    `item 'purpose'`) gives its own. Every file shares what is said about the problem, but a
    file a person writes by hand may say some of it in its own `words` (by error type)."""
    errors = exc.errors(include_url=False, include_context=True, include_input=False)
    if not errors:
        return "is not valid"
    err = errors[0]
    # The file has no level for a union's member (a summary or a refusal, say): left out.
    loc = ["schema" if p == "schema_" else p for p in err["loc"] if p not in _MEMBERS]
    kind = err["type"]
    where = shown(loc)
    if kind == "collabcheck":
        what = str(err["msg"])
    elif kind == "missing" and len(loc) == 1 and str(loc[0]) in MISSING:
        return MISSING[str(loc[0])]
    elif kind == "literal_error":
        expected = str((err.get("ctx") or {}).get("expected", "")).replace("'", "")
        what = f"must be one of {expected}"
    elif kind in ("too_short", "too_long") and loc == ["partners"]:
        return MISSING["partners"]
    elif kind in ("too_short", "too_long"):
        what = "has too many or too few entries"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        what = _range(loc, err.get("ctx") or {})
    else:
        what = (words or {}).get(kind) or WORDS.get(kind, "is not valid")
    return f"{where} {what}" if where else what


def _range(loc: list[Any], ctx: dict[str, Any]) -> str:
    if loc and loc[-1] in ("practice", "agreed_practice"):
        return "must be a practice number from 1 to 5"
    low, high = ctx.get("ge"), ctx.get("le")
    if low is not None:
        return f"must be {low} or more"
    if high is not None:
        return f"must be {high} or less"
    return "is out of range"
