"""Which side of care a partner comes from, and the side their role words suggest.

The guide's central point about power is an imbalance between the one who delivers care and
the one who receives it, so a partner may say which side they come from. It is optional and
always their own choice: the role they typed may only suggest a side (shown, and changed with
one key), never decide it, and words that point both ways suggest nothing.
"""

from __future__ import annotations

import re

# The sides in the order a key cycles through them; "" is "not given".
SIDES = ("", "professional", "patient", "other")

# How each side is named to the partners (the snapshot keeps the value on the left).
SIDE_WORDS = {
    "": "not given",
    "professional": "professional",
    "patient": "patient, carer or public",
    "other": "other",
}

_PATIENT = (
    "patient",
    "carer",
    "caregiver",
    "service user",
    "public",
    "lay",
    "citizen",
    "community member",
    "expert by experience",
    "lived experience",
    "family member",
    "relative",
    "parent",
    "resident",
)
_PROFESSIONAL = (
    "gp",
    "doctor",
    "consultant",
    "nurse",
    "clinician",
    "health professional",
    "professional",
    "physician",
    "surgeon",
    "midwife",
    "pharmacist",
    "therapist",
    "physiotherapist",
    "physio",
    "paramedic",
    "psychologist",
    "psychiatrist",
    "dentist",
    "registrar",
    "social worker",
    "manager",
    "commissioner",
    "practitioner",
    "director",
    "matron",
    "health visitor",
)


def _mentions(role: str, words: tuple[str, ...]) -> bool:
    text = " ".join(re.findall(r"[a-z]+", role.casefold()))
    return any(re.search(rf"\b{w}s?\b", text) for w in words)


def suggest_side(role: str) -> str:
    """The side a role's words point to ("professional" or "patient"), or "" when they point
    to neither or to both (a "patient safety nurse" is left for the partner to say)."""
    patient, professional = _mentions(role, _PATIENT), _mentions(role, _PROFESSIONAL)
    if patient == professional:
        return ""
    return "patient" if patient else "professional"


def next_side(side: str) -> str:
    """The side after this one, as one key press cycles them (back to "not given")."""
    at = SIDES.index(side) if side in SIDES else 0
    return SIDES[(at + 1) % len(SIDES)]


def read_side(typed: str) -> str | None:
    """A side from what a partner typed in plain mode (a number or a word), "" for none, or
    None when it is not one of them."""
    word = typed.strip().casefold()
    if word in ("none", "0", "not given", "no", "-"):
        return ""
    if word in ("1", "professional", "pro"):
        return "professional"
    if word in ("2", "patient", "carer", "public", "service user", "patient, carer or public"):
        return "patient"
    if word in ("3", "other"):
        return "other"
    return None
