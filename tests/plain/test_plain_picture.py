"""Plain mode says the picture: right after the summary, a part "Where each of you stands"
with the same sentence the app shows under its drawing (for screen readers and anyone who
prefers words), with how each partner moved since their last sitting in the same folder."""

from __future__ import annotations

from pathlib import Path

from collabcheck.core.bank import load_bank, load_bank_for
from collabcheck.core.snapshot import read_snapshot
from collabcheck.plain.words import PICTURE_HEADING, comparison_sections
from collabcheck.render.picture import sentence
from collabcheck.render.picture_files import sitting_picture
from collabcheck.render.words import names_of
from collabcheck.scoring.compare import compare

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "amira-and-tom"


def _latest():
    shipped = load_bank()
    path = sorted(EXAMPLES.glob("*.toml"))[-1]
    snap = read_snapshot(path, shipped)
    return snap, load_bank_for(snap.bank, snap.bank_version, shipped)


def test_the_picture_is_said_right_after_the_summary_with_its_arrows():
    snap, bank = _latest()
    parts = comparison_sections(snap, bank, EXAMPLES)
    heading, said = parts[1]
    assert heading == PICTURE_HEADING
    c = compare(snap, bank)
    assert said == sentence(sitting_picture(c, bank, EXAMPLES), names_of(c))
    assert "moved" in said or "stayed" in said or "still" in said  # an earlier sitting is there
    assert "no earlier sitting" not in said


def test_without_a_folder_the_sentence_says_there_is_nothing_to_draw_arrows_from():
    snap, bank = _latest()
    heading, said = comparison_sections(snap, bank)[1]
    assert heading == PICTURE_HEADING and "no earlier sitting" in said
