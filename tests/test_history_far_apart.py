"""Promise 15 in history: for a chosen practice seen far apart, no sentence gives the combined
figure without each partner's own.

History's follow-through ("You chose practice 3 … It went from 2.9 to 3.2") once gave only
the combined figures, so a partner at 4.0 and one at 1.7 read as one 2.9. The partners' own
scores are now kept in history's summaries and its cache, and given first whenever the rule's
test (`scoring.results.far_apart`, by statements or by partners' scores) says the practice
was far apart at either sitting.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabcheck.core.bank import load_bank
from collabcheck.core.snapshot import Agreed, write_snapshot
from collabcheck.history.build import FollowThrough
from collabcheck.history.gather import load_history
from collabcheck.render.history import apart_now_note, follow_text, render_markdown, render_text
from collabcheck.render.history_json import pair_json
from collabcheck.render.words import display_name, fmt1
from collabcheck.scoring.compare import compare

from .conftest import MINI_BANK
from .strategies import snapshots
from .test_history import save, snap

BANK = load_bank(MINI_BANK)


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))


def test_far_apart_the_sentence_gives_each_partners_figures_first(tmp_path: Path):
    """Ann at 5 and Bo at 1 on practice 3, then 5 and 2: the combined 3.0 → 3.5 comes after
    each partner's own, in the sentence and in every format."""
    d = tmp_path / "s"
    per = {"ann": {3: 5}, "bo": {3: 1}}
    write_snapshot(snap("ann-and-bo", "2026-03-12T09:00:00+00:00", per_partner=per, agreed=3), d, BANK)
    per = {"ann": {3: 5}, "bo": {3: 2}}
    write_snapshot(snap("ann-and-bo", "2026-06-20T09:00:00+00:00", per_partner=per), d, BANK)
    (pair,) = load_history(d, BANK).pairs
    (f,) = pair.follow_through
    assert f.apart and f.before_each == {"ann": 5.0, "bo": 1.0} and f.after_each == {"ann": 5.0, "bo": 2.0}
    assert follow_text(f) == (
        "You chose practice 3 (Practice 3) on 12 March 2026. "
        "Ann stayed at 5.0 and Bo went from 1.0 to 2.0 (together, 3.0 to 3.5)."
    )
    (js,) = pair_json(pair)["follow_through"]  # for scripts: each partner's figures beside the combined
    assert js["far_apart"] is True and js["from"] == 3.0 and js["to"] == 3.5
    assert js["each_from"] == {"ann": 5.0, "bo": 1.0} and js["each_to"] == {"ann": 5.0, "bo": 2.0}
    assert js["each_latest"] == {} and js["text"] == follow_text(f)


def test_the_table_of_combined_scores_names_each_partners_for_views_far_apart_now(tmp_path: Path):
    """Under the table of combined scores, the practices far apart at the latest sitting with
    each partner's own score, in text and Markdown; nothing when none is."""
    d = tmp_path / "s"
    write_snapshot(snap("ann-and-bo", "2026-03-12T09:00:00+00:00", {3: 3}), d, BANK)
    write_snapshot(
        snap("ann-and-bo", "2026-06-20T09:00:00+00:00", per_partner={"ann": {3: 5}, "bo": {3: 1}}), d, BANK
    )
    h = load_history(d, BANK)
    note = (
        "The table gives combined figures. At your latest sitting your views were far apart on "
        "practice 3 (Ann 5.0, Bo 1.0). The brackets give each of your own scores."
    )
    assert note in " ".join(render_text(h).split())
    assert note in render_markdown(h)
    trio = tmp_path / "trio"  # Cy gave no score for practice 3: said so, not left out
    per = {"ann": {3: 5}, "bo": {3: 1}, "cy": {}}
    write_snapshot(
        snap(
            "ann-bo-and-cy",
            "2026-06-20T09:00:00+00:00",
            {1: 3, 2: 3, 4: 3, 5: 3},
            partners=("ann", "bo", "cy"),
            per_partner=per,
        ),
        trio,
        BANK,
    )
    assert "practice 3 (Ann 5.0, Bo 1.0, Cy no score)" in " ".join(
        render_text(load_history(trio, BANK)).split()
    )
    same = tmp_path / "same"  # far apart statement by statement, their own scores equal: said why
    ann, bo = {"learning.a": 5, "learning.b": 1}, {"learning.a": 1, "learning.b": 5}
    write_snapshot(
        snap("ann-and-bo", "2026-06-20T09:00:00+00:00", {3: 3}, extra={"ann": ann, "bo": bo}), same, BANK
    )
    said = " ".join(render_text(load_history(same, BANK)).split())
    assert "practice 3 (Ann 3.0, Bo 3.0)" in said, said
    assert (
        "Where your own scores are close, your answers to the same statements are 1.0 or more apart" in said
    )
    close = tmp_path / "close"
    write_snapshot(snap("ann-and-bo", "2026-06-20T09:00:00+00:00", {3: 4}), close, BANK)
    assert "The table gives combined figures" not in render_text(load_history(close, BANK))


def test_close_views_keep_the_short_sentence(tmp_path: Path):
    d = tmp_path / "s"
    write_snapshot(snap("ann-and-bo", "2026-03-12T09:00:00+00:00", {3: 2}, agreed=3), d, BANK)
    write_snapshot(snap("ann-and-bo", "2026-06-20T09:00:00+00:00", {3: 4}), d, BANK)
    (pair,) = load_history(d, BANK).pairs
    (f,) = pair.follow_through
    assert not f.apart
    assert follow_text(f).endswith("It went from 2.0 to 4.0.")


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (lambda e: e.pop("scores"), "no scores"),
        (lambda e: e.update(scores=None), "null"),
        (lambda e: e.update(scores={}), "empty"),
        (lambda e: e["scores"].pop("3"), "a practice left out"),
        (lambda e: e["scores"]["3"].pop("bo"), "a partner left out"),
        (lambda e: e["scores"]["3"].update(mallory=1.0), "someone not a partner"),
        (lambda e: e["scores"]["3"].update(bo=9.0), "out of range"),
        (lambda e: e["scores"]["3"].update(bo="1.0"), "a string"),
    ],
)
def test_a_cache_entry_without_each_partners_scores_is_read_afresh(tmp_path: Path, edit, why: str):
    """The kept scores are checked like every other cached figure: an entry that does not
    give each partner's own score (or null) for every practice is refused and its file read
    again, so the words for views far apart never lose a partner's figure."""
    d = tmp_path / "s"
    per = {"ann": {3: 5}, "bo": {3: 1}}
    # Aged files: history keeps only files old enough that a change would show (history/cache.py).
    save(snap("ann-and-bo", "2026-03-12T09:00:00+00:00", per_partner=per, agreed=3), d, bank=BANK)
    save(snap("ann-and-bo", "2026-06-20T09:00:00+00:00", per_partner=per), d, bank=BANK)
    load_history(d, BANK)
    edited = 0
    for cache in (tmp_path / "cache").glob("history-*.json"):
        data = json.loads(cache.read_text())
        for _, summary in data["entries"].values():  # [the file's stat key, its summary]
            edit(summary)
            edited += 1
        cache.write_text(json.dumps(data))
    assert edited == 2, why
    (pair,) = load_history(d, BANK).pairs
    text = follow_text(pair.follow_through[0])
    assert "Ann stayed at 5.0 and Bo stayed at 1.0 (together, it stayed at 3.0)." in text, (why, text)
    assert all(set(s.scores["3"]) == {"ann", "bo"} for s in pair.sittings)


def test_far_apart_without_figures_gives_no_average_alone():
    """Only a damaged record could hold no partner's figures for views far apart; even then
    the sentence gives no combined figure on its own."""
    f = FollowThrough(
        3, "Practice 3", "2026-03-12T09:00:00+00:00", "x", 3.0, 3.5, "2026-06-20T09:00:00+00:00", 3.0
    )
    f.apart = True
    text = follow_text(f)
    assert "3.0" not in text and "3.5" not in text and "far apart" in text, text


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_15_history_never_gives_a_combined_figure_alone_for_views_far_apart(
    data: st.DataObject, tmp_path_factory
):
    first = data.draw(snapshots(BANK, max_partners=4))
    n = len(first.partners)
    second = data.draw(snapshots(BANK, min_partners=n, max_partners=n))
    pids = [p.id for p in first.partners]
    same = {other.id: pid for pid, other in zip(pids, second.partners, strict=True)}  # second's ids → first's

    def renamed(value: object) -> object:  # "more:X" names a partner: the same one, renamed
        if isinstance(value, str) and ":" in value:
            kind, who = value.split(":", 1)
            return f"{kind}:{same[who]}"
        return value

    answers = {same[p]: {i: renamed(v) for i, v in a.items()} for p, a in second.answers.items()}
    second = replace(
        second, partners=first.partners, answers=answers, taken_at=first.taken_at + timedelta(days=90)
    )
    practice = data.draw(st.integers(1, 5))
    first = replace(first, agreed=Agreed(practice=practice))
    folder = tmp_path_factory.mktemp("pair")
    write_snapshot(first, folder, BANK)
    write_snapshot(second, folder, BANK)
    (pair,) = load_history(folder, BANK).pairs
    (f,) = pair.follow_through
    text = follow_text(f)
    then, now = compare(first, BANK).practice(practice), compare(second, BANK).practice(practice)
    assert f.apart == (then.apart or now.apart)
    note = apart_now_note(pair)  # under the table of combined scores: the latest sitting
    assert (f"practice {practice} (" in note) == (
        now.apart and any(v is not None for v in now.scores.values())
    )
    for pid, score in now.scores.items() if now.apart else ():
        if score is not None:
            assert f"{display_name(second.partners[pids.index(pid)].name)} {fmt1(score)}" in note, note
    if then.combined is None or now.combined is None:
        return  # no figure to give: "it cannot be compared yet"
    if not f.apart:
        assert "(together" not in text
        return
    head, _, tail = text.partition("(together")
    assert tail, text
    names = {p.id: display_name(p.name) for p in first.partners}
    for result in (then, now):
        for pid, score in result.scores.items():
            if score is not None:
                assert names[pid] in head and fmt1(score) in head, (pid, score, text)
