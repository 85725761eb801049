"""The suite's own cache folder (tests/conftest.py `own_cache_folder`): nothing a test or a
command it starts keeps is written in the user's cache folder."""

from __future__ import annotations


def test_the_tests_write_no_cache_in_the_users_folder(own_cache_folder, tmp_path_factory):
    from collabcheck.core.bank_cache import cache_dir

    assert cache_dir() == own_cache_folder
    assert own_cache_folder.is_relative_to(tmp_path_factory.getbasetemp())
