"""Plain mode's "who is here": stop stops at every prompt (never taken as a role or a
partnership name), and a name that is only digits is asked for again."""

from __future__ import annotations

import pytest

from collabcheck.core import sitting as store

from .test_plain_sitting import flat, run


@pytest.mark.parametrize(
    "typed",
    [
        ["", "Ann", "stop"],  # at Ann's role
        ["", "Ann", "", "Bo", "Quit"],  # at Bo's role, any case
        ["", "Ann", "", "Bo", "", "", "stop"],  # at the partnership name
        ["", "Ann", "Nurse", "Bo", "", "", "", "again", "", "stop"],  # Ann's role, offered again
    ],
)
def test_stop_at_any_prompt_of_who_is_here_stops_and_keeps_the_names(typed, tmp_path):
    status, said = run(typed, tmp_path)
    assert status == 0
    assert "Run collabcheck --plain again to carry on" in flat(said)
    kept = store.load(tmp_path / "state")
    assert kept is not None and kept.stage == "who"
    assert all(r.casefold() not in ("stop", "quit") for _, r in kept.draft_people)
    assert kept.draft_pair.casefold() not in ("stop", "quit")


def test_a_name_that_is_only_digits_is_asked_for_again(tmp_path):
    typed = ["", "1", "Ann", "", "", " 2 3 ", "Bo", "", "", "", "", "", "stop"]
    status, said = run(typed, tmp_path)
    text = flat(said)
    assert "1 is a number, not a name. Please type this person's name." in text
    assert "2 3 is a number, not a name." in text
    kept = store.load(tmp_path / "state")
    assert kept is not None and [p.name for p in kept.partners] == ["Ann", "Bo"]
