"""A file from the shared repository with a missing text or a time without its offset is one
sentence naming the file and the value, never a traceback or a half-read sitting."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from collabcheck.core import apart
from collabcheck.core.apart_agree import CALL, read_agreement

HEAD = 'format = "collabcheck-apart-1"\n'
HEX = "ab" * 32


@pytest.mark.parametrize(
    "text, problem",
    [
        ("at = 2026-12-07T10:00:00Z\n", "'by' is missing or not text"),
        ("by = 7\nat = 2026-12-07T10:00:00Z\n", "'by' is missing or not text"),
        ('by = "ann"\n', "'at' must be a date and time with an offset"),
        ('by = "ann"\nat = 2026-12-07T10:00:00\n', "'at' must be a date and time with an offset"),
        ('by = "ann"\nat = "2026-12-07T10:00:00Z"\n', "'at' must be a date and time with an offset"),
    ],
)
def test_a_cancelled_file_with_a_bad_value_is_one_sentence(tmp_path, text, problem):
    path = tmp_path / "cancelled.toml"
    path.write_text(HEAD + text)
    with pytest.raises(apart.ApartError) as caught:
        apart.read_cancelled(path)
    assert problem in str(caught.value) and "cancelled.toml" in str(caught.value)


def test_good_values_are_read_as_written(tmp_path):
    path = tmp_path / "cancelled.toml"
    path.write_text(HEAD + 'by = "ann"\nat = 2026-12-07T10:00:00Z\n')
    cancelled = apart.read_cancelled(path)
    assert cancelled == apart.Cancelled("ann", datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc))
    seal = tmp_path / "ann.seal.toml"
    seal.write_text(HEAD + f'partner = "ann"\nseal = "{HEX}"\nsealed_at = 2026-12-07T10:00:00Z\n')
    assert apart.read_seal(seal, "ann").digest == HEX


@pytest.mark.parametrize("practice", ["0", "6", "true", '"3"', "3.0"])
def test_an_agreement_whose_practice_is_not_1_to_5_is_one_sentence(tmp_path, practice):
    path = tmp_path / "a.together.toml"
    path.write_text(
        HEAD + f'partner = "a"\nhow = "call"\npractice = {practice}\nagreed_at = 2026-12-07T10:00:00Z\n'
    )
    with pytest.raises(apart.ApartError) as caught:
        read_agreement(path, "a", CALL)
    assert "'practice' must be a practice number from 1 to 5" in str(caught.value)


def test_an_agreement_without_an_offset_on_its_time_is_one_sentence(tmp_path):
    path = tmp_path / "a.together.toml"
    path.write_text(HEAD + 'partner = "a"\nhow = "call"\npractice = 3\nagreed_at = 2026-12-07T10:00:00\n')
    with pytest.raises(apart.ApartError) as caught:
        read_agreement(path, "a", CALL)
    assert "'agreed_at' must be a date and time with an offset" in str(caught.value)
