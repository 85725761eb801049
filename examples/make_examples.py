"""Write the example snapshots in examples/: a fictional pair over a year, and trios.

They let a newcomer run `collabcheck history examples/` straight away and see a real story:
Amira (a consultant) and Tom (a patient partner) choose practice 3 in March and it improves;
at first Amira sees power as shared while Tom sees her holding it, and over the year their
views come closer. Amira carries formal accountability throughout, which is shown but never
read as her having the say. They work under the radar at first, then openly. Lee (a GP) and
Grace (a carer) gave their sides of care, so their reading names the guide's imbalance of
power between giving and receiving care, and what Grace could not rate. Nia (a consultant),
Ruth (a patient partner) and Dev (a carer) gave their sides too, and sit twice, so history
shows the patient side and the professional side coming closer, and what Ruth could not rate
shrinking. The first sitting of Amira and Tom's story and of Jo, Priya and Ken's was made
with question bank 1 (schema 1), so history shows the change of questions; the later ones
use bank 2. Everything is made with the shipped banks and
collabcheck's own writer, and is deterministic, so running this again gives the same files
(existing files are left alone).

    python examples/make_examples.py
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from collabcheck.core.bank import Bank, default_bank_dir, load_bank
from collabcheck.core.snapshot import Agreed, Context, Partner, Snapshot, file_name, write_snapshot

HERE = Path(__file__).resolve().parent
UK_WINTER, UK_SUMMER = timezone.utc, timezone(timedelta(hours=1))

AMIRA = Partner(id="amira", name="Dr Amira Haddad", role="Consultant in respiratory medicine")
TOM = Partner(id="tom", name="Tom Reilly", role="Patient partner, lives with COPD")
JO = Partner(id="jo", name="Jo Okafor", role="GP")
PRIYA = Partner(id="priya", name="Priya Shah", role="Patient partner")
KEN = Partner(id="ken", name="Ken Morris", role="Service manager")
# A pair who gave their sides of care on "Who is here" (schema 3).
LEE = Partner(id="lee", name="Dr Lee Chen", role="GP partner", side="professional")
GRACE = Partner(id="grace", name="Grace Adeyemi", role="Carer for her mother", side="patient")
# A trio with a carer, all with their sides: a consultant, a patient partner and a carer.
NIA = Partner(id="nia", name="Dr Nia Evans", role="Consultant in diabetes", side="professional")
RUTH = Partner(id="ruth", name="Ruth Morgan", role="Patient partner, lives with diabetes", side="patient")
DEV = Partner(id="dev", name="Dev Patel", role="Carer for his father", side="patient")

# Each sitting: when, how each partner rates each practice (1–5, before noise), who they see
# holding the say (per authority item, or one answer for all), focus answers, what was agreed.
PAIR = [
    dict(
        when=datetime(2025, 12, 9, 14, 0, tzinfo=UK_WINTER),
        levels={"amira": [4.0, 3.0, 2.6, 3.4, 2.8], "tom": [3.2, 2.6, 2.0, 3.6, 2.2]},
        authority={"amira": "shared", "tom": "mostly:amira"},
        focus={"amira": "mostly-task", "tom": "mostly-task"},
        agreed=(
            3,
            ["Keep the first 15 minutes of every meeting for looking back.", "Start a shared notebook."],
        ),
        notes={
            "tom": {
                "learning.most-useful-lesson": "I say more when we meet at the café, not in Amira's office."
            }
        },
    ),
    dict(
        when=datetime(2026, 3, 12, 10, 30, tzinfo=UK_WINTER),
        bank=2,
        context=("under-a-year", "under-radar"),
        levels={"amira": [4.1, 3.1, 3.3, 3.5, 2.9], "tom": [3.4, 2.8, 3.0, 3.7, 2.3]},
        authority={"amira": "shared", "tom": "more:amira"},
        focus={"amira": "mostly-task", "tom": "balanced"},
        agreed=(3, ["Ask Helen, our coach, to join one meeting a quarter."]),
        notes={},
    ),
    dict(
        when=datetime(2026, 6, 18, 16, 0, tzinfo=UK_SUMMER),
        bank=2,
        context=("under-a-year", "open"),
        levels={"amira": [4.2, 3.2, 3.9, 3.5, 2.7], "tom": [3.8, 2.9, 3.7, 3.8, 2.5]},
        authority={"amira": "more:amira", "tom": "more:amira"},
        focus={"amira": "balanced", "tom": "balanced"},
        agreed=(
            5,
            [
                "Ask the divisional board for a standing slot on our work.",
                "Make sure Tom is paid for his time.",
            ],
        ),
        notes={"amira": {"embed.keep-alive": "Get the board to own it, not just us."}},
    ),
    dict(
        when=datetime(2026, 11, 24, 11, 0, tzinfo=UK_WINTER),
        bank=2,
        context=("longer", "open"),
        levels={"amira": [4.3, 3.4, 4.1, 3.6, 3.3], "tom": [4.0, 3.1, 3.9, 3.9, 3.2]},
        authority={"amira": "shared", "tom": "shared"},
        focus={"amira": "balanced", "tom": "balanced"},
        agreed=None,
        notes={},
    ),
]

TRIO = [
    dict(
        when=datetime(2026, 5, 6, 9, 30, tzinfo=UK_SUMMER),
        levels={
            "jo": [3.6, 2.4, 3.0, 4.2, 2.4],
            "priya": [2.6, 2.2, 2.8, 4.0, 2.0],
            "ken": [3.8, 3.0, 3.2, 3.6, 3.4],
        },
        authority={"jo": "more:jo", "priya": "mostly:ken", "ken": "shared"},
        focus={"jo": "task", "priya": "mostly-task", "ken": "mostly-task"},
        agreed=(2, ["Meet once a month somewhere that is nobody's office."]),
        notes={},
    ),
    dict(
        when=datetime(2026, 10, 21, 13, 0, tzinfo=UK_SUMMER),
        bank=2,
        context=("under-a-year", "undecided"),
        levels={
            "jo": [3.7, 3.2, 3.1, 4.0, 2.6],
            "priya": [3.0, 3.0, 2.9, 4.1, 2.1],
            "ken": [3.8, 3.4, 3.2, 3.7, 3.3],
        },
        authority={"jo": "more:ken", "priya": "less:priya", "ken": "shared"},
        focus={"jo": "mostly-task", "priya": "balanced", "ken": "balanced"},
        agreed=(5, ["Bring Priya to the next commissioning meeting as a full member."]),
        notes={},
    ),
]

# Grace sees Lee holding most of the say while Lee sees it as shared, and she cannot rate
# most of the statements about formal backing (practice 5): with their sides given, the
# reading names the guide's imbalance and what Grace cannot see.
SIDES = [
    dict(
        when=datetime(2026, 9, 15, 18, 0, tzinfo=UK_SUMMER),
        bank=2,
        context=("starting", "undecided"),
        levels={"lee": [3.8, 3.0, 3.2, 3.6, 3.4], "grace": [3.0, 2.4, 2.8, 3.4, 3.0]},
        authority={"lee": "shared", "grace": "mostly:lee"},
        focus={"lee": "mostly-task", "grace": "balanced"},
        cannot_see={"grace": 5},
        agreed=(2, ["Grace and Lee each bring one thing the other could not know."]),
        notes={},
    ),
]

# At first Ruth and Dev rate most practices lower than Nia and see her holding the say, which
# she sees as shared, and Ruth cannot rate most statements about formal backing (practice 5).
# Half a year on, the patient side and the professional side see things more alike, and Ruth
# can rate what she could not: history by side shows both.
CARER_TRIO = [
    dict(
        when=datetime(2026, 4, 14, 10, 0, tzinfo=UK_SUMMER),
        bank=2,
        context=("starting", "under-radar"),
        levels={
            "nia": [4.0, 3.6, 3.4, 3.8, 3.6],
            "ruth": [3.0, 2.4, 2.6, 3.4, 2.6],
            "dev": [3.2, 2.6, 2.4, 3.6, 2.8],
        },
        authority={"nia": "shared", "ruth": "mostly:nia", "dev": "more:nia"},
        focus={"nia": "mostly-task", "ruth": "balanced", "dev": "balanced"},
        cannot_see={"ruth": 5},
        agreed=(2, ["Ruth and Dev join the clinic's planning day as full members."]),
        notes={},
    ),
    dict(
        when=datetime(2026, 10, 13, 10, 0, tzinfo=UK_SUMMER),
        bank=2,
        context=("under-a-year", "under-radar"),
        levels={
            "nia": [4.0, 3.6, 3.5, 3.8, 3.4],
            "ruth": [3.6, 3.2, 3.2, 3.6, 3.0],
            "dev": [3.7, 3.3, 3.0, 3.7, 3.1],
        },
        authority={"nia": "shared", "ruth": "more:nia", "dev": "shared"},
        focus={"nia": "balanced", "ruth": "balanced", "dev": "balanced"},
        agreed=(3, ["Keep ten minutes of each meeting for what we learnt."]),
        notes={},
    ),
]

ACCOUNTABLE = {
    "amira-and-tom": "mostly:amira",
    "jo-priya-and-ken": "more:ken",
    "lee-and-grace": "more:lee",
    "nia-ruth-and-dev": "more:nia",
}


def answers_for(
    bank: Bank,
    levels: list[float],
    authority: str,
    focus: str,
    rng: random.Random,
    accountable: str = "shared",
) -> dict[str, int | str]:
    """Item answers whose mean is each practice's level, shuffled, with the odd 'not sure'."""
    out: dict[str, int | str] = {}
    for section in bank.practices:
        level = levels[section.number - 1]  # type: ignore[operator]
        items = [i for i in section.of_kind("agree")]
        unsure = {i.id for i in items if rng.random() < 0.04}
        scored = [i for i in items if i.id not in unsure]
        low = int(level)
        ups = round((level - low) * len(scored))
        scores = [low + 1] * ups + [low] * (len(scored) - ups)
        if len(scores) > 2 and 1 < low < 5:  # spread one pair apart, keeping the mean
            scores[0] += 1
            scores[-1] -= 1
        rng.shuffle(scores)
        for item, score in zip(scored, scores, strict=True):
            score = min(5, max(1, score))
            out[item.id] = 6 - score if item.reverse else score
        for item_id in sorted(unsure):
            out[item_id] = "unsure"
    for item in bank.relationship.of_kind("authority"):
        if item.accountability:  # who carries it, kept apart from who has the say
            out[item.id] = accountable
        else:
            out[item.id] = authority if rng.random() < 0.8 else "shared"
    for item in bank.relationship.of_kind("focus"):
        out[item.id] = focus
    return out


def make(
    banks: dict[int, Bank], pair: str, partners: list[Partner], story: list[dict], seed: int
) -> list[Path]:
    """Write one partnership's sittings into examples/<pair>/, skipping files already there."""
    rng = random.Random(seed)
    folder = HERE / pair
    written = []
    for sitting in story:
        bank = banks[sitting.get("bank", 1)]
        answers = {
            p.id: answers_for(
                bank,
                sitting["levels"][p.id],
                sitting["authority"][p.id],
                sitting["focus"][p.id],
                rng,
                ACCOUNTABLE[pair],
            )
            for p in partners
        }
        for pid, number in sitting.get("cannot_see", {}).items():  # not sure on two in three
            items = [i.id for i in bank.practices[number - 1].of_kind("agree")]
            for item_id in items[: -(-2 * len(items) // 3)]:
                answers[pid][item_id] = "unsure"
        agreed = sitting["agreed"]
        stage, route = sitting.get("context", (None, None))
        snap = Snapshot(
            schema=1 if bank.version == 1 else 2,
            pair=pair,
            taken_at=sitting["when"],
            bank=bank.id,
            bank_version=bank.version,
            partners=partners,
            answers=answers,
            notes=sitting["notes"],
            agreed=Agreed(practice=agreed[0], actions=agreed[1]) if agreed else None,
            context=Context(stage=stage, route=route) if stage or route else None,
        )
        if (folder / file_name(snap)).exists():
            continue
        written.append(write_snapshot(snap, folder, bank))
    return written


def main() -> None:
    banks = {1: load_bank(default_bank_dir() / "v1"), 2: load_bank(default_bank_dir() / "v2")}
    written = make(banks, "amira-and-tom", [AMIRA, TOM], PAIR, seed=2025)
    written += make(banks, "jo-priya-and-ken", [JO, PRIYA, KEN], TRIO, seed=2026)
    written += make(banks, "lee-and-grace", [LEE, GRACE], SIDES, seed=2027)
    written += make(banks, "nia-ruth-and-dev", [NIA, RUTH, DEV], CARER_TRIO, seed=2028)
    for path in written:
        print(path.relative_to(HERE.parent))
    if not written:
        print("examples are already there; nothing written")


if __name__ == "__main__":
    main()
