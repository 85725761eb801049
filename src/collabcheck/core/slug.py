"""Safe, readable slugs from any name people type, for ids and file names.

Names can hold quotes, newlines, emoji, `../` or non-Latin letters. A slug can never escape the
snapshot folder because it only ever contains a-z, 0-9 and single hyphens.
"""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 48


def is_slug(text: str) -> bool:
    """True when `text` is a lower-case slug that is safe in a file name.

    The whole text must match (`fullmatch`): `re`'s `$` also matches before a final newline,
    which let "amira-and-tom\n" pass as a second name for the partnership."""
    return type(text) is str and len(text) <= 64 and SLUG_RE.fullmatch(text) is not None


def slugify(name: str, fallback: str = "partner", max_len: int = MAX_SLUG) -> str:
    """Turn any name into a slug; letters with accents keep their base letter, others drop out.

    A name with no Latin letters or digits at all (for example, written only in Arabic or
    Chinese script) gets the fallback, so it still yields a usable, safe id.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rstrip("-")
    return slug or fallback


def unique_slugs(names: list[str], fallback: str = "partner") -> list[str]:
    """Slugs for a list of names, made unique by adding -2, -3… in order."""
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        base = slugify(name, fallback)
        candidate, n = base, 2
        while candidate in seen:
            candidate = f"{base}-{n}"
            n += 1
        seen.add(candidate)
        result.append(candidate)
    return result


def pair_slug(names: list[str]) -> str:
    """A pair name suggested from the partners' names: 'alice-and-sam', 'ann-bo-and-cy'."""
    slugs = [slugify(n, fallback="") for n in names]
    slugs = [s for s in slugs if s]
    if not slugs:
        return "our-partnership"
    joined = slugs[0] if len(slugs) == 1 else "-".join(slugs[:-1]) + "-and-" + slugs[-1]
    return slugify(joined, fallback="our-partnership")
